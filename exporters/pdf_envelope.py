"""The 公文 envelope around the tables, as plain text: title, opening paragraph, dates, 版记 lines.

Nothing here draws; :mod:`disclosure_schema_exporters.pdf` sets these strings.
Where the report carries its own wording (title, preamble) it is printed as it
is.  A report built in code often has only the structured fields (statistics
period, publication channel, contact); the opening paragraph is then composed
from them, with the field titles the model declares, so that no fact the report
holds is missing from the official document.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

import attrs

from disclosure_schema import Contact, Report

DRAFT_MARK = "草稿：本文件由含错误的报告强制生成，不是正式文件"
"""The line a draft carries at its top (``export --force``), in the PDF and the Word document alike."""
PRINTED = "印发"
"""The word closing the 印发 line of the 版记 (``北峰街道党政办  2021年1月6日印发``)."""


def chinese_date(date: dt.date) -> str:
    """A date as a 公文 prints it: ``2021年1月6日`` (Arabic numerals, GB/T 9704-2012)."""
    return f"{date.year}年{date.month}月{date.day}日"


def report_name(report: Report) -> str:
    """The report's own name from the edition's title: 中华人民共和国…年度报告格式 → 政府信息公开工作年度报告."""
    name = report.spec.title.split("格式")[0]
    return name[name.index("政府") :] if "政府" in name else name


def title(report: Report) -> str:
    """The report's title, or ``<发布机关><年度>年<报告名>`` when it carries none."""
    return report.title or f"{report.issuer or ''}{report.year}年{report_name(report)}"


def title_lines(report: Report) -> list[str]:
    """The title broken after the issuing body, as official reports print it on two lines."""
    full = title(report)
    issuer = report.issuer or ""
    if issuer and full.startswith(issuer) and len(full) > len(issuer):
        return [issuer, full[len(issuer) :]]
    return [full]


def paragraphs(text: str | None) -> list[str]:
    """Several paragraphs typed into one field (line breaks), each to be set as its own indented paragraph."""
    return [line.strip() for line in (text or "").replace("\r\n", "\n").split("\n") if line.strip()]


def _flat(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def opening(report: Report) -> str | None:
    """The opening paragraph: the published preamble, else one composed from the structured fields.

    A structured field (statistics period, publication channel, contact) that the
    preamble does not mention is added after it in the customary wording, so no
    fact the report holds is silently left out of the document.
    """
    composed = _composed(report)
    if not report.preamble:
        return "".join(sentence for sentence, _ in composed) or None
    said = _flat(report.preamble)
    extra = "".join(sentence for sentence, facts in composed if not all(_flat(fact) in said for fact in facts))
    return report.preamble + ("\n" + extra if extra else "")


def _composed(report: Report) -> list[tuple[str, list[str]]]:
    """The customary sentences for the structured fields, each with the facts it states."""
    sentences: list[tuple[str, list[str]]] = []
    if report.statistics_period is not None:
        period = report.statistics_period
        label = attrs.fields(Report).statistics_period.metadata["title"]
        start, end = chinese_date(period.start), chinese_date(period.end)
        sentences.append((f"本报告{label}自{start}至{end}。", [start, end]))
    if report.publication:
        sentences.append((f"本报告电子版可在{report.publication}查阅。", [report.publication]))
    if report.contact is not None and report.contact.office:
        contact = report.contact
        details = _contact_details(contact)
        facts = [v for v in (contact.office, contact.address, contact.postcode, contact.phone, contact.email) if v]
        sentence = f"如对本报告有疑问，请与{contact.office}联系" + (f"（{details}）" if details else "") + "。"
        sentences.append((sentence, facts))
    return sentences


def _contact_details(contact: Contact) -> str:
    parts = []
    for field in attrs.fields(Contact):
        value = getattr(contact, field.name)
        if field.name != "office" and value:
            parts.append(f"{field.metadata['title']}：{value}")
    return "，".join(parts)


def copy_to_line(report: Report) -> str | None:
    """``抄送：…`` with the label the model declares for the field."""
    if not report.copy_to:
        return None
    return f"{attrs.fields(Report).copy_to.metadata['title']}：{report.copy_to}"


def printed_line(report: Report) -> tuple[str, str] | None:
    """The 印发 line: the printing office on the left, ``<日期>印发`` on the right."""
    if not (report.printed_by or report.printed_date):
        return None
    return report.printed_by or "", (chinese_date(report.printed_date) + PRINTED) if report.printed_date else ""
