//! Unfinished interviews on disk: one JSON file per session under
//! `<data dir>/sessions/`, rewritten atomically after every answer, hint
//! and pause, so a crash, Ctrl-C or a kill loses at most the answer being
//! typed. `grill resume` reads them back.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde::{Deserialize, Serialize};

use crate::plan::Plan;
use crate::selfgrade::SelfGrade;
use crate::sheet::Answer;

/// Version of the progress file's shape.
pub const PROGRESS_VERSION: u32 = 1;

/// When feedback on answers is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Feedback {
    /// Score and missed points after each answer.
    Instant,
    /// Everything in the final report.
    #[default]
    End,
}

/// One answer given during a live session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerRecord {
    pub id: String,
    pub text: String,
    pub seconds: u32,
    pub hints: u32,
    /// The follow-up question answered, when this is not the planned one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<String>,
    /// The candidate's own grade of it (`--self-grade`), once rated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_grade: Option<SelfGrade>,
}

impl AnswerRecord {
    pub fn to_answer(&self, session: &str) -> Answer {
        Answer {
            id: self.id.clone(),
            text: self.text.clone(),
            seconds: Some(self.seconds),
            origin: format!("session {session}"),
            hints: self.hints,
            follow_up: self.follow_up.clone(),
            self_grade: self.self_grade.clone(),
            point_spans: Default::default(),
        }
    }
}

/// Everything needed to continue an interview where it stopped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub version: u32,
    pub id: String,
    /// RFC 3339 time the session began.
    pub started_at: String,
    pub plan: Plan,
    pub feedback: Feedback,
    pub answers: Vec<AnswerRecord>,
    /// The briefing was shown and accepted: a resume goes straight on.
    #[serde(default)]
    pub briefed: bool,
    /// Index of the planned question being asked.
    pub next: usize,
    /// Whether the question at `next` was answered and its follow-up is due.
    #[serde(default)]
    pub in_follow_up: bool,
    /// Active interview time so far (pauses excluded).
    pub elapsed_ms: u64,
    /// Active time spent in the current round (pauses excluded).
    #[serde(default)]
    pub round_ms: u64,
    /// Text typed for the current question but not yet submitted.
    #[serde(default)]
    pub draft: String,
    /// Time spent on the current question so far.
    #[serde(default)]
    pub draft_ms: u64,
    #[serde(default)]
    pub draft_hints: u32,
    #[serde(default)]
    pub finished: bool,
    /// Rate each answer against the reference (`--self-grade`): after it
    /// with instant feedback, all at the end otherwise.
    #[serde(default)]
    pub self_grade: bool,
    /// A placement (`grill place`) and its question limits: the plan grows
    /// by one question at a time, chosen from the answers so far.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placement: Option<crate::placement::Limits>,
}

impl Progress {
    pub fn new(plan: Plan, feedback: Feedback) -> Progress {
        let now = jiff::Timestamp::now();
        let id = format!("{}-{}-{}", now.strftime("%Y%m%d-%H%M%S"), plan.scenario, plan.level);
        Progress {
            version: PROGRESS_VERSION,
            id,
            started_at: now.to_string(),
            plan,
            feedback,
            answers: vec![],
            briefed: false,
            next: 0,
            in_follow_up: false,
            elapsed_ms: 0,
            round_ms: 0,
            draft: String::new(),
            draft_ms: 0,
            draft_hints: 0,
            finished: false,
            self_grade: false,
            placement: None,
        }
    }

    pub fn answers(&self) -> Vec<Answer> {
        self.answers.iter().map(|a| a.to_answer(&self.id)).collect()
    }
}

/// The folder of progress files.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    pub fn new(data_dir: &Path) -> Store {
        Store {
            dir: data_dir.join("sessions"),
        }
    }

    pub fn path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.json"))
    }

    /// Writes the progress atomically; the previous copy stays intact if
    /// this write fails.
    pub fn save(&self, p: &Progress) -> anyhow::Result<()> {
        std::fs::create_dir_all(&self.dir).with_context(|| format!("cannot create {}", self.dir.display()))?;
        let text = serde_json::to_string_pretty(p).expect("progress always serialises");
        crate::atomic::write(&self.path(&p.id), &text)
    }

    /// The session `id`; an id that is not a plain name (`../x`) is refused
    /// rather than read from outside the sessions folder.
    pub fn load(&self, id: &str) -> anyhow::Result<Progress> {
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            anyhow::bail!("`{id}` is not a session id; `grill resume --list` shows them");
        }
        load(&self.path(id))
    }

    /// Removes a finished session's progress file.
    pub fn remove(&self, id: &str) -> anyhow::Result<()> {
        let path = self.path(id);
        std::fs::remove_file(&path).with_context(|| format!("cannot remove {}", path.display()))
    }

    /// Unfinished sessions, newest first, and the files that could not be
    /// read (reported, never deleted).
    pub fn unfinished(&self) -> (Vec<Progress>, Vec<String>) {
        let mut found = Vec::new();
        let mut problems = Vec::new();
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return (found, problems);
        };
        for path in entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
        {
            match load(&path) {
                Ok(p) if !p.finished => found.push(p),
                Ok(_) => {}
                Err(e) => problems.push(format!("{e:#}")),
            }
        }
        found.sort_by(|a, b| b.started_at.cmp(&a.started_at).then(b.id.cmp(&a.id)));
        (found, problems)
    }
}

fn load(path: &Path) -> anyhow::Result<Progress> {
    let bytes = crate::input::read_file(path)?;
    let text = String::from_utf8(bytes).map_err(|_| anyhow::anyhow!("{} is not UTF-8 text (it is kept as it is)", path.display()))?;
    let value: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("{} is not a grill session file (it is kept as it is)", path.display()))?;
    let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
    if version > u64::from(PROGRESS_VERSION) {
        anyhow::bail!(
            "{} was written by a newer grill (format {version}); update grill to resume it",
            path.display()
        );
    }
    serde_json::from_value(value).with_context(|| format!("{} is damaged (it is kept as it is)", path.display()))
}
