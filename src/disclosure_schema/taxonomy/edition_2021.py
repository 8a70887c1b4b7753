"""The 2021 edition: 国办公开办函〔2021〕30号, used for the reports from 2021 on."""

from __future__ import annotations

from . import common as c
from .concepts import Column, Edition, Kind, Label, Layout, Level, Per, Relation, Row, Section, Table, Term

_DECISIONS = (Column("decisions", "本年处理决定数量"),)
_ISSUED = Column("issued", "本年制发件数")
_REPEALED = Column("repealed", "本年废止件数")
_IN_FORCE = Column("in_force", "现行有效件数")
_FEE_AMOUNT = Column("amount", "本年收费金额（单位：万元）", Kind.MONEY, unit="万元")
_OTHER_HANDLING_ROWS = (
    Label("no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    Label("fee_unpaid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    Label("other", "3.其他"),
)

PROACTIVE_TABLE = Table(
    "proactive_disclosure",
    "二",
    Layout.SUBTABLES,
    (
        Row((c.ITEM_1, c.REGULATIONS), (_ISSUED, _REPEALED, _IN_FORCE)),
        Row((c.ITEM_1, Label("normative_documents", "行政规范性文件")), (_ISSUED, _REPEALED, _IN_FORCE)),
        Row((c.ITEM_5, c.LICENSING), _DECISIONS),
        Row((c.ITEM_6, c.PENALTIES), _DECISIONS),
        Row((c.ITEM_6, c.COERCION), _DECISIONS),
        Row((c.ITEM_8, c.FEES), (_FEE_AMOUNT,)),
    ),
    row_header=c.ROW_HEADER,
)

STOCK = Relation(
    id="X2",
    table="proactive_disclosure",
    per=Per.ROW,
    target=_IN_FORCE.key,
    terms=(Term(_IN_FORCE.key, previous=True), Term(_ISSUED.key), Term(_REPEALED.key, -1)),
    statement_zh=f"{_IN_FORCE.text} = 上年报告的{_IN_FORCE.text} + {_ISSUED.text} − {_REPEALED.text}（仅供参考）",
    statement_en="Documents in force = last year's in force + issued this year - repealed this year (plausibility only)",
    level=Level.WARNING,
    cross_year=True,
)

EDITION = Edition(
    id="2021",
    source="国办公开办函〔2021〕30号",
    title="中华人民共和国政府信息公开工作年度报告格式",
    first_year=2021,
    last_year=None,
    sections=(
        c.OVERVIEW,
        c.PROACTIVE,
        c.REQUESTS,
        c.REVIEW,
        c.PROBLEMS,
        Section("other_matters", "六", c.OTHER_MATTERS_HEADING, hint="（文字描述，收取信息处理费情况在此处报告。）"),
    ),
    tables=(PROACTIVE_TABLE, c.requests_table(_OTHER_HANDLING_ROWS), c.REVIEW_TABLE),
    relations=(*c.RELATIONS, STOCK),
    marker_labels=(_ISSUED.text, _FEE_AMOUNT.text.split("（")[0], *(label.text for label in _OTHER_HANDLING_ROWS[:2])),
)
