//! Issue 15, findings 7, 8 and 10: control characters from a bank or an
//! input file are shown visibly, never sent to the terminal raw; seeds
//! stay within what a sheet can store.

use crate::harness::Grill;
use crate::live::{BANK, SCENARIO};

#[test]
fn escapes_in_a_bank_are_shown_not_sent() {
    let g = Grill::new();
    let bank = BANK.replace(
        "What does a liveness probe do?",
        "Clear\\u001b[2J title\\u001b]0;pwn\\u0007 csi\\u009b",
    );
    g.write("b/pty.toml", &bank);
    g.write("b/scenarios/pty.toml", SCENARIO);
    for args in [
        vec!["--banks", "b", "banks", "show", "pty"],
        vec!["--banks", "b", "plan", "pty", "--level", "mid", "--seed", "1"],
        vec!["--banks", "b", "sheet", "pty", "--level", "mid", "--seed", "1"],
    ] {
        let run = g.args(&args).env("NO_COLOR", "1").run().success();
        assert!(!run.stdout.contains('\u{1b}'), "{args:?} sent ESC:\n{}", run.stdout);
        assert!(!run.stdout.contains('\u{9b}'), "{args:?} sent a C1 control");
        assert!(run.stdout.contains("Clear^[[2J"), "{args:?}:\n{}", run.stdout);
    }
}

#[test]
fn an_error_quoting_a_file_shows_its_control_characters() {
    let g = Grill::new();
    g.write("in/b.toml", "id = \"x\u{1b}[2J\"\nnot toml \u{1b}]0;t\u{7}\0\n");
    let run = g.args(["banks", "check", "in/b.toml"]).run().code(2);
    assert!(!run.stderr.contains('\u{1b}'), "{}", run.stderr);
    assert!(!run.stderr.contains('\0'), "{}", run.stderr);
}

#[test]
fn seeds_past_what_a_sheet_stores_are_a_usage_error() {
    let g = Grill::new();
    for cmd in ["sheet", "plan"] {
        g.args([cmd, "kubeflow-ops", "--level", "junior", "--seed", "9223372036854775808"])
            .run()
            .code(2)
            .stderr_has("0..=9223372036854775807");
    }
    g.args([
        "sheet",
        "kubeflow-ops",
        "--level",
        "junior",
        "--seed",
        "9223372036854775807",
        "-o",
        "s.toml",
    ])
    .run()
    .success();
    g.args(["run", "--answers", "s.toml", "--no-save"]).run().code(1);
}
