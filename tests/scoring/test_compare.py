"""Published against computed (parindex/scoring/compare.py, `parindex check`): differences
listed, never hidden."""

import csv

import pytest

from parindex.data.dataset import load
from parindex.scoring.compare import compare, refused
from parindex.scoring.score import score
from tests.conftest import copy_real
from tests.helpers import edit, run_cli, set_cell


def test_real_data_shows_the_reports_rounding_differences(real):
    diffs, _ = compare(real)
    thanh_tri = [d for d in diffs if d.subject == "UBND huyện Thạnh Trị" and d.what == "chỉ số"]
    assert len(thanh_tri) == 1  # printed 77,38; 73,71 / 95,25 = 77,3858…
    assert (thanh_tri[0].published, thanh_tri[0].computed, thanh_tri[0].kind) == (
        "77,38", "77,39", "rounding")
    assert all(d.kind == "rounding" for d in diffs if d.what in ("chỉ số", "tổng điểm"))


def test_the_reports_wrong_district_spread_is_a_mismatch(real):
    diffs, _ = compare(real)
    spread = [d for d in diffs if d.what.startswith("spread") and d.published == "6,76"]
    assert len(spread) == 1 and spread[0].computed == "14,78" and spread[0].kind == "mismatch"


def test_department_statistics_are_unverifiable_not_agreeing(real):
    _, unverifiable = compare(real)
    assert unverifiable > 0


def test_a_wrong_published_value_is_reported(tmp_path):
    data = copy_real(tmp_path)
    edit(data / "2023/scores.csv", set_cell(21, "index_published", "73,84"))
    dataset, report = load(data)
    diffs, _ = compare(score(dataset))
    hit = [d for d in diffs if d.row == 21 and d.what == "chỉ số"]
    assert len(hit) == 1 and hit[0].kind == "mismatch" and hit[0].published == "73,84"
    assert hit[0].computed == "83,84"


def test_check_command_lists_differences_and_exits_zero():
    done = run_cli("check", "data")
    assert done.returncode == 0
    assert "LÀM TRÒN 2023/scores.csv" in done.stdout and "77,38" in done.stdout
    assert "SAI KHÁC" in done.stdout and "6,76" in done.stdout


def test_a_value_is_compared_at_the_precision_it_is_printed_with(real):
    # Sở Tài chính's lowest field score, printed 36,2 (one decimal); 3,98 / 11 = 36,18 %
    diffs, _ = compare(real)
    assert not [d for d in diffs if d.file == "2023/published_stats.csv" and d.row == 40]


@pytest.mark.parametrize("printed, kind", [("36,1", "rounding"), ("36,4", "mismatch")])
def test_a_one_decimal_value_differs_beyond_its_last_digit(tmp_path, printed, kind):
    data = copy_real(tmp_path)
    edit(data / "2023/published_stats.csv", set_cell(40, "value", printed))
    dataset, _ = load(data)
    (hit,) = [d for d in compare(score(dataset))[0] if d.row == 40]
    assert (hit.published, hit.computed, hit.kind) == (printed, "36,18", kind)


def test_a_three_decimal_index_is_checked_to_three_decimals(three_decimals):
    root = three_decimals("2024/scores.csv", "97,685;1;xuat-sac", "97,785;1;xuat-sac")
    dataset, _ = load(root)
    hit, mean = compare(score(dataset))[0]  # the group's printed mean, of printed indices
    assert (mean.published, mean.computed) == ("88,714", "88,748")
    assert (hit.subject, hit.what, hit.published, hit.computed, hit.kind) == (
        "Sở Tư pháp", "chỉ số", "97,785", "97,685", "mismatch")
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
    wrong = refused(scored(data))
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
