//! `<details><summary>question</summary>answer</details>` blocks, the
//! shape of many interview-question repositories:
//!
//! ```text
//! <details>
//! <summary>What is a sidecar?</summary><br><b>
//! A helper container in the same pod ...
//! </b></details>
//! ```
//!
//! When the summary is only a label (`Answer`, `Show solution`), the
//! question is the heading, list item or line just before the block.
//! Headings between blocks open sections and levels.

use super::clean;
use super::doc::{Answer, Doc, Item, Mode, Outline, Parsed};
use super::noise;

/// Summaries that label the answer rather than ask the question.
const LABELS: &[&str] = &[
    "answer",
    "show answer",
    "see answer",
    "view answer",
    "reveal answer",
    "solution",
    "show solution",
    "see solution",
    "click to expand",
    "click to see",
    "click to view",
    "click here",
    "expand",
    "show",
    "reveal",
    "details",
    "hint",
];

/// A `<details>` block being read.
struct Open {
    line: usize,
    html: String,
    depth: usize,
}

/// How many times `tag` occurs in `text`, ignoring case.
fn count(text: &str, tag: &str) -> usize {
    text.to_ascii_lowercase().matches(tag).count()
}

pub fn parse(doc: &Doc<'_>) -> Parsed {
    let mut parsed = Parsed::default();
    let mut outline = Outline::default();
    let mut open: Option<Open> = None;
    let mut before: Option<(usize, String)> = None;
    for (i, line) in doc.lines.iter().enumerate() {
        if let Some(o) = open.as_mut() {
            o.html.push('\n');
            o.html.push_str(line.text);
            o.depth = (o.depth + count(line.text, "<details")).saturating_sub(count(line.text, "</details>"));
            if o.depth == 0
                && let Some(o) = open.take()
            {
                block(&mut parsed, &outline, o, before.take());
            }
            continue;
        }
        let lower = line.text.to_ascii_lowercase();
        if let Some(at) = lower.find("<details").filter(|_| !line.code) {
            let html = line.text[at..].to_string();
            let depth = count(&html, "<details").saturating_sub(count(&html, "</details>"));
            let o = Open {
                line: line.no,
                html,
                depth,
            };
            if depth == 0 {
                block(&mut parsed, &outline, o, before.take());
            } else {
                open = Some(o);
            }
            continue;
        }
        if let Some((rank, text)) = line.heading.filter(|_| !doc.is_title_line(i))
            && noise::judge(&clean::inline(text)).is_err()
        {
            outline.heading(rank, text);
            before = None;
            continue;
        }
        if !line.blank() && !line.code {
            let text = clean::list_item(line.text).map_or(line.text, |(_, t)| t);
            before = Some((line.no, text.trim_start_matches('#').trim().to_string()));
        }
    }
    if let Some(o) = open {
        block(&mut parsed, &outline, o, before);
    }
    parsed
}

/// Reads one `<details>` block into a question.
fn block(parsed: &mut Parsed, outline: &Outline, o: Open, before: Option<(usize, String)>) {
    if outline.skipping() {
        return;
    }
    let lower = o.html.to_ascii_lowercase();
    let (summary, body) = match (lower.find("<summary"), lower.find("</summary>")) {
        (Some(start), Some(end)) if start < end => {
            let open_end = lower[start..].find('>').map_or(end, |g| start + g + 1).min(end);
            (&o.html[open_end..end], &o.html[end + "</summary>".len()..])
        }
        _ => ("", o.html.as_str()),
    };
    let summary_text = clean::inline(summary);
    let label = LABELS.contains(&summary_text.to_lowercase().trim_end_matches([':', '.']).trim());
    let (line, question) = match before {
        Some(b) if label || summary_text.is_empty() => b,
        _ => (o.line, summary_text),
    };
    let body = body.rfind("</details>").map_or(body, |end| &body[..end]);
    let Some((prompt, level)) = parsed.question(line, &question, Mode::Prose) else {
        return;
    };
    let mut answer = Answer::default();
    for text in clean::html_to_text(body).lines() {
        answer.push_text(text);
    }
    let item = Item {
        prompt,
        line,
        section: outline.section(),
        level: level.or(outline.level()),
        ..Item::default()
    };
    parsed.push(item, &answer);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_are_questions_bodies_answers() {
        let text = "\
## Containers

<details>
<summary>What is a sidecar?</summary><br><b>
A helper container that shares the pod's network.

- logs
- proxies
</b></details>

<details><summary><b>Why pin image tags?</b></summary>So a rebuild gives the same image &amp; behaviour.</details>

### What does `COPY --from` do?
<details><summary>Show answer</summary>
Copies files from an earlier build stage.
</details>

<details><summary>Sign up for our newsletter</summary>Get weekly tips.</details>
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
                    "What is a sidecar?",
                    "A helper container that shares the pod's network.\n\n- logs\n- proxies",
                    Some("Containers")
                ),
                (
                    "Why pin image tags?",
                    "So a rebuild gives the same image & behaviour.",
                    Some("Containers")
                ),
                (
                    "What does `COPY --from` do?",
                    "Copies files from an earlier build stage.",
                    Some("Containers")
                ),
            ]
        );
        assert_eq!(parsed.skipped.len(), 1);
        assert_eq!(parsed.items[2].line, 13);
    }
}
