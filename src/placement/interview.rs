//! A placement as an interview plan: the live loop asks a [`Plan`] whose
//! questions are added one at a time, each chosen by [`super::next`] from
//! the answers before it. This file makes the empty plan (title, time
//! budget, one round, no follow-ups) and turns a chosen [`Item`] into the
//! planned question the loop asks.

use super::select::{Item, Limits};
use crate::bank::Level;
use crate::catalog::Catalog;
use crate::plan::{Plan, PlannedQuestion, PlannedRound};
use crate::scenario::{FollowUps, Scenario};

/// The round a placement's questions are reported under.
pub const ROUND_TITLE: &str = "Placement";

/// Why a placement cannot start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlacementError {
    #[error("scenario `{0}` has no question a placement can ask (behavioural questions are left out); choose another scenario")]
    NoQuestions(String),
}

/// The time a placement of `scenario` may take unless `--minutes` says
/// otherwise: the scenario's own time per question (all levels' minutes
/// over all levels' questions) for the most questions a placement asks.
pub fn budget_seconds(scenario: &Scenario, limits: Limits) -> u32 {
    let (mut seconds, mut questions) = (0u64, 0u64);
    for level in scenario.levels() {
        let size = scenario.size(level);
        seconds += u64::from(size.seconds);
        questions += size.questions as u64;
    }
    let per_question = seconds.checked_div(questions).unwrap_or(180);
    (per_question * limits.max as u64).min(u64::from(u32::MAX)) as u32
}

/// The level a placement plan is filed under before it has placed anyone:
/// mid when the scenario offers it (where a placement starts), else its
/// lowest.
pub fn starting_level(scenario: &Scenario) -> Level {
    if scenario.offers(Level::Mid) {
        Level::Mid
    } else {
        scenario.levels().next().unwrap_or(Level::Mid)
    }
}

/// The plan a placement of `scenario` starts from: no questions yet.
pub fn plan(scenario: &Scenario, pool: &[Item], seed: u64, minutes: Option<u32>, limits: Limits) -> Result<Plan, PlacementError> {
    if pool.is_empty() {
        return Err(PlacementError::NoQuestions(scenario.id.clone()));
    }
    let budget = minutes.map_or_else(|| budget_seconds(scenario, limits), |m| m.saturating_mul(60));
    Ok(Plan {
        scenario: scenario.id.clone(),
        title: scenario.title.clone(),
        level: starting_level(scenario),
        seed,
        pass_mark: 0,
        budget_seconds: budget,
        rounds: vec![PlannedRound {
            title: ROUND_TITLE.to_string(),
            briefing: String::new(),
            budget_seconds: budget,
        }],
        questions: Vec::new(),
        follow_ups: FollowUps::None,
        overtime_penalty: scenario.overtime_penalty,
    })
}

/// The planned question for `item`, with the time its round of the
/// scenario gives it; `None` when the catalog no longer holds it.
pub fn planned(catalog: &Catalog, scenario: &Scenario, item: &Item) -> Option<PlannedQuestion> {
    let q = catalog.question(&item.id)?;
    let round = scenario.rounds.iter().find(|r| r.banks.contains(&q.bank))?;
    // Every question of a placement is in its one round.
    Some(crate::plan::planned(q, round, 0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::placement::pool;

    #[test]
    fn a_placement_plan_starts_empty_with_one_round_and_no_follow_ups() {
        let catalog = Catalog::embedded().unwrap();
        let scenario = catalog.scenario("kubeflow-ops").unwrap();
        let items = pool(&catalog, scenario);
        let p = plan(scenario, &items, 7, None, Limits::default()).unwrap();
        assert!(p.questions.is_empty());
        assert_eq!((p.level, p.follow_ups, p.rounds.len()), (Level::Mid, FollowUps::None, 1));
        // 100 minutes over 26 questions, for 12.
        assert_eq!(p.budget_seconds, 230 * 12);
        assert_eq!(plan(scenario, &items, 7, Some(20), Limits::default()).unwrap().budget_seconds, 1200);
        let q = planned(&catalog, scenario, &items[0]).unwrap();
        assert_eq!((q.id.as_str(), q.round), (items[0].id.as_str(), 0));
        assert_eq!(
            plan(scenario, &[], 7, None, Limits::default()).unwrap_err().to_string(),
            "scenario `kubeflow-ops` has no question a placement can ask (behavioural questions are left out); choose another scenario"
        );
    }
}
