//! Proposing key points for imported answers: each answer's most
//! distinctive terms and phrases, by TF-IDF against the whole import.
//!
//! Candidates are runs of content words between stop words and
//! punctuation, and their sub-phrases of up to three words, so a
//! multi-word term (`dead letter queue`) is proposed whole rather than as
//! three loose words. Words the question already says count for little: a
//! key point should be what a good answer adds. The points come out marked
//! `proposed` for a person to review.

use std::collections::{HashMap, HashSet};

use crate::bank::KeyPoint;
use crate::text::Analyzer;

/// Words that carry little on their own in an answer and so never start,
/// end or join a proposed phrase.
const WEAK: &[&str] = &[
    "able",
    "across",
    "actually",
    "along",
    "already",
    "always",
    "approach",
    "around",
    "based",
    "best",
    "better",
    "certain",
    "different",
    "e.g",
    "entire",
    "etc",
    "every",
    "example",
    "finally",
    "first",
    "generally",
    "good",
    "help",
    "helps",
    "helping",
    "i.e",
    "important",
    "include",
    "includes",
    "including",
    "instead",
    "involves",
    "key",
    "last",
    "lets",
    "likely",
    "mainly",
    "make",
    "makes",
    "making",
    "many",
    "mean",
    "means",
    "much",
    "need",
    "needed",
    "needs",
    "never",
    "new",
    "next",
    "no",
    "not",
    "now",
    "overall",
    "particular",
    "provide",
    "provides",
    "providing",
    "rather",
    "really",
    "second",
    "several",
    "simply",
    "specific",
    "still",
    "sure",
    "take",
    "takes",
    "then",
    "thing",
    "things",
    "third",
    "typically",
    "usually",
    "various",
    "want",
    "way",
    "ways",
    "well",
    "whole",
    "within",
    "without",
    "yes",
    "allow",
    "allows",
    "allowing",
    "ensure",
    "ensures",
    "ensuring",
    "designed",
    "enable",
    "enables",
    "enabling",
    "like",
    "maybe",
    "perhaps",
    "see",
    "saw",
    "something",
    "anything",
    "everything",
    "nothing",
    "available",
    "possible",
    "right",
    "away",
    "done",
    "go",
    "goes",
    "going",
    "look",
    "looking",
    "might",
    "clear",
    "able",
    "one",
    "two",
    "three",
];

/// Words ending in -ly that are not adverbs.
const NOT_ADVERBS: &[&str] = &[
    "anomaly", "assembly", "apply", "supply", "reply", "family", "multiply", "only", "early", "daily", "weekly", "monthly", "hourly",
];

/// Whether a word carries little on its own: a weak word or an adverb.
fn weak(lower: &str) -> bool {
    WEAK.contains(&lower) || (lower.len() > 5 && lower.ends_with("ly") && !NOT_ADVERBS.contains(&lower))
}

/// Whether a word names a thing rather than being an ordinary word:
/// `CodeBuild`, `KEDA`, `k8s`, `dead-letter`, `ci/cd`, or a capitalised
/// word inside a sentence (a proper noun).
fn technical(surface: &str, sentence_start: bool) -> bool {
    surface.chars().skip(1).any(char::is_uppercase)
        || surface.chars().any(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '.' | '_'))
        || (!sentence_start && surface.starts_with(char::is_uppercase))
}

/// Longest phrase proposed, in words.
const MAX_WORDS: usize = 3;
/// Most key points proposed for one answer.
const MAX_POINTS: usize = 6;

struct Word {
    surface: String,
    stems: Vec<String>,
    content: bool,
    technical: bool,
    /// Punctuation or a line end follows: no phrase runs across it.
    break_after: bool,
}

fn words(analyzer: &Analyzer, text: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut sentence_start = true;
    for line in text.lines() {
        for raw in line.split_whitespace() {
            let lead = raw.trim_start_matches(|c: char| "(\"'‘“`*[_".contains(c));
            let surface = lead.trim_end_matches(|c: char| ".,;:!?)\"'’”`*]_".contains(c));
            let tail = &lead[surface.len()..];
            if lead.len() < raw.len()
                && raw.starts_with(['(', '['])
                && let Some(prev) = out.last_mut()
            {
                prev.break_after = true;
            }
            if surface.is_empty() || !surface.chars().any(char::is_alphanumeric) {
                if let Some(prev) = out.last_mut() {
                    prev.break_after = true;
                }
                continue;
            }
            let stems = analyzer.stems(surface);
            let lower = surface.to_lowercase();
            let content = !stems.is_empty() && !weak(&lower) && surface.chars().any(char::is_alphabetic);
            out.push(Word {
                surface: surface.to_string(),
                stems,
                content,
                technical: technical(surface, sentence_start),
                break_after: tail.contains(['.', ',', ';', ':', '!', '?', ')', ']']),
            });
            sentence_start = tail.contains(['.', '!', '?', ':']);
        }
        sentence_start = true;
        if let Some(prev) = out.last_mut() {
            prev.break_after = true;
        }
    }
    out
}

/// A candidate phrase of one answer.
struct Candidate {
    surface: String,
    /// A single ordinary word (`design`), weaker than a term or a name.
    plain_word: bool,
    stems: Vec<String>,
    position: usize,
    count: usize,
}

fn candidates(words: &[Word]) -> Vec<Candidate> {
    let mut found: Vec<Candidate> = Vec::new();
    let mut index: HashMap<Vec<String>, usize> = HashMap::new();
    let mut i = 0;
    while i < words.len() {
        if !words[i].content {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < words.len() && words[end].content && !words[end - 1].break_after {
            end += 1;
        }
        for start in i..end {
            for len in 1..=MAX_WORDS.min(end - start) {
                let span = &words[start..start + len];
                let stems: Vec<String> = span.iter().flat_map(|w| w.stems.iter().cloned()).collect();
                match index.get(&stems) {
                    Some(&at) => found[at].count += 1,
                    None => {
                        index.insert(stems.clone(), found.len());
                        found.push(Candidate {
                            surface: span.iter().map(|w| w.surface.as_str()).collect::<Vec<_>>().join(" "),
                            plain_word: len == 1 && !span[0].technical,
                            stems,
                            position: start,
                            count: 1,
                        });
                    }
                }
            }
        }
        i = end;
    }
    found
}

/// Proposes key points for each `(question, answer)`; an empty answer gets
/// none. Deterministic: the same import gives the same points.
pub fn propose(analyzer: &Analyzer, questions: &[(&str, &str)]) -> Vec<Vec<KeyPoint>> {
    let tokenised: Vec<Vec<Word>> = questions.iter().map(|(_, a)| words(analyzer, a)).collect();
    let mut df: HashMap<&str, usize> = HashMap::new();
    let mut phrase_df: HashMap<Vec<String>, usize> = HashMap::new();
    let per_answer: Vec<Vec<Candidate>> = tokenised.iter().map(|w| candidates(w)).collect();
    for (words, cands) in tokenised.iter().zip(&per_answer) {
        let stems: HashSet<&str> = words
            .iter()
            .filter(|w| w.content)
            .flat_map(|w| w.stems.iter().map(String::as_str))
            .collect();
        for s in stems {
            *df.entry(s).or_default() += 1;
        }
        for c in cands.iter().filter(|c| c.stems.len() > 1) {
            *phrase_df.entry(c.stems.clone()).or_default() += 1;
        }
    }
    let n = questions.len() as f64;
    let idf = |stem: &str| ((n + 1.0) / (df.get(stem).copied().unwrap_or(0) as f64 + 1.0)).ln() + 1.0;
    questions
        .iter()
        .zip(tokenised.iter().zip(&per_answer))
        .map(|((prompt, _), (words, cands))| {
            let asked: HashSet<String> = analyzer.stems(prompt).into_iter().collect();
            let mut tf: HashMap<&str, usize> = HashMap::new();
            for s in words.iter().filter(|w| w.content).flat_map(|w| &w.stems) {
                *tf.entry(s).or_default() += 1;
            }
            let weight = |stem: &String| {
                let t = tf.get(stem.as_str()).copied().unwrap_or(1) as f64;
                (1.0 + t.ln()) * idf(stem) * if asked.contains(stem) { 0.3 } else { 1.0 }
            };
            let mut scored: Vec<(f64, &Candidate)> = cands
                .iter()
                .map(|c| {
                    let mean = c.stems.iter().map(weight).sum::<f64>() / c.stems.len() as f64;
                    let words = c.surface.split(' ').count() as f64;
                    let term = c.stems.len() > 1 && (c.count > 1 || phrase_df.get(&c.stems).copied().unwrap_or(0) > 1);
                    let kind = if term {
                        1.3
                    } else if c.plain_word {
                        0.6
                    } else {
                        1.0
                    };
                    (mean * (1.0 + 0.3 * (words - 1.0)) * kind, c)
                })
                .collect();
            scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.position.cmp(&b.1.position)));
            let content = words.iter().filter(|w| w.content).count();
            let wanted = (content / 4).clamp(1, MAX_POINTS);
            let mut used: HashSet<&str> = HashSet::new();
            let mut points = Vec::new();
            for (_, c) in scored {
                if points.len() == wanted {
                    break;
                }
                if c.stems.iter().any(|s| used.contains(s.as_str())) || c.stems.iter().all(|s| asked.contains(s)) {
                    continue;
                }
                used.extend(c.stems.iter().map(String::as_str));
                points.push(KeyPoint {
                    point: c.surface.clone(),
                    weight: match points.len() {
                        0 => 3,
                        1 | 2 => 2,
                        _ => 1,
                    },
                    alternatives: vec![],
                    subject: None,
                    proposed: true,
                });
            }
            points
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Aliases;

    fn points(questions: &[(&str, &str)]) -> Vec<Vec<String>> {
        let analyzer = Analyzer::new(&Aliases::default());
        propose(&analyzer, questions)
            .into_iter()
            .map(|p| p.into_iter().map(|k| k.point).collect())
            .collect()
    }

    #[test]
    fn distinctive_terms_are_proposed_whole() {
        let got = points(&[
            (
                "What is a dead letter queue?",
                "Messages that keep failing move to a separate dead letter queue after the maximum receive count, \
                 so one poison message cannot block the consumer. An alarm on queue depth tells people to look.",
            ),
            (
                "Why keep a maximum receive count?",
                "A low maximum receive count sends messages aside quickly; a high one retries transient faults.",
            ),
            (
                "What is a consumer?",
                "A process that polls the queue and deletes each message after handling it.",
            ),
        ]);
        assert!(got[0].iter().any(|p| p == "maximum receive count"), "{got:?}");
        assert!(got[0].iter().any(|p| p.contains("poison message")), "{got:?}");
        assert!(
            !got[0].iter().any(|p| p == "dead letter queue"),
            "the question's own words: {got:?}"
        );
        assert!(got.iter().all(|p| !p.is_empty() && p.len() <= MAX_POINTS), "{got:?}");
    }

    #[test]
    fn empty_answers_get_none_and_results_are_stable() {
        let input = [
            ("What is X?", ""),
            ("What is Y?", "Y is a scheduler that places pods onto nodes by scoring them."),
        ];
        assert_eq!(points(&input)[0], Vec::<String>::new());
        assert_eq!(points(&input), points(&input));
    }
}
