//! Writing files so that a crash, a kill or a full disk never leaves a
//! half-written file where a good one was: write a temporary file beside
//! the target, flush it to disk, then move it into place and flush the
//! directory, so the new name survives a power cut too.
//!
//! Two kinds of target: grill's own data files ([`write`], replaced
//! freely), and files a user names on the command line or with `:save`
//! ([`write_output`]), which are never replaced without `--force`, and
//! never at all when the path is a link, a device, a FIFO or a directory.

use std::fs::File;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

/// Whether [`write_output`] may replace a regular file already at the path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Refuse: the file may hold someone's work (the default).
    Keep,
    /// Replace a regular file (`--force`); links and special files are
    /// still refused.
    Replace,
}

impl Existing {
    /// `Replace` when the user passed `--force`.
    pub fn from_force(force: bool) -> Existing {
        if force { Existing::Replace } else { Existing::Keep }
    }
}

/// Why [`write_output`] wrote nothing, so a caller can offer another name.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("{} already exists; choose another file or pass --force to replace it", .0.display())]
    Exists(PathBuf),
    #[error("{} is {what}; grill only ever replaces a regular file, even with --force", path.display())]
    NotRegular { path: PathBuf, what: &'static str },
    #[error(transparent)]
    Io(#[from] anyhow::Error),
}

/// Writes `text` to `path` through a temporary file in the same directory
/// and a rename, so a crash never leaves a half-written file behind. For
/// grill's own data files; a path the user chose goes to [`write_output`].
pub fn write(path: &Path, text: &str) -> anyhow::Result<()> {
    write_with(path, |f| f.write_all(text.as_bytes()))
}

/// Like [`write()`], with `fill` writing the content: the target is only
/// replaced once `fill` has finished and the data is on disk. A process
/// killed inside `fill` leaves the target as it was (and a stray
/// `.NAME.tmp-PID` file that readers skip because it is hidden).
pub fn write_with(path: &Path, fill: impl FnOnce(&mut File) -> std::io::Result<()>) -> anyhow::Result<()> {
    put(path, fill, Existing::Replace).map_err(|e| match e {
        OutputError::Io(e) => e,
        other => anyhow::Error::new(other),
    })
}

/// Writes a file the user named: a new file, or with [`Existing::Replace`]
/// a regular file already there. Never replaces a symbolic link (the
/// replacement would cut the link rather than write where it points), a
/// device, a FIFO, a socket or a directory. The check and the move are one
/// step for a new file (a hard link, which fails if the name was taken in
/// between), so two writers racing for one name never both succeed.
pub fn write_output(path: &Path, text: &str, existing: Existing) -> Result<(), OutputError> {
    put(path, |f| f.write_all(text.as_bytes()), existing)
}

/// What kind of thing is at `path` if it is not a regular file.
fn special_kind(path: &Path) -> Option<&'static str> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    let t = meta.file_type();
    if t.is_symlink() {
        return Some("a symbolic link");
    }
    crate::input::special_kind(t)
}

fn put(path: &Path, fill: impl FnOnce(&mut File) -> std::io::Result<()>, existing: Existing) -> Result<(), OutputError> {
    let exists = std::fs::symlink_metadata(path).is_ok();
    if let Some(kind) = special_kind(path) {
        return Err(OutputError::NotRegular {
            path: path.to_path_buf(),
            what: kind,
        });
    }
    if exists && existing == Existing::Keep {
        return Err(OutputError::Exists(path.to_path_buf()));
    }
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .with_context(|| format!("{} is not a file name", path.display()))
        .map_err(OutputError::Io)?;
    let tmp = dir.join(format!(".{}.tmp-{}", name.to_string_lossy(), std::process::id()));
    let result = (|| {
        let mut f = File::create(&tmp)?;
        fill(&mut f)?;
        f.sync_all()?;
        match existing {
            // A hard link fails if the name exists, whatever appeared there
            // since the check above; the temporary name is then dropped.
            Existing::Keep => {
                std::fs::hard_link(&tmp, path)?;
                std::fs::remove_file(&tmp)
            }
            // rename replaces a link or special file that appeared since the
            // check with a regular file, never writes through it.
            Existing::Replace => std::fs::rename(&tmp, path),
        }
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            return Err(OutputError::Exists(path.to_path_buf()));
        }
        return Err(OutputError::Io(
            anyhow::Error::new(e).context(format!("cannot write {}", path.display())),
        ));
    }
    // The new directory entry is only durable once the directory is synced;
    // some file systems cannot sync a directory, which is no reason to fail.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// A free name beside `path` (`answers-1.toml`, `answers-2.toml`, ...), to
/// offer when `path` is taken.
pub fn free_name(path: &Path) -> PathBuf {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let ext = path.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
    (1..)
        .map(|i| path.with_file_name(format!("{stem}-{i}{ext}")))
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .unwrap_or_else(|| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_file_is_written_and_an_existing_one_kept() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        write_output(&p, "one", Existing::Keep).unwrap();
        let e = write_output(&p, "two", Existing::Keep).unwrap_err();
        assert!(matches!(e, OutputError::Exists(_)), "{e}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "one");
        write_output(&p, "three", Existing::Replace).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "three");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_never_replaced_even_with_force() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.txt");
        std::fs::write(&target, "kept").unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        for existing in [Existing::Keep, Existing::Replace] {
            let e = write_output(&link, "new", existing).unwrap_err();
            assert!(e.to_string().contains("symbolic link"), "{e}");
        }
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "kept");
    }

    #[test]
    fn free_name_skips_taken_names() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.toml");
        std::fs::write(&p, "").unwrap();
        std::fs::write(dir.path().join("s-1.toml"), "").unwrap();
        assert_eq!(free_name(&p), dir.path().join("s-2.toml"));
    }
}
