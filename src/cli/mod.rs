//! The command line: parses arguments (clap), loads the catalog and hands
//! each command to the library. The only module that knows clap; commands
//! print through [`Out`], which treats a closed pipe as a normal end.

mod browse;
mod choose;
mod drill;
mod grade;
mod history;
mod import;
mod interview;
mod live;
mod out;
mod pager;
mod place;
mod report;
mod review;
mod settings;
pub mod shell;

use std::ffi::OsString;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Args, Parser, Subcommand};

use grill::bank::Level;
use grill::catalog::{Catalog, Sources};
use grill::diagnostic::Diagnostics;
pub use out::Out;

/// A mock-interview simulator for DevOps, DevSecOps, CloudOps, MLOps, AIOps
/// and Kubeflow interviews.
#[derive(Debug, Parser)]
#[command(name = "grill", version, about, propagate_version = true, max_term_width = 100)]
pub struct Cli {
    /// Add the banks in DIR (*.toml, aliases.toml, scenarios/*.toml) to the built-in ones.
    #[arg(long = "banks", value_name = "DIR", global = true, env = "GRILL_BANKS", value_delimiter = ':')]
    pub banks: Vec<PathBuf>,
    /// Do not use colour (also: NO_COLOR=1, or color = "never" in config.toml).
    #[arg(long, global = true)]
    pub no_color: bool,
    /// Print long output straight to the terminal instead of a pager.
    #[arg(long, global = true)]
    pub no_pager: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the questions an interview would ask, without starting it.
    #[command(
        after_help = "Examples:\n  grill plan kubeflow-ops --level mid --seed 1\n  grill plan devops -l senior -n 5 -m 15\n  grill plan mlops --format json | jq '.questions[].id'"
    )]
    Plan(PlanArgs),
    /// Write a blank answer sheet for a plan, to fill in an editor.
    #[command(
        after_help = "Examples:\n  grill sheet kubeflow-ops -l junior -o answers.toml\n  grill sheet devsecops -l mid -n 4 --seed 7 > sheet.toml"
    )]
    Sheet(SheetArgs),
    /// Sit an interview: live in the terminal, or grade the answers in a sheet.
    #[command(
        after_help = "Examples:\n  grill run kubeflow-ops --level mid            # live, with a countdown\n  grill run --answers answers.toml --export report.html\n  grill run mlops-loop -l senior --feedback instant"
    )]
    Run(RunArgs),
    /// Find your level: an adaptive interview that places you at junior, mid or senior.
    #[command(
        after_help = "Examples:\n  grill place                   # the KubeFlow Ops ladder\n  grill place devops --self-grade\n  grill run mlops --level auto   # the same, with run's flags"
    )]
    Place(place::PlaceArgs),
    /// Continue an interview that was quit or interrupted.
    #[command(
        after_help = "Examples:\n  grill resume                  # the most recent unfinished interview\n  grill resume --list\n  grill resume 20261205-0930"
    )]
    Resume(ResumeArgs),
    /// Grade answers outside an interview: one answer, a sheet, or a batch.
    #[command(
        after_help = "Examples:\n  grill grade --id kfo-j07 --answer 'Liveness restarts the container; readiness gates traffic.'\n  grill grade answers.toml\n  grill grade --batch answers.jsonl > grades.jsonl"
    )]
    Grade(GradeArgs),
    /// Browse and check question banks.
    #[command(
        subcommand,
        after_help = "Examples:\n  grill banks list --bank kubeflow-ops -l junior\n  grill banks show kfo-j07\n  grill banks check ~/my-banks --strict"
    )]
    Banks(BanksCommand),
    /// Browse interview scenarios.
    #[command(subcommand, after_help = "Examples:\n  grill scenarios list\n  grill scenarios show mlops-loop")]
    Scenarios(ScenariosCommand),
    /// List past sessions; delete, export or import them.
    #[command(
        after_help = "Examples:\n  grill history\n  grill history --scenario devops --level mid\n  grill history export all.json && grill history import all.json"
    )]
    History(HistoryArgs),
    /// Show or export the report of a past session (Markdown, JSON, HTML).
    #[command(
        after_help = "Examples:\n  grill report                  # the last session\n  grill report last -o report.html\n  grill report 20261205 --format json"
    )]
    Report(ReportArgs),
    /// Rate your answers of a finished session yourself, beside the grader.
    #[command(
        after_help = "Examples:\n  grill review                  # the last session\n  grill review 20261205-0930\n  grill report last             # both grades, and where they disagree"
    )]
    Review(review::ReviewArgs),
    /// Your scores over time, per interview and per topic, and your weakest topics.
    #[command(after_help = "Examples:\n  grill progress\n  grill progress --scenario kubeflow-ops --level mid\n  grill progress --json")]
    Progress(ProgressArgs),
    /// Practise the questions your past scores say you most need (spaced repetition).
    #[command(
        after_help = "Examples:\n  grill drill                   # 5 questions from your last interview\n  grill drill kubeflow-ops -l mid -t security -n 3\n  grill drill -o drill.toml && grill run --answers drill.toml"
    )]
    Drill(DrillArgs),
    /// Turn Q&A documents (Markdown, text, CSV, TSV, Anki export) into a question bank.
    #[command(
        after_help = "Examples:\n  grill import questions.md --dry-run\n  grill import notes.md --bank my-notes -o ~/.config/grill/banks/my-notes.toml\n  grill import deck.txt --format anki --level junior"
    )]
    Import(import::ImportArgs),
    /// Show the settings in effect and where each comes from (config.toml, environment).
    #[command(
        after_help = "Examples:\n  grill config\n  printf 'scenario = \"devops\"\\nlevel = \"mid\"\\n' > ~/.config/grill/config.toml"
    )]
    Config,
    /// Print the script that gives your shell tab completion for grill.
    #[command(
        after_help = "Examples:\n  echo 'source <(grill completions bash)' >> ~/.bashrc\n  echo 'source <(grill completions zsh)' >> ~/.zshrc\n  grill completions fish > ~/.config/fish/completions/grill.fish"
    )]
    Completions {
        /// The shell: bash, zsh, fish, powershell or elvish.
        #[arg(value_parser = clap::builder::PossibleValuesParser::new(shell::SHELLS))]
        shell: String,
    },
    /// Print grill's manual page (roff), e.g. `grill man > grill.1`.
    #[command(after_help = "Examples:\n  grill man | man -l -\n  grill man > ~/.local/share/man/man1/grill.1")]
    Man,
}

/// Choosing an interview: the flags `plan`, `sheet` and `run` share.
#[derive(Debug, Args, Clone)]
pub struct PlanFlags {
    /// Scenario id (see `grill scenarios list`) or a path to a scenario file.
    #[arg(env = "GRILL_SCENARIO", add = shell::scenario_ids())]
    pub scenario: Option<String>,
    /// Level to sit: junior, mid or senior (`run` also takes `auto`: a placement).
    #[arg(long, short, env = "GRILL_LEVEL", add = shell::levels())]
    pub level: Option<place::LevelChoice>,
    /// Number of questions (default: the scenario's).
    #[arg(long, short = 'n', env = "GRILL_COUNT")]
    pub count: Option<usize>,
    /// Total time budget in minutes (default: the scenario's).
    #[arg(long, short, env = "GRILL_MINUTES", value_parser = clap::value_parser!(u32).range(1..=1440))]
    pub minutes: Option<u32>,
    /// Seed for a reproducible plan (default: random, and printed).
    #[arg(long, short, value_parser = clap::value_parser!(u64).range(..=grill::plan::MAX_SEED))]
    pub seed: Option<u64>,
    /// Ignore history: do not prefer questions you were not asked recently
    /// (the same seed then gives the same plan on any machine).
    #[arg(long)]
    pub fresh: bool,
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    #[command(flatten)]
    pub plan: PlanFlags,
    #[arg(long, short, value_enum, default_value = "text")]
    pub format: PlanFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PlanFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct SheetArgs {
    #[command(flatten)]
    pub plan: PlanFlags,
    /// Write the sheet to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE if it exists (it may hold answers).
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    #[command(flatten)]
    pub plan: PlanFlags,
    /// Take the answers from this sheet (TOML, as written by `grill sheet`).
    #[arg(long, short, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// How to print the report.
    #[arg(long, short, value_enum, default_value = "text")]
    pub format: ReportFormat,
    /// Also write the report to FILE (format from its extension: .html, .md, .json, .txt).
    #[arg(long, value_name = "FILE")]
    pub export: Option<PathBuf>,
    /// Live: show the score and missed points after each answer (`instant`) or only at the end.
    #[arg(long, value_enum, env = "GRILL_FEEDBACK")]
    pub feedback: Option<FeedbackArg>,
    /// Live: print time as text lines instead of a redrawn bar (screen readers, logs).
    #[arg(long)]
    pub plain: bool,
    /// Live: rate each answer against the reference before the grader's
    /// findings are shown (after each answer with `--feedback instant`,
    /// all at the end otherwise).
    #[arg(long)]
    pub self_grade: bool,
    /// With --answers: rate your answers in the terminal after grading,
    /// before the report (as `grill review` does).
    #[arg(long, requires = "answers", conflicts_with = "no_save")]
    pub review: bool,
    /// Do not save the session to history.
    #[arg(long)]
    pub no_save: bool,
}

/// The report formats as a flag's values: mirrors [`grill::export::Format`],
/// which knows nothing of the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// For reading in a terminal.
    Text,
    /// For programs: the fields are documented in README.md.
    Json,
    /// For notes and code-hosting sites.
    Md,
    /// One self-contained page with charts, to open offline or print.
    Html,
}

impl From<ReportFormat> for grill::export::Format {
    fn from(f: ReportFormat) -> Self {
        match f {
            ReportFormat::Text => grill::export::Format::Text,
            ReportFormat::Json => grill::export::Format::Json,
            ReportFormat::Md => grill::export::Format::Md,
            ReportFormat::Html => grill::export::Format::Html,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FeedbackArg {
    Instant,
    End,
}

impl From<grill::session::Feedback> for FeedbackArg {
    fn from(f: grill::session::Feedback) -> Self {
        match f {
            grill::session::Feedback::Instant => FeedbackArg::Instant,
            grill::session::Feedback::End => FeedbackArg::End,
        }
    }
}

impl From<FeedbackArg> for grill::session::Feedback {
    fn from(f: FeedbackArg) -> Self {
        match f {
            FeedbackArg::Instant => grill::session::Feedback::Instant,
            FeedbackArg::End => grill::session::Feedback::End,
        }
    }
}

#[derive(Debug, Args)]
pub struct ResumeArgs {
    /// The session to continue (default: the most recent unfinished one).
    pub id: Option<String>,
    /// List unfinished interviews instead.
    #[arg(long)]
    pub list: bool,
    /// Print time as text lines instead of a redrawn bar.
    #[arg(long)]
    pub plain: bool,
    /// Also write the report to FILE at the end.
    #[arg(long, value_name = "FILE")]
    pub export: Option<PathBuf>,
    /// Do not save the session to history.
    #[arg(long)]
    pub no_save: bool,
}

/// Which sessions to look at.
#[derive(Debug, Args, Clone, Default)]
pub struct SessionFilter {
    /// Only sessions of this scenario.
    #[arg(long)]
    pub scenario: Option<String>,
    /// Only sessions at this level.
    #[arg(long, short)]
    pub level: Option<Level>,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct HistoryArgs {
    #[command(subcommand)]
    pub command: Option<HistoryCommand>,
    #[command(flatten)]
    pub filter: SessionFilter,
    /// Print the list as JSON, for programs.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum HistoryCommand {
    /// Delete a session from history.
    #[command(after_help = "Examples:\n  grill history delete last\n  grill history delete 20261205-0930")]
    Delete {
        /// The session's id (or the start of it) from `grill history`, or `last`.
        #[arg(add = shell::session_ids())]
        id: String,
    },
    /// Write every session to FILE (`-`: standard output), to import elsewhere.
    #[command(after_help = "Examples:\n  grill history export sessions.json\n  grill history export - | gzip > sessions.json.gz")]
    Export {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Replace FILE if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Merge the sessions in FILE (an export, or one session file; `-`: standard input).
    #[command(after_help = "Examples:\n  grill history import sessions.json\n  gunzip -c sessions.json.gz | grill history import -")]
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The session's id (or the start of it) from `grill history`, or `last`.
    #[arg(default_value = "last", add = shell::session_ids())]
    pub id: String,
    /// Format (default: from the extension of -o FILE, else text).
    #[arg(long, short, value_enum)]
    pub format: Option<ReportFormat>,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE if it is a regular file that exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ProgressArgs {
    #[command(flatten)]
    pub filter: SessionFilter,
    /// Print JSON, for programs.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct DrillArgs {
    /// Scenario whose questions to drill (default: that of your last session).
    #[arg(add = shell::scenario_ids())]
    pub scenario: Option<String>,
    /// Level to drill (default: that of your last session of the scenario).
    #[arg(long, short)]
    pub level: Option<Level>,
    /// Number of questions.
    #[arg(long, short = 'n', default_value_t = 5, value_parser = clap::value_parser!(u16).range(1..=200))]
    pub count: u16,
    /// Only questions of this topic.
    #[arg(long, short)]
    pub topic: Option<String>,
    /// Seed for the order of questions never seen (default: random, and printed).
    #[arg(long, short, value_parser = clap::value_parser!(u64).range(..=grill::plan::MAX_SEED))]
    pub seed: Option<u64>,
    /// Write the drill's answer sheet to FILE; grade it with `grill run --answers FILE`.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE if it exists (it may hold answers).
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct GradeArgs {
    /// An answer sheet to grade, each answer against its bank question.
    #[arg(value_name = "SHEET", conflicts_with_all = ["id", "batch"])]
    pub sheet: Option<PathBuf>,
    /// The bank question to grade an answer against.
    #[arg(long, conflicts_with = "batch", add = shell::question_ids())]
    pub id: Option<String>,
    /// The answer (default: read from standard input).
    #[arg(long, requires = "id")]
    pub answer: Option<String>,
    /// Grade JSON lines: {"id", "answer"} or {"reference", "answer", "key_points"?, "question"?}; `-` reads standard input.
    #[arg(long, value_name = "FILE")]
    pub batch: Option<PathBuf>,
    /// Output: text, json, or jsonl (one object per line; the batch default).
    #[arg(long, short, value_enum)]
    pub format: Option<GradeFormat>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GradeFormat {
    Text,
    Json,
    Jsonl,
}

#[derive(Debug, Subcommand)]
pub enum BanksCommand {
    /// Validate bank, alias and scenario files; exit 2 on any problem.
    #[command(after_help = "Examples:\n  grill banks check\n  grill banks check my-bank.toml\n  grill banks check --strict")]
    Check {
        /// Files or directories to check with the built-in content (default: only the built-in).
        paths: Vec<PathBuf>,
        /// Also require 3+ key points, distinct references, and that each
        /// reference scores highest on its own question.
        #[arg(long)]
        strict: bool,
    },
    /// List questions.
    #[command(after_help = "Examples:\n  grill banks list -l senior -t security\n  grill banks list --bank devops --format json")]
    List {
        #[arg(long)]
        bank: Option<String>,
        #[arg(long, short)]
        level: Option<Level>,
        #[arg(long, short)]
        topic: Option<String>,
        #[arg(long, short, value_enum, default_value = "text")]
        format: PlanFormat,
    },
    /// Show a bank or a question.
    #[command(after_help = "Examples:\n  grill banks show kfo-j07\n  grill banks show kubeflow-ops")]
    Show {
        #[arg(add = shell::question_ids())]
        id: String,
        #[arg(long, short, value_enum, default_value = "text")]
        format: PlanFormat,
    },
    /// Count questions by bank, level and topic.
    #[command(after_help = "Examples:\n  grill banks stats\n  grill banks stats --format json")]
    Stats {
        #[arg(long, short, value_enum, default_value = "text")]
        format: PlanFormat,
    },
}

#[derive(Debug, Subcommand)]
pub enum ScenariosCommand {
    /// List scenarios with their levels and sizes.
    #[command(after_help = "Examples:\n  grill scenarios list")]
    List,
    /// Show a scenario: briefing, rounds, budgets and pass marks.
    #[command(after_help = "Examples:\n  grill scenarios show kubeflow-ops\n  grill scenarios show mlops-loop --format json")]
    Show {
        #[arg(add = shell::scenario_ids())]
        id: String,
        #[arg(long, short, value_enum, default_value = "text")]
        format: PlanFormat,
    },
}

/// Runs grill with `args` (including the program name).
pub fn run(args: impl IntoIterator<Item = OsString>) -> anyhow::Result<ExitCode> {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return Ok(ExitCode::from(if e.use_stderr() { 2 } else { 0 }));
        }
    };
    let settings = settings::Settings::load()?;
    let mut cli = cli;
    settings.apply(&mut cli);
    if !settings.colour_allowed(cli.no_color) {
        console::set_colors_enabled(false);
        console::set_colors_enabled_stderr(false);
    }
    let mut out = Out::new();
    out.pager = settings.pager(cli.no_pager);
    match cli.command {
        None => live::menu(&cli.banks, &mut out),
        Some(Command::Plan(a)) => interview::plan(&cli.banks, &a, &mut out),
        Some(Command::Sheet(a)) => interview::sheet(&cli.banks, &a, &mut out),
        Some(Command::Run(a)) => interview::run(&cli.banks, &a, &mut out),
        Some(Command::Place(a)) => place::place(&cli.banks, &a, &mut out),
        Some(Command::Resume(a)) => live::resume(&cli.banks, &a, &mut out),
        Some(Command::Grade(a)) => grade::grade(&cli.banks, &a, &mut out),
        Some(Command::Banks(c)) => browse::banks(&cli.banks, c, &mut out),
        Some(Command::Scenarios(c)) => browse::scenarios(&cli.banks, c, &mut out),
        Some(Command::History(a)) => history::history(&a, &mut out),
        Some(Command::Report(a)) => report::report(&a, &mut out),
        Some(Command::Review(a)) => review::review(&cli.banks, &a, &mut out),
        Some(Command::Progress(a)) => history::progress(&a, &mut out),
        Some(Command::Drill(a)) => drill::drill(&cli.banks, &a, &mut out),
        Some(Command::Import(a)) => import::import(&cli.banks, &a, &mut out),
        Some(Command::Config) => settings::show(&settings, &mut out),
        Some(Command::Completions { shell }) => shell::completions(&shell, &mut out),
        Some(Command::Man) => shell::man(&mut out),
    }
}

/// Loads the built-in content, the user's config directory and `--banks`.
pub(crate) fn load_catalog(dirs: &[PathBuf], files: Vec<PathBuf>) -> anyhow::Result<Catalog> {
    let mut sources = Sources::embedded();
    if let Some(config) = grill::paths::config_dir() {
        let banks = config.join("banks");
        if banks.is_dir() {
            sources.dirs.push(banks);
        }
    }
    sources.dirs.extend(dirs.iter().cloned());
    sources.files = files;
    Catalog::load(&sources)
        .map_err(anyhow::Error::new)
        .context("the question banks have problems")
}

/// Prints an error for a person — the whole chain, no backtrace — and
/// picks the exit code. A closed output pipe is not an error.
pub fn report_error(err: &anyhow::Error) -> ExitCode {
    if err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    }) {
        return ExitCode::SUCCESS;
    }
    let mut msg = String::new();
    for (i, cause) in err.chain().enumerate() {
        if cause.downcast_ref::<Diagnostics>().is_some() {
            msg.push_str(&format!("\n{cause}"));
        } else if i == 0 {
            msg.push_str(&format!("error: {cause}"));
        } else {
            msg.push_str(&format!(": {cause}"));
        }
    }
    // An error may quote a file (a TOML snippet, a name): show its control
    // characters rather than send them. A closed stderr is not a panic.
    let _ = writeln!(io::stderr(), "{}", grill::escape::terminal(msg.trim_start(), false));
    ExitCode::from(2)
}
