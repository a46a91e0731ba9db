//! Synthetic but valid bank files, for measuring how grill loads large
//! collections (`examples/gen-banks.rs`, `benches/load.rs`) and for testing
//! the fast bank parser against `toml` on files of a realistic shape.
//!
//! Output is deterministic, so runs are comparable. Questions are about
//! the size of the shipped ones' short end: a two-line prompt, a paragraph
//! of reference, a follow-up and four key points (~1 KB each).

use std::fmt::Write as _;
use std::path::Path;

/// The vocabulary of generated text, drawn from at random.
const WORDS: &str = "cluster pod deployment service ingress node volume secret policy pipeline artifact registry image \
    container rollout canary metric alert trace log queue consumer retry timeout budget latency \
    throughput replica shard backup restore region zone subnet gateway role token certificate model \
    feature dataset training serving drift experiment version schema terraform state lock module";

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

/// Writes bank files one after another, numbering banks and questions on.
pub struct Generator {
    /// xorshift state: small, deterministic, no dependency.
    state: u64,
    words: Vec<&'static str>,
    banks: usize,
    questions: usize,
}

impl Default for Generator {
    fn default() -> Self {
        Generator {
            state: 0x9e37_79b9_7f4a_7c15,
            words: WORDS.split_whitespace().collect(),
            banks: 0,
            questions: 0,
        }
    }
}

impl Generator {
    fn next(&mut self) -> usize {
        self.state ^= self.state << 13;
        self.state ^= self.state >> 7;
        self.state ^= self.state << 17;
        (self.state >> 11) as usize
    }

    fn words(&mut self, n: usize) -> String {
        let mut words = Vec::with_capacity(n);
        for _ in 0..n {
            let i = self.next() % self.words.len();
            words.push(self.words[i]);
        }
        words.join(" ")
    }

    /// The next bank file, `gen-NNNNN.toml`, holding `questions` questions:
    /// its file name and text.
    pub fn bank(&mut self, questions: usize) -> (String, String) {
        let bank = self.banks;
        let mut text =
            format!("id = \"gen-{bank:05}\"\ntitle = \"Generated bank {bank}\"\ndescription = \"Synthetic questions for benchmarks.\"\n");
        for _ in 0..questions {
            let q = self.questions;
            let _ = write!(
                text,
                "\n[[question]]\nid = \"g{q:07}\"\nprompt = \"How would you {}?\"\nlevel = \"{}\"\ntopic = \"{}\"\ndifficulty = {}\nseconds = {}\nreference = \"\"\"\n{}.\n{}.\n\"\"\"\nfollow_ups = [\"What about {}?\"]\n",
                self.words(8),
                LEVELS[self.next() % 3],
                TOPICS[self.next() % TOPICS.len()],
                1 + self.next() % 5,
                60 + 30 * (self.next() % 8),
                self.words(30),
                self.words(30),
                self.words(4),
            );
            for _ in 0..4 {
                let point = self.words(3);
                let weight = 1 + self.next() % 5;
                let alternative = self.words(2);
                let _ = write!(
                    text,
                    "[[question.key_points]]\npoint = \"{point}\"\nweight = {weight}\nalternatives = [\"{alternative}\"]\n"
                );
            }
            self.questions += 1;
        }
        self.banks += 1;
        (format!("gen-{bank:05}.toml"), text)
    }
}

/// Writes `total` questions into `dir`, `per_bank` to a file; returns how
/// many files were written.
pub fn write_dir(dir: &Path, total: usize, per_bank: usize) -> std::io::Result<usize> {
    std::fs::create_dir_all(dir)?;
    let mut generator = Generator::default();
    let per_bank = per_bank.max(1);
    let mut written = 0;
    while written < total {
        let n = per_bank.min(total - written);
        let (name, text) = generator.bank(n);
        std::fs::write(dir.join(name), text)?;
        written += n;
    }
    Ok(generator.banks)
}
