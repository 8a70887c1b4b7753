"""The 2019 edition: 国办公开办函〔2019〕60号, used for the 2019 and 2020 reports."""

from __future__ import annotations

from . import common as c
from .concepts import Column, Edition, Kind, Label, Layout, Row, Section, Table

_PREVIOUS_ITEMS = Column("previous_items", "上一年项目数量")
_CHANGE = Column("change", "本年增/减", Kind.SIGNED_COUNT)
_DECISIONS = Column("decisions", "处理决定数量")
_ITEM_COLUMNS = (_PREVIOUS_ITEMS, _CHANGE, _DECISIONS)
_DOCUMENT_COLUMNS = (
    Column("made", "本年新制作数量"),
    Column("published", "本年新公开数量"),
    Column("total_published", "对外公开总数量"),
)
_ITEM_9 = Label("article_20_9", "第二十条第（九）项")
_PROCUREMENT = Label("procurement", "政府集中采购")
_PROCUREMENT_COLUMNS = (
    Column("projects", "采购项目数量"),
    Column("amount", "采购总金额", Kind.MONEY, unit="元"),
)

PROACTIVE_TABLE = Table(
    "proactive_disclosure",
    "二",
    Layout.SUBTABLES,
    (
        Row((c.ITEM_1, c.REGULATIONS), _DOCUMENT_COLUMNS),
        Row((c.ITEM_1, Label("normative_documents", "规范性文件")), _DOCUMENT_COLUMNS),
        Row((c.ITEM_5, c.LICENSING), _ITEM_COLUMNS),
        Row((c.ITEM_5, Label("other_services", "其他对外管理服务事项")), _ITEM_COLUMNS),
        Row((c.ITEM_6, c.PENALTIES), _ITEM_COLUMNS),
        Row((c.ITEM_6, c.COERCION), _ITEM_COLUMNS),
        Row((c.ITEM_8, c.FEES), (_PREVIOUS_ITEMS, _CHANGE)),
        Row((_ITEM_9, _PROCUREMENT), _PROCUREMENT_COLUMNS),
    ),
    row_header=c.ROW_HEADER,
)

EDITION = Edition(
    id="2019",
    source="国办公开办函〔2019〕60号",
    title="中华人民共和国政府信息公开工作年度报告格式（试行）",
    first_year=2019,
    last_year=2020,
    sections=(
        c.OVERVIEW,
        c.PROACTIVE,
        c.REQUESTS,
        c.REVIEW,
        c.PROBLEMS,
        Section("other_matters", "六", c.OTHER_MATTERS_HEADING, hint=c.DESCRIPTIVE),
    ),
    tables=(PROACTIVE_TABLE, c.requests_table(()), c.REVIEW_TABLE),
    relations=c.RELATIONS,
    marker_labels=(_DOCUMENT_COLUMNS[0].text, _PREVIOUS_ITEMS.text, _ITEM_9.text, _PROCUREMENT.text),
)
