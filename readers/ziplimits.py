"""Refusing zip bombs before an Office reader opens a file.

Why: a .docx or .xlsx is a zip archive, and python-docx and openpyxl inflate and parse its members
without asking how big they are.  A 40 kB file can declare gigabytes of XML.  :func:`check_zip` reads
only the central directory (names and declared sizes, no inflating) and refuses an archive whose
members are too many, too large, or compressed suspiciously well.  The declared sizes can be trusted
for readers that go through :mod:`zipfile`, as both libraries do: ``zipfile`` stops inflating a member
at its declared size (and fails the CRC check if the data goes on), so a member that lies about its
size cannot produce more than it declared.

Shared by the Word reader and the XLSX reader; each may pass its own limits.
"""

from __future__ import annotations

import io
import zipfile

import attrs

from disclosure_schema.plugins import ReadError, ReadingNote

__all__ = ["ZipLimits", "check_zip"]

_MiB = 1024 * 1024


@attrs.frozen
class ZipLimits:
    """What an Office file of an annual report may reasonably contain.

    A real report's .docx is well under 10 MB inflated, even with a scanned seal image; the limits
    leave a wide margin and still keep memory bounded.
    """

    max_members: int = 2000
    max_total: int = 256 * _MiB
    """Sum of the declared uncompressed sizes of all members."""
    max_member: int = 128 * _MiB
    max_ratio: int = 200
    """Largest uncompressed/compressed ratio for a member big enough to matter (XML compresses ~10-30×)."""
    ratio_floor: int = 1 * _MiB
    """Members smaller than this may have any ratio: they cannot hurt."""


DEFAULT_LIMITS = ZipLimits()


def _refuse(source: str, code: str, zh: str, en: str) -> ReadError:
    return ReadError([ReadingNote(f"zip.{code}", source, zh, en)])


def check_zip(data: bytes, *, source: str, kind: str = "Office", limits: ZipLimits = DEFAULT_LIMITS) -> None:
    """Raise :class:`ReadError` unless ``data`` is a zip archive within ``limits``.

    ``kind`` names the expected file type in the messages (``Word (.docx)``).  Nothing is inflated.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, ValueError, EOFError) as exc:
        raise _refuse(
            source,
            "not_zip",
            f"不是有效的 {kind} 文件（无法作为 zip 压缩包打开：{exc}）",
            f"not a valid {kind} file (cannot be opened as a zip archive: {exc})",
        ) from exc
    if len(members) > limits.max_members:
        raise _refuse(
            source,
            "too_many_members",
            f"压缩包内文件过多（{len(members)} 个，上限 {limits.max_members}），拒绝读取",
            f"the archive holds too many members ({len(members)}, limit {limits.max_members}); refused",
        )
    total = 0
    for member in members:
        size = member.file_size
        total += size
        if size > limits.max_member:
            raise _refuse(
                source,
                "member_too_large",
                f"压缩包内的 {member.filename} 解压后过大（{size} 字节，上限 {limits.max_member}），拒绝读取",
                f"{member.filename} inflates to {size} bytes (limit {limits.max_member}); refused",
            )
        ratio = size / max(member.compress_size, 1)
        if size >= limits.ratio_floor and ratio > limits.max_ratio:
            raise _refuse(
                source,
                "ratio",
                f"压缩包内的 {member.filename} 压缩比异常（{ratio:.0f} 倍，上限 {limits.max_ratio}），疑似压缩炸弹，拒绝读取",
                f"{member.filename} has a compression ratio of {ratio:.0f} (limit {limits.max_ratio}): "
                "a likely zip bomb; refused",
            )
    if total > limits.max_total:
        raise _refuse(
            source,
            "too_large",
            f"压缩包解压后总大小过大（{total} 字节，上限 {limits.max_total}），拒绝读取",
            f"the archive inflates to {total} bytes in all (limit {limits.max_total}); refused",
        )
