//! Simulated placements: candidates of known ability, drawn across the whole
//! scale, answer the shipped KubeFlow Ops questions through a response model
//! that is *not* the estimator's own — a noisy step: a candidate earns about
//! 85% on questions at or below their ability and about 15% above it, with
//! Gaussian noise (sd 0.2) on each answer.

use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

use super::*;
use crate::catalog::Catalog;

fn catalog() -> Catalog {
    Catalog::embedded().expect("shipped content loads")
}

fn setup(catalog: &Catalog, scenario: &str) -> (Bands, Vec<Item>) {
    let scenario = catalog.scenario(scenario).expect("shipped scenario");
    (Bands::new(scenario.levels()).unwrap(), pool(catalog, scenario))
}

/// Runs one placement, answering through `answer(position) -> credit`.
fn sit(bands: &Bands, pool: &[Item], seed: u64, mut answer: impl FnMut(f64) -> f64) -> Placement {
    let mut answered: Vec<Answered> = Vec::new();
    loop {
        let e = estimate::estimate(&responses(pool, &answered));
        if stop(answered.len(), pool.len() - answered.len(), &e, bands, Limits::default()).is_some() {
            return Placement::conclude(bands, pool, &answered, false);
        }
        let item = next(pool, &answered, seed).expect("a question is left");
        answered.push(Answered {
            id: item.id.clone(),
            credit: answer(item.position),
        });
    }
}

fn gaussian(rng: &mut ChaCha8Rng) -> f64 {
    // Box–Muller.
    let (u, v): (f64, f64) = (rng.random::<f64>().max(1e-12), rng.random());
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

fn noisy_step(ability: f64, rng: &mut ChaCha8Rng) -> impl FnMut(f64) -> f64 + '_ {
    move |position| {
        let base = if ability >= position { 0.85 } else { 0.15 };
        (base + 0.2 * gaussian(rng)).clamp(0.0, 1.0)
    }
}

fn rank(band: Band) -> i32 {
    match band {
        Band::Below(_) => 0,
        Band::At(Level::Junior) => 1,
        Band::At(Level::Mid) => 2,
        Band::At(Level::Senior) => 3,
    }
}

#[test]
fn simulated_candidates_are_placed_right_and_never_two_levels_off() {
    let catalog = catalog();
    for scenario in ["kubeflow-ops", "devops", "mlops-freshers"] {
        let (bands, pool) = setup(&catalog, scenario);
        let mut rng = ChaCha8Rng::seed_from_u64(16);
        let (mut inside, mut right, mut asked) = (0, 0, 0);
        let runs = 400;
        for run in 0..runs {
            // Uniform over the whole scale, edges included.
            let ability = 100.0 * run as f64 / (runs - 1) as f64;
            let truth = bands.band(ability);
            let mut answers = ChaCha8Rng::seed_from_u64(rng.random());
            let placed = sit(&bands, &pool, run as u64, noisy_step(ability, &mut answers));
            asked += placed.questions.len();
            assert!(
                (rank(placed.level) - rank(truth)).abs() <= 1,
                "{scenario}: ability {ability:.1} ({truth}) placed {}",
                placed.level
            );
            let from_edge = bands
                .levels()
                .iter()
                .map(|&l| (ability - band_start(l)).abs())
                .fold(f64::INFINITY, f64::min);
            if from_edge >= BAND_WIDTH / 4.0 {
                inside += 1;
                right += usize::from(placed.level == truth);
            }
        }
        let share = right as f64 / inside as f64;
        let mean_asked = asked as f64 / runs as f64;
        assert!(share >= 0.85, "{scenario}: {right} of {inside} placed right");
        assert!(mean_asked <= 12.0, "{scenario}: {mean_asked} questions on average");
    }
}

#[test]
fn a_perfect_candidate_is_senior_and_one_answering_nothing_is_below_junior() {
    let catalog = catalog();
    let (bands, pool) = setup(&catalog, "kubeflow-ops");
    for seed in 0..10 {
        let perfect = sit(&bands, &pool, seed, |_| 1.0);
        assert_eq!(perfect.level, Band::At(Level::Senior));
        assert!(perfect.confident && perfect.questions.len() >= 6, "{perfect:?}");
        assert_eq!(perfect.statement(), "senior, confidently");
        let nothing = sit(&bands, &pool, seed, |_| 0.0);
        assert_eq!(nothing.level, Band::Below(Level::Junior));
        assert!(nothing.confident && nothing.questions.len() >= 6, "{nothing:?}");
        assert_eq!(nothing.statement(), "below junior, confidently");
    }
}

#[test]
fn a_scenario_without_senior_places_at_most_mid_and_says_so() {
    let catalog = catalog();
    let (bands, pool) = setup(&catalog, "mlops-freshers");
    let placed = sit(&bands, &pool, 1, |_| 1.0);
    assert_eq!(placed.level, Band::At(Level::Mid));
    assert!(placed.at_ceiling());
    assert!(placed.questions.iter().all(|q| q.level != Level::Senior));
}

#[test]
fn the_pool_leaves_out_behavioural_and_draft_questions() {
    let catalog = catalog();
    let (_, pool) = setup(&catalog, "kubeflow-ops");
    assert!(!pool.is_empty());
    for item in &pool {
        let q = catalog.question(&item.id).unwrap();
        assert!(q.topic != LEFT_OUT_TOPIC && !q.draft);
    }
}

#[test]
fn an_unsure_placement_says_between_which_levels_and_what_held_it_down() {
    let catalog = catalog();
    let (bands, pool) = setup(&catalog, "kubeflow-ops");
    // Strong on everything but kubernetes.
    let mid = |kubernetes: bool| {
        pool.iter()
            .filter(move |i| i.level == Level::Mid && (i.topic == "kubernetes") == kubernetes)
    };
    let answered: Vec<Answered> = mid(true)
        .take(1)
        .map(|i| Answered {
            id: i.id.clone(),
            credit: 0.0,
        })
        .chain(mid(false).take(3).map(|i| Answered {
            id: i.id.clone(),
            credit: 0.7,
        }))
        .collect();
    assert_eq!(answered.len(), 4, "the bank has mid kubernetes questions and others");
    let placed = Placement::conclude(&bands, &pool, &answered, false);
    assert!(!placed.confident);
    assert!(placed.statement().contains("likely — between"), "{}", placed.statement());
    assert_eq!(placed.held_down().first().map(String::as_str), Some("kubernetes"));
    assert!(placed.drill_commands("kubeflow-ops")[0].contains("--topic kubernetes"));
    let evidence = placed.evidence();
    assert_eq!(evidence.len(), 1);
    assert_eq!(evidence[0].asked, 4);
}
