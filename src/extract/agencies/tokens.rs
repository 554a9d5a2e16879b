//! Tokens of a clause and phrase matching on their fold keys.

use super::{Phrase, Phrases, Tok, phrase_list};
use crate::normalize::vietnamese::fold_key;
use std::cell::OnceCell;

pub(super) fn starts_any(toks: &[Tok], i: usize, list: &Phrases) -> Option<usize> {
    let first = list.by_first.get(toks.get(i)?.key())?;
    first.iter().map(|&k| &list.list[k as usize]).find(|p| starts_with(toks, i, p)).map(|p| p.len())
}

/// [`starts_any`] whatever the case of the first word.
pub(super) fn starts_any_case(toks: &[Tok], i: usize, list: &Phrases) -> Option<usize> {
    let first = list.by_first.get(toks.get(i)?.key())?;
    first.iter().map(|&k| &list.list[k as usize]).find(|p| words_at(toks, i, p)).map(|p| p.len())
}

pub(super) fn starts_with(toks: &[Tok], i: usize, p: &Phrase) -> bool {
    words_at(toks, i, p) && (!p.cap || toks[i].text.chars().next().is_some_and(char::is_uppercase))
}

/// Whether the phrase's words stand at token `i`, case aside.
fn words_at(toks: &[Tok], i: usize, p: &Phrase) -> bool {
    i + p.len() <= toks.len() && p.words.iter().zip(&toks[i..]).all(|(w, t)| *w == t.key())
}

/// First occurrence at or after `from`: (index, length).
pub fn find_any(toks: &[Tok], from: usize, list: &Phrases) -> Option<(usize, usize)> {
    (from..toks.len()).find_map(|i| starts_any(toks, i, list).map(|n| (i, n)))
}

/// Whether a line break comes before token `j`: a name never runs on into
/// the next paragraph ("... và cơ quan, đơn vị có liên quan" over "- Là cơ
/// quan đầu mối ...").
pub(super) fn breaks_line(toks: &[Tok], j: usize, text: &str) -> bool {
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
pub(super) fn any_case_phrases(list: &[String]) -> Phrases {
    Phrases::new(phrase_list(list).into_iter().map(|p| Phrase { cap: false, ..p }).collect())
}

/// Words or phrases as fold keys, for comparing with a token's key or a
/// folded text.
pub(super) fn folded_keys(list: &[String]) -> Vec<String> {
    list.iter().map(|s| fold_key(s.trim())).filter(|s| !s.is_empty()).collect()
}

/// The first `n` words of `text` (cut at a space, so its tokens are the
/// first tokens of the whole).
pub fn words_prefix(text: &str, n: usize) -> &str {
    text.match_indices(' ').nth(n).map_or(text, |(i, _)| &text[..i])
}

/// Whether `text`, its colon and white space aside, ends with one of the
/// folded `keys`.
pub(super) fn ends_with_any_folded(keys: &[String], text: &str) -> bool {
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
pub(super) const REPEALED_NOTE_BYTES: usize = 80;

/// The longest rest of a sentence read as a bare duty.
pub(super) const BARE_DUTY_BYTES: usize = 80;

/// Bytes at the end of a text that an ending key can span.
const ENDING_BYTES: usize = 200;

/// Whether `text`, folded, holds one of the folded `keys` (an empty list
/// folds nothing).
pub(super) fn holds_any_folded(keys: &[String], text: &str) -> bool {
    if keys.is_empty() {
        return false;
    }
    let key = fold_key(text);
    keys.iter().any(|b| key.contains(b.as_str()))
}
