"""Every package ships its ``py.typed`` marker (PEP 561), so mypy trusts the hints of all three."""

from __future__ import annotations

from pathlib import Path

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10 (requires-python >= 3.10): tomllib arrived in 3.11
    tomllib = pytest.importorskip("tomli")

ROOT = Path(__file__).resolve().parents[1]


def test_every_top_level_package_has_py_typed_and_ships_it() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    top_level = {name for name in config["packages"] if "." not in name}
    where = config["package-dir"]
    for package in top_level:
        folder = ROOT / where.get(package, f"{where['']}/{package}")
        assert (folder / "py.typed").is_file(), package
        assert "py.typed" in config["package-data"].get(package, []), package
