//! The candidate's own grade of an answer, beside the grader's: a number
//! (`self = 70`), a quick rating as Anki gives one (again / hard / good /
//! easy), or a checklist of the question's key points marked covered,
//! partly or missed — and where that grade and the grader's disagree.
//!
//! This module owns the values and their arithmetic; reading them from a
//! sheet is `sheet`'s, asking for them in a terminal is `session`'s, and
//! storing them in a report is `report`'s. It uses only the bank's key
//! points and the grader's per-point details, so it is pure.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::bank::KeyPoint;
use crate::grade::{PointDetail, Status};

/// A quick rating of one's own answer, as Anki asks for one after the reveal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Rating {
    Again,
    Hard,
    Good,
    Easy,
}

impl Rating {
    pub const ALL: [Rating; 4] = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];

    /// The score a rating stands for: "hard" still passes the drill
    /// scheduler (≥ 60), as in Anki; "again" does not.
    pub fn score(self) -> f64 {
        match self {
            Rating::Again => 20.0,
            Rating::Hard => 60.0,
            Rating::Good => 80.0,
            Rating::Easy => 95.0,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Rating::Again => "again",
            Rating::Hard => "hard",
            Rating::Good => "good",
            Rating::Easy => "easy",
        }
    }

    /// A rating word, any case; `None` for anything else.
    pub fn parse(word: &str) -> Option<Rating> {
        Rating::ALL.into_iter().find(|r| r.as_str().eq_ignore_ascii_case(word.trim()))
    }

    /// The key that gives it in the rating screen (`1`–`4`).
    pub fn from_key(key: char) -> Option<Rating> {
        Rating::ALL.get((key as usize).wrapping_sub('1' as usize)).copied()
    }
}

/// How far the candidate says they covered one key point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mark {
    Covered,
    Partly,
    Missed,
}

impl Mark {
    pub const ALL: [Mark; 3] = [Mark::Covered, Mark::Partly, Mark::Missed];

    pub fn as_str(self) -> &'static str {
        match self {
            Mark::Covered => "covered",
            Mark::Partly => "partly",
            Mark::Missed => "missed",
        }
    }

    /// A status word; `not covered` is accepted for `missed`.
    pub fn parse(word: &str) -> Option<Mark> {
        let word = word.trim().to_lowercase();
        match word.as_str() {
            "not covered" | "not" => Some(Mark::Missed),
            "partial" => Some(Mark::Partly),
            _ => Mark::ALL.into_iter().find(|m| m.as_str() == word),
        }
    }

    /// The share of the point's weight it earns.
    fn credit(self) -> f64 {
        match self {
            Mark::Covered => 1.0,
            Mark::Partly => 0.5,
            Mark::Missed => 0.0,
        }
    }
}

/// The candidate's grade of one answer, in whichever form they gave it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SelfGrade {
    /// A score, 0–100.
    Score(f64),
    Rating(Rating),
    /// Key points (by their `point` text) and how far each was said;
    /// points not listed count as missed.
    Points(BTreeMap<String, Mark>),
}

/// The key point `name` names: its text or one of its alternatives, case
/// and surrounding spaces aside.
pub fn find_point<'a>(key_points: &'a [KeyPoint], name: &str) -> Option<&'a KeyPoint> {
    let name = name.trim();
    key_points
        .iter()
        .find(|kp| kp.point.trim().eq_ignore_ascii_case(name) || kp.alternatives.iter().any(|a| a.trim().eq_ignore_ascii_case(name)))
}

/// A checklist's score as the grader weighs key points: covered earns the
/// point's weight, partly half of it, over the total weight; 0–100.
pub fn checklist_score(key_points: &[KeyPoint], marks: &BTreeMap<String, Mark>) -> f64 {
    let total: f64 = key_points.iter().map(|kp| f64::from(kp.weight)).sum();
    if total <= 0.0 {
        return 0.0;
    }
    let earned: f64 = key_points
        .iter()
        .map(|kp| f64::from(kp.weight) * marks.get(&kp.point).map_or(0.0, |m| m.credit()))
        .sum();
    100.0 * earned / total
}

/// The candidate's own grade of one question as a report keeps it, beside
/// the grader's. Every field defaults, so reports older than version 3
/// load unchanged: unrated.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SelfAssessment {
    /// 0–100, one decimal; `None` when the candidate did not rate it.
    #[serde(default)]
    pub self_score: Option<f64>,
    /// The quick rating, when they gave one.
    #[serde(default)]
    pub self_rating: Option<Rating>,
    /// The checklist, when they marked the key points (by point text).
    #[serde(default)]
    pub self_points: BTreeMap<String, Mark>,
    /// The two grades differ by [`DISAGREEMENT_POINTS`] or more, or on a
    /// key point.
    #[serde(default)]
    pub disagreement: bool,
    /// What each side saw where they disagree, one line each.
    #[serde(default)]
    pub disagreements: Vec<String>,
}

impl SelfAssessment {
    /// The assessment `grade` makes of an answer the grader scored
    /// `grader_score` with `details`, against the question's `key_points`.
    pub fn new(grade: &SelfGrade, key_points: &[KeyPoint], grader_score: f64, details: &[PointDetail]) -> SelfAssessment {
        let (score, rating, points) = match grade {
            SelfGrade::Score(s) => (*s, None, BTreeMap::new()),
            SelfGrade::Rating(r) => (r.score(), Some(*r), BTreeMap::new()),
            SelfGrade::Points(marks) => (checklist_score(key_points, marks), None, marks.clone()),
        };
        let score = (score * 10.0).round() / 10.0;
        let disagreements = disagreements(score, grader_score, &points, details);
        SelfAssessment {
            self_score: Some(score),
            self_rating: rating,
            self_points: points,
            disagreement: !disagreements.is_empty(),
            disagreements,
        }
    }

    /// `you 80.0 (good)`, `you 62.5 (checklist)`, or `not self-rated`.
    pub fn describe(&self) -> String {
        match (self.self_score, self.self_rating) {
            (None, _) => "not self-rated".into(),
            (Some(s), Some(r)) => format!("you {s:.1} ({})", r.as_str()),
            (Some(s), None) if !self.self_points.is_empty() => format!("you {s:.1} (checklist)"),
            (Some(s), None) => format!("you {s:.1}"),
        }
    }
}

/// The candidate's grades over a whole report, beside the grader's over
/// the same questions so the two compare like for like.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SelfSummary {
    /// Mean of the self scores given; `None` when none was.
    #[serde(default)]
    pub self_score: Option<f64>,
    /// How many questions the candidate rated.
    #[serde(default)]
    pub self_rated: usize,
    /// The grader's mean over the questions the candidate rated.
    #[serde(default)]
    pub grader_score_same: Option<f64>,
}

impl SelfSummary {
    /// `your own grade 72.0 over 2 of 5 questions; the grader's on the
    /// same: 58.0`, or `None` when nothing was rated.
    pub fn describe(&self, questions: usize) -> Option<String> {
        let (own, grader) = (self.self_score?, self.grader_score_same?);
        Some(format!(
            "your own grade {own:.1} over {} of {questions} questions; the grader's on the same: {grader:.1}",
            self.self_rated
        ))
    }

    /// From each question's grader score and assessment.
    pub fn of<'a>(questions: impl Iterator<Item = (f64, &'a SelfAssessment)>) -> SelfSummary {
        let rated: Vec<(f64, f64)> = questions.filter_map(|(g, a)| a.self_score.map(|s| (s, g))).collect();
        if rated.is_empty() {
            return SelfSummary::default();
        }
        let n = rated.len() as f64;
        let round = |x: f64| (x * 10.0).round() / 10.0;
        SelfSummary {
            self_score: Some(round(rated.iter().map(|r| r.0).sum::<f64>() / n)),
            self_rated: rated.len(),
            grader_score_same: Some(round(rated.iter().map(|r| r.1).sum::<f64>() / n)),
        }
    }
}

/// Questions whose two grades differ by this many points or more are flagged.
pub const DISAGREEMENT_POINTS: f64 = 20.0;

/// Where the candidate's grade and the grader's part ways on one answer,
/// each line saying what each side saw; empty when they agree.
pub fn disagreements(self_score: f64, grader_score: f64, marks: &BTreeMap<String, Mark>, details: &[PointDetail]) -> Vec<String> {
    let mut out = Vec::new();
    if (self_score - grader_score).abs() >= DISAGREEMENT_POINTS {
        out.push(format!("you gave yourself {self_score}; the grader gave {grader_score}"));
    }
    for d in details {
        let Some(mark) = marks.get(&d.point) else { continue };
        match (mark, d.status) {
            (Mark::Covered | Mark::Partly, Status::Missed) => out.push(match &d.negated {
                Some(negated) => format!(
                    "you claimed \"{}\"; the grader read it only under a negation: \"{negated}\"",
                    d.point
                ),
                None => format!("you claimed \"{}\"; no words of yours matched it", d.point),
            }),
            (Mark::Missed, Status::Covered | Status::Partial) => out.push(format!(
                "the grader found \"{}\" in your words ({}); you marked it not covered",
                d.point,
                d.matched_text()
            )),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kp(point: &str, weight: u32, alternatives: &[&str]) -> KeyPoint {
        KeyPoint {
            point: point.into(),
            weight,
            alternatives: alternatives.iter().map(|s| s.to_string()).collect(),
            subject: None,
            proposed: false,
        }
    }

    #[test]
    fn ratings_map_as_anki_users_expect() {
        let scores: Vec<f64> = Rating::ALL.iter().map(|r| r.score()).collect();
        assert_eq!(scores, [20.0, 60.0, 80.0, 95.0]);
        assert_eq!(Rating::parse(" Good "), Some(Rating::Good));
        assert_eq!(Rating::parse("great"), None);
        assert_eq!(Rating::from_key('1'), Some(Rating::Again));
        assert_eq!(Rating::from_key('4'), Some(Rating::Easy));
        assert_eq!(Rating::from_key('5'), None);
        assert_eq!(Rating::from_key('0'), None);
    }

    #[test]
    fn a_checklist_weighs_points_like_the_grader() {
        let points = [kp("a", 3, &[]), kp("b", 1, &["bee"])];
        let marks = |list: &[(&str, Mark)]| list.iter().map(|(p, m)| (p.to_string(), *m)).collect();
        assert_eq!(checklist_score(&points, &marks(&[("a", Mark::Covered)])), 75.0);
        assert_eq!(checklist_score(&points, &marks(&[("a", Mark::Partly), ("b", Mark::Covered)])), 62.5);
        assert_eq!(checklist_score(&points, &marks(&[])), 0.0);
        assert_eq!(find_point(&points, " BEE").map(|k| k.point.as_str()), Some("b"));
        assert!(find_point(&points, "c").is_none());
    }

    #[test]
    fn disagreements_say_what_each_side_saw() {
        let detail = |point: &str, status| PointDetail {
            point: point.into(),
            status,
            matched: vec![],
            source: None,
            negated: None,
        };
        let details = [detail("instant rollback", Status::Missed), detail("smoke tests", Status::Covered)];
        let marks = [
            ("instant rollback".to_string(), Mark::Covered),
            ("smoke tests".to_string(), Mark::Missed),
        ]
        .into();
        let found = disagreements(70.0, 45.0, &marks, &details);
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[0], "you gave yourself 70; the grader gave 45");
        assert!(found[1].contains("you claimed \"instant rollback\"; no words of yours matched it"));
        assert!(found[2].contains("you marked it not covered"));
        assert!(disagreements(70.0, 55.0, &BTreeMap::new(), &details).is_empty());
    }
}
