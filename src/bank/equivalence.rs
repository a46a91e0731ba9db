//! The fast bank parser must build exactly what `toml` builds, spans
//! included, or decline: checked on every shipped bank, on generated banks,
//! on generated awkward-but-valid files (escapes, Unicode, CRLF, comments
//! after values, literal strings, arrays over lines) and on thousands of
//! mutations of them, most of which are invalid.

use super::{Bank, BankFile, fast, synthetic};
use crate::diagnostic::{Diagnostics, SourceFile};

/// Whether the fast path accepted `text`; panics when it accepted it with
/// another result than `toml`, or accepted what `toml` rejects.
fn agrees(text: &str) -> bool {
    let Some(fast) = fast::parse(text) else { return false };
    match toml::from_str::<BankFile>(text) {
        Ok(slow) => assert_eq!(format!("{fast:#?}"), format!("{slow:#?}"), "the two parsers differ on:\n{text:?}"),
        Err(e) => panic!("the fast path accepted what toml rejects ({e}):\n{text:?}"),
    }
    true
}

/// `Bank::parse` and `Bank::parse_text` (fast path first) give exactly
/// what `toml` alone gives, every diagnostic included.
fn same_bank(text: &str) {
    let src = SourceFile::new("b.toml", text);
    let slow = match toml::from_str(text) {
        Ok(file) => Bank::check(&super::Source::File(&src), file),
        Err(e) => Err(Diagnostics(vec![src.toml_error(&e)])),
    };
    assert_eq!(Bank::parse(&src), slow, "on:\n{text:?}");
    assert_eq!(Bank::parse_text("b.toml", text), slow, "on:\n{text:?}");
}

#[test]
fn every_shipped_bank_takes_the_fast_path() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("banks");
    let mut banks = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "toml") && !path.ends_with("aliases.toml") {
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(agrees(&text), "{} left the fast path", path.display());
            same_bank(&text);
            banks += 1;
        }
    }
    assert!(banks >= 9, "found {banks} banks");
}

#[test]
fn generated_banks_take_the_fast_path() {
    let mut generator = synthetic::Generator::default();
    for size in [1, 7, 60] {
        let (_, text) = generator.bank(size);
        assert!(agrees(&text));
        same_bank(&text);
    }
}

/// A one-question bank with `question` and `key_point` lines added.
fn small_bank(question: &str, key_point: &str) -> String {
    format!(
        "id = \"b\"\ntitle = \"T\"\n[[question]]\nid = \"q\"\nprompt = \"P?\"\nlevel = \"mid\"\nreference = \"R\"\n{question}\n\
         [[question.key_points]]\npoint = \"p\"\n{key_point}\n"
    )
}

#[test]
fn valid_toml_outside_the_subset_is_declined_but_still_read() {
    assert!(agrees(&small_bank("topic = \"cost\"\ndifficulty = 3", "weight = 1")));
    let inline = "key_points = [{ point = \"p\", weight = 2 }]";
    for (question, key_point) in [
        ("topic = \"cost\"\ndifficulty = 0x3", "weight = 1"),
        ("topic = \"cost\"\ndifficulty = 0o3", "weight = 0b1"),
        ("\"topic\" = \"cost\"\ndifficulty = 3", "weight = 1"),
        ("topic = \"cost\"\ndifficulty = 3", "\"weight\" = 1"),
        ("topic = \"cost\"\ndifficulty = 3", "weight = 1\nalternatives = [\"a\\e\"]"),
        (
            "topic = \"cost\"\ndifficulty = 3",
            &format!(
                "weight = 1\n[[question]]\nid = \"q2\"\nprompt = \"P?\"\nlevel = \"mid\"\ntopic = \"cost\"\ndifficulty = 3\nreference = \"R\"\n{inline}"
            ),
        ),
    ] {
        let text = small_bank(question, key_point);
        assert!(!agrees(&text), "expected the fast path to decline:\n{text}");
        same_bank(&text);
    }
}

#[test]
fn follow_ups_in_both_forms_or_astray_are_declined_and_still_read() {
    let table = "[[question.follow_ups]]\nid = \"q-f1\"\nprompt = \"Why?\"\nreference = \"So.\"\n";
    for (question, key_point) in [
        // An inline array cannot be extended by tables.
        (
            "topic = \"cost\"\ndifficulty = 3\nfollow_ups = [\"Why?\"]",
            format!("weight = 1\n{table}"),
        ),
        // A follow-up's key point with no follow-up before it.
        (
            "topic = \"cost\"\ndifficulty = 3",
            "weight = 1\n[[question.follow_ups.key_points]]\npoint = \"x\"\nweight = 1".to_string(),
        ),
        // A key a follow-up does not have.
        ("topic = \"cost\"\ndifficulty = 3", format!("weight = 1\n{table}level = \"mid\"")),
        // Headers deeper than banks go.
        (
            "topic = \"cost\"\ndifficulty = 3",
            "weight = 1\n[[question.follow_ups.key_points.x]]\ny = 1".to_string(),
        ),
    ] {
        let text = small_bank(question, &key_point);
        assert!(!agrees(&text), "expected the fast path to decline:\n{text}");
        same_bank(&text);
    }
    // Tables in any order TOML allows: the follow-up's key point after a
    // question key point still belongs to the follow-up.
    let text = small_bank(
        "topic = \"cost\"\ndifficulty = 3",
        &format!(
            "weight = 1\n{table}[[question.key_points]]\npoint = \"q\"\nweight = 2\n[[question.follow_ups.key_points]]\npoint = \"f\"\nweight = 3"
        ),
    );
    assert!(agrees(&text));
    same_bank(&text);
}

/// Awkward-but-valid bank files: every feature of the subset, in random
/// combinations, so the fast path must accept each one.
struct Awkward {
    state: u64,
    crlf: bool,
}

impl Awkward {
    fn next(&mut self) -> usize {
        self.state ^= self.state << 13;
        self.state ^= self.state >> 7;
        self.state ^= self.state << 17;
        (self.state >> 11) as usize
    }

    fn one_in(&mut self, n: usize) -> bool {
        self.next().is_multiple_of(n)
    }

    fn pick<'a>(&mut self, options: &[&'a str]) -> &'a str {
        options[self.next() % options.len()]
    }

    fn newline(&mut self) -> &'static str {
        if self.crlf != self.one_in(20) { "\r\n" } else { "\n" }
    }

    /// Text for the inside of a string, with characters that need care.
    fn words(&mut self) -> String {
        let n = self.next() % 4;
        (0..n)
            .map(|_| self.pick(&["pod", "é", "日本", "🚀", "a#b", "[x]", "k = v", "\t", " ", ",", "x\u{a0}y"]))
            .collect()
    }

    /// `value` (letters, digits, `-`) exactly, in one of the string forms.
    fn exact(&mut self, value: &str) -> String {
        let nl = self.newline();
        match self.next() % 5 {
            0 => format!("'{value}'"),
            1 => format!("\"\"\"{nl}{value}\"\"\""),
            2 => format!("'''{value}'''"),
            3 => {
                let mut chars = value.chars();
                let first = chars.next().map_or(String::new(), |c| format!("\\u{:04X}", u32::from(c)));
                format!("\"{first}{}\"", chars.as_str())
            }
            _ => format!("\"{value}\""),
        }
    }

    /// `value` (plain text) with more text around it that needs care, in
    /// one of the string forms.
    fn string(&mut self, value: &str) -> String {
        let nl = self.newline();
        let escapes = ["\\\"", "\\\\", "\\n", "\\t", "\\u00e9", "\\U0001F680", "\\b", "\\f", "\\r"];
        match self.next() % 6 {
            0 | 1 => {
                let escape = if self.one_in(2) { self.pick(&escapes) } else { "" };
                format!("\"{value}{escape}\"")
            }
            2 => format!("'{value}'"),
            3 => {
                let inside = self.pick(&["", "\"", "\"\"", "\\\n   ", "\\  \r\n\n  ", "line\n", "\\\"\"\""]);
                let tail = self.pick(&["", "\"", "\"\"", "\n"]);
                let escape = self.pick(&escapes);
                let opening = if self.one_in(2) { nl } else { "" };
                format!("\"\"\"{opening}{value}{inside}{escape}{value}{tail}\"\"\"")
            }
            4 => {
                let inside = self.pick(&["", "'", "''", "\\n", "line\r\n"]);
                let tail = self.pick(&["", "'", "''", "\n"]);
                let opening = if self.one_in(2) { nl } else { "" };
                format!("'''{opening}{value}{inside}\\{value}{tail}'''")
            }
            _ => format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\"")),
        }
    }

    fn array(&mut self) -> String {
        let nl = self.newline();
        let n = self.next() % 4;
        let mut items = Vec::new();
        for _ in 0..n {
            let words = self.words();
            let item = self.string(&words);
            let comment = if self.one_in(3) {
                format!(" # note ] ,{nl}")
            } else {
                String::new()
            };
            items.push(format!("{item}{comment}"));
        }
        let sep = self.pick(&[", ", ",", " ,\n  ", ",\r\n\t"]);
        let trailing = if n > 0 && self.one_in(2) { "," } else { "" };
        let open = self.pick(&["", " ", "\n  ", "  # first\n"]);
        format!("[{open}{}{trailing}{}]", items.join(sep), self.pick(&["", " ", "\n"]))
    }

    /// A whole number from `low` to `low + count - 1`, in one of its forms.
    fn integer(&mut self, low: usize, count: usize) -> String {
        let value = low + self.next() % count;
        match self.next() % 4 {
            0 => format!("+{value}"),
            1 if value >= 10 => format!("{}_{}", value / 10, value % 10),
            _ => value.to_string(),
        }
    }

    /// `key = value`, spaced and commented in one of several ways.
    fn line(&mut self, key: &str, value: String) -> String {
        let indent = self.pick(&["", "", "  ", "\t"]);
        let eq = self.pick(&[" = ", "=", " =\t", "  =  "]);
        let comment = self.pick(&["", "", " # note", "\t#", " # \"quoted\" 'x' = [y]"]);
        let nl = self.newline();
        let blank = if self.one_in(5) {
            format!("  {nl}# comment{nl}")
        } else {
            String::new()
        };
        format!("{blank}{indent}{key}{eq}{value}{comment}{nl}")
    }

    fn file(&mut self) -> String {
        self.crlf = self.one_in(3);
        let mut out = String::new();
        let mut top = vec![("id", self.exact("gen")), ("title", self.string("A title"))];
        if self.one_in(2) {
            let words = self.words();
            top.push(("description", self.string(&words)));
        }
        self.shuffle(&mut top);
        for (key, value) in top {
            out += &self.line(key, value);
        }
        for q in 0..1 + self.next() % 3 {
            let nl = self.newline();
            out += &format!(
                "{nl}{}{nl}",
                self.pick(&["[[question]]", "[[ question ]]", "  [[question]]  # next"])
            );
            let level = self.pick(&["junior", "mid", "senior"]);
            let topic = self.pick(&["kubernetes", "cost", "data"]);
            let words = self.words();
            let mut keys = vec![
                ("id", self.exact(&format!("q-{q}"))),
                ("prompt", self.string(&format!("Why {words}?"))),
                ("level", self.exact(level)),
                ("topic", self.exact(topic)),
                ("difficulty", self.integer(1, 5)),
            ];
            let words = self.words();
            // Follow-ups as plain strings, or later as tables (not both).
            let tables = self.one_in(2);
            for (key, value) in [
                ("reference", self.string(&format!("Because {words}."))),
                ("follow_ups", if tables { String::new() } else { self.array() }),
                ("mistakes", self.array()),
                ("example", self.string("x = 1")),
                ("seconds", self.integer(10, 300)),
                ("draft", self.pick(&["true", "false"]).to_string()),
            ] {
                if !self.one_in(4) && !value.is_empty() {
                    keys.push((key, value));
                }
            }
            self.shuffle(&mut keys);
            for (key, value) in keys {
                out += &self.line(key, value);
            }
            self.key_points(
                &mut out,
                &[
                    "[[question.key_points]]\n",
                    "[[ question . key_points ]]\r\n",
                    "[[question.key_points]] # kp\n",
                ],
            );
            self.misconceptions(
                &mut out,
                &["[[question.misconceptions]]\n", "[[ question.misconceptions ]] # wrong\n"],
            );
            if tables {
                for f in 0..self.next() % 3 {
                    out += self.pick(&["[[question.follow_ups]]\n", "[[ question . follow_ups ]]\r\n"]);
                    let words = self.words();
                    let mut keys = vec![
                        ("id", self.exact(&format!("q-{q}-f{}", f + 1))),
                        ("prompt", self.string(&format!("And {words}?"))),
                        ("reference", self.string("Then it works.")),
                        ("seconds", self.integer(10, 300)),
                    ];
                    keys.retain(|_| !self.one_in(5));
                    self.shuffle(&mut keys);
                    for (key, value) in keys {
                        out += &self.line(key, value);
                    }
                    // A question's own key point may come between a
                    // follow-up and the follow-up's key points.
                    if self.one_in(6) {
                        self.key_points(&mut out, &["[[question.key_points]]\n"]);
                    }
                    self.key_points(
                        &mut out,
                        &["[[question.follow_ups.key_points]]\n", "[[ question.follow_ups . key_points]]\n"],
                    );
                    self.misconceptions(&mut out, &["[[question.follow_ups.misconceptions]]\n"]);
                }
            }
        }
        if self.one_in(2) {
            out += "# the end";
        }
        out
    }

    /// Up to two key point tables, each under one of `headers`.
    fn key_points(&mut self, out: &mut String, headers: &[&str]) {
        for _ in 0..self.next() % 3 {
            *out += self.pick(headers);
            let words = self.words();
            let mut keys = vec![("point", self.string(&format!("point {words}"))), ("weight", self.integer(1, 10))];
            if !self.one_in(3) {
                keys.push(("alternatives", self.array()));
            }
            if self.one_in(3) {
                keys.push(("proposed", self.pick(&["true", "false"]).to_string()));
            }
            if self.one_in(3) {
                keys.push(("subject", self.string("point")));
            }
            self.shuffle(&mut keys);
            for (key, value) in keys {
                *out += &self.line(key, value);
            }
        }
    }

    /// Up to two misconception tables, each under one of `headers`.
    fn misconceptions(&mut self, out: &mut String, headers: &[&str]) {
        for _ in 0..self.next() % 3 {
            *out += self.pick(headers);
            let words = self.words();
            let mut keys = vec![("claim", self.string(&format!("wrong {words}")))];
            for (key, value) in [
                ("correction", self.string("It is the other way.")),
                ("alternatives", self.array()),
                ("contradicts", self.string("point")),
                ("weight", self.integer(1, 10)),
            ] {
                if self.one_in(2) {
                    keys.push((key, value));
                }
            }
            self.shuffle(&mut keys);
            for (key, value) in keys {
                *out += &self.line(key, value);
            }
        }
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.next() % (i + 1));
        }
    }

    /// `text` with one small random edit: most make it invalid TOML or an
    /// invalid bank, some leave it valid.
    fn mutate(&mut self, text: &str) -> String {
        let mut at = self.next() % (text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let (head, tail) = text.split_at(at);
        match self.next() % 4 {
            0 => {
                let cut = tail.char_indices().nth(1 + self.next() % 3).map_or(tail.len(), |(i, _)| i);
                format!("{head}{}", &tail[cut..])
            }
            1 => {
                let insert = self.pick(&[
                    "\"",
                    "'",
                    "\\",
                    "\r",
                    "\n",
                    "#",
                    "[",
                    "]",
                    "=",
                    ",",
                    "\u{0}",
                    "é",
                    "_",
                    ".",
                    "\"\"\"",
                    "'''",
                    "[[question]]\n",
                    "x = 1\n",
                    "id = \"q\"\n",
                    "0",
                    "-",
                    "\\u12",
                    "\\U0011FFFF",
                    "\\uD800",
                    " ",
                ]);
                format!("{head}{insert}{tail}")
            }
            2 => {
                let line_start = head.rfind('\n').map_or(0, |i| i + 1);
                let line_end = tail.find('\n').map_or(text.len(), |i| at + i + 1);
                format!("{}{}", &text[..line_end], &text[line_start..])
            }
            _ => text.replacen(
                self.pick(&["\n", "\"", "=", "[[", "]]", "'", "1"]),
                self.pick(&["\r", "'", "==", "[", "]", "\"", "01"]),
                1,
            ),
        }
    }
}

#[test]
fn awkward_valid_banks_take_the_fast_path_and_agree() {
    let mut awkward = Awkward {
        state: 0x2545_f491_4f6c_dd1d,
        crlf: false,
    };
    let mut tables = 0;
    for _ in 0..1000 {
        let text = awkward.file();
        tables += usize::from(text.contains("follow_ups.key_points") && text.contains("misconceptions"));
        assert!(
            agrees(&text),
            "the fast path declined valid input:\n{text:?}\n{:?}",
            toml::from_str::<BankFile>(&text).err()
        );
        same_bank(&text);
    }
    assert!(
        tables > 100,
        "follow-up tables with key points and misconceptions in {tables} files"
    );
}

#[test]
fn mutated_banks_agree_or_are_declined() {
    let mut awkward = Awkward {
        state: 0x9e37_79b9_7f4a_7c15,
        crlf: false,
    };
    let (mut accepted, mut rejected_by_toml) = (0, 0);
    for _ in 0..2000 {
        let mut text = awkward.file();
        for _ in 0..1 + awkward.next() % 2 {
            text = awkward.mutate(&text);
        }
        accepted += usize::from(agrees(&text));
        rejected_by_toml += usize::from(toml::from_str::<BankFile>(&text).is_err());
        same_bank(&text);
    }
    // Both sides of the fence were exercised.
    assert!(
        accepted > 300 && rejected_by_toml > 300,
        "accepted {accepted}, rejected by toml {rejected_by_toml}"
    );
}
