//! The planner: picks the questions of one interview from a scenario's
//! banks — at the chosen level, spread across topics, within the time
//! budget — reproducibly for a seed.
//!
//! A pure function of the catalog, the scenario, the options and the seed:
//! no I/O, no clock. The plan records the chosen ids and budgets, so a saved
//! session replays exactly even if a later `rand` shuffles differently.
//!
//! Questions asked in recent sessions come in as a set of ids to avoid
//! ([`plan_avoiding`], [`recent_to_avoid`]), so the planner stays pure while
//! history decides what is recent. Plans of listed questions (answer sheets
//! that name theirs, drills) live in `plan/listed.rs`.

mod listed;
mod recent;

pub use listed::{drill, replay};
pub use recent::recent_to_avoid;

use std::collections::{BTreeMap, BTreeSet, HashSet};

use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;
use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};

use crate::bank::{Level, Question};
use crate::catalog::Catalog;
use crate::layout::{mmss, plural};
use crate::scenario::{FollowUps, Order, Round, RoundSize, Scenario};

/// What the user may change about a scenario's shape.
#[derive(Debug, Clone, Copy, Default)]
pub struct PlanOptions {
    /// Total questions, instead of the scenario's count (spread over rounds).
    pub count: Option<usize>,
    /// Total minutes, instead of the scenario's budget (spread over rounds).
    pub minutes: Option<u32>,
    pub seed: u64,
}

/// One question as planned: enough to ask it and to report on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlannedQuestion {
    pub id: String,
    pub bank: String,
    pub prompt: String,
    pub topic: String,
    pub level: Level,
    pub difficulty: u8,
    pub budget_seconds: u32,
    /// Index into [`Plan::rounds`].
    pub round: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlannedRound {
    pub title: String,
    pub briefing: String,
    pub budget_seconds: u32,
}

/// The largest seed: an answer sheet stores its seed as a TOML integer,
/// which is signed 64-bit, so a larger seed would write a sheet that
/// cannot be read back.
pub const MAX_SEED: u64 = i64::MAX as u64;

/// A planned interview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub scenario: String,
    pub title: String,
    pub level: Level,
    pub seed: u64,
    pub pass_mark: u32,
    pub budget_seconds: u32,
    pub rounds: Vec<PlannedRound>,
    pub questions: Vec<PlannedQuestion>,
    /// The scenario's rules for a live interview, carried so a saved
    /// session resumes under the rules it started with.
    #[serde(default)]
    pub follow_ups: FollowUps,
    #[serde(default)]
    pub overtime_penalty: u32,
}

impl Plan {
    /// Sum of the questions' own budgets (at most `budget_seconds`).
    pub fn planned_seconds(&self) -> u32 {
        self.questions.iter().map(|q| q.budget_seconds).sum()
    }
}

/// Why a plan cannot be made, worded for the person who asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("scenario `{scenario}` has no {level} level (it offers: {offered})")]
    LevelNotOffered { scenario: String, level: Level, offered: String },
    #[error("{round} needs {wanted} {level} questions but its banks hold only {available}; ask for fewer with --count {available}")]
    NotEnoughQuestions {
        round: String,
        level: Level,
        wanted: usize,
        available: usize,
    },
    #[error("{questions} cannot fit in {budget}: even the shortest need {needed}; allow more time (--minutes {minutes_needed}){fewer}")]
    DoesNotFit {
        /// "6 questions", "1 question".
        questions: String,
        budget: String,
        needed: String,
        minutes_needed: u32,
        /// " or ask fewer questions (--count N)", when some number fits.
        fewer: String,
    },
    #[error("--count must be at least {0} (one question per round)")]
    CountTooSmall(usize),
    #[error("no bank has a question `{0}`")]
    UnknownQuestion(String),
    #[error("question `{id}` is not one {place} asks at {level} level")]
    NotAsked { id: String, place: String, level: Level },
    #[error("question `{0}` is listed twice")]
    ListedTwice(String),
}

/// What kind of practice a session was. Trends compare like with like: a
/// drill of weak questions is not an interview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    #[default]
    Interview,
    Drill,
    /// An adaptive placement (`grill place`): it names a level instead of
    /// passing one, so its score is not compared with interviews'.
    Placement,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Interview => "interview",
            Kind::Drill => "drill",
            Kind::Placement => "placement",
        }
    }
}

/// Builds the interview for `scenario` at `level`.
pub fn plan(catalog: &Catalog, scenario: &Scenario, level: Level, options: PlanOptions) -> Result<Plan, PlanError> {
    plan_avoiding(catalog, scenario, level, options, &BTreeSet::new())
}

/// [`plan`], preferring questions not in `avoid`: a round picks only from
/// the others while they can fill it (and fit its budget), and otherwise
/// takes the others first within each topic. With nothing to avoid it
/// plans exactly as [`plan`] always did for a seed.
pub fn plan_avoiding(
    catalog: &Catalog,
    scenario: &Scenario,
    level: Level,
    options: PlanOptions,
    avoid: &BTreeSet<String>,
) -> Result<Plan, PlanError> {
    let Some(&pass_mark) = scenario.pass_marks.get(&level) else {
        return Err(PlanError::LevelNotOffered {
            scenario: scenario.id.clone(),
            level,
            offered: scenario.levels().map(|l| l.to_string()).collect::<Vec<_>>().join(", "),
        });
    };
    let sizes = resize(scenario, level, options)?;
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
    let mut used: HashSet<String> = HashSet::new();
    let mut rounds = Vec::new();
    let mut questions = Vec::new();
    for (round, size) in scenario.rounds.iter().zip(&sizes) {
        let Some(size) = size else { continue };
        let pool: Vec<&Question> = catalog
            .pool(&round.banks, level)
            .filter(|q| !used.contains(&q.id) && round.topic_mix.get(&q.topic) != Some(&0))
            .collect();
        let name = place(scenario, round);
        let fresh: Vec<&Question> = pool.iter().filter(|q| !avoid.contains(&q.id)).copied().collect();
        let only_fresh = match fresh.len() >= size.questions && fresh.len() < pool.len() {
            true => pick_round(round, name.clone(), level, size, fresh, avoid, &mut rng).ok(),
            false => None,
        };
        let picked = match only_fresh {
            Some(picked) => picked,
            None => pick_round(round, name, level, size, pool, avoid, &mut rng)?,
        };
        used.extend(picked.iter().map(|q| q.id.clone()));
        let round_index = rounds.len();
        rounds.push(PlannedRound {
            title: round.title.clone(),
            briefing: round.briefing.clone(),
            budget_seconds: size.seconds,
        });
        questions.extend(picked.into_iter().map(|q| planned(q, round, round_index)));
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

impl Plan {
    /// A plan of `scenario` with the rounds and questions chosen; the budget
    /// is the rounds' and the scenario's live rules come along.
    fn assemble(
        scenario: &Scenario,
        title: String,
        level: Level,
        seed: u64,
        pass_mark: u32,
        rounds: Vec<PlannedRound>,
        questions: Vec<PlannedQuestion>,
    ) -> Plan {
        Plan {
            scenario: scenario.id.clone(),
            title,
            level,
            seed,
            pass_mark,
            budget_seconds: rounds.iter().map(|r| r.budget_seconds).sum(),
            rounds,
            questions,
            follow_ups: scenario.follow_ups,
            overtime_penalty: scenario.overtime_penalty,
        }
    }
}

/// How errors name a round: the scenario itself when it has only one.
fn place(scenario: &Scenario, round: &Round) -> String {
    if scenario.rounds.len() == 1 {
        format!("scenario `{}`", scenario.id)
    } else {
        format!("round `{}`", round.title)
    }
}

/// `q` as planned in `round` (the plan's round `index`), with its time budget.
pub(crate) fn planned(q: &Question, round: &Round, index: usize) -> PlannedQuestion {
    PlannedQuestion {
        id: q.id.clone(),
        bank: q.bank.clone(),
        prompt: q.prompt.clone(),
        topic: q.topic.clone(),
        level: q.level,
        difficulty: q.difficulty,
        budget_seconds: budget_of(q, round),
        round: index,
    }
}

fn budget_of(q: &Question, round: &Round) -> u32 {
    q.seconds.unwrap_or(round.seconds_per_question)
}

/// Each round's size at `level` after `--count` and `--minutes`, which are
/// spread over the rounds in proportion to the scenario's own sizes.
fn resize(scenario: &Scenario, level: Level, options: PlanOptions) -> Result<Vec<Option<RoundSize>>, PlanError> {
    let sizes: Vec<Option<RoundSize>> = scenario.rounds.iter().map(|r| r.sizes.get(&level).copied()).collect();
    let active = sizes.iter().flatten().count();
    let mut out = sizes.clone();
    if let Some(count) = options.count {
        if count < active.max(1) {
            return Err(PlanError::CountTooSmall(active.max(1)));
        }
        let counts = apportion(count, sizes.iter().flatten().map(|s| s.questions));
        for (slot, n) in out.iter_mut().flatten().zip(counts) {
            slot.questions = n;
        }
        // Without --minutes, time scales with the number of questions asked.
        if options.minutes.is_none() {
            for (slot, base) in out.iter_mut().flatten().zip(sizes.iter().flatten()) {
                let seconds = u64::from(base.seconds) * slot.questions as u64 / base.questions.max(1) as u64;
                // To the nearest 5 s: a budget reads 9:20, not 9:22.
                slot.seconds = crate::layout::round_to_5(seconds as u32).max(5);
            }
        }
    }
    if let Some(minutes) = options.minutes {
        // Shared out in steps of 5 s, so each round's budget reads 4:05,
        // never 4:03, and they still add up to the minutes asked for.
        let steps = apportion(minutes as usize * 12, sizes.iter().flatten().map(|s| s.seconds as usize));
        for (slot, s) in out.iter_mut().flatten().zip(steps) {
            slot.seconds = s as u32 * 5;
        }
    }
    Ok(out)
}

/// Splits `total` in proportion to `shares`, each part at least 1 when
/// `total` allows, the parts summing to `total`.
fn apportion(total: usize, shares: impl Iterator<Item = usize>) -> Vec<usize> {
    let shares: Vec<usize> = shares.collect();
    let sum: usize = shares.iter().sum::<usize>().max(1);
    let mut parts: Vec<usize> = shares.iter().map(|s| (total * s / sum).max(1)).collect();
    let mut assigned: usize = parts.iter().sum();
    let mut i = 0;
    while assigned < total && !parts.is_empty() {
        parts[i % shares.len()] += 1;
        assigned += 1;
        i += 1;
    }
    while assigned > total {
        let (largest, _) = parts.iter().enumerate().max_by_key(|(_, p)| **p).unwrap();
        if parts[largest] <= 1 {
            break;
        }
        parts[largest] -= 1;
        assigned -= 1;
    }
    parts
}

/// Picks a round's questions: topics taken in turn by weight, within the
/// round's budget, then ordered as the round asks. Within a topic,
/// questions not in `avoid` come first.
fn pick_round<'a>(
    round: &Round,
    name: String,
    level: Level,
    size: &RoundSize,
    mut pool: Vec<&'a Question>,
    avoid: &BTreeSet<String>,
    rng: &mut ChaCha8Rng,
) -> Result<Vec<&'a Question>, PlanError> {
    if pool.len() < size.questions {
        return Err(PlanError::NotEnoughQuestions {
            round: name,
            level,
            wanted: size.questions,
            available: pool.len(),
        });
    }
    // The shortest possible selection decides whether the budget can fit.
    let mut shortest: Vec<u32> = pool.iter().map(|q| budget_of(q, round)).collect();
    shortest.sort_unstable();
    let needed: u32 = shortest.iter().take(size.questions).sum();
    if needed > size.seconds {
        let mut fits = 0;
        let mut acc = 0;
        for s in &shortest {
            if acc + s > size.seconds {
                break;
            }
            acc += s;
            fits += 1;
        }
        return Err(PlanError::DoesNotFit {
            questions: plural(size.questions, "question"),
            budget: mmss(size.seconds),
            needed: mmss(needed),
            minutes_needed: needed.div_ceil(60),
            fewer: if fits > 0 {
                format!(" or ask fewer questions (--count {fits})")
            } else {
                String::new()
            },
        });
    }

    pool.shuffle(rng);
    // Stable: without anything to avoid, the shuffled order stands.
    pool.sort_by_key(|q| avoid.contains(&q.id));
    let mut by_topic: BTreeMap<&str, Vec<&Question>> = BTreeMap::new();
    for q in &pool {
        by_topic.entry(q.topic.as_str()).or_default().push(q);
    }
    let mut topics: Vec<&str> = by_topic.keys().copied().collect();
    topics.shuffle(rng);
    let weight = |t: &str| f64::from(round.topic_mix.get(t).copied().unwrap_or(1));
    let mut taken: BTreeMap<&str, usize> = BTreeMap::new();
    let mut picked: Vec<&Question> = Vec::with_capacity(size.questions);
    while picked.len() < size.questions {
        // The topic furthest below its share goes next; ties by shuffled
        // order. Topics with questions not to avoid left go before those
        // without, so those questions are all used before any avoided one.
        let avoided_next = |t: &str| avoid.contains(&by_topic[t][taken.get(t).copied().unwrap_or(0)].id);
        let next = topics
            .iter()
            .filter(|t| taken.get(*t).copied().unwrap_or(0) < by_topic[*t].len())
            .min_by(|a, b| {
                let ra = taken.get(*a).copied().unwrap_or(0) as f64 / weight(a);
                let rb = taken.get(*b).copied().unwrap_or(0) as f64 / weight(b);
                avoided_next(a).cmp(&avoided_next(b)).then(ra.total_cmp(&rb))
            })
            .copied()
            .expect("pool holds enough questions");
        let n = taken.entry(next).or_insert(0);
        picked.push(by_topic[next][*n]);
        *n += 1;
    }

    // Over budget: swap the longest pick for the shortest unpicked question,
    // preferring the same topic, until it fits.
    let mut total: u32 = picked.iter().map(|q| budget_of(q, round)).sum();
    while total > size.seconds {
        let (i, longest) = picked
            .iter()
            .enumerate()
            .max_by_key(|(_, q)| budget_of(q, round))
            .map(|(i, q)| (i, *q))
            .unwrap();
        let chosen: HashSet<&str> = picked.iter().map(|q| q.id.as_str()).collect();
        let shorter = |same_topic: bool| {
            pool.iter()
                .filter(|q| {
                    !chosen.contains(q.id.as_str())
                        && budget_of(q, round) < budget_of(longest, round)
                        && (!same_topic || q.topic == longest.topic)
                })
                .min_by_key(|q| (avoid.contains(&q.id), budget_of(q, round)))
                .copied()
        };
        let Some(replacement) = shorter(true).or_else(|| shorter(false)) else {
            break;
        };
        total = total - budget_of(longest, round) + budget_of(replacement, round);
        picked[i] = replacement;
    }

    match round.order {
        Order::Shuffled => {}
        Order::EasyFirst => picked.sort_by_key(|q| q.difficulty),
        Order::WarmUp => {
            if let Some(easiest) = (0..picked.len()).min_by_key(|&i| (picked[i].difficulty, budget_of(picked[i], round))) {
                let q = picked.remove(easiest);
                picked.insert(0, q);
            }
        }
    }
    Ok(picked)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Sources;

    pub(super) fn catalog(questions_per_topic: usize, seconds: u32) -> Catalog {
        let dir = tempfile::tempdir().unwrap();
        let mut bank = String::from("id = \"t\"\ntitle = \"T\"\n");
        for topic in ["kubernetes", "security", "cost"] {
            for i in 0..questions_per_topic {
                bank += &format!(
                    "[[question]]\nid = \"{topic}-{i}\"\nprompt = \"Q {topic} {i}?\"\nlevel = \"mid\"\ntopic = \"{topic}\"\ndifficulty = {}\nseconds = {}\nreference = \"ref {topic} {i}\"\n[[question.key_points]]\npoint = \"ref\"\nweight = 1\n",
                    1 + i % 5,
                    seconds + 10 * i as u32
                );
            }
        }
        std::fs::write(dir.path().join("t.toml"), bank).unwrap();
        std::fs::create_dir(dir.path().join("scenarios")).unwrap();
        std::fs::write(
            dir.path().join("scenarios/s.toml"),
            "id = \"s\"\ntitle = \"S\"\nbanks = [\"t\"]\n[levels.mid]\nquestions = 6\nminutes = 30\npass_mark = 60\n",
        )
        .unwrap();
        Catalog::load(&Sources {
            embedded: false,
            dirs: vec![dir.path().to_path_buf()],
            files: vec![],
        })
        .unwrap()
    }

    pub(super) fn ids(p: &Plan) -> Vec<&str> {
        p.questions.iter().map(|q| q.id.as_str()).collect()
    }

    #[test]
    fn same_seed_same_plan_other_seed_other_plan() {
        let c = catalog(10, 60);
        let s = c.scenario("s").unwrap();
        let opts = |seed| PlanOptions {
            seed,
            ..Default::default()
        };
        let a = plan(&c, s, Level::Mid, opts(7)).unwrap();
        assert_eq!(a, plan(&c, s, Level::Mid, opts(7)).unwrap());
        assert_ne!(ids(&a), ids(&plan(&c, s, Level::Mid, opts(8)).unwrap()));
    }

    #[test]
    fn topics_are_balanced() {
        let c = catalog(10, 60);
        for seed in 0..20 {
            let p = plan(
                &c,
                c.scenario("s").unwrap(),
                Level::Mid,
                PlanOptions {
                    seed,
                    ..Default::default()
                },
            )
            .unwrap();
            let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
            for q in &p.questions {
                *counts.entry(q.topic.as_str()).or_default() += 1;
            }
            assert_eq!(counts.values().copied().collect::<Vec<_>>(), [2, 2, 2], "seed {seed}");
        }
    }

    #[test]
    fn fits_the_budget_or_says_what_would() {
        let c = catalog(10, 320);
        let s = c.scenario("s").unwrap();
        // The six shortest (3 × 320 s + 3 × 330 s = 32:30) do not fit 30 minutes.
        let err = plan(&c, s, Level::Mid, PlanOptions::default()).unwrap_err();
        assert!(matches!(err, PlanError::DoesNotFit { .. }));
        assert_eq!(
            err.to_string(),
            "6 questions cannot fit in 30:00: even the shortest need 32:30; allow more time (--minutes 33) or ask fewer questions (--count 5)"
        );
        let ok = plan(
            &c,
            s,
            Level::Mid,
            PlanOptions {
                minutes: Some(40),
                ..Default::default()
            },
        )
        .unwrap();
        assert!(ok.planned_seconds() <= ok.budget_seconds);
    }

    #[test]
    fn no_count_is_suggested_when_none_fits() {
        let c = catalog(10, 320);
        let err = plan(
            &c,
            c.scenario("s").unwrap(),
            Level::Mid,
            PlanOptions {
                count: Some(1),
                minutes: Some(1),
                seed: 1,
            },
        )
        .unwrap_err();
        // Once said "1 questions" and suggested --count 1, which did not fit either.
        assert_eq!(
            err.to_string(),
            "1 question cannot fit in 1:00: even the shortest need 5:20; allow more time (--minutes 6)"
        );
    }

    #[test]
    fn count_and_level_are_honoured() {
        let c = catalog(10, 60);
        let s = c.scenario("s").unwrap();
        let p = plan(
            &c,
            s,
            Level::Mid,
            PlanOptions {
                count: Some(9),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(p.questions.len(), 9);
        assert!(p.questions.iter().all(|q| q.level == Level::Mid));
        assert_eq!(p.budget_seconds, 45 * 60);
        let err = plan(&c, s, Level::Senior, PlanOptions::default()).unwrap_err();
        assert_eq!(err.to_string(), "scenario `s` has no senior level (it offers: mid)");
        let err = plan(
            &c,
            s,
            Level::Mid,
            PlanOptions {
                count: Some(31),
                minutes: Some(500),
                seed: 1,
            },
        )
        .unwrap_err();
        assert!(
            err.to_string().contains("needs 31 mid questions but its banks hold only 30"),
            "{err}"
        );
    }

    #[test]
    fn warm_up_puts_the_easiest_first() {
        let c = catalog(10, 60);
        let p = plan(
            &c,
            c.scenario("s").unwrap(),
            Level::Mid,
            PlanOptions {
                seed: 3,
                ..Default::default()
            },
        )
        .unwrap();
        let min = p.questions.iter().map(|q| q.difficulty).min().unwrap();
        assert_eq!(p.questions[0].difficulty, min);
    }

    pub(super) fn seeded(seed: u64) -> PlanOptions {
        PlanOptions {
            seed,
            ..Default::default()
        }
    }

    #[test]
    fn avoided_questions_are_left_out_while_others_remain() {
        let c = catalog(10, 60);
        let s = c.scenario("s").unwrap();
        let first = plan(&c, s, Level::Mid, seeded(5)).unwrap();
        assert_eq!(plan_avoiding(&c, s, Level::Mid, seeded(5), &BTreeSet::new()).unwrap(), first);
        let mut avoid: BTreeSet<String> = ids(&first).iter().map(|id| id.to_string()).collect();
        let second = plan_avoiding(&c, s, Level::Mid, seeded(5), &avoid).unwrap();
        assert!(second.questions.iter().all(|q| !avoid.contains(&q.id)), "{:?}", ids(&second));
        // 28 of 30 avoided: the 2 fresh ones come first, 4 avoided fill up.
        avoid = c
            .questions()
            .map(|q| q.id.clone())
            .filter(|id| id != "cost-3" && id != "security-9")
            .collect();
        let third = plan_avoiding(&c, s, Level::Mid, seeded(5), &avoid).unwrap();
        assert_eq!(third.questions.len(), 6);
        assert!(
            ids(&third).contains(&"cost-3") && ids(&third).contains(&"security-9"),
            "{:?}",
            ids(&third)
        );
    }

    #[test]
    fn every_shipped_scenario_plans_at_every_level() {
        let c = Catalog::embedded().unwrap();
        assert!(c.scenarios.len() >= 9);
        for s in &c.scenarios {
            for level in s.levels() {
                for seed in [1, 2, 3] {
                    let p = plan(
                        &c,
                        s,
                        level,
                        PlanOptions {
                            seed,
                            ..Default::default()
                        },
                    )
                    .unwrap_or_else(|e| panic!("{} {level}: {e}", s.id));
                    assert_eq!(p.questions.len(), s.size(level).questions, "{} {level}", s.id);
                    let ids: HashSet<&str> = p.questions.iter().map(|q| q.id.as_str()).collect();
                    assert_eq!(ids.len(), p.questions.len(), "{} asks a question twice", s.id);
                    assert!(p.questions.iter().all(|q| q.level == level));
                    for (i, r) in p.rounds.iter().enumerate() {
                        let used: u32 = p.questions.iter().filter(|q| q.round == i).map(|q| q.budget_seconds).sum();
                        assert!(
                            used <= r.budget_seconds,
                            "{} {level} round {i}: {used} > {}",
                            s.id,
                            r.budget_seconds
                        );
                        let banks = &s.rounds.iter().find(|sr| sr.title == r.title).unwrap().banks;
                        assert!(p.questions.iter().filter(|q| q.round == i).all(|q| banks.contains(&q.bank)));
                    }
                }
            }
        }
    }

    #[test]
    fn budgets_after_count_and_minutes_are_whole_5_seconds() {
        let c = Catalog::embedded().unwrap();
        let s = c.scenario("mlops-loop").unwrap();
        for options in [
            PlanOptions {
                count: Some(5),
                ..seeded(1)
            },
            PlanOptions {
                minutes: Some(37),
                count: Some(9),
                ..seeded(1)
            },
        ] {
            let p = plan(&c, s, Level::Mid, options).unwrap();
            assert!(p.rounds.iter().all(|r| r.budget_seconds % 5 == 0), "{:?}", p.rounds);
            if let Some(m) = options.minutes {
                assert_eq!(p.budget_seconds, m * 60, "the rounds add up to the minutes asked");
            }
        }
    }

    #[test]
    fn apportion_spreads_in_proportion() {
        assert_eq!(apportion(10, [4, 4, 2].into_iter()), [4, 4, 2]);
        assert_eq!(apportion(5, [4, 4, 2].into_iter()).iter().sum::<usize>(), 5);
        assert_eq!(apportion(3, [10, 1, 1].into_iter()), [1, 1, 1]);
    }
}
