//! Word (.docx) reader: zip + quick-xml, one streaming pass over the body.
//!
//! A .docx is a zip of XML parts. The reader
//! 1. classifies the bytes ([`package`]): an OLE compound file is either an
//!    encrypted package or a legacy .doc; anything else must be a zip with a
//!    main document part (found through `_rels/.rels`);
//! 2. loads the two parts that change the text of the body: styles.xml
//!    ([`styles`]: style-inherited numbering and fonts) and numbering.xml
//!    ([`numbering`]: list definitions);
//! 3. streams document.xml once ([`body`]) into paragraphs and tables in
//!    document order, rendering automatic numbers as Word displays them,
//!    transcoding runs in legacy Vietnamese fonts, dropping deleted text and
//!    flattening text boxes and merged cells ([`table`]).
//!
//! Headers, footers, comments and footnotes are not body text and are not
//! read; [`read_footnotes`] gets the footnote texts when they are wanted.
//!
//! Hostile input costs bounded work ([`Limits`]): inflated part size, zip
//! entry count, XML depth and element count, and the size of the output
//! (merged cells and numbering labels can multiply text). Errors, never
//! panics: a damaged body keeps what was read before the damage, with a
//! warning.

mod body;
mod numbering;
mod package;
pub use package::is_legacy_doc;
mod styles;
mod table;
mod xml;

#[cfg(test)]
mod tests;

use super::{IngestError, Ingested};
use numbering::Numbering;
use package::{Package, PartNames};
use styles::Styles;

/// Bounds on the work one file may cause.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// Largest inflated size of one zip entry.
    pub max_part_bytes: u64,
    pub max_entries: usize,
    pub max_depth: usize,
    /// Most elements in one XML part.
    pub max_elements: u64,
    /// Most text (and table cells) one part may produce.
    pub max_output_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_part_bytes: 256 << 20,
            max_entries: 20_000,
            max_depth: 256,
            max_elements: 2_000_000,
            max_output_bytes: 512 << 20,
        }
    }
}

/// Output still allowed; merged cells and padding are charged as they are made.
#[derive(Debug)]
pub(crate) struct Budget {
    left: usize,
    limit: usize,
}

impl Budget {
    pub(crate) fn new(limit: usize) -> Self {
        Budget { left: limit, limit }
    }

    pub(crate) fn charge(&mut self, bytes: usize) -> Result<(), IngestError> {
        match self.left.checked_sub(bytes) {
            Some(left) => {
                self.left = left;
                Ok(())
            }
            None => Err(IngestError::TooLarge(format!(
                "the document expands to more than {} MiB of text",
                self.limit >> 20
            ))),
        }
    }

    /// Empty cells cost their `String` header.
    pub(crate) fn charge_cells(&mut self, n: usize) -> Result<(), IngestError> {
        self.charge(n.saturating_mul(std::mem::size_of::<String>()))
    }
}

/// What a vertically merged cell (`w:vMerge`) shows in the rows it covers
/// below its first one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MergedCells {
    /// The merged cell's text, so every row can be read on its own.
    RepeatText,
    /// Empty, as Word displays it (the text appears once). The default: the
    /// text stays faithful to the document, and `Table::merged_above` lets
    /// the task-table reader take the value from above.
    #[default]
    FirstRowOnly,
}

/// Reader choices; `Default` is what [`read`] uses.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    pub merged_cells: MergedCells,
}

/// Read a .docx file into blocks.
pub fn read(bytes: &[u8]) -> Result<Ingested, IngestError> {
    read_with(bytes, Options::default())
}

/// [`read`] with explicit [`Options`].
pub fn read_with(bytes: &[u8], options: Options) -> Result<Ingested, IngestError> {
    read_with_limits(bytes, options, Limits::default())
}

/// The texts of the document's footnotes, in order (separators excluded).
/// Not part of [`read`]'s output: notes are not body text.
pub fn read_footnotes(bytes: &[u8]) -> Result<Vec<String>, IngestError> {
    let limits = Limits::default();
    let mut warnings = Vec::new();
    let mut pkg = Package::open(bytes, limits)?;
    let names = pkg.part_names(&mut warnings)?;
    let Some(xml) = pkg.read_text(&names.footnotes, &mut warnings)? else {
        return Ok(Vec::new());
    };
    let (styles, numbering) = load_definitions(&mut pkg, &names, limits, &mut warnings)?;
    Ok(body::read_part(&xml, &styles, &numbering, Options::default(), limits, &mut warnings)?.notes)
}

pub(crate) fn read_with_limits(bytes: &[u8], options: Options, limits: Limits) -> Result<Ingested, IngestError> {
    let mut warnings = Vec::new();
    let mut pkg = Package::open(bytes, limits)?;
    let names = pkg.part_names(&mut warnings)?;
    let document = pkg
        .read_text(&names.document, &mut warnings)?
        .ok_or_else(|| IngestError::Corrupt(format!("{} is missing", names.document)))?;
    let (styles, numbering) = load_definitions(&mut pkg, &names, limits, &mut warnings)?;
    let out = body::read_part(&document, &styles, &numbering, options, limits, &mut warnings)?;
    let encoding = match out.legacy {
        Some(enc) => {
            warnings.push(format!(
                "{} text runs in legacy Vietnamese fonts ({}) were converted to Unicode",
                out.legacy_runs,
                enc.name()
            ));
            enc.name()
        }
        None => "utf-8",
    };
    Ok(Ingested { blocks: out.blocks, encoding: Some(encoding.to_string()), warnings })
}

/// Styles and numbering definitions. Both are optional: a damaged one costs
/// its numbers or fonts (with a warning), not the document.
fn load_definitions(
    pkg: &mut Package<'_>,
    names: &PartNames,
    limits: Limits,
    warnings: &mut Vec<String>,
) -> Result<(Styles, Numbering), IngestError> {
    let styles = match optional_part(pkg, &names.styles, warnings)? {
        Some(xml) => Styles::parse(&xml, limits, warnings)?,
        None => Styles::default(),
    };
    let mut numbering = match optional_part(pkg, &names.numbering, warnings)? {
        Some(xml) => Numbering::parse(&xml, limits, warnings)?,
        None => Numbering::default(),
    };
    numbering.link_styles(&styles);
    Ok((styles, numbering))
}

/// A part that may be absent or unreadable without failing the read;
/// limits still fail it.
fn optional_part(pkg: &mut Package<'_>, part: &str, warnings: &mut Vec<String>) -> Result<Option<String>, IngestError> {
    match pkg.read_text(part, warnings) {
        Ok(xml) => Ok(xml),
        Err(IngestError::Corrupt(why)) => {
            warnings.push(format!("{part} could not be read ({why}); ignored"));
            Ok(None)
        }
        Err(other) => Err(other),
    }
}
