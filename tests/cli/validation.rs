//! `grill banks check`: every kind of mistake in a bank or scenario file is
//! reported with its file, line and column and what to fix.

use crate::harness::{BANK, Grill, SCENARIO};

/// Checks `files` (written under `in/`) and returns stderr, asserting exit 2.
fn check(files: &[(&str, &str)]) -> String {
    let g = Grill::new();
    for (name, text) in files {
        g.write(&format!("in/{name}"), text);
    }
    g.args(["banks", "check", "in"]).run().code(2).stderr
}

#[track_caller]
fn assert_has(stderr: &str, needle: &str) {
    assert!(stderr.contains(needle), "expected {needle:?} in:\n{stderr}");
}

#[test]
fn a_good_user_bank_passes() {
    let g = Grill::new();
    g.write("in/extra.toml", BANK);
    g.write("in/scenarios/extra.toml", SCENARIO);
    g.args(["banks", "check", "in"]).run().success().stdout_has("ok: ");
    g.args(["banks", "check", "in/extra.toml"]).run().success();
}

#[test]
fn bad_toml() {
    let err = check(&[("b.toml", &BANK.replace("level = \"mid\"", "level = \"mid"))]);
    assert_has(&err, "in/b.toml:9:13: invalid basic string");
    assert_has(&err, "level = \"mid");
}

#[test]
fn unknown_field() {
    let err = check(&[("b.toml", &BANK.replacen("difficulty = 2", "dificulty = 2", 1))]);
    assert_has(&err, "in/b.toml:11:1: unknown field `dificulty`, expected one of");
    assert_has(&err, "help: check the spelling of the field");
}

#[test]
fn duplicate_id_across_banks() {
    let other = BANK.replace("id = \"extra\"", "id = \"other\"").replace("extra-2", "other-2");
    let err = check(&[("a.toml", BANK), ("b.toml", &other)]);
    assert_has(
        &err,
        "in/b.toml:6:1: duplicate question id `extra-1` (first defined at in/a.toml:6:1)",
    );
}

#[test]
fn duplicate_id_with_a_built_in_question() {
    let err = check(&[("a.toml", &BANK.replace("extra-1", "kfo-j01"))]);
    assert_has(
        &err,
        "duplicate question id `kfo-j01` (first defined at <embedded>/banks/kubeflow-ops.toml:",
    );
}

#[test]
fn empty_reference() {
    let err = check(&[(
        "b.toml",
        &BANK.replace(
            "reference = \"The kubelet restarts a container whose liveness probe keeps failing.\"",
            "reference = \"\"",
        ),
    )]);
    assert_has(&err, "in/b.toml:12:13: question `extra-1` has an empty reference answer");
    assert_has(&err, "draft = true");
}

#[test]
fn key_point_without_weight() {
    let err = check(&[("b.toml", &BANK.replacen("weight = 3\n", "", 1))]);
    assert_has(&err, "in/b.toml:13:1: missing field `weight`");
}

#[test]
fn scenario_naming_a_missing_bank() {
    let err = check(&[
        ("b.toml", BANK),
        (
            "scenarios/s.toml",
            &SCENARIO.replace("banks = [\"extra\"]", "banks = [\"extra\", \"nope\"]"),
        ),
    ]);
    assert_has(
        &err,
        "in/scenarios/s.toml:5:19: scenario `extra` names bank `nope`, which does not exist",
    );
    assert_has(&err, "help: known banks: ");
}

#[test]
fn scenario_naming_a_missing_level() {
    let err = check(&[
        ("b.toml", BANK),
        ("scenarios/s.toml", &SCENARIO.replace("[levels.mid]", "[levels.expert]")),
    ]);
    assert_has(
        &err,
        "in/scenarios/s.toml:6:9: unknown field `expert`, expected one of `junior`, `mid`, `senior`",
    );
}

#[test]
fn scenario_asking_for_more_questions_than_its_banks_hold() {
    let err = check(&[
        ("b.toml", BANK),
        ("scenarios/s.toml", &SCENARIO.replace("questions = 2", "questions = 5")),
    ]);
    assert_has(&err, "scenario `extra` round `Extra` asks 5 mid questions, but its banks hold 2");
    let err = check(&[
        ("b.toml", BANK),
        ("scenarios/s.toml", &SCENARIO.replace("[levels.mid]", "[levels.junior]")),
    ]);
    assert_has(&err, "asks 2 junior questions, but its banks hold 0");
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let bad = BANK
        .replace("topic = \"kubernetes\"", "topic = \"k8s\"")
        .replace("difficulty = 2", "difficulty = 7");
    let err = check(&[("b.toml", &bad)]);
    assert_has(&err, "unknown topic `k8s`");
    assert_has(&err, "difficulty 7");
    assert_has(&err, "4 problems found");
}

#[test]
fn drafts_are_listed_not_failed() {
    let g = Grill::new();
    let draft = BANK.replace(
        "reference = \"The kubelet restarts a container whose liveness probe keeps failing.\"",
        "draft = true",
    );
    g.write("in/b.toml", &draft);
    g.args(["banks", "check", "in"])
        .run()
        .success()
        .stdout_has("draft: ")
        .stdout_has("`extra-1` needs a reference answer");
}
