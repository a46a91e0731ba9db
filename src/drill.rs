//! Drills: which questions to practise next, by spaced repetition over the
//! scores in history (SM-2). A low score brings a question back at once, a
//! good one after a day, then six, then ever longer as the ease grows; a
//! question never seen is due now. The most overdue come first.
//!
//! The candidate's own grade of an answer, where they gave one, counts
//! instead of the grader's ([`scheduling_score`]).
//!
//! Pure: past reviews, the pool, the time and a seed come in; an ordered
//! list comes out. Reading history and writing the drill sheet is the
//! CLI's job; the drill's plan is [`crate::plan::drill`].

use std::collections::HashMap;

use jiff::{SignedDuration, Timestamp};
use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;
use rand::seq::SliceRandom;

use crate::history::SessionRecord;
use crate::report::QuestionReport;

/// SM-2's starting ease and its floor.
const EASE: f64 = 2.5;
const MIN_EASE: f64 = 1.3;

/// One past answer to a question.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub id: String,
    pub at: Timestamp,
    /// 0–100; a skipped question counts 0.
    pub score: f64,
}

/// What the past answers to one question say about when to ask it again.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub reviews: usize,
    /// Successful reviews in a row (quality 3+).
    pub streak: u32,
    pub ease: f64,
    pub interval_days: f64,
    pub last_score: f64,
    pub last_seen: Timestamp,
    pub due: Timestamp,
}

impl Card {
    /// The card after answering with `score` at `at` (`self` = before).
    fn review(before: Option<&Card>, at: Timestamp, score: f64) -> Card {
        let q = quality(score);
        let (mut streak, mut ease, mut interval) = before.map_or((0, EASE, 0.0), |c| (c.streak, c.ease, c.interval_days));
        if q >= 3 {
            streak += 1;
            interval = match streak {
                1 => 1.0,
                2 => 6.0,
                _ => interval * ease,
            };
        } else {
            // Not yet known: due again at once (a drill still never asks it twice in a row).
            streak = 0;
            interval = 0.0;
        }
        let miss = f64::from(5 - q);
        ease = (ease + 0.1 - miss * (0.08 + miss * 0.02)).max(MIN_EASE);
        Card {
            reviews: before.map_or(0, |c| c.reviews) + 1,
            streak,
            ease,
            interval_days: interval,
            last_score: score,
            last_seen: at,
            due: at + SignedDuration::from_secs((interval * 86_400.0).round() as i64),
        }
    }
}

/// SM-2's 0–5 answer quality from a 0–100 score; 3 (a pass) from the
/// report's `adequate` verdict up.
pub fn quality(score: f64) -> u8 {
    match score {
        s if s >= 90.0 => 5,
        s if s >= 75.0 => 4,
        s if s >= 60.0 => 3,
        s if s >= 35.0 => 2,
        s if s > 0.0 => 1,
        _ => 0,
    }
}

/// The score a past answer is scheduled by: the candidate's own grade
/// where they gave one — their judgement of what they know wins over the
/// grader's — else the grader's.
pub fn scheduling_score(q: &QuestionReport) -> f64 {
    q.own.self_score.unwrap_or(q.score)
}

/// Every planned question answered in `sessions`, scored by
/// [`scheduling_score`]. A follow-up is another question: left out.
pub fn reviews(sessions: &[SessionRecord]) -> Vec<Review> {
    sessions
        .iter()
        .flat_map(|session| {
            session.report.questions.iter().filter(|q| !q.follow_up).map(|q| Review {
                id: q.id.clone(),
                at: session.finished,
                score: scheduling_score(q),
            })
        })
        .collect()
}

/// Each question's card after all its `reviews`, taken in time order.
pub fn cards(reviews: &[Review]) -> HashMap<String, Card> {
    let mut ordered: Vec<&Review> = reviews.iter().collect();
    ordered.sort_by_key(|r| r.at);
    let mut cards: HashMap<String, Card> = HashMap::new();
    for r in ordered {
        let card = Card::review(cards.get(&r.id), r.at, r.score);
        cards.insert(r.id.clone(), card);
    }
    cards
}

/// One question of a drill and why it was chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct Due {
    pub id: String,
    /// None for a question never answered.
    pub card: Option<Card>,
    /// When it is due: the card's due time, or now for a new question.
    pub due: Timestamp,
}

/// The `count` questions of `pool` to drill at `now`: the most overdue
/// first, then new ones (in seeded order), then those due soonest. The
/// question asked last (`last_asked`) is never first.
pub fn schedule(pool: &[String], reviews: &[Review], now: Timestamp, count: usize, seed: u64, last_asked: Option<&str>) -> Vec<Due> {
    let cards = cards(reviews);
    let mut items: Vec<Due> = pool
        .iter()
        .map(|id| {
            let card = cards.get(id).cloned();
            Due {
                id: id.clone(),
                due: card.as_ref().map_or(now, |c| c.due),
                card,
            }
        })
        .collect();
    items.sort_by(|a, b| a.id.cmp(&b.id));
    items.dedup_by(|a, b| a.id == b.id);
    // Ties (new questions above all) fall in seeded order.
    items.shuffle(&mut ChaCha8Rng::seed_from_u64(seed));
    items.sort_by(|a, b| {
        let score = |d: &Due| d.card.as_ref().map_or(f64::INFINITY, |c| c.last_score);
        a.due.cmp(&b.due).then(score(a).total_cmp(&score(b)))
    });
    if items.len() > 1 && last_asked.is_some_and(|id| items[0].id == id) {
        items.swap(0, 1);
    }
    items.truncate(count);
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn review(id: &str, when: &str, score: f64) -> Review {
        Review {
            id: id.into(),
            at: at(when),
            score,
        }
    }

    fn history() -> Vec<Review> {
        vec![
            review("a", "2026-11-25T10:00:00Z", 30.0),
            review("b", "2026-11-28T18:00:00Z", 50.0),
            review("c", "2026-11-29T10:00:00Z", 70.0),
            review("d", "2026-11-20T10:00:00Z", 95.0),
            review("d", "2026-11-22T10:00:00Z", 92.0),
            review("e", "2026-11-27T10:00:00Z", 95.0),
            review("e", "2026-11-28T10:00:00Z", 95.0),
            review("x", "2026-11-28T10:00:00Z", 0.0),
        ]
    }

    fn pool() -> Vec<String> {
        ["a", "b", "c", "d", "e", "f", "g"].map(String::from).to_vec()
    }

    fn ids(items: &[Due]) -> Vec<&str> {
        items.iter().map(|d| d.id.as_str()).collect()
    }

    #[test]
    fn the_most_overdue_come_first_then_new_then_not_yet_due() {
        let now = at("2026-11-30T12:00:00Z");
        let order = schedule(&pool(), &history(), now, 10, 1, None);
        // a failed (due at once, 5 days ago); d passed twice (6 days → due
        // 11-28 10:00); b failed (due 11-28 18:00); c passed once (due a
        // day later, 11-30 10:00); f and g never seen (due now); e passed
        // twice, due 12-04. `x` is not in the pool.
        let got = ids(&order);
        assert_eq!(got[..4], ["a", "d", "b", "c"]);
        assert_eq!(got[6], "e");
        let mut new = got[4..6].to_vec();
        new.sort();
        assert_eq!(new, ["f", "g"]);
        assert!(order[4].card.is_none() && order[4].due == now);
        assert_eq!(order[6].due, at("2026-12-04T10:00:00Z"));
        // The seed orders the new questions only.
        let other_seeds: Vec<Vec<String>> = (0..8)
            .map(|seed| {
                ids(&schedule(&pool(), &history(), now, 10, seed, None))[4..6]
                    .iter()
                    .map(|s| s.to_string())
                    .collect()
            })
            .collect();
        assert!(other_seeds.iter().any(|o| o[0] == "g") && other_seeds.iter().any(|o| o[0] == "f"));
    }

    #[test]
    fn the_last_question_asked_is_never_asked_first() {
        let now = at("2026-11-30T12:00:00Z");
        assert_eq!(ids(&schedule(&pool(), &history(), now, 3, 1, Some("a"))), ["d", "a", "b"]);
        assert_eq!(ids(&schedule(&pool(), &history(), now, 1, 1, Some("a"))), ["d"]);
        assert_eq!(ids(&schedule(&["a".to_string()], &history(), now, 1, 1, Some("a"))), ["a"]);
    }

    #[test]
    fn good_answers_push_a_question_further_away_and_bad_ones_bring_it_back() {
        let t0 = at("2026-01-01T00:00:00Z");
        let mut card: Option<Card> = None;
        let mut intervals = vec![];
        for (day, score) in [(0, 80.0), (1, 85.0), (7, 90.0), (30, 20.0), (30, 65.0)] {
            let c = Card::review(card.as_ref(), t0 + SignedDuration::from_hours(24 * day), score);
            intervals.push(c.interval_days);
            card = Some(c);
        }
        assert_eq!(intervals[..3], [1.0, 6.0, 6.0 * card_ease_after(&[80.0, 85.0])]);
        assert_eq!(intervals[3], 0.0, "a failed answer is due again at once");
        assert_eq!(intervals[4], 1.0, "and starts over");
        assert!(card.unwrap().ease >= MIN_EASE);
    }

    fn card_ease_after(scores: &[f64]) -> f64 {
        scores.iter().fold(EASE, |ease, s| {
            let miss = f64::from(5 - quality(*s));
            (ease + 0.1 - miss * (0.08 + miss * 0.02)).max(MIN_EASE)
        })
    }

    #[test]
    fn a_self_grade_reschedules_the_question_over_the_graders_score() {
        use crate::bank::Level;
        use crate::fixtures::record;
        let now = at("2026-11-30T12:00:00Z");
        let scored = [("a", "t", 90.0), ("b", "t", 40.0)];
        let mut sessions = vec![record("k", Level::Mid, "2026-11-29T10:00:00Z", &scored)];
        let pool: Vec<String> = ["a", "b"].map(String::from).to_vec();
        let order = |sessions: &[SessionRecord]| ids(&schedule(&pool, &reviews(sessions), now, 2, 1, None)).join(" ");
        assert_eq!(order(&sessions), "b a", "the grader's 40 brings b back at once");
        // The candidate knows better: a was a lucky guess, b was right.
        sessions[0].report.questions[0].own.self_score = Some(20.0);
        sessions[0].report.questions[1].own.self_score = Some(95.0);
        assert_eq!(order(&sessions), "a b");
    }

    #[test]
    fn quality_follows_the_verdicts() {
        let q: Vec<u8> = [0.0, 10.0, 35.0, 59.9, 60.0, 75.0, 90.0].iter().map(|s| quality(*s)).collect();
        assert_eq!(q, [0, 1, 2, 2, 3, 4, 5]);
    }
}
