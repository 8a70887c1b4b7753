"""Pages of the kinds of ../shared/reference/cases/, as a publisher prints them in HTML and Word.

Why: each reference case is a small *text* input; the same kind of fault reaches the HTML, Word and
PDF readers in their own shapes (a ``<table>`` row with fewer ``<td>`` than columns, table 四 printed
as three Word tables of five columns, a title typed over several paragraphs).  One neutral
description of each page (:data:`PAGES`) is rendered here as a Word-exported web page
(:func:`html_page`) and as a Word document built with python-docx (:func:`docx_page`);
``tests/data/kinds/make_pdfs.py`` prints the Word documents to PDF with LibreOffice once, because a
LibreOffice run is too slow for a test on a shared machine.

A page is a tuple of blocks: a ``str`` is a paragraph, a :class:`Table` a table.  A cell's ``\\n``
separates the lines of the cell; :attr:`Table.lines` says how they are printed (``<br>`` or one
paragraph per line).
"""

from __future__ import annotations

import hashlib
import html
import io
from typing import Any

import attrs

__all__ = ["PAGES", "Cell", "Page", "Table", "browser_page", "browser_prints", "docx_page", "html_page", "page_digest", "print_digest"]


@attrs.frozen
class Cell:
    """A cell with spans (a plain ``str`` is a cell spanning one row and one column)."""

    text: str
    rowspan: int = 1
    colspan: int = 1


@attrs.frozen
class Table:
    rows: tuple[tuple[str | Cell, ...], ...]
    lines: str = "p"
    """How a cell's lines are printed: ``"p"`` one paragraph each, ``"br"`` a line break between."""


Block = str | Table
Page = tuple[Block, ...]


def _cell(cell: str | Cell) -> Cell:
    return cell if isinstance(cell, Cell) else Cell(cell)


def _cells(row: str) -> tuple[str, ...]:
    """A row written as ``a|b|c`` (the page data below stays readable)."""
    return tuple(row.split("|"))


def _rows(*rows: str) -> tuple[tuple[str, ...], ...]:
    return tuple(_cells(row) for row in rows)


# -- the pages -------------------------------------------------------------------------------------

_OPENING = "根据《中华人民共和国政府信息公开条例》和政府信息公开工作的有关要求，现将我办2022年度政府信息公开情况报告如下："
_PROACTIVE_HEAD = "信息内容|本年制发件数|本年废止件数|现行有效件数"
_REQUESTS_HEAD = "类别|自然人|商业企业|科研机构|社会公益组织|法律服务机构|其他|总计"

PAGES: dict[str, Page] = {
    # no-title-line.txt: no title; the year only in the opening sentence.
    "no-title-line": (
        _OPENING,
        "一、总体情况",
        "略。",
        "二、主动公开政府信息情况",
        Table(_rows(_PROACTIVE_HEAD, "规章|0|0|0", "行政规范性文件|5|12|8")),
        "三、收到和处理政府信息公开申请情况",
        Table(_rows("一、本年新收政府信息公开申请数量|8|0|0|0|0|0|8", "二、上年结转政府信息公开申请数量|0|0|0|0|0|0|0")),
    ),
    # The title typed over four paragraphs.
    "wrapped-title": (
        "某某市",
        "某某区人民政府",
        "2023年政府信息公开",
        "工作年度报告",
        "一、总体情况",
        "略。",
        "三、收到和处理政府信息公开申请情况",
        Table(_rows("一、本年新收政府信息公开申请数量|8|0|0|0|0|0|8")),
    ),
    # label-guifanxing-wenjian.html: the 2019 row label under the 2021 columns.
    "label-guifanxing-wenjian": (
        "某县某局2023年政府信息公开年度报告",
        "二、主动公开政府信息情况",
        Table((
            (Cell("第二十条第（一）项", colspan=4),),
            *_rows(_PROACTIVE_HEAD, "规章|0|0|0", "规范性文件|8|0|18"),
        )),
    ),
    # label-without-ordinal.txt: labels without 一、/（一）, ASCII brackets and commas.
    "label-without-ordinal": (
        "某县人民政府2025年政府信息公开工作年度报告",
        "三、收到和处理政府信息公开申请情况",
        Table(_rows(
            _REQUESTS_HEAD,
            "本年新收政府信息公开申请数量|705|3|0|0|5|0|713",
            "上年结转政府信息公开申请数量|36|0|0|0|0|0|36",
            "予以公开|290|1|0|0|3|0|294",
            "部分公开 (区分处理的, 只计这一情形, 不计其他情形)|99|0|0|0|2|0|101",
        )),
    ),
    # table2-short-pipe-row.txt: rows of two values under three columns.
    "short-row": (
        "某市人民政府办公厅2025年政府信息公开工作年度报告",
        "二、主动公开政府信息情况",
        Table(_rows(_PROACTIVE_HEAD, "规章|22|235", "行政规范性文件|34|189")),
    ),
    # table4-followed-by-note.txt: the one row of 15 figures under its two header rows, then a 注 paragraph.
    "table4-note": (
        "某市人民政府办公厅2025年政府信息公开工作年度报告",
        "四、政府信息公开行政复议、行政诉讼情况",
        Table((
            (Cell("行政复议", colspan=5), Cell("行政诉讼", colspan=10)),
            (Cell("结果维持", rowspan=2), Cell("结果纠正", rowspan=2), Cell("其他结果", rowspan=2),
             Cell("尚未审结", rowspan=2), Cell("总计", rowspan=2), Cell("未经复议直接起诉", colspan=5),
             Cell("复议后起诉", colspan=5)),
            _cells("结果维持|结果纠正|其他结果|尚未审结|总计|结果维持|结果纠正|其他结果|尚未审结|总计"),
            _cells("40|0|10|5|55|2|0|4|6|12|6|0|9|7|22"),
        )),
        "注：行政复议、行政诉讼数量含上年度结转数量。",
        "五、存在的主要问题及改进情况",
        "略。",
    ),
    # Table 四 printed as three tables of five columns, a caption row over each, a 注 after the last.
    "table4-three-tables": (
        "某局2023年政府信息公开工作年度报告",
        "四、政府信息公开行政复议、行政诉讼情况",
        *(Table(((Cell(caption, colspan=5),), _cells("结果维持|结果纠正|其他结果|尚未审结|总计"),
                 _cells(values)))
          for caption, values in (("行政复议", "1|0|2|0|3"), ("未经复议直接起诉", "12|0|0|0|12"), ("复议后起诉", "0|1|0|0|1"))),
        "注：以上数量含上年度结转数量。",
        "五、存在的主要问题及整改措施",
        "问题。",
    ),
    # Heading variants and a typo: 行政法复议, 整改措施, 其它.
    "heading-variants": (
        "某局2023年政府信息公开工作年度报告",
        "一、总体情况",
        "略。",
        "四、政府信息公开行政法复议、行政诉讼情况",
        Table((
            (Cell("行政复议", colspan=5), Cell("行政诉讼", colspan=10)),
            _cells("1|0|2|0|3|12|0|0|0|12|0|0|0|0|0"),
        )),
        "五、存在的主要问题及整改措施",
        "问题。",
        "六、其它需要报告的事项",
        "无。",
    ),
    # The same headings run into the text around them (one paragraph holding title, heading and text).
    "inline-headings": (
        "某局2023年政府信息公开工作年度报告 一、总体情况 略。 四、政府信息公开行政法复议、行政诉讼情况",
        Table(((Cell("行政复议", colspan=5), Cell("行政诉讼", colspan=10)), _cells("1|0|2|0|3|12|0|0|0|12|0|0|0|0|0"))),
        "五、存在的主要问题及整改措施 问题。 六、其它需要报告的事项 无。",
    ),
    # narrative-false-match.txt: 网络问政 counts and 同意公开答复 in the narrative, a table that agrees.
    "narrative": (
        "某局2024年政府信息公开工作年度报告",
        "一、总体情况",
        "全年受理网络问政182件。全年收到政府信息公开申请34件，上年结转政府信息公开申请2件。所有办结的信息公开申请中同意公开答复9件，"
        "部分公开答复0件，不予公开答复2件，无法提供的10件，不予处理0件，其他处理14件，转下一年度办理答复的有1件。",
        "三、收到和处理政府信息公开申请情况",
        Table(_rows(
            "一、本年新收政府信息公开申请数量|32|2|0|0|0|0|34",
            "二、上年结转政府信息公开申请数量|2|0|0|0|0|0|2",
            "（一）予以公开|9|0|0|0|0|0|9",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）|0|0|0|0|0|0|0",
            "5.属于三类内部事务信息|1|0|0|0|0|0|1",
            "6.属于四类过程性信息|1|0|0|0|0|0|1",
            "1.本机关不掌握相关政府信息|4|0|0|0|0|0|4",
            "2.没有现成信息需要另行制作|6|0|0|0|0|0|6",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请|8|2|0|0|0|0|10",
            "3.其他|4|0|0|0|0|0|4",
            "（七）总计|33|2|0|0|0|0|35",
            "四、结转下年度继续办理|1|0|0|0|0|0|1",
        )),
    ),
    # The same narrative contradicting its table (40 requests said, 34 printed): the one mismatch to find.
    "narrative-contradiction": (
        "某局2024年政府信息公开工作年度报告",
        "一、总体情况",
        "全年受理网络问政182件。全年收到政府信息公开申请40件。",
        "三、收到和处理政府信息公开申请情况",
        Table(_rows("一、本年新收政府信息公开申请数量|32|2|0|0|0|0|34")),
    ),
    # validate-blank-as-zero.txt: the result rows of table 三 are not printed.
    "blank-as-zero": (
        "某县人民政府2025年政府信息公开工作年度报告",
        "二、主动公开政府信息情况",
        Table(_rows(_PROACTIVE_HEAD, "规章|0|0|0")),
        "三、收到和处理政府信息公开申请情况",
        Table(_rows(
            "本年新收政府信息公开申请数量|705|3|0|0|5|0|713",
            "上年结转政府信息公开申请数量|36|0|0|0|0|0|36",
            "（七）总计|710|3|0|0|5|0|718",
            "四、结转下年度继续办理|31|0|0|0|0|0|31",
        )),
    ),
    # pipe-rows-no-leading-bar.txt: a crawled table pasted as paragraphs into a page or a document.
    "pipe-paragraphs": (
        "某街道办事处2023年政府信息公开工作年度报告",
        "二、主动公开政府信息情况",
        "第二十条第（一）项 |",
        "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
        "规章 | 0 | 0 | 0 |",
        "行政规范性文件 | 2 | 1 | 15 |",
        "第二十条第（六）项 |",
        "信息内容 | 本年处理决定数量 |",
        "行政处罚 | 1472 |",
    ),
    # What Word-exported pages do to a cell: a label broken over lines (<br> or one <p> per line), spaces
    # of every width around figures, thousands separators, a dash or a slash for a blank, spanned headers.
    "odd-cells": (
        "某市某局2023年政府信息公开工作年度报告",
        "二、主动公开政府信息情况",
        Table((
            (Cell("第二十条第（一）项", colspan=4),),
            ("信\n息\n内\n容", "本年\n制发件数", "本年\n废止件数", "现行\n有效件数"),
            ("规章", "\u00a00\u00a0", "\u30000\u3000", " 0 "),
            ("行政规范\n性文件", "1,234", "—", "/"),
        ), lines="br"),
        "三、收到和处理政府信息公开申请情况",
        Table((
            (Cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", colspan=3, rowspan=3),
             Cell("申请人情况", colspan=7)),
            (Cell("自然人", rowspan=2), Cell("法人或其他组织", colspan=5), Cell("总计", rowspan=2)),
            _cells("商业企业|科研机构|社会公益组织|法律服务机构|其他"),
            (Cell("一、本年新收政府信息\n公开申请数量", colspan=3), "1,205", "3", "0", "0", "\u00a05\u00a0", "0", "1,213"),
            (Cell("二、上年结转政府信息\n公开申请数量", colspan=3), "36", "0", "0", "0", "0", "0", "36"),
        ), lines="br"),
    ),
    # Cells a clerk leaves empty in every way (&nbsp;, a full-width space, nothing), full-width digits,
    # a figure with a space inside, ASCII brackets in the captions, a label stacked over three lines.
    "blank-and-ascii-cells": (
        "某局2023年政府信息公开工作年度报告",
        "二、主动公开政府信息情况",
        Table((
            (Cell("第二十条第(一)项", colspan=4),),
            *_rows(_PROACTIVE_HEAD),
            ("规章", "\u00a0", "\u3000", ""),
            ("行政规范性文件", "１２", "３", "1 5"),
            (Cell("第二十条第(五)项", colspan=4),),
            ("信息内容", Cell("本年处理决定数量", colspan=3)),
            ("行政许可", Cell("1,234", colspan=3)),
        )),
        "三、收到和处理政府信息公开申请情况",
        Table(((Cell("本年新收政府\n信息公开申请\n数量"), *_cells("8|0|0|0|0|0|8")),)),
    ),
}
"""Every page by kind name."""

# The same odd cells with one paragraph per line of a cell (Word's own cells) instead of ``<br>``.
PAGES["odd-cells-paragraphs"] = tuple(attrs.evolve(b, lines="p") if isinstance(b, Table) else b
                                      for b in PAGES["odd-cells"])


def page_digest(page: Page) -> str:
    """A digest of the page's description: the committed PDFs carry it to show they are current."""
    return hashlib.sha256(repr(page).encode("utf-8")).hexdigest()[:16]


# -- HTML, as Word's "save as web page" writes it ---------------------------------------------------

_HEAD = ("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:w=\"urn:schemas-microsoft-com:office:word\">"
         "<head><meta http-equiv=Content-Type content=\"text/html; charset=utf-8\">"
         "<meta name=Generator content=\"Microsoft Word 15\"><style>p.MsoNormal{margin:0cm}</style></head>"
         "<body lang=ZH-CN style='text-justify-trim:punctuation'><div class=WordSection1>\n")


def _html_text(text: str) -> str:
    return html.escape(text, quote=False).replace("\u00a0", "&nbsp;")


def _html_paragraph(text: str) -> str:
    return (f"<p class=MsoNormal style='text-indent:32.0pt'><span style='font-family:仿宋_GB2312'>{_html_text(text)}"
            "</span><span lang=EN-US><o:p></o:p></span></p>\n")


def _html_cell(cell: Cell, lines: str) -> str:
    spans = (f" rowspan={cell.rowspan}" if cell.rowspan > 1 else "") + (f" colspan={cell.colspan}" if cell.colspan > 1 else "")
    parts = cell.text.split("\n")
    if lines == "br":
        inner = ("<p class=MsoNormal align=center><span>" + "<br>\n".join(_html_text(p) for p in parts)
                 + "<o:p></o:p></span></p>")
    else:
        inner = "".join(f"<p class=MsoNormal align=center><span>{_html_text(p)}<o:p></o:p></span></p>" for p in parts)
    return f"<td width=60 valign=center style='border:solid windowtext 1.0pt'{spans}>{inner}</td>"


def html_page(page: Page) -> bytes:
    """The page as a Word-exported web page (``MsoNormal`` paragraphs, ``<o:p>``, ``&nbsp;``, bordered cells)."""
    out = [_HEAD]
    for block in page:
        if isinstance(block, str):
            out.append(_html_paragraph(block))
            continue
        out.append("<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse'>\n")
        for row in block.rows:
            out.append("<tr>" + "".join(_html_cell(_cell(c), block.lines) for c in row) + "</tr>\n")
        out.append("</table>\n<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>\n")
    out.append("</div></body></html>\n")
    return "".join(out).encode("utf-8")


# -- Word -----------------------------------------------------------------------------------------


def _layout(table: Table) -> tuple[list[list[tuple[int, int, Cell]]], int]:
    """Each row's cells with their grid position, and the grid's width (spans honoured, as in a browser)."""
    taken: set[tuple[int, int]] = set()
    placed: list[list[tuple[int, int, Cell]]] = []
    for r, row in enumerate(table.rows):
        c = 0
        here: list[tuple[int, int, Cell]] = []
        for raw in row:
            cell = _cell(raw)
            while (r, c) in taken:
                c += 1
            here.append((r, c, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
        placed.append(here)
    width = max((c + 1 for _, c in taken), default=0)
    return placed, width


def _set_text(cell: Any, text: str, lines: str) -> None:
    parts = text.split("\n")
    first = cell.paragraphs[0]
    if lines == "br":
        run = first.add_run(parts[0])
        for part in parts[1:]:
            run.add_break()
            run.add_text(part)
        return
    first.add_run(parts[0])
    for part in parts[1:]:
        cell.add_paragraph(part)


def _short_rows(word_table: Any, table: Table, placed: list[list[tuple[int, int, Cell]]], width: int) -> None:
    """Rows that end before the grid does lose their trailing cells, as Word writes them (``w:gridAfter``)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for r, row in enumerate(placed):
        covered = max((c + cell.colspan for _, c, cell in row), default=0)
        below = [c + cell.colspan for rr, prior in enumerate(placed[:r]) for _, c, cell in prior if rr + cell.rowspan > r]
        end = max([covered, *below])
        missing = width - end
        if missing <= 0:
            continue
        tr = word_table.rows[r]._tr
        for tc in tr.findall(qn("w:tc"))[-missing:]:
            tr.remove(tc)
        properties = tr.get_or_add_trPr()
        after = OxmlElement("w:gridAfter")
        after.set(qn("w:val"), str(missing))
        properties.append(after)


def docx_page(page: Page) -> bytes:
    """The page as a Word document: paragraphs, and tables with merged cells for the spans."""
    import docx

    document = docx.Document()
    for block in page:
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        placed, width = _layout(block)
        word_table = document.add_table(rows=len(block.rows), cols=width)
        word_table.style = "Table Grid"
        for row in placed:
            for r, c, cell in row:
                target = word_table.cell(r, c)
                if cell.rowspan > 1 or cell.colspan > 1:
                    target = target.merge(word_table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
                _set_text(target, cell.text, block.lines)
        _short_rows(word_table, block, placed, width)
        document.add_paragraph("")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# -- the official layout, with Word's repeated header rows -------------------------------------------

OFFICIAL_EXAMPLE = "huaian-2024.json"
"""The shipped example printed in the template's layout (``test_readers_docx.report_docx``)."""


def official_docx(report: Any) -> bytes:
    """The report as a Word file in the template's layout, table 三's header rows marked to repeat on each page.

    Why: Word's 重复标题行 (``w:tblHeader``) prints table 三's three header rows again at the top of
    the next page; in the PDF they arrive between two rows of figures.
    """
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from test_readers_docx import report_docx

    document = docx.Document(io.BytesIO(report_docx(report)))
    requests = document.tables[1]
    for row in requests.rows[:3]:
        row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for row in requests.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    assert requests.rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def official_digest(example: bytes) -> str:
    """A digest of what the official-layout PDF is made from (the example's JSON and the builder's layout)."""
    import inspect

    from test_readers_docx import report_docx

    made_by = inspect.getsource(report_docx) + inspect.getsource(official_docx)
    return hashlib.sha256(example + made_by.encode("utf-8")).hexdigest()[:16]


# -- the web pages as a browser prints them ------------------------------------------------------------

BROWSER_STYLES = ("ruled", "unruled")
"""How the tables of a printed web page look: with their borders, or with none (``border:none``)."""
BROWSER_SHEETS: dict[str, tuple[str, ...]] = {
    "landscape": ("narrative",),
    "narrow": ("label-without-ordinal", "narrative", "odd-cells"),
    "headers": ("narrative", "blank-as-zero"),
}
"""Pages also printed on an A4 sheet turned sideways, on a sheet 105 mm wide (table 三's labels wrap), and
with the browser's own header and footer (the date and the page's title above, its address and
``1/2`` below), as a clerk's "print to PDF" leaves them on."""

_UNRULED = "<style>table,tr,td,th{border:none !important}</style>"


def unruled_html(html: str) -> str:
    """A web page with every table border turned off (``border:none``, whatever the cells' own styles say)."""
    return html.replace("</head>", _UNRULED + "</head>", 1) if "</head>" in html else _UNRULED + html


def browser_page(page: Page, style: str) -> bytes:
    """The Word-exported web page of :func:`html_page`, its tables ruled or (``"unruled"``) without any line."""
    out = html_page(page)
    return unruled_html(out.decode("utf-8")).encode("utf-8") if style == "unruled" else out


def browser_prints() -> dict[str, tuple[str, str, str]]:
    """Every browser print by file stem: the page's kind, the table style and the sheet (``"a4"``, …)."""
    prints: dict[str, tuple[str, str, str]] = {}
    for kind in PAGES:
        for style in BROWSER_STYLES:
            prints[f"{kind}.{style}"] = (kind, style, "a4")
    for sheet, kinds in BROWSER_SHEETS.items():
        for kind in kinds:
            for style in BROWSER_STYLES:
                prints[f"{kind}.{style}.{sheet}"] = (kind, style, sheet)
    return prints


def print_digest(page: Page, style: str, sheet: str) -> str:
    """A digest of what a browser print is made from: the page's description, its style and its sheet."""
    made_by = html_page(page) + browser_page(page, style) + sheet.encode("utf-8")
    return hashlib.sha256(made_by).hexdigest()[:16]
