//! Text clean-up for what PDF text layers do to documents: page furniture,
//! lines wrapped mid-sentence, syllables split by stray spaces, ligatures,
//! decomposed diacritics. Shared by both backends.

use std::collections::{HashMap, HashSet};

use unicode_normalization::UnicodeNormalization;

use super::syllable::{self, is_syllable};
use crate::grammar::LayoutGrammar;
use crate::grammar::header::{RULE_CHARS, rule_prefix};

/// How far (in font sizes) before its column's right edge a line must stop
/// to be sure it did not wrap: farther than the longest Vietnamese syllable
/// with its punctuation.
pub const SHORT_LINE_EMS: f64 = 6.0;

/// One visual line handed to [`assemble_paragraphs`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LineIn {
    pub text: String,
    /// The layout saw a paragraph boundary before this line (extra vertical
    /// space, first-line indent, blank line in pdftotext output).
    pub gap_before: bool,
    /// Whether the line reached the right edge of its column; `None` when
    /// the backend has no geometry.
    pub full_width: Option<bool>,
    /// The line ends so far before the right edge that the next word would
    /// have fitted on it: it did not wrap, its paragraph (or heading) ends.
    pub ends_short: bool,
    /// The line may end inside a word (see [`glue_across_break`]).
    pub may_break_word: bool,
}

/// Ligature code points U+FB00-FB06, the only characters we compatibility-
/// decompose: NFKC on the whole text would also rewrite Vietnamese.
pub fn expand_ligatures(text: &str) -> String {
    if !text.chars().any(|c| ('\u{FB00}'..='\u{FB06}').contains(&c)) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            _ => out.push(c),
        }
    }
    out
}

/// Ligatures, then NFC (LibreOffice writes some letters as base + combining
/// accent), skipping the NFC pass when the quick check says it is a no-op.
pub fn normalize_chars(text: &str) -> String {
    let text = expand_ligatures(text);
    if unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes {
        text
    } else {
        text.nfc().collect()
    }
}

/// A line at the top or bottom edge of a page, candidate for removal as a
/// page number or running header/footer.
#[derive(Debug, Clone)]
pub struct EdgeLine {
    /// 0-based page index in the document.
    pub page: usize,
    /// Backend-specific line handle, echoed back in the result.
    pub id: usize,
    pub text: String,
}

/// Picks the edge lines that are page furniture: page numbers that follow
/// the page sequence, and lines repeated (digits ignored) on most pages.
/// A lone number at a page edge is only removed when other pages confirm
/// the numbering, so a table cell that happens to hold "2" survives.
/// The two top and two bottom lines of every page (by `y`), where running
/// headers, footers and page numbers sit; both backends feed these to
/// [`find_furniture`]. Lines `keep` rejects are not candidates.
pub fn edge_lines<T>(
    pages: &[Vec<T>],
    y: impl Fn(&T) -> f64,
    text: impl Fn(&T) -> &str,
    keep: impl Fn(&T) -> bool,
) -> Vec<EdgeLine> {
    let mut edges = Vec::new();
    for (page, lines) in pages.iter().enumerate() {
        let mut order: Vec<usize> = (0..lines.len()).filter(|&i| keep(&lines[i])).collect();
        order.sort_by(|&a, &b| y(&lines[a]).total_cmp(&y(&lines[b])));
        let mut picked: Vec<usize> = order.iter().take(2).chain(order.iter().rev().take(2)).copied().collect();
        picked.sort_unstable();
        picked.dedup();
        edges.extend(picked.into_iter().map(|id| EdgeLine { page, id, text: text(&lines[id]).to_string() }));
    }
    edges
}

pub fn find_furniture(edges: &[EdgeLine], page_count: usize, lg: &LayoutGrammar) -> HashSet<(usize, usize)> {
    let mut drop = HashSet::new();
    if page_count < 2 {
        return drop;
    }
    let mut offsets: HashMap<i64, usize> = HashMap::new();
    for e in edges {
        if let Some(n) = lg.page_number(&e.text) {
            *offsets.entry(i64::from(n) - e.page as i64).or_default() += 1;
        }
    }
    let needed = 2.max(page_count * 3 / 10);
    if let Some((&offset, _)) = offsets.iter().filter(|(_, n)| **n >= needed).max_by_key(|(_, n)| **n) {
        for e in edges {
            if lg.page_number(&e.text).is_some_and(|n| i64::from(n) - e.page as i64 == offset) {
                drop.insert((e.page, e.id));
            }
        }
    }
    if page_count >= 3 {
        let mut pages_with: HashMap<String, HashSet<usize>> = HashMap::new();
        for e in edges {
            let key = furniture_key(&e.text);
            if key.chars().filter(|c| c.is_alphabetic()).count() >= 3 {
                pages_with.entry(key).or_default().insert(e.page);
            }
        }
        let needed = 3.max(page_count.div_ceil(2));
        for e in edges {
            if pages_with.get(&furniture_key(&e.text)).is_some_and(|p| p.len() >= needed) {
                drop.insert((e.page, e.id));
            }
        }
    }
    drop
}

fn furniture_key(text: &str) -> String {
    let mut key = String::new();
    for word in text.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().map(|c| if c.is_ascii_digit() { '#' } else { c }).flat_map(char::to_lowercase));
    }
    key
}

/// "- 2025 của tỉnh": a dash and a number continuing a range ("2021 - 2025").
fn continues_range(line: &str) -> bool {
    let mut chars = line.trim_start().chars();
    chars.next().is_some_and(|c| matches!(c, '-' | '–' | '—'))
        && chars.as_str().trim_start().starts_with(|c: char| c.is_ascii_digit())
}

/// Whether a line ends a sentence or introduces a list.
pub fn ends_sentence(line: &str) -> bool {
    let t = line.trim_end();
    t.ends_with(['.', '!', '?', ';', ':', '…']) || t.ends_with("./.")
}

/// A line of dashes, underscores or similar used under a header.
pub fn is_dash_rule(line: &str) -> bool {
    let t = line.trim();
    t.chars().count() >= 3
        && t.chars().all(|c| matches!(c, '*' | '.' | ' ') || RULE_CHARS.contains(&c))
        && t.chars().filter(|c| *c != ' ').count() >= 3
        && !t.chars().all(|c| c == '.' || c == ' ')
}

/// pdftotext glues a header's dash rule to the next cell's text
/// ("-------Số: 012/CT-UBND"): split it back into two lines.
pub fn split_glued_rule(line: &str) -> Vec<String> {
    let t = line.trim();
    if let Some(end) = rule_prefix(t) {
        let (rule, rest) = (&t[..end], t[end..].trim_start());
        if !rest.is_empty() && !rest.starts_with(RULE_CHARS) {
            return vec![rule.to_string(), rest.to_string()];
        }
    }
    vec![line.to_string()]
}

/// Marks written straight after a word, never after a space.
const CLOSING_PUNCTUATION: [char; 7] = [',', '.', ';', ':', ')', '!', '?'];

/// Joins two visual lines of one paragraph. A line-final hyphen is kept and
/// glued ("2025-" + "2030" -> "2025-2030", "QĐ-" + "UBND" -> "QĐ-UBND"):
/// Vietnamese is not hyphenated at line ends, so the hyphen is real.
pub fn join_lines(prev: &str, next: &str) -> String {
    let prev = prev.trim_end();
    let next = next.trim_start();
    if prev.is_empty() {
        return next.to_string();
    }
    if next.is_empty() {
        return prev.to_string();
    }
    let glued_hyphen = prev.ends_with('-') && !prev.ends_with(" -") && !is_dash_rule(prev) && prev.len() > 1;
    // A narrow column can push a comma or a full stop onto a line of its
    // own ("thị trường" / ", góp phần"); it still closes the word before.
    if glued_hyphen || next.starts_with(CLOSING_PUNCTUATION) { format!("{prev}{next}") } else { format!("{prev} {next}") }
}

fn should_break(prev: &LineIn, cur: &LineIn, lg: &LayoutGrammar) -> bool {
    if cur.gap_before || is_dash_rule(&prev.text) || is_dash_rule(&cur.text) {
        return true;
    }
    if lg.is_header_field(&prev.text) || lg.is_header_field(&cur.text) {
        return true;
    }
    // A line in capitals next to one in running case: a title ("QUYẾT
    // ĐỊNH", "BAN HÀNH KẾ HOẠCH ...") meets the header date above it or the
    // preamble below it ("Căn cứ Luật ..."); a sentence never wraps that way.
    let has_lower = |t: &str| t.chars().any(char::is_lowercase);
    if is_caps_line(&prev.text) && has_lower(&cur.text) || has_lower(&prev.text) && is_caps_line(&cur.text) {
        return true;
    }
    // "giai đoạn 2021" + "- 2025": a wrapped range, not a bullet.
    if continues_range(&cur.text)
        && prev.text.trim_end().ends_with(|c: char| c.is_ascii_digit())
    {
        return false;
    }
    // An item's number alone on its line ("2." over "UBND các xã, phường"
    // in a narrow column) is followed by its own text.
    if lg.is_marker_only(prev.text.trim()) && !lg.starts_item(&cur.text) {
        return false;
    }
    // "Điều 17. Trách nhiệm của Thủ trưởng ... được phân cấp" over "1. Thực
    // hiện ...": an article's title may fill its line, and its first
    // clause starts below it all the same.
    if lg.starts_titled_marker(&prev.text) && lg.starts_item(&cur.text) {
        return true;
    }
    // "... dự án casino quy định tại" over "Điều 3 Nghị quyết này có trách
    // nhiệm ...": no sentence ends on a joiner, however short its line, and
    // the article cited has no heading's period.
    if lg.ends_on_joiner(&prev.text) && !lg.starts_titled_marker(&cur.text) {
        return false;
    }
    // "1. Hoàn thiện thể chế" over "Sở Khoa học và Công nghệ chủ trì ...": a
    // line that stopped short did not wrap, and a capital starts anew.
    if prev.ends_short && cur.text.trim_start().starts_with(char::is_uppercase) {
        return true;
    }
    let marker = lg.starts_item(&cur.text);
    let sentence_end = ends_sentence(&prev.text);
    match prev.full_width {
        // A line filled to the margin wrapped; only both signals together
        // outweigh that.
        Some(true) => marker && sentence_end,
        _ => marker || sentence_end,
    }
}

/// A title-like line: two words or more, six letters or more, none in
/// lower case, and no sentence punctuation at its end (a wrapped "TTHC;"
/// or "CCHC." ends a sentence, it is no title).
pub fn is_caps_line(text: &str) -> bool {
    let text = text.trim();
    if text.ends_with(['.', ',', ';', ')']) || text.split_whitespace().count() < 2 {
        return false;
    }
    let mut letters = 0;
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        if c.is_lowercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 6
}

/// Turns visual lines into paragraphs: rejoins lines wrapped mid-sentence,
/// keeps list items and articles apart, repairs split syllables.
pub fn assemble_paragraphs(lines: &[LineIn], lg: &LayoutGrammar) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let mut prev: Option<&LineIn> = None;
    for (i, line) in lines.iter().enumerate() {
        let text = line.text.trim();
        if text.is_empty() {
            continue;
        }
        match prev {
            Some(p) if !should_break(p, line, lg) => {
                let after = lines.get(i + 1).filter(|_| line.may_break_word).map(|l| l.text.trim());
                if p.may_break_word && glue_across_break(&current, text, after) {
                    current.push_str(text);
                } else {
                    current = join_lines(&current, text);
                }
            }
            _ => {
                push_paragraph(&mut paragraphs, &current);
                current = text.to_string();
            }
        }
        prev = Some(line);
    }
    push_paragraph(&mut paragraphs, &current);
    paragraphs
}

/// Whether the end of `prev` and the start of `next`, split by a line break
/// where a word may break, are one word: digits or a slash on both sides
/// ("82/20" + "25/NQ", "đồng/" + "người"), letters that make one syllable
/// ("QUY" + "ẾT", "Thàn" + "h", "q" + "uan"), or an abbreviation in capitals
/// ("HĐN" + "D"). `after` is the line after `next` when `next` too may end
/// inside a word: "CÔNG" + "NG" + "HỆ" reads "CÔNG NGHỆ".
pub fn glue_across_break(prev: &str, next: &str, after: Option<&str>) -> bool {
    number_continues(prev, next) || word_continues(prev, next, after)
}

/// Digits or a slash on both sides of the break, a symbol's dash, or a
/// law's session number: the break is inside one document number.
fn number_continues(prev: &str, next: &str) -> bool {
    let (Some(l), Some(r)) = (prev.chars().next_back(), next.chars().next()) else { return false };
    let digit_or_slash = |c: char| c.is_ascii_digit() || c == '/';
    if digit_or_slash(l) && digit_or_slash(r) || l == '/' && r.is_alphanumeric() || l.is_alphanumeric() && r == '/' {
        return true;
    }
    // The dash of a symbol on a line of its own or before its next part
    // ("25/NQ" + "-" + "HĐND", "NĐ" + "-CP").
    let symbol_dash = r == '-' && (next == "-" || next.chars().nth(1).is_some_and(char::is_uppercase));
    if (l.is_uppercase() || l.is_ascii_digit()) && symbol_dash {
        return true;
    }
    // The session number of a law's symbol ("85/2015/QH" + "13").
    let symbol_part = prev.rsplit(['/', '-']).next().is_some_and(|p| (1..=4).contains(&p.chars().count()) && p.chars().all(char::is_uppercase));
    let short_number = next.split(|c: char| !c.is_ascii_digit()).next().is_some_and(|d| (1..=2).contains(&d.len()));
    symbol_part && prev.contains('/') && short_number
}

/// The letters that end `text`, and those that start it.
fn trailing_letters(text: &str) -> &str {
    text.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("")
}

fn leading_letters(text: &str) -> &str {
    text.split(|c: char| !c.is_alphabetic()).next().unwrap_or("")
}

/// Letters on both sides of the break that make one syllable, or an
/// abbreviation in capitals.
fn word_continues(prev: &str, next: &str, after: Option<&str>) -> bool {
    let (left, right) = (trailing_letters(prev), leading_letters(next));
    if left.is_empty() || right.is_empty() {
        return false;
    }
    // A lettered item opens the next line ("1. Sở Nội vụ" + "a) Tổ chức").
    // ("NQ/T" + "W)" is a symbol in capitals that goes on.)
    if right.chars().count() == 1 && right.chars().all(char::is_lowercase) && next[right.len()..].starts_with(')') {
        return false;
    }
    let caps = |w: &str| w.chars().all(char::is_uppercase);
    // A capital opens a word ("Phùng" + "Thị") unless all is in capitals.
    if !(caps(left) && caps(right) || right.chars().all(char::is_lowercase)) {
        return false;
    }
    let joined = |a: &str, b: &str| -> String { format!("{a}{b}").nfc().collect() };
    if is_syllable(&joined(left, right)) {
        return true;
    }
    // A syllable broken over three lines or more: "TR" + "ƯỞ" + "NG".
    let continues = right == next && after.is_some();
    if continues && !is_syllable(left) && syllable::is_syllable_start(&joined(left, right)) {
        return true;
    }
    let vowelless = !right.chars().any(syllable::is_vowel);
    let starts_next_word = continues && after.is_some_and(|a| syllable::is_syllable_start(&joined(right, leading_letters(a))));
    // "UBN" + "D", never "THUẾ" + "HQ".
    caps(left) && !is_syllable(left) && vowelless && !starts_next_word
}

fn push_paragraph(out: &mut Vec<String>, text: &str) {
    let text = repair_split_syllables(&normalize_chars(text.trim()));
    if !text.is_empty() {
        out.push(text);
    }
}

/// Rejoins a Vietnamese syllable that the text layer split with a space
/// ("ĐIỀ U" -> "ĐIỀU", "Ch ủ" -> "Chủ"). Only when the joined form is a
/// syllable and at least one piece is not, so two real words are never
/// glued together.
pub fn repair_split_syllables(text: &str) -> String {
    if !text.contains(' ') {
        return text.to_string();
    }
    let tokens: Vec<&str> = text.split(' ').collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < tokens.len() {
        let mut token = tokens[i].to_string();
        while i + 1 < tokens.len() {
            match merge_pieces(&token, tokens[i + 1]) {
                Some(merged) => {
                    token = merged;
                    i += 1;
                }
                None => break,
            }
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&token);
        i += 1;
    }
    out
}

fn merge_pieces(left: &str, right: &str) -> Option<String> {
    if left.is_empty() || right.is_empty() || !left.chars().all(char::is_alphabetic) {
        return None;
    }
    // The right piece may carry the punctuation that followed the word.
    let core_end = right.find(|c: char| !c.is_alphabetic()).unwrap_or(right.len());
    let (right_core, right_tail) = right.split_at(core_end);
    if right_core.is_empty() || !right_tail.chars().all(|c| matches!(c, '.' | ',' | ';' | ':' | ')' | '!' | '?')) {
        return None;
    }
    // "Ninh" + "Bình" style capitals start a new word unless the left piece
    // is all capitals too ("ĐIỀ" + "U").
    let right_capital = right_core.chars().next().is_some_and(char::is_uppercase);
    let left_all_caps = left.chars().all(char::is_uppercase);
    let right_all_caps = right_core.chars().all(char::is_uppercase);
    if right_capital && !left_all_caps {
        return None;
    }
    if left_all_caps && !right_all_caps && left.chars().count() > 1 {
        return None;
    }
    let joined = format!("{left}{right_core}");
    let joined_nfc: String = joined.nfc().collect();
    // An abbreviation in capitals that lost its last letter to a space
    // ("UBN D", "TTH C", "HĐN D"): as across a line break, a letter with no
    // vowel goes back to capitals that are no syllable nor a Roman number
    // ("CHE D", "Phụ lục II B" stay).
    let lone_consonant = right_core.chars().count() == 1 && right_all_caps && !right_core.chars().any(syllable::is_vowel);
    let roman = left.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'));
    if left_all_caps && left.chars().count() >= 2 && lone_consonant && !is_syllable(left) && !roman {
        return Some(format!("{joined_nfc}{right_tail}"));
    }
    if !is_syllable(&joined_nfc) {
        return None;
    }
    if is_syllable(left) && is_syllable(right_core) {
        return None;
    }
    Some(format!("{joined_nfc}{right_tail}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(texts: &[&str]) -> Vec<LineIn> {
        texts.iter().map(|t| LineIn { text: t.to_string(), ..Default::default() }).collect()
    }

    #[test]
    fn recognises_bare_list_markers() {
        for m in ["1.", "1.1.", "a)", "II.", "-", "•", "Điều 5."] {
            assert!(LayoutGrammar::builtin().is_marker_only(m), "{m}");
        }
        // A bare "12" is a table's row number more often than a list number.
        for t in ["1. Mục tiêu", "Số:", "CỘNG HÒA", "2025-2030", "12"] {
            assert!(!LayoutGrammar::builtin().is_marker_only(t), "{t}");
        }
    }

    #[test]
    fn recognises_page_number_lines() {
        for (line, n) in [("3", 3), ("- 12 -", 12), ("Trang 4", 4), ("4/15", 4), ("  7  ", 7), ("Page 2 of 9", 2)] {
            assert_eq!(LayoutGrammar::builtin().page_number(line), Some(n), "{line}");
        }
        for line in ["3. Nội dung", "Điều 3", "2025 - 2030", "12 tháng", "a"] {
            assert_eq!(LayoutGrammar::builtin().page_number(line), None, "{line}");
        }
    }

    #[test]
    fn removes_confirmed_page_numbers_and_repeated_headers() {
        let mut edges = Vec::new();
        for page in 0..5 {
            edges.push(EdgeLine { page, id: 0, text: format!("{}", page + 1) });
            edges.push(EdgeLine { page, id: 1, text: format!("CÔNG BÁO/Số {}/Ngày 02-12-2025", 100 + page) });
            edges.push(EdgeLine {
                page,
                id: 2,
                text: format!("nội dung riêng của trang {}", ["một", "hai", "ba", "bốn", "năm"][page]),
            });
        }
        let drop = find_furniture(&edges, 5, &LayoutGrammar::builtin());
        for page in 0..5 {
            assert!(drop.contains(&(page, 0)));
            assert!(drop.contains(&(page, 1)));
            assert!(!drop.contains(&(page, 2)));
        }
    }

    #[test]
    fn keeps_a_lone_number_that_does_not_follow_the_pages() {
        let edges = vec![
            EdgeLine { page: 0, id: 0, text: "2".into() },
            EdgeLine { page: 3, id: 0, text: "2025".into() },
            EdgeLine { page: 5, id: 0, text: "17".into() },
        ];
        assert!(find_furniture(&edges, 8, &LayoutGrammar::builtin()).is_empty());
    }

    #[test]
    fn rejoins_lines_wrapped_mid_sentence() {
        let paras = assemble_paragraphs(&lines(&[
            "Căn cứ Nghị quyết số",
            "57-NQ/TW ngày 22 tháng 12 năm 2024;",
            "Căn cứ Luật Ngân sách",
            "nhà nước;",
            "Điều 1. Phạm vi điều chỉnh",
            "1. Quy định này áp dụng cho",
            "các cơ quan:",
            "a) Sở Tài chính;",
            "- Ủy ban nhân dân",
            "+ cấp xã",
        ]), &LayoutGrammar::builtin());
        assert_eq!(
            paras,
            vec![
                "Căn cứ Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024;",
                "Căn cứ Luật Ngân sách nhà nước;",
                "Điều 1. Phạm vi điều chỉnh",
                "1. Quy định này áp dụng cho các cơ quan:",
                "a) Sở Tài chính;",
                "- Ủy ban nhân dân",
                "+ cấp xã",
            ]
        );
    }

    #[test]
    fn a_short_line_ending_on_a_joiner_goes_on_past_a_cited_article() {
        // The line stopped short, but no sentence ends on "tại": "Điều 3"
        // below it is the article cited, not a new one (that takes a period).
        let mut ls = lines(&[
            "2. Doanh nghiệp thực hiện dự án casino quy định tại",
            "Điều 3 Nghị quyết này có trách nhiệm tổ chức kinh doanh.",
            "Điều 7. Tổ chức thực hiện",
        ]);
        ls[0].ends_short = true;
        ls[1].ends_short = true;
        let paras = assemble_paragraphs(&ls, &LayoutGrammar::builtin());
        assert_eq!(
            paras,
            vec![
                "2. Doanh nghiệp thực hiện dự án casino quy định tại Điều 3 Nghị quyết này có trách nhiệm tổ chức kinh doanh.",
                "Điều 7. Tổ chức thực hiện",
            ]
        );
    }

    #[test]
    fn header_fields_stay_apart() {
        let paras =
            assemble_paragraphs(&lines(&["Số: 263 /KH-UBND", "Phước Long, ngày 09 tháng 12 năm 2020", "KẾ HOẠCH"]), &LayoutGrammar::builtin());
        assert_eq!(paras, vec!["Số: 263 /KH-UBND", "Phước Long, ngày 09 tháng 12 năm 2020", "KẾ HOẠCH"]);
    }

    #[test]
    fn full_width_lines_join_even_before_a_number() {
        let mut ls = lines(&["theo quy định tại khoản", "2 Điều 5 của Luật này."]);
        ls[0].full_width = Some(true);
        assert_eq!(assemble_paragraphs(&ls, &LayoutGrammar::builtin()), vec!["theo quy định tại khoản 2 Điều 5 của Luật này."]);
    }

    #[test]
    fn an_article_title_that_fills_its_line_ends_before_its_first_clause() {
        let mut ls = lines(&[
            "Điều 17. Trách nhiệm của Thủ trưởng các đơn vị thuộc Bộ được phân cấp",
            "1. Thực hiện các nhiệm vụ, quyền hạn của cơ quan, đơn vị sử dụng công chức,",
            "viên chức theo quy định.",
            "Điều 18. Mức chi hỗ trợ theo quy định tại khoản",
            "2 Điều 5 của Luật này.",
        ]);
        for l in &mut ls {
            l.full_width = Some(true);
        }
        ls[2].full_width = Some(false);
        assert_eq!(
            assemble_paragraphs(&ls, &LayoutGrammar::builtin()),
            vec![
                "Điều 17. Trách nhiệm của Thủ trưởng các đơn vị thuộc Bộ được phân cấp",
                "1. Thực hiện các nhiệm vụ, quyền hạn của cơ quan, đơn vị sử dụng công chức, viên chức theo quy định.",
                "Điều 18. Mức chi hỗ trợ theo quy định tại khoản 2 Điều 5 của Luật này.",
            ]
        );
    }

    #[test]
    fn a_line_that_stopped_short_ends_before_a_capital() {
        // A heading without a full stop, then its paragraph; a line that
        // reached the margin still runs on into a name in capitals.
        let mut ls = lines(&[
            "1. Hoàn thiện thể chế",
            "Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tư pháp, Văn phòng",
            "UBND tỉnh tham mưu ban hành quy chế quản lý dữ liệu số",
            "kèm theo kế hoạch.",
        ]);
        ls[0].ends_short = true;
        ls[1].full_width = Some(true);
        ls[2].full_width = Some(false);
        assert_eq!(
            assemble_paragraphs(&ls, &LayoutGrammar::builtin()),
            vec![
                "1. Hoàn thiện thể chế",
                "Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tư pháp, Văn phòng UBND tỉnh tham mưu ban hành quy chế quản lý dữ liệu số kèm theo kế hoạch."
            ]
        );
    }

    #[test]
    fn keeps_line_end_hyphens() {
        assert_eq!(join_lines("giai đoạn 2025-", "2030"), "giai đoạn 2025-2030");
        assert_eq!(join_lines("giai đoạn 2025 -", "2030"), "giai đoạn 2025 - 2030");
        assert_eq!(join_lines("Quyết định số 12/QĐ-", "UBND"), "Quyết định số 12/QĐ-UBND");
        let paras = assemble_paragraphs(&lines(&["kế hoạch giai đoạn 2021", "- 2025 của tỉnh"]), &LayoutGrammar::builtin());
        assert_eq!(paras, vec!["kế hoạch giai đoạn 2021 - 2025 của tỉnh"]);
    }

    #[test]
    fn punctuation_pushed_onto_the_next_line_closes_the_word_before() {
        assert_eq!(join_lines("làm chủ thị trường", ", góp phần bảo đảm"), "làm chủ thị trường, góp phần bảo đảm");
        assert_eq!(join_lines("các bộ, ngành", "; địa phương"), "các bộ, ngành; địa phương");
        assert_eq!(join_lines("Quyết định này", "- Như Điều 3"), "Quyết định này - Như Điều 3");
    }

    #[test]
    fn a_title_in_capitals_stays_apart_from_running_text_but_a_wrapped_acronym_joins() {
        let g = LayoutGrammar::builtin();
        let paras = assemble_paragraphs(
            &lines(&["Số: 2853/QĐ-UBND Thành phố Hồ Chí Minh, ngày 21 tháng 11 năm 2025", "QUYẾT ĐỊNH", "BAN HÀNH KẾ HOẠCH TRIỂN KHAI", "Căn cứ Luật Tổ chức chính quyền địa phương"]),
            &g,
        );
        assert_eq!(paras, ["Số: 2853/QĐ-UBND Thành phố Hồ Chí Minh, ngày 21 tháng 11 năm 2025", "QUYẾT ĐỊNH BAN HÀNH KẾ HOẠCH TRIỂN KHAI", "Căn cứ Luật Tổ chức chính quyền địa phương"]);
        let paras = assemble_paragraphs(&lines(&["b) Đẩy mạnh truyền thông hỗ trợ hoạt động kiểm soát", "TTHC;"]), &g);
        assert_eq!(paras, ["b) Đẩy mạnh truyền thông hỗ trợ hoạt động kiểm soát TTHC;"]);
    }

    #[test]
    fn separates_dash_rules() {
        assert_eq!(split_glued_rule("-------Số: 012/CT-UBND"), vec!["-------", "Số: 012/CT-UBND"]);
        assert_eq!(split_glued_rule("- Sở Tài chính"), vec!["- Sở Tài chính"]);
        let paras = assemble_paragraphs(&lines(&["ỦY BAN NHÂN DÂN", "TỈNH ĐẮK LẮK", "--------", "Số: 12/KH-UBND"]), &LayoutGrammar::builtin());
        assert_eq!(paras, vec!["ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK", "--------", "Số: 12/KH-UBND"]);
    }

    #[test]
    fn repairs_split_syllables_only_where_safe() {
        assert_eq!(repair_split_syllables("ĐIỀ U KHOẢN"), "ĐIỀU KHOẢN");
        assert_eq!(repair_split_syllables("Ch ủ th ẻ"), "Chủ thẻ");
        assert_eq!(repair_split_syllables("THƯ VIỆN PHÁP LUẬ T. Mọi"), "THƯ VIỆN PHÁP LUẬT. Mọi");
        assert_eq!(repair_split_syllables("CHÍN H PHỦ"), "CHÍNH PHỦ");
        assert_eq!(repair_split_syllables("Văn phòng UBN D tỉnh, TT HĐN D, Sở LĐTBX H."), "Văn phòng UBND tỉnh, TT HĐND, Sở LĐTBXH.");
        // Two real words stay apart.
        for keep in ["NGƯ ỜI", "người dân", "Ninh Bình", "điểm b khoản 1", "Phần I NHỮNG", "UBND tỉnh", "kho an toàn", "CHE D", "Phụ lục II B"]
        {
            assert_eq!(repair_split_syllables(keep), keep);
        }
    }

    #[test]
    fn a_narrow_column_rejoins_the_words_it_broke() {
        // One flow six letters wide, each line full: where a word may break.
        let narrow = |texts: &[&str]| -> Vec<LineIn> {
            texts.iter().map(|t| LineIn { text: t.to_string(), may_break_word: true, full_width: Some(true), ..Default::default() }).collect()
        };
        let g = LayoutGrammar::builtin();
        let joined = |texts: &[&str]| assemble_paragraphs(&narrow(texts), &g).join(" / ");
        assert_eq!(joined(&["Số:", "82/20", "25/NQ-", "HĐN", "D"]), "Số: 82/2025/NQ-HĐND");
        assert_eq!(joined(&["số", "05/20", "25/NQ", "-", "HĐN", "D", "và", "85/20", "15/QH", "13", "được"]), "số 05/2025/NQ-HĐND và 85/2015/QH13 được");
        assert_eq!(joined(&["NGHỊ", "QUY", "ẾT", "VỀ"]), "NGHỊ QUYẾT VỀ");
        assert_eq!(joined(&["PHÓ", "TR", "ƯỞ", "NG", "BAN"]), "PHÓ TRƯỞNG BAN");
        assert_eq!(joined(&["CÔNG", "NG", "HỆ"]), "CÔNG NGHỆ");
        assert_eq!(joined(&["Thàn", "h phố", "đồng/", "người", "Phùng", "Thị"]), "Thành phố đồng/người Phùng Thị");
        assert_eq!(joined(&["THUẾ", "HQ", "Tên", "th", "ủ tục"]), "THUẾ HQ Tên thủ tục");
        // "vụ" + "a" would be a syllable, but "a)" opens an item.
        assert_eq!(joined(&["1. Sở", "Nội vụ", "a) Tổ", "chức"]), "1. Sở Nội vụ a) Tổ chức");
        // A number alone on its line takes the text after it.
        assert_eq!(assemble_paragraphs(&lines(&["2.", "UBND các xã, phường", "a) Tổ chức tiếp nhận."]), &g), ["2. UBND các xã, phường", "a) Tổ chức tiếp nhận."]);
        // The same lines in a wide column are words of their own.
        assert_eq!(assemble_paragraphs(&lines(&["QUY", "ẾT"]), &g), ["QUY ẾT"]);
    }

    #[test]
    fn expands_ligatures_and_composes() {
        assert_eq!(normalize_chars("e\u{FB03}cient o\u{FB00}"), "efficient off");
        assert_eq!(normalize_chars("Vie\u{323}\u{302}t"), "Việt");
    }
}
