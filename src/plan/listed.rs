//! Plans of questions chosen beforehand: [`replay`] rebuilds an interview
//! from the ids an answer sheet lists (so grading never depends on history
//! or on a seed replaying the same way), and [`drill`] makes a one-round
//! practice plan of the questions a drill scheduled.
//!
//! Pure, like the planner: the ids come in, a [`Plan`] or a [`PlanError`]
//! naming the id at fault comes out.

use std::collections::HashSet;

use super::{Plan, PlanError, PlanOptions, PlannedRound, place, planned, resize};
use crate::bank::{Level, Question};
use crate::catalog::Catalog;
use crate::scenario::{Round, Scenario};

/// The interview `scenario` at `level` asking exactly `ids`, in order:
/// rounds take their share of the ids as the planner would have sized them
/// for `ids.len()` questions (and `options.minutes`).
pub fn replay(catalog: &Catalog, scenario: &Scenario, level: Level, options: PlanOptions, ids: &[String]) -> Result<Plan, PlanError> {
    let pass_mark = pass_mark(scenario, level)?;
    let options = PlanOptions {
        count: Some(ids.len()),
        ..options
    };
    let sizes = resize(scenario, level, options)?;
    let mut ids = ids.iter();
    let mut seen = HashSet::new();
    let mut rounds = Vec::new();
    let mut questions = Vec::new();
    for (round, size) in scenario.rounds.iter().zip(&sizes) {
        let Some(size) = size else { continue };
        let index = rounds.len();
        rounds.push(PlannedRound {
            title: round.title.clone(),
            briefing: round.briefing.clone(),
            budget_seconds: size.seconds,
        });
        for id in ids.by_ref().take(size.questions) {
            let q = find(catalog, scenario, round, level, id, &mut seen)?;
            questions.push(planned(q, round, index));
        }
    }
    Ok(Plan::assemble(
        scenario,
        scenario.title.clone(),
        level,
        options.seed,
        pass_mark,
        rounds,
        questions,
    ))
}

/// A one-round drill of `ids` from `scenario` at `level`, in order, each
/// with its own time budget.
pub fn drill(catalog: &Catalog, scenario: &Scenario, level: Level, ids: &[String], seed: u64) -> Result<Plan, PlanError> {
    let pass_mark = pass_mark(scenario, level)?;
    let mut seen = HashSet::new();
    let mut questions = Vec::with_capacity(ids.len());
    for id in ids {
        let round = scenario
            .rounds
            .iter()
            .find(|r| catalog.pool(&r.banks, level).any(|q| &q.id == id))
            .unwrap_or(&scenario.rounds[0]);
        let q = find(catalog, scenario, round, level, id, &mut seen)?;
        questions.push(planned(q, round, 0));
    }
    let budget_seconds = questions.iter().map(|q| q.budget_seconds).sum();
    let round = PlannedRound {
        title: "Drill".into(),
        briefing: "The questions your past scores say you most need.".into(),
        budget_seconds,
    };
    Ok(Plan::assemble(
        scenario,
        format!("Drill: {}", scenario.title),
        level,
        seed,
        pass_mark,
        vec![round],
        questions,
    ))
}

fn pass_mark(scenario: &Scenario, level: Level) -> Result<u32, PlanError> {
    scenario.pass_marks.get(&level).copied().ok_or_else(|| PlanError::LevelNotOffered {
        scenario: scenario.id.clone(),
        level,
        offered: scenario.levels().map(|l| l.to_string()).collect::<Vec<_>>().join(", "),
    })
}

/// The question `id`, which `round` must ask at `level`, listed once.
fn find<'a>(
    catalog: &'a Catalog,
    scenario: &Scenario,
    round: &'a Round,
    level: Level,
    id: &str,
    seen: &mut HashSet<String>,
) -> Result<&'a Question, PlanError> {
    if catalog.question(id).is_none() {
        return Err(PlanError::UnknownQuestion(id.to_string()));
    }
    let Some(q) = catalog.pool(&round.banks, level).find(|q| q.id == id) else {
        return Err(PlanError::NotAsked {
            id: id.to_string(),
            place: place(scenario, round),
            level,
        });
    };
    if !seen.insert(id.to_string()) {
        return Err(PlanError::ListedTwice(id.to_string()));
    }
    Ok(q)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::plan;
    use crate::plan::tests::{catalog, ids, seeded};

    #[test]
    fn a_listed_plan_replays_the_planned_one() {
        let c = catalog(10, 60);
        let s = c.scenario("s").unwrap();
        for options in [
            seeded(1),
            PlanOptions {
                count: Some(4),
                minutes: Some(20),
                seed: 2,
            },
        ] {
            let p = plan(&c, s, Level::Mid, options).unwrap();
            let listed: Vec<String> = ids(&p).iter().map(|id| id.to_string()).collect();
            assert_eq!(
                replay(&c, s, Level::Mid, PlanOptions { count: None, ..options }, &listed).unwrap(),
                p
            );
        }
        let err = |ids: &[&str]| {
            let ids: Vec<String> = ids.iter().map(|id| id.to_string()).collect();
            replay(&c, s, Level::Mid, seeded(1), &ids).unwrap_err().to_string()
        };
        assert_eq!(err(&["cost-1", "nope"]), "no bank has a question `nope`");
        assert_eq!(err(&["cost-1", "cost-1"]), "question `cost-1` is listed twice");
        assert_eq!(err(&[]), "--count must be at least 1 (one question per round)");
    }

    #[test]
    fn a_drill_asks_its_questions_in_order_in_one_round() {
        let c = catalog(10, 60);
        let s = c.scenario("s").unwrap();
        let listed = vec!["security-2".to_string(), "cost-0".to_string()];
        let d = drill(&c, s, Level::Mid, &listed, 9).unwrap();
        assert_eq!(ids(&d), ["security-2", "cost-0"]);
        assert_eq!((d.rounds.len(), d.budget_seconds, d.title.as_str()), (1, 80 + 60, "Drill: S"));
        assert_eq!(
            drill(&c, s, Level::Senior, &listed, 9).unwrap_err().to_string(),
            "scenario `s` has no senior level (it offers: mid)"
        );
    }
}
