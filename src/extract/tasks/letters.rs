//! Tasks in letters (Công văn): a body without numbered items, a request
//! that hands the bullets under it to the agencies asked, an agency that
//! asks others at once, and the bare closing request that is no task.

use crate::extract::agencies::{AgencyGrammar, Tok};
use crate::extract::clauses::{sentences, Clause};
use crate::extract::Context;
use super::{duty_task, inline_task, inline_task_in, mark_subtree, own_lead, skip_parenthetical, subject_after_opener, subtree_end, Duty};
use crate::model::Task;
use crate::normalize::LineKind;

/// A letter with no numbered item (a short Công văn): its paragraphs up to
/// the recipients are read for assignments ("Bộ Khoa học và Công nghệ chủ
/// trì, phối hợp với ...").
pub(super) fn body_without_sections(cx: &Context, tasks: &mut Vec<Task>) {
    // After "Phó Thủ tướng ... có ý kiến như sau:" the paragraphs are the
    // leader's directions, each assigned to the agency that opens it.
    let mut directions = false;
    for (li, line) in cx.doc.lines.iter().enumerate() {
        if line.kind != LineKind::Para {
            continue;
        }
        let text = cx.doc.line_text(li);
        if cx.g.header.is_recipients(text) {
            break;
        }
        tasks.extend(sentences(&cx.doc.text, line.start, line.end).iter().filter_map(|cl| inline_task(cx, None, cl, directions)));
        directions |= text.trim_end().ends_with(':') && cx.g.agencies.introduces_directions(text);
    }
}

/// A last sentence this short only announces the list ("Cụ thể như sau:"):
/// the request is the sentence before it.
const ANNOUNCING_WORDS: usize = 5;

/// "Sở X đề nghị A; B thực hiện nghiêm túc ... Cụ thể:" over "- Thường
/// xuyên cập nhật ...", "- Hạn chế ...": a request ending in a colon, in a
/// paragraph outside any section, hands the bullets under it to the
/// agencies asked (a bullet that names its own agency keeps it). So does a
/// directive's "Thủ tướng Chính phủ yêu cầu Chủ tịch Ủy ban nhân dân các
/// tỉnh ...:" over its numbered items "1.", "2." (not over "I." or "Điều 1.",
/// the parts of a document).
pub(super) fn lead_in_bullets(cx: &Context, consumed: &mut [bool], tasks: &mut Vec<Task>) {
    let sg = &cx.g.sections;
    let style_of = |id: usize| cx.seg.nodes[id].style;
    let is_list_item = |id: usize| matches!(sg.styles[style_of(id)].name.as_str(), "bullet" | "arabic");
    for (k, &root) in cx.seg.roots.iter().enumerate() {
        let node = &cx.seg.nodes[root];
        if consumed[root] || !is_list_item(root) || node.line == 0 {
            continue;
        }
        let prev = node.line - 1;
        let line = &cx.doc.lines[prev];
        if cx.seg.owner[prev].is_some() || line.kind != LineKind::Para || !cx.doc.line_text(prev).trim_end().ends_with(':') {
            continue;
        }
        let Some(request) = request_before_list(cx, line.start, line.end) else { continue };
        let run: Vec<usize> = cx.seg.roots[k..].iter().copied().take_while(|&b| style_of(b) == style_of(root) && !consumed[b]).collect();
        for b in run {
            let (s, e) = cx.seg.nodes[b].content;
            let lead = own_lead(cx, &cx.doc.text[s..e], &request.lead);
            tasks.extend(duty_task(cx, Duty::new(cx.seg.nodes[b].path.clone(), (s, subtree_end(cx, b)), lead, request.support.clone())));
            mark_subtree(cx, b, consumed);
        }
    }
}

/// The request in the last sentence of a lead-in paragraph (or the one
/// before a short announcing sentence), read from its start or from after
/// a ";" ("Thực hiện Công văn ...; Nhằm ..., Sở X đề nghị ...").
fn request_before_list(cx: &Context, start: usize, end: usize) -> Option<Task> {
    let mut sents = sentences(&cx.doc.text, start, end);
    let mut last = sents.pop()?;
    if cx.doc.text[last.start..last.end].split_whitespace().count() <= ANNOUNCING_WORDS {
        last = sents.pop()?;
    }
    let text = &cx.doc.text[last.start..last.end];
    let restarts = text.match_indices("; ").map(|(i, _)| last.start + i + 2);
    std::iter::once(last.start).chain(restarts).find_map(|s| inline_task_in(cx, None, &Clause { start: s, end: last.end }, false))
}

/// "Sở Giáo dục và Đào tạo đề nghị UBND các xã, phường ...", also after an
/// opening phrase ("Nhằm ..., Sở X đề nghị ..."): an agency that asks
/// others at once, with no "đã" between, hands them the work. Where the
/// asked agencies start.
pub(super) fn requested_by_subject(ag: &AgencyGrammar, toks: &[Tok], text: &str) -> Option<usize> {
    let start = subject_after_opener(ag, toks, text).unwrap_or(0);
    let (subject, end) = ag.parse_list(toks, start, text);
    if subject.is_empty() {
        return None;
    }
    let end = skip_parenthetical(toks, end);
    ag.assign_prefix_len(toks, end).map(|n| end + n)
}

/// Most words a request may ask after its agencies and still be only the
/// closing formula of a letter ("đề nghị Thủ trưởng các đơn vị nghiêm túc
/// thực hiện./.").
const CLOSING_REQUEST_WORDS: usize = 4;

/// Whether a request that ends the body (its end mark "./.") asks nothing
/// beyond doing what the letter says.
pub(super) fn bare_closing_request(cx: &Context, after_lead: &[Tok], text: &str) -> bool {
    cx.g.header.ends_body(text) && after_lead.iter().filter(|t| t.text.chars().any(char::is_alphanumeric)).count() <= CLOSING_REQUEST_WORDS
}
