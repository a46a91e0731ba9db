//! At home in a shell: completions (static scripts and dynamic candidates),
//! the manual page, examples in every `--help`, `config.toml` defaults and
//! their precedence, and the pager.

use rexpect::session::spawn_command;

use crate::harness::{Grill, json};
use crate::live::exit_code;

const SHELLS: [&str; 5] = ["bash", "zsh", "fish", "powershell", "elvish"];

#[test]
fn completions_for_every_shell_call_back_into_grill() {
    let g = Grill::new();
    for shell in SHELLS {
        let script = g.args(["completions", shell]).run().success().stdout;
        assert!(script.contains("COMPLETE") && script.contains("grill"), "{shell}: {script}");
    }
    g.args(["completions", "tcsh"]).run().code(2).stderr_has("possible values");
}

/// What the shell gets back for the words typed so far (fish's protocol:
/// one candidate per line, a tab before its description).
fn candidates(g: &Grill, words: &[&str]) -> Vec<String> {
    let mut args = vec!["--", "grill"];
    args.extend_from_slice(words);
    let out = g.args(&args).env("COMPLETE", "fish").run().success().stdout;
    out.lines().map(|l| l.split('\t').next().unwrap_or("").to_string()).collect()
}

#[test]
fn completion_knows_scenarios_levels_questions_and_sessions() {
    let g = Grill::new();
    assert_eq!(candidates(&g, &["run", "kub"]), ["kubeflow-ops", "kubeflow"]);
    assert_eq!(candidates(&g, &["plan", "--level", ""]), ["junior", "mid", "senior"]);
    assert!(candidates(&g, &["grade", "--id", "kfo-j0"]).contains(&"kfo-j07".to_string()));
    assert_eq!(candidates(&g, &["report", "la"]), ["last"]);
    g.args(["sheet", "kubeflow-ops", "--level", "junior", "--seed", "1", "-o", "a.toml"])
        .run()
        .success();
    g.args(["run", "--answers", "a.toml"]).run();
    let sessions = candidates(&g, &["report", ""]);
    assert!(
        sessions.len() >= 2 && sessions[1].len() > 10,
        "the saved session is offered: {sessions:?}"
    );
}

#[test]
fn man_page_is_roff_with_every_command_and_its_options() {
    let g = Grill::new();
    let page = g.args(["man"]).run().success().stdout;
    assert!(page.lines().any(|l| l.starts_with(".TH grill 1")), "{}", &page[..200]);
    let help = g.args(["--help"]).run().success().stdout;
    let commands: Vec<&str> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert!(commands.len() >= 15, "{commands:?}");
    for c in &commands {
        assert!(page.contains(&format!(".SS \"grill-{c}\"")), "no section for {c}");
    }
    assert!(page.contains("\\-\\-feedback"), "options of `run` are described");
    assert!(page.contains(".SS \"grill-banks-check\""), "nested commands too");
}

#[test]
fn every_command_shows_examples_in_its_help() {
    let g = Grill::new();
    for c in [
        "plan",
        "sheet",
        "run",
        "resume",
        "grade",
        "banks",
        "scenarios",
        "history",
        "report",
        "progress",
        "drill",
        "import",
        "config",
        "completions",
        "man",
    ] {
        let help = g.args([c, "--help"]).run().success().stdout;
        let examples = help
            .split("Examples:")
            .nth(1)
            .unwrap_or_else(|| panic!("{c} --help has no examples"));
        assert!(
            examples
                .lines()
                .filter(|l| l.trim_start().starts_with("grill ") || l.contains("grill "))
                .count()
                >= 1,
            "{c}"
        );
    }
    for c in [["banks", "check"], ["banks", "show"], ["history", "export"], ["scenarios", "show"]] {
        let help = g.args([c[0], c[1], "--help"]).run().success().stdout;
        assert!(help.contains("Examples:"), "{c:?}");
    }
}

/// The scenario and level a plan was made for.
fn planned(g: &Grill, args: &[&str], env: &[(&str, &str)]) -> (String, String) {
    let mut all = vec!["plan", "--format", "json", "--seed", "3"];
    all.extend_from_slice(args);
    let mut cmd = g.args(&all);
    for (k, v) in env {
        cmd = cmd.env(k, v);
    }
    let plan = json(&cmd.run().success().stdout);
    (plan["scenario"].as_str().unwrap().into(), plan["level"].as_str().unwrap().into())
}

#[test]
fn settings_file_then_environment_then_flags() {
    let g = Grill::new();
    assert_eq!(planned(&g, &[], &[]), ("kubeflow-ops".into(), "junior".into()));
    g.write("no-config/config.toml", "scenario = \"devops\"\nlevel = \"senior\"\n");
    assert_eq!(planned(&g, &[], &[]), ("devops".into(), "senior".into()));
    assert_eq!(planned(&g, &[], &[("GRILL_LEVEL", "mid")]), ("devops".into(), "mid".into()));
    assert_eq!(
        planned(&g, &["--level", "junior"], &[("GRILL_LEVEL", "mid")]),
        ("devops".into(), "junior".into())
    );
    let shown = g.args(["config"]).env("GRILL_LEVEL", "mid").run().success().stdout;
    assert!(shown.contains("devops") && shown.contains("config.toml"), "{shown}");
    assert!(
        shown
            .lines()
            .any(|l| l.contains("level") && l.contains("mid") && l.contains("GRILL_LEVEL")),
        "{shown}"
    );
}

#[test]
fn a_mistake_in_the_settings_file_is_located_and_stops_the_command() {
    let g = Grill::new();
    g.write("no-config/config.toml", "level = \"mid\"\nlevle = \"senior\"\n");
    g.args(["plan"])
        .run()
        .code(2)
        .stderr_has("config.toml:2:1")
        .stderr_has("level = \"junior\"");
    g.write("no-config/config.toml", "minutes = 0\n");
    g.args(["config"]).run().code(2).stderr_has("between 1 and 1440");
}

#[test]
fn long_output_is_paged_on_a_terminal_and_never_in_a_pipe() {
    let g = Grill::new();
    // A pipe: printed, the pager never runs.
    let out = g
        .args(["banks", "show", "kubeflow"])
        .env("GRILL_PAGER", "cat > paged.txt")
        .run()
        .success()
        .stdout;
    assert!(out.lines().count() > 50);
    assert!(!g.path("paged.txt").exists(), "paged in a pipe");
    // A terminal: the pager gets the text.
    let mut cmd = g.command(&["banks", "show", "kubeflow"]);
    cmd.env("GRILL_PAGER", "cat > paged.txt").env("TERM", "xterm");
    let mut p = spawn_command(cmd, Some(15_000)).expect("grill starts in a pty");
    p.exp_eof().expect("grill finishes");
    assert_eq!(exit_code(&mut p), 0);
    assert!(g.read("paged.txt").contains("kubeflow-001"), "the pager got the text");
    // --no-pager turns it off on a terminal too.
    std::fs::remove_file(g.path("paged.txt")).unwrap();
    let mut cmd = g.command(&["--no-pager", "banks", "show", "kubeflow"]);
    cmd.env("GRILL_PAGER", "cat > paged.txt").env("TERM", "xterm");
    let mut p = spawn_command(cmd, Some(15_000)).expect("grill starts in a pty");
    p.exp_eof().expect("grill finishes");
    assert!(!g.path("paged.txt").exists());
}
