//! What the grader needs to know about an answer beyond its stems: which
//! terms were said under a negation (`not`, `never`, `without`, `don't`,
//! ...), which came through an alias, the words each came from (to show a
//! candidate what matched), and how much of the text is function words (a
//! bare list of keywords has almost none). Also cuts texts into sentences,
//! so a missed key point can be shown with the reference sentence it comes
//! from.
//!
//! Negation is read the way a person skims: a cue negates the next few
//! words of its clause; a comma, a full stop or a contrast (`but`,
//! `instead`) ends it, and `not only`, `no matter` are no negation at all.

use super::{Analyzer, StemId, Token};

/// Words that negate what follows them shortly in the same clause.
const NEGATIONS: &[&str] = &["neither", "never", "no", "none", "nor", "not", "nothing", "without"];

/// Words that say something is kept from happening. In an answer they
/// mostly state a purpose (`inlining avoids a function call`), so they
/// negate nothing there; in a rubric they let an answer say the same
/// with a negation (`it does not bust the cache` for `avoids cache
/// invalidation`).
const AVERTING: &[&str] = &[
    "avoid",
    "avoided",
    "avoiding",
    "avoids",
    "prevent",
    "prevented",
    "preventing",
    "prevents",
];

/// Negated auxiliaries written without their apostrophe, and `cannot`: each
/// reads as `not` (as `don't`, `can't` do).
const CONTRACTIONS: &[&str] = &[
    "arent", "cannot", "cant", "couldnt", "didnt", "doesnt", "dont", "hadnt", "hasnt", "havent", "isnt", "mustnt", "neednt", "shouldnt",
    "wasnt", "werent", "wont", "wouldnt",
];

/// Words that end a negation's reach: a contrast, after which what follows
/// is said positively, or a subject, which starts a new clause even where
/// punctuation is missing (`no autoscaler we alarm on depth`).
const CONTRASTS: &[&str] = &[
    "although", "but", "he", "however", "i", "instead", "rather", "she", "they", "though", "we", "whereas", "yet", "you",
];

/// Words after which a negation cue negates nothing (`not only`, `no matter`).
const NOT_NEGATING_BEFORE: &[&str] = &["doubt", "just", "matter", "merely", "only"];

/// How many content words after a cue a negation reaches (function words
/// do not count): `never removed from the service endpoints` negates all
/// three.
pub const NEGATION_REACH: u32 = 4;

/// Words that start a new claim: a contrast or a second statement set
/// beside the first (`liveness restarts the container *while* readiness
/// ...`). What precedes them is one claim, what follows another.
const CLAIM_STARTS: &[&str] = &["although", "but", "however", "though", "whereas", "while", "whilst", "yet"];

/// Words that may start a new claim, when what follows names another
/// subject (`the readiness probe gates traffic *and* liveness restarts`);
/// otherwise they join parts of one claim (`gates *and* removes`).
const SEGMENT_STARTS: &[&str] = &["and", "so", "then"];

/// Where a text may be cut into claims, the stretches of text the grader
/// matches a key point within.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub(super) enum Split {
    #[default]
    None,
    /// A comma, colon, bracket or `and`: a new claim only before a new
    /// subject.
    Segment,
    /// A sentence end, `;` or a contrast (`while`, `but`).
    Claim,
}

/// How a lowercase word cuts a text into claims.
pub(super) fn split(word: &str) -> Split {
    if CLAIM_STARTS.binary_search(&word).is_ok() {
        Split::Claim
    } else if SEGMENT_STARTS.binary_search(&word).is_ok() {
        Split::Segment
    } else {
        Split::None
    }
}

/// How the punctuation byte at `i` of `folded` cuts it into claims:
/// `;`, `!`, `?` and line breaks end a claim, and so does a full stop
/// that ends a sentence — followed by a space or the end, and not after a
/// single letter or an abbreviation (`e.g.`, `vs.`), whose word starts at
/// `word_start`. Commas and brackets may.
pub(super) fn split_at(folded: &str, i: usize, word_start: Option<usize>) -> Split {
    let bytes = folded.as_bytes();
    match bytes[i] {
        b';' | b'!' | b'?' | b'\n' => Split::Claim,
        // A colon introduces what explains the words before it (`scale to
        // zero: with minReplicas 0 ...`): one claim, unless another
        // subject follows (`liveness: restarts; readiness: ...`).
        b',' | b':' | b'(' | b')' => Split::Segment,
        b'.' => {
            let ends = bytes.get(i + 1).is_none_or(u8::is_ascii_whitespace);
            let word = word_start.and_then(|s| folded.get(s..i)).unwrap_or("");
            let word = word.rsplit(|c: char| c.is_ascii_whitespace()).next().unwrap_or("");
            let short = word.trim_start_matches(|c: char| !c.is_ascii_alphanumeric()).len() <= 1;
            if ends && !short && !ABBREVIATIONS.contains(&word) {
                Split::Claim
            } else {
                Split::None
            }
        }
        _ => Split::None,
    }
}

/// How a word takes part in negation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Plain,
    /// Negates what follows (`not`, `never`, `without`).
    Negation,
    /// Reads as `not` and negates what follows (`dont`, `cannot`).
    Contraction,
    /// Ends a negation's reach (`but`, `instead`, `we`).
    Contrast,
    /// Keeps something from happening (`avoid`, `prevent`): a negation
    /// only for what a rubric allows.
    Averting,
}

/// The role of a lowercase word.
pub(super) fn role(word: &str) -> Role {
    if NEGATIONS.binary_search(&word).is_ok() {
        Role::Negation
    } else if CONTRACTIONS.binary_search(&word).is_ok() {
        Role::Contraction
    } else if CONTRASTS.binary_search(&word).is_ok() {
        Role::Contrast
    } else if AVERTING.binary_search(&word).is_ok() {
        Role::Averting
    } else {
        Role::Plain
    }
}

/// Marks the words a negation reaches: those of its clause up to the
/// [`NEGATION_REACH`]th content word, or a contrast (`but`, `we`), are
/// negated; the same words, and as many before the cue (`the base case is
/// not included`), also averting words' (`avoid`), are near a negation.
pub(super) fn mark_negations(folded: &str, tokens: &mut [Token]) {
    for k in 0..tokens.len() {
        let role = tokens[k].role;
        if matches!(role, Role::Plain | Role::Contrast) {
            continue;
        }
        let idiom = tokens
            .get(k + 1)
            .is_some_and(|next| NOT_NEGATING_BEFORE.binary_search(&&folded[next.start..next.end]).is_ok());
        if idiom {
            continue;
        }
        let (clause, cue) = (tokens[k].clause, tokens[k].start as u32);
        let mut content = 0;
        for before in tokens[..k].iter_mut().rev() {
            if before.clause != clause || content == NEGATION_REACH {
                break;
            }
            before.near_negation = true;
            content += u32::from(!before.stop);
        }
        content = 0;
        for after in tokens[k + 1..].iter_mut() {
            if after.clause != clause || after.role == Role::Contrast || content == NEGATION_REACH {
                break;
            }
            after.near_negation = true;
            if role != Role::Averting {
                after.negated_at = Some(cue);
            }
            content += u32::from(!after.stop);
        }
    }
}

/// One content term of an analysed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnalysedTerm {
    pub id: StemId,
    /// Came from an alias spelling (`k8s` for `kubernetes`).
    pub alias: bool,
    /// Byte offset of the negation cue (in the folded text) when the term
    /// was said under one.
    pub negated_at: Option<u32>,
    /// Said close to a negation or an averting word, before or after it:
    /// a rubric that does so allows an answer to negate the term.
    pub near_negation: bool,
    /// Number of the claim it is in: claims end at sentence ends, `;`
    /// and contrasts (`while`, `whereas`, `but`). The grader matches a
    /// key point within one claim, so "readiness ... traffic. liveness ...
    /// restarts" is two claims, whichever way round.
    pub claim: u32,
    /// Number of the stretch it is in, between commas and `and`s within a
    /// claim: where the grader cuts a claim in two when another subject
    /// follows (`readiness gates traffic and liveness restarts`).
    pub segment: u32,
    start: u32,
    end: u32,
}

impl AnalysedTerm {
    /// Where its words start in the text: terms from one alias (`hpa` for
    /// `horizontal pod autoscaler`) start at the same place.
    pub fn start(&self) -> u32 {
        self.start
    }

    fn new(id: StemId, alias: bool, token: &Token, span: (usize, usize)) -> AnalysedTerm {
        AnalysedTerm {
            id,
            alias,
            negated_at: token.negated_at,
            near_negation: token.near_negation,
            claim: token.claim,
            segment: token.segment,
            start: span.0 as u32,
            end: span.1 as u32,
        }
    }
}

/// A text analysed for grading: its content terms in order, with what each
/// came from, and how many of its words are function words.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub terms: Vec<AnalysedTerm>,
    /// Every word, function words and single letters included.
    pub words: u32,
    /// Stop words, negation cues and single letters (`a`, `I`).
    pub function_words: u32,
    /// Each claim's words and function words, by claim number (see
    /// [`AnalysedTerm::claim`]): whether it reads as a statement or as a
    /// bare list of terms.
    pub claim_words: Vec<ClaimWords>,
    folded: String,
}

/// How many words one claim has, and how many of them are function words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClaimWords {
    pub words: u32,
    pub function_words: u32,
}

impl ClaimWords {
    /// The share of function words (0 for no words).
    pub fn function_share(self) -> f64 {
        if self.words == 0 {
            0.0
        } else {
            f64::from(self.function_words) / f64::from(self.words)
        }
    }
}

impl Analysis {
    pub(super) fn new(terms: Vec<AnalysedTerm>, words: u32, function_words: u32, claim_words: Vec<ClaimWords>, folded: String) -> Analysis {
        Analysis {
            terms,
            words,
            function_words,
            claim_words,
            folded,
        }
    }

    /// The words of the claim a term is in.
    pub fn claim_of(&self, term: &AnalysedTerm) -> ClaimWords {
        self.claim_words.get(term.claim as usize).copied().unwrap_or_default()
    }

    /// The words from the start of `first` to the end of `last`, as typed
    /// (case and accents folded): what a candidate said in a claim.
    pub fn span(&self, first: &AnalysedTerm, last: &AnalysedTerm) -> &str {
        self.folded
            .get(first.start as usize..last.end.max(first.end) as usize)
            .unwrap_or("")
    }

    /// The words a term came from, as typed (case and accents folded).
    pub fn surface(&self, term: &AnalysedTerm) -> &str {
        self.folded.get(term.start as usize..term.end as usize).unwrap_or("")
    }

    /// The words from a term's negation cue to the term (`not use a
    /// readiness`), when it was said under one.
    pub fn negation(&self, term: &AnalysedTerm) -> Option<&str> {
        self.negation_through(term, term)
    }

    /// The words from `first`'s negation cue through `last` (`not use a
    /// readiness probe`), when `first` was said under one.
    pub fn negation_through(&self, first: &AnalysedTerm, last: &AnalysedTerm) -> Option<&str> {
        let at = first.negated_at?;
        self.folded.get(at as usize..last.end.max(first.end) as usize)
    }

    /// The share of words that are function words (0 for no words).
    pub fn function_share(&self) -> f64 {
        if self.words == 0 {
            0.0
        } else {
            f64::from(self.function_words) / f64::from(self.words)
        }
    }
}

impl Analyzer {
    /// Analyses `text` for grading: [`Analyzer::terms`] with negation,
    /// alias and word-count information, and no allocation per word.
    pub fn analyse(&self, text: &str) -> Analysis {
        let t = self.tokenise(text);
        let mut terms = Vec::with_capacity(t.tokens.len());
        self.scan(&t, |id, range, alias| {
            let (first, last) = (&t.tokens[range.start], &t.tokens[range.end - 1]);
            terms.push(AnalysedTerm::new(id, alias, first, (first.start, last.end)));
        });
        let words = t.tokens.len() as u32 + t.letters;
        let is_function = |w: &Token| w.stop || matches!(w.role, Role::Negation | Role::Contraction);
        let function = t.tokens.iter().filter(|w| is_function(w)).count();
        let claims = t
            .tokens
            .last()
            .map_or(0, |w| w.claim)
            .max(t.letter_claims.last().copied().unwrap_or(0)) as usize
            + 1;
        let mut claim_words = vec![ClaimWords::default(); if words == 0 { 0 } else { claims }];
        for w in &t.tokens {
            claim_words[w.claim as usize].words += 1;
            claim_words[w.claim as usize].function_words += u32::from(is_function(w));
        }
        for &c in &t.letter_claims {
            claim_words[c as usize].words += 1;
            claim_words[c as usize].function_words += 1;
        }
        Analysis::new(terms, words, function as u32 + t.letters, claim_words, t.folded)
    }
}

/// Abbreviations whose full stop ends no sentence.
const ABBREVIATIONS: &[&str] = &["cf", "e.g", "eg", "etc", "i.e", "ie", "vs"];

/// `text` cut into sentences: at `.`, `!` or `?` followed by a space and
/// what starts a sentence (a capital, a digit, a quote, a bracket) or the
/// end — not after `e.g.` and the like — and at line breaks. Each is
/// trimmed of spaces and list bullets; empty ones are left out.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let end = match b {
            b'\n' => true,
            b'.' | b'!' | b'?' => {
                let rest = text[i + 1..].trim_start();
                let at_space = rest.len() < text.len() - i - 1 || rest.is_empty();
                let next_starts = rest
                    .chars()
                    .next()
                    .is_none_or(|c| c.is_uppercase() || c.is_ascii_digit() || "\"'“‘([`".contains(c));
                let word = text[start..i].rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
                at_space && next_starts && !(b == b'.' && ABBREVIATIONS.contains(&word.to_ascii_lowercase().as_str()))
            }
            _ => false,
        };
        if end {
            push_sentence(&mut out, &text[start..=i]);
            start = i + 1;
        }
    }
    push_sentence(&mut out, &text[start..]);
    out
}

fn push_sentence<'t>(out: &mut Vec<&'t str>, s: &'t str) {
    let s = s.trim().trim_start_matches(['-', '*', '•']).trim_start();
    if s.chars().any(char::is_alphanumeric) {
        out.push(s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Aliases;

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        for list in [
            NEGATIONS,
            AVERTING,
            CONTRACTIONS,
            CONTRASTS,
            NOT_NEGATING_BEFORE,
            CLAIM_STARTS,
            SEGMENT_STARTS,
        ] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }

    /// Each content word of `text` with whether it was negated.
    fn negated(text: &str) -> Vec<(String, bool)> {
        let a = Analyzer::new(&Aliases::default());
        let analysis = a.analyse(text);
        analysis
            .terms
            .iter()
            .map(|t| (analysis.surface(t).to_string(), t.negated_at.is_some()))
            .collect()
    }

    fn negated_words(text: &str) -> Vec<String> {
        negated(text).into_iter().filter(|(_, n)| *n).map(|(w, _)| w).collect()
    }

    #[test]
    fn a_negation_reaches_a_few_words_of_its_clause() {
        let cases: &[(&str, &[&str])] = &[
            ("You should not use a readiness probe.", &["readiness", "probe"]),
            ("Never commit secrets to git", &["commit", "secrets", "git"]),
            ("don’t run as root", &["run", "root"]),
            ("It doesn't scale, so add replicas", &["scale"]),
            ("We cannot roll back", &["roll", "back"]),
            ("no downtime but a short pause", &["downtime"]),
            ("there is no autoscaler we alarm on depth", &["autoscaler"]),
            ("not only fast but cheap", &[]),
            (
                "Pods restart without losing state or sessions or anything else",
                &["losing", "state", "sessions", "anything"],
            ),
            ("never removed from the service endpoints", &["removed", "service", "endpoints"]),
            ("Inlining avoids a function call", &[]),
            ("A readiness probe gates traffic.", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(negated_words(text), *expected, "{text}");
        }
    }

    #[test]
    fn words_before_and_after_a_negation_or_averting_word_are_near_it() {
        let a = Analyzer::new(&Aliases::default());
        let near = |text: &str| -> Vec<String> {
            let analysis = a.analyse(text);
            analysis
                .terms
                .iter()
                .filter(|t| t.near_negation)
                .map(|t| analysis.surface(t).to_string())
                .collect()
        };
        assert_eq!(
            near("It loops forever, if the base case is not included, says the book."),
            ["base", "case", "included"]
        );
        assert_eq!(near("It avoids layer cache invalidation."), ["layer", "cache", "invalidation"]);
        assert!(near("A readiness probe gates traffic.").is_empty());
    }

    #[test]
    fn what_is_shown_of_an_answer_drives_no_terminal() {
        let a = Analyzer::new(&Aliases::default());
        let analysis = a.analyse("never\u{1b}[2J\u{7} use probes");
        let probes = analysis.terms.last().unwrap();
        assert_eq!(analysis.negation(probes), Some("never [2j  use probes"));
    }

    #[test]
    fn contractions_read_as_not() {
        let a = Analyzer::new(&Aliases::default());
        assert_eq!(a.stems("don't, doesn’t, cannot, isnt"), ["not", "not", "not", "not"]);
        let analysis = a.analyse("It won't restart");
        assert_eq!(analysis.surface(&analysis.terms[0]), "won't");
        assert_eq!(analysis.negation(&analysis.terms[1]), Some("won't restart"));
    }

    #[test]
    fn function_words_are_counted() {
        let a = Analyzer::new(&Aliases::default());
        let prose = a.analyse("A pod is the smallest unit that Kubernetes schedules.");
        assert_eq!((prose.words, prose.function_words), (9, 4));
        let list = a.analyse("pod smallest unit kubernetes schedule");
        assert_eq!(list.function_share(), 0.0);
        assert_eq!(a.analyse("").function_share(), 0.0);
    }

    #[test]
    fn sentences_end_at_stops_and_line_breaks() {
        let text = "A DLQ holds failed messages, e.g. poison ones. Alarms fire!\n- redrive them\nVersion 1.2 is out. Patterns take ! to re-include. `COPY . .` copies.";
        assert_eq!(
            sentences(text),
            [
                "A DLQ holds failed messages, e.g. poison ones.",
                "Alarms fire!",
                "redrive them",
                "Version 1.2 is out.",
                "Patterns take ! to re-include.",
                "`COPY . .` copies."
            ]
        );
        assert!(sentences(" \n. ").is_empty());
    }
}
