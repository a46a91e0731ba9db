//! Follow-ups in a live interview, in a real pseudo-terminal: graded on
//! their own rubric, reported as their own item, and kept out of the
//! interview's score.

#![cfg(unix)]

use crate::harness::{Grill, json};
use crate::live::{BANK, exit_code, seen, spawn};

/// The follow-up of `pty-1`, a table with a rubric unlike its parent's.
const FOLLOW_UP: &str = r#"
[[question.follow_ups]]
id = "pty-1-f1"
prompt = "What decides whether a new replica counts as available?"
seconds = 40
reference = "The readiness probe must pass, and then the pod must stay ready for minReadySeconds."
[[question.follow_ups.key_points]]
point = "readiness probe passes"
weight = 2
[[question.follow_ups.key_points]]
point = "minReadySeconds"
weight = 1
"#;

const SCENARIO: &str = r#"
id = "pty"
title = "Pty drill"
briefing = "Three probes, one minute each."
banks = ["pty"]
order = "easy-first"
follow_ups = "always"
[levels.mid]
questions = 3
minutes = 5
pass_mark = 10
"#;

/// Sits the interview, answering the follow-up with `follow_up` (a line,
/// or `:skip`), and returns the JSON report.
fn sit(follow_up: &str) -> serde_json::Value {
    let g = Grill::new();
    let bank = BANK.replacen(
        "[[question]]\nid = \"pty-2\"",
        &format!("{FOLLOW_UP}[[question]]\nid = \"pty-2\""),
        1,
    );
    g.write("b/pty.toml", &bank);
    g.write("b/scenarios/pty.toml", SCENARIO);
    let mut p = spawn(&g, &["run", "pty", "--level", "mid", "--seed", "1", "--plain"]);
    p.exp_string("Press Enter to start").unwrap();
    p.send_line("").unwrap();
    p.exp_string("[1/3]").unwrap();
    p.send_line("The kubelet restarts the container.").unwrap();
    p.send_line("").unwrap();
    p.exp_string(&seen("[1/3 follow-up] kubernetes · mid · 0:40")).unwrap();
    p.exp_string("What decides whether a new replica counts as available?").unwrap();
    p.send_line(follow_up).unwrap();
    if follow_up != ":skip" {
        p.send_line("").unwrap();
    }
    for n in 2..=3 {
        p.exp_string(&format!("[{n}/3]")).unwrap();
        p.send_line(":skip").unwrap();
    }
    p.exp_string("Overall").unwrap();
    p.exp_string("Depth: 1 follow-up").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 0);
    json(&g.args(["--banks", "b", "report", "--format", "json"]).run().success().stdout)
}

#[test]
fn a_follow_up_is_graded_on_its_own_rubric_and_a_skipped_one_costs_nothing() {
    let answered = sit("The readiness probe passes, then it waits minReadySeconds.");
    let f = &answered["questions"][1];
    assert_eq!(f["id"], "pty-1-f1");
    assert_eq!(f["follows"], "pty-1");
    assert_eq!(f["budget_seconds"], 40);
    assert_eq!(
        f["covered"],
        serde_json::json!(["readiness probe passes", "minReadySeconds"]),
        "{f}"
    );
    assert!(f["score"].as_f64().unwrap() >= 80.0, "graded on its own points: {f}");
    assert_eq!(answered["depth"]["count"], 1);
    assert_eq!(answered["depth"]["answered"], 1);
    assert_eq!(answered["answered"], 1, "the follow-up is not a planned question");

    let skipped = sit(":skip");
    assert_eq!(skipped["questions"][1]["skipped"], true);
    assert_eq!(skipped["score"], answered["score"], "a skipped follow-up does not lower the result");
    assert_eq!(skipped["passed"], answered["passed"]);
    assert_eq!(skipped["depth"]["answered"], 0);
    assert_eq!(skipped["depth"]["score"], 0.0);
}
