//! Markdown headings that are questions, the paragraphs under them the
//! answer:
//!
//! ```text
//! ## Networking
//! ### What does a Service do?
//! It gives a set of pods one stable address ...
//! ```
//!
//! A heading that does not read as a question opens a section (or sets a
//! level); inside an answer, deeper headings and bold lines are part of it.

use super::doc::{Answer, BOLD_RANK, Doc, Item, Mode, Outline, Parsed};

struct Open {
    rank: u8,
    item: Item,
    answer: Answer,
}

pub fn parse(doc: &Doc<'_>) -> Parsed {
    let mut parsed = Parsed::default();
    let mut outline = Outline::default();
    let mut open: Option<Open> = None;
    for (i, line) in doc.lines.iter().enumerate() {
        let Some((rank, text)) = line.heading.filter(|_| !doc.is_title_line(i)) else {
            if doc.is_title_line(i) {
                finish(&mut parsed, open.take());
            } else if let Some(o) = open.as_mut() {
                o.answer.push(line);
            }
            continue;
        };
        match parsed.question(line.no, text, Mode::Heading) {
            Some((prompt, level)) => {
                finish(&mut parsed, open.take());
                outline.close_for_question(rank);
                if !outline.skipping() {
                    open = Some(Open {
                        rank,
                        item: Item {
                            prompt,
                            line: line.no,
                            section: outline.section(),
                            level: level.or(outline.level()),
                            ..Item::default()
                        },
                        answer: Answer::default(),
                    });
                }
            }
            None => match open.as_mut() {
                Some(o) if rank > o.rank || rank == BOLD_RANK => o.answer.push_text(text),
                _ => {
                    finish(&mut parsed, open.take());
                    outline.heading(rank, text);
                }
            },
        }
    }
    finish(&mut parsed, open);
    parsed
}

fn finish(parsed: &mut Parsed, open: Option<Open>) {
    if let Some(o) = open {
        parsed.push(o.item, &o.answer);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Level;

    #[test]
    fn question_headings_with_answers_under_sections() {
        let text = "\
# Cluster questions

## Table of Contents
- [What is a Node?](#node)

## Beginner

### 1. What is a Node?
A machine that runs pods.

#### Example
It may be a VM.

**What is a taint?**

A mark that repels pods.

## Scheduling

### How does the scheduler pick a node?
It filters, then scores.

## Subscribe to our newsletter
";
        let parsed = parse(&Doc::new(text));
        let got: Vec<(&str, &str, Option<&str>, Option<Level>)> = parsed
            .items
            .iter()
            .map(|i| (i.prompt.as_str(), i.answer.as_str(), i.section.as_deref(), i.level))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "What is a Node?",
                    "A machine that runs pods.\n\nExample\nIt may be a VM.",
                    None,
                    Some(Level::Junior)
                ),
                ("What is a taint?", "A mark that repels pods.", None, Some(Level::Junior)),
                (
                    "How does the scheduler pick a node?",
                    "It filters, then scores.",
                    Some("Scheduling"),
                    None
                ),
            ]
        );
    }
}
