//! Cutting an answer into claims — the stretches of text a key point's
//! terms must share — and finding what each claim is about.
//!
//! The text layer numbers each term's claim (sentence ends, `;`,
//! contrasts such as `while` and `but`) and its segment (commas and `and`s
//! and `:` within a claim). Here a segment starts a new claim when it names another
//! of the question's subjects than the claim before it (`readiness gates
//! traffic and liveness restarts`). A claim's subject is the first subject
//! it names; a claim naming none (`it restarts the container`) carries the
//! subject of the claim before. Subjects named side by side (`liveness and
//! readiness probes`, `blue-green`) name a pair, not a side, and count for
//! neither.

use crate::text::{AnalysedTerm, StemId};

/// The claims of one answer: for each term, the claim it is in, and for
/// each claim, its range of terms and its subject.
#[derive(Debug, Clone, Default)]
pub(super) struct Claims {
    /// The claim of each term of the answer, by position.
    of_term: Vec<u32>,
    /// Each claim's terms: `start..end` positions.
    spans: Vec<(u32, u32)>,
    /// Each claim's subject: an index into the question's subjects.
    subjects: Vec<Option<usize>>,
    /// Each claim's subjects named in it (not side by side), as a bit set.
    named: Vec<u64>,
}

/// A subject named at a position: where its terms start and end, and which.
#[derive(Debug, Clone, Copy)]
struct Mention {
    start: usize,
    end: usize,
    subject: usize,
    /// Named beside another subject (`liveness and readiness`).
    paired: bool,
}

impl Claims {
    /// Cuts `terms` into claims, given the stems of each of the question's
    /// subjects (`subjects[i]` for subject `i`; at most 64 count).
    pub(super) fn split(terms: &[AnalysedTerm], subjects: &[Vec<StemId>]) -> Claims {
        let mentions = mentions(terms, subjects);
        let mut claims = Claims {
            of_term: Vec::with_capacity(terms.len()),
            ..Claims::default()
        };
        let mut next_mention = 0;
        let mut current: Option<usize> = None;
        let mut i = 0;
        while i < terms.len() {
            // One segment: terms with the same claim and segment number.
            let end = i + terms[i..]
                .iter()
                .position(|t| t.segment != terms[i].segment || t.claim != terms[i].claim)
                .unwrap_or(terms.len() - i);
            while next_mention < mentions.len() && mentions[next_mention].start < i {
                next_mention += 1;
            }
            let here: Vec<&Mention> = mentions[next_mention..]
                .iter()
                .take_while(|m| m.start < end)
                .filter(|m| !m.paired)
                .collect();
            let named = here.first().map(|m| m.subject);
            let new_claim = i == 0 || terms[i].claim != terms[i - 1].claim;
            // Another subject than the claim's (or a first one, after words
            // about none) starts a claim of its own.
            let new_subject = named.is_some() && named != current;
            if new_claim || new_subject {
                claims.spans.push((i as u32, end as u32));
                claims.subjects.push(named.or(current));
                claims.named.push(0);
            } else if let Some(last) = claims.spans.last_mut() {
                last.1 = end as u32;
            }
            let n = claims.spans.len() - 1;
            for m in &here {
                claims.named[n] |= 1u64 << m.subject.min(63);
            }
            current = claims.subjects[n];
            claims.of_term.extend(std::iter::repeat_n(n as u32, end - i));
            i = end;
        }
        claims
    }

    /// The claim a term is in.
    pub(super) fn of(&self, position: u32) -> u32 {
        self.of_term.get(position as usize).copied().unwrap_or(0)
    }

    /// A claim's terms, as positions `start..end`.
    pub(super) fn span(&self, claim: u32) -> (u32, u32) {
        self.spans.get(claim as usize).copied().unwrap_or((0, 0))
    }

    /// `claim`, or the last claim if there are fewer.
    pub(super) fn last_within(&self, claim: u32) -> u32 {
        claim.min(self.spans.len().saturating_sub(1) as u32)
    }

    /// A claim's subject (an index into the question's subjects).
    pub(super) fn subject(&self, claim: u32) -> Option<usize> {
        self.subjects.get(claim as usize).copied().flatten()
    }

    /// Whether a claim names `subject` (not side by side with another).
    pub(super) fn names(&self, claim: u32, subject: usize) -> bool {
        self.named.get(claim as usize).is_some_and(|n| n & (1u64 << subject.min(63)) != 0)
    }

    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.spans.len()
    }
}

/// Where the answer names each subject, in order; the terms of a subject
/// must stand together (`scale down window`).
fn mentions(terms: &[AnalysedTerm], subjects: &[Vec<StemId>]) -> Vec<Mention> {
    let mut found: Vec<Mention> = Vec::new();
    if subjects.is_empty() {
        return found;
    }
    let mut i = 0;
    while i < terms.len() {
        // The longest subject spelled here.
        let hit = subjects
            .iter()
            .enumerate()
            .filter(|(_, stems)| !stems.is_empty() && terms[i..].iter().map(|t| t.id).take(stems.len()).eq(stems.iter().copied()))
            .max_by_key(|(_, stems)| stems.len());
        match hit {
            Some((subject, stems)) => {
                found.push(Mention {
                    start: i,
                    end: i + stems.len(),
                    subject,
                    paired: false,
                });
                i += stems.len();
            }
            None => i += 1,
        }
    }
    // Two different subjects one after the other, with no other term
    // between them and within one claim, name a pair.
    for k in 1..found.len() {
        let (a, b) = (found[k - 1], found[k]);
        if a.end == b.start && a.subject != b.subject && terms[a.start].claim == terms[b.start].claim {
            found[k - 1].paired = true;
            found[k].paired = true;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Aliases, Analyzer};

    /// The claims of `text` as the words of each, with its subject.
    fn claims(text: &str, subjects: &[&str]) -> Vec<(String, Option<String>)> {
        let a = Analyzer::new(&Aliases::default());
        let analysis = a.analyse(text);
        let stems: Vec<Vec<StemId>> = subjects.iter().map(|s| a.analyse(s).terms.iter().map(|t| t.id).collect()).collect();
        let c = Claims::split(&analysis.terms, &stems);
        (0..c.len() as u32)
            .map(|n| {
                let (start, end) = c.span(n);
                let words: Vec<&str> = analysis.terms[start as usize..end as usize]
                    .iter()
                    .map(|t| analysis.surface(t))
                    .collect();
                (words.join(" "), c.subject(n).map(|s| subjects[s].to_string()))
            })
            .collect()
    }

    /// A text and its claims: the words of each, with its subject.
    type Case<'a> = (&'a str, &'a [(&'a str, Option<&'a str>)]);

    fn c(words: &str, subject: Option<&str>) -> (String, Option<String>) {
        (words.to_string(), subject.map(String::from))
    }

    #[test]
    fn claims_end_at_sentences_semicolons_colons_and_contrasts() {
        let cases: &[Case] = &[
            (
                "Pods restart. Services route; probes check: all good",
                &[("pods restart", None), ("services route", None), ("probes check all good", None)],
            ),
            (
                "Caches are fast while disks are slow, but cheap",
                &[("caches fast", None), ("disks slow", None), ("cheap", None)],
            ),
            (
                "A DLQ holds failed messages, e.g. poison ones.",
                &[("dlq holds failed messages poison ones", None)],
            ),
            ("Version 1.2 is out", &[("version 1 2 out", None)]),
        ];
        for (text, expected) in cases {
            let expected: Vec<_> = expected.iter().map(|(w, s)| c(w, *s)).collect();
            assert_eq!(claims(text, &[]), expected, "{text}");
        }
    }

    #[test]
    fn a_new_subject_after_a_comma_or_and_starts_a_claim_and_pronouns_carry_it() {
        let subjects = ["liveness", "readiness", "startup"];
        let cases: &[Case] = &[
            (
                "The readiness probe gates traffic and the liveness probe restarts the container.",
                &[
                    ("readiness probe gates traffic", Some("readiness")),
                    ("liveness probe restarts container", Some("liveness")),
                ],
            ),
            (
                "Readiness removes the pod from endpoints and stops traffic. It never restarts anything.",
                &[
                    ("readiness removes pod endpoints stops traffic", Some("readiness")),
                    ("never restarts anything", Some("readiness")),
                ],
            ),
            (
                "Liveness and readiness probes both run periodically, startup runs first",
                &[
                    ("liveness readiness probes run periodically", None),
                    ("startup runs first", Some("startup")),
                ],
            ),
            (
                "The kubelet restarts the container when liveness fails, and removes the pod when readiness fails",
                &[
                    ("kubelet restarts container liveness fails", Some("liveness")),
                    ("removes pod readiness fails", Some("readiness")),
                ],
            ),
        ];
        for (text, expected) in cases {
            let expected: Vec<_> = expected.iter().map(|(w, s)| c(w, *s)).collect();
            assert_eq!(claims(text, &subjects), expected, "{text}");
        }
    }

    #[test]
    fn multi_word_subjects_must_stand_together() {
        let got = claims("The scale down window is long; scale up is fast", &["scale down", "scale up"]);
        assert_eq!(
            got,
            [
                c("scale down window long", Some("scale down")),
                c("scale up fast", Some("scale up"))
            ]
        );
    }
}
