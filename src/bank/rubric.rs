//! What a question is graded against, beyond its reference: weighted key
//! points (each optionally naming the `subject` it is about), the wrong
//! claims candidates make (`misconceptions`), and follow-up questions, which
//! are either plain prompts (the old form, asked as ungraded practice) or
//! small questions with a rubric of their own.
//!
//! The on-disk tables and their per-file checks live here too, so that
//! `bank/mod.rs` keeps to the question and the bank; every problem is
//! located in the file and says what to change.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::{Source, valid_id};
use crate::diagnostic::{Diagnostics, Locations};

/// A misconception without its own `weight` and without a contradicted
/// key point costs this much (on the 1–10 scale of key point weights).
pub const DEFAULT_MISCONCEPTION_WEIGHT: u32 = 5;
/// A follow-up with a rubric needs at least this many key points: one
/// point is a keyword check, not a question.
pub const FOLLOW_UP_MIN_POINTS: usize = 2;
/// ... and at most this many: a follow-up is a short question.
pub const FOLLOW_UP_MAX_POINTS: usize = 5;

/// A phrase the grader looks for, with how much it counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyPoint {
    pub point: String,
    pub weight: u32,
    pub alternatives: Vec<String>,
    /// What the claim is about (`liveness`, `blue`, `HPA`) when the question
    /// has roles: the point counts only in a clause naming it, and the same
    /// claim about another role's subject is a swap.
    pub subject: Option<String>,
    /// Suggested by `grill import`, not yet reviewed by a person.
    pub proposed: bool,
}

/// A wrong claim candidates make, and what is true instead.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Misconception {
    /// The wrong claim, as a candidate would say it in one clause.
    pub claim: String,
    /// Other ways of saying the same wrong thing.
    pub alternatives: Vec<String>,
    /// What is true, in a sentence or two.
    pub correction: String,
    /// The `point` of the key point the claim denies, if any.
    pub contradicts: Option<String>,
    /// How much stating it costs, 1–10; see [`Misconception::weight_in`].
    pub weight: Option<u32>,
}

impl Misconception {
    /// What stating it costs among `points`: its own weight, else the
    /// contradicted point's, else [`DEFAULT_MISCONCEPTION_WEIGHT`].
    pub fn weight_in(&self, points: &[KeyPoint]) -> u32 {
        self.weight
            .or_else(|| {
                let denied = self.contradicts.as_deref()?;
                points.iter().find(|p| p.point == denied).map(|p| p.weight)
            })
            .unwrap_or(DEFAULT_MISCONCEPTION_WEIGHT)
    }
}

/// A question asked after the main one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FollowUp {
    /// `None` for the old plain-string form, which has no rubric and is
    /// asked as ungraded practice.
    pub id: Option<String>,
    pub prompt: String,
    /// Empty for the plain form.
    pub reference: String,
    pub key_points: Vec<KeyPoint>,
    pub misconceptions: Vec<Misconception>,
    pub seconds: Option<u32>,
    /// Where it is defined, `path:line:col`.
    #[serde(skip)]
    pub origin: String,
}

impl FollowUp {
    /// Whether it has a rubric to be graded against (the table form).
    pub fn is_graded(&self) -> bool {
        self.id.is_some()
    }

    /// Its answer time: its own `seconds`, else half the parent's budget,
    /// rounded to 5 s so the screen and the report show the same round
    /// figure.
    pub fn budget_seconds(&self, parent_budget: u32) -> u32 {
        crate::layout::round_to_5(self.seconds.unwrap_or(parent_budget / 2)).max(5)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct KeyPointFile {
    pub(super) point: Spanned<String>,
    pub(super) weight: Spanned<i64>,
    #[serde(default)]
    pub(super) alternatives: Vec<String>,
    #[serde(default)]
    pub(super) subject: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) proposed: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct MisconceptionFile {
    pub(super) claim: Spanned<String>,
    #[serde(default)]
    pub(super) alternatives: Vec<String>,
    #[serde(default)]
    pub(super) correction: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) contradicts: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) weight: Option<Spanned<i64>>,
}

/// A follow-up as written: a plain string, or a `[[question.follow_ups]]`
/// table. (TOML cannot mix the two in one array.)
#[derive(Debug)]
pub(super) enum FollowUpFile {
    Prompt(String),
    Table(FollowUpTable),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FollowUpTable {
    #[serde(default)]
    pub(super) id: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) prompt: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) reference: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) key_points: Vec<Spanned<KeyPointFile>>,
    #[serde(default)]
    pub(super) misconceptions: Vec<Spanned<MisconceptionFile>>,
    #[serde(default)]
    pub(super) seconds: Option<Spanned<i64>>,
}

impl<'de> Deserialize<'de> for FollowUpFile {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<FollowUpFile, D::Error> {
        struct Either;
        impl<'de> Visitor<'de> for Either {
            type Value = FollowUpFile;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a follow-up question (a string) or a [[question.follow_ups]] table")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<FollowUpFile, E> {
                Ok(FollowUpFile::Prompt(s.to_string()))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<FollowUpFile, E> {
                Ok(FollowUpFile::Prompt(s))
            }
            fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<FollowUpFile, M::Error> {
                FollowUpTable::deserialize(de::value::MapAccessDeserializer::new(map)).map(FollowUpFile::Table)
            }
        }
        deserializer.deserialize_any(Either)
    }
}

/// Converts and checks a question's (or follow-up's) key points, reporting
/// problems for question `id`.
pub(super) fn key_points(src: &Source, id: &str, file: Vec<Spanned<KeyPointFile>>, problems: &mut Diagnostics) -> Vec<KeyPoint> {
    let mut out = Vec::with_capacity(file.len());
    for kp in file {
        let kp = kp.into_inner();
        let weight = *kp.weight.get_ref();
        if !(1..=10).contains(&weight) {
            problems.push(
                src.error_at(
                    kp.weight.span(),
                    format!("key point `{}` of `{id}` has weight {weight}", kp.point.get_ref()),
                )
                .with_help("weights are whole numbers from 1 to 10"),
            );
        }
        if kp.point.get_ref().trim().is_empty() {
            problems.push(
                src.error_at(kp.point.span(), format!("question `{id}` has an empty key point"))
                    .with_help("write the phrase the grader should look for"),
            );
        }
        let subject = kp.subject.map(|s| {
            let (span, subject) = (s.span(), s.into_inner());
            if subject.trim().is_empty() {
                problems.push(
                    src.error_at(span, format!("key point `{}` of `{id}` has an empty subject", kp.point.get_ref()))
                        .with_help("name what the claim is about (`liveness`, `blue`), or remove `subject`"),
                );
            } else if !words_within(&subject, kp.point.get_ref()) {
                problems.push(
                    src.error_at(
                        span,
                        format!(
                            "the subject `{subject}` of `{id}` is not in its key point `{}`",
                            kp.point.get_ref()
                        ),
                    )
                    .with_help("a point names its subject (\"liveness failure restarts the container\" for `liveness`): reword the point or the subject"),
                );
            }
            subject.trim().to_string()
        });
        out.push(KeyPoint {
            point: kp.point.into_inner(),
            weight: weight.clamp(1, 10) as u32,
            alternatives: kp.alternatives.into_iter().filter(|a| !a.trim().is_empty()).collect(),
            subject,
            proposed: kp.proposed,
        });
    }
    out
}

/// Converts and checks misconceptions against the key points they may
/// contradict.
pub(super) fn misconceptions(
    src: &Source,
    id: &str,
    file: Vec<Spanned<MisconceptionFile>>,
    points: &[KeyPoint],
    problems: &mut Diagnostics,
) -> Vec<Misconception> {
    let mut out = Vec::with_capacity(file.len());
    for m in file {
        let (header, m) = (m.span(), m.into_inner());
        let (claim_span, claim) = (m.claim.span(), m.claim.into_inner());
        if claim.trim().is_empty() {
            problems.push(
                src.error_at(claim_span.clone(), format!("a misconception of `{id}` has an empty claim"))
                    .with_help("write the wrong claim as a candidate would say it, in one clause"),
            );
        }
        let correction = match m.correction {
            Some(c) if !c.get_ref().trim().is_empty() => c.into_inner().trim().to_string(),
            other => {
                let span = other.map_or(header, |c| c.span());
                problems.push(
                    src.error_at(span, format!("misconception `{claim}` of `{id}` has no correction"))
                        .with_help("add `correction = \"...\"`: what is true, in a sentence or two"),
                );
                String::new()
            }
        };
        let contradicts = m.contradicts.map(|c| {
            let (span, denied) = (c.span(), c.into_inner());
            if !points.iter().any(|p| p.point == denied) {
                let known: Vec<String> = points.iter().map(|p| format!("`{}`", p.point)).collect();
                problems.push(
                    src.error_at(
                        span,
                        format!("misconception `{claim}` of `{id}` contradicts `{denied}`, which is no key point of it"),
                    )
                    .with_help(format!("use the exact `point` text of one of: {}", known.join(", "))),
                );
            }
            denied
        });
        let weight = m.weight.map(|w| {
            let weight = *w.get_ref();
            if !(1..=10).contains(&weight) {
                problems.push(
                    src.error_at(w.span(), format!("misconception `{claim}` of `{id}` has weight {weight}"))
                        .with_help("weights are whole numbers from 1 to 10; leave it out to use the contradicted point's"),
                );
            }
            weight.clamp(1, 10) as u32
        });
        out.push(Misconception {
            claim,
            alternatives: m.alternatives.into_iter().filter(|a| !a.trim().is_empty()).collect(),
            correction,
            contradicts,
            weight,
        });
    }
    out
}

/// Converts and checks the follow-ups of question `id`; `at` is where the
/// question's id is, for problems of a table that has no place of its own.
pub(super) fn follow_ups(
    src: &Source,
    id: &str,
    at: &std::ops::Range<usize>,
    file: Vec<Spanned<FollowUpFile>>,
    locations: &mut Locations,
    problems: &mut Diagnostics,
) -> Vec<FollowUp> {
    let mut out = Vec::with_capacity(file.len());
    for (n, f) in file.into_iter().enumerate() {
        let (header, f) = (f.span(), f.into_inner());
        let origin = locations.location(header.start);
        let table = match f {
            FollowUpFile::Prompt(prompt) => {
                out.push(FollowUp {
                    id: None,
                    prompt,
                    reference: String::new(),
                    key_points: vec![],
                    misconceptions: vec![],
                    seconds: None,
                    origin,
                });
                continue;
            }
            FollowUpFile::Table(t) => t,
        };
        let place = if header.is_empty() { at.clone() } else { header.clone() };
        let expected = format!("{id}-f{}", n + 1);
        let follow_id = match table.id {
            Some(i) if valid_id(i.get_ref()) => i.into_inner(),
            Some(i) => {
                problems.push(
                    src.error_at(
                        i.span(),
                        format!("follow-up {} of `{id}` has an invalid id `{}`", n + 1, i.get_ref()),
                    )
                    .with_help(format!("use the question's id, `-f` and its position: `{expected}`")),
                );
                expected
            }
            None => {
                problems.push(
                    src.error_at(place.clone(), format!("follow-up {} of `{id}` has no id", n + 1))
                        .with_help(format!("add `id = \"{expected}\"`")),
                );
                expected
            }
        };
        let mut text = |value: Option<Spanned<String>>, what: &str, help: &str| match value {
            Some(v) if !v.get_ref().trim().is_empty() => super::trimmed(v.into_inner()),
            other => {
                let span = other.map_or(place.clone(), |v| v.span());
                problems.push(
                    src.error_at(span, format!("follow-up `{follow_id}` has no {what}"))
                        .with_help(help.to_string()),
                );
                String::new()
            }
        };
        let prompt = text(
            table.prompt,
            "prompt",
            "add `prompt = \"...\"`: the question the candidate is asked",
        );
        let reference = text(
            table.reference,
            "reference answer",
            "add `reference = \"\"\"...\"\"\"`: a correct, complete answer in 2–4 sentences",
        );
        let count = table.key_points.len();
        if !(FOLLOW_UP_MIN_POINTS..=FOLLOW_UP_MAX_POINTS).contains(&count) {
            problems.push(
                src.error_at(
                    place.clone(),
                    format!("follow-up `{follow_id}` has {count} key point{}", if count == 1 { "" } else { "s" }),
                )
                .with_help(format!(
                    "give it {FOLLOW_UP_MIN_POINTS} to {FOLLOW_UP_MAX_POINTS} [[question.follow_ups.key_points]] tables"
                )),
            );
        }
        let key_points = key_points(src, &follow_id, table.key_points, problems);
        let misconceptions = misconceptions(src, &follow_id, table.misconceptions, &key_points, problems);
        let seconds = table.seconds.and_then(|s| seconds(src, &follow_id, s, problems));
        out.push(FollowUp {
            id: Some(follow_id),
            prompt,
            reference,
            key_points,
            misconceptions,
            seconds,
            origin,
        });
    }
    out
}

/// A suggested answer time, checked to lie in 10–3600 seconds.
pub(super) fn seconds(src: &Source, id: &str, s: Spanned<i64>, problems: &mut Diagnostics) -> Option<u32> {
    let value = *s.get_ref();
    if (10..=3600).contains(&value) {
        Some(value as u32)
    } else {
        problems.push(
            src.error_at(s.span(), format!("question `{id}` suggests {value} seconds"))
                .with_help("`seconds` is the suggested answer time, from 10 to 3600"),
        );
        None
    }
}

/// Whether every word of `subject` is in `text`, up to inflection
/// (`StatefulSet` in "StatefulSets keep their names").
fn words_within(subject: &str, text: &str) -> bool {
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    let stems = |s: &str| -> Vec<String> {
        s.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| stemmer.stem(w).into_owned())
            .collect()
    };
    let within = stems(text);
    stems(subject).iter().all(|s| within.contains(s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Bank;
    use crate::diagnostic::SourceFile;

    /// A question in this round's format: subjects, misconceptions and a
    /// follow-up with a rubric of its own.
    const NEW_FORMAT: &str = r#"
id = "demo"
title = "Demo"

[[question]]
id = "demo-1"
prompt = "What do liveness and readiness probes do?"
level = "junior"
topic = "kubernetes"
difficulty = 2
reference = "A failing liveness probe restarts the container. A failing readiness probe takes the pod out of the Service endpoints."

[[question.key_points]]
point = "liveness failure restarts the container"
weight = 8
alternatives = ["kubelet restarts it when liveness fails"]
subject = "liveness"

[[question.key_points]]
point = "readiness failure removes pod from endpoints"
weight = 6
subject = "readiness"

[[question.misconceptions]]
claim = "readiness failure restarts the container"
alternatives = ["readiness probe kills the pod"]
correction = "A failing readiness probe only takes the pod out of the Service's endpoints."
contradicts = "readiness failure removes pod from endpoints"

[[question.misconceptions]]
claim = "disable the liveness probe to stop restarts"
correction = "Fix the cause or the probe's thresholds; without it a hung container is never restarted."
weight = 4

[[question.follow_ups]]
id = "demo-1-f1"
prompt = "What does a startup probe add?"
reference = "It holds off the other probes until a slow container has started. Then liveness takes over."

[[question.follow_ups.key_points]]
point = "holds off the other probes"
weight = 6

[[question.follow_ups.key_points]]
point = "slow container has started"
weight = 4
alternatives = ["slow start"]

[[question.follow_ups.misconceptions]]
claim = "startup probe runs after the others"
correction = "It runs first; the others wait for it."
"#;

    fn errors(text: &str) -> String {
        Bank::parse(&SourceFile::new("b.toml", text)).unwrap_err().to_string()
    }

    #[test]
    fn the_new_format_loads_with_subjects_misconceptions_and_follow_ups() {
        let bank = Bank::parse(&SourceFile::new("b.toml", NEW_FORMAT)).unwrap();
        let q = &bank.questions[0];
        assert_eq!(q.key_points[0].subject.as_deref(), Some("liveness"));
        assert_eq!(q.misconceptions.len(), 2);
        assert_eq!(q.misconceptions[0].weight_in(&q.key_points), 6, "the contradicted point's weight");
        assert_eq!(q.misconceptions[1].weight_in(&q.key_points), 4);
        let f = &q.follow_ups[0];
        assert!(f.is_graded());
        assert_eq!(
            (f.id.as_deref(), f.key_points.len(), f.misconceptions.len()),
            (Some("demo-1-f1"), 2, 1)
        );
        assert_eq!(f.origin, "b.toml:35:1");
        // The old form still loads, as ungraded practice.
        let old = NEW_FORMAT.split("[[question.follow_ups]]").next().unwrap().to_string()
            + "[[question.key_points]]\npoint = \"more\"\nweight = 1\n";
        let old = old.replace(
            "difficulty = 2",
            "difficulty = 2\nfollow_ups = [\"What does a startup probe add?\"]",
        );
        let bank = Bank::parse(&SourceFile::new("b.toml", &old)).unwrap();
        let f = &bank.questions[0].follow_ups[0];
        assert_eq!(
            (f.id.as_deref(), f.prompt.as_str(), f.is_graded()),
            (None, "What does a startup probe add?", false)
        );
    }

    #[test]
    fn each_rubric_problem_is_located_and_explained() {
        let cases = [
            (
                "claim = \"disable the liveness probe to stop restarts\"",
                "claim = \" \"",
                "b.toml:31:9: a misconception of `demo-1` has an empty claim",
            ),
            (
                "contradicts = \"readiness failure removes pod from endpoints\"",
                "contradicts = \"readiness removes\"",
                "b.toml:28:15: misconception `readiness failure restarts the container` of `demo-1` contradicts `readiness removes`, which is no key point of it",
            ),
            (
                "subject = \"readiness\"",
                "subject = \"startup\"",
                "b.toml:22:11: the subject `startup` of `demo-1` is not in its key point `readiness failure removes pod from endpoints`",
            ),
            (
                "weight = 4\n",
                "weight = 11\n",
                "b.toml:33:10: misconception `disable the liveness probe to stop restarts` of `demo-1` has weight 11",
            ),
            (
                "correction = \"It runs first; the others wait for it.\"",
                "",
                "b.toml:49:1: misconception `startup probe runs after the others` of `demo-1-f1` has no correction",
            ),
            ("id = \"demo-1-f1\"\n", "", "b.toml:35:1: follow-up 1 of `demo-1` has no id"),
            (
                "id = \"demo-1-f1\"",
                "id = \"Demo 1\"",
                "b.toml:36:6: follow-up 1 of `demo-1` has an invalid id `Demo 1`",
            ),
            (
                "prompt = \"What does a startup probe add?\"",
                "prompt = \"\"",
                "b.toml:37:10: follow-up `demo-1-f1` has no prompt",
            ),
            (
                "reference = \"It holds off",
                "refrence = \"It holds off",
                "unknown field `refrence`",
            ),
            (
                "reference = \"It holds off the other probes until a slow container has started. Then liveness takes over.\"\n",
                "",
                "b.toml:35:1: follow-up `demo-1-f1` has no reference answer",
            ),
            (
                "[[question.follow_ups.key_points]]\npoint = \"slow container has started\"",
                "[[question.misconceptions]]\nclaim = \"slow container has started\"\ncorrection = \"x\"",
                "b.toml:35:1: follow-up `demo-1-f1` has 1 key point",
            ),
        ];
        for (from, to, expected) in cases {
            assert!(NEW_FORMAT.contains(from), "{from:?}");
            let shown = errors(&NEW_FORMAT.replacen(from, to, 1));
            assert!(
                shown.contains(expected),
                "replacing {from:?} → {to:?}\nexpected {expected:?} in:\n{shown}"
            );
        }
        let six = "[[question.follow_ups.key_points]]\npoint = \"more\"\nweight = 1\n".repeat(4);
        let shown = errors(&NEW_FORMAT.replace(
            "[[question.follow_ups.misconceptions]]",
            &format!("{six}[[question.follow_ups.misconceptions]]"),
        ));
        assert!(shown.contains("follow-up `demo-1-f1` has 6 key points"), "{shown}");
    }

    #[test]
    fn subjects_are_found_in_their_points_up_to_inflection() {
        assert!(words_within("liveness", "Liveness failure restarts the container"));
        assert!(words_within("StatefulSet", "StatefulSets keep stable names"));
        assert!(words_within("scale-down window", "the scale down window is five minutes"));
        assert!(!words_within("readiness", "liveness failure restarts the container"));
        assert!(!words_within("blue green", "blue stays idle"));
    }

    #[test]
    fn a_misconception_weighs_its_own_weight_else_the_denied_point() {
        let point = KeyPoint {
            point: "liveness restarts".into(),
            weight: 8,
            alternatives: vec![],
            subject: Some("liveness".into()),
            proposed: false,
        };
        let mut m = Misconception {
            claim: "readiness restarts".into(),
            alternatives: vec![],
            correction: "No.".into(),
            contradicts: Some("liveness restarts".into()),
            weight: None,
        };
        assert_eq!(m.weight_in(std::slice::from_ref(&point)), 8);
        m.weight = Some(3);
        assert_eq!(m.weight_in(std::slice::from_ref(&point)), 3);
        m.weight = None;
        m.contradicts = None;
        assert_eq!(m.weight_in(&[point]), DEFAULT_MISCONCEPTION_WEIGHT);
    }
}
