//! Question banks: the schema of `banks/*.toml`, how one file is parsed, and
//! the checks that need only that file.
//!
//! Checks that span files (ids unique across banks, scenarios naming banks)
//! live in [`crate::catalog`]; how answers are scored lives in
//! [`crate::grade`]. The on-disk shape (with spans for error positions) is
//! kept private here; the rest of grill sees only the plain types below.

use std::cell::OnceCell;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::diagnostic::{Diagnostic, Diagnostics, Locations, SourceFile};

#[cfg(test)]
mod equivalence;
mod fast;
mod rubric;
pub mod synthetic;

pub use self::rubric::{DEFAULT_MISCONCEPTION_WEIGHT, FOLLOW_UP_MAX_POINTS, FOLLOW_UP_MIN_POINTS, FollowUp, KeyPoint, Misconception};
use self::rubric::{FollowUpFile, KeyPointFile, MisconceptionFile};

/// The seniority a question is pitched at, and an interview is sat at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Junior,
    Mid,
    Senior,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Junior, Level::Mid, Level::Senior];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Junior => "junior",
            Level::Mid => "mid",
            Level::Senior => "senior",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for Level {
    type Err = String;
    fn from_str(s: &str) -> Result<Level, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "junior" | "j" => Ok(Level::Junior),
            "mid" | "m" | "intermediate" => Ok(Level::Mid),
            "senior" | "s" => Ok(Level::Senior),
            other => Err(format!("unknown level `{other}`: expected junior, mid or senior")),
        }
    }
}

/// The one shared list of topics. A fixed list keeps reports comparable
/// across banks (per-topic scores, topic balance in plans).
pub const TOPICS: &[&str] = &[
    "kubernetes",
    "containers",
    "ci-cd",
    "gitops",
    "iac",
    "cloud-aws",
    "networking",
    "security",
    "observability",
    "reliability",
    "messaging",
    "databases",
    "cost",
    "architecture",
    "ml-lifecycle",
    "pipelines",
    "serving",
    "training",
    "data",
    "kubeflow",
    "aiops",
    "behavioural",
];

/// One interview question with everything needed to ask and grade it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    pub id: String,
    /// Id of the bank the question belongs to.
    pub bank: String,
    pub prompt: String,
    pub level: Level,
    pub topic: String,
    pub difficulty: u8,
    pub reference: String,
    pub key_points: Vec<KeyPoint>,
    /// Wrong claims candidates make: stating one costs (see `grade`).
    pub misconceptions: Vec<Misconception>,
    pub follow_ups: Vec<FollowUp>,
    /// Advice shown in reports; the grader checks `misconceptions`.
    pub mistakes: Vec<String>,
    pub example: Option<String>,
    pub seconds: Option<u32>,
    /// Imported without a reviewed reference answer: listed, never asked.
    pub draft: bool,
    /// Where the question is defined, `path:line:col`, for later diagnostics.
    #[serde(skip)]
    pub origin: String,
}

/// A named set of questions from one file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bank {
    pub id: String,
    pub title: String,
    pub description: String,
    pub questions: Vec<Question>,
    #[serde(skip)]
    pub origin: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BankFile {
    id: Spanned<String>,
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    question: Vec<Spanned<QuestionFile>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionFile {
    id: Spanned<String>,
    prompt: Spanned<String>,
    level: Level,
    topic: Spanned<String>,
    difficulty: Spanned<i64>,
    #[serde(default)]
    reference: Option<Spanned<String>>,
    #[serde(default)]
    key_points: Vec<Spanned<KeyPointFile>>,
    #[serde(default)]
    misconceptions: Vec<Spanned<MisconceptionFile>>,
    #[serde(default)]
    follow_ups: Vec<Spanned<FollowUpFile>>,
    #[serde(default)]
    mistakes: Vec<String>,
    #[serde(default)]
    example: Option<String>,
    #[serde(default)]
    seconds: Option<Spanned<i64>>,
    #[serde(default)]
    draft: bool,
}

/// Whether `id` is safe as a question, bank or scenario id: it ends up in
/// file names, URLs and command lines, so only `[a-z0-9-]`, 1–64 long.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
}

pub(crate) fn id_help() -> &'static str {
    "ids use lowercase letters, digits and `-` (at most 64), e.g. `kfo-j01`"
}

impl Bank {
    /// Parses one bank file and checks everything that needs only this file.
    /// Returns every problem found, not just the first.
    ///
    /// Banks are read by [`fast`] when they stay within the TOML it knows
    /// and pass every check; anything else — a file it declines, or one
    /// with a problem — is read again by `toml`, so each message is exactly
    /// what `toml` and these checks report.
    pub fn parse(src: &SourceFile) -> Result<Bank, Diagnostics> {
        Bank::parse_source(&Source::File(src))
    }

    /// [`Bank::parse`] for text not read into a [`SourceFile`], such as
    /// the banks built into the binary: the text is copied into one only
    /// when there is a problem to show, which keeps start-up short.
    pub fn parse_text(name: &str, text: &str) -> Result<Bank, Diagnostics> {
        Bank::parse_source(&Source::Text {
            name,
            text,
            file: OnceCell::new(),
        })
    }

    fn parse_source(source: &Source) -> Result<Bank, Diagnostics> {
        if let Some(file) = fast::parse(source.text())
            && let Ok(bank) = Bank::check(source, file)
        {
            return Ok(bank);
        }
        let src = source.file();
        match toml::from_str(&src.text) {
            Ok(file) => Bank::check(&Source::File(src), file),
            Err(e) => Err(Diagnostics(vec![src.toml_error(&e)])),
        }
    }

    /// The checks on a file's contents, however it was parsed.
    fn check(src: &Source, file: BankFile) -> Result<Bank, Diagnostics> {
        let mut problems = Diagnostics::default();
        let (id_span, bank_id) = (file.id.span(), file.id.into_inner());
        if !valid_id(&bank_id) {
            problems.push(
                src.error_at(id_span.clone(), format!("invalid bank id `{bank_id}`"))
                    .with_help(id_help()),
            );
        }
        if file.question.is_empty() {
            problems.push(
                src.error_at(id_span, format!("bank `{bank_id}` has no questions"))
                    .with_help("add at least one [[question]] table"),
            );
        }
        let mut questions = Vec::with_capacity(file.question.len());
        let mut locations = src.locations();
        let origin = locations.location(0);
        for q in file.question {
            let origin = locations.location(q.span().start);
            if let Some(question) = convert_question(src, &bank_id, origin, q.into_inner(), &mut locations, &mut problems) {
                questions.push(question);
            }
        }
        problems.into_result(Bank {
            id: bank_id,
            title: file.title,
            description: file.description,
            questions,
            origin,
        })
    }
}

fn convert_question(
    src: &Source,
    bank: &str,
    origin: String,
    q: QuestionFile,
    locations: &mut Locations,
    problems: &mut Diagnostics,
) -> Option<Question> {
    let before = problems.len();
    let (id_span, id) = (q.id.span(), q.id.into_inner());
    if !valid_id(&id) {
        problems.push(
            src.error_at(id_span.clone(), format!("invalid question id `{}`", id.escape_debug()))
                .with_help(id_help()),
        );
    }
    if q.prompt.get_ref().trim().is_empty() {
        problems.push(
            src.error_at(q.prompt.span(), format!("question `{id}` has an empty prompt"))
                .with_help("write the question the candidate is asked"),
        );
    }
    let (topic_span, topic) = (q.topic.span(), q.topic.into_inner());
    if !TOPICS.contains(&topic.as_str()) {
        problems.push(
            src.error_at(topic_span, format!("question `{id}` has unknown topic `{topic}`"))
                .with_help(format!("use one of: {}", TOPICS.join(", "))),
        );
    }
    let difficulty = *q.difficulty.get_ref();
    if !(1..=5).contains(&difficulty) {
        problems.push(
            src.error_at(q.difficulty.span(), format!("question `{id}` has difficulty {difficulty}"))
                .with_help("difficulty is a whole number from 1 (easy) to 5 (hard)"),
        );
    }
    let reference = match q.reference {
        Some(r) if !r.get_ref().trim().is_empty() => trimmed(r.into_inner()),
        Some(r) if !q.draft => {
            problems.push(
                src.error_at(r.span(), format!("question `{id}` has an empty reference answer"))
                    .with_help("write the model answer, or mark the question `draft = true`"),
            );
            String::new()
        }
        None if !q.draft => {
            problems.push(
                src.error_at(id_span.clone(), format!("question `{id}` has no reference answer"))
                    .with_help("add `reference = \"\"\"...\"\"\"`, or mark the question `draft = true`"),
            );
            String::new()
        }
        _ => String::new(),
    };
    if q.key_points.is_empty() && !q.draft {
        problems.push(
            src.error_at(id_span.clone(), format!("question `{id}` has no key points"))
                .with_help("add [[question.key_points]] tables with `point` and `weight`"),
        );
    }
    let seconds = q.seconds.and_then(|s| rubric::seconds(src, &id, s, problems));
    let key_points = rubric::key_points(src, &id, q.key_points, problems);
    let misconceptions = rubric::misconceptions(src, &id, q.misconceptions, &key_points, problems);
    let follow_ups = rubric::follow_ups(src, &id, &id_span, q.follow_ups, locations, problems);
    if problems.len() > before {
        return None;
    }
    Some(Question {
        id,
        bank: bank.to_string(),
        prompt: trimmed(q.prompt.into_inner()),
        level: q.level,
        topic,
        difficulty: difficulty as u8,
        reference,
        key_points,
        misconceptions,
        follow_ups,
        mistakes: q.mistakes,
        example: q.example,
        seconds,
        draft: q.draft,
        origin,
    })
}

/// The file a bank is checked against: a [`SourceFile`], or bare text made
/// into one only when a problem must be shown.
enum Source<'a> {
    File(&'a SourceFile),
    Text {
        name: &'a str,
        text: &'a str,
        file: OnceCell<SourceFile>,
    },
}

impl Source<'_> {
    fn text(&self) -> &str {
        match self {
            Source::File(src) => &src.text,
            Source::Text { text, .. } => text,
        }
    }

    fn file(&self) -> &SourceFile {
        match self {
            Source::File(src) => src,
            Source::Text { name, text, file } => file.get_or_init(|| SourceFile::new(*name, *text)),
        }
    }

    fn error_at(&self, span: std::ops::Range<usize>, message: impl Into<String>) -> Diagnostic {
        self.file().error_at(span, message)
    }

    fn locations(&self) -> Locations<'_> {
        match self {
            Source::File(src) => src.locations(),
            Source::Text { name, text, .. } => Locations::new(name, text),
        }
    }
}

/// `s` without surrounding whitespace, reusing its buffer: references
/// start and end with a line break, and a copy of each would double the
/// allocations of a large load.
fn trimmed(mut s: String) -> String {
    s.truncate(s.trim_end().len());
    let start = s.len() - s.trim_start().len();
    s.drain(..start);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
id = "demo"
title = "Demo"

[[question]]
id = "demo-1"
prompt = "What is a Pod?"
level = "junior"
topic = "kubernetes"
difficulty = 1
reference = "The smallest deployable unit."
[[question.key_points]]
point = "smallest deployable unit"
weight = 3
"#;

    fn errors(text: &str) -> String {
        Bank::parse(&SourceFile::new("b.toml", text)).unwrap_err().to_string()
    }

    #[test]
    fn levels_pad_in_tables() {
        // `banks list` aligns columns with `{:<6}`; Display once ignored it.
        assert_eq!(format!("{:<6}|", Level::Mid), "mid   |");
    }

    #[test]
    fn parses_a_good_bank() {
        let bank = Bank::parse(&SourceFile::new("b.toml", GOOD)).unwrap();
        assert_eq!(bank.questions.len(), 1);
        let q = &bank.questions[0];
        assert_eq!((q.level, q.topic.as_str(), q.bank.as_str()), (Level::Junior, "kubernetes", "demo"));
        assert_eq!(q.origin, "b.toml:5:1");
    }

    #[test]
    fn each_problem_is_located_and_explained() {
        let cases = [
            (
                "difficulty = 1",
                "difficulty = 1\nrefrence = \"x\"",
                "b.toml:11:1: unknown field `refrence`",
            ),
            ("weight = 3\n", "", "missing field `weight`"),
            (
                "reference = \"The smallest deployable unit.\"",
                "reference = \"  \"",
                "b.toml:11:13: question `demo-1` has an empty reference answer",
            ),
            (
                "topic = \"kubernetes\"",
                "topic = \"k8\"",
                "b.toml:9:9: question `demo-1` has unknown topic `k8`",
            ),
            (
                "level = \"junior\"",
                "level = \"expert\"",
                "unknown variant `expert`, expected one of `junior`, `mid`, `senior`",
            ),
            (
                "difficulty = 1",
                "difficulty = 9",
                "b.toml:10:14: question `demo-1` has difficulty 9",
            ),
            ("id = \"demo-1\"", "id = \"../etc\"", "invalid question id `../etc`"),
            ("weight = 3", "weight = 0", "has weight 0"),
            ("= \"junior\"", "= \"junior", "b.toml:8:"),
        ];
        for (from, to, expected) in cases {
            let text = GOOD.replacen(from, to, 1);
            let shown = errors(&text);
            assert!(
                shown.contains(expected),
                "replacing {from:?} → {to:?}\nexpected {expected:?} in:\n{shown}"
            );
        }
    }

    #[test]
    fn all_problems_of_a_file_are_reported_together() {
        let text = GOOD
            .replace("topic = \"kubernetes\"", "topic = \"nope\"")
            .replace("difficulty = 1", "difficulty = 0");
        let err = Bank::parse(&SourceFile::new("b.toml", &text)).unwrap_err();
        assert_eq!(err.len(), 2, "{err}");
    }

    #[test]
    fn drafts_may_lack_a_reference() {
        let text = GOOD.replace("reference = \"The smallest deployable unit.\"", "draft = true");
        assert!(Bank::parse(&SourceFile::new("b.toml", &text)).unwrap().questions[0].draft);
    }
}
