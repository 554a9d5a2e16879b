//! Placeholder until the full tone-placement key lands.
use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;

pub fn fold_key(s: &str) -> String {
    let mut out: String = s.nfc().flat_map(char::to_lowercase).collect();
    for (a, b) in [("uỷ", "ủy"), ("oà", "òa"), ("oá", "óa"), ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa"), ("uý", "úy"), ("uỳ", "ùy"), ("uỹ", "ũy"), ("uỵ", "ụy"), ("oẻ", "ỏe"), ("oé", "óe"), ("oè", "òe")] {
        out = out.replace(a, b);
    }
    out.replace('ð', "đ")
}

pub fn fix_chars(s: &str) -> Cow<'_, str> {
    if s.chars().any(|c| matches!(c, '\u{00D0}' | '\u{00F0}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' | '\u{00A0}' | '\u{202F}')) {
        Cow::Owned(s.chars().filter_map(|c| match c {
            '\u{00D0}' => Some('Đ'),
            '\u{00F0}' => Some('đ'),
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => None,
            '\u{00A0}' | '\u{202F}' => Some(' '),
            c => Some(c),
        }).collect())
    } else {
        Cow::Borrowed(s)
    }
}
