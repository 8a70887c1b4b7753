"""One language per message on the command line: Chinese for the clerk, English with ``--lang en``.

Why: many of the command line's own messages are written once as ``中文 (English)`` so that either
reader understands them; a clerk who reads Chinese should see the Chinese alone, and ``--lang en``
the English alone.  argparse's own messages (a missing argument, an unknown option) are English
templates; the common ones are given in Chinese here, the rest pass unchanged.
"""

from __future__ import annotations

import re

__all__ = ["in_language", "usage_line"]

_BILINGUAL = re.compile(r"^(?P<zh>.*[\u3000-\u9fff\uff00-\uffef].*?)\s*\((?P<en>[^\u3000-\u9fff\uff00-\uffef()]*)\)(?P<tail>[^()]*)$",
                        re.DOTALL)
"""A message ending in ``(English)`` after Chinese: ``目录不存在 (no such directory)``."""

_ARGPARSE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^the following arguments are required: (.*)$"), r"缺少必需的参数：\1"),
    (re.compile(r"^unrecognized arguments: (.*)$"), r"无法识别的参数：\1"),
    (re.compile(r"^argument (.*?): invalid choice: (.*?) \(choose from (.*)\)$"), r"参数 \1 的值 \2 无效，可选：\3"),
    (re.compile(r"^argument (.*?): expected one argument$"), r"参数 \1 需要一个值"),
    (re.compile(r"^argument (.*?): expected at least one argument$"), r"参数 \1 至少需要一个值"),
    (re.compile(r"^argument (.*?): invalid (int|float) value: (.*)$"), r"参数 \1 的值 \3 不是数字"),
    (re.compile(r"^argument (.*?): not allowed with argument (.*)$"), r"参数 \1 不能与 \2 同时使用"),
    (re.compile(r"^one of the arguments (.*) is required$"), r"参数 \1 须给出其中之一"),
    (re.compile(r"^argument (.*?): ignored explicit argument (.*)$"), r"参数 \1 不接受值 \2"),
    (re.compile(r"^ambiguous option: (.*?) could match (.*)$"), r"选项 \1 不明确，可能是 \2"),
)


def in_language(text: str, lang: str) -> str:
    """``text`` in one language: a ``中文 (English)`` message reduced to the part ``lang`` asks for.

    A message in one language only is returned as it is.
    """
    match = _BILINGUAL.match(text)
    if match is None:
        return text
    if lang == "en":
        head = re.match(r"^([^\u3000-\u9fff\uff00-\uffef]*?)(?=[\u3000-\u9fff\uff00-\uffef])", match["zh"])
        prefix = head.group(1) if head else ""  # a file name or option before the Chinese words
        return f"{prefix}{match['en'].strip()}{match['tail']}"
    return f"{match['zh'].rstrip()}{match['tail']}"


def usage_line(message: str, lang: str, command: str | None = None) -> str:
    """The line for a usage error: argparse's templates in Chinese, bilingual messages in one language,
    and where to look for the usage."""
    if lang != "en":
        for pattern, chinese in _ARGPARSE:
            if pattern.match(message):
                message = pattern.sub(chinese, message)
                break
    message = in_language(message, lang)
    where = f"disclosure-schema {command} --help" if command else "disclosure-schema --help"
    if lang == "en":
        return f"usage error: {message} (see {where})"
    return f"用法错误：{message}（用法见 {where}）"
