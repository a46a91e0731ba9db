//! Small helpers for laying text out for people, shared by every renderer
//! and prompt: times as `m:ss`, counted nouns, score bars, cutting and
//! wrapping lines. A leaf: it uses no other module of the crate.

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

/// `text` cut to `max` characters, an ellipsis marking the cut.
pub fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        text.chars().take(max.saturating_sub(1)).collect::<String>() + "…"
    }
}

/// Wraps `text` at `width` columns, each line starting with `indent`.
/// Lines that already fit are kept as they are, inner spacing included.
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    for paragraph in text.lines() {
        if indent.chars().count() + paragraph.chars().count() <= width {
            out.push_str(indent);
            out.push_str(paragraph.trim_end());
            out.push('\n');
            continue;
        }
        let mut line = String::from(indent);
        for word in paragraph.split_whitespace() {
            if line.chars().count() + word.chars().count() + 1 > width && !line.trim().is_empty() {
                out.push_str(line.trim_end());
                out.push('\n');
                line = String::from(indent);
            }
            line.push_str(word);
            line.push(' ');
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.trim_end_matches('\n').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_lines_within_width() {
        let text = "word ".repeat(50);
        let wrapped = wrap(&text, 30, "  ");
        assert!(wrapped.lines().all(|l| l.chars().count() <= 30 && l.starts_with("  ")), "{wrapped}");
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
    }
}
