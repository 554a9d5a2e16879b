//! Word automatic numbering: numbering.xml definitions, counters, labels.
//!
//! Model (as Word renders it):
//! * a paragraph names a `w:num` (numId) and a level (ilvl, 0..8);
//! * a num points at an `w:abstractNum` holding the nine level definitions,
//!   and may override levels (`w:lvlOverride`: a whole `w:lvl`, and/or a
//!   `w:startOverride` that restarts the level the first time the num is used);
//! * counters live per abstractNum, so two nums sharing one definition
//!   continue one sequence; this is how Word's "continue list" works, while
//!   "restart at 1" creates a new num with a `w:startOverride`;
//! * advancing level L restarts the deeper levels (unless their
//!   `w:lvlRestart` says otherwise);
//! * the label is `w:lvlText` with `%1`..`%9` replaced by the counters of
//!   levels 1..9, each in its level's `w:numFmt` (all decimal under `w:isLgl`).

use std::collections::{HashMap, HashSet};

use quick_xml::events::{BytesStart, Event};

use super::Limits;
use super::styles::Styles;
use super::xml::{Path, Walker, XmlError, attr, name, on_off, val, val_int};
use crate::ingest::IngestError;

const LEVELS: usize = 9;
/// Longer level texts are cut: real ones are a few characters, and an
/// unbounded one would be copied into every numbered paragraph.
const MAX_LEVEL_TEXT: usize = 64;
/// Labels longer than this are cut (a hostile `%1%1%1...` in letters).
const MAX_LABEL: usize = 256;
/// Counters beyond this are shown in decimal: Roman numerals and repeated
/// letters grow with the value.
const MAX_FANCY_VALUE: i64 = 3999;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NumFmt {
    Decimal,
    DecimalZero,
    UpperRoman,
    LowerRoman,
    UpperLetter,
    LowerLetter,
    Bullet,
    None,
}

impl NumFmt {
    fn parse(s: &str) -> NumFmt {
        match s {
            "decimalZero" => NumFmt::DecimalZero,
            "upperRoman" => NumFmt::UpperRoman,
            "lowerRoman" => NumFmt::LowerRoman,
            "upperLetter" => NumFmt::UpperLetter,
            "lowerLetter" => NumFmt::LowerLetter,
            "bullet" => NumFmt::Bullet,
            "none" => NumFmt::None,
            // decimal, and every format we do not render (ordinal,
            // decimalEnclosedCircle, ideographs...) shown as its number.
            _ => NumFmt::Decimal,
        }
    }
}

/// What follows the label: Word's `w:suff` (tab is the default).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Suffix {
    Space,
    Nothing,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Level {
    start: i64,
    fmt: NumFmt,
    text: String,
    /// `w:lvlRestart`: 1-based level after which this one restarts; 0 = never.
    restart: Option<i64>,
    is_legal: bool,
    /// `w:pStyle`: the paragraph style tied to this level.
    pstyle: Option<String>,
    suffix: Suffix,
}

impl Default for Level {
    fn default() -> Self {
        Level {
            start: 1,
            fmt: NumFmt::Decimal,
            text: String::new(),
            restart: None,
            is_legal: false,
            pstyle: None,
            suffix: Suffix::Space,
        }
    }
}

impl Level {
    /// Apply one child element of `w:lvl`.
    fn set_from(&mut self, e: &BytesStart<'_>) {
        match name(e) {
            "w:start" => self.start = val_int(e).unwrap_or(1),
            "w:numFmt" => self.fmt = NumFmt::parse(&val(e).unwrap_or_default()),
            "w:lvlText" => self.text = val(e).unwrap_or_default().chars().take(MAX_LEVEL_TEXT).collect(),
            "w:lvlRestart" => self.restart = val_int(e),
            "w:isLgl" => self.is_legal = on_off(e),
            "w:pStyle" => self.pstyle = val(e),
            "w:suff" => {
                self.suffix = if val(e).as_deref() == Some("nothing") { Suffix::Nothing } else { Suffix::Space }
            }
            _ => {}
        }
    }
}

#[derive(Debug, Clone, Default)]
struct AbstractNum {
    levels: [Option<Level>; LEVELS],
    /// `w:numStyleLink`: the levels live in the abstractNum that this
    /// numbering style points at.
    style_link: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct LevelOverride {
    start: Option<i64>,
    level: Option<Level>,
}

#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: i64,
    overrides: [Option<LevelOverride>; LEVELS],
}

/// The parsed numbering part.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    abstracts: HashMap<i64, AbstractNum>,
    nums: HashMap<i64, Num>,
}

/// Counter state for one pass over the document.
#[derive(Debug, Default)]
pub(super) struct Counters {
    /// Last value shown per abstractNum and level; `None` = not started.
    values: HashMap<i64, [Option<i64>; LEVELS]>,
    /// Nums whose start overrides have been applied.
    started: HashSet<i64>,
}

/// A rendered label and what Word puts between it and the text.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Label {
    pub text: String,
    pub suffix: Suffix,
}

/// Where the element being read sits: inside which definition and level.
#[derive(Default)]
struct ParseState {
    abstract_num: Option<(i64, AbstractNum)>,
    num: Option<(i64, Num)>,
    level: Option<(usize, Level)>,
    override_level: Option<usize>,
}

impl Numbering {
    pub(super) fn parse(xml: &str, limits: Limits, warnings: &mut Vec<String>) -> Result<Numbering, IngestError> {
        let mut out = Numbering::default();
        let mut st = ParseState::default();
        let mut path = Path::default();
        let mut walker = Walker::new(xml, limits);
        loop {
            let (e, empty) = match walker.next() {
                Ok(Event::Start(e)) => (e, false),
                Ok(Event::Empty(e)) => (e, true),
                Ok(Event::End(_)) => {
                    out.close(&mut path, &mut st);
                    continue;
                }
                Ok(Event::Eof) => break,
                Ok(_) => continue,
                Err(XmlError::Limit(e)) => return Err(e),
                Err(XmlError::Syntax { at, why }) => {
                    warnings.push(format!("numbering.xml is damaged at byte {at} ({why}); later lists ignored"));
                    break;
                }
            };
            if matches!(name(&e), "w:pPr" | "w:rPr" | "w:numPicBullet") && !empty {
                // Indents, fonts and picture bullets do not change the label text.
                if let Err(XmlError::Limit(err)) = walker.skip(&e) {
                    return Err(err);
                }
                continue;
            }
            let tag = out.open(&e, &path, &mut st);
            path.push(tag);
            if empty {
                out.close(&mut path, &mut st);
            }
        }
        Ok(out)
    }

    /// Handle an opening (or empty) element; returns its path tag.
    fn open(&mut self, e: &BytesStart<'_>, path: &Path, st: &mut ParseState) -> &'static str {
        match name(e) {
            "w:abstractNum" => {
                let id = attr(e, "abstractNumId").and_then(|v| v.trim().parse().ok()).unwrap_or(-1);
                st.abstract_num = Some((id, AbstractNum::default()));
                "abstractNum"
            }
            "w:num" => {
                let id = attr(e, "numId").and_then(|v| v.trim().parse().ok()).unwrap_or(-1);
                st.num = Some((id, Num::default()));
                "num"
            }
            "w:lvlOverride" => {
                st.override_level = level_index(e);
                "lvlOverride"
            }
            "w:lvl" => {
                if let Some(i) = level_index(e) {
                    st.level = Some((i, Level::default()));
                }
                "lvl"
            }
            "w:abstractNumId" if path.ends_with(&["num"]) => {
                if let Some((_, num)) = st.num.as_mut() {
                    num.abstract_id = val_int(e).unwrap_or(-1);
                }
                ""
            }
            "w:startOverride" if path.ends_with(&["num", "lvlOverride"]) => {
                if let (Some((_, num)), Some(i)) = (st.num.as_mut(), st.override_level) {
                    num.overrides[i].get_or_insert_with(Default::default).start = val_int(e);
                }
                ""
            }
            "w:numStyleLink" if path.ends_with(&["abstractNum"]) => {
                if let Some((_, a)) = st.abstract_num.as_mut() {
                    a.style_link = val(e);
                }
                ""
            }
            _ => {
                if path.ends_with(&["lvl"])
                    && let Some((_, level)) = st.level.as_mut()
                {
                    level.set_from(e);
                }
                ""
            }
        }
    }

    /// Handle the end of the innermost open element.
    fn close(&mut self, path: &mut Path, st: &mut ParseState) {
        if path.ends_with(&["abstractNum", "lvl"]) {
            if let (Some((_, a)), Some((i, level))) = (st.abstract_num.as_mut(), st.level.take()) {
                a.levels[i] = Some(level);
            }
        } else if path.ends_with(&["num", "lvlOverride", "lvl"]) {
            if let (Some((_, num)), Some((_, level)), Some(i)) = (st.num.as_mut(), st.level.take(), st.override_level) {
                num.overrides[i].get_or_insert_with(Default::default).level = Some(level);
            }
        } else if path.ends_with(&["abstractNum"]) {
            if let Some((id, a)) = st.abstract_num.take() {
                self.abstracts.insert(id, a);
            }
        } else if path.ends_with(&["num"]) {
            if let Some((id, num)) = st.num.take() {
                self.nums.insert(id, num);
            }
        } else if path.ends_with(&["lvlOverride"]) {
            st.override_level = None;
        }
        path.pop();
    }

    /// Replace the levels of abstractNums that only link to a numbering
    /// style (`w:numStyleLink`) by the levels of the list that style uses.
    pub(super) fn link_styles(&mut self, styles: &Styles) {
        let linked: Vec<(i64, AbstractNum)> = self
            .abstracts
            .iter()
            .filter_map(|(&id, a)| {
                let style = styles.numbering_style(a.style_link.as_deref()?)?;
                let target = self.nums.get(&style.num.num_id?)?;
                let levels = &self.abstracts.get(&target.abstract_id)?.levels;
                Some((id, AbstractNum { levels: levels.clone(), style_link: None }))
            })
            .collect();
        self.abstracts.extend(linked);
    }

    /// The level of `num_id` tied to paragraph style `style_id`, if any.
    pub(super) fn level_for_style(&self, num_id: i64, style_id: &str) -> Option<i64> {
        let num = self.nums.get(&num_id)?;
        let a = self.abstracts.get(&num.abstract_id)?;
        a.levels.iter().position(|l| l.as_ref().and_then(|l| l.pstyle.as_deref()) == Some(style_id)).map(|i| i as i64)
    }

    /// The definition of level `ilvl` as num `num_id` sees it.
    fn level<'s>(&'s self, num: &'s Num, ilvl: usize) -> Option<&'s Level> {
        if let Some(level) = num.overrides[ilvl].as_ref().and_then(|o| o.level.as_ref()) {
            return Some(level);
        }
        self.abstracts.get(&num.abstract_id)?.levels[ilvl].as_ref()
    }

    fn start_value(&self, num: &Num, ilvl: usize) -> i64 {
        num.overrides[ilvl]
            .as_ref()
            .and_then(|o| o.start)
            .or_else(|| self.level(num, ilvl).map(|l| l.start))
            .unwrap_or(1)
    }

    /// Advance the counters for one numbered paragraph and render its label.
    /// `None` for an unknown num or level (Word shows nothing then either).
    pub(super) fn next_label(&self, counters: &mut Counters, num_id: i64, ilvl: i64) -> Option<Label> {
        let num = self.nums.get(&num_id)?;
        let ilvl = usize::try_from(ilvl).ok().filter(|&i| i < LEVELS)?;
        let level = self.level(num, ilvl)?;
        let values = counters.values.entry(num.abstract_id).or_insert([None; LEVELS]);
        if counters.started.insert(num_id) {
            apply_start_overrides(num, values);
        }
        values[ilvl] = Some(match values[ilvl] {
            Some(v) => v.saturating_add(1),
            None => self.start_value(num, ilvl),
        });
        self.restart_deeper(num, values, ilvl);
        let shown: Vec<i64> = (0..LEVELS).map(|i| values[i].unwrap_or_else(|| self.start_value(num, i))).collect();
        let text = self.render(num, level, ilvl, &shown);
        Some(Label { text, suffix: level.suffix })
    }

    fn restart_deeper(&self, num: &Num, values: &mut [Option<i64>; LEVELS], advanced: usize) {
        for (deeper, value) in values.iter_mut().enumerate().skip(advanced + 1) {
            let restart_after = self.level(num, deeper).and_then(|l| l.restart);
            let restarts = match restart_after {
                None => true,
                Some(r) => (advanced as i64) < r,
            };
            if restarts {
                *value = None;
            }
        }
    }

    /// Expand `%1`..`%9` in the level text.
    fn render(&self, num: &Num, level: &Level, ilvl: usize, values: &[i64]) -> String {
        match level.fmt {
            NumFmt::None => return String::new(),
            NumFmt::Bullet => return bullet_text(&level.text),
            _ => {}
        }
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            let digit = chars.peek().and_then(|d| d.to_digit(10)).filter(|d| (1..=9).contains(d));
            match (c, digit) {
                ('%', Some(d)) => {
                    chars.next();
                    let k = d as usize - 1;
                    if k <= ilvl {
                        let fmt = self.level(num, k).map_or(NumFmt::Decimal, |l| l.fmt);
                        let fmt = if level.is_legal { NumFmt::Decimal } else { fmt };
                        out.push_str(&format_value(values[k], fmt));
                    }
                }
                _ => out.push(c),
            }
            if out.len() > MAX_LABEL {
                break;
            }
        }
        out
    }
}

fn level_index(e: &BytesStart<'_>) -> Option<usize> {
    attr(e, "ilvl").and_then(|v| v.trim().parse::<usize>().ok()).filter(|&i| i < LEVELS)
}

/// The first use of a num restarts the levels it overrides.
fn apply_start_overrides(num: &Num, values: &mut [Option<i64>; LEVELS]) {
    for (value, o) in values.iter_mut().zip(&num.overrides) {
        if o.as_ref().is_some_and(|o| o.start.is_some() || o.level.is_some()) {
            *value = None;
        }
    }
}

/// Bullets as plain text: the dash and plus that Vietnamese documents type
/// by hand stay; glyphs from symbol fonts (private-use code points such as
/// U+F0B7) and other pictures become "-".
fn bullet_text(level_text: &str) -> String {
    match level_text.trim() {
        s @ ("-" | "+" | "•" | "–") => s.to_string(),
        _ => "-".to_string(),
    }
}

/// One counter value in a number format.
pub(super) fn format_value(n: i64, fmt: NumFmt) -> String {
    let fancy = (1..=MAX_FANCY_VALUE).contains(&n);
    match fmt {
        NumFmt::DecimalZero if (0..10).contains(&n) => format!("0{n}"),
        NumFmt::UpperRoman if fancy => roman(n),
        NumFmt::LowerRoman if fancy => roman(n).to_lowercase(),
        NumFmt::UpperLetter if fancy => letters(n).to_uppercase(),
        NumFmt::LowerLetter if fancy => letters(n),
        NumFmt::None => String::new(),
        _ => n.to_string(),
    }
}

/// Word's letter numbering: a..z, then aa..zz, aaa... (the letter repeated,
/// not base 26). Word uses the Latin alphabet even in Vietnamese documents,
/// although typed Vietnamese lists skip f j w z and put đ after d.
fn letters(n: i64) -> String {
    let i = (n - 1) as usize;
    let letter = (b'a' + (i % 26) as u8) as char;
    std::iter::repeat_n(letter, i / 26 + 1).collect()
}

fn roman(mut n: i64) -> String {
    const TABLE: [(i64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(format_value(4, NumFmt::UpperRoman), "IV");
        assert_eq!(format_value(1994, NumFmt::LowerRoman), "mcmxciv");
        assert_eq!(format_value(1, NumFmt::LowerLetter), "a");
        assert_eq!(format_value(5, NumFmt::LowerLetter), "e", "Word shows Latin letters, not a b c d đ");
        assert_eq!(format_value(27, NumFmt::LowerLetter), "aa");
        assert_eq!(format_value(28, NumFmt::UpperLetter), "BB");
        assert_eq!(format_value(7, NumFmt::DecimalZero), "07");
        assert_eq!(format_value(12, NumFmt::DecimalZero), "12");
        assert_eq!(format_value(0, NumFmt::UpperRoman), "0");
        assert_eq!(format_value(i64::MAX, NumFmt::UpperLetter), i64::MAX.to_string());
        assert_eq!(bullet_text("\u{F0B7}"), "-");
        assert_eq!(bullet_text("+"), "+");
        assert_eq!(bullet_text("o"), "-");
    }
}
