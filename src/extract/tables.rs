//! Task tables in appendices: one task per row, columns recognised by their
//! header words, group rows ("I", "II" or a title spanning the row) kept as
//! part of the section path.

use super::agencies::{tokenize, AgencyGrammar};
use super::deadline::DeadlineGrammar;
use crate::model::{Span, Task};
use crate::normalize::vietnamese::fold_key;
use crate::normalize::{LineKind, NormDoc};
use crate::grammar::sections::roman_value;
use crate::segment::Segmented;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
pub struct RawTables {
    columns: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Index,
    Task,
    Lead,
    Support,
    Deadline,
    Product,
    /// "Bước 1 | ... | Trách nhiệm thực hiện | 0,5 ngày làm việc": the steps
    /// of an administrative procedure, which nobody tracks as tasks.
    Step,
}

impl Role {
    pub fn from_name(s: &str) -> Option<Role> {
        Some(match s {
            "index" => Role::Index,
            "task" => Role::Task,
            "lead" => Role::Lead,
            "support" => Role::Support,
            "deadline" => Role::Deadline,
            "product" => Role::Product,
            "step" => Role::Step,
            _ => return None,
        })
    }
}

pub struct TableGrammar {
    /// (fold key of a header phrase, role), longest phrase first.
    headers: Vec<(String, Role)>,
    /// The same keys without their spaces, longest first.
    unspaced: Vec<(String, Role)>,
}

/// The role of the header phrase a cell's key is, or else of the longest
/// one it starts with (`headers` longest first).
fn opening_role(headers: &[(String, Role)], key: &str) -> Option<Role> {
    headers
        .iter()
        .find(|(w, _)| key == *w)
        .or_else(|| headers.iter().find(|(w, _)| key.starts_with(w.as_str())))
        .map(|(_, r)| *r)
}

fn unspaced(key: &str) -> String {
    key.chars().filter(|c| !c.is_whitespace()).collect()
}

impl TableGrammar {
    pub fn compile(raw: RawTables) -> Self {
        let mut headers: Vec<(String, Role)> = raw
            .columns
            .iter()
            .filter_map(|(name, words)| Role::from_name(name).map(|r| (r, words)))
            .flat_map(|(r, words)| words.iter().map(move |w| (fold_key(w), r)))
            .collect();
        headers.sort_by_key(|(w, _)| std::cmp::Reverse(w.chars().count()));
        let mut unspaced: Vec<(String, Role)> = headers.iter().map(|(w, r)| (unspaced(w), *r)).collect();
        unspaced.sort_by_key(|(w, _)| std::cmp::Reverse(w.chars().count()));
        TableGrammar { headers, unspaced }
    }

    /// The role of each column if `cells` is a task-table header row.
    pub fn header_roles(&self, cells: &[&str]) -> Option<Vec<Option<Role>>> {
        let roles: Vec<Option<Role>> = cells.iter().map(|c| self.cell_role(c)).collect();
        let has = |r: Role| roles.contains(&Some(r));
        (has(Role::Task) && (has(Role::Lead) || has(Role::Support))).then_some(roles)
    }

    fn cell_role(&self, cell: &str) -> Option<Role> {
        let cell = cell.trim().trim_end_matches(['.', ':']);
        // Folding keeps one char per char of NFC text, so long cells (the
        // body of most tables) are told apart before any folding; of those
        // only the tail is read, for a header phrase that ends the cell.
        if cell.len() > 60 && cell.chars().count() > 60 {
            let tail = cell.char_indices().rev().nth(39).map_or(cell, |(i, _)| &cell[i..]);
            return self.ending_role(&fold_key(tail));
        }
        let key = fold_key(cell);
        opening_role(&self.headers, &key)
            .or_else(|| self.ending_role(&key))
            // A header whose words a PDF's narrow cell glued together ("Đơn
            // vịchủ trì", "Thờigian thựchiện"): read with every space
            // dropped, on both sides.
            .or_else(|| opening_role(&self.unspaced, &unspaced(&key)))
    }

    /// A header phrase that ends a cell after other words: a PDF table's
    /// title read into its first header cell ("Phát triển kinh tế số giao
    /// thông Nội dung").
    fn ending_role(&self, key: &str) -> Option<Role> {
        self.headers
            .iter()
            .find(|(w, _)| key.strip_suffix(w.as_str()).is_some_and(|k| k.ends_with(' ')))
            .map(|(_, r)| *r)
    }
}

pub fn extract(doc: &NormDoc, seg: &Segmented, tg: &TableGrammar, ag: &AgencyGrammar, dg: &DeadlineGrammar) -> Vec<Task> {
    let mut tasks = Vec::new();
    let mut roles: Option<(usize, Vec<Option<Role>>)> = None;
    let mut group: Option<String> = None;
    let mut group_deadline: Option<crate::model::Deadline> = None;
    let headers: Vec<Option<Vec<Option<Role>>>> = doc
        .lines
        .iter()
        .map(|line| match &line.kind {
            LineKind::Row { values, .. } => tg.header_roles(&values.iter().map(|&(s, e)| &doc.text[s..e]).collect::<Vec<_>>()),
            _ => None,
        })
        .collect();
    let used = used_columns(doc, &headers);
    for (li, line) in doc.lines.iter().enumerate() {
        let LineKind::Row { table, values: cells, cells: own, .. } = &line.kind else { continue };
        if let Some(r) = &headers[li] {
            if r.contains(&Some(Role::Step)) {
                roles = None;
                continue;
            }
            roles = Some((*table, r.clone()));
            group = None;
            group_deadline = None;
            continue;
        }
        let Some((t, r)) = &mut roles else { continue };
        // Group titles typed as plain lines ("I. NÂNG CAO NHẬN THỨC") split
        // one table into several: a headerless table of the same width
        // continues the last header's columns.
        if *t != *table {
            if cells.len() < r.len() {
                continue;
            }
            *t = *table;
        }
        let r = &*r;
        // Rows wider than their header because of a column no row of the
        // table writes in (a header typed apart from its rows in a PDF of a
        // web page): that column goes, and the rest lines up.
        let compacted: Vec<(usize, usize)>;
        let cells: &Vec<(usize, usize)> = match used.get(table) {
            Some(mask) if cells.len() > r.len() && mask.iter().any(|u| !u) => {
                compacted = cells.iter().enumerate().filter(|&(c, _)| mask.get(c).copied().unwrap_or(true)).map(|(_, &c)| c).collect();
                &compacted
            }
            _ => cells,
        };
        let texts: Vec<&str> = cells.iter().map(|&(s, e)| &doc.text[s..e]).collect();
        // A header that lost its first cells to a merge ("Nội dung | Đơn vị
        // thực hiện | ..." over rows that start with "1.1"): rows wider than
        // the header line up on the right, and a missing index column is the
        // first cell.
        // Trailing empty cells (the grid of a page's layout table around
        // the real one) do not make a row wider.
        let width = cells.iter().rposition(|&(s, e)| !doc.text[s..e].trim().is_empty()).map_or(0, |p| p + 1);
        // A row whose number sits under the header's number column is
        // already lined up: what runs past the header is text glued on
        // after it (the next group's title, a web page's footer).
        let numbered = r.first() == Some(&Some(Role::Index)) && texts.first().is_some_and(|t| is_row_number(t.trim()));
        let base = if numbered { 0 } else { width.saturating_sub(r.len()) };
        let mut offset = base;
        // A row laid out one column to the right of its header (PDF pages
        // after the first): its task cell is empty and the next one is not.
        if let Some(t) = r.iter().position(|x| *x == Some(Role::Task)) {
            let empty = |i: usize| cells.get(i).is_none_or(|&(s, e)| doc.text[s..e].trim().is_empty());
            if empty(t + offset) && !empty(t + offset + 1) && cells.len() > t + offset + 2 {
                offset += 1;
            }
        }
        let cell = |role: Role| match r.iter().position(|x| *x == Some(role)) {
            // The row number stays in the first column whatever the shift.
            Some(i) if role == Role::Index => cells.get(i + base).copied(),
            Some(i) => cells.get(i + offset).copied(),
            None if role == Role::Index && offset > 0 => cells.first().copied(),
            None => None,
        };
        let text_of = |c: Option<(usize, usize)>| c.map(|(s, e)| &doc.text[s..e]).unwrap_or("");
        let index = text_of(cell(Role::Index)).trim();
        // A PDF reader wraps a wide number in a narrow STT column ("II I"
        // for "III"): pieces that join into one number are that number.
        let joined = if index.contains(' ') { index.replace(' ', "") } else { String::new() };
        let index = if is_row_number(&joined) { joined.as_str() } else { index };
        // A group row shifted right like its neighbours: " | A | TITLE | | ".
        // (read in the row's own cells: beside a merged number, " | III.1.2 |
        // Nhóm ... |" would otherwise borrow the number of the task above)
        let own_cells: Vec<&str> = own.iter().map(|&(s, e)| &doc.text[s..e]).collect();
        let first = own_cells.iter().map(|t| t.trim()).find(|t| !t.is_empty()).unwrap_or("");
        if let Some(g) = group_label(index, &texts)
            .or_else(|| short_group_row(first, &own_cells, r.len()))
            .or_else(|| merged_group_row(own, &doc.text))
        {
            // "I | Giai đoạn 2025-2027": a period that groups rows is their
            // time when the table has no time column; a subgroup ("I.1")
            // keeps its group's.
            // (read from the row's own cells: an empty one may stand for the cell above it)
            let own_texts: Vec<&str> = own_cells.iter().map(|t| t.trim()).filter(|t| !t.is_empty()).collect();
            let subgroup = own_texts.first().is_some_and(|l| l.contains('.'));
            match dg.parse_field(&own_texts.join(" ")) {
                Some(d) => group_deadline = Some(d),
                None if !subgroup => group_deadline = None,
                None => {}
            }
            group = Some(g);
            continue;
        }
        let (Some(task_cell), Some(lead_cell)) = (cell(Role::Task), cell(Role::Lead)) else { continue };
        let task_text = text_of(Some(task_cell)).trim();
        let lead_text = text_of(Some(lead_cell)).trim();
        if task_text.is_empty() || lead_text.is_empty() || task_text == lead_text {
            continue;
        }
        let mut section = seg.path_of_line(li);
        section.extend(group.clone());
        if !index.is_empty() {
            section.push(index.trim_end_matches('.').to_string());
        }
        let mut support_text = cell(Role::Support).map_or("", |c| text_of(Some(c)));
        let mut deadline = cell(Role::Deadline).and_then(|c| dg.parse_field(text_of(Some(c))));
        let mut lead = agencies_in_cell(lead_text, ag);
        let mut support = Vec::new();
        if deadline.is_none() {
            // A PDF reader may fuse two narrow columns into one cell. Support
            // and time fused ("Các sở, ban, ngành; UBND các phường, xã
            // 2026-2030"): the time at the end of the support cell is the
            // deadline. Lead and support fused ("Công an tỉnh Các sở, ban,
            // ngành"): the support cell holds only the time, and the agencies
            // after the first in the lead cell support it.
            if let Some((rest, d)) = trailing_deadline(support_text, dg) {
                support_text = rest;
                deadline = Some(d);
            } else if let Some(d) = leading_deadline(support_text, dg) {
                support_text = "";
                deadline = Some(d);
                if lead.len() > 1 {
                    support = lead.split_off(1);
                }
            }
        }
        support.extend(agencies_in_cell(support_text, ag));
        if cell(Role::Deadline).is_none() {
            deadline = deadline.or_else(|| group_deadline.clone());
        }
        tasks.push(Task {
            section,
            text: task_text.to_string(),
            lead,
            support,
            deadline,
            origin: "table".to_string(),
            span: Span { start: task_cell.0, end: task_cell.0 + task_text.len(), line: li + 1 },
        });
    }
    tasks
}

/// A deadline phrase that ends a cell, and the cell's text before it.
/// For each table, which columns some row other than a header writes in.
fn used_columns(doc: &NormDoc, headers: &[Option<Vec<Option<Role>>>]) -> std::collections::HashMap<usize, Vec<bool>> {
    let mut used: std::collections::HashMap<usize, Vec<bool>> = std::collections::HashMap::new();
    for (line, header) in doc.lines.iter().zip(headers) {
        let LineKind::Row { table, values, .. } = &line.kind else { continue };
        if header.is_some() {
            continue;
        }
        let mask = used.entry(*table).or_default();
        if mask.len() < values.len() {
            mask.resize(values.len(), false);
        }
        for (c, &(s, e)) in values.iter().enumerate() {
            mask[c] |= !doc.text[s..e].trim().is_empty();
        }
    }
    used
}

fn trailing_deadline<'a>(cell: &'a str, dg: &DeadlineGrammar) -> Option<(&'a str, crate::model::Deadline)> {
    let cell = cell.trim_end();
    let d = dg.parse_field(cell)?;
    let rest = cell.strip_suffix(d.text.as_str())?.trim_end();
    // Only a time that follows other words: a cell that is all time is not fused.
    (!rest.is_empty() && d.milestones.is_empty()).then_some((rest, d))
}

/// A deadline that is the whole cell ("2026 - 2030"), or that opens a cell
/// fused with the product column ("2026 - 2030 Kế hoạch").
fn leading_deadline(cell: &str, dg: &DeadlineGrammar) -> Option<crate::model::Deadline> {
    let cell = cell.trim();
    dg.parse_field(cell).filter(|d| d.text == cell || d.milestones.is_empty() && cell.starts_with(d.text.as_str()))
}

/// A group row: a Roman numeral index, or one title repeated across merged cells.
fn group_label(index: &str, texts: &[&str]) -> Option<String> {
    if roman_value(index.trim_end_matches('.')).is_some() {
        return Some(index.trim_end_matches('.').to_string());
    }
    let non_empty: Vec<&&str> = texts.iter().filter(|t| !t.trim().is_empty()).collect();
    let all_same = non_empty.len() > 1 && non_empty.iter().all(|t| *t == non_empty[0]);
    (all_same || non_empty.len() == 1 && texts.len() > 2).then(|| non_empty[0].trim().to_string())
}

/// "| II. HOÀN THIỆN CƠ CHẾ, CHÍNH SÁCH ... |" whose other cells continue
/// vertical merges from the rows above (the lead of the last task drawn
/// down beside it): the row's own cells hold one heading only, numbered
/// with a Roman numeral or written in capitals. A task whose agency cell
/// is merged keeps its lower-case duty and stays a task.
fn merged_group_row(own: &[(usize, usize)], text: &str) -> Option<String> {
    let mut filled = own.iter().map(|&(s, e)| text[s..e].trim()).filter(|t| !t.is_empty());
    let title = filled.next()?;
    if own.len() <= 2 || filled.next().is_some() {
        return None;
    }
    let numbered = title.split_once(". ").is_some_and(|(n, _)| roman_value(n).is_some());
    let in_caps = !title.chars().any(char::is_lowercase) && title.chars().filter(|c| c.is_alphabetic()).count() > 1;
    (numbered || in_caps).then(|| title.to_string())
}

/// A row's number: Roman or Arabic, whole.
fn is_row_number(s: &str) -> bool {
    roman_value(s).is_some() || !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// "I | Phát triển kinh tế số ..." in a wide table: a short label and a title.
fn short_group_row(first: &str, texts: &[&str], width: usize) -> Option<String> {
    let filled = texts.iter().filter(|t| !t.trim().is_empty()).count();
    let label = first.trim_end_matches('.');
    // "III.1.1 | Nhóm nền tảng …": a subgroup of a Roman group is a label too.
    let (head, tail) = label.split_once('.').unwrap_or((label, ""));
    let dotted = tail.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let is_roman = roman_value(head).is_some() && (tail.is_empty() || dotted);
    let is_label = is_roman || label.chars().count() == 1 && label.chars().all(|c| c.is_ascii_uppercase());
    (width >= 4 && filled <= 2 && is_label).then(|| label.to_string())
}

/// A cell of agencies: split where the lexicon allows, else keep it whole.
pub fn agencies_in_cell(cell: &str, ag: &AgencyGrammar) -> Vec<String> {
    let cell = cell.trim().trim_end_matches(['.', ';', ',']);
    if cell.is_empty() || cell == "-" {
        return Vec::new();
    }
    let toks = tokenize(cell);
    let (found, end) = ag.parse_list(&toks, 0, cell);
    if !found.is_empty() && end >= toks.len() {
        return found.into_iter().map(|f| f.name).collect();
    }
    cell.split(';').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
}
