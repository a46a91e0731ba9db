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
            for f in follow_ups.get(pq.id.as_str()).into_iter().flatten() {
                questions.push(grade_one(plan, pq, question, Some(f), grader));
            }
        }
        Report::summarise(plan, questions, warnings)
    }
}

/// Points taken off an answer for each hint asked for.
pub const HINT_COST: f64 = 10.0;

/// Grades one answer (or its absence) to a planned question; a follow-up
/// answer is graded against its parent question's rubric.
fn grade_one(plan: &Plan, pq: &PlannedQuestion, question: Option<&Question>, answer: Option<&Answer>, grader: &Grader) -> QuestionReport {
    let text = answer.map(|a| a.text.trim()).unwrap_or("");
    let skipped = text.is_empty();
    // Unanswered, the grade still lists each key point with its source.
    let grade = question.map(|q| grader.grade(&grader.prepare(Rubric::from(q)), text));
    let raw = grade.as_ref().map_or(0.0, |g| g.score);
    let seconds = answer.and_then(|a| a.seconds);
    let hints = answer.map_or(0, |a| a.hints);
    let minutes_over = seconds.map_or(0, |s| s.saturating_sub(pq.budget_seconds) / 60);
    let penalty = if skipped {
        0.0
    } else {
        (f64::from(hints) * HINT_COST + f64::from(minutes_over * plan.overtime_penalty)).min(raw)
    };
    let score = round1(raw - penalty);
    let follow_up = answer.and_then(|a| a.follow_up.clone());
    let details = grade.as_ref().map_or_else(Vec::new, |g| g.details.clone());
    // An empty answer has nothing to rate: a self grade of it is ignored.
    let own = match (answer.and_then(|a| a.self_grade.as_ref()), skipped) {
        (Some(g), false) => SelfAssessment::new(g, question.map_or(&[][..], |q| &q.key_points), score, &details),
        _ => SelfAssessment::default(),
    };
    QuestionReport {
        id: pq.id.clone(),
        prompt: follow_up.clone().unwrap_or_else(|| pq.prompt.clone()),
        topic: pq.topic.clone(),
        level: pq.level,
        round: plan.rounds.get(pq.round).map(|r| r.title.clone()).unwrap_or_default(),
        score,
        verdict: if skipped { Verdict::Skipped } else { Verdict::from_score(score) },
        borderline: !skipped && borderline(score),
        covered: grade.as_ref().map_or_else(Vec::new, |g| g.covered.clone()),
        missed: grade.as_ref().map_or_else(Vec::new, |g| g.missed.clone()),
        details,
        notes: grade.map_or_else(Vec::new, |g| g.notes),
        answer: text.to_string(),
        reference: question.map(|q| q.reference.clone()).unwrap_or_default(),
        seconds,
        budget_seconds: pq.budget_seconds,
        over_budget: seconds.is_some_and(|s| s > pq.budget_seconds),
        skipped,
        hints,
        penalty: round1(penalty),
        follow_up: follow_up.is_some(),
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
