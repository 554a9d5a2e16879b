//! The words the PDF readers rebuild paragraphs with (`grammars/layout.toml`):
//! page-number lines, bare list markers, item starts and header fields.

use regex::Regex;
use serde::Deserialize;
use std::sync::{Arc, LazyLock};

#[derive(Deserialize)]
pub struct RawLayout {
    page_words: Vec<String>,
    page_of_words: Vec<String>,
    marker_words: Vec<String>,
    item_words: Vec<String>,
    header_field_patterns: Vec<String>,
    #[serde(default)]
    table_titles: Vec<String>,
}

#[derive(Debug)]
pub struct LayoutGrammar {
    page_number: Regex,
    marker_only: Regex,
    item_start: Regex,
    titled_marker: Regex,
    header_fields: Vec<Regex>,
    /// Words in capitals that open a title cell over a table ("PHỤ LỤC").
    table_titles: Vec<String>,
    /// Words no sentence ends on ("tại", "của"), lower-cased: normalize.toml's
    /// `wrap_joiners`, one list for every reader.
    joiners: Vec<String>,
}

fn alternatives(words: &[String]) -> String {
    let mut words: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
    // Longest first, so "Phụ lục" is not cut to a shorter entry.
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words.join("|")
}

impl LayoutGrammar {
    pub fn compile(raw: RawLayout, joiners: &[String]) -> Result<Self, regex::Error> {
        let page = alternatives(&raw.page_words);
        let of = alternatives(&raw.page_of_words);
        let markers = alternatives(&raw.marker_words);
        let items = alternatives(&raw.item_words);
        Ok(LayoutGrammar {
            page_number: Regex::new(&format!(
                r"^[-–—\s]*(?:(?:{page})\s*)?(\d{{1,4}})\s*(?:(?:/|{of})\s*\d{{1,4}})?[-–—\s]*$"
            ))?,
            marker_only: Regex::new(&format!(
                r"^(?:[IVXLC]{{1,6}}[.)]|\d{{1,3}}(?:\.\d{{1,3}})*[.)]|[a-zđA-Z][.)]|[-+•*–—]|(?:{markers})\s+[\dIVXLC]+[.:]?)$"
            ))?,
            item_start: Regex::new(&format!(
                r"^(?:[IVXLC]{{1,6}}\.|\d{{1,3}}(?:\.\d{{1,3}})*[.)]|[a-zđ][.)]|[-+•*–—]|(?:{items})\s+[\dIVXLC]+\b)(?:\s|$)"
            ))?,
            titled_marker: Regex::new(&format!(r"^(?:{markers})\s+[\dIVXLC]+[.:]\s+\S"))?,
            header_fields: raw.header_field_patterns.iter().map(|p| Regex::new(p)).collect::<Result<_, _>>()?,
            table_titles: raw.table_titles,
            joiners: joiners.to_vec(),
        })
    }

    /// The embedded defaults, for callers that have no loaded grammar (the
    /// default ingest options, unit tests).
    pub fn builtin() -> Arc<LayoutGrammar> {
        static BUILTIN: LazyLock<Arc<LayoutGrammar>> = LazyLock::new(|| match super::Grammar::load(None) {
            Ok(g) => g.layout,
            Err(e) => unreachable!("embedded grammar is invalid: {e}"),
        });
        BUILTIN.clone()
    }

    /// The number printed by a page-number line ("3", "- 3 -", "Trang 3",
    /// "3/12"), or None when the line is anything else.
    pub fn page_number(&self, line: &str) -> Option<u32> {
        let caps = self.page_number.captures(line.trim())?;
        caps.get(1)?.as_str().parse().ok()
    }

    /// Whether a text is nothing but a list number or bullet ("1.", "1.1.",
    /// "a)", "II.", "-", "Điều 5.").
    pub fn is_marker_only(&self, text: &str) -> bool {
        self.marker_only.is_match(text.trim())
    }

    /// Whether a line ends on a word no sentence ends on ("... quy định tại").
    pub fn ends_on_joiner(&self, line: &str) -> bool {
        super::ends_on_word(line, &self.joiners)
    }

    /// Whether a line starts like a new list item or article.
    pub fn starts_item(&self, line: &str) -> bool {
        self.item_start.is_match(line.trim_start())
    }

    /// Whether a line is an article or chapter marker with its title after
    /// it ("Điều 17. Trách nhiệm của ...").
    pub fn starts_titled_marker(&self, line: &str) -> bool {
        self.titled_marker.is_match(line.trim_start())
    }

    /// Whether a cell is the title of the table below it ("PHỤ LỤC II
    /// DANH MỤC ...").
    pub fn is_table_title(&self, cell: &str) -> bool {
        let cell = cell.trim_start();
        self.table_titles.iter().any(|w| cell.strip_prefix(w.as_str()).is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\n'])))
    }

    /// The header's "Số: ..." and "<place>, ngày ... năm ..." lines.
    pub fn is_header_field(&self, line: &str) -> bool {
        let t = line.trim();
        self.header_fields.iter().any(|re| re.is_match(t))
    }
}
