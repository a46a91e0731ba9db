//! Which question to ask next, and when to stop.
//!
//! The next question is the one whose position is nearest the current
//! estimate — under the Rasch model the most informative one, as its
//! Fisher information `P(1 − P)` peaks where `P = ½`. Among the questions
//! within [`TOPIC_SLACK`] points of the nearest, the topic asked least so
//! far wins (topics stay balanced); remaining ties fall in an order seeded
//! by the session's seed and the number of answers. Asked questions never
//! come back. So the choice is a pure function of the pool, the seed and
//! the answers so far: `grill resume` replays the answers and continues
//! exactly where the session left off.

use std::collections::BTreeMap;

use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;
use rand::seq::SliceRandom;

use super::estimate::{Estimate, Response, estimate};
use super::scale::Bands;
use crate::bank::Level;

/// Points beyond the nearest question's distance within which a less-asked
/// topic is preferred: half a difficulty step.
pub const TOPIC_SLACK: f64 = 5.0;

/// One question the placement may ask.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub id: String,
    pub topic: String,
    pub level: Level,
    /// Position on the scale (see [`super::scale::question_position`]).
    pub position: f64,
}

/// One answer given: the question's id and the share of credit, 0–1.
#[derive(Debug, Clone, PartialEq)]
pub struct Answered {
    pub id: String,
    pub credit: f64,
}

/// How many questions a placement asks (kept in a live session's progress
/// file, so a resumed placement keeps the limits it started with).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Limits {
    /// Never stop before this many answers, however sure the estimate.
    pub min: usize,
    /// Always stop after this many.
    pub max: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { min: 6, max: 12 }
    }
}

/// Why a placement stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The 80% interval lies inside one band.
    Settled,
    /// The most questions allowed were asked.
    MostQuestions,
    /// No question is left to ask.
    NoQuestions,
    /// The time budget ran out.
    OutOfTime,
}

/// The responses the estimate needs for `answered`, reading positions
/// from `pool` (answers to questions not in the pool are left out).
pub fn responses(pool: &[Item], answered: &[Answered]) -> Vec<Response> {
    answered
        .iter()
        .filter_map(|a| {
            let item = pool.iter().find(|i| i.id == a.id)?;
            Some(Response {
                position: item.position,
                credit: a.credit,
            })
        })
        .collect()
}

/// The question to ask after `answered`, or `None` when every question in
/// the pool was asked.
pub fn next<'a>(pool: &'a [Item], answered: &[Answered], seed: u64) -> Option<&'a Item> {
    let at = estimate(&responses(pool, answered)).ability;
    let mut topics: BTreeMap<&str, usize> = BTreeMap::new();
    for a in answered {
        if let Some(item) = pool.iter().find(|i| i.id == a.id) {
            *topics.entry(item.topic.as_str()).or_default() += 1;
        }
    }
    let mut left: Vec<&Item> = pool.iter().filter(|i| !answered.iter().any(|a| a.id == i.id)).collect();
    let nearest = left.iter().map(|i| (i.position - at).abs()).min_by(f64::total_cmp)?;
    left.retain(|i| (i.position - at).abs() <= nearest + TOPIC_SLACK);
    // Seeded order first, then a stable sort: ties keep the seeded order.
    left.sort_by(|a, b| a.id.cmp(&b.id));
    left.shuffle(&mut ChaCha8Rng::seed_from_u64(
        seed ^ (answered.len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15),
    ));
    left.sort_by(|a, b| {
        let asked = |i: &Item| topics.get(i.topic.as_str()).copied().unwrap_or(0);
        asked(a)
            .cmp(&asked(b))
            .then((a.position - at).abs().total_cmp(&(b.position - at).abs()))
    });
    left.first().copied()
}

/// Whether to stop after `asked` answers with `estimate`; `left` is how many
/// questions remain to ask. The time budget is the caller's to check.
pub fn stop(asked: usize, left: usize, estimate: &Estimate, bands: &Bands, limits: Limits) -> Option<Stop> {
    if asked >= limits.max {
        Some(Stop::MostQuestions)
    } else if left == 0 {
        Some(Stop::NoQuestions)
    } else if asked >= limits.min && settled(estimate, bands) {
        Some(Stop::Settled)
    } else {
        None
    }
}

/// The 80% interval lies inside one band.
pub fn settled(estimate: &Estimate, bands: &Bands) -> bool {
    bands.band(estimate.low) == bands.band(estimate.high)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::placement::scale::question_position;

    fn item(id: &str, topic: &str, level: Level, difficulty: u8) -> Item {
        Item {
            id: id.into(),
            topic: topic.into(),
            level,
            position: question_position(level, difficulty),
        }
    }

    fn pool() -> Vec<Item> {
        vec![
            item("j1", "kubernetes", Level::Junior, 1),
            item("j2", "security", Level::Junior, 2),
            item("m1", "kubernetes", Level::Mid, 3),
            item("m2", "security", Level::Mid, 3),
            item("m3", "gitops", Level::Mid, 3),
            item("s1", "kubernetes", Level::Senior, 4),
            item("s2", "gitops", Level::Senior, 5),
        ]
    }

    #[test]
    fn starts_at_a_mid_question_of_middle_difficulty() {
        let pool = pool();
        for seed in 0..20 {
            let first = next(&pool, &[], seed).unwrap();
            assert_eq!((first.level, first.position), (Level::Mid, 50.0));
        }
    }

    #[test]
    fn moves_up_after_strong_answers_and_down_after_weak_ones() {
        let pool = pool();
        let up = next(
            &pool,
            &[Answered {
                id: "m1".into(),
                credit: 1.0,
            }],
            1,
        )
        .unwrap();
        assert_eq!(up.level, Level::Senior);
        let down = next(
            &pool,
            &[Answered {
                id: "m1".into(),
                credit: 0.0,
            }],
            1,
        )
        .unwrap();
        assert_eq!(down.level, Level::Junior);
    }

    #[test]
    fn prefers_a_topic_not_yet_asked_and_never_repeats() {
        let pool = pool();
        let after = [Answered {
            id: "m1".into(),
            credit: 0.5,
        }];
        for seed in 0..20 {
            let second = next(&pool, &after, seed).unwrap();
            assert_ne!(second.id, "m1");
            assert_ne!(second.topic, "kubernetes", "seed {seed}");
        }
        let all: Vec<Answered> = pool
            .iter()
            .map(|i| Answered {
                id: i.id.clone(),
                credit: 0.5,
            })
            .collect();
        assert!(next(&pool, &all, 3).is_none());
    }

    #[test]
    fn the_choice_is_a_function_of_seed_and_answers() {
        let pool = pool();
        let after = [Answered {
            id: "m1".into(),
            credit: 0.5,
        }];
        for seed in 0..20 {
            assert_eq!(next(&pool, &after, seed), next(&pool, &after, seed));
        }
        let picks: std::collections::BTreeSet<&str> = (0..40).map(|seed| next(&pool, &after, seed).unwrap().id.as_str()).collect();
        assert!(picks.len() > 1, "ties should fall by seed: {picks:?}");
    }

    #[test]
    fn stops_only_between_the_limits_or_when_settled() {
        let bands = Bands::new(Level::ALL).unwrap();
        let sure = Estimate {
            ability: 88.0,
            error: 3.0,
            low: 80.0,
            high: 95.0,
        };
        let unsure = Estimate {
            ability: 60.0,
            error: 15.0,
            low: 40.0,
            high: 80.0,
        };
        let limits = Limits::default();
        assert_eq!(stop(5, 10, &sure, &bands, limits), None);
        assert_eq!(stop(6, 10, &sure, &bands, limits), Some(Stop::Settled));
        assert_eq!(stop(11, 10, &unsure, &bands, limits), None);
        assert_eq!(stop(12, 10, &unsure, &bands, limits), Some(Stop::MostQuestions));
        assert_eq!(stop(3, 0, &unsure, &bands, limits), Some(Stop::NoQuestions));
    }
}
