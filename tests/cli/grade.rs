//! `grill grade`, end to end: one answer (argument or standard input), an
//! answer sheet, and a batch of JSON lines with its per-line errors.

use crate::harness::{BANK, Grill, json};

/// A directory with the harness's user bank (`extra-1`, `extra-2`).
fn with_bank() -> Grill {
    let g = Grill::new();
    g.write("in/extra.toml", BANK);
    g
}

const LIVENESS: &str = "The kubelet restarts a container whose liveness probe keeps failing.";

fn lines(stdout: &str) -> Vec<serde_json::Value> {
    stdout.lines().map(json).collect()
}

#[test]
fn one_answer_given_as_an_argument() {
    let g = with_bank();
    g.args(["--banks", "in", "grade", "--id", "extra-1", "--answer", LIVENESS])
        .run()
        .success()
        .stdout_has("extra-1: 100.0 / 100 (strong)")
        .stdout_has("✓ restarts the container");
    g.args([
        "--banks",
        "in",
        "grade",
        "--id",
        "extra-1",
        "--answer",
        "Pods are scheduled onto nodes.",
    ])
    .run()
    .success()
    .stdout_has("(missed)")
    .stdout_has("✗ restarts the container")
    .stdout_has("reference: “The kubelet restarts a container whose liveness probe keeps");
}

#[test]
fn one_answer_read_from_standard_input() {
    let g = with_bank();
    let out = g
        .args(["--banks", "in", "grade", "--id", "extra-1", "--format", "json"])
        .stdin("When the probe keeps failing,\nthe kubelet restarts the container.\n")
        .run()
        .success();
    let grade = json(&out.stdout);
    assert_eq!(grade["covered"], json(r#"["restarts the container"]"#));
    assert_eq!(grade["missed"], json("[]"));
    let score = grade["score"].as_f64().unwrap();
    // The one key point said in full: a complete answer reads strong.
    assert!(score >= 80.0 && grade["verdict"] == "strong", "{grade}");
    // The same answer as an argument grades the same.
    let argued = g
        .args([
            "--banks",
            "in",
            "grade",
            "--id",
            "extra-1",
            "--format",
            "json",
            "--answer",
            "When the probe keeps failing,\nthe kubelet restarts the container.\n",
        ])
        .run()
        .success();
    assert_eq!(json(&argued.stdout), grade);
    // Nothing on standard input is an empty answer: it scores 0.
    g.args(["--banks", "in", "grade", "--id", "extra-1"])
        .stdin("")
        .run()
        .success()
        .stdout_has("extra-1: 0.0 / 100 (missed)");
}

#[test]
fn an_unknown_question_id_says_where_to_look() {
    with_bank()
        .args(["--banks", "in", "grade", "--id", "extra-9", "--answer", "x"])
        .run()
        .code(2)
        .stderr_has("no bank question `extra-9`; see `grill banks list`");
}

#[test]
fn nothing_to_grade_says_what_to_give() {
    Grill::new()
        .args(["grade"])
        .run()
        .code(2)
        .stderr_has("say what to grade: `--id QID [--answer TEXT]`");
    Grill::new()
        .args(["grade", "--answer", "text without a question"])
        .run()
        .code(2)
        .stderr_has("--id");
}

#[test]
fn an_answer_sheet_grades_each_answer_against_its_question() {
    let g = with_bank();
    g.write(
        "answers.toml",
        &format!("[[answer]]\nid = \"extra-1\"\ntext = \"{LIVENESS}\"\n\n[[answer]]\nid = \"extra-2\"\ntext = \"It restarts the pod.\"\n"),
    );
    g.args(["--banks", "in", "grade", "answers.toml"])
        .run()
        .success()
        .stdout_has("extra-1: 100.0 / 100 (strong)")
        .stdout_has("extra-2: ")
        .stdout_has("✗ removed from service endpoints");
    let out = g
        .args(["--banks", "in", "grade", "answers.toml", "--format", "jsonl"])
        .run()
        .success();
    let grades = lines(&out.stdout);
    let ids: Vec<&str> = grades.iter().map(|g| g["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["extra-1", "extra-2"]);
    assert!(grades[0]["score"].as_f64().unwrap() > grades[1]["score"].as_f64().unwrap());
}

#[test]
fn an_answer_sheet_with_an_unknown_id_warns_and_grades_the_rest() {
    let g = with_bank();
    g.write(
        "answers.toml",
        &format!("[[answer]]\nid = \"extra-9\"\ntext = \"x\"\n\n[[answer]]\nid = \"extra-1\"\ntext = \"{LIVENESS}\"\n"),
    );
    g.args(["--banks", "in", "grade", "answers.toml"])
        .run()
        .code(2)
        .stderr_has("warning: answers.toml:1:1: no bank question `extra-9`")
        .stdout_has("extra-1: 100.0 / 100");
}

/// A batch with good lines, a blank line and three kinds of bad line.
const BATCH: &str = concat!(
    r#"{"id": "extra-1", "answer": "The kubelet restarts the container."}"#,
    "\n",
    "{not json\n",
    "\n",
    r#"{"reference": "Terraform keeps state in S3 with a DynamoDB lock.", "question": "Where does Terraform keep state?", "answer": "in s3, locked with dynamodb"}"#,
    "\n",
    r#"{"id": "extra-9", "answer": "x"}"#,
    "\n",
    r#"{"answer": "graded against what?"}"#,
    "\n",
    r#"{"reference": "Pods are the smallest unit.", "key_points": ["smallest unit", {"point": "group of containers", "weight": 2}], "answer": "the smallest unit"}"#,
    "\n",
);

fn check_batch_output(stdout: &str) {
    let out = lines(stdout);
    let numbers: Vec<u64> = out.iter().map(|o| o["line"].as_u64().unwrap()).collect();
    assert_eq!(numbers, [1, 2, 4, 5, 6, 7], "one result per non-blank line, in order:\n{stdout}");
    assert_eq!(out[0]["id"], "extra-1");
    assert_eq!(out[0]["covered"], json(r#"["restarts the container"]"#));
    assert!(out[1]["error"].as_str().unwrap().starts_with("not a grading request"), "{}", out[1]);
    assert!(out[1].get("score").is_none());
    assert!(out[2]["score"].as_f64().unwrap() > 50.0, "{}", out[2]);
    assert!(out[2]["key_points"].is_null());
    assert_eq!(out[3]["error"], "no bank question `extra-9`");
    assert!(out[4]["error"].as_str().unwrap().contains("missing `id`"), "{}", out[4]);
    assert_eq!(out[5]["covered"], json(r#"["smallest unit"]"#));
    assert_eq!(out[5]["missed"], json(r#"["group of containers"]"#));
}

#[test]
fn a_batch_grades_every_good_line_and_names_the_bad_ones() {
    let g = with_bank();
    g.write("batch.jsonl", BATCH);
    let run = g
        .args(["--banks", "in", "grade", "--batch", "batch.jsonl"])
        .run()
        .code(2)
        .stderr_has("3 of 6 lines could not be graded");
    check_batch_output(&run.stdout);
}

#[test]
fn a_batch_from_standard_input_grades_the_same() {
    let g = with_bank();
    let run = g.args(["--banks", "in", "grade", "--batch", "-"]).stdin(BATCH).run().code(2);
    check_batch_output(&run.stdout);
    let good = BATCH.lines().next().unwrap();
    g.args(["--banks", "in", "grade", "--batch", "-", "--format", "text"])
        .stdin(good)
        .run()
        .success()
        .stdout_has("line 1: ")
        .stdout_has("✓ restarts the container");
}

#[test]
fn a_batch_in_text_shows_errors_with_their_line() {
    let g = with_bank();
    g.write("batch.jsonl", BATCH);
    g.args(["--banks", "in", "grade", "--batch", "batch.jsonl", "--format", "text"])
        .run()
        .code(2)
        .stdout_has("line 5: error: no bank question `extra-9`")
        .stdout_has("line 7: ");
}

#[test]
fn a_missing_batch_file_is_named() {
    Grill::new()
        .args(["grade", "--batch", "nowhere.jsonl"])
        .run()
        .code(2)
        .stderr_has("nowhere.jsonl");
}

/// What matched each key point and how, the reference sentence of a missed
/// one, and the negation that kept a point from counting — in text and JSON.
#[test]
fn a_grade_explains_each_key_point() {
    let g = with_bank();
    g.args([
        "--banks",
        "in",
        "grade",
        "--id",
        "extra-2",
        "--answer",
        "The pod is removed from the servce endpoints.",
    ])
    .run()
    .success()
    .stdout_has("✓ removed from service endpoints — removed, servce (typo of service),\n      endpoints");
    let out = g
        .args([
            "--banks",
            "in",
            "grade",
            "--id",
            "extra-2",
            "--format",
            "json",
            "--answer",
            "The pod is never removed from the service endpoints.",
        ])
        .run()
        .success();
    let grade = json(&out.stdout);
    assert_eq!(grade["missed"], json(r#"["removed from service endpoints"]"#));
    let detail = &grade["details"][0];
    assert_eq!(detail["status"], "missed");
    assert_eq!(detail["negated"], "never removed from the service endpoints");
    assert_eq!(
        detail["source"],
        "A failing readiness probe removes the pod from Service endpoints until it recovers."
    );
    assert_eq!(grade["borderline"], false);
    // A batch explains each free reference's terms too: k8s is kubernetes.
    let batch = g
        .args(["grade", "--batch", "-"])
        .stdin(r#"{"reference": "Kubernetes restarts failed pods.", "answer": "k8s restarts failed pods"}"#)
        .run()
        .success();
    let line = json(&batch.stdout);
    let kubernetes = line["details"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["point"] == "kubernetes")
        .unwrap();
    assert_eq!(
        kubernetes["matched"],
        json(r#"[{"word": "k8s", "term": "kubernetes", "kind": "alias"}]"#)
    );
}
