//! PDF text layer reader. (stub: being replaced by the full reader)

use super::{Block, IngestError, IngestOptions, Ingested};

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

pub fn read(bytes: &[u8], opts: &IngestOptions) -> Result<Ingested, IngestError> {
    let _ = opts;
    let text = pdf_extract::extract_text_from_mem(bytes).map_err(|e| IngestError::Corrupt(e.to_string()))?;
    Ok(Ingested { blocks: text.split("\n\n").map(|p| Block::Paragraph(p.to_string())).collect(), ..Default::default() })
}
