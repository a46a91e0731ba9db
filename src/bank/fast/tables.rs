//! Assembling a bank from the keys and values [`super`] reads: which keys
//! each table has, of which type, set once, and which are required. A key
//! or type a bank does not have ends the fast path (`None`), as it would be
//! an error or outside the subset for `toml`.
//!
//! Sub-tables (`[[question.key_points]]`, `[[question.follow_ups]]`, ...)
//! are kept open until their question ends: TOML lets a
//! `[[question.follow_ups.key_points]]` header add to the last follow-up
//! even after other headers, so nothing is final before then.

use std::ops::Range;

use toml::Spanned;

use crate::bank::rubric::{FollowUpFile, FollowUpTable, KeyPointFile, MisconceptionFile};
use crate::bank::{BankFile, Level, QuestionFile};

/// A value as written, before it is matched to its field.
pub(super) enum Value {
    Str(String, Range<usize>),
    Int(i64, Range<usize>),
    Bool(bool),
    Strings(Vec<String>),
    /// An array of strings whose items keep where they are.
    SpannedStrings(Vec<Spanned<String>>),
}

/// The headers a bank has.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Header {
    Question,
    KeyPoint,
    Misconception,
    FollowUp,
    FollowUpKeyPoint,
    FollowUpMisconception,
}

/// The tables read so far: the bank, the question being read, and which
/// table keys go into (`None`: the bank's own keys).
#[derive(Default)]
pub(super) struct Tables {
    bank: PartialBank,
    question: Option<PartialQuestion>,
    open: Option<Header>,
}

impl Tables {
    /// Starts the table a header opens (`header` is its span).
    pub(super) fn open(&mut self, kind: Header, header: Range<usize>) -> Option<()> {
        if kind == Header::Question {
            let next = PartialQuestion {
                header,
                ..Default::default()
            };
            if let Some(q) = self.question.replace(next) {
                self.bank.questions.push(q.finish()?);
            }
        } else {
            let q = self.question.as_mut()?;
            match kind {
                Header::Question => return None,
                Header::KeyPoint => q.key_points.push(PartialKeyPoint::at(header)),
                Header::Misconception => q.misconceptions.push(PartialMisconception::at(header)),
                Header::FollowUp => {
                    // An inline `follow_ups = [...]` cannot be extended.
                    if q.follow_ups.is_some() {
                        return None;
                    }
                    q.follow_up_tables.push(PartialFollowUp {
                        header,
                        ..Default::default()
                    });
                }
                Header::FollowUpKeyPoint => q.follow_up_tables.last_mut()?.key_points.push(PartialKeyPoint::at(header)),
                Header::FollowUpMisconception => q.follow_up_tables.last_mut()?.misconceptions.push(PartialMisconception::at(header)),
            }
        }
        self.open = Some(kind);
        Some(())
    }

    /// Sets a key of the table being read.
    pub(super) fn set(&mut self, key: &str, value: Value) -> Option<()> {
        let Some(open) = self.open else {
            return self.bank.set(key, value);
        };
        let q = self.question.as_mut()?;
        match open {
            Header::Question => q.set(key, value),
            Header::KeyPoint => q.key_points.last_mut()?.set(key, value),
            Header::Misconception => q.misconceptions.last_mut()?.set(key, value),
            Header::FollowUp => q.follow_up_tables.last_mut()?.set(key, value),
            Header::FollowUpKeyPoint => q.follow_up_tables.last_mut()?.key_points.last_mut()?.set(key, value),
            Header::FollowUpMisconception => q.follow_up_tables.last_mut()?.misconceptions.last_mut()?.set(key, value),
        }
    }

    /// The bank, when every table has its required keys.
    pub(super) fn finish(mut self) -> Option<BankFile> {
        if let Some(q) = self.question.take() {
            self.bank.questions.push(q.finish()?);
        }
        self.bank.questions.shrink_to_fit();
        self.bank.finish()
    }
}

/// Sets a field once: a second value for the same key is a TOML error, so
/// the fast path declines and lets `toml` report it.
fn once<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    match slot {
        Some(_) => None,
        None => {
            *slot = Some(value);
            Some(())
        }
    }
}

fn string(value: Value) -> Option<String> {
    match value {
        Value::Str(s, _) => Some(s),
        _ => None,
    }
}

fn spanned_string(value: Value) -> Option<Spanned<String>> {
    match value {
        Value::Str(s, span) => Some(Spanned::new(span, s)),
        _ => None,
    }
}

fn integer(value: Value) -> Option<Spanned<i64>> {
    match value {
        Value::Int(n, span) => Some(Spanned::new(span, n)),
        _ => None,
    }
}

fn boolean(value: Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(b),
        _ => None,
    }
}

fn strings(value: Value) -> Option<Vec<String>> {
    match value {
        Value::Strings(v) => Some(v),
        _ => None,
    }
}

fn spanned_strings(value: Value) -> Option<Vec<Spanned<String>>> {
    match value {
        Value::SpannedStrings(v) => Some(v),
        _ => None,
    }
}

fn level(value: Value) -> Option<Level> {
    match string(value)?.as_str() {
        "junior" => Some(Level::Junior),
        "mid" => Some(Level::Mid),
        "senior" => Some(Level::Senior),
        _ => None,
    }
}

/// Finishes each partial table, or declines if one lacks a required key.
fn all<P, T>(partials: Vec<P>, finish: impl Fn(P) -> Option<T>) -> Option<Vec<T>> {
    partials.into_iter().map(finish).collect()
}

#[derive(Default)]
struct PartialBank {
    id: Option<Spanned<String>>,
    title: Option<String>,
    description: Option<String>,
    questions: Vec<Spanned<QuestionFile>>,
}

impl PartialBank {
    fn set(&mut self, key: &str, value: Value) -> Option<()> {
        match key {
            "id" => once(&mut self.id, spanned_string(value)?),
            "title" => once(&mut self.title, string(value)?),
            "description" => once(&mut self.description, string(value)?),
            _ => None,
        }
    }

    fn finish(self) -> Option<BankFile> {
        Some(BankFile {
            id: self.id?,
            title: self.title?,
            description: self.description.unwrap_or_default(),
            question: self.questions,
        })
    }
}

#[derive(Default)]
struct PartialQuestion {
    header: Range<usize>,
    id: Option<Spanned<String>>,
    prompt: Option<Spanned<String>>,
    level: Option<Level>,
    topic: Option<Spanned<String>>,
    difficulty: Option<Spanned<i64>>,
    reference: Option<Spanned<String>>,
    key_points: Vec<PartialKeyPoint>,
    misconceptions: Vec<PartialMisconception>,
    /// `follow_ups = [...]`: plain prompts.
    follow_ups: Option<Vec<Spanned<String>>>,
    /// `[[question.follow_ups]]` tables.
    follow_up_tables: Vec<PartialFollowUp>,
    mistakes: Option<Vec<String>>,
    example: Option<String>,
    seconds: Option<Spanned<i64>>,
    draft: Option<bool>,
}

impl PartialQuestion {
    fn set(&mut self, key: &str, value: Value) -> Option<()> {
        match key {
            "id" => once(&mut self.id, spanned_string(value)?),
            "prompt" => once(&mut self.prompt, spanned_string(value)?),
            "level" => once(&mut self.level, level(value)?),
            "topic" => once(&mut self.topic, spanned_string(value)?),
            "difficulty" => once(&mut self.difficulty, integer(value)?),
            "reference" => once(&mut self.reference, spanned_string(value)?),
            "follow_ups" => once(&mut self.follow_ups, spanned_strings(value)?),
            "mistakes" => once(&mut self.mistakes, strings(value)?),
            "example" => once(&mut self.example, string(value)?),
            "seconds" => once(&mut self.seconds, integer(value)?),
            "draft" => once(&mut self.draft, boolean(value)?),
            _ => None,
        }
    }

    fn finish(self) -> Option<Spanned<QuestionFile>> {
        let follow_ups = match self.follow_ups {
            Some(prompts) => prompts
                .into_iter()
                .map(|p| {
                    let span = p.span();
                    Spanned::new(span, FollowUpFile::Prompt(p.into_inner()))
                })
                .collect(),
            None => all(self.follow_up_tables, PartialFollowUp::finish)?,
        };
        let question = QuestionFile {
            id: self.id?,
            prompt: self.prompt?,
            level: self.level?,
            topic: self.topic?,
            difficulty: self.difficulty?,
            reference: self.reference,
            key_points: all(self.key_points, PartialKeyPoint::finish)?,
            misconceptions: all(self.misconceptions, PartialMisconception::finish)?,
            follow_ups,
            mistakes: self.mistakes.unwrap_or_default(),
            example: self.example,
            seconds: self.seconds,
            draft: self.draft.unwrap_or_default(),
        };
        Some(Spanned::new(self.header, question))
    }
}

#[derive(Default)]
struct PartialKeyPoint {
    header: Range<usize>,
    point: Option<Spanned<String>>,
    weight: Option<Spanned<i64>>,
    alternatives: Option<Vec<String>>,
    subject: Option<Spanned<String>>,
    proposed: Option<bool>,
}

impl PartialKeyPoint {
    fn at(header: Range<usize>) -> PartialKeyPoint {
        PartialKeyPoint {
            header,
            ..Default::default()
        }
    }

    fn set(&mut self, key: &str, value: Value) -> Option<()> {
        match key {
            "point" => once(&mut self.point, spanned_string(value)?),
            "weight" => once(&mut self.weight, integer(value)?),
            "alternatives" => once(&mut self.alternatives, strings(value)?),
            "subject" => once(&mut self.subject, spanned_string(value)?),
            "proposed" => once(&mut self.proposed, boolean(value)?),
            _ => None,
        }
    }

    fn finish(self) -> Option<Spanned<KeyPointFile>> {
        let key_point = KeyPointFile {
            point: self.point?,
            weight: self.weight?,
            alternatives: self.alternatives.unwrap_or_default(),
            subject: self.subject,
            proposed: self.proposed.unwrap_or_default(),
        };
        Some(Spanned::new(self.header, key_point))
    }
}

#[derive(Default)]
struct PartialMisconception {
    header: Range<usize>,
    claim: Option<Spanned<String>>,
    alternatives: Option<Vec<String>>,
    correction: Option<Spanned<String>>,
    contradicts: Option<Spanned<String>>,
    weight: Option<Spanned<i64>>,
}

impl PartialMisconception {
    fn at(header: Range<usize>) -> PartialMisconception {
        PartialMisconception {
            header,
            ..Default::default()
        }
    }

    fn set(&mut self, key: &str, value: Value) -> Option<()> {
        match key {
            "claim" => once(&mut self.claim, spanned_string(value)?),
            "alternatives" => once(&mut self.alternatives, strings(value)?),
            "correction" => once(&mut self.correction, spanned_string(value)?),
            "contradicts" => once(&mut self.contradicts, spanned_string(value)?),
            "weight" => once(&mut self.weight, integer(value)?),
            _ => None,
        }
    }

    fn finish(self) -> Option<Spanned<MisconceptionFile>> {
        let misconception = MisconceptionFile {
            claim: self.claim?,
            alternatives: self.alternatives.unwrap_or_default(),
            correction: self.correction,
            contradicts: self.contradicts,
            weight: self.weight,
        };
        Some(Spanned::new(self.header, misconception))
    }
}

#[derive(Default)]
struct PartialFollowUp {
    header: Range<usize>,
    id: Option<Spanned<String>>,
    prompt: Option<Spanned<String>>,
    reference: Option<Spanned<String>>,
    seconds: Option<Spanned<i64>>,
    key_points: Vec<PartialKeyPoint>,
    misconceptions: Vec<PartialMisconception>,
}

impl PartialFollowUp {
    fn set(&mut self, key: &str, value: Value) -> Option<()> {
        match key {
            "id" => once(&mut self.id, spanned_string(value)?),
            "prompt" => once(&mut self.prompt, spanned_string(value)?),
            "reference" => once(&mut self.reference, spanned_string(value)?),
            "seconds" => once(&mut self.seconds, integer(value)?),
            _ => None,
        }
    }

    fn finish(self) -> Option<Spanned<FollowUpFile>> {
        let table = FollowUpTable {
            id: self.id,
            prompt: self.prompt,
            reference: self.reference,
            key_points: all(self.key_points, PartialKeyPoint::finish)?,
            misconceptions: all(self.misconceptions, PartialMisconception::finish)?,
            seconds: self.seconds,
        };
        Some(Spanned::new(self.header, FollowUpFile::Table(table)))
    }
}
