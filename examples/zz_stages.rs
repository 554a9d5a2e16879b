use planparse::grammar::Grammar;
use planparse::ingest::{encoding, text, Format};
use planparse::{normalize, segment, extract};
use std::time::{Duration, Instant};

fn main() {
    let g = Grammar::builtin();
    let mut t = [Duration::ZERO; 4];
    let mut bytes = 0usize;
    let mut sub = [Duration::ZERO; 5];
    let mut n = 0;
    let rep: usize = std::env::var("REP").ok().and_then(|s| s.parse().ok()).unwrap_or(1);
    for _ in 0..rep { for dir in std::env::args().skip(1) {
        let mut ps: Vec<_> = std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok().map(|e| e.path())).collect();
        ps.sort();
        for p in ps {
            let raw = std::fs::read(&p).unwrap();
            bytes += raw.len(); n += 1;
            let a = Instant::now();
            let (txt, _) = encoding::decode_text(&raw).unwrap();
            let blocks = text::blocks_from_text(&txt);
            let b = Instant::now();
            let doc = normalize::normalize(&blocks, Format::Txt, &g);
            let c = Instant::now();
            if std::env::var("ONLYNORM").is_ok() { std::hint::black_box(doc); t[0] += b - a; t[1] += c - b; continue; }
            let seg = segment::segment(&doc, &g);
            let d = Instant::now();
            let ex = extract::extract(&doc, &seg, &g);
            let e = Instant::now();
            std::hint::black_box(ex);
            let s0 = Instant::now();
            let (meta, parts) = extract::meta::extract(&doc, &seg, &g);
            let s1 = Instant::now();
            let cx = extract::Context::new(&doc, &seg, &g, &meta.doc_type, meta.title.as_deref());
            let s2 = Instant::now();
            let mut own: Vec<String> = parts.iter().filter_map(|p| p.number.clone()).collect();
            own.extend(meta.number.clone());
            std::hint::black_box(extract::references::extract(&doc, &g.references, &g.doc_types, &own));
            let s3 = Instant::now();
            std::hint::black_box(extract::tasks::extract(&cx));
            let s4 = Instant::now();
            std::hint::black_box(extract::tables::extract(&doc, &seg, &g.tables, &g.agencies, &g.deadlines));
            let s5 = Instant::now();
            sub[0] += s1 - s0; sub[1] += s2 - s1; sub[2] += s3 - s2; sub[3] += s4 - s3; sub[4] += s5 - s4;
            t[0] += b - a; t[1] += c - b; t[2] += d - c; t[3] += e - d;
        }
    }
    }
    let mb = bytes as f64 / 1048576.0;
    let tot: f64 = t.iter().map(|d| d.as_secs_f64()).sum();
    for (name, d) in ["ingest", "normalize", "segment", "extract"].iter().zip(t) {
        println!("{name:10} {:6.3} s {:7.1} MiB/s {:4.1}%", d.as_secs_f64(), mb / d.as_secs_f64(), 100.0 * d.as_secs_f64() / tot);
    }
    for (name, d) in ["meta", "context", "refs", "tasks", "tables"].iter().zip(sub) {
        println!("  {name:10} {:6.3} s {:7.1} MiB/s", d.as_secs_f64(), mb / d.as_secs_f64());
    }
    println!("{n} files {mb:.1} MiB total {tot:.3} s {:.1} MiB/s", mb / tot);
}
