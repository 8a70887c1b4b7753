"""Nothing a file can contain breaks the library (issue 9), one test group per kind of defect.

Inputs come from ``shared/reference/robustness/`` where present (those tests skip without it) and
are generated here otherwise.  Limits are asserted by what the code does with hostile input, never
by timing a test: a hang shows as a test that does not end, memory as a refusal before the work.
"""

from __future__ import annotations

import errno
import io
import json
import os
import signal
import stat
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from unittest import mock

import pytest
from conftest import EXAMPLES, reference

import disclosure_schema as ds
from disclosure_schema import atomic
from disclosure_schema.cli import main
from disclosure_schema.io import MAX_BYTES, MAX_FILE_BYTES, parse_json
from disclosure_schema.plugins import ReadError
from disclosure_schema.sources import read_report

ROBUST = ("robustness",)
CLI = str(Path(sys.executable).with_name("disclosure-schema"))


def _example() -> dict[str, object]:
    data: dict[str, object] = json.loads((EXAMPLES / "huaian-2024.json").read_text(encoding="utf-8"))
    return data


# -- silent acceptance: invalid Unicode ------------------------------------------------------------


@pytest.mark.parametrize("where", ["key", "text", "table key", "section heading"])
def test_a_lone_surrogate_anywhere_is_a_located_error(where: str) -> None:
    text = (EXAMPLES / "huaian-2024.json").read_text(encoding="utf-8")
    if where == "key":
        text = text.replace('"issuer"', '"\\udfff"', 1)
    elif where == "text":
        text = text.replace('"issuer": "', '"issuer": "\\udfff', 1)
    elif where == "table key":
        text = text.replace('"natural_person"', '"natural\\ud800"', 1)
    else:
        text = text.replace('"heading": "', '"heading": "\\udc00', 1)
    with pytest.raises(ds.ReportShapeError) as caught:
        ds.loads(text)
    codes = {v.code for v in caught.value.violations}
    assert codes == {"shape.not_unicode"}
    for violation in caught.value.violations:
        assert violation.pointer.startswith("/")
        violation.message("zh").encode("utf-8")  # printable: the surrogate is shown escaped
        assert "not valid Unicode" in violation.message("en")


def test_a_valid_surrogate_pair_is_one_character_and_loads() -> None:
    text = (EXAMPLES / "huaian-2024.json").read_text(encoding="utf-8").replace('"issuer": "', '"issuer": "\\ud83d\\ude00', 1)
    assert ds.loads(text).issuer.startswith("😀")  # type: ignore[union-attr]


def test_validate_batch_goes_on_after_a_lone_surrogate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = (EXAMPLES / "huaian-2024.json").read_text(encoding="utf-8")
    (tmp_path / "a.json").write_text(good, encoding="utf-8")
    (tmp_path / "b.json").write_text(good.replace('"issuer"', '"\\udfff"', 1), encoding="utf-8")
    (tmp_path / "c.json").write_text(good, encoding="utf-8")
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "shape.not_unicode" in out and "\\udfff" in out
    assert "共 3 份报告，有效 2 份，有错误 1 份" in out


def test_the_shared_lone_surrogate_batch(capsys: pytest.CaptureFixture[str]) -> None:
    folder = reference(*ROBUST, "01-validate-lone-surrogate-traceback")
    assert main(["validate", str(folder / "input.json")]) == 1
    assert main(["validate", str(folder / "batch")]) == 1
    out = capsys.readouterr().out
    assert "不是有效的 Unicode" in out and "汇总" in out


def test_dumps_refuses_what_loads_would_refuse() -> None:
    report = ds.load(EXAMPLES / "huaian-2024.json")
    import attrs

    broken = attrs.evolve(report, issuer="机关\udfff")
    with pytest.raises(ds.ReportShapeError) as caught:
        ds.dumps(broken)
    assert [v.pointer for v in caught.value.violations] == ["/issuer"]


def test_a_reader_result_with_invalid_unicode_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import attrs

    import disclosure_schema.sources as sources

    report = attrs.evolve(ds.load(EXAMPLES / "huaian-2024.json"), title="标题\ud800")

    class Reader:
        name = "fake"
        suffixes = (".fake",)

        def read(self, data: bytes, *, source: str) -> ds.ReadResult:
            return ds.ReadResult(report)

    monkeypatch.setattr(sources, "get_reader", lambda name: Reader())
    monkeypatch.setattr(sources, "reader_names", lambda: ["fake"])
    path = tmp_path / "r.fake"
    path.write_bytes(b"x")
    with pytest.raises(ReadError) as caught:
        read_report(path)
    assert caught.value.notes[0].code == "read.not_unicode"
    assert caught.value.notes[0].pointer == "/title"


# -- messages with places --------------------------------------------------------------------------


def test_a_duplicate_key_is_reported_at_the_object_holding_it() -> None:
    text = (EXAMPLES / "huaian-2024.json").read_text(encoding="utf-8")
    marker = '"carried_over": {'
    at = text.index(marker) + len(marker)
    text = text[:at] + '"natural_person": 1,' + text[at:]
    with pytest.raises(ds.ReportShapeError) as caught:
        parse_json(text)
    (violation,) = caught.value.violations
    assert violation.code == "shape.duplicate_key"
    assert violation.pointer == "/requests/carried_over"
    assert violation.params["key"] == "natural_person"


def test_the_shared_duplicate_key(capsys: pytest.CaptureFixture[str]) -> None:
    path = reference(*ROBUST, "19-duplicate-key-not-located", "input.json")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "/：" not in out and "/requests/" in out


def test_reader_messages_show_no_python_internals(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = reference(*ROBUST, "18-reader-messages-show-internals")
    for name in ("billion-laughs.xlsx", "workbook-renamed.docx"):
        assert main(["import", str(folder / name), "-o", str(tmp_path / "x.json")]) == 1
    err = capsys.readouterr().err
    assert "object at 0x" not in err and "None" not in err and "Error" not in err
    assert "实体声明" in err  # the billion laughs, named as such
    assert "Excel 工作簿" in err  # the renamed workbook, named as such
    assert not (tmp_path / "x.json").exists()


def test_a_reader_crash_shows_no_exception_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import disclosure_schema.sources as sources

    class Exploding:
        name = "boom"
        suffixes = (".boom",)

        def read(self, data: bytes, *, source: str) -> ds.ReadResult:
            raise KeyError(object())

    monkeypatch.setattr(sources, "get_reader", lambda name: Exploding())
    monkeypatch.setattr(sources, "reader_names", lambda: ["boom"])
    path = tmp_path / "r.boom"
    path.write_bytes(b"x")
    with pytest.raises(ReadError) as caught:
        read_report(path)
    note = caught.value.notes[0]
    assert "object at" not in note.zh + note.en and "KeyError" not in note.zh + note.en


# -- limits that agree -----------------------------------------------------------------------------


def test_what_the_library_writes_it_reads_however_indented(tmp_path: Path) -> None:
    data = _example()
    data["sections"] = {"overview": {"blocks": [{"text": "段"} for _ in range(250_000)]}}
    compact = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    assert len(compact.encode()) < MAX_BYTES
    report = ds.loads(compact)
    path = tmp_path / "out.json"
    ds.dump(report, path)
    assert path.stat().st_size > MAX_BYTES  # the indentation alone takes it over the content limit
    assert ds.load(path) == report


def test_content_over_the_limit_is_refused_before_parsing_and_on_writing() -> None:
    data = _example()
    data["title"] = "长" * (MAX_BYTES // 3 + 10)
    text = json.dumps(data, ensure_ascii=False)
    with pytest.raises(ds.ReportShapeError) as caught:
        ds.loads(text)
    assert caught.value.violations[0].code == "shape.content_too_large"
    with pytest.raises(ds.ReportShapeError):
        ds.loads(b" " * (MAX_FILE_BYTES + 1))


def test_the_shared_large_dump(tmp_path: Path) -> None:
    script = reference(*ROBUST, "10-dump-output-not-loadable", "make_input.py")
    subprocess.run([sys.executable, str(script), str(EXAMPLES / "huaian-2024.json")], cwd=tmp_path, check=True)
    report = ds.load(tmp_path / "input.json")
    ds.dump(report, tmp_path / "out.json")
    assert ds.load(tmp_path / "out.json") == report


# -- directory walks -------------------------------------------------------------------------------


def test_a_walk_checks_every_file_and_names_every_path_it_cannot(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "good.json").write_bytes((EXAMPLES / "huaian-2024.json").read_bytes())
    (folder / "a.json").symlink_to("b.json")
    (folder / "b.json").symlink_to("a.json")
    (folder / "broken.json").symlink_to("nowhere.json")
    os.mkfifo(folder / "pipe.json")
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to("..")
    assert main(["validate", str(folder)]) == 2
    out = capsys.readouterr().out
    assert "good.json：有效" in out
    assert "共 1 份报告，有效 1 份" in out
    summary = out[out.index("汇总") :]
    for name, reason in [("a.json", "循环"), ("b.json", "循环"), ("broken.json", "不存在"), ("pipe.json", "命名管道"), ("up", "循环")]:
        line = next((line for line in summary.splitlines() if line.strip().startswith(str(folder)) and name in line), "")
        assert reason in line, (name, summary)


def test_the_shared_symlink_loop(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    script = reference(*ROBUST, "08-symlink-loop-aborts-directory-walk", "setup.sh")
    subprocess.run(["sh", str(script)], cwd=tmp_path, check=True, env={**os.environ, "EXAMPLES": str(EXAMPLES)})
    assert main(["validate", str(tmp_path / "reports")]) == 2
    out = capsys.readouterr().out
    assert "good.json：有效" in out and "a.json: 符号链接形成循环" in out


# -- bounded readers -------------------------------------------------------------------------------


def _docx(change: bytes, count: int = 1) -> bytes:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("某县人民政府2024年政府信息公开工作年度报告")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "1"
    buffer = io.BytesIO()
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:tcPr>", b"<w:tcPr>" + change, count)
            target.writestr(info, data)
    return out.getvalue()


@pytest.mark.parametrize(
    "change",
    [
        b'<w:gridSpan w:val="2000000000"/>',
        b'<w:gridSpan w:val="99999999999999999999999999"/>',
        b'<w:gridSpan w:val="-3"/>',
        b'<w:gridSpan w:val="\xef\xbc\x99"/>',  # a full-width digit
    ],
)
def test_a_huge_or_odd_grid_span_is_clipped_not_iterated(change: bytes) -> None:
    from disclosure_schema_readers.document import MAX_WIDTH
    from disclosure_schema_readers.docx import docx_document

    document = docx_document(_docx(change, count=4), source="x.docx")
    grids = [item for item in document if hasattr(item, "rows")]
    assert grids and all(cell.colspan <= MAX_WIDTH for grid in grids for row in grid.rows for cell in row)  # type: ignore[union-attr]


def test_the_shared_gridspan_docx(tmp_path: Path) -> None:
    path = reference(*ROBUST, "15-docx-gridspan-cpu-hang", "input.docx")
    with pytest.raises(ReadError):  # read within a second; it holds no report
        read_report(path)


def test_a_docx_with_too_many_cells_is_refused_with_a_located_message() -> None:
    pytest.importorskip("docx")
    from disclosure_schema_readers.docx import MAX_CELLS, docx_document

    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_table(rows=MAX_CELLS // 100 + 2, cols=100)
    buffer = io.BytesIO()
    document.save(buffer)
    with pytest.raises(ReadError) as caught:
        docx_document(buffer.getvalue(), source="big.docx")
    assert caught.value.notes[0].code == "docx.too_large"
    assert caught.value.notes[0].where == "big.docx"


def _workbook_with(change: bytes | Callable[[bytes], bytes], part: str = "xl/worksheets/sheet1.xml") -> bytes:
    """The exported example workbook with one part changed: merges after the sheet data, a DTD after
    the XML declaration, or any function of the part's bytes."""
    from disclosure_schema.plugins import get_exporter

    buffer = io.BytesIO()
    get_exporter("xlsx").export(ds.load(EXAMPLES / "huaian-2024.json"), buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == part:
                if callable(change):
                    data = change(data)
                elif change.startswith(b"<merge"):
                    data = data.replace(b"</sheetData>", b"</sheetData>" + change, 1)
                else:
                    data = change + data
            target.writestr(info, data)
    return out.getvalue()


@pytest.mark.parametrize(
    "change, code",
    [
        (b'<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>', "xlsx.merge_too_large"),
        (b'<mergeCells count="1"><mergeCell ref="garbage"/></mergeCells>', "xlsx.merge_too_large"),
        (b'<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>', "xlsx.dtd"),
    ],
)
def test_hostile_workbooks_are_refused_before_openpyxl_parses_them(change: bytes, code: str) -> None:
    pytest.importorskip("openpyxl")
    from disclosure_schema_readers.xlsx import XlsxReader

    data = _workbook_with(change)
    with mock.patch("openpyxl.load_workbook", side_effect=AssertionError("parsed")), pytest.raises(ReadError) as caught:
        XlsxReader().read(data, source="x.xlsx")
    assert caught.value.notes[0].code == code


def test_a_workbook_with_too_many_elements_is_refused() -> None:
    pytest.importorskip("openpyxl")
    from disclosure_schema_readers.xlsx import XlsxReader
    from disclosure_schema_readers.xlsx_guard import MAX_ELEMENTS

    rows = b"".join(b'<row r="%d"/>' % n for n in range(1, MAX_ELEMENTS + 10))
    data = _workbook_with(lambda xml: xml.replace(b"</sheetData>", rows + b"</sheetData>", 1))
    with pytest.raises(ReadError) as caught:
        XlsxReader().read(data, source="x.xlsx")
    assert caught.value.notes[0].code == "xlsx.too_large"


def test_a_merge_within_limits_still_reads() -> None:
    pytest.importorskip("openpyxl")
    from disclosure_schema_readers.xlsx import XlsxReader

    report = XlsxReader().read(_workbook_with(b""), source="x.xlsx").report
    assert report == ds.load(EXAMPLES / "huaian-2024.json")


@pytest.mark.parametrize("text", ["\ta\n\t \n", "\t \n\ta\n", "\tx\n\t \t\n\t\n", "| a  b\nx\n", "\t\t \n" * 50])
def test_text_forms_that_looped_or_crashed_end(text: str) -> None:
    from disclosure_schema_readers.text import parse_text

    parse_text(text)  # the old loop never ended on the first two; the fourth raised IndexError


def test_the_shared_tab_and_space_case() -> None:
    path = reference("cases", "tab-space-line-hang.txt")
    with pytest.raises(ReadError):
        read_report(path)


def test_a_text_of_pipes_is_refused_before_it_is_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    import disclosure_schema_readers.text as text_reader

    monkeypatch.setattr(text_reader, "parse_text", mock.Mock(side_effect=AssertionError("parsed")))
    data = ("| 1 | 2 | 3 | 4 | 5 |\n" * 30_000).encode()
    with pytest.raises(ReadError) as caught:
        text_reader.TextReader().read(data, source="pipes.txt")
    assert "too many table cells" in caught.value.notes[0].en


def test_a_long_run_of_digits_is_not_searched_quadratically() -> None:
    from disclosure_schema_readers.crosscheck import MAX_SENTENCE, _check_sentence, cross_check

    report = ds.load(EXAMPLES / "huaian-2024.json")
    import attrs

    long = attrs.evolve(report, sections={"overview": ds.Section(None, (ds.Block("1" * (MAX_SENTENCE + 1)),))})
    with mock.patch("disclosure_schema_readers.crosscheck._check_sentence", wraps=_check_sentence) as checked:
        cross_check(long, mock.Mock())
    assert checked.call_count == 0


# -- formulas in text cells ------------------------------------------------------------------------


def test_text_cells_holding_formulas_are_read_by_saved_value_or_noted() -> None:
    pytest.importorskip("openpyxl")
    from disclosure_schema_readers.xlsx import XlsxReader

    def formulas(xml: bytes) -> bytes:
        import re

        return re.sub(
            rb'<c r="C(4|6)"([^>]*?) t="(?:inlineStr|n)">(?:<is><t>([^<]*)</t></is>)?</c>',
            lambda m: b'<c r="C' + m.group(1) + b'"' + m.group(2) + b' t="str"><f>HYPERLINK("http://evil.example","x")</f>'
            + (b"<v>" + m.group(3) + b"</v>" if m.group(1) == b"4" else b"<v></v>") + b"</c>",
            xml,
        )

    result = XlsxReader().read(_workbook_with(formulas), source="x.xlsx")
    original = ds.load(EXAMPLES / "huaian-2024.json")
    assert result.report.issuer == original.issuer  # C4: the saved value
    assert result.report.title is None  # C6: no saved value, blank, never the formula source
    noted = {note.where for note in result.notes if note.code == "xlsx.formula_in_text"}
    assert noted == {"报告正文!C4", "报告正文!C6"}


def test_the_shared_formula_workbook(tmp_path: Path) -> None:
    path = reference(*ROBUST, "20-xlsx-text-formula-read-as-text", "input.xlsx")
    result = read_report(path)
    assert "HYPERLINK" not in ds.dumps(result.report)
    assert any(note.code == "xlsx.formula_in_text" for note in result.notes)


# -- write failures --------------------------------------------------------------------------------


def another_body(tmp_path: Path) -> str:
    """The example as another body's report (aggregate refuses one body given twice)."""
    path = tmp_path / "other-body.json"
    data = json.loads((EXAMPLES / "huaian-2024.json").read_text(encoding="utf-8"))
    data["issuer"] = "淮安市某区人民政府"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "磁盘空间不足"), (errno.EACCES, "没有写入权限")])
@pytest.mark.parametrize("command", ["import", "aggregate", "template", "export", "tidy"])
def test_every_write_path_fails_cleanly(
    command: str, code: int, words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    example = str(EXAMPLES / "huaian-2024.json")
    other = another_body(tmp_path)
    targets = {
        "import": (["import", example, "-o", str(tmp_path / "x.json"), "--from", "json"], tmp_path / "x.json"),
        "aggregate": (["aggregate", example, other, "--issuer", "某市", "-o", str(tmp_path / "s.json")], tmp_path / "s.json"),
        "template": (["template", "--edition", "2021", "-o", str(tmp_path / "t.xlsx")], tmp_path / "t.xlsx"),
        "export": (["export", example, "--to", "xlsx", "-o", str(tmp_path)], tmp_path / "huaian-2024.xlsx"),
        "tidy": (["tidy", example, "-o", str(tmp_path / "c.csv")], tmp_path / "c.csv"),
    }
    argv, target = targets[command]
    if command == "import":
        pytest.importorskip("docx")  # the import command needs the readers installed
        argv = ["import", str(reference("reports", "huaian-2024.txt")), "-o", str(tmp_path / "x.json")]
    target.write_bytes(b"earlier good file")
    real_write = os.write

    def failing(fd: int, data: bytes) -> int:
        if fd > 2:
            raise OSError(code, os.strerror(code))
        return real_write(fd, data)

    unraisable: list[object] = []
    with mock.patch("os.write", failing), mock.patch("sys.unraisablehook", unraisable.append):
        assert main(argv) == 2
        import gc

        gc.collect()
    err = capsys.readouterr().err
    assert f"{target}：无法写入（{words}）" in err
    assert "Traceback" not in err and not unraisable
    assert target.read_bytes() == b"earlier good file"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []


def test_an_unwritable_directory_is_a_message_not_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    example = str(EXAMPLES / "huaian-2024.json")
    other = another_body(tmp_path)
    with mock.patch("tempfile.mkstemp", side_effect=PermissionError(errno.EACCES, "Permission denied")):
        assert main(["aggregate", example, other, "--issuer", "某市", "-o", str(tmp_path / "s.json")]) == 2
    assert "没有写入权限" in capsys.readouterr().err


def test_a_stale_temporary_of_ours_is_removed_and_a_live_one_kept(tmp_path: Path) -> None:
    import fcntl

    stale = tmp_path / ".report.json.abcd1234.tmp"
    stale.write_bytes(b"half")
    live = tmp_path / ".other.xlsx.zzzz9999.tmp"
    live.write_bytes(b"being written")
    foreign = tmp_path / ".notes.tmp"  # not our naming
    foreign.write_bytes(b"someone else's")
    with open(live, "rb") as holder:
        fcntl.flock(holder, fcntl.LOCK_EX)
        atomic.write_atomic(tmp_path / "new.json", lambda stream: stream.write(b"{}"))
        assert not stale.exists()
        assert live.exists() and foreign.exists()
    assert (tmp_path / "new.json").read_bytes() == b"{}"


def test_an_exporter_that_wraps_the_write_error_still_reports_the_cause(tmp_path: Path) -> None:
    def export(stream: object) -> None:
        try:
            stream.write(b"x" * 10)  # type: ignore[attr-defined]
        except OSError as exc:
            raise RuntimeError("layout engine gave up") from exc

    with (
        mock.patch("os.write", side_effect=OSError(errno.ENOSPC, "No space left on device")),
        pytest.raises(atomic.WriteError) as caught,
    ):
        atomic.write_atomic(tmp_path / "out.pdf", export)
    assert caught.value.message("zh") == f"{tmp_path / 'out.pdf'}：无法写入（磁盘空间不足）"
    assert list(tmp_path.iterdir()) == []


def test_sigterm_during_export_leaves_no_temporary_file(tmp_path: Path) -> None:
    data = _example()
    data["sections"] = {"other_matters": {"blocks": [{"text": "政府信息公开" * 250} for _ in range(120)]}}
    big = tmp_path / "big.json"
    big.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    process = subprocess.Popen([CLI, "export", str(big), "--to", "pdf", "-o", str(out)], stderr=subprocess.PIPE, text=True)
    # wait until the temporary file exists, then terminate
    for _ in range(600):
        if any(p.name.endswith(".tmp") for p in out.iterdir()) or process.poll() is not None:
            break
        import time

        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=120)
    assert process.returncode in (143, 0)
    assert "Traceback" not in err
    assert [p.name for p in out.iterdir() if p.name.endswith(".tmp")] == []
    if process.returncode == 143:
        assert "终止" in err


def test_ctrl_c_while_running_is_one_line(tmp_path: Path) -> None:
    with mock.patch("disclosure_schema.cli.validate.run", side_effect=KeyboardInterrupt):
        import contextlib

        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            assert main(["validate", str(EXAMPLES / "huaian-2024.json")]) == 130
    assert err.getvalue().count("\n") == 1 and "Traceback" not in err.getvalue()


def test_ctrl_c_at_start_up_is_one_line_and_exit_130() -> None:
    code = (
        "import sys, os; sys.argv[0] = 'disclosure-schema';"
        "import disclosure_schema._startup as s; s.install();"
        "raise KeyboardInterrupt"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 130
    assert "Traceback" not in result.stderr and "已中断" in result.stderr


def test_a_file_name_with_undecodable_bytes_is_printed_not_a_crash(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    name = os.fsdecode(b"r\xff.json")  # a lone surrogate in the path (surrogateescape)
    (folder / name).write_bytes((EXAMPLES / "huaian-2024.json").read_bytes())
    result = subprocess.run([CLI, "validate", str(folder)], capture_output=True, timeout=120)
    assert result.returncode == 0
    assert b"Traceback" not in result.stderr and b"r\\udcff.json" in result.stdout


def test_a_text_line_cut_at_the_limit_is_noted() -> None:
    from disclosure_schema_readers.text import MAX_LINE, TextReader

    data = reference("reports", "huaian-2024.txt").read_bytes() + b"\n" + b"x" * (MAX_LINE + 5) + b"\n"
    result = TextReader().read(data, source="long.txt")
    assert [note.code for note in result.notes if note.code == "read.line_cut"] == ["read.line_cut"]


def test_a_text_of_too_many_lines_is_refused_before_it_is_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    import disclosure_schema_readers.text as text_reader

    monkeypatch.setattr(text_reader, "parse_text", mock.Mock(side_effect=AssertionError("parsed")))
    with pytest.raises(ReadError) as caught:
        text_reader.TextReader().read(b"a\n" * (text_reader.MAX_LINES + 1), source="lines.txt")
    assert "too many lines" in caught.value.notes[0].en


def test_a_page_of_too_many_tags_is_refused_before_it_is_parsed() -> None:
    pytest.importorskip("lxml")
    from disclosure_schema_readers.html import MAX_TAGS, parse_html

    with mock.patch("lxml.html.document_fromstring", side_effect=AssertionError("parsed")), pytest.raises(ReadError):
        parse_html(b"<html><body>" + b"<p>x</p>" * (MAX_TAGS // 2 + 1) + b"</body></html>", "big.html")


def test_a_special_file_as_target_is_never_replaced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    assert main(["aggregate", str(EXAMPLES / "huaian-2024.json"), "--issuer", "某市", "-o", str(fifo)]) == 2
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert "不是普通文件" in capsys.readouterr().err
