//! The HTML report's charts as inline SVG: a bar per topic and a score
//! over time. Plain shapes and text styled by the page's CSS classes, so
//! they need no script, no font file and no network, and print as drawn.
//!
//! Every label is escaped here; callers pass plain text.

use std::fmt::Write as _;

use super::TrendPoint;
use crate::escape::html as escape;
use crate::grade::Verdict;
use crate::layout::cut;

/// One bar: a label, a 0–100 score, and the tooltip's extra words.
pub struct Bar<'a> {
    pub label: &'a str,
    pub score: f64,
    pub note: String,
}

/// At most this many sessions are drawn; older ones fall off the left.
pub const TREND_POINTS: usize = 30;

/// Each chart fills half the page's width; at this many units text is drawn near its CSS size.
const WIDTH: f64 = 440.0;

/// Horizontal bars, one per row, with the pass mark (if any: a placement
/// has none) as a dashed line.
pub fn bars(rows: &[Bar], pass_mark: Option<u32>) -> String {
    let (label_w, bar_w, row_h, top) = (118.0, 260.0, 26.0, 22.0);
    let height = top + row_h * rows.len() as f64 + 22.0;
    let x_of = |score: f64| label_w + bar_w * score.clamp(0.0, 100.0) / 100.0;
    let mut o = String::new();
    let _ = write!(
        o,
        r#"<svg class="chart bars" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="Score by topic">"#
    );
    grid_x(&mut o, &x_of, top - 4.0, height - 18.0);
    for (i, row) in rows.iter().enumerate() {
        let y = top + row_h * i as f64;
        let label = escape(&cut(row.label, 16));
        let _ = write!(
            o,
            r#"<text class="label" x="{lx}" y="{ty}" text-anchor="end">{label}</text><rect class="track" x="{label_w}" y="{by}" width="{bar_w}" height="16" rx="3" /><rect class="fill {class}" x="{label_w}" y="{by}" width="{w:.1}" height="16" rx="3"><title>{title}</title></rect><text class="value" x="{vx:.1}" y="{ty}">{score:.1}</text>"#,
            lx = label_w - 8.0,
            ty = y + 15.0,
            by = y + 3.0,
            class = verdict_class(row.score),
            w = x_of(row.score) - label_w,
            title = escape(&format!("{}: {:.1} ({})", row.label, row.score, row.note)),
            vx = label_w + bar_w + 8.0,
            score = row.score,
        );
    }
    if let Some(pass_mark) = pass_mark {
        pass_line_x(&mut o, x_of(f64::from(pass_mark)), top - 6.0, height - 18.0, pass_mark);
    }
    o.push_str("</svg>");
    o
}

/// Scores of sessions in order as a line, the current one marked, with the
/// pass mark (if any) as a dashed line.
pub fn trend(points: &[TrendPoint], pass_mark: Option<u32>) -> String {
    let skipped = points.len().saturating_sub(TREND_POINTS);
    let points = &points[skipped..];
    let (left, right, top, bottom, height) = (34.0, 14.0, 14.0, 50.0, 224.0);
    let plot_w = WIDTH - left - right;
    let plot_h = height - top - bottom;
    let x_of = |i: usize| match points.len() {
        0 | 1 => left + plot_w / 2.0,
        n => left + plot_w * i as f64 / (n - 1) as f64,
    };
    let y_of = |score: f64| top + plot_h * (1.0 - score.clamp(0.0, 100.0) / 100.0);
    let mut o = String::new();
    let _ = write!(
        o,
        r#"<svg class="chart trend" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="Score over time">"#
    );
    for v in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let y = y_of(v);
        let _ = write!(
            o,
            r#"<line class="grid" x1="{left}" y1="{y}" x2="{x2}" y2="{y}" /><text class="axis" x="{tx}" y="{ty}" text-anchor="end">{v}</text>"#,
            x2 = WIDTH - right,
            tx = left - 6.0,
            ty = y + 4.0,
        );
    }
    if let Some(pass_mark) = pass_mark {
        let py = y_of(f64::from(pass_mark));
        let _ = write!(
            o,
            r#"<line class="pass" x1="{left}" y1="{py}" x2="{x2}" y2="{py}" />"#,
            x2 = WIDTH - right,
        );
    }
    if points.len() > 1 {
        let line: Vec<String> = points
            .iter()
            .enumerate()
            .map(|(i, p)| format!("{:.1},{:.1}", x_of(i), y_of(p.score)))
            .collect();
        let _ = write!(o, r#"<polyline class="line" points="{}" />"#, line.join(" "));
    }
    for (i, p) in points.iter().enumerate() {
        let (class, r) = if p.current { ("dot current", 6) } else { ("dot", 4) };
        let _ = write!(
            o,
            r#"<circle class="{class}" cx="{x:.1}" cy="{y:.1}" r="{r}"><title>{title}</title></circle>"#,
            x = x_of(i),
            y = y_of(p.score),
            title = escape(&format!(
                "{} — {:.1}{}",
                p.date,
                p.score,
                if p.current { " (this session)" } else { "" }
            )),
        );
    }
    let axis_y = height - bottom + 20.0;
    let middle = left + plot_w / 2.0;
    match (points.first(), points.last()) {
        (Some(first), Some(last)) if points.len() > 1 => {
            let _ = write!(
                o,
                r#"<text class="axis" x="{left}" y="{axis_y}">{}</text><text class="axis" x="{x2}" y="{axis_y}" text-anchor="end">{}</text>"#,
                escape(&format!("session {} · {}", skipped + 1, first.date)),
                escape(&end_label(&first.date, &last.date, skipped + points.len())),
                x2 = WIDTH - right,
            );
        }
        _ => {
            let _ = write!(
                o,
                r#"<text class="axis" x="{middle}" y="{axis_y}" text-anchor="middle">The first session like this one: sit it again to see a trend.</text>"#,
            );
        }
    }
    // The legend: what the dashed line is.
    let ly = axis_y + 16.0;
    let Some(pass_mark) = pass_mark else {
        o.push_str("</svg>");
        return o;
    };
    let _ = write!(
        o,
        r#"<line class="pass" x1="{x1}" y1="{y}" x2="{x2}" y2="{y}" /><text class="pass-label" x="{tx}" y="{ly}">pass mark {pass_mark}</text>"#,
        x1 = middle - 52.0,
        x2 = middle - 28.0,
        y = ly - 4.0,
        tx = middle - 22.0,
    );
    o.push_str("</svg>");
    o
}

/// The CSS class a score is coloured by: its verdict's name.
/// The label at the right end of the time axis: the session's number, so
/// that sessions of the same day (or minute) are told apart, and its time
/// — without the date when it is the left end's day.
fn end_label(first: &str, last: &str, number: usize) -> String {
    match (first.split_once(' '), last.split_once(' ')) {
        (Some((day, _)), Some((same, time))) if day == same => format!("session {number} · {time}"),
        _ => format!("session {number} · {last}"),
    }
}

pub fn verdict_class(score: f64) -> &'static str {
    Verdict::from_score(score).as_str()
}

fn grid_x(o: &mut String, x_of: &dyn Fn(f64) -> f64, y1: f64, y2: f64) {
    for v in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let x = x_of(v);
        let _ = write!(
            o,
            r#"<line class="grid" x1="{x}" y1="{y1}" x2="{x}" y2="{y2}" /><text class="axis" x="{x}" y="{ty}" text-anchor="middle">{v}</text>"#,
            ty = y2 + 14.0,
        );
    }
}

fn pass_line_x(o: &mut String, x: f64, y1: f64, y2: f64, pass_mark: u32) {
    let _ = write!(
        o,
        r#"<line class="pass" x1="{x}" y1="{y1}" x2="{x}" y2="{y2}" /><text class="pass-label" x="{x}" y="{ty}" text-anchor="middle">pass {pass_mark}</text>"#,
        ty = y1 - 4.0,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(date: &str, score: f64) -> TrendPoint {
        TrendPoint {
            date: date.into(),
            score,
            current: false,
        }
    }

    #[test]
    fn the_time_axis_tells_sessions_of_one_day_apart() {
        let same_day = trend(&[point("2026-12-06 04:10", 40.0), point("2026-12-06 04:10", 60.0)], None);
        assert!(same_day.contains(">session 1 · 2026-12-06 04:10<"), "{same_day}");
        assert!(same_day.contains(">session 2 · 04:10<"), "{same_day}");
        let days = trend(&[point("2026-11-01 10:00", 40.0), point("2026-11-23 14:25", 60.0)], None);
        assert!(days.contains(">session 2 · 2026-11-23 14:25<"), "{days}");
        let many: Vec<TrendPoint> = (0..TREND_POINTS + 3)
            .map(|i| point(&format!("2026-11-01 10:{i:02}"), 50.0))
            .collect();
        assert!(
            trend(&many, None).contains(">session 4 · 2026-11-01 10:03<"),
            "numbered among all sessions"
        );
    }
}
