//! The real terminal behind [`Prompter`]: questions, a multi-line answer
//! editor with a countdown that stays visible while typing, and the
//! commands. All of grill's terminal handling for the live interview is
//! here (the start menu is in [`super::menu`]).
//!
//! A ticking bar and a line-editing prompt cannot share the screen, so the
//! answer is read key by key on a helper thread and the line being typed is
//! drawn as part of the indicatif bar: finished lines scroll above it, the
//! countdown stays under it. `--plain` reads whole lines instead and prints
//! time as text, for screen readers and logs.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

use console::{Key, Term, style};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::clock::Clock;
use super::prompter::{Header, Input, Prompter, RoundClock, Timing, command};
use crate::layout::mmss;
use crate::layout::wrap;

/// How often the countdown is redrawn.
const TICK: Duration = Duration::from_millis(200);

/// How the prompter draws time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Display {
    /// A live bar under the answer, redrawn as time passes.
    Bars,
    /// Time as text lines, nothing redrawn.
    Plain,
}

/// Reads one key at a time on a helper thread, only when asked, so that no
/// read is left half-done (with the terminal in raw mode) when grill exits.
struct Keys {
    ask: Sender<()>,
    keys: Receiver<io::Result<Key>>,
    pending: bool,
}

impl Keys {
    fn start() -> Keys {
        let (ask, asked) = channel::<()>();
        let (send, keys) = channel();
        std::thread::spawn(move || {
            let term = Term::stderr();
            while asked.recv().is_ok() {
                if send.send(term.read_key_raw()).is_err() {
                    break;
                }
            }
        });
        Keys { ask, keys, pending: false }
    }

    /// The next key, or `None` when `timeout` passes first.
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Key>> {
        if !self.pending {
            self.ask.send(()).map_err(|_| io::Error::other("the keyboard reader stopped"))?;
            self.pending = true;
        }
        match self.keys.recv_timeout(timeout) {
            Ok(key) => {
                self.pending = false;
                key.map(Some)
            }
            Err(RecvTimeoutError::Timeout) => Ok(None),
            Err(RecvTimeoutError::Disconnected) => Err(io::Error::other("the keyboard reader stopped")),
        }
    }
}

/// Keeps the terminal out of line mode (no echo, no line buffering, Ctrl-C
/// as a key) for as long as the interview runs. Switching per key would
/// leave gaps in which typed or pasted text is echoed by the terminal and
/// held back until Enter. The original mode is restored on drop, however
/// the interview ends (a key read still waiting is abandoned at exit).
#[cfg(unix)]
struct KeyMode {
    tty: std::fs::File,
    original: rustix::termios::Termios,
}

#[cfg(unix)]
impl KeyMode {
    fn enter() -> Option<KeyMode> {
        use rustix::termios::{LocalModes, OptionalActions, tcgetattr, tcsetattr};
        let tty = std::fs::OpenOptions::new().read(true).write(true).open("/dev/tty").ok()?;
        let original = tcgetattr(&tty).ok()?;
        let mut keys = original.clone();
        keys.local_modes
            .remove(LocalModes::ICANON | LocalModes::ECHO | LocalModes::ISIG | LocalModes::IEXTEN);
        tcsetattr(&tty, OptionalActions::Drain, &keys).ok()?;
        Some(KeyMode { tty, original })
    }

    /// Runs `f` (an editor) with the terminal as it was before.
    fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        use rustix::termios::{OptionalActions, tcgetattr, tcsetattr};
        let keys = tcgetattr(&self.tty).ok();
        let _ = tcsetattr(&self.tty, OptionalActions::Drain, &self.original);
        let result = f();
        if let Some(keys) = keys {
            let _ = tcsetattr(&self.tty, OptionalActions::Drain, &keys);
        }
        result
    }
}

#[cfg(unix)]
impl Drop for KeyMode {
    fn drop(&mut self) {
        let _ = rustix::termios::tcsetattr(&self.tty, rustix::termios::OptionalActions::Drain, &self.original);
    }
}

#[cfg(not(unix))]
struct KeyMode;

#[cfg(not(unix))]
impl KeyMode {
    fn enter() -> Option<KeyMode> {
        None
    }
    fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        f()
    }
}

/// Reads whole lines from standard input on a helper thread.
struct Lines {
    lines: Receiver<Option<String>>,
}

impl Lines {
    fn start() -> Lines {
        let (send, lines) = channel();
        std::thread::spawn(move || {
            let stdin = io::stdin();
            loop {
                let mut line = String::new();
                match stdin.read_line(&mut line) {
                    Ok(0) | Err(_) => {
                        let _ = send.send(None);
                        break;
                    }
                    Ok(_) => {
                        if send.send(Some(line.trim_end_matches(['\n', '\r']).to_string())).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Lines { lines }
    }
}

enum Source {
    Keys(Keys),
    Lines(Lines),
}

/// What one input step produced.
enum Step {
    /// A finished line (Enter).
    Line(String),
    /// End of the answer (Ctrl-D, end of input).
    End,
    Interrupt,
    /// Nothing yet: redraw and wait again.
    Tick,
}

/// The live interview in a terminal.
pub struct TerminalPrompter {
    term: Term,
    source: Source,
    display: Display,
    interrupted: Arc<AtomicBool>,
    /// Time warnings already given: the question's for the current
    /// question, the interview's for the whole interview.
    warned: Vec<&'static str>,
    /// The round's clock, shown beside the interview's.
    round: Option<RoundClock>,
    /// Dropped last, so the terminal's mode is restored after all else.
    key_mode: Option<KeyMode>,
}

impl TerminalPrompter {
    /// `interrupted` is raised by the signal handler (Ctrl-C outside a key
    /// read, a closed terminal, a termination request).
    pub fn new(display: Display, interrupted: Arc<AtomicBool>) -> TerminalPrompter {
        let (source, key_mode) = match display {
            Display::Bars => (Source::Keys(Keys::start()), KeyMode::enter()),
            Display::Plain => (Source::Lines(Lines::start()), None),
        };
        TerminalPrompter {
            term: Term::stderr(),
            source,
            display,
            interrupted,
            warned: vec![],
            round: None,
            key_mode,
        }
    }

    fn print(&self, text: &str) {
        let _ = self.term.write_line(text);
    }

    fn width(&self) -> usize {
        (self.term.size().1 as usize).clamp(40, 100)
    }

    /// Waits for the next line, key or tick; `current` is the line being typed.
    fn step(&mut self, current: &mut String) -> io::Result<Step> {
        if self.interrupted.load(Ordering::SeqCst) {
            return Ok(Step::Interrupt);
        }
        match &mut self.source {
            Source::Lines(lines) => match lines.lines.recv_timeout(TICK) {
                Ok(Some(line)) => Ok(Step::Line(clean(&line))),
                Ok(None) | Err(RecvTimeoutError::Disconnected) => Ok(Step::End),
                Err(RecvTimeoutError::Timeout) => Ok(Step::Tick),
            },
            Source::Keys(keys) => match keys.next(TICK) {
                Ok(None) => Ok(Step::Tick),
                Ok(Some(Key::CtrlC)) => Ok(Step::Interrupt),
                Ok(Some(Key::Enter)) => Ok(Step::Line(std::mem::take(current))),
                Ok(Some(Key::Char('\u{4}'))) => Ok(Step::End),
                Ok(Some(Key::Backspace)) => {
                    current.pop();
                    Ok(Step::Tick)
                }
                Ok(Some(Key::Tab)) => {
                    current.push_str("    ");
                    Ok(Step::Tick)
                }
                Ok(Some(Key::Char(c))) if !c.is_control() => {
                    current.push(c);
                    Ok(Step::Tick)
                }
                Ok(Some(_)) => Ok(Step::Tick),
                Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(Step::End),
                Err(e) => Err(e),
            },
        }
    }

    /// One-off warnings as the end of the question or interview nears.
    fn warnings(&mut self, t: Timing, live: u64) -> Vec<String> {
        let q_left = t.question_budget as i64 - (t.question_spent + live) as i64;
        let total_left = t.total_budget as i64 - (t.total_spent + live) as i64;
        let mut out = vec![];
        let mut warn = |key: &'static str, when: bool, text: String, warned: &mut Vec<&'static str>| {
            if when && !warned.contains(&key) {
                warned.push(key);
                out.push(text);
            }
        };
        warn(
            "q-1m",
            q_left <= 60_000 && t.question_budget > 90_000,
            "⏳ 1 minute left for this question.".into(),
            &mut self.warned,
        );
        warn(
            "q-up",
            q_left <= 0,
            "⏰ Time is up for this question — finish your answer; the time over budget is recorded.".into(),
            &mut self.warned,
        );
        warn(
            "t-5m",
            total_left <= 300_000 && t.total_budget > 600_000,
            "⏳ 5 minutes left in the interview.".into(),
            &mut self.warned,
        );
        warn(
            "t-1m",
            total_left <= 60_000,
            "⏳ 1 minute left in the interview.".into(),
            &mut self.warned,
        );
        out
    }
}

/// Strips control characters (escape sequences included) from typed text,
/// so an answer can never drive the terminal when it is shown again.
fn clean(line: &str) -> String {
    crate::text::strip_controls(line).replace('\n', " ")
}

/// `question 1:23 left · interview 18:02 left`, or the time over budget.
pub fn countdown(t: Timing, live: u64) -> String {
    let q_left = t.question_budget as i64 - (t.question_spent + live) as i64;
    let total_left = t.total_budget as i64 - (t.total_spent + live) as i64;
    let part = |name: &str, left: i64| {
        if left >= 0 {
            format!("{name} {} left", mmss((left / 1000) as u32))
        } else {
            format!("{name} over by {}", mmss((-left / 1000) as u32))
        }
    };
    format!("{} · {}", part("question", q_left), part("interview", total_left))
}

impl Prompter for TerminalPrompter {
    fn briefing(&mut self, title: &str, text: &str) -> io::Result<bool> {
        let width = self.width() - 2;
        self.print(&format!("\n{}\n", style(title).bold()));
        self.print(&wrap(text, width, ""));
        self.print(&format!("\n{}", style("Press Enter to start, or type :quit to leave.").dim()));
        let mut current = String::new();
        loop {
            match self.step(&mut current)? {
                Step::Line(l) if l.trim() == ":quit" || l.trim() == ":q" => return Ok(false),
                Step::Line(_) => return Ok(true),
                Step::End | Step::Interrupt => return Ok(false),
                Step::Tick => {}
            }
        }
    }

    fn question(&mut self, h: &Header) {
        // The interview's warnings are said once per interview.
        self.warned.retain(|key| key.starts_with("t-"));
        let width = self.width() - 2;
        self.print(&format!(
            "\n{} {} · {} · {}",
            style(format!("[{}]", h.number)).cyan().bold(),
            h.topic,
            h.level,
            mmss(h.budget_seconds)
        ));
        self.print(&style(wrap(&h.prompt, width, "")).bold().to_string());
        self.print(
            &style("(finish with an empty line or Ctrl-D · :help for commands)")
                .dim()
                .to_string(),
        );
    }

    fn read(&mut self, timing: Timing, clock: &dyn Clock, draft: &str) -> io::Result<Input> {
        let started = clock.now();
        let mut lines: Vec<String> = draft.lines().map(str::to_string).collect();
        let mut current = String::new();
        let bar = match self.display {
            Display::Bars => {
                let bar = ProgressBar::with_draw_target(Some(timing.question_budget.max(1)), ProgressDrawTarget::term(Term::stderr(), 10));
                bar.set_style(
                    ProgressStyle::with_template("{msg}\n{bar:20.cyan/blue} {prefix}")
                        .expect("valid template")
                        .progress_chars("█▓░"),
                );
                for l in &lines {
                    bar.println(format!("> {l}"));
                }
                Some(bar)
            }
            Display::Plain => {
                for l in &lines {
                    self.print(&format!("> {l}"));
                }
                self.print(&format!("[{}]", RoundClock::beside(self.round.as_ref(), countdown(timing, 0), 0)));
                None
            }
        };
        let width = self.width();
        let result = loop {
            let live = clock.now().saturating_sub(started).as_millis() as u64;
            for w in self.warnings(timing, live) {
                match &bar {
                    Some(b) => b.println(style(w).yellow().to_string()),
                    // On a line of its own, not after what is being typed.
                    None => self.print(&format!("\n{w}")),
                }
            }
            if let Some(b) = &bar {
                b.set_position((timing.question_spent + live).min(timing.question_budget));
                b.set_prefix(RoundClock::beside(self.round.as_ref(), countdown(timing, live), live));
                let shown: String = current
                    .chars()
                    .rev()
                    .take(width.saturating_sub(6))
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                b.set_message(format!("> {shown}▏"));
            }
            let draft_with = |lines: &[String], extra: &str| {
                let mut all = lines.to_vec();
                if !extra.is_empty() {
                    all.push(extra.to_string());
                }
                all.join("\n")
            };
            match self.step(&mut current)? {
                Step::Tick => {}
                Step::Interrupt => break Input::Interrupted(draft_with(&lines, &current)),
                Step::End => {
                    let text = draft_with(&lines, &current);
                    if let Some(b) = bar.as_ref().filter(|_| !current.is_empty()) {
                        b.println(format!("> {current}"));
                    }
                    break if text.trim().is_empty() { Input::Skip } else { Input::Answer(text) };
                }
                Step::Line(line) => {
                    if line.trim() == ":e" || line.trim() == ":edit" {
                        let before = lines.join("\n");
                        let edit = || match &self.key_mode {
                            Some(mode) => mode.suspend(|| dialoguer::Editor::new().edit(&before)),
                            None => dialoguer::Editor::new().edit(&before),
                        };
                        let edited = match &bar {
                            Some(b) => b.suspend(edit),
                            None => edit(),
                        };
                        match edited {
                            Ok(Some(text)) if !text.trim().is_empty() => break Input::Answer(clean_block(&text)),
                            Ok(_) => self.print("(editor closed without an answer; keep typing)"),
                            Err(e) => self.print(&format!("cannot open the editor ({e}); set $EDITOR, or keep typing here")),
                        }
                        continue;
                    }
                    if let Some(input) = command(&line, lines.join("\n")) {
                        break input;
                    }
                    if line.trim().is_empty() {
                        if lines.iter().all(|l| l.trim().is_empty()) {
                            let tip = "(type your answer first — or :skip)";
                            match &bar {
                                Some(b) => b.println(tip),
                                None => self.print(tip),
                            }
                            continue;
                        }
                        break Input::Answer(lines.join("\n"));
                    }
                    if let Some(b) = &bar {
                        b.println(format!("> {line}"));
                    }
                    lines.push(line);
                }
            }
        };
        if let Some(b) = bar {
            b.finish_and_clear();
            let live = clock.now().saturating_sub(started).as_millis() as u64;
            let clocks = RoundClock::beside(self.round.as_ref(), countdown(timing, live), live);
            self.print(&style(format!("[{clocks}]")).dim().to_string());
        }
        Ok(result)
    }

    fn say(&mut self, text: &str) {
        let width = self.width() - 2;
        self.print(&wrap(text, width, ""));
    }

    fn round_clock(&mut self, clock: Option<RoundClock>) {
        self.round = clock;
    }

    fn pause(&mut self) -> io::Result<()> {
        self.print(&style("Paused — the clock is stopped. Press Enter to go on.").yellow().to_string());
        let mut current = String::new();
        loop {
            match self.step(&mut current)? {
                Step::Tick => {}
                _ => return Ok(()),
            }
        }
    }
}

/// [`clean`] for a whole block of text from the editor, keeping newlines.
fn clean_block(text: &str) -> String {
    crate::text::strip_controls(text).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countdown_counts_down_then_over() {
        let t = Timing {
            question_spent: 10_000,
            question_budget: 120_000,
            total_spent: 60_000,
            total_budget: 600_000,
        };
        assert_eq!(countdown(t, 5_000), "question 1:45 left · interview 8:55 left");
        assert_eq!(countdown(t, 125_000), "question over by 0:15 · interview 6:55 left");
    }

    #[test]
    fn typed_escape_sequences_are_removed() {
        assert_eq!(clean("a\u{1b}[31mred\u{7}"), "a[31mred");
        assert_eq!(clean_block("one\u{1b}]0;x\nTwo\n"), "one]0;x\nTwo");
    }
}
