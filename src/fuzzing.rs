//! Entry points shared by the fuzz targets (`fuzz/`) and the tests that
//! replay what fuzzing found (`tests/fuzz-regressions/`), so a crash is
//! reproduced by `cargo test` on stable exactly as the fuzzer hit it.
//!
//! Each function takes raw bytes, runs one parser or the grader on them and
//! checks the outcome's invariants; any panic is a bug.

use std::sync::OnceLock;

use crate::batch::{Outcome, grade_lines};
use crate::catalog::{Catalog, FileKind};
use crate::diagnostic::SourceFile;
use crate::sheet::AnswerSheet;

fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// A bank, scenario or aliases file (chosen by the first byte), checked
/// together with the built-in content.
pub fn content(data: &[u8]) {
    let Some((&kind, rest)) = data.split_first() else { return };
    let Some(text) = text(rest) else { return };
    let kind = match kind % 3 {
        0 => FileKind::Bank,
        1 => FileKind::Scenario,
        _ => FileKind::Aliases,
    };
    let src = SourceFile::new("fuzz.toml", text);
    if let Err(problems) = Catalog::from_files(&[(kind, src)]) {
        // Every problem renders, located inside the file.
        for d in &problems.0 {
            let _ = d.to_string();
            assert!(d.line >= 1 && d.column >= 1);
        }
    }
}

/// An answer sheet.
pub fn sheet(data: &[u8]) {
    let Some(text) = text(data) else { return };
    if let Ok(sheet) = AnswerSheet::parse(&SourceFile::new("fuzz.toml", text)) {
        for a in &sheet.answers {
            assert!(!a.text.contains('\u{1b}'), "control characters are stripped");
        }
    }
}

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::embedded().expect("the built-in content loads"))
}

/// Batch grading of JSON lines against bank questions or free references.
pub fn grade(data: &[u8]) {
    let Some(text) = text(data) else { return };
    for outcome in grade_lines(catalog(), text) {
        if let Outcome::Graded { grade, .. } = outcome {
            assert!((0.0..=100.0).contains(&grade.score), "score {} out of range", grade.score);
        }
    }
}

/// The importer, on any bytes: a bank that parses back, or a clear error.
pub fn import(data: &[u8]) {
    let input = crate::import::Input {
        name: "fuzz.md".into(),
        bytes: data.to_vec(),
    };
    let options = crate::import::Options {
        bank: Some("fuzz".into()),
        ..Default::default()
    };
    if let Ok(imported) = crate::import::import(&[input], &options) {
        let text = imported.to_toml();
        crate::bank::Bank::parse(&SourceFile::new("imported.toml", text)).expect("an imported bank parses back");
    }
}
