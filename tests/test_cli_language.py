"""The command line speaks one language per message: Chinese by default, English with --lang en."""

from __future__ import annotations

import re

import pytest

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
