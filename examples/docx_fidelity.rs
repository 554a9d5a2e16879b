//! Word reader fidelity against the plain-text twins of a corpus.
//!
//! Usage: `cargo run --release --example docx_fidelity -- <corpus-dir> [--show N]`
//! where `<corpus-dir>` holds `docx/<id>.docx`, `docx-auto/<id>.docx` (markers
//! from Word numbering) and `txt/<id>.txt` (e.g. shared/corpus-vn/official).
//!
//! Comparison: the reader's blocks are flattened in order, one paragraph per
//! line and one table row per line with its cells joined by " | ". On both
//! sides empty table cells are dropped (the twins pad uneven rows with empty
//! cells that a Word file shows as real empty cells, and Word shows a
//! vertically merged cell once, as our reader does) and every whitespace run
//! becomes one space. Then the two texts must be equal; for those that are
//! not, the first difference is shown.

use planparse::ingest::{docx, Block};
use std::path::Path;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: docx_fidelity <corpus-dir> [--show N]");
        std::process::exit(2);
    };
    let show: usize = args
        .iter()
        .position(|a| a == "--show")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(3);
    println!("{:<10} {:>6} {:>7} {:>9} {:>8} {:>8}", "folder", "files", "equal", "failures", "MB", "MB/s");
    for folder in ["docx", "docx-auto"] {
        report(Path::new(dir), folder, show);
    }
}

fn report(dir: &Path, folder: &str, show: usize) {
    let Ok(entries) = std::fs::read_dir(dir.join(folder)) else {
        println!("{folder:<10} (missing)");
        return;
    };
    let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "docx")).collect();
    paths.sort();
    let (mut equal, mut failures, mut bytes) = (0, 0, 0usize);
    let mut diffs = Vec::new();
    let mut elapsed = 0.0;
    for path in &paths {
        let Ok(data) = std::fs::read(path) else { continue };
        bytes += data.len();
        let started = Instant::now();
        let read = docx::read(&data);
        elapsed += started.elapsed().as_secs_f64();
        let Ok(ingested) = read else {
            failures += 1;
            continue;
        };
        let id = path.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
        let Ok(twin) = std::fs::read_to_string(dir.join("txt").join(format!("{id}.txt"))) else { continue };
        let ours = canonical(&flatten(&ingested.blocks));
        let theirs = canonical(&twin);
        if ours == theirs {
            equal += 1;
        } else {
            diffs.push((id, first_difference(&ours, &theirs)));
        }
    }
    let mb = bytes as f64 / 1e6;
    println!(
        "{folder:<10} {:>6} {:>7} {:>9} {:>8.1} {:>8.1}",
        paths.len(),
        equal,
        failures,
        mb,
        if elapsed > 0.0 { mb / elapsed } else { 0.0 }
    );
    for (id, d) in diffs.iter().take(show) {
        println!("    {id}: {d}");
    }
}

fn flatten(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Paragraph(p) => out.push_str(p),
            Block::Table(t) => {
                for row in &t.rows {
                    // The twins write a cell's paragraphs on one line.
                    let cells: Vec<String> = row.iter().map(|c| c.replace('\n', " ")).collect();
                    out.push_str(&cells.join(" | "));
                    out.push('\n');
                }
            }
        }
        out.push('\n');
    }
    out
}

/// Empty cells dropped, whitespace collapsed, NFC assumed on both sides.
fn canonical(text: &str) -> String {
    let mut lines = Vec::new();
    for line in text.lines() {
        let line = if line.contains('|') {
            line.split('|').map(str::trim).filter(|c| !c.is_empty()).collect::<Vec<_>>().join(" | ")
        } else {
            line.to_string()
        };
        lines.push(line);
    }
    lines.join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn first_difference(a: &str, b: &str) -> String {
    let at = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let context = |s: &str| s.chars().skip(at.saturating_sub(20)).take(60).collect::<String>();
    format!("at char {at}: ours «{}» twin «{}»", context(a), context(b))
}
