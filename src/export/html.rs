//! The HTML report: one self-contained page to open offline or print — a
//! summary, a bar per topic, the score over time of sessions like this one,
//! then each question folded (`<details>`, no script) with the answer given
//! beside the reference answer and the key points' words highlighted.
//!
//! Everything is inline (CSS, SVG from [`super::chart`]); the page names no
//! external URL. Every text that came from a person — answers, and bank
//! text, which users may write too — goes through [`escape`]. The markup is
//! also well-formed XML, which the tests check with an XML parser.

use std::collections::HashSet;
use std::fmt::Write as _;

use super::Context;
use super::chart::{self, Bar};
use crate::escape::html as escape;
use crate::grade::{PointDetail, Status};
use crate::layout::mmss;
use crate::layout::plural;
use crate::report::{Depth, QuestionReport, Report};
use crate::text::{Aliases, Analyzer};

const STYLE: &str = include_str!("report.css");

pub fn to_html(r: &Report, context: &Context) -> String {
    let mut o = String::with_capacity(16 * 1024);
    let title = match &r.placement {
        Some(_) => format!("{} — placement", r.title),
        None => format!("{} — {} level", r.title, r.level),
    };
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n<title>{} · grill report</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n",
        escape(&title)
    );
    summary(&mut o, r, context);
    if let Some(p) = &r.placement {
        o += &super::placement::html(p, &r.scenario);
    }
    charts(&mut o, r, context);
    if !r.warnings.is_empty() {
        o.push_str("<section class=\"card warnings\">\n<h2>Warnings</h2>\n<ul>\n");
        for w in &r.warnings {
            let _ = writeln!(o, "<li>{}</li>", escape(w));
        }
        o.push_str("</ul>\n</section>\n");
    }
    let analyzer = Analyzer::new(&Aliases::default());
    let _ = writeln!(
        o,
        "<section class=\"questions\">\n<h2>Questions</h2>\n<p class=\"hint\">Click a question to fold or unfold it. In the texts, <mark class=\"hit\">marked words</mark> belong to key points you covered, <mark class=\"miss\">these</mark> to key points you missed.</p>"
    );
    for (i, q) in r.questions.iter().enumerate() {
        question(&mut o, i + 1, q, &analyzer);
    }
    let _ = write!(
        o,
        "</section>\n<footer>Made by grill {} · a self-contained page: no script, no external file.</footer>\n</main>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION")
    );
    o
}

fn summary(o: &mut String, r: &Report, context: &Context) {
    let mut meta = vec![match &r.placement {
        Some(p) => format!("Placed {}", p.statement()),
        None => format!("{} level", capitalise(r.level.as_str())),
    }];
    meta.extend(context.date.iter().map(|d| escape(d)));
    if let Some(s) = &context.session {
        meta.push(format!("session <code>{}</code>", escape(&s.id)));
    }
    let kind = context.session.as_ref().map_or("interview", |s| s.kind.as_str());
    meta.push(format!("scenario <code>{}</code>, seed {}", escape(&r.scenario), r.seed));
    let (class, outcome) = match &r.placement {
        Some(p) => ("pass", p.level.label()),
        None if r.passed => ("pass", "Passed".to_string()),
        None => ("fail", "Not passed".to_string()),
    };
    let _ = write!(
        o,
        "<header class=\"card summary\">\n<div>\n<p class=\"eyebrow\">grill · {kind} report</p>\n<h1>{}</h1>\n<p class=\"meta\">{}</p>\n</div>\n<div class=\"score {class}\"><span class=\"big\">{:.1}</span><span class=\"of\">/ 100</span><br /><span class=\"badge\">{outcome}</span><span class=\"mark\">{}</span></div>\n</header>\n",
        escape(&r.title),
        meta.join(" · "),
        r.placement.as_ref().map_or(r.score, |p| p.ability),
        if r.placement.is_some() {
            "ability".to_string()
        } else {
            r.pass_mark_text()
        },
    );
    let time = match r.seconds {
        Some(s) => format!("{} <small>of {}</small>", mmss(s), mmss(r.budget_seconds)),
        None => format!("— <small>budget {}</small>", mmss(r.budget_seconds)),
    };
    let planned = || r.questions.iter().filter(|q| q.is_planned());
    let well = planned().filter(|q| q.verdict.is_pass()).count();
    let over = r.questions.iter().filter(|q| q.over_budget).count();
    let depth = Depth::line(r.depth.as_ref())
        .map(|d| format!("<div><dt>Depth</dt><dd>{}</dd></div>\n", escape(d.trim_start_matches("Depth: "))))
        .unwrap_or_default();
    let _ = write!(
        o,
        "<dl class=\"card facts\">\n<div><dt>Answered</dt><dd>{} <small>of {}</small></dd></div>\n<div><dt>Strong or adequate</dt><dd>{well}</dd></div>\n<div><dt>Skipped</dt><dd>{}</dd></div>\n<div><dt>Time</dt><dd>{time}</dd></div>\n<div><dt>Over budget</dt><dd>{over}</dd></div>\n{depth}</dl>\n",
        r.answered,
        planned().count(),
        r.skipped,
    );
    if let Some(own) = r.own.describe(r.questions.len()) {
        let _ = writeln!(o, "<p class=\"card self\">{}</p>", escape(&own));
    }
    if !r.rounds.is_empty() {
        o.push_str("<section class=\"card rounds\">\n<h2>By round</h2>\n<ul>\n");
        for round in &r.rounds {
            let _ = writeln!(o, "<li>{}</li>", escape(&round.line()));
        }
        o.push_str("</ul>\n</section>\n");
    }
}

fn charts(o: &mut String, r: &Report, context: &Context) {
    let bars: Vec<Bar> = r
        .topics
        .iter()
        .map(|t| Bar {
            label: &t.topic,
            score: t.score,
            note: plural(t.questions, "question"),
        })
        .collect();
    let own = [super::TrendPoint {
        date: context.date.clone().unwrap_or_else(|| "this session".into()),
        score: r.score,
        current: true,
    }];
    let trend = if context.trend.is_empty() { &own[..] } else { &context.trend[..] };
    let _ = write!(
        o,
        "<section class=\"charts\">\n<figure class=\"card\"><figcaption>By topic</figcaption>\n{}\n</figure>\n<figure class=\"card\"><figcaption>Score over time <small>— {} at {} level, {}</small></figcaption>\n{}\n</figure>\n</section>\n",
        chart::bars(&bars, r.pass_mark),
        escape(&r.scenario),
        r.level,
        plural(trend.len().min(chart::TREND_POINTS), "session"),
        chart::trend(trend, r.pass_mark),
    );
}

fn question(o: &mut String, n: usize, q: &QuestionReport, analyzer: &Analyzer) {
    let verdict = q.verdict.as_str();
    // Open what needs work; fold what went well.
    let open = if q.verdict.is_pass() { "" } else { " open=\"open\"" };
    let _ = write!(
        o,
        "<details class=\"q {verdict}\"{open}>\n<summary><span class=\"n\">{n}</span><span class=\"prompt\">{}</span><span class=\"pill\">{:.1} {}</span></summary>\n<div class=\"qbody\">\n<p class=\"qmeta\"><code>{}</code> · {} · {} · {}{}</p>\n",
        escape(&q.prompt),
        q.score,
        q.verdict_text(),
        escape(&q.id),
        escape(&q.topic),
        escape(&q.round),
        q.time_text(),
        q.notes(),
    );
    if q.own.self_score.is_some() {
        let flag = if q.own.disagreement {
            " · <strong>you and the grader disagree</strong>"
        } else {
            ""
        };
        let _ = writeln!(
            o,
            "<p class=\"self\">Self grade: {} · grader {:.1}{flag}</p>",
            escape(&q.own.describe()),
            q.score
        );
        if !q.own.disagreements.is_empty() {
            o.push_str("<ul class=\"notes disagreements\">");
            for d in &q.own.disagreements {
                let _ = write!(o, "<li>≠ {}</li>", escape(d));
            }
            o.push_str("</ul>\n");
        }
    }
    if !q.details.is_empty() {
        points(o, &q.details);
    } else if !q.covered.is_empty() || !q.missed.is_empty() {
        o.push_str("<ul class=\"points\">");
        for p in &q.covered {
            let _ = write!(o, "<li class=\"hit\">✓ {}</li>", escape(p));
        }
        for p in &q.missed {
            let _ = write!(o, "<li class=\"miss\">✗ {}</li>", escape(p));
        }
        o.push_str("</ul>\n");
    }
    if !q.misconceptions.is_empty() {
        o.push_str("<ul class=\"notes wrong\">");
        for stated in &q.misconceptions {
            let _ = write!(o, "<li>✗ {}</li>", escape(&stated.explain()));
        }
        o.push_str("</ul>\n");
    }
    if !q.notes.is_empty() {
        o.push_str("<ul class=\"notes\">");
        for note in &q.notes {
            let _ = write!(o, "<li>{}</li>", escape(note));
        }
        o.push_str("</ul>\n");
    }
    let stems = |points: &[String]| -> HashSet<String> { points.iter().flat_map(|p| analyzer.stems(p)).collect() };
    let (mut hits, misses) = (stems(&q.covered), stems(&q.missed));
    // The answer's own words that matched, so `k8s` is marked too.
    let said: Vec<String> = q.details.iter().flat_map(|d| &d.matched).map(|m| m.word.clone()).collect();
    hits.extend(stems(&said));
    let answer = if q.skipped {
        "<p class=\"empty\">Skipped: no answer given.</p>".to_string()
    } else {
        format!(
            "<div class=\"text\">{}</div>",
            highlight(&q.answer, analyzer, &hits, &HashSet::new())
        )
    };
    let _ = write!(
        o,
        "<div class=\"columns\">\n<div><h3>Your answer</h3>{answer}</div>\n<div><h3>Reference answer</h3><div class=\"text\">{}</div></div>\n</div>\n</div>\n</details>\n",
        highlight(&q.reference, analyzer, &hits, &misses),
    );
}

/// Each key point with what matched it, or the reference sentence it comes
/// from, or the words that negated it.
fn points(o: &mut String, details: &[PointDetail]) {
    o.push_str("<ul class=\"points detailed\">");
    for d in details {
        let (class, mark) = match d.status {
            Status::Covered => ("hit", "✓"),
            Status::Partial => ("miss partial", "~"),
            Status::Missed => ("miss", "✗"),
        };
        let _ = write!(o, "<li class=\"{class}\">{mark} {}", escape(&d.point));
        if !d.matched.is_empty() {
            let said = if d.status == Status::Covered { "matched" } else { "only" };
            let _ = write!(o, " <span class=\"why\">— {said} {}</span>", escape(&d.matched_text()));
        }
        if let Some(negated) = &d.negated {
            let _ = write!(
                o,
                "<br /><span class=\"why\">you said <q>{}</q>: a negation does not count</span>",
                escape(negated)
            );
        } else if let Some(source) = &d.source {
            let _ = write!(o, "<br /><span class=\"why\">reference: <q>{}</q></span>", escape(source));
        }
        o.push_str("</li>");
    }
    o.push_str("</ul>\n");
}

/// `text` escaped, each word whose stem is in `hits` or `misses` marked.
fn highlight(text: &str, analyzer: &Analyzer, hits: &HashSet<String>, misses: &HashSet<String>) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut rest = text;
    while !rest.is_empty() {
        let is_word = rest.starts_with(char::is_alphanumeric);
        let end = rest.find(|c: char| c.is_alphanumeric() != is_word).unwrap_or(rest.len());
        let (piece, tail) = rest.split_at(end);
        rest = tail;
        let lower = piece.to_lowercase();
        let class = match is_word && lower.is_ascii() {
            true => {
                let stem = analyzer.stem(&lower);
                if hits.contains(&stem) {
                    Some("hit")
                } else if misses.contains(&stem) {
                    Some("miss")
                } else {
                    None
                }
            }
            false => None,
        };
        match class {
            Some(class) => {
                let _ = write!(out, "<mark class=\"{class}\">{}</mark>", escape(piece));
            }
            None => out.push_str(&escape(piece)),
        }
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests;
