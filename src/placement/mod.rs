//! Placement: an adaptive interview that estimates which level a candidate
//! interviews at (junior, mid or senior) from few questions.
//!
//! Item response theory in three small parts, all pure — a seed, the
//! question pool and the answers so far in, a decision out:
//! - [`scale`]: one 0–100 scale for questions (from level and difficulty)
//!   and candidates, and the levels' bands on it;
//! - [`estimate`]: the Bayesian (EAP) ability estimate of a Rasch model
//!   with partial credit, with its standard error and 80% interval;
//! - [`select`]: the next question (nearest the estimate, topics
//!   balanced, never repeated) and when to stop.
//!
//! This file builds the question pool from a scenario and sums a finished
//! placement up ([`Placement`], stored in the report); `interview.rs` makes
//! the plan the live loop fills one question at a time. The live loop that
//! asks the questions is in [`crate::session`] (`placing.rs`); the command
//! in the binary.

pub mod estimate;
pub mod interview;
pub mod scale;
pub mod select;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use self::estimate::{Estimate, Response, expected_credit};
pub use self::interview::PlacementError;
pub use self::scale::{BAND_WIDTH, Band, Bands, band_start, question_position};
pub use self::select::{Answered, Item, Limits, Stop, next, responses, settled, stop};
use crate::bank::Level;
use crate::catalog::Catalog;
use crate::scenario::Scenario;

/// The topic placement leaves out: behavioural questions say nothing of a
/// technical level.
pub const LEFT_OUT_TOPIC: &str = "behavioural";

/// The questions a placement on `scenario` may ask: every reviewed,
/// non-behavioural question of the scenario's banks at a level it offers,
/// once each, in file order.
pub fn pool(catalog: &Catalog, scenario: &Scenario) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    for round in &scenario.rounds {
        for level in scenario.levels() {
            for q in catalog.pool(&round.banks, level) {
                if q.topic != LEFT_OUT_TOPIC && !items.iter().any(|i| i.id == q.id) {
                    items.push(Item {
                        id: q.id.clone(),
                        topic: q.topic.clone(),
                        level: q.level,
                        position: question_position(q.level, q.difficulty),
                    });
                }
            }
        }
    }
    items
}

/// One question asked in a placement, as the report keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlacedQuestion {
    pub id: String,
    pub level: Level,
    pub topic: String,
    /// The question's position on the 0–100 scale.
    pub difficulty: f64,
    /// The score the estimate used, 0–100.
    pub score: f64,
}

/// A finished placement: the report's `placement` field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Placement {
    /// The band holding the estimate.
    pub level: Band,
    /// Whether the 80% interval lies inside that band.
    pub confident: bool,
    /// The estimate on the 0–100 scale …
    pub ability: f64,
    /// … its standard error …
    #[serde(default)]
    pub error: f64,
    /// … and its 80% interval.
    pub low: f64,
    pub high: f64,
    /// The band the interval's ends fall in (equal to `level` when confident).
    #[serde(default)]
    pub low_level: Option<Band>,
    #[serde(default)]
    pub high_level: Option<Band>,
    /// The highest level the scenario offers: a placement cannot name more.
    #[serde(default)]
    pub top: Option<Level>,
    /// The candidate's own grades were used for the estimate where given.
    #[serde(default)]
    pub self_graded: bool,
    /// The questions asked, in order.
    pub questions: Vec<PlacedQuestion>,
}

/// What the candidate scored at one level.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelEvidence {
    pub level: Level,
    pub asked: usize,
    /// Mean score, 0–100.
    pub mean: f64,
}

impl Placement {
    /// Sums up the placement after `answered` (scores as shares 0–1) from `pool`.
    pub fn conclude(bands: &Bands, pool: &[Item], answered: &[Answered], self_graded: bool) -> Placement {
        let e = estimate::estimate(&responses(pool, answered));
        let questions = answered
            .iter()
            .filter_map(|a| {
                let item = pool.iter().find(|i| i.id == a.id)?;
                Some(PlacedQuestion {
                    id: item.id.clone(),
                    level: item.level,
                    topic: item.topic.clone(),
                    difficulty: item.position,
                    score: round1(a.credit * 100.0),
                })
            })
            .collect();
        Placement {
            level: bands.band(e.ability),
            confident: settled(&e, bands),
            ability: round1(e.ability),
            error: round1(e.error),
            low: round1(e.low),
            high: round1(e.high),
            low_level: Some(bands.band(e.low)),
            high_level: Some(bands.band(e.high)),
            top: Some(bands.top()),
            self_graded,
            questions,
        }
    }

    /// The level with how sure it is: "senior, confidently", "mid, likely —
    /// between mid and senior".
    pub fn statement(&self) -> String {
        let (low, high) = (self.low_level.unwrap_or(self.level), self.high_level.unwrap_or(self.level));
        if self.confident || low == high {
            format!("{}, confidently", self.level.label())
        } else {
            format!("{}, likely — between {} and {}", self.level.label(), low.label(), high.label())
        }
    }

    /// Questions asked and mean score per level, lowest level first.
    pub fn evidence(&self) -> Vec<LevelEvidence> {
        let mut by_level: BTreeMap<Level, Vec<f64>> = BTreeMap::new();
        for q in &self.questions {
            by_level.entry(q.level).or_default().push(q.score);
        }
        by_level
            .into_iter()
            .map(|(level, scores)| LevelEvidence {
                level,
                asked: scores.len(),
                mean: round1(scores.iter().sum::<f64>() / scores.len() as f64),
            })
            .collect()
    }

    /// Topics that held the estimate down: those whose answers earned less
    /// than the final estimate expects on their questions (the Rasch
    /// residual `s − P(θ, b)` summed per topic), worst first.
    pub fn held_down(&self) -> Vec<String> {
        let mut residual: BTreeMap<&str, f64> = BTreeMap::new();
        for q in &self.questions {
            *residual.entry(q.topic.as_str()).or_default() += q.score / 100.0 - expected_credit(self.ability, q.difficulty);
        }
        let mut low: Vec<(&str, f64)> = residual.into_iter().filter(|&(_, r)| r < -0.1).collect();
        low.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(b.0)));
        low.into_iter().map(|(t, _)| t.to_string()).collect()
    }

    /// The level to practise at to move up: the next one above the placed
    /// level, or the top one when already there.
    pub fn next_level(&self) -> Level {
        let top = self.top.unwrap_or(Level::Senior);
        match self.level {
            Band::Below(level) => level,
            Band::At(level) => Level::ALL.into_iter().find(|&l| l > level && l <= top).unwrap_or(level),
        }
    }

    /// The drill commands for the topics that held the estimate down (at
    /// most three), or for the next level when none did.
    pub fn drill_commands(&self, scenario: &str) -> Vec<String> {
        let level = self.next_level();
        let topics = self.held_down();
        if topics.is_empty() {
            return vec![format!("grill drill {scenario} --level {level}")];
        }
        topics
            .iter()
            .take(3)
            .map(|t| format!("grill drill {scenario} --level {level} --topic {t}"))
            .collect()
    }

    /// The placement names a level above the scenario's reach: it offers no
    /// higher level, so the candidate may be above it.
    pub fn at_ceiling(&self) -> bool {
        self.top.is_some_and(|top| top != Level::Senior && self.level == Band::At(top))
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}
