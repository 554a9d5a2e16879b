//! Items headed by an agency ("2. Sở Nội vụ:", "a) Giao phòng Nội vụ") whose
//! duties follow under them.

use super::*;

/// Who an item's first line names as responsible, if it is a heading of
/// duties: "2. Giao phòng Nội vụ", "1.5. Trách nhiệm của đối tượng ...:",
/// or a sentence "X chủ trì, phối hợp với Y ...:" introducing a list.
#[derive(Clone)]
pub(super) struct Heading {
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

pub(super) fn duty_heading(cx: &Context, id: usize) -> Option<Heading> {
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
pub(super) const HEAD_WORDS: usize = 32;

/// Whether tokens open with agencies, after punctuation and an assigning
/// word ("- Giao Sở Y tế ..."), as [`lead_and_support`] reads them.
fn opens_with_agency(ag: &AgencyGrammar, toks: &[Tok], text: &str) -> bool {
    !ag.parse_list(toks, 0, text).0.is_empty() || !ag.parse_list(toks, lead_start(ag, toks), text).0.is_empty()
}

/// Punctuation that separates a clause from the agencies that open it.
pub(super) fn is_lead_separator(t: &Tok) -> bool {
    matches!(t.key(), "," | "-" | "+")
}

/// Where a clause's leading agencies start: after punctuation and an
/// assigning word ("- Giao Sở Y tế ...").
pub(super) fn lead_start(ag: &AgencyGrammar, toks: &[Tok]) -> usize {
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
    // "Thủ tướng Chính phủ yêu cầu Chủ tịch Ủy ban nhân dân các tỉnh ...:":
    // the ones asked lead the items, not the one asking.
    if !named.is_empty()
        && let Some((asked, _)) = super::inline::asked_after_subject(ag, &ltoks, end, lead_in)
    {
        return Some(Heading { lead: names(asked), support: Vec::new(), inline_duty: None });
    }
    let verb_follows = ltoks.get(end).is_some_and(|t| t.text.chars().next().is_some_and(char::is_lowercase));
    (!named.is_empty() && verb_follows).then(|| Heading { lead: names(named), support: Vec::new(), inline_duty: None })
}

/// An item that names agencies and holds their duties: each child is a
/// task of those agencies, or the item's own text is one. When a child is
/// itself such an item, the deeper heading decides.
pub(super) fn agency_headed<'h>(
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
