//! What a user waits for, measured as a user meets it: the release binary,
//! whole process, in a clean environment. Prints each figure beside its
//! target; the README's "Performance" section quotes them.
//!
//!     cargo bench --bench load                # start-up, 100,000 questions, grading one answer
//!     cargo bench --bench load -- --million   # also 1,000,000 questions (writes ~1.1 GB to a temp dir)
//!
//! (`GRILL_BENCH_MILLION=1` does the same as `--million`.) Every command
//! runs under this binary re-executed as a one-child wrapper, which times
//! it from spawn to exit and reads its peak resident memory (its VmHWM)
//! from `getrusage(RUSAGE_CHILDREN)`: exact, where sampling `/proc` could
//! miss a peak just before exit.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use grill::bank::synthetic;
use nix::sys::resource::{UsageWho, getrusage};
use nix::sys::time::TimeVal;

/// First argument of the wrapper mode.
const MEASURE: &str = "--measure-child";

const ANSWER: &str = "A dead-letter queue is an ordinary SQS queue that receives messages the consumer failed to \
                      process after maxReceiveCount receives, set by a redrive policy. It isolates poison messages so \
                      the main queue keeps flowing; alarm on DLQ depth and redrive the messages after fixing the bug.";

/// One run of a command: wall time from spawn to exit, processor time
/// (user and system: steadier than wall time on a busy machine), peak
/// memory.
struct Run {
    elapsed: Duration,
    cpu: Duration,
    peak_kb: u64,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some(MEASURE) {
        return measure(&args[1..]);
    }
    let million = args.iter().any(|a| a == "--million") || std::env::var_os("GRILL_BENCH_MILLION").is_some_and(|v| v != "0");
    match bench(million) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn bench(million: bool) -> Result<(), String> {
    let home = tempfile::tempdir().map_err(|e| format!("cannot make a temporary directory: {e}"))?;
    let bench = Bench {
        grill: PathBuf::from(env!("CARGO_BIN_EXE_grill")),
        home: home.path().to_path_buf(),
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("grill benchmarks: release binary, whole process, {cores} cores\n");

    let runs = bench.series(30, &["plan", "kubeflow-ops", "--level", "mid", "--seed", "1"])?;
    report(
        "start-up",
        "grill plan kubeflow-ops --level mid --seed 1",
        &runs,
        Some(Duration::from_millis(10)),
    );

    let runs = bench.series(30, &["grade", "--id", "kfo-m03", "--answer", ANSWER])?;
    report(
        "grade",
        "grill grade --id kfo-m03 --answer '...' (one answer, 50 words)",
        &runs,
        None,
    );

    bench.load(100_000, 5, Some(Duration::from_secs(1)))?;
    if million {
        bench.load(1_000_000, 3, None)?;
    } else {
        println!("load       1,000,000 questions: skipped (add `-- --million`; writes ~1.1 GB)\n");
    }
    Ok(())
}

/// Where the binary is and the clean home each run gets.
struct Bench {
    grill: PathBuf,
    home: PathBuf,
}

impl Bench {
    /// Runs `grill ARGS` once to warm caches, then `n` times measured.
    fn series(&self, n: usize, args: &[&str]) -> Result<Vec<Run>, String> {
        self.run(args)?;
        (0..n).map(|_| self.run(args)).collect()
    }

    /// One measured run, through the wrapper, with no user configuration,
    /// data or colour in the way.
    fn run(&self, args: &[&str]) -> Result<Run, String> {
        let me = std::env::current_exe().map_err(|e| format!("cannot find this benchmark's binary: {e}"))?;
        let output = Command::new(me)
            .arg(MEASURE)
            .arg(&self.grill)
            .args(args)
            .env_clear()
            .env("HOME", &self.home)
            .env("GRILL_CONFIG_DIR", self.home.join("config"))
            .env("GRILL_HOME", self.home.join("data"))
            .env("NO_COLOR", "1")
            .stderr(Stdio::inherit())
            .output()
            .map_err(|e| format!("cannot run the measuring wrapper: {e}"))?;
        let text = String::from_utf8_lossy(&output.stdout);
        let fields: Vec<u64> = text.split_whitespace().filter_map(|f| f.parse().ok()).collect();
        match (output.status.success(), fields.as_slice()) {
            (true, &[nanos, cpu_micros, peak_kb]) => Ok(Run {
                elapsed: Duration::from_nanos(nanos),
                cpu: Duration::from_micros(cpu_micros),
                peak_kb,
            }),
            _ => Err(format!("`grill {}` failed", args.join(" "))),
        }
    }

    /// Loads and checks `questions` generated questions, `n` times.
    fn load(&self, questions: usize, n: usize, target: Option<Duration>) -> Result<(), String> {
        let dir = self.home.join(format!("banks-{questions}"));
        synthetic::write_dir(&dir, questions, 1_000).map_err(|e| format!("cannot write banks to {}: {e}", dir.display()))?;
        let bytes = dir_size(&dir);
        let dir_arg = dir.display().to_string();
        let runs = self.series(n, &["--banks", &dir_arg, "banks", "check"]);
        let _ = std::fs::remove_dir_all(&dir);
        let what = format!(
            "grill --banks DIR banks check: {} questions, {} files, {:.0} MB",
            thousands(questions),
            questions.div_ceil(1_000),
            bytes as f64 / 1e6
        );
        report("load", &what, &runs?, target);
        Ok(())
    }
}

/// The wrapper: runs `command`, then prints its wall time (ns), processor
/// time (µs) and peak resident memory (KiB). Its only child is `command`,
/// so the children's figures are that command's own.
fn measure(command: &[String]) -> ExitCode {
    let Some((program, args)) = command.split_first() else {
        return ExitCode::FAILURE;
    };
    let start = Instant::now();
    let status = Command::new(program).args(args).stdout(Stdio::null()).status();
    let elapsed = start.elapsed();
    match (status, getrusage(UsageWho::RUSAGE_CHILDREN)) {
        (Ok(status), Ok(usage)) if status.success() => {
            let micros = |t: TimeVal| t.tv_sec() * 1_000_000 + t.tv_usec();
            let cpu = micros(usage.user_time()) + micros(usage.system_time());
            println!("{} {cpu} {}", elapsed.as_nanos(), usage.max_rss());
            ExitCode::SUCCESS
        }
        (Ok(status), _) => {
            eprintln!("{} {}: {status}", program, args.join(" "));
            ExitCode::FAILURE
        }
        (Err(e), _) => {
            eprintln!("cannot run {program}: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Prints one figure: median, spread and peak memory, and the target.
fn report(name: &str, what: &str, runs: &[Run], target: Option<Duration>) {
    let sorted = |pick: fn(&Run) -> Duration| {
        let mut times: Vec<Duration> = runs.iter().map(pick).collect();
        times.sort();
        times
    };
    let (times, cpu) = (sorted(|r| r.elapsed), sorted(|r| r.cpu));
    let median = times[times.len() / 2];
    let peak_kb = runs.iter().map(|r| r.peak_kb).max().unwrap_or(0);
    println!("{name:<10} {what}");
    println!(
        "{:<10} median {} (min {}, max {}) over {} runs · processor time {} (median) · peak memory {}",
        "",
        duration(median),
        duration(times[0]),
        duration(times[times.len() - 1]),
        runs.len(),
        duration(cpu[cpu.len() / 2]),
        memory(peak_kb)
    );
    if let Some(target) = target {
        let verdict = if median < target { "met" } else { "MISSED" };
        println!("{:<10} target: median < {} — {verdict}", "", duration(target));
    }
    println!();
}

fn duration(d: Duration) -> String {
    if d < Duration::from_secs(1) {
        format!("{:.1} ms", d.as_secs_f64() * 1e3)
    } else {
        format!("{:.2} s", d.as_secs_f64())
    }
}

fn memory(kb: u64) -> String {
    if kb < 1024 * 1024 {
        format!("{:.1} MiB", kb as f64 / 1024.0)
    } else {
        format!("{:.2} GiB", kb as f64 / (1024.0 * 1024.0))
    }
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}
