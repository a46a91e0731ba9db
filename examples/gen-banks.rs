//! Writes a directory of synthetic but valid banks, for measuring how grill
//! loads and checks large collections:
//!
//!     cargo run --release --example gen-banks -- DIR [QUESTIONS] [PER_BANK]
//!
//! Defaults: 100,000 questions, 1,000 per bank file (~107 MB). Output is
//! deterministic; see `grill::bank::synthetic` for the shape.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: gen-banks DIR [QUESTIONS] [PER_BANK]");
        return ExitCode::from(2);
    };
    let number = |arg: Option<String>, default: usize, what: &str| match arg {
        None => Some(default),
        Some(a) => a
            .parse()
            .map_err(|_| eprintln!("error: {what} must be a whole number, not `{a}`"))
            .ok(),
    };
    let (Some(total), Some(per_bank)) = (number(args.next(), 100_000, "QUESTIONS"), number(args.next(), 1_000, "PER_BANK")) else {
        return ExitCode::from(2);
    };
    match grill::bank::synthetic::write_dir(&dir, total, per_bank) {
        Ok(files) => {
            eprintln!("wrote {total} questions in {files} bank files to {}", dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write to {}: {e}", dir.display());
            ExitCode::from(2)
        }
    }
}
