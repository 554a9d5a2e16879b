//! document.xml -> blocks, in one streaming pass.
//!
//! The reader keeps three stacks that follow the XML:
//! * `frames`: one entry per open element, saying what closing it must do
//!   (finish a paragraph, a run, a cell...). Elements that cannot add text
//!   (deletions, field codes, property-change history...) are skipped whole
//!   and never get a frame.
//! * `containers`: where finished blocks go: the body, a table cell, a text
//!   box or a footnote. A cell's blocks become its text (paragraphs joined
//!   with "\n"; a nested table as one line per row, cells joined with
//!   " | "), so the outer table keeps one row per Word row.
//! * `paras` / `tables`: the paragraphs and tables being built. A text box
//!   lives inside a run of its host paragraph; its paragraphs are emitted
//!   right after the host paragraph.
//!
//! Of an `mc:AlternateContent`, only the first branch is read: Word writes
//! the same text box twice (DrawingML choice, VML fallback).

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};

use super::numbering::{Counters, Label, Numbering, Suffix};
use super::styles::{Fonts, NumPr, Styles};
use super::table::{TableBuilder, VMerge};
use super::xml::{Walker, XmlError, attr, name, on_off, resolve_ref, val, val_int};
use super::{Budget, Limits, Options};
use crate::ingest::encoding::{Legacy, legacy_font_encoding, transcode_legacy};
use crate::ingest::{Block, IngestError};

/// What a part produced.
#[derive(Debug, Default)]
pub(super) struct Output {
    pub blocks: Vec<Block>,
    /// Texts of `w:footnote` / `w:endnote` elements (notes parts only).
    pub notes: Vec<String>,
    /// The legacy encoding of the first legacy-font run, if any.
    pub legacy: Option<Legacy>,
    pub legacy_runs: usize,
}

/// What closing an element must do.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Frame {
    Other,
    Paragraph,
    ParagraphProps,
    NumProps,
    Run,
    RunProps,
    Text,
    Table,
    TableGrid,
    Row,
    RowProps,
    Cell,
    CellProps,
    /// A text box or note: a container of its own.
    Container,
    /// `mc:AlternateContent`; `taken` once a branch has been read.
    Alternate {
        taken: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum ContainerKind {
    Body,
    Cell,
    TextBox,
    Note,
}

struct Container {
    kind: ContainerKind,
    blocks: Vec<Block>,
}

#[derive(Default)]
struct Run {
    text: String,
    fonts: Fonts,
    style: Option<String>,
    hidden: bool,
}

#[derive(Default)]
struct Para {
    text: String,
    run: Run,
    style: Option<String>,
    num: NumPr,
    /// Blocks of text boxes anchored in this paragraph.
    after: Vec<Block>,
}

/// Decides, per run, whether its font is a legacy Vietnamese one.
struct FontResolver<'c> {
    styles: &'c Styles,
    cache: HashMap<String, Option<Legacy>>,
    first: Option<Legacy>,
    runs: usize,
}

impl FontResolver<'_> {
    /// The run's text as Unicode: transcoded when its effective font
    /// (direct, character style, paragraph style, document default) is legacy.
    fn unicode(&mut self, run: Run, para_style: Option<&str>) -> String {
        let mut fonts = run.fonts;
        if let Some(s) = run.style.as_deref().and_then(|id| self.styles.character(id)) {
            fonts = fonts.or(&s.fonts);
        }
        if let Some(s) = self.styles.paragraph(para_style) {
            fonts = fonts.or(&s.fonts);
        }
        fonts = fonts.or(&self.styles.default_fonts);
        let encoding =
            [fonts.hansi.as_deref(), fonts.ascii.as_deref()].into_iter().flatten().find_map(|f| self.legacy(f));
        match encoding {
            Some(enc) => {
                self.first.get_or_insert(enc);
                self.runs += 1;
                transcode_legacy(&run.text, enc)
            }
            None => run.text,
        }
    }

    fn legacy(&mut self, font: &str) -> Option<Legacy> {
        if let Some(known) = self.cache.get(font) {
            return *known;
        }
        let enc = legacy_font_encoding(font);
        self.cache.insert(font.to_string(), enc);
        enc
    }
}

struct BodyReader<'c> {
    numbering: &'c Numbering,
    styles: &'c Styles,
    fonts: FontResolver<'c>,
    counters: Counters,
    frames: Vec<Frame>,
    containers: Vec<Container>,
    paras: Vec<Para>,
    tables: Vec<TableBuilder>,
    notes: Vec<String>,
    budget: Budget,
    options: Options,
}

/// Read one part (document.xml, or a notes part) into blocks.
pub(super) fn read_part(
    xml: &str,
    styles: &Styles,
    numbering: &Numbering,
    options: Options,
    limits: Limits,
    warnings: &mut Vec<String>,
) -> Result<Output, IngestError> {
    let mut reader = BodyReader {
        numbering,
        styles,
        fonts: FontResolver { styles, cache: HashMap::new(), first: None, runs: 0 },
        counters: Counters::default(),
        frames: Vec::new(),
        containers: vec![Container { kind: ContainerKind::Body, blocks: Vec::new() }],
        paras: Vec::new(),
        tables: Vec::new(),
        notes: Vec::new(),
        budget: Budget::new(limits.max_output_bytes),
        options,
    };
    let mut walker = Walker::new(xml, limits);
    loop {
        match walker.next().and_then(|event| reader.on_event(event, &mut walker)) {
            Ok(true) => {}
            Ok(false) => break,
            Err(XmlError::Limit(e)) => return Err(e),
            Err(XmlError::Syntax { at, why }) => {
                warnings.push(format!("the document text is damaged at byte {at} ({why}); text after it is missing"));
                return reader.finish();
            }
        }
    }
    if !reader.frames.is_empty() {
        warnings.push("the document text ends early (truncated file?); the end may be missing".to_string());
    }
    reader.finish()
}

impl BodyReader<'_> {
    /// Handle one event; `false` at the end of the part.
    fn on_event(&mut self, event: Event<'_>, walker: &mut Walker<'_>) -> Result<bool, XmlError> {
        match event {
            Event::Start(e) => self.open(&e, false, walker)?,
            Event::Empty(e) => self.open(&e, true, walker)?,
            Event::End(_) => self.close()?,
            Event::Text(t) => self.text(&t.xml10_content()),
            Event::CData(t) => self.text(&t.xml10_content()),
            Event::GeneralRef(r) => {
                if let Some(c) = resolve_ref(&r) {
                    self.text(c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => return Ok(false),
            _ => {}
        }
        Ok(true)
    }

    /// Close what a truncated or damaged part left open, so the text read
    /// so far is kept, and hand over the body's blocks.
    fn finish(mut self) -> Result<Output, IngestError> {
        while !self.frames.is_empty() {
            self.close()?;
        }
        let blocks = self.containers.into_iter().next().map(|c| c.blocks).unwrap_or_default();
        Ok(Output { blocks, notes: self.notes, legacy: self.fonts.first, legacy_runs: self.fonts.runs })
    }

    fn parent(&self) -> Frame {
        self.frames.last().copied().unwrap_or(Frame::Other)
    }

    /// Handle a start (or empty) element. Empty elements are closed at once.
    fn open(&mut self, e: &BytesStart<'_>, empty: bool, walker: &mut Walker<'_>) -> Result<(), XmlError> {
        if self.skips(e) {
            if !empty {
                walker.skip(e)?;
            }
            return Ok(());
        }
        let frame = self.frame_for(e);
        self.frames.push(frame);
        if empty {
            self.close()?;
        }
        Ok(())
    }

    /// Elements whose content never reaches the text.
    fn skips(&mut self, e: &BytesStart<'_>) -> bool {
        if let Some(Frame::Alternate { taken }) = self.frames.last_mut() {
            // Read the first branch of an AlternateContent, skip the others.
            return std::mem::replace(taken, true);
        }
        match name(e) {
            // A tracked row deletion marks the whole row.
            "w:del" if self.parent() == Frame::RowProps => {
                self.table_mut(TableBuilder::delete_row);
                true
            }
            "w:del" | "w:moveFrom" | "w:delText" | "w:delInstrText" | "w:instrText" | "w:sdtPr" | "w:sdtEndPr"
            | "w:pPrChange" | "w:rPrChange" | "w:tblPrChange" | "w:tcPrChange" | "w:trPrChange" | "w:tblGridChange"
            | "w:sectPr" | "w:sectPrChange" | "w:numberingChange" | "w:tblPr" | "w:fldData" | "w:customXmlPr" => true,
            // The paragraph mark's run properties are not a run's.
            "w:rPr" => self.parent() == Frame::ParagraphProps,
            "w:footnote" | "w:endnote" => attr(e, "type")
                .is_some_and(|t| matches!(t.as_ref(), "separator" | "continuationSeparator" | "continuationNotice")),
            _ => false,
        }
    }

    /// Start whatever `e` opens and say what its end must do.
    fn frame_for(&mut self, e: &BytesStart<'_>) -> Frame {
        let parent = self.parent();
        match name(e) {
            "w:p" => {
                self.paras.push(Para::default());
                Frame::Paragraph
            }
            "w:pPr" if parent == Frame::Paragraph => Frame::ParagraphProps,
            "w:pStyle" if parent == Frame::ParagraphProps => {
                self.para_mut(|p| p.style = val(e));
                Frame::Other
            }
            "w:numPr" if parent == Frame::ParagraphProps => Frame::NumProps,
            "w:ilvl" | "w:numId" if parent == Frame::NumProps => {
                self.para_mut(|p| p.num.set_from(e));
                Frame::Other
            }
            "w:r" | "m:r" if !self.paras.is_empty() => {
                self.finish_run();
                Frame::Run
            }
            "w:rPr" if parent == Frame::Run => Frame::RunProps,
            "w:rFonts" if parent == Frame::RunProps => {
                self.para_mut(|p| p.run.fonts.set_from(e));
                Frame::Other
            }
            "w:rStyle" if parent == Frame::RunProps => {
                self.para_mut(|p| p.run.style = val(e));
                Frame::Other
            }
            "w:vanish" if parent == Frame::RunProps => {
                self.para_mut(|p| p.run.hidden = on_off(e));
                Frame::Other
            }
            "w:t" | "m:t" => Frame::Text,
            "w:tbl" => {
                self.tables.push(TableBuilder::new(self.options.merged_cells));
                Frame::Table
            }
            "w:tblGrid" if parent == Frame::Table => Frame::TableGrid,
            "w:gridCol" if parent == Frame::TableGrid => {
                self.table_mut(TableBuilder::add_grid_column);
                Frame::Other
            }
            "w:tr" if !self.tables.is_empty() => {
                self.table_mut(TableBuilder::start_row);
                Frame::Row
            }
            "w:trPr" if parent == Frame::Row => Frame::RowProps,
            "w:gridBefore" if parent == Frame::RowProps => {
                let n = val_int(e).unwrap_or(0);
                self.table_mut(|t| t.set_grid_before(n));
                Frame::Other
            }
            "w:gridAfter" if parent == Frame::RowProps => {
                let n = val_int(e).unwrap_or(0);
                self.table_mut(|t| t.set_grid_after(n));
                Frame::Other
            }
            "w:tc" if !self.tables.is_empty() => {
                self.table_mut(TableBuilder::start_cell);
                self.containers.push(Container { kind: ContainerKind::Cell, blocks: Vec::new() });
                Frame::Cell
            }
            "w:tcPr" if parent == Frame::Cell => Frame::CellProps,
            "w:gridSpan" if parent == Frame::CellProps => {
                let n = val_int(e).unwrap_or(1);
                self.table_mut(|t| t.set_span(n));
                Frame::Other
            }
            "w:vMerge" if parent == Frame::CellProps => {
                let merge = if val(e).as_deref() == Some("restart") { VMerge::Restart } else { VMerge::Continue };
                self.table_mut(|t| t.set_vmerge(merge));
                Frame::Other
            }
            "w:txbxContent" => {
                self.containers.push(Container { kind: ContainerKind::TextBox, blocks: Vec::new() });
                Frame::Container
            }
            "w:footnote" | "w:endnote" => {
                self.containers.push(Container { kind: ContainerKind::Note, blocks: Vec::new() });
                Frame::Container
            }
            "mc:AlternateContent" => Frame::Alternate { taken: false },
            other if parent == Frame::Run => {
                self.run_content(other, e);
                Frame::Other
            }
            _ => Frame::Other,
        }
    }

    /// Run children other than text: tabs, breaks, hyphens, symbols.
    fn run_content(&mut self, tag: &str, e: &BytesStart<'_>) {
        let Some(para) = self.paras.last_mut() else { return };
        match tag {
            "w:tab" | "w:ptab" => para.run.text.push('\t'),
            "w:br" => {
                let page_or_column = attr(e, "type").is_some_and(|t| t != "textWrapping");
                // A page break that starts a paragraph is layout, not a line.
                if !(page_or_column && para.text.is_empty() && para.run.text.is_empty()) {
                    para.run.text.push('\n');
                }
            }
            "w:cr" => para.run.text.push('\n'),
            "w:noBreakHyphen" => para.run.text.push('-'),
            "w:sym" => {
                let font = attr(e, "font").unwrap_or_default();
                if let Some(c) = attr(e, "char").and_then(|code| symbol_char(&font, &code)) {
                    para.run.text.push(c);
                }
            }
            // w:footnoteReference, w:endnoteReference, w:commentReference,
            // w:softHyphen, w:drawing... add no characters: a note's number
            // must not be glued to the word it follows.
            _ => {}
        }
    }

    fn para_mut(&mut self, f: impl FnOnce(&mut Para)) {
        if let Some(p) = self.paras.last_mut() {
            f(p);
        }
    }

    fn table_mut(&mut self, f: impl FnOnce(&mut TableBuilder)) {
        if let Some(t) = self.tables.last_mut() {
            f(t);
        }
    }

    /// Character data: only the content of text elements counts; the rest
    /// is indentation between elements.
    fn text(&mut self, s: &str) {
        if self.parent() == Frame::Text {
            self.para_mut(|p| p.run.text.push_str(s));
        }
    }

    fn close(&mut self) -> Result<(), IngestError> {
        match self.frames.pop() {
            Some(Frame::Paragraph) => self.end_paragraph(),
            Some(Frame::Run) => {
                self.finish_run();
                Ok(())
            }
            Some(Frame::Row) => match self.tables.last_mut() {
                Some(t) => t.end_row(&mut self.budget),
                None => Ok(()),
            },
            Some(Frame::Cell) => {
                let text = flatten(self.pop_container());
                self.table_mut(|t| t.end_cell(text));
                Ok(())
            }
            Some(Frame::Table) => self.end_table(),
            Some(Frame::Container) => {
                self.end_container();
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// Move the current run's text into its paragraph (transcoded if the run
    /// is in a legacy font) and start a fresh run.
    fn finish_run(&mut self) {
        let Some(para) = self.paras.last_mut() else { return };
        let run = std::mem::take(&mut para.run);
        if run.hidden || run.text.is_empty() {
            return;
        }
        let text = self.fonts.unicode(run, para.style.as_deref());
        para.text.push_str(&text);
    }

    fn end_paragraph(&mut self) -> Result<(), IngestError> {
        self.finish_run();
        let Some(para) = self.paras.pop() else { return Ok(()) };
        let text = match self.label(&para) {
            Some(label) if !label.text.is_empty() => {
                let sep = if label.suffix == Suffix::Nothing { "" } else { " " };
                format!("{}{sep}{}", label.text, para.text)
            }
            _ => para.text,
        };
        self.budget.charge(text.len())?;
        let container = self.top_container();
        container.blocks.push(Block::Paragraph(text));
        container.blocks.extend(para.after);
        Ok(())
    }

    /// The automatic-numbering label of a paragraph: its own `w:numPr`, else
    /// its style's; `w:numId` 0 switches numbering off.
    fn label(&mut self, para: &Para) -> Option<Label> {
        let style = self.styles.paragraph(para.style.as_deref());
        let style_num = style.map(|s| s.num).unwrap_or_default();
        let num_id = para.num.num_id.or(style_num.num_id).filter(|&id| id > 0)?;
        let ilvl = para
            .num
            .ilvl
            .or(style_num.ilvl)
            .or_else(|| {
                let style_id = self.styles.paragraph_style_id(para.style.as_deref())?;
                self.numbering.level_for_style(num_id, style_id)
            })
            .unwrap_or(0);
        self.numbering.next_label(&mut self.counters, num_id, ilvl)
    }

    fn end_table(&mut self) -> Result<(), IngestError> {
        let Some(builder) = self.tables.pop() else { return Ok(()) };
        if let Some(table) = builder.finish(&mut self.budget)? {
            self.top_container().blocks.push(Block::Table(table));
        }
        Ok(())
    }

    /// A text box's blocks follow its host paragraph; a note's become one
    /// text.
    fn end_container(&mut self) {
        let Some(container) = self.containers.pop() else { return };
        match container.kind {
            ContainerKind::Note => self.notes.push(flatten(container.blocks)),
            _ => match self.paras.last_mut() {
                Some(host) => host.after.extend(container.blocks),
                None => self.top_container().blocks.extend(container.blocks),
            },
        }
    }

    fn pop_container(&mut self) -> Vec<Block> {
        if self.containers.len() > 1 { self.containers.pop().map(|c| c.blocks).unwrap_or_default() } else { Vec::new() }
    }

    fn top_container(&mut self) -> &mut Container {
        if self.containers.is_empty() {
            self.containers.push(Container { kind: ContainerKind::Body, blocks: Vec::new() });
        }
        let last = self.containers.len() - 1;
        &mut self.containers[last]
    }
}

/// A cell's or note's blocks as one text: paragraphs on their own lines, a
/// nested table as one line per row with cells joined by " | ".
fn flatten(blocks: Vec<Block>) -> String {
    let lines: Vec<String> = blocks
        .into_iter()
        .map(|b| match b {
            Block::Paragraph(p) => p,
            Block::Table(t) => t.rows.iter().map(|r| r.join(" | ")).collect::<Vec<_>>().join("\n"),
        })
        .collect();
    lines.join("\n").trim_matches('\n').to_string()
}

/// The character a `w:sym` shows, where it has a sensible text form.
/// Symbol-font codes are stored as U+F0xx; Wingdings pictures have no text.
fn symbol_char(font: &str, code: &str) -> Option<char> {
    let mut c = u32::from_str_radix(code.trim(), 16).ok()?;
    if (0xF000..=0xF0FF).contains(&c) {
        c -= 0xF000;
    }
    if font.eq_ignore_ascii_case("Symbol") {
        return symbol_font_char(c);
    }
    if font.to_ascii_lowercase().starts_with("wingdings") || font.to_ascii_lowercase().starts_with("webdings") {
        return match c {
            0xFC => Some('✓'),
            0xFB | 0xFD => Some('☒'),
            0xFE => Some('☑'),
            0xA8 | 0x6F | 0x71 => Some('☐'),
            0x9F | 0xA7 | 0x6C | 0x6E | 0x77 | 0xA1 => Some('•'),
            0xD8 | 0xE0 | 0xE8 | 0xF0 => Some('→'),
            _ => None,
        };
    }
    char::from_u32(c).filter(|c| !c.is_control() && !('\u{E000}'..='\u{F8FF}').contains(c))
}

/// The Symbol font's encoding for the characters plans actually use.
fn symbol_font_char(c: u32) -> Option<char> {
    Some(match c {
        0x22 => '∀',
        0x24 => '∃',
        0x27 => '∋',
        0x2A => '∗',
        0x2D => '-',
        0x40 => '≅',
        0x20..=0x3F => char::from_u32(c)?,
        0xA3 => '≤',
        0xA5 => '∞',
        0xAB => '↔',
        0xAC => '←',
        0xAD => '↑',
        0xAE => '→',
        0xAF => '↓',
        0xB0 => '°',
        0xB1 => '±',
        0xB3 => '≥',
        0xB4 => '×',
        0xB7 => '•',
        0xB8 => '÷',
        0xB9 => '≠',
        0xBA => '≡',
        0xBB => '≈',
        0xDB => '⇔',
        0xDC => '⇐',
        0xDE => '⇒',
        _ => return None,
    })
}
