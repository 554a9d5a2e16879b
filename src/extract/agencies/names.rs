//! Reading agency names and lists of them from a clause's tokens: heads,
//! known names, qualifiers ("tỉnh Bắc Ninh"), asides and colon lists.

use super::*;

impl AgencyGrammar {
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
        // "Bảo hiểm xã hội Việt Nam, cơ quan bảo hiểm xã hội các cấp": a
        // kind followed by a body's name in lower case is another agency.
        // ("các Tổ đại biểu, đại biểu Hội đồng nhân dân" goes on: a name in
        // capitals after the kind is whose members they are.)
        let names_own = toks.get(j + 1 + n).is_some_and(|t| t.text.starts_with(char::is_lowercase)) && starts_any_case(toks, j + 1 + n, &self.heads).is_some();
        (lower && !heads_members && !names_own).then_some(n + 1)
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
    pub(super) fn opens_name(&self, toks: &[Tok], i: usize) -> bool {
        starts_any(toks, i, &self.known).is_some() || starts_any(toks, i, &self.heads).is_some()
    }

    /// Whether the tokens `i..end` are a head and nothing more ("Các Sở"),
    /// not a known name.
    pub fn is_head_alone(&self, toks: &[Tok], i: usize, end: usize) -> bool {
        starts_any(toks, i, &self.known).is_none() && starts_any(toks, i, &self.heads) == Some(end.saturating_sub(i))
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

    /// "Phòng Kinh tế, Hạ tầng và Đô thị (hoặc phòng Kinh tế) cấp xã": an
    /// aside in brackets that a level qualifier follows sits inside the
    /// name, which the qualifier ends; the length of the aside. Without a
    /// qualifier after it ("Sở Y tế (Chi cục ATTP) chủ trì") the name ends
    /// at the bracket.
    pub(super) fn aside_before_qualifier(&self, toks: &[Tok], j: usize, text: &str) -> Option<usize> {
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
}
