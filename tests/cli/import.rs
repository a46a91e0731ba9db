//! `grill import`, end to end: one fixture per format written for these
//! tests, and the seed documents (`$GRILL_SEEDS` or `../shared/seeds`,
//! when present) come in with exactly
//! their questions and no noise, as banks that pass `grill banks check`,
//! with ids that stay the same from one import to the next.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::harness::{Grill, json};

/// The seed documents, when this machine has them: `$GRILL_SEEDS` (which
/// must then be readable: CI sets it so these tests always run there), else
/// `../shared/seeds` beside the repository. A clone on its own has neither;
/// the corpus tests then say so in one line and pass, while every import
/// format keeps its own fixture below.
fn seeds_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("GRILL_SEEDS") {
        let dir = PathBuf::from(dir);
        assert!(
            dir.is_dir(),
            "GRILL_SEEDS is set to {} but that is not a readable directory",
            dir.display()
        );
        return Some(dir);
    }
    let beside = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if beside.is_dir() {
        return Some(beside);
    }
    // Said once per run, past the test harness's capture (which would hide
    // it for a passing test), so a plain `cargo test` shows what it skipped.
    static SAID: std::sync::Once = std::sync::Once::new();
    SAID.call_once(|| {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "corpus tests not run: no seed documents (set GRILL_SEEDS or put them in ../shared/seeds)"
        );
    });
    None
}

/// A seed document by its number prefix (`001`), or `None` (said once on
/// stderr) when the seed documents are not on this machine.
fn seed(prefix: &str) -> Option<String> {
    let dir = seeds_dir()?;
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("the seed documents belong in {}: {e}", dir.display()));
    let path = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(&format!("{prefix}_")))
        })
        .unwrap_or_else(|| panic!("no seed document {prefix}_*.txt in {}", dir.display()));
    Some(path.display().to_string())
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
        .display()
        .to_string()
}

/// The `count  name` lines under a heading of the dry-run summary.
fn counts(summary: &str, heading: &str) -> Vec<(usize, String)> {
    summary
        .lines()
        .skip_while(|l| *l != heading)
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .map(|l| {
            let (n, name) = l.trim().split_once("  ").unwrap_or_else(|| panic!("not a count line: {l:?}"));
            (n.parse().unwrap(), name.trim().to_string())
        })
        .collect()
}

fn named(list: &[(usize, &str)]) -> Vec<(usize, String)> {
    list.iter().map(|(n, s)| (*n, s.to_string())).collect()
}

/// Imports `file` as bank `bank` into `in/`, checks every bank there, and
/// returns the bank's questions as `banks list` shows them.
fn import_and_check(g: &Grill, file: &str, bank: &str, extra: &[&str]) -> Vec<Value> {
    let out = format!("in/{bank}.toml");
    let mut args = vec!["import", file, "--bank", bank, "-o", &out];
    args.extend_from_slice(extra);
    g.args(&args).run().success().stdout_has(&format!("wrote {out}"));
    g.args(["--banks", "in", "banks", "check"]).run().success().stdout_has("ok: ");
    let list = g
        .args(["--banks", "in", "banks", "list", "--bank", bank, "--format", "json"])
        .run()
        .success()
        .stdout;
    json(&list).as_array().unwrap().clone()
}

fn field<'a>(questions: &'a [Value], key: &str) -> Vec<&'a str> {
    questions.iter().map(|q| q[key].as_str().unwrap()).collect()
}

/// Importing the same file again gives the same ids.
fn assert_same_ids_again(g: &Grill, file: &str, bank: &str, first: &[Value]) {
    let again = g.args(["import", file, "--bank", bank]).run().success().stdout;
    let again_ids: Vec<String> = again
        .lines()
        .filter_map(|l| l.strip_prefix("id = \""))
        .map(|l| l.trim_end_matches('"').to_string())
        .collect();
    assert_eq!(again_ids[1..], field(first, "id"), "ids changed on a second import");
}

/// No prompt is page furniture, and each reads as a question.
fn assert_no_noise(prompts: &[&str]) {
    let furniture = [
        "webinar",
        "sponsor",
        "register",
        "sign up",
        "newsletter",
        "(free)",
        "interview question",
        "enroll",
        "posts",
        "read more",
    ];
    for p in prompts {
        let lower = p.to_lowercase();
        assert!(!furniture.iter().any(|f| lower.contains(f)), "noise imported: {p}");
        let asks = p.contains('?') || ["Describe", "Explain", "Design", "At-least"].iter().any(|w| p.starts_with(w));
        assert!(asks, "does not read as a question: {p}");
    }
}

#[test]
fn qa_blocks_under_role_sections() {
    let g = Grill::new();
    let file = fixture("qa.txt");
    let summary = g.args(["import", &file, "--dry-run"]).run().success().stdout;
    assert!(summary.contains("read as qa: 5 questions, 0 left out"), "{summary}");
    assert_eq!(
        counts(&summary, "by section:"),
        named(&[
            (3, "Platform Engineer Questions & Answers"),
            (2, "Security Engineer Questions & Answers"),
        ])
    );
    let questions = import_and_check(&g, &file, "qa", &[]);
    assert_eq!(questions.len(), 5);
    assert!(questions.iter().all(|q| q["draft"] == false), "every block has an answer");
    assert_no_noise(&field(&questions, "prompt"));
    assert!(!g.read("in/qa.toml").contains("A short note"), "the introduction was imported");
    assert_same_ids_again(&g, &file, "qa", &questions);
}

#[test]
fn numbered_bold_questions_with_indented_answers() {
    let g = Grill::new();
    let file = fixture("list.md");
    let summary = g.args(["import", &file, "--dry-run"]).run().success().stdout;
    assert!(summary.contains("read as list: 5 questions, 0 left out"), "{summary}");
    assert!(summary.contains("(Five pipeline questions)"), "the front-matter title: {summary}");
    assert_eq!(counts(&summary, "by section:"), named(&[(3, "Foundations"), (2, "Operations")]));
    let questions = import_and_check(&g, &file, "list", &[]);
    assert_eq!(questions.len(), 5);
    assert!(questions.iter().all(|q| q["draft"] == false));
    assert_no_noise(&field(&questions, "prompt"));
    assert_same_ids_again(&g, &file, "list", &questions);
}

#[test]
fn question_ladder_without_answers_becomes_drafts_with_levels() {
    let g = Grill::new();
    let file = fixture("ladder.md");
    let summary = g.args(["import", &file, "--dry-run"]).run().success().stdout;
    assert!(summary.contains("read as list: 7 questions, 0 left out"), "{summary}");
    assert_eq!(counts(&summary, "by level:"), named(&[(3, "junior"), (2, "mid"), (2, "senior")]));
    let questions = import_and_check(&g, &file, "ladder", &[]);
    assert_eq!(questions.len(), 7);
    assert!(questions.iter().all(|q| q["draft"] == true));
    assert_no_noise(&field(&questions, "prompt"));
    assert_same_ids_again(&g, &file, "ladder", &questions);
}

#[test]
fn seed_001_qa_blocks_under_five_role_sections() {
    let g = Grill::new();
    let Some(file) = seed("001") else { return };
    let summary = g.args(["import", &file, "--dry-run"]).run().success().stdout;
    assert!(summary.contains("read as qa: 109 questions, 0 left out"), "{summary}");
    assert_eq!(
        counts(&summary, "by section:"),
        named(&[
            (22, "DevOps Engineer Interview Questions & Answers"),
            (20, "DevSecOps Engineers Interview Questions & Answer"),
            (20, "CloudOps/Cloud Engineer Interview Questions & Answers (AWS)"),
            (27, "MLOps Engineer Questions & Answer"),
            (20, "AIOps Engineer Interview Questions & Answer"),
        ])
    );
    let questions = import_and_check(&g, &file, "xops", &[]);
    assert_eq!(questions.len(), 109);
    assert!(questions.iter().all(|q| q["draft"] == false), "every block has an answer");
    assert_no_noise(&field(&questions, "prompt"));
    let bank = g.read("in/xops.toml");
    assert!(!bank.to_lowercase().contains("deel"), "the sponsor blurb was imported");
    assert_eq!(
        bank.lines().filter(|l| *l == "proposed = true").count(),
        bank.matches("[[question.key_points]]").count()
    );
    assert_same_ids_again(&g, &file, "xops", &questions);
}

#[test]
fn seed_002_numbered_bold_questions_with_indented_answers() {
    let g = Grill::new();
    let Some(file) = seed("002") else { return };
    let summary = g.args(["import", &file, "--dry-run"]).run().success().stdout;
    assert!(summary.contains("read as list: 100 questions, 0 left out"), "{summary}");
    assert!(
        summary.contains("(Top 100 Kubeflow interview questions)"),
        "the front-matter title: {summary}"
    );
    let sections = counts(&summary, "by section:");
    assert_eq!(sections.len(), 8, "{sections:?}");
    assert_eq!(sections[0], (10, "Basic Concepts".to_string()));
    let questions = import_and_check(&g, &file, "kf100", &[]);
    assert_eq!(questions.len(), 100);
    assert!(questions.iter().all(|q| q["draft"] == false));
    assert_no_noise(&field(&questions, "prompt"));
    assert_same_ids_again(&g, &file, "kf100", &questions);
}

#[test]
fn seed_004_question_ladder_becomes_drafts_with_levels() {
    let g = Grill::new();
    let Some(file) = seed("004") else { return };
    let summary = g.args(["import", &file, "--dry-run"]).run().success().stdout;
    assert!(summary.contains("read as list: 50 questions, 0 left out"), "{summary}");
    assert_eq!(counts(&summary, "by level:"), named(&[(15, "junior"), (20, "mid"), (15, "senior")]));
    let questions = import_and_check(&g, &file, "ladder", &[]);
    assert_eq!(questions.len(), 50);
    assert!(questions.iter().all(|q| q["draft"] == true));
    let prompts = field(&questions, "prompt");
    assert_no_noise(&prompts);
    assert!(
        prompts.contains(&"Explain the Prometheus scraping model — how does it discover your pods?"),
        "mojibake repaired"
    );
    g.args(["--banks", "in", "banks", "check"])
        .run()
        .success()
        .stdout_has("needs a reference answer and key points")
        .stdout_has("(50 drafts)");
    assert_same_ids_again(&g, &file, "ladder", &questions);
}

#[test]
fn seed_000_tagged_titles_without_placeholders() {
    let g = Grill::new();
    let Some(file) = seed("000") else { return };
    let summary = g.args(["import", &file, "--dry-run"]).run().success().stdout;
    assert!(summary.contains("read as list: 17 questions, 7 left out"), "{summary}");
    assert_eq!(counts(&summary, "by level:"), named(&[(11, "junior"), (6, "mid"), (0, "senior")]));
    assert_eq!(summary.matches("  placeholder: ").count(), 7, "{summary}");
    let questions = import_and_check(&g, &file, "freshers", &[]);
    let prompts = field(&questions, "prompt");
    assert_eq!(prompts.len(), 17);
    assert_eq!(
        (prompts[0], prompts[16]),
        ("What is canary deployment in MLOps?", "What is MLOps and why is it important?")
    );
    assert_no_noise(&prompts);
    assert_same_ids_again(&g, &file, "freshers", &questions);
}

#[test]
fn seed_003_article_gives_only_its_question_blocks() {
    let Some(file) = seed("003") else { return };
    let g = Grill::new();
    let questions = import_and_check(&g, &file, "skills", &[]);
    assert_eq!(questions.len(), 4, "{questions:?}");
    assert_no_noise(&field(&questions, "prompt"));
    let bank = g.read("in/skills.toml").to_lowercase();
    for furniture in ["webinar", "time slots", "privacy policy", "enroll"] {
        assert!(!bank.contains(furniture), "`{furniture}` was imported");
    }
}

#[test]
fn markdown_headings() {
    let g = Grill::new();
    let file = fixture("headings.md");
    let summary = g.args(["import", &file, "--dry-run"]).run().success().stdout;
    assert!(summary.contains("read as headings: 5 questions, 2 left out"), "{summary}");
    assert_eq!(counts(&summary, "by section:"), named(&[(3, "Containers"), (2, "Delivery")]));
    assert_eq!(counts(&summary, "by level:"), named(&[(0, "junior"), (3, "mid"), (2, "senior")]));
    let questions = import_and_check(&g, &file, "platform", &[]);
    assert_no_noise(&field(&questions, "prompt"));
    assert_eq!(questions.iter().filter(|q| q["draft"] == true).count(), 1);
    let layers = &questions[1];
    let shown = g
        .args(["--banks", "in", "banks", "show", layers["id"].as_str().unwrap(), "--format", "json"])
        .run()
        .success()
        .stdout;
    let shown = json(&shown);
    assert!(shown["example"].as_str().unwrap().starts_with("# copy the lock file"), "{shown}");
    assert!(!shown["reference"].as_str().unwrap().contains("COPY"), "code stays in the example");
    assert_same_ids_again(&g, &file, "platform", &questions);
}

#[test]
fn details_summary_blocks() {
    let g = Grill::new();
    let file = fixture("details.md");
    let summary = g.args(["import", &file, "--dry-run"]).run().success().stdout;
    assert!(summary.contains("read as details: 5 questions, 1 left out"), "{summary}");
    assert!(summary.contains("noise: Subscribe to our newsletter"), "{summary}");
    let questions = import_and_check(&g, &file, "o11y", &[]);
    let prompts = field(&questions, "prompt");
    assert_no_noise(&prompts);
    assert_eq!(
        prompts[2], "What does a histogram let you compute that an average hides?",
        "a `Show answer` block answers the heading"
    );
    assert_eq!(
        (prompts[3], questions[3]["level"].as_str()),
        ("What is structured logging?", Some("junior"))
    );
    assert_eq!(questions[4]["draft"], true, "an empty block is a draft");
    let bank = g.read("in/o11y.toml");
    assert!(
        bank.contains("slows queries & alert") && !bank.contains("<b>") && !bank.contains("&amp;"),
        "{bank}"
    );
    assert_same_ids_again(&g, &file, "o11y", &questions);
}

#[test]
fn csv_with_question_answer_level_and_topic_columns() {
    let g = Grill::new();
    let file = fixture("questions.csv");
    let summary = g.args(["import", &file, "--dry-run"]).run().success().stdout;
    assert!(summary.contains("read as csv: 5 questions, 1 left out"), "{summary}");
    assert!(summary.contains("4 questions (1 draft), 1 merged"), "{summary}");
    assert!(summary.contains("merged with the same question at "), "{summary}");
    let questions = import_and_check(&g, &file, "probes", &[]);
    assert_no_noise(&field(&questions, "prompt"));
    assert_eq!(field(&questions, "level"), ["junior", "mid", "senior", "mid"]);
    assert_eq!(field(&questions, "topic")[..3], ["kubernetes", "containers", "kubernetes"]);
    let bank = g.read("in/probes.toml");
    assert!(bank.contains("headroom,\nthen adjust"), "a quoted field keeps its line break");
    assert!(bank.contains("# merged with the same question at "), "{bank}");
    assert_same_ids_again(&g, &file, "probes", &questions);
}

#[test]
fn tsv_with_difficulty_and_category_columns() {
    let g = Grill::new();
    let file = fixture("questions.tsv");
    g.args(["import", &file, "--dry-run"])
        .run()
        .success()
        .stdout_has("read as tsv: 3 questions, 0 left out");
    let questions = import_and_check(&g, &file, "state", &[]);
    assert_eq!(field(&questions, "level"), ["junior", "mid", "senior"]);
    assert_eq!(field(&questions, "topic"), ["iac", "iac", "iac"]);
    assert_same_ids_again(&g, &file, "state", &questions);
}

#[test]
fn anki_plain_text_export() {
    let g = Grill::new();
    let file = fixture("anki.txt");
    let summary = g.args(["import", &file, "--dry-run"]).run().success().stdout;
    assert!(summary.contains("read as anki: 3 questions, 0 left out"), "{summary}");
    assert_eq!(counts(&summary, "by section:"), named(&[(3, "Messaging")]));
    let questions = import_and_check(&g, &file, "cards", &[]);
    let prompts = field(&questions, "prompt");
    assert_eq!(
        prompts[..2],
        [
            "What is a dead-letter queue?",
            "At-least-once delivery means consumers must be idempotent"
        ]
    );
    assert_eq!(field(&questions, "level"), ["mid", "junior", "senior"]);
    assert!(field(&questions, "topic").iter().all(|t| *t == "messaging"));
    assert!(
        g.read("in/cards.toml")
            .contains("inspected without blocking the rest.\nAlarm on its depth.")
    );
    assert_same_ids_again(&g, &file, "cards", &questions);
}

#[test]
fn without_output_the_bank_goes_to_stdout() {
    let g = Grill::new();
    let run = g.args(["import", &fixture("questions.tsv"), "--bank", "piped"]).run().success();
    assert!(run.stderr.contains("imported 3 questions into bank `piped`"), "{}", run.stderr);
    g.write("in/piped.toml", &run.stdout);
    g.args(["--banks", "in", "banks", "check"]).run().success();
}

#[test]
fn the_output_file_names_the_bank() {
    let g = Grill::new();
    g.args(["import", &fixture("questions.tsv"), "-o", "banks/terraform-state.toml"])
        .run()
        .success()
        .stdout_has("bank `terraform-state` (")
        .stdout_has("practise with it: grill --banks banks banks list --bank terraform-state");
    assert!(g.read("banks/terraform-state.toml").contains("id = \"terraform-state-"));
}

#[test]
fn a_document_can_come_from_standard_input() {
    let g = Grill::new();
    let text = std::fs::read_to_string(fixture("headings.md")).unwrap();
    g.args(["import", "-", "--dry-run"])
        .stdin(&text)
        .run()
        .success()
        .stdout_has("stdin: read as headings: 5 questions")
        .stdout_has("bank `stdin` (Platform Engineering Practice Questions)");
}

#[test]
fn output_is_never_overwritten_without_force() {
    let g = Grill::new();
    let file = fixture("questions.tsv");
    g.write("in/state.toml", "keep me");
    g.args(["import", &file, "--bank", "state", "-o", "in/state.toml"])
        .run()
        .code(2)
        .stderr_has("in/state.toml already exists; choose another file or pass --force");
    assert_eq!(g.read("in/state.toml"), "keep me");
    g.args(["import", &file, "--bank", "state", "-o", "in/state.toml", "--dry-run"])
        .run()
        .success()
        .stdout_has("would write in/state.toml (it exists: add --force to replace it)");
    assert_eq!(g.read("in/state.toml"), "keep me");
    g.args(["import", &file, "--bank", "state", "-o", "in/state.toml", "--force"])
        .run()
        .success();
    assert!(g.read("in/state.toml").contains("[[question]]"));
    // Re-importing over the bank's own file is not an id clash.
    g.args([
        "--banks",
        "in",
        "import",
        &file,
        "--bank",
        "state",
        "-o",
        "in/state.toml",
        "--force",
    ])
    .run()
    .success();
    let names: Vec<String> = std::fs::read_dir(g.path("in"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["state.toml"], "no temporary file is left behind");
}

#[test]
fn options_set_every_level_and_topic() {
    let g = Grill::new();
    let questions = import_and_check(
        &g,
        &fixture("questions.csv"),
        "forced",
        &["--level", "senior", "--topic", "reliability"],
    );
    assert!(field(&questions, "level").iter().all(|l| *l == "senior"));
    assert!(field(&questions, "topic").iter().all(|t| *t == "reliability"));
}

#[test]
fn mistakes_are_reported_not_panicked_on() {
    let g = Grill::new();
    let tsv = fixture("questions.tsv");
    g.args(["import", &tsv, "--topic", "cooking"])
        .run()
        .code(2)
        .stderr_has("invalid value 'cooking' for '--topic");
    g.args(["import", &tsv, "--bank", "Bad Id"])
        .run()
        .code(2)
        .stderr_has("invalid bank id `Bad Id`");
    g.args(["import", &tsv, "--bank", "kubeflow"])
        .run()
        .code(2)
        .stderr_has("a bank with id `kubeflow` already exists (<embedded>/banks/kubeflow.toml")
        .stderr_has("--bank");
    g.args(["import", "missing.md"]).run().code(2).stderr_has("cannot read missing.md");
    g.write_bytes("photo.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    g.args(["import", "photo.md"])
        .run()
        .code(2)
        .stderr_has("photo.md:1:1: this is not a text file");
    g.args(["import", &fixture("details.md"), "--format", "qa"])
        .run()
        .code(2)
        .stderr_has("no questions found in")
        .stderr_has("try --format");
    g.write("bad.csv", "Query,Answer,Level\nWhat?,That.,mid\n");
    g.args(["import", "bad.csv"])
        .run()
        .code(2)
        .stderr_has("bad.csv:1:1: no question column in the header")
        .stderr_has("call the question column `question`");
    g.write("file", "");
    g.args(["import", &tsv, "-o", "file/b.toml"])
        .run()
        .code(2)
        .stderr_has("cannot write file/b.toml");
}

#[test]
fn spreadsheet_exports_in_other_encodings_are_read() {
    let g = Grill::new();
    g.write_bytes(
        "legacy.csv",
        b"question,answer\n\"What is a caf\xe9 queue?\",\"One that serves \x93first come\x94.\"\n",
    );
    g.args(["import", "legacy.csv", "--dry-run"])
        .run()
        .success()
        .stdout_has("read as csv (decoded as Windows-1252): 1 question")
        .stdout_has("What is a café queue?");
}
