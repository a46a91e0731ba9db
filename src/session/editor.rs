//! The answer being typed, as a pure model: the text, one cursor, the edits
//! of a line editor (characters, paste, Backspace and Delete across line
//! breaks, word and line jumps, Ctrl-W/U/K) and the soft wrap of the text at
//! word boundaries by display width. No terminal here: [`super::screen`]
//! draws it and [`super::keys`] maps key events to [`Edit`]s, so every edit
//! is unit-tested as text in, text out.

use unicode_width::UnicodeWidthChar;

/// Display columns a character takes on a terminal (control characters,
/// which never reach the text, and combining marks take none).
pub fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Display columns `text` takes on a terminal.
pub fn text_width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

/// One change to the text or the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Typed or pasted text (line breaks kept).
    Insert(String),
    Newline,
    Left,
    Right,
    WordLeft,
    WordRight,
    /// Start and end of the line the cursor is on (Home/End, Ctrl-A/E).
    Home,
    End,
    /// One display row up or down in the wrapped text.
    Up,
    Down,
    Backspace,
    Delete,
    /// Ctrl-W: the word before the cursor.
    DeleteWordBack,
    /// Ctrl-U: from the start of the line to the cursor.
    DeleteToStart,
    /// Ctrl-K: from the cursor to the end of the line.
    DeleteToEnd,
}

/// One display row of the wrapped text: a byte range of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub start: usize,
    pub end: usize,
    /// The row starts a line of the text (not a wrapped continuation).
    pub first: bool,
    /// The row ends a line of the text (the cursor may sit at its end).
    pub last: bool,
}

/// The text being typed and the cursor in it (a byte offset on a character
/// boundary).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Editor {
    text: String,
    cursor: usize,
}

impl Editor {
    /// `text` with the cursor at its end.
    pub fn new(text: &str) -> Editor {
        Editor {
            text: text.to_string(),
            cursor: text.len(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// Byte range of the line (between line breaks) holding the cursor.
    fn line_bounds(&self) -> (usize, usize) {
        let start = self.text[..self.cursor].rfind('\n').map_or(0, |i| i + 1);
        let end = self.text[self.cursor..].find('\n').map_or(self.text.len(), |i| self.cursor + i);
        (start, end)
    }

    /// The line the cursor is on.
    pub fn current_line(&self) -> &str {
        let (start, end) = self.line_bounds();
        &self.text[start..end]
    }

    /// The cursor is on the last line, at its end, and that line is empty:
    /// Enter here ends the answer.
    pub fn at_empty_last_line(&self) -> bool {
        self.cursor == self.text.len() && self.current_line().is_empty()
    }

    /// Removes the cursor's line (a command typed on it) and returns the
    /// rest of the text; the cursor is left on an empty line at the end.
    pub fn take_current_line(&mut self) -> String {
        let (start, end) = self.line_bounds();
        let to = if end < self.text.len() { end + 1 } else { end };
        self.text.replace_range(start..to, "");
        let rest = self.text.trim_end_matches('\n').to_string();
        self.text = if rest.is_empty() { rest.clone() } else { format!("{rest}\n") };
        self.cursor = self.text.len();
        rest
    }

    fn prev(&self, at: usize) -> Option<usize> {
        self.text[..at].char_indices().next_back().map(|(i, _)| i)
    }

    fn next(&self, at: usize) -> Option<usize> {
        self.text[at..].chars().next().map(|c| at + c.len_utf8())
    }

    fn word_left(&self) -> usize {
        let before: Vec<(usize, char)> = self.text[..self.cursor].char_indices().collect();
        let mut i = before.len();
        while i > 0 && before[i - 1].1.is_whitespace() {
            i -= 1;
        }
        while i > 0 && !before[i - 1].1.is_whitespace() {
            i -= 1;
        }
        before.get(i).map_or(self.cursor, |&(at, _)| at)
    }

    fn word_right(&self) -> usize {
        let mut at = self.cursor;
        let rest = &self.text[self.cursor..];
        let mut chars = rest.chars().peekable();
        while let Some(&c) = chars.peek().filter(|c| c.is_whitespace()) {
            at += c.len_utf8();
            chars.next();
        }
        while let Some(&c) = chars.peek().filter(|c| !c.is_whitespace()) {
            at += c.len_utf8();
            chars.next();
        }
        at
    }

    /// Applies one edit; `width` is the columns available to the text (for
    /// Up and Down, which move by display rows).
    pub fn apply(&mut self, edit: &Edit, width: usize) {
        match edit {
            Edit::Insert(s) => {
                self.text.insert_str(self.cursor, s);
                self.cursor += s.len();
            }
            Edit::Newline => self.apply(&Edit::Insert("\n".into()), width),
            Edit::Left => self.cursor = self.prev(self.cursor).unwrap_or(0),
            Edit::Right => self.cursor = self.next(self.cursor).unwrap_or(self.cursor),
            Edit::WordLeft => self.cursor = self.word_left(),
            Edit::WordRight => self.cursor = self.word_right(),
            Edit::Home => self.cursor = self.line_bounds().0,
            Edit::End => self.cursor = self.line_bounds().1,
            Edit::Up | Edit::Down => self.vertical(edit == &Edit::Up, width),
            Edit::Backspace => {
                if let Some(p) = self.prev(self.cursor) {
                    self.text.replace_range(p..self.cursor, "");
                    self.cursor = p;
                }
            }
            Edit::Delete => {
                if let Some(n) = self.next(self.cursor) {
                    self.text.replace_range(self.cursor..n, "");
                }
            }
            Edit::DeleteWordBack => {
                let from = self.word_left();
                self.text.replace_range(from..self.cursor, "");
                self.cursor = from;
            }
            Edit::DeleteToStart => {
                let from = self.line_bounds().0;
                self.text.replace_range(from..self.cursor, "");
                self.cursor = from;
            }
            Edit::DeleteToEnd => {
                let to = self.line_bounds().1;
                self.text.replace_range(self.cursor..to, "");
            }
        }
    }

    fn vertical(&mut self, up: bool, width: usize) {
        let rows = self.rows(width);
        let (row, col) = self.position(&rows);
        let target = if up {
            row.checked_sub(1)
        } else {
            Some(row + 1).filter(|&r| r < rows.len())
        };
        let Some(target) = target else {
            self.cursor = if up { 0 } else { self.text.len() };
            return;
        };
        let r = rows[target];
        let mut at = r.start;
        let mut used = 0;
        for (i, c) in self.text[r.start..r.end].char_indices() {
            if used + char_width(c) > col {
                break;
            }
            used += char_width(c);
            at = r.start + i + c.len_utf8();
        }
        // The end of a wrapped row is the start of the next one.
        if at == r.end && !r.last {
            at = self.prev(at).unwrap_or(r.start);
        }
        self.cursor = at;
    }

    /// The text wrapped to rows of at most `width` columns at word
    /// boundaries (the spaces after a word stay on its row); a word wider
    /// than a row is broken across rows.
    pub fn rows(&self, width: usize) -> Vec<Row> {
        let width = width.max(1);
        let mut rows = vec![];
        let mut line_start = 0;
        for line in self.text.split('\n') {
            wrap_line(line, line_start, width, &mut rows);
            line_start += line.len() + 1;
        }
        rows
    }

    /// The cursor's row in `rows` and its column in that row.
    pub fn position(&self, rows: &[Row]) -> (usize, usize) {
        let row = rows
            .iter()
            .position(|r| r.start <= self.cursor && (self.cursor < r.end || (self.cursor == r.end && r.last)))
            .unwrap_or(rows.len().saturating_sub(1));
        let col = rows.get(row).map_or(0, |r| text_width(&self.text[r.start..self.cursor]));
        (row, col)
    }
}

/// Wraps one line (no line breaks) starting at byte `base` of the text.
fn wrap_line(line: &str, base: usize, width: usize, rows: &mut Vec<Row>) {
    let first_row = rows.len();
    let mut start = 0;
    let mut col = 0;
    for (at, word, spaces) in words(line) {
        let word_width = text_width(word);
        if col > 0 && col + word_width > width {
            rows.push(Row {
                start: base + start,
                end: base + at,
                first: false,
                last: false,
            });
            start = at;
            col = 0;
        }
        if word_width > width {
            // Broken by characters: nothing better fits.
            for (i, c) in word.char_indices() {
                if col > 0 && col + char_width(c) > width {
                    rows.push(Row {
                        start: base + start,
                        end: base + at + i,
                        first: false,
                        last: false,
                    });
                    start = at + i;
                    col = 0;
                }
                col += char_width(c);
            }
        } else {
            col += word_width;
        }
        col += spaces.chars().count();
    }
    rows.push(Row {
        start: base + start,
        end: base + line.len(),
        first: false,
        last: true,
    });
    rows[first_row].first = true;
}

/// `(offset, word, spaces after it)` for each word of a line; leading
/// spaces form a word of their own (empty word, the spaces).
fn words(line: &str) -> Vec<(usize, &str, &str)> {
    let mut out = vec![];
    let mut at = 0;
    while at < line.len() {
        let rest = &line[at..];
        let word_len = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let after = &rest[word_len..];
        let space_len = after.find(|c: char| !c.is_whitespace()).unwrap_or(after.len());
        out.push((at, &rest[..word_len], &after[..space_len]));
        at += word_len + space_len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edited(start: &str, edits: &[Edit]) -> Editor {
        let mut e = Editor::new(start);
        for edit in edits {
            e.apply(edit, 20);
        }
        e
    }

    fn typed(s: &str) -> Edit {
        Edit::Insert(s.into())
    }

    #[test]
    fn typing_left_and_insert() {
        let e = edited("", &[typed("abcdef"), Edit::Left, Edit::Left, Edit::Left, typed("X")]);
        assert_eq!(e.text(), "abcXdef");
    }

    #[test]
    fn backspace_and_delete_cross_line_breaks() {
        let e = edited("one\ntwo", &[Edit::Home, Edit::Backspace]);
        assert_eq!((e.text(), e.cursor()), ("onetwo", 3));
        let e = edited("one\ntwo", &[Edit::Up, Edit::End, Edit::Delete]);
        assert_eq!(e.text(), "onetwo");
        let e = edited("", &[Edit::Backspace, Edit::Delete, Edit::Left, Edit::Right]);
        assert_eq!((e.text(), e.cursor()), ("", 0));
    }

    #[test]
    fn word_and_line_edits() {
        let e = edited("kubelet restarts it", &[Edit::DeleteWordBack]);
        assert_eq!(e.text(), "kubelet restarts ");
        let e = edited("a\nkubelet restarts", &[Edit::WordLeft, Edit::DeleteToStart]);
        assert_eq!(e.text(), "a\nrestarts");
        let e = edited("a\nkubelet restarts", &[Edit::Home, Edit::WordRight, Edit::DeleteToEnd]);
        assert_eq!(e.text(), "a\nkubelet");
        let e = edited("naïve café", &[Edit::WordLeft, Edit::Left, Edit::Backspace, typed("ë")]);
        assert_eq!(e.text(), "naïvë café");
    }

    #[test]
    fn wraps_at_word_boundaries_within_width() {
        let e = Editor::new("the kubelet restarts the container");
        let rows = e.rows(12);
        let shown: Vec<&str> = rows.iter().map(|r| &e.text()[r.start..r.end]).collect();
        assert_eq!(shown, ["the kubelet ", "restarts the ", "container"]);
        assert!(rows.iter().all(|r| text_width(e.text()[r.start..r.end].trim_end()) <= 12));
        assert_eq!(e.position(&rows), (2, 9));
    }

    #[test]
    fn a_word_wider_than_the_row_is_broken_and_wide_characters_count_double() {
        let e = Editor::new("https://example.com/a/long/path");
        assert!(e.rows(10).iter().all(|r| text_width(&e.text()[r.start..r.end]) <= 10));
        let e = Editor::new("日本語のテキスト");
        let rows = e.rows(6);
        assert_eq!(rows.len(), 3);
        assert_eq!(e.position(&rows), (2, 4));
    }

    #[test]
    fn up_and_down_move_by_display_row() {
        let mut e = Editor::new("the kubelet restarts the container");
        e.apply(&Edit::Up, 12);
        assert_eq!(e.position(&e.rows(12)), (1, 9));
        e.apply(&Edit::Up, 12);
        e.apply(&Edit::Up, 12);
        assert_eq!(e.cursor(), 0);
        e.apply(&Edit::Down, 12);
        e.apply(&Edit::Down, 12);
        e.apply(&Edit::Down, 12);
        assert_eq!(e.cursor(), e.text().len());
    }

    #[test]
    fn commands_are_taken_from_the_cursor_line() {
        let mut e = Editor::new("draft\n:skip");
        assert_eq!(e.current_line(), ":skip");
        assert_eq!(e.take_current_line(), "draft");
        assert_eq!((e.text(), e.cursor()), ("draft\n", 6));
        let mut e = Editor::new(":hint");
        assert_eq!(e.take_current_line(), "");
        assert!(Editor::new("a\n").at_empty_last_line());
        assert!(!Editor::new("a").at_empty_last_line());
    }
}
