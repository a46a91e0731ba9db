//! Drawing the live part of the answer prompt: the wrapped answer with the
//! terminal's own cursor where the candidate types, and under it the
//! countdown line. Everything above this region is ordinary output that
//! scrolls; the region is erased and drawn again only when what it shows
//! changed (a key, a new second, a resize), inside a synchronized update
//! so terminals that support it never show a half-drawn frame.

use std::io::{self, Write};

use console::{measure_text_width, style};
use crossterm::cursor::{MoveToColumn, MoveUp};
use crossterm::terminal::{BeginSynchronizedUpdate, Clear, ClearType, EndSynchronizedUpdate};
use crossterm::{QueueableCommand, queue};

use super::editor::{Editor, char_width};
use super::prompter::{RoundClock, Timing};
use crate::layout::mmss;

/// What the region shows: its rows and where the cursor stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Frame {
    pub rows: Vec<String>,
    /// Row and display column of the cursor.
    pub cursor: (usize, usize),
}

/// The drawn region at the bottom of the output.
pub struct Screen {
    out: io::Stderr,
    /// The frame on screen, if any.
    shown: Option<Frame>,
    /// Display widths of the rows on screen, to find the region's top
    /// after the terminal rewrapped them on a resize.
    widths: Vec<usize>,
    /// Width the region was drawn at.
    drawn_at: usize,
}

impl Default for Screen {
    fn default() -> Screen {
        Screen {
            out: io::stderr(),
            shown: None,
            widths: vec![],
            drawn_at: 80,
        }
    }
}

impl Screen {
    /// Draws `frame` unless it is the one on screen.
    pub fn draw(&mut self, frame: Frame, width: usize) -> io::Result<()> {
        if self.shown.as_ref() == Some(&frame) && self.drawn_at == width {
            return Ok(());
        }
        self.out.queue(BeginSynchronizedUpdate)?;
        self.erase(width)?;
        let text = frame.rows.join("\r\n");
        self.out.write_all(text.as_bytes())?;
        let (row, col) = frame.cursor;
        let up = frame.rows.len().saturating_sub(1).saturating_sub(row);
        if up > 0 {
            self.out.queue(MoveUp(up as u16))?;
        }
        queue!(self.out, MoveToColumn(col as u16), EndSynchronizedUpdate)?;
        self.out.flush()?;
        self.widths = frame.rows.iter().map(|r| measure_text_width(r)).collect();
        self.drawn_at = width;
        self.shown = Some(frame);
        Ok(())
    }

    /// Moves to the region's top and erases it (the cursor stays there).
    fn erase(&mut self, width: usize) -> io::Result<()> {
        let Some(frame) = self.shown.take() else {
            return Ok(());
        };
        // Rows above the cursor's, as the terminal shows them now: a
        // narrower terminal may have rewrapped each into several.
        let width = width.max(1);
        let reflowed = |w: usize| if self.drawn_at > width { w.max(1).div_ceil(width) } else { 1 };
        let wrapped_cursor = if self.drawn_at > width { frame.cursor.1 / width } else { 0 };
        let above: usize = self.widths.iter().take(frame.cursor.0).map(|&w| reflowed(w)).sum::<usize>() + wrapped_cursor;
        if above > 0 {
            self.out.queue(MoveUp(above as u16))?;
        }
        queue!(self.out, MoveToColumn(0), Clear(ClearType::FromCursorDown))?;
        Ok(())
    }

    /// Erases the region, leaving the cursor at the start of its first row
    /// so that ordinary output continues there.
    pub fn clear(&mut self, width: usize) -> io::Result<()> {
        self.erase(width)?;
        self.out.flush()
    }

    /// Prints `line` above the region (which is drawn again under it).
    pub fn print_above(&mut self, line: &str, width: usize) -> io::Result<()> {
        let frame = self.shown.clone();
        self.erase(width)?;
        self.out.write_all(line.replace('\n', "\r\n").as_bytes())?;
        self.out.write_all(b"\r\n")?;
        self.out.flush()?;
        if let Some(frame) = frame {
            self.draw(frame, width)?;
        }
        Ok(())
    }
}

/// The rows of `editor` for a terminal `width` columns wide and `height`
/// rows high, with `status` (the countdown) under them: `> ` starts each
/// line of the answer, wrapped rows are indented, and a long answer shows
/// the rows around the cursor.
pub fn editor_frame(editor: &Editor, status: Option<String>, width: usize, height: usize) -> Frame {
    // Two columns for the prompt, one so the cursor fits after a full row.
    let text_width = width.saturating_sub(3).max(1);
    let layout = editor.rows(text_width);
    let (row, col) = editor.position(&layout);
    let mut rows: Vec<String> = layout
        .iter()
        .map(|r| {
            let prefix = if r.first { "> " } else { "  " };
            prefix.to_string() + &fit(&editor.text()[r.start..r.end], text_width + 1)
        })
        .collect();
    let room = height.saturating_sub(2 + usize::from(status.is_some())).max(1);
    let top = (row + 1).saturating_sub(room);
    rows = rows.into_iter().skip(top).take(room).collect();
    let cursor = (row - top, (2 + col).min(width.saturating_sub(1)));
    rows.extend(status);
    Frame { rows, cursor }
}

/// `text` cut to at most `width` display columns.
fn fit(text: &str, width: usize) -> String {
    let mut used = 0;
    text.chars()
        .take_while(|&c| {
            used += char_width(c);
            used <= width
        })
        .collect()
}

/// The countdown line under the answer, at most `width - 1` columns: a bar
/// for the question's time (yellow in its last fifth or minute, red once
/// over) and the time left for the question and the interview. When the
/// terminal is narrow the bar shrinks, then goes, then the labels shorten —
/// the line never wraps.
pub fn status_line(t: Timing, live: u64, round: Option<&RoundClock>, width: usize, colour: bool) -> String {
    let q_left = t.question_budget as i64 - (t.question_spent + live) as i64;
    let total_left = t.total_budget as i64 - (t.total_spent + live) as i64;
    let time = |left: i64, long: bool| match (left >= 0, long) {
        (true, true) => format!("{} left", mmss((left / 1000) as u32)),
        (false, true) => format!("over by {}", mmss((-left / 1000) as u32)),
        (true, false) => mmss((left / 1000) as u32),
        (false, false) => format!("+{}", mmss((-left / 1000) as u32)),
    };
    // The round's clock, when there is one, goes between the two.
    let round = |short: bool| match round {
        None => String::new(),
        Some(r) => {
            let left = r.budget as i64 - (r.spent + live) as i64;
            match short {
                false => format!("{} {} · ", r.label, time(left, true)),
                true => format!("r {} · ", time(left, false)),
            }
        }
    };
    let texts = [
        format!(
            "question {} · {}interview {}",
            time(q_left, true),
            round(false),
            time(total_left, true)
        ),
        format!(
            "question {} · {}total {}",
            time(q_left, false),
            round(true),
            time(total_left, false)
        ),
        format!("q {} · {}all {}", time(q_left, false), round(true), time(total_left, false)),
    ];
    let room = width.saturating_sub(1);
    let spent = (t.question_spent + live) as f64 / t.question_budget.max(1) as f64;
    let bar = |cells: usize| {
        let filled = ((spent.min(1.0)) * cells as f64).round() as usize;
        let text = format!("{}{}", "█".repeat(filled), "░".repeat(cells - filled));
        let styled = style(text).force_styling(colour);
        let near_end = q_left <= 60_000 || spent >= 0.8;
        if q_left < 0 {
            styled.red()
        } else if near_end {
            styled.yellow()
        } else {
            styled.cyan()
        }
        .to_string()
    };
    for cells in [20, 10] {
        if cells + 1 + measure_text_width(&texts[0]) <= room {
            return format!("{} {}", bar(cells), texts[0]);
        }
    }
    texts
        .iter()
        .find(|t| measure_text_width(t) <= room)
        .cloned()
        .unwrap_or_else(|| fit(&texts[2], room))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timing() -> Timing {
        Timing {
            question_spent: 10_000,
            question_budget: 120_000,
            total_spent: 60_000,
            total_budget: 600_000,
        }
    }

    #[test]
    fn the_status_line_shortens_instead_of_wrapping() {
        let full = status_line(timing(), 5_000, None, 80, false);
        assert_eq!(full, "███░░░░░░░░░░░░░░░░░ question 1:45 left · interview 8:55 left");
        for width in [20, 30, 40, 50, 60, 70, 80] {
            let line = status_line(timing(), 5_000, None, width, false);
            assert!(measure_text_width(&line) < width, "{width}: {line}");
        }
        assert_eq!(status_line(timing(), 5_000, None, 40, false), "question 1:45 · total 8:55");
        assert_eq!(status_line(timing(), 125_000, None, 30, false), "question +0:15 · total 6:55");
        assert_eq!(status_line(timing(), 125_000, None, 25, false), "q +0:15 · all 6:55");
    }

    #[test]
    fn the_round_clock_sits_between_the_question_and_the_interview() {
        let round = RoundClock {
            label: "round 2/4".into(),
            spent: 30_000,
            budget: 600_000,
        };
        let line = |width| status_line(timing(), 5_000, Some(&round), width, false);
        assert!(
            line(100).ends_with("question 1:45 left · round 2/4 9:25 left · interview 8:55 left"),
            "{}",
            line(100)
        );
        assert_eq!(line(50), "question 1:45 · r 9:25 · total 8:55");
        for width in [30, 40, 60, 80] {
            assert!(measure_text_width(&line(width)) < width, "{width}: {}", line(width));
        }
    }

    #[test]
    fn the_bar_turns_yellow_then_red() {
        let line = |live| status_line(timing(), live, None, 80, true);
        assert!(line(5_000).contains("\u{1b}[36m"), "cyan");
        assert!(line(70_000).contains("\u{1b}[33m"), "yellow");
        assert!(line(125_000).contains("\u{1b}[31m"), "red");
    }

    #[test]
    fn the_frame_wraps_the_answer_and_places_the_cursor() {
        let editor = Editor::new("the kubelet restarts the container\n");
        let frame = editor_frame(&editor, Some("status".into()), 16, 30);
        assert_eq!(frame.rows, ["> the kubelet ", "  restarts the ", "  container", "> ", "status"]);
        assert_eq!(frame.cursor, (3, 2));
        assert!(frame.rows.iter().all(|r| measure_text_width(r) < 16));
        // A short screen shows the rows around the cursor.
        let frame = editor_frame(&editor, Some("status".into()), 16, 5);
        assert_eq!(frame.rows, ["  container", "> ", "status"]);
        assert_eq!(frame.cursor, (1, 2));
    }
}
