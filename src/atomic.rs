//! Writing files so that a crash, a kill or a full disk never leaves a
//! half-written file where a good one was: write a temporary file beside
//! the target, flush it to disk, then rename it over the target.

use std::path::Path;

use anyhow::Context as _;

/// Writes `text` to `path` through a temporary file in the same directory
/// and a rename, so a crash never leaves a half-written file behind.
pub fn write(path: &Path, text: &str) -> anyhow::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().with_context(|| format!("{} is not a file name", path.display()))?;
    let tmp = dir.join(format!(".{}.tmp-{}", name.to_string_lossy(), std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        std::io::Write::write_all(&mut f, text.as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("cannot write {}", path.display()));
    }
    Ok(())
}
