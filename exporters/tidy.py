"""Long ("tidy") tables: one row per cell, for pandas, R, DuckDB, Excel pivot tables.

Every cell of tables 二, 三 and 四 becomes one row that names its report (issuer,
year, edition), its place (table, row and column, by stable key and by official
label, and its JSON pointer) and its value; many reports stack into one table.
Labels come from the taxonomy.  With ``indicators=True`` each report's indicators
(公开率 …, defined once in the taxonomy) follow its cells as rows of table 指标.  ``export`` writes one report; ``export_many``
streams any number of them, holding one report at a time.

CSV is UTF-8 with a byte-order mark so that Excel shows Chinese correctly, and
text that a spreadsheet would take for a formula (``=`` ``+`` ``-`` ``@`` tab,
CR first) is prefixed with ``'``.  ``cell_status`` tells a published blank from a
cell the reader could not read (both have no value).  Parquet keeps blank cells as nulls and every
value as ``decimal128(38, 12)``, so counts and 万元 amounts share one exact column.
"""

from __future__ import annotations

import csv
import decimal
import io
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any, BinaryIO

from disclosure_schema import Report
from disclosure_schema.indicators import indicator_value
from disclosure_schema.plugins import PluginError
from disclosure_schema.taxonomy import Cell
from disclosure_schema.taxonomy.indicators import INDICATORS

COLUMNS = (
    "issuer",
    "year",
    "edition",
    "table",
    "table_key",
    "row_key",
    "row_label",
    "column_key",
    "column_label",
    "unit",
    "value",
    "pointer",
    "cell_status",
)
"""The columns of the long table, in order."""

CELL_STATUSES = ("printed", "settled", "blank", "unread", "computed")
"""``cell_status`` values: a figure read as printed; a figure read by settling run-together digits with
the report's own relations; a cell the report leaves blank (published blank, counts as 0); a cell the
reader could not read (value unknown, empty like a blank -- this column tells them apart); an indicator
computed from the cells (indicator rows only)."""

LABEL_SEPARATOR = " / "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
VALUE_PRECISION = 38
VALUE_SCALE = 12
"""Money in the format has at most 12 decimals (see the JSON Schema's money pattern)."""


def row_label(cell: Cell) -> str:
    """The full path of the cell's row, e.g. ``三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密``."""
    return LABEL_SEPARATOR.join(node.text for node in cell.row.path)


def column_label(cell: Cell) -> str:
    """The column with the headers spanning it (table 三: ``申请人情况 / 法人或其他组织 / 商业企业``)."""
    return LABEL_SEPARATOR.join((*cell.column.headers, cell.column.text))


def cell_status(report: Report, cell: Cell, value: object) -> str:
    """One of :data:`CELL_STATUSES` for ``cell`` of ``report`` holding ``value``."""
    reading = report.reading
    if value is None:
        return "unread" if reading.unread and cell.pointer in reading.unread else "blank"
    return "settled" if reading.settled and cell.pointer in reading.settled else "printed"


def cells(report: Report) -> Iterator[tuple[Cell, dict[str, Any]]]:
    """Each cell of the report with its row of the long table (values as in the model)."""
    for cell, value in report.values():
        yield cell, {
            "issuer": report.issuer,
            "year": report.year,
            "edition": report.edition,
            "table": cell.table.number,
            "table_key": cell.table.key,
            "row_key": cell.row.key,
            "row_label": row_label(cell),
            "column_key": cell.column.key,
            "column_label": column_label(cell),
            "unit": cell.column.unit,
            "value": value,
            "pointer": cell.pointer,
            "cell_status": cell_status(report, cell, value),
        }


INDICATOR_TABLE = "indicators"
"""``table_key`` of the indicator rows (``indicators=True``); their ``table`` is 指标."""


def indicator_rows(report: Report) -> Iterator[dict[str, Any]]:
    """One row per indicator of the report (docs/reference/indicators.md), after its cells."""
    for indicator in INDICATORS:
        value = indicator_value(indicator, report)
        yield {
            "issuer": report.issuer,
            "year": report.year,
            "edition": report.edition,
            "table": "指标",
            "table_key": INDICATOR_TABLE,
            "row_key": indicator.key,
            "row_label": indicator.label_zh,
            "column_key": "ratio",
            "column_label": "比率",
            "unit": "ratio",
            "value": value,
            "pointer": f"#indicator/{indicator.key}",
            "cell_status": "blank" if value is None else "computed",
        }


def rows(report: Report, *, indicators: bool = False) -> Iterator[dict[str, Any]]:
    """The long table's rows of one report: its cells, then (when asked) its indicators."""
    for _, row in cells(report):
        yield row
    if indicators:
        yield from indicator_rows(report)


def safe_text(text: str) -> str:
    """Text a spreadsheet will not evaluate: a leading formula character gets a ``'`` before it."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv_field(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):  # never in a report; kept out of the int branch on principle
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    return safe_text(str(value))


class TidyCsvExporter:
    """One row per cell as CSV (UTF-8 with BOM, formula-safe)."""

    name = "csv"
    suffix = ".csv"
    media_type = "text/csv"

    def export(self, report: Report, stream: BinaryIO, **options: Any) -> None:
        self.export_many([report], stream, **options)

    def export_many(self, reports: Iterable[Report], stream: BinaryIO, **options: Any) -> int:
        """Write every report's cells under one header; returns the number of rows written."""
        text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="", write_through=False)
        try:
            writer = csv.writer(text, lineterminator="\r\n")
            writer.writerow(COLUMNS)
            count = 0
            with_indicators = bool(options.get("indicators"))
            for report in reports:
                for row in rows(report, indicators=with_indicators):
                    writer.writerow([_csv_field(row[column]) for column in COLUMNS])
                    count += 1
            text.flush()
        finally:
            text.detach()
        return count


class TidyParquetExporter:
    """One row per cell as Parquet; needs pyarrow (``pip install 'disclosure-schema[parquet]'``)."""

    name = "parquet"
    suffix = ".parquet"
    media_type = "application/vnd.apache.parquet"
    batch_rows = 64 * 1024
    """Rows per row group: a few hundred reports, so memory stays bounded however many are written."""

    def export(self, report: Report, stream: BinaryIO, **options: Any) -> None:
        self.export_many([report], stream, **options)

    def export_many(self, reports: Iterable[Report], stream: BinaryIO, **options: Any) -> int:
        """Write every report's cells, a row group at a time; returns the number of rows written."""
        pa, pq = _pyarrow()
        schema = pa.schema(
            [
                ("issuer", pa.string()),
                ("year", pa.int16()),
                ("edition", pa.string()),
                ("table", pa.string()),
                ("table_key", pa.string()),
                ("row_key", pa.string()),
                ("row_label", pa.string()),
                ("column_key", pa.string()),
                ("column_label", pa.string()),
                ("unit", pa.string()),
                ("value", pa.decimal128(VALUE_PRECISION, VALUE_SCALE)),
                ("pointer", pa.string()),
                ("cell_status", pa.string()),
            ]
        )
        quantum = Decimal(1).scaleb(-VALUE_SCALE)
        exact = decimal.Context(prec=VALUE_PRECISION)
        count = 0
        with_indicators = bool(options.get("indicators"))
        with pq.ParquetWriter(stream, schema) as writer:
            batch: dict[str, list[Any]] = {column: [] for column in COLUMNS}
            for report in reports:
                for row in rows(report, indicators=with_indicators):
                    for column in COLUMNS:
                        value = row[column]
                        if column == "value" and value is not None:
                            value = Decimal(value).quantize(quantum, context=exact)
                        batch[column].append(value)
                    count += 1
                if len(batch["pointer"]) >= self.batch_rows:
                    writer.write_table(pa.table(batch, schema=schema))
                    batch = {column: [] for column in COLUMNS}
            if batch["pointer"] or count == 0:
                writer.write_table(pa.table(batch, schema=schema))
        return count


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise PluginError(
            "the parquet exporter needs pyarrow, which is not installed; "
            "install it with: pip install 'disclosure-schema[parquet]'"
        ) from exc
    return pa, pq
