//! Plain text (.txt) and Markdown (.md) reader.
//!
//! Lines stay lines here: deciding which line breaks are real paragraph
//! breaks and which are wrapping is the normalize stage's job, because PDF
//! and Word soft breaks need the same decision. Runs of lines written as
//! table rows ("cell | cell | cell", the convention of exported legal texts)
//! become a table block so the extract stage can read task tables.

use super::{encoding, Block, IngestError, Ingested, Table};

pub fn read(bytes: &[u8]) -> Result<Ingested, IngestError> {
    let (text, enc) = encoding::decode_text(bytes)?;
    Ok(Ingested { blocks: blocks_from_text(&text), encoding: Some(enc.to_string()), warnings: Vec::new() })
}

/// Split text into paragraph and table blocks. Blank lines are kept as empty
/// paragraphs: they tell normalize where a paragraph certainly ended.
pub fn blocks_from_text(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut table: Option<Table> = None;
    for line in text.lines() {
        if let Some(cells) = table_cells(line) {
            let t = table.get_or_insert_with(Table::default);
            if !cells.is_empty() {
                t.rows.push(cells);
            }
            continue;
        }
        if let Some(t) = table.take() {
            blocks.push(Block::Table(t));
        }
        blocks.push(Block::Paragraph(line.to_string()));
    }
    if let Some(t) = table.take() {
        blocks.push(Block::Table(t));
    }
    blocks
}

/// A line is a table row when it has a " | " cell separator (or ends in a
/// dangling " |" cell). A markdown table's pipes at both ends are trimmed.
fn table_cells(line: &str) -> Option<Vec<String>> {
    let t = line.trim();
    let is_md_row = t.starts_with('|') && t.ends_with('|') && t.len() > 1;
    if !(t.contains(" | ") || t.ends_with(" |") || is_md_row) {
        return None;
    }
    let inner = if is_md_row { &t[1..t.len() - 1] } else { t };
    // A markdown separator row ("|---|---|") carries no content.
    if is_md_row && inner.chars().all(|c| matches!(c, '-' | ':' | '|' | ' ')) {
        return Some(Vec::new());
    }
    Some(inner.split('|').map(|c| c.trim().to_string()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_rows_are_grouped_between_paragraphs() {
        let b = blocks_from_text("Mở đầu\nTT | Nhiệm vụ | Chủ trì\n1 | Rà soát | Sở Nội vụ\nKết thúc");
        assert_eq!(b.len(), 3);
        match &b[1] {
            Block::Table(t) => {
                assert_eq!(t.rows.len(), 2);
                assert_eq!(t.rows[1], vec!["1", "Rà soát", "Sở Nội vụ"]);
            }
            other => panic!("expected a table, got {other:?}"),
        }
    }

    #[test]
    fn prose_with_a_pipe_free_line_is_a_paragraph() {
        let b = blocks_from_text("Tỷ lệ đạt 95%.");
        assert_eq!(b, vec![Block::Paragraph("Tỷ lệ đạt 95%.".into())]);
    }
}
