//! Reports and progress as text for people at a terminal. Styling is an
//! explicit choice of the caller ([`Colour`]): on only when the text goes
//! to a terminal that takes colour, off for files and pipes — so a report
//! written with `-o r.txt` holds no escape bytes, whatever stdout is.

use std::fmt::Write as _;

use console::Style;

use crate::grade::{PointDetail, Stated, Status, Verdict};
use crate::history::local_time;
use crate::layout::{bar, cut, mmss, plural, wrap, wrap_hanging};
use crate::progress::{Progress, RECENT, Trend, sparkline};
use crate::report::{Depth, Report};

/// Whether text is styled with terminal colours and weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Colour {
    /// Plain text: for files, pipes, `NO_COLOR` and `--no-color`.
    #[default]
    Off,
    /// Styled with ANSI sequences: only for a terminal.
    On,
}

impl Colour {
    /// `text` in `style` when colour is on, else as it is.
    pub(super) fn paint(self, style: Style, text: impl std::fmt::Display) -> String {
        match self {
            Colour::On => style.force_styling(true).apply_to(text).to_string(),
            Colour::Off => text.to_string(),
        }
    }
    pub(super) fn bold(self, text: impl std::fmt::Display) -> String {
        self.paint(Style::new().bold(), text)
    }
    fn dim(self, text: impl std::fmt::Display) -> String {
        self.paint(Style::new().dim(), text)
    }
}

/// The report as shown in a terminal `width` columns wide (80 for files).
pub fn report(r: &Report, colour: Colour, width: usize) -> String {
    let mut out = String::new();
    let heading = match &r.placement {
        Some(_) => format!("{} — placement", r.title),
        None => format!("{} — {} level", r.title, r.level),
    };
    let _ = writeln!(out, "{}", colour.bold(wrap(&heading, width, "")));
    let _ = writeln!(out, "{}", "─".repeat(width.min(60)));
    for (i, q) in r.questions.iter().enumerate() {
        let time = match q.seconds {
            Some(s) => format!(
                "{} of {}{}",
                mmss(s),
                mmss(q.budget_seconds),
                if q.over_budget { " (over)" } else { "" }
            ),
            None => format!("budget {}", mmss(q.budget_seconds)),
        };
        let _ = writeln!(
            out,
            "\n{}",
            wrap_hanging(
                &format!("{}  {}", colour.dim(&q.id), q.prompt),
                width,
                &format!("{:>2}. ", i + 1),
                "    "
            )
        );
        let _ = writeln!(
            out,
            "{}",
            wrap(
                &format!(
                    "{} {}  ·  {}  ·  {time}{}",
                    score(q.score, q.verdict, colour),
                    colour.bold(q.verdict_text()),
                    q.topic,
                    q.notes()
                ),
                width,
                "    "
            )
        );
        if q.own.self_score.is_some() {
            let flag = if q.own.disagreement {
                colour.paint(Style::new().yellow().bold(), "  ≠ disagree")
            } else {
                String::new()
            };
            let _ = writeln!(out, "    {} · grader {:.1}{flag}", q.own.describe(), q.score);
            for d in &q.own.disagreements {
                let _ = writeln!(out, "{}", wrap(&format!("≠ {d}"), width, "      "));
            }
        }
        // Unanswered questions (and reports from before explanations)
        // list their points on one line; the exports give the sources.
        if q.details.is_empty() || q.skipped {
            if !q.covered.is_empty() {
                let _ = writeln!(
                    out,
                    "{}",
                    wrap_hanging(&format!("✓ {}", q.covered.join("; ")), width, "    ", "      ")
                );
            }
            if !q.missed.is_empty() {
                let _ = writeln!(
                    out,
                    "{}",
                    wrap_hanging(&format!("✗ {}", q.missed.join("; ")), width, "    ", "      ")
                );
            }
        } else {
            out += &explain(&q.details, &q.misconceptions, &q.notes, width, "    ", colour);
        }
    }
    let _ = writeln!(out, "\n{}", colour.bold("By topic"));
    let cells = if width >= 72 { 20 } else { 10 };
    for t in &r.topics {
        let line = format!(
            "  {:<16} {:>5.1}  {}  ({})",
            t.topic,
            t.score,
            bar(t.score, cells),
            plural(t.questions, "question")
        );
        let _ = writeln!(out, "{}", wrap(&line, width, "  "));
    }
    if !r.rounds.is_empty() {
        let _ = writeln!(out, "\n{}", colour.bold("By round"));
        for round in &r.rounds {
            let _ = writeln!(out, "{}", wrap(&round.line(), width, "  "));
        }
    }
    let outcome = if r.passed {
        colour.paint(Style::new().green().bold(), "PASSED")
    } else {
        colour.paint(Style::new().red().bold(), "NOT PASSED")
    };
    let time = r
        .seconds
        .map(|s| format!(", time {} of {}", mmss(s), mmss(r.budget_seconds)))
        .unwrap_or_default();
    match &r.placement {
        Some(_) => {
            let _ = writeln!(out, "\nMean score {:.1} / 100 over questions of every level", r.score);
        }
        None => {
            let _ = writeln!(out, "\nOverall {:.1} / 100 — {outcome} ({})", r.score, r.pass_mark_text());
        }
    }
    let counts = format!("{} answered, {} skipped{time} · seed {}", r.answered, r.skipped, r.seed);
    let _ = writeln!(out, "{}", wrap(&counts, width, ""));
    if let Some(depth) = Depth::line(r.depth.as_ref()) {
        let _ = writeln!(out, "{}", wrap(&format!("{depth} (not in the score)"), width, ""));
    }
    if let Some(own) = r.own.describe(r.questions.len()) {
        let _ = writeln!(out, "{}", wrap(&capitalise_first(&own), width, ""));
    }
    if let Some(p) = &r.placement {
        out += &super::placement::text(p, &r.scenario, colour, width);
    }
    out
}

fn capitalise_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A score, coloured by its verdict.
fn score(score: f64, verdict: Verdict, colour: Colour) -> String {
    let style = match verdict {
        Verdict::Strong | Verdict::Adequate => Style::new().green(),
        Verdict::Weak => Style::new().yellow(),
        Verdict::Missed | Verdict::Skipped => Style::new().red(),
    };
    colour.paint(style, format!("{score:>5.1}"))
}

/// Each key point on its own line — `✓` covered with the words that
/// matched it, `~` partly said, `✗` missed with the reference sentence it
/// comes from or the words that negated it — then each wrong claim stated
/// (*you said "…" — in fact …*), then the notes, wrapped at `width` after
/// `indent`. Empty when there is nothing to explain.
pub fn explain(details: &[PointDetail], wrong: &[Stated], notes: &[String], width: usize, indent: &str, colour: Colour) -> String {
    let mut out = String::new();
    let deeper = format!("{indent}    ");
    for d in details {
        let mark = match d.status {
            Status::Covered => colour.paint(Style::new().green(), "✓"),
            Status::Partial => colour.paint(Style::new().yellow(), "~"),
            Status::Missed => colour.paint(Style::new().red(), "✗"),
        };
        let line = match (d.status, d.matched.is_empty()) {
            (_, true) => d.point.clone(),
            (Status::Covered, false) => format!("{} — {}", d.point, d.matched_text()),
            (_, false) => format!("{} — only {}", d.point, d.matched_text()),
        };
        let _ = writeln!(out, "{indent}{mark} {}", wrap(&line, width, &deeper).trim_start());
        if let Some(negated) = &d.negated {
            let _ = writeln!(
                out,
                "{}",
                wrap(&format!("you said “{negated}”: a negation does not count"), width, &deeper)
            );
        } else if let Some(source) = &d.source {
            let _ = writeln!(out, "{}", colour.dim(wrap(&format!("reference: “{source}”"), width, &deeper)));
        }
    }
    for stated in wrong {
        let _ = writeln!(
            out,
            "{indent}{} {}",
            colour.paint(Style::new().red().bold(), "✗"),
            wrap(&format!("wrong: {}", stated.explain()), width, &deeper).trim_start()
        );
    }
    for note in notes {
        let _ = writeln!(
            out,
            "{indent}{} {}",
            colour.paint(Style::new().yellow(), "!"),
            wrap(note, width, &deeper).trim_start()
        );
    }
    out
}

/// Progress over the sessions in history, as shown in a terminal (80
/// columns).
pub fn progress(p: &Progress, colour: Colour) -> String {
    let mut o = String::new();
    let (Some(first), Some(last)) = (p.first.map(local_time), p.last.map(local_time)) else {
        return "No sessions in history yet. Sit one (grill run --answers FILE) and come back.\n".into();
    };
    let _ = writeln!(
        o,
        "{}",
        colour.bold(format!(
            "Progress over {} ({})",
            plural(p.sessions, "session"),
            match (&first[..10], &last[..10]) {
                (a, b) if a == b => a.to_string(),
                (a, b) => format!("{a} to {b}"),
            }
        ))
    );
    // Padding is applied before styling, so escape bytes never shift the
    // columns.
    let heading = |name: &str| colour.bold(format!("{name:<40}"));
    if !p.interviews.is_empty() {
        let _ = writeln!(
            o,
            "\n{} {:<20} {:>5} {:>6} {:>5}",
            heading("Interviews"),
            "trend",
            "last",
            "recent",
            "best"
        );
        for i in &p.interviews {
            let name = format!("{} · {}", i.scenario, i.level);
            let _ = writeln!(o, "  {:<38} {}", cut(&name, 38), row(&i.trend));
        }
    }
    if !p.placements.is_empty() {
        let _ = writeln!(
            o,
            "\n{} {:<20} {:>5} {:>6} {:>5}",
            heading("Placements (ability 0-100)"),
            "trend",
            "last",
            "recent",
            "best"
        );
        for t in &p.placements {
            let _ = writeln!(o, "  {:<38} {}", cut(&t.scenario, 38), row(&t.trend));
            let _ = writeln!(o, "    placed {} · last: {}", t.levels.join(" → "), t.statement);
        }
    }
    if !p.topics.is_empty() {
        let _ = writeln!(
            o,
            "\n{} {:<20} {:>5} {:>6} {:>5}",
            heading("By level and topic"),
            "trend",
            "last",
            "recent",
            "best"
        );
        for t in &p.topics {
            let _ = writeln!(o, "  {:<7} {:<30} {}", t.level.as_str(), cut(&t.topic, 30), row(&t.trend));
        }
    }
    if !p.weakest.is_empty() {
        let _ = writeln!(
            o,
            "\n{} (mean of the last {RECENT} sessions that asked them)",
            colour.bold("Weakest topics")
        );
        for (i, t) in p.weakest.iter().enumerate() {
            let _ = writeln!(
                o,
                "  {}. {:<7} {:<16} {:>5.1}   grill drill -l {} -t {}",
                i + 1,
                t.level.as_str(),
                cut(&t.topic, 16),
                t.trend.recent,
                t.level,
                t.topic
            );
        }
    }
    if !p.self_gaps.is_empty() {
        let _ = writeln!(
            o,
            "\n{} {:<20} {:>5}",
            heading("Your own grades against the grader's"),
            "gap",
            "rated"
        );
        for g in &p.self_gaps {
            let _ = writeln!(
                o,
                "  {:<7} {:<30} {:<20} {:>5}\n          {}",
                g.level.as_str(),
                cut(&g.topic, 30),
                format!("{:+.1}", g.gap),
                g.rated,
                g.sentence()
            );
        }
    }
    o
}

fn row(t: &Trend) -> String {
    format!("{:<20} {:>5.1} {:>6.1} {:>5.1}", sparkline(&t.scores), t.last, t.recent, t.best)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_key_point_is_explained_on_its_own_lines() {
        let text = explain(&crate::fixtures::details(), &[], &["A note.".into()], 60, "  ", Colour::Off);
        let expected = "  ✓ <b>kubernetes</b> | pods — k8s (alias of kubernetes),\n      p<o>ds (typo of pods)\n  ~ alarm on depth — only alarm\n      reference: “Alarms on *depth*.”\n  ✗ readiness probe\n      you said “not use a readiness probe”: a negation does\n      not count\n  ! A note.\n";
        assert_eq!(text, expected);
        assert_eq!(explain(&[], &[], &[], 60, "  ", Colour::Off), "");
    }

    #[test]
    fn colour_is_the_callers_choice_not_the_terminals() {
        let details = crate::fixtures::details();
        let plain = explain(&details, &[], &[], 60, "  ", Colour::Off);
        assert!(!plain.contains('\x1b'), "{plain:?}");
        let styled = explain(&details, &[], &[], 60, "  ", Colour::On);
        assert!(styled.contains('\x1b'), "styled even when the test's stdout is no terminal");
        assert_eq!(console::strip_ansi_codes(&styled), plain);
    }
}
