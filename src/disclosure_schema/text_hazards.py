"""Characters in a report's text that no printed copy can show honestly: control and bidi-control characters.

Why a module of its own: a BEL (U+0007) or any other C0/C1 control character
pasted into a paragraph is invisible; XML 1.0 cannot hold most of them, so an
XLSX or DOCX cannot carry them, and a PDF prints nothing a reader could see.  A
bidi control (U+202A-U+202E, U+2066-U+2069) is worse: it reorders how the text
is displayed, so what a reader sees is not what the data says (the "Trojan
source" trick).  Text is the 政府信息公开工作年度报告's own words (条例第五十条 asks
for the report to be published as written), so every official file must show
the same words as the data, in the same order.

The policy, one for every printed format (XLSX, DOCX, PDF; see docs/limits.md):

* ``validate`` warns (``text.control_character``, ``text.bidi_control``) once per
  text field, naming the field as a clerk reads it (第一部分第1段, 发布机关), the
  first such character (``U+0007``), its position and how many there are.  A
  warning, not an error: the figures may all be right.
* Exporters leave these characters out (:func:`printable_report`) and warn, naming
  the field, with the same sentence.  The JSON export keeps the text exactly (it
  is data, and JSON escapes every control character).

Line feed, carriage return and tab are text, not hazards: paragraphs may break
lines.  U+FFFE and U+FFFF are not characters at all (Unicode noncharacters that
XML 1.0 forbids) and are treated as control characters.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from functools import cache
from typing import Any

import attrs

from .model import Block, Contact, Report, Section
from .taxonomy import EDITIONS, Level
from .violations import Violation

__all__ = [
    "BIDI",
    "CONTROL",
    "HAZARD",
    "UnprintableText",
    "field_words",
    "hazards",
    "printable",
    "printable_report",
    "printed",
    "rules_entry",
    "text_fields",
]

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
"""C0 controls but tab, line feed and carriage return; DEL; C1 controls; the noncharacters U+FFFE, U+FFFF."""
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
"""Bidi embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI)."""
HAZARD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\u202a-\u202e\u2066-\u2069]")
"""Either kind: one search tells whether a report needs looking at more closely."""

_ENVELOPE = ("issuer", "document_number", "title", "preamble", "publication")
_TAIL = ("signature", "copy_to", "printed_by")
_CONTACT = tuple(field.name for field in attrs.fields(Contact))


def text_fields(report: Report) -> Iterator[tuple[str, str]]:
    """Every text field of ``report`` that holds text, as ``(JSON pointer, text)`` in printed order."""
    for name in _ENVELOPE:
        value = getattr(report, name)
        if value:
            yield f"/{name}", value
    contact = report.contact
    if contact is not None:
        for name in _CONTACT:
            value = getattr(contact, name)
            if value:
                yield f"/contact/{name}", value
    sections = report.sections
    keys = [spec.key for spec in report.spec.sections if spec.key in sections]
    for key in (*keys, *(key for key in sections if key not in keys)):
        section = sections[key]
        if section.heading:
            yield f"/sections/{key}/heading", section.heading
        for index, block in enumerate(section.blocks):
            if block.text:
                yield f"/sections/{key}/blocks/{index}/text", block.text
    for name in _TAIL:
        value = getattr(report, name)
        if value:
            yield f"/{name}", value


def field_words(pointer: str, edition: str) -> tuple[str, str]:
    """A text field's JSON pointer as a clerk reads it, Chinese and English (:func:`.places.field_place`).

    ``/sections/overview/blocks/0/text`` -> ``第一部分第1段``; ``/issuer`` -> ``发布机关``;
    ``/contact/phone`` -> ``联系方式：电话``.  Any other pointer is returned as it is.
    """
    from .places import field_place

    field = pointer[: -len("/text")] if pointer.endswith("/text") and "/blocks/" in pointer else pointer
    return field_place(field, "zh", edition), field_place(field, "en", edition)


@cache
def _title(cls: type, name: str) -> str:
    for field in attrs.fields(cls):
        if field.name == name:
            return str(field.metadata.get("title", ""))
    return ""


def rules_entry(edition: str) -> dict[str, Any]:
    """How the rules document (``completeness.text_hazards``) tells another implementation to find these warnings."""
    spec = EDITIONS[edition]
    pointers = [f"/{name}" for name in _ENVELOPE] + [f"/contact/{name}" for name in _CONTACT]
    tail = [f"/{name}" for name in _TAIL]
    return {
        "control": CONTROL.pattern.encode("unicode_escape").decode("ascii"),
        "bidi": BIDI.pattern.encode("unicode_escape").decode("ascii"),
        "fields_before_sections": [_field_entry(p, edition) for p in pointers],
        "sections": [{"key": section.key, "number": section.number, "index": index}
                     for index, section in enumerate(spec.sections, 1)],
        "fields_after_sections": [_field_entry(p, edition) for p in tail],
        "section_heading": {"zh": "第{number}部分标题", "en": "section {index}, heading"},
        "block": {"zh": "第{number}部分第{n}段", "en": "section {index}, paragraph {n}"},
        "rule": (
            "for each text field holding text, in the order fields_before_sections, then each section present in "
            "`sections` in the order of `sections` here (its heading, then each block's text, n = block index + 1), "
            "then fields_after_sections: text.control_character (warning) when `control` matches, then "
            "text.bidi_control (warning) when `bidi` matches, at the field's pointer; params: place (the zh/en "
            "words of the field), character (U+XXXX, four or more upper-case hex digits, of the first match), "
            "position (of the first match, 1-based, counted in Unicode code points), count (matches in the field)"
        ),
        "order": "after empty_section",
    }


def _field_entry(pointer: str, edition: str) -> dict[str, str]:
    zh, en = field_words(pointer, edition)
    return {"pointer": pointer, "zh": zh, "en": en}


def hazards(report: Report) -> Iterator[Violation]:
    """A warning for each text field holding control characters, and one for each holding bidi controls.

    The common case (none) is decided by :func:`_suspect`: ``str.isprintable`` over all the text
    at C speed, then at most one regular-expression search.
    """
    if not _suspect(report):
        return
    for pointer, text in text_fields(report):
        for code, pattern in (("text.control_character", CONTROL), ("text.bidi_control", BIDI)):
            found = pattern.findall(text)
            if not found:
                continue
            first = pattern.search(text)
            assert first is not None
            yield Violation(
                code,
                Level.WARNING,
                pointer,
                params={
                    "place": field_words(pointer, report.edition),
                    "character": f"U+{ord(first.group()):04X}",
                    "position": first.start() + 1,
                    "count": len(found),
                },
            )


def _suspect(report: Report) -> bool:
    """Whether any text field may hold a hazard; ``False`` for nearly every real report, cheaply.

    Every hazard is a non-printable character (``Cc``, ``Cf`` or ``Cn``), and real reports'
    text is almost always all printable, so one ``isprintable`` over the joined text (no joiner:
    the property is per character) settles it; text holding line breaks, ideographic spaces and the
    like gets one :data:`HAZARD` search over the same joined text.
    """
    texts = [
        report.issuer, report.document_number, report.title, report.preamble, report.publication,
        report.signature, report.copy_to, report.printed_by,
    ]
    contact = report.contact
    if contact is not None:
        texts += (contact.office, contact.address, contact.postcode, contact.phone, contact.email)
    for section in report.sections.values():
        texts.append(section.heading)
        texts += [block.text for block in section.blocks]
    joined = "".join([text for text in texts if text])
    return not joined.isprintable() and HAZARD.search(joined) is not None


def printable(text: str) -> str:
    """``text`` without control and bidi-control characters (line feed, carriage return, tab kept)."""
    return HAZARD.sub("", text)


def printable_report(report: Report) -> tuple[Report, list[Violation]]:
    """``report`` with hazardous characters left out of every text field, and the warnings that say where.

    For exporters of printed formats: call it first, print the report it returns,
    and pass each warning on (``warnings.warn(v.message("zh") + " (" + v.message("en") + ")")``).
    The report is returned unchanged (the same object) when there is nothing to leave out.
    """
    found = list(hazards(report))
    if not found:
        return report, []
    envelope: dict[str, Any] = {name: _clean(getattr(report, name)) for name in (*_ENVELOPE, *_TAIL)}
    contact = report.contact
    if contact is not None:
        contact = Contact(**{name: _clean(getattr(contact, name)) for name in _CONTACT})
    sections = {
        key: Section(
            _clean(section.heading),
            tuple(Block(printable(block.text), block.kind) for block in section.blocks),
        )
        for key, section in report.sections.items()
    }
    cleaned = attrs.evolve(report, contact=contact, sections=sections, **envelope)
    return cleaned, found


def _clean(text: str | None) -> str | None:
    return None if text is None else printable(text)


class UnprintableText(UserWarning):
    """Characters an exporter left out of a field (:func:`printed`), told ``中文 (English)`` like the CLI's messages."""

    def __init__(self, finding: Violation) -> None:
        self.finding = finding
        params = finding.params
        place = params["place"][0]
        count = params["count"]
        plural = "s" if count > 1 else ""
        kind_zh, kind_en = (
            ("双向文字控制符", "bidi control") if finding.code == "text.bidi_control" else ("控制字符", "control")
        )
        super().__init__(
            f"{place}中第 {params['position']} 个字符起共 {params['count']} 个{kind_zh}（{params['character']} 等）"
            f"无法如实打印，已删去 (field {finding.pointer}: left out {count} {kind_en} character{plural}, "
            f"the first {params['character']} at character {params['position']})"
        )


def printed(report: Report) -> Report:
    """The report an exporter of a printed format prints: :func:`printable_report`, each leaving-out warned of.

    Each field that loses characters gives one :class:`UnprintableText` warning
    (``export`` prints it as ``警告：…`` naming the field).  The embedded data an
    exporter attaches should stay the original report: it is data, not print.
    """
    cleaned, found = printable_report(report)
    for finding in found:
        warnings.warn(UnprintableText(finding), stacklevel=3)
    return cleaned
