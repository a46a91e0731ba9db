//! The `grill` binary: runs the CLI and maps its outcome to an exit code.
//! Exit codes: 0 done (and passed), 1 the interview was graded but not
//! passed, 2 a usage, input or configuration error.

use std::process::ExitCode;

fn main() -> ExitCode {
    match grill::cli::run(std::env::args_os()) {
        Ok(code) => code,
        Err(err) => grill::cli::report_error(&err),
    }
}
