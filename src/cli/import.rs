//! `grill import FILE...`: turning Q&A documents into a bank, printed,
//! previewed (`--dry-run`) or written (`-o`, never over a file without
//! `--force`, always atomically).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use clap::Args;
use clap::builder::PossibleValuesParser;

use super::{Out, load_catalog};
use grill::bank::{Bank, Level, TOPICS};
use grill::catalog::Catalog;
use grill::diagnostic::SourceFile;
use grill::import::{self, Import, Input, Options};
use grill::layout::plural;

/// How many questions `--dry-run` and the after-write note list.
const PREVIEW: usize = 5;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Documents to import: Markdown or text Q&A, CSV, TSV, or an Anki text export (`-`: standard input).
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Id of the new bank (default: from the output file's name, else the first input's).
    #[arg(long, value_name = "ID")]
    pub bank: Option<String>,
    /// Title of the new bank (default: the document's title).
    #[arg(long)]
    pub title: Option<String>,
    /// Give every question this level (default: from the document's tags and headings, else mid).
    #[arg(long, short)]
    pub level: Option<Level>,
    /// Give every question this topic (default: guessed from its words).
    #[arg(long, short, value_parser = PossibleValuesParser::new(TOPICS), hide_possible_values = true)]
    pub topic: Option<String>,
    /// Read the files in this format (default: detected for each file).
    #[arg(long, short, value_enum)]
    pub format: Option<ImportFormat>,
    /// Write the bank to FILE, e.g. banks/my-bank.toml (default: standard output).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE if it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
    /// Show what would be imported (counts by section and level, the first questions) and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn import(dirs: &[PathBuf], args: &ImportArgs, out: &mut Out) -> anyhow::Result<ExitCode> {
    let mut inputs = Vec::with_capacity(args.files.len());
    for path in &args.files {
        let name = if path.as_os_str() == "-" {
            "stdin".to_string()
        } else {
            path.display().to_string()
        };
        let bytes = grill::input::read_path_or_stdin(path)?;
        inputs.push(Input { name, bytes });
    }
    // `-o banks/ID.toml` names the bank, as the catalog's own files do.
    let from_output = args
        .output
        .as_ref()
        .and_then(|o| o.file_stem())
        .map(|s| import::slug(&s.to_string_lossy()));
    let options = Options {
        bank: args.bank.clone().or(from_output),
        title: args.title.clone(),
        level: args.level,
        topic: args.topic.clone(),
        format: args.format.map(Into::into),
    };
    let imported = import::import(&inputs, &options)?;
    let text = imported.to_toml();
    // A bank that does not read back would be a defect here, not the user's
    // mistake; refuse to write it rather than leave a broken file.
    Bank::parse(&SourceFile::new(format!("<import of {}>", imported.bank), text.as_str()))
        .map_err(anyhow::Error::new)
        .context("grill made a bank it cannot read back; please report this with the input file")?;
    check_bank_id(dirs, &imported, args.output.as_deref())?;
    if args.dry_run {
        let mut o = imported.summary(PREVIEW);
        if let Some(path) = &args.output {
            let exists = if path.exists() && !args.force {
                " (it exists: add --force to replace it)"
            } else {
                ""
            };
            o.push_str(&format!("\nwould write {}{exists}; nothing written (--dry-run)\n", path.display()));
        } else {
            o.push_str("\nnothing written (--dry-run)\n");
        }
        out.print(&o)?;
        return Ok(ExitCode::SUCCESS);
    }
    let Some(path) = &args.output else {
        out.print(&text)?;
        eprint!("{}", short_note(&imported));
        return Ok(ExitCode::SUCCESS);
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    grill::atomic::write_output(path, &text, grill::atomic::Existing::from_force(args.force))?;
    let mut o = imported.summary(PREVIEW);
    o.push_str(&format!(
        "\nwrote {}\nreview it, then: grill banks check {}\npractise with it: grill --banks {} banks list --bank {}\n",
        path.display(),
        path.display(),
        path.parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .display(),
        imported.bank
    ));
    out.print(&o)?;
    Ok(ExitCode::SUCCESS)
}

/// The one-line account printed to standard error when the bank itself
/// goes to standard output.
fn short_note(imported: &Import) -> String {
    let drafts = imported.questions.iter().filter(|q| q.question.draft).count();
    let left_out: usize = imported.files.iter().map(|f| f.skipped.len()).sum();
    format!(
        "imported {} into bank `{}` ({}, {} merged, {left_out} left out); see --dry-run for details\n",
        plural(imported.questions.len(), "question"),
        imported.bank,
        plural(drafts, "draft"),
        imported.merged
    )
}

/// A bank id already used by another bank would make the catalog refuse
/// both; say so now, naming a way out. The file being replaced does not
/// count. User banks that fail to load are left to `grill banks check`.
fn check_bank_id(dirs: &[PathBuf], imported: &Import, output: Option<&Path>) -> anyhow::Result<()> {
    let catalog = load_catalog(dirs, vec![]).or_else(|_| Catalog::embedded().map_err(anyhow::Error::new))?;
    let Some(existing) = catalog.bank(&imported.bank) else {
        return Ok(());
    };
    let replacing = output.is_some_and(|o| {
        let file = existing.origin.rsplitn(3, ':').nth(2).unwrap_or(&existing.origin);
        Path::new(file) == o
            || std::fs::canonicalize(file)
                .ok()
                .zip(std::fs::canonicalize(o).ok())
                .is_some_and(|(a, b)| a == b)
    });
    if replacing {
        return Ok(());
    }
    bail!(
        "a bank with id `{}` already exists ({}); choose another id with --bank",
        imported.bank,
        existing.origin
    )
}

/// The import formats as a flag's values: mirrors [`grill::import::Format`],
/// which knows nothing of the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFormat {
    /// `Q1: question` / `A: answer` blocks under section titles.
    Qa,
    /// Numbered or bulleted questions, answers indented under them (or none).
    List,
    /// Markdown headings that are questions, the text under them the answer.
    Headings,
    /// `<details><summary>question</summary>answer</details>` blocks.
    Details,
    /// Comma-separated values with a question and an answer column.
    Csv,
    /// Tab-separated values with a question and an answer column.
    Tsv,
    /// Anki's "Notes in Plain Text" export: front and back, tab-separated.
    Anki,
    /// Lines that ask a question, the lines after them the answer, no markers.
    Plain,
}

impl From<ImportFormat> for import::Format {
    fn from(f: ImportFormat) -> Self {
        match f {
            ImportFormat::Qa => import::Format::Qa,
            ImportFormat::List => import::Format::List,
            ImportFormat::Headings => import::Format::Headings,
            ImportFormat::Details => import::Format::Details,
            ImportFormat::Csv => import::Format::Csv,
            ImportFormat::Tsv => import::Format::Tsv,
            ImportFormat::Anki => import::Format::Anki,
            ImportFormat::Plain => import::Format::Plain,
        }
    }
}
