//! Reader tests on small .docx files built in memory from hand-written XML.

use std::io::{Cursor, Write};

use zip::ZipWriter;
use zip::write::SimpleFileOptions;

use super::*;
use crate::ingest::encoding::{legacy_font_encoding, transcode_legacy};
use crate::ingest::{Block, Table};

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml""#;

fn zip_of(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content) in parts {
        zip.start_file(*name, SimpleFileOptions::default()).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}<w:sectPr/></w:body></w:document>"#
    )
}

/// A .docx with the given body and optional numbering.xml / styles.xml content.
fn docx(body: &str, numbering: Option<&str>, styles: Option<&str>) -> Vec<u8> {
    let doc = document(body);
    let numbering = numbering.map(|n| format!("<w:numbering {NS}>{n}</w:numbering>"));
    let styles = styles.map(|s| format!("<w:styles {NS}>{s}</w:styles>"));
    let mut parts = vec![("word/document.xml", doc.as_str())];
    if let Some(n) = numbering.as_deref() {
        parts.push(("word/numbering.xml", n));
    }
    if let Some(s) = styles.as_deref() {
        parts.push(("word/styles.xml", s));
    }
    zip_of(&parts)
}

fn blocks(body: &str) -> Vec<Block> {
    rows_only(read(&docx(body, None, None)).unwrap().blocks)
}

/// Blocks with the merge flags dropped, to compare cell texts alone.
fn rows_only(blocks: Vec<Block>) -> Vec<Block> {
    blocks
        .into_iter()
        .map(|b| match b {
            Block::Table(t) => Block::Table(Table { rows: t.rows, ..Default::default() }),
            other => other,
        })
        .collect()
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

fn para(s: &str) -> Block {
    Block::Paragraph(s.to_string())
}

fn table(rows: &[&[&str]]) -> Block {
    Block::Table(Table { rows: rows.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect(), ..Default::default() })
}

fn tc(props: &str, content: &str) -> String {
    format!("<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>")
}

fn texts(blocks: &[Block]) -> Vec<String> {
    blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(p) => p.clone(),
            Block::Table(t) => format!("{:?}", t.rows),
        })
        .collect()
}

#[test]
fn paragraphs_and_tables_keep_document_order() {
    let body = format!(
        "{}<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>{}{}</w:tr></w:tbl>{}",
        p("Điều 1. Phạm vi"),
        tc("", &(p("Ô một") + &p("dòng hai"))),
        tc("", &p("B")),
        p("Điều 2."),
    );
    assert_eq!(blocks(&body), vec![para("Điều 1. Phạm vi"), table(&[&["Ô một\ndòng hai", "B"]]), para("Điều 2.")]);
}

#[test]
fn run_content_tabs_breaks_hyphens_symbols_and_entities() {
    let body = r#"<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:noBreakHyphen/><w:t>d &amp; e</w:t><w:softHyphen/><w:sym w:font="Symbol" w:char="F0B3"/><w:t>5</w:t></w:r></w:p>"#;
    assert_eq!(blocks(body), vec![para("a\tb\nc-d & e≥5")]);
    // A page break that opens a paragraph is layout, not a line.
    let body = r#"<w:p><w:r><w:br w:type="page"/></w:r><w:r><w:t>PHỤ LỤC</w:t></w:r></w:p>"#;
    assert_eq!(blocks(body), vec![para("PHỤ LỤC")]);
}

#[test]
fn pretty_printed_xml_adds_no_whitespace() {
    let body = "\n  <w:p>\n    <w:r>\n      <w:t>x</w:t>\n    </w:r>\n  </w:p>\n";
    assert_eq!(blocks(body), vec![para("x")]);
}

#[test]
fn grid_span_pads_and_vmerge_repeats_the_text_above() {
    let row1 = format!(
        "<w:tr>{}{}</w:tr>",
        tc(r#"<w:vMerge w:val="restart"/>"#, &p("Cơ quan")),
        tc(r#"<w:gridSpan w:val="2"/>"#, &p("Kinh phí"))
    );
    let row2 = format!("<w:tr>{}{}{}</w:tr>", tc("<w:vMerge/>", "<w:p/>"), tc("", &p("2025")), tc("", &p("2026")));
    let row3 = format!(
        "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>{}</w:tr>",
        tc(r#"<w:gridSpan w:val="2"/>"#, &p("Tổng"))
    );
    let body = format!("<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>{row1}{row2}{row3}</w:tbl>");
    let bytes = docx(&body, None, None);
    let repeat = Options { merged_cells: MergedCells::RepeatText };
    assert_eq!(
        rows_only(read_with(&bytes, repeat).unwrap().blocks),
        vec![table(&[&["Cơ quan", "Kinh phí", ""], &["Cơ quan", "2025", "2026"], &["", "Tổng", ""]])]
    );
    // By default the merged cell stays empty, as Word shows it, and is flagged.
    let blocks = read(&bytes).unwrap().blocks;
    let Block::Table(t) = &blocks[0] else { panic!("a table") };
    assert_eq!(t.rows[1], vec!["", "2025", "2026"]);
    assert!(t.is_merged_above(1, 0) && !t.is_merged_above(1, 1));
    let as_displayed = rows_only(read_with(&bytes, Options { merged_cells: MergedCells::FirstRowOnly }).unwrap().blocks);
    assert_eq!(as_displayed, vec![table(&[&["Cơ quan", "Kinh phí", ""], &["", "2025", "2026"], &["", "Tổng", ""]])]);
}

#[test]
fn nested_table_becomes_lines_in_its_cell() {
    let inner = format!(
        "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
        tc("", &p("a")),
        tc("", &p("b")),
        tc("", &p("c")),
        tc("", &p("d"))
    );
    let body = format!("<w:tbl><w:tr>{}{}</w:tr></w:tbl>", tc("", &(p("trên") + &inner + "<w:p/>")), tc("", &p("x")));
    assert_eq!(blocks(&body), vec![table(&[&["trên\na | b\nc | d", "x"]])]);
}

const LIST: &str = r#"
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%3."/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%4)"/></w:lvl>
  <w:lvl w:ilvl="4"><w:numFmt w:val="bullet"/><w:lvlText w:val=""/><w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr></w:lvl>
  <w:lvl w:ilvl="5"><w:numFmt w:val="bullet"/><w:lvlText w:val="+"/></w:lvl>
  <w:lvl w:ilvl="6"><w:numFmt w:val="none"/><w:lvlText w:val=""/></w:lvl>
  <w:lvl w:ilvl="7"><w:start w:val="1"/><w:numFmt w:val="decimalZero"/><w:lvlText w:val="(%8)"/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%3/"/><w:lvlRestart w:val="0"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="5"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride></w:num>
"#;

fn numbered(num_id: u32, ilvl: u32, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
    )
}

fn numbered_texts(body: &str, styles: Option<&str>) -> Vec<String> {
    texts(&read(&docx(body, Some(LIST), styles)).unwrap().blocks)
}

#[test]
fn numbering_renders_levels_with_restarts() {
    let body = [
        numbered(1, 0, "MỤC TIÊU"),
        numbered(1, 1, "Mục tiêu chung"),
        numbered(1, 2, "Chỉ tiêu a"),
        numbered(1, 2, "Chỉ tiêu b"),
        numbered(1, 3, "điểm"),
        numbered(1, 3, "điểm"),
        numbered(1, 3, "điểm"),
        numbered(1, 3, "điểm"),
        numbered(1, 3, "điểm"),
        numbered(1, 4, "ý"),
        numbered(1, 5, "ý nhỏ"),
        numbered(1, 6, "không số"),
        numbered(1, 7, "sát"),
        numbered(1, 1, "Mục tiêu cụ thể"),
        numbered(1, 2, "Chỉ tiêu"),
        numbered(1, 0, "NHIỆM VỤ"),
        numbered(1, 1, "Nhiệm vụ"),
    ]
    .concat();
    assert_eq!(
        numbered_texts(&body, None),
        [
            "I. MỤC TIÊU",
            "1. Mục tiêu chung",
            "1.1. Chỉ tiêu a",
            "1.2. Chỉ tiêu b",
            "a) điểm",
            "b) điểm",
            "c) điểm",
            "d) điểm",
            "e) điểm",
            "- ý",
            "+ ý nhỏ",
            "không số",
            "(01)sát",
            "2. Mục tiêu cụ thể",
            "2.1. Chỉ tiêu",
            "II. NHIỆM VỤ",
            "1. Nhiệm vụ",
        ]
    );
}

#[test]
fn nums_sharing_a_definition_continue_and_start_overrides_restart() {
    let body = [
        numbered(2, 0, "a"),
        numbered(2, 0, "b"),
        numbered(4, 0, "continues"),
        numbered(3, 0, "restarts"),
        numbered(3, 1, "sub"),
        numbered(3, 2, "roman"),
        numbered(3, 1, "sub"),
        numbered(3, 2, "no restart"),
        numbered(5, 0, "seven"),
        numbered(99, 0, "unknown num"),
        numbered(0, 0, "numbering off"),
    ]
    .concat();
    assert_eq!(
        numbered_texts(&body, None),
        [
            "1. a",
            "2. b",
            "3. continues",
            "1. restarts",
            "1.1. sub",
            "i/ roman",
            "1.2. sub",
            "ii/ no restart",
            "7. seven",
            "unknown num",
            "numbering off"
        ]
    );
}

#[test]
fn numbering_through_paragraph_styles() {
    let styles = r#"
      <w:style w:type="paragraph" w:default="1" w:styleId="Normal"/>
      <w:style w:type="paragraph" w:styleId="Dieu"><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="Khoan"><w:basedOn w:val="Dieu"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>"#;
    let body = [
        r#"<w:p><w:pPr><w:pStyle w:val="Dieu"/></w:pPr><w:r><w:t>Điều</w:t></w:r></w:p>"#,
        r#"<w:p><w:pPr><w:pStyle w:val="Khoan"/></w:pPr><w:r><w:t>Khoản</w:t></w:r></w:p>"#,
        r#"<w:p><w:pPr><w:pStyle w:val="Khoan"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>tắt</w:t></w:r></w:p>"#,
        r#"<w:p><w:pPr><w:pStyle w:val="Dieu"/></w:pPr><w:r><w:t>Điều</w:t></w:r></w:p>"#,
    ]
    .concat();
    assert_eq!(numbered_texts(&body, Some(styles)), ["1. Điều", "1.1. Khoản", "tắt", "2. Điều"]);
}

#[test]
fn legal_numbering_and_level_override() {
    let list = r#"
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:isLgl/><w:lvlText w:val="%1.%2"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/>
        <w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="Phần %1:"/></w:lvl></w:lvlOverride>
      </w:num>"#;
    let body = [numbered(1, 0, "Chung"), numbered(1, 1, "x")].concat();
    let out = texts(&read(&docx(&body, Some(list), None)).unwrap().blocks);
    assert_eq!(out, ["Phần C: Chung", "3.1 x"]);
}

#[test]
fn tracked_changes_keep_insertions_and_drop_deletions() {
    let body = r#"<w:p>
        <w:pPr><w:pPrChange><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:pPrChange></w:pPr>
        <w:r><w:t xml:space="preserve">Kế hoạch </w:t></w:r>
        <w:del w:id="1"><w:r><w:delText>cũ </w:delText></w:r></w:del>
        <w:ins w:id="2"><w:r><w:t xml:space="preserve">mới </w:t></w:r></w:ins>
        <w:moveFrom w:id="3"><w:r><w:t>dời đi</w:t></w:r></w:moveFrom>
        <w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:t>năm 2025</w:t></w:r>
        <w:r><w:rPr><w:vanish/></w:rPr><w:t>ẩn</w:t></w:r>
    </w:p>"#;
    let out = read(&docx(body, Some(LIST), None)).unwrap().blocks;
    assert_eq!(out, vec![para("Kế hoạch mới năm 2025")]);
    let rows = format!(
        r#"<w:tbl><w:tr>{}</w:tr><w:tr><w:trPr><w:del w:id="9"/></w:trPr>{}</w:tr><w:tr>{}</w:tr></w:tbl>"#,
        tc("", &p("giữ")),
        tc("", "<w:p><w:del><w:r><w:delText>bỏ</w:delText></w:r></w:del></w:p>"),
        tc("", &p("còn"))
    );
    assert_eq!(blocks(&rows), vec![table(&[&["giữ"], &["còn"]])]);
}

#[test]
fn text_box_is_read_once_after_its_host_paragraph() {
    let box_content = format!("<w:txbxContent>{}{}</w:txbxContent>", p("Hộp một"), p("Hộp hai"));
    let body = format!(
        r#"<w:p><w:r><w:t xml:space="preserve">Trước </w:t></w:r><w:r><mc:AlternateContent>
             <mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>{box_content}</wps:txbx></wps:wsp></w:drawing></mc:Choice>
             <mc:Fallback><w:pict><v:shape><v:textbox>{box_content}</v:textbox></v:shape></w:pict></mc:Fallback>
           </mc:AlternateContent></w:r><w:r><w:t>sau</w:t></w:r></w:p>{}"#,
        p("Tiếp")
    );
    assert_eq!(blocks(&body), vec![para("Trước sau"), para("Hộp một"), para("Hộp hai"), para("Tiếp")]);
}

#[test]
fn footnotes_are_not_body_text_and_marks_add_nothing() {
    let body = r#"<w:p><w:r><w:t>Quyết định 3740/QĐ-UBND</w:t></w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r><w:r><w:t xml:space="preserve"> ngày 1</w:t></w:r></w:p>"#;
    let notes = format!(
        r#"<w:footnotes {NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Sửa đổi năm 2024.</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    let header = format!(r#"<w:hdr {NS}>{}</w:hdr>"#, p("ĐẦU TRANG"));
    let doc = document(body);
    let bytes = zip_of(&[("word/document.xml", &doc), ("word/footnotes.xml", &notes), ("word/header1.xml", &header)]);
    assert_eq!(rows_only(read(&bytes).unwrap().blocks), vec![para("Quyết định 3740/QĐ-UBND ngày 1")]);
    assert_eq!(read_footnotes(&bytes).unwrap(), vec![" Sửa đổi năm 2024.".to_string()]);
}

#[test]
fn legacy_font_runs_go_through_the_encoding_module() {
    let styles = r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr></w:style>"#;
    let body = r#"<w:p><w:r><w:t>Céng hoµ</w:t></w:r>
        <w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/></w:rPr><w:t xml:space="preserve"> Việt Nam</w:t></w:r>
        <w:r><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/></w:rPr><w:t xml:space="preserve"> Céng</w:t></w:r></w:p>"#;
    let got = read(&docx(body, None, Some(styles))).unwrap();
    let enc = legacy_font_encoding(".VnTime");
    let expected = match enc {
        Some(enc) => transcode_legacy("Céng hoµ", enc),
        None => "Céng hoµ".to_string(),
    };
    // The theme font overrides the style's legacy font: that run is Unicode.
    assert_eq!(got.blocks, vec![para(&format!("{expected} Việt Nam Céng"))]);
    if let Some(enc) = enc {
        assert_eq!(got.encoding.as_deref(), Some(enc.name()));
        assert_ne!(expected, "Céng hoµ", "the encoding module converts TCVN3 text");
    }
}

#[test]
fn other_parts_are_found_through_relationships() {
    let doc = document(&numbered(1, 0, "x"));
    let numbering = format!("<w:numbering {NS}>{LIST}</w:numbering>");
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/main.xml"/></Relationships>"#;
    let doc_rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="lists.xml"/></Relationships>"#;
    let bytes = zip_of(&[
        ("_rels/.rels", rels),
        ("word/main.xml", &doc),
        ("word/_rels/main.xml.rels", doc_rels),
        ("word/lists.xml", &numbering),
    ]);
    assert_eq!(rows_only(read(&bytes).unwrap().blocks), vec![para("I. x")]);
}

#[test]
fn not_a_docx_is_a_clear_error() {
    assert!(matches!(read(b"hello, this is plain text"), Err(IngestError::Corrupt(_))));
    assert!(matches!(read(b"{\\rtf1\\ansi hello}"), Err(IngestError::Corrupt(m)) if m.contains("RTF")));
    let no_document = zip_of(&[("xl/workbook.xml", "<workbook/>")]);
    assert!(
        matches!(read(&no_document), Err(IngestError::Corrupt(m)) if m.contains("word/document.xml") && m.contains("Excel"))
    );
}

#[test]
fn truncated_zip_is_corrupt() {
    let bytes = docx(&p("Nội dung dài ").repeat(200), None, None);
    for cut in [bytes.len() / 3, bytes.len() / 2, bytes.len() - 10] {
        assert!(matches!(read(&bytes[..cut]), Err(IngestError::Corrupt(_))), "cut at {cut}");
    }
}

#[test]
fn truncated_document_xml_keeps_the_text_before_the_damage() {
    let full = document(&(p("Một") + &p("Hai") + &p("Ba")));
    let cut = &full[..full.find("Ba").unwrap() + 1];
    let got = read(&zip_of(&[("word/document.xml", cut)])).unwrap();
    assert_eq!(got.blocks[..2], [para("Một"), para("Hai")]);
    assert!(got.warnings.iter().any(|w| w.contains("ends early")), "{:?}", got.warnings);
    let broken = full.replace("Hai</w:t>", "Hai</w:x>");
    let got = read(&zip_of(&[("word/document.xml", &broken)])).unwrap();
    assert_eq!(got.blocks[0], para("Một"));
    assert!(got.warnings.iter().any(|w| w.contains("damaged")), "{:?}", got.warnings);
}

#[test]
fn oversized_entries_are_refused_while_inflating() {
    let bytes = docx(&p(&"x".repeat(4096)), None, None);
    let limits = Limits { max_part_bytes: 1024, ..Limits::default() };
    assert!(matches!(read_with_limits(&bytes, Options::default(), limits), Err(IngestError::TooLarge(_))));
    assert!(read_with_limits(&bytes, Options::default(), Limits::default()).is_ok());
}

#[test]
fn deep_nesting_and_element_floods_are_refused() {
    let deep = format!("{}{}", "<w:sdt><w:sdtContent>".repeat(300), "</w:sdtContent></w:sdt>".repeat(300));
    assert!(matches!(read(&docx(&deep, None, None)), Err(IngestError::TooLarge(_))));
    let many = docx(&"<w:p/>".repeat(500), None, None);
    let limits = Limits { max_elements: 100, ..Limits::default() };
    assert!(matches!(read_with_limits(&many, Options::default(), limits), Err(IngestError::TooLarge(_))));
}

#[test]
fn too_many_entries_are_refused() {
    let names: Vec<String> = (0..30).map(|i| format!("word/media/{i}.bin")).collect();
    let doc = document(&p("x"));
    let mut parts: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "")).collect();
    parts.push(("word/document.xml", &doc));
    let limits = Limits { max_entries: 10, ..Limits::default() };
    assert!(matches!(read_with_limits(&zip_of(&parts), Options::default(), limits), Err(IngestError::TooLarge(_))));
}

#[test]
fn ole_files_are_legacy_doc_or_encrypted() {
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.resize(2048, 0);
    let mut doc = ole.clone();
    doc.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
    assert!(matches!(read(&doc), Err(IngestError::Unsupported(m)) if m.contains(".doc")));
    let mut encrypted = ole;
    encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(read(&encrypted).unwrap_err(), IngestError::Encrypted);
    let zip_encrypted = zip_of(&[("EncryptedPackage", "x"), ("EncryptionInfo", "y")]);
    assert_eq!(read(&zip_encrypted).unwrap_err(), IngestError::Encrypted);
}

#[test]
fn damaged_bytes_never_panic() {
    let body = [
        numbered(1, 0, "Mục"),
        format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}</w:tr></w:tbl>",
            tc(r#"<w:vMerge w:val="restart"/>"#, &p("a")),
            tc(r#"<w:gridSpan w:val="3"/>"#, &p("b")),
            tc("<w:vMerge/>", "")
        ),
        p("cuối"),
    ]
    .concat();
    let stored = {
        let doc = document(&body);
        let numbering = format!("<w:numbering {NS}>{LIST}</w:numbering>");
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        for (name, content) in [("word/document.xml", doc.as_str()), ("word/numbering.xml", numbering.as_str())] {
            zip.start_file(name, opts).unwrap();
            zip.write_all(content.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    };
    // Stored entries make byte flips reach the XML itself (CRC checks then
    // reject most of them, which must also be a clean error).
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for round in 0..400 {
        let mut bytes = stored.clone();
        for _ in 0..1 + round % 4 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let at = (state % bytes.len() as u64) as usize;
            bytes[at] = (state >> 32) as u8;
        }
        let _ = read(&bytes);
        let _ = read(&bytes[..bytes.len() * (round % 10 + 1) / 11]);
    }
    // The XML itself mangled, inside a valid zip.
    let doc = document(&body);
    for cut in (1..doc.len()).step_by(7) {
        let cut = doc.floor_char_boundary(cut);
        let mangled = format!("{}{}", &doc[..cut], &doc[cut..].replacen('<', "&", 1));
        let _ = read(&zip_of(&[("word/document.xml", &doc[..cut])]));
        let _ = read(&zip_of(&[("word/document.xml", &mangled)]));
    }
}

/// A cell that opens a vertical merge, and one that continues it.
const RESTART: &str = r#"<w:vMerge w:val="restart"/>"#;
fn cont() -> String {
    tc("<w:vMerge/>", "<w:p/>")
}

fn row(cells: &[String]) -> String {
    format!("<w:tr>{}</w:tr>", cells.concat())
}

/// The whole pipeline on a .docx with this body.
fn parse_docx(body: &str) -> crate::model::Document {
    let grammar = crate::grammar::Grammar::builtin();
    let options = crate::pipeline::Options { ingest: crate::ingest::IngestOptions::default(), include_text: false };
    match crate::pipeline::process_bytes(&docx(body, None, None), crate::ingest::Format::Docx, "x.docx", &grammar, &options) {
        Ok(doc) => doc,
        Err(e) => panic!("the test .docx did not parse: {e}"),
    }
}

#[test]
fn a_group_title_beside_merged_cells_groups_the_tasks_below_and_is_no_task() {
    // The lead, support and time of the last task are drawn down beside the
    // next group's title ("II. ..."); the row after the title starts its
    // group. A task whose number and lead continue merges keeps its duty.
    let header = row(&["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"].map(|c| tc("", &p(c))));
    let first = row(&[
        tc(RESTART, &p("1")),
        tc("", &p("Tuyên truyền chuyển đổi số cho doanh nghiệp")),
        tc(RESTART, &p("Sở Nội vụ")),
        tc(RESTART, &p("Sở Tư pháp")),
        tc(RESTART, &p("Quý IV/2026")),
    ]);
    let group = row(&[cont(), tc("", &p("II. HOÀN THIỆN CƠ CHẾ, CHÍNH SÁCH HỖ TRỢ DOANH NGHIỆP")), cont(), cont(), cont()]);
    let second = row(&[
        tc(RESTART, &p("2")),
        tc("", &p("Xây dựng cơ chế hỗ trợ doanh nghiệp chuyển đổi số")),
        tc(RESTART, &p("Sở Khoa học và Công nghệ")),
        tc("", &p("Sở Tài chính")),
        tc("", &p("Năm 2027")),
    ]);
    let third = row(&[cont(), tc("", &p("Rà soát, đánh giá chính sách hỗ trợ doanh nghiệp")), cont(), tc("", &p("Sở Công Thương")), tc("", &p("Năm 2028"))]);
    let body = format!(
        "{}{}{}{}<w:tbl>{header}{first}{group}{second}{third}</w:tbl>",
        p("ỦY BAN NHÂN DÂN TỈNH BẮC NINH"),
        p("Số: 25/KH-UBND"),
        p("KẾ HOẠCH"),
        p("Hỗ trợ doanh nghiệp chuyển đổi số năm 2026")
    );
    let doc = parse_docx(&body);
    let tasks: Vec<(String, &str, &str)> = doc.tasks.iter().map(|t| (t.section.join("/"), t.text.as_str(), t.lead[0].as_str())).collect();
    let group = "II. HOÀN THIỆN CƠ CHẾ, CHÍNH SÁCH HỖ TRỢ DOANH NGHIỆP";
    assert_eq!(
        tasks,
        [
            ("1".to_string(), "Tuyên truyền chuyển đổi số cho doanh nghiệp", "Sở Nội vụ"),
            (format!("{group}/2"), "Xây dựng cơ chế hỗ trợ doanh nghiệp chuyển đổi số", "Sở Khoa học và Công nghệ"),
            (format!("{group}/2"), "Rà soát, đánh giá chính sách hỗ trợ doanh nghiệp", "Sở Khoa học và Công nghệ"),
        ],
        "{:#?}",
        doc.tasks
    );
}

#[test]
fn a_numbered_subgroup_beside_a_merged_number_is_no_task() {
    // "III.1.2 | Nhóm các nền tảng ..." sits beside the number of the task
    // above, drawn down by a merge: the label and title are the group of
    // the rows below, not a task led by "Nhóm các nền tảng ...".
    let header = row(&["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"].map(|c| tc("", &p(c))));
    let first = row(&[
        tc(RESTART, &p("4")),
        tc("", &p("Xây dựng ứng dụng trợ lý ảo thống nhất trên Cổng Dịch vụ công quốc gia")),
        tc("", &p("Bộ Công an")),
        tc("", &p("Các bộ, ngành, địa phương")),
        tc("", &p("Năm 2025-2026")),
    ]);
    let group = row(&[cont(), tc("", &p("III.1.2")), tc("", &p("Nhóm các nền tảng phục vụ quản trị và chỉ đạo, điều hành")), tc("", ""), tc("", "")]);
    let second = row(&[
        tc("", &p("5")),
        tc("", &p("Phát triển Hệ thống thông tin báo cáo Chính phủ")),
        tc("", &p("Văn phòng Chính phủ")),
        tc("", &p("Các bộ, ngành, địa phương")),
        tc("", &p("Năm 2026")),
    ]);
    let body = format!(
        "{}{}{}<w:tbl>{header}{first}{group}{second}</w:tbl>",
        p("THỦ TƯỚNG CHÍNH PHỦ"),
        p("QUYẾT ĐỊNH"),
        p("Phê duyệt Chương trình phát triển Chính phủ số")
    );
    let doc = parse_docx(&body);
    let tasks: Vec<(String, &str)> = doc.tasks.iter().map(|t| (t.section.join("/"), t.lead[0].as_str())).collect();
    assert_eq!(tasks, [("4".to_string(), "Bộ Công an"), ("III.1.2/5".to_string(), "Văn phòng Chính phủ")], "{:#?}", doc.tasks);
}
