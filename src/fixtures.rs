//! Made-up plans, reports and sessions for unit tests, so each test states
//! only the scores and dates it is about.

use jiff::Timestamp;

use crate::bank::Level;
use crate::grade::{MatchKind, PointDetail, Status, TermMatch, Verdict};
use crate::history::{Kind, SessionRecord, Source};
use crate::plan::{Plan, PlannedQuestion, PlannedRound};
use crate::report::{QuestionReport, Report};

/// A one-round plan asking `questions` (`(id, topic)`), 60 s each.
pub fn plan(scenario: &str, level: Level, questions: &[(&str, &str)]) -> Plan {
    Plan {
        scenario: scenario.into(),
        title: format!("Title of {scenario}"),
        level,
        seed: 7,
        pass_mark: 60,
        budget_seconds: 60 * questions.len() as u32,
        rounds: vec![PlannedRound {
            title: "Round".into(),
            briefing: String::new(),
            budget_seconds: 60 * questions.len() as u32,
        }],
        questions: questions
            .iter()
            .map(|(id, topic)| PlannedQuestion {
                id: id.to_string(),
                bank: "bank".into(),
                prompt: format!("Prompt of {id}?"),
                topic: topic.to_string(),
                level,
                difficulty: 2,
                budget_seconds: 60,
                round: 0,
            })
            .collect(),
        follow_ups: Default::default(),
        overtime_penalty: 0,
    }
}

/// A report of `scored` (`(id, topic, score)`); a score of 0 is a skip.
pub fn report(scenario: &str, level: Level, scored: &[(&str, &str, f64)]) -> Report {
    let questions: Vec<(&str, &str)> = scored.iter().map(|(id, topic, _)| (*id, *topic)).collect();
    let plan = plan(scenario, level, &questions);
    let results = plan
        .questions
        .iter()
        .zip(scored)
        .map(|(q, (_, _, score))| QuestionReport {
            id: q.id.clone(),
            prompt: q.prompt.clone(),
            topic: q.topic.clone(),
            level,
            round: "Round".into(),
            score: *score,
            verdict: if *score == 0.0 {
                Verdict::Skipped
            } else {
                Verdict::from_score(*score)
            },
            borderline: false,
            covered: vec![format!("covered point of {}", q.id)],
            missed: vec![format!("missed point of {}", q.id)],
            details: vec![],
            notes: vec![],
            misconceptions: vec![],
            answer: if *score == 0.0 {
                String::new()
            } else {
                format!("My answer to {}.", q.id)
            },
            reference: format!("The reference answer to {}.", q.id),
            seconds: Some(50),
            budget_seconds: 60,
            over_budget: false,
            skipped: *score == 0.0,
            hints: 0,
            penalty: 0.0,
            follow_up: false,
            follows: None,
            ungraded: false,
            own: Default::default(),
        })
        .collect();
    Report::summarise(&plan, results, vec![])
}

/// A saved interview of `scored`, finished at `finished` (RFC 3339).
pub fn record(scenario: &str, level: Level, finished: &str, scored: &[(&str, &str, f64)]) -> SessionRecord {
    let report = report(scenario, level, scored);
    let questions: Vec<(&str, &str)> = scored.iter().map(|(id, topic, _)| (*id, *topic)).collect();
    let finished: Timestamp = finished.parse().expect("an RFC 3339 time");
    let started = finished - jiff::SignedDuration::from_mins(10);
    SessionRecord::new(
        &plan(scenario, level, &questions),
        report,
        Kind::Interview,
        Source::Sheet,
        started,
        finished,
    )
}

/// Key point details with markup in every text a person wrote: a covered
/// point matched through an alias, a partial one, one negated and one
/// missed with its reference sentence.
pub fn details() -> Vec<PointDetail> {
    let m = |word: &str, term: &str, kind| TermMatch {
        word: word.into(),
        term: term.into(),
        kind,
    };
    let detail = |point: &str, status, matched, source: Option<&str>, negated: Option<&str>| PointDetail {
        point: point.into(),
        status,
        matched,
        source: source.map(String::from),
        negated: negated.map(String::from),
    };
    vec![
        detail(
            "<b>kubernetes</b> | pods",
            Status::Covered,
            vec![m("k8s", "kubernetes", MatchKind::Alias), m("p<o>ds", "pods", MatchKind::Typo)],
            None,
            None,
        ),
        detail(
            "alarm on depth",
            Status::Partial,
            vec![m("alarm", "alarm", MatchKind::Exact)],
            Some("Alarms on *depth*."),
            None,
        ),
        detail(
            "readiness probe",
            Status::Missed,
            vec![],
            Some("A <i>readiness</i> probe."),
            Some("not use a readiness probe"),
        ),
    ]
}

/// A placement between mid and senior, self-graded, with one question per
/// level (senior's low, so `security` held the estimate down).
pub fn placement() -> crate::placement::Placement {
    use crate::placement::{Band, PlacedQuestion, Placement};
    let q = |id: &str, level, topic: &str, difficulty, score| PlacedQuestion {
        id: id.into(),
        level,
        topic: topic.into(),
        difficulty,
        score,
    };
    Placement {
        level: Band::At(Level::Mid),
        confident: false,
        ability: 66.0,
        error: 8.0,
        low: 55.0,
        high: 77.0,
        low_level: Some(Band::At(Level::Mid)),
        high_level: Some(Band::At(Level::Senior)),
        top: Some(Level::Senior),
        self_graded: true,
        questions: vec![
            q("m1", Level::Mid, "gitops", 50.0, 80.0),
            q("s1", Level::Senior, "security", 75.0, 10.0),
            q("j1", Level::Junior, "ci-cd", 25.0, 90.0),
        ],
    }
}
