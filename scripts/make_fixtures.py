#!/usr/bin/env python3
"""Build planparse's regression corpus (corpus/) from the seed texts and scripts/fixtures-src/.

What it makes (all in corpus/; it only writes these files, it never deletes anything):

  seeds, copied byte for byte from <shared>/seeds/ (the user's own reference documents):
    000_25bc85831343adec.txt 001_057b4b123a1b6a43.txt 002_f796a9eaccecfb5f.txt
    003_b7b7b9fea50d8e6d.txt 004_cfd631ae85fcb6d5.txt
  .docx renderings of seeds (hand-written OOXML, python3 stdlib zipfile):
    000_*.docx   header "Số | place, date" and "Nơi nhận | signature" as borderless tables,
                 centred bold title with a w:br line break, bold headings, italic runs
    001_*.docx   2x2 header table (issuer | motto, Số | date), headings carry the paragraph
                 styles Heading1/Heading2, signature table with empty paragraphs
    004_*.docx   one paragraph per line, literal markers "I." "1." "a)"
    004_*-autonum.docx  same text, markers produced by Word automatic numbering
                 (numbering.xml; see build_autonum_004 for the "đ" problem)
  self-written documents (source in scripts/fixtures-src/*.src):
    100_kh-cchc-chuyen-doi-so.docx / .txt  district plan whose appendix is a w:tbl with
                 group rows (gridSpan), vertically merged cells (vMerge) and deadlines;
                 the .txt is its twin (tables one row per line, cells joined by " | ",
                 vMerge cells repeated, a gridSpan cell written once)
    101_kh-nhiem-vu-co-nhan.txt  labelled task fields, targets and a non-target footnote
  PDFs:
    000_*.pdf, 004_*-autonum.pdf, 100_*.pdf   LibreOffice (soffice --headless --convert-to pdf)
    002_f796a9eaccecfb5f-reportlab.pdf         reportlab (DejaVu Sans), second PDF producer
  003_b7b7b9fea50d8e6d.md   Markdown rendering of seed 003 (#, **, lists)
  legacy encodings of seed 004 (byte tables read from <shared>/reference/tables/):
    004_*-tcvn3.txt  004_*-vni.txt  004_*-cp1258.txt   and their UTF-8 twin 004_*-utf8twin.txt
    (all three decode to exactly the twin; see make_legacy)

Tools:
  python3 (3.9+) standard library for everything except the PDFs;
  LibreOffice Writer + fonts with Vietnamese glyphs for the LibreOffice PDFs, poppler-utils
  for the pdftotext check:
      apt-get install -y libreoffice-writer-nogui fonts-liberation2 fonts-dejavu-core poppler-utils
  (fonts-liberation 1.x has no Vietnamese; the .docx ask for "Times New Roman", which
  fontconfig maps to Liberation Serif 2.x);
  reportlab (pip install reportlab) + /usr/share/fonts/truetype/dejavu/DejaVuSans*.ttf.
  Missing PDF tools make the script skip those PDFs with a warning, not fail.

Run from the repository root:   python3 scripts/make_fixtures.py
  Seeds and byte tables are read from $PLANPARSE_SHARED (default: ../shared next to the repo,
  i.e. /work/shared); without it the seeds already in corpus/ are used and the legacy files
  are skipped.

Determinism: .docx, .txt, .md and the legacy files are byte-identical on every run (fixed zip
timestamps and docProps dates, fixed part order). The reportlab PDF is built with reportlab's
invariant mode (fixed dates and IDs). LibreOffice PDFs embed the conversion time
(CreationDate), a random /ID and a /DocChecksum; pin_pdf overwrites those three with
same-length fixed values, so with the same LibreOffice version and fonts they are reproducible
too (another LibreOffice or font version changes the layout bytes, of course).
"""

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SRC_DIR = ROOT / "scripts" / "fixtures-src"
SHARED = Path(os.environ.get("PLANPARSE_SHARED", str(ROOT.parent / "shared")))
SEED_DIR = SHARED / "seeds"
TABLE_DIR = SHARED / "reference" / "tables"

SEED_000 = "000_25bc85831343adec"
SEED_001 = "001_057b4b123a1b6a43"
SEED_002 = "002_f796a9eaccecfb5f"
SEED_003 = "003_b7b7b9fea50d8e6d"
SEED_004 = "004_cfd631ae85fcb6d5"
SEEDS = [SEED_000, SEED_001, SEED_002, SEED_003, SEED_004]

FIXED_ZIP_TIME = (2025, 1, 1, 0, 0, 0)
FIXED_ISO_TIME = "2025-01-01T00:00:00Z"
GENERATOR = "planparse scripts/make_fixtures.py"

# A4, Vietnamese administrative-document margins (Nghị định 30/2020: top/bottom 2 cm,
# left 3 cm, right 1.5 cm), in twips.
PAGE_W, PAGE_H = 11906, 16838
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 1134, 1134, 1701, 850
LAND_MARGIN = 1134
FONT = "Times New Roman"
BODY_SIZE = 26  # half-points: 13 pt
SMALL_SIZE = 22  # 11 pt, for the "Nơi nhận" list
GRID_SIZE = 24  # 12 pt, appendix tables

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

generated = []  # (path, what it exercises)


def note(path, what):
    generated.append((Path(path), what))


# --------------------------------------------------------------------------------------
# Document model shared by the .docx writer and the .txt/.md renderers
# --------------------------------------------------------------------------------------


class Para:
    """One paragraph: runs are (text, bold, italic); '\n' inside text becomes w:br."""

    def __init__(self, runs, align="both", first_indent=567, size=None, style=None,
                 num=None, ind_left=None, hanging=None, keep_next=False, compact=False):
        self.runs = runs
        self.align = align
        self.first_indent = first_indent
        self.size = size
        self.style = style
        self.num = num  # (numId, ilvl) for automatic numbering
        self.ind_left = ind_left
        self.hanging = hanging
        self.keep_next = keep_next
        self.compact = compact  # no space after, single line spacing (table cells)

    def text(self):
        return "".join(t for t, _, _ in self.runs)


class Cell:
    def __init__(self, paras, span=1, vmerge=None, shade=False):
        self.paras = paras
        self.span = span
        self.vmerge = vmerge  # None | "restart" | "continue"
        self.shade = shade


class Table:
    def __init__(self, rows, widths, borders, header_rows=0, kind="grid"):
        self.rows = rows
        self.widths = widths
        self.borders = borders
        self.header_rows = header_rows
        self.kind = kind


class SectionBreak:
    """Ends the current (portrait) section; what follows is landscape."""


# --------------------------------------------------------------------------------------
# Inline markup (**bold**, *italic*) as found in the seeds and the .src files
# --------------------------------------------------------------------------------------


def parse_inline(line, state):
    """Split one line into (text, bold, italic) runs.

    `state["bold"]` survives across lines because the seeds open "**" on one line and close
    it on the next (000's signature, 002's title). A single "*" is italic only when it is a
    well-formed pair inside the line, so a stray asterisk stays literal text.
    """
    runs = []
    buf = []
    italic = False
    tokens = re.split(r"(\*\*|\*)", line)

    def flush():
        if buf:
            runs.append(("".join(buf), state["bold"], italic))
            buf.clear()

    for k, tok in enumerate(tokens):
        if tok == "**":
            flush()
            state["bold"] = not state["bold"]
        elif tok == "*":
            rest = "".join(tokens[k + 1:])
            if italic:
                flush()
                italic = False
            elif "*" in rest and rest[:1] not in ("", " "):
                flush()
                italic = True
            else:
                buf.append("*")
        elif tok:
            buf.append(tok)
    flush()
    return runs


def strip_markup(line):
    state = {"bold": False}
    return "".join(t for t, _, _ in parse_inline(line, state))


def runs_for_lines(lines, state, force_bold=False, force_italic=False):
    """Runs of several lines joined by line breaks (one paragraph with w:br)."""
    runs = []
    for i, line in enumerate(lines):
        if i:
            runs.append(("\n", False, False))
        for t, b, it in parse_inline(line, state):
            runs.append((t, b or force_bold, it or force_italic))
    return runs


# --------------------------------------------------------------------------------------
# Seed text -> blocks (heuristic layout of a Vietnamese administrative document)
# --------------------------------------------------------------------------------------

DOC_TYPE_LINES = {"KẾ HOẠCH", "QUYẾT ĐỊNH", "NGHỊ QUYẾT", "CHƯƠNG TRÌNH", "BÁO CÁO", "CHỈ THỊ"}
CENTER_ONLY_LINES = {"DỰ THẢO", "QUYẾT ĐỊNH:", "QUYẾT NGHỊ:"}
ROMAN_HEAD = re.compile(r"^[IVXL]+\.\s?\S")
ARABIC_HEAD = re.compile(r"^\d+(\.\d+)*\.?\s")
ARTICLE = re.compile(r"^(Điều \d+\.)(.*)$")


def is_all_caps(s):
    letters = [c for c in strip_markup(s) if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def body_para(line, state):
    """Choose the look of an ordinary seed line."""
    plain = strip_markup(line).strip()
    if ROMAN_HEAD.match(plain):
        return Para(runs_for_lines([line], state, force_bold=True), align="both",
                    first_indent=0, keep_next=True, style="Heading1")
    if (ARABIC_HEAD.match(plain) and len(plain) <= 90
            and not plain.endswith((".", ";", ","))):
        return Para(runs_for_lines([line], state, force_bold=True), align="both",
                    keep_next=True, style="Heading2")
    m = ARTICLE.match(line)
    if m:
        runs = [(m.group(1), True, False)] + parse_inline(m.group(2), state)
        return Para(runs)
    if plain in ("Nơi nhận:",):
        return Para(runs_for_lines([line], state, force_bold=True, force_italic=True),
                    align="left", first_indent=0)
    if is_all_caps(plain) and not plain.startswith("-"):
        return Para(runs_for_lines([line], state, force_bold=True), align="center",
                    first_indent=0)
    return Para(parse_inline(line, state))


def header_cell_para(line, state):
    plain = strip_markup(line)
    bold = is_all_caps(plain) or plain.startswith("Độc lập")
    italic = ", ngày" in plain
    return Para(runs_for_lines([line], state, force_bold=bold, force_italic=italic),
                align="center", first_indent=0)


def signature_cell_para(line, state, left):
    if line is None:  # room for the signature
        return Para([], align="center", first_indent=0)
    plain = strip_markup(line)
    if left:
        if plain == "Nơi nhận:":
            return Para(runs_for_lines([line], state, force_bold=True, force_italic=True),
                        align="left", first_indent=0, size=BODY_SIZE - 2)
        return Para(runs_for_lines([line], state), align="left", first_indent=0,
                    size=SMALL_SIZE)
    return Para(runs_for_lines([line], state, force_bold=True), align="center",
                first_indent=0)


def find_table_lines(lines, start, flat):
    """Index range [i, j) of the lines that hold `flat` in order, blank lines allowed between."""
    for i in range(start, len(lines)):
        if lines[i] != flat[0]:
            continue
        k, j = 1, i + 1
        while k < len(flat) and j < len(lines):
            if lines[j].strip() == "":
                j += 1
                continue
            if lines[j] != flat[k]:
                break
            k += 1
            j += 1
        if k == len(flat):
            return i, j
    raise ValueError(f"table lines not found in seed: {flat[:2]}...")


def make_layout_table(spec, state):
    """Borderless 2-column header or signature table from a spec (see SEED_LAYOUT)."""
    kind = spec["kind"]
    rows = []
    for left, right in spec["rows"]:
        cells = []
        for side, cell_lines in ((True, left), (False, right)):
            if kind == "header":
                paras = [header_cell_para(l, state) for l in cell_lines]
            else:
                paras = [signature_cell_para(l, state, side) for l in cell_lines]
            cells.append(Cell(paras or [Para([], first_indent=0)]))
        rows.append(cells)
    widths = [3600, 5755] if kind == "header" else [4700, 4655]
    return Table(rows, widths, borders=False, kind=kind)


def seed_to_blocks(text, layout):
    """Blocks of a seed: layout tables where SEED_LAYOUT says, paragraphs elsewhere.

    Each non-blank line is one paragraph (blank lines only separate); a line holding only
    whitespace (e.g. a lone NBSP) becomes an empty paragraph, as in web-copied Word files.
    The title after a document-type line ("KẾ HOẠCH") is one centred bold paragraph whose
    lines are joined by w:br.
    """
    lines = text.split("\n")
    items = []  # ("line", str) | ("table", spec)
    pos = 0
    for spec in layout:
        flat = [l for row in spec["rows"] for cell in row for l in cell if l is not None]
        i, j = find_table_lines(lines, pos, flat)
        items.extend(("line", l) for l in lines[pos:i])
        items.append(("table", spec))
        pos = j
    items.extend(("line", l) for l in lines[pos:])

    blocks = []
    state = {"bold": False}
    expect_title = False
    k = 0
    while k < len(items):
        kind, val = items[k]
        if kind == "table":
            blocks.append(make_layout_table(val, state))
            k += 1
            continue
        line = val
        if line == "":
            k += 1
            continue
        if line.strip() == "":
            blocks.append(Para([], first_indent=0))
            k += 1
            continue
        plain = strip_markup(line).strip()
        if plain in DOC_TYPE_LINES:
            blocks.append(Para(runs_for_lines([line], state, force_bold=True),
                               align="center", first_indent=0, keep_next=True))
            expect_title = True
            k += 1
            continue
        if plain in CENTER_ONLY_LINES:
            blocks.append(Para(runs_for_lines([line], state, force_bold=True),
                               align="center", first_indent=0, keep_next=True))
            k += 1
            continue
        if expect_title:
            group = []
            while k < len(items) and items[k][0] == "line" and items[k][1].strip() != "":
                group.append(items[k][1])
                k += 1
            blocks.append(Para(runs_for_lines(group, state, force_bold=True),
                               align="center", first_indent=0, keep_next=True))
            expect_title = False
            continue
        blocks.append(body_para(line, state))
        k += 1
    return blocks


# Where the seeds have header and signature blocks: the exact seed lines, in reading order
# (row by row, left cell then right cell). None = an empty paragraph (room to sign).
SEED_LAYOUT = {
    SEED_000: [
        {"kind": "header", "rows": [
            (["Số: /KH-UBND"], ["Triệu Sơn, ngày tháng 12 năm 2021"]),
        ]},
        {"kind": "signature", "rows": [
            (["Nơi nhận:", "- Sở Nội vụ (để b/c);", "- TT Huyện ủy (b/c);",
              "- TT HĐND huyện (b/c);", "- CT, các PCT UBND huyện;",
              "- Các phòng, ban, đơn vị thuộc huyện;", "- UBND các xã, thị trấn;",
              "- Lưu: VT, NV."],
             ["**KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH**", None, None, None, "Bùi Huy Dũng"]),
        ]},
    ],
    SEED_001: [
        {"kind": "header", "rows": [
            (["UỶ BAN NHÂN DÂN", "TỈNH QUẢNG NAM", "--------"],
             ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
              "---------------"]),
            (["Số: 1009/QĐ-UBND"], ["Quảng Nam, ngày 29 tháng 03 năm 2012"]),
        ]},
        {"kind": "signature", "rows": [
            ([], ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", None, None, None,
                  "Nguyễn Ngọc Quang"]),
        ]},
    ],
    SEED_004: [],
}


# --------------------------------------------------------------------------------------
# OOXML writer
# --------------------------------------------------------------------------------------


def run_xml(text, bold, italic, size=None):
    rpr = ""
    if bold:
        rpr += "<w:b/><w:bCs/>"
    if italic:
        rpr += "<w:i/><w:iCs/>"
    if size:
        rpr += f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    rpr = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    out = []
    for i, piece in enumerate(text.split("\n")):
        if i:
            out.append("<w:br/>")
        for j, sub in enumerate(piece.split("\t")):
            if j:
                out.append("<w:tab/>")
            if sub:
                out.append(f'<w:t xml:space="preserve">{escape(sub)}</w:t>')
    return f"<w:r>{rpr}{''.join(out)}</w:r>" if out else ""


def para_xml(p):
    ppr = ""
    if p.style:
        ppr += f'<w:pStyle w:val="{p.style}"/>'
    if p.keep_next:
        ppr += "<w:keepNext/>"
    if p.num:
        ppr += (f'<w:numPr><w:ilvl w:val="{p.num[1]}"/>'
                f'<w:numId w:val="{p.num[0]}"/></w:numPr>')
    if p.compact:
        ppr += '<w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/>'
    if p.ind_left is not None:
        ppr += f'<w:ind w:left="{p.ind_left}" w:hanging="{p.hanging or 0}"/>'
    elif p.first_indent:
        ppr += f'<w:ind w:firstLine="{p.first_indent}"/>'
    ppr += f'<w:jc w:val="{p.align}"/>'
    runs = "".join(run_xml(t, b, i, p.size) for t, b, i in p.runs)
    return f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>"


def table_xml(t):
    if t.borders:
        borders = "".join(f'<w:{e} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                          for e in ("top", "left", "bottom", "right", "insideH", "insideV"))
        style = '<w:tblStyle w:val="TableGrid"/>'
    else:
        borders = "".join(f'<w:{e} w:val="nil"/>'
                          for e in ("top", "left", "bottom", "right", "insideH", "insideV"))
        style = ""
    total = sum(t.widths)
    out = [f'<w:tbl><w:tblPr>{style}<w:tblW w:w="{total}" w:type="dxa"/>'
           f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
           f'<w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>']
    out += [f'<w:gridCol w:w="{w}"/>' for w in t.widths]
    out.append("</w:tblGrid>")
    for r, row in enumerate(t.rows):
        trpr = "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>" if r < t.header_rows \
            else "<w:trPr><w:cantSplit/></w:trPr>"
        out.append(f"<w:tr>{trpr}")
        col = 0
        for cell in row:
            width = sum(t.widths[col:col + cell.span])
            tcpr = f'<w:tcW w:w="{width}" w:type="dxa"/>'
            if cell.span > 1:
                tcpr += f'<w:gridSpan w:val="{cell.span}"/>'
            if cell.vmerge == "restart":
                tcpr += '<w:vMerge w:val="restart"/>'
            elif cell.vmerge == "continue":
                tcpr += "<w:vMerge/>"
            if cell.shade:
                tcpr += '<w:shd w:val="clear" w:color="auto" w:fill="E7E6E6"/>'
            tcpr += '<w:vAlign w:val="center"/>' if t.borders else ""
            # A cell must hold at least one paragraph, even a vMerge continuation.
            paras = cell.paras if cell.paras else [Para([], first_indent=0)]
            body = "".join(para_xml(p) for p in paras)
            out.append(f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{body}</w:tc>")
            col += cell.span
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def sect_pr_xml(landscape, next_page=False):
    if landscape:
        size = f'<w:pgSz w:w="{PAGE_H}" w:h="{PAGE_W}" w:orient="landscape"/>'
        mar = (f'<w:pgMar w:top="{LAND_MARGIN}" w:right="{LAND_MARGIN}" '
               f'w:bottom="{LAND_MARGIN}" w:left="{LAND_MARGIN}" w:header="567" '
               f'w:footer="567" w:gutter="0"/>')
    else:
        size = f'<w:pgSz w:w="{PAGE_W}" w:h="{PAGE_H}"/>'
        mar = (f'<w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_RIGHT}" '
               f'w:bottom="{MARGIN_BOTTOM}" w:left="{MARGIN_LEFT}" w:header="567" '
               f'w:footer="567" w:gutter="0"/>')
    typ = '<w:type w:val="nextPage"/>' if next_page else ""
    return f"<w:sectPr>{typ}{size}{mar}</w:sectPr>"


def document_xml(blocks):
    body = []
    landscape = False
    for k, b in enumerate(blocks):
        if isinstance(b, Para):
            body.append(para_xml(b))
        elif isinstance(b, Table):
            body.append(table_xml(b))
            # A table must not touch another table or end the body: Word would merge the
            # first case and reject the second.
            if k + 1 == len(blocks) or not isinstance(blocks[k + 1], Para):
                body.append('<w:p><w:pPr><w:spacing w:after="0"/></w:pPr></w:p>')
        elif isinstance(b, SectionBreak):
            # The section's properties ride on its last paragraph (OOXML rule).
            body.append(f"<w:p><w:pPr>{sect_pr_xml(landscape)}</w:pPr></w:p>")
            landscape = True
    sect = sect_pr_xml(landscape, next_page=landscape)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>'
            f'{"".join(body)}{sect}</w:body></w:document>')


def styles_xml():
    fonts = (f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" '
             f'w:cs="{FONT}"/>')
    grid = "".join(f'<w:{e} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                   for e in ("top", "left", "bottom", "right", "insideH", "insideV"))
    heading = ('<w:style w:type="paragraph" w:styleId="Heading{n}"><w:name w:val="heading {n}"/>'
               '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
               '<w:pPr><w:keepNext/><w:spacing w:before="120" w:after="120"/>'
               '<w:outlineLvl w:val="{lvl}"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:styles xmlns:w="{W_NS}">'
            f'<w:docDefaults><w:rPrDefault><w:rPr>{fonts}'
            f'<w:sz w:val="{BODY_SIZE}"/><w:szCs w:val="{BODY_SIZE}"/>'
            '<w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
            '<w:pPrDefault><w:pPr><w:spacing w:after="80" w:line="264" w:lineRule="auto"/>'
            '</w:pPr></w:pPrDefault></w:docDefaults>'
            '<w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
            '<w:name w:val="Normal"/><w:qFormat/></w:style>'
            + heading.format(n=1, lvl=0) + heading.format(n=2, lvl=1) +
            '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
            '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
            '</w:style>'
            '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
            '<w:name w:val="Normal Table"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
            '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
            '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>'
            '</w:tblPr></w:style>'
            '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>'
            f'<w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders>{grid}</w:tblBorders>'
            '</w:tblPr></w:style>'
            '<w:style w:type="numbering" w:default="1" w:styleId="NoList">'
            '<w:name w:val="No List"/><w:semiHidden/></w:style>'
            '</w:styles>')


def settings_xml():
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:settings xmlns:w="{W_NS}"><w:defaultTabStop w:val="720"/>'
            '<w:characterSpacingControl w:val="doNotCompress"/>'
            '<w:compat><w:compatSetting w:name="compatibilityMode" '
            'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
            '</w:settings>')


def content_types_xml(has_numbering):
    ov = [("/word/document.xml", "wordprocessingml.document.main+xml"),
          ("/word/styles.xml", "wordprocessingml.styles+xml"),
          ("/word/settings.xml", "wordprocessingml.settings+xml")]
    if has_numbering:
        ov.append(("/word/numbering.xml", "wordprocessingml.numbering+xml"))
    ov.append(("/docProps/app.xml", "extended-properties+xml"))
    overrides = "".join(
        f'<Override PartName="{p}" ContentType="application/vnd.openxmlformats-officedocument.{t}"/>'
        for p, t in ov)
    overrides += ('<Override PartName="/docProps/core.xml" '
                  'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'{overrides}</Types>')


def package_rels_xml():
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="word/document.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
            'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            f'<Relationship Id="rId3" Type="{rel}/extended-properties" Target="docProps/app.xml"/>'
            '</Relationships>')


def document_rels_xml(has_numbering):
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    items = [("rId1", "styles", "styles.xml"), ("rId2", "settings", "settings.xml")]
    if has_numbering:
        items.append(("rId3", "numbering", "numbering.xml"))
    body = "".join(f'<Relationship Id="{i}" Type="{rel}/{t}" Target="{f}"/>'
                   for i, t, f in items)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'{body}</Relationships>')


def core_xml(title, description):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dc:title>{escape(title)}</dc:title><dc:creator>{GENERATOR}</dc:creator>'
            f'<dc:description>{escape(description)}</dc:description>'
            f'<cp:lastModifiedBy>{GENERATOR}</cp:lastModifiedBy><cp:revision>1</cp:revision>'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{FIXED_ISO_TIME}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{FIXED_ISO_TIME}</dcterms:modified>'
            '</cp:coreProperties>')


def app_xml():
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'extended-properties"><Application>{GENERATOR}</Application></Properties>')


def write_docx(path, blocks, title, description, numbering=None):
    parts = [
        ("[Content_Types].xml", content_types_xml(numbering is not None)),
        ("_rels/.rels", package_rels_xml()),
        ("docProps/core.xml", core_xml(title, description)),
        ("docProps/app.xml", app_xml()),
        ("word/document.xml", document_xml(blocks)),
        ("word/_rels/document.xml.rels", document_rels_xml(numbering is not None)),
        ("word/styles.xml", styles_xml()),
        ("word/settings.xml", settings_xml()),
    ]
    if numbering is not None:
        parts.append(("word/numbering.xml", numbering))
    for name, xml in parts:  # fail here, not in a reader, if a part is malformed
        ET.fromstring(xml.encode("utf-8"))
    with zipfile.ZipFile(path, "w") as z:
        for name, xml in parts:
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            z.writestr(info, xml.encode("utf-8"))


# --------------------------------------------------------------------------------------
# Reading a .docx back (self-check: the text must be the seed's text)
# --------------------------------------------------------------------------------------

def docx_lines(path, markers=None):
    """Paragraph texts of a .docx in document order, w:br -> newline, tables flattened cell
    by cell. `markers(numId, ilvl)` supplies the text of automatic numbers."""
    w = "{%s}" % W_NS
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    out = []
    for p in root.iter(w + "p"):
        prefix = ""
        num = p.find(f"{w}pPr/{w}numPr")
        if num is not None and markers:
            prefix = markers(int(num.find(w + "numId").get(w + "val")),
                             int(num.find(w + "ilvl").get(w + "val"))) + " "
        text = []
        for el in p.iter():
            if el.tag == w + "t":
                text.append(el.text or "")
            elif el.tag == w + "br":
                text.append("\n")
            elif el.tag == w + "tab":
                text.append("\t")
        s = prefix + "".join(text)
        out.extend(s.split("\n"))
    return [l for l in out if l.strip()]


def seed_plain_lines(text):
    state = {"bold": False}
    out = []
    for line in text.split("\n"):
        s = "".join(t for t, _, _ in parse_inline(line, state))
        if s.strip():
            out.append(s)
    return out


def check_same_lines(label, got, want):
    if got == want:
        print(f"  OK   {label}: {len(got)} non-empty lines identical to the source text")
        return True
    for i, (g, w_) in enumerate(zip(got, want)):
        if g != w_:
            print(f"  FAIL {label}: line {i}: got {g[:80]!r} want {w_[:80]!r}")
            break
    else:
        print(f"  FAIL {label}: {len(got)} lines vs {len(want)}")
    return False


# --------------------------------------------------------------------------------------
# 004 with Word automatic numbering
# --------------------------------------------------------------------------------------

ROMAN_ITEM = re.compile(r"^([IVXL]+)\. (.*)$")
ARABIC_ITEM = re.compile(r"^(\d+)\. (.*)$")
LETTER_ITEM = re.compile(r"^([a-zđ])\) (.*)$")
LVL_INDENT = [(567, 567), (927, 360), (1287, 360)]  # twips; "III." (bold 13 pt) needs ~470


def numbering_xml_004():
    """One multilevel list: I. / 1. / a) (upperRoman "%1.", decimal "%2.", lowerLetter "%3)").

    numId 1: sections I and II; lower levels restart by themselves after a higher-level
    item (implicit w:lvlRestart), which is how "1." restarts under II and "a)" under every "n.".
    numId 2: same abstractNum with w:lvlOverride/w:startOverride 3 on level 0 - used for
    "III." after the unnumbered "(Phụ lục kèm theo)" line, as Word writes it when a user
    re-applies the list and sets its value. A reader must honour startOverride and keep
    separate counters per numId to show "III." and "1." "2." under it.
    """
    lvls = []
    fmts = [("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)")]
    for ilvl, (fmt, text) in enumerate(fmts):
        left, hang = LVL_INDENT[ilvl]
        bold = "<w:rPr><w:b/><w:bCs/></w:rPr>" if ilvl < 2 else ""
        lvls.append(f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                    f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
                    f'<w:pPr><w:ind w:left="{left}" w:hanging="{hang}"/></w:pPr>{bold}</w:lvl>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:numbering xmlns:w="{W_NS}">'
            '<w:abstractNum w:abstractNumId="0"><w:nsid w:val="5A3C0F01"/>'
            '<w:multiLevelType w:val="multilevel"/>' + "".join(lvls) + '</w:abstractNum>'
            '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
            '<w:num w:numId="2"><w:abstractNumId w:val="0"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>'
            '</w:numbering>')


def roman(n):
    vals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out


class NumberingSim:
    """Counters as LibreOffice/Word show them for numbering_xml_004 (per numId, lower levels
    reset by a higher-level item, startOverride applied on first use)."""

    FORMATS = [lambda n: roman(n) + ".", lambda n: f"{n}.",
               lambda n: "abcdefghijklmnopqrstuvwxyz"[n - 1] + ")"]
    START = {1: [1, 1, 1], 2: [3, 1, 1]}

    def __init__(self):
        self.counters = {}

    def next(self, num_id, ilvl):
        c = self.counters.setdefault(num_id, [None, None, None])
        c[ilvl] = self.START[num_id][ilvl] if c[ilvl] is None else c[ilvl] + 1
        for deeper in range(ilvl + 1, 3):
            c[deeper] = None
        return self.FORMATS[ilvl](c[ilvl])


def build_autonum_004(text):
    """Blocks for 004 with the section markers taken out of the text and put into numbering.

    Word's lowerLetter counts a b c d e f g h, Vietnamese lists count a b c d đ e g h (no f).
    So only items a)-d) are automatic; from "đ)" on, the items keep their literal marker as
    plain paragraphs indented like level 3 (what a typist does when Word offers "e)"). 004 has
    two such lists (II.3: a-h, II.7: a-e), so a reader meets auto a)-d) followed by literal
    đ) e) g) h), and must accept the d -> đ -> e sequence across the two kinds.
    Returns (blocks, expected marker per numbered paragraph, in order).
    """
    blocks = []
    expected = []
    state = {"bold": False}
    num_id = 1
    for line in text.split("\n"):
        if not line.strip():
            continue
        m = ROMAN_ITEM.match(line)
        if m:
            if m.group(1) == "III":
                num_id = 2
            blocks.append(Para(parse_inline(m.group(2), state), align="both",
                               num=(num_id, 0), first_indent=0, keep_next=True,
                               style=None, ind_left=LVL_INDENT[0][0], hanging=LVL_INDENT[0][1]))
            blocks[-1].runs = [(t, True, i) for t, b, i in blocks[-1].runs]
            expected.append(m.group(1) + ".")
            continue
        m = ARABIC_ITEM.match(line)
        if m:
            short = len(line) <= 90
            runs = [(t, b or short, i) for t, b, i in parse_inline(m.group(2), state)]
            blocks.append(Para(runs, num=(num_id, 1), ind_left=LVL_INDENT[1][0],
                               hanging=LVL_INDENT[1][1], keep_next=short))
            expected.append(m.group(1) + ".")
            continue
        m = LETTER_ITEM.match(line)
        if m and m.group(1) in "abcd":
            blocks.append(Para(parse_inline(m.group(2), state), num=(num_id, 2),
                               ind_left=LVL_INDENT[2][0], hanging=LVL_INDENT[2][1]))
            expected.append(m.group(1) + ")")
            continue
        if m:  # đ) and later: literal marker, see docstring
            blocks.append(Para(parse_inline(line, state), ind_left=LVL_INDENT[2][0],
                               hanging=LVL_INDENT[2][1]))
            continue
        blocks.append(Para(parse_inline(line, state), first_indent=567))
    return blocks, expected


# --------------------------------------------------------------------------------------
# Self-written documents (.src markup, see the header of fixtures-src/100_*.src)
# --------------------------------------------------------------------------------------


def parse_src(path):
    """Blocks of a .src file (see its header for the markup)."""
    raw = [l for l in path.read_text(encoding="utf-8").split("\n") if not l.startswith("#")]
    blocks = []
    state = {"bold": False}
    i = 0
    center_next = False
    para_lines = []

    def flush_para():
        nonlocal center_next
        if not para_lines:
            return
        if center_next:
            blocks.append(Para(runs_for_lines(para_lines, state, force_bold=True),
                               align="center", first_indent=0, keep_next=True))
            center_next = False
        else:
            # A plain group keeps one paragraph per line (lists such as "Nơi nhận:").
            for l in para_lines:
                blocks.append(body_para(l, state))
        para_lines.clear()

    while i < len(raw):
        line = raw[i]
        if line.startswith("@"):
            flush_para()
            cmd = line.split()
            if cmd[0] == "@center":
                center_next = True
            elif cmd[0] == "@landscape":
                blocks.append(SectionBreak())
            elif cmd[0] == "@table":
                j = raw.index("@end", i)
                blocks.append(src_table(cmd[1], raw[i + 1:j], state))
                i = j
            else:
                raise ValueError(f"{path.name}: unknown command {line}")
        elif line.strip() == "":
            flush_para()
        else:
            para_lines.append(line)
        i += 1
    flush_para()
    return blocks


def src_table(kind, lines, state):
    if kind in ("header", "signature"):
        rows = [[[], []]]
        for line in lines:
            if line.strip() == "---":
                rows.append([[], []])
                continue
            left, _, right = line.partition("|")
            for side, s in ((0, left.strip()), (1, right.strip())):
                if s:
                    rows[-1][side].append(s)
        table_rows = []
        for left, right in rows:
            cells = []
            for side, cell_lines in ((0, left), (1, right)):
                if kind == "header":
                    paras = [Para(parse_inline(l, state), align="center", first_indent=0)
                             for l in cell_lines]
                else:
                    paras = [Para(parse_inline(l, state), align="left" if side == 0 else
                                  "center", first_indent=0,
                                  size=SMALL_SIZE if side == 0 and l.startswith("-") else None)
                             for l in cell_lines]
                    if side == 1:  # room for signature and seal before the name
                        paras[-1:-1] = [Para([], first_indent=0), Para([], first_indent=0)]
                cells.append(Cell(paras))
            table_rows.append(cells)
        widths = [3600, 5755] if kind == "header" else [4700, 4655]
        return Table(table_rows, widths, borders=False, kind=kind)

    assert kind == "grid", kind
    grid_rows = [[c.strip() for c in l.split(" | ")] for l in lines if l.strip()]
    ncols = len(grid_rows[0])
    widths = [700, 4300, 2500, 2800, 1700, 2570][:ncols]
    rows = []
    cell_para = lambda runs, align: Para(runs, align=align, first_indent=0, size=GRID_SIZE,
                                         compact=True)
    for r, cells_txt in enumerate(grid_rows):
        cells = []
        col = 0
        for k, txt in enumerate(cells_txt):
            if txt.startswith(">"):
                span = ncols - col
                cells.append(Cell([cell_para(parse_inline(txt[1:], state), "left")],
                                  span=span, shade=True))
                for c in cells:  # a group row is bold throughout
                    c.paras = [cell_para([(t, True, i) for t, _, i in p.runs], p.align)
                               for p in c.paras]
                col += span
                continue
            if txt == "^":
                cells.append(Cell([], vmerge="continue"))
            else:
                below_merges = any(r2 < len(grid_rows) and len(grid_rows[r2]) > col
                                   and grid_rows[r2][col] == "^" for r2 in (r + 1,))
                align = "left" if col in (1, 3, 5) else "center"
                runs = parse_inline(txt, state)
                if r == 0:
                    runs, align = [(t, True, i) for t, _, i in runs], "center"
                paras = [cell_para(runs, align)]
                cells.append(Cell(paras, vmerge="restart" if below_merges else None))
            col += 1
        if col != ncols:
            raise ValueError(f"grid row {r} has {col} columns, header has {ncols}")
        rows.append(cells)
    return Table(rows, widths, borders=True, header_rows=1, kind="grid")


def blocks_to_text(blocks):
    """Plain-text twin of a block list: paragraphs separated by a blank line; tables one row
    per line, cells " | ", a cell's paragraphs joined by a space, vMerge cells repeated,
    gridSpan cells written once (the convention of the project's corpus-vn texts)."""
    out = []
    for b in blocks:
        if isinstance(b, Para):
            t = b.text()
            if t.strip():
                out.append(t)
        elif isinstance(b, Table):
            rows_txt = []
            above = {}
            for row in b.rows:
                col = 0
                cells = []
                for cell in row:
                    if cell.vmerge == "continue":
                        txt = above.get(col, "")
                    else:
                        txt = " ".join(p.text() for p in cell.paras if p.text().strip())
                    above[col] = txt
                    cells.append(txt)
                    col += cell.span
                rows_txt.append(" | ".join(cells))
            out.append("\n".join(rows_txt))
    return "\n\n".join(out) + "\n"


def src_plain_text(src_path):
    """Text of a .src that has no block commands, keeping its line grouping (101_*.txt)."""
    raw = [l for l in src_path.read_text(encoding="utf-8").split("\n") if not l.startswith("#")]
    text = "\n".join(strip_markup(l) for l in raw)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"
    return text


# --------------------------------------------------------------------------------------
# Markdown rendering of seed 003
# --------------------------------------------------------------------------------------


def seed_to_markdown(text):
    """Markdown of a seed with the same words: doc type -> "#", Roman sections -> "##",
    short numbered headings -> "###", bullets stay "- " list items, the title and the
    signature become **bold**, the place/date line *italic*."""
    groups = [g.split("\n") for g in re.split(r"\n\s*\n", text.strip("\n"))]
    out = []
    after_doc_type = False
    for g in groups:
        g = [l for l in g if l.strip()]
        if not g:
            continue
        if all(l.startswith("- ") for l in g):
            out.append("\n".join(g))
            continue
        for line in g:
            plain = line.strip()
            if plain in DOC_TYPE_LINES:
                out.append("# " + plain)
                after_doc_type = True
            elif after_doc_type:
                out.append(f"**{plain}**")
                after_doc_type = False
            elif plain in CENTER_ONLY_LINES or plain == "Nơi nhận:" or (
                    is_all_caps(plain) and not ROMAN_HEAD.match(plain)):
                out.append(f"**{plain}**")
            elif ROMAN_HEAD.match(plain):
                out.append("## " + plain)
            elif (ARABIC_HEAD.match(plain) and len(plain) <= 90
                  and not plain.endswith((".", ";", ","))):
                out.append("### " + plain)
            elif ", ngày" in plain and len(plain) < 60:
                out.append(f"*{plain}*")
            else:
                out.append(line)
    return "\n\n".join(out) + "\n"


# --------------------------------------------------------------------------------------
# Legacy encodings of seed 004
# --------------------------------------------------------------------------------------

# Characters the three legacy code pages do not all have, replaced before encoding so that
# the four files carry the same text.
LEGACY_PUNCT = {"\u2026": "...", "\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'",
                "\u2013": "-", "\u2014": "-", "\u00a0": " "}
TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def read_tsv(name):
    rows = []
    for line in (TABLE_DIR / name).read_text(encoding="utf-8").split("\n"):
        if line and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def load_tcvn3():
    """tcvn3_abc_vntime.tsv columns: 0 = byte (0xNN), 2 = U+XXXX in the normal .VnTime font.
    (Column 4, the .VnTimeH capitals, is not used: a plain file has no font name.)"""
    dec = {}
    for row in read_tsv("tcvn3_abc_vntime.tsv"):
        dec[int(row[0], 16)] = chr(int(row[2][2:], 16))
    enc = {c: b for b, c in dec.items()}
    return enc, dec


def load_vni():
    """vni_windows_generated.tsv columns: 0 = Unicode letter, 2 = its VNI bytes in hex."""
    enc = {}
    for row in read_tsv("vni_windows_generated.tsv"):
        enc[row[0]] = bytes(int(h, 16) for h in row[2].split())
    dec = {b: c for c, b in enc.items()}
    return enc, dec


def load_cp1258():
    """cp1258_python.tsv columns: 0 = byte (0xNN), 1 = U+XXXX (bytes < 0x80 are ASCII)."""
    dec = {b: chr(b) for b in range(0x80)}
    for row in read_tsv("cp1258_python.tsv"):
        dec[int(row[0], 16)] = chr(int(row[1][2:], 16))
    enc = {c: b for b, c in dec.items()}
    return enc, dec


def tcvn3_text(text, tcvn_enc):
    """The text a TCVN3 file can carry: TCVN3 has no capitals with tone marks (.VnTime puts
    only Ă Â Ê Ô Ơ Ư Đ in 0xA1-0xA7; typists used the lowercase glyph or the .VnTimeH font),
    so a capital with a tone becomes the lowercase letter, e.g. "MỤC TIÊU" -> "MụC TIÊU".
    That is the text a TCVN3 decoder without font information returns."""
    out = []
    for ch in text:
        ch = LEGACY_PUNCT.get(ch, ch)
        if len(ch) == 1 and ord(ch) >= 0x80 and ch not in tcvn_enc:
            low = ch.lower()
            if low not in tcvn_enc:
                raise ValueError(f"no TCVN3 byte for {ch!r} (U+{ord(ch):04X})")
            ch = low
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def encode_tcvn3(text, enc):
    return bytes(ord(c) if ord(c) < 0x80 else enc[c] for c in text)


def decode_tcvn3(data, dec):
    return "".join(chr(b) if b < 0x80 else dec[b] for b in data)


def encode_vni(text, enc):
    out = bytearray()
    for c in text:
        if ord(c) < 0x80:
            out.append(ord(c))
        else:
            out += enc[c]
    return bytes(out)


def decode_vni(data, dec):
    """Longest match first: a base letter plus a mark byte before a single byte."""
    out = []
    i = 0
    while i < len(data):
        two, one = data[i:i + 2], data[i:i + 1]
        if len(two) == 2 and two in dec:
            out.append(dec[two])
            i += 2
        elif one in dec:
            out.append(dec[one])
            i += 1
        elif data[i] < 0x80:
            out.append(chr(data[i]))
            i += 1
        else:
            raise ValueError(f"VNI byte 0x{data[i]:02X} at {i} decodes to nothing")
    return "".join(out)


def encode_cp1258(text, enc):
    """Precomposed byte where Windows-1258 has the letter (à á é í ó ú ...), else the letter
    without its tone + a combining tone byte (ạ -> a U+0323, ế -> ê U+0301); both forms are
    found in files saved from Word with the Vietnamese code page."""
    out = bytearray()
    for c in text:
        if c in enc:
            out.append(enc[c])
            continue
        nfd = unicodedata.normalize("NFD", c)
        tones = [m for m in nfd if m in TONE_MARKS]
        base = unicodedata.normalize("NFC", "".join(m for m in nfd if m not in TONE_MARKS))
        if len(tones) != 1 or base not in enc:
            raise ValueError(f"no Windows-1258 form for {c!r}")
        out.append(enc[base])
        out.append(enc[tones[0]])
    return bytes(out)


def decode_cp1258(data, dec):
    return unicodedata.normalize("NFC", "".join(dec[b] for b in data))


def make_legacy(seed_text):
    if not TABLE_DIR.is_dir():
        print(f"  SKIP legacy encodings: {TABLE_DIR} not found")
        return
    tc_enc, tc_dec = load_tcvn3()
    vni_enc, vni_dec = load_vni()
    cp_enc, cp_dec = load_cp1258()

    twin = tcvn3_text(seed_text, tc_enc)
    files = {
        "tcvn3": (encode_tcvn3(twin, tc_enc), lambda d: decode_tcvn3(d, tc_dec)),
        "vni": (encode_vni(twin, vni_enc), lambda d: decode_vni(d, vni_dec)),
        "cp1258": (encode_cp1258(twin, cp_enc), lambda d: decode_cp1258(d, cp_dec)),
    }
    twin_path = CORPUS / f"{SEED_004}-utf8twin.txt"
    twin_path.write_bytes(twin.encode("utf-8"))
    note(twin_path, "UTF-8 twin of the three legacy files (004 with TCVN3's limits: toned "
                    "capitals lowercased, … “ ” as ASCII)")
    for name, (data, decode) in files.items():
        path = CORPUS / f"{SEED_004}-{name}.txt"
        path.write_bytes(data)
        back = decode(path.read_bytes())
        status = "OK" if back == twin else "FAIL"
        print(f"  {status:4} {path.name}: {len(data)} bytes decode back to the UTF-8 twin")
        if name == "cp1258":
            py = unicodedata.normalize("NFC", data.decode("cp1258"))
            print(f"  {'OK' if py == twin else 'FAIL':4} {path.name}: Python's cp1258 codec "
                  f"+ NFC agrees")
        if status != "OK":
            sys.exit(1)
    note(CORPUS / f"{SEED_004}-tcvn3.txt", "TCVN3/ABC bytes (.VnTime), ư = 0xAD soft hyphen")
    note(CORPUS / f"{SEED_004}-vni.txt", "VNI-Windows bytes (base letter + mark byte)")
    note(CORPUS / f"{SEED_004}-cp1258.txt",
         "Windows-1258 bytes: precomposed where possible, else base + combining tone")


# --------------------------------------------------------------------------------------
# PDFs
# --------------------------------------------------------------------------------------


def libreoffice_pdfs(docx_paths):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("  SKIP LibreOffice PDFs: soffice not installed")
        return []
    done = []
    with tempfile.TemporaryDirectory(prefix="planparse-lo-") as tmp:
        profile = Path(tmp) / "profile"
        outdir = Path(tmp) / "out"
        cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
               "--convert-to", "pdf", "--outdir", str(outdir)] + [str(p) for p in docx_paths]
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
        for p in docx_paths:
            pdf = outdir / (p.stem + ".pdf")
            if not pdf.exists():
                print(f"  FAIL LibreOffice produced no PDF for {p.name}: {res.stderr[-300:]}")
                continue
            target = CORPUS / pdf.name
            target.write_bytes(pin_pdf(pdf.read_bytes(), p.read_bytes()))
            done.append(target)
    return done


def pin_pdf(data, source):
    """Make a LibreOffice PDF reproducible: its only run-dependent bytes are /CreationDate,
    the random /ID and the trailer's /DocChecksum. Each is replaced by a value of the same
    length, so the xref offsets stay valid: the date by FIXED_ISO_TIME's digits, the ID and
    the checksum by MD5s of the source .docx."""
    def fixed_date(m):
        old = m.group(1)
        new = b"D:20250101000000" + old[len(b"D:20250101000000"):]
        return b"/CreationDate(" + new[:len(old)] + b")"

    data, n_date = re.subn(rb"/CreationDate\((D:\d{14}[^)]*)\)", fixed_date, data)
    digest = hashlib.md5(source).hexdigest().upper().encode()

    def fixed_id(m):
        return b"<" + digest[:len(m.group(1))].ljust(len(m.group(1)), b"0") + b">"

    head, sep, tail = data.rpartition(b"/ID")
    if sep:
        end = tail.index(b"]")
        tail = re.sub(rb"<([0-9A-Fa-f]+)>", fixed_id, tail[:end]) + tail[end:]
        data = head + sep + tail
    # LibreOffice's own trailer key, a per-run hash: same treatment as the ID.
    data = re.sub(rb"/DocChecksum /([0-9A-Fa-f]{32})",
                  lambda m: b"/DocChecksum /" + hashlib.md5(source + b"sum").hexdigest()
                  .upper().encode(), data)
    if n_date != 1 or not sep:
        print(f"  WARN could not pin CreationDate/ID (found {n_date} dates, ID {bool(sep)})")
    return data


def reportlab_pdf(seed_text, target):
    try:
        from reportlab import rl_config
        from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.lib.units import cm
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        from reportlab.lib.fonts import addMapping
        from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer
    except ImportError:
        print("  SKIP reportlab PDF: pip install reportlab")
        return None
    font_dir = Path("/usr/share/fonts/truetype/dejavu")
    faces = {"DejaVuSans": "DejaVuSans.ttf", "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
             "DejaVuSans-Oblique": "DejaVuSans-Oblique.ttf",
             "DejaVuSans-BoldOblique": "DejaVuSans-BoldOblique.ttf"}
    if not all((font_dir / f).exists() for f in faces.values()):
        print("  SKIP reportlab PDF: DejaVu fonts missing (apt-get install fonts-dejavu-core)")
        return None
    rl_config.invariant = 1  # fixed creation date and document ID -> reproducible bytes
    for name, f in faces.items():
        pdfmetrics.registerFont(TTFont(name, str(font_dir / f)))
    addMapping("DejaVuSans", 0, 0, "DejaVuSans")
    addMapping("DejaVuSans", 1, 0, "DejaVuSans-Bold")
    addMapping("DejaVuSans", 0, 1, "DejaVuSans-Oblique")
    addMapping("DejaVuSans", 1, 1, "DejaVuSans-BoldOblique")
    body = ParagraphStyle("body", fontName="DejaVuSans", fontSize=10.5, leading=14,
                          alignment=TA_JUSTIFY, firstLineIndent=0.8 * cm, spaceAfter=4)
    center = ParagraphStyle("center", parent=body, alignment=TA_CENTER, firstLineIndent=0)

    def markup(runs):
        s = ""
        for t, b, i in runs:
            t = escape(t).replace("\n", "<br/>")
            if i:
                t = f"<i>{t}</i>"
            if b:
                t = f"<b>{t}</b>"
            s += t
        return s

    story = []
    for b in seed_to_blocks(seed_text, []):
        if isinstance(b, Para):
            if not b.runs:
                story.append(Spacer(1, 6))
                continue
            style = center if b.align == "center" else body
            story.append(Paragraph(markup(b.runs), style))
    doc = SimpleDocTemplate(str(target), pagesize=A4, leftMargin=3 * cm, rightMargin=1.5 * cm,
                            topMargin=2 * cm, bottomMargin=2 * cm, title=SEED_002,
                            author=GENERATOR, creator=GENERATOR)
    doc.build(story)
    return target


def check_pdf_text(pdf, want_text):
    """Share of the source's Vietnamese words (with diacritics) that pdftotext gives back."""
    if not shutil.which("pdftotext"):
        print(f"  SKIP text check of {pdf.name}: pdftotext not installed")
        return
    res = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True)
    got = unicodedata.normalize("NFC", res.stdout.decode("utf-8", "replace"))
    got_words = set(re.findall(r"\w+", got))
    want_words = {w for w in re.findall(r"\w+", strip_markup(want_text))
                  if any(ord(c) > 0x7F for c in w)}
    found = len(want_words & got_words)
    ratio = found / max(1, len(want_words))
    bad = got.count("\ufffd")
    status = "OK" if ratio > 0.98 and bad == 0 else "WARN"
    print(f"  {status:4} {pdf.name}: {found}/{len(want_words)} distinct Vietnamese words "
          f"found by pdftotext ({ratio:.1%}), {bad} U+FFFD")
    missing = sorted(want_words - got_words)[:8]
    if missing:
        print(f"       missing e.g. {missing}")


# --------------------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------------------


def copy_seeds():
    texts = {}
    for seed in SEEDS:
        src = SEED_DIR / f"{seed}.txt"
        dst = CORPUS / f"{seed}.txt"
        if src.exists():
            if not dst.exists() or dst.read_bytes() != src.read_bytes():
                shutil.copyfile(src, dst)
        elif not dst.exists():
            sys.exit(f"seed {seed} not found in {SEED_DIR} nor in {CORPUS}")
        texts[seed] = dst.read_text(encoding="utf-8")
        note(dst, "seed (copied unchanged)")
    return texts


def main():
    CORPUS.mkdir(exist_ok=True)
    print("seeds")
    seeds = copy_seeds()

    print("docx")
    docx_for_pdf = []
    seed_docs = [
        (SEED_000, "borderless header (Số | date) and signature (Nơi nhận | KT. CHỦ TỊCH) "
                   "tables, title with w:br, bold headings, italic runs"),
        (SEED_001, "2x2 header table (issuer | motto, Số | date), Heading1/Heading2 styles, "
                   "signature table with empty paragraphs, NBSP-only lines as empty paragraphs"),
        (SEED_004, "literal markers I. / 1. / a) incl. đ), one paragraph per line"),
    ]
    for seed, what in seed_docs:
        blocks = seed_to_blocks(seeds[seed], SEED_LAYOUT[seed])
        if seed != SEED_001:  # only 001 carries heading styles, the others direct bold
            for b in blocks:
                if isinstance(b, Para) and b.style:
                    b.style = None
        path = CORPUS / f"{seed}.docx"
        write_docx(path, blocks, seed, f"Rendering of seed {seed}.txt for planparse tests")
        check_same_lines(path.name, docx_lines(path), seed_plain_lines(seeds[seed]))
        note(path, what)
        if seed == SEED_000:
            docx_for_pdf.append(path)

    blocks, expected = build_autonum_004(seeds[SEED_004])
    path = CORPUS / f"{SEED_004}-autonum.docx"
    write_docx(path, blocks, SEED_004 + " (automatic numbering)",
               "Seed 004 with section markers from Word automatic numbering",
               numbering=numbering_xml_004())
    sim = NumberingSim()
    shown = []

    def marker(num_id, ilvl):
        shown.append(sim.next(num_id, ilvl))
        return shown[-1]

    check_same_lines(path.name + " (markers simulated)", docx_lines(path, marker),
                     seed_plain_lines(seeds[SEED_004]))
    print(f"  {'OK' if shown == expected else 'FAIL':4} {path.name}: {len(shown)} automatic "
          f"markers equal the seed's literal ones")
    note(path, "markers from numbering.xml (upperRoman/decimal/lowerLetter, implicit level "
               "restarts, numId 2 with startOverride=3), literal đ) e) g) h) after auto a)-d)")
    docx_for_pdf.append(path)

    src100 = SRC_DIR / "100_kh-cchc-chuyen-doi-so.src"
    blocks = parse_src(src100)
    path = CORPUS / "100_kh-cchc-chuyen-doi-so.docx"
    write_docx(path, blocks, "Kế hoạch 45/KH-UBND (synthetic)",
               "Synthetic plan written for planparse tests; not a real document")
    twin_txt = blocks_to_text(blocks)
    twin_path = CORPUS / "100_kh-cchc-chuyen-doi-so.txt"
    twin_path.write_text(twin_txt, encoding="utf-8")
    note(path, "self-written plan: header/signature tables, landscape appendix section, "
               "grid table with gridSpan group rows I/II, vMerge (lead agency x2, deadline x1), "
               "8 tasks with deadlines")
    note(twin_path, ".txt twin of 100_*.docx (rows ' | ', vMerge repeated, span once)")
    docx_for_pdf.append(path)

    src101 = SRC_DIR / "101_kh-nhiem-vu-co-nhan.src"
    path = CORPUS / "101_kh-nhiem-vu-co-nhan.txt"
    parse_src(src101)  # validates the markup
    path.write_text(src_plain_text(src101), encoding="utf-8")
    note(path, "labelled task fields (Nhiệm vụ / Cơ quan thực hiện / Thời gian thực hiện, "
               "x.1/x.2/x.3 variant), targets gte/range/decrease, non-target past results")

    print("markdown")
    path = CORPUS / f"{SEED_003}.md"
    path.write_text(seed_to_markdown(seeds[SEED_003]), encoding="utf-8")
    note(path, "Markdown rendering of seed 003 (# / ## / ### headings, **bold**, *italic*, "
               "- lists, footnote lines kept in place)")

    print("legacy encodings")
    make_legacy(seeds[SEED_004])

    print("pdf")
    sources = {CORPUS / f"{SEED_000}.pdf": seeds[SEED_000],
               CORPUS / f"{SEED_004}-autonum.pdf": seeds[SEED_004],
               CORPUS / "100_kh-cchc-chuyen-doi-so.pdf": twin_txt}
    for pdf in libreoffice_pdfs(docx_for_pdf):
        note(pdf, "LibreOffice PDF of the .docx (Times New Roman -> Liberation Serif)")
        check_pdf_text(pdf, sources[pdf])
    rl = reportlab_pdf(seeds[SEED_002], CORPUS / f"{SEED_002}-reportlab.pdf")
    if rl:
        note(rl, "second producer: reportlab, DejaVu Sans, wrapped lines, bold/italic runs")
        check_pdf_text(rl, seeds[SEED_002])

    print("\ngenerated files")
    total = 0
    for p, what in generated:
        size = p.stat().st_size
        total += size
        digest = hashlib.sha256(p.read_bytes()).hexdigest()[:12]
        print(f"  {p.name:45} {size:8} {digest}  {what}")
    print(f"  total {total} bytes")


if __name__ == "__main__":
    main()
