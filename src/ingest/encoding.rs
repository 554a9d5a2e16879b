//! Text decoding: UTF-8 / UTF-16 and the legacy Vietnamese 8-bit encodings.
//!
//! Government text from before ~2005 was typed in TCVN3 (.VnTime fonts) or
//! VNI fonts, and it still reaches us in two shapes: as raw legacy bytes in a
//! .txt, or as characters that some program already decoded as
//! windows-1252/Latin-1 ("Céng hoµ x· héi"). Both are recovered by mapping
//! back to bytes and decoding with the right table. Which table is right is
//! decided by counting distinct common Vietnamese words each candidate
//! decoding yields: wrong tables produce almost none, the right one dozens.

use unicode_normalization::UnicodeNormalization;

use super::IngestError;

#[path = "encoding_tables.rs"]
mod tables;

/// Legacy 8-bit Vietnamese font encodings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    Tcvn3,
    /// TCVN3 in a capitals font (".VnTimeH"): decode, then upper-case.
    Tcvn3Upper,
    Vni,
    Viscii,
    Cp1258,
}

impl Legacy {
    /// The encoding name reported for text decoded with this table.
    pub fn name(self) -> &'static str {
        match self {
            Legacy::Tcvn3 | Legacy::Tcvn3Upper => "tcvn3",
            Legacy::Vni => "vni",
            Legacy::Viscii => "viscii",
            Legacy::Cp1258 => "windows-1258",
        }
    }
}

/// How much of a file the detector decodes per candidate: enough words for
/// a clear vote, bounded so a huge file costs the same as a long letter.
const SAMPLE_LEN: usize = 64 * 1024;

const BINARY: &str = "binary data, not text";

/// Decode a text file's bytes to Unicode.
///
/// Returns the text and the name of the encoding it was decoded from:
/// "utf-8", "utf-16le", "utf-16be", "tcvn3", "vni", "viscii",
/// "windows-1258"; also "utf-8-mixed" (UTF-8 with a few stray
/// windows-1252 bytes), "utf-8/<legacy>" or "utf-8/double-encoded" (a UTF-8
/// file whose text had been mis-decoded earlier and is repaired here), and
/// "windows-1252" when a non-UTF-8 file shows no sign of Vietnamese.
/// Legacy decodings are NFC; UTF-8/UTF-16 text is returned as written.
pub fn decode_text(bytes: &[u8]) -> Result<(String, &'static str), IngestError> {
    if let Some(kind) = binary_signature(bytes) {
        return Err(IngestError::Unsupported(format!("{BINARY} (looks like {kind})")));
    }
    if bytes.starts_with(b"\xFF\xFE\x00\x00") || bytes.starts_with(b"\x00\x00\xFE\xFF") {
        return Err(IngestError::Unsupported("UTF-32 text; save it as UTF-8".into()));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return decode_utf16(rest, Utf16::Le);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return decode_utf16(rest, Utf16::Be);
    }
    let (bytes, had_bom) = strip_bom(bytes);
    if let Some(order) = sniff_utf16(bytes).filter(|_| !had_bom) {
        return decode_utf16(bytes, order);
    }
    // Some tools pad files with NULs; in an 8-bit or UTF-8 file they are not text.
    let bytes = trim_trailing_nuls(bytes);
    if looks_binary(bytes) {
        return Err(IngestError::Unsupported(BINARY.into()));
    }
    // simdutf8 validates Vietnamese text (a third of its bytes non-ASCII)
    // several times faster than std, and this runs over every byte read.
    match simdutf8::basic::from_utf8(bytes) {
        Ok(s) => Ok(repair_mojibake(s).unwrap_or_else(|| (s.to_string(), "utf-8"))),
        Err(_) => Ok(decode_non_utf8(bytes)),
    }
}

fn strip_bom(bytes: &[u8]) -> (&[u8], bool) {
    match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, true),
        None => (bytes, false),
    }
}

// ---------------------------------------------------------------------------
// Binary data

/// Formats a user is likely to rename to .txt by mistake.
fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: [(&[u8], &str); 11] = [
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"%PDF-", "a PDF file"),
        (b"PK\x03\x04", "a ZIP archive or .docx/.xlsx file"),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "an old Word/Excel (.doc/.xls) file"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"Rar!\x1A\x07", "a RAR archive"),
        (b"7z\xBC\xAF\x27\x1C", "a 7-Zip archive"),
        (b"\x7FELF", "a program"),
    ];
    SIGNATURES.iter().find(|(magic, _)| bytes.starts_with(magic)).map(|&(_, kind)| kind)
}

/// Control characters that never occur in text. Tab, line breaks, vertical
/// tab (Word's manual line break), form feed, SUB (DOS end-of-file) and ESC
/// are allowed, and so are VISCII's six letter slots in the C0 range.
const fn is_binary_control(c: u32) -> bool {
    match c {
        0x09..=0x0D | 0x1A | 0x1B => false,
        0x02 | 0x05 | 0x06 | 0x14 | 0x19 | 0x1E => false,
        0x00..=0x1F | 0x7F => true,
        _ => false,
    }
}

fn trim_trailing_nuls(bytes: &[u8]) -> &[u8] {
    let end = bytes.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
    &bytes[..end]
}

/// More than 1% impossible control characters means data, not text; a
/// stray NUL in a long file is tolerated.
fn looks_binary(bytes: &[u8]) -> bool {
    // A table lookup: every byte of every text file passes here.
    const BINARY: [bool; 256] = {
        let mut t = [false; 256];
        let mut b = 0;
        while b < 256 {
            t[b] = is_binary_control(b as u32);
            b += 1;
        }
        t
    };
    let bad: usize = bytes.iter().map(|&b| usize::from(BINARY[usize::from(b)])).sum();
    bad > 0 && bad * 100 > bytes.len()
}

fn text_looks_binary(text: &str) -> bool {
    let text = text.trim_end_matches('\0');
    let bad = text.chars().filter(|&c| is_binary_control(c as u32)).count();
    bad > 0 && bad * 100 > text.chars().count()
}

// ---------------------------------------------------------------------------
// UTF-16

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Utf16 {
    Le,
    Be,
}

/// UTF-16 without a BOM: Vietnamese text is mostly ASCII letters and spaces,
/// whose high byte is NUL, so one byte lane is largely NUL and the other is
/// not. Combining tone marks (U+03xx) put a NUL in the low lane, hence the
/// ratio rather than "no NUL at all" for the other lane.
fn sniff_utf16(bytes: &[u8]) -> Option<Utf16> {
    let sample = trim_trailing_nuls(&bytes[..bytes.len().min(8192)]);
    let sample = &sample[..sample.len() & !1];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let nul_even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let nul_odd = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if nul_odd * 5 >= pairs && nul_even * 4 <= nul_odd {
        Some(Utf16::Le)
    } else if nul_even * 5 >= pairs && nul_odd * 4 <= nul_even {
        Some(Utf16::Be)
    } else {
        None
    }
}

fn decode_utf16(bytes: &[u8], order: Utf16) -> Result<(String, &'static str), IngestError> {
    let (codec, name) = match order {
        Utf16::Le => (encoding_rs::UTF_16LE, "utf-16le"),
        Utf16::Be => (encoding_rs::UTF_16BE, "utf-16be"),
    };
    let (text, _) = codec.decode_without_bom_handling(bytes);
    if text_looks_binary(&text) {
        return Err(IngestError::Unsupported(BINARY.into()));
    }
    Ok((text.trim_end_matches('\0').to_string(), name))
}

// ---------------------------------------------------------------------------
// Candidate decodings and their vote

/// A way to turn the file's bytes into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Candidate {
    Legacy(Legacy),
    /// UTF-8 where invalid bytes are read as windows-1252.
    Utf8Mixed,
}

const LEGACY_CANDIDATES: [Legacy; 4] = [Legacy::Tcvn3, Legacy::Vni, Legacy::Viscii, Legacy::Cp1258];

impl Candidate {
    fn decode(self, bytes: &[u8]) -> String {
        match self {
            Candidate::Legacy(enc) => decode_legacy(bytes, enc),
            Candidate::Utf8Mixed => decode_utf8_mixed(bytes),
        }
    }
}

fn all_candidates() -> impl Iterator<Item = Candidate> {
    LEGACY_CANDIDATES.into_iter().map(Candidate::Legacy).chain([Candidate::Utf8Mixed])
}

/// The first `SAMPLE_LEN` bytes, cut after a line break so that no letter
/// (VNI pair, UTF-8 sequence) is split.
fn sample(bytes: &[u8]) -> &[u8] {
    if bytes.len() <= SAMPLE_LEN {
        return bytes;
    }
    let head = &bytes[..SAMPLE_LEN];
    match head.iter().rposition(|&b| b == b'\n') {
        Some(i) if i > SAMPLE_LEN / 2 => &head[..=i],
        _ => head,
    }
}

/// Scores sorted best first.
fn ranked(scores: &mut [(usize, Candidate)]) {
    scores.sort_by_key(|s| std::cmp::Reverse(s.0));
}

/// Bytes that are not UTF-8: legacy Vietnamese, UTF-8 with stray bytes, or
/// some other 8-bit text.
fn decode_non_utf8(bytes: &[u8]) -> (String, &'static str) {
    if is_mostly_utf8(bytes) {
        return (decode_utf8_mixed(bytes), "utf-8-mixed");
    }
    let head = sample(bytes);
    let mut scores: Vec<(usize, Candidate)> =
        all_candidates().map(|c| (word_score(&c.decode(head)), c)).collect();
    ranked(&mut scores);
    let (best, winner) = scores[0];
    let runner_up = scores[1].0;
    let chosen = if best >= 3 && best >= 2 * runner_up { Some(winner) } else { vote_on_syllables(head) };
    match chosen {
        Some(Candidate::Legacy(enc)) => (decode_legacy(bytes, enc), enc.name()),
        Some(Candidate::Utf8Mixed) => (decode_utf8_mixed(bytes), "utf-8-mixed"),
        None => (decode_cp1252(bytes), "windows-1252"),
    }
}

/// For text too short for the word vote: the candidate under which the
/// accented words are well-formed Vietnamese syllables, if one clearly is.
fn vote_on_syllables(head: &[u8]) -> Option<Candidate> {
    let mut scores: Vec<(usize, Candidate)> = all_candidates()
        .map(|c| {
            let (good, bad) = syllable_counts(&c.decode(head));
            (if bad * 4 <= good { good - bad } else { 0 }, c)
        })
        .collect();
    ranked(&mut scores);
    let (best, winner) = scores[0];
    (best >= 2 && best >= 2 * scores[1].0).then_some(winner)
}

/// A UTF-8 file with a handful of bytes from elsewhere (a pasted cp1252
/// quote, a truncated last letter) is still a UTF-8 file.
fn is_mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid_multi, mut invalid) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid_multi += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let (ok, tail) = rest.split_at(e.valid_up_to());
                valid_multi += count_non_ascii(ok);
                let skip = e.error_len().unwrap_or(tail.len());
                invalid += skip;
                rest = &tail[skip..];
            }
        }
    }
    valid_multi >= 8 && invalid * 50 <= valid_multi
}

fn count_non_ascii(valid: &[u8]) -> usize {
    // Counting lead bytes counts characters in valid UTF-8.
    valid.iter().filter(|&&b| b >= 0xC0).count()
}

// ---------------------------------------------------------------------------
// UTF-8 text that is really mis-decoded legacy text

/// "Céng hoµ x· héi" is valid UTF-8, but it is TCVN3 that some program read
/// as windows-1252. Repair only when the evidence is overwhelming: real
/// Vietnamese Unicode text never gets here (it has ă đ ơ ư or U+1Exx
/// letters), and the corrected decoding must find at least 6 distinct
/// common words and three times as many as any other candidate.
fn repair_mojibake(text: &str) -> Option<(String, &'static str)> {
    if text.is_ascii() || has_vietnamese_unicode(text) {
        return None;
    }
    let head = &text[..floor_char_boundary(text, SAMPLE_LEN)];
    let (bytes, unmapped) = chars_to_bytes(head);
    let high = bytes.iter().filter(|&&b| b >= 0x80).count();
    if high < 8 || unmapped * 20 > high {
        return None;
    }
    let mut scores: Vec<(usize, Candidate)> =
        all_candidates().map(|c| (word_score(&c.decode(&bytes)), c)).collect();
    ranked(&mut scores);
    let (best, winner) = scores[0];
    if best < 6 || best < 3 * scores[1].0 {
        return None;
    }
    let repaired = transcode_with(text, winner);
    let name = match winner {
        Candidate::Legacy(Legacy::Tcvn3 | Legacy::Tcvn3Upper) => "utf-8/tcvn3",
        Candidate::Legacy(Legacy::Vni) => "utf-8/vni",
        Candidate::Legacy(Legacy::Viscii) => "utf-8/viscii",
        Candidate::Legacy(Legacy::Cp1258) => "utf-8/windows-1258",
        Candidate::Utf8Mixed => "utf-8/double-encoded",
    };
    Some((repaired, name))
}

/// Letters only Unicode Vietnamese text has: ă đ ơ ư (either case), the
/// U+1EA0..U+1EF9 block, or combining tone marks (decomposed Unicode).
fn has_vietnamese_unicode(text: &str) -> bool {
    const MARKS: [char; 5] = ['\u{0300}', '\u{0301}', '\u{0303}', '\u{0309}', '\u{0323}'];
    text.chars().any(|c| {
        matches!(c, 'ă' | 'Ă' | 'đ' | 'Đ' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | '\u{1EA0}'..='\u{1EF9}')
            || MARKS.contains(&c)
    })
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

// ---------------------------------------------------------------------------
// Scoring

/// Common Vietnamese words with a letter outside Latin-1 (ă đ ơ ư ĩ ũ or
/// U+1Exx). Words spelled in Latin-1 alone ("các", "có", "và", "không")
/// cannot vote: VISCII, windows-1258 and a windows-1252 reading all show
/// them the same way, and ASCII words look the same under every candidate.
/// Sorted for binary search; at most 128 so that a `u128` records which
/// were seen.
#[rustfmt::skip]
const VOTE_WORDS: [&str; 96] = [
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
fn word_score(text: &str) -> usize {
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
fn syllable_counts(text: &str) -> (usize, usize) {
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

// ---------------------------------------------------------------------------
// Byte tables

fn cp1252_char(b: u8) -> char {
    match b {
        0x80..=0x9F => tables::CP1252_80[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

fn decode_cp1252(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| cp1252_char(b)).collect()
}

/// The byte a windows-1252/Latin-1 reader turned into `c`, if any.
fn char_to_byte(c: char) -> Option<u8> {
    if let Ok(b) = u8::try_from(u32::from(c)) {
        return Some(b);
    }
    let i = tables::CP1252_80.iter().position(|&x| x == c)?;
    u8::try_from(0x80 + i).ok()
}

/// Bytes of the chars that map back, and how many did not (those are
/// dropped here; scoring does not need them).
fn chars_to_bytes(text: &str) -> (Vec<u8>, usize) {
    let mut bytes = Vec::with_capacity(text.len());
    let mut unmapped = 0;
    for c in text.chars() {
        match char_to_byte(c) {
            Some(b) => bytes.push(b),
            None => unmapped += 1,
        }
    }
    (bytes, unmapped)
}

/// Decode legacy bytes to NFC Unicode.
fn decode_legacy(bytes: &[u8], enc: Legacy) -> String {
    let text = match enc {
        Legacy::Tcvn3 => decode_tcvn3(bytes, false),
        Legacy::Tcvn3Upper => decode_tcvn3(bytes, true),
        Legacy::Vni => decode_vni(bytes),
        Legacy::Viscii => bytes.iter().map(|&b| tables::VISCII[usize::from(b)]).collect(),
        Legacy::Cp1258 => encoding_rs::WINDOWS_1258.decode_without_bom_handling(bytes).0.into_owned(),
    };
    nfc(text)
}

/// `text` in NFC, without copying text that already is.
pub(crate) fn nfc(text: String) -> String {
    match unicode_normalization::is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => text,
        _ => text.nfc().collect(),
    }
}

fn decode_tcvn3(bytes: &[u8], upper: bool) -> String {
    let mut out = String::with_capacity(bytes.len() * 3 / 2);
    for &b in bytes {
        let c = if b < 0x80 { char::from(b) } else { tables::TCVN3_HIGH[usize::from(b - 0x80)] };
        out.push(if upper { upper_one(c) } else { c });
    }
    restore_dropped_u_horn(out)
}

/// The case mapping of `c` when it is a single char (it is for every
/// Vietnamese letter), else `c` itself.
fn upper_one(c: char) -> char {
    let mut up = c.to_uppercase();
    match (up.next(), up.next()) {
        (Some(u), None) => u,
        _ => c,
    }
}

/// TCVN3 'ư' is byte 0xAD, the soft hyphen of windows-1252, and many
/// extractors silently drop it: "®­îc" arrives as "®îc" = "đợc". Vietnamese
/// has no rhyme ơng/ơc, only ương/ươc, so an ơ followed by "ng" or "c" at
/// the end of a syllable, not preceded by u/ư, lost its ư.
fn restore_dropped_u_horn(text: String) -> String {
    if !text.chars().any(is_o_horn) {
        return text;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        if is_o_horn(c) && lost_u_horn(&chars, i) {
            out.push(if c.is_uppercase() { 'Ư' } else { 'ư' });
        }
        out.push(c);
    }
    out
}

fn is_o_horn(c: char) -> bool {
    matches!(c, 'ơ' | 'ờ' | 'ớ' | 'ở' | 'ỡ' | 'ợ' | 'Ơ' | 'Ờ' | 'Ớ' | 'Ở' | 'Ỡ' | 'Ợ')
}

fn lost_u_horn(chars: &[char], i: usize) -> bool {
    let prev = i.checked_sub(1).map(|p| chars[p].to_ascii_lowercase());
    if matches!(prev, Some('u' | 'ư' | 'Ư')) {
        return false;
    }
    let at = |k: usize| chars.get(k).map(|c| c.to_ascii_lowercase());
    let ends_word = |k: usize| chars.get(k).is_none_or(|c| !c.is_alphabetic());
    match at(i + 1) {
        Some('c') => ends_word(i + 2),
        Some('n') => at(i + 2) == Some('g') && ends_word(i + 3),
        _ => false,
    }
}

fn decode_vni(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 3 / 2);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if let Some(c) = bytes.get(i + 1).and_then(|&m| vni_pair(b, m)) {
            out.push(c);
            i += 2;
            continue;
        }
        if b < 0x80 {
            out.push(char::from(b));
        } else if let Some(c) = vni_single(b) {
            out.push(c);
        } else if let Some(marks) = vni_orphan_mark(b) {
            // A mark whose letter went missing still says which mark it is.
            out.push_str(marks);
        } else {
            out.push(cp1252_char(b));
        }
        i += 1;
    }
    out
}

/// Letter for base byte + mark byte. Typists mixed the capital and small
/// mark bytes (they look alike on screen), so the base letter's case wins.
fn vni_pair(base: u8, mark: u8) -> Option<char> {
    if mark < 0xC0 {
        return None;
    }
    let find = |b: u8, m: u8| {
        tables::VNI_PAIRS
            .binary_search_by(|&(pb, pm, _)| (pb, pm).cmp(&(b, m)))
            .ok()
            .map(|i| tables::VNI_PAIRS[i].2)
    };
    if let Some(c) = find(base, mark) {
        return Some(c);
    }
    find(base, mark ^ 0x20)
}

fn lower_one(c: char) -> char {
    let mut low = c.to_lowercase();
    match (low.next(), low.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

fn vni_single(b: u8) -> Option<char> {
    let i = tables::VNI_SINGLES.binary_search_by_key(&b, |&(sb, _)| sb).ok()?;
    Some(tables::VNI_SINGLES[i].1)
}

fn vni_orphan_mark(b: u8) -> Option<&'static str> {
    let i = tables::VNI_MARKS.binary_search_by_key(&b, |&(mb, _)| mb).ok()?;
    Some(tables::VNI_MARKS[i].1)
}

/// UTF-8 with each invalid byte read as windows-1252; a letter cut off at
/// the very end becomes U+FFFD.
fn decode_utf8_mixed(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.push_str(s);
                return out;
            }
            Err(e) => {
                let (ok, tail) = rest.split_at(e.valid_up_to());
                // Safe: from_utf8 just validated this prefix.
                out.push_str(std::str::from_utf8(ok).unwrap_or_default());
                match e.error_len() {
                    Some(n) => {
                        tail[..n].iter().for_each(|&b| out.push(cp1252_char(b)));
                        rest = &tail[n..];
                    }
                    None => {
                        out.push('\u{FFFD}');
                        return out;
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Fonts and text from legacy-font runs

/// The legacy encoding implied by a font name (".VnTime", ".VnTimeH",
/// "VNI-Times"...). Accepts PDF subset prefixes ("ABCDEF+.VnTime") and style
/// suffixes (".VnTimeH,Bold", "VNI-Times-Bold"). VPS fonts are not mapped.
pub fn legacy_font_encoding(font: &str) -> Option<Legacy> {
    let name = strip_subset_prefix(font.trim());
    let name = name.split(',').next().unwrap_or(name).trim();
    if is_vni_font(name) {
        return Some(Legacy::Vni);
    }
    let family = name.strip_prefix('.').unwrap_or(name);
    let rest = family.strip_prefix("Vn")?;
    // ".VnTime" but not a word like "Vnexpress": an upper-case letter follows.
    if !rest.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    if strip_style_suffix(rest).ends_with('H') { Some(Legacy::Tcvn3Upper) } else { Some(Legacy::Tcvn3) }
}

fn strip_subset_prefix(font: &str) -> &str {
    match font.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()) => rest,
        _ => font,
    }
}

fn is_vni_font(name: &str) -> bool {
    name.len() > 4
        && name.as_bytes()[..3].eq_ignore_ascii_case(b"VNI")
        && matches!(name.as_bytes()[3], b'-' | b' ' | b'_')
}

/// ".VnTimeH-BoldItalic" -> ".VnTimeH": the capitals marker H sits before
/// any style words a PDF producer appends.
fn strip_style_suffix(mut name: &str) -> &str {
    const STYLES: [&str; 10] =
        ["BoldItalic", "BoldOblique", "Italic", "Oblique", "Bold", "Regular", "Normal", "PSMT", "MT", "PS"];
    loop {
        let trimmed = name.trim_end_matches(['-', ' ', '_']);
        let stripped =
            STYLES.iter().find_map(|s| trimmed.strip_suffix(s).filter(|r| r.ends_with(['-', ' ', '_', ','])));
        match stripped {
            Some(r) => name = r,
            None => return trimmed,
        }
    }
}

/// Convert text that a reader (docx XML, PDF text layer) decoded as
/// cp1252/Latin-1 from a legacy-font run into proper Unicode, NFC.
/// Characters a windows-1252 reader cannot have produced (real Unicode
/// letters in the same run) are kept as they are.
pub fn transcode_legacy(text: &str, enc: Legacy) -> String {
    transcode_with(text, Candidate::Legacy(enc))
}

fn transcode_with(text: &str, how: Candidate) -> String {
    let mut out = String::with_capacity(text.len() * 3 / 2);
    let mut run = Vec::new();
    for c in text.chars() {
        match char_to_byte(c) {
            Some(b) => run.push(b),
            None => {
                out.push_str(&how.decode(&run));
                run.clear();
                out.push(c);
            }
        }
    }
    out.push_str(&how.decode(&run));
    match how {
        Candidate::Legacy(_) => nfc(out),
        Candidate::Utf8Mixed => out,
    }
}

// ---------------------------------------------------------------------------
// Encoding (fixtures and tests)

/// Encode Unicode text into a legacy encoding, the inverse of decoding:
/// for building test fixtures without checking binary files in. Returns
/// the first character the encoding cannot represent.
pub fn encode_legacy(text: &str, enc: Legacy) -> Result<Vec<u8>, char> {
    let text: String = text.nfc().collect();
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        let c = match enc {
            Legacy::Tcvn3Upper => lower_one(c),
            _ => c,
        };
        match encode_char(c, enc) {
            Some(bytes) => out.extend_from_slice(&bytes),
            None => return Err(c),
        }
    }
    Ok(out)
}

fn encode_char(c: char, enc: Legacy) -> Option<Vec<u8>> {
    if c.is_ascii() && !(enc == Legacy::Viscii && tables::VISCII[c as usize] != c) {
        return Some(vec![c as u8]);
    }
    let single = |b: u8| Some(vec![b]);
    match enc {
        Legacy::Tcvn3 | Legacy::Tcvn3Upper => {
            let i = tables::TCVN3_HIGH.iter().position(|&x| x == c)?;
            single(u8::try_from(0x80 + i).ok()?)
        }
        Legacy::Viscii => single(u8::try_from(tables::VISCII.iter().position(|&x| x == c)?).ok()?),
        Legacy::Vni => {
            if let Some(&(b, _)) = tables::VNI_SINGLES.iter().find(|&&(_, x)| x == c) {
                return single(b);
            }
            if let Some(&(b, m, _)) = tables::VNI_PAIRS.iter().find(|&&(_, _, x)| x == c) {
                return Some(vec![b, m]);
            }
            let b = char_to_byte(c)?;
            (vni_single(b).is_none() && vni_orphan_mark(b).is_none()).then(|| vec![b])
        }
        Legacy::Cp1258 => encode_cp1258(c),
    }
}

/// windows-1258 keeps a few precomposed letters and writes the rest as
/// base letter (possibly with its vowel mark) + combining tone byte.
fn encode_cp1258(c: char) -> Option<Vec<u8>> {
    let direct = |c: char| {
        let s = c.to_string();
        let (bytes, _, bad) = encoding_rs::WINDOWS_1258.encode(&s);
        (!bad && bytes.len() == 1).then(|| bytes[0])
    };
    if let Some(b) = direct(c) {
        return Some(vec![b]);
    }
    let is_tone = |m: char| matches!(m, '\u{0300}' | '\u{0301}' | '\u{0303}' | '\u{0309}' | '\u{0323}');
    let decomposed: Vec<char> = std::iter::once(c).nfd().collect();
    let tone = decomposed.iter().copied().find(|&m| is_tone(m))?;
    let base: String = decomposed.iter().copied().filter(|&m| !is_tone(m)).nfc().collect();
    let mut base_chars = base.chars();
    let (Some(base), None) = (base_chars.next(), base_chars.next()) else { return None };
    Some(vec![direct(base)?, direct(tone)?])
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARAGRAPH: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\
        QUYẾT ĐỊNH về việc ban hành Kế hoạch thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2025.\n\
        Ủy ban nhân dân tỉnh giao các sở, ngành và Ủy ban nhân dân các huyện, thị xã, thành phố \
        tổ chức triển khai thực hiện; được bảo đảm kinh phí để những người có trách nhiệm \
        hoàn thành trước ngày 31 tháng 12; không để chậm trễ. Ưu tiên đường, trường, nước sạch, \
        Ẳ Ẵ Ẫ Ỷ Ỹ Ỵ ỹ quỹ khuỷu.";

    fn nfc_of(s: &str) -> String {
        s.nfc().collect()
    }

    #[test]
    fn vote_words_are_sorted_nfc_and_marked() {
        assert!(VOTE_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(VOTE_WORDS.len() <= 128);
        for w in VOTE_WORDS {
            assert_eq!(nfc_of(w), w);
            assert!(w.chars().any(|c| u32::from(c) > 0xFF), "{w}");
        }
    }

    #[test]
    fn tcvn3_table_round_trips() {
        for (b, c) in tables::TCVN3_ENTRIES {
            assert_eq!(decode_legacy(&[b], Legacy::Tcvn3), c.to_string(), "byte {b:#04X}");
            assert_eq!(encode_legacy(&c.to_string(), Legacy::Tcvn3), Ok(vec![b]));
            let upper: String = c.to_uppercase().collect();
            assert_eq!(decode_legacy(&[b], Legacy::Tcvn3Upper), upper);
        }
        assert_eq!(decode_legacy(&[0xAD], Legacy::Tcvn3), "ư");
        assert_eq!(decode_legacy(&[0xA1, 0xA7], Legacy::Tcvn3), "ĂĐ");
    }

    #[test]
    fn viscii_table_round_trips() {
        for (b, c) in tables::VISCII_ENTRIES {
            assert_eq!(decode_legacy(&[b], Legacy::Viscii), c.to_string(), "byte {b:#04X}");
            assert_eq!(encode_legacy(&c.to_string(), Legacy::Viscii), Ok(vec![b]));
        }
        for b in [0x02u8, 0x05, 0x06, 0x14, 0x19, 0x1E] {
            assert!(!decode_legacy(&[b], Legacy::Viscii).chars().all(|c| c.is_control()));
        }
    }

    #[test]
    fn vni_table_round_trips() {
        for (b, c) in tables::VNI_SINGLES {
            assert_eq!(decode_legacy(&[b], Legacy::Vni), c.to_string(), "byte {b:#04X}");
            assert_eq!(encode_legacy(&c.to_string(), Legacy::Vni), Ok(vec![b]));
        }
        for (b, m, c) in tables::VNI_PAIRS {
            assert_eq!(decode_legacy(&[b, m], Legacy::Vni), c.to_string(), "bytes {b:#04X} {m:#04X}");
            assert_eq!(encode_legacy(&c.to_string(), Legacy::Vni), Ok(vec![b, m]));
        }
        // Capital base with a small mark byte, as careless typing leaves it.
        assert_eq!(decode_legacy(b"A\xF8", Legacy::Vni), "À");
        assert_eq!(decode_legacy(b"\xD4\xF9", Legacy::Vni), "Ớ");
        assert_eq!(decode_legacy(b"a\xD8", Legacy::Vni), "à");
    }

    #[test]
    fn cp1258_round_trips_every_vietnamese_letter() {
        let letters = tables::VNI_PAIRS.iter().map(|p| p.2).chain(tables::VNI_SINGLES.iter().map(|p| p.1));
        for c in letters {
            let bytes = encode_legacy(&c.to_string(), Legacy::Cp1258).unwrap();
            assert_eq!(decode_legacy(&bytes, Legacy::Cp1258), c.to_string());
        }
        for b in 0x80..=0xFFu8 {
            let decoded = decode_legacy(&[b], Legacy::Cp1258);
            assert!(!decoded.is_empty());
        }
    }

    #[test]
    fn paragraph_survives_every_encoding() {
        let expected = nfc_of(PARAGRAPH);
        for enc in [Legacy::Tcvn3, Legacy::Vni, Legacy::Viscii, Legacy::Cp1258] {
            let text = match enc {
                // TCVN3 has no accented capitals: those come from .VnTimeH runs.
                Legacy::Tcvn3 => expected.to_lowercase(),
                _ => expected.clone(),
            };
            let bytes = encode_legacy(&text, enc).unwrap();
            assert_eq!(decode_legacy(&bytes, enc), text, "{enc:?}");
            let (decoded, name) = decode_text(&bytes).unwrap();
            assert_eq!(nfc_of(&decoded), text, "{enc:?}");
            assert_eq!(name, enc.name());
            // The same bytes read by a windows-1252 program, then transcoded.
            let as_cp1252 = decode_cp1252(&bytes);
            assert_eq!(transcode_legacy(&as_cp1252, enc), text, "{enc:?}");
            // ...and that mojibake saved as UTF-8.
            let (repaired, name) = decode_text(as_cp1252.as_bytes()).unwrap();
            assert_eq!(repaired, text, "{enc:?}");
            assert!(name.starts_with("utf-8/"), "{name}");
        }
    }

    #[test]
    fn vntimeh_runs_are_upper_case() {
        let lower = "cộng hòa xã hội chủ nghĩa việt nam";
        let bytes = encode_legacy(lower, Legacy::Tcvn3).unwrap();
        let as_cp1252 = decode_cp1252(&bytes);
        assert_eq!(transcode_legacy(&as_cp1252, Legacy::Tcvn3Upper), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        assert_eq!(transcode_legacy("Céng hoµ x· héi", Legacy::Tcvn3), "Cộng hoà xã hội");
    }

    #[test]
    fn transcode_keeps_real_unicode_and_cp1252_specials() {
        // U+2013 is windows-1252 byte 0x96, which TCVN3 leaves as a dash.
        assert_eq!(transcode_legacy("Kª ho¹ch – ViÖt Nam ₫", Legacy::Tcvn3), "Kê hoạch – Việt Nam ₫");
    }

    #[test]
    fn dropped_soft_hyphen_u_horn_is_restored() {
        // "®­îc tr­êng n­íc" with the U+00AD (ư) dropped by an extractor.
        assert_eq!(transcode_legacy("®îc trêng n\u{AD}íc", Legacy::Tcvn3), "được trường nước");
        // Legitimate ơ rhymes stay.
        assert_eq!(transcode_legacy("lín míi thuë", Legacy::Tcvn3), "lớn mới thuở");
    }

    #[test]
    fn mojibake_example_is_repaired_but_latin1_text_is_not() {
        let moji = "Céng hoµ x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc\n\
            QuyÕt ®Þnh vÒ viÖc ban hµnh KÕ ho¹ch thùc hiÖn c¸c nhiÖm vô cña ñy ban nh©n d©n.";
        let (text, name) = decode_text(moji.as_bytes()).unwrap();
        assert_eq!(name, "utf-8/tcvn3");
        assert!(text.starts_with("Cộng hoà xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc"));
        for latin in [
            "Le café de la mère est très réputé à Hà Nội? Non, à Paris: où êtes-vous, garçon?",
            "Die Größe der Übungsräume für Schüler wird später geprüft. Überall grüne Bäume.",
            "El niño comió piña en la montaña; ¿cómo está usted? Está bien, gracias, señor.",
            "Phân tích: các năm gần đây",
        ] {
            let (text, name) = decode_text(latin.as_bytes()).unwrap();
            assert_eq!((text.as_str(), name), (latin, "utf-8"));
        }
    }

    #[test]
    fn double_encoded_utf8_is_repaired() {
        let original = nfc_of(PARAGRAPH);
        let moji = decode_cp1252(original.as_bytes());
        let (text, name) = decode_text(moji.as_bytes()).unwrap();
        assert_eq!((text.as_str(), name), (original.as_str(), "utf-8/double-encoded"));
    }

    #[test]
    fn utf8_with_bom_and_stray_bytes() {
        let body = "Kế hoạch thực hiện nhiệm vụ năm 2025 của Ủy ban nhân dân tỉnh";
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(body.as_bytes());
        assert_eq!(decode_text(&bytes).unwrap(), (body.to_string(), "utf-8"));
        let mut stray = body.as_bytes().to_vec();
        stray.extend_from_slice(b" \x93quoted\x94");
        let (text, name) = decode_text(&stray).unwrap();
        assert_eq!(name, "utf-8-mixed");
        assert!(text.ends_with(" \u{201C}quoted\u{201D}"));
    }

    fn utf16(text: &str, order: Utf16, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(if order == Utf16::Le { b"\xFF\xFE" } else { b"\xFE\xFF" });
        }
        for unit in text.encode_utf16() {
            out.extend_from_slice(&match order {
                Utf16::Le => unit.to_le_bytes(),
                Utf16::Be => unit.to_be_bytes(),
            });
        }
        out
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let text = nfc_of(PARAGRAPH);
        let decomposed: String = text.nfd().collect();
        for sample in [&text, &decomposed] {
            for (order, name) in [(Utf16::Le, "utf-16le"), (Utf16::Be, "utf-16be")] {
                for bom in [true, false] {
                    let bytes = utf16(sample, order, bom);
                    assert_eq!(decode_text(&bytes).unwrap(), (sample.clone(), name), "{order:?} bom={bom}");
                }
            }
        }
    }

    #[test]
    fn binary_data_is_rejected() {
        let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00";
        let err = decode_text(png).unwrap_err();
        assert_eq!(err.kind(), "unsupported");
        assert!(err.to_string().contains(BINARY));
        // Headerless PNG chunk bytes and pseudo-random bytes.
        assert_eq!(decode_text(&png[8..]).unwrap_err().kind(), "unsupported");
        let mut x: u32 = 0x1234_5678;
        let noise: Vec<u8> = (0..4096)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                (x >> 24) as u8
            })
            .collect();
        assert_eq!(decode_text(&noise).unwrap_err().kind(), "unsupported");
        assert_eq!(decode_text(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3").unwrap_err().kind(), "unsupported");
        // One stray NUL in real text and NUL padding are tolerated.
        let mut padded = PARAGRAPH.as_bytes().to_vec();
        let space = PARAGRAPH.find(' ').unwrap();
        padded.insert(space, 0);
        padded.extend_from_slice(&[0; 64]);
        assert_eq!(decode_text(&padded).unwrap().1, "utf-8");
    }

    #[test]
    fn short_legacy_text_uses_the_syllable_vote() {
        for (text, enc) in [("Quyết định 12", Legacy::Tcvn3), ("Quyết định 12", Legacy::Vni)] {
            let bytes = encode_legacy(text, enc).unwrap();
            assert!(word_score(text) < 3);
            assert_eq!(decode_text(&bytes).unwrap(), (text.to_string(), enc.name()));
        }
    }

    #[test]
    fn western_8bit_text_falls_back_to_windows_1252() {
        let (text, name) = decode_text(b"Caf\xE9 cr\xE8me \x93bien s\xFBr\x94").unwrap();
        assert_eq!((text.as_str(), name), ("Café crème \u{201C}bien sûr\u{201D}", "windows-1252"));
    }

    #[test]
    fn font_names() {
        for (font, enc) in [
            (".VnTime", Some(Legacy::Tcvn3)),
            (".VnArial", Some(Legacy::Tcvn3)),
            (".VnArial Narrow", Some(Legacy::Tcvn3)),
            (".VnTimeH", Some(Legacy::Tcvn3Upper)),
            (".VnArialH", Some(Legacy::Tcvn3Upper)),
            ("ABCDEF+.VnTimeH,Bold", Some(Legacy::Tcvn3Upper)),
            (".VnTimeH-BoldItalic", Some(Legacy::Tcvn3Upper)),
            (".VnTime-Bold", Some(Legacy::Tcvn3)),
            ("VnTime", Some(Legacy::Tcvn3)),
            ("VNI-Times", Some(Legacy::Vni)),
            ("BCDEFG+VNI-Helve-Bold", Some(Legacy::Vni)),
            ("VPS Times", None),
            ("Times New Roman", None),
            ("Vnexpress", None),
            ("", None),
        ] {
            assert_eq!(legacy_font_encoding(font), enc, "{font}");
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        for bytes in [&b""[..], b"\xFF", b"\xFE", b"\x00", b"\xEF\xBB\xBF", b"\xFF\xFE\x41", b"\xC3"] {
            let _ = decode_text(bytes);
        }
        for enc in [Legacy::Tcvn3, Legacy::Tcvn3Upper, Legacy::Vni, Legacy::Viscii, Legacy::Cp1258] {
            let all: String = (0u8..=255).map(char::from).collect();
            let _ = transcode_legacy(&all, enc);
        }
    }
}
