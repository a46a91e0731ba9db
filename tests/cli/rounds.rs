//! An interview of several rounds in a real pseudo-terminal: each round's
//! clock beside the interview's, a summary and a pause between rounds,
//! per-round results in the report.

#![cfg(unix)]

use crate::harness::Grill;
use crate::live::{exit_code, seen};
use rexpect::session::spawn_command;

#[test]
fn mlops_loop_shows_the_round_clock_and_pauses_between_rounds() {
    let g = Grill::new();
    let mut cmd = g.command(&["run", "mlops-loop", "--level", "junior", "--seed", "1", "--plain"]);
    cmd.env("TERM", "xterm");
    let mut p = spawn_command(cmd, Some(15_000)).expect("grill starts in a pty");
    p.exp_string("4 rounds:").unwrap();
    p.exp_string(&seen("1. Technical screen — 4 questions, 12:00")).unwrap();
    p.exp_string("Press Enter to start").unwrap();
    p.send_line("").unwrap();
    p.exp_string("Round 1/4: Technical screen (12:00)").unwrap();
    p.exp_string("[1/").unwrap();
    p.exp_regex(&seen(r"\[question \d:\d\d left · round 1/4 12:00 left · interview \d+:\d\d left\]"))
        .unwrap();
    p.send_line(":skip").unwrap();
    for n in 2..=4 {
        p.exp_string(&format!("[{n}/")).unwrap();
        p.send_line(":skip").unwrap();
    }
    p.exp_string("End of round 1/4: Technical screen. 0 of 4 questions answered")
        .unwrap();
    p.exp_string("Next: round 2/4, Pipeline design").unwrap();
    p.exp_string(&seen("Paused — the clock is stopped")).unwrap();
    p.send_line("").unwrap();
    p.exp_string("Round 2/4: Pipeline design").unwrap();
    p.exp_regex(&seen(r"round 2/4 \d+:\d\d left")).unwrap();
    p.send_line(":quit").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 0);
}
