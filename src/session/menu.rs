//! The start menu of a bare `grill` in a terminal: pick a scenario and a
//! level (the KubeFlow Ops ladder at junior level preselected), or "Find
//! my level", a placement on the scenario; then, for an interview, who
//! grades first: the grader alone, or you (`--self-grade`).

use console::Term;
use dialoguer::Select;

use crate::bank::Level;
use crate::catalog::Catalog;

/// What the candidate chose in the menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// An interview of a scenario at a level.
    Interview(String, Level),
    /// "Find my level": a placement on a scenario.
    Placement(String),
}

/// The keys, shown with each menu's prompt. dialoguer takes Esc and `q`
/// alike: one step back, out of the menu at its first step.
const KEYS: &str = "↑/↓ move · Enter choose · Esc back";

/// The interview or placement chosen, or `None` when the candidate backs
/// out. Esc at the level goes back to the scenarios, the one last chosen
/// preselected.
pub fn choose(catalog: &Catalog, default_scenario: &str) -> dialoguer::Result<Option<Choice>> {
    let term = Term::stderr();
    let items: Vec<String> = catalog.scenarios.iter().map(|s| format!("{} ({})", s.title, s.id)).collect();
    let mut default = catalog.scenarios.iter().position(|s| s.id == default_scenario).unwrap_or(0);
    let result = (|| loop {
        let Some(i) = select(&term, "Interview", &items, default)? else {
            return Ok(None);
        };
        default = i;
        let scenario = &catalog.scenarios[i];
        let levels: Vec<Level> = scenario.levels().collect();
        let mut labels: Vec<String> = levels
            .iter()
            .map(|&l| {
                let size = scenario.size(l);
                format!(
                    "{l} — {}, {}",
                    crate::layout::plural(size.questions, "question"),
                    crate::layout::mmss(crate::layout::round_to_5(size.seconds))
                )
            })
            .collect();
        labels.push("Find my level — an adaptive placement, 6 to 12 questions".to_string());
        let Some(j) = select(&term, "Level", &labels, 0)? else {
            continue;
        };
        return Ok(Some(match levels.get(j) {
            Some(&level) => Choice::Interview(scenario.id.clone(), level),
            None => Choice::Placement(scenario.id.clone()),
        }));
    })();
    // Select hides the cursor; show it again however the menu ended.
    let _ = term.show_cursor();
    result
}

/// One step of the menu, its keys beside the prompt.
fn select<S: AsRef<str>>(term: &Term, prompt: &str, items: &[S], default: usize) -> dialoguer::Result<Option<usize>> {
    let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    Select::new()
        .with_prompt(format!("{prompt}  ({KEYS})"))
        .items(&items)
        .default(default)
        .interact_on_opt(term)
}

/// Who grades the answers of an interview started from the menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grading {
    /// The grader's report at the end.
    Grader,
    /// Rate each answer against the reference yourself before the grader's
    /// findings are shown (`--self-grade`).
    SelfGrade,
}

/// The menu's last question for an interview; `None` when the candidate
/// backs out.
pub fn choose_grading() -> dialoguer::Result<Option<Grading>> {
    let term = Term::stderr();
    let items = [
        "The grader's report at the end",
        "Self-grade — rate each answer against the reference yourself first, then see the grader's",
    ];
    let chosen = select(&term, "Grading", &items, 0);
    let _ = term.show_cursor();
    Ok(chosen?.map(|i| if i == 1 { Grading::SelfGrade } else { Grading::Grader }))
}
