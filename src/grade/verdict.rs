//! Verdicts: the word a report puts on a score — strong, adequate, weak or
//! missed (skipped when there was no answer) — and whether the score sits
//! so close to a band's edge that the word is a judgement call.

use serde::{Deserialize, Serialize};

/// The lowest score of each band, best first; below the last, `missed`.
pub const BANDS: [(f64, Verdict); 3] = [(80.0, Verdict::Strong), (60.0, Verdict::Adequate), (35.0, Verdict::Weak)];

/// A score closer than this to a band's edge is borderline: a lexical grade
/// is not precise to a few points, so the verdict could go either way.
pub const BORDERLINE_MARGIN: f64 = 3.0;

/// How an answer is described in reports.
///
/// Reports written before these names (version 1) said `good` and
/// `partial`; they are read as `adequate` and `weak`, and their verdicts
/// recomputed from the scores (see `Report::upgrade`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// 80 and over: the essentials, said well.
    Strong,
    /// 60 to 80: most of what matters.
    #[serde(alias = "good")]
    Adequate,
    /// 35 to 60: some of it, with gaps that matter.
    #[serde(alias = "partial")]
    Weak,
    /// Under 35: the question's point was missed.
    Missed,
    /// No answer given.
    Skipped,
}

impl Verdict {
    pub fn from_score(score: f64) -> Verdict {
        BANDS
            .iter()
            .find(|(lowest, _)| score >= *lowest)
            .map_or(Verdict::Missed, |(_, verdict)| *verdict)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Strong => "strong",
            Verdict::Adequate => "adequate",
            Verdict::Weak => "weak",
            Verdict::Missed => "missed",
            Verdict::Skipped => "skipped",
        }
    }

    /// The verdict as reports print it: `weak`, or `weak, borderline`.
    pub fn label(self, borderline: bool) -> String {
        if borderline {
            format!("{}, borderline", self.as_str())
        } else {
            self.as_str().to_string()
        }
    }

    /// Whether the verdict means the answer did well enough (adequate or
    /// strong).
    pub fn is_pass(self) -> bool {
        matches!(self, Verdict::Strong | Verdict::Adequate)
    }
}

/// Whether `score` lies within [`BORDERLINE_MARGIN`] of a band's edge.
pub fn borderline(score: f64) -> bool {
    BANDS.iter().any(|(edge, _)| (score - edge).abs() < BORDERLINE_MARGIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_and_their_edges() {
        let cases = [
            (100.0, Verdict::Strong, false),
            (82.9, Verdict::Strong, true),
            (80.0, Verdict::Strong, true),
            (77.1, Verdict::Adequate, true),
            (77.0, Verdict::Adequate, false),
            (70.0, Verdict::Adequate, false),
            (61.0, Verdict::Adequate, true),
            (59.9, Verdict::Weak, true),
            (47.5, Verdict::Weak, false),
            (36.0, Verdict::Weak, true),
            (34.9, Verdict::Missed, true),
            (20.0, Verdict::Missed, false),
            (0.0, Verdict::Missed, false),
        ];
        for (score, verdict, near_edge) in cases {
            assert_eq!((Verdict::from_score(score), borderline(score)), (verdict, near_edge), "{score}");
        }
    }

    #[test]
    fn names_round_trip_and_old_names_still_read() {
        for v in [Verdict::Strong, Verdict::Adequate, Verdict::Weak, Verdict::Missed, Verdict::Skipped] {
            let json = serde_json::to_string(&v).unwrap();
            assert_eq!(json, format!("\"{}\"", v.as_str()));
            assert_eq!(serde_json::from_str::<Verdict>(&json).unwrap(), v);
        }
        assert_eq!(serde_json::from_str::<Verdict>("\"good\"").unwrap(), Verdict::Adequate);
        assert_eq!(serde_json::from_str::<Verdict>("\"partial\"").unwrap(), Verdict::Weak);
        assert_eq!(Verdict::Weak.label(true), "weak, borderline");
    }
}
