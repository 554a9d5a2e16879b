//! Command line: flags -> configuration, then drive the batch.

use crate::check;
use crate::grammar::Grammar;
use crate::ingest::{detect, pdf, IngestOptions};
use crate::model::{Document, FileError};
use crate::output;
use crate::pipeline::{self, Options};
use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::path::{Path, PathBuf};

const AFTER_HELP: &str = "\
EXAMPLES:
    planparse corpus/ -o plans.json          parse every plan in a folder
    planparse kh-263.docx qd-1009.pdf        print JSON for two files
    planparse corpus/ -o plans.json --tasks-csv tasks.csv
                                             also list every task for a spreadsheet
    planparse check corpus/ --expected corpus/expected/
                                             compare with known-good results
    planparse schema                         print the output's JSON Schema

EXIT CODES:
    0  every file was parsed
    1  some files could not be parsed (each is listed in \"errors\" with a reason);
       with `check`: some documents differ from their expected results
    2  usage error, bad grammar folder, or the output file cannot be written

Files in folders are taken by extension (.docx .pdf .txt .md); other files are
skipped and counted (listed with --verbose). A file named on the command line is
always taken: if it cannot be read it becomes an error entry. Spans in the
output are byte offsets into each document's normalised text (--include-text).";

#[derive(Parser, Debug)]
#[command(
    name = "planparse",
    version,
    about = "Turn Vietnamese government plans and decisions (.docx, .pdf, .txt, .md) into structured JSON:\n\
             metadata, section tree, targets, tasks with lead and supporting agencies, deadlines, references.",
    after_help = AFTER_HELP,
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    #[command(flatten)]
    run: RunArgs,
}

#[derive(clap::Args, Debug, Clone)]
pub struct RunArgs {
    /// Files or folders to parse (folders are searched recursively).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// Write the JSON here (atomically) instead of standard output ("-" is
    /// standard output).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub common: CommonArgs,

    /// Include each document's normalised text (what spans point into).
    #[arg(long)]
    pub include_text: bool,

    /// Write the JSON on one line, without indentation (about a third
    /// smaller; for programs reading large batches).
    #[arg(long)]
    pub compact: bool,

    /// Exit with 1 also when a document parsed with warnings.
    #[arg(long)]
    pub strict: bool,

    /// Also write every task as a CSV row (file, section, task, lead,
    /// support, deadline, line ...) for a spreadsheet; UTF-8 that Excel opens.
    #[arg(long, value_name = "FILE")]
    pub tasks_csv: Option<PathBuf>,

    /// Also write every target as a CSV row (file, section, indicator,
    /// comparator, value, unit, year ...).
    #[arg(long, value_name = "FILE")]
    pub targets_csv: Option<PathBuf>,
}

/// Options shared by parsing and `check`.
#[derive(clap::Args, Debug, Clone)]
pub struct CommonArgs {
    /// Folder of grammar files that extend the built-in ones (same file names).
    #[arg(long, value_name = "DIR")]
    pub grammar: Option<PathBuf>,

    /// PDF text extractor: auto (built-in, pdftotext fallback on damaged text), builtin, pdftotext.
    #[arg(long, value_enum, default_value_t = pdf::Backend::Auto)]
    pub pdf_backend: pdf::Backend,

    /// Seconds one file's reader may take before it is stopped.
    #[arg(long, default_value_t = 60, value_name = "SECS")]
    pub time_budget: u64,

    /// Recognise scanned PDFs (no text layer) with tesseract; needs tesseract-ocr-vie and pdftoppm.
    #[arg(long)]
    pub ocr: bool,

    /// Worker threads (default: one per core).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,

    /// No progress bar, no summary on standard error.
    #[arg(short, long)]
    pub quiet: bool,

    /// List skipped files and each error on standard error.
    #[arg(short, long)]
    pub verbose: bool,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print the JSON Schema of the output.
    Schema,
    /// Parse documents and compare them with expected JSON files (a regression check).
    Check(check::CheckArgs),
}

pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    match cli.command {
        Some(Command::Schema) => {
            print!("{}", output::schema::SCHEMA);
            0
        }
        Some(Command::Check(args)) => check::run(&args),
        None => run(&cli.run),
    }
}

/// Everything the batch found to read.
pub struct Inputs {
    /// (path on disk, path as shown in the output)
    pub files: Vec<(PathBuf, String)>,
    pub skipped: Vec<PathBuf>,
}

/// Expand folders; keep explicitly named files whatever they are.
pub fn collect_inputs(inputs: &[PathBuf], exclude: Option<&Path>) -> Inputs {
    let mut out = Inputs { files: Vec::new(), skipped: Vec::new() };
    for input in inputs {
        if input.is_dir() {
            walk(input, exclude, &mut out);
        } else {
            out.files.push((input.clone(), display(input)));
        }
    }
    out.files.sort_by(|a, b| a.1.cmp(&b.1));
    out.files.dedup_by(|a, b| a.1 == b.1);
    out
}

fn walk(dir: &Path, exclude: Option<&Path>, out: &mut Inputs) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        out.files.push((dir.to_path_buf(), display(dir)));
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        let hidden = p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.') || n.starts_with("~$"));
        if hidden || exclude.is_some_and(|x| same_file(x, &p)) {
            continue;
        }
        if p.is_dir() {
            walk(&p, exclude, out);
        } else if detect::format_from_extension(&p).is_some() {
            out.files.push((p.clone(), display(&p)));
        } else {
            out.skipped.push(p);
        }
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    // Resolving a path costs a readlink per component; a differing file name
    // settles it for nearly every file of a large folder. (A link to the
    // output under another name is read as an input.)
    if a.file_name() != b.file_name() {
        return false;
    }
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

fn display(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

pub fn load_grammar(common: &CommonArgs) -> Result<Grammar, String> {
    Grammar::load(common.grammar.as_deref()).map_err(|e| e.to_string())
}

pub fn options(common: &CommonArgs, grammar: &Grammar, include_text: bool) -> Options {
    Options {
        ingest: IngestOptions {
            pdf_backend: common.pdf_backend,
            time_budget_secs: common.time_budget,
            ocr: common.ocr,
            layout: grammar.layout.clone(),
        },
        include_text,
    }
}

/// Parse all files in parallel and hand each result to `on_result` in
/// input order, as soon as it and all before it are done. Only results that
/// finished out of order wait in memory.
pub fn stream_all(
    files: &[(PathBuf, String)],
    g: &Grammar,
    opts: &Options,
    common: &CommonArgs,
    mut on_result: impl FnMut(Result<Document, FileError>),
) {
    let bar = progress_bar(files.len(), common.quiet);
    let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Result<Document, FileError>)>(64);
    std::thread::scope(|scope| {
        let bar = &bar;
        scope.spawn(move || {
            // Workers take files in path order from a shared counter, so
            // results arrive almost in order and few wait below. (A split
            // of the list into halves would hold half the batch's documents
            // until the first half is written.)
            let next_file = AtomicUsize::new(0);
            let work = || {
                (0..rayon::current_num_threads()).into_par_iter().for_each_with(tx, |tx, _| {
                    loop {
                        let i = next_file.fetch_add(1, Ordering::Relaxed);
                        let Some((path, shown)) = files.get(i) else { break };
                        let r = pipeline::process_path(path, shown, g, opts);
                        bar.inc(1);
                        if tx.send((i, r)).is_err() {
                            break;
                        }
                    }
                })
            };
            match common.jobs.map(|n| rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build()) {
                Some(Ok(pool)) => pool.install(work),
                _ => work(),
            }
        });
        let mut waiting = std::collections::BTreeMap::new();
        let mut next = 0;
        for (i, r) in rx {
            waiting.insert(i, r);
            while let Some(r) = waiting.remove(&next) {
                on_result(r);
                next += 1;
            }
        }
    });
    bar.finish_and_clear();
}

/// Parse all files in parallel; results come back in input order.
pub fn parse_all(files: &[(PathBuf, String)], g: &Grammar, opts: &Options, common: &CommonArgs) -> (Vec<Document>, Vec<FileError>) {
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    stream_all(files, g, opts, common, |r| match r {
        Ok(d) => docs.push(d),
        Err(e) => errors.push(e),
    });
    (docs, errors)
}

fn progress_bar(n: usize, quiet: bool) -> ProgressBar {
    if quiet || n <= 5 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(n as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} files  {elapsed_precise} (eta {eta})") {
        bar.set_style(style);
    }
    bar
}

impl RunArgs {
    /// The file to write, or None for standard output: "-o -" is the usual
    /// spelling of standard output and must not create a file named "-".
    fn output_file(&self) -> Option<&Path> {
        self.output.as_deref().filter(|p| *p != Path::new("-"))
    }
}

fn run(args: &RunArgs) -> i32 {
    let sheet_paths = args.sheet_paths();
    for out in args.output_file().into_iter().chain(sheet_paths.iter().map(|(p, _)| *p)) {
        if let Err(e) = output::check_writable(out) {
            eprintln!("planparse: cannot write the output: {e}");
            return 2;
        }
    }
    let g = match load_grammar(&args.common) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("planparse: {e}");
            return 2;
        }
    };
    let inputs = collect_inputs(&args.inputs, args.output_file());
    if args.common.verbose {
        for s in &inputs.skipped {
            eprintln!("skipped (not a .docx/.pdf/.txt/.md file): {}", s.display());
        }
    }
    let started = std::time::Instant::now();
    let opts = options(&args.common, &g, args.include_text);
    let mut sinks = match Sheets::create(&sheet_paths) {
        Ok(sheets) => Sinks { compact: args.compact, sheets, has_warnings: false },
        Err(e) => {
            eprintln!("planparse: cannot write the output: {e}");
            return 2;
        }
    };
    let result = match args.output_file() {
        Some(path) => write_report(path, &inputs, &g, &opts, &args.common, &mut sinks),
        None => {
            let stdout = std::io::BufWriter::new(std::io::stdout().lock());
            stream_report(stdout, &inputs, &g, &opts, &args.common, &mut sinks).map(|(_, errors, s)| (errors, s))
        }
    };
    let has_warnings = sinks.has_warnings;
    let result = result.and_then(|r| sinks.sheets.persist().map(|()| r));
    let (errors, summary) = match result {
        Ok(r) => r,
        Err(e) => {
            eprintln!("planparse: cannot write the output: {e}");
            return 2;
        }
    };
    if args.common.verbose {
        for e in &errors {
            eprintln!("error: {}: {} ({})", e.path, e.message, e.kind);
        }
    }
    if !args.common.quiet {
        let s = &summary;
        eprintln!(
            "planparse: {} files: {} parsed, {} errors, {} skipped in {:.1}s",
            s.files_taken,
            s.documents,
            s.errors,
            s.skipped,
            started.elapsed().as_secs_f64()
        );
        if s.errors > 0 && !args.common.verbose {
            eprintln!("planparse: see \"errors\" in the output (or run with --verbose) for the reasons");
        }
    }
    if !errors.is_empty() || args.strict && has_warnings { 1 } else { 0 }
}

/// Where a run's results go besides the JSON report.
struct Sinks {
    compact: bool,
    sheets: Sheets,
    has_warnings: bool,
}

/// The CSV sheets asked for, each written to a temporary file beside its
/// path and renamed into place only when the whole batch is written.
struct Sheets(Vec<(PathBuf, output::csv::CsvWriter<std::io::BufWriter<tempfile::NamedTempFile>>)>);

impl Sheets {
    fn create(paths: &[(&Path, output::csv::Sheet)]) -> std::io::Result<Self> {
        let mut sheets = Vec::new();
        for &(path, sheet) in paths {
            let tmp = tempfile::NamedTempFile::new_in(output::parent_dir(path))?;
            sheets.push((path.to_path_buf(), output::csv::CsvWriter::begin(std::io::BufWriter::new(tmp), sheet)?));
        }
        Ok(Sheets(sheets))
    }

    fn document(&mut self, doc: &Document) -> std::io::Result<()> {
        self.0.iter_mut().try_for_each(|(_, w)| w.document(doc))
    }

    fn persist(self) -> std::io::Result<()> {
        for (path, w) in self.0 {
            let tmp = w.finish()?.into_inner().map_err(|e| e.into_error())?;
            tmp.persist(&path).map_err(|e| e.error)?;
        }
        Ok(())
    }
}

impl RunArgs {
    fn sheet_paths(&self) -> Vec<(&Path, output::csv::Sheet)> {
        let tasks = self.tasks_csv.as_deref().map(|p| (p, output::csv::Sheet::Tasks));
        let targets = self.targets_csv.as_deref().map(|p| (p, output::csv::Sheet::Targets));
        tasks.into_iter().chain(targets).collect()
    }
}

/// Stream the report into `out`; returns the writer, the errors and the summary.
fn stream_report<W: std::io::Write>(
    out: W,
    inputs: &Inputs,
    g: &Grammar,
    opts: &Options,
    common: &CommonArgs,
    sinks: &mut Sinks,
) -> std::io::Result<(W, Vec<FileError>, crate::model::Summary)> {
    let mut writer = output::ReportWriter::begin(out, sinks.compact)?;
    let mut failure: Option<std::io::Error> = None;
    stream_all(&inputs.files, g, opts, common, |r| match r {
        Ok(doc) => {
            sinks.has_warnings |= !doc.warnings.is_empty();
            if failure.is_none() {
                failure = writer.document(&doc).and_then(|()| sinks.sheets.document(&doc)).err();
            }
        }
        Err(e) => writer.error(e),
    });
    if let Some(e) = failure {
        return Err(e);
    }
    let errors = writer.errors().to_vec();
    let (out, summary) = writer.finish(inputs.skipped.len())?;
    Ok((out, errors, summary))
}

/// Stream into a temporary file beside `path` and rename it into place, so
/// a failed or interrupted run never leaves half a plans.json.
fn write_report(
    path: &Path,
    inputs: &Inputs,
    g: &Grammar,
    opts: &Options,
    common: &CommonArgs,
    sinks: &mut Sinks,
) -> std::io::Result<(Vec<FileError>, crate::model::Summary)> {
    let tmp = tempfile::NamedTempFile::new_in(output::parent_dir(path))?;
    let buffered = std::io::BufWriter::new(tmp);
    let (buffered, errors, summary) = stream_report(buffered, inputs, g, opts, common, sinks)?;
    let tmp = buffered.into_inner().map_err(|e| e.into_error())?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok((errors, summary))
}
