//! Everything grill can ask: the embedded banks, aliases and scenarios plus
//! any the user adds, loaded together and checked across files.
//!
//! Per-file checks live with each format ([`crate::bank`],
//! [`crate::scenario`]); this module adds what needs all files at once:
//! ids unique across banks, scenarios naming banks that exist and that hold
//! enough questions at each level. Problems from every file are collected
//! before anything is reported.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::bank::{Bank, Level, Question};
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use crate::grade::{Grader, Idf};
use crate::scenario::Scenario;
use crate::text::{Aliases, Analyzer};

pub mod strict;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// The kinds of file grill reads as content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Bank,
    Scenario,
    Aliases,
}

impl FileKind {
    /// The kind of a file in a bank directory: `aliases.toml` or a bank.
    fn in_banks(path: &Path) -> FileKind {
        if path.file_name().is_some_and(|n| n == "aliases.toml") {
            FileKind::Aliases
        } else {
            FileKind::Bank
        }
    }

    /// Guesses a file's kind from its name and content, for paths given one
    /// by one (`grill banks check FILE`).
    pub fn detect(path: &Path, text: &str) -> FileKind {
        let has_line = |prefix: &str| text.lines().any(|l| l.trim_start().starts_with(prefix));
        if path.file_name().is_some_and(|n| n == "aliases.toml") || has_line("[[alias]]") {
            FileKind::Aliases
        } else if has_line("[[question]]") {
            FileKind::Bank
        } else if path.parent().and_then(Path::file_name).is_some_and(|d| d == "scenarios")
            || has_line("[levels")
            || has_line("[[round]]")
            || has_line("briefing")
        {
            FileKind::Scenario
        } else {
            FileKind::Bank
        }
    }
}

/// Where to load content from.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// Include the banks and scenarios built into the binary.
    pub embedded: bool,
    /// Directories of user banks (`*.toml`, `aliases.toml`) with an optional
    /// `scenarios/` folder inside.
    pub dirs: Vec<PathBuf>,
    /// Single files, their kind detected.
    pub files: Vec<PathBuf>,
}

impl Sources {
    pub fn embedded() -> Sources {
        Sources {
            embedded: true,
            ..Sources::default()
        }
    }
}

/// All loaded content, checked.
#[derive(Debug, Default)]
pub struct Catalog {
    pub banks: Vec<Bank>,
    pub scenarios: Vec<Scenario>,
    pub aliases: Aliases,
    index: HashMap<String, (usize, usize)>,
    /// Where each follow-up id is defined: follow-up ids share the
    /// namespace of question ids (reports and history name items by id).
    follow_up_ids: HashMap<String, String>,
}

impl Catalog {
    /// Loads and cross-checks everything in `sources`, reporting all
    /// problems from all files together.
    pub fn load(sources: &Sources) -> Result<Catalog, Diagnostics> {
        let mut inputs = Vec::new();
        if sources.embedded {
            for (name, text) in embedded::BANKS {
                inputs.push(Input::Embedded(FileKind::in_banks(Path::new(name)), name, text));
            }
            for (name, text) in embedded::SCENARIOS {
                inputs.push(Input::Embedded(FileKind::Scenario, name, text));
            }
        }
        for dir in &sources.dirs {
            list_into(dir, |path| Some(FileKind::in_banks(path)), &mut inputs);
            let scenarios = dir.join("scenarios");
            if scenarios.is_dir() {
                list_into(&scenarios, |_| Some(FileKind::Scenario), &mut inputs);
            }
        }
        for path in &sources.files {
            path_into(path, None, &mut inputs);
        }
        Catalog::build(&inputs)
    }

    /// Builds a catalog from files already read, checking across them.
    pub fn from_files(files: &[(FileKind, SourceFile)]) -> Result<Catalog, Diagnostics> {
        let inputs: Vec<Input> = files.iter().map(|(kind, src)| Input::Read(*kind, src)).collect();
        Catalog::build(&inputs)
    }

    /// Reads and parses every input, then checks across files. Problems
    /// reading files come first, in the order the files were found; then
    /// those in their contents, in file order (which decides which of two
    /// duplicates is reported).
    fn build(inputs: &[Input]) -> Result<Catalog, Diagnostics> {
        let mut problems = Diagnostics::default();
        let mut parsed = Vec::with_capacity(inputs.len());
        for loaded in load_all(inputs) {
            match loaded {
                Loaded::Unread(d) => problems.push(d),
                Loaded::Parsed(result) => parsed.push(result),
            }
        }
        let mut catalog = Catalog::default();
        let mut scenario_sources = Vec::new();
        for result in parsed {
            match result {
                Err(d) => problems.0.extend(d.0),
                Ok(Parsed::Bank(bank)) => catalog.add_bank(bank, &mut problems),
                Ok(Parsed::Aliases(a)) => catalog.aliases.extend(a),
                Ok(Parsed::Scenario(s, src)) => {
                    if let Some(first) = catalog.scenarios.iter().find(|x| x.id == s.id) {
                        problems.push(
                            Diagnostic::file(
                                &src.name,
                                format!("duplicate scenario id `{}` (first defined in {})", s.id, first.origin),
                            )
                            .with_help("give the scenario another id"),
                        );
                    } else {
                        scenario_sources.push(src);
                        catalog.scenarios.push(*s);
                    }
                }
            }
        }
        for (scenario, src) in catalog.scenarios.iter().zip(&scenario_sources) {
            catalog.check_scenario(scenario, src, &mut problems);
        }
        problems.into_result(catalog)
    }

    /// The default content only; it is checked by the test suite, so failing
    /// here is a build defect, reported like any other.
    pub fn embedded() -> Result<Catalog, Diagnostics> {
        Catalog::load(&Sources::embedded())
    }

    fn add_bank(&mut self, bank: Bank, problems: &mut Diagnostics) {
        if let Some(first) = self.banks.iter().find(|b| b.id == bank.id) {
            problems.push(
                Diagnostic::file(
                    &split_origin(&bank.origin).0,
                    format!("duplicate bank id `{}` (first defined in {})", bank.id, first.origin),
                )
                .with_help("give each bank its own id"),
            );
            return;
        }
        let b = self.banks.len();
        let mut kept: Vec<Question> = Vec::with_capacity(bank.questions.len());
        for q in bank.questions {
            let first = match self.index.get(&q.id) {
                Some(&(fb, fq)) if fb == b => Some(kept[fq].origin.clone()),
                Some(&(fb, fq)) => Some(self.banks[fb].questions[fq].origin.clone()),
                None => self.follow_up_ids.get(&q.id).cloned(),
            };
            if let Some(first) = first {
                problems.push(duplicate(&q.origin, "question", &q.id, &first));
                continue;
            }
            for f in &q.follow_ups {
                let Some(id) = &f.id else { continue };
                let first = match self.index.get(id) {
                    Some(&(fb, fq)) if fb == b => Some(kept[fq].origin.clone()),
                    Some(&(fb, fq)) => Some(self.banks[fb].questions[fq].origin.clone()),
                    None if *id == q.id => Some(q.origin.clone()),
                    None => self.follow_up_ids.get(id).cloned(),
                };
                match first {
                    Some(first) => problems.push(duplicate(&f.origin, "follow-up", id, &first)),
                    None => {
                        self.follow_up_ids.insert(id.clone(), f.origin.clone());
                    }
                }
            }
            self.index.insert(q.id.clone(), (b, kept.len()));
            kept.push(q);
        }
        self.banks.push(Bank { questions: kept, ..bank });
    }

    fn check_scenario(&self, scenario: &Scenario, src: &SourceFile, problems: &mut Diagnostics) {
        let mut missing = false;
        for (_, name, span) in &scenario.bank_spans {
            if self.bank(name).is_none() {
                missing = true;
                let known: Vec<&str> = self.banks.iter().map(|b| b.id.as_str()).collect();
                problems.push(
                    src.error_at(
                        span.clone(),
                        format!("scenario `{}` names bank `{name}`, which does not exist", scenario.id),
                    )
                    .with_help(format!("known banks: {}", known.join(", "))),
                );
            }
        }
        if missing {
            return;
        }
        for level in scenario.levels() {
            let mut asked = 0;
            let mut pool: HashSet<&str> = HashSet::new();
            for round in &scenario.rounds {
                let Some(size) = round.sizes.get(&level) else { continue };
                let available: Vec<&Question> = round
                    .banks
                    .iter()
                    .filter_map(|b| self.bank(b))
                    .flat_map(|b| &b.questions)
                    .filter(|q| q.level == level && !q.draft && round.topic_mix.get(&q.topic) != Some(&0))
                    .collect();
                asked += size.questions;
                pool.extend(available.iter().map(|q| q.id.as_str()));
                if available.len() < size.questions {
                    problems.push(
                        Diagnostic::file(
                            &src.name,
                            format!(
                                "scenario `{}` round `{}` asks {} {level} questions, but its banks hold {}",
                                scenario.id,
                                round.title,
                                size.questions,
                                available.len()
                            ),
                        )
                        .with_help(format!(
                            "lower `questions` for `{level}` or add {level} questions to {}",
                            round.banks.join(", ")
                        )),
                    );
                }
            }
            if asked > pool.len()
                && pool.len()
                    >= scenario
                        .rounds
                        .iter()
                        .filter_map(|r| r.sizes.get(&level))
                        .map(|s| s.questions)
                        .max()
                        .unwrap_or(0)
            {
                problems.push(
                    Diagnostic::file(
                        &src.name,
                        format!(
                            "scenario `{}` asks {asked} {level} questions over its rounds, but their banks hold {} distinct ones",
                            scenario.id,
                            pool.len()
                        ),
                    )
                    .with_help("rounds share banks: ask fewer questions or add more"),
                );
            }
        }
    }

    pub fn bank(&self, id: &str) -> Option<&Bank> {
        self.banks.iter().find(|b| b.id == id)
    }

    pub fn scenario(&self, id: &str) -> Option<&Scenario> {
        self.scenarios.iter().find(|s| s.id == id)
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.index.get(id).map(|&(b, q)| &self.banks[b].questions[q])
    }

    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.banks.iter().flat_map(|b| &b.questions)
    }

    /// Questions at a level from the named banks, in file order.
    pub fn pool<'a>(&'a self, banks: &'a [String], level: Level) -> impl Iterator<Item = &'a Question> + 'a {
        banks
            .iter()
            .filter_map(|b| self.bank(b))
            .flat_map(|b| &b.questions)
            .filter(move |q| q.level == level && !q.draft)
    }

    /// A grader whose term rarities come from every reference answer here.
    pub fn grader(&self) -> Grader {
        let analyzer = Analyzer::new(&self.aliases);
        let idf = Idf::from_texts(&analyzer, self.questions().map(|q| q.reference.as_str()));
        Grader::new(analyzer, idf)
    }
}

/// A file to load. Files on disk are read by the worker that parses them
/// and dropped once parsed, so a large bank directory is never in memory
/// as text and as questions at once.
enum Input<'a> {
    /// Built into the binary: its name under `<embedded>/`, and its text.
    Embedded(FileKind, &'static str, &'static str),
    /// Read already by the caller.
    Read(FileKind, &'a SourceFile),
    /// On disk; its kind detected from name and content when `None`.
    Path(PathBuf, Option<FileKind>),
    /// A directory that could not be listed.
    Unlisted(Diagnostic),
}

/// What became of one input.
enum Loaded {
    /// It could not be listed or read, or it was empty.
    Unread(Diagnostic),
    Parsed(Result<Parsed, Diagnostics>),
}

/// One file, parsed by the module that owns its format. A scenario keeps
/// its source: checks against the banks point into it later.
enum Parsed {
    Bank(Bank),
    Aliases(Aliases),
    Scenario(Box<Scenario>, SourceFile),
}

fn load_one(input: &Input) -> Loaded {
    match input {
        Input::Embedded(FileKind::Bank, name, text) => {
            Loaded::Parsed(Bank::parse_text(&format!("<embedded>/{name}"), text).map(Parsed::Bank))
        }
        Input::Embedded(kind, name, text) => {
            Loaded::Parsed(parse_one(*kind, Cow::Owned(SourceFile::new(format!("<embedded>/{name}"), *text))))
        }
        Input::Read(kind, src) => Loaded::Parsed(parse_one(*kind, Cow::Borrowed(*src))),
        Input::Path(path, kind) => match SourceFile::read(path) {
            Ok(src) if src.text.trim().is_empty() => Loaded::Unread(
                Diagnostic::file(&src.name, "the file is empty")
                    .with_help("a bank needs `id`, `title` and [[question]] tables (see docs/banks.md)"),
            ),
            Ok(src) => {
                let kind = kind.unwrap_or_else(|| FileKind::detect(path, &src.text));
                Loaded::Parsed(parse_one(kind, Cow::Owned(src)))
            }
            Err(d) => Loaded::Unread(d),
        },
        Input::Unlisted(d) => Loaded::Unread(d.clone()),
    }
}

fn parse_one(kind: FileKind, src: Cow<SourceFile>) -> Result<Parsed, Diagnostics> {
    match kind {
        FileKind::Bank => Bank::parse(&src).map(Parsed::Bank),
        FileKind::Aliases => Aliases::parse(&src).map(Parsed::Aliases),
        FileKind::Scenario => Scenario::parse(&src).map(|s| Parsed::Scenario(Box::new(s), src.into_owned())),
    }
}

/// Loads every input, in parallel (parsing dominates start-up and large
/// loads, and files are independent), keeping the results in input order.
fn load_all(inputs: &[Input]) -> Vec<Loaded> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(inputs.len());
    if workers <= 1 {
        return inputs.iter().map(load_one).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<(usize, Loaded)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(input) = inputs.get(i) else { break done };
                        done.push((i, load_one(input)));
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("parsing does not panic"))
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

/// A duplicate id of a `what` (question or follow-up) at `origin`, first
/// defined at `first`.
fn duplicate(origin: &str, what: &str, id: &str, first: &str) -> Diagnostic {
    let (file, line, column) = split_origin(origin);
    Diagnostic {
        origin: file,
        line,
        column,
        message: format!("duplicate {what} id `{id}` (first defined at {first})"),
        snippet: None,
        help: Some("question and follow-up ids must be unique across all banks; rename one".into()),
    }
}

/// Splits `path:line:col` back into its parts.
fn split_origin(origin: &str) -> (String, usize, usize) {
    let mut parts = origin.rsplitn(3, ':');
    let col = parts.next().and_then(|c| c.parse().ok()).unwrap_or(1);
    let line = parts.next().and_then(|l| l.parse().ok()).unwrap_or(1);
    (parts.next().unwrap_or(origin).to_string(), line, col)
}

fn toml_files(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Diagnostic::file(&dir.display().to_string(), format!("cannot read directory: {e}"))
            .with_help("pass a directory of bank files (*.toml)")
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    Ok(paths)
}

/// Adds the `*.toml` files of `dir`, each of the kind `kind_of` says.
fn list_into(dir: &Path, kind_of: impl Fn(&Path) -> Option<FileKind>, inputs: &mut Vec<Input>) {
    match toml_files(dir) {
        Ok(paths) => inputs.extend(paths.into_iter().map(|p| {
            let kind = kind_of(&p);
            Input::Path(p, kind)
        })),
        Err(d) => inputs.push(Input::Unlisted(d)),
    }
}

/// Adds a path given on the command line: a file, or a directory of files
/// (and its `scenarios/`, when the kind is left to detection).
fn path_into(path: &Path, kind: Option<FileKind>, inputs: &mut Vec<Input>) {
    if !path.is_dir() {
        inputs.push(Input::Path(path.to_path_buf(), kind));
        return;
    }
    list_into(path, |_| kind, inputs);
    let scenarios = path.join("scenarios");
    if kind.is_none() && scenarios.is_dir() {
        path_into(&scenarios, Some(FileKind::Scenario), inputs);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreadable_files_are_reported_before_problems_inside_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.toml"), "id = \"a\"\ntitle = 1\n").unwrap();
        std::fs::write(dir.path().join("b.toml"), " \n").unwrap();
        std::fs::write(dir.path().join("c.toml"), [0xff, 0xfe]).unwrap();
        let sources = Sources {
            dirs: vec![dir.path().to_path_buf()],
            ..Sources::default()
        };
        let shown: Vec<String> = Catalog::load(&sources).unwrap_err().0.iter().map(|d| d.message.clone()).collect();
        assert_eq!(shown.len(), 3, "{shown:?}");
        assert!(shown[0].contains("the file is empty"), "{shown:?}");
        assert!(shown[1].contains("not valid UTF-8"), "{shown:?}");
        assert!(shown[2].contains("invalid type"), "{shown:?}");
    }

    #[test]
    fn follow_up_ids_are_unique_among_questions_and_follow_ups() {
        let bank = |bank: &str, question: &str, follow_up: &str| {
            let text = format!(
                "id = \"{bank}\"\ntitle = \"T\"\n[[question]]\nid = \"{question}\"\nprompt = \"P?\"\nlevel = \"mid\"\n\
                 topic = \"cost\"\ndifficulty = 1\nreference = \"R.\"\n[[question.key_points]]\npoint = \"r\"\nweight = 1\n\
                 [[question.follow_ups]]\nid = \"{follow_up}\"\nprompt = \"Q?\"\nreference = \"A.\"\n\
                 [[question.follow_ups.key_points]]\npoint = \"a\"\nweight = 1\n[[question.follow_ups.key_points]]\npoint = \"b\"\nweight = 1\n"
            );
            (FileKind::Bank, SourceFile::new(format!("{bank}.toml"), text))
        };
        assert!(Catalog::from_files(&[bank("a", "a-1", "a-1-f1"), bank("b", "b-1", "b-1-f1")]).is_ok());
        for (files, expected) in [
            (
                vec![bank("a", "a-1", "a-1-f1"), bank("b", "b-1", "a-1-f1")],
                "b.toml:13:1: duplicate follow-up id `a-1-f1` (first defined at a.toml:13:1)",
            ),
            (
                vec![bank("a", "a-1", "a-1-f1"), bank("b", "a-1-f1", "b-1-f1")],
                "b.toml:3:1: duplicate question id `a-1-f1` (first defined at a.toml:13:1)",
            ),
            (
                vec![bank("a", "a-1", "a-1-f1"), bank("b", "b-1", "a-1")],
                "b.toml:13:1: duplicate follow-up id `a-1` (first defined at a.toml:3:1)",
            ),
            (
                vec![bank("a", "a-1", "a-1")],
                "a.toml:13:1: duplicate follow-up id `a-1` (first defined at a.toml:3:1)",
            ),
        ] {
            let shown = Catalog::from_files(&files).unwrap_err().to_string();
            assert!(shown.contains(expected), "expected {expected:?} in:\n{shown}");
        }
    }

    #[test]
    fn origins_split_back_into_parts() {
        assert_eq!(split_origin("a/b.toml:12:3"), ("a/b.toml".to_string(), 12, 3));
    }
}
