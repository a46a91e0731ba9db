//! Every screen fits the terminal: the report, `history` and `resume
//! --list` keep each line within `COLUMNS` (60 and 80), without splitting
//! an id.

#![cfg(unix)]

use crate::harness::Grill;
use rexpect::session::spawn_command;

use crate::live::exit_code;

#[track_caller]
fn fits(what: &str, text: &str, columns: usize) {
    assert!(!text.trim().is_empty(), "{what}: nothing printed");
    for line in text.lines() {
        assert!(
            grill::layout::width(line) <= columns,
            "{what} at {columns} columns: a line of {} columns:\n{line}\n---\n{text}",
            grill::layout::width(line)
        );
    }
}

#[test]
fn report_history_and_resume_list_fit_60_and_80_columns() {
    let g = Grill::new();
    g.args(["sheet", "kubeflow-ops", "--level", "senior", "--seed", "3", "-o", "a.toml"])
        .run()
        .success();
    g.args(["run", "--answers", "a.toml"]).run();
    // An unfinished live interview, for `resume --list`.
    let mut cmd = g.command(&["run", "kubeflow-ops", "--level", "junior", "--seed", "1"]);
    cmd.env("TERM", "xterm");
    let mut p = spawn_command(cmd, Some(15_000)).expect("grill starts in a pty");
    p.exp_string("Press Enter to start").unwrap();
    p.send_line("").unwrap();
    p.exp_string("[1/").unwrap();
    p.send_line(":quit").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 0);

    for columns in [60, 80] {
        let c = columns.to_string();
        let report = g.args(["report", "last"]).env("COLUMNS", &c).run().success().stdout;
        fits("report", &report, columns);
        let history = g.args(["history"]).env("COLUMNS", &c).run().success().stdout;
        fits("history", &history, columns);
        let list = g.args(["resume", "--list"]).env("COLUMNS", &c).run().success().stdout;
        fits("resume --list", &list, columns);
        let id = list.lines().next().unwrap().split_whitespace().next().unwrap();
        assert!(id.ends_with("kubeflow-ops-junior"), "the id is whole on its line: {list}");
    }
}

#[test]
fn progress_plan_and_lists_fit_60_and_80_columns_with_ids_and_commands_whole() {
    let g = Grill::new();
    g.args(["sheet", "mlops-loop", "--level", "senior", "--seed", "2", "-o", "a.toml"])
        .run()
        .success();
    g.args(["run", "--answers", "a.toml"]).run();
    for columns in [60, 80] {
        let c = columns.to_string();
        let progress = g.args(["progress"]).env("COLUMNS", &c).run().success().stdout;
        fits("progress", &progress, columns);
        assert!(
            progress
                .lines()
                .any(|l| l.trim_start().starts_with("grill drill -l ") || l.contains("   grill drill -l ")),
            "the drill command is whole on a line: {progress}"
        );
        let plan = g
            .args(["plan", "mlops-loop", "--level", "senior", "--seed", "2"])
            .env("COLUMNS", &c)
            .run()
            .success()
            .stdout;
        fits("plan", &plan, columns);
        assert!(plan.contains("--seed 2."), "{plan}");
        let banks = g.args(["banks", "list"]).env("COLUMNS", &c).run().success().stdout;
        fits("banks list", &banks, columns);
        assert!(
            banks.lines().any(|l| l.starts_with("kfo-j15 ")),
            "ids start their line whole: {banks}"
        );
        let scenarios = g.args(["scenarios", "list"]).env("COLUMNS", &c).run().success().stdout;
        fits("scenarios list", &scenarios, columns);
        assert!(scenarios.lines().any(|l| l.starts_with("mlops-loop ")), "{scenarios}");
    }
}
