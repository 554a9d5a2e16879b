//! Optional external converters, used only when installed: LibreOffice for
//! legacy Word .doc files and tesseract (with Vietnamese data) for scanned
//! PDFs (`--ocr`). Each runs as a child process on files in a private temp
//! folder, with the file's time budget; a child still running when the
//! budget is spent is killed.

use super::IngestError;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

fn available(program: &'static str, probe: &'static str, cell: &'static OnceLock<bool>) -> bool {
    *cell.get_or_init(|| {
        Command::new(program).arg(probe).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok()
    })
}

pub fn soffice_available() -> bool {
    static CELL: OnceLock<bool> = OnceLock::new();
    available("soffice", "--version", &CELL)
}

pub fn ocr_available() -> bool {
    static TESSERACT: OnceLock<bool> = OnceLock::new();
    static PDFTOPPM: OnceLock<bool> = OnceLock::new();
    available("tesseract", "--version", &TESSERACT) && available("pdftoppm", "-v", &PDFTOPPM)
}

/// Run a command to completion within the deadline.
fn run(mut cmd: Command, deadline: Instant, what: &str) -> Result<(), IngestError> {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| IngestError::Unsupported(format!("cannot start {what}: {e}")))?;
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => return Err(IngestError::Corrupt(format!("{what} failed ({status})"))),
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                let secs = deadline.saturating_duration_since(Instant::now()).as_secs();
                return Err(IngestError::Timeout(secs));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(IngestError::Unreadable(format!("{what}: {e}"))),
        }
    }
}

fn temp_dir() -> Result<tempfile::TempDir, IngestError> {
    tempfile::tempdir().map_err(|e| IngestError::Unreadable(format!("cannot create a temporary folder: {e}")))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), IngestError> {
    std::fs::write(path, bytes).map_err(|e| IngestError::Unreadable(format!("cannot write a temporary file: {e}")))
}

/// A legacy .doc converted to .docx bytes by LibreOffice.
pub fn doc_to_docx(bytes: &[u8], deadline: Instant) -> Result<Vec<u8>, IngestError> {
    let dir = temp_dir()?;
    let input = dir.path().join("input.doc");
    write(&input, bytes)?;
    let mut cmd = Command::new("soffice");
    // A private profile: a second LibreOffice using the user's profile would
    // wait for the first one's lock.
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("profile").display());
    cmd.arg(profile).args(["--headless", "--convert-to", "docx", "--outdir"]).arg(dir.path()).arg(&input);
    run(cmd, deadline, "LibreOffice (soffice)")?;
    std::fs::read(dir.path().join("input.docx"))
        .map_err(|_| IngestError::Corrupt("LibreOffice could not convert this .doc file".into()))
}

/// Text of a scanned PDF, one string per page, recognised by tesseract.
pub fn ocr_pdf(bytes: &[u8], deadline: Instant) -> Result<Vec<String>, IngestError> {
    let dir = temp_dir()?;
    let input = dir.path().join("input.pdf");
    write(&input, bytes)?;
    let mut render = Command::new("pdftoppm");
    render.args(["-r", "300", "-gray", "-png"]).arg(&input).arg(dir.path().join("page"));
    run(render, deadline, "pdftoppm")?;
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .map_err(|e| IngestError::Unreadable(e.to_string()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "png"))
        .collect();
    pages.sort();
    let mut texts = Vec::with_capacity(pages.len());
    for page in pages {
        let base = page.with_extension("");
        let mut ocr = Command::new("tesseract");
        ocr.arg(&page).arg(&base).args(["-l", "vie"]);
        run(ocr, deadline, "tesseract")?;
        let text = std::fs::read_to_string(base.with_extension("txt")).unwrap_or_default();
        texts.push(text);
    }
    Ok(texts)
}
