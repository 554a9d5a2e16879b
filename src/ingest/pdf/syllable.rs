//! Vietnamese spelling knowledge used by the PDF reader: is a token a
//! possible Vietnamese syllable, and does a whole text look like Vietnamese
//! or like the damage a text layer without a usable ToUnicode map produces.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

const ONSETS: &[&str] = &[
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g", "h", "k", "l", "m",
    "n", "p", "r", "s", "t", "v", "x", "",
];

/// Rhymes without tone marks (vowel quality marks kept). Deliberately a bit
/// generous (loanword rhymes such as "oong"): the list is used to *allow*
/// a merge only when the merged form is a syllable, so a missing rhyme just
/// leaves a split unrepaired.
const RHYMES: &[&str] = &[
    "a", "ac", "ach", "ai", "am", "an", "ang", "anh", "ao", "ap", "at", "au", "ay", "ăc", "ăm", "ăn", "ăng", "ăp",
    "ăt", "âc", "âm", "ân", "âng", "âp", "ât", "âu", "ây", "e", "ec", "em", "en", "eng", "eo", "ep", "et", "ê", "êch",
    "êm", "ên", "êng", "ênh", "êp", "êt", "êu", "i", "ia", "ich", "iêc", "iêm", "iên", "iêng", "iêp", "iêt", "iêu",
    "im", "in", "inh", "ip", "it", "iu", "o", "oa", "oac", "oach", "oai", "oan", "oang", "oanh", "oao", "oap", "oat",
    "oay", "oăc", "oăm", "oăn", "oăng", "oăt", "oc", "oe", "oen", "oeo", "oet", "oi", "om", "on", "ong", "ooc", "oong",
    "op", "ot", "ô", "ôc", "ôi", "ôm", "ôn", "ông", "ôp", "ôt", "ơ", "ơi", "ơm", "ơn", "ơp", "ơt", "u", "ua", "uân",
    "uâng", "uât", "uây", "uc", "uê", "uênh", "ui", "um", "un", "ung", "uô", "uôc", "uôi", "uôm", "uôn", "uông", "uôt",
    "uơ", "up", "ut", "uy", "uya", "uych", "uyên", "uyêt", "uyn", "uynh", "uyp", "uyt", "uyu", "ư", "ưa", "ưc", "ưi",
    "ưm", "ưn", "ưng", "ươc", "ươi", "ươm", "ươn", "ương", "ươp", "ươt", "ươu", "ưt", "ưu", "y", "yêm", "yên", "yêng",
    "yêt", "yêu",
];

/// Tone marks as combining characters (huyền, sắc, ngã, hỏi, nặng).
const TONES: &[char] = &['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// Letters of the Vietnamese alphabet and their accented forms, lowercase,
/// after NFC; plus f, j, w, z which appear in names and loanwords.
pub fn is_vietnamese_letter(c: char) -> bool {
    let lower = c.to_lowercase().next().unwrap_or(c);
    if lower.is_ascii_lowercase() {
        return true;
    }
    if lower == 'đ' {
        return true;
    }
    let mut base = None;
    for d in std::iter::once(lower).nfd() {
        if base.is_none() {
            base = Some(d);
        } else if !matches!(
            d,
            '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}' | '\u{302}' | '\u{306}' | '\u{31B}'
        ) {
            return false;
        }
    }
    matches!(base, Some('a' | 'e' | 'i' | 'o' | 'u' | 'y'))
}

/// Splits a lowercase syllable into its toneless spelling and whether it
/// carries a sắc or nặng tone (the only tones allowed before c, ch, p, t).
fn strip_tone(word: &str) -> Option<(String, bool)> {
    let mut toneless = String::new();
    let mut tones = 0;
    let mut sharp_or_heavy = false;
    for c in word.nfd() {
        if TONES.contains(&c) {
            tones += 1;
            sharp_or_heavy = matches!(c, '\u{301}' | '\u{323}');
        } else {
            toneless.push(c);
        }
    }
    if tones > 1 {
        return None;
    }
    Some((toneless.nfc().collect(), sharp_or_heavy))
}

/// A word of at most seven Vietnamese letters, lower-cased and split like
/// [`strip_tone`]; None for anything else or a second tone.
fn toneless_letters(word: &str) -> Option<(String, bool)> {
    if word.is_empty() || word.chars().count() > 7 || !word.chars().all(is_vietnamese_letter) {
        return None;
    }
    strip_tone(&word.to_lowercase())
}

/// A Vietnamese vowel letter in any case, with any marks ("ệ", "Ư", "y").
pub fn is_vowel(c: char) -> bool {
    c.to_lowercase().flat_map(|l| std::iter::once(l).nfd().next()).any(|b| matches!(b, 'a' | 'e' | 'i' | 'o' | 'u' | 'y'))
}

/// True when `word` (letters only, any case) can begin a syllable: "tr",
/// "TRƯỞ" (of "TRƯỞNG"), "q", "nghi".
pub fn is_syllable_start(word: &str) -> bool {
    let Some((toneless, _)) = toneless_letters(word) else { return false };
    ONSETS.iter().any(|onset| {
        onset.starts_with(toneless.as_str())
            || toneless.strip_prefix(onset).is_some_and(|rest| RHYMES.iter().any(|r| r.starts_with(rest)))
    })
}

/// True when `word` (letters only, any case) is spelled like a Vietnamese
/// syllable: onset + rhyme, at most one tone, stop finals only with sắc or
/// nặng.
pub fn is_syllable(word: &str) -> bool {
    let Some((toneless, sharp_or_heavy)) = toneless_letters(word) else { return false };
    for onset in ONSETS {
        let Some(rhyme) = toneless.strip_prefix(onset) else { continue };
        let rhyme_ok = RHYMES.contains(&rhyme)
            // "gì", "gìn": the i of gi doubles as the vowel.
            || (*onset == "gi" && (rhyme.is_empty() || RHYMES.contains(&format!("i{rhyme}").as_str())));
        if !rhyme_ok {
            continue;
        }
        let stop_final = ["c", "ch", "p", "t"].iter().any(|f| rhyme.ends_with(f));
        if stop_final && !sharp_or_heavy {
            continue;
        }
        return true;
    }
    false
}

/// Measures how much a text looks like damaged extraction rather than
/// Vietnamese prose. Lower is better; 0 is clean.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Sanity {
    /// U+FFFD, "(cid:", stray combining marks and letters outside the
    /// Vietnamese alphabet, per letter.
    pub bad_chars: f64,
    /// Lowercase 1-2 letter tokens that are not syllables ("Ch", "ủ", "ẻ"),
    /// per lowercase word.
    pub fragments: f64,
    /// Lowercase words that are not Vietnamese syllables, per lowercase word.
    pub non_syllables: f64,
    /// Letters seen; tiny texts are not judged.
    pub letters: usize,
}

impl Sanity {
    pub fn of(text: &str) -> Sanity {
        let mut letters = 0usize;
        let mut bad = 0usize;
        let mut prev: char = ' ';
        for c in text.chars() {
            if c == '\u{FFFD}' {
                bad += 1;
            } else if is_combining_mark(c) {
                // After NFC a mark survives only where no base letter
                // could absorb it: on a space, a digit, or a stacked mark.
                if !prev.is_alphabetic() {
                    bad += 1;
                }
            } else if c.is_alphabetic() {
                letters += 1;
                if !is_vietnamese_letter(c) {
                    bad += 1;
                }
            } else if is_legacy_font_symbol(c) {
                bad += 1;
            }
            prev = c;
        }
        bad += 5 * text.matches("(cid:").count();
        let mut words = 0usize;
        let mut fragments = 0usize;
        let mut non_syllables = 0usize;
        for token in text.split_whitespace() {
            let word = token.trim_matches(|c: char| !c.is_alphabetic() && !is_combining_mark(c));
            if word.is_empty() || !word.chars().all(|c| c.is_alphabetic() || is_combining_mark(c)) {
                continue;
            }
            // Abbreviations and proper names are judged by the lowercase
            // running text around them.
            if word.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            words += 1;
            if !is_syllable(word) {
                non_syllables += 1;
                if word.chars().count() <= 2 {
                    fragments += 1;
                }
            }
        }
        let per_letter = |n: usize| n as f64 / letters.max(1) as f64;
        let per_word = |n: usize| n as f64 / words.max(1) as f64;
        Sanity {
            bad_chars: per_letter(bad),
            fragments: per_word(fragments),
            non_syllables: per_word(non_syllables),
            letters,
        }
    }

    /// One number to compare two extractions of the same file.
    pub fn badness(&self) -> f64 {
        self.bad_chars * 4.0 + self.fragments * 2.0 + self.non_syllables
    }

    /// Whether this text is worth a second opinion from another extractor.
    pub fn looks_damaged(&self) -> bool {
        if self.letters < 200 {
            return self.bad_chars > 0.05;
        }
        self.bad_chars > 0.01 || self.fragments > 0.04 || self.non_syllables > 0.25
    }
}

/// Characters that TCVN3/VNI fonts map Vietnamese letters onto when the text
/// layer is read as Latin-1 ("Céng hoµ x· héi").
fn is_legacy_font_symbol(c: char) -> bool {
    matches!(c, '\u{A1}'..='\u{BF}' | '\u{D7}' | '\u{F7}')
        && !matches!(c, '\u{A7}' | '\u{AB}' | '\u{BB}' | '\u{B0}' | '\u{B7}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_common_syllables() {
        for w in [
            "người", "Việt", "NAM", "quyết", "định", "giữ", "gì", "khoản", "điều", "chính", "phủ", "ương", "yêu", "ý",
            "uyển", "Điều", "ĐIỀU", "thuế", "nghĩa",
        ] {
            assert!(is_syllable(w), "{w}");
        }
    }

    #[test]
    fn rejects_fragments() {
        for w in ["luậ", "điề", "ch", "h", "g", "kho", "xyz", "cồc", "lan1", "tt"] {
            // "kho" is a real word; keep it out of the negative list.
            if w == "kho" {
                assert!(is_syllable(w));
                continue;
            }
            assert!(!is_syllable(w), "{w}");
        }
    }

    #[test]
    fn sanity_flags_garbage() {
        let good =
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015 và các văn bản hướng dẫn thi hành "
                .repeat(10);
        assert!(!Sanity::of(&good).looks_damaged(), "{:?}", Sanity::of(&good));
        let bad = "C ă n c ứ Lu ậ t T ổ ch ứ c ch í nh quy ề n đ ị a ph ươ ng ".repeat(10);
        assert!(Sanity::of(&bad).looks_damaged(), "{:?}", Sanity::of(&bad));
        let tcvn = "Céng hoµ x· héi chñ nghÜa ViÖt Nam ".repeat(20);
        assert!(Sanity::of(&tcvn).looks_damaged(), "{:?}", Sanity::of(&tcvn));
    }
}
