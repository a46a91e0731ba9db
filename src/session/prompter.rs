//! The seam between the interview loop and a person: what the loop shows
//! and what it gets back. The terminal implements it for real
//! ([`super::terminal`]); tests script it.

use std::io;

use super::clock::Clock;
use super::rating::{Card, Rated};

/// What the candidate did at an answer prompt. Variants that leave the
/// prompt without an answer carry the text typed so far, so nothing typed
/// is lost when the loop comes back to the same question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Answer(String),
    Skip,
    Hint(String),
    Repeat(String),
    Pause(String),
    Help(String),
    /// `:quit`: save and leave.
    Quit(String),
    /// `:save PATH`: write the answers so far to a sheet at PATH (for when
    /// the data directory cannot be written), then go on.
    Save(String, String),
    /// Ctrl-C, a hang-up or a termination signal.
    Interrupted(String),
}

/// The clocks a prompt shows while the candidate types, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    /// Time already spent on this question before this prompt opened.
    pub question_spent: u64,
    pub question_budget: u64,
    /// Time already spent on the whole interview before this prompt opened.
    pub total_spent: u64,
    pub total_budget: u64,
}

/// How a question is introduced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// `3/10`, or `3/10 follow-up`.
    pub number: String,
    pub topic: String,
    pub level: String,
    pub budget_seconds: u32,
    pub prompt: String,
}

pub trait Prompter {
    /// Shows the briefing and waits until the candidate is ready; `false`
    /// means they chose to leave before starting.
    fn briefing(&mut self, title: &str, text: &str) -> io::Result<bool>;
    fn question(&mut self, header: &Header);
    /// Reads one answer or command. `draft` is text typed earlier for this
    /// question; `started` is `clock.now()` when the prompt opened.
    fn read(&mut self, timing: Timing, clock: &dyn Clock, draft: &str) -> io::Result<Input>;
    /// A notice: a hint, feedback, a warning, help.
    fn say(&mut self, text: &str);
    /// Waits for Enter with the clock stopped.
    fn pause(&mut self) -> io::Result<()>;
    /// Shows the rating screen for one answer ([`super::rating`]) with the
    /// clock stopped. A prompter that cannot ask gives no rating.
    fn rate(&mut self, card: &Card) -> io::Result<Rated> {
        let _ = card;
        Ok(Rated::Unrated)
    }
}

/// Help text for the commands the answer prompt understands.
pub const HELP: &str = "\
Type your answer; end it with an empty line or Ctrl-D. Commands, alone on a line:
  :skip    skip this question
  :hint    show one key point you missed (costs points)
  :repeat  show the question again
  :pause   stop the clock until Enter
  :e       write the answer in $EDITOR
  :quit    save and leave (continue later with `grill resume`)
  :save F  also write the answers so far to the answer sheet F
  :help    this help";

/// The command a finished line stands for, if it is one.
pub fn command(line: &str, draft: String) -> Option<Input> {
    if let Some(path) = line.trim().strip_prefix(":save ").map(str::trim).filter(|p| !p.is_empty()) {
        return Some(Input::Save(path.to_string(), draft));
    }
    Some(match line.trim() {
        ":skip" | ":s" => Input::Skip,
        ":hint" | ":h" => Input::Hint(draft),
        ":repeat" | ":r" => Input::Repeat(draft),
        ":pause" | ":p" => Input::Pause(draft),
        ":quit" | ":q" => Input::Quit(draft),
        ":help" | ":?" => Input::Help(draft),
        _ => return None,
    })
}
