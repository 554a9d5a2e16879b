//! `planparse check`: a regression run over known documents. Each document
//! is parsed and compared with its expected JSON (`<expected>/<file>.json`);
//! differences are reported per category with the items named.

use crate::cli::{self, CommonArgs};
use crate::model::Document;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files or folders of documents.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// Folder of expected results, one `<file name>.json` per document.
    #[arg(long, value_name = "DIR")]
    pub expected: PathBuf,

    /// Write the current results as the expected ones (new and changed files are listed).
    #[arg(long)]
    pub bless: bool,

    #[command(flatten)]
    pub common: CommonArgs,
}

/// What changed in one document.
#[derive(Debug, Default)]
pub struct DocDiff {
    pub name: String,
    /// (category, gained items, lost items)
    pub categories: Vec<(String, Vec<String>, Vec<String>)>,
    /// Set when the expected file is missing or unreadable.
    pub problem: Option<String>,
}

impl DocDiff {
    pub fn is_clean(&self) -> bool {
        self.problem.is_none() && self.categories.is_empty()
    }

    pub fn render(&self) -> String {
        let mut s = format!("--- {}\n", self.name);
        if let Some(p) = &self.problem {
            s.push_str(&format!("    {p}\n"));
        }
        for (cat, gained, lost) in &self.categories {
            s.push_str(&format!("  {cat}: +{} -{}\n", gained.len(), lost.len()));
            for g in gained {
                s.push_str(&format!("    + {g}\n"));
            }
            for l in lost {
                s.push_str(&format!("    - {l}\n"));
            }
        }
        s
    }
}

pub fn expected_path(dir: &Path, doc_path: &str) -> PathBuf {
    let name = Path::new(doc_path).file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    dir.join(format!("{name}.json"))
}

/// A document as stored in an expected file: fields that legitimately
/// change between machines (the path it was read from) are blanked.
pub fn canonical(doc: &Document) -> Value {
    let mut v = serde_json::to_value(doc).unwrap_or(Value::Null);
    if let Some(src) = v.get_mut("source").and_then(Value::as_object_mut) {
        let name = Path::new(&doc.source.path).file_name().map(|n| n.to_string_lossy().to_string());
        src.insert("path".into(), name.map(Value::String).unwrap_or(Value::Null));
    }
    v
}

pub fn to_pretty(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

/// Reads one category's items out of a document's JSON, each as a line.
type ItemsOf = fn(&Value) -> Vec<String>;

/// Compare a parsed document with its expected JSON.
pub fn diff(name: &str, actual: &Value, expected: &Value) -> DocDiff {
    let mut d = DocDiff { name: name.to_string(), ..Default::default() };
    let cats: [(&str, ItemsOf); 7] = [
        ("meta", |v| items_of_object(&v["meta"])),
        ("parts", |v| items(&v["parts"], |p| format!("{} {} {}", s(&p["doc_type"]), s(&p["number"]), s(&p["title"])))),
        ("sections", |v| {
            let mut out = Vec::new();
            flatten_sections(&v["sections"], &mut out);
            out
        }),
        ("targets", |v| {
            items(&v["targets"], |t| {
                format!("[{}] {} {} {} (year {}) {}", path(&t["section"]), s(&t["comparator"]), t["value"], s(&t["unit"]), t["year"], s(&t["indicator"]))
            })
        }),
        ("tasks", |v| {
            items(&v["tasks"], |t| {
                format!("[{}] lead {} support {} by {} :: {}", path(&t["section"]), t["lead"], t["support"], s(&t["deadline"]["by"]), short(&s(&t["text"])))
            })
        }),
        ("references", |v| items(&v["references"], |r| format!("{} {} {} {}", s(&r["number"]), s(&r["doc_type"]), s(&r["date"]), s(&r["issuer"])))),
        ("source", |v| items_of_object(&v["source"])),
    ];
    for (cat, f) in cats {
        let (a, e) = (f(actual), f(expected));
        let (gained, lost) = multiset_diff(&a, &e);
        if !gained.is_empty() || !lost.is_empty() {
            d.categories.push((cat.to_string(), gained, lost));
        }
    }
    // Anything else (spans, texts, warnings) still counts: name the first fields that differ.
    if d.categories.is_empty() && actual != expected {
        let mut paths = Vec::new();
        json_diff_paths("", actual, expected, &mut paths);
        paths.truncate(10);
        d.categories.push(("other fields".into(), paths, Vec::new()));
    }
    d
}

fn s(v: &Value) -> String {
    match v {
        Value::String(x) => x.clone(),
        Value::Null => "null".into(),
        other => other.to_string(),
    }
}

fn path(v: &Value) -> String {
    v.as_array().map(|a| a.iter().map(s).collect::<Vec<_>>().join(" > ")).unwrap_or_default()
}

fn short(t: &str) -> String {
    let c: String = t.chars().take(70).collect();
    if c.len() < t.len() { format!("{c}…") } else { c }
}

fn items(v: &Value, f: impl Fn(&Value) -> String) -> Vec<String> {
    v.as_array().map(|a| a.iter().map(f).collect()).unwrap_or_default()
}

fn items_of_object(v: &Value) -> Vec<String> {
    v.as_object().map(|o| o.iter().map(|(k, x)| format!("{k} = {x}")).collect()).unwrap_or_default()
}

fn flatten_sections(v: &Value, out: &mut Vec<String>) {
    for sec in v.as_array().into_iter().flatten() {
        out.push(format!("[{}] {} {}", path(&sec["path"]), s(&sec["style"]), short(&s(&sec["heading"]))));
        flatten_sections(&sec["children"], out);
    }
}

fn multiset_diff(actual: &[String], expected: &[String]) -> (Vec<String>, Vec<String>) {
    let mut lost: Vec<String> = expected.to_vec();
    let mut gained = Vec::new();
    for a in actual {
        match lost.iter().position(|e| e == a) {
            Some(i) => {
                lost.remove(i);
            }
            None => gained.push(a.clone()),
        }
    }
    (gained, lost)
}

fn json_diff_paths(at: &str, a: &Value, e: &Value, out: &mut Vec<String>) {
    if out.len() >= 10 || a == e {
        return;
    }
    match (a, e) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            for k in keys {
                json_diff_paths(&format!("{at}/{k}"), x.get(k).unwrap_or(&Value::Null), y.get(k).unwrap_or(&Value::Null), out);
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                json_diff_paths(&format!("{at}/{i}"), p, q, out);
            }
        }
        _ => out.push(format!("{at}: now {} (was {})", short(&a.to_string()), short(&e.to_string()))),
    }
}

/// Result of a whole check run.
pub struct Outcome {
    pub diffs: Vec<DocDiff>,
    pub blessed: Vec<PathBuf>,
    pub errors: Vec<String>,
}

pub fn check(args: &CheckArgs) -> Result<Outcome, String> {
    let g = cli::load_grammar(&args.common)?;
    let inputs = cli::collect_inputs(&args.inputs, None);
    let opts = cli::options(&args.common, &g, false);
    let (docs, errors) = cli::parse_all(&inputs.files, &g, &opts, &args.common);
    let mut out = Outcome { diffs: Vec::new(), blessed: Vec::new(), errors: Vec::new() };
    for e in errors {
        out.errors.push(format!("{}: {} ({})", e.path, e.message, e.kind));
    }
    if args.bless {
        std::fs::create_dir_all(&args.expected).map_err(|e| format!("cannot create {}: {e}", args.expected.display()))?;
    }
    for doc in &docs {
        let exp_path = expected_path(&args.expected, &doc.source.path);
        let actual = canonical(doc);
        let previous = std::fs::read_to_string(&exp_path).ok();
        let expected: Option<Value> = previous.as_deref().and_then(|t| serde_json::from_str(t).ok());
        let d = match &expected {
            Some(e) => diff(&doc.source.path, &actual, e),
            None => DocDiff {
                name: doc.source.path.clone(),
                problem: Some(format!("no expected result at {}", exp_path.display())),
                ..Default::default()
            },
        };
        if args.bless && !d.is_clean() {
            crate::output::write_atomic(&exp_path, &to_pretty(&actual)).map_err(|e| format!("cannot write {}: {e}", exp_path.display()))?;
            out.blessed.push(exp_path);
        }
        out.diffs.push(d);
    }
    Ok(out)
}

pub fn run(args: &CheckArgs) -> i32 {
    let outcome = match check(args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("planparse check: {e}");
            return 2;
        }
    };
    let changed: Vec<&DocDiff> = outcome.diffs.iter().filter(|d| !d.is_clean()).collect();
    if args.bless {
        for p in &outcome.blessed {
            println!("blessed {}", p.display());
        }
    } else {
        for d in &changed {
            print!("{}", d.render());
        }
    }
    for e in &outcome.errors {
        println!("error: {e}");
    }
    println!(
        "check: {} documents, {} match, {} differ, {} errors{}",
        outcome.diffs.len(),
        outcome.diffs.len() - changed.len(),
        changed.len(),
        outcome.errors.len(),
        if args.bless { format!(", {} expected files written", outcome.blessed.len()) } else { String::new() }
    );
    if args.bless || changed.is_empty() && outcome.errors.is_empty() { 0 } else { 1 }
}
