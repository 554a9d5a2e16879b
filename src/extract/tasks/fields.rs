//! Labelled fields ("Cơ quan chủ trì: ...", "Thời gian: ...") and the
//! agencies named in their values.

use super::*;

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

/// The fields of a line or an item: "Cơ quan chủ trì: Sở Tư pháp; Cơ quan
/// phối hợp: Sở Nội vụ; Thời gian thực hiện: Quý IV/2025." holds three, and
/// the duty may come first ("Ban hành văn bản ...; Cơ quan chủ trì: ...").
/// A piece after a ";" that opens with no label goes on with the value
/// before it ("Cơ quan phối hợp: Sở Nội vụ; Sở Tài chính"). Without
/// `duty_first` the text must open with a field (an item under a duty).
fn fields_of<'a>(cx: &Context, text: &'a str, base: usize, duty_first: bool) -> Vec<Field<'a>> {
    let mut out: Vec<Field> = Vec::new();
    let mut from = 0;
    for end in text.match_indices(';').map(|(i, _)| i).chain(std::iter::once(text.len())) {
        let piece = &text[from..end];
        let skipped = piece.len() - piece.trim_start().len();
        match field_of(cx, piece.trim_start(), base + from + skipped) {
            Some(f) => out.push(f),
            None if from == 0 && !duty_first => return out,
            None => {
                if let Some(last) = out.last_mut() {
                    last.value = text[last.start - base..end].trim();
                }
            }
        }
        from = (end + 1).min(text.len());
    }
    out
}

/// The deadline of a sentence that is only a time field ("Thời gian thực
/// hiện: Quý II/2026.") or says the time as its subject ("Thời hạn hoàn
/// thành chậm nhất 05 ngày làm việc kể từ ngày ban hành Quyết định.").
pub(super) fn deadline_field(cx: &Context, cl: &Clause) -> Option<crate::model::Deadline> {
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
pub(super) fn labelled_fields(cx: &Context, id: usize, consumed: &mut [bool], tasks: &mut Vec<Task>) {
    let node = &cx.seg.nodes[id];
    let mut fields: Vec<(Option<usize>, Field)> = Vec::new();
    for &c in &node.children {
        let (s, e) = cx.seg.nodes[c].content;
        fields.extend(fields_of(cx, &cx.doc.text[s..e], s, false).into_iter().map(|f| (Some(c), f)));
    }
    for li in node.own_lines.clone() {
        let line = &cx.doc.lines[li];
        let s = if li == node.line { node.content.0 } else { line.start };
        fields.extend(fields_of(cx, &cx.doc.text[s..line.end], s, true).into_iter().map(|f| (None, f)));
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

pub(super) fn names(v: Vec<Found>) -> Vec<String> {
    v.into_iter().map(|f| f.name).collect()
}
