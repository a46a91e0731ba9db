//! Anki's plain-text export ("Notes in Plain Text"): one note per line,
//! front and back separated by a tab, with optional `#key:value` header
//! lines naming the separator and the guid, notetype, deck and tags
//! columns:
//!
//! ```text
//! #separator:tab
//! #html:true
//! #tags column:3
//! What is a <b>Pod</b>?<TAB>The smallest deployable unit.<TAB>kubernetes junior
//! ```
//!
//! Fields may be HTML and may hold cloze deletions (`{{c1::text}}`); tags
//! name levels (`senior`, `level::mid`) and topics; a deck column becomes
//! the section.

use super::clean;
use super::doc::{Answer, Item, Mode, Parsed};
use super::levels;
use super::table;

/// What the header lines say.
#[derive(Debug, PartialEq, Eq)]
struct Header {
    separator: char,
    html: bool,
    /// 0-based columns that are not fields.
    guid: Option<usize>,
    notetype: Option<usize>,
    deck: Option<usize>,
    tags: Option<usize>,
    /// Lines the header took.
    lines: usize,
}

/// Whether `text` starts like an Anki export header.
pub fn has_header(text: &str) -> bool {
    text.lines().next().is_some_and(|l| {
        let l = l.trim_start_matches('\u{FEFF}');
        [
            "#separator:",
            "#html:",
            "#tags column:",
            "#notetype",
            "#deck",
            "#guid column:",
            "#columns:",
        ]
        .iter()
        .any(|p| l.starts_with(p))
    })
}

fn header(text: &str) -> Header {
    let mut h = Header {
        separator: '\t',
        html: false,
        guid: None,
        notetype: None,
        deck: None,
        tags: None,
        lines: 0,
    };
    for line in text.lines() {
        let line = line.trim_start_matches('\u{FEFF}');
        let Some((key, value)) = line.strip_prefix('#').and_then(|l| l.split_once(':')) else {
            break;
        };
        let column = value.trim().parse::<usize>().ok().and_then(|c| c.checked_sub(1));
        match key.trim().to_ascii_lowercase().as_str() {
            "separator" => {
                h.separator = match value.trim().to_ascii_lowercase().as_str() {
                    "tab" => '\t',
                    "comma" => ',',
                    "semicolon" => ';',
                    "space" => ' ',
                    "pipe" => '|',
                    "colon" => ':',
                    other => other.chars().next().unwrap_or('\t'),
                }
            }
            "html" => h.html = value.trim().eq_ignore_ascii_case("true"),
            "guid column" => h.guid = column,
            "notetype column" => h.notetype = column,
            "deck column" => h.deck = column,
            "tags column" => h.tags = column,
            _ => {}
        }
        h.lines += 1;
    }
    h
}

/// A field as plain text: HTML turned to text, clozes to their answer.
fn field(text: &str, html: bool) -> String {
    let text = if html || text.contains('<') {
        clean::html_to_text(text)
    } else {
        text.to_string()
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(start) = rest.find("{{c") {
        let Some(end) = rest[start..].find("}}").map(|e| start + e) else {
            break;
        };
        out.push_str(&rest[..start]);
        let inner = &rest[start + 2..end];
        out.push_str(inner.split("::").nth(1).unwrap_or(inner));
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    out
}

pub fn parse(text: &str) -> Parsed {
    let h = header(text);
    let body_start: usize = text.lines().take(h.lines).map(|l| l.len() + 1).sum();
    let body = text.get(body_start..).unwrap_or("");
    let mut parsed = Parsed::default();
    for (line, cells) in table::records(body, h.separator) {
        let line = line + h.lines;
        let meta = [h.guid, h.notetype, h.deck, h.tags];
        let fields: Vec<&String> = cells
            .iter()
            .enumerate()
            .filter(|(i, _)| !meta.contains(&Some(*i)))
            .map(|(_, c)| c)
            .collect();
        let Some(front) = fields.first().map(|f| field(f, h.html)) else {
            continue;
        };
        let Some((prompt, tag)) = parsed.question(line, &front, Mode::Cell) else {
            continue;
        };
        let mut answer = Answer::default();
        for l in fields.get(1).map(|b| field(b, h.html)).unwrap_or_default().lines() {
            answer.push_text(l);
        }
        let tags: Vec<String> = h
            .tags
            .and_then(|t| cells.get(t))
            .map(|t| {
                t.split_whitespace()
                    .map(|t| t.rsplit("::").next().unwrap_or(t).replace('_', " "))
                    .collect()
            })
            .unwrap_or_default();
        let level = tag.or_else(|| tags.iter().find_map(|t| levels::from_cell(t)));
        let topics: Vec<&String> = tags.iter().filter(|t| levels::from_cell(t).is_none()).collect();
        let item = Item {
            prompt,
            line,
            section: h
                .deck
                .and_then(|d| cells.get(d))
                .map(|d| d.rsplit("::").next().unwrap_or(d).trim().to_string()),
            level,
            topic: (!topics.is_empty()).then(|| topics.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(" ")),
            ..Item::default()
        };
        parsed.push(item, &answer);
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Level;

    #[test]
    fn header_lines_name_separator_and_columns() {
        let h = header("#separator:Semicolon\n#html:true\n#deck column:1\n#tags column:4\nx;y;z;t\n");
        assert_eq!((h.separator, h.html, h.deck, h.tags, h.lines), (';', true, Some(0), Some(3), 4));
        assert!(has_header("#separator:tab\n"));
        assert!(!has_header("# A heading\n"));
    }

    #[test]
    fn notes_become_questions_with_tags_and_decks() {
        let text = "#separator:tab\n#html:true\n#deck column:1\n#tags column:4\nOps::Cluster\tWhat is a <b>Pod</b>?\tThe smallest unit.<br>It wraps containers.\tkubernetes level::junior\nOps\t{{c1::Helm}} packages charts\tA package manager.\t\n";
        let parsed = parse(text);
        let prompts: Vec<(&str, &str)> = parsed.items.iter().map(|i| (i.prompt.as_str(), i.answer.as_str())).collect();
        assert_eq!(
            prompts,
            [
                ("What is a Pod?", "The smallest unit.\nIt wraps containers."),
                ("Helm packages charts", "A package manager.")
            ]
        );
        let labels: Vec<(Option<Level>, Option<&str>, Option<&str>)> = parsed
            .items
            .iter()
            .map(|i| (i.level, i.topic.as_deref(), i.section.as_deref()))
            .collect();
        assert_eq!(
            labels,
            [
                (Some(Level::Junior), Some("kubernetes"), Some("Cluster")),
                (None, None, Some("Ops"))
            ]
        );
        assert_eq!(parsed.items[0].line, 5);
    }
}
