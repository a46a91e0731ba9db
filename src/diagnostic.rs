//! Problems found in user-editable files, located to a line and column.
//!
//! Every loader (banks, aliases, scenarios, answer sheets) reports through
//! [`Diagnostic`] so that a mistake anywhere renders the same way:
//! `path:line:col: message`, the offending line with a caret under it, and a
//! `help:` line saying what to change. Loaders collect all problems of a file
//! instead of stopping at the first, so one `grill banks check` run shows
//! everything to fix.

use std::fmt::{self, Write as _};
use std::ops::Range;

/// The largest file grill reads: far above any real bank or answer sheet
/// (a 10 MB answer fits), low enough that a wrong file fails at once.
pub const MAX_FILE_BYTES: u64 = crate::input::MAX_INPUT_BYTES;

/// A text file as read, kept so positions can be turned into lines and shown.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// How the file is named to the user: a path, or `<embedded>/banks/x.toml`.
    pub name: String,
    pub text: String,
    /// Byte offset of each line's start, built on first use: every
    /// question records its position, so lookups must not rescan the text.
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile {
            name: name.into(),
            text: text.into(),
            line_starts: std::sync::OnceLock::new(),
        }
    }

    /// Reads a file from disk, turning unreadable or non-UTF-8 content into a
    /// diagnostic rather than an I/O error the user cannot place.
    pub fn read(path: &std::path::Path) -> Result<SourceFile, Diagnostic> {
        let name = path.display().to_string();
        let bytes = crate::input::read_file(path).map_err(|e| match e {
            crate::input::InputError::TooLarge { .. } => {
                // The size the file system reports, when it knows one.
                let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
                let told = if size > MAX_FILE_BYTES {
                    format!("the file is {} MB", size.div_ceil(1 << 20))
                } else {
                    format!("the file holds more than {} MB", MAX_FILE_BYTES >> 20)
                };
                Diagnostic::file(&name, format!("{told}; grill reads files of at most {} MB", MAX_FILE_BYTES >> 20))
                    .with_help("split it into several files (a bank directory may hold any number)")
            }
            crate::input::InputError::NotRegular { what, .. } => {
                Diagnostic::file(&name, format!("this is {what}, not a regular file")).with_help("name a text file")
            }
            crate::input::InputError::Io { error, .. } => Diagnostic::file(&name, format!("cannot read file: {error}")),
        })?;
        match String::from_utf8(bytes) {
            Ok(text) => Ok(SourceFile::new(name, text)),
            Err(e) => {
                let offset = e.utf8_error().valid_up_to();
                let valid = &e.as_bytes()[..offset];
                let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
                let column = valid.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
                Err(Diagnostic {
                    origin: name,
                    line,
                    column,
                    message: format!("the file is not valid UTF-8 text (bad byte at offset {offset})"),
                    snippet: None,
                    help: Some("save the file as UTF-8; binary files cannot be read".into()),
                })
            }
        }
    }

    /// A diagnostic pointing at `span` (byte offsets) of this file.
    pub fn error_at(&self, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        let start = span.start.min(self.text.len());
        let (line, column) = self.line_col(start);
        let line_start = self.text.as_bytes()[..start].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let line_text = self.text[line_start..].split('\n').next().unwrap_or("").trim_end_matches('\r');
        let width = span
            .end
            .saturating_sub(span.start)
            .clamp(1, line_text.len().saturating_sub(column - 1).max(1));
        // Long lines are shown as a window around the column, so the caret
        // still points at the fault.
        let skip = column
            .saturating_sub(SNIPPET_WIDTH / 2)
            .min(line_text.chars().count().saturating_sub(SNIPPET_WIDTH));
        let (shown, caret) = if skip > 0 {
            (
                format!("…{}", line_text.chars().skip(skip + 1).take(SNIPPET_WIDTH - 1).collect::<String>()),
                column - skip,
            )
        } else {
            (line_text.chars().take(SNIPPET_WIDTH).collect(), column)
        };
        Diagnostic {
            origin: self.name.clone(),
            line,
            column,
            message: message.into(),
            snippet: Some(Box::new({
                // The fault may lie past the shown text (trailing CRs are
                // not shown); the caret then sits just after it.
                let caret = caret.clamp(1, shown.chars().count() + 1);
                Snippet {
                    width: width.min((SNIPPET_WIDTH + 1).saturating_sub(caret)).max(1),
                    text: shown,
                    column: caret,
                }
            })),
            help: None,
        }
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i + 1))
                .collect()
        });
        let line = starts.partition_point(|&s| s <= offset);
        let line_start = starts[line - 1];
        (line, self.text[line_start..offset].chars().count() + 1)
    }

    /// `path:line:col` of a byte offset, as stored in `origin` fields.
    pub fn location(&self, offset: usize) -> String {
        let (line, col) = self.line_col(offset);
        location(&self.name, line, col)
    }

    /// Locations of offsets taken in file order, such as every question of
    /// a bank, without indexing every line of the file first.
    pub fn locations(&self) -> Locations<'_> {
        Locations::new(&self.name, &self.text)
    }

    /// Converts a TOML parse or type error into a located diagnostic.
    pub fn toml_error(&self, error: &toml::de::Error) -> Diagnostic {
        let message = error.message().trim().to_string();
        let mut diagnostic = match error.span() {
            Some(span) => self.error_at(span, message),
            None => Diagnostic::file(&self.name, message),
        };
        diagnostic.help = toml_help(&diagnostic.message);
        diagnostic
    }
}

/// Characters of a faulty line shown under a diagnostic.
const SNIPPET_WIDTH: usize = 100;
/// `path:line:col`, sized once: a large bank keeps one per question.
fn location(name: &str, line: usize, col: usize) -> String {
    let mut location = String::with_capacity(name.len() + 16);
    let _ = write!(location, "{name}:{line}:{col}");
    location
}

/// Turns byte offsets that come in file order into locations by counting
/// line feeds on from the previous offset: one pass over the file in all.
pub struct Locations<'a> {
    name: &'a str,
    text: &'a str,
    offset: usize,
    line: usize,
}

impl<'a> Locations<'a> {
    /// Locations in `text`, a file shown to the user as `name`.
    pub fn new(name: &'a str, text: &'a str) -> Locations<'a> {
        Locations {
            name,
            text,
            offset: 0,
            line: 1,
        }
    }

    /// `path:line:col` of `offset`; an offset before the previous one
    /// counts from the start again.
    pub fn location(&mut self, offset: usize) -> String {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.offset {
            (self.offset, self.line) = (0, 1);
        }
        let bytes = self.text.as_bytes();
        self.line += line_feeds(&bytes[self.offset..offset]);
        self.offset = offset;
        let line_start = memchr::memrchr(b'\n', &bytes[..offset]).map_or(0, |i| i + 1);
        location(self.name, self.line, self.text[line_start..offset].chars().count() + 1)
    }
}

/// How many `\n` are in `bytes`, counted 32 at a time into a byte-wide sum,
/// a shape the compiler turns into vector instructions.
fn line_feeds(bytes: &[u8]) -> usize {
    let mut chunks = bytes.chunks_exact(32);
    let mut count = 0;
    for chunk in &mut chunks {
        count += usize::from(chunk.iter().map(|&b| u8::from(b == b'\n')).sum::<u8>());
    }
    count + chunks.remainder().iter().filter(|&&b| b == b'\n').count()
}

/// A hint for the TOML errors people make most, worded as what to do.
fn toml_help(message: &str) -> Option<String> {
    if message.starts_with("unknown field") {
        Some("check the spelling of the field against docs/banks.md".into())
    } else if message.starts_with("missing field") {
        Some("add the field; docs/banks.md lists what each table needs".into())
    } else if message.contains("duplicate key") {
        Some("each key may appear once per table".into())
    } else {
        None
    }
}

/// The offending line, shown under a diagnostic with a caret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    /// 1-based character column of the caret.
    pub column: usize,
    pub width: usize,
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub origin: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub snippet: Option<Box<Snippet>>,
    pub help: Option<String>,
}

impl Diagnostic {
    /// A problem with a whole file (no position inside it).
    pub fn file(origin: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            origin: origin.to_string(),
            line: 1,
            column: 1,
            message: message.into(),
            snippet: None,
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// `path:line:col`, the form editors and terminals make clickable.
    pub fn location(&self) -> String {
        format!("{}:{}:{}", self.origin, self.line, self.column)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.message)?;
        if let Some(Snippet { text, column, width }) = self.snippet.as_deref() {
            let gutter = self.line.to_string().len();
            write!(
                f,
                "\n{:gutter$} |\n{} | {}\n{:gutter$} | {}{}",
                "",
                self.line,
                text,
                "",
                " ".repeat(column - 1),
                "^".repeat(*width)
            )?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// All problems found in a load, so a caller can show every one at once.
#[derive(Debug, Clone, Default, PartialEq, Eq, thiserror::Error)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// `Ok(value)` when nothing was found, otherwise every problem.
    pub fn into_result<T>(self, value: T) -> Result<T, Diagnostics> {
        if self.0.is_empty() { Ok(value) } else { Err(self) }
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "error: {d}")?;
        }
        if self.0.len() > 1 {
            write!(f, "\n{} problems found", self.0.len())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_lines_and_character_columns() {
        let src = SourceFile::new("x.toml", "a = 1\nbé = 2\n");
        assert_eq!(src.line_col(0), (1, 1));
        assert_eq!(src.line_col(6), (2, 1));
        assert_eq!(src.line_col(9), (2, 3)); // after the two-byte é
    }

    #[test]
    fn a_long_line_is_shown_around_the_fault() {
        let text = format!("a = [{}x]\n", "1, ".repeat(200));
        let src = SourceFile::new("x.toml", text.clone());
        let at = text.find('x').unwrap();
        let d = src.error_at(at..at + 1, "bad value");
        let snippet = d.snippet.as_deref().unwrap();
        assert!(
            snippet.text.starts_with('…') && snippet.text.chars().count() <= SNIPPET_WIDTH,
            "{}",
            snippet.text
        );
        assert_eq!(
            snippet.text.chars().nth(snippet.column - 1),
            Some('x'),
            "the caret is under the fault"
        );
        assert_eq!(d.column, at + 1);
    }

    #[test]
    fn locations_in_file_order_match_the_line_index() {
        let src = SourceFile::new("x.toml", "a = 1\nbé = 2\n\n[[q]]\n  x\n");
        let mut locations = src.locations();
        for offset in [0, 3, 6, 9, 9, 13, 14, 20, 23, 26, 5, 40] {
            assert_eq!(locations.location(offset), src.location(offset), "at {offset}");
        }
    }

    #[test]
    fn display_shows_location_line_caret_and_help() {
        let src = SourceFile::new("x.toml", "id = \"a\"\ntopic = \"nope\"\n");
        let d = src.error_at(17..23, "unknown topic `nope`").with_help("use one of ...");
        let shown = d.to_string();
        assert!(shown.starts_with("x.toml:2:9: unknown topic `nope`"), "{shown}");
        assert!(shown.contains("2 | topic = \"nope\""), "{shown}");
        assert!(shown.contains("^^^^^^"), "{shown}");
        assert!(shown.ends_with("help: use one of ..."), "{shown}");
    }
}
