//! Indicator tables: "STT | Chỉ tiêu | Đơn vị tính | Năm 2025 | Năm 2026 | Năm 2027".
//! A plan's appendix often sets its goals year by year in such a table,
//! with the figure alone in its cell; each figure in a column of a year the
//! plan looks ahead to is a target of the row's indicator, in the row's unit.
//!
//! Merged header cells shift the columns of the rows below ("Năm hiện hành
//! 2025" spans "Kế hoạch | Ước thực hiện"; a title row spans the leading
//! cells): the year columns are counted from the right, the indicator and
//! unit columns from the left, and from the right where the left one holds
//! no unit.

use super::targets::{Hit, parse_value};
use super::words::contains_word;
use crate::normalize::vietnamese::fold_key;
use crate::normalize::{LineKind, NormDoc};
use regex::Regex;
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct RawIndicatorTable {
    indicator_columns: Vec<String>,
    unit_columns: Vec<String>,
    past_columns: Vec<String>,
    plan_columns: Vec<String>,
}

pub struct IndicatorTableGrammar {
    indicator_columns: Vec<String>,
    unit_columns: Vec<String>,
    past_columns: Vec<String>,
    plan_columns: Vec<String>,
    year: Regex,
    value: Regex,
}

/// The longest unit cell read as a unit ("Tỷ đồng", "Triệu USD", "%",
/// "Người/1.000 dân"); a longer cell is text.
const UNIT_CHARS: usize = 24;

/// The longest line between two rows that still counts as part of the
/// table around it (see `figures`).
const DEBRIS_BYTES: usize = 100;

/// A figure found in an indicator table, with the row's words.
pub struct TableFigure {
    pub hit: Hit,
    /// The value cell, the figure's place in the text.
    pub cell: (usize, usize),
    /// The line of the row, to find the section it belongs to.
    pub line: usize,
}

/// Where a table's columns are, counted so that merged cells do not matter.
struct Layout {
    width: usize,
    indicator: usize,
    /// The unit column; None when the units stand under the years instead
    /// ("Kế hoạch 2026" over "Lượng (Tấn) | Giá trị (Nghìn USD)").
    unit: Option<usize>,
    goals: Vec<Goal>,
    /// A column that spans several years ("GIAI ĐOẠN 2026 - 2030"), counted
    /// from the left, to be split by a row of years under it.
    span_column: Option<usize>,
    /// The year columns at the right end of the header, counted from the
    /// right, with the empty cells a PDF reader can leave among them
    /// skipped; empty when a named column stands among or after them.
    year_block: Vec<usize>,
}

/// A column that sets goals for a year.
struct Goal {
    /// Counted from the right.
    right: usize,
    year: i32,
    /// The unit its own header gives, over the row's unit cell.
    unit: Option<String>,
}

impl Goal {
    /// The goal's column in a row of `n` cells.
    fn column(&self, n: usize) -> Option<usize> {
        n.checked_sub(self.right + 1)
    }
}

impl IndicatorTableGrammar {
    pub fn compile(raw: RawIndicatorTable) -> Result<Self, regex::Error> {
        let fold = |v: Vec<String>| v.iter().map(|w| fold_key(w)).collect::<Vec<_>>();
        Ok(IndicatorTableGrammar {
            indicator_columns: fold(raw.indicator_columns),
            unit_columns: fold(raw.unit_columns),
            past_columns: fold(raw.past_columns),
            plan_columns: fold(raw.plan_columns),
            year: Regex::new(r"(?-u:\b)(?:19|20)\d{2}(?-u:\b)")?,
            value: Regex::new(r"^(?P<cmp>[≥≤><]=?)?\s*(?P<n1>\d[\d.,]*)\s*(?:[-–]\s*(?P<n2>\d[\d.,]*))?\s*%?$")?,
        })
    }

    /// Every goal figure of every indicator table in the document;
    /// `comparator` reads a bound written before a figure ("≥ 95").
    pub fn figures(&self, doc: &NormDoc, doc_year: Option<i32>, comparator: &dyn Fn(&str) -> Option<String>) -> Vec<TableFigure> {
        let mut out = Vec::new();
        let mut layout: Option<(usize, Layout)> = None;
        let mut after_header = false;
        let mut last_row = 0;
        for (li, line) in doc.lines.iter().enumerate() {
            let LineKind::Row { table, cells: own, values, .. } = &line.kind else { continue };
            // Outside an indicator table only a header matters, and it names a year.
            if layout.is_none() && !self.year.is_match(&doc.text[line.start..line.end]) {
                continue;
            }
            let cells: Vec<&str> = values.iter().map(|&(s, e)| doc.text[s..e].trim()).collect();
            // Word pads a header with empty grid cells on the right, which
            // would shift the columns counted from there.
            let filled = cells.iter().rposition(|c| !c.is_empty()).map_or(0, |i| i + 1);
            if let Some(l) = self.header(&cells[..filled], doc_year) {
                last_row = li;
                layout = Some((*table, l));
                after_header = true;
                continue;
            }
            let Some((t, l)) = layout.as_mut() else { continue };
            // A table broken by short lines that are not rows (a row whose
            // cells were run together, a page number) goes on after them.
            if *t != *table {
                let between = last_row + 1..li;
                if !between.clone().all(|i| doc.lines[i].end - doc.lines[i].start <= DEBRIS_BYTES) {
                    layout = None;
                    continue;
                }
                *t = *table;
            }
            last_row = li;
            // "GIAI ĐOẠN 2026 - 2030" over "Năm 2026 | ... | Năm 2030";
            // "Kế hoạch 2026" over "Lượng (Tấn) | Giá trị (Nghìn USD)".
            if std::mem::take(&mut after_header) {
                if self.split_span(l, &cells, doc_year) || split_units(l, &cells) {
                    continue;
                }
                if l.unit.is_none() {
                    layout = None;
                    continue;
                }
            }
            // A figure is read from its own cell: an empty cell merged with
            // the one above ("values") repeats the figure of another row.
            let figures: Vec<&str> = own.iter().map(|&(s, e)| doc.text[s..e].trim()).collect();
            let Some(names) = self.row_names(l, &cells) else { continue };
            match stacked_rows(l, names, &cells, &figures) {
                Some(rows) => stacked_figures(l, &rows, (&doc.text, &figures, own), li, &mut out),
                None => self.row_figures(l, names, (&cells, &figures, own), li, comparator, &mut out),
            }
        }
        out
    }

    /// The layout of a header row: it names an indicator column, a unit
    /// column and at least one year.
    fn header(&self, cells: &[&str], doc_year: Option<i32>) -> Option<Layout> {
        // Most rows are data: a header is short and names a year, which is
        // cheaper to test than folding every cell.
        if cells.len() < 3 || cells.iter().any(|c| c.len() > 60 && c.chars().count() > 60) || !cells.iter().any(|c| self.year.is_match(c)) {
            return None;
        }
        let keys: Vec<String> = cells.iter().map(|c| fold_key(c.trim_end_matches([':', '.']))).collect();
        let indicator = keys.iter().position(|k| self.indicator_columns.iter().any(|w| k.strip_prefix(w.as_str()).is_some_and(|r| r.is_empty() || r.starts_with(' '))))?;
        let unit = keys.iter().position(|k| self.unit_columns.iter().any(|w| k == w));
        let width = cells.len();
        let mut goals = Vec::new();
        let mut span_column = None;
        let mut year_cols = Vec::new();
        for (col, (cell, key)) in cells.iter().zip(&keys).enumerate() {
            if col == indicator || Some(col) == unit {
                continue;
            }
            let years: Vec<i32> = self.year.find_iter(cell).filter_map(|m| m.as_str().parse().ok()).collect();
            let Some(&last) = years.last() else { continue };
            year_cols.push(col);
            if years.len() > 1 {
                span_column = Some(col);
            }
            if self.is_goal_column(key, last, doc_year) {
                goals.push(Goal { right: width - 1 - col, year: last, unit: None });
            }
        }
        let year_block = match year_cols.first() {
            Some(&first) if cells[first..].iter().enumerate().all(|(i, c)| c.is_empty() || year_cols.contains(&(first + i))) => {
                year_cols.iter().map(|&c| width - 1 - c).collect()
            }
            _ => Vec::new(),
        };
        (!goals.is_empty() || span_column.is_some()).then_some(Layout { width, indicator, unit, goals, span_column, year_block })
    }

    /// Whether a column of `year` headed `key` sets goals: a later year than
    /// the document's, or its own year as a plan; never a result.
    fn is_goal_column(&self, key: &str, year: i32, doc_year: Option<i32>) -> bool {
        if self.past_columns.iter().any(|w| contains_word(key, w)) {
            return false;
        }
        match doc_year {
            Some(d) if year < d => false,
            Some(d) if year == d => self.plan_columns.iter().any(|w| contains_word(key, w)),
            _ => true,
        }
    }

    /// A row of years under a span column replaces it by one goal column
    /// per year. Returns whether the row was such a row.
    fn split_span(&self, l: &mut Layout, cells: &[&str], doc_year: Option<i32>) -> bool {
        let Some(col) = l.span_column else { return false };
        let years: Vec<(usize, i32)> = cells
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let m = self.year.find(c)?;
                // A cell that is a year heading ("Năm 2026", "2027"), not a value.
                (c.chars().count() <= 12).then_some((i, m.as_str().parse().ok()?))
            })
            .collect();
        if years.len() < 2 {
            return false;
        }
        // The span becomes one column per year: columns right of it keep
        // their place from the right, those left of it move k - 1 further.
        let k = years.len();
        let span = l.width - 1 - col;
        l.width += k - 1;
        l.goals.retain(|g| g.right != span);
        for g in l.goals.iter_mut().filter(|g| g.right > span) {
            g.right += k - 1;
        }
        for (j, &(i, y)) in years.iter().enumerate() {
            if self.is_goal_column(&fold_key(cells[i]), y, doc_year) {
                l.goals.push(Goal { right: span + (k - 1 - j), year: y, unit: None });
            }
        }
        true
    }

    /// The indicator and unit columns of a row whose leading cells match
    /// neither end of the header (a PDF reader put a header row's cells in
    /// columns of their own): the unit is the first cell left of the goal
    /// figures that is not a figure, the indicator the next filled cell
    /// left of it, in words.
    fn unit_before_figures(&self, l: &Layout, cells: &[&str]) -> Option<(usize, usize)> {
        let first_goal = cells.len().checked_sub(l.goals.iter().map(|g| g.right).max()? + 1)?;
        // (a cell of figures run together from two rows is no unit either)
        let figures = |c: &str| self.value.is_match(c) || figure_count(c).is_some();
        let unit = (0..first_goal).rev().find(|&c| !cells[c].is_empty() && !figures(cells[c]))?;
        if !looks_like_unit(cells[unit]) {
            return None;
        }
        let indicator = (0..unit).rev().find(|&c| !cells[c].is_empty())?;
        // A name is written in words, not as a row index ("I", "A") or a
        // column number, which the guess would otherwise take for one.
        cells[indicator].chars().any(char::is_lowercase).then_some((indicator, unit))
    }

    /// The indicator column of a data row and its unit column, if any.
    fn row_names(&self, l: &Layout, cells: &[&str]) -> Option<(usize, Option<usize>)> {
        let n = cells.len();
        // Left-counted columns hold when the row is as wide as the header or
        // wider on the right; else count them from the right.
        let from_right = |col: usize| (n + col).checked_sub(l.width);
        let positional = match l.unit {
            Some(u) if looks_like_unit(cells.get(u).copied().unwrap_or("")) => Some((l.indicator, Some(u))),
            Some(u) => match (from_right(l.indicator), from_right(u)) {
                (Some(i), Some(u)) if looks_like_unit(cells[u]) => Some((i, Some(u))),
                _ => None,
            },
            None if n >= l.width => Some((l.indicator, None)),
            None => from_right(l.indicator).map(|i| (i, None)),
        };
        let named = |&(i, _): &(usize, Option<usize>)| cells.get(i).is_some_and(|c| c.chars().any(char::is_alphabetic));
        let guessed = || l.unit.and_then(|_| self.unit_before_figures(l, cells)).map(|(i, u)| (i, Some(u)));
        positional.filter(named).or_else(guessed)
    }

    /// The goal figures of one data row: `cells` read through merges (for
    /// the indicator and unit), `figures` and `at` each cell's own text.
    fn row_figures(
        &self,
        l: &Layout,
        (indicator, unit): (usize, Option<usize>),
        (cells, figures, at): (&[&str], &[&str], &[(usize, usize)]),
        line: usize,
        comparator: &dyn Fn(&str) -> Option<String>,
        out: &mut Vec<TableFigure>,
    ) {
        let n = cells.len();
        let name = row_name(cells[indicator]);
        for goal in &l.goals {
            let Some(unit_text) = goal.unit.as_deref().or(unit.map(|u| cells[u])) else { continue };
            let Some(col) = goal.column(n) else { continue };
            if col <= unit.unwrap_or(0).max(indicator) {
                continue;
            }
            let (Some(figure), Some(&cell)) = (figures.get(col), at.get(col)) else { continue };
            let Some(caps) = self.value.captures(figure) else { continue };
            let Some(value) = caps.name("n1").map(|m| parse_value(m.as_str())) else { continue };
            // "0" in a table says there is none of it; nobody aims at zero.
            if value == 0.0 {
                continue;
            }
            let base = Hit {
                value,
                unit: unit_text.to_string(),
                comparator: caps.name("cmp").and_then(|m| comparator(m.as_str())).unwrap_or_else(|| "eq".to_string()),
                change: None,
                indicator: name.to_string(),
                year: Some(goal.year),
                at: (0, cell.1 - cell.0),
            };
            match caps.name("n2") {
                // "1-1,5": a range, two targets.
                Some(n2) if parse_value(n2.as_str()) > base.value => {
                    out.push(TableFigure { hit: Hit { comparator: "gte".into(), ..base.clone() }, cell, line });
                    out.push(TableFigure { hit: Hit { value: parse_value(n2.as_str()), comparator: "lte".into(), ..base }, cell, line });
                }
                _ => out.push(TableFigure { hit: base, cell, line }),
            }
        }
    }
}

/// An indicator cell without the list mark of a sub-row ("- Dịch vụ",
/// "+ Học sinh bán trú"): the mark shows the row's rank, not its name.
fn row_name(cell: &str) -> &str {
    cell.trim_start_matches(['-', '–', '+', '•', '*', ' '])
}

/// Rows a PDF reader ran into one, each cell holding one figure per row
/// ("Sắn - Diện tích - Sản lượng | Ha Tấn | 43.114 526.420 | 43.600 540.640"):
/// each row's indicator and unit, when every goal cell holds the same number
/// of figures, and the unit cell (or the header) one unit for each.
struct StackedRow<'a> {
    indicator: &'a str,
    unit: Option<&'a str>,
}

fn stacked_rows<'a>(l: &Layout, (indicator, unit): (usize, Option<usize>), cells: &[&'a str], figures: &[&str]) -> Option<Vec<StackedRow<'a>>> {
    let (name, unit) = (row_name(cells[indicator]), unit.map(|u| cells[u]));
    let n = figures.len();
    let mut count = None;
    for goal in &l.goals {
        let Some(cell) = goal.column(n).and_then(|c| figures.get(c)) else { continue };
        let k = figure_count(cell)?;
        if k < 2 || count.is_some_and(|c| c != k) {
            return None;
        }
        count = Some(k);
    }
    let k = count?;
    let units: Vec<Option<&str>> = match unit {
        Some(u) => {
            let words: Vec<&str> = u.split_whitespace().collect();
            if words.len() != k {
                return None;
            }
            words.into_iter().map(Some).collect()
        }
        None => vec![None; k],
    };
    // "3 Sắn - Diện tích - Sản lượng": the last parts name the rows; "Xoài
    // Nhãn": one word each. Else every row keeps the whole name.
    let dashed: Vec<&str> = name.split(" - ").map(str::trim).collect();
    let words: Vec<&str> = name.split_whitespace().collect();
    let names: Vec<&str> = if dashed.len() > k {
        dashed[dashed.len() - k..].to_vec()
    } else if words.len() == k {
        words
    } else {
        vec![name; k]
    };
    Some(names.into_iter().zip(units).map(|(indicator, unit)| StackedRow { indicator, unit }).collect())
}

/// How many figures a cell holds, if it holds only figures.
fn figure_count(cell: &str) -> Option<usize> {
    cell.split_whitespace().try_fold(0, |n, w| is_figure_word(w).then_some(n + 1))
}

/// The figures of a cell that holds only figures, each with its byte offset.
fn stacked_figures_in(cell: &str) -> Option<Vec<(usize, &str)>> {
    cell.split_whitespace().map(|w| is_figure_word(w).then(|| (w.as_ptr() as usize - cell.as_ptr() as usize, w))).collect()
}

fn is_figure_word(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_digit()) && w.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
}

/// The figures of rows run into one, each as the target of its own row.
fn stacked_figures(l: &Layout, rows: &[StackedRow], (text, figures, at): (&str, &[&str], &[(usize, usize)]), line: usize, out: &mut Vec<TableFigure>) {
    let n = figures.len();
    for goal in &l.goals {
        let Some(col) = goal.column(n) else { continue };
        let (Some(figure), Some(&cell)) = (figures.get(col), at.get(col)) else { continue };
        let Some(found) = stacked_figures_in(figure) else { continue };
        // where the trimmed cell text starts, within the cell
        let lead = (figure.as_ptr() as usize).saturating_sub(text.as_ptr() as usize).saturating_sub(cell.0);
        for (row, (off, fig)) in rows.iter().zip(found) {
            let Some(unit) = goal.unit.as_deref().or(row.unit) else { continue };
            let value = parse_value(fig);
            if value == 0.0 {
                continue;
            }
            let hit = Hit {
                value,
                unit: unit.to_string(),
                comparator: "eq".to_string(),
                change: None,
                indicator: row.indicator.to_string(),
                year: Some(goal.year),
                at: (lead + off, lead + off + fig.len()),
            };
            out.push(TableFigure { hit, cell, line });
        }
    }
}

/// A row of units under the year columns ("Lượng (Tấn) | Giá trị (Nghìn
/// USD)" repeated under each year) splits each year into one column per
/// unit. Returns whether the row was such a row.
fn split_units(l: &mut Layout, cells: &[&str]) -> bool {
    let years = l.year_block.len();
    let subs: Vec<&str> = cells.iter().copied().filter(|c| !c.is_empty()).collect();
    if years == 0 || subs.is_empty() || !subs.len().is_multiple_of(years) {
        return false;
    }
    let k = subs.len() / years;
    let Some(units) = subs[..k].iter().map(|c| bracketed_unit(c)).collect::<Option<Vec<&str>>>() else { return false };
    // The same units under every year.
    if subs.chunks(k).any(|chunk| chunk.iter().zip(&subs[..k]).any(|(a, b)| fold_key(a) != fold_key(b))) {
        return false;
    }
    // The block (from its first year to the header's end, empty cells and
    // all) becomes k columns per year; a year's place is its rank in the
    // block, as the empty cells a PDF reader left there are no columns.
    let block = l.year_block.iter().max().map_or(0, |&r| r + 1);
    l.width = l.width - block + years * k;
    let rank = |right: usize| l.year_block.iter().filter(|&&r| r < right).count();
    l.goals = std::mem::take(&mut l.goals)
        .into_iter()
        .filter(|g| l.year_block.contains(&g.right))
        .flat_map(|g| {
            let r = rank(g.right);
            units.iter().enumerate().map(move |(s, u)| Goal { right: r * k + (k - 1 - s), year: g.year, unit: Some(u.to_string()) }).collect::<Vec<_>>()
        })
        .collect();
    true
}

/// "Giá trị tham gia xuất khẩu (Nghìn USD)" -> "Nghìn USD".
fn bracketed_unit(cell: &str) -> Option<&str> {
    let inner = cell.trim_end().strip_suffix(')')?;
    let unit = inner[inner.rfind('(')? + 1..].trim();
    looks_like_unit(unit).then_some(unit)
}

/// A unit cell: short, with a letter or a percent sign, and no figure of
/// its own beyond a scale ("1.000 dân").
fn looks_like_unit(cell: &str) -> bool {
    let chars = cell.chars().count();
    chars > 0 && chars <= UNIT_CHARS && (cell.contains('%') || cell.chars().any(char::is_alphabetic))
}
