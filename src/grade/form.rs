//! How an answer is written as a whole, where the words alone would
//! mislead: a bare list of keywords with no sentences, or a long answer
//! mostly about something else that happens to contain some of the
//! rubric's terms. Each takes a share off the score and says so in a note.
//!
//! Both are measured so that writing more of the right thing never costs:
//! a sentence that adds a key point has function words and on-topic terms,
//! so it can only raise the shares measured here.

use crate::text::{Analysis, ClaimWords};

/// With fewer function words (`the`, `is`, `of`, ...) than this share of
/// its words, an answer reads as a list of keywords; prose has three to
/// five times as many, terse notes a few. A reference written tersely
/// itself lowers the bar to its own share: an answer written like the
/// reference is never cut.
pub const SENTENCE_SHARE: f64 = 0.1;
/// With fewer function words than this share of its words, a claim reads
/// as a list of terms rather than a statement; prose has 30–50%, terse
/// notes (`the liveness probe restarts a hung container`) a fifth or
/// more.
pub const STATEMENT_SHARE: f64 = 0.2;
/// The most a keyword list loses.
const LIST_CUT: f64 = 0.3;
/// The most a term or key point said only in a bare list of terms loses
/// (see [`statement_credit`]); the whole answer's list cut comes on top.
const LISTED_TERM_CUT: f64 = 0.8;
/// A list of this many words or fewer loses nothing (`variable size` may be
/// the whole answer); the cut grows to full over [`LIST_RAMP`] more words.
const LIST_FREE_WORDS: f64 = 6.0;
const LIST_RAMP: f64 = 10.0;

/// With fewer on-topic terms (the question's, the reference's, the key
/// points') than this share of its content terms, a long answer is mostly
/// about something else. Answers in their own words may fall below it too,
/// but are rarely also long: the cut needs both.
const ON_TOPIC_SHARE: f64 = 0.2;
/// The most an off-topic answer loses.
const OFF_TOPIC_CUT: f64 = 0.8;
/// An answer is never called padded up to this many content terms, or
/// twice the reference's if more; the cut grows to full over half as many
/// more.
const LONG_ANSWER: f64 = 40.0;
/// Cuts smaller than this are applied but not worth a note.
const NOTED_CUT: f64 = 0.05;

/// What the answer's form takes off its score.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    /// The score is multiplied by this, 0.14–1.
    pub factor: f64,
    /// Why, for the candidate.
    pub notes: Vec<String>,
}

/// What an answer's form is measured against, from its rubric.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bar {
    /// The share of function words below which an answer reads as a list
    /// (at most [`SENTENCE_SHARE`]; the reference's own share if lower).
    pub sentence_share: f64,
    /// The share of function words below which a claim reads as a list
    /// of terms (at most [`STATEMENT_SHARE`]; the reference's own share
    /// if lower).
    pub statement_share: f64,
    /// Past this many content terms an answer is long.
    pub long_after: f64,
}

impl Bar {
    /// The bar for a rubric whose reference is `reference`.
    pub fn of(reference: &Analysis) -> Bar {
        Bar {
            sentence_share: SENTENCE_SHARE.min(reference.function_share()),
            statement_share: STATEMENT_SHARE.min(reference.function_share()),
            long_after: LONG_ANSWER.max(2.0 * reference.terms.len() as f64),
        }
    }
}

/// The form of `answer`, `on_topic` of whose content terms belong to the
/// rubric.
pub fn assess(answer: &Analysis, on_topic: usize, bar: Bar) -> Form {
    let mut notes = Vec::new();
    let list = list_cut(answer, bar.sentence_share);
    if list >= NOTED_CUT {
        notes.push(format!(
            "It reads as a list of keywords rather than sentences: the score is cut by {:.0}%. Say how the points connect.",
            list * 100.0
        ));
    }
    let off = off_topic_cut(on_topic, answer.terms.len(), bar.long_after);
    if off >= NOTED_CUT {
        notes.push(format!(
            "Most of this long answer is off the question's topic (only {:.0}% of its terms are): the score is cut by {:.0}%.",
            on_topic as f64 * 100.0 / answer.terms.len() as f64,
            off * 100.0
        ));
    }
    Form {
        factor: (1.0 - list) * (1.0 - off),
        notes,
    }
}

/// The share a keyword list loses: nothing with `sentence_share` function
/// words or more, or few words; up to [`LIST_CUT`] for a long list with
/// none.
fn list_cut(answer: &Analysis, sentence_share: f64) -> f64 {
    LIST_CUT * bareness(answer.words, answer.function_share(), sentence_share)
}

/// How far a stretch of `words` words reads as a bare list of terms, 0–1:
/// 0 with `sentence_share` function words or more, or with few words
/// ([`LIST_FREE_WORDS`]); 1 for a long stretch with none.
fn bareness(words: u32, function_share: f64, sentence_share: f64) -> f64 {
    if sentence_share <= 0.0 {
        return 0.0;
    }
    let bare = 1.0 - (function_share / sentence_share).min(1.0);
    let long = ((f64::from(words) - LIST_FREE_WORDS) / LIST_RAMP).clamp(0.0, 1.0);
    bare * long
}

/// The credit a term or key point earns in a claim with these words: full
/// in a claim that reads as a statement, down to `1 -`
/// [`LISTED_TERM_CUT`] in a long claim of bare terms. A list of every
/// rubric word (`liveness, readiness, restarts, traffic, ...`) states
/// nothing, whichever way round its words are; a claim with a verb and
/// its function words does (`the kubelet restarts the container`).
pub fn statement_credit(claim: ClaimWords, bar: Bar) -> f64 {
    1.0 - LISTED_TERM_CUT * bareness(claim.words, claim.function_share(), bar.statement_share)
}

/// The share a long, mostly off-topic answer loses.
fn off_topic_cut(on_topic: usize, terms: usize, long_after: f64) -> f64 {
    if terms == 0 {
        return 0.0;
    }
    let share = on_topic as f64 / terms as f64;
    let off = 1.0 - (share / ON_TOPIC_SHARE).min(1.0);
    let long = (2.0 * (terms as f64 - long_after) / long_after).clamp(0.0, 1.0);
    OFF_TOPIC_CUT * off * long
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Aliases, Analyzer};

    #[test]
    fn lists_lose_with_length_and_prose_never() {
        let a = Analyzer::new(&Aliases::default());
        let cut = |text: &str| list_cut(&a.analyse(text), SENTENCE_SHARE);
        assert_eq!(cut("variable size"), 0.0, "a short answer may be a phrase");
        assert_eq!(cut("A pod is the smallest unit that Kubernetes schedules."), 0.0);
        let list =
            "poison message maxReceiveCount alarm queue depth redrive messages horizontal pod autoscaler scales consumers dlq sqs alarms";
        assert!((cut(list) - LIST_CUT).abs() < 1e-9, "{}", cut(list));
        let shorter = cut("poison message maxReceiveCount alarm queue depth redrive messages");
        assert!(shorter > 0.0 && shorter < LIST_CUT, "{shorter}");
        // Against a reference that is itself a list, a list is no fault.
        let bar = Bar::of(&a.analyse("alpha bravo charlie delta"));
        assert_eq!(bar.sentence_share, 0.0);
        assert_eq!(list_cut(&a.analyse(list), bar.sentence_share), 0.0);
    }

    #[test]
    fn terms_in_a_bare_list_earn_less_than_in_a_statement() {
        let a = Analyzer::new(&Aliases::default());
        let bar = Bar::of(&a.analyse("The kubelet restarts the container when the liveness probe fails."));
        let credit = |text: &str| {
            let analysis = a.analyse(text);
            assert_eq!(analysis.claim_words.len(), 1, "{text}");
            statement_credit(analysis.claim_words[0], bar)
        };
        assert_eq!(
            credit("The kubelet restarts a container when its liveness probe keeps failing."),
            1.0
        );
        assert_eq!(credit("liveness restarts container"), 1.0, "a short note is no list");
        let list = credit(
            "liveness, readiness, startup, restarts, container, traffic, endpoints, kubelet, probe, service, pod, failure, deadlock, cache, warm, slow",
        );
        assert!((list - (1.0 - LISTED_TERM_CUT)).abs() < 1e-9, "{list}");
        let some = credit("liveness, readiness, startup probe restarts container traffic endpoints, kubelet a pod");
        assert!(some > list && some < 1.0, "{some}");
        // Against a reference that is itself a list, a list is no fault.
        let listed = Bar::of(&a.analyse("alpha bravo charlie delta"));
        assert_eq!(
            statement_credit(
                a.analyse("alpha, bravo, charlie, delta, echo, foxtrot, golf, hotel, india")
                    .claim_words[0],
                listed
            ),
            1.0
        );
    }

    #[test]
    fn only_long_sparse_answers_are_off_topic() {
        assert_eq!(off_topic_cut(2, 40, 40.0), 0.0, "not long");
        assert_eq!(off_topic_cut(40, 200, 40.0), 0.0, "on topic");
        assert!((off_topic_cut(0, 60, 40.0) - OFF_TOPIC_CUT).abs() < 1e-9);
        let half = off_topic_cut(5, 50, 40.0);
        assert!((half - OFF_TOPIC_CUT * 0.5 * 0.5).abs() < 1e-9, "{half}");
        assert_eq!(off_topic_cut(0, 0, 40.0), 0.0);
    }
}
