//! `grill review` (issue 12): rating a finished session's answers later, in
//! a real pseudo-terminal, on the rating screen a live `--self-grade` uses.
//! The live session comes from the self-grading tests' own helper.

#![cfg(unix)]

use crate::harness::{Grill, json};
use crate::live::{BANK, SCENARIO, exit_code, seen, spawn};
use crate::selfgrade::answer;
use crate::selfgrade::live::rated_session;

/// The one session file in history and its review, if any.
fn history_files(g: &Grill) -> (String, Option<String>) {
    let dir = g.path("data/history");
    let mut session = None;
    let mut review = None;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        if path.to_string_lossy().ends_with(".review.json") {
            review = Some(text);
        } else {
            session = Some(text);
        }
    }
    (session.expect("a saved session"), review)
}

fn report(g: &Grill) -> serde_json::Value {
    json(
        &g.args(["--banks", "b", "report", "last", "--format", "json"])
            .run()
            .success()
            .stdout,
    )
}

#[test]
fn review_last_changes_a_grade_and_it_is_saved_beside_the_session() {
    let g = Grill::new();
    rated_session(&g);
    let (session, _) = history_files(&g);
    let mut p = spawn(&g, &["review", "last"]);
    p.exp_string("Reviewing session").unwrap();
    p.exp_string("Rate your answer 1/2").unwrap();
    p.exp_string("(1/1) kubelet restarts the container [c/p/n]").unwrap();
    p.send("c").unwrap();
    p.flush().unwrap();
    p.exp_string(&seen("You: 100.0 (checklist) · grader:")).unwrap();
    p.exp_string("Rate your answer 2/2").unwrap();
    p.exp_string("(1/1) removed from service endpoints").unwrap();
    // Enter alone is no rating: the live "easy" stays.
    p.send_line("").unwrap();
    p.exp_string("Left as it was.").unwrap();
    p.exp_string("1 of 2 answers rated this time").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 0);

    let (after, review) = history_files(&g);
    assert_eq!(after, session, "a saved session is never rewritten");
    let review = json(&review.expect("the review is saved beside the session"));
    assert_eq!(review["format"], "grill-review");
    let q = &report(&g)["questions"];
    assert_eq!(q[0]["self_points"]["kubelet restarts the container"], "covered", "{}", q[0]);
    assert_eq!(q[0]["self_score"], 100.0);
    assert_eq!(q[1]["self_rating"], "easy", "kept from the live rating");

    // A second review supersedes the first, and says so.
    let mut p = spawn(&g, &["review"]);
    p.exp_string("supersedes your review of").unwrap();
    p.exp_string("Rate your answer 1/2").unwrap();
    p.send("1").unwrap();
    p.flush().unwrap();
    p.exp_string("Rate your answer 2/2").unwrap();
    p.send_line("").unwrap();
    p.exp_eof().unwrap();
    let review = json(&history_files(&g).1.unwrap());
    assert!(review["supersedes"].is_string(), "{review}");
    assert_eq!(report(&g)["questions"][0]["self_rating"], "again");
}

#[test]
fn ctrl_c_mid_review_keeps_the_ratings_already_given() {
    let g = Grill::new();
    rated_session(&g);
    let mut p = spawn(&g, &["review", "last"]);
    p.exp_string("(1/1) kubelet restarts the container [c/p/n]").unwrap();
    p.send("p").unwrap();
    p.flush().unwrap();
    p.exp_string("Rate your answer 2/2").unwrap();
    p.exp_string("(1/1) removed from service endpoints").unwrap();
    p.send_control('c').unwrap();
    p.exp_string("Review stopped; the ratings given are kept.").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 130);
    let r = report(&g);
    assert_eq!(r["questions"][0]["self_points"]["kubelet restarts the container"], "partly");
    assert_eq!(r["questions"][1]["self_rating"], "easy");
    assert_eq!(r["self_rated"], 2);
}

#[test]
fn run_answers_review_rates_after_grading_before_the_report() {
    let g = Grill::new();
    g.write("b/pty.toml", BANK);
    g.write("b/scenarios/pty.toml", SCENARIO);
    g.args(["--banks", "b", "sheet", "pty", "--level", "mid", "--seed", "1", "-o", "a.toml"])
        .run()
        .success();
    let sheet = answer(&g.read("a.toml"), "pty-1", "The kubelet restarts the container.", "");
    g.write("a.toml", &sheet);
    let mut p = spawn(&g, &["run", "--answers", "a.toml", "--review"]);
    p.exp_string("Saved to history as").unwrap();
    p.exp_string("Rate your answer 1/1").unwrap();
    p.exp_string("(1/1) kubelet restarts the container [c/p/n]").unwrap();
    p.send("3").unwrap();
    p.flush().unwrap();
    p.exp_string(&seen("You: 80.0 (good) · grader:")).unwrap();
    // Then the report, with both grades.
    p.exp_string("you 80.0 (good)").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 0);
    let r = report(&g);
    assert_eq!(
        (r["questions"][0]["self_rating"].as_str(), r["self_rated"].as_u64()),
        (Some("good"), Some(1))
    );
}

#[test]
fn without_a_terminal_a_review_says_how_to_grade_in_a_sheet() {
    let g = Grill::new();
    g.args(["review"])
        .run()
        .code(2)
        .stderr_has("a review needs a terminal")
        .stderr_has("self = 70");
    g.write("a.toml", "");
    g.args(["run", "--answers", "a.toml", "--review"])
        .run()
        .code(2)
        .stderr_has("a review needs a terminal");
}

#[test]
fn self_grade_in_the_start_menu_turns_self_grading_on() {
    let g = Grill::new();
    let mut cmd = g.command::<&str>(&[]);
    cmd.env("TERM", "xterm");
    let mut p = rexpect::session::spawn_command(cmd, Some(15_000)).expect("grill starts in a pty");
    p.exp_string("Interview").unwrap();
    p.send_line("").unwrap();
    p.exp_string("Level").unwrap();
    p.send_line("").unwrap();
    p.exp_string("Grading").unwrap();
    p.exp_string("Self-grade").unwrap();
    p.send("j").unwrap();
    p.send_line("").unwrap();
    p.exp_string("Press Enter to start").unwrap();
    p.send_line("").unwrap();
    p.exp_string("[1/8]").unwrap();
    p.send_line("Some words.").unwrap();
    p.send_line("").unwrap();
    p.exp_string("[2/8]").unwrap();
    p.send_line(":quit").unwrap();
    p.exp_string("Saved after 1 of 8 questions").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 0);
    let saved: Vec<String> = std::fs::read_dir(g.path("data/sessions"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert!(
        saved.iter().any(|s| s.contains("\"self_grade\": true")),
        "the interview is self-graded: {saved:?}"
    );
}
