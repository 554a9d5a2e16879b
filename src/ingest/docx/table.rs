//! Table assembly: Word's cells (with spans and vertical merges) -> a
//! rectangular grid of cell texts.
//!
//! * `w:gridSpan` n: the text goes in the first grid column, the other n-1
//!   columns get empty cells (the text is not repeated, so a title row
//!   spanning the table does not appear n times);
//! * `w:vMerge` continue: each covered column takes the text of the cell
//!   above, so every row can be read on its own;
//! * `w:gridBefore` / `w:gridAfter`: empty cells;
//! * rows are padded with empty cells to the table width;
//! * rows deleted with tracked changes are dropped.
//!
//! Every cell counts against the reader's output budget, because merges and
//! padding can make the output much larger than the XML.

use super::{Budget, MergedCells};
use crate::ingest::{IngestError, Table};

/// Word's own limit is 63 columns; anything larger is hostile or broken.
const MAX_SPAN: usize = 64;
/// Widest table built, in grid columns.
const MAX_COLUMNS: usize = 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum VMerge {
    #[default]
    None,
    Restart,
    Continue,
}

/// Properties of the cell being read (from `w:tcPr`).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct CellProps {
    pub span: usize,
    pub vmerge: VMerge,
}

#[derive(Debug, Default)]
struct RowDraft {
    cells: Vec<(String, CellProps)>,
    grid_before: usize,
    grid_after: usize,
    deleted: bool,
}

#[derive(Debug, Default)]
pub(super) struct TableBuilder {
    rows: Vec<Vec<String>>,
    merged_above: Vec<Vec<bool>>,
    row: Option<RowDraft>,
    cell: CellProps,
    grid_columns: usize,
    merged: MergedCells,
}

impl TableBuilder {
    pub(super) fn new(merged: MergedCells) -> Self {
        TableBuilder { merged, ..TableBuilder::default() }
    }

    pub(super) fn add_grid_column(&mut self) {
        self.grid_columns = (self.grid_columns + 1).min(MAX_COLUMNS);
    }

    pub(super) fn start_row(&mut self) {
        self.row = Some(RowDraft::default());
    }

    pub(super) fn set_grid_before(&mut self, n: i64) {
        if let Some(row) = self.row.as_mut() {
            row.grid_before = clamp_span(n, 0);
        }
    }

    pub(super) fn set_grid_after(&mut self, n: i64) {
        if let Some(row) = self.row.as_mut() {
            row.grid_after = clamp_span(n, 0);
        }
    }

    /// The current row is a tracked deletion: it will be dropped.
    pub(super) fn delete_row(&mut self) {
        if let Some(row) = self.row.as_mut() {
            row.deleted = true;
        }
    }

    pub(super) fn start_cell(&mut self) {
        self.cell = CellProps { span: 1, vmerge: VMerge::None };
    }

    pub(super) fn set_span(&mut self, n: i64) {
        self.cell.span = clamp_span(n, 1);
    }

    pub(super) fn set_vmerge(&mut self, v: VMerge) {
        self.cell.vmerge = v;
    }

    /// A finished cell. A cell outside any row (broken markup) opens one.
    pub(super) fn end_cell(&mut self, text: String) {
        let props = self.cell;
        self.row.get_or_insert_with(RowDraft::default).cells.push((text, props));
    }

    pub(super) fn end_row(&mut self, budget: &mut Budget) -> Result<(), IngestError> {
        let Some(draft) = self.row.take().filter(|r| !r.deleted) else { return Ok(()) };
        let (row, merged) = self.lay_out(draft, budget)?;
        self.rows.push(row);
        self.merged_above.push(merged);
        Ok(())
    }

    /// Place one row's cells on the grid, resolving spans and merges.
    fn lay_out(&self, draft: RowDraft, budget: &mut Budget) -> Result<(Vec<String>, Vec<bool>), IngestError> {
        let above = self.rows.last();
        let mut row: Vec<String> = Vec::new();
        let mut merged: Vec<bool> = Vec::new();
        pad(&mut row, draft.grid_before, budget)?;
        for (text, props) in draft.cells {
            let column = row.len();
            merged.resize(column, false);
            if props.vmerge == VMerge::Continue {
                for c in column..column + props.span {
                    let copied = match self.merged {
                        MergedCells::RepeatText => above.and_then(|a| a.get(c)).cloned().unwrap_or_default(),
                        MergedCells::FirstRowOnly => String::new(),
                    };
                    budget.charge(copied.len())?;
                    row.push(copied);
                    merged.push(true);
                }
            } else {
                budget.charge(text.len())?;
                row.push(text);
                pad(&mut row, props.span - 1, budget)?;
            }
            if row.len() > MAX_COLUMNS {
                row.truncate(MAX_COLUMNS);
                break;
            }
        }
        pad(&mut row, draft.grid_after, budget)?;
        row.truncate(MAX_COLUMNS);
        merged.resize(row.len(), false);
        Ok((row, merged))
    }

    /// The finished table, or `None` if it has no rows.
    pub(super) fn finish(mut self, budget: &mut Budget) -> Result<Option<Table>, IngestError> {
        self.end_row(budget)?;
        if self.rows.is_empty() {
            return Ok(None);
        }
        let width = self.rows.iter().map(Vec::len).max().unwrap_or(0).max(self.grid_columns);
        for row in &mut self.rows {
            let missing = width.saturating_sub(row.len());
            pad(row, missing, budget)?;
        }
        for m in &mut self.merged_above {
            m.resize(width, false);
        }
        Ok(Some(Table { rows: self.rows, merged_above: self.merged_above }))
    }
}

fn pad(row: &mut Vec<String>, n: usize, budget: &mut Budget) -> Result<(), IngestError> {
    budget.charge_cells(n)?;
    row.extend(std::iter::repeat_n(String::new(), n));
    Ok(())
}

fn clamp_span(n: i64, min: usize) -> usize {
    usize::try_from(n).unwrap_or(min).clamp(min, MAX_SPAN)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(t: &mut TableBuilder, text: &str, span: i64, vmerge: VMerge) {
        t.start_cell();
        t.set_span(span);
        t.set_vmerge(vmerge);
        t.end_cell(text.to_string());
    }

    #[test]
    fn spans_pad_and_merges_copy_from_above() {
        let mut b = Budget::new(1 << 20);
        let mut t = TableBuilder::new(MergedCells::RepeatText);
        t.start_row();
        cell(&mut t, "STT", 1, VMerge::Restart);
        cell(&mut t, "Kinh phí", 2, VMerge::None);
        t.end_row(&mut b).unwrap();
        t.start_row();
        cell(&mut t, "", 1, VMerge::Continue);
        cell(&mut t, "2025", 1, VMerge::None);
        cell(&mut t, "2026", 1, VMerge::None);
        t.end_row(&mut b).unwrap();
        t.start_row();
        t.set_grid_before(1);
        cell(&mut t, "x", 1, VMerge::None);
        let table = t.finish(&mut b).unwrap().unwrap();
        assert_eq!(table.rows, vec![vec!["STT", "Kinh phí", ""], vec!["STT", "2025", "2026"], vec!["", "x", ""]]);
    }

    #[test]
    fn hostile_spans_are_clamped_and_budgeted() {
        let mut b = Budget::new(1 << 20);
        let mut t = TableBuilder::new(MergedCells::RepeatText);
        t.start_row();
        cell(&mut t, "a", 1_000_000_000, VMerge::None);
        let table = t.finish(&mut b).unwrap().unwrap();
        assert_eq!(table.rows[0].len(), MAX_SPAN);

        let mut small = Budget::new(100);
        let mut t = TableBuilder::new(MergedCells::RepeatText);
        t.start_row();
        cell(&mut t, &"x".repeat(60), 1, VMerge::None);
        t.end_row(&mut small).unwrap();
        t.start_row();
        cell(&mut t, "", 1, VMerge::Continue);
        assert!(matches!(t.end_row(&mut small), Err(IngestError::TooLarge(_))));
    }
}
