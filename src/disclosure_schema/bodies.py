"""Which government body a report is from: one rule for telling two names apart.

The roster, the roll-up check, the accepted findings, the copied-text check and
X1/X2 (which compare a body with *itself* a year earlier) all ask "is this the
same body?".  A report names its body in ``issuer`` (发布机关) as typed by a
clerk, so the comparison ignores what typing varies: full-width and half-width
forms (NFKC), white space anywhere, and a trailing 办公室/办公厅 is *not*
removed (the office of a government is a body of its own in the notices).
"""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")


def body_key(name: str) -> str:
    """The comparable form of a body's name: NFKC, no white space anywhere.

    ``body_key("某县 人民政府") == body_key("某县人民政府")``.
    """
    return _SPACE.sub("", unicodedata.normalize("NFKC", name))


def same_body(a: str | None, b: str | None) -> bool | None:
    """Whether two issuers name one body; ``None`` when either is unknown."""
    if not a or not b:
        return None
    return body_key(a) == body_key(b)
