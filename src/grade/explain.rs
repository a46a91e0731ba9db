//! Explanations a candidate can act on: for each key point (or, without key
//! points, each reference term shown), whether it was covered, the words of
//! the answer that matched it and how (`k8s` as an alias of `kubernetes`,
//! `kuberentes` as a typo), the sentence of the reference it comes from
//! when it was missed, and the words that negated it when the answer said
//! it only to deny it.

use serde::{Deserialize, Serialize};

use super::matching::Found;

/// How far a key point was said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Covered,
    /// Part of it was said close together: part of its weight earned.
    Partial,
    Missed,
}

/// How a word of the answer matched a word of the rubric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    /// The same word, or another form the stemmer joins (`deploys`).
    Exact,
    /// Another name for it (`k8s` for `kubernetes`).
    Alias,
    /// A typo of a long word (`kuberentes`).
    Typo,
    /// A related form (`reuse` for `reusability`): half credit.
    Related,
}

impl MatchKind {
    /// How a match was found, given whether either side was spelled as an
    /// alias and whether the two spellings differ.
    pub(super) fn of(found: Found, alias: bool, same_spelling: bool) -> MatchKind {
        match found {
            Found::Same if alias && !same_spelling => MatchKind::Alias,
            Found::Same => MatchKind::Exact,
            Found::Typo => MatchKind::Typo,
            Found::Related => MatchKind::Related,
        }
    }
}

/// One word (or alias) of the answer that matched the rubric.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermMatch {
    /// As the answer wrote it (case and accents folded).
    pub word: String,
    /// The rubric's word(s) it stands for.
    pub term: String,
    pub kind: MatchKind,
}

impl TermMatch {
    /// `k8s (alias of kubernetes)`, `kuberentes (typo of kubernetes)`,
    /// or just the word when it matched as written.
    pub fn describe(&self) -> String {
        match self.kind {
            MatchKind::Exact => self.word.clone(),
            MatchKind::Alias => format!("{} (alias of {})", self.word, self.term),
            MatchKind::Typo => format!("{} (typo of {})", self.word, self.term),
            MatchKind::Related => format!("{} (related to {})", self.word, self.term),
        }
    }
}

/// What the answer did with one key point (or reference term).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PointDetail {
    /// The key point, as `covered` and `missed` name it.
    pub point: String,
    pub status: Status,
    /// Words of the answer that matched the point's words, in the order of
    /// the point.
    pub matched: Vec<TermMatch>,
    /// For a point not covered: the sentence of the reference it comes
    /// from, when one says it.
    pub source: Option<String>,
    /// When the answer said the point only under a negation (`not use a
    /// readiness probe`), which earns nothing: those words.
    pub negated: Option<String>,
}

impl PointDetail {
    /// The matched words, described and joined: `k8s (alias of
    /// kubernetes), pods`.
    pub fn matched_text(&self) -> String {
        self.matched.iter().map(TermMatch::describe).collect::<Vec<_>>().join(", ")
    }
}

/// Merges matches of consecutive rubric words found in the same answer
/// words (`hpa` for `horizontal pod autoscaler`: the same start) into one.
pub(super) fn merge(matches: Vec<(u32, TermMatch)>) -> Vec<TermMatch> {
    let mut out: Vec<(u32, TermMatch)> = Vec::with_capacity(matches.len());
    for (position, m) in matches {
        match out.last_mut() {
            Some((p, last)) if *p == position && last.word == m.word => {
                last.term.push(' ');
                last.term.push_str(&m.term);
            }
            _ => out.push((position, m)),
        }
    }
    out.into_iter().map(|(_, m)| m).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(word: &str, term: &str, kind: MatchKind) -> TermMatch {
        TermMatch {
            word: word.into(),
            term: term.into(),
            kind,
        }
    }

    #[test]
    fn matches_describe_how_they_matched() {
        let detail = PointDetail {
            point: "kubernetes pods".into(),
            status: Status::Covered,
            matched: vec![m("k8s", "kubernetes", MatchKind::Alias), m("pods", "pods", MatchKind::Exact)],
            source: None,
            negated: None,
        };
        assert_eq!(detail.matched_text(), "k8s (alias of kubernetes), pods");
        assert_eq!(
            m("kuberentes", "kubernetes", MatchKind::Typo).describe(),
            "kuberentes (typo of kubernetes)"
        );
    }

    #[test]
    fn one_alias_standing_for_several_words_is_one_match() {
        let merged = merge(vec![
            (3, m("hpa", "horizontal", MatchKind::Alias)),
            (3, m("hpa", "pod", MatchKind::Alias)),
            (3, m("hpa", "autoscaler", MatchKind::Alias)),
            (5, m("scales", "scales", MatchKind::Exact)),
        ]);
        assert_eq!(
            merged,
            [
                m("hpa", "horizontal pod autoscaler", MatchKind::Alias),
                m("scales", "scales", MatchKind::Exact)
            ]
        );
    }
}
