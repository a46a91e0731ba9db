//! The calibration corpus: answers written for the project, graded by the
//! real grader, to tell whether a grade means what it says.
//!
//! `tests/calibration/*.jsonl` holds, per bank question, answers of known
//! quality written by people who did not write the rubric: a strong answer
//! in the candidate's own words, a terse correct one, a partial one, a
//! confidently wrong one (its false claims listed) and an off-topic one;
//! for behavioural questions, good and poor STAR stories. [`generate`]
//! adds, from each strong answer, a copy with typos and a keyword-stuffed
//! answer. [`corpus::Half`] splits the questions 60/40 into a `tune` half the
//! grader may be tuned on and a `holdout` half it is judged on, so the
//! figures [`metrics`] computes on the holdout say how the grader does on
//! answers its rubrics were not fitted to.
//!
//! `cargo bench --bench calibration` prints the figures beside the targets
//! of issue 11; a unit test holds a floor under the holdout figures.

pub mod corpus;
pub mod generate;
pub mod metrics;

#[cfg(test)]
mod tests;

pub use corpus::{Answer, ClaimType, Corpus, FalseClaim, Half, Kind};
pub use metrics::{Figures, Graded, KindStats, Measure, Target};

use crate::catalog::Catalog;
use crate::grade::Rubric;

/// Where the shipped corpus lives: `tests/calibration` of the source tree.
pub fn shipped_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("calibration")
}

/// Every answer of the corpus plus the generated ones (typo'd and stuffed
/// copies of each strong answer), graded exactly as `grill grade --id`
/// grades one answer.
pub fn grade_all(corpus: &Corpus, catalog: &Catalog) -> Vec<Graded> {
    let grader = catalog.grader();
    let answers = generate::with_generated(corpus, catalog);
    let mut prepared = std::collections::HashMap::new();
    answers
        .into_iter()
        .filter_map(|a| {
            let q = catalog.question(&a.id)?;
            let p = prepared.entry(a.id.clone()).or_insert_with(|| grader.prepare(Rubric::from(q)));
            let g = grader.grade(p, &a.answer);
            Some(Graded {
                half: Half::of(&a.id),
                score: g.score,
                verdict: g.verdict,
                answer: a,
            })
        })
        .collect()
}
