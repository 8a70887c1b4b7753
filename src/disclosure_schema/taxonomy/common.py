"""What both editions print identically: sections, tables 三 and 四, R1-R4.

Every official label in the code base is typed in this file or in one of the
edition modules, once.
"""

from __future__ import annotations

from .concepts import (
    Column,
    Label,
    Layout,
    Per,
    Relation,
    Row,
    Section,
    Table,
    Term,
)

DESCRIPTIVE = "（文字描述）"

OVERVIEW = Section("overview", "一", "一、总体情况", hint=DESCRIPTIVE)
PROACTIVE = Section("proactive_disclosure", "二", "二、主动公开政府信息情况", table="proactive_disclosure")
REQUESTS = Section("requests", "三", "三、收到和处理政府信息公开申请情况", table="requests")
REVIEW = Section("review_and_litigation", "四", "四、政府信息公开行政复议、行政诉讼情况", table="review_and_litigation")
PROBLEMS = Section("problems_and_improvements", "五", "五、存在的主要问题及改进情况", hint=DESCRIPTIVE)
OTHER_MATTERS_HEADING = "六、其他需要报告的事项"

# Table 二: the parts the editions share.
ROW_HEADER = "信息内容"
ITEM_1 = Label("article_20_1", "第二十条第（一）项")
ITEM_5 = Label("article_20_5", "第二十条第（五）项")
ITEM_6 = Label("article_20_6", "第二十条第（六）项")
ITEM_8 = Label("article_20_8", "第二十条第（八）项")
REGULATIONS = Label("regulations", "规章")
LICENSING = Label("licensing", "行政许可")
PENALTIES = Label("penalties", "行政处罚")
COERCION = Label("coercion", "行政强制")
FEES = Label("fees", "行政事业性收费")

# Table 三.
APPLICANTS = "申请人情况"
ORGANISATIONS = "法人或其他组织"
REQUEST_COLUMNS = (
    Column("natural_person", "自然人", headers=(APPLICANTS,)),
    Column("commercial_enterprise", "商业企业", headers=(APPLICANTS, ORGANISATIONS)),
    Column("research_institution", "科研机构", headers=(APPLICANTS, ORGANISATIONS)),
    Column("public_interest_organization", "社会公益组织", headers=(APPLICANTS, ORGANISATIONS)),
    Column("legal_service_institution", "法律服务机构", headers=(APPLICANTS, ORGANISATIONS)),
    Column("other", "其他", headers=(APPLICANTS, ORGANISATIONS)),
    Column("total", "总计", headers=(APPLICANTS,)),
)
REQUESTS_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

RECEIVED = Label("received", "一、本年新收政府信息公开申请数量")
CARRIED_OVER = Label("carried_over", "二、上年结转政府信息公开申请数量")
RESULTS = Label("results", "三、本年度办理结果")
CARRIED_FORWARD = Label("carried_forward", "四、结转下年度继续办理")
OTHER_HANDLING = Label("other_handling", "（六）其他处理")
RESULTS_TOTAL = Label("total", "（七）总计")

_RESULT_GROUPS: tuple[tuple[Label, tuple[Label, ...]], ...] = (
    (Label("disclosed", "（一）予以公开"), ()),
    (Label("partially_disclosed", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"), ()),
    (
        Label("withheld", "（三）不予公开"),
        (
            Label("state_secret", "1.属于国家秘密"),
            Label("prohibited_by_law", "2.其他法律行政法规禁止公开"),
            Label("security_and_stability", "3.危及\u201c三安全一稳定\u201d"),
            Label("third_party_rights", "4.保护第三方合法权益"),
            Label("internal_affairs", "5.属于三类内部事务信息"),
            Label("process_information", "6.属于四类过程性信息"),
            Label("enforcement_files", "7.属于行政执法案卷"),
            Label("inquiry_matters", "8.属于行政查询事项"),
        ),
    ),
    (
        Label("unable_to_provide", "（四）无法提供"),
        (
            Label("not_held", "1.本机关不掌握相关政府信息"),
            Label("would_need_creating", "2.没有现成信息需要另行制作"),
            Label("unclear_after_correction", "3.补正后申请内容仍不明确"),
        ),
    ),
    (
        Label("not_processed", "（五）不予处理"),
        (
            Label("petitions_and_complaints", "1.信访举报投诉类申请"),
            Label("repeated", "2.重复申请"),
            Label("publications", "3.要求提供公开出版物"),
            Label("excessive_repeated", "4.无正当理由大量反复申请"),
            Label("confirm_or_reissue", "5.要求行政机关确认或重新出具已获取信息"),
        ),
    ),
)


def requests_table(other_handling: tuple[Label, ...]) -> Table:
    """Table 三; the editions differ only in whether （六）其他处理 has sub-rows."""
    columns = REQUEST_COLUMNS
    rows = [Row((RECEIVED,), columns), Row((CARRIED_OVER,), columns)]
    for group, leaves in _RESULT_GROUPS:
        if leaves:
            rows.extend(Row((RESULTS, group, leaf), columns) for leaf in leaves)
        else:
            rows.append(Row((RESULTS, group), columns))
    if other_handling:
        rows.extend(Row((RESULTS, OTHER_HANDLING, leaf), columns) for leaf in other_handling)
    else:
        rows.append(Row((RESULTS, OTHER_HANDLING), columns))
    rows.append(Row((RESULTS, RESULTS_TOTAL), columns))
    rows.append(Row((CARRIED_FORWARD,), columns))
    return Table("requests", "三", Layout.MATRIX, tuple(rows), note=REQUESTS_NOTE)


# Table 四.
OUTCOME_COLUMNS = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other", "其他结果"),
    Column("pending", "尚未审结"),
    Column("total", "总计"),
)
_LITIGATION = Label("litigation", "行政诉讼")
REVIEW_TABLE = Table(
    "review_and_litigation",
    "四",
    Layout.SINGLE_ROW,
    (
        Row((Label("administrative_review", "行政复议"),), OUTCOME_COLUMNS),
        Row((_LITIGATION, Label("direct", "未经复议直接起诉")), OUTCOME_COLUMNS),
        Row((_LITIGATION, Label("after_review", "复议后起诉")), OUTCOME_COLUMNS),
    ),
)

_ALL = "*"

RELATIONS = (
    Relation(
        id="R1",
        table="requests",
        per=Per.COLUMN,
        target=CARRIED_FORWARD.key,
        terms=(Term(RECEIVED.key), Term(CARRIED_OVER.key), Term(f"{RESULTS.key}/{RESULTS_TOTAL.key}", -1)),
        statement_zh=f"表三每一列：{RECEIVED.text} + {CARRIED_OVER.text} = {RESULTS_TOTAL.text} + {CARRIED_FORWARD.text}",
        statement_en=(
            "Table 3, each column: new requests + carried over from last year "
            "= total handled + carried forward to next year"
        ),
        printed=True,
    ),
    Relation(
        id="R2",
        table="requests",
        per=Per.COLUMN,
        target=f"{RESULTS.key}/{RESULTS_TOTAL.key}",
        terms=(Term(_ALL),),
        group=RESULTS.key,
        statement_zh=f"表三每一列：{RESULTS_TOTAL.text} = {RESULTS.text}下其余各行之和",
        statement_en="Table 3, each column: total handled = the sum of every outcome row (1) to (6)",
        computes_total=True,
    ),
    Relation(
        id="R3",
        table="requests",
        per=Per.ROW,
        target="total",
        terms=(Term(_ALL),),
        statement_zh=f"表三每一行：{REQUEST_COLUMNS[-1].text} = 其余六列之和",
        statement_en="Table 3, each row: total = natural persons + the five kinds of organisation",
        computes_total=True,
    ),
    Relation(
        id="R4",
        table="review_and_litigation",
        per=Per.ROW,
        target="total",
        terms=(Term(_ALL),),
        statement_zh="表四每一组："
        + " + ".join(c.text for c in OUTCOME_COLUMNS[:-1])
        + f" = {OUTCOME_COLUMNS[-1].text}",
        statement_en="Table 4, each group: total = upheld + corrected + other outcome + pending",
        computes_total=True,
    ),
    Relation(
        id="X1",
        table="requests",
        per=Per.COLUMN,
        target=CARRIED_OVER.key,
        terms=(Term(CARRIED_FORWARD.key, previous=True),),
        statement_zh=f"逐列：本年表三 {CARRIED_OVER.text} = 上年报告表三 {CARRIED_FORWARD.text}",
        statement_en="This year's carried-over requests = last year's carried-forward requests, column by column",
        cross_year=True,
    ),
)
"""R1-R4 and X1, identical in both editions; X2 belongs to 2021 alone."""

ALL = _ALL
