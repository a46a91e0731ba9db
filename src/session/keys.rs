//! What a terminal event means at the answer prompt: crossterm's key,
//! paste and resize events turned into editor [`Edit`]s or prompt
//! [`Action`]s. Pure, so the key map is tested without a terminal.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::editor::Edit;

/// What one terminal event asks of the prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Edit(Edit),
    /// Enter: a new line, a command, or the end of the answer.
    Enter,
    /// Ctrl-D: the end of the answer.
    End,
    /// Ctrl-C.
    Interrupt,
    /// Esc.
    Escape,
    /// The terminal changed size: draw again.
    Redraw,
    Ignore,
}

/// The action for `event`.
pub fn action(event: &Event) -> Action {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_action(key),
        Event::Paste(text) => Action::Edit(Edit::Insert(pasted(text))),
        Event::Resize(..) => Action::Redraw,
        _ => Action::Ignore,
    }
}

fn key_action(key: &KeyEvent) -> Action {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    let edit = |e| Action::Edit(e);
    match key.code {
        KeyCode::Char('c') if ctrl => Action::Interrupt,
        KeyCode::Char('d') if ctrl => Action::End,
        KeyCode::Char('a') if ctrl => edit(Edit::Home),
        KeyCode::Char('e') if ctrl => edit(Edit::End),
        KeyCode::Char('b') if ctrl => edit(Edit::Left),
        KeyCode::Char('f') if ctrl => edit(Edit::Right),
        KeyCode::Char('w') if ctrl => edit(Edit::DeleteWordBack),
        KeyCode::Char('h') if ctrl => edit(Edit::Backspace),
        KeyCode::Char('u') if ctrl => edit(Edit::DeleteToStart),
        KeyCode::Char('k') if ctrl => edit(Edit::DeleteToEnd),
        KeyCode::Char('j') if ctrl => Action::Enter,
        KeyCode::Char('b') if alt => edit(Edit::WordLeft),
        KeyCode::Char('f') if alt => edit(Edit::WordRight),
        KeyCode::Backspace if alt || ctrl => edit(Edit::DeleteWordBack),
        KeyCode::Char(c) if !ctrl && !c.is_control() => edit(Edit::Insert(c.to_string())),
        KeyCode::Left if ctrl || alt => edit(Edit::WordLeft),
        KeyCode::Right if ctrl || alt => edit(Edit::WordRight),
        KeyCode::Left => edit(Edit::Left),
        KeyCode::Right => edit(Edit::Right),
        KeyCode::Up => edit(Edit::Up),
        KeyCode::Down => edit(Edit::Down),
        KeyCode::Home => edit(Edit::Home),
        KeyCode::End => edit(Edit::End),
        KeyCode::Backspace => edit(Edit::Backspace),
        KeyCode::Delete => edit(Edit::Delete),
        KeyCode::Tab => edit(Edit::Insert("    ".into())),
        KeyCode::Enter => Action::Enter,
        KeyCode::Esc => Action::Escape,
        _ => Action::Ignore,
    }
}

/// Pasted text as it goes into the answer: line breaks normalised, tabs
/// as spaces, every other control character (escape sequences included)
/// dropped so a paste can never drive the terminal.
pub fn pasted(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\t', "    ")
        .chars()
        .filter(|&c| c == '\n' || !c.is_control())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, modifiers))
    }

    #[test]
    fn keys_map_to_edits() {
        let none = KeyModifiers::NONE;
        let ctrl = KeyModifiers::CONTROL;
        let cases = [
            (key(KeyCode::Char('x'), none), Action::Edit(Edit::Insert("x".into()))),
            (key(KeyCode::Char('c'), ctrl), Action::Interrupt),
            (key(KeyCode::Char('d'), ctrl), Action::End),
            (key(KeyCode::Char('w'), ctrl), Action::Edit(Edit::DeleteWordBack)),
            (key(KeyCode::Char('u'), ctrl), Action::Edit(Edit::DeleteToStart)),
            (key(KeyCode::Char('k'), ctrl), Action::Edit(Edit::DeleteToEnd)),
            (key(KeyCode::Char('a'), ctrl), Action::Edit(Edit::Home)),
            (key(KeyCode::Char('e'), ctrl), Action::Edit(Edit::End)),
            (key(KeyCode::Left, ctrl), Action::Edit(Edit::WordLeft)),
            (key(KeyCode::Char('f'), KeyModifiers::ALT), Action::Edit(Edit::WordRight)),
            (key(KeyCode::Enter, none), Action::Enter),
            (key(KeyCode::Esc, none), Action::Escape),
            (key(KeyCode::Char('z'), ctrl), Action::Ignore),
            (Event::Resize(60, 20), Action::Redraw),
        ];
        for (event, want) in cases {
            assert_eq!(action(&event), want, "{event:?}");
        }
    }

    #[test]
    fn a_paste_keeps_blank_lines_and_drops_escapes() {
        assert_eq!(
            action(&Event::Paste("one\r\n\r\ntwo\u{1b}[31m\tx".into())),
            Action::Edit(Edit::Insert("one\n\ntwo[31m    x".into()))
        );
    }
}
