//! Stage 5: the report as JSON, written atomically.

pub mod agencies;
pub mod schema;

use crate::model::{Document, FileError, Report, Summary, SCHEMA_VERSION};
use std::io::Write;
use std::path::Path;

pub fn generator() -> String {
    format!("planparse {}", env!("CARGO_PKG_VERSION"))
}

/// Assemble the report: documents sorted by path so the output does not
/// depend on which worker finished first.
pub fn report(mut documents: Vec<Document>, mut errors: Vec<FileError>, skipped: usize) -> Report {
    documents.sort_by(|a, b| a.source.path.cmp(&b.source.path));
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    let agencies = agencies::summarise(&documents);
    Report {
        schema_version: SCHEMA_VERSION,
        generator: generator(),
        summary: Summary {
            files_taken: documents.len() + errors.len(),
            documents: documents.len(),
            errors: errors.len(),
            skipped,
        },
        documents,
        errors,
        agencies,
    }
}

pub fn to_json(report: &Report) -> serde_json::Result<String> {
    let mut s = serde_json::to_string_pretty(report)?;
    s.push('\n');
    Ok(s)
}

/// Write through a temporary file in the same folder and rename it into
/// place, so a failed or interrupted run never leaves half a plans.json.
pub fn write_atomic(path: &Path, content: &str) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(content.as_bytes())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Fail before any work when the output cannot be written: a missing
/// folder or a read-only place.
pub fn check_writable(path: &Path) -> Result<(), String> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(format!("the folder {} does not exist", dir.display()));
    }
    if path.is_dir() {
        return Err(format!("{} is a folder; give a file name such as plans.json", path.display()));
    }
    tempfile::NamedTempFile::new_in(dir).map(|_| ()).map_err(|e| format!("cannot write in {}: {e}", dir.display()))
}
