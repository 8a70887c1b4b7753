"""``disclosure-schema exporters``: the installed exporters, ours and third parties' alike.

Lists each entry point of the group ``disclosure_schema.exporters`` with its
suffix and media type; an exporter whose optional dependency is missing is
listed with the install command instead, so the listing itself never fails.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..plugins import EXPORTERS_GROUP, PluginError, entry_point_targets, get_exporter
from .common import EXIT_OK


def register(sub: Any) -> None:
    parser = sub.add_parser("exporters", help="list installed exporters / 列出已安装的导出格式")
    parser.add_argument("--format", choices=("text", "json"), default="text", dest="output_format")
    parser.set_defaults(run=run)


def listing() -> list[dict[str, str]]:
    """One entry per installed exporter: name, suffix, media type, entry-point target, and a problem if any."""
    rows = []
    for name, target in sorted(entry_point_targets(EXPORTERS_GROUP).items()):
        row = {"name": name, "suffix": "", "media_type": "", "target": target}
        try:
            exporter = get_exporter(name)
            row["suffix"], row["media_type"] = exporter.suffix, exporter.media_type
        except PluginError as exc:
            row["problem"] = str(exc)
        rows.append(row)
    return rows


def run(args: argparse.Namespace) -> int:
    rows = listing()
    if args.output_format == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    widths = {key: max((len(row[key]) for row in rows), default=0) for key in ("name", "suffix", "media_type")}
    for row in rows:
        line = "  ".join([*(row[key].ljust(width) for key, width in widths.items()), row["target"]])
        print(line.rstrip() if "problem" not in row else f"{line}  [{row['problem']}]")
    return EXIT_OK
