//! Wrong claims an answer states: the rubric's own misconceptions, and
//! swaps — a claim about one of the question's subjects said of another
//! (`the readiness probe restarts the container`), found from the key
//! points' subjects without anyone writing them down.
//!
//! Both are matched like key points, within one claim of the answer
//! (`claims.rs`), but only from words said plainly: a claim said under a
//! negation (`readiness never restarts it`) states nothing wrong. What
//! stating one costs is decided in `mod.rs`.

use serde::{Deserialize, Serialize};

use super::claims::Claims;
use super::matching::AnswerIndex;
use super::{Phrase, PreparedPoint, STATED_AT};
use crate::text::Analysis;

/// A claim shorter than this many terms is quoted whole; a longer one
/// from the first matched word.
const QUOTE_WHOLE_CLAIM: u32 = 12;

/// A wrong claim the answer made, as reports show it: *you said "…" — in
/// fact …*.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stated {
    /// The wrong claim, as the rubric words it.
    pub claim: String,
    /// The answer's words that stated it (case folded).
    pub said: String,
    /// What is true instead.
    pub correction: String,
}

impl Stated {
    /// `you said "…" — in fact …`
    pub fn explain(&self) -> String {
        format!("you said \"{}\" — in fact {}", self.said, lower_first(&self.correction))
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.clone().next()) {
        // Keep acronyms and names (`HPA`, `S3`) as written.
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() && !second.is_ascii_digit() => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => text.to_string(),
    }
}

/// A rubric misconception, analysed.
#[derive(Debug, Clone)]
pub(super) struct Wrong {
    pub(super) claim: String,
    pub(super) correction: String,
    /// `claim` and each alternative with any content.
    pub(super) phrases: Vec<Phrase>,
    /// The key point it denies (an index into the rubric's points).
    pub(super) contradicts: Option<usize>,
    /// What stating it costs, on the key points' weight scale.
    pub(super) weight: f64,
}

/// A wrong claim found in an answer, with what it costs.
#[derive(Debug, Clone)]
pub(super) struct Found {
    pub(super) stated: Stated,
    /// The key point it denies, which then earns nothing.
    pub(super) contradicts: Option<usize>,
    pub(super) weight: f64,
}

/// The misconceptions and swaps `analysis` states. `plain` indexes only
/// the words said without a negation; `subjects` are the question's
/// subjects as written.
pub(super) fn find(
    wrong: &[Wrong],
    points: &[PreparedPoint],
    subjects: &[String],
    analysis: &Analysis,
    plain: &AnswerIndex<'_>,
    claims: &Claims,
) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    let mut used_claims: Vec<u32> = Vec::new();
    for w in wrong {
        let best = w
            .phrases
            .iter()
            .map(|p| plain.phrase_within(&p.stems, Some(claims), p.spans, |_| true))
            .max_by(|a, b| a.share.total_cmp(&b.share));
        let Some(m) = best.filter(|m| m.share >= STATED_AT) else { continue };
        let Some((said, claim)) = quote(analysis, claims, m.hits.iter().flatten().map(|h| h.0)) else {
            continue;
        };
        used_claims.push(claim);
        found.push(Found {
            stated: Stated {
                claim: w.claim.clone(),
                said,
                correction: w.correction.clone(),
            },
            contradicts: w.contradicts,
            weight: w.weight,
        });
    }
    for (i, point) in points.iter().enumerate() {
        let Some(own) = point.subject else { continue };
        // A claim that names another subject as its own, does not name
        // this one, and of which this point's claim is not also true.
        let elsewhere = |c: u32, shared: u64| {
            claims
                .subject(c)
                .is_some_and(|s| s != own && shared & (1u64 << s.min(63)) == 0 && claims.names(c, s))
                && !claims.names(c, own)
                && !used_claims.contains(&c)
        };
        let best = point
            .claim_phrases
            .iter()
            .map(|(p, shared)| plain.phrase_within(&p.stems, Some(claims), p.spans, |c| elsewhere(c, *shared)))
            .max_by(|a, b| a.share.total_cmp(&b.share));
        let Some(m) = best.filter(|m| m.share >= STATED_AT) else { continue };
        let Some((said, claim)) = quote(analysis, claims, m.hits.iter().flatten().map(|h| h.0)) else {
            continue;
        };
        let (Some(other), Some(own)) = (claims.subject(claim).and_then(|s| subjects.get(s)), subjects.get(own)) else {
            continue;
        };
        found.push(Found {
            stated: Stated {
                claim: format!("{} (said of {other})", point.label),
                said,
                correction: format!("that holds for {own}, not {other}: {}", point.label),
            },
            contradicts: Some(i),
            weight: point.weight,
        });
    }
    found
}

/// The words of the answer that stated a claim found at `positions`, and
/// the claim they are in: the whole claim up to the last matched word when
/// it is short, else from the first matched word.
fn quote(analysis: &Analysis, claims: &Claims, positions: impl Iterator<Item = u32>) -> Option<(String, u32)> {
    let (mut first, mut last) = (u32::MAX, 0);
    for p in positions {
        (first, last) = (first.min(p), last.max(p));
    }
    if first == u32::MAX {
        return None;
    }
    let claim = claims.of(first);
    let (start, _) = claims.span(claim);
    let from = if last - start < QUOTE_WHOLE_CLAIM { start } else { first };
    let terms = &analysis.terms;
    Some((analysis.span(&terms[from as usize], &terms[last as usize]).to_string(), claim))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explanations_read_as_a_sentence() {
        let s = Stated {
            claim: "readiness restarts the container".into(),
            said: "the readiness probe restarts the container".into(),
            correction: "A failing readiness probe only removes the pod from endpoints.".into(),
        };
        assert_eq!(
            s.explain(),
            "you said \"the readiness probe restarts the container\" — in fact a failing readiness probe only removes the pod from endpoints."
        );
        assert_eq!(lower_first("HPA scales pods"), "HPA scales pods");
        assert_eq!(lower_first("S3 is eventually consistent"), "S3 is eventually consistent");
    }
}
