//! Reviews: the candidate's own grades given after a session was saved
//! (`grill review`). A saved session is never rewritten, so a review lives
//! beside it as `history/ID.review.json` and is laid over the session's own
//! self grades whenever history is read — by `report`, `history`, `drill`
//! and `progress` alike.
//!
//! A review file holds the whole of the candidate's latest judgement of
//! the session: a newer review starts from the older one's ratings,
//! replaces the file (atomically) and names the review it supersedes. It
//! stores each rated question's assessment as computed when it was given
//! (score, rating, checklist, disagreements), so laying it over a report
//! needs no bank.

use std::path::PathBuf;

use anyhow::Context as _;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{History, Reason, valid_id};
use crate::report::Report;
use crate::selfgrade::SelfAssessment;

/// The `format` field that marks a review file.
pub const REVIEW_FORMAT: &str = "grill-review";
/// Version of the review file's shape.
pub const REVIEW_VERSION: u32 = 1;
/// What a review file's name ends with after the session's id.
pub const REVIEW_SUFFIX: &str = ".review.json";

/// The candidate's later grades of one saved session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionReview {
    pub format: String,
    pub version: u32,
    /// The id of the session reviewed.
    pub session: String,
    /// When this review was last added to.
    pub reviewed: Timestamp,
    /// When the review this one replaced was made, if any.
    #[serde(default)]
    pub supersedes: Option<Timestamp>,
    /// Each question rated, by its place in the report.
    pub questions: Vec<ReviewedQuestion>,
}

/// One question's grade in a review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewedQuestion {
    /// The question's index in the session's report.
    pub index: usize,
    /// Its id, so a review never lands on another question.
    pub id: String,
    #[serde(flatten)]
    pub own: SelfAssessment,
}

impl SessionReview {
    /// A new review of session `session` at `now`, starting from the
    /// ratings of the `previous` review, which it supersedes.
    pub fn new(session: &str, previous: Option<&SessionReview>, now: Timestamp) -> SessionReview {
        SessionReview {
            format: REVIEW_FORMAT.into(),
            version: REVIEW_VERSION,
            session: session.into(),
            reviewed: now,
            supersedes: previous.map(|p| p.reviewed),
            questions: previous.map(|p| p.questions.clone()).unwrap_or_default(),
        }
    }

    /// Records the grade of question `index` (`id`), replacing an earlier one.
    pub fn record(&mut self, index: usize, id: &str, own: SelfAssessment, now: Timestamp) {
        self.questions.retain(|q| q.index != index);
        self.questions.push(ReviewedQuestion { index, id: id.into(), own });
        self.questions.sort_by_key(|q| q.index);
        self.reviewed = now;
    }

    /// Lays the review's grades over `report`'s own (a question whose id
    /// does not match is left alone) and sums the self grades up again.
    pub fn apply(&self, report: &mut Report) {
        for r in &self.questions {
            if let Some(q) = report.questions.get_mut(r.index).filter(|q| q.id == r.id) {
                q.own = r.own.clone();
            }
        }
        report.resum_self();
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a review always serialises") + "\n"
    }

    /// Reads a review, checking its format and version before its shape.
    pub fn parse(text: &str) -> Result<SessionReview, Reason> {
        let value: Value = serde_json::from_str(text).map_err(|e| Reason::Corrupt(format!("not valid JSON: {e}")))?;
        SessionReview::from_value(value)
    }

    /// [`SessionReview::parse`] for a review inside a larger document.
    pub fn from_value(value: Value) -> Result<SessionReview, Reason> {
        if value.get("format").and_then(Value::as_str) != Some(REVIEW_FORMAT) {
            return Err(Reason::Corrupt(format!(
                "not a grill review: expected `\"format\": \"{REVIEW_FORMAT}\"`"
            )));
        }
        let found = value.get("version").and_then(Value::as_u64).unwrap_or(0);
        if found > u64::from(REVIEW_VERSION) {
            return Err(Reason::Newer {
                found,
                supported: REVIEW_VERSION,
            });
        }
        let review: SessionReview = serde_json::from_value(value).map_err(|e| Reason::Corrupt(format!("not a grill review: {e}")))?;
        if !valid_id(&review.session) {
            return Err(Reason::Corrupt(format!(
                "its session id `{}` may hold only letters, digits, `-` and `_`",
                review.session.escape_debug()
            )));
        }
        Ok(review)
    }
}

impl History {
    /// Where the review of session `id` lives.
    pub fn review_path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}{REVIEW_SUFFIX}"))
    }

    /// Writes `review` atomically, replacing the older review of the same
    /// session (never the session itself).
    pub fn save_review(&self, review: &SessionReview) -> anyhow::Result<PathBuf> {
        if !valid_id(&review.session) {
            anyhow::bail!("cannot save a review of session `{}`: not a valid id", review.session);
        }
        std::fs::create_dir_all(&self.dir).with_context(|| format!("cannot create the history directory {}", self.dir.display()))?;
        let path = self.review_path(&review.session);
        crate::atomic::write(&path, &review.to_json())?;
        Ok(path)
    }

    /// The review of session `id`: `Ok(None)` when there is none.
    pub fn load_review(&self, id: &str) -> Result<Option<SessionReview>, Reason> {
        let path = self.review_path(id);
        if !path.exists() {
            return Ok(None);
        }
        let bytes = crate::input::read_file(&path).map_err(|e| match e {
            crate::input::InputError::NotRegular { what, .. } => Reason::NotRegular(what),
            e => Reason::Corrupt(format!("cannot read: {e}")),
        })?;
        let text = String::from_utf8(bytes).map_err(|_| Reason::Corrupt("not UTF-8 text".into()))?;
        let review = SessionReview::parse(&text)?;
        if review.session != id {
            return Err(Reason::Corrupt(format!(
                "it reviews session `{}`, not `{id}`",
                review.session.escape_debug()
            )));
        }
        Ok(Some(review))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Level;
    use crate::fixtures::report;

    fn own(score: f64) -> SelfAssessment {
        SelfAssessment {
            self_score: Some(score),
            ..Default::default()
        }
    }

    #[test]
    fn a_review_lays_its_grades_over_the_report_and_a_newer_one_keeps_the_older_ratings() {
        let t0: Timestamp = "2026-12-01T10:00:00Z".parse().unwrap();
        let t1: Timestamp = "2026-12-02T10:00:00Z".parse().unwrap();
        let mut first = SessionReview::new("s1", None, t0);
        first.record(0, "q1", own(80.0), t0);
        first.record(1, "wrong-id", own(10.0), t0);
        let mut r = report("k", Level::Mid, &[("q1", "security", 40.0), ("q2", "cost", 60.0)]);
        first.apply(&mut r);
        assert_eq!(r.questions[0].own.self_score, Some(80.0));
        assert_eq!(r.questions[1].own.self_score, None, "a review never lands on another question");
        assert_eq!((r.own.self_rated, r.own.grader_score_same), (1, Some(40.0)));

        let mut second = SessionReview::new("s1", Some(&first), t1);
        second.record(0, "q1", own(50.0), t1);
        assert_eq!(second.supersedes, Some(t0));
        assert_eq!(second.questions.len(), 2, "ratings not changed are kept");
        let back = SessionReview::parse(&second.to_json()).unwrap();
        assert_eq!(back, second);
        assert!(matches!(
            SessionReview::parse(&second.to_json().replace("\"version\": 1", "\"version\": 9")),
            Err(Reason::Newer { found: 9, .. })
        ));
        assert!(matches!(SessionReview::parse("{\"version\": 1}"), Err(Reason::Corrupt(_))));
    }
}
