//! Self-grading beside the grader (issue 12): the candidate's own grades
//! from a sheet, in every report format.

use crate::harness::{Grill, json};

/// A sheet for kubeflow-ops (junior, seed 7) and its question ids.
fn sheet(g: &Grill) -> (String, Vec<String>) {
    g.args(["sheet", "kubeflow-ops", "--level", "junior", "--seed", "7", "-o", "a.toml"])
        .run()
        .success();
    let plan = json(
        &g.args(["plan", "kubeflow-ops", "--level", "junior", "--seed", "7", "--format", "json"])
            .run()
            .success()
            .stdout,
    );
    let ids = plan["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap().to_string())
        .collect();
    (g.read("a.toml"), ids)
}

fn key_points(g: &Grill, id: &str) -> Vec<String> {
    let q = json(&g.args(["banks", "show", id, "--format", "json"]).run().success().stdout);
    q["key_points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["point"].as_str().unwrap().to_string())
        .collect()
}

/// Fills answer `id` with `text` and the extra `fields` lines.
pub fn answer(sheet: &str, id: &str, text: &str, fields: &str) -> String {
    sheet.replacen(
        &format!("id = \"{id}\"\ntext = \"\"\"\n"),
        &format!("id = \"{id}\"\n{fields}\ntext = \"\"\"\n{text}\n"),
        1,
    )
}

#[test]
fn a_sheet_with_self_grades_gives_them_in_every_report_format() {
    let g = Grill::new();
    let (mut text, ids) = sheet(&g);
    assert!(text.contains("# self = \"good\""), "the blank sheet offers the field");
    let points = key_points(&g, &ids[1]);
    text = answer(&text, &ids[0], "I do not know.", "self = \"easy\"");
    text = answer(
        &text,
        &ids[1],
        "I am not sure, something about pods.",
        &format!("self_points = {{ \"{}\" = \"covered\" }}", points[0]),
    );
    // Pressing nothing is not a rating: the third answer has no self grade.
    text = answer(&text, &ids[2], "Some words.", "");
    g.write("a.toml", &text);
    let report = json(&g.args(["run", "--answers", "a.toml", "--format", "json", "--no-save"]).run().stdout);
    assert_eq!(report["version"], 3);
    let q = &report["questions"];
    assert_eq!(
        (q[0]["self_score"].as_f64(), q[0]["self_rating"].as_str()),
        (Some(95.0), Some("easy"))
    );
    assert_eq!(q[0]["disagreement"], true, "{}", q[0]);
    assert_eq!(q[1]["self_points"][&points[0]], "covered");
    assert!(q[1]["self_score"].as_f64().unwrap() > 0.0);
    assert_eq!(q[1]["self_rating"], serde_json::Value::Null);
    let claimed = format!("you claimed \"{}\"; no words of yours matched it", points[0]);
    assert!(
        q[1]["disagreements"].as_array().unwrap().iter().any(|d| d == claimed.as_str()),
        "{}",
        q[1]
    );
    assert_eq!((q[2]["self_score"].is_null(), q[2]["disagreement"].as_bool()), (true, Some(false)));
    assert_eq!(report["self_rated"], 2);
    assert!(report["self_score"].as_f64().unwrap() > report["grader_score_same"].as_f64().unwrap());

    let run = g.args(["run", "--answers", "a.toml", "--no-save", "--export", "r.md"]).run();
    run.stdout_has("you 95.0 (easy)")
        .stdout_has("no words of yours matched")
        .stdout_has("over 2 of 8 questions");
    let md = g.read("r.md");
    assert!(
        md.contains("| Self grade | your own grade") && md.contains("you and the grader disagree"),
        "{md}"
    );
    g.args(["run", "--answers", "a.toml", "--no-save", "--export", "r.html"]).run();
    assert!(g.read("r.html").contains("class=\"self\""));
}

#[test]
fn bad_self_grades_are_located_and_list_the_allowed_values() {
    let g = Grill::new();
    let (text, ids) = sheet(&g);
    g.write("a.toml", &answer(&text, &ids[0], "x", "self = \"great\""));
    g.args(["run", "--answers", "a.toml", "--no-save"])
        .run()
        .code(2)
        .stderr_has("a.toml:")
        .stderr_has("`great` is not a rating")
        .stderr_has("\"again\", \"hard\", \"good\", \"easy\"");
    g.write(
        "a.toml",
        &answer(&text, &ids[0], "x", "self_points = { \"no such point\" = \"covered\" }"),
    );
    let points = key_points(&g, &ids[0]);
    g.args(["run", "--answers", "a.toml", "--no-save"])
        .run()
        .code(2)
        .stderr_has(&format!("`no such point` is not a key point of `{}`", ids[0]))
        .stderr_has(&points[0]);
}

#[cfg(unix)]
pub mod live {
    use crate::harness::{Grill, json};
    use crate::live::{BANK, SCENARIO, exit_code, seen, spawn};

    /// The pty bank, and a live `--self-grade` run with instant feedback in
    /// which question 1 is rated by the checklist (its one point marked not
    /// covered though the grader finds it), question 2 with a quick "easy"
    /// for an answer the grader gives nothing, and question 3 skipped.
    pub fn rated_session(g: &Grill) {
        g.write("b/pty.toml", BANK);
        g.write("b/scenarios/pty.toml", SCENARIO);
        let mut p = spawn(
            g,
            &[
                "run",
                "pty",
                "--level",
                "mid",
                "--seed",
                "1",
                "--self-grade",
                "--feedback",
                "instant",
            ],
        );
        p.exp_string("Press Enter to start").unwrap();
        p.send_line("").unwrap();
        p.exp_string("[1/3]").unwrap();
        p.send_line("The kubelet restarts the container.").unwrap();
        p.send_line("").unwrap();
        p.exp_string("before the grader's findings").unwrap();
        p.exp_string("Reference answer:").unwrap();
        p.exp_string("(1/1) kubelet restarts the container [c/p/n]").unwrap();
        p.send("n").unwrap();
        p.flush().unwrap();
        p.exp_string("Score ").unwrap();
        p.exp_string(&seen("You: 0.0 (checklist) · grader:")).unwrap();
        p.exp_string("you marked it not covered").unwrap();
        // Instant feedback waits, clock stopped, for Enter.
        p.exp_string(&seen("Paused — the clock is stopped")).unwrap();
        p.send_line("").unwrap();

        p.exp_string("[2/3]").unwrap();
        p.send_line("No idea at all.").unwrap();
        p.send_line("").unwrap();
        p.exp_string("(1/1) removed from service endpoints").unwrap();
        p.send("4").unwrap();
        p.flush().unwrap();
        p.exp_string(&seen("You: 95.0 (easy) · grader: 0.0")).unwrap();
        p.exp_string("you gave yourself 95; the grader gave 0").unwrap();
        // Instant feedback waits, clock stopped, for Enter.
        p.exp_string(&seen("Paused — the clock is stopped")).unwrap();
        p.send_line("").unwrap();

        p.exp_string("[3/3]").unwrap();
        p.send_line(":skip").unwrap();
        p.exp_eof().unwrap();
        assert_eq!(exit_code(&mut p), 0, "the pty scenario's pass mark is 10");
    }

    #[test]
    fn a_live_self_graded_run_keeps_both_grades_and_flags_disagreements() {
        let g = Grill::new();
        rated_session(&g);
        let report = json(
            &g.args(["--banks", "b", "report", "last", "--format", "json"])
                .run()
                .success()
                .stdout,
        );
        let q = &report["questions"];
        assert_eq!(q[0]["self_points"]["kubelet restarts the container"], "missed", "{}", q[0]);
        assert_eq!(q[0]["self_score"], 0.0);
        assert_eq!(q[0]["disagreement"], true);
        assert_eq!(
            (q[1]["self_rating"].as_str(), q[1]["self_score"].as_f64()),
            (Some("easy"), Some(95.0))
        );
        assert_eq!(q[1]["disagreement"], true);
        assert!(q[2]["self_score"].is_null());
        assert_eq!(report["self_rated"], 2);
    }

    #[test]
    fn without_a_terminal_self_grading_says_how_to_grade_in_a_sheet() {
        let g = Grill::new();
        g.args(["run", "--self-grade"])
            .run()
            .code(2)
            .stderr_has("rating your answers needs a terminal")
            .stderr_has("self = 70");
    }
}
