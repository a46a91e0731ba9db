//! Turning free text into comparable terms: folding Unicode, case and
//! punctuation, dropping stop words, Snowball stemming, and folding aliases
//! (`k8s` → `kubernetes`, `hpa` → `horizontal pod autoscaler`).
//!
//! The grader compares terms produced here, so an answer and a reference
//! meet on the same ground whatever their spelling. This module knows
//! nothing of questions or scores.

use std::collections::HashMap;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Diagnostics, SourceFile};

/// Function words that carry no content in a technical answer. Kept short on
/// purpose: longer stock lists drop real keywords (state, order, test, value).
const STOP_WORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been", "before",
    "being", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "done", "each", "eg", "etc", "even", "for", "from",
    "further", "get", "gets", "had", "has", "have", "having", "he", "her", "here", "him", "his", "how", "i", "ie", "if", "in", "into",
    "is", "it", "its", "itself", "just", "let", "like", "may", "me", "might", "more", "most", "must", "my", "of", "often", "on", "once",
    "one", "only", "or", "other", "our", "ours", "out", "over", "own", "per", "same", "she", "should", "so", "some", "such", "than",
    "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "through", "thus", "to", "too", "us", "use", "used",
    "uses", "using", "very", "via", "was", "we", "were", "what", "when", "where", "whether", "which", "while", "who", "whom", "why",
    "will", "with", "would", "you", "your", "yours",
];

/// One content term of a text: its stem (what is compared) and the first
/// word it came from (what is shown to people).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
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

/// Normalises text into [`Term`]s. Cheap to share; build once per run.
pub struct Analyzer {
    stemmer: rust_stemmers::Stemmer,
    /// Stemmed token sequence → canonical stemmed sequence.
    aliases: HashMap<Vec<String>, Vec<String>>,
    longest_alias: usize,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer").field("aliases", &self.aliases.len()).finish()
    }
}

struct Token {
    stem: String,
    surface: String,
    stop: bool,
}

impl Analyzer {
    pub fn new(aliases: &Aliases) -> Analyzer {
        let mut analyzer = Analyzer {
            stemmer: rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English),
            aliases: HashMap::new(),
            longest_alias: 0,
        };
        for (term, same) in &aliases.groups {
            let canonical: Vec<String> = analyzer.tokens(term).into_iter().filter(|t| !t.stop).map(|t| t.stem).collect();
            if canonical.is_empty() {
                continue;
            }
            for spelling in same {
                let key: Vec<String> = analyzer.tokens(spelling).into_iter().map(|t| t.stem).collect();
                if key.is_empty() || key == canonical {
                    continue;
                }
                analyzer.longest_alias = analyzer.longest_alias.max(key.len());
                analyzer.aliases.entry(key).or_insert_with(|| canonical.clone());
            }
        }
        analyzer
    }

    /// Stems a single lowercase word, as the grader compares it.
    pub fn stem(&self, word: &str) -> String {
        self.stemmer.stem(word).into_owned()
    }

    fn tokens(&self, text: &str) -> Vec<Token> {
        let folded = fold(text);
        folded
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty() && (w.len() > 1 || w.as_bytes()[0].is_ascii_digit()))
            .map(|w| Token {
                stem: self.stemmer.stem(w).into_owned(),
                surface: w.to_string(),
                stop: STOP_WORDS.binary_search(&w).is_ok(),
            })
            .collect()
    }

    /// The content terms of `text`, in order, aliases folded to their
    /// canonical form and stop words removed.
    pub fn terms(&self, text: &str) -> Vec<Term> {
        let tokens = self.tokens(text);
        let mut out = Vec::with_capacity(tokens.len());
        let mut i = 0;
        'outer: while i < tokens.len() {
            if !self.aliases.is_empty() {
                let longest = self.longest_alias.min(tokens.len() - i);
                let mut key: Vec<String> = Vec::with_capacity(longest);
                for len in (1..=longest).rev() {
                    key.clear();
                    key.extend(tokens[i..i + len].iter().map(|t| t.stem.clone()));
                    if let Some(canonical) = self.aliases.get(&key) {
                        let surface = tokens[i..i + len].iter().map(|t| t.surface.as_str()).collect::<Vec<_>>().join(" ");
                        for stem in canonical {
                            out.push(Term {
                                stem: stem.clone(),
                                surface: surface.clone(),
                            });
                        }
                        i += len;
                        continue 'outer;
                    }
                }
            }
            let t = &tokens[i];
            if !t.stop {
                out.push(Term {
                    stem: t.stem.clone(),
                    surface: t.surface.clone(),
                });
            }
            i += 1;
        }
        out
    }

    /// Just the stems of [`Analyzer::terms`].
    pub fn stems(&self, text: &str) -> Vec<String> {
        self.terms(text).into_iter().map(|t| t.stem).collect()
    }
}

/// ASCII-folds (accents, ligatures, smart quotes) and lowercases.
fn fold(text: &str) -> String {
    if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        deunicode::deunicode(text).to_ascii_lowercase()
    }
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
    fn stop_word_list_is_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn normalises_case_punctuation_stems_and_stop_words() {
        let a = analyzer();
        assert_eq!(a.stems("Deploy, deployed; DEPLOYMENTS!"), ["deploy", "deploy", "deploy"]);
        assert_eq!(a.stems("What is the café?"), ["cafe"]);
        assert_eq!(a.stems("won’t stop"), ["won", "stop"]);
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
}
