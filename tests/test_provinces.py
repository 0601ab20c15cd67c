"""Other provinces' portals, from their data alone: packages written for these tests in the
shapes other provinces publish, each built into a full site with its own short `content/`.

Shape 1, "only the index": one score component, no field scores, no innovations, no published
statistics and no news; the portal's identity (name, publisher, contact, licence, home page)
in its descriptor. The numbers are invented for the test; what is asserted is what a reader of
the built site sees.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from plugins.build import build
from tests.conftest import write_package
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
so-a,100,91.5,91.5,91.5,1,tot,,qd-1,
so-b,100,84.25,84.25,84.25,2,tot,,qd-1,
so-c,95,70.3,70.3,74,3,kha,,qd-1,
so-d,100,68.1,68.1,68.1,4,kha,,qd-1,
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
    assert [(r[0], r[1], r[index]) for r in rows] == [
        ("1", "Sở Alpha", "91,50%"), ("2", "Sở Beta", "84,25%"), ("3", "Sở Gamma", "74,00%"),
        ("4", "Sở Delta", "68,10%")]


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
