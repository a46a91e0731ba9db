//! Defaults set once: `config.toml` in the configuration directory, then
//! `GRILL_*` environment variables (and `NO_COLOR`), then flags — each
//! later one wins. clap reads the environment and flags; this module fills
//! what they left unset from the file, and `grill config` shows the result
//! and where each value came from.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use grill::config::{ColorChoice, Config, PagerChoice};
use grill::layout::cut;

use super::{Cli, Command, Out};

/// The settings file, when there is one.
pub struct Settings {
    pub config: Config,
    pub path: Option<PathBuf>,
}

impl Settings {
    /// Reads `config.toml` from the configuration directory (none is fine;
    /// a broken one is an error the candidate must fix).
    pub fn load() -> anyhow::Result<Settings> {
        let Some(dir) = grill::paths::config_dir() else {
            return Ok(Settings {
                config: Config::default(),
                path: None,
            });
        };
        match Config::load(&dir).map_err(|d| anyhow::anyhow!("{d}"))? {
            Some((config, path)) => Ok(Settings { config, path: Some(path) }),
            None => Ok(Settings {
                config: Config::default(),
                path: None,
            }),
        }
    }

    /// Fills the flags the command line and environment left unset.
    pub fn apply(&self, cli: &mut Cli) {
        let c = &self.config;
        let plan = match &mut cli.command {
            Some(Command::Plan(a)) => Some(&mut a.plan),
            Some(Command::Sheet(a)) => Some(&mut a.plan),
            Some(Command::Run(a)) => {
                if a.feedback.is_none() {
                    a.feedback = c.feedback.map(Into::into);
                }
                a.self_grade |= c.self_grade.unwrap_or(false);
                Some(&mut a.plan)
            }
            _ => None,
        };
        if let Some(plan) = plan {
            if plan.scenario.is_none() {
                plan.scenario.clone_from(&c.scenario);
            }
            plan.level = plan.level.or(c.level.map(super::place::LevelChoice::Fixed));
            plan.count = plan.count.or(c.count);
            plan.minutes = plan.minutes.or(c.minutes);
        }
    }

    /// Whether output may be coloured at all (a terminal still decides).
    pub fn colour_allowed(&self, no_color_flag: bool) -> bool {
        let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        !(no_color_flag || no_color_env || self.config.color == Some(ColorChoice::Never))
    }

    /// The pager command for long output, or `None` for none: `--no-pager`,
    /// else `$GRILL_PAGER`, else the file's `pager`, else `$PAGER`, else
    /// `less -R`.
    pub fn pager(&self, no_pager_flag: bool) -> Option<String> {
        if no_pager_flag {
            return None;
        }
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        if let Some(command) = env("GRILL_PAGER") {
            return Some(command);
        }
        match &self.config.pager {
            Some(PagerChoice::On(false)) => None,
            Some(PagerChoice::Command(command)) => Some(command.clone()),
            Some(PagerChoice::On(true)) | None => Some(env("PAGER").unwrap_or_else(|| "less -R".into())),
        }
    }
}

/// `grill config`: each setting's effective value and where it came from.
pub fn show(settings: &Settings, out: &mut Out) -> anyhow::Result<ExitCode> {
    let c = &settings.config;
    let file = settings.path.as_ref().map(|p| p.display().to_string());
    let from_file = file.as_deref().unwrap_or("config.toml");
    let mut o = String::new();
    match (&settings.path, grill::paths::config_dir()) {
        (Some(path), _) => {
            let _ = writeln!(o, "Settings file: {}", path.display());
        }
        (None, Some(dir)) => {
            let _ = writeln!(
                o,
                "No settings file; create {} to set defaults.",
                dir.join(grill::config::FILE_NAME).display()
            );
        }
        (None, None) => {
            let _ = writeln!(o, "No settings file (set GRILL_CONFIG_DIR or HOME to have one).");
        }
    }
    let _ = writeln!(o, "Flags given to a command override everything below.\n");
    let mut row = |key: &str, value: String, source: String| {
        let _ = writeln!(o, "  {key:<9} {:<24} {source}", cut(&value, 24));
    };
    let show = |v: Option<String>| v.unwrap_or_else(|| "—".into());
    let source = |env: &str, in_file: bool, default: &str| -> String {
        if std::env::var_os(env).is_some_and(|v| !v.is_empty()) {
            format!("from {env}")
        } else if in_file {
            format!("from {from_file}")
        } else {
            default.to_string()
        }
    };
    let env_or = |env: &str, file: Option<String>| std::env::var(env).ok().filter(|v| !v.is_empty()).or(file);
    row(
        "scenario",
        show(env_or("GRILL_SCENARIO", c.scenario.clone())),
        source("GRILL_SCENARIO", c.scenario.is_some(), "default: kubeflow-ops"),
    );
    row(
        "level",
        show(env_or("GRILL_LEVEL", c.level.map(|l| l.to_string()))),
        source("GRILL_LEVEL", c.level.is_some(), "default: the scenario's first level"),
    );
    row(
        "count",
        show(env_or("GRILL_COUNT", c.count.map(|n| n.to_string()))),
        source("GRILL_COUNT", c.count.is_some(), "default: the scenario's"),
    );
    row(
        "minutes",
        show(env_or("GRILL_MINUTES", c.minutes.map(|n| n.to_string()))),
        source("GRILL_MINUTES", c.minutes.is_some(), "default: the scenario's"),
    );
    row(
        "feedback",
        env_or("GRILL_FEEDBACK", c.feedback.map(|f| format!("{f:?}").to_lowercase())).unwrap_or_else(|| "end".into()),
        source("GRILL_FEEDBACK", c.feedback.is_some(), "default"),
    );
    row(
        "self_grade",
        c.self_grade.unwrap_or(false).to_string(),
        source("", c.self_grade.is_some(), "default"),
    );
    let colour = if !settings.colour_allowed(false) { "never" } else { "auto" };
    row(
        "color",
        colour.into(),
        source("NO_COLOR", c.color.is_some(), "default: on a terminal"),
    );
    let pager = settings.pager(false);
    let pager_source = if std::env::var_os("GRILL_PAGER").is_some_and(|v| !v.is_empty()) {
        "from GRILL_PAGER".to_string()
    } else if c.pager.is_some() {
        format!("from {from_file}")
    } else if std::env::var_os("PAGER").is_some_and(|v| !v.is_empty()) {
        "from PAGER".to_string()
    } else {
        "default: on a terminal, for long output".to_string()
    };
    row("pager", pager.unwrap_or_else(|| "off".into()), pager_source);
    out.print(&o)?;
    Ok(ExitCode::SUCCESS)
}
