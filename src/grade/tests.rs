use super::*;
use crate::diagnostic::SourceFile;
use crate::text::Aliases;

fn kp(point: &str, weight: u32, alternatives: &[&str]) -> KeyPoint {
    KeyPoint {
        point: point.into(),
        weight,
        alternatives: alternatives.iter().map(|s| s.to_string()).collect(),
        proposed: false,
    }
}

fn grader() -> Grader {
    let aliases = Aliases::parse(&SourceFile::new(
        "a.toml",
        "[[alias]]\nterm = \"kubernetes\"\nsame = [\"k8s\"]\n[[alias]]\nterm = \"horizontal pod autoscaler\"\nsame = [\"hpa\"]\n",
    ))
    .unwrap();
    let analyzer = Analyzer::new(&aliases);
    let idf = Idf::from_texts(&analyzer, [REFERENCE, "Pods run containers.", "Terraform state lives in S3."]);
    Grader::new(analyzer, idf)
}

const QUESTION: &str = "What is a dead-letter queue and why does the order queue have one?";
const REFERENCE: &str = "A dead-letter queue holds messages that failed processing too many times: after maxReceiveCount receives SQS moves them aside, so one poison message cannot block the queue. Alarms on its depth tell operators to investigate and redrive the messages once fixed. On Kubernetes the horizontal pod autoscaler scales consumers.";

fn points() -> Vec<KeyPoint> {
    vec![
        kp("messages failed processing repeatedly", 3, &["poison message"]),
        kp("maxReceiveCount", 2, &["max receive count"]),
        kp("alarm on queue depth", 2, &[]),
        kp("redrive messages", 1, &["replay messages"]),
        kp("horizontal pod autoscaler", 1, &[]),
    ]
}

fn score(answer: &str) -> Grade {
    let g = grader();
    let kps = points();
    let prepared = g.prepare(Rubric {
        question: QUESTION,
        reference: REFERENCE,
        key_points: &kps,
    });
    g.grade(&prepared, answer)
}

#[test]
fn empty_answer_scores_zero() {
    for empty in ["", "   \n", "the a of", "?!"] {
        let g = score(empty);
        assert_eq!(g.score, 0.0, "{empty:?}");
        assert_eq!(g.missed.len(), 5);
    }
}

#[test]
fn reference_scores_full_marks() {
    let g = score(REFERENCE);
    assert!(g.score >= 95.0, "{g:?}");
    assert!(g.missed.is_empty());
}

#[test]
fn repeating_the_question_earns_little() {
    assert!(score(QUESTION).score < 15.0, "{:?}", score(QUESTION));
}

#[test]
fn covering_more_key_points_never_scores_lower() {
    let steps = [
        "A poison message is set aside.",
        "A poison message is set aside after maxReceiveCount.",
        "A poison message is set aside after maxReceiveCount. We alarm on queue depth.",
        "A poison message is set aside after maxReceiveCount. We alarm on queue depth and redrive messages.",
        "A poison message is set aside after maxReceiveCount. We alarm on queue depth and redrive messages. The HPA scales.",
    ];
    let scores: Vec<f64> = steps.iter().map(|s| score(s).score).collect();
    assert!(scores.windows(2).all(|w| w[0] <= w[1]), "{scores:?}");
    assert!(scores[4] > scores[0]);
    assert_eq!(score(steps[4]).covered.len(), 5);
}

#[test]
fn typos_and_aliases_still_match() {
    let g = score("We redrive mesages; the k8s hpa scales consumers.");
    assert!(g.covered.contains(&"redrive messages".to_string()), "{g:?}");
    assert!(g.covered.contains(&"horizontal pod autoscaler".to_string()), "{g:?}");
}

#[test]
fn scattered_words_do_not_make_a_phrase() {
    let filler = " lorem".repeat(40);
    let g = score(&format!("an alarm went off.{filler} the queue was long.{filler} depth of field"));
    assert!(g.missed.contains(&"alarm on queue depth".to_string()), "{g:?}");
}

#[test]
fn free_reference_reports_terms() {
    let g = grader();
    let prepared = g.prepare(Rubric {
        question: "",
        reference: "Terraform state lives in S3 with DynamoDB locking.",
        key_points: &[],
    });
    let grade = g.grade(&prepared, "state is in s3");
    assert!(grade.covered.contains(&"state".to_string()));
    assert!(grade.missed.contains(&"dynamodb".to_string()), "{grade:?}");
    assert!(grade.key_points.is_none());
}

fn free(question: &str, reference: &str, answer: &str) -> Grade {
    let g = grader();
    let prepared = g.prepare(Rubric {
        question,
        reference,
        key_points: &[],
    });
    g.grade(&prepared, answer)
}

#[test]
fn question_words_count_little_and_are_not_listed() {
    let (q, r) = (
        "What does a readiness probe do?",
        "A failing readiness probe removes the pod from Service endpoints until it recovers.",
    );
    let echo = free(q, r, q);
    assert!(echo.score < 15.0, "{echo:?}");
    assert!(
        !echo.covered.iter().chain(&echo.missed).any(|t| t == "readiness" || t == "probe"),
        "{echo:?}"
    );
    let real = free(q, r, "It takes the pod out of the service endpoints.");
    assert!(real.score > 60.0 && real.score > echo.score * 4.0, "{real:?}");
    // A reference made only of the question's words still grades.
    assert!(free("readiness probe", "Readiness probe.", "a readiness probe").score >= 95.0);
}

#[test]
fn a_long_reference_needs_only_part_of_its_terms() {
    let long = "Alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa.";
    let half = free("", long, "The alpha is bravo with charlie and delta, then echo for foxtrot and golf by hotel.");
    assert_eq!(half.overlap, 1.0, "sqrt(4/16) of 16 terms is 8: {half:?}");
    assert!(half.score >= 99.0);
    let quarter = free("", long, "alpha bravo charlie delta");
    assert!(quarter.overlap > 0.45 && quarter.overlap < 0.55, "{quarter:?}");
    // Never less than half: of 64 terms, 32 are needed, not sqrt(4/64) = 16.
    let numbers: Vec<String> = (1000..1064).map(|n| n.to_string()).collect();
    let sixteen = free("", &numbers.join(" "), &numbers[..16].join(" "));
    assert!((sixteen.overlap - 0.5).abs() < 1e-9, "{sixteen:?}");
    // With key points, coverage is the plain share of the reference.
    let part = &REFERENCE[..REFERENCE.len() / 3];
    let (with_points, without) = (score(part), free(QUESTION, REFERENCE, part));
    assert!(with_points.overlap < without.overlap, "{with_points:?} {without:?}");
    // Up to four terms, every one is needed.
    let short = free("", "Alpha bravo charlie delta.", "alpha bravo");
    assert!((short.overlap - 0.5).abs() < 0.05, "{short:?}");
}

#[test]
fn related_forms_earn_part_credit() {
    let (q, r) = ("What are the advantages of objects?", "Reusability and encapsulation.");
    let exact = free(q, r, "their reusability");
    let related = free(q, r, "you can reuse them");
    let unrelated = free(q, r, "they are fast");
    assert!(
        exact.score > related.score && related.score > unrelated.score,
        "{exact:?} {related:?} {unrelated:?}"
    );
    assert_eq!(unrelated.score, 0.0);
}

#[test]
fn coverage_has_diminishing_returns_without_key_points() {
    assert_eq!(reference_only(0.0), 0.0);
    assert_eq!(reference_only(1.0), 1.0);
    assert_eq!(reference_only(0.5), 0.75);
    let curve: Vec<f64> = (0..=20).map(|i| reference_only(f64::from(i) / 20.0)).collect();
    assert!(curve.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(with_key_points(0.0), 0.0);
    assert_eq!(with_key_points(1.0), 1.0);
}
