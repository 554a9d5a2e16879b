//! Responsibility assignments written in the text: labelled fields
//! ("Cơ quan thực hiện: ..."), agency-headed items in the implementation
//! section ("2. Giao phòng Nội vụ" with its duties), and inline phrases
//! ("X chủ trì, phối hợp với Y ..."). Each clause yields at most one task,
//! and a section consumed by one rule is not read again by the next.

mod duties;
mod fields;
mod headings;
mod inline;
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
use duties::*;
use fields::*;
use headings::*;
use inline::*;
pub use inline::roles_in_text;

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
