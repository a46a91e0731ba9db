//! `grill run` without an answer file, `grill resume`, and a bare `grill`:
//! the live interview in a terminal.

use std::io::IsTerminal as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context as _, bail};
use jiff::Timestamp;

use super::choose::{DEFAULT_SCENARIO, recently_asked};
use super::report::finish_report;
use super::{Out, ResumeArgs, RunArgs, load_catalog};
use grill::catalog::Catalog;
use grill::history::{Kind, SessionRecord, Source};
use grill::layout::mmss;
use grill::paths::data_dir;
use grill::session::terminal::{Display, TerminalPrompter};
use grill::session::{self, Ending, Feedback, Progress, Store, SystemClock};

/// The one line shown when a live interview is asked for without a terminal.
pub fn needs_terminal() -> String {
    format!(
        "grill: a live interview needs a terminal; without one, answer from a file: grill sheet {DEFAULT_SCENARIO} --level junior -o answers.toml, then grill run --answers answers.toml"
    )
}

/// The one line shown when rating answers is asked for without a terminal.
pub fn rating_needs_terminal() -> String {
    "grill: rating your answers needs a terminal; without one, put your own grade in the answer sheet under each [[answer]] (`self = 70`, `self = \"good\"` or `self_points = { \"POINT\" = \"covered\" }`) and run grill run --answers FILE".to_string()
}

pub(super) fn has_terminal(display: Display) -> bool {
    std::io::stdin().is_terminal() && (display == Display::Plain || std::io::stderr().is_terminal())
}

/// How the live interview looks and reports.
pub struct LiveOptions {
    pub display: Display,
    pub feedback: Feedback,
    pub export: Option<PathBuf>,
    pub format: grill::export::Format,
    /// Save the finished session to history.
    pub save: bool,
    /// Rate each answer against the reference (`--self-grade`).
    pub self_grade: bool,
}

impl LiveOptions {
    pub fn from_run(args: &RunArgs) -> LiveOptions {
        LiveOptions {
            display: if args.plain { Display::Plain } else { Display::Bars },
            feedback: args.feedback.map(Into::into).unwrap_or_default(),
            export: args.export.clone(),
            format: args.format.into(),
            save: !args.no_save,
            self_grade: args.self_grade,
        }
    }
}

/// Starts a new live interview for a planned session.
pub fn start(catalog: &Catalog, plan: grill::plan::Plan, options: &LiveOptions, out: &mut Out) -> anyhow::Result<ExitCode> {
    begin(catalog, Progress::new(plan, options.feedback), options, out)
}

fn begin(catalog: &Catalog, mut progress: Progress, options: &LiveOptions, out: &mut Out) -> anyhow::Result<ExitCode> {
    if !has_terminal(options.display) {
        eprintln!(
            "{}",
            if options.self_grade {
                rating_needs_terminal()
            } else {
                needs_terminal()
            }
        );
        return Ok(ExitCode::from(2));
    }
    progress.self_grade = options.self_grade;
    drive(catalog, progress, options, out)
}

/// Starts a new live placement over its (empty) plan.
pub fn start_placement(
    catalog: &Catalog,
    plan: grill::plan::Plan,
    limits: grill::placement::Limits,
    options: &LiveOptions,
    out: &mut Out,
) -> anyhow::Result<ExitCode> {
    begin(catalog, Progress::placement(plan, options.feedback, limits), options, out)
}

/// A bare `grill`: the start menu in a terminal, otherwise how to start.
pub fn menu(dirs: &[PathBuf], out: &mut Out) -> anyhow::Result<ExitCode> {
    if !has_terminal(Display::Bars) {
        eprintln!("{}", needs_terminal());
        return Ok(ExitCode::from(2));
    }
    let catalog = load_catalog(dirs, vec![])?;
    let choice = match session::menu::choose(&catalog, DEFAULT_SCENARIO) {
        Ok(Some(choice)) => choice,
        Ok(None) => return Ok(ExitCode::SUCCESS),
        Err(dialoguer::Error::IO(e)) if e.kind() == std::io::ErrorKind::Interrupted => return Ok(ExitCode::from(130)),
        Err(e) => return Err(e).context("the start menu failed"),
    };
    let seed = u64::from(rand::random::<u32>());
    let mut options = LiveOptions {
        display: Display::Bars,
        feedback: Feedback::End,
        export: None,
        format: grill::export::Format::Text,
        save: true,
        self_grade: false,
    };
    let (scenario, level) = match choice {
        session::menu::Choice::Interview(scenario, level) => (scenario, level),
        session::menu::Choice::Placement(scenario) => {
            let s = catalog.scenario(&scenario).expect("chosen from the catalog");
            let limits = grill::placement::Limits::default();
            let pool = grill::placement::pool(&catalog, s);
            let plan = grill::placement::interview::plan(s, &pool, seed, None, limits)?;
            return start_placement(&catalog, plan, limits, &options, out);
        }
    };
    options.self_grade = match session::menu::choose_grading() {
        Ok(Some(grading)) => grading == session::menu::Grading::SelfGrade,
        Ok(None) => return Ok(ExitCode::SUCCESS),
        Err(dialoguer::Error::IO(e)) if e.kind() == std::io::ErrorKind::Interrupted => return Ok(ExitCode::from(130)),
        Err(e) => return Err(e).context("the start menu failed"),
    };
    let s = catalog.scenario(&scenario).expect("chosen from the catalog");
    let plan = grill::plan::plan_avoiding(
        &catalog,
        s,
        level,
        grill::plan::PlanOptions {
            seed,
            ..Default::default()
        },
        &recently_asked(&catalog, s, level, None),
    )?;
    start(&catalog, plan, &options, out)
}

/// `grill resume [ID] [--list]`.
pub fn resume(dirs: &[PathBuf], args: &ResumeArgs, out: &mut Out) -> anyhow::Result<ExitCode> {
    let store = Store::new(&data_dir());
    let (unfinished, problems) = store.unfinished();
    for p in &problems {
        eprintln!("warning: {p}");
    }
    if args.list {
        let mut text = String::new();
        let columns = out.columns();
        for p in &unfinished {
            let about = match p.placement {
                Some(limits) => format!(
                    "{} (placement) · question {} of up to {} · {} used",
                    p.plan.title,
                    p.next + 1,
                    limits.max,
                    mmss((p.elapsed_ms / 1000) as u32)
                ),
                None => format!(
                    "{} ({}) · question {} of {} · {} used",
                    p.plan.title,
                    p.plan.level,
                    p.next + 1,
                    p.plan.questions.len(),
                    mmss((p.elapsed_ms / 1000) as u32)
                ),
            };
            // The id is copied into `grill resume ID`: never split; the rest
            // goes under it when the line would not fit.
            let line = format!("{}  {about}", p.id);
            if grill::layout::width(&line) <= columns {
                text += &format!("{line}\n");
            } else {
                text += &format!("{}\n{}\n", p.id, grill::layout::wrap(&about, columns, "  "));
            }
        }
        if unfinished.is_empty() {
            text = "No unfinished interviews.\n".into();
        }
        out.print(&text)?;
        return Ok(ExitCode::SUCCESS);
    }
    let progress = match &args.id {
        Some(id) => store.load(id)?,
        None => unfinished
            .into_iter()
            .next()
            .context("no unfinished interview to resume; start one with `grill run`")?,
    };
    if progress.finished {
        bail!("session {} is already finished", progress.id);
    }
    let catalog = load_catalog(dirs, vec![])?;
    let options = LiveOptions {
        display: if args.plain { Display::Plain } else { Display::Bars },
        feedback: progress.feedback,
        export: args.export.clone(),
        format: grill::export::Format::Text,
        save: !args.no_save,
        self_grade: progress.self_grade,
    };
    if !has_terminal(options.display) {
        eprintln!("{}", needs_terminal());
        return Ok(ExitCode::from(2));
    }
    drive(&catalog, progress, &options, out)
}

/// Runs the live loop to its end, saving as it goes, and reports.
fn drive(catalog: &Catalog, mut progress: Progress, options: &LiveOptions, out: &mut Out) -> anyhow::Result<ExitCode> {
    let interrupted = Arc::new(AtomicBool::new(false));
    let flag = interrupted.clone();
    // Ctrl-C outside a key read, a closed terminal (SIGHUP) or SIGTERM: stop
    // at the next tick and save, instead of dying with the answer unsaved.
    let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
    let store = Store::new(&data_dir());
    let grader = catalog.grader();
    let mut prompter = TerminalPrompter::new(options.display, interrupted);
    let clock = SystemClock::new();
    let ending = session::run(&mut progress, catalog, &grader, &mut prompter, &clock, &mut |p| store.save(p))?;
    drop(prompter);
    match ending {
        Ending::Finished(report) => {
            if let Err(e) = store.save(&progress) {
                eprintln!("warning: cannot save the finished session: {e:#}");
            }
            let started = progress.started_at.parse().unwrap_or_else(|_| Timestamp::now());
            let kind = if progress.placement.is_some() {
                Kind::Placement
            } else {
                Kind::Interview
            };
            let record = SessionRecord::new(&progress.plan, *report, kind, Source::Live, started, Timestamp::now());
            finish_report(&record, options.save, options.format, options.export.as_deref(), out)
        }
        Ending::Quit if !progress.briefed => {
            // Left at the briefing: there is nothing to resume.
            let _ = store.remove(&progress.id);
            eprintln!("\nLeft before the first question; nothing was saved.");
            Ok(ExitCode::SUCCESS)
        }
        Ending::Quit => {
            eprintln!(
                "\nSaved after {} of {} questions. Continue with: grill resume {}",
                progress.next,
                progress.plan.questions.len(),
                progress.id
            );
            Ok(ExitCode::SUCCESS)
        }
        Ending::Interrupted => {
            eprintln!(
                "\nInterrupted — your answers are saved. Continue with: grill resume {}",
                progress.id
            );
            Ok(ExitCode::from(130))
        }
    }
}
