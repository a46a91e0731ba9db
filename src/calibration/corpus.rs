//! Loading the calibration corpus: JSON lines, one answer a line, every
//! fault reported as `file:line:col` with what to fix.

use std::path::Path;

use serde::Deserialize;

use crate::catalog::Catalog;
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile};

/// What an answer is meant to be, which says how it should grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Correct and complete, in the candidate's own words (60–150 words).
    Strong,
    /// Correct but short (15–35 words).
    Terse,
    /// Correct about one or two of the points only.
    Partial,
    /// Confidently wrong, reusing the question's terms; lists its false claims.
    Wrong,
    /// Fluent, but about another subject of the same field (30–80 words).
    Off,
    /// Generated: a strong answer with typos.
    Typo,
    /// Generated: the rubric's words pasted as a list.
    Stuffed,
    /// A behavioural answer with situation, task, own actions, result, reflection.
    StarGood,
    /// A behavioural answer that is vague, says "we", has no result or lesson.
    StarPoor,
}

impl Kind {
    /// In table order.
    pub const ALL: [Kind; 9] = [
        Kind::Strong,
        Kind::Terse,
        Kind::Partial,
        Kind::Wrong,
        Kind::Off,
        Kind::Typo,
        Kind::Stuffed,
        Kind::StarGood,
        Kind::StarPoor,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Strong => "strong",
            Kind::Terse => "terse",
            Kind::Partial => "partial",
            Kind::Wrong => "wrong",
            Kind::Off => "off",
            Kind::Typo => "typo",
            Kind::Stuffed => "stuffed",
            Kind::StarGood => "star-good",
            Kind::StarPoor => "star-poor",
        }
    }

    /// Made by [`super::generate`], never written in a file.
    pub fn is_generated(self) -> bool {
        matches!(self, Kind::Typo | Kind::Stuffed)
    }

    fn is_star(self) -> bool {
        matches!(self, Kind::StarGood | Kind::StarPoor)
    }

    /// The word count a written answer of this kind must have, if any.
    fn words(self) -> Option<(usize, usize)> {
        match self {
            Kind::Strong => Some((60, 150)),
            Kind::Terse => Some((15, 35)),
            Kind::Off => Some((30, 80)),
            _ => None,
        }
    }
}

/// How a wrong answer's claim is wrong. At least half of a corpus's false
/// claims must be something other than a [`ClaimType::Swap`], so the corpus
/// tests more than role swaps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClaimType {
    /// One side's property given to the other.
    Swap,
    /// A default or direction reversed.
    Reversed,
    /// A feature given to the wrong tool.
    WrongTool,
    /// How something works, told wrongly.
    WrongMechanism,
    /// A known bad practice recommended.
    BadPractice,
}

/// A false statement a `wrong` answer makes.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FalseClaim {
    pub claim: String,
    #[serde(rename = "type")]
    pub kind: ClaimType,
}

/// One answer of the corpus.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// The bank question answered.
    pub id: String,
    pub kind: Kind,
    pub answer: String,
    #[serde(default)]
    pub false_claims: Vec<FalseClaim>,
    /// `file:line` it was read from (or what it was generated from).
    #[serde(skip)]
    pub origin: String,
}

/// The half of the corpus a question falls in. A question's answers are
/// all in the same half, so the holdout has no answer to a question the
/// grader was tuned on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Half {
    /// 60%: the grader may be tuned on these.
    Tune,
    /// 40%: held back; the targets are measured here.
    Holdout,
}

impl Half {
    /// The split is by the 64-bit FNV-1a hash of the question id: `tune`
    /// when the hash modulo 100 is under 60. FNV-1a is fixed by its
    /// definition (unlike `std`'s hasher), so a question never changes
    /// half across builds, platforms or Rust versions.
    pub fn of(question_id: &str) -> Half {
        if fnv1a(question_id.as_bytes()) % 100 < 60 {
            Half::Tune
        } else {
            Half::Holdout
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Half::Tune => "tune",
            Half::Holdout => "holdout",
        }
    }
}

/// 64-bit FNV-1a.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// Every answer of the corpus, in file then line order.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub answers: Vec<Answer>,
}

impl Corpus {
    /// Reads every `*.jsonl` file of `dir` (in name order) and checks the
    /// answers against `catalog`: every problem found is returned at once.
    pub fn load(dir: &Path, catalog: &Catalog) -> Result<Corpus, Diagnostics> {
        let mut problems = Diagnostics::default();
        let mut paths: Vec<_> = match std::fs::read_dir(dir) {
            Ok(entries) => entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
                .collect(),
            Err(e) => {
                let origin = dir.display().to_string();
                return Err(Diagnostics(vec![Diagnostic::file(
                    &origin,
                    format!("cannot read the corpus directory: {e}"),
                )]));
            }
        };
        paths.sort();
        let mut corpus = Corpus::default();
        for path in paths {
            match SourceFile::read(&path) {
                Ok(src) => match Corpus::parse(&src, catalog) {
                    Ok(c) => corpus.answers.extend(c.answers),
                    Err(d) => problems.0.extend(d.0),
                },
                Err(d) => problems.push(d),
            }
        }
        problems.into_result(corpus)
    }

    /// Parses one file of JSON lines (blank lines allowed) and checks each
    /// answer: the question exists, the kind fits it, the length fits the
    /// kind, a wrong answer lists at least two false claims.
    pub fn parse(src: &SourceFile, catalog: &Catalog) -> Result<Corpus, Diagnostics> {
        let mut problems = Diagnostics::default();
        let mut answers = Vec::new();
        let mut offset = 0;
        for (n, line) in src.text.split_inclusive('\n').enumerate() {
            let start = offset;
            offset += line.len();
            let line = line.trim_end_matches(['\n', '\r']);
            if line.trim().is_empty() {
                continue;
            }
            let at = |msg: String| src.error_at(start..start + line.len(), msg);
            let mut answer: Answer = match serde_json::from_str(line) {
                Ok(a) => a,
                Err(e) => {
                    let col = e.column().saturating_sub(1).min(line.len());
                    problems.push(src.error_at(start + col..start + col + 1, format!("not a corpus answer: {e}")).with_help(
                        r#"write one JSON object a line: {"id":"QID","kind":"strong|terse|partial|wrong|off|star-good|star-poor","answer":"…"}"#,
                    ));
                    continue;
                }
            };
            answer.origin = format!("{}:{}", src.name, n + 1);
            if let Some(message) = fault(&answer, catalog) {
                problems.push(at(message));
                continue;
            }
            answers.push(answer);
        }
        problems.into_result(Corpus { answers })
    }

    /// The share (0–1) of all listed false claims that are role swaps.
    pub fn swap_share(&self) -> f64 {
        let claims: Vec<_> = self.answers.iter().flat_map(|a| &a.false_claims).collect();
        let swaps = claims.iter().filter(|c| c.kind == ClaimType::Swap).count();
        if claims.is_empty() {
            0.0
        } else {
            swaps as f64 / claims.len() as f64
        }
    }
}

/// What is wrong with a parsed answer, if anything.
fn fault(a: &Answer, catalog: &Catalog) -> Option<String> {
    let Some(q) = catalog.question(&a.id) else {
        return Some(format!("no bank question `{}`; see `grill banks list`", a.id));
    };
    let behavioural = q.bank == "behavioural";
    if a.kind.is_generated() {
        return Some(format!(
            "kind `{}` is generated from strong answers; do not write it",
            a.kind.as_str()
        ));
    }
    if a.kind.is_star() != behavioural {
        return Some(if behavioural {
            format!("`{}` is behavioural: use kind star-good or star-poor", a.id)
        } else {
            format!("kind `{}` is for behavioural questions only", a.kind.as_str())
        });
    }
    if a.answer.trim().is_empty() {
        return Some("the answer is empty".into());
    }
    let words = a.answer.split_whitespace().count();
    if let Some((low, high)) = a.kind.words()
        && !(low..=high).contains(&words)
    {
        return Some(format!(
            "a `{}` answer has {low}–{high} words; this one has {words}",
            a.kind.as_str()
        ));
    }
    match (a.kind, a.false_claims.len()) {
        (Kind::Wrong, n) if n < 2 => Some(format!("a wrong answer lists at least two false_claims; this one lists {n}")),
        (Kind::Wrong, _) => a
            .false_claims
            .iter()
            .any(|c| c.claim.trim().is_empty())
            .then(|| "a false claim is empty".into()),
        (_, 0) => None,
        (kind, _) => Some(format!("only wrong answers list false_claims, not `{}` ones", kind.as_str())),
    }
}
