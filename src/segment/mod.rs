//! Stage 3: the numbered section tree.
//!
//! Nesting is not fixed by style: it is learned per document from the order
//! in which marker styles appear. A marker whose style is already open closes
//! back to that level (a sibling); a new style opens a level below the
//! current one. A marker is only accepted when it is the first of its
//! sequence at a new level or the next after its open sibling, so an "a)" or
//! "3." that merely starts a wrapped line of prose stays prose.
//!
//! A file may hold several documents (a decision and the plan it issues):
//! each header title line ("KẾ HOẠCH") after some sections starts a new part
//! and the tree starts again from the top.

mod numbering;

use crate::grammar::{DocTypes, Grammar};
use crate::normalize::flattened::{MAX_ROW_NUMBER_BYTES, is_row_number};
use crate::normalize::{LineKind, NormDoc};
use crate::grammar::sections::{self, Marker, Sequence};
use numbering::Numbering;

#[derive(Debug, Clone)]
pub struct Node {
    pub parent: Option<usize>,
    pub style: usize,
    pub marker: Marker,
    /// Path of numbered ancestors and itself (bullets add nothing).
    pub path: Vec<String>,
    pub heading: Option<String>,
    /// Index of the line holding the marker.
    pub line: usize,
    /// Byte range of the section's own text (marker and children excluded).
    pub content: (usize, usize),
    /// Line indices owned by this node: its marker line up to its first child.
    pub own_lines: std::ops::Range<usize>,
    pub part: usize,
    pub children: Vec<usize>,
}

/// A document header found in the file.
#[derive(Debug, Clone)]
pub struct PartStart {
    pub doc_type: String,
    /// The line with the type word ("KẾ HOẠCH").
    pub title_line: usize,
    /// First line of the header zone (issuer, number, date lines above the title).
    pub zone_start: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Segmented {
    pub nodes: Vec<Node>,
    pub roots: Vec<usize>,
    /// For each line, the section that owns it (None: header, preamble, signature).
    pub owner: Vec<Option<usize>>,
    pub parts: Vec<PartStart>,
}

impl Segmented {
    /// Headings of a node and its ancestors, innermost first.
    pub fn headings(&self, mut node: Option<usize>) -> impl Iterator<Item = &str> {
        std::iter::from_fn(move || {
            let n = &self.nodes[node?];
            node = n.parent;
            Some(n.heading.as_deref().unwrap_or(""))
        })
    }

    /// Section path of the node owning a line (empty for unowned lines).
    pub fn path_of_line(&self, line: usize) -> Vec<String> {
        self.owner.get(line).copied().flatten().map(|n| self.nodes[n].path.clone()).unwrap_or_default()
    }
}

pub fn segment(doc: &NormDoc, g: &Grammar) -> Segmented {
    let sg = &g.sections;
    let mut out = Segmented { owner: vec![None; doc.lines.len()], ..Default::default() };
    // The document's numbering, each level with its section node.
    let mut stack: Numbering<usize> = Numbering::default();
    // The numbering of a blank form being passed over, while in one.
    // (Each open level of it keeps how its item begins, see `ends_form`.)
    let mut form: Option<Numbering<String>> = None;
    let mut closed = false;
    let mut body_ended = false;
    // Reopened by an attachment's note ("(Ban hành kèm theo ...)").
    let mut attachment = false;
    let mut part = 0usize;
    let mut nodes_in_part = 0usize;
    let in_form = blank_form_lines(doc, g);
    let quoted = quoted_lines(doc);
    let addressees = addressee_lines(doc, g);
    let unlabelled = unlabelled_recipients(doc, g);

    for (li, line) in doc.lines.iter().enumerate() {
        if in_form[li] || addressees[li] {
            continue;
        }
        let text = doc.line_text(li);
        // A form's label ("Mẫu số 08 - Phụ lục I", "Mẫu:") over a template
        // with no blank header to end at (an outline "Đề cương ..." with its
        // CHƯƠNG I, I., 1.; a report form): the template is passed over,
        // following its numbering, up to a marker that fits the document's
        // numbering around it and not the template's.
        if line.kind == LineKind::Para && g.header.is_form_label(text) && !in_form.get(li + 1).is_some_and(|b| *b) {
            form = Some(Numbering::default());
            continue;
        }
        if let Some(template) = form.as_mut() {
            let ends = line.kind == LineKind::Para
                && sg.match_marker(text).is_some_and(|m| {
                    // How the document's open item of this kind begins.
                    let sibling = stack.level(&m.key).map(|l| {
                        let n = &out.nodes[*l.node()];
                        opening(&doc.line_text(n.line)[n.marker.len..])
                    });
                    ends_form(template, &stack, sibling, closed, &m, &text[m.len..], sg)
                });
            if !ends {
                continue;
            }
            form = None;
        }
        // Text quoted from another document (an amended clause, a cited
        // article) keeps that document's numbering: it belongs to the
        // section that quotes it.
        if quoted[li] {
            if !closed {
                out.owner[li] = stack.innermost().copied();
            }
            continue;
        }
        // "Chương I" / "QUY ĐỊNH CHUNG": the chapter's title, not a document.
        let titles_marker = || li > 0 && is_bare_marker(doc.line_text(li - 1), sg);
        if let Some(doc_type) = part_header(doc, li, &g.doc_types).filter(|_| !titles_marker())
            && (out.parts.is_empty() || nodes_in_part > 0) {
                if !out.parts.is_empty() {
                    part += 1;
                }
                let zone_start = header_zone_start(doc, li, &out, g);
                out.parts.push(PartStart { doc_type, title_line: li, zone_start });
                stack.clear();
                nodes_in_part = 0;
                closed = false;
                attachment = false;
                body_ended = false;
                continue;
            }
        let recipients = unlabelled[li] || is_recipients(text, &line.kind, g);
        if std::mem::take(&mut body_ended) || recipients {
            closed = true;
            stack.clear();
        }
        // A text attached after the signature under a title and its note
        // ("DANH MỤC THỦ TỤC HÀNH CHÍNH ... (Ban hành kèm theo Quyết định
        // ...)") with no appendix label: its items ("A.", "Phần I.") are the
        // attachment's sections.
        if closed && line.kind == LineKind::Para && g.header.is_attachment_note(text) {
            closed = false;
            attachment = true;
            stack.clear();
            continue;
        }
        if recipients {
            continue;
        }
        // After the body's last paragraph come the recipients (their label
        // may be lost) and the signature, until an appendix or the next
        // document.
        body_ended = line.kind == LineKind::Para && g.header.ends_body(text);
        if line.kind == LineKind::Footnote {
            continue;
        }
        if line.kind != LineKind::Para {
            if !closed {
                out.owner[li] = stack.innermost().copied();
            }
            continue;
        }
        if let Some(m) = sg.match_marker(text).filter(|m| {
            let style = &sg.styles[m.style];
            // (an unnumbered marker, a bullet, is never a table's group row)
            let numbered = !matches!(style.sequence, Sequence::None);
            // (an attachment's bullets before its first item are a table's
            // or a form's lines: there is nothing yet for them to belong to)
            let orphan = attachment && !numbered && !style.top && stack.innermost().is_none();
            !orphan && !locates_amendment(&out, &stack, m, sg) && (style.top || !numbered || !is_group_row(doc, li, sg))
        }) {
            let m = match stack.restart_key(&m, sg) {
                Some(key) => Marker { key, ..m },
                None => m,
            };
            let style = &sg.styles[m.style];
            let heading_line = is_capital_heading(&text[m.len..]);
            // "Phụ lục 1: Danh mục thủ tục ..." in the list of an open
            // article ("Điều 1. Công bố ..., cụ thể:") names an appendix that
            // comes after the signature; it is not that appendix.
            let names_appendix = m.key == "appendix" && !closed && stack.level("article").is_some() && m.raw.contains(':') && !heading_line;
            let repeated = stack.repeats_last_item(&m, sg) && text[m.len..].trim_start().starts_with(char::is_uppercase);
            if (!closed || style.top) && !names_appendix && (stack.accepts(&m, sg, heading_line) || repeated) {
                let id = out.nodes.len();
                stack.enter(&m, sg, id);
                let parent = stack.enclosing().copied();
                let path = node_path(&out, parent, &m, style);
                let content_start = line.start + m.len;
                out.nodes.push(Node {
                    parent,
                    style: m.style,
                    heading: heading_of(&text[m.len..], sg.styles[m.style].short_titles),
                    path,
                    line: li,
                    content: (content_start, line.end),
                    own_lines: li..li + 1,
                    part,
                    children: Vec::new(),
                    marker: m.clone(),
                });
                match parent {
                    Some(p) => out.nodes[p].children.push(id),
                    None => out.roots.push(id),
                }
                out.owner[li] = Some(id);
                nodes_in_part += 1;
                closed = false;
                continue;
            }
        }
        if closed {
            continue;
        }
        if let Some(&top) = stack.innermost() {
            let n = &mut out.nodes[top];
            // "Chương IV" / "PHỤ LỤC I" alone on its line, the title in
            // capitals on the next ("TỔ CHỨC THỰC HIỆN"): that title is the
            // heading, which decides what the articles under it hold. A PDF
            // text layer splits "II." from "MỤC TIÊU ĐẾN NĂM 2030" and "2."
            // from "Mục tiêu cụ thể" the same way.
            let alone = n.heading.is_none() && n.own_lines.len() == 1 && n.content.0 >= n.content.1;
            if alone && (is_capital_heading(text) || is_short_title(text)) {
                n.heading = heading_of(text, true);
            }
            // Only extend while the node has no children, so own text stays contiguous.
            if n.children.is_empty() {
                n.content.1 = line.end;
                n.own_lines.end = li + 1;
            }
            out.owner[li] = Some(top);
        }
    }
    out
}

/// Whether a chapter or "Mục" marker sits in an appendix that amends
/// another document ("PHỤ LỤC I SỬA ĐỔI, BỔ SUNG ...", then "Chương III
/// ĐỊNH MỨC ...", "Mục 2 BẢO DƯỠNG ĐƯỜNG BỘ", "1. Sửa đổi định mức ..."):
/// it names the place in that document where the items below go, so the
/// items are the appendix's own, not the chapter's.
fn locates_amendment(out: &Segmented, stack: &Numbering<usize>, m: &Marker, sg: &sections::SectionGrammar) -> bool {
    if !matches!(m.key.as_str(), "chapter" | "muc") {
        return false;
    }
    let Some(appendix) = stack.level("appendix") else { return false };
    let heading = out.nodes[*appendix.node()].heading.as_deref().unwrap_or_default().to_lowercase();
    sg.amending_headings.iter().any(|w| heading.starts_with(w.as_str()))
}

/// Whether a marker met inside a template ends it: it does not continue the
/// template's own numbering (followed here as it goes) but does continue the
/// document's: "2." of the next procedure after the outline attached to the
/// first, whose last items were "1." and "2."; "B." after "A.". `rest` is
/// the line after the marker; `sibling`, how the document's open item of
/// the marker's kind begins.
fn ends_form(
    template: &mut Numbering<String>,
    doc: &Numbering<usize>,
    sibling: Option<String>,
    closed: bool,
    m: &Marker,
    rest: &str,
    sg: &sections::SectionGrammar,
) -> bool {
    let style = &sg.styles[m.style];
    let capital = is_capital_heading(rest);
    // The document may number two items alike ("2." before and after an
    // outline): the second still ends the outline.
    let continues_doc = (style.top || !closed && doc.level(&m.key).is_some()) && (doc.accepts(m, sg, capital) || doc.repeats(m, sg));
    let begins = opening(rest);
    let own = if style.top && style.sequence == Sequence::None {
        // Appendices and parts run in no sequence; a template may have its
        // own ("Phụ lục I" of a model decision under the unnumbered "PHỤ LỤC").
        !doc.numbered_next(m)
    } else {
        // Both numberings may take it ("3." after the outline's "1.", "2."
        // and the document's "2."): an item that begins as the document's
        // open one ("3. Thủ tục ..." after "2. Thủ tục ...") and not as the
        // template's is the document's.
        let template_sibling = template.level(&m.key).map(|l| l.node().as_str());
        let like_doc = continues_doc && sibling.as_deref() == Some(begins.as_str()) && template_sibling != Some(begins.as_str());
        template.accepts(m, sg, capital) && !like_doc
    };
    if own {
        template.enter(m, sg, begins);
        return false;
    }
    continues_doc
}

/// The first two words of an item, lower case: what items of one list
/// share ("Thủ tục xây dựng ...", "Thủ tục điều chỉnh ...").
fn opening(rest: &str) -> String {
    rest.split_whitespace().take(2).collect::<Vec<_>>().join(" ").to_lowercase()
}

/// "Mục tiêu cụ thể": a few words with no sentence end.
fn is_short_title(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.split_whitespace().nth(8).is_none() && !t.ends_with(['.', ';', ',', ':'])
}

/// A heading written in capitals: at least two letters, none lower case
/// before a parenthetical ("III. NHIỆM VỤ (chi tiết Phụ lục đính kèm)").
fn is_capital_heading(rest: &str) -> bool {
    let head = rest.split('(').next().unwrap_or(rest);
    sections::is_upper_line(head) && head.chars().filter(|c| c.is_alphabetic()).count() >= 2
}

fn node_path(out: &Segmented, parent: Option<usize>, m: &Marker, style: &sections::Style) -> Vec<String> {
    let mut path = parent.map(|p| out.nodes[p].path.clone()).unwrap_or_default();
    if style.name != "bullet" {
        let label = if m.label.is_empty() {
            style.path_prefix.trim().to_string()
        } else {
            format!("{}{}", style.path_prefix, m.label)
        };
        path.push(label);
    }
    path
}

/// The heading of a section: its first line when that reads like a title
/// (capitals, or short with no sentence end, or, for `part_level` styles, a
/// few words with a full stop), or the words before a colon ("Về cải cách
/// thể chế: Rà soát ...").
fn heading_of(rest: &str, part_level: bool) -> Option<String> {
    let rest = rest.trim();
    if rest.is_empty() {
        return None;
    }
    // A title in capitals, maybe with an aside ("PHỤ LỤC I DANH MỤC ...
    // (Kèm theo Quyết định số ...)"): the capitals are the heading.
    let head = match rest.find('(') {
        Some(i) if i > 0 => rest[..i].trim_end(),
        _ => rest,
    };
    let letters = head.chars().filter(|c| c.is_alphabetic());
    let upper = head.chars().filter(|c| c.is_alphabetic()).all(|c| !c.is_lowercase()) && letters.count() > 2;
    if upper {
        return Some(head.trim_end_matches(':').trim().to_string());
    }
    if let Some(colon) = rest.find(':') {
        let head = rest[..colon].trim();
        if head.split_whitespace().nth(14).is_none() && !head.is_empty() {
            return Some(head.to_string());
        }
    }
    // "IV. Tổ chức thực hiện.": a part's few words are its title, stop or not.
    let title = rest.trim_end_matches('.');
    if part_level && title.split_whitespace().nth(5).is_none() && !title.contains(['.', ',', ';']) {
        return Some(title.to_string());
    }
    let ends_sentence = rest.ends_with(['.', ';', ',']);
    (!ends_sentence && rest.split_whitespace().nth(20).is_none()).then(|| rest.to_string())
}

/// A chapter, part or appendix marker alone on its line ("Chương I"),
/// whose title is the next line.
fn is_bare_marker(text: &str, sg: &sections::SectionGrammar) -> bool {
    sg.match_marker(text).is_some_and(|m| sg.styles[m.style].top && text[m.len..].trim().is_empty())
}

/// The document type if this line is a header title ("KẾ HOẠCH", "NGHỊ
/// QUYẾT QUY ĐỊNH ..."): in capitals, not the enacting "QUYẾT ĐỊNH:".
fn part_header(doc: &NormDoc, li: usize, dt: &DocTypes) -> Option<String> {
    first_in_line(doc, li, |t| dt.title_type(t))
}

/// The first answer `f` gives for a paragraph line's text or, in a table
/// row, for one of its cells (a header title can sit in either).
fn first_in_line<T>(doc: &NormDoc, li: usize, mut f: impl FnMut(&str) -> Option<T>) -> Option<T> {
    match &doc.lines[li].kind {
        LineKind::Para => f(doc.line_text(li)),
        LineKind::Row { cells, .. } => cells.iter().find_map(|&(s, e)| f(&doc.text[s..e])),
        LineKind::Footnote => None,
    }
}

/// The longest label line above a blank form ("MẪU QUYẾT ĐỊNH BAN HÀNH KẾ
/// HOẠCH ..." under "PHỤ LỤC II").
const FORM_LABEL_CHARS: usize = 120;

/// The most lines a quotation runs on after the line that opens it; a
/// quotation mark left open longer is a typing slip, not a quotation.
const QUOTED_LINES: usize = 60;

/// The lines inside a quotation that runs over several paragraphs: after a
/// paragraph that leaves a quotation open ("... như sau: “Điều 26. Đơn giá
/// thuê đất", "\"1. Phụ cấp ... như sau:"), up to the paragraph that
/// closes it ("... 234.000 đồng\".").
fn quoted_lines(doc: &NormDoc) -> Vec<bool> {
    let mut inside = vec![false; doc.lines.len()];
    let mut li = 0;
    while li < doc.lines.len() {
        let open = li;
        li += 1;
        let text = doc.line_text(open);
        // Curly marks say which way they go. Straight ones only toggle, and
        // prose leaves them unpaired often enough (inches, typing slips)
        // that only a paragraph opening with one and leaving it open counts.
        let closes: fn(&str, &mut i32) -> bool = if curly_balance(text) > 0 {
            |t, depth| {
                *depth += curly_balance(t);
                *depth <= 0
            }
        } else if text.trim_start().starts_with('"') && text.matches('"').count() % 2 == 1 {
            |t, _| t.matches('"').count() % 2 == 1
        } else {
            continue;
        };
        let mut depth = curly_balance(text);
        if let Some(close) = (open + 1..(open + 1 + QUOTED_LINES).min(doc.lines.len())).find(|&i| closes(doc.line_text(i), &mut depth)) {
            inside[open + 1..=close].iter_mut().for_each(|b| *b = true);
            li = close + 1;
        }
    }
    inside
}

/// The most addressees a letter lists under its label, one per line.
const ADDRESSEE_LINES: usize = 30;

/// A letter's addressee block: the "Kính gửi:" line and the bullets under
/// it ("- Các bộ, cơ quan ngang bộ;"). They name whom the letter is sent
/// to; read as items, the last one would take in the whole body after it.
fn addressee_lines(doc: &NormDoc, g: &Grammar) -> Vec<bool> {
    let mut inside = vec![false; doc.lines.len()];
    let sg = &g.sections;
    let mut li = 0;
    while li < doc.lines.len() {
        let para = |i: usize| doc.lines[i].kind == LineKind::Para;
        if !(para(li) && g.header.is_addressees(doc.line_text(li))) {
            li += 1;
            continue;
        }
        inside[li] = true;
        li += 1;
        let end = (li + ADDRESSEE_LINES).min(doc.lines.len());
        while li < end && para(li) {
            if sg.marker_style(doc.line_text(li)) != Some("bullet") {
                break;
            }
            inside[li] = true;
            li += 1;
        }
    }
    inside
}

/// The most words of one entry of a recipients list ("- Văn phòng Trung
/// ương và các Ban của Đảng;"); a duty is longer.
const RECIPIENT_WORDS: usize = 14;

/// A recipients list whose label a PDF reader lost: the archive entry ("-
/// Lưu: VT, NN (2).") and the short entries just above it. Left in the body
/// they would be bullets of its last item, their names its duties.
fn unlabelled_recipients(doc: &NormDoc, g: &Grammar) -> Vec<bool> {
    let mut inside = vec![false; doc.lines.len()];
    // Where the walk up from each archive line stopped: a later walk that
    // reaches an earlier archive line goes on exactly as that one did, so
    // it takes that stop instead of walking the same lines again (a text
    // of many short lists, each with its archive line, was quadratic).
    let mut stopped_at: Vec<Option<usize>> = vec![None; doc.lines.len()];
    for li in 0..doc.lines.len() {
        if !g.header.is_archive(first_cell(doc.line_text(li), &doc.lines[li].kind)) {
            continue;
        }
        let mut j = li;
        while j > 0 {
            if let Some(stop) = stopped_at[j] {
                j = stop;
                break;
            }
            let text = doc.line_text(j - 1);
            let bullet = g.sections.marker_style(text) == Some("bullet");
            // (a wrapped tail of an entry: "Cổng TTĐT,")
            let tail = !bullet && g.sections.match_marker(text).is_none() && text.split_whitespace().count() <= 4;
            let short = text.split("- ").all(|e| e.split_whitespace().count() <= RECIPIENT_WORDS && !e.trim_end().ends_with('.'));
            if doc.lines[j - 1].kind != LineKind::Para || !(bullet || tail) || !short {
                break;
            }
            j -= 1;
        }
        stopped_at[li] = Some(j);
        // A list under its label is the label's to end (or, in a form
        // quoted by an appendix, to leave alone).
        let labelled = j > 0 && is_recipients(doc.line_text(j - 1), &doc.lines[j - 1].kind, g);
        if j < li && !labelled {
            inside[j..=li].fill(true);
        }
    }
    inside
}

/// Curly quotation marks opened and not closed in `text` (negative: more closed).
fn curly_balance(text: &str) -> i32 {
    text.matches('“').count() as i32 - text.matches('”').count() as i32
}

/// Whether line `li` (or one of its cells) opens with a header title, even
/// when a reader ran the subject line after it ("TỜ TRÌNH Về việc đề nghị
/// công bố dịch ..." in one cell of a PDF).
fn opens_with_title(doc: &NormDoc, li: usize, dt: &DocTypes) -> bool {
    first_in_line(doc, li, |text| {
        let text = text.trim_start();
        // The words in capitals that open it (each with the space after it).
        let caps = text.split(' ').take_while(|w| !w.chars().any(char::is_lowercase)).map(|w| w.len() + 1).sum::<usize>();
        dt.title_type(&text[..caps.saturating_sub(1).min(text.len())])
    })
    .is_some()
}

/// The lines of the blank forms a document reproduces, from the form's
/// label ("Phụ lục 9", "Tờ trình đề nghị công bố dịch") to its recipients:
/// a template's headings and duties are not the document's own, and its
/// header would otherwise start a new part that ends the appendix around it.
fn blank_form_lines(doc: &NormDoc, g: &Grammar) -> Vec<bool> {
    let mut inside = vec![false; doc.lines.len()];
    let Some(blank) = g.header.blank_form.as_ref() else { return inside };
    // The document's own first header, found once and only if asked for.
    let first_header = std::cell::OnceCell::new();
    let after_first_header = |li: usize| first_header.get_or_init(|| (0..doc.lines.len()).find(|&i| part_header(doc, i, &g.doc_types).is_some())).is_some_and(|f| f < li);
    let mut li = 0;
    while li < doc.lines.len() {
        let number_line = li;
        li += 1;
        let title = if blank.is_match(doc.line_text(number_line)) {
            let Some(title) = (number_line + 1..(number_line + 4).min(doc.lines.len())).find(|&t| opens_with_title(doc, t, &g.doc_types)) else { continue };
            title
        } else if is_blank_title(doc, number_line + 1) && part_header(doc, number_line, &g.doc_types).is_some() && after_first_header(number_line) {
            // A form without a number line ("KẾ HOẠCH / Chuyển đổi cơ cấu
            // cây trồng ... năm …" after the decision form that issues it);
            // never the document's own first header.
            number_line
        } else {
            continue;
        };
        // The header rows above the number line, then up to three label
        // lines ("PHỤ LỤC II", "MẪU QUYẾT ĐỊNH ...", "(Kèm theo Nghị định
        // ...)"): short, no sentence end, no list item. A header a reader
        // laid out as paragraphs (the motto and its rule) is no label.
        let mut start = number_line;
        while start > 0 && number_line - start < 2 && matches!(doc.lines[start - 1].kind, LineKind::Row { .. }) {
            start -= 1;
        }
        let mut labels = 0;
        while labels < 3 {
            let Some(prev) = start.checked_sub(1) else { break };
            let t = doc.line_text(prev).trim();
            let item = g.sections.marker_style(t).is_some_and(|s| s != "appendix");
            if doc.lines[prev].kind != LineKind::Para || t.chars().count() > FORM_LABEL_CHARS || t.ends_with(['.', ':', ';']) || item {
                break;
            }
            if !(g.header.is_motto(t) || crate::grammar::header::is_rule(t)) {
                labels += 1;
            }
            start = prev;
        }
        // A form whose recipients were left out ends where the next
        // appendix starts ("PHỤ LỤC II" after a notice form).
        let sg = &g.sections;
        let appendix = |i: usize| i > title && sg.marker_style(doc.line_text(i)) == Some("appendix");
        let end = (title..doc.lines.len())
            .find_map(|i| {
                if appendix(i) {
                    Some(i - 1)
                } else {
                    is_recipients(doc.line_text(i), &doc.lines[i].kind, g).then_some(i)
                }
            })
            .unwrap_or(title);
        let end = resumed_numbering(doc, sg, start, title, end).map_or(end, |i| i - 1);
        inside[start..=end].iter_mut().for_each(|b| *b = true);
        li = end + 1;
    }
    inside
}

/// The first line after a form's title, up to `end`, that goes on with the
/// document's own numbering: the item after the last one of its kind above
/// the form (`start`), when the form has no item of that kind of its own. A
/// form whose recipients were left out ("KẾ HOẠCH" over a blank table) ends
/// there ("2. Ban hành Danh mục ..." after "1. Ban hành Kế hoạch ...").
fn resumed_numbering(doc: &NormDoc, sg: &sections::SectionGrammar, start: usize, title: usize, end: usize) -> Option<usize> {
    let item = |i: usize| (doc.lines[i].kind == LineKind::Para).then(|| sg.match_marker(doc.line_text(i))).flatten();
    let kind = |m: &Marker| (m.style, m.key.clone());
    let mut seen: Vec<(usize, String)> = (start..=title).filter_map(item).map(|m| kind(&m)).collect();
    for i in title + 1..=end {
        let Some(m) = item(i) else { continue };
        if seen.contains(&kind(&m)) {
            continue;
        }
        let n = sg.ordinal(m.style, &m.label);
        let before = (0..start).rev().find_map(|j| item(j).filter(|o| kind(o) == kind(&m)));
        if n.is_some_and(|n| n > 1) && before.is_some_and(|o| sg.ordinal(o.style, &o.label).map(|p| p + 1) == n) {
            return Some(i);
        }
        seen.push(kind(&m));
    }
    None
}

/// Whether line `li` is a title left to be filled in ("... trên đất trồng
/// lúa năm …", "Về việc ........").
fn is_blank_title(doc: &NormDoc, li: usize) -> bool {
    li < doc.lines.len() && {
        let t = doc.line_text(li).trim_end();
        t.ends_with('…') || t.ends_with("...")
    }
}

/// Header lines above a title: walk back over short lines that are not part
/// of a section body (issuer, motto, number, date).
fn header_zone_start(doc: &NormDoc, title: usize, out: &Segmented, g: &Grammar) -> usize {
    let mut start = title;
    let limit = title.saturating_sub(12);
    while start > limit {
        let prev = start - 1;
        if out.owner[prev].is_some() && !g.header.looks_like_header_line(doc.line_text(prev)) {
            break;
        }
        start = prev;
    }
    start
}

/// Whether a paragraph sits inside a table as a group row ("A. THỦ TỤC
/// HÀNH CHÍNH CẤP XÃ" between two rows of a procedure list, where Word's
/// merged cell came out as a line of its own): a row above and
/// a data row below, whose first cell is a number. A heading between two
/// tables is followed by the next table's header row instead.
/// Group rows may stack ("A. TTHC cấp tỉnh" over "I. Lĩnh vực ...", or
/// over "C. | TTHC dùng chung ..." whose label kept its own cell): the
/// data row is looked for below them.
fn is_group_row(doc: &NormDoc, li: usize, sg: &sections::SectionGrammar) -> bool {
    let filled = |i: &usize| !doc.line_text(*i).trim().is_empty();
    // (group rows are lettered or in roman numerals; a "1." between is an item)
    let marker_para = |i: usize| {
        matches!(doc.lines[i].kind, LineKind::Para)
            && sg.match_marker(doc.line_text(i)).is_some_and(|m| matches!(sg.styles[m.style].sequence, Sequence::Roman | Sequence::LetterUpper))
    };
    let Some(prev) = (0..li).rev().filter(filled).take(MAX_STACKED_GROUP_ROWS + 1).find(|&i| !marker_para(i)) else { return false };
    // (a body cell flattened into paragraphs puts the header's cells on
    // lines of their own: "TT", "Mã TTHC", "Tên thủ tục hành chính")
    if !matches!(doc.lines[prev].kind, LineKind::Row { .. }) && !is_header_cell(doc.line_text(prev), sg) {
        return false;
    }
    let first_cell = |i: usize| match &doc.lines[i].kind {
        LineKind::Row { cells, .. } => cells.first().map(|&(s, e)| doc.text[s..e].trim()),
        _ => None,
    };
    let stacked = |i: usize| match first_cell(i) {
        Some(first) => is_group_label(first),
        None => marker_para(i),
    };
    (li + 1..doc.lines.len()).filter(filled).take(MAX_STACKED_GROUP_ROWS + 1).find(|&i| !stacked(i)).and_then(first_cell).is_some_and(is_row_number)
}

/// A table header's cell read as a paragraph: a few words with no
/// sentence mark.
fn is_header_cell(text: &str, sg: &sections::SectionGrammar) -> bool {
    let text = text.trim();
    sg.match_marker(text).is_none()
        && text.len() <= MAX_HEADER_CELL_BYTES && !text.ends_with(['.', ':', ';', ')']) && text.split(' ').count() <= MAX_HEADER_CELL_WORDS
}

const MAX_HEADER_CELL_BYTES: usize = 60;
const MAX_HEADER_CELL_WORDS: usize = 8;

/// A group row's label in a cell of its own: "C.", "II.", "B)".
fn is_group_label(cell: &str) -> bool {
    cell.strip_suffix(['.', ')']).is_some_and(|l| !l.is_empty() && l.len() <= MAX_ROW_NUMBER_BYTES && l.chars().all(char::is_uppercase))
}

/// The most group rows looked past for the data row below them.
const MAX_STACKED_GROUP_ROWS: usize = 2;


/// A paragraph's text, or a table row's first cell.
fn first_cell<'t>(text: &'t str, kind: &LineKind) -> &'t str {
    match kind {
        LineKind::Para | LineKind::Footnote => text,
        LineKind::Row { .. } => text.split(" | ").next().unwrap_or(""),
    }
}

fn is_recipients(text: &str, kind: &LineKind, g: &Grammar) -> bool {
    g.header.is_recipients(first_cell(text, kind)) || matches!(kind, LineKind::Para) && g.header.is_closing(text)
}
