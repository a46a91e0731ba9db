//! Plain text: a line that asks a question, the lines after it the answer,
//! with no markers at all:
//!
//! ```text
//! What does a load balancer health check do?
//! It stops sending traffic to a backend that fails it.
//!
//! Why drain connections before removing a backend?
//! ...
//! ```
//!
//! A question line ends with `?`, starts a paragraph or follows a finished
//! sentence, and is written as a sentence: a line in Title Case is a web
//! page's heading, not a question. This reading is the loosest, so
//! detection takes it only when it finds far more than any other format.

use super::clean;
use super::doc::{Answer, Doc, Item, Mode, Outline, PLAIN_RANK, Parsed};

/// Whether a line on its own asks a question, as opposed to a heading
/// that ends with a question mark (`How Skills Are Evaluated?`).
fn asks(line: &str) -> bool {
    let t = line.trim().trim_end_matches(['*', '_', '"', '”', ')']);
    if !t.ends_with('?') || clean::list_item(line).is_some() || t.split_whitespace().count() > 40 {
        return false;
    }
    let long: Vec<&str> = t
        .split_whitespace()
        .skip(1)
        .filter(|w| w.chars().count() > 3 && w.starts_with(char::is_alphabetic))
        .collect();
    let capitalised = long.iter().filter(|w| w.starts_with(char::is_uppercase)).count();
    long.len() < 3 || capitalised * 5 < long.len() * 4
}

struct Open {
    item: Item,
    answer: Answer,
}

pub fn parse(doc: &Doc<'_>) -> Parsed {
    let mut parsed = Parsed::default();
    let mut outline = Outline::default();
    let mut open: Option<Open> = None;
    let start = |t: &str| asks(t).then_some(None);
    for (i, line) in doc.lines.iter().enumerate() {
        if line.code {
            if let Some(o) = open.as_mut() {
                o.answer.push(line);
            }
            continue;
        }
        if let Some((rank, text)) = line.heading {
            finish(&mut parsed, open.take());
            if !doc.is_title_line(i) {
                outline.heading(rank, text);
            }
            continue;
        }
        let after_sentence = i == 0 || {
            let prev = &doc.lines[i - 1];
            prev.blank() || prev.heading.is_some() || prev.rule || prev.text.trim_end().ends_with(['.', '!', '?', ':', ')'])
        };
        if after_sentence && asks(line.text) && !outline.skipping() {
            finish(&mut parsed, open.take());
            if let Some((prompt, level)) = parsed.question(line.no, line.text, Mode::Prose) {
                open = Some(Open {
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
            continue;
        }
        if let Some(title) = doc.plain_title(i, &start) {
            finish(&mut parsed, open.take());
            outline.heading(PLAIN_RANK, &title);
            continue;
        }
        if let Some(o) = open.as_mut() {
            o.answer.push(line);
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

    #[test]
    fn question_lines_and_the_answers_under_them() {
        let text = "\
Load Balancing Questions

What does a health check do?
It stops traffic to a backend that fails it.
Why drain connections first?
So requests in flight can finish.

Is that always needed? Not for stateless, idempotent calls,
but it rarely hurts?

How Our Team Evaluates Candidates Today?
We read every answer.
";
        let parsed = parse(&Doc::new(text));
        let got: Vec<(&str, &str, Option<&str>)> = parsed
            .items
            .iter()
            .map(|i| (i.prompt.as_str(), i.answer.as_str(), i.section.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "What does a health check do?",
                    "It stops traffic to a backend that fails it.",
                    Some("Load Balancing Questions")
                ),
                (
                    "Why drain connections first?",
                    "So requests in flight can finish.\n\nIs that always needed? Not for stateless, idempotent calls,\nbut it rarely hurts?\n\nHow Our Team Evaluates Candidates Today?\nWe read every answer.",
                    Some("Load Balancing Questions")
                ),
            ]
        );
    }
}
