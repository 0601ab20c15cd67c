"""A site whose source prints only some members of a group (tests/fixtures/partial_table: a
package written for this test). Its one group has 63 provinces, all listed in `units.csv` (and
a 64th that stopped existing in 2019); the 2024 table prints 10 of them, with four score
components and each one's national rank (3, 7, 12, … 61). The source also prints the mean of
all 63 (80,12 %); the 10 printed indices would give 81,51 %.

A reader sees "10 trên 63 tỉnh, thành phố được công bố", the ranks as printed out of 63, the
printed mean as printed, no mean, highest, lowest, spread or band count that the portal would
have to compute from 10 of 63, and no empty row for the 53 provinces not printed.
"""

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import write_package
from tests.htmltree import parse, table_rows
from tests.test_links import broken_links

FIXTURE = Path(__file__).parent / "fixtures" / "partial_table"
COMPONENTS = ["tham_dinh", "khao_sat_can_bo", "khao_sat_nguoi_dan", "tac_dong"]
PUBLISHED = "10 trên 63 tỉnh, thành phố được công bố"
RANKS = ["3", "7", "12", "18", "25", "31", "40", "48", "55", "61"]
COMPUTED_MEAN = "81,51"  # the mean of the 10 printed indices: never shown


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    from plugins.build import build

    tmp = tmp_path_factory.mktemp("partial-table")
    src = FIXTURE / "data"
    tables = {p.relative_to(src).as_posix(): p.read_text(encoding="utf-8")
              for p in src.rglob("*") if p.is_file()}
    data = write_package(tmp / "data", tables, scores_components=COMPONENTS)
    content = shutil.copytree(FIXTURE / "content", tmp / "content")
    result = build(tmp / "output", data=data, content=content, cache=tmp / "cache")
    assert result.warnings == []
    return result.output


def page(out: Path, url: str):
    return parse(out / url / "index.html")


def text(node) -> str:
    return re.sub(r"\s+", " ", node.text)


def test_the_ranking_says_how_much_of_the_group_is_published(out):
    doc = page(out, "chi-so/2024/tinh")
    assert PUBLISHED in text(doc.find("p", cls="lead"))
    stats = text(doc.find("dl", cls="stats"))
    assert f"Số đơn vị {PUBLISHED}" in stats


def test_the_ranking_lists_the_printed_rows_with_their_printed_ranks(out):
    table = page(out, "chi-so/2024/tinh").find("table", id="bang-xep-hang")
    rows = table_rows(table)
    assert [r[0] for r in rows] == RANKS  # no empty row for the 53 others
    head = [th.text.strip() for th in table.find("thead").find_all("th")]
    assert {"Thẩm định", "Cán bộ", "Người dân", "Tác động", "Tổng điểm"} <= set(head)
    assert rows[0][1] == "Tỉnh An Phong" and rows[0][head.index("Tác động")] == "13,37"


def test_no_statistic_needs_the_members_not_printed(out):
    doc = page(out, "chi-so/2024/tinh")
    stats = text(doc.find("dl", cls="stats"))
    assert "Trung bình 80,12%" in stats  # printed by the source, shown as printed
    for withheld in ("Cao nhất", "Thấp nhất", "Khoảng cách"):
        assert withheld not in stats
    assert not doc.find_all("table", id="xep-loai")  # no count per band
    notice = text(doc.find("div", cls="notice"))  # said once, at the top
    assert "chỉ công bố kết quả của 10 trên 63 tỉnh, thành phố" in notice
    assert "không tính lại được; chỉ hiện các số văn bản nguồn in" in notice
    for url in ("", "chi-so", "chi-so/2024", "chi-so/2024/tinh"):
        assert COMPUTED_MEAN not in text(page(out, url).find("main"))


def test_the_profile_gives_the_printed_rank_out_of_every_member(out):
    doc = page(out, "don-vi/tinh-an-phong")
    assert "xếp thứ 3/63 trong nhóm" in text(doc.find("p", cls="lead"))
    facts = text(doc.find("dl", cls="facts"))
    assert "Thứ hạng trong nhóm 3/63" in facts
    history = table_rows(doc.find("table", id="bang-qua-cac-nam"))
    assert history[0][2] == "3/63"


def test_a_member_not_printed_has_a_plain_profile(out):
    doc = page(out, "don-vi/tinh-an-son")
    main = text(doc.find("main"))
    assert "Chưa có kết quả" in main
    assert "Thứ hạng" not in main and "chưa có số liệu" not in main
    assert not doc.find_all("table")


def test_the_year_and_home_pages_withhold_the_years_statistics(out):
    year = page(out, "chi-so/2024")
    overall = text(year.find("dl", cls="stats"))
    assert f"Số đơn vị {PUBLISHED}" in overall and "Trung bình" not in overall
    assert not year.find_all("table", id="xep-loai")
    group = table_rows(year.find("table", id="bang-nhom"))[0]
    assert group[1] == PUBLISHED and group[2] == "80,12%"  # the printed group mean
    home = parse(out / "index.html")
    assert not home.find_all("p", cls="card-value")  # no year mean of 10 of 63
    assert not home.find_all("table", id="xep-loai")
    card = text(home.find("article", cls="group-card"))
    assert f"{PUBLISHED} · trung bình 80,12%" in card
    years = table_rows(page(out, "chi-so").find("table"))
    assert years[0][1] == PUBLISHED


def test_an_agency_that_no_longer_exists_is_not_a_member(out):
    assert "trên 64" not in text(page(out, "chi-so/2024/tinh").find("main"))
    assert (out / "don-vi" / "tinh-xua" / "index.html").exists()


def test_every_link_works(out):
    assert broken_links(out) == []
