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

/// Runs grill under a memory limit (`prlimit --as`) with a deadline, so a
/// read that never ends fails the test instead of eating the machine.
fn bounded(g: &Grill, args: &[&str], stdin: Option<std::fs::File>) -> (Option<i32>, String) {
    use std::process::Stdio;
    use std::time::{Duration, Instant};
    let mut cmd = std::process::Command::new("prlimit");
    cmd.arg("--as=1500000000").arg(env!("CARGO_BIN_EXE_grill")).args(args);
    let inner = g.command(args);
    cmd.current_dir(g.path("")).env_clear();
    for (k, v) in inner.get_envs() {
        if let Some(v) = v {
            cmd.env(k, v);
        }
    }
    cmd.stdout(Stdio::null()).stderr(Stdio::piped());
    cmd.stdin(stdin.map_or_else(Stdio::null, Stdio::from));
    let mut child = cmd.spawn().expect("prlimit runs grill");
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
            assert!(!err.contains("panicked"), "{args:?} panicked: {err}");
            return (status.code(), err);
        }
        if started.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            panic!("grill {args:?} still running after 30 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `ln -s /dev/zero zero.toml` and friends: every command that reads a
/// file names it as a device at once instead of reading without end.
#[test]
fn special_files_are_refused_by_every_reader() {
    let g = Grill::new();
    std::os::unix::fs::symlink("/dev/zero", g.path("zero.toml")).unwrap();
    for args in [
        &["run", "--answers", "zero.toml"][..],
        &["grade", "zero.toml"],
        &["banks", "check", "zero.toml"],
        &["grade", "--batch", "zero.toml"],
        &["import", "zero.toml"],
        &["history", "import", "zero.toml"],
        &["plan", "./zero.toml"],
    ] {
        let (code, err) = bounded(&g, args, None);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert!(err.contains("zero.toml") && err.contains("device"), "{args:?}: {err}");
    }
    std::fs::create_dir(g.path("dir.toml")).unwrap();
    let (code, err) = bounded(&g, &["grade", "dir.toml"], None);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("directory"), "{err}");
}

/// Standard input is read through the same cap: an endless stream is
/// refused once it passes 64 MB.
#[test]
fn endless_standard_input_is_cut_off_at_the_cap() {
    let g = Grill::new();
    let id = first_question(&g);
    for args in [&["grade", "--id", id.as_str()][..], &["grade", "--batch", "-"], &["import", "-"]] {
        let zero = std::fs::File::open("/dev/zero").unwrap();
        let (code, err) = bounded(&g, args, Some(zero));
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert!(err.contains("64 MB"), "{args:?}: {err}");
    }
}

/// A FIFO or a device link in the data directory is skipped with a
/// warning; nothing blocks on it.
#[test]
fn fifos_and_devices_in_the_data_directory_never_block() {
    let g = Grill::new();
    g.args(["sheet", "kubeflow-ops", "--level", "junior", "--seed", "1", "-o", "a.toml"])
        .run()
        .success();
    g.args(["run", "--answers", "a.toml"]).run();
    let status = std::process::Command::new("mkfifo")
        .arg(g.path("data/history/20990101-000000-fifo.json"))
        .status()
        .unwrap();
    assert!(status.success());
    std::os::unix::fs::symlink("/dev/zero", g.path("data/history/20990101-000000-zero.json")).unwrap();
    std::fs::create_dir_all(g.path("data/sessions")).unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(g.path("data/sessions/x.json"))
        .status()
        .unwrap();
    assert!(status.success());
    for args in [
        &["history"][..],
        &["plan", "kubeflow-ops", "--level", "junior"],
        &["run", "--answers", "a.toml", "--no-save"],
        &["progress"],
        &["drill", "-o", "d.toml"],
        &["resume", "--list"],
    ] {
        let (code, err) = bounded(&g, args, None);
        assert!(code.is_some_and(|c| c <= 2), "{args:?}: {err}");
    }
    let (_, err) = bounded(&g, &["history"], None);
    assert!(
        err.contains("FIFO") && err.contains("device"),
        "the skipped entries are named: {err}"
    );
}
