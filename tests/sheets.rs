//! `--tasks-csv` and `--targets-csv`: the spreadsheet a follow-up office
//! works from, read back with an RFC 4180 reader and checked against the
//! JSON report of the same run.

mod common;

use serde_json::Value;
use std::fs;

/// RFC 4180 records: quoted fields may hold commas, doubled quotes and
/// line breaks; records end with CRLF.
fn records(csv: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut field) = (Vec::new(), String::new());
    let mut chars = csv.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

/// The sheet as header -> value maps.
fn sheet(path: &std::path::Path) -> Vec<std::collections::HashMap<String, String>> {
    let text = fs::read_to_string(path).unwrap();
    let text = text.strip_prefix('\u{FEFF}').expect("a byte order mark, so Excel reads UTF-8");
    assert!(text.ends_with("\r\n"), "CRLF record ends");
    let mut rows = records(text).into_iter();
    let header = rows.next().expect("a header row");
    rows.map(|r| {
        assert_eq!(r.len(), header.len(), "every row has every column: {r:?}");
        header.iter().cloned().zip(r).collect()
    })
    .collect()
}

#[test]
fn tasks_and_targets_go_to_spreadsheets_row_for_row() {
    let dir = tempfile::tempdir().unwrap();
    let (json, tasks, targets) = (dir.path().join("plans.json"), dir.path().join("tasks.csv"), dir.path().join("targets.csv"));
    let (code, _, stderr) = common::run(&[
        "corpus/101_kh-nhiem-vu-co-nhan.txt",
        "corpus/100_kh-cchc-chuyen-doi-so.docx",
        "-q",
        "-o",
        json.to_str().unwrap(),
        "--tasks-csv",
        tasks.to_str().unwrap(),
        "--targets-csv",
        targets.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let report: Value = serde_json::from_str(&fs::read_to_string(&json).unwrap()).unwrap();
    let docs = report["documents"].as_array().unwrap();
    let json_tasks: Vec<&Value> = docs.iter().flat_map(|d| d["tasks"].as_array().unwrap()).collect();
    let json_targets: Vec<&Value> = docs.iter().flat_map(|d| d["targets"].as_array().unwrap()).collect();

    let task_rows = sheet(&tasks);
    assert_eq!(task_rows.len(), json_tasks.len());
    assert!(task_rows.len() > 10, "the two plans assign more than ten tasks");
    for (row, t) in task_rows.iter().zip(&json_tasks) {
        assert_eq!(row["task"], t["text"].as_str().unwrap());
        let lead: Vec<&str> = t["lead"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
        assert_eq!(row["lead"], lead.join("; "));
        assert_eq!(row["line"], t["span"]["line"].to_string());
    }
    // A labelled task of 101: its lead, partners and time limit in their columns.
    let duty = task_rows
        .iter()
        .find(|r| r["task"].starts_with("Nhiệm vụ cụ thể: Rà soát, tái cấu trúc quy trình"))
        .expect("the digital-services task of 101");
    assert_eq!(duty["file"], "corpus/101_kh-nhiem-vu-co-nhan.txt");
    assert_eq!(duty["lead"], "Sở Khoa học và Công nghệ");
    assert_eq!(duty["support"], "các sở, ban, ngành; UBND cấp huyện");
    assert_eq!(duty["deadline"], "Thường xuyên; sơ kết vào tháng 6/2025, tổng kết trong Quý IV/2025");
    // An appendix-table task of 100 keeps its section and deadline date.
    assert!(
        task_rows.iter().any(|r| r["file"].ends_with("100_kh-cchc-chuyen-doi-so.docx") && r["origin"] == "table" && !r["deadline_by"].is_empty()),
        "{task_rows:#?}"
    );

    let target_rows = sheet(&targets);
    assert_eq!(target_rows.len(), json_targets.len());
    for (row, t) in target_rows.iter().zip(&json_targets) {
        assert_eq!(row["value"].parse::<f64>().unwrap(), t["value"].as_f64().unwrap());
        assert_eq!(row["unit"], t["unit"].as_str().unwrap());
        assert_eq!(row["comparator"], t["comparator"].as_str().unwrap());
    }
    assert!(target_rows.iter().any(|r| r["unit"] == "%" && r["year"] == "2025"), "{target_rows:#?}");
}

#[test]
fn a_sheet_in_a_missing_folder_fails_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("plans.json");
    let missing = dir.path().join("no/such/folder/tasks.csv");
    let (code, _, stderr) =
        common::run(&["corpus/101_kh-nhiem-vu-co-nhan.txt", "-q", "-o", json.to_str().unwrap(), "--tasks-csv", missing.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("does not exist"), "{stderr}");
    assert!(!json.exists(), "nothing written when an output cannot be");
}
