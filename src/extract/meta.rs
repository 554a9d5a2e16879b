//! Document metadata from the header and signature block, and one `Part`
//! per document header in the file.

use crate::grammar::{Grammar, HeaderGrammar};
use crate::model::{Meta, Part, Period, Signer, Span};
use crate::normalize::vietnamese::fold_key;
use crate::normalize::{LineKind, NormDoc};
use crate::segment::Segmented;

/// How many lines a header without a type title may take.
const HEADER_LINES_WITHOUT_TITLE: usize = 6;

/// At most this many words, an issuer may be a local government's kind
/// without its place ("Ủy ban nhân dân").
const BARE_ISSUER_WORDS: usize = 4;

/// How far down a saved page's furniture (a list of related documents, the
/// site's table of the document's details) may push a header without a
/// type title.
const HEADER_SEARCH_LINES: usize = 40;

/// The line a header without a type title starts on, below a saved page's
/// furniture (0 when nothing is above it).
pub fn untitled_header_start(doc: &NormDoc, h: &HeaderGrammar) -> usize {
    untitled_header(doc, h).start
}

/// The lines of a header without a type title: the first lines, or, when
/// they hold no number, the lines from the first issuer or motto line on
/// ("- 1 Nghị quyết số 30a/2008/NQ-CP ..." above "ỦY BAN NHÂN DÂN | CỘNG
/// HÒA ..." / "Số: 140/KH-UBND | ...").
fn untitled_header(doc: &NormDoc, h: &HeaderGrammar) -> std::ops::Range<usize> {
    let n = doc.lines.len();
    let first = 0..HEADER_LINES_WITHOUT_TITLE.min(n);
    if first.clone().any(|li| number_at(doc, li, h).is_some()) {
        return first;
    }
    let opens = (0..HEADER_SEARCH_LINES.min(n)).find(|&li| {
        pieces(doc, li).into_iter().find(|p| !p.trim().is_empty()).is_some_and(|p| h.is_motto(p) || h.issuer_head(p).is_some())
    });
    match opens {
        Some(li) => li..(li + HEADER_LINES_WITHOUT_TITLE).min(n),
        None => first,
    }
}
/// How far below a title line its header fields may sit.
const HEADER_LINES_AFTER_TITLE: usize = 4;

/// The texts of a line: the whole paragraph, or each cell of a row.
fn pieces(doc: &NormDoc, li: usize) -> Vec<&str> {
    match &doc.lines[li].kind {
        LineKind::Para | LineKind::Footnote => vec![doc.line_text(li)],
        LineKind::Row { cells, .. } => cells.iter().map(|&(s, e)| &doc.text[s..e]).collect(),
    }
}

pub fn extract(doc: &NormDoc, seg: &Segmented, g: &Grammar) -> (Meta, Vec<Part>) {
    let h = &g.header;
    let mut parts = Vec::new();
    let mut authority = None;
    for (pi, p) in seg.parts.iter().enumerate() {
        // (items above the title, a saved page's summary of the document, do not end its header)
        let first_section = seg.nodes.iter().find(|n| n.part == pi && n.line > p.title_line).map_or(doc.lines.len(), |n| n.line);
        let zone_from = if pi == 0 { 0 } else { p.zone_start };
        let zone_to = (p.title_line + HEADER_LINES_AFTER_TITLE).min(first_section).max(p.title_line + 1).min(doc.lines.len());
        let number = (zone_from..zone_to).find_map(|li| number_at(doc, li, h));
        let date = (zone_from..zone_to).find_map(|li| pieces(doc, li).into_iter().find_map(|t| header_date(t, h)));
        let line = &doc.lines[p.title_line];
        let block = title(doc, p.title_line, first_section, g);
        if pi == 0 {
            authority = block.authority;
        }
        parts.push(Part {
            doc_type: p.doc_type.clone(),
            number: number.and_then(|(n, _)| n),
            date: date.map(|(d, _)| d),
            title: block.title,
            span: Span { start: line.start, end: line.end, line: p.title_line + 1 },
        });
    }

    let mut meta = Meta::default();
    // Without a type title (a letter, Công văn) the header is the first lines.
    let untitled = seg.parts.is_empty().then(|| untitled_header(doc, h));
    let head_to = seg.parts.first().map_or(HEADER_LINES_WITHOUT_TITLE, |p| p.title_line + HEADER_LINES_AFTER_TITLE).min(doc.lines.len());
    let first_section = seg.nodes.first().map_or(doc.lines.len(), |n| n.line);
    let head_to = head_to.min(first_section.max(1)).max(seg.parts.first().map_or(0, |p| p.title_line + 1));
    let head_to = head_to.min(doc.lines.len());
    // (a header pushed down by a saved page's furniture starts below it)
    let head = untitled.filter(|r| r.start > 0).unwrap_or(0..head_to);
    if let Some((number, symbol)) = head.clone().find_map(|li| number_at(doc, li, h)) {
        meta.number = number;
        meta.symbol = symbol;
    }
    if let Some((li, date, place)) =
        head.clone().find_map(|li| pieces(doc, li).into_iter().find_map(|t| header_date(t, h).map(|(d, p)| (li, d, p))))
    {
        meta.date = Some(date);
        meta.place = place.map(|p| place_cut_by_wrap(doc, li, p));
    } else {
        meta.date = doc_adopted_date(doc, h);
    }
    // A letter names its subject ("V/v thuế suất thuế GTGT") where others
    // have a title: that names its type (its symbol names the issuer, "CT-CS":
    // the tax department) and is its title.
    let subject = if seg.parts.is_empty() {
        (0..head_to).find_map(|li| pieces(doc, li).into_iter().find_map(|t| g.doc_types.subject_match(t)))
    } else {
        None
    };
    let type_id = seg
        .parts
        .first()
        .map(|p| p.doc_type.clone())
        .or_else(|| subject.map(|(id, _)| id.to_string()))
        .or_else(|| meta.symbol.as_deref().and_then(|s| g.doc_types.symbol_type(s)).map(str::to_string))
        .unwrap_or_else(|| "other".to_string());
    meta.doc_type = g.doc_types.meta_type(&type_id);
    meta.title = match parts.first() {
        Some(p) => p.title.clone(),
        None => subject.map(|(_, s)| s.to_string()),
    };
    meta.period = meta.title.as_deref().and_then(|t| period(t, h));
    let header = header_issuer(doc, seg, g);
    // "ỦY BAN NHÂN DÂN" alone over the number (a copy that lost the line
    // naming the province): the body may name the same body whole ("Ủy ban
    // nhân dân tỉnh Hưng Yên ban hành Kế hoạch ...").
    let header = match header {
        Some(bare) if bare.split_whitespace().count() <= BARE_ISSUER_WORDS => {
            body_issuer(doc, h, meta.place.as_deref()).filter(|whole| whole.len() > bare.len() && whole.starts_with(bare.as_str())).or(Some(bare))
        }
        other => other,
    };
    // A symbol can name the position that decides ("QĐ-CTUBND": the chairman).
    let symbol_position = || {
        let issuing = meta.symbol.as_deref()?.rsplit('-').next()?;
        let (_, position) = h.position_symbols.iter().find(|(s, _)| s == issuing)?;
        Some(held_by(position, header.as_deref()?))
    };
    meta.issuer = authority
        .and_then(|a| issuing_position(&a, header.as_deref(), h))
        .or_else(symbol_position)
        .or(header)
        .or_else(|| body_issuer(doc, h, meta.place.as_deref()));
    meta.signers = signers(doc, h);
    meta.draft = (0..head_to).any(|li| pieces(doc, li).iter().any(|t| h.draft.iter().any(|d| t.trim() == d)));
    (meta, parts)
}

/// The header number in a line, or after a label that a narrow header
/// cell left alone on its line ("Số:" above "11299/ VPCP-KGVX").
fn number_at(doc: &NormDoc, li: usize, h: &HeaderGrammar) -> Option<(Option<String>, Option<String>)> {
    let pieces = pieces(doc, li);
    pieces.iter().find_map(|t| header_number(t, h)).or_else(|| {
        let label = pieces.last().filter(|t| t.trim().chars().count() <= BARE_LABEL_CHARS)?;
        doc.lines.get(li + 1).filter(|l| l.kind == LineKind::Para)?;
        header_number(&format!("{} {}", label.trim(), doc.line_text(li + 1).trim()), h)
    })
}

/// A number label alone ("Số:", "Số hiệu:") is this short.
const BARE_LABEL_CHARS: usize = 10;

/// ("1009/QĐ-UBND" or None when blank, "QĐ-UBND").
fn header_number(text: &str, h: &HeaderGrammar) -> Option<(Option<String>, Option<String>)> {
    number_in(text, h).or_else(|| {
        // A PDF text layer may space out a number ("55/20 25/N Q-HĐN D",
        // "224/C Đ-TTg"): read the line again with it glued.
        let (glued, _) = super::references::glue_spaced(text)?;
        number_in(&glued, h)
    })
}

fn number_in(text: &str, h: &HeaderGrammar) -> Option<(Option<String>, Option<String>)> {
    let caps = h.number.captures(text)?;
    let m = caps.name("num")?;
    let mut num = m.as_str();
    // "Số: 09/2025/NĐ-CP / Độc lập - Tự do": a spaced separator and the
    // first letter of the next cell's word are no part of the number.
    if let Some(sep) = num.rfind(['/', '-']).filter(|_| text[m.end()..].starts_with(char::is_alphabetic)) {
        let (before, after) = (&num[..sep], &num[sep + 1..]);
        if before.ends_with(' ') && after.starts_with(' ') {
            num = before.trim_end();
        }
    }
    let raw: String = num.chars().filter(|c| !c.is_whitespace()).collect();
    let symbol_start = raw.find(|c: char| c.is_alphabetic() && c.is_uppercase())?;
    let symbol = raw[symbol_start..].to_string();
    // A symbol has a part of two capitals at least ("QĐ-UBND"); "5467/C"
    // is a number cut short by a text layer that split "C T-CS".
    if !symbol.split(['/', '-']).any(|p| p.chars().filter(|c| c.is_uppercase()).count() >= 2) {
        return None;
    }
    let digits = raw[..symbol_start].trim_matches(['/', '-']);
    let number = (!digits.is_empty() && digits.chars().next().is_some_and(|c| c.is_ascii_digit())).then(|| raw.clone());
    Some((number, Some(symbol)))
}

/// A place name the copy broke over two lines ("Cà" / "Mau, ngày 21 tháng
/// 02 năm 2022"): the date line's place goes on from the line above when
/// that line is only the start of a name, a word or two in title case.
fn place_cut_by_wrap(doc: &NormDoc, li: usize, place: String) -> String {
    let line = doc.line_text(li).trim_start();
    let Some(above) = li.checked_sub(1).filter(|_| line.starts_with(place.as_str())).map(|a| doc.line_text(a).trim()) else {
        return place;
    };
    let words: Vec<&str> = above.split(' ').filter(|w| *w != "-").collect();
    if (1..=PLACE_WRAP_WORDS).contains(&words.len()) && words.iter().all(|w| crate::normalize::flattened::is_capitalised(w)) {
        format!("{above} {place}")
    } else {
        place
    }
}

/// The most words of a place name left on the line above its date line.
const PLACE_WRAP_WORDS: usize = 3;

/// ("2012-03-29" or "2021-12" when the day is blank, place).
fn header_date(text: &str, h: &HeaderGrammar) -> Option<(String, Option<String>)> {
    if text.len() > 200 || !h.date.is_match(text) {
        return None;
    }
    // "Căn cứ Luật Dân quân tự vệ ngày 22 tháng 11 năm 2019;": the date of a
    // cited law, in a header that lost its own date line.
    if h.preamble_openers.iter().any(|p| text.starts_with(p.as_str())) {
        return None;
    }
    let caps = h.dated_place.captures(text)?;
    let num = |n: &str| caps.name(n).and_then(|m| m.as_str().parse::<u32>().ok());
    let year = num("year")?;
    let date = match (num("month"), num("day")) {
        (Some(m), Some(d)) if (1..=12).contains(&m) && (1..=31).contains(&d) => format!("{year:04}-{m:02}-{d:02}"),
        (Some(m), _) if (1..=12).contains(&m) => format!("{year:04}-{m:02}"),
        _ => format!("{year:04}"),
    };
    let place = caps.name("place").map(|p| p.as_str().trim().to_string()).filter(|p| !p.is_empty());
    Some((date, place))
}

fn doc_adopted_date(doc: &NormDoc, h: &HeaderGrammar) -> Option<String> {
    let caps = h.adopted_date.captures(&doc.text)?;
    let num = |n: &str| caps.name(n).and_then(|m| m.as_str().parse::<u32>().ok());
    Some(format!("{:04}-{:02}-{:02}", num("year")?, num("month")?, num("day")?))
}

/// A title and the enacting authority that ends it.
struct TitleBlock {
    title: Option<String>,
    /// As written ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ").
    authority: Option<String>,
}

/// The lines after the type word, up to the body.
fn title(doc: &NormDoc, title_line: usize, limit: usize, g: &Grammar) -> TitleBlock {
    let h = &g.header;
    let mut parts: Vec<String> = Vec::new();
    let mut authority = None;
    // A title in the same line or cell as the type word ("NGHỊ QUYẾT QUY ĐỊNH ...").
    for piece in pieces(doc, title_line) {
        if let Some((_, rest)) = g.doc_types.title_match(piece) {
            let rest = rest.split_whitespace().collect::<Vec<_>>().join(" ");
            if !rest.is_empty() {
                parts.push(rest);
            }
        }
    }
    for li in title_line + 1..limit.min(title_line + 5).min(doc.lines.len()) {
        if doc.lines[li].kind != LineKind::Para {
            break;
        }
        let t = doc.line_text(li);
        // The first line under the type word is the title even when it
        // starts like a preamble ("Thực hiện cải cách hành chính ..."),
        // unless it is long enough to be prose or cites a document in a
        // sentence; a line in capitals is a title even so ("SỬA ĐỔI ...
        // NGHỊ ĐỊNH SỐ 72/2020/NĐ-CP ... CỦA CHÍNH PHỦ QUY ĐỊNH CHI TIẾT
        // ..."), and so is a cited document with no stop after it (an
        // action programme: "Thực hiện Nghị quyết số 57-NQ/TW ngày ... của
        // Bộ Chính trị về ...").
        let first = parts.is_empty() && li == title_line + 1;
        let sentence = || t.trim_end().ends_with(['.', ':', ';', ',']);
        let prose = || t.len() > 300 || g.references.numbers(t).next().is_some() && sentence();
        let preamble = if first {
            prose() && t.chars().any(char::is_lowercase) || h.preamble_openers.iter().any(|p| t.starts_with(p.as_str()))
        } else {
            // (a directive has no preamble: its body opens with a sentence
            // right under the title, "Thời gian qua, ... . Tuy nhiên, ...")
            h.ends_title(t) || t.trim_end().ends_with('.') && t.chars().any(char::is_lowercase)
        };
        // The enacting authority: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", "BỘ TRƯỞNG BỘ TÀI CHÍNH".
        let signature = h.opens_signature(t) && !parts.is_empty();
        let stop = preamble
            || h.enacting.iter().any(|e| t.starts_with(e.as_str()))
            || h.issuer_head(t).is_some() && !parts.is_empty()
            || signature
            || h.draft.iter().any(|d| t == d)
            || crate::grammar::header::is_rule(t);
        if stop {
            if signature {
                authority = Some(t.trim().to_string());
            }
            break;
        }
        parts.push(t.to_string());
    }
    // A PDF text layer can set a comma apart ("PHÒNG , TRÁNH").
    let t = parts.join(" ").replace(" , ", ", ");
    let (t, glued) = split_authority(t.trim(), h);
    TitleBlock { title: (!t.is_empty()).then(|| t.to_string()), authority: glued.map(str::to_string).or(authority) }
}

/// Words an enacting authority can run to after the title it follows.
const AUTHORITY_WORDS: usize = 12;

/// A title and the enacting authority that a flattened page glued to it
/// ("... CỦA SỞ TƯ PHÁP CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", "...
/// THỦ TƯỚNG CHÍNH PHỦ điện:"): a position, then a body, to the end.
fn split_authority<'t>(title: &'t str, h: &HeaderGrammar) -> (&'t str, Option<&'t str>) {
    let starts: Vec<usize> = title.match_indices(' ').map(|(i, _)| i + 1).collect();
    // Only the last words can be the authority, the earliest start first.
    for &at in &starts[starts.len().saturating_sub(AUTHORITY_WORDS)..] {
        let tail = &title[at..];
        // A telegram's "điện:" follows its sender.
        let tail = tail.trim_end_matches(':').trim_end_matches(|c: char| c.is_lowercase()).trim_end();
        let Some(position) = h.positions.iter().find(|p| tail.starts_with(p.as_str())) else { continue };
        let body = tail[position.len()..].trim_start();
        // "... THÔNG TƯ SỐ 75/2024/TT-BTC ... CỦA BỘ TRƯỞNG BỘ TÀI CHÍNH" names a cited document's author.
        let cited = title[..at].split_whitespace().next_back().is_some_and(|w| h.authors_of_cited.iter().any(|c| c == w));
        if !body.is_empty() && h.issuer_head(body).is_some() && !cited {
            return (title[..at].trim_end(), Some(tail));
        }
    }
    (title, None)
}

/// The issuer named by an enacting authority that is a position of a body
/// ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ" -> "Chủ tịch Ủy ban nhân dân
/// tỉnh Quảng Trị"); `header` completes a body the line cut short ("CHỦ
/// TỊCH ỦY BAN NHÂN DÂN" under "ỦY BAN NHÂN DÂN / TỈNH QUẢNG TRỊ").
fn issuing_position(authority: &str, header: Option<&str>, h: &HeaderGrammar) -> Option<String> {
    let position = h.issuing_positions.iter().find(|p| authority.strip_prefix(p.as_str()).is_some_and(|r| r.starts_with(' ')))?;
    let body = authority[position.len()..].trim();
    h.issuer_head(body)?;
    let mut name = proper_name(body, h);
    // (compared without spaces: a PDF's line can split a word, "VĂN HÓ A")
    let squeezed = |s: &str| fold_key(s).replace(' ', "");
    if let Some(header) = header
        && squeezed(header).starts_with(&squeezed(&name))
    {
        name = header.to_string();
    }
    Some(held_by(position, &name))
}

/// "CHỦ TỊCH" of "Ủy ban nhân dân tỉnh Quảng Trị" -> "Chủ tịch Ủy ban nhân dân tỉnh Quảng Trị".
fn held_by(position: &str, body: &str) -> String {
    format!("{} {body}", capitalise(&fold_key(position)))
}

fn period(title: &str, h: &HeaderGrammar) -> Option<Period> {
    let year = |c: &regex::Captures, n: &str| c.name(n).and_then(|m| m.as_str().parse::<i32>().ok());
    if let Some(c) = h.period_range.captures_iter(title).last() {
        let (from, to) = (year(&c, "from")?, year(&c, "to")?);
        if to >= from {
            return Some(Period { from: Some(from), to });
        }
    }
    if let Some(c) = h.period_until.captures(title) {
        return Some(Period { from: None, to: year(&c, "to")? });
    }
    let c = h.period_year.captures(title)?;
    let y = year(&c, "to")?;
    Some(Period { from: Some(y), to: y })
}

/// The issuing body from the header lines above the first title ("UỶ BAN
/// NHÂN DÂN / TỈNH QUẢNG NAM"), or the authority line right under it.
fn header_issuer(doc: &NormDoc, seg: &Segmented, g: &Grammar) -> Option<String> {
    let h = &g.header;
    // A letter has no type title: its header is the lines above its number.
    let title = match seg.parts.first() {
        Some(p) => p.title_line,
        None => untitled_header(doc, h).find(|&li| number_at(doc, li, h).is_some())?,
    };
    let mut words: Vec<String> = Vec::new();
    // The lines above the issuing body ("ỦY BAN NHÂN DÂN / TỈNH QUẢNG NAM"
    // over "SỞ TÀI CHÍNH"): the place they name belongs to its name.
    let mut parent = String::new();
    // First words the copy broke off the issuer's line ("ỦY" / "BAN NHÂN
    // DÂN", "THỦ TƯỚNG" / "CHÍNH PHỦ").
    let mut broken_off: Option<&str> = None;
    for li in 0..title {
        // (a saved page's layout table can leave the first cell empty)
        let piece = pieces(doc, li).into_iter().find(|p| !p.trim().is_empty()).unwrap_or("");
        let piece = cut_at_rule(piece);
        if words.is_empty() {
            let joined = broken_off.take().map(|w| format!("{w} {piece}")).filter(|j| h.issuer_head(j).is_some());
            if let Some(joined) = joined {
                words.push(joined);
            } else if h.issuer_head(piece).is_some() && !h.is_motto(piece) {
                words.push(piece.to_string());
            } else if is_upper(piece) && piece.split_whitespace().count() <= BROKEN_OFF_WORDS && !h.is_motto(piece) {
                broken_off = Some(piece.trim());
            }
        } else if is_upper(piece) && !h.is_motto(piece) && !piece.is_empty() && h.number.find(piece).is_none() {
            // "BỘ TÀI CHÍNH / CỤC HẢI QUAN": the parent body, then the one
            // that issues the document.
            if h.issuer_head(piece).is_some() {
                parent = words.join(" ");
                words.clear();
            }
            words.push(piece.to_string());
        } else {
            break;
        }
    }
    if words.is_empty() && !seg.parts.is_empty() {
        // "ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM" stated under the title, before "Căn cứ".
        for li in title + 1..(title + 6).min(doc.lines.len()) {
            let t = doc.line_text(li);
            if h.issuer_head(t).is_some() {
                words.push(t.to_string());
                break;
            }
        }
    }
    let raw = words.join(" ");
    let body = h.issuing_body(&raw);
    if body.is_empty() {
        return None;
    }
    // (the body is the end of the trimmed cell; a cut by length could fall
    // inside a letter if the cell ended in a space)
    let parent = format!("{parent} {}", raw.trim_end().strip_suffix(body).unwrap_or(""));
    let named = match h.local_place(&parent) {
        // "SỞ GIÁO DỤC VÀ ĐÀO TẠO" of "UBND THÀNH PHỐ HÀ NỘI": every province
        // has one, so the place tells them apart ("THUẾ TỈNH X" names it already).
        Some((unit, name)) if !body.contains(name) => format!("{body} {unit} {name}"),
        _ => body.to_string(),
    };
    Some(proper_name(&named, h))
}

/// The most words a copy breaks off the front of an issuer's name.
const BROKEN_OFF_WORDS: usize = 3;

fn cut_at_rule(s: &str) -> &str {
    let s = s.split(" ---").next().unwrap_or(s);
    s.split(" ___").next().unwrap_or(s).trim_end_matches(['-', '_', ' '])
}

fn is_upper(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

fn body_issuer(doc: &NormDoc, h: &HeaderGrammar, place: Option<&str>) -> Option<String> {
    let window = &doc.text[..doc.text.floor_char_boundary(6000)];
    let caps = h.body_issuers.iter().find_map(|re| re.captures(window))?;
    let mut name = expand_abbreviations(caps.name("issuer")?.as_str(), h);
    // "UBND huyện" with the name only in the place line: "huyện Triệu Sơn".
    let ends_with_unit = h.admin_units.iter().any(|u| name.to_lowercase().ends_with(u.as_str()));
    if let (true, Some(p)) = (ends_with_unit, place) {
        name = format!("{name} {p}");
    }
    Some(name)
}

fn expand_abbreviations(s: &str, h: &HeaderGrammar) -> String {
    s.split_whitespace()
        .map(|w| h.abbreviations.iter().find(|(k, _)| k == w).map_or(w.to_string(), |(_, v)| v.clone()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// "UỶ BAN NHÂN DÂN TỈNH QUẢNG NAM" -> "Ủy ban nhân dân tỉnh Quảng Nam",
/// "BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH" -> "Bộ Văn hóa, Thể thao và Du lịch":
/// lower case with old-style tone marks, but capitals where Vietnamese
/// writes them in a body's name (see `name_capitals` in header.toml).
pub fn proper_name(raw: &str, h: &HeaderGrammar) -> String {
    let raw = raw.trim();
    // The kind of body ("BỘ", "CỤC", "VĂN PHÒNG"): its own name follows.
    let head_len = h.issuer_head(raw).map_or(0, str::len);
    let head_words = expand_abbreviations(&raw[..head_len], h).split_whitespace().count();
    let expanded = expand_abbreviations(raw, h);
    let lower = fold_key(&expanded);
    let words: Vec<&str> = lower.split_whitespace().collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut in_name = false;
    let mut element_start = false;
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        let own_name = head_words > 0 && i == head_words;
        let two = i + 1 < words.len() && h.admin_units.iter().any(|u| *u == format!("{w} {}", words[i + 1]));
        let unit = two || h.admin_units.iter().any(|u| u == w);
        let capital = i == 0 || in_name || (own_name || element_start) && !unit;
        out.push(if capital { capitalise(w) } else { w.to_string() });
        if two {
            out.push(words[i + 1].to_string());
            i += 1;
        }
        in_name |= unit;
        element_start = i >= head_words && head_words > 0 && (w.ends_with(',') || h.name_joiners.iter().any(|j| j == w));
        i += 1;
    }
    for (key, spelling) in &h.name_capitals {
        let n = key.len();
        let mut j = 0;
        while n > 0 && j + n <= out.len() {
            if out[j..j + n].iter().zip(key).all(|(o, k)| fold_key(o) == *k) {
                out[j..j + n].clone_from_slice(spelling);
                j += n;
            } else {
                j += 1;
            }
        }
    }
    // The first letter is a capital even when a listed word opens the name.
    if let Some(first) = out.first_mut() {
        *first = capitalise(first);
    }
    out.join(" ")
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Signature blocks: "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Name".
fn signers(doc: &NormDoc, h: &HeaderGrammar) -> Vec<Signer> {
    let mut out: Vec<Signer> = Vec::new();
    let mut li = 0;
    while li < doc.lines.len() {
        let starts_block = pieces(doc, li).iter().any(|t| is_signature_start(t, h));
        if !starts_block {
            li += 1;
            continue;
        }
        let window: Vec<&str> = (li..(li + 5).min(doc.lines.len()))
            .flat_map(|l| pieces(doc, l))
            .filter(|t| !h.is_recipients(t))
            .collect();
        // Pieces stay apart: a name ends with its line, and the line after
        // the signature ("Mẫu biểu số 01") is no part of it.
        let joined = window.join("\n");
        if let Some(s) = parse_signature(&joined, h)
            && !out.iter().any(|o| o.name == s.name) {
                out.push(s);
            }
        li += 5;
    }
    out
}

fn is_signature_start(t: &str, h: &HeaderGrammar) -> bool {
    let t = t.trim();
    // The block may share a table cell with the name ("KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Văn A"):
    // only its first words must be capitals.
    let opens = h.opens_signature(t);
    // Checked second: this runs on every line, and few open like a signature.
    opens && is_upper(&t.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
}

fn parse_signature(text: &str, h: &HeaderGrammar) -> Option<Signer> {
    // The last position named is the signer's own; what precedes it is on whose behalf.
    let (pos_start, pos_end) = h
        .positions
        .iter()
        .flat_map(|p| text.match_indices(p.as_str()).map(move |(i, _)| (i, i + p.len())))
        .max_by_key(|&(s, e)| (e, std::cmp::Reverse(s)))?;
    // "PHÓ CHỦ TỊCH (Đã ký) Trần Minh Khoa": a note in brackets is not the name.
    let mut rest = text[pos_end..].trim();
    if rest.starts_with('(') {
        rest = rest.find(')').map_or(rest, |i| rest[i + 1..].trim());
    }
    let name: Vec<&str> = rest
        .lines()
        .next()
        .unwrap_or("")
        .split_whitespace()
        // A name is in Title Case; a word in capitals ("KẾ HOẠCH") is the next block.
        .take_while(|w| w.chars().next().is_some_and(char::is_uppercase) && !w.contains(':') && w.chars().any(char::is_lowercase))
        .take(5)
        .collect();
    if name.len() < 2 || name.iter().all(|w| is_upper(w)) && name.len() > 4 {
        return None;
    }
    let on_behalf = text[..pos_start].split_whitespace().collect::<Vec<_>>().join(" ");
    Some(Signer {
        name: name.join(" "),
        position: Some(text[pos_start..pos_end].to_string()),
        on_behalf: (!on_behalf.is_empty()).then_some(on_behalf),
    })
}
