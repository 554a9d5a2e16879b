//! The duties under an agency heading, each a task of that agency, and the
//! requests that hand a duty on to others.

use super::*;

/// One duty under a heading or a request: its section, its span in the
/// text and the agencies that lead it.
pub(super) struct Duty {
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
    pub(super) fn new(section: Vec<String>, (start, end): (usize, usize), lead: Vec<String>, support: Vec<String>) -> Duty {
        Duty { section, start, end, lead, support, group_time: None }
    }
}

/// The task of one duty; the supporting agencies are its own "phối hợp
/// với ..." or those it was given.
pub(super) fn duty_task(cx: &Context, Duty { section, start: s, end: e, lead, support: given, group_time }: Duty) -> Option<Task> {
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
pub(super) fn split_closing_request(cx: &Context, id: usize, duties: &mut [Duty]) -> Option<Task> {
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
pub(super) fn split_handed_on(cx: &Context, duties: Vec<Duty>) -> Vec<Duty> {
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
pub(super) fn collect_duties(cx: &Context, id: usize, lead: &[String], support: &[String], out: &mut Vec<Duty>) {
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
pub(super) fn support_frame(cx: &Context, line: &str) -> Option<Vec<String>> {
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
pub(super) fn own_lead(cx: &Context, own: &str, lead: &[String]) -> Vec<String> {
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

pub(super) fn skip_parenthetical(toks: &[Tok], i: usize) -> usize {
    if toks.get(i).is_some_and(|t| t.key() == "(")
        && let Some(close) = toks[i..].iter().position(|t| t.key() == ")") {
            return i + close + 1;
        }
    i
}

/// End of a node's text including its descendants (children are contiguous).
pub(super) fn subtree_end(cx: &Context, id: usize) -> usize {
    let n = &cx.seg.nodes[id];
    n.children.last().map_or(n.content.1, |&c| subtree_end(cx, c))
}

pub(super) fn mark_subtree(cx: &Context, id: usize, consumed: &mut [bool]) {
    consumed[id] = true;
    for &c in &cx.seg.nodes[id].children {
        mark_subtree(cx, c, consumed);
    }
}
