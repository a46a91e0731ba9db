//! Wrong claims, end to end: an answer that swaps the roles of the three
//! Kubernetes probes (issue 11's `kfo-j07` example) reads "missed" and each
//! wrong claim is explained — *you said "…" — in fact …* — in `grill grade`
//! (text and JSON), the terminal report, Markdown, HTML and JSON exports;
//! the correct answer still passes. The bank is the test's own copy of the
//! question, so the check holds whatever the shipped wording becomes.

use crate::harness::{Grill, json};

const BANK: &str = r#"
id = "probes"
title = "Probes"
description = "The three probes, with subjects and a misconception."

[[question]]
id = "probes-1"
prompt = "What are the 3 types of Kubernetes health probes and when does each run?"
level = "junior"
topic = "kubernetes"
difficulty = 2
reference = """
The startup probe runs first: until it succeeds the other probes are held back, so a slow app is not killed while it starts. \
The liveness probe runs for the container's whole life; when it keeps failing the kubelet restarts the container. \
The readiness probe also runs all the time; when it fails the pod is removed from the Service endpoints and gets no traffic, but it is not restarted.
"""

[[question.key_points]]
point = "startup probe runs first"
subject = "startup"
weight = 6
alternatives = ["startup holds the other probes back"]

[[question.key_points]]
point = "liveness failure restarts the container"
subject = "liveness"
weight = 8
alternatives = ["liveness restarts the container"]

[[question.key_points]]
point = "readiness removes the pod from Service endpoints"
subject = "readiness"
weight = 8
alternatives = ["readiness stops traffic to the pod", "readiness decides whether the pod receives traffic"]

[[question.misconceptions]]
claim = "startup probe runs last"
alternatives = ["startup probe waits for liveness and readiness"]
correction = "The startup probe runs first and holds liveness and readiness back until it succeeds."
contradicts = "startup probe runs first"
"#;

const SCENARIO: &str = r#"
id = "probes"
title = "Probes"
briefing = "Three probes."
banks = ["probes"]
[levels.junior]
questions = 1
minutes = 5
pass_mark = 60
"#;

const SWAPPED: &str = "The liveness probe decides whether the pod receives traffic, and the readiness probe restarts the container when it fails. The startup probe runs after the other two.";

const CORRECT: &str = "The startup probe runs first and holds the other two back while a slow app starts. The liveness probe runs all the time and the kubelet restarts the container when it keeps failing. The readiness probe also runs all the time; when it fails the pod is removed from the Service endpoints so it gets no traffic, without a restart.";

/// What every format must say about the swapped answer, one per swap.
const EXPLAINED: [&str; 2] = [
    "you said \"liveness probe decides whether the pod receives traffic\" — in fact that holds for readiness, not liveness",
    "you said \"readiness probe restarts the container\" — in fact that holds for liveness, not readiness",
];

fn with_bank() -> Grill {
    let g = Grill::new();
    g.write("in/probes.toml", BANK);
    g.write("in/scenarios/probes.toml", SCENARIO);
    g
}

fn sheet(answer: &str) -> String {
    format!(
        "scenario = \"probes\"\nlevel = \"junior\"\nseed = 1\nquestions = [\"probes-1\"]\n\n[[answer]]\nid = \"probes-1\"\ntext = \"{answer}\"\n"
    )
}

#[test]
fn swapped_probes_read_missed_with_each_swap_explained_by_grade() {
    let g = with_bank();
    let out = g
        .args(["--banks", "in", "grade", "--id", "probes-1", "--answer", SWAPPED])
        .run()
        .success()
        .stdout_has("(missed");
    let flat = out.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    for explained in EXPLAINED {
        assert!(flat.contains(&format!("✗ wrong: {explained}")), "{explained}\n{}", out.stdout);
    }
    let grade = json(
        &g.args([
            "--banks", "in", "grade", "--id", "probes-1", "--format", "json", "--answer", SWAPPED,
        ])
        .run()
        .success()
        .stdout,
    );
    assert_eq!(grade["verdict"], "missed", "{grade}");
    let said: Vec<&str> = grade["misconceptions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["said"].as_str().unwrap())
        .collect();
    assert_eq!(
        said,
        [
            "readiness probe restarts the container",
            "liveness probe decides whether the pod receives traffic",
        ]
    );
    // The batch says it too, per line.
    g.write("b.jsonl", &format!("{{\"id\": \"probes-1\", \"answer\": \"{SWAPPED}\"}}\n"));
    let line = json(&g.args(["--banks", "in", "grade", "--batch", "b.jsonl"]).run().success().stdout);
    assert_eq!(line["misconceptions"].as_array().map(Vec::len), Some(2), "{line}");

    let right = g
        .args(["--banks", "in", "grade", "--id", "probes-1", "--answer", CORRECT])
        .run()
        .success()
        .stdout;
    assert!(
        !right.contains("wrong:") && (right.contains("(strong") || right.contains("(adequate")),
        "{right}"
    );
}

#[test]
fn swapped_probes_are_explained_in_every_report_format() {
    let g = with_bank();
    g.write("a.toml", &sheet(SWAPPED));
    let out = g
        .args(["--banks", "in", "run", "--answers", "a.toml", "--no-save", "--export", "r.md"])
        .run()
        .code(1);
    let terminal = out.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(terminal.contains(" missed "), "{}", out.stdout);
    g.args(["--banks", "in", "run", "--answers", "a.toml", "--no-save", "--export", "r.html"])
        .run()
        .code(1);
    let report = json(
        &g.args(["--banks", "in", "run", "--answers", "a.toml", "--no-save", "--format", "json"])
            .run()
            .code(1)
            .stdout,
    );
    let q = &report["questions"][0];
    assert_eq!(q["verdict"], "missed", "{q}");
    let misconceptions = q["misconceptions"].as_array().unwrap();
    assert_eq!(misconceptions.len(), 2, "{q}");
    for m in misconceptions {
        for field in ["claim", "said", "correction"] {
            assert!(m[field].as_str().is_some_and(|s| !s.is_empty()), "{field} in {m}");
        }
    }
    let markdown = g.read("r.md").split_whitespace().collect::<Vec<_>>().join(" ");
    let html = g.read("r.html").split_whitespace().collect::<Vec<_>>().join(" ");
    for explained in EXPLAINED {
        assert!(terminal.contains(explained), "terminal: {explained}\n{}", out.stdout);
        assert!(markdown.contains(explained), "Markdown: {explained}\n{markdown}");
        let escaped = explained.replace('"', "&quot;");
        assert!(html.contains(&escaped), "HTML: {escaped}");
    }

    g.write("a.toml", &sheet(CORRECT));
    let report = json(
        &g.args(["--banks", "in", "run", "--answers", "a.toml", "--no-save", "--format", "json"])
            .run()
            .success()
            .stdout,
    );
    let q = &report["questions"][0];
    assert!(q["verdict"] == "adequate" || q["verdict"] == "strong", "{q}");
    assert_eq!(q["misconceptions"], json("[]"));
}

#[test]
fn strict_fails_a_reference_that_states_its_own_misconception() {
    let g = Grill::new();
    // The reference says what the misconception claims: a correct answer
    // written like it would lose marks.
    let bank = BANK.replace("claim = \"startup probe runs last\"", "claim = \"kubelet restarts the container\"");
    g.write("in/probes.toml", &bank);
    g.args(["banks", "check", "in", "--strict"])
        .run()
        .code(2)
        .stderr_has("the reference of `probes-1` states its own misconception `kubelet restarts the container`");
    g.write("in/probes.toml", BANK);
    // One misconception is fewer than a question should list: a warning
    // until every shipped bank has two.
    g.args(["banks", "check", "in", "--strict"])
        .run()
        .success()
        .stderr_has("`probes-1` has 1 misconception; list at least 2 wrong claims");
}
