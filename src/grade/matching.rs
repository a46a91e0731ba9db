//! Finding a rubric's terms in an answer: the same stem, a near spelling
//! (a typo in a long word), or a related form (one stem extends the other,
//! as `reus`/`reusabl` — derivations the stemmer leaves apart); and finding
//! a key point's terms close together.

use crate::text::{Spellings, StemId};

/// Credit for a term matched only through a typo-tolerant comparison.
pub const FUZZY_CREDIT: f64 = 0.9;
/// Credit for a related form: likely the same idea in another word class,
/// but not always (`read`/`readi`), so half.
pub const RELATED_CREDIT: f64 = 0.5;
/// A related form's shorter stem needs this many letters.
const RELATED_MIN: usize = 4;

/// Where each term occurs in an answer, with the spelling of its stems.
pub struct AnswerIndex<'a> {
    /// Distinct stems in id order, each with its positions in the answer.
    stems: Vec<(StemId, Vec<u32>)>,
    spellings: Spellings<'a>,
}

impl<'a> AnswerIndex<'a> {
    pub fn new(answer: &[StemId], spellings: Spellings<'a>) -> AnswerIndex<'a> {
        let mut order: Vec<(StemId, u32)> = answer.iter().enumerate().map(|(i, &s)| (s, i as u32)).collect();
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

    /// How well the answer says `stem` anywhere: 1 for the stem itself, less
    /// for a near spelling or a related form, 0 when absent.
    pub fn credit(&self, stem: StemId) -> f64 {
        if self.positions(stem).is_some() {
            return 1.0;
        }
        if self.near(stem).next().is_some() {
            return FUZZY_CREDIT;
        }
        let spelling = self.spellings.get(stem);
        if self
            .stems
            .iter()
            .any(|(other, _)| related_form(spelling, self.spellings.get(*other)))
        {
            RELATED_CREDIT
        } else {
            0.0
        }
    }

    /// The best share of a phrase's terms found close together.
    pub fn phrase_share(&self, phrase: &[StemId]) -> f64 {
        let hits: Vec<Vec<(&[u32], f64)>> = phrase.iter().map(|&stem| self.find(stem)).collect();
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
