//! The grader: how well an answer covers a question's reference answer and
//! weighted key points, as a 0–100 score with what was covered and missed.
//!
//! It is lexical on purpose — fast, explainable, and honest about what it
//! saw. Two measures are blended:
//! - **key points**: each phrase (or one of its alternatives) counts as
//!   covered when nearly all its content terms occur close together in the
//!   answer; weighted by the point's weight;
//! - **reference coverage**: the share of the reference's content terms
//!   found in the answer, each weighted by rarity ([`Idf`]); the question's
//!   own words count for little (repeating the question says nothing), and,
//!   without key points, a long reference needs only part of its terms
//!   said (see [`EXPECTED_TERMS`]).
//!
//! Terms match after [`crate::text`] normalisation — exactly, within a typo
//! for long words, or as a related form (`matching.rs`). Without key
//! points (a free reference) coverage alone decides, through a curve of
//! diminishing returns. The grader is a pure function of its inputs: no
//! I/O, no clock.

pub mod agreement;
mod idf;
mod matching;

use serde::{Deserialize, Serialize};

pub use self::idf::Idf;
use self::matching::AnswerIndex;
use crate::bank::{KeyPoint, Question};
use crate::fasthash::FastSet;
use crate::text::{Analyzer, StemId};

/// Share of the score from key points when a question has them.
const KEY_POINT_SHARE: f64 = 0.65;
/// A key point counts as covered at this share of its terms.
const COVERED_AT: f64 = 0.74;
/// Below covered, a point with at least this share earns half its share.
const PARTIAL_AT: f64 = 0.5;
/// Weight of a reference term that the question already says, relative to
/// one it does not: saying it back shows little, but not nothing.
const QUESTION_WORD_WEIGHT: f64 = 0.1;
/// Without key points, about how many of a reference's content terms a
/// full answer says. A reference with more (n) needs only the share
/// `sqrt(EXPECTED_TERMS / n)` of their weight for full coverage, but never
/// less than [`LEAST_SHARE_NEEDED`]: longer references add detail and
/// wording that a correct answer need not echo, so what an answer must say
/// grows more slowly than the reference. With key points, they say what a
/// full answer needs, and coverage stays the plain share of the reference:
/// it then tells apart answers that make the same points (and questions
/// whose points overlap), which a saturated measure could not.
pub const EXPECTED_TERMS: f64 = 4.0;
/// However long a free reference, a full answer says at least this share
/// of its term weight.
pub const LEAST_SHARE_NEEDED: f64 = 0.5;
/// Missed reference terms listed when there are no key points.
const MISSED_TERMS_SHOWN: usize = 12;

/// How an answer is described in reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Strong,
    Good,
    Partial,
    Weak,
    Skipped,
}

impl Verdict {
    pub fn from_score(score: f64) -> Verdict {
        match score {
            s if s >= 80.0 => Verdict::Strong,
            s if s >= 60.0 => Verdict::Good,
            s if s >= 35.0 => Verdict::Partial,
            _ => Verdict::Weak,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Strong => "strong",
            Verdict::Good => "good",
            Verdict::Partial => "partial",
            Verdict::Weak => "weak",
            Verdict::Skipped => "skipped",
        }
    }
}

/// What one answer earned, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Grade {
    /// 0–100, one decimal.
    pub score: f64,
    pub verdict: Verdict,
    /// Key points covered (their `point` text); with no key points, the
    /// reference terms found.
    pub covered: Vec<String>,
    /// Key points not covered; with no key points, the most telling
    /// reference terms not found.
    pub missed: Vec<String>,
    /// Weighted key-point coverage, 0–1 (absent when the rubric has none).
    pub key_points: Option<f64>,
    /// Reference coverage, 0–1: the IDF-weighted share of the reference's
    /// terms found, out of what a full answer needs to say.
    pub overlap: f64,
}

/// What an answer is graded against.
#[derive(Debug, Clone, Copy)]
pub struct Rubric<'a> {
    pub question: &'a str,
    pub reference: &'a str,
    pub key_points: &'a [KeyPoint],
}

impl<'a> From<&'a Question> for Rubric<'a> {
    fn from(q: &'a Question) -> Rubric<'a> {
        Rubric {
            question: &q.prompt,
            reference: &q.reference,
            key_points: &q.key_points,
        }
    }
}

/// Grades answers; holds the analyzer and term rarities, built once per run.
#[derive(Debug)]
pub struct Grader {
    analyzer: Analyzer,
    idf: Idf,
}

#[derive(Debug, Clone)]
struct RefTerm {
    stem: StemId,
    surface: String,
    weight: f64,
    /// Shown in `covered`/`missed` (question words are not, unless the
    /// reference has nothing else).
    shown: bool,
}

#[derive(Debug, Clone)]
struct PreparedPoint {
    label: String,
    weight: f64,
    /// Stems of `point` and of each alternative with any content.
    phrases: Vec<Vec<StemId>>,
}

/// A rubric analysed once, so grading many answers against it is cheap.
/// Use it only with the [`Grader`] that prepared it (stems are its ids).
#[derive(Debug, Clone)]
pub struct Prepared {
    terms: Vec<RefTerm>,
    /// The term weight a full answer needs (see [`EXPECTED_TERMS`]).
    needed: f64,
    points: Vec<PreparedPoint>,
}

impl Prepared {
    /// Whether any key point has no content words left after normalisation
    /// (it could never be matched); returns their labels.
    pub fn unmatchable_points(&self) -> Vec<&str> {
        self.points
            .iter()
            .filter(|p| p.phrases.is_empty())
            .map(|p| p.label.as_str())
            .collect()
    }
}

impl Grader {
    pub fn new(analyzer: Analyzer, idf: Idf) -> Grader {
        Grader { analyzer, idf }
    }

    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// Analyses a rubric once for repeated grading.
    pub fn prepare(&self, rubric: Rubric<'_>) -> Prepared {
        let mut question = Vec::new();
        self.analyzer.stem_ids(rubric.question, &mut question);
        let question: FastSet<StemId> = question.into_iter().collect();
        let mut seen = FastSet::default();
        let mut terms: Vec<RefTerm> = Vec::new();
        for term in self.analyzer.terms(rubric.reference) {
            if seen.insert(term.id) {
                let asked = question.contains(&term.id);
                terms.push(RefTerm {
                    stem: term.id,
                    surface: term.surface,
                    weight: self.idf.weight(term.id) * if asked { QUESTION_WORD_WEIGHT } else { 1.0 },
                    shown: !asked,
                });
            }
        }
        if terms.iter().all(|t| !t.shown) {
            terms.iter_mut().for_each(|t| t.shown = true);
        }
        // The number of terms, each question word counting for its share.
        let count: f64 = terms
            .iter()
            .map(|t| if question.contains(&t.stem) { QUESTION_WORD_WEIGHT } else { 1.0 })
            .sum();
        let total: f64 = terms.iter().map(|t| t.weight).sum();
        let needed = if rubric.key_points.is_empty() {
            total * (EXPECTED_TERMS / count.max(EXPECTED_TERMS)).sqrt().max(LEAST_SHARE_NEEDED)
        } else {
            total
        };
        let points = rubric
            .key_points
            .iter()
            .map(|kp| PreparedPoint {
                label: kp.point.clone(),
                weight: f64::from(kp.weight),
                phrases: std::iter::once(&kp.point)
                    .chain(&kp.alternatives)
                    .map(|p| {
                        let mut ids = Vec::new();
                        self.analyzer.stem_ids(p, &mut ids);
                        ids
                    })
                    .filter(|p| !p.is_empty())
                    .collect(),
            })
            .collect();
        Prepared { terms, needed, points }
    }

    /// Grades `answer` against a prepared rubric.
    pub fn grade(&self, prepared: &Prepared, answer: &str) -> Grade {
        let mut stems = Vec::new();
        self.analyzer.stem_ids(answer, &mut stems);
        if stems.is_empty() {
            return Grade {
                score: 0.0,
                verdict: Verdict::Weak,
                covered: vec![],
                missed: prepared.points.iter().map(|p| p.label.clone()).collect(),
                key_points: (!prepared.points.is_empty()).then_some(0.0),
                overlap: 0.0,
            };
        }
        let index = AnswerIndex::new(&stems, self.analyzer.spellings());

        let mut found = 0.0;
        let mut found_terms = Vec::new();
        let mut missing_terms = Vec::new();
        for term in &prepared.terms {
            let credit = index.credit(term.stem);
            found += credit * term.weight;
            if term.shown {
                if credit > 0.0 { &mut found_terms } else { &mut missing_terms }.push(term);
            }
        }
        let overlap = if prepared.needed > 0.0 {
            (found / prepared.needed).min(1.0)
        } else {
            0.0
        };

        let (key_points, covered, missed) = if prepared.points.is_empty() {
            missing_terms.sort_by(|a, b| b.weight.total_cmp(&a.weight));
            let covered = found_terms.iter().map(|t| t.surface.clone()).collect();
            let missed = missing_terms.iter().take(MISSED_TERMS_SHOWN).map(|t| t.surface.clone()).collect();
            (None, covered, missed)
        } else {
            let mut earned = 0.0;
            let mut weights = 0.0;
            let (mut covered, mut missed) = (Vec::new(), Vec::new());
            for point in &prepared.points {
                let share = point.phrases.iter().map(|p| index.phrase_share(p)).fold(0.0, f64::max);
                weights += point.weight;
                if share >= COVERED_AT {
                    earned += point.weight;
                    covered.push(point.label.clone());
                } else {
                    if share >= PARTIAL_AT {
                        earned += point.weight * share * 0.5;
                    }
                    missed.push(point.label.clone());
                }
            }
            (Some(earned / weights), covered, missed)
        };

        let scale = match key_points {
            Some(kp) => with_key_points(KEY_POINT_SHARE * kp + (1.0 - KEY_POINT_SHARE) * overlap),
            None => reference_only(overlap),
        };
        let score = (scale * 1000.0).round() / 10.0;
        Grade {
            score,
            verdict: Verdict::from_score(score),
            covered,
            missed,
            key_points,
            overlap,
        }
    }
}

/// Maps the blend of key points and coverage (0–1) onto the 0–100 scale
/// people read. Key points are the essentials an author chose, so their
/// share is close to the share of the answer that is right; the middle is
/// lifted only a little for points made in other words. 0 and 1 stay fixed.
fn with_key_points(raw: f64) -> f64 {
    raw.clamp(0.0, 1.0).powf(0.8)
}

/// Maps reference coverage alone (0–1) onto the score, with diminishing
/// returns: a reference's wording is one way of many to say it, so an
/// answer that matches half of it has usually made most of its points.
/// Half coverage earns three quarters; 0 and 1 stay fixed.
fn reference_only(coverage: f64) -> f64 {
    1.0 - (1.0 - coverage.clamp(0.0, 1.0)).powi(2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::SourceFile;
    use crate::text::Aliases;

    fn kp(point: &str, weight: u32, alternatives: &[&str]) -> KeyPoint {
        KeyPoint {
            point: point.into(),
            weight,
            alternatives: alternatives.iter().map(|s| s.to_string()).collect(),
            proposed: false,
        }
    }

    fn grader() -> Grader {
        let aliases = Aliases::parse(&SourceFile::new(
            "a.toml",
            "[[alias]]\nterm = \"kubernetes\"\nsame = [\"k8s\"]\n[[alias]]\nterm = \"horizontal pod autoscaler\"\nsame = [\"hpa\"]\n",
        ))
        .unwrap();
        let analyzer = Analyzer::new(&aliases);
        let idf = Idf::from_texts(&analyzer, [REFERENCE, "Pods run containers.", "Terraform state lives in S3."]);
        Grader::new(analyzer, idf)
    }

    const QUESTION: &str = "What is a dead-letter queue and why does the order queue have one?";
    const REFERENCE: &str = "A dead-letter queue holds messages that failed processing too many times: after maxReceiveCount receives SQS moves them aside, so one poison message cannot block the queue. Alarms on its depth tell operators to investigate and redrive the messages once fixed. On Kubernetes the horizontal pod autoscaler scales consumers.";

    fn points() -> Vec<KeyPoint> {
        vec![
            kp("messages failed processing repeatedly", 3, &["poison message"]),
            kp("maxReceiveCount", 2, &["max receive count"]),
            kp("alarm on queue depth", 2, &[]),
            kp("redrive messages", 1, &["replay messages"]),
            kp("horizontal pod autoscaler", 1, &[]),
        ]
    }

    fn score(answer: &str) -> Grade {
        let g = grader();
        let kps = points();
        let prepared = g.prepare(Rubric {
            question: QUESTION,
            reference: REFERENCE,
            key_points: &kps,
        });
        g.grade(&prepared, answer)
    }

    #[test]
    fn empty_answer_scores_zero() {
        for empty in ["", "   \n", "the a of", "?!"] {
            let g = score(empty);
            assert_eq!(g.score, 0.0, "{empty:?}");
            assert_eq!(g.missed.len(), 5);
        }
    }

    #[test]
    fn reference_scores_full_marks() {
        let g = score(REFERENCE);
        assert!(g.score >= 95.0, "{g:?}");
        assert!(g.missed.is_empty());
    }

    #[test]
    fn repeating_the_question_earns_little() {
        assert!(score(QUESTION).score < 15.0, "{:?}", score(QUESTION));
    }

    #[test]
    fn covering_more_key_points_never_scores_lower() {
        let steps = [
            "A poison message is set aside.",
            "A poison message is set aside after maxReceiveCount.",
            "A poison message is set aside after maxReceiveCount. We alarm on queue depth.",
            "A poison message is set aside after maxReceiveCount. We alarm on queue depth and redrive messages.",
            "A poison message is set aside after maxReceiveCount. We alarm on queue depth and redrive messages. The HPA scales.",
        ];
        let scores: Vec<f64> = steps.iter().map(|s| score(s).score).collect();
        assert!(scores.windows(2).all(|w| w[0] <= w[1]), "{scores:?}");
        assert!(scores[4] > scores[0]);
        assert_eq!(score(steps[4]).covered.len(), 5);
    }

    #[test]
    fn typos_and_aliases_still_match() {
        let g = score("We redrive mesages; the k8s hpa scales consumers.");
        assert!(g.covered.contains(&"redrive messages".to_string()), "{g:?}");
        assert!(g.covered.contains(&"horizontal pod autoscaler".to_string()), "{g:?}");
    }

    #[test]
    fn scattered_words_do_not_make_a_phrase() {
        let filler = " lorem".repeat(40);
        let g = score(&format!("an alarm went off.{filler} the queue was long.{filler} depth of field"));
        assert!(g.missed.contains(&"alarm on queue depth".to_string()), "{g:?}");
    }

    #[test]
    fn free_reference_reports_terms() {
        let g = grader();
        let prepared = g.prepare(Rubric {
            question: "",
            reference: "Terraform state lives in S3 with DynamoDB locking.",
            key_points: &[],
        });
        let grade = g.grade(&prepared, "state is in s3");
        assert!(grade.covered.contains(&"state".to_string()));
        assert!(grade.missed.contains(&"dynamodb".to_string()), "{grade:?}");
        assert!(grade.key_points.is_none());
    }

    fn free(question: &str, reference: &str, answer: &str) -> Grade {
        let g = grader();
        let prepared = g.prepare(Rubric {
            question,
            reference,
            key_points: &[],
        });
        g.grade(&prepared, answer)
    }

    #[test]
    fn question_words_count_little_and_are_not_listed() {
        let (q, r) = (
            "What does a readiness probe do?",
            "A failing readiness probe removes the pod from Service endpoints until it recovers.",
        );
        let echo = free(q, r, q);
        assert!(echo.score < 15.0, "{echo:?}");
        assert!(
            !echo.covered.iter().chain(&echo.missed).any(|t| t == "readiness" || t == "probe"),
            "{echo:?}"
        );
        let real = free(q, r, "It takes the pod out of the service endpoints.");
        assert!(real.score > 60.0 && real.score > echo.score * 4.0, "{real:?}");
        // A reference made only of the question's words still grades.
        assert!(free("readiness probe", "Readiness probe.", "a readiness probe").score >= 95.0);
    }

    #[test]
    fn a_long_reference_needs_only_part_of_its_terms() {
        let long = "Alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa.";
        let half = free("", long, "alpha bravo charlie delta echo foxtrot golf hotel");
        assert_eq!(half.overlap, 1.0, "sqrt(4/16) of 16 terms is 8: {half:?}");
        assert!(half.score >= 99.0);
        let quarter = free("", long, "alpha bravo charlie delta");
        assert!(quarter.overlap > 0.45 && quarter.overlap < 0.55, "{quarter:?}");
        // Never less than half: of 64 terms, 32 are needed, not sqrt(4/64) = 16.
        let numbers: Vec<String> = (1000..1064).map(|n| n.to_string()).collect();
        let sixteen = free("", &numbers.join(" "), &numbers[..16].join(" "));
        assert!((sixteen.overlap - 0.5).abs() < 1e-9, "{sixteen:?}");
        // With key points, coverage is the plain share of the reference.
        let part = &REFERENCE[..REFERENCE.len() / 3];
        let (with_points, without) = (score(part), free(QUESTION, REFERENCE, part));
        assert!(with_points.overlap < without.overlap, "{with_points:?} {without:?}");
        // Up to four terms, every one is needed.
        let short = free("", "Alpha bravo charlie delta.", "alpha bravo");
        assert!((short.overlap - 0.5).abs() < 0.05, "{short:?}");
    }

    #[test]
    fn related_forms_earn_part_credit() {
        let (q, r) = ("What are the advantages of objects?", "Reusability and encapsulation.");
        let exact = free(q, r, "their reusability");
        let related = free(q, r, "you can reuse them");
        let unrelated = free(q, r, "they are fast");
        assert!(
            exact.score > related.score && related.score > unrelated.score,
            "{exact:?} {related:?} {unrelated:?}"
        );
        assert_eq!(unrelated.score, 0.0);
    }

    #[test]
    fn coverage_has_diminishing_returns_without_key_points() {
        assert_eq!(reference_only(0.0), 0.0);
        assert_eq!(reference_only(1.0), 1.0);
        assert_eq!(reference_only(0.5), 0.75);
        let curve: Vec<f64> = (0..=20).map(|i| reference_only(f64::from(i) / 20.0)).collect();
        assert!(curve.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(with_key_points(0.0), 0.0);
        assert_eq!(with_key_points(1.0), 1.0);
    }
}
