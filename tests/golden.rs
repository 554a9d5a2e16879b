//! Golden test: every document in corpus/ against its expected JSON in
//! corpus/expected/, through the same code as `planparse check`.
//! `PLANPARSE_BLESS=1 cargo test --test golden` rewrites the expected files.

mod common;

use planparse::check::{check, CheckArgs};

#[test]
fn corpus_matches_expected() {
    let root = common::root();
    let bless = std::env::var("PLANPARSE_BLESS").is_ok_and(|v| v == "1");
    let args = CheckArgs {
        inputs: vec![root.join("corpus")],
        expected: root.join("corpus/expected"),
        bless,
        common: common::common(),
    };
    let outcome = check(&args).expect("check runs");
    assert!(outcome.errors.is_empty(), "corpus documents failed to parse: {:#?}", outcome.errors);
    assert!(outcome.diffs.len() >= 20, "expected the whole corpus, got {} documents", outcome.diffs.len());
    if bless {
        for p in &outcome.blessed {
            eprintln!("blessed {}", p.display());
        }
        return;
    }
    let report: String = outcome.diffs.iter().filter(|d| !d.is_clean()).map(|d| d.render()).collect();
    assert!(
        report.is_empty(),
        "documents differ from corpus/expected (review, then PLANPARSE_BLESS=1 cargo test --test golden):\n{report}"
    );
}
