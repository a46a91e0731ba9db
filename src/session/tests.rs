//! The interview loop driven by a scripted candidate and a fake clock.

use std::collections::VecDeque;
use std::io;
use std::time::Duration;

use super::*;
use crate::bank::Level;
use crate::catalog::FileKind;
use crate::diagnostic::SourceFile;
use crate::plan::{PlanOptions, plan};

const BANK: &str = r#"
id = "t"
title = "T"
[[question]]
id = "q1"
prompt = "What does a liveness probe do?"
level = "mid"
topic = "kubernetes"
difficulty = 1
seconds = 60
reference = "The kubelet restarts a container whose liveness probe keeps failing."
follow_ups = ["How is that different from a startup probe?"]
[[question.key_points]]
point = "kubelet restarts the container"
weight = 3
[[question.key_points]]
point = "probe keeps failing"
weight = 1
[[question]]
id = "q2"
prompt = "What does a readiness probe do?"
level = "mid"
topic = "security"
difficulty = 2
seconds = 60
reference = "A failing readiness probe takes the pod out of the Service endpoints until it recovers."
[[question.key_points]]
point = "removed from service endpoints"
weight = 3
alternatives = ["out of the service endpoints"]
[[question]]
id = "q3"
prompt = "What is a PodDisruptionBudget?"
level = "mid"
topic = "cost"
difficulty = 3
seconds = 60
reference = "It limits how many pods of an app voluntary disruptions such as node drains may evict at once."
[[question.key_points]]
point = "limits voluntary disruptions"
weight = 3
"#;

/// [`BANK`] with q1's follow-up as a table with a rubric of its own.
fn graded_bank() -> String {
    BANK.replace("follow_ups = [\"How is that different from a startup probe?\"]\n", "")
        .replacen(
            "[[question]]\nid = \"q2\"",
            "[[question.follow_ups]]\nid = \"q1-f1\"\nprompt = \"How is that different from a startup probe?\"\nseconds = 40\n\
         reference = \"A startup probe holds off the other probes until the app has started.\"\n\
         [[question.follow_ups.key_points]]\npoint = \"holds off the other probes\"\nweight = 2\n\
         [[question.follow_ups.key_points]]\npoint = \"until the app has started\"\nweight = 1\n\
         [[question]]\nid = \"q2\"",
            1,
        )
}

fn catalog(follow_ups: &str) -> Catalog {
    catalog_of(BANK, follow_ups)
}

fn catalog_of(bank: &str, follow_ups: &str) -> Catalog {
    let scenario = format!(
        "id = \"s\"\ntitle = \"S\"\nbriefing = \"Hello there.\"\nbanks = [\"t\"]\norder = \"easy-first\"\nfollow_ups = \"{follow_ups}\"\novertime_penalty = 5\n[levels.mid]\nquestions = 3\nminutes = 4\npass_mark = 50\n"
    );
    Catalog::from_files(&[
        (FileKind::Bank, SourceFile::new("t.toml", bank)),
        (FileKind::Scenario, SourceFile::new("s.toml", scenario)),
    ])
    .unwrap()
}

/// A candidate following a script: each step takes some seconds, then gives an input.
pub(super) struct Script<'c> {
    pub(super) steps: VecDeque<(u64, Input)>,
    pub(super) clock: &'c FakeClock,
    pub(super) said: Vec<String>,
    pub(super) asked: Vec<String>,
    pub(super) drafts: Vec<String>,
    pub(super) rounds: Vec<RoundClock>,
    /// What the rating screens give, in turn (then no rating); each takes
    /// 30 seconds, which no question's clock may count.
    pub(super) ratings: VecDeque<rating::Rated>,
    pub(super) cards: Vec<rating::Card>,
}

impl<'c> Script<'c> {
    pub(super) fn new(clock: &'c FakeClock, steps: Vec<(u64, Input)>) -> Self {
        Script {
            steps: steps.into(),
            clock,
            said: vec![],
            asked: vec![],
            drafts: vec![],
            rounds: vec![],
            ratings: VecDeque::new(),
            cards: vec![],
        }
    }
}

impl Prompter for Script<'_> {
    fn briefing(&mut self, _: &str, text: &str) -> io::Result<bool> {
        self.said.push(text.to_string());
        Ok(true)
    }
    fn question(&mut self, h: &Header) {
        self.asked.push(format!("{} {}", h.number, h.prompt));
    }
    fn read(&mut self, _: Timing, _: &dyn Clock, draft: &str) -> io::Result<Input> {
        self.drafts.push(draft.to_string());
        let (secs, input) = self.steps.pop_front().expect("the script has a step for every prompt");
        self.clock.advance(Duration::from_secs(secs));
        Ok(input)
    }
    fn say(&mut self, text: &str) {
        self.said.push(text.to_string());
    }
    fn pause(&mut self) -> io::Result<()> {
        self.clock.advance(Duration::from_secs(1000));
        Ok(())
    }
    fn round_clock(&mut self, clock: Option<RoundClock>) {
        self.rounds.extend(clock);
    }
    fn rate(&mut self, card: &rating::Card) -> io::Result<rating::Rated> {
        self.cards.push(card.clone());
        self.clock.advance(Duration::from_secs(30));
        Ok(self.ratings.pop_front().unwrap_or(rating::Rated::Unrated))
    }
}

/// A catalog of the bank above with a scenario whose follow-ups policy is
/// `follow_ups`, its grader, and a clock at zero.
struct Setup {
    c: Catalog,
    g: crate::grade::Grader,
    clock: FakeClock,
}

fn setup(follow_ups: &str) -> Setup {
    let c = catalog(follow_ups);
    let g = c.grader();
    Setup {
        c,
        g,
        clock: FakeClock::default(),
    }
}

fn start(c: &Catalog) -> Progress {
    let p = plan(
        c,
        c.scenario("s").unwrap(),
        Level::Mid,
        PlanOptions {
            seed: 1,
            ..Default::default()
        },
    )
    .unwrap();
    Progress::new(p, Feedback::End)
}

pub(super) fn finished(e: Ending) -> Report {
    match e {
        Ending::Finished(r) => *r,
        other => panic!("expected a finished interview, got {other:?}"),
    }
}

#[test]
fn answers_skips_hints_and_time_reach_the_report() {
    let Setup { c, g, clock } = setup("none");
    let mut progress = start(&c);
    let mut saves = 0;
    let mut script = Script::new(
        &clock,
        vec![
            (10, Input::Hint("the kubelet".into())),
            (
                120,
                Input::Answer("The kubelet restarts the container when the probe keeps failing.".into()),
            ),
            (5, Input::Skip),
            (20, Input::Answer("It limits voluntary disruptions during drains.".into())),
        ],
    );
    let report = finished(
        run(&mut progress, &c, &g, &mut script, &clock, &mut |_| {
            saves += 1;
            Ok(())
        })
        .unwrap(),
    );
    assert_eq!(script.asked.iter().map(|a| &a[..3]).collect::<Vec<_>>(), ["1/3", "2/3", "3/3"]);
    assert!(
        script.said.iter().any(|s| s.starts_with("Hint: kubelet restarts the container")),
        "{:?}",
        script.said
    );
    assert_eq!(script.drafts[1], "the kubelet", "the draft comes back after a hint");
    let q1 = &report.questions[0];
    assert_eq!((q1.id.as_str(), q1.seconds, q1.hints, q1.over_budget), ("q1", Some(130), 1, true));
    // One hint (10) and one full minute over budget (5) come off the grade.
    let raw = g
        .grade(&g.prepare(crate::grade::Rubric::from(c.question("q1").unwrap())), &q1.answer)
        .score;
    assert_eq!(q1.penalty, 15.0);
    assert_eq!(q1.score, ((raw - 15.0) * 10.0).round() / 10.0);
    assert!(report.questions[1].skipped);
    assert_eq!(report.questions[2].seconds, Some(20));
    assert!(saves >= 5, "progress is saved after every step ({saves})");
    assert!(progress.finished);
}

#[test]
fn quit_then_resume_keeps_every_answer_and_the_draft() {
    let Setup { c, g, clock } = setup("none");
    let mut progress = start(&c);
    let mut saved: Option<Progress> = None;
    let mut script = Script::new(
        &clock,
        vec![
            (30, Input::Answer("The kubelet restarts the container.".into())),
            (7, Input::Quit("half an ans".into())),
        ],
    );
    let ending = run(&mut progress, &c, &g, &mut script, &clock, &mut |p| {
        saved = Some(p.clone());
        Ok(())
    })
    .unwrap();
    assert!(matches!(ending, Ending::Quit));
    let mut resumed = saved.expect("saved before leaving");
    assert_eq!((resumed.next, resumed.draft.as_str(), resumed.draft_ms), (1, "half an ans", 7000));

    let mut script = Script::new(
        &clock,
        vec![
            (3, Input::Answer("half an answer: out of the service endpoints".into())),
            (5, Input::Skip),
        ],
    );
    let report = finished(run(&mut resumed, &c, &g, &mut script, &clock, &mut |_| Ok(())).unwrap());
    assert_eq!(script.drafts[0], "half an ans");
    assert!(script.said[0].starts_with("Resuming"), "{:?}", script.said);
    assert_eq!(report.questions[0].answer, "The kubelet restarts the container.");
    assert_eq!(report.questions[1].seconds, Some(10), "time before and after the break adds up");
    assert_eq!(report.answered, 2);
}

#[test]
fn a_strong_answer_earns_a_plain_follow_up_asked_as_ungraded_practice() {
    let Setup { c, g, clock } = setup("after-strong-answer");
    let mut progress = start(&c);
    let mut script = Script::new(
        &clock,
        vec![
            (
                10,
                Input::Answer("The kubelet restarts the container whose liveness probe keeps failing.".into()),
            ),
            (
                10,
                Input::Answer("A startup probe holds off liveness checks; the kubelet restarts the container only after.".into()),
            ),
            (10, Input::Answer("no idea".into())),
            (10, Input::Answer("no idea".into())),
        ],
    );
    let report = finished(run(&mut progress, &c, &g, &mut script, &clock, &mut |_| Ok(())).unwrap());
    assert_eq!(
        script.asked[1],
        "1/3 follow-up (practice, not graded) How is that different from a startup probe?"
    );
    assert_eq!(report.questions.len(), 4);
    let f = &report.questions[1];
    assert!(
        f.follow_up && f.ungraded && f.id == "q1" && f.follows.as_deref() == Some("q1"),
        "{f:?}"
    );
    assert_eq!(f.verdict_text(), "practice, ungraded");
    assert!(!report.questions[2].follow_up, "a weak answer gets no follow-up");
    assert_eq!(report.depth.as_ref().map(|d| (d.count, d.answered, d.score)), Some((1, 1, None)));
}

#[test]
fn a_follow_up_is_graded_on_its_own_rubric_and_budget_apart_from_the_score() {
    let c = catalog_of(&graded_bank(), "after-strong-answer");
    let g = c.grader();
    let clock = FakeClock::default();
    let strong = "The kubelet restarts the container whose liveness probe keeps failing.";
    let run_with = |follow_up: Input| {
        let mut progress = start(&c);
        let mut script = Script::new(
            &clock,
            vec![
                (10, Input::Answer(strong.into())),
                (10, follow_up),
                (10, Input::Answer("no idea".into())),
                (10, Input::Answer("no idea".into())),
            ],
        );
        let report = finished(run(&mut progress, &c, &g, &mut script, &clock, &mut |_| Ok(())).unwrap());
        (report, script.asked)
    };
    let (answered, asked) = run_with(Input::Answer("It holds off the other probes until the app has started.".into()));
    assert_eq!(asked[1], "1/3 follow-up How is that different from a startup probe?");
    let f = &answered.questions[1];
    assert_eq!((f.id.as_str(), f.follows.as_deref()), ("q1-f1", Some("q1")));
    assert_eq!(f.budget_seconds, 40, "its own budget, not the parent's");
    assert!(f.score >= 95.0, "graded on its own points, not the parent's: {f:?}");
    assert!(f.covered.contains(&"holds off the other probes".to_string()), "{f:?}");
    let depth = answered.depth.clone().unwrap();
    assert_eq!((depth.count, depth.answered), (1, 1));
    assert_eq!(depth.score, Some(f.score));
    let planned: Vec<f64> = answered.questions.iter().filter(|q| !q.follow_up).map(|q| q.score).collect();
    assert_eq!(answered.score, crate::report::round1(planned.iter().sum::<f64>() / 3.0));
    assert_eq!(answered.answered, 3, "the follow-up is not a planned question");

    let (skipped, _) = run_with(Input::Skip);
    assert_eq!(skipped.score, answered.score, "a skipped follow-up does not lower the result");
    assert_eq!(skipped.passed, answered.passed);
    assert_eq!(skipped.depth.map(|d| (d.count, d.answered, d.score)), Some((1, 0, Some(0.0))));
}

#[test]
fn the_interview_ends_when_its_time_is_up() {
    let Setup { c, g, clock } = setup("none");
    let mut progress = start(&c);
    let mut script = Script::new(&clock, vec![(250, Input::Answer("The kubelet restarts the container.".into()))]);
    let report = finished(run(&mut progress, &c, &g, &mut script, &clock, &mut |_| Ok(())).unwrap());
    assert!(script.said.iter().any(|s| s.contains("time is up")), "{:?}", script.said);
    assert_eq!((report.answered, report.skipped), (1, 2));
}

#[test]
fn a_failing_disk_is_reported_once_and_loses_nothing() {
    let Setup { c, g, clock } = setup("none");
    let mut progress = start(&c);
    let mut script = Script::new(
        &clock,
        vec![
            (1, Input::Answer("a".into())),
            (1, Input::Answer("b".into())),
            (1, Input::Answer("c".into())),
        ],
    );
    let report = finished(
        run(&mut progress, &c, &g, &mut script, &clock, &mut |_| {
            anyhow::bail!("No space left on device")
        })
        .unwrap(),
    );
    assert_eq!(
        script
            .said
            .iter()
            .filter(|s| s.contains("cannot save progress: No space left on device"))
            .count(),
        1
    );
    assert_eq!(
        report.questions.iter().map(|q| q.answer.as_str()).collect::<Vec<_>>(),
        ["a", "b", "c"]
    );
}

#[test]
fn pause_stops_the_clock_and_instant_feedback_shows_scores() {
    let Setup { c, g, clock } = setup("none");
    let mut progress = start(&c);
    progress.feedback = Feedback::Instant;
    let mut script = Script::new(
        &clock,
        vec![
            (5, Input::Pause(String::new())),
            (5, Input::Answer("The kubelet restarts the container.".into())),
            (1, Input::Skip),
            (1, Input::Skip),
        ],
    );
    let report = finished(run(&mut progress, &c, &g, &mut script, &clock, &mut |_| Ok(())).unwrap());
    assert_eq!(report.questions[0].seconds, Some(10), "the 1000 s pause is not counted");
    assert!(
        script
            .said
            .iter()
            .any(|s| s.starts_with("Score ") && s.contains("missed: probe keeps failing")),
        "{:?}",
        script.said
    );
}

#[test]
fn when_saving_fails_save_path_keeps_the_answers_elsewhere() {
    let Setup { c, g, clock } = setup("none");
    let mut progress = start(&c);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rescue.toml").display().to_string();
    let mut script = Script::new(
        &clock,
        vec![
            (1, Input::Answer("The kubelet restarts the container.".into())),
            (1, Input::Save(path.clone(), "typed but not sent".into())),
            (1, Input::Quit("typed but not sent".into())),
        ],
    );
    let ending = run(&mut progress, &c, &g, &mut script, &clock, &mut |_| {
        anyhow::bail!("Read-only file system")
    })
    .unwrap();
    assert!(matches!(ending, Ending::Quit));
    assert!(
        script.said.iter().any(|s| s.contains("keep a copy elsewhere with :save PATH")),
        "{:?}",
        script.said
    );
    assert!(script.said.iter().any(|s| s.starts_with("Wrote 2 answers to")), "{:?}", script.said);
    assert_eq!(script.drafts[2], "typed but not sent", "the draft survives :save");
    let sheet = crate::sheet::AnswerSheet::parse(&SourceFile::read(std::path::Path::new(&path)).unwrap()).unwrap();
    let texts: Vec<&str> = sheet.answers.iter().map(|a| a.text.trim()).filter(|t| !t.is_empty()).collect();
    assert_eq!(texts, ["The kubelet restarts the container.", "typed but not sent"]);
}

#[test]
fn rounds_have_their_own_clock_a_summary_and_a_pause_and_per_round_scores() {
    let scenario = "id = \"s\"\ntitle = \"S\"\nbriefing = \"Hello.\"\norder = \"easy-first\"\nfollow_ups = \"none\"\n\
        [levels.mid]\npass_mark = 50\n\
        [[round]]\ntitle = \"Screen\"\nbriefing = \"Warm up.\"\nbanks = [\"t\"]\nseconds_per_question = 60\n[round.levels.mid]\nquestions = 2\nminutes = 2\n\
        [[round]]\ntitle = \"Deep\"\nbriefing = \"Go deep.\"\nbanks = [\"t\"]\nseconds_per_question = 60\n[round.levels.mid]\nquestions = 1\nminutes = 1\n";
    let c = Catalog::from_files(&[
        (FileKind::Bank, SourceFile::new("t.toml", BANK)),
        (FileKind::Scenario, SourceFile::new("s.toml", scenario)),
    ])
    .unwrap();
    let g = c.grader();
    let clock = FakeClock::default();
    let mut progress = start(&c);
    let mut script = Script::new(
        &clock,
        vec![
            (10, Input::Answer("no idea".into())),
            (20, Input::Skip),
            (5, Input::Answer("no idea".into())),
        ],
    );
    let report = finished(run(&mut progress, &c, &g, &mut script, &clock, &mut |_| Ok(())).unwrap());
    assert!(
        script.said[0].contains("2 rounds:\n  1. Screen — 2 questions, 2:00\n  2. Deep — 1 question, 1:00"),
        "{:?}",
        script.said[0]
    );
    let spent: Vec<(&str, u64)> = script.rounds.iter().map(|r| (r.label.as_str(), r.spent)).collect();
    assert_eq!(
        spent,
        [("round 1/2", 0), ("round 1/2", 10_000), ("round 2/2", 0)],
        "the round clock restarts"
    );
    let summary = script.said.iter().find(|s| s.starts_with("End of round 1/2")).expect("a summary");
    assert!(summary.contains("1 of 2 questions answered, 0:30 of 2:00"), "{summary}");
    assert!(summary.contains("Next: round 2/2, Deep (1:00)"), "{summary}");
    assert!(
        !script.said.iter().any(|s| s.starts_with("End of round 2/2")),
        "no pause after the last round"
    );
    let rounds: Vec<(&str, usize, Option<u32>, u32)> = report
        .rounds
        .iter()
        .map(|r| (r.name.as_str(), r.questions, r.seconds, r.budget_seconds))
        .collect();
    assert_eq!(rounds, [("Screen", 2, Some(30), 120), ("Deep", 1, Some(5), 60)]);
}

#[test]
fn instant_feedback_waits_with_the_clock_stopped() {
    let Setup { c, g, clock } = setup("none");
    let mut progress = start(&c);
    progress.feedback = Feedback::Instant;
    let mut script = Script::new(
        &clock,
        vec![
            (10, Input::Answer("no idea".into())),
            (10, Input::Answer("no idea".into())),
            (10, Input::Answer("no idea".into())),
        ],
    );
    let report = finished(run(&mut progress, &c, &g, &mut script, &clock, &mut |_| Ok(())).unwrap());
    // The scripted pause takes 1000 s; none of it is counted.
    assert_eq!(report.seconds, Some(30));
    assert_eq!(progress.elapsed_ms, 30_000);
}

#[test]
fn self_grading_at_the_end_rates_each_answer_and_ctrl_c_keeps_what_was_rated() {
    use crate::selfgrade::{Rating, SelfGrade};
    let Setup { c, g, clock } = setup("none");
    let mut progress = start(&c);
    progress.self_grade = true;
    let mut script = Script::new(
        &clock,
        vec![
            (10, Input::Answer("The kubelet restarts the container.".into())),
            (5, Input::Answer("Something about endpoints.".into())),
            (5, Input::Skip),
        ],
    );
    script.ratings = [rating::Rated::Given(SelfGrade::Rating(Rating::Good)), rating::Rated::Interrupted].into();
    let mut saved = vec![];
    let report = finished(
        run(&mut progress, &c, &g, &mut script, &clock, &mut |p| {
            saved.push(p.answers.iter().filter(|a| a.self_grade.is_some()).count());
            Ok(())
        })
        .unwrap(),
    );
    // Two answers to rate (the skipped one has nothing), after the last question.
    assert_eq!(script.cards.len(), 2);
    assert_eq!(script.cards[0].number, "1/2");
    assert_eq!(script.cards[0].points, ["kubelet restarts the container", "probe keeps failing"]);
    assert!(
        script.said.iter().any(|s| s.contains("ratings given are kept")),
        "{:?}",
        script.said
    );
    assert_eq!(report.questions[0].own.self_score, Some(80.0));
    assert_eq!(report.questions[1].own.self_score, None);
    assert_eq!(report.own.self_rated, 1);
    assert!(saved.contains(&1), "the rating was saved as it was given");
    assert_eq!(report.questions[0].seconds, Some(10), "rating does not run the question's clock");
}

#[test]
fn without_self_grading_no_rating_screen_is_shown() {
    let Setup { c, g, clock } = setup("none");
    let mut progress = start(&c);
    let mut script = Script::new(&clock, vec![(10, Input::Answer("x".into())), (5, Input::Skip), (5, Input::Skip)]);
    finished(run(&mut progress, &c, &g, &mut script, &clock, &mut |_| Ok(())).unwrap());
    assert!(script.cards.is_empty());
}
