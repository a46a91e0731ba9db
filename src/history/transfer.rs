//! Moving history to another machine: `grill history export` writes every
//! readable session into one JSON document (a bundle), `grill history
//! import` merges a bundle — or a single session file — into this history.
//!
//! Merging is by session id: a session already here (or a file already
//! named after its id, even one that cannot be read) is left alone, so
//! importing twice, or both ways between two machines, never duplicates
//! or overwrites anything.

use jiff::Timestamp;
use serde::Serialize;
use serde_json::Value;

use super::{History, Listing, SessionRecord, record_from_value};

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
}

/// Every readable session of `listing` as one bundle document.
pub fn bundle(listing: &Listing, exported: Timestamp) -> String {
    let b = Bundle {
        format: BUNDLE_FORMAT,
        version: BUNDLE_VERSION,
        exported,
        sessions: &listing.sessions,
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
}

impl History {
    /// Merges the sessions in `text` (a bundle or one session record, read
    /// from `name`) into this history.
    pub fn import(&self, text: &str, name: &str) -> anyhow::Result<Imported> {
        let value: Value = serde_json::from_str(text).map_err(|e| anyhow::anyhow!("{name}: not valid JSON: {e}"))?;
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
        Ok(done)
    }
}
