//! `grill history` (list, delete, export, import) and `grill progress`:
//! looking back at saved sessions. Files in history that cannot be read
//! are named in a warning every time history is read, and left alone.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use anyhow::bail;
use serde::Serialize;

use super::{HistoryArgs, HistoryCommand, Out, ProgressArgs, SessionFilter};
use grill::bank::Level;
use grill::history::{History, Kind, Listing, SessionRecord, Source, bundle, local_time};
use grill::layout::{Column, table};
use grill::layout::{mmss, plural};
use grill::progress::progress as compute_progress;

/// Warns about each history file that was skipped.
pub(super) fn warn_problems(listing: &Listing) {
    for p in &listing.problems {
        eprintln!("warning: {p}");
    }
}

/// History from the environment, read, its problems warned about.
pub(super) fn read_history() -> anyhow::Result<(History, Listing)> {
    let history = History::from_env();
    let listing = history.list()?;
    warn_problems(&listing);
    Ok((history, listing))
}

fn matches(s: &SessionRecord, filter: &SessionFilter) -> bool {
    filter.scenario.as_ref().is_none_or(|id| &s.report.scenario == id) && filter.level.is_none_or(|l| s.report.level == l)
}

/// One line of `grill history --json`.
#[derive(Serialize)]
struct Summary<'a> {
    id: &'a str,
    kind: Kind,
    source: Source,
    started: jiff::Timestamp,
    finished: jiff::Timestamp,
    scenario: &'a str,
    title: &'a str,
    level: Level,
    score: f64,
    pass_mark: Option<u32>,
    passed: bool,
    seconds: Option<u32>,
    budget_seconds: u32,
    questions: usize,
    answered: usize,
    skipped: usize,
    /// The candidate's own grade over the questions they rated (`self_rated`).
    self_score: Option<f64>,
    self_rated: usize,
    /// When the session was last reviewed (`grill review`).
    reviewed: Option<jiff::Timestamp>,
}

pub fn history(args: &HistoryArgs, out: &mut Out) -> anyhow::Result<ExitCode> {
    match &args.command {
        None => list(args, out),
        Some(HistoryCommand::Delete { id }) => delete(id),
        Some(HistoryCommand::Export { file, force }) => export(file, *force, out),
        Some(HistoryCommand::Import { file }) => import(file),
    }
}

fn list(args: &HistoryArgs, out: &mut Out) -> anyhow::Result<ExitCode> {
    let (history, listing) = read_history()?;
    let shown: Vec<&SessionRecord> = listing.sessions.iter().filter(|s| matches(s, &args.filter)).collect();
    if args.json {
        let rows: Vec<Summary> = shown
            .iter()
            .map(|s| {
                let r = &s.report;
                Summary {
                    id: &s.id,
                    kind: s.kind,
                    source: s.source,
                    started: s.started,
                    finished: s.finished,
                    scenario: &r.scenario,
                    title: &r.title,
                    level: r.level,
                    score: r.score,
                    pass_mark: r.pass_mark,
                    passed: r.passed,
                    seconds: r.seconds,
                    budget_seconds: r.budget_seconds,
                    questions: r.questions.len(),
                    answered: r.answered,
                    skipped: r.skipped,
                    self_score: r.own.self_score,
                    self_rated: r.own.self_rated,
                    reviewed: listing.review(&s.id).map(|v| v.reviewed),
                }
            })
            .collect();
        out.print(&(serde_json::to_string_pretty(&rows)? + "\n"))?;
        return Ok(ExitCode::SUCCESS);
    }
    if shown.is_empty() {
        let what = if listing.sessions.is_empty() {
            "No sessions in history yet"
        } else {
            "No session matches"
        };
        out.print(&format!(
            "{what} ({}).\nEach session is saved when it ends: grill run --answers FILE\n",
            history.dir().display()
        ))?;
        return Ok(ExitCode::SUCCESS);
    }
    // Ids, dates and scores stay whole; kind, time, the result (the score
    // says most of it) and the level go first on a narrow terminal, and the
    // scenario is cut before it goes.
    let spec = [
        Column::kept("ID"),
        Column::kept("Date"),
        Column::kept("Scenario").cut(8).dropped(5),
        Column::kept("Level").dropped(4),
        Column::kept("Kind").dropped(1),
        Column::kept("Score").right(),
        Column::kept("Result").dropped(3),
        Column::kept("Time").right().dropped(2),
    ];
    let rows: Vec<Vec<String>> = shown
        .iter()
        .map(|s| {
            let r = &s.report;
            vec![
                s.id.clone(),
                local_time(s.finished),
                r.scenario.clone(),
                r.level.as_str().to_string(),
                s.kind.as_str().to_string(),
                format!("{:.1}", r.score),
                result(r),
                s.time_taken().map(mmss).unwrap_or_else(|| "—".into()),
            ]
        })
        .collect();
    let columns = out.columns();
    let mut o = table(&spec, &rows, columns);
    let count = format!("{} of {}", shown.len(), plural(listing.sessions.len(), "session"));
    let hint = "grill report ID --format html -o report.html";
    if count.len() + 3 + hint.len() <= columns {
        let _ = writeln!(o, "\n{count} · {hint}");
    } else {
        let _ = writeln!(o, "\n{count}\n{hint}");
    }
    out.page(&o)?;
    Ok(ExitCode::SUCCESS)
}

/// The Result column: passed or not, or for a placement the level placed.
fn result(r: &grill::report::Report) -> String {
    match &r.placement {
        Some(p) if p.confident => format!("placed {}", p.level.label()),
        Some(p) => format!("likely {}", p.level.label()),
        None if r.passed => "passed".into(),
        None => "not passed".into(),
    }
}

fn delete(id: &str) -> anyhow::Result<ExitCode> {
    let (history, listing) = read_history()?;
    if let Some(p) = listing.problems.iter().find(|p| p.path.file_stem().is_some_and(|s| s == id)) {
        bail!(
            "{} cannot be read ({}); grill leaves such files alone: delete it yourself if you no longer want it",
            p.path.display(),
            p.reason
        );
    }
    let gone = history.delete(id)?;
    eprintln!(
        "Deleted session {} ({} at {} level, {}, score {:.1}).",
        gone.id,
        gone.report.scenario,
        gone.report.level,
        local_time(gone.finished),
        gone.report.score
    );
    Ok(ExitCode::SUCCESS)
}

fn export(file: &Path, force: bool, out: &mut Out) -> anyhow::Result<ExitCode> {
    // Sessions as saved, their reviews beside them.
    let listing = History::from_env().list_unreviewed()?;
    warn_problems(&listing);
    let text = bundle(&listing, jiff::Timestamp::now());
    let n = listing.sessions.len();
    if file == Path::new("-") {
        out.print(&text)?;
    } else {
        grill::atomic::write_output(file, &text, grill::atomic::Existing::from_force(force))?;
        eprintln!(
            "Exported {} to {}. On the other machine: grill history import {}",
            plural(n, "session"),
            file.display(),
            file.display()
        );
    }
    if !listing.problems.is_empty() {
        eprintln!(
            "warning: {} not exported (see above)",
            plural(listing.problems.len(), "unreadable file")
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn import(file: &Path) -> anyhow::Result<ExitCode> {
    let name = if file == Path::new("-") {
        "<stdin>".to_string()
    } else {
        file.display().to_string()
    };
    let bytes = grill::input::read_path_or_stdin(file)?;
    let text = String::from_utf8(bytes).map_err(|_| anyhow::anyhow!("{name} is not UTF-8 text; a history export is JSON"))?;
    let (history, _) = read_history()?;
    let done = history.import(&text, &name)?;
    for r in &done.rejected {
        eprintln!("warning: not imported: {r}");
    }
    eprintln!(
        "Imported {} into {}; {} already there.",
        plural(done.added.len(), "session"),
        history.dir().display(),
        done.present.len()
    );
    if !done.reviews.is_empty() {
        eprintln!("Imported {} of your own grades.", plural(done.reviews.len(), "review"));
    }
    if done.rejected.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        bail!(
            "{} in {name} could not be imported (see the warnings above)",
            plural(done.rejected.len(), "session")
        )
    }
}

pub fn progress(args: &ProgressArgs, out: &mut Out) -> anyhow::Result<ExitCode> {
    let (_, listing) = read_history()?;
    let sessions: Vec<SessionRecord> = listing.sessions.into_iter().filter(|s| matches(s, &args.filter)).collect();
    let p = compute_progress(&sessions);
    if args.json {
        out.print(&(serde_json::to_string_pretty(&p)? + "\n"))?;
    } else {
        out.print(&grill::export::text::progress(&p, out.colour(), out.columns()))?;
    }
    Ok(ExitCode::SUCCESS)
}
