//! The live loop in placement mode on the shipped KubeFlow Ops ladder,
//! driven by a scripted candidate and a fake clock: stop rules, own grades
//! used for the estimate, and a resumed placement asking what an
//! uninterrupted one asks.

use super::tests::{Script, finished};
use super::*;
use crate::bank::Level;
use crate::placement::{Band, Limits};
use crate::selfgrade::{Rating, SelfGrade};

fn start(c: &Catalog, seed: u64) -> Progress {
    let s = c.scenario("kubeflow-ops").unwrap();
    let pool = crate::placement::pool(c, s);
    let plan = crate::placement::interview::plan(s, &pool, seed, None, Limits::default()).unwrap();
    Progress::placement(plan, Feedback::End, Limits::default())
}

fn steps(n: usize, secs: u64, input: impl Fn() -> Input) -> Vec<(u64, Input)> {
    (0..n).map(|_| (secs, input())).collect()
}

#[test]
fn answering_nothing_places_below_junior_after_at_least_six_questions() {
    let c = Catalog::embedded().unwrap();
    let (g, clock) = (c.grader(), FakeClock::default());
    let mut progress = start(&c, 1);
    let mut script = Script::new(&clock, steps(12, 10, || Input::Skip));
    let report = finished(run(&mut progress, &c, &g, &mut script, &clock, &mut |_| Ok(())).unwrap());
    let p = report.placement.as_ref().expect("a placement report");
    assert_eq!(p.level, Band::Below(Level::Junior));
    assert!((6..=12).contains(&p.questions.len()), "{}", p.questions.len());
    assert_eq!(script.asked[0].split(' ').take(3).collect::<Vec<_>>(), ["1,", "up", "to"]);
    assert!(script.said.iter().any(|s| s.contains("sure of your level")), "{:?}", script.said);
    assert_eq!((report.pass_mark, report.level), (None, Level::Junior));
    assert!(progress.id.ends_with("-place"), "{}", progress.id);
}

#[test]
fn the_time_budget_stops_a_placement() {
    let c = Catalog::embedded().unwrap();
    let (g, clock) = (c.grader(), FakeClock::default());
    let mut progress = start(&c, 1);
    let budget = u64::from(progress.plan.budget_seconds);
    let mut script = Script::new(&clock, steps(12, budget / 3 + 1, || Input::Skip));
    let report = finished(run(&mut progress, &c, &g, &mut script, &clock, &mut |_| Ok(())).unwrap());
    assert_eq!(report.placement.unwrap().questions.len(), 3);
    assert!(script.said.iter().any(|s| s.contains("time is up")), "{:?}", script.said);
}

#[test]
fn own_grades_are_what_the_estimate_uses_and_are_asked_after_each_answer() {
    let c = Catalog::embedded().unwrap();
    let (g, clock) = (c.grader(), FakeClock::default());
    let mut progress = start(&c, 2);
    progress.self_grade = true;
    let mut script = Script::new(&clock, steps(12, 10, || Input::Answer("I would look into it.".into())));
    script.ratings = (0..12).map(|_| rating::Rated::Given(SelfGrade::Rating(Rating::Easy))).collect();
    let report = finished(run(&mut progress, &c, &g, &mut script, &clock, &mut |_| Ok(())).unwrap());
    let p = report.placement.as_ref().unwrap();
    assert!(p.self_graded);
    assert_eq!(p.level, Band::At(Level::Senior), "rated easy throughout: {p:?}");
    assert_eq!(script.cards.len(), p.questions.len(), "each answer rated as it came");
    assert!(p.questions.iter().all(|q| q.score == 95.0));
}

#[test]
fn a_resumed_placement_asks_what_an_uninterrupted_one_asks() {
    let c = Catalog::embedded().unwrap();
    let g = c.grader();
    let answer = |i: usize| match i % 3 {
        0 => Input::Answer("ArgoCD self-heal reverts the manual change to the state in Git.".into()),
        1 => Input::Skip,
        _ => Input::Answer("Pods, services and deployments.".into()),
    };
    let whole = {
        let clock = FakeClock::default();
        let mut progress = start(&c, 9);
        let mut script = Script::new(&clock, (0..12).map(|i| (10, answer(i))).collect());
        finished(run(&mut progress, &c, &g, &mut script, &clock, &mut |_| Ok(())).unwrap())
    };
    let clock = FakeClock::default();
    let mut progress = start(&c, 9);
    let mut first: Vec<(u64, Input)> = (0..3).map(|i| (10, answer(i))).collect();
    first.push((5, Input::Interrupted(String::new())));
    let mut script = Script::new(&clock, first);
    assert!(matches!(
        run(&mut progress, &c, &g, &mut script, &clock, &mut |_| Ok(())).unwrap(),
        Ending::Interrupted
    ));
    let saved: Progress = serde_json::from_str(&serde_json::to_string(&progress).unwrap()).unwrap();
    let mut progress = saved;
    let mut script = Script::new(&clock, (3..12).map(|i| (10, answer(i))).collect());
    let resumed = finished(run(&mut progress, &c, &g, &mut script, &clock, &mut |_| Ok(())).unwrap());
    assert!(script.said.iter().any(|s| s.starts_with("Resuming placement")));
    assert_eq!(resumed.placement, whole.placement);
}

#[test]
fn a_scenario_without_senior_says_so_and_places_within_its_levels() {
    let c = Catalog::embedded().unwrap();
    let (g, clock) = (c.grader(), FakeClock::default());
    let s = c.scenario("mlops-freshers").unwrap();
    assert!(!s.offers(Level::Senior));
    let pool = crate::placement::pool(&c, s);
    let plan = crate::placement::interview::plan(s, &pool, 3, None, Limits::default()).unwrap();
    let mut progress = Progress::placement(plan, Feedback::End, Limits::default());
    let mut script = Script::new(&clock, steps(12, 10, || Input::Skip));
    let report = finished(run(&mut progress, &c, &g, &mut script, &clock, &mut |_| Ok(())).unwrap());
    assert!(
        script.said[0].contains("This scenario has no senior level: it places you at mid at most."),
        "{}",
        script.said[0]
    );
    let p = report.placement.unwrap();
    assert_eq!(p.top, Some(Level::Mid));
    assert!(p.questions.iter().all(|q| q.level != Level::Senior));
}

#[test]
fn save_in_a_placement_points_to_grill_grade() {
    let c = Catalog::embedded().unwrap();
    let (g, clock) = (c.grader(), FakeClock::default());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kept.toml").display().to_string();
    let mut progress = start(&c, 1);
    let mut script = Script::new(
        &clock,
        vec![
            (5, Input::Save(path.clone(), "ArgoCD reverts it.".into())),
            (5, Input::Quit(String::new())),
        ],
    );
    assert!(matches!(
        run(&mut progress, &c, &g, &mut script, &clock, &mut |_| Ok(())).unwrap(),
        Ending::Quit
    ));
    assert!(
        script
            .said
            .iter()
            .any(|s| s.contains(&format!("grade them any time with: grill grade {path}"))),
        "{:?}",
        script.said
    );
    let sheet = crate::sheet::AnswerSheet::parse(&crate::diagnostic::SourceFile::read(std::path::Path::new(&path)).unwrap()).unwrap();
    assert_eq!(sheet.answers.iter().filter(|a| !a.text.is_empty()).count(), 1);
}
