//! Tables whose columns adapt to the width: each column as wide as its
//! widest cell; when the table is too wide, the columns that matter least
//! go first, then the columns that may be cut are cut (with `…`). Ids,
//! dates and commands are never cut.

use super::{cut, width};

/// One column of a [`table`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub title: &'static str,
    /// Right-aligned (numbers).
    pub right: bool,
    /// Dropped when the table does not fit, lowest first; 0 is never dropped.
    pub drop: u8,
    /// May be cut down to this many columns (0: never cut).
    pub cut_to: usize,
}

impl Column {
    /// A column that is always shown whole.
    pub const fn kept(title: &'static str) -> Column {
        Column {
            title,
            right: false,
            drop: 0,
            cut_to: 0,
        }
    }

    pub const fn right(self) -> Column {
        Column { right: true, ..self }
    }

    /// Dropped when the table does not fit (`order`: lowest goes first).
    pub const fn dropped(self, order: u8) -> Column {
        Column { drop: order, ..self }
    }

    /// Cut to no fewer than `min` columns when the table does not fit.
    pub const fn cut(self, min: usize) -> Column {
        Column { cut_to: min, ..self }
    }
}

const GAP: usize = 2;

/// `rows` (plain text cells, one per column) under a header line, laid out
/// in at most `columns` display columns where dropping and cutting can
/// make it fit. Each line ends with a line break.
pub fn table(spec: &[Column], rows: &[Vec<String>], columns: usize) -> String {
    let mut widths: Vec<usize> = spec
        .iter()
        .enumerate()
        .map(|(i, c)| {
            rows.iter()
                .map(|r| r.get(i).map_or(0, |s| width(s)))
                .fold(width(c.title), usize::max)
        })
        .collect();
    let mut shown: Vec<bool> = vec![true; spec.len()];
    let total = |widths: &[usize], shown: &[bool]| {
        let n = shown.iter().filter(|&&s| s).count();
        widths.iter().zip(shown).filter(|(_, s)| **s).map(|(w, _)| w).sum::<usize>() + GAP * n.saturating_sub(1)
    };
    let mut order: Vec<usize> = (0..spec.len()).filter(|&i| spec[i].drop > 0).collect();
    order.sort_by_key(|&i| spec[i].drop);
    // Drop the columns that matter least first...
    // ... until cutting what may be cut would be enough.
    let cut_widths: Vec<usize> = widths
        .iter()
        .zip(spec)
        .map(|(&w, c)| if c.cut_to > 0 { w.min(c.cut_to) } else { w })
        .collect();
    for i in order {
        if total(&cut_widths, &shown) <= columns {
            break;
        }
        shown[i] = false;
    }
    // Then cut what may be cut, as far as it may.
    for i in 0..spec.len() {
        let over = total(&widths, &shown).saturating_sub(columns);
        if over > 0 && spec[i].cut_to > 0 && widths[i] > spec[i].cut_to {
            widths[i] -= over.min(widths[i] - spec[i].cut_to);
        }
    }
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut out = String::new();
        for (i, cell) in cells.enumerate() {
            if !shown[i] {
                continue;
            }
            if !out.is_empty() {
                out.push_str(&" ".repeat(GAP));
            }
            let cell = cut(cell, widths[i]);
            let pad = " ".repeat(widths[i].saturating_sub(width(&cell)));
            if spec[i].right {
                out.push_str(&pad);
                out.push_str(&cell);
            } else {
                out.push_str(&cell);
                out.push_str(&pad);
            }
        }
        out.trim_end().to_string() + "\n"
    };
    let mut out = line(&mut spec.iter().map(|c| c.title));
    for row in rows {
        out += &line(&mut row.iter().map(String::as_str));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: [Column; 4] = [
        Column::kept("ID"),
        Column::kept("Scenario").cut(8),
        Column::kept("Kind").dropped(1),
        Column::kept("Score").right(),
    ];

    fn rows() -> Vec<Vec<String>> {
        vec![vec![
            "20261206-015512-ab12".into(),
            "kubeflow-ops ladder".into(),
            "interview".into(),
            "71.5".into(),
        ]]
    }

    #[test]
    fn fits_whole_when_there_is_room() {
        let t = table(&SPEC, &rows(), 80);
        assert_eq!(
            t,
            "ID                    Scenario             Kind       Score\n20261206-015512-ab12  kubeflow-ops ladder  interview   71.5\n"
        );
    }

    #[test]
    fn cuts_then_drops_but_never_cuts_an_id() {
        for columns in [40, 50, 60] {
            let t = table(&SPEC, &rows(), columns);
            assert!(t.lines().all(|l| width(l) <= columns), "{columns}:\n{t}");
            assert!(t.contains("20261206-015512-ab12"), "{t}");
        }
        let t = table(&SPEC, &rows(), 40);
        assert!(!t.contains("Kind") && t.contains("kubeflow-o…"), "{t}");
    }
}
