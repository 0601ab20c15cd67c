"""`parindex init DIR` (parindex/scaffold): a new portal to fill in, which validates and builds
at once and says what is still missing; never written over anything."""

import csv
import json
import subprocess
import sys

import pytest

from parindex.data.dataset import GLOBAL_TABLES, YEAR_TABLES, load
from parindex.data.portal import portal as portal_of
from parindex.scaffold import init
from tests.conftest import DATA, ROOT
from tests.helpers import run_cli

SCAFFOLD = ROOT / "parindex" / "scaffold"
TABLES = [f"{t}.csv" for t in GLOBAL_TABLES] + [f"2024/{t}.csv" for t in YEAR_TABLES]


@pytest.fixture
def portal(tmp_path):
    init(tmp_path / "tinh-moi", 2024)
    return tmp_path / "tinh-moi"


def lines(path):
    return path.read_text(encoding="utf-8-sig").splitlines()


def test_init_writes_every_table_a_descriptor_and_starter_pages(tmp_path):
    done = run_cli("init", str(tmp_path / "tinh-moi"), "--year", "2024")
    assert done.returncode == 0, done.stderr
    assert "CẦN ĐIỀN" in done.stdout and "make serve DATA=" in done.stdout
    portal = tmp_path / "tinh-moi"
    data = portal / "data"
    for label in TABLES:
        header, *examples = lines(data / label)  # the header and its examples, commented out
        schema = json.loads((data / "schemas" / f"{label[:-4].split('/')[-1]}.json")
                            .read_text(encoding="utf-8"))
        assert header.split(",") == [f["name"] for f in schema["fields"]]
        assert examples and all(
            ex.startswith("#") and len(next(csv.reader([ex]))) == len(schema["fields"])
            for ex in examples)
    assert lines(data / "units.csv")[1] == "#so-noi-vu,Sở Nội vụ,Nội vụ,so-nganh,,,,,,,,"
    assert lines(data / "bands.csv")[1].startswith("#2024,,nhom-1,")  # the portal's year
    desc = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    for key in ("title", "description", "homepage"):
        assert desc[key].startswith("CẦN ĐIỀN")
    assert desc["portal"]["name"].startswith("CẦN ĐIỀN")
    assert desc["contributors"][0]["role"] == "publisher"
    assert desc["licenses"][0]["name"] == "CC-BY-4.0"
    assert [r["path"] for r in desc["resources"]] == TABLES
    assert all(r["dialect"] == {"commentChar": "#"} for r in desc["resources"])
    pages = sorted(p.relative_to(portal / "content").as_posix()
                   for p in (portal / "content").rglob("*.md"))
    assert pages == ["pages/gioi-thieu.md", "pages/huong-dan-cap-nhat-du-lieu.md",
                     "phuong-phap.md"]  # the method page's text: the page is made from data
    assert all("CẦN ĐIỀN" in (portal / "content" / p).read_text(encoding="utf-8")
               for p in pages)


def test_init_refuses_a_folder_that_is_not_empty(tmp_path):
    target = tmp_path / "cong"
    target.mkdir()
    (target / "ghi-chu.txt").write_text("của người khác", encoding="utf-8")
    done = run_cli("init", str(target))
    assert done.returncode == 1
    assert "không phải thư mục trống" in done.stderr and "Traceback" not in done.stderr
    assert [p.name for p in target.iterdir()] == ["ghi-chu.txt"]
    assert (target / "ghi-chu.txt").read_text(encoding="utf-8") == "của người khác"
    (tmp_path / "tep").write_text("", encoding="utf-8")
    assert run_cli("init", str(tmp_path / "tep")).returncode == 1
    empty = tmp_path / "trong"
    empty.mkdir()
    assert run_cli("init", str(empty)).returncode == 0


def test_the_new_portal_validates_with_warnings_saying_what_is_missing(portal):
    done = run_cli("validate", str(portal / "data"))
    assert done.returncode == 0, done.stdout
    _, report = load(portal / "data")
    missing = {(p.code, p.file, p.value if p.code == "to-fill" else "") for p in report.problems}
    filled = {v for code, _, v in missing if code == "to-fill"}
    assert len(filled) == 6  # title, description, homepage, portal name and subtitle, publisher
    assert {(c, f) for c, f, _ in missing} == {
        ("to-fill", "datapackage.json"), *(("no-rows", f"{t}.csv") for t in
                                           ("groups", "units", "components", "sources")),
        ("no-rows", "2024/scores.csv")}
    assert "mục 'portal.name' vẫn là chữ mẫu" in done.stdout


def test_the_new_portal_is_a_valid_frictionless_package(portal):
    from frictionless import Package

    pack = Package(str(portal / "data" / "datapackage.json"))
    report = pack.validate()
    assert report.valid, [e.message for t in report.tasks for e in t.errors][:5]
    assert all(r.read_rows() == [] for r in pack.resources)  # the examples are comments there too


def test_the_example_rows_agree_with_the_schemas_and_each_other(portal):
    """An editor who removes every comment mark has a whole small package: every example row
    reads as data of its type, every id it names exists, the bands cover 0–100 % and the
    components are the score row's; what is left are the descriptor's placeholders."""
    for label in TABLES:
        path = portal / "data" / label
        path.write_text(path.read_text(encoding="utf-8-sig").replace("\n#", "\n"),
                        encoding="utf-8")
    dataset, report = load(portal / "data")
    assert report.errors == [], str(report)
    assert {p.code for p in report.warnings} == {"to-fill"}, str(report)


def test_the_scaffold_schemas_are_the_packages_own():
    ours = sorted(p.name for p in (SCAFFOLD / "schemas").iterdir())
    assert ours == sorted(p.name for p in (DATA / "schemas").iterdir())
    for name in ours:
        assert json.loads((SCAFFOLD / "schemas" / name).read_text(encoding="utf-8")) == \
            json.loads((DATA / "schemas" / name).read_text(encoding="utf-8")), name


def test_the_scaffold_names_no_province():
    own = portal_of(json.loads((DATA / "datapackage.json").read_text(encoding="utf-8")))
    texts = [p.read_text(encoding="utf-8") for p in SCAFFOLD.rglob("*") if p.is_file()
             and p.suffix in (".json", ".md")]
    assert texts and not [t for t in texts for n in (own.name, own.publisher, "Sóc Trăng")
                          if n in t]


def test_a_year_folder_copied_from_the_last_keeps_its_comment_rows(portal):
    """`parindex package` keeps each file's dialect, and a new file takes its table's."""
    data = portal / "data"
    (data / "2025").mkdir()
    for path in (data / "2024").iterdir():
        (data / "2025" / path.name).write_bytes(path.read_bytes())
    assert run_cli("package", str(data)).returncode == 0
    desc = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    assert all(r["dialect"] == {"commentChar": "#"} for r in desc["resources"])
    assert "2025/scores.csv" in [r["path"] for r in desc["resources"]]
    _, report = load(data)
    assert report.ok and ("no-rows", "2025/scores.csv") in {(p.code, p.file)
                                                            for p in report.problems}


def test_the_new_portal_builds_into_a_site_that_says_what_is_missing(portal, tmp_path):
    output = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, "-m", "plugins.build", "--data", str(portal / "data"),
         "--content", str(portal / "content"), "--output", str(output),
         "--cache", str(tmp_path / "cache")],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "CẢNH BÁO 2024/scores.csv: bảng 2024/scores chưa có dòng" in done.stderr
    home = (output / "index.html").read_text(encoding="utf-8")
    assert "CẦN ĐIỀN: tên cổng" in home and "Công bố: CẦN ĐIỀN: cơ quan công bố" in home
    for slug in ("gioi-thieu", "phuong-phap", "huong-dan-cap-nhat-du-lieu"):
        assert "CẦN ĐIỀN" in (output / slug / "index.html").read_text(encoding="utf-8")
    assert (output / "du-lieu" / "goi-du-lieu" / "2024" / "scores.csv").is_file()
