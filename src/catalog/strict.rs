//! `grill banks check --strict`: the quality bar for shipped banks, beyond
//! what loading requires — enough key points, references that say their own
//! key points, no near-duplicate references, and references that grade
//! highest on their own question (so the grader can tell questions apart).

use std::collections::HashSet;

use crate::catalog::Catalog;
use crate::grade::{Grade, Rubric, STAR_BANK};

/// Least key points a shipped question needs.
const MIN_KEY_POINTS: usize = 3;
/// Wrong claims a question outside the behavioural bank should list (the
/// grader checks answers for them). A warning until every shipped bank has
/// them, then an error.
pub const MIN_MISCONCEPTIONS: usize = 2;
/// A reference must score at least this against its own rubric.
const SELF_SCORE: f64 = 95.0;
/// Share of stems two references may have in common before they count as
/// near-duplicates.
const DUPLICATE_AT: f64 = 0.8;
/// Share of references that must grade highest on their own question.
pub const OWN_BEST_SHARE: f64 = 0.95;

/// What the strict check found.
#[derive(Debug, Default)]
pub struct Findings {
    pub problems: Vec<String>,
    pub questions: usize,
    /// References that scored highest on their own question.
    pub own_best: usize,
    /// Findings shown but not (yet) failing the check: a question with
    /// fewer than [`MIN_MISCONCEPTIONS`] misconceptions (banks still being
    /// written, and imported ones, which have none).
    pub warnings: Vec<String>,
}

impl Findings {
    pub fn share(&self) -> f64 {
        if self.questions == 0 {
            1.0
        } else {
            self.own_best as f64 / self.questions as f64
        }
    }

    pub fn summary(&self) -> String {
        format!(
            "strict: {} of {} references ({:.1}%) grade highest on their own question (need {:.0}%); {} problem{}",
            self.own_best,
            self.questions,
            self.share() * 100.0,
            OWN_BEST_SHARE * 100.0,
            self.problems.len(),
            if self.problems.len() == 1 { "" } else { "s" }
        )
    }
}

pub fn check(catalog: &Catalog) -> Findings {
    let grader = catalog.grader();
    let mut f = Findings::default();
    for bank in &catalog.banks {
        let questions: Vec<_> = bank.questions.iter().filter(|q| !q.draft).collect();
        let prepared: Vec<_> = questions.iter().map(|q| grader.prepare(Rubric::from(*q))).collect();
        let stems: Vec<HashSet<String>> = questions
            .iter()
            .map(|q| grader.analyzer().stems(&q.reference).into_iter().collect())
            .collect();
        for (i, q) in questions.iter().enumerate() {
            f.questions += 1;
            if q.key_points.len() < MIN_KEY_POINTS {
                f.problems.push(format!(
                    "{}: `{}` has {} key points; give it at least {MIN_KEY_POINTS}",
                    q.origin,
                    q.id,
                    q.key_points.len()
                ));
            }
            if q.bank != STAR_BANK && q.misconceptions.len() < MIN_MISCONCEPTIONS {
                f.warnings.push(format!(
                    "{}: `{}` has {} misconception{}; list at least {MIN_MISCONCEPTIONS} wrong claims candidates make, each with its correction",
                    q.origin,
                    q.id,
                    q.misconceptions.len(),
                    if q.misconceptions.len() == 1 { "" } else { "s" }
                ));
            }
            for label in prepared[i].unmatchable_points() {
                f.problems.push(format!(
                    "{}: key point `{label}` of `{}` has no content words the grader can match",
                    q.origin, q.id
                ));
            }
            let own = grader.grade(&prepared[i], &q.reference);
            // A correct answer would lose marks for it: an error.
            for m in &own.misconceptions {
                f.problems.push(format!(
                    "{}: the reference of `{}` states its own misconception `{}`: \"{}\"; reword the misconception (or the reference) so a correct answer cannot state it",
                    q.origin, q.id, m.claim, m.said
                ));
            }
            if own.score < SELF_SCORE && own.misconceptions.is_empty() {
                f.problems.push(format!(
                    "{}: the reference of `{}` scores {:.1} on its own rubric (needs {SELF_SCORE}); it does not say: {}",
                    q.origin,
                    q.id,
                    own.score,
                    own.missed.join("; ")
                ));
            }
            // Ranked by score, then by the measures under it, which the
            // score's curve saturates: two rubrics a reference covers in
            // full both score 100, but only its own has all its terms.
            let rank = |g: &Grade| [g.score, g.key_points.unwrap_or(0.0), g.overlap];
            let above = |a: [f64; 3], b: [f64; 3]| a.iter().zip(&b).map(|(x, y)| x.total_cmp(y)).find(|o| o.is_ne());
            let best_other = (0..questions.len())
                .filter(|&j| j != i)
                .map(|j| (j, rank(&grader.grade(&prepared[j], &q.reference))))
                .max_by(|a, b| above(a.1, b.1).unwrap_or(std::cmp::Ordering::Equal));
            match best_other {
                // A reference stating its own misconception is capped, and
                // reported above; ranking it would report it twice.
                Some((j, other)) if own.misconceptions.is_empty() && above(rank(&own), other).is_none_or(|o| o.is_lt()) => {
                    let score = other[0];
                    f.problems.push(format!(
                        "{}: the reference of `{}` scores {score:.1} on `{}` — as high as on its own question ({:.1})",
                        q.origin, q.id, questions[j].id, own.score
                    ));
                }
                _ => f.own_best += 1,
            }
            for j in 0..i {
                let common = stems[i].intersection(&stems[j]).count() as f64;
                let smaller = stems[i].len().min(stems[j].len()).max(1) as f64;
                if common / smaller >= DUPLICATE_AT {
                    f.problems.push(format!(
                        "{}: the reference of `{}` nearly repeats that of `{}` ({:.0}% shared terms)",
                        q.origin,
                        q.id,
                        questions[j].id,
                        common / smaller * 100.0
                    ));
                }
            }
        }
    }
    f
}
