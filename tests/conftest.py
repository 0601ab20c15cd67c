"""Shared fixtures: the real data package, and small packages written from inline tables."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from parindex.data.dataset import load
from parindex.scoring.score import score

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
# The Content-Security-Policy docs/hosting.md gives the province's web server, under which the
# browser tests serve the site: nothing from elsewhere, no inline script, WebAssembly for search.
CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; "
       "base-uri 'self'; form-action 'self'")


@pytest.fixture(scope="session")
def real_dataset():
    dataset, report = load(DATA)
    assert dataset is not None, str(report)
    return dataset


@pytest.fixture(scope="session")
def real(real_dataset):
    return score(real_dataset)


def write_package(root: Path, tables: dict[str, str], scores_components: list[str] | None = None
                  ) -> Path:
    """A data package at `root` from CSV texts keyed by path ("units.csv", "2023/scores.csv").

    Schemas are the real ones; `scores_components` replaces the real score components in the
    scores schema, as another province's package would.
    """
    shutil.copytree(DATA / "schemas", root / "schemas")
    if scores_components is not None:
        path = root / "schemas" / "scores.json"
        schema = json.loads(path.read_text(encoding="utf-8"))
        real = {"self_assessment", "survey_staff", "sipas"}
        fields = [f for f in schema["fields"] if f["name"] not in real]
        new = [{"name": c, "type": "number", "title": c, "description": "",
                "constraints": {"minimum": 0}} for c in scores_components]
        schema["fields"] = fields[:2] + new + fields[2:]
        path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    for rel, text in tables.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text.strip() + "\n", encoding="utf-8")
    from parindex.data import package
    package.write(root)
    return root


def copy_real(tmp_path: Path) -> Path:
    """A copy of the real data package that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The real site, built once per test session (per worker) with plugins.build.build."""
    from plugins.build import build

    result = build(tmp_path_factory.mktemp("site") / "output")
    return result


FIXTURES = ROOT / "tests" / "fixtures"


def fixture_site(name: str, tmp: Path, components: list[str]) -> tuple[Path, Path]:
    """tests/fixtures/<name>/data as a package at tmp/data (the project's schemas, declaring
    `components`) and tests/fixtures/<name>/content at tmp/content."""
    src = FIXTURES / name / "data"
    tables = {p.relative_to(src).as_posix(): p.read_text(encoding="utf-8")
              for p in src.rglob("*") if p.is_file()}
    data = write_package(tmp / "data", tables, scores_components=components)
    return data, shutil.copytree(FIXTURES / name / "content", tmp / "content")


def fixture_package(name: str, target: Path) -> Path:
    """A copy of the package tests/fixtures/<name> at `target`, with the project's schemas
    (the format, not data) unless it has its own."""
    shutil.copytree(FIXTURES / name, target)
    if not (target / "schemas").exists():
        shutil.copytree(DATA / "schemas", target / "schemas")
    return target


@pytest.fixture
def three_decimals(tmp_path):
    """Copies of tests/fixtures/three_decimals (scores printed with three decimals, decimal
    comma declared for the package); `three_decimals(file, old, new)` replaces a text of one
    of its files."""
    made = iter(range(1000))

    def make(file: str | None = None, old: str = "", new: str = "") -> Path:
        root = fixture_package("three_decimals", tmp_path / f"three-decimals-{next(made)}")
        if file:
            path = root / file
            text = path.read_text(encoding="utf-8")
            assert old in text
            path.write_text(text.replace(old, new), encoding="utf-8")
        return root
    return make
