//! Questions as list items, with or without answers:
//!
//! ```text
//! ### Basics                          ## 🟢 Junior Level (0–3 YoE)
//! 1. **What is Kubeflow?**            1. What is GitOps?
//!    - An ML platform on Kubernetes.  2. Why multi-stage builds?
//! ```
//!
//! An item is a question when it reads as one; the lines indented under it
//! (or following it before the next item) are its answer. Items without
//! an answer become drafts. Headings above open sections and levels, and
//! tags on the item (`What is X?Intermediate`) set its level.

use super::clean;
use super::doc::{Answer, BOLD_RANK, Doc, Item, Mode, Outline, PLAIN_RANK, Parsed};

/// A question item being read.
struct Open {
    item: Item,
    indent: usize,
    answer: Answer,
    /// A blank line has passed since the item.
    after_blank: bool,
    /// The answer so far is indented under the item (so an unindented
    /// paragraph after a blank line is not part of it).
    nested: bool,
}

pub fn parse(doc: &Doc<'_>) -> Parsed {
    let mut parsed = Parsed::default();
    let mut outline = Outline::default();
    let mut open: Option<Open> = None;
    let start = |t: &str| clean::list_item(t).map(|_| item_number(t));
    for (i, line) in doc.lines.iter().enumerate() {
        if line.code {
            if let Some(o) = open.as_mut() {
                o.answer.push(line);
            }
            continue;
        }
        if let Some((rank, text)) = line.heading {
            let inside = open.as_ref().is_some_and(|o| rank == BOLD_RANK && o.answer.has_text());
            if inside {
                if let Some(o) = open.as_mut() {
                    o.answer.push(line);
                }
                continue;
            }
            finish(&mut parsed, open.take());
            if !doc.is_title_line(i) {
                outline.heading(rank, text);
            }
            continue;
        }
        if line.rule {
            finish(&mut parsed, open.take());
            continue;
        }
        if let Some((indent, text)) = clean::list_item(line.text) {
            if let Some(o) = open.as_mut().filter(|o| indent > o.indent) {
                o.nested = true;
                o.answer.push(line);
                continue;
            }
            finish(&mut parsed, open.take());
            if outline.skipping() {
                continue;
            }
            if let Some((prompt, level)) = parsed.question(line.no, text, Mode::Prose) {
                open = Some(Open {
                    item: Item {
                        prompt,
                        line: line.no,
                        section: outline.section(),
                        level: level.or(outline.level()),
                        ..Item::default()
                    },
                    indent,
                    answer: Answer::default(),
                    after_blank: false,
                    nested: false,
                });
            }
            continue;
        }
        if let Some(title) = doc.plain_title(i, &start) {
            finish(&mut parsed, open.take());
            outline.heading(PLAIN_RANK, &title);
            continue;
        }
        let Some(o) = open.as_mut() else { continue };
        if line.blank() {
            o.after_blank = true;
            o.answer.push(line);
        } else if clean::indentation(line.text) > o.indent || !o.after_blank {
            o.nested |= clean::indentation(line.text) > o.indent;
            o.answer.push(line);
        } else if !o.nested {
            o.answer.push(line);
        } else {
            finish(&mut parsed, open.take());
        }
    }
    finish(&mut parsed, open);
    parsed
}

/// The number of a numbered item (`12. ...` → 12).
fn item_number(line: &str) -> Option<u32> {
    let t = line.trim_start();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    t[..digits].parse().ok()
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

    fn prompts_and_answers(text: &str) -> Vec<(String, String, Option<Level>)> {
        parse(&Doc::new(text))
            .items
            .into_iter()
            .map(|i| (i.prompt, i.answer, i.level))
            .collect()
    }

    #[test]
    fn bold_questions_with_indented_answers() {
        let text = "### **Basic Concepts**\n\n1. **What is a Pod?**\n   - The smallest unit.\n\n2. **Why use labels?**\n   - To select objects.\n   - To group them.\n\n---\n\nA paragraph about the next part.\n";
        assert_eq!(
            prompts_and_answers(text),
            [
                ("What is a Pod?".into(), "The smallest unit.".into(), Some(Level::Junior)),
                (
                    "Why use labels?".into(),
                    "- To select objects.\n- To group them.".into(),
                    Some(Level::Junior)
                ),
            ]
        );
    }

    #[test]
    fn ladders_under_level_headings_become_drafts_with_levels() {
        let text = "# Ops — Questions\n\n## ðŸŸ¢ Junior Level (0â€“3 YoE)\n\n1. Describe this project.\n2. What is a Service?\n\n## 🔴 Senior Level (8+ YoE)\n\n1. How would you shard it?\n";
        let fixed = super::super::clean::repair_mojibake(text);
        let parsed = parse(&Doc::new(&fixed));
        let got: Vec<(&str, Option<Level>, bool)> = parsed
            .items
            .iter()
            .map(|i| (i.prompt.as_str(), i.level, i.answer.is_empty()))
            .collect();
        assert_eq!(
            got,
            [
                ("Describe this project.", Some(Level::Junior), true),
                ("What is a Service?", Some(Level::Junior), true),
                ("How would you shard it?", Some(Level::Senior), true),
            ]
        );
        assert!(parsed.items.iter().all(|i| i.section.is_none()));
    }

    #[test]
    fn tagged_flattened_items_and_placeholders() {
        let text = "24 questions\n- 1What is a canary release?Intermediate\n- 2What is a feature store?Beginner\n- 3Ops Interview Question 5 (Free)Beginner\nExplore more questions\nWhich questions do people get asked?\nThis page collects them.\n";
        let parsed = parse(&Doc::new(text));
        let got: Vec<(&str, Option<Level>)> = parsed.items.iter().map(|i| (i.prompt.as_str(), i.level)).collect();
        assert_eq!(
            got,
            [
                ("What is a canary release?", Some(Level::Mid)),
                ("What is a feature store?", Some(Level::Junior))
            ]
        );
        assert_eq!(parsed.skipped.len(), 1);
        assert!(parsed.items.iter().all(|i| i.answer.is_empty()));
    }

    #[test]
    fn unindented_answers_after_a_blank_line() {
        let text = "1. What is a Pod?\n\nThe smallest unit.\n\nIt holds containers.\n\n2. What is a Node?\n\nA machine.\n\n* [Home](/)\n* Subscribe to our newsletter\n";
        let parsed = parse(&Doc::new(text));
        let got: Vec<(&str, &str)> = parsed.items.iter().map(|i| (i.prompt.as_str(), i.answer.as_str())).collect();
        assert_eq!(
            got,
            [
                ("What is a Pod?", "The smallest unit.\n\nIt holds containers."),
                ("What is a Node?", "A machine.")
            ]
        );
        assert_eq!(parsed.skipped.len(), 2);
    }
}
