//! Assignments written in one sentence: "X chủ trì, phối hợp với Y ...",
//! "Giao X ...", and the same after a colon or a heading run into the text.

use super::*;

/// "X chủ trì, phối hợp với Y ...", "Giao X ...", "X phối hợp với Y ...",
/// or any of these after a topic and its colon ("Về dự án ...: Bộ Xây dựng
/// khẩn trương rà soát ..."), as conclusions on requests are written.
pub(super) fn inline_task(cx: &Context, id: Option<usize>, cl: &Clause, implementation: bool) -> Option<Task> {
    inline_task_in(cx, id, cl, implementation)
        .or_else(|| task_after_colon(cx, id, cl, implementation))
        .or_else(|| request_after_lost_break(cx, id, cl, implementation))
        .or_else(|| assigned_in_brackets(cx, id, cl))
}

/// "6. Xây dựng Quy chế bảo vệ bí mật nhà nước (Giao Công an tỉnh chủ trì,
/// phối hợp với Văn phòng UBND tỉnh ...)": a duty whose assignment follows
/// it in brackets. The task is the whole clause; its agencies, the bracket's.
fn assigned_in_brackets(cx: &Context, id: Option<usize>, cl: &Clause) -> Option<Task> {
    let text = &cx.doc.text[cl.start..cl.end];
    text.match_indices('(').take(MAX_BRACKETS).find_map(|(open, _)| {
        let inner = &text[open + 1..];
        let close = inner.find(')').unwrap_or(inner.len());
        let toks = tokenize(&inner[..close]);
        cx.g.agencies.assign_prefix_len(&toks, 0)?;
        let inner = Clause { start: cl.start + open + 1, end: cl.start + open + 1 + close };
        let task = inline_task_in(cx, id, &inner, true)?;
        Some(Task { text: text.to_string(), deadline: cx.g.deadlines.parse_in_text(text), span: cx.span(cl.start, cl.end), ..task })
    })
}

/// The most brackets of one clause read for an assignment.
const MAX_BRACKETS: usize = 4;

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
pub(super) fn subject_after_opener(ag: &AgencyGrammar, toks: &[Tok], text: &str) -> Option<usize> {
    ag.after_adverbial(toks).filter(|_| !ag.is_closing_formula(text))
}

pub(super) fn inline_task_in(cx: &Context, id: Option<usize>, cl: &Clause, implementation: bool) -> Option<Task> {
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
pub(super) fn with_label_tail(ag: &AgencyGrammar, toks: &[Tok], end: usize, text: &str, mut lead: Vec<Found>) -> Vec<Found> {
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
pub(super) fn lead_and_support<'a>(ag: &AgencyGrammar, toks: &[Tok<'a>], text: &str) -> Option<(Vec<Found>, Vec<Found>)> {
    let skip = |i: usize| toks.get(i).is_some_and(is_lead_separator);
    let start = lead_start(ag, toks);
    let (mut lead, mut end) = ag.parse_list(toks, start, text);
    // "Các Sở quản lý công trình xây dựng chuyên ngành chủ trì ...": a head
    // parsed alone, followed by a word that reads as a verb but no role
    // phrase, is named as a clause with no name parsed: by all its words up
    // to the lead phrase.
    // ("Chính phủ giao Bộ Công an chủ trì": a head that asks another to lead
    // does not run on; the one asked leads, below.)
    let head_runs_on = || ag.is_head_alone(toks, start, end) && !ag.starts_role_phrase(toks, end) && asked_after_subject(ag, toks, end, text).is_none();
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
pub(super) fn asked_after_subject(ag: &AgencyGrammar, toks: &[Tok], end: usize, text: &str) -> Option<(Vec<Found>, usize)> {
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
