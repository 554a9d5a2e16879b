//! The output contract (schema_version 1): one type per concept.
//!
//! Field names and shapes are fixed by the contract; fields may be added but
//! never renamed. Spans are UTF-8 byte offsets into the document's normalised
//! text (see `normalize`), `line` is 1-based in that text.

use serde::{Deserialize, Serialize};

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Report {
    pub schema_version: u32,
    pub generator: String,
    pub documents: Vec<Document>,
    pub errors: Vec<FileError>,
    /// Every agency named as lead or support across all documents.
    #[serde(default)]
    pub agencies: Vec<AgencySummary>,
    #[serde(default)]
    pub summary: Summary,
}

/// Counts of what the run took in, so a user can see nothing was lost.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Summary {
    pub files_taken: usize,
    pub documents: usize,
    pub errors: usize,
    /// Files inside folders that were not of a supported type.
    pub skipped: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FileError {
    pub path: String,
    pub kind: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Document {
    pub source: Source,
    pub meta: Meta,
    pub parts: Vec<Part>,
    pub sections: Vec<Section>,
    pub targets: Vec<Target>,
    pub tasks: Vec<Task>,
    pub references: Vec<Reference>,
    pub warnings: Vec<String>,
    /// The normalised text all spans point into (only with `--include-text`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Source {
    pub path: String,
    pub format: String,
    pub sha256: String,
    pub bytes: u64,
    /// Text encoding the file was decoded from (text formats only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Meta {
    pub doc_type: String,
    pub number: Option<String>,
    pub symbol: Option<String>,
    pub date: Option<String>,
    pub place: Option<String>,
    pub issuer: Option<String>,
    pub title: Option<String>,
    pub period: Option<Period>,
    pub signers: Vec<Signer>,
    pub draft: bool,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq)]
pub struct Period {
    pub from: Option<i32>,
    pub to: i32,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Signer {
    pub name: String,
    pub position: Option<String>,
    pub on_behalf: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Part {
    pub doc_type: String,
    pub number: Option<String>,
    pub date: Option<String>,
    pub title: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub line: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Section {
    pub path: Vec<String>,
    pub marker: String,
    pub style: String,
    pub heading: Option<String>,
    /// The section's own text (marker excluded, children excluded).
    pub text: String,
    pub span: Span,
    /// Index into `parts` of the document part this section belongs to.
    pub part: usize,
    pub children: Vec<Section>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Target {
    pub section: Vec<String>,
    pub text: String,
    pub indicator: String,
    pub value: f64,
    pub unit: String,
    pub comparator: String,
    pub change: Option<String>,
    pub year: Option<i32>,
    pub deadline: Option<Deadline>,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Task {
    pub section: Vec<String>,
    pub text: String,
    pub lead: Vec<String>,
    pub support: Vec<String>,
    pub deadline: Option<Deadline>,
    pub origin: String,
    pub span: Span,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Deadline {
    pub text: String,
    pub year: Option<i32>,
    pub quarter: Option<u8>,
    pub month: Option<u8>,
    pub day: Option<u8>,
    pub by: Option<String>,
    pub recurrence: Option<String>,
    /// Earlier milestones of a timeline ("từ quý 1/2021, sơ kết quý 3/2023,
    /// tổng kết quý 3/2025"); the deadline itself is the last one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub milestones: Vec<Deadline>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Reference {
    pub doc_type: String,
    pub number: String,
    pub date: Option<String>,
    pub issuer: Option<String>,
    /// The first mention.
    pub span: Span,
    /// Every mention, the first included (a title in capitals may write
    /// the number in capitals: "27/CT-TTG" for "27/CT-TTg").
    pub mentions: Vec<Span>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AgencySummary {
    pub name: String,
    pub spellings: Vec<String>,
    pub lead: usize,
    pub support: usize,
}
