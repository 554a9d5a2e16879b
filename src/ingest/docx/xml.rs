//! The one XML pull loop every part reader goes through.
//!
//! [`Walker`] wraps quick-xml's slice reader and enforces the limits that keep
//! a hostile part from costing unbounded work: nesting depth and element
//! count. Readers ask it for events and match on element names as written
//! ("w:p"), because every producer we have seen binds WordprocessingML to the
//! `w` prefix.

use std::borrow::Cow;

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use super::Limits;
use crate::ingest::IngestError;

/// Why a walk stopped early.
#[derive(Debug)]
pub(super) enum XmlError {
    /// A limit was hit: the whole read must fail.
    Limit(IngestError),
    /// The XML is malformed from byte `at` on; what came before is usable.
    Syntax { at: u64, why: String },
}

impl From<IngestError> for XmlError {
    fn from(e: IngestError) -> Self {
        XmlError::Limit(e)
    }
}

pub(super) struct Walker<'a> {
    reader: Reader<&'a [u8]>,
    depth: usize,
    elements: u64,
    limits: Limits,
}

impl<'a> Walker<'a> {
    pub(super) fn new(xml: &'a str, limits: Limits) -> Self {
        Walker { reader: Reader::from_str(xml), depth: 0, elements: 0, limits }
    }

    /// The next event, with depth and element count checked. `Event::Eof`
    /// ends the walk.
    pub(super) fn next(&mut self) -> Result<Event<'a>, XmlError> {
        let event = self.reader.read_event().map_err(|e| self.syntax(e))?;
        match &event {
            Event::Start(_) => {
                self.count_element()?;
                self.depth += 1;
                if self.depth > self.limits.max_depth {
                    return Err(XmlError::Limit(IngestError::TooLarge(format!(
                        "XML nested deeper than {} levels",
                        self.limits.max_depth
                    ))));
                }
            }
            Event::Empty(_) => self.count_element()?,
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        Ok(event)
    }

    /// Skip the rest of the element whose `Start` event was just returned.
    pub(super) fn skip(&mut self, start: &BytesStart<'_>) -> Result<(), XmlError> {
        self.reader.read_to_end(start.name()).map_err(|e| self.syntax(e))?;
        self.depth = self.depth.saturating_sub(1);
        Ok(())
    }

    fn count_element(&mut self) -> Result<(), XmlError> {
        self.elements += 1;
        if self.elements > self.limits.max_elements {
            return Err(XmlError::Limit(IngestError::TooLarge(format!(
                "more than {} XML elements in one part",
                self.limits.max_elements
            ))));
        }
        Ok(())
    }

    fn syntax(&self, e: quick_xml::Error) -> XmlError {
        XmlError::Syntax { at: self.reader.error_position(), why: e.to_string() }
    }
}

/// The element's qualified name as written, e.g. "w:p".
pub(super) fn name<'e>(e: &'e BytesStart<'_>) -> &'e str {
    let q = e.name();
    // QName borrows from `e`; re-borrow the str with `e`'s lifetime.
    let s: &str = q.0;
    s
}

/// Value of the attribute whose local name is `local` ("val" matches "w:val").
pub(super) fn attr<'e>(e: &'e BytesStart<'_>, local: &str) -> Option<Cow<'e, str>> {
    for a in e.attributes().with_checks(false).flatten() {
        if a.key.local_name().as_ref() == local {
            return Some(match a.normalized_value(XmlVersion::Implicit1_0) {
                Ok(v) => v,
                Err(_) => a.value,
            });
        }
    }
    None
}

/// `w:val` parsed as an integer.
pub(super) fn val_int(e: &BytesStart<'_>) -> Option<i64> {
    attr(e, "val").and_then(|v| v.trim().parse().ok())
}

/// `w:val` as a string.
pub(super) fn val(e: &BytesStart<'_>) -> Option<String> {
    attr(e, "val").map(Cow::into_owned)
}

/// An OOXML on/off property: present without `w:val`, or with a true value.
pub(super) fn on_off(e: &BytesStart<'_>) -> bool {
    match attr(e, "val") {
        None => true,
        Some(v) => !matches!(v.as_ref(), "0" | "false" | "off" | "none"),
    }
}

/// Text of an entity reference inside character data (`&amp;`, `&#x1EA1;`).
pub(super) fn resolve_ref(r: &BytesRef<'_>) -> Option<char> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Some(c);
    }
    match r.as_ref() {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}

/// Decode a part's bytes to text. XML parts are UTF-8 in practice; UTF-16
/// (with a BOM) is legal and handled; invalid UTF-8 is repaired with U+FFFD
/// and reported, so one bad byte does not lose the whole document.
pub(super) fn decode_part(bytes: Vec<u8>, warnings: &mut Vec<String>, part: &str) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode_utf8(rest.to_vec(), warnings, part);
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let big_endian = bytes[0] == 0xFE;
        let units = bytes[2..].chunks_exact(2).map(|c| {
            let pair = [c[0], c[1]];
            if big_endian { u16::from_be_bytes(pair) } else { u16::from_le_bytes(pair) }
        });
        let text: String = char::decode_utf16(units).map(|c| c.unwrap_or('\u{FFFD}')).collect();
        // The declaration still says UTF-16; the str reader ignores it.
        return text;
    }
    decode_utf8(bytes, warnings, part)
}

fn decode_utf8(bytes: Vec<u8>, warnings: &mut Vec<String>, part: &str) -> String {
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            warnings.push(format!("{part}: invalid UTF-8 bytes replaced with U+FFFD"));
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    }
}

/// A stack of the element names that matter to a reader, so rules can be
/// written as paths ("style/rPr/rFonts") instead of flags.
#[derive(Default)]
pub(super) struct Path {
    stack: Vec<&'static str>,
}

impl Path {
    pub(super) fn push(&mut self, tag: &'static str) {
        self.stack.push(tag);
    }

    pub(super) fn pop(&mut self) {
        self.stack.pop();
    }

    /// True if the innermost open elements are exactly `suffix`.
    pub(super) fn ends_with(&self, suffix: &[&str]) -> bool {
        self.stack.ends_with(suffix)
    }
}
