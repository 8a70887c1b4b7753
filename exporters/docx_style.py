"""The 公文 page and typography of the Word document (GB/T 9704-2012), with python-docx.

A4, 版心 156 mm × 225 mm with 天头 37 mm and 订口 28 mm; body 三号 (16 pt)
仿宋_GB2312 on a fixed 28-point line, first lines indented two characters; 一、
headings in 黑体, （一） sub-headings in 楷体_GB2312 (Word's 标题 1 and 标题 2,
so they show in the navigation pane); title 二号 (22 pt) 方正小标宋简体; page
numbers 四号 宋体 ``— 1 —``, right on odd pages and left on even ones; tables
五号 (10.5 pt) as the official template sets them.

Font names are the ones Windows, WPS and the 公文 templates use.  Each is also
listed in the document's font table with an ``altName`` (仿宋_GB2312 → 仿宋) and
the GB2312 charset, so Word or WPS on a machine without the _GB2312 fonts
substitutes the right family instead of a default Latin font.
"""

from __future__ import annotations

import re
from typing import Any

from disclosure_schema.taxonomy import EDITIONS

MM_TWIPS = 1440 / 25.4
TEXT_WIDTH_TWIPS = round(156 * MM_TWIPS)
BODY_PT = 16
LEADING_PT = 28
TITLE_PT = 22
TABLE_PT = 10.5
PAGE_NUMBER_PT = 14
SMALLEST_FIGURE_PT = 6.0

BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
TITLE_FONT = "方正小标宋简体"
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"
FONT_TABLE = {
    BODY_FONT: ("仿宋", "02010609030101010101"),
    SUBHEADING_FONT: ("楷体", "02010609030101010101"),
    HEADING_FONT: ("SimHei", "02010609060101010101"),
    TITLE_FONT: ("宋体", "02000000000000000000"),
    PAGE_NUMBER_FONT: ("SimSun", "02010600030101010101"),
}
"""Each Chinese font with the family Word and WPS substitute when it is missing, and its PANOSE."""

# paragraph styles: Word's built-in names where Word has one (so Word and WPS show them as 标题 1 ...)
BODY = "Normal"
TITLE = "Title"
HEADING = "Heading 1"
SUBHEADING = "Heading 2"
NUMBER = "公文文号"
SIGNATURE = "公文落款"
TAIL = "公文版记"
CELL = "表格文字"
AFTER_TABLE = "表后空行"
DRAFT = "草稿标记"
TABLE_STYLE = "Table Grid"
CELL_MARGIN_TWIPS = 40
"""Left and right cell padding (2 pt): the narrow figure columns of tables 三 and 四 need the room."""
CAPTION_FILL = "C6D9F1"
"""The light blue of the official template's sub-table captions (第二十条第（一）项)."""

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """Text Word can hold: what XML cannot carry shown as U+FFFD, never dropped silently.

    The exporter has already left control and bidi-control characters out, with a warning naming
    the field (:func:`disclosure_schema.text_hazards.printed`); this is the backstop for anything else.
    """
    return _XML_UNSAFE.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))


def _qn(name: str) -> str:
    local = name.partition(":")[2]
    return f"{{{_W}}}{local}"


def _element(name: str, **attributes: str) -> Any:
    from docx.oxml import OxmlElement

    element = OxmlElement(name)
    for key, value in attributes.items():
        element.set(_qn(f"w:{key}"), value)
    return element


def _fonts(r_pr: Any, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Set the fonts of a run-properties element, dropping the theme fonts that would override them."""
    fonts = r_pr.find(_qn("w:rFonts"))
    if fonts is None:
        fonts = _element("w:rFonts")
        r_pr.insert(0, fonts)
    for key in list(fonts.attrib):
        if key.endswith("Theme") or key.endswith("theme"):
            del fonts.attrib[key]
    fonts.set(_qn("w:ascii"), latin)
    fonts.set(_qn("w:hAnsi"), latin)
    fonts.set(_qn("w:eastAsia"), east_asia)
    fonts.set(_qn("w:cs"), latin)
    fonts.set(_qn("w:hint"), "eastAsia")


def _paragraph_style(document: Any, name: str, font: str, size: float, *, align: str = "both",
                     indent: bool = False, leading: float | None = LEADING_PT, bold: bool = False,
                     keep: bool = False, right_indent: float = 0) -> Any:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt, RGBColor

    styles = document.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[BODY] if name != BODY else None
        style.quick_style = True
    element = style.element
    for old in (element.find(_qn("w:pPr")), element.find(_qn("w:rPr"))):
        if old is not None:
            element.remove(old)
    paragraph = style.paragraph_format
    paragraph.alignment = {"both": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
                           "right": WD_ALIGN_PARAGRAPH.RIGHT, "left": WD_ALIGN_PARAGRAPH.LEFT}[align]
    paragraph.space_before = paragraph.space_after = Pt(0)
    if leading is None:
        paragraph.line_spacing_rule = WD_LINE_SPACING.SINGLE
        # single-spaced text (tables) must not snap to the 28-point line grid of the body
        element.get_or_add_pPr().append(_element("w:snapToGrid", val="0"))
    else:
        paragraph.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph.line_spacing = Pt(leading)
    paragraph.first_line_indent = Pt(2 * size) if indent else Pt(0)
    paragraph.left_indent = Pt(0)
    paragraph.right_indent = Pt(right_indent)
    paragraph.widow_control = True
    paragraph.keep_with_next = keep
    run = style.font
    run.size = Pt(size)
    run.bold = bold
    run.italic = False
    run.color.rgb = RGBColor(0, 0, 0)
    _fonts(element.get_or_add_rPr(), font)
    return style


def set_up(document: Any) -> None:
    """Page, margins, styles, page numbers and font table of a fresh python-docx document."""
    from docx.shared import Mm

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.left_margin = Mm(37), Mm(28)
    section.right_margin = Mm(210 - 28 - 156)
    section.bottom_margin = Mm(297 - 37 - 225)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(21)
    _grid(section)
    defaults = document.styles.element.find(_qn("w:docDefaults"))
    if defaults is not None:
        r_pr = defaults.find(f"{_qn('w:rPrDefault')}/{_qn('w:rPr')}")
        if r_pr is not None:
            _fonts(r_pr, BODY_FONT)
            language = r_pr.find(_qn("w:lang"))
            if language is None:
                language = _element("w:lang")
                r_pr.append(language)
            language.set(_qn("w:eastAsia"), "zh-CN")
    _paragraph_style(document, BODY, BODY_FONT, BODY_PT, indent=True)
    _paragraph_style(document, TITLE, TITLE_FONT, TITLE_PT, align="center", leading=TITLE_PT * 1.6)
    document.styles[TITLE].paragraph_format.space_after = _pt(LEADING_PT)
    _paragraph_style(document, HEADING, HEADING_FONT, BODY_PT, indent=True, keep=True)
    _paragraph_style(document, SUBHEADING, SUBHEADING_FONT, BODY_PT, indent=True, keep=True)
    _paragraph_style(document, NUMBER, BODY_FONT, BODY_PT, align="center")
    document.styles[NUMBER].paragraph_format.space_after = _pt(LEADING_PT)
    _paragraph_style(document, SIGNATURE, BODY_FONT, BODY_PT, align="right", right_indent=4 * BODY_PT)
    _paragraph_style(document, TAIL, BODY_FONT, 14, align="left", leading=22)
    _paragraph_style(document, CELL, BODY_FONT, TABLE_PT, align="left", leading=None)
    document.styles[CELL].paragraph_format.space_before = _pt(2)
    document.styles[CELL].paragraph_format.space_after = _pt(2)
    _paragraph_style(document, AFTER_TABLE, BODY_FONT, TABLE_PT, align="left", leading=None)
    _paragraph_style(document, DRAFT, HEADING_FONT, BODY_PT, align="center", bold=True)
    from docx.shared import RGBColor

    document.styles[DRAFT].font.color.rgb = RGBColor(0xC0, 0, 0)
    document.styles[TAIL].paragraph_format.left_indent = _pt(BODY_PT / 2)
    document.styles[TAIL].paragraph_format.right_indent = _pt(BODY_PT / 2)
    _page_numbers(document)
    _font_table(document)


def _pt(value: float) -> Any:
    from docx.shared import Pt

    return Pt(value)


def _grid(section: Any) -> None:
    """The 公文 line grid: 28-point lines (GB/T 9704: 22 lines of 28 characters in the 版心)."""
    sect_pr = section._sectPr
    grid = sect_pr.find(_qn("w:docGrid"))
    if grid is None:
        grid = _element("w:docGrid")
        sect_pr.append(grid)
    grid.set(_qn("w:type"), "lines")
    grid.set(_qn("w:linePitch"), str(LEADING_PT * 20))


def _page_numbers(document: Any) -> None:
    """``— n —`` in 四号 宋体, one character in from the right edge on odd pages and the left on even ones."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.alignment = align
        paragraph.paragraph_format.first_line_indent = _pt(0)
        if align is WD_ALIGN_PARAGRAPH.RIGHT:
            paragraph.paragraph_format.right_indent = _pt(PAGE_NUMBER_PT)
        else:
            paragraph.paragraph_format.left_indent = _pt(PAGE_NUMBER_PT)
        _number_run(paragraph, "\u2014 ")
        field = paragraph.add_run()
        field._r.append(_element("w:fldChar", fldCharType="begin"))
        instruction = _element("w:instrText")
        instruction.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        instruction.text = " PAGE "
        field._r.append(instruction)
        field._r.append(_element("w:fldChar", fldCharType="separate"))
        _number_run(paragraph, "1")
        end = paragraph.add_run()
        end._r.append(_element("w:fldChar", fldCharType="end"))
        _number_run(paragraph, " \u2014")
        for run in paragraph.runs:
            run.font.size = _pt(PAGE_NUMBER_PT)
            _fonts(run._r.get_or_add_rPr(), PAGE_NUMBER_FONT, PAGE_NUMBER_FONT)


def _number_run(paragraph: Any, text: str) -> None:
    paragraph.add_run(text)


def _font_table(document: Any) -> None:
    """Name each Chinese font in ``word/fontTable.xml`` with the family to substitute when it is missing."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    for rel in document.part.rels.values():
        if rel.reltype != RT.FONT_TABLE:
            continue
        part = rel.target_part
        root = etree.fromstring(part.blob)
        present = {font.get(_qn("w:name")) for font in root.findall(_qn("w:font"))}
        for name, (alternative, panose) in FONT_TABLE.items():
            if name in present:
                continue
            font = etree.SubElement(root, _qn("w:font"))
            font.set(_qn("w:name"), name)
            etree.SubElement(font, _qn("w:altName")).set(_qn("w:val"), alternative)
            etree.SubElement(font, _qn("w:panose1")).set(_qn("w:val"), panose)
            etree.SubElement(font, _qn("w:charset")).set(_qn("w:val"), "86")
            etree.SubElement(font, _qn("w:family")).set(_qn("w:val"), "modern" if "宋" not in name else "roman")
            etree.SubElement(font, _qn("w:pitch")).set(_qn("w:val"), "variable")
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# -- paragraphs and cells ------------------------------------------------------------------------


def add_text(paragraph: Any, text: str) -> None:
    """The text as one run (python-docx turns ``\\n`` into a line break and ``\\t`` into a tab)."""
    if text:
        paragraph.add_run(clean(text))


def center(paragraph: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def fit_figure(paragraph: Any, text: str, width_twips: int) -> None:
    """A figure a size smaller until it fits its column on one line (digits are half an em wide)."""
    room = (width_twips - 2 * CELL_MARGIN_TWIPS) / 20
    size = TABLE_PT
    while size > SMALLEST_FIGURE_PT and len(text) * size * 0.5 > room:
        size -= 0.5
    if size < TABLE_PT:
        for run in paragraph.runs:
            run.font.size = _pt(size)


def small(paragraph: Any) -> None:
    """Table 三's 勾稽关系 note, a size smaller, as the template prints it."""
    for run in paragraph.runs:
        run.font.size = _pt(9)


def middle(cell: Any) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT

    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def shade(cell: Any, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    tc_pr.append(_element("w:shd", val="clear", color="auto", fill=fill))


def fix_table(table: Any, widths: list[int], header_rows: int) -> None:
    """Fixed column widths, centred, header rows repeated on every page, rows never split across pages."""
    from docx.enum.table import WD_TABLE_ALIGNMENT

    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl = table._tbl
    tbl_pr = tbl.tblPr
    width = tbl_pr.find(_qn("w:tblW"))
    if width is None:
        width = _element("w:tblW")
        tbl_pr.append(width)
    width.set(_qn("w:w"), str(sum(widths)))
    width.set(_qn("w:type"), "dxa")
    margins = _element("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(_element(f"w:{side}", w=str(CELL_MARGIN_TWIPS), type="dxa"))
    look = tbl_pr.find(_qn("w:tblLook"))  # the schema's order: tblCellMar comes before tblLook
    if look is None:
        tbl_pr.append(margins)
    else:
        look.addprevious(margins)
    for column, value in zip(tbl.tblGrid.findall(_qn("w:gridCol")), widths, strict=True):
        column.set(_qn("w:w"), str(value))
    for index, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(_element("w:cantSplit"))
        if index < header_rows:
            tr_pr.append(_element("w:tblHeader"))


def fix_widths(table: Any, widths: list[int]) -> None:
    """Every cell's width (``w:tcW``) as the sum of the grid columns it spans.

    Cells continuing a vertical merge keep the width python-docx first gave them
    unless set here, and LibreOffice lays a table out from those widths.
    """
    for tr in table._tbl.findall(_qn("w:tr")):
        column = 0
        for tc in tr.findall(_qn("w:tc")):
            span = tc.grid_span
            tc.width = _twips(sum(widths[column : column + span]))
            column += span


def keep_with_next(table: Any, rows: int) -> None:
    """The first ``rows`` rows keep with the next row: a table never starts at a page foot with only its header."""
    for row in table.rows[:rows]:
        for tc in row._tr.findall(_qn("w:tc")):
            for p in tc.findall(_qn("w:p")):
                p_pr = p.get_or_add_pPr()
                if p_pr.find(_qn("w:keepNext")) is None:
                    p_pr.insert(1 if p_pr.find(_qn("w:pStyle")) is not None else 0, _element("w:keepNext"))


def _twips(value: int) -> Any:
    from docx.shared import Twips

    return Twips(value)


def rule(paragraph: Any, *, top: bool, bottom: bool, thick: bool) -> None:
    """Rules of the 版记: the first and last lines a heavier rule (GB/T 9704 7.5.1), lines between thin."""
    p_pr = paragraph._p.get_or_add_pPr()
    borders = _element("w:pBdr")
    size = "8" if thick else "4"
    if top:
        borders.append(_element("w:top", val="single", sz="8", space="1", color="auto"))
    if bottom:
        borders.append(_element("w:bottom", val="single", sz=size, space="1", color="auto"))
    p_pr.append(borders)


def right_tab(paragraph: Any) -> None:
    """A right-aligned tab stop at the right edge, for ``<印发机关>\\t<日期>印发``."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Twips

    paragraph.paragraph_format.tab_stops.add_tab_stop(Twips(TEXT_WIDTH_TWIPS - round(BODY_PT * 20)), WD_TAB_ALIGNMENT.RIGHT)


def edition_title(edition: str) -> str:
    """The notice the edition's format comes from, for the document's properties."""
    return EDITIONS[edition].title
