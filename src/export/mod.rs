//! Writing a [`Report`] for programs and people outside the terminal: JSON
//! for scripts, Markdown for notes and code-hosting sites.
//!
//! One file per format; each is a pure function from a report to text.

mod markdown;

use crate::report::Report;

pub use markdown::to_markdown;

/// A report format, chosen by flag or by an output file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For reading in a terminal.
    Text,
    /// For programs: the fields are documented in README.md.
    Json,
    /// For notes and code-hosting sites.
    Md,
}

impl Format {
    /// The format a file name asks for, if its extension names one.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "json" => Some(Format::Json),
            "md" | "markdown" => Some(Format::Md),
            "txt" => Some(Format::Text),
            _ => None,
        }
    }
}

/// Renders `report` in `format`.
pub fn render(report: &Report, format: Format) -> String {
    match format {
        Format::Text => report.to_terminal(),
        Format::Json => to_json(report),
        Format::Md => to_markdown(report),
    }
}

pub fn to_json(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(report).expect("a report always serialises");
    s.push('\n');
    s
}
