//! Which format a document is in, and reading it with that format's parser.
//!
//! Spreadsheets and Anki exports are recognised by their extension or
//! shape (tab-separated lines, a `#separator:` header, a header row naming
//! a question column). Any other text is read by every text parser and
//! the one that finds the most questions wins, so a page mixing formats is
//! read the way that fits most of it. `--format` skips the guessing.

use std::path::Path;

use crate::diagnostic::{Diagnostic, SourceFile};

use super::doc::{Doc, Parsed};
use super::{anki, details, headings, list, plain, qa, table};

/// The input formats `grill import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    /// `Q1: question` / `A: answer` blocks under section titles.
    Qa,
    /// Numbered or bulleted questions, answers indented under them (or none).
    List,
    /// Markdown headings that are questions, the text under them the answer.
    Headings,
    /// `<details><summary>question</summary>answer</details>` blocks.
    Details,
    /// Comma-separated values with a question and an answer column.
    Csv,
    /// Tab-separated values with a question and an answer column.
    Tsv,
    /// Anki's "Notes in Plain Text" export: front and back, tab-separated.
    Anki,
    /// Lines that ask a question, the lines after them the answer, no markers.
    Plain,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Qa => "qa",
            Format::List => "list",
            Format::Headings => "headings",
            Format::Details => "details",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Anki => "anki",
            Format::Plain => "plain",
        }
    }

    /// Text formats in the order ties are settled: the most explicit first.
    /// [`Format::Plain`] is tried after them, and taken only when it finds
    /// far more, since any line ending in `?` is a question to it.
    const TEXT: [Format; 4] = [Format::Details, Format::Qa, Format::Headings, Format::List];
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A document read in one format.
#[derive(Debug)]
pub struct Found {
    pub format: Format,
    pub parsed: Parsed,
    /// The document's own title, if it has one.
    pub title: Option<String>,
}

/// Reads `src` in the `forced` format, or the one that fits it best.
pub fn read(src: &SourceFile, forced: Option<Format>) -> Result<Found, Diagnostic> {
    let format = forced.or_else(|| structured(&src.name, &src.text));
    let doc = Doc::new(&src.text);
    let title = doc.title.clone();
    let parse = |format: Format| -> Result<Parsed, Diagnostic> {
        Ok(match format {
            Format::Qa => qa::parse(&doc),
            Format::List => list::parse(&doc),
            Format::Headings => headings::parse(&doc),
            Format::Details => details::parse(&doc),
            Format::Csv => table::parse(src, csv_delimiter(&src.text))?,
            Format::Tsv => table::parse(src, '\t')?,
            Format::Anki => anki::parse(&src.text),
            Format::Plain => plain::parse(&doc),
        })
    };
    if let Some(format) = format {
        let title = title.filter(|_| Format::TEXT.contains(&format) || format == Format::Plain);
        return Ok(Found {
            format,
            parsed: parse(format)?,
            title,
        });
    }
    let mut best: Option<(Format, Parsed)> = None;
    for format in Format::TEXT {
        let parsed = parse(format)?;
        if best.as_ref().is_none_or(|(_, b)| parsed.items.len() > b.items.len()) {
            best = Some((format, parsed));
        }
    }
    let (mut format, mut parsed) = best.unwrap_or((Format::List, Parsed::default()));
    let plain = plain::parse(&doc);
    if plain.items.len() > 2 * parsed.items.len() {
        (format, parsed) = (Format::Plain, plain);
    }
    Ok(Found { format, parsed, title })
}

/// `;` for European spreadsheets, else `,`: whichever the header row has more of.
fn csv_delimiter(text: &str) -> char {
    let first = text.lines().next().unwrap_or("");
    if first.matches(';').count() > first.matches(',').count() {
        ';'
    } else {
        ','
    }
}

/// The structured format a file is in, by extension or shape.
fn structured(name: &str, text: &str) -> Option<Format> {
    let ext = Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "csv" => return Some(Format::Csv),
        "tsv" | "tab" => return Some(Format::Tsv),
        _ => {}
    }
    if anki::has_header(text) {
        return Some(Format::Anki);
    }
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).take(200).collect();
    let first = lines.first()?;
    let tabbed = lines
        .iter()
        .filter(|l| l.contains('\t') && !l.trim_start().starts_with(['#', '-', '*']))
        .count();
    if tabbed * 5 >= lines.len() * 4 {
        let cells: Vec<String> = first.split('\t').map(str::to_string).collect();
        return Some(if table::header(&cells).is_some() {
            Format::Tsv
        } else {
            Format::Anki
        });
    }
    let delimiter = csv_delimiter(text);
    let cells = table::records(first, delimiter)
        .into_iter()
        .next()
        .map(|(_, c)| c)
        .unwrap_or_default();
    table::header(&cells)
        .filter(|c| c.answer.is_some() && cells.len() >= 2)
        .map(|_| Format::Csv)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format_of(name: &str, text: &str) -> Format {
        read(&SourceFile::new(name, text), None).unwrap().format
    }

    #[test]
    fn each_format_is_recognised() {
        let cases = [
            ("a.csv", "question,answer\nWhat?,That.\n", Format::Csv),
            ("a.txt", "Question;Answer\nWhat?;That.\n", Format::Csv),
            ("a.tsv", "What?\tThat.\n", Format::Tsv),
            ("a.txt", "question\tanswer\nWhat?\tThat.\n", Format::Tsv),
            ("a.txt", "What is X?\tX.\nWhat is Y?\tY.\n", Format::Anki),
            ("a.txt", "#separator:tab\nWhat?\tThat.\n", Format::Anki),
            ("a.md", "Q1: What is X?\nA: X.\n\nQ2: What is Y?\nA: Y.\n", Format::Qa),
            ("a.md", "1. What is X?\n2. What is Y?\n", Format::List),
            ("a.md", "## What is X?\nX.\n## What is Y?\nY.\n", Format::Headings),
            ("a.md", "<details><summary>What is X?</summary>X.</details>\n", Format::Details),
            ("a.txt", "What is X?\nX.\n\nWhat is Y?\nY.\n", Format::Plain),
            ("a.txt", "1. What is X?\n\nWhat is Y?\nY.\n", Format::List),
        ];
        for (name, text, format) in cases {
            assert_eq!(format_of(name, text), format, "{name}: {text:?}");
        }
    }

    #[test]
    fn forcing_a_format_reads_the_file_that_way() {
        let src = SourceFile::new("a.md", "## What is X?\n1. What is Y?\n");
        let found = read(&src, Some(Format::List)).unwrap();
        assert_eq!(found.parsed.items.len(), 1);
        assert_eq!(found.parsed.items[0].prompt, "What is Y?");
    }
}
