//! The live loop's placement mode (`grill place`, `grill run --level auto`):
//! before each question the loop asks here for the next one, chosen by
//! [`crate::placement::next`] from the grades of the answers so far, or
//! for why to stop; at the end the report gains its [`Placement`].
//!
//! The question asked is appended to the progress file's plan before it is
//! asked, and the choice is a pure function of the seed and the answers
//! (graded by the pure grader), so `grill resume` continues the very same
//! placement. Where the candidate rated an answer (`--self-grade`), their
//! own grade is the credit the estimate uses.

use crate::catalog::Catalog;
use crate::grade::Grader;
use crate::layout::{mmss, plural};
use crate::placement::{self, Answered, Bands, Limits, Placement, Stop};
use crate::report::Report;

use super::{Feedback, Progress};

impl Progress {
    /// A new live placement over `plan` (from [`placement::interview::plan`]).
    pub fn placement(plan: crate::plan::Plan, feedback: Feedback, limits: Limits) -> Progress {
        let mut progress = Progress::new(plan, feedback);
        progress.id = format!(
            "{}-place",
            progress.id.rsplit_once('-').map_or(progress.id.as_str(), |(head, _)| head)
        );
        progress.placement = Some(limits);
        progress
    }
}

/// The credit (0–1) of each planned question of `report` for the
/// estimate: the candidate's own grade where they gave one, else the
/// grader's score (hint and overtime costs taken off); a skip earns 0.
fn credits(report: &Report) -> Vec<Answered> {
    report
        .questions
        .iter()
        .filter(|q| q.is_planned())
        .map(|q| Answered {
            id: q.id.clone(),
            credit: q.own.self_score.unwrap_or(q.score).clamp(0.0, 100.0) / 100.0,
        })
        .collect()
}

/// The scenario's pool and bands; `None` when the scenario is gone.
fn setting(progress: &Progress, catalog: &Catalog) -> Option<(Vec<placement::Item>, Bands)> {
    let scenario = catalog.scenario(&progress.plan.scenario)?;
    Some((placement::pool(catalog, scenario), Bands::new(scenario.levels())?))
}

/// Adds the next question to the plan, or says why the placement stops.
pub(super) fn extend(progress: &mut Progress, limits: Limits, catalog: &Catalog, grader: &Grader) -> Option<Stop> {
    let Some((pool, bands)) = setting(progress, catalog) else {
        return Some(Stop::NoQuestions);
    };
    if progress.elapsed_ms >= u64::from(progress.plan.budget_seconds) * 1000 {
        return Some(Stop::OutOfTime);
    }
    let report = Report::grade(&progress.plan, catalog, grader, &progress.answers());
    let answered = credits(&report);
    let estimate = placement::estimate::estimate(&placement::responses(&pool, &answered));
    let left = pool.iter().filter(|i| !answered.iter().any(|a| a.id == i.id)).count();
    if let Some(stop) = placement::stop(answered.len(), left, &estimate, &bands, limits) {
        return Some(stop);
    }
    let scenario = catalog.scenario(&progress.plan.scenario)?;
    let planned =
        placement::next(&pool, &answered, progress.plan.seed).and_then(|item| placement::interview::planned(catalog, scenario, item));
    match planned {
        Some(q) => {
            progress.plan.questions.push(q);
            None
        }
        None => Some(Stop::NoQuestions),
    }
}

/// What the candidate is told when the placement stops.
pub(super) fn stopped(stop: Stop, asked: usize) -> String {
    match stop {
        Stop::Settled => format!("The placement is sure of your level after {}.", plural(asked, "question")),
        Stop::MostQuestions => format!("That was the last question: a placement asks at most {asked}."),
        Stop::NoQuestions => "No question is left to ask.".to_string(),
        Stop::OutOfTime => "The placement's time is up.".to_string(),
    }
}

/// The question's number as the header shows it: `3, up to 12`.
pub(super) fn number(progress: &Progress, limits: Limits) -> String {
    format!("{}, up to {}", progress.next + 1, limits.max)
}

/// The briefing of a placement: what it does and how it decides.
pub(super) fn briefing(progress: &Progress, limits: Limits, catalog: &Catalog) -> String {
    let scenario = catalog.scenario(&progress.plan.scenario);
    let levels: Vec<String> = scenario.map(|s| s.levels().map(|l| l.to_string()).collect()).unwrap_or_default();
    let mut text = format!(
        "A placement: which level do you interview at? It starts with a mid-level question of middle difficulty, then asks harder questions after strong answers and easier ones after weak ones, until it is sure of your level — {} to {} questions, {} in all. Levels: {}. Behavioural questions are left out.",
        limits.min,
        limits.max,
        mmss(progress.plan.budget_seconds),
        levels.join(", ")
    );
    if scenario.is_some_and(|s| !s.offers(crate::bank::Level::Senior)) {
        text += &format!(
            "\nThis scenario has no senior level: it places you at {} at most.",
            levels.last().map_or("its levels", String::as_str)
        );
    }
    if progress.self_grade {
        text += "\nYou rate each answer after giving it; your own grade is what the placement uses.";
    }
    text + "\nType :help at any time for commands."
}

/// Sums the placement up into `report`: its `placement`, the level placed
/// (the lowest offered when below it), no pass mark, and `passed` when a
/// level was named with confidence.
pub(super) fn conclude(progress: &Progress, catalog: &Catalog, report: &mut Report) {
    let Some((pool, bands)) = setting(progress, catalog) else {
        return;
    };
    let answered = credits(report);
    let self_graded = report.questions.iter().any(|q| q.own.self_score.is_some());
    let p = Placement::conclude(&bands, &pool, &answered, self_graded);
    report.level = p.level.level().unwrap_or(bands.levels()[0]);
    report.pass_mark = None;
    report.passed = p.confident && p.level.level().is_some();
    report.placement = Some(p);
}
