//! The `grill` binary: runs the CLI and maps its outcome to an exit code.
//! Exit codes: 0 done (and passed), 1 the interview was graded but not
//! passed, 2 a usage, input or configuration error.

use std::process::ExitCode;

mod cli;

fn main() -> ExitCode {
    // A shell asking for completions (`COMPLETE=bash grill -- ...`) is
    // answered here, before anything else is printed, and the process ends.
    clap_complete::CompleteEnv::with_factory(cli::shell::command)
        .var(cli::shell::COMPLETE_VAR)
        .complete();
    match cli::run(std::env::args_os()) {
        Ok(code) => code,
        Err(err) => cli::report_error(&err),
    }
}
