//! The grader: how well an answer covers a question's reference answer and
//! weighted key points, as a 0–100 score with a verdict, what was covered
//! and missed, and why.
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
//! for long words, or as a related form (`matching.rs`) — but not where the
//! answer negates them (`not`, `never`, `without` shortly before) unless
//! the rubric negates them too. Without key points (a free reference)
//! coverage alone decides, through a curve of diminishing returns. The
//! answer's form can take a share off (`form.rs`: keyword lists, long
//! off-topic answers), and each point's outcome is explained
//! (`explain.rs`). The grader is a pure function of its inputs: no I/O, no
//! clock.

pub mod agreement;
mod claims;
mod explain;
mod form;
mod idf;
mod matching;
mod misconceptions;
mod verdict;

use serde::Serialize;

use self::claims::Claims;
pub use self::explain::{MatchKind, PointDetail, Status, TermMatch};
pub use self::idf::Idf;
use self::matching::{AnswerIndex, Found, PhraseMatch};
pub use self::misconceptions::Stated;
use self::misconceptions::Wrong;
pub use self::verdict::{BANDS, BORDERLINE_MARGIN, Verdict, borderline};
use crate::bank::{FollowUp, KeyPoint, Misconception, Question};
use crate::fasthash::FastSet;
use crate::text::{AnalysedTerm, Analysis, Analyzer, StemId, sentences};

/// Share of the score from key points when a question has them.
const KEY_POINT_SHARE: f64 = 0.65;
/// A key point (or a misconception) counts as said at this share of its
/// terms.
const COVERED_AT: f64 = 0.74;
/// A misconception counts as stated at this share of its terms: all of
/// them, one allowed a typo. Wrong claims share most words with right
/// ones, so one word missing is too often the right claim.
const STATED_AT: f64 = 0.95;
/// Least terms a key point's claim (without subjects) needs to be called a
/// swap when said of another subject, and a misconception's phrase to be
/// looked for at all: one word is a topic, not a claim.
const SWAP_TERMS: usize = 2;
/// The highest score an answer stating a misconception can earn: just
/// under `adequate`, which needs no wrong claim.
pub const MISCONCEPTION_CAP: f64 = 59.0;
/// With key points, the share of the reference's term weight at which
/// coverage is full: an answer in its own words says about a third of a
/// reference's terms, and a complete one rarely more than half — the rest
/// is the reference's own wording and detail.
const OVERLAP_FULL: f64 = 0.5;
/// The blend of key points and coverage that earns full marks. A strong
/// answer in the candidate's own words, as the calibration corpus has them
/// (`tests/calibration/`), covers about two thirds of the key points'
/// weight — the rest said in words no rubric lists — and a blend of 0.75
/// is a complete answer.
const FULL_MARKS_AT: f64 = 0.75;
/// The score curve under full marks: `(blend / FULL_MARKS_AT)^SCORE_CURVE`.
/// Under 1 it lifts the middle a little (a terse correct answer reads weak
/// to adequate); fitted with [`FULL_MARKS_AT`] and [`OVERLAP_FULL`] on the
/// tune half of the calibration corpus so that strong answers read strong
/// and wrong ones missed (README, *Calibration*).
const SCORE_CURVE: f64 = 0.85;
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

/// What one answer earned, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Grade {
    /// 0–100, one decimal.
    pub score: f64,
    pub verdict: Verdict,
    /// The score is within [`BORDERLINE_MARGIN`] of a verdict band's edge.
    pub borderline: bool,
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
    /// Each key point (or reference term shown) with what matched it, or
    /// where the reference says it: covered ones first, in rubric order.
    pub details: Vec<PointDetail>,
    /// Remarks on the answer as a whole that cost points (a keyword list,
    /// a long answer mostly off the topic).
    pub notes: Vec<String>,
    /// Wrong claims the answer stated, each with what is true instead.
    pub misconceptions: Vec<Stated>,
}

/// What an answer is graded against. Build one from a bank question
/// (`Rubric::from(&question)`), a follow-up with a rubric
/// ([`Rubric::of_follow_up`]), or by hand with `..Rubric::default()`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Rubric<'a> {
    pub question: &'a str,
    pub reference: &'a str,
    pub key_points: &'a [KeyPoint],
    /// Wrong claims that cost when stated.
    pub misconceptions: &'a [Misconception],
    /// Grade the answer as a STAR story (situation, task, actions, result,
    /// reflection) rather than against the reference's own story: set for
    /// the questions of bank [`STAR_BANK`].
    pub star: bool,
}

/// The bank whose questions are graded as STAR stories.
pub const STAR_BANK: &str = "behavioural";

impl<'a> From<&'a Question> for Rubric<'a> {
    fn from(q: &'a Question) -> Rubric<'a> {
        Rubric {
            question: &q.prompt,
            reference: &q.reference,
            key_points: &q.key_points,
            misconceptions: &q.misconceptions,
            star: q.bank == STAR_BANK,
        }
    }
}

impl<'a> Rubric<'a> {
    /// The rubric of a follow-up question, or `None` for a plain follow-up
    /// (the old string form), which is asked as ungraded practice.
    pub fn of_follow_up(f: &'a FollowUp) -> Option<Rubric<'a>> {
        f.is_graded().then_some(Rubric {
            question: &f.prompt,
            reference: &f.reference,
            key_points: &f.key_points,
            misconceptions: &f.misconceptions,
            star: false,
        })
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
    alias: bool,
    weight: f64,
    /// Shown in `covered`/`missed` (question words are not, unless the
    /// reference has nothing else).
    shown: bool,
    /// The reference sentence it first appears in.
    sentence: Option<usize>,
}

/// A key point phrase (the point or an alternative) as the grader sees it.
#[derive(Debug, Clone)]
struct Phrase {
    stems: Vec<StemId>,
    /// Each term's words as written, and whether they were an alias.
    words: Vec<(String, bool)>,
    /// How many claim boundaries the phrase itself crosses (`removed but
    /// not restarted`: one): an answer may cross as many.
    spans: u32,
    /// It says something under a negation (`knows nothing about`): what
    /// it claims depends on words the grader does not match.
    negates: bool,
}

#[derive(Debug, Clone)]
struct PreparedPoint {
    label: String,
    weight: f64,
    /// `point` and each alternative with any content.
    phrases: Vec<Phrase>,
    /// The reference sentence that says it best.
    sentence: Option<usize>,
    /// What it is about: an index into the rubric's subjects. It counts
    /// only in a claim about that subject.
    subject: Option<usize>,
    /// Its phrases without the subject's words — the claim made about the
    /// subject — each with the other subjects (a bit set) that some key
    /// point says it of too: said of any other, it is a swap.
    claim_phrases: Vec<(Phrase, u64)>,
    /// Its phrases without its own subject's words, when it has a subject:
    /// what it says of the subject, matched in claims about it.
    about: Vec<Phrase>,
}

/// A rubric analysed once, so grading many answers against it is cheap.
/// Use it only with the [`Grader`] that prepared it (stems are its ids).
#[derive(Debug, Clone)]
pub struct Prepared {
    terms: Vec<RefTerm>,
    /// The term weight a full answer needs (see [`EXPECTED_TERMS`]).
    needed: f64,
    points: Vec<PreparedPoint>,
    sentences: Vec<String>,
    /// Terms the rubric itself says under a negation: an answer may too.
    negated: FastSet<StemId>,
    /// Every term of the question, reference and key points: on topic.
    topic: FastSet<StemId>,
    /// What the answer's form is measured against.
    bar: form::Bar,
    /// The subjects of the key points, as written and as stems.
    subjects: Vec<String>,
    subject_stems: Vec<Vec<StemId>>,
    /// The rubric's misconceptions.
    wrong: Vec<Wrong>,
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

    fn source(&self, sentence: Option<usize>) -> Option<String> {
        sentence.and_then(|i| self.sentences.get(i)).cloned()
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
        let question = self.analyzer.analyse(rubric.question);
        let reference = self.analyzer.analyse(rubric.reference);
        let asked: FastSet<StemId> = question.terms.iter().map(|t| t.id).collect();
        let sentences: Vec<String> = sentences(rubric.reference).into_iter().map(String::from).collect();
        let in_sentences: Vec<Analysis> = sentences.iter().map(|s| self.analyzer.analyse(s)).collect();

        let mut seen = FastSet::default();
        let mut terms: Vec<RefTerm> = Vec::new();
        for term in &reference.terms {
            if seen.insert(term.id) {
                let asked = asked.contains(&term.id);
                terms.push(RefTerm {
                    stem: term.id,
                    surface: reference.surface(term).to_string(),
                    alias: term.alias,
                    weight: self.idf.weight(term.id) * if asked { QUESTION_WORD_WEIGHT } else { 1.0 },
                    shown: !asked,
                    sentence: in_sentences.iter().position(|s| s.terms.iter().any(|t| t.id == term.id)),
                });
            }
        }
        if terms.iter().all(|t| !t.shown) {
            terms.iter_mut().for_each(|t| t.shown = true);
        }
        // The number of terms, each question word counting for its share.
        let count: f64 = terms
            .iter()
            .map(|t| if asked.contains(&t.stem) { QUESTION_WORD_WEIGHT } else { 1.0 })
            .sum();
        let total: f64 = terms.iter().map(|t| t.weight).sum();
        let needed = if rubric.key_points.is_empty() {
            total * (EXPECTED_TERMS / count.max(EXPECTED_TERMS)).sqrt().max(LEAST_SHARE_NEEDED)
        } else {
            total
        };

        let mut negated = FastSet::default();
        let mut topic = FastSet::default();
        for analysis in [&question, &reference] {
            note_terms(analysis, &mut negated, &mut topic);
        }
        // Subjects are told apart by their stems (`data drift`, `Data-drift`).
        let mut subjects: Vec<String> = Vec::new();
        let mut subject_stems: Vec<Vec<StemId>> = Vec::new();
        let stems_of = |s: &str| -> Vec<StemId> { self.analyzer.analyse(s).terms.iter().map(|t| t.id).collect() };
        for subject in rubric.key_points.iter().filter_map(|kp| kp.subject.as_deref()) {
            let stems = stems_of(subject);
            if !stems.is_empty() && !subject_stems.contains(&stems) {
                subjects.push(subject.to_string());
                subject_stems.push(stems);
            }
        }
        let mut points: Vec<PreparedPoint> = rubric
            .key_points
            .iter()
            .map(|kp| PreparedPoint {
                label: kp.point.clone(),
                weight: f64::from(kp.weight),
                phrases: std::iter::once(&kp.point)
                    .chain(&kp.alternatives)
                    .map(|p| {
                        let (phrase, analysis) = self.phrase(p);
                        note_terms(&analysis, &mut negated, &mut topic);
                        phrase
                    })
                    .filter(|p| !p.stems.is_empty())
                    .collect(),
                sentence: None,
                subject: kp.subject.as_deref().and_then(|s| {
                    let stems = stems_of(s);
                    subject_stems.iter().position(|x| *x == stems)
                }),
                claim_phrases: vec![],
                about: vec![],
            })
            .collect();
        claim_phrases(&mut points, &subject_stems);
        self.allow_what_the_reference_says(rubric.reference, &mut points, &subject_stems);
        let wrong = rubric
            .misconceptions
            .iter()
            .map(|m| Wrong {
                claim: m.claim.clone(),
                correction: m.correction.clone(),
                phrases: std::iter::once(&m.claim)
                    .chain(&m.alternatives)
                    .map(|p| self.phrase(p).0)
                    .filter(|p| p.stems.len() >= SWAP_TERMS)
                    .collect(),
                contradicts: m
                    .contradicts
                    .as_deref()
                    .and_then(|c| rubric.key_points.iter().position(|kp| kp.point == c)),
                weight: f64::from(m.weight_in(rubric.key_points)),
            })
            .collect();
        // Each point's source: the reference sentence that says most of it.
        let mut best = vec![0.0f64; points.len()];
        for (i, sentence) in in_sentences.iter().enumerate() {
            let index = AnswerIndex::new(&sentence.terms, |_| true, self.analyzer.spellings());
            for (point, best) in points.iter_mut().zip(&mut best) {
                let share = point.phrases.iter().map(|p| index.phrase(&p.stems).share).fold(0.0, f64::max);
                if share > *best {
                    (*best, point.sentence) = (share, Some(i));
                }
            }
        }
        Prepared {
            terms,
            needed,
            points,
            sentences,
            negated,
            topic,
            bar: form::Bar::of(&reference),
            subjects,
            subject_stems,
            wrong,
        }
    }

    /// Marks each subject point's claim that the reference itself makes of
    /// another subject as shared with it: a claim the reference makes of
    /// `X` is true of `X`, so saying it of `X` is no swap.
    fn allow_what_the_reference_says(&self, reference: &str, points: &mut [PreparedPoint], subject_stems: &[Vec<StemId>]) {
        if subject_stems.is_empty() {
            return;
        }
        let analysis = self.analyzer.analyse(reference);
        let claims = Claims::split(&analysis.terms, subject_stems);
        let index = AnswerIndex::new(&analysis.terms, |_| true, self.analyzer.spellings());
        for point in points.iter_mut() {
            for (phrase, shared) in &mut point.claim_phrases {
                for (s, _) in subject_stems.iter().enumerate() {
                    let about = |c: u32| claims.subject(c) == Some(s) && claims.names(c, s);
                    if Some(s) != point.subject && index.phrase_within(&phrase.stems, Some(&claims), 0, about).share >= STATED_AT {
                        *shared |= 1u64 << s.min(63);
                    }
                }
            }
        }
    }

    /// A phrase of a rubric (a key point, an alternative, a misconception)
    /// as the grader matches it, and its analysis.
    fn phrase(&self, text: &str) -> (Phrase, Analysis) {
        let analysis = self.analyzer.analyse(text);
        let phrase = Phrase {
            stems: analysis.terms.iter().map(|t| t.id).collect(),
            words: analysis.terms.iter().map(|t| (analysis.surface(t).to_string(), t.alias)).collect(),
            spans: analysis.terms.last().map_or(0, |t| t.claim) - analysis.terms.first().map_or(0, |t| t.claim),
            negates: analysis.terms.iter().any(|t| t.near_negation),
        };
        (phrase, analysis)
    }

    /// Grades `answer` against a prepared rubric.
    pub fn grade(&self, prepared: &Prepared, answer: &str) -> Grade {
        let analysis = self.analyzer.analyse(answer);
        let claims = Claims::split(&analysis.terms, &prepared.subject_stems);
        let stated = if prepared.wrong.is_empty() && prepared.subjects.is_empty() {
            vec![]
        } else {
            let plain = AnswerIndex::new(&analysis.terms, |t| t.negated_at.is_none(), self.analyzer.spellings());
            misconceptions::find(&prepared.wrong, &prepared.points, &prepared.subjects, &analysis, &plain, &claims)
        };
        let counts = |t: &AnalysedTerm| t.negated_at.is_none() || prepared.negated.contains(&t.id);
        let index = AnswerIndex::new(&analysis.terms, counts, self.analyzer.spellings());

        let mut found = 0.0;
        let mut found_terms = Vec::new();
        let mut missing_terms = Vec::new();
        // A term or point said only in a bare list of terms earns less.
        let said_in = |position: u32| form::statement_credit(analysis.claim_of(&analysis.terms[position as usize]), prepared.bar);
        for term in &prepared.terms {
            let hit = index.best(term.stem);
            found += hit.map_or(0.0, |(position, how)| how.credit() * said_in(position)) * term.weight;
            if term.shown {
                match hit {
                    Some(hit) => found_terms.push((term, hit)),
                    None => missing_terms.push(term),
                }
            }
        }
        let overlap = if prepared.needed > 0.0 {
            (found / prepared.needed).min(1.0)
        } else {
            0.0
        };

        let (key_points, mut details) = if prepared.points.is_empty() {
            missing_terms.sort_by(|a, b| b.weight.total_cmp(&a.weight));
            let mut details: Vec<PointDetail> = found_terms
                .iter()
                .map(|(term, (position, how))| {
                    let said = &analysis.terms[*position as usize];
                    let word = analysis.surface(said);
                    PointDetail {
                        point: term.surface.clone(),
                        status: Status::Covered,
                        matched: vec![TermMatch {
                            word: word.to_string(),
                            term: term.surface.clone(),
                            kind: MatchKind::of(*how, said.alias || term.alias, word == term.surface),
                        }],
                        source: None,
                        negated: None,
                    }
                })
                .collect();
            details.extend(missing_terms.iter().take(MISSED_TERMS_SHOWN).map(|term| {
                PointDetail {
                    point: term.surface.clone(),
                    status: Status::Missed,
                    matched: vec![],
                    source: prepared.source(term.sentence),
                    negated: analysis
                        .terms
                        .iter()
                        .find(|t| t.id == term.stem)
                        .and_then(|t| analysis.negation(t))
                        .map(String::from),
                }
            }));
            (None, details)
        } else {
            let mut earned = 0.0;
            let mut weights = 0.0;
            let mut details = Vec::with_capacity(prepared.points.len());
            for (i, point) in prepared.points.iter().enumerate() {
                let in_scope = |c: u32| point.subject.is_none_or(|s| claims.subject(c) == Some(s));
                let (mut phrase, mut best) = best_phrase(&index, &point.phrases, &claims, in_scope);
                if point.subject.is_some() {
                    // In a claim about its subject, the point need not name
                    // it again (`it manages users itself`).
                    let (other, m) = best_phrase(&index, &point.about, &claims, in_scope);
                    if m.share > best.share {
                        (phrase, best) = (other, m);
                    }
                }
                weights += point.weight;
                let denied = stated.iter().any(|f| f.contradicts == Some(i));
                let stated_as = best.hits.iter().flatten().map(|&(p, _)| said_in(p)).fold(1.0, f64::min);
                let status = if denied {
                    Status::Missed
                } else if best.share >= COVERED_AT {
                    earned += point.weight * stated_as;
                    Status::Covered
                } else if best.share >= PARTIAL_AT {
                    earned += point.weight * best.share * 0.5 * stated_as;
                    Status::Partial
                } else {
                    Status::Missed
                };
                details.push(PointDetail {
                    point: point.label.clone(),
                    status,
                    matched: phrase.map_or_else(Vec::new, |p| matched_words(&analysis, p, &best)),
                    source: (status != Status::Covered).then(|| prepared.source(point.sentence)).flatten(),
                    negated: None,
                });
            }
            let penalty: f64 = stated.iter().map(|f| f.weight).sum();
            (Some(((earned - penalty) / weights).max(0.0)), details)
        };
        drop(index);
        explain_negations(&self.analyzer, prepared, &analysis, &claims, &mut details);

        let on_topic = analysis.terms.iter().filter(|t| prepared.topic.contains(&t.id)).count();
        let form = form::assess(&analysis, on_topic, prepared.bar);
        // Each wrong claim also takes its share off the whole: an answer that
        // says the right words the wrong way round shows no more knowledge
        // for having said them.
        let total_weight: f64 = prepared.points.iter().map(|p| p.weight).sum::<f64>().max(10.0);
        let wrong_share = (stated.iter().map(|f| f.weight).sum::<f64>() / total_weight).min(1.0);
        let scale = match key_points {
            Some(kp) => {
                with_key_points(KEY_POINT_SHARE * kp + (1.0 - KEY_POINT_SHARE) * (overlap / OVERLAP_FULL).min(1.0) * (1.0 - wrong_share))
            }
            None => reference_only(overlap) * (1.0 - wrong_share),
        };
        let mut score = (scale * form.factor * 1000.0).round() / 10.0;
        if !stated.is_empty() {
            score = score.min(MISCONCEPTION_CAP);
        }
        details.sort_by_key(|d| d.status != Status::Covered);
        let listed = |covered: bool| {
            details
                .iter()
                .filter(|d| (d.status == Status::Covered) == covered)
                .map(|d| d.point.clone())
                .collect()
        };
        Grade {
            score,
            verdict: Verdict::from_score(score),
            borderline: borderline(score),
            covered: listed(true),
            missed: listed(false),
            key_points,
            overlap,
            details,
            notes: form.notes,
            misconceptions: stated.into_iter().map(|f| f.stated).collect(),
        }
    }
}

/// Fills each subject point's claim phrases: its phrases without any
/// subject's words (what it says of its subject, not which subjects it
/// relates), each with the other subjects some key point makes the same
/// claim of (all its terms are among that subject's claim terms). A claim
/// of fewer than [`SWAP_TERMS`] terms is too thin to call a swap.
fn claim_phrases(points: &mut [PreparedPoint], subject_stems: &[Vec<StemId>]) {
    let strip = |phrase: &Phrase, _subject: usize| -> Phrase {
        let (stems, words) = phrase
            .stems
            .iter()
            .zip(&phrase.words)
            .filter(|(s, _)| !subject_stems.iter().any(|subject| subject.contains(s)))
            .map(|(s, w)| (*s, w.clone()))
            .unzip();
        // A claim is matched within one claim of the answer.
        Phrase {
            stems,
            words,
            spans: 0,
            negates: phrase.negates,
        }
    };
    let said_of: Vec<FastSet<StemId>> = (0..subject_stems.len())
        .map(|s| {
            points
                .iter()
                .filter(|p| p.subject == Some(s))
                .flat_map(|p| p.phrases.iter().flat_map(|ph| strip(ph, s).stems))
                .collect()
        })
        .collect();
    for point in points.iter_mut() {
        let Some(own) = point.subject else { continue };
        point.about = point
            .phrases
            .iter()
            .map(|p| {
                let (stems, words) = p
                    .stems
                    .iter()
                    .zip(&p.words)
                    .filter(|(s, _)| !subject_stems[own].contains(s))
                    .map(|(s, w)| (*s, w.clone()))
                    .unzip();
                Phrase { stems, words, ..p.clone() }
            })
            .filter(|p: &Phrase| !p.stems.is_empty())
            .collect();
        point.claim_phrases = point
            .phrases
            .iter()
            .filter(|p| !p.negates && p.spans == 0)
            .map(|p| strip(p, own))
            .filter(|p| p.stems.len() >= SWAP_TERMS)
            .map(|p| {
                let shared = (0..said_of.len())
                    .filter(|&s| s != own && p.stems.iter().all(|t| said_of[s].contains(t)))
                    .fold(0u64, |bits, s| bits | 1u64 << s.min(63));
                (p, shared)
            })
            .collect();
    }
}

/// Adds the terms of `analysis` to the rubric's topic, and those it says
/// near a negation to the terms an answer may negate.
fn note_terms(analysis: &Analysis, negated: &mut FastSet<StemId>, topic: &mut FastSet<StemId>) {
    for t in &analysis.terms {
        topic.insert(t.id);
        if t.near_negation {
            negated.insert(t.id);
        }
    }
}

/// The phrase of a point (the point or an alternative) best said within
/// one claim for which `in_scope` holds, and how.
fn best_phrase<'p>(
    index: &AnswerIndex<'_>,
    phrases: &'p [Phrase],
    claims: &Claims,
    in_scope: impl Fn(u32) -> bool,
) -> (Option<&'p Phrase>, PhraseMatch) {
    let mut best = (None, PhraseMatch { share: 0.0, hits: vec![] });
    for phrase in phrases {
        let m = index.phrase_within(&phrase.stems, Some(claims), phrase.spans, &in_scope);
        if best.0.is_none() || m.share > best.1.share {
            best = (Some(phrase), m);
        }
    }
    best
}

/// The answer's words that matched a phrase, in the phrase's order.
fn matched_words(analysis: &Analysis, phrase: &Phrase, m: &PhraseMatch) -> Vec<TermMatch> {
    let matches = m
        .hits
        .iter()
        .zip(&phrase.words)
        .filter_map(|(hit, (term, alias))| {
            let (position, credit) = (*hit)?;
            let said = &analysis.terms[position as usize];
            let word = analysis.surface(said);
            let how = if credit >= 1.0 { Found::Same } else { Found::Typo };
            Some((
                said.start(),
                TermMatch {
                    word: word.to_string(),
                    term: term.clone(),
                    kind: MatchKind::of(how, said.alias || *alias, word == term),
                },
            ))
        })
        .collect();
    explain::merge(matches)
}

/// For each key point not covered that the answer said only under a
/// negation, the negating words: a candidate who wrote "never use a
/// readiness probe" should learn why it did not count.
fn explain_negations(analyzer: &Analyzer, prepared: &Prepared, analysis: &Analysis, claims: &Claims, details: &mut [PointDetail]) {
    let negated = |t: &AnalysedTerm| t.negated_at.is_some() && !prepared.negated.contains(&t.id);
    if prepared.points.is_empty() || !analysis.terms.iter().any(negated) {
        return;
    }
    let all = AnswerIndex::new(&analysis.terms, |_| true, analyzer.spellings());
    for (point, detail) in prepared.points.iter().zip(details) {
        if detail.status == Status::Covered {
            continue;
        }
        let (_, m) = best_phrase(&all, &point.phrases, claims, |_| true);
        if m.share >= COVERED_AT {
            let mut said: Vec<&AnalysedTerm> = m.hits.iter().flatten().map(|&(p, _)| &analysis.terms[p as usize]).collect();
            said.sort_by_key(|t| t.start());
            let Some(first) = said.iter().find(|t| negated(t)) else { continue };
            let last = said.iter().rfind(|t| t.negated_at == first.negated_at).unwrap_or(first);
            detail.negated = analysis.negation_through(first, last).map(String::from);
        }
    }
}

/// Maps the blend of key points and coverage (0–1) onto the 0–100 scale
/// people read: full marks from [`FULL_MARKS_AT`], and below it a gentle
/// lift ([`SCORE_CURVE`]) for points made in other words. 0 stays fixed.
fn with_key_points(raw: f64) -> f64 {
    (raw / FULL_MARKS_AT).clamp(0.0, 1.0).powf(SCORE_CURVE)
}

/// Maps reference coverage alone (0–1) onto the score, with diminishing
/// returns: a reference's wording is one way of many to say it, so an
/// answer that matches half of it has usually made most of its points.
/// Half coverage earns three quarters; 0 and 1 stay fixed.
fn reference_only(coverage: f64) -> f64 {
    1.0 - (1.0 - coverage.clamp(0.0, 1.0)).powi(2)
}

#[cfg(test)]
mod tests;
