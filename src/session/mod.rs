//! The live interview: asks each planned question, reads answers through a
//! [`Prompter`], keeps time with a [`Clock`], and saves progress after every
//! step so that nothing given is lost.
//!
//! The loop knows nothing of terminals ([`terminal`] does) or of command
//! lines; tests drive it with a scripted prompter and a fake clock.

pub mod clock;
pub mod editor;
pub mod keys;
pub mod menu;
mod placing;
pub mod prompter;
pub mod rating;
pub mod review;
pub mod screen;
pub mod store;
pub mod terminal;

use std::time::Duration;

use crate::catalog::Catalog;
use crate::grade::{Grader, Rubric};
use crate::layout::{mmss, plural};
use crate::report::Report;
use crate::scenario::FollowUps;
use crate::selfgrade::SelfAssessment;
use rating::{Card, Rated};

pub use clock::{Clock, FakeClock, SystemClock};
pub use prompter::{Header, Input, Prompter, RoundClock, Timing};
pub use store::{AnswerRecord, Feedback, Progress, Store};

/// Score from which an answer counts as strong enough for a follow-up.
const FOLLOW_UP_AT: f64 = 80.0;

/// How a live session ended.
#[derive(Debug)]
pub enum Ending {
    /// Every question was asked (or the time ran out): the graded report.
    Finished(Box<Report>),
    /// `:quit`: saved to resume later.
    Quit,
    /// Ctrl-C or a signal: saved to resume later.
    Interrupted,
}

/// What asking one question produced.
enum Asked {
    Given(AnswerRecord),
    Left(Ending),
}

/// Runs (or resumes) the interview in `progress` to its end or until the
/// candidate leaves. `save` is called after every change worth keeping; a
/// failed save is reported to the candidate and the interview goes on, the
/// answers staying in memory and on screen.
pub fn run(
    progress: &mut Progress,
    catalog: &Catalog,
    grader: &Grader,
    prompter: &mut dyn Prompter,
    clock: &dyn Clock,
    save: &mut dyn FnMut(&Progress) -> anyhow::Result<()>,
) -> std::io::Result<Ending> {
    let mut saver = Saver { save, failed: false };
    if !progress.briefed {
        let briefing = catalog
            .scenario(&progress.plan.scenario)
            .map(|s| s.briefing.clone())
            .unwrap_or_default();
        let intro = match progress.placement {
            Some(limits) => format!("{briefing}\n\n{}", placing::briefing(progress, limits, catalog)),
            None => format!(
                "{briefing}\n\n{}{} at {} level, {} in all. Type :help at any time for commands.",
                rounds_list(&progress.plan),
                plural(progress.plan.questions.len(), "question"),
                progress.plan.level,
                mmss(progress.plan.budget_seconds)
            ),
        };
        if !prompter.briefing(&progress.plan.title, intro.trim())? {
            saver.save(progress, prompter);
            return Ok(Ending::Quit);
        }
        progress.briefed = true;
    } else {
        let total = progress.plan.questions.len();
        if progress.placement.is_some() {
            prompter.say(&format!("Resuming placement {} at question {}.", progress.id, progress.next + 1));
        } else if progress.next < total {
            prompter.say(&format!("Resuming {} at question {} of {total}.", progress.id, progress.next + 1));
        } else {
            prompter.say(&format!(
                "Resuming {}: every question was answered; here is the report.",
                progress.id
            ));
        }
    }
    saver.save(progress, prompter);

    loop {
        if let Some(limits) = progress.placement.filter(|_| progress.next == progress.plan.questions.len()) {
            if let Some(stop) = placing::extend(progress, limits, catalog, grader) {
                prompter.say(&placing::stopped(stop, progress.next));
                break;
            }
            saver.save(progress, prompter);
        }
        let total = progress.plan.questions.len();
        if progress.next >= total {
            break;
        }
        let pq = progress.plan.questions[progress.next].clone();
        let question = catalog.question(&pq.id).cloned();
        if progress.plan.rounds.len() > 1 && !progress.in_follow_up && progress.draft.is_empty() && progress.draft_ms == 0 {
            let first_of_round = progress.next == 0 || progress.plan.questions[progress.next - 1].round != pq.round;
            if first_of_round {
                let r = &progress.plan.rounds[pq.round];
                let text = format!(
                    "Round {}/{}: {} ({})\n{}",
                    pq.round + 1,
                    progress.plan.rounds.len(),
                    r.title,
                    mmss(r.budget_seconds),
                    r.briefing
                );
                prompter.say(text.trim());
                progress.round_ms = 0;
            }
        }
        if !progress.in_follow_up {
            let header = Header {
                number: match progress.placement {
                    Some(limits) => placing::number(progress, limits),
                    None => format!("{}/{total}", progress.next + 1),
                },
                topic: pq.topic.clone(),
                level: pq.level.to_string(),
                budget_seconds: pq.budget_seconds,
                prompt: pq.prompt.clone(),
            };
            let mut record = match ask(progress, &header, &pq.id, None, grader, catalog, prompter, clock, &mut saver)? {
                Asked::Given(r) => r,
                Asked::Left(ending) => return Ok(ending),
            };
            let rated = rate_now(progress, &mut record, &header.number, catalog, prompter)?;
            let score = give(progress, record, grader, catalog, prompter);
            let wants_follow_up = match progress.plan.follow_ups {
                FollowUps::None => false,
                FollowUps::Always => score.is_some(),
                FollowUps::AfterStrongAnswer => score.is_some_and(|s| s >= FOLLOW_UP_AT),
            };
            progress.in_follow_up = wants_follow_up && question.as_ref().is_some_and(|q| !q.follow_ups.is_empty());
            if !progress.in_follow_up {
                progress.next += 1;
            }
            saver.save(progress, prompter);
            if !rated {
                return Ok(Ending::Interrupted);
            }
        }
        if progress.in_follow_up {
            let follow = question.as_ref().and_then(|q| q.follow_ups.first().cloned());
            let (prompt, budget, graded) = follow.as_ref().map_or_else(
                || (String::new(), crate::layout::round_to_5(pq.budget_seconds / 2), false),
                |f| (f.prompt.clone(), f.budget_seconds(pq.budget_seconds), f.is_graded()),
            );
            let header = Header {
                number: format!(
                    "{}/{total} follow-up{}",
                    progress.next + 1,
                    if graded { "" } else { " (practice, not graded)" }
                ),
                topic: pq.topic.clone(),
                level: pq.level.to_string(),
                budget_seconds: budget,
                prompt: prompt.clone(),
            };
            let follow = prompt;
            match ask(
                progress,
                &header,
                &pq.id,
                Some(follow),
                grader,
                catalog,
                prompter,
                clock,
                &mut saver,
            )? {
                Asked::Given(mut r) => {
                    let rated = rate_now(progress, &mut r, &header.number, catalog, prompter)?;
                    give(progress, r, grader, catalog, prompter);
                    if !rated {
                        progress.in_follow_up = false;
                        progress.next += 1;
                        saver.save(progress, prompter);
                        return Ok(Ending::Interrupted);
                    }
                }
                Asked::Left(ending) => return Ok(ending),
            }
            progress.in_follow_up = false;
            progress.next += 1;
            saver.save(progress, prompter);
        }
        if progress.elapsed_ms >= u64::from(progress.plan.budget_seconds) * 1000 && progress.next < total {
            prompter.say(&format!(
                "The interview's time is up: {} count as skipped.",
                plural(total - progress.next, "remaining question")
            ));
            break;
        }
        if progress.next < total && progress.plan.questions[progress.next].round != pq.round {
            prompter.hold(&round_summary(progress, grader, catalog, pq.round))?;
        }
    }
    // A placement's answers were rated as they came: the estimate needs them.
    if progress.self_grade && progress.feedback == Feedback::End && progress.placement.is_none() {
        review_at_end(progress, catalog, prompter, &mut saver)?;
    }
    progress.finished = true;
    saver.save(progress, prompter);
    let mut report = Report::grade(&progress.plan, catalog, grader, &progress.answers());
    if progress.placement.is_some() {
        placing::conclude(progress, catalog, &mut report);
    }
    Ok(Ending::Finished(Box::new(report)))
}

/// Records an answer (or skip); with instant feedback, shows its grade.
/// Returns the score when the answer was given, not skipped.
fn give(progress: &mut Progress, record: AnswerRecord, grader: &Grader, catalog: &Catalog, prompter: &mut dyn Prompter) -> Option<f64> {
    let score = rubric_of(catalog, &record.id, record.follow_up.as_deref())
        .filter(|_| !record.text.trim().is_empty())
        .map(|r| grader.grade(&grader.prepare(r), &record.text));
    if progress.feedback == Feedback::Instant {
        match &score {
            Some(g) => {
                let mut text = format!("Score {:.1} ({})", g.score, g.verdict.label(g.borderline));
                if !g.missed.is_empty() {
                    text += &format!(" — missed: {}", g.missed.join("; "));
                }
                if let Some(own) = &record.self_grade {
                    prompter.say(&text);
                    let key_points = rubric_of(catalog, &record.id, record.follow_up.as_deref()).map_or(&[][..], |r| r.key_points);
                    text = side_by_side(&SelfAssessment::new(own, key_points, g.score, &g.details), g.score);
                }
                // The next clock starts when the candidate has read it.
                if let Err(e) = prompter.hold(&text) {
                    prompter.say(&format!("({e})"));
                }
            }
            None if record.text.trim().is_empty() => prompter.say("Skipped."),
            None => prompter.say("Practice follow-up: not graded."),
        }
    }
    progress.answers.push(record);
    progress.draft.clear();
    progress.draft_ms = 0;
    progress.draft_hints = 0;
    score.map(|g| g.score)
}

/// With `--self-grade` and instant feedback, the rating screen for
/// `record`, before its grade is shown (the clock is not running: only
/// reading an answer counts). `false` when the candidate pressed Ctrl-C.
fn rate_now(
    progress: &Progress,
    record: &mut AnswerRecord,
    number: &str,
    catalog: &Catalog,
    prompter: &mut dyn Prompter,
) -> std::io::Result<bool> {
    // A placement needs each rating before it picks the next question.
    if !progress.self_grade || (progress.feedback != Feedback::Instant && progress.placement.is_none()) {
        return Ok(true);
    }
    let Some(card) = card(catalog, record, number) else {
        return Ok(true);
    };
    match prompter.rate(&card)? {
        Rated::Given(g) => record.self_grade = Some(g),
        Rated::Unrated => {}
        Rated::Interrupted => return Ok(false),
    }
    Ok(true)
}

/// With `--self-grade` and feedback at the end: every answer in turn,
/// before the report. Each rating is saved as it is given; Ctrl-C ends the
/// review keeping them, and Enter alone leaves an answer unrated.
fn review_at_end(progress: &mut Progress, catalog: &Catalog, prompter: &mut dyn Prompter, saver: &mut Saver<'_>) -> std::io::Result<()> {
    let due: Vec<usize> = (0..progress.answers.len())
        .filter(|&i| progress.answers[i].self_grade.is_none())
        .filter(|&i| card(catalog, &progress.answers[i], "").is_some())
        .collect();
    if due.is_empty() {
        return Ok(());
    }
    prompter.say("Now rate each answer against the reference, before the grader's report.");
    for (n, &i) in due.iter().enumerate() {
        let card = card(catalog, &progress.answers[i], &format!("{}/{}", n + 1, due.len())).expect("filtered");
        match prompter.rate(&card)? {
            Rated::Given(g) => {
                progress.answers[i].self_grade = Some(g);
                saver.save(progress, prompter);
            }
            Rated::Unrated => {}
            Rated::Interrupted => {
                prompter.say("Review stopped; the ratings given are kept.");
                break;
            }
        }
    }
    Ok(())
}

/// The rating screen's content for an answer; `None` when there is nothing
/// to rate (skipped, or a practice follow-up with no reference).
fn card(catalog: &Catalog, record: &AnswerRecord, number: &str) -> Option<Card> {
    if record.text.trim().is_empty() {
        return None;
    }
    let rubric = rubric_of(catalog, &record.id, record.follow_up.as_deref())?;
    Some(Card {
        number: number.to_string(),
        prompt: rubric.question.to_string(),
        answer: record.text.clone(),
        reference: rubric.reference.to_string(),
        points: rubric.key_points.iter().map(|k| k.point.clone()).collect(),
    })
}

/// Both grades, then where they disagree, after an instant rating.
fn side_by_side(own: &SelfAssessment, grader: f64) -> String {
    let mut text = format!("You: {} · grader: {grader:.1}", own.describe().trim_start_matches("you "));
    for d in &own.disagreements {
        text += &format!("\n  ≠ {d}");
    }
    text
}

/// Asks one question until it is answered or skipped, handling commands.
#[allow(clippy::too_many_arguments)]
fn ask(
    progress: &mut Progress,
    header: &Header,
    id: &str,
    follow_up: Option<String>,
    grader: &Grader,
    catalog: &Catalog,
    prompter: &mut dyn Prompter,
    clock: &dyn Clock,
    saver: &mut Saver<'_>,
) -> std::io::Result<Asked> {
    prompter.question(header);
    loop {
        if progress.plan.rounds.len() > 1 {
            let round = progress.plan.questions.get(progress.next).map_or(0, |q| q.round);
            prompter.round_clock(progress.plan.rounds.get(round).map(|r| RoundClock {
                label: format!("round {}/{}", round + 1, progress.plan.rounds.len()),
                spent: progress.round_ms,
                budget: u64::from(r.budget_seconds) * 1000,
            }));
        }
        let timing = Timing {
            question_spent: progress.draft_ms,
            question_budget: u64::from(header.budget_seconds) * 1000,
            total_spent: progress.elapsed_ms,
            total_budget: u64::from(progress.plan.budget_seconds) * 1000,
        };
        let started = clock.now();
        let input = prompter.read(timing, clock, &progress.draft.clone())?;
        let spent = ms(clock.now().saturating_sub(started));
        progress.draft_ms += spent;
        progress.elapsed_ms += spent;
        progress.round_ms += spent;
        let record = |text: String, p: &Progress| AnswerRecord {
            id: id.to_string(),
            text,
            seconds: (p.draft_ms / 1000) as u32,
            hints: p.draft_hints,
            follow_up: follow_up.clone(),
            self_grade: None,
        };
        match input {
            Input::Answer(text) => return Ok(Asked::Given(record(text, progress))),
            Input::Skip => return Ok(Asked::Given(record(String::new(), progress))),
            Input::Hint(draft) => {
                progress.draft = draft;
                let hint = rubric_of(catalog, id, follow_up.as_deref()).and_then(|r| {
                    let points = r.key_points;
                    let g = grader.grade(&grader.prepare(r), &progress.draft);
                    points
                        .iter()
                        .filter(|k| g.missed.contains(&k.point))
                        .max_by_key(|k| k.weight)
                        .map(|k| k.point.clone())
                });
                match hint {
                    Some(point) => {
                        progress.draft_hints += 1;
                        prompter.say(&format!("Hint: {point}  (hints cost {} points each)", crate::report::HINT_COST));
                    }
                    None if rubric_of(catalog, id, follow_up.as_deref()).is_none() => {
                        prompter.say("No hints here: this follow-up is practice, not graded.")
                    }
                    None => prompter.say("No hint left: your answer already covers every key point."),
                }
                saver.save(progress, prompter);
            }
            Input::Repeat(draft) => {
                progress.draft = draft;
                prompter.question(header);
            }
            Input::Help(draft) => {
                progress.draft = draft;
                prompter.say(prompter::HELP);
            }
            Input::Pause(draft) => {
                progress.draft = draft;
                saver.save(progress, prompter);
                prompter.pause()?;
            }
            Input::Save(path, draft) => {
                progress.draft = draft;
                let mut answers = progress.answers();
                if !progress.draft.trim().is_empty() && follow_up.is_none() {
                    answers.push(record(progress.draft.clone(), progress).to_answer(&progress.id));
                }
                let sheet = crate::sheet::AnswerSheet::filled(&progress.plan, crate::sheet::SheetHeader::default(), &answers);
                let target = std::path::Path::new(&path);
                // A placement's questions span levels: no interview replays
                // them, but each answer grades on its own.
                let grade_with = if progress.placement.is_some() {
                    "grill grade"
                } else {
                    "grill run --answers"
                };
                match crate::atomic::write_output(target, &sheet, crate::atomic::Existing::Keep) {
                    Ok(()) => prompter.say(&format!(
                        "Wrote {} to {path}; grade them any time with: {grade_with} {path}",
                        plural(answers.iter().filter(|a| !a.text.trim().is_empty()).count(), "answer")
                    )),
                    // `:save` never replaces a file: it may be another sheet, or
                    // not a file at all (`:save /dev/full`).
                    Err(crate::atomic::OutputError::Exists(_)) => prompter.say(&format!(
                        "{path} already exists and is left as it is; save under another name, e.g. :save {}",
                        crate::atomic::free_name(target).display()
                    )),
                    Err(e) => prompter.say(&format!("cannot save to {path}: {e:#}")),
                }
            }
            Input::Quit(draft) => {
                progress.draft = draft;
                saver.save(progress, prompter);
                return Ok(Asked::Left(Ending::Quit));
            }
            Input::Interrupted(draft) => {
                progress.draft = draft;
                saver.save(progress, prompter);
                return Ok(Asked::Left(Ending::Interrupted));
            }
        }
    }
}

/// The rounds of a plan of more than one, one a line, for the briefing.
fn rounds_list(plan: &crate::plan::Plan) -> String {
    if plan.rounds.len() < 2 {
        return String::new();
    }
    let mut out = format!("{} rounds:\n", plan.rounds.len());
    for (i, r) in plan.rounds.iter().enumerate() {
        let n = plan.questions.iter().filter(|q| q.round == i).count();
        out += &format!("  {}. {} — {}, {}\n", i + 1, r.title, plural(n, "question"), mmss(r.budget_seconds));
    }
    out + "\n"
}

/// What a candidate reads when round `round` ends: how much was answered,
/// in what time, the score so far when feedback is instant, and what
/// comes next.
fn round_summary(progress: &Progress, grader: &Grader, catalog: &Catalog, round: usize) -> String {
    let plan = &progress.plan;
    let r = &plan.rounds[round];
    let ids: Vec<&str> = plan.questions.iter().filter(|q| q.round == round).map(|q| q.id.as_str()).collect();
    let given = progress
        .answers
        .iter()
        .filter(|a| a.follow_up.is_none() && ids.contains(&a.id.as_str()));
    let answered = given.clone().filter(|a| !a.text.trim().is_empty()).count();
    let mut text = format!(
        "End of round {}/{}: {}. {} of {} answered, {} of {}.",
        round + 1,
        plan.rounds.len(),
        r.title,
        answered,
        plural(ids.len(), "question"),
        mmss((progress.round_ms / 1000) as u32),
        mmss(r.budget_seconds)
    );
    if progress.feedback == Feedback::Instant {
        let scores = given.map(|a| {
            rubric_of(catalog, &a.id, None)
                .filter(|_| !a.text.trim().is_empty())
                .map_or(0.0, |rubric| grader.grade(&grader.prepare(rubric), &a.text).score)
        });
        let mean = scores.sum::<f64>() / ids.len().max(1) as f64;
        text += &format!(" Round score {mean:.1}.");
    }
    if let Some(next) = plan.rounds.get(round + 1) {
        text += &format!(
            "\nNext: round {}/{}, {} ({}).",
            round + 2,
            plan.rounds.len(),
            next.title,
            mmss(next.budget_seconds)
        );
    }
    text + " The clock is stopped."
}

/// What an answer to question `id` is graded against: the question's own
/// rubric, or, for its follow-up `follow_up` (the prompt asked), the
/// follow-up's — `None` for a plain follow-up, which is ungraded practice.
fn rubric_of<'a>(catalog: &'a Catalog, id: &str, follow_up: Option<&str>) -> Option<Rubric<'a>> {
    let q = catalog.question(id)?;
    match follow_up {
        None => Some(Rubric::from(q)),
        Some(asked) => q.follow_ups.iter().find(|f| f.prompt == asked).and_then(Rubric::of_follow_up),
    }
}

fn ms(d: Duration) -> u64 {
    d.as_millis().min(u128::from(u64::MAX)) as u64
}

/// Calls the save function, telling the candidate once if saving fails.
struct Saver<'a> {
    save: &'a mut dyn FnMut(&Progress) -> anyhow::Result<()>,
    failed: bool,
}

impl Saver<'_> {
    fn save(&mut self, progress: &Progress, prompter: &mut dyn Prompter) {
        match (self.save)(progress) {
            Ok(()) if self.failed => {
                self.failed = false;
                prompter.say("Saving works again; your answers are on disk.");
            }
            Ok(()) => {}
            Err(e) if !self.failed => {
                self.failed = true;
                prompter.say(&format!(
                    "warning: cannot save progress: {e:#}\nYour answers are kept in memory and will be in the report; free space or fix permissions, or keep a copy elsewhere with :save PATH."
                ));
            }
            Err(_) => {}
        }
    }
}

#[cfg(test)]
mod placing_tests;
#[cfg(test)]
mod tests;
