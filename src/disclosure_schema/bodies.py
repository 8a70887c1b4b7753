"""Which government body a report is from: one rule for telling two names apart.

The roster, the roll-up check, the accepted findings, the copied-text check and
X1/X2 (which compare a body with *itself* a year earlier) all ask "is this the
same body?".  A report names its body in ``issuer`` (发布机关) as typed by a
clerk, so the comparison ignores what typing varies: full-width and half-width
forms (NFKC) and white space anywhere.  Real reports also name one body with and
without the region above it: 洪泽区 published its 2023 report as 洪泽区人民政府
and its 2024 report as 淮安市洪泽区人民政府.  So two names are also the same body
when one ends with the other, the shorter has at least :data:`MIN_SUFFIX`
characters, and what the longer adds in front ends with the name of a level of
administrative region (:data:`REGION_ENDINGS`).  Telling such a pair apart would
make X1 fail as "another body" on a report that is right.
"""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
MIN_SUFFIX = 4
"""The shorter name must have this many characters to match a longer one by its ending."""
REGION_ENDINGS = ("省", "市", "州", "盟", "县", "区", "旗")
"""What a region's name ends with (自治区, 地区 and 市辖区 end with 区)."""


def body_key(name: str) -> str:
    """The comparable form of a body's name: NFKC, no white space anywhere.

    ``body_key("某县 人民政府") == body_key("某县人民政府")``.
    """
    return _SPACE.sub("", unicodedata.normalize("NFKC", name))


def keys_match(a: str, b: str) -> bool:
    """Whether two :func:`body_key` forms name one body (equal, or one is the other with its region in front)."""
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) < MIN_SUFFIX or not longer.endswith(shorter):
        return False
    return longer[: len(longer) - len(shorter)].endswith(REGION_ENDINGS)


def same_body(a: str | None, b: str | None) -> bool | None:
    """Whether two issuers name one body; ``None`` when either is unknown."""
    if not a or not b:
        return None
    return keys_match(body_key(a), body_key(b))
