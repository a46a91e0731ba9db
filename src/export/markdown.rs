//! The Markdown report: a summary table, per-topic scores, then each
//! question with the answer given beside what was covered and missed and the
//! reference answer. Text from the candidate is fenced, so nothing they
//! typed can change the page's structure.

use std::fmt::Write as _;

use super::Context;
use crate::escape::markdown as escape;
use crate::grade::{PointDetail, Stated, Status};
use crate::layout::bar;
use crate::layout::mmss;
use crate::report::{Depth, Report};

pub fn to_markdown(r: &Report, context: &Context) -> String {
    let mut o = String::new();
    let outcome = if r.passed { "**passed**" } else { "**not passed**" };
    match &r.placement {
        Some(p) => {
            let _ = writeln!(o, "# {} — placement\n", escape(&r.title));
            let _ = writeln!(o, "| | |\n|---|---|");
            let _ = writeln!(o, "| Level | **{}** (ability {:.1}) |", escape(&p.statement()), p.ability);
            let _ = writeln!(o, "| Score | {:.1} / 100 over questions of every level |", r.score);
        }
        None => {
            let _ = writeln!(o, "# {} — {} level\n", escape(&r.title), r.level);
            let _ = writeln!(o, "| | |\n|---|---|");
            let _ = writeln!(o, "| Score | {:.1} / 100 — {outcome} ({}) |", r.score, r.pass_mark_text());
        }
    }
    let _ = writeln!(o, "| Questions | {} answered, {} skipped |", r.answered, r.skipped);
    if let Some(depth) = Depth::line(r.depth.as_ref()) {
        let _ = writeln!(o, "| Depth | {} |", depth.trim_start_matches("Depth: "));
    }
    if let Some(s) = r.seconds {
        let _ = writeln!(o, "| Time | {} of {} |", mmss(s), mmss(r.budget_seconds));
    } else {
        let _ = writeln!(o, "| Budget | {} |", mmss(r.budget_seconds));
    }
    if let Some(own) = r.own.describe(r.questions.len()) {
        let _ = writeln!(o, "| Self grade | {own} |");
    }
    let _ = writeln!(o, "| Scenario | `{}`, seed {} |", r.scenario, r.seed);
    if let Some(date) = &context.date {
        let _ = writeln!(o, "| Date | {date} |");
    }
    if let Some(session) = &context.session {
        let _ = writeln!(o, "| Session | `{}` ({}) |", session.id, session.kind.as_str());
    }
    if context.trend.len() > 1 {
        let recent = &context.trend[context.trend.len().saturating_sub(10)..];
        let scores: Vec<String> = recent.iter().map(|p| format!("{:.0}", p.score)).collect();
        let _ = writeln!(o, "| Trend | {} (last {} sessions) |", scores.join(" → "), scores.len());
    }
    let _ = writeln!(o);

    if let Some(p) = &r.placement {
        o += &super::placement::markdown(p, &r.scenario);
    }
    let _ = writeln!(o, "## By topic\n\n| Topic | Questions | Score | |\n|---|---:|---:|---|");
    for t in &r.topics {
        let _ = writeln!(o, "| {} | {} | {:.1} | `{}` |", t.topic, t.questions, t.score, bar(t.score, 10));
    }
    if !r.rounds.is_empty() {
        let _ = writeln!(o, "\n## By round\n");
        for round in &r.rounds {
            let _ = writeln!(o, "- {}", escape(&round.line()));
        }
    }
    if !r.warnings.is_empty() {
        let _ = writeln!(o, "\n## Warnings\n");
        for w in &r.warnings {
            let _ = writeln!(o, "- {}", escape(w));
        }
    }
    let _ = writeln!(o, "\n## Questions");
    for (i, q) in r.questions.iter().enumerate() {
        let _ = writeln!(o, "\n### {}. {}\n", i + 1, escape(&q.prompt));
        let _ = writeln!(
            o,
            "`{}` · {} · {} · **{:.1}** ({}) · {}{}\n",
            q.id,
            q.topic,
            q.level,
            q.score,
            q.verdict_text(),
            q.time_text(),
            q.notes()
        );
        if q.own.self_score.is_some() {
            let flag = if q.own.disagreement {
                " · **you and the grader disagree**"
            } else {
                ""
            };
            let _ = writeln!(o, "Self grade: {} · grader {:.1}{flag}\n", q.own.describe(), q.score);
            for d in &q.own.disagreements {
                let _ = writeln!(o, "- ≠ {}", escape(d));
            }
            if !q.own.disagreements.is_empty() {
                let _ = writeln!(o);
            }
        }
        if q.skipped {
            let _ = writeln!(o, "_Skipped._\n");
        } else {
            let _ = writeln!(o, "**Your answer**\n\n{}", fence(&q.answer));
        }
        if !q.details.is_empty() {
            points(&mut o, &q.details);
        } else if !q.covered.is_empty() {
            let _ = writeln!(
                o,
                "**Covered:** {}\n",
                q.covered.iter().map(|c| escape(c)).collect::<Vec<_>>().join("; ")
            );
        }
        if !q.missed.is_empty() && q.details.is_empty() {
            let _ = writeln!(
                o,
                "**Missed:** {}\n",
                q.missed.iter().map(|c| escape(c)).collect::<Vec<_>>().join("; ")
            );
        }
        wrong_claims(&mut o, &q.misconceptions);
        for note in &q.notes {
            let _ = writeln!(o, "> {}\n", escape(note));
        }
        let _ = writeln!(
            o,
            "<details><summary>Reference answer</summary>\n\n{}\n</details>",
            escape(&q.reference)
        );
    }
    o
}

/// The key points as a list: what matched each covered one, the reference
/// sentence of each missed one (or the words that negated it).
fn points(o: &mut String, details: &[PointDetail]) {
    let _ = writeln!(o, "**Key points**\n");
    for d in details {
        let mark = match d.status {
            Status::Covered => "✓",
            Status::Partial => "~",
            Status::Missed => "✗",
        };
        let _ = write!(o, "- {mark} **{}**", escape(&d.point));
        if !d.matched.is_empty() {
            let said = if d.status == Status::Covered { "matched" } else { "only" };
            let _ = write!(o, " — {said} {}", escape(&d.matched_text()));
        }
        if let Some(negated) = &d.negated {
            let _ = write!(o, " — you said “{}”: a negation does not count", escape(negated));
        } else if let Some(source) = &d.source {
            let _ = write!(o, " — reference: “{}”", escape(source));
        }
        let _ = writeln!(o);
    }
    let _ = writeln!(o);
}

/// The wrong claims an answer stated, each as *you said "…" — in fact …*.
fn wrong_claims(o: &mut String, wrong: &[Stated]) {
    if wrong.is_empty() {
        return;
    }
    let _ = writeln!(o, "**Wrong claims**\n");
    for stated in wrong {
        let _ = writeln!(o, "- ✗ {}", escape(&stated.explain()));
    }
    let _ = writeln!(o);
}

/// A fenced block longer than any backtick run inside `text`.
fn fence(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let f = "`".repeat((longest + 1).max(3));
    format!("{f}text\n{}\n{f}\n", text.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_outgrow_backticks_in_the_answer() {
        assert!(fence("a ```` b").starts_with("`````text\n"));
        assert!(fence("plain").starts_with("```text\n"));
    }

    #[test]
    fn the_report_has_a_summary_topics_and_every_question() {
        use crate::bank::Level;
        use crate::export::TrendPoint;
        let mut r = crate::fixtures::report("s", Level::Mid, &[("q1", "cost", 70.0), ("q2", "security", 0.0)]);
        r.questions[0].answer = "<script>x</script>\n```\nstill fenced".into();
        let point = |score| TrendPoint {
            date: "d".into(),
            score,
            current: false,
        };
        let context = Context {
            session: None,
            date: Some("2026-11-23 14:25".into()),
            trend: vec![point(40.0), point(55.5)],
            ..Context::default()
        };
        let md = to_markdown(&r, &context);
        for part in [
            "| Score | 35.0 / 100 — **not passed** (pass mark 60) |",
            "| Time | 1:40 of 2:00 |",
            "| Date | 2026-11-23 14:25 |",
            "| Trend | 40 → 56 (last 2 sessions) |",
            "| cost | 1 | 70.0 | `███████░░░` |",
            "### 1. Prompt of q1?",
            "`q1` · cost · mid · **70.0** (adequate) · 0:50 of 1:00",
            "**Your answer**\n\n````text\n<script>x</script>\n```\nstill fenced\n````",
            "**Covered:** covered point of q1",
            "**Missed:** missed point of q1",
            "<details><summary>Reference answer</summary>\n\nThe reference answer to q1.",
            "### 2. Prompt of q2?",
            "_Skipped._",
        ] {
            assert!(md.contains(part), "lacks {part:?}:\n{md}");
        }
    }

    #[test]
    fn key_points_show_what_matched_where_missed_ones_come_from_and_notes() {
        use crate::bank::Level;
        let mut r = crate::fixtures::report("s", Level::Mid, &[("q1", "cost", 58.0)]);
        r.questions[0].details = crate::fixtures::details();
        r.questions[0].notes = vec!["<b>a note</b>".into()];
        r.questions[0].borderline = true;
        let md = to_markdown(&r, &Context::default());
        for part in [
            "**58.0** (weak, borderline)",
            "**Key points**\n\n- ✓ **&lt;b&gt;kubernetes&lt;/b&gt; \\| pods** — matched k8s (alias of kubernetes), p&lt;o&gt;ds (typo of pods)\n",
            "- ~ **alarm on depth** — only alarm — reference: “Alarms on \\*depth\\*.”\n",
            "- ✗ **readiness probe** — you said “not use a readiness probe”: a negation does not count\n",
            "> &lt;b&gt;a note&lt;/b&gt;",
        ] {
            assert!(md.contains(part), "lacks {part:?}:\n{md}");
        }
        assert!(!md.contains("**Covered:**"), "the details replace the one-line lists");
    }

    #[test]
    fn markup_in_user_text_is_escaped() {
        assert_eq!(escape("<script>|*x*"), "&lt;script&gt;\\|\\*x\\*");
    }
}
