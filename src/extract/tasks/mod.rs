//! Responsibility assignments written in the text: labelled fields
//! ("Cơ quan thực hiện: ..."), agency-headed items in the implementation
//! section ("2. Giao phòng Nội vụ" with its duties), and inline phrases
//! ("X chủ trì, phối hợp với Y ..."). Each clause yields at most one task,
//! and a section consumed by one rule is not read again by the next.

mod letters;

use super::agencies::{tokenize, words_prefix, AgencyGrammar, Found, LabelRole, Tok};
use super::clauses::{sentences, Clause};
use super::tables::agencies_in_cell;
use super::Context;
use crate::grammar::sections::Sequence;
use crate::normalize::LineKind;
use crate::model::{Span, Task};
use letters::{bare_closing_request, body_without_sections, lead_in_bullets, requested_by_subject};
use std::cell::OnceCell;

// The readers mark nodes consumed as they go, so the loops index by id.
#[allow(clippy::needless_range_loop)]
pub fn extract(cx: &Context) -> Vec<Task> {
    let mut tasks = Vec::new();
    // Under a field of a published procedure ("- Trình tự thực hiện") or an
    // impact assessment the agencies named handle the procedure or are
    // described: only a sentence that names a lead
    // and those it works with ("X chủ trì, phối hợp với Y") assigns work.
    let procedure: Vec<bool> = (0..cx.seg.nodes.len()).map(|id| cx.under_descriptive_heading(id)).collect();
    let mut consumed: Vec<bool> = (0..cx.seg.nodes.len()).map(|id| cx.is_addressee(id) || procedure[id]).collect();
    for id in 0..cx.seg.nodes.len() {
        if !consumed[id] {
            labelled_fields(cx, id, &mut consumed, &mut tasks);
        }
    }
    // A parent asks whether each child is a duty heading, and each child
    // is then read as a candidate itself: keep the answer.
    let headings: Vec<OnceCell<Option<Heading>>> = vec![OnceCell::new(); cx.seg.nodes.len()];
    let heading = |id: usize| headings[id].get_or_init(|| duty_heading(cx, id)).as_ref();
    for id in 0..cx.seg.nodes.len() {
        if !consumed[id] {
            agency_headed(cx, id, &heading, &mut consumed, &mut tasks);
        }
    }
    lead_in_bullets(cx, &mut consumed, &mut tasks);
    for id in 0..cx.seg.nodes.len() {
        if consumed[id] && !procedure[id] {
            continue;
        }
        let (s, e) = (cx.body_start(id), cx.seg.nodes[id].content.1);
        // Under "N. Về <topic>:" the paragraphs settle the topic, and an
        // agency that opens one is assigned it, as in an implementation part.
        let node = &cx.seg.nodes[id];
        let first = &cx.doc.text[s..cx.doc.lines[node.line].end.max(s)];
        let topic = first.trim_end().ends_with(':') && cx.g.agencies.opens_topic(first);
        let implementation = topic || cx.in_implementation(id) || cx.heads_implementation(id);
        // A paragraph that has handed out one duty goes on handing them out:
        // "Sở Tư pháp có trách nhiệm ... . Sở Tư pháp thực hiện nộp hồ sơ ..."
        // in an untitled article. (Only in the same paragraph: the next may
        // be the rest of a sentence cut by a page break.)
        let mut assigning_until: Option<usize> = None;
        let mut last_here: Option<usize> = None;
        // Where the sentences of this paragraph that no task took begin.
        let mut untaken: Option<usize> = None;
        // The last line break before the sentence at hand, found by reading
        // each stretch of text once (asking of every sentence whether a break
        // lies between it and a far earlier one would be quadratic).
        let mut read_to = s;
        let mut last_break: Option<usize> = None;
        for cl in sentences(&cx.doc.text, s, e) {
            if let Some(i) = cx.doc.text.get(read_to..cl.start).and_then(|gap| gap.rfind('\n')) {
                last_break = Some(read_to + i);
            }
            read_to = read_to.max(cl.start);
            let broken_since = |from: usize| last_break.is_some_and(|b| b >= from);
            if cx.in_row(cl.start) {
                continue;
            }
            if untaken.is_some_and(broken_since) {
                untaken = None;
            }
            let same_paragraph = assigning_until.is_some_and(|end| !broken_since(end));
            if let Some(mut t) = inline_task(cx, Some(id), &cl, implementation || same_paragraph) {
                if procedure[id] && t.support.is_empty() {
                    continue;
                }
                if let Some(from) = untaken.take().filter(|_| assigns_nothing_itself(cx, &t)) {
                    take_duty_before(cx, &mut t, from, cl.end);
                }
                tasks.push(t);
                assigning_until = Some(cl.end);
                last_here = Some(tasks.len() - 1);
                continue;
            }
            // "Thời gian hoàn thành: Quý II/2026." after the duty is its deadline.
            let timed = last_here.map(|i| &mut tasks[i]).filter(|t| t.deadline.is_none()).and_then(|task| {
                task.deadline = deadline_field(cx, &cl).or_else(|| {
                    // "... có trách nhiệm tổ chức thực hiện. Định kỳ gửi báo
                    // cáo trước ngày 15/11 hằng năm.": the same paragraph
                    // going on without a subject says when.
                    let goes_on = !broken_since(task.span.end);
                    goes_on.then(|| cx.g.deadlines.parse_in_text(&cx.doc.text[cl.start..cl.end])).flatten()
                });
                task.deadline.as_ref()
            });
            if timed.is_none() {
                untaken.get_or_insert(cl.start);
            }
        }
    }
    if cx.seg.nodes.is_empty() {
        body_without_sections(cx, &mut tasks);
    }
    tasks.sort_by_key(|t| t.span.start);
    tasks
}

/// Whether a task's sentence names its agencies and then only says "do it"
/// ("Sở Tư pháp chủ trì, phối hợp với các sở, ngành thực hiện.").
fn assigns_nothing_itself(cx: &Context, t: &Task) -> bool {
    let names_end = t.lead.iter().chain(&t.support).filter_map(|n| t.text.rfind(n.as_str()).map(|i| i + n.len())).max();
    names_end.is_some_and(|end| cx.g.agencies.is_bare_duty(&t.text[end..]))
}

/// The duty such a sentence points back to: the sentences of its paragraph
/// before it, from `from`, become the task's text, and give its deadline
/// ("a) Rà soát ..., hoàn thành trong tháng 12 năm 2025. Sở Tư pháp chủ trì
/// ... thực hiện.").
fn take_duty_before(cx: &Context, t: &mut Task, from: usize, end: usize) {
    t.text = cx.doc.text[from..end].to_string();
    t.span = cx.span(from, end);
    if t.deadline.is_none() {
        t.deadline = cx.g.deadlines.parse_in_text(&t.text);
    }
}

/// What one field-bearing line says.
struct Field<'a> {
    role: LabelRole,
    value: &'a str,
    start: usize,
}

fn field_of<'a>(cx: &Context, text: &'a str, base: usize) -> Option<Field<'a>> {
    // A label ends at the line's first colon, so only the words before it
    // need tokenising (this runs on every item and line of a document).
    let colon = text.find(':')?;
    let toks = tokenize(&text[..=colon]);
    let (role, value_at) = cx.g.agencies.label_at(&toks)?;
    let start = if value_at < toks.len() { toks[value_at].start } else { colon + 1 };
    let start = start + (text.len() - start - text[start..].trim_start().len());
    Some(Field { role, value: text[start..].trim(), start: base + start })
}

/// The deadline of a sentence that is only a time field ("Thời gian thực
/// hiện: Quý II/2026.") or says the time as its subject ("Thời hạn hoàn
/// thành chậm nhất 05 ngày làm việc kể từ ngày ban hành Quyết định.").
fn deadline_field(cx: &Context, cl: &Clause) -> Option<crate::model::Deadline> {
    let text = &cx.doc.text[cl.start..cl.end];
    if let Some(f) = field_of(cx, text, cl.start) {
        return if f.role == LabelRole::Deadline { cx.g.deadlines.parse_field(f.value) } else { None };
    }
    let toks = tokenize(words_prefix(text, LABEL_WORDS));
    let n = cx.g.agencies.deadline_subject_len(&toks)?;
    cx.g.deadlines.parse_in_text(&text[toks[n].start..])
}

/// How many words of a sentence are read for a time label as its subject.
const LABEL_WORDS: usize = 8;

/// An item described by labelled fields, as its children ("a) Nhiệm vụ / b)
/// Cơ quan thực hiện / c) Thời gian thực hiện") or in its own lines.
fn labelled_fields(cx: &Context, id: usize, consumed: &mut [bool], tasks: &mut Vec<Task>) {
    let node = &cx.seg.nodes[id];
    let mut fields: Vec<(Option<usize>, Field)> = Vec::new();
    for &c in &node.children {
        let (s, e) = cx.seg.nodes[c].content;
        if let Some(f) = field_of(cx, &cx.doc.text[s..e], s) {
            fields.push((Some(c), f));
        }
    }
    for li in node.own_lines.clone() {
        let line = &cx.doc.lines[li];
        let s = if li == node.line { node.content.0 } else { line.start };
        if let Some(f) = field_of(cx, &cx.doc.text[s..line.end], s) {
            fields.push((None, f));
        }
    }
    if !fields.iter().any(|(_, f)| matches!(f.role, LabelRole::Lead | LabelRole::Support)) {
        return;
    }
    let mut task = Task {
        section: node.path.clone(),
        text: String::new(),
        lead: Vec::new(),
        support: Vec::new(),
        deadline: None,
        origin: "text".into(),
        span: Span::default(),
    };
    for (child, f) in &fields {
        match f.role {
            LabelRole::Lead => {
                let (lead, support) = roles_in_value(cx, f.value);
                task.lead.extend(lead);
                task.support.extend(support);
            }
            LabelRole::Support => task.support.extend(agencies_in_cell(f.value, &cx.g.agencies)),
            LabelRole::Deadline => task.deadline = cx.g.deadlines.parse_field(f.value),
            LabelRole::Task => task.span = cx.span(f.start, f.start + f.value.len()),
            LabelRole::Product => {}
        }
        if let Some(c) = child {
            consumed[*c] = true;
        }
    }
    if task.span.end == 0 {
        // No "Nhiệm vụ:" field: the item's first child that is not a field
        // says what is to be done ("1.1. Rà soát ..."), else its heading line.
        let content_child = node.children.iter().find(|c| !fields.iter().any(|(fc, _)| *fc == Some(**c)));
        if let Some(&c) = content_child {
            // The whole sub-item: "Nhiệm vụ cụ thể:" and the duties under it.
            let s = cx.seg.nodes[c].content.0;
            task.span = cx.span(s, subtree_end(cx, c));
        }
    }
    if task.span.end == 0 {
        let line = &cx.doc.lines[node.line];
        task.span = cx.span(node.content.0, line.end.min(node.content.1));
    }
    task.text = cx.doc.text[task.span.start..task.span.end].to_string();
    consumed[id] = true;
    tasks.push(task);
}

/// "Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp" in a lead field.
fn roles_in_value(cx: &Context, value: &str) -> (Vec<String>, Vec<String>) {
    let toks = tokenize(value);
    if let Some((lead, support)) = lead_and_support(&cx.g.agencies, &toks, value) {
        return (names(lead), names(support));
    }
    (agencies_in_cell(value, &cx.g.agencies), Vec::new())
}

fn names(v: Vec<Found>) -> Vec<String> {
    v.into_iter().map(|f| f.name).collect()
}

/// Who an item's first line names as responsible, if it is a heading of
/// duties: "2. Giao phòng Nội vụ", "1.5. Trách nhiệm của đối tượng ...:",
/// or a sentence "X chủ trì, phối hợp với Y ...:" introducing a list.
#[derive(Clone)]
struct Heading {
    lead: Vec<String>,
    support: Vec<String>,
    /// Where duties written on the same line start ("7. Giao Thanh tra huyện: Phối hợp ...").
    inline_duty: Option<usize>,
}

/// Whether an item with points has a first line that is an agency list and
/// a colon, or an agency list and its lead phrase ("có trách nhiệm"),
/// nothing more.
fn names_only_an_agency(cx: &Context, node: &crate::segment::Node, first: &str) -> bool {
    let line = first.trim_end();
    let (name, colon) = match line.strip_suffix(':') {
        Some(name) => (name.trim_end(), true),
        None => (line, false),
    };
    // (a longer line is a sentence: "Bộ trưởng Bộ Tư pháp quyết định thu
    // hồi nội dung phân cấp trong các trường hợp sau:")
    let words = |s: &str| s.split_whitespace().count();
    if node.children.is_empty() || words(name) > HEADING_NAME_WORDS + LEAD_PHRASE_WORDS {
        return false;
    }
    let ag = &cx.g.agencies;
    let toks = tokenize(name);
    // ("Các trường hợp hạ bậc xếp loại:" opens like "Các trường")
    let (agencies, end) = ag.parse_list(&toks, 0, name);
    if agencies.is_empty() || ag.holds_not_name(&toks) {
        return false;
    }
    if end == toks.len() {
        return colon && words(name) <= HEADING_NAME_WORDS;
    }
    // "2. Vụ Tổ chức cán bộ có trách nhiệm" over its points says whose they
    // are as plainly, with its colon or without.
    words(&name[..toks[end].start]) <= HEADING_NAME_WORDS
        && ag.find_lead_phrase(&toks, end).is_some_and(|(at, n)| at == end && at + n == toks.len())
}

/// The most words of an agency list read as an item's whole first line.
const HEADING_NAME_WORDS: usize = 12;

/// The most words of a lead phrase after it ("là cơ quan chủ trì").
const LEAD_PHRASE_WORDS: usize = 5;

fn duty_heading(cx: &Context, id: usize) -> Option<Heading> {
    let node = &cx.seg.nodes[id];
    let line_end = cx.doc.lines[node.line].end;
    let first = &cx.doc.text[node.content.0..line_end];
    let ag = &cx.g.agencies;
    // Every rule below but the lead-in needs an agency or a duty phrase at
    // the start of the line: the first words decide whether the whole line
    // (often a long paragraph) is worth tokenising.
    let head = words_prefix(first, HEAD_WORDS);
    let head_toks = tokenize(head);
    // In a regulation, "Điều 9. Cục thuộc bộ" or "Nhiệm vụ, quyền hạn của
    // bộ" describes a body and its competences; it assigns work only in its
    // implementation articles and under "Trách nhiệm của X".
    // An item that is only an agency and a colon over its points ("2. Sở
    // Nội vụ thành phố Hà Nội:" under "Điều 5. Quy trình xét tặng") lists
    // that agency's steps wherever it stands.
    // (asked by two rules below; read once)
    if cx.under_descriptive_heading(id) {
        return None;
    }
    let only_agency = OnceCell::new();
    let names_only_agency = || *only_agency.get_or_init(|| names_only_an_agency(cx, node, first));
    if cx.in_rules(id) && !cx.in_implementation(id) && !ag.assigns_in_rules(&head_toks) && !names_only_agency() {
        return None;
    }
    let could_head = ag.duty_prefix_len(&head_toks).is_some() || opens_with_agency(ag, &head_toks, head);
    if !could_head {
        return lead_in_heading(cx, node);
    }
    // Under "II. MỤC TIÊU" an item that opens with an agency states a goal
    // ("b) Cơ quan nhà nước quản lý, điều hành thông minh ...:" over the
    // figures to reach); only "Giao X" or "X chủ trì" hands out work there.
    let hands_out = || ag.assign_prefix_len(&head_toks, 0).is_some() || ag.find_lead_phrase(&head_toks, 0).is_some();
    if cx.under_goal_heading(id) && !cx.in_implementation(id) && !hands_out() {
        return None;
    }
    let toks = if head.len() == first.len() { head_toks } else { tokenize(first) };
    let has_children = !node.children.is_empty();
    let ends_with_colon = toks.last().is_some_and(|t| t.key() == ":");
    let after = |end: usize| -> Option<Option<usize>> {
        let end = skip_parenthetical(&toks, end);
        match toks.get(end) {
            None => Some(None),
            // "1. Bộ Khoa học và Công nghệ - Làm đầu mối ...": the first
            // bullet, its line break lost, is a duty on the heading's line.
            Some(t) if t.key() == ":" || t.key() == "." || ag.glued_bullet_at(&toks, end) => {
                Some(toks.get(end + 1).map(|t| node.content.0 + t.start))
            }
            // "Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo": an apposition.
            Some(t) if t.key() == "-" || t.key() == "–" => Some(None),
            Some(_) => None,
        }
    };
    // "Trách nhiệm của đối tượng thực hiện kiểm kê:"
    if let Some(n) = ag.duty_prefix_len(&toks) {
        let stop = toks[n..].iter().position(|t| t.key() == ":" || t.key() == "(").map_or(toks.len(), |p| n + p);
        // "Điều 14. Trách nhiệm của Sở Nội vụ" over a paragraph: the title
        // line is the heading, the paragraph its duty, if the title is a
        // name and not a PDF line run on ("... được phân cấp 1. Thực hiện").
        let has_body = node.own_lines.len() > 1 && stop - n <= 20 && !toks[n..stop].iter().any(|t| t.key() == ".");
        if stop > n && (has_children || has_body || stop < toks.len()) {
            let (s, e) = (toks[n].start, toks[stop - 1].end);
            if ag.is_public(&first[s..e]) {
                return None;
            }
            // "Trách nhiệm của các Sở: Xây dựng, Tài chính, Nội vụ": the colon
            // lists whose duties follow, it does not open them.
            if let Some((members, end)) = ag.colon_members(&toks, &first[s..e], stop, first) {
                let inline_duty = after(end).flatten();
                return Some(Heading { lead: names(members), support: Vec::new(), inline_duty });
            }
            let inline_duty = after(stop).flatten();
            return Some(Heading { lead: vec![first[s..e].to_string()], support: Vec::new(), inline_duty });
        }
    }
    // The whole heading is a list of agencies.
    let (agencies, end) = ag.parse_list(&toks, 0, first);
    if !agencies.is_empty()
        && let Some(inline_duty) = after(end) {
            let assigned = ag.assign_prefix_len(&toks, 0).is_some();
            // A heading that only names a category of actors ("Doanh
            // nghiệp số") is a topic unless something assigns it work.
            let office = !agencies.iter().all(|a| ag.is_category(&a.name));
            let heads = || has_children || names_a_body(cx, node, &toks, end, first);
            if assigned || office && heads() || inline_duty.is_some() || cx.in_implementation(id) {
                return Some(Heading { lead: names(agencies), support: Vec::new(), inline_duty });
            }
        }
    if let Some(h) = lead_in_heading(cx, node) {
        return Some(h);
    }
    // A sentence or a longer name that hands a list of duties to someone:
    // "Sở Y tế chủ trì, phối hợp với ...:", "Các doanh nghiệp thứ cấp đang
    // hoạt động trong KCN", "UBND các phường ... chủ động bố trí kinh phí; ...".
    let assigned = ag.assign_prefix_len(&toks, 0).is_some();
    if has_children && (ends_with_colon || assigned || cx.in_implementation(id) || names_only_agency()) {
        if let Some((lead, support)) = lead_and_support(ag, &toks, first) {
            return Some(Heading { lead: names(lead), support: names(support), inline_duty: None });
        }
        if !agencies.is_empty() {
            let short_name = toks.len() <= 15 && !toks.iter().any(|t| matches!(t.key(), ":" | ";" | "."));
            let lead = if short_name && !assigned {
                vec![first.trim_end_matches(['.', ':', ';']).trim().to_string()]
            } else {
                names(agencies)
            };
            return Some(Heading { lead, support: Vec::new(), inline_duty: None });
        }
    }
    None
}

/// Whether a numbered item's line is an agency list and nothing else, over
/// paragraphs of its duties: "3. Sở Giáo dục và Đào tạo" heads one paragraph
/// as plainly as it heads points. Not a bullet ("- Thuế tỉnh Phú Thọ." in a
/// letter's addressees), not a name with a full stop, and not a name the next
/// line carries on (a PDF line wrapped after "Giám đốc các Sở").
fn names_a_body(cx: &Context, node: &crate::segment::Node, toks: &[Tok], end: usize, first: &str) -> bool {
    let numbered = !matches!(cx.g.sections.styles[node.marker.style].sequence, Sequence::None);
    if !numbered || end != toks.len() || node.own_lines.len() <= 1 {
        return false;
    }
    if cx.doc.lines[node.line + 1].kind != LineKind::Para {
        return false;
    }
    let joined = format!("{} {}", first.trim_end(), words_prefix(cx.doc.line_text(node.line + 1), HEAD_WORDS));
    let jtoks = tokenize(&joined);
    let (_, jend) = cx.g.agencies.parse_list(&jtoks, 0, &joined);
    // (a sentence's first word alone can pass for the end of a name: "Sở Y
    // tế / Chủ trì ...")
    jend <= end + 1
}

/// How many words of a line are read to tell whether it can head duties:
/// enough for the longest agency name after an opening phrase.
const HEAD_WORDS: usize = 32;

/// Whether tokens open with agencies, after punctuation and an assigning
/// word ("- Giao Sở Y tế ..."), as [`lead_and_support`] reads them.
fn opens_with_agency(ag: &AgencyGrammar, toks: &[Tok], text: &str) -> bool {
    !ag.parse_list(toks, 0, text).0.is_empty() || !ag.parse_list(toks, lead_start(ag, toks), text).0.is_empty()
}

/// Punctuation that separates a clause from the agencies that open it.
fn is_lead_separator(t: &Tok) -> bool {
    matches!(t.key(), "," | "-" | "+")
}

/// Where a clause's leading agencies start: after punctuation and an
/// assigning word ("- Giao Sở Y tế ...").
fn lead_start(ag: &AgencyGrammar, toks: &[Tok]) -> usize {
    let start = toks.iter().take_while(|t| is_lead_separator(t)).count();
    start + ag.assign_prefix_len(toks, start).unwrap_or(0)
}

/// A lead-in paragraph under the heading: "IV. TỔ CHỨC THỰC HIỆN / Các cơ
/// quan ... chịu trách nhiệm ... các nội dung cụ thể sau:" then items.
fn lead_in_heading(cx: &Context, node: &crate::segment::Node) -> Option<Heading> {
    if node.children.is_empty() || node.own_lines.len() <= 1 {
        return None;
    }
    let ag = &cx.g.agencies;
    let last = &cx.doc.lines[node.own_lines.end - 1];
    let lead_in = &cx.doc.text[last.start..last.end.min(node.content.1)];
    if !lead_in.trim_end().ends_with(':') || last.kind != LineKind::Para {
        return None;
    }
    let ltoks = tokenize(lead_in);
    if let Some((lead, support)) = lead_and_support(ag, &ltoks, lead_in) {
        return Some(Heading { lead: names(lead), support: names(support), inline_duty: None });
    }
    let (named, end) = ag.parse_list(&ltoks, 0, lead_in);
    let verb_follows = ltoks.get(end).is_some_and(|t| t.text.chars().next().is_some_and(char::is_lowercase));
    (!named.is_empty() && verb_follows).then(|| Heading { lead: names(named), support: Vec::new(), inline_duty: None })
}

/// An item that names agencies and holds their duties: each child is a
/// task of those agencies, or the item's own text is one. When a child is
/// itself such an item, the deeper heading decides.
fn agency_headed<'h>(
    cx: &Context,
    id: usize,
    heading: &impl Fn(usize) -> Option<&'h Heading>,
    consumed: &mut [bool],
    tasks: &mut Vec<Task>,
) {
    let node = &cx.seg.nodes[id];
    let Some(head) = heading(id) else { return };
    if node.children.iter().any(|&c| heading(c).is_some_and(|h| h.inline_duty.is_none())) {
        return;
    }
    let mut duties: Vec<Duty> = Vec::new();
    // "1. Bí thư, Chủ tịch UBND các tỉnh ... tập trung một số nhiệm vụ sau:"
    // over its items: the item's own words only introduce the duties.
    let colon_ended = cx.doc.text[..node.content.1].trim_end().ends_with(':');
    if let Some(s) = head.inline_duty.filter(|_| node.children.is_empty() || !colon_ended) {
        duties.push(Duty::new(node.path.clone(), (s, node.content.1), head.lead.clone(), head.support.clone()));
    } else if node.own_lines.len() > 1 && !colon_ended {
        // The paragraphs under the heading, one duty each ("a) Trách nhiệm
        // của UBND cấp xã" over "Chủ tịch UBND cấp xã thành lập ..." and
        // "UBND cấp xã tổng hợp báo cáo ...").
        for line in &cx.doc.lines[node.line + 1..node.own_lines.end] {
            let (s, e) = (line.start, line.end.min(node.content.1));
            if line.kind == LineKind::Para && s < e && !cx.g.agencies.is_closing_formula(&cx.doc.text[s..e]) {
                duties.push(Duty::new(node.path.clone(), (s, e), own_lead(cx, &cx.doc.text[s..e], &head.lead), head.support.clone()));
            }
        }
    }
    // "4. Sở Khoa học và Công nghệ" / "Chủ trì, phối hợp với các sở, ngành
    // ...:" over its points: the line that introduces them names with whom.
    let framed = if colon_ended && head.support.is_empty() && node.own_lines.len() > 1 {
        let last = &cx.doc.lines[node.own_lines.end - 1];
        support_frame(cx, &cx.doc.text[last.start..last.end.min(node.content.1)])
    } else {
        None
    };
    let support = framed.as_deref().unwrap_or(&head.support);
    for &c in &node.children {
        collect_duties(cx, c, &head.lead, support, &mut duties);
        mark_subtree(cx, c, consumed);
    }
    consumed[id] = true;
    let closing = split_closing_request(cx, id, &mut duties);
    for duty in split_handed_on(cx, duties) {
        tasks.extend(duty_task(cx, duty));
    }
    tasks.extend(closing);
}

/// One duty under a heading or a request: its section, its span in the
/// text and the agencies that lead it.
struct Duty {
    section: Vec<String>,
    start: usize,
    end: usize,
    lead: Vec<String>,
    /// Whom the duty is done with when it does not say: named by the item
    /// it is a point of ("a) Chủ trì, phối hợp với các sở, ngành ...") or
    /// by the heading or request over it.
    support: Vec<String>,
    /// The deadline on the time line that closes the group of sub-items
    /// this duty is one of.
    group_time: Option<crate::model::Deadline>,
}

impl Duty {
    /// A duty of `section` spanning `start..end`; a group's time is set
    /// afterwards, once the whole group is known.
    fn new(section: Vec<String>, (start, end): (usize, usize), lead: Vec<String>, support: Vec<String>) -> Duty {
        Duty { section, start, end, lead, support, group_time: None }
    }
}

/// The task of one duty; the supporting agencies are its own "phối hợp
/// với ..." or those it was given.
fn duty_task(cx: &Context, Duty { section, start: s, end: e, lead, support: given, group_time }: Duty) -> Option<Task> {
    let text = cx.doc.text[s..e].trim_end();
    if text.is_empty() || cx.g.agencies.opens_with_boilerplate(text) || cx.g.agencies.is_repealed(text) {
        return None;
    }
    // The closing article's names cut at a colon by a PDF ("Giám đốc các
    // Sở:" / "Giáo dục và Đào tạo, Nội vụ; ... chịu trách nhiệm thi hành
    // Quyết định này./."): the body's last sentence, a formula, is no duty.
    if cx.g.header.ends_body(text) && !text.contains('\n') && !text.contains(". ") && cx.g.agencies.is_boilerplate(text) {
        return None;
    }
    let toks = tokenize(text);
    if cx.g.agencies.only_names_before_colon(&toks, text) {
        return None;
    }
    let mut support = cx
        .g
        .agencies
        .find_support_phrase(&toks, 0)
        .map(|(i, n)| names(cx.g.agencies.parse_support_list(&toks, i + n, text).0))
        .unwrap_or_default();
    if support.is_empty() {
        support = given;
    }
    Some(Task {
        section,
        text: text.to_string(),
        lead,
        support,
        deadline: cx.g.deadlines.parse_in_text(text).or(group_time),
        origin: "text".into(),
        span: cx.span(s, s + text.len()),
    })
}

/// Most words of a sentence that only announces the list after it ("Cụ
/// thể:", "Nội dung như sau:"), after the request it follows.
/// The last duty of the last agency often runs on into a closing paragraph
/// of the issuer ("Ủy ban nhân dân Thành phố yêu cầu các Sở, ... định kỳ
/// trước ngày 30 tháng 11 hằng năm báo cáo ..."): that paragraph assigns
/// work to others, so it ends the duty and is a task of its own.
fn split_closing_request(cx: &Context, id: usize, duties: &mut [Duty]) -> Option<Task> {
    let (s, e) = duties.last().map(|d| (d.start, d.end))?;
    // `line_of` is 1-based: skipping that many lines starts after the duty's first line.
    let later = cx.doc.lines.iter().skip(cx.doc.line_of(s)).take_while(|l| l.start < e);
    for line in later {
        if line.start <= s || line.kind != LineKind::Para {
            continue;
        }
        let cl = Clause { start: line.start, end: line.end.min(e) };
        let Some(mut task) = inline_task(cx, Some(id), &cl, true).filter(|t| requests_others(cx, t)) else { continue };
        if let Some(last) = duties.last_mut() {
            last.end = line.start;
        }
        // Without a time ("... nghiêm túc thực hiện Chỉ thị này") the
        // request is a closing formula, not a duty to track; with one
        // ("định kỳ trước ngày 30 tháng 11 hằng năm") a recurrence counts.
        task.deadline = task.deadline.or_else(|| cx.g.deadlines.parse_field(&task.text));
        task.deadline.as_ref()?;
        task.section = cx.seg.nodes[id].path.iter().take(1).cloned().collect();
        return Some(task);
    }
    None
}

/// A duty that goes on to name another agency for the next step ("...
/// Các Báo cáo trên gửi Bộ Tư pháp trước ngày 05/12. Trên cơ sở đó, Bộ Tư
/// pháp tổng hợp, báo cáo Thủ tướng ...") hands that step to it: the duty
/// ends there and the rest is a duty of the agency named.
fn split_handed_on(cx: &Context, duties: Vec<Duty>) -> Vec<Duty> {
    let mut out = Vec::with_capacity(duties.len());
    for mut piece in duties {
        let end = piece.end;
        for cl in sentences(&cx.doc.text, piece.start, end).into_iter().skip(1) {
            let Some(t) = inline_task(cx, None, &cl, true) else { continue };
            // Only a body named as such takes the step: a kind of body in
            // lower case ("Đồng thời, các địa phương chủ động ...") is more
            // often mentioned in passing, and the same agency going on
            // ("Sở X ... . Sở X báo cáo ...") keeps its one duty.
            let named = t.lead.iter().all(|l| l.starts_with(char::is_uppercase));
            if !named || t.lead.iter().any(|l| piece.lead.contains(l)) {
                continue;
            }
            let next = Duty { group_time: piece.group_time.clone(), ..Duty::new(piece.section.clone(), (cl.start, end), t.lead, Vec::new()) };
            piece.end = cl.start;
            out.push(std::mem::replace(&mut piece, next));
        }
        out.push(piece);
    }
    out
}

/// Whether a paragraph's task was handed out by the document's issuer with
/// "yêu cầu / đề nghị / giao": its leads are the ones asked.
fn requests_others(cx: &Context, task: &Task) -> bool {
    let toks = tokenize(&task.text);
    let ag = &cx.g.agencies;
    ag.assign_prefix_len(&toks, 0).is_some() || {
        let (_, end) = ag.parse_list(&toks, 0, &task.text);
        end > 0 && ag.assign_prefix_len(&toks, end).is_some()
    }
}

/// One duty per child; a child that introduces its own list ("...:") gives
/// one duty per grandchild, and "+ Sở X: ..." names its own agency.
fn collect_duties(cx: &Context, id: usize, lead: &[String], support: &[String], out: &mut Vec<Duty>) {
    let node = &cx.seg.nodes[id];
    let (s, e) = node.content;
    let lead = own_lead(cx, &cx.doc.text[s..e], lead);
    let first_line_end = cx.doc.lines[node.line].end.min(e);
    // "1. Trách nhiệm trong việc quản lý Ứng dụng" over "a) ...", "b) ...":
    // a title alone on its line introduces its items as a colon does.
    let titled = node.heading.is_some() && node.own_lines.len() == 1;
    let first_line = &cx.doc.text[s..first_line_end];
    let introduces = (first_line.trim_end().ends_with(':') && !cx.g.agencies.introduces_cases(first_line)) || titled;
    // "a) Chủ trì, phối hợp với các sở, ngành ..." over its points says with
    // whom they are done, as a colon would introduce them.
    let framed = if node.children.is_empty() { None } else { support_frame(cx, first_line) };
    if !node.children.is_empty() && (introduces || framed.is_some()) {
        let first = out.len();
        let support = framed.as_deref().unwrap_or(support);
        for &c in &node.children {
            collect_duties(cx, c, &lead, support, out);
        }
        // "+ Sở Xây dựng: ...", "+ Sở Công Thương: ...", then "Thời gian thực
        // hiện: ..." under the last: when no other item has a time line of
        // its own, that line closes the group and times all of it.
        let time_line = |c: usize| {
            let n = &cx.seg.nodes[c];
            let li = n.own_lines.clone().skip(1).last()?;
            let line = &cx.doc.lines[li];
            deadline_field(cx, &Clause { start: line.start, end: line.end.min(n.content.1) })
        };
        if let Some((&last, earlier)) = node.children.split_last()
            && let Some(time) = time_line(last).filter(|_| earlier.iter().all(|&c| time_line(c).is_none()))
        {
            for d in &mut out[first..] {
                d.group_time = Some(time.clone());
            }
        }
    } else {
        out.push(Duty::new(node.path.clone(), (s, subtree_end(cx, id)), lead, support.to_vec()));
    }
}

/// The agencies a line names as those its points are done with, when that
/// is all it says: "Chủ trì, phối hợp với các sở, ban, ngành và cơ quan,
/// đơn vị có liên quan", "Phối hợp với Sở Y tế:".
fn support_frame(cx: &Context, line: &str) -> Option<Vec<String>> {
    // (a line of duties is longer: only a short one is read)
    if words_prefix(line, HEAD_WORDS).len() < line.len() {
        return None;
    }
    let ag = &cx.g.agencies;
    let toks = tokenize(line);
    let (at, n) = ag.find_support_phrase(&toks, 0)?;
    let only_lead_before = at == 0
        || ag.find_lead_phrase(&toks, 0).is_some_and(|(i, m)| i == 0 && toks.get(m..at).is_some_and(|between| between.iter().all(is_lead_separator)));
    if !only_lead_before {
        return None;
    }
    let (named, end) = ag.parse_support_list(&toks, at + n, line);
    let nothing_after = toks[end..].iter().all(|t| matches!(t.key(), ":" | "." | ";"));
    // "Chủ trì, phối hợp với các cơ quan có liên quan tham mưu cho UBND
    // tỉnh:": a line that introduces points says with whom all of them are
    // done, whatever it says they are.
    // (not the cases a duty applies to: "... trong các trường hợp sau đây:")
    let introduces = toks.last().is_some_and(|t| t.key() == ":") && !ag.introduces_cases(line);
    (!named.is_empty() && (nothing_after || introduces)).then(|| names(named))
}

/// The lead of a duty under a heading: the agencies the duty opens with when
/// it names its own ("+ Sở X: ...", "Giao phòng Nội vụ ...", "Cơ quan Hải
/// quan, ... có trách nhiệm phối hợp ..."), else the heading's.
fn own_lead(cx: &Context, own: &str, lead: &[String]) -> Vec<String> {
    // Only the agencies the item opens with matter: read its first words,
    // and the whole item only when the names run to their end.
    let head = words_prefix(own, HEAD_WORDS);
    let mut toks = tokenize(head);
    let ag = &cx.g.agencies;
    // "- Yêu cầu các cơ quan thông tấn ... xây dựng kế hoạch ..." under "4.
    // Sở Khoa học và Công nghệ": asking others is the heading's agency's
    // own duty, where "Giao phòng Nội vụ ..." hands the duty on.
    if ag.asks_others(&toks, 0) {
        return lead.to_vec();
    }
    let (mut named, mut end) = ag.parse_list(&toks, 0, head);
    if end >= toks.len() && head.len() < own.len() {
        toks = tokenize(own);
        (named, end) = ag.parse_list(&toks, 0, own);
    }
    // "+ Sở X: ..." or "Giao phòng Nội vụ ..." names its own agency, and
    // so does "c) Vụ Kế hoạch - Tài chính đảm bảo kinh phí ...": a name
    // that a duty in lower case ends.
    let duty_follows = !named.is_empty() && toks.get(end).is_some_and(|t| t.text.starts_with(char::is_lowercase) && !ag.is_narrative(t.key()) && ag.starts_duty(&toks, end));
    let assigned = ag.assign_prefix_len(&toks, 0).is_some();
    let own_agency = toks.get(end).is_some_and(|t| t.key() == ":") || assigned || duty_follows;
    // "- Khuyến khích các doanh nghiệp ..." under "6. Các doanh nghiệp thứ
    // cấp ...": a category named in passing does not replace the heading;
    // one that is the duty's subject does ("a) Các doanh nghiệp viễn thông
    // ưu tiên ..." under "19. Các doanh nghiệp công nghệ số").
    let subject = duty_follows && !assigned;
    let own_agency = own_agency && (subject || !named.iter().all(|a| ag.is_category(&a.name)));
    if !named.is_empty() && own_agency { names(with_label_tail(ag, &toks, end, own, named)) } else { lead.to_vec() }
}

fn skip_parenthetical(toks: &[Tok], i: usize) -> usize {
    if toks.get(i).is_some_and(|t| t.key() == "(")
        && let Some(close) = toks[i..].iter().position(|t| t.key() == ")") {
            return i + close + 1;
        }
    i
}

/// End of a node's text including its descendants (children are contiguous).
fn subtree_end(cx: &Context, id: usize) -> usize {
    let n = &cx.seg.nodes[id];
    n.children.last().map_or(n.content.1, |&c| subtree_end(cx, c))
}

fn mark_subtree(cx: &Context, id: usize, consumed: &mut [bool]) {
    consumed[id] = true;
    for &c in &cx.seg.nodes[id].children {
        mark_subtree(cx, c, consumed);
    }
}

/// "X chủ trì, phối hợp với Y ...", "Giao X ...", "X phối hợp với Y ...",
/// or any of these after a topic and its colon ("Về dự án ...: Bộ Xây dựng
/// khẩn trương rà soát ..."), as conclusions on requests are written.
fn inline_task(cx: &Context, id: Option<usize>, cl: &Clause, implementation: bool) -> Option<Task> {
    inline_task_in(cx, id, cl, implementation)
        .or_else(|| task_after_colon(cx, id, cl, implementation))
        .or_else(|| request_after_lost_break(cx, id, cl, implementation))
}

fn task_after_colon(cx: &Context, id: Option<usize>, cl: &Clause, implementation: bool) -> Option<Task> {
    let text = &cx.doc.text[cl.start..cl.end];
    // (a char search runs on memchr; a two-byte needle would not)
    let mut colons = text.match_indices(':').map(|(i, _)| i).filter(|&i| text.as_bytes().get(i + 1) == Some(&b' '));
    let colon = colons.next()?;
    // A topic ("Về ...") is settled by what follows, as in an implementation
    // section: an agency that opens it is assigned the rest.
    let topic = cx.g.agencies.opens_topic(&text[..colon]);
    let rest = Clause { start: cl.start + colon + 2, end: cl.end };
    if let Some(task) = inline_task_in(cx, id, &rest, implementation || topic) {
        return Some(task);
    }
    // "Về ...: tăng số lượng cấp phó ..., bố trí đủ biên chế: giao Bộ Nội vụ
    // chủ trì ...": the topic's request may be spelt out before the
    // assignment. Past the first colon the topic no longer makes an agency
    // that merely opens the rest its lead: an assignment ("giao ...") does.
    if topic
        && let Some(task) = colons
            .clone()
            .take(MAX_COLONS - 1)
            .find_map(|c| inline_task_in(cx, id, &Clause { start: cl.start + c + 2, end: cl.end }, implementation))
    {
        return Some(task);
    }
    // "Phó Thủ tướng ... có ý kiến như sau: Các Bộ, ... nghiên cứu ...": a
    // leader's directions follow, and the agency that opens them is assigned
    // them. (The first colon may be a label's: "Kính gửi: ...".)
    std::iter::once(colon).chain(colons).take(MAX_COLONS).find(|&c| cx.g.agencies.introduces_directions(&text[..c])).and_then(|c| {
        let rest = Clause { start: cl.start + c + 2, end: cl.end };
        inline_task_in(cx, id, &rest, true)
    })
}

/// "1. Về thuế giá trị gia tăng Đề nghị Thuế tỉnh ...": the request after
/// a heading it ran into.
fn request_after_lost_break(cx: &Context, id: Option<usize>, cl: &Clause, implementation: bool) -> Option<Task> {
    let at = cx.g.agencies.request_after_lost_break(&cx.doc.text[cl.start..cl.end])?;
    inline_task_in(cx, id, &Clause { start: cl.start + at, end: cl.end }, implementation)
}

/// Colons of a sentence tried for the directions they introduce.
const MAX_COLONS: usize = 4;

/// Where the agencies asked start: after "Giao"/"Đề nghị" opening the
/// clause, after an opening phrase ("Để bảo đảm ..., đề nghị các Thuế tỉnh
/// ..."), or after the agency asking ("Sở X đề nghị UBND các xã ...").
fn asked_from(ag: &AgencyGrammar, toks: &[Tok], text: &str) -> Option<usize> {
    ag.assign_prefix_len(toks, 0)
        .or_else(|| ag.assign_after_adverbial(toks).filter(|_| !ag.is_closing_formula(text)).map(|(at, n)| at + n))
        .or_else(|| requested_by_subject(ag, toks, text))
}

/// Where the subject starts after an opening phrase ("Trên cơ sở ..., các
/// phòng ..."), unless the sentence says where to turn with problems
/// ("Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan báo
/// cáo ..." is no duty).
fn subject_after_opener(ag: &AgencyGrammar, toks: &[Tok], text: &str) -> Option<usize> {
    ag.after_adverbial(toks).filter(|_| !ag.is_closing_formula(text))
}

fn inline_task_in(cx: &Context, id: Option<usize>, cl: &Clause, implementation: bool) -> Option<Task> {
    let text = &cx.doc.text[cl.start..cl.end];
    let ag = &cx.g.agencies;
    let may_assign = implementation || ag.may_assign(text);
    // "Các Bộ, cơ quan: Tài chính, Xây dựng theo chức năng ... rà soát":
    // members listed after a colon are assigned what follows, as in an
    // implementation part. Most clauses have no colon: no words to read.
    let has_colon = text.contains(": ");
    if !may_assign && !has_colon {
        return None;
    }
    let toks = tokenize(text);
    let implementation = implementation || has_colon && ag.opens_with_colon_list(&toks, text) || ag.opens_with_directive(&toks, text);
    if !may_assign && !implementation {
        return None;
    }
    let (lead, support) = if let Some(ls) = lead_and_support(ag, &toks, text) {
        ls
    } else if let Some(asked) = asked_from(ag, &toks, text) {
        // "Giao X thực hiện ...; phối hợp với Y ...": Y supports.
        let (mut lead, mut end) = ag.parse_list(&toks, asked, text);
        if lead.is_empty()
            && let Some((head, n)) = ag.addressed_head(&toks, asked, text)
        {
            end = asked + n;
            lead.push(head);
        }
        if bare_closing_request(cx, &toks[end..], text) {
            return None;
        }
        (lead, support_after(ag, &toks, end, text))
    } else if implementation {
        // In the implementation part a sentence that opens with an agency
        // assigns it what follows ("Sở Khoa học và Công nghệ tổng hợp, báo cáo ...").
        let (mut lead, mut end) = ag.parse_list(&toks, 0, text);
        let mut after_opener = false;
        if lead.is_empty() {
            // "Trên cơ sở nội dung Kế hoạch, các phòng, đơn vị thuộc Sở ...".
            if let Some(subject) = subject_after_opener(ag, &toks, text) {
                (lead, end) = ag.parse_list(&toks, subject, text);
                after_opener = true;
            }
        }
        end = skip_parenthetical(&toks, end);
        if let Some(asked) = asked_after_subject(ag, &toks, end, text) {
            (lead, end) = asked;
        }
        // "Người đứng đầu cơ sở giáo dục đại học, cao đẳng, ... căn cứ ...":
        // the name goes on listing kinds of bodies up to its duty.
        if let [only] = lead.as_mut_slice()
            && let Some(duty) = ag.described_list_end(&toks, only, end, text)
        {
            only.extend_to(toks[duty - 1].end, text);
            end = duty;
        }
        let lower_word = |t: &Tok| t.text.chars().next().is_some_and(char::is_lowercase);
        let comma = toks.get(end).is_some_and(|t| t.key() == ",");
        let next_is_duty = toks.get(end).is_some_and(|t| {
            t.key() == ":" || !ag.is_separator(t.key()) && !ag.is_narrative(t.key()) && lower_word(t)
        })
            // "..., các phòng, đơn vị thuộc Sở, căn cứ vào ... để cụ thể hoá ...":
            // after an opening phrase the duty may follow a comma.
            || comma && after_opener && toks.get(end + 1).is_some_and(lower_word)
            // "Hội đồng Dân tộc, ..., trong phạm vi nhiệm vụ, quyền hạn của
            // mình, giám sát ...": a scope between the agency and its duty.
            || comma && ag.scope_at(&toks, end + 1);
        if !next_is_duty {
            return None;
        }
        (lead, support_after(ag, &toks, end, text))
    } else {
        return None;
    };
    if lead.is_empty() || cx.g.agencies.is_boilerplate(text) {
        return None;
    }
    Some(Task {
        section: id.map(|id| cx.seg.nodes[id].path.clone()).unwrap_or_default(),
        text: text.to_string(),
        lead: names(lead),
        support: names(support),
        deadline: cx.g.deadlines.parse_in_text(text),
        origin: "text".into(),
        span: cx.span(cl.start, cl.end),
    })
}

/// "b) Các Cục quản lý nhà nước chuyên ngành: theo chức năng ...": an item
/// opening with a label whose words run past a name stop ("quản lý") names
/// its one agency by the whole label.
/// `end` is the token after the name, as the list reader left it.
fn with_label_tail(ag: &AgencyGrammar, toks: &[Tok], end: usize, text: &str, mut lead: Vec<Found>) -> Vec<Found> {
    if let [only] = lead.as_mut_slice()
        && toks.first().is_some_and(|t| t.start == only.start)
        && text.get(only.start..only.end) == Some(only.name.as_str())
        && let Some(colon) = ag.label_colon_after(toks, end)
    {
        only.extend_to(toks[colon - 1].end, text);
    }
    lead
}

/// The supporting agencies named after "phối hợp với" past token `end`.
fn support_after(ag: &AgencyGrammar, toks: &[Tok], end: usize, text: &str) -> Vec<Found> {
    ag.find_support_phrase(toks, end).map(|(i, n)| ag.parse_support_list(toks, i + n, text).0).unwrap_or_default()
}

/// Lead agencies that run from the clause start right up to "chủ trì" (or
/// to "phối hợp với" when nobody is said to lead), and the supporting ones
/// after "phối hợp với".
fn lead_and_support<'a>(ag: &AgencyGrammar, toks: &[Tok<'a>], text: &str) -> Option<(Vec<Found>, Vec<Found>)> {
    let skip = |i: usize| toks.get(i).is_some_and(is_lead_separator);
    let start = lead_start(ag, toks);
    let (mut lead, mut end) = ag.parse_list(toks, start, text);
    // "Các Sở quản lý công trình xây dựng chuyên ngành chủ trì ...": a head
    // parsed alone, followed by a word that reads as a verb but no role
    // phrase, is named as a clause with no name parsed: by all its words up
    // to the lead phrase.
    let head_runs_on = || ag.is_head_alone(toks, start, end) && !ag.starts_role_phrase(toks, end);
    if lead.is_empty() || head_runs_on() {
        match named_up_to_lead_phrase(ag, toks, start, text) {
            Some((name, at)) => (lead, end) = (vec![name], at),
            None if lead.is_empty() => return None,
            None => {}
        }
    }
    end = skip_parenthetical(toks, end);
    if let Some(asked) = asked_after_subject(ag, toks, end, text) {
        (lead, end) = asked;
    }
    if let Some((more, (and_at, lead_at))) = list_resumed_before_lead(ag, toks, end, text)
        && let Some(last) = lead.last_mut()
    {
        last.extend_to(toks[and_at - 1].end, text);
        lead.extend(more);
        end = lead_at;
    }
    while skip(end) {
        end += 1;
    }
    let lead_at = ag.find_lead_phrase(toks, end).filter(|(i, _)| *i == end);
    let support_at = ag.find_support_phrase(toks, end);
    let support_from = match (lead_at, support_at) {
        (Some(_), Some((i, n))) => Some(i + n),
        (Some(_), None) => None,
        (None, Some((i, n))) if i == end => Some(i + n),
        _ => return None,
    };
    let support = support_from.map(|i| ag.parse_support_list(toks, i, text).0).unwrap_or_default();
    Some((lead, support))
}

/// "..., chính quyền địa phương các đơn vị hành chính liên quan đến việc
/// thực hiện sắp xếp và các cơ quan, tổ chức khác có liên quan có trách
/// nhiệm ...": a list whose last name ran on through a verb, where the list
/// stopped reading, goes on after a "và" that opens the next agency, when
/// those agencies reach right up to the lead phrase. The agencies after the
/// "và", and the indices of the "và" and of the lead phrase.
fn list_resumed_before_lead(ag: &AgencyGrammar, toks: &[Tok], end: usize, text: &str) -> Option<(Vec<Found>, (usize, usize))> {
    if end == 0 || end >= toks.len() || ag.starts_role_phrase(toks, end) {
        return None;
    }
    // (the window holds the whole of a phrase that opens at its last token)
    let window = &toks[..toks.len().min(end + RESUMED_LIST_TOKENS + 4)];
    let (lead_at, _) = ag.find_lead_phrase(window, end).filter(|(at, _)| at - end <= RESUMED_LIST_TOKENS)?;
    // (the words running on are plain words of one clause)
    let and_at = (end..lead_at).find(|&k| ag.is_name_joiner(toks[k].key()))?;
    if !toks[end..and_at].iter().all(|t| t.text.chars().all(char::is_alphanumeric)) {
        return None;
    }
    let (more, after) = ag.parse_list(toks, and_at + 1, text);
    (!more.is_empty() && after == lead_at).then_some((more, (and_at, lead_at)))
}

/// The most tokens from where a list stopped reading to the lead phrase
/// for [`list_resumed_before_lead`].
const RESUMED_LIST_TOKENS: usize = 24;

/// "UBND Thành phố giao Sở Xây dựng, Sở Tài chính chủ trì ...", "Ủy ban nhân
/// dân Thành phố yêu cầu các Sở, ...": the ones asked after the subject lead,
/// not the one asking. The agencies and where their list ends.
fn asked_after_subject(ag: &AgencyGrammar, toks: &[Tok], end: usize, text: &str) -> Option<(Vec<Found>, usize)> {
    let n = ag.assign_prefix_len(toks, end)?;
    let (asked, e) = ag.parse_list(toks, end + n, text);
    (!asked.is_empty()).then_some((asked, e))
}

/// "Đơn vị cung cấp dịch vụ đăng kiểm có trách nhiệm ...": a head whose
/// name runs on in words that read like a verb ("cung cấp") is named by all
/// its words up to the lead phrase, when they are few and plain words.
fn named_up_to_lead_phrase(ag: &AgencyGrammar, toks: &[Tok], start: usize, text: &str) -> Option<(Found, usize)> {
    // (most clauses open with no head at all: nothing more is read)
    if !ag.starts_agency(toks, start) && !ag.starts_lead_phrase_head(toks, start) {
        return None;
    }
    // (the window holds the whole of a phrase that opens at its last name word)
    let window = &toks[..toks.len().min(start + NAME_BEFORE_PHRASE_WORDS + 4)];
    let (at, _) = ag.find_lead_phrase(window, start).filter(|(at, _)| at - start <= NAME_BEFORE_PHRASE_WORDS)?;
    let words = &toks[start..at];
    let plain = words.iter().all(|t| t.text.chars().all(char::is_alphanumeric));
    if words.len() < 2 || !plain || ag.holds_not_name(words) {
        return None;
    }
    let (s, e) = (toks[start].start, toks[at - 1].end);
    Some((Found { name: text[s..e].to_string(), start: s, end: e }, at))
}

/// The most words of such a name.
const NAME_BEFORE_PHRASE_WORDS: usize = 12;

/// Lead and supporting agencies named in one clause (for grammar examples
/// and callers outside a section context).
pub fn roles_in_text(g: &crate::grammar::Grammar, text: &str) -> (Vec<String>, Vec<String>) {
    if g.agencies.is_boilerplate(text) {
        return (Vec::new(), Vec::new());
    }
    let toks = tokenize(text);
    match lead_and_support(&g.agencies, &toks, text) {
        Some((lead, support)) => (names(lead), names(support)),
        None => (Vec::new(), Vec::new()),
    }
}
