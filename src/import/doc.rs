//! A text document as the parsers see it, and what they build from it.
//!
//! [`Doc`] numbers the lines, marks fenced code, recognises headings (ATX,
//! setext, bold-only lines) and reads YAML front matter. [`Outline`] tracks
//! the section and level that headings open. [`Answer`] collects the lines
//! under a question into a reference answer. [`Parsed`] is what every
//! format's parser returns: the items that read as questions, and the
//! candidates left out with the reason.

use crate::bank::Level;

use super::clean;
use super::levels;
use super::noise::{self, Reason};

/// The rank of a line that is entirely bold (`**Kubeflow Basics**`).
pub const BOLD_RANK: u8 = 7;
/// The rank of a plain-text title line (`DevOps Interview Questions`).
pub const PLAIN_RANK: u8 = 8;

/// One line of a document.
#[derive(Debug, Clone)]
pub struct Line<'a> {
    /// 1-based line number in the file.
    pub no: usize,
    pub text: &'a str,
    /// Inside a fenced code block (or a fence itself): never a heading,
    /// question or marker.
    pub code: bool,
    /// The heading this line is, with its rank (1–6 Markdown, 7 bold line).
    pub heading: Option<(u8, &'a str)>,
    /// A thematic break (`---`) or a setext underline.
    pub rule: bool,
}

impl Line<'_> {
    pub fn blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// A document split into lines, with its title when it names one.
#[derive(Debug)]
pub struct Doc<'a> {
    pub lines: Vec<Line<'a>>,
    /// From front matter (`title:`) or the document's only `#` heading.
    pub title: Option<String>,
    /// Index of the heading line that gave the title, so it opens no section.
    title_line: Option<usize>,
}

fn atx_heading(line: &str) -> Option<(u8, &str)> {
    let t = line.trim_start();
    if line.len() - t.len() > 3 {
        return None;
    }
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    let rest = &t[hashes..];
    if !(1..=6).contains(&hashes) || !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let text = rest.trim().trim_end_matches('#').trim();
    (!text.is_empty()).then(|| (u8::try_from(hashes).unwrap_or(6), text))
}

fn bold_line(line: &str) -> Option<&str> {
    let t = line.trim();
    ["**", "__"].iter().find_map(|m| {
        let inner = t.strip_prefix(m)?.strip_suffix(m)?;
        (!inner.trim().is_empty() && !inner.contains(m)).then_some(inner.trim())
    })
}

fn is_rule(t: &str, c: char) -> bool {
    let t = t.trim();
    t.len() >= 3 && t.chars().all(|x| x == c || x == ' ') && t.chars().filter(|&x| x == c).count() >= 3
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a str) -> Doc<'a> {
        let raw: Vec<&str> = text.lines().collect();
        let (mut title, start) = front_matter(&raw);
        let mut lines: Vec<Line<'a>> = Vec::with_capacity(raw.len());
        let mut fence: Option<&str> = None;
        for (i, &t) in raw.iter().enumerate().skip(start) {
            let trimmed = t.trim_start();
            let is_fence = trimmed.starts_with("```") || trimmed.starts_with("~~~");
            let mut line = Line {
                no: i + 1,
                text: t,
                code: fence.is_some() || is_fence,
                heading: None,
                rule: false,
            };
            if is_fence {
                let mark = &trimmed[..3];
                fence = match fence {
                    Some(open) if open == mark => None,
                    Some(open) => Some(open),
                    None => Some(mark),
                };
            } else if !line.code {
                line.heading = atx_heading(t).or_else(|| bold_line(t).map(|b| (BOLD_RANK, b)));
                let setext = if is_rule(t, '=') {
                    Some(1)
                } else if is_rule(t, '-') {
                    Some(2)
                } else {
                    None
                };
                if let Some(rank) = setext {
                    line.rule = true;
                    if let Some(prev) = lines.last_mut().filter(|p| {
                        p.no == i && !p.code && !p.blank() && p.heading.is_none() && !p.rule && clean::list_item(p.text).is_none()
                    }) {
                        prev.heading = Some((rank, prev.text.trim()));
                    }
                }
            }
            lines.push(line);
        }
        let firsts: Vec<usize> = (0..lines.len()).filter(|&i| matches!(lines[i].heading, Some((1, _)))).collect();
        let mut title_line = None;
        if let [only] = firsts.as_slice()
            && title.is_none()
        {
            title = lines[*only].heading.map(|(_, t)| clean::title(t));
            title_line = Some(*only);
        }
        if title.is_none() {
            title = lines
                .iter()
                .find(|l| !l.blank())
                .filter(|l| l.heading.is_none() && !l.code)
                .and_then(|l| title_line_text(l.text));
        }
        Doc { lines, title, title_line }
    }

    /// Whether line `i` is a plain-text section title: a short stand-alone
    /// line, not a sentence, right before a question (as `start` recognises
    /// them, with their number), written in title case or restarting the
    /// numbering at 1.
    pub fn plain_title(&self, i: usize, start: &dyn Fn(&str) -> Option<Option<u32>>) -> Option<String> {
        let line = &self.lines[i];
        let t = line.text.trim();
        if line.code || line.blank() || line.heading.is_some() || line.rule || clean::list_item(t).is_some() || start(t).is_some() {
            return None;
        }
        let standalone_before = i == 0 || self.lines[i - 1].blank() || self.lines[i - 1].heading.is_some() || self.lines[i - 1].rule;
        let next = (i + 1..self.lines.len()).find(|&j| !self.lines[j].blank())?;
        let number = start(self.lines[next].text.trim())?;
        let words = t.split_whitespace().count();
        if !standalone_before || words > 12 || t.len() > 100 || t.ends_with(['.', ',', ';', '!', '?']) {
            return None;
        }
        let long: Vec<&str> = t
            .split_whitespace()
            .filter(|w| w.chars().count() > 3 && w.starts_with(char::is_alphabetic))
            .collect();
        let capitalised = long.iter().filter(|w| w.starts_with(char::is_uppercase)).count();
        let title_case = !long.is_empty() && capitalised * 5 >= long.len() * 3;
        (title_case || number == Some(1) || levels::in_heading(t).is_some()).then(|| t.to_string())
    }

    /// Whether line `i` is the heading the document's title came from.
    pub fn is_title_line(&self, i: usize) -> bool {
        self.title_line == Some(i)
    }
}

/// The first line of a plain-text page as its title, when it reads as one:
/// short, in title case, not a sentence, a question or a list item.
fn title_line_text(line: &str) -> Option<String> {
    let t = line.trim();
    let long: Vec<&str> = t
        .split_whitespace()
        .filter(|w| w.chars().count() > 3 && w.starts_with(char::is_alphabetic))
        .collect();
    let capitalised = long.iter().filter(|w| w.starts_with(char::is_uppercase)).count();
    let plain = clean::list_item(t).is_none() && !t.ends_with(['.', ',', ';', ':', '!', '?']) && !t.contains(": ");
    (plain && t.split_whitespace().count() <= 12 && !long.is_empty() && capitalised * 5 >= long.len() * 3 && !noise::is_noise(t))
        .then(|| clean::title(t))
}

/// Reads YAML front matter (`---` … `---` at the top): the title, and the
/// index of the first line after it.
fn front_matter(lines: &[&str]) -> (Option<String>, usize) {
    if lines.first().map(|l| l.trim()) != Some("---") {
        return (None, 0);
    }
    let Some(end) = lines.iter().take(80).skip(1).position(|l| matches!(l.trim(), "---" | "...")) else {
        return (None, 0);
    };
    let body = &lines[1..=end];
    if !body
        .iter()
        .all(|l| l.trim().is_empty() || l.starts_with([' ', '\t', '-']) || l.contains(':'))
    {
        return (None, 0);
    }
    let title = body
        .iter()
        .find_map(|l| l.strip_prefix("title:"))
        .map(|t| t.trim().trim_matches(['"', '\'']).to_string());
    (title.filter(|t| !t.is_empty()), end + 2)
}

/// Section titles whose content is navigation, never questions.
const NAVIGATION: &[&str] = &[
    "table of contents",
    "contents",
    "toc",
    "navigation",
    "menu",
    "related posts",
    "related articles",
    "more posts",
    "you may also like",
    "recommended",
    "further reading",
    "references",
    "resources",
    "about the author",
    "share",
    "comments",
    "tags",
    "categories",
];

#[derive(Debug)]
struct Entry {
    rank: u8,
    section: Option<String>,
    level: Option<Level>,
    skip: bool,
}

/// The sections and levels open at a point of a document. A heading closes
/// every heading of its rank or lower and opens its own; a heading that only
/// names a level (`Junior Level (0–3 YoE)`) sets the level and keeps the
/// section.
#[derive(Debug, Default)]
pub struct Outline {
    stack: Vec<Entry>,
}

impl Outline {
    pub fn heading(&mut self, rank: u8, text: &str) {
        while self.stack.last().is_some_and(|e| e.rank >= rank) {
            self.stack.pop();
        }
        let title = clean::title(text);
        let lower = title.to_lowercase();
        let skip = NAVIGATION.contains(&lower.as_str()) || noise::is_noise(&title);
        let level = levels::in_heading(&title);
        let section = (!skip && !levels::is_level_only(&title) && !title.is_empty()).then_some(title);
        self.stack.push(Entry {
            rank,
            section,
            level,
            skip,
        });
    }

    /// Closes the sections of `rank` and below without opening one: a
    /// question heading ends the section before it at its rank, but not a
    /// level heading of its rank (`### Senior` then `### How would you ...`).
    pub fn close_for_question(&mut self, rank: u8) {
        while self
            .stack
            .last()
            .is_some_and(|e| e.rank > rank || (e.rank == rank && e.section.is_some() || e.skip))
        {
            self.stack.pop();
        }
    }

    pub fn section(&self) -> Option<String> {
        self.stack.iter().rev().find_map(|e| e.section.clone())
    }

    pub fn level(&self) -> Option<Level> {
        self.stack.iter().rev().find_map(|e| e.level)
    }

    /// Inside a navigation or advert section: nothing here is a question.
    pub fn skipping(&self) -> bool {
        self.stack.last().is_some_and(|e| e.skip)
    }
}

/// The lines under a question, collected into a reference answer. Stops
/// for good at page furniture (a sponsor line, a sign-up form).
#[derive(Debug, Default)]
pub struct Answer {
    lines: Vec<String>,
    closed: bool,
}

impl Answer {
    pub fn push(&mut self, line: &Line<'_>) {
        if line.code {
            if !self.closed {
                self.lines.push(line.text.to_string());
            }
        } else {
            self.push_text(line.text);
        }
    }

    pub fn push_text(&mut self, text: &str) {
        if self.closed {
            return;
        }
        if noise::ends_answer(text) {
            self.closed = true;
            return;
        }
        // `Answer:` opening the answer is a label, not part of it.
        let unlabelled = clean::answer_marker(text).filter(|_| !self.has_text()).map(|rest| {
            let indent = &text[..text.len() - text.trim_start().len()];
            format!("{indent}{rest}")
        });
        self.lines.push(unlabelled.unwrap_or_else(|| text.trim_end().to_string()));
    }

    pub fn has_text(&self) -> bool {
        self.lines.iter().any(|l| !l.trim().is_empty())
    }

    /// The answer as (prose, code): common indentation removed, bullets
    /// written `- `, blank lines tidied; fenced code set apart as an example.
    pub fn finish(&self) -> (String, Option<String>) {
        let indent = self
            .lines
            .iter()
            .filter(|l| !l.trim().is_empty())
            .map(|l| clean::indentation(l))
            .min()
            .unwrap_or(0);
        let mut prose: Vec<String> = Vec::new();
        let mut code: Vec<String> = Vec::new();
        let mut in_code = false;
        for line in &self.lines {
            let dedented: String = dedent(line, indent);
            let fence = dedented.trim_start().starts_with("```") || dedented.trim_start().starts_with("~~~");
            if fence || in_code {
                if fence {
                    in_code = !in_code;
                } else {
                    code.push(dedented);
                }
                continue;
            }
            prose.push(bulleted(&dedented).replace("**", ""));
        }
        // Top-level bullets start the line, however far the page indented them.
        let bullet_indent = prose
            .iter()
            .filter(|l| l.trim_start().starts_with("- "))
            .map(|l| clean::indentation(l))
            .min()
            .unwrap_or(0);
        for line in prose.iter_mut().filter(|l| l.trim_start().starts_with("- ")) {
            *line = dedent(line, bullet_indent);
        }
        let mut tidy: Vec<String> = Vec::new();
        for (i, line) in prose.iter().enumerate() {
            let blank = line.trim().is_empty();
            let between_items = blank
                && tidy.last().is_some_and(|p| p.trim_start().starts_with("- "))
                && prose[i + 1..]
                    .iter()
                    .find(|l| !l.trim().is_empty())
                    .is_some_and(|n| n.trim_start().starts_with("- "));
            if blank && (tidy.last().is_none_or(|p| p.trim().is_empty()) || between_items) {
                continue;
            }
            tidy.push(line.clone());
        }
        while tidy.last().is_some_and(|l| l.trim().is_empty()) {
            tidy.pop();
        }
        if let [only] = tidy.as_mut_slice()
            && let Some(rest) = only.strip_prefix("- ")
        {
            *only = rest.to_string();
        }
        let code = code.join("\n").trim_matches('\n').to_string();
        let prose = tidy.join("\n");
        match (prose.is_empty(), code.is_empty()) {
            (true, false) => (code.clone(), Some(code)),
            (_, true) => (prose, None),
            (false, false) => (prose, Some(code)),
        }
    }
}

fn dedent(line: &str, indent: usize) -> String {
    let mut removed = 0;
    let mut chars = line.char_indices();
    for (i, c) in chars.by_ref() {
        if removed >= indent || !c.is_whitespace() {
            return line[i..].to_string();
        }
        removed += if c == '\t' { 4 } else { 1 };
    }
    String::new()
}

/// A bullet line written with `- ` whatever glyph it used, its
/// indentation kept.
fn bulleted(line: &str) -> String {
    let t = line.trim_start();
    let indent = &line[..line.len() - t.len()];
    for glyph in ['•', '·', '▪', '●', '◦', '‣', '*', '+'] {
        if let Some(rest) = t.strip_prefix(glyph).filter(|r| r.starts_with([' ', '\t'])) {
            return format!("{indent}- {}", rest.trim_start());
        }
    }
    line.to_string()
}

/// One question found in a document, before ids, topics and key points.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Item {
    pub prompt: String,
    pub answer: String,
    pub example: Option<String>,
    /// 1-based line where the question starts.
    pub line: usize,
    pub section: Option<String>,
    pub level: Option<Level>,
    /// A topic named by the document (a CSV column, a card tag).
    pub topic: Option<String>,
}

/// A candidate that was not imported, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    pub line: usize,
    pub text: String,
    pub reason: Reason,
}

/// What a parser found in one document.
#[derive(Debug, Default)]
pub struct Parsed {
    pub items: Vec<Item>,
    pub skipped: Vec<Skipped>,
}

/// How readily a candidate is taken as a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Free text (a list item, a `Q:` line): it must read as a question,
    /// and is reported as left out when it does not.
    Prose,
    /// A heading: a question if it reads as one, else a section title
    /// (only noise and placeholders are reported).
    Heading,
    /// A spreadsheet cell or card front: the file says it is a question,
    /// so anything but noise and placeholders is taken.
    Cell,
}

impl Parsed {
    /// Cleans a candidate's text (Markdown, numbering, a level tag) and
    /// keeps it as a prompt if `mode` accepts it; otherwise records it as
    /// left out. Returns the prompt and the level its tag named.
    pub fn question(&mut self, line: usize, raw: &str, mode: Mode) -> Option<(String, Option<Level>)> {
        let plain = clean::inline(raw);
        let (text, level) = levels::split_tag(clean::strip_numbering(&plain));
        let text = clean::strip_numbering(&text).trim().to_string();
        match (noise::judge(&text), mode) {
            (Ok(()), _) => Some((text, level)),
            (Err(Reason::NotAQuestion), Mode::Cell) if text.chars().any(char::is_alphanumeric) => Some((text, level)),
            (Err(Reason::NotAQuestion), Mode::Heading) => None,
            (Err(reason), _) => {
                if !plain.is_empty() {
                    self.skipped.push(Skipped { line, text: plain, reason });
                }
                None
            }
        }
    }

    /// Adds a question with the answer collected for it.
    pub fn push(&mut self, mut item: Item, answer: &Answer) {
        let (reference, example) = answer.finish();
        item.answer = reference;
        item.example = example;
        self.items.push(item);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_know_headings_code_and_front_matter() {
        let text =
            "---\ntitle: \"My Qs\"\nlayout: post\n---\n# Only\n## Part\n```sh\n# not a heading\n```\nSetext\n======\n**Bold line**\n";
        let doc = Doc::new(text);
        assert_eq!(doc.title.as_deref(), Some("My Qs"));
        assert_eq!(doc.lines[0].no, 5);
        let headings: Vec<_> = doc.lines.iter().filter_map(|l| l.heading).collect();
        assert_eq!(headings, [(1, "Only"), (2, "Part"), (1, "Setext"), (BOLD_RANK, "Bold line")]);
        assert!(doc.lines.iter().any(|l| l.code && l.text == "# not a heading"));
    }

    #[test]
    fn a_lone_top_heading_is_the_title() {
        let doc = Doc::new("# KubeFlow Ops — Questions\n\n## Junior\n1. What?\n");
        assert_eq!(doc.title.as_deref(), Some("KubeFlow Ops — Questions"));
        assert!(doc.is_title_line(0));
        let two = Doc::new("# Docker\n# Kubernetes\n");
        assert_eq!(two.title, None);
        assert_eq!(
            Doc::new("Ops Questions for Freshers\nSome intro.\n").title.as_deref(),
            Some("Ops Questions for Freshers")
        );
        assert_eq!(Doc::new("• Menu\nOps Questions\n").title, None);
        assert_eq!(Doc::new("This is prose, not a title.\n").title, None);
    }

    #[test]
    fn level_headings_keep_the_section_and_sections_close_by_rank() {
        let mut o = Outline::default();
        o.heading(2, "Kubeflow **Basics**");
        assert_eq!((o.section().as_deref(), o.level()), (Some("Kubeflow Basics"), Some(Level::Junior)));
        o.heading(3, "🔴 Senior Level (8+ YoE)");
        assert_eq!((o.section().as_deref(), o.level()), (Some("Kubeflow Basics"), Some(Level::Senior)));
        o.heading(2, "Pipelines");
        assert_eq!((o.section().as_deref(), o.level()), (Some("Pipelines"), None));
        o.heading(3, "Senior");
        o.close_for_question(3);
        assert_eq!((o.section().as_deref(), o.level()), (Some("Pipelines"), Some(Level::Senior)));
        o.heading(2, "Table of Contents");
        assert!(o.skipping());
        o.close_for_question(2);
        assert!(!o.skipping());
    }

    #[test]
    fn answers_are_tidied() {
        let mut a = Answer::default();
        for l in [
            "  • First point",
            "",
            "  • Second point",
            "",
            "Closing words.",
            "```yaml",
            "key: value",
            "```",
        ] {
            a.push_text(l);
        }
        let (prose, code) = a.finish();
        assert_eq!(prose, "- First point\n- Second point\n\nClosing words.");
        assert_eq!(code.as_deref(), Some("key: value"));
        let mut single = Answer::default();
        single.push_text("   - Only one bullet");
        single.push_text("Register for our webinar");
        single.push_text("anything after the advert");
        assert_eq!(single.finish(), ("Only one bullet".to_string(), None));
    }

    #[test]
    fn plain_titles_sit_alone_before_a_question() {
        let text = "Some intro sentence.\n\nDevOps Engineer Questions\n\nQ1: What?\n\nlowercase words here\n\nQ2: Why?\n";
        let doc = Doc::new(text);
        let start = |t: &str| t.starts_with('Q').then(|| t[1..2].parse().ok());
        assert_eq!(doc.plain_title(2, &start).as_deref(), Some("DevOps Engineer Questions"));
        assert_eq!(doc.plain_title(0, &start), None);
        assert_eq!(doc.plain_title(6, &start), None);
    }
}
