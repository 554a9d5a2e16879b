//! Stage 2: blocks -> one normalised text with a line index.
//!
//! The normalised text is what every span in the output points into, so it is
//! built here once and never edited afterwards. Each paragraph becomes one
//! line (wrapped lines are rejoined), each table row becomes one line with its
//! cells joined by " | " and their ranges recorded, so later stages can work
//! on lines and cells without losing their place in the text.

pub mod flattened;
pub mod vietnamese;

use crate::grammar::Grammar;
use crate::ingest::{Block, Format};
use crate::grammar::header::{RULE_CHARS, rule_prefix};
use crate::grammar::sections::is_upper_line;
use regex::RegexSet;
use serde::Deserialize;
use std::borrow::Cow;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

#[derive(Debug, Clone, Default)]
pub struct NormDoc {
    pub text: String,
    pub lines: Vec<Line>,
}

#[derive(Debug, Clone)]
pub struct Line {
    pub start: usize,
    pub end: usize,
    pub kind: LineKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum LineKind {
    Para,
    /// A footnote ("¹Chỉ số ... đạt 88,61/100 điểm"). Footnotes interrupt
    /// the sentence they sit in on paper, so they are moved to the end of
    /// the text, outside every section; references in them still count.
    Footnote,
    /// A table row; `cells` are byte ranges of each cell in the text.
    /// `values` are the ranges to read each cell's value from: the cell
    /// itself, or for an empty cell merged with the one above (Word's
    /// vMerge), the range of that cell.
    Row { table: usize, row: usize, cells: Vec<(usize, usize)>, values: Vec<(usize, usize)> },
}

impl NormDoc {
    pub fn line_text(&self, i: usize) -> &str {
        let l = &self.lines[i];
        &self.text[l.start..l.end]
    }

    /// 1-based line number of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.lines.partition_point(|l| l.end < offset).min(self.lines.len().saturating_sub(1)) + 1
    }
}

/// Rules from `normalize.toml`.
pub struct NormalizeGrammar {
    page_number: RegexSet,
    residue: RegexSet,
    tail: RegexSet,
    wrap_joiners: Vec<String>,
}

#[derive(Deserialize)]
pub struct RawNormalize {
    page_number_patterns: Vec<String>,
    residue_patterns: Vec<String>,
    #[serde(default)]
    tail_patterns: Vec<String>,
    #[serde(default)]
    wrap_joiners: Vec<String>,
}

impl NormalizeGrammar {
    /// The words no sentence ends on, lower-cased (shared with the PDF
    /// readers' paragraph rebuilding).
    pub fn wrap_joiners(&self) -> &[String] {
        &self.wrap_joiners
    }

    pub fn compile(raw: RawNormalize) -> Result<Self, regex::Error> {
        Ok(NormalizeGrammar {
            page_number: RegexSet::new(&raw.page_number_patterns)?,
            residue: RegexSet::new(&raw.residue_patterns)?,
            tail: RegexSet::new(&raw.tail_patterns)?,
            wrap_joiners: crate::grammar::lowered(&raw.wrap_joiners),
        })
    }

    pub fn is_page_number(&self, line: &str) -> bool {
        self.page_number.is_match(line)
    }

    /// A line after which the rest of the file is web-page furniture.
    pub fn is_tail(&self, line: &str) -> bool {
        self.tail.is_match(line)
    }

    pub fn is_residue(&self, line: &str) -> bool {
        self.residue.is_match(line)
    }

    /// Whether `line` ends on a word no sentence ends on ("... phối hợp với").
    fn ends_on_joiner(&self, line: &str) -> bool {
        crate::grammar::ends_on_word(line, &self.wrap_joiners)
    }
}

/// Build the normalised document from a reader's blocks.
pub fn normalize(blocks: &[Block], format: Format, g: &Grammar) -> NormDoc {
    let wrap = wrap_width(blocks);
    let mut b = Builder { doc: NormDoc::default(), tables: 0, g, open_para: false, last_raw: RawLine::default(), footnotes: Vec::new(), footnote_open: false, wrap };
    'blocks: for block in blocks {
        match block {
            Block::Paragraph(p) => {
                for raw in p.split('\n') {
                    let line = clean_line(raw, format);
                    if g.normalize.is_tail(&line) {
                        break 'blocks;
                    }
                    b.push_para_line(&line);
                }
            }
            Block::Table(t) => {
                if b.push_table(t, format) {
                    break 'blocks;
                }
            }
        }
    }
    for note in std::mem::take(&mut b.footnotes) {
        let start = b.start_line();
        b.doc.text.push_str(&note);
        b.doc.lines.push(Line { start, end: b.doc.text.len(), kind: LineKind::Footnote });
    }
    b.doc
}

#[derive(Default, Clone, Copy)]
struct RawLine {
    chars: usize,
    /// Whether it was joined to a line before it.
    joined: bool,
}

struct Builder<'g> {
    doc: NormDoc,
    tables: usize,
    g: &'g Grammar,
    /// Whether the last line is a paragraph a continuation may join.
    open_para: bool,
    /// The raw line the last paragraph ends with: a hard wrap is judged on
    /// it, not on the whole paragraph joined so far.
    last_raw: RawLine,
    footnotes: Vec<String>,
    /// Whether the last raw line was a footnote's, cut by a hard wrap.
    footnote_open: bool,
    /// The width, in characters, the text was hard-wrapped at, if it was.
    wrap: Option<usize>,
}

/// Longer than this, a line is more than a symbol marker ("1.2.3.4.").
const BARE_MARKER_BYTES: usize = 16;

/// Longer than this, a paragraph's head reads the same after any join
/// (see `join_keeps_line`).
const JOIN_CHECK_BYTES: usize = 512;

/// The fewest paragraph lines from which a wrap width is guessed.
const WRAP_MIN_LINES: usize = 12;
/// Wider than this, a text's lines are paragraphs, not a fixed-width wrap.
const WRAP_MAX_CHARS: usize = 160;

/// The width a text was hard-wrapped at (a .txt saved from a PDF or an
/// e-mail: every paragraph broken into lines of about the same length), or
/// None when its lines are whole paragraphs. The 95th percentile of the line
/// lengths is the width; the text counts as wrapped when lines near that
/// width are common (at least 3 in 10), which whole paragraphs never are.
fn wrap_width(blocks: &[Block]) -> Option<usize> {
    let mut lens: Vec<usize> = Vec::new();
    for block in blocks {
        if let Block::Paragraph(p) = block {
            for raw in p.split('\n') {
                let n = raw.trim().chars().count();
                if n > 0 {
                    lens.push(n);
                }
            }
        }
    }
    if lens.len() < WRAP_MIN_LINES {
        return None;
    }
    let at = lens.len() * 95 / 100;
    let (_, &mut width, _) = lens.select_nth_unstable(at);
    if width > WRAP_MAX_CHARS {
        return None;
    }
    let full = lens.iter().filter(|&&n| n * 100 >= width * 85).count();
    (full * 10 >= lens.len() * 3).then_some(width)
}

impl Builder<'_> {
    fn push_para_line(&mut self, line: &str) {
        if line.is_empty() {
            return;
        }
        if self.g.normalize.is_page_number(line) || self.g.normalize.is_residue(line) {
            return;
        }
        let footnote_goes_on = std::mem::take(&mut self.footnote_open) && !self.g.sections.starts_with_marker(line);
        if let Some(note) = self.footnotes.last_mut().filter(|_| footnote_goes_on) {
            note.push(' ');
            note.push_str(line);
            self.wrapped_footnote(line);
            return;
        }
        if line.starts_with(['¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹']) {
            // The sentence the footnote interrupts goes on after it.
            self.footnotes.push(line.to_string());
            self.wrapped_footnote(line);
            return;
        }
        if let Some(at) = flattened::glued_first_item(line, &self.g.sections) {
            self.push_para_line(line[..at].trim_end());
            self.open_para = false;
            self.push_para_line(&line[at..]);
            return;
        }
        if self.open_para && self.continues_previous(line) && self.join_keeps_line(line) {
            let last = self.doc.lines.len() - 1;
            self.doc.text.push(' ');
            self.doc.text.push_str(line);
            if line.contains('*') {
                // Emphasis may open on one raw line and close on the next.
                let start = self.doc.lines[last].start;
                let joined = strip_single_emphasis(&self.doc.text[start..]);
                let joined = to_nfc(Cow::Owned(joined)).0.into_owned();
                self.doc.text.truncate(start);
                self.doc.text.push_str(&joined);
            }
            self.doc.lines[last].end = self.doc.text.len();
            self.last_raw = RawLine { chars: line.chars().count(), joined: true };
            return;
        }
        let start = self.start_line();
        self.doc.text.push_str(line);
        self.doc.lines.push(Line { start, end: self.doc.text.len(), kind: LineKind::Para });
        self.open_para = true;
        self.last_raw = RawLine { chars: line.chars().count(), joined: false };
    }

    /// A hard-wrapped footnote goes on in the next raw line when this one
    /// filled the width and closed no sentence (the body it interrupts
    /// resumes after the footnote's last line).
    fn wrapped_footnote(&mut self, line: &str) {
        let Some(width) = self.wrap else { return };
        let chars = line.chars().count();
        self.footnote_open = chars + width / 8 >= width && !line.chars().next_back().is_some_and(closes_sentence);
    }

    /// The rows of a table, up to a row that starts the page furniture
    /// after a document (grammar `tail_patterns`, read in its first cell
    /// with text): true when one did, and nothing after it is text.
    fn push_table(&mut self, t: &crate::ingest::Table, format: Format) -> bool {
        let mut table = self.tables;
        self.tables += 1;
        let mut above: Vec<(usize, usize)> = Vec::new();
        for (ri, row) in t.rows.iter().enumerate() {
            if row.iter().map(|c| c.trim_start()).find(|c| !c.is_empty()).is_some_and(|c| self.g.normalize.is_tail(c)) {
                return true;
            }
            // "PHỤ LỤC II DANH MỤC ..." inside a row: pages saved from the web
            // put the next appendix's title, and its table's header, in the
            // last row of the table before. The title is a paragraph, and
            // what follows it starts a new table.
            // The title may follow the words that closed the table before
            // it in the same cell: those words are a paragraph of their own.
            let title = row.iter().enumerate().find_map(|(k, c)| {
                if self.is_title_cell(c) {
                    Some((k, 0))
                } else {
                    flattened::glued_title(c, &self.g.sections).map(|at| (k, at))
                }
            });
            if let Some((k, at)) = title {
                self.push_cells(t, ri, &row[..k], 0, table, &mut above, format);
                self.open_para = false;
                self.push_title_cell(&row[k], at, format);
                table = self.tables;
                self.tables += 1;
                above.clear();
                self.push_cells(t, ri, &row[k + 1..], k + 1, table, &mut above, format);
                continue;
            }
            // The last row of a saved page's table may carry what follows
            // the table in cells past the table's width ("02 | ... | Tổng
            // số: 02 TTHC./. QUY TRÌNH NỘI BỘ ..."): those cells are body.
            if let Some(w) = ri.checked_sub(1).and_then(|p| flattened::body_after_row(&t.rows[p], row)) {
                self.push_cells(t, ri, &row[..w], 0, table, &mut above, format);
                self.push_body_row(&row[w..], format);
                continue;
            }
            self.push_cells(t, ri, row, 0, table, &mut above, format);
        }
        false
    }

    /// A short letter saved from a web page: its number cell ("Số: 11299/
    /// VPCP-KGVX V/v ...") or its addressees ("Kính gửi: | - Các bộ, ...")
    /// and its body share one layout row.
    fn is_letter_row(&self, row: &[String]) -> bool {
        let h = &self.g.header;
        row.iter().any(|c| c.len() > flattened::LETTER_BODY_BYTES)
            && row.iter().any(|c| {
                let c = c.trim_start();
                h.number.is_match(c) || h.is_addressees(c)
            })
    }

    /// A cell holding a title from byte `at` on: the words before it, the
    /// title, and each item after it, as paragraphs. (A .docx cell keeps
    /// its paragraphs: the title's may wrap, and the items after it open
    /// lines of their own: "I. QUY TRÌNH ...", "1. Quy trình ...")
    fn push_title_cell(&mut self, cell: &str, at: usize, format: Format) {
        let (before, title) = cell.split_at(at);
        let items = title
            .match_indices('\n')
            .map(|(i, _)| i + 1)
            .find(|&i| self.g.sections.match_marker(title[i..].trim_start()).is_some())
            .unwrap_or(title.len());
        for line in [before, &title[..items]].into_iter().chain(title[items..].split('\n')) {
            self.push_para_line(&clean_line(line, format));
            self.open_para = false;
        }
    }

    /// An appendix or part title in capitals ("PHỤ LỤC II ...", "PHẦN I").
    fn is_title_cell(&self, cell: &str) -> bool {
        // (a saved page's title may keep its heading marks: "# # PHỤ LỤC")
        let cell = without_heading_marks(cell.trim_start());
        let sg = &self.g.sections;
        let first_word_caps = cell.split_whitespace().next().is_some_and(|w| !w.chars().any(char::is_lowercase));
        first_word_caps && sg.marker_style(cell).is_some_and(flattened::is_title_style)
    }

    /// The cells `row` of table row `ri` (starting at column `col0`) as one
    /// row line, or as paragraphs when they wrap a document body.
    #[allow(clippy::too_many_arguments)]
    fn push_cells(
        &mut self,
        t: &crate::ingest::Table,
        ri: usize,
        row: &[String],
        col0: usize,
        table: usize,
        above: &mut Vec<(usize, usize)>,
        format: Format,
    ) {
        if flattened::holds_body(row, &self.g.sections) || self.is_letter_row(row) {
            self.push_body_row(row, format);
            return;
        }
        let cells: Vec<String> = row.iter().map(|c| clean_cell(c, format)).collect();
        if cells.iter().all(|c| c.is_empty()) {
            return;
        }
        // Saved pages put the site's furniture in a row whose first cells are empty.
        let first = cells.iter().position(|c| !c.is_empty()).unwrap_or(0);
        if self.g.normalize.is_residue(&cells[first..].join(" | ")) {
            return;
        }
        let start = self.start_line();
        let mut ranges = Vec::with_capacity(cells.len());
        for (ci, c) in cells.iter().enumerate() {
            if ci > 0 {
                self.doc.text.push_str(" | ");
            }
            let s = self.doc.text.len();
            self.doc.text.push_str(c);
            ranges.push((s, self.doc.text.len()));
        }
        let values: Vec<(usize, usize)> = ranges
            .iter()
            .enumerate()
            .map(|(ci, &r)| match above.get(ci) {
                Some(&from) if r.0 == r.1 && t.is_merged_above(ri, ci + col0) => from,
                _ => r,
            })
            .collect();
        *above = values.clone();
        self.doc.lines.push(Line {
            start,
            end: self.doc.text.len(),
            kind: LineKind::Row { table, row: ri, cells: ranges, values },
        });
        self.open_para = false;
    }

    /// A layout row around a document body: its cells are paragraphs.
    fn push_body_row(&mut self, row: &[String], format: Format) {
        self.open_para = false;
        for cell in row {
            // Site furniture in a cell of its own goes whole, not piece by piece.
            if self.g.normalize.is_residue(cell.trim_start()) {
                continue;
            }
            for raw in cell.split('\n') {
                let line = clean_line(raw, format);
                for piece in flattened::paragraphs(&line, &self.g.sections) {
                    let piece = flattened::strip_heading_mark(piece);
                    if piece.is_empty() {
                        continue;
                    }
                    self.push_para_line(piece);
                    // A cut was made on purpose ("... CHÍNH PHỦ" / "điện:"):
                    // the next piece is no wrapped continuation, unless this
                    // one is a number set apart from its text ("2." / "Chủ
                    // tịch UBND các tỉnh: ...").
                    self.open_para = self.is_bare_marker(piece);
                }
            }
            // A cell ends its paragraph: the next cell is never its continuation.
            self.open_para = false;
        }
    }

    fn start_line(&mut self) -> usize {
        if !self.doc.text.is_empty() {
            self.doc.text.push('\n');
        }
        self.doc.text.len()
    }

    /// Joining must not turn the previous line into one that a second pass
    /// would treat differently: a page number or residue (dropped), or a
    /// marker line that no longer reads as a marker.
    fn join_keeps_line(&self, line: &str) -> bool {
        let prev = self.doc.line_text(self.doc.lines.len() - 1);
        // Page numbers are short and residue and markers are read at a
        // line's head, which a long paragraph keeps whatever is joined to
        // its end: no copy of it per joined line (a hard-wrapped paragraph
        // of megabytes would make that quadratic).
        if prev.len() > JOIN_CHECK_BYTES && !line.contains('*') {
            return true;
        }
        let joined = format!("{prev} {line}");
        // Emphasis opened on the previous line and closed on this one is
        // removed on joining ("*a" + "hông q*"): "*a" read as a bullet, "a
        // hông q" does not.
        let joined = if line.contains('*') { strip_single_emphasis(&joined) } else { joined };
        let g = &self.g.normalize;
        if g.is_page_number(&joined) || g.is_residue(&joined) {
            return false;
        }
        !self.g.sections.starts_with_marker(prev) || self.g.sections.starts_with_marker(&joined)
    }

    /// Whether `line` is the rest of a sentence wrapped from the previous
    /// line. Vietnamese sentences start with a capital, so a line starting in
    /// lower case is a continuation; a new numbered item never is.
    fn continues_previous(&self, line: &str) -> bool {
        let prev = self.doc.line_text(self.doc.lines.len() - 1);
        let prev_last = prev.chars().last().unwrap_or('.');
        let prev_open = !closes_sentence(prev_last);
        let wrapped = prev_open && self.fills_width(line);
        if self.is_bare_marker(prev) {
            // A PDF sets a list number apart from its text ("2." / "Chủ
            // tịch UBND các tỉnh: ..."): the item's first line is the next.
            return !self.g.sections.starts_with_marker(line);
        }
        if wrapped && cut_at_dash(line) {
            return true;
        }
        if let Some(m) = self.g.sections.match_marker(line) {
            // "... theo mẫu" / "Phụ lục 11 ban hành kèm theo ...": a marker
            // word cited mid-sentence, carried to the next line by the wrap.
            // A heading's own words after "Phụ lục 11" or "Điều 5." start
            // with a capital.
            return wrapped
                && m.raw.contains(' ')
                && line[m.len..].trim_start().chars().next().is_some_and(char::is_lowercase);
        }
        let Some(first) = line.chars().next() else { return false };
        if wrapped && (self.g.normalize.ends_on_joiner(prev) || (is_upper_line(prev) && is_upper_line(line))) {
            // "... phối hợp với" / "Sở Tài chính", and a heading in
            // capitals wrapped onto a second line. Other capitals after a
            // full line stay apart: a heading, a header or a signature line
            // may fill the width and end there.
            return true;
        }
        if wrapped && self.wraps_onto_name(prev, line) {
            return true;
        }
        if first.is_lowercase() {
            return true;
        }
        if matches!(first, ',' | ';' | ')' | ']' | '%') {
            return true;
        }
        if prev_open && (first.is_ascii_digit() || unbalanced_paren(prev)) {
            return true;
        }
        // A wrap right after a dash ("2025 -" / "2030") or a comma.
        prev_open && matches!(prev_last, '-' | '–' | ',') && first.is_alphanumeric() && prev.len() > 40
    }

    /// A sentence wrapped just before a proper name ("... chủ động phối hợp
    /// với Sở" / "Y tế trong việc ...", "... đạt 400 triệu" / "USD, tăng
    /// ..."): Vietnamese capitalises every agency, place and plan name, so
    /// a full line of running text (lower case in it, no closing mark) goes
    /// on into a capitalised word or an aside in parentheses. A heading or
    /// a signature in capitals does not, nor a line that ends a title
    /// (header.toml `title_stops`: "Căn cứ", "(Kèm theo"), nor the title of
    /// an article or chapter that filled the width on its own line ("Điều
    /// 8. Tàu thuyền quân sự ... Cam Ranh" / "Bộ trưởng Bộ Quốc phòng ...").
    /// A numbered item's first line does go on: over a hard-wrapped plan
    /// most such breaks cut an item's sentence, few end a heading.
    fn wraps_onto_name(&self, prev: &str, line: &str) -> bool {
        let first = line.split(' ').next().unwrap_or("");
        // (a name, a date cut after its first word, "... trong Quý" / "IV/2025.",
        // or the last word of a sentence alone, "... đạt 05 triệu" / "USD.")
        let last_word = line == first && first.ends_with(['.', ';', ',']) && first.chars().any(char::is_alphabetic);
        let opens = (line.starts_with(|c: char| c.is_uppercase() || c == '(') && line.chars().any(char::is_lowercase)
            || first.starts_with(char::is_uppercase) && (first.bytes().any(|b| b.is_ascii_digit()) || last_word))
            && prev.chars().any(char::is_lowercase)
            && !self.g.header.ends_title(line);
        if !opens {
            return false;
        }
        // (a title holds no sentence end: "Điều 2. Giao Ủy ban ... thực hiện. Giao" goes on)
        let article_title = !self.last_raw.joined
            && self.g.sections.match_marker(prev).is_some_and(|m| m.raw.contains(' ') && !prev[m.len..].contains(". "));
        // (unless a name is cut in two and the sentence goes on after it,
        // "Điều 1. Thông qua Kế hoạch ... thị xã Phước" / "Long, giai đoạn",
        // or the title ends with it, "... Cảng quốc tế Cam" / "Ranh[7]")
        let name_cut = || {
            prev.rsplit(' ').next().is_some_and(|w| w.starts_with(char::is_uppercase)) && (first.ends_with([',', ';', ')']) || line == first)
        };
        !article_title || name_cut()
    }

    /// A line that is a symbol marker and nothing else ("2.", "II.", "a)").
    /// A word marker alone ("Chương II", "Điều 5.") keeps its line: its
    /// title below it is the heading's own line.
    fn is_bare_marker(&self, line: &str) -> bool {
        // (the length test spares most lines a marker match)
        line.len() <= BARE_MARKER_BYTES
            && self.g.sections.match_marker(line).is_some_and(|m| m.len >= line.len() && !m.raw.contains(' '))
    }

    /// Whether a hard wrap explains the break before `line`: the text is
    /// wrapped and `line`'s first word would not have fitted after the last
    /// raw line. An eighth of the width is slack for proportional fonts.
    fn fills_width(&self, line: &str) -> bool {
        let Some(width) = self.wrap else { return false };
        let word = line.split(' ').next().map_or(0, |w| w.chars().count());
        self.last_raw.chars + 1 + word + width / 8 > width
    }
}

/// A compound or a range cut at its dash by the wrap ("... các tổ chức
/// chính trị" / "- xã hội, ...", "... giai đoạn 2011" / "– 2020;"): a dash,
/// then a word in lower case or a number. After a full line that closes no
/// sentence this is no bullet: list items after an open line start with a
/// capital or follow a colon.
fn cut_at_dash(line: &str) -> bool {
    let Some(rest) = line.strip_prefix(['-', '–']).and_then(|r| r.strip_prefix(' ')) else { return false };
    rest.chars().next().is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
}

/// A mark after which a line is no wrapped sentence's middle.
fn closes_sentence(c: char) -> bool {
    matches!(c, '.' | ':' | ';' | '!' | '?')
}

fn unbalanced_paren(s: &str) -> bool {
    s.matches('(').count() > s.matches(')').count()
}

/// NFC, character repairs, markdown emphasis and whitespace, for one line.
fn clean_line(raw: &str, format: Format) -> Cow<'_, str> {
    if is_plain_line(raw, format) {
        return Cow::Borrowed(raw);
    }
    Cow::Owned(clean_line_fully(raw, format))
}

/// [`clean_line`] without the plain-line shortcut.
fn clean_line_fully(raw: &str, format: Format) -> String {
    let (s, mut recomposed) = to_nfc(vietnamese::fix_chars(raw));
    let mut s = s.into_owned();
    // Removing emphasis can put a letter next to a combining mark.
    if let Cow::Owned(d) = strip_markdown(&s, format) {
        let (d, r) = to_nfc(Cow::Owned(d));
        s = d.into_owned();
        recomposed |= r;
    }
    // NFC reorders marks; a tone it puts before a circumflex needs the
    // repair again (fix_chars is idempotent otherwise).
    if recomposed
        && let Cow::Owned(r) = vietnamese::fix_chars(&s) {
            s = to_nfc(Cow::Owned(r)).0.into_owned();
        }
    strip_glued_rule(collapse_whitespace(s))
}

/// A header's rule glued to the line under it ("-------Số: 310/KH-UBND",
/// "--------------Hà Nội, ngày 24 tháng 11 năm 2025"), as a PDF's text
/// layer puts it: the rule goes, so the line reads as what it is. A rule
/// alone on its line is left to the rules about lines.
fn strip_glued_rule(s: String) -> String {
    match rule_prefix(&s) {
        Some(end) if s[end..].starts_with(char::is_alphanumeric) => s[end..].to_string(),
        _ => s,
    }
}

/// Whether a line opens with two rule characters, so that
/// [`strip_glued_rule`] may have work to do.
fn starts_rule(line: &str) -> bool {
    let mut cs = line.chars();
    cs.next().is_some_and(|c| RULE_CHARS.contains(&c)) && cs.next().is_some_and(|c| RULE_CHARS.contains(&c))
}

/// One byte pass that clears most lines for [`clean_line`] unchanged: true
/// only when no step could alter the line. The steps' own pre-checks
/// (`may_need_fix`, `surely_nfc`, the emphasis and white-space tests) each
/// scan the line again; on ordinary text this single scan replaces all of
/// them. Accepts ASCII other than the emphasis characters and control
/// white space, no double or edge space, and only the multi-byte chars that
/// are NFC in any company, never repaired and not white space: U+00C0-U+02FF
/// except Ð/ð (lead bytes C3-CB), U+1E00-U+1EFF (E1 B8-BB) and the
/// punctuation U+200E-U+2027, U+202A-U+202E, U+2030-U+203F (E2 80 ...).
/// Anything else takes the full path, which is always right.
fn is_plain_line(line: &str, format: Format) -> bool {
    let b = line.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else { return true };
    if first == b' ' || last == b' ' || (format == Format::Md && first == b'>') || first == b'#' || starts_rule(line) {
        return false;
    }
    let mut i = 0;
    let mut prev_space = false;
    while i < b.len() {
        let x = b[i];
        if x < 0x80 {
            let space = x == b' ';
            if (space && prev_space) || matches!(x, b'*' | b'_' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C) {
                return false;
            }
            prev_space = space;
            i += 1;
            continue;
        }
        prev_space = false;
        let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
        i += match x {
            0xC3 if !matches!(at(1), 0x90 | 0xB0) => 2,
            0xC4..=0xCB => 2,
            0xE1 if matches!(at(1), 0xB8..=0xBB) => 3,
            0xE2 if at(1) == 0x80 && matches!(at(2), 0x8E..=0xA7 | 0xAA..=0xAE | 0xB0..=0xBF) => 3,
            _ => return false,
        };
    }
    true
}

/// The text in NFC, and whether composing changed it.
fn to_nfc(s: Cow<'_, str>) -> (Cow<'_, str>, bool) {
    if vietnamese::surely_nfc(s.as_bytes()) {
        return (s, false);
    }
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => (s, false),
        _ => {
            let n: String = s.nfc().collect();
            let changed = n != *s;
            (Cow::Owned(n), changed)
        }
    }
}

fn clean_cell(raw: &str, format: Format) -> String {
    // A cell's internal paragraphs become one line: rows are lines.
    let joined = if raw.contains('\n') {
        raw.split('\n').map(|l| clean_line(l, format)).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
    } else {
        clean_line(raw, format).into_owned()
    };
    if joined.contains(" | ") { joined.replace(" | ", " / ") } else { joined }
}

/// Markdown emphasis ("**KẾ HOẠCH**", "(*qua phòng Nội vụ*)") shows up in
/// texts exported from web pages whatever their extension, so it is removed
/// everywhere; headings and quotes only in .md files.
fn strip_markdown(s: &str, format: Format) -> Cow<'_, str> {
    let mut out: Cow<str> = Cow::Borrowed(s);
    if format == Format::Md {
        let t = out.trim_start();
        let t = t.trim_start_matches('#').trim_start_matches('>');
        if t.len() != out.len() {
            out = Cow::Owned(t.trim_start().to_string());
        }
    }
    if out.contains("**") || out.contains("__") {
        out = Cow::Owned(out.replace("**", "").replace("__", ""));
    }
    if out.contains('*') {
        out = Cow::Owned(strip_single_emphasis(&out));
    }
    // Text exported from a web page or a markdown editor keeps its heading
    // marks too ("#### Điều 1. Phạm vi điều chỉnh"), whatever file it was
    // then saved as (.txt, .docx, and the PDF printed from that .docx).
    // Every mark goes, with any white space around it, so a second pass
    // finds none; looked for after the emphasis is gone, which can uncover
    // one ("#__ x").
    if format != Format::Md {
        let t = out.trim_start();
        let unmarked = without_heading_marks(t);
        if unmarked.len() != t.len() {
            out = Cow::Owned(unmarked.to_string());
        }
    }
    out
}

/// `t` after all its leading heading marks ("# # PHỤ LỤC" -> "PHỤ LỤC").
fn without_heading_marks(mut t: &str) -> &str {
    while let Some(rest) = after_heading_mark(t) {
        t = rest;
    }
    t
}

/// The text after a heading mark ("#", "####") and the white space that
/// follows it (or nothing: a mark alone on its line); None when `t` does not
/// open with one.
fn after_heading_mark(t: &str) -> Option<&str> {
    let rest = t.trim_start_matches('#');
    let mark = &t[..t.len() - rest.len()];
    (flattened::is_heading_mark(mark) && (rest.is_empty() || rest.starts_with(char::is_whitespace))).then(|| rest.trim_start())
}

/// Remove `*x*` emphasis pairs but keep lone asterisks ("(*)", footnote stars).
fn strip_single_emphasis(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut keep = vec![true; chars.len()];
    let mut open: Option<usize> = None;
    for (i, &c) in chars.iter().enumerate() {
        if c != '*' {
            continue;
        }
        let next_word = chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        let prev_word = i > 0 && (chars[i - 1].is_alphanumeric() || matches!(chars[i - 1], '.' | ')' | ',' | ':' | ';'));
        match open {
            None if next_word => open = Some(i),
            Some(o) if prev_word => {
                keep[o] = false;
                keep[i] = false;
                open = None;
            }
            _ => {}
        }
    }
    chars.iter().zip(keep).filter(|(_, k)| *k).map(|(c, _)| c).collect()
}

/// Whether `b` holds a Unicode white space other than the ASCII ones:
/// U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F,
/// U+3000, read from their UTF-8 bytes.
fn has_non_ascii_space(b: &[u8]) -> bool {
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let mut i = 0;
    while i < b.len() {
        // Only these lead bytes start a space; everything else is skipped
        // without looking further.
        let hit = match b[i] {
            0xC2 => matches!(at(i + 1), 0x85 | 0xA0),
            0xE1 => at(i + 1) == 0x9A && at(i + 2) == 0x80,
            0xE2 => match at(i + 1) {
                0x80 => matches!(at(i + 2), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF),
                0x81 => at(i + 2) == 0x9F,
                _ => false,
            },
            0xE3 => at(i + 1) == 0x80 && at(i + 2) == 0x80,
            _ => false,
        };
        if hit {
            return true;
        }
        i += 1;
    }
    false
}

fn collapse_whitespace(s: String) -> String {
    // Most lines are already single-spaced: keep them without copying.
    let b = s.as_bytes();
    let tidy = b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && !b.windows(2).any(|w| w == b"  ")
        && !b.iter().any(|&c| matches!(c, b'\t' | b'\n' | b'\r' | 0x0B | 0x0C))
        && !has_non_ascii_space(b);
    if tidy {
        return s;
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_space_pre_check_matches_unicode_white_space() {
        for c in (0x80u32..=0x10FFFF).filter_map(char::from_u32) {
            let s = format!("a{c}b");
            assert_eq!(has_non_ascii_space(s.as_bytes()), c.is_whitespace(), "U+{:04X}", u32::from(c));
            assert_eq!(has_non_ascii_space(c.to_string().as_bytes()), c.is_whitespace(), "U+{:04X} alone", u32::from(c));
        }
    }

    /// The lines of `blocks` after normalising, as text.
    fn lines_of(blocks: &[Block]) -> Vec<String> {
        let doc = normalize(blocks, Format::Pdf, &crate::grammar::Grammar::builtin());
        (0..doc.lines.len()).map(|i| doc.line_text(i).to_string()).collect()
    }

    #[test]
    fn a_title_glued_in_a_docx_cell_keeps_the_items_after_it_on_lines_of_their_own() {
        let cell = "Tổng số TTHC công bố: 18 TTHC\nPHỤ LỤC 2\nQUY TRÌNH NỘI BỘ GIẢI QUYẾT\nTHỦ TỤC HÀNH CHÍNH\nI. QUY TRÌNH CẤP TỈNH\nQuy trình số 01\n1. Quy trình nội bộ giải quyết TTHC";
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        let rows = vec![row(&["1", "2.000477", "Dừng trợ giúp xã hội"]), row(&[cell, "Thứ tự công việc", "Nội dung công việc"])];
        let lines = lines_of(&[Block::Table(crate::ingest::Table { rows, merged_above: Vec::new() })]);
        let want = [
            "1 | 2.000477 | Dừng trợ giúp xã hội",
            "Tổng số TTHC công bố: 18 TTHC",
            "PHỤ LỤC 2 QUY TRÌNH NỘI BỘ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
            "I. QUY TRÌNH CẤP TỈNH",
            "Quy trình số 01",
            "1. Quy trình nội bộ giải quyết TTHC",
            "Thứ tự công việc | Nội dung công việc",
        ];
        assert_eq!(lines, want);
    }

    #[test]
    fn a_number_set_apart_from_its_text_takes_the_next_line() {
        let item = "2.\nChủ tịch Ủy ban nhân dân các tỉnh: Khánh Hòa, Đắk Lắk, Gia Lai:\n- Chịu trách nhiệm toàn diện.";
        let want = ["2. Chủ tịch Ủy ban nhân dân các tỉnh: Khánh Hòa, Đắk Lắk, Gia Lai:", "- Chịu trách nhiệm toàn diện."];
        assert_eq!(lines_of(&[Block::Paragraph(item.to_string())]), want);
        // The same item in the long cell of a layout row, as a Công điện
        // saved from the web and printed to PDF holds its body.
        let body = format!("{}\n1. Các Bộ tập trung chỉ đạo ứng phó.\n{item}", "Căn cứ tình hình mưa lũ. ".repeat(90));
        let lines = lines_of(&[Block::Table(crate::ingest::Table { rows: vec![vec![body]], merged_above: Vec::new() })]);
        assert_eq!(lines[lines.len() - 3..], ["1. Các Bộ tập trung chỉ đạo ứng phó.", want[0], want[1]]);
        // A word marker alone keeps its title on a line of its own, and a
        // bare number over another item is an item with no text.
        let kept = "Chương II\nNHIỆM VỤ CỤ THỂ\n3.\n3.1. Sở Y tế chủ trì.";
        assert_eq!(lines_of(&[Block::Paragraph(kept.to_string())]), ["Chương II", "NHIỆM VỤ CỤ THỂ", "3.", "3.1. Sở Y tế chủ trì."]);
    }

    #[test]
    fn plain_lines_are_those_the_full_path_leaves_alone() {
        // Every char after a letter and alone: the shortcut may only clear
        // what the full path would keep byte for byte.
        for c in (0u32..=0x10FFFF).filter_map(char::from_u32).filter(|&c| c != '\n') {
            for s in [format!("a{c}b"), c.to_string(), format!("e{c}")] {
                for format in [Format::Txt, Format::Md] {
                    if is_plain_line(&s, format) {
                        assert_eq!(clean_line_fully(&s, format), s, "U+{:04X} in {s:?}", u32::from(c));
                    }
                }
            }
        }
        assert!(is_plain_line("Ủy ban nhân dân tỉnh Đắk Lắk – “Kế hoạch” số 12/KH-UBND", Format::Txt));
        for untidy in ["a  b", " a", "a ", "**A**", "a\tb", "Ðà", "a\u{A0}b", "e\u{0301}", "a\u{200B}b"] {
            assert!(!is_plain_line(untidy, Format::Txt), "{untidy:?}");
        }
        assert!(!is_plain_line("# A", Format::Md));
    }

    proptest::proptest! {
        #[test]
        fn the_shortcut_agrees_with_the_full_path(s in "[aăâđeêoôơuưyAĐỦủỷ ,.*_#>|–“”\u{A0}\u{0301}\u{0302}\u{200B}ÐðẠạ\t-]{0,24}") {
            for format in [Format::Txt, Format::Md] {
                proptest::prop_assert_eq!(clean_line(&s, format).into_owned(), clean_line_fully(&s, format));
            }
        }
    }

    #[test]
    fn heading_marks_go_whole_and_once_in_every_format_but_markdown() {
        // A web page saved as .docx (and printed to PDF) keeps its marks as
        // literal text, as a saved .txt does.
        for format in [Format::Txt, Format::Docx, Format::Pdf] {
            for (raw, clean) in [("#### Điều 1. Phạm vi", "Điều 1. Phạm vi"), ("#\u{b}Ð", "Đ"), (" # # Đ", "Đ"), ("#5 là số", "#5 là số"), ("##", "")] {
                let once = clean_line(raw, format).into_owned();
                assert_eq!(once, clean, "{raw:?} in {format:?}");
                assert_eq!(clean_line(&once, format), once, "a second pass changes {raw:?} in {format:?}");
            }
        }
    }

    #[test]
    fn tidy_lines_are_kept_and_untidy_ones_collapsed() {
        assert_eq!(collapse_whitespace("Sở Tài chính chủ trì".to_string()), "Sở Tài chính chủ trì");
        assert_eq!(collapse_whitespace(" Sở  Tài\tchính\u{3000}chủ trì ".to_string()), "Sở Tài chính chủ trì");
    }

    fn norm(text: &str) -> NormDoc {
        let g = Grammar::builtin();
        normalize(&crate::ingest::text::blocks_from_text(text), Format::Txt, &g)
    }

    #[test]
    fn wrapped_lines_rejoin_but_items_do_not() {
        let d = norm("- Hoàn thiện việc đổi mới theo hướng nâng cao chất lượng phục vụ,\n\nkhông theo địa giới hành chính.\n- Tăng cường");
        assert_eq!(d.lines.len(), 2);
        assert_eq!(d.line_text(0), "- Hoàn thiện việc đổi mới theo hướng nâng cao chất lượng phục vụ, không theo địa giới hành chính.");
    }

    /// A plan saved as text wrapped at 80 columns, as a PDF's text layer or
    /// an e-mail gives it.
    const HARD_WRAPPED: &str = "\
III. DỰ BÁO TÁC ĐỘNG ĐẾN CÂN ĐỐI NGÂN SÁCH VÀ CÁC GIẢI PHÁP TỔ CHỨC THỰC HIỆN
KẾ HOẠCH TÀI CHÍNH 03 NĂM 2026 - 2028
Triển khai Chỉ thị số 15-CT/TU của Ban Thường vụ Tỉnh ủy về cải cách hành chính
Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;
Chuyển đổi cơ cấu cây trồng, vật nuôi trên đất trồng lúa năm 2025 tỉnh Sơn La
(Kèm theo Quyết định số 12/QĐ-UBND ngày 3 tháng 4 năm 2025)
Điều 8. Tàu thuyền quân sự Việt Nam đến và rời vùng nước Cảng quốc tế Cam Ranh
Bộ trưởng Bộ Quốc phòng quy định và tổ chức quản lý hoạt động của tàu thuyền.
Điều 9. Dịch vụ, hoạt động được thực hiện trong khu vực Cảng quốc tế Cam
Ranh[7]
1. Nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức cấp xã năm 2025
Ủy ban nhân dân các xã, phường chủ động rà soát, bố trí cán bộ theo vị trí việc
làm được phê duyệt.
3. Phấn đấu giá trị hàng hóa tham gia xuất khẩu đến năm 2030 đạt 400 triệu
USD; căn cứ chức năng, nhiệm vụ được giao, chủ động phối hợp với Sở Công Thương
(Trung tâm Xúc tiến thương mại) và Sở Nông nghiệp và Môi trường tổ chức hội chợ.
4. Giá trị hàng công nghiệp, tiểu thủ công nghiệp tham gia xuất khẩu đạt 5 triệu
USD.
a) Đơn xin đổi thẻ (đối với trường hợp thẻ bị hư hỏng không sử dụng được theo
Phụ lục 05 đính kèm);
b) Sở Nội vụ chủ trì tham mưu triển khai các nội dung của Kế hoạch, phối hợp với
Sở Tài chính bố trí kinh phí thực hiện theo quy định hiện hành của Nhà nước.
c) Kết quả thực hiện thủ tục hành chính là quyết định công bố dịch hại theo mẫu
Phụ lục 11 ban hành kèm theo Tiêu chuẩn cơ sở 661: 2018/BVTV.
2. Tổ chức thực hiện
Các sở, ban, ngành, Ủy ban nhân dân các huyện, thành phố căn cứ nhiệm vụ được
giao tổ chức triển khai thực hiện nghiêm túc, hiệu quả các nội dung của Kế
hoạch; định kỳ báo cáo kết quả về Sở Nội vụ trước ngày 15 tháng 12 hằng năm.";

    #[test]
    fn a_hard_wrapped_text_rejoins_what_the_wrap_broke() {
        let d = norm(HARD_WRAPPED);
        let lines: Vec<&str> = (0..d.lines.len()).map(|i| d.line_text(i)).collect();
        assert_eq!(
            lines,
            [
                // a heading in capitals wrapped onto a second line
                "III. DỰ BÁO TÁC ĐỘNG ĐẾN CÂN ĐỐI NGÂN SÁCH VÀ CÁC GIẢI PHÁP TỔ CHỨC THỰC HIỆN KẾ HOẠCH TÀI CHÍNH 03 NĂM 2026 - 2028",
                // a line that ends a title (header.toml title_stops: "Căn cứ", "(Kèm
                // theo") opens a paragraph after a full line
                "Triển khai Chỉ thị số 15-CT/TU của Ban Thường vụ Tỉnh ủy về cải cách hành chính",
                "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
                // an attached form's title stays apart from the line naming its decision
                "Chuyển đổi cơ cấu cây trồng, vật nuôi trên đất trồng lúa năm 2025 tỉnh Sơn La",
                "(Kèm theo Quyết định số 12/QĐ-UBND ngày 3 tháng 4 năm 2025)",
                // an article's title that filled the line ends there
                "Điều 8. Tàu thuyền quân sự Việt Nam đến và rời vùng nước Cảng quốc tế Cam Ranh",
                "Bộ trưởng Bộ Quốc phòng quy định và tổ chức quản lý hoạt động của tàu thuyền.",
                // unless the title's last word is cut off
                "Điều 9. Dịch vụ, hoạt động được thực hiện trong khu vực Cảng quốc tế Cam Ranh[7]",
                // running text goes on into a capitalised name or an aside in
                // parentheses (a numbered item's full first line too: most
                // such breaks cut a sentence, few end a heading)
                "1. Nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức cấp xã năm 2025 Ủy ban nhân dân các xã, phường chủ động rà soát, bố trí cán bộ theo vị trí việc làm được phê duyệt.",
                "3. Phấn đấu giá trị hàng hóa tham gia xuất khẩu đến năm 2030 đạt 400 triệu USD; căn cứ chức năng, nhiệm vụ được giao, chủ động phối hợp với Sở Công Thương (Trung tâm Xúc tiến thương mại) và Sở Nông nghiệp và Môi trường tổ chức hội chợ.",
                // the sentence's last word alone on the next line
                "4. Giá trị hàng công nghiệp, tiểu thủ công nghiệp tham gia xuất khẩu đạt 5 triệu USD.",
                // an appendix cited mid-sentence is no appendix heading
                "a) Đơn xin đổi thẻ (đối với trường hợp thẻ bị hư hỏng không sử dụng được theo Phụ lục 05 đính kèm);",
                // "với" ends no sentence, so the agency on the next line belongs to it
                "b) Sở Nội vụ chủ trì tham mưu triển khai các nội dung của Kế hoạch, phối hợp với Sở Tài chính bố trí kinh phí thực hiện theo quy định hiện hành của Nhà nước.",
                "c) Kết quả thực hiện thủ tục hành chính là quyết định công bố dịch hại theo mẫu Phụ lục 11 ban hành kèm theo Tiêu chuẩn cơ sở 661: 2018/BVTV.",
                "2. Tổ chức thực hiện",
                "Các sở, ban, ngành, Ủy ban nhân dân các huyện, thành phố căn cứ nhiệm vụ được giao tổ chức triển khai thực hiện nghiêm túc, hiệu quả các nội dung của Kế hoạch; định kỳ báo cáo kết quả về Sở Nội vụ trước ngày 15 tháng 12 hằng năm.",
            ]
        );
    }

    #[test]
    fn whole_paragraph_lines_are_no_hard_wrap() {
        // The same breaks in a text whose lines are paragraphs are kept: a
        // line that short is no wrap (and the wrap width is not guessed from
        // a handful of lines).
        let d = norm("b) Sở Nội vụ chủ trì, phối hợp với\nSở Tài chính bố trí kinh phí.\nc) Lập hồ sơ theo mẫu\nPhụ lục 11 ban hành kèm theo Quyết định này.");
        assert_eq!(d.lines.len(), 4);
        let paragraphs: Vec<Block> = (0..40).map(|i| Block::Paragraph(format!("{i}. {}", "Nội dung công việc rất dài ".repeat(i % 9 + 1)))).collect();
        assert_eq!(wrap_width(&paragraphs), None);
        let wrapped: Vec<Block> = HARD_WRAPPED.lines().map(|l| Block::Paragraph(l.to_string())).collect();
        assert_eq!(wrap_width(&wrapped), Some(80));
    }

    #[test]
    fn page_numbers_and_emphasis_go() {
        let d = norm("**KẾ HOẠCH**\n\n12\n\n(*qua phòng Nội vụ*)");
        assert_eq!(d.text, "KẾ HOẠCH\n(qua phòng Nội vụ)");
    }

    #[test]
    fn table_cells_are_located() {
        let d = norm("Mở đầu\nTT | Nhiệm vụ\n1 | Rà  soát");
        let LineKind::Row { cells, .. } = &d.lines[2].kind else { panic!("row expected") };
        assert_eq!(&d.text[cells[1].0..cells[1].1], "Rà soát");
    }

    #[test]
    fn decomposed_text_is_composed() {
        let d = norm("Ke\u{0302}\u{0301} hoa\u{0323}ch");
        assert_eq!(d.text, "Kế hoạch");
    }
}
