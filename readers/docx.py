"""The Word (.docx) reader: paragraphs and tables in body order, merged cells as spans.

Why its own walk of the XML: python-docx's ``Document.paragraphs`` and ``Document.tables`` lose the
order between paragraphs and tables, and its cell API repeats a merged cell at every grid position
it covers.  A report's meaning depends on both (which heading a table follows; a label spanning three
rows is one label), so this module walks ``w:body`` itself: ``w:gridSpan`` becomes ``colspan``, a
``w:vMerge`` run becomes ``rowspan`` on its first cell (continued cells are covered, not new cells),
and content controls (``w:sdt``), tracked insertions and text boxes are read through.  Deleted text
and the duplicate ``mc:Fallback`` copy of a drawing are skipped.

The archive is checked against :mod:`.ziplimits` before python-docx opens it.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any

import attrs

from disclosure_schema.plugins import ReadError, ReadingNote, ReadResult

from .document import MAX_WIDTH, Document, Grid, Line, SourceCell
from .embedded import docx_custom_xml, prefer_embedded
from .ziplimits import ZipLimits, check_zip

__all__ = ["DocxReader", "docx_document"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
LIMITS = ZipLimits(max_member=16 * 1024 * 1024, max_total=64 * 1024 * 1024)
"""A report's document.xml is well under 5 MB; python-docx holds every part in memory, parsed or not."""
_FIGURE = re.compile(r"[-+]?[0-9０-９][0-9０-９,，.．]*")
_BROKEN: tuple[type[Exception], ...] = (
    KeyError,  # a part the package names is missing
    ValueError,  # not a Word package (an .xlsx, say); lxml's syntax errors are ValueErrors too
    SyntaxError,
    zipfile.BadZipFile,  # includes a failed CRC check
    zlib.error,
    NotImplementedError,  # a compression method zipfile does not know
    RuntimeError,  # an encrypted member
    OSError,
    EOFError,
)
"""What python-docx lets through from a damaged package."""

# Elements whose children are read as if they stood in the parent's place.
_TRANSPARENT = {f"{_W}{name}" for name in ("sdt", "sdtContent", "customXml", "smartTag", "ins", "moveTo", "hyperlink")}
_TRANSPARENT |= {f"{_W}fldSimple", f"{_MC}AlternateContent", f"{_MC}Choice"}
# Elements whose content is not part of the visible text.
_SKIPPED = {f"{_W}{name}" for name in ("del", "moveFrom", "instrText", "delText", "rPr", "pPr", "sdtPr", "tcPr")}
_SKIPPED.add(f"{_MC}Fallback")
_CHARACTERS = {f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}


def _local(element: Any) -> str:
    tag = element.tag
    return tag if isinstance(tag, str) else ""


def _int(element: Any, default: int) -> int:
    """A span or count attribute, clipped to :data:`MAX_WIDTH` before it is used for anything.

    Why clipped here: a file may declare ``w:gridSpan="2000000000"``; every loop over a span is
    then bounded by the widest table a report can have, whatever the file says.
    """
    if element is None:
        return default
    value = element.get(f"{_W}val")
    text = value.strip() if isinstance(value, str) else ""
    if not (text.isascii() and text.isdigit()):
        return default
    return min(MAX_WIDTH, max(1, int(text[:10])))


MAX_CELLS = 10_000
"""Table cells read at most: the format's tables have about 300; a body with more is refused."""
MAX_BLOCKS = 200_000
"""Paragraphs read at most (a report has a few hundred)."""


class _TooMuch(Exception):
    """The body holds more cells or paragraphs than a report can."""


class _Walker:
    """Turns one ``w:body`` into Lines and Grids, numbering them as it goes."""

    def __init__(self) -> None:
        self.items: list[Line | Grid] = []
        self.paragraphs = 0
        self.tables = 0
        self.cells = 0

    # -- blocks -------------------------------------------------------------------------------
    def blocks(self, parent: Any) -> None:
        for child in parent:
            tag = _local(child)
            if tag == f"{_W}p":
                self.paragraph(child)
            elif tag == f"{_W}tbl":
                self.table(child)
            elif tag in _TRANSPARENT:
                self.blocks(child)

    def paragraph(self, p: Any) -> None:
        self.paragraphs += 1
        if self.paragraphs > MAX_BLOCKS:
            raise _TooMuch(f"{MAX_BLOCKS} paragraphs")
        where = f"paragraph {self.paragraphs}"
        boxes: list[Any] = []
        text = "".join(self._runs(p, boxes))
        if text.strip():  # empty paragraphs are spacing, not content
            self.items.append(Line(text, where))
        for box in boxes:  # a text box's paragraphs read after the paragraph anchoring it
            self.blocks(box)

    def _runs(self, element: Any, boxes: list[Any]) -> Iterator[str]:
        for child in element:
            tag = _local(child)
            if tag in _SKIPPED or not tag:
                continue
            if tag == f"{_W}t":
                yield child.text or ""
            elif tag in _CHARACTERS:
                yield _CHARACTERS[tag]
            elif tag == f"{_W}txbxContent":
                boxes.append(child)
            else:
                yield from self._runs(child, boxes)

    # -- tables -------------------------------------------------------------------------------
    def table(self, tbl: Any) -> None:
        self.tables += 1
        number = self.tables
        rows: list[list[_Cell]] = []
        open_cells: dict[int, _Cell] = {}  # grid column -> cell whose vertical merge may continue
        for r, tr in enumerate(_children(tbl, "tr"), start=1):
            row: list[_Cell] = []
            column = _int(_find(tr, "trPr", "gridBefore"), 0)
            if column:
                row.append(_Cell("", f"table {number} row {r} col 1", r, colspan=column))
            for tc in _children(tr, "tc"):
                self.cells += 1
                if self.cells > MAX_CELLS:
                    raise _TooMuch(f"{MAX_CELLS} table cells")
                span = _int(_find(tc, "tcPr", "gridSpan"), 1)
                vmerge = _find(tc, "tcPr", "vMerge")
                hmerge = _find(tc, "tcPr", "hMerge")
                if hmerge is not None and hmerge.get(f"{_W}val") != "restart" and row:
                    row[-1].colspan += span  # legacy horizontal merge: widens the cell to its left
                    column += span
                    continue
                anchor = open_cells.get(column)
                if vmerge is not None and vmerge.get(f"{_W}val") != "restart" and anchor is not None:
                    anchor.rowspan = r - anchor.row + 1
                    column += span
                    continue
                for covered in range(column, column + span):
                    open_cells.pop(covered, None)
                cell = _Cell(self._cell_text(tc), f"table {number} row {r} col {column + 1}", r, colspan=span)
                if vmerge is not None:
                    open_cells[column] = cell
                row.append(cell)
                column += span
            rows.append(row)
        grid = Grid(tuple(tuple(cell.freeze() for cell in row) for row in rows), f"table {number}")
        self.items.append(grid)

    def _cell_text(self, tc: Any) -> str:
        """The cell's paragraphs, nested tables' included, one per line."""
        lines: list[str] = []
        for p in tc.iter(f"{_W}p"):
            boxes: list[Any] = []
            lines.append("".join(self._runs(p, boxes)))
        return "\n".join(lines)


@attrs.define
class _Cell:
    text: str
    where: str
    row: int
    rowspan: int = 1
    colspan: int = 1

    def freeze(self) -> SourceCell:
        return SourceCell(self.text, self.where, self.rowspan, self.colspan)


def _children(parent: Any, name: str) -> Iterator[Any]:
    """Direct children named ``w:<name>``, looking through content controls and custom XML."""
    for child in parent:
        tag = _local(child)
        if tag == f"{_W}{name}":
            yield child
        elif tag in _TRANSPARENT:
            yield from _children(child, name)


def _find(element: Any, *path: str) -> Any:
    for name in path:
        if element is None:
            return None
        element = element.find(f"{_W}{name}")
    return element


def _refuse(source: str, code: str, zh: str, en: str) -> ReadError:
    return ReadError([ReadingNote(f"docx.{code}", source, zh, en)])


_OTHER_PACKAGES = {
    "xl/workbook.xml": ("这是 Excel 工作簿（文件后缀可能被改过），请用 .xlsx 后缀读取", "it is an Excel workbook (renamed?); read it as .xlsx"),
    "ppt/presentation.xml": ("这是 PowerPoint 演示文稿", "it is a PowerPoint presentation"),
}


def _why_not_word(data: bytes, exc: Exception) -> tuple[str, str]:
    """What is wrong with a package python-docx refused, in words (never the library's own text)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return "文件已损坏，无法解压", "the file is damaged and cannot be unpacked"
    for name, words in _OTHER_PACKAGES.items():
        if name in names:
            return words
    if "word/document.xml" not in names:
        return "压缩包中没有 Word 正文（word/document.xml）", "the archive holds no Word body (word/document.xml)"
    if isinstance(exc, (zipfile.BadZipFile, zlib.error, EOFError)):
        return "压缩包已损坏（校验失败）", "the archive is damaged (checksum failure)"
    if isinstance(exc, (SyntaxError, ValueError)):
        return "正文 XML 格式错误或含有不允许的声明", "the body XML is malformed or holds forbidden declarations"
    if isinstance(exc, (RuntimeError, NotImplementedError)):
        return "文件已加密或使用了不支持的压缩方式", "the file is encrypted or uses an unsupported compression"
    return "文件已损坏或缺少必需的部分", "the file is damaged or lacks a required part"


def docx_document(data: bytes, *, source: str) -> Document:
    """The body of a .docx as Lines and Grids in reading order; :class:`ReadError` if it is not one."""
    return docx_contents(data, source=source)[0]


def docx_contents(data: bytes, *, source: str) -> tuple[Document, bytes | None]:
    """The body as :func:`docx_document` gives it, and the report JSON the file carries (``None``: none)."""
    if data.startswith(_OLE_MAGIC):
        raise _refuse(
            source,
            "legacy_doc",
            "这是旧版 Word（.doc）或 WPS（.wps）文件，无法直接读取。请用 Word 或 WPS 打开它，点“文件 → 另存为”，"
            "文件类型选“Word 文档（*.docx）”，保存后读取新的 .docx 文件",
            "this is a legacy Word (.doc) or WPS (.wps) file; open it in Word or WPS, choose File > Save As, "
            "type \"Word Document (*.docx)\", and read the new .docx file",
        )
    check_zip(data, source=source, kind="Word (.docx)", limits=LIMITS)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    broken: tuple[type[Exception], ...] = (*_BROKEN, PackageNotFoundError)
    try:
        word = docx.Document(io.BytesIO(data))
        body = word.element.body
    except broken as exc:
        zh, en = _why_not_word(data, exc)
        raise _refuse(source, "not_word", f"不是有效的 Word（.docx）文件：{zh}", f"not a valid Word (.docx) file: {en}") from exc
    walker = _Walker()
    try:
        walker.blocks(body)
    except _TooMuch as exc:
        raise _refuse(
            source,
            "too_large",
            f"文档的表格单元格超过 {MAX_CELLS} 个或段落超过 {MAX_BLOCKS} 个，不像是一份年度报告，拒绝读取",
            f"the document holds more than {MAX_CELLS} table cells or {MAX_BLOCKS} paragraphs: not an annual report; "
            f"refused ({exc})",
        ) from None
    except RecursionError:
        raise _refuse(
            source, "too_deep", "文档的嵌套层次过深，拒绝读取", "the document is nested too deeply; refused"
        ) from None
    return tuple(walker.items), docx_custom_xml(word)


def has_grids_without_figures(document: Document) -> bool:
    """Whether the document has tables but not one cell in them holds a number: a form not filled in."""
    grids = [item for item in document if isinstance(item, Grid)]
    return bool(grids) and not any(
        _FIGURE.fullmatch("".join(cell.text.split())) for grid in grids for row in grid.rows for cell in row
    )


@attrs.frozen
class DocxReader:
    """Reads a report published as a Word 2007+ document."""

    name: str = "docx"
    suffixes: tuple[str, ...] = (".docx",)

    def read(self, data: bytes, *, source: str) -> ReadResult:
        """The report; the data the file carries is returned when it agrees with the printed tables."""
        document, carried = docx_contents(data, source=source)
        return prefer_embedded(carried, lambda: self._read_print(document, source), source=source,
                               kind="Word 自定义 XML 部件", compare_text=True)

    def _read_print(self, document: Document, source: str) -> ReadResult:
        from .recognize import recognize

        try:
            return recognize(document, source)
        except ReadError as exc:
            if not has_grids_without_figures(document):
                raise
            blank = _refuse(
                source,
                "blank_template",
                "这是空白的年度报告格式模板：表格中没有任何数字，也没有报告年度，无法读取为报告",
                "this is the blank report template: its tables hold no figures and it names no report year, "
                "so there is no report to read",
            )
            raise ReadError([*blank.notes, *exc.notes]) from exc
