//! Batch grading (`grill grade --batch`): one JSON object per input line,
//! graded against a bank question (`{"id", "answer"}`) or a free reference
//! (`{"reference", "answer", "key_points"?, "question"?}`), one result per
//! line in the same order. A bad line becomes an error object naming its
//! line number; the other lines are still graded.
//!
//! Free references get term rarities from the batch's own set of
//! references, and each distinct rubric is prepared once, however many
//! answers are graded against it.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::bank::KeyPoint;
use crate::catalog::Catalog;
use crate::grade::{Grade, Grader, Idf, Prepared, Rubric};
use crate::text::{Aliases, Analyzer};

/// A key point given in a batch line: a bare phrase or a full object.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum KeyPointInput {
    Phrase(String),
    Full {
        point: String,
        #[serde(default = "one")]
        weight: u32,
        #[serde(default)]
        alternatives: Vec<String>,
    },
}

fn one() -> u32 {
    1
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    id: Option<String>,
    reference: Option<String>,
    question: Option<String>,
    #[serde(default)]
    key_points: Vec<KeyPointInput>,
    answer: String,
}

/// The result for one input line.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum Outcome {
    Graded {
        line: usize,
        #[serde(skip_serializing_if = "Option::is_none")]
        id: Option<String>,
        #[serde(flatten)]
        grade: Grade,
    },
    Failed {
        line: usize,
        error: String,
    },
}

enum Parsed {
    Bank {
        id: String,
        answer: String,
    },
    Free {
        question: String,
        reference: String,
        key_points: Vec<KeyPoint>,
        answer: String,
    },
}

fn parse(line: &str) -> Result<Parsed, String> {
    let l: Line = serde_json::from_str(line).map_err(|e| format!("not a grading request: {e}"))?;
    match (l.id, l.reference) {
        (Some(_), Some(_)) => Err("give either `id` or `reference`, not both".into()),
        (Some(id), None) => Ok(Parsed::Bank { id, answer: l.answer }),
        (None, Some(reference)) => Ok(Parsed::Free {
            question: l.question.unwrap_or_default(),
            reference,
            key_points: l
                .key_points
                .into_iter()
                .map(|k| match k {
                    KeyPointInput::Phrase(point) => KeyPoint {
                        point,
                        weight: 1,
                        alternatives: vec![],
                        subject: None,
                        proposed: false,
                    },
                    KeyPointInput::Full {
                        point,
                        weight,
                        alternatives,
                    } => KeyPoint {
                        point,
                        weight: weight.clamp(1, 10),
                        alternatives,
                        subject: None,
                        proposed: false,
                    },
                })
                .collect(),
            answer: l.answer,
        }),
        (None, None) => Err("missing `id` (a bank question) or `reference` (a free reference)".into()),
    }
}

/// A grader for free references: term rarities come from the set of
/// references being graded against (each counted once), since there is no
/// bank to learn them from. The benchmark builds its grader here too, so
/// its figures are those of `grill grade --batch`.
pub fn reference_grader<'t>(aliases: &Aliases, references: impl IntoIterator<Item = &'t str>) -> Grader {
    let analyzer = Analyzer::new(aliases);
    let idf = Idf::from_texts(&analyzer, references);
    Grader::new(analyzer, idf)
}

/// Grades every line of `input` (JSON Lines); blank lines are skipped but
/// still counted, so line numbers match the file.
pub fn grade_lines(catalog: &Catalog, input: &str) -> Vec<Outcome> {
    let parsed: Vec<(usize, Result<Parsed, String>)> = input
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| (i + 1, parse(l)))
        .collect();

    let bank_grader = catalog.grader();
    let references: HashSet<&str> = parsed
        .iter()
        .filter_map(|(_, p)| match p {
            Ok(Parsed::Free { reference, .. }) => Some(reference.as_str()),
            _ => None,
        })
        .collect();
    let free_grader = (!references.is_empty()).then(|| reference_grader(&catalog.aliases, references.iter().copied()));

    let mut bank_cache: HashMap<String, Prepared> = HashMap::new();
    let mut free_cache: HashMap<(String, String, String), Prepared> = HashMap::new();
    parsed
        .into_iter()
        .map(|(line, p)| match p {
            Err(error) => Outcome::Failed { line, error },
            Ok(Parsed::Bank { id, answer }) => match catalog.question(&id) {
                None => Outcome::Failed {
                    line,
                    error: format!("no bank question `{id}`"),
                },
                Some(q) => {
                    let prepared = bank_cache.entry(id.clone()).or_insert_with(|| bank_grader.prepare(Rubric::from(q)));
                    Outcome::Graded {
                        line,
                        id: Some(id),
                        grade: bank_grader.grade(prepared, &answer),
                    }
                }
            },
            Ok(Parsed::Free {
                question,
                reference,
                key_points,
                answer,
            }) => {
                let grader = free_grader.as_ref().expect("built when any line has a reference");
                let key = (question, reference, serde_json::to_string(&key_points).unwrap_or_default());
                let prepared = free_cache.entry(key).or_insert_with_key(|(question, reference, _)| {
                    grader.prepare(Rubric {
                        question,
                        reference,
                        key_points: &key_points,
                        ..Default::default()
                    })
                });
                Outcome::Graded {
                    line,
                    id: None,
                    grade: grader.grade(prepared, &answer),
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_line_gets_a_result_in_order_and_bad_lines_say_why() {
        let catalog = Catalog::default();
        let input = concat!(
            r#"{"reference": "Terraform keeps state in S3 with a DynamoDB lock.", "answer": "state in s3, locked in dynamodb"}"#,
            "\n",
            "not json\n",
            "\n",
            r#"{"id": "nope", "answer": "x"}"#,
            "\n",
            r#"{"reference": "Pods are the smallest unit.", "question": "What is a pod?", "key_points": ["smallest unit", {"point": "group of containers", "weight": 2}], "answer": "the smallest unit"}"#,
            "\n",
        );
        let out = grade_lines(&catalog, input);
        assert_eq!(out.len(), 4);
        let lines: Vec<usize> = out
            .iter()
            .map(|o| match o {
                Outcome::Graded { line, .. } | Outcome::Failed { line, .. } => *line,
            })
            .collect();
        assert_eq!(lines, [1, 2, 4, 5]);
        assert!(matches!(&out[0], Outcome::Graded { grade, .. } if grade.score > 50.0));
        assert!(matches!(&out[1], Outcome::Failed { error, .. } if error.starts_with("not a grading request")));
        assert!(matches!(&out[2], Outcome::Failed { error, .. } if error == "no bank question `nope`"));
        match &out[3] {
            Outcome::Graded { grade, .. } => {
                assert_eq!(grade.covered, ["smallest unit"]);
                assert_eq!(grade.missed, ["group of containers"]);
            }
            other => panic!("{other:?}"),
        }
    }
}
