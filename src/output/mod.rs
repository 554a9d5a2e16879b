//! Stage 5: the report as JSON, written atomically.

pub mod agencies;
pub mod csv;
pub mod schema;

use crate::model::{Document, FileError, Summary, SCHEMA_VERSION};
use serde::Serialize;
use std::io::Write;
use std::path::Path;

pub fn generator() -> String {
    format!("planparse {}", env!("CARGO_PKG_VERSION"))
}

/// Writes the report as documents arrive, so a batch holds one document at
/// a time rather than all of them: `{"schema_version", "generator",
/// "documents": [...], "errors", "agencies", "summary"}`. Callers hand
/// documents over in path order, which keeps the output deterministic.
pub struct ReportWriter<W: Write> {
    out: W,
    compact: bool,
    documents: usize,
    errors: Vec<FileError>,
    agencies: agencies::Agencies,
}

impl<W: Write> ReportWriter<W> {
    /// `compact` writes one line without indentation: about a third
    /// smaller for large batches that a program, not a person, reads.
    pub fn begin(mut out: W, compact: bool) -> std::io::Result<Self> {
        let generator = json_string(&generator());
        if compact {
            write!(out, "{{\"schema_version\":{SCHEMA_VERSION},\"generator\":{generator},\"documents\":[")?;
        } else {
            write!(out, "{{\n  \"schema_version\": {SCHEMA_VERSION},\n  \"generator\": {generator},\n  \"documents\": [")?;
        }
        Ok(ReportWriter { out, compact, documents: 0, errors: Vec::new(), agencies: agencies::Agencies::default() })
    }

    pub fn document(&mut self, doc: &Document) -> std::io::Result<()> {
        self.agencies.add(doc);
        // Straight into the writer, with no intermediate string per
        // document; indented output is indented for its place in the array.
        if self.compact {
            if self.documents > 0 {
                self.out.write_all(b",")?;
            }
            serde_json::to_writer(&mut self.out, doc).map_err(std::io::Error::other)?;
        } else {
            let sep = if self.documents == 0 { "\n    " } else { ",\n    " };
            self.out.write_all(sep.as_bytes())?;
            let mut ser = serde_json::Serializer::with_formatter(&mut self.out, NestedPretty { level: 2, has_value: false });
            doc.serialize(&mut ser).map_err(std::io::Error::other)?;
        }
        self.documents += 1;
        Ok(())
    }

    pub fn error(&mut self, e: FileError) {
        self.errors.push(e);
    }

    pub fn errors(&self) -> &[FileError] {
        &self.errors
    }

    /// Close the report; returns the writer and the summary.
    pub fn finish(mut self, skipped: usize) -> std::io::Result<(W, Summary)> {
        let summary = Summary {
            files_taken: self.documents + self.errors.len(),
            documents: self.documents,
            errors: self.errors.len(),
            skipped,
        };
        let close = match (self.compact, self.documents) {
            (true, _) => "],",
            (false, 0) => "],\n",
            (false, _) => "\n  ],\n",
        };
        self.out.write_all(close.as_bytes())?;
        let tail = serde_json::json!({
            "errors": self.errors,
            "agencies": self.agencies.finish(),
            "summary": summary,
        });
        let tail = if self.compact { serde_json::to_string(&tail) } else { serde_json::to_string_pretty(&tail) };
        let tail = tail.map_err(std::io::Error::other)?;
        // Splice the tail object's members after "documents".
        // Exactly one brace each side: compact JSON ends in "}}".
        let inner = tail.trim();
        let inner = inner.strip_prefix('{').and_then(|t| t.strip_suffix('}')).unwrap_or(inner).trim_matches('\n');
        self.out.write_all(inner.as_bytes())?;
        self.out.write_all(if self.compact { b"}\n" } else { b"\n}\n" })?;
        self.out.flush()?;
        Ok((self.out, summary))
    }
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

/// serde_json's pretty layout (two spaces per level) for a value nested
/// `level` levels deep in the report.
struct NestedPretty {
    level: usize,
    has_value: bool,
}

impl NestedPretty {
    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(bracket)
    }

    fn item<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }

    fn indent<W: ?Sized + Write>(&self, w: &mut W) -> std::io::Result<()> {
        const SPACES: &[u8] = b"                                                                ";
        let mut n = self.level * 2;
        while n > 0 {
            let k = n.min(SPACES.len());
            w.write_all(&SPACES[..k])?;
            n -= k;
        }
        Ok(())
    }
}

impl serde_json::ser::Formatter for NestedPretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.item(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.item(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// The folder a file is written in ("." for a bare file name).
pub fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Write through a temporary file in the same folder and rename it into
/// place, so a failed or interrupted run never leaves half a plans.json.
pub fn write_atomic(path: &Path, content: &str) -> std::io::Result<()> {
    let dir = parent_dir(path);
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(content.as_bytes())?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Fail before any work when the output cannot be written: a missing
/// folder or a read-only place.
pub fn check_writable(path: &Path) -> Result<(), String> {
    let dir = parent_dir(path);
    if !dir.is_dir() {
        return Err(format!("the folder {} does not exist", dir.display()));
    }
    if path.is_dir() {
        return Err(format!("{} is a folder; give a file name such as plans.json", path.display()));
    }
    tempfile::NamedTempFile::new_in(dir).map(|_| ()).map_err(|e| format!("cannot write in {}: {e}", dir.display()))
}
