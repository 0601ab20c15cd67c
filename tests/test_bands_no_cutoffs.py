"""A site whose source names each agency's band but prints no cut-offs (tests/fixtures/
bands_no_cutoffs: a package written for this test, seven agencies in two groups, four bands
without ranges). A reader sees each agency's published band, is told the cut-offs were not
published wherever ranges would be shown, and never sees an invented range.

In the fixture the band does not follow the index (Sở An Hòa, 91,50 %, is "Tốt"; Sở Bình Yên,
88,25 %, is "Xuất sắc"), so a band computed from any range would show. One district has no
index and an inferred rank: the reason shown is its row's note, not a sentence of the theme.
"""

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import DATA, write_package
from tests.htmltree import parse, table_rows

FIXTURE = Path(__file__).parent / "fixtures" / "bands_no_cutoffs"
PUBLISHED = {"Sở An Hòa": "Tốt", "Sở Bình Yên": "Xuất sắc", "Sở Cát Tường": "Khá",
             "Sở Đông Phong": "Trung bình"}
NOT_PUBLISHED = "Văn bản nguồn không công bố khoảng chỉ số của các xếp loại"
RANGE = re.compile(r"(từ|trên|dưới|đến)\s+\d+(,\d+)?\s*%|trở lên")


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    from plugins.build import build

    tmp = tmp_path_factory.mktemp("bands-no-cutoffs")
    src = FIXTURE / "data"
    tables = {p.relative_to(src).as_posix(): p.read_text(encoding="utf-8")
              for p in src.rglob("*") if p.is_file()}
    data = write_package(tmp / "data", tables, scores_components=["tham_dinh", "khao_sat"])
    assert (data / "schemas" / "bands.json").read_bytes() == (
        DATA / "schemas" / "bands.json").read_bytes()
    content = shutil.copytree(FIXTURE / "content", tmp / "content")
    return build(tmp / "output", data=data, content=content, cache=tmp / "cache").output


def page(out: Path, url: str):
    return parse(out / url / "index.html")


def column(table, name: str) -> list[str]:
    heads = [th.text for th in table.find("thead").find_all("th")]
    return [r[heads.index(name)] for r in table_rows(table)]


def test_the_ranking_shows_each_agencys_published_band(out):
    table = page(out, "chi-so/2024/so-nganh").find("table", id="bang-xep-hang")
    names = column(table, "Cơ quan, đơn vị")
    assert dict(zip(names, column(table, "Xếp loại"), strict=True)) == PUBLISHED
    assert column(table, "Chỉ số (%)")[:2] == ["91,50%", "88,25%"]
    assert "(suy ra)" not in table.text  # printed bands, not inferred ones


def test_the_profile_shows_the_published_band(out):
    doc = page(out, "don-vi/so-an")
    key = [d for d in doc.find_all("div", cls="key") if d.find("dt").text == "Xếp loại"][0]
    assert key.find("dd").text == "Tốt"


@pytest.mark.parametrize("url", ["", "chi-so/2024", "chi-so/2024/so-nganh",
                                 "chi-so/2024/huyen"])
def test_band_counts_say_the_cut_offs_were_not_published(out, url):
    doc = page(out, url)
    table = doc.find("table", id="xep-loai")
    ranges = column(table, "Khoảng chỉ số")
    assert ranges and set(ranges) == {"không công bố"}
    assert NOT_PUBLISHED in doc.text
    assert not RANGE.search(table.text)


def test_band_counts_count_the_published_bands(out):
    table = page(out, "chi-so/2024").find("table", id="xep-loai")
    counts = dict(zip(column(table, "Xếp loại"), column(table, "Số đơn vị"), strict=True))
    assert counts == {"Xuất sắc": "1", "Tốt": "3", "Khá": "2", "Trung bình": "1"}


def test_band_colours_and_the_chart_legend_still_work(out):
    css = (out / "css" / "bands.css").read_text(encoding="utf-8")
    assert all(f".band-{i}" in css for i in range(1, 5))
    doc = page(out, "chi-so/2024/so-nganh")
    swatch = [s for s in doc.find_all("span", cls="band") if s.text == "Xuất sắc"]
    assert swatch and "band-1" in swatch[0].attrs["class"]
    svg = (out / "chi-so/2024/so-nganh/chi-so.svg").read_text(encoding="utf-8")
    assert all(name in svg for name in ("Xuất sắc", "Tốt", "Khá", "Trung bình"))


def test_no_page_shows_an_invented_range(out):
    for path in out.rglob("*.html"):
        doc = parse(path)
        for table in doc.find_all("table", cls="band-counts"):
            assert not RANGE.search(table.text), path
    assert "trở lên" not in "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.html"))


def test_an_inferred_rank_is_explained_by_its_rows_note(out):
    doc = page(out, "chi-so/2024/huyen")
    table = doc.find("table", id="bang-xep-hang")
    rows = {re.sub(r"\d+$", "", r[1]).strip(): r for r in table_rows(table)}
    assert rows["UBND huyện Hà Thanh"][0] == "3 (suy ra)"
    notice = doc.find("div", cls="notice").text
    links = [a.attrs["href"] for a in doc.find("div", cls="notice").find_all("a")]
    assert "Cách suy ra: ghi chú" in notice and len(links) == 1
    note = doc.find("li", id=links[0].lstrip("#")).text
    assert note.startswith("Quyết định không in chỉ số của đơn vị này; hạng 3 đọc từ thứ tự")
    assert "bảng điểm theo lĩnh vực" not in notice
