//! Word-level text tests shared by the extractors. Grammar phrases match
//! only as whole words, never inside a longer word or number ("2025" is not
//! a hit in "20255"), and lower-casing keeps byte offsets so a hit found in
//! the lowered text can slice the original.

/// Lower case that keeps every byte offset valid in the original string, so
/// positions found in the lowered text can slice the original.
pub trait LowerSameLen {
    fn to_lowercase_same_len(&self) -> String;
}

impl LowerSameLen for str {
    fn to_lowercase_same_len(&self) -> String {
        self.chars()
            .map(|c| {
                if c.is_ascii() {
                    return c.to_ascii_lowercase();
                }
                let mut l = c.to_lowercase();
                match (l.next(), l.next()) {
                    (Some(lc), None) if lc.len_utf8() == c.len_utf8() => lc,
                    _ => c,
                }
            })
            .collect()
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Where `w` occurs not preceded by a word character.
fn word_starts<'a>(hay: &'a str, w: &'a str) -> impl Iterator<Item = usize> + 'a {
    hay.match_indices(w).map(|(i, _)| i).filter(|&i| hay[..i].chars().last().is_none_or(|c| !is_word_char(c)))
}

pub(crate) fn find_word(hay: &str, w: &str) -> Option<usize> {
    word_starts(hay, w).find(|&i| hay[i + w.len()..].chars().next().is_none_or(|c| !is_word_char(c)))
}

/// Where `w` first stands as a word before a number or one of `followers`
/// ("theo Điều 5", "theo khoản này"), not before any other word ("theo
/// điều tra"). `hay` is lower case.
pub(crate) fn find_word_before(hay: &str, w: &str, followers: &[String]) -> Option<usize> {
    word_starts(hay, w).find(|&i| {
        let after = &hay[i + w.len()..];
        let next = after.trim_start();
        after.starts_with(char::is_whitespace)
            && (next.starts_with(|c: char| c.is_ascii_digit()) || followers.iter().any(|f| starts_with_word(next, f)))
    })
}

pub(crate) fn contains_word(hay: &str, w: &str) -> bool {
    find_word(hay, w).is_some()
}

pub(crate) fn ends_with_word(hay: &str, w: &str) -> bool {
    hay.strip_suffix(w).is_some_and(|rest| rest.chars().last().is_none_or(|c| !is_word_char(c)))
}

pub(crate) fn starts_with_word(hay: &str, w: &str) -> bool {
    hay.strip_prefix(w).is_some_and(|rest| rest.chars().next().is_none_or(|c| !is_word_char(c)))
}

/// A footnote mark a document glues to a word ("đơn giản hóa¹", "2412/UBND-NC₁"):
/// a superscript or subscript digit, no part of the word.
pub fn is_footnote_mark(c: char) -> bool {
    crate::normalize::is_superscript_digit(c) || ('\u{2080}'..='\u{2089}').contains(&c)
}
