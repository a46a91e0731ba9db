//! The real terminal behind [`Prompter`]: questions, a multi-line answer
//! editor with a countdown that stays visible while typing, and the
//! commands. All of grill's terminal handling for the live interview is
//! here (the start menu is in [`super::menu`]).
//!
//! The answer is typed in grill's own editor ([`super::editor`]), read as
//! crossterm events ([`super::keys`]) with the terminal out of line mode,
//! and drawn with the countdown under it ([`super::screen`]); notices
//! print above that region. `--plain` reads whole lines instead and prints
//! time as text, for screen readers and logs.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use console::{Term, style};

use super::clock::Clock;
use super::editor::{Edit, Editor};
use super::keys::{Action, action};
use super::prompter::{Header, Input, Prompter, RoundClock, Timing, command};
use super::rating::{self, Card, Rated, RatingKey};
use super::screen::{Screen, editor_frame, status_line};
use crate::layout::mmss;
use crate::layout::wrap;

/// How long to wait for a key before the countdown is looked at again.
const TICK: Duration = Duration::from_millis(200);

/// How the prompter draws time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Display {
    /// A live countdown under the answer, redrawn as time passes.
    Bars,
    /// Time as text lines, nothing redrawn.
    Plain,
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
        let mut mode = KeyMode { tty, original };
        // Bracketed paste: a pasted answer arrives as one event, blank
        // lines and all, instead of being ended at its first blank line.
        let _ = crossterm::execute!(mode.tty, crossterm::event::EnableBracketedPaste);
        Some(mode)
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
        let _ = crossterm::execute!(self.tty, crossterm::event::DisableBracketedPaste);
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
    /// Key, paste and resize events from the terminal (crossterm).
    Keys,
    Lines(Lines),
}

/// What a finished line starting with `:` stands for.
enum Typed {
    Input(Input),
    /// `:e`: write the answer in `$EDITOR`.
    Edit,
    /// A `:word` grill does not know.
    Unknown,
    /// Part of the answer.
    Text,
}

fn typed(line: &str, draft: String) -> Typed {
    let line = line.trim();
    if line == ":e" || line == ":edit" {
        return Typed::Edit;
    }
    if let Some(input) = command(line, draft) {
        return Typed::Input(input);
    }
    let word = line.strip_prefix(':').unwrap_or("");
    if !word.is_empty() && word.chars().all(|c| c.is_ascii_alphabetic()) {
        Typed::Unknown
    } else {
        Typed::Text
    }
}

/// Whether the candidate typed something in this sitting: `:quit` then
/// asks once, though the draft is kept. A draft brought back by `grill
/// resume` and left as it was leaves at once.
fn typed_since(given: &str, now: &str) -> bool {
    !now.trim().is_empty() && now.trim() != given.trim()
}

const UNKNOWN: &str = "unknown command — :help";
const SKIP_DRAFT: &str = "You have typed part of an answer: :skip again to throw it away, or keep typing.";
const QUIT_DRAFT: &str = "You have typed part of an answer: :quit again to leave (the draft is kept for grill resume), or keep typing.";
const FROM_EDITOR: &str = "(the answer from the editor is below: Enter submits it, or keep editing)";
const TYPE_FIRST: &str = "(type your answer first — or :skip)";

/// The live interview in a terminal.
pub struct TerminalPrompter {
    term: Term,
    source: Source,
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
            Display::Bars => (Source::Keys, KeyMode::enter()),
            Display::Plain => (Source::Lines(Lines::start()), None),
        };
        TerminalPrompter {
            term: Term::stderr(),
            source,
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

    /// The terminal's columns and rows as they are now (80×24 when it
    /// does not say, as a fresh pseudo-terminal may not).
    fn size(&self) -> (usize, usize) {
        let (w, h) = crossterm::terminal::size().unwrap_or((0, 0));
        let w = if w == 0 { 80 } else { (w as usize).max(20) };
        let h = if h == 0 { 24 } else { (h as usize).max(5) };
        (w, h)
    }

    /// The next key event's action, or `None` when a tick passes first.
    fn next_action(&mut self) -> io::Result<Option<Action>> {
        if self.interrupted.load(Ordering::SeqCst) {
            return Ok(Some(Action::Interrupt));
        }
        if crossterm::event::poll(TICK)? {
            return Ok(Some(action(&crossterm::event::read()?)));
        }
        Ok(None)
    }

    /// One line: `None` at Ctrl-C or the end of input.
    fn line(&mut self) -> io::Result<Option<String>> {
        if let Source::Lines(lines) = &self.source {
            loop {
                if self.interrupted.load(Ordering::SeqCst) {
                    return Ok(None);
                }
                match lines.lines.recv_timeout(TICK) {
                    Ok(Some(line)) => return Ok(Some(clean(&line))),
                    Ok(None) | Err(RecvTimeoutError::Disconnected) => return Ok(None),
                    Err(RecvTimeoutError::Timeout) => {}
                }
            }
        }
        let mut editor = Editor::default();
        let mut screen = Screen::default();
        loop {
            let (width, height) = self.size();
            screen.draw(editor_frame(&editor, None, width, height), width)?;
            match self.next_action()? {
                Some(Action::Enter) => {
                    screen.clear(width)?;
                    return Ok(Some(editor.text().to_string()));
                }
                Some(Action::Interrupt | Action::End) => {
                    screen.clear(width)?;
                    return Ok(None);
                }
                Some(Action::Edit(e)) => editor.apply(&e, width.saturating_sub(3)),
                _ => {}
            }
        }
    }

    /// Opens `$EDITOR` on `text` with the terminal as it was before the
    /// interview; the edited text, or `None` after saying why not.
    fn external_editor(&mut self, text: &str) -> Option<String> {
        let edit = || dialoguer::Editor::new().edit(text);
        let edited = match &self.key_mode {
            Some(mode) => mode.suspend(edit),
            None => edit(),
        };
        match edited {
            Ok(Some(text)) if !text.trim().is_empty() => Some(clean_block(&text)),
            Ok(_) => {
                self.print("(editor closed without an answer; keep typing)");
                None
            }
            Err(e) => {
                self.print(&format!("cannot open the editor ({e}); set $EDITOR, or keep typing here"));
                None
            }
        }
    }

    /// The next key for the rating screen: one key at a time, or with
    /// `--plain` each character of a line (an empty line is Enter).
    fn rating_key(&mut self, queued: &mut std::collections::VecDeque<RatingKey>) -> io::Result<RatingKey> {
        loop {
            if let Some(key) = queued.pop_front() {
                return Ok(key);
            }
            if matches!(self.source, Source::Lines(_)) {
                match self.line()? {
                    None => return Ok(RatingKey::Interrupt),
                    Some(l) if l.trim().is_empty() => return Ok(RatingKey::Enter),
                    Some(l) => queued.extend(l.trim().chars().map(RatingKey::Char)),
                }
                continue;
            }
            match self.next_action()? {
                Some(Action::Enter) => return Ok(RatingKey::Enter),
                Some(Action::Interrupt | Action::End) => return Ok(RatingKey::Interrupt),
                Some(Action::Edit(Edit::Insert(text))) => queued.extend(text.chars().map(RatingKey::Char)),
                _ => {}
            }
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

    /// The answer prompt in a terminal: the editor with the countdown
    /// under it.
    fn read_keys(&mut self, timing: Timing, clock: &dyn Clock, draft: &str) -> io::Result<Input> {
        let started = clock.now();
        let live = || clock.now().saturating_sub(started).as_millis() as u64;
        let colour = console::colors_enabled_stderr();
        let mut editor = Editor::new(&if draft.is_empty() { String::new() } else { format!("{draft}\n") });
        let mut screen = Screen::default();
        let mut skip_asked = false;
        let mut quit_asked = false;
        let mut width: usize;
        let result = loop {
            let (w, height) = self.size();
            width = w;
            for warning in self.warnings(timing, live()) {
                screen.print_above(&style(warning).yellow().to_string(), width)?;
            }
            let status = status_line(timing, live(), self.round.as_ref(), width, colour);
            screen.draw(editor_frame(&editor, Some(status), width, height), width)?;
            let Some(act) = self.next_action()? else { continue };
            match act {
                Action::Edit(e) => editor.apply(&e, width.saturating_sub(3)),
                Action::Interrupt => break Input::Interrupted(draft_of(&editor)),
                Action::End if editor.is_blank() => break Input::Skip,
                Action::End => break Input::Answer(draft_of(&editor)),
                Action::Enter => {
                    let line = editor.current_line().to_string();
                    let rest = |editor: &Editor| {
                        let mut without = editor.clone();
                        draft_of_text(&without.take_current_line())
                    };
                    match typed(&line, rest(&editor)) {
                        Typed::Text if editor.at_empty_last_line() && editor.is_blank() => {
                            screen.print_above(TYPE_FIRST, width)?;
                        }
                        Typed::Text if editor.at_empty_last_line() => break Input::Answer(draft_of(&editor)),
                        Typed::Text => editor.apply(&Edit::Newline, width),
                        Typed::Unknown => {
                            editor.take_current_line();
                            screen.print_above(&style(UNKNOWN).yellow().to_string(), width)?;
                        }
                        Typed::Input(Input::Skip) if !rest(&editor).trim().is_empty() && !skip_asked => {
                            skip_asked = true;
                            editor.take_current_line();
                            screen.print_above(&style(SKIP_DRAFT).yellow().to_string(), width)?;
                        }
                        Typed::Input(Input::Quit(now)) if typed_since(draft, &now) && !quit_asked => {
                            quit_asked = true;
                            editor.take_current_line();
                            screen.print_above(&style(QUIT_DRAFT).yellow().to_string(), width)?;
                        }
                        Typed::Input(input) => break input,
                        Typed::Edit => {
                            let text = draft_of_text(&editor.take_current_line());
                            screen.clear(width)?;
                            if let Some(edited) = self.external_editor(&text) {
                                self.print(FROM_EDITOR);
                                editor = Editor::new(&format!("{edited}\n"));
                            }
                        }
                    }
                    if !matches!(typed(&line, String::new()), Typed::Input(Input::Skip)) {
                        skip_asked = false;
                    }
                    if !matches!(typed(&line, String::new()), Typed::Input(Input::Quit(_))) {
                        quit_asked = false;
                    }
                }
                Action::Escape | Action::Redraw | Action::Ignore => {}
            }
        };
        screen.clear(width)?;
        if let Input::Answer(text) = &result {
            for row in editor_frame(&Editor::new(text), None, width, usize::MAX).rows {
                let _ = writeln!(io::stderr(), "{row}");
            }
        }
        let clocks = RoundClock::beside(self.round.as_ref(), countdown(timing, live()), live());
        self.print(&style(format!("[{clocks}]")).dim().to_string());
        Ok(result)
    }

    /// The answer prompt for `--plain`: whole lines, time as text.
    fn read_lines(&mut self, timing: Timing, clock: &dyn Clock, draft: &str) -> io::Result<Input> {
        let started = clock.now();
        let mut lines: Vec<String> = draft.lines().map(str::to_string).collect();
        for l in &lines {
            self.print(&format!("> {l}"));
        }
        self.print(&format!("[{}]", RoundClock::beside(self.round.as_ref(), countdown(timing, 0), 0)));
        let given = draft;
        let mut skip_asked = false;
        let mut quit_asked = false;
        loop {
            let live = clock.now().saturating_sub(started).as_millis() as u64;
            for w in self.warnings(timing, live) {
                // On a line of its own, not after what is being typed.
                self.print(&format!("\n{w}"));
            }
            let Source::Lines(source) = &self.source else {
                return Err(io::Error::other("plain input without a line reader"));
            };
            if self.interrupted.load(Ordering::SeqCst) {
                return Ok(Input::Interrupted(lines.join("\n")));
            }
            let line = match source.lines.recv_timeout(TICK) {
                Ok(Some(line)) => clean(&line),
                Ok(None) | Err(RecvTimeoutError::Disconnected) => {
                    let text = lines.join("\n");
                    return Ok(if text.trim().is_empty() { Input::Skip } else { Input::Answer(text) });
                }
                Err(RecvTimeoutError::Timeout) => continue,
            };
            let draft = lines.join("\n");
            match typed(&line, draft.clone()) {
                Typed::Input(Input::Skip) if !draft.trim().is_empty() && !skip_asked => {
                    skip_asked = true;
                    self.print(SKIP_DRAFT);
                    continue;
                }
                Typed::Input(Input::Quit(now)) if typed_since(given, &now) && !quit_asked => {
                    quit_asked = true;
                    self.print(QUIT_DRAFT);
                    continue;
                }
                Typed::Input(input) => return Ok(input),
                Typed::Unknown => self.print(UNKNOWN),
                Typed::Edit => {
                    if let Some(edited) = self.external_editor(&draft) {
                        self.print(FROM_EDITOR);
                        lines = edited.lines().map(str::to_string).collect();
                        for l in &lines {
                            self.print(&format!("> {l}"));
                        }
                    }
                }
                Typed::Text if line.trim().is_empty() && draft.trim().is_empty() => self.print(TYPE_FIRST),
                Typed::Text if line.trim().is_empty() => return Ok(Input::Answer(draft)),
                Typed::Text => lines.push(line),
            }
            skip_asked = false;
            quit_asked = false;
        }
    }
}

/// The editor's text as an answer or draft: without the empty line the
/// cursor stood on.
fn draft_of(editor: &Editor) -> String {
    draft_of_text(editor.text())
}

fn draft_of_text(text: &str) -> String {
    text.trim_end_matches('\n').to_string()
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
        Ok(match self.line()? {
            Some(l) => !matches!(l.trim(), ":quit" | ":q"),
            None => false,
        })
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
        match self.source {
            Source::Keys => self.read_keys(timing, clock, draft),
            Source::Lines(_) => self.read_lines(timing, clock, draft),
        }
    }

    fn say(&mut self, text: &str) {
        let width = self.width() - 2;
        self.print(&wrap(text, width, ""));
    }

    fn round_clock(&mut self, clock: Option<RoundClock>) {
        self.round = clock;
    }

    fn rate(&mut self, card: &Card) -> io::Result<Rated> {
        let (term, width) = (self.term.clone(), self.width() - 2);
        let mut queued = std::collections::VecDeque::new();
        rating::rate(card, width, &mut || self.rating_key(&mut queued), &mut |text| {
            let _ = term.write_line(text);
        })
    }

    fn pause(&mut self) -> io::Result<()> {
        self.print(&style("Paused — the clock is stopped. Press Enter to go on.").yellow().to_string());
        self.line()?;
        Ok(())
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
