//! `plan`, `sheet`, `run` and browsing, end to end.

use crate::harness::{self, Grill, json};

#[test]
fn without_a_terminal_bare_grill_says_how_to_run_from_a_file() {
    let out = Grill::new().run().code(2);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    out.stderr_has("a live interview needs a terminal")
        .stderr_has("grill run --answers answers.toml");
    Grill::new()
        .args(["run", "kubeflow-ops", "--level", "mid"])
        .run()
        .code(2)
        .stderr_has("a live interview needs a terminal");
}

#[test]
fn plan_is_reproducible_for_a_seed_and_keeps_to_the_level() {
    let a = Grill::new()
        .args(["plan", "kubeflow-ops", "--level", "junior", "--seed", "42", "--format", "json"])
        .run()
        .success()
        .stdout;
    let b = Grill::new()
        .args(["plan", "kubeflow-ops", "--level", "junior", "--seed", "42", "--format", "json"])
        .run()
        .success()
        .stdout;
    assert_eq!(a, b);
    let plan = json(&a);
    let questions = plan["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 8);
    assert!(questions.iter().all(|q| q["level"] == "junior"));
    assert!(
        plan["questions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["budget_seconds"].as_u64().unwrap())
            .sum::<u64>()
            <= plan["budget_seconds"].as_u64().unwrap()
    );
    let other = json(
        &Grill::new()
            .args(["plan", "kubeflow-ops", "--level", "junior", "--seed", "43", "--format", "json"])
            .run()
            .success()
            .stdout,
    );
    assert_ne!(plan["questions"], other["questions"]);
}

#[test]
fn plan_without_a_seed_prints_the_one_it_used() {
    let out = Grill::new().args(["plan", "kubeflow-ops", "--level", "mid"]).run().success();
    let seed = out
        .stdout
        .split("seed ")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    assert!(seed.parse::<u64>().is_ok(), "{}", out.stdout);
    out.stdout_has(&format!("Repeat this plan with --seed {seed}"));
}

#[test]
fn plan_says_plainly_when_the_budget_cannot_fit() {
    Grill::new()
        .args(["plan", "kubeflow-ops", "--level", "senior", "--minutes", "5", "--seed", "1"])
        .run()
        .code(2)
        .stderr_has("cannot fit in 5:00")
        .stderr_has("--minutes");
    Grill::new()
        .args(["plan", "kubeflow-ops", "--level", "junior", "--count", "99"])
        .run()
        .code(2)
        .stderr_has("scenario `kubeflow-ops` needs 99 junior questions but its banks hold only 15");
    Grill::new()
        .args(["plan", "nope", "--level", "junior"])
        .run()
        .code(2)
        .stderr_has("no scenario `nope`; known scenarios: ");
}

#[test]
fn sheet_then_run_grades_the_answers() {
    let g = Grill::new();
    g.args(["sheet", "kubeflow-ops", "--level", "junior", "--seed", "7", "-o", "answers.toml"])
        .run()
        .success()
        .stderr_has("Wrote a blank sheet of 8 questions");
    // Refuses to overwrite a sheet that may hold answers.
    g.args(["sheet", "kubeflow-ops", "--level", "junior", "--seed", "7", "-o", "answers.toml"])
        .run()
        .code(2)
        .stderr_has("--force");

    let plan = json(
        &g.args(["plan", "kubeflow-ops", "--level", "junior", "--seed", "7", "--format", "json"])
            .run()
            .success()
            .stdout,
    );
    let ids: Vec<String> = plan["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap().to_string())
        .collect();
    // Answer every question with its own reference, except the last, skipped.
    let mut sheet = g.read("answers.toml");
    for id in &ids[..ids.len() - 1] {
        let q = json(&g.args(["banks", "show", id, "--format", "json"]).run().success().stdout);
        let reference = q["reference"]
            .as_str()
            .unwrap()
            .replace('\\', "\\\\")
            .replace("\"\"\"", "\\\"\\\"\\\"");
        sheet = sheet.replacen(
            &format!("id = \"{id}\"\ntext = \"\"\"\n"),
            &format!("id = \"{id}\"\nseconds = 100\ntext = \"\"\"\n{reference}\n"),
            1,
        );
    }
    g.write("answers.toml", &sheet);

    let report = json(
        &g.args(["run", "--answers", "answers.toml", "--format", "json"])
            .run()
            .success()
            .stdout,
    );
    assert_eq!(report["scenario"], "kubeflow-ops");
    assert_eq!(report["level"], "junior");
    assert_eq!(report["seed"], 7);
    assert_eq!(report["passed"], true);
    let questions = report["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 8);
    for q in &questions[..7] {
        assert!(q["score"].as_f64().unwrap() >= 95.0, "{q}");
        assert_eq!(q["skipped"], false);
        assert_eq!(q["seconds"], 100);
        assert_eq!(q["missed"].as_array().unwrap().len(), 0, "{q}");
        for field in ["id", "prompt", "topic", "level", "verdict", "covered", "budget_seconds"] {
            assert!(!q[field].is_null(), "{field} missing in {q}");
        }
    }
    let last = &questions[7];
    assert_eq!(
        (last["skipped"].as_bool(), last["score"].as_f64(), last["verdict"].as_str()),
        (Some(true), Some(0.0), Some("skipped"))
    );
    assert!(!last["missed"].as_array().unwrap().is_empty());

    // The terminal report and Markdown export of the same run.
    let out = g
        .args(["run", "--answers", "answers.toml", "--export", "report.md"])
        .run()
        .success();
    out.stdout_has("PASSED")
        .stdout_has("By topic")
        .stderr_has("Report written to report.md");
    assert!(g.read("report.md").contains("## Questions"));
}

#[test]
fn an_unanswered_sheet_fails_with_exit_1_and_unknown_ids_are_warned_about() {
    let g = Grill::new();
    g.args(["sheet", "kubeflow-ops", "--level", "mid", "--seed", "3", "-o", "a.toml"])
        .run()
        .success();
    let sheet = g.read("a.toml") + "\n[[answer]]\nid = \"no-such-question\"\ntext = \"hello\"\n";
    g.write("a.toml", &sheet);
    g.args(["run", "--answers", "a.toml"])
        .run()
        .code(1)
        .stdout_has("NOT PASSED")
        .stderr_has("answer to `no-such-question` ignored: no bank has a question with that id");
}

#[test]
fn banks_list_json_is_for_scripts() {
    let list = json(&Grill::new().args(["banks", "list", "--format", "json"]).run().success().stdout);
    let list = list.as_array().unwrap();
    assert!(list.len() >= 50);
    for field in ["id", "bank", "prompt", "level", "topic"] {
        assert!(list.iter().all(|q| q[field].is_string()), "{field}");
    }
    let junior = json(
        &Grill::new()
            .args(["banks", "list", "--bank", "kubeflow-ops", "--level", "junior", "--format", "json"])
            .run()
            .success()
            .stdout,
    );
    assert_eq!(junior.as_array().unwrap().len(), 15);
}

#[test]
fn banks_and_scenarios_can_be_shown() {
    Grill::new()
        .args(["banks", "show", "kubeflow-ops"])
        .run()
        .success()
        .stdout_has("kfo-j01");
    Grill::new()
        .args(["banks", "show", "kfo-m03"])
        .run()
        .success()
        .stdout_has("Reference answer:")
        .stdout_has("Key points:");
    Grill::new()
        .args(["banks", "show", "zzz"])
        .run()
        .code(2)
        .stderr_has("no bank or question `zzz`");
    Grill::new().args(["scenarios", "list"]).run().success().stdout_has("kubeflow-ops");
    Grill::new()
        .args(["scenarios", "show", "kubeflow-ops"])
        .run()
        .success()
        .stdout_has("ArgoCD")
        .stdout_has("Pass marks: junior 60");
}

#[test]
fn the_shipped_banks_pass_the_check() {
    Grill::new().args(["banks", "check"]).run().success().stdout_has("ok: ");
}

#[test]
fn user_banks_add_to_the_built_in_ones() {
    let g = Grill::new();
    g.write("mine/extra.toml", harness::BANK);
    g.write("mine/scenarios/extra.toml", harness::SCENARIO);
    g.args(["--banks", "mine", "banks", "list", "--bank", "extra"])
        .run()
        .success()
        .stdout_has("extra-1");
    g.args(["--banks", "mine", "plan", "extra", "--level", "mid", "--seed", "1"])
        .run()
        .success()
        .stdout_has("extra-");
    // A config directory is read too.
    g.write("config/banks/extra.toml", harness::BANK);
    g.args(["banks", "show", "extra-2"])
        .env("GRILL_CONFIG_DIR", "config")
        .run()
        .success();
}

#[test]
fn closed_pipe_is_not_an_error() {
    let out = Grill::new().args(["banks", "list"]).with_closed_stdout();
    assert!(out.status.success(), "{out:?}");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

#[test]
fn stats_count_every_seed_question_and_the_behavioural_bank() {
    let stats = json(&Grill::new().args(["banks", "stats", "--format", "json"]).run().success().stdout);
    let count = |bank: &str| {
        stats["banks"][bank]
            .as_object()
            .map_or(0, |levels| levels.values().map(|n| n.as_u64().unwrap()).sum::<u64>())
    };
    // The seed documents: 22 + 20 + 20 + 27 + 20 (001), 100 (002), 17 (000), 50 (004).
    for (bank, n) in [
        ("devops", 22),
        ("devsecops", 20),
        ("cloudops", 20),
        ("mlops", 27),
        ("aiops", 20),
        ("kubeflow", 100),
        ("mlops-freshers", 17),
        ("kubeflow-ops", 50),
    ] {
        assert_eq!(count(bank), n, "{bank}");
    }
    assert!(count("behavioural") >= 12);
    assert!(stats["questions"].as_u64().unwrap() >= 276 + 12);
    Grill::new().args(["banks", "stats"]).run().success().stdout_has("behavioural");
}
