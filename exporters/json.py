"""The report as its canonical JSON: the same bytes for the same report, every time.

The core already defines the canonical form (:func:`disclosure_schema.dumps`);
this exporter only puts it behind the exporter interface, so ``export --to json``
writes the very file ``disclosure_schema.dump`` would.
"""

from __future__ import annotations

from typing import Any, BinaryIO

import disclosure_schema


class JsonExporter:
    """Writes ``disclosure_schema.dumps(report)`` as UTF-8; takes no options."""

    name = "json"
    suffix = ".json"
    media_type = "application/json"

    def export(self, report: disclosure_schema.Report, stream: BinaryIO, **options: Any) -> None:
        stream.write(disclosure_schema.dumps(report).encode("utf-8"))
