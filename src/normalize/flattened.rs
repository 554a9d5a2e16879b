//! Documents saved from legal-document web sites keep the whole body in one
//! cell of the page's layout table: the .docx and .pdf as a cell of many
//! paragraphs, the .txt as one row whose cell runs to tens of kilobytes with
//! every paragraph break lost ("... với những nội dung sau: I. QUAN ĐIỂM 1.
//! Phát triển ..."). Such a cell is a body, not data: its row is read
//! as paragraphs, and a flattened paragraph is cut again where a new one
//! must have begun.

use crate::grammar::sections::{Marker, SectionGrammar, Sequence};

/// A cell this long is a page body; the longest cells of real data tables
/// (a task described in a plan's appendix) stay well below it.
pub const BODY_CELL_BYTES: usize = 2000;

/// A letter's body next to its number cell: longer than any data cell that
/// shares a row with a "Số: ..." cell in a real header table.
pub const LETTER_BODY_BYTES: usize = 400;

/// Shorter paragraphs hold no second item worth a cut. Paragraph breaks
/// are lost not only in flattened .txt cells: the .docx of such pages glues
/// an item to the one before it now and then ("... địa phương. 2. Phát triển
/// dữ liệu số").
const FLATTENED_BYTES: usize = 40;

/// A shorter cell is a body too when it holds two or more articles ("...
/// sau: Điều 1. Ban hành ... Điều 2. ..."): a PDF reader may put a short
/// decision into the first cell of the signature table below it.
const ARTICLES_CELL_BYTES: usize = 600;

/// Whether a table row is a page layout wrapper around a document body,
/// by size alone (what a reader can tell before any grammar is at hand).
/// A row numbered in its first cell is data however long its cells: a
/// procedure list's row carries the procedure's whole description ("1 |
/// Thủ tục công nhận ... | - Trong thời hạn 05 ngày ... a) ... - ...").
pub fn is_body_row(cells: &[String]) -> bool {
    cells.iter().any(|c| c.len() > BODY_CELL_BYTES) && !is_numbered_row(cells)
}

fn is_numbered_row(cells: &[String]) -> bool {
    cells.iter().map(|c| c.trim()).find(|c| !c.is_empty()).is_some_and(is_row_number)
}

/// Where a numbered data row stops and a page body glued after its table
/// begins: the cell past the previous row's last filled cell, when a cell
/// from there on is body-sized. A saved page's converter may append what
/// follows a table to its last row.
pub fn body_after_row(prev: &[String], row: &[String]) -> Option<usize> {
    if !is_numbered_row(row) {
        return None;
    }
    let width = prev.iter().rposition(|c| !c.trim().is_empty())? + 1;
    row.get(width..)?.iter().any(|c| c.len() > BODY_CELL_BYTES).then_some(width)
}

/// A data row's number in its first cell: "12", "1.2.3".
pub fn is_row_number(cell: &str) -> bool {
    cell.len() <= MAX_ROW_NUMBER_BYTES && cell.bytes().all(|b| b.is_ascii_digit() || b == b'.') && cell.bytes().any(|b| b.is_ascii_digit())
}

/// The longest row number read in a first cell.
pub const MAX_ROW_NUMBER_BYTES: usize = 6;

/// [`is_body_row`], or a row with a shorter cell that holds articles.
pub fn holds_body(cells: &[String], sections: &SectionGrammar) -> bool {
    is_body_row(cells) || cells.iter().any(|c| c.len() > ARTICLES_CELL_BYTES && holds_articles(c, sections))
}

/// Whether a flattened text holds at least two article markers, each after
/// the end of a sentence or clause.
fn holds_articles(text: &str, sections: &SectionGrammar) -> bool {
    // (a cell as read may still hold its line breaks)
    text.match_indices(['.', ':'])
        .filter(|&(i, _)| {
            let rest = &text[i + 1..];
            let next = rest.trim_start();
            next.len() < rest.len() && sections.marker_style(next) == Some("article")
        })
        .nth(1)
        .is_some()
}

/// The paragraphs of a flattened text: it is cut before a section marker
/// that follows the end of a sentence or clause (". 2. Nội dung", ": a)
/// ...", "; - ...") or a heading in capitals ("I. QUAN ĐIỂM 1. Phát
/// triển"), and before a capitalised word that follows three words in
/// capitals (a title, then "Căn cứ Luật ..."). Shorter texts are returned
/// whole.
pub fn paragraphs<'t>(text: &'t str, sections: &SectionGrammar) -> Vec<&'t str> {
    if text.len() <= FLATTENED_BYTES {
        return vec![text];
    }
    let words: Vec<(usize, &str)> = word_starts(text);
    // run[k]: how many words in capitals end right before word k.
    let mut run = vec![0usize; words.len() + 1];
    for (k, (_, w)) in words.iter().enumerate() {
        // A year or a range ("NĂM HỌC 2025-2026", "GIAI ĐOẠN 2026 - 2030")
        // carries a title's run of capitals on to its end.
        run[k + 1] = if is_caps_word(w) { run[k] + 1 } else if is_year_part(w) { run[k] } else { 0 };
    }
    let is_article = |m: &Marker| sections.styles[m.style].name == "article";
    let mut cuts = Vec::new();
    // The number of the last article cut at, for the next one's lost stop.
    let mut last_article: Option<u32> = None;
    let is_citer = |w: &str| sections.article_citers.iter().any(|c| c == w);
    // Whether the word before is a number a citing word came before
    // ("tại tiểu mục 2.1. Mục 2 Chương IV"): its stop ends no sentence
    // when the citation goes on with another citing word.
    let mut prev_cited = false;
    for k in 1..words.len() {
        let (at, word) = words[k];
        let prev = words[k - 1].1;
        // (asked only of a number or a marker, not of every word)
        let citing = || is_citer(prev);
        let was_cited = std::mem::replace(&mut prev_cited, word.starts_with(|c: char| c.is_ascii_digit()) && citing());
        // (a quotation may close after the stop: "... năm 2025.” 2. Sửa đổi")
        let after_stop = prev.trim_end_matches(['”', '"', '’']).ends_with(['.', ':', ';', '!', '?', ')']);
        let caps_before = |n: usize| run[k] >= n;
        // Markers are only looked for where a cut is possible: most words
        // follow another word mid-sentence, and a list's first item ("a)",
        // "1.") is a short word ending in a bracket or a full stop.
        let list_shape = word.len() <= 6 && word.ends_with([')', '.']);
        // (`caps_heading`: the marker was kept because it is a top heading
        // in capitals, which opens a paragraph whatever comes before it)
        let (marker, caps_heading) = if after_stop || caps_before(2) || list_shape {
            (sections.match_marker(&text[at..]), false)
        } else if is_caps_word(word) {
            let m = sections.match_marker(&text[at..]).filter(|m| top_heading_in_caps(sections, m, prev, &text[at..]));
            let kept = m.is_some();
            (m, kept)
        } else {
            (None, false)
        };
        let numbered_next = || words.get(k + 1).is_some_and(|(_, w)| w.starts_with(|c: char| c.is_ascii_digit()));
        // "GIAI ĐOẠN 2026 – 2030": a dash between two numbers is a range, not a bullet.
        let range_dash = marker.is_some() && is_year_part(word) && is_year_part(prev) && numbered_next();
        // A cited number opens nothing (but may still be the next article
        // after a lost stop, below).
        let cited = marker.is_some() && (citing() || was_cited && is_citer(word));
        let marker = if range_dash || cited { None } else { marker };
        // "... (nếu có), Điều 5. Kết thúc ...": a saved page may lose the
        // full stop before an article and keep a comma.
        // (only a capitalised word followed by a number can open an article)
        let marker = if marker.is_none() && prev.ends_with(',') && is_capitalised(word) && numbered_next() {
            sections.match_marker(&text[at..])
        } else {
            marker
        };
        // "... của Chủ tịch UBND tỉnh Điều 4. Chánh Văn phòng ...": the next
        // article after the last one cut at, with its full stop and a
        // capital after it, opens it unless a citing word comes before.
        let mut next_article = false;
        let marker = match marker {
            None if last_article.is_some() && word.starts_with(char::is_uppercase) => {
                let m = sections.match_marker(&text[at..]).filter(|m| {
                    is_article(m)
                        && sections.ordinal(m.style, &m.label) == last_article.map(|n| n + 1)
                        && m.raw.trim_end().ends_with('.')
                        && text[at + m.len..].starts_with(char::is_uppercase)
                        && !citing()
                });
                next_article = m.is_some();
                m
            }
            m => m,
        };
        let cut = is_heading_mark(word) || next_article || match &marker {
            // "2. Ủy ban nhân dân các xã, phường a) Niêm yết ...": a list
            // that opens with its first item and a capital starts anew.
            // (with its full stop: "Căn cứ Điều 4, Điều 17, Điều 19 Nghị
            // định ..." lists articles)
            Some(m) if prev.ends_with(',') && !after_stop => {
                is_article(m)
                    && text[at..at + m.len].trim_end().ends_with('.')
                    && text[at + m.len..].trim_start().starts_with(char::is_uppercase)
                    || opens_list(sections, m, &text[at + m.len..])
            }
            Some(m) => {
                after_stop
                    || caps_before(2)
                    || opens_list(sections, m, &text[at + m.len..])
                    || caps_heading
                    || list_shape && top_heading_in_caps(sections, m, prev, &text[at..])
            }
            // A title, then its text: "... THỦ TƯỚNG CHÍNH PHỦ Căn cứ",
            // "... THỦ TƯỚNG CHÍNH PHỦ điện:".
            None => caps_before(3) && is_capitalised(word) || caps_before(4) && word.chars().any(char::is_lowercase),
        };
        // "Điều 1.": the number belongs to the marker before it.
        let (prev_at, _) = words[k - 1];
        if cut && sections.match_marker(&text[prev_at..]).is_none_or(|m| prev_at + m.len <= at) {
            cuts.push(at);
            if let Some(m) = marker.as_ref().filter(|m| is_article(m)) {
                last_article = sections.ordinal(m.style, &m.label);
            }
        }
    }
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut from = 0;
    for at in cuts {
        out.push(text[from..at].trim_end());
        from = at;
    }
    out.push(&text[from..]);
    out
}

/// Where a numbered heading in capitals runs on into its first item on the
/// same line ("B. PHƯƠNG ÁN TÁI CẤU TRÚC I. Lưu đồ quy trình điện tử"): a
/// lost line break, seen in paragraphs of any length. Without the cut the
/// item is lost, and the list it opens ("II.", "III.") with it, since a
/// list is only accepted from its first item.
pub fn glued_first_item(line: &str, sections: &SectionGrammar) -> Option<usize> {
    // (most lines have a word in lower case among their first two: no
    // marker is looked for in them, nor their words listed)
    if !line.split(' ').filter(|w| !w.is_empty()).nth(1).is_some_and(is_caps_word) {
        return None;
    }
    let words = word_starts(line);
    let heading = sections.match_marker(line).filter(|m| !matches!(sections.styles[m.style].sequence, Sequence::None))?;
    // (every word before this one is in capitals: the loop stops at any other)
    for (caps, &(at, w)) in words.iter().filter(|(at, _)| *at >= heading.len).enumerate() {
        if caps >= 2 && w.len() <= 6 && w.ends_with(['.', ')']) {
            // (its text in mixed case: an item in capitals may still be the
            // heading's; `opens_list` has checked that a word starts it)
            let first_item = sections.match_marker(&line[at..]).is_some_and(|m| {
                let rest = &line[at + m.len..];
                opens_list(sections, &m, rest) && rest.split(' ').next().is_some_and(is_capitalised)
            });
            if first_item {
                return Some(at);
            }
        }
        if !is_caps_word(w) {
            return None;
        }
    }
    None
}

/// Where an appendix or part title in capitals starts inside a table cell,
/// after the text that closed the table before it ("Tổng số TTHC công
/// bố: 18 TTHC PHỤ LỤC 2 QUY TRÌNH ...", "... bảo lưu hưởng chế độ. PHỤ
/// LỤC 02 QUY ĐỊNH ..."): a saved page glues the next appendix's title
/// to the last words before it, and both to the next table's header.
pub fn glued_title(cell: &str, sections: &SectionGrammar) -> Option<usize> {
    // (words are read as they come, not collected: this runs on every
    // table cell; a .docx cell keeps its paragraphs, so a title may also
    // open a line of it)
    let mut prev = None;
    words(cell).find_map(|(at, word)| {
        let prev = prev.replace(word)?;
        let (prev, at, word) = match word.rsplit_once('\n') {
            Some((before, line)) => (before, at + before.len() + 1, line),
            None => (prev, at, word),
        };
        if !is_caps_word(word) {
            return None;
        }
        let m = sections.match_marker(&cell[at..])?;
        (is_title_style(&sections.styles[m.style].name) && !m.label.is_empty() && top_heading_in_caps(sections, &m, prev, &cell[at..])).then_some(at)
    })
}

/// The styles of a title that opens a page of its own in a saved page's
/// table: an appendix or a part.
pub fn is_title_style(style: &str) -> bool {
    matches!(style, "appendix" | "part")
}

/// An appendix, part or chapter heading in capitals with a title in
/// capitals after it ("... công bố: 18 TTHC PHỤ LỤC 2 QUY TRÌNH NỘI BỘ
/// ..."): such a heading starts a page of its own, so it opens a paragraph
/// after any word, not only after the end of a sentence.
fn top_heading_in_caps(sections: &SectionGrammar, m: &Marker, prev: &str, at: &str) -> bool {
    // (an unlabelled one only after a word with no lower case, a mark or
    // a title: "Có PHỤ LỤC CHI TIẾT kèm theo" names no appendix)
    sections.styles[m.style].top
        && (!m.label.is_empty() || !prev.chars().any(char::is_lowercase))
        && !m.raw.chars().any(char::is_lowercase)
        && at[m.len..].split(' ').take(2).filter(|w| is_caps_word(w)).count() == 2
}

fn opens_list(sections: &SectionGrammar, m: &Marker, rest: &str) -> bool {
    sections.ordinal(m.style, &m.label) == Some(1) && rest.chars().next().is_some_and(char::is_uppercase)
}

fn word_starts(text: &str) -> Vec<(usize, &str)> {
    words(text).collect()
}

/// The words of `text` with their byte offsets, split on the space byte
/// (memchr), not by decoding chars.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let ends = text.match_indices(' ').map(|(i, _)| i).chain(std::iter::once(text.len()));
    ends.scan(0, |start, end| {
        let word = (*start, &text[*start..end]);
        *start = end + 1;
        Some(word)
    })
    .filter(|(_, w)| !w.is_empty())
}

/// A word in capitals: two letters or more, none in lower case.
fn is_caps_word(w: &str) -> bool {
    // Most words have a lower-case ASCII letter: no need to read their chars.
    if w.bytes().any(|b| b.is_ascii_lowercase()) {
        return false;
    }
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
}

/// The page's headings as the saved text marks them ("... TỈNH HÀ TĨNH #
/// CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH Căn cứ ...", "#### Điều 1."): a new
/// paragraph starts there, and the mark itself is no text.
pub fn is_heading_mark(w: &str) -> bool {
    (1..=6).contains(&w.len()) && w.bytes().all(|b| b == b'#')
}

/// A paragraph without the heading mark it opens with (see [`is_heading_mark`]).
pub fn strip_heading_mark(piece: &str) -> &str {
    match piece.split_once(' ') {
        Some((first, rest)) if is_heading_mark(first) => rest.trim_start(),
        None if is_heading_mark(piece) => "",
        _ => piece,
    }
}

/// "2026", "2025-2026", "–": a year, a range of years or the dash between
/// them. An item's number ("1.") is none: it opens the next paragraph.
fn is_year_part(w: &str) -> bool {
    let digits = w.bytes().filter(u8::is_ascii_digit).count();
    let rest_is_dash = w.chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | '–' | '—'));
    rest_is_dash && (digits >= 4 || digits == 0)
}

/// "Căn", "Theo": a capital, then lower case.
pub(crate) fn is_capitalised(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase) && cs.any(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::Grammar;

    #[test]
    fn a_flattened_body_is_cut_into_its_paragraphs() {
        let g = Grammar::builtin();
        let filler = "Phát triển các dịch vụ số bao trùm, rộng khắp dựa trên nguyên tắc lấy người dân làm trung tâm. ".repeat(8);
        let text = format!(
            "QUYẾT ĐỊNH VỀ VIỆC PHÊ DUYỆT CHƯƠNG TRÌNH THỦ TƯỚNG CHÍNH PHỦ Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025; \
             Theo đề nghị của Bộ trưởng. QUYẾT ĐỊNH: Điều 1. Phê duyệt Chương trình, với những nội dung sau: I. QUAN ĐIỂM 1. {filler}\
             2. Ủy ban nhân dân các xã, phường a) Niêm yết công khai theo điểm a) khoản 2 Điều 5; b) Tuyên truyền. \
             3. Chuyển đổi số toàn diện; tổng số 12 đơn vị theo Quyết định số 12/QĐ-UBND ngày 5 tháng 3 năm 2025 của UBND tỉnh."
        );
        let parts = paragraphs(&text, &g.sections);
        let starts: Vec<String> = parts.iter().map(|p| p.split(' ').take(2).collect::<Vec<_>>().join(" ")).collect();
        assert_eq!(starts, ["QUYẾT ĐỊNH", "Căn cứ", "Điều 1.", "I. QUAN", "1. Phát", "2. Ủy", "a) Niêm", "b) Tuyên", "3. Chuyển"], "{parts:#?}");
        assert_eq!(parts.concat().replace(' ', ""), text.replace(' ', ""), "nothing is lost");
    }

    #[test]
    fn a_top_heading_in_capitals_opens_a_paragraph_after_any_word_but_a_citing_one() {
        let g = Grammar::builtin();
        let starts = |text: &str| -> Vec<String> {
            paragraphs(text, &g.sections).iter().map(|p| p.split(' ').take(3).collect::<Vec<_>>().join(" ")).collect()
        };
        assert_eq!(
            starts("18 | Dừng trợ giúp xã hội Tổng số TTHC công bố: 18 TTHC PHỤ LỤC 2 QUY TRÌNH NỘI BỘ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"),
            ["18 | Dừng", "PHỤ LỤC 2"]
        );
        assert_eq!(starts("PHÓ CHỦ TỊCH Nguyễn Anh Chức * PHỤ LỤC QUY TRÌNH NỘI BỘ GIẢI QUYẾT"), ["PHÓ CHỦ TỊCH", "Nguyễn Anh Chức", "PHỤ LỤC QUY"]);
        // Not after a citing word, not unlabelled after a word in lower
        // case, and not a code in capitals that reads as a first item.
        for text in [
            "Danh mục dự án thực hiện theo PHỤ LỤC II BAN HÀNH KÈM THEO.",
            "Danh mục dự án thực hiện (Có PHỤ LỤC CHI TIẾT).",
            "Cục Thuế nhận được công văn số 838/CCTKV.XI I-NVDTPC.HUE ngày 15/05/2025 của Chi cục Thuế",
        ] {
            assert_eq!(starts(text).len(), 1, "{text}: {:?}", paragraphs(text, &g.sections));
        }
    }

    #[test]
    fn heading_marks_start_paragraphs_and_ranges_do_not() {
        let g = Grammar::builtin();
        let text = "# QUYẾT ĐỊNH CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH GIAI ĐOẠN 2026 – 2030 # CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025. # QUYẾT ĐỊNH: Điều 1. Công bố kèm theo.";
        let parts: Vec<&str> = paragraphs(text, &g.sections).into_iter().map(strip_heading_mark).collect();
        assert_eq!(
            parts,
            [
                "QUYẾT ĐỊNH CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH GIAI ĐOẠN 2026 – 2030",
                "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH",
                "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025.",
                "QUYẾT ĐỊNH:",
                "Điều 1. Công bố kèm theo."
            ]
        );
        assert_eq!(strip_heading_mark("#"), "");
        assert_eq!(strip_heading_mark("#5 là số"), "#5 là số");
    }

    #[test]
    fn an_article_after_a_lost_full_stop_is_cut_but_a_list_of_articles_is_not() {
        let g = Grammar::builtin();
        let text = "Điều 4. Chính sách quản lý Việc quản lý thực hiện theo Nghị định số 03/2017/NĐ-CP hoặc văn bản thay thế (nếu có), \
                    Điều 5. Kết thúc thời gian thí điểm Kết thúc thời gian thí điểm, dự án dừng. \
                    Điều 6. Tổ chức thực hiện Căn cứ Điều 4, Điều 17, Điều 19 Nghị định số 181/2025/NĐ-CP, các Bộ triển khai.";
        let parts = paragraphs(text, &g.sections);
        let starts: Vec<&str> = parts.iter().map(|p| &p[..p.find(". ").map_or(p.len(), |i| i + 1)]).collect();
        assert_eq!(starts, ["Điều 4.", "Điều 5.", "Điều 6."], "{parts:#?}");
    }

    #[test]
    fn an_amending_item_after_a_closed_quotation_is_cut() {
        let g = Grammar::builtin();
        let filler = "Ngân sách trung ương hỗ trợ thực hiện các dự án theo quy định của Chương trình mục tiêu quốc gia. ".repeat(6);
        let text = format!(
            "Điều 1. Sửa đổi, bổ sung một số điều như sau: 1. Sửa đổi khoản 1 Điều 1 như sau: “a) {filler}giai đoạn I: từ năm 2021 đến năm 2025.” \
             2. Sửa đổi, bổ sung khoản 2 Điều 2 như sau: “2. Đối tượng áp dụng.” 3. Sửa đổi Điều 8 như sau."
        );
        let parts = paragraphs(&text, &g.sections);
        let starts: Vec<String> = parts.iter().map(|p| p.split(' ').take(2).collect::<Vec<_>>().join(" ")).collect();
        assert_eq!(starts, ["Điều 1.", "1. Sửa", "2. Sửa", "3. Sửa"], "{parts:#?}");
    }

    #[test]
    fn a_cited_number_opens_nothing_but_a_sentence_after_a_citation_does() {
        let g = Grammar::builtin();
        let filler = "Ngân sách trung ương hỗ trợ thực hiện các dự án theo quy định của Chương trình mục tiêu quốc gia. ".repeat(6);
        let text = format!(
            "Điều 2. Thay thế, bãi bỏ một số quy định như sau: 1. Bãi bỏ quy định tại khoản 2 Điều 20. \
             2. Bỏ các cụm từ: “huyện” tại tiểu mục 2.1. Mục 2 Chương IV, khoản 2 Điều 84. 3. Thay thế cụm từ {filler}\
             Điều 3. Điều khoản chuyển tiếp Thực hiện theo khoản 2. Điều 4. Hiệu lực thi hành"
        );
        let parts = paragraphs(&text, &g.sections);
        let starts: Vec<String> = parts.iter().map(|p| p.split(' ').take(2).collect::<Vec<_>>().join(" ")).collect();
        assert_eq!(starts, ["Điều 2.", "1. Bãi", "2. Bỏ", "3. Thay", "Điều 3.", "Điều 4."], "{parts:#?}");
    }

    #[test]
    fn only_a_first_item_in_mixed_case_is_cut_from_a_heading_in_capitals() {
        let g = Grammar::builtin();
        let cut = |line: &'static str| glued_first_item(line, &g.sections).map(|at| line.split_at(at));
        assert_eq!(cut("B. PHƯƠNG ÁN TÁI CẤU TRÚC I. Lưu đồ quy trình"), Some(("B. PHƯƠNG ÁN TÁI CẤU TRÚC ", "I. Lưu đồ quy trình")));
        assert_eq!(cut("II. NHIỆM VỤ, GIẢI PHÁP 1. Hoàn thiện thể chế"), Some(("II. NHIỆM VỤ, GIẢI PHÁP ", "1. Hoàn thiện thể chế")));
        // a heading in capitals throughout, a second item, a single word in capitals, prose
        assert_eq!(cut("PHẦN I. QUY ĐỊNH CHUNG I. PHẠM VI"), None);
        assert_eq!(cut("B. PHƯƠNG ÁN TÁI CẤU TRÚC II. Mô tả"), None);
        assert_eq!(cut("1. UBND a) Chủ trì"), None);
        assert_eq!(cut("1. Sở Tài chính chủ trì, phối hợp UBND cấp xã 1. Rà soát"), None);
    }

    #[test]
    fn a_title_ending_in_a_year_range_is_cut_from_the_preamble() {
        let g = Grammar::builtin();
        let text = "NGHỊ QUYẾT QUY ĐỊNH MỨC HỌC PHÍ TRÊN ĐỊA BÀN THÀNH PHỐ HÀ NỘI NĂM HỌC 2025-2026 Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15; Căn cứ Luật Thủ đô số 39/2024/QH15;";
        let parts = paragraphs(text, &g.sections);
        assert_eq!(parts.len(), 2, "{parts:#?}");
        assert!(parts[0].ends_with("NĂM HỌC 2025-2026") && parts[1].starts_with("Căn cứ Luật"), "{parts:#?}");
    }

    #[test]
    fn ordinary_paragraphs_and_data_rows_stay_whole() {
        let g = Grammar::builtin();
        let short = "Sở Tài chính chủ trì.";
        assert_eq!(paragraphs(short, &g.sections), [short]);
        let prose = "Thực hiện theo điểm a) khoản 2 Điều 5 Nghị định số 12/2025/NĐ-CP và báo cáo trước ngày 15 tháng 12 năm 2025.";
        assert_eq!(paragraphs(prose, &g.sections), [prose]);
        assert!(!holds_body(&["1".into(), "Rà soát thủ tục hành chính".into(), "Sở Tư pháp".into()], &g.sections));
        assert!(holds_body(&["Số: 12/QĐ-TTg".into(), "x".repeat(BODY_CELL_BYTES + 1)], &g.sections));
        let decision = format!("QUYẾT ĐỊNH VỀ VIỆC BAN HÀNH KẾ HOẠCH {} QUYẾT ĐỊNH: Điều 1. Ban hành kèm theo Quyết định này Kế hoạch. Điều 2. Quyết định có hiệu lực kể từ ngày ký.", "Căn cứ Luật Tổ chức chính quyền địa phương;\n".repeat(12)).replace(": Điều 1", ":\nĐiều 1");
        assert!(holds_body(&[decision, "KT. CHỦ TỊCH".into()], &g.sections));
        // A long task cell that cites an article is data.
        let task = format!("{} theo Điều 5. Nghị định số 12/2025/NĐ-CP", "Rà soát, sửa đổi quy định về thủ tục hành chính; ".repeat(14));
        assert!(!holds_body(&["1".into(), task], &g.sections));
    }

    proptest::proptest! {
        #[test]
        fn cutting_loses_nothing_and_never_panics(words in proptest::collection::vec("[a-zđA-ZĐ0-9ỦƯơ.:;()\\-+]{1,6}|I\\.|1\\.|a\\)|Điều 2\\.|PHỤ LỤC|THỦ TƯỚNG", 0..400)) {
            static G: std::sync::LazyLock<Grammar> = std::sync::LazyLock::new(Grammar::builtin);
            let g = &*G;
            let text = words.join(" ");
            let parts = paragraphs(&text, &g.sections);
            proptest::prop_assert_eq!(parts.concat().replace(' ', ""), text.replace(' ', ""));
            proptest::prop_assert!(parts.iter().skip(1).all(|p| !p.is_empty()));
        }
    }
}
