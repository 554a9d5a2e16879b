//! One file through every stage: bytes -> Document, or a FileError.

use crate::extract;
use crate::grammar::Grammar;
use crate::ingest::{self, detect, Format, IngestError, IngestOptions};
use crate::model::{Document, FileError, Section, Source};
use crate::normalize::{self, NormDoc};
use crate::segment::{self, Segmented};
use sha2::{Digest, Sha256};
use std::path::Path;

/// Refuse files above this size before reading them whole.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

pub struct Options {
    pub ingest: IngestOptions,
    pub include_text: bool,
}

pub fn process_path(path: &Path, display: &str, g: &Grammar, opts: &Options) -> Result<Document, FileError> {
    let err = |e: IngestError| FileError { path: display.to_string(), kind: e.kind().to_string(), message: e.to_string() };
    let bytes = read_file(path).map_err(err)?;
    let format = detect::detect_format(path, &bytes).map_err(err)?;
    process_bytes(&bytes, format, display, g, opts).map_err(err)
}

fn read_file(path: &Path) -> Result<Vec<u8>, IngestError> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => IngestError::NotFound,
        _ => IngestError::Unreadable(e.to_string()),
    })?;
    if meta.is_dir() {
        return Err(IngestError::Unsupported("a folder given where a file was expected".into()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(IngestError::TooLarge(format!("{} MB (limit {} MB)", meta.len() >> 20, MAX_FILE_BYTES >> 20)));
    }
    std::fs::read(path).map_err(|e| IngestError::Unreadable(e.to_string()))
}

/// The whole pipeline on bytes already in memory. Panics in our own stages
/// are caught too, so one bad file never takes the batch down.
pub fn process_bytes(bytes: &[u8], format: Format, display: &str, g: &Grammar, opts: &Options) -> Result<Document, IngestError> {
    let ingested = ingest::ingest(bytes, format, &opts.ingest)?;
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let doc = normalize::normalize(&ingested.blocks, format, g);
        if doc.text.trim().is_empty() {
            return Err(IngestError::Empty);
        }
        let seg = segment::segment(&doc, g);
        let ex = extract::extract(&doc, &seg, g);
        Ok(Document {
            source: Source {
                path: display.to_string(),
                format: format.as_str().to_string(),
                sha256: hex::encode(Sha256::digest(bytes)),
                bytes: bytes.len() as u64,
                encoding: ingested.encoding.clone(),
            },
            meta: ex.meta,
            parts: ex.parts,
            sections: build_tree(&doc, &seg, g),
            targets: ex.targets,
            tasks: ex.tasks,
            references: ex.references,
            warnings: ingested.warnings.clone(),
            text: opts.include_text.then(|| doc.text.clone()),
        })
    }));
    match run {
        Ok(r) => r,
        Err(p) => Err(IngestError::Panic(format!("internal error in planparse: {}", ingest::panic_message(&p)))),
    }
}

/// The flat node arena as the nested `Section` tree of the contract.
fn build_tree(doc: &NormDoc, seg: &Segmented, g: &Grammar) -> Vec<Section> {
    fn build(id: usize, doc: &NormDoc, seg: &Segmented, g: &Grammar) -> Section {
        let n = &seg.nodes[id];
        let (s, e) = n.content;
        Section {
            path: n.path.clone(),
            marker: n.marker.raw.clone(),
            style: g.sections.styles[n.style].name.clone(),
            heading: n.heading.clone(),
            text: doc.text[s..e].to_string(),
            span: crate::model::Span { start: s, end: e, line: n.line + 1 },
            part: n.part,
            children: n.children.iter().map(|&c| build(c, doc, seg, g)).collect(),
        }
    }
    seg.roots.iter().map(|&r| build(r, doc, seg, g)).collect()
}
