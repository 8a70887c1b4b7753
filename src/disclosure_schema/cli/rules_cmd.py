"""``disclosure-schema rules --edition E``: print the arithmetic rules as data."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..rules import dumps_rules
from ..taxonomy import EDITIONS
from .common import EXIT_OK


def register(sub: Any) -> None:
    parser = sub.add_parser("rules", help="print the sum relations of an edition / 输出勾稽关系")
    parser.add_argument("--edition", choices=tuple(EDITIONS), required=True)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    sys.stdout.write(dumps_rules(args.edition))
    return EXIT_OK
