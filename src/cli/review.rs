//! `grill review [ID|last]`: rate the answers of a finished session against
//! the reference, on the same rating screen as a live `--self-grade`. The
//! ratings go to `history/ID.review.json` beside the session (which is
//! never rewritten), each saved as it is given; `grill run --answers F
//! --review` runs the same walk after grading.

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::Args;
use jiff::Timestamp;

use super::history::read_history;
use super::live::has_terminal;
use super::{Out, load_catalog, shell};
use grill::catalog::Catalog;
use grill::history::{History, SessionRecord, SessionReview, local_time};
use grill::layout::plural;
use grill::session::review::{Reviewed, review as walk_review};
use grill::session::terminal::{Display, TerminalPrompter};

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The session's id (or the start of it) from `grill history`, or `last`.
    #[arg(default_value = "last", add = shell::session_ids())]
    pub id: String,
    /// Read keys as whole lines (screen readers, logs): `c`, `p`, `n` or
    /// `1`-`4` then Enter.
    #[arg(long)]
    pub plain: bool,
}

/// The one line shown when a review is asked for without a terminal.
pub fn review_needs_terminal() -> String {
    "grill: a review needs a terminal; without one, put your own grade in the answer sheet under each [[answer]] (`self = 70`, `self = \"good\"` or `self_points = { \"POINT\" = \"covered\" }`) and run grill run --answers FILE".to_string()
}

pub fn review(dirs: &[std::path::PathBuf], args: &ReviewArgs, out: &mut Out) -> anyhow::Result<ExitCode> {
    let display = if args.plain { Display::Plain } else { Display::Bars };
    if !has_terminal(display) {
        eprintln!("{}", review_needs_terminal());
        return Ok(ExitCode::from(2));
    }
    let (history, listing) = read_history()?;
    let record = listing.find(&args.id)?;
    let catalog = load_catalog(dirs, vec![])?;
    let (done, reviewed) = walk(&catalog, &history, listing.review(&record.id), record, display)?;
    if done.offered > 0 {
        let mut text = format!(
            "Review of session {}: {} of {} rated this time",
            record.id,
            done.rated,
            plural(done.offered, "answer")
        );
        if let Some(summary) = reviewed.report.own.describe(reviewed.report.questions.len()) {
            text += &format!("; {summary}");
        }
        out.print(&format!("{text}.\nSee both grades: grill report {}\n", record.id))?;
    }
    Ok(if done.interrupted { ExitCode::from(130) } else { ExitCode::SUCCESS })
}

/// Walks `record`'s answers (with its `previous` review laid over them)
/// in the terminal, saving each rating to the session's review file as it
/// is given. Gives how it went and the session as now reviewed.
pub(super) fn walk(
    catalog: &Catalog,
    history: &History,
    previous: Option<&SessionReview>,
    record: &SessionRecord,
    display: Display,
) -> anyhow::Result<(Reviewed, SessionRecord)> {
    let mut reviewed = record.clone();
    if let Some(p) = previous {
        p.apply(&mut reviewed.report);
    }
    let interrupted = Arc::new(AtomicBool::new(false));
    let flag = interrupted.clone();
    // A signal outside a key read (a closed terminal, SIGTERM) ends the
    // review at the next key; a live interview may have set this already.
    let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
    eprintln!(
        "Reviewing session {} ({} · {} · {}).",
        record.id,
        record.report.title,
        record.report.level,
        local_time(record.finished)
    );
    if let Some(p) = previous {
        eprintln!(
            "This review supersedes your review of {}; answers you leave with Enter keep that rating.",
            local_time(p.reviewed)
        );
    }
    let mut review = SessionReview::new(&record.id, previous, Timestamp::now());
    let mut failed = false;
    let mut prompter = TerminalPrompter::new(display, interrupted);
    let done = walk_review(&mut reviewed.report, catalog, &mut prompter, &mut |i, report| {
        let q = &report.questions[i];
        review.record(i, &q.id, q.own.clone(), Timestamp::now());
        match history.save_review(&review) {
            Ok(_) => failed = false,
            Err(e) if !failed => {
                failed = true;
                eprintln!("warning: this rating is not saved: {e:#}");
            }
            Err(_) => {}
        }
    })?;
    drop(prompter);
    if done.offered == 0 {
        eprintln!("Nothing to rate: no question of session {} was answered.", record.id);
    }
    Ok((done, reviewed))
}
