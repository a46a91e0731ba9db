//! At home in a shell: tab completion (clap_complete's dynamic engine, so
//! it can offer scenario, question and session ids, which a static script
//! could not know) and the manual page (clap_mangen).
//!
//! Completion works by the shell calling `COMPLETE=<shell> grill -- <words>`
//! (see `main`); `grill completions <shell>` prints the few lines that
//! register that with the shell.

use std::io::Write as _;
use std::process::ExitCode;

use clap::CommandFactory as _;
use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};
use clap_complete::env::Shells;

use super::{Cli, Out};

/// The shells `grill completions` knows.
pub const SHELLS: [&str; 5] = ["bash", "zsh", "fish", "powershell", "elvish"];

/// The variable the shell sets to ask grill for completions.
pub const COMPLETE_VAR: &str = "COMPLETE";

/// The whole command line, for the completion engine and the manual.
pub fn command() -> clap::Command {
    Cli::command()
}

/// `grill completions SHELL`: the registration script for `SHELL`.
pub fn completions(shell: &str, out: &mut Out) -> anyhow::Result<ExitCode> {
    let shells = Shells::builtins();
    let completer = shells
        .completer(shell)
        .ok_or_else(|| anyhow::anyhow!("no completions for `{shell}`; choose one of {}", SHELLS.join(", ")))?;
    let mut script = Vec::new();
    completer.write_registration(COMPLETE_VAR, "grill", "grill", "grill", &mut script)?;
    out.print(&String::from_utf8_lossy(&script))?;
    Ok(ExitCode::SUCCESS)
}

/// `grill man`: one roff page with every command and its options.
pub fn man(out: &mut Out) -> anyhow::Result<ExitCode> {
    let mut cmd = command();
    cmd.build();
    let mut page = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut page)?;
    // The generated page points at one page per command (`grill-run(1)`);
    // grill ships one page, so each command follows in full here.
    let _ = writeln!(page, ".SH \"COMMANDS IN DETAIL\"");
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        command_section(sub, &mut page)?;
    }
    out.print(&String::from_utf8_lossy(&page))?;
    Ok(ExitCode::SUCCESS)
}

/// One command's synopsis, description and options as a subsection, then
/// its own commands (`grill banks check`).
fn command_section(cmd: &clap::Command, page: &mut Vec<u8>) -> std::io::Result<()> {
    let name = cmd.get_display_name().unwrap_or(cmd.get_name()).to_string();
    let _ = writeln!(page, ".SS \"{}\"", name.replace('"', ""));
    let man = clap_mangen::Man::new(cmd.clone());
    let mut part = Vec::new();
    man.render_synopsis_section(&mut part)?;
    if cmd.get_long_about().or(cmd.get_about()).is_some() {
        man.render_description_section(&mut part)?;
    }
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut part)?;
    }
    if cmd.get_after_long_help().is_some() || cmd.get_after_help().is_some() {
        man.render_extra_section(&mut part)?;
    }
    // Sections of the command become labelled paragraphs of its subsection.
    for line in String::from_utf8_lossy(&part).lines() {
        match line.strip_prefix(".SH ") {
            Some(heading) => {
                let _ = writeln!(page, ".TP\n.B {}", heading.trim_matches('"'));
            }
            None => {
                let _ = writeln!(page, "{line}");
            }
        }
    }
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        command_section(sub, page)?;
    }
    Ok(())
}

/// Scenario ids, from the built-in banks and the candidate's own.
pub fn scenario_ids() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        catalog()
            .map(|c| {
                c.scenarios
                    .iter()
                    .map(|s| CompletionCandidate::new(&s.id).help(Some(s.title.clone().into())))
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// The levels an interview is sat at.
pub fn levels() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        grill::bank::Level::ALL
            .iter()
            .map(|l| CompletionCandidate::new(l.as_str()))
            .collect()
    })
}

/// Question ids (and bank ids, for `banks show`).
pub fn question_ids() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        catalog()
            .map(|c| {
                let banks = c.banks.iter().map(|b| CompletionCandidate::new(&b.id));
                let questions = c.questions().map(|q| CompletionCandidate::new(&q.id));
                banks.chain(questions).collect()
            })
            .unwrap_or_default()
    })
}

/// Ids of the sessions in history, newest first, and `last`.
pub fn session_ids() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        let mut ids = vec![CompletionCandidate::new("last")];
        if let Ok(listing) = grill::history::History::from_env().list() {
            ids.extend(
                listing
                    .sessions
                    .iter()
                    .rev()
                    .map(|s| CompletionCandidate::new(&s.id).help(Some(format!("{} · {}", s.report.scenario, s.report.level).into()))),
            );
        }
        ids
    })
}

/// The catalog as the command would load it (built-in, config directory,
/// `GRILL_BANKS`), or `None` when it cannot be read: completion stays quiet.
fn catalog() -> Option<grill::catalog::Catalog> {
    let dirs: Vec<std::path::PathBuf> = std::env::var_os("GRILL_BANKS")
        .map(|v| std::env::split_paths(&v).filter(|p| !p.as_os_str().is_empty()).collect())
        .unwrap_or_default();
    super::load_catalog(&dirs, Vec::new()).ok()
}
