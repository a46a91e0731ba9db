//! The grader against human judgement, and how fast it is: grades every
//! answer of the Mohler et al. (2011) short-answer data set from its
//! reference answer alone (question given, no key points) and prints
//! Pearson r, Spearman ρ and RMSE against the average human grade, and
//! answers graded per second on one thread.
//!
//! ```sh
//! cargo bench --bench grader                      # ../shared/data/mohler/mohler.jsonl
//! cargo bench --bench grader -- PATH/mohler.jsonl # or GRILL_MOHLER=PATH
//! ```
//!
//! The grader is built exactly as `grill grade --batch` builds it for free
//! references, so the figures can be cross-checked with predictions written
//! by the CLI. The data set is not part of grill (see `where_to_get_it`).

use std::collections::HashMap;
use std::hint::black_box;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use grill::batch::reference_grader;
use grill::catalog::Catalog;
use grill::grade::agreement::Agreement;
use grill::grade::{Prepared, Rubric};

/// The human grades run from 0 to this.
const MAX_GRADE: f64 = 5.0;
/// Time the grading passes for at least this long, to steady the figure.
const TIMED_FOR: Duration = Duration::from_secs(2);

#[derive(serde::Deserialize)]
struct Row {
    question: String,
    reference: String,
    answer: String,
    /// Average of the two human grades, 0–5.
    score: f64,
}

fn main() -> ExitCode {
    let path = data_path();
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            println!(
                "{}: not found — skipping the grader benchmark.\n{}",
                path.display(),
                where_to_get_it()
            );
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", path.display());
            return ExitCode::from(2);
        }
    };
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        match serde_json::from_str::<Row>(line) {
            Ok(row) => rows.push(row),
            Err(e) => {
                eprintln!(
                    "error: {}:{}: {e}\nhelp: each line needs `question`, `reference`, `answer` and `score` (0–5)",
                    path.display(),
                    i + 1
                );
                return ExitCode::from(2);
            }
        }
    }
    if rows.len() < 2 {
        eprintln!("error: {}: needs at least two graded answers", path.display());
        return ExitCode::from(2);
    }
    let catalog = match Catalog::embedded() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: the built-in banks have problems:\n{e}");
            return ExitCode::from(2);
        }
    };
    let shown = std::fs::canonicalize(&path).unwrap_or(path);
    run(&shown, &rows, &catalog);
    ExitCode::SUCCESS
}

fn data_path() -> PathBuf {
    let from_args = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    from_args
        .or_else(|| std::env::var("GRILL_MOHLER").ok().filter(|p| !p.is_empty()))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/mohler/mohler.jsonl")))
}

fn where_to_get_it() -> &'static str {
    "The benchmark uses the UNT Computer Science Short Answer Dataset v2.0 (Mohler, Bunescu and
Mihalcea, ACL-HLT 2011, ACL Anthology P11-1076): download P11-1076.Datasets.zip from
https://aclanthology.org/P11-1076/ and convert its raw/ and scores/ files to JSON lines, one
answer a line: {\"question\", \"reference\", \"answer\", \"score\"} with score the average of the
two grades (0–5). Then pass the file's path as an argument or in GRILL_MOHLER."
}

fn run(path: &std::path::Path, rows: &[Row], catalog: &Catalog) {
    // Each distinct question and reference is one rubric, prepared once.
    let mut rubric_of: HashMap<(&str, &str), usize> = HashMap::new();
    let mut rubrics: Vec<(&str, &str)> = Vec::new();
    let which: Vec<usize> = rows
        .iter()
        .map(|r| {
            *rubric_of.entry((&r.question, &r.reference)).or_insert_with(|| {
                rubrics.push((&r.question, &r.reference));
                rubrics.len() - 1
            })
        })
        .collect();
    let mut references: Vec<&str> = rubrics.iter().map(|r| r.1).collect();
    references.sort_unstable();
    references.dedup();

    let started = Instant::now();
    let grader = reference_grader(&catalog.aliases, references.iter().copied());
    let prepared: Vec<Prepared> = rubrics
        .iter()
        .map(|&(question, reference)| {
            grader.prepare(Rubric {
                question,
                reference,
                key_points: &[],
                ..Default::default()
            })
        })
        .collect();
    let prepare_time = started.elapsed();

    let grade_all = || -> Vec<f64> {
        rows.iter()
            .zip(&which)
            .map(|(row, &i)| grader.grade(&prepared[i], black_box(&row.answer)).score)
            .collect()
    };
    // The first pass also stems every distinct word once; later passes find
    // them in the vocabulary, as a long batch or session mostly does.
    let cold = Instant::now();
    let scores = grade_all();
    let cold = cold.elapsed();
    let mut passes = Vec::new();
    let timing = Instant::now();
    while timing.elapsed() < TIMED_FOR || passes.len() < 3 {
        let pass = Instant::now();
        black_box(grade_all());
        passes.push(pass.elapsed());
    }
    passes.sort();
    let per_second = |d: Duration| rows.len() as f64 / d.as_secs_f64();

    let grades: Vec<f64> = rows.iter().map(|r| r.score).collect();
    let a = Agreement::measure(&scores, &grades, MAX_GRADE);
    println!("grill grader benchmark: each answer graded from its reference alone (no key points)");
    println!(
        "data: {} — {} answers to {} questions, human grades 0–5",
        path.display(),
        rows.len(),
        rubrics.len()
    );
    println!("      (Mohler, Bunescu and Mihalcea, ACL-HLT 2011, ACL Anthology P11-1076)\n");
    println!("  Pearson r    {:.3}", a.pearson);
    println!("  Spearman ρ   {:.3}", a.spearman);
    println!(
        "  RMSE         {:.3}   after a least-squares linear map to 0–5 (always the mean: {:.3})",
        a.rmse, a.rmse_of_mean
    );
    println!(
        "  speed        {:.0} answers/s on one thread (median of {} passes, best {:.0})",
        per_second(passes[passes.len() / 2]),
        passes.len(),
        per_second(passes[0]),
    );
    println!(
        "               {:.0} answers/s on the first pass, stemming each new word; {} rubrics prepared in {:.1} ms",
        per_second(cold),
        rubrics.len(),
        prepare_time.as_secs_f64() * 1000.0
    );
}
