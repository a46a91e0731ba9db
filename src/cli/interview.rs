//! `grill plan`, `grill sheet` and `grill run`: choosing an interview and
//! sitting it from an answer sheet.
//!
//! A new plan prefers questions not asked in recent sessions of the same
//! scenario and level (unless `--fresh`); a sheet records its questions, so
//! grading it rebuilds the same plan whatever history holds by then.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, anyhow};
use jiff::Timestamp;

use super::choose::{Chosen, choose};
use super::report::{finish_report, finish_report_then, format_of};
use super::{Out, PlanArgs, PlanFormat, RunArgs, SheetArgs};
use grill::diagnostic::SourceFile;
use grill::history::{History, Kind, Listing, SessionRecord, Source};
use grill::layout::mmss;
use grill::layout::wrap;
use grill::plan::{self as planner, Plan, PlanError};
use grill::report::Report;
use grill::session::terminal::Display;
use grill::sheet::{AnswerSheet, Listed, SheetHeader};

fn build(c: &Chosen) -> anyhow::Result<Plan> {
    let (scenario, level) = (&c.scenario, c.level);
    planner::plan_avoiding(&c.catalog, c.scenario(), level, c.options, &c.avoid)
        .map_err(anyhow::Error::new)
        .with_context(|| format!("cannot plan `{scenario}` at {level} level"))
}

/// Tells how many recently asked questions a new plan steered clear of.
fn note_avoided(c: &Chosen, p: &Plan) {
    if c.avoid.is_empty() {
        return;
    }
    let repeats = p.questions.iter().filter(|q| c.avoid.contains(&q.id)).count();
    let repeated = match repeats {
        0 => String::new(),
        n => format!(", {n} asked again (the pool is small)"),
    };
    eprintln!(
        "note: preferring questions your recent {} sessions at {} level did not ask: {} new{repeated}; --fresh ignores history",
        c.scenario,
        c.level,
        p.questions.len() - repeats,
    );
}

/// The plan of the questions a sheet lists, an error naming the sheet's
/// line when one does not fit.
fn listed_plan(c: &Chosen, sheet: &AnswerSheet, listed: &[Listed]) -> anyhow::Result<Plan> {
    let ids: Vec<String> = listed.iter().map(|l| l.id.clone()).collect();
    let result = match sheet.kind {
        Kind::Drill => planner::drill(&c.catalog, c.scenario(), c.level, &ids, c.options.seed),
        // Refused when the sheet is read: a placement has no fixed plan.
        Kind::Interview | Kind::Placement => planner::replay(&c.catalog, c.scenario(), c.level, c.options, &ids),
    };
    result.map_err(|e| {
        let at = match &e {
            PlanError::UnknownQuestion(id) | PlanError::NotAsked { id, .. } | PlanError::ListedTwice(id) => {
                listed.iter().rev().find(|l| &l.id == id).map(|l| format!("{}: ", l.origin))
            }
            _ => None,
        };
        anyhow!(
            "{}{e}\nhelp: fix `questions` in the sheet, or write a new one with `grill sheet` or `grill drill`",
            at.unwrap_or_default()
        )
    })
}

pub fn plan_text(p: &Plan, briefing: &str) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{} — {} level · {} questions · budget {} (questions {}) · seed {}",
        p.title,
        p.level,
        p.questions.len(),
        mmss(p.budget_seconds),
        mmss(p.planned_seconds()),
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
            let _ = writeln!(o, "\n== Round {}: {} ({}) ==", round + 1, r.title, mmss(r.budget_seconds));
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
            mmss(q.budget_seconds)
        );
    }
    let _ = writeln!(o, "\nPass mark {}. Repeat this plan with --seed {}.", p.pass_mark, p.seed);
    o
}

pub fn plan(dirs: &[PathBuf], args: &PlanArgs, out: &mut Out) -> anyhow::Result<ExitCode> {
    args.plan.fixed_level("plan")?;
    let chosen = choose(dirs, &args.plan, None)?;
    let p = build(&chosen)?;
    note_avoided(&chosen, &p);
    match args.format {
        PlanFormat::Json => out.print(&(serde_json::to_string_pretty(&p)? + "\n"))?,
        PlanFormat::Text => out.print(&plan_text(&p, &chosen.catalog.scenario(&chosen.scenario).expect("chosen").briefing))?,
    }
    Ok(ExitCode::SUCCESS)
}

pub fn sheet(dirs: &[PathBuf], args: &SheetArgs, out: &mut Out) -> anyhow::Result<ExitCode> {
    args.plan.fixed_level("sheet")?;
    let chosen = choose(dirs, &args.plan, None)?;
    let p = build(&chosen)?;
    note_avoided(&chosen, &p);
    let text = AnswerSheet::blank_with(
        &p,
        SheetHeader {
            kind: Kind::Interview,
            minutes: args.plan.minutes,
        },
    );
    match &args.output {
        Some(path) => {
            grill::atomic::write_output(path, &text, grill::atomic::Existing::from_force(args.force))?;
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
    if args.plan.level == Some(super::place::LevelChoice::Auto) {
        return super::place::run_auto(dirs, args, out);
    }
    let Some(answers) = &args.answers else {
        let chosen = choose(dirs, &args.plan, None)?;
        let plan = build(&chosen)?;
        return super::live::start(&chosen.catalog, plan, &super::live::LiveOptions::from_run(args), out);
    };
    let started = Timestamp::now();
    if args.review && !super::live::has_terminal(Display::Bars) {
        eprintln!("{}", super::review::review_needs_terminal());
        return Ok(ExitCode::from(2));
    }
    if let Some(path) = &args.export {
        format_of(path)?;
    }
    let src = SourceFile::read(answers).map_err(|d| anyhow::anyhow!("{d}"))?;
    let mut sheet = AnswerSheet::parse(&src)
        .map_err(anyhow::Error::new)
        .context("cannot read the answer sheet")?;
    let chosen = choose(dirs, &args.plan, Some(&sheet))?;
    sheet
        .resolve_self_points(&src, |id| chosen.catalog.question(id).map(|q| &q.key_points[..]))
        .map_err(anyhow::Error::new)
        .context("cannot read the answer sheet")?;
    let p = match &sheet.questions {
        Some(listed) => {
            if args.plan.count.is_some_and(|n| n != listed.len()) {
                eprintln!("note: the sheet lists its {} questions; --count is ignored", listed.len());
            }
            listed_plan(&chosen, &sheet, listed)?
        }
        None => {
            if chosen.random_seed {
                eprintln!(
                    "note: no seed given, using {}; the sheet's answers may not match this plan (pass --seed)",
                    chosen.options.seed
                );
            }
            build(&chosen)?
        }
    };
    let grader = chosen.catalog.grader();
    let report = Report::grade(&p, &chosen.catalog, &grader, &sheet.answers);
    let record = SessionRecord::new(&p, report, sheet.kind, Source::Sheet, started, Timestamp::now());
    if !args.review {
        return finish_report(&record, !args.no_save, args.format.into(), args.export.as_deref(), out);
    }
    let history = History::from_env();
    let mut review = |saved: &SessionRecord, listing: &Listing| {
        super::review::walk(&chosen.catalog, &history, listing.review(&saved.id), saved, Display::Bars).map(|(_, r)| r)
    };
    finish_report_then(&record, true, args.format.into(), args.export.as_deref(), out, Some(&mut review))
}
