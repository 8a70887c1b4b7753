"""Findings accepted once: a reviewer marks a finding as checked so that it stops coming back.

A finding a reviewer has looked at and accepted (the figure is right, the body
explained it) should not be an error in every later run.  ``validate
--write-accepted accepted.json`` writes the current findings to a file; the
reviewer keeps the entries that are accepted, with a reason, who and when;
``validate --accept accepted.json`` shows those findings as accepted instead of as
errors or warnings.

An acceptance holds only while the cells the finding involves are unchanged: each
entry stores a fingerprint (SHA-256) of the finding's code, place, reported and
computed values and the value of every contributing cell.  When a clerk corrects
(or breaks) one of those cells the fingerprint differs, the acceptance has
expired, and the finding is shown again, with a note saying so.

The file (UTF-8 JSON)::

    {"format": "disclosure-schema/accepted-findings", "version": 1, "edition": "2021",
     "findings": [{"code": "R2.mismatch", "pointer": "/requests/results/total/natural_person",
                   "body": "某县人民政府", "year": 2024,          # or "file": "某县/2024.json"
                   "reason": "...", "who": "...", "date": "2025-02-03", "fingerprint": "..."}]}

A file of another edition than the report is not applied (pointers differ
between editions), and said so.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from .bodies import body_key
from .errors import BilingualError
from .io import parse_json, write_atomic
from .model import Report
from .violations import Violation

FORMAT = "disclosure-schema/accepted-findings"
VERSION = 1
MAX_BYTES = 32 * 1024 * 1024


class AcceptedFileError(BilingualError):
    """The accepted-findings file cannot be used; the message names the file and the place in it."""


@attrs.frozen
class Acceptance:
    """One accepted finding: which, of which report, why, by whom, when, and of which cell values."""

    code: str
    pointer: str
    reason: str
    who: str
    date: str
    fingerprint: str
    file: str | None = None
    body: str | None = None
    year: int | None = None

    def matches(self, violation: Violation, source: str, report: Report) -> bool:
        """Whether this entry is about ``violation`` of ``report`` read from ``source``."""
        if (self.code, self.pointer) != (violation.code, violation.pointer):
            return False
        if self.file is not None and _same_path(self.file, source):
            return True
        return bool(self.body and report.issuer and self.year == report.year and body_key(self.body) == body_key(report.issuer))

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code}
        if self.file is not None:
            data["file"] = self.file
        if self.body is not None:
            data["body"] = self.body
            data["year"] = self.year
        data.update(pointer=self.pointer, reason=self.reason, who=self.who, date=self.date, fingerprint=self.fingerprint)
        return data


@attrs.frozen
class AcceptedFile:
    """The accepted findings of one edition."""

    edition: str
    entries: tuple[Acceptance, ...]
    path: str = ""


@attrs.frozen
class Review:
    """What the accepted file did to one report's findings."""

    accepted: tuple[tuple[Violation, Acceptance], ...] = ()
    """Findings accepted (removed from the report's findings)."""
    expired: tuple[tuple[Violation, Acceptance], ...] = ()
    """Findings once accepted whose cells have changed since: shown again."""
    problem: tuple[str, str] | None = None
    """Why the file was not applied to this report (another edition), zh and en."""


def fingerprint(violation: Violation) -> str:
    """SHA-256 of what the finding involves: code, place, reported, computed and contributing values."""
    payload = [
        violation.code,
        violation.pointer,
        _plain(violation.reported),
        _plain(violation.computed),
        [[c.pointer, c.previous, c.sign, _plain(c.value)] for c in violation.contributions],
    ]
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def review(accepted: AcceptedFile, source: str, report: Report, violations: Sequence[Violation]) -> tuple[list[Violation], Review]:
    """Split ``violations`` into those still standing and those accepted (see :class:`Review`)."""
    if report.edition != accepted.edition:
        return list(violations), Review(problem=(
            f"接受清单 {accepted.path} 是 {accepted.edition} 版格式的，本报告是 {report.edition} 版，清单不适用于本报告",
            f"the accepted-findings file {accepted.path} is for the {accepted.edition} edition, this report is "
            f"{report.edition}: not applied",
        ))
    standing: list[Violation] = []
    done: list[tuple[Violation, Acceptance]] = []
    expired: list[tuple[Violation, Acceptance]] = []
    for violation in violations:
        entry = next((e for e in accepted.entries if e.matches(violation, source, report)), None)
        if entry is None:
            standing.append(violation)
        elif entry.fingerprint == fingerprint(violation):
            done.append((violation, entry))
        else:
            standing.append(violation)
            expired.append((violation, entry))
    return standing, Review(tuple(done), tuple(expired))


def entries_for(source: str, report: Report, violations: Iterable[Violation], *, reason: str, who: str, date: dt.date) -> list[Acceptance]:
    """An entry for each finding, ready to be kept or deleted by the reviewer."""
    return [
        Acceptance(
            code=v.code,
            pointer=v.pointer,
            reason=reason,
            who=who,
            date=date.isoformat(),
            fingerprint=fingerprint(v),
            file=None if report.issuer else source,
            body=report.issuer or None,
            year=report.year if report.issuer else None,
        )
        for v in violations
    ]


def dump_accepted(path: str | os.PathLike[str], edition: str, entries: Sequence[Acceptance]) -> None:
    """Write the file atomically (UTF-8 JSON, one entry per finding)."""
    document = {"format": FORMAT, "version": VERSION, "edition": edition, "findings": [e.to_json() for e in entries]}
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    write_atomic(path, lambda stream: stream.write(text.encode("utf-8")))


def load_accepted(path: str | os.PathLike[str]) -> AcceptedFile:
    """Read and check an accepted-findings file; :class:`AcceptedFileError` names what is wrong and where."""
    name = os.fspath(path)
    try:
        with open(path, "rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        raise AcceptedFileError(f"{name}：无法打开接受清单（{exc.strerror or exc}）", f"{name}: cannot open ({exc.strerror or exc})") from exc
    if len(data) > MAX_BYTES:
        raise AcceptedFileError(f"{name}：文件超过 {MAX_BYTES} 字节", f"{name}: over {MAX_BYTES} bytes")
    try:
        document = parse_json(data)
    except Exception as exc:
        raise AcceptedFileError(f"{name}：不是有效的 JSON（{exc}）", f"{name}: not valid JSON ({exc})") from exc
    return parse_accepted(document, name)


def parse_accepted(document: Any, name: str = "accepted.json") -> AcceptedFile:
    """An :class:`AcceptedFile` from parsed JSON (see :func:`load_accepted`)."""
    from .taxonomy import EDITIONS

    def fail(pointer: str, zh: str, en: str) -> AcceptedFileError:
        return AcceptedFileError(f"{name} {pointer or '/'}：{zh}", f"{name} {pointer or '/'}: {en}")

    if type(document) is not dict:
        raise fail("", "应为 JSON 对象", "expected a JSON object")
    if document.get("format") != FORMAT:
        raise fail("/format", f"不是接受清单（应为 \"{FORMAT}\"）", f"not an accepted-findings file (expected {FORMAT!r})")
    if document.get("version") != VERSION:
        raise fail("/version", f"版本应为 {VERSION}", f"version must be {VERSION}")
    edition = document.get("edition")
    if type(edition) is not str or edition not in EDITIONS:
        raise fail("/edition", f"格式版本应为 {'、'.join(EDITIONS)} 之一", f"edition must be one of {', '.join(EDITIONS)}")
    unknown = set(document) - {"format", "version", "edition", "findings"}
    if unknown:
        raise fail("", f"不认识的键 {sorted(unknown)}", f"unknown keys {sorted(unknown)}")
    findings = document.get("findings")
    if type(findings) is not list:
        raise fail("/findings", "应为数组", "expected an array")
    entries = []
    fields = {f.name for f in attrs.fields(Acceptance)}
    for index, item in enumerate(findings):
        where = f"/findings/{index}"
        if type(item) is not dict:
            raise fail(where, "应为 JSON 对象", "expected a JSON object")
        extra = set(item) - fields
        if extra:
            raise fail(where, f"不认识的键 {sorted(extra)}", f"unknown keys {sorted(extra)}")
        for key in ("code", "pointer", "reason", "who", "date", "fingerprint"):
            if type(item.get(key)) is not str:
                raise fail(f"{where}/{key}", "缺少或不是文字", "missing or not a string")
        try:
            dt.date.fromisoformat(item["date"])
        except ValueError:
            raise fail(f"{where}/date", "日期应写成 YYYY-MM-DD", "the date must be YYYY-MM-DD") from None
        has_file = type(item.get("file")) is str
        has_body = type(item.get("body")) is str and type(item.get("year")) is int
        if not has_file and not has_body:
            raise fail(where, "须写明 file，或 body 和 year", "needs file, or body and year")
        if not item["pointer"].startswith("/") and item["pointer"] != "":
            raise fail(f"{where}/pointer", "应为 JSON pointer（以 / 开头）", "must be a JSON pointer (starting with /)")
        cell_prefixes = ("/proactive_disclosure/", "/requests/", "/review_and_litigation/")
        if item["pointer"].startswith(cell_prefixes) and item["pointer"] not in EDITIONS[edition].cells:
            raise fail(
                f"{where}/pointer",
                f"{item['pointer']} 不是 {edition} 版格式的单元格（清单是否属于另一版格式？）",
                f"{item['pointer']} is no cell of the {edition} edition (is the file from another edition?)",
            )
        entries.append(Acceptance(**{key: item[key] for key in fields if key in item}))
    return AcceptedFile(edition, tuple(entries), name)


def review_json(result_review: Review | None, lang: str) -> dict[str, Any]:
    """The accepted and expired findings as JSON data, for ``validate --format json``."""
    if result_review is None:
        return {}
    index = 1 if lang == "en" else 0
    data: dict[str, Any] = {
        "accepted": [v.to_json(lang) | {"accepted": _meta(a)} for v, a in result_review.accepted],
    }
    if result_review.expired:
        data["acceptance_expired"] = [{"code": v.code, "pointer": v.pointer, "was_accepted": _meta(a)} for v, a in result_review.expired]
    if result_review.problem:
        data["acceptance_problem"] = result_review.problem[index]
    return data


def review_lines(result_review: Review | None, lang: str) -> list[str]:
    """Lines for the text output: each accepted finding, each expired acceptance, a problem."""
    if result_review is None:
        return []
    en = lang == "en"
    lines = []
    for v, a in result_review.accepted:
        if en:
            lines.append(f"  accepted [{v.code}] {v.message(lang)} (accepted by {a.who} on {a.date}: {a.reason})")
        else:
            lines.append(f"  已接受 [{v.code}] {v.message(lang)}（{a.who} 于 {a.date} 接受：{a.reason}）")
    for v, a in result_review.expired:
        if en:
            lines.append(f"  note: [{v.code}] at {v.pointer} was accepted by {a.who} on {a.date}, but the cells it involves have changed since: shown again")
        else:
            lines.append(f"  说明：[{v.code}] {v.pointer} 曾由 {a.who} 于 {a.date} 接受，但所涉单元格已改变，接受已失效，重新列出")
    if result_review.problem:
        lines.append("  " + result_review.problem[1 if en else 0])
    return lines


def _meta(entry: Acceptance) -> dict[str, str]:
    return {"reason": entry.reason, "who": entry.who, "date": entry.date}


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _same_path(a: str, b: str) -> bool:
    if os.path.normpath(a) == os.path.normpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
