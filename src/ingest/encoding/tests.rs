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
