//! Answer sheets: the TOML file a candidate fills in an editor instead of
//! sitting a live interview (`grill sheet` writes a blank one, `grill run
//! --answers` grades it).
//!
//! A sheet may carry the scenario, level and seed it was written for, so the
//! same plan is rebuilt when it is graded — and the ids of its questions
//! (`questions`), so the plan is rebuilt from those rather than from a seed
//! whose plan depends on the history present. A drill sheet (`kind =
//! "drill"`, written by `grill drill`) always lists its questions.

use serde::Deserialize;
use toml::Spanned;

use crate::bank::Level;
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use crate::layout::mmss;
use crate::plan::{Kind, Plan};

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
            answers.push(Answer {
                id: a.id,
                // Text from a file may hold escape sequences; they never reach a terminal.
                text: crate::text::strip_controls(&a.text),
                seconds,
                origin: format!("{}:{line}:{col}", src.name),
                hints: 0,
                follow_up: None,
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
        }
        out
    }
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
            ("kind = \"exam\"\n[[answer]]\nid = \"q\"\n", "unknown variant `exam`"),
        ] {
            let err = AnswerSheet::parse(&SourceFile::new("a.toml", text)).unwrap_err().to_string();
            assert!(err.contains(expected), "{text:?}: {err}");
        }
    }
}
