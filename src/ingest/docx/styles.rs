//! styles.xml: the two things a style can contribute to text extraction.
//!
//! * numbering: a paragraph style may carry `w:numPr`, so paragraphs in
//!   "Heading 1" get a number without any numbering markup of their own;
//! * fonts: a style's `w:rFonts` decides whether unformatted runs are in a
//!   legacy font (.VnTime, VNI-Times) whose text must be transcoded.
//!
//! Both are inherited through `w:basedOn`; chains are resolved once at load
//! time (bounded, so a cycle cannot loop).

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};

use super::Limits;
use super::xml::{Path, Walker, XmlError, attr, name, val, val_int};
use crate::ingest::IngestError;

/// Longest `w:basedOn` chain followed; Word itself refuses deeper ones.
const MAX_CHAIN: usize = 32;

/// Font names of a run's Latin slots. `None` = not set at this layer.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Fonts {
    pub ascii: Option<String>,
    pub hansi: Option<String>,
}

impl Fonts {
    /// Fill the slots this layer leaves unset from `base`.
    pub(super) fn or(&self, base: &Fonts) -> Fonts {
        Fonts {
            ascii: self.ascii.clone().or_else(|| base.ascii.clone()),
            hansi: self.hansi.clone().or_else(|| base.hansi.clone()),
        }
    }

    /// Read a `w:rFonts`. A theme font wins over the named one (as in
    /// Word) and is recorded as "theme:<slot>", which no legacy-font check
    /// matches but which stops inheritance of a style's legacy font.
    pub(super) fn set_from(&mut self, e: &BytesStart<'_>) {
        let slot = |theme: &str, named: &str| {
            attr(e, theme).map(|t| format!("theme:{t}")).or_else(|| attr(e, named).map(|v| v.into_owned()))
        };
        if let Some(v) = slot("asciiTheme", "ascii") {
            self.ascii = Some(v);
        }
        if let Some(v) = slot("hAnsiTheme", "hAnsi") {
            self.hansi = Some(v);
        }
    }
}

/// A `w:numPr` as written: either field may be missing.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct NumPr {
    pub num_id: Option<i64>,
    pub ilvl: Option<i64>,
}

impl NumPr {
    pub(super) fn or(self, base: NumPr) -> NumPr {
        NumPr { num_id: self.num_id.or(base.num_id), ilvl: self.ilvl.or(base.ilvl) }
    }

    /// Read an `w:ilvl` / `w:numId` child into this numPr.
    pub(super) fn set_from(&mut self, e: &BytesStart<'_>) {
        match name(e) {
            "w:ilvl" => self.ilvl = val_int(e),
            "w:numId" => self.num_id = val_int(e),
            _ => {}
        }
    }
}

#[derive(Debug, Clone, Default)]
struct RawStyle {
    kind: String,
    based_on: Option<String>,
    num: NumPr,
    fonts: Fonts,
}

/// A style with its inheritance already applied.
#[derive(Debug, Clone, Default)]
pub(super) struct Style {
    pub num: NumPr,
    pub fonts: Fonts,
}

#[derive(Debug, Default)]
pub(super) struct Styles {
    paragraph: HashMap<String, Style>,
    character: HashMap<String, Style>,
    /// Numbering styles (`w:type="numbering"`), for `w:numStyleLink`.
    numbering: HashMap<String, Style>,
    default_paragraph: Option<String>,
    /// Fonts from `w:docDefaults`.
    pub default_fonts: Fonts,
}

/// Parser state: the style being read and where in it we are.
#[derive(Default)]
struct StyleParser {
    raw: HashMap<String, RawStyle>,
    styles: Styles,
    current: Option<(String, RawStyle)>,
    path: Path,
}

impl StyleParser {
    /// Handle an opening (or empty) element; returns its path tag.
    fn open(&mut self, e: &BytesStart<'_>) -> &'static str {
        let path = &self.path;
        match name(e) {
            "w:style" => {
                let id = attr(e, "styleId").map(|v| v.into_owned()).unwrap_or_default();
                let kind = attr(e, "type").map(|v| v.into_owned()).unwrap_or_else(|| "paragraph".into());
                let is_default = attr(e, "default").is_some_and(|v| v == "1" || v == "true");
                if is_default && kind == "paragraph" {
                    self.styles.default_paragraph = Some(id.clone());
                }
                self.current = Some((id, RawStyle { kind, ..RawStyle::default() }));
                "style"
            }
            "w:docDefaults" => "docDefaults",
            "w:rPrDefault" => "rPrDefault",
            "w:pPr" => "pPr",
            "w:rPr" => "rPr",
            "w:numPr" => "numPr",
            "w:basedOn" if path.ends_with(&["style"]) => {
                if let Some((_, s)) = self.current.as_mut() {
                    s.based_on = val(e);
                }
                ""
            }
            "w:rFonts" if path.ends_with(&["style", "rPr"]) => {
                if let Some((_, s)) = self.current.as_mut() {
                    s.fonts.set_from(e);
                }
                ""
            }
            "w:rFonts" if path.ends_with(&["docDefaults", "rPrDefault", "rPr"]) => {
                self.styles.default_fonts.set_from(e);
                ""
            }
            "w:ilvl" | "w:numId" if path.ends_with(&["style", "pPr", "numPr"]) => {
                if let Some((_, s)) = self.current.as_mut() {
                    s.num.set_from(e);
                }
                ""
            }
            _ => "",
        }
    }

    /// Handle the end of the innermost open element.
    fn close(&mut self) {
        if self.path.ends_with(&["style"])
            && let Some((id, style)) = self.current.take()
        {
            self.raw.insert(id, style);
        }
        self.path.pop();
    }
}

impl Styles {
    pub(super) fn parse(xml: &str, limits: Limits, warnings: &mut Vec<String>) -> Result<Styles, IngestError> {
        let mut parser = StyleParser::default();
        let mut walker = Walker::new(xml, limits);
        loop {
            let (e, empty) = match walker.next() {
                Ok(Event::Start(e)) => (e, false),
                Ok(Event::Empty(e)) => (e, true),
                Ok(Event::End(_)) => {
                    parser.close();
                    continue;
                }
                Ok(Event::Eof) => break,
                Ok(_) => continue,
                Err(XmlError::Limit(e)) => return Err(e),
                Err(XmlError::Syntax { at, why }) => {
                    warnings.push(format!("styles.xml is damaged at byte {at} ({why}); later styles ignored"));
                    break;
                }
            };
            if !empty && is_irrelevant(&e) {
                if let Err(XmlError::Limit(err)) = walker.skip(&e) {
                    return Err(err);
                }
                continue;
            }
            let tag = parser.open(&e);
            parser.path.push(tag);
            if empty {
                parser.close();
            }
        }
        let mut styles = parser.styles;
        styles.resolve(&parser.raw);
        Ok(styles)
    }

    fn resolve(&mut self, raw: &HashMap<String, RawStyle>) {
        for (id, style) in raw {
            let resolved = resolve_chain(id, raw);
            let map = match style.kind.as_str() {
                "character" => &mut self.character,
                "numbering" => &mut self.numbering,
                "paragraph" => &mut self.paragraph,
                _ => continue,
            };
            map.insert(id.clone(), resolved);
        }
    }

    /// A paragraph style by id, or the document's default paragraph style
    /// when the paragraph names none (or an unknown one).
    pub(super) fn paragraph(&self, id: Option<&str>) -> Option<&Style> {
        id.and_then(|id| self.paragraph.get(id))
            .or_else(|| self.default_paragraph.as_deref().and_then(|d| self.paragraph.get(d)))
    }

    /// Whether `id` names a paragraph style (used to tell "no style" from
    /// "unknown style").
    pub(super) fn paragraph_style_id<'a>(&'a self, id: Option<&'a str>) -> Option<&'a str> {
        match id {
            Some(id) if self.paragraph.contains_key(id) => Some(id),
            _ => self.default_paragraph.as_deref(),
        }
    }

    pub(super) fn character(&self, id: &str) -> Option<&Style> {
        self.character.get(id)
    }

    pub(super) fn numbering_style(&self, id: &str) -> Option<&Style> {
        self.numbering.get(id)
    }
}

/// Table styles (most of a typical styles.xml), table properties, tracked
/// changes and the latent style list never change the text: they are
/// skipped whole, which is much cheaper than walking them.
fn is_irrelevant(e: &BytesStart<'_>) -> bool {
    match name(e) {
        "w:style" => attr(e, "type").is_some_and(|t| t == "table"),
        "w:tblStylePr" | "w:tblPr" | "w:trPr" | "w:tcPr" | "w:pPrChange" | "w:rPrChange" | "w:latentStyles" => true,
        _ => false,
    }
}

/// Apply `w:basedOn` inheritance for one style (nearest definition wins).
fn resolve_chain(id: &str, raw: &HashMap<String, RawStyle>) -> Style {
    let mut out = Style::default();
    let mut next = Some(id);
    for _ in 0..MAX_CHAIN {
        let Some(style) = next.and_then(|id| raw.get(id)) else { break };
        out.num = out.num.or(style.num);
        out.fonts = out.fonts.or(&style.fonts);
        next = style.based_on.as_deref();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inheritance_fills_unset_slots_and_survives_cycles() {
        let xml = r#"<w:styles xmlns:w="x">
          <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/></w:rPr></w:rPrDefault></w:docDefaults>
          <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr></w:style>
          <w:style w:type="paragraph" w:styleId="H1"><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
          <w:style w:type="paragraph" w:styleId="H2"><w:basedOn w:val="H1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
          <w:style w:type="paragraph" w:styleId="A"><w:basedOn w:val="B"/></w:style>
          <w:style w:type="paragraph" w:styleId="B"><w:basedOn w:val="A"/></w:style>
        </w:styles>"#;
        let mut w = Vec::new();
        let s = Styles::parse(xml, Limits::default(), &mut w).unwrap();
        let h2 = s.paragraph(Some("H2")).unwrap();
        assert_eq!(h2.num, NumPr { num_id: Some(3), ilvl: Some(1) });
        assert_eq!(h2.fonts.ascii.as_deref(), Some(".VnTime"));
        assert_eq!(s.default_fonts.ascii.as_deref(), Some("Times New Roman"));
        assert!(s.paragraph(Some("A")).is_some());
        assert!(s.paragraph(None).is_some(), "falls back to the default style");
    }
}
