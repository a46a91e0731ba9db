//! The fast path for reading a bank file: a small parser for the part of
//! TOML that banks use, building the same values, with the same spans, as
//! `toml`'s serde path — which spends ~140 instructions per byte, most of
//! start-up and of loading large bank directories.
//!
//! It accepts only what it is sure of: comments, blank lines, `key = value`
//! with the four string forms (escapes included), decimal integers,
//! booleans and arrays of strings, and the `[[question]]`,
//! `[[question.key_points]]`, `[[question.misconceptions]]`,
//! `[[question.follow_ups]]`, `[[question.follow_ups.key_points]]` and
//! `[[question.follow_ups.misconceptions]]` headers. Anything else — another table, an
//! inline table, a float, a dotted or quoted key, an unknown or duplicate
//! key, a missing field, a malformed line — makes it decline (`None`), and
//! [`super::Bank::parse`] reads the file with `toml`, so every error is
//! still found and worded by `toml` and the checks in `bank`.

mod tables;

use std::ops::Range;

use toml::Spanned;

use self::tables::{Header, Tables, Value};
use super::BankFile;

/// Parses `text` as a bank file, or `None` when it is outside the subset
/// (or not valid TOML, or not a valid bank shape).
pub(super) fn parse(text: &str) -> Option<BankFile> {
    Parser {
        text,
        pos: 0,
        items: Vec::new(),
        spans: Vec::new(),
    }
    .bank()
}

/// What a run of quotes inside a multi-line string turned out to be.
enum Quotes {
    Text,
    End(String),
}

// Byte classes, one bit per context: a set bit stops a scan there, either
// because the byte ends the token or because it needs a closer look.
const BASIC: u8 = 1; // "..."
const MULTI_BASIC: u8 = 2; // """..."""
const LITERAL: u8 = 4; // '...'
const MULTI_LITERAL: u8 = 8; // '''...'''
const COMMENT: u8 = 16; // # ...
/// Not a stop bit: set for the bytes of a bare key, `[A-Za-z0-9_-]`.
const KEY: u8 = 32;

static CLASS: [u8; 256] = classes();

const fn classes() -> [u8; 256] {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        if byte == b'\n' {
            table[b] = BASIC | LITERAL | COMMENT;
        } else if (byte < 0x20 && byte != b'\t') || byte == 0x7f {
            // Control characters other than tab may not appear raw anywhere;
            // line feeds only in multi-line strings (a CR only before LF).
            table[b] = BASIC | LITERAL | COMMENT | MULTI_BASIC | MULTI_LITERAL;
        } else if byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'-' {
            table[b] = KEY;
        }
        b += 1;
    }
    table[b'"' as usize] |= BASIC | MULTI_BASIC;
    table[b'\\' as usize] |= BASIC | MULTI_BASIC;
    table[b'\'' as usize] |= LITERAL | MULTI_LITERAL;
    table
}

/// Whether `run` holds no control character (other than tab, and line
/// feed where `newlines` are allowed). Written without an early exit so
/// the compiler checks many bytes per instruction.
fn plain(run: &[u8], newlines: bool) -> bool {
    let bad = run.iter().fold(false, |bad, &b| {
        bad | (b < 0x20) & (b != b'\t') & !(newlines & (b == b'\n')) | (b == 0x7f)
    });
    !bad
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
    /// The items of the array being read, moved out into an exact-size
    /// `Vec` at its end (arrays do not nest here).
    items: Vec<String>,
    /// Where each of `items` is, used by arrays whose items are spanned
    /// (`follow_ups`).
    spans: Vec<Range<usize>>,
}

impl<'a> Parser<'a> {
    fn bank(mut self) -> Option<BankFile> {
        let mut tables = Tables::default();
        loop {
            self.skip_blank_lines()?;
            match self.peek() {
                None => return tables.finish(),
                Some(b'[') => {
                    let start = self.pos;
                    let header = self.header()?;
                    tables.open(header, start..self.pos)?;
                    self.end_of_line()?;
                }
                Some(_) => {
                    let key = self.key()?;
                    self.skip_spaces();
                    self.expect(b'=')?;
                    self.skip_spaces();
                    let value = self.value(key == "follow_ups")?;
                    self.end_of_line()?;
                    tables.set(key, value)?;
                }
            }
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.text.as_bytes().get(self.pos + ahead).copied()
    }

    fn starts_with(&self, s: &[u8]) -> bool {
        self.text.as_bytes()[self.pos..].starts_with(s)
    }

    fn expect(&mut self, b: u8) -> Option<()> {
        (self.peek() == Some(b)).then(|| self.pos += 1)
    }

    /// Moves past bytes of no interest in `context`; stops at the first
    /// byte whose class has that bit, or at the end.
    fn scan(&mut self, context: u8) {
        let bytes = self.text.as_bytes();
        // Most of a file is text inside strings: jump to the next byte that
        // can end it, then check in one pass that nothing before needs a look.
        let rest = &bytes[self.pos..];
        let next = match context {
            BASIC | MULTI_BASIC => memchr::memchr2(b'"', b'\\', rest),
            LITERAL | MULTI_LITERAL => memchr::memchr(b'\'', rest),
            _ => memchr::memchr(b'\n', rest),
        };
        let run = next.unwrap_or(rest.len());
        if plain(&rest[..run], context & (MULTI_BASIC | MULTI_LITERAL) != 0) {
            self.pos += run;
            return;
        }
        while let Some(&b) = bytes.get(self.pos) {
            if CLASS[b as usize] & context != 0 {
                break;
            }
            self.pos += 1;
        }
    }

    fn skip_spaces(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    /// A line break, `\n` or `\r\n`; a lone `\r` is not one.
    fn newline(&mut self) -> bool {
        match (self.peek(), self.peek_at(1)) {
            (Some(b'\n'), _) => self.pos += 1,
            (Some(b'\r'), Some(b'\n')) => self.pos += 2,
            _ => return false,
        }
        true
    }

    /// Moves past a comment, if one starts here, up to its line break.
    fn comment(&mut self) -> Option<()> {
        if self.peek() == Some(b'#') {
            self.pos += 1;
            self.scan(COMMENT);
            if !matches!(self.peek(), None | Some(b'\n' | b'\r')) {
                return None;
            }
        }
        Some(())
    }

    /// Spaces, comments and line breaks before a key or header.
    fn skip_blank_lines(&mut self) -> Option<()> {
        loop {
            self.skip_spaces();
            self.comment()?;
            if self.peek().is_none() || !self.newline() {
                return Some(());
            }
        }
    }

    /// What may follow a value or header: spaces, a comment, then a line
    /// break or the end of the file.
    fn end_of_line(&mut self) -> Option<()> {
        self.skip_spaces();
        self.comment()?;
        (self.peek().is_none() || self.newline()).then_some(())
    }

    /// A bare key; quoted and dotted keys are outside the subset.
    fn key(&mut self) -> Option<&'a str> {
        let start = self.pos;
        let bytes = self.text.as_bytes();
        while bytes.get(self.pos).is_some_and(|&b| CLASS[b as usize] & KEY != 0) {
            self.pos += 1;
        }
        (self.pos > start).then(|| &self.text[start..self.pos])
    }

    fn header(&mut self) -> Option<Header> {
        if !self.starts_with(b"[[") {
            return None;
        }
        self.pos += 2;
        self.skip_spaces();
        let mut keys = [""; 3];
        let mut n = 0;
        loop {
            *keys.get_mut(n)? = self.key()?;
            n += 1;
            self.skip_spaces();
            if self.peek() != Some(b'.') {
                break;
            }
            self.pos += 1;
            self.skip_spaces();
        }
        if !self.starts_with(b"]]") {
            return None;
        }
        self.pos += 2;
        match keys {
            ["question", "", ""] => Some(Header::Question),
            ["question", "key_points", ""] => Some(Header::KeyPoint),
            ["question", "misconceptions", ""] => Some(Header::Misconception),
            ["question", "follow_ups", ""] => Some(Header::FollowUp),
            ["question", "follow_ups", "key_points"] => Some(Header::FollowUpKeyPoint),
            ["question", "follow_ups", "misconceptions"] => Some(Header::FollowUpMisconception),
            _ => None,
        }
    }

    /// A value; an array's items keep their spans when `spanned`.
    fn value(&mut self, spanned: bool) -> Option<Value> {
        let start = self.pos;
        match self.peek()? {
            b'"' | b'\'' => {
                let s = self.string()?;
                Some(Value::Str(s, start..self.pos))
            }
            b'[' if spanned => {
                self.array()?;
                let items = self.items.drain(..).zip(self.spans.drain(..));
                Some(Value::SpannedStrings(items.map(|(s, span)| Spanned::new(span, s)).collect()))
            }
            b'[' => {
                self.array()?;
                Some(Value::Strings(self.items.drain(..).collect()))
            }
            b't' if self.starts_with(b"true") => {
                self.pos += 4;
                self.at_value_end().then_some(Value::Bool(true))
            }
            b'f' if self.starts_with(b"false") => {
                self.pos += 5;
                self.at_value_end().then_some(Value::Bool(false))
            }
            b'+' | b'-' | b'0'..=b'9' => {
                let n = self.integer()?;
                Some(Value::Int(n, start..self.pos))
            }
            _ => None,
        }
    }

    /// Whether a bare value (number, boolean) ends here, rather than
    /// continuing as something else (`3.5`, `1979-05-27`, `trueish`).
    fn at_value_end(&self) -> bool {
        matches!(self.peek(), None | Some(b' ' | b'\t' | b'\n' | b'\r' | b'#'))
    }

    /// A decimal integer: optional sign, no leading zeros, `_` only between
    /// digits. Hex, octal, binary and floats are left to `toml`.
    fn integer(&mut self) -> Option<i64> {
        let negative = self.peek() == Some(b'-');
        if matches!(self.peek(), Some(b'+' | b'-')) {
            self.pos += 1;
        }
        let digits = self.pos;
        let mut magnitude: u64 = 0;
        loop {
            let d = self.peek().filter(u8::is_ascii_digit)?;
            magnitude = magnitude.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
            self.pos += 1;
            match self.peek() {
                Some(b'_') => self.pos += 1,
                Some(b'0'..=b'9') => {}
                _ => break,
            }
        }
        let leading_zero = self.text.as_bytes()[digits] == b'0' && self.pos - digits > 1;
        if leading_zero || !self.at_value_end() {
            return None;
        }
        if negative {
            0i64.checked_sub_unsigned(magnitude)
        } else {
            i64::try_from(magnitude).ok()
        }
    }

    /// An array of strings, possibly over several lines, with comments and
    /// a trailing comma, into `items` (and where each is into `spans`).
    fn array(&mut self) -> Option<()> {
        self.pos += 1;
        self.items.clear();
        self.spans.clear();
        loop {
            self.skip_blank_lines()?;
            match self.peek()? {
                b']' => break,
                b'"' | b'\'' => {
                    let start = self.pos;
                    let item = self.string()?;
                    self.items.push(item);
                    self.spans.push(start..self.pos);
                }
                _ => return None,
            }
            self.skip_blank_lines()?;
            match self.peek()? {
                b',' => self.pos += 1,
                b']' => break,
                _ => return None,
            }
        }
        self.pos += 1;
        Some(())
    }

    /// Any of the four string forms, at its opening quote.
    fn string(&mut self) -> Option<String> {
        if self.starts_with(b"\"\"\"") {
            self.pos += 3;
            self.newline();
            self.basic(MULTI_BASIC)
        } else if self.starts_with(b"'''") {
            self.pos += 3;
            self.newline();
            self.multi_literal()
        } else if self.peek() == Some(b'"') {
            self.pos += 1;
            self.basic(BASIC)
        } else {
            self.pos += 1;
            self.literal()
        }
    }

    /// The body of a basic string (`context` says single- or multi-line),
    /// from after the opening quotes to after the closing ones.
    fn basic(&mut self, context: u8) -> Option<String> {
        let multi = context == MULTI_BASIC;
        let mut out = Text::new(self.pos);
        loop {
            self.scan(context);
            match self.peek()? {
                b'"' if !multi => {
                    let s = out.finish(self.text, self.pos);
                    self.pos += 1;
                    return Some(s);
                }
                b'"' => {
                    if let Quotes::End(s) = self.closing_quotes(b'"', &mut out)? {
                        return Some(s);
                    }
                }
                b'\\' => self.escape(multi, &mut out)?,
                b'\r' if multi && self.peek_at(1) == Some(b'\n') => self.pos += 2,
                _ => return None,
            }
        }
    }

    /// At a run of quotes inside a multi-line string: three end it (up to
    /// two more before them belong to the text); fewer are text; more than
    /// five are an error.
    fn closing_quotes(&mut self, quote: u8, out: &mut Text) -> Option<Quotes> {
        let run = self.text.as_bytes()[self.pos..].iter().take_while(|&&b| b == quote).count();
        self.pos += run;
        match run {
            0..3 => Some(Quotes::Text),
            3..=5 => Some(Quotes::End(out.finish(self.text, self.pos - 3))),
            _ => None,
        }
    }

    /// An escape in a basic string, at its backslash.
    fn escape(&mut self, multi: bool, out: &mut Text) -> Option<()> {
        let at = self.pos;
        self.pos += 1;
        let c = match self.peek()? {
            b'b' => '\u{8}',
            b't' => '\t',
            b'n' => '\n',
            b'f' => '\u{c}',
            b'r' => '\r',
            b'"' => '"',
            b'\\' => '\\',
            b'u' => return self.unicode(at, 4, out),
            b'U' => return self.unicode(at, 8, out),
            b' ' | b'\t' | b'\n' | b'\r' if multi => {
                // A line-ending backslash: it, the line break and all
                // whitespace after it vanish.
                self.skip_spaces();
                if !self.newline() {
                    return None;
                }
                while self.newline() || matches!(self.peek(), Some(b' ' | b'\t')) {
                    self.skip_spaces();
                }
                out.skip(self.text, at, self.pos);
                return Some(());
            }
            _ => return None,
        };
        self.pos += 1;
        out.replace(self.text, at, self.pos, c);
        Some(())
    }

    fn unicode(&mut self, at: usize, digits: usize, out: &mut Text) -> Option<()> {
        let hex = self.text.get(self.pos + 1..self.pos + 1 + digits)?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let c = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
        self.pos += 1 + digits;
        out.replace(self.text, at, self.pos, c);
        Some(())
    }

    /// The body of a single-line literal string, after its opening quote.
    fn literal(&mut self) -> Option<String> {
        let start = self.pos;
        self.scan(LITERAL);
        if self.peek()? != b'\'' {
            return None;
        }
        self.pos += 1;
        Some(self.text[start..self.pos - 1].to_string())
    }

    /// The body of a multi-line literal string, after its opening quotes.
    fn multi_literal(&mut self) -> Option<String> {
        let mut out = Text::new(self.pos);
        loop {
            self.scan(MULTI_LITERAL);
            match self.peek()? {
                b'\'' => {
                    if let Quotes::End(s) = self.closing_quotes(b'\'', &mut out)? {
                        return Some(s);
                    }
                }
                b'\r' if self.peek_at(1) == Some(b'\n') => self.pos += 2,
                _ => return None,
            }
        }
    }
}

/// A string's value being built: a slice of the file until the first
/// escape, so the common case is one exact-size allocation.
struct Text {
    /// Start of the part of the file not yet copied.
    from: usize,
    built: Option<String>,
}

impl Text {
    fn new(from: usize) -> Text {
        Text { from, built: None }
    }

    /// Replaces `text[at..to]` (an escape) with `c`.
    fn replace(&mut self, text: &str, at: usize, to: usize, c: char) {
        let built = self.built.get_or_insert_with(String::new);
        built.push_str(&text[self.from..at]);
        built.push(c);
        self.from = to;
    }

    /// Leaves `text[at..to]` (a line-ending backslash) out.
    fn skip(&mut self, text: &str, at: usize, to: usize) {
        self.built.get_or_insert_with(String::new).push_str(&text[self.from..at]);
        self.from = to;
    }

    fn finish(&mut self, text: &str, end: usize) -> String {
        match self.built.take() {
            None => text[self.from..end].to_string(),
            Some(mut built) => {
                built.push_str(&text[self.from..end]);
                built.shrink_to_fit();
                built
            }
        }
    }
}
