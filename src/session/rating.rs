//! The rating screen: the candidate's answer beside the reference and the
//! key points as a checklist, rated with single keys *before* the grader's
//! findings are shown, so the self grade is the candidate's own.
//!
//! Keys: `1`–`4` give one quick rating (again, hard, good, easy) at the
//! first point; at each key point `c` covered, `p` partly, `n` not covered,
//! Enter leaves it unmarked; Ctrl-C stops. A screen left with Enter alone
//! is no rating at all. The loop here knows only [`RatingKey`]s: the
//! terminal (`terminal.rs`, or any other key source) turns its keys into
//! those, so this file is the whole of the rating logic and is tested with
//! scripted keys.

use std::collections::BTreeMap;
use std::io;

use crate::layout::wrap;
use crate::selfgrade::{Mark, Rating, SelfGrade};

/// What the rating screen shows for one answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    /// `2/5`: which answer of how many.
    pub number: String,
    pub prompt: String,
    pub answer: String,
    pub reference: String,
    /// The key points' texts, in the bank's order.
    pub points: Vec<String>,
}

/// One key press as the rating screen understands it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RatingKey {
    Char(char),
    Enter,
    /// Ctrl-C, a signal, or the end of input.
    Interrupt,
}

/// The outcome of one rating screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Rated {
    Given(SelfGrade),
    /// Left with Enter alone: not a rating.
    Unrated,
    /// Ctrl-C: stop rating; what was rated before stays.
    Interrupted,
}

/// The help line under the checklist.
pub const KEYS_HELP: &str = "1 again · 2 hard · 3 good · 4 easy — or mark each key point: c covered · p partly · n not covered · Enter leaves it unmarked · Ctrl-C stops";

/// Shows `card` through `print` and reads keys from `next` until the
/// answer is rated, left unrated, or the candidate stops.
pub fn rate(card: &Card, width: usize, next: &mut dyn FnMut() -> io::Result<RatingKey>, print: &mut dyn FnMut(&str)) -> io::Result<Rated> {
    let width = width.max(40);
    print(&format!("\n── Rate your answer {} — before the grader's findings ──", card.number));
    print(&wrap(&card.prompt, width, ""));
    print("\nYour answer:");
    print(&wrap(
        if card.answer.trim().is_empty() {
            "(none)"
        } else {
            card.answer.trim()
        },
        width,
        "  ",
    ));
    print("\nReference answer:");
    print(&wrap(card.reference.trim(), width, "  "));
    print(&format!("\n{}", wrap(KEYS_HELP, width, "")));
    if card.points.is_empty() {
        print("Quick rating (1-4), or Enter to leave it unrated:");
        return Ok(match quick(next)? {
            Some(r) => r,
            None => Rated::Unrated,
        });
    }
    let mut marks = BTreeMap::new();
    let total = card.points.len();
    for (i, point) in card.points.iter().enumerate() {
        print(&format!("  ({}/{total}) {point} [c/p/n]", i + 1));
        loop {
            match next()? {
                RatingKey::Interrupt => return Ok(Rated::Interrupted),
                RatingKey::Enter => {
                    print("      unmarked");
                    break;
                }
                RatingKey::Char(c) if i == 0 && Rating::from_key(c).is_some() => {
                    let r = Rating::from_key(c).expect("checked");
                    print(&format!("      quick rating: {} ({:.0})", r.as_str(), r.score()));
                    return Ok(Rated::Given(SelfGrade::Rating(r)));
                }
                RatingKey::Char(c) => {
                    let mark = match c.to_ascii_lowercase() {
                        'c' | 'y' => Mark::Covered,
                        'p' => Mark::Partly,
                        'n' | 'm' => Mark::Missed,
                        _ => continue,
                    };
                    print(&format!("      {}", mark.as_str()));
                    marks.insert(point.clone(), mark);
                    break;
                }
            }
        }
    }
    Ok(if marks.is_empty() {
        Rated::Unrated
    } else {
        Rated::Given(SelfGrade::Points(marks))
    })
}

/// Reads a quick rating: `None` for Enter.
fn quick(next: &mut dyn FnMut() -> io::Result<RatingKey>) -> io::Result<Option<Rated>> {
    loop {
        match next()? {
            RatingKey::Interrupt => return Ok(Some(Rated::Interrupted)),
            RatingKey::Enter => return Ok(None),
            RatingKey::Char(c) => {
                if let Some(r) = Rating::from_key(c) {
                    return Ok(Some(Rated::Given(SelfGrade::Rating(r))));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(points: &[&str]) -> Card {
        Card {
            number: "1/2".into(),
            prompt: "What is blue-green?".into(),
            answer: "Two environments.".into(),
            reference: "Two identical environments; switch traffic.".into(),
            points: points.iter().map(|p| p.to_string()).collect(),
        }
    }

    fn run(card: &Card, keys: &[RatingKey]) -> (Rated, String) {
        let mut keys = keys.iter().copied();
        let mut shown = String::new();
        let rated = rate(card, 80, &mut || Ok(keys.next().unwrap_or(RatingKey::Interrupt)), &mut |t| {
            shown += t;
            shown.push('\n');
        })
        .unwrap();
        (rated, shown)
    }

    use RatingKey::{Char, Enter, Interrupt};

    #[test]
    fn a_checklist_marks_each_point_and_unmarked_ones_are_left_out() {
        let (rated, shown) = run(&card(&["a", "b", "c"]), &[Char('c'), Enter, Char('p')]);
        let expected: BTreeMap<String, Mark> = [("a".into(), Mark::Covered), ("c".into(), Mark::Partly)].into();
        assert_eq!(rated, Rated::Given(SelfGrade::Points(expected)));
        assert!(shown.contains("Reference answer:") && shown.contains("(2/3) b"), "{shown}");
        assert!(!shown.to_lowercase().contains("grader gave"), "the grader's findings come after");
    }

    #[test]
    fn a_quick_rating_ends_the_screen_and_other_keys_are_ignored() {
        assert_eq!(
            run(&card(&["a"]), &[Char('x'), Char('3')]).0,
            Rated::Given(SelfGrade::Rating(Rating::Good))
        );
        assert_eq!(run(&card(&[]), &[Char('1')]).0, Rated::Given(SelfGrade::Rating(Rating::Again)));
    }

    #[test]
    fn enter_alone_is_not_a_rating_and_ctrl_c_stops() {
        assert_eq!(run(&card(&["a", "b"]), &[Enter, Enter]).0, Rated::Unrated);
        assert_eq!(run(&card(&[]), &[Enter]).0, Rated::Unrated);
        assert_eq!(run(&card(&["a", "b"]), &[Char('c'), Interrupt]).0, Rated::Interrupted);
    }
}
