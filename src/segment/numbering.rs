//! The open levels of a numbering and the rules for what may come next.
//!
//! The document's own numbering carries the section node of each level; a
//! blank form reproduced inside the document has a numbering of its own,
//! followed with the same rules only to tell where the form ends.

use crate::grammar::sections::{roman_value, Marker, SectionGrammar, Sequence};
use std::collections::HashMap;

/// One open level: the marker key, the ordinal of its last item, and what
/// the caller keeps per level (`N`: the section node, or nothing).
pub struct Level<N> {
    key: String,
    ordinal: Option<u32>,
    /// The number a top-level marker carries though its style runs in no
    /// sequence ("PHỤ LỤC II": 2; "PHỤ LỤC": none).
    number: Option<u32>,
    bullet: bool,
    /// Whether the level's first item carried on the numbering of the
    /// previous parent's list ("5." right under "Điều 3" after "Điều 2"'s
    /// "1."-"4.") rather than starting at 1.
    carried: bool,
    node: N,
}

impl<N> Level<N> {
    pub fn node(&self) -> &N {
        &self.node
    }
}

/// Open levels, innermost last, and the last ordinal seen per key.
pub struct Numbering<N> {
    open: Vec<Level<N>>,
    /// For numbering that runs on across parents ("I. 1. 2. II. 3.").
    last_by_key: HashMap<String, u32>,
}

impl<N> Default for Numbering<N> {
    fn default() -> Self {
        Numbering { open: Vec::new(), last_by_key: HashMap::new() }
    }
}

impl<N> Numbering<N> {
    pub fn clear(&mut self) {
        self.open.clear();
        self.last_by_key.clear();
    }

    /// What the innermost open level keeps (its section node).
    pub fn innermost(&self) -> Option<&N> {
        self.open.last().map(|l| &l.node)
    }

    /// What the level around the innermost keeps (a new node's parent).
    pub fn enclosing(&self) -> Option<&N> {
        self.open.iter().rev().nth(1).map(|l| &l.node)
    }

    /// The innermost open level of this key.
    pub fn level(&self, key: &str) -> Option<&Level<N>> {
        self.open.iter().rev().find(|l| l.key == key)
    }

    /// The key of a numbered list restarted inside the item it follows
    /// ("1. Trình tự thực hiện", its steps, then "1. Chấp nhận cấp C/O ...",
    /// "2. ...", until "2. Cách thức thực hiện" goes on with the outer list):
    /// `Some` when `m` starts such a list or continues an open one.
    pub fn restart_key(&self, m: &Marker, sg: &SectionGrammar) -> Option<String> {
        // (Articles never restart: "Điều 1a" after "Điều 1" is inserted.)
        let style = &sg.styles[m.style];
        if style.sequence != Sequence::Arabic || style.top {
            return None;
        }
        let ord = sg.ordinal(m.style, &m.label)?;
        // (looked up without building the key: this runs on every "N." line)
        let nested = |key: &str| key.strip_suffix('\'').is_some_and(|k| k == m.key);
        if let Some(inner) = self.open.iter().rev().find(|l| nested(&l.key)) {
            let continues = inner.ordinal.is_some_and(|p| ord > p && ord <= p + 3);
            return continues.then(|| inner.key.clone());
        }
        // Only a "1." right under an open "1." (bullets between) restarts.
        let at = self.open.iter().rposition(|l| l.key == m.key)?;
        let restarts = ord == 1 && m.label == "1" && self.open[at].ordinal == Some(1) && self.open[at + 1..].iter().all(|l| l.bullet);
        restarts.then(|| format!("{}'", m.key))
    }

    /// Whether a marker repeats the number of the open item of its kind
    /// ("2." twice in a row, a slip of the document's numbering).
    pub fn repeats(&self, m: &Marker, sg: &SectionGrammar) -> bool {
        let open = self.level(&m.key).and_then(|o| o.ordinal);
        open.is_some_and(|prev| sg.ordinal(m.style, &m.label) == Some(prev))
    }

    /// Whether a numbered item repeats the number of the item just before
    /// it, which opened nothing under it ("3. Gửi ...", then "3. Báo cáo
    /// ..."): a slip of the document's numbering, not a wrapped line.
    pub fn repeats_last_item(&self, m: &Marker, sg: &SectionGrammar) -> bool {
        let style = &sg.styles[m.style];
        // (articles and bracketed points are cited or restarted too often
        // for a repeat to mean a slip)
        let item = style.sequence == Sequence::Arabic && !style.top && style.name != "bullet" && !is_top_key(&m.key);
        item && self.open.last().is_some_and(|l| l.key == m.key) && self.repeats(m, sg)
    }

    /// Whether a top-level marker is numbered next after the open one of
    /// its kind ("PHỤ LỤC II" after "PHỤ LỤC I"; not "Phụ lục I" under an
    /// unnumbered "PHỤ LỤC").
    pub fn numbered_next(&self, m: &Marker) -> bool {
        let open = self.level(&m.key).and_then(|o| o.number);
        open.zip(label_number(&m.label)).is_some_and(|(prev, n)| n == prev + 1)
    }

    /// Whether a marker continues the structure: the next sibling of an
    /// open level, or the first item of a new level.
    pub fn accepts(&self, m: &Marker, sg: &SectionGrammar, capital_heading: bool) -> bool {
        let style = &sg.styles[m.style];
        let Some(ord) = sg.ordinal(m.style, &m.label) else { return true };
        if let Some(open) = self.level(&m.key) {
            // Documents skip or repeat a number now and then ("4." then "6."):
            // allow small gaps forward, never going back.
            if let Some(prev) = open.ordinal {
                // "Điều 10a" after "Điều 10": an article inserted by an amendment.
                let inserted = ord == prev && style.sequence == Sequence::Arabic && m.label.ends_with(|c: char| c.is_ascii_alphabetic());
                // A Roman part numbered twice by mistake ("IV. KINH PHÍ", then
                // "IV. PHÂN CÔNG NHIỆM VỤ") is still a part when its heading is
                // set in capitals, as part headings are.
                let repeated_part = ord == prev && style.sequence == Sequence::Roman && capital_heading;
                // "2.1" after "1.3" at the same depth is a new run under a new parent.
                let new_decimal_run = ord == 1 && style.sequence == Sequence::Decimal && m.label.ends_with(".1");
                // "Điều 3. ... 5. Các cơ quan ... khác có liên quan. 1. Giao
                // ...": a last item of the previous article misplaced under
                // the next heading, whose own list then starts at 1.
                let starts_after_stray = ord == 1 && open.carried;
                // A long lettered template ("a) Trình tự thực hiện" ... "l) Căn
                // cứ pháp lý") repeated for a next procedure whose numbered
                // heading was lost: "a)" after a late letter starts it again.
                let repeated_template = ord == 1 && style.sequence == Sequence::LetterVi && prev >= 8;
                return ord > prev && ord <= prev + 3 || inserted || repeated_part || new_decimal_run || starts_after_stray || repeated_template;
            }
            return true;
        }
        if ord == 1 {
            return true;
        }
        if style.sequence == Sequence::Decimal {
            // "2.1" under "2.": the prefix must be the parent's label when the
            // parent is numbered, and the item the first of the new level.
            return false;
        }
        // The first Roman part of a document may not be I ("I. CĂN CỨ" lost in
        // conversion, or a body that starts at II): at the top, take it.
        if self.open.is_empty() && (style.sequence == Sequence::Roman || style.top) {
            return true;
        }
        self.last_by_key.get(&m.key).is_some_and(|&last| ord == last + 1)
    }

    /// Closes the levels an accepted marker ends, then opens its own.
    pub fn enter(&mut self, m: &Marker, sg: &SectionGrammar, node: N) {
        let style = &sg.styles[m.style];
        let ordinal = sg.ordinal(m.style, &m.label);
        let new_level = self.level(&m.key).is_none();
        if style.top {
            let rank = top_rank(&m.key);
            while self.open.last().is_some_and(|o| !(is_top_key(&o.key) && top_rank(&o.key) < rank)) {
                self.open.pop();
            }
        } else if let Some(pos) = self.open.iter().position(|o| o.key == m.key) {
            self.open.truncate(pos);
        } else if is_top_key(&m.key) {
            // "Điều 1." after a numbered list in the preamble ("1. Quyết
            // định số 29/2019/QĐ-TTg ...;", "2. ...") is not inside its last
            // item: an article or a "Mục" sits only under a part, a chapter
            // or an appendix.
            while self.open.last().is_some_and(|o| !is_top_key(&o.key)) {
                self.open.pop();
            }
        } else if style.name != "bullet" {
            // Bullets are the lowest level: a numbered item after a bullet
            // list ("- Các Bộ: ...;" recipients, then "1. ...") is not
            // inside the last bullet.
            while self.open.last().is_some_and(|o| o.bullet) {
                self.open.pop();
            }
        }
        let carried = new_level && !style.top && style.sequence == Sequence::Arabic && ordinal.is_some_and(|o| o > 1);
        if let Some(o) = ordinal {
            self.last_by_key.insert(m.key.clone(), o);
        }
        let number = ordinal.or_else(|| label_number(&m.label));
        self.open.push(Level { key: m.key.clone(), ordinal, number, bullet: style.name == "bullet", carried, node });
    }
}

/// "II" -> 2, "02" -> 2.
fn label_number(label: &str) -> Option<u32> {
    label.parse().ok().or_else(|| roman_value(label))
}

fn is_top_key(key: &str) -> bool {
    matches!(key, "part" | "chapter" | "muc" | "article" | "appendix")
}

/// Nesting of the top-level styles: an appendix may be divided into parts
/// ("PHỤ LỤC" over "PHẦN I. DANH MỤC ..."), a part holds chapters, a
/// chapter articles.
fn top_rank(key: &str) -> u8 {
    match key {
        "appendix" => 0,
        "part" => 1,
        "chapter" => 2,
        "muc" => 3,
        "article" => 4,
        _ => 5,
    }
}
