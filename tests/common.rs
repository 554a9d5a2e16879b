//! Helpers shared by the integration tests.
#![allow(dead_code)]

use planparse::cli::CommonArgs;
use planparse::ingest::pdf::Backend;
use std::path::PathBuf;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn common() -> CommonArgs {
    CommonArgs { grammar: None, pdf_backend: Backend::Auto, time_budget: 60, ocr: false, jobs: None, quiet: true, verbose: false }
}

/// Run the binary and return (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_planparse"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the planparse binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
