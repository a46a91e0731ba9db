//! Answer sheets: the TOML file a candidate fills in an editor instead of
//! sitting a live interview (`grill sheet` writes a blank one, `grill run
//! --answers` grades it).
//!
//! A sheet may carry the scenario, level and seed it was written for, so the
//! same plan is rebuilt when it is graded — and the ids of its questions
//! (`questions`), so the plan is rebuilt from those rather than from a seed
//! whose plan depends on the history present. A drill sheet (`kind =
//! "drill"`, written by `grill drill`) always lists its questions.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::bank::{KeyPoint, Level};
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use crate::layout::mmss;
use crate::plan::{Kind, Plan};
use crate::selfgrade::{Mark, Rating, SelfGrade, find_point};

/// One answer given.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub id: String,
    pub text: String,
    /// Seconds the candidate took, if they noted it.
    pub seconds: Option<u32>,
    /// `path:line:col` of the entry, for warnings.
    pub origin: String,
    /// Hints asked for before answering (live interviews only).
    pub hints: u32,
    /// The follow-up question this answers, when it is not the planned one.
    pub follow_up: Option<String>,
    /// The candidate's own grade (`self` or `self_points`), if given.
    pub self_grade: Option<SelfGrade>,
    /// Where each point named in `self_points` is written, for errors
    /// about names that match no key point (see
    /// [`AnswerSheet::resolve_self_points`]).
    pub point_spans: BTreeMap<String, Range<usize>>,
}

/// A question id a sheet lists, with where, for errors about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    pub id: String,
    /// `path:line:col` of the id.
    pub origin: String,
}

/// A parsed answer sheet.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AnswerSheet {
    pub scenario: Option<String>,
    pub level: Option<Level>,
    pub seed: Option<u64>,
    /// An interview, or a drill of listed questions.
    pub kind: Kind,
    /// The planned questions in order, when the sheet lists them.
    pub questions: Option<Vec<Listed>>,
    /// The `--minutes` the plan was made with, if any.
    pub minutes: Option<u32>,
    pub answers: Vec<Answer>,
}

/// What a blank sheet records beyond its plan.
#[derive(Debug, Clone, Copy, Default)]
pub struct SheetHeader {
    pub kind: Kind,
    /// The `--minutes` the plan was made with, if any.
    pub minutes: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SheetFile {
    scenario: Option<String>,
    level: Option<Level>,
    seed: Option<Spanned<i64>>,
    kind: Option<Spanned<Kind>>,
    questions: Option<Spanned<Vec<Spanned<String>>>>,
    minutes: Option<Spanned<i64>>,
    #[serde(default)]
    answer: Vec<Spanned<AnswerFile>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnswerFile {
    id: String,
    #[serde(default)]
    text: String,
    seconds: Option<Spanned<i64>>,
    #[serde(rename = "self")]
    self_grade: Option<Spanned<toml::Value>>,
    self_points: Option<Spanned<BTreeMap<Spanned<String>, Spanned<String>>>>,
}

impl AnswerSheet {
    pub fn parse(src: &SourceFile) -> Result<AnswerSheet, Diagnostics> {
        let file: SheetFile = toml::from_str(&src.text).map_err(|e| {
            let mut d = src.toml_error(&e);
            if d.help.is_none() {
                d.help = Some("an answer sheet holds [[answer]] tables with `id` and `text` (write one with `grill sheet`)".into());
            }
            Diagnostics(vec![d])
        })?;
        let mut problems = Diagnostics::default();
        let seed = match file.seed {
            Some(s) if *s.get_ref() < 0 => {
                problems.push(
                    src.error_at(s.span(), "the seed is negative")
                        .with_help("use the seed `grill plan` printed"),
                );
                None
            }
            Some(s) => Some(*s.get_ref() as u64),
            None => None,
        };
        let minutes = match file.minutes {
            Some(m) if !(1..=1440).contains(m.get_ref()) => {
                problems.push(
                    src.error_at(m.span(), format!("{} minutes is not a time budget", m.get_ref()))
                        .with_help("`minutes` is the interview's budget, from 1 to 1440"),
                );
                None
            }
            Some(m) => Some(*m.get_ref() as u32),
            None => None,
        };
        let kind = file.kind.as_ref().map(|k| *k.get_ref()).unwrap_or_default();
        let questions = file.questions.map(|list| {
            if list.get_ref().is_empty() {
                problems.push(
                    src.error_at(list.span(), "`questions` lists no question")
                        .with_help("list the ids to ask, or remove `questions` to plan from the seed"),
                );
            }
            list.into_inner()
                .into_iter()
                .map(|id| {
                    let (line, col) = src.line_col(id.span().start);
                    Listed {
                        id: id.into_inner(),
                        origin: format!("{}:{line}:{col}", src.name),
                    }
                })
                .collect::<Vec<_>>()
        });
        if let (Kind::Placement, Some(k)) = (kind, &file.kind) {
            problems.push(
                src.error_at(k.span(), "a placement cannot be sat from an answer sheet")
                    .with_help("a placement picks each question from the answers before it: sit it live with `grill place`, or use `kind = \"interview\"` or `\"drill\"`"),
            );
        }
        if let (Kind::Drill, None, Some(k)) = (kind, &questions, &file.kind) {
            problems.push(
                src.error_at(k.span(), "a drill sheet must list its questions")
                    .with_help("add `questions = [\"id\", ...]`, or write a drill sheet with `grill drill -o FILE`"),
            );
        }
        let mut answers = Vec::with_capacity(file.answer.len());
        for a in file.answer {
            let (line, col) = src.line_col(a.span().start);
            let a = a.into_inner();
            let seconds = match a.seconds {
                Some(s) if !(0..=86_400).contains(s.get_ref()) => {
                    problems.push(
                        src.error_at(s.span(), format!("answer `{}` took {} seconds", a.id, s.get_ref()))
                            .with_help("`seconds` is the time taken, from 0 to 86400"),
                    );
                    None
                }
                Some(s) => Some(*s.get_ref() as u32),
                None => None,
            };
            let (self_grade, point_spans) = self_grade(src, &a.id, a.self_grade, a.self_points, &mut problems);
            answers.push(Answer {
                id: a.id,
                // Text from a file may hold escape sequences; they never reach a terminal.
                text: crate::text::strip_controls(&a.text),
                seconds,
                origin: format!("{}:{line}:{col}", src.name),
                hints: 0,
                follow_up: None,
                self_grade,
                point_spans,
            });
        }
        if answers.is_empty() && problems.is_empty() {
            problems.push(
                Diagnostic::file(&src.name, "the answer sheet holds no answers")
                    .with_help("add [[answer]] tables with `id` and `text`, or write a blank sheet with `grill sheet`"),
            );
        }
        problems.into_result(AnswerSheet {
            scenario: file.scenario,
            level: file.level,
            seed,
            kind,
            questions,
            minutes,
            answers,
        })
    }

    /// Names each `self_points` entry by its key point's own text (a sheet
    /// may name a point by an alternative), or says, located, which names
    /// match no key point of their question and what the points are.
    /// `key_points` gives a question's key points by id (`None`: unknown
    /// question, left to the plan's warnings).
    pub fn resolve_self_points<'a>(
        &mut self,
        src: &SourceFile,
        key_points: impl Fn(&str) -> Option<&'a [KeyPoint]>,
    ) -> Result<(), Diagnostics> {
        let mut problems = Diagnostics::default();
        for a in &mut self.answers {
            let Some(SelfGrade::Points(marks)) = &mut a.self_grade else {
                continue;
            };
            let Some(points) = key_points(&a.id) else { continue };
            let mut resolved = BTreeMap::new();
            for (name, mark) in std::mem::take(marks) {
                match find_point(points, &name) {
                    Some(kp) => {
                        resolved.insert(kp.point.clone(), mark);
                    }
                    None => {
                        let span = a.point_spans.get(&name).cloned().unwrap_or(0..0);
                        let allowed: Vec<String> = points.iter().map(|kp| format!("\"{}\"", kp.point)).collect();
                        let help = if allowed.is_empty() {
                            "this question has no key points; give `self = 0..100` or a rating word instead".to_string()
                        } else {
                            format!("name a key point by its text or an alternative: {}", allowed.join(", "))
                        };
                        problems.push(
                            src.error_at(span, format!("`{name}` is not a key point of `{}`", a.id))
                                .with_help(help),
                        );
                    }
                }
            }
            *marks = resolved;
        }
        problems.into_result(())
    }

    /// A blank sheet for `plan`, with each prompt as a comment above its answer.
    pub fn blank(plan: &Plan) -> String {
        AnswerSheet::blank_with(plan, SheetHeader::default())
    }

    /// [`AnswerSheet::blank`] recording its kind and `--minutes`.
    pub fn blank_with(plan: &Plan, header: SheetHeader) -> String {
        AnswerSheet::filled(plan, header, &[])
    }

    /// A sheet for `plan` holding `answers` given so far (by question id),
    /// the rest blank — what `:save` writes so a candidate whose disk is
    /// full can keep their work elsewhere and grade it later.
    pub fn filled(plan: &Plan, header: SheetHeader, answers: &[Answer]) -> String {
        let mut out = format!(
            "# grill answer sheet — {} ({}), seed {}\n# Write each answer between the triple quotes; optionally note `seconds` taken.\n# Then grade it:  grill run {} --level {} --answers THIS_FILE\n\nscenario = {}\nlevel = \"{}\"\nseed = {}\n",
            plan.title,
            plan.level,
            plan.seed,
            plan.scenario,
            plan.level,
            toml_string(&plan.scenario),
            plan.level,
            plan.seed
        );
        if header.kind != Kind::Interview {
            out += &format!("kind = \"{}\"\n", header.kind.as_str());
        }
        if let Some(minutes) = header.minutes {
            out += &format!("minutes = {minutes}\n");
        }
        let ids: Vec<String> = plan.questions.iter().map(|q| toml_string(&q.id)).collect();
        out += &format!("questions = [{}]\n", ids.join(", "));
        let total = plan.questions.len();
        for (i, q) in plan.questions.iter().enumerate() {
            let given = answers.iter().find(|a| a.id == q.id && a.follow_up.is_none());
            out += &format!("\n[[answer]]\n# ({}/{total}) [{} · {}] ", i + 1, q.topic, mmss(q.budget_seconds));
            out += &q.prompt.replace('\n', "\n# ");
            out += &format!(
                "\nid = {}\ntext = \"\"\"\n{}\"\"\"\n",
                toml_string(&q.id),
                given.map(|a| multiline_body(&a.text)).unwrap_or_default()
            );
            match given.and_then(|a| a.seconds) {
                Some(s) => out += &format!("seconds = {s}\n"),
                None => out += "# seconds = 0\n",
            }
            out += "# self = \"good\"    # your own grade: 0-100 or again | hard | good | easy\n";
        }
        out
    }
}

/// The help every bad `self` value gets: what it may be.
const SELF_HELP: &str = "`self` is your own grade: a number from 0 to 100, or one of \"again\", \"hard\", \"good\", \"easy\"";

/// Reads an answer's `self` or `self_points` (not both), reporting values
/// out of range and unknown words with the allowed ones.
fn self_grade(
    src: &SourceFile,
    id: &str,
    value: Option<Spanned<toml::Value>>,
    points: Option<Spanned<BTreeMap<Spanned<String>, Spanned<String>>>>,
    problems: &mut Diagnostics,
) -> (Option<SelfGrade>, BTreeMap<String, Range<usize>>) {
    let mut spans = BTreeMap::new();
    if let (Some(v), Some(_)) = (&value, &points) {
        problems.push(
            src.error_at(v.span(), format!("answer `{id}` has both `self` and `self_points`"))
                .with_help("keep one: `self` grades the whole answer, `self_points` each key point"),
        );
        return (None, spans);
    }
    if let Some(v) = value {
        let span = v.span();
        let grade = match v.into_inner() {
            toml::Value::Integer(n) if (0..=100).contains(&n) => Some(SelfGrade::Score(n as f64)),
            toml::Value::Float(x) if (0.0..=100.0).contains(&x) => Some(SelfGrade::Score(x)),
            toml::Value::String(word) => match Rating::parse(&word) {
                Some(r) => Some(SelfGrade::Rating(r)),
                None => {
                    problems.push(src.error_at(span, format!("`{word}` is not a rating")).with_help(SELF_HELP));
                    None
                }
            },
            other => {
                problems.push(
                    src.error_at(span, format!("`self = {other}` is out of range for answer `{id}`"))
                        .with_help(SELF_HELP),
                );
                None
            }
        };
        return (grade, spans);
    }
    let Some(points) = points else { return (None, spans) };
    let mut marks = BTreeMap::new();
    for (name, status) in points.into_inner() {
        match Mark::parse(status.get_ref()) {
            Some(mark) => {
                spans.insert(name.get_ref().clone(), name.span());
                marks.insert(name.into_inner(), mark);
            }
            None => problems.push(
                src.error_at(status.span(), format!("`{}` is not a status of a key point", status.get_ref()))
                    .with_help("each point is \"covered\", \"partly\" or \"missed\""),
            ),
        }
    }
    (Some(SelfGrade::Points(marks)), spans)
}

/// The inside of a TOML multi-line basic string holding `text`, ending in a
/// newline: backslashes and quotes escaped, control characters dropped.
fn multiline_body(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 1);
    for c in crate::text::strip_controls(text.trim_end()).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c => out.push(c),
        }
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// A TOML basic string for `s`, quoted and escaped.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filled_sheet_reads_back_the_same_answers() {
        let c = crate::catalog::Catalog::embedded().unwrap();
        let s = c.scenario("kubeflow-ops").unwrap();
        let plan = crate::plan::plan(
            &c,
            s,
            Level::Junior,
            crate::plan::PlanOptions {
                seed: 3,
                ..Default::default()
            },
        )
        .unwrap();
        let tricky = "line \"one\" with \\ and \"\"\" quotes\n\tand a tab\u{1b}[31m";
        let given = vec![Answer {
            id: plan.questions[1].id.clone(),
            text: tricky.into(),
            seconds: Some(42),
            origin: String::new(),
            hints: 0,
            follow_up: None,
            self_grade: None,
            point_spans: Default::default(),
        }];
        let text = AnswerSheet::filled(&plan, SheetHeader::default(), &given);
        let back = AnswerSheet::parse(&SourceFile::new("s.toml", text)).unwrap();
        let answered: Vec<&Answer> = back.answers.iter().filter(|a| !a.text.is_empty()).collect();
        assert_eq!(answered.len(), 1);
        assert_eq!(answered[0].id, plan.questions[1].id);
        assert_eq!(answered[0].text, "line \"one\" with \\ and \"\"\" quotes\n\tand a tab[31m\n");
        assert_eq!(answered[0].seconds, Some(42));
    }

    #[test]
    fn parses_answers_with_optional_time() {
        let src = SourceFile::new(
            "a.toml",
            "level = \"mid\"\nseed = 4\n[[answer]]\nid = \"q1\"\ntext = \"\"\"\nline one\nline two\n\"\"\"\nseconds = 90\n[[answer]]\nid = \"q2\"\n",
        );
        let sheet = AnswerSheet::parse(&src).unwrap();
        assert_eq!(sheet.level, Some(Level::Mid));
        assert_eq!(sheet.seed, Some(4));
        assert_eq!(sheet.answers[0].text, "line one\nline two\n");
        assert_eq!(sheet.answers[0].seconds, Some(90));
        assert_eq!(sheet.answers[1].text, "");
        assert_eq!(sheet.answers[1].origin, "a.toml:10:1");
    }

    #[test]
    fn a_blank_sheet_lists_its_questions_and_reads_back() {
        let plan = crate::fixtures::plan("s", Level::Mid, &[("q-1", "cost"), ("q\"2", "cost")]);
        let text = AnswerSheet::blank_with(
            &plan,
            SheetHeader {
                kind: Kind::Drill,
                minutes: Some(12),
            },
        );
        let filled = text.replace("text = \"\"\"\n", "text = \"\"\"\nmy answer\n");
        let sheet = AnswerSheet::parse(&SourceFile::new("d.toml", filled)).unwrap();
        assert_eq!((sheet.kind, sheet.minutes, sheet.seed), (Kind::Drill, Some(12), Some(7)));
        let listed: Vec<&str> = sheet.questions.as_ref().unwrap().iter().map(|l| l.id.as_str()).collect();
        assert_eq!(listed, ["q-1", "q\"2"]);
        assert!(sheet.questions.unwrap()[1].origin.starts_with("d.toml:"));
        assert_eq!(sheet.answers.len(), 2);
        // A plain interview sheet says neither kind nor minutes.
        let plain = AnswerSheet::blank(&plan);
        assert!(!plain.contains("kind =") && !plain.contains("minutes =") && plain.contains("questions = ["));
    }

    #[test]
    fn bad_sheets_are_explained() {
        for (text, expected) in [
            ("", "holds no answers"),
            ("[[answer]]\ntext = \"x\"\n", "missing field `id`"),
            ("[[answer]]\nid = \"q\"\nsecs = 3\n", "a.toml:3:1: unknown field `secs`"),
            ("[[answer]]\nid = \"q\"\nseconds = -3\n", "a.toml:3:11: answer `q` took -3 seconds"),
            (
                "kind = \"drill\"\n[[answer]]\nid = \"q\"\n",
                "a.toml:1:8: a drill sheet must list its questions",
            ),
            (
                "questions = []\n[[answer]]\nid = \"q\"\n",
                "a.toml:1:13: `questions` lists no question",
            ),
            (
                "minutes = 0\n[[answer]]\nid = \"q\"\n",
                "a.toml:1:11: 0 minutes is not a time budget",
            ),
            (
                "kind = \"placement\"\n[[answer]]\nid = \"q\"\n",
                "a.toml:1:8: a placement cannot be sat from an answer sheet",
            ),
            ("kind = \"exam\"\n[[answer]]\nid = \"q\"\n", "unknown variant `exam`"),
            (
                "[[answer]]\nid = \"q\"\nself = 130\n",
                "a.toml:3:8: `self = 130` is out of range for answer `q`",
            ),
            ("[[answer]]\nid = \"q\"\nself = \"great\"\n", "a.toml:3:8: `great` is not a rating"),
            (
                "[[answer]]\nid = \"q\"\nself = \"great\"\n",
                "\"again\", \"hard\", \"good\", \"easy\"",
            ),
            (
                "[[answer]]\nid = \"q\"\nself_points = { \"a\" = \"done\" }\n",
                "a.toml:3:23: `done` is not a status of a key point",
            ),
            (
                "[[answer]]\nid = \"q\"\nself_points = { \"a\" = \"done\" }\n",
                "\"covered\", \"partly\" or \"missed\"",
            ),
        ] {
            let err = AnswerSheet::parse(&SourceFile::new("a.toml", text)).unwrap_err().to_string();
            assert!(err.contains(expected), "{text:?}: {err}");
        }
    }

    #[test]
    fn self_grades_are_read_and_points_named_by_text_or_alternative() {
        let text = "[[answer]]\nid = \"q1\"\nself = \"hard\"\n[[answer]]\nid = \"q2\"\nself = 70\n[[answer]]\nid = \"q3\"\nself_points = { \"BEE\" = \"partly\", \"nope\" = \"covered\" }\n";
        let src = SourceFile::new("a.toml", text);
        let mut sheet = AnswerSheet::parse(&src).unwrap();
        assert_eq!(sheet.answers[0].self_grade, Some(SelfGrade::Rating(Rating::Hard)));
        assert_eq!(sheet.answers[1].self_grade, Some(SelfGrade::Score(70.0)));
        let points = [KeyPoint {
            point: "b".into(),
            weight: 1,
            alternatives: vec!["bee".into()],
            subject: None,
            proposed: false,
        }];
        let err = sheet.resolve_self_points(&src, |_| Some(&points[..])).unwrap_err().to_string();
        assert!(err.contains("a.toml:9:35: `nope` is not a key point of `q3`"), "{err}");
        assert!(err.contains("\"b\""), "{err}");
        assert_eq!(
            sheet.answers[2].self_grade,
            Some(SelfGrade::Points([("b".to_string(), Mark::Partly)].into()))
        );
    }

    #[test]
    fn a_blank_sheet_offers_the_self_grade_commented_out() {
        let plan = crate::fixtures::plan("s", Level::Mid, &[("q-1", "cost")]);
        let text = AnswerSheet::blank(&plan);
        assert!(text.contains("\n# self = \"good\""), "{text}");
        let back = AnswerSheet::parse(&SourceFile::new("s.toml", text.replace("# self =", "self ="))).unwrap();
        assert_eq!(back.answers[0].self_grade, Some(SelfGrade::Rating(Rating::Good)));
    }
}
