//! Scenarios: what an interview asks — which banks and levels, how many
//! questions, the time budget, topic mix, order, pass marks — as read from
//! `scenarios/*.toml`.
//!
//! A scenario is a list of rounds; a simple file with top-level `banks` and
//! `[levels.*]` is one round. Whether named banks exist and hold enough
//! questions is checked by [`crate::catalog`], which sees every file.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::bank::{Level, TOPICS, id_help, valid_id};
use crate::diagnostic::{Diagnostics, SourceFile};

/// The order questions are asked in within a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Order {
    /// The easiest question first to settle nerves, then topics interleaved.
    #[default]
    WarmUp,
    /// Topics interleaved in seeded random order.
    Shuffled,
    /// By difficulty, easiest first.
    EasyFirst,
}

/// When the live interview asks a question's follow-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FollowUps {
    #[default]
    None,
    AfterStrongAnswer,
    Always,
}

/// How many questions a round asks at one level, and in how long.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RoundSize {
    pub questions: usize,
    pub seconds: u32,
}

/// One stage of an interview with its own banks and budget.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Round {
    pub title: String,
    pub briefing: String,
    pub banks: Vec<String>,
    /// Budget for a question that suggests no time of its own.
    pub seconds_per_question: u32,
    /// Relative weight per topic; unlisted topics weigh 1, weight 0 excludes.
    pub topic_mix: BTreeMap<String, u32>,
    pub order: Order,
    pub sizes: BTreeMap<Level, RoundSize>,
}

/// An interview definition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scenario {
    pub id: String,
    pub title: String,
    pub briefing: String,
    pub rounds: Vec<Round>,
    /// Score needed to pass, per level offered.
    pub pass_marks: BTreeMap<Level, u32>,
    pub follow_ups: FollowUps,
    /// Points taken off per full minute over a question's budget (live mode).
    pub overtime_penalty: u32,
    #[serde(skip)]
    pub origin: String,
    /// Byte span of each bank name, for the catalog's diagnostics.
    #[serde(skip)]
    pub bank_spans: Vec<(usize, String, std::ops::Range<usize>)>,
}

impl Scenario {
    pub fn levels(&self) -> impl Iterator<Item = Level> + '_ {
        self.pass_marks.keys().copied()
    }

    pub fn offers(&self, level: Level) -> bool {
        self.pass_marks.contains_key(&level)
    }

    /// Questions asked and seconds allowed at `level`, over all rounds.
    pub fn size(&self, level: Level) -> RoundSize {
        self.rounds
            .iter()
            .filter_map(|r| r.sizes.get(&level))
            .fold(RoundSize { questions: 0, seconds: 0 }, |a, s| RoundSize {
                questions: a.questions + s.questions,
                seconds: a.seconds + s.seconds,
            })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioFile {
    id: Spanned<String>,
    title: String,
    #[serde(default)]
    briefing: String,
    #[serde(default)]
    banks: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    seconds_per_question: Option<Spanned<i64>>,
    #[serde(default)]
    order: Option<Order>,
    #[serde(default)]
    follow_ups: FollowUps,
    #[serde(default)]
    overtime_penalty: Option<Spanned<i64>>,
    #[serde(default)]
    topic_mix: BTreeMap<String, Spanned<i64>>,
    levels: Spanned<LevelsFile>,
    #[serde(default)]
    round: Vec<Spanned<RoundFile>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct LevelsFile {
    junior: Option<Spanned<LevelFile>>,
    mid: Option<Spanned<LevelFile>>,
    senior: Option<Spanned<LevelFile>>,
}

impl LevelsFile {
    fn iter(&self) -> impl Iterator<Item = (Level, &Spanned<LevelFile>)> {
        [
            (Level::Junior, &self.junior),
            (Level::Mid, &self.mid),
            (Level::Senior, &self.senior),
        ]
        .into_iter()
        .filter_map(|(l, f)| f.as_ref().map(|f| (l, f)))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LevelFile {
    questions: Option<Spanned<i64>>,
    minutes: Option<Spanned<i64>>,
    pass_mark: Option<Spanned<i64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoundFile {
    title: String,
    #[serde(default)]
    briefing: String,
    banks: Vec<Spanned<String>>,
    #[serde(default)]
    seconds_per_question: Option<Spanned<i64>>,
    #[serde(default)]
    order: Option<Order>,
    #[serde(default)]
    topic_mix: BTreeMap<String, Spanned<i64>>,
    levels: Spanned<LevelsFile>,
}

const DEFAULT_SECONDS_PER_QUESTION: u32 = 180;

impl Scenario {
    /// Parses and checks one scenario file, reporting every problem found.
    pub fn parse(src: &SourceFile) -> Result<Scenario, Diagnostics> {
        let file: ScenarioFile = toml::from_str(&src.text).map_err(|e| Diagnostics(vec![src.toml_error(&e)]))?;
        let mut p = Diagnostics::default();
        let id = file.id.get_ref().clone();
        if !valid_id(&id) {
            p.push(
                src.error_at(file.id.span(), format!("invalid scenario id `{}`", id.escape_debug()))
                    .with_help(id_help()),
            );
        }
        let check = |value: &Option<Spanned<i64>>, range: std::ops::RangeInclusive<i64>, what: &str, p: &mut Diagnostics| -> Option<i64> {
            let v = value.as_ref()?;
            if range.contains(v.get_ref()) {
                Some(*v.get_ref())
            } else {
                p.push(src.error_at(v.span(), format!("{what} is {}", v.get_ref())).with_help(format!(
                    "{what} must be from {} to {}",
                    range.start(),
                    range.end()
                )));
                None
            }
        };

        let mut pass_marks = BTreeMap::new();
        let top_spp = check(&file.seconds_per_question, 10..=3600, "`seconds_per_question`", &mut p)
            .map_or(DEFAULT_SECONDS_PER_QUESTION, |v| v as u32);
        let overtime_penalty = check(&file.overtime_penalty, 0..=100, "`overtime_penalty`", &mut p).unwrap_or(0) as u32;
        let top_mix = topic_mix(src, &file.topic_mix, &mut p);

        for (level, lf) in file.levels.get_ref().iter() {
            let lf = lf.get_ref();
            match check(&lf.pass_mark, 0..=100, "`pass_mark`", &mut p) {
                Some(mark) => {
                    pass_marks.insert(level, mark as u32);
                }
                None if lf.pass_mark.is_none() => {
                    p.push(
                        src.error_at(file.levels.span(), format!("level `{level}` has no `pass_mark`"))
                            .with_help("add `pass_mark = 60` (the score from 0 to 100 needed to pass)"),
                    );
                }
                None => {}
            }
        }
        if file.levels.get_ref().iter().next().is_none() {
            p.push(
                src.error_at(file.levels.span(), "the scenario offers no level")
                    .with_help("add a `[levels.junior]`, `[levels.mid]` or `[levels.senior]` table"),
            );
        }

        let mut rounds = Vec::new();
        let mut bank_spans = Vec::new();
        let sizes_of = |levels: &Spanned<LevelsFile>, p: &mut Diagnostics, with_sizes: bool| {
            let mut sizes = BTreeMap::new();
            for (level, lf) in levels.get_ref().iter() {
                let span = lf.span();
                let lf = lf.get_ref();
                let questions = check(&lf.questions, 1..=500, "`questions`", p);
                let minutes = check(&lf.minutes, 1..=600, "`minutes`", p);
                match (questions, minutes) {
                    (Some(q), Some(m)) => {
                        sizes.insert(
                            level,
                            RoundSize {
                                questions: q as usize,
                                seconds: m as u32 * 60,
                            },
                        );
                    }
                    _ if with_sizes && (lf.questions.is_none() || lf.minutes.is_none()) => {
                        p.push(
                            src.error_at(span, format!("level `{level}` needs `questions` and `minutes`"))
                                .with_help("say how many questions to ask and the total time in minutes"),
                        );
                    }
                    _ => {}
                }
            }
            sizes
        };

        if file.round.is_empty() {
            let Some(banks) = &file.banks else {
                p.push(
                    src.error_at(file.id.span(), "the scenario names no banks")
                        .with_help("add `banks = [\"bank-id\", ...]`, or `[[round]]` tables with their own banks"),
                );
                return Err(p);
            };
            bank_spans.extend(banks.iter().map(|b| (0, b.get_ref().clone(), b.span())));
            let sizes = sizes_of(&file.levels, &mut p, true);
            rounds.push(Round {
                title: file.title.clone(),
                briefing: String::new(),
                banks: banks.iter().map(|b| b.get_ref().clone()).collect(),
                seconds_per_question: top_spp,
                topic_mix: top_mix,
                order: file.order.unwrap_or_default(),
                sizes,
            });
        } else {
            if let Some(banks) = file.banks.as_ref().and_then(|b| b.first()) {
                p.push(
                    src.error_at(banks.span(), "top-level `banks` in a scenario with rounds")
                        .with_help("name the banks inside each [[round]]"),
                );
            }
            for (i, round) in file.round.iter().enumerate() {
                let r = round.get_ref();
                bank_spans.extend(r.banks.iter().map(|b| (i, b.get_ref().clone(), b.span())));
                if r.banks.is_empty() {
                    p.push(
                        src.error_at(round.span(), format!("round `{}` names no banks", r.title))
                            .with_help("add `banks = [\"bank-id\", ...]`"),
                    );
                }
                let sizes = sizes_of(&r.levels, &mut p, true);
                for level in sizes.keys() {
                    if !pass_marks.contains_key(level) && file.levels.get_ref().iter().all(|(l, _)| l != *level) {
                        p.push(
                            src.error_at(
                                r.levels.span(),
                                format!("round `{}` sizes level `{level}`, which the scenario does not offer", r.title),
                            )
                            .with_help(format!("add `[levels.{level}]` with a `pass_mark` at the top")),
                        );
                    }
                }
                rounds.push(Round {
                    title: r.title.clone(),
                    briefing: r.briefing.clone(),
                    banks: r.banks.iter().map(|b| b.get_ref().clone()).collect(),
                    seconds_per_question: check(&r.seconds_per_question, 10..=3600, "`seconds_per_question`", &mut p)
                        .map_or(top_spp, |v| v as u32),
                    topic_mix: if r.topic_mix.is_empty() {
                        topic_mix(src, &file.topic_mix, &mut Diagnostics::default())
                    } else {
                        topic_mix(src, &r.topic_mix, &mut p)
                    },
                    order: r.order.or(file.order).unwrap_or_default(),
                    sizes,
                });
            }
            for (level, _) in file.levels.get_ref().iter() {
                if rounds.iter().all(|r| !r.sizes.contains_key(&level)) {
                    p.push(
                        src.error_at(file.levels.span(), format!("no round asks questions at level `{level}`"))
                            .with_help(format!("add `[round.levels.{level}]` with `questions` and `minutes` to a round")),
                    );
                }
            }
        }
        let (line, col) = src.line_col(0);
        p.into_result(Scenario {
            id,
            title: file.title,
            briefing: file.briefing.trim().to_string(),
            rounds,
            pass_marks,
            follow_ups: file.follow_ups,
            overtime_penalty,
            origin: format!("{}:{line}:{col}", src.name),
            bank_spans,
        })
    }
}

fn topic_mix(src: &SourceFile, mix: &BTreeMap<String, Spanned<i64>>, p: &mut Diagnostics) -> BTreeMap<String, u32> {
    let mut out = BTreeMap::new();
    for (topic, weight) in mix {
        if !TOPICS.contains(&topic.as_str()) {
            p.push(
                src.error_at(weight.span(), format!("unknown topic `{topic}` in `topic_mix`"))
                    .with_help(format!("use one of: {}", TOPICS.join(", "))),
            );
        } else if !(0..=100).contains(weight.get_ref()) {
            p.push(
                src.error_at(weight.span(), format!("topic weight {} for `{topic}`", weight.get_ref()))
                    .with_help("weights are whole numbers from 0 (leave out) to 100"),
            );
        } else {
            out.insert(topic.clone(), *weight.get_ref() as u32);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIMPLE: &str = r#"
id = "demo"
title = "Demo"
briefing = "Hello."
banks = ["b1"]
order = "easy-first"
[topic_mix]
kubernetes = 2
[levels.junior]
questions = 3
minutes = 10
pass_mark = 60
"#;

    fn parse(text: &str) -> Result<Scenario, String> {
        Scenario::parse(&SourceFile::new("s.toml", text)).map_err(|e| e.to_string())
    }

    #[test]
    fn a_simple_scenario_is_one_round() {
        let s = parse(SIMPLE).unwrap();
        assert_eq!(s.rounds.len(), 1);
        assert_eq!(
            s.rounds[0].sizes[&Level::Junior],
            RoundSize {
                questions: 3,
                seconds: 600
            }
        );
        assert_eq!(s.rounds[0].order, Order::EasyFirst);
        assert_eq!(s.pass_marks[&Level::Junior], 60);
        assert_eq!(s.rounds[0].topic_mix["kubernetes"], 2);
    }

    #[test]
    fn problems_are_located() {
        let cases = [
            (
                "[levels.junior]",
                "[levels.expert]",
                "unknown field `expert`, expected one of `junior`, `mid`, `senior`",
            ),
            ("pass_mark = 60", "pass_mark = 160", "s.toml:12:13: `pass_mark` is 160"),
            ("pass_mark = 60", "", "level `junior` has no `pass_mark`"),
            ("minutes = 10\n", "", "level `junior` needs `questions` and `minutes`"),
            ("kubernetes = 2", "kubernets = 2", "unknown topic `kubernets` in `topic_mix`"),
            ("banks = [\"b1\"]", "", "the scenario names no banks"),
            ("order = \"easy-first\"", "order = \"random\"", "unknown variant `random`"),
        ];
        for (from, to, expected) in cases {
            let err = parse(&SIMPLE.replacen(from, to, 1)).unwrap_err();
            assert!(err.contains(expected), "{from:?} → {to:?}: expected {expected:?} in\n{err}");
        }
    }

    #[test]
    fn rounds_carry_their_own_budgets() {
        let text = r#"
id = "loop"
title = "Loop"
[levels.mid]
pass_mark = 65
[[round]]
title = "Screen"
banks = ["a"]
[round.levels.mid]
questions = 2
minutes = 5
[[round]]
title = "Design"
banks = ["b"]
seconds_per_question = 600
[round.levels.mid]
questions = 1
minutes = 15
"#;
        let s = parse(text).unwrap();
        assert_eq!(s.rounds.len(), 2);
        assert_eq!(
            s.size(Level::Mid),
            RoundSize {
                questions: 3,
                seconds: 1200
            }
        );
        assert_eq!(s.rounds[1].seconds_per_question, 600);
    }
}
