"""Finding and registering the CJK TrueType fonts the PDF is set in.

A 公文 is set in 仿宋 (body), 黑体 (headings) and 小标宋 (title).  reportlab can
only embed TrueType outlines (``glyf``), and a PDF whose fonts are not embedded
shows blank glyphs on machines without Adobe's Asian font packs, so the
built-in CID font STSong-Light is never used.  We look for the Windows fonts
first (they are the ones a 公文 is meant to be set in), then macOS, then the
free Linux TrueType CJK fonts; a single ``font=PATH`` overrides all of them.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

ROLES = ("title", "heading", "subheading", "body")
"""小标宋 for the title, 黑体 for section headings, 楷体 for （一） sub-headings, 仿宋 for the text and tables."""

_WINDOWS = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
_MAC = (Path("/Library/Fonts"), Path("/System/Library/Fonts"), Path("/System/Library/Fonts/Supplemental"),
        Path.home() / "Library/Fonts")
_LINUX = Path("/usr/share/fonts")

# (file name, sub-font index in a .ttc) in order of preference, per role.  Only TrueType-outline fonts.
_FANGSONG = (("simfang.ttf", 0), ("FZFSK.TTF", 0), ("STFANGSO.TTF", 0), ("Fangsong.ttf", 0))
_SONG = (("FZXBSJW.TTF", 0), ("simsun.ttc", 0), ("STSONG.TTF", 0), ("Songti.ttc", 0), ("uming.ttc", 0))
_HEI = (("simhei.ttf", 0), ("STHeiti Light.ttc", 0), ("Hei.ttf", 0), ("wqy-microhei.ttc", 0), ("wqy-zenhei.ttc", 0))
_KAI = (("simkai.ttf", 0), ("STKAITI.TTF", 0), ("Kaiti.ttc", 0), ("ukai.ttc", 0))
_FALLBACK = (("wqy-microhei.ttc", 0), ("uming.ttc", 0), ("DroidSansFallbackFull.ttf", 0),
             ("DroidSansFallback.ttf", 0), ("Arial Unicode.ttf", 0))
PREFERENCES: dict[str, tuple[tuple[str, int], ...]] = {
    "title": _SONG + _HEI + _FALLBACK,
    "heading": _HEI + _FALLBACK,
    "subheading": _KAI + _FANGSONG + _SONG + _FALLBACK,
    "body": _FANGSONG + _SONG + _FALLBACK,
}

INSTALL_HINT = (
    "未找到可嵌入的中文 TrueType 字体。请安装一种，例如 Debian/Ubuntu：sudo apt-get install fonts-wqy-microhei"
    "（或 fonts-arphic-uming），Windows 自带 C:\\Windows\\Fonts\\simfang.ttf；也可用 --font 字体文件路径（.ttf/.ttc）指定。\n"
    "No embeddable Chinese TrueType font found. Install one (Debian/Ubuntu: sudo apt-get install fonts-wqy-microhei "
    "or fonts-arphic-uming; Windows has simfang.ttf), or pass --font PATH (a .ttf or .ttc file; "
    "OpenType/CFF fonts such as Noto Sans CJK cannot be embedded)."
)


class FontError(RuntimeError):
    """No usable CJK TrueType font: the message says, in Chinese and English, how to get one."""


@attrs.frozen
class FontChoice:
    """A font file (and sub-font of a .ttc) chosen for one role."""

    path: Path
    index: int = 0


def _directories() -> list[Path]:
    """Where fonts live on this system, the system's own folders first."""
    found: list[Path] = []
    if sys.platform == "win32":
        found.append(_WINDOWS)
    if sys.platform == "darwin":
        found.extend(_MAC)
    for root in (_LINUX, Path("/usr/local/share/fonts"), Path.home() / ".local/share/fonts", Path.home() / ".fonts"):
        if root.is_dir():
            found.append(root)
            found.extend(sorted(p for p in root.rglob("*") if p.is_dir()))
    return found


def _index(directories: Iterable[Path]) -> dict[str, Path]:
    """Font files by lower-case name; the first directory that holds a name wins."""
    files: dict[str, Path] = {}
    for directory in directories:
        try:
            entries = list(directory.iterdir())
        except OSError:
            continue
        for entry in entries:
            if entry.suffix.lower() in (".ttf", ".ttc") and entry.is_file():
                files.setdefault(entry.name.lower(), entry)
    return files


def find_fonts(directories: Sequence[Path] | None = None) -> dict[str, FontChoice]:
    """The best installed font for each role; raises :class:`FontError` when there is none at all.

    The system's font folders are walked once per process (a font installed while a
    process runs is found by the next one, as reportlab registers a font once too).
    """
    if directories is None:
        return dict(_installed(_directories))
    return dict(_choose(tuple(directories)))


@functools.lru_cache(maxsize=2)
def _installed(lister: Callable[[], list[Path]]) -> dict[str, FontChoice]:
    return _choose(tuple(lister()))


@functools.lru_cache(maxsize=8)
def _choose(directories: tuple[Path, ...]) -> dict[str, FontChoice]:
    files = _index(directories)
    chosen: dict[str, FontChoice] = {}
    for role in ROLES:
        for name, index in PREFERENCES[role]:
            path = files.get(name.lower())
            if path is not None:
                chosen[role] = FontChoice(path, index)
                break
    if not chosen:
        raise FontError(INSTALL_HINT)
    anyone = next(iter(chosen.values()))
    return {role: chosen.get(role, anyone) for role in ROLES}


def register_fonts(font: str | os.PathLike[str] | None = None) -> dict[str, str]:
    """Register a TrueType font per role with reportlab; returns the registered names by role.

    ``font`` (a .ttf or .ttc path) is used for every role.  Registration is done
    once per process and file; a font reportlab cannot embed raises :class:`FontError`.
    """
    if font is not None:
        path = Path(font)
        if not path.is_file():
            raise FontError(f"字体文件不存在 font file not found: {path}\n{INSTALL_HINT}")
        choices = dict.fromkeys(ROLES, FontChoice(path, 0))
    else:
        choices = find_fonts()
    return {role: _register(choice) for role, choice in choices.items()}


def covers(font: str, char: str) -> bool:
    """Whether the registered TrueType font ``font`` has a glyph for ``char``."""
    from reportlab.pdfbase import pdfmetrics

    face = getattr(pdfmetrics.getFont(font), "face", None)
    return face is None or ord(char) in face.charToGlyph


@functools.lru_cache(maxsize=4096)
def fallback_for(font: str, char: str) -> str | None:
    """Another installed CJK font that has ``char`` where ``font`` has none (``None``: keep ``font``).

    Names of people and places use rare characters (䶮, 㛃) that a GBK font such
    as simfang.ttf lacks; without a fallback they would print as empty boxes while
    the text layer still claims them.  Candidates are registered only when needed.
    """
    if covers(font, char):
        return None
    for choice in _fallback_choices():
        try:
            name = _register(choice)
        except FontError:
            continue
        if name != font and covers(name, char):
            return name
    return None


@functools.lru_cache(maxsize=1)
def _fallback_choices() -> tuple[FontChoice, ...]:
    files = _index(tuple(_directories()))
    names = dict.fromkeys(name for role in ROLES for name, _ in PREFERENCES[role])
    return tuple(FontChoice(files[name.lower()], 0) for name in names if name.lower() in files)


def _register(choice: FontChoice) -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    name = f"DS-{choice.path.stem}-{choice.index}"
    if name in pdfmetrics.getRegisteredFontNames():
        return name
    try:
        font = TTFont(name, str(choice.path), subfontIndex=choice.index)
    except (TTFError, OSError, ValueError) as exc:
        raise FontError(f"无法嵌入字体 cannot embed font {choice.path}: {exc}\n{INSTALL_HINT}") from exc
    _keep_tables(font.face)
    pdfmetrics.registerFont(font)
    return name


def _keep_tables(face: Any) -> None:
    """Let the font's tables be copied out of the font file once per process, not once per subset.

    reportlab embeds a subset of the font for every 256 characters a document uses,
    and for each one copies whole tables out of the file it holds in memory: for
    AR PL UMing the 17 MB ``glyf`` table, four times for one report.  The tables
    are immutable bytes and the same each time, so the face keeps the copies (this
    face's method only; reportlab itself is not changed).
    """
    face.get_table = functools.cache(face.get_table)
