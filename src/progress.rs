//! Progress over sessions: each interview's overall score over time, each
//! topic's score per level over time, the weakest topics now — with a
//! sparkline per trend for the terminal — and, per topic, how far the
//! candidate's own grades sit from the grader's (judging one's own answers
//! is a skill interviews test too).
//!
//! Computed from the session records handed in (already filtered by the
//! caller), oldest first; no I/O (dates are shown in the local time zone).

use jiff::Timestamp;
use serde::Serialize;
use std::collections::BTreeMap;

use crate::bank::Level;
use crate::history::{Kind, SessionRecord};
use crate::report::round1;

/// A trend's sparkline shows at most this many latest scores.
pub const SPARK_POINTS: usize = 20;
/// "Recent" means the mean of this many latest scores.
pub const RECENT: usize = 3;
/// How many weakest topics are named.
pub const WEAKEST: usize = 3;

/// One series of scores, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trend {
    pub scores: Vec<f64>,
    /// The latest score.
    pub last: f64,
    /// Mean of the latest [`RECENT`] scores.
    pub recent: f64,
    pub best: f64,
}

impl Trend {
    fn new(scores: Vec<f64>) -> Trend {
        let tail = &scores[scores.len().saturating_sub(RECENT)..];
        Trend {
            last: scores.last().copied().unwrap_or(0.0),
            recent: round1(tail.iter().sum::<f64>() / tail.len().max(1) as f64),
            best: scores.iter().copied().fold(0.0, f64::max),
            scores,
        }
    }
}

/// An interview's overall score at one level over time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InterviewTrend {
    pub scenario: String,
    pub title: String,
    pub level: Level,
    #[serde(flatten)]
    pub trend: Trend,
}

/// A topic's score at one level over the sessions that asked it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicTrend {
    pub level: Level,
    pub topic: String,
    /// Questions of this topic asked over all those sessions.
    pub questions: usize,
    #[serde(flatten)]
    pub trend: Trend,
}

/// A scenario's placements over time: the ability estimated each time
/// (0–100) and the level each placed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlacementTrend {
    pub scenario: String,
    pub title: String,
    /// The level each placement named, oldest first (`below-junior`, `mid`, ...).
    pub levels: Vec<String>,
    /// The last placement's level with how sure it was.
    pub statement: String,
    /// The abilities, oldest first.
    #[serde(flatten)]
    pub trend: Trend,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    pub sessions: usize,
    /// When the first and the last session finished.
    pub first: Option<Timestamp>,
    pub last: Option<Timestamp>,
    pub interviews: Vec<InterviewTrend>,
    /// Placements (`grill place`) per scenario.
    pub placements: Vec<PlacementTrend>,
    pub topics: Vec<TopicTrend>,
    /// The topics with the lowest recent score, weakest first.
    pub weakest: Vec<TopicTrend>,
    /// Per level and topic with self-rated answers: the candidate's own
    /// grades against the grader's.
    pub self_gaps: Vec<SelfGap>,
}

/// How far the candidate's own grades of one topic's answers sit from the
/// grader's: positive when they rate themselves higher.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SelfGap {
    pub level: Level,
    pub topic: String,
    /// Answers the candidate rated.
    pub rated: usize,
    /// Mean of (own grade − grader's) over them, one decimal.
    pub gap: f64,
    /// The same per session that rated the topic, oldest first.
    pub gaps: Vec<f64>,
}

impl SelfGap {
    /// `you rate yourself 14 points above the grader on security`.
    pub fn sentence(&self) -> String {
        let points = self.gap.abs().round();
        match self.gap {
            g if points < 1.0 && g.abs() < 1.0 => format!("you rate yourself as the grader does on {}", self.topic),
            g if g > 0.0 => format!("you rate yourself {points} points above the grader on {}", self.topic),
            _ => format!("you rate yourself {points} points below the grader on {}", self.topic),
        }
    }
}

/// The self-vs-grader gap per level and topic over `sessions`.
fn self_gaps(sessions: &[SessionRecord]) -> Vec<SelfGap> {
    let mut by_topic: BTreeMap<(Level, &str), Vec<Vec<f64>>> = BTreeMap::new();
    for s in sessions {
        let mut this: BTreeMap<(Level, &str), Vec<f64>> = BTreeMap::new();
        for q in s.report.questions.iter().filter(|q| q.is_planned()) {
            if let Some(own) = q.own.self_score {
                this.entry((q.level, &q.topic)).or_default().push(own - q.score);
            }
        }
        for (key, diffs) in this {
            by_topic.entry(key).or_default().push(diffs);
        }
    }
    by_topic
        .into_iter()
        .map(|((level, topic), sessions)| {
            let all: Vec<f64> = sessions.iter().flatten().copied().collect();
            SelfGap {
                level,
                topic: topic.to_string(),
                rated: all.len(),
                gap: round1(all.iter().sum::<f64>() / all.len() as f64),
                gaps: sessions.iter().map(|d| round1(d.iter().sum::<f64>() / d.len() as f64)).collect(),
            }
        })
        .collect()
}

/// Progress over `sessions` (oldest first). Interviews' overall scores
/// leave drills and placements out — a drill of weak questions is not
/// comparable, a placement asks every level — but topic scores count every
/// session (a placement's at each question's own level). Placements have
/// their own trend of abilities.
pub fn progress(sessions: &[SessionRecord]) -> Progress {
    let mut interviews: BTreeMap<(&str, Level), (&str, Vec<f64>)> = BTreeMap::new();
    let mut placements: BTreeMap<&str, (&str, Vec<&crate::placement::Placement>)> = BTreeMap::new();
    let mut topics: BTreeMap<(Level, &str), (usize, Vec<f64>)> = BTreeMap::new();
    for s in sessions {
        let r = &s.report;
        if s.kind == Kind::Interview {
            interviews
                .entry((&r.scenario, r.level))
                .or_insert((&r.title, vec![]))
                .1
                .push(r.score);
        }
        match &r.placement {
            Some(p) => {
                placements.entry(&r.scenario).or_insert((&r.title, vec![])).1.push(p);
                let mut by_level: BTreeMap<(Level, &str), Vec<f64>> = BTreeMap::new();
                for q in r.questions.iter().filter(|q| q.is_planned()) {
                    by_level.entry((q.level, &q.topic)).or_default().push(q.score);
                }
                for (key, scores) in by_level {
                    let entry = topics.entry(key).or_default();
                    entry.0 += scores.len();
                    entry.1.push(round1(scores.iter().sum::<f64>() / scores.len() as f64));
                }
            }
            None => {
                for t in &r.topics {
                    let entry = topics.entry((r.level, &t.topic)).or_default();
                    entry.0 += t.questions;
                    entry.1.push(t.score);
                }
            }
        }
    }
    let topics: Vec<TopicTrend> = topics
        .into_iter()
        .map(|((level, topic), (questions, scores))| TopicTrend {
            level,
            topic: topic.to_string(),
            questions,
            trend: Trend::new(scores),
        })
        .collect();
    let mut weakest = topics.clone();
    weakest.sort_by(|a, b| a.trend.recent.total_cmp(&b.trend.recent));
    weakest.truncate(WEAKEST);
    Progress {
        sessions: sessions.len(),
        first: sessions.first().map(|s| s.finished),
        last: sessions.last().map(|s| s.finished),
        interviews: interviews
            .into_iter()
            .map(|((scenario, level), (title, scores))| InterviewTrend {
                scenario: scenario.to_string(),
                title: title.to_string(),
                level,
                trend: Trend::new(scores),
            })
            .collect(),
        placements: placements
            .into_iter()
            .map(|(scenario, (title, all))| PlacementTrend {
                scenario: scenario.to_string(),
                title: title.to_string(),
                levels: all.iter().map(|p| p.level.as_str().to_string()).collect(),
                statement: all.last().map(|p| p.statement()).unwrap_or_default(),
                trend: Trend::new(all.iter().map(|p| p.ability).collect()),
            })
            .collect(),
        topics,
        weakest,
        self_gaps: self_gaps(sessions),
    }
}

/// The latest [`SPARK_POINTS`] 0–100 scores as block characters, on a
/// fixed scale so sparklines compare across rows.
pub fn sparkline(scores: &[f64]) -> String {
    const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    scores[scores.len().saturating_sub(SPARK_POINTS)..]
        .iter()
        .map(|s| BLOCKS[((s.clamp(0.0, 100.0) / 100.0) * 7.0).round() as usize])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::record;

    #[test]
    fn sparklines_use_a_fixed_scale() {
        assert_eq!(sparkline(&[0.0, 50.0, 100.0, 120.0]), "▁▅██");
        assert_eq!(sparkline(&vec![10.0; 30]).chars().count(), SPARK_POINTS);
    }

    #[test]
    fn trends_per_interview_and_topic_and_the_weakest_first() {
        let mut drill = record("k", Level::Mid, "2026-11-04T10:00:00Z", &[("q9", "security", 90.0)]);
        drill.kind = Kind::Drill;
        let sessions = vec![
            record(
                "k",
                Level::Mid,
                "2026-11-01T10:00:00Z",
                &[("q1", "security", 20.0), ("q2", "cost", 80.0)],
            ),
            record(
                "k",
                Level::Mid,
                "2026-11-02T10:00:00Z",
                &[("q3", "security", 40.0), ("q4", "cost", 60.0)],
            ),
            record("k", Level::Junior, "2026-11-03T10:00:00Z", &[("q5", "cost", 100.0)]),
            drill,
        ];
        let p = progress(&sessions);
        assert_eq!(p.sessions, 4);
        let interviews: Vec<(Level, Vec<f64>)> = p.interviews.iter().map(|i| (i.level, i.trend.scores.clone())).collect();
        assert_eq!(
            interviews,
            [(Level::Junior, vec![100.0]), (Level::Mid, vec![50.0, 50.0])],
            "drills left out"
        );
        let topics: Vec<(Level, &str, Vec<f64>)> = p
            .topics
            .iter()
            .map(|t| (t.level, t.topic.as_str(), t.trend.scores.clone()))
            .collect();
        assert_eq!(
            topics,
            [
                (Level::Junior, "cost", vec![100.0]),
                (Level::Mid, "cost", vec![80.0, 60.0]),
                (Level::Mid, "security", vec![20.0, 40.0, 90.0]),
            ]
        );
        let weakest: Vec<(&str, f64)> = p.weakest.iter().map(|t| (t.topic.as_str(), t.trend.recent)).collect();
        assert_eq!(weakest, [("security", 50.0), ("cost", 70.0), ("cost", 100.0)]);
        let text = crate::export::text::progress(&p, crate::export::Colour::Off);
        assert!(text.contains("k · mid"), "{text}");
        assert!(text.contains("1. mid     security"), "{text}");
        assert!(text.contains("grill drill -l mid -t security"), "{text}");
        assert!(p.self_gaps.is_empty() && !text.contains("Your own grades"), "nothing self-rated");
        assert!(p.placements.is_empty());
    }

    #[test]
    fn the_gap_between_self_grades_and_the_graders_per_topic() {
        let mut sessions = vec![
            record(
                "k",
                Level::Mid,
                "2026-11-01T10:00:00Z",
                &[("q1", "security", 50.0), ("q2", "cost", 80.0)],
            ),
            record("k", Level::Mid, "2026-11-02T10:00:00Z", &[("q3", "security", 40.0)]),
        ];
        sessions[0].report.questions[0].own.self_score = Some(60.0);
        sessions[0].report.questions[1].own.self_score = Some(70.0);
        sessions[1].report.questions[0].own.self_score = Some(58.0);
        let p = progress(&sessions);
        let gaps: Vec<(&str, usize, f64, Vec<f64>)> = p
            .self_gaps
            .iter()
            .map(|g| (g.topic.as_str(), g.rated, g.gap, g.gaps.clone()))
            .collect();
        assert_eq!(gaps, [("cost", 1, -10.0, vec![-10.0]), ("security", 2, 14.0, vec![10.0, 18.0])]);
        let text = crate::export::text::progress(&p, crate::export::Colour::Off);
        assert!(text.contains("you rate yourself 14 points above the grader on security"), "{text}");
        assert!(text.contains("you rate yourself 10 points below the grader on cost"), "{text}");
    }

    #[test]
    fn placements_have_their_own_trend_and_feed_topics_at_each_questions_level() {
        let mut first = record("k", Level::Mid, "2026-11-01T10:00:00Z", &[("q1", "security", 20.0)]);
        first.kind = Kind::Placement;
        first.report.questions[0].level = Level::Senior;
        let mut p1 = crate::fixtures::placement();
        p1.ability = 40.0;
        p1.level = crate::placement::Band::At(Level::Junior);
        first.report.placement = Some(p1);
        let mut second = first.clone();
        second.report.placement = Some(crate::fixtures::placement());
        let p = progress(&[first, second]);
        assert!(p.interviews.is_empty(), "placements are not interviews");
        assert_eq!(p.placements.len(), 1);
        assert_eq!(p.placements[0].trend.scores, [40.0, 66.0]);
        assert_eq!(p.placements[0].levels, ["junior", "mid"]);
        assert_eq!(p.topics[0].level, Level::Senior, "the question's own level");
        let text = crate::export::text::progress(&p, crate::export::Colour::Off);
        assert!(
            text.contains("placed junior → mid · last: mid, likely — between mid and senior"),
            "{text}"
        );
    }
}
