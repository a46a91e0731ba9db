//! Answer sheets: the TOML file a candidate fills in an editor instead of
//! sitting a live interview (`grill sheet` writes a blank one, `grill run
//! --answers` grades it).
//!
//! A sheet may carry the scenario, level and seed it was written for, so the
//! same plan is rebuilt when it is graded.

use serde::Deserialize;
use toml::Spanned;

use crate::bank::Level;
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use crate::plan::{Plan, clock};

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

/// A parsed answer sheet.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AnswerSheet {
    pub scenario: Option<String>,
    pub level: Option<Level>,
    pub seed: Option<u64>,
    pub answers: Vec<Answer>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SheetFile {
    scenario: Option<String>,
    level: Option<Level>,
    seed: Option<Spanned<i64>>,
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
                text: a.text,
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
            answers,
        })
    }

    /// A blank sheet for `plan`, with each prompt as a comment above its answer.
    pub fn blank(plan: &Plan) -> String {
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
        let total = plan.questions.len();
        for (i, q) in plan.questions.iter().enumerate() {
            out += &format!("\n[[answer]]\n# ({}/{total}) [{} · {}] ", i + 1, q.topic, clock(q.budget_seconds));
            out += &q.prompt.replace('\n', "\n# ");
            out += &format!("\nid = {}\ntext = \"\"\"\n\"\"\"\n# seconds = 0\n", toml_string(&q.id));
        }
        out
    }
}

/// A TOML basic string for `s`, quoted and escaped.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn bad_sheets_are_explained() {
        for (text, expected) in [
            ("", "holds no answers"),
            ("[[answer]]\ntext = \"x\"\n", "missing field `id`"),
            ("[[answer]]\nid = \"q\"\nsecs = 3\n", "a.toml:3:1: unknown field `secs`"),
            ("[[answer]]\nid = \"q\"\nseconds = -3\n", "a.toml:3:11: answer `q` took -3 seconds"),
        ] {
            let err = AnswerSheet::parse(&SourceFile::new("a.toml", text)).unwrap_err().to_string();
            assert!(err.contains(expected), "{text:?}: {err}");
        }
    }
}
