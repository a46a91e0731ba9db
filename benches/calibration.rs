//! How well the grader's scores mean what they say, on the calibration
//! corpus (`tests/calibration/*.jsonl`, see `grill::calibration`): per kind
//! of answer the mean score and verdict counts, and issue 11's targets,
//! for the `tune` half and the `holdout` half side by side.
//!
//! ```sh
//! cargo bench --bench calibration                 # the table
//! cargo bench --bench calibration -- --show tune  # and every tune answer's grade
//! ```
//!
//! `--show` lists the tune half only: the holdout's answers stay unseen by
//! whoever tunes the grader, so its figures say how the grader does on
//! answers it was not fitted to.

use std::process::ExitCode;

use grill::calibration::{self, Corpus, Figures, Half};
use grill::catalog::Catalog;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let show = match args.iter().position(|a| a == "--show") {
        None => false,
        Some(i) if args.get(i + 1).map(String::as_str) == Some("tune") => true,
        Some(_) => {
            eprintln!("--show takes `tune` (the holdout half is never listed)");
            return ExitCode::FAILURE;
        }
    };
    let catalog = match Catalog::embedded() {
        Ok(c) => c,
        Err(d) => {
            eprintln!("{d}");
            return ExitCode::FAILURE;
        }
    };
    let corpus = match Corpus::load(&calibration::shipped_dir(), &catalog) {
        Ok(c) => c,
        Err(d) => {
            eprintln!("{d}");
            return ExitCode::FAILURE;
        }
    };
    let graded = calibration::grade_all(&corpus, &catalog);
    if show {
        println!("{:<16} {:<10} {:>6}  verdict", "id", "kind", "score");
        for g in graded.iter().filter(|g| g.half == Half::Tune) {
            println!(
                "{:<16} {:<10} {:>6.1}  {}",
                g.answer.id,
                g.answer.kind.as_str(),
                g.score,
                g.verdict.as_str()
            );
        }
        println!();
    }
    println!(
        "calibration corpus: {} answers written, {} graded with the generated ones; {:.0}% of false claims are role swaps\n",
        corpus.answers.len(),
        graded.len(),
        100.0 * corpus.swap_share()
    );
    let tune = Figures::of(&graded, Half::Tune);
    let holdout = Figures::of(&graded, Half::Holdout);
    print!("{}", calibration::metrics::table(&tune, &holdout));
    println!("\nS/A/W/M: verdicts strong/adequate/weak/missed; (n): questions or answers counted");
    ExitCode::SUCCESS
}
