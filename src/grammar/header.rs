//! Header and signature wording (`header.toml`), shared by the segmenter
//! (which must know where a header or the recipients block is) and the
//! metadata extractor.

use crate::normalize::vietnamese::fold_key;
use aho_corasick::{AhoCorasick, Anchored, Input, StartKind};
use regex::Regex;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
pub struct RawHeader {
    number_pattern: String,
    date_place_pattern: String,
    date_pattern: String,
    adopted_date_pattern: String,
    period_range_pattern: String,
    period_until_pattern: String,
    period_year_pattern: String,
    body_issuer_patterns: Vec<String>,
    #[serde(default)]
    blank_form_pattern: Option<String>,
    #[serde(default)]
    form_label_pattern: Option<String>,
    motto: Vec<String>,
    issuer_heads: Vec<String>,
    admin_units: Vec<String>,
    #[serde(default)]
    name_capitals: Vec<String>,
    #[serde(default)]
    name_joiners: Vec<String>,
    #[serde(default)]
    sub_body_heads: Vec<String>,
    #[serde(default)]
    local_government_heads: Vec<String>,
    abbreviations: BTreeMap<String, String>,
    header: RawHeaderWords,
    signature: RawSignature,
}

#[derive(Deserialize)]
struct RawHeaderWords {
    enacting: Vec<String>,
    preamble_openers: Vec<String>,
    title_stops: Vec<String>,
    draft: Vec<String>,
    attached: Vec<String>,
    #[serde(default)]
    addressee_labels: Vec<String>,
    #[serde(default)]
    issuing_positions: Vec<String>,
    #[serde(default)]
    position_symbols: BTreeMap<String, String>,
    #[serde(default)]
    authors_of_cited: Vec<String>,
}

#[derive(Deserialize)]
struct RawSignature {
    on_behalf_prefixes: Vec<String>,
    positions: Vec<String>,
    recipients: Vec<String>,
    #[serde(default)]
    closing: Vec<String>,
    #[serde(default)]
    end_marks: Vec<String>,
    #[serde(default)]
    archive: Vec<String>,
}

pub struct HeaderGrammar {
    pub number: Regex,
    /// The date alone: a cheap test before `dated_place` is searched.
    pub date: Regex,
    /// An optional place, then the date.
    pub dated_place: Regex,
    pub adopted_date: Regex,
    pub period_range: Regex,
    pub period_until: Regex,
    pub period_year: Regex,
    /// Tried in order; the first that matches names the issuer.
    pub body_issuers: Vec<Regex>,
    /// The number and date line of a blank form reproduced in a document
    /// ("Số: /TTr-TTTV | ....., ngày ..... tháng ..... năm 20.....").
    pub blank_form: Option<Regex>,
    /// A form's label on a line of its own ("Mẫu số 01"), which starts a
    /// blank form when the national motto follows it.
    pub form_label: Option<Regex>,
    pub motto: Vec<String>,
    pub issuer_heads: Vec<String>,
    pub admin_units: Vec<String>,
    /// Words written with capitals inside an issuer's name ("Chính phủ",
    /// "Quốc hội"), as fold keys split into words, with their spelling.
    pub name_capitals: Vec<(Vec<String>, Vec<String>)>,
    /// Words after which a new name element starts ("và": "Bộ Văn hóa,
    /// Thể thao và Du lịch").
    pub name_joiners: Vec<String>,
    /// "CỤC", "SỞ": where the issuing body starts after its parent's name.
    pub sub_body_heads: Vec<String>,
    /// "ỦY BAN NHÂN DÂN": a parent in a header that names a place.
    local_government_heads: Vec<String>,
    /// `admin_units` as a header writes them, in capitals ("TỈNH").
    admin_units_upper: Vec<String>,
    /// Longest abbreviation first, so "MTTQVN" wins over "MTTQ".
    pub abbreviations: Vec<(String, String)>,
    pub enacting: Vec<String>,
    /// Even the first line under the type word is preamble, not title, when it opens with one of these.
    pub preamble_openers: Vec<String>,
    pub title_stops: Vec<String>,
    pub draft: Vec<String>,
    pub attached: Vec<String>,
    /// "Kính gửi:": a letter's addressees, written before its body.
    pub addressee_labels: Vec<String>,
    /// Positions that issue a document in their own name when the title is
    /// followed by one ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ").
    pub issuing_positions: Vec<String>,
    /// The issuing part of a symbol that names a position ("CTUBND" ->
    /// "CHỦ TỊCH"), for a decision without an authority line.
    pub position_symbols: Vec<(String, String)>,
    /// Words after which a position names a cited document's author, not
    /// the enacting authority ("CỦA").
    pub authors_of_cited: Vec<String>,
    pub on_behalf_prefixes: Vec<String>,
    pub positions: Vec<String>,
    /// Both lists above as one anchored automaton: asked of every line, and
    /// most lines fail on their first byte.
    signature_openers: AhoCorasick,
    pub recipients: Vec<String>,
    pub closing: Vec<String>,
    pub end_marks: Vec<String>,
    pub archive: Vec<String>,
}

impl HeaderGrammar {
    /// Whether `line` starts with words that end a title (`title_stops`:
    /// "Căn cứ", "Theo đề nghị", "(Kèm theo"): such a line opens a paragraph
    /// of its own, so a hard wrap never joins it to the line before.
    pub fn ends_title(&self, line: &str) -> bool {
        self.title_stops.iter().any(|w| line.starts_with(w.as_str()))
    }

    pub fn compile(raw: RawHeader) -> Result<Self, regex::Error> {
        let mut abbreviations: Vec<(String, String)> = raw.abbreviations.into_iter().collect();
        abbreviations.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
        let mut positions = raw.signature.positions;
        positions.sort_by_key(|p| std::cmp::Reverse(p.len()));
        let mut issuer_heads = raw.issuer_heads;
        issuer_heads.sort_by_key(|p| std::cmp::Reverse(p.len()));
        let signature_openers = AhoCorasick::builder()
            .start_kind(StartKind::Anchored)
            .build(raw.signature.on_behalf_prefixes.iter().chain(&positions))
            .map_err(|e| regex::Error::Syntax(e.to_string()))?;
        Ok(HeaderGrammar {
            signature_openers,
            number: Regex::new(&raw.number_pattern)?,
            date: Regex::new(&raw.date_pattern)?,
            dated_place: Regex::new(&format!("(?:{})?(?:{})", raw.date_place_pattern, raw.date_pattern))?,
            adopted_date: Regex::new(&raw.adopted_date_pattern)?,
            period_range: Regex::new(&raw.period_range_pattern)?,
            period_until: Regex::new(&raw.period_until_pattern)?,
            period_year: Regex::new(&raw.period_year_pattern)?,
            body_issuers: raw.body_issuer_patterns.iter().map(|p| Regex::new(p)).collect::<Result<_, _>>()?,
            blank_form: raw.blank_form_pattern.as_deref().map(Regex::new).transpose()?,
            form_label: raw.form_label_pattern.as_deref().map(Regex::new).transpose()?,
            motto: raw.motto,
            issuer_heads,
            admin_units_upper: raw.admin_units.iter().map(|u| u.to_uppercase()).collect(),
            admin_units: raw.admin_units,
            name_capitals: raw
                .name_capitals
                .iter()
                .map(|n| (fold_key(n).split_whitespace().map(str::to_string).collect(), n.split_whitespace().map(str::to_string).collect()))
                .collect(),
            name_joiners: raw.name_joiners,
            sub_body_heads: raw.sub_body_heads,
            local_government_heads: raw.local_government_heads,
            abbreviations,
            enacting: raw.header.enacting,
            preamble_openers: raw.header.preamble_openers,
            title_stops: raw.header.title_stops,
            draft: raw.header.draft,
            attached: raw.header.attached,
            addressee_labels: raw.header.addressee_labels,
            issuing_positions: raw.header.issuing_positions,
            position_symbols: raw.header.position_symbols.into_iter().collect(),
            authors_of_cited: raw.header.authors_of_cited,
            on_behalf_prefixes: raw.signature.on_behalf_prefixes,
            positions,
            recipients: raw.signature.recipients,
            closing: raw.signature.closing,
            end_marks: raw.signature.end_marks,
            archive: raw.signature.archive,
        })
    }

    /// Whether a line opens with an on-behalf prefix or a position ("TM.", "CHỦ TỊCH").
    pub fn opens_signature(&self, line: &str) -> bool {
        self.signature_openers.is_match(Input::new(line).anchored(Anchored::Yes))
    }

    /// The issuing body of a header cell that also names its parent ("BỘ
    /// TÀI CHÍNH CỤC THUẾ" -> "CỤC THUẾ"); the cell itself otherwise.
    pub fn issuing_body<'a>(&self, cell: &'a str) -> &'a str {
        let mut body = cell.trim();
        // Each step moves past at least one word, so this ends.
        while let Some(at) = body.match_indices(' ').map(|(i, _)| i + 1).find(|&i| {
            self.sub_body_heads.iter().any(|s| body[i..].strip_prefix(s.as_str()).is_some_and(|r| r.starts_with(' ')))
        }) {
            body = &body[at..];
        }
        body
    }

    /// The place a local government names in a header ("UBND THÀNH PHỐ HÀ
    /// NỘI" -> ("THÀNH PHỐ", "HÀ NỘI")); none for other parents ("BỘ TÀI CHÍNH").
    pub fn local_place<'a>(&self, parent: &'a str) -> Option<(&'a str, &'a str)> {
        let parent = parent.trim();
        let head = leading_word(parent, &self.local_government_heads)?;
        let rest = parent[head.len()..].trim_start();
        let unit = leading_word(rest, &self.admin_units_upper)?;
        let name = rest[unit.len()..].trim();
        (!name.is_empty()).then(|| (&rest[..unit.len()], name))
    }

    /// Whether a line opens with an addressee label ("Kính gửi:").
    pub fn is_addressees(&self, line: &str) -> bool {
        starts_with_any(&self.addressee_labels, line)
    }

    pub fn is_recipients(&self, line: &str) -> bool {
        starts_with_any(&self.recipients, line)
    }

    /// "- Lưu: VT, NN (2).": the last entry of a recipients list.
    pub fn is_archive(&self, line: &str) -> bool {
        starts_with_any(&self.archive, line.trim_start_matches(['-', '+', '•', ' ']))
    }

    /// "Trên đây là Kế hoạch ...": the closing paragraph of a body.
    pub fn is_closing(&self, line: &str) -> bool {
        starts_with_any(&self.closing, line)
    }

    /// "... thi hành Nghị định này./.": the last paragraph of a body.
    pub fn ends_body(&self, line: &str) -> bool {
        // (a page saved from the web may star the last paragraph: "./. *")
        let line = line.trim_end().trim_end_matches('*').trim_end();
        self.end_marks.iter().any(|m| line.ends_with(m.as_str()))
    }

    /// "(Ban hành kèm theo Quyết định số 2817/QĐ-UBND ...)": the note under
    /// the title of a text attached to a document. A form's note left to
    /// fill in ("(Kèm theo Tờ trình số …. ngày …)") belongs to a template.
    pub fn is_attachment_note(&self, line: &str) -> bool {
        line.trim_start().strip_prefix('(').is_some_and(|rest| self.attached.iter().any(|a| rest.starts_with(a.as_str())))
            && !line.contains('…')
            && !line.contains("..")
    }

    /// A blank form's label on a line of its own ("Mẫu số 01", "Mẫu:").
    pub fn is_form_label(&self, line: &str) -> bool {
        self.form_label.as_ref().is_some_and(|re| re.is_match(line.trim()))
    }

    /// A motto line, or its first words when a narrow cell broke it over
    /// lines ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA" / "VIỆT NAM").
    pub fn is_motto(&self, line: &str) -> bool {
        let head = line.trim().trim_end_matches('|').trim_end();
        self.motto.iter().any(|m| line.contains(m.as_str()) || head.len() >= MOTTO_HEAD_BYTES && m.starts_with(head))
    }

    /// Lines that belong to a document header rather than a body.
    pub fn looks_like_header_line(&self, line: &str) -> bool {
        self.is_motto(line)
            || self.number.is_match(line)
            || self.date.is_match(line) && line.len() < 120
            || self.issuer_head(line).is_some()
            || is_rule(line)
    }

    /// The issuer head word a capitalised line starts with.
    pub fn issuer_head(&self, line: &str) -> Option<&str> {
        if line.chars().any(char::is_lowercase) {
            return None;
        }
        leading_word(line, &self.issuer_heads)
    }
}

/// The one of `words` that `line` starts with as whole words ("BỘ" in "BỘ Y
/// TẾ", not in "BỘI").
fn leading_word<'a>(line: &str, words: &'a [String]) -> Option<&'a str> {
    words.iter().find(|w| line.strip_prefix(w.as_str()).is_some_and(|r| r.is_empty() || r.starts_with(' '))).map(String::as_str)
}

fn starts_with_any(openers: &[String], line: &str) -> bool {
    openers.iter().any(|o| line.starts_with(o.as_str()))
}

/// The shortest start of a motto read as the motto ("CỘNG").
const MOTTO_HEAD_BYTES: usize = 4;

/// What a rule under a header's issuer or motto is drawn with ("-------",
/// "___", "=====", "———"): one set for every reader, so a rule that the .txt
/// reader drops is dropped by the PDF reader too. Asterisks ("* * *") also
/// draw a rule on a line of their own, but are left out here: glued to
/// text they are Markdown emphasis.
pub const RULE_CHARS: [char; 5] = ['-', '_', '–', '—', '='];

/// The rule drawn under a header's issuer or motto (see [`RULE_CHARS`]).
pub fn is_rule(line: &str) -> bool {
    line.chars().all(|c| c == ' ' || c == '*' || RULE_CHARS.contains(&c))
}

/// Where a rule that opens `text` ends (a byte offset), if it opens with
/// one: at least three rule characters, fewer being a bullet or a dash.
/// Both readers that find a rule glued to the text after it use this.
pub fn rule_prefix(text: &str) -> Option<usize> {
    let (count, end) = text.chars().take_while(|c| RULE_CHARS.contains(c)).fold((0, 0), |(n, len), c| (n + 1, len + c.len_utf8()));
    (count >= 3).then_some(end)
}
