//! Every output validates against the published schema, and every span
//! slices the normalised text to exactly the item's text.

mod common;

use serde_json::Value;

fn corpus_report(extra: &[&str]) -> Value {
    let mut args = vec!["corpus", "--include-text", "--quiet"];
    args.extend_from_slice(extra);
    let (_, stdout, stderr) = common::run(&args);
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("JSON output ({e}): {stderr}"))
}

#[test]
fn corpus_output_validates_against_the_schema() {
    let schema: Value = serde_json::from_str(planparse::output::schema::SCHEMA).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let report = corpus_report(&[]);
    let errors: Vec<String> = validator.iter_errors(&report).take(10).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "schema violations: {errors:#?}");
    assert!(!report["documents"].as_array().unwrap().is_empty());
}

#[test]
fn schema_rejects_a_broken_report() {
    let schema: Value = serde_json::from_str(planparse::output::schema::SCHEMA).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut report = corpus_report(&[]);
    report["documents"][0]["targets"] = serde_json::json!([{"value": "95%"}]);
    assert!(!validator.is_valid(&report));
}

fn check_sections(text: &str, sections: &Value, n: &mut usize) {
    for s in sections.as_array().unwrap() {
        let (a, b) = (s["span"]["start"].as_u64().unwrap() as usize, s["span"]["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[a..b], s["text"].as_str().unwrap(), "section {}", s["path"]);
        *n += 1;
        check_sections(text, &s["children"], n);
    }
}

#[test]
fn every_span_slices_to_its_item() {
    let report = corpus_report(&[]);
    let mut checked = 0;
    for d in report["documents"].as_array().unwrap() {
        let text = d["text"].as_str().unwrap();
        check_sections(text, &d["sections"], &mut checked);
        for key in ["targets", "tasks"] {
            for item in d[key].as_array().unwrap() {
                let (a, b) = (item["span"]["start"].as_u64().unwrap() as usize, item["span"]["end"].as_u64().unwrap() as usize);
                assert_eq!(&text[a..b], item["text"].as_str().unwrap(), "{key} in {}", d["source"]["path"]);
                checked += 1;
            }
        }
        for r in d["references"].as_array().unwrap() {
            for m in r["mentions"].as_array().unwrap() {
                let (a, b) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
                // (a title in capitals may write the number in capitals)
                let written: String = text[a..b].chars().filter(|c| !c.is_whitespace()).flat_map(char::to_uppercase).collect();
                assert_eq!(written, r["number"].as_str().unwrap().to_uppercase());
                checked += 1;
            }
        }
    }
    assert!(checked > 500, "only {checked} spans checked");
}

#[test]
fn output_is_deterministic_across_runs_and_thread_counts() {
    let one = common::run(&["corpus", "--quiet", "--jobs", "1"]).1;
    let two = common::run(&["corpus", "--quiet", "--jobs", "2"]).1;
    assert!(!one.is_empty());
    assert_eq!(one, two, "1 thread and 2 threads must give byte-identical output");
}

#[test]
fn compact_output_is_one_line_holding_the_same_report() {
    let (code, pretty, _) = common::run(&["corpus", "--quiet"]);
    let (compact_code, compact, _) = common::run(&["corpus", "--quiet", "--compact"]);
    assert_eq!((code, compact_code), (0, 0));
    assert_eq!(compact.lines().count(), 1, "compact output is one line");
    assert!(compact.len() * 4 < pretty.len() * 3, "compact {} bytes vs pretty {}", compact.len(), pretty.len());
    let pretty: serde_json::Value = serde_json::from_str(&pretty).expect("pretty output is JSON");
    let compact: serde_json::Value = serde_json::from_str(&compact).expect("compact output is JSON");
    assert!(pretty["documents"].as_array().is_some_and(|d| d.len() == 21));
    assert_eq!(pretty, compact);
}
