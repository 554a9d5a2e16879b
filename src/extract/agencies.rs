//! Agency names and who-does-what phrases ("X chủ trì, phối hợp với Y").
//!
//! Text is compared word by word on fold keys (case and tone placement
//! ignored), so "Uỷ ban" in a clause matches "Ủy ban" in the lexicon while
//! the output keeps the spelling of the document.

use crate::normalize::vietnamese::fold_key;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct RawAgencies {
    heads: Vec<String>,
    known: Vec<String>,
    name_stops: Vec<String>,
    strip_prefixes: Vec<String>,
    lead_phrases: Vec<String>,
    support_phrases: Vec<String>,
    assign_prefixes: Vec<String>,
    labels: RawLabels,
}

#[derive(Deserialize)]
struct RawLabels {
    lead: Vec<String>,
    support: Vec<String>,
    deadline: Vec<String>,
    task: Vec<String>,
    product: Vec<String>,
}

/// A phrase as a sequence of word keys.
type Phrase = Vec<String>;

pub struct AgencyGrammar {
    heads: Vec<Phrase>,
    known: Vec<Phrase>,
    stops: Vec<Phrase>,
    strip_prefixes: Vec<Phrase>,
    lead_phrases: Vec<Phrase>,
    support_phrases: Vec<Phrase>,
    assign_prefixes: Vec<Phrase>,
    pub labels: Labels,
}

/// Field labels ("Đơn vị chủ trì:"), by role.
pub struct Labels {
    pub lead: Vec<Phrase>,
    pub support: Vec<Phrase>,
    pub deadline: Vec<Phrase>,
    pub task: Vec<Phrase>,
    pub product: Vec<Phrase>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelRole {
    Lead,
    Support,
    Deadline,
    Task,
    Product,
}

/// A word of a clause with its byte range in that clause.
#[derive(Debug, Clone)]
pub struct Tok<'a> {
    pub text: &'a str,
    pub key: String,
    pub start: usize,
    pub end: usize,
}

/// An agency found in text, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub name: String,
    pub start: usize,
    pub end: usize,
}

fn phrases(list: &[String]) -> Vec<Phrase> {
    let mut v: Vec<Phrase> = list.iter().map(|s| tokenize(s).into_iter().map(|t| t.key).collect()).collect();
    v.retain(|p: &Phrase| !p.is_empty());
    v.sort_by_key(|p| std::cmp::Reverse(p.len()));
    v
}

impl AgencyGrammar {
    pub fn compile(raw: RawAgencies) -> Result<Self, regex::Error> {
        Ok(AgencyGrammar {
            heads: phrases(&raw.heads),
            known: phrases(&raw.known),
            stops: phrases(&raw.name_stops),
            strip_prefixes: phrases(&raw.strip_prefixes),
            lead_phrases: phrases(&raw.lead_phrases),
            support_phrases: phrases(&raw.support_phrases),
            assign_prefixes: phrases(&raw.assign_prefixes),
            labels: Labels {
                lead: phrases(&raw.labels.lead),
                support: phrases(&raw.labels.support),
                deadline: phrases(&raw.labels.deadline),
                task: phrases(&raw.labels.task),
                product: phrases(&raw.labels.product),
            },
        })
    }

    /// Agencies listed at the start of `toks[i..]`, and the index after them.
    pub fn parse_list(&self, toks: &[Tok], mut i: usize, text: &str) -> (Vec<Found>, usize) {
        let mut out = Vec::new();
        if let Some(n) = starts_any(toks, i, &self.strip_prefixes) {
            i += n;
        }
        loop {
            let Some((end, found)) = self.parse_one(toks, i, text) else { break };
            out.push(found);
            i = end;
            // Continue only over a separator followed by another agency.
            let mut j = i;
            while j < toks.len() && is_separator(&toks[j].key) {
                j += 1;
            }
            if j == i || self.parse_one(toks, j, text).is_none() {
                break;
            }
            i = j;
        }
        (out, i)
    }

    fn parse_one(&self, toks: &[Tok], i: usize, text: &str) -> Option<(usize, Found)> {
        let mut j = i;
        if let Some(n) = starts_any(toks, i, &self.known) {
            j += n;
        } else if let Some(n) = starts_any(toks, i, &self.heads) {
            j += n;
            // A head alone ("Sở") is not a name; its name follows.
            while j < toks.len() && j - i < 14 && !self.ends_name(toks, j) {
                j += 1;
            }
        } else {
            return None;
        }
        // Qualifiers after a known name: "UBND các xã, thị trấn" + "trên địa bàn"? no;
        // "Văn phòng HĐND và UBND" + "huyện": capitalised or administrative words.
        while j < toks.len() && j - i < 16 && !self.ends_name(toks, j) && is_qualifier(&toks[j]) {
            j += 1;
        }
        if j == i {
            return None;
        }
        let (s, e) = (toks[i].start, toks[j - 1].end);
        let name = text[s..e].trim_end_matches(['.', ':']).trim().to_string();
        (!name.is_empty()).then(|| (j, Found { name, start: s, end: e }))
    }

    fn ends_name(&self, toks: &[Tok], j: usize) -> bool {
        let k = &toks[j].key;
        is_separator(k) || k == "(" || k == ")" || k == ":" || k == "." || starts_any(toks, j, &self.stops).is_some()
    }

    pub fn starts_agency(&self, toks: &[Tok], i: usize) -> bool {
        let i = i + starts_any(toks, i, &self.strip_prefixes).unwrap_or(0);
        starts_any(toks, i, &self.known).is_some() || starts_any(toks, i, &self.heads).is_some()
    }

    pub fn find_lead_phrase(&self, toks: &[Tok], from: usize) -> Option<(usize, usize)> {
        find_any(toks, from, &self.lead_phrases)
    }

    pub fn find_support_phrase(&self, toks: &[Tok], from: usize) -> Option<(usize, usize)> {
        find_any(toks, from, &self.support_phrases)
    }

    pub fn assign_prefix_len(&self, toks: &[Tok], i: usize) -> Option<usize> {
        starts_any(toks, i, &self.assign_prefixes)
    }

    /// The role of a "Label:" at the start of `toks`, and where its value starts.
    pub fn label_at(&self, toks: &[Tok]) -> Option<(LabelRole, usize)> {
        let l = &self.labels;
        let roles = [
            (LabelRole::Lead, &l.lead),
            (LabelRole::Support, &l.support),
            (LabelRole::Deadline, &l.deadline),
            (LabelRole::Task, &l.task),
            (LabelRole::Product, &l.product),
        ];
        let mut best: Option<(LabelRole, usize)> = None;
        for (role, list) in roles {
            if let Some(n) = starts_any(toks, 0, list) {
                if toks.get(n).is_some_and(|t| t.key == ":") && best.is_none_or(|(_, b)| n + 1 > b) {
                    best = Some((role, n + 1));
                }
            }
        }
        best
    }
}

fn is_separator(k: &str) -> bool {
    matches!(k, "," | ";" | "và" | "với" | "cùng")
}

/// Words that may extend a known name: capitalised words (place names),
/// administrative levels, and the words tying them together.
fn is_qualifier(t: &Tok) -> bool {
    let first = t.text.chars().next().unwrap_or(' ');
    first.is_uppercase()
        || matches!(
            t.key.as_str(),
            "tỉnh" | "huyện" | "thành" | "phố" | "thị" | "xã" | "trấn" | "quận" | "phường" | "cấp" | "các" | "thuộc" | "trực" | "-" | "&" | "nhà" | "nước" | "liên" | "quan" | "có"
        )
}

fn starts_any(toks: &[Tok], i: usize, list: &[Phrase]) -> Option<usize> {
    list.iter().find(|p| starts_with(toks, i, p)).map(|p| p.len())
}

fn starts_with(toks: &[Tok], i: usize, p: &Phrase) -> bool {
    i + p.len() <= toks.len() && p.iter().zip(&toks[i..]).all(|(w, t)| *w == t.key)
}

/// First occurrence at or after `from`: (index, length).
pub fn find_any(toks: &[Tok], from: usize, list: &[Phrase]) -> Option<(usize, usize)> {
    (from..toks.len()).find_map(|i| starts_any(toks, i, list).map(|n| (i, n)))
}

/// Words and punctuation of a clause, each with a fold key.
pub fn tokenize(text: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    fn push<'t>(out: &mut Vec<Tok<'t>>, text: &'t str, s: usize, e: usize) {
        if e > s {
            let w = &text[s..e];
            out.push(Tok { text: w, key: fold_key(w), start: s, end: e });
        }
    }
    for (i, c) in text.char_indices() {
        let punct = matches!(c, ',' | ';' | ':' | '(' | ')' | '“' | '”' | '"');
        if c.is_whitespace() || punct {
            if let Some(s) = start.take() {
                push(&mut out, text, s, i);
            }
            if punct {
                push(&mut out, text, i, i + c.len_utf8());
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        // A sentence-final full stop is not part of the last word.
        let e = if text.ends_with('.') && text.len() - 1 > s { text.len() - 1 } else { text.len() };
        push(&mut out, text, s, e);
    }
    out
}
