//! Answers made by code from the written ones: a typo'd copy of each
//! strong answer (does the grader forgive spelling?) and a keyword-stuffed
//! answer per question (does it refuse a pasted word list?).

use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

use super::corpus::{Answer, Corpus, Kind, fnv1a};
use crate::bank::Question;
use crate::catalog::Catalog;

/// One word in this many (of those long enough) gets a typo.
const TYPO_ONE_IN: u32 = 8;
/// Words shorter than this are left alone: a typo in a short word often
/// makes another word.
const TYPO_MIN_LETTERS: usize = 5;

/// The corpus's answers followed by the generated ones: for each strong
/// answer a typo'd copy and (once per question) a stuffed answer.
pub fn with_generated(corpus: &Corpus, catalog: &Catalog) -> Vec<Answer> {
    let mut out = corpus.answers.clone();
    let mut stuffed_for = std::collections::HashSet::new();
    for a in corpus.answers.iter().filter(|a| a.kind == Kind::Strong) {
        out.push(Answer {
            kind: Kind::Typo,
            answer: typoed(&a.answer, fnv1a(a.origin.as_bytes())),
            false_claims: vec![],
            origin: format!("typos in {}", a.origin),
            ..a.clone()
        });
        if let Some(q) = catalog.question(&a.id)
            && stuffed_for.insert(a.id.clone())
        {
            out.push(Answer {
                id: a.id.clone(),
                kind: Kind::Stuffed,
                answer: stuffed(q),
                false_claims: vec![],
                origin: format!("rubric words of {}", a.id),
            });
        }
    }
    out
}

/// `text` with about one in [`TYPO_ONE_IN`] words of [`TYPO_MIN_LETTERS`]+
/// letters misspelt once: two neighbouring letters swapped, one dropped,
/// or one doubled. The same seed gives the same typos.
pub fn typoed(text: &str, seed: u64) -> String {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut out = String::with_capacity(text.len() + 16);
    let mut word = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_alphabetic() {
            word.push(c);
            continue;
        }
        if word.len() >= TYPO_MIN_LETTERS && rng.random_range(0..TYPO_ONE_IN) == 0 {
            out.push_str(&misspell(&word, &mut rng));
        } else {
            out.push_str(&word);
        }
        word.clear();
        out.push(c);
    }
    out.pop();
    out
}

/// One typo in an ASCII word, never at its first letter (people rarely
/// get that wrong, and it would defeat every matcher).
fn misspell(word: &str, rng: &mut ChaCha8Rng) -> String {
    let mut letters: Vec<char> = word.chars().collect();
    let at = rng.random_range(1..letters.len() - 1);
    match rng.random_range(0..3) {
        0 => letters.swap(at, at + 1),
        1 => {
            letters.remove(at);
        }
        _ => letters.insert(at, letters[at]),
    }
    letters.into_iter().collect()
}

/// Words that carry no content, left out of a stuffed answer.
const FUNCTION_WORDS: &[&str] = &[
    "the", "and", "for", "are", "but", "not", "you", "your", "with", "that", "this", "from", "into", "than", "then", "they", "them",
    "their", "there", "these", "those", "what", "when", "where", "which", "while", "who", "why", "how", "its", "it's", "was", "were",
    "will", "would", "can", "could", "should", "may", "might", "must", "has", "have", "had", "each", "every", "any", "all", "some", "more",
    "most", "less", "such", "also", "only", "just", "both", "over", "under", "about", "after", "before", "without", "within", "between",
    "through", "does", "doing", "done", "one", "two", "other", "own", "same", "very", "much", "many", "once", "here", "again", "being",
    "been", "because",
];

/// What a gamer would paste: the content words of the question's key
/// points and reference answer, each once, as a comma list, said twice —
/// no sentence, no claim.
pub fn stuffed(q: &Question) -> String {
    let mut seen = std::collections::HashSet::new();
    let texts = q.key_points.iter().map(|k| &k.point).chain(std::iter::once(&q.reference));
    let words: Vec<String> = texts
        .flat_map(|t| t.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'')))
        .map(|w| w.trim_matches(['-', '\'']).to_lowercase())
        .filter(|w| w.chars().count() >= 3 && !FUNCTION_WORDS.contains(&w.as_str()))
        .filter(|w| seen.insert(w.clone()))
        .collect();
    let list = words.join(", ");
    format!("{list}, {list}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_are_deterministic_rare_and_keep_the_shape() {
        let text = "Readiness probes decide whether traffic reaches a container; liveness probes restart containers that hang.";
        let a = typoed(text, 7);
        assert_eq!(a, typoed(text, 7), "same seed, same typos");
        assert_eq!(a.split(' ').count(), text.split(' ').count(), "words neither merged nor split");
        let long = text.repeat(40);
        let changed = typoed(&long, 3).split(' ').zip(long.split(' ')).filter(|(x, y)| x != y).count();
        let eligible = long
            .split(' ')
            .filter(|w| w.chars().filter(char::is_ascii_alphabetic).count() >= 5)
            .count();
        // About one in eight eligible words: well above none, well below half.
        assert!(changed > eligible / 20 && changed < eligible / 3, "{changed} of {eligible} changed");
    }

    #[test]
    fn misspelling_changes_one_letter_position() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        for _ in 0..50 {
            let m = misspell("container", &mut rng);
            assert_ne!(m, "container");
            assert!(m.starts_with('c'));
            assert!((8..=10).contains(&m.len()));
        }
    }

    #[test]
    fn stuffed_answers_are_word_lists_without_function_words() {
        let catalog = Catalog::embedded().unwrap();
        let q = catalog.question("kfo-j07").unwrap();
        let s = stuffed(q);
        assert!(!s.contains(". "), "no sentences: {s}");
        assert!(s.contains("readiness") && s.contains("liveness"), "{s}");
        assert!(!s.split(", ").any(|w| w == "the" || w == "and"), "{s}");
    }
}
