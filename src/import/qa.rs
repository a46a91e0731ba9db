//! `Q1: question` / `A: answer` blocks, the shape of many blog posts:
//!
//! ```text
//! DevOps Engineer Interview Questions
//!
//! Q1: How would you design a CI/CD pipeline?
//!
//! A: First paragraph ...
//!
//!   • a bullet
//! ```
//!
//! A block runs to the next `Q` marker or section title; the `A:` marker
//! is optional. Title lines before a block (plain, bold or `#`) open
//! sections.

use super::clean;
use super::doc::{Answer, Doc, Item, Mode, Outline, PLAIN_RANK, Parsed};

/// `Q1:`, `Q:`, `Q.`, `**Q3.**`, `Question 4 -`: the number (if any) and
/// the text after the marker.
pub fn question_marker(line: &str) -> Option<(Option<u32>, &str)> {
    let t = line.trim_start().trim_start_matches(['*', '_', '#', ' ']);
    let rest = ["Question", "QUESTION", "Q", "q"].iter().find_map(|w| t.strip_prefix(w))?;
    let rest = rest.trim_start();
    let rest = rest
        .strip_prefix('.')
        .filter(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        .unwrap_or(rest);
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let number = rest[..digits].parse().ok();
    let after = rest[digits..].trim_start().trim_start_matches(['*', '_']);
    let sep = after.chars().next()?;
    let allowed = if digits > 0 {
        [':', '.', ')', '-', '–'].contains(&sep)
    } else {
        [':', '.'].contains(&sep)
    };
    let text = after[sep.len_utf8()..].trim_start_matches(['*', '_']);
    (allowed && (text.is_empty() || text.starts_with(char::is_whitespace))).then(|| (number, text.trim()))
}

/// A question being read: its text so far, and whether its answer began.
struct Block {
    item: Item,
    text: String,
    answer: Answer,
    in_answer: bool,
}

pub fn parse(doc: &Doc<'_>) -> Parsed {
    let mut parsed = Parsed::default();
    let mut outline = Outline::default();
    let mut block: Option<Block> = None;
    let start = |t: &str| question_marker(t).map(|(n, _)| n);
    for (i, line) in doc.lines.iter().enumerate() {
        if line.code {
            if let Some(b) = block.as_mut() {
                b.in_answer = true;
                b.answer.push(line);
            }
            continue;
        }
        if let Some((_, text)) = question_marker(line.text) {
            finish(&mut parsed, block.take());
            let (text, answer) = split_inline_answer(text);
            let mut b = Block {
                item: Item {
                    line: line.no,
                    section: outline.section(),
                    level: outline.level(),
                    ..Item::default()
                },
                text: text.to_string(),
                answer: Answer::default(),
                // A question continues on the next lines only until it asks.
                in_answer: answer.is_some() || line.heading.is_some() || text.contains('?'),
            };
            if let Some(a) = answer {
                b.answer.push_text(a);
            }
            block = if outline.skipping() { None } else { Some(b) };
            continue;
        }
        if let Some((rank, text)) = line.heading {
            finish(&mut parsed, block.take());
            if !doc.is_title_line(i) {
                outline.heading(rank, text);
            }
            continue;
        }
        if let Some(title) = doc.plain_title(i, &start) {
            finish(&mut parsed, block.take());
            outline.heading(PLAIN_RANK, &title);
            continue;
        }
        let Some(b) = block.as_mut() else { continue };
        if let Some(text) = clean::answer_marker(line.text).filter(|_| !b.answer.has_text()) {
            b.in_answer = true;
            b.answer.push_text(text);
        } else if line.blank() || line.rule {
            b.in_answer = true;
            if !line.rule {
                b.answer.push(line);
            }
        } else if b.in_answer {
            b.answer.push(line);
        } else {
            b.text.push(' ');
            b.text.push_str(line.text.trim());
        }
    }
    finish(&mut parsed, block);
    parsed
}

/// `What is X? A: it is Y.` on one line: the question and the answer.
fn split_inline_answer(text: &str) -> (&str, Option<&str>) {
    for marker in [" A: ", " Answer: ", " Ans: "] {
        if let Some(at) = text.find(marker)
            && text[..at].trim_end().ends_with('?')
        {
            return (text[..at].trim_end(), Some(text[at + marker.len()..].trim()));
        }
    }
    (text, None)
}

fn finish(parsed: &mut Parsed, block: Option<Block>) {
    let Some(b) = block else { return };
    if let Some((prompt, level)) = parsed.question(b.item.line, &b.text, Mode::Prose) {
        let item = Item {
            prompt,
            level: level.or(b.item.level),
            ..b.item
        };
        parsed.push(item, &b.answer);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Level;

    #[test]
    fn markers_in_their_spellings() {
        assert_eq!(question_marker("Q1: How?"), Some((Some(1), "How?")));
        assert_eq!(question_marker("**Q12.** Why?"), Some((Some(12), "Why?")));
        assert_eq!(question_marker("Question 3 - What?"), Some((Some(3), "What?")));
        assert_eq!(question_marker("Q: What?"), Some((None, "What?")));
        assert_eq!(question_marker("Quick question: what?"), None);
        assert_eq!(question_marker("Q3 sales rose"), None);
    }

    #[test]
    fn blocks_under_section_titles() {
        let text = "\
Menu
  • Posts

Thanks to our sponsor, WidgetCo

Platform Questions

Q1: What does a scheduler do?

A: It places work on machines.

  • It reads requests.

  • It scores nodes.

Q2: Why keep the answer marker optional?
Answer: Because some posts drop it.

Q3: Senior Level Questions (Free)

Security Questions

Q1: How would you rotate a leaked key?

I would revoke it first,
then issue a new one.
Register for our webinar
Time slots
";
        let doc = Doc::new(text);
        let parsed = parse(&doc);
        let got: Vec<(&str, Option<&str>, &str)> = parsed
            .items
            .iter()
            .map(|i| (i.prompt.as_str(), i.section.as_deref(), i.answer.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "What does a scheduler do?",
                    Some("Platform Questions"),
                    "It places work on machines.\n\n- It reads requests.\n- It scores nodes."
                ),
                (
                    "Why keep the answer marker optional?",
                    Some("Platform Questions"),
                    "Because some posts drop it."
                ),
                (
                    "How would you rotate a leaked key?",
                    Some("Security Questions"),
                    "I would revoke it first,\nthen issue a new one."
                ),
            ]
        );
        assert_eq!(parsed.skipped.len(), 1, "{:?}", parsed.skipped);
        assert_eq!(parsed.items[0].level, None);
    }

    #[test]
    fn inline_answers_and_level_tags() {
        let doc = Doc::new(
            "## Junior\n\nQ: What is a Pod? A: The smallest unit.\n## Q2. Why pin tags?\nBecause.\nQ3: Name the parts\nof a Pod.\n\nContainers.\n",
        );
        let parsed = parse(&doc);
        assert_eq!(parsed.items[0].prompt, "What is a Pod?");
        assert_eq!(parsed.items[0].answer, "The smallest unit.");
        assert_eq!(parsed.items[0].level, Some(Level::Junior));
        assert_eq!(
            (parsed.items[1].prompt.as_str(), parsed.items[1].answer.as_str()),
            ("Why pin tags?", "Because.")
        );
        assert_eq!(
            (parsed.items[2].prompt.as_str(), parsed.items[2].answer.as_str()),
            ("Name the parts of a Pod.", "Containers.")
        );
    }
}
