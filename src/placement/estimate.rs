//! The ability estimate: a Bayesian update of a one-parameter (Rasch)
//! model with partial credit, computed on a grid over the 0–100 scale.
//!
//! For a candidate of ability `θ` and a question at position `b` (see
//! [`super::scale`]), the Rasch model gives the expected share of credit
//!
//! ```text
//! P(θ, b) = 1 / (1 + exp(−(θ − b) / S))        S = 12 points per logit
//! ```
//!
//! A graded answer earns a share `s` (its score / 100). Partial credit is
//! read as `W` = 2 equally weighted steps of which a share `s` was earned
//! (a binomial partial-credit model), so one answer's log-likelihood is
//!
//! ```text
//! ℓ(θ) = W · (s · ln P(θ, b) + (1 − s) · ln(1 − P(θ, b)))
//! ```
//!
//! The prior is a normal centred on mid (50) with a standard deviation of
//! 30, kept to 0–100. A plain maximum-likelihood estimate would run off to
//! infinity after all-perfect (or all-empty) answers; the prior keeps the
//! estimate finite and starts the interview at mid. The posterior
//! `prior(θ) · Π exp ℓᵢ(θ)` is evaluated at every half point; the estimate
//! is its mean (EAP), its spread the standard deviation, and the 80%
//! interval runs from its 10th to its 90th percentile.
//!
//! Pure: answers in, estimate out. `S`, `W` and the prior were chosen by
//! the simulations in `tests.rs`, against a response model that is not
//! this one.

use serde::{Deserialize, Serialize};

/// Points of ability per logit of the Rasch model.
const POINTS_PER_LOGIT: f64 = 12.0;
/// Weight of one graded answer, in right/wrong steps.
const ANSWER_WEIGHT: f64 = 2.0;
/// Centre of the prior: mid.
const PRIOR_MEAN: f64 = 50.0;
/// Spread of the prior, in points.
const PRIOR_SD: f64 = 30.0;
/// Grid step over 0–100.
const STEP: f64 = 0.5;

/// One graded answer as the estimate sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Response {
    /// The question's position on the scale (0–100).
    pub position: f64,
    /// The share of credit earned, 0–1.
    pub credit: f64,
}

/// The ability estimate after some answers, on the 0–100 scale.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    /// The posterior mean.
    pub ability: f64,
    /// The posterior standard deviation (the standard error).
    pub error: f64,
    /// The 80% interval: 10th percentile …
    pub low: f64,
    /// … to 90th percentile.
    pub high: f64,
}

/// The expected share of credit at ability `ability` on a question at `position`.
pub fn expected_credit(ability: f64, position: f64) -> f64 {
    1.0 / (1.0 + (-(ability - position) / POINTS_PER_LOGIT).exp())
}

/// The estimate after `responses` (the prior alone when there are none).
pub fn estimate(responses: &[Response]) -> Estimate {
    let points = (100.0 / STEP) as usize + 1;
    let grid: Vec<f64> = (0..points).map(|i| i as f64 * STEP).collect();
    let log_post: Vec<f64> = grid
        .iter()
        .map(|&theta| {
            let prior = -0.5 * ((theta - PRIOR_MEAN) / PRIOR_SD).powi(2);
            prior
                + responses
                    .iter()
                    .map(|r| {
                        let p = expected_credit(theta, r.position).clamp(1e-12, 1.0 - 1e-12);
                        let s = r.credit.clamp(0.0, 1.0);
                        ANSWER_WEIGHT * (s * p.ln() + (1.0 - s) * (1.0 - p).ln())
                    })
                    .sum::<f64>()
        })
        .collect();
    let top = log_post.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let weights: Vec<f64> = log_post.iter().map(|l| (l - top).exp()).collect();
    let total: f64 = weights.iter().sum();
    let mean = grid.iter().zip(&weights).map(|(t, w)| t * w).sum::<f64>() / total;
    let variance = grid.iter().zip(&weights).map(|(t, w)| (t - mean).powi(2) * w).sum::<f64>() / total;
    let quantile = |q: f64| {
        let mut seen = 0.0;
        for (t, w) in grid.iter().zip(&weights) {
            seen += w / total;
            if seen >= q {
                return *t;
            }
        }
        100.0
    };
    Estimate {
        ability: mean,
        error: variance.sqrt(),
        low: quantile(0.1),
        high: quantile(0.9),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(position: f64, credit: f64, n: usize) -> Vec<Response> {
        vec![Response { position, credit }; n]
    }

    #[test]
    fn the_prior_alone_sits_on_mid_with_a_wide_interval() {
        let e = estimate(&[]);
        assert!((e.ability - 50.0).abs() < 0.01, "{e:?}");
        assert!(e.low < 30.0 && e.high > 70.0, "{e:?}");
    }

    #[test]
    fn perfect_answers_raise_and_empty_ones_lower_the_estimate_but_stay_finite() {
        let up = estimate(&answers(85.0, 1.0, 12));
        assert!(up.ability > 85.0 && up.ability <= 100.0 && up.low > 75.0, "{up:?}");
        let down = estimate(&answers(15.0, 0.0, 12));
        assert!(down.ability < 10.0 && down.ability >= 0.0 && down.high < 25.0, "{down:?}");
    }

    #[test]
    fn more_answers_narrow_the_interval() {
        let few = estimate(&answers(50.0, 0.5, 2));
        let many = estimate(&answers(50.0, 0.5, 10));
        assert!(many.error < few.error && many.high - many.low < few.high - few.low);
        assert!((many.ability - 50.0).abs() < 1.0, "{many:?}");
    }

    #[test]
    fn partial_credit_lands_between_right_and_wrong() {
        let right = estimate(&answers(50.0, 1.0, 4)).ability;
        let half = estimate(&answers(50.0, 0.5, 4)).ability;
        let wrong = estimate(&answers(50.0, 0.0, 4)).ability;
        assert!(wrong < half && half < right);
    }
}
