//! Where grill keeps the candidate's data: `$GRILL_HOME`, else
//! `$XDG_DATA_HOME/grill`, else `~/.local/share/grill` (the XDG convention
//! on Linux; the same layout elsewhere keeps the code simple).

use std::path::PathBuf;

/// The data directory; not created here.
pub fn data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("GRILL_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    if let Some(dir) = std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir).join("grill");
    }
    match std::env::var_os("HOME") {
        Some(home) => PathBuf::from(home).join(".local/share/grill"),
        None => PathBuf::from(".grill"),
    }
}
