//! Stage 4: from the section tree to the items people track.

pub mod agencies;
pub mod clauses;
pub mod deadline;
pub mod indicator_tables;
pub mod meta;
pub mod references;
pub mod tables;
pub mod targets;
pub mod tasks;
pub mod words;

use crate::grammar::Grammar;
use crate::model::{Meta, Part, Reference, Span, Target, Task};
use crate::normalize::{LineKind, NormDoc};
use crate::segment::Segmented;
use clauses::clauses;

/// Everything the extractors read, borrowed once.
pub struct Context<'a> {
    pub doc: &'a NormDoc,
    pub seg: &'a Segmented,
    pub g: &'a Grammar,
    /// The outer document's type, for sections before any part header.
    pub doc_type: &'a str,
    /// Per section, whether its own heading names implementation; read
    /// once, as every section asks about all of its ancestors.
    implementation_heading: Vec<bool>,
    /// Per section, whether its own heading names goals ("MỤC TIÊU").
    goal_heading: Vec<bool>,
    /// Per section, whether its heading opens a description of agencies
    /// rather than work for them: a field of a published procedure that
    /// lists who handles it ("Cơ quan giải quyết"), or an impact assessment.
    descriptive_heading: Vec<bool>,
    /// Per section, where its text goes on after an implementation heading
    /// that runs into it.
    run_in: Vec<Option<usize>>,
    /// Whether the outer document's title makes its body directives
    /// ("Thông báo kết luận của Phó Thủ tướng ...").
    directive_title: bool,
}

impl<'a> Context<'a> {
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span { start, end, line: self.doc.line_of(start) }
    }

    /// Whether a node belongs to a document that lays down rules (a decree,
    /// a circular, or a regulation issued by a decision), where figures are
    /// parameters and items describe competences rather than assign work.
    pub fn in_rules(&self, id: usize) -> bool {
        self.g.targets.is_rule_document(self.part_type(id))
    }

    /// The type of the document (or embedded part) a node belongs to.
    fn part_type(&self, id: usize) -> &str {
        self.seg.parts.get(self.seg.nodes[id].part).map_or(self.doc_type, |p| p.doc_type.as_str())
    }

    fn is_directive(&self, id: usize) -> bool {
        let part = self.part_type(id);
        self.g.sections.directive_documents.iter().any(|d| d == part) || self.directive_title && part == self.doc_type
    }

    pub fn new(doc: &'a NormDoc, seg: &'a Segmented, g: &'a Grammar, doc_type: &'a str, title: Option<&str>) -> Self {
        // (one lower-casing per heading, for both lists read in lower case)
        let lower: Vec<String> = seg.nodes.iter().map(|n| n.heading.as_deref().unwrap_or("").to_lowercase()).collect();
        let run_in: Vec<Option<usize>> = seg.nodes.iter().map(|n| run_in_heading(doc, n, g)).collect();
        let implementation_heading = lower
            .iter()
            .zip(&run_in)
            .map(|(h, r)| r.is_some() || g.sections.implementation_headings.iter().any(|w| h.contains(w.as_str())))
            .collect();
        let goal_heading = seg.nodes.iter().map(|n| g.targets.is_goal_heading(n.heading.as_deref().unwrap_or(""))).collect();
        let descriptive = g.sections.procedure_field_headings.iter().chain(&g.sections.assessment_headings);
        let descriptive_heading = lower.iter().map(|h| descriptive.clone().any(|w| h.starts_with(w.as_str()))).collect();
        let title = title.unwrap_or("").to_lowercase();
        let directive_title = g.sections.directive_titles.iter().any(|w| title.contains(w.as_str()));
        Context { doc, seg, g, doc_type, implementation_heading, goal_heading, descriptive_heading, run_in, directive_title }
    }

    /// Whether a text offset lies in a table row. A section's own text can
    /// run over a table that comes before its next paragraph; the rows are
    /// read by the table extractors, cell by cell, not as sentences.
    pub fn in_row(&self, offset: usize) -> bool {
        let line = self.doc.line_of(offset) - 1;
        self.doc.lines.get(line).is_some_and(|l| matches!(l.kind, LineKind::Row { .. }))
    }

    /// An unnumbered item of a directive document: the recipients it is
    /// addressed to ("- Các Bộ: Quốc phòng, Công an, ...;"), not work.
    pub fn is_addressee(&self, id: usize) -> bool {
        self.seg.nodes[id].path.is_empty() && self.is_directive(id)
    }

    /// Whether a node or one above it is headed as goals ("II. MỤC TIÊU").
    pub fn under_goal_heading(&self, id: usize) -> bool {
        std::iter::successors(Some(id), |&n| self.seg.nodes[n].parent).any(|n| self.goal_heading[n])
    }

    /// Whether a node sits under a field of a published procedure that
    /// lists who handles it, or under an assessment of a change's impact:
    /// the agencies there handle the procedure or are described, they are
    /// not assigned work.
    pub fn under_descriptive_heading(&self, id: usize) -> bool {
        std::iter::successors(self.seg.nodes[id].parent, |&n| self.seg.nodes[n].parent).any(|n| self.descriptive_heading[n])
    }

    /// Whether a node sits under an implementation heading ("TỔ CHỨC THỰC
    /// HIỆN"), or in a document that is all directives (a telegram: "2. Bộ
    /// trưởng Bộ Quốc phòng chỉ đạo ...").
    pub fn in_implementation(&self, id: usize) -> bool {
        // ... but only in its numbered items: the bullets before them list
        // the recipients ("- Bộ trưởng, Thủ trưởng cơ quan ngang bộ;").
        if !self.seg.nodes[id].path.is_empty() && self.is_directive(id) {
            return true;
        }
        std::iter::successors(self.seg.nodes[id].parent, |&n| self.seg.nodes[n].parent).any(|n| self.implementation_heading[n])
    }

    /// Whether a node's own heading names implementation ("Điều 2. Trách
    /// nhiệm thực hiện"): the paragraphs under that heading, before any
    /// numbered item, hand out the work themselves.
    pub fn heads_implementation(&self, id: usize) -> bool {
        self.implementation_heading[id]
    }

    /// Where a node's own text begins once a heading run into it is left
    /// out ("Điều 2. Trách nhiệm thực hiện Sở Văn hoá và Thể thao, ...
    /// thực hiện ...", the line break lost): a sentence then opens with the
    /// agency rather than with the heading's words.
    pub fn body_start(&self, id: usize) -> usize {
        self.run_in[id].unwrap_or(self.seg.nodes[id].content.0)
    }
}

/// Where the body of an untitled node begins when its line opens with an
/// implementation heading and goes straight on with an agency's name, the
/// break between them lost ("Trách nhiệm thực hiện Sở Văn hoá ...").
fn run_in_heading(doc: &NormDoc, n: &crate::segment::Node, g: &Grammar) -> Option<usize> {
    if n.heading.is_some() {
        return None;
    }
    let first = doc.text.get(n.content.0..doc.lines[n.line].end.min(n.content.1))?;
    let trimmed = first.trim_start();
    // (a heading and the name after it are a line's first few words)
    let toks = agencies::tokenize(agencies::words_prefix(trimmed, RUN_IN_WORDS));
    let len = g.agencies.run_in_heading_len(&toks)?;
    Some(n.content.0 + first.len() - trimmed.len() + toks.get(len)?.start)
}

/// Words read for a run-in heading: the longest heading and an agency
/// name's first words.
const RUN_IN_WORDS: usize = 16;

pub struct Extracted {
    pub meta: Meta,
    pub parts: Vec<Part>,
    pub targets: Vec<Target>,
    pub tasks: Vec<Task>,
    pub references: Vec<Reference>,
}

pub fn extract(doc: &NormDoc, seg: &Segmented, g: &Grammar) -> Extracted {
    let (meta, parts) = meta::extract(doc, seg, g);
    let cx = Context::new(doc, seg, g, &meta.doc_type, meta.title.as_deref());
    let mut own: Vec<String> = parts.iter().filter_map(|p| p.number.clone()).collect();
    own.extend(meta.number.clone());
    let references = references::extract(doc, &g.references, &g.doc_types, &own);
    let doc_year = meta.date.as_deref().and_then(|d| d.get(..4)).and_then(|y| y.parse().ok());
    // Articles and Q&A pages quote percentages and duties too; only an
    // official document (a type title, plan headings, or a number whose
    // symbol names a plan's type) sets goals.
    let titled = !seg.parts.is_empty()
        || seg.nodes.iter().any(|n| {
            g.sections.styles[n.style].name == "roman" && n.heading.as_deref().is_some_and(|h| g.doc_types.is_plan_heading(h))
        })
        || meta.number.is_some() && g.doc_types.sets_goals(&meta.doc_type);
    // A letter (a number but no type title, Công văn) hands out work but
    // sets no goals: the figures it quotes are rules and rates it explains.
    let official = titled || meta.number.is_some();
    // A table with a lead agency column assigns work wherever it is found: an
    // appendix published on its own has no header.
    let table_tasks = tables::extract(doc, seg, &g.tables, &g.agencies, &g.deadlines);
    let mut tasks = if official || !table_tasks.is_empty() {
        let mut tasks = if official { tasks::extract(&cx) } else { Vec::new() };
        tasks.extend(table_tasks);
        tasks.sort_by_key(|t| t.span.start);
        if let Some(issued) = meta.date.as_deref() {
            for d in tasks.iter_mut().filter_map(|t| t.deadline.as_mut()) {
                g.deadlines.date_from_issue(d, issued);
            }
        }
        // "... người tham gia kháng chiến trong giai đoạn 1974 - 1975": a
        // period years before the document was issued says who or what, not
        // by when.
        if let Some(issued_year) = doc_year {
            for t in &mut tasks {
                if t.deadline.as_ref().and_then(|d| d.year).is_some_and(|y| y + STALE_DEADLINE_YEARS < issued_year) {
                    t.deadline = None;
                }
            }
        }
        tasks
    } else {
        Vec::new()
    };
    let mut targets = if titled { targets_in(&cx, doc_year) } else { Vec::new() };
    // A saved page's furniture above a header without a type title (a list
    // of related documents) is no part of the document: it sets no goals
    // and assigns no work.
    if seg.parts.is_empty() && meta.number.is_some() {
        let from = doc.lines.get(meta::untitled_header_start(doc, &g.header)).map_or(0, |l| l.start);
        targets.retain(|t| t.span.start >= from);
        tasks.retain(|t| t.span.start >= from);
    }
    Extracted { meta, parts, targets, tasks, references }
}

/// A deadline more than this many years before the document's own year is
/// no deadline of its work.
const STALE_DEADLINE_YEARS: i32 = 1;

/// Targets in every section's own text and in table rows. Figures outside
/// sections (header, preamble citing other plans) are context, not goals.
fn targets_in(cx: &Context, doc_year: Option<i32>) -> Vec<Target> {
    let tg = &cx.g.targets;
    let mut out = Vec::new();
    let heads = HeadingFacts::of(cx);
    for (id, node) in cx.seg.nodes.iter().enumerate() {
        if heads.under_non_goal(cx, id) {
            continue;
        }
        let funding = heads.under_funding(cx, id);
        let heading_year = heads.governing_year(cx, id);
        let goal_context = cx.under_goal_heading(id);
        if !goal_context && cx.in_rules(id) {
            continue;
        }
        let (s, e) = node.content;
        let mut sticky_year = None;
        // "X đạt 85% trong giai đoạn 2020 – 2025; Y đạt 90%": a goal year
        // stated in one ";" clause holds for the rest of the sentence.
        let mut carried: Option<i32> = None;
        for cl in clauses(&cx.doc.text, s, e) {
            let text = &cx.doc.text[cl.start..cl.end];
            let goes_on = text.trim_end().ends_with(';') || cx.doc.text[cl.end..].trim_start().starts_with(';');
            let carry_in = carried.take();
            if goes_on {
                carried = carry_in;
            }
            // Figures and years are written in digits: most clauses have none.
            if !text.bytes().any(|b| b.is_ascii_digit()) || cx.in_row(cl.start) {
                continue;
            }
            if goes_on {
                let future = |y: &i32| doc_year.is_none_or(|d| *y >= d);
                carried = tg.year_in(text).filter(future).or(carry_in);
            }
            // (from the line table: searching back through a long line for
            // each of its clauses would be quadratic)
            let line_start = cx.doc.lines.get(cx.doc.line_of(cl.start) - 1).map_or(0, |l| l.start).min(cl.start);
            if is_footnote(&cx.doc.text[line_start..cl.end]) {
                continue;
            }
            sticky_year = tg.leading_year(text).or(sticky_year);
            if funding && !tg.commits_to_funding(text) {
                continue;
            }
            let hits = tg.hits(text, doc_year, goal_context);
            if hits.is_empty() {
                continue;
            }
            let deadline = cx.g.deadlines.parse_in_text(text);
            for hit in hits {
                let year = hit.year.or(deadline.as_ref().and_then(|d| d.year)).or(sticky_year).or(carry_in).or(heading_year);
                out.push(target(cx, hit, &node.path, (cl.start, cl.end), year, deadline.clone()));
            }
        }
    }
    // "II | Giai đoạn 2028-2030 | | |": a row that only names a period sets
    // the year of the goals in the rows under it, up to the next such row.
    let mut period_row: Option<(usize, i32)> = None;
    for (li, line) in cx.doc.lines.iter().enumerate() {
        let LineKind::Row { table, cells, .. } = &line.kind else { continue };
        if let Some(y) = period_row_year(cx, cells).filter(|y| doc_year.is_none_or(|d| *y >= d)) {
            period_row = Some((*table, y));
            continue;
        }
        let row_year = period_row.filter(|&(t, _)| t == *table).map(|(_, y)| y);
        let Some(owner) = cx.seg.owner[li] else { continue };
        if heads.table_figures_excluded(cx, owner) {
            continue;
        }
        if cx.in_rules(owner) && !cx.under_goal_heading(owner) {
            continue;
        }
        for (k, &(s, e)) in cells.iter().enumerate() {
            let text = &cx.doc.text[s..e];
            for mut hit in tg.hits(text, doc_year, false) {
                // "1 | Tỉ lệ hồ sơ được số hóa | % | 100%": a figure alone in
                // its cell measures what the row names before it.
                if hit.indicator.trim().is_empty() {
                    hit.indicator = row_label(cx, &cells[..k]).unwrap_or_default().to_string();
                }
                let year = hit.year.or(row_year).or_else(|| heads.governing_year(cx, owner));
                out.push(target(cx, hit, &cx.seg.nodes[owner].path, (s, e), year, None));
            }
        }
    }
    // An indicator table says by its header what it holds, so one after the
    // signature ("Mẫu biểu số 01", outside any section) counts too.
    for f in tg.indicator_table.figures(cx.doc, doc_year, &|s| tg.comparator_op(s)) {
        let section: &[String] = match cx.seg.owner[f.line] {
            Some(owner) if heads.table_figures_excluded(cx, owner) || cx.in_rules(owner) && !cx.under_goal_heading(owner) => continue,
            Some(owner) => &cx.seg.nodes[owner].path,
            None if tg.is_rule_document(cx.doc_type) => continue,
            None => &[],
        };
        let year = f.hit.year;
        out.push(target(cx, f.hit, section, f.cell, year, None));
    }
    out.sort_by_key(|t| t.span.start);
    out
}

/// Longest clause quoted whole as a target's text; a longer one is cut to
/// the part around the figure, so that a clause with thousands of figures
/// does not repeat itself thousands of times in the output.
const MAX_TARGET_TEXT: usize = 1200;

fn target(cx: &Context, hit: targets::Hit, section: &[String], (s, e): (usize, usize), year: Option<i32>, deadline: Option<crate::model::Deadline>) -> Target {
    let (s, e) = around_figure(&cx.doc.text, (s, e), (s + hit.at.0, s + hit.at.1));
    Target {
        section: section.to_vec(),
        text: cx.doc.text[s..e].to_string(),
        indicator: hit.indicator,
        value: hit.value,
        unit: hit.unit,
        comparator: hit.comparator,
        change: hit.change,
        year,
        deadline,
        span: cx.span(s, e),
    }
}

/// The clause, or for a very long one the ";"-part holding the figure,
/// else a window of words around it.
fn around_figure(text: &str, (s, e): (usize, usize), (fs, fe): (usize, usize)) -> (usize, usize) {
    if e - s <= MAX_TARGET_TEXT {
        return (s, e);
    }
    // A ";" farther than MAX_TARGET_TEXT from the figure makes too long a
    // part either way, so only that far is searched: a search back to the
    // clause's start for each figure made a long clause quadratic.
    let back = text.floor_char_boundary(fs.saturating_sub(MAX_TARGET_TEXT).max(s));
    let ahead = text.ceil_char_boundary((fe + MAX_TARGET_TEXT).min(e));
    let part_s = text[back..fs].rfind(';').map_or(s, |i| back + i + 1);
    let part_e = text[fe..ahead].find(';').map_or(e, |i| fe + i + 1);
    if part_e - part_s <= MAX_TARGET_TEXT {
        return trim_span(text, part_s, part_e);
    }
    let half = MAX_TARGET_TEXT.saturating_sub(fe - fs) / 2;
    let ws = text.floor_char_boundary(fs.saturating_sub(half).max(part_s));
    let we = text.floor_char_boundary((fe + half).min(part_e));
    // Start and end on word boundaries so the quote does not cut a word.
    let ws = text[ws..fs].find(' ').map_or(ws, |i| ws + i + 1);
    let we = text[fe..we].rfind(' ').map_or(we, |i| fe + i);
    trim_span(text, ws, we)
}

fn trim_span(text: &str, s: usize, e: usize) -> (usize, usize) {
    let t = &text[s..e];
    let lead = t.len() - t.trim_start().len();
    let tail = t.len() - t.trim_end().len();
    (s + lead, e - tail)
}

/// What each section's own heading says for targets, read once per
/// section: every section asks about all of its ancestors, and reading
/// their headings again for each one made deep documents quadratic in
/// regex work.
struct HeadingFacts {
    /// A non-goal heading that no goal word redeems ("Tình hình ...").
    non_goal: Vec<bool>,
    /// A funding heading ("Kinh phí thực hiện") that no goal word redeems.
    funding: Vec<bool>,
    year: Vec<Option<i32>>,
    /// The year on the first line of each section (see `ancestors_year`),
    /// read when first asked for: most sections never need it.
    first_line_year: Vec<std::cell::OnceCell<Option<i32>>>,
}

impl HeadingFacts {
    fn of(cx: &Context) -> Self {
        let tg = &cx.g.targets;
        let headings: Vec<&str> = cx.seg.nodes.iter().map(|n| n.heading.as_deref().unwrap_or("")).collect();
        HeadingFacts {
            non_goal: headings.iter().zip(&cx.goal_heading).map(|(h, &g)| !g && tg.is_non_goal_heading(h)).collect(),
            funding: headings.iter().zip(&cx.goal_heading).map(|(h, &g)| !g && tg.is_funding_heading(h)).collect(),
            year: headings.iter().map(|h| tg.year_in(h)).collect(),
            first_line_year: vec![std::cell::OnceCell::new(); cx.seg.nodes.len()],
        }
    }

    /// The section and its ancestors, nearest first.
    fn chain<'c>(cx: &'c Context, id: usize) -> impl Iterator<Item = usize> + 'c {
        std::iter::successors(Some(id), |&n| cx.seg.nodes[n].parent)
    }

    fn under_non_goal(&self, cx: &Context, id: usize) -> bool {
        Self::chain(cx, id).any(|n| self.non_goal[n])
    }

    fn under_funding(&self, cx: &Context, id: usize) -> bool {
        Self::chain(cx, id).any(|n| self.funding[n])
    }

    /// Table rows and indicator figures carry no clause that could commit
    /// to a floor, so under a funding heading they are never goals.
    fn table_figures_excluded(&self, cx: &Context, id: usize) -> bool {
        self.under_non_goal(cx, id) || self.under_funding(cx, id)
    }


    /// The year that governs a section's targets: the nearest one up the
    /// chain, from a heading ("Mục tiêu cụ thể đến năm 2025") or from the first
    /// line of an enclosing item ("- Giai đoạn 2025-2027" over "+" items,
    /// "2. Mục tiêu cụ thể: Đến năm 2030, ..."), so a sub-period wins over
    /// the plan's horizon named higher up.
    fn governing_year(&self, cx: &Context, id: usize) -> Option<i32> {
        Self::chain(cx, id).find_map(|n| {
            let enclosing = || *self.first_line_year[n].get_or_init(|| first_line_year(cx, n));
            self.year[n].or_else(|| (n != id).then(enclosing).flatten())
        })
    }
}

fn first_line_year(cx: &Context, id: usize) -> Option<i32> {
    let nd = &cx.seg.nodes[id];
    let line_end = cx.doc.lines[nd.line].end.min(nd.content.1);
    let first = &cx.doc.text[nd.content.0..line_end];
    let sentence = first.split(". ").next().unwrap_or(first);
    cx.g.targets.year_in(sentence).or_else(|| lead_in_year(cx, nd))
}

/// "2. Mục tiêu cụ thể / Đến hết năm 2030, phấn đấu đạt được những mục tiêu
/// sau:": a paragraph that opens with a year and ends the item's own text
/// with a colon sets the year of the items it introduces.
fn lead_in_year(cx: &Context, nd: &crate::segment::Node) -> Option<i32> {
    if nd.children.is_empty() {
        return None;
    }
    let own = cx.doc.text[nd.content.0..nd.content.1].trim_end();
    let last = own.strip_suffix(':')?.rsplit('\n').next()?;
    cx.g.targets.leading_year(last.trim())
}

/// The first cell of a row with a word in lower case: the indicator, which
/// comes before its unit ("Tỷ đồng") and figures; an index ("1", "II") or
/// "%" has none.
fn row_label<'a>(cx: &Context<'a>, cells: &[(usize, usize)]) -> Option<&'a str> {
    cells.iter().map(|&(s, e)| cx.doc.text[s..e].trim()).find(|c| c.chars().any(char::is_lowercase))
}

/// The year of a table row that names a period or a year instead of an
/// indicator ("II | Giai đoạn 2028-2030 | | |"), besides an index cell. The
/// label may share the row with a group's title when a PDF reader ran the
/// two rows into one ("I | Giai đoạn 2025-2027 I.1 | Cung cấp dịch vụ số |
/// |"), provided the period opens the label and no cell holds a figure.
fn period_row_year(cx: &Context, cells: &[(usize, usize)]) -> Option<i32> {
    let tg = &cx.g.targets;
    let mut labels = cells.iter().map(|&(s, e)| cx.doc.text[s..e].trim()).filter(|c| !c.is_empty());
    let mut label = labels.next()?;
    if is_row_index(label) {
        label = labels.next()?;
    }
    if label.len() > 80 {
        return None;
    }
    let mut rest = labels.peekable();
    if rest.peek().is_some() {
        let opens = tg.year.find(label).is_some_and(|m| m.start() == 0);
        if !opens || rest.any(|c| !tg.hits(c, None, false).is_empty()) {
            return None;
        }
    }
    tg.year_in(label)
}

/// "II", "II.1", "3", "1.2": the numbering cell of a table row.
fn is_row_index(cell: &str) -> bool {
    cell.len() <= 8 && cell.chars().all(|c| c.is_ascii_digit() || matches!(c, 'I' | 'V' | 'X' | 'L' | '.'))
}

/// Footnotes ("¹Chỉ số ... đạt 88,61/100 điểm") report past results.
fn is_footnote(text: &str) -> bool {
    text.chars().next().is_some_and(crate::normalize::is_superscript_digit)
}
