//! Splitting section text into clauses: one bullet often holds several
//! targets or assignments separated by ";" or by sentences.

/// A clause's byte range in the document text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clause {
    pub start: usize,
    pub end: usize,
}

/// Clauses of `text[start..end]`: split at ";", at a line break, and at a
/// full stop followed by a capital (not inside numbers like "1.000").
pub fn clauses(text: &str, start: usize, end: usize) -> Vec<Clause> {
    split(text, start, end, true)
}

/// Sentences of `text[start..end]`: like [`clauses`] but ";" does not cut,
/// so an assignment keeps its supporting agencies and deadline.
pub fn sentences(text: &str, start: usize, end: usize) -> Vec<Clause> {
    split(text, start, end, false)
}

/// Where the first clause break in `text[start..end]` is (the byte of the
/// ";", line break or full stop), if there is one.
pub fn first_break(text: &str, start: usize, end: usize) -> Option<usize> {
    let s = &text[start..end];
    (0..s.len()).find(|&i| cuts(s, i, true)).map(|i| start + i)
}

/// Whether the byte at `i` ends a clause (a sentence, unless `at_semicolons`).
fn cuts(s: &str, i: usize, at_semicolons: bool) -> bool {
    match s.as_bytes()[i] {
        b';' => at_semicolons,
        b'\n' => true,
        b'.' => {
            let next = s[i + 1..].chars().next();
            let after = s[i + 1..].trim_start().chars().next();
            next.is_some_and(char::is_whitespace)
                && (after.is_some_and(|c| c.is_uppercase() || c == '-') || opens_with_percentage(s[i + 1..].trim_start()))
        }
        _ => false,
    }
}

fn split(text: &str, start: usize, end: usize, at_semicolons: bool) -> Vec<Clause> {
    let mut out = Vec::new();
    let s = &text[start..end];
    let mut from = 0;
    for i in 0..s.len() {
        if cuts(s, i, at_semicolons) {
            push(&mut out, s, start, from, if s.as_bytes()[i] == b'.' { i + 1 } else { i });
            from = i + 1;
        }
    }
    push(&mut out, s, start, from, s.len());
    out
}

/// "... trễ hẹn. 100% hồ sơ ...": a sentence may open with a percentage.
fn opens_with_percentage(rest: &str) -> bool {
    let digits = rest.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.')).unwrap_or(rest.len());
    digits > 0 && rest.as_bytes()[0].is_ascii_digit() && rest[digits..].trim_start().starts_with('%')
}

fn push(out: &mut Vec<Clause>, s: &str, base: usize, from: usize, to: usize) {
    let piece = &s[from..to];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        out.push(Clause { start: base + from + lead, end: base + from + lead + trimmed.len() });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_semicolons_and_sentences() {
        let t = "80% hồ sơ được số hóa; tỷ lệ đạt 50%. Hoàn thành 1.000 hồ sơ";
        let c: Vec<&str> = clauses(t, 0, t.len()).iter().map(|c| &t[c.start..c.end]).collect();
        assert_eq!(c, vec!["80% hồ sơ được số hóa", "tỷ lệ đạt 50%.", "Hoàn thành 1.000 hồ sơ"]);
    }

    #[test]
    fn a_sentence_may_open_with_a_percentage_but_not_a_plain_number() {
        let t = "xin lỗi khi để trễ hẹn. 100% hồ sơ được giải quyết đúng hạn. 2 năm một lần";
        let c: Vec<&str> = clauses(t, 0, t.len()).iter().map(|c| &t[c.start..c.end]).collect();
        assert_eq!(c, vec!["xin lỗi khi để trễ hẹn.", "100% hồ sơ được giải quyết đúng hạn. 2 năm một lần"]);
    }
}
