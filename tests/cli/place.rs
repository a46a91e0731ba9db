//! `grill place` in a real pseudo-terminal on the shipped KubeFlow Ops
//! ladder: a candidate answering every question with its reference answer
//! is placed senior, one answering nothing below junior, and Ctrl-C then
//! `grill resume` carries on with the same questions.

#![cfg(unix)]

use rexpect::session::{PtySession, spawn_command};

use crate::harness::{Grill, json};
use crate::live::{exit_code, seen};

fn spawn(g: &Grill, args: &[&str]) -> PtySession {
    let mut cmd = g.command(args);
    cmd.env("TERM", "xterm");
    spawn_command(cmd, Some(30_000)).expect("grill starts in a pty")
}

/// The id of the question being asked: the last one the placement added
/// to its plan, which it saves before asking.
fn asked(g: &Grill) -> String {
    let dir = g.path("data/sessions");
    let file = std::fs::read_dir(&dir).unwrap().next().expect("a progress file").unwrap().path();
    let progress = json(&std::fs::read_to_string(file).unwrap());
    let questions = progress["plan"]["questions"].as_array().unwrap();
    questions.last().unwrap()["id"].as_str().unwrap().to_string()
}

fn reference(id: &str) -> String {
    let catalog = grill::catalog::Catalog::embedded().unwrap();
    let q = catalog.question(id).unwrap();
    q.reference.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Answers questions until the result shows (or `stop_at` questions were
/// asked), each with `answer(id)`; returns how many were asked.
fn sit(g: &Grill, p: &mut PtySession, stop_at: usize, answer: impl Fn(&str) -> String) -> usize {
    let mut asked_count = 0;
    loop {
        let (_, found) = p.exp_regex(r"\[\d+, up to 12\]|Placement: ").unwrap();
        if found.starts_with("Placement") {
            return asked_count;
        }
        asked_count += 1;
        if asked_count > stop_at {
            return asked_count;
        }
        p.exp_string("left]").unwrap();
        let text = answer(&asked(g));
        if text.is_empty() {
            p.send_line(":skip").unwrap();
        } else {
            p.send_line(&text).unwrap();
            p.send_line("").unwrap();
        }
    }
}

fn placement(g: &Grill) -> serde_json::Value {
    json(&g.args(["report", "--format", "json"]).run().success().stdout)
}

#[test]
fn reference_answers_place_senior() {
    let g = Grill::new();
    let mut p = spawn(&g, &["place", "--seed", "3", "--plain"]);
    p.exp_string("A placement: which level do you interview at?").unwrap();
    p.exp_string("Press Enter to start").unwrap();
    p.send_line("").unwrap();
    let n = sit(&g, &mut p, 12, reference);
    p.exp_string("senior").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 0);
    assert!((6..=12).contains(&n), "{n} questions");
    let r = placement(&g);
    assert_eq!(r["placement"]["level"], "senior", "{r}");
    assert_eq!(r["level"], "senior");
    assert_eq!(r["pass_mark"], serde_json::Value::Null);
    assert_eq!(r["session"]["kind"], "placement");
    assert_eq!(r["placement"]["questions"].as_array().unwrap().len(), n);
    g.args(["history"]).run().success().stdout_has("placed senior");
}

#[test]
fn answering_nothing_places_below_junior() {
    let g = Grill::new();
    let mut p = spawn(&g, &["place", "--seed", "3", "--plain"]);
    p.exp_string("Press Enter to start").unwrap();
    p.send_line("").unwrap();
    let n = sit(&g, &mut p, 12, |_| String::new());
    p.exp_string("below junior").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 0, "a placement has nothing to fail");
    assert!(n >= 6, "never fewer than 6 questions: {n}");
    let r = placement(&g);
    assert_eq!(r["placement"]["level"], "below-junior", "{r}");
    assert_eq!(r["passed"], false);
}

#[test]
fn interrupted_then_resumed_continues_the_same_placement() {
    let g = Grill::new();
    let mut p = spawn(&g, &["run", "kubeflow-ops", "--level", "auto", "--seed", "5", "--plain"]);
    p.exp_string("Press Enter to start").unwrap();
    p.send_line("").unwrap();
    // Two answers, then Ctrl-C at the third question.
    assert_eq!(sit(&g, &mut p, 2, reference), 3);
    let third = asked(&g);
    p.send_control('c').unwrap();
    p.exp_string(&seen("Interrupted — your answers are saved. Continue with: grill resume"))
        .unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 130);

    g.args(["resume", "--list"])
        .run()
        .success()
        .stdout_has("KubeFlow Ops ladder (placement) · question 3 of up to 12");
    let mut p = spawn(&g, &["resume", "--plain"]);
    p.exp_string("Resuming placement").unwrap();
    p.exp_string("[3, up to 12]").unwrap();
    assert_eq!(asked(&g), third, "the same question is asked again");
    p.exp_string("left]").unwrap();
    p.send_line(&reference(&third)).unwrap();
    p.send_line("").unwrap();
    sit(&g, &mut p, 12, reference);
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 0);
    let r = placement(&g);
    assert_eq!(r["placement"]["questions"][2]["id"], third.as_str());
    assert_eq!(r["placement"]["level"], "senior", "{r}");
}

#[test]
fn plan_and_sheet_refuse_level_auto_and_sheets_refuse_kind_placement() {
    let g = Grill::new();
    for command in ["plan", "sheet"] {
        g.args([command, "kubeflow-ops", "--level", "auto"])
            .run()
            .code(2)
            .stderr_has(&format!(
                "`--level auto` finds your level in a live placement, so `grill {command}` cannot use it"
            ));
    }
    g.write("a.toml", "kind = \"placement\"\n[[answer]]\nid = \"kfo-j05\"\n");
    g.args(["run", "--answers", "a.toml"])
        .run()
        .code(2)
        .stderr_has("a.toml:1:8: a placement cannot be sat from an answer sheet");
    g.args(["run", "kubeflow-ops", "--level", "auto", "--answers", "a.toml"])
        .run()
        .code(2)
        .stderr_has("`--level auto` is a live placement and cannot grade an answer sheet");
    g.args(["place"]).run().code(2).stderr_has("a live interview needs a terminal");
}

#[test]
fn find_my_level_in_the_start_menu_starts_a_placement() {
    let g = Grill::new();
    let mut p = spawn(&g, &[]);
    p.exp_string("Interview").unwrap();
    p.send_line("").unwrap();
    p.exp_string("Find my level").unwrap();
    for _ in 0..3 {
        p.send("\x1b[B").unwrap();
    }
    p.send_line("").unwrap();
    p.exp_string("A placement: which level do you interview at?").unwrap();
    p.send_line(":quit").unwrap();
    p.exp_string("Left before the first question; nothing was saved.").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 0);
}
