//! Mutation fuzzer for the ingest formats, on a stable toolchain (cargo-fuzz
//! needs nightly).
//!
//! Usage:
//!   cargo run --release --example fuzz -- <docx|pdf|txt|md> [--seconds 600] [--seed N]
//!       [--corpus DIR] [--crashes DIR] [--budget SECS] [--slow SECS]
//!       [--pdf-backend auto|builtin] [--max-len BYTES] [--mem-mb MB] [--no-qpdf]
//!
//! Seeds are the files of that format in `--corpus` (default: corpus/ of this
//! crate; .md also takes the .txt files, as there is only one .md). Each input
//! is a seed with 1-16 stacked mutations: bit flips, interesting bytes,
//! truncation, cut ranges, repeated ranges, splices from other seeds, format
//! tokens (XML tags, PDF operators and objects, markers, BOMs, legacy bytes),
//! huge numbers and deep nesting. A .docx is mostly mutated inside the zip:
//! one part (document.xml, numbering.xml, styles.xml, relationships ...) is
//! changed and the archive rebuilt, so the damage reaches the XML readers
//! instead of failing the CRC check; now and then a part is dropped, an
//! `EncryptedPackage` entry added, or document.xml replaced by a zip bomb.
//! PDF seeds are also expanded with `qpdf --qdf` when qpdf is installed, so
//! that mutations reach content streams and fonts, not only the deflate layer.
//!
//! Every input goes through `planparse::pipeline::process_bytes`, in process,
//! on a thread with the CLI's worker stack size (2 MiB, rayon's default).
//! A failure is:
//! - `IngestError::Panic` (a panic happened and was caught);
//! - one input taking longer than `--slow` seconds (default 10);
//! - the process dying (abort, stack overflow, out of memory under the
//!   `--mem-mb` address-space limit, default 8192);
//! - an output whose spans do not slice `text` to the item's text.
//!
//! A supervisor process runs the fuzzing in a child and restarts it after a
//! crash or a hang, so one bad input does not end the run. Before each
//! execution the child writes the input to `<crashes>/.current-<format>.bin`;
//! the supervisor copies it to `<crashes>/<format>-<n>.bin` when the child
//! dies or hangs. Panics and span errors are saved by the child directly,
//! with a `.txt` note next to the `.bin`. Two kinds of input that are not
//! failures are kept for a look, the first 20 of each in the folder: PDFs
//! stopped by the reader's own time budget (`--budget`, default 5 s; an
//! error entry) as `<format>-timeout-<n>.bin`, and inputs slower than 2 s as
//! `<format>-slowish-<n>.bin`. A timed-out PDF reader thread cannot be
//! killed, so the child restarts itself when such threads pile up. The
//! child's stderr goes to `<crashes>/<format>.log`.
//!
//! `--replay FILE` (repeatable) runs saved inputs once each and prints the
//! outcome and time: the reproduction step for a saved failure.
//!
//! At the end the summary (executions, executions/s, outcomes by error kind,
//! failures) is printed; the exit code is 1 if there was any failure.

use planparse::grammar::Grammar;
use planparse::ingest::pdf::Backend;
use planparse::ingest::{Format, IngestError, IngestOptions};
use planparse::model::{Document, Section, Span};
use planparse::pipeline::{Options, process_bytes};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Child exit codes the supervisor understands.
const EXIT_SETUP: i32 = 2;
const EXIT_HANG: i32 = 3;
const EXIT_RECYCLE: i32 = 4;
/// The CLI parses files on rayon workers, whose stack is Rust's default.
const WORKER_STACK: usize = 2 << 20;
/// Timed-out PDF reader threads tolerated before the child restarts.
const MAX_ABANDONED_THREADS: usize = 3;
/// Inputs kept for a look that are not failures, per kind, per folder.
const MAX_SAMPLES: usize = 20;
/// Inputs slower than this are kept for a look (first 20): not failures,
/// but where super-linear work would show first.
const SLOWISH_SECS: u64 = 2;

// ------------------------------------------------------------------ options

#[derive(Debug, Clone)]
struct Args {
    format: Format,
    seconds: u64,
    seed: u64,
    corpus: PathBuf,
    crashes: PathBuf,
    budget: u64,
    slow: u64,
    backend: Backend,
    max_len: Option<usize>,
    mem_mb: u64,
    qpdf: bool,
    /// Run these files once each and report, instead of fuzzing.
    replay: Vec<PathBuf>,
    /// Set in the child: the folder of extra (qpdf-expanded) seeds.
    extra_seeds: Option<PathBuf>,
    worker: bool,
}

const USAGE: &str = "usage: fuzz <docx|pdf|txt|md> [--seconds 600] [--seed N] [--corpus DIR] [--crashes DIR] \
[--budget SECS] [--slow SECS] [--pdf-backend auto|builtin] [--max-len BYTES] [--mem-mb MB] [--no-qpdf] [--replay FILE]...";

fn parse_args(raw: &[String]) -> Result<Args, String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut args = Args {
        format: Format::Txt,
        seconds: 600,
        seed: 1,
        corpus: root.join("corpus"),
        crashes: PathBuf::from("/work/scratch/fuzz-crashes"),
        budget: 5,
        slow: 10,
        backend: Backend::Auto,
        max_len: None,
        mem_mb: 8192,
        qpdf: true,
        replay: Vec::new(),
        extra_seeds: None,
        worker: false,
    };
    let mut format = None;
    let mut it = raw.iter();
    while let Some(a) = it.next() {
        let mut value = || it.next().cloned().ok_or_else(|| format!("{a} needs a value"));
        let number = |v: String| v.parse::<u64>().map_err(|_| format!("{a}: not a number: {v}"));
        match a.as_str() {
            "--seconds" => args.seconds = number(value()?)?,
            "--seed" => args.seed = number(value()?)?,
            "--corpus" => args.corpus = PathBuf::from(value()?),
            "--crashes" => args.crashes = PathBuf::from(value()?),
            "--budget" => args.budget = number(value()?)?,
            "--slow" => args.slow = number(value()?)?,
            "--max-len" => args.max_len = Some(number(value()?)? as usize),
            "--mem-mb" => args.mem_mb = number(value()?)?,
            "--no-qpdf" => args.qpdf = false,
            "--extra-seeds" => args.extra_seeds = Some(PathBuf::from(value()?)),
            "--worker" => args.worker = true,
            "--replay" => args.replay.push(PathBuf::from(value()?)),
            "--pdf-backend" => {
                args.backend = match value()?.as_str() {
                    "auto" => Backend::Auto,
                    "builtin" => Backend::Builtin,
                    other => return Err(format!("unknown PDF backend {other}")),
                }
            }
            "docx" => format = Some(Format::Docx),
            "pdf" => format = Some(Format::Pdf),
            "txt" => format = Some(Format::Txt),
            "md" => format = Some(Format::Md),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    args.format = format.ok_or("which format? docx, pdf, txt or md")?;
    Ok(args)
}

/// The same arguments, for the child.
fn child_args(a: &Args, seconds: u64, seed: u64, extra: Option<&Path>) -> Vec<String> {
    let backend = if a.backend == Backend::Builtin { "builtin" } else { "auto" };
    let mut v: Vec<String> = vec![a.format.as_str().into(), "--worker".into()];
    for (k, val) in [
        ("--seconds", seconds.to_string()),
        ("--seed", seed.to_string()),
        ("--corpus", a.corpus.display().to_string()),
        ("--crashes", a.crashes.display().to_string()),
        ("--budget", a.budget.to_string()),
        ("--slow", a.slow.to_string()),
        ("--pdf-backend", backend.to_string()),
    ] {
        v.push(k.into());
        v.push(val);
    }
    if let Some(n) = a.max_len {
        v.extend(["--max-len".into(), n.to_string()]);
    }
    if let Some(dir) = extra {
        v.extend(["--extra-seeds".into(), dir.display().to_string()]);
    }
    v
}

fn main() -> ExitCode {
    let raw: Vec<String> = std::env::args().skip(1).collect();
    let args = match parse_args(&raw) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}\n{USAGE}");
            return ExitCode::from(EXIT_SETUP as u8);
        }
    };
    if let Err(e) = std::fs::create_dir_all(&args.crashes) {
        eprintln!("cannot create {}: {e}", args.crashes.display());
        return ExitCode::from(EXIT_SETUP as u8);
    }
    let result = if !args.replay.is_empty() {
        replay(&args)
    } else if args.worker {
        run_worker(args)
    } else {
        run_supervisor(args)
    };
    match result {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(e) => {
            eprintln!("fuzz: {e}");
            ExitCode::from(EXIT_SETUP as u8)
        }
    }
}

/// Run saved inputs once each, as a fuzzing child would, and say what
/// happened: the reproduction step for a saved failure.
fn replay(args: &Args) -> Result<u64, String> {
    let grammar = Grammar::builtin();
    let opts = Options {
        ingest: IngestOptions { pdf_backend: args.backend, time_budget_secs: args.budget, ..IngestOptions::default() },
        include_text: true,
    };
    let mut failures = 0;
    for path in &args.replay {
        let input = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let started = Instant::now();
        let result = process_bytes(&input, args.format, "replay", &grammar, &opts);
        let took = started.elapsed().as_secs_f64();
        let outcome = match &result {
            Ok(doc) => match span_error(doc) {
                Some(why) => format!("span error: {why}"),
                None => format!(
                    "ok ({} sections, {} targets, {} tasks)",
                    doc.sections.len(),
                    doc.targets.len(),
                    doc.tasks.len()
                ),
            },
            Err(e) => format!("{}: {e}", e.kind()),
        };
        let failed =
            matches!(result, Err(IngestError::Panic(_))) || outcome.starts_with("span") || took > args.slow as f64;
        failures += u64::from(failed);
        println!("{}: {:.2} s, {outcome}", path.display(), took);
    }
    Ok(failures)
}

// -------------------------------------------------------------------- stats

/// What a child reports on stdout as `STATS <json>` lines (cumulative).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Stats {
    execs: u64,
    busy_ms: u64,
    slowest_ms: u64,
    /// "ok" or an `IngestError::kind()`.
    outcomes: BTreeMap<String, u64>,
    panics: u64,
    slow: u64,
    span_errors: u64,
    saved: Vec<String>,
}

impl Stats {
    fn add(&mut self, o: &Stats) {
        self.execs += o.execs;
        self.busy_ms += o.busy_ms;
        self.slowest_ms = self.slowest_ms.max(o.slowest_ms);
        for (k, v) in &o.outcomes {
            *self.outcomes.entry(k.clone()).or_default() += v;
        }
        self.panics += o.panics;
        self.slow += o.slow;
        self.span_errors += o.span_errors;
        self.saved.extend(o.saved.iter().cloned());
    }

    fn print_line(&self) {
        if let Ok(json) = serde_json::to_string(self) {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "STATS {json}");
            let _ = out.flush();
        }
    }
}

// --------------------------------------------------------------- supervisor

/// What ended child processes, other than finishing.
#[derive(Debug, Default)]
struct Deaths {
    hangs: u64,
    crashes: u64,
    recycles: u64,
    saved: Vec<String>,
}

fn run_supervisor(args: Args) -> Result<u64, String> {
    let started = Instant::now();
    let end = started + Duration::from_secs(args.seconds);
    load_seeds(args.format, &args.corpus, None)?;
    let expanded = expand_pdf_seeds(&args)?;
    let extra = expanded.as_ref().map(|d| d.path().to_path_buf());
    let mut total = Stats::default();
    let mut deaths = Deaths::default();
    let mut generation = 0u64;
    loop {
        let left = end.saturating_duration_since(Instant::now()).as_secs();
        if left == 0 {
            break;
        }
        let seed = args.seed.wrapping_add(generation.wrapping_mul(0x9E37_79B9));
        let (stats, status) = run_child(&args, left, seed, extra.as_deref())?;
        total.add(&stats);
        record_death(&args, status, &mut deaths)?;
        generation += 1;
    }
    let failures = total.panics + total.slow + total.span_errors + deaths.hangs + deaths.crashes;
    print_summary(&args, started.elapsed(), &total, &deaths, failures, extra.as_deref());
    Ok(failures)
}

/// Run one child until it exits; its last STATS line and exit status.
fn run_child(
    args: &Args,
    seconds: u64,
    seed: u64,
    extra: Option<&Path>,
) -> Result<(Stats, std::process::ExitStatus), String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
    let log_path = args.crashes.join(format!("{}.log", args.format.as_str()));
    let log = File::options()
        .create(true)
        .append(true)
        .open(&log_path)
        .map_err(|e| format!("{}: {e}", log_path.display()))?;
    // An address-space limit turns a runaway allocation into an abort we can
    // record instead of the machine's OOM killer choosing a victim.
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v \"$1\" && shift && exec \"$@\"")
        .arg("sh")
        .arg((args.mem_mb * 1024).to_string())
        .arg(&exe)
        .args(child_args(args, seconds, seed, extra))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::from(log))
        .spawn()
        .map_err(|e| format!("cannot start the fuzzing child: {e}"))?;
    let mut last = Stats::default();
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if let Some(json) = line.strip_prefix("STATS ") {
                if let Ok(s) = serde_json::from_str(json) {
                    last = s;
                }
            } else {
                println!("{line}");
            }
        }
    }
    let status = child.wait().map_err(|e| format!("waiting for the child: {e}"))?;
    Ok((last, status))
}

fn record_death(args: &Args, status: std::process::ExitStatus, deaths: &mut Deaths) -> Result<(), String> {
    use std::os::unix::process::ExitStatusExt;
    let why = match (status.code(), status.signal()) {
        (Some(0), _) => return Ok(()),
        (Some(EXIT_SETUP), _) => return Err("the fuzzing child could not start (see its log)".into()),
        (Some(EXIT_RECYCLE), _) => {
            deaths.recycles += 1;
            return Ok(());
        }
        (Some(EXIT_HANG), _) => {
            deaths.hangs += 1;
            format!("hang: one input ran longer than {} s", args.slow)
        }
        (Some(code), _) => {
            deaths.crashes += 1;
            format!("the process exited with code {code}")
        }
        (None, Some(sig)) => {
            deaths.crashes += 1;
            format!("the process was killed by signal {sig} (6 = abort, e.g. stack overflow or allocation failure)")
        }
        (None, None) => return Err("the child ended without status".into()),
    };
    let current = current_input_path(&args.crashes, args.format);
    let input = std::fs::read(&current).map_err(|e| format!("{}: {e}", current.display()))?;
    let saved = save_failure(&args.crashes, args.format.as_str(), &input, &why)?;
    eprintln!("FAILURE {why}: saved {saved}");
    deaths.saved.push(saved);
    Ok(())
}

fn print_summary(args: &Args, wall: Duration, s: &Stats, d: &Deaths, failures: u64, extra: Option<&Path>) {
    let secs = wall.as_secs_f64().max(0.001);
    let seeds = load_seeds(args.format, &args.corpus, extra).map(|v| v.len()).unwrap_or(0);
    println!(
        "fuzz summary: format {} | {} s requested, {:.0} s wall | seed {} | {} seed files",
        args.format.as_str(),
        args.seconds,
        secs,
        args.seed,
        seeds
    );
    println!(
        "  execs {} | {:.1} execs/s | mean {:.1} ms | slowest completed {:.2} s",
        s.execs,
        s.execs as f64 / secs,
        s.busy_ms as f64 / s.execs.max(1) as f64,
        s.slowest_ms as f64 / 1000.0
    );
    let outcomes: Vec<String> = s.outcomes.iter().map(|(k, v)| format!("{k} {v}")).collect();
    println!("  outcomes: {}", outcomes.join(", "));
    println!(
        "  failures {failures}: panics {}, slow (> {} s) {}, hangs {}, crashes {}, span errors {} | child restarts for abandoned PDF threads {}",
        s.panics, args.slow, s.slow, d.hangs, d.crashes, s.span_errors, d.recycles
    );
    for f in s.saved.iter().chain(&d.saved) {
        println!("  saved {f}");
    }
}

/// `qpdf --qdf` copies of the PDF seeds: uncompressed, so byte mutations
/// land in content streams, fonts and ToUnicode maps.
fn expand_pdf_seeds(args: &Args) -> Result<Option<tempfile::TempDir>, String> {
    if args.format != Format::Pdf || !args.qpdf {
        return Ok(None);
    }
    let dir = tempfile::tempdir().map_err(|e| format!("temp dir: {e}"))?;
    let mut made = 0;
    for src in files_with_ext(&args.corpus, "pdf") {
        let Some(name) = src.file_name() else { continue };
        let out = dir.path().join(name);
        let ok = Command::new("qpdf")
            .args(["--qdf", "--object-streams=disable"])
            .arg(&src)
            .arg(&out)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success() || s.code() == Some(3)); // 3 = warnings
        made += usize::from(ok && out.exists());
    }
    if made == 0 {
        eprintln!("qpdf not found or failed: fuzzing the compressed PDF seeds only");
        return Ok(None);
    }
    Ok(Some(dir))
}

// ------------------------------------------------------------------- worker

struct Shared {
    stats: Mutex<Stats>,
    busy_since: Mutex<Option<Instant>>,
}

fn run_worker(args: Args) -> Result<u64, String> {
    let shared = Arc::new(Shared { stats: Mutex::new(Stats::default()), busy_since: Mutex::new(None) });
    start_watchdog(Arc::clone(&shared), Duration::from_secs(args.slow));
    let worker_shared = Arc::clone(&shared);
    let handle = std::thread::Builder::new()
        .name("fuzz-worker".into())
        .stack_size(WORKER_STACK)
        .spawn(move || fuzz_loop(&args, &worker_shared))
        .map_err(|e| format!("cannot start the worker thread: {e}"))?;
    // A panic that escaped process_bytes' own catch is a crash like any other.
    let Ok(outcome) = handle.join() else {
        with_stats(&shared, |s| s.print_line());
        std::process::exit(101);
    };
    with_stats(&shared, |s| s.print_line());
    outcome.map(|()| 0)
}

/// A hang cannot be interrupted in process: report and let the supervisor
/// save the input and restart.
fn start_watchdog(shared: Arc<Shared>, limit: Duration) {
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_millis(200));
            let busy = shared.busy_since.lock().ok().and_then(|b| *b);
            if busy.is_some_and(|t| t.elapsed() > limit) {
                if let Ok(s) = shared.stats.lock() {
                    s.print_line();
                }
                std::process::exit(EXIT_HANG);
            }
        }
    });
}

fn fuzz_loop(args: &Args, shared: &Shared) -> Result<(), String> {
    let grammar = Grammar::builtin();
    let opts = Options {
        ingest: IngestOptions { pdf_backend: args.backend, time_budget_secs: args.budget, ..IngestOptions::default() },
        include_text: true,
    };
    let seeds = load_seeds(args.format, &args.corpus, args.extra_seeds.as_deref())?;
    let mut mutator = Mutator::new(args.format, seeds, args.seed, args.max_len);
    let current_path = current_input_path(&args.crashes, args.format);
    let mut current = File::create(&current_path).map_err(|e| format!("{}: {e}", current_path.display()))?;
    let base_threads = live_threads();
    let end = Instant::now() + Duration::from_secs(args.seconds);
    let mut last_report = Instant::now();
    while Instant::now() < end {
        let input = mutator.next_input();
        remember(&mut current, &input)?;
        set_busy(shared, true);
        let started = Instant::now();
        let result = process_bytes(&input, args.format, "fuzz", &grammar, &opts);
        let took = started.elapsed();
        set_busy(shared, false);
        let note = record(shared, &result, took, Duration::from_secs(args.slow));
        if let Some(why) = note {
            let saved = save_failure(&args.crashes, args.format.as_str(), &input, &why)?;
            eprintln!("FAILURE {why}: saved {saved}");
            with_stats(shared, |s| s.saved.push(saved));
        }
        if took > Duration::from_secs(SLOWISH_SECS) {
            let why = format!("took {:.2} s (not a failure)", took.as_secs_f64());
            save_sample(&args.crashes, &format!("{}-slowish", args.format.as_str()), &input, &why)?;
        }
        if matches!(result, Err(IngestError::Timeout(_))) {
            let why = format!("reader time budget ({} s) exceeded", args.budget);
            save_sample(&args.crashes, &format!("{}-timeout", args.format.as_str()), &input, &why)?;
            if live_threads().saturating_sub(base_threads) > MAX_ABANDONED_THREADS {
                with_stats(shared, |s| s.print_line());
                std::process::exit(EXIT_RECYCLE);
            }
        }
        if last_report.elapsed() > Duration::from_secs(2) {
            with_stats(shared, |s| s.print_line());
            last_report = Instant::now();
        }
    }
    Ok(())
}

fn with_stats(shared: &Shared, f: impl FnOnce(&mut Stats)) {
    if let Ok(mut s) = shared.stats.lock() {
        f(&mut s);
    }
}

fn set_busy(shared: &Shared, busy: bool) {
    if let Ok(mut b) = shared.busy_since.lock() {
        *b = busy.then(Instant::now);
    }
}

/// Count the outcome; a failure's description when it is one.
fn record(shared: &Shared, result: &Result<Document, IngestError>, took: Duration, slow: Duration) -> Option<String> {
    let ms = took.as_millis() as u64;
    let mut note = None;
    with_stats(shared, |s| {
        s.execs += 1;
        s.busy_ms += ms;
        s.slowest_ms = s.slowest_ms.max(ms);
        let kind = match result {
            Ok(_) => "ok",
            Err(e) => e.kind(),
        };
        *s.outcomes.entry(kind.to_string()).or_default() += 1;
        if let Err(IngestError::Panic(why)) = result {
            s.panics += 1;
            note = Some(format!("panic: {why}"));
        } else if let Some(why) = result.as_ref().ok().and_then(span_error) {
            s.span_errors += 1;
            note = Some(format!("span: {why}"));
        } else if took > slow {
            s.slow += 1;
            note = Some(format!("slow: {:.1} s", took.as_secs_f64()));
        }
    });
    note
}

/// Keep the input on disk while it runs, for the supervisor to save if the
/// process dies. The file is reused: no open/close per execution.
fn remember(file: &mut File, input: &[u8]) -> Result<(), String> {
    let io = |e: std::io::Error| format!("writing the current input: {e}");
    file.seek(SeekFrom::Start(0)).map_err(io)?;
    file.write_all(input).map_err(io)?;
    file.set_len(input.len() as u64).map_err(io)
}

fn current_input_path(crashes: &Path, format: Format) -> PathBuf {
    crashes.join(format!(".current-{}.bin", format.as_str()))
}

/// Save under the first free `<name>-<n>.bin`, with the reason in `.txt`.
fn save_failure(dir: &Path, name: &str, input: &[u8], why: &str) -> Result<String, String> {
    let n = (1..).find(|n| !dir.join(format!("{name}-{n}.bin")).exists()).unwrap_or(0);
    let bin = dir.join(format!("{name}-{n}.bin"));
    std::fs::write(&bin, input).map_err(|e| format!("{}: {e}", bin.display()))?;
    let _ = std::fs::write(dir.join(format!("{name}-{n}.txt")), format!("{why}\n"));
    Ok(bin.display().to_string())
}

/// Keep a sample (slow input, reader timeout) unless the folder already
/// holds `MAX_SAMPLES` of that kind.
fn save_sample(dir: &Path, name: &str, input: &[u8], why: &str) -> Result<(), String> {
    if !dir.join(format!("{name}-{MAX_SAMPLES}.bin")).exists() {
        save_failure(dir, name, input, why)?;
    }
    Ok(())
}

/// Threads of this process (Linux); abandoned PDF readers show up here.
fn live_threads() -> usize {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find_map(|l| l.strip_prefix("Threads:").and_then(|v| v.trim().parse().ok())))
        .unwrap_or(0)
}

/// The output contract: every span slices the text to its item.
fn span_error(doc: &Document) -> Option<String> {
    let text = doc.text.as_deref()?;
    let slice = |s: &Span| text.get(s.start..s.end);
    fn sections<'a>(all: &'a [Section], out: &mut Vec<&'a Section>) {
        for s in all {
            out.push(s);
            sections(&s.children, out);
        }
    }
    let mut all = Vec::new();
    sections(&doc.sections, &mut all);
    if let Some(s) = all.iter().find(|s| slice(&s.span) != Some(s.text.as_str())) {
        return Some(format!("section {:?} span {:?}", s.path, s.span));
    }
    if let Some(t) = doc.targets.iter().find(|t| slice(&t.span) != Some(t.text.as_str())) {
        return Some(format!("target span {:?}", t.span));
    }
    if let Some(t) = doc.tasks.iter().find(|t| slice(&t.span) != Some(t.text.as_str())) {
        return Some(format!("task span {:?}", t.span));
    }
    for r in &doc.references {
        for m in &r.mentions {
            // (a title in capitals may write the number in capitals)
            let written: Option<String> = slice(m).map(|w| w.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_uppercase).collect());
            if written != Some(r.number.to_uppercase()) {
                return Some(format!("reference {} mention {:?}", r.number, m));
            }
        }
    }
    None
}

// -------------------------------------------------------------------- seeds

struct Seed {
    bytes: Vec<u8>,
    /// A .docx's parts, to mutate inside the archive.
    parts: Vec<(String, Vec<u8>)>,
}

fn files_with_ext(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> =
        std::fs::read_dir(dir).map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
    v.retain(|p| p.is_file() && p.extension().is_some_and(|e| e == ext));
    v.sort();
    v
}

fn load_seeds(format: Format, corpus: &Path, extra: Option<&Path>) -> Result<Vec<Seed>, String> {
    let mut paths = files_with_ext(corpus, format.as_str());
    if format == Format::Md {
        paths.extend(files_with_ext(corpus, "txt"));
    }
    if let Some(dir) = extra {
        paths.extend(files_with_ext(dir, format.as_str()));
    }
    let mut seeds = Vec::new();
    for p in paths {
        let bytes = std::fs::read(&p).map_err(|e| format!("{}: {e}", p.display()))?;
        let parts = if format == Format::Docx { unzip(&bytes).unwrap_or_default() } else { Vec::new() };
        seeds.push(Seed { bytes, parts });
    }
    if seeds.is_empty() {
        return Err(format!("no .{} seeds in {}", format.as_str(), corpus.display()));
    }
    Ok(seeds)
}

fn unzip(bytes: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut parts = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).ok()?;
        let name = entry.name().ok()?.to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).ok()?;
        parts.push((name, data));
    }
    Some(parts)
}

fn rezip(parts: &[(String, Vec<u8>)], stored: bool) -> Option<Vec<u8>> {
    let method = if stored { zip::CompressionMethod::Stored } else { zip::CompressionMethod::Deflated };
    let opts = zip::write::SimpleFileOptions::default().compression_method(method).large_file(true);
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in parts {
        w.start_file(name.as_str(), opts).ok()?;
        w.write_all(data).ok()?;
    }
    Some(w.finish().ok()?.into_inner())
}

// ------------------------------------------------------------------ mutator

/// xorshift64*: small, fast, reproducible from `--seed`.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        // splitmix64 of the seed, so that nearby seeds diverge at once.
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }

    /// True with probability 1/n.
    fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    /// A length biased towards small values: 1..=max.
    fn small_len(&mut self, max: usize) -> usize {
        let cap = [4, 16, 64, 512, 8192][self.below(5)].min(max.max(1));
        1 + self.below(cap)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

#[rustfmt::skip]
const XML_TOKENS: &[&str] = &[
    "<w:p>", "</w:p>", "<w:r>", "</w:r>", "<w:t>", "</w:t>", "<w:t xml:space=\"preserve\"> </w:t>", "<w:br/>",
    "<w:tab/>", "<w:tbl>", "</w:tbl>", "<w:tr>", "</w:tr>", "<w:tc>", "</w:tc>", "<w:tbl><w:tr><w:tc><w:p>",
    "<w:gridSpan w:val=\"99999\"/>", "<w:gridSpan w:val=\"-1\"/>", "<w:vMerge w:val=\"restart\"/>", "<w:vMerge/>",
    "<w:numPr><w:ilvl w:val=\"8\"/><w:numId w:val=\"1\"/></w:numPr>", "<w:ilvl w:val=\"4294967296\"/>",
    "<w:numId w:val=\"0\"/>", "<w:start w:val=\"2147483647\"/>", "<w:numFmt w:val=\"upperRoman\"/>",
    "<w:numFmt w:val=\"none\"/>", "<w:numFmt w:val=\"lowerLetter\"/>",
    "<w:lvlText w:val=\"%1.%2.%3.%4.%5.%6.%7.%8.%9.\"/>", "<w:lvlText w:val=\"%10\"/>",
    "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"99999999\"/></w:lvlOverride>",
    "<w:abstractNumId w:val=\"0\"/>", "<w:ins w:id=\"1\">", "</w:ins>", "<w:del w:id=\"2\">", "</w:del>",
    "<w:delText>x</w:delText>", "<w:txbxContent>", "</w:txbxContent>", "<w:sdt><w:sdtContent>",
    "<mc:AlternateContent>", "<w:rFonts w:ascii=\".VnTime\" w:hAnsi=\".VnTime\"/>",
    "<w:rFonts w:ascii=\"VNI-Times\"/>", "<w:footnoteReference w:id=\"1\"/>", "<w:pStyle w:val=\"Heading1\"/>",
    "<w:sym w:font=\"Symbol\" w:char=\"F0B7\"/>", "<![CDATA[x]]>", "<!-- -->", "<?xml version=\"1.0\"?>",
    "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\">]>", "&a;", "&amp;", "&#x110000;", "&#0;", "&#xD800;", "&lt;", "&", "<",
    ">", "\"", "'", "=", "/>", "</", "xmlns:w=\"\"", " w:val=\"\"", "Target=\"../../../../etc/passwd\"",
    "Target=\"word/document.xml\"", "Target=\"/word/numbering.xml\"", "Ð", "\u{0301}", "\u{0323}", "\u{00A0}",
    "\u{200B}", "\u{FEFF}", "I.", "1.", "1.1.", "a)", "chủ trì", "phối hợp",
];

#[rustfmt::skip]
const PDF_TOKENS: &[&str] = &[
    "%PDF-1.7\n", "%PDF-", "%%EOF\n", " obj\n", "endobj\n", "1 0 obj", "0 0 obj", "stream\n", "\nendstream\n",
    "xref\n0 1\n0000000000 65535 f \n", "trailer\n<< /Size 1 /Root 1 0 R >>\n", "startxref\n0\n",
    "startxref\n999999999\n", "<<", ">>", "<< /Length 99999999 >>", "/Length 0", "/Length -1", "[", "]", "(", ")",
    "\\", "<", ">", "<FEFF>", " R ", " 0 R ", " 1 0 R ", " 99999 0 R ", "/Type /Page ", "/Type /Pages ",
    "/Type /Catalog ", "/Kids [1 0 R] ", "/Count 999999 ", "/Count -1 ", "/Parent 1 0 R ", "/Contents 1 0 R ",
    "/Resources << >> ", "/MediaBox [0 0 0 0] ", "/Font << /F1 1 0 R >> ", "/Subtype /Type0 ", "/Subtype /Type3 ",
    "/Subtype /TrueType ", "/Encoding /Identity-H ", "/Encoding << /Differences [0 /a /b] >> ", "/ToUnicode 1 0 R ",
    "/DescendantFonts [1 0 R] ", "/W [0 [500] 1 65535 0] ", "/Widths [] ", "/FirstChar 4294967295 ", "/LastChar -5 ",
    "/FontMatrix [0 0 0 0 0 0] ", "/Filter /FlateDecode ", "/Filter /LZWDecode ", "/Filter /ASCIIHexDecode ",
    "/Filter [/FlateDecode /FlateDecode] ", "/DecodeParms << /Predictor 15 /Columns 99999 >> ", "/Encrypt << >> ",
    "/ObjStm ", "/N 99999 /First 0 ", "beginbfchar\n<0000> <FEFF>\nendbfchar\n",
    "beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\n", "begincodespacerange <00> <FFFFFFFF> endcodespacerange", "BT ",
    "ET ", " Tj ", " TJ ", " Tf ", " Td ", " TD ", " Tm ", " T* ", " ' ", " \" ", " Tc ", " Tw ", " Tz ", " TL ",
    " cm ", " q ", " Q ", " Do ", " BI ", " ID ", " EI ", "/F1 12 Tf ", "/F1 0 Tf ", "/F1 1e308 Tf ",
    "[(a) -99999 (b)] TJ ", "1 0 0 1 0 0 Tm ", "0 0 0 0 0 0 cm ", "1e308 ", "-1e308 ", "NaN ", "99999999999999999999 ",
    "-2147483649 ", "0.000000000001 ", "4294967296 ",
];

#[rustfmt::skip]
const TEXT_TOKENS: &[&str] = &[
    "I. ", "II. ", "IV. ", "1. ", "1.1. ", "1.2.3. ", "a) ", "đ) ", "- ", "+ ", "* ", "Điều 1. ", "Chương II",
    "PHẦN I", " | ", "|", "|---|---|", "**", "*", "__", "# ", "> ", "\n", "\r\n", "\r", "\t", "\n\n", " ",
    "KẾ HOẠCH\n", "QUYẾT ĐỊNH\n", "Số: 12/KH-UBND", "/QĐ-UBND", "ngày 15 tháng 7 năm 2021", "ngày 32/13/99999",
    "chủ trì", "phối hợp với", "Sở Nội vụ", "UBND tỉnh", "đạt 95%", "đạt trên 100%", "tối thiểu", "quý IV/2025",
    "trước ngày 30/6/2025", "Căn cứ ", "Nghị quyết số 76/NQ-CP", "Trang 3/10", "- 12 -", "Đang tải văn bản", "Ð", "ð",
    "\u{00A0}", "\u{200B}", "\u{200D}", "\u{FEFF}", "\u{00AD}", "\u{0300}", "\u{0301}", "\u{0303}", "\u{0309}",
    "\u{0323}", "\u{0302}", "\u{0306}", "\u{031B}", "e\u{0301}\u{0302}", "\u{FB01}", "\u{2028}", "\u{FFFD}", "Uỷ",
    "Ủy", "hoà", "hòa", "99999999999999999999", "1e308", "-0", "%", "(", ")", "((((((((", "))))", ";", ":", ",",
];

/// Raw byte sequences: encodings' signatures and legacy-encoding bytes.
#[rustfmt::skip]
const BYTE_TOKENS: &[&[u8]] = &[
    b"\xEF\xBB\xBF", b"\xFF\xFE", b"\xFE\xFF", b"\x00", b"\x00\x00", b"\xFF", b"\x80", b"\xC3", b"\xE1\xBB",
    b"\xF0\x9F\x98", b"\xED\xA0\x80", b"\xC0\xAF", b"\xB8\xCA\xAC", b"\xD3\xF5", b"\xF2\xE6", b"\x1A", b"\x7F",
    b"PK\x03\x04", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", b"%PDF-1.4\n",
];

const INTERESTING_BYTES: &[u8] =
    &[0, 1, 0x7F, 0x80, 0xFF, b'<', b'>', b'/', b'"', b'\n', b' ', b'|', b'(', b')', b'0', b'9'];

struct Mutator {
    format: Format,
    seeds: Vec<Seed>,
    rng: Rng,
    max_len: usize,
}

impl Mutator {
    fn new(format: Format, seeds: Vec<Seed>, seed: u64, max_len: Option<usize>) -> Mutator {
        let largest = seeds.iter().map(|s| s.bytes.len()).max().unwrap_or(0);
        let max_len = max_len.unwrap_or((largest * 4).clamp(256 << 10, 4 << 20));
        Mutator { format, seeds, rng: Rng::new(seed), max_len }
    }

    fn next_input(&mut self) -> Vec<u8> {
        let i = self.rng.below(self.seeds.len());
        if self.format == Format::Docx
            && !self.seeds[i].parts.is_empty()
            && !self.rng.one_in(4)
            && let Some(zip) = self.mutate_docx_part(i)
        {
            return zip;
        }
        let mut data = self.seeds[i].bytes.clone();
        let tokens = match self.format {
            Format::Pdf => PDF_TOKENS,
            Format::Docx => XML_TOKENS,
            Format::Txt | Format::Md => TEXT_TOKENS,
        };
        self.mutate(&mut data, tokens);
        data
    }

    /// Mutate one part of a .docx and rebuild the archive.
    fn mutate_docx_part(&mut self, seed: usize) -> Option<Vec<u8>> {
        let mut parts = self.seeds[seed].parts.clone();
        match self.rng.below(40) {
            0 => {
                let drop = self.rng.below(parts.len());
                parts.remove(drop);
            }
            1 => parts.push(("EncryptedPackage".into(), vec![0; 64])),
            2 if self.rng.one_in(8) => {
                let bomb = zip_bomb_document(1 + self.rng.below(3_000_000));
                replace_part(&mut parts, "word/document.xml", bomb);
            }
            _ => {
                let target = self.pick_part(&parts);
                let mut data = std::mem::take(&mut parts[target].1);
                self.mutate(&mut data, XML_TOKENS);
                parts[target].1 = data;
            }
        }
        rezip(&parts, self.rng.one_in(4))
    }

    /// document.xml most often, then numbering, styles, relationships.
    fn pick_part(&mut self, parts: &[(String, Vec<u8>)]) -> usize {
        let preferred = match self.rng.below(10) {
            0..=4 => "word/document.xml",
            5 | 6 => "word/numbering.xml",
            7 => "word/styles.xml",
            8 => "word/_rels/document.xml.rels",
            _ => "",
        };
        parts.iter().position(|(n, _)| n == preferred).unwrap_or_else(|| self.rng.below(parts.len()))
    }

    /// 1-4 stacked mutations, now and then 16.
    fn mutate(&mut self, data: &mut Vec<u8>, tokens: &[&str]) {
        let rounds = if self.rng.one_in(10) { 16 } else { 1 + self.rng.below(4) };
        for _ in 0..rounds {
            self.mutate_once(data, tokens);
        }
        data.truncate(self.max_len);
    }

    fn mutate_once(&mut self, data: &mut Vec<u8>, tokens: &[&str]) {
        match self.rng.below(14) {
            0 => self.flip_bit(data),
            1 => self.set_byte(data),
            2 => self.truncate(data),
            3 => self.cut(data),
            4 => self.repeat(data),
            5 => self.splice_from_seed(data),
            6..=8 => {
                let t = self.rng.pick(tokens).as_bytes().to_vec();
                self.insert(data, &t);
            }
            9 => {
                let t = self.rng.pick(tokens).as_bytes().to_vec();
                self.overwrite(data, &t);
            }
            10 => {
                let t = self.rng.pick(BYTE_TOKENS).to_vec();
                self.insert(data, &t);
            }
            11 => {
                let t = self.nesting(tokens);
                self.insert(data, &t);
            }
            12 => {
                let t = self.huge_number();
                self.insert(data, &t);
            }
            _ => self.copy_within(data),
        }
    }

    /// A position, half the time moved to the next structural boundary
    /// (tag start, line, space) so that insertions land between tokens.
    fn position(&mut self, data: &[u8]) -> usize {
        let at = self.rng.below(data.len() + 1);
        if self.rng.one_in(2) {
            let boundary: &[u8] = match self.format {
                Format::Docx => b"<",
                Format::Pdf => b"\n /",
                Format::Txt | Format::Md => b"\n ",
            };
            if let Some(off) = data[at..].iter().position(|b| boundary.contains(b)) {
                return at + off;
            }
        }
        at
    }

    fn range(&mut self, data: &[u8]) -> (usize, usize) {
        let start = self.rng.below(data.len() + 1);
        let len = self.rng.small_len(data.len() - start);
        (start, (start + len).min(data.len()))
    }

    fn flip_bit(&mut self, data: &mut [u8]) {
        if !data.is_empty() {
            let i = self.rng.below(data.len());
            data[i] ^= 1 << self.rng.below(8);
        }
    }

    fn set_byte(&mut self, data: &mut [u8]) {
        if !data.is_empty() {
            let i = self.rng.below(data.len());
            data[i] = if self.rng.one_in(2) { *self.rng.pick(INTERESTING_BYTES) } else { self.rng.next() as u8 };
        }
    }

    fn truncate(&mut self, data: &mut Vec<u8>) {
        let at = self.rng.below(data.len() + 1);
        data.truncate(at);
    }

    fn cut(&mut self, data: &mut Vec<u8>) {
        let (s, e) = self.range(data);
        data.drain(s..e);
    }

    fn repeat(&mut self, data: &mut Vec<u8>) {
        let (s, e) = self.range(data);
        if e == s {
            return;
        }
        let chunk = data[s..e].to_vec();
        let room = self.max_len.saturating_sub(data.len()) / chunk.len();
        let times = self.rng.small_len(room.min(100_000));
        let tail = data.split_off(e);
        for _ in 0..times.min(room) {
            data.extend_from_slice(&chunk);
        }
        data.extend(tail);
    }

    fn splice_from_seed(&mut self, data: &mut Vec<u8>) {
        let other = self.rng.below(self.seeds.len());
        let src = &self.seeds[other].bytes;
        let start = self.rng.below(src.len() + 1);
        let len = self.rng.small_len(src.len() - start);
        let chunk = src[start..(start + len).min(src.len())].to_vec();
        self.insert(data, &chunk);
    }

    fn copy_within(&mut self, data: &mut [u8]) {
        let (s, e) = self.range(data);
        let dst = self.rng.below(data.len() + 1);
        let n = (e - s).min(data.len() - dst);
        data.copy_within(s..s + n, dst);
    }

    fn insert(&mut self, data: &mut Vec<u8>, chunk: &[u8]) {
        if data.len() + chunk.len() > self.max_len {
            return;
        }
        let at = self.position(data);
        data.splice(at..at, chunk.iter().copied());
    }

    fn overwrite(&mut self, data: &mut [u8], chunk: &[u8]) {
        let at = self.position(data);
        let n = chunk.len().min(data.len() - at);
        data[at..at + n].copy_from_slice(&chunk[..n]);
    }

    /// An opening token repeated many times: deep nesting for the XML and
    /// PDF parsers, long marker runs for the text stages.
    fn nesting(&mut self, tokens: &[&str]) -> Vec<u8> {
        let unit = match self.format {
            Format::Docx => self.rng.pick(&["<w:p>", "<w:tbl><w:tr><w:tc>", "<w:r>", "<a>", "<w:ins>"]),
            Format::Pdf => self.rng.pick(&["[", "<<", "(", "<< /K [", "q "]),
            Format::Txt | Format::Md => self.rng.pick(tokens),
        };
        let depth = [10, 300, 3000, 50_000][self.rng.below(4)];
        unit.repeat(depth).into_bytes()
    }

    fn huge_number(&mut self) -> Vec<u8> {
        let digits = [19, 20, 40, 400, 5000][self.rng.below(5)];
        let mut s = String::from(if self.rng.one_in(3) { "-" } else { " " });
        s.extend(std::iter::repeat_n('9', digits));
        s.push(' ');
        s.into_bytes()
    }
}

fn replace_part(parts: &mut Vec<(String, Vec<u8>)>, name: &str, data: Vec<u8>) {
    match parts.iter_mut().find(|(n, _)| n == name) {
        Some(p) => p.1 = data,
        None => parts.push((name.to_string(), data)),
    }
}

/// A valid document.xml of `paragraphs` tiny paragraphs: up to ~100 MB
/// inflated from ~100 KB compressed.
fn zip_bomb_document(paragraphs: usize) -> Vec<u8> {
    let head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>";
    let para = "<w:p><w:r><w:t>1. Sở Nội vụ chủ trì</w:t></w:r></w:p>";
    let mut s = String::with_capacity(head.len() + para.len() * paragraphs + 32);
    s.push_str(head);
    for _ in 0..paragraphs {
        s.push_str(para);
    }
    s.push_str("</w:body></w:document>");
    s.into_bytes()
}
