//! Which questions a new plan should avoid: those of the latest sessions
//! of the same scenario and level, as many sessions back as still leave
//! enough unasked questions — so questions come back only once the pool
//! has run out. Pure: history hands in what each session asked.

use std::collections::{BTreeSet, HashSet};

use crate::bank::Level;
use crate::catalog::Catalog;
use crate::scenario::Scenario;

/// The questions of the last sessions of `scenario` at `level` to avoid
/// repeating: `sessions` (each the ids it asked, newest first) are added
/// while enough questions stay unasked for `count` (default: the
/// scenario's); the latest session is always avoided. Once the pool runs
/// out the cycle starts again.
pub fn recent_to_avoid<'a>(
    catalog: &Catalog,
    scenario: &Scenario,
    level: Level,
    count: Option<usize>,
    sessions: impl IntoIterator<Item = &'a [String]>,
) -> BTreeSet<String> {
    let pool: HashSet<&str> = scenario
        .rounds
        .iter()
        .flat_map(|r| catalog.pool(&r.banks, level))
        .map(|q| q.id.as_str())
        .collect();
    let needed = count.unwrap_or(scenario.size(level).questions);
    let mut avoid = BTreeSet::new();
    for (i, asked) in sessions.into_iter().enumerate() {
        let mut more = avoid.clone();
        more.extend(asked.iter().filter(|id| pool.contains(id.as_str())).cloned());
        if i > 0 && pool.len().saturating_sub(more.len()) < needed {
            break;
        }
        avoid = more;
    }
    avoid
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::tests::catalog;

    #[test]
    fn recent_sessions_are_avoided_until_the_pool_runs_out() {
        let c = catalog(4, 60);
        let s = c.scenario("s").unwrap();
        let ids = |list: &[&str]| -> Vec<String> { list.iter().map(|id| id.to_string()).collect() };
        let a = ids(&["kubernetes-0", "kubernetes-1", "security-0"]);
        let b = ids(&["security-1", "cost-0", "cost-1", "not-in-the-pool"]);
        let d = ids(&["cost-2"]);
        // 12 in the pool, 6 needed: the newest session is always avoided, an
        // older one only while 6 stay unasked.
        let avoid = recent_to_avoid(&c, s, Level::Mid, None, [a.as_slice(), b.as_slice(), d.as_slice()]);
        assert_eq!(avoid, a.iter().chain(&b[..3]).cloned().collect());
        let avoid = recent_to_avoid(&c, s, Level::Mid, Some(11), [a.as_slice(), b.as_slice()]);
        assert_eq!(avoid, a.iter().cloned().collect());
        assert!(recent_to_avoid(&c, s, Level::Mid, None, std::iter::empty()).is_empty());
    }
}
