//! Choosing the interview the flags (and an answer sheet) ask for: the
//! scenario, level, seed and size, and the recently asked questions a new
//! plan should avoid. Shared by `plan`, `sheet`, `run` and the live start.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

use super::history::warn_problems;
use super::place::LevelChoice;
use super::{PlanFlags, load_catalog};
use grill::bank::Level;
use grill::catalog::Catalog;
use grill::diagnostic::SourceFile;
use grill::history::History;
use grill::plan::{self as planner, PlanOptions};
use grill::scenario::Scenario;
use grill::sheet::AnswerSheet;

/// The scenario a bare `grill` offers first.
pub const DEFAULT_SCENARIO: &str = "kubeflow-ops";

/// The interview the flags ask for, gaps filled from an answer sheet.
pub(super) struct Chosen {
    pub catalog: Catalog,
    pub scenario: String,
    pub level: Level,
    pub options: PlanOptions,
    /// No seed was given: one was drawn at random.
    pub random_seed: bool,
    /// Questions asked recently, for a new plan to avoid (none with
    /// `--fresh` or when grading a sheet).
    pub avoid: BTreeSet<String>,
}

impl Chosen {
    pub fn scenario(&self) -> &Scenario {
        self.catalog.scenario(&self.scenario).expect("chosen from the catalog")
    }
}

pub(super) fn choose(dirs: &[PathBuf], flags: &PlanFlags, sheet: Option<&AnswerSheet>) -> anyhow::Result<Chosen> {
    let mut files = Vec::new();
    let mut scenario = flags.scenario.clone().or_else(|| sheet.and_then(|s| s.scenario.clone()));
    // A scenario may be named by the path of its file.
    if let Some(s) = scenario.clone().filter(|s| s.ends_with(".toml") || Path::new(s).is_file()) {
        let path = PathBuf::from(&s);
        let src = SourceFile::read(&path).map_err(|d| anyhow::anyhow!("{d}"))?;
        let parsed = grill::scenario::Scenario::parse(&src)
            .map_err(anyhow::Error::new)
            .with_context(|| format!("cannot read scenario `{s}`"))?;
        files.push(path);
        scenario = Some(parsed.id);
    }
    let catalog = load_catalog(dirs, files)?;
    let scenario = scenario.unwrap_or_else(|| DEFAULT_SCENARIO.to_string());
    let Some(found) = catalog.scenario(&scenario) else {
        let known: Vec<&str> = catalog.scenarios.iter().map(|s| s.id.as_str()).collect();
        bail!("no scenario `{scenario}`; known scenarios: {}", known.join(", "));
    };
    // `auto` is the caller's to handle (`run` places, `plan` and `sheet` refuse it).
    let fixed = flags.level.and_then(|l| match l {
        LevelChoice::Fixed(level) => Some(level),
        LevelChoice::Auto => None,
    });
    let level = match fixed.or(sheet.and_then(|s| s.level)) {
        Some(l) => l,
        None => found.levels().next().context("the scenario offers no level")?,
    };
    let given = flags.seed.or(sheet.and_then(|s| s.seed));
    let options = PlanOptions {
        count: flags.count,
        minutes: flags.minutes.or(sheet.and_then(|s| s.minutes)),
        seed: given.unwrap_or_else(|| u64::from(rand::random::<u32>())),
    };
    let avoid = match sheet.is_none() && !flags.fresh {
        true => recently_asked(&catalog, found, level, flags.count),
        false => BTreeSet::new(),
    };
    Ok(Chosen {
        catalog,
        scenario,
        level,
        options,
        random_seed: given.is_none(),
        avoid,
    })
}

/// The questions of recent sessions of `scenario` at `level` to avoid
/// asking again; none when history cannot be read (a warning says why).
pub(super) fn recently_asked(catalog: &Catalog, scenario: &Scenario, level: Level, count: Option<usize>) -> BTreeSet<String> {
    let listing = match History::from_env().list() {
        Ok(listing) => listing,
        Err(e) => {
            eprintln!("warning: history not read, so recent questions may come back: {e:#}");
            return BTreeSet::new();
        }
    };
    warn_problems(&listing);
    let recent = listing
        .sessions
        .iter()
        .rev()
        .filter(|s| s.report.scenario == scenario.id && s.report.level == level)
        .map(|s| s.planned.as_slice());
    planner::recent_to_avoid(catalog, scenario, level, count, recent)
}
