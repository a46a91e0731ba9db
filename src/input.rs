//! The one way grill reads a file or standard input: only a regular file
//! (a symlink is followed and judged by what it points to) or stdin, and
//! never more than [`MAX_INPUT_BYTES`], counted while reading — the size a
//! file system reports is 0 for devices and pipes, so it cannot be
//! trusted. A device, FIFO, socket or directory is refused by name before
//! it is opened (opening a FIFO would wait for a writer forever).

use std::fs::FileType;
use std::io::Read;
use std::path::Path;

/// The most grill reads from one file or from standard input.
pub const MAX_INPUT_BYTES: u64 = 64 << 20;

/// Why an input could not be read, worded for the person who named it.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("cannot read {name}: {error}")]
    Io { name: String, error: std::io::Error },
    #[error("{name} is {what}, not a regular file; name a file (or `-` for standard input)")]
    NotRegular { name: String, what: &'static str },
    #[error("{name} is larger than {} MB, the most grill reads from one input; split it into several files", MAX_INPUT_BYTES >> 20)]
    TooLarge { name: String },
}

/// What a file type is, for messages: `a directory`, `a FIFO`, ...; `None`
/// for a regular file.
pub fn special_kind(t: FileType) -> Option<&'static str> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
    }
    if t.is_dir() {
        Some("a directory")
    } else if t.is_file() {
        None
    } else {
        Some("not a regular file")
    }
}

/// Whether `path` (symlinks followed) is a regular file; `Err` says what
/// it is instead.
pub fn check_regular(path: &Path) -> Result<(), InputError> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|error| InputError::Io { name: name.clone(), error })?;
    match special_kind(meta.file_type()) {
        None => Ok(()),
        Some(what) => Err(InputError::NotRegular { name, what }),
    }
}

/// Reads the regular file at `path` whole, up to the cap.
pub fn read_file(path: &Path) -> Result<Vec<u8>, InputError> {
    check_regular(path)?;
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|error| InputError::Io { name: name.clone(), error })?;
    read_capped(file, &name)
}

/// Reads standard input whole, up to the cap.
pub fn read_stdin() -> Result<Vec<u8>, InputError> {
    read_capped(std::io::stdin().lock(), "standard input")
}

/// Reads `path`, or standard input for `-`.
pub fn read_path_or_stdin(path: &Path) -> Result<Vec<u8>, InputError> {
    if path.as_os_str() == "-" { read_stdin() } else { read_file(path) }
}

/// Reads `reader` to its end, refusing it once it passes the cap.
pub fn read_capped(reader: impl Read, name: &str) -> Result<Vec<u8>, InputError> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| InputError::Io { name: name.into(), error })?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge { name: name.into() });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reader_past_the_cap_is_refused_without_reading_it_all() {
        let endless = std::io::repeat(b'a');
        let err = read_capped(endless, "zero").unwrap_err();
        assert!(matches!(err, InputError::TooLarge { .. }), "{err}");
        assert_eq!(read_capped(&b"abc"[..], "x").unwrap(), b"abc");
    }

    #[test]
    fn directories_and_devices_are_named_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_file(dir.path()).unwrap_err();
        assert!(err.to_string().contains("is a directory"), "{err}");
        #[cfg(unix)]
        {
            let err = read_file(Path::new("/dev/zero")).unwrap_err();
            assert!(err.to_string().contains("is a device"), "{err}");
        }
    }
}
