//! CSV and TSV files with a question and an answer column, and optionally
//! level and topic columns:
//!
//! ```text
//! question,answer,level,topic
//! "What is a Pod?","The smallest unit, one or more containers.",junior,kubernetes
//! ```
//!
//! Columns are found by their header (`question`/`prompt`/`front`,
//! `answer`/`reference`/`back`, `level`/`difficulty`, `topic`/`category`/
//! `tags`). Without a header the first column is the question and the
//! second the answer. Fields follow RFC 4180: quoted fields may hold the
//! delimiter, doubled quotes and line breaks.

use crate::diagnostic::{Diagnostic, SourceFile};

use super::doc::{Answer, Item, Mode, Parsed};
use super::levels;

/// One record with the line it starts on.
pub type Record = (usize, Vec<String>);

/// Splits delimited text into records.
pub fn records(text: &str, delimiter: char) -> Vec<Record> {
    let mut out = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut line = 1;
    let mut start = 1;
    let mut chars = text.chars().peekable();
    let mut at_field_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                '\r' => {}
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                quoted = true;
                at_field_start = false;
            }
            c if c == delimiter => {
                fields.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\n' => {
                fields.push(std::mem::take(&mut field));
                out.push((start, std::mem::take(&mut fields)));
                line += 1;
                start = line;
                at_field_start = true;
            }
            '\r' => {}
            _ => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        out.push((start, fields));
    }
    out.retain(|(_, f)| f.iter().any(|x| !x.trim().is_empty()));
    out
}

/// What each column holds.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Columns {
    pub question: usize,
    pub answer: Option<usize>,
    pub level: Option<usize>,
    pub topic: Option<usize>,
    pub section: Option<usize>,
}

fn header_name(cell: &str) -> String {
    cell.trim()
        .trim_start_matches('\u{FEFF}')
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The columns a header row names, if it names a question column.
pub fn header(cells: &[String]) -> Option<Columns> {
    let find = |names: &[&str]| cells.iter().position(|c| names.contains(&header_name(c).as_str()));
    Some(Columns {
        question: find(&["question", "questions", "q", "prompt", "front", "term", "text"])?,
        answer: find(&[
            "answer",
            "answers",
            "a",
            "reference",
            "back",
            "definition",
            "response",
            "solution",
            "modelanswer",
        ]),
        level: find(&["level", "difficulty", "seniority", "experience", "grade"]),
        topic: find(&["topic", "category", "tags", "tag", "area", "subject", "skill"]),
        section: find(&["section", "deck", "group", "chapter"]),
    })
}

/// Reads a CSV (`,` or `;`) or TSV (`\t`) file.
pub fn parse(src: &SourceFile, delimiter: char) -> Result<Parsed, Diagnostic> {
    let rows = records(&src.text, delimiter);
    let Some((first_line, first)) = rows.first() else {
        return Ok(Parsed::default());
    };
    let (columns, body) = match header(first) {
        Some(c) => (c, &rows[1..]),
        None if first.len() >= 2 && looks_like_header(first) => {
            let names: Vec<String> = first.iter().map(|c| format!("`{}`", c.trim())).collect();
            let offset = src.text.lines().take(first_line - 1).map(|l| l.len() + 1).sum::<usize>();
            return Err(src
                .error_at(
                    offset..offset + src.text[offset..].find('\n').unwrap_or(0),
                    "no question column in the header",
                )
                .with_help(format!(
                    "the header names {}; call the question column `question` (and the answer `answer`)",
                    names.join(", ")
                )));
        }
        None => (
            Columns {
                question: 0,
                answer: Some(1),
                ..Columns::default()
            },
            &rows[..],
        ),
    };
    let mut parsed = Parsed::default();
    for (line, cells) in body {
        let cell = |i: Option<usize>| i.and_then(|i| cells.get(i)).map(|c| c.trim()).filter(|c| !c.is_empty());
        let Some(raw) = cell(Some(columns.question)) else { continue };
        let Some((prompt, tag)) = parsed.question(*line, raw, Mode::Cell) else {
            continue;
        };
        let mut answer = Answer::default();
        for text in cell(columns.answer).unwrap_or("").lines() {
            answer.push_text(text);
        }
        let level = cell(columns.level).and_then(levels::from_cell).or(tag);
        let item = Item {
            prompt,
            line: *line,
            section: cell(columns.section).map(str::to_string),
            level: level.or_else(|| cell(columns.topic).and_then(levels::in_heading)),
            topic: cell(columns.topic).map(str::to_string),
            ..Item::default()
        };
        parsed.push(item, &answer);
    }
    Ok(parsed)
}

/// A first row that names columns rather than holding a question: short
/// cells, none a question, one of them a column name grill knows.
fn looks_like_header(cells: &[String]) -> bool {
    let known = [
        "answer",
        "answers",
        "level",
        "topic",
        "category",
        "tags",
        "difficulty",
        "notes",
        "id",
        "source",
    ];
    let short = |c: &String| c.trim().len() <= 24 && !c.contains('?') && c.split_whitespace().count() <= 3;
    cells.iter().all(short) && cells.iter().any(|c| known.contains(&header_name(c).as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Level;

    #[test]
    fn records_follow_rfc_4180() {
        let text = "q,a\r\n\"Why, then?\",\"He said \"\"no\"\"\nand left\"\n\nlast,row";
        let rows = records(text, ',');
        assert_eq!(rows[0], (1, vec!["q".to_string(), "a".to_string()]));
        assert_eq!(rows[1], (2, vec!["Why, then?".to_string(), "He said \"no\"\nand left".to_string()]));
        assert_eq!(rows[2], (5, vec!["last".to_string(), "row".to_string()]));
    }

    #[test]
    fn columns_by_header_in_any_order() {
        let src = SourceFile::new(
            "q.csv",
            "Topic,Level,Question,Answer\nkubernetes,Beginner,What is a Pod?,The smallest unit.\n,senior,How would you shard it?,\n",
        );
        let parsed = parse(&src, ',').unwrap();
        let got: Vec<(&str, &str, Option<Level>, Option<&str>)> = parsed
            .items
            .iter()
            .map(|i| (i.prompt.as_str(), i.answer.as_str(), i.level, i.topic.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("What is a Pod?", "The smallest unit.", Some(Level::Junior), Some("kubernetes")),
                ("How would you shard it?", "", Some(Level::Senior), None),
            ]
        );
        assert_eq!(parsed.items[1].line, 3);
    }

    #[test]
    fn headerless_files_and_missing_question_columns() {
        let src = SourceFile::new("q.tsv", "What is a Pod?\tThe smallest unit.\n");
        assert_eq!(parse(&src, '\t').unwrap().items.len(), 1);
        let src = SourceFile::new("q.csv", "Query,Answer,Level\nWhat?,That.,mid\n");
        let err = parse(&src, ',').unwrap_err().to_string();
        assert!(err.contains("q.csv:1:1: no question column in the header"), "{err}");
        assert!(err.contains("`Query`, `Answer`, `Level`"), "{err}");
    }
}
