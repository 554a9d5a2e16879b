//! Stage 1: bytes -> blocks.
//!
//! Every input format is reduced to the same thing: an ordered list of
//! [`Block`]s, each either a paragraph of text or a table of rows of cells.
//! Nothing downstream knows where a block came from, so a plan typed into a
//! .txt and the same plan in a Word table segment and extract the same way.

pub mod detect;
pub mod docx;
pub mod encoding;
pub mod external;
pub mod pdf;
pub mod text;

use std::fmt;

/// A unit of document content, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(String),
    Table(Table),
}

/// A table as rows of cell texts. Spans are already resolved by the reader
/// so that every row lines up with the header row.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub rows: Vec<Vec<String>>,
    /// `merged_above[r][c]`: the cell continues a vertical merge from the
    /// row above (Word's vMerge). Its text stays empty, as Word shows it, and
    /// readers of the table take the value from above. Empty when unknown.
    pub merged_above: Vec<Vec<bool>>,
}

impl Table {
    pub fn is_merged_above(&self, row: usize, col: usize) -> bool {
        self.merged_above.get(row).and_then(|r| r.get(col)).copied().unwrap_or(false)
    }
}

/// Input formats planparse reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Docx,
    Pdf,
    Txt,
    Md,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::Txt => "txt",
            Format::Md => "md",
        }
    }
}

/// What a reader produced for one file.
#[derive(Debug, Clone, Default)]
pub struct Ingested {
    pub blocks: Vec<Block>,
    /// Character encoding the text was decoded from ("utf-8", "tcvn3", ...),
    /// when the format has one.
    pub encoding: Option<String>,
    /// Non-fatal problems worth a reviewer's attention.
    pub warnings: Vec<String>,
}

/// Why a file could not be read. `kind()` is the stable machine-readable
/// name written into the `errors` array; `Display` is for a clerk.
#[derive(Debug, Clone, PartialEq)]
pub enum IngestError {
    NotFound,
    Unreadable(String),
    Empty,
    Unsupported(String),
    Corrupt(String),
    Encrypted,
    NoTextLayer,
    TooLarge(String),
    Timeout(u64),
    Panic(String),
}

impl IngestError {
    pub fn kind(&self) -> &'static str {
        match self {
            IngestError::NotFound => "not_found",
            IngestError::Unreadable(_) => "unreadable",
            IngestError::Empty => "empty",
            IngestError::Unsupported(_) => "unsupported",
            IngestError::Corrupt(_) => "corrupt",
            IngestError::Encrypted => "encrypted",
            IngestError::NoTextLayer => "no_text_layer",
            IngestError::TooLarge(_) => "too_large",
            IngestError::Timeout(_) => "timeout",
            IngestError::Panic(_) => "parser_crash",
        }
    }
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IngestError::NotFound => write!(f, "file not found"),
            IngestError::Unreadable(why) => write!(f, "cannot read the file: {why}"),
            IngestError::Empty => write!(f, "the file is empty (no text to parse)"),
            IngestError::Unsupported(why) => write!(f, "unsupported file type: {why}"),
            IngestError::Corrupt(why) => write!(f, "the file is damaged and cannot be opened: {why}"),
            IngestError::Encrypted => {
                write!(f, "the file is password-protected; save an unprotected copy and try again")
            }
            IngestError::NoTextLayer => write!(
                f,
                "no text layer: the PDF is a scanned image and OCR is needed (run with --ocr; it needs tesseract with Vietnamese data and pdftoppm, e.g. apt-get install tesseract-ocr-vie poppler-utils)"
            ),
            IngestError::TooLarge(why) => write!(f, "the file exceeds a safety limit and was not processed: {why}"),
            IngestError::Timeout(secs) => {
                write!(f, "reading the file took longer than the {secs}s time budget and was stopped")
            }
            IngestError::Panic(why) => write!(f, "the file reader crashed on this file: {why}"),
        }
    }
}

impl std::error::Error for IngestError {}

/// Options that change how files are read.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    pub pdf_backend: pdf::Backend,
    /// Wall-clock budget for one file's reader, in seconds.
    pub time_budget_secs: u64,
    /// Recognise scanned PDFs with tesseract when they have no text layer.
    pub ocr: bool,
    /// The words PDF paragraphs are rebuilt with (grammars/layout.toml).
    pub layout: std::sync::Arc<crate::grammar::LayoutGrammar>,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            pdf_backend: pdf::Backend::Auto,
            time_budget_secs: 60,
            ocr: false,
            layout: crate::grammar::LayoutGrammar::builtin(),
        }
    }
}

/// Read one file's bytes into blocks. Never panics: a panic inside a
/// third-party reader is caught and reported as [`IngestError::Panic`].
pub fn ingest(bytes: &[u8], format: Format, opts: &IngestOptions) -> Result<Ingested, IngestError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(IngestError::Empty);
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(opts.time_budget_secs);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match format {
        Format::Docx if docx::is_legacy_doc(bytes) && external::soffice_available() => {
            let converted = external::doc_to_docx(bytes, deadline)?;
            let mut ingested = docx::read(&converted)?;
            ingested.warnings.push("legacy Word .doc converted to .docx with LibreOffice".into());
            Ok(ingested)
        }
        Format::Docx => docx::read(bytes),
        Format::Pdf => pdf::read(bytes, opts),
        Format::Txt | Format::Md => text::read(bytes),
    }));
    let mut ingested = match result {
        Ok(r) => r?,
        Err(payload) => return Err(IngestError::Panic(panic_message(&payload))),
    };
    if format == Format::Pdf && opts.ocr && !has_text(&ingested) {
        if !external::ocr_available() {
            return Err(IngestError::NoTextLayer);
        }
        let pages = external::ocr_pdf(bytes, deadline)?;
        ingested.blocks = pages.iter().flat_map(|p| text::blocks_from_text(p)).collect();
        ingested.warnings.push("scanned PDF: text recognised by OCR (tesseract), check it against the image".into());
    }
    if !has_text(&ingested) {
        return Err(if format == Format::Pdf { IngestError::NoTextLayer } else { IngestError::Empty });
    }
    compose(&mut ingested.blocks);
    Ok(ingested)
}

/// Decomposed text (a file saved on a Mac, "Ke\u{302}\u{301} hoa\u{323}ch")
/// in NFC. Normalize composes every line it keeps, but some decisions are
/// taken on the blocks as read: a table's header roles ("Chủ trì"), web-page
/// residue and tail lines, title cells. They must see the same letters.
fn compose(blocks: &mut [Block]) {
    // Combining marks U+0300-U+036F are the only ones Vietnamese uses, all
    // behind lead byte CC or CD; text without them is left as it is.
    let compose_one = |s: &mut String| {
        if memchr::memchr2(0xCC, 0xCD, s.as_bytes()).is_some() {
            *s = encoding::nfc(std::mem::take(s));
        }
    };
    for block in blocks {
        match block {
            Block::Paragraph(p) => compose_one(p),
            Block::Table(t) => t.rows.iter_mut().flatten().for_each(compose_one),
        }
    }
}

fn has_text(ingested: &Ingested) -> bool {
    ingested.blocks.iter().any(|b| match b {
        Block::Paragraph(p) => !p.trim().is_empty(),
        Block::Table(t) => t.rows.iter().flatten().any(|c| !c.trim().is_empty()),
    })
}

pub(crate) fn panic_message(payload: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}
