//! The live interview in a real pseudo-terminal: what the screen shows,
//! commands, Ctrl-C in the middle, and `grill resume` to the end with every
//! answer kept.

#![cfg(unix)]

use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};

use crate::harness::Grill;

pub const BANK: &str = r#"
id = "pty"
title = "Pty"
[[question]]
id = "pty-1"
prompt = "What does a liveness probe do?"
level = "mid"
topic = "kubernetes"
difficulty = 1
seconds = 60
reference = "The kubelet restarts a container whose liveness probe keeps failing."
[[question.key_points]]
point = "kubelet restarts the container"
weight = 3
[[question]]
id = "pty-2"
prompt = "What does a readiness probe do?"
level = "mid"
topic = "networking"
difficulty = 2
seconds = 60
reference = "A failing readiness probe takes the pod out of the Service endpoints until it recovers."
[[question.key_points]]
point = "removed from service endpoints"
weight = 3
alternatives = ["out of the service endpoints"]
[[question]]
id = "pty-3"
prompt = "What is a PodDisruptionBudget?"
level = "mid"
topic = "reliability"
difficulty = 3
seconds = 60
reference = "It limits how many pods voluntary disruptions such as node drains may evict at once."
[[question.key_points]]
point = "limits voluntary disruptions"
weight = 3
"#;

pub const SCENARIO: &str = r#"
id = "pty"
title = "Pty drill"
briefing = "Three probes, one minute each."
banks = ["pty"]
order = "easy-first"
[levels.mid]
questions = 3
minutes = 5
pass_mark = 10
"#;

/// rexpect reads the terminal byte by byte as Latin-1: spell a needle the
/// same way so text with `·` or `—` can be matched.
pub fn seen(text: &str) -> String {
    text.bytes().map(char::from).collect()
}

pub fn spawn(g: &Grill, args: &[&str]) -> PtySession {
    let mut cmd = g.command(&["--banks", "b"]);
    cmd.args(args).env("TERM", "xterm");
    spawn_command(cmd, Some(15_000)).expect("grill starts in a pty")
}

pub fn exit_code(p: &mut PtySession) -> i32 {
    match p.process().wait().expect("grill exits") {
        WaitStatus::Exited(_, code) => code,
        other => panic!("grill did not exit normally: {other:?}"),
    }
}

#[test]
fn answer_skip_hint_interrupt_then_resume_to_the_end() {
    let g = Grill::new();
    g.write("b/pty.toml", BANK);
    g.write("b/scenarios/pty.toml", SCENARIO);

    let mut p = spawn(&g, &["run", "pty", "--level", "mid", "--seed", "1"]);
    p.exp_string("Three probes, one minute each.").unwrap();
    p.exp_string("Press Enter to start").unwrap();
    p.send_line("").unwrap();

    // Question 1: a two-line answer, the countdown visible while typing.
    p.exp_string(&seen("[1/3] kubernetes · mid · 1:00")).unwrap();
    p.exp_string("What does a liveness probe do?").unwrap();
    p.exp_regex(&seen(r"question 0:[0-5]\d left · interview 4:[0-5]\d left")).unwrap();
    p.send_line("The kubelet restarts").unwrap();
    p.send_line("the container when it fails.").unwrap();
    p.exp_string("> the container when it fails.").unwrap();
    p.send_line("").unwrap();

    // Question 2: a hint, then skip.
    p.exp_string("[2/3] networking").unwrap();
    p.send_line(":hint").unwrap();
    p.exp_string("Hint: removed from service endpoints").unwrap();
    p.send_line(":skip").unwrap();

    // Question 3: Ctrl-C half-way through typing.
    p.exp_string("[3/3] reliability").unwrap();
    p.send("It limits volun").unwrap();
    p.flush().unwrap();
    p.exp_string("It limits volun").unwrap();
    p.send_control('c').unwrap();
    p.exp_string(&seen("Interrupted — your answers are saved. Continue with: grill resume"))
        .unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 130);

    // Resume: the draft comes back; finish it and see the report.
    let mut p = spawn(&g, &["resume"]);
    p.exp_string("Resuming").unwrap();
    p.exp_string("[3/3] reliability").unwrap();
    p.exp_string("> It limits volun").unwrap();
    p.send_line("tary disruptions").unwrap();
    p.send_line("").unwrap();
    p.exp_string("Overall").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 0);

    // Every answer is in the saved session.
    let sessions: Vec<_> = std::fs::read_dir(g.path("data/sessions")).unwrap().collect();
    assert_eq!(sessions.len(), 1);
    let saved = std::fs::read_to_string(sessions[0].as_ref().unwrap().path()).unwrap();
    let saved: serde_json::Value = serde_json::from_str(&saved).unwrap();
    assert_eq!(saved["finished"], true);
    let answers: Vec<&str> = saved["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        answers,
        [
            "The kubelet restarts\nthe container when it fails.",
            "",
            "It limits volun\ntary disruptions"
        ]
    );
    assert_eq!(saved["answers"][1]["hints"], 1);

    // The finished session is in history, as a live interview.
    let report = crate::harness::json(&g.args(["--banks", "b", "report", "--format", "json"]).run().success().stdout);
    assert_eq!(report["session"]["source"], "live");
    assert_eq!(report["questions"][1]["hints"], 1);
    assert_eq!(report["questions"][2]["answer"], "It limits volun\ntary disruptions");
}

#[test]
fn pause_quit_and_resume_list() {
    let g = Grill::new();
    g.write("b/pty.toml", BANK);
    g.write("b/scenarios/pty.toml", SCENARIO);
    let mut p = spawn(
        &g,
        &["run", "pty", "--level", "mid", "--seed", "1", "--plain", "--feedback", "instant"],
    );
    p.send_line("").unwrap();
    p.exp_string("[1/3]").unwrap();
    p.exp_string(&seen("[question 1:00 left · interview 5:00 left]")).unwrap();
    p.send_line(":pause").unwrap();
    p.exp_string(&seen("Paused — the clock is stopped")).unwrap();
    p.send_line("").unwrap();
    p.send_line("The kubelet restarts the container.").unwrap();
    p.send_line("").unwrap();
    p.exp_string("Score ").unwrap();
    // Instant feedback waits, clock stopped, until the candidate goes on.
    p.exp_string(&seen("Paused — the clock is stopped")).unwrap();
    p.send_line("").unwrap();
    p.exp_string("[2/3]").unwrap();
    p.send_line(":help").unwrap();
    p.exp_string(":pause   stop the clock until Enter").unwrap();
    p.send_line(":quit").unwrap();
    p.exp_string("Saved after 1 of 3 questions. Continue with: grill resume").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 0);
    g.args(["resume", "--list"])
        .run()
        .success()
        .stdout_has("Pty drill (mid) · question 2 of 3");
}

#[test]
fn bare_grill_opens_the_menu_with_the_kubeflow_ops_ladder_preselected() {
    let g = Grill::new();
    let mut cmd = g.command::<&str>(&[]);
    cmd.env("TERM", "xterm");
    let mut p = spawn_command(cmd, Some(15_000)).expect("grill starts in a pty");
    p.exp_string("Interview").unwrap();
    p.exp_string("KubeFlow Ops ladder (kubeflow-ops)").unwrap();
    p.send_line("").unwrap();
    p.exp_string("Level").unwrap();
    p.exp_string("junior").unwrap();
    p.send_line("").unwrap();
    p.exp_string("Grading").unwrap();
    p.send_line("").unwrap();
    p.exp_string("KubeFlow Ops ladder").unwrap();
    p.exp_string("8 questions at junior level").unwrap();
    p.send_line(":quit").unwrap();
    p.exp_string("Left before the first question; nothing was saved.").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 0);
    g.args(["resume", "--list"]).run().success().stdout_has("No unfinished interviews.");
}

/// `grill report -o FILE` from a terminal writes plain text: the terminal
/// shows colour, the file never holds an escape byte.
#[test]
fn report_to_a_file_from_a_terminal_holds_no_escape_bytes() {
    let g = Grill::new();
    g.args(["sheet", "kubeflow-ops", "--level", "junior", "--seed", "1", "-o", "a.toml"])
        .run()
        .success();
    g.args(["run", "--answers", "a.toml"]).run();
    let run_in_pty = |args: &[&str]| {
        let mut cmd = g.command(args);
        cmd.env_remove("NO_COLOR").env("TERM", "xterm");
        let mut p = spawn_command(cmd, Some(15_000)).expect("grill starts in a pty");
        let shown = p.exp_eof().expect("grill finishes");
        (shown, exit_code(&mut p))
    };
    let (shown, code) = run_in_pty(&["report", "last"]);
    assert_eq!(code, 0);
    assert!(shown.contains('\x1b'), "the terminal gets colour: {shown:?}");
    let (_, code) = run_in_pty(&["report", "last", "-o", "r.txt"]);
    assert_eq!(code, 0);
    let file = g.read("r.txt");
    assert!(file.contains("Overall"), "{file}");
    assert!(!file.contains('\x1b'), "escape bytes in the file: {file:?}");
}

/// The start menu shows its keys; Esc at the level goes back to the
/// scenarios (a second Esc leaves).
#[test]
fn the_menu_shows_its_keys_and_esc_goes_back_a_step() {
    let g = Grill::new();
    let mut cmd = g.command::<&str>(&[]);
    cmd.env("TERM", "xterm");
    let mut p = spawn_command(cmd, Some(15_000)).expect("grill starts in a pty");
    p.exp_string(&seen("Enter choose · Esc back")).unwrap();
    p.send_line("").unwrap();
    p.exp_string("Level").unwrap();
    p.send("\x1b").unwrap();
    p.flush().unwrap();
    p.exp_string("Interview").unwrap();
    p.exp_string("KubeFlow Ops ladder (kubeflow-ops)").unwrap();
    p.send("\x1b").unwrap();
    p.flush().unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 0);
}
