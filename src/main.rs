//! The `grill` binary: runs the CLI and maps its outcome to an exit code.
//! Exit codes: 0 done (and passed), 1 the interview was graded but not
//! passed, 2 a usage, input or configuration error.

use std::process::ExitCode;

mod cli;

fn main() -> ExitCode {
    match cli::run(std::env::args_os()) {
        Ok(code) => code,
        Err(err) => cli::report_error(&err),
    }
}
