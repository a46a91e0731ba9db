//! The figures of issue 11's Targets, computed over one half of the graded
//! corpus. Per-question comparisons use, for each kind, the mean score of
//! that question's answers of the kind; a question counts towards a share
//! only when it has every kind the comparison needs.

use std::collections::BTreeMap;

use super::corpus::{Answer, Half, Kind};
use crate::grade::Verdict;

/// One answer with its grade.
#[derive(Debug, Clone)]
pub struct Graded {
    pub answer: Answer,
    pub half: Half,
    pub score: f64,
    pub verdict: Verdict,
}

/// Mean score and verdict counts of one kind of answer.
#[derive(Debug, Clone, PartialEq)]
pub struct KindStats {
    pub kind: Kind,
    pub answers: usize,
    pub mean: f64,
    /// Answers read strong, adequate, weak, missed.
    pub verdicts: [usize; 4],
}

/// What a figure must reach.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Target {
    AtLeast(f64),
    Below(f64),
    /// Printed for information only.
    None,
}

impl Target {
    /// Whether `value` reaches the target (`None` when there is none).
    pub fn met(self, value: f64) -> Option<bool> {
        match self {
            Target::AtLeast(t) => Some(value >= t),
            Target::Below(t) => Some(value < t),
            Target::None => None,
        }
    }

    pub fn describe(self) -> String {
        match self {
            Target::AtLeast(t) => format!(">= {t}"),
            Target::Below(t) => format!("< {t}"),
            Target::None => "-".into(),
        }
    }
}

/// One line of the table: a figure, over how many questions or answers,
/// and its target. Shares are percentages.
#[derive(Debug, Clone, PartialEq)]
pub struct Measure {
    pub name: &'static str,
    /// Absent when no question has what the figure needs.
    pub value: Option<f64>,
    /// Questions (or answers, for means) it was computed over.
    pub count: usize,
    pub target: Target,
}

/// All figures of one half.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    pub half: Half,
    pub questions: usize,
    pub kinds: Vec<KindStats>,
    pub wrong_below_terse: Measure,
    pub wrong_mean: Measure,
    pub strong_60: Measure,
    pub strong_80: Measure,
    pub off_mean: Measure,
    pub ordered: Measure,
    pub strong_terse_wrong: Measure,
    pub typo_within_10: Measure,
    pub stuffed_below_strong: Measure,
    pub star_good_mean: Measure,
    pub star_poor_mean: Measure,
    pub star_good_wins: Measure,
}

impl Figures {
    /// The figures over the answers of `half`.
    pub fn of(graded: &[Graded], half: Half) -> Figures {
        let mine: Vec<&Graded> = graded.iter().filter(|g| g.half == half).collect();
        // question → kind → scores
        let mut by_question: BTreeMap<&str, BTreeMap<Kind, Vec<f64>>> = BTreeMap::new();
        for g in &mine {
            by_question
                .entry(&g.answer.id)
                .or_default()
                .entry(g.answer.kind)
                .or_default()
                .push(g.score);
        }
        let means: Vec<BTreeMap<Kind, f64>> = by_question
            .values()
            .map(|kinds| kinds.iter().map(|(&k, s)| (k, mean(s))).collect())
            .collect();
        let share = |name, needs: &[Kind], target, test: &dyn Fn(&BTreeMap<Kind, f64>) -> bool| {
            let with: Vec<_> = means.iter().filter(|m| needs.iter().all(|k| m.contains_key(k))).collect();
            let hits = with.iter().filter(|m| test(m)).count();
            Measure {
                name,
                value: (!with.is_empty()).then(|| 100.0 * hits as f64 / with.len() as f64),
                count: with.len(),
                target,
            }
        };
        let kind_mean = |name, kind: Kind, target| {
            let scores: Vec<f64> = mine.iter().filter(|g| g.answer.kind == kind).map(|g| g.score).collect();
            Measure {
                name,
                value: (!scores.is_empty()).then(|| mean(&scores)),
                count: scores.len(),
                target,
            }
        };
        use Kind::*;
        Figures {
            half,
            questions: by_question.len(),
            kinds: Kind::ALL.iter().filter_map(|&k| kind_stats(&mine, k)).collect(),
            wrong_below_terse: share("wrong < terse (% of questions)", &[Wrong, Terse], Target::AtLeast(80.0), &|m| {
                m[&Wrong] < m[&Terse]
            }),
            wrong_mean: kind_mean("wrong: mean score", Wrong, Target::Below(35.0)),
            strong_60: share("strong >= 60 (% of questions)", &[Strong], Target::AtLeast(90.0), &|m| {
                m[&Strong] >= 60.0
            }),
            strong_80: share("strong >= 80 (% of questions)", &[Strong], Target::AtLeast(50.0), &|m| {
                m[&Strong] >= 80.0
            }),
            off_mean: kind_mean("off-topic: mean score", Off, Target::Below(10.0)),
            ordered: share(
                "strong > partial,terse > off (%)",
                &[Strong, Partial, Terse, Off],
                Target::AtLeast(95.0),
                &|m| m[&Strong] > m[&Partial] && m[&Strong] > m[&Terse] && m[&Partial] > m[&Off] && m[&Terse] > m[&Off],
            ),
            strong_terse_wrong: share("strong > terse > wrong (%)", &[Strong, Terse, Wrong], Target::None, &|m| {
                m[&Strong] > m[&Terse] && m[&Terse] > m[&Wrong]
            }),
            typo_within_10: share("typo'd within 10 of strong (%)", &[Strong, Typo], Target::AtLeast(90.0), &|m| {
                (m[&Strong] - m[&Typo]).abs() <= 10.0
            }),
            stuffed_below_strong: share("stuffed < strong (%)", &[Strong, Stuffed], Target::AtLeast(90.0), &|m| {
                m[&Stuffed] < m[&Strong]
            }),
            star_good_mean: kind_mean("STAR good: mean score", StarGood, Target::None),
            star_poor_mean: kind_mean("STAR poor: mean score", StarPoor, Target::None),
            star_good_wins: share("STAR good > poor or good >= 60 (%)", &[StarGood], Target::None, &|m| {
                m[&StarGood] >= 60.0 || m.get(&StarPoor).is_some_and(|&p| m[&StarGood] > p)
            }),
        }
    }

    /// The figures in table order.
    pub fn measures(&self) -> [&Measure; 12] {
        [
            &self.wrong_below_terse,
            &self.wrong_mean,
            &self.strong_60,
            &self.strong_80,
            &self.off_mean,
            &self.ordered,
            &self.strong_terse_wrong,
            &self.typo_within_10,
            &self.stuffed_below_strong,
            &self.star_good_mean,
            &self.star_poor_mean,
            &self.star_good_wins,
        ]
    }
}

fn kind_stats(graded: &[&Graded], kind: Kind) -> Option<KindStats> {
    let of_kind: Vec<_> = graded.iter().filter(|g| g.answer.kind == kind).collect();
    if of_kind.is_empty() {
        return None;
    }
    let mut verdicts = [0; 4];
    for g in &of_kind {
        let slot = match g.verdict {
            Verdict::Strong => 0,
            Verdict::Adequate => 1,
            Verdict::Weak => 2,
            Verdict::Missed | Verdict::Skipped => 3,
        };
        verdicts[slot] += 1;
    }
    Some(KindStats {
        kind,
        answers: of_kind.len(),
        mean: mean(&of_kind.iter().map(|g| g.score).collect::<Vec<_>>()),
        verdicts,
    })
}

fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len().max(1) as f64
}

/// The figures of both halves side by side with the targets, as plain
/// text: per kind the mean and verdict counts, then every measure marked
/// met / NOT met.
pub fn table(tune: &Figures, holdout: &Figures) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "questions: tune {}, holdout {}\n\n{:<10} {:>22} {:>22}\n{:<10} {:>22} {:>22}",
        tune.questions, holdout.questions, "kind", "tune", "holdout", "", "n  mean  S/A/W/M", "n  mean  S/A/W/M"
    );
    for kind in Kind::ALL {
        let cell = |f: &Figures| match f.kinds.iter().find(|k| k.kind == kind) {
            Some(k) => {
                let [s, a, w, m] = k.verdicts;
                format!("{} {:5.1} {s}/{a}/{w}/{m}", k.answers, k.mean)
            }
            None => "-".into(),
        };
        let _ = writeln!(out, "{:<10} {:>22} {:>22}", kind.as_str(), cell(tune), cell(holdout));
    }
    let _ = writeln!(out, "\n{:<36} {:>14} {:>14} {:>8}", "measure", "tune", "holdout", "target");
    for (t, h) in tune.measures().into_iter().zip(holdout.measures()) {
        let cell = |m: &Measure| match m.value {
            Some(v) => {
                let mark = match m.target.met(v) {
                    Some(true) => " met",
                    Some(false) => " NOT",
                    None => "",
                };
                format!("{v:.1}{mark} ({})", m.count)
            }
            None => "-".into(),
        };
        let _ = writeln!(out, "{:<36} {:>14} {:>14} {:>8}", t.name, cell(t), cell(h), t.target.describe());
    }
    out
}
