//! Writes a directory of synthetic but valid banks, for measuring how grill
//! loads and checks large collections:
//!
//!     cargo run --release --example gen-banks -- DIR [QUESTIONS] [PER_BANK]
//!
//! Defaults: 100,000 questions, 1,000 per bank file. Output is deterministic;
//! questions are about the size of the shipped ones' short end (a two-line
//! prompt, a paragraph of reference, four key points).

use std::fmt::Write as _;
use std::path::PathBuf;

const WORDS: &[&str] = &[
    "cluster",
    "pod",
    "deployment",
    "service",
    "ingress",
    "node",
    "volume",
    "secret",
    "policy",
    "pipeline",
    "artifact",
    "registry",
    "image",
    "container",
    "rollout",
    "canary",
    "metric",
    "alert",
    "trace",
    "log",
    "queue",
    "consumer",
    "retry",
    "timeout",
    "budget",
    "latency",
    "throughput",
    "replica",
    "shard",
    "backup",
    "restore",
    "region",
    "zone",
    "subnet",
    "gateway",
    "role",
    "token",
    "certificate",
    "model",
    "feature",
    "dataset",
    "training",
    "serving",
    "drift",
    "experiment",
    "version",
    "schema",
    "terraform",
    "state",
    "lock",
    "module",
];
const TOPICS: &[&str] = &[
    "kubernetes",
    "containers",
    "ci-cd",
    "security",
    "observability",
    "reliability",
    "data",
    "serving",
];
const LEVELS: &[&str] = &["junior", "mid", "senior"];

/// A small deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as usize
    }
    fn words(&mut self, n: usize) -> String {
        (0..n).map(|_| WORDS[self.next() % WORDS.len()]).collect::<Vec<_>>().join(" ")
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: gen-banks DIR [QUESTIONS] [PER_BANK]");
        std::process::exit(2);
    };
    let total: usize = args.next().map_or(100_000, |a| a.parse().expect("QUESTIONS is a number"));
    let per_bank: usize = args.next().map_or(1_000, |a| a.parse().expect("PER_BANK is a number")).max(1);
    std::fs::create_dir_all(&dir).expect("create the output directory");
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut written = 0;
    let mut bank = 0;
    while written < total {
        let n = per_bank.min(total - written);
        let mut text =
            format!("id = \"gen-{bank:05}\"\ntitle = \"Generated bank {bank}\"\ndescription = \"Synthetic questions for benchmarks.\"\n");
        for i in 0..n {
            let q = written + i;
            let _ = write!(
                text,
                "\n[[question]]\nid = \"g{q:07}\"\nprompt = \"How would you {}?\"\nlevel = \"{}\"\ntopic = \"{}\"\ndifficulty = {}\nseconds = {}\nreference = \"\"\"\n{}.\n{}.\n\"\"\"\nfollow_ups = [\"What about {}?\"]\n",
                rng.words(8),
                LEVELS[rng.next() % 3],
                TOPICS[rng.next() % TOPICS.len()],
                1 + rng.next() % 5,
                60 + 30 * (rng.next() % 8),
                rng.words(30),
                rng.words(30),
                rng.words(4),
            );
            for _ in 0..4 {
                let _ = write!(
                    text,
                    "[[question.key_points]]\npoint = \"{}\"\nweight = {}\nalternatives = [\"{}\"]\n",
                    rng.words(3),
                    1 + rng.next() % 5,
                    rng.words(2)
                );
            }
        }
        std::fs::write(dir.join(format!("gen-{bank:05}.toml")), text).expect("write a bank file");
        written += n;
        bank += 1;
    }
    eprintln!("wrote {written} questions in {bank} bank files to {}", dir.display());
}
