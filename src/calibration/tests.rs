use super::*;
use crate::diagnostic::SourceFile;

fn catalog() -> Catalog {
    Catalog::embedded().unwrap()
}

fn parse(text: &str) -> Result<Corpus, String> {
    Corpus::parse(&SourceFile::new("c.jsonl", text), &catalog()).map_err(|d| d.to_string())
}

const TERSE: &str = "Liveness failures restart the container, readiness failures take the pod out of the Service endpoints, and startup holds both off until the app is up.";

#[test]
fn a_good_line_loads_with_its_origin() {
    let line = format!(r#"{{"id":"kfo-j07","kind":"terse","answer":"{TERSE}"}}"#);
    let c = parse(&format!("\n{line}\n")).unwrap();
    assert_eq!(c.answers.len(), 1);
    assert_eq!(c.answers[0].origin, "c.jsonl:2");
}

#[test]
fn bad_lines_are_located_and_say_what_to_fix() {
    let cases = [
        (r#"{"id":"kfo-j07","kind":"terse""#, "c.jsonl:1:", "not a corpus answer"),
        (
            r#"{"id":"nope-1","kind":"terse","answer":"x"}"#,
            "c.jsonl:1:1",
            "no bank question `nope-1`",
        ),
        (r#"{"id":"kfo-j07","kind":"typo","answer":"x"}"#, "c.jsonl:1:1", "generated"),
        (
            r#"{"id":"kfo-j07","kind":"star-good","answer":"x"}"#,
            "c.jsonl:1:1",
            "behavioural questions only",
        ),
        (
            r#"{"id":"kfo-j07","kind":"terse","answer":"too short"}"#,
            "c.jsonl:1:1",
            "15–35 words; this one has 2",
        ),
        (
            r#"{"id":"kfo-j07","kind":"wrong","answer":"x","false_claims":[]}"#,
            "c.jsonl:1:1",
            "at least two",
        ),
        (
            r#"{"id":"kfo-j07","kind":"partial","answer":"x","extra":1}"#,
            "c.jsonl:1:",
            "unknown field",
        ),
        (
            r#"{"id":"kfo-j07","kind":"wrong","answer":"x","false_claims":[{"claim":"a","type":"guess"},{"claim":"b","type":"swap"}]}"#,
            "c.jsonl:1:",
            "unknown variant",
        ),
    ];
    for (line, at, what) in cases {
        let e = parse(&format!("{line}\n")).unwrap_err();
        assert!(e.contains(at) && e.contains(what), "{line}\n→ {e}");
    }
    // Every bad line is reported, not only the first.
    let e = parse("{}\n{}\n").unwrap_err();
    assert!(e.contains("c.jsonl:1:") && e.contains("c.jsonl:2:"), "{e}");
}

#[test]
fn the_split_is_stable_and_near_60_40() {
    // Fixed by FNV-1a: these must never move (the holdout would leak).
    assert_eq!(corpus::fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    let catalog = catalog();
    let halves: Vec<Half> = catalog.questions().map(|q| Half::of(&q.id)).collect();
    let tune = halves.iter().filter(|&&h| h == Half::Tune).count() as f64 / halves.len() as f64;
    assert!((0.5..0.7).contains(&tune), "tune share {tune}");
}

fn shipped() -> (Corpus, Vec<Graded>) {
    let catalog = catalog();
    let corpus = Corpus::load(&shipped_dir(), &catalog).unwrap_or_else(|d| panic!("{d}"));
    let graded = grade_all(&corpus, &catalog);
    (corpus, graded)
}

#[test]
fn the_shipped_corpus_loads_and_most_false_claims_are_not_swaps() {
    let (corpus, graded) = shipped();
    assert!(!corpus.answers.is_empty());
    assert!(corpus.swap_share() <= 0.5, "swap share {}", corpus.swap_share());
    let strong = corpus.answers.iter().filter(|a| a.kind == Kind::Strong).count();
    assert_eq!(graded.iter().filter(|g| g.answer.kind == Kind::Typo).count(), strong);
}

/// Today's holdout figures minus a small margin; raise them when the
/// grader improves. Shares are percentages of questions; `*_MAX` bounds
/// are ceilings (lower is better).
mod floor {
    pub const WRONG_BELOW_TERSE: f64 = 88.0;
    pub const WRONG_MEAN_MAX: f64 = 34.0;
    pub const STRONG_60: f64 = 92.0;
    pub const STRONG_80: f64 = 70.0;
    pub const OFF_MEAN_MAX: f64 = 8.0;
    pub const ORDERED: f64 = 88.0;
    pub const TYPO_WITHIN_10: f64 = 90.0;
    pub const STUFFED_BELOW_STRONG: f64 = 92.0;
}

#[test]
fn holdout_figures_stay_above_the_floor() {
    let (_, graded) = shipped();
    let tune = Figures::of(&graded, Half::Tune);
    let f = Figures::of(&graded, Half::Holdout);
    println!("{}", metrics::table(&tune, &f));
    let value = |m: &Measure| m.value.unwrap_or_else(|| panic!("no data for {}", m.name));
    let at_least = [
        (&f.wrong_below_terse, floor::WRONG_BELOW_TERSE),
        (&f.strong_60, floor::STRONG_60),
        (&f.strong_80, floor::STRONG_80),
        (&f.ordered, floor::ORDERED),
        (&f.typo_within_10, floor::TYPO_WITHIN_10),
        (&f.stuffed_below_strong, floor::STUFFED_BELOW_STRONG),
    ];
    for (m, floor) in at_least {
        assert!(value(m) >= floor, "{}: {:.1} fell under the floor {floor}", m.name, value(m));
    }
    for (m, ceiling) in [(&f.wrong_mean, floor::WRONG_MEAN_MAX), (&f.off_mean, floor::OFF_MEAN_MAX)] {
        assert!(value(m) <= ceiling, "{}: {:.1} rose over the ceiling {ceiling}", m.name, value(m));
    }
}
