//! Cleaning one line or cell: NFC, character repairs, Markdown marks, rules
//! and white space.

use super::*;

/// NFC, character repairs, markdown emphasis and whitespace, for one line.
pub(super) fn clean_line(raw: &str, format: Format) -> Cow<'_, str> {
    if is_plain_line(raw, format) {
        return Cow::Borrowed(raw);
    }
    Cow::Owned(clean_line_fully(raw, format))
}

/// [`clean_line`] without the plain-line shortcut.
pub(super) fn clean_line_fully(raw: &str, format: Format) -> String {
    let (s, mut recomposed) = to_nfc(vietnamese::fix_chars(raw));
    let mut s = s.into_owned();
    // Removing emphasis can put a letter next to a combining mark.
    if let Cow::Owned(d) = strip_markdown(&s, format) {
        let (d, r) = to_nfc(Cow::Owned(d));
        s = d.into_owned();
        recomposed |= r;
    }
    // NFC reorders marks; a tone it puts before a circumflex needs the
    // repair again (fix_chars is idempotent otherwise).
    if recomposed
        && let Cow::Owned(r) = vietnamese::fix_chars(&s) {
            s = to_nfc(Cow::Owned(r)).0.into_owned();
        }
    strip_glued_rule(collapse_whitespace(s))
}

/// A header's rule glued to the line under it ("-------Số: 310/KH-UBND",
/// "--------------Hà Nội, ngày 24 tháng 11 năm 2025"), as a PDF's text
/// layer puts it: the rule goes, so the line reads as what it is. A rule
/// alone on its line is left to the rules about lines.
fn strip_glued_rule(s: String) -> String {
    match rule_prefix(&s) {
        Some(end) if s[end..].starts_with(char::is_alphanumeric) => s[end..].to_string(),
        _ => s,
    }
}

/// Whether a line opens with two rule characters, so that
/// [`strip_glued_rule`] may have work to do.
fn starts_rule(line: &str) -> bool {
    let mut cs = line.chars();
    cs.next().is_some_and(|c| RULE_CHARS.contains(&c)) && cs.next().is_some_and(|c| RULE_CHARS.contains(&c))
}

/// One byte pass that clears most lines for [`clean_line`] unchanged: true
/// only when no step could alter the line. The steps' own pre-checks
/// (`may_need_fix`, `surely_nfc`, the emphasis and white-space tests) each
/// scan the line again; on ordinary text this single scan replaces all of
/// them. Accepts ASCII other than the emphasis characters and control
/// white space, no double or edge space, and only the multi-byte chars that
/// are NFC in any company, never repaired and not white space: U+00C0-U+02FF
/// except Ð/ð (lead bytes C3-CB), U+1E00-U+1EFF (E1 B8-BB) and the
/// punctuation U+200E-U+2027, U+202A-U+202E, U+2030-U+203F (E2 80 ...).
/// Anything else takes the full path, which is always right.
pub(super) fn is_plain_line(line: &str, format: Format) -> bool {
    let b = line.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else { return true };
    if first == b' ' || last == b' ' || (format == Format::Md && first == b'>') || first == b'#' || starts_rule(line) {
        return false;
    }
    let mut i = 0;
    let mut prev_space = false;
    while i < b.len() {
        let x = b[i];
        if x < 0x80 {
            let space = x == b' ';
            if (space && prev_space) || matches!(x, b'*' | b'_' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C) {
                return false;
            }
            prev_space = space;
            i += 1;
            continue;
        }
        prev_space = false;
        let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
        i += match x {
            0xC3 if !matches!(at(1), 0x90 | 0xB0) => 2,
            0xC4..=0xCB => 2,
            0xE1 if matches!(at(1), 0xB8..=0xBB) => 3,
            0xE2 if at(1) == 0x80 && matches!(at(2), 0x8E..=0xA7 | 0xAA..=0xAE | 0xB0..=0xBF) => 3,
            _ => return false,
        };
    }
    true
}

/// The text in NFC, and whether composing changed it.
pub(super) fn to_nfc(s: Cow<'_, str>) -> (Cow<'_, str>, bool) {
    if vietnamese::surely_nfc(s.as_bytes()) {
        return (s, false);
    }
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => (s, false),
        _ => {
            let n: String = s.nfc().collect();
            let changed = n != *s;
            (Cow::Owned(n), changed)
        }
    }
}

pub(super) fn clean_cell(raw: &str, format: Format) -> String {
    // A cell's internal paragraphs become one line: rows are lines.
    let joined = if raw.contains('\n') {
        raw.split('\n').map(|l| clean_line(l, format)).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
    } else {
        clean_line(raw, format).into_owned()
    };
    if joined.contains(" | ") { joined.replace(" | ", " / ") } else { joined }
}

/// Markdown emphasis ("**KẾ HOẠCH**", "(*qua phòng Nội vụ*)") shows up in
/// texts exported from web pages whatever their extension, so it is removed
/// everywhere; headings and quotes only in .md files.
fn strip_markdown(s: &str, format: Format) -> Cow<'_, str> {
    let mut out: Cow<str> = Cow::Borrowed(s);
    if format == Format::Md {
        let t = out.trim_start();
        let t = t.trim_start_matches('#').trim_start_matches('>');
        if t.len() != out.len() {
            out = Cow::Owned(t.trim_start().to_string());
        }
    }
    if out.contains("**") || out.contains("__") {
        out = Cow::Owned(out.replace("**", "").replace("__", ""));
    }
    if out.contains('*') {
        out = Cow::Owned(strip_single_emphasis(&out));
    }
    // Text exported from a web page or a markdown editor keeps its heading
    // marks too ("#### Điều 1. Phạm vi điều chỉnh"), whatever file it was
    // then saved as (.txt, .docx, and the PDF printed from that .docx).
    // Every mark goes, with any white space around it, so a second pass
    // finds none; looked for after the emphasis is gone, which can uncover
    // one ("#__ x").
    if format != Format::Md {
        let t = out.trim_start();
        let unmarked = without_heading_marks(t);
        if unmarked.len() != t.len() {
            out = Cow::Owned(unmarked.to_string());
        }
    }
    out
}

/// `t` after all its leading heading marks ("# # PHỤ LỤC" -> "PHỤ LỤC").
pub(super) fn without_heading_marks(mut t: &str) -> &str {
    while let Some(rest) = after_heading_mark(t) {
        t = rest;
    }
    t
}

/// The text after a heading mark ("#", "####") and the white space that
/// follows it (or nothing: a mark alone on its line); None when `t` does not
/// open with one.
fn after_heading_mark(t: &str) -> Option<&str> {
    let rest = t.trim_start_matches('#');
    let mark = &t[..t.len() - rest.len()];
    (flattened::is_heading_mark(mark) && (rest.is_empty() || rest.starts_with(char::is_whitespace))).then(|| rest.trim_start())
}

/// Remove `*x*` emphasis pairs but keep lone asterisks ("(*)", footnote stars).
pub(super) fn strip_single_emphasis(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut keep = vec![true; chars.len()];
    let mut open: Option<usize> = None;
    for (i, &c) in chars.iter().enumerate() {
        if c != '*' {
            continue;
        }
        let next_word = chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        let prev_word = i > 0 && (chars[i - 1].is_alphanumeric() || matches!(chars[i - 1], '.' | ')' | ',' | ':' | ';'));
        match open {
            None if next_word => open = Some(i),
            Some(o) if prev_word => {
                keep[o] = false;
                keep[i] = false;
                open = None;
            }
            _ => {}
        }
    }
    chars.iter().zip(keep).filter(|(_, k)| *k).map(|(c, _)| c).collect()
}

/// Whether `b` holds a Unicode white space other than the ASCII ones:
/// U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F,
/// U+3000, read from their UTF-8 bytes.
pub(super) fn has_non_ascii_space(b: &[u8]) -> bool {
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let mut i = 0;
    while i < b.len() {
        // Only these lead bytes start a space; everything else is skipped
        // without looking further.
        let hit = match b[i] {
            0xC2 => matches!(at(i + 1), 0x85 | 0xA0),
            0xE1 => at(i + 1) == 0x9A && at(i + 2) == 0x80,
            0xE2 => match at(i + 1) {
                0x80 => matches!(at(i + 2), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF),
                0x81 => at(i + 2) == 0x9F,
                _ => false,
            },
            0xE3 => at(i + 1) == 0x80 && at(i + 2) == 0x80,
            _ => false,
        };
        if hit {
            return true;
        }
        i += 1;
    }
    false
}

pub(super) fn collapse_whitespace(s: String) -> String {
    // Most lines are already single-spaced: keep them without copying.
    let b = s.as_bytes();
    let tidy = b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && !b.windows(2).any(|w| w == b"  ")
        && !b.iter().any(|&c| matches!(c, b'\t' | b'\n' | b'\r' | 0x0B | 0x0C))
        && !has_non_ascii_space(b);
    if tidy {
        return s;
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}
