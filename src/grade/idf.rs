//! Term rarity: inverse document frequency over a set of texts (the bank's
//! references, or a batch's), so that rare terms say more than common ones.

use crate::fasthash::{FastMap, FastSet};
use crate::text::{Analyzer, StemId};

/// In how many texts each term appears, out of how many.
#[derive(Debug, Clone, Default)]
pub struct Idf {
    df: FastMap<StemId, u32>,
    docs: u32,
}

impl Idf {
    /// Counts in how many of `texts` each term appears. The ids are those
    /// of `analyzer`: use the result only with a grader built on it.
    pub fn from_texts<'t>(analyzer: &Analyzer, texts: impl IntoIterator<Item = &'t str>) -> Idf {
        let mut idf = Idf::default();
        let mut ids = Vec::new();
        for text in texts {
            idf.docs += 1;
            ids.clear();
            analyzer.stem_ids(text, &mut ids);
            let unique: FastSet<StemId> = ids.iter().copied().collect();
            for stem in unique {
                *idf.df.entry(stem).or_insert(0) += 1;
            }
        }
        idf
    }

    /// Smoothed inverse document frequency; unseen terms count as rarest.
    pub fn weight(&self, stem: StemId) -> f64 {
        let df = self.df.get(&stem).copied().unwrap_or(0);
        (f64::from(self.docs + 1) / f64::from(df + 1)).ln() + 1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Aliases;

    #[test]
    fn rare_terms_weigh_more_and_unseen_most() {
        let a = Analyzer::new(&Aliases::default());
        let idf = Idf::from_texts(&a, ["pods run containers", "pods restart", "pods pods pods scale"]);
        let id = |w: &str| a.terms(w)[0].id;
        let (common, rare, unseen) = (idf.weight(id("pods")), idf.weight(id("restart")), idf.weight(id("terraform")));
        assert!(common < rare && rare < unseen, "{common} {rare} {unseen}");
        assert!((common - 1.0).abs() < 1e-9, "a term in every text weighs 1");
    }
}
