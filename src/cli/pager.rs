//! Showing long output in a pager, as git does: the command runs through
//! the shell (so `GRILL_PAGER="less -S"` works), with `LESS=FRX` unless the
//! candidate set their own, so colours show and a short page exits at once.

use std::io::{self, Write};
use std::process::{Command, Stdio};

/// Runs `command` with `text` on its standard input and waits for it.
/// Quitting the pager early is not an error.
pub fn show(command: &str, text: &str) -> io::Result<()> {
    let mut shell = Command::new("sh");
    shell.arg("-c").arg(command).stdin(Stdio::piped());
    if std::env::var_os("LESS").is_none() {
        shell.env("LESS", "FRX");
    }
    if std::env::var_os("LV").is_none() {
        shell.env("LV", "-c");
    }
    let mut child = shell.spawn()?;
    if let Some(mut stdin) = child.stdin.take() {
        match stdin.write_all(text.as_bytes()) {
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                let _ = child.wait();
                return Err(e);
            }
            _ => {}
        }
    }
    let status = child.wait()?;
    // `sh` says 127 when the pager itself is not found: print instead.
    if status.code() == Some(127) {
        return Err(io::Error::new(io::ErrorKind::NotFound, format!("pager `{command}` not found")));
    }
    Ok(())
}
