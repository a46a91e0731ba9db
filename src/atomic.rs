//! Writing files so that a crash, a kill or a full disk never leaves a
//! half-written file where a good one was: write a temporary file beside
//! the target, flush it to disk, then rename it over the target.

use std::fs::File;
use std::path::Path;

use anyhow::Context as _;

/// Writes `text` to `path` through a temporary file in the same directory
/// and a rename, so a crash never leaves a half-written file behind.
pub fn write(path: &Path, text: &str) -> anyhow::Result<()> {
    write_with(path, |f| std::io::Write::write_all(f, text.as_bytes()))
}

/// Like [`write()`], with `fill` writing the content: the target is only
/// replaced once `fill` has finished and the data is on disk. A process
/// killed inside `fill` leaves the target as it was (and a stray
/// `.NAME.tmp-PID` file that readers skip because it is hidden).
pub fn write_with(path: &Path, fill: impl FnOnce(&mut File) -> std::io::Result<()>) -> anyhow::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().with_context(|| format!("{} is not a file name", path.display()))?;
    let tmp = dir.join(format!(".{}.tmp-{}", name.to_string_lossy(), std::process::id()));
    let result = (|| {
        let mut f = File::create(&tmp)?;
        fill(&mut f)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("cannot write {}", path.display()));
    }
    Ok(())
}
