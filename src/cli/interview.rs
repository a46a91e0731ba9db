//! `grill plan`, `grill sheet` and `grill run`: choosing an interview and
//! sitting it from an answer sheet.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, bail};

use super::{Out, PlanArgs, PlanFlags, PlanFormat, RunArgs, SheetArgs, load_catalog};
use crate::bank::Level;
use crate::catalog::Catalog;
use crate::diagnostic::SourceFile;
use crate::export::{Format, render};
use crate::plan::{self as planner, Plan, PlanOptions, clock};
use crate::report::{Report, wrap};
use crate::sheet::AnswerSheet;

/// The scenario a bare `grill` offers first.
pub const DEFAULT_SCENARIO: &str = "kubeflow-ops";

/// The interview the flags ask for, gaps filled from an answer sheet.
struct Chosen {
    catalog: Catalog,
    scenario: String,
    level: Level,
    options: PlanOptions,
    /// No seed was given: one was drawn at random.
    random_seed: bool,
}

fn choose(dirs: &[PathBuf], flags: &PlanFlags, sheet: Option<&AnswerSheet>) -> anyhow::Result<Chosen> {
    let mut files = Vec::new();
    let mut scenario = flags.scenario.clone().or_else(|| sheet.and_then(|s| s.scenario.clone()));
    // A scenario may be named by the path of its file.
    if let Some(s) = scenario.clone().filter(|s| s.ends_with(".toml") || Path::new(s).is_file()) {
        let path = PathBuf::from(&s);
        let src = SourceFile::read(&path).map_err(|d| anyhow::anyhow!("{d}"))?;
        let parsed = crate::scenario::Scenario::parse(&src)
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
    let level = match flags.level.or(sheet.and_then(|s| s.level)) {
        Some(l) => l,
        None => found.levels().next().context("the scenario offers no level")?,
    };
    let given = flags.seed.or(sheet.and_then(|s| s.seed));
    let options = PlanOptions {
        count: flags.count,
        minutes: flags.minutes,
        seed: given.unwrap_or_else(|| u64::from(rand::random::<u32>())),
    };
    Ok(Chosen {
        catalog,
        scenario,
        level,
        options,
        random_seed: given.is_none(),
    })
}

fn build(c: &Chosen) -> anyhow::Result<Plan> {
    let (scenario, level) = (&c.scenario, c.level);
    let s = c.catalog.scenario(scenario).expect("chosen from the catalog");
    planner::plan(&c.catalog, s, level, c.options)
        .map_err(anyhow::Error::new)
        .with_context(|| format!("cannot plan `{scenario}` at {level} level"))
}

pub fn plan_text(p: &Plan, briefing: &str) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{} — {} level · {} questions · budget {} (questions {}) · seed {}",
        p.title,
        p.level,
        p.questions.len(),
        clock(p.budget_seconds),
        clock(p.planned_seconds()),
        p.seed
    );
    if !briefing.is_empty() {
        let _ = writeln!(o, "\n{}", wrap(briefing, 78, ""));
    }
    let mut round = usize::MAX;
    for (i, q) in p.questions.iter().enumerate() {
        if p.rounds.len() > 1 && q.round != round {
            round = q.round;
            let r = &p.rounds[round];
            let _ = writeln!(o, "\n== Round {}: {} ({}) ==", round + 1, r.title, clock(r.budget_seconds));
        } else if i == 0 {
            let _ = writeln!(o);
        }
        let _ = writeln!(
            o,
            "{:>2}. {:<9} {}",
            i + 1,
            q.id,
            wrap(&q.prompt, 78, "              ").trim_start()
        );
        let _ = writeln!(
            o,
            "              {} · difficulty {} · {}",
            q.topic,
            q.difficulty,
            clock(q.budget_seconds)
        );
    }
    let _ = writeln!(o, "\nPass mark {}. Repeat this plan with --seed {}.", p.pass_mark, p.seed);
    o
}

pub fn plan(dirs: &[PathBuf], args: &PlanArgs, out: &mut Out) -> anyhow::Result<ExitCode> {
    let chosen = choose(dirs, &args.plan, None)?;
    let p = build(&chosen)?;
    match args.format {
        PlanFormat::Json => out.print(&(serde_json::to_string_pretty(&p)? + "\n"))?,
        PlanFormat::Text => out.print(&plan_text(&p, &chosen.catalog.scenario(&chosen.scenario).expect("chosen").briefing))?,
    }
    Ok(ExitCode::SUCCESS)
}

pub fn sheet(dirs: &[PathBuf], args: &SheetArgs, out: &mut Out) -> anyhow::Result<ExitCode> {
    let p = build(&choose(dirs, &args.plan, None)?)?;
    let text = AnswerSheet::blank(&p);
    match &args.output {
        Some(path) => {
            if path.exists() && !args.force {
                bail!(
                    "{} already exists and may hold answers; choose another file or pass --force to replace it",
                    path.display()
                );
            }
            crate::atomic::write(path, &text)?;
            eprintln!(
                "Wrote a blank sheet of {} questions to {}.\nFill it in, then: grill run --answers {}",
                p.questions.len(),
                path.display(),
                path.display()
            );
        }
        None => out.print(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run(dirs: &[PathBuf], args: &RunArgs, out: &mut Out) -> anyhow::Result<ExitCode> {
    let Some(answers) = &args.answers else {
        let chosen = choose(dirs, &args.plan, None)?;
        let plan = build(&chosen)?;
        return super::live::start(&chosen.catalog, plan, &super::live::LiveOptions::from_run(args), out);
    };
    let src = SourceFile::read(answers).map_err(|d| anyhow::anyhow!("{d}"))?;
    let sheet = AnswerSheet::parse(&src)
        .map_err(anyhow::Error::new)
        .context("cannot read the answer sheet")?;
    let chosen = choose(dirs, &args.plan, Some(&sheet))?;
    if chosen.random_seed {
        eprintln!(
            "note: no seed given, using {}; the sheet's answers may not match this plan (pass --seed)",
            chosen.options.seed
        );
    }
    let p = build(&chosen)?;
    let grader = chosen.catalog.grader();
    let report = Report::grade(&p, &chosen.catalog, &grader, &sheet.answers);
    finish_report(&report, args.format, args.export.as_deref(), out)
}

/// Prints a finished report's warnings and the report, writes the export
/// file if one was asked for, and picks the exit code from the result.
pub fn finish_report(report: &Report, format: Format, export: Option<&Path>, out: &mut Out) -> anyhow::Result<ExitCode> {
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    if let Some(path) = export {
        let file_format = Format::from_path(path).with_context(|| {
            format!(
                "cannot tell the format of {} from its extension; use .json, .md or .txt",
                path.display()
            )
        })?;
        crate::atomic::write(path, &render(report, file_format))?;
        eprintln!("Report written to {}", path.display());
    }
    out.print(&render(report, format))?;
    Ok(if report.passed { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
