"""Build a report in code, check it, and save it as JSON.

Run:  .venv/bin/python examples/build_report.py [out.json]     (--help for the usage)

A department's 2024 report: a few requests, one review case. The totals are
computed from the detail cells, then the checker confirms every relation holds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from decimal import Decimal

import disclosure_schema as ds


def build() -> ds.Report:
    report = ds.Report.empty(
        "2021",
        2024,
        issuer="某市某局",
        title="某市某局2024年政府信息公开工作年度报告",
        statistics_period=ds.Period(dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        contact=ds.Contact(office="某市某局办公室", phone="0000-00000000"),
        sections={
            "overview": ds.Section(blocks=(ds.Block("（一）主动公开情况", ds.BlockKind.HEADING), ds.Block("全年主动公开信息 120 条。"))),
            "problems_and_improvements": ds.Section(blocks=(ds.Block("政策解读形式仍需丰富。"),)),
            "other_matters": ds.Section(blocks=(ds.Block("本年度未收取信息处理费。"),)),
        },
    )
    report = report.with_cells(
        {
            "/proactive_disclosure/article_20_1/normative_documents/issued": 3,
            "/proactive_disclosure/article_20_1/normative_documents/in_force": 41,
            "/proactive_disclosure/article_20_5/licensing/decisions": 1520,
            "/proactive_disclosure/article_20_8/fees/amount": Decimal("12.5"),
            "/requests/received/natural_person": 9,
            "/requests/received/commercial_enterprise": 2,
            "/requests/carried_over/natural_person": 1,
            "/requests/results/disclosed/natural_person": 6,
            "/requests/results/partially_disclosed/commercial_enterprise": 2,
            "/requests/results/unable_to_provide/not_held/natural_person": 3,
            "/requests/carried_forward/natural_person": 1,
            "/review_and_litigation/administrative_review/upheld": 1,
        }
    )
    return ds.fill_totals(report)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="build_report.py",
        description="Build a department's 2024 report in code, check it, and save it as JSON "
        "(在代码中构建一份年度报告，校验后保存为 JSON).",
    )
    parser.add_argument("output", nargs="?", default="built-report.json", metavar="out.json",
                        help="where to write the report (default: built-report.json)")
    args = parser.parse_args(argv)
    report = build()
    findings = ds.check(report)
    for finding in findings:
        print(finding.message())
    if any(f.level is ds.Level.ERROR for f in findings):
        return 1
    target = args.output
    ds.dump(report, target)
    print(f"已写入 {target}：{report.requests.get('results/total', 'total')} 件申请已办结，所有勾稽关系成立。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
