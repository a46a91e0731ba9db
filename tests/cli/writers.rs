//! Issue 15, findings 3 and 4: a file the user names for output is never
//! replaced without `--force`, and a link, FIFO or device never at all.

#![cfg(unix)]

use crate::harness::Grill;
use crate::live::{BANK, SCENARIO, exit_code, spawn};

/// Grades a blank kubeflow-ops sheet so history holds one session.
fn one_session(g: &Grill) {
    g.args(["sheet", "kubeflow-ops", "--level", "junior", "--seed", "1", "-o", "a.toml"])
        .run()
        .success();
    g.args(["run", "--answers", "a.toml"]).run();
}

fn mkfifo(g: &Grill, rel: &str) {
    let status = std::process::Command::new("mkfifo").arg(g.path(rel)).status().unwrap();
    assert!(status.success());
}

#[test]
fn report_output_refuses_an_existing_file_without_force() {
    let g = Grill::new();
    one_session(&g);
    g.write("r.md", "keep me");
    g.args(["report", "-o", "r.md"])
        .run()
        .code(2)
        .stderr_has("r.md already exists; choose another file or pass --force");
    assert_eq!(g.read("r.md"), "keep me");
    g.args(["report", "-o", "r.md", "--force"]).run().success();
    assert!(g.read("r.md").contains("Kubeflow") || g.read("r.md").len() > 100);
}

#[test]
fn report_output_never_replaces_a_link_or_a_fifo_even_with_force() {
    let g = Grill::new();
    one_session(&g);
    g.write("target.md", "kept");
    std::os::unix::fs::symlink(g.path("target.md"), g.path("link.md")).unwrap();
    mkfifo(&g, "pipe.md");
    for force in [false, true] {
        let mut args = vec!["report", "-o", "link.md"];
        if force {
            args.push("--force");
        }
        g.args(&args).run().code(2).stderr_has("link.md is a symbolic link");
        args[2] = "pipe.md";
        g.args(&args).run().code(2).stderr_has("pipe.md is a FIFO");
    }
    let link = std::fs::symlink_metadata(g.path("link.md")).unwrap();
    assert!(link.file_type().is_symlink(), "the link is still a link");
    assert_eq!(g.read("target.md"), "kept");
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::symlink_metadata(g.path("pipe.md")).unwrap().file_type().is_fifo());
}

#[test]
fn every_output_flag_refuses_a_fifo_even_with_force() {
    let g = Grill::new();
    mkfifo(&g, "p.toml");
    g.args(["sheet", "kubeflow-ops", "--level", "junior", "-o", "p.toml", "--force"])
        .run()
        .code(2)
        .stderr_has("p.toml is a FIFO");
    g.args(["drill", "kubeflow-ops", "--level", "junior", "-o", "p.toml", "--force"])
        .run()
        .code(2)
        .stderr_has("p.toml is a FIFO");
    g.args(["history", "export", "p.toml", "--force"])
        .run()
        .code(2)
        .stderr_has("p.toml is a FIFO");
}

#[test]
fn live_save_keeps_an_existing_file_and_offers_another_name() {
    let g = Grill::new();
    g.write("b/pty.toml", BANK);
    g.write("b/scenarios/pty.toml", SCENARIO);
    g.write("mine.toml", "keep me");
    mkfifo(&g, "pipe.toml");
    let mine = g.path("mine.toml").display().to_string();
    let pipe = g.path("pipe.toml").display().to_string();
    let mut p = spawn(&g, &["run", "pty", "--level", "mid", "--seed", "1", "--plain"]);
    p.send_line("").unwrap();
    p.exp_string("[1/3]").unwrap();
    p.send_line(&format!(":save {mine}")).unwrap();
    p.exp_string("already exists and is left as it is").unwrap();
    p.exp_string("mine-1.toml").unwrap();
    p.send_line(&format!(":save {pipe}")).unwrap();
    p.exp_string("is a FIFO").unwrap();
    p.send_line(":quit").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 0);
    assert_eq!(g.read("mine.toml"), "keep me");
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::symlink_metadata(g.path("pipe.toml")).unwrap().file_type().is_fifo());
}
