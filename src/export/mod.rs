//! Writing a [`Report`] for programs and people outside the terminal: JSON
//! for scripts, Markdown for notes and code-hosting sites, HTML for a
//! browser or paper.
//!
//! One file per format; each is a pure function from a report and its
//! [`Context`] (the saved session it belongs to, earlier scores) to text.
//! [`Context::from_history`] gathers that context from history.

mod chart;
mod html;
mod markdown;
pub mod placement;
pub mod text;

use serde::Serialize;

use crate::history::{SessionInfo, SessionRecord, local_time};
use crate::report::Report;

pub use html::to_html;
pub use markdown::to_markdown;
pub use text::Colour;

/// A report format, chosen by flag or by an output file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// For reading in a terminal.
    Text,
    /// For programs: the fields are documented in README.md.
    Json,
    /// For notes and code-hosting sites.
    Md,
    /// One self-contained page with charts, to open offline or print.
    Html,
}

impl Format {
    /// The format a file name asks for, if its extension names one.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "json" => Some(Format::Json),
            "md" | "markdown" => Some(Format::Md),
            "html" | "htm" => Some(Format::Html),
            "txt" => Some(Format::Text),
            _ => None,
        }
    }
}

/// What a report shows beyond its own results.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Context {
    /// The saved session the report belongs to (none with `--no-save`).
    pub session: Option<SessionInfo>,
    /// When the session finished, as people read it (local time).
    pub date: Option<String>,
    /// Scores of sessions like this one (same scenario, level and kind),
    /// oldest first, this one included.
    pub trend: Vec<TrendPoint>,
    /// Columns the text report is laid out for: the terminal's or
    /// `$COLUMNS` when shown; `None` (80) for files and pipes.
    pub columns: Option<usize>,
}

/// One session's score on a score-over-time chart.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendPoint {
    /// When it finished, as people read it.
    pub date: String,
    pub score: f64,
    /// The session the report is about.
    pub current: bool,
}

impl Context {
    /// The context of `record` among `sessions` (history, oldest first; the
    /// record itself may or may not be among them).
    pub fn from_history(record: &SessionRecord, saved: bool, sessions: &[SessionRecord]) -> Context {
        let mut like: Vec<&SessionRecord> = sessions
            .iter()
            .filter(|s| s.id != record.id && s.is_like(&record.report.scenario, record.report.level, record.kind))
            .collect();
        like.push(record);
        like.sort_by_key(|s| s.finished);
        Context {
            session: saved.then(|| record.info()),
            date: Some(local_time(record.finished)),
            trend: like
                .into_iter()
                .map(|s| TrendPoint {
                    date: local_time(s.finished),
                    // A placement's trend is of its ability estimates.
                    score: s.report.placement.as_ref().map_or(s.report.score, |p| p.ability),
                    current: s.id == record.id,
                })
                .collect(),
            columns: None,
        }
    }
}

/// Renders `report` in `format`, outside any saved session, unstyled.
pub fn render(report: &Report, format: Format) -> String {
    render_in(report, format, &Context::default(), Colour::Off)
}

/// Renders `report` in `format` with what `context` knows; `colour` styles
/// the text format (the others never hold terminal styling).
pub fn render_in(report: &Report, format: Format, context: &Context, colour: Colour) -> String {
    match format {
        Format::Text => text::report(report, colour, context.columns.unwrap_or(crate::layout::DEFAULT_WIDTH)),
        Format::Json => to_json(report, context),
        Format::Md => to_markdown(report, context),
        Format::Html => to_html(report, context),
    }
}

/// The JSON report: the report's own fields, then `session` (null when
/// the session was not saved). Documented in docs/report.schema.json.
#[derive(Serialize)]
struct JsonReport<'a> {
    #[serde(flatten)]
    report: &'a Report,
    session: Option<&'a SessionInfo>,
}

pub fn to_json(report: &Report, context: &Context) -> String {
    let doc = JsonReport {
        report,
        session: context.session.as_ref(),
    };
    let mut s = serde_json::to_string_pretty(&doc).expect("a report always serialises");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use serde_json::Value;

    use super::*;
    use crate::bank::Level;
    use crate::fixtures::record;
    use crate::grade::{MatchKind, PointDetail, Status, TermMatch, Verdict};

    const SCHEMA: &str = include_str!("../../docs/report.schema.json");

    fn keys(v: &Value) -> BTreeSet<String> {
        v.as_object().unwrap().keys().cloned().collect()
    }

    /// The documented schema names exactly the fields written, and all are required.
    #[test]
    fn the_json_report_matches_its_documented_schema() {
        let schema: Value = serde_json::from_str(SCHEMA).unwrap();
        let mut r = record("s", Level::Mid, "2026-11-20T10:00:00Z", &[("q1", "cost", 50.0)]);
        r.report.questions[0].details = vec![PointDetail {
            point: "kubernetes".into(),
            status: Status::Covered,
            matched: vec![TermMatch {
                word: "k8s".into(),
                term: "kubernetes".into(),
                kind: MatchKind::Alias,
            }],
            source: None,
            negated: None,
        }];
        let saved = Context::from_history(&r, true, &[]);
        let mut placed = r.report.clone();
        placed.placement = Some(crate::fixtures::placement());
        let placed_doc: Value = serde_json::from_str(&to_json(&placed, &Context::default())).unwrap();
        let placement = &schema["properties"]["placement"]["oneOf"][1];
        for (written, documented) in [
            (&placed_doc["placement"], placement),
            (
                &placed_doc["placement"]["questions"][0],
                &placement["properties"]["questions"]["items"],
            ),
        ] {
            assert_eq!(keys(written), keys(&documented["properties"]), "{written}");
        }
        for context in [saved, Context::default()] {
            let doc: Value = serde_json::from_str(&to_json(&r.report, &context)).unwrap();
            let session = &schema["properties"]["session"]["oneOf"][1];
            let question = &schema["properties"]["questions"]["items"];
            let detail = &question["properties"]["details"]["items"];
            for (written, documented) in [
                (&doc, &schema),
                (&doc["questions"][0], question),
                (&doc["questions"][0]["details"][0], detail),
                (
                    &doc["questions"][0]["details"][0]["matched"][0],
                    &detail["properties"]["matched"]["items"],
                ),
                (&doc["topics"][0], &schema["properties"]["topics"]["items"]),
                (&doc["session"], session),
                (&doc["depth"], &schema["properties"]["depth"]["oneOf"][1]),
            ] {
                if written.is_null() {
                    continue;
                }
                let required: BTreeSet<String> = documented["required"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|k| k.as_str().unwrap().to_string())
                    .collect();
                assert_eq!(keys(written), keys(&documented["properties"]), "{written}");
                assert_eq!(keys(written), required);
            }
            assert_eq!(doc["version"], schema["properties"]["version"]["const"]);
            let verdicts = question["properties"]["verdict"]["enum"].as_array().unwrap();
            for v in [Verdict::Strong, Verdict::Adequate, Verdict::Weak, Verdict::Missed, Verdict::Skipped] {
                assert!(verdicts.contains(&Value::from(v.as_str())), "{v:?}");
            }
        }
    }

    #[test]
    fn formats_come_from_extensions() {
        for (name, format) in [
            ("r.html", Some(Format::Html)),
            ("r.HTM", Some(Format::Html)),
            ("r.md", Some(Format::Md)),
            ("r.json", Some(Format::Json)),
            ("r.txt", Some(Format::Text)),
            ("r.pdf", None),
            ("r", None),
        ] {
            assert_eq!(Format::from_path(std::path::Path::new(name)), format, "{name}");
        }
    }
}
