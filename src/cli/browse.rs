//! `grill banks ...` and `grill scenarios ...`: browsing and checking the
//! content grill asks from.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use serde_json::json;

use super::{BanksCommand, Out, PlanFormat, ScenariosCommand, load_catalog};
use grill::bank::{Level, Question, TOPICS};
use grill::catalog::Catalog;
use grill::layout::{mmss, pack, plural, width, wrap, wrap_hanging};

pub fn banks(dirs: &[PathBuf], command: BanksCommand, out: &mut Out) -> anyhow::Result<ExitCode> {
    match command {
        BanksCommand::Check { paths, strict } => check(dirs, paths, strict, out),
        BanksCommand::List {
            bank,
            level,
            topic,
            format,
        } => {
            let catalog = load_catalog(dirs, vec![])?;
            if let Some(b) = &bank {
                catalog.bank(b).with_context(|| format!("no bank `{b}`; see `grill banks stats`"))?;
            }
            if let Some(t) = topic.as_ref().filter(|t| !TOPICS.contains(&t.as_str())) {
                bail!("unknown topic `{t}`; topics: {}", TOPICS.join(", "));
            }
            let chosen: Vec<&Question> = catalog
                .questions()
                .filter(|q| {
                    bank.as_ref().is_none_or(|b| &q.bank == b)
                        && level.is_none_or(|l| q.level == l)
                        && topic.as_ref().is_none_or(|t| &q.topic == t)
                })
                .collect();
            match format {
                PlanFormat::Json => {
                    let list: Vec<_> = chosen.iter().map(|q| json!({"id": q.id, "bank": q.bank, "prompt": q.prompt, "level": q.level, "topic": q.topic, "difficulty": q.difficulty, "draft": q.draft})).collect();
                    out.print(&(serde_json::to_string_pretty(&list)? + "\n"))?;
                }
                PlanFormat::Text => {
                    let mut o = question_list(&chosen, out.columns());
                    let _ = writeln!(o, "{}", plural(chosen.len(), "question"));
                    out.print(&o)?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        BanksCommand::Show { id, format } => {
            let catalog = load_catalog(dirs, vec![])?;
            if let Some(q) = catalog.question(&id) {
                match format {
                    PlanFormat::Json => out.print(&(serde_json::to_string_pretty(q)? + "\n"))?,
                    PlanFormat::Text => out.page(&question_text(q))?,
                }
            } else if let Some(b) = catalog.bank(&id) {
                match format {
                    PlanFormat::Json => out.print(&(serde_json::to_string_pretty(b)? + "\n"))?,
                    PlanFormat::Text => {
                        let mut o = format!("{} — {}\n{}\n\n", b.id, b.title, wrap(&b.description, 78, ""));
                        for q in &b.questions {
                            let _ = writeln!(
                                o,
                                "{:<14} {:<6} {:<13} {}",
                                q.id,
                                q.level,
                                q.topic,
                                q.prompt.lines().next().unwrap_or("")
                            );
                        }
                        out.page(&o)?;
                    }
                }
            } else {
                bail!("no bank or question `{id}`; see `grill banks list`");
            }
            Ok(ExitCode::SUCCESS)
        }
        BanksCommand::Stats { format } => {
            let catalog = load_catalog(dirs, vec![])?;
            stats(&catalog, format, out)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// One question a row: id, level, topic, then the prompt's first line
/// wrapped beside them. When that leaves too little room (a narrow
/// terminal), the prompt goes under its id, indented. Ids stay whole.
fn question_list(questions: &[&Question], columns: usize) -> String {
    let id_width = questions.iter().map(|q| width(&q.id)).max().unwrap_or(0).max(14);
    let topic_width = questions.iter().map(|q| width(&q.topic)).max().unwrap_or(0).max(13);
    let beside = id_width + 1 + 6 + 1 + topic_width + 1;
    let mut o = String::new();
    for q in questions {
        let prompt = format!("{}{}", if q.draft { "[draft] " } else { "" }, q.prompt.lines().next().unwrap_or(""));
        if beside + 30 <= columns {
            let first = format!("{:<id_width$} {:<6} {:<topic_width$} ", q.id, q.level.as_str(), q.topic);
            let _ = writeln!(o, "{}", wrap_hanging(&prompt, columns, &first, &" ".repeat(beside)));
        } else {
            let _ = writeln!(o, "{}  {} · {}", q.id, q.level, q.topic);
            let _ = writeln!(o, "{}", wrap(&prompt, columns, "    "));
        }
    }
    o
}

fn question_text(q: &Question) -> String {
    let mut o = format!(
        "{} ({}, {} level, {}, difficulty {})\n\n{}\n",
        q.id,
        q.bank,
        q.level,
        q.topic,
        q.difficulty,
        wrap(&q.prompt, 78, "")
    );
    if let Some(s) = q.seconds {
        let _ = writeln!(o, "Suggested time: {}", mmss(s));
    }
    let _ = writeln!(o, "\nReference answer:\n{}", wrap(&q.reference, 78, "  "));
    let _ = writeln!(o, "\nKey points:");
    for k in &q.key_points {
        let alt = if k.alternatives.is_empty() {
            String::new()
        } else {
            format!(" (also: {})", k.alternatives.join("; "))
        };
        let about = k.subject.as_ref().map_or(String::new(), |s| format!(" (about {s})"));
        let _ = writeln!(o, "{}", wrap(&format!("[{}] {}{about}{alt}", k.weight, k.point), 78, "  "));
    }
    if let Some(ex) = &q.example {
        let _ = writeln!(
            o,
            "\nExample:\n{}",
            ex.trim_end().lines().map(|l| format!("  {l}")).collect::<Vec<_>>().join("\n")
        );
    }
    if !q.misconceptions.is_empty() {
        let _ = writeln!(o, "\nMisconceptions the grader checks:");
        for m in &q.misconceptions {
            let _ = writeln!(o, "{}", wrap(&format!("- \"{}\" — in fact: {}", m.claim, m.correction), 78, "  "));
        }
    }
    let follow_ups: Vec<String> = q
        .follow_ups
        .iter()
        .map(|f| match &f.id {
            Some(id) => format!("{} ({id}, graded)", f.prompt),
            None => f.prompt.clone(),
        })
        .collect();
    for (title, items) in [("Follow-ups", &follow_ups), ("Common mistakes", &q.mistakes)] {
        if !items.is_empty() {
            let _ = writeln!(o, "\n{title}:");
            for i in items {
                let _ = writeln!(o, "{}", wrap(&format!("- {i}"), 78, "  "));
            }
        }
    }
    o
}

fn check(dirs: &[PathBuf], paths: Vec<PathBuf>, strict: bool, out: &mut Out) -> anyhow::Result<ExitCode> {
    for p in &paths {
        if !p.exists() {
            bail!("{} does not exist", p.display());
        }
    }
    let catalog = load_catalog(dirs, paths)?;
    let drafts: Vec<&Question> = catalog.questions().filter(|q| q.draft).collect();
    let mut o = String::new();
    if strict {
        let findings = grill::catalog::strict::check(&catalog);
        let _ = writeln!(o, "{}", findings.summary());
        eprint!(
            "{}",
            findings.warnings.iter().map(|p| format!("warning: {p}\n")).collect::<String>()
        );
        if !findings.problems.is_empty() {
            eprint!("{}", findings.problems.iter().map(|p| format!("error: {p}\n")).collect::<String>());
            out.print(&o)?;
            return Ok(ExitCode::from(2));
        }
    }
    for q in &drafts {
        let _ = writeln!(o, "draft: {}: `{}` needs a reference answer and key points", q.origin, q.id);
    }
    let _ = writeln!(
        o,
        "ok: {} banks, {} questions ({} drafts), {} scenarios",
        catalog.banks.len(),
        catalog.questions().count(),
        drafts.len(),
        catalog.scenarios.len()
    );
    out.print(&o)?;
    // The process ends next: freeing a large catalog one string at a time
    // would add a tenth to checking 100,000 questions, for nothing.
    std::mem::forget(catalog);
    Ok(ExitCode::SUCCESS)
}

fn stats(catalog: &Catalog, format: PlanFormat, out: &mut Out) -> anyhow::Result<()> {
    let mut by_bank: BTreeMap<&str, BTreeMap<Level, usize>> = BTreeMap::new();
    let mut by_topic: BTreeMap<&str, BTreeMap<Level, usize>> = BTreeMap::new();
    for q in catalog.questions() {
        *by_bank.entry(&q.bank).or_default().entry(q.level).or_default() += 1;
        *by_topic.entry(&q.topic).or_default().entry(q.level).or_default() += 1;
    }
    let total = catalog.questions().count();
    if format == PlanFormat::Json {
        out.print(&(serde_json::to_string_pretty(&json!({"questions": total, "banks": by_bank, "topics": by_topic}))? + "\n"))?;
        return Ok(());
    }
    let mut o = String::new();
    for (title, table) in [("bank", &by_bank), ("topic", &by_topic)] {
        let _ = writeln!(o, "{:<16} {:>6} {:>6} {:>6} {:>6}", title, "junior", "mid", "senior", "total");
        for (name, levels) in table {
            let n = |l| levels.get(&l).copied().unwrap_or(0);
            let _ = writeln!(
                o,
                "{:<16} {:>6} {:>6} {:>6} {:>6}",
                name,
                n(Level::Junior),
                n(Level::Mid),
                n(Level::Senior),
                levels.values().sum::<usize>()
            );
        }
        let _ = writeln!(o);
    }
    let _ = writeln!(o, "{total} questions in {} banks", catalog.banks.len());
    out.print(&o)?;
    Ok(())
}

pub fn scenarios(dirs: &[PathBuf], command: ScenariosCommand, out: &mut Out) -> anyhow::Result<ExitCode> {
    let catalog = load_catalog(dirs, vec![])?;
    match command {
        ScenariosCommand::List => {
            let columns = out.columns();
            let mut o = String::new();
            for s in &catalog.scenarios {
                let levels: Vec<String> = s
                    .levels()
                    .map(|l| format!("{l} {}q/{}", s.size(l).questions, mmss(s.size(l).seconds)))
                    .collect();
                let head = format!("{:<16} ", s.id);
                let _ = writeln!(o, "{}", wrap_hanging(&s.title, columns, &head, &" ".repeat(17)));
                let _ = writeln!(o, "{}", pack(&levels, " · ", columns, &" ".repeat(17), &" ".repeat(17)));
            }
            out.print(&o)?;
        }
        ScenariosCommand::Show { id, format } => {
            let s = catalog
                .scenario(&id)
                .with_context(|| format!("no scenario `{id}`; see `grill scenarios list`"))?;
            if format == PlanFormat::Json {
                out.print(&(serde_json::to_string_pretty(s)? + "\n"))?;
                return Ok(ExitCode::SUCCESS);
            }
            let mut o = format!("{} — {}\n\n{}\n", s.id, s.title, wrap(&s.briefing, 78, ""));
            for (i, r) in s.rounds.iter().enumerate() {
                let _ = writeln!(
                    o,
                    "\nRound {}: {} (banks: {}; {} per question unless a question says)",
                    i + 1,
                    r.title,
                    r.banks.join(", "),
                    mmss(r.seconds_per_question)
                );
                for (level, size) in &r.sizes {
                    let _ = writeln!(o, "  {level:<7} {} questions in {}", size.questions, mmss(size.seconds));
                }
            }
            let marks: Vec<String> = s.pass_marks.iter().map(|(l, m)| format!("{l} {m}")).collect();
            let _ = writeln!(o, "\nPass marks: {}", marks.join(", "));
            out.print(&o)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
