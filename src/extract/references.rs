//! Citations of other documents, each reported once with all its mentions.

use crate::grammar::DocTypes;
use crate::model::{Reference, Span};
use crate::normalize::NormDoc;
use regex::Regex;
use std::collections::HashMap;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct RawReferences {
    number_pattern: String,
    between: Vec<String>,
    date_pattern: String,
    issuer_pattern: String,
    #[serde(default)]
    issuer_before_pattern: Option<String>,
    not_documents: Vec<String>,
    own_number_labels: Vec<String>,
    #[serde(default)]
    issuer_joiners: Vec<String>,
    #[serde(default)]
    form_words: Vec<String>,
    #[serde(default)]
    form_list_joiners: Vec<String>,
    #[serde(default)]
    name_between_max_words: usize,
}

pub struct ReferenceGrammar {
    number: Regex,
    /// "<type word> [số] " immediately before a number.
    type_before: Regex,
    date: Regex,
    issuer: Regex,
    /// "của Giám đốc Sở Nội vụ tại Tờ trình số": an issuer named before the mention.
    issuer_before: Option<Regex>,
    not_documents: Vec<String>,
    /// "Số:" before a header's own number.
    own_number_labels: Vec<String>,
    /// "A và B của X": words that join mentions sharing one issuer.
    issuer_joiners: Vec<String>,
    /// "Mẫu số" before a form's number, lowercase.
    form_words: Vec<String>,
    /// "01/ĐK, 02/ĐK và 03/ĐK": what joins the forms of a list.
    form_list_joiners: Vec<String>,
    /// A type word as a name's first word ("Luật" of "Luật Đất đai số").
    type_word: Regex,
    /// The name after it, up to the number ("Đất đai số ").
    name_gap: Regex,
}

impl ReferenceGrammar {
    pub fn compile(raw: RawReferences, dt: &DocTypes) -> Result<Self, regex::Error> {
        let mentions: Vec<String> = dt.mentions().iter().map(|m| regex::escape(m)).collect();
        let between: Vec<String> = raw.between.iter().map(|b| regex::escape(b)).collect();
        let type_before = format!(
            r"(?i:(?P<type>{})\s+(?:(?:{})\s*)?(?:,\s*)?)$",
            mentions.join("|"),
            between.join("|")
        );
        // A name holds no figure or sentence mark, and a bounded number of
        // words: "Luật Đất đai số" but not a sentence that ends in "số".
        let name_gap = format!(
            r"^\s+[^\s\d;:.()|]+(?:\s+[^\s\d;:.()|]+){{0,{}}}?\s+(?:{})\s*$",
            raw.name_between_max_words.saturating_sub(1),
            between.join("|")
        );
        Ok(ReferenceGrammar {
            type_word: Regex::new(&format!(r"\b(?:{})\b", mentions.join("|")))?,
            name_gap: Regex::new(&name_gap)?,
            form_words: raw.form_words.iter().map(|w| w.to_lowercase()).collect(),
            form_list_joiners: raw.form_list_joiners,
            number: Regex::new(&raw.number_pattern)?,
            type_before: Regex::new(&type_before)?,
            date: Regex::new(&raw.date_pattern)?,
            issuer: Regex::new(&raw.issuer_pattern)?,
            issuer_before: raw.issuer_before_pattern.as_deref().map(Regex::new).transpose()?,
            not_documents: raw.not_documents,
            own_number_labels: raw.own_number_labels,
            issuer_joiners: raw.issuer_joiners,
        })
    }

    /// Every document number in `text`, normalised, with its byte range.
    pub fn numbers<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (String, usize, usize)> + 'a {
        // A document number starts with a digit and has a slash or a dash
        // before its symbol (see references.toml): most lines lack one of the
        // two and need no regex search.
        let bytes = text.as_bytes();
        let searched = if bytes.iter().any(u8::is_ascii_digit) && bytes.iter().any(|&b| b == b'/' || b == b'-') { text } else { "" };
        // Where the last form's number ended: the list it opens goes on.
        let mut form_end: Option<usize> = None;
        self.number.captures_iter(searched).filter_map(move |c| {
            let m = c.name("num")?;
            // "Quyết định số /2025/QĐ-UBND": a number left blank for the
            // issuer to fill in; "2025/QĐ-UBND" after the slash is no number.
            let before = &text[..m.start()];
            if before.ends_with('/') || after_standard_number(before, m.as_str()) {
                return None;
            }
            // "12/QĐ-UBND - QUY ĐỊNH VỀ ...": a spaced dash before a title in
            // capitals is no part of the symbol (the grammar joins "CTK - CSCL").
            let title_follows = text[m.end()..].strip_prefix(' ').is_some_and(|r| r.starts_with(char::is_uppercase));
            let written = match m.as_str().rfind(" - ") {
                Some(cut) if title_follows => &m.as_str()[..cut],
                _ => m.as_str(),
            };
            let written = without_glued_word(written);
            let mark = if written.len() == m.len() { circulation_mark(&text[m.end()..]) } else { 0 };
            let end = m.start() + written.len() + mark;
            let number = normalise_number(&text[m.start()..end]);
            if self.not_documents.iter().any(|n| number.contains(n.as_str())) || !has_symbol(&number) {
                return None;
            }
            if self.names_form(before) || form_end.is_some_and(|fe| self.joins_forms(&text[fe..m.start()])) {
                form_end = Some(end);
                return None;
            }
            Some((number, m.start(), end))
        })
    }
}

impl ReferenceGrammar {
    /// "theo Mẫu số " before a number: the number is a form's.
    fn names_form(&self, before: &str) -> bool {
        let tail = before.trim_end().trim_end_matches(':').trim_end();
        let tail = tail[tail.floor_char_boundary(tail.len().saturating_sub(32))..].to_lowercase();
        self.form_words.iter().any(|w| {
            tail.strip_suffix(w.as_str()).is_some_and(|rest| !rest.ends_with(char::is_alphanumeric))
        })
    }

    /// ", " or " và " between two numbers of a list.
    fn joins_forms(&self, gap: &str) -> bool {
        let word = gap.trim_matches(|c: char| c.is_whitespace() || c == ',');
        word.is_empty() || self.form_list_joiners.iter().any(|j| j == word)
    }
}

/// Document numbers in a line, also those a PDF text layer spaced out
/// ("Nghị định số 163/2 016/ NĐ-CP", "Tờ trình số 429/T Tr-UBN D"): the
/// line is searched again with spaces between two digits or two capitals
/// removed, and what that finds is mapped back onto the line.
fn numbers_even_spaced(g: &ReferenceGrammar, text: &str) -> Vec<(String, usize, usize)> {
    let mut found: Vec<(String, usize, usize)> = g.numbers(text).collect();
    let Some((glued, at)) = glue_spaced(text) else { return found };
    for (number, gs, ge) in g.numbers(&glued) {
        let (s, e) = (at[gs], at[ge - 1] + 1);
        // A longer reading replaces the pieces inside it ("016/ NĐ-CP" of
        // "163/2 016/ NĐ-CP"); one that only overlaps a first-search match loses.
        if found.iter().any(|&(_, fs, fe)| fs < e && s < fe && (fs < s || fe > e)) {
            continue;
        }
        found.retain(|&(_, fs, fe)| !(s <= fs && fe <= e));
        found.push((number, s, e));
    }
    found.sort_by_key(|&(_, s, _)| s);
    found
}

/// How far from a slash a space can be and still sit inside a number
/// ("163/2 016/ NĐ-CP", "12/Q Đ-TTg"): dates and names elsewhere in the
/// line are not re-read.
const SPACED_NEAR_SLASH: usize = 16;

/// The line without spaces between two digits or two capitals near a slash,
/// and for each byte kept its offset in the line; None when there is no such
/// space.
pub(crate) fn glue_spaced(text: &str) -> Option<(String, Vec<usize>)> {
    let same_kind = |a: char, b: char| a.is_ascii_digit() && b.is_ascii_digit() || a.is_uppercase() && b.is_uppercase();
    // Only a line with a digit and a slash can hold a spaced-out number;
    // most lines are cleared here without reading their chars.
    if !text.contains('/') || !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let bytes = text.as_bytes();
    // Capitals glued on are a fragment of a symbol ("Đ-TTg", "Q-HĐN", "D"):
    // one or two, then a dash, a slash, a space or the end; with up to two
    // ASCII small letters, then a dash or a slash ("Tr-SNNMT" of "TTr").
    // Never a word ("F-48-C Điện Biên", "TT-BTC DATED AUGUST", "NĐ-CP Quy
    // định").
    let fragment = |rest: &str| {
        let run = rest.chars().take_while(|c| c.is_uppercase()).count();
        let small = rest.chars().skip(run).take_while(|c| c.is_ascii_lowercase()).count();
        let next = rest.chars().nth(run + small);
        run <= 2
            && if small == 0 {
                next.is_none_or(|c| matches!(c, '-' | '/' | ' '))
            } else {
                small <= 2 && next.is_some_and(|c| matches!(c, '-' | '/'))
            }
    };
    // `i` is the byte offset of a space.
    let drop = |i: usize| {
        let (Some(p), Some(n)) = (text[..i].chars().next_back(), text[i + 1..].chars().next()) else { return false };
        same_kind(p, n) && (n.is_ascii_digit() || fragment(&text[i + 1..]))
    };
    // The spaces near a slash, each once and in order.
    let mut drops: Vec<usize> = Vec::new();
    for slash in text.match_indices('/').map(|(i, _)| i) {
        let from = slash.saturating_sub(SPACED_NEAR_SLASH).max(drops.last().map_or(0, |&d| d + 1));
        let to = (slash + SPACED_NEAR_SLASH).min(bytes.len());
        drops.extend((from..to).filter(|&i| bytes[i] == b' ' && drop(i)));
    }
    if drops.is_empty() {
        return None;
    }
    let mut glued = String::with_capacity(text.len());
    let mut at = Vec::with_capacity(text.len());
    let mut next_drop = drops.iter().peekable();
    for (i, c) in text.char_indices() {
        if next_drop.next_if(|&&d| d == i).is_none() {
            glued.push(c);
            at.extend(i..i + c.len_utf8());
        }
    }
    Some((glued, at))
}

/// "27/NQ- TW" -> "27/NQ-TW".
pub fn normalise_number(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// "Văn bản số 919-CV/VPTW/nb": a short lowercase mark after the symbol
/// ("nb", internal circulation) is part of the number, and the date follows
/// it. A longer or accented word ("/năm", "/ngày") is prose, not a mark,
/// and so is a lone letter: a PDF that spaced the mark out ("/n b") keeps the
/// number without it rather than with half of it.
fn circulation_mark(rest: &str) -> usize {
    let Some(r) = rest.strip_prefix('/') else { return 0 };
    let letters = r.bytes().take_while(u8::is_ascii_lowercase).count();
    let whole_word = !r[letters..].starts_with(char::is_alphanumeric);
    if (2..=3).contains(&letters) && whole_word { letters + 1 } else { 0 }
}

/// "QCVN 01:2009/BYT", "TCVN 5945:2005", "Tiêu chuẩn cơ sở 661: 2018/BVTV":
/// a year after a number and a colon dates a standard, and the symbol after
/// it names the ministry that issued the standard; it is no document number.
fn after_standard_number(before: &str, number: &str) -> bool {
    let year_first = number.as_bytes().get(..5).is_some_and(|b| b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'/');
    let before = before.strip_suffix(' ').unwrap_or(before);
    year_first && before.strip_suffix(':').is_some_and(|b| b.ends_with(|c: char| c.is_ascii_digit()))
}

/// "Thông tư 75/2024/TT-BTCQuy định ...": a line joined without its space
/// glues the next word onto the symbol. No symbol ends in a capital and two
/// small letters ("TTg", "TTr" have one), so such a tail is cut off.
fn without_glued_word(number: &str) -> &str {
    let tail_start = number.rfind(['/', '-']).map_or(0, |i| i + 1);
    let tail = &number[tail_start..];
    let rest = tail.trim_end_matches(char::is_lowercase);
    let small = tail[rest.len()..].chars().count();
    match rest.char_indices().last() {
        Some((i, c)) if small >= 2 && c.is_uppercase() && rest[..i].chars().filter(|c| c.is_uppercase()).count() >= 2 => {
            &number[..tail_start + i]
        }
        _ => number,
    }
}

/// A symbol part of at least two capitals ("QĐ", "NQ") tells a document
/// number from a fraction or a date; a Roman numeral ("Cầu 72-II", a
/// bridge) is no symbol.
fn has_symbol(number: &str) -> bool {
    let roman = |p: &str| p.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    number.split(['/', '-']).any(|p| p.chars().filter(|c| c.is_uppercase()).count() >= 2 && !roman(p))
}

/// All references in the document, minus the numbers in `own` (the
/// document's own number and those of its parts).
pub fn extract(doc: &NormDoc, g: &ReferenceGrammar, dt: &DocTypes, own: &[String]) -> Vec<Reference> {
    let mut out: Vec<Reference> = Vec::new();
    // Where each number already is in `out`: a list of thousands of documents
    // (an annex of repealed texts) would make a scan per mention quadratic.
    let mut seen: HashMap<NumberKey, usize> = HashMap::new();
    for (li, line) in doc.lines.iter().enumerate() {
        let text = doc.line_text(li);
        for (number, s, e) in numbers_even_spaced(g, text) {
            if own.contains(&number) || is_own_header_number(text, s, &g.own_number_labels) {
                continue;
            }
            let (start, end) = (line.start + s, line.start + e);
            let span = Span { start, end, line: li + 1 };
            // A title in capitals spells the same number in capitals
            // ("CHỈ THỊ SỐ 27/CT-TTG" over "Chỉ thị số 27/CT-TTg"): one document,
            // named as the body writes it.
            let key = number_key(&number);
            if let Some(r) = seen.get(&key).map(|&i| &mut out[i]) {
                if r.number != number && is_capitals(&r.number) {
                    r.number = number;
                }
                r.mentions.push(span);
                fill_details(r, text, s, e, g, dt);
                continue;
            }
            let mut r = Reference {
                doc_type: dt.symbol_type(&number).unwrap_or("other").to_string(),
                number,
                date: None,
                issuer: None,
                span,
                mentions: vec![span],
            };
            fill_details(&mut r, text, s, e, g, dt);
            seen.insert(key, out.len());
            out.push(r);
        }
    }
    share_issuers(&mut out, &doc.text, g);
    out
}

/// "Quyết định số 846/QĐ-TTg ngày 09/6/2017 và Quyết định số 877/QĐ-TTg
/// ngày 18/7/2018 của Thủ tướng Chính phủ": the issuer named after the last
/// of two joined mentions is the first one's too.
fn share_issuers(refs: &mut [Reference], text: &str, g: &ReferenceGrammar) {
    for i in 0..refs.len() {
        if refs[i].issuer.is_some() {
            continue;
        }
        let end = refs[i].span.end;
        let after = &text[end..text.floor_char_boundary((end + 200).min(text.len()))];
        let after = g.date.find(after).map_or(after, |m| &after[m.end()..]).trim_start();
        let Some(joiner) = g.issuer_joiners.iter().find(|j| after.starts_with(&format!("{j} "))) else { continue };
        // Where the joined mention's words start, as an offset into `text`.
        let next_start = after.as_ptr() as usize - text.as_ptr() as usize + joiner.len();
        // The next mention must follow within a short type phrase ("Quyết định số ").
        let shared = refs
            .iter()
            .find(|r| r.span.start > next_start && r.span.start - next_start <= 40 && r.issuer.is_some())
            .and_then(|r| r.issuer.clone());
        refs[i].issuer = shared;
    }
}

/// Two spellings of one number differ in case only ("27/CT-TTG" and
/// "27/CT-TTg"), so they share the upper-case form and the length.
type NumberKey = (String, usize);

fn number_key(number: &str) -> NumberKey {
    (number.to_uppercase(), number.len())
}

fn is_capitals(number: &str) -> bool {
    !number.chars().any(char::is_lowercase)
}

/// "Số: 1009/QĐ-UBND" is a header line, whichever part it heads.
fn is_own_header_number(text: &str, start: usize, labels: &[String]) -> bool {
    let before = text[..start].trim_end().trim_end_matches(':').trim_end();
    // The label opens the line or a cell; after other words it introduces a
    // citation ("Căn cứ các Quyết định của Ủy ban nhân dân tỉnh: Số 44/2022/QĐ-UBND ...").
    let opens = |rest: &str| {
        let rest = rest.trim_end();
        rest.is_empty() || rest.ends_with('|')
    };
    labels.iter().any(|l| before.strip_suffix(l.as_str()).is_some_and(opens))
}

/// "Luật Đất đai số ": the type of a document cited by its name, from the
/// last type word before the number.
fn named_type<'d>(before: &str, g: &ReferenceGrammar, dt: &'d DocTypes) -> Option<&'d str> {
    let word = g.type_word.find_iter(before).last()?;
    if !g.name_gap.is_match(&before[word.end()..]) {
        return None;
    }
    dt.mention_type(word.as_str())
}

/// "Chính phủ và Nghị định số ...": the issuer ends before "và" and a
/// document type word, where another citation begins.
fn before_joined_type<'t>(issuer: &'t str, g: &ReferenceGrammar) -> &'t str {
    g.type_word
        .find_iter(issuer)
        .find_map(|w| {
            let head = issuer[..w.start()].trim_end();
            g.issuer_joiners.iter().find_map(|j| head.strip_suffix(j.as_str()).filter(|h| h.ends_with(' ')))
        })
        .unwrap_or(issuer)
}

/// Type word before, date and issuer after a mention; the first mention
/// that states them wins.
/// How far back the words that introduce a mention are looked for: a
/// bounded window keeps a document with many references linear.
const LOOK_BEFORE: usize = 240;
/// How far after a mention its date and issuer are looked for: the grammar's
/// patterns start at the number ("^") and the longest they take (an issuer of
/// 80 characters and its end word) fits well inside. A line can be a whole
/// flattened table or web page, and the capture engines' cost grows with the
/// haystack they are given, not with the match: without a window a line
/// citing many documents cost its length once per citation.
const LOOK_AFTER: usize = 512;

/// `re` (anchored at the start) on the head of `text`. A match that runs to
/// the window's edge may have been cut by it (the patterns end on `$`), so it
/// is looked for again in the whole text.
fn captures_head<'t>(re: &Regex, text: &'t str) -> Option<regex::Captures<'t>> {
    let head = &text[..text.floor_char_boundary(LOOK_AFTER)];
    let c = re.captures(head)?;
    if head.len() < text.len() && c.get(0).is_some_and(|m| m.end() == head.len()) {
        return re.captures(text);
    }
    Some(c)
}

fn fill_details(r: &mut Reference, text: &str, s: usize, e: usize, g: &ReferenceGrammar, dt: &DocTypes) {
    let before = &text[text.floor_char_boundary(s.saturating_sub(LOOK_BEFORE))..s];
    if let Some(c) = g.type_before.captures(before)
        && let Some(t) = c.name("type").and_then(|t| dt.mention_type(t.as_str())) {
            r.doc_type = t.to_string();
        }
    if r.doc_type == "other"
        && let Some(t) = named_type(before, g, dt) {
            r.doc_type = t.to_string();
        }
    // A footnote mark glued to the number ("2412/UBND-NC₁") is not text.
    let after = text[e..].trim_start_matches(crate::extract::words::is_footnote_mark);
    let mut rest = after;
    if r.date.is_none() {
        if let Some(c) = captures_head(&g.date, after) {
            let num = |n: &str| c.name(n).and_then(|m| m.as_str().parse::<u32>().ok());
            if let (Some(d), Some(m), Some(y)) = (num("day"), num("month"), num("year"))
                && (1..=31).contains(&d) && (1..=12).contains(&m) {
                    r.date = Some(format!("{y:04}-{m:02}-{d:02}"));
                }
            rest = &after[c.get(0).map_or(0, |m| m.end())..];
        }
    } else if let Some(c) = captures_head(&g.date, after) {
        rest = &after[c.get(0).map_or(0, |m| m.end())..];
    }
    if r.issuer.is_none()
        && let Some(c) = captures_head(&g.issuer, rest) {
            r.issuer = c.name("issuer").map(|m| before_joined_type(m.as_str(), g).trim().to_string()).filter(|s| !s.is_empty());
        }
    if r.issuer.is_none()
        && let Some(c) = g.issuer_before.as_ref().and_then(|re| re.captures(before)) {
            r.issuer = c.name("issuer").map(|m| m.as_str().trim().to_string()).filter(|s| !s.is_empty());
        }
}

#[cfg(test)]
mod spaced_tests {
    use super::*;
    use crate::grammar::Grammar;

    /// The numbers the built-in grammar finds in `line`, in order.
    fn numbers(line: &str) -> Vec<String> {
        Grammar::builtin().references.numbers(line).map(|(n, _, _)| n).collect()
    }

    #[test]
    fn numbers_a_pdf_spaced_out_are_found_where_they_stand() {
        let g = Grammar::builtin();
        let line = "Căn cứ Nghị định số 163/2 016/ NĐ-CP ngày 21 tháng 12 năm 2016 và Quyết định số 12/QĐ-UBND; bản đồ tờ F-48-C Điện Biên";
        let found = numbers_even_spaced(&g.references, line);
        let numbers: Vec<&str> = found.iter().map(|(n, _, _)| n.as_str()).collect();
        assert_eq!(numbers, ["163/2016/NĐ-CP", "12/QĐ-UBND"]);
        // the span covers the number as written in the line
        let (_, s, e) = &found[0];
        assert_eq!(&line[*s..*e], "163/2 016/ NĐ-CP");
    }

    #[test]
    fn a_number_left_blank_is_no_reference() {
        assert_eq!(numbers("(Ban hành kèm theo Quyết định số /2025/QĐ -UBND) theo Quyết định số 17/2024/QĐ-UBND"), ["17/2024/QĐ-UBND"]);
    }

    #[test]
    fn a_dash_spaced_on_both_sides_joins_a_symbol_but_not_a_word() {
        let found = numbers("theo công văn số 2273/CTK - CSCL của Cục; Quyết định số 12/QĐ-UBND - Về việc; Quyết định 13/QĐ-UBND - QUY ĐỊNH VỀ");
        assert_eq!(found, ["2273/CTK-CSCL", "12/QĐ-UBND", "13/QĐ-UBND"]);
    }

    #[test]
    fn a_short_lowercase_mark_ends_a_number_but_a_word_does_not() {
        let found = numbers("Văn bản số 919-CV/VPTW/nb ngày 21/11/2016; Kế hoạch số 12/KH-UBND/năm 2024; Quyết định số 7/QĐ-UBND/tỉnh; Văn bản số 919-CV/VPTW/n b");
        assert_eq!(found, ["919-CV/VPTW/nb", "12/KH-UBND", "7/QĐ-UBND", "919-CV/VPTW"]);
    }

    #[test]
    fn clean_lines_are_searched_once() {
        assert!(glue_spaced("Quyết định số 12/QĐ-UBND ngày 5 tháng 3").is_none());
        // Spaces between digits or capitals far from any slash are no number's.
        assert!(glue_spaced("Kế hoạch 12/KH-UBND của UBND huyện giao cho UBND TP Hà Nội năm 2024 2025").is_none());
        let (glued, _) = glue_spaced("số 12/Q Đ-TTg của UBND TP").unwrap();
        assert_eq!(glued, "số 12/QĐ-TTg của UBND TP");
        let (glued, _) = glue_spaced("Tờ trình số 955/T Tr-SNNMT ngày 19/11/2025").unwrap();
        assert_eq!(glued, "Tờ trình số 955/TTr-SNNMT ngày 19/11/2025");
        // a capital before a word is no symbol's fragment
        assert!(glue_spaced("số 12/QĐ-UBND của UBND T Thanh Hóa").is_none());
        assert!(glue_spaced("Nghị định số 35/2023/NĐ-CP Quy định").is_none());
    }
}
