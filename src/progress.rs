//! Progress over sessions: each interview's overall score over time, each
//! topic's score per level over time, and the weakest topics now — with a
//! sparkline per trend for the terminal.
//!
//! Computed from the session records handed in (already filtered by the
//! caller), oldest first; no I/O (dates are shown in the local time zone).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use console::style;
use jiff::Timestamp;
use serde::Serialize;

use crate::bank::Level;
use crate::history::{Kind, SessionRecord, local_time};
use crate::report::{cut, round1};

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

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    pub sessions: usize,
    /// When the first and the last session finished.
    pub first: Option<Timestamp>,
    pub last: Option<Timestamp>,
    pub interviews: Vec<InterviewTrend>,
    pub topics: Vec<TopicTrend>,
    /// The topics with the lowest recent score, weakest first.
    pub weakest: Vec<TopicTrend>,
}

/// Progress over `sessions` (oldest first). Interviews' overall scores
/// leave drills out — a drill of weak questions is not comparable — but
/// topic scores count every session.
pub fn progress(sessions: &[SessionRecord]) -> Progress {
    let mut interviews: BTreeMap<(&str, Level), (&str, Vec<f64>)> = BTreeMap::new();
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
        for t in &r.topics {
            let entry = topics.entry((r.level, &t.topic)).or_default();
            entry.0 += t.questions;
            entry.1.push(t.score);
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
        topics,
        weakest,
    }
}

impl Progress {
    /// The progress as shown in a terminal (80 columns).
    pub fn to_terminal(&self) -> String {
        let mut o = String::new();
        let (Some(first), Some(last)) = (self.first.map(local_time), self.last.map(local_time)) else {
            return "No sessions in history yet. Sit one (grill run --answers FILE) and come back.\n".into();
        };
        let _ = writeln!(
            o,
            "{}",
            style(format!(
                "Progress over {} session{} ({})",
                self.sessions,
                if self.sessions == 1 { "" } else { "s" },
                match (&first[..10], &last[..10]) {
                    (a, b) if a == b => a.to_string(),
                    (a, b) => format!("{a} to {b}"),
                }
            ))
            .bold()
        );
        if !self.interviews.is_empty() {
            let _ = writeln!(
                o,
                "\n{:<40} {:<20} {:>5} {:>6} {:>5}",
                style("Interviews").bold(),
                "trend",
                "last",
                "recent",
                "best"
            );
            for i in &self.interviews {
                let name = format!("{} · {}", i.scenario, i.level);
                let _ = writeln!(o, "  {:<38} {}", cut(&name, 38), row(&i.trend));
            }
        }
        if !self.topics.is_empty() {
            let _ = writeln!(
                o,
                "\n{:<40} {:<20} {:>5} {:>6} {:>5}",
                style("By level and topic").bold(),
                "trend",
                "last",
                "recent",
                "best"
            );
            for t in &self.topics {
                let _ = writeln!(o, "  {:<7} {:<30} {}", t.level.as_str(), cut(&t.topic, 30), row(&t.trend));
            }
        }
        if !self.weakest.is_empty() {
            let _ = writeln!(
                o,
                "\n{} (mean of the last {RECENT} sessions that asked them)",
                style("Weakest topics").bold()
            );
            for (i, t) in self.weakest.iter().enumerate() {
                let _ = writeln!(
                    o,
                    "  {}. {:<7} {:<16} {:>5.1}   grill drill -l {} -t {}",
                    i + 1,
                    t.level.as_str(),
                    cut(&t.topic, 16),
                    t.trend.recent,
                    t.level,
                    t.topic
                );
            }
        }
        o
    }
}

fn row(t: &Trend) -> String {
    format!("{:<20} {:>5.1} {:>6.1} {:>5.1}", sparkline(&t.scores), t.last, t.recent, t.best)
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
        let text = p.to_terminal();
        assert!(text.contains("k · mid"), "{text}");
        assert!(text.contains("1. mid     security"), "{text}");
        assert!(text.contains("grill drill -l mid -t security"), "{text}");
    }
}
