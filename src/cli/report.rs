//! `grill report`: a past session's report in any format — and
//! [`finish_report`], what every way of sitting a session (answer sheet,
//! live, resumed, drill) does at the end: save it to history, write the
//! `--export` file and print the report.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;

use super::history::{read_history, warn_problems};
use super::{Out, ReportArgs};
use grill::atomic::Existing;
use grill::export::{Colour, Context, Format, render_in};
use grill::history::{History, Listing, SessionRecord, local_time};

/// The format `path`'s extension names, or an error saying which do.
pub(crate) fn format_of(path: &Path) -> anyhow::Result<Format> {
    Format::from_path(path).with_context(|| {
        format!(
            "cannot tell the format of {} from its extension; use .html, .md, .json or .txt",
            path.display()
        )
    })
}

/// Ends a session, however it was sat (answer sheet, live, resumed):
/// prints the report's warnings, saves the session to history (unless
/// `save` is false, or the same result is there already), writes `export`
/// (format from its extension), prints the report in `format` and picks
/// the exit code: 0 passed (or a placement), 1 not. Failing to save is a warning, not an
/// error: the report is still shown.
pub(crate) fn finish_report(
    record: &SessionRecord,
    save: bool,
    format: Format,
    export: Option<&Path>,
    out: &mut Out,
) -> anyhow::Result<ExitCode> {
    finish_report_then(record, save, format, export, out, None)
}

/// What runs on a session once it is in history, before its report is
/// written and printed (`run --answers F --review`): it gives the session
/// as the report should show it.
pub(crate) type AfterSave<'a> = &'a mut dyn FnMut(&SessionRecord, &Listing) -> anyhow::Result<SessionRecord>;

/// [`finish_report`], running `after_save` on the saved session first.
pub(crate) fn finish_report_then(
    record: &SessionRecord,
    save: bool,
    format: Format,
    export: Option<&Path>,
    out: &mut Out,
    after_save: Option<AfterSave<'_>>,
) -> anyhow::Result<ExitCode> {
    let export_format = export.map(format_of).transpose()?;
    for w in &record.report.warnings {
        eprintln!("warning: {w}");
    }
    let history = History::from_env();
    let listing = match history.list() {
        Ok(listing) => {
            warn_problems(&listing);
            listing
        }
        Err(e) => {
            eprintln!("warning: {e:#}");
            Listing::default()
        }
    };
    let mut shown = record;
    let mut saved = false;
    if save {
        // Grading the same sheet again is not a new session.
        if let Some(same) = listing.sessions.iter().find(|s| s.report == record.report && s.kind == record.kind) {
            eprintln!("note: this result is already in history as {} (not saved again)", same.id);
            shown = same;
            saved = true;
        } else {
            match history.save(record) {
                Ok(_) => {
                    eprintln!("Saved to history as {} (grill history, grill report {}).", record.id, record.id);
                    saved = true;
                }
                Err(e) => eprintln!(
                    "warning: the session is not saved to history: {e:#}\n  free space or fix the folder's permissions (GRILL_HOME chooses where grill keeps its data), or keep this report with --export FILE.json"
                ),
            }
        }
    }
    let after;
    match after_save {
        Some(f) if saved => {
            after = f(shown, &listing)?;
            shown = &after;
        }
        Some(_) => eprintln!("warning: a review needs the session saved in history; it was skipped"),
        None => {}
    }
    let record = shown;
    let context = Context::from_history(shown, saved, &listing.sessions);
    if let (Some(path), Some(file_format)) = (export, export_format) {
        grill::atomic::write(path, &render_in(&record.report, file_format, &context, Colour::Off))?;
        eprintln!("Report written to {}", path.display());
    }
    let shown = Context {
        columns: Some(out.columns()),
        ..context
    };
    out.page(&render_in(&record.report, format, &shown, out.colour()))?;
    // A placement names a level: it has nothing to fail.
    Ok(if record.report.passed || record.kind == grill::history::Kind::Placement {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

pub fn report(args: &ReportArgs, out: &mut Out) -> anyhow::Result<ExitCode> {
    let format = match (args.format, &args.output) {
        (Some(format), _) => format.into(),
        (None, Some(path)) => format_of(path)?,
        (None, None) => Format::Text,
    };
    let (_, listing) = read_history()?;
    let record = listing.find(&args.id)?;
    let mut context = Context::from_history(record, true, &listing.sessions);
    // Styled and fitted only for a terminal: a file gets plain text, 80 wide.
    let colour = if args.output.is_some() { Colour::Off } else { out.colour() };
    if args.output.is_none() {
        context.columns = Some(out.columns());
    }
    let mut text = render_in(&record.report, format, &context, colour);
    if format == Format::Text {
        text = format!(
            "Session {} · {} · {}\n\n{text}",
            record.id,
            record.kind.as_str(),
            local_time(record.finished)
        );
    }
    match &args.output {
        Some(path) => {
            grill::atomic::write_output(path, &text, Existing::from_force(args.force))?;
            eprintln!("Report of session {} written to {}", record.id, path.display());
        }
        None => out.page(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}
