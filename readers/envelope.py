"""The document envelope around the format's six sections: title, issuer, 文号, opening paragraph, 公文 tail.

Why separate: the official format does not define the envelope (format.md, "Published reports also
carry a document envelope"), so these are conventions of Chinese official documents, not taxonomy
labels: the patterns below are the only place they are written.  Each field is optional; what is
not printed stays ``None``.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from disclosure_schema.model import Contact, Period

from .labels import squash

__all__ = ["PUBLISHED", "Head", "Tail", "find_title", "join_wrapped_title", "parse_date", "read_head", "read_tail",
           "title_parts", "year_in_text"]

#: The title of every report ends in these words (政府信息公开工作年度报告); 政务公开 appears on some.
_TITLE = re.compile(r"(政府信息公开|政务公开)(工作)?年度?报告")
_DOC_NUMBER = re.compile(r"^[\u4e00-\u9fffA-Za-z]{1,16}[〔\[［(（](19|20)\d\d[〕\]］)）]\d{1,4}号$")
_DATE = r"((?:19|20)\d\d)\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})\s*日?"
PUBLISHED = re.compile(r"(发布日期|发布时间|发文日期|成文日期|时间)\s*[:：]\s*" + _DATE)
_PERIOD = re.compile(
    r"(?:自|从|统计期限为|统计期限是|统计期间为|统计时间为|统计时限为|统计期限：|统计期限:)?\s*((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月"
    r"\s*(\d{1,2})\s*日\s*(?:起)?\s*(?:至|到|—|－|-|～|~)\s*(?:((?:19|20)\d\d)\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日"
)
"""The statistics period in its real wordings: 自2023年1月1日起至12月31日止, 统计期限为2023年1月1日至2023年12月31日."""
_PUBLICATION = re.compile(r"电子版(?:可|均可)?(?:在|从|于|通过|登录)(.+?)(?:中|内|上)?(?:查阅(?:或)?)?下载")
_OFFICE = re.compile(r"请与(.+?)联系")
_ADDRESS = re.compile(r"(?:办公地址|联系地址|通讯地址|地址)\s*[:：]\s*([^，,；;）)。]+)")
_POSTCODE = re.compile(r"(?:邮编|邮政编码)\s*[:：]?\s*(\d{6})")
_PHONE = re.compile(r"(?:联系电话|电话/传真|电话|传真)\s*[:：]\s*([0-9０-９\-－—()（） ]{7,})")
_EMAIL = re.compile(r"(?:电子邮箱|电子邮件|邮箱|E-?mail)\s*[:：]\s*([A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,})", re.I)
_COPY_TO = re.compile(r"^抄送\s*[:：]\s*(.+)$")
_PRINTED = re.compile(r"^(.*?)\s*" + _DATE + r"\s*印发$")
_ONLY_DATE = re.compile(r"^" + _DATE + r"$")


def _compact(text: str) -> str:
    """Text without whitespace (titles and names wrap and space out in PDFs), otherwise as printed."""
    return re.sub(r"\s+", "", text.replace("\u00a0", " "))


def parse_date(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def find_title(text: str) -> bool:
    squashed = squash(text)
    return len(squashed) <= 80 and bool(_TITLE.search(squashed))


_WRAP_STOP = re.compile(r"[。，；:：]")
_SHORT_LINE = 30
"""A title wraps over lines of at most this many characters (issuer, year, 工作年度报告)."""


def join_wrapped_title(lines: list[str]) -> list[str]:
    """``lines`` with a title wrapped over two or three short lines joined into one.

    Only when no single line of the group is a title but the group read together is (``2023年政府信息
    公开`` / ``工作年度报告``); a title on one line under its issuer is left for :func:`title_parts`.
    """
    head = lines[:42]  # the groups below reach no further
    titles = [find_title(line) for line in head]
    compacts = [_compact(line) for line in head]
    for k in range(min(len(lines), 40)):
        for span in (2, 3):
            if k + span > len(lines) or titles[k]:
                break
            compact = compacts[k:k + span]
            if any(not c or len(c) > _SHORT_LINE or _WRAP_STOP.search(c) for c in compact):
                break
            if any(titles[k + 1:k + span]):
                break
            if find_title("".join(compact)):
                return [*lines[:k], "".join(compact), *lines[k + span:]]
    return lines


_YEAR_IN_TEXT = re.compile(r"((?:19|20)\d\d)\s*年\s*度?\s*(?=[^\d。]{0,6}(政府信息公开|政务公开|信息公开|年度报告|工作报告))"
                           r"|((?:19|20)\d\d)\s*年\s*1\s*月\s*1\s*日")


def year_in_text(text: str) -> int | None:
    """The report year an opening sentence names (``现将我办2022年度政府信息公开情况报告如下``), if any."""
    m = _YEAR_IN_TEXT.search(text)
    if m is None:
        return None
    return int(m.group(1) or m.group(3))


@attrs.frozen
class Head:
    issuer: str | None = None
    document_number: str | None = None
    title: str | None = None
    year: int | None = None
    publication_date: dt.date | None = None
    preamble: str | None = None
    statistics_period: Period | None = None
    publication: str | None = None
    contact: Contact | None = None


def title_parts(lines: list[str]) -> tuple[str | None, str | None, str | None, int | None, int]:
    """(issuer, document number, title, year, index of the title line) from the lines before the body."""
    doc_number = None
    for k, line in enumerate(lines):
        s = _compact(line)
        if _DOC_NUMBER.match(squash(line)):
            doc_number = s
            continue
        if not find_title(line):
            continue
        m = re.search(r"((?:19|20)\d\d)年度?", s)
        year = int(m.group(1)) if m else None
        prefix = s[: m.start()] if m else ""
        issuer = prefix or None
        if not issuer and m is not None:
            after = _TITLE.search(s[m.end():])
            if after and after.start() > 0:
                issuer = s[m.end(): m.end() + after.start()]
                issuer = issuer or None
            if issuer is not None:
                title = s
                return issuer, doc_number, title, year, k
        title = s
        if not issuer and k > 0:
            prev = _compact(lines[k - 1])
            if prev and not _DOC_NUMBER.match(squash(prev)) and len(prev) <= 40 and not re.search(r"[。，:：]", prev):
                issuer = prev
                title = prev + s
        return issuer, doc_number, title, year, k
    return None, doc_number, None, None, -1


def read_head(lines: list[str], preamble_lines: list[str]) -> Head:
    """The envelope printed before section 一: ``lines`` are all of it, ``preamble_lines`` the opening paragraph."""
    issuer, doc_number, title, year, _ = title_parts(lines)
    published = None
    for line in lines:
        m = PUBLISHED.search(line)
        if m:
            published = parse_date(m.group(2), m.group(3), m.group(4))
            break
    preamble = "".join(line.strip() for line in preamble_lines) or None
    text = preamble or ""
    period = None
    m = _PERIOD.search(text)
    if m:
        start = parse_date(m.group(1), m.group(2), m.group(3))
        end = parse_date(m.group(4) or m.group(1), m.group(5), m.group(6))
        if start and end:
            period = Period(start, end)
    publication = None
    m = _PUBLICATION.search(text)
    if m:
        publication = m.group(1).strip().rstrip("的")
    contact = _contact(text)
    return Head(issuer, doc_number, title, year, published, preamble, period, publication, contact)


def _contact(text: str) -> Contact | None:
    def grab(pattern: re.Pattern[str]) -> str | None:
        m = pattern.search(text)
        return re.sub(r"\s+", "", m.group(1)).strip() if m else None

    office = None
    m = _OFFICE.search(text)
    if m and len(m.group(1)) <= 60:
        office = re.sub(r"\s+", "", m.group(1))
    phone = grab(_PHONE)
    if phone is not None:
        phone = phone.rstrip("，,。；;")
        if phone.endswith(("）", ")")) and not any(ch in phone for ch in "（("):
            phone = phone[:-1]
    contact = Contact(office, grab(_ADDRESS), grab(_POSTCODE), phone, grab(_EMAIL))
    return contact if any(attrs.astuple(contact)) else None


@attrs.frozen
class Tail:
    signature: str | None = None
    signature_date: dt.date | None = None
    copy_to: str | None = None
    printed_by: str | None = None
    printed_date: dt.date | None = None
    consumed: int = 0
    """How many of the last lines belong to the tail (they are not section text)."""


def read_tail(lines: list[str]) -> Tail:
    """The signature, date, 抄送 and 印发 lines at the end of the last section, if printed."""
    signature = None
    signature_date = None
    copy_to = None
    printed_by = None
    printed_date = None
    k = len(lines)
    while k > 0:
        line = lines[k - 1].strip()
        flat = re.sub(r"\s+", " ", line)
        m_copy = _COPY_TO.match(flat)
        m_printed = _PRINTED.match(flat)
        m_date = _ONLY_DATE.match(re.sub(r"\s+", "", line))
        if m_copy and copy_to is None:
            copy_to = m_copy.group(1).strip()
        elif m_printed and printed_date is None:
            printed_by = m_printed.group(1).strip() or None
            printed_date = parse_date(m_printed.group(2), m_printed.group(3), m_printed.group(4))
        elif m_date and signature_date is None:
            signature_date = parse_date(m_date.group(1), m_date.group(2), m_date.group(3))
            if k >= 2:
                prev = squash(lines[k - 2])
                if prev and len(prev) <= 30 and not re.search(r"[。，；:：、]", prev) and not re.match(r"^[（(]?[一二三四五六七八九十\d]", prev):
                    signature = prev
                    k -= 1
        else:
            break
        k -= 1
    return Tail(signature, signature_date, copy_to, printed_by, printed_date, len(lines) - k)
