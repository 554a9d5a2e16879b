//! The legacy byte tables at work: windows-1252, TCVN3, VNI, VISCII and
//! windows-1258 decoding and encoding, and legacy PDF font names.

use super::*;

fn cp1252_char(b: u8) -> char {
    match b {
        0x80..=0x9F => tables::CP1252_80[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

pub(super) fn decode_cp1252(bytes: &[u8]) -> String {
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
pub(super) fn chars_to_bytes(text: &str) -> (Vec<u8>, usize) {
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
pub(super) fn decode_legacy(bytes: &[u8], enc: Legacy) -> String {
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
pub(super) fn decode_utf8_mixed(bytes: &[u8]) -> String {
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

pub(super) fn transcode_with(text: &str, how: Candidate) -> String {
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
