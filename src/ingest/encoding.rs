//! Text decoding: UTF-8 / UTF-16 and the legacy Vietnamese encodings.
//! (stub: being replaced by the full detector)

use super::IngestError;

/// Legacy 8-bit Vietnamese font encodings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    Tcvn3,
    /// TCVN3 in a capitals font (".VnTimeH"): decode, then upper-case.
    Tcvn3Upper,
    Vni,
    Viscii,
    Cp1258,
}

/// Decode a text file's bytes to Unicode (NFC is left to `normalize`).
/// Returns the text and the name of the encoding it was decoded from.
pub fn decode_text(bytes: &[u8]) -> Result<(String, &'static str), IngestError> {
    let (bytes, _) = strip_bom(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_string(), "utf-8")),
        Err(_) => Err(IngestError::Unsupported("not UTF-8 text".into())),
    }
}

fn strip_bom(bytes: &[u8]) -> (&[u8], bool) {
    match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, true),
        None => (bytes, false),
    }
}

/// The legacy encoding implied by a font name (".VnTime", ".VnTimeH", "VNI-Times"...).
pub fn legacy_font_encoding(font: &str) -> Option<Legacy> {
    let _ = font;
    None
}

/// Convert text that a reader decoded as cp1252/Latin-1 from a legacy-font run.
pub fn transcode_legacy(text: &str, enc: Legacy) -> String {
    let _ = enc;
    text.to_string()
}
