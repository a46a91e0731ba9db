//! The report of one interview: every question's score, verdict, covered
//! and missed points and time, per-topic and overall results, pass or fail —
//! built from a plan and the answers given, and shown in the terminal.
//!
//! This module owns the report's shape (and how older versions of it are
//! brought up to date), which every format shares; `score.rs` computes a
//! report from answers. Rendering for people — the terminal text, Markdown,
//! HTML, JSON — lives in [`crate::export`].

mod score;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use self::score::HINT_COST;
use self::score::mean;
pub(crate) use self::score::round1;
use crate::bank::{KeyPoint, Level};
use crate::grade::{PointDetail, Stated, Verdict, borderline};
use crate::layout::{mmss, plural};
use crate::placement::Placement;
use crate::plan::Plan;
use crate::selfgrade::{SelfAssessment, SelfGrade, SelfSummary};

/// Version of the report's JSON shape; bumped when a field changes meaning.
/// 2: verdicts are strong / adequate / weak / missed (1 said strong / good
/// / partial / weak for the same bands); `borderline`, `details` and
/// `notes` added. 3: a graded follow-up is its own item (its own id, with
/// `follows` naming the parent) and no longer counts in `score`; `depth`
/// summarises the follow-ups, `rounds` the rounds; the candidate's own grades
/// (`self_score`, `self_rating`, `self_points`, `disagreement` per
/// question; `self_score`, `self_rated`, `grader_score_same` overall) —
/// absent before, unrated; `misconceptions` per question (wrong claims
/// stated, none before); `placement` (a placement's result, null
/// otherwise) and `pass_mark` null for a placement.
pub const REPORT_VERSION: u32 = 3;

/// One question's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionReport {
    pub id: String,
    pub prompt: String,
    pub topic: String,
    pub level: Level,
    pub round: String,
    pub score: f64,
    pub verdict: Verdict,
    /// The score is within a few points of a verdict band's edge.
    #[serde(default)]
    pub borderline: bool,
    pub covered: Vec<String>,
    pub missed: Vec<String>,
    /// Each key point: what in the answer matched it, or the reference
    /// sentence it comes from (empty in reports older than version 2).
    #[serde(default)]
    pub details: Vec<PointDetail>,
    /// Remarks on the answer as a whole that cost points.
    #[serde(default)]
    pub notes: Vec<String>,
    /// Wrong claims the answer stated — a rubric's misconception or two
    /// sides of a comparison swapped — each with what is true instead
    /// (version 3; none in older reports, whose scores stand as stored).
    #[serde(default)]
    pub misconceptions: Vec<Stated>,
    pub answer: String,
    pub reference: String,
    /// Seconds taken, when known.
    pub seconds: Option<u32>,
    pub budget_seconds: u32,
    pub over_budget: bool,
    pub skipped: bool,
    /// Hints asked for during a live interview (each costs [`HINT_COST`]).
    #[serde(default)]
    pub hints: u32,
    /// Points taken off for hints and time over budget.
    #[serde(default)]
    pub penalty: f64,
    /// A follow-up question asked after a planned one (see `follows`).
    #[serde(default)]
    pub follow_up: bool,
    /// The planned question this follow-up was asked after. Reports before
    /// version 3 left it out and gave the follow-up its parent's id.
    #[serde(default)]
    pub follows: Option<String>,
    /// A follow-up of the old plain form: asked as practice, with no rubric
    /// to grade it against, so it has no score.
    #[serde(default)]
    pub ungraded: bool,
    /// The candidate's own grade beside this one (version 3; unrated before).
    #[serde(flatten)]
    pub own: SelfAssessment,
}

impl QuestionReport {
    /// The time taken against the budget, as exported reports show it.
    pub fn time_text(&self) -> String {
        match self.seconds {
            Some(s) => format!(
                "{} of {}{}",
                mmss(s),
                mmss(self.budget_seconds),
                if self.over_budget { " — over budget" } else { "" }
            ),
            None => format!("budget {}", mmss(self.budget_seconds)),
        }
    }

    /// The verdict as reports print it: `weak`, or `weak, borderline`.
    pub fn verdict_text(&self) -> String {
        if self.ungraded && !self.skipped {
            return "practice, ungraded".into();
        }
        self.verdict.label(self.borderline)
    }

    /// ` · follow-up of kfo-j15`, ` · 1 hint −10.0` ` · overtime −5.0`
    /// when they apply.
    pub fn notes(&self) -> String {
        let mut notes = String::new();
        if self.follow_up {
            notes += " · follow-up";
            if let Some(parent) = &self.follows {
                notes += &format!(" of {parent}");
            }
        }
        for (what, cost) in self.penalties() {
            notes += &format!(" · {what} −{cost:.1}");
        }
        notes
    }

    /// What was taken off and why: `("2 hints", 20.0)`, `("overtime", 5.0)`.
    /// The stored `penalty` is capped at the raw score, so the overtime
    /// share is what is left after the hints.
    pub fn penalties(&self) -> Vec<(String, f64)> {
        let mut out = Vec::new();
        if self.penalty <= 0.0 && self.hints == 0 {
            return out;
        }
        let hints = (f64::from(self.hints) * HINT_COST).min(self.penalty);
        if self.hints > 0 {
            out.push((plural(self.hints as usize, "hint"), round1(hints)));
        }
        let overtime = round1(self.penalty - hints);
        if overtime > 0.0 {
            out.push(("overtime".to_string(), overtime));
        }
        out
    }

    /// Whether it counts in the interview's score: planned questions do,
    /// follow-ups measure depth instead.
    pub fn is_planned(&self) -> bool {
        !self.follow_up
    }
}

/// The follow-ups of an interview, which measure depth apart from the
/// score: how many were asked, how many answered, and their mean score
/// (skipped ones counting 0, ungraded practice ones left out).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Depth {
    pub count: usize,
    pub answered: usize,
    /// `None` when no follow-up had a rubric.
    pub score: Option<f64>,
}

impl Depth {
    /// `Depth: 2 follow-ups, 71` — or `None` when none was asked.
    pub fn line(depth: Option<&Depth>) -> Option<String> {
        let d = depth.filter(|d| d.count > 0)?;
        let score = d.score.map(|s| format!(", {s:.0}")).unwrap_or_else(|| ", ungraded".into());
        let skipped = d.count - d.answered;
        let skipped = if skipped > 0 {
            format!(" ({skipped} skipped)")
        } else {
            String::new()
        };
        Some(format!("Depth: {}{skipped}{score}", plural(d.count, "follow-up")))
    }
}

/// One round's result, for interviews of more than one round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundReport {
    pub name: String,
    /// Mean of the round's planned questions, skipped ones counting 0.
    pub score: f64,
    /// Seconds taken, when every answer noted its time.
    pub seconds: Option<u32>,
    pub budget_seconds: u32,
    /// Planned questions in the round.
    pub questions: usize,
}

impl RoundReport {
    /// `Coding: 72.0 · 3 questions · 9:40 of 10:00`, as every format
    /// prints it.
    pub fn line(&self) -> String {
        let time = match self.seconds {
            Some(s) => format!("{} of {}", mmss(s), mmss(self.budget_seconds)),
            None => format!("budget {}", mmss(self.budget_seconds)),
        };
        format!("{}: {:.1} · {} · {time}", self.name, self.score, plural(self.questions, "question"))
    }
}

/// Average score per topic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopicReport {
    pub topic: String,
    pub questions: usize,
    pub score: f64,
}

/// A whole interview's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub version: u32,
    pub scenario: String,
    pub title: String,
    pub level: Level,
    pub seed: u64,
    /// Mean of the planned questions' scores, skipped questions counting 0
    /// (follow-ups count in `depth` instead, from version 3).
    pub score: f64,
    /// The score needed to pass at `level`; `None` for a placement, which
    /// names a level rather than passing one.
    #[serde(default)]
    pub pass_mark: Option<u32>,
    /// Whether the score reached the pass mark; for a placement, whether it
    /// named a level with confidence.
    pub passed: bool,
    pub budget_seconds: u32,
    /// Total seconds taken, when every answer noted its time.
    pub seconds: Option<u32>,
    pub answered: usize,
    pub skipped: usize,
    pub topics: Vec<TopicReport>,
    pub questions: Vec<QuestionReport>,
    /// Things the candidate should know about the input (unknown ids, ...).
    pub warnings: Vec<String>,
    /// The follow-ups asked; `None` in reports before version 3.
    #[serde(default)]
    pub depth: Option<Depth>,
    /// Per-round results when the interview had more than one round.
    #[serde(default)]
    pub rounds: Vec<RoundReport>,
    /// The candidate's own grades over the questions they rated (version 3).
    #[serde(flatten)]
    pub own: SelfSummary,
    /// For a placement (`grill place`): the level found and its evidence;
    /// `None` for interviews and drills (and reports before it existed).
    #[serde(default)]
    pub placement: Option<Placement>,
}

impl Report {
    /// Brings a report read from history up to [`REPORT_VERSION`]: version
    /// 1 named its verdicts differently (its `weak` is now `missed`), so
    /// they are recomputed from the scores, which have not changed.
    pub fn upgrade(&mut self) {
        if self.version >= REPORT_VERSION {
            return;
        }
        // Version 2 added nothing to recompute; version 3's fields default to unrated.
        for q in self.questions.iter_mut().filter(|_| self.version < 2) {
            if !q.skipped {
                q.verdict = Verdict::from_score(q.score);
                q.borderline = borderline(q.score);
            }
        }
        self.version = REPORT_VERSION;
    }

    /// Totals, per-topic averages and the verdict from per-question results.
    pub fn summarise(plan: &Plan, questions: Vec<QuestionReport>, warnings: Vec<String>) -> Report {
        let planned = || questions.iter().filter(|q| q.is_planned());
        let score = round1(mean(planned().map(|q| q.score)));
        let mut topics: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
        for q in planned() {
            topics.entry(&q.topic).or_default().push(q.score);
        }
        let topics = topics
            .into_iter()
            .map(|(topic, scores)| TopicReport {
                topic: topic.to_string(),
                questions: scores.len(),
                score: round1(mean(scores.iter().copied())),
            })
            .collect();
        let seconds = questions.iter().map(|q| q.seconds).sum::<Option<u32>>();
        let follow_ups: Vec<&QuestionReport> = questions.iter().filter(|q| !q.is_planned()).collect();
        let graded: Vec<f64> = follow_ups.iter().filter(|q| !q.ungraded).map(|q| q.score).collect();
        let depth = Depth {
            count: follow_ups.len(),
            answered: follow_ups.iter().filter(|q| !q.skipped).count(),
            score: (!graded.is_empty()).then(|| round1(mean(graded.iter().copied()))),
        };
        let rounds = if plan.rounds.len() > 1 {
            plan.rounds
                .iter()
                .map(|r| {
                    let of_round = || questions.iter().filter(|q| q.round == r.title);
                    RoundReport {
                        name: r.title.clone(),
                        score: round1(mean(of_round().filter(|q| q.is_planned()).map(|q| q.score))),
                        seconds: of_round().map(|q| q.seconds).sum::<Option<u32>>(),
                        budget_seconds: r.budget_seconds,
                        questions: of_round().filter(|q| q.is_planned()).count(),
                    }
                })
                .collect()
        } else {
            Vec::new()
        };
        Report {
            version: REPORT_VERSION,
            scenario: plan.scenario.clone(),
            title: plan.title.clone(),
            level: plan.level,
            seed: plan.seed,
            score,
            pass_mark: Some(plan.pass_mark),
            passed: score >= f64::from(plan.pass_mark),
            budget_seconds: plan.budget_seconds,
            seconds,
            answered: planned().filter(|q| !q.skipped).count(),
            skipped: planned().filter(|q| q.skipped).count(),
            topics,
            depth: Some(depth),
            rounds,
            own: SelfSummary::of(questions.iter().map(|q| (q.score, &q.own))),
            questions,
            warnings,
            placement: None,
        }
    }

    /// `pass mark 65`, or for a placement (no pass mark) nothing.
    pub fn pass_mark_text(&self) -> String {
        self.pass_mark.map(|m| format!("pass mark {m}")).unwrap_or_default()
    }

    /// Records the candidate's own grade of question `index` (against its
    /// `key_points`) and sums the self grades up again; a report is
    /// otherwise unchanged, so a review never moves the grader's scores.
    pub fn rate(&mut self, index: usize, grade: &SelfGrade, key_points: &[KeyPoint]) {
        let Some(q) = self.questions.get_mut(index) else { return };
        q.own = SelfAssessment::new(grade, key_points, q.score, &q.details);
        self.resum_self();
    }

    /// Recomputes [`Report::own`] from the questions' assessments.
    pub fn resum_self(&mut self) {
        self.own = SelfSummary::of(self.questions.iter().map(|q| (q.score, &q.own)));
    }
}
