//! The report of one interview: every question's score, verdict, covered
//! and missed points and time, per-topic and overall results, pass or fail —
//! built from a plan and the answers given, and shown in the terminal.
//!
//! Exports to files (Markdown, JSON) live in [`crate::export`]; this module
//! owns the report's shape, which those formats share.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use console::style;
use serde::{Deserialize, Serialize};

use crate::bank::Level;
use crate::bank::Question;
use crate::catalog::Catalog;
use crate::grade::{Grader, PointDetail, Rubric, Status, Verdict, borderline};
use crate::plan::{Plan, PlannedQuestion, clock};
use crate::sheet::Answer;

/// Version of the report's JSON shape; bumped when a field changes meaning.
/// 2: verdicts are strong / adequate / weak / missed (1 said strong / good
/// / partial / weak for the same bands); `borderline`, `details` and
/// `notes` added.
pub const REPORT_VERSION: u32 = 2;

/// One question's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionReport {
    pub id: String,
    pub prompt: String,
    pub topic: String,
    pub level: Level,
    pub round: String,
    pub score: f64,
    pub verdict: Verdict,
    /// The score is within a few points of a verdict band's edge.
    #[serde(default)]
    pub borderline: bool,
    pub covered: Vec<String>,
    pub missed: Vec<String>,
    /// Each key point: what in the answer matched it, or the reference
    /// sentence it comes from (empty in reports older than version 2).
    #[serde(default)]
    pub details: Vec<PointDetail>,
    /// Remarks on the answer as a whole that cost points.
    #[serde(default)]
    pub notes: Vec<String>,
    pub answer: String,
    pub reference: String,
    /// Seconds taken, when known.
    pub seconds: Option<u32>,
    pub budget_seconds: u32,
    pub over_budget: bool,
    pub skipped: bool,
    /// Hints asked for during a live interview (each costs [`HINT_COST`]).
    #[serde(default)]
    pub hints: u32,
    /// Points taken off for hints and time over budget.
    #[serde(default)]
    pub penalty: f64,
    /// A follow-up question asked after the planned one with the same id.
    #[serde(default)]
    pub follow_up: bool,
}

impl QuestionReport {
    /// The time taken against the budget, as exported reports show it.
    pub fn time_text(&self) -> String {
        match self.seconds {
            Some(s) => format!(
                "{} of {}{}",
                clock(s),
                clock(self.budget_seconds),
                if self.over_budget { " — over budget" } else { "" }
            ),
            None => format!("budget {}", clock(self.budget_seconds)),
        }
    }

    /// The verdict as reports print it: `weak`, or `weak, borderline`.
    pub fn verdict_text(&self) -> String {
        self.verdict.label(self.borderline)
    }

    /// ` · follow-up`, ` · 1 hint, −10.0 points` when they apply.
    pub fn notes(&self) -> String {
        let mut notes = String::new();
        if self.follow_up {
            notes += " · follow-up";
        }
        if self.hints > 0 || self.penalty > 0.0 {
            notes += &format!(
                " · {} hint{}, −{:.1} points",
                self.hints,
                if self.hints == 1 { "" } else { "s" },
                self.penalty
            );
        }
        notes
    }
}

/// Average score per topic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopicReport {
    pub topic: String,
    pub questions: usize,
    pub score: f64,
}

/// A whole interview's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub version: u32,
    pub scenario: String,
    pub title: String,
    pub level: Level,
    pub seed: u64,
    /// Mean of the question scores, skipped questions counting 0.
    pub score: f64,
    pub pass_mark: u32,
    pub passed: bool,
    pub budget_seconds: u32,
    /// Total seconds taken, when every answer noted its time.
    pub seconds: Option<u32>,
    pub answered: usize,
    pub skipped: usize,
    pub topics: Vec<TopicReport>,
    pub questions: Vec<QuestionReport>,
    /// Things the candidate should know about the input (unknown ids, ...).
    pub warnings: Vec<String>,
}

impl Report {
    /// Brings a report read from history up to [`REPORT_VERSION`]: version
    /// 1 named its verdicts differently (its `weak` is now `missed`), so
    /// they are recomputed from the scores, which have not changed.
    pub fn upgrade(&mut self) {
        if self.version >= REPORT_VERSION {
            return;
        }
        for q in &mut self.questions {
            if !q.skipped {
                q.verdict = Verdict::from_score(q.score);
                q.borderline = borderline(q.score);
            }
        }
        self.version = REPORT_VERSION;
    }

    /// Grades `answers` against `plan`. Answers to questions outside the plan
    /// become warnings; planned questions without an answer are skipped.
    pub fn grade(plan: &Plan, catalog: &Catalog, grader: &Grader, answers: &[Answer]) -> Report {
        let mut warnings = Vec::new();
        let mut by_id: BTreeMap<&str, &Answer> = BTreeMap::new();
        let mut follow_ups: BTreeMap<&str, Vec<&Answer>> = BTreeMap::new();
        for a in answers {
            if !plan.questions.iter().any(|q| q.id == a.id) {
                let hint = if catalog.question(&a.id).is_some() {
                    "it is not in this plan (check --seed, --count and --level)"
                } else {
                    "no bank has a question with that id"
                };
                warnings.push(format!("{}: answer to `{}` ignored: {hint}", a.origin, a.id));
            } else if a.follow_up.is_some() {
                follow_ups.entry(&a.id).or_default().push(a);
            } else if by_id.insert(&a.id, a).is_some() {
                warnings.push(format!("{}: second answer to `{}`; this one is used", a.origin, a.id));
            }
        }
        let mut questions = Vec::with_capacity(plan.questions.len());
        for pq in &plan.questions {
            let question = catalog.question(&pq.id);
            questions.push(grade_one(plan, pq, question, by_id.get(pq.id.as_str()).copied(), grader));
            for f in follow_ups.get(pq.id.as_str()).into_iter().flatten() {
                questions.push(grade_one(plan, pq, question, Some(f), grader));
            }
        }
        Report::summarise(plan, questions, warnings)
    }

    /// Totals, per-topic averages and the verdict from per-question results.
    pub fn summarise(plan: &Plan, questions: Vec<QuestionReport>, warnings: Vec<String>) -> Report {
        let score = round1(mean(questions.iter().map(|q| q.score)));
        let mut topics: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
        for q in &questions {
            topics.entry(&q.topic).or_default().push(q.score);
        }
        let topics = topics
            .into_iter()
            .map(|(topic, scores)| TopicReport {
                topic: topic.to_string(),
                questions: scores.len(),
                score: round1(mean(scores.iter().copied())),
            })
            .collect();
        let seconds = questions.iter().map(|q| q.seconds).sum::<Option<u32>>();
        Report {
            version: REPORT_VERSION,
            scenario: plan.scenario.clone(),
            title: plan.title.clone(),
            level: plan.level,
            seed: plan.seed,
            score,
            pass_mark: plan.pass_mark,
            passed: score >= f64::from(plan.pass_mark),
            budget_seconds: plan.budget_seconds,
            seconds,
            answered: questions.iter().filter(|q| !q.skipped).count(),
            skipped: questions.iter().filter(|q| q.skipped).count(),
            topics,
            questions,
            warnings,
        }
    }

    /// The report as shown in a terminal (80 columns).
    pub fn to_terminal(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{}", style(format!("{} — {} level", self.title, self.level)).bold());
        let _ = writeln!(out, "{}", "─".repeat(60));
        for (i, q) in self.questions.iter().enumerate() {
            let time = match q.seconds {
                Some(s) => format!(
                    "{} of {}{}",
                    clock(s),
                    clock(q.budget_seconds),
                    if q.over_budget { " (over)" } else { "" }
                ),
                None => format!("budget {}", clock(q.budget_seconds)),
            };
            let _ = writeln!(
                out,
                "\n{:>2}. {}  {}",
                i + 1,
                style(&q.id).dim(),
                wrap(&q.prompt, 74, "    ").trim_start()
            );
            let _ = writeln!(
                out,
                "    {} {}  ·  {}  ·  {}",
                score_style(q.score, q.verdict),
                style(q.verdict_text()).bold(),
                q.topic,
                time
            );
            // Unanswered questions (and reports from before explanations)
            // list their points on one line; the exports give the sources.
            if q.details.is_empty() || q.skipped {
                if !q.covered.is_empty() {
                    let _ = writeln!(out, "{}", wrap(&format!("✓ {}", q.covered.join("; ")), 76, "    "));
                }
                if !q.missed.is_empty() {
                    let _ = writeln!(out, "{}", wrap(&format!("✗ {}", q.missed.join("; ")), 76, "    "));
                }
            } else {
                out += &explain(&q.details, &q.notes, 76, "    ");
            }
        }
        let _ = writeln!(out, "\n{}", style("By topic").bold());
        for t in &self.topics {
            let _ = writeln!(
                out,
                "  {:<16} {:>5.1}  {}  ({} question{})",
                t.topic,
                t.score,
                bar(t.score, 20),
                t.questions,
                if t.questions == 1 { "" } else { "s" }
            );
        }
        let outcome = if self.passed {
            style("PASSED").green().bold()
        } else {
            style("NOT PASSED").red().bold()
        };
        let time = self
            .seconds
            .map(|s| format!(", time {} of {}", clock(s), clock(self.budget_seconds)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "\nOverall {:.1} / 100 — {outcome} (pass mark {})\n{} answered, {} skipped{time} · seed {}",
            self.score, self.pass_mark, self.answered, self.skipped, self.seed
        );
        out
    }
}

/// Points taken off an answer for each hint asked for.
pub const HINT_COST: f64 = 10.0;

/// Grades one answer (or its absence) to a planned question; a follow-up
/// answer is graded against its parent question's rubric.
fn grade_one(plan: &Plan, pq: &PlannedQuestion, question: Option<&Question>, answer: Option<&Answer>, grader: &Grader) -> QuestionReport {
    let text = answer.map(|a| a.text.trim()).unwrap_or("");
    let skipped = text.is_empty();
    // Unanswered, the grade still lists each key point with its source.
    let grade = question.map(|q| grader.grade(&grader.prepare(Rubric::from(q)), text));
    let raw = grade.as_ref().map_or(0.0, |g| g.score);
    let seconds = answer.and_then(|a| a.seconds);
    let hints = answer.map_or(0, |a| a.hints);
    let minutes_over = seconds.map_or(0, |s| s.saturating_sub(pq.budget_seconds) / 60);
    let penalty = if skipped {
        0.0
    } else {
        (f64::from(hints) * HINT_COST + f64::from(minutes_over * plan.overtime_penalty)).min(raw)
    };
    let score = round1(raw - penalty);
    let follow_up = answer.and_then(|a| a.follow_up.clone());
    QuestionReport {
        id: pq.id.clone(),
        prompt: follow_up.clone().unwrap_or_else(|| pq.prompt.clone()),
        topic: pq.topic.clone(),
        level: pq.level,
        round: plan.rounds.get(pq.round).map(|r| r.title.clone()).unwrap_or_default(),
        score,
        verdict: if skipped { Verdict::Skipped } else { Verdict::from_score(score) },
        borderline: !skipped && borderline(score),
        covered: grade.as_ref().map_or_else(Vec::new, |g| g.covered.clone()),
        missed: grade.as_ref().map_or_else(Vec::new, |g| g.missed.clone()),
        details: grade.as_ref().map_or_else(Vec::new, |g| g.details.clone()),
        notes: grade.map_or_else(Vec::new, |g| g.notes),
        answer: text.to_string(),
        reference: question.map(|q| q.reference.clone()).unwrap_or_default(),
        seconds,
        budget_seconds: pq.budget_seconds,
        over_budget: seconds.is_some_and(|s| s > pq.budget_seconds),
        skipped,
        hints,
        penalty: round1(penalty),
        follow_up: follow_up.is_some(),
    }
}

fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    if n == 0 { 0.0 } else { sum / n as f64 }
}

/// `x` rounded to one decimal, as scores are shown and stored.
pub(crate) fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn score_style(score: f64, verdict: Verdict) -> console::StyledObject<String> {
    let text = format!("{score:>5.1}");
    match verdict {
        Verdict::Strong | Verdict::Adequate => style(text).green(),
        Verdict::Weak => style(text).yellow(),
        Verdict::Missed | Verdict::Skipped => style(text).red(),
    }
}

/// Each key point on its own line — `✓` covered with the words that
/// matched it, `~` partly said, `✗` missed with the reference sentence it
/// comes from or the words that negated it — then the notes, wrapped at
/// `width` after `indent`. Empty when there is nothing to explain.
pub fn explain(details: &[PointDetail], notes: &[String], width: usize, indent: &str) -> String {
    let mut out = String::new();
    let deeper = format!("{indent}    ");
    for d in details {
        let mark = match d.status {
            Status::Covered => style("✓").green(),
            Status::Partial => style("~").yellow(),
            Status::Missed => style("✗").red(),
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
            let _ = writeln!(out, "{}", style(wrap(&format!("reference: “{source}”"), width, &deeper)).dim());
        }
    }
    for note in notes {
        let _ = writeln!(out, "{indent}{} {}", style("!").yellow(), wrap(note, width, &deeper).trim_start());
    }
    out
}

/// A text bar of `width` cells for a 0–100 score.
pub fn bar(score: f64, width: usize) -> String {
    let filled = ((score.clamp(0.0, 100.0) / 100.0) * width as f64).round() as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

/// `text` cut to `max` characters, an ellipsis marking the cut.
pub fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        text.chars().take(max.saturating_sub(1)).collect::<String>() + "…"
    }
}

/// Wraps `text` at `width` columns, each line starting with `indent`.
/// Lines that already fit are kept as they are, inner spacing included.
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    for paragraph in text.lines() {
        if indent.chars().count() + paragraph.chars().count() <= width {
            out.push_str(indent);
            out.push_str(paragraph.trim_end());
            out.push('\n');
            continue;
        }
        let mut line = String::from(indent);
        for word in paragraph.split_whitespace() {
            if line.chars().count() + word.chars().count() + 1 > width && !line.trim().is_empty() {
                out.push_str(line.trim_end());
                out.push('\n');
                line = String::from(indent);
            }
            line.push_str(word);
            line.push(' ');
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.trim_end_matches('\n').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_lines_within_width() {
        let text = "word ".repeat(50);
        let wrapped = wrap(&text, 30, "  ");
        assert!(wrapped.lines().all(|l| l.chars().count() <= 30 && l.starts_with("  ")), "{wrapped}");
    }

    #[test]
    fn each_key_point_is_explained_on_its_own_lines() {
        let text = explain(&crate::fixtures::details(), &["A note.".into()], 60, "  ");
        let expected = "  ✓ <b>kubernetes</b> | pods — k8s (alias of kubernetes),\n      p<o>ds (typo of pods)\n  ~ alarm on depth — only alarm\n      reference: “Alarms on *depth*.”\n  ✗ readiness probe\n      you said “not use a readiness probe”: a negation does\n      not count\n  ! A note.\n";
        assert_eq!(console::strip_ansi_codes(&text), expected);
        assert_eq!(explain(&[], &[], 60, "  "), "");
    }

    #[test]
    fn bar_fills_in_proportion() {
        assert_eq!(bar(50.0, 10), "█████░░░░░");
        assert_eq!(bar(150.0, 4), "████");
    }
}
