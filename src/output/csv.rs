//! Tasks and targets as spreadsheet rows (`--tasks-csv`, `--targets-csv`):
//! the follow-up office's working list, one row per task or target, with the
//! file, section and line a reviewer needs to find it in the source.
//!
//! RFC 4180 CSV with a UTF-8 byte order mark and CRLF line ends, because
//! that is what Excel needs to open Vietnamese text correctly by double
//! click. Several agencies in one cell are joined with "; ".

use crate::model::{Deadline, Document};
use std::io::Write;

/// The rows a sheet holds: tasks or targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sheet {
    Tasks,
    Targets,
}

const TASK_COLUMNS: &[&str] = &[
    "file", "doc_number", "doc_type", "section", "task", "lead", "support", "deadline", "deadline_by", "recurrence",
    "origin", "line", "span_start", "span_end",
];

const TARGET_COLUMNS: &[&str] = &[
    "file", "doc_number", "doc_type", "section", "indicator", "comparator", "value", "unit", "year", "change",
    "deadline", "text", "line", "span_start", "span_end",
];

/// Writes one sheet as documents arrive, in the order they are given.
pub struct CsvWriter<W: Write> {
    out: W,
    sheet: Sheet,
}

impl<W: Write> CsvWriter<W> {
    pub fn begin(mut out: W, sheet: Sheet) -> std::io::Result<Self> {
        out.write_all("\u{FEFF}".as_bytes())?;
        let columns = match sheet {
            Sheet::Tasks => TASK_COLUMNS,
            Sheet::Targets => TARGET_COLUMNS,
        };
        write_row(&mut out, columns.iter().map(|c| c.to_string()))?;
        Ok(CsvWriter { out, sheet })
    }

    pub fn document(&mut self, doc: &Document) -> std::io::Result<()> {
        // (every row starts with its document and ends with where it stands)
        let head = [doc.source.path.clone(), doc.meta.number.clone().unwrap_or_default(), doc.meta.doc_type.clone()];
        let place = |span: &crate::model::Span| [span.line.to_string(), span.start.to_string(), span.end.to_string()];
        match self.sheet {
            Sheet::Tasks => {
                for t in &doc.tasks {
                    let d = t.deadline.as_ref();
                    let own = [
                        t.section.join(" / "),
                        t.text.clone(),
                        t.lead.join("; "),
                        t.support.join("; "),
                        deadline_text(d),
                        d.and_then(|d| d.by.clone()).unwrap_or_default(),
                        d.and_then(|d| d.recurrence.clone()).unwrap_or_default(),
                        t.origin.clone(),
                    ];
                    write_row(&mut self.out, head.iter().cloned().chain(own).chain(place(&t.span)))?;
                }
            }
            Sheet::Targets => {
                for t in &doc.targets {
                    let own = [
                        t.section.join(" / "),
                        t.indicator.clone(),
                        t.comparator.clone(),
                        t.value.to_string(),
                        t.unit.clone(),
                        t.year.map(|y| y.to_string()).unwrap_or_default(),
                        t.change.clone().unwrap_or_default(),
                        deadline_text(t.deadline.as_ref()),
                        t.text.clone(),
                    ];
                    write_row(&mut self.out, head.iter().cloned().chain(own).chain(place(&t.span)))?;
                }
            }
        }
        Ok(())
    }

    pub fn finish(mut self) -> std::io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

fn deadline_text(d: Option<&Deadline>) -> String {
    d.map(|d| d.text.clone()).unwrap_or_default()
}

fn write_row<W: Write>(out: &mut W, fields: impl IntoIterator<Item = String>) -> std::io::Result<()> {
    for (i, f) in fields.into_iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        out.write_all(quoted(&f).as_bytes())?;
    }
    out.write_all(b"\r\n")
}

/// A field as RFC 4180 writes it: in quotes, with quotes doubled, when it
/// holds a comma, a quote or a line break. A field a spreadsheet would
/// compute ("=...", "@...", "+5", "-5%") gets a leading apostrophe so it
/// stays text; a bullet such as "- Tổ chức ..." is text already.
fn quoted(field: &str) -> String {
    let formula = field.starts_with(['=', '@']) || (field.starts_with(['+', '-']) && field[1..].starts_with(|c: char| c.is_ascii_digit() || c == '('));
    let field = if formula { format!("'{field}") } else { field.to_string() };
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        assert_eq!(quoted("Sở Nội vụ"), "Sở Nội vụ");
        assert_eq!(quoted("Sở Tài chính; Sở Nội vụ, các xã"), "\"Sở Tài chính; Sở Nội vụ, các xã\"");
        assert_eq!(quoted("Đề án \"Chính quyền số\"\nnăm 2025"), "\"Đề án \"\"Chính quyền số\"\"\nnăm 2025\"");
        // A cell a spreadsheet would compute stays text.
        assert_eq!(quoted("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(quoted("-5%"), "'-5%");
        assert_eq!(quoted("- Tổ chức tập huấn"), "- Tổ chức tập huấn");
    }
}
