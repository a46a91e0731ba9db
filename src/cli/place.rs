//! `grill place [SCENARIO]` and `grill run SCENARIO --level auto`: the
//! adaptive placement, a live interview that finds the candidate's level.
//! The flags become a placement plan (`grill::placement::interview`) and
//! the live loop (`live.rs`) asks it; `plan` and `sheet` refuse `auto`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::str::FromStr;

use clap::Args;

use super::choose::{DEFAULT_SCENARIO, choose};
use super::live::{self, LiveOptions};
use super::{FeedbackArg, Out, PlanFlags, ReportFormat, RunArgs, shell};
use grill::bank::Level;
use grill::placement::{self, Limits};
use grill::session::terminal::Display;

/// `--level`: a level to sit, or `auto` to find it (`run` only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LevelChoice {
    Fixed(Level),
    /// An adaptive placement instead of an interview at one level.
    Auto,
}

impl FromStr for LevelChoice {
    type Err = String;
    fn from_str(s: &str) -> Result<LevelChoice, String> {
        if s.trim().eq_ignore_ascii_case("auto") {
            return Ok(LevelChoice::Auto);
        }
        s.parse()
            .map(LevelChoice::Fixed)
            .map_err(|_| format!("unknown level `{}`: expected junior, mid, senior or auto", s.trim()))
    }
}

impl PlanFlags {
    /// The fixed level asked for, if any; `auto` is an error naming
    /// `command`, which needs a fixed level.
    pub fn fixed_level(&self, command: &str) -> anyhow::Result<Option<Level>> {
        match self.level {
            Some(LevelChoice::Auto) => anyhow::bail!(
                "`--level auto` finds your level in a live placement, so `grill {command}` cannot use it; name a level (junior, mid or senior), or sit the placement with `grill place` or `grill run --level auto`"
            ),
            Some(LevelChoice::Fixed(level)) => Ok(Some(level)),
            None => Ok(None),
        }
    }
}

#[derive(Debug, Args)]
pub struct PlaceArgs {
    /// Scenario id or scenario file (default: the KubeFlow Ops ladder).
    #[arg(add = shell::scenario_ids())]
    pub scenario: Option<String>,
    /// Total time budget in minutes (default: the scenario's time per question, for 12).
    #[arg(long, short, value_parser = clap::value_parser!(u32).range(1..=1440))]
    pub minutes: Option<u32>,
    /// The most questions to ask (default 12; never fewer than 6 unless this is lower).
    #[arg(long, short = 'n', value_parser = clap::value_parser!(u16).range(1..=100))]
    pub count: Option<u16>,
    /// Seed for the order of equally good questions (default: random).
    #[arg(long, short, value_parser = clap::value_parser!(u64).range(..=grill::plan::MAX_SEED))]
    pub seed: Option<u64>,
    /// Show the score and missed points after each answer (`instant`) or only at the end.
    #[arg(long, value_enum, env = "GRILL_FEEDBACK")]
    pub feedback: Option<FeedbackArg>,
    /// Print time as text lines instead of a redrawn bar.
    #[arg(long)]
    pub plain: bool,
    /// Rate each answer yourself after giving it; your grade is what the placement uses.
    #[arg(long)]
    pub self_grade: bool,
    /// How to print the report.
    #[arg(long, short, value_enum, default_value = "text")]
    pub format: ReportFormat,
    /// Also write the report to FILE (format from its extension).
    #[arg(long, value_name = "FILE")]
    pub export: Option<PathBuf>,
    /// Do not save the placement to history.
    #[arg(long)]
    pub no_save: bool,
}

/// `grill place`.
pub fn place(dirs: &[PathBuf], args: &PlaceArgs, out: &mut Out) -> anyhow::Result<ExitCode> {
    let flags = PlanFlags {
        scenario: Some(args.scenario.clone().unwrap_or_else(|| DEFAULT_SCENARIO.to_string())),
        level: None,
        count: args.count.map(usize::from),
        minutes: args.minutes,
        seed: args.seed,
        fresh: true,
    };
    let options = LiveOptions {
        display: if args.plain { Display::Plain } else { Display::Bars },
        feedback: args.feedback.map(Into::into).unwrap_or_default(),
        export: args.export.clone(),
        format: args.format.into(),
        save: !args.no_save,
        self_grade: args.self_grade,
    };
    start(dirs, &flags, &options, out)
}

/// `grill run --level auto`: a placement with `run`'s flags.
pub fn run_auto(dirs: &[PathBuf], args: &RunArgs, out: &mut Out) -> anyhow::Result<ExitCode> {
    if args.answers.is_some() {
        anyhow::bail!("`--level auto` is a live placement and cannot grade an answer sheet; drop `--answers`, or name the sheet's level");
    }
    let flags = PlanFlags {
        level: None,
        fresh: true,
        ..args.plan.clone()
    };
    start(dirs, &flags, &LiveOptions::from_run(args), out)
}

fn start(dirs: &[PathBuf], flags: &PlanFlags, options: &LiveOptions, out: &mut Out) -> anyhow::Result<ExitCode> {
    let chosen = choose(dirs, flags, None)?;
    let scenario = chosen.scenario();
    let limits = match flags.count {
        Some(max) => Limits {
            min: Limits::default().min.min(max),
            max,
        },
        None => Limits::default(),
    };
    let pool = placement::pool(&chosen.catalog, scenario);
    let plan = placement::interview::plan(scenario, &pool, chosen.options.seed, flags.minutes, limits)?;
    live::start_placement(&chosen.catalog, plan, limits, options, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_parse_with_auto_and_say_what_is_expected() {
        assert_eq!("auto".parse::<LevelChoice>(), Ok(LevelChoice::Auto));
        assert_eq!(" Mid".parse::<LevelChoice>(), Ok(LevelChoice::Fixed(Level::Mid)));
        assert_eq!(
            "expert".parse::<LevelChoice>().unwrap_err(),
            "unknown level `expert`: expected junior, mid, senior or auto"
        );
    }
}
