//! Stage 2: blocks -> one normalised text with a line index.
//!
//! The normalised text is what every span in the output points into, so it is
//! built here once and never edited afterwards. Each paragraph becomes one
//! line (wrapped lines are rejoined), each table row becomes one line with its
//! cells joined by " | " and their ranges recorded, so later stages can work
//! on lines and cells without losing their place in the text.

mod builder;
mod clean;
pub mod flattened;
pub mod vietnamese;

use crate::grammar::Grammar;
use crate::ingest::{Block, Format};
use crate::grammar::header::{RULE_CHARS, rule_prefix};
use crate::grammar::sections::is_upper_line;
use regex::RegexSet;
use serde::Deserialize;
use std::borrow::Cow;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
use clean::*;

#[derive(Debug, Clone, Default)]
pub struct NormDoc {
    pub text: String,
    pub lines: Vec<Line>,
}

#[derive(Debug, Clone)]
pub struct Line {
    pub start: usize,
    pub end: usize,
    pub kind: LineKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum LineKind {
    Para,
    /// A footnote ("¹Chỉ số ... đạt 88,61/100 điểm"). Footnotes interrupt
    /// the sentence they sit in on paper, so they are moved to the end of
    /// the text, outside every section; references in them still count.
    Footnote,
    /// A table row; `cells` are byte ranges of each cell in the text.
    /// `values` are the ranges to read each cell's value from: the cell
    /// itself, or for an empty cell merged with the one above (Word's
    /// vMerge), the range of that cell.
    Row { table: usize, row: usize, cells: Vec<(usize, usize)>, values: Vec<(usize, usize)> },
}

impl NormDoc {
    pub fn line_text(&self, i: usize) -> &str {
        let l = &self.lines[i];
        &self.text[l.start..l.end]
    }

    /// 1-based line number of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.lines.partition_point(|l| l.end < offset).min(self.lines.len().saturating_sub(1)) + 1
    }
}

/// Rules from `normalize.toml`.
pub struct NormalizeGrammar {
    page_number: RegexSet,
    residue: RegexSet,
    tail: RegexSet,
    wrap_joiners: Vec<String>,
    line_joiners: Vec<String>,
}

#[derive(Deserialize)]
pub struct RawNormalize {
    page_number_patterns: Vec<String>,
    residue_patterns: Vec<String>,
    #[serde(default)]
    tail_patterns: Vec<String>,
    #[serde(default)]
    wrap_joiners: Vec<String>,
    #[serde(default)]
    line_joiners: Vec<String>,
}

impl NormalizeGrammar {
    /// The words no sentence ends on, lower-cased (shared with the PDF
    /// readers' paragraph rebuilding).
    pub fn wrap_joiners(&self) -> &[String] {
        &self.wrap_joiners
    }

    pub fn compile(raw: RawNormalize) -> Result<Self, regex::Error> {
        Ok(NormalizeGrammar {
            page_number: RegexSet::new(&raw.page_number_patterns)?,
            residue: RegexSet::new(&raw.residue_patterns)?,
            tail: RegexSet::new(&raw.tail_patterns)?,
            wrap_joiners: crate::grammar::lowered(&raw.wrap_joiners),
            line_joiners: crate::grammar::lowered(&raw.line_joiners),
        })
    }

    pub fn is_page_number(&self, line: &str) -> bool {
        self.page_number.is_match(line)
    }

    /// A line after which the rest of the file is web-page furniture.
    pub fn is_tail(&self, line: &str) -> bool {
        self.tail.is_match(line)
    }

    pub fn is_residue(&self, line: &str) -> bool {
        self.residue.is_match(line)
    }

    /// Whether `line` ends on a word no sentence ends on ("... phối hợp với").
    fn ends_on_joiner(&self, line: &str) -> bool {
        crate::grammar::ends_on_word(line, &self.wrap_joiners)
    }

    /// Whether `line` ends on a word that never ends a paragraph, wrapped
    /// text or not ("... ngày 03/6/2020 của").
    fn ends_on_line_joiner(&self, line: &str) -> bool {
        crate::grammar::ends_on_word(line, &self.line_joiners)
    }
}

/// A superscript digit ("¹", "⁰"): how documents number their footnotes,
/// at the note's head and glued to the word it annotates.
pub fn is_superscript_digit(c: char) -> bool {
    matches!(c, '\u{00B9}' | '\u{00B2}' | '\u{00B3}' | '\u{2070}' | '\u{2074}'..='\u{2079}')
}

/// Build the normalised document from a reader's blocks.
pub fn normalize(blocks: &[Block], format: Format, g: &Grammar) -> NormDoc {
    builder::build(blocks, format, g)
}

#[cfg(test)]
mod tests {
    use super::*;
    use super::builder::wrap_width;

    #[test]
    fn the_space_pre_check_matches_unicode_white_space() {
        for c in (0x80u32..=0x10FFFF).filter_map(char::from_u32) {
            let s = format!("a{c}b");
            assert_eq!(has_non_ascii_space(s.as_bytes()), c.is_whitespace(), "U+{:04X}", u32::from(c));
            assert_eq!(has_non_ascii_space(c.to_string().as_bytes()), c.is_whitespace(), "U+{:04X} alone", u32::from(c));
        }
    }

    /// The lines of `blocks` after normalising, as text.
    fn lines_of(blocks: &[Block]) -> Vec<String> {
        let doc = normalize(blocks, Format::Pdf, &crate::grammar::Grammar::builtin());
        (0..doc.lines.len()).map(|i| doc.line_text(i).to_string()).collect()
    }

    #[test]
    fn a_title_glued_in_a_docx_cell_keeps_the_items_after_it_on_lines_of_their_own() {
        let cell = "Tổng số TTHC công bố: 18 TTHC\nPHỤ LỤC 2\nQUY TRÌNH NỘI BỘ GIẢI QUYẾT\nTHỦ TỤC HÀNH CHÍNH\nI. QUY TRÌNH CẤP TỈNH\nQuy trình số 01\n1. Quy trình nội bộ giải quyết TTHC";
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        let rows = vec![row(&["1", "2.000477", "Dừng trợ giúp xã hội"]), row(&[cell, "Thứ tự công việc", "Nội dung công việc"])];
        let lines = lines_of(&[Block::Table(crate::ingest::Table { rows, merged_above: Vec::new() })]);
        let want = [
            "1 | 2.000477 | Dừng trợ giúp xã hội",
            "Tổng số TTHC công bố: 18 TTHC",
            "PHỤ LỤC 2 QUY TRÌNH NỘI BỘ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
            "I. QUY TRÌNH CẤP TỈNH",
            "Quy trình số 01",
            "1. Quy trình nội bộ giải quyết TTHC",
            "Thứ tự công việc | Nội dung công việc",
        ];
        assert_eq!(lines, want);
    }

    #[test]
    fn a_number_set_apart_from_its_text_takes_the_next_line() {
        let item = "2.\nChủ tịch Ủy ban nhân dân các tỉnh: Khánh Hòa, Đắk Lắk, Gia Lai:\n- Chịu trách nhiệm toàn diện.";
        let want = ["2. Chủ tịch Ủy ban nhân dân các tỉnh: Khánh Hòa, Đắk Lắk, Gia Lai:", "- Chịu trách nhiệm toàn diện."];
        assert_eq!(lines_of(&[Block::Paragraph(item.to_string())]), want);
        // The same item in the long cell of a layout row, as a Công điện
        // saved from the web and printed to PDF holds its body.
        let body = format!("{}\n1. Các Bộ tập trung chỉ đạo ứng phó.\n{item}", "Căn cứ tình hình mưa lũ. ".repeat(90));
        let lines = lines_of(&[Block::Table(crate::ingest::Table { rows: vec![vec![body]], merged_above: Vec::new() })]);
        assert_eq!(lines[lines.len() - 3..], ["1. Các Bộ tập trung chỉ đạo ứng phó.", want[0], want[1]]);
        // A word marker alone keeps its title on a line of its own, and a
        // bare number over another item is an item with no text.
        let kept = "Chương II\nNHIỆM VỤ CỤ THỂ\n3.\n3.1. Sở Y tế chủ trì.";
        assert_eq!(lines_of(&[Block::Paragraph(kept.to_string())]), ["Chương II", "NHIỆM VỤ CỤ THỂ", "3.", "3.1. Sở Y tế chủ trì."]);
    }

    #[test]
    fn plain_lines_are_those_the_full_path_leaves_alone() {
        // Every char after a letter and alone: the shortcut may only clear
        // what the full path would keep byte for byte.
        for c in (0u32..=0x10FFFF).filter_map(char::from_u32).filter(|&c| c != '\n') {
            for s in [format!("a{c}b"), c.to_string(), format!("e{c}")] {
                for format in [Format::Txt, Format::Md] {
                    if is_plain_line(&s, format) {
                        assert_eq!(clean_line_fully(&s, format), s, "U+{:04X} in {s:?}", u32::from(c));
                    }
                }
            }
        }
        assert!(is_plain_line("Ủy ban nhân dân tỉnh Đắk Lắk – “Kế hoạch” số 12/KH-UBND", Format::Txt));
        for untidy in ["a  b", " a", "a ", "**A**", "a\tb", "Ðà", "a\u{A0}b", "e\u{0301}", "a\u{200B}b"] {
            assert!(!is_plain_line(untidy, Format::Txt), "{untidy:?}");
        }
        assert!(!is_plain_line("# A", Format::Md));
    }

    proptest::proptest! {
        #[test]
        fn the_shortcut_agrees_with_the_full_path(s in "[aăâđeêoôơuưyAĐỦủỷ ,.*_#>|–“”\u{A0}\u{0301}\u{0302}\u{200B}ÐðẠạ\t-]{0,24}") {
            for format in [Format::Txt, Format::Md] {
                proptest::prop_assert_eq!(clean_line(&s, format).into_owned(), clean_line_fully(&s, format));
            }
        }
    }

    #[test]
    fn heading_marks_go_whole_and_once_in_every_format_but_markdown() {
        // A web page saved as .docx (and printed to PDF) keeps its marks as
        // literal text, as a saved .txt does.
        for format in [Format::Txt, Format::Docx, Format::Pdf] {
            for (raw, clean) in [("#### Điều 1. Phạm vi", "Điều 1. Phạm vi"), ("#\u{b}Ð", "Đ"), (" # # Đ", "Đ"), ("#5 là số", "#5 là số"), ("##", "")] {
                let once = clean_line(raw, format).into_owned();
                assert_eq!(once, clean, "{raw:?} in {format:?}");
                assert_eq!(clean_line(&once, format), once, "a second pass changes {raw:?} in {format:?}");
            }
        }
    }

    #[test]
    fn tidy_lines_are_kept_and_untidy_ones_collapsed() {
        assert_eq!(collapse_whitespace("Sở Tài chính chủ trì".to_string()), "Sở Tài chính chủ trì");
        assert_eq!(collapse_whitespace(" Sở  Tài\tchính\u{3000}chủ trì ".to_string()), "Sở Tài chính chủ trì");
    }

    fn norm(text: &str) -> NormDoc {
        let g = Grammar::builtin();
        normalize(&crate::ingest::text::blocks_from_text(text), Format::Txt, &g)
    }

    #[test]
    fn wrapped_lines_rejoin_but_items_do_not() {
        let d = norm("- Hoàn thiện việc đổi mới theo hướng nâng cao chất lượng phục vụ,\n\nkhông theo địa giới hành chính.\n- Tăng cường");
        assert_eq!(d.lines.len(), 2);
        assert_eq!(d.line_text(0), "- Hoàn thiện việc đổi mới theo hướng nâng cao chất lượng phục vụ, không theo địa giới hành chính.");
    }

    /// A plan saved as text wrapped at 80 columns, as a PDF's text layer or
    /// an e-mail gives it.
    const HARD_WRAPPED: &str = "\
III. DỰ BÁO TÁC ĐỘNG ĐẾN CÂN ĐỐI NGÂN SÁCH VÀ CÁC GIẢI PHÁP TỔ CHỨC THỰC HIỆN
KẾ HOẠCH TÀI CHÍNH 03 NĂM 2026 - 2028
Triển khai Chỉ thị số 15-CT/TU của Ban Thường vụ Tỉnh ủy về cải cách hành chính
Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;
Chuyển đổi cơ cấu cây trồng, vật nuôi trên đất trồng lúa năm 2025 tỉnh Sơn La
(Kèm theo Quyết định số 12/QĐ-UBND ngày 3 tháng 4 năm 2025)
Điều 8. Tàu thuyền quân sự Việt Nam đến và rời vùng nước Cảng quốc tế Cam Ranh
Bộ trưởng Bộ Quốc phòng quy định và tổ chức quản lý hoạt động của tàu thuyền.
Điều 9. Dịch vụ, hoạt động được thực hiện trong khu vực Cảng quốc tế Cam
Ranh[7]
1. Nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức cấp xã năm 2025
Ủy ban nhân dân các xã, phường chủ động rà soát, bố trí cán bộ theo vị trí việc
làm được phê duyệt.
3. Phấn đấu giá trị hàng hóa tham gia xuất khẩu đến năm 2030 đạt 400 triệu
USD; căn cứ chức năng, nhiệm vụ được giao, chủ động phối hợp với Sở Công Thương
(Trung tâm Xúc tiến thương mại) và Sở Nông nghiệp và Môi trường tổ chức hội chợ.
4. Giá trị hàng công nghiệp, tiểu thủ công nghiệp tham gia xuất khẩu đạt 5 triệu
USD.
a) Đơn xin đổi thẻ (đối với trường hợp thẻ bị hư hỏng không sử dụng được theo
Phụ lục 05 đính kèm);
b) Sở Nội vụ chủ trì tham mưu triển khai các nội dung của Kế hoạch, phối hợp với
Sở Tài chính bố trí kinh phí thực hiện theo quy định hiện hành của Nhà nước.
c) Kết quả thực hiện thủ tục hành chính là quyết định công bố dịch hại theo mẫu
Phụ lục 11 ban hành kèm theo Tiêu chuẩn cơ sở 661: 2018/BVTV.
2. Tổ chức thực hiện
Các sở, ban, ngành, Ủy ban nhân dân các huyện, thành phố căn cứ nhiệm vụ được
giao tổ chức triển khai thực hiện nghiêm túc, hiệu quả các nội dung của Kế
hoạch; định kỳ báo cáo kết quả về Sở Nội vụ trước ngày 15 tháng 12 hằng năm.";

    #[test]
    fn a_hard_wrapped_text_rejoins_what_the_wrap_broke() {
        let d = norm(HARD_WRAPPED);
        let lines: Vec<&str> = (0..d.lines.len()).map(|i| d.line_text(i)).collect();
        assert_eq!(
            lines,
            [
                // a heading in capitals wrapped onto a second line
                "III. DỰ BÁO TÁC ĐỘNG ĐẾN CÂN ĐỐI NGÂN SÁCH VÀ CÁC GIẢI PHÁP TỔ CHỨC THỰC HIỆN KẾ HOẠCH TÀI CHÍNH 03 NĂM 2026 - 2028",
                // a line that ends a title (header.toml title_stops: "Căn cứ", "(Kèm
                // theo") opens a paragraph after a full line
                "Triển khai Chỉ thị số 15-CT/TU của Ban Thường vụ Tỉnh ủy về cải cách hành chính",
                "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
                // an attached form's title stays apart from the line naming its decision
                "Chuyển đổi cơ cấu cây trồng, vật nuôi trên đất trồng lúa năm 2025 tỉnh Sơn La",
                "(Kèm theo Quyết định số 12/QĐ-UBND ngày 3 tháng 4 năm 2025)",
                // an article's title that filled the line ends there
                "Điều 8. Tàu thuyền quân sự Việt Nam đến và rời vùng nước Cảng quốc tế Cam Ranh",
                "Bộ trưởng Bộ Quốc phòng quy định và tổ chức quản lý hoạt động của tàu thuyền.",
                // unless the title's last word is cut off
                "Điều 9. Dịch vụ, hoạt động được thực hiện trong khu vực Cảng quốc tế Cam Ranh[7]",
                // running text goes on into a capitalised name or an aside in
                // parentheses (a numbered item's full first line too: most
                // such breaks cut a sentence, few end a heading)
                "1. Nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức cấp xã năm 2025 Ủy ban nhân dân các xã, phường chủ động rà soát, bố trí cán bộ theo vị trí việc làm được phê duyệt.",
                "3. Phấn đấu giá trị hàng hóa tham gia xuất khẩu đến năm 2030 đạt 400 triệu USD; căn cứ chức năng, nhiệm vụ được giao, chủ động phối hợp với Sở Công Thương (Trung tâm Xúc tiến thương mại) và Sở Nông nghiệp và Môi trường tổ chức hội chợ.",
                // the sentence's last word alone on the next line
                "4. Giá trị hàng công nghiệp, tiểu thủ công nghiệp tham gia xuất khẩu đạt 5 triệu USD.",
                // an appendix cited mid-sentence is no appendix heading
                "a) Đơn xin đổi thẻ (đối với trường hợp thẻ bị hư hỏng không sử dụng được theo Phụ lục 05 đính kèm);",
                // "với" ends no sentence, so the agency on the next line belongs to it
                "b) Sở Nội vụ chủ trì tham mưu triển khai các nội dung của Kế hoạch, phối hợp với Sở Tài chính bố trí kinh phí thực hiện theo quy định hiện hành của Nhà nước.",
                "c) Kết quả thực hiện thủ tục hành chính là quyết định công bố dịch hại theo mẫu Phụ lục 11 ban hành kèm theo Tiêu chuẩn cơ sở 661: 2018/BVTV.",
                "2. Tổ chức thực hiện",
                "Các sở, ban, ngành, Ủy ban nhân dân các huyện, thành phố căn cứ nhiệm vụ được giao tổ chức triển khai thực hiện nghiêm túc, hiệu quả các nội dung của Kế hoạch; định kỳ báo cáo kết quả về Sở Nội vụ trước ngày 15 tháng 12 hằng năm.",
            ]
        );
    }

    #[test]
    fn whole_paragraph_lines_are_no_hard_wrap() {
        // The same breaks in a text whose lines are paragraphs are kept: a
        // line that short is no wrap (and the wrap width is not guessed from
        // a handful of lines). Only a word no paragraph ends on ("với",
        // normalize.toml `line_joiners`) carries a line into the next.
        let d = norm("b) Sở Nội vụ chủ trì, phối hợp với\nSở Tài chính bố trí kinh phí.\nc) Lập hồ sơ theo mẫu\nPhụ lục 11 ban hành kèm theo Quyết định này.");
        let lines: Vec<&str> = (0..d.lines.len()).map(|i| d.line_text(i)).collect();
        assert_eq!(
            lines,
            vec![
                "b) Sở Nội vụ chủ trì, phối hợp với Sở Tài chính bố trí kinh phí.",
                "c) Lập hồ sơ theo mẫu",
                "Phụ lục 11 ban hành kèm theo Quyết định này."
            ]
        );
        let paragraphs: Vec<Block> = (0..40).map(|i| Block::Paragraph(format!("{i}. {}", "Nội dung công việc rất dài ".repeat(i % 9 + 1)))).collect();
        assert_eq!(wrap_width(&paragraphs), None);
        let wrapped: Vec<Block> = HARD_WRAPPED.lines().map(|l| Block::Paragraph(l.to_string())).collect();
        assert_eq!(wrap_width(&wrapped), Some(80));
    }

    #[test]
    fn page_numbers_and_emphasis_go() {
        let d = norm("**KẾ HOẠCH**\n\n12\n\n(*qua phòng Nội vụ*)");
        assert_eq!(d.text, "KẾ HOẠCH\n(qua phòng Nội vụ)");
    }

    #[test]
    fn table_cells_are_located() {
        let d = norm("Mở đầu\nTT | Nhiệm vụ\n1 | Rà  soát");
        let LineKind::Row { cells, .. } = &d.lines[2].kind else { panic!("row expected") };
        assert_eq!(&d.text[cells[1].0..cells[1].1], "Rà soát");
    }

    #[test]
    fn decomposed_text_is_composed() {
        let d = norm("Ke\u{0302}\u{0301} hoa\u{0323}ch");
        assert_eq!(d.text, "Kế hoạch");
    }
}
