use super::*;
use crate::fixtures::record;

fn one(finished: &str) -> SessionRecord {
    record(
        "kubeflow-ops",
        Level::Junior,
        finished,
        &[("q1", "kubernetes", 80.0), ("q2", "security", 40.0)],
    )
}

#[test]
fn a_saved_session_reads_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let history = History::open(dir.path().join("history"));
    assert!(history.list().unwrap().sessions.is_empty(), "no directory is an empty history");
    let record = one("2026-11-20T10:00:00Z");
    let path = history.save(&record).unwrap();
    assert_eq!(path, history.dir().join(format!("{}.json", record.id)));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("{\n  \"version\": 1,\n  \"id\": \"20261120-100000-"), "{text}");
    let listing = history.list().unwrap();
    assert_eq!(listing.sessions, std::slice::from_ref(&record));
    assert!(listing.problems.is_empty());
    assert_eq!(parse_record(&text), Ok(record));
}

#[test]
fn a_saved_session_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let history = History::open(dir.path());
    let record = one("2026-11-20T10:00:00Z");
    let path = history.save(&record).unwrap();
    let before = std::fs::read(&path).unwrap();
    let mut changed = record.clone();
    changed.report.score = 1.0;
    let err = history.save(&changed).unwrap_err().to_string();
    assert!(err.contains("never overwritten"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn corrupt_and_newer_files_are_reported_skipped_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let history = History::open(dir.path());
    let good = one("2026-11-20T10:00:00Z");
    history.save(&good).unwrap();
    let mut newer: Value = serde_json::from_str(&one("2026-11-21T10:00:00Z").to_json()).unwrap();
    newer["version"] = 2.into();
    newer["a_field_from_the_future"] = true.into();
    let mut newer_report: Value = serde_json::from_str(&one("2026-11-22T10:00:00Z").to_json()).unwrap();
    newer_report["report"]["version"] = 9.into();
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("a-truncated.json", good.to_json().as_bytes()[..200].to_vec()),
        ("b-newer.json", newer.to_string().into_bytes()),
        ("c-newer-report.json", newer_report.to_string().into_bytes()),
        ("d-binary.json", vec![0xff, 0xfe, 0x00]),
        ("e-duplicate.json", good.to_json().into_bytes()),
        ("f-not-a-record.json", b"{\"version\": 1, \"id\": \"x\"}".to_vec()),
        ("g-bad-id.json", good.to_json().replace(&good.id, "../../etc").into_bytes()),
        ("notes.txt", b"not history".to_vec()),
    ];
    for (name, bytes) in &files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let listing = history.list().unwrap();
    assert_eq!(listing.sessions, std::slice::from_ref(&good));
    let problems: Vec<String> = listing.problems.iter().map(ToString::to_string).collect();
    let expected = [
        ("a-truncated.json", "not valid JSON: EOF while parsing"),
        (
            "b-newer.json",
            "written by a newer grill (format version 2; this one reads up to 1)",
        ),
        ("c-newer-report.json", "written by a newer grill (format version 9"),
        ("d-binary.json", "not UTF-8 text"),
        (
            "e-duplicate.json",
            &format!("holds session `{}`, already read from another file", good.id),
        ),
        ("f-not-a-record.json", "not a grill session record: missing field `kind`"),
        ("g-bad-id.json", "its id `../../etc` may hold only letters"),
    ];
    assert_eq!(problems.len(), expected.len(), "{problems:#?}");
    for (problem, (name, says)) in problems.iter().zip(expected) {
        assert!(problem.contains(name) && problem.contains(says), "{problem} ≠ {name}: {says}");
        assert!(problem.ends_with("the file was skipped and left as it is"), "{problem}");
    }
    // Saving and listing again touch none of them.
    history.save(&one("2026-11-23T10:00:00Z")).unwrap();
    assert_eq!(history.list().unwrap().sessions.len(), 2);
    for (name, bytes) in &files {
        assert_eq!(&std::fs::read(dir.path().join(name)).unwrap(), bytes, "{name} changed");
    }
}

/// Set in the child process of the test below: the directory to write in.
const KILL_CHILD: &str = "GRILL_TEST_KILLED_WRITE_DIR";

#[test]
fn a_write_killed_half_way_leaves_the_earlier_file_intact() {
    use std::io::{BufRead, Write};
    if let Some(dir) = std::env::var_os(KILL_CHILD) {
        // The child: rewrite the saved session, stop half-way and wait to be killed.
        let history = History::open(PathBuf::from(dir));
        let listing = history.list().unwrap();
        let path = listing.path(&listing.sessions[0].id).unwrap().to_path_buf();
        let mut changed = listing.sessions[0].clone();
        changed.report.title = "x".repeat(100_000);
        let text = changed.to_json();
        let _ = crate::atomic::write_with(&path, |f| {
            f.write_all(&text.as_bytes()[..text.len() / 2])?;
            f.sync_all()?;
            println!("half-written");
            std::io::stdout().flush()?;
            std::thread::sleep(std::time::Duration::from_secs(60));
            Ok(())
        });
        unreachable!("the parent kills this process");
    }
    let dir = tempfile::tempdir().unwrap();
    let history = History::open(dir.path());
    let earlier = one("2026-11-20T10:00:00Z");
    let path = history.save(&earlier).unwrap();
    let before = std::fs::read(&path).unwrap();

    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "history::tests::a_write_killed_half_way_leaves_the_earlier_file_intact",
            "--exact",
            "--nocapture",
        ])
        .env(KILL_CHILD, dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let reached = stdout.lines().map_while(Result::ok).any(|l| l.contains("half-written"));
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(reached, "the child never reached the middle of its write");

    // The half-written temporary file is there, hidden; the session is intact.
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let listing = history.list().unwrap();
    assert_eq!(listing.sessions, [earlier]);
    assert!(listing.problems.is_empty(), "{:?}", listing.problems);
}

#[test]
fn sessions_are_found_by_last_id_or_unique_prefix() {
    let dir = tempfile::tempdir().unwrap();
    let history = History::open(dir.path());
    assert_eq!(history.list().unwrap().find("last").unwrap_err(), LookupError::Empty);
    let mut a = one("2026-11-20T10:00:00Z");
    a.id = "20261120-100000-aaaa".into();
    let mut b = one("2026-11-20T10:00:00Z");
    b.id = "20261120-100000-aabb".into();
    let mut c = one("2026-11-22T09:00:00Z");
    c.id = "20261122-090000-cccc".into();
    for r in [&c, &a, &b] {
        history.save(r).unwrap();
    }
    let listing = history.list().unwrap();
    let ids: Vec<&str> = listing.sessions.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, [a.id.as_str(), &b.id, &c.id], "oldest first");
    assert_eq!(listing.find("last").unwrap().id, c.id);
    assert_eq!(listing.find("20261122").unwrap().id, c.id);
    assert_eq!(listing.find(&a.id).unwrap().id, a.id);
    assert_eq!(
        listing.find("20261120-100000-aa").unwrap_err().to_string(),
        "`20261120-100000-aa` matches 2 sessions (20261120-100000-aaaa, 20261120-100000-aabb); give more of the id"
    );
    assert!(matches!(listing.find("2025"), Err(LookupError::NotFound(_))));
    assert_eq!(
        history.delete("aab").err().map(|e| e.to_string()),
        Some("no session `aab` in history; `grill history` lists them".into())
    );
    assert_eq!(history.delete("20261120-100000-aab").unwrap().id, b.id);
    assert_eq!(history.list().unwrap().sessions.len(), 2);
}

#[test]
fn export_then_import_merges_without_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let (mine, theirs) = (History::open(dir.path().join("a")), History::open(dir.path().join("b")));
    let (s1, s2, s3) = (
        one("2026-11-01T10:00:00Z"),
        one("2026-11-02T10:00:00Z"),
        one("2026-11-03T10:00:00Z"),
    );
    mine.save(&s1).unwrap();
    mine.save(&s2).unwrap();
    theirs.save(&s2).unwrap();
    theirs.save(&s3).unwrap();
    let exported = bundle(&mine.list().unwrap(), "2026-11-05T00:00:00Z".parse().unwrap());
    assert!(exported.contains("\"format\": \"grill-history\""));

    let first = theirs.import(&exported, "export.json").unwrap();
    assert_eq!((first.added, first.present), (vec![s1.id.clone()], vec![s2.id.clone()]));
    let again = theirs.import(&exported, "export.json").unwrap();
    assert_eq!((again.added.len(), again.present.len()), (0, 2));
    let merged = theirs.list().unwrap();
    assert_eq!(merged.sessions, [s1.clone(), s2.clone(), s3.clone()]);

    // And back: both machines end with the same three sessions.
    mine.import(&bundle(&merged, Timestamp::now()), "back.json").unwrap();
    assert_eq!(mine.list().unwrap().sessions, merged.sessions);

    // A single session file imports too.
    let fresh = History::open(dir.path().join("c"));
    assert_eq!(fresh.import(&s3.to_json(), "one.json").unwrap().added, std::slice::from_ref(&s3.id));
}

#[test]
fn import_rejects_what_it_cannot_read_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let history = History::open(dir.path());
    let (s1, s2) = (one("2026-11-01T10:00:00Z"), one("2026-11-02T10:00:00Z"));
    // An unreadable file already holds s1's name: it stays as it is.
    std::fs::write(dir.path().join(format!("{}.json", s1.id)), "garbage").unwrap();
    let mut newer: Value = serde_json::from_str(&s2.to_json()).unwrap();
    newer["version"] = 5.into();
    let text = format!(
        "{{\"format\": \"grill-history\", \"version\": 1, \"sessions\": [{}, {newer}, {{\"id\": 3}}]}}",
        s1.to_json()
    );
    let done = history.import(&text, "in.json").unwrap();
    assert_eq!(done.present, std::slice::from_ref(&s1.id));
    assert!(done.added.is_empty());
    assert_eq!(done.rejected.len(), 2, "{:?}", done.rejected);
    assert!(done.rejected[0].contains(&format!("in.json: session `{}`: written by a newer grill", s2.id)));
    assert!(done.rejected[1].starts_with("in.json: session #3: not a grill session record"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join(format!("{}.json", s1.id))).unwrap(),
        "garbage"
    );

    for (text, says) in [
        ("nope", "in.json: not valid JSON"),
        (
            "{\"format\": \"grill-history\", \"version\": 3, \"sessions\": []}",
            "exported by a newer grill",
        ),
        ("{\"format\": \"grill-history\", \"version\": 1}", "needs a `sessions` array"),
        ("[1, 2]", "not a grill history export"),
    ] {
        let err = history.import(text, "in.json").unwrap_err().to_string();
        assert!(err.contains(says), "{text}: {err}");
    }
}

#[test]
fn recorded_times_round_down_never_into_the_future() {
    // A record finished at .9 s once rounded up to the next second, so a
    // drill run at once saw the session as finished in the future.
    let r = one("2026-11-20T10:00:00.9009Z");
    assert_eq!(r.finished.to_string(), "2026-11-20T10:00:00.9Z");
}

/// Reports saved before verdicts were renamed (version 1: strong, good,
/// partial, weak) still read, with verdicts recomputed from their scores.
#[test]
fn a_version_1_report_is_read_with_todays_verdicts() {
    let mut old: Value = serde_json::from_str(
        &record(
            "kubeflow-ops",
            Level::Junior,
            "2026-11-20T10:00:00Z",
            &[
                ("q1", "kubernetes", 70.0),
                ("q2", "security", 50.0),
                ("q3", "cost", 20.0),
                ("q4", "cost", 0.0),
            ],
        )
        .to_json(),
    )
    .unwrap();
    old["report"]["version"] = 1.into();
    for (q, verdict) in old["report"]["questions"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .zip(["good", "partial", "weak", "skipped"])
    {
        let q = q.as_object_mut().unwrap();
        q.insert("verdict".into(), verdict.into());
        for added in ["borderline", "details", "notes"] {
            q.remove(added);
        }
    }
    let read = parse_record(&old.to_string()).unwrap();
    let verdicts: Vec<&str> = read.report.questions.iter().map(|q| q.verdict.as_str()).collect();
    assert_eq!(verdicts, ["adequate", "weak", "missed", "skipped"]);
    assert_eq!(read.report.version, crate::report::REPORT_VERSION);
    assert!(read.report.questions.iter().all(|q| q.details.is_empty() && !q.borderline));
}

#[test]
fn reviews_are_read_over_their_sessions_and_travel_with_them() {
    let dir = tempfile::tempdir().unwrap();
    let (mine, theirs) = (History::open(dir.path().join("a")), History::open(dir.path().join("b")));
    let s1 = one("2026-11-01T10:00:00Z");
    mine.save(&s1).unwrap();
    let saved = std::fs::read_to_string(mine.dir().join(format!("{}.json", s1.id))).unwrap();
    let at: Timestamp = "2026-11-02T10:00:00Z".parse().unwrap();
    let mut review = SessionReview::new(&s1.id, None, at);
    let own = crate::selfgrade::SelfAssessment {
        self_score: Some(95.0),
        ..Default::default()
    };
    review.record(1, "q2", own, at);
    mine.save_review(&review).unwrap();

    let listing = mine.list().unwrap();
    assert!(listing.problems.is_empty(), "a review is no session file: {:?}", listing.problems);
    assert_eq!(listing.sessions.len(), 1);
    assert_eq!(listing.sessions[0].report.questions[1].own.self_score, Some(95.0));
    assert_eq!(listing.sessions[0].report.own.grader_score_same, Some(40.0));
    assert_eq!(mine.list_unreviewed().unwrap().sessions, std::slice::from_ref(&s1), "read as saved");
    let file = std::fs::read_to_string(mine.dir().join(format!("{}.json", s1.id))).unwrap();
    assert_eq!(file, saved, "the session file is never rewritten");

    let exported = bundle(&mine.list_unreviewed().unwrap(), at);
    let done = theirs.import(&exported, "export.json").unwrap();
    assert_eq!(done.reviews, std::slice::from_ref(&s1.id));
    assert_eq!(theirs.list().unwrap().sessions, listing.sessions);
    assert!(theirs.import(&exported, "export.json").unwrap().reviews.is_empty(), "not newer");

    // A damaged review is reported and left alone; the session still reads.
    std::fs::write(mine.review_path(&s1.id), "{").unwrap();
    let listing = mine.list().unwrap();
    assert_eq!((listing.sessions.len(), listing.problems.len()), (1, 1));
    assert_eq!(listing.sessions[0].report.questions[1].own.self_score, None);

    // Deleting the session takes its review with it.
    std::fs::write(mine.review_path(&s1.id), review.to_json()).unwrap();
    mine.delete(&s1.id).unwrap();
    assert!(!mine.review_path(&s1.id).exists());
}

#[test]
fn a_live_session_cut_short_by_its_clock_still_shows_the_time_it_took() {
    let mut r = record(
        "k",
        Level::Mid,
        "2026-11-01T10:00:00Z",
        &[("q1", "security", 50.0), ("q2", "cost", 0.0)],
    );
    r.report.questions[0].seconds = Some(80);
    r.report.questions[1].seconds = None;
    r.report.seconds = None;
    assert_eq!(r.time_taken(), None, "a sheet without times has none");
    r.source = Source::Live;
    assert_eq!(r.time_taken(), Some(80), "the question never reached took no time");
    r.report.seconds = Some(95);
    assert_eq!(r.time_taken(), Some(95));
}
