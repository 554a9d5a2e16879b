//! Section markers: recognising "I.", "1.", "1.1.", "a)", "Điều 1.", "-" at
//! the start of a line, and knowing which marker may follow which.
//!
//! It lives with the grammars, not in `segment`, because `normalize` needs it
//! first: a flattened page body is cut into paragraphs at its markers before
//! any section tree exists.

use regex::Regex;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct RawSections {
    style: Vec<RawStyle>,
    letters_vi: String,
    implementation_headings: Vec<String>,
    #[serde(default)]
    directive_documents: Vec<String>,
    #[serde(default)]
    directive_titles: Vec<String>,
    #[serde(default)]
    procedure_field_headings: Vec<String>,
    #[serde(default)]
    assessment_headings: Vec<String>,
    #[serde(default)]
    article_citers: Vec<String>,
    #[serde(default)]
    amending_headings: Vec<String>,
}

#[derive(Deserialize)]
struct RawStyle {
    name: String,
    key: String,
    pattern: String,
    #[serde(default)]
    path_prefix: String,
    sequence: Sequence,
    #[serde(default)]
    top: bool,
    /// Items of this style are parts titled in a few words ("IV. Tổ chức
    /// thực hiện."), full stop or not; `top` styles are too.
    #[serde(default)]
    short_titles: bool,
    #[serde(default)]
    after: After,
    #[serde(default)]
    needs_label_unless_upper: bool,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub enum Sequence {
    Roman,
    Arabic,
    LetterVi,
    LetterUpper,
    Decimal,
    None,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug, Default)]
#[serde(rename_all = "snake_case")]
enum After {
    Letter,
    Alnum,
    /// Anything but a word in lower case: "Điều 2 như sau" is a citation
    /// a line break left at the start of a line.
    NotLower,
    #[default]
    Any,
}

pub struct Style {
    pub name: String,
    /// Which first bytes a marker of this style can have (see [`first_bytes`]).
    first_bytes: [bool; 256],
    key: String,
    re: Regex,
    pub path_prefix: String,
    pub sequence: Sequence,
    pub top: bool,
    pub short_titles: bool,
    after: After,
    needs_label_unless_upper: bool,
}

pub struct SectionGrammar {
    pub styles: Vec<Style>,
    letters_vi: Vec<char>,
    pub implementation_headings: Vec<String>,
    /// Document types whose whole body assigns work (a telegram).
    pub directive_documents: Vec<String>,
    /// Title words of other documents whose whole body assigns work
    /// ("Thông báo kết luận ..."), lowercase.
    pub directive_titles: Vec<String>,
    /// Fields of a published administrative procedure that list who
    /// handles it ("Cơ quan giải quyết:"), lowercase.
    pub procedure_field_headings: Vec<String>,
    /// Headings over an assessment of a change's impact, lowercase: what
    /// agencies did before and do after, not work they are given.
    pub assessment_headings: Vec<String>,
    /// Words after which "Điều N" cites an article rather than opens one.
    pub article_citers: Vec<String>,
    /// Opening words of an appendix's heading that say it amends another
    /// document ("SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐỊNH MỨC ..."), lowercase.
    pub amending_headings: Vec<String>,
}

/// A marker found at the start of a line.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    pub style: usize,
    /// As written, e.g. "2.3." or "a)".
    pub raw: String,
    /// The value used in paths, e.g. "2.3" or "a"; empty for unlabelled appendices.
    pub label: String,
    /// Nesting key: markers with equal keys are siblings.
    pub key: String,
    /// Byte length of the marker including the spaces after it.
    pub len: usize,
}

/// The bytes a match of `pattern`, anchored at the start of a line, can
/// begin with. Every line is tried against every style; most lines open
/// with a byte that rules a style out before its regex runs. Read off the
/// start state of a lazy DFA, so it is exact for any pattern; when that
/// DFA cannot be built, every byte is allowed (the regex then decides).
fn first_bytes(pattern: &str) -> [bool; 256] {
    use regex_automata::hybrid::dfa::DFA;
    use regex_automata::{Anchored, Input};
    let mut all = [true; 256];
    let Ok(dfa) = DFA::new(pattern) else { return all };
    let mut cache = dfa.create_cache();
    let Ok(start) = dfa.start_state_forward(&mut cache, &Input::new("").anchored(Anchored::Yes)) else { return all };
    for (b, slot) in all.iter_mut().enumerate() {
        // A dead state means no match can begin with this byte; an error
        // or a quit state leaves the byte allowed.
        if let Ok(next) = dfa.next_state(&mut cache, start, b as u8) {
            *slot = !next.is_dead();
        }
    }
    all
}

impl SectionGrammar {
    pub fn compile(raw: RawSections) -> Result<Self, regex::Error> {
        let styles = raw
            .style
            .into_iter()
            .map(|s| {
                Ok(Style {
                    first_bytes: first_bytes(&s.pattern),
                    re: Regex::new(&s.pattern)?,
                    name: s.name,
                    key: s.key,
                    path_prefix: s.path_prefix,
                    sequence: s.sequence,
                    top: s.top,
                    short_titles: s.top || s.short_titles,
                    after: s.after,
                    needs_label_unless_upper: s.needs_label_unless_upper,
                })
            })
            .collect::<Result<Vec<_>, regex::Error>>()?;
        Ok(SectionGrammar {
            styles,
            letters_vi: raw.letters_vi.chars().collect(),
            implementation_headings: raw.implementation_headings,
            directive_documents: raw.directive_documents,
            directive_titles: super::lowered(&raw.directive_titles),
            procedure_field_headings: super::lowered(&raw.procedure_field_headings),
            assessment_headings: super::lowered(&raw.assessment_headings),
            article_citers: raw.article_citers,
            amending_headings: super::lowered(&raw.amending_headings),
        })
    }

    /// The marker at the start of `line`, if its shape is one of the styles.
    /// Whether it really opens a section depends on its neighbours (see
    /// [`SectionGrammar::ordinal`] and the segmenter).
    pub fn match_marker(&self, line: &str) -> Option<Marker> {
        let first = line.as_bytes().first().map(|&b| usize::from(b));
        for (i, st) in self.styles.iter().enumerate() {
            if first.is_some_and(|b| !st.first_bytes[b]) {
                continue;
            }
            // Most lines fail here, where a failed match costs no capture slots.
            if !st.re.is_match(line) {
                continue;
            }
            let Some(caps) = st.re.captures(line) else { continue };
            let whole = caps.get(0)?;
            let label = caps.name("label").map(|m| m.as_str().to_string()).unwrap_or_default();
            let rest = &line[whole.end()..];
            if !after_ok(st.after, rest) {
                continue;
            }
            if st.needs_label_unless_upper && label.is_empty() && !is_upper_line(&line[..whole.end()]) {
                continue;
            }
            if st.sequence == Sequence::Roman && roman_value(&label).is_none() {
                continue;
            }
            let label = if st.name == "bullet" { normalise_bullet(&label) } else { label };
            // (a placeholder is filled only where the key has it: most keys
            // have none, and no key has both)
            let mut key = st.key.clone();
            if key.contains("{depth}") {
                key = key.replace("{depth}", &label.split('.').count().to_string());
            }
            if key.contains("{label}") {
                key = key.replace("{label}", &label);
            }
            return Some(Marker {
                style: i,
                raw: whole.as_str().trim_end().to_string(),
                label,
                key,
                len: whole.end(),
            });
        }
        None
    }

    /// The name of the style whose marker opens `line` ("appendix", "bullet").
    pub fn marker_style(&self, line: &str) -> Option<&str> {
        self.match_marker(line).map(|m| self.styles[m.style].name.as_str())
    }

    pub fn starts_with_marker(&self, line: &str) -> bool {
        self.match_marker(line).is_some()
    }

    /// The position of a label in its sequence (I -> 1, c -> 3, 2.3 -> 3),
    /// or None for unordered styles.
    pub fn ordinal(&self, style: usize, label: &str) -> Option<u32> {
        match self.styles[style].sequence {
            Sequence::Roman => roman_value(label),
            Sequence::Arabic => label.trim_end_matches(|c: char| c.is_ascii_alphabetic()).parse().ok(),
            Sequence::Decimal => label.rsplit('.').next()?.parse().ok(),
            Sequence::LetterVi => {
                let c = label.chars().next()?;
                self.letters_vi.iter().position(|&l| l == c).map(|p| p as u32 + 1)
            }
            Sequence::LetterUpper => {
                let c = label.chars().next()?.to_lowercase().next()?;
                self.letters_vi.iter().position(|&l| l == c).map(|p| p as u32 + 1)
            }
            Sequence::None => None,
        }
    }
}

fn after_ok(after: After, rest: &str) -> bool {
    let Some(c) = rest.chars().next() else { return matches!(after, After::Any | After::Letter | After::NotLower) };
    match after {
        After::Any => true,
        After::NotLower => !c.is_lowercase(),
        After::Letter => c.is_alphabetic() || matches!(c, '"' | '“' | '(' | '[' | '\'' | '‘'),
        After::Alnum => c.is_alphanumeric() || matches!(c, '"' | '“' | '(' | '[' | '\'' | '‘'),
    }
}

pub fn is_upper_line(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

/// Different dash characters mark the same bullet level in practice.
fn normalise_bullet(label: &str) -> String {
    match label {
        "–" | "—" => "-".to_string(),
        "·" => "•".to_string(),
        other => other.to_string(),
    }
}

pub fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    let val = |c| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        _ => None,
    };
    let digits: Vec<u32> = s.chars().map(val).collect::<Option<_>>()?;
    let mut total = 0;
    for (i, d) in digits.iter().enumerate() {
        if digits.get(i + 1).is_some_and(|n| n > d) {
            total -= *d as i64;
        } else {
            total += *d as i64;
        }
    }
    // Reject non-canonical spellings ("IIII", "VV") that are more likely words.
    let v = u32::try_from(total).ok().filter(|v| *v > 0)?;
    (to_roman(v) == s).then_some(v)
}

fn to_roman(mut n: u32) -> String {
    const T: [(u32, &str); 9] =
        [(100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
    let mut s = String::new();
    for (v, r) in T {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_values() {
        assert_eq!(roman_value("IV"), Some(4));
        assert_eq!(roman_value("XIV"), Some(14));
        assert_eq!(roman_value("IIII"), None);
        assert_eq!(roman_value("VX"), None);
    }

    #[test]
    fn the_first_byte_filter_never_hides_a_marker() {
        let g = crate::grammar::Grammar::builtin();
        let tails = ["", ". Mục tiêu", ") Nội dung", " 1. Quy định", "HẦN I", "HƯƠNG II", "iều 5. Hiệu lực", ".2. Giải pháp", " ", "I. ", ") "];
        let heads = (0u32..0x300).chain(0x1E00..0x1F00).chain([0x2013, 0x2022, 0x00B7]).filter_map(char::from_u32);
        let mut matched = 0;
        for c in heads {
            for tail in tails {
                let line = format!("{c}{tail}");
                for st in &g.sections.styles {
                    if st.re.is_match(&line) {
                        matched += 1;
                        assert!(st.first_bytes[usize::from(line.as_bytes()[0])], "style {} hides {line:?}", st.name);
                    }
                }
            }
        }
        assert!(matched > 100, "the probe lines should exercise the styles ({matched})");
        // and the filter does rule styles out: a paragraph opening with "K" is no decimal item
        let decimal = g.sections.styles.iter().find(|s| s.name == "decimal").map(|s| s.first_bytes[usize::from(b'K')]);
        assert_eq!(decimal, Some(false));
    }
}
