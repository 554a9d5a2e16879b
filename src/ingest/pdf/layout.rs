//! Glyphs -> lines -> cells -> reading order, for the built-in backend.
//!
//! pdf-extract hands us glyphs in content-stream order. Office suites write a
//! table row cell by cell, so the stream order is already cell order; what
//! is lost is where one cell ends and the next begins, and the fact that a
//! row cut by a page break continues, cell by cell, on the next page. We
//! recover both from positions:
//! - a new *line* starts when the baseline moves or the pen jumps sideways;
//! - a new *cell* (flow) starts when the stream goes back up the page or
//!   jumps right on the same baseline; lines going down stay in the cell
//!   while they overlap its column;
//! - cells that start side by side form a *row*;
//! - the first row of a page continues the last row of the previous page
//!   when each of its cells sits in the column of a cell that ran to the
//!   bottom of that page; their lines are then appended cell by cell.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use super::cleanup::{self, LineIn};
use crate::grammar::LayoutGrammar;

#[derive(Debug, Clone)]
pub struct Glyph {
    pub x: f64,
    pub y: f64,
    pub advance: f64,
    pub size: f64,
    pub text: String,
}

#[derive(Debug, Clone, Default)]
pub struct PageGlyphs {
    pub glyphs: Vec<Glyph>,
}

/// One visual line (or one cell's piece of a line) with its box.
#[derive(Debug, Clone)]
pub struct Line {
    pub x0: f64,
    pub x1: f64,
    pub y: f64,
    pub size: f64,
    pub text: String,
}

/// A column narrower than this many font sizes (about twelve letters) can
/// break a word at its right edge.
const NARROW_COLUMN_EMS: f64 = 6.0;

/// A laid-out piece of the document, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Region {
    /// Paragraphs of running text.
    Text(Vec<String>),
    /// One table row: the cells' texts (paragraphs joined by '\n') and
    /// their horizontal extents, for aligning rows into columns later.
    Row { cells: Vec<String>, spans: Vec<(f64, f64)>, size: f64 },
}

// Thresholds, in units of the font size.
/// Baseline shift that starts a new line (superscripts stay below it).
const NEW_LINE_DY: f64 = 0.5;
/// Horizontal gap that means a space (pdf-extract's value).
const SPACE_GAP: f64 = 0.1;
/// Horizontal gap on one baseline that means another column: word gaps in
/// justified text stay under 0.2 em because spaces are glyphs.
const COLUMN_GAP: f64 = 0.8;
/// Vertical distance beyond which a line going down starts a new flow.
const MAX_FLOW_DY: f64 = 3.0;

/// Lines of every page, page furniture removed, laid out into regions.
pub fn layout(pages: &[PageGlyphs], lg: &LayoutGrammar) -> Vec<Region> {
    let mut page_lines: Vec<Vec<Line>> = pages.iter().map(|p| build_lines(&p.glyphs, lg)).collect();
    remove_furniture(&mut page_lines, lg);
    let mut rows: Vec<Row> = Vec::new();
    for (page, lines) in page_lines.iter().enumerate() {
        let page_rows = build_rows(lines, page, lg);
        let (top, _) = content_extent(lines);
        let mut page_rows = page_rows.into_iter();
        if let Some(first) = page_rows.next() {
            let prev_page = page.checked_sub(1).and_then(|p| page_lines.get(p)).map(|l| {
                let right = l.iter().map(|line| line.x1).fold(f64::NEG_INFINITY, f64::max);
                (content_extent(l).1, right)
            });
            let rest = match prev_page {
                Some(prev_page) => continue_cells(&mut rows, first, page, prev_page, top),
                None => first,
            };
            if !rest.flows.is_empty() {
                rows.push(rest);
            }
        }
        rows.extend(page_rows);
    }
    rows.into_iter().map(|r| r.into_region(lg)).collect()
}

/// Lines of one page in stream order. Same spacing rules as pdf-extract's
/// PlainTextOutput (they give it its near-perfect score on ordinary files),
/// but any baseline change or sideways jump starts a new line, so that two
/// table cells never share one.
pub fn build_lines(glyphs: &[Glyph], lg: &LayoutGrammar) -> Vec<Line> {
    let mut lines: Vec<LineBuilder> = Vec::new();
    let mut seen = DuplicateFilter::default();
    let mut last_end = f64::NEG_INFINITY;
    let mut last_y = f64::NEG_INFINITY;
    let mut last_size = 0.0f64;
    for g in glyphs {
        if g.text.is_empty() || seen.is_duplicate(g) {
            continue;
        }
        let size = g.size.max(last_size).max(1.0);
        let dy = g.y - last_y;
        let gap = g.x - last_end;
        if is_mark(&g.text) && gap < -0.05 * size && attach_mark(&mut lines, g) {
            continue;
        }
        // Word's list numbers are followed by a tab: "1." far left of its
        // text is one line, not two cells.
        let column_jump = gap > COLUMN_GAP * size && !lines.last().is_some_and(|l| l.is_list_marker(lg));
        let starts_line = lines.is_empty() || dy.abs() > NEW_LINE_DY * size || gap < -0.5 * size || column_jump;
        if starts_line {
            lines.push(LineBuilder::default());
        }
        if let Some(line) = lines.last_mut() {
            let wants_space = !starts_line && gap > SPACE_GAP * size;
            line.push(g, wants_space);
        }
        last_y = g.y;
        last_end = g.x + g.advance;
        last_size = g.size;
    }
    lines.into_iter().filter_map(LineBuilder::finish).collect()
}

#[derive(Default)]
struct LineBuilder {
    /// (x, x_end, text) per glyph, so that a late accent can find its base.
    parts: Vec<(f64, f64, String)>,
    y: f64,
    size: f64,
}

impl LineBuilder {
    fn push(&mut self, g: &Glyph, space_before: bool) {
        if self.parts.is_empty() {
            self.y = g.y;
        }
        if space_before {
            let ends_with_space = self.parts.last().is_some_and(|p| p.2.ends_with(' '));
            if !ends_with_space && !g.text.starts_with(' ') {
                self.parts.push((g.x, g.x, " ".to_string()));
            }
        }
        self.size = self.size.max(g.size);
        self.parts.push((g.x, g.x + g.advance.max(0.0), g.text.clone()));
    }

    fn is_list_marker(&self, lg: &LayoutGrammar) -> bool {
        let text: String = self.parts.iter().map(|p| p.2.as_str()).collect();
        lg.is_marker_only(&text)
    }

    fn finish(self) -> Option<Line> {
        let text: String = self.parts.iter().map(|p| p.2.as_str()).collect();
        let text = text.trim().to_string();
        if text.is_empty() {
            return None;
        }
        // The box covers ink, not the spaces a line may start or end with.
        let inked = || self.parts.iter().filter(|p| !p.2.trim().is_empty());
        let x0 = inked().map(|p| p.0).fold(f64::INFINITY, f64::min);
        let x1 = inked().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
        Some(Line { x0, x1, y: self.y, size: self.size, text })
    }
}

/// Some producers paint text twice, slightly offset, to fake bold. A glyph
/// equal to one already painted at (almost) the same spot is dropped.
#[derive(Default)]
struct DuplicateFilter {
    painted: HashMap<(u64, i64), Vec<f64>>,
}

impl DuplicateFilter {
    fn is_duplicate(&mut self, g: &Glyph) -> bool {
        if g.text.trim().is_empty() {
            return false;
        }
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        g.text.hash(&mut hasher);
        let text = hasher.finish();
        let tolerance = 0.15 * g.size.max(1.0);
        let row = g.y.round() as i64;
        for r in [row - 1, row, row + 1] {
            if self.painted.get(&(text, r)).is_some_and(|xs| xs.iter().any(|x| (x - g.x).abs() < tolerance)) {
                return true;
            }
        }
        self.painted.entry((text, row)).or_default().push(g.x);
        false
    }
}

fn is_mark(text: &str) -> bool {
    text.chars()
        .all(|c| unicode_normalization::char::is_combining_mark(c) || matches!(c, '´' | '`' | 'ˆ' | '˜' | '˘' | '¸'))
}

/// Fonts without Vietnamese glyphs make some writers paint the accents
/// after the whole line; put each one back after the letter under it.
fn attach_mark(lines: &mut [LineBuilder], g: &Glyph) -> bool {
    let centre = g.x + g.advance / 2.0;
    let tolerance = 0.8 * g.size.max(1.0);
    for line in lines.iter_mut().rev().take(4) {
        if (line.y - g.y).abs() > tolerance {
            continue;
        }
        let base = line.parts.iter_mut().rev().find(|p| p.0 <= centre && !p.2.trim().is_empty());
        if let Some(part) = base {
            part.2.push_str(&combining_form(&g.text));
            return true;
        }
    }
    false
}

fn combining_form(mark: &str) -> String {
    mark.chars()
        .map(|c| match c {
            '´' => '\u{301}',
            '`' => '\u{300}',
            'ˆ' => '\u{302}',
            '˜' => '\u{303}',
            '˘' => '\u{306}',
            other => other,
        })
        .collect()
}

/// Page numbers and running headers/footers: the two highest and two
/// lowest lines of each page are the candidates.
fn remove_furniture(pages: &mut [Vec<Line>], lg: &LayoutGrammar) {
    let edges = cleanup::edge_lines(pages, |l| l.y, |l| l.text.as_str(), |_| true);
    let drop = cleanup::find_furniture(&edges, pages.len(), lg);
    for (page, lines) in pages.iter_mut().enumerate() {
        let mut id = 0;
        lines.retain(|_| {
            let keep = !drop.contains(&(page, id));
            id += 1;
            keep
        });
    }
}

fn content_extent(lines: &[Line]) -> (f64, f64) {
    let top = lines.iter().map(|l| l.y).fold(f64::INFINITY, f64::min);
    let bottom = lines.iter().map(|l| l.y).fold(f64::NEG_INFINITY, f64::max);
    (top, bottom)
}

#[derive(Debug, Clone)]
struct Flow {
    lines: Vec<Line>,
    x0: f64,
    x1: f64,
    /// Baseline of the last line, on `last_page`.
    bottom: f64,
    top: f64,
    last_page: usize,
}

impl Flow {
    fn new(line: &Line, page: usize) -> Flow {
        Flow { x0: line.x0, x1: line.x1, bottom: line.y, top: line.y, last_page: page, lines: vec![line.clone()] }
    }

    fn push(&mut self, line: &Line, page: usize) {
        self.x0 = self.x0.min(line.x0);
        self.x1 = self.x1.max(line.x1);
        self.bottom = line.y;
        self.last_page = page;
        self.lines.push(line.clone());
    }

    /// Splits off, as a flow of its own, the lines from the one on baseline
    /// `y` down, when that line follows more space than the flow's line
    /// pitch: the padding that separates table rows. Without that space the
    /// cell runs on beside the new row (merged down several rows). A flow
    /// here never spans pages, so `lines` runs top to bottom.
    fn split_at_row_start(&mut self, y: f64) -> Option<Flow> {
        let size = self.size();
        let at = self.lines.iter().position(|l| (l.y - y).abs() <= 0.3 * size)?;
        if at == 0 {
            return None;
        }
        let pitch = self.lines.windows(2).map(|w| w[1].y - w[0].y).filter(|d| *d > 0.0).fold(f64::INFINITY, f64::min);
        if self.lines[at].y - self.lines[at - 1].y <= pitch * 1.1 {
            return None;
        }
        let tail_lines = self.lines.split_off(at);
        let page = self.last_page;
        let mut tail = Flow::new(&tail_lines[0], page);
        for line in &tail_lines[1..] {
            tail.push(line, page);
        }
        let head_lines = std::mem::take(&mut self.lines);
        *self = Flow::new(&head_lines[0], page);
        for line in &head_lines[1..] {
            self.push(line, page);
        }
        Some(tail)
    }

    fn size(&self) -> f64 {
        self.lines.iter().map(|l| l.size).fold(1.0, f64::max)
    }

    /// Whether `line` may end inside a word that `next` finishes: the flow
    /// is a narrow column (a page saved from a web site puts the whole body
    /// in one, six letters wide; table cells are narrow too), where a word
    /// longer than the column is broken wherever it overflows, and `line`
    /// has no room left for the first letter of `next` (its own width
    /// counts: centred lines do not start at the flow's left edge).
    fn breaks_word_before(&self, line: &Line, next: &Line) -> bool {
        // Two figures stacked in a cell ("43.114" over "526.420": an area
        // and a yield in one row of an indicator table) are two values.
        if is_figure(&line.text) && is_figure(&next.text) {
            return false;
        }
        let width = self.x1 - self.x0;
        let letters = next.text.chars().count().max(1) as f64;
        let first_letter = (next.x1 - next.x0) / letters;
        width < NARROW_COLUMN_EMS * line.size && line.x1 - line.x0 + first_letter > width - 0.1 * line.size
    }

    /// Paragraphs, using vertical gaps and first-line indents as hints.
    fn paragraphs(&self, lg: &LayoutGrammar) -> Vec<String> {
        let mut steps: Vec<f64> = self.lines.windows(2).map(|w| w[1].y - w[0].y).filter(|d| *d > 0.0).collect();
        steps.sort_by(f64::total_cmp);
        // The lower quartile is the line pitch even when most lines end a
        // paragraph.
        let pitch = steps.get(steps.len() / 4).copied();
        let left = self.x0;
        let mut out = Vec::with_capacity(self.lines.len());
        for (i, line) in self.lines.iter().enumerate() {
            let mut gap_before = false;
            if i > 0 {
                let prev = &self.lines[i - 1];
                let dy = line.y - prev.y;
                if let Some(pitch) = pitch {
                    // A negative step is a page break inside the flow.
                    gap_before |= dy > 0.0 && dy > pitch * 1.1 + 0.5;
                }
                // A first-line indent; centred lines (titles, header
                // cells) move their left edge too but keep their centre.
                let centred = ((line.x0 + line.x1) - (prev.x0 + prev.x1)).abs() / 2.0 <= line.size;
                gap_before |= line.x0 > left + 0.8 * line.size && prev.x0 < left + 0.4 * line.size && !centred;
                // A short centred line is a title line of its own ("PHỤ
                // LỤC", "(Kèm theo ...)") unless the next one carries on
                // in lower case; a long one wrapped.
                let prev_centred_in_flow = ((prev.x0 + prev.x1) - (self.x0 + self.x1)).abs() / 2.0 <= prev.size
                    && prev.x0 > left + prev.size
                    && prev.x1 < self.x1 - 1.5 * prev.size;
                let continues = line.text.chars().next().is_some_and(char::is_lowercase);
                gap_before |= prev_centred_in_flow && !continues;
            }
            // The flow's right edge is its widest line's: with two lines
            // that is one of them, and says nothing about the margin ("2.
            // Công bố ..." over "a) Trình tự ..." at a page's foot).
            let full_width = (self.lines.len() > 2).then_some(line.x1 >= self.x1 - 1.5 * line.size);
            let ends_short = line.x1 < self.x1 - cleanup::SHORT_LINE_EMS * line.size;
            let may_break_word = self.lines.get(i + 1).is_some_and(|next| self.breaks_word_before(line, next));
            let pieces = cleanup::split_glued_rule(&line.text);
            let last = pieces.len().saturating_sub(1);
            for (j, piece) in pieces.into_iter().enumerate() {
                out.push(LineIn { text: piece, gap_before: gap_before || j > 0, full_width, ends_short, may_break_word: may_break_word && j == last });
            }
        }
        cleanup::assemble_paragraphs(&out, lg)
    }
}

/// A line that is one whole number with its thousands grouped ("43.114",
/// "526.420,5"). ("202" over "5" is a year broken in a narrow cell.)
fn is_figure(text: &str) -> bool {
    let t = text.trim();
    let (int, decimals) = t.split_once(',').unwrap_or((t, ""));
    let digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    let mut groups = int.split('.');
    let lead = groups.next().unwrap_or("");
    let (mut grouped, mut whole) = (false, true);
    for g in groups {
        grouped = true;
        whole &= g.len() == 3 && digits(g);
    }
    (1..=3).contains(&lead.len()) && digits(lead) && grouped && whole && digits(decimals)
}

#[derive(Debug, Clone)]
struct Row {
    flows: Vec<Flow>,
    last_page: usize,
}

impl Row {
    fn new(line: &Line, page: usize) -> Row {
        Row { flows: vec![Flow::new(line, page)], last_page: page }
    }

    fn top(&self) -> f64 {
        self.flows.iter().map(|f| f.top).fold(f64::INFINITY, f64::min)
    }

    fn into_region(mut self, lg: &LayoutGrammar) -> Region {
        if self.flows.len() == 1 {
            return Region::Text(self.flows.remove(0).paragraphs(lg));
        }
        let size = self.flows.iter().map(Flow::size).fold(1.0, f64::max);
        let spans = self.flows.iter().map(|f| (f.x0, f.x1)).collect();
        let cells = self.flows.iter().map(|f| f.paragraphs(lg).join("\n")).collect();
        Region::Row { cells, spans, size }
    }
}

fn horizontal_overlap(a0: f64, a1: f64, b0: f64, b1: f64) -> f64 {
    let overlap = a1.min(b1) - a0.max(b0);
    let narrower = (a1 - a0).min(b1 - b0).max(1.0);
    overlap / narrower
}

fn build_rows(lines: &[Line], page: usize, lg: &LayoutGrammar) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    let mut misplaced: Vec<usize> = Vec::new();
    let mut prev: Option<&Line> = None;
    for line in lines {
        let (Some(p), Some(row)) = (prev, rows.last_mut()) else {
            rows.push(Row::new(line, page));
            prev = Some(line);
            continue;
        };
        let size = line.size.max(p.size).max(1.0);
        let dy = line.y - p.y;
        let in_table = row.flows.len() > 1;
        // Going back up the page, or jumping right on the same baseline, is
        // the next cell of the same row, provided it lands inside the row
        // or to the right of all of it.
        let jumped = dy < -NEW_LINE_DY * size || (dy.abs() <= NEW_LINE_DY * size && line.x0 > p.x1);
        let lands_in_row =
            line.y >= row.top() - NEW_LINE_DY * size || row.flows.iter().all(|f| line.x0 >= f.x1 - 0.5 * size);
        if jumped && lands_in_row {
            row.flows.push(Flow::new(line, page));
        } else if jumped {
            // Painted out of order (a cell written after the text below
            // it): a row of its own, put back in place by position later.
            misplaced.push(rows.len());
            rows.push(Row::new(line, page));
        } else if lg.is_header_field(&p.text) && cleanup::is_caps_line(&line.text) {
            // "Số: 2853/QĐ-UBND ... ngày 21 tháng 11 năm 2025" then the
            // title "QUYẾT ĐỊNH": the header ends there, whatever columns
            // the number line sat in.
            rows.push(Row::new(line, page));
        } else if in_table && spans_cells(row, line) {
            // "Phần II. NỘI DUNG ..." under a table without rules, as wide
            // as two of its columns: text after the table, not a cell's.
            rows.push(Row::new(line, page));
        } else if let Some(flow) = row.flows.last_mut().filter(|f| continues_flow(f, p, line, size, in_table)) {
            flow.push(line, page);
        } else {
            rows.push(Row::new(line, page));
        }
        prev = Some(line);
    }
    reinsert_misplaced(rows, &misplaced)
}

/// How much of a cell's width a line must cover to be read as lying across it.
const SPAN_OVERLAP: f64 = 0.25;

/// Whether a line under the row's last cell also lies across another cell
/// beside it (one that shares no column with the last): no cell's line
/// reaches into the next column. (A flow that began with text above the
/// table can be as wide as the page; it shares columns with every cell.)
fn spans_cells(row: &Row, line: &Line) -> bool {
    let Some(last) = row.flows.last() else { return false };
    let across = |f: &Flow| horizontal_overlap(line.x0, line.x1, f.x0, f.x1) > SPAN_OVERLAP;
    across(last) && row.flows.iter().any(|f| (f.x1 <= last.x0 || f.x0 >= last.x1) && across(f))
}

/// Whether `line`, below `prev`, is the next line of `flow`. Running text
/// only has to share the column; inside a table row, where a title centred
/// under the table can overlap the last cell, the line must also keep the
/// cell's alignment (left edge, centre or right edge).
fn continues_flow(flow: &Flow, prev: &Line, line: &Line, size: f64, in_table: bool) -> bool {
    if line.y - flow.bottom > MAX_FLOW_DY * size || horizontal_overlap(line.x0, line.x1, flow.x0, flow.x1) < 0.5 {
        return false;
    }
    if !in_table {
        return true;
    }
    let centre = |l: &Line| (l.x0 + l.x1) / 2.0;
    (line.x0 - flow.x0).abs() <= size
        || (centre(line) - centre(prev)).abs() <= size
        || (line.x1 - flow.x1).abs() <= size
}

fn reinsert_misplaced(mut rows: Vec<Row>, misplaced: &[usize]) -> Vec<Row> {
    if misplaced.is_empty() {
        return rows;
    }
    let mut moved = Vec::new();
    for &i in misplaced.iter().rev() {
        moved.push(rows.remove(i));
    }
    for row in moved.into_iter().rev() {
        let top = row.top();
        let size = row.flows.iter().map(Flow::size).fold(1.0, f64::max);
        let same_line = rows.iter().position(|r| {
            (r.top() - top).abs() <= NEW_LINE_DY * size
                && r.flows.iter().all(|f| row.flows.iter().all(|g| horizontal_overlap(f.x0, f.x1, g.x0, g.x1) <= 0.0))
        });
        match same_line {
            Some(i) => {
                rows[i].flows.extend(row.flows);
                rows[i].flows.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            }
            None => {
                let at = rows.iter().position(|r| r.top() > top).unwrap_or(rows.len());
                rows.insert(at, row);
            }
        }
    }
    rows
}

/// Moves the flows of a page's first row that continue a cell of the
/// previous page into that cell: a cell that ran to the bottom edge of the
/// previous page, in whatever row it started (a cell merged down several
/// rows stays open while the rows beside it come and go), in the same
/// column, and the flow starts at the top of this page. Returns the flows
/// that continue nothing. See the module comment.
fn continue_cells(rows: &mut [Row], first: Row, page: usize, prev_page: (f64, f64), page_top: f64) -> Row {
    let (prev_page_bottom, prev_page_right) = prev_page;
    let Some(prev_page) = page.checked_sub(1) else { return first };
    let mut rest = Row { flows: Vec::new(), last_page: first.last_page };
    let mut used: Vec<(usize, usize)> = Vec::new();
    // Cells of the first row that start lower down begin a new table row
    // there; a continued cell stops where they start ("Số:" under a header
    // cell that ran over the page break).
    let at_top = |f: &Flow| f.top <= page_top + 2.0 * f.size();
    let next_row_y = first.flows.iter().filter(|f| !at_top(f)).map(|f| f.top).fold(f64::INFINITY, f64::min);
    let is_open = |cell: &Flow, size: f64| cell.last_page == prev_page && cell.bottom >= prev_page_bottom - 2.0 * size;
    // A row cut by the page break has nothing at the top of the page in
    // the columns where it had already ended. A row number there, in the
    // column of the last row's own number ("7.2" under "7.1", which ended
    // lines above the page's bottom), means the page starts a new row, and
    // the last row's cells stay closed even where they reached the bottom
    // edge, unless the text visibly runs on (a word or number cut at the
    // break: "giấy chứn" / "g nhận", "267/2025/NĐ-" / "CP"), as in a row
    // whose cells were merged down over several numbers. Cells merged
    // down from an earlier row go on. A line above the new row's number
    // still belongs to the last row ("Sài" / "Đồng" over "1.1").
    let last_row = rows.len().checked_sub(1).filter(|&r| rows[r].last_page == prev_page);
    let new_row_top = last_row.and_then(|r| {
        first
            .flows
            .iter()
            .filter(|f| at_top(f))
            .filter(|flow| {
                rows[r].flows.iter().any(|cell| {
                    cell.last_page == prev_page
                        && !is_open(cell, flow.size())
                        && starts_with_row_number(cell)
                        && starts_with_row_number(flow)
                        && horizontal_overlap(flow.x0, flow.x1, cell.x0, cell.x1) >= 0.5
                })
            })
            .map(|flow| flow.top)
            .reduce(f64::min)
    });
    for mut flow in first.flows {
        let size = flow.size();
        let tail = flow.split_at_row_start(next_row_y);
        let mut found = None;
        if flow.top <= page_top + 2.0 * size {
            'rows: for (r, row) in rows.iter().enumerate().rev() {
                for (f, cell) in row.flows.iter().enumerate() {
                    let ended_by_new_row = new_row_top.is_some_and(|top| flow.top >= top - 0.5 * size)
                        && Some(r) == last_row
                        && !runs_on(cell, &flow);
                    let open = is_open(cell, size) && !ended_by_new_row;
                    // The continuation may be wider than the cell's last
                    // lines, but not reach into the next column.
                    let right_bound = row
                        .flows
                        .iter()
                        .map(|other| other.x0)
                        .filter(|x| *x > cell.x0 + size)
                        .fold(prev_page_right.max(cell.x1) + size, f64::min);
                    if open
                        && !used.contains(&(r, f))
                        && flow.x0 >= cell.x0 - size
                        && flow.x1 <= right_bound
                        && horizontal_overlap(flow.x0, flow.x1, cell.x0, cell.x1) >= 0.5
                    {
                        found = Some((r, f));
                        break 'rows;
                    }
                }
            }
        }
        match found {
            Some((r, f)) => {
                used.push((r, f));
                for line in &flow.lines {
                    rows[r].flows[f].push(line, page);
                }
                rows[r].last_page = page;
                rest.flows.extend(tail);
            }
            None => {
                rest.flows.push(flow);
                rest.flows.extend(tail);
            }
        }
    }
    rest
}

/// Whether the flow's first line is a table row's number ("7.2", "3",
/// "IV"): only such a column tells a new row from a cut one, as a text
/// column's capitalised line ("Ban Thường vụ ...") can be either.
fn starts_with_row_number(flow: &Flow) -> bool {
    flow.lines.first().is_some_and(|l| {
        let t = l.text.trim_end_matches('.');
        !t.is_empty() && t.len() <= 8 && t.chars().all(|c| c.is_ascii_digit() || c == '.' || "IVXLC".contains(c))
    })
}

/// Whether `next` reads as the rest of `cell`'s last line rather than a
/// text of its own: it starts in lower case, or the cell ends inside a
/// token (a hyphen or slash of a document number).
fn runs_on(cell: &Flow, next: &Flow) -> bool {
    let ends_in_token = cell.lines.last().is_some_and(|l| l.text.ends_with(['-', '/']));
    let starts_lower = next.lines.first().and_then(|l| l.text.chars().next()).is_some_and(char::is_lowercase);
    ends_in_token || starts_lower
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs for `text` starting at (x, y), 0.5 em per character, as one
    /// text-showing run.
    fn run(text: &str, x: f64, y: f64) -> Vec<Glyph> {
        let size = 10.0;
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph { x: x + i as f64 * 5.0, y, advance: 5.0, size, text: c.to_string() })
            .collect()
    }

    fn page(runs: &[(&str, f64, f64)]) -> PageGlyphs {
        PageGlyphs { glyphs: runs.iter().flat_map(|(t, x, y)| run(t, *x, *y)).collect() }
    }

    #[test]
    fn splits_cells_that_share_a_baseline() {
        let lines = build_lines(&page(&[("So: 12/KH", 50.0, 100.0), ("Ha Noi, ngay 2", 300.0, 100.0)]).glyphs, &LayoutGrammar::builtin());
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, vec!["So: 12/KH", "Ha Noi, ngay 2"]);
    }

    #[test]
    fn keeps_a_list_number_and_its_tabbed_text_on_one_line() {
        let lines = build_lines(&page(&[("I.", 50.0, 100.0), ("MUC TIEU, YEU CAU", 85.0, 100.0)]).glyphs, &LayoutGrammar::builtin());
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, vec!["I. MUC TIEU, YEU CAU"]);
    }

    #[test]
    fn drops_fake_bold_overprint() {
        let mut glyphs = run("Dieu 1", 50.0, 100.0);
        glyphs.extend(run("Dieu 1", 50.4, 100.0));
        let lines = build_lines(&glyphs, &LayoutGrammar::builtin());
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text, "Dieu 1");
    }

    #[test]
    fn puts_late_accents_back_on_their_letters() {
        let mut glyphs = run("Viet Nam", 50.0, 100.0);
        // A circumflex and a dot below painted after the line, over the e.
        glyphs.push(Glyph { x: 60.0, y: 100.0, advance: 0.0, size: 10.0, text: "\u{302}".into() });
        glyphs.push(Glyph { x: 60.0, y: 100.0, advance: 0.0, size: 10.0, text: "\u{323}".into() });
        let lines = build_lines(&glyphs, &LayoutGrammar::builtin());
        assert_eq!(lines.len(), 1);
        assert_eq!(cleanup::normalize_chars(&lines[0].text), "Việt Nam");
    }

    #[test]
    fn a_heading_as_wide_as_two_columns_under_a_table_is_not_in_its_last_cell() {
        // A table without rules: "1 | Phe duyet danh sach | Co quan thuc
        // hien", then "Phan II. NOI DUNG ..." from under the second column
        // to the third's right edge, as if right-aligned with its cell.
        let heading = "Phan II. NOI DUNG CU THE CUA TUNG THU TUC HANH C";
        let p = page(&[
            ("1", 60.0, 100.0),
            ("Phe duyet danh sach", 100.0, 100.0),
            ("cac dan toc", 100.0, 112.0),
            ("Co quan thuc hien", 250.0, 100.0),
            (heading, 95.0, 126.0),
        ]);
        let regions = layout(&[p], &LayoutGrammar::builtin());
        let Some(Region::Row { cells, .. }) = regions.first() else { panic!("{regions:?}") };
        assert_eq!(cells[1], "Phe duyet danh sach cac dan toc", "{regions:?}");
        assert!(regions.iter().any(|r| matches!(r, Region::Text(t) if t[0].starts_with("Phan II."))), "{regions:?}");
    }

    #[test]
    fn rows_keep_cells_in_order_and_text_after_the_table_apart() {
        let p = page(&[
            ("UY BAN NHAN DAN", 60.0, 60.0),
            ("TINH X", 80.0, 75.0),
            ("CONG HOA XA HOI", 300.0, 60.0),
            ("Doc lap", 320.0, 75.0),
            ("KE HOACH", 200.0, 110.0),
            ("Thuc hien chi dao cua Tinh uy ve viec trien khai", 50.0, 130.0),
            ("ke hoach nam 2025.", 50.0, 144.0),
        ]);
        let regions = layout(&[p], &LayoutGrammar::builtin());
        assert_eq!(
            regions,
            vec![
                Region::Row {
                    // a line in capitals and one in running case are separate paragraphs
                    cells: vec!["UY BAN NHAN DAN TINH X".into(), "CONG HOA XA HOI\nDoc lap".into()],
                    spans: vec![(60.0, 135.0), (300.0, 375.0)],
                    size: 10.0
                },
                Region::Text(vec![
                    "KE HOACH".into(),
                    "Thuc hien chi dao cua Tinh uy ve viec trien khai ke hoach nam 2025.".into()
                ]),
            ]
        );
    }

    #[test]
    fn a_heading_and_its_first_item_alone_at_a_page_foot_stay_apart() {
        // The heading is the wider of the two lines, so it reaches the
        // flow's right edge without having wrapped.
        let p = page(&[
            ("2. Cong bo het dich hai thuc vat thuoc tham quyen cua tinh", 50.0, 700.0),
            ("a) Trinh tu thuc hien:", 50.0, 714.0),
        ]);
        let regions = layout(&[p], &LayoutGrammar::builtin());
        assert_eq!(
            regions,
            vec![Region::Text(vec![
                "2. Cong bo het dich hai thuc vat thuoc tham quyen cua tinh".into(),
                "a) Trinh tu thuc hien:".into()
            ])]
        );
    }

    #[test]
    fn figures_stacked_in_a_narrow_cell_stay_apart_and_a_broken_year_is_joined() {
        // Two rows of an indicator table the reader ran into one: the area
        // and the yield, one over the other in each narrow cell.
        let runs = page(&[
            ("San", 50.0, 700.0),
            ("43.114", 150.0, 700.0),
            ("526.420", 150.0, 714.0),
            ("Nam 202", 250.0, 700.0),
            ("5", 250.0, 714.0),
        ]);
        let regions = layout(&[runs], &LayoutGrammar::builtin());
        let Region::Row { cells, .. } = &regions[0] else { panic!("not a row: {regions:?}") };
        assert_eq!(cells, &["San".to_string(), "43.114 526.420".into(), "Nam 2025".into()]);
    }

    #[test]
    fn a_row_cut_by_the_page_break_continues_cell_by_cell() {
        let first = page(&[
            ("Nguoi ky:", 50.0, 700.0),
            ("Noi dung o 1", 150.0, 700.0),
            ("tiep o 1", 150.0, 714.0),
            ("Noi dung o 2", 300.0, 700.0),
            ("tiep o 2", 300.0, 714.0),
        ]);
        let second = page(&[("het o 1.", 150.0, 60.0), ("het o 2.", 300.0, 60.0), ("Dieu 2. Sau bang", 50.0, 100.0)]);
        let regions = layout(&[first, second], &LayoutGrammar::builtin());
        assert_eq!(
            regions,
            vec![
                Region::Row {
                    cells: vec![
                        "Nguoi ky:".into(),
                        "Noi dung o 1 tiep o 1 het o 1.".into(),
                        "Noi dung o 2 tiep o 2 het o 2.".into()
                    ],
                    spans: vec![(50.0, 95.0), (150.0, 210.0), (300.0, 360.0)],
                    size: 10.0
                },
                Region::Text(vec!["Dieu 2. Sau bang".into()]),
            ]
        );
    }

    #[test]
    fn a_page_that_starts_with_the_next_row_number_starts_a_new_row() {
        let first = page(&[
            ("7.1", 50.0, 700.0),
            ("Trien khai he thong", 100.0, 700.0),
            ("quan ly phuong tien", 100.0, 714.0),
            ("giao thong", 100.0, 728.0),
            ("Cac so, ban,", 300.0, 700.0),
            ("nganh; UBND cac", 300.0, 714.0),
            ("phuong, xa", 300.0, 728.0),
        ]);
        let second = page(&[("7.2", 50.0, 60.0), ("Trien khai bai do xe", 100.0, 60.0), ("Cac so, ban", 300.0, 60.0)]);
        let cells = |regions: Vec<Region>| -> Vec<Vec<String>> {
            regions.into_iter().filter_map(|r| if let Region::Row { cells, .. } = r { Some(cells) } else { None }).collect()
        };
        assert_eq!(
            cells(layout(&[first.clone(), second], &LayoutGrammar::builtin())),
            vec![
                vec!["7.1".to_string(), "Trien khai he thong quan ly phuong tien giao thong".into(), "Cac so, ban, nganh; UBND cac phuong, xa".into()],
                vec!["7.2".to_string(), "Trien khai bai do xe".into(), "Cac so, ban".into()],
            ]
        );
        // A lower-case start still runs on: the row was cut mid-sentence.
        let cut = page(&[("7.2", 50.0, 60.0), ("va bai do xe", 100.0, 60.0)]);
        let rows = cells(layout(&[first.clone(), cut], &LayoutGrammar::builtin()));
        assert_eq!(rows[0][1], "Trien khai he thong quan ly phuong tien giao thong va bai do xe");
        // A line above the new row's number is the rest of the last row,
        // even capitalised: a name cut at the page break. (The note column
        // on the right, running from the top, holds the two in one row.)
        let named = page(&[
            ("Dong", 100.0, 60.0),
            ("Ghi chu", 450.0, 60.0),
            ("mot", 450.0, 74.0),
            ("hai", 450.0, 88.0),
            ("7.2", 50.0, 78.0),
            ("Trien khai bai do xe", 100.0, 78.0),
        ]);
        let rows = cells(layout(&[first, named], &LayoutGrammar::builtin()));
        assert_eq!(rows[0][1], "Trien khai he thong quan ly phuong tien giao thong Dong");
        assert_eq!(rows[1], vec!["Ghi chu mot hai".to_string(), "7.2".into(), "Trien khai bai do xe".into()]);
    }

    #[test]
    fn removes_page_numbers_and_running_headers() {
        let bodies = ["Mot hai ba", "Bon nam sau", "Bay tam chin", "Muoi muoi mot"];
        let pages: Vec<PageGlyphs> = (1..=4)
            .map(|n| page(&[(&n.to_string(), 290.0, 30.0), ("CONG BAO", 50.0, 45.0), (bodies[n - 1], 50.0, 100.0)]))
            .collect();
        let regions = layout(&pages, &LayoutGrammar::builtin());
        let text: Vec<String> = regions
            .into_iter()
            .flat_map(|r| match r {
                Region::Text(p) => p,
                Region::Row { cells, .. } => cells,
            })
            .collect();
        assert_eq!(text.join(" | "), "Mot hai ba Bon nam sau Bay tam chin Muoi muoi mot");
    }
}
