//! The answer editor in a real pseudo-terminal: editing across lines,
//! bracketed paste, `:skip` with a draft, unknown commands — checked in the
//! answers the session saves.

#![cfg(unix)]

use crate::harness::Grill;
use crate::live::{BANK, SCENARIO, exit_code, seen, spawn};

const LEFT: &str = "\x1b[D";
const HOME: &str = "\x1b[H";
const BACKSPACE: &str = "\x7f";
const CTRL_E: &str = "\x05";

/// Sends `text` as typed keys, at once.
fn keys(p: &mut rexpect::session::PtySession, text: &str) {
    p.send(text).unwrap();
    p.flush().unwrap();
}

fn saved_answers(g: &Grill) -> Vec<String> {
    let sessions: Vec<_> = std::fs::read_dir(g.path("data/sessions")).unwrap().collect();
    assert_eq!(sessions.len(), 1);
    let saved = std::fs::read_to_string(sessions[0].as_ref().unwrap().path()).unwrap();
    let saved: serde_json::Value = serde_json::from_str(&saved).unwrap();
    saved["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["text"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn edits_across_lines_a_paste_with_a_blank_line_and_skip_asking_first() {
    let g = Grill::new();
    g.write("b/pty.toml", BANK);
    g.write("b/scenarios/pty.toml", SCENARIO);
    let mut p = spawn(&g, &["run", "pty", "--level", "mid", "--seed", "1"]);
    p.exp_string("Press Enter to start").unwrap();
    keys(&mut p, "\r");

    // Type, Left ×3, insert; a new line; Home and Backspace join the lines.
    p.exp_string("[1/3]").unwrap();
    keys(&mut p, &format!("abcdef{LEFT}{LEFT}{LEFT}X"));
    p.exp_string("abcXdef").unwrap();
    keys(&mut p, &format!("{CTRL_E}\rgh{HOME}{BACKSPACE}"));
    p.exp_string("> abcXdefgh").unwrap();
    keys(&mut p, &format!("{CTRL_E}\r\r"));

    // A bracketed paste with a blank line arrives whole (a terminal sends
    // line breaks in a paste as carriage returns).
    p.exp_string("[2/3]").unwrap();
    keys(&mut p, "\x1b[200~first line\r\rthird line\x1b[201~");
    p.exp_string("> third line").unwrap();
    keys(&mut p, "\r\r");

    // An unknown command is answered; `:skip` with a draft asks once.
    p.exp_string("[3/3]").unwrap();
    keys(&mut p, "draft text\r:foo\r");
    p.exp_string(&seen("unknown command — :help")).unwrap();
    keys(&mut p, ":skip\r");
    p.exp_string(":skip again to throw it away").unwrap();
    keys(&mut p, ":skip\r");
    p.exp_string("Overall").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 1);

    assert_eq!(saved_answers(&g), ["abcXdefgh", "first line\n\nthird line", ""]);
}

/// `:quit` keeps the draft for `grill resume`, but a candidate who typed
/// in this sitting is asked once first; a draft brought back by resume
/// and left as it was leaves at once.
#[test]
fn quit_with_a_typed_draft_asks_once_and_keeps_the_draft() {
    let g = Grill::new();
    g.write("b/pty.toml", BANK);
    g.write("b/scenarios/pty.toml", SCENARIO);
    let mut p = spawn(&g, &["run", "pty", "--level", "mid", "--seed", "1"]);
    p.exp_string("Press Enter to start").unwrap();
    keys(&mut p, "\r");
    p.exp_string("[1/3]").unwrap();
    keys(&mut p, "half an answer\r:quit\r");
    p.exp_string(":quit again to leave").unwrap();
    keys(&mut p, ":quit\r");
    p.exp_string("Continue with: grill resume").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 0);
    let sessions: Vec<_> = std::fs::read_dir(g.path("data/sessions")).unwrap().collect();
    let saved = std::fs::read_to_string(sessions[0].as_ref().unwrap().path()).unwrap();
    let saved: serde_json::Value = serde_json::from_str(&saved).unwrap();
    assert_eq!(saved["draft"], "half an answer", "{saved}");

    let mut r = spawn(&g, &["resume"]);
    r.exp_string("[1/3]").unwrap();
    r.exp_string("> half an answer").unwrap();
    keys(&mut r, ":quit\r");
    r.exp_string("Continue with: grill resume").unwrap();
    r.exp_eof().unwrap();
    assert_eq!(exit_code(&mut r), 0);
}
