//! Bad input becomes an error entry with a reason; the rest of the batch
//! still parses and every file is accounted for.

mod common;

use serde_json::Value;
use std::fs;

fn batch() -> (tempfile::TempDir, Vec<String>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = |n: &str| dir.path().join(n);
    fs::write(p("corrupt.docx"), b"PK\x03\x04 this is not really a zip archive").unwrap();
    let pdf = fs::read(common::root().join("corpus/000_25bc85831343adec.pdf")).unwrap();
    fs::write(p("truncated.pdf"), &pdf[..pdf.len() / 3]).unwrap();
    fs::write(p("empty.txt"), b"").unwrap();
    fs::write(p("binary.txt"), [0x89u8, b'P', b'N', b'G', 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0xff, 0xfe, 0, 7])
        .unwrap();
    fs::write(p("good.txt"), "KẾ HOẠCH\nThực hiện cải cách hành chính\nI. MỤC TIÊU\n1. Tỷ lệ hồ sơ đúng hạn đạt 95%.\n").unwrap();
    let files: Vec<String> = ["corrupt.docx", "truncated.pdf", "empty.txt", "binary.txt", "good.txt", "missing.docx"]
        .iter()
        .map(|n| p(n).to_string_lossy().into_owned())
        .collect();
    (dir, files)
}

fn error_kind(report: &Value, name: &str) -> Option<String> {
    report["errors"].as_array()?.iter().find(|e| e["path"].as_str().is_some_and(|p| p.ends_with(name))).map(|e| e["kind"].as_str().unwrap_or("").to_string())
}

#[test]
fn each_bad_file_is_an_error_entry_and_the_good_one_parses() {
    let (_dir, files) = batch();
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    let (code, stdout, _) = common::run(&args);
    assert_eq!(code, 1, "some files failed, so the exit code is 1");
    let report: Value = serde_json::from_str(&stdout).expect("JSON on stdout");
    assert_eq!(report["documents"].as_array().unwrap().len(), 1);
    assert_eq!(report["documents"][0]["targets"][0]["value"], 95.0);
    assert_eq!(report["summary"]["files_taken"], 6, "documents + errors = files taken");
    assert_eq!(error_kind(&report, "corrupt.docx").as_deref(), Some("corrupt"));
    assert_eq!(error_kind(&report, "empty.txt").as_deref(), Some("empty"));
    assert_eq!(error_kind(&report, "binary.txt").as_deref(), Some("unsupported"));
    assert_eq!(error_kind(&report, "missing.docx").as_deref(), Some("not_found"));
    let pdf = error_kind(&report, "truncated.pdf");
    assert!(matches!(pdf.as_deref(), Some("corrupt" | "parser_crash" | "no_text_layer")), "truncated pdf: {pdf:?}");
    for e in report["errors"].as_array().unwrap() {
        assert!(e["message"].as_str().unwrap().len() > 10, "a message a clerk understands: {e}");
    }
}

#[test]
fn an_unsupported_file_named_explicitly_is_an_error_but_skipped_in_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.xlsx"), b"PK\x03\x04").unwrap();
    fs::write(dir.path().join("plan.txt"), "KẾ HOẠCH\nI. MỤC TIÊU\n").unwrap();
    let folder = dir.path().to_string_lossy().into_owned();
    let (code, stdout, _) = common::run(&[&folder]);
    assert_eq!(code, 0);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["summary"]["skipped"], 1);
    assert_eq!(report["summary"]["documents"], 1);

    let xlsx = dir.path().join("notes.xlsx").to_string_lossy().into_owned();
    let (code, stdout, _) = common::run(&[&xlsx]);
    assert_eq!(code, 1);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(error_kind(&report, "notes.xlsx").as_deref(), Some("unsupported"));
}

#[test]
fn output_is_written_atomically_and_unwritable_places_fail_early() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("plans.json");
    let (code, _, _) = common::run(&["corpus/101_kh-nhiem-vu-co-nhan.txt", "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(v["schema_version"], 1);
    let leftovers = fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 1, "no temporary file left beside the output");

    let missing = dir.path().join("no/such/folder/plans.json");
    let (code, _, stderr) = common::run(&["corpus/101_kh-nhiem-vu-co-nhan.txt", "-o", missing.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("does not exist"), "{stderr}");
}

#[test]
fn an_output_inside_the_input_folder_is_not_read_back_as_an_input() {
    // Named .md, the previous run's output is a file the batch would read.
    let dir = tempfile::tempdir().unwrap();
    fs::copy(common::root().join("corpus/101_kh-nhiem-vu-co-nhan.txt"), dir.path().join("kh.txt")).unwrap();
    let folder = dir.path().to_str().unwrap();
    // (the same file named two ways: the run must see through "./")
    for out in [dir.path().join("plans.md"), dir.path().join(".").join("plans.md")] {
        let (code, _, stderr) = common::run(&[folder, "-o", out.to_str().unwrap(), "-q"]);
        assert_eq!(code, 0, "{stderr}");
        let v: Value = serde_json::from_str(&fs::read_to_string(&out).unwrap()).unwrap();
        assert_eq!(v["documents"].as_array().map(Vec::len), Some(1), "{}", v["documents"]);
        assert_eq!(v["errors"].as_array().map(Vec::len), Some(0), "{}", v["errors"]);
    }
}

#[test]
fn a_dash_as_output_is_standard_output_not_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let doc = common::root().join("corpus/101_kh-nhiem-vu-co-nhan.txt");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_planparse"))
        .args([doc.to_str().unwrap(), "-o", "-", "-q"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["documents"].as_array().map(Vec::len), Some(1));
    assert!(!dir.path().join("-").exists(), "no file named '-'");
}

#[test]
fn usage_errors_exit_with_2() {
    let (code, _, stderr) = common::run(&["--no-such-flag"]);
    assert_eq!(code, 2, "{stderr}");
    let (code, _, _) = common::run(&[]);
    assert_eq!(code, 2);
}

#[test]
fn a_misspelt_key_in_a_user_grammar_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("deadlines.toml");
    let grammar = dir.path().to_str().unwrap();
    // Correctly spelt, the extension is taken and the run succeeds.
    std::fs::write(&file, "cues = [\"muộn nhất\"]\n").unwrap();
    let out = dir.path().join("plans.json");
    let (code, _, stderr) =
        common::run(&["corpus/101_kh-nhiem-vu-co-nhan.txt", "--grammar", grammar, "-q", "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    // Misspelt, the run stops before any document with the file and the key named.
    std::fs::write(&file, "cue = [\"muộn nhất\"]\n").unwrap();
    let (code, _, stderr) =
        common::run(&["corpus/101_kh-nhiem-vu-co-nhan.txt", "--grammar", grammar, "-q", "-o", out.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("deadlines.toml") && stderr.contains("unknown key `cue`"), "{stderr}");
}
