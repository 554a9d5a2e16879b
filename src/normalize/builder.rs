//! The builder that joins wrapped lines into paragraphs and lays out table
//! rows, keeping every line's place in the one normalised text.

use super::*;

/// The normalised document of a reader's blocks (see [`super::normalize`]).
pub(super) fn build(blocks: &[Block], format: Format, g: &Grammar) -> NormDoc {
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

/// Longer than this, a numbered heading in capitals takes no further line
/// in capitals.
const CAPS_HEADING_BYTES: usize = 160;

/// How much of a line's start a marker broken off its word is read in.
const MARKER_PEEK_BYTES: usize = 64;

/// Longer than this, a line is more than a symbol marker ("1.2.3.4.").
const BARE_MARKER_BYTES: usize = 16;

/// Longer than this, a paragraph's head reads the same after any join
/// (see `join_keeps_line`).
const JOIN_CHECK_BYTES: usize = 512;

/// The end of a paragraph being joined, where the checks on its last words
/// look: reading the whole paragraph once per line joined to it would make
/// a long paragraph of short lines quadratic.
fn tail_of(prev: &str) -> &str {
    &prev[prev.floor_char_boundary(prev.len().saturating_sub(JOIN_CHECK_BYTES))..]
}

/// The fewest paragraph lines from which a wrap width is guessed.
const WRAP_MIN_LINES: usize = 12;
/// Wider than this, a text's lines are paragraphs, not a fixed-width wrap.
const WRAP_MAX_CHARS: usize = 160;

/// The width a text was hard-wrapped at (a .txt saved from a PDF or an
/// e-mail: every paragraph broken into lines of about the same length), or
/// None when its lines are whole paragraphs. The 95th percentile of the line
/// lengths is the width; the text counts as wrapped when lines near that
/// width are common (at least 3 in 10), which whole paragraphs never are.
pub(super) fn wrap_width(blocks: &[Block]) -> Option<usize> {
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
        // (footnotes are numbered from 1)
        if line.starts_with(|c: char| is_superscript_digit(c) && c != '⁰') {
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
        if self.is_marker_word_cut_off(prev, line) {
            return true;
        }
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
        // (a heading in capitals is short: a longer paragraph is not read
        // whole once per line joined to it)
        let heading_in_capitals = || prev.len() <= JOIN_CHECK_BYTES && is_upper_line(prev) && is_upper_line(line);
        if wrapped && (self.g.normalize.ends_on_joiner(prev) || heading_in_capitals()) {
            // "... phối hợp với" / "Sở Tài chính", and a heading in
            // capitals wrapped onto a second line. Other capitals after a
            // full line stay apart: a heading, a header or a signature line
            // may fill the width and end there.
            return true;
        }
        if wrapped && self.wraps_onto_name(prev, line) {
            return true;
        }
        // "I. MỤC ĐÍCH," / "YÊU CẦU": a numbered heading in capitals that a
        // copy broke where the page did goes on in capitals (a word alone
        // under it is a table's first header cell: "A. DANH MỤC" / "TT").
        // (decided on the text joined so far, never on how it was broken, so
        // a second pass over the output joins nothing more; a bullet in
        // capitals is a list item, not a heading)
        if prev.len() <= CAPS_HEADING_BYTES
            && self.g.sections.match_marker(prev).is_some_and(|m| {
                !m.raw.contains(' ') && prev.len() > m.len && self.g.sections.styles[m.style].name != "bullet"
            })
            && line.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).nth(1).is_some()
            && heading_in_capitals()
        {
            return true;
        }
        // A copy that broke lines where the page did, not at a width:
        // "... ngày 03/6/2020 của" / "Thủ tướng Chính phủ về việc ...".
        if self.g.normalize.ends_on_line_joiner(prev) {
            return true;
        }
        if first.is_lowercase() {
            return true;
        }
        if matches!(first, ',' | ';' | ')' | ']' | '%') {
            return true;
        }
        if prev_open && (first.is_ascii_digit() || unbalanced_paren(tail_of(prev))) {
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
            && tail_of(prev).chars().any(char::is_lowercase)
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
    /// "Điều" / "1. Phê duyệt ...": a copy that broke a marker's word from
    /// its number. The word alone is no marker; with the line after it, it
    /// starts one that reaches into that line.
    fn is_marker_word_cut_off(&self, prev: &str, line: &str) -> bool {
        prev.len() <= BARE_MARKER_BYTES
            && !prev.contains(' ')
            && line.starts_with(|c: char| c.is_ascii_digit() || c.is_ascii_uppercase())
            && self.g.sections.match_marker(prev).is_none()
            // (a marker and the words after it that decide it are read from a
            // line's first bytes: a long paragraph is not copied whole)
            && self.g.sections.match_marker(&format!("{prev} {}", &line[..line.floor_char_boundary(MARKER_PEEK_BYTES)])).is_some_and(|m| m.len > prev.len() + 1)
    }

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
