//! Scoring a candidate decoding: common Vietnamese words and well-formed
//! syllables, which only the right table yields.

/// Common Vietnamese words with a letter outside Latin-1 (ă đ ơ ư ĩ ũ or
/// U+1Exx). Words spelled in Latin-1 alone ("các", "có", "và", "không")
/// cannot vote: VISCII, windows-1258 and a windows-1252 reading all show
/// them the same way, and ASCII words look the same under every candidate.
/// Sorted for binary search; at most 128 so that a `u128` records which
/// were seen.
#[rustfmt::skip]
pub(super) const VOTE_WORDS: [&str; 96] = [
    "biện", "bản", "bảo", "bộ", "chủ", "chức", "cũng", "cơ", "cả", "cấp", "cần", "của", "dẫn",
    "dịch", "dựng", "giải", "gồm", "hiện", "hoạch", "hoặc", "huyện", "hơn", "hướng", "học", "hội",
    "hợp", "kế", "kết", "lại", "một", "mục", "nghị", "người", "nhiều", "nhiệm", "như", "những",
    "năm", "năng", "nước", "nội", "phương", "phường", "phải", "phủ", "quyết", "quả", "quản", "sẽ",
    "số", "sở", "sự", "thời", "thực", "tiếp", "triển", "trước", "trường", "trưởng", "tư", "tượng",
    "tại", "tế", "tỉnh", "tịch", "tổ", "tục", "từ", "uỷ", "việc", "văn", "về", "vị", "vốn", "với",
    "vụ", "điều", "đoàn", "đây", "đã", "đó", "đơn", "được", "đạo", "đảm", "đất", "đầu", "đến",
    "đề", "để", "địa", "định", "đối", "đồng", "ương", "ủy",
];

/// Number of distinct [`VOTE_WORDS`] in `text` (expected NFC).
pub(super) fn word_score(text: &str) -> usize {
    let mut seen: u128 = 0;
    for_each_marked_word(text, |word| {
        if let Ok(i) = VOTE_WORDS.binary_search(&word) {
            seen |= 1 << i;
        }
    });
    seen.count_ones() as usize
}

/// Calls `f` with each lower-cased word of `text` that has a non-ASCII letter.
fn for_each_marked_word(text: &str, mut f: impl FnMut(&str)) {
    let mut word = String::new();
    let mut marked = false;
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_alphabetic() {
            marked |= !c.is_ascii();
            word.extend(c.to_lowercase());
        } else if !word.is_empty() {
            if marked {
                f(&word);
            }
            word.clear();
            marked = false;
        }
    }
}

/// (well-formed, malformed) Vietnamese syllables among the marked words.
pub(super) fn syllable_counts(text: &str) -> (usize, usize) {
    let (mut good, mut bad) = (0, 0);
    for_each_marked_word(text, |word| {
        if is_vietnamese_syllable(word) {
            good += 1;
        } else {
            bad += 1;
        }
    });
    (good, bad)
}

/// Onset + 1..=3 vowels (at most one tone mark, vowel marks only where
/// Vietnamese has them) + coda. Loose, but garbage from a wrong table (two
/// tones, "ö", "§", a breve on an e) fails it.
fn is_vietnamese_syllable(word: &str) -> bool {
    const ONSETS: [&str; 28] = [
        "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g", "h", "k",
        "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
    ];
    const CODAS: [&str; 9] = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];
    let mut bases = String::with_capacity(word.len());
    let mut tones = 0;
    for c in word.chars() {
        match split_letter(c) {
            Some((base, tone)) => {
                bases.push(base);
                tones += usize::from(tone);
            }
            None => return false,
        }
    }
    if tones > 1 {
        return false;
    }
    ONSETS.iter().filter(|o| bases.starts_with(*o)).any(|onset| {
        let rest = &bases[onset.len()..];
        let vowels = rest.chars().take_while(|&c| is_vowel_base(c)).count();
        let split = rest.char_indices().nth(vowels).map_or(rest.len(), |(i, _)| i);
        let (nucleus, coda) = rest.split_at(split);
        VOWEL_CLUSTERS.contains(&nucleus) && CODAS.contains(&coda)
    })
}

/// Vowel sequences (tone marks removed) a Vietnamese syllable can have.
#[rustfmt::skip]
const VOWEL_CLUSTERS: [&str; 54] = [
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây",
    "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi", "oo", "ua", "uâ", "uê", "ui",
    "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "yê", "iêu", "yêu", "oai", "oay", "oeo", "uây", "uôi",
    "uya", "uyê", "uyu", "ươi", "ươu",
];

/// A lower-case Vietnamese letter as (letter without tone, has tone).
fn split_letter(c: char) -> Option<(char, bool)> {
    if c.is_ascii_lowercase() {
        return (c != 'f' && c != 'j' && c != 'w' && c != 'z').then_some((c, false));
    }
    if c == 'đ' {
        return Some((c, false));
    }
    let mut parts = [' '; 4];
    let mut n = 0;
    unicode_normalization::char::decompose_canonical(c, |p| {
        if n < parts.len() {
            parts[n] = p;
        }
        n += 1;
    });
    if !(2..=3).contains(&n) || !matches!(parts[0], 'a' | 'e' | 'i' | 'o' | 'u' | 'y') {
        return None;
    }
    let mut base = parts[0];
    let mut tone = false;
    for &mark in &parts[1..n] {
        match (base, mark) {
            (_, '\u{0300}' | '\u{0301}' | '\u{0303}' | '\u{0309}' | '\u{0323}') if !tone => tone = true,
            ('a', '\u{0302}') => base = 'â',
            ('e', '\u{0302}') => base = 'ê',
            ('o', '\u{0302}') => base = 'ô',
            ('a', '\u{0306}') => base = 'ă',
            ('o', '\u{031B}') => base = 'ơ',
            ('u', '\u{031B}') => base = 'ư',
            _ => return None,
        }
    }
    Some((base, tone))
}

fn is_vowel_base(c: char) -> bool {
    matches!(c, 'a' | 'ă' | 'â' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y')
}
