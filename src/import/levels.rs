//! Levels from a document's own words: tags on a question (`Beginner`,
//! `[Senior]`, `?Intermediate`), level headings (`Junior Level (0–3 YoE)`),
//! section titles that say how hard they are (`Advanced Topics`) and
//! spreadsheet cells (`medium`, `4`).

use crate::bank::Level;

/// A word that names a level, alone or in a heading.
fn word_level(word: &str) -> Option<Level> {
    match word {
        "junior" | "jr" | "beginner" | "beginners" | "fresher" | "freshers" | "entry" | "basic" | "basics" | "easy" | "novice"
        | "foundational" => Some(Level::Junior),
        "mid" | "middle" | "intermediate" | "medium" | "moderate" => Some(Level::Mid),
        "senior" | "sr" | "advanced" | "expert" | "experts" | "hard" | "experienced" => Some(Level::Senior),
        _ => None,
    }
}

/// Words a level heading may hold besides the level itself.
const FILLER: &[&str] = &[
    "level",
    "levels",
    "question",
    "questions",
    "interview",
    "interviews",
    "for",
    "and",
    "the",
    "engineer",
    "engineers",
    "role",
    "roles",
    "candidates",
    "yoe",
    "years",
    "year",
    "yrs",
    "experience",
    "of",
    "with",
    "to",
    "q",
    "a",
    "qa",
    "professionals",
    "developers",
    "tier",
];

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The level a heading or tag names, by word (`Intermediate`) or by years
/// of experience (`(8+ YoE)`: senior).
pub fn in_heading(text: &str) -> Option<Level> {
    let words = words(text);
    if let Some(level) = words.iter().find_map(|w| word_level(w)) {
        return Some(level);
    }
    let at = words.iter().position(|w| matches!(w.as_str(), "yoe" | "years" | "year" | "yrs"))?;
    let numbers: Vec<f64> = words[at.saturating_sub(2)..at].iter().filter_map(|w| w.parse().ok()).collect();
    let years = match numbers.as_slice() {
        [low, high] => (low + high) / 2.0,
        [at_least] => at_least + 2.0,
        _ => return None,
    };
    Some(if years < 3.0 {
        Level::Junior
    } else if years < 7.0 {
        Level::Mid
    } else {
        Level::Senior
    })
}

/// Whether a heading names only a level (`🟢 Junior Level (0–3 YoE)`,
/// `Senior questions`), so it sets the level without starting a section.
pub fn is_level_only(text: &str) -> bool {
    in_heading(text).is_some()
        && words(text)
            .iter()
            .all(|w| word_level(w).is_some() || FILLER.contains(&w.as_str()) || w.chars().all(|c| c.is_ascii_digit()))
}

/// The level of a spreadsheet cell or card tag: a level word, or a
/// difficulty from 1 to 5.
pub fn from_cell(text: &str) -> Option<Level> {
    let t = text.trim();
    match t.parse::<u8>() {
        Ok(1 | 2) => Some(Level::Junior),
        Ok(3) => Some(Level::Mid),
        Ok(4 | 5) => Some(Level::Senior),
        _ => in_heading(t),
    }
}

/// Splits a level tag off a question: `What is X?Intermediate`,
/// `What is X? (Beginner)`, `[Senior] What is X?`, `What is X? | Hard`.
pub fn split_tag(text: &str) -> (String, Option<Level>) {
    let t = text.trim();
    // A bracketed tag at either end.
    for (open, close) in [('(', ')'), ('[', ']'), ('{', '}')] {
        if t.ends_with(close)
            && let Some(start) = t.rfind(open)
            && let Some(level) = tag(&t[start + 1..t.len() - 1])
        {
            return (t[..start].trim_end().to_string(), Some(level));
        }
        if t.starts_with(open)
            && let Some(end) = t.find(close)
            && let Some(level) = tag(&t[1..end])
        {
            return (t[end + 1..].trim_start().to_string(), Some(level));
        }
    }
    // A leading tag set off by a colon, dash or bar: `Beginner: What is X?`.
    let separator = [": ", " - ", " – ", " — ", " | "]
        .iter()
        .filter_map(|s| t.find(s).map(|at| (at, s.len())))
        .min();
    if let Some((at, len)) = separator
        && let Some(level) = tag(&t[..at])
    {
        return (t[at + len..].trim_start().to_string(), Some(level));
    }
    // A tag after the question mark, glued or set off.
    if let Some(q) = t.rfind('?') {
        let after = t[q + 1..].trim_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—' | '|' | ':' | '·'));
        if let Some(level) = tag(after) {
            return (t[..=q].to_string(), Some(level));
        }
    }
    // A capitalised tag glued to the end or set off by a dash or bar.
    let last_start = t
        .rfind(|c: char| !c.is_alphabetic())
        .map_or(0, |i| i + t[i..].chars().next().map_or(1, char::len_utf8));
    let (head, last) = t.split_at(last_start);
    let glued =
        head.ends_with([')', ']', '?']) || head.ends_with(|c: char| c.is_ascii_digit()) || head.trim_end().ends_with(['-', '–', '—', '|']);
    let head = head.trim_end().trim_end_matches(['-', '–', '—', '|']).trim_end();
    if glued
        && last.starts_with(char::is_uppercase)
        && let Some(level) = tag(last)
    {
        return (head.to_string(), Some(level));
    }
    (t.to_string(), None)
}

/// A whole tag that names a level: `Beginner`, `senior`, `Mid-level`.
fn tag(text: &str) -> Option<Level> {
    let words = words(text);
    match words.as_slice() {
        [w] => word_level(w),
        [w, l] if l == "level" => word_level(w),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Level::*;

    #[test]
    fn headings_name_levels_by_word_or_experience() {
        let cases = [
            ("🟢 Junior Level (0–3 YoE)", Some(Junior)),
            ("Mid Level (3–8 YoE)", Some(Mid)),
            ("🔴 (8+ YoE)", Some(Senior)),
            ("Advanced and Deployment Topics", Some(Senior)),
            ("Questions for freshers", Some(Junior)),
            ("Kubeflow Components", None),
        ];
        for (text, level) in cases {
            assert_eq!(in_heading(text), level, "{text}");
        }
        assert!(is_level_only("🟢 Junior Level (0–3 YoE)"));
        assert!(is_level_only("Senior interview questions"));
        assert!(!is_level_only("Basic Concepts"));
        assert!(!is_level_only("Production Deployment"));
    }

    #[test]
    fn tags_come_off_the_question() {
        let cases = [
            (
                "What is canary deployment in MLOps?Intermediate",
                "What is canary deployment in MLOps?",
                Some(Mid),
            ),
            ("What is X? (Beginner)", "What is X?", Some(Junior)),
            ("[Senior] How would you shard it?", "How would you shard it?", Some(Senior)),
            ("What is X? | hard", "What is X?", Some(Senior)),
            (
                "MLOps Interview Question 5 (Free)Intermediate",
                "MLOps Interview Question 5 (Free)",
                Some(Mid),
            ),
            (
                "What is the difference between junior and senior?",
                "What is the difference between junior and senior?",
                None,
            ),
            ("Why is it hard", "Why is it hard", None),
            ("Beginner: What is structured logging?", "What is structured logging?", Some(Junior)),
            ("Mid-level – Why shard?", "Why shard?", Some(Mid)),
            ("Hard-coded secrets: why not?", "Hard-coded secrets: why not?", None),
        ];
        for (text, rest, level) in cases {
            assert_eq!(split_tag(text), (rest.to_string(), level), "{text}");
        }
    }

    #[test]
    fn cells_name_levels_or_difficulties() {
        assert_eq!(from_cell("Intermediate"), Some(Mid));
        assert_eq!(from_cell("5"), Some(Senior));
        assert_eq!(from_cell("mid-level"), Some(Mid));
        assert_eq!(from_cell(""), None);
    }
}
