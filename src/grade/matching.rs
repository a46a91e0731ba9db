//! Finding a rubric's terms in an answer: the same stem, a near spelling
//! (a typo in a long word), or a related form (one stem extends the other,
//! as `reus`/`reusabl` — derivations the stemmer leaves apart); and finding
//! a key point's terms close together within one claim of the answer
//! (`claims.rs`).

use super::claims::Claims;
use crate::text::{AnalysedTerm, Spellings, StemId};

/// Credit for a term matched only through a typo-tolerant comparison.
pub const FUZZY_CREDIT: f64 = 0.9;
/// Credit for a related form: likely the same idea in another word class,
/// but not always (`read`/`readi`), so half.
pub const RELATED_CREDIT: f64 = 0.5;
/// A related form's shorter stem needs this many letters.
const RELATED_MIN: usize = 4;

/// How a rubric term was found in an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// The same stem.
    Same,
    /// A near spelling: a typo of a long word.
    Typo,
    /// A related form (one stem begins the other).
    Related,
}

impl Found {
    pub fn credit(self) -> f64 {
        match self {
            Found::Same => 1.0,
            Found::Typo => FUZZY_CREDIT,
            Found::Related => RELATED_CREDIT,
        }
    }
}

/// The best showing of a phrase in an answer: the share of its terms found
/// close together, and for each term where it was found (its position
/// among the answer's terms) and its credit.
#[derive(Debug, Clone, PartialEq)]
pub struct PhraseMatch {
    pub share: f64,
    pub hits: Vec<Option<(u32, f64)>>,
}

/// Where each term occurs in an answer, with the spelling of its stems.
pub struct AnswerIndex<'a> {
    /// Distinct stems in id order, each with its positions in the answer.
    stems: Vec<(StemId, Vec<u32>)>,
    spellings: Spellings<'a>,
}

impl<'a> AnswerIndex<'a> {
    /// Indexes the answer's terms for which `counts` holds (the others,
    /// said under a negation, earn nothing); positions are indices into
    /// `terms`.
    pub fn new(terms: &[AnalysedTerm], counts: impl Fn(&AnalysedTerm) -> bool, spellings: Spellings<'a>) -> AnswerIndex<'a> {
        let mut order: Vec<(StemId, u32)> = terms
            .iter()
            .enumerate()
            .filter(|(_, t)| counts(t))
            .map(|(i, t)| (t.id, i as u32))
            .collect();
        order.sort_unstable();
        let mut stems: Vec<(StemId, Vec<u32>)> = Vec::new();
        for (stem, position) in order {
            match stems.last_mut() {
                Some((last, positions)) if *last == stem => positions.push(position),
                _ => stems.push((stem, vec![position])),
            }
        }
        AnswerIndex { stems, spellings }
    }

    fn positions(&self, stem: StemId) -> Option<&[u32]> {
        self.stems
            .binary_search_by_key(&stem, |s| s.0)
            .ok()
            .map(|i| self.stems[i].1.as_slice())
    }

    /// Answer stems spelled within a typo of `stem`, with their positions.
    fn near(&self, stem: StemId) -> impl Iterator<Item = &[u32]> {
        let spelling = self.spellings.get(stem);
        self.stems
            .iter()
            .filter(move |(other, _)| near_spelling(spelling, self.spellings.get(*other)))
            .map(|(_, p)| p.as_slice())
    }

    /// Occurrences of `stem` or of a near spelling, and the credit each earns.
    pub fn find(&self, stem: StemId) -> Vec<(&[u32], f64)> {
        match self.positions(stem) {
            Some(p) => vec![(p, 1.0)],
            None => self.near(stem).map(|p| (p, FUZZY_CREDIT)).collect(),
        }
    }

    /// How well the answer says `stem` anywhere — the stem itself, a near
    /// spelling or a related form, in that order of preference — and
    /// where first.
    pub fn best(&self, stem: StemId) -> Option<(u32, Found)> {
        if let Some(p) = self.positions(stem) {
            return Some((p[0], Found::Same));
        }
        if let Some(p) = self.near(stem).next() {
            return Some((p[0], Found::Typo));
        }
        let spelling = self.spellings.get(stem);
        self.stems
            .iter()
            .find(|(other, _)| related_form(spelling, self.spellings.get(*other)))
            .map(|(_, p)| (p[0], Found::Related))
    }

    /// The best showing of a phrase's terms close together, anywhere.
    pub fn phrase(&self, phrase: &[StemId]) -> PhraseMatch {
        self.phrase_within(phrase, None, 0, |_| true)
    }

    /// The best showing of a phrase's terms close together within one
    /// claim of `claims` for which `allowed` holds (with no claims, the
    /// whole text is one) — or within `spans + 1` claims in a row, for a
    /// phrase that itself spans claims (`removed but not restarted`).
    pub fn phrase_within(&self, phrase: &[StemId], claims: Option<&Claims>, spans: u32, allowed: impl Fn(u32) -> bool) -> PhraseMatch {
        let hits: Vec<Vec<(&[u32], f64)>> = phrase.iter().map(|&stem| self.find(stem)).collect();
        let n = phrase.len() as f64;
        let window = 6 + 2 * phrase.len() as u32;
        let claim_of = |position: u32| claims.map_or(0, |c| c.of(position));
        // The best occurrence of a term within `window` of `anchor` and in
        // its claim: the highest credit, then the nearest.
        let in_window = |alternatives: &[(&[u32], f64)], anchor: u32| -> Option<(u32, f64)> {
            let (mut lo, mut hi) = (anchor.saturating_sub(window), anchor.saturating_add(window));
            if let Some(claims) = claims {
                let claim = claims.of(anchor);
                let (start, _) = claims.span(claim.saturating_sub(spans));
                let (_, end) = claims.span(claims.last_within(claim + spans));
                (lo, hi) = (lo.max(start), hi.min(end.saturating_sub(1)));
            }
            alternatives
                .iter()
                .filter_map(|(positions, credit)| {
                    let from = positions.partition_point(|&p| p < lo);
                    let to = positions.partition_point(|&p| p <= hi);
                    positions[from..to].iter().min_by_key(|p| p.abs_diff(anchor)).map(|&p| (p, *credit))
                })
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.abs_diff(anchor).cmp(&a.0.abs_diff(anchor))))
        };
        let mut best = (0.0f64, None);
        // Try each occurrence of each phrase term as the anchor of a window.
        let anchors = hits
            .iter()
            .flatten()
            .flat_map(|(positions, _)| positions.iter().take(2000).copied())
            .filter(|&p| allowed(claim_of(p)));
        for anchor in anchors {
            let credit: f64 = hits.iter().filter_map(|a| in_window(a, anchor)).map(|h| h.1).sum();
            if credit / n > best.0 {
                best = (credit / n, Some(anchor));
            }
            if best.0 >= 1.0 {
                break;
            }
        }
        let hits = match best.1 {
            Some(anchor) => hits.iter().map(|a| in_window(a, anchor)).collect(),
            None => vec![None; phrase.len()],
        };
        PhraseMatch { share: best.0, hits }
    }
}

/// Typo tolerance: words of 5+ letters with the same first letter, one edit
/// apart (two for 10+ letters). Shorter words must match exactly — at five
/// letters one edit already joins different words (stack/stock).
pub fn near_spelling(a: &str, b: &str) -> bool {
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

/// A related form: the shorter stem (4+ letters) begins the longer one, as
/// a derivation does (`simul`/`simulat`, `reus`/`reusabl`).
pub fn related_form(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.len() >= RELATED_MIN && long.len() > short.len() && long.starts_with(short)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn related_forms_share_a_beginning_of_four_letters() {
        let cases = [
            ("reus", "reusabl", true),
            ("observabl", "observ", true),
            ("node", "node", false),
            ("pod", "pods", false),
            ("deploy", "redeploy", false),
            ("stack", "stock", false),
        ];
        for (a, b, expected) in cases {
            assert_eq!(related_form(a, b), expected, "{a} vs {b}");
        }
    }
}
