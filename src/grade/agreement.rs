//! How closely the grader's scores agree with human grades: Pearson r,
//! Spearman ρ and the RMSE of a least-squares linear map onto the human
//! scale. Used by the benchmark (`cargo bench --bench grader`); pure
//! arithmetic, no I/O.

/// Agreement of predicted scores with human grades.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Agreement {
    /// Pearson correlation of the raw scores with the grades.
    pub pearson: f64,
    /// Spearman rank correlation (ties get their average rank).
    pub spearman: f64,
    /// Root-mean-square error after mapping scores onto the grades' scale
    /// with a least-squares line, clamped to `0..=max_grade`.
    pub rmse: f64,
    /// The root-mean-square error of always predicting the mean grade, to
    /// read `rmse` against.
    pub rmse_of_mean: f64,
}

impl Agreement {
    /// Compares `scores` with `grades` (same length, same order); grades run
    /// from 0 to `max_grade`. NaN correlations mean a constant input.
    pub fn measure(scores: &[f64], grades: &[f64], max_grade: f64) -> Agreement {
        assert_eq!(scores.len(), grades.len(), "one score per grade");
        let (slope, intercept) = least_squares(scores, grades);
        let mapped: Vec<f64> = scores.iter().map(|s| (intercept + slope * s).clamp(0.0, max_grade)).collect();
        let mean_grade = mean(grades);
        Agreement {
            pearson: pearson(scores, grades),
            spearman: pearson(&ranks(scores), &ranks(grades)),
            rmse: rmse(&mapped, grades),
            rmse_of_mean: rmse(&vec![mean_grade; grades.len()], grades),
        }
    }
}

fn mean(x: &[f64]) -> f64 {
    x.iter().sum::<f64>() / x.len() as f64
}

fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let (mx, my) = (mean(x), mean(y));
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    sxy / (sxx * syy).sqrt()
}

/// `(slope, intercept)` of the least-squares line predicting `y` from `x`.
fn least_squares(x: &[f64], y: &[f64]) -> (f64, f64) {
    let (mx, my) = (mean(x), mean(y));
    let sxx: f64 = x.iter().map(|a| (a - mx) * (a - mx)).sum();
    let sxy: f64 = x.iter().zip(y).map(|(a, b)| (a - mx) * (b - my)).sum();
    let slope = if sxx > 0.0 { sxy / sxx } else { 0.0 };
    (slope, my - slope * mx)
}

/// 1-based ranks, tied values sharing their average rank.
fn ranks(x: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..x.len()).collect();
    order.sort_by(|&a, &b| x[a].total_cmp(&x[b]));
    let mut r = vec![0.0; x.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && x[order[j + 1]] == x[order[i]] {
            j += 1;
        }
        let average = (i + j) as f64 / 2.0 + 1.0;
        for &k in &order[i..=j] {
            r[k] = average;
        }
        i = j + 1;
    }
    r
}

fn rmse(x: &[f64], y: &[f64]) -> f64 {
    (x.iter().zip(y).map(|(a, b)| (a - b) * (a - b)).sum::<f64>() / x.len() as f64).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn a_linear_relation_agrees_perfectly() {
        let a = Agreement::measure(&[0.0, 20.0, 40.0, 100.0], &[0.0, 1.0, 2.0, 5.0], 5.0);
        assert!(close(a.pearson, 1.0) && close(a.spearman, 1.0) && close(a.rmse, 0.0), "{a:?}");
        let reversed = Agreement::measure(&[3.0, 2.0, 1.0], &[1.0, 2.0, 3.0], 5.0);
        assert!(close(reversed.pearson, -1.0) && close(reversed.spearman, -1.0));
    }

    #[test]
    fn spearman_only_sees_order_and_ties_share_ranks() {
        assert_eq!(ranks(&[10.0, 30.0, 20.0, 30.0]), [1.0, 3.5, 2.0, 3.5]);
        let a = Agreement::measure(&[1.0, 2.0, 3.0, 100.0], &[1.0, 2.0, 3.0, 4.0], 5.0);
        assert!(close(a.spearman, 1.0));
        assert!(a.pearson < 0.9, "{a:?}");
    }

    #[test]
    fn rmse_is_measured_after_the_linear_map_and_clamped() {
        // Scores carry no information: the best line predicts the mean.
        let a = Agreement::measure(&[7.0, 7.0, 7.0, 7.0], &[1.0, 3.0, 1.0, 3.0], 5.0);
        assert!(close(a.rmse, 1.0) && close(a.rmse_of_mean, 1.0), "{a:?}");
        assert!(a.pearson.is_nan());
        // A known value: pearson of (1,2,3) against (1,3,2) is 0.5.
        assert!(close(pearson(&[1.0, 2.0, 3.0], &[1.0, 3.0, 2.0]), 0.5));
    }
}
