//! History, reports of past sessions, progress, no-repeat planning and
//! drills, end to end. Each test's history lives in its own GRILL_HOME.

use crate::harness::{Grill, Run, json};

const HOSTILE: &str = "Pods run containers <script>alert('x')</script> & a Deployment keeps replicas";

/// Writes a sheet for `seed` to `file`, answers its first question with
/// `answer`, and grades it with `extra` arguments.
fn sit(g: &Grill, seed: u64, file: &str, answer: &str, extra: &[&str]) -> Run {
    let seed = seed.to_string();
    g.args([
        "sheet",
        "kubeflow-ops",
        "--level",
        "junior",
        "--seed",
        &seed,
        "--fresh",
        "--force",
        "-o",
        file,
    ])
    .run()
    .success();
    let sheet = g
        .read(file)
        .replacen("text = \"\"\"\n", &format!("seconds = 70\ntext = \"\"\"\n{answer}\n"), 1);
    g.write(file, &sheet);
    let mut args = vec!["run", "--answers", file];
    args.extend_from_slice(extra);
    g.args(args).run()
}

fn history(g: &Grill) -> Vec<serde_json::Value> {
    json(&g.args(["history", "--json"]).run().success().stdout)
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn a_graded_sheet_is_saved_listed_and_reported_in_every_format() {
    let g = Grill::new();
    sit(&g, 1, "a.toml", HOSTILE, &[]).code(1).stderr_has("Saved to history as ");
    let list = history(&g);
    assert_eq!(list.len(), 1);
    let id = list[0]["id"].as_str().unwrap().to_string();
    for field in [
        "kind",
        "source",
        "started",
        "finished",
        "scenario",
        "level",
        "score",
        "passed",
        "questions",
    ] {
        assert!(!list[0][field].is_null(), "{field} missing: {}", list[0]);
    }
    assert_eq!(
        (list[0]["kind"].as_str(), list[0]["source"].as_str()),
        (Some("interview"), Some("sheet"))
    );
    // The record on disk is versioned, readable JSON holding the report.
    let record = json(&g.read(&format!("data/history/{id}.json")));
    assert_eq!(record["version"], 1);
    assert_eq!(record["planned"].as_array().unwrap().len(), 8);
    assert_eq!(record["report"]["questions"][0]["answer"], HOSTILE);

    g.args(["history"])
        .run()
        .success()
        .stdout_has(&id)
        .stdout_has("kubeflow-ops")
        .stdout_has("junior");
    let md = g.args(["report", "last", "--format", "md"]).run().success().stdout;
    for part in [
        "| Score |",
        "## By topic",
        "## Questions",
        "**Your answer**",
        "Reference answer",
        "**Key points**",
        "- ✗ **",
        &id,
    ] {
        assert!(md.contains(part), "Markdown lacks {part:?}:\n{md}");
    }
    let report = json(&g.args(["report", &id[..12], "--format", "json"]).run().success().stdout);
    assert_eq!(report["version"], 3);
    assert_eq!(report["session"]["id"], id.as_str());
    assert_eq!(report["questions"][0]["answer"], HOSTILE);

    g.args(["report", "-o", "report.html"])
        .run()
        .success()
        .stderr_has("written to report.html");
    let html = g.read("report.html");
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<svg") && html.contains("Score over time"));
    assert!(!html.contains("<script") && !html.contains("http"), "unescaped or external");
    // Escaped (words of it may be marked as matching a key point).
    assert!(html.contains("alert(&#39;x&#39;)&lt;/") && html.contains("&gt; &amp; a Deployment"));

    // The same sheet graded again is the same session; --no-save saves nothing.
    sit(&g, 1, "a.toml", HOSTILE, &[]).stderr_has(&format!("already in history as {id}"));
    sit(&g, 2, "b.toml", "", &["--no-save"]).code(1);
    assert_eq!(history(&g).len(), 1);
    g.args(["report", "nope"]).run().code(2).stderr_has("no session `nope` in history");
}

#[test]
fn run_exports_the_format_its_file_names() {
    let g = Grill::new();
    sit(&g, 3, "a.toml", "", &["--export", "report.html"])
        .code(1)
        .stderr_has("Report written to report.html");
    assert!(g.read("report.html").contains("</html>"));
    sit(&g, 3, "b.toml", "", &["--export", "r.json"]).code(1);
    assert_eq!(json(&g.read("r.json"))["scenario"], "kubeflow-ops");
    // An unknown extension fails before anything is graded or saved.
    sit(&g, 4, "c.toml", "", &["--export", "report.pdf"])
        .code(2)
        .stderr_has("cannot tell the format of report.pdf from its extension; use .html, .md, .json or .txt");
    assert_eq!(history(&g).len(), 1);
}

#[test]
fn history_moves_between_machines_without_duplicates() {
    let g = Grill::new();
    let other = g.path("other").display().to_string();
    sit(&g, 1, "a.toml", "one", &[]);
    sit(&g, 2, "b.toml", "two", &[]);
    g.args(["history", "export", "all.json"])
        .run()
        .success()
        .stderr_has("Exported 2 sessions to all.json");
    g.args(["history", "export", "all.json"]).run().code(2).stderr_has("--force");
    g.args(["history", "import", "all.json"])
        .env("GRILL_HOME", &other)
        .run()
        .success()
        .stderr_has("Imported 2 sessions");
    g.args(["history", "import", "all.json"])
        .env("GRILL_HOME", &other)
        .run()
        .success()
        .stderr_has("Imported 0 sessions")
        .stderr_has("2 already there");
    // A session sat on the other machine comes back with the rest.
    sit(&g, 3, "c.toml", "three", &[]);
    let exported = g.args(["history", "export", "-"]).run().success().stdout;
    g.args(["history", "import", "-"])
        .env("GRILL_HOME", &other)
        .stdin(&exported)
        .run()
        .success()
        .stderr_has("Imported 1 session ")
        .stderr_has("2 already there");
    let theirs = json(&g.args(["history", "--json"]).env("GRILL_HOME", &other).run().success().stdout);
    assert_eq!(theirs.as_array().unwrap().len(), 3);
    g.args(["history", "import", "a.toml"])
        .run()
        .code(2)
        .stderr_has("a.toml: not valid JSON");
}

#[test]
fn unreadable_history_files_are_reported_and_left_alone() {
    let g = Grill::new();
    sit(&g, 1, "a.toml", "one", &[]);
    let id = history(&g)[0]["id"].as_str().unwrap().to_string();
    let newer = g
        .read(&format!("data/history/{id}.json"))
        .replacen("\"version\": 1", "\"version\": 7", 1);
    g.write("data/history/newer.json", &newer);
    g.write("data/history/broken.json", "{\"version\": 1, \"id\": ");
    let out = g.args(["history"]).run().success();
    out.stdout_has(&id)
        .stderr_has("broken.json: not valid JSON")
        .stderr_has("newer.json: written by a newer grill (format version 7; this one reads up to 1)")
        .stderr_has("left as it is");
    g.args(["history", "delete", "broken"])
        .run()
        .code(2)
        .stderr_has("delete it yourself");
    sit(&g, 2, "b.toml", "two", &[]).stderr_has("warning: ");
    assert_eq!(g.read("data/history/broken.json"), "{\"version\": 1, \"id\": ");
    assert_eq!(g.read("data/history/newer.json"), newer);
    assert_eq!(history(&g).len(), 2);
}

#[test]
fn sessions_can_be_filtered_and_deleted() {
    let g = Grill::new();
    sit(&g, 1, "a.toml", "one", &[]);
    sit(&g, 2, "b.toml", "two", &[]);
    let junior = json(&g.args(["history", "--json", "--level", "junior"]).run().success().stdout);
    assert_eq!(junior.as_array().unwrap().len(), 2);
    g.args(["history", "--level", "senior"])
        .run()
        .success()
        .stdout_has("No session matches");
    g.args(["history", "delete", "last"]).run().success().stderr_has("Deleted session ");
    assert_eq!(history(&g).len(), 1);
    g.args(["history", "delete", "zzz"]).run().code(2).stderr_has("no session `zzz`");
}

#[test]
fn new_plans_avoid_recent_questions_unless_fresh() {
    let g = Grill::new();
    let plan = |extra: &[&str]| -> Vec<String> {
        let mut args = vec!["plan", "kubeflow-ops", "--level", "junior", "--seed", "5", "--format", "json"];
        args.extend_from_slice(extra);
        json(&g.args(args).run().success().stdout)["questions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["id"].as_str().unwrap().to_string())
            .collect()
    };
    let before = plan(&[]);
    sit(&g, 5, "a.toml", "one", &[]);
    let asked: Vec<String> = json(&g.read(&format!("data/history/{}.json", history(&g)[0]["id"].as_str().unwrap())))["planned"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| id.as_str().unwrap().to_string())
        .collect();
    assert_eq!(asked, before);
    // 15 junior questions, 8 asked: 7 new ones come first, one must repeat.
    let after = plan(&[]);
    assert_eq!(after.iter().filter(|id| asked.contains(id)).count(), 1, "{after:?}");
    assert_eq!(plan(&["--fresh"]), before);
    g.args(["sheet", "kubeflow-ops", "--level", "junior", "--seed", "5", "-o", "b.toml"])
        .run()
        .success()
        .stderr_has("7 new, 1 asked again")
        .stderr_has("--fresh ignores history");
    // The sheet lists its plan, so grading it does not depend on history.
    let listed = g.read("b.toml");
    assert!(after.iter().all(|id| listed.contains(&format!("\"{id}\""))));
    let graded = json(
        &g.args(["run", "--answers", "b.toml", "--format", "json", "--no-save"])
            .run()
            .code(1)
            .stdout,
    );
    let ids: Vec<&str> = graded["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, after);
}

#[test]
fn a_drill_sheet_is_graded_and_saved_as_a_drill() {
    let g = Grill::new();
    g.args(["drill"]).run().success().stdout_has("new: never answered");
    sit(&g, 1, "a.toml", "one", &[]);
    let last = json(&g.args(["report", "--format", "json"]).run().success().stdout)["questions"][7]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let shown = g.args(["drill", "-n", "3", "--seed", "1"]).run().success().stdout;
    assert!(
        shown.contains("last 0.0 on") && shown.contains("grill run --answers drill.toml"),
        "{shown}"
    );
    assert!(
        !shown.contains(&format!(" 1. {last}")),
        "the last question asked came first:\n{shown}"
    );
    g.args(["drill", "-n", "3", "--seed", "1", "-o", "drill.toml"])
        .run()
        .success()
        .stderr_has("Wrote a drill of 3 questions to drill.toml");
    let sheet = g.read("drill.toml");
    assert!(sheet.contains("kind = \"drill\"") && sheet.contains("questions = ["), "{sheet}");
    let report = json(&g.args(["run", "--answers", "drill.toml", "--format", "json"]).run().code(1).stdout);
    assert_eq!(report["title"], "Drill: KubeFlow Ops ladder");
    assert_eq!(report["questions"].as_array().unwrap().len(), 3);
    assert_eq!(report["session"]["kind"], "drill");
    let kinds: Vec<String> = history(&g).iter().map(|s| s["kind"].as_str().unwrap().to_string()).collect();
    assert_eq!(kinds, ["interview", "drill"]);
    g.args(["drill", "--topic", "astrology"])
        .run()
        .code(2)
        .stderr_has("has topic `astrology`; its topics: ");
}

#[test]
fn progress_shows_trends_and_the_weakest_topics() {
    let g = Grill::new();
    g.args(["progress"]).run().success().stdout_has("No sessions in history yet");
    sit(&g, 1, "a.toml", "one", &[]);
    sit(&g, 2, "b.toml", HOSTILE, &[]);
    g.args(["progress"])
        .run()
        .success()
        .stdout_has("Progress over 2 sessions")
        .stdout_has("kubeflow-ops · junior")
        .stdout_has("▁")
        .stdout_has("Weakest topics")
        .stdout_has("grill drill -l junior -t ");
    let p = json(&g.args(["progress", "--json"]).run().success().stdout);
    assert_eq!(p["interviews"][0]["scores"].as_array().unwrap().len(), 2);
    assert_eq!(p["weakest"].as_array().unwrap().len(), 3);
}

#[test]
fn a_sheet_listing_a_wrong_question_says_where() {
    let g = Grill::new();
    g.args(["sheet", "kubeflow-ops", "--level", "junior", "--seed", "1", "-o", "a.toml"])
        .run()
        .success();
    let sheet = g.read("a.toml").replacen("questions = [\"", "questions = [\"kfo-m01\", \"", 1);
    g.write("a.toml", &sheet);
    g.args(["run", "--answers", "a.toml"])
        .run()
        .code(2)
        .stderr_has("a.toml:8:14: question `kfo-m01` is not one scenario `kubeflow-ops` asks at junior level")
        .stderr_has("help: fix `questions`");
}
