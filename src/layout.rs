//! Small helpers for laying text out for people, shared by every renderer
//! and prompt: times as `m:ss`, counted nouns, score bars, the width to lay
//! out for, display widths, cutting and wrapping lines, tables whose
//! columns adapt to the width ([`table`]). A leaf: it uses no other module
//! of the crate.
//!
//! Widths are display columns as a terminal shows them (wide characters
//! count two, combining marks none, colour escapes nothing), and nothing
//! here splits a word: a word wider than the line is printed whole on its
//! own line, so an id, a URL or a command can always be copied.

mod table;

pub use table::{Column, table};

use unicode_width::UnicodeWidthChar;

/// Width for files and pipes, and when nothing says otherwise.
pub const DEFAULT_WIDTH: usize = 80;
/// The narrowest layout: below it lines may wrap in the terminal.
pub const MIN_WIDTH: usize = 60;
/// The widest layout: longer lines are hard to read.
pub const MAX_WIDTH: usize = 100;

/// The width to lay text out for: `$COLUMNS` when set, else the
/// terminal's width (`None` for files and pipes), else 80; kept between
/// 60 and 100.
pub fn columns(columns_env: Option<&str>, terminal: Option<usize>) -> usize {
    columns_env
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0)
        .or(terminal.filter(|&t| t > 0))
        .unwrap_or(DEFAULT_WIDTH)
        .clamp(MIN_WIDTH, MAX_WIDTH)
}

/// Display columns `text` takes in a terminal; ANSI escape sequences
/// (colour) take none.
pub fn width(text: &str) -> usize {
    let mut total = 0;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // CSI: ESC [ parameters final-byte; other escapes: one char.
            if chars.next() == Some('[') {
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        break;
                    }
                }
            }
            continue;
        }
        total += c.width().unwrap_or(0);
    }
    total
}

/// `m:ss` or `h:mm:ss`, how budgets and times are shown.
pub fn mmss(seconds: u32) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// `1 question`, `2 questions`: a count with its noun in the right number
/// (nouns that add `s`; say the plural yourself for the others).
pub fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// `seconds` rounded to the nearest 5 s: budgets are shown as `1:35`,
/// never `9:22`.
pub fn round_to_5(seconds: u32) -> u32 {
    (seconds + 2) / 5 * 5
}

/// A text bar of `width` cells for a 0–100 score.
pub fn bar(score: f64, width: usize) -> String {
    let filled = ((score.clamp(0.0, 100.0) / 100.0) * width as f64).round() as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

/// `text` (no escapes) cut to `max` display columns, an ellipsis marking
/// the cut.
pub fn cut(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    let mut used = 0;
    let kept: String = text
        .chars()
        .take_while(|c| {
            used += c.width().unwrap_or(0);
            used < max
        })
        .collect();
    kept + "…"
}

/// Wraps `text` at `width` columns, each line starting with `indent`.
/// Lines that already fit are kept as they are, inner spacing included.
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    wrap_hanging(text, width, indent, indent)
}

/// [`wrap`] with the first line of each paragraph starting with `first`
/// and the lines after it with `indent`: for bullets and numbered items.
pub fn wrap_hanging(text: &str, columns: usize, first: &str, indent: &str) -> String {
    let mut out = String::new();
    for paragraph in text.lines() {
        if width(first) + width(paragraph) <= columns {
            out.push_str(first);
            out.push_str(paragraph.trim_end());
            out.push('\n');
            continue;
        }
        let mut line = String::from(first);
        let mut used = width(first);
        let mut empty = true;
        for word in paragraph.split_whitespace() {
            let w = width(word);
            if !empty && used + 1 + w > columns {
                out.push_str(line.trim_end());
                out.push('\n');
                line = String::from(indent);
                used = width(indent);
                empty = true;
            }
            if !empty {
                line.push(' ');
                used += 1;
            }
            line.push_str(word);
            used += w;
            empty = false;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.trim_end_matches('\n').to_string()
}

/// `items` joined by `sep`, wrapped at `columns` between items only (an
/// item such as `junior 8q/12:00` stays on one line): the first line
/// starts with `first`, the lines after it with `indent`.
pub fn pack(items: &[String], sep: &str, columns: usize, first: &str, indent: &str) -> String {
    let mut out = String::from(first);
    let mut used = width(first);
    let mut empty = true;
    for item in items {
        let w = width(item);
        if !empty && used + width(sep) + w > columns {
            out.push_str(sep.trim_end());
            out.push('\n');
            out.push_str(indent);
            used = width(indent);
            empty = true;
        }
        if !empty {
            out.push_str(sep);
            used += width(sep);
        }
        out.push_str(item);
        used += w;
        empty = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pack_breaks_between_items_only() {
        let items: Vec<String> = ["junior 8q/12:00", "mid 10q/15:00", "senior 12q/20:00"].map(String::from).into();
        assert_eq!(
            pack(&items, " · ", 40, "id  ", "    "),
            "id  junior 8q/12:00 · mid 10q/15:00 ·\n    senior 12q/20:00"
        );
        assert_eq!(pack(&items[..1], " · ", 10, "", "  "), "junior 8q/12:00");
    }

    #[test]
    fn wrap_keeps_lines_within_width() {
        let text = "word ".repeat(50);
        let wrapped = wrap(&text, 30, "  ");
        assert!(wrapped.lines().all(|l| l.chars().count() <= 30 && l.starts_with("  ")), "{wrapped}");
    }

    #[test]
    fn wrap_counts_display_columns_and_never_splits_a_word() {
        let wrapped = wrap_hanging(
            "\u{1b}[2mkfo-j15\u{1b}[0m ElastiCache 日本語日本語 https://example.com/a/very/long/path end",
            20,
            "1. ",
            "   ",
        );
        assert_eq!(wrapped.lines().map(width).collect::<Vec<_>>(), [10, 14, 15, 39, 6], "{wrapped}");
        assert!(wrapped.contains("ElastiCache"), "{wrapped}");
        assert_eq!(width("\u{1b}[1;31mé日\u{1b}[0m"), 3);
    }

    #[test]
    fn columns_come_from_the_environment_then_the_terminal() {
        assert_eq!(columns(Some("72"), Some(120)), 72);
        assert_eq!(columns(Some("junk"), Some(90)), 90);
        assert_eq!(columns(None, None), 80);
        assert_eq!(columns(Some("40"), None), 60);
        assert_eq!(columns(None, Some(300)), 100);
    }

    #[test]
    fn bar_fills_in_proportion() {
        assert_eq!(bar(50.0, 10), "█████░░░░░");
        assert_eq!(bar(150.0, 4), "████");
    }

    #[test]
    fn times_and_counts_read_naturally() {
        assert_eq!(mmss(65), "1:05");
        assert_eq!(mmss(3725), "1:02:05");
        assert_eq!(plural(1, "question"), "1 question");
        assert_eq!(plural(0, "question"), "0 questions");
        assert_eq!(cut("abcdef", 4), "abc…");
        assert_eq!(cut("日本語日本語", 5), "日本…");
    }
}
