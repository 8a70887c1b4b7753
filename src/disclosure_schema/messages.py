"""The sentences findings are told in, Chinese first, English on request.

Templates are keyed by finding code; ``{where}`` is the official location (or a
JSON pointer), ``{reported}`` and ``{computed}`` the numbers.
"""

from __future__ import annotations

from typing import Any

LANGUAGES = ("zh", "en")

TEMPLATES: dict[str, tuple[str, str]] = {
    "relation.mismatch": (
        "{where}：填报 {reported}，按 {rule}（{statement}）应为 {computed}",
        "{where}: reported {reported}, but {rule} ({statement}) gives {computed}",
    ),
    "relation.sides_differ": (
        "{where}：两边不相等：{left}，{right}（{rule}：{statement}）{blanks}",
        "{where}: the two sides of {rule} differ: {left}; {right} ({statement}){blanks}",
    ),
    "relation.not_checkable": (
        "{where}：无法核对 {rule}（{statement}）：{unread} 未能读取，数值未知",
        "{where}: {rule} ({statement}) cannot be checked: {unread} could not be read",
    ),
    "completeness.unread": (
        "{where}：{columns}未能读取，数值未知（不按 0 计，涉及的勾稽关系不作核对）",
        "{where}: {columns} could not be read (unknown, not counted as 0; relations involving them are not checked)",
    ),
    "cross_year.not_consecutive": (
        "上年报告的年度是 {previous_year} 年，本报告是 {year} 年，不是相邻两年，无法核对 X1/X2",
        "the previous report is for {previous_year} and this one for {year}: not consecutive, X1/X2 not checked",
    ),
    "domain.negative": (
        "{where}：填报 {reported}，数量和金额不能为负数",
        "{where}: reported {reported}; counts and amounts cannot be negative",
    ),
    "completeness.blank_cell": (
        "{where}：单元格空白，没有填数（无数据应填 0）",
        "{where}: the cell is blank (write 0 where there is nothing to report)",
    ),
    "completeness.missing_section": (
        "缺少第{number}部分“{heading}”",
        "section {number} ({heading}) is missing",
    ),
    "completeness.edition_year": (
        "{year} 年度报告应使用 {expected} 版格式，本报告使用 {edition} 版格式",
        "a {year} report should use the {expected} edition of the format; this one uses the {edition} edition",
    ),
    "completeness.statistics_period": (
        "统计期限为 {start} 至 {end}，应为 {year} 年 1 月 1 日至 12 月 31 日",
        "the statistics period {start} to {end} is not the calendar year {year}",
    ),
    "pattern.decisions_from_items": (
        "{where}：{reported} 恰好等于“{items} + {change}”，可能把本年项目数量填进了“{decisions}”栏",
        "{where}: {reported} equals {items} + {change}; this year's item count may have been entered as decisions",
    ),
    "shape.not_json": (
        "文件不是有效的 JSON：第 {line} 行第 {column} 列，{detail}",
        "not valid JSON: line {line}, column {column}: {detail}",
    ),
    "shape.not_utf8": (
        "文件不是 UTF-8 编码的文本（第 {line} 行第 {column} 个字节起）",
        "the file is not UTF-8 text (from line {line}, byte {column})",
    ),
    "shape.too_large": (
        "文件有 {size} 字节，超过上限 {limit} 字节，不像是一份年度报告",
        "the file has {size} bytes, over the limit of {limit}: not an annual report",
    ),
    "shape.content_too_large": (
        "文件内容有 {size} 字节（不计缩进），超过上限 {limit} 字节，不像是一份年度报告",
        "the file holds {size} bytes of content (indentation not counted), over the limit of {limit}: not an annual report",
    ),
    "shape.not_unicode": (
        "{where}：不是有效的 Unicode 文本（含孤立的代理项 {character}），无法写成任何正式文件",
        "{where}: not valid Unicode (a lone surrogate {character}); no official file could hold it",
    ),
    "shape.too_deep": ("JSON 嵌套层数超过 {limit} 层", "JSON nesting is deeper than {limit} levels"),
    "shape.duplicate_key": ("{where}：键“{key}”出现了不止一次", "{where}: key {key!r} occurs more than once"),
    "shape.not_object": (
        "{where}：应为 JSON 对象（{{…}}），实际为 {actual}",
        "{where}: expected a JSON object, got {actual}",
    ),
    "shape.not_array": (
        "{where}：应为 JSON 数组（[…]），实际为 {actual}",
        "{where}: expected a JSON array, got {actual}",
    ),
    "shape.missing": ("{where}：缺少必填项“{key}”{title}", "{where}: required property {key!r} is missing {title}"),
    "shape.not_a_report": (
        "{where}：不像年度报告 JSON：没有任何一张表（{tables}），成员多半不是报告的（{keys}）",
        "{where}: not like an annual report JSON: none of its tables ({tables}), and most members are not the report's ({keys})",
    ),
    "shape.unknown_key": ("{where}：不认识的键“{key}”", "{where}: unknown property {key!r}"),
    "shape.edition": (
        "{where}：格式版本 {reported} 未知，应为 {known} 之一",
        "{where}: unknown edition {reported}; expected one of {known}",
    ),
    "shape.not_count": (
        "{where}：应填整数，实际为 {actual} {reported}",
        "{where}: expected a whole number, got {actual} {reported}",
    ),
    "shape.not_money": (
        '{where}：金额应写成带引号的十进制数（如 "96171.6"），实际为 {actual} {reported}',
        '{where}: an amount must be a decimal string such as "96171.6", got {actual} {reported}',
    ),
    "shape.out_of_range": (
        "{where}：数值 {reported} 超出允许范围（绝对值不超过 {limit}）",
        "{where}: {reported} is out of range (magnitude at most {limit})",
    ),
    "shape.not_string": ("{where}：应为文字（字符串），实际为 {actual}", "{where}: expected a string, got {actual}"),
    "shape.not_date": (
        "{where}：日期应写成 YYYY-MM-DD，实际为 {reported}",
        "{where}: a date must be written YYYY-MM-DD, got {reported}",
    ),
    "shape.not_enum": ("{where}：{reported} 不是允许的值（{known}）", "{where}: {reported} is not one of {known}"),
    "shape.invalid": ("{where}：{detail}", "{where}: {detail}"),
    "shape.not_cell": (
        "{where}：{reported} 不是本版格式表格中的单元格（应为如 /requests/received/total 的 JSON 指针）",
        "{where}: {reported} is not a table cell of this edition (expected a JSON pointer such as /requests/received/total)",
    ),
    "shape.unknown_check": (
        "{where}：{reported} 不是 {edition} 版格式的勾稽关系核对项（见 rules-{edition}.json）",
        "{where}: {reported} is not a check of the {edition} edition (see rules-{edition}.json)",
    ),
    "shape.repeated_item": ("{where}：{reported} 重复出现", "{where}: {reported} occurs more than once"),
    "shape.no_check": (
        "{where}：未列出读取时用到的勾稽关系（至少一项）",
        "{where}: names no check used to settle the cell (at least one)",
    ),
    "shape.settled_unread": (
        "{where}：同一单元格不能既“按勾稽关系读出”又“未能读取”",
        "{where}: a cell cannot be both settled by a check and unread",
    ),
    "shape.unread_has_value": (
        "{where}：标为“未能读取”的单元格应为 null，实际填有 {reported}",
        "{where}: the cell is marked unread, so it must be null, but holds {reported}",
    ),
    "read.failed": ("无法读取：{detail}", "cannot read: {detail}"),
    # The reviewer's desk (issue 13): text checks and the previous report's applicability.
    "text.repeated_from_previous": (
        "“{heading}”有 {share} 的文字与 {previous_year} 年报告相同或几乎相同（{repeated}/{counted} 句），"
        "达到 {threshold} 的提示线；通知要求不得“年年雷同”",
        "{heading}: {share} of the text repeats the {previous_year} report ({repeated} of {counted} sentences), "
        "at or above the {threshold} threshold; the notices forbid repeating it year after year",
    ),
    "text.overview_too_long": (
        "“{heading}”有 {reported} 字，〔2021〕30号通知要求篇幅原则上不超过一千字（{limit} 字）",
        "{heading} has {reported} characters; notice 〔2021〕30 asks for at most about {limit}",
    ),
    "shape.schema_edition": (
        "{where}：$schema 为 {reported}，与格式版本 {edition} 不符，应为 {expected}",
        "{where}: $schema is {reported}, which does not match edition {edition}; expected {expected}",
    ),
    "cross_year.other_body": (
        "上年报告的发布机关是“{previous_issuer}”，本报告是“{issuer}”，不是同一机关，无法核对 X1/X2",
        "the previous report is by {previous_issuer!r} and this one by {issuer!r}: not the same body, X1/X2 not checked",
    ),
    "completeness.empty_tables": (
        "表二、表三、表四的单元格全部空白：这是没有填写的模板，不是一份 {year} 年度报告，请先填数（无数据填 0）",
        "every cell of tables 二, 三 and 四 is blank: this is an unfilled template, not a {year} report; "
        "fill in the figures (0 where there is nothing)",
    ),
    "completeness.no_issuer": (
        "缺少发布机关和标题：正式文件必须写明由哪个机关发布（导出正式文件前请填写）",
        "neither issuing body nor title: an official report must name who publishes it (needed to export)",
    ),
    "text.control_character": (
        "{place}：第 {position} 个字符是控制字符 {character}（共 {count} 个），看不见也打印不出，"
        "导出 XLSX、DOCX、PDF 时删去（JSON 照原样保留）",
        "{place}: character {position} is the control character {character} ({count} in all), "
        "invisible and unprintable; XLSX, DOCX and PDF exports leave it out (JSON keeps it)",
    ),
    "text.bidi_control": (
        "{place}：第 {position} 个字符是双向文字控制符 {character}（共 {count} 个），会打乱文字显示的先后顺序，"
        "导出 XLSX、DOCX、PDF 时删去（JSON 照原样保留）",
        "{place}: character {position} is the bidi control {character} ({count} in all), "
        "which can reorder how the text is shown; XLSX, DOCX and PDF exports leave it out (JSON keeps it)",
    ),
    "completeness.empty_section": (
        "第{number}部分“{heading}”没有内容",
        "section {number} ({heading}) is empty",
    ),
}

TYPE_NAMES = {
    "zh": {
        "str": "文字",
        "int": "整数",
        "float": "小数",
        "bool": "布尔值",
        "NoneType": "null",
        "dict": "对象",
        "list": "数组",
        "Decimal": "小数",
    },
    "en": {
        "str": "string",
        "int": "integer",
        "float": "number",
        "bool": "boolean",
        "NoneType": "null",
        "dict": "object",
        "list": "array",
        "Decimal": "number",
    },
}


def render(code: str, lang: str, **params: Any) -> str:
    """The message for a finding code in ``lang`` (``zh`` or ``en``).

    A parameter given as a ``(zh, en)`` pair is taken in the message's language.
    """
    index = 1 if lang == "en" else 0
    template = TEMPLATES.get(code) or TEMPLATES.get(_family(code, params)) or ("{where}：{code}", "{where}: {code}")
    params.setdefault("code", code)
    if "actual" in params:
        params["actual"] = TYPE_NAMES["en" if index else "zh"].get(params["actual"], params["actual"])
    for key, value in params.items():
        if isinstance(value, tuple) and len(value) == 2:
            params[key] = value[index]
    return template[index].format_map(_Defaulting(params))


def _family(code: str, params: dict[str, Any]) -> str:
    if code.endswith(".mismatch"):
        return "relation.sides_differ" if "left" in params else "relation.mismatch"
    if code.endswith(".not_checkable"):
        return "relation.not_checkable"
    return code


class _Defaulting(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""
