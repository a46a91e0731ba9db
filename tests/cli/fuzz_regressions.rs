//! Replays every input the fuzzers found trouble with (kept under
//! `tests/fuzz-regressions/<target>/`), through the same entry points the
//! fuzz targets use, so each fixed crash stays fixed on stable CI.

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions").join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else { return 0 };
    let mut n = 0;
    for entry in entries.filter_map(Result::ok) {
        let data = std::fs::read(entry.path()).unwrap();
        let outcome = std::panic::catch_unwind(|| run(&data));
        assert!(outcome.is_ok(), "{} panics again", entry.path().display());
        n += 1;
    }
    n
}

#[test]
fn inputs_the_fuzzers_found_stay_fixed() {
    let replayed = replay("content", grill::fuzzing::content)
        + replay("sheet", grill::fuzzing::sheet)
        + replay("grade", grill::fuzzing::grade)
        + replay("import", grill::fuzzing::import);
    assert!(replayed >= 4, "the regression corpus is present ({replayed} files)");
}
