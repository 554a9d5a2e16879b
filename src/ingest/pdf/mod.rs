//! PDF text-layer reader.
//!
//! Two backends:
//! - built-in: pdf-extract 0.12 (pure Rust, MIT) interprets the content
//!   streams; our own glyph collector and [`layout`] rebuild lines, table
//!   cells and rows cut by page breaks from glyph positions;
//! - `pdftotext` (poppler, external process, used only if installed).
//!
//! In [`Backend::Auto`] the built-in text is scored for Vietnamese sanity
//! ([`syllable::Sanity`]); when it looks damaged (fonts without a usable
//! ToUnicode map lose letters and split syllables) and pdftotext is on PATH,
//! pdftotext's text is used if it scores better. Auto also asks pdftotext
//! when the built-in reader fails on a damaged file or finds no text.
//!
//! Both backends' text goes through the same clean-up ([`cleanup`]): NFC,
//! ligatures, page numbers and running headers/footers, lines rejoined into
//! paragraphs, syllables split by stray spaces repaired, header dash rules
//! kept on their own line. Footnote markers glued to the preceding token
//! ("3740/QĐ-UBND1") are left as they are: they cannot be told from digits
//! that belong to the token without the font size, which the text no longer
//! carries.
//!
//! Time budget: each backend runs against one deadline for the whole file.
//! pdf-extract runs on a worker thread that we wait for with a timeout; Rust
//! cannot kill a thread, so on timeout the thread is abandoned and keeps
//! using a CPU until it finishes or the process exits. The CLI reads one
//! file and exits, so that is bounded in practice; a long-running service
//! should read PDFs in a child process instead. pdftotext is killed on
//! timeout.

mod builtin;
mod cleanup;
mod layout;
mod poppler;
mod syllable;

use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use super::{Block, IngestError, IngestOptions, Ingested, Table};
use crate::grammar::LayoutGrammar;
use layout::Region;
use syllable::Sanity;

/// Which PDF text extractor to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Backend {
    /// The built-in reader, falling back to pdftotext (if installed) when the
    /// built-in output looks like garbage.
    #[default]
    Auto,
    /// Only the built-in (pure Rust) reader.
    Builtin,
    /// Only poppler's pdftotext (must be on PATH).
    Pdftotext,
}

/// Worker stack: pdf-extract and lopdf recurse over nested objects; a deep
/// but legitimate file must not overflow (an overflow aborts the process).
const WORKER_STACK_BYTES: usize = 256 * 1024 * 1024;

pub fn read(bytes: &[u8], opts: &IngestOptions) -> Result<Ingested, IngestError> {
    let budget = opts.time_budget_secs.max(1);
    let deadline = Instant::now() + Duration::from_secs(budget);
    let lg = &opts.layout;
    match opts.pdf_backend {
        Backend::Builtin => read_builtin(bytes, deadline, budget, lg),
        Backend::Pdftotext => read_poppler(bytes, deadline, budget, lg),
        Backend::Auto => read_auto(bytes, deadline, budget, lg),
    }
}

fn read_auto(bytes: &[u8], deadline: Instant, budget: u64, lg: &Arc<LayoutGrammar>) -> Result<Ingested, IngestError> {
    let builtin = read_builtin(bytes, deadline, budget, lg);
    if !poppler::available() {
        return builtin;
    }
    let reason = match &builtin {
        Ok(doc) if doc.blocks.is_empty() => "the built-in reader found no text",
        Ok(doc) if doc.warnings.iter().any(|w| w.starts_with(SKIPPED_PAGES)) => {
            "the built-in reader skipped damaged pages"
        }
        Ok(doc) if Sanity::of(&plain_text(&doc.blocks)).looks_damaged() => "text layer looked damaged",
        Ok(_) => return builtin,
        Err(IngestError::Corrupt(_) | IngestError::Panic(_)) => "the built-in reader could not open the file",
        Err(_) => return builtin,
    };
    let Ok(fallback) = read_poppler(bytes, deadline, budget, lg) else { return builtin };
    let use_fallback = match &builtin {
        Ok(doc) => prefer_fallback(&plain_text(&doc.blocks), &plain_text(&fallback.blocks)),
        Err(_) => !fallback.blocks.is_empty(),
    };
    if !use_fallback {
        return builtin;
    }
    let mut chosen = fallback;
    chosen.warnings.insert(0, format!("{reason}; used pdftotext"));
    Ok(chosen)
}

/// Whether pdftotext's text should replace the built-in reader's: it must
/// score clearly better on Vietnamese sanity, or carry clearly more text at
/// no worse a score (pages the built-in reader had to skip).
fn prefer_fallback(own: &str, fallback: &str) -> bool {
    let (a, b) = (Sanity::of(own), Sanity::of(fallback));
    if b.letters == 0 {
        return false;
    }
    if a.letters == 0 {
        return true;
    }
    let cleaner = b.badness() < a.badness() * 0.8 && b.letters * 10 >= a.letters * 9;
    let fuller = b.letters * 100 >= a.letters * 105 && b.badness() <= a.badness() * 1.1 + 0.01;
    cleaner || fuller
}

/// Start of the warning naming pages the built-in reader skipped.
const SKIPPED_PAGES: &str = "page(s) ";

fn read_builtin(bytes: &[u8], deadline: Instant, budget: u64, lg: &Arc<LayoutGrammar>) -> Result<Ingested, IngestError> {
    quiet_worker_panics();
    let input = bytes.to_vec();
    let lg = Arc::clone(lg);
    let (tx, rx) = mpsc::channel();
    let spawned =
        std::thread::Builder::new().name(WORKER_NAME.into()).stack_size(WORKER_STACK_BYTES).spawn(move || {
            let outcome = std::panic::catch_unwind(|| builtin_blocks(&input, &lg));
            // The receiver is gone only after a timeout; nobody needs the result.
            let _ = tx.send(outcome);
        });
    if let Err(e) = spawned {
        return Err(IngestError::Unreadable(format!("cannot start the PDF reader thread: {e}")));
    }
    let wait = deadline.saturating_duration_since(Instant::now());
    match rx.recv_timeout(wait) {
        Ok(Ok(result)) => result,
        Ok(Err(payload)) => Err(IngestError::Panic(super::panic_message(&payload))),
        Err(mpsc::RecvTimeoutError::Timeout) => Err(IngestError::Timeout(budget)),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err(IngestError::Panic("the PDF reader thread stopped without an answer".to_string()))
        }
    }
}

const WORKER_NAME: &str = "planparse-pdf";

/// pdf-extract panics on many damaged files; we catch every one of them
/// (per page, and around the whole read) and report it, so the default
/// hook's "thread panicked at ..." lines on stderr would only alarm the
/// user. Panics on the worker thread are silenced; all others still go to
/// the previous hook.
fn quiet_worker_panics() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() != Some(WORKER_NAME) {
                previous(info);
            }
        }));
    });
}

fn builtin_blocks(bytes: &[u8], lg: &LayoutGrammar) -> Result<Ingested, IngestError> {
    let extracted = builtin::extract(bytes).map_err(|e| match e {
        builtin::BuiltinError::Encrypted => IngestError::Encrypted,
        builtin::BuiltinError::Corrupt(why) => IngestError::Corrupt(why),
    })?;
    let mut warnings = Vec::new();
    if !extracted.failed_pages.is_empty() {
        let list: Vec<String> = extracted.failed_pages.iter().map(u32::to_string).collect();
        warnings.push(format!("{SKIPPED_PAGES}{} could not be read and were skipped", list.join(", ")));
    }
    let blocks = regions_to_blocks(layout::layout(&extracted.pages, lg), lg);
    if blocks.is_empty() && !extracted.failed_pages.is_empty() {
        // Not a scan: the pages that might hold the text are damaged.
        return Err(IngestError::Corrupt(format!(
            "{} of the pages are damaged and the rest hold no text",
            extracted.failed_pages.len()
        )));
    }
    Ok(Ingested { blocks, encoding: None, warnings })
}

fn read_poppler(bytes: &[u8], deadline: Instant, budget: u64, lg: &LayoutGrammar) -> Result<Ingested, IngestError> {
    if !builtin::looks_like_pdf(bytes) {
        return Err(IngestError::Corrupt("not a PDF file (no %PDF- header)".to_string()));
    }
    let xhtml = poppler::extract(bytes, deadline).map_err(|e| match e {
        poppler::PopplerError::NotInstalled => IngestError::Unsupported(
            "the pdftotext backend needs poppler's pdftotext on PATH (Debian/Ubuntu: apt-get install poppler-utils)"
                .to_string(),
        ),
        poppler::PopplerError::Encrypted => IngestError::Encrypted,
        poppler::PopplerError::Timeout => IngestError::Timeout(budget),
        poppler::PopplerError::Failed(why) => IngestError::Corrupt(why),
    })?;
    let blocks = poppler::paragraphs(&xhtml, lg).into_iter().map(Block::Paragraph).collect();
    Ok(Ingested { blocks, encoding: None, warnings: Vec::new() })
}

/// Paragraph regions become paragraphs; runs of row regions become one
/// table whose cells are aligned on shared columns.
fn regions_to_blocks(regions: Vec<Region>, lg: &LayoutGrammar) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut pending_rows: Vec<PendingRow> = Vec::new();
    for region in regions {
        match region {
            Region::Text(paragraphs) => {
                flush_table(&mut blocks, &mut pending_rows);
                blocks.extend(paragraphs.into_iter().map(Block::Paragraph));
            }
            Region::Row { mut cells, mut spans, size } => {
                // A title centred over a table ("PHỤ LỤC ... (Kèm theo ...)")
                // can land in the header row as one more cell; it spans over
                // every other cell of the row, which no real cell does. It
                // ends the table before it and becomes a paragraph.
                if let Some(t) = spanning_cell(&spans) {
                    flush_table(&mut blocks, &mut pending_rows);
                    blocks.push(Block::Paragraph(cells.remove(t)));
                    spans.remove(t);
                }
                // A table's title set in a row ends the table there: the
                // cells before it are the last row above, those after it the
                // header below.
                if let Some(t) = cells.iter().position(|c| lg.is_table_title(c)) {
                    let after = PendingRow { cells: cells.split_off(t + 1), spans: spans.split_off((t + 1).min(spans.len())), size };
                    let title = cells.pop().unwrap_or_default();
                    spans.pop();
                    push_own_table(&mut blocks, &mut pending_rows, PendingRow { cells, spans, size }, false);
                    blocks.push(Block::Paragraph(title));
                    push_own_table(&mut blocks, &mut pending_rows, after, true);
                    continue;
                }
                // A row holding a page body (a saved web page laid out in
                // columns) is a table of its own: its cells would add
                // columns to the data rows around it.
                let row = PendingRow { cells, spans, size };
                if crate::normalize::flattened::is_body_row(&row.cells) {
                    push_own_table(&mut blocks, &mut pending_rows, row, true);
                } else {
                    if pending_rows.first().is_some_and(|header| header_moved(header, &row)) {
                        flush_table(&mut blocks, &mut pending_rows);
                    }
                    pending_rows.push(row);
                }
            }
        }
    }
    flush_table(&mut blocks, &mut pending_rows);
    blocks
}

/// Adds a non-empty `row` to the pending table and ends that table, or
/// with `alone` starts and ends a table of its own.
fn push_own_table(blocks: &mut Vec<Block>, pending: &mut Vec<PendingRow>, row: PendingRow, alone: bool) {
    if alone {
        flush_table(blocks, pending);
    }
    if !row.cells.is_empty() {
        pending.push(row);
    }
    flush_table(blocks, pending);
}

/// A column no row writes in is an artefact of column inference (a
/// continuation page whose cells sit a little off); it would shift every
/// cell after it away from its header.
fn drop_empty_columns(table: &mut Table) {
    let width = table.rows.iter().map(Vec::len).max().unwrap_or(0);
    let keep: Vec<bool> = (0..width).map(|c| table.rows.iter().any(|r| r.get(c).is_some_and(|t| !t.trim().is_empty()))).collect();
    if keep.iter().all(|k| *k) {
        return;
    }
    for row in &mut table.rows {
        let mut c = 0;
        row.retain(|_| {
            let k = keep.get(c).copied().unwrap_or(true);
            c += 1;
            k
        });
    }
}

/// The cell whose extent covers all the others', in a row of several.
fn spanning_cell(spans: &[(f64, f64)]) -> Option<usize> {
    if spans.len() < 3 {
        return None;
    }
    (0..spans.len()).find(|&i| {
        let (x0, x1) = spans[i];
        spans.iter().enumerate().all(|(j, &(a, b))| j == i || (x0 <= a && b <= x1))
    })
}

/// Whether `row` repeats the table's header (its first row) with the
/// cells in other places: the page holds another table, on columns of its
/// own, that must not be mixed with this one's. The repeat is matched on
/// the trailing cells, since the next table's first header cell often
/// carries its title ("Phát triển kinh tế số ... Nội dung").
fn header_moved(header: &PendingRow, row: &PendingRow) -> bool {
    if header.cells.len() != header.spans.len() || row.cells.len() != row.spans.len() {
        return false;
    }
    let slack = header.size.max(row.size) * 0.25;
    let pairs = || header.cells.iter().zip(&header.spans).rev().zip(row.cells.iter().zip(&row.spans).rev());
    let repeated = pairs().take_while(|((a, _), (b, _))| a == b).count();
    repeated >= 2
        && repeated * 2 >= row.cells.len()
        && pairs()
            .take(repeated)
            .any(|((_, a), (_, b))| (a.0 - b.0).abs() > slack || (a.1 - b.1).abs() > slack)
}

struct PendingRow {
    cells: Vec<String>,
    spans: Vec<(f64, f64)>,
    size: f64,
}

/// Columns are the horizontal extents that cells share. Built from the
/// narrowest cells up, so that a cell spanning several columns (a merged
/// section row) is seen after the columns it covers and does not fuse
/// them; centred text, whose left edges wander, still lands in its column.
fn table_columns(rows: &[PendingRow], slack: f64) -> Vec<(f64, f64)> {
    let mut spans: Vec<(f64, f64)> = rows.iter().flat_map(|r| r.spans.iter().copied()).collect();
    spans.sort_by(|a, b| (a.1 - a.0).total_cmp(&(b.1 - b.0)));
    let mut columns: Vec<(f64, f64)> = Vec::new();
    for (x0, x1) in spans {
        let hits: Vec<usize> = (0..columns.len()).filter(|&i| overlaps(columns[i], (x0, x1), slack)).collect();
        match hits.as_slice() {
            [] => columns.push((x0, x1)),
            [i] => columns[*i] = (columns[*i].0.min(x0), columns[*i].1.max(x1)),
            _ => {}
        }
    }
    columns.sort_by(|a, b| a.0.total_cmp(&b.0));
    columns
}

/// Whether two extents share more than a sliver (`slack`, or half the
/// narrower one for tiny cells such as row numbers).
fn overlaps(a: (f64, f64), b: (f64, f64), slack: f64) -> bool {
    let shared = a.1.min(b.1) - a.0.max(b.0);
    let narrower = (a.1 - a.0).min(b.1 - b.0).max(0.0);
    shared > slack.min(narrower * 0.5)
}

fn flush_table(blocks: &mut Vec<Block>, rows: &mut Vec<PendingRow>) {
    if rows.is_empty() {
        return;
    }
    let slack = rows.iter().map(|r| r.size).fold(1.0, f64::max) * 0.25;
    let columns = table_columns(rows, slack);
    let mut table = Table::default();
    for pending in rows.drain(..) {
        let mut row = vec![String::new(); columns.len()];
        for (text, span) in pending.cells.into_iter().zip(pending.spans) {
            // A merged cell goes to the first column it covers.
            let column = columns
                .iter()
                .position(|c| overlaps(*c, span, slack))
                .or_else(|| columns.iter().rposition(|c| c.0 <= span.0))
                .unwrap_or(0);
            if let Some(slot) = row.get_mut(column) {
                if !slot.is_empty() {
                    slot.push(' ');
                }
                slot.push_str(&text);
            }
        }
        table.rows.push(row);
    }
    drop_empty_columns(&mut table);
    blocks.push(Block::Table(table));
}

/// The blocks' text, for scoring: paragraphs and cells on their own lines.
fn plain_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Paragraph(p) => {
                out.push_str(p);
                out.push('\n');
            }
            Block::Table(t) => {
                for row in &t.rows {
                    out.push_str(&row.join(" | "));
                    out.push('\n');
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-page PDF written by hand: Helvetica, two lines of text, a
    /// correct cross-reference table.
    fn tiny_pdf() -> Vec<u8> {
        let content = "BT /F1 12 Tf 72 720 Td (KE HOACH so 12/KH-UBND) Tj 0 -14 Td (Trien khai nam 2025-) Tj 0 -14 Td (2030 tai tinh.) Tj ET";
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
                .to_string(),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_string(),
            format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        ];
        let mut pdf = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in objects.iter().enumerate() {
            offsets.push(pdf.len());
            pdf.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
        }
        let xref = pdf.len();
        pdf.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
        for offset in offsets {
            pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
        }
        pdf.extend_from_slice(
            format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
        );
        pdf
    }

    fn options(backend: Backend) -> IngestOptions {
        IngestOptions { pdf_backend: backend, time_budget_secs: 30, ..IngestOptions::default() }
    }

    #[test]
    fn reads_a_tiny_handwritten_pdf_end_to_end() {
        let doc = read(&tiny_pdf(), &options(Backend::Builtin)).expect("tiny PDF reads");
        assert_eq!(
            doc.blocks,
            vec![Block::Paragraph("KE HOACH so 12/KH-UBND Trien khai nam 2025-2030 tai tinh.".into())]
        );
        assert!(doc.warnings.is_empty());
    }

    #[test]
    fn pdftotext_backend_reads_the_same_pdf_or_says_it_is_missing() {
        match read(&tiny_pdf(), &options(Backend::Pdftotext)) {
            Ok(doc) => assert_eq!(
                doc.blocks,
                vec![Block::Paragraph("KE HOACH so 12/KH-UBND Trien khai nam 2025-2030 tai tinh.".into())]
            ),
            Err(e) => assert!(matches!(e, IngestError::Unsupported(_)), "{e:?}"),
        }
    }

    #[test]
    fn damaged_input_becomes_an_error_not_a_panic() {
        let pdf = tiny_pdf();
        for bad in [&b"not a pdf at all"[..], &pdf[..pdf.len() / 2], &pdf[..20], b"%PDF-1.7\n"] {
            for backend in [Backend::Builtin, Backend::Auto] {
                let err = read(bad, &options(backend)).expect_err("damaged input must fail");
                assert!(matches!(err, IngestError::Corrupt(_)), "{err:?}");
            }
        }
    }

    #[test]
    fn an_encrypt_entry_that_needs_a_password_is_reported_as_encrypted() {
        let pdf = String::from_utf8(tiny_pdf()).expect("ascii");
        let with_encrypt = pdf.replace(
            "/Root 1 0 R >>",
            "/Root 1 0 R /Encrypt << /Filter /Standard /V 2 /R 3 /O (0123456789abcdef0123456789abcdef) /U (0123456789abcdef0123456789abcdef) /P -4 /Length 128 >> /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] >>",
        );
        let err = read(with_encrypt.as_bytes(), &options(Backend::Builtin)).expect_err("needs a password");
        assert_eq!(err, IngestError::Encrypted);
    }

    #[test]
    fn fallback_is_preferred_only_when_clearly_better() {
        let good =
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015 và các văn bản hướng dẫn ".repeat(20);
        let broken = "C ă n c ứ Lu ậ t T ổ ch ứ c ch í nh quy ề n đ ị a ph ươ ng ng à y ".repeat(20);
        assert!(prefer_fallback(&broken, &good));
        assert!(!prefer_fallback(&good, &broken));
        assert!(!prefer_fallback(&good, &good));
        assert!(prefer_fallback(&good[..good.len() / 2], &good));
        assert!(!prefer_fallback(&good, ""));
    }

    fn row_region(cells: &[&str], spans: &[(f64, f64)]) -> Region {
        Region::Row { cells: cells.iter().map(|c| c.to_string()).collect(), spans: spans.to_vec(), size: 12.0 }
    }

    fn table(rows: &[&[&str]]) -> Block {
        Block::Table(Table { rows: rows.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect(), ..Default::default() })
    }

    #[test]
    fn table_rows_line_up_on_shared_columns() {
        let blocks = regions_to_blocks(vec![
            Region::Text(vec!["Trước bảng".into()]),
            row_region(&["STT", "Nội dung", "Ghi chú"], &[(50.0, 70.0), (120.0, 200.0), (400.0, 440.0)]),
            // Centred text: the left edges differ from the header's.
            row_region(&["1", "Một dòng dài hơn tiêu đề"], &[(58.0, 63.0), (100.5, 380.0)]),
            row_region(&["I", "Mục gộp hết các cột"], &[(57.0, 60.0), (100.0, 450.0)]),
            row_region(&["2", "Chỉ cột cuối"], &[(57.0, 63.0), (401.0, 460.0)]),
            Region::Text(vec!["Sau bảng".into()]),
        ], &LayoutGrammar::builtin());
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        assert_eq!(
            blocks,
            vec![
                Block::Paragraph("Trước bảng".into()),
                Block::Table(Table {
                    rows: vec![
                        row(&["STT", "Nội dung", "Ghi chú"]),
                        row(&["1", "Một dòng dài hơn tiêu đề", ""]),
                        row(&["I", "Mục gộp hết các cột", ""]),
                        row(&["2", "", "Chỉ cột cuối"]),
                    ],
                    ..Default::default()
                }),
                Block::Paragraph("Sau bảng".into()),
            ]
        );
    }

    #[test]
    fn a_header_repeated_in_other_places_starts_a_table_of_its_own() {
        let first = [(100.0, 200.0), (210.0, 260.0), (270.0, 330.0), (400.0, 450.0)];
        let second = [(100.0, 200.0), (210.0, 250.0), (260.0, 300.0), (320.0, 370.0)];
        let blocks = regions_to_blocks(
            vec![
                row_region(&["Nội dung", "Chủ trì", "Phối hợp", "Thời gian"], &first),
                row_region(&["Việc A", "Sở A", "Sở B", "2026"], &first),
                // The next page's table, its title read into the first cell.
                row_region(&["Nhóm hai Nội dung", "Chủ trì", "Phối hợp", "Thời gian"], &second),
                row_region(&["Việc B", "Sở C", "Sở D", "2027"], &second),
                // The same header again in the same places: a page break.
                row_region(&["Nhóm hai Nội dung", "Chủ trì", "Phối hợp", "Thời gian"], &second),
            ],
            &LayoutGrammar::builtin(),
        );
        assert_eq!(
            blocks,
            vec![
                table(&[&["Nội dung", "Chủ trì", "Phối hợp", "Thời gian"], &["Việc A", "Sở A", "Sở B", "2026"]]),
                table(&[
                    &["Nhóm hai Nội dung", "Chủ trì", "Phối hợp", "Thời gian"],
                    &["Việc B", "Sở C", "Sở D", "2027"],
                    &["Nhóm hai Nội dung", "Chủ trì", "Phối hợp", "Thời gian"],
                ]),
            ]
        );
    }

    #[test]
    fn a_table_title_in_a_row_ends_one_table_and_heads_the_next() {
        let region = |cells: &[&str], x0: f64| Region::Row {
            cells: cells.iter().map(|c| c.to_string()).collect(),
            spans: (0..cells.len()).map(|i| (x0 + 50.0 * i as f64, x0 + 50.0 * i as f64 + 40.0)).collect(),
            size: 12.0,
        };
        let blocks = regions_to_blocks(
            vec![
                region(&["6", "Tỉ lệ cán bộ"], 0.0),
                region(&["7", "Tỉ lệ hệ thống", "PHỤ LỤC II\nDANH MỤC NHIỆM VỤ", "TT", "Nhiệm vụ"], 0.0),
                region(&["1", "Xây dựng Luật"], 0.0),
            ],
            &LayoutGrammar::builtin(),
        );
        assert_eq!(
            blocks,
            vec![
                table(&[&["6", "Tỉ lệ cán bộ"], &["7", "Tỉ lệ hệ thống"]]),
                Block::Paragraph("PHỤ LỤC II\nDANH MỤC NHIỆM VỤ".into()),
                table(&[&["TT", "Nhiệm vụ"]]),
                table(&[&["1", "Xây dựng Luật"]]),
            ]
        );
    }
}
