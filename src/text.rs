//! Turning free text into comparable terms: folding Unicode, case and
//! punctuation, dropping stop words, Snowball stemming, and folding aliases
//! (`k8s` → `kubernetes`, `hpa` → `horizontal pod autoscaler`).
//!
//! The grader compares terms produced here, so an answer and a reference
//! meet on the same ground whatever their spelling. Stems are numbered
//! ([`StemId`]) in the analyzer's vocabulary, so comparing them is comparing
//! integers. What grading needs beyond the stems — which terms a negation
//! reaches, how many words are function words, the words each term came
//! from — is in `text/analysis.rs` ([`Analysis`]). This module knows
//! nothing of questions or scores.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use serde::Deserialize;
use toml::Spanned;

pub use self::analysis::{AnalysedTerm, Analysis, ClaimWords, NEGATION_REACH, sentences};
use self::analysis::{Role, Split};
use crate::diagnostic::{Diagnostics, SourceFile};
use crate::fasthash::{FastMap, FastSet};

mod analysis;

/// Function words that carry no content in a technical answer. Kept short on
/// purpose: longer stock lists drop real keywords (state, order, test, value)
/// and words that decide a technical meaning — `at least once`, `only one`,
/// `all nodes`, `each pod`, `any order`, `first in, first out` keep theirs.
const STOP_WORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "also", "am", "an", "and", "are", "as", "at", "be", "because", "been", "before", "being",
    "both", "but", "by", "can", "could", "did", "do", "does", "doing", "done", "eg", "etc", "even", "for", "from", "further", "get",
    "gets", "had", "has", "have", "having", "he", "her", "here", "him", "his", "how", "i", "ie", "if", "in", "into", "is", "it", "its",
    "itself", "just", "let", "like", "may", "me", "might", "more", "most", "must", "my", "of", "often", "on", "one", "or", "other", "our",
    "ours", "over", "own", "per", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "those", "through", "thus", "to", "too", "us", "use", "used", "uses", "using", "very", "via", "was", "we",
    "were", "what", "when", "where", "whether", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours",
];

/// One content term of a text: its stem (what is compared) and the first
/// word it came from (what is shown to people).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub id: StemId,
    pub stem: String,
    pub surface: String,
}

/// Alias groups as loaded from `aliases.toml`.
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    /// `(canonical, other spellings)` in file order.
    pub groups: Vec<(String, Vec<String>)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AliasFile {
    #[serde(default)]
    alias: Vec<AliasEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AliasEntry {
    term: Spanned<String>,
    same: Vec<Spanned<String>>,
}

impl Aliases {
    /// Parses an aliases file, reporting a spelling claimed by two groups
    /// (which would make folding depend on file order).
    pub fn parse(src: &SourceFile) -> Result<Aliases, Diagnostics> {
        let file: AliasFile = toml::from_str(&src.text).map_err(|e| Diagnostics(vec![src.toml_error(&e)]))?;
        let mut problems = Diagnostics::default();
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut groups = Vec::new();
        for entry in file.alias {
            let term = entry.term.get_ref().trim().to_lowercase();
            let mut same = Vec::new();
            for spelling in std::iter::once(&entry.term).chain(entry.same.iter()) {
                let key = spelling.get_ref().trim().to_lowercase();
                if key.is_empty() {
                    problems.push(src.error_at(spelling.span(), "empty alias").with_help("remove the empty string"));
                    continue;
                }
                if let Some(first) = seen.get(&key) {
                    if first != &term {
                        problems.push(
                            src.error_at(spelling.span(), format!("`{key}` is already an alias of `{first}`"))
                                .with_help("a spelling may belong to one alias group only"),
                        );
                    }
                    continue;
                }
                seen.insert(key.clone(), term.clone());
                if key != term {
                    same.push(key);
                }
            }
            groups.push((term, same));
        }
        problems.into_result(Aliases { groups })
    }

    /// Adds another file's groups; later files extend earlier ones.
    pub fn extend(&mut self, other: Aliases) {
        self.groups.extend(other.groups);
    }
}

/// Distinct words remembered with their stems; past this many, new words
/// are still stemmed but no longer remembered (memory stays bounded on
/// huge batches).
const WORD_CACHE_LIMIT: usize = 1 << 20;

/// A stem's number in an [`Analyzer`]'s vocabulary, so that terms compare as
/// integers. Only meaningful with the analyzer that issued it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StemId(u32);

/// Normalises text into [`Term`]s. Cheap to share; build once per run.
///
/// Each distinct word is stemmed once and each stem numbered once, in a
/// vocabulary behind a lock (taken once per text, not per word), so
/// grading many answers does no per-word stemming or allocation.
pub struct Analyzer {
    stemmer: rust_stemmers::Stemmer,
    /// Stemmed token sequence → canonical stemmed sequence.
    aliases: FastMap<Box<[StemId]>, Box<[StemId]>>,
    /// First stems of the alias keys: most tokens start no alias.
    alias_starts: FastSet<StemId>,
    longest_alias: usize,
    vocabulary: Mutex<Vocabulary>,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer").field("aliases", &self.aliases.len()).finish()
    }
}

#[derive(Default)]
struct Vocabulary {
    words: FastMap<Box<str>, Word>,
    stems: Vec<Box<str>>,
    ids: FastMap<Box<str>, StemId>,
}

#[derive(Clone, Copy)]
struct Word {
    stem: StemId,
    stop: bool,
    role: Role,
    split: Split,
}

impl Vocabulary {
    fn intern(&mut self, stem: &str) -> StemId {
        if let Some(&id) = self.ids.get(stem) {
            return id;
        }
        let id = StemId(u32::try_from(self.stems.len()).expect("fewer than 4 billion distinct stems"));
        self.stems.push(stem.into());
        self.ids.insert(stem.into(), id);
        id
    }

    fn word(&mut self, stemmer: &rust_stemmers::Stemmer, word: &str) -> Word {
        if let Some(&w) = self.words.get(word) {
            return w;
        }
        let role = analysis::role(word);
        let stem = match role {
            Role::Contraction => "not".into(),
            _ => stemmer.stem(word),
        };
        let w = Word {
            stem: self.intern(&stem),
            stop: STOP_WORDS.binary_search(&word).is_ok(),
            role,
            split: analysis::split(word),
        };
        if self.words.len() < WORD_CACHE_LIMIT {
            self.words.insert(word.into(), w);
        }
        w
    }
}

/// One word of the folded text: whether it is a stop word, its part in
/// negation, and where it is.
#[derive(Clone, Copy)]
struct Token {
    stop: bool,
    role: Role,
    /// Where the negation cue that reaches this word starts, if one does.
    negated_at: Option<u32>,
    /// Close to a negation or an averting word (`avoid`), before or after.
    near_negation: bool,
    /// Number of the clause it is in (clauses end at `,` `.` `;` ...).
    clause: u32,
    /// Number of the claim it is in: what the grader matches a key point
    /// within (see [`AnalysedTerm::claim`]).
    claim: u32,
    /// Number of the stretch between commas and `and`s it is in (see
    /// [`AnalysedTerm::segment`]).
    segment: u32,
    start: usize,
    end: usize,
}

/// A text cut into words: `stems[i]` is the stem of `tokens[i]`.
struct Tokens {
    folded: String,
    tokens: Vec<Token>,
    stems: Vec<StemId>,
    /// Single letters left out (`a`, `I`): words, but no terms.
    letters: u32,
    /// The claim of each single letter, in order.
    letter_claims: Vec<u32>,
}

/// Read access to the spelling of stems, held while grading one answer.
/// Analysing text while holding it would wait forever: drop it first.
pub struct Spellings<'a>(MutexGuard<'a, Vocabulary>);

impl Spellings<'_> {
    pub fn get(&self, id: StemId) -> &str {
        &self.0.stems[id.0 as usize]
    }
}

impl Analyzer {
    pub fn new(aliases: &Aliases) -> Analyzer {
        let mut analyzer = Analyzer {
            stemmer: rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English),
            aliases: FastMap::default(),
            alias_starts: FastSet::default(),
            longest_alias: 0,
            vocabulary: Mutex::default(),
        };
        for (term, same) in &aliases.groups {
            let t = analyzer.tokenise(term);
            let canonical: Box<[StemId]> = t.tokens.iter().zip(&t.stems).filter(|(t, _)| !t.stop).map(|(_, &s)| s).collect();
            if canonical.is_empty() {
                continue;
            }
            for spelling in same {
                let key = analyzer.tokenise(spelling).stems.into_boxed_slice();
                if key.is_empty() || key == canonical {
                    continue;
                }
                analyzer.longest_alias = analyzer.longest_alias.max(key.len());
                analyzer.alias_starts.insert(key[0]);
                analyzer.aliases.entry(key).or_insert_with(|| canonical.clone());
            }
        }
        analyzer
    }

    fn vocabulary(&self) -> MutexGuard<'_, Vocabulary> {
        // A panic elsewhere cannot leave the vocabulary half-updated in a
        // way that matters: every entry is inserted whole.
        self.vocabulary.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The spelling of stems, for comparing them letter by letter.
    pub fn spellings(&self) -> Spellings<'_> {
        Spellings(self.vocabulary())
    }

    /// Stems a single lowercase word, as the grader compares it.
    pub fn stem(&self, word: &str) -> String {
        self.stemmer.stem(word).into_owned()
    }

    fn tokenise(&self, text: &str) -> Tokens {
        let folded = fold(text);
        let mut tokens = Vec::new();
        let mut stems = Vec::new();
        let mut letters = 0;
        let mut letter_claims = Vec::new();
        let mut clause = 0;
        let mut clause_break = false;
        let (mut claim, mut segment) = (0, 0);
        let mut split = Split::None;
        let mut vocabulary = self.vocabulary();
        let bytes = folded.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if !bytes[i].is_ascii_alphanumeric() {
                clause_break |= matches!(bytes[i], b',' | b'.' | b';' | b':' | b'!' | b'?' | b'(' | b')' | b'\n');
                split = split.max(analysis::split_at(&folded, i, tokens.last().map(|t: &Token| t.start)));
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            // `don't`, `can't`: one word, read as `not`.
            let contraction = bytes[i - 1] == b'n'
                && bytes.get(i) == Some(&b'\'')
                && bytes.get(i + 1) == Some(&b't')
                && !bytes.get(i + 2).is_some_and(u8::is_ascii_alphanumeric);
            // Single letters say nothing; single digits may (`3 replicas`).
            if i - start == 1 && !bytes[start].is_ascii_digit() && !contraction {
                letters += 1;
                // It starts the claim a pending split begins, as a word would.
                match std::mem::take(&mut split) {
                    Split::Claim => (claim, segment) = (claim + 1, segment + 1),
                    Split::Segment => segment += 1,
                    Split::None => {}
                }
                letter_claims.push(claim);
                continue;
            }
            let word = if contraction {
                i += 2;
                vocabulary.word(&self.stemmer, "dont")
            } else {
                vocabulary.word(&self.stemmer, &folded[start..i])
            };
            if std::mem::take(&mut clause_break) {
                clause += 1;
            }
            match std::mem::take(&mut split).max(word.split) {
                Split::Claim => (claim, segment) = (claim + 1, segment + 1),
                Split::Segment => segment += 1,
                Split::None => {}
            }
            tokens.push(Token {
                stop: word.stop,
                role: word.role,
                negated_at: None,
                near_negation: false,
                clause,
                claim,
                segment,
                start,
                end: i,
            });
            stems.push(word.stem);
        }
        drop(vocabulary);
        analysis::mark_negations(&folded, &mut tokens);
        Tokens {
            folded,
            tokens,
            stems,
            letters,
            letter_claims,
        }
    }

    /// Calls `emit` for each content term of `t` in order — aliases folded
    /// to their canonical stems, stop words left out — with the range of
    /// tokens it came from and whether it was spelled as an alias.
    fn scan(&self, t: &Tokens, mut emit: impl FnMut(StemId, std::ops::Range<usize>, bool)) {
        let mut i = 0;
        while i < t.tokens.len() {
            if let Some((len, canonical)) = self.alias_at(&t.stems[i..]) {
                for &stem in canonical {
                    emit(stem, i..i + len, true);
                }
                i += len;
                continue;
            }
            if !t.tokens[i].stop {
                emit(t.stems[i], i..i + 1, false);
            }
            i += 1;
        }
    }

    /// The longest alias spelled at the start of `stems`, if any.
    fn alias_at(&self, stems: &[StemId]) -> Option<(usize, &[StemId])> {
        if !self.alias_starts.contains(&stems[0]) {
            return None;
        }
        (1..=self.longest_alias.min(stems.len()))
            .rev()
            .find_map(|len| self.aliases.get(&stems[..len]).map(|c| (len, &**c)))
    }

    /// The content terms of `text`, in order, aliases folded to their
    /// canonical form and stop words removed.
    pub fn terms(&self, text: &str) -> Vec<Term> {
        let mut found = Vec::new();
        let t = self.tokenise(text);
        self.scan(&t, |id, range, _| {
            let words: Vec<&str> = t.tokens[range].iter().map(|w| &t.folded[w.start..w.end]).collect();
            found.push((id, words.join(" ")));
        });
        let spellings = self.spellings();
        found
            .into_iter()
            .map(|(id, surface)| Term {
                id,
                stem: spellings.get(id).to_string(),
                surface,
            })
            .collect()
    }

    /// Just the stems of [`Analyzer::terms`].
    pub fn stems(&self, text: &str) -> Vec<String> {
        self.terms(text).into_iter().map(|t| t.stem).collect()
    }

    /// The stem ids of [`Analyzer::terms`], appended to `out`: the fast
    /// path for grading, with no allocation per word.
    pub fn stem_ids(&self, text: &str, out: &mut Vec<StemId>) {
        self.scan(&self.tokenise(text), |id, _, _| out.push(id));
    }
}

/// `text` without control characters other than newlines and tabs (and
/// with CRLF line ends made LF), so an answer can never drive a terminal
/// when it is shown again — escape sequences lose their ESC and are inert.
pub fn strip_controls(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .filter(|&c| !c.is_control() || c == '\n' || c == '\t')
        .collect()
}

/// ASCII-folds (accents, ligatures, smart quotes) and lowercases.
/// Control characters but line breaks become spaces: the folded text's
/// words are shown to people (what matched), and must not drive a terminal.
fn fold(text: &str) -> String {
    let mut folded = if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        deunicode::deunicode(text).to_ascii_lowercase()
    };
    if folded.bytes().any(|b| b.is_ascii_control() && b != b'\n') {
        folded = folded
            .chars()
            .map(|c| if c.is_ascii_control() && c != '\n' { ' ' } else { c })
            .collect();
    }
    folded
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyzer() -> Analyzer {
        let src = SourceFile::new(
            "aliases.toml",
            r#"
[[alias]]
term = "kubernetes"
same = ["k8s", "kube"]
[[alias]]
term = "horizontal pod autoscaler"
same = ["hpa"]
[[alias]]
term = "infrastructure as code"
same = ["iac"]
"#,
        );
        Analyzer::new(&Aliases::parse(&src).unwrap())
    }

    #[test]
    fn control_characters_are_stripped_but_lines_kept() {
        assert_eq!(strip_controls("a\u{1b}[31mred\u{7}\r\nnext\tcol\u{9b}"), "a[31mred\nnext\tcol");
    }

    #[test]
    fn stop_word_list_is_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn normalises_case_punctuation_stems_and_stop_words() {
        let a = analyzer();
        assert_eq!(a.stems("Deploy, deployed; DEPLOYMENTS!"), ["deploy", "deploy", "deploy"]);
        assert_eq!(a.stems("What is the café?"), ["cafe"]);
        assert_eq!(a.stems("won’t stop"), ["not", "stop"], "a negation reads as `not`");
    }

    #[test]
    fn aliases_fold_to_the_canonical_phrase() {
        let a = analyzer();
        assert_eq!(a.stems("K8s HPA"), a.stems("kubernetes horizontal pod autoscaler"));
        assert_eq!(a.stems("use IaC"), a.stems("infrastructure as code"));
        let terms = a.terms("k8s");
        assert_eq!(terms[0].surface, "k8s");
    }

    #[test]
    fn a_spelling_in_two_groups_is_an_error() {
        let src = SourceFile::new(
            "aliases.toml",
            "[[alias]]\nterm = \"a1\"\nsame = [\"x1\"]\n[[alias]]\nterm = \"b1\"\nsame = [\"x1\"]\n",
        );
        let err = Aliases::parse(&src).unwrap_err().to_string();
        assert!(err.contains("aliases.toml:6:9: `x1` is already an alias of `a1`"), "{err}");
    }

    #[test]
    fn words_that_decide_a_meaning_are_content() {
        let a = analyzer();
        assert_eq!(a.stems("delivered at least once"), ["deliv", "least", "onc"]);
        assert_eq!(a.stems("only all each any out"), ["onli", "all", "each", "ani", "out"]);
    }

    #[test]
    fn ids_are_stable_and_agree_with_terms() {
        let a = analyzer();
        let text = "Deploying deployments to K8s; the deployer deploys.";
        let (mut first, mut again) = (Vec::new(), Vec::new());
        a.stem_ids(text, &mut first);
        a.stem_ids(text, &mut again);
        assert_eq!(first, again);
        let terms = a.terms(text);
        assert_eq!(first, terms.iter().map(|t| t.id).collect::<Vec<_>>());
        // Same stem, same id; the spelling of an id is its stem.
        assert_eq!(first[0], first[1]);
        assert_ne!(first[0], first[2]);
        let spellings = a.spellings();
        assert_eq!(spellings.get(terms[2].id), "kubernet");
        assert_eq!(terms[2].surface, "k8s");
    }
}
