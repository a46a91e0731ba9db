//! The import pipeline as a whole: ids, merging, options, and TOML that
//! reads back as the same bank. Each format's parsing is tested beside its
//! parser; the seed documents are imported end to end in tests/cli.

use super::*;
use crate::bank::Bank;

const DOC: &str = "\
# Cluster basics

## Beginner

### What is a Pod?
A Pod groups containers that share a network namespace and volumes.
The scheduler places the whole group on one node.

### What is a \"Service\" \\ selector?
A Service selects pods by label and gives them one stable virtual address.

```yaml
selector:
  app: web
```

## Advanced

### How would you drain a node safely?

### what is a pod
Pods are the unit the kubelet runs.
";

fn input(name: &str, text: &str) -> Input {
    Input {
        name: name.to_string(),
        bytes: text.as_bytes().to_vec(),
    }
}

fn run(options: &Options) -> Import {
    import(&[input("notes/Cluster Basics.md", DOC)], options).unwrap()
}

#[test]
fn the_bank_reads_back_as_written() {
    let imported = run(&Options::default());
    let text = imported.to_toml();
    let bank = Bank::parse(&SourceFile::new("b.toml", text.as_str())).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(bank.id, "cluster-basics");
    assert_eq!(bank.title, "Cluster basics");
    assert_eq!(bank.questions.len(), 3);
    for (read, made) in bank.questions.iter().zip(&imported.questions) {
        let made = &made.question;
        assert_eq!(
            (&read.id, &read.prompt, read.level, &read.topic, read.difficulty),
            (&made.id, &made.prompt, made.level, &made.topic, made.difficulty)
        );
        assert_eq!(
            (&read.reference, &read.example, read.draft),
            (&made.reference, &made.example, made.draft)
        );
        assert_eq!(read.key_points, made.key_points);
    }
    let service = &bank.questions[1];
    assert_eq!(service.prompt, "What is a \"Service\" \\ selector?");
    assert_eq!(service.example.as_deref(), Some("selector:\n  app: web"));
    assert!(service.key_points.iter().all(|k| k.proposed) && !service.key_points.is_empty());
    let drain = &bank.questions[2];
    assert!(drain.draft && drain.reference.is_empty() && drain.key_points.is_empty());
    assert_eq!((bank.questions[0].level, drain.level), (Level::Junior, Level::Senior));
    assert_eq!(bank.questions[0].topic, "kubernetes");
}

#[test]
fn duplicates_are_merged_with_a_note() {
    let imported = run(&Options::default());
    assert_eq!(imported.merged, 1);
    let pod = &imported.questions[0];
    assert!(
        pod.question.reference.ends_with("Pods are the unit the kubelet runs."),
        "{}",
        pod.question.reference
    );
    assert_eq!(
        pod.notes,
        ["merged with the same question at notes/Cluster Basics.md:21 (answers combined)"]
    );
    assert!(
        imported
            .to_toml()
            .contains("# merged with the same question at notes/Cluster Basics.md:21")
    );
    assert!(imported.summary(3).contains("merged:\n  cluster-basics-"));
}

#[test]
fn ids_are_stable_and_short() {
    let a = run(&Options::default());
    let b = run(&Options::default());
    let ids = |i: &Import| i.questions.iter().map(|q| q.question.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&a), ids(&b));
    for id in ids(&a) {
        assert!(
            valid_id(&id) && id.starts_with("cluster-basics-") && id.len() == "cluster-basics-".len() + 6,
            "{id}"
        );
    }
    // Case and punctuation do not change a question's id.
    assert_eq!(
        super::ids("b", &["What is a Pod?".into()]),
        super::ids("b", &["what is a pod".into()])
    );
    // Prompts whose short hashes collide get longer ones.
    let many: Vec<String> = (0..5000).map(|i| format!("Question number {i}?")).collect();
    let made = super::ids("b", &many);
    let unique: std::collections::HashSet<&String> = made.iter().collect();
    assert_eq!(unique.len(), many.len());
}

#[test]
fn options_override_the_document() {
    let imported = run(&Options {
        bank: Some("k8s".into()),
        title: Some("Mine".into()),
        level: Some(Level::Senior),
        topic: Some("reliability".into()),
        format: None,
    });
    assert_eq!((imported.bank.as_str(), imported.title.as_str()), ("k8s", "Mine"));
    assert!(
        imported
            .questions
            .iter()
            .all(|q| q.question.level == Level::Senior && q.question.topic == "reliability")
    );
    assert!(imported.questions.iter().all(|q| q.question.id.starts_with("k8s-")));
}

#[test]
fn bad_options_and_empty_documents_are_errors() {
    let bad_id = import(
        &[input("a.md", DOC)],
        &Options {
            bank: Some("Bad Id".into()),
            ..Options::default()
        },
    );
    assert!(matches!(bad_id, Err(ImportError::BankId(_))));
    let bad_topic = import(
        &[input("a.md", DOC)],
        &Options {
            topic: Some("cooking".into()),
            ..Options::default()
        },
    );
    assert!(
        bad_topic
            .unwrap_err()
            .to_string()
            .contains("unknown topic `cooking`; topics: kubernetes,")
    );
    let nothing = import(&[input("a.md", "Just prose.\n\nNo questions here.\n")], &Options::default()).unwrap_err();
    assert!(nothing.to_string().starts_with("no questions found in a.md"), "{nothing}");
    let binary = import(&[input("a.bin", "\0\0\0")], &Options::default()).unwrap_err();
    assert!(binary.to_string().contains("a.bin:1:1: this is not a text file"), "{binary}");
}

#[test]
fn slugs_make_valid_bank_ids() {
    for (name, slug_) in [
        ("001_ecb6ab3f", "001-ecb6ab3f"),
        ("Kubeflow Q&A — 2024", "kubeflow-q-a-2024"),
        ("???", "imported"),
    ] {
        assert_eq!(slug(name), slug_);
        assert!(valid_id(&slug(name)));
    }
}

#[test]
fn garbage_in_any_format_is_never_a_panic() {
    let pieces = [
        "Q1:",
        "A:",
        "?",
        "\n",
        "\n\n",
        "\t",
        ",",
        ";",
        "\"",
        "# ",
        "## ",
        "- ",
        "1. ",
        "**",
        "<details>",
        "<summary>",
        "</summary>",
        "</details>",
        "&",
        "&amp",
        "&#x1F600;",
        "é",
        "—",
        "ðŸŸ",
        "â€",
        "```",
        "---",
        "[",
        "](",
        ")",
        "{{c1::",
        "}}",
        "#separator:tab",
        "What is",
        " X",
        "Beginner",
        "(Free)",
        "  ",
        "\u{0}",
        "\r",
    ];
    let mut seed: u64 = 42;
    let mut banks = 0;
    for round in 0..300 {
        let mut text = String::new();
        for _ in 0..(round % 60) {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
        }
        for format in [
            None,
            Some(Format::Qa),
            Some(Format::List),
            Some(Format::Headings),
            Some(Format::Details),
            Some(Format::Csv),
            Some(Format::Tsv),
            Some(Format::Anki),
            Some(Format::Plain),
        ] {
            let options = Options {
                format,
                ..Options::default()
            };
            if let Ok(imported) = import(&[input("g.md", &text)], &options) {
                let toml = imported.to_toml();
                Bank::parse(&SourceFile::new("g.toml", toml.as_str())).unwrap_or_else(|e| panic!("{e}\n{text:?}\n{toml}"));
                banks += 1;
            }
        }
    }
    assert!(
        banks > 200,
        "only {banks} of the garbage documents gave a bank: the test exercises too little"
    );
}
