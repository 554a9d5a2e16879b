//! Which reader a file needs, by content first and extension second.

use super::{Format, IngestError};
use std::path::Path;

/// Formats we accept by extension, used when walking folders: files with
/// other extensions are skipped (and counted), not reported as errors.
pub fn format_from_extension(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        // A legacy .doc goes to the Word reader, which converts it through
        // LibreOffice when installed or explains how to.
        "docx" | "doc" => Some(Format::Docx),
        "pdf" => Some(Format::Pdf),
        "txt" | "text" => Some(Format::Txt),
        "md" | "markdown" => Some(Format::Md),
        _ => None,
    }
}

/// Decide the format of a file from its magic bytes, falling back on the
/// extension. Content wins because offices rename files freely: a PDF saved
/// as ".docx" is still read as a PDF.
pub fn detect_format(path: &Path, bytes: &[u8]) -> Result<Format, IngestError> {
    let by_ext = format_from_extension(path);
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    // A named extension we do not read is refused whatever its content
    // (.xlsx and .pptx are zips too); a legacy .doc goes to the Word reader,
    // which explains how to convert it.
    if let Some(e) = ext.as_deref().filter(|_| by_ext.is_none()) {
        return Err(IngestError::Unsupported(format!(".{e} files are not supported; planparse reads .docx, .pdf, .txt and .md")));
    }
    if bytes.starts_with(b"%PDF-") || find_pdf_header(bytes) {
        return Ok(Format::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return match by_ext {
            Some(Format::Docx) | None => Ok(Format::Docx),
            Some(other) if other == Format::Txt || other == Format::Md => {
                Err(IngestError::Unsupported("a zip archive (not text) named as a text file".into()))
            }
            Some(other) => Ok(other),
        };
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        // OLE compound file: a legacy .doc, or an encrypted .docx; the docx
        // reader tells them apart.
        return Ok(Format::Docx);
    }
    match by_ext {
        Some(f) => Ok(f),
        None => {
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            Err(IngestError::Unsupported(if ext.is_empty() {
                "no file extension; planparse reads .docx, .pdf, .txt and .md".to_string()
            } else {
                format!(".{ext} files are not supported; planparse reads .docx, .pdf, .txt and .md")
            }))
        }
    }
}

/// Some PDFs carry junk before the header; readers accept it within 1 KiB.
fn find_pdf_header(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}
