//! What an import found, for a person: per file, counts by section and
//! level, the first questions, and what was left out or merged. Printed by
//! `grill import --dry-run` and after a bank is written.

use std::fmt::Write as _;

use crate::bank::Level;

use super::Import;
use crate::layout::plural;

/// Most left-out candidates listed; the rest are counted.
const LEFT_OUT_SHOWN: usize = 10;

fn shorten(text: &str, max: usize) -> String {
    let line = text.lines().next().unwrap_or("");
    if line.chars().count() <= max {
        line.to_string()
    } else {
        let cut: String = line.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

pub fn render(import: &Import, first: usize) -> String {
    let mut o = String::new();
    for f in &import.files {
        let encoding = f.encoding.map(|e| format!(" (decoded as {e})")).unwrap_or_default();
        let _ = writeln!(
            o,
            "{}: read as {}{encoding}: {}, {} left out",
            f.name,
            f.format,
            plural(f.found, "question"),
            f.skipped.len()
        );
    }
    let drafts = import.questions.iter().filter(|q| q.question.draft).count();
    let _ = writeln!(
        o,
        "bank `{}` ({}): {} ({}), {} merged",
        import.bank,
        import.title,
        plural(import.questions.len(), "question"),
        plural(drafts, "draft"),
        import.merged
    );
    let mut sections: Vec<(String, usize)> = Vec::new();
    for q in &import.questions {
        let name = q.section.clone().unwrap_or_else(|| "(no section)".to_string());
        match sections.iter_mut().find(|(s, _)| *s == name) {
            Some((_, n)) => *n += 1,
            None => sections.push((name, 1)),
        }
    }
    let _ = writeln!(o, "\nby section:");
    for (name, n) in &sections {
        let _ = writeln!(o, "  {n:>5}  {name}");
    }
    let _ = writeln!(o, "\nby level:");
    for level in Level::ALL {
        let n = import.questions.iter().filter(|q| q.question.level == level).count();
        let _ = writeln!(o, "  {n:>5}  {level}");
    }
    let shown = first.min(import.questions.len());
    if shown > 0 {
        let _ = writeln!(o, "\nfirst {}:", plural(shown, "question"));
        let width = import.questions.iter().take(shown).map(|q| q.question.id.len()).max().unwrap_or(0);
        for q in import.questions.iter().take(shown) {
            let q = &q.question;
            let draft = if q.draft { "[draft] " } else { "" };
            let _ = writeln!(
                o,
                "  {:<width$}  {:<6} {:<13} {draft}{}",
                q.id,
                q.level.as_str(),
                q.topic,
                shorten(&q.prompt, 64)
            );
        }
    }
    let left_out: Vec<(&str, &super::Skipped)> = import
        .files
        .iter()
        .flat_map(|f| f.skipped.iter().map(move |s| (f.name.as_str(), s)))
        .collect();
    if !left_out.is_empty() {
        let _ = writeln!(o, "\nleft out ({}):", left_out.len());
        for (name, s) in left_out.iter().take(LEFT_OUT_SHOWN) {
            let _ = writeln!(o, "  {name}:{}  {}: {}", s.line, s.reason.as_str(), shorten(&s.text, 60));
        }
        if left_out.len() > LEFT_OUT_SHOWN {
            let _ = writeln!(o, "  ... and {} more", left_out.len() - LEFT_OUT_SHOWN);
        }
    }
    let notes: Vec<(&str, &String)> = import
        .questions
        .iter()
        .flat_map(|q| q.notes.iter().map(move |n| (q.question.id.as_str(), n)))
        .collect();
    if !notes.is_empty() {
        let _ = writeln!(o, "\nmerged:");
        for (id, note) in notes {
            let _ = writeln!(o, "  {id}: {note}");
        }
    }
    o
}
