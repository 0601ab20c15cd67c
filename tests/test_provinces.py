"""Other provinces' portals, from their data alone: packages written for these tests in the
shapes other provinces publish, each built into a full site with its own short `content/`.

Shape 1, "only the index": one score component, no field scores, no innovations, no published
statistics and no news; the portal's identity (name, publisher, contact, licence, home page)
in its descriptor. Shape 2, "points": communes scored in points with no maximum, ranked and
banded on the points, printed with three decimals, the index and its members named by the
descriptor. The numbers are
invented for the test; what is asserted is what a reader of the built site sees.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from plugins.build import build
from tests.conftest import write_package
from tests.helpers import run_cli
from tests.htmltree import parse, table_rows
from tests.test_links import broken_links, html_pages

ONLY_INDEX = {
    "groups.csv": """
group_id,name,short_name,order,active_from,active_to
so-nganh,"Sở, ban, ngành",Sở ngành,1,,
""",
    "units.csv": """
unit_id,name,short_name,group_id,parent_id,aliases,active_from,active_to,successor_id,note
so-a,Sở Alpha,Sở A,so-nganh,,,,,,
so-b,Sở Beta,Sở B,so-nganh,,,,,,
so-c,Sở Gamma,Sở C,so-nganh,,,,,,
so-d,Sở Delta,Sở D,so-nganh,,,,,,
""",
    "fields.csv": "field_id,name,short_name,order",
    "components.csv": """
component_id,name,short_name,order
diem_tham_dinh,Điểm thẩm định,Thẩm định,1
""",
    "bands.csv": """
year_from,year_to,band_id,name,order,min_pct,min_inclusive,max_pct,max_inclusive
2024,,tot,Tốt,1,80,true,,
2024,,kha,Khá,2,,,80,false
""",
    "sources.csv": """
source_id,title,number,date,issuer,url,note
qd-1,Quyết định công bố Chỉ số CCHC năm 2024,1/QĐ-UBND,2025-02-03,UBND tỉnh Lâm Viên,,
""",
    "2024/scores.csv": """
unit_id,max_score,diem_tham_dinh,total_published,index_published,rank_published,band_published,inferred,source_id,note
so-a,100,91.50,91.50,91.50,1,tot,,qd-1,
so-b,100,84.25,84.25,84.25,2,tot,,qd-1,
so-c,95,70.30,70.30,74.00,3,kha,max_score,qd-1,Điểm chuẩn tối đa suy ra: 70.30 / 74.00%.
so-d,100,68.10,68.10,68.10,4,kha,,qd-1,
""",
}
IDENTITY = {
    "title": "Chỉ số CCHC các sở, ngành tỉnh Lâm Viên",
    "description": "Điểm và Chỉ số CCHC của các sở, ngành tỉnh Lâm Viên.",
    "homepage": "https://sonoivu.lamvien.example.vn/",
    "portal": {"name": "Chỉ số CCHC tỉnh Lâm Viên", "subtitle": "Kết quả công bố hằng năm"},
    "contributors": [{"title": "Sở Nội vụ tỉnh Lâm Viên", "role": "publisher",
                      "email": "cchc@lamvien.example.vn"}],
    "licenses": [{"name": "CC-BY-4.0", "title": "CC BY 4.0",
                  "path": "https://creativecommons.org/licenses/by/4.0/"}],
}
POINTS = {
    "groups.csv": """
group_id,name,short_name,order,active_from,active_to
xa,"Xã, phường",Xã,1,,
""",
    "units.csv": """
unit_id,name,short_name,group_id,parent_id,aliases,active_from,active_to,successor_id,note
xa-an-binh,Xã An Bình,An Bình,xa,,,,,,
xa-binh-minh,Xã Bình Minh,Bình Minh,xa,,,,,,
phuong-cau-ke,Phường Cầu Kè,Cầu Kè,xa,,,,,,
xa-dai-an,Xã Đại An,Đại An,xa,,,,,,
xa-ea-tu,Xã Ea Tu,Ea Tu,xa,,,,,,
""",
    "fields.csv": "field_id,name,short_name,order",
    "components.csv": """
component_id,name,short_name,order
tu_cham,Điểm tự chấm,Tự chấm,1
khao_sat,Điểm khảo sát,Khảo sát,2
""",
    "bands.csv": """
year_from,year_to,band_id,name,order,min_pct,min_inclusive,max_pct,max_inclusive
2025,,xuat-sac,Xuất sắc,1,900,true,,
2025,,tot,Tốt,2,800,true,900,false
2025,,kha,Khá,3,,,800,false
""",
    "sources.csv": """
source_id,title,number,date,issuer,url,note
tb-1,Thông báo kết quả chấm điểm CCHC cấp xã năm 2025,,2026-01-15,Sở Nội vụ,,
""",
    "2025/scores.csv": """
unit_id,max_score,tu_cham,khao_sat,total_published,index_published,rank_published,band_published,inferred,source_id,note
xa-an-binh,,850.505,95.250,945.755,,1,xuat-sac,,tb-1,
xa-binh-minh,,800.000,60.000,860.000,,2,tot,,tb-1,
phuong-cau-ke,,780.250,70.000,850.250,,3,tot,,tb-1,
xa-dai-an,,,,812.400,,4,tot,,tb-1,Thông báo chỉ in tổng điểm.
xa-ea-tu,,700.000,50.505,750.505,,5,kha,,tb-1,
""",
}
POINTS_IDENTITY = {
    "title": "Điểm CCHC cấp xã tỉnh Lâm Viên",
    "decimalChar": ".",  # 945.755 is a decimal, as the source prints it
    "portal": {"index": {"name": "Điểm CCHC", "scale": "points"}, "members": "xã, phường"},
    "contributors": [{"title": "Sở Nội vụ tỉnh Lâm Viên", "role": "publisher"}],
}
ABOUT = """Title: Giới thiệu
Slug: gioi-thieu

Cổng công khai Chỉ số CCHC của các sở, ngành tỉnh Lâm Viên.
"""


def _portal(root: Path, tables: dict[str, str], identity: dict[str, object],
            pages: dict[str, str]) -> tuple[Path, Path]:
    data = write_package(root / "data", tables)
    desc = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    (data / "datapackage.json").write_text(json.dumps({**desc, **identity}, ensure_ascii=False),
                                           encoding="utf-8")
    content = root / "content"
    content.mkdir()
    for rel, text in pages.items():
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(text, encoding="utf-8")
    return data, content


@pytest.fixture(scope="module")
def only_index(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("only-index")
    data, content = _portal(root, ONLY_INDEX, IDENTITY, {"pages/gioi-thieu.md": ABOUT})
    result = build(root / "output", data=data, content=content, cache=root / "cache")
    assert result.warnings == []
    return result.output


@pytest.fixture(scope="module")
def points(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("points")
    data, content = _portal(root, POINTS, POINTS_IDENTITY, {})
    result = build(root / "output", data=data, content=content, cache=root / "cache")
    assert result.warnings == []
    return result.output


def _text(out: Path, url: str) -> str:
    return re.sub(r"\s+", " ", parse(out / url / "index.html").text)


def test_the_portal_is_the_provinces_own(only_index):
    home = parse(only_index / "index.html")
    footer = home.find("footer").text
    assert "Chỉ số CCHC tỉnh Lâm Viên" in footer and "Sở Nội vụ tỉnh Lâm Viên" in footer
    assert "cchc@lamvien.example.vn" in footer and "CC BY 4.0" in footer
    assert home.find("a", href="https://sonoivu.lamvien.example.vn/")
    assert not [p for p in html_pages(only_index)
                if "Sóc Trăng" in p.read_text(encoding="utf-8")]


def test_the_ranking_shows_the_printed_index_and_one_score_column(only_index):
    table = parse(only_index / "chi-so/2024/so-nganh/index.html").find("table",
                                                                       id="bang-xep-hang")
    head = [th.text.strip() for th in table.find("thead").find_all("th")]
    assert head.count("Tổng điểm") == 1 and "Thẩm định" not in head  # the one component
    rows = table_rows(table)
    index = head.index("Chỉ số (%)")
    assert [(r[0], re.sub(r"\d+$", "", r[1]), r[index]) for r in rows] == [
        ("1", "Sở Alpha", "91,50%"), ("2", "Sở Beta", "84,25%"), ("3", "Sở Gamma", "74,00%"),
        ("4", "Sở Delta", "68,10%")]


def test_a_maximum_the_source_does_not_print_is_marked_and_explained(only_index):
    doc = parse(only_index / "chi-so/2024/so-nganh/index.html")
    table = doc.find("table", id="bang-xep-hang")
    head = [th.text.strip() for th in table.find("thead").find_all("th")]
    gamma = next(r for r in table_rows(table) if r[1].startswith("Sở Gamma"))
    at = next(i for i, h in enumerate(head)  # a phone shows its short name, "Tối đa"
              if h.startswith("Điểm chuẩn tối đa"))
    assert gamma[at] == "95 (suy ra)"
    assert "Điểm chuẩn tối đa suy ra" in doc.find("section", cls="notes").text


def test_the_method_page_is_written_from_the_data(only_index):
    text = _text(only_index, "phuong-phap")
    assert "Chỉ số CCHC = Điểm thẩm định ÷ Điểm chuẩn tối đa × 100%" in text
    assert "Tốt từ 80% trở lên" in text and "Khá dưới 80%" in text
    assert "Sở, ban, ngành" in text and "Lĩnh vực" not in text


def test_nothing_empty_is_linked_or_built(only_index):
    menu = [a.text for a in parse(only_index / "index.html").find("nav",
                                                                 id="dieu-huong").find_all("a")]
    assert menu == ["Trang chủ", "Chỉ số", "Đơn vị", "Dữ liệu", "Phương pháp", "Giới thiệu"]
    assert not (only_index / "sang-kien").exists()
    assert not (only_index / "chi-so/2024/linh-vuc").exists()
    assert "lĩnh vực" not in _text(only_index, "du-lieu")
    assert "lĩnh vực" not in _text(only_index, "chi-so/2024")
    assert "Sáng kiến" not in _text(only_index, "don-vi/so-a")
    assert broken_links(only_index) == []


def test_a_points_scale_ranks_and_bands_the_points_as_printed(points):
    table = parse(points / "chi-so/2025/xa/index.html").find("table", id="bang-xep-hang")
    head = [th.text.strip() for th in table.find("thead").find_all("th")]
    assert head[:2] == ["Hạng", "Xã, phường"] and "Điểm" in head
    assert not {"Chỉ số (%)", "Điểm chuẩn tối đa", "Tổng điểm"} & set(head)
    at = head.index("Điểm")
    assert head[at + 1] == "Xếp loại"
    assert [(r[0], re.sub(r"\d+$", "", r[1]).strip(), r[at], r[at + 1])
            for r in table_rows(table)] == [
        ("1", "Xã An Bình", "945,755", "Xuất sắc"), ("2", "Xã Bình Minh", "860,000", "Tốt"),
        ("3", "Phường Cầu Kè", "850,250", "Tốt"), ("4", "Xã Đại An", "812,400", "Tốt"),
        ("5", "Xã Ea Tu", "750,505", "Khá")]
    assert "%" not in table.text


def test_a_points_scale_is_named_and_measured_by_the_data(points):
    lead = _text(points, "chi-so/2025")
    assert "5 xã, phường được đánh giá" in lead and "điểm CCHC trung bình là 843,78" in lead
    profile = parse(points / "don-vi/xa-an-binh/index.html")
    facts = {dt.text: dd.text for dt, dd in zip(profile.find_all("dt"), profile.find_all("dd"),
                                                 strict=False)}
    assert facts["Điểm CCHC"] == "945,755" and "Điểm chuẩn tối đa" not in facts
    method = _text(points, "phuong-phap")
    assert "Điểm CCHC = Điểm tự chấm + Điểm khảo sát" in method
    assert "từ 900 điểm trở lên" in method and "dưới 800 điểm" in method
    svg = (points / "chi-so/2025/xa/chi-so.svg").read_text(encoding="utf-8")
    assert "945,755" in svg and "Điểm CCHC (điểm)" in svg and "%" not in svg
    assert broken_links(points) == []


def test_parindex_score_and_check_reproduce_the_printed_points(points):
    data = points.parent / "data"
    done = run_cli("score", str(data), "--year", "2025", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [(r["unit_id"], float(r["index"]), r["rank"], r["band_id"])
            for r in rows] == [
        ("xa-an-binh", 945.755, "1", "xuat-sac"), ("xa-binh-minh", 860, "2", "tot"),
        ("phuong-cau-ke", 850.25, "3", "tot"), ("xa-dai-an", 812.4, "4", "tot"),
        ("xa-ea-tu", 750.505, "5", "kha")]
    assert "Tổng cộng: 0 sai khác thật" in run_cli("check", str(data)).stdout


def test_a_one_component_province_gets_the_page_and_the_profile_table(only_index):
    doc = parse(only_index / "so-sanh/index.html")
    options = [o.attrs["value"] for o in doc.find("select", id="don-vi-1").find_all("option")]
    assert options == ["", "so-a", "so-b", "so-d", "so-c"]  # Alpha, Beta, Delta, Gamma
    profile = parse(only_index / "don-vi/so-b/index.html")
    rows = table_rows(profile.find("table", id="bang-so-voi-nhom"))
    # (91,50 + 84,25 + 74,00 + 68,10) / 4 = 317,85 / 4 = 79,4625 → 79,46%
    assert rows == [["Chỉ số CCHC", "84,25%", "79,46%", "91,50% Sở Alpha"]]  # no fields
