//! Every `[[example]]` in the grammar files is run against the code that
//! uses that grammar, so a grammar edit is tested by the grammar itself.

use planparse::extract::agencies::tokenize;
use planparse::extract::references;
use planparse::grammar::{Grammar, Sources};
use toml::Value;

fn sources() -> Sources {
    Sources::load(None).expect("embedded grammars load")
}

fn s<'a>(v: &'a Value, k: &str) -> Option<&'a str> {
    v.get(k).and_then(Value::as_str)
}

fn strs(v: &Value, k: &str) -> Vec<String> {
    v.get(k).and_then(Value::as_array).map(|a| a.iter().filter_map(|x| x.as_str().map(String::from)).collect()).unwrap_or_default()
}

fn int(v: &Value, k: &str) -> Option<i64> {
    v.get(k).and_then(Value::as_integer)
}

#[test]
fn section_marker_examples() {
    let g = Grammar::builtin();
    let ex = sources().examples("sections.toml");
    assert!(ex.len() >= 8);
    for e in ex {
        let input = s(&e, "input").unwrap();
        let got = g.sections.match_marker(input);
        let style = got.as_ref().map(|m| g.sections.styles[m.style].name.as_str()).unwrap_or("");
        assert_eq!(style, s(&e, "style").unwrap(), "style of {input:?}");
        assert_eq!(got.map(|m| m.label).unwrap_or_default(), s(&e, "label").unwrap(), "label of {input:?}");
    }
}

#[test]
fn normalize_examples() {
    let g = Grammar::builtin();
    for e in sources().examples("normalize.toml") {
        let input = s(&e, "input").unwrap();
        if let Some(p) = e.get("page_number").and_then(Value::as_bool) {
            assert_eq!(g.normalize.is_page_number(input), p, "{input:?}");
        }
        if let Some(r) = e.get("residue").and_then(Value::as_bool) {
            assert_eq!(g.normalize.is_residue(input), r, "{input:?}");
        }
        if let Some(t) = e.get("tail").and_then(Value::as_bool) {
            assert_eq!(g.normalize.is_tail(input), t, "{input:?}");
        }
    }
}

#[test]
fn doc_type_examples() {
    let g = Grammar::builtin();
    for e in sources().examples("doc_types.toml") {
        let input = s(&e, "input").unwrap();
        assert_eq!(g.doc_types.title_type(input).unwrap_or_default(), s(&e, "doc_type").unwrap(), "{input:?}");
    }
}

#[test]
fn deadline_examples() {
    let g = Grammar::builtin();
    let ex = sources().examples("deadlines.toml");
    assert!(ex.len() >= 12);
    for e in ex {
        let input = s(&e, "input").unwrap();
        // `in_text = true`: the phrase sits in running text, where cues matter.
        let in_text = e.get("in_text").and_then(Value::as_bool).unwrap_or(false);
        let parsed = if in_text { g.deadlines.parse_in_text(input) } else { g.deadlines.parse_field(input) };
        if e.get("none").and_then(Value::as_bool).unwrap_or(false) {
            assert!(parsed.is_none(), "{input:?} gave a deadline: {parsed:?}");
            continue;
        }
        let d = parsed.unwrap_or_else(|| panic!("no deadline in {input:?}"));
        assert_eq!(d.year.map(i64::from), int(&e, "year"), "year of {input:?}");
        assert_eq!(d.quarter.map(i64::from), int(&e, "quarter"), "quarter of {input:?}");
        assert_eq!(d.month.map(i64::from), int(&e, "month"), "month of {input:?}");
        assert_eq!(d.day.map(i64::from), int(&e, "day"), "day of {input:?}");
        assert_eq!(d.by.as_deref(), s(&e, "by"), "by of {input:?}");
        assert_eq!(d.recurrence.as_deref(), s(&e, "recurrence"), "recurrence of {input:?}");
        assert_eq!(d.milestones.len() as i64, int(&e, "milestones").unwrap_or(0), "milestones of {input:?}");
        if let Some(text) = s(&e, "text") {
            assert_eq!(d.text, text, "text of {input:?}");
        }
    }
}

#[test]
fn target_examples() {
    let g = Grammar::builtin();
    for e in sources().examples("targets.toml") {
        let input = s(&e, "input").unwrap();
        let hits = g.targets.hits(input, Some(2022), false);
        let values: Vec<f64> = e.get("values").and_then(Value::as_array).unwrap().iter().map(|v| v.as_float().unwrap()).collect();
        assert_eq!(hits.iter().map(|h| h.value).collect::<Vec<_>>(), values, "values of {input:?}");
        let cmps = strs(&e, "comparators");
        if !cmps.is_empty() {
            assert_eq!(hits.iter().map(|h| h.comparator.clone()).collect::<Vec<_>>(), cmps, "comparators of {input:?}");
        }
        let units = strs(&e, "units");
        if !units.is_empty() {
            assert_eq!(hits.iter().map(|h| h.unit.clone()).collect::<Vec<_>>(), units, "units of {input:?}");
        }
        let indicators = strs(&e, "indicators");
        if !indicators.is_empty() {
            assert_eq!(hits.iter().map(|h| h.indicator.clone()).collect::<Vec<_>>(), indicators, "indicators of {input:?}");
        }
        let changes = strs(&e, "changes");
        if !changes.is_empty() {
            assert_eq!(hits.iter().map(|h| h.change.clone().unwrap_or_default()).collect::<Vec<_>>(), changes, "changes of {input:?}");
        }
    }
}

#[test]
fn reference_examples() {
    let g = Grammar::builtin();
    for e in sources().examples("references.toml") {
        let input = s(&e, "input").unwrap();
        let nums: Vec<String> = g.references.numbers(input).map(|(n, _, _)| n).collect();
        assert_eq!(nums, strs(&e, "numbers"), "numbers in {input:?}");
        if s(&e, "date").is_some() || s(&e, "issuer").is_some() || s(&e, "doc_type").is_some() {
            let doc = planparse::normalize::normalize(
                &planparse::ingest::text::blocks_from_text(input),
                planparse::ingest::Format::Txt,
                &g,
            );
            let refs = references::extract(&doc, &g.references, &g.doc_types, &[]);
            let r = &refs[0];
            if let Some(d) = s(&e, "date") {
                assert_eq!(r.date.as_deref(), Some(d), "date in {input:?}");
            }
            if let Some(i) = s(&e, "issuer") {
                assert_eq!(r.issuer.as_deref(), Some(i), "issuer in {input:?}");
            }
            if let Some(t) = s(&e, "doc_type") {
                assert_eq!(r.doc_type, t, "doc_type in {input:?}");
            }
        }
    }
}

#[test]
fn agency_examples() {
    let g = Grammar::builtin();
    for e in sources().examples("agencies.toml") {
        let input = s(&e, "input").unwrap();
        let (lead, support) = planparse::extract::tasks::roles_in_text(&g, input);
        assert_eq!(lead, strs(&e, "lead"), "lead in {input:?}");
        assert_eq!(support, strs(&e, "support"), "support in {input:?}");
        assert!(!tokenize(input).is_empty());
    }
}

#[test]
fn table_header_examples() {
    let g = Grammar::builtin();
    for e in sources().examples("tables.toml") {
        let cells = strs(&e, "input");
        let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
        let roles = g.tables.header_roles(&refs).unwrap_or_else(|| panic!("not a header: {cells:?}"));
        let names: Vec<String> = roles.iter().map(|r| r.map(|r| format!("{r:?}").to_lowercase()).unwrap_or_default()).collect();
        assert_eq!(names, strs(&e, "roles"));
    }
}

#[test]
fn header_examples() {
    let g = Grammar::builtin();
    for e in sources().examples("header.toml") {
        let input = s(&e, "input").unwrap();
        let doc = planparse::normalize::normalize(
            &planparse::ingest::text::blocks_from_text(&format!("{input}\nKẾ HOẠCH\nThử nghiệm")),
            planparse::ingest::Format::Txt,
            &g,
        );
        let seg = planparse::segment::segment(&doc, &g);
        let (meta, _) = planparse::extract::meta::extract(&doc, &seg, &g);
        if let Some(n) = s(&e, "number") {
            assert_eq!(meta.number.unwrap_or_default(), n, "number of {input:?}");
        }
        if let Some(sym) = s(&e, "symbol") {
            assert_eq!(meta.symbol.as_deref(), Some(sym), "symbol of {input:?}");
        }
        if let Some(d) = s(&e, "date") {
            assert_eq!(meta.date.as_deref(), Some(d), "date of {input:?}");
        }
        if let Some(p) = s(&e, "place") {
            assert_eq!(meta.place.as_deref(), Some(p), "place of {input:?}");
        }
    }
}

#[test]
fn layout_examples() {
    let g = Grammar::builtin();
    let ex = sources().examples("layout.toml");
    assert!(ex.len() >= 5);
    let flag = |e: &Value, k: &str| e.get(k).and_then(Value::as_bool);
    for e in ex {
        let input = s(&e, "input").unwrap();
        if let Some(n) = int(&e, "page_number") {
            assert_eq!(g.layout.page_number(input).map(i64::from), Some(n), "page number of {input:?}");
        }
        if let Some(m) = flag(&e, "marker_only") {
            assert_eq!(g.layout.is_marker_only(input), m, "marker of {input:?}");
        }
        if let Some(h) = flag(&e, "header_field") {
            assert_eq!(g.layout.is_header_field(input), h, "header field {input:?}");
        }
    }
}
