//! History: every finished session — live or from an answer sheet — kept in
//! the user's data directory, so its report can be exported again, progress
//! followed over time and drills scheduled from past scores.
//!
//! The store is a directory of `<id>.json` files, one [`SessionRecord`] each:
//! versioned, pretty-printed JSON, written atomically and never overwritten.
//! A file that cannot be read — corrupt, or written by a newer grill — is
//! reported as a [`Problem`] and left exactly as it is: history never
//! deletes or rewrites a file it does not understand. Moving history between
//! machines lives in `transfer.rs`; what is computed from the records
//! (progress, drills, which questions to avoid) lives in the modules that
//! need it.

mod review;
mod transfer;

pub use review::{REVIEW_FORMAT, REVIEW_SUFFIX, REVIEW_VERSION, ReviewedQuestion, SessionReview};
pub use transfer::{BUNDLE_FORMAT, BUNDLE_VERSION, Imported, bundle};

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::bank::Level;
pub use crate::plan::Kind;
use crate::plan::Plan;
use crate::report::{REPORT_VERSION, Report};

/// Version of the session record's shape; a file with a higher one was
/// written by a newer grill and is left unread rather than misread.
pub const RECORD_VERSION: u32 = 1;

/// How the answers were given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// Typed during a live interview.
    Live,
    /// Graded from an answer sheet (`grill run --answers`).
    Sheet,
}

/// One finished session as saved: its report and when and how it was sat.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionRecord {
    /// [`RECORD_VERSION`] of the grill that wrote it.
    pub version: u32,
    /// `YYYYMMDD-HHMMSS-xxxx` (UTC finish time, random suffix): sorts by
    /// time, unique across machines, so imports merge without duplicates.
    pub id: String,
    pub kind: Kind,
    pub source: Source,
    pub started: Timestamp,
    pub finished: Timestamp,
    /// The planned question ids in order, kept apart from the report so a
    /// session ended early still says what it would have asked.
    pub planned: Vec<String>,
    pub report: Report,
}

/// The facts about a session that a report shows beside its results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionInfo {
    pub id: String,
    pub kind: Kind,
    pub source: Source,
    pub started: Timestamp,
    pub finished: Timestamp,
}

impl SessionRecord {
    /// A record for a session that ran from `started` to `finished` (kept
    /// to the second), with a fresh id.
    pub fn new(plan: &Plan, report: Report, kind: Kind, source: Source, started: Timestamp, finished: Timestamp) -> Self {
        // Whole milliseconds, rounded down: a record must never claim a moment
        // later than now (the drill treats the future as not yet due).
        let second = |t: Timestamp| Timestamp::from_millisecond(t.as_millisecond()).unwrap_or(t);
        let (started, finished) = (second(started), second(finished));
        SessionRecord {
            version: RECORD_VERSION,
            id: new_id(finished),
            kind,
            source,
            started,
            finished,
            planned: plan.questions.iter().map(|q| q.id.clone()).collect(),
            report,
        }
    }

    pub fn info(&self) -> SessionInfo {
        SessionInfo {
            id: self.id.clone(),
            kind: self.kind,
            source: self.source,
            started: self.started,
            finished: self.finished,
        }
    }

    /// Whether this session is one of `scenario` at `level` of `kind` — the
    /// sessions a trend compares. Placements of a scenario compare whatever
    /// level they placed.
    pub fn is_like(&self, scenario: &str, level: Level, kind: Kind) -> bool {
        self.report.scenario == scenario && self.kind == kind && (kind == Kind::Placement || self.report.level == level)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a record always serialises") + "\n"
    }

    /// The time the candidate took, for lists: the report's total, or for
    /// a live session whose clock ran out before every question was asked
    /// (those have no time, so the report has no total) the sum of the
    /// times it did note. A sheet without times has none.
    pub fn time_taken(&self) -> Option<u32> {
        let questions = &self.report.questions;
        self.report.seconds.or_else(|| {
            (self.source == Source::Live && questions.iter().any(|q| q.seconds.is_some()))
                .then(|| questions.iter().filter_map(|q| q.seconds).sum())
        })
    }
}

/// `ts` in the local time zone, as lists and reports show dates.
pub fn local_time(ts: Timestamp) -> String {
    ts.to_zoned(jiff::tz::TimeZone::system()).strftime("%Y-%m-%d %H:%M").to_string()
}

fn new_id(finished: Timestamp) -> String {
    format!("{}-{:04x}", finished.strftime("%Y%m%d-%H%M%S"), rand::random::<u16>())
}

/// Ids name files, so they are kept to characters safe in any file name.
pub fn valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len()) && !id.starts_with('-') && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A history file that was not read, and why. The file is left alone.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub path: PathBuf,
    pub reason: Reason,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// Not a session record: bad JSON, a wrong shape, an unsafe id.
    Corrupt(String),
    /// Written by a newer grill, whose format this one cannot know.
    Newer { found: u64, supported: u32 },
    /// Holds a session already read from another file.
    Duplicate(String),
    /// Not a regular file (a FIFO, a device, a directory): never opened,
    /// since reading one could wait forever or never end.
    NotRegular(&'static str),
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Corrupt(why) => f.write_str(why),
            Reason::NotRegular(what) => write!(f, "{what}, not a session file; skipped without reading it (remove it)"),
            Reason::Newer { found, supported } => write!(
                f,
                "written by a newer grill (format version {found}; this one reads up to {supported}); upgrade grill to read it"
            ),
            Reason::Duplicate(id) => write!(f, "holds session `{id}`, already read from another file"),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}; the file was skipped and left as it is",
            self.path.display(),
            self.reason
        )
    }
}

/// Reads a session record, checking its versions before its shape so a
/// newer file is called newer, not corrupt; an older report is brought up
/// to date ([`Report::upgrade`]).
pub fn parse_record(text: &str) -> Result<SessionRecord, Reason> {
    let value: Value = serde_json::from_str(text).map_err(|e| Reason::Corrupt(format!("not valid JSON: {e}")))?;
    check_versions(&value)?;
    let mut record: SessionRecord = serde_json::from_str(text).map_err(|e| Reason::Corrupt(format!("not a grill session record: {e}")))?;
    record.report.upgrade();
    check_id(record)
}

/// [`parse_record`] for a record inside a larger document.
pub fn record_from_value(value: Value) -> Result<SessionRecord, Reason> {
    check_versions(&value)?;
    let mut record: SessionRecord =
        serde_json::from_value(value).map_err(|e| Reason::Corrupt(format!("not a grill session record: {e}")))?;
    record.report.upgrade();
    check_id(record)
}

fn check_versions(value: &Value) -> Result<(), Reason> {
    let Some(object) = value.as_object() else {
        return Err(Reason::Corrupt("not a grill session record: expected a JSON object".into()));
    };
    let version = |v: Option<&Value>| v.and_then(|v| v.get("version")).and_then(Value::as_u64);
    let Some(found) = version(Some(value)) else {
        return Err(Reason::Corrupt("not a grill session record: no `version` number".into()));
    };
    if found > u64::from(RECORD_VERSION) {
        return Err(Reason::Newer {
            found,
            supported: RECORD_VERSION,
        });
    }
    match version(object.get("report")) {
        Some(found) if found > u64::from(REPORT_VERSION) => Err(Reason::Newer {
            found,
            supported: REPORT_VERSION,
        }),
        _ => Ok(()),
    }
}

fn check_id(record: SessionRecord) -> Result<SessionRecord, Reason> {
    if valid_id(&record.id) {
        Ok(record)
    } else {
        Err(Reason::Corrupt(format!(
            "its id `{}` may hold only letters, digits, `-` and `_`",
            record.id.escape_debug()
        )))
    }
}

/// Every readable session, oldest first, and the files that were not read.
#[derive(Debug, Default)]
pub struct Listing {
    pub sessions: Vec<SessionRecord>,
    pub problems: Vec<Problem>,
    paths: HashMap<String, PathBuf>,
    /// Every `*.json` file name stem, readable or not: ids taken on disk.
    stems: BTreeSet<String>,
    /// The review of each reviewed session, by session id.
    reviews: HashMap<String, SessionReview>,
}

/// Why a session asked for by id is not there.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LookupError {
    #[error("history is empty; a session is saved each time you run one (grill run --answers FILE)")]
    Empty,
    #[error("no session `{0}` in history; `grill history` lists them")]
    NotFound(String),
    #[error("`{prefix}` matches {} sessions ({}); give more of the id", .matches.len(), .matches.join(", "))]
    Ambiguous { prefix: String, matches: Vec<String> },
}

impl Listing {
    /// The session finished last.
    pub fn last(&self) -> Option<&SessionRecord> {
        self.sessions.last()
    }

    /// The session `id` names: `last`, a whole id, or a unique prefix.
    pub fn find(&self, id: &str) -> Result<&SessionRecord, LookupError> {
        if self.sessions.is_empty() {
            return Err(LookupError::Empty);
        }
        if id == "last" {
            return self.last().ok_or(LookupError::Empty);
        }
        if let Some(exact) = self.sessions.iter().find(|s| s.id == id) {
            return Ok(exact);
        }
        let matches: Vec<&SessionRecord> = self.sessions.iter().filter(|s| s.id.starts_with(id)).collect();
        match matches.as_slice() {
            [one] => Ok(one),
            [] => Err(LookupError::NotFound(id.to_string())),
            many => Err(LookupError::Ambiguous {
                prefix: id.to_string(),
                matches: many.iter().take(5).map(|s| s.id.clone()).collect(),
            }),
        }
    }

    /// The candidate's latest review of session `id`, if any.
    pub fn review(&self, id: &str) -> Option<&SessionReview> {
        self.reviews.get(id)
    }

    /// Every review read, in session order.
    pub fn reviews(&self) -> Vec<&SessionReview> {
        self.sessions.iter().filter_map(|s| self.reviews.get(&s.id)).collect()
    }

    /// The file a session was read from.
    pub fn path(&self, id: &str) -> Option<&Path> {
        self.paths.get(id).map(PathBuf::as_path)
    }

    /// Whether `id` is taken, by a readable session or by a file name.
    pub fn holds(&self, id: &str) -> bool {
        self.paths.contains_key(id) || self.stems.contains(id)
    }
}

/// The history directory and the operations on it.
#[derive(Debug, Clone)]
pub struct History {
    dir: PathBuf,
}

impl History {
    /// History kept in `dir` (created when the first session is saved).
    pub fn open(dir: impl Into<PathBuf>) -> History {
        History { dir: dir.into() }
    }

    /// History in the user's data directory
    /// ([`crate::paths::data_dir`]`/history`).
    pub fn from_env() -> History {
        History::open(crate::paths::data_dir().join("history"))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Saves `record` as a new file. Fails rather than replace a file.
    pub fn save(&self, record: &SessionRecord) -> anyhow::Result<PathBuf> {
        if !valid_id(&record.id) {
            bail!(
                "cannot save session `{}`: an id may hold only letters, digits, `-` and `_`",
                record.id
            );
        }
        std::fs::create_dir_all(&self.dir).with_context(|| format!("cannot create the history directory {}", self.dir.display()))?;
        let path = self.dir.join(format!("{}.json", record.id));
        if path.exists() {
            bail!("{} already exists; a saved session is never overwritten", path.display());
        }
        crate::atomic::write(&path, &record.to_json())?;
        Ok(path)
    }

    /// Reads every session, each with its review (if any) laid over its own
    /// self grades ([`SessionReview::apply`]): what every reader of history
    /// wants. A missing directory is an empty history; an unreadable file
    /// is a [`Problem`], not an error.
    pub fn list(&self) -> anyhow::Result<Listing> {
        let mut listing = self.list_unreviewed()?;
        for s in &mut listing.sessions {
            if let Some(review) = listing.reviews.get(&s.id) {
                review.apply(&mut s.report);
            }
        }
        Ok(listing)
    }

    /// Reads every session as saved, its reviews beside it in
    /// [`Listing::review`] but not applied: what an export carries.
    pub fn list_unreviewed(&self) -> anyhow::Result<Listing> {
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Listing::default()),
            Err(e) => return Err(e).with_context(|| format!("cannot read the history directory {}", self.dir.display())),
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                // Hidden files are other programs' or a killed write's leftovers.
                let name = p.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
                !name.starts_with('.') && name.ends_with(".json") && !name.ends_with(REVIEW_SUFFIX)
            })
            .collect();
        files.sort();
        let mut listing = Listing::default();
        for path in files {
            if let Some(stem) = path.file_stem() {
                listing.stems.insert(stem.to_string_lossy().into_owned());
            }
            let read = crate::input::read_file(&path)
                .map_err(|e| match e {
                    crate::input::InputError::NotRegular { what, .. } => Reason::NotRegular(what),
                    e => Reason::Corrupt(format!("cannot read: {e}")),
                })
                .and_then(|bytes| String::from_utf8(bytes).map_err(|_| Reason::Corrupt("not UTF-8 text".into())))
                .and_then(|text| parse_record(&text));
            match read {
                Ok(record) if listing.paths.contains_key(&record.id) => listing.problems.push(Problem {
                    path,
                    reason: Reason::Duplicate(record.id),
                }),
                Ok(record) => {
                    match self.load_review(&record.id) {
                        Ok(Some(review)) => {
                            listing.reviews.insert(record.id.clone(), review);
                        }
                        Ok(None) => {}
                        Err(reason) => listing.problems.push(Problem {
                            path: self.review_path(&record.id),
                            reason,
                        }),
                    }
                    listing.paths.insert(record.id.clone(), path);
                    listing.sessions.push(record);
                }
                Err(reason) => listing.problems.push(Problem { path, reason }),
            }
        }
        listing
            .sessions
            .sort_by(|a, b| a.finished.cmp(&b.finished).then_with(|| a.id.cmp(&b.id)));
        Ok(listing)
    }

    /// Deletes the session `id` names (as [`Listing::find`]) and returns it.
    pub fn delete(&self, id: &str) -> anyhow::Result<SessionRecord> {
        let listing = self.list()?;
        let record = listing.find(id)?.clone();
        let path = listing.path(&record.id).expect("a listed session has a path");
        std::fs::remove_file(path).with_context(|| format!("cannot delete {}", path.display()))?;
        // Its review goes with it; a review of no session would be read by nothing.
        if listing.review(&record.id).is_some() {
            let review = self.review_path(&record.id);
            std::fs::remove_file(&review).with_context(|| format!("cannot delete {}", review.display()))?;
        }
        Ok(record)
    }
}

#[cfg(test)]
mod tests;
