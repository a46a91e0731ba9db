//! [`Out`]: standard output for every command — control characters shown
//! visibly, a closed pipe a normal end, long text paged on a terminal.

use std::io::{self, Write};

use super::pager;

/// Standard output that reports a closed pipe (`grill ... | head`) as
/// [`io::ErrorKind::BrokenPipe`] for `main` to treat as success, and pages
/// long text on a terminal.
pub struct Out {
    stdout: io::StdoutLock<'static>,
    /// The pager command for [`Out::page`]; `None` prints straight out.
    pub(super) pager: Option<String>,
}

impl Out {
    pub fn new() -> Out {
        Out {
            stdout: io::stdout().lock(),
            pager: None,
        }
    }
    /// Prints `text` with every control character shown visibly
    /// ([`grill::escape::terminal`]): all standard output goes through here,
    /// so no bank, sheet or history text can drive the terminal.
    pub fn print(&mut self, text: &str) -> io::Result<()> {
        let keep_colour = self.colour() == grill::export::Colour::On;
        let text = grill::escape::terminal(text, keep_colour);
        self.stdout.write_all(text.as_bytes())?;
        self.stdout.flush()
    }
    /// Prints `text`, through the pager when standard output is a terminal
    /// and `text` is taller than it (as git does); never in a pipe. A pager
    /// that cannot start is passed over: the text is printed instead.
    pub fn page(&mut self, text: &str) -> io::Result<()> {
        let term = console::Term::stdout();
        let (Some(command), true) = (self.pager.clone(), term.is_term()) else {
            return self.print(text);
        };
        if text.lines().count() < usize::from(term.size().0) {
            return self.print(text);
        }
        self.stdout.flush()?;
        let shown = grill::escape::terminal(text, self.colour() == grill::export::Colour::On);
        match pager::show(&command, &shown) {
            Ok(()) => Ok(()),
            Err(_) => self.print(text),
        }
    }
    /// Columns to lay text out for here: `$COLUMNS`, else the terminal's
    /// width, else 80 (a pipe or file), kept within 60–100.
    pub fn columns(&self) -> usize {
        let term = console::Term::stdout();
        let terminal = term.size_checked().map(|(_, w)| usize::from(w));
        grill::layout::columns(std::env::var("COLUMNS").ok().as_deref(), terminal)
    }
    /// Whether text printed here may be styled: standard output is a
    /// terminal and neither `NO_COLOR` nor `--no-color` said otherwise.
    pub fn colour(&self) -> grill::export::Colour {
        if console::colors_enabled() {
            grill::export::Colour::On
        } else {
            grill::export::Colour::Off
        }
    }
}

impl Default for Out {
    fn default() -> Self {
        Out::new()
    }
}
