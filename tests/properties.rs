//! Properties every output relies on:
//! - normalisation is idempotent: the normalised text, read again as a .txt,
//!   normalises to itself (so a reviewer who saves `--include-text` output and
//!   parses it again gets the same spans);
//! - no input makes the pipeline panic (a caught panic still counts: it means
//!   a reader or stage hit a bug);
//! - every span slices the normalised text to exactly its item's text.
//!
//! Inputs mix real lines of the corpus .txt seeds with section markers, table
//! rows and the characters real files carry (combining marks, NBSP,
//! zero-width, "Ð", CRLF, tabs, '|'). Case counts are modest so the file runs
//! in seconds; set PROPTEST_CASES to search longer. The long-running search
//! is `examples/fuzz.rs` (see docs/fuzzing.md).

use planparse::grammar::Grammar;
use planparse::ingest::Block;
use planparse::ingest::pdf::Backend;
use planparse::ingest::text::blocks_from_text;
use planparse::ingest::{Format, IngestError, IngestOptions};
use planparse::model::{Document, Section, Span};
use planparse::normalize::vietnamese::fix_chars;
use planparse::normalize::{LineKind, NormDoc, normalize};
use planparse::pipeline::{Options, process_bytes};
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::strategy::ValueTree;
use proptest::test_runner::{RngSeed, TestRunner};
use std::io::{Cursor, Read, Write};
use std::path::PathBuf;
use std::sync::OnceLock;
use unicode_normalization::is_nfc;

// ---------------------------------------------------------------- fixtures

fn grammar() -> &'static Grammar {
    static G: OnceLock<Grammar> = OnceLock::new();
    G.get_or_init(Grammar::builtin)
}

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

fn corpus_files(ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == ext));
    files.sort();
    files
}

/// Non-empty lines of the UTF-8 seed texts (the legacy-encoded twins are
/// skipped: as UTF-8 they are not text).
fn seed_lines() -> &'static [String] {
    static LINES: OnceLock<Vec<String>> = OnceLock::new();
    LINES.get_or_init(|| {
        let mut lines: Vec<String> = corpus_files("txt")
            .iter()
            .filter_map(|p| String::from_utf8(std::fs::read(p).ok()?).ok())
            .flat_map(|t| t.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect::<Vec<_>>())
            .collect();
        lines.sort();
        lines.dedup();
        assert!(lines.len() > 100, "corpus/*.txt seeds are missing");
        lines
    })
}

/// The smallest corpus file of a format: mutating it is cheap.
fn smallest(ext: &str) -> &'static [u8] {
    static DOCX: OnceLock<Vec<u8>> = OnceLock::new();
    static PDF: OnceLock<Vec<u8>> = OnceLock::new();
    let cell = if ext == "docx" { &DOCX } else { &PDF };
    cell.get_or_init(|| {
        let path =
            corpus_files(ext).into_iter().min_by_key(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(u64::MAX));
        path.and_then(|p| std::fs::read(p).ok()).unwrap_or_else(|| panic!("no corpus/*.{ext} seed"))
    })
}

fn options(include_text: bool) -> Options {
    // The built-in PDF reader only: the property must not depend on whether
    // pdftotext happens to be installed.
    Options {
        ingest: IngestOptions { pdf_backend: Backend::Builtin, time_budget_secs: 30, ..IngestOptions::default() },
        include_text,
    }
}

fn config(default_cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default_cases);
    // CI runs the same inputs every time, so a red build names a change, not
    // a lucky draw; PROPTEST_RNG_SEED=<n> (or a larger PROPTEST_CASES)
    // explores others by hand.
    let rng_seed = match std::env::var("PROPTEST_RNG_SEED") {
        Ok(_) => ProptestConfig::default().rng_seed,
        Err(_) => RngSeed::Fixed(CI_SEED),
    };
    ProptestConfig { cases, failure_persistence: None, rng_seed, ..ProptestConfig::default() }
}

/// The seed CI draws its inputs from.
const CI_SEED: u64 = 20261125;

// -------------------------------------------------------------- strategies

/// Characters that real files carry and that normalisation must handle.
const NOISE: &[char] = &[
    '\u{A0}', '\u{202F}', '\u{2003}', '\u{3000}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{AD}',
    'Ð', 'ð', '\u{FB01}', '\t', '\r', '|', '*', '_', '#', '>', '-', '–', '.', ',', ';', ':', '(', ')', '%', '/', ' ',
    ' ', 'a', 'e', 'o', 'u', 'y', 'A', 'E', 'Ơ', 'ư', 'ê', 'ă', 'đ', 'Đ', '1', '2', '0', '9', 'I', 'V', 'X',
];

#[rustfmt::skip]
const MARKERS: &[&str] = &[
    "I. ", "II. ", "IV. ", "1. ", "2. ", "10. ", "1.1. ", "2.3. ", "1.2.3. ", "a) ", "b) ", "đ) ", "- ", "+ ", "* ",
    "– ", "Điều 1. ", "Chương II ", "PHẦN I ", "Mục 1. ", "¹", "²", "",
];

fn noise_char() -> impl Strategy<Value = char> {
    prop_oneof![
        6 => select(NOISE),
        // Combining marks, Vietnamese tones among them: grave .. dot below.
        3 => (0x300u32..=0x323).prop_map(|c| char::from_u32(c).unwrap_or('\u{301}')),
        1 => any::<char>(),
    ]
}

fn noise() -> impl Strategy<Value = String> {
    proptest::collection::vec(noise_char(), 0..16).prop_map(String::from_iter)
}

/// A run of characters from a real line (possibly all of it).
fn seed_fragment() -> impl Strategy<Value = String> {
    (select(seed_lines()), any::<Index>(), any::<Index>(), any::<bool>()).prop_map(|(line, a, b, whole)| {
        if whole {
            return line;
        }
        let bounds: Vec<usize> = line.char_indices().map(|(i, _)| i).chain([line.len()]).collect();
        let (mut s, mut e) = (*a.get(&bounds), *b.get(&bounds));
        if s > e {
            std::mem::swap(&mut s, &mut e);
        }
        line[s..e].to_string()
    })
}

fn table_row() -> impl Strategy<Value = String> {
    let cell = prop_oneof![2 => seed_fragment(), 1 => noise()];
    (proptest::collection::vec(cell, 1..5), any::<bool>()).prop_map(|(cells, markdown)| {
        let row = cells.join(" | ");
        if markdown { format!("| {row} |") } else { row }
    })
}

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => seed_fragment(),
        3 => (select(MARKERS), seed_fragment()).prop_map(|(m, s)| format!("{m}{s}")),
        2 => noise(),
        2 => (seed_fragment(), noise(), seed_fragment()).prop_map(|(a, n, b)| format!("{a}{n}{b}")),
        1 => table_row(),
        1 => Just(String::new()),
    ]
}

/// Vietnamese-ish text: lines joined by LF, CRLF or blank lines.
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec((line(), select(&["\n", "\n", "\r\n", "\n\n"][..])), 0..16)
        .prop_map(|lines| lines.into_iter().map(|(l, sep)| l + sep).collect())
}

// ------------------------------------------------------------ idempotence

fn normalised(text: &str) -> NormDoc {
    normalize(&blocks_from_text(text), Format::Txt, grammar())
}

type LineLayout = (usize, usize, Option<Vec<(usize, usize)>>);

/// A line's place and cell ranges, without the table/row counters (those
/// count rows and tables that produced no text, which a second pass cannot
/// see).
fn layout(doc: &NormDoc) -> Vec<LineLayout> {
    doc.lines
        .iter()
        .map(|l| {
            let cells = match &l.kind {
                LineKind::Para | LineKind::Footnote => None,
                LineKind::Row { cells, .. } => Some(cells.clone()),
            };
            (l.start, l.end, cells)
        })
        .collect()
}

/// Why a first pass's output may not survive a second pass unchanged.
///
/// By design (permanent): a table row's text form is its cells joined by
/// " | ", and a .txt line is read as a row only when it has that shape. So a
/// one-cell row or a row whose first cell is empty is not read back as a row,
/// and a paragraph whose cleaned text happens to have that shape is read back
/// as one. Nothing in the text can tell them apart.
///
/// Known defects (each has an ignored regression test below; delete the
/// exemption when the test passes): see `KNOWN_*`.
fn exemption(input: &str, once: &NormDoc) -> Option<&'static str> {
    let g = grammar();
    if has_layout_row(input) {
        return Some(KNOWN_LAYOUT_ROW);
    }
    let lines: Vec<(&LineKind, &str)> =
        once.lines.iter().enumerate().map(|(i, l)| (&l.kind, once.line_text(i))).collect();
    // Design classes first, over every line, so that a known defect
    // elsewhere in the input is not blamed for them.
    for &(kind, line) in &lines {
        match kind {
            LineKind::Row { cells, .. } if cells.len() < 2 || cells[0].0 == cells[0].1 => {
                return Some("design: one-cell row or empty first cell");
            }
            // (a footnote is a paragraph too: "² Nghị quyết ... Chính phủ |")
            LineKind::Para | LineKind::Footnote if has_row_shape(line) => return Some("design: paragraph with the shape of a row"),
            _ => {}
        }
    }
    for (i, &(kind, line)) in lines.iter().enumerate() {
        if *kind != LineKind::Para {
            continue;
        }
        if has_emphasis_pair(line) {
            return Some(KNOWN_EMPHASIS_ACROSS_JOIN);
        }
        if g.normalize.is_page_number(line) || g.normalize.is_residue(line) {
            return Some(KNOWN_FILTER_BEFORE_JOIN);
        }
        let after_para = i > 0 && *lines[i - 1].0 == LineKind::Para;
        if after_para && starts_with_lone_marker(line) && joins(lines[i - 1].1, line) {
            return Some(KNOWN_LONE_MARKER);
        }
    }
    if !is_nfc(&once.text) {
        return Some(KNOWN_NOT_NFC);
    }
    if fix_chars(&once.text) != once.text {
        return Some(KNOWN_REPAIR_AFTER_NFC);
    }
    let empty_table = blocks_from_text(input)
        .into_iter()
        .any(|b| matches!(b, Block::Table(_)) && normalize(&[b], Format::Txt, g).lines.is_empty());
    if empty_table {
        return Some(KNOWN_EMPTY_TABLE_ENDS_PARAGRAPH);
    }
    None
}

/// Whether normalisation joins `second` onto `first` (the decision depends
/// only on the two lines).
fn joins(first: &str, second: &str) -> bool {
    normalised(&format!("{first}\n{second}")).lines.len() == 1
}

/// A row read as paragraphs on the first pass: the body cell of a saved web
/// page, a letter's number and body, or an appendix title inside a row
/// (`normalize::push_cells`).
fn has_layout_row(input: &str) -> bool {
    let sections = &grammar().sections;
    input.lines().filter(|l| has_row_shape(l)).any(|l| {
        let cells: Vec<&str> = l.split('|').map(str::trim).collect();
        let title = |c: &&str| {
            sections.match_marker(c).is_some_and(|m| matches!(sections.styles[m.style].name.as_str(), "appendix" | "part"))
        };
        cells.iter().any(|c| c.len() > planparse::normalize::flattened::LETTER_BODY_BYTES) || cells.iter().any(title)
    })
}

/// `ingest::text`'s rule for a table line.
fn has_row_shape(line: &str) -> bool {
    let t = line.trim();
    t.contains(" | ") || t.ends_with(" |") || (t.len() > 1 && t.starts_with('|') && t.ends_with('|'))
}

/// A `*emphasis*` pair that cleaning the line on its own would remove.
fn has_emphasis_pair(line: &str) -> bool {
    let stars = |s: &str| s.matches('*').count();
    stars(line) > 1 && stars(&normalised(line).text) < stars(line)
}

/// A line whose first word is a marker on its own but which, as a whole,
/// does not start with one ("1. ,").
fn starts_with_lone_marker(line: &str) -> bool {
    let sections = &grammar().sections;
    let first = line.split(' ').next().unwrap_or("");
    sections.starts_with_marker(first) && !sections.starts_with_marker(line)
}

const KNOWN_EMPHASIS_ACROSS_JOIN: &str = "known: *emphasis* is stripped per raw line, before wrapped lines are joined";
const KNOWN_FILTER_BEFORE_JOIN: &str = "known: page-number/residue filters run per raw line, before joining";
const KNOWN_LONE_MARKER: &str = "known: a marker-only line is tested for a marker before its continuation is joined";
const KNOWN_NOT_NFC: &str = "known: markdown removed after NFC leaves base + combining mark uncomposed";
const KNOWN_REPAIR_AFTER_NFC: &str =
    "known: NFC reorders marks into a tone-before-circumflex pattern fix_chars repairs";
const KNOWN_EMPTY_TABLE_ENDS_PARAGRAPH: &str = "known: a table that yields no row still stops the next line joining";
const KNOWN_LAYOUT_ROW: &str =
    "known: a layout row's cells and cut pieces become separate paragraphs; as text, a second pass may join a piece that starts in lower case";

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn normalisation_is_idempotent(text in text()) {
        let once = normalised(&text);
        let twice = normalised(&once.text);
        let same = twice.text == once.text && layout(&twice) == layout(&once);
        if !same {
            let why = exemption(&text, &once);
            prop_assume!(why.is_none(), "{:?}", why);
            prop_assert_eq!(&twice.text, &once.text, "input {:?}", text);
            prop_assert_eq!(layout(&twice), layout(&once), "input {:?}", text);
        }
    }
}

/// One minimal input per known defect: each should normalise to a fixed
/// point. Un-ignore a test (and drop its exemption) once the defect is fixed.
fn assert_fixed_point(input: &str) {
    let once = normalised(input);
    let twice = normalised(&once.text);
    assert_eq!(twice.text, once.text, "input {input:?}");
    assert_eq!(layout(&twice), layout(&once), "input {input:?}");
}

#[test]
#[ignore = "known defect: a layout row's cells become paragraphs that a second pass joins"]
fn idempotent_layout_row() {
    // "… đơn vị. | ổ | Số hiệu1009/QĐ-UBND": a letter row, its cells become
    // three paragraphs; as text, "ổ" starts in lower case and joins the first.
    let long = "Người đứng đầu các ngành phải xác định cải cách hành chính là nhiệm vụ trọng tâm. ".repeat(6);
    assert_fixed_point(&format!("{long}| ổ | Số hiệu1009/QĐ-UBND\n"));
}

#[test]
fn idempotent_emphasis_across_join() {
    assert_fixed_point("*a\na*"); // was "*a a*" then "a a"
    // A bullet-like "*a" whose star closes on the next line stays a line of
    // its own: joined, the pair is removed and "a hông q" would join the
    // line above on a second pass (found by `normalisation_is_idempotent`).
    assert_fixed_point("(Ban hành kèm theo Quyết định số 1009/QĐ-UBND của UBND tỉnh Quảng Nam)\n*a\nhông q*\n");
}

#[test]
fn idempotent_filter_before_join() {
    assert_fixed_point("Lược\nđồ"); // "Lược đồ" then "" (residue)
}

#[test]
fn idempotent_lone_marker() {
    assert_fixed_point("x\n1.\n,"); // "x\n1. ," then "x 1. ,"
}

#[test]
fn idempotent_markdown_then_nfc() {
    assert_fixed_point("a**\u{300}"); // "a\u{300}" then "à"
}

#[test]
fn idempotent_repair_after_nfc() {
    assert_fixed_point("à\u{31a}\u{302}"); // "à\u{302}\u{31a}" then "ầ\u{31a}"
}

#[test]
fn idempotent_empty_table() {
    assert_fixed_point("a\n|---|\nb"); // "a\nb" then "a b"
}

// ------------------------------------------------------------ no panics

fn assert_no_panic(bytes: &[u8], format: Format) -> Result<(), TestCaseError> {
    match process_bytes(bytes, format, "x", grammar(), &options(false)) {
        Err(IngestError::Panic(why)) => Err(TestCaseError::fail(format!("{format:?} reader panicked: {why}"))),
        _ => Ok(()),
    }
}

/// Byte-level damage: overwrite, truncate, duplicate a slice, cut a slice.
#[derive(Debug, Clone)]
enum Damage {
    Set(Index, u8),
    Truncate(Index),
    Repeat(Index, Index, u8),
    Cut(Index, Index),
    Insert(Index, &'static str),
}

/// Tokens that steer a parser somewhere interesting.
#[rustfmt::skip]
const TOKENS: &[&str] = &[
    "<w:p>", "</w:p>", "<w:tbl><w:tr><w:tc>",
    "<w:numPr><w:ilvl w:val=\"9\"/><w:numId w:val=\"4294967295\"/></w:numPr>", "<w:gridSpan w:val=\"99999\"/>",
    "<w:vMerge/>", "<w:ins>", "<w:del>", "<![CDATA[", "&#xD800;", "&amp", "\"", "<", "%PDF-1.7\n", " obj\n",
    "endobj\n", "stream\n", "endstream\n", "xref\n0 1\n", "trailer<<>>", "<< /Length 99999999 >>",
    " 99999999999999999999 ", " -1 ", " 0 0 R ", "[[[[[[[[[[", "((((", "/Filter /FlateDecode",
];

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        4 => (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Damage::Set(i, b)),
        1 => any::<Index>().prop_map(Damage::Truncate),
        1 => (any::<Index>(), any::<Index>(), 2u8..16).prop_map(|(a, b, n)| Damage::Repeat(a, b, n)),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Damage::Cut(a, b)),
        2 => (any::<Index>(), select(TOKENS)).prop_map(|(i, t)| Damage::Insert(i, t)),
    ]
}

fn apply(bytes: &[u8], damages: &[Damage]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for d in damages {
        let n = out.len().max(1);
        let range = |a: &Index, b: &Index| {
            let (x, y) = (a.index(n), b.index(n));
            (x.min(y).min(out.len()), x.max(y).min(out.len()))
        };
        match d {
            Damage::Set(i, b) => {
                if !out.is_empty() {
                    let at = i.index(out.len());
                    out[at] = *b;
                }
            }
            Damage::Truncate(i) => out.truncate(i.index(n)),
            Damage::Repeat(a, b, times) => {
                let (s, e) = range(a, b);
                let slice = out[s..e].to_vec();
                let tail = out.split_off(e);
                for _ in 1..*times {
                    out.extend_from_slice(&slice);
                }
                out.extend(tail);
            }
            Damage::Cut(a, b) => {
                let (s, e) = range(a, b);
                out.drain(s..e);
            }
            Damage::Insert(i, t) => {
                let at = i.index(n).min(out.len());
                out.splice(at..at, t.bytes());
            }
        }
    }
    out
}

/// Replace one zip entry's bytes (the archive is rebuilt, so CRCs are right
/// and the damage reaches the XML parser, not just the zip reader).
fn rezip_with(docx: &[u8], part: &str, mutate: impl Fn(&[u8]) -> Vec<u8>) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).expect("the docx seed is a zip");
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("seed entry");
        let name = entry.name().expect("seed entry name").to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).expect("seed entry inflates");
        let data = if name == part { mutate(&data) } else { data };
        writer.start_file(name, opts).expect("zip writer");
        writer.write_all(&data).expect("zip writer");
    }
    writer.finish().expect("zip writer").into_inner()
}

fn docx_part() -> impl Strategy<Value = &'static str> {
    select(
        &[
            "word/document.xml",
            "word/document.xml",
            "word/numbering.xml",
            "word/styles.xml",
            "word/_rels/document.xml.rels",
            "_rels/.rels",
            "[Content_Types].xml",
        ][..],
    )
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn arbitrary_bytes_never_panic_as_txt_or_md(bytes in proptest::collection::vec(any::<u8>(), 0..4096), md in any::<bool>()) {
        assert_no_panic(&bytes, if md { Format::Md } else { Format::Txt })?;
    }

    #[test]
    fn damaged_text_never_panics_as_txt_or_md(text in text(), damages in proptest::collection::vec(damage(), 0..6), md in any::<bool>()) {
        let bytes = apply(text.as_bytes(), &damages);
        assert_no_panic(&bytes, if md { Format::Md } else { Format::Txt })?;
    }
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn damaged_docx_never_panics(damages in proptest::collection::vec(damage(), 1..6)) {
        assert_no_panic(&apply(smallest("docx"), &damages), Format::Docx)?;
    }

    #[test]
    fn docx_with_damaged_xml_never_panics(part in docx_part(), damages in proptest::collection::vec(damage(), 1..8)) {
        let bytes = rezip_with(smallest("docx"), part, |xml| apply(xml, &damages));
        assert_no_panic(&bytes, Format::Docx)?;
    }
}

proptest! {
    // The PDF reader is slow in a debug build: few cases here, the fuzzer
    // does the long search.
    #![proptest_config(config(48))]

    #[test]
    fn damaged_pdf_never_panics(damages in proptest::collection::vec(damage(), 1..6)) {
        assert_no_panic(&apply(smallest("pdf"), &damages), Format::Pdf)?;
    }
}

// ------------------------------------------------------------------ spans

#[rustfmt::skip]
const LEADS: &[&str] = &[
    "Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính", "Công an tỉnh", "Văn phòng UBND tỉnh", "Sở Thông tin và Truyền thông",
    "UBND các huyện, thành phố", "Phòng Nội vụ",
];
#[rustfmt::skip]
const INDICATORS: &[&str] = &[
    "Tỷ lệ hồ sơ giải quyết đúng hạn", "tỷ lệ thủ tục hành chính cung cấp trực tuyến toàn trình",
    "Tỷ lệ người dân hài lòng", "tỷ lệ văn bản điện tử",
];
const COMPARATORS: &[&str] = &["đạt", "đạt trên", "đạt tối thiểu", "trên", "không thấp hơn"];
#[rustfmt::skip]
const DEADLINES: &[&str] = &[
    "", "; thời gian thực hiện: quý II/2025", "; hoàn thành trước ngày 30/6/2025", " trong năm 2025", "; thường xuyên",
];
#[rustfmt::skip]
const REFERENCES: &[&str] = &[
    "Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ", "Quyết định số 1234/QĐ-UBND ngày 01/02/2024 của UBND tỉnh",
    "Kế hoạch số 45/KH-UBND", "Công văn số 2340/BNV-CCHC ngày 03/6/2022", "Thông tư số 01/2023/TT-BNV",
    "Quyết định số 459-KHHĐ/TU", "Nghị định số 45 / 2020 / NĐ-CP",
];

fn target_sentence() -> impl Strategy<Value = String> {
    (select(INDICATORS), select(COMPARATORS), 1u32..100, any::<bool>(), select(&["", "Phấn đấu đến năm 2025, "][..]))
        .prop_map(|(ind, cmp, n, dot, lead_in)| format!("{lead_in}{ind} {cmp} {n}%{}", if dot { "." } else { "" }))
}

fn task_sentence() -> impl Strategy<Value = String> {
    (select(LEADS), proptest::collection::vec(select(LEADS), 0..3), seed_fragment(), select(DEADLINES)).prop_map(
        |(lead, support, what, deadline)| {
            let support =
                if support.is_empty() { String::new() } else { format!(", phối hợp với {}", support.join(", ")) };
            format!("{lead} chủ trì{support} {}{deadline}.", what.trim_end_matches('.'))
        },
    )
}

fn reference_sentence() -> impl Strategy<Value = String> {
    (select(REFERENCES), seed_fragment()).prop_map(|(r, s)| format!("Căn cứ {r} {s};"))
}

fn task_table() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        (seed_fragment(), select(LEADS), select(LEADS), select(&["Quý II/2025", "Năm 2025", "Thường xuyên"][..])),
        1..4,
    )
    .prop_map(|rows| {
        let mut t =
            String::from("TT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành\n");
        for (i, (what, lead, sup, when)) in rows.into_iter().enumerate() {
            t += &format!("{} | {} | {lead} | {sup} | {when}\n", i + 1, what.replace('|', "/"));
        }
        t
    })
}

/// An indicator table with the shapes real ones take: year columns, a
/// period column over a row of years, merged cells that leave rows wider or
/// narrower than the header, ranges and noise in the figure cells.
fn indicator_table() -> impl Strategy<Value = String> {
    let year_cell = select(&["Năm 2024", "Năm hiện hành 2025", "Ước thực hiện 2025", "Năm 2026", "Kế hoạch 2025", "2027", "GIAI ĐOẠN 2026 - 2030"][..]);
    let figure = prop_oneof![3 => (0u32..100_000).prop_map(|n| n.to_string()), 1 => Just("1-1,5".to_string()), 1 => Just("10,00".to_string()), 1 => Just(String::new()), 1 => noise()];
    let row = (select(INDICATORS), select(&["%", "Tỷ đồng", "Ha", "", "người"][..]), proptest::collection::vec(figure, 0..8), 0usize..3)
        .prop_map(|(ind, unit, figs, pad)| format!("{}{ind} | {unit} | {}", " | ".repeat(pad), figs.join(" | ")));
    (proptest::collection::vec(year_cell, 1..5), any::<bool>(), proptest::collection::vec(row, 1..5)).prop_map(|(years, sub, rows)| {
        let mut t = format!("STT | Chỉ tiêu | Đơn vị tính | {}\n", years.join(" | "));
        if sub {
            t += "Năm 2026 | Năm 2027 | Năm 2028\n";
        }
        for r in rows {
            t += &format!("{r}\n");
        }
        t
    })
}

fn body_line() -> impl Strategy<Value = String> {
    let content = prop_oneof![
        3 => target_sentence(),
        3 => task_sentence(),
        2 => reference_sentence(),
        2 => seed_fragment(),
    ];
    prop_oneof![
        6 => (select(MARKERS), content, noise(), any::<bool>()).prop_map(|(m, c, n, noisy)| {
            if noisy { format!("{m}{c}{n}") } else { format!("{m}{c}") }
        }),
        1 => task_table(),
        1 => indicator_table(),
        1 => line(),
    ]
}

fn plan_document() -> impl Strategy<Value = String> {
    let header = (select(&["KẾ HOẠCH", "QUYẾT ĐỊNH", "CHƯƠNG TRÌNH"][..]), seed_fragment()).prop_map(|(kind, title)| {
        format!("ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/KH-UBND | Hà Tĩnh, ngày 14 tháng 3 năm 2025\n\n{kind}\n{title}\n\n")
    });
    (header, proptest::collection::vec((body_line(), select(&["\n", "\r\n", "\n\n"][..])), 1..24))
        .prop_map(|(h, lines)| h + &lines.into_iter().map(|(l, sep)| l + sep).collect::<String>())
}

fn parse(text: &str) -> Option<Document> {
    process_bytes(text.as_bytes(), Format::Txt, "x", grammar(), &options(true)).ok()
}

fn slice<'t>(text: &'t str, span: &Span) -> Result<&'t str, TestCaseError> {
    text.get(span.start..span.end).ok_or_else(|| {
        TestCaseError::fail(format!("span {}..{} is not a slice of the {}-byte text", span.start, span.end, text.len()))
    })
}

fn check_sections(text: &str, sections: &[Section]) -> Result<usize, TestCaseError> {
    let mut n = 0;
    for s in sections {
        prop_assert_eq!(slice(text, &s.span)?, s.text.as_str(), "section {:?}", s.path);
        n += 1 + check_sections(text, &s.children)?;
    }
    Ok(n)
}

#[derive(Default, Debug)]
struct Checked {
    sections: usize,
    targets: usize,
    tasks: usize,
    mentions: usize,
}

fn check_spans(doc: &Document) -> Result<Checked, TestCaseError> {
    let text = doc.text.as_deref().ok_or_else(|| TestCaseError::fail("include_text was set"))?;
    let mut c = Checked { sections: check_sections(text, &doc.sections)?, ..Checked::default() };
    for t in &doc.targets {
        prop_assert_eq!(slice(text, &t.span)?, t.text.as_str(), "target");
        c.targets += 1;
    }
    for t in &doc.tasks {
        prop_assert_eq!(slice(text, &t.span)?, t.text.as_str(), "task");
        c.tasks += 1;
    }
    for r in &doc.references {
        for m in &r.mentions {
            let written: String = slice(text, m)?.chars().filter(|c| !c.is_whitespace()).collect();
            prop_assert_eq!(&written, &r.number, "reference mention");
            c.mentions += 1;
        }
    }
    Ok(c)
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn every_span_slices_the_text_to_its_item(text in plan_document()) {
        if let Some(doc) = parse(&text) {
            check_spans(&doc).map_err(|e| TestCaseError::fail(format!("{e}\ninput {text:?}")))?;
        }
    }
}

/// The span property is only worth something if the generated documents
/// carry every kind of item.
#[test]
fn generated_documents_carry_every_kind_of_item() {
    let mut runner = TestRunner::deterministic();
    let strategy = plan_document();
    let mut total = Checked::default();
    for _ in 0..24 {
        let text = strategy.new_tree(&mut runner).expect("strategy").current();
        let Some(doc) = parse(&text) else { continue };
        let c = check_spans(&doc).expect("spans slice");
        total.sections += c.sections;
        total.targets += c.targets;
        total.tasks += c.tasks;
        total.mentions += c.mentions;
    }
    assert!(total.sections > 24 && total.targets > 5 && total.tasks > 5 && total.mentions > 5, "{total:?}");
}

/// How often each exemption is needed: `N=20000 cargo test --test properties
/// idempotence_census -- --ignored --nocapture`. "UNEXPLAINED" is a new defect.
#[test]
#[ignore = "diagnostic"]
fn idempotence_census() {
    let mut runner = TestRunner::deterministic();
    let strategy = text();
    let n: usize = std::env::var("N").ok().and_then(|v| v.parse().ok()).unwrap_or(5000);
    let mut counts = std::collections::BTreeMap::new();
    for _ in 0..n {
        let t = strategy.new_tree(&mut runner).expect("strategy").current();
        let once = normalised(&t);
        let twice = normalised(&once.text);
        if twice.text == once.text && layout(&twice) == layout(&once) {
            continue;
        }
        *counts.entry(exemption(&t, &once).unwrap_or("UNEXPLAINED")).or_insert(0) += 1;
    }
    println!("{counts:#?}");
}

// ------------------------------------------------------- hard-wrapped text

/// `text` as a PDF's text layer or an e-mail gives it: every line longer
/// than `width` characters broken at the last space that fits (table rows,
/// one per line with " | ", stay whole, as a converter keeps them).
fn hard_wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let mut len = 0;
        for (i, word) in line.split(' ').enumerate() {
            let n = word.chars().count();
            if i > 0 && !line.contains(" | ") && len + 1 + n > width {
                out.push('\n');
                len = 0;
            } else if i > 0 {
                out.push(' ');
                len += 1;
            }
            out.push_str(word);
            len += n;
        }
        out.push('\n');
    }
    out
}

/// What a tracking system keeps of a plan: every section path, target,
/// task and reference, without the spans (a wrap moves every offset).
fn extracted(doc: &Document) -> Vec<String> {
    fn walk(sections: &[Section], out: &mut Vec<String>) {
        for s in sections {
            out.push(format!("section {}", s.path.join(" / ")));
            walk(&s.children, out);
        }
    }
    let mut out = vec![format!("meta {:?} {:?} {:?} {:?}", doc.meta.doc_type, doc.meta.number, doc.meta.date, doc.meta.issuer)];
    walk(&doc.sections, &mut out);
    let deadline = |d: &Option<planparse::model::Deadline>| d.as_ref().map(|d| (d.text.clone(), d.by.clone()));
    for t in &doc.targets {
        out.push(format!("target {:?} {} {} {} {:?} {:?}", t.section, t.value, t.unit, t.comparator, t.year, deadline(&t.deadline)));
    }
    for t in &doc.tasks {
        out.push(format!("task {:?} lead {:?} support {:?} {:?}", t.section, t.lead, t.support, deadline(&t.deadline)));
    }
    let mut refs: Vec<String> = doc.references.iter().map(|r| format!("reference {} {} {:?}", r.doc_type, r.number, r.date)).collect();
    refs.sort();
    out.extend(refs);
    out
}

/// A plan hard-wrapped at any usual width is the same plan: a line break
/// before a capitalised name ("... phối hợp với Sở" / "Y tế ..."), inside
/// a date ("trong Quý" / "IV/2025."), at a compound's dash ("chính trị" /
/// "- xã hội") or inside a footnote changes no section, target, task or
/// reference of the corpus .txt documents.
#[test]
fn a_hard_wrapped_plan_is_the_same_plan() {
    let mut compared = 0;
    for path in corpus_files("txt") {
        let Ok(text) = String::from_utf8(std::fs::read(&path).unwrap()) else { continue };
        let whole = parse(&text).unwrap_or_else(|| panic!("{} does not parse", path.display()));
        let want = extracted(&whole);
        for width in [64, 72, 80, 90] {
            let wrapped = parse(&hard_wrap(&text, width)).unwrap_or_else(|| panic!("{} at {width} does not parse", path.display()));
            let got = extracted(&wrapped);
            let lost: Vec<&String> = want.iter().filter(|w| !got.contains(w)).collect();
            let gained: Vec<&String> = got.iter().filter(|g| !want.contains(g)).collect();
            assert!(
                lost.is_empty() && gained.is_empty() && want.len() == got.len(),
                "{} wrapped at {width} columns:\nlost   {lost:#?}\ngained {gained:#?}",
                path.display()
            );
        }
        compared += 1;
    }
    assert!(compared >= 7, "only {compared} corpus .txt documents read");
}
