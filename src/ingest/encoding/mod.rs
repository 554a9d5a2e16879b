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

mod legacy;
mod syllables;
mod tables;

pub use legacy::{encode_legacy, legacy_font_encoding, transcode_legacy};
pub(crate) use legacy::nfc;
use legacy::*;
use syllables::*;

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

#[cfg(test)]
mod tests;
