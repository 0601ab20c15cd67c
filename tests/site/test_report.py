"""The year's report written from the data (parindex/site/report.py) and its Word document
(parindex/site/word.py).

The 2023 sentences are checked against values worked out by hand here from the report's own
district table; a synthetic package of three complete years shows the changes computed from
the previous year; a one-component points-scale province gets a report in points.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest

from parindex.data.dataset import load
from parindex.scoring.score import score
from parindex.site import pages, report, urls
from parindex.site.models import ReportPage, ReportSection, Span
from parindex.site.values import Lookup
from parindex.site.word import report_docx
from tests.conftest import write_package

# The district table of the 2023 report (002, section II.1), by hand: index of each district.
DISTRICTS_2023 = {"UBND huyện Mỹ Xuyên": 83.84, "UBND huyện Long Phú": 83.20,
                  "UBND thị xã Ngã Năm": 79.59, "UBND huyện Châu Thành": 78.21,
                  "UBND huyện Kế Sách": 78.08, "UBND huyện Thạnh Trị": 77.38,
                  "UBND huyện Cù Lao Dung": 77.33, "UBND huyện Mỹ Tú": 76.74,
                  "UBND thành phố Sóc Trăng": 74.44, "UBND huyện Trần Đề": 69.99,
                  "UBND thị xã Vĩnh Châu": 69.06}


def reports(results) -> dict[int, ReportPage]:
    return {p.year: p for p in (x.build() for x in pages.plan(results) if x.kind == "reports")}


def section(page: ReportPage, sid: str) -> ReportSection:
    return next(s for s in page.sections if s.id == sid)


def text(s: ReportSection) -> str:
    return " ".join(p.text for p in s.paragraphs)


def span(s: ReportSection, shown: str) -> Span:
    return next(x for p in s.paragraphs for x in p.spans if x.text == shown)


@pytest.fixture(scope="module")
def real_reports(real) -> dict[int, ReportPage]:
    return reports(real)


def test_2023_district_sentences_are_the_values_worked_out_by_hand(real_reports):
    values = list(DISTRICTS_2023.values())
    mean = sum(values) / len(values)  # 77,078…
    assert round(mean, 2) == 77.08
    spread = max(values) - min(values)
    assert round(spread, 2) == 14.78
    page = real_reports[2023]
    districts = section(page, "nhom-huyen")
    said = text(districts)
    assert "Nhóm UBND cấp huyện có 11 đơn vị được đánh giá." in said
    assert ("Giá trị trung bình của nhóm là 77,08%, cao nhất là UBND huyện Mỹ Xuyên với 83,84%, "
            "thấp nhất là UBND thị xã Vĩnh Châu với 69,06%; khoảng cách giữa đơn vị cao nhất "
            "và thấp nhất là 14,78 điểm % (văn bản nguồn in 6,76).") in said
    assert ("Kết quả xếp loại: 2 đơn vị xếp Nhóm 2 (từ 80% đến 90%), 9 đơn vị xếp Nhóm 3 (từ 65% "
            "đến dưới 80%); không có đơn vị nào xếp Nhóm 1, Nhóm 4 và Nhóm 5.") in said
    # each number links to the ranking it comes from; the printed 6,76 is a note with its place
    assert span(districts, "77,08%").url == urls.group_url(2023, "huyen")
    gap = span(districts, "14,78 điểm %")
    assert gap.aside == "văn bản nguồn in 6,76"
    assert "6,76 (Đoạn văn, mục II.1)" in page.notes[gap.note - 1]
    assert span(districts, "UBND huyện Mỹ Xuyên").url == urls.unit_url("ubnd-huyen-my-xuyen")
    table = districts.table
    assert [(r[0].text, r[1].text) for r in table.rows] == [
        (name, f"{v:.2f}%".replace(".", ",")) for name, v in DISTRICTS_2023.items()]


def test_a_group_the_source_does_not_print_says_so_and_shows_the_printed_values(real_reports):
    said = text(section(real_reports[2023], "nhom-so-nganh"))
    assert said.startswith("Văn bản nguồn chỉ in chỉ số CCHC của 2 trên 19 cơ quan, đơn vị "
                           "của nhóm: trung bình, cao nhất, thấp nhất, khoảng cách và số theo "
                           "xếp loại nêu dưới đây là số văn bản nguồn in")
    assert "giá trị trung bình của nhóm là 76,37%" in said.lower()
    assert "Sở Tư pháp với 84,81%" in said


def test_overview_fields_changes_and_innovations_of_2023(real_reports):
    page = real_reports[2023]
    overview = text(section(page, "tong-quan"))
    assert "Năm 2023, 40 cơ quan, đơn vị thuộc 4 nhóm" in overview
    assert "không có đơn vị nào xếp Nhóm 5" in overview
    assert "cao nhất là nhóm Cơ quan Trung ương đặt tại tỉnh với 82,95% (văn bản nguồn in " \
           "82,94)" in overview
    fields = text(section(page, "linh-vuc"))
    assert "cao nhất là lĩnh vực Cải cách thể chế với 93,65%" in fields
    central = text(section(page, "linh-vuc-chi-dao-dieu-hanh"))
    assert "Đối với Cơ quan Trung ương đặt tại tỉnh" in central
    assert "44,03 điểm % (văn bản nguồn in 43,03)" in central  # 87,07 − 43,04
    changes = text(section(page, "thay-doi"))
    # 2021 prints only leaders: nothing computed, the source's own words quoted
    assert "giảm 1,91% so với năm trước (theo văn bản nguồn)" in changes
    innovations = section(page, "sang-kien")
    assert "26 sáng kiến" in text(innovations) and len(innovations.items) == 26


def test_a_year_that_prints_only_leaders_gets_no_report(real, real_reports):
    assert sorted(real_reports) == [2023]
    assert not report.has_report(Lookup(real), 2021)


def test_the_word_document_holds_the_same_numbers_and_the_same_bytes(real_reports):
    page = real_reports[2023]
    data = report_docx(page)
    assert data == report_docx(page)  # same model, same bytes
    doc = docx.Document(io.BytesIO(data))
    said = "\n".join(p.text for p in doc.paragraphs)
    assert "UBND huyện Mỹ Xuyên với 83,84%" in said
    assert "14,78 điểm % (văn bản nguồn in 6,76" in said  # then the superscript note number
    assert doc.core_properties.title == page.title
    tables = {t.rows[1].cells[0].text: t for t in doc.tables}
    districts = tables["UBND huyện Mỹ Xuyên"]
    assert [c.text for c in districts.rows[0].cells] == ["Cơ quan, đơn vị", "Chỉ số (%)",
                                                         "Xếp loại", "Thứ hạng"]
    assert [c.text for c in districts.rows[-1].cells] == ["UBND thị xã Vĩnh Châu", "69,06%",
                                                          "Nhóm 3", "11/11"]


# ---- Three complete years -------------------------------------------------------------------

SCORES = "unit_id,max_score,diem,total_published,index_published,rank_published," \
         "band_published,inferred,source_id,note\n"


def _scores(values: dict[str, float]) -> str:
    return SCORES + "".join(f"{u},100,{v:.2f},,,,,,qd,\n" for u, v in values.items())


YEARS = {2023: {"a-1": 70, "a-2": 80, "a-3": 90, "b-1": 60, "b-2": 65, "b-3": 70},
         2024: {"a-1": 75, "a-2": 85, "a-3": 92, "b-1": 62, "b-2": 66, "b-3": 70},
         2025: {"a-1": 74, "a-2": 80, "a-3": 86, "b-1": 70, "b-2": 72, "b-3": 74}}
THREE_YEARS = {
    "groups.csv": """
group_id,name,short_name,order,active_from,active_to
a,Nhóm An,An,1,,
b,Nhóm Bình,Bình,2,,
""",
    "units.csv": "unit_id,name,short_name,group_id,parent_id,aliases,active_from,active_to,"
                 "successor_id,note\n" + "".join(f"{g}-{i},Đơn vị {g.upper()}{i},,{g},,,,,,\n"
                                                for g in "ab" for i in (1, 2, 3)),
    "fields.csv": "field_id,name,short_name,order",
    "components.csv": "component_id,name,short_name,order\ndiem,Điểm,Điểm,1",
    "bands.csv": """
year_from,year_to,band_id,name,order,min_pct,min_inclusive,max_pct,max_inclusive
2023,,tot,Tốt,1,80,true,,
2023,,kha,Khá,2,,,80,false
""",
    "sources.csv": "source_id,title,number,date,issuer,url,note\nqd,Quyết định công bố,,,,,",
    **{f"{y}/scores.csv": _scores(v) for y, v in YEARS.items()},
    "2025/published_stats.csv": """
group_id,field_id,statistic,band_id,unit_id,value,location,source_id,note
,,mean_change,,,1.5,"Đoạn văn, mục II",qd,
""",
}


@pytest.fixture(scope="module")
def three_years(tmp_path_factory) -> dict[int, ReportPage]:
    root = write_package(tmp_path_factory.mktemp("three-years") / "data", THREE_YEARS,
                         scores_components=["diem"])
    dataset, found = load(root)
    assert dataset is not None, str(found)
    return reports(score(dataset))


def test_every_complete_year_has_a_report_and_the_first_no_change(three_years):
    assert sorted(three_years) == [2023, 2024, 2025]
    assert "thay-doi" not in {s.id for s in three_years[2023].sections}
    assert "linh-vuc" not in {s.id for s in three_years[2023].sections}  # no fields
    assert "sang-kien" not in {s.id for s in three_years[2023].sections}  # no innovations


def test_the_change_from_the_previous_year_is_computed(three_years):
    # by hand: 2024 means An (75+85+92)/3 = 84, Bình (62+66+70)/3 = 66, all 75; 2025: An 80,
    # Bình 72, all 76
    changes = three_years[2025].sections[-1]
    assert changes.id == "thay-doi"
    said = text(changes)
    assert ("Giá trị trung bình của nhóm Nhóm An năm 2025 là 80,00%, năm 2024 là 84,00%: giảm "
            "4,00 điểm phần trăm.") in said
    assert ("Giá trị trung bình của nhóm Nhóm Bình năm 2025 là 72,00%, năm 2024 là 66,00%: "
            "tăng 6,00 điểm phần trăm.") in said
    # the source printed 1,5 for the change of every agency's mean, computed 76 − 75 = 1
    assert ("Giá trị trung bình của tất cả cơ quan, đơn vị năm 2025 là 76,00%, năm 2024 là "
            "75,00%: tăng 1,00 điểm phần trăm (văn bản nguồn in 1,5).") in said
    prev = span(changes, "84,00%")
    assert prev.url == urls.group_url(2024, "a")
    group = text(section(three_years[2024], "nhom-a"))
    assert ("Giá trị trung bình của nhóm là 84,00%, cao nhất là Đơn vị A3 với 92,00%, thấp nhất "
            "là Đơn vị A1 với 75,00%; khoảng cách giữa đơn vị cao nhất và thấp nhất là "
            "17,00 điểm %.") in group


# ---- Points, one component ------------------------------------------------------------------

POINTS = {
    "groups.csv": "group_id,name,short_name,order,active_from,active_to\nxa,\"Xã, phường\",Xã,1,,",
    "units.csv": """
unit_id,name,short_name,group_id,parent_id,aliases,active_from,active_to,successor_id,note
xa-an,Xã An,An,xa,,,,,,
xa-binh,Xã Bình,Bình,xa,,,,,,
xa-chau,Xã Châu,Châu,xa,,,,,,
""",
    "fields.csv": "field_id,name,short_name,order",
    "components.csv": "component_id,name,short_name,order\ndiem,Điểm,Điểm,1",
    "bands.csv": """
year_from,year_to,band_id,name,order,min_pct,min_inclusive,max_pct,max_inclusive
2025,,tot,Tốt,1,800,true,,
2025,,kha,Khá,2,,,800,false
""",
    "sources.csv": "source_id,title,number,date,issuer,url,note\ntb,Thông báo,,,,,",
    "2025/scores.csv": SCORES + "xa-an,,910.500,910.500,,1,tot,,tb,\n"
                                "xa-binh,,850.250,850.250,,2,tot,,tb,\n"
                                "xa-chau,,700.000,700.000,,3,kha,,tb,\n",
}


def test_a_points_province_gets_its_report_in_points(tmp_path):
    root = write_package(tmp_path / "data", POINTS, scores_components=["diem"])
    desc = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    desc |= {"decimalChar": ".", "portal": {"index": {"name": "Điểm CCHC", "scale": "points"},
                                            "members": "xã, phường"}}
    (root / "datapackage.json").write_text(json.dumps(desc, ensure_ascii=False), encoding="utf-8")
    dataset, found = load(Path(root))
    assert dataset is not None, str(found)
    page = reports(score(dataset))[2025]
    assert page.title == "Báo cáo kết quả Điểm CCHC năm 2025"
    overview = text(section(page, "tong-quan"))
    # by hand: (910,500 + 850,250 + 700,000) / 3 = 820,25
    assert ("Giá trị trung bình điểm CCHC của tất cả xã, phường là 820,25 điểm, cao nhất là "
            "Xã An với 910,500 điểm") in overview
    group = section(page, "nhom-xa")
    assert "cao nhất là Xã An với 910,500 điểm" in text(group)
    assert "khoảng cách giữa đơn vị cao nhất và thấp nhất là 210,50 điểm." in text(group)
    assert "%" not in text(group) + overview
    assert group.table.header == ("Xã, phường", "Điểm", "Xếp loại", "Thứ hạng")
    doc = docx.Document(io.BytesIO(report_docx(page)))
    assert any("820,25 điểm" in p.text for p in doc.paragraphs)


def test_a_partial_table_says_what_was_not_published_and_computes_nothing_of_it(tmp_path):
    tables = {**THREE_YEARS, "2025/scores.csv": _scores(
        {k: v for k, v in YEARS[2025].items() if k != "b-3"})}  # b-3 active, not printed
    dataset, found = load(write_package(tmp_path / "data", tables, scores_components=["diem"]))
    assert dataset is not None, str(found)
    page = reports(score(dataset))[2025]
    said = text(section(page, "nhom-b"))
    assert said == ("Văn bản nguồn chỉ công bố kết quả của 2 trên 3 cơ quan, đơn vị của nhóm; "
                    "văn bản nguồn không in trung bình, cao nhất, thấp nhất và số theo xếp "
                    "loại, và các số này không tính được khi thiếu kết quả của các đơn vị còn "
                    "lại.")
    assert "Văn bản nguồn chỉ công bố kết quả của 5 trên 6" in text(section(page, "tong-quan"))
    changes = text(section(page, "thay-doi"))
    assert "nhóm Nhóm An năm 2025" in changes and "Nhóm Bình" not in changes
    # the year's mean needs every member: only the change the source printed, as printed
    assert ("Giá trị trung bình của tất cả cơ quan, đơn vị tăng 1,5% so với năm trước (theo "
            "văn bản nguồn).") in changes
