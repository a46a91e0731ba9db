//! Reviewing a finished session (`grill review`, `grill run --answers F
//! --review`): each answered question in turn on the same rating screen as
//! a live `--self-grade` ([`super::rating`], through [`Prompter::rate`]),
//! then both grades side by side.
//!
//! The walk changes only the candidate's own grades in the report
//! ([`Report::rate`]): the grader's stay as they were. Each rating is
//! handed to `on_rated` as it is given, so the caller saves it at once and
//! Ctrl-C loses nothing rated before it. Enter alone leaves a question as
//! it was (an earlier rating stays; an unrated one stays unrated).

use std::io;

use super::Prompter;
use super::rating::{Card, Rated};
use crate::bank::KeyPoint;
use crate::catalog::Catalog;
use crate::grade::Rubric;
use crate::report::{QuestionReport, Report};

/// How a review ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reviewed {
    /// Questions rated in this review.
    pub rated: usize,
    /// Questions that could be rated.
    pub offered: usize,
    /// Ctrl-C stopped it before the last question.
    pub interrupted: bool,
}

/// The key points `q` was graded against: its bank question's, or for a
/// follow-up that of its parent's follow-up. `None` when the catalog no
/// longer holds it (a bank removed since).
pub fn key_points_of<'a>(catalog: &'a Catalog, q: &QuestionReport) -> Option<&'a [KeyPoint]> {
    match (&q.follows, q.follow_up) {
        (Some(parent), true) => catalog
            .question(parent)?
            .follow_ups
            .iter()
            .find(|f| f.id.as_deref() == Some(q.id.as_str()) || f.prompt == q.prompt)
            .and_then(Rubric::of_follow_up)
            .map(|r| r.key_points),
        _ => Some(&catalog.question(&q.id)?.key_points[..]),
    }
}

/// Walks `report`'s answered questions through `prompter`'s rating screen,
/// recording each rating in `report` and handing it to `on_rated` (the
/// question's index and the report as it now is).
pub fn review(
    report: &mut Report,
    catalog: &Catalog,
    prompter: &mut dyn Prompter,
    on_rated: &mut dyn FnMut(usize, &Report),
) -> io::Result<Reviewed> {
    let due: Vec<(usize, Vec<KeyPoint>)> = report
        .questions
        .iter()
        .enumerate()
        .filter(|(_, q)| !q.skipped && !q.ungraded && !q.answer.trim().is_empty())
        .filter_map(|(i, q)| key_points_of(catalog, q).map(|k| (i, k.to_vec())))
        .collect();
    let mut done = Reviewed {
        rated: 0,
        offered: due.len(),
        interrupted: false,
    };
    for (n, (i, key_points)) in due.iter().enumerate() {
        let q = &report.questions[*i];
        if q.own.self_score.is_some() {
            prompter.say(&format!(
                "(rated before: {}; a new rating replaces it, Enter keeps it)",
                q.own.describe()
            ));
        }
        let card = Card {
            number: format!("{}/{}", n + 1, due.len()),
            prompt: q.prompt.clone(),
            answer: q.answer.clone(),
            reference: q.reference.clone(),
            points: key_points.iter().map(|k| k.point.clone()).collect(),
        };
        match prompter.rate(&card)? {
            Rated::Given(grade) => {
                report.rate(*i, &grade, key_points);
                done.rated += 1;
                on_rated(*i, report);
                let q = &report.questions[*i];
                prompter.say(&super::side_by_side(&q.own, q.score));
            }
            Rated::Unrated => prompter.say("Left as it was."),
            Rated::Interrupted => {
                done.interrupted = true;
                prompter.say("Review stopped; the ratings given are kept.");
                break;
            }
        }
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::selfgrade::{Rating, SelfGrade};

    /// A prompter that answers each rating screen from a script.
    struct Script {
        rated: Vec<Rated>,
        said: Vec<String>,
    }

    impl Prompter for Script {
        fn briefing(&mut self, _: &str, _: &str) -> io::Result<bool> {
            Ok(true)
        }
        fn question(&mut self, _: &super::super::Header) {}
        fn read(&mut self, _: super::super::Timing, _: &dyn super::super::Clock, _: &str) -> io::Result<super::super::Input> {
            unreachable!("a review reads no answers")
        }
        fn say(&mut self, text: &str) {
            self.said.push(text.to_string());
        }
        fn pause(&mut self) -> io::Result<()> {
            Ok(())
        }
        fn rate(&mut self, _: &Card) -> io::Result<Rated> {
            Ok(if self.rated.is_empty() {
                Rated::Interrupted
            } else {
                self.rated.remove(0)
            })
        }
    }

    #[test]
    fn each_rating_is_handed_over_as_given_and_ctrl_c_keeps_them() {
        let catalog = crate::catalog::Catalog::load(&crate::catalog::Sources::embedded()).expect("built-in banks load");
        let ids: Vec<String> = catalog.questions().take(3).map(|q| q.id.clone()).collect();
        let scored: Vec<(&str, &str, f64)> = ids.iter().map(|id| (id.as_str(), "t", 50.0)).collect();
        let mut report = crate::fixtures::report("k", crate::bank::Level::Mid, &scored);
        let mut prompter = Script {
            rated: vec![Rated::Given(SelfGrade::Rating(Rating::Easy)), Rated::Unrated],
            said: vec![],
        };
        let mut saved = vec![];
        let done = review(&mut report, &catalog, &mut prompter, &mut |i, r| {
            saved.push((i, r.questions[i].own.self_score))
        })
        .unwrap();
        assert_eq!(
            done,
            Reviewed {
                rated: 1,
                offered: 3,
                interrupted: true
            }
        );
        assert_eq!(saved, [(0, Some(95.0))]);
        assert_eq!(report.questions[1].own.self_score, None, "Enter alone is no rating");
        assert_eq!(report.own.self_rated, 1);
        assert_eq!(report.questions[0].score, 50.0, "the grader's score is untouched");
        assert!(
            prompter.said.iter().any(|s| s.contains("you gave yourself 95")),
            "{:?}",
            prompter.said
        );
    }
}
