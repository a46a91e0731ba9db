//! Killing a live interview (SIGKILL) at random points — while typing,
//! between questions, while saving — never loses a submitted answer nor
//! leaves a half-written session file, and `grill resume` carries on.

#![cfg(unix)]

use std::time::Duration;

use rexpect::process::Signal;

use crate::harness::Grill;
use crate::live::{BANK, SCENARIO, exit_code, seen, spawn};

/// A small deterministic generator, so a failing seed can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn session_file(g: &Grill) -> Option<serde_json::Value> {
    let dir = g.path("data/sessions");
    let files: Vec<_> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    assert!(files.len() <= 1, "one session, one file: {files:?}");
    let text = std::fs::read_to_string(files.first()?).unwrap();
    Some(serde_json::from_str(&text).unwrap_or_else(|e| panic!("session file is corrupt ({e}):\n{text}")))
}

#[test]
fn sigkill_at_random_points_loses_no_submitted_answer() {
    for seed in 1..=50u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
        let g = Grill::new();
        g.write("b/pty.toml", BANK);
        g.write("b/scenarios/pty.toml", SCENARIO);
        let mut p = spawn(&g, &["run", "pty", "--level", "mid", "--seed", "1"]);
        p.exp_string("Press Enter to start").unwrap();
        p.send_line("").unwrap();

        // Submit 0–2 answers, each confirmed by the next question appearing.
        let submit = rng.below(3);
        let mut submitted = Vec::new();
        for n in 0..submit {
            p.exp_string(&format!("[{}/3]", n + 1)).unwrap();
            let answer = format!("a{n} s{seed}");
            p.send_line(&answer).unwrap();
            p.send_line("").unwrap();
            submitted.push(answer);
        }
        p.exp_string(&format!("[{}/3]", submit + 1)).unwrap();
        // Then: type part of an answer, maybe submit it, and kill at once
        // or after a short random delay (often mid-save).
        match rng.below(3) {
            0 => {}
            1 => {
                p.send("half typed").unwrap();
                p.flush().unwrap();
            }
            _ => {
                p.send_line("last one").unwrap();
                p.send_line("").unwrap();
            }
        }
        std::thread::sleep(Duration::from_millis(rng.below(40)));
        p.process_mut().signal(Signal::SIGKILL).unwrap();
        let _ = p.process().wait();

        // The saved file is whole and holds every confirmed answer.
        let saved = session_file(&g).unwrap_or_else(|| panic!("seed {seed}: no session saved"));
        let texts: Vec<&str> = saved["answers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["text"].as_str().unwrap())
            .collect();
        assert!(
            texts.len() >= submitted.len(),
            "seed {seed}: saved {texts:?}, submitted {submitted:?}"
        );
        assert_eq!(
            &texts[..submitted.len()],
            &submitted.iter().map(String::as_str).collect::<Vec<_>>()[..],
            "seed {seed}"
        );

        if saved["finished"] == true {
            // Killed after the last answer was saved: nothing left to resume.
            assert_eq!(texts.len(), 3, "seed {seed}");
            continue;
        }
        // Resume brings them back; every tenth run goes on to the end.
        let mut r = spawn(&g, &["resume"]);
        if texts.len() == 3 {
            // Killed after the last answer but before the end was recorded.
            r.exp_string("every question was answered").unwrap();
            r.exp_string("Overall").unwrap();
            r.exp_eof().unwrap();
            assert_eq!(session_file(&g).unwrap()["finished"], true, "seed {seed}");
            continue;
        }
        r.exp_string(&format!("at question {} of 3", texts.len() + 1)).unwrap();
        if seed % 10 != 0 {
            r.exp_regex(r"\[\d/3\]").unwrap();
            r.send_line(":quit").unwrap();
            r.exp_eof().unwrap();
            assert_eq!(exit_code(&mut r), 0, "seed {seed}");
            let kept = session_file(&g).unwrap();
            assert_eq!(kept["answers"].as_array().unwrap().len(), texts.len(), "seed {seed}");
            continue;
        }
        for _ in texts.len()..3 {
            r.exp_regex(r"\[\d/3\]").unwrap();
            r.send_line(":skip").unwrap();
        }
        r.exp_string(&seen("Overall")).unwrap();
        r.exp_eof().unwrap();
        let code = exit_code(&mut r);
        assert!(code == 0 || code == 1, "seed {seed}: exit {code}");
        let done = session_file(&g).unwrap();
        assert_eq!(done["finished"], true, "seed {seed}");
        let final_texts: Vec<&str> = done["answers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["text"].as_str().unwrap())
            .collect();
        assert_eq!(&final_texts[..texts.len()], &texts[..], "seed {seed}: resume changed saved answers");
    }
}

/// Starts `args` and kills it with SIGKILL after a random few milliseconds.
fn kill_soon(g: &Grill, args: &[&str], rng: &mut Rng) {
    let mut child = g
        .command(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(rng.below(60)));
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn sigkill_during_history_saves_and_imports_leaves_no_broken_file() {
    let g = Grill::new();
    g.args(["sheet", "kubeflow-ops", "--level", "junior", "--seed", "1", "-o", "a.toml"])
        .run()
        .success();
    // A document of a few hundred question blocks, written here so the test
    // needs nothing beside the repository: large enough that a kill often
    // lands mid-import.
    let document: String = (1..=300)
        .map(|n| format!("Q{n}: How would you handle failure case number {n} in a deployment pipeline?\n\nA: Detect it with a health check for case {n}, roll back the release, and add a test so case {n} cannot return.\n\n"))
        .collect();
    g.write("doc.txt", &document);
    let mut rng = Rng(7);
    for round in 0..50 {
        // A history save, killed at a random moment.
        kill_soon(&g, &["run", "--answers", "a.toml"], &mut rng);
        for entry in std::fs::read_dir(g.path("data/history"))
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
        {
            let path = entry.path();
            if path.extension().is_some_and(|x| x == "json") {
                let text = std::fs::read_to_string(&path).unwrap();
                assert!(
                    serde_json::from_str::<serde_json::Value>(&text).is_ok(),
                    "round {round}: {} is half-written",
                    path.display()
                );
            }
        }
        // An import written with -o, killed at a random moment.
        kill_soon(
            &g,
            &["import", "doc.txt", "--bank", "killed", "-o", "out.toml", "--force"],
            &mut rng,
        );
        if g.path("out.toml").exists() {
            g.args(["banks", "check", "out.toml"]).run().success();
        }
    }
    // And history still lists cleanly.
    g.args(["history"]).run().success();
}
