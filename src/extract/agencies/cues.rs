//! The phrases around names that say who is asked to do what: assignment
//! ("Giao", "Đề nghị"), lead and support phrases, labels, boilerplate and
//! closing formulas.

use super::*;

impl AgencyGrammar {
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

    /// Whether `toks[j]` is a dash opening a duty: a bullet glued onto the
    /// line before it when the line break was lost.
    pub fn glued_bullet_at(&self, toks: &[Tok], j: usize) -> bool {
        toks.get(j).is_some_and(|t| t.key() == "-") && starts_any(toks, j + 1, &self.glued_bullet_duties).is_some()
    }

    /// "Trách nhiệm thực hiện Sở Văn hoá ...": an implementation heading
    /// run into the agency that opens the text under it (the line break
    /// lost). The heading's length in tokens. ("Tổ chức thực hiện các văn
    /// bản ..." goes on with a duty: no heading.)
    pub fn run_in_heading_len(&self, toks: &[Tok]) -> Option<usize> {
        let n = starts_any(toks, 0, &self.implementation_headings)?;
        self.starts_agency(toks, n).then_some(n)
    }

    /// Whether tokens at `i` open with a head that names only before a
    /// lead phrase (see `lead_phrase_heads`).
    pub fn starts_lead_phrase_head(&self, toks: &[Tok], i: usize) -> bool {
        starts_any(toks, i, &self.lead_phrase_heads).is_some()
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
