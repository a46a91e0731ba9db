//! `grill drill`: the questions of a scenario your past scores say you
//! most need, scheduled by [`grill::drill`] — printed, or written as an
//! answer sheet that `grill run --answers` grades (and saves as a drill).

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;
use jiff::{SignedDuration, Timestamp};

use super::choose::choose;
use super::history::read_history;
use super::{DrillArgs, Out, PlanFlags};
use grill::drill::{Due, reviews, schedule};
use grill::history::{Kind, local_time};
use grill::layout::wrap;
use grill::layout::{mmss, plural};
use grill::plan::{self as planner};
use grill::sheet::{AnswerSheet, SheetHeader};

pub fn drill(dirs: &[PathBuf], args: &DrillArgs, out: &mut Out) -> anyhow::Result<ExitCode> {
    let (_, listing) = read_history()?;
    // By default, drill what you practised last.
    let scenario = args.scenario.clone().or_else(|| listing.last().map(|s| s.report.scenario.clone()));
    let level = args.level.or_else(|| {
        let like = |s: &&grill::history::SessionRecord| scenario.as_ref().is_none_or(|id| &s.report.scenario == id);
        listing.sessions.iter().rev().find(like).map(|s| s.report.level)
    });
    let flags = PlanFlags {
        scenario,
        level: level.map(super::place::LevelChoice::Fixed),
        count: None,
        minutes: None,
        seed: args.seed,
        fresh: true,
    };
    let chosen = choose(dirs, &flags, None)?;
    let (s, level) = (chosen.scenario(), chosen.level);
    if !s.offers(level) {
        let offered: Vec<String> = s.levels().map(|l| l.to_string()).collect();
        bail!("scenario `{}` has no {level} level (it offers: {})", s.id, offered.join(", "));
    }
    let mut seen = BTreeSet::new();
    let pool: Vec<&grill::bank::Question> = s
        .rounds
        .iter()
        .flat_map(|r| chosen.catalog.pool(&r.banks, level))
        .filter(|q| seen.insert(q.id.clone()))
        .collect();
    let ids: Vec<String> = pool
        .iter()
        .filter(|q| args.topic.as_ref().is_none_or(|t| &q.topic == t))
        .map(|q| q.id.clone())
        .collect();
    if ids.is_empty() {
        let topics: BTreeSet<&str> = pool.iter().map(|q| q.topic.as_str()).collect();
        bail!(
            "no {level} question of scenario `{}` has topic `{}`; its topics: {}",
            s.id,
            args.topic.as_deref().unwrap_or_default(),
            topics.into_iter().collect::<Vec<_>>().join(", ")
        );
    }
    let reviews = reviews(&listing.sessions);
    let last_asked = listing.last().and_then(|s| s.report.questions.last()).map(|q| q.id.as_str());
    let now = Timestamp::now();
    let due = schedule(&ids, &reviews, now, usize::from(args.count), chosen.options.seed, last_asked);
    let chosen_ids: Vec<String> = due.iter().map(|d| d.id.clone()).collect();
    let p = planner::drill(&chosen.catalog, s, level, &chosen_ids, chosen.options.seed)?;

    let Some(path) = &args.output else {
        let mut o = format!(
            "{} — {level} level · {} · budget {} · seed {}\n\n",
            p.title,
            plural(p.questions.len(), "question"),
            mmss(p.budget_seconds),
            p.seed
        );
        for (i, (q, d)) in p.questions.iter().zip(&due).enumerate() {
            let _ = writeln!(
                o,
                "{:>2}. {:<9} {}",
                i + 1,
                q.id,
                wrap(&q.prompt, 78, "              ").trim_start()
            );
            let _ = writeln!(o, "              {} · {}", q.topic, why(d, now));
        }
        let topic = args.topic.as_ref().map(|t| format!(" --topic {t}")).unwrap_or_default();
        let _ = writeln!(
            o,
            "\nSit it from an answer sheet:\n  grill drill {} --level {level} --count {}{topic} --seed {} -o drill.toml\n  grill run --answers drill.toml",
            s.id, args.count, p.seed
        );
        out.print(&o)?;
        return Ok(ExitCode::SUCCESS);
    };
    let header = SheetHeader {
        kind: Kind::Drill,
        minutes: None,
    };
    grill::atomic::write_output(
        path,
        &AnswerSheet::blank_with(&p, header),
        grill::atomic::Existing::from_force(args.force),
    )?;
    eprintln!(
        "Wrote a drill of {} questions to {}.\nFill it in, then: grill run --answers {}",
        p.questions.len(),
        path.display(),
        path.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Why a question is in the drill, in a few words.
fn why(d: &Due, now: Timestamp) -> String {
    let Some(card) = &d.card else {
        return "new: never answered".into();
    };
    let when = if d.due <= now {
        format!("due {}", ago(now.duration_since(d.due)))
    } else {
        format!("due in {}", span(d.due.duration_since(now)))
    };
    format!(
        "last {:.1} on {} ({}) · {when}",
        card.last_score,
        &local_time(card.last_seen)[..10],
        plural(card.reviews, "answer")
    )
}

fn ago(d: SignedDuration) -> String {
    if d < SignedDuration::from_mins(1) {
        "now".into()
    } else {
        format!("since {}", span(d))
    }
}

/// A duration as people say it: minutes, hours or days.
fn span(d: SignedDuration) -> String {
    let (value, unit) = match d.as_secs() {
        s if s < 3_600 => ((s / 60).max(1), "minute"),
        s if s < 86_400 => (s / 3_600, "hour"),
        s => (s / 86_400, "day"),
    };
    plural(value as usize, unit)
}
