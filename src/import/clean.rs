//! Text clean-up shared by every input format: decoding bytes (UTF-8,
//! UTF-16, Windows-1252), repairing mojibake, and turning Markdown or HTML
//! fragments into the plain text a bank holds.
//!
//! Nothing here knows about questions; the parsers decide what a piece of
//! text is, this module only makes it presentable.

use std::borrow::Cow;

/// Windows-1252's characters for bytes 0x80–0x9F (`None`: unassigned).
const CP1252_HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// How a file's bytes were read, when it was not plain UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Windows1252,
}

/// Decodes a document: UTF-8 (with or without a byte-order mark), UTF-16
/// with a byte-order mark (spreadsheet "Unicode text" exports), else
/// Windows-1252, which every byte sequence is. `None` for binary data.
pub fn decode(bytes: &[u8]) -> Option<(String, Encoding)> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8(rest.to_vec()).ok().map(|t| (t, Encoding::Utf8));
    }
    let utf16 = |rest: &[u8], le: bool| {
        let units = rest.chunks_exact(2).map(|c| {
            if le {
                u16::from_le_bytes([c[0], c[1]])
            } else {
                u16::from_be_bytes([c[0], c[1]])
            }
        });
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .ok()
            .map(|t| (t, Encoding::Utf16))
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, false);
    }
    if bytes.contains(&0) {
        return None;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Some((text.to_string(), Encoding::Utf8)),
        Err(_) => {
            let text = bytes
                .iter()
                .map(|&b| match b {
                    0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)].unwrap_or('\u{FFFD}'),
                    _ => char::from(b),
                })
                .collect();
            Some((text, Encoding::Windows1252))
        }
    }
}

/// The byte a character stood for when UTF-8 was misread as Windows-1252
/// (or Latin-1), if it could have come from such a misreading.
fn misread_byte(c: char) -> Option<u8> {
    match u32::from(c) {
        n @ 0x80..=0xFF => u8::try_from(n).ok(),
        _ => CP1252_HIGH
            .iter()
            .position(|&h| h == Some(c))
            .and_then(|i| u8::try_from(0x80 + i).ok()),
    }
}

/// Repairs UTF-8 text that was once decoded as Windows-1252: `â€”` becomes
/// `—` and `ðŸŸ¢` becomes 🟢. Only runs that decode as valid multi-byte
/// UTF-8 are changed, so genuine accented text (`café`) is left alone.
pub fn repair_mojibake(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| matches!(c, 'Â' | 'Ã' | 'â' | 'ð' | 'Å' | 'Ä')) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let Some(lead) = misread_byte(chars[i]) else {
            out.push(chars[i]);
            i += 1;
            continue;
        };
        let len = match lead {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => 0,
        };
        let bytes: Option<Vec<u8>> = (len > 0 && i + len <= chars.len())
            .then(|| chars[i..i + len].iter().map(|&c| misread_byte(c)).collect())
            .flatten();
        match bytes.as_deref().and_then(|b| std::str::from_utf8(b).ok()) {
            Some(fixed) => {
                out.push_str(fixed);
                i += len;
            }
            None => {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    Cow::Owned(out)
}

/// HTML tags that may wrap text in a document; anything else in angle
/// brackets (`kubectl logs <pod>`) is left as written.
const TAGS: &[&str] = &[
    "a",
    "b",
    "big",
    "blockquote",
    "br",
    "code",
    "details",
    "div",
    "em",
    "font",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "td",
    "th",
    "tr",
    "u",
    "ul",
];

/// If `s` starts with an HTML tag grill knows, its name (lowercase), whether
/// it closes, and its length in bytes.
pub fn html_tag(s: &str) -> Option<(String, bool, usize)> {
    let rest = s.strip_prefix('<')?;
    let (closing, rest) = match rest.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let name_len = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let name = rest[..name_len].to_ascii_lowercase();
    if !TAGS.contains(&name.as_str()) {
        return None;
    }
    let after = &rest[name_len..];
    if !(after.starts_with('>') || after.starts_with(' ') || after.starts_with('/')) {
        return None;
    }
    let end = after.find('>')?;
    if after[..end].contains('<') {
        return None;
    }
    Some((name, closing, s.len() - after.len() + end + 1))
}

/// Decodes the HTML entities people write (`&amp;`, `&nbsp;`, `&#39;`).
pub fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.char_indices().take(12).find(|&(_, c)| c == ';').map(|(i, _)| i);
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Turns an HTML fragment (a `<details>` body, an Anki field) into text:
/// line breaks where blocks end, `- ` for list items, tags dropped,
/// entities decoded. Markdown inside is kept.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match html_tag(rest) {
            Some((name, closing, len)) => {
                match (name.as_str(), closing) {
                    ("br", _) | ("p" | "div" | "pre" | "tr" | "ul" | "ol" | "blockquote", _) | ("li" | "h1" | "h2" | "h3" | "h4", true) => {
                        out.push('\n')
                    }
                    ("li", false) => out.push_str("\n- "),
                    ("code", _) => out.push('`'),
                    _ => {}
                }
                rest = &rest[len..];
            }
            None => {
                out.push('<');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    decode_entities(&out).into_owned()
}

/// One line of prose as plain text: Markdown emphasis, links and inline
/// HTML removed, entities decoded, spaces collapsed. Code spans keep their
/// backticks: `.dockerignore` reads better quoted.
pub fn inline(text: &str) -> String {
    let mut s = html_to_text(text).replace('\n', " ");
    s = unlink(&s);
    for marker in ["**", "__", "~~"] {
        s = s.replace(marker, "");
    }
    let s = s.trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `[text](url)` → `text`; `![alt](url)` → ``.
fn unlink(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let close = rest[open..].find("](").map(|c| open + c);
        let end = close.and_then(|c| rest[c..].find(')').map(|e| c + e));
        match (close, end) {
            (Some(close), Some(end)) if !rest[open + 1..close].contains('[') => {
                let image = open > 0 && rest.as_bytes()[open - 1] == b'!';
                out.push_str(&rest[..if image { open - 1 } else { open }]);
                if !image {
                    out.push_str(&rest[open + 1..close]);
                }
                rest = &rest[end + 1..];
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A Markdown or plain-text list item: its indentation, and the text after
/// the marker (`-`, `*`, `+`, `•`, `1.`, `1)`).
pub fn list_item(line: &str) -> Option<(usize, &str)> {
    let indent = indentation(line);
    let rest = &line[line.len() - line.trim_start().len()..];
    for bullet in ['-', '*', '+', '•', '·', '▪', '●', '◦', '‣', '–'] {
        if let Some(after) = rest.strip_prefix(bullet) {
            return (after.starts_with([' ', '\t']) && !after.trim().is_empty()).then(|| (indent, after.trim()));
        }
    }
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let after = &rest[digits..];
        if let Some(text) = after.strip_prefix(['.', ')'])
            && text.starts_with([' ', '\t'])
            && !text.trim().is_empty()
        {
            return Some((indent, text.trim()));
        }
    }
    None
}

/// Leading whitespace, a tab counting four.
pub fn indentation(line: &str) -> usize {
    line.chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

/// Drops a leading question number: `Q12:`, `Question 3.`, `12.`, `#4`,
/// and digits glued to the question (`1What is ...`).
pub fn strip_numbering(text: &str) -> &str {
    let t = text.trim_start();
    let worded = ["Question", "question", "QUESTION", "Q", "q"]
        .iter()
        .find_map(|w| {
            t.strip_prefix(w)
                .filter(|r| r.trim_start().starts_with(|c: char| c.is_ascii_digit() || c == ':' || c == '.'))
        })
        .map(str::trim_start);
    if let Some(rest) = worded {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let after = rest[digits..].trim_start();
        if let Some(r) = after.strip_prefix([':', '.', ')', '-', '–']) {
            return r.trim_start();
        }
        return if digits > 0 { after } else { t };
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let after = &t[digits..];
    if digits > 0 {
        if let Some(r) = after
            .strip_prefix(['.', ')', ':'])
            .filter(|r| r.is_empty() || r.starts_with(char::is_whitespace))
        {
            return r.trim_start();
        }
        // Digits glued to a capitalised word: `1What is ...` from a flattened web page.
        let mut glued = after.chars();
        if glued.next().is_some_and(char::is_uppercase) && glued.next().is_some_and(char::is_lowercase) {
            return after;
        }
    }
    t
}

/// `A:`, `Ans.`, `Answer:`, `**A:**`: the text after the marker.
pub fn answer_marker(line: &str) -> Option<&str> {
    let t = line.trim_start().trim_start_matches(['*', '_']);
    let rest = ["Answer", "ANSWER", "Ans", "A"].iter().find_map(|w| t.strip_prefix(w))?;
    let rest = rest.trim_start_matches(['*', '_']);
    let text = rest
        .strip_prefix(':')
        .or_else(|| rest.strip_prefix('.'))
        .or_else(|| rest.strip_prefix(" -"))?;
    let text = text.trim_start_matches(['*', '_']);
    (text.is_empty() || text.starts_with(char::is_whitespace)).then(|| text.trim())
}

/// Plain text for a section title: Markdown and emoji removed, a trailing
/// range such as `(51–100)` dropped.
pub fn title(text: &str) -> String {
    let text = text.trim_start().trim_start_matches('#');
    let plain: String = inline(strip_numbering(text))
        .chars()
        .filter(|&c| c.is_alphanumeric() || c.is_whitespace() || c.is_ascii_punctuation() || matches!(c, '–' | '—' | '’'))
        .collect();
    let mut t = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.ends_with(')')
        && let Some(open) = t.rfind('(')
    {
        let inside = &t[open + 1..t.len() - 1];
        if inside.chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | '–' | ' ')) {
            t.truncate(open);
        }
    }
    t.trim_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | '–' | '—' | '#'))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mojibake_is_repaired_and_real_accents_kept() {
        let cases = [
            ("## ðŸŸ¢ Junior Level (0â€“3 YoE)", "## 🟢 Junior Level (0–3 YoE)"),
            ("model â€” how", "model — how"),
            ("EKS â†’ RDS", "EKS → RDS"),
            ("it’s fine", "it’s fine"),
            ("un café crème", "un café crème"),
            ("itâ€™s", "it’s"),
        ];
        for (from, to) in cases {
            assert_eq!(repair_mojibake(from), to, "{from}");
        }
    }

    #[test]
    fn bytes_are_decoded_whatever_the_encoding() {
        assert_eq!(decode(b"\xEF\xBB\xBFplain").unwrap(), ("plain".into(), Encoding::Utf8));
        assert_eq!(decode(b"\xFF\xFEh\0i\0").unwrap(), ("hi".into(), Encoding::Utf16));
        assert_eq!(decode(b"caf\xe9 \x93ok\x94").unwrap(), ("café “ok”".into(), Encoding::Windows1252));
        assert_eq!(decode(b"a\0b"), None);
    }

    #[test]
    fn inline_markdown_and_html_become_plain_text() {
        let cases = [
            ("**What is a Pod?**", "What is a Pod?"),
            ("What is [Argo CD](https://argo.dev)?", "What is Argo CD?"),
            ("<b>Why</b> use `.dockerignore`?", "Why use `.dockerignore`?"),
            ("Tom &amp; Jerry&#39;s &lt;pod&gt;", "Tom & Jerry's <pod>"),
            ("R&D — über&é;", "R&D — über&é;"),
            ("kubectl logs <pod-name>  -p", "kubectl logs <pod-name> -p"),
            ("![logo](x.png) Kafka", "Kafka"),
        ];
        for (from, to) in cases {
            assert_eq!(inline(from), to, "{from}");
        }
    }

    #[test]
    fn numbering_is_stripped_in_its_many_spellings() {
        let cases = [
            ("Q12: What is X?", "What is X?"),
            ("Q1. Why?", "Why?"),
            ("Question 3 - How?", "How?"),
            ("12. What?", "What?"),
            ("1What is canary deployment?", "What is canary deployment?"),
            ("3D printing?", "3D printing?"),
            ("Quorum reads?", "Quorum reads?"),
            ("Q7 How?", "How?"),
            ("2.5 GHz?", "2.5 GHz?"),
        ];
        for (from, to) in cases {
            assert_eq!(strip_numbering(from), to, "{from}");
        }
    }

    #[test]
    fn answer_markers() {
        assert_eq!(answer_marker("A: It is."), Some("It is."));
        assert_eq!(answer_marker("**Answer:** It is."), Some("It is."));
        assert_eq!(answer_marker("A:"), Some(""));
        assert_eq!(answer_marker("Answers vary."), None);
        assert_eq!(answer_marker("As said"), None);
    }

    #[test]
    fn list_items_and_titles() {
        assert_eq!(list_item("   - answer"), Some((3, "answer")));
        assert_eq!(list_item("12. **Q?**"), Some((0, "**Q?**")));
        assert_eq!(list_item("  • Posts"), Some((2, "Posts")));
        assert_eq!(list_item("-1 degrees"), None);
        assert_eq!(list_item("2024. A year"), None);
        assert_eq!(
            title("### **Advanced and Deployment Topics (51–100)**"),
            "Advanced and Deployment Topics"
        );
        assert_eq!(title("## 🟢 Junior Level (0–3 YoE)"), "Junior Level (0–3 YoE)");
    }
}
