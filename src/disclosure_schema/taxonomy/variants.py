"""Label variants seen in real reports: data beside the declaration, not code in the readers.

Like XBRL's variant label roles, each entry says "this wording, printed in a real report, stands for
that official label".  The readers apply these entries (after their own layout normalisation:
widths, spaces, numbering, quotes) and tell the user, in a reading note, which official label a
variant was read as.  Nothing here changes what the format is; a report that prints a variant is
read, never silently corrected.

Two kinds of entry:

* :class:`FragmentVariant` -- a piece of wording replaced inside any label or heading (typos such
  as ``行政法复议``, ``三类内容事务信息``, reworded heading tails);
* :class:`LabelVariant` -- a whole label printed in place of another, only in one edition (the
  2019 row label ``规范性文件`` printed under the 2021 columns, where the row is
  ``行政规范性文件``).

Sources: format.md ("Label variants seen in real reports", "Heading variants") and the cases cut
from published reports in the reference material.
"""

from __future__ import annotations

import attrs

from . import edition_2019, edition_2021

__all__ = ["FRAGMENT_VARIANTS", "LABEL_VARIANTS", "FragmentVariant", "LabelVariant"]


@attrs.frozen
class FragmentVariant:
    """``printed`` occurring inside a label stands for ``official`` (both as printed, full width)."""

    printed: str
    official: str
    seen: str
    """Where the variant was seen."""


@attrs.frozen
class LabelVariant:
    """A whole label ``printed`` that stands for the official label ``official`` of ``edition``."""

    edition: str
    printed: str
    official: str
    seen: str


FRAGMENT_VARIANTS: tuple[FragmentVariant, ...] = (
    FragmentVariant("只计这一情况", "只计这一情形", "format.md: table 三 label variants"),
    FragmentVariant("三类内容事务信息", "三类内部事务信息", "format.md: table 三 label variants (typo)"),
    FragmentVariant("行政法复议", "行政复议", "format.md: heading variants (typo 四、政府信息公开行政法复议、行政诉讼情况)"),
    FragmentVariant("主动公开政府信息的情况", "主动公开政府信息情况", "format.md: heading variants"),
    FragmentVariant("政府信息公开工作存在的主要问题", "存在的主要问题", "format.md: heading variants"),
    FragmentVariant("存在的主要问题及整改措施", "存在的主要问题及改进情况", "published reports: 五、存在的主要问题及整改措施"),
    FragmentVariant("存在的主要问题及整改情况", "存在的主要问题及改进情况", "published reports: 五、存在的主要问题及整改情况"),
    FragmentVariant("收到和处理政府信息公开申请的情况", "收到和处理政府信息公开申请情况", "published reports"),
    FragmentVariant("行政复议、行政诉讼的情况", "行政复议、行政诉讼情况", "published reports"),
    FragmentVariant("其它需要报告的事项", "其他需要报告的事项", "published reports: 其它 for 其他"),
    FragmentVariant("其它处理", "其他处理", "published reports: 其它 for 其他"),
)

_2019_NORMATIVE = edition_2019.PROACTIVE_TABLE.rows[1].path[-1].text
_2021_NORMATIVE = edition_2021.PROACTIVE_TABLE.rows[1].path[-1].text

LABEL_VARIANTS: tuple[LabelVariant, ...] = (
    LabelVariant(
        "2021",
        _2019_NORMATIVE,
        _2021_NORMATIVE,
        "reference case label-guifanxing-wenjian: the 2019 row label printed under the 2021 columns",
    ),
)
