//! `config.toml` in grill's configuration directory: defaults the candidate
//! sets once (scenario, level, size, feedback, colour, pager) instead of
//! passing flags every time. Flags and environment variables still win
//! (file < environment < flag); the command line applies that order.
//!
//! The candidate asked for this file explicitly, so a mistake in it stops
//! the command with a located error (file:line:col, what to write instead)
//! rather than being ignored.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::bank::Level;
use crate::diagnostic::{Diagnostic, SourceFile};
use crate::session::Feedback;

/// The file's name inside the configuration directory.
pub const FILE_NAME: &str = "config.toml";

/// Settings read from `config.toml`; each absent key is `None`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Scenario id for `plan`, `sheet`, `run` and the start menu.
    pub scenario: Option<String>,
    pub level: Option<Level>,
    /// Number of questions.
    pub count: Option<usize>,
    /// Time budget in minutes.
    pub minutes: Option<u32>,
    pub feedback: Option<Feedback>,
    pub color: Option<ColorChoice>,
    pub pager: Option<PagerChoice>,
    /// Rate each live answer against the reference (`run --self-grade`).
    pub self_grade: Option<bool>,
}

/// When output is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColorChoice {
    /// Only on a terminal, and not with `NO_COLOR`.
    Auto,
    /// Never.
    Never,
}

/// Whether and how long output is paged.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum PagerChoice {
    /// `true`: the default pager (`$GRILL_PAGER`, `$PAGER`, `less -R`);
    /// `false`: never page.
    On(bool),
    /// This command line, run by the shell.
    Command(String),
}

impl Config {
    /// Reads `config.toml` from `dir`: `Ok(None)` when there is no such
    /// file, a located diagnostic when it cannot be read or holds a key or
    /// value grill does not know.
    pub fn load(dir: &Path) -> Result<Option<(Config, PathBuf)>, Diagnostic> {
        let path = dir.join(FILE_NAME);
        if !path.exists() {
            return Ok(None);
        }
        let src = SourceFile::read(&path)?;
        Config::parse(&src).map(|c| Some((c, path)))
    }

    /// Parses the text of a `config.toml`.
    pub fn parse(src: &SourceFile) -> Result<Config, Diagnostic> {
        let config: Config = toml::from_str(&src.text).map_err(|e| {
            let mut d = src.toml_error(&e);
            d.help = Some(HELP.into());
            d
        })?;
        if let Some(minutes) = config.minutes
            && !(1..=1440).contains(&minutes)
        {
            return Err(at_key(src, "minutes", "`minutes` must be between 1 and 1440"));
        }
        if config.count == Some(0) {
            return Err(at_key(src, "count", "`count` must be at least 1"));
        }
        if let Some(PagerChoice::Command(c)) = &config.pager
            && c.trim().is_empty()
        {
            return Err(at_key(src, "pager", "`pager` is an empty command"));
        }
        Ok(config)
    }
}

/// What a valid file may hold, shown under every error in it.
const HELP: &str = "config.toml takes: scenario = \"ID\", level = \"junior\"|\"mid\"|\"senior\", count = N, minutes = N (1-1440), feedback = \"instant\"|\"end\", color = \"auto\"|\"never\", pager = true|false|\"COMMAND\", self_grade = true|false";

/// An error located at the line that sets `key`.
fn at_key(src: &SourceFile, key: &str, message: &str) -> Diagnostic {
    let offset = src
        .text
        .lines()
        .scan(0, |start, line| {
            let here = *start;
            *start += line.len() + 1;
            Some((here, line))
        })
        .find(|(_, line)| line.trim_start().strip_prefix(key).is_some_and(|r| r.trim_start().starts_with('=')))
        .map_or(0, |(here, line)| here + (line.len() - line.trim_start().len()));
    src.error_at(offset..offset + key.len(), message).with_help(HELP)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Diagnostic> {
        Config::parse(&SourceFile::new("config.toml", text))
    }

    #[test]
    fn every_key_reads() {
        let c = parse("scenario = \"devops\"\nlevel = \"senior\"\ncount = 4\nminutes = 20\nfeedback = \"instant\"\ncolor = \"never\"\npager = \"more\"\n").unwrap();
        assert_eq!(c.scenario.as_deref(), Some("devops"));
        assert_eq!(c.level, Some(Level::Senior));
        assert_eq!((c.count, c.minutes), (Some(4), Some(20)));
        assert_eq!(c.feedback, Some(Feedback::Instant));
        assert_eq!(c.color, Some(ColorChoice::Never));
        assert_eq!(c.pager, Some(PagerChoice::Command("more".into())));
        assert_eq!(parse("pager = false\n").unwrap().pager, Some(PagerChoice::On(false)));
        assert_eq!(parse("").unwrap(), Config::default());
    }

    #[test]
    fn mistakes_are_located_and_say_what_is_allowed() {
        let d = parse("level = \"mid\"\nlevle = \"senior\"\n").unwrap_err();
        assert_eq!(d.location(), "config.toml:2:1", "{d}");
        assert!(d.to_string().contains("level = \"junior\""), "{d}");
        let d = parse("level = \"expert\"\n").unwrap_err();
        assert_eq!(d.location(), "config.toml:1:9", "{d}");
        let d = parse("count = 3\nminutes = 0\n").unwrap_err();
        assert_eq!(d.location(), "config.toml:2:1", "{d}");
        assert!(d.to_string().contains("between 1 and 1440"), "{d}");
    }
}
