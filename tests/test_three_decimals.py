"""A province that prints its scores with three decimals (tests/fixtures/three_decimals: decimal
comma declared for the package), built into a whole site: every printed value is shown as
printed (97,685; 75,000; 1,6), what the portal computes with two decimals.
"""

import csv
import io
from pathlib import Path

import pytest

from plugins.build import build
from tests.conftest import fixture_package
from tests.htmltree import parse, table_rows


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("three-decimals")
    data = fixture_package("three_decimals", tmp / "data")
    (tmp / "content").mkdir()  # the data alone: no editors' pages
    result = build(tmp / "output", data=data, content=tmp / "content", cache=tmp / "cache")
    assert result.warnings == []
    return result.output


def page(out: Path, url: str):
    return parse(out / url / "index.html")


def column(table, title: str) -> int:
    return [th.text for th in table.find("thead").find_all("th")].index(title)


def test_the_ranking_shows_the_printed_index_total_and_components(out):
    table = page(out, "chi-so/2024/so").find("table", id="bang-xep-hang")
    rows = {r[1]: r for r in table_rows(table)}
    first = rows["Sở Tư pháp"]
    assert first[column(table, "Chỉ số (%)")] == "97,685%"
    assert first[column(table, "Tổng điểm")] == "97,685"
    assert [first[column(table, c)] for c in ("Tự đánh giá", "KS CBCCVC", "SIPAS")] == [
        "60,125", "18,340", "19,220"]
    assert rows["Sở Y tế"][column(table, "Chỉ số (%)")] == "75,000%"  # trailing zeros printed
    assert rows["Sở Nội vụ"][column(table, "Chỉ số (%)")] == "93,458%"  # 88,785 / 95 printed


def test_the_ranking_chart_labels_the_printed_index(out):
    svg = (out / "chi-so/2024/so/chi-so.svg").read_text(encoding="utf-8")
    assert "97,685%" in svg and "97,69%" not in svg


def test_the_profile_shows_the_printed_values_and_computes_with_two_decimals(out):
    doc = page(out, "don-vi/so-tu-phap")
    key = {dt.text: dd.text for dt, dd in zip(doc.find_all("dt"), doc.find_all("dd"),
                                               strict=True)}
    assert key["Chỉ số CCHC"] == "97,685%" and key["Tổng điểm"] == "97,685"
    assert key["Điểm tự đánh giá (đã thẩm định)"] == "60,125" and key["Điểm chuẩn tối đa"] == "100"
    fields = table_rows(doc.find("table", id="bang-linh-vuc"))
    # field, rate, group mean, score, maximum: score and maximum printed; the rate computed
    assert [fields[0][i] for i in (3, 4, 1)] == ["9,875", "10", "98,75%"]


def test_the_year_shows_printed_statistics_as_printed(out):
    doc = page(out, "chi-so/2024/so")
    assert "Trung bình 88,714%" in doc.text and "Cao nhất 97,685%" in doc.text
    doc = page(out, "chi-so/2024/huyen")
    assert "Khoảng cách cao nhất – thấp nhất 1,6 điểm %" in doc.text  # printed with one decimal


def test_the_download_publishes_the_printed_values(out):
    text = (out / "du-lieu/2024/ket-qua.csv").read_text(encoding="utf-8-sig")
    rows = {r["unit_id"]: r for r in csv.DictReader(io.StringIO(text))}
    assert (rows["so-tu-phap"]["index_official"], rows["so-tu-phap"]["self_assessment"]) == (
        "97.685", "60.125")
    assert rows["so-noi-vu"]["index_official"] == "93.458"
