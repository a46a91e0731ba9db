//! Assembling a bank from the keys and values [`super`] reads: which keys
//! each table has, of which type, set once, and which are required. A key
//! or type a bank does not have ends the fast path (`None`), as it would be
//! an error or outside the subset for `toml`.

use std::ops::Range;

use toml::Spanned;

use crate::bank::{BankFile, KeyPointFile, Level, QuestionFile};

/// A value as written, before it is matched to its field.
pub(super) enum Value {
    Str(String, Range<usize>),
    Int(i64, Range<usize>),
    Bool(bool),
    Strings(Vec<String>),
}

/// The headers a bank has.
pub(super) enum Header {
    Question,
    KeyPoint,
}

/// The tables read so far: the bank, and the question and key point that
/// keys are being read into.
#[derive(Default)]
pub(super) struct Tables {
    bank: PartialBank,
    question: Option<PartialQuestion>,
    key_point: Option<PartialKeyPoint>,
}

impl Tables {
    /// Starts the table a header opens (`header` is its span), closing
    /// the one before.
    pub(super) fn open(&mut self, kind: Header, header: Range<usize>) -> Option<()> {
        self.close_key_point()?;
        match kind {
            Header::Question => {
                let next = PartialQuestion {
                    header,
                    ..Default::default()
                };
                if let Some(q) = self.question.replace(next) {
                    self.bank.questions.push(q.finish()?);
                }
            }
            Header::KeyPoint => {
                self.question.as_ref()?;
                self.key_point = Some(PartialKeyPoint {
                    header,
                    ..Default::default()
                });
            }
        }
        Some(())
    }

    /// Sets a key of the table being read.
    pub(super) fn set(&mut self, key: &str, value: Value) -> Option<()> {
        match (&mut self.key_point, &mut self.question) {
            (Some(kp), _) => kp.set(key, value),
            (None, Some(q)) => q.set(key, value),
            (None, None) => self.bank.set(key, value),
        }
    }

    /// The bank, when every table has its required keys.
    pub(super) fn finish(mut self) -> Option<BankFile> {
        self.close_key_point()?;
        if let Some(q) = self.question.take() {
            self.bank.questions.push(q.finish()?);
        }
        self.bank.questions.shrink_to_fit();
        self.bank.finish()
    }

    fn close_key_point(&mut self) -> Option<()> {
        if let Some(kp) = self.key_point.take() {
            self.question.as_mut()?.key_points.push(kp.finish()?);
        }
        Some(())
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

fn level(value: Value) -> Option<Level> {
    match string(value)?.as_str() {
        "junior" => Some(Level::Junior),
        "mid" => Some(Level::Mid),
        "senior" => Some(Level::Senior),
        _ => None,
    }
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
    key_points: Vec<Spanned<KeyPointFile>>,
    follow_ups: Option<Vec<String>>,
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
            "follow_ups" => once(&mut self.follow_ups, strings(value)?),
            "mistakes" => once(&mut self.mistakes, strings(value)?),
            "example" => once(&mut self.example, string(value)?),
            "seconds" => once(&mut self.seconds, integer(value)?),
            "draft" => once(&mut self.draft, boolean(value)?),
            _ => None,
        }
    }

    fn finish(mut self) -> Option<Spanned<QuestionFile>> {
        self.key_points.shrink_to_fit();
        let question = QuestionFile {
            id: self.id?,
            prompt: self.prompt?,
            level: self.level?,
            topic: self.topic?,
            difficulty: self.difficulty?,
            reference: self.reference,
            key_points: self.key_points,
            follow_ups: self.follow_ups.unwrap_or_default(),
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
    proposed: Option<bool>,
}

impl PartialKeyPoint {
    fn set(&mut self, key: &str, value: Value) -> Option<()> {
        match key {
            "point" => once(&mut self.point, spanned_string(value)?),
            "weight" => once(&mut self.weight, integer(value)?),
            "alternatives" => once(&mut self.alternatives, strings(value)?),
            "proposed" => once(&mut self.proposed, boolean(value)?),
            _ => None,
        }
    }

    fn finish(self) -> Option<Spanned<KeyPointFile>> {
        let key_point = KeyPointFile {
            point: self.point?,
            weight: self.weight?,
            alternatives: self.alternatives.unwrap_or_default(),
            proposed: self.proposed.unwrap_or_default(),
        };
        Some(Spanned::new(self.header, key_point))
    }
}
