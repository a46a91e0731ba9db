//! The start menu of a bare `grill` in a terminal: pick a scenario and a
//! level (the KubeFlow Ops ladder at junior level preselected), or "Find
//! my level", a placement on the scenario.

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

/// The interview or placement chosen, or `None` when the candidate backs out.
pub fn choose(catalog: &Catalog, default_scenario: &str) -> dialoguer::Result<Option<Choice>> {
    let term = Term::stderr();
    let items: Vec<String> = catalog.scenarios.iter().map(|s| format!("{} ({})", s.title, s.id)).collect();
    let default = catalog.scenarios.iter().position(|s| s.id == default_scenario).unwrap_or(0);
    let result = (|| {
        let Some(i) = Select::new()
            .with_prompt("Interview")
            .items(&items)
            .default(default)
            .interact_on_opt(&term)?
        else {
            return Ok(None);
        };
        let scenario = &catalog.scenarios[i];
        let levels: Vec<Level> = scenario.levels().collect();
        let mut labels: Vec<String> = levels
            .iter()
            .map(|&l| {
                let size = scenario.size(l);
                format!("{l} — {} questions, {}", size.questions, crate::layout::mmss(size.seconds))
            })
            .collect();
        labels.push("Find my level — an adaptive placement, 6 to 12 questions".to_string());
        let Some(j) = Select::new()
            .with_prompt("Level")
            .items(&labels)
            .default(0)
            .interact_on_opt(&term)?
        else {
            return Ok(None);
        };
        Ok(Some(match levels.get(j) {
            Some(&level) => Choice::Interview(scenario.id.clone(), level),
            None => Choice::Placement(scenario.id.clone()),
        }))
    })();
    // Select hides the cursor; show it again however the menu ended.
    let _ = term.show_cursor();
    result
}
