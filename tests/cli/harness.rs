//! A builder over the real `grill` binary: each test gets a clean
//! environment (no colour, no backtraces, no user config) and its own
//! temporary working directory.

#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

pub const BANK: &str = r#"
id = "extra"
title = "Extra"
description = "A user bank."

[[question]]
id = "extra-1"
prompt = "What does a liveness probe do?"
level = "mid"
topic = "kubernetes"
difficulty = 2
reference = "The kubelet restarts a container whose liveness probe keeps failing."
[[question.key_points]]
point = "restarts the container"
weight = 3

[[question]]
id = "extra-2"
prompt = "What does a readiness probe do?"
level = "mid"
topic = "kubernetes"
difficulty = 2
reference = "A failing readiness probe removes the pod from Service endpoints until it recovers."
[[question.key_points]]
point = "removed from service endpoints"
weight = 3
"#;

pub const SCENARIO: &str = r#"
id = "extra"
title = "Extra"
briefing = "Two probes."
banks = ["extra"]
[levels.mid]
questions = 2
minutes = 10
pass_mark = 50
"#;

pub struct Grill {
    dir: tempfile::TempDir,
    args: Vec<String>,
    env: Vec<(String, String)>,
    stdin: Option<String>,
}

/// What a finished command printed and returned; its checks consume and
/// return it so they chain like a sentence.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

pub fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

impl Grill {
    pub fn new() -> Grill {
        Grill {
            dir: tempfile::tempdir().unwrap(),
            args: vec![],
            env: vec![],
            stdin: None,
        }
    }

    /// A fresh command in the same directory; arguments do not carry over.
    pub fn args<I: IntoIterator<Item = S>, S: AsRef<str>>(&self, args: I) -> GrillCmd<'_> {
        GrillCmd {
            grill: self,
            args: args.into_iter().map(|s| s.as_ref().to_string()).collect(),
            env: self.env.clone(),
            stdin: self.stdin.clone(),
        }
    }

    pub fn run(&self) -> Run {
        self.args(self.args.clone()).run()
    }

    /// The real binary in this test's directory with a clean environment:
    /// no colour, no backtraces, no user config, data kept here.
    pub fn command<S: AsRef<std::ffi::OsStr>>(&self, args: &[S]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_grill"));
        cmd.args(args).current_dir(self.dir.path()).env_clear();
        cmd.env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("NO_COLOR", "1")
            // Long output on a terminal goes through the pager; in the pty
            // tests, one that prints and ends.
            .env("GRILL_PAGER", "cat")
            .env("GRILL_CONFIG_DIR", self.path("no-config"))
            .env("GRILL_HOME", self.path("data"));
        cmd
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }
}

/// A command being built: nothing runs until [`GrillCmd::run`], so a
/// builder dropped unused is a test that checks nothing.
#[must_use = "a command does nothing until .run() is called"]
pub struct GrillCmd<'a> {
    grill: &'a Grill,
    args: Vec<String>,
    env: Vec<(String, String)>,
    stdin: Option<String>,
}

impl GrillCmd<'_> {
    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.into(), value.into()));
        self
    }

    pub fn stdin(mut self, text: &str) -> Self {
        self.stdin = Some(text.into());
        self
    }

    fn command(&self) -> Command {
        let mut cmd = self.grill.command(&self.args);
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        cmd
    }

    pub fn run(self) -> Run {
        let mut cmd = self.command();
        cmd.stdin(if self.stdin.is_some() { Stdio::piped() } else { Stdio::null() })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("grill starts");
        if let Some(input) = &self.stdin {
            use std::io::Write;
            let mut stdin = child.stdin.take().unwrap();
            let input = input.clone();
            std::thread::spawn(move || {
                let _ = stdin.write_all(input.as_bytes());
            });
        }
        let out: Output = child.wait_with_output().unwrap();
        let run = Run {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        };
        assert!(
            !run.stderr.contains("panicked"),
            "grill panicked on {:?}:\n{}",
            self.args,
            run.stderr
        );
        run
    }

    /// Runs with stdout a pipe whose reading end is already closed, as
    /// when the output goes into `head` that has exited.
    pub fn with_closed_stdout(self) -> Output {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let mut cmd = self.command();
        cmd.stdin(Stdio::null()).stdout(writer).stderr(Stdio::piped());
        cmd.output().unwrap()
    }
}

impl Run {
    #[track_caller]
    pub fn code(self, expected: i32) -> Run {
        assert_eq!(
            self.code,
            Some(expected),
            "exit code\nstdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn success(self) -> Run {
        self.code(0)
    }

    #[track_caller]
    pub fn stdout_has(self, needle: &str) -> Run {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stderr_has(self, needle: &str) -> Run {
        assert!(self.stderr.contains(needle), "stderr lacks {needle:?}:\n{}", self.stderr);
        self
    }
}
