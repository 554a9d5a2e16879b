//! Deadlines: "Quý IV/2025", "trước ngày 31/12/2025", "đến năm 2030",
//! "Thường xuyên"... read into a [`Deadline`] whose `by` is the last day of
//! the period, so a tracking system can sort and flag overdue items.

use super::clauses::first_break;
use super::words::{LowerSameLen, contains_word, ends_with_word};
use crate::grammar::lowered;
use crate::model::Deadline;
use regex::{Regex, RegexSet};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
pub struct RawDeadlines {
    rule: Vec<RawRule>,
    cues: Vec<String>,
    #[serde(default)]
    citation_date_words: Vec<String>,
    #[serde(default)]
    due_day_pattern: Option<String>,
    #[serde(default)]
    issue_words: Vec<String>,
    #[serde(default)]
    start_words: Vec<String>,
    #[serde(default)]
    open_ends: Vec<String>,
    #[serde(default)]
    due_words: Vec<String>,
    #[serde(default)]
    horizon_words: Vec<String>,
    #[serde(default = "default_chain_words")]
    chain_words: usize,
}

fn default_chain_words() -> usize {
    4
}

#[derive(Deserialize)]
struct RawRule {
    kind: Kind,
    pattern: String,
    #[serde(default)]
    recurrence: Option<String>,
    /// The month a phrase without a month group ends in ("6 tháng đầu năm 2025": 6).
    #[serde(default)]
    month: Option<i32>,
    /// The pattern holds its own cue word ("trước 15/12"): no cue is looked
    /// for before it.
    #[serde(default)]
    cued: bool,
    /// A bare figure of a month kind ("6/2025"): in running text a date only
    /// after a cue word, like a year.
    #[serde(default)]
    needs_cue: bool,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
enum Kind {
    Day,
    /// A day of a month without a year ("trước ngày 15/12 hằng năm"): dated
    /// by its recurrence or the reader, never given a `by`.
    DayMonth,
    Quarter,
    Month,
    Year,
    YearRange,
    FromYear,
    Recurrence,
    Within,
}

struct Rule {
    kind: Kind,
    re: Regex,
    recurrence: Option<String>,
    month: Option<i32>,
    cued: bool,
    needs_cue: bool,
}

pub struct DeadlineGrammar {
    rules: Vec<Rule>,
    /// All rules in one automaton: one pass tells which rules can match a
    /// text (most texts hold no time phrase), instead of one pass per rule.
    rule_set: RegexSet,
    cues: Vec<String>,
    citation_date_words: Vec<String>,
    /// "trước ngày 15": a due day that makes a recurrence in running text a deadline.
    due_day: Option<Regex>,
    /// Words that count a time limit from the document's own issue.
    issue_words: Vec<String>,
    /// "Thời gian thực hiện:" inside running text: what follows the colon, to
    /// the end of its clause, is a time field.
    field_label: Option<Regex>,
    /// "từ ... đến khi ...": a period that starts at the phrase and ends
    /// with an event, not on a day.
    start_words: Vec<String>,
    open_ends: Vec<String>,
    /// Words that make a phrase a due date ("trước", "chậm nhất", "hoàn thành").
    due_words: Vec<String>,
    /// Most words between two phrases of one timeline.
    chain_words: usize,
    /// "tầm nhìn đến năm 2050": the horizon of a cited plan, not a time limit.
    horizon_words: Vec<String>,
}

/// One deadline phrase found in a text, with its byte range.
#[derive(Debug, Clone)]
struct Found {
    start: usize,
    end: usize,
    deadline: Deadline,
}

impl DeadlineGrammar {
    /// `time_labels` are the labels of a deadline field (agencies.toml
    /// `[labels] deadline`): one opening a clause of running text makes the
    /// rest of that clause a time field.
    pub fn compile(raw: RawDeadlines, time_labels: &[String]) -> Result<Self, regex::Error> {
        let rule_set = RegexSet::new(raw.rule.iter().map(|r| &r.pattern))?;
        let rules = raw
            .rule
            .into_iter()
            .map(|r| Ok(Rule { kind: r.kind, re: Regex::new(&r.pattern)?, recurrence: r.recurrence, month: r.month, cued: r.cued, needs_cue: r.needs_cue }))
            .collect::<Result<_, regex::Error>>()?;
        let due_day = raw.due_day_pattern.as_deref().map(Regex::new).transpose()?;
        let mut labels: Vec<String> = time_labels.iter().map(|l| regex::escape(l)).collect();
        labels.sort_by_key(|l| std::cmp::Reverse(l.len()));
        // A label opens its clause: at the start, or after a separator.
        let field_label = (!labels.is_empty())
            .then(|| Regex::new(&format!(r"(?i)(?:^|[;.,(\n]\s*)(?:{})\s*:", labels.join("|"))))
            .transpose()?;
        Ok(DeadlineGrammar {
            rules,
            rule_set,
            cues: lowered(&raw.cues),
            citation_date_words: lowered(&raw.citation_date_words),
            due_day,
            issue_words: lowered(&raw.issue_words),
            field_label,
            start_words: lowered(&raw.start_words),
            open_ends: lowered(&raw.open_ends),
            due_words: lowered(&raw.due_words),
            chain_words: raw.chain_words,
            horizon_words: lowered(&raw.horizon_words),
        })
    }

    /// The deadline written in a field that holds nothing else (a table's
    /// time column, "Thời gian thực hiện: ..."): every phrase counts.
    pub fn parse_field(&self, text: &str) -> Option<Deadline> {
        self.combine(text, self.find_all(text, false), true)
    }

    /// A deadline inside running text: bare years need a cue word before
    /// them ("trong năm 2025", "đến năm 2030"), so "so với năm 2021" is not one.
    pub fn parse_in_text(&self, text: &str) -> Option<Deadline> {
        let (found, close) = self.due_timeline(text, self.find_all(text, true));
        self.combine(text, found, close)
    }

    /// Running text can state several time limits far apart: "hoàn thành
    /// chậm nhất trước ngày 31/12/2025; xây dựng lại nhà ... chậm nhất trước
    /// ngày 31/01/2026", "tiếp tục xử lý trong năm 2025 ... Các Báo cáo trên
    /// gửi Bộ Tư pháp trước ngày 05/12/2025". Phrases close together in one
    /// clause form one timeline ("từ quý 1/2021, sơ kết quý 3/2023, tổng kết
    /// quý 4/2025"); of the timelines, the task falls due by the first that a
    /// due word introduces, else by the first. A later one is another step
    /// or another agency's, and a timeline never reaches across them.
    fn due_timeline(&self, text: &str, found: Vec<Found>) -> (Vec<Found>, bool) {
        // Each timeline, and whether its phrases stand close together.
        let mut timelines: Vec<(Vec<Found>, bool)> = Vec::new();
        for f in found {
            let link = timelines.last().and_then(|(t, _)| t.last()).and_then(|p| self.link(text, p, &f));
            match (timelines.last_mut(), link) {
                // (a run of more phrases is a list of dates, not one timeline:
                // each would carry all the others as its milestones)
                (Some((t, close)), Some(near)) if t.len() < TIMELINE_PHRASES => {
                    t.push(f);
                    *close &= near;
                }
                _ => timelines.push((vec![f], true)),
            }
        }
        let due = timelines.iter().position(|(t, _)| t.iter().any(|f| self.is_due(text, f.start, f.end)));
        timelines.into_iter().nth(due.unwrap_or(0)).unwrap_or_default()
    }

    /// Whether the text between two phrases keeps them in one timeline, and
    /// if so whether they stand close: no clause break, and a few words, or
    /// any number when the later one cannot stand alone, a recurrence or a
    /// day without a year ("hằng năm ... báo cáo kết quả trước ngày 20/11").
    fn link(&self, text: &str, a: &Found, b: &Found) -> Option<bool> {
        let from = a.end.min(b.start);
        if first_break(text, from, b.start).is_some() {
            return None;
        }
        let gap = &text[from..b.start];
        let near = gap.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count() <= self.chain_words;
        let leans = |f: &Found| f.deadline.recurrence.is_some() || f.deadline.year.is_none() && f.deadline.month.is_some();
        (near || leans(a) || leans(b)).then_some(near)
    }

    /// Whether a due word ends the text just before a phrase, or opens it
    /// ("chậm nhất 05 ngày", "trước 15/12"), within its last three words.
    fn is_due(&self, text: &str, start: usize, end: usize) -> bool {
        let (_, tail) = lower_tail(&text[..start]);
        let words: Vec<&str> = tail.split_whitespace().collect();
        let before = words[words.len().saturating_sub(3)..].join(" ");
        let own = text[start..end].to_lowercase();
        self.due_words.iter().any(|w| contains_word(&before, w) || own.starts_with(w.as_str()))
    }

    /// Dates a time limit counted from the document's own issue ("chậm
    /// nhất 05 ngày làm việc kể từ ngày ban hành Quyết định") from the
    /// document's date (`issued`, "YYYY-MM-DD"). Working days skip
    /// Saturdays and Sundays; public holidays are not known here.
    pub fn date_from_issue(&self, d: &mut Deadline, issued: &str) {
        if d.by.is_some() {
            return;
        }
        let Some(start) = parse_iso(issued) else { return };
        let Some(caps) = self.rules.iter().filter(|r| r.kind == Kind::Within).find_map(|r| r.re.captures(&d.text)) else { return };
        let from = caps.name("from").map(|m| m.as_str().to_lowercase()).unwrap_or_default();
        if !self.issue_words.iter().any(|w| from.contains(w.as_str())) {
            return;
        }
        let Some(days) = caps.name("days").and_then(|m| m.as_str().parse::<i64>().ok()) else { return };
        let mut day = start;
        if caps.name("working").is_some() {
            let mut left = days;
            while left > 0 {
                day += 1;
                // (day 0, 1970-01-01, was a Thursday)
                if !matches!(day.rem_euclid(7), 2 | 3) {
                    left -= 1;
                }
            }
        } else {
            day += days;
        }
        let (y, m, dd) = civil_from_days(day);
        d.year = Some(y);
        d.month = Some(m as u8);
        d.day = Some(dd as u8);
        d.by = Some(format!("{y:04}-{m:02}-{dd:02}"));
    }

    /// `close`: the phrases stand close together, and the text runs from the
    /// first to the last; otherwise it is the last phrase alone.
    fn combine(&self, text: &str, found: Vec<Found>, close: bool) -> Option<Deadline> {
        let (last, earlier) = found.split_last()?;
        let mut d = last.deadline.clone();
        let start = if close { found.first().map_or(last.start, |f| f.start) } else { last.start };
        let mut end = last.end;
        // "Từ tháng 11/2025 đến khi kết thúc Tổng kiểm kê": the work starts
        // then and runs until an event; it falls due on no day. ("từ ngày
        // 01/7/2025" alone is the day by which to be ready.)
        let open_end = || {
            let rest = text[last.end..].trim_start();
            let head = rest[..rest.floor_char_boundary(TAIL_BYTES)].to_lowercase();
            self.open_ends.iter().any(|w| head.starts_with(w.as_str()))
        };
        let start = match self.start_word_before(&text[..last.start]) {
            Some(at) if d.recurrence.is_none() && open_end() => {
                d.by = None;
                d.recurrence = Some("continuous".to_string());
                end = clause_end(text, last.end);
                if found.len() == 1 { at } else { start }
            }
            _ => start,
        };
        let (start, end) = balance_brackets(text, start, end);
        d.text = text[start..end].trim().trim_end_matches(['.', ';', ',']).to_string();
        d.milestones = earlier.iter().map(|f| f.deadline.clone()).collect();
        // "Thường xuyên, hằng năm" is still a recurrence, not dated.
        if d.year.is_none() && d.recurrence.is_none() {
            d.recurrence = earlier.iter().rev().find_map(|f| f.deadline.recurrence.clone());
        }
        // "hoàn thành trước ngày 30/11/2025, báo cáo trước ngày 05/12": a
        // day without a year follows the dated step before it.
        if d.year.is_none() && d.recurrence.is_none()
            && let (Some(m), Some(day)) = (d.month, d.day)
            && let Some(prev) = d.milestones.iter().rev().find(|p| p.year.is_some() && p.by.is_some())
            && let Some(py) = prev.year
        {
            let y = if prev.month.is_some_and(|pm| m < pm) { py + 1 } else { py };
            d.year = Some(y);
            d.by = Some(format!("{y:04}-{m:02}-{day:02}"));
        }
        // "trước ngày 15/12 hằng năm": the recurrence falls due on that day.
        if d.recurrence.is_some() && d.year.is_none() && d.month.is_none() {
            let yearless = |f: &Deadline| f.year.is_none() && f.month.is_some();
            if let Some(day) = d.milestones.iter().rev().find(|m| yearless(m)) {
                (d.month, d.day) = (day.month, day.day);
            }
            d.milestones.retain(|m| !yearless(m));
        }
        Some(d)
    }

    fn find_all(&self, text: &str, need_cue: bool) -> Vec<Found> {
        let fields = if need_cue { self.time_fields(text) } else { Vec::new() };
        let mut found: Vec<Found> = Vec::new();
        // The spans taken so far, start -> end. They never overlap, so the one
        // starting last before a match's end is the only one it can overlap;
        // a scan of `found` per match made a long paragraph quadratic.
        let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
        // Whether the text names a due day: asked per recurrence, answered once.
        let mut has_due_day: Option<bool> = None;
        for rule in self.rule_set.matches(text).into_iter().map(|i| &self.rules[i]) {
            for caps in rule.re.captures_iter(text) {
                let Some(m) = caps.get(0) else { continue };
                if taken.range(..m.end()).next_back().is_some_and(|(_, &end)| m.start() < end) {
                    continue;
                }
                // Inside "thời gian thực hiện: ..." every phrase counts, as in a time column.
                let need_cue = need_cue && !fields.iter().any(|&(s, e)| s <= m.start() && m.end() <= e);
                // In running text "hằng năm" says how a duty is done, unless a
                // due day comes with it ("định kỳ hằng quý, trước ngày 15").
                if need_cue
                    && rule.kind == Kind::Recurrence
                    && !*has_due_day.get_or_insert_with(|| self.due_day.as_ref().is_some_and(|d| d.is_match(text)))
                {
                    continue;
                }
                if need_cue && self.dates_a_citation(&text[..m.start()]) {
                    continue;
                }
                let cue_kind = !rule.cued && matches!(rule.kind, Kind::Year | Kind::YearRange | Kind::Day | Kind::DayMonth);
                if need_cue && (cue_kind || rule.needs_cue) && !self.has_cue(&text[..m.start()]) {
                    continue;
                }
                if need_cue && matches!(rule.kind, Kind::Year | Kind::YearRange) && (self.is_horizon(&text[..m.start()]) || self.horizon_follows(&text[m.end()..])) {
                    continue;
                }
                if let Some(deadline) = read(rule, &caps) {
                    taken.entry(m.start()).and_modify(|e| *e = (*e).max(m.end())).or_insert(m.end());
                    found.push(Found { start: m.start(), end: m.end(), deadline });
                }
            }
        }
        found.sort_by_key(|f| f.start);
        found
    }

    /// Where a start word ("từ") right before a phrase begins, if there is one.
    fn start_word_before(&self, before: &str) -> Option<usize> {
        let (from, lower) = lower_tail(before);
        self.start_words.iter().find_map(|w| {
            let at = lower.len().checked_sub(w.len())?;
            // A word at the very start of a cut tail may be the end of a longer one.
            (ends_with_word(&lower, w) && (at > 0 || from == 0)).then_some(from + at)
        })
    }

    /// The byte ranges of running text that hold a labelled time field
    /// ("...; thời gian thực hiện: năm 2025 - 2026."): from the colon to the
    /// end of the clause.
    fn time_fields(&self, text: &str) -> Vec<(usize, usize)> {
        let Some(label) = self.field_label.as_ref().filter(|_| text.contains(':')) else { return Vec::new() };
        label
            .find_iter(text)
            .map(|m| (m.end(), clause_end(text, m.end())))
            .collect()
    }

    /// Whether a phrase is (part of) the date of a cited document:
    /// "Quyết định số 1441/QĐ-TTg ngày 06 tháng 10 năm 2008" must not make
    /// "tháng 10 năm 2008" a deadline. `before` is the text up to the phrase.
    fn dates_a_citation(&self, before: &str) -> bool {
        let mut rest = before.trim_end();
        // Inside "ngày 06 tháng 10 ...": step back over the day number.
        rest = rest.trim_end_matches(|c: char| c.is_ascii_digit() || c.is_whitespace());
        // Only the end is compared: lower-casing all of `before` per phrase
        // made a long paragraph quadratic.
        let (_, lower) = lower_tail(rest);
        let Some(word) = self.citation_date_words.iter().find(|w| lower.ends_with(w.as_str())) else { return false };
        let symbol = rest[..rest.len() - word.len()].trim_end().rsplit(char::is_whitespace).next().unwrap_or("");
        // A document symbol: digits, then "/" or "-", then capitals ("1441/QĐ-TTg", "57-NQ/TW").
        symbol.starts_with(|c: char| c.is_ascii_digit())
            && symbol.contains(['/', '-'])
            && symbol.chars().any(char::is_uppercase)
    }

    /// Whether a year follows a horizon word and its cue ("tầm nhìn đến năm").
    fn is_horizon(&self, before: &str) -> bool {
        let (_, tail) = lower_tail(before);
        let tail = self.before_cue(&tail).map_or(tail.as_str(), str::trim_end);
        self.horizon_words.iter().any(|w| tail.ends_with(w.as_str()))
    }

    /// Whether a horizon comes right after a period ("Quy hoạch chung ... đến
    /// năm 2045, tầm nhìn đến năm 2065"): the period names a plan, it sets
    /// no time limit.
    fn horizon_follows(&self, after: &str) -> bool {
        let head = after.trim_start_matches([',', ' ']);
        let head = &head[..head.floor_char_boundary(TAIL_BYTES)];
        let lower = head.to_lowercase();
        self.horizon_words.iter().any(|w| lower.starts_with(w.as_str()))
    }

    fn has_cue(&self, before: &str) -> bool {
        // The cue must lead straight into the phrase ("trước ngày", "đến năm"),
        // so "so với năm 2021" or a cue two clauses back does not count.
        let (_, tail) = lower_tail(before);
        self.before_cue(tail.trim_end_matches([',', ':']).trim_end()).is_some()
    }

    /// What a lower-cased `tail` holds before the cue it ends with (the
    /// first such cue in the grammar's order), if it ends with one.
    fn before_cue<'t>(&self, tail: &'t str) -> Option<&'t str> {
        self.cues.iter().find_map(|c| tail.strip_suffix(c.as_str()))
    }
}

/// Bytes before a phrase in which a cue or a start word is looked for, and
/// after it in which an open end is (more than any of them takes, with its
/// punctuation).
const TAIL_BYTES: usize = 64;

/// The most phrases one timeline holds ("từ quý 1/2021, sơ kết quý 3/2023,
/// tổng kết quý 4/2025" holds three).
const TIMELINE_PHRASES: usize = 8;

/// The lower-cased end of the text before a phrase, and where it starts in
/// that text: only the words just before a phrase decide how it is read.
/// Lower-casing keeps every char's length, so a position in the tail is one
/// in `before` too.
fn lower_tail(before: &str) -> (usize, String) {
    let trimmed = before.trim_end();
    let from = trimmed.floor_char_boundary(trimmed.len().saturating_sub(TAIL_BYTES));
    (from, trimmed[from..].to_lowercase_same_len())
}

/// Where the clause going on at `from` ends (see [`first_break`]), its
/// trailing spaces left out.
fn clause_end(text: &str, from: usize) -> usize {
    let end = first_break(text, from, text.len()).unwrap_or(text.len());
    from + text[from..end].trim_end().len()
}

fn read(rule: &Rule, caps: &regex::Captures) -> Option<Deadline> {
    let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<i32>().ok());
    let mut d = Deadline { text: caps.get(0)?.as_str().trim().to_string(), ..Default::default() };
    match rule.kind {
        Kind::Day => {
            let (y, m, day) = (num("year")?, num("month")?, num("day")?);
            if !(1..=12).contains(&m) || day < 1 || day > days_in_month(y, m as u32) as i32 {
                return None;
            }
            d.year = Some(y);
            d.month = Some(m as u8);
            d.day = Some(day as u8);
            d.by = Some(format!("{y:04}-{m:02}-{day:02}"));
        }
        Kind::DayMonth => {
            let (m, day) = (num("month")?, num("day")?);
            // (any year: 29/02 is a due day in leap years)
            if !(1..=12).contains(&m) || day < 1 || day > days_in_month(2000, m as u32) as i32 {
                return None;
            }
            d.month = Some(m as u8);
            d.day = Some(day as u8);
        }
        Kind::Quarter => {
            let q = quarter(caps.name("quarter")?.as_str())?;
            let y = num("year")?;
            d.year = Some(y);
            d.quarter = Some(q);
            let m = q as u32 * 3;
            d.by = Some(format!("{y:04}-{m:02}-{:02}", days_in_month(y, m)));
        }
        Kind::Month => {
            let (y, m) = (num("year")?, num("month").or(rule.month)?);
            if !(1..=12).contains(&m) {
                return None;
            }
            d.year = Some(y);
            d.month = Some(m as u8);
            d.by = Some(format!("{y:04}-{m:02}-{:02}", days_in_month(y, m as u32)));
        }
        Kind::Year => {
            let y = num("year")?;
            d.year = Some(y);
            d.by = Some(format!("{y:04}-12-31"));
        }
        Kind::YearRange => {
            let (y1, y2) = (num("year")?, num("year2")?);
            if y2 < y1 || y2 - y1 > 30 {
                return None;
            }
            d.year = Some(y2);
            d.by = Some(format!("{y2:04}-12-31"));
        }
        Kind::FromYear => {
            d.year = Some(num("year")?);
            d.recurrence = Some("continuous".to_string());
        }
        Kind::Recurrence => d.recurrence = rule.recurrence.clone(),
        // Dated, if at all, once the document's date is known (`date_from_issue`).
        Kind::Within => {}
    }
    Some(d)
}

/// Days since 1970-01-01 of an ISO date.
fn parse_iso(date: &str) -> Option<i64> {
    let mut parts = date.get(..10)?.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    (1..=12).contains(&m).then(|| days_from_civil(y, m, d))
}

// Howard Hinnant's civil-calendar conversions (proleptic Gregorian).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    (y, m, d)
}

fn quarter(s: &str) -> Option<u8> {
    match s.to_uppercase().as_str() {
        "I" | "1" => Some(1),
        "II" | "2" => Some(2),
        "III" | "3" => Some(3),
        "IV" | "4" => Some(4),
        _ => None,
    }
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A span of phrases that starts or ends inside brackets widened to hold
/// them whole: "định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày
/// 15/12)" reads "(trước ngày 15/6) và hằng năm (trước ngày 15/12)", not
/// "ngày 15/6) và hằng năm (trước ngày 15/12".
fn balance_brackets(text: &str, mut start: usize, mut end: usize) -> (usize, usize) {
    let mut depth = 0i32;
    let mut unopened = false;
    for b in text[start..end].bytes() {
        match b {
            b'(' => depth += 1,
            b')' if depth == 0 => unopened = true,
            b')' => depth -= 1,
            _ => {}
        }
    }
    if unopened && let Some(open) = text[..start].rfind('(').filter(|&i| !text[i..start].contains(')')) {
        start = open;
    }
    if depth > 0 && let Some(close) = text[end..].find(')').filter(|&i| !text[end..end + i].contains('(')) {
        end += close + 1;
    }
    (start, end)
}
