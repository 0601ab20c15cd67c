"""Published against computed, and the source against itself (parindex/scoring/compare.py,
`parindex check`): differences listed at the source's precision, never hidden.

The cases are the 2023 report's (seed document 002); each expected outcome is worked out by hand
in the test from the numbers the report prints, not taken from the program's output.
"""

import csv

import pytest

from parindex.data.dataset import load
from parindex.fmt import Printed
from parindex.scoring.compare import agrees, assess, compare, refused, verdict
from parindex.scoring.score import score
from tests.conftest import copy_real
from tests.helpers import edit, run_cli, set_cell


def stat_rows(diffs, **match):
    return [d for d in diffs if d.file == "2023/published_stats.csv"
            and all(getattr(d, k) == v for k, v in match.items())]


# ---- The rule: some choice of the inputs within their printed precision --------------------


def test_a_printed_value_stands_for_half_a_unit_of_its_last_digit():
    # 36,2 stands for 36,15–36,25; 50,02 for 50,015–50,025
    one = Printed(36.2, 1)  # as read from "36,2"
    assert agrees(one, 36.24, 36.30) and not agrees(one, 36.26, 36.30)
    assert agrees(50.02, 49.964, 50.036) and not agrees(50.02, 49.90, 50.01)


def test_verdict_at_the_printed_precision():
    assert verdict(Printed(36.2, 1), 36.1818) is None  # rounds to 36,2: nothing to say
    assert verdict(36.2, 36.1818) == "mismatch"  # 36,20 (two decimals) is another number
    assert verdict(82.94, 82.9467, (82.9417, 82.9517)) == "rounding"
    assert verdict(6.76, 14.78, (14.77, 14.79)) == "mismatch"
    assert verdict(3, 3, exact=True) is None and verdict(4, 3, exact=True) == "mismatch"


def test_an_index_from_components_printed_with_two_decimals_carries_their_rounding(real):
    # Thạnh Trị: 45,31 + 13,78 + 14,62 = 73,71, each ± 0,005, so 73,695–73,725; ÷ 95,25 × 100
    # = 77,370–77,402 %. Printed 77,38 (77,375–77,385) is one of them, though 77,3858 → 77,39.
    diffs, _ = compare(real)
    (d,) = [d for d in diffs if d.subject == "UBND huyện Thạnh Trị" and d.what == "chỉ số"]
    assert (d.published, d.computed, d.kind, d.severity) == ("77,38", "77,39", "rounding",
                                                             "rounding")
    assert all(d.kind == "rounding" for d in diffs if d.what in ("chỉ số", "tổng điểm"))


def test_a_field_percentage_carries_the_rounding_of_its_score(real):
    # Trần Đề's field 1: 7,00 of 14 is 50,00 %, but 7,00 stands for 6,995–7,005: 49,96–50,04 %.
    # The printed 50,02 is within: a rounding difference, not an error.
    diffs, _ = compare(real)
    (d,) = stat_rows(diffs, what="thấp nhất của lĩnh vực Công tác chỉ đạo điều hành CCHC")
    assert (d.published, d.computed, d.kind) == ("50,02", "50", "rounding")


def test_a_value_printed_with_one_decimal_is_compared_at_one_decimal(real):
    # Sở Tài chính's field 1: 3,98 / 11 = 36,18 %, printed 36,2: the same at one decimal
    diffs, _ = compare(real)
    assert not [d for d in stat_rows(diffs) if d.published == "36,2"]


def _row_of(data, text):
    lines = (data / "2023/published_stats.csv").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if line.startswith(text))


@pytest.mark.parametrize("printed, kind", [("36,1", "rounding"), ("36,4", "mismatch")])
def test_a_one_decimal_value_differs_beyond_its_last_digit(tmp_path, printed, kind):
    # 3,98 stands for 3,975–3,985: 36,14–36,23 % of 11. 36,1 stands for 36,05–36,15: within;
    # 36,4 for 36,35–36,45: beyond.
    data = copy_real(tmp_path)
    row = _row_of(data, "so-nganh,chi-dao-dieu-hanh,min,")
    edit(data / "2023/published_stats.csv", set_cell(row, "value", printed))
    dataset, _ = load(data)
    (hit,) = stat_rows(compare(score(dataset))[0], row=row)
    assert (hit.published, hit.computed, hit.kind) == (printed, "36,18", kind)


# ---- The report's known errors ----------------------------------------------------------------


def test_the_reports_wrong_district_spread_is_serious(real):
    # 83,84 − 69,06 = 14,78 (each ± 0,005: 14,77–14,79); the report prints 6,76
    (d,) = [d for d in compare(real)[0] if d.published == "6,76"]
    assert (d.subject, d.what, d.computed, d.kind, d.severity) == (
        "UBND cấp huyện", "khoảng cách cao nhất – thấp nhất", "14,78", "mismatch", "serious")
    assert d.location == "Đoạn văn, mục II.1"


def test_the_central_agencies_field_spread_printed_43_03_is_serious(real):
    # 25,25 / 29 = 87,07 %; 11,19 / 26 = 43,04 %: 87,07 − 43,04 = 44,03, printed 43,03. The
    # maxima are inferred, but the report's own 87,07 and 43,04 give 44,03 too: serious.
    (d,) = stat_rows(compare(real)[0], published="43,03",
                     what="khoảng cách cao nhất – thấp nhất của lĩnh vực "
                          "Công tác chỉ đạo điều hành CCHC")
    assert (d.computed, d.severity) == ("44,03", "serious")


def test_one_figure_printed_with_two_values_is_found(real):
    # the central agencies' mean: 82,94 in the table, 82,95 in the text
    (d,) = [d for d in compare(real)[0] if d.kind == "conflict"]
    assert d.subject == "Cơ quan Trung ương đặt tại tỉnh" and d.what == "trung bình"
    assert "82,94 (Bảng" in d.published and "82,95 (Đoạn văn" in d.published
    assert d.severity == "notice" and len(d.rows) == 2


def test_the_blocks_copied_into_sections_2_2_and_2_3_are_found(real):
    copied = [d for d in compare(real)[0] if d.kind == "copied"]
    assert [(d.subject, d.what, d.location) for d in copied] == [
        ("UBND cấp huyện", "các số của lĩnh vực Cải cách thể chế", "Đoạn văn, mục II.2.2"),
        ("Cơ quan Trung ương đặt tại tỉnh", "các số của lĩnh vực Cải cách TTHC",
         "Đoạn văn, mục II.2.3")]
    assert "cao nhất 80,64 (UBND huyện Mỹ Xuyên)" in copied[0].published
    assert "Công tác chỉ đạo điều hành CCHC" in copied[0].computed
    assert "mục II.2.1" in copied[0].computed
    assert all(d.severity == "serious" and len(d.rows) == 3 for d in copied)
    # a copied number is not checked as this section's (its spread is not "30,62 from 80,64 −
    # 50,02" again)
    rows = {r for d in copied for r in d.rows}
    assert not [d for d in compare(real)[0] if d.kind != "copied" and d.row in rows]


def test_the_gap_between_fields_is_checked_against_the_printed_field_means(real):
    # "93,65% … 63,4% … khoảng cách 30,26%": 93,65 − 63,40 = 30,25, each ± 0,005, 30,24–30,26.
    # 30,26 is within: listed as a rounding difference, never a footnote on a page.
    (d,) = stat_rows(compare(real)[0], what="khoảng cách giữa lĩnh vực cao nhất và thấp nhất")
    assert (d.published, d.computed, d.kind) == ("30,26", "30,25", "rounding")
    assert "93,65 − 63,40" in d.note


def test_the_misspelt_district_is_found_with_where_it_is_quoted(real):
    (d,) = [d for d in compare(real)[0] if d.kind == "name"]
    assert d.subject == "UBND huyện Thạnh Trị" and d.severity == "notice"
    assert "“UBND huyện Thanh Trì”" in d.published
    assert "innovations.csv dòng 22" in d.note  # "… tại huyện Thanh Trì."
    # a variant in punctuation only is another spelling, not an error
    assert "Thương binh" not in d.published


def test_field_scores_are_added_up_against_the_total(real):
    # Long Phú: 10,17 + 4,90 + 6,00 + 6,17 + 2,25 + 2,75 + 13,19 + 33,60 = 79,03; printed
    # total 79,04: the eight scores stand for 79,03 ± 0,04, so a rounding difference
    (d,) = [d for d in compare(real)[0]
            if d.subject == "UBND huyện Long Phú" and d.file == "2023/field_scores.csv"]
    assert (d.published, d.computed, d.kind) == ("79,04", "79,03", "rounding")


def test_field_scores_that_do_not_add_up_are_serious(tmp_path):
    data = copy_real(tmp_path)
    edit(data / "2023/scores.csv", set_cell(22, "total_published", "80,04"))  # Long Phú
    dataset, _ = load(data)
    (d,) = [d for d in compare(score(dataset))[0]
            if d.subject == "UBND huyện Long Phú" and d.file == "2023/field_scores.csv"]
    assert (d.published, d.computed, d.severity) == ("80,04", "79,03", "serious")


def test_band_counts_are_added_up_against_the_group(real, tmp_path):
    # the departments: 4 + 14 + 1 = 19 members, as the report prints; 4 + 15 + 1 = 20 is not
    assert not [d for d in compare(real)[0] if d.what == "tổng số đơn vị theo xếp loại"]
    data = copy_real(tmp_path)
    row = _row_of(data, "so-nganh,,count,nhom-3,")
    edit(data / "2023/published_stats.csv", set_cell(row, "value", "15"))
    (d,) = [d for d in compare(score(load(data)[0]))[0]
            if d.what == "tổng số đơn vị theo xếp loại"]
    assert (d.published, d.computed, d.severity) == ("4 + 15 + 1 = 20", "19 đơn vị", "serious")


def test_department_statistics_are_unverifiable_not_agreeing(real):
    assert assess(real).unverifiable > 0


def test_a_wrong_published_value_is_reported(tmp_path):
    data = copy_real(tmp_path)
    edit(data / "2023/scores.csv", set_cell(21, "index_published", "73,84"))
    dataset, report = load(data)
    diffs, _ = compare(score(dataset))
    hit = [d for d in diffs if d.row == 21 and d.what == "chỉ số"]
    assert len(hit) == 1 and hit[0].kind == "mismatch" and hit[0].published == "73,84"
    assert hit[0].computed == "83,84"


# ---- parindex check ---------------------------------------------------------------------------


def test_check_reports_in_vietnamese_by_severity_with_few_serious_lines():
    done = run_cli("check", "data")
    assert done.returncode == 0
    out = done.stdout
    serious = [line for line in out.splitlines() if line.startswith("SAI KHÁC")]
    assert 1 <= len(serious) <= 10
    assert any("6,76" in line and "14,78" in line for line in serious)
    assert out.index("== Sai khác") < out.index("== Cần xem") < out.index("== Khác biệt do")
    assert "LÀM TRÒN 2023/scores.csv" in out and "77,38" in out
    for english in ("spread", "mean", " max", " min", "count"):
        assert english not in out.replace("published_stats", "").replace("scores.csv", "")
    assert "Tổng cộng: 4 sai khác thật" in out


def test_a_three_decimal_index_is_checked_to_three_decimals(three_decimals):
    root = three_decimals("2024/scores.csv", "97,685;1;xuat-sac", "97,785;1;xuat-sac")
    dataset, _ = load(root)
    diffs = compare(score(dataset))[0]
    (hit,) = [d for d in diffs if d.what == "chỉ số"]
    (mean,) = [d for d in diffs if d.what == "trung bình"]  # of the printed indices
    assert (mean.published, mean.computed) == ("88,714", "88,748")
    assert (hit.subject, hit.published, hit.computed, hit.kind) == (
        "Sở Tư pháp", "97,785", "97,685", "mismatch")
    assert compare(score(load(three_decimals())[0])) == ([], 0)


# The build refuses to publish a wrong number (compare.refused): an index, rank or band beyond
# rounding, unless the row declares it a known error of the source.

def known_error(row: int, columns: str):
    """Declare, in row `row` of scores.csv, `columns` a known error of the source (the real
    data declares none, so its file has no such column yet)."""
    def change(header, body):
        if "known_error" not in header:
            header.append("known_error")
            for r in body:
                r.append("")
        body[row - 2][header.index("known_error")] = columns
    return change


def scored(data):
    dataset, report = load(data)
    assert dataset is not None, str(report)
    return score(dataset)


def test_the_real_data_has_nothing_refused(real):
    # rounding differences, and the report's wrong spreads and field means, are published
    assert refused(real) == []


def test_a_printed_index_five_points_off_is_refused_naming_file_row_agency_and_values(tmp_path):
    data = copy_real(tmp_path)
    edit(data / "2023/scores.csv", set_cell(25, "index_published", "83.08"))  # Kế Sách 78,08
    results = scored(data)
    wrong = refused(results)
    assert [str(p) for p in refused(results, assess(results))] == [str(p) for p in wrong]
    assert str(wrong[0]) == (
        "LỖI 2023/scores.csv, dòng 25, cột 'index_published': giá trị '83,08' — UBND huyện Kế "
        "Sách: chỉ số công bố 83,08, tính lại 78,08 (khác quá mức làm tròn); cổng không đăng "
        "số sai (dò lại số đã chép với văn bản; nếu văn bản in đúng như vậy, ghi "
        "'index_published' vào cột known_error của dòng này và giải thích trong note)")
    # the wrong index moves its group's ranks: those follow, each named
    assert [(p.row, p.column) for p in wrong[1:]] == [
        (23, "rank_published"), (24, "rank_published"), (25, "rank_published")]


def test_a_known_error_of_the_source_is_published_and_listed_as_such(tmp_path):
    data = copy_real(tmp_path)
    edit(data / "2023/scores.csv", set_cell(30, "index_published", "79.99"))  # Trần Đề 69,99
    edit(data / "2023/scores.csv", known_error(30, "index_published"))
    results = scored(data)
    assert refused(results) == []
    # the index of record is the computed one: Trần Đề stays 10th of 11, in its band
    tran_de = results.year(2023).set_index("unit_id").loc["ubnd-huyen-tran-de"]
    assert (round(tran_de["index_official"], 2), tran_de["rank"], tran_de["band_id"]) == (
        69.99, 10, "nhom-3")
    done = run_cli("check", str(data))
    assert ("SAI KHÁC (lỗi của văn bản nguồn, đã ghi trong known_error) 2023/scores.csv, "
            "dòng 30 — UBND huyện Trần Đề, chỉ số: công bố 79,99, tính lại 69,99") in done.stdout


def test_a_known_error_names_published_columns(tmp_path):
    data = copy_real(tmp_path)
    edit(data / "2023/scores.csv", known_error(30, "chỉ số"))
    _, report = load(data)
    assert [(p.code, p.row, p.column) for p in report.errors] == [("enum", 30, "known_error")]


def test_a_printed_band_that_is_not_the_computed_one_is_refused(tmp_path):
    data = copy_real(tmp_path)
    edit(data / "2023/scores.csv", set_cell(36, "band_published", "nhom-2"))  # Công an: nhóm 1
    (wrong,) = refused(scored(data))
    assert (wrong.row, wrong.column, wrong.value) == (36, "band_published", "nhom-2")
    assert "xếp loại công bố nhom-2, tính lại nhom-1" in wrong.expected


def test_a_percent_formatted_index_in_a_workbook_table_is_refused(tmp_path):
    from openpyxl import Workbook

    data = copy_real(tmp_path)
    path = data / "2023/scores.csv"
    table = list(csv.reader(path.open(encoding="utf-8")))
    path.unlink()
    wb = Workbook()
    for row in table:
        wb.active.append(row)
    cell = wb.active.cell(21, table[0].index("index_published") + 1)  # Mỹ Xuyên, 83,84 %
    cell.value, cell.number_format = 0.8384, "0.00%"
    wb.save(data / "2023/scores.xlsx")
    done = run_cli("validate", str(data))
    assert done.returncode == 1
    assert "LỖI 2023/scores.xlsx, dòng 21, cột 'index_published'" in done.stdout
