//! Moving history to another machine: `grill history export` writes every
//! readable session into one JSON document (a bundle), `grill history
//! import` merges a bundle — or a single session file — into this history.
//!
//! Merging is by session id: a session already here (or a file already
//! named after its id, even one that cannot be read) is left alone, so
//! importing twice, or both ways between two machines, never duplicates
//! or overwrites anything. Reviews travel with their sessions (a bundle's
//! `reviews`); an imported review replaces one here only when it is newer.

use jiff::Timestamp;
use serde::Serialize;
use serde_json::Value;

use super::{History, Listing, SessionRecord, SessionReview, record_from_value};

/// The `format` field that marks a history bundle.
pub const BUNDLE_FORMAT: &str = "grill-history";
/// Version of the bundle's own shape (each session carries its own).
pub const BUNDLE_VERSION: u32 = 1;

#[derive(Serialize)]
struct Bundle<'a> {
    format: &'static str,
    version: u32,
    exported: Timestamp,
    sessions: &'a [SessionRecord],
    /// The sessions' reviews (`grill review`), each naming its session.
    reviews: Vec<&'a SessionReview>,
}

/// Every readable session of `listing` as one bundle document, with their
/// reviews. `listing` should hold the sessions as saved
/// ([`History::list_unreviewed`]), so the reviews travel on their own.
pub fn bundle(listing: &Listing, exported: Timestamp) -> String {
    let b = Bundle {
        format: BUNDLE_FORMAT,
        version: BUNDLE_VERSION,
        exported,
        sessions: &listing.sessions,
        reviews: listing.reviews(),
    };
    serde_json::to_string_pretty(&b).expect("a bundle always serialises") + "\n"
}

/// What an import did, session by session.
#[derive(Debug, Default, PartialEq)]
pub struct Imported {
    /// Ids of the sessions added.
    pub added: Vec<String>,
    /// Ids already in history, left as they were.
    pub present: Vec<String>,
    /// Sessions not imported, each with why.
    pub rejected: Vec<String>,
    /// Ids of the sessions whose review was added or replaced by a newer one.
    pub reviews: Vec<String>,
}

impl History {
    /// Merges the sessions in `text` (a bundle or one session record, read
    /// from `name`) into this history.
    pub fn import(&self, text: &str, name: &str) -> anyhow::Result<Imported> {
        let value: Value = serde_json::from_str(text).map_err(|e| anyhow::anyhow!("{name}: not valid JSON: {e}"))?;
        let reviews = match value.get("reviews") {
            Some(Value::Array(reviews)) => reviews.clone(),
            _ => vec![],
        };
        let sessions = if value.get("format").and_then(Value::as_str) == Some(BUNDLE_FORMAT) {
            let version = value.get("version").and_then(Value::as_u64).unwrap_or(0);
            if version > u64::from(BUNDLE_VERSION) {
                anyhow::bail!(
                    "{name}: exported by a newer grill (bundle version {version}; this one reads up to {BUNDLE_VERSION}); upgrade grill to import it"
                );
            }
            match value.get("sessions") {
                Some(Value::Array(sessions)) => sessions.clone(),
                _ => anyhow::bail!("{name}: a history bundle needs a `sessions` array"),
            }
        } else if value.get("report").is_some() && value.get("id").is_some() {
            vec![value]
        } else {
            anyhow::bail!(
                "{name}: not a grill history export (expected `\"format\": \"{BUNDLE_FORMAT}\"`) nor a session record; write one with `grill history export FILE`"
            );
        };
        let mut listing = self.list()?;
        let mut done = Imported::default();
        for (i, value) in sessions.into_iter().enumerate() {
            let label = match value.get("id").and_then(Value::as_str) {
                Some(id) => format!("session `{}`", id.escape_debug()),
                None => format!("session #{}", i + 1),
            };
            let record = match record_from_value(value) {
                Ok(record) => record,
                Err(reason) => {
                    done.rejected.push(format!("{name}: {label}: {reason}"));
                    continue;
                }
            };
            if listing.holds(&record.id) {
                done.present.push(record.id);
                continue;
            }
            self.save(&record)?;
            listing.stems.insert(record.id.clone());
            done.added.push(record.id);
        }
        for (i, value) in reviews.into_iter().enumerate() {
            let review = match SessionReview::from_value(value) {
                Ok(review) => review,
                Err(reason) => {
                    done.rejected.push(format!("{name}: review #{}: {reason}", i + 1));
                    continue;
                }
            };
            let here = done.added.contains(&review.session) || listing.paths.contains_key(&review.session);
            let newer = listing.review(&review.session).is_none_or(|old| old.reviewed < review.reviewed);
            if here && newer {
                self.save_review(&review)?;
                listing.reviews.insert(review.session.clone(), review.clone());
                done.reviews.push(review.session);
            }
        }
        Ok(done)
    }
}
