"""Reading a report published as a web page (``.html``/``.htm``), including Word-exported HTML.

Why: most reports are published as article pages of government sites: the report sits in one
content element among navigation, scripts and footers, and its tables are real ``<table>``s with
row and column spans (Word export adds ``MsoNormal`` paragraphs, ``<o:p>``, ``&nbsp;`` and labels
stacked one character per paragraph).  This module turns the page into the neutral
:mod:`~disclosure_schema_readers.document` (paragraphs as lines, tables as grids with their spans)
and leaves recognising the report to :mod:`~disclosure_schema_readers.recognize`.

Bounded: files over :data:`MAX_HTML_BYTES`, tables nested deeper than :data:`MAX_TABLE_DEPTH` and
pages with more than :data:`MAX_CELLS` cells are refused with a clear error.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from disclosure_schema.plugins import ReadError, ReadingNote, ReadResult
from disclosure_schema.taxonomy import EDITIONS

from .document import MAX_SPAN, Document, Grid, Line, SourceCell
from .envelope import find_title
from .labels import LabelSet, squash
from .recognize import recognize

__all__ = ["MAX_CELLS", "MAX_HTML_BYTES", "MAX_TABLE_DEPTH", "HtmlReader", "parse_html"]

MAX_HTML_BYTES = 20 * 1024 * 1024
MAX_TABLE_DEPTH = 6
"""Pages put the report's tables inside a layout table or two; deeper nesting is not a report."""
MAX_CELLS = 20_000
MAX_TAGS = 250_000
"""Tags a page may have, counted before parsing; a report's page has a few thousand (Pingtan's: 4,300)."""

_SKIP = {"script", "style", "noscript", "nav", "header", "footer", "iframe", "template", "select", "button",
         "head", "title", "meta", "link", "object", "embed", "svg", "canvas", "form", "textarea", "input"}
_BLOCK = {"p", "div", "section", "article", "main", "aside", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
          "dl", "dt", "dd", "blockquote", "pre", "center", "address", "figure", "figcaption", "hr", "tr", "td", "th",
          "tbody", "thead", "tfoot", "caption", "body", "html"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_DATE_META = ("PubDate", "pubdate", "publishdate", "PublishDate", "firstpublishedtime", "article:published_time")
_TITLE_META = ("ArticleTitle", "articletitle", "og:title")


def _error(source: str, code: str, zh: str, en: str) -> ReadError:
    return ReadError([ReadingNote(code, source, zh, en)])


def _decode(data: bytes, source: str) -> str:
    return _decoded(data, source)[0]


def _decoded(data: bytes, source: str) -> tuple[str, bytes | None]:
    """The page's text, and its UTF-8 bytes when the page is UTF-8 (then they need no encoding again)."""
    if len(data) > MAX_HTML_BYTES:
        raise _error(source, "read.too_large", f"网页文件过大（{len(data)} 字节）", f"HTML file too large ({len(data)} bytes)")
    if not data.strip():
        raise _error(source, "read.empty", "文件为空", "the file is empty")
    if b"\x00" in data[:4096]:
        raise _error(source, "read.binary", "文件不是网页（含二进制数据）", "the file is not HTML (binary data)")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    declared = _CHARSET.search(data[:4096])
    encodings = ["utf-8", "gb18030"]
    if declared:
        name = declared.group(1).decode("ascii", "replace").lower()
        name = "gb18030" if name in ("gb2312", "gbk", "gb18030") else name
        encodings.insert(0, name)
    for encoding in dict.fromkeys(encodings):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        return text, data if encoding == "utf-8" else None
    raise _error(source, "read.encoding", "无法识别网页编码", "unknown encoding of the HTML file")


@cache
def _headings() -> LabelSet:
    return LabelSet(s.heading for e in EDITIONS.values() for s in e.sections)


def _hidden(el: Any) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or el.get("hidden") is not None


class _Walker:
    """Paragraphs and tables in document order; inline text gathered until a block boundary."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.items: list[Line | Grid] = []
        self.buffer: list[str] = []
        self.paragraphs = 0
        self.tables = 0
        self.cells = 0

    def flush(self) -> None:
        text = "".join(self.buffer)
        self.buffer = []
        for piece in text.split("\n"):
            s = " ".join(piece.replace("\u00a0", " ").split())
            if s:
                self.paragraphs += 1
                self.items.append(Line(s, f"paragraph {self.paragraphs}"))

    def walk(self, el: Any, depth: int = 0) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower()
        if tag in _SKIP or not tag or _hidden(el):
            return
        if tag == "table":
            if depth >= MAX_TABLE_DEPTH:
                raise _error(self.source, "read.nesting", f"表格嵌套超过 {MAX_TABLE_DEPTH} 层，拒绝读取",
                             f"tables nested more than {MAX_TABLE_DEPTH} deep; refused")
            if el.find(".//table") is not None:
                # a layout table: its cells are page regions, read as running text
                self.flush()
                for child in el:
                    self.walk(child, depth + 1)
                    self._tail(child)
                self.flush()
                return
            self.flush()
            self.table(el)
            return
        if tag == "br":
            self.buffer.append("\n")
            return
        block = tag in _BLOCK
        if block:
            self.flush()
        if el.text:
            self.buffer.append(el.text)
        for child in el:
            self.walk(child, depth + (1 if tag == "table" else 0))
            self._tail(child)
        if block:
            self.flush()

    def _tail(self, child: Any) -> None:
        if child.tail:
            self.buffer.append(child.tail)

    def table(self, el: Any) -> None:
        self.tables += 1
        number = self.tables
        rows: list[tuple[SourceCell, ...]] = []
        for r, tr in enumerate(el.iter("tr")):
            cells: list[SourceCell] = []
            for c, td in enumerate(tr.iterchildren("td", "th")):  # the parser writes tag names in lower case
                self.cells += 1
                if self.cells > MAX_CELLS:
                    raise _error(self.source, "read.too_large", f"网页表格单元格超过 {MAX_CELLS} 个，拒绝读取",
                                 f"more than {MAX_CELLS} table cells; refused")
                cells.append(SourceCell(_cell_text(td), f"table {number} row {r + 1} col {c + 1}",
                                        _span(td.get("rowspan")), _span(td.get("colspan"))))
            if cells:
                rows.append(tuple(cells))
        self.items.append(Grid(tuple(rows), f"table {number}"))


_CELL_BREAKS = frozenset(("br", "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "dt", "dd", "pre"))
"""Tags that start a new line inside a cell."""


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(str(value).strip()), MAX_SPAN)) if value is not None else 1
    except ValueError:
        return 1


def _cell_text(td: Any) -> str:
    """A cell's text, one line per block or ``<br>`` inside it (stacked header characters stay apart)."""
    breaks = 0
    for el in td.iter():  # a cell holds a few elements: one pass, no tag matcher built per cell
        tag = el.tag
        if tag in _CELL_BREAKS:
            breaks += 1
            if breaks > 1:
                break
        elif tag in _SKIP:
            breaks = 2
            break
    if breaks <= 1:
        # The common cell (``<td><p><span>12</span></p></td>``): at most one block, nothing skipped,
        # no line break inside: its text (``itertext`` joined) serialised by libxml2 in one call.
        return _lines(_text_of(td))
    parts: list[str] = []

    def walk(el: Any) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in _SKIP or not tag:
            return
        if tag == "br":
            parts.append("\n")
            return
        block = tag in _BLOCK or tag == "table"
        if block:
            parts.append("\n")
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n")

    walk(td)
    return _lines("".join(parts))


def _text_of(el: Any) -> str:
    """All the text inside ``el``, as ``"".join(el.itertext())`` gives it, but without a Python step per piece."""
    text: str = _tostring()(el, method="text", encoding="unicode", with_tail=False)
    return text


@cache
def _tostring() -> Any:
    import lxml.etree  # imported when a page is read, not when the reader is listed

    return lxml.etree.tostring


def _lines(text: str) -> str:
    """Text as non-empty lines, spaces inside each collapsed."""
    if "\n" not in text:  # the common cell: one line
        return " ".join(text.replace("\u00a0", " ").split())
    lines = [" ".join(p.replace("\u00a0", " ").split()) for p in text.split("\n")]
    return "\n".join(p for p in lines if p)


_ANCHOR_WORDS = ("情况", "事项", "报告")
"""Every section heading and every title ends in one of these: only text holding one is looked at."""
_ANCHOR = re.compile("|".join(_ANCHOR_WORDS))
_ANCHOR_BLOCKS = frozenset(("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "li", "section", "article"))


def _short_text(el: Any, limit: int) -> str | None:
    """The element's text if it has at most ``limit`` characters besides whitespace, else ``None``.

    Stops reading as soon as the limit is passed, so asking every container of a page stays linear."""
    parts: list[str] = []
    size = 0
    for piece in el.itertext():
        size += len(piece.strip())
        if size > limit:
            return None
        parts.append(piece)
    return "".join(parts)


def _content_root(body: Any) -> Any:
    """The lowest element holding every data table, every section heading and the title: the report itself.

    Never a table: when everything found sits inside one table (a page with nothing but the table), the
    root is the element around it, so the paragraphs beside the table are read too.
    """
    headings = _headings()
    anchors = [t for t in body.iter("table") if t.find(".//table") is None]
    seen: set[Any] = set()
    for el in body.iter():
        text = el.text
        if not text or not _ANCHOR.search(text):
            continue
        block = el
        while block.tag not in _ANCHOR_BLOCKS and block.getparent() is not None and block is not body:
            block = block.getparent()
        if block in seen:
            continue
        seen.add(block)
        short = _short_text(block, 80)
        if short is not None and (headings.match(short) is not None or find_title(short)):
            anchors.append(block)
    if not anchors:
        return body
    paths = []
    for el in anchors:
        chain = [el, *el.iterancestors()]
        paths.append(list(reversed(chain)))
    common = body
    for level in zip(*paths, strict=False):
        if all(node is level[0] for node in level):
            common = level[0]
        else:
            break
    while common is not body and (common.tag in ("table", "tr", "td", "th", "tbody", "thead")
                                  or (next(common.iterancestors("table"), None) is not None and common.find(".//table") is None)):
        common = common.getparent()
    return common


def _parse(text: str, utf8: bytes | None = None) -> Any:
    """The page's element tree: plain ``lxml.etree`` elements (lxml.html's element classes cost a lookup
    per element visited), parsed from UTF-8 bytes, which libxml2 reads about twice as fast as a
    ``str`` (handed over as UTF-16 or UCS-4); a text that cannot be encoded (a lone surrogate that
    some declared codec let through) is handed over as it is.  ``utf8``: the text's UTF-8 bytes, when known."""
    import lxml.etree

    try:
        payload = text.encode("utf-8") if utf8 is None else utf8
    except UnicodeEncodeError:
        return lxml.etree.fromstring(text, parser=lxml.etree.HTMLParser(remove_comments=True, remove_pis=True,
                                                                         huge_tree=False))
    parser = lxml.etree.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=False, encoding="utf-8")
    return lxml.etree.fromstring(payload, parser=parser)


def parse_html(data: bytes, source: str) -> Document:
    """Lines and grids of the page's report content (see the module docstring)."""
    import lxml.etree

    text, utf8 = _decoded(data, source)
    tags = text.count("<") if utf8 is None else utf8.count(b"<")  # "<" is one byte in UTF-8, never inside another
    if tags > MAX_TAGS:  # before parsing: lxml and the walk below take time and memory per element
        raise _error(source, "read.too_large", f"网页的标签过多（约 {tags} 个，上限 {MAX_TAGS}），不像是一份年度报告，拒绝读取",
                     f"the page has too many tags (about {tags}, limit {MAX_TAGS}): not an annual report; refused")
    if _XML_DECLARATION.match(text):
        text, utf8 = _XML_DECLARATION.sub("", text), None
    if not text.strip():
        raise _error(source, "read.empty", "文件为空", "the file is empty")
    try:
        root = _parse(text, utf8)
        if root is None:
            raise ValueError("no document")
    except (lxml.etree.ParserError, ValueError) as exc:
        raise _error(source, "read.html", "无法解析网页：HTML 结构损坏或不是网页", "cannot parse the HTML: the markup is broken or not a web page") from exc
    head_items: list[Line | Grid] = []
    metas = {(m.get("name") or m.get("property") or ""): (m.get("content") or "").strip() for m in root.iter("meta")}
    title = next((metas[k] for k in _TITLE_META if metas.get(k)), None)
    if title is None:
        t = root.find(".//title")
        whole = "".join(t.itertext()) if t is not None else ""
        if whole.strip():
            title = re.split(r"[_|]| - ", whole.strip())[0].strip() or None
    if title:
        head_items.append(Line(title, "<title>"))
    date = next((metas[k] for k in _DATE_META if metas.get(k)), None)
    if date:
        head_items.append(Line(f"发布日期：{date}", "<meta> PubDate"))
    body = root.find("body")
    if body is None:
        body = root
    for table in body.iter("table"):
        if len(list(table.iterancestors("table"))) >= MAX_TABLE_DEPTH:
            raise _error(source, "read.nesting", f"表格嵌套超过 {MAX_TABLE_DEPTH} 层，拒绝读取",
                         f"tables nested more than {MAX_TABLE_DEPTH} deep; refused")
    content = _content_root(body)
    walker = _Walker(source)
    walker.walk(content)
    walker.flush()
    items = walker.items
    if title and items and squash(items[0].text if isinstance(items[0], Line) else "") == squash(title):
        head_items = head_items[1:]
    return tuple(head_items + items)


class HtmlReader:
    """Web pages (``.html``, ``.htm``): the report's paragraphs and ``<table>``s with their spans."""

    name = "html"
    suffixes = (".html", ".htm")

    def read(self, data: bytes, *, source: str) -> ReadResult:
        return recognize(parse_html(data, source), source)
