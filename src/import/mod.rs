//! `grill import`: turning interview Q&A documents people collect (blog
//! posts, Markdown repositories, spreadsheets, Anki decks) into a bank.
//!
//! The pipeline: decode and repair the text ([`clean`]), pick the format
//! and parse it into items ([`detect`] and one module per format), leave
//! out noise ([`noise`]), merge duplicated questions, settle each
//! question's level ([`levels`]) and topic ([`topics`]), propose key points
//! ([`keypoints`]), give stable ids, and write bank TOML ([`write`]).
//! Everything here is pure: files come in as bytes, and the caller decides
//! where the bank goes.

mod anki;
mod clean;
mod details;
mod detect;
mod doc;
mod headings;
mod keypoints;
mod levels;
mod list;
mod noise;
mod plain;
mod qa;
mod summary;
mod table;
mod topics;
mod write;

use std::collections::HashMap;
use std::path::Path;

use crate::bank::{Level, Question, TOPICS, id_help, valid_id};
use crate::diagnostic::{Diagnostic, SourceFile};
use crate::text::{Aliases, Analyzer};

pub use detect::Format;
pub use doc::Skipped;
pub use noise::Reason;

use clean::Encoding;
use doc::Item;
use topics::{Texts, TopicGuesser};

/// The topic of questions that neither the document nor their words place.
pub const FALLBACK_TOPIC: &str = "architecture";
/// The level of questions the document does not tag.
pub const FALLBACK_LEVEL: Level = Level::Mid;

/// What the user asked for; every field may be left to the documents.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Bank id (default: from the first file's name).
    pub bank: Option<String>,
    /// Bank title (default: the document's title).
    pub title: Option<String>,
    /// Level for every question (default: from tags and headings).
    pub level: Option<Level>,
    /// Topic for every question (default: guessed from its words).
    pub topic: Option<String>,
    /// Read every file in this format (default: detected per file).
    pub format: Option<Format>,
}

/// One document to import: how to name it, and its bytes.
#[derive(Debug, Clone)]
pub struct Input {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// One imported question, with where it came from.
#[derive(Debug, Clone)]
pub struct Imported {
    pub question: Question,
    pub section: Option<String>,
    /// Remarks for the reviewer (merged duplicates).
    pub notes: Vec<String>,
}

/// What one file gave.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub name: String,
    pub format: Format,
    /// Questions found, before merging duplicates.
    pub found: usize,
    pub skipped: Vec<Skipped>,
    /// Set when the file was not UTF-8.
    pub encoding: Option<&'static str>,
}

/// A bank built from documents, ready to review and write.
#[derive(Debug, Clone)]
pub struct Import {
    pub bank: String,
    pub title: String,
    pub description: String,
    pub questions: Vec<Imported>,
    pub files: Vec<FileReport>,
    /// Questions that appeared more than once and were merged.
    pub merged: usize,
}

/// Why an import could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{0}")]
    Input(Diagnostic),
    #[error(
        "no questions found in {files}: a question must read as one (end with `?`, or start with What, How, Explain, ...); \
         try --format to read the file another way ({left_out} candidates left out)"
    )]
    NoQuestions { files: String, left_out: usize },
    #[error("invalid bank id `{0}`: {help}", help = id_help())]
    BankId(String),
    #[error("unknown topic `{0}`; topics: {topics}", topics = TOPICS.join(", "))]
    Topic(String),
}

impl Import {
    /// The bank as TOML that `Bank::parse` reads back.
    pub fn to_toml(&self) -> String {
        write::bank_toml(self)
    }

    /// Counts by section and level and the first `first` questions, for
    /// `--dry-run` and the note printed after an import.
    pub fn summary(&self, first: usize) -> String {
        summary::render(self, first)
    }
}

/// A lowercase, hyphenated id made from a name: `001_Kubeflow Q&A` → `001-kubeflow-q-a`.
pub fn slug(name: &str) -> String {
    let ascii = deunicode::deunicode(name).to_ascii_lowercase();
    let mut s = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c);
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    let mut s: String = s.trim_matches('-').chars().take(40).collect();
    while s.ends_with('-') {
        s.pop();
    }
    if s.is_empty() { "imported".to_string() } else { s }
}

/// A question's text reduced to what identifies it: ASCII-folded,
/// lowercase words. Two prompts that differ only in case, punctuation or
/// accents are the same question.
fn normalised(prompt: &str) -> String {
    deunicode::deunicode(prompt)
        .to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// FNV-1a: a hash that never changes between runs, builds or platforms,
/// so ids made from it are stable.
fn fnv1a(text: &str) -> u64 {
    text.bytes()
        .fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

/// Stable ids: the bank id and a short hash of the normalised prompt,
/// lengthened only where two prompts share a prefix of their hashes.
fn ids(bank: &str, prompts: &[String]) -> Vec<String> {
    let prefix: String = bank.chars().take(64 - 11).collect::<String>().trim_end_matches('-').to_string();
    let hashes: Vec<String> = prompts.iter().map(|p| format!("{:016x}", fnv1a(&normalised(p)))).collect();
    let lengths = 6..=10;
    let mut shared: HashMap<&str, usize> = HashMap::new();
    for h in &hashes {
        for len in lengths.clone() {
            *shared.entry(&h[..len]).or_default() += 1;
        }
    }
    hashes
        .iter()
        .map(|h| {
            let len = lengths.clone().find(|&len| shared[&h[..len]] == 1).unwrap_or(10);
            format!("{prefix}-{}", &h[..len])
        })
        .collect()
}

fn difficulty(level: Level) -> u8 {
    match level {
        Level::Junior => 2,
        Level::Mid => 3,
        Level::Senior => 4,
    }
}

/// Reads every input and builds the bank.
pub fn import(inputs: &[Input], options: &Options) -> Result<Import, ImportError> {
    let bank = match &options.bank {
        Some(b) if valid_id(b) => b.clone(),
        Some(b) => return Err(ImportError::BankId(b.clone())),
        None => slug(
            inputs
                .first()
                .and_then(|i| Path::new(&i.name).file_stem())
                .map(|s| s.to_string_lossy())
                .as_deref()
                .unwrap_or(""),
        ),
    };
    if let Some(t) = options.topic.as_ref().filter(|t| !TOPICS.contains(&t.as_str())) {
        return Err(ImportError::Topic(t.clone()));
    }
    let mut files = Vec::new();
    let mut items: Vec<(Item, String)> = Vec::new();
    let mut notes: HashMap<usize, Vec<String>> = HashMap::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut merged = 0;
    let mut doc_title = None;
    for input in inputs {
        let Some((text, encoding)) = clean::decode(&input.bytes) else {
            return Err(ImportError::Input(
                Diagnostic::file(&input.name, "this is not a text file")
                    .with_help("import Markdown, plain text, CSV, TSV or an Anki text export"),
            ));
        };
        let text = clean::repair_mojibake(&text.replace("\r\n", "\n").replace('\r', "\n")).into_owned();
        let src = SourceFile::new(input.name.clone(), text);
        let found = detect::read(&src, options.format).map_err(ImportError::Input)?;
        doc_title = doc_title.or(found.title);
        files.push(FileReport {
            name: input.name.clone(),
            format: found.format,
            found: found.parsed.items.len(),
            skipped: found.parsed.skipped,
            encoding: match encoding {
                Encoding::Utf8 => None,
                Encoding::Utf16 => Some("UTF-16"),
                Encoding::Windows1252 => Some("Windows-1252"),
            },
        });
        for item in found.parsed.items {
            let origin = format!("{}:{}", input.name, item.line);
            let key = normalised(&item.prompt);
            match seen.get(&key) {
                Some(&first) => {
                    merged += 1;
                    let kept = &mut items[first].0;
                    let combined = if kept.answer.is_empty() || kept.answer == item.answer {
                        kept.answer = if kept.answer.is_empty() { item.answer } else { kept.answer.clone() };
                        ""
                    } else if item.answer.is_empty() {
                        ""
                    } else {
                        kept.answer = format!("{}\n\n{}", kept.answer, item.answer);
                        " (answers combined)"
                    };
                    notes
                        .entry(first)
                        .or_default()
                        .push(format!("merged with the same question at {origin}{combined}"));
                }
                None => {
                    seen.insert(key, items.len());
                    items.push((item, origin));
                }
            }
        }
    }
    if items.is_empty() {
        let names: Vec<&str> = inputs.iter().map(|i| i.name.as_str()).collect();
        let left_out = files.iter().map(|f| f.skipped.len()).sum();
        return Err(ImportError::NoQuestions {
            files: names.join(", "),
            left_out,
        });
    }
    let analyzer = Analyzer::new(&Aliases::default());
    let pairs: Vec<(&str, &str)> = items.iter().map(|(i, _)| (i.prompt.as_str(), i.answer.as_str())).collect();
    let key_points = keypoints::propose(&analyzer, &pairs);
    let guesser = TopicGuesser::new(analyzer);
    let guessed: Vec<Option<&'static str>> = items
        .iter()
        .map(|(i, _)| {
            i.topic.as_deref().and_then(|t| topics::from_label(&guesser, t)).or_else(|| {
                guesser.guess(&Texts {
                    prompt: &i.prompt,
                    section: i.section.as_deref(),
                    answer: &i.answer,
                })
            })
        })
        .collect();
    let fallback = most_common(&guessed).unwrap_or(FALLBACK_TOPIC);
    let prompts: Vec<String> = items.iter().map(|(i, _)| i.prompt.clone()).collect();
    let ids = ids(&bank, &prompts);
    let questions = items
        .into_iter()
        .zip(key_points)
        .zip(guessed)
        .zip(ids)
        .enumerate()
        .map(|(n, ((((item, origin), key_points), guess), id))| {
            let level = options.level.or(item.level).unwrap_or(FALLBACK_LEVEL);
            let topic = options.topic.clone().unwrap_or_else(|| guess.unwrap_or(fallback).to_string());
            let draft = item.answer.is_empty() || key_points.is_empty();
            Imported {
                question: Question {
                    id,
                    bank: bank.clone(),
                    prompt: item.prompt,
                    level,
                    topic,
                    difficulty: difficulty(level),
                    reference: item.answer,
                    key_points,
                    misconceptions: vec![],
                    follow_ups: vec![],
                    mistakes: vec![],
                    example: item.example,
                    seconds: None,
                    draft,
                    origin,
                },
                section: item.section,
                notes: notes.remove(&n).unwrap_or_default(),
            }
        })
        .collect::<Vec<_>>();
    let sources: Vec<String> = inputs
        .iter()
        .map(|i| {
            Path::new(&i.name)
                .file_name()
                .map_or(i.name.clone(), |n| n.to_string_lossy().into_owned())
        })
        .collect();
    let title = options
        .title
        .clone()
        .or(doc_title)
        .unwrap_or_else(|| format!("Imported from {}", sources.join(", ")));
    Ok(Import {
        description: format!(
            "Imported with `grill import` from {}; review before practising.",
            sources.join(", ")
        ),
        bank,
        title,
        questions,
        files,
        merged,
    })
}

/// The topic guessed most often (ties go to the earlier in `TOPICS`).
fn most_common(guesses: &[Option<&'static str>]) -> Option<&'static str> {
    let mut best: Option<(&'static str, usize)> = None;
    for &topic in TOPICS {
        let n = guesses.iter().filter(|g| **g == Some(topic)).count();
        if n > 0 && best.is_none_or(|(_, most)| n > most) {
            best = Some((topic, n));
        }
    }
    best.map(|(topic, _)| topic)
}

#[cfg(test)]
mod tests;
