//! The pure-Rust backend: pdf-extract (and the lopdf it re-exports) drive the
//! content streams, and a glyph collector of ours keeps every glyph's
//! position so that [`super::layout`] can rebuild lines, table cells and
//! reading order, which pdf-extract's own plain-text writer throws away.

use pdf_extract::{Document, MediaBox, Object, ObjectId, OutputDev, OutputError, Transform};

use super::layout::{Glyph, PageGlyphs};

/// Why the built-in backend produced no pages.
#[derive(Debug, Clone, PartialEq)]
pub enum BuiltinError {
    Encrypted,
    Corrupt(String),
}

/// What the built-in backend read from one file.
#[derive(Debug, Default)]
pub struct Extracted {
    pub pages: Vec<PageGlyphs>,
    /// 1-based numbers of pages whose content could not be interpreted.
    pub failed_pages: Vec<u32>,
}

/// Deepest /Parent chain we follow when checking the page tree; real files
/// nest a few levels, a loop never ends.
const MAX_PAGE_TREE_DEPTH: usize = 64;

pub fn extract(bytes: &[u8]) -> Result<Extracted, BuiltinError> {
    if !looks_like_pdf(bytes) {
        return Err(BuiltinError::Corrupt("not a PDF file (no %PDF- header)".to_string()));
    }
    let mut doc = Document::load_mem(bytes).map_err(|e| BuiltinError::Corrupt(describe_load_error(&e.to_string())))?;
    if doc.is_encrypted() || doc.trailer.get(b"Encrypt").is_ok() {
        // Files protected only by an owner password (print/copy restrictions)
        // open with the empty user password, as in every PDF viewer.
        if doc.decrypt("").is_err() {
            return Err(BuiltinError::Encrypted);
        }
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(BuiltinError::Corrupt("the page tree is missing or empty".to_string()));
    }
    // pdf-extract looks up inherited page attributes by recursing through
    // /Parent without a visited set: a loop there would overflow the stack,
    // which aborts the process instead of unwinding, so refuse it up front.
    for &id in pages.values() {
        if parent_chain_loops(&doc, id) {
            return Err(BuiltinError::Corrupt("the page tree refers to itself in a loop".to_string()));
        }
    }
    let mut out = Extracted::default();
    let mut collector = Collector::default();
    let no_resources = pdf_extract::Dictionary::new();
    // One reader for the whole file: it builds each font (and parses its
    // ToUnicode map) once, not once per page (our patch of pdf-extract).
    let mut reader = pdf_extract::PageReader::new(&doc, &no_resources);
    for (&number, &object_id) in pages.iter() {
        collector.start_fresh();
        let one_page = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            reader.output_page(&mut collector, number, object_id)
        }));
        match one_page {
            Ok(Ok(())) => out.pages.push(collector.take_page()),
            // A damaged page is skipped and named in a warning; the others are
            // still worth reading. The panic payload is dropped on purpose:
            // the page number is what a reviewer can act on.
            Ok(Err(_)) | Err(_) => {
                out.failed_pages.push(number);
                out.pages.push(PageGlyphs::default());
            }
        }
    }
    if out.failed_pages.len() == out.pages.len() {
        return Err(BuiltinError::Corrupt("no page could be interpreted".to_string()));
    }
    Ok(out)
}

pub fn looks_like_pdf(bytes: &[u8]) -> bool {
    // The spec allows junk before the header; readers accept it within the
    // first KiB.
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

fn describe_load_error(raw: &str) -> String {
    let lower = raw.to_ascii_lowercase();
    if lower.contains("xref") || lower.contains("trailer") {
        format!("the cross-reference table is broken or the file is truncated ({raw})")
    } else {
        format!("the PDF structure cannot be parsed ({raw})")
    }
}

fn parent_chain_loops(doc: &Document, page: ObjectId) -> bool {
    let mut seen = vec![page];
    let mut current = page;
    loop {
        let parent = doc.get_dictionary(current).ok().and_then(|d| d.get(b"Parent").ok()).and_then(|p| match p {
            Object::Reference(id) => Some(*id),
            _ => None,
        });
        let Some(parent) = parent else { return false };
        if seen.contains(&parent) || seen.len() > MAX_PAGE_TREE_DEPTH {
            return true;
        }
        seen.push(parent);
        current = parent;
    }
}

/// Receives glyphs from pdf-extract's content-stream interpreter.
#[derive(Default)]
struct Collector {
    page_height: f64,
    glyphs: Vec<Glyph>,
}

impl Collector {
    fn start_fresh(&mut self) {
        self.glyphs.clear();
    }

    fn take_page(&mut self) -> PageGlyphs {
        PageGlyphs { glyphs: std::mem::take(&mut self.glyphs) }
    }
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.page_height = media_box.ury - media_box.lly;
        self.glyphs.clear();
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        // The scale of the text rendering matrix (its area factor) turns the
        // font size into user-space units whatever the rotation or mirroring.
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let size = font_size.abs() * scale;
        let x = trm.m31;
        let y = self.page_height - trm.m32;
        if !(x.is_finite() && y.is_finite() && size.is_finite()) {
            return Ok(());
        }
        let advance = if width.is_finite() { width * size } else { 0.0 };
        self.glyphs.push(Glyph { x, y, advance, size, text: text.to_string() });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}
