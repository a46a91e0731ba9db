//! `grill grade`: self-grading outside an interview — one answer to a bank
//! question, a whole answer sheet, or a batch of JSON lines.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, bail};

use super::{GradeArgs, GradeFormat, Out, load_catalog};
use grill::batch::{Outcome, grade_lines};
use grill::catalog::Catalog;
use grill::diagnostic::SourceFile;
use grill::export::Colour;
use grill::export::text::explain;
use grill::grade::{Grade, Rubric};
use grill::sheet::AnswerSheet;

pub fn grade(dirs: &[PathBuf], args: &GradeArgs, out: &mut Out) -> anyhow::Result<ExitCode> {
    let catalog = load_catalog(dirs, vec![])?;
    match (&args.batch, &args.sheet, &args.id) {
        (Some(batch), None, None) => grade_batch(&catalog, batch, args.format.unwrap_or(GradeFormat::Jsonl), out),
        (None, Some(sheet), None) => grade_sheet(&catalog, sheet, args.format.unwrap_or(GradeFormat::Text), out),
        (None, None, Some(id)) => {
            let q = catalog
                .question(id)
                .with_context(|| format!("no bank question `{id}`; see `grill banks list`"))?;
            let answer = match &args.answer {
                Some(a) => a.clone(),
                None => read_stdin().context("cannot read the answer from standard input")?,
            };
            let grader = catalog.grader();
            let g = grader.grade(&grader.prepare(Rubric::from(q)), &answer);
            let text = match args.format.unwrap_or(GradeFormat::Text) {
                GradeFormat::Text => grade_text(id, &g, out.colour()),
                GradeFormat::Json | GradeFormat::Jsonl => serde_json::to_string(&g)? + "\n",
            };
            out.print(&text)?;
            Ok(ExitCode::SUCCESS)
        }
        _ => bail!("say what to grade: `--id QID [--answer TEXT]`, an answer sheet `grill grade SHEET.toml`, or `--batch FILE.jsonl`"),
    }
}

fn read_stdin() -> anyhow::Result<String> {
    let bytes = grill::input::read_stdin()?;
    String::from_utf8(bytes).map_err(|_| anyhow::anyhow!("the answer on standard input is not valid UTF-8 text"))
}

fn grade_text(id: &str, g: &Grade, colour: Colour) -> String {
    format!(
        "{id}: {:.1} / 100 ({})\n{}",
        g.score,
        g.verdict.label(g.borderline),
        explain(&g.details, &g.misconceptions, &g.notes, 78, "  ", colour)
    )
}

fn grade_sheet(catalog: &Catalog, path: &std::path::Path, format: GradeFormat, out: &mut Out) -> anyhow::Result<ExitCode> {
    let src = SourceFile::read(path).map_err(|d| anyhow::anyhow!("{d}"))?;
    let sheet = AnswerSheet::parse(&src)
        .map_err(anyhow::Error::new)
        .context("cannot read the answer sheet")?;
    let grader = catalog.grader();
    let mut text = String::new();
    let mut unknown = 0;
    for a in &sheet.answers {
        let Some(q) = catalog.question(&a.id) else {
            eprintln!("warning: {}: no bank question `{}`", a.origin, a.id);
            unknown += 1;
            continue;
        };
        if a.text.trim().is_empty() {
            continue;
        }
        let g = grader.grade(&grader.prepare(Rubric::from(q)), &a.text);
        match format {
            GradeFormat::Text => text += &grade_text(&a.id, &g, out.colour()),
            GradeFormat::Json | GradeFormat::Jsonl => {
                let mut v = serde_json::to_value(&g)?;
                v["id"] = serde_json::Value::from(a.id.clone());
                text += &(serde_json::to_string(&v)? + "\n");
            }
        }
    }
    out.print(&text)?;
    Ok(if unknown > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

fn grade_batch(catalog: &Catalog, path: &std::path::Path, format: GradeFormat, out: &mut Out) -> anyhow::Result<ExitCode> {
    let input = if path.as_os_str() == "-" {
        read_stdin().context("cannot read the batch from standard input")?
    } else {
        SourceFile::read(path).map_err(|d| anyhow::anyhow!("{d}"))?.text
    };
    let outcomes = grade_lines(catalog, &input);
    let failed = outcomes.iter().filter(|o| matches!(o, Outcome::Failed { .. })).count();
    let mut text = String::with_capacity(outcomes.len() * 120);
    for o in &outcomes {
        match (format, o) {
            (GradeFormat::Text, Outcome::Graded { line, grade, .. }) => text += &grade_text(&format!("line {line}"), grade, out.colour()),
            (GradeFormat::Text, Outcome::Failed { line, error }) => text += &format!("line {line}: error: {error}\n"),
            _ => text += &(serde_json::to_string(o)? + "\n"),
        }
    }
    out.print(&text)?;
    if failed > 0 {
        eprintln!("{failed} of {} lines could not be graded (see their `error`)", outcomes.len());
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::SUCCESS)
}
