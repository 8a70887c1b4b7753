"""The command line speaks one language per message: Chinese by default, English with --lang en."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT

from disclosure_schema.cli import main
from disclosure_schema.cli.language import in_language, usage_line

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize(("text", "zh", "en"), [
    ("-o out: 目录不存在 (no such directory)", "-o out: 目录不存在", "-o out: no such directory"),
    ("请指定 --edition 或 --previous (give --edition or --previous)", "请指定 --edition 或 --previous",
     "give --edition or --previous"),
    ("文件不存在 (no such file)", "文件不存在", "no such file"),
    ("only English here", "only English here", "only English here"),
    ("只有中文", "只有中文", "只有中文"),
    ("报告(2024).json: 文件不存在 (no such file)", "报告(2024).json: 文件不存在", "报告(2024).json: no such file"),
    ("/a/b.json: 无法读取，权限不足 (cannot be read: permission denied)", "/a/b.json: 无法读取，权限不足",
     "/a/b.json: cannot be read: permission denied"),
])
def test_a_bilingual_message_is_cut_to_one_language(text: str, zh: str, en: str) -> None:
    assert in_language(text, "zh") == zh
    assert in_language(text, "en") == en


def test_argparse_messages_are_given_in_chinese_and_name_the_help() -> None:
    line = usage_line("the following arguments are required: PATH", "zh", "validate")
    assert line == "用法错误：缺少必需的参数：PATH（用法见 disclosure-schema validate --help）"
    assert usage_line("unrecognized arguments: --x", "en") == \
        "usage error: unrecognized arguments: --x (see disclosure-schema --help)"


@pytest.mark.parametrize("argv", [["validate"], ["validate", "x.json", "--format", "bad"], ["nosuch"],
                                  ["template", "-o", "x.txt", "--edition", "2021"]])
def test_usage_errors_on_the_command_line(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    chinese = capsys.readouterr().err.strip()
    assert chinese.startswith("用法错误：") and "usage error" not in chinese and "(" not in chinese
    assert main([*argv, "--lang", "en"]) == 2
    english = capsys.readouterr().err.strip()
    assert english.startswith("usage error: ") and not CJK.search(english.split("(see")[0].replace("'", ""))


def test_a_file_that_cannot_be_opened_is_named_in_one_language(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "/nonexistent/report.json"]) == 2
    assert capsys.readouterr().err.strip() == "/nonexistent/report.json: 文件不存在"
    assert main(["validate", "/nonexistent/report.json", "--lang", "en"]) == 2
    assert capsys.readouterr().err.strip() == "/nonexistent/report.json: no such file"


@pytest.mark.parametrize("argv", [
    ["export", "/nonexistent/report.json", "--to", "json"],  # the file named, as validate names it
    ["export", "examples/huaian-2024.json", "--to", "nosuch"],  # the exporters installed, in one language
    ["validate", "/nonexistent/report.json", "--format", "csv"],  # the issue list's missing input
])
def test_export_and_the_issue_list_name_a_problem_in_one_language(
    argv: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    argv = [*argv, "-o", str(tmp_path / ("issues.csv" if argv[0] == "validate" else "out"))]
    assert main(argv) == 2
    chinese = capsys.readouterr().err
    assert CJK.search(chinese) and not re.search(r"\b(no such|unknown|installed)\b", chinese), chinese
    assert main([*argv, "--lang", "en"]) == 2
    english = capsys.readouterr().err
    assert not CJK.search(english.replace(str(tmp_path), "")), english


def test_an_exporters_failure_and_warning_are_told_in_one_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from disclosure_schema_exporters.pdf import MissingGlyphs

    data = json.loads((ROOT / "examples" / "huaian-2024.json").read_text(encoding="utf-8"))
    data["sections"]["overview"]["blocks"][0]["text"] = "长" * 32768  # over Excel's limit for one cell
    report = tmp_path / "r.json"
    report.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = str(tmp_path / "out")
    assert main(["export", str(report), "--to", "xlsx", "-o", out]) == 2
    chinese = capsys.readouterr().err
    assert "Excel 单元格上限" in chinese and "Excel's limit" not in chinese
    assert main(["export", str(report), "--to", "xlsx", "-o", out, "--lang", "en"]) == 2
    english = capsys.readouterr().err
    assert "Excel's limit" in english and not CJK.search(english.replace(str(tmp_path), "")), english
    # a control character is left out of the workbook with a warning, told in one language too
    data["sections"]["overview"]["blocks"][0]["text"] = "响铃\x07字符"
    report.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["export", str(report), "--to", "xlsx", "-o", out]) == 0
    chinese = capsys.readouterr().err
    assert "警告：第一部分第1段中第 3 个字符起共 1 个控制字符（U+0007 等）无法如实打印，已删去" in chinese
    assert "left out" not in chinese
    assert main(["export", str(report), "--to", "xlsx", "-o", out, "--lang", "en"]) == 0
    english = capsys.readouterr().err
    assert "warning: field /sections/overview/blocks/0/text: left out 1 control character, the first U+0007" in english
    assert not CJK.search(english.replace(str(tmp_path), "")), english
    warning = str(MissingGlyphs("/issuer", "\U00020000"))  # what export prints after 警告：/ warning:
    assert in_language(warning, "zh").startswith("发布机关中的字符") and "installed font" not in in_language(warning, "zh")
    assert in_language(warning, "en") == "no installed font has U+20000 of field issuer"


def test_the_help_is_headed_in_chinese_too(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["validate", "--help"])
    text = capsys.readouterr().out
    assert text.startswith("用法 usage: disclosure-schema validate")
    assert "选项 options:" in text and "显示本帮助并退出" in text
