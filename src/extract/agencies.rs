//! Agency names and who-does-what phrases ("X chủ trì, phối hợp với Y").
//!
//! Text is compared word by word on fold keys (case and tone placement
//! ignored), so "Uỷ ban" in a clause matches "Ủy ban" in the lexicon while
//! the output keeps the spelling of the document.

use crate::normalize::vietnamese::{fold_key, fold_key_cow};
use std::borrow::Cow;
use std::cell::OnceCell;
use serde::Deserialize;

/// How far into a sentence an opening phrase may run before its subject:
/// a letter's "Để việc đề xuất ... của các bộ, ngành, địa phương được triển
/// khai thống nhất ..., trên cơ sở ... nêu trên, đề nghị ..." takes 60 tokens.
const ADVERBIAL_TOKENS: usize = 80;

#[derive(Deserialize)]
pub struct RawAgencies {
    heads: Vec<String>,
    #[serde(default)]
    partner_heads: Vec<String>,
    known: Vec<String>,
    name_stops: Vec<String>,
    #[serde(default)]
    glued_bullet_duties: Vec<String>,
    strip_prefixes: Vec<String>,
    lead_phrases: Vec<String>,
    #[serde(default)]
    accountability_phrases: Vec<String>,
    support_phrases: Vec<String>,
    assign_prefixes: Vec<String>,
    #[serde(default)]
    request_prefixes: Vec<String>,
    list_continuations: Vec<String>,
    duty_heading_prefixes: Vec<String>,
    #[serde(default)]
    bare_duty_heading_prefixes: Vec<String>,
    incomplete_heads: Vec<String>,
    #[serde(default)]
    not_names: Vec<String>,
    separators: Vec<String>,
    #[serde(default)]
    category_heads: Vec<String>,
    #[serde(default)]
    public_heads: Vec<String>,
    #[serde(default)]
    lead_phrase_heads: Vec<String>,
    #[serde(default)]
    adverbial_openers: Vec<String>,
    #[serde(default)]
    clause_joiners: Vec<String>,
    #[serde(default)]
    scope_phrases: Vec<String>,
    #[serde(default)]
    directive_adverbs: Vec<String>,
    #[serde(default)]
    topic_openers: Vec<String>,
    #[serde(default)]
    rule_duty_prefixes: Vec<String>,
    #[serde(default)]
    boilerplate: Vec<String>,
    #[serde(default)]
    closing_formulas: Vec<String>,
    #[serde(default)]
    bare_duties: Vec<String>,
    #[serde(default)]
    failure_answers: Vec<String>,
    #[serde(default)]
    failure_conditions: Vec<String>,
    #[serde(default)]
    case_intros: Vec<String>,
    #[serde(default)]
    direction_intros: Vec<String>,
    #[serde(default)]
    direction_givers: Vec<String>,
    #[serde(default)]
    repealed_notes: Vec<String>,
    #[serde(default)]
    generic_determiners: Vec<String>,
    #[serde(default)]
    generic_extensions: Vec<String>,
    #[serde(default)]
    narrative_words: Vec<String>,
    name_joiners: Vec<String>,
    name_continuations: Vec<String>,
    #[serde(default)]
    place_ranges: Vec<[String; 2]>,
    qualifier_words: Vec<String>,
    labels: RawLabels,
}

impl RawAgencies {
    /// The labels of a deadline field ("Thời gian thực hiện").
    pub fn deadline_labels(&self) -> &[String] {
        &self.labels.deadline
    }
}

#[derive(Deserialize)]
struct RawLabels {
    lead: Vec<String>,
    support: Vec<String>,
    deadline: Vec<String>,
    task: Vec<String>,
    product: Vec<String>,
}

/// A phrase as a sequence of word keys; `cap` when the lexicon writes it
/// with a capital, so it only matches a capitalised word.
#[derive(Debug, Clone)]
pub struct Phrase {
    words: Vec<String>,
    cap: bool,
}

impl Phrase {
    fn len(&self) -> usize {
        self.words.len()
    }
}

/// A phrase list, longest first, indexed by first word: a lexicon holds
/// hundreds of names and is asked about every token of every clause.
pub struct Phrases {
    list: Vec<Phrase>,
    /// Positions in `list` of the phrases starting with a word, in list order.
    by_first: std::collections::HashMap<String, Vec<u32>>,
}

impl Phrases {
    fn new(list: Vec<Phrase>) -> Self {
        let mut by_first: std::collections::HashMap<String, Vec<u32>> = std::collections::HashMap::new();
        for (k, p) in list.iter().enumerate() {
            by_first.entry(p.words[0].clone()).or_default().push(k as u32);
        }
        Phrases { list, by_first }
    }
}

pub struct AgencyGrammar {
    heads: Phrases,
    /// Heads that are also verbs ("Tổ chức"): a name only when a lead
    /// phrase follows ("Tổ chức kiểm định có trách nhiệm ...").
    lead_phrase_heads: Phrases,
    /// Partners named by their kind ("doanh nghiệp", "các lực lượng"):
    /// names only in a support list, since as a clause's subject they are
    /// the public or a topic, not an office given work.
    partner_heads: Phrases,
    known: Phrases,
    stops: Phrases,
    /// Duties that open a bullet glued onto a name after " - "; fields
    /// such as "Văn hóa - Thông tin" are not among them.
    glued_bullet_duties: Phrases,
    strip_prefixes: Phrases,
    lead_phrases: Phrases,
    /// "chịu trách nhiệm về ..." answers for something already done; the
    /// same words followed by a verb ("chịu trách nhiệm chủ trì") lead.
    accountability_phrases: Phrases,
    support_phrases: Phrases,
    assign_prefixes: Phrases,
    /// The assignments that ask rather than hand a duty on ("Yêu cầu").
    request_prefixes: Phrases,
    /// The requests written with a capital ("Đề nghị", "Giao"), as written,
    /// in one automaton: every sentence is searched for them.
    capital_requests: Option<aho_corasick::AhoCorasick>,
    list_continuations: Phrases,
    duty_heading_prefixes: Phrases,
    bare_duty_heading_prefixes: Phrases,
    /// The section grammar's implementation headings, as phrases.
    implementation_headings: Phrases,
    incomplete_heads: Vec<Vec<String>>,
    not_names: Phrases,
    /// Folded words that separate agencies in a list (",", "và").
    separators: Vec<String>,
    /// Folded words that may join the parts of one name ("và").
    name_joiners: Vec<String>,
    /// Phrases that continue a name although they start with a stop word ("có liên quan").
    name_continuations: Phrases,
    /// Opening and closing words of a range of places in a name ("từ" …
    /// "đến"), as phrases.
    place_ranges: Vec<(Phrase, Phrase)>,
    /// Folded lower-case words that may extend a name (administrative levels).
    qualifier_words: Phrases,
    /// Administrative units whose place name ends an agency's name ("Thuế
    /// thành phố Huế" + "đối chiếu").
    place_units: Phrases,
    category_heads: Phrases,
    public_heads: Phrases,
    adverbial_openers: Phrases,
    /// Folded words that end an opening phrase as a comma does ("..., nên
    /// đề nghị Công ty ..."): an assignment may begin after one.
    clause_joiners: Vec<String>,
    /// "X, trong phạm vi nhiệm vụ, quyền hạn của mình, giám sát ...": the
    /// scope set between an agency and its duty, after a comma.
    scope_phrases: Phrases,
    directive_adverbs: Phrases,
    /// The same adverbs as written, to skip sentences without one.
    directive_words: Vec<String>,
    topic_openers: Phrases,
    rule_duty_prefixes: Phrases,
    /// Folded keys of formulas that name agencies without assigning work.
    boilerplate: Vec<String>,
    closing_formulas: Vec<String>,
    /// Folded words that assign no duty of their own (`bare_duties`).
    bare_duties: Vec<String>,
    /// Folded: a sentence holding one of `failure_answers` and one of
    /// `failure_conditions` says who answers for a failure.
    failure_answers: Vec<String>,
    failure_conditions: Vec<String>,
    /// Folded endings of a lead-in whose points are cases (`case_intros`).
    case_intros: Vec<String>,
    /// Folded endings of a lead-in to a leader's directions (`direction_intros`).
    direction_intros: Vec<String>,
    /// Leaders whose opinion is a direction (`direction_givers`), folded,
    /// so "Phó thủ tướng" and "Phó Thủ Tướng" count too.
    direction_givers: Vec<String>,
    repealed_notes: Vec<String>,
    generic_determiners: Phrases,
    generic_extensions: Phrases,
    /// Folded words that tell what an agency did or is doing ("đã", "đang"):
    /// an account, not an assignment.
    narrative_words: Vec<String>,
    /// Finds, in normalised text, any spelling of a phrase that assigns work
    /// ("chủ trì", "phối hợp với", "giao"): a sentence without one cannot
    /// be an inline task outside the implementation section.
    assignment_cues: Option<aho_corasick::AhoCorasick>,
    pub labels: Labels,
}

/// Field labels ("Đơn vị chủ trì:"), by role.
pub struct Labels {
    pub lead: Phrases,
    pub support: Phrases,
    pub deadline: Phrases,
    pub task: Phrases,
    pub product: Phrases,
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
    /// The fold key, made on first use: most readers stop after a line's
    /// first words, so most tokens of a long line are never compared.
    /// Borrowed from the text when the word is its own key.
    key: OnceCell<Cow<'a, str>>,
    pub start: usize,
    pub end: usize,
}

impl<'a> Tok<'a> {
    /// The word's fold key (see [`fold_key_cow`]).
    pub fn key(&self) -> &str {
        self.key.get_or_init(|| fold_key_cow(self.text))
    }

    fn into_key(self) -> String {
        let text = self.text;
        self.key.into_inner().unwrap_or_else(|| fold_key_cow(text)).into_owned()
    }
}

/// The most tokens of an aside in parentheses inside a list of agencies.
const ASIDE_TOKENS: usize = 16;

/// The most words one member of a colon list can have ("Nông nghiệp và
/// Phát triển nông thôn" is known whole and not counted; "Tập đoàn: Công
/// nghiệp - Năng lượng Quốc gia Việt Nam" has nine).
const MEMBER_WORDS: usize = 10;

/// The most words a list of kinds of bodies after a described name can
/// have ("Người đứng đầu cơ sở giáo dục đại học, cao đẳng, ..., trường chính
/// trị của tỉnh, thành phố trực thuộc Trung ương" has about fifty).
const DESCRIBED_LIST_WORDS: usize = 64;

/// The most tokens of a name read from its head on: the longest title in
/// use, "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung
/// ương", has fifteen with its comma.
const NAME_TOKENS: usize = 15;

/// The most words of an aside inside a name (see `aside_before_qualifier`).
const ASIDE_WORDS: usize = 8;

/// The most lower-case syllables between a name and its label's colon.
const LABEL_TAIL_WORDS: usize = 8;
const MIN_LABEL_TAIL_WORDS: usize = 3;

/// An agency found in text, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub name: String,
    pub start: usize,
    pub end: usize,
}

impl Found {
    /// Stretches the name to `end`, re-reading it from the text it was found
    /// in, when a later reading shows the name goes on past its first end.
    pub fn extend_to(&mut self, end: usize, text: &str) {
        if let Some(name) = text.get(self.start..end) {
            self.end = end;
            self.name = name.to_string();
        }
    }
}

/// A matcher for the folded words of every phrase in `lists` (punctuation
/// dropped, so "(cơ quan chủ trì)" is found as "cơ quan chủ trì").
fn cue_finder(lists: &[&[String]]) -> Option<aho_corasick::AhoCorasick> {
    let keys: Vec<String> = lists
        .iter()
        .flat_map(|l| l.iter())
        .map(|s| tokenize(s).into_iter().map(|t| t.into_key()).filter(|k| k.chars().any(char::is_alphanumeric)).collect::<Vec<_>>().join(" "))
        .filter(|k| !k.is_empty())
        .collect();
    // Searched in the text as written, so no sentence has to be folded.
    let spellings: Vec<String> = keys.iter().flat_map(|k| crate::normalize::vietnamese::spellings(k)).collect();
    // A build failure only costs speed: without the matcher every sentence is read.
    aho_corasick::AhoCorasick::new(spellings).ok()
}

fn phrases(list: &[String]) -> Phrases {
    Phrases::new(phrase_list(list))
}

fn one_phrase(s: &String) -> Option<Phrase> {
    phrase_list(std::slice::from_ref(s)).pop()
}

fn phrase_list(list: &[String]) -> Vec<Phrase> {
    let mut v: Vec<Phrase> = list
        .iter()
        .map(|s| Phrase {
            words: tokenize(s).into_iter().map(|t| t.into_key()).collect(),
            cap: s.chars().next().is_some_and(char::is_uppercase),
        })
        .collect();
    v.retain(|p| !p.words.is_empty());
    v.sort_by_key(|p| std::cmp::Reverse(p.len()));
    v
}

impl AgencyGrammar {
    /// `place_units`: administrative units ("tỉnh", "thành phố"), whose
    /// place name ends an agency's name. `implementation_headings`: the
    /// section grammar's, which may run into the agency after them.
    pub fn compile(raw: RawAgencies, place_units: &[String], implementation_headings: &[String]) -> Result<Self, regex::Error> {
        Ok(AgencyGrammar {
            implementation_headings: phrases(implementation_headings),
            heads: phrases(&raw.heads),
            lead_phrase_heads: phrases(&raw.lead_phrase_heads),
            partner_heads: phrases(&raw.partner_heads),
            // Full names are unambiguous in any case ("phòng Văn hóa và Thông tin").
            known: any_case_phrases(&raw.known),
            stops: phrases(&raw.name_stops),
            glued_bullet_duties: phrases(&raw.glued_bullet_duties),
            strip_prefixes: phrases(&raw.strip_prefixes),
            lead_phrases: phrases(&raw.lead_phrases),
            accountability_phrases: phrases(&raw.accountability_phrases),
            support_phrases: phrases(&raw.support_phrases),
            assign_prefixes: phrases(&raw.assign_prefixes),
            request_prefixes: phrases(&raw.request_prefixes),
            capital_requests: {
                let capital: Vec<&String> = raw.assign_prefixes.iter().filter(|p| p.starts_with(char::is_uppercase)).collect();
                // A build error (a user grammar past the automaton's limits)
                // is reported like a bad regex rather than disabling the rule.
                if capital.is_empty() {
                    None
                } else {
                    Some(aho_corasick::AhoCorasick::new(capital).map_err(|e| regex::Error::Syntax(e.to_string()))?)
                }
            },
            list_continuations: phrases(&raw.list_continuations),
            duty_heading_prefixes: phrases(&raw.duty_heading_prefixes),
            bare_duty_heading_prefixes: phrases(&raw.bare_duty_heading_prefixes),
            incomplete_heads: phrase_list(&raw.incomplete_heads).into_iter().map(|p| p.words).collect(),
            not_names: any_case_phrases(&raw.not_names),
            separators: folded_keys(&raw.separators),
            name_joiners: folded_keys(&raw.name_joiners),
            name_continuations: any_case_phrases(&raw.name_continuations),
            place_ranges: raw
                .place_ranges
                .iter()
                .filter_map(|[from, to]| Some((one_phrase(from)?, one_phrase(to)?)))
                .collect(),
            qualifier_words: any_case_phrases(&raw.qualifier_words),
            place_units: phrases(place_units),
            category_heads: any_case_phrases(&raw.category_heads),
            public_heads: any_case_phrases(&raw.public_heads),
            adverbial_openers: any_case_phrases(&raw.adverbial_openers),
            clause_joiners: folded_keys(&raw.clause_joiners),
            scope_phrases: any_case_phrases(&raw.scope_phrases),
            directive_adverbs: phrases(&raw.directive_adverbs),
            directive_words: raw.directive_adverbs.clone(),
            topic_openers: phrases(&raw.topic_openers),
            rule_duty_prefixes: any_case_phrases(&raw.rule_duty_prefixes),
            boilerplate: folded_keys(&raw.boilerplate),
            closing_formulas: folded_keys(&raw.closing_formulas),
            bare_duties: folded_keys(&raw.bare_duties),
            failure_answers: folded_keys(&raw.failure_answers),
            failure_conditions: folded_keys(&raw.failure_conditions),
            case_intros: folded_keys(&raw.case_intros),
            direction_intros: folded_keys(&raw.direction_intros),
            direction_givers: folded_keys(&raw.direction_givers),
            repealed_notes: folded_keys(&raw.repealed_notes),
            generic_determiners: any_case_phrases(&raw.generic_determiners),
            generic_extensions: any_case_phrases(&raw.generic_extensions),
            narrative_words: folded_keys(&raw.narrative_words),
            assignment_cues: cue_finder(&[&raw.lead_phrases, &raw.support_phrases, &raw.assign_prefixes, &raw.directive_adverbs]),
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
    pub fn parse_list(&self, toks: &[Tok], i: usize, text: &str) -> (Vec<Found>, usize) {
        let (out, end, _) = self.parse_list_marked(toks, i, text, false);
        (out, end)
    }

    /// [`Self::parse_list`] after a support phrase ("phối hợp với"), where
    /// partners named by their kind (grammar `partner_heads`) count too.
    pub fn parse_support_list(&self, toks: &[Tok], i: usize, text: &str) -> (Vec<Found>, usize) {
        let (out, end, _) = self.parse_list_marked(toks, i, text, true);
        (out, end)
    }

    /// Whether `toks` open with a list of agencies in which a plural head
    /// names its members after a colon ("Các Bộ, cơ quan: Tài chính, Xây
    /// dựng ...", "Các Bộ và các Tập đoàn: ..."): a form that names who is
    /// to act, as "Giao" does.
    pub fn opens_with_colon_list(&self, toks: &[Tok], text: &str) -> bool {
        self.parse_list_marked(toks, 0, text, false).2
    }

    /// [`Self::parse_list`], and whether a colon list was among the agencies.
    fn parse_list_marked(&self, toks: &[Tok], mut i: usize, text: &str, partners: bool) -> (Vec<Found>, usize, bool) {
        let mut out = Vec::new();
        let mut listed = false;
        if let Some(n) = starts_any(toks, i, &self.strip_prefixes) {
            i += n;
            // "Đề nghị: Hiệp hội Doanh nghiệp tỉnh, ..."
            if toks.get(i).is_some_and(|t| t.key() == ":") {
                i += 1;
            }
        }
        while let Some((end, found)) = self.parse_one(toks, i, text, partners) {
            let start = i;
            i = end;
            match self.colon_members(toks, &found.name, i, text) {
                Some((members, after)) => {
                    out.extend(members);
                    i = after;
                    listed = true;
                }
                // "phối hợp với các đơn vị: Văn phòng UBND tỉnh, ...": a
                // group alone before a colon only announces the agencies.
                None if self.is_group_alone(toks, start, i) && toks.get(i).is_some_and(|t| t.key() == ":") && self.parse_one(toks, i + 1, text, partners).is_some() => {
                    i += 1;
                    continue;
                }
                None => out.push(found),
            }
            // "Sở Y tế (cơ quan thường trực), Sở Nội vụ": an aside between
            // two agencies of the list.
            if let Some(close) = self.aside_in_list(toks, i) {
                i = close;
            }
            // Continue only over a separator followed by another agency.
            let mut j = i;
            while j < toks.len() && self.is_separator(toks[j].key()) {
                j += 1;
            }
            // A fused cell ("Công an tỉnh Các sở, ban, ngành") has no separator.
            let fused = j == i && j < toks.len() && self.starts_capital_group(toks, j);
            if j == i && !fused || self.parse_one(toks, j, text, partners).is_none() {
                break;
            }
            i = j;
        }
        (out, i, listed)
    }

    /// Whether words that only look like an agency ("trường hợp", "báo
    /// cáo") stand anywhere in `toks`.
    pub fn holds_not_name(&self, toks: &[Tok]) -> bool {
        find_any(toks, 0, &self.not_names).is_some()
    }

    /// "Đề nghị Công ty nghiên cứu ...": after a request, a head alone that
    /// a verb follows names the one addressed (a letter's "Công ty"), though
    /// as a name in a list it would name nobody. The head and its length in
    /// tokens.
    pub fn addressed_head(&self, toks: &[Tok], i: usize, text: &str) -> Option<(Found, usize)> {
        let n = starts_any(toks, i, &self.heads)?;
        let next = toks.get(i + n)?;
        if !next.text.starts_with(char::is_lowercase) || starts_any(toks, i, &self.not_names).is_some() {
            return None;
        }
        let (start, end) = (toks[i].start, toks[i + n - 1].end);
        Some((Found { name: text[start..end].to_string(), start, end }, n))
    }

    fn parse_one(&self, toks: &[Tok], i: usize, text: &str, partners: bool) -> Option<(usize, Found)> {
        let mut j = i;
        // "Phòng chống dịch", "Báo cáo kết quả": a head word in another sense.
        if starts_any(toks, i, &self.not_names).is_some() {
            return None;
        }
        if let Some(n) = starts_any(toks, i, &self.known) {
            j += n;
        } else if let Some(n) = starts_any(toks, i, &self.heads)
            .or_else(|| self.determined_head_len(toks, i))
            .or_else(|| partners.then(|| starts_any(toks, i, &self.partner_heads)).flatten())
        {
            j += n;
            // A generic head alone ("Cơ quan ban hành") names nobody.
            let alone = j >= toks.len() || self.ends_name(toks, j) && self.list_continuation(toks, j).is_none();
            let words: Vec<String> = toks[i..j].iter().map(|t| t.key().to_string()).collect();
            if alone && self.incomplete_heads.contains(&words) {
                return None;
            }
            // A head alone ("Sở") is not a name; its name follows.
            while j < toks.len() && j - i < NAME_TOKENS {
                if breaks_line(toks, j, text) {
                    break;
                }
                // "Các cơ quan trực thuộc Bộ Văn hóa, Thể thao và Du lịch":
                // a known name inside this one keeps its commas and "và".
                // ("UBND các phường xã Các sở, ban, ngành", two table cells
                // run together, are two groups: a determiner opens the second.)
                let nested = starts_any(toks, j, &self.generic_determiners).is_none().then(|| starts_any(toks, j, &self.known)).flatten();
                if let Some(n) = nested.or_else(|| self.place_range_len(toks, j)).or_else(|| self.list_continuation(toks, j)).or_else(|| self.and_continuation(toks, j)) {
                    j += n;
                } else if self.ends_name(toks, j) || self.starts_capital_group(toks, j) {
                    break;
                } else {
                    j += 1;
                }
            }
        } else {
            return None;
        }
        // Qualifiers after a known name: "UBND các xã, thị trấn" + "trên địa bàn"? no;
        // "Văn phòng HĐND và UBND" + "huyện": capitalised or administrative words.
        // A long known name ("các tổ chức chính trị - xã hội, xã hội, xã hội -
        // nghề nghiệp") still takes its "cấp tỉnh".
        // (an aside's words do not count against a name's length)
        let mut qualifiers_from = j;
        let mut aside = 0;
        while j < toks.len() && (j - aside - i < 16 || j - qualifiers_from < 4) {
            if breaks_line(toks, j, text) {
                break;
            }
            if let Some(n) = self.place_range_len(toks, j).or_else(|| self.list_continuation(toks, j)) {
                j += n;
            } else if let Some(n) = starts_any(toks, j, &self.name_continuations) {
                // "các sở, ban, ngành" + "có liên quan"
                j += n;
            } else if let Some(n) = self.aside_before_qualifier(toks, j, text) {
                j += n;
                aside += n;
                qualifiers_from += n;
            } else if self.ends_name(toks, j) || self.starts_capital_group(toks, j) {
                break;
            } else if let Some(n) = self.qualifier_len(toks, j) {
                j += n;
            } else {
                break;
            }
        }
        if j == i {
            return None;
        }
        // "Các cơ quan được giao chủ trì nhiệm vụ tại Phụ lục": a group is
        // named by the duty it was given.
        if starts_any(toks, i, &self.generic_determiners).is_some()
            && let Some(n) = starts_any(toks, j, &self.generic_extensions) {
                j += n;
            }
        let (s, e) = (toks[i].start, toks[j - 1].end);
        let name = text[s..e].trim_end_matches(['.', ':']).trim().to_string();
        (!name.is_empty()).then_some((j, Found { name, start: s, end: e }))
    }

    /// "các Sở: Xây dựng, Tài chính, Nội vụ", "Bộ trưởng các Bộ: Quốc
    /// phòng, Công an": a plural name whose members follow the colon at
    /// `colon`. Each member becomes a name of its own ("Sở Xây dựng",
    /// "Bộ trưởng Bộ Công an"), spanning the member's words; returns them
    /// and the index after the list, or None when no list follows.
    pub fn colon_members(&self, toks: &[Tok], name: &str, colon: usize, text: &str) -> Option<(Vec<Found>, usize)> {
        // "Các Bộ, cơ quan: Tài chính, ...": a second plural head before the colon.
        let colon = match toks.get(colon)?.key() {
            ":" => colon,
            "," => {
                let n = starts_any(toks, colon + 1, &self.heads)?;
                (toks.get(colon + 1 + n)?.key() == ":").then_some(colon + 1 + n)?
            }
            _ => return None,
        };
        let (prefix, head) = self.without_determiner(name)?;
        let head_words = tokenize(head).len();
        let capital = |k: usize| toks.get(k).is_some_and(|t| t.text.chars().next().is_some_and(char::is_uppercase));
        // A member is a proper name, not another agency ("..., Y tế, Chủ
        // tịch UBND các tỉnh", "..., Tập đoàn Điện lực Việt Nam": a head
        // with a name of its own). "Công an" alone is a member.
        let named_head = |k: usize| starts_any(toks, k, &self.heads).is_some_and(|n| capital(k + n));
        let member_at = |k: usize| capital(k) && starts_any(toks, k, &self.known).is_none() && !self.starts_incomplete_head(toks, k) && !named_head(k);
        let mut out = Vec::new();
        let mut k = colon + 1;
        while member_at(k) {
            let start = k;
            // A known name may hold commas and "và" ("Bộ: Văn hóa, Thể thao và Du lịch").
            let whole = format!("{head} {}", &text[toks[start].start..]);
            let known = starts_any(&tokenize(&whole), 0, &self.known).filter(|&n| n > head_words);
            k = match known {
                Some(n) => start + n - head_words,
                None => {
                    let mut e = start + 1;
                    while e < toks.len() && e - start < MEMBER_WORDS && !self.ends_name(toks, e) {
                        e += 1;
                    }
                    e
                }
            };
            let (s, e) = (toks[start].start, toks[k - 1].end);
            out.push(Found { name: format!("{prefix} {}", &text[s..e]), start: s, end: e });
            // Another member follows a separator.
            if k < toks.len() && self.is_separator(toks[k].key()) && member_at(k + 1) {
                k += 1;
            } else {
                break;
            }
        }
        // A lone member spelt like a duty opens the duty instead ("Các sở:
        // Căn cứ chức năng, nhiệm vụ ..."); a list of them names offices
        // ("các Sở: Xây dựng, Tài chính, Nội vụ").
        let lone_duty = out.len() == 1 && starts_any(toks, colon + 1, &self.stops).is_some();
        (!out.is_empty() && !lone_duty).then_some((out, k))
    }

    /// Whether `toks[k..]` opens with a head that needs a name after it ("Chủ tịch", "Sở").
    fn starts_incomplete_head(&self, toks: &[Tok], k: usize) -> bool {
        starts_any(toks, k, &self.heads).is_some_and(|n| {
            let words: Vec<String> = toks[k..k + n].iter().map(|t| t.key().to_string()).collect();
            self.incomplete_heads.contains(&words)
        })
    }

    /// "Bộ trưởng các Bộ" -> ("Bộ trưởng Bộ", "Bộ"), "các Sở" -> ("Sở",
    /// "Sở"): the name without its plural determiner, and the head after
    /// it. None unless the name ends in a determiner and a head alone.
    fn without_determiner<'n>(&self, name: &'n str) -> Option<(String, &'n str)> {
        let toks = tokenize(name);
        let at = (0..toks.len()).rev().find(|&k| starts_any(&toks, k, &self.generic_determiners).is_some())?;
        let det = starts_any(&toks, at, &self.generic_determiners)?;
        (starts_any(&toks, at + det, &self.heads)? == toks.len() - at - det).then_some(())?;
        let head = &name[toks[at + det].start..];
        Some((format!("{}{head}", &name[..toks[at].start]), head))
    }

    /// ", phường" in "UBND các xã, phường": the comma and the word after it.
    fn list_continuation(&self, toks: &[Tok], j: usize) -> Option<usize> {
        if toks[j].key() != "," {
            return None;
        }
        let n = starts_any(toks, j + 1, &self.list_continuations)?;
        // "..., Ban Quản lý dự án" starts a new agency: only lower-case words continue.
        let lower = toks[j + 1].text.chars().next().is_some_and(char::is_lowercase);
        // "Các Bộ, cơ quan: Tài chính, ...": a second plural head whose
        // members the colon lists is read with them (`colon_members`).
        let heads_members = toks.get(j + 1 + n).is_some_and(|t| t.key() == ":") && starts_any(toks, j + 1, &self.heads) == Some(n);
        (lower && !heads_members).then_some(n + 1)
    }

    /// "và" inside a name ("Hội Khoa học và Kỹ thuật", "khu công nghệ cao
    /// và khu công nghiệp"): continue when what follows is neither another
    /// agency nor a duty.
    fn and_continuation(&self, toks: &[Tok], j: usize) -> Option<usize> {
        if !self.is_name_joiner(toks[j].key()) || j + 1 >= toks.len() {
            return None;
        }
        let next = j + 1;
        let capital = toks[next].text.chars().next().is_some_and(char::is_uppercase);
        // "các Tập đoàn" after "và" is a second group, not part of this name.
        let determined_head = starts_any(toks, next, &self.generic_determiners).is_some_and(|d| starts_any(toks, next + d, &self.heads).is_some());
        let starts_other = starts_any(toks, next, &self.known).is_some()
            || starts_any(toks, next, &self.heads).is_some()
            || determined_head
            || !capital && starts_any(toks, next, &self.stops).is_some()
            || self.is_separator(toks[next].key())
            || matches!(toks[next].key(), "(" | ")" | ":" | ".");
        (!starts_other).then_some(1)
    }

    /// "Trách nhiệm của X" / "Nhiệm vụ của X": the length of the prefix.
    /// "Trách nhiệm các cơ quan, đơn vị" drops the "của": without it the
    /// prefix heads duties only when a name follows, since "Trách nhiệm thi
    /// hành" or "Trách nhiệm dân sự" names a topic.
    pub fn duty_prefix_len(&self, toks: &[Tok]) -> Option<usize> {
        starts_any(toks, 0, &self.duty_heading_prefixes).or_else(|| {
            let n = starts_any(toks, 0, &self.bare_duty_heading_prefixes)?;
            self.opens_name(toks, n).then_some(n)
        })
    }

    fn ends_name(&self, toks: &[Tok], j: usize) -> bool {
        let k = toks[j].key();
        // Duties are verbs in lower case; a capitalised word ("Ban Chỉ đạo")
        // is part of a name even when it spells a verb.
        let capital = toks[j].text.chars().next().is_some_and(char::is_uppercase);
        // "các đơn vị có liên quan" keeps its "có".
        if starts_any(toks, j, &self.name_continuations).is_some() {
            return false;
        }
        // "1. Bộ Khoa học và Công nghệ - Làm đầu mối ...": a bullet whose
        // line break was lost opens with a duty even in capitals.
        self.glued_bullet_at(toks, j) || self.is_separator(k) || k == "(" || k == ")" || k == ":" || k == "." || !capital && (starts_any(toks, j, &self.stops).is_some() || self.follows_place(toks, j) || self.asks_agency(toks, j))
    }

    /// Whether `toks[j]` is a dash opening a duty: a bullet glued onto the
    /// line before it when the line break was lost.
    pub fn glued_bullet_at(&self, toks: &[Tok], j: usize) -> bool {
        toks.get(j).is_some_and(|t| t.key() == "-") && starts_any(toks, j + 1, &self.glued_bullet_duties).is_some()
    }

    /// "UBND Thành phố giao Sở Xây dựng chủ trì ...": a request ends the
    /// name of the one asking when an agency follows it. ("Bộ Ngoại giao",
    /// "Ban An toàn giao thông" go on: no agency follows their "giao".)
    fn asks_agency(&self, toks: &[Tok], j: usize) -> bool {
        starts_any(toks, j, &self.assign_prefixes).is_some_and(|n| {
            let d = starts_any(toks, j + n, &self.generic_determiners).unwrap_or(0);
            self.starts_agency(toks, j + n + d)
        })
    }

    /// Whether the words before `j` are a place: an administrative unit and
    /// a name in capitals ("tỉnh Ninh Bình"). A name says where the agency
    /// is and ends there; a word in lower case after it is what it does.
    fn follows_place(&self, toks: &[Tok], j: usize) -> bool {
        let capital = |t: &Tok| t.text.chars().next().is_some_and(char::is_uppercase);
        let name_start = toks[..j].iter().rposition(|t| !capital(t)).map_or(0, |p| p + 1);
        name_start < j
            && (1..=2).any(|n| name_start >= n && self.place_units.list.iter().any(|p| p.len() == n && starts_with(toks, name_start - n, p)))
    }

    /// "Trách nhiệm thực hiện Sở Văn hoá ...": an implementation heading
    /// run into the agency that opens the text under it (the line break
    /// lost). The heading's length in tokens. ("Tổ chức thực hiện các văn
    /// bản ..." goes on with a duty: no heading.)
    pub fn run_in_heading_len(&self, toks: &[Tok]) -> Option<usize> {
        let n = starts_any(toks, 0, &self.implementation_headings)?;
        self.starts_agency(toks, n).then_some(n)
    }

    pub fn starts_agency(&self, toks: &[Tok], i: usize) -> bool {
        let i = i + starts_any(toks, i, &self.strip_prefixes).unwrap_or(0);
        self.opens_name(toks, i)
    }

    /// "các Chi nhánh trực thuộc", "các Thuế cơ sở": a plural determiner and
    /// a head, whose plural form the lexicon need not list; the group it
    /// names is whole without a name after it. Their length in tokens.
    fn determined_head_len(&self, toks: &[Tok], i: usize) -> Option<usize> {
        let d = starts_any(toks, i, &self.generic_determiners)?;
        // ("Các Báo cáo trên gửi ...": a head word in another sense)
        if starts_any(toks, i + d, &self.not_names).is_some() {
            return None;
        }
        Some(d + starts_any(toks, i + d, &self.heads)?)
    }

    /// Whether the tokens `start..end` are a plural determiner and a head
    /// and nothing more ("các đơn vị", "các cơ quan").
    fn is_group_alone(&self, toks: &[Tok], start: usize, end: usize) -> bool {
        self.determined_head_len(toks, start) == Some(end - start)
    }

    /// The index after a parenthetical aside at `i` that a separator and
    /// another agency follow, if one stands there.
    fn aside_in_list(&self, toks: &[Tok], i: usize) -> Option<usize> {
        if toks.get(i)?.key() != "(" {
            return None;
        }
        let close = i + toks[i..].iter().take(ASIDE_TOKENS).position(|t| t.key() == ")")? + 1;
        let next = toks.get(close)?;
        (self.is_separator(next.key()) && self.opens_name(toks, close + 1)).then_some(close)
    }

    /// Whether a known name or a head word stands at `i`.
    fn opens_name(&self, toks: &[Tok], i: usize) -> bool {
        starts_any(toks, i, &self.known).is_some() || starts_any(toks, i, &self.heads).is_some()
    }

    /// Whether tokens at `i` open with a head that names only before a
    /// lead phrase (see `lead_phrase_heads`).
    pub fn starts_lead_phrase_head(&self, toks: &[Tok], i: usize) -> bool {
        starts_any(toks, i, &self.lead_phrase_heads).is_some()
    }

    /// Whether the tokens `i..end` are a head and nothing more ("Các Sở"),
    /// not a known name.
    pub fn is_head_alone(&self, toks: &[Tok], i: usize, end: usize) -> bool {
        starts_any(toks, i, &self.known).is_none() && starts_any(toks, i, &self.heads) == Some(end.saturating_sub(i))
    }

    /// Whether a lead ("chủ trì") or support ("phối hợp với") phrase opens at `i`.
    pub fn starts_role_phrase(&self, toks: &[Tok], i: usize) -> bool {
        starts_any(toks, i, &self.lead_phrases).is_some() || starts_any(toks, i, &self.support_phrases).is_some()
    }

    pub fn find_lead_phrase(&self, toks: &[Tok], from: usize) -> Option<(usize, usize)> {
        (from..toks.len()).find_map(|i| {
            let n = starts_any(toks, i, &self.lead_phrases)?;
            starts_any(toks, i, &self.accountability_phrases).is_none().then_some((i, n))
        })
    }

    pub fn find_support_phrase(&self, toks: &[Tok], from: usize) -> Option<(usize, usize)> {
        find_any(toks, from, &self.support_phrases)
    }

    pub fn assign_prefix_len(&self, toks: &[Tok], i: usize) -> Option<usize> {
        starts_any(toks, i, &self.assign_prefixes)
    }

    /// Where a request written with its capital stands inside a sentence,
    /// after a word in lower case ("1. Về thuế giá trị gia tăng Đề nghị Thuế
    /// tỉnh ..."): a heading ran into its first sentence when the line break
    /// between them was lost, and the request starts a sentence of its own.
    pub fn request_after_lost_break(&self, text: &str) -> Option<usize> {
        // Most sentences hold none of the capitalised requests: searched as
        // written, no sentence is tokenised for this.
        // Overlapping, so a request inside a longer one ("Giao" of "Giao
        // cho") is still seen; matches come in order of their end, hence min.
        self.capital_requests.as_ref()?.find_overlapping_iter(text).map(|m| (m.start(), m.end())).filter(|&(i, e)| {
            let before = text[..i].strip_suffix(' ').and_then(|b| b.chars().next_back());
            let after = text[e..].chars().next();
            before.is_some_and(char::is_lowercase) && after.is_none_or(|c| c == ' ')
        }).map(|(i, _)| i).min()
    }

    /// Whether a sentence is a formula that names agencies without giving
    /// them a duty to track ("... chịu trách nhiệm thi hành Quyết định này").
    pub fn is_boilerplate(&self, text: &str) -> bool {
        let key = fold_key(text);
        self.boilerplate.iter().any(|b| key.contains(b.as_str())) || self.answers_for_failure(&key)
    }

    /// "Người đứng đầu chịu trách nhiệm trước Chủ tịch ... nếu để xảy ra
    /// sai phạm": who answers for a failure, nothing to track. `key` is
    /// the sentence folded.
    fn answers_for_failure(&self, key: &str) -> bool {
        self.failure_conditions.iter().any(|c| key.contains(c.as_str())) && self.failure_answers.iter().any(|a| key.contains(a.as_str()))
    }

    /// Whether a paragraph says where to turn with problems ("Trong quá
    /// trình thực hiện, nếu có khó khăn, vướng mắc ... báo cáo ...").
    pub fn is_closing_formula(&self, text: &str) -> bool {
        holds_any_folded(&self.closing_formulas, text)
    }

    /// Whether the words after a sentence's agencies only say "do it"
    /// (grammar `bare_duties`: "... phối hợp với Y thực hiện."): the duty is
    /// what the sentences before it said.
    pub fn is_bare_duty(&self, rest: &str) -> bool {
        let rest = rest.trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation());
        rest.len() <= BARE_DUTY_BYTES && self.bare_duties.contains(&fold_key(rest))
    }

    /// The colon that ends a label "Các Cục quản lý nhà nước chuyên ngành:"
    /// when a name read up to token `end` stopped at a word that also
    /// describes a body ("quản lý"): a few lower-case words, no lead phrase
    /// among them, then the colon before the duty. A verb alone before the
    /// colon ("Sở Y tế chỉ đạo:") is too short to be a description.
    pub fn label_colon_after(&self, toks: &[Tok], end: usize) -> Option<usize> {
        let colon = (end..toks.len().min(end + LABEL_TAIL_WORDS + 1)).find(|&i| toks[i].key() == ":")?;
        let tail = &toks[end..colon];
        let descriptive = tail.len() >= MIN_LABEL_TAIL_WORDS
            && tail.iter().all(|t| t.text.starts_with(char::is_lowercase) && !self.is_separator(t.key()))
            && self.find_lead_phrase(&toks[..colon], end).is_none();
        descriptive.then_some(colon)
    }

    /// Whether a clause is only a list of names brought in by a colon
    /// ("Chủ tịch Ủy ban nhân dân các tỉnh: Khánh Hòa, Đắk Lắk, Gia Lai:"
    /// once the agency is read): the heading of the duties under it, which
    /// assigns none itself. Every word is capitalised or a `name_joiners`
    /// word; a duty has a verb, written in lower case.
    pub fn only_names_before_colon(&self, toks: &[Tok], text: &str) -> bool {
        text.trim_end().ends_with(':') && toks.iter().all(|t| !t.text.starts_with(char::is_lowercase) || self.name_joiners.iter().any(|w| w == t.key()))
    }

    /// Whether an item's lead-in introduces the cases its points list
    /// (grammar `case_intros`), not duties.
    pub fn introduces_cases(&self, line: &str) -> bool {
        ends_with_any_folded(&self.case_intros, line)
    }

    /// Whether the text before a colon introduces a leader's directions
    /// (grammar `direction_intros`: "... có ý kiến như sau").
    pub fn introduces_directions(&self, before_colon: &str) -> bool {
        let sentence = before_colon.rsplit(". ").next().unwrap_or(before_colon);
        ends_with_any_folded(&self.direction_intros, sentence) && {
            let folded = fold_key(sentence);
            self.direction_givers.iter().any(|g| folded.contains(g.as_str()))
        }
    }

    /// Whether an item is only the note that it was struck out (grammar
    /// `repealed_notes`), its footnote marks, brackets and stops aside.
    pub fn is_repealed(&self, text: &str) -> bool {
        if text.len() > REPEALED_NOTE_BYTES {
            return false;
        }
        let words: String = text.chars().map(|c| if c.is_alphabetic() { c } else { ' ' }).collect();
        let key = fold_key(&words.split_whitespace().collect::<Vec<_>>().join(" "));
        !key.is_empty() && self.repealed_notes.contains(&key)
    }

    /// Whether a duty item is all accountability ("- Chịu trách nhiệm đối
    /// với những hậu quả ..." under "Trách nhiệm của X"): it opens with a
    /// formula of [`Self::is_boilerplate`] and its first sentence has no
    /// other duty after a ";"; a formula inside a longer duty does not count.
    pub fn opens_with_boilerplate(&self, text: &str) -> bool {
        let key = fold_key(words_prefix(text, 12));
        // "Chịu trách nhiệm toàn diện trước Chính phủ về ..., chủ động chỉ
        // đạo ...; kịp thời báo cáo ...": duties after a ";" make it a task.
        let first_sentence = text.split(". ").next().unwrap_or(text);
        // (the ";" first: it spares folding the whole sentence)
        !first_sentence.contains(';') && (self.boilerplate.iter().any(|b| key.starts_with(b.as_str())) || self.answers_for_failure(&fold_key(first_sentence)))
    }

    /// Whether a heading assigns work even inside a regulation ("Trách
    /// nhiệm của Sở Tài chính"), unlike one that lists competences.
    pub fn assigns_in_rules(&self, toks: &[Tok]) -> bool {
        starts_any(toks, 0, &self.rule_duty_prefixes).is_some()
    }

    /// Where the subject starts after an opening "Trên cơ sở ..., " phrase:
    /// the token after the comma that ends it (within the first
    /// [`ADVERBIAL_TOKENS`] tokens).
    pub fn after_adverbial(&self, toks: &[Tok]) -> Option<usize> {
        starts_any(toks, 0, &self.adverbial_openers)?;
        let mut after_commas = toks.iter().take(ADVERBIAL_TOKENS).enumerate().filter(|(_, t)| t.key() == ",").map(|(i, _)| i + 1);
        let first = after_commas.next()?;
        // "Trên cơ sở đề nghị của các Bộ, cơ quan liên quan, Bộ Tài chính
        // ...": a lower-case word after a comma goes on with what the phrase
        // names; the subject is capitalised or a group ("các phòng").
        let subject = |i: usize| toks.get(i).is_some_and(|t| t.text.starts_with(char::is_uppercase)) || starts_any(toks, i, &self.generic_determiners).is_some();
        Some(std::iter::once(first).chain(after_commas).find(|&i| subject(i)).unwrap_or(first))
    }

    /// Where an assignment starts after an opening phrase: "Để bảo đảm
    /// việc thu lệ phí ..., đề nghị các Thuế tỉnh ..." (the token of the
    /// assigning word, and its length), within the first [`ADVERBIAL_TOKENS`].
    pub fn assign_after_adverbial(&self, toks: &[Tok]) -> Option<(usize, usize)> {
        starts_any(toks, 0, &self.adverbial_openers)?;
        let ends_phrase = |t: &Tok| t.key() == "," || self.clause_joiners.iter().any(|j| j == t.key());
        toks.iter().take(ADVERBIAL_TOKENS).enumerate().filter(|(_, t)| ends_phrase(t)).find_map(|(i, _)| self.assign_prefix_len(toks, i + 1).map(|n| (i + 1, n)))
    }

    /// Whether a scope phrase ("trong phạm vi nhiệm vụ, quyền hạn của mình")
    /// starts at token `i`.
    pub fn scope_at(&self, toks: &[Tok], i: usize) -> bool {
        starts_any(toks, i, &self.scope_phrases).is_some()
    }

    /// "Người đứng đầu cơ sở giáo dục đại học, cao đẳng, cơ sở đào tạo của
    /// Bộ, ... căn cứ ...": a name made of a head and a description in
    /// lower case (`found`, ending before the comma at `comma`) may go on
    /// listing kinds of bodies that no lexicon holds. Returns the index of
    /// the duty word that ends the list, when one does before any
    /// sentence punctuation. A name with a proper part ("Sở Y tế, tùy theo
    /// ...") is whole; what follows its comma is an aside.
    pub fn described_list_end(&self, toks: &[Tok], found: &Found, comma: usize, text: &str) -> Option<usize> {
        if toks.get(comma)?.key() != "," {
            return None;
        }
        let first = toks.iter().position(|t| t.start == found.start)?;
        let head = starts_any(toks, first, &self.heads)?;
        // (a name read from a colon list starts at its member, not its head:
        // no description to check)
        let description = toks.get(first + head..comma)?;
        let described = description.iter().all(|t| t.text.starts_with(char::is_lowercase) || t.key() == ",");
        if !described || description.is_empty() {
            return None;
        }
        let mut j = comma + 1;
        while j < toks.len() && j - comma < DESCRIBED_LIST_WORDS {
            if breaks_line(toks, j, text) || matches!(toks[j].key(), "." | ";" | ":" | "(") {
                return None;
            }
            // (a duty word straight after a comma may name a kind of body:
            // ", tổ chức chính trị", ", bồi dưỡng")
            let lower = toks[j].text.starts_with(char::is_lowercase);
            if lower && toks[j - 1].key() != "," && self.ends_name(toks, j) {
                // "Đơn vị xảy ra tình trạng ..., không đảm bảo ...": a duty
                // word after another is a clause about the body, not a list.
                return (!self.ends_name(toks, j - 1)).then_some(j);
            }
            j += 1;
        }
        None
    }

    /// Whether `toks` open with agencies told to act at once ("Các cơ quan
    /// theo thẩm quyền khẩn trương thực hiện ..."): such a sentence assigns
    /// its duty wherever it stands, not only in an implementation part.
    pub fn opens_with_directive(&self, toks: &[Tok], text: &str) -> bool {
        // (most sentences hold no such adverb: no list is parsed for them)
        if !self.directive_words.iter().any(|w| text.contains(w.as_str())) {
            return false;
        }
        let (lead, mut end) = self.parse_list(toks, 0, text);
        if lead.is_empty() {
            return false;
        }
        if let Some(n) = starts_any(toks, end, &self.scope_phrases) {
            end += n;
        } else if toks.get(end).is_some_and(|t| t.key() == ",") && let Some(n) = starts_any(toks, end + 1, &self.scope_phrases) {
            end += n + 2;
        }
        starts_any(toks, end, &self.directive_adverbs).is_some()
    }

    /// Whether a text opens with a topic word ("Về đề nghị ...: giao Bộ X ..."):
    /// what follows its colon is the decision on that topic.
    pub fn opens_topic(&self, text: &str) -> bool {
        let head: String = text.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
        starts_any(&tokenize(&head), 0, &self.topic_openers).is_some()
    }

    /// "Phòng Kinh tế, Hạ tầng và Đô thị (hoặc phòng Kinh tế) cấp xã": an
    /// aside in brackets that a level qualifier follows sits inside the
    /// name, which the qualifier ends; the length of the aside. Without a
    /// qualifier after it ("Sở Y tế (Chi cục ATTP) chủ trì") the name ends
    /// at the bracket.
    fn aside_before_qualifier(&self, toks: &[Tok], j: usize, text: &str) -> Option<usize> {
        // ("Sở Y tế (chủ trì)": an aside that is a lead phrase names no one)
        if toks[j].key() != "(" || starts_any(toks, j, &self.lead_phrases).is_some() {
            return None;
        }
        let close = toks[j + 1..].iter().take(ASIDE_WORDS + 1).position(|t| matches!(t.key(), ")" | "("))? + j + 1;
        if toks[close].key() != ")" || (j + 1..=close).any(|k| breaks_line(toks, k, text)) {
            return None;
        }
        let after = close + 1;
        let lower = toks.get(after).is_some_and(|t| t.text.starts_with(char::is_lowercase));
        (lower && self.qualifier_len(toks, after).is_some()).then_some(after - j)
    }

    /// Words that may extend a known name: capitalised words (place names),
    /// administrative levels, and the words tying them together. How many
    /// tokens at `j` make one: a capitalised word, or a phrase of
    /// "các tỉnh, thành phố từ Hà Tĩnh đến Lâm Đồng": after an
    /// administrative unit, a range between two place names (grammar
    /// `place_ranges`) is part of the name. Its length in tokens.
    fn place_range_len(&self, toks: &[Tok], j: usize) -> Option<usize> {
        // Asked at every word of a name: the opening word first, the unit
        // before it only then.
        let opens = self.place_ranges.iter().any(|(from, _)| starts_with(toks, j, from));
        if !opens || !self.place_units.list.iter().any(|p| j >= p.len() && starts_with(toks, j - p.len(), p)) {
            return None;
        }
        // A place name: words in capitals, with the dash of "Bà Rịa - Vũng Tàu".
        let place = |k: usize| {
            toks.get(k..).unwrap_or_default().iter().take(6).take_while(|t| t.key() == "-" || t.text.starts_with(char::is_uppercase)).count()
        };
        self.place_ranges.iter().find_map(|(from, to)| {
            let k = j + from.len();
            let a = if starts_with(toks, j, from) { place(k) } else { 0 };
            let b = if a > 0 && starts_with(toks, k + a, to) { place(k + a + to.len()) } else { 0 };
            (b > 0).then_some(k + a + to.len() + b - j)
        })
    }

    /// `qualifier_words` whole ("thành phố", never "thành" of "thành lập").
    fn qualifier_len(&self, toks: &[Tok], j: usize) -> Option<usize> {
        if toks[j].text.chars().next().is_some_and(char::is_uppercase) {
            return Some(1);
        }
        starts_any(toks, j, &self.qualifier_words)
    }

    /// "Công an tỉnh Các sở, ban, ngành": a capitalised group ("Các sở")
    /// inside a name starts the next agency. It only happens where a PDF
    /// reader fused two table cells; in prose "các" is lower case.
    fn starts_capital_group(&self, toks: &[Tok], j: usize) -> bool {
        toks[j].text.chars().next().is_some_and(char::is_uppercase)
            && starts_any(toks, j, &self.generic_determiners).is_some()
            && starts_any(toks, j, &self.heads).is_some()
    }

    /// Whether a duty word that ends a name starts at `j` ("đảm bảo",
    /// "chủ trì", "tổng hợp").
    pub fn starts_duty(&self, toks: &[Tok], j: usize) -> bool {
        starts_any(toks, j, &self.stops).is_some()
    }

    /// Whether the words at `i` ask others to act (grammar
    /// `request_prefixes`) rather than hand them the duty.
    pub fn asks_others(&self, toks: &[Tok], i: usize) -> bool {
        starts_any(toks, i, &self.request_prefixes).is_some()
    }

    /// Whether a word after an agency tells what it did or is doing
    /// (grammar `narrative_words`).
    pub fn is_narrative(&self, key: &str) -> bool {
        self.narrative_words.iter().any(|w| w == key)
    }

    /// Whether a word joins two parts of a name or two names (grammar `name_joiners`: "và").
    pub fn is_name_joiner(&self, key: &str) -> bool {
        self.name_joiners.iter().any(|w| w == key)
    }

    /// Whether a word separates agencies in a list (grammar `separators`).
    pub fn is_separator(&self, key: &str) -> bool {
        self.separators.iter().any(|s| s == key)
    }

    /// Whether a name stands for a category of actors ("Doanh nghiệp số",
    /// "Các hợp tác xã") rather than an office.
    pub fn is_category(&self, name: &str) -> bool {
        starts_any(&tokenize(name), 0, &self.category_heads).is_some()
    }

    /// Whether a name stands for the public ("cá nhân, tổ chức có phản ánh
    /// kiến nghị"), whose duties are rules of conduct, not tasks.
    pub fn is_public(&self, name: &str) -> bool {
        starts_any(&tokenize(name), 0, &self.public_heads).is_some()
    }

    /// Whether a text may assign work by its wording alone; false means it
    /// surely cannot ("X chủ trì ...", "phối hợp với ...", "Giao X ...").
    pub fn may_assign(&self, text: &str) -> bool {
        self.assignment_cues.as_ref().is_none_or(|ac| ac.is_match(text))
    }

    /// The length of a deadline label that opens `toks` as the subject of a
    /// sentence, with no colon after it ("Thời hạn hoàn thành chậm nhất ...").
    pub fn deadline_subject_len(&self, toks: &[Tok]) -> Option<usize> {
        starts_any(toks, 0, &self.labels.deadline).filter(|&n| toks.get(n).is_some_and(|t| t.key() != ":"))
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
            if let Some(n) = starts_any(toks, 0, list)
                && toks.get(n).is_some_and(|t| t.key() == ":") && best.is_none_or(|(_, b)| n + 1 > b) {
                    best = Some((role, n + 1));
                }
        }
        best
    }
}



fn starts_any(toks: &[Tok], i: usize, list: &Phrases) -> Option<usize> {
    let first = list.by_first.get(toks.get(i)?.key())?;
    first.iter().map(|&k| &list.list[k as usize]).find(|p| starts_with(toks, i, p)).map(|p| p.len())
}

fn starts_with(toks: &[Tok], i: usize, p: &Phrase) -> bool {
    i + p.len() <= toks.len()
        && (!p.cap || toks[i].text.chars().next().is_some_and(char::is_uppercase))
        && p.words.iter().zip(&toks[i..]).all(|(w, t)| *w == t.key())
}

/// First occurrence at or after `from`: (index, length).
pub fn find_any(toks: &[Tok], from: usize, list: &Phrases) -> Option<(usize, usize)> {
    (from..toks.len()).find_map(|i| starts_any(toks, i, list).map(|n| (i, n)))
}

/// Whether a line break comes before token `j`: a name never runs on into
/// the next paragraph ("... và cơ quan, đơn vị có liên quan" over "- Là cơ
/// quan đầu mối ...").
fn breaks_line(toks: &[Tok], j: usize, text: &str) -> bool {
    j > 0 && text.get(toks[j - 1].end..toks[j].start).is_some_and(|gap| gap.contains('\n'))
}

/// Words and punctuation of a clause, each with a fold key.
pub fn tokenize(text: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    fn push<'t>(out: &mut Vec<Tok<'t>>, text: &'t str, s: usize, e: usize) {
        if e > s {
            let w = &text[s..e];
            out.push(Tok { text: w, key: OnceCell::new(), start: s, end: e });
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

/// Phrases that match whatever the case of the text (full names, set phrases).
fn any_case_phrases(list: &[String]) -> Phrases {
    Phrases::new(phrase_list(list).into_iter().map(|p| Phrase { cap: false, ..p }).collect())
}

/// Words or phrases as fold keys, for comparing with a token's key or a
/// folded text.
fn folded_keys(list: &[String]) -> Vec<String> {
    list.iter().map(|s| fold_key(s.trim())).filter(|s| !s.is_empty()).collect()
}

/// The first `n` words of `text` (cut at a space, so its tokens are the
/// first tokens of the whole).
pub fn words_prefix(text: &str, n: usize) -> &str {
    text.match_indices(' ').nth(n).map_or(text, |(i, _)| &text[..i])
}

/// Whether `text`, its colon and white space aside, ends with one of the
/// folded `keys`.
fn ends_with_any_folded(keys: &[String], text: &str) -> bool {
    if keys.is_empty() {
        return false;
    }
    // Only the last words can hold a key: fold no more than those.
    let t = text.trim_end().trim_end_matches(':').trim_end();
    let tail = &t[t.floor_char_boundary(t.len().saturating_sub(ENDING_BYTES))..];
    let key = fold_key(tail);
    keys.iter().any(|k| key.ends_with(k.as_str()))
}

/// The longest item that can be only a repeal note ("3.[17] (được bãi bỏ).").
const REPEALED_NOTE_BYTES: usize = 80;

/// The longest rest of a sentence read as a bare duty.
const BARE_DUTY_BYTES: usize = 80;

/// Bytes at the end of a text that an ending key can span.
const ENDING_BYTES: usize = 200;

/// Whether `text`, folded, holds one of the folded `keys` (an empty list
/// folds nothing).
fn holds_any_folded(keys: &[String], text: &str) -> bool {
    if keys.is_empty() {
        return false;
    }
    let key = fold_key(text);
    keys.iter().any(|b| key.contains(b.as_str()))
}
