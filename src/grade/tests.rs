use super::*;
use crate::diagnostic::SourceFile;
use crate::text::Aliases;

fn kp(point: &str, weight: u32, alternatives: &[&str]) -> KeyPoint {
    KeyPoint {
        point: point.into(),
        weight,
        alternatives: alternatives.iter().map(|s| s.to_string()).collect(),
        subject: None,
        proposed: false,
    }
}

fn grader() -> Grader {
    let aliases = Aliases::parse(&SourceFile::new(
        "a.toml",
        "[[alias]]\nterm = \"kubernetes\"\nsame = [\"k8s\"]\n[[alias]]\nterm = \"horizontal pod autoscaler\"\nsame = [\"hpa\"]\n",
    ))
    .unwrap();
    let analyzer = Analyzer::new(&aliases);
    let idf = Idf::from_texts(&analyzer, [REFERENCE, "Pods run containers.", "Terraform state lives in S3."]);
    Grader::new(analyzer, idf)
}

const QUESTION: &str = "What is a dead-letter queue and why does the order queue have one?";
const REFERENCE: &str = "A dead-letter queue holds messages that failed processing too many times: after maxReceiveCount receives SQS moves them aside, so one poison message cannot block the queue. Alarms on the queue depth tell operators to investigate and redrive the messages once fixed. On Kubernetes the horizontal pod autoscaler scales consumers.";

fn points() -> Vec<KeyPoint> {
    vec![
        kp("messages failed processing repeatedly", 3, &["poison message"]),
        kp("maxReceiveCount", 2, &["max receive count"]),
        kp("alarm on queue depth", 2, &[]),
        kp("redrive messages", 1, &["replay messages"]),
        kp("horizontal pod autoscaler", 1, &[]),
    ]
}

fn score(answer: &str) -> Grade {
    let g = grader();
    let kps = points();
    let prepared = g.prepare(Rubric {
        question: QUESTION,
        reference: REFERENCE,
        key_points: &kps,
        ..Default::default()
    });
    g.grade(&prepared, answer)
}

#[test]
fn empty_answer_scores_zero() {
    for empty in ["", "   \n", "the a of", "?!"] {
        let g = score(empty);
        assert_eq!(g.score, 0.0, "{empty:?}");
        assert_eq!(g.missed.len(), 5);
    }
}

#[test]
fn reference_scores_full_marks() {
    let g = score(REFERENCE);
    assert!(g.score >= 95.0, "{g:?}");
    assert!(g.missed.is_empty());
}

#[test]
fn repeating_the_question_earns_little() {
    assert!(score(QUESTION).score < 15.0, "{:?}", score(QUESTION));
}

#[test]
fn covering_more_key_points_never_scores_lower() {
    let steps = [
        "A poison message is set aside.",
        "A poison message is set aside after maxReceiveCount.",
        "A poison message is set aside after maxReceiveCount. We alarm on queue depth.",
        "A poison message is set aside after maxReceiveCount. We alarm on queue depth and redrive messages.",
        "A poison message is set aside after maxReceiveCount. We alarm on queue depth and redrive messages. The HPA scales.",
    ];
    let scores: Vec<f64> = steps.iter().map(|s| score(s).score).collect();
    assert!(scores.windows(2).all(|w| w[0] <= w[1]), "{scores:?}");
    assert!(scores[4] > scores[0]);
    assert_eq!(score(steps[4]).covered.len(), 5);
}

#[test]
fn typos_and_aliases_still_match() {
    let g = score("We redrive mesages; the k8s hpa scales consumers.");
    assert!(g.covered.contains(&"redrive messages".to_string()), "{g:?}");
    assert!(g.covered.contains(&"horizontal pod autoscaler".to_string()), "{g:?}");
}

#[test]
fn scattered_words_do_not_make_a_phrase() {
    let filler = " lorem".repeat(40);
    let g = score(&format!("an alarm went off.{filler} the queue was long.{filler} depth of field"));
    assert!(g.missed.contains(&"alarm on queue depth".to_string()), "{g:?}");
}

#[test]
fn free_reference_reports_terms() {
    let g = grader();
    let prepared = g.prepare(Rubric {
        question: "",
        reference: "Terraform state lives in S3 with DynamoDB locking.",
        key_points: &[],
        ..Default::default()
    });
    let grade = g.grade(&prepared, "state is in s3");
    assert!(grade.covered.contains(&"state".to_string()));
    assert!(grade.missed.contains(&"dynamodb".to_string()), "{grade:?}");
    assert!(grade.key_points.is_none());
}

fn free(question: &str, reference: &str, answer: &str) -> Grade {
    let g = grader();
    let prepared = g.prepare(Rubric {
        question,
        reference,
        key_points: &[],
        ..Default::default()
    });
    g.grade(&prepared, answer)
}

#[test]
fn question_words_count_little_and_are_not_listed() {
    let (q, r) = (
        "What does a readiness probe do?",
        "A failing readiness probe removes the pod from Service endpoints until it recovers.",
    );
    let echo = free(q, r, q);
    assert!(echo.score < 15.0, "{echo:?}");
    assert!(
        !echo.covered.iter().chain(&echo.missed).any(|t| t == "readiness" || t == "probe"),
        "{echo:?}"
    );
    let real = free(q, r, "It takes the pod out of the service endpoints.");
    assert!(real.score > 60.0 && real.score > echo.score * 4.0, "{real:?}");
    // A reference made only of the question's words still grades.
    assert!(free("readiness probe", "Readiness probe.", "a readiness probe").score >= 95.0);
}

#[test]
fn a_long_reference_needs_only_part_of_its_terms() {
    let long = "Alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa.";
    let half = free(
        "",
        long,
        "The alpha is bravo with charlie and delta, then echo for foxtrot and golf by hotel.",
    );
    assert_eq!(half.overlap, 1.0, "sqrt(4/16) of 16 terms is 8: {half:?}");
    assert!(half.score >= 99.0);
    let quarter = free("", long, "alpha bravo charlie delta");
    assert!(quarter.overlap > 0.45 && quarter.overlap < 0.55, "{quarter:?}");
    // Never less than half: of 64 terms, 32 are needed, not sqrt(4/64) = 16.
    let numbers: Vec<String> = (1000..1064).map(|n| n.to_string()).collect();
    let sixteen = free("", &numbers.join(" "), &numbers[..16].join(" "));
    assert!((sixteen.overlap - 0.5).abs() < 1e-9, "{sixteen:?}");
    // With key points, coverage is the plain share of the reference.
    let part = &REFERENCE[..REFERENCE.len() / 3];
    let (with_points, without) = (score(part), free(QUESTION, REFERENCE, part));
    assert!(with_points.overlap < without.overlap, "{with_points:?} {without:?}");
    // Up to four terms, every one is needed.
    let short = free("", "Alpha bravo charlie delta.", "alpha bravo");
    assert!((short.overlap - 0.5).abs() < 0.05, "{short:?}");
}

#[test]
fn related_forms_earn_part_credit() {
    let (q, r) = ("What are the advantages of objects?", "Reusability and encapsulation.");
    let exact = free(q, r, "their reusability");
    let related = free(q, r, "you can reuse them");
    let unrelated = free(q, r, "they are fast");
    assert!(
        exact.score > related.score && related.score > unrelated.score,
        "{exact:?} {related:?} {unrelated:?}"
    );
    assert_eq!(unrelated.score, 0.0);
}

#[test]
fn coverage_has_diminishing_returns_without_key_points() {
    assert_eq!(reference_only(0.0), 0.0);
    assert_eq!(reference_only(1.0), 1.0);
    assert_eq!(reference_only(0.5), 0.75);
    let curve: Vec<f64> = (0..=20).map(|i| reference_only(f64::from(i) / 20.0)).collect();
    assert!(curve.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(with_key_points(0.0), 0.0);
    assert_eq!(with_key_points(1.0), 1.0);
}

// Answers that cannot game the grader.

const REAL_ANSWER: &str = "A poison message that failed processing repeatedly is moved aside after maxReceiveCount receives. We alarm on the queue depth and redrive the messages once fixed; the horizontal pod autoscaler scales the consumers.";

#[test]
fn a_bare_list_of_the_key_words_scores_below_a_real_answer() {
    let real = score(REAL_ANSWER);
    assert_eq!(real.covered.len(), 5, "{real:?}");
    assert!(real.notes.is_empty(), "{real:?}");
    for list in [
        "poison message failed processing repeatedly maxReceiveCount alarm queue depth redrive messages horizontal pod autoscaler consumers",
        "poison message, maxReceiveCount, alarm, queue depth, redrive messages, horizontal pod autoscaler, consumers, dlq",
        "- poison message\n- maxReceiveCount\n- alarm queue depth\n- redrive messages\n- horizontal pod autoscaler\n- scales consumers",
    ] {
        let g = score(list);
        assert_eq!(g.covered, real.covered, "the same points: {g:?}");
        assert!(g.score <= real.score - 15.0, "list {} vs real {}: {g:?}", g.score, real.score);
        assert!(g.notes[0].contains("list of keywords"), "{g:?}");
    }
    // A short answer may be a phrase, and is not called a list.
    assert!(score("maxReceiveCount").notes.is_empty());
}

#[test]
fn a_keyword_said_fifty_times_counts_once() {
    let once = score("SQS moves a message aside after maxReceiveCount.");
    let sentence = "SQS moves a message aside after maxReceiveCount. ".repeat(50);
    assert_eq!(score(&sentence).score, once.score, "the same sentence again adds nothing");
    let fifty = score(&format!("SQS moves a message aside after {}", "maxReceiveCount ".repeat(50)));
    assert!(fifty.score <= once.score, "{} > {}", fifty.score, once.score);
    assert_eq!(fifty.covered, once.covered);
}

/// About 200 words on airports that happen to say queue, messages, alarm,
/// depth, consumers and Kubernetes.
const OFF_TOPIC: &str = "Last summer I flew to Lisbon for a wedding. The airport was crowded and the security queue wound around the hall for what felt like hours. My phone kept buzzing with messages from my sister about the seating plan, the flowers and the band, and I answered each one while shuffling forward. At the gate a fire alarm went off, so everyone was led outside onto the apron and we watched the planes taxi past in the heat. A child next to me asked about the depth of the ocean under our route, and her father explained that the Atlantic is several kilometres deep in places. When we boarded, the crew apologised for the delay and handed out sandwiches and lemonade. The flight itself was calm; I read a novel about a detective in Oslo and slept through most of the film. Consumers of airline food rarely praise it, but the cheese was good. In Lisbon the taxi driver talked about football, the price of houses and his nephew who works on Kubernetes at a bank. The wedding was beautiful, the speeches short, and the dancing lasted until the sun came up over the river and the old town.";

#[test]
fn a_long_off_topic_answer_that_says_some_terms_stays_low() {
    let g = score(OFF_TOPIC);
    // Missed, far under the short on-topic answer below (the score curve
    // gives scattered terms a little; the off-topic cut takes most away).
    assert!(g.score < 20.0 && g.verdict == Verdict::Missed, "{g:?}");
    assert!(g.notes.iter().any(|n| n.contains("off the question's topic")), "{g:?}");
    // Graded on coverage alone, where scattered terms are not caught by
    // key points' closeness, the cut does the work.
    let free = free(QUESTION, REFERENCE, OFF_TOPIC);
    assert!(free.score < 30.0 && free.notes.len() == 1, "{free:?}");
    // The same terms in a short on-topic answer earn more: length and
    // scattering are what cost.
    let short = score("Messages wait in the queue; an alarm watches its depth and consumers scale on Kubernetes.");
    assert!(short.score > g.score * 2.0, "{} vs {}", short.score, g.score);
    // A long answer on the topic is not cut.
    let long = score(&format!("{REAL_ANSWER} {REFERENCE} {REAL_ANSWER}"));
    assert!(long.notes.is_empty(), "{long:?}");
}

#[test]
fn an_answer_that_negates_a_key_point_does_not_earn_it() {
    let said = score("We redrive the messages, and the horizontal pod autoscaler scales.");
    let denied = score("You should not redrive the messages, and there is no horizontal pod autoscaler.");
    for point in ["redrive messages", "horizontal pod autoscaler"] {
        assert!(said.covered.iter().any(|c| c == point), "{said:?}");
        assert!(denied.missed.iter().any(|c| c == point), "{denied:?}");
    }
    assert!(denied.score < said.score, "{denied:?}");
    let why: Vec<_> = denied.details.iter().filter_map(|d| d.negated.as_deref()).collect();
    assert_eq!(why, ["not redrive the messages", "no horizontal pod autoscaler"]);
    // A contrast ends the negation; so does a new clause.
    let contrast = score("We never delete them but redrive the messages. No outage; the hpa scales consumers.");
    assert_eq!(contrast.covered, ["redrive messages", "horizontal pod autoscaler"], "{contrast:?}");
}

/// The example, on a rubric of its own.
#[test]
fn not_using_a_readiness_probe_is_not_a_readiness_probe() {
    let g = grader();
    let points = [kp("readiness probe", 2, &[]), kp("never run containers as root", 1, &[])];
    let prepared = g.prepare(Rubric {
        question: "How do you keep traffic away from pods that are starting?",
        reference: "Give each container a readiness probe: until it passes, the pod gets no traffic from its Service. And never run containers as root.",
        key_points: &points,
        ..Default::default()
    });
    let denied = g.grade(&prepared, "You should not use a readiness probe.");
    assert_eq!(denied.missed, ["readiness probe", "never run containers as root"], "{denied:?}");
    assert_eq!(denied.details[0].negated.as_deref(), Some("not use a readiness probe"));
    assert!(
        g.grade(&prepared, "You should use a readiness probe.")
            .covered
            .contains(&"readiness probe".into())
    );
    // What the rubric itself negates may be said with another negation.
    let root = g.grade(&prepared, "Don't run containers as root.");
    assert_eq!(root.covered, ["never run containers as root"], "{root:?}");
}

// Explanations a candidate can act on.

#[test]
fn covered_points_show_the_words_that_matched_and_how() {
    let g = score("We redrive mesages; the k8s hpa scales consumers.");
    let detail = |point: &str| g.details.iter().find(|d| d.point == point).unwrap_or_else(|| panic!("{g:?}"));
    let redrive = detail("redrive messages");
    assert_eq!(redrive.status, Status::Covered);
    assert_eq!(redrive.matched_text(), "redrive, mesages (typo of messages)");
    let hpa = detail("horizontal pod autoscaler");
    assert_eq!(
        hpa.matched,
        [TermMatch {
            word: "hpa".into(),
            term: "horizontal pod autoscaler".into(),
            kind: MatchKind::Alias,
        }]
    );
    assert_eq!(hpa.source, None, "covered points need no source");
    // Covered first, each list in rubric order.
    let statuses: Vec<Status> = g.details.iter().map(|d| d.status).collect();
    assert!(
        statuses.windows(2).all(|w| w[0] == Status::Covered || w[1] != Status::Covered),
        "{statuses:?}"
    );
}

#[test]
fn missed_points_show_the_reference_sentence_they_come_from() {
    for answer in ["We redrive messages.", ""] {
        let g = score(answer);
        let missed = g.details.iter().find(|d| d.point == "alarm on queue depth").unwrap();
        assert_eq!(missed.status, Status::Missed);
        assert_eq!(
            missed.source.as_deref(),
            Some("Alarms on the queue depth tell operators to investigate and redrive the messages once fixed."),
            "{answer:?}"
        );
    }
    let partly = score("An alarm fires.");
    let alarm = partly.details.iter().find(|d| d.point == "alarm on queue depth").unwrap();
    assert_eq!((alarm.status, alarm.matched_text().as_str()), (Status::Missed, "alarm"));
    let half = score("An alarm on the queue.");
    let alarm = half.details.iter().find(|d| d.point == "alarm on queue depth").unwrap();
    assert_eq!(alarm.status, Status::Partial, "{half:?}");
    assert!(half.missed.contains(&alarm.point), "partial points are listed as missed");
}

#[test]
fn free_references_explain_each_term() {
    let g = grader();
    let prepared = g.prepare(Rubric {
        question: "",
        reference: "Kubernetes schedules pods. Terraform keeps state.",
        key_points: &[],
        ..Default::default()
    });
    let by_word = |answer: &str| {
        let grade = g.grade(&prepared, answer);
        grade.details.iter().find(|d| d.point == "kubernetes").unwrap().clone()
    };
    assert_eq!(by_word("K8s schedules pods").matched_text(), "k8s (alias of kubernetes)");
    assert_eq!(
        by_word("Kuberentes schedules pods").matched_text(),
        "kuberentes (typo of kubernetes)"
    );
    let missed = by_word("Terraform keeps state");
    assert_eq!(missed.source.as_deref(), Some("Kubernetes schedules pods."));
}

#[test]
fn borderline_scores_say_so() {
    for answer in ["", "We redrive messages.", REAL_ANSWER, REFERENCE, "An alarm on the queue."] {
        let g = score(answer);
        assert_eq!(g.borderline, borderline(g.score), "{g:?}");
        assert_eq!(g.verdict, Verdict::from_score(g.score));
    }
}

/// Properties that hold for any answer (proptest): the score's range,
/// monotonicity in key points, indifference to case, punctuation and
/// sentence order, and the reference's full marks on any rubric.
mod properties {
    use proptest::prelude::*;

    use super::*;

    /// Sentences answers are made of: the reference's, a real answer's,
    /// negated, off-topic, listed and misspelled ones.
    const SENTENCES: &[&str] = &[
        "A dead-letter queue holds messages that failed processing too many times.",
        "After maxReceiveCount receives SQS moves them aside, so one poison message cannot block the queue.",
        "Alarms on the queue depth tell operators to investigate and redrive the messages once fixed.",
        "On Kubernetes the horizontal pod autoscaler scales consumers.",
        "A poison message that failed processing repeatedly is moved aside.",
        "We alarm on the queue depth; the k8s hpa scales the consumers.",
        "You should not redrive the messages, and there is no autoscaler.",
        "The weather in Lisbon was warm and the food was good.",
        "poison message maxReceiveCount alarm depth",
        "Kuberentes replays mesages, but never without an alarm!",
        "It depends on the team, the budget and the deadline.",
    ];

    fn answer() -> impl Strategy<Value = Vec<&'static str>> {
        prop::collection::vec(prop::sample::select(SENTENCES), 0..7)
    }

    fn config() -> ProptestConfig {
        ProptestConfig {
            cases: 48,
            failure_persistence: None,
            ..ProptestConfig::default()
        }
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn the_score_stays_within_0_and_100(sentences in answer(), noise in "\\PC{0,120}") {
            for text in [sentences.join(" "), noise.clone(), format!("{} {noise}", sentences.join(" "))] {
                let g = score(&text);
                prop_assert!((0.0..=100.0).contains(&g.score), "{g:?}");
                prop_assert_eq!(g.covered.len() + g.missed.len(), 5);
            }
        }

        #[test]
        fn adding_a_missing_key_point_never_lowers_the_score(sentences in answer()) {
            let base = sentences.join(" ");
            let before = score(&base);
            for point in &before.missed {
                let more = score(&format!("{base} It also covers {point}."));
                prop_assert!(more.score >= before.score, "adding {point:?}: {} < {}\n{base}", more.score, before.score);
                prop_assert!(more.covered.len() >= before.covered.len());
            }
        }

        #[test]
        fn case_punctuation_and_order_change_the_score_little(sentences in answer(), order in any::<prop::sample::Index>()) {
            let text = sentences.join(" ");
            let base = score(&text).score;
            prop_assert_eq!(score(&text.to_uppercase()).score, base);
            prop_assert_eq!(score(&text.to_lowercase()).score, base);
            // Claims end at `.`, `!` and `;` alike (commas do not end one).
            let repunctuated: String = text.chars().map(|c| match c { '.' => '!', ':' => ',', c => c }).collect();
            prop_assert_eq!(score(&repunctuated).score, base);
            // Without commas and the like, a negation may reach one clause
            // further (clauses end at punctuation): a key point at most —
            // 25 points on the calibrated scale, whose middle is steeper
            // than the raw blend (`FULL_MARKS_AT`).
            let bare: String = text.chars().filter(|c| c.is_alphanumeric() || c.is_whitespace() || ".!?".contains(*c)).collect();
            prop_assert!((score(&bare).score - base).abs() <= 25.0, "no commas: {} vs {base}", score(&bare).score);
            // Reordering compares whole sentences: a fragment without a full
            // stop (`poison message maxReceiveCount alarm depth`) joins the
            // claim after it, so moving it changes what it is read with.
            let ended: Vec<String> = sentences
                .iter()
                .map(|s| if s.ends_with(['.', '!', '?']) { s.to_string() } else { format!("{s}.") })
                .collect();
            let in_order = score(&ended.join(" ")).score;
            let mut shuffled = ended.clone();
            if !shuffled.is_empty() {
                let k = order.index(shuffled.len());
                shuffled.rotate_left(k);
                shuffled.reverse();
            }
            let reordered = score(&shuffled.join(" ")).score;
            prop_assert!((reordered - in_order).abs() <= 25.0, "reordered: {reordered} vs {in_order}");
        }

        #[test]
        fn a_reference_scores_at_least_95_on_its_own_rubric(
            sentences in prop::collection::vec(prop::collection::vec(prop::sample::select(WORDS), 3..14), 1..5),
            picks in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), 1usize..4, 1u32..4), 1..6),
        ) {
            let reference: String = sentences.iter().map(|s| format!("{}.", s.join(" "))).collect::<Vec<_>>().join(" ");
            let g = grader();
            prop_assume!(!g.analyzer().stems(&reference).is_empty());
            // A reference holding a long bare run of terms (`queue queue
            // queue …`) is cut as a keyword list would be (form.rs); real
            // references are prose, and the strict check holds each to 95.
            let analysis = g.analyzer().analyse(&reference);
            let bar = crate::grade::form::Bar::of(&analysis);
            prop_assume!(analysis.claim_words.iter().all(|c| crate::grade::form::statement_credit(*c, bar) >= 1.0));
            // Key points: runs of a sentence's words that hold content.
            let points: Vec<KeyPoint> = picks
                .iter()
                .map(|(s, start, len, weight)| {
                    let words = &sentences[s.index(sentences.len())];
                    let from = start.index(words.len());
                    kp(&words[from..(from + len).min(words.len())].join(" "), *weight, &[])
                })
                .filter(|p| !g.analyzer().stems(&p.point).is_empty())
                .collect();
            let prepared = g.prepare(Rubric { question: "What about it?", reference: &reference, key_points: &points, ..Default::default() });
            let own = g.grade(&prepared, &reference);
            prop_assert!(own.score >= 95.0, "{reference:?} with {points:?}: {own:?}");
        }
    }

    /// Words references are made of: content and function words, negations
    /// and an alias.
    const WORDS: &[&str] = &[
        "the",
        "a",
        "is",
        "of",
        "to",
        "and",
        "it",
        "not",
        "no",
        "never",
        "but",
        "queue",
        "messages",
        "pods",
        "alarm",
        "depth",
        "terraform",
        "state",
        "locking",
        "kubernetes",
        "k8s",
        "hpa",
        "scales",
        "replicas",
        "network",
        "policy",
        "egress",
        "canary",
        "rollout",
        "without",
        "avoid",
        "only",
        "each",
        "secrets",
        "rotated",
        "vault",
    ];
}
