//! Writing an import as bank TOML that [`Bank::parse`](crate::bank::Bank::parse)
//! reads back unchanged: every string escaped, multi-line text in `"""`
//! blocks, and comments saying where each question came from and what
//! needs review.

use std::fmt::Write as _;

use super::Import;

/// A TOML basic string: `"..."` with every character that needs it escaped.
pub fn basic(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML multi-line basic string, one line of text per line of file;
/// the closing quotes end the last line, so no newline is added.
pub fn multiline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str("\"\"\"\n");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\t' => out.push(c),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push_str("\"\"\"");
    out
}

/// A string as TOML: one line stays on one line, more become a block.
fn string(s: &str) -> String {
    if s.contains('\n') { multiline(s) } else { basic(s) }
}

/// Text as TOML comment lines.
fn comment(text: &str) -> String {
    text.lines().map(|l| format!("# {l}\n").replace("# \n", "#\n")).collect()
}

/// The bank file for an import.
pub fn bank_toml(import: &Import) -> String {
    let mut o = String::new();
    let sources: Vec<String> = import.files.iter().map(|f| format!("{} ({})", f.name, f.format)).collect();
    o.push_str(&comment(&format!(
        "Imported by `grill import` from {}.\n\
         Review before practising: key points marked `proposed = true` were picked\n\
         from the answer text; levels and topics were guessed where the document\n\
         gave none; drafts need a reference answer and key points before they are asked.",
        sources.join(", ")
    )));
    let _ = writeln!(o, "\nid = {}", basic(&import.bank));
    let _ = writeln!(o, "title = {}", basic(&import.title));
    let _ = writeln!(o, "description = {}", basic(&import.description));
    for q in &import.questions {
        let question = &q.question;
        let mut from = question.origin.clone();
        if let Some(section) = &q.section {
            let _ = write!(from, " · {section}");
        }
        o.push('\n');
        o.push_str(&comment(&from));
        for note in &q.notes {
            o.push_str(&comment(note));
        }
        let _ = writeln!(o, "[[question]]");
        let _ = writeln!(o, "id = {}", basic(&question.id));
        let _ = writeln!(o, "prompt = {}", string(&question.prompt));
        let _ = writeln!(o, "level = {}", basic(question.level.as_str()));
        let _ = writeln!(o, "topic = {}", basic(&question.topic));
        let _ = writeln!(o, "difficulty = {}", question.difficulty);
        if question.draft {
            let _ = writeln!(o, "draft = true");
        }
        if !question.reference.is_empty() {
            let _ = writeln!(o, "reference = {}", multiline(&question.reference));
        }
        if let Some(example) = &question.example {
            let _ = writeln!(o, "example = {}", multiline(example));
        }
        for k in &question.key_points {
            let _ = writeln!(o, "\n[[question.key_points]]");
            let _ = writeln!(o, "point = {}", basic(&k.point));
            let _ = writeln!(o, "weight = {}", k.weight);
            if k.proposed {
                let _ = writeln!(o, "proposed = true");
            }
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_survive_a_round_trip_through_toml() {
        let hard = [
            "plain",
            "quote \" and backslash \\ and tab\t",
            "three quotes \"\"\" and a trailing quote\"",
            "line one\nline two\n\n  indented",
            "control \u{1} and \u{7f} and carriage\r return",
            "unicode — ✓ 🟢 ''' literal",
            "ends with backslash \\",
        ];
        for s in hard {
            for (name, encoded) in [("basic", basic(s)), ("multiline", multiline(s))] {
                let doc = format!("v = {encoded}\n");
                let parsed: toml::Table = toml::from_str(&doc).unwrap_or_else(|e| panic!("{name} {s:?}: {e}\n{doc}"));
                assert_eq!(parsed["v"].as_str(), Some(s), "{name}: {doc}");
            }
        }
    }
}
