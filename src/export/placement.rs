//! A placement's result in every format: the level with how sure it is,
//! the ability on the 0–100 scale with its 80% interval, the evidence per
//! level, the topics that held the estimate down and the drills that
//! practise them. The text, Markdown and HTML reports call in here; JSON
//! carries [`Placement`] as it is.

use std::fmt::Write as _;

use console::Style;

use super::text::Colour;
use crate::escape::{html as escape_html, markdown as escape_md};
use crate::layout::{plural, wrap};
use crate::placement::{BAND_WIDTH, Placement};

/// Cells of the scale line: 2.5 points each.
const SCALE_CELLS: usize = 40;

/// What each of the result's lines says, shared by every format.
struct Lines {
    level: String,
    ability: String,
    evidence: Vec<String>,
    held_down: Option<String>,
    drills: Vec<String>,
    notes: Vec<String>,
}

fn lines(p: &Placement, scenario: &str) -> Lines {
    let evidence = p
        .evidence()
        .iter()
        .map(|e| {
            let scores: Vec<String> = p
                .questions
                .iter()
                .filter(|q| q.level == e.level)
                .map(|q| format!("{} {:.0}", q.id, q.score))
                .collect();
            format!(
                "{}: {}, mean {:.1} ({})",
                e.level,
                plural(e.asked, "question"),
                e.mean,
                scores.join(", ")
            )
        })
        .collect();
    let held = p.held_down();
    let mut notes = Vec::new();
    if p.self_graded {
        notes.push("Your own grades were used for the estimate where you gave one.".to_string());
    }
    if let Some(top) = p.top.filter(|_| p.at_ceiling()) {
        notes.push(format!(
            "This scenario has no level above {top}: the placement names at most {top}, and you may be above it."
        ));
    } else if let Some(top) = p.top.filter(|&t| t != crate::bank::Level::Senior) {
        notes.push(format!("This scenario has no senior level: it places at most at {top}."));
    }
    Lines {
        level: p.statement(),
        ability: format!(
            "Ability {:.1} / 100 — 80% interval {:.1}–{:.1} (bands: below junior under 25, junior from 25, mid from 50, senior from 75)",
            p.ability, p.low, p.high
        ),
        evidence,
        held_down: (!held.is_empty()).then(|| format!("Held the estimate down: {}", held.join(", "))),
        drills: p.drill_commands(scenario),
        notes,
    }
}

/// The 0–100 scale as a line of [`SCALE_CELLS`]: `|` at each band's start,
/// `━` over the 80% interval, `●` at the ability.
pub fn scale_line(p: &Placement) -> String {
    let cell = |x: f64| ((x.clamp(0.0, 100.0) / 100.0) * (SCALE_CELLS - 1) as f64).round() as usize;
    let (low, high, at) = (cell(p.low), cell(p.high), cell(p.ability));
    let edges: Vec<usize> = (1..4).map(|i| cell(f64::from(i) * BAND_WIDTH)).collect();
    (0..SCALE_CELLS)
        .map(|i| match i {
            _ if i == at => '●',
            _ if (low..=high).contains(&i) => '━',
            _ if edges.contains(&i) => '|',
            _ => '·',
        })
        .collect()
}

/// The result for the terminal (and `.txt`), `width` columns wide.
pub fn text(p: &Placement, scenario: &str, colour: Colour, width: usize) -> String {
    let l = lines(p, scenario);
    let mut o = String::new();
    let style = if p.confident {
        Style::new().green().bold()
    } else {
        Style::new().yellow().bold()
    };
    let _ = writeln!(o, "\nPlacement: {}", colour.paint(style, &l.level));
    let _ = writeln!(o, "{}", wrap(&l.ability, width, ""));
    let _ = writeln!(o, "  0 {} 100", scale_line(p));
    let _ = writeln!(o, "\n{}", colour.bold("Evidence"));
    for e in &l.evidence {
        let _ = writeln!(o, "{}", wrap(e, width, "  "));
    }
    if let Some(held) = &l.held_down {
        let _ = writeln!(o, "\n{}", wrap(held, width, ""));
    }
    let _ = writeln!(
        o,
        "{}",
        if l.held_down.is_some() {
            "To move up, practise:"
        } else {
            "\nTo move up, practise:"
        }
    );
    for d in &l.drills {
        let _ = writeln!(o, "  {d}");
    }
    for n in &l.notes {
        let _ = writeln!(o, "{}", wrap(n, width, ""));
    }
    o
}

/// The `## Placement` section of the Markdown report.
pub fn markdown(p: &Placement, scenario: &str) -> String {
    let l = lines(p, scenario);
    let mut o = String::from("## Placement\n\n");
    let _ = writeln!(o, "**{}**\n", escape_md(&l.level));
    let _ = writeln!(o, "{}\n", escape_md(&l.ability));
    let _ = writeln!(o, "`0 {} 100`\n", scale_line(p));
    for e in &l.evidence {
        let _ = writeln!(o, "- {}", escape_md(e));
    }
    if let Some(held) = &l.held_down {
        let _ = writeln!(o, "\n{}", escape_md(held));
    }
    let _ = writeln!(o, "\nTo move up, practise:\n");
    for d in &l.drills {
        let _ = writeln!(o, "- `{d}`");
    }
    for n in &l.notes {
        let _ = writeln!(o, "\n{}", escape_md(n));
    }
    o.push('\n');
    o
}

/// The placement card of the HTML report.
pub fn html(p: &Placement, scenario: &str) -> String {
    let l = lines(p, scenario);
    let mut o = String::from("<section class=\"card placement\">\n<h2>Placement</h2>\n");
    let _ = writeln!(o, "<p class=\"level\"><strong>{}</strong></p>", escape_html(&l.level));
    let _ = writeln!(o, "<p>{}</p>", escape_html(&l.ability));
    let _ = writeln!(o, "<p><code>0 {} 100</code></p>", scale_line(p));
    o.push_str("<ul>\n");
    for e in &l.evidence {
        let _ = writeln!(o, "<li>{}</li>", escape_html(e));
    }
    o.push_str("</ul>\n");
    if let Some(held) = &l.held_down {
        let _ = writeln!(o, "<p>{}</p>", escape_html(held));
    }
    o.push_str("<p>To move up, practise:</p>\n<ul>\n");
    for d in &l.drills {
        let _ = writeln!(o, "<li><code>{}</code></li>", escape_html(d));
    }
    o.push_str("</ul>\n");
    for n in &l.notes {
        let _ = writeln!(o, "<p>{}</p>", escape_html(n));
    }
    o.push_str("</section>\n");
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Level;
    use crate::fixtures::placement;
    use crate::placement::Band;

    #[test]
    fn every_format_says_the_level_the_evidence_and_what_to_practise() {
        let p = placement();
        let text = text(&p, "kubeflow-ops", Colour::Off, 80);
        let md = markdown(&p, "kubeflow-ops");
        let html = html(&p, "kubeflow-ops");
        for out in [&text, &md, &html] {
            assert!(out.contains("mid, likely — between mid and senior"), "{out}");
            assert!(out.contains("senior: 1 question, mean 10.0 (s1 10)"), "{out}");
            assert!(out.contains("Held the estimate down: security"), "{out}");
            assert!(out.contains("grill drill kubeflow-ops --level senior --topic security"), "{out}");
            assert!(out.contains("own grades were used"), "{out}");
        }
        let junior = text.find("junior: 1 question").unwrap();
        assert!(junior < text.find("mid: 1 question").unwrap(), "lowest level first: {text}");
    }

    #[test]
    fn the_scale_marks_bands_interval_and_ability() {
        let line = scale_line(&placement());
        assert_eq!(line.chars().count(), SCALE_CELLS);
        assert_eq!(line.chars().filter(|&c| c == '●').count(), 1);
        assert!(line.starts_with("··········|"), "{line}");
        assert!(line.contains("━●") || line.contains("●━"), "{line}");
    }

    #[test]
    fn a_scenario_without_senior_says_so() {
        let mut p = placement();
        p.top = Some(Level::Mid);
        p.level = Band::At(Level::Mid);
        assert!(text(&p, "x", Colour::Off, 80).contains("no level above mid"));
        p.level = Band::At(Level::Junior);
        assert!(text(&p, "x", Colour::Off, 80).contains("no senior level: it places at most at mid"));
    }
}
