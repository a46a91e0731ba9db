//! The grader: how well an answer covers a question's reference answer and
//! weighted key points, as a 0–100 score with what was covered and missed.
//!
//! It is lexical on purpose — fast, explainable, and honest about what it
//! saw. Two measures are blended:
//! - **key points**: each phrase (or one of its alternatives) counts as
//!   covered when nearly all its content terms occur close together in the
//!   answer; weighted by the point's weight;
//! - **reference overlap**: the share of the reference's content terms found
//!   in the answer, each weighted by rarity (IDF), words of the question
//!   itself left out — repeating the question says nothing.
//!
//! Terms match exactly after [`crate::text`] normalisation, or within one or
//! two edits for long words (typos), for a little less credit. The grader is
//! a pure function of its inputs: no I/O, no clock.

pub mod agreement;

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::bank::{KeyPoint, Question};
use crate::text::Analyzer;

/// Share of the score from key points when a question has them.
const KEY_POINT_SHARE: f64 = 0.65;
/// Credit for a term matched only through a typo-tolerant comparison.
const FUZZY_CREDIT: f64 = 0.9;
/// A key point counts as covered at this share of its terms.
const COVERED_AT: f64 = 0.74;
/// Below covered, a point with at least this share earns half its share.
const PARTIAL_AT: f64 = 0.5;

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
    /// IDF-weighted share of reference terms found, 0–1.
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

/// Term rarity over a set of documents: rare terms say more than common ones.
#[derive(Debug, Clone, Default)]
pub struct Idf {
    df: HashMap<String, u32>,
    docs: u32,
}

impl Idf {
    /// Counts in how many of `texts` each term appears.
    pub fn from_texts<'t>(analyzer: &Analyzer, texts: impl IntoIterator<Item = &'t str>) -> Idf {
        let mut idf = Idf::default();
        for text in texts {
            idf.docs += 1;
            let unique: HashSet<String> = analyzer.stems(text).into_iter().collect();
            for stem in unique {
                *idf.df.entry(stem).or_insert(0) += 1;
            }
        }
        idf
    }

    /// Smoothed inverse document frequency; unseen terms count as rarest.
    pub fn weight(&self, stem: &str) -> f64 {
        let df = self.df.get(stem).copied().unwrap_or(0);
        (f64::from(self.docs + 1) / f64::from(df + 1)).ln() + 1.0
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
    stem: String,
    surface: String,
    weight: f64,
}

#[derive(Debug, Clone)]
struct PreparedPoint {
    label: String,
    weight: f64,
    /// Stems of `point` and of each alternative with any content.
    phrases: Vec<Vec<String>>,
}

/// A rubric analysed once, so grading many answers against it is cheap.
#[derive(Debug, Clone)]
pub struct Prepared {
    terms: Vec<RefTerm>,
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

/// Where each term occurs in an answer.
struct AnswerIndex<'a> {
    positions: HashMap<&'a str, Vec<u32>>,
}

impl<'a> AnswerIndex<'a> {
    fn new(stems: &'a [String]) -> AnswerIndex<'a> {
        let mut positions: HashMap<&str, Vec<u32>> = HashMap::new();
        for (i, s) in stems.iter().enumerate() {
            positions.entry(s.as_str()).or_default().push(i as u32);
        }
        AnswerIndex { positions }
    }

    /// Occurrences of `stem` or of a near spelling, and the credit each earns.
    fn find(&self, stem: &str) -> Vec<(&[u32], f64)> {
        if let Some(p) = self.positions.get(stem) {
            return vec![(p.as_slice(), 1.0)];
        }
        self.positions
            .iter()
            .filter(|(word, _)| near_spelling(stem, word))
            .map(|(_, p)| (p.as_slice(), FUZZY_CREDIT))
            .collect()
    }

    fn contains(&self, stem: &str) -> f64 {
        if self.positions.contains_key(stem) {
            1.0
        } else if self.positions.keys().any(|w| near_spelling(stem, w)) {
            FUZZY_CREDIT
        } else {
            0.0
        }
    }
}

/// Typo tolerance: words of 5+ letters with the same first letter, one edit
/// apart (two for 10+ letters). Shorter words must match exactly — at five
/// letters one edit already joins different words (stack/stock).
fn near_spelling(a: &str, b: &str) -> bool {
    let (la, lb) = (a.len(), b.len());
    let longest = la.max(lb);
    if la.min(lb) < 5 || longest < 6 || a.as_bytes()[0] != b.as_bytes()[0] {
        return false;
    }
    let allowed = if longest >= 10 { 2 } else { 1 };
    if la.abs_diff(lb) > allowed {
        return false;
    }
    strsim::osa_distance(a, b) <= allowed
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
        let question: HashSet<String> = self.analyzer.stems(rubric.question).into_iter().collect();
        let mut seen = HashSet::new();
        let mut all = Vec::new();
        for term in self.analyzer.terms(rubric.reference) {
            if seen.insert(term.stem.clone()) {
                let weight = self.idf.weight(&term.stem);
                all.push(RefTerm {
                    stem: term.stem,
                    surface: term.surface,
                    weight,
                });
            }
        }
        // The question's words are not content, unless that leaves nothing.
        let content: Vec<RefTerm> = all.iter().filter(|t| !question.contains(&t.stem)).cloned().collect();
        let terms = if content.is_empty() { all } else { content };
        let points = rubric
            .key_points
            .iter()
            .map(|kp| PreparedPoint {
                label: kp.point.clone(),
                weight: f64::from(kp.weight),
                phrases: std::iter::once(&kp.point)
                    .chain(&kp.alternatives)
                    .map(|p| self.analyzer.stems(p))
                    .filter(|p| !p.is_empty())
                    .collect(),
            })
            .collect();
        Prepared { terms, points }
    }

    /// Grades `answer` against a prepared rubric.
    pub fn grade(&self, prepared: &Prepared, answer: &str) -> Grade {
        let stems = self.analyzer.stems(answer);
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
        let index = AnswerIndex::new(&stems);

        let total: f64 = prepared.terms.iter().map(|t| t.weight).sum();
        let mut found = 0.0;
        let mut found_terms = Vec::new();
        let mut missing_terms = Vec::new();
        for term in &prepared.terms {
            let credit = index.contains(&term.stem);
            found += credit * term.weight;
            if credit > 0.0 { &mut found_terms } else { &mut missing_terms }.push(term);
        }
        let overlap = if total > 0.0 { found / total } else { 0.0 };

        let (key_points, covered, missed) = if prepared.points.is_empty() {
            missing_terms.sort_by(|a, b| b.weight.total_cmp(&a.weight));
            let covered = found_terms.iter().map(|t| t.surface.clone()).collect();
            let missed = missing_terms.iter().take(12).map(|t| t.surface.clone()).collect();
            (None, covered, missed)
        } else {
            let mut earned = 0.0;
            let mut weights = 0.0;
            let (mut covered, mut missed) = (Vec::new(), Vec::new());
            for point in &prepared.points {
                let share = point.phrases.iter().map(|p| phrase_share(&index, p)).fold(0.0, f64::max);
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

        let raw = match key_points {
            Some(kp) => KEY_POINT_SHARE * kp + (1.0 - KEY_POINT_SHARE) * overlap,
            None => overlap,
        };
        let score = (calibrate(raw) * 1000.0).round() / 10.0;
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

/// Maps the raw blend (0–1) onto the 0–100 scale people read. Answers that
/// cover the substance in other words rarely reach a full lexical match, so
/// the middle of the range is lifted a little; 0 and 1 stay fixed.
fn calibrate(raw: f64) -> f64 {
    raw.clamp(0.0, 1.0).powf(0.8)
}

/// The best share of a phrase's terms found close together in the answer.
fn phrase_share(index: &AnswerIndex<'_>, phrase: &[String]) -> f64 {
    let hits: Vec<Vec<(&[u32], f64)>> = phrase.iter().map(|stem| index.find(stem)).collect();
    let n = phrase.len() as f64;
    if phrase.len() == 1 {
        return hits[0].iter().map(|h| h.1).fold(0.0, f64::max);
    }
    let window = 6 + 2 * phrase.len() as u32;
    let mut best = 0.0f64;
    // Try each occurrence of each phrase term as the anchor of a window.
    let anchors = hits
        .iter()
        .flatten()
        .flat_map(|(positions, _)| positions.iter().take(2000).copied());
    for anchor in anchors {
        let lo = anchor.saturating_sub(window);
        let hi = anchor.saturating_add(window);
        let credit: f64 = hits
            .iter()
            .map(|alternatives| {
                alternatives
                    .iter()
                    .filter(|(positions, _)| {
                        let i = positions.partition_point(|&p| p < lo);
                        positions.get(i).is_some_and(|&p| p <= hi)
                    })
                    .map(|h| h.1)
                    .fold(0.0, f64::max)
            })
            .sum();
        best = best.max(credit / n);
        if best >= 1.0 {
            break;
        }
    }
    best
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
    fn near_spelling_needs_long_words() {
        let cases = [
            ("stack", "stock", false),
            ("borrow", "borow", true),
            ("kubernet", "kubernte", true),
            ("pod", "pods", false),
            ("deploy", "redeploy", false),
            ("terraform", "terrafrom", true),
            ("observabl", "observ", false),
        ];
        for (a, b, expected) in cases {
            assert_eq!(near_spelling(a, b), expected, "{a} vs {b}");
        }
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
}
