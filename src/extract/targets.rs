//! Quantitative targets: "tỷ lệ ... đạt tối thiểu 50%", "từ 95% đến 98%",
//! "giảm 10% biên chế". Precision matters as much as recall: figures that
//! report the past, define a formula or quote another document's quota are
//! dropped by cues from the grammar.

use super::indicator_tables::{IndicatorTableGrammar, RawIndicatorTable};
use super::words::{LowerSameLen, contains_word, ends_with_word, find_word, find_word_before, is_footnote_mark, starts_with_word};
use regex::Regex;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct RawTargets {
    units: Vec<String>,
    #[serde(default)]
    scales: Vec<String>,
    #[serde(default)]
    per_units: Vec<String>,
    goal_cues: Vec<String>,
    comparator: Vec<RawComparator>,
    change_increase: Vec<String>,
    change_decrease: Vec<String>,
    range_joiners: Vec<String>,
    past_cues: Vec<String>,
    #[serde(default)]
    not_past: Vec<String>,
    formula_cues: Vec<String>,
    non_goal_headings: Vec<String>,
    #[serde(default)]
    funding_headings: Vec<String>,
    #[serde(default)]
    funding_goal_cues: Vec<String>,
    quota_cues: Vec<String>,
    #[serde(default)]
    citation_cues: Vec<String>,
    #[serde(default)]
    numbered_citation_cues: Vec<String>,
    #[serde(default)]
    numbered_citation_followers: Vec<String>,
    #[serde(default)]
    criterion_cues: Vec<String>,
    goal_headings: Vec<String>,
    #[serde(default)]
    rule_documents: Vec<String>,
    #[serde(default)]
    goal_openers: Vec<String>,
    rank_words: Vec<String>,
    indicator_heads: Vec<String>,
    indicator_strip: Vec<String>,
    #[serde(default)]
    indicator_links: Vec<String>,
    #[serde(default)]
    indicator_head_exceptions: Vec<String>,
    #[serde(default)]
    indicator_tail_words: Vec<String>,
    #[serde(default)]
    indicator_kept_endings: Vec<String>,
    #[serde(default)]
    indicator_openers: Vec<String>,
    baseline_words: Vec<String>,
    #[serde(default)]
    baseline_year_pattern: Option<String>,
    year_pattern: String,
    past_year_pattern: String,
    comparator_fillers: Vec<String>,
    #[serde(default)]
    list_continuers: Vec<String>,
    #[serde(default)]
    list_breaks: Vec<String>,
    criterion_words: Vec<String>,
    #[serde(default)]
    indicator_table: RawIndicatorTable,
}

#[derive(Deserialize)]
struct RawComparator {
    op: String,
    before: Vec<String>,
    #[serde(default)]
    after: Vec<String>,
}

pub struct TargetGrammar {
    figure: Regex,
    goal_cues: Vec<String>,
    /// (phrase, op), longest phrase first.
    before: Vec<(String, String)>,
    after: Vec<(String, String)>,
    increase: Vec<String>,
    decrease: Vec<String>,
    past_cues: Vec<String>,
    not_past: Vec<String>,
    formula_cues: Vec<String>,
    non_goal_headings: Vec<String>,
    funding_headings: Vec<String>,
    funding_goal_cues: Vec<String>,
    quota_cues: Vec<String>,
    citation_cues: Vec<String>,
    numbered_citation_cues: Vec<String>,
    numbered_citation_followers: Vec<String>,
    criterion_cues: Vec<String>,
    goal_headings: Vec<String>,
    rule_documents: Vec<String>,
    goal_openers: Vec<String>,
    rank_words: Vec<String>,
    indicator_heads: Vec<String>,
    indicator_strip: Vec<String>,
    indicator_links: Vec<String>,
    indicator_head_exceptions: Vec<String>,
    indicator_tail_words: Vec<String>,
    indicator_kept_endings: Vec<String>,
    indicator_openers: Vec<String>,
    baseline_words: Vec<String>,
    /// What, ending just before a year, makes it a base or a cited date.
    baseline_year: Option<Regex>,
    comparator_fillers: Vec<String>,
    /// What ends a list item whose figure shares the bound of the one before.
    list_continuers: Vec<String>,
    /// What, between two figures, starts a new goal rather than a list item.
    list_breaks: Vec<String>,
    criterion_words: Vec<String>,
    pub year: Regex,
    past_year: Regex,
    /// Goals set year by year in a table's columns.
    pub indicator_table: IndicatorTableGrammar,
}

/// A target found in one clause, before it is placed in a section.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub value: f64,
    pub unit: String,
    pub comparator: String,
    pub change: Option<String>,
    pub indicator: String,
    pub year: Option<i32>,
    /// Byte range of the figure in the clause.
    pub at: (usize, usize),
}

/// Bytes before a figure that its comparator, indicator and cues are read from.
const LOOK_BACK: usize = 400;
/// How far before an opening bracket a number restated in it is looked for.
const RESTATED_BYTES: usize = 48;
/// How far before a count its goal word may stand (half that after it).
const NEAR_CUE: usize = 160;

const NUM: &str = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?";

/// Whether any of the grammar's (lowercase) phrases occurs in `text`,
/// whatever its case.
fn mentions_any(text: &str, phrases: &[String]) -> bool {
    let lower = text.to_lowercase_same_len();
    phrases.iter().any(|w| lower.contains(w.as_str()))
}

/// The most words a list item puts between its figure and the next one.
const LIST_ITEM_WORDS: usize = 12;

/// How far back from a year `baseline_year_pattern` looks.
const BASELINE_REACH_BYTES: usize = 96;

fn sorted_longest(mut v: Vec<String>) -> Vec<String> {
    v.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    v
}

impl TargetGrammar {
    pub fn compile(raw: RawTargets) -> Result<Self, regex::Error> {
        let alternatives = |v: Vec<String>| sorted_longest(v).iter().map(|u| regex::escape(u)).collect::<Vec<_>>().join("|");
        let units = alternatives(raw.units);
        let joiners: Vec<String> = raw.range_joiners.iter().map(|j| regex::escape(j)).collect();
        // "5,5 triệu lượt khách", "02 lần/năm": a scale and a rate belong to the unit,
        // and so does a rate's own count ("109 bé trai/100 bé gái").
        let scale = if raw.scales.is_empty() { String::new() } else { format!(r"(?:(?:{})\s+)?", alternatives(raw.scales)) };
        let per = if raw.per_units.is_empty() {
            String::new()
        } else {
            format!(r"(?:\s*/\s*(?:(?:{NUM})\s*)?(?:{}))?", alternatives(raw.per_units))
        };
        let figure = format!(
            // The unit ends at a non-letter; written out rather than as a
            // Unicode \b, which would stop the fast DFA on Vietnamese text.
            r"(?P<n1>{NUM})(?:\s*%?\s*(?:{})\s*(?P<n2>{NUM}))?\s*(?P<unit>%|{scale}(?P<noun>{}){per})(?:[^\pL\pN]|$)",
            joiners.join("|"),
            units
        );
        let mut before = Vec::new();
        let mut after = Vec::new();
        for c in raw.comparator {
            before.extend(c.before.into_iter().map(|p| (p, c.op.clone())));
            after.extend(c.after.into_iter().map(|p| (p, c.op.clone())));
        }
        before.sort_by_key(|(p, _)| std::cmp::Reverse(p.chars().count()));
        after.sort_by_key(|(p, _)| std::cmp::Reverse(p.chars().count()));
        Ok(TargetGrammar {
            figure: Regex::new(&figure)?,
            goal_cues: raw.goal_cues,
            before,
            after,
            increase: sorted_longest(raw.change_increase),
            decrease: sorted_longest(raw.change_decrease),
            past_cues: raw.past_cues,
            not_past: raw.not_past,
            formula_cues: raw.formula_cues,
            non_goal_headings: raw.non_goal_headings,
            funding_headings: raw.funding_headings,
            funding_goal_cues: raw.funding_goal_cues,
            quota_cues: raw.quota_cues,
            citation_cues: raw.citation_cues,
            numbered_citation_cues: raw.numbered_citation_cues,
            numbered_citation_followers: raw.numbered_citation_followers,
            criterion_cues: raw.criterion_cues,
            goal_headings: raw.goal_headings,
            rule_documents: raw.rule_documents,
            goal_openers: raw.goal_openers,
            rank_words: raw.rank_words,
            indicator_heads: sorted_longest(raw.indicator_heads),
            indicator_strip: sorted_longest(raw.indicator_strip),
            indicator_links: sorted_longest(raw.indicator_links),
            indicator_head_exceptions: raw.indicator_head_exceptions,
            indicator_tail_words: raw.indicator_tail_words,
            indicator_kept_endings: raw.indicator_kept_endings,
            indicator_openers: raw.indicator_openers,
            baseline_words: raw.baseline_words,
            baseline_year: raw.baseline_year_pattern.as_deref().map(Regex::new).transpose()?,
            comparator_fillers: raw.comparator_fillers,
            list_continuers: raw.list_continuers,
            list_breaks: raw.list_breaks,
            criterion_words: raw.criterion_words,
            year: Regex::new(&raw.year_pattern)?,
            past_year: Regex::new(&raw.past_year_pattern)?,
            indicator_table: IndicatorTableGrammar::compile(raw.indicator_table)?,
        })
    }

    /// Whether figures under a heading are results or context, not goals
    /// (callers let a goal word in the same heading win: "MỤC TIÊU, ĐỐI TƯỢNG").
    pub fn is_non_goal_heading(&self, heading: &str) -> bool {
        mentions_any(heading, &self.non_goal_headings)
    }

    /// Whether a heading is about money set aside ("Kinh phí thực hiện"),
    /// under which only a floor the plan commits to is a goal.
    pub fn is_funding_heading(&self, heading: &str) -> bool {
        mentions_any(heading, &self.funding_headings)
    }

    /// Whether a clause under a funding heading commits to a floor ("bố trí
    /// tối thiểu 03% ngân sách") rather than describing a share or a sum.
    pub fn commits_to_funding(&self, clause: &str) -> bool {
        mentions_any(clause, &self.funding_goal_cues)
    }

    /// Whether a document type lays down rules (a decree, a circular), whose
    /// figures are parameters unless a goal heading says otherwise.
    pub fn is_rule_document(&self, doc_type: &str) -> bool {
        self.rule_documents.iter().any(|d| d == doc_type)
    }

    /// Whether a heading announces goals ("Mục tiêu cụ thể"), so that any
    /// figure with a unit under it is one.
    pub fn is_goal_heading(&self, heading: &str) -> bool {
        mentions_any(heading, &self.goal_headings)
    }

    /// The year a heading sets for the targets under it ("Mục tiêu cụ thể đến năm 2025").
    pub fn year_in(&self, text: &str) -> Option<i32> {
        if !self.year.is_match(text) {
            return None;
        }
        let lower = text.to_lowercase_same_len();
        let caps = self
            .year
            .captures_iter(text)
            .filter(|c| {
                let start = c.get(0).map_or(0, |m| m.start());
                let before = lower[..start].trim_end();
                !self.baseline_words.iter().any(|w| ends_with_word(before, w)) && !self.is_baseline_year(before)
            })
            .last()?;
        ["y1", "y2", "y3"].iter().find_map(|n| caps.name(n)).and_then(|m| m.as_str().parse().ok())
    }

    /// The year a clause that sets several gives this figure alone ("...
    /// xuống dưới 22,5% vào năm 2015 và xuống còn 20% vào năm 2020", "năm
    /// 2018 đạt 99%, năm 2019 đạt 99,5%"): a year right after the figure,
    /// else the last one between the figure before it and this one.
    fn own_year(&self, clause: &str, prev_end: usize, (start, end): (usize, usize), next_start: usize) -> Option<i32> {
        let after = &clause[end..next_start.max(end)];
        // ("trong/vào/đến năm" are part of the year's own pattern; "và đến
        // năm 2030" after a figure opens the next one's year)
        if let Some(m) = self.year.find(after)
            && after[..m.start()].trim().is_empty()
            && let Some(y) = self.year_in(&after[..m.end()])
        {
            return Some(y);
        }
        self.year_in(&outside_brackets(&clause[prev_end.min(start)..start]))
    }

    /// Whether the words before a year make it a base ("so với cùng kỳ năm
    /// 2024") or the date of a cited document ("Nghị quyết số 57-NQ/TW ngày
    /// 22 tháng 12 năm 2024"), not the year a goal is due.
    fn is_baseline_year(&self, before: &str) -> bool {
        let tail = &before[before.floor_char_boundary(before.len().saturating_sub(BASELINE_REACH_BYTES))..];
        self.baseline_year.as_ref().is_some_and(|re| re.is_match(tail))
    }

    /// A year that opens a clause ("Đến năm 2015, 70% ...") and so governs
    /// the clauses after it in the same item.
    pub fn leading_year(&self, clause: &str) -> Option<i32> {
        let head: String = clause.chars().take(30).collect();
        let caps = self.year.captures(&head)?;
        let lead_in = head[..caps.get(0)?.start()].trim().trim_start_matches(['-', '+', '•']).trim();
        if lead_in.split_whitespace().count() > 2 {
            return None;
        }
        caps.name("y1").or(caps.name("y2")).and_then(|m| m.as_str().parse().ok())
    }

    /// All targets in one clause. `doc_year` is the year the document was
    /// written, used to tell results of earlier years from goals.
    pub fn hits(&self, clause: &str, doc_year: Option<i32>, goal_context: bool) -> Vec<Hit> {
        // Most clauses with a digit hold a date or a number, not a figure
        // with a unit: find the figures before reading any word.
        let figures: Vec<regex::Captures> = self.figure.captures_iter(clause).collect();
        if figures.is_empty() {
            return Vec::new();
        }
        let lower = clause.to_lowercase_same_len();
        if self.formula_cues.iter().any(|c| lower.contains(c.as_str()))
            || self.quota_cues.iter().any(|c| lower.contains(c.as_str()))
        {
            return Vec::new();
        }
        // A figure after "theo quy định tại khoản 2, ..." is quoted from the
        // cited text; a goal followed by its legal basis ("hình thành tối
        // thiểu 03 cụm ... theo quy định tại Nghị quyết số 57") is still a
        // goal. Where the first citation starts, found once, keeps this linear.
        let first_citation = self
            .citation_cues
            .iter()
            .filter_map(|c| find_word(&lower, c))
            .chain(self.numbered_citation_cues.iter().filter_map(|c| find_word_before(&lower, c, &self.numbered_citation_followers)))
            .min()
            .unwrap_or(usize::MAX);
        let has_goal_cue = goal_context || self.goal_cues.iter().any(|c| contains_word(&lower, c));
        // A year inside brackets is an aside ("(năm 2024 đạt 78,2%)").
        let year = self.year_in(&outside_brackets(clause));
        let quotes = Quotes::of(clause);
        let asides: Vec<bool> = (0..figures.len()).map(|k| self.is_aside(clause, &lower, &figures, k)).collect();
        // (the figure whose bound the next item of a list shares, and the bound)
        let mut list_bound: Option<(usize, String)> = None;
        let mut out = Vec::new();
        for (k, caps) in figures.iter().enumerate() {
            let (Some(whole), Some(n1), Some(unit)) = (caps.get(0), caps.name("n1"), caps.name("unit")) else { continue };
            if first_citation < whole.start() || asides[k] {
                continue;
            }
            // The words that can name what this figure measures lie between
            // the figures next to it ("80% X, trong số đó, 30% Y"); a figure
            // that is part of those words (an aside) does not bound them.
            let prev_end = (0..k).rev().find(|&j| !asides[j]).and_then(|j| figures[j].get(0)).map_or(0, |m| m.end());
            let next_start = figures.get(k + 1).and_then(|c| c.get(0)).map_or(clause.len(), |m| m.start());
            // "88,61/100 điểm", "8/63": parts of a fraction or a code are not figures.
            let prev = clause[..whole.start()].chars().last();
            if matches!(prev, Some('/' | '.')) || prev.is_some_and(char::is_alphanumeric) {
                continue;
            }
            // A figure in quotation marks belongs to a name or a slogan
            // ("làm việc “3 ca, 4 kíp”", phong trào “500 ngày đêm ... 3.000 km”).
            if quotes.around(whole.start(), whole.end()) {
                continue;
            }
            // Past results are judged in the figure's own segment and in what
            // leads up to it ("Hiện nay, ... đạt 75%"), so a later
            // "(năm 2024 đạt 78,2%)" does not cancel the goal before it.
            // What decides a figure sits close to it: looking back a bounded
            // window keeps a clause with thousands of figures linear.
            let from = clause.floor_char_boundary(whole.start().saturating_sub(LOOK_BACK));
            let to = clause.floor_char_boundary(whole.end() + LOOK_BACK);
            let (segment, seg_figure_end) = segment_around(&lower[from..to], whole.start() - from, whole.end() - from);
            let lead_up = outside_brackets(&lower[from..whole.start()]);
            let past = |s: &str| self.reports_past(s);
            // After "Phấn đấu ..." a cue that follows the figure ("trên 85%
            // và xếp hạng ở nhóm ...") is part of the goal, not a result.
            let declared_goal = self.goal_openers.iter().any(|w| contains_word(&lead_up, w));
            let past_in_segment = if declared_goal { past(&segment[..seg_figure_end]) } else { past(segment) };
            // "Tỷ lệ hộ nghèo ước đạt 3,5%, phấn đấu đến năm 2026 giảm còn
            // 2%": a result stated before the goal is declared is no part of it.
            let since_goal = self.goal_openers.iter().filter_map(|w| lead_up.rfind(w.as_str())).max().map_or(&lead_up[..], |at| &lead_up[at..]);
            if past_in_segment || past(since_goal) || self.reports_past_year(segment, doc_year) {
                continue;
            }
            // "Vùng nuôi có diện tích từ 10 ha trở lên": what a thing must
            // have to qualify, not a figure to reach, unless a goal is declared.
            if !goal_context && !declared_goal && self.criterion_cues.iter().any(|c| ends_with_word(lead_up.trim_end(), c)) {
                continue;
            }
            let unit_s = unit.as_str().to_string();
            let before = &clause[from..whole.start()];
            let after = &clause[whole.end()..to];
            let cmp_before = self.comparator_before(before);
            let cmp_after = self.comparator_after(after);
            // A count is a goal only when a goal word is near it: a long
            // sentence that says "đạt" somewhere also cites sums and counts
            // ("khoảng 1.500 tỷ đồng" in a request) that set no goal. A bound
            // on the figure itself ("trên 500 lượt khách", "tối đa 3 lần")
            // is such a word; "khoảng" is not.
            let bounded = cmp_before.as_ref().is_some_and(|(_, op)| op != "approx") || cmp_after.is_some();
            let near_cue = || {
                let (a, b) = (lower.floor_char_boundary(whole.start().saturating_sub(NEAR_CUE)), lower.floor_char_boundary(whole.end() + NEAR_CUE / 2));
                self.goal_cues.iter().any(|c| contains_word(&lower[a..b], c))
            };
            if unit_s != "%" && (!(goal_context || bounded || has_goal_cue && near_cue()) || self.defines_a_percentage(&clause[from..whole.start()])) {
                continue;
            }
            let word_before = lower[from..whole.start()].split_whitespace().last().unwrap_or("");
            if self.rank_words.iter().any(|w| w == word_before) {
                continue;
            }
            let change = self.change(before);
            let mut own_before = &clause[from.max(prev_end)..whole.start()];
            // "100% dịch vụ mức độ 2, tối thiểu 16 dịch vụ mức độ 3 và 4": in a
            // list of figures, a part that holds only this figure's
            // comparator names nothing; what is counted follows the figure.
            if k > 0
                && let Some(comma) = own_before.rfind(',') {
                    let part = &own_before[comma + 1..];
                    if self.only_comparator(part) {
                        own_before = part;
                    }
                }
            let mut own_after = &clause[whole.end()..to.min(next_start).max(whole.end())];
            if next_start < clause.len() {
                own_after = self.before_next_indicator(own_after);
            }
            // "5,5 triệu lượt khách du lịch" measures "lượt khách du lịch".
            let noun = caps.name("noun").map_or("%", |m| m.as_str());
            let mut indicator = self.indicator(own_before, own_after, noun, cmp_before.as_ref().map(|(p, _)| p.as_str()));
            // "... đơn giản hóa¹": a footnote mark is no part of what is measured.
            indicator.truncate(indicator.trim_end_matches(is_footnote_mark).len());
            let v1 = parse_value(n1.as_str());
            let at = (whole.start(), whole.end());
            // (the figure's match takes the character after its unit: a comma there ends it)
            let year = self.own_year(clause, prev_end, (whole.start(), unit.end()), next_start).or(year);
            let base = Hit { value: v1, unit: unit_s.clone(), comparator: "eq".into(), change, indicator, year, at };
            match (caps.name("n2"), v1) {
                (Some(n2), v1) => {
                    let v2 = parse_value(n2.as_str());
                    if v2 <= v1 {
                        continue;
                    }
                    let approx = cmp_before.as_ref().is_some_and(|(_, op)| op == "approx");
                    let (op1, op2) = if approx { ("approx", "approx") } else { ("gte", "lte") };
                    out.push(Hit { comparator: op1.into(), ..base.clone() });
                    out.push(Hit { value: v2, comparator: op2.into(), ..base });
                }
                (None, _) => {
                    // "ít nhất 100 doanh nghiệp khởi nghiệp, 50 doanh nghiệp
                    // khoa học": the next item of a list keeps the bound.
                    let shared = list_bound
                        .take()
                        .filter(|(j, _)| prev_end == figures[*j].get(0).map_or(0, |m| m.end()))
                        .filter(|(j, _)| {
                            // (from the end of its unit: the figure's match takes the comma after it)
                            let item_end = figures[*j].name("unit").map_or(prev_end, |u| u.end());
                            base.change.is_none() && self.continues_list(&lower[item_end..whole.start()])
                        })
                        .map(|(_, op)| op);
                    // (a bound written after its figure, "trở lên", holds for it alone)
                    let bound_after = cmp_after.is_some();
                    let comparator = cmp_after.or(cmp_before.map(|(_, op)| op)).or(shared).unwrap_or_else(|| "eq".to_string());
                    if !bound_after && comparator != "eq" {
                        list_bound = Some((k, comparator.clone()));
                    }
                    out.push(Hit { comparator, ..base });
                }
            }
        }
        out
    }

    /// Whether figure `k` of a clause only qualifies or restates another:
    /// "... với tốc độ 01 Gb/s đạt 100%" (a count that a share follows
    /// straight after a link word is part of what the share measures), "với
    /// tốc độ 10 Gigabit mỗi giây (10 Gbps)" (a figure in brackets that
    /// repeats the number just before them).
    fn is_aside(&self, clause: &str, lower: &str, figures: &[regex::Captures], k: usize) -> bool {
        let caps = &figures[k];
        let (Some(whole), Some(n1), Some(unit)) = (caps.get(0), caps.name("n1"), caps.name("unit")) else { return false };
        if let Some(open) = clause[..whole.start()].trim_end().strip_suffix('(') {
            let near = &open[open.floor_char_boundary(open.len().saturating_sub(RESTATED_BYTES))..];
            if near.split(|c: char| !c.is_ascii_digit() && c != ',' && c != '.').any(|w| w == n1.as_str()) {
                return true;
            }
        }
        let Some(next) = figures.get(k + 1) else { return false };
        let share_follows = next.name("unit").is_some_and(|u| u.as_str() == "%");
        let next_start = next.get(0).map_or(clause.len(), |m| m.start());
        unit.as_str() != "%" && share_follows && self.indicator_links.iter().any(|l| lower[whole.end()..next_start].trim() == l.as_str())
    }

    /// Whether a text has a past cue outside the goal phrases that hold one
    /// ("để đạt được mục tiêu" is no "đạt được" of a result).
    fn reports_past(&self, s: &str) -> bool {
        if !self.not_past.iter().any(|p| s.contains(p.as_str())) {
            return self.past_cues.iter().any(|c| contains_word(s, c));
        }
        let mut masked = s.to_string();
        for p in &self.not_past {
            masked = masked.replace(p.as_str(), &" ".repeat(p.len()));
        }
        self.past_cues.iter().any(|c| contains_word(&masked, c))
    }

    /// "năm 2021 đạt 88,61/100 điểm" written in 2022 is a result.
    fn reports_past_year(&self, clause: &str, doc_year: Option<i32>) -> bool {
        let Some(doc_year) = doc_year else { return false };
        self.past_year
            .captures_iter(clause)
            .filter_map(|c| c.name("y").and_then(|y| y.as_str().parse::<i32>().ok()))
            .any(|y| y < doc_year)
    }

    /// Whether the words between two figures make the second the next item
    /// of a list ("..., 50 ...", "... và 30% ..."): short, ending on a
    /// list word, with nothing that starts a goal of its own.
    fn continues_list(&self, between: &str) -> bool {
        let b = between.trim_end();
        b.split_whitespace().count() <= LIST_ITEM_WORDS
            && self.list_continuers.iter().any(|w| b.ends_with(w.as_str()))
            && !self.list_breaks.iter().any(|w| b.contains(w.as_str()))
    }

    fn comparator_before(&self, before: &str) -> Option<(String, String)> {
        let lower = before.trim_end().to_lowercase_same_len();
        let mut b = lower.trim_end_matches(['(', ':']).trim_end();
        // "từ 95%", "tối thiểu là 90%": words between the comparator and the figure.
        while let Some(f) = self.comparator_fillers.iter().find(|f| ends_with_word(b, f)) {
            b = b[..b.len() - f.len()].trim_end().trim_end_matches(['(', ':']).trim_end();
        }
        self.before.iter().find(|(p, _)| ends_with_word(b, p)).map(|(p, op)| (p.clone(), op.clone()))
    }

    /// The comparator a bound written just before a figure names ("≥",
    /// "tối thiểu"), from the grammar's comparator lists.
    pub(crate) fn comparator_op(&self, before: &str) -> Option<String> {
        self.comparator_before(before).map(|(_, op)| op)
    }

    fn comparator_after(&self, after: &str) -> Option<String> {
        let a = after.trim_start().to_lowercase_same_len();
        self.after.iter().find(|(p, _)| a.starts_with(p.as_str())).map(|(_, op)| op.clone())
    }

    fn change(&self, before: &str) -> Option<String> {
        let b = before.to_lowercase_same_len();
        let tail: Vec<&str> = b.split_whitespace().rev().take(4).collect();
        let tail: String = tail.into_iter().rev().collect::<Vec<_>>().join(" ");
        if self.decrease.iter().any(|w| contains_word(&tail, w)) {
            Some("decrease".into())
        } else if self.increase.iter().any(|w| contains_word(&tail, w)) {
            Some("increase".into())
        } else {
            None
        }
    }

    /// What is measured: the words before the figure when they name it
    /// ("tỷ lệ hồ sơ ... đạt"), else the words after it ("100% cơ quan ...").
    fn indicator(&self, before: &str, after: &str, unit: &str, cmp_phrase: Option<&str>) -> String {
        let mut b = before.trim_end().to_string();
        if let Some(p) = cmp_phrase {
            let lower = b.to_lowercase_same_len();
            if let Some(pos) = lower.rfind(p) {
                b.truncate(pos);
            }
        }
        let lower = self.mask_head_exceptions(b.to_lowercase_same_len());
        let head = self.indicator_heads.iter().filter_map(|h| find_word(&lower, h)).min();
        // Without a head word the words before a figure name it only when
        // they lead into it ("Kinh tế số chiếm 45%"); otherwise they are a
        // verb or another sentence ("cung cấp 100% dịch vụ công ...").
        let links_in = self.indicator_links.iter().any(|w| ends_with_word(lower.trim_end(), w));
        let named = match head {
            Some(start) => self.named_before(&b[start..]),
            // "... tập trung chỉ đạo thực hiện đảm bảo văn bản điện tử phải
            // đạt 90%": what is measured starts after the last goal verb.
            None if links_in => self.named_before(self.after_last_opener(&b)),
            None => "",
        };
        if !named.is_empty() {
            return named.to_string();
        }
        let a = after.trim_start().trim_start_matches(|c: char| c == ')' || c == ',' || c.is_whitespace());
        let a = self.after.iter().fold(a, |a, (p, _)| a.strip_prefix(p.as_str()).unwrap_or(a)).trim();
        let a: String = a.chars().take(160).collect();
        let a = self.strip_leading(a.trim_end_matches(['.', ';', ',']));
        // Nothing after the figure but a baseline ("giảm 10% so với năm
        // 2024"): the words before it are all there is.
        let a_lower = a.to_lowercase_same_len();
        if a.split_whitespace().count() < 2 || self.baseline_words.iter().any(|w| starts_with_word(&a_lower, w)) {
            let fallback = self.named_before(&b);
            if !fallback.is_empty() {
                return fallback.to_string();
            }
        }
        // "02 vùng nuôi thủy sản ...": the counted noun is part of what is measured.
        match (unit, a.is_empty()) {
            ("%", _) => a.to_string(),
            (_, true) => unit.to_string(),
            (_, false) => format!("{unit} {a}"),
        }
    }

    /// The words before a figure as an indicator: links and leading verbs
    /// trimmed; empty when fewer than two words name something (a time
    /// phrase such as "Đến năm 2013," says when, not what).
    fn named_before<'a>(&self, b: &'a str) -> &'a str {
        let b = self.strip_leading(self.trim_links(b));
        let without_time = self.year.replace_all(b, "");
        if without_time.trim_matches(|c: char| !c.is_alphanumeric()).split_whitespace().count() < 2 {
            return "";
        }
        b
    }

    /// The words after a figure up to where the next figure's indicator
    /// starts: a comma followed by a head word or "trong đó" ("80% thủ tục
    /// ..., trong số đó, tỷ lệ giao dịch ... đạt 30%").
    fn before_next_indicator<'a>(&self, after: &'a str) -> &'a str {
        let lower = after.to_lowercase_same_len();
        let cut = lower.match_indices(',').map(|(i, _)| i).find(|&i| {
            let rest = lower[i + 1..].trim_start();
            self.indicator_heads.iter().chain(&self.indicator_strip).any(|h| starts_with_word(rest, h))
        });
        let after = cut.map_or(after, |i| &after[..i]);
        // "..., trên 70% ...": the next figure's comparator is not ours.
        let mut a = after.trim_end();
        while let Some((p, _)) = self.before.iter().find(|(p, _)| ends_with_word(&a.to_lowercase_same_len(), p)) {
            a = a[..a.len() - p.len()].trim_end();
        }
        a.trim_end_matches([',', ';']).trim_end()
    }

    /// "100% khu công nghiệp có tối thiểu 1 trạm": a count after a
    /// percentage and a criterion word says what the percentage counts; it
    /// is not a goal of its own.
    fn defines_a_percentage(&self, before: &str) -> bool {
        before.rfind('%').is_some_and(|p| {
            let between = &before[p..];
            !between.contains(';') && self.criterion_words.iter().any(|w| contains_word(between, w))
        })
    }

    /// The text after the last goal verb ("đảm bảo", "phấn đấu") in it,
    /// unless that verb links the words before it to the figure ("Chi cho
    /// khoa học ... bảo đảm 3% ...").
    fn after_last_opener<'a>(&self, b: &'a str) -> &'a str {
        let lower = b.to_lowercase_same_len();
        let ends_here = |end: usize| lower[end..].trim_matches(|c: char| c.is_whitespace() || c == ',').is_empty();
        let cut = self
            .indicator_openers
            .iter()
            .filter_map(|o| {
                lower.match_indices(o.as_str()).filter(|(i, _)| find_word(&lower[*i..], o) == Some(0)).map(|(i, _)| i + o.len()).filter(|&e| !ends_here(e)).last()
            })
            .max();
        cut.map_or(b, |i| &b[i..])
    }

    /// Whether a text is empty but for a comparator phrase and fillers.
    fn only_comparator(&self, text: &str) -> bool {
        let lower = text.trim().to_lowercase_same_len();
        let mut rest = lower.as_str();
        loop {
            rest = rest.trim();
            let Some(p) = self.before.iter().map(|(p, _)| p).chain(&self.comparator_fillers).find(|p| starts_with_word(rest, p)) else {
                break;
            };
            rest = &rest[p.len()..];
        }
        rest.is_empty()
    }

    /// Blanks out phrases where a head word is not one ("số hóa", "trong
    /// số đó"), keeping every byte offset.
    fn mask_head_exceptions(&self, mut lower: String) -> String {
        for e in &self.indicator_head_exceptions {
            while let Some(i) = lower.find(e.as_str()) {
                lower.replace_range(i..i + e.len(), &" ".repeat(e.len()));
            }
        }
        lower
    }

    /// The indicator without the verb that links it to the figure ("... đạt").
    fn trim_links<'a>(&self, s: &'a str) -> &'a str {
        let mut s = s.trim_end().trim_end_matches([',', ':', '(']).trim_end();
        // Repeat: "phải đạt từ" loses "từ", then "đạt".
        let trimmed = || self.indicator_links.iter().chain(&self.indicator_tail_words).chain(&self.increase).chain(&self.decrease);
        while let Some(w) = {
            let lower = s.to_lowercase_same_len();
            let kept = self.indicator_kept_endings.iter().any(|k| ends_with_word(&lower, k));
            trimmed().find(|w| !kept && ends_with_word(&lower, w))
        } {
            let rest = s[..s.len() - w.len()].trim_end().trim_end_matches([',', ':', '(']).trim_end();
            // "tốc độ tăng bình quân": a bare head keeps its change word.
            if self.indicator_heads.iter().any(|h| rest.to_lowercase_same_len() == *h) {
                break;
            }
            s = rest;
        }
        s
    }

    fn strip_leading<'a>(&self, mut s: &'a str) -> &'a str {
        loop {
            let t = s.trim_start_matches(['-', '+', '•', ' ', ',', ':']);
            // "Đến năm 2030, diện tích ...", "đến năm 2026 phủ sóng 5G ...": the
            // goal's time is its year, not its name. (A bare "Năm 2025 ..."
            // without its comma may be a name: "năm 2025 và 2026"; the
            // grammar's `year_pattern` captures that bare form as `y3`.)
            if let Some(c) = self.year.captures(t)
                && let Some(m) = c.get(0).filter(|m| m.start() == 0)
                && (t[m.end()..].trim_start().starts_with(',') || c.name("y3").is_none())
            {
                s = &t[m.end()..];
                continue;
            }
            let lower = t.to_lowercase_same_len();
            let Some(w) = self.indicator_strip.iter().find(|w| starts_with_word(&lower, w)) else { return t };
            s = t.get(w.len()..).unwrap_or("");
        }
    }
}

/// The part of a clause between the delimiters around a figure, and where
/// the figure ends within it.
fn segment_around(lower: &str, start: usize, end: usize) -> (&str, usize) {
    let delims: &[char] = &[',', ';', '(', ')'];
    let from = lower[..start].rfind(delims).map_or(0, |i| i + 1);
    let to = lower[end..].find(delims).map_or(lower.len(), |i| end + i);
    (&lower[from..to], end - from)
}

/// Where a clause's quotation marks (typographic “ ” or straight ") stand,
/// found once: counting them again for each figure made a clause with
/// thousands of figures quadratic.
#[derive(Default)]
struct Quotes {
    open: Vec<usize>,
    close: Vec<usize>,
    straight: Vec<usize>,
}

impl Quotes {
    fn of(clause: &str) -> Quotes {
        let mut q = Quotes::default();
        if !clause.contains(['“', '”', '"']) {
            return q;
        }
        for (i, c) in clause.char_indices() {
            match c {
                '“' => q.open.push(i),
                '”' => q.close.push(i),
                '"' => q.straight.push(i),
                _ => {}
            }
        }
        q
    }

    /// Whether the text from `start` to `end` stands inside quotation marks:
    /// more opened than closed before it and a closing one after it.
    fn around(&self, start: usize, end: usize) -> bool {
        let before = |marks: &[usize]| marks.partition_point(|&p| p < start);
        let after = |marks: &[usize]| marks.last().is_some_and(|&p| p >= end);
        let curly = before(&self.open) > before(&self.close) && after(&self.close);
        curly || before(&self.straight) % 2 == 1 && after(&self.straight)
    }
}

/// Text with closed bracketed asides removed.
fn outside_brackets(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}


/// "88,61" -> 88.61, "1.000" -> 1000, "03" -> 3.
pub fn parse_value(s: &str) -> f64 {
    let s = if s.matches('.').count() >= 1 && s.split('.').skip(1).all(|p| p.len() == 3 || p.contains(',')) {
        s.replace('.', "")
    } else {
        s.to_string()
    };
    s.replace(',', ".").parse().unwrap_or(0.0)
}

