//! Input no one should give, given anyway: each gets a clear message and a
//! non-zero exit — never a panic (the harness fails any run that panics).

use crate::harness::Grill;

#[test]
fn empty_bank_file() {
    let g = Grill::new();
    g.write("in/b.toml", "");
    g.args(["banks", "check", "in/b.toml"])
        .run()
        .code(2)
        .stderr_has("in/b.toml:1:1: the file is empty");
}

#[test]
fn binary_garbage_and_invalid_utf8() {
    let g = Grill::new();
    let garbage: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    g.write_bytes("in/garbage.toml", &garbage);
    g.args(["banks", "check", "in/garbage.toml"])
        .run()
        .code(2)
        .stderr_has("in/garbage.toml");
    g.write_bytes("answers.toml", b"[[answer]]\nid = \"kfo-j01\"\ntext = \"caf\xe9\"\n");
    g.args([
        "run",
        "kubeflow-ops",
        "--level",
        "junior",
        "--seed",
        "1",
        "--answers",
        "answers.toml",
    ])
    .run()
    .code(2)
    .stderr_has("answers.toml:3:")
    .stderr_has("not valid UTF-8");
}

#[test]
fn an_empty_or_missing_answer_file() {
    let g = Grill::new();
    g.write("empty.toml", "");
    g.args(["run", "kubeflow-ops", "--level", "junior", "--seed", "1", "--answers", "empty.toml"])
        .run()
        .code(2)
        .stderr_has("holds no answers");
    g.args([
        "run",
        "kubeflow-ops",
        "--level",
        "junior",
        "--seed",
        "1",
        "--answers",
        "missing.toml",
    ])
    .run()
    .code(2)
    .stderr_has("missing.toml")
    .stderr_has("cannot read file");
}

/// The first question of the junior KubeFlow Ops plan with seed 1.
fn first_question(g: &Grill) -> String {
    let plan = crate::harness::json(
        &g.args(["plan", "kubeflow-ops", "--level", "junior", "--seed", "1", "--format", "json"])
            .run()
            .success()
            .stdout,
    );
    plan["questions"][0]["id"].as_str().unwrap().to_string()
}

#[test]
fn a_ten_megabyte_answer() {
    let g = Grill::new();
    let id = first_question(&g);
    let big = "kubernetes deployment rolling update replicas ".repeat(10 * 1024 * 1024 / 46);
    g.write("big.toml", &format!("[[answer]]\nid = \"{id}\"\ntext = \"\"\"\n{big}\n\"\"\"\n"));
    let report = crate::harness::json(
        &g.args([
            "run",
            "kubeflow-ops",
            "--level",
            "junior",
            "--seed",
            "1",
            "--answers",
            "big.toml",
            "--format",
            "json",
        ])
        .run()
        .code(1)
        .stdout,
    );
    assert!(report["questions"][0]["score"].as_f64().is_some());
}

#[test]
fn an_unknown_question_or_level() {
    let g = Grill::new();
    g.args(["banks", "show", "no-such-id"])
        .run()
        .code(2)
        .stderr_has("no bank or question `no-such-id`");
    g.args(["plan", "kubeflow-ops", "--level", "principal"])
        .run()
        .code(2)
        .stderr_has("unknown level `principal`");
}

#[test]
fn a_path_as_a_question_id_is_rejected() {
    let g = Grill::new();
    g.write(
        "in/b.toml",
        &crate::harness::BANK.replace("id = \"extra-1\"", "id = \"../../etc/passwd\""),
    );
    g.args(["banks", "check", "in"])
        .run()
        .code(2)
        .stderr_has("invalid question id `../../etc/passwd`")
        .stderr_has("lowercase letters, digits and `-`");
}

#[test]
fn an_unwritable_data_directory_still_reports_and_says_what_to_do() {
    let g = Grill::new();
    g.write("not-a-dir", "a file where the data directory should be");
    g.args(["sheet", "kubeflow-ops", "--level", "junior", "--seed", "1", "-o", "a.toml"])
        .run()
        .success();
    let home = g.path("not-a-dir/data").display().to_string();
    g.args(["run", "--answers", "a.toml"])
        .env("GRILL_HOME", &home)
        .run()
        .code(1)
        .stdout_has("Overall")
        .stderr_has("the session is not saved to history")
        .stderr_has("not-a-dir/data/history")
        .stderr_has("GRILL_HOME");
}

#[test]
fn a_hundred_megabyte_bank_is_refused_with_a_size_message() {
    let g = Grill::new();
    let big = std::fs::File::create(g.path("huge.toml")).unwrap();
    big.set_len(100 * 1024 * 1024).unwrap();
    g.args(["banks", "check", "huge.toml"])
        .run()
        .code(2)
        .stderr_has("huge.toml")
        .stderr_has("100 MB");
}

#[test]
fn ten_thousand_questions_with_one_duplicate_id() {
    let g = Grill::new();
    let mut bank = String::from("id = \"many\"\ntitle = \"Many\"\n");
    for i in 0..10_000 {
        let id = if i == 9_999 { 17 } else { i };
        bank += &format!(
            "[[question]]\nid = \"m-{id}\"\nprompt = \"Q{i}?\"\nlevel = \"mid\"\ntopic = \"data\"\ndifficulty = 2\nreference = \"r {i}\"\n[[question.key_points]]\npoint = \"r\"\nweight = 1\n"
        );
    }
    g.write("many.toml", &bank);
    let out = g.args(["banks", "check", "many.toml"]).run().code(2);
    let out = out.stderr_has("duplicate question id `m-17`");
    assert_eq!(
        out.stderr.matches("error: ").count(),
        2,
        "one problem, after the summary line:\n{}",
        out.stderr
    );
}

#[test]
fn escape_sequences_in_answers_never_reach_the_terminal() {
    let g = Grill::new();
    let id = first_question(&g);
    g.write(
        "a.toml",
        &format!("[[answer]]\nid = \"{id}\"\ntext = \"clear \\u001b[2J\\u001b]0;pwned\\u0007 screen\"\n"),
    );
    for format in ["text", "md", "json"] {
        let out = g
            .args([
                "run",
                "kubeflow-ops",
                "--level",
                "junior",
                "--seed",
                "1",
                "--answers",
                "a.toml",
                "--format",
                format,
            ])
            .run()
            .code(1);
        assert!(
            !out.stdout.contains('\u{1b}') && !out.stdout.contains('\u{7}'),
            "{format}: raw control bytes in output"
        );
    }
}

#[test]
fn a_path_as_a_session_id_is_refused_and_zero_minutes_is_a_usage_error() {
    let g = Grill::new();
    g.write("data/x.json", "{}");
    g.args(["resume", "../x"]).run().code(2).stderr_has("`../x` is not a session id");
    g.args(["plan", "kubeflow-ops", "--level", "junior", "--minutes", "0"])
        .run()
        .code(2)
        .stderr_has("--minutes");
}
