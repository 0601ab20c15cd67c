"""What a reader sees first agrees with the data shown (issue 14, points 1–3), on the real site.

Expected numbers are worked out by hand from the 2023 report (seed document 002): a headline is
what the table beside it gives, the report's other value quoted beside it only where the two
differ beyond rounding; what the report does not publish is said once, never shown as empty rows
or as headlines.
"""

import re
from pathlib import Path

import pytest

from tests.htmltree import parse, table_rows


@pytest.fixture(scope="module")
def out(site) -> Path:
    return site.output


def page(out: Path, url: str):
    return parse(out / url / "index.html")


def stat(doc, label: str, nth: int = 0) -> str:
    """The text of a statistic of a page's nth list of statistics (`dl.stats`)."""
    dl = doc.find_all("dl", cls="stats")[nth]
    return next(d.text for d in dl.find_all("div") if d.find("dt").text == label)


def notes(doc) -> list[str]:
    section = doc.find_all("section", id="ghi-chu")
    return [li.text for li in section[0].find_all("li")] if section else []


# ---- 1. Headline = consistent with the data shown ---------------------------------------------


def test_district_spread_is_what_the_table_gives_with_the_printed_6_76_beside_it(out):
    doc = page(out, "chi-so/2023/huyen")
    # the table shows 83,84 % (Mỹ Xuyên) and 69,06 % (Vĩnh Châu): 83,84 − 69,06 = 14,78
    text = stat(doc, "Khoảng cách cao nhất – thấp nhất")
    assert text.startswith("Khoảng cách cao nhất – thấp nhất 14,78 điểm %")
    assert "(văn bản nguồn in 6,76" in text
    # the report's table: (83,84 + 83,20 + … + 69,06) / 11 = 847,86 / 11 = 77,078 → 77,08
    assert stat(doc, "Trung bình") == "Trung bình 77,08%"


def test_district_ranking_has_at_most_one_rounding_note(out):
    texts = notes(page(out, "chi-so/2023/huyen"))
    assert len([t for t in texts if "làm tròn" in t or "tính lại" in t]) <= 1
    assert any("6,76 (Đoạn văn, mục II.1)" in t for t in texts)
    assert len(texts) <= 3  # 6,76; the table's misspelt name


def test_the_central_agencies_mean_is_the_tables_with_the_other_printed_value_quoted(out):
    # (90,06 + 89,31 + 87,79 + 79,89 + 75,87 + 74,76) / 6 = 497,68 / 6 = 82,9467 → 82,95; the
    # report prints 82,94 in its table and 82,95 in its text
    text = stat(page(out, "chi-so/2023/trung-uong"), "Trung bình")
    assert text.startswith("Trung bình 82,95%") and "văn bản nguồn in 82,94" in text


def test_the_field_page_headlines_tran_des_50_00_not_50_02(out):
    doc = page(out, "chi-so/2023/linh-vuc/chi-dao-dieu-hanh")
    main = doc.find("main").text
    # Trần Đề's 7,00 of 14 is 50,00 %, as its row shows; the printed 50,02 is within the
    # rounding of 7,00 (6,995–7,005: 49,96–50,04 %), so no note at all
    assert "50,02" not in main
    huyen = [r for r in table_rows(doc.find("table", id="bang-huyen"))
             if r[0].startswith("UBND huyện Trần Đề")]
    assert huyen[0][1] == "50,00%"  # name, rate, score, maximum (a phone sees the rate)
    assert stat(doc, "Thấp nhất", 1).startswith("Thấp nhất 50,00% (UBND huyện Trần Đề)")


def test_the_central_agencies_field_spread_is_44_03_with_the_printed_43_03_beside_it(out):
    doc = page(out, "chi-so/2023/linh-vuc/chi-dao-dieu-hanh")
    # 25,25 / 29 = 87,07 % (Công an tỉnh); 11,19 / 26 = 43,04 % (Chi cục Hải quan)
    text = stat(doc, "Khoảng cách cao nhất – thấp nhất", 3)
    assert text.startswith("Khoảng cách cao nhất – thấp nhất 44,03 điểm %")
    assert "văn bản nguồn in 43,03" in text


def test_numbers_copied_from_another_section_are_not_shown_as_this_ones(out):
    doc = page(out, "chi-so/2023/linh-vuc/the-che")
    # section 2.2 repeats 2.1's district sentence (80,64 / 50,02 / 30,63): not the-che's
    text = stat(doc, "Cao nhất", 1)
    assert text.startswith("Cao nhất chưa có số liệu")
    assert "văn bản nguồn in 80,64, lặp lại số của mục khác" in text
    assert "Mỹ Xuyên" not in text


def test_the_home_page_quotes_the_reports_change_as_printed(out):
    main = page(out, "").find("main").text
    assert "giảm 1,91% so với năm trước (theo văn bản nguồn)" in main  # "giảm 1,91 %"
    assert "điểm phần trăm" not in main


# ---- 3. Incomplete groups read as such ---------------------------------------------------------


def test_the_home_page_shows_only_published_values(out):
    main = page(out, "").find("main").text
    assert "chưa có số liệu" not in main and "suy ra" not in main
    card = next(c for c in page(out, "").find_all("article", cls="group-card")
                if "Sở, ban, ngành tỉnh" in c.text)
    assert "Cao nhất: Sở Tư pháp (84,81%)" in card.text
    assert not card.find_all("ol")


def test_the_departments_ranking_says_once_what_was_not_published(out):
    doc = page(out, "chi-so/2023/so-nganh")
    (notice,) = doc.find_all("div", cls="notice")
    assert "chỉ in chỉ số CCHC của 2 trên 19 đơn vị" in notice.text
    assert "Thứ hạng" not in doc.find("p", cls="lead").text
    assert "2/19" not in doc.find("p", cls="lead").text


def test_the_departments_chart_has_no_empty_rows(out):
    rows = (out / "chi-so/2023/so-nganh/chi-so.csv").read_text(encoding="utf-8-sig")
    assert rows.splitlines()[1:] and len(rows.splitlines()) == 3  # header, 84,81 and 58,89
    img = page(out, "chi-so/2023/so-nganh").find("figure", cls="chart").find("img")
    assert "chưa có số liệu" not in img.attrs["alt"]


def test_band_counts_that_follow_by_arithmetic_are_shown_with_a_note(out):
    doc = page(out, "chi-so/2023/so-nganh")
    rows = {r[0]: r[2] for r in table_rows(doc.find("table", id="xep-loai"))}
    assert re.fullmatch(r"0 \(suy ra\) ?\d+", rows["Nhóm 1"])
    assert rows["Nhóm 2"] == "4" and rows["Nhóm 3"] == "14" and rows["Nhóm 4"] == "1"
    assert any("4 + 14 + 1 = 19" in t for t in notes(doc))


def test_an_inferred_rank_is_no_profiles_headline(out):
    doc = page(out, "don-vi/so-khoa-hoc-va-cong-nghe")
    assert "xếp thứ" not in doc.find("p", cls="lead").text
    keys = [d.text for d in doc.find("dl", cls="facts").find_all("div", cls="key")]
    assert not [k for k in keys if "2/19" in k]
    small = [d for d in doc.find("dl", cls="facts").find_all("div") if "2/19" in d.text]
    assert small and small[0].find_all("small") and "suy ra" in small[0].text


# ---- 2. The reconciliation page -----------------------------------------------------------------


def test_the_reconciliation_page_lists_every_difference_with_its_location(out):
    doc = page(out, "du-lieu/doi-chieu")
    serious = table_rows(doc.find("table", id="bang-serious"))
    assert any(r[2] == "6,76" and r[3] == "tính lại 14,78" and r[4] == "Đoạn văn, mục II.1"
               for r in serious)
    assert any("mục II.2.2" in r[4] for r in serious)  # the copied district sentence
    notice = doc.find("table", id="bang-serious").text + doc.find("table", id="bang-notice").text
    assert "82,94" in notice and "Thanh Trì" in notice
    assert "Đối chiếu số liệu" in page(out, "chi-so/2023").text
