"""``disclosure-schema schema --edition E``: print the published JSON Schema."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..schema import dumps_schema
from ..taxonomy import EDITIONS
from .common import EXIT_OK


def register(sub: Any) -> None:
    parser = sub.add_parser("schema", help="print the JSON Schema of an edition / 输出 JSON Schema")
    parser.add_argument("--edition", choices=tuple(EDITIONS), required=True)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    sys.stdout.write(dumps_schema(args.edition))
    return EXIT_OK
