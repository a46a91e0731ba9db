//! Escaping text for the formats reports are written in, so a question,
//! an answer or a title can never start markup of its own. A leaf: it
//! uses no other module of the crate.

/// Escapes text for HTML element content and quoted attributes.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML; show them as spaces.
            c if c.is_control() && c != '\n' && c != '\t' && c != '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Escapes the characters that would start Markdown or HTML structure.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '|' | '*' | '_' | '`' | '[' | ']' | '#' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Makes text safe to show on a terminal or to write into a text or
/// Markdown file: every control character except newline and tab is shown
/// visibly (`^[` for ESC, `^?` for DEL, `\u{9b}` for a C1 control), so a
/// bank, sheet or history file can neither hide text nor drive the
/// terminal. With `keep_colour`, the colour sequences grill itself adds
/// (`ESC [ digits ; ... m`, SGR only) pass through.
pub fn terminal(text: &str, keep_colour: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if let Some(len) = sgr_len(rest).filter(|_| keep_colour) {
            out.push_str(&rest[..len]);
            rest = &rest[len..];
            continue;
        }
        match c {
            '\n' | '\t' => out.push(c),
            '\u{7f}' => out.push_str("^?"),
            c if (c as u32) < 0x20 => {
                out.push('^');
                out.push(char::from(c as u8 + 0x40));
            }
            c if ('\u{80}'..='\u{9f}').contains(&c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The length of a select-graphic-rendition sequence at the start of `s`.
fn sgr_len(s: &str) -> Option<usize> {
    let body = s.strip_prefix("\u{1b}[")?;
    let params = body.bytes().take_while(|b| b.is_ascii_digit() || *b == b';').count();
    (body.as_bytes().get(params) == Some(&b'm')).then_some(2 + params + 1)
}

#[cfg(test)]
mod tests {
    use super::terminal;

    #[test]
    fn control_characters_are_shown_not_sent() {
        for (input, shown) in [
            ("a\u{1b}[2Jb", "a^[[2Jb"),
            ("\u{1b}]0;title\u{7}", "^[]0;title^G"),
            ("x\u{9b}y", "x\\u{9b}y"),
            ("a\rb\u{8}c\u{7f}", "a^Mb^Hc^?"),
            ("nul\0", "nul^@"),
            ("keep\n\ttabs", "keep\n\ttabs"),
        ] {
            assert_eq!(terminal(input, false), shown, "{input:?}");
            assert_eq!(terminal(input, true), shown, "{input:?}");
        }
    }

    #[test]
    fn only_colour_sequences_pass_when_colour_is_on() {
        assert_eq!(terminal("\u{1b}[1;31mred\u{1b}[0m", true), "\u{1b}[1;31mred\u{1b}[0m");
        assert_eq!(terminal("\u{1b}[1;31mred", false), "^[[1;31mred");
        assert_eq!(terminal("\u{1b}[2J", true), "^[[2J");
    }
}
