//! The one scale that places questions and candidates side by side: 0–100,
//! 50 being a mid-level question of middle difficulty.
//!
//! A question's position comes from its level and its `difficulty` 1–5:
//!
//! ```text
//! b(level, d) = 50 + 15·(level − mid) + 10·(d − 3)      level: junior −1, mid 0, senior +1
//! ```
//!
//! so junior questions of difficulty 1–2 sit at 15–25, mid ones of 2–4 at
//! 40–60, senior ones of 4–5 at 75–85 (the shipped banks rate difficulty on
//! one 1–5 range across levels, and the two terms add up rather than
//! double-count). A candidate is *at* a level when they would earn half the
//! credit on its typical question — difficulty 2 for junior, 3 for mid, 4
//! for senior — so the levels' bands start at 25 (junior), 50 (mid) and 75
//! (senior); below 25 is below junior. Each band is 25 points wide.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::bank::Level;

/// Points a level adds to a question's position.
const LEVEL_STEP: f64 = 15.0;
/// Points one step of `difficulty` adds.
const DIFFICULTY_STEP: f64 = 10.0;
/// Width of one level's band.
pub const BAND_WIDTH: f64 = 25.0;

fn offset(level: Level) -> f64 {
    match level {
        Level::Junior => -1.0,
        Level::Mid => 0.0,
        Level::Senior => 1.0,
    }
}

/// A question's position on the scale from its level and difficulty 1–5.
pub fn question_position(level: Level, difficulty: u8) -> f64 {
    50.0 + LEVEL_STEP * offset(level) + DIFFICULTY_STEP * (f64::from(difficulty) - 3.0)
}

/// Where `level`'s band starts: the position of its typical question.
pub fn band_start(level: Level) -> f64 {
    50.0 + BAND_WIDTH * offset(level)
}

/// A placement's outcome: below the lowest level offered, or at a level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Band {
    Below(Level),
    At(Level),
}

impl Band {
    pub fn as_str(self) -> &'static str {
        match self {
            Band::Below(Level::Junior) => "below-junior",
            Band::Below(Level::Mid) => "below-mid",
            Band::Below(Level::Senior) => "below-senior",
            Band::At(level) => level.as_str(),
        }
    }

    /// The level named, if any.
    pub fn level(self) -> Option<Level> {
        match self {
            Band::At(level) => Some(level),
            Band::Below(_) => None,
        }
    }

    /// Words for people: "below junior", "mid".
    pub fn label(self) -> String {
        self.as_str().replace('-', " ")
    }
}

impl fmt::Display for Band {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for Band {
    type Err = String;
    fn from_str(s: &str) -> Result<Band, String> {
        match s.strip_prefix("below-") {
            Some(rest) => rest.parse().map(Band::Below),
            None => s.parse().map(Band::At),
        }
    }
}

impl Serialize for Band {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Band {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Band, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// The bands a scenario can place in: one per level it offers, the top one
/// open-ended, and one below the lowest. A scenario without a senior level
/// places at most at its highest level.
#[derive(Debug, Clone, PartialEq)]
pub struct Bands {
    /// Offered levels, lowest first (never empty).
    levels: Vec<Level>,
}

impl Bands {
    /// Bands for the offered `levels`; `None` when none is offered.
    pub fn new(levels: impl IntoIterator<Item = Level>) -> Option<Bands> {
        let mut levels: Vec<Level> = levels.into_iter().collect();
        levels.sort();
        levels.dedup();
        (!levels.is_empty()).then_some(Bands { levels })
    }

    pub fn levels(&self) -> &[Level] {
        &self.levels
    }

    /// The highest level offered.
    pub fn top(&self) -> Level {
        *self.levels.last().expect("bands are never empty")
    }

    /// The band holding `ability`.
    pub fn band(&self, ability: f64) -> Band {
        self.levels
            .iter()
            .rev()
            .find(|&&l| ability >= band_start(l))
            .map_or(Band::Below(self.levels[0]), |&l| Band::At(l))
    }

    /// Every band, lowest first.
    pub fn all(&self) -> Vec<Band> {
        std::iter::once(Band::Below(self.levels[0]))
            .chain(self.levels.iter().map(|&l| Band::At(l)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_put_levels_in_order_and_typical_questions_on_band_starts() {
        assert_eq!(question_position(Level::Mid, 3), 50.0);
        assert_eq!(question_position(Level::Junior, 2), band_start(Level::Junior));
        assert_eq!(question_position(Level::Senior, 4), band_start(Level::Senior));
        assert!(question_position(Level::Junior, 5) < question_position(Level::Senior, 1) + 30.0);
        assert_eq!(question_position(Level::Junior, 1), 15.0);
        assert_eq!(question_position(Level::Senior, 5), 85.0);
    }

    #[test]
    fn bands_follow_offered_levels() {
        let all = Bands::new(Level::ALL).unwrap();
        let cases = [
            (0.0, "below-junior"),
            (24.9, "below-junior"),
            (25.0, "junior"),
            (50.0, "mid"),
            (74.9, "mid"),
            (75.0, "senior"),
            (100.0, "senior"),
        ];
        for (ability, band) in cases {
            assert_eq!(all.band(ability).as_str(), band, "{ability}");
        }
        let no_senior = Bands::new([Level::Mid, Level::Junior]).unwrap();
        assert_eq!(no_senior.band(95.0), Band::At(Level::Mid));
        assert_eq!(no_senior.top(), Level::Mid);
        assert!(Bands::new([]).is_none());
    }

    #[test]
    fn band_names_round_trip() {
        for band in Bands::new(Level::ALL).unwrap().all() {
            assert_eq!(band.as_str().parse::<Band>().unwrap(), band);
            let json = serde_json::to_string(&band).unwrap();
            assert_eq!(serde_json::from_str::<Band>(&json).unwrap(), band);
        }
        assert!("beside-junior".parse::<Band>().is_err());
    }
}
