//! Scoring a report from a plan and the answers given: each answer graded
//! against its question's rubric, less the cost of hints and time over
//! budget; then [`Report::summarise`] totals them.

use std::collections::BTreeMap;

use super::{QuestionReport, Report};
use crate::bank::Question;
use crate::catalog::Catalog;
use crate::grade::{Grader, Rubric, Verdict, borderline};
use crate::plan::{Plan, PlannedQuestion};
use crate::selfgrade::SelfAssessment;
use crate::sheet::Answer;

impl Report {
    /// Grades `answers` against `plan`. Answers to questions outside the plan
    /// become warnings; planned questions without an answer are skipped.
    pub fn grade(plan: &Plan, catalog: &Catalog, grader: &Grader, answers: &[Answer]) -> Report {
        let mut warnings = Vec::new();
        let mut by_id: BTreeMap<&str, &Answer> = BTreeMap::new();
        let mut follow_ups: BTreeMap<&str, Vec<&Answer>> = BTreeMap::new();
        for a in answers {
            if !plan.questions.iter().any(|q| q.id == a.id) {
                let hint = if catalog.question(&a.id).is_some() {
                    "it is not in this plan (check --seed, --count and --level)"
                } else {
                    "no bank has a question with that id"
                };
                warnings.push(format!("{}: answer to `{}` ignored: {hint}", a.origin, a.id));
            } else if a.follow_up.is_some() {
                follow_ups.entry(&a.id).or_default().push(a);
            } else if by_id.insert(&a.id, a).is_some() {
                warnings.push(format!("{}: second answer to `{}`; this one is used", a.origin, a.id));
            }
        }
        let mut questions = Vec::with_capacity(plan.questions.len());
        for pq in &plan.questions {
            let question = catalog.question(&pq.id);
            questions.push(grade_one(plan, pq, question, by_id.get(pq.id.as_str()).copied(), grader));
            for a in follow_ups.get(pq.id.as_str()).into_iter().flatten() {
                questions.push(grade_follow_up(plan, pq, question, a, grader));
            }
        }
        Report::summarise(plan, questions, warnings)
    }
}

/// Points taken off an answer for each hint asked for.
pub const HINT_COST: f64 = 10.0;

/// Grades one answer (or its absence) to a planned question.
fn grade_one(plan: &Plan, pq: &PlannedQuestion, question: Option<&Question>, answer: Option<&Answer>, grader: &Grader) -> QuestionReport {
    let item = Item {
        id: pq.id.clone(),
        prompt: pq.prompt.clone(),
        rubric: question.map(Rubric::from),
        reference: question.map(|q| q.reference.clone()).unwrap_or_default(),
        budget_seconds: pq.budget_seconds,
    };
    let mut report = grade_item(plan, pq, item, answer, grader);
    report.follow_up = false;
    report
}

/// Grades the answer to a follow-up of `pq` on the follow-up's own rubric,
/// as an item of its own (`follows` the parent). A follow-up of the old
/// plain form, or one no longer in the banks, is ungraded practice.
fn grade_follow_up(plan: &Plan, pq: &PlannedQuestion, question: Option<&Question>, answer: &Answer, grader: &Grader) -> QuestionReport {
    let asked = answer.follow_up.as_deref().unwrap_or_default();
    let follow = question.and_then(|q| q.follow_ups.iter().find(|f| f.prompt == asked || f.id.as_deref() == Some(asked)));
    let item = Item {
        id: follow.and_then(|f| f.id.clone()).unwrap_or_else(|| pq.id.clone()),
        prompt: follow.map_or_else(|| asked.to_string(), |f| f.prompt.clone()),
        rubric: follow.and_then(Rubric::of_follow_up),
        reference: follow.map(|f| f.reference.clone()).unwrap_or_default(),
        budget_seconds: follow.map_or(pq.budget_seconds / 2, |f| f.budget_seconds(pq.budget_seconds)),
    };
    let ungraded = item.rubric.is_none();
    let mut report = grade_item(plan, pq, item, Some(answer), grader);
    report.follow_up = true;
    report.follows = Some(pq.id.clone());
    if ungraded {
        report.ungraded = true;
        // The verdict stays as scored (0: missed); `ungraded` tells readers
        // not to take it as a grade, and every format prints it as practice.
        report.borderline = false;
        report.penalty = 0.0;
    }
    report
}

/// What an answer is graded against: a planned question or a follow-up.
struct Item<'a> {
    id: String,
    prompt: String,
    /// `None` when there is nothing to grade against.
    rubric: Option<Rubric<'a>>,
    reference: String,
    budget_seconds: u32,
}

/// Grades one answer (or its absence) to `item`, asked as part of `pq`.
fn grade_item(plan: &Plan, pq: &PlannedQuestion, item: Item<'_>, answer: Option<&Answer>, grader: &Grader) -> QuestionReport {
    let text = answer.map(|a| a.text.trim()).unwrap_or("");
    let skipped = text.is_empty();
    // Unanswered, the grade still lists each key point with its source.
    let key_points = item.rubric.map_or(&[][..], |r| r.key_points);
    let grade = item.rubric.map(|r| grader.grade(&grader.prepare(r), text));
    let raw = grade.as_ref().map_or(0.0, |g| g.score);
    let seconds = answer.and_then(|a| a.seconds);
    let hints = answer.map_or(0, |a| a.hints);
    let minutes_over = seconds.map_or(0, |s| s.saturating_sub(item.budget_seconds) / 60);
    let penalty = if skipped {
        0.0
    } else {
        (f64::from(hints) * HINT_COST + f64::from(minutes_over * plan.overtime_penalty)).min(raw)
    };
    let score = round1(raw - penalty);
    let details = grade.as_ref().map_or_else(Vec::new, |g| g.details.clone());
    // An empty answer has nothing to rate: a self grade of it is ignored.
    let own = match (answer.and_then(|a| a.self_grade.as_ref()), skipped) {
        (Some(g), false) => SelfAssessment::new(g, key_points, score, &details),
        _ => SelfAssessment::default(),
    };
    QuestionReport {
        id: item.id,
        prompt: item.prompt,
        topic: pq.topic.clone(),
        level: pq.level,
        round: plan.rounds.get(pq.round).map(|r| r.title.clone()).unwrap_or_default(),
        score,
        verdict: if skipped { Verdict::Skipped } else { Verdict::from_score(score) },
        borderline: !skipped && borderline(score),
        covered: grade.as_ref().map_or_else(Vec::new, |g| g.covered.clone()),
        missed: grade.as_ref().map_or_else(Vec::new, |g| g.missed.clone()),
        details,
        misconceptions: grade.as_ref().map_or_else(Vec::new, |g| g.misconceptions.clone()),
        notes: grade.map_or_else(Vec::new, |g| g.notes),
        answer: text.to_string(),
        reference: item.reference,
        seconds,
        budget_seconds: item.budget_seconds,
        over_budget: seconds.is_some_and(|s| s > item.budget_seconds),
        skipped,
        hints,
        penalty: round1(penalty),
        follow_up: false,
        follows: None,
        ungraded: false,
        own,
    }
}

pub(super) fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    if n == 0 { 0.0 } else { sum / n as f64 }
}

/// `x` rounded to one decimal, as scores are shown and stored.
pub(crate) fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}
