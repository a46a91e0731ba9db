//! Where grill keeps things, by the XDG convention (the same layout on
//! every system keeps the code simple):
//! - the candidate's data: `$GRILL_HOME`, else `$XDG_DATA_HOME/grill`, else
//!   `~/.local/share/grill`;
//! - the candidate's settings, banks and overrides: `$GRILL_CONFIG_DIR`,
//!   else `$XDG_CONFIG_HOME/grill`, else `~/.config/grill`.
//!
//! An empty variable counts as unset, as XDG says.

use std::path::PathBuf;

/// The data directory; not created here.
pub fn data_dir() -> PathBuf {
    xdg("GRILL_HOME", "XDG_DATA_HOME", ".local/share").unwrap_or_else(|| PathBuf::from(".grill"))
}

/// The configuration directory (`config.toml`, `banks/`); not created
/// here. `None` only without any of the variables and without `HOME`.
pub fn config_dir() -> Option<PathBuf> {
    xdg("GRILL_CONFIG_DIR", "XDG_CONFIG_HOME", ".config")
}

/// `$own`, else `$xdg/grill`, else `$HOME/<home_rel>/grill`.
fn xdg(own: &str, xdg: &str, home_rel: &str) -> Option<PathBuf> {
    let set = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(dir) = set(own) {
        return Some(PathBuf::from(dir));
    }
    if let Some(dir) = set(xdg) {
        return Some(PathBuf::from(dir).join("grill"));
    }
    set("HOME").map(|home| PathBuf::from(home).join(home_rel).join("grill"))
}
