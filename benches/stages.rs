//! Criterion benches of the text stages (normalize, segment, extract) on the
//! five seed documents `corpus/00[0-4]_<hash>.txt`.
//!
//! Run: `cargo bench --bench stages` (add `-- normalize` etc. to filter).
//! Throughput is the size of the source .txt in bytes for every stage, so the
//! MB/s of the three stages can be compared and added up as a text pipeline.
//! Each stage is measured alone: its inputs (blocks, normalised text, section
//! tree) are built once outside the timed loop.
//!
//! The `grammar` group times what every run pays once before its first
//! document: reading and compiling the embedded grammars.
//!
//! Timings are kept short on purpose: the project machine has 2 shared cores.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use planparse::grammar::Grammar;
use planparse::ingest::{encoding, text, Block, Format};
use planparse::normalize::{self, NormDoc};
use planparse::segment::{self, Segmented};
use planparse::extract;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// One seed document with every stage's input prepared.
struct Seed {
    name: String,
    bytes: u64,
    blocks: Vec<Block>,
    doc: NormDoc,
    seg: Segmented,
}

/// The seeds are the plain `<NNN>_<16 hex>.txt` files numbered 000–004; the
/// encoding variants of 004 (`-cp1258`, `-vni`, …) are the same text again and
/// would only weigh that document five times.
fn is_seed(path: &Path) -> bool {
    let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else { return false };
    let Some((num, hash)) = stem.split_once('_') else { return false };
    path.extension().is_some_and(|e| e == "txt")
        && matches!(num, "000" | "001" | "002" | "003" | "004")
        && hash.len() == 16
        && hash.bytes().all(|b| b.is_ascii_hexdigit())
}

fn seed_paths() -> Result<Vec<PathBuf>, String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| is_seed(p)).collect();
    paths.sort();
    if paths.len() != 5 {
        return Err(format!("expected 5 seed documents in {}, found {}", dir.display(), paths.len()));
    }
    Ok(paths)
}

fn load_seed(path: &Path, g: &Grammar) -> Result<Seed, String> {
    let raw = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let (txt, _) = encoding::decode_text(&raw).map_err(|e| format!("{}: {e}", path.display()))?;
    let blocks = text::blocks_from_text(&txt);
    let doc = normalize::normalize(&blocks, Format::Txt, g);
    let seg = segment::segment(&doc, g);
    let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("?").chars().take(3).collect();
    Ok(Seed { name, bytes: raw.len() as u64, blocks, doc, seg })
}

fn load_seeds(g: &Grammar) -> Vec<Seed> {
    let loaded = seed_paths().and_then(|paths| paths.iter().map(|p| load_seed(p, g)).collect::<Result<Vec<_>, _>>());
    match loaded {
        Ok(seeds) => seeds,
        Err(e) => {
            eprintln!("stages bench: {e}");
            std::process::exit(1);
        }
    }
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(20)
}

fn bench_stages(c: &mut Criterion) {
    c.benchmark_group("grammar").sample_size(10).bench_function("builtin", |b| b.iter(Grammar::builtin));
    let g = Grammar::builtin();
    let seeds = load_seeds(&g);

    let mut group = c.benchmark_group("normalize");
    for s in &seeds {
        group.throughput(Throughput::Bytes(s.bytes));
        group.bench_with_input(BenchmarkId::from_parameter(&s.name), s, |b, s| {
            b.iter(|| normalize::normalize(black_box(&s.blocks), Format::Txt, &g))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("segment");
    for s in &seeds {
        group.throughput(Throughput::Bytes(s.bytes));
        group.bench_with_input(BenchmarkId::from_parameter(&s.name), s, |b, s| {
            b.iter(|| segment::segment(black_box(&s.doc), &g))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("extract");
    for s in &seeds {
        group.throughput(Throughput::Bytes(s.bytes));
        group.bench_with_input(BenchmarkId::from_parameter(&s.name), s, |b, s| {
            b.iter(|| extract::extract(black_box(&s.doc), black_box(&s.seg), &g))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = config();
    targets = bench_stages
}
criterion_main!(benches);
