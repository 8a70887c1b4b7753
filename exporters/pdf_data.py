"""The report JSON inside the PDF, as PDF/A-3 and Factur-X carry their data.

An embedded file stream (``/Type /EmbeddedFile /Subtype /application#2Fjson``)
behind a file specification with ``/AFRelationship /Data``, listed both in the
catalog's ``/AF`` array (the associated files of the document) and in its
``/Names /EmbeddedFiles`` name tree (what viewers show as attachments).  The
name and media type come from :mod:`disclosure_schema.embedded`, the contract
readers follow.

reportlab has no API for associated files, so the objects are added through
its ``pdfdoc`` classes when the first page is drawn; the catalog lists only
the keys it knows, so ``AF`` is added to the keys this one catalog writes.
"""

from __future__ import annotations

import hashlib
from typing import Any

from disclosure_schema import Report
from disclosure_schema import embedded as embedding


def attach(canvas: Any, report: Report) -> None:
    """Add the report JSON to the PDF being drawn on ``canvas`` (call once, on the first page)."""
    from reportlab.pdfbase import pdfdoc

    document = canvas._doc
    data = embedding.payload(report)
    params = pdfdoc.PDFDictionary({
        "Size": len(data),
        "CheckSum": pdfdoc.PDFString(hashlib.md5(data, usedforsecurity=False).digest(), enc="raw"),
    })
    stream = pdfdoc.PDFStream(
        pdfdoc.PDFDictionary({
            "Type": pdfdoc.PDFName("EmbeddedFile"),
            "Subtype": _name(embedding.MEDIA_TYPE),
            "Params": params,
        }),
        data,
        filters=[pdfdoc.PDFZCompress],
    )
    spec = pdfdoc.PDFDictionary({
        "Type": pdfdoc.PDFName("Filespec"),
        "F": pdfdoc.PDFString(embedding.FILE_NAME),
        "UF": pdfdoc.PDFString(embedding.FILE_NAME),
        "Desc": pdfdoc.PDFString("Report data (canonical JSON) / 报告数据"),
        "AFRelationship": pdfdoc.PDFName("Data"),
        "EF": pdfdoc.PDFDictionary({"F": document.Reference(stream), "UF": document.Reference(stream)}),
    })
    reference = document.Reference(spec)
    catalog = document.Catalog
    catalog.Names = pdfdoc.PDFDictionary({
        "EmbeddedFiles": pdfdoc.PDFDictionary({"Names": pdfdoc.PDFArray([pdfdoc.PDFString(embedding.FILE_NAME), reference])}),
    })
    catalog.AF = pdfdoc.PDFArray([reference])
    # the catalog writes only the keys in this list (a per-class attribute); extend it for this catalog only
    catalog.__NoDefault__ = [*type(catalog).__NoDefault__, "AF"]


def _name(text: str) -> str:
    """A PDF name; reportlab's ``PDFName`` leaves ``/`` unescaped, which would end the name."""
    from reportlab.pdfbase import pdfdoc

    return str(pdfdoc.PDFName(text.replace("/", "\x00"))).replace("#0", "#2F")
