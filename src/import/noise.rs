//! Telling questions from everything else a web page carries: sponsor
//! blurbs, navigation, sign-up forms, webinar adverts, placeholders for
//! paywalled questions, and text about the page itself.
//!
//! A candidate (a `Q1:` line, a list item, a heading, a `<summary>`) becomes
//! a question only when [`judge`] says it reads as one; an answer stops at
//! the first line [`ends_answer`] recognises as page furniture.

/// Why a candidate was left out of the import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    /// Advertising, navigation, forms or text about the page itself.
    Noise,
    /// A stand-in for a question the page does not show (`Question 5 (Free)`).
    Placeholder,
    /// Text that does not read as a question.
    NotAQuestion,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Noise => "noise",
            Reason::Placeholder => "placeholder",
            Reason::NotAQuestion => "not a question",
        }
    }
}

/// Phrases that mark page furniture wherever they appear. Matched on
/// lowercase text with single spaces.
const NOISE: &[&str] = &[
    "sponsor",
    "in partnership with",
    "advertisement",
    "subscribe to our",
    "subscribe to the newsletter",
    "subscribe now",
    "newsletter",
    "sign up",
    "sign-up",
    "sign in to",
    "log in to",
    "create an account",
    "create a free account",
    "register for our",
    "register for the webinar",
    "register for free",
    "register now",
    "webinar",
    "enroll",
    "enrol ",
    "free trial",
    "book a demo",
    "request a demo",
    "schedule a call",
    "click here",
    "read more",
    "learn more",
    "see more",
    "explore more",
    "browse all",
    "view all",
    "share this",
    "follow us",
    "privacy policy",
    "terms of service",
    "terms and conditions",
    "cookie policy",
    "use cookies",
    "accept cookies",
    "all rights reserved",
    "copyright ©",
    "loading...",
    "enter details",
    "enter your email",
    "select a date",
    "time slots",
    "time zone:",
    "no credit card",
    "100% free",
    "promo code",
    "coupon",
    "buy now",
    "get started for free",
    "no content available",
    "table of contents",
    "back to top",
    "skip to content",
    "previous post",
    "next post",
    "related posts",
    "related articles",
    "reading time",
    "min read",
    "your contact details",
    "program advisor",
    "free consultation",
    "career consultation",
    "ready to enroll",
    "join our",
    "download our",
];

/// Phrases in a question that is about the page or interviewing itself,
/// not a question an interviewer asks.
const META: &[&str] = &[
    "interview question",
    "this page",
    "this article",
    "this post",
    "this guide",
    "this list",
    "these questions",
    "prepare for a",
    "prepare for an",
    "prepare for the",
    "prepare for your",
    "do the answers",
];

/// First words that open a question.
const ASKING: &[&str] = &[
    "what", "what's", "whats", "why", "how", "how's", "when", "where", "which", "who", "whom", "whose", "is", "are", "was", "were", "do",
    "does", "did", "can", "could", "should", "would", "will", "shall", "have", "has", "in", "to",
];

/// First words that open a task an interviewer sets.
const TELLING: &[&str] = &[
    "explain",
    "describe",
    "define",
    "compare",
    "contrast",
    "differentiate",
    "distinguish",
    "design",
    "discuss",
    "outline",
    "list",
    "name",
    "give",
    "tell",
    "walk",
    "elaborate",
    "illustrate",
    "write",
    "implement",
    "suppose",
    "imagine",
    "consider",
    "propose",
    "sketch",
    "justify",
    "debug",
    "troubleshoot",
];

/// Words that follow a task word when it sets a task (`Design a ...`), as
/// opposed to naming a topic (`Design Patterns`).
const TASK_OBJECT: &[&str] = &[
    "a", "an", "the", "how", "what", "why", "when", "where", "which", "your", "this", "these", "each", "some", "two", "three", "me", "us",
    "its", "all", "one",
];

/// Lowercase with single spaces and plain apostrophes, for matching.
fn simple(text: &str) -> String {
    text.replace(['’', '‘'], "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether a line is page furniture (sponsor text, a form, navigation).
pub fn is_noise(text: &str) -> bool {
    let t = simple(text);
    NOISE.iter().any(|n| t.contains(n))
}

/// Whether an answer ends at this line: it is page furniture, so what
/// follows until the next question is too.
pub fn ends_answer(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && t.split_whitespace().count() <= 24 && is_noise(t)
}

/// Whether `text` is a placeholder for a question the page does not show:
/// `MLOps Interview Question 5 (Free)`, `Question 12 [locked]`.
fn is_placeholder(t: &str) -> bool {
    let words: Vec<&str> = t.split(' ').collect();
    let numbered = words
        .windows(2)
        .any(|w| w[0].starts_with("question") && w[1].trim_matches(|c: char| !c.is_alphanumeric()).parse::<u32>().is_ok());
    let teaser = ["(free)", "(premium)", "(locked)", "[locked]", "unlock", "(pro)"]
        .iter()
        .any(|p| t.contains(p));
    (numbered && !t.contains('?')) || teaser
}

/// Whether a candidate reads as a question, and if not, why not.
pub fn judge(text: &str) -> Result<(), Reason> {
    let t = simple(text);
    if t.is_empty() || t.len() > 600 {
        return Err(Reason::NotAQuestion);
    }
    if is_placeholder(&t) {
        return Err(Reason::Placeholder);
    }
    if NOISE.iter().chain(META).any(|n| t.contains(n)) {
        return Err(Reason::Noise);
    }
    let words: Vec<&str> = t
        .split(' ')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\''))
        .collect();
    if words.iter().filter(|w| w.chars().any(char::is_alphabetic)).count() < 2 {
        return Err(Reason::NotAQuestion);
    }
    let asks_outright = t
        .char_indices()
        .any(|(i, c)| c == '?' && !t[i + 1..].starts_with(|n: char| n.is_alphanumeric() || n == '='));
    if asks_outright {
        return Ok(());
    }
    let sentences = t.split(['.', '!', ';', ':']).map(str::trim).filter(|s| !s.is_empty());
    for sentence in sentences {
        let w: Vec<&str> = sentence
            .split(' ')
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\''))
            .collect();
        let first = w[0];
        let second = w.get(1).copied().unwrap_or("");
        let asks = ASKING.contains(&first) && !(first == "how" && second == "to") && !matches!(first, "in" | "to") && w.len() >= 3;
        let sets_task = TELLING.contains(&first) && w.len() >= 3 && (TASK_OBJECT.contains(&second) || w.len() >= 4) && second != "of";
        let asks_phrase = matches!(first, "in" | "to") && second == "what";
        if asks || sets_task || asks_phrase {
            return Ok(());
        }
    }
    Err(Reason::NotAQuestion)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_read_as_questions() {
        for q in [
            "What is GitOps and how does ArgoCD implement it?",
            "Describe this project in 2–3 sentences.",
            "Explain the difference between a Deployment and a Pod.",
            "Your service uses polling. How would you redesign it?",
            "You need to roll out a change. How would you do it? (Assume thousands of clients)",
            "Design an alerting strategy — what alerts are actionable?",
            "What is Kubeflow",
            "In what order do init containers run",
            "Walk me through a deployment",
        ] {
            assert_eq!(judge(q), Ok(()), "{q}");
        }
    }

    #[test]
    fn everything_else_is_left_out_with_a_reason() {
        let cases = [
            ("MLOps Interview Question 5 (Free)", Reason::Placeholder),
            ("MLOps Advanced Interview Question 8", Reason::Placeholder),
            ("Register for our webinar", Reason::Noise),
            ("Ready to Enroll?", Reason::Noise),
            ("Many thanks to this week's sponsor, WidgetCo", Reason::Noise),
            ("Which MLOps questions do freshers get asked? See these questions", Reason::Noise),
            ("How do I prepare for a MLOps interview with my experience level?", Reason::Noise),
            ("Posts", Reason::NotAQuestion),
            ("Design Patterns", Reason::NotAQuestion),
            ("How to install Kubeflow", Reason::NotAQuestion),
            ("Standardizing operations enhances efficiency", Reason::NotAQuestion),
            ("List of tools", Reason::NotAQuestion),
            ("See https://example.com/page?id=3 for details", Reason::NotAQuestion),
        ];
        for (text, reason) in cases {
            assert_eq!(judge(text), Err(reason), "{text}");
        }
    }

    #[test]
    fn answers_stop_at_page_furniture() {
        assert!(ends_answer("Register for our webinar"));
        assert!(ends_answer("No content available."));
        assert!(!ends_answer("Register the model in the registry before promotion."));
        assert!(!ends_answer(""));
    }
}
