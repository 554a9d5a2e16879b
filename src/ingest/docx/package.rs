//! The .docx container: classify the bytes, open the zip, find and read parts.
//!
//! Every read is bounded: an entry is inflated through a `take(limit + 1)`,
//! so a zip bomb stops at the limit whatever its header claims.

use std::io::{Cursor, Read};

use zip::ZipArchive;
use zip::result::ZipError;

use super::Limits;
use super::xml::{Walker, XmlError, attr, name};
use crate::ingest::IngestError;
use quick_xml::events::Event;

const OLE_SIGNATURE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
const LEGACY_DOC: &str = "legacy Word .doc: planparse converts it when LibreOffice is installed (apt-get install libreoffice-writer-nogui); otherwise save it as .docx, e.g. soffice --headless --convert-to docx FILE.doc";

const REL_OFFICE_DOCUMENT: &str = "/officeDocument";
const REL_STYLES: &str = "/styles";
const REL_NUMBERING: &str = "/numbering";
const REL_FOOTNOTES: &str = "/footnotes";

/// Names of the parts the reader uses, as found through the relationships
/// (falling back to Word's usual names).
#[derive(Debug, Clone)]
pub(super) struct PartNames {
    pub document: String,
    pub styles: String,
    pub numbering: String,
    pub footnotes: String,
}

pub(super) struct Package<'b> {
    zip: ZipArchive<Cursor<&'b [u8]>>,
    limits: Limits,
}

impl<'b> Package<'b> {
    /// Classify `bytes` and open them as a zip. OLE files (encrypted OOXML or
    /// legacy .doc) and other non-zip content get a specific error.
    pub(super) fn open(bytes: &'b [u8], limits: Limits) -> Result<Self, IngestError> {
        if bytes.starts_with(OLE_SIGNATURE) {
            return Err(classify_ole(bytes));
        }
        if !bytes.starts_with(b"PK") {
            return Err(not_a_zip(bytes));
        }
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| zip_error("cannot open the zip archive", e))?;
        if zip.len() > limits.max_entries {
            return Err(IngestError::TooLarge(format!(
                "the archive has {} entries (limit {})",
                zip.len(),
                limits.max_entries
            )));
        }
        if zip.index_for_name("EncryptedPackage").is_some() {
            return Err(IngestError::Encrypted);
        }
        Ok(Package { zip, limits })
    }

    /// Locate the main document and its related parts.
    pub(super) fn part_names(&mut self, warnings: &mut Vec<String>) -> Result<PartNames, IngestError> {
        let document =
            self.main_document_name(warnings)?.ok_or_else(|| IngestError::Corrupt(self.missing_document_message()))?;
        let mut names = PartNames {
            styles: sibling(&document, "styles.xml"),
            numbering: sibling(&document, "numbering.xml"),
            footnotes: sibling(&document, "footnotes.xml"),
            document,
        };
        let rels_name = rels_name_for(&names.document);
        if let Some(rels) = self.read_text(&rels_name, warnings)? {
            for (kind, target) in relationships(&rels, self.limits) {
                let resolved = resolve_target(&names.document, &target);
                if kind.ends_with(REL_STYLES) {
                    names.styles = resolved;
                } else if kind.ends_with(REL_NUMBERING) {
                    names.numbering = resolved;
                } else if kind.ends_with(REL_FOOTNOTES) {
                    names.footnotes = resolved;
                }
            }
        }
        Ok(names)
    }

    /// The main document part: the package relationship's target if it
    /// exists in the zip, else Word's usual name.
    fn main_document_name(&mut self, warnings: &mut Vec<String>) -> Result<Option<String>, IngestError> {
        if let Some(rels) = self.read_text("_rels/.rels", warnings)? {
            let target = relationships(&rels, self.limits)
                .into_iter()
                .find(|(kind, _)| kind.ends_with(REL_OFFICE_DOCUMENT))
                .map(|(_, target)| resolve_target("", &target));
            if let Some(t) = target.filter(|t| self.zip.index_for_name(t).is_some()) {
                return Ok(Some(t));
            }
        }
        let usual = "word/document.xml";
        Ok(self.zip.index_for_name(usual).map(|_| usual.to_string()))
    }

    fn missing_document_message(&self) -> String {
        let has = |prefix: &str| self.zip.file_names().any(|n| n.map(|n| n.starts_with(prefix)).unwrap_or(false));
        let hint = if has("xl/") {
            " (it looks like an Excel workbook)"
        } else if has("ppt/") {
            " (it looks like a PowerPoint presentation)"
        } else if self.zip.index_for_name("content.xml").is_some() {
            " (it looks like an OpenDocument file: save it as .docx)"
        } else {
            ""
        };
        format!("the zip archive has no word/document.xml, so it is not a Word document{hint}")
    }

    /// Read a part as text, or `None` if the zip has no such entry.
    pub(super) fn read_text(&mut self, part: &str, warnings: &mut Vec<String>) -> Result<Option<String>, IngestError> {
        Ok(self.read_bytes(part)?.map(|b| super::xml::decode_part(b, warnings, part)))
    }

    /// Read a part's bytes with the size limit enforced while inflating.
    pub(super) fn read_bytes(&mut self, part: &str) -> Result<Option<Vec<u8>>, IngestError> {
        let Some(index) = self.zip.index_for_name(part) else {
            return Ok(None);
        };
        let limit = self.limits.max_part_bytes;
        let mut entry = self.zip.by_index(index).map_err(|e| zip_error(part, e))?;
        if entry.size() > limit {
            return Err(too_large(part, limit));
        }
        let mut buf = Vec::with_capacity(entry.size().min(limit).min(64 << 20) as usize);
        (&mut entry).take(limit + 1).read_to_end(&mut buf).map_err(|e| IngestError::Corrupt(format!("{part}: {e}")))?;
        if buf.len() as u64 > limit {
            return Err(too_large(part, limit));
        }
        Ok(Some(buf))
    }
}

fn too_large(part: &str, limit: u64) -> IngestError {
    IngestError::TooLarge(format!("{part} inflates to more than {} MiB", limit >> 20))
}

fn zip_error(context: &str, e: ZipError) -> IngestError {
    match e {
        ZipError::UnsupportedArchive(msg) if msg.to_ascii_lowercase().contains("password") => IngestError::Encrypted,
        ZipError::InvalidPassword => IngestError::Encrypted,
        ZipError::UnsupportedArchive(msg) => {
            IngestError::Corrupt(format!("{context}: unsupported zip feature ({msg})"))
        }
        other => IngestError::Corrupt(format!("{context}: {other}")),
    }
}

/// A legacy binary Word file (OLE, not an encrypted OOXML package).
pub fn is_legacy_doc(bytes: &[u8]) -> bool {
    bytes.starts_with(OLE_SIGNATURE) && classify_ole(bytes) != IngestError::Encrypted
}

/// An OLE compound file is either an encrypted OOXML package (its directory
/// names the streams "EncryptionInfo" / "EncryptedPackage") or a legacy
/// binary Office file.
fn classify_ole(bytes: &[u8]) -> IngestError {
    let encrypted = contains(bytes, &utf16le("EncryptedPackage")) || contains(bytes, &utf16le("EncryptionInfo"));
    if encrypted { IngestError::Encrypted } else { IngestError::Unsupported(LEGACY_DOC.into()) }
}

fn not_a_zip(bytes: &[u8]) -> IngestError {
    let head = &bytes[..bytes.len().min(512)];
    let why = if head.starts_with(b"{\\rtf") {
        "it is an RTF document with a .docx name: open it in Word and save as .docx"
    } else if contains(head, b"<w:wordDocument") || contains(head, b"<pkg:package") {
        "it is a Word XML (flat) document, not a .docx package: save it as .docx"
    } else if contains(&head.to_ascii_lowercase(), b"<html") || head.starts_with(b"MIME-Version") {
        "it is a web page (HTML/MHT) with a .docx name: save it as .docx"
    } else {
        "it is not a zip archive (a .docx file is a zip package)"
    };
    IngestError::Corrupt(why.into())
}

fn utf16le(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// `(Type, Target)` of every internal relationship in a .rels part.
fn relationships(xml: &str, limits: Limits) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut walker = Walker::new(xml, limits);
    loop {
        match walker.next() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                if !name(&e).ends_with("Relationship") {
                    continue;
                }
                let external = attr(&e, "TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("External"));
                if let (false, Some(kind), Some(target)) = (external, attr(&e, "Type"), attr(&e, "Target")) {
                    out.push((kind.into_owned(), target.into_owned()));
                }
            }
            Ok(Event::Eof) | Err(XmlError::Syntax { .. }) | Err(XmlError::Limit(_)) => break,
            Ok(_) => {}
        }
    }
    out
}

/// "word/document.xml" -> "word/_rels/document.xml.rels".
fn rels_name_for(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

fn sibling(part: &str, file: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, _)) => format!("{dir}/{file}"),
        None => file.to_string(),
    }
}

/// Resolve a relationship target relative to the folder of `source`.
fn resolve_target(source: &str, target: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    if let Some(absolute) = target.strip_prefix('/') {
        return normalize_segments(&mut parts, absolute);
    }
    if let Some((dir, _)) = source.rsplit_once('/') {
        parts.extend(dir.split('/').filter(|s| !s.is_empty()));
    }
    normalize_segments(&mut parts, target)
}

fn normalize_segments<'a>(parts: &mut Vec<&'a str>, path: &'a str) -> String {
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_relative_to_the_source_part() {
        assert_eq!(resolve_target("word/document.xml", "styles.xml"), "word/styles.xml");
        assert_eq!(resolve_target("word/document.xml", "/word/numbering.xml"), "word/numbering.xml");
        assert_eq!(resolve_target("word/document.xml", "../customXml/item1.xml"), "customXml/item1.xml");
        assert_eq!(resolve_target("", "word/document2.xml"), "word/document2.xml");
        assert_eq!(rels_name_for("word/document.xml"), "word/_rels/document.xml.rels");
    }
}
