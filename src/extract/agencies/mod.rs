//! Agency names and who-does-what phrases ("X chủ trì, phối hợp với Y").
//!
//! Text is compared word by word on fold keys (case and tone placement
//! ignored), so "Uỷ ban" in a clause matches "Ủy ban" in the lexicon while
//! the output keeps the spelling of the document.

use crate::normalize::vietnamese::{fold_key, fold_key_cow};
use std::borrow::Cow;
use std::cell::OnceCell;
use serde::Deserialize;

mod cues;
mod names;
mod tokens;

pub use tokens::{find_any, tokenize, words_prefix};
use tokens::*;

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
            // (a label after a ";" is written in lower case: "Cơ quan chủ
            // trì: Sở Tư pháp; cơ quan phối hợp: Sở Nội vụ")
            labels: Labels {
                lead: any_case_phrases(&raw.labels.lead),
                support: any_case_phrases(&raw.labels.support),
                deadline: any_case_phrases(&raw.labels.deadline),
                task: any_case_phrases(&raw.labels.task),
                product: any_case_phrases(&raw.labels.product),
            },
        })
    }
}
