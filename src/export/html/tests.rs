use super::*;
use crate::bank::Level;
use crate::export::TrendPoint;
use crate::fixtures::report;

const HOSTILE: &str = "<script>alert('x')</script> & \"quoted\" </details></html> \u{7}bell";

fn hostile_report() -> Report {
    let mut r = report(
        "kubeflow-ops",
        Level::Junior,
        &[("q1", "kubernetes", 85.0), ("q2", "security", 30.0), ("q3", "security", 0.0)],
    );
    r.questions[0].answer = format!("Liveness probes restart the container. {HOSTILE}");
    r.questions[0].covered = vec!["restarts the container".into()];
    r.questions[0].prompt = "What is <b>bold</b>?".into();
    r.warnings = vec!["a warning with <i>markup</i>".into()];
    r
}

/// The page parsed as XML: proof that it is well-formed.
fn parse(html: &str) -> roxmltree::Document<'_> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(html, options).unwrap_or_else(|e| panic!("not well-formed: {e}\n{html}"))
}

fn context() -> Context {
    Context {
        session: None,
        date: Some("2026-11-23 14:25".into()),
        trend: [("2026-11-01 10:00", 40.0), ("2026-11-10 10:00", 55.5), ("2026-11-23 14:25", 38.3)]
            .iter()
            .enumerate()
            .map(|(i, (date, score))| TrendPoint {
                date: date.to_string(),
                score: *score,
                current: i == 2,
            })
            .collect(),
        ..Context::default()
    }
}

#[test]
fn the_page_is_well_formed_with_both_charts_and_a_fold_per_question() {
    let r = hostile_report();
    let html = to_html(&r, &context());
    let doc = parse(&html);
    let count = |tag: &str, class: Option<&str>| {
        doc.descendants()
            .filter(|n| n.has_tag_name(tag) && class.is_none_or(|c| n.attribute("class") == Some(c)))
            .count()
    };
    assert_eq!(count("svg", None), 2);
    assert_eq!(
        count("rect", Some("fill missed")) + count("rect", Some("fill strong")),
        r.topics.len()
    );
    assert_eq!(count("circle", Some("dot")), 2);
    assert_eq!(count("circle", Some("dot current")), 1);
    let line = doc.descendants().find(|n| n.has_tag_name("polyline")).unwrap();
    assert_eq!(line.attribute("points").unwrap().split(' ').count(), 3);
    assert_eq!(count("details", None), 3);
    // Weak and skipped answers start unfolded, strong ones folded.
    let open: Vec<bool> = doc
        .descendants()
        .filter(|n| n.has_tag_name("details"))
        .map(|n| n.has_attribute("open"))
        .collect();
    assert_eq!(open, [false, true, true]);
    assert!(html.contains("@media print"));
}

#[test]
fn user_text_is_escaped_and_nothing_is_fetched() {
    let html = to_html(&hostile_report(), &context());
    for forbidden in ["<script", "<b>", "<i>", "http", "src=", "href=", "url(", "@import", "<link"] {
        assert!(!html.contains(forbidden), "the page contains {forbidden:?}");
    }
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;"));
    // The parsed page reads back exactly the answer that was typed.
    let doc = parse(&html);
    let first = doc.descendants().find(|n| n.attribute("class") == Some("text")).unwrap();
    let text: String = first.descendants().filter(|n| n.is_text()).map(|n| n.text().unwrap()).collect();
    assert_eq!(
        text,
        format!("Liveness probes restart the container. {}", HOSTILE.replace('\u{7}', " "))
    );
}

#[test]
fn covered_words_are_marked_in_the_answer_and_missed_ones_in_the_reference() {
    let analyzer = Analyzer::new(&Aliases::default());
    let stems = |s: &str| analyzer.stems(s).into_iter().collect::<HashSet<_>>();
    let marked = highlight(
        "Kubelet restarts the Container; pods <b>",
        &analyzer,
        &stems("restart container"),
        &stems("pods"),
    );
    assert_eq!(
        marked,
        "Kubelet <mark class=\"hit\">restarts</mark> the <mark class=\"hit\">Container</mark>; <mark class=\"miss\">pods</mark> &lt;b&gt;"
    );
}

#[test]
fn a_first_session_still_draws_its_point() {
    let html = to_html(&hostile_report(), &Context::default());
    assert!(html.contains("sit it again to see a trend"));
    assert!(html.contains("class=\"dot current\""));
    parse(&html);
}

#[test]
fn key_points_show_what_matched_and_where_missed_ones_come_from() {
    let mut r = hostile_report();
    r.questions[1].details = crate::fixtures::details();
    r.questions[1].covered = vec![r.questions[1].details[0].point.clone()];
    r.questions[1].answer = "We run k8s and pods.".into();
    r.questions[1].notes = vec!["It reads <as> a list".into()];
    r.questions[1].borderline = true;
    let html = to_html(&r, &context());
    parse(&html);
    for part in [
        "<li class=\"hit\">✓ &lt;b&gt;kubernetes&lt;/b&gt; | pods <span class=\"why\">— matched k8s (alias of kubernetes), p&lt;o&gt;ds (typo of pods)</span></li>",
        "<li class=\"miss partial\">~ alarm on depth <span class=\"why\">— only alarm</span><br /><span class=\"why\">reference: <q>Alarms on *depth*.</q></span></li>",
        "you said <q>not use a readiness probe</q>: a negation does not count",
        "<ul class=\"notes\"><li>It reads &lt;as&gt; a list</li></ul>",
        "30.0 missed, borderline</span>",
        // The answer's own words that matched are marked.
        "We run <mark class=\"hit\">k8s</mark> and <mark class=\"hit\">pods</mark>.",
    ] {
        assert!(html.contains(part), "lacks {part:?}");
    }
}

#[test]
fn a_placement_page_shows_the_level_and_ability_and_no_pass_mark() {
    let mut r = hostile_report();
    r.pass_mark = None;
    r.placement = Some(crate::fixtures::placement());
    let html = to_html(&r, &context());
    parse(&html);
    assert!(html.contains("mid, likely — between mid and senior"), "{html}");
    assert!(html.contains("— placement · grill report</title>"), "{html}");
    assert!(html.contains("<span class=\"big\">66.0</span>"), "the ability is the big number");
    assert!(!html.contains("pass mark"), "a placement has no pass mark");
    assert!(html.contains("grill drill kubeflow-ops --level senior --topic security"));
}
