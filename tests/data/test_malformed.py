"""Malformed input (issue 18, and issue 13's "no silent drop"): one regression test per case.

Each case damages a copy of the real data package as the issue's reproducer did. Every one ends
in a Vietnamese problem naming the file (and the row and column where there is one) and in exit
1 from `parindex validate`, or, where the input is legitimate, in the data loading with a
message saying what was done; never a traceback, never a published number changed silently.
The schemas and the descriptor (case 6) are in test_profile.py; the build's side (case 1,
and a build that would take a year or agencies off the site) in tests/plugin/test_build.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook

from parindex.data.dataset import load
from parindex.scoring.compare import compare
from parindex.scoring.score import score
from parindex.site.pages import plan
from tests.conftest import copy_real
from tests.helpers import edit, run_cli, set_cell


def errors(root: Path, code: str) -> list:
    dataset, report = load(root)
    assert dataset is None, "the damage was accepted"
    return [p for p in report.errors if p.code == code]


def refused(root: Path) -> str:
    """`parindex validate` on `root`: exit 1, no traceback; its output."""
    done = run_cli("validate", str(root))
    assert done.returncode == 1 and "Traceback" not in done.stdout + done.stderr, done.stderr
    return done.stdout


def drop_column(column: str):
    def change(header, body):
        i = header.index(column)
        header.pop(i)
        for r in body:
            r.pop(i)
    return change


def rename_header(old: str, new: str):
    def change(header, body):
        header[header.index(old)] = new
    return change


def header_only(header, body):
    body.clear()


# ---- 1 and 8: year folders; a year without field scores -------------------------------------

@pytest.mark.parametrize("name", ["2023a", "2023.bak", "năm 2023", "2023 "])
def test_1_8_a_year_folder_not_named_as_a_year_is_an_error(tmp_path, name):
    data = copy_real(tmp_path)
    (data / "2023").rename(data / name)
    [p] = errors(data, "year-folder")
    assert (p.file, p.value, p.hint) == (f"{name}/", name, "có phải ý bạn là '2023'?")
    assert f"LỖI {name}/: giá trị '{name}' — thư mục của một năm phải mang đúng tên năm" in \
        refused(data)


def test_8_a_backup_beside_its_year_is_an_error_saying_so(tmp_path):
    data = copy_real(tmp_path)
    shutil.copytree(data / "2023", data / "2023.bak")
    [p] = errors(data, "year-folder")
    assert p.file == "2023.bak/" and "bản sao lưu" in p.hint


def test_1_a_year_without_field_scores_loads_scores_and_says_what_is_left_out(tmp_path):
    data = copy_real(tmp_path)
    (data / "2023/field_scores.csv").unlink()
    dataset, report = load(data)
    assert dataset is not None, str(report)
    [w] = [p for p in report.warnings if p.code == "no-field-scores"]
    assert str(w) == ("CẢNH BÁO fields.csv: fields.csv có 8 lĩnh vực nhưng không năm nào có "
                      "điểm theo lĩnh vực (bảng field_scores): trang web không có phần lĩnh vực")
    results = score(dataset)
    compare(results)
    assert [p.build() for p in plan(results)]  # the page models that failed with 'group_id'
    done = run_cli("validate", str(data))
    assert done.returncode == 0 and "không năm nào có điểm theo lĩnh vực" in done.stdout


# ---- 2: a broken workbook --------------------------------------------------------------------

@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 cut short"], ids=["zero-byte", "corrupt"])
def test_2_a_zero_byte_or_corrupt_workbook_is_named(tmp_path, content):
    data = copy_real(tmp_path)
    (data / "2023.xlsx").write_bytes(content)
    [p] = errors(data, "xlsx")
    assert p.file == "2023.xlsx"
    assert "LỖI 2023.xlsx: tệp phải là bảng tính Excel (.xlsx) đọc được" in refused(data)


def test_2_a_broken_table_workbook_is_one_problem_not_a_flood(tmp_path):
    data = copy_real(tmp_path)
    (data / "units.csv").unlink()
    (data / "units.xlsx").write_bytes(b"")
    _, report = load(data)
    assert [(p.code, p.file) for p in report.errors] == [("xlsx", "units.xlsx")]


# ---- 3 and 5: numbers too long, exponents and infinities -------------------------------------

@pytest.mark.parametrize("file,row,column", [
    ("groups.csv", 2, "order"), ("units.csv", 2, "active_from"), ("bands.csv", 2, "year_from"),
    ("2023/scores.csv", 21, "rank_published")])
@pytest.mark.parametrize("value", ["1e308", "Infinity", "-inf", "9" * 30])
def test_3_an_integer_column_holding_1e308_or_infinity_is_a_type_error(tmp_path, file, row,
                                                                       column, value):
    data = copy_real(tmp_path)
    edit(data / file, set_cell(row, column, value))
    hits = errors(data, "type")
    assert [(p.file, p.row, p.column, p.value) for p in hits] == [(file, row, column, value)]


def test_5_a_huge_published_statistic_is_refused_not_rounded(tmp_path):
    data = copy_real(tmp_path)
    edit(data / "2023/published_stats.csv", set_cell(2, "value", "99999999999999999999999"))
    [p] = errors(data, "type")
    assert str(p) == ("LỖI 2023/published_stats.csv, dòng 2, cột 'value': giá trị "
                      "'99999999999999999999999' — số có hơn 15 chữ số: kiểm tra lại giá trị")


@pytest.mark.parametrize("value", ["1e-400", "8.384e1", "Infinity", "NaN", "+inf"])
def test_13_exponents_and_infinities_are_not_numbers(tmp_path, value):
    data = copy_real(tmp_path)
    edit(data / "2023/scores.csv", set_cell(21, "sipas", value))
    [p] = errors(data, "type")
    assert (p.file, p.row, p.column, p.value) == ("2023/scores.csv", 21, "sipas", value)


# ---- 4 and 9: a table with only its header ---------------------------------------------------

def test_4_scores_reduced_to_their_header_is_an_error_not_a_year_gone(tmp_path):
    data = copy_real(tmp_path)
    edit(data / "2023/scores.csv", header_only)
    _, report = load(data)
    codes = {(p.code, p.file) for p in report.errors}
    assert {("header-only", "2023/scores.csv"), ("no-scores", "2023/field_scores.csv")} <= codes
    check = run_cli("check", str(data))  # raised KeyError 'band_id'
    assert check.returncode == 1 and "Traceback" not in check.stderr
    assert "LỖI 2023/scores.csv: tệp chỉ có dòng tiêu đề" in check.stderr


def test_9_field_maxima_reduced_to_their_header_is_an_error(tmp_path):
    data = copy_real(tmp_path)
    edit(data / "2023/field_maxima.csv", header_only)
    [p] = errors(data, "header-only")
    assert p.file == "2023/field_maxima.csv" and "xóa tệp" in p.hint


# ---- 7: names resolved before keys -----------------------------------------------------------

@pytest.mark.parametrize("file,row,first", [("2023/scores.csv", 2, 26),
                                            ("2023/field_scores.csv", 2, 194)])
def test_7_a_name_in_place_of_another_agencys_id_is_a_duplicate(tmp_path, file, row, first,
                                                                real_dataset):
    data = copy_real(tmp_path)
    # so-tu-phap's row now names UBND huyện Thạnh Trị (by name), which has its own rows
    edit(data / file, set_cell(row, "unit_id", "UBND huyện Thạnh Trị"))
    dup = [p for p in errors(data, "duplicate-row") if p.file == file]
    assert [(p.row, p.value) for p in dup][:1] == [(max(row, first), "ubnd-huyen-thanh-tri"
                                                    + ("" if "/scores" in file else
                                                       ", chi-dao-dieu-hanh"))]


def test_7_a_field_score_given_to_another_agency_by_name_is_a_gap_said(tmp_path):
    """The agency named has no score in that field, so there is no duplicate: the agency that
    lost its row is named, as lacking a field the rest of its group has."""
    data = copy_real(tmp_path)
    edit(data / "2023/field_scores.csv",
         set_cell(102, "unit_id", "Ngân hàng Nhà nước Chi nhánh tỉnh Sóc Trăng"))
    dataset, report = load(data)
    [w] = [p for p in report.warnings if p.code == "missing-field-score"]
    assert (w.file, w.value) == ("2023/field_scores.csv", "so-ke-hoach-va-dau-tu, che-do-cong-vu")


# ---- 10: declared columns missing ------------------------------------------------------------

@pytest.mark.parametrize("column", ["index_published", "max_score", "total_published", "sipas",
                                    "rank_published"])
def test_10_a_missing_column_of_numbers_is_an_error(tmp_path, column):
    data = copy_real(tmp_path)
    edit(data / "2023/scores.csv", drop_column(column))
    [p] = errors(data, "missing-column")
    assert (p.file, p.row, p.column) == ("2023/scores.csv", 1, column)
    assert "cột số liệu" in p.expected


def test_10_a_renamed_header_is_an_error_with_the_name_it_may_have_meant(tmp_path):
    data = copy_real(tmp_path)
    edit(data / "2023/scores.csv", rename_header("index_published", "index_publishd"))
    dataset, report = load(data)
    assert dataset is None
    found = {(p.code, p.column, p.hint) for p in report.errors}
    assert ("undeclared-component", "index_publishd", "có phải ý bạn là 'index_published'?") \
        in found
    assert ("missing-column", "index_published", "thêm cột vào dòng tiêu đề, hoặc sửa tên cột "
            "nếu gõ sai") in found


def test_10_a_missing_text_column_is_a_warning_saying_it_is_taken_as_empty(tmp_path):
    data = copy_real(tmp_path)
    edit(data / "2023/scores.csv", drop_column("note"))
    dataset, report = load(data)
    assert dataset is not None, str(report)
    [w] = [p for p in report.warnings if p.code == "absent-column"]
    assert str(w).startswith("CẢNH BÁO 2023/scores.csv, dòng 1, cột 'note': không có cột "
                             "'note' (Ghi chú): mọi ô của cột này được coi là trống")


# ---- 11: a component deleted -----------------------------------------------------------------

def test_11_a_component_row_deleted_leaves_its_column_undeclared(tmp_path):
    data = copy_real(tmp_path)
    edit(data / "components.csv", lambda header, body: body.pop(1))  # survey_staff
    found = errors(data, "undeclared-component")
    assert [(p.file, p.row, p.column) for p in found] == [
        (f"{year}/scores.csv", 1, "survey_staff") for year in (2021, 2023)]
    assert "nên tổng điểm không tính nó" in str(found[0]) and "components.csv" in found[0].hint


# ---- 12: a file cut inside a quoted cell -----------------------------------------------------

@pytest.mark.parametrize("file", ["2023/scores.csv", "2023/field_maxima.csv", "sources.csv"])
def test_12_a_file_cut_inside_a_quoted_cell_is_an_error_at_that_row(tmp_path, file):
    data = copy_real(tmp_path)
    text = (data / file).read_text(encoding="utf-8")
    start = text.index(',"') + 1  # the first quoted cell
    (data / file).write_text(text[:start + 12], encoding="utf-8")
    row = text[:start].count("\n") + 1  # no quoted cell before it: lines are rows
    [p] = errors(data, "unclosed-quote")
    assert (p.file, p.row) == (file, row)
    assert "không có dấu đóng" in str(p)


def test_12_a_quoted_cell_ending_in_an_escaped_quote_is_still_open(tmp_path):
    data = copy_real(tmp_path)
    text = (data / "sources.csv").read_text(encoding="utf-8")
    cut = text.index('(""') + 3  # '… (""Số: /BC-UBND' cut after the escaped quote
    (data / "sources.csv").write_text(text[:cut], encoding="utf-8")
    assert errors(data, "unclosed-quote")


# ---- 13: field scores without a score row; a year of field scores without scores --------------

def test_13_an_agency_with_field_scores_but_no_score_row_is_an_error(tmp_path):
    data = copy_real(tmp_path)
    edit(data / "2023/scores.csv", lambda header, body: body.pop(19))  # Mỹ Xuyên, row 21
    found = errors(data, "unscored")  # its field scores, and the highest index it holds
    assert [(p.file, p.value) for p in found] == [
        ("2023/field_scores.csv", "ubnd-huyen-my-xuyen"),
        ("2023/published_stats.csv", "ubnd-huyen-my-xuyen")]


def test_13_an_agency_a_published_statistic_names_needs_its_score_row(tmp_path):
    """2021 prints only each group's leader: deleting a leader's row is said, because the
    year's highest index names it."""
    data = copy_real(tmp_path)
    edit(data / "2021/scores.csv", lambda header, body: body.pop(0))  # Sở Xây dựng
    [p] = errors(data, "unscored")
    assert str(p).startswith("LỖI 2021/published_stats.csv, dòng 6, cột 'unit_id': giá trị "
                             "'so-xay-dung' — đơn vị có trong bảng published_stats năm 2021 "
                             "nhưng không có dòng trong bảng điểm (scores) của năm")


def test_a_year_with_field_scores_but_no_scores_is_an_error(tmp_path):
    data = copy_real(tmp_path)
    (data / "2023/scores.csv").unlink()
    [p] = errors(data, "no-scores")
    assert str(p).startswith("LỖI 2023/field_scores.csv: năm 2023 có field_scores, "
                             "field_maxima nhưng không có dòng điểm nào")


# ---- issue 13, "no silent drop": files that are no table -------------------------------------

@pytest.mark.parametrize("name,hint", [
    ("score.csv", "có phải ý bạn là 'scores.csv'?"),
    ("Scores.csv", "có phải ý bạn là 'scores.csv'?"),
    ("scores.csv.bak", "có phải ý bạn là 'scores.csv'?"),
    ("diem.csv", "tên các bảng: scores.csv, field_scores.csv, field_maxima.csv, "
                 "published_stats.csv, innovations.csv, indicators.csv")])
def test_a_misspelt_table_is_an_error_naming_the_table_it_may_be(tmp_path, name, hint):
    data = copy_real(tmp_path)
    (data / "2023/scores.csv").rename(data / "2023" / name)
    [p] = errors(data, "unknown-file")
    assert (p.file, p.hint) == (f"2023/{name}", hint)


def test_an_old_xls_is_an_error_saying_how_to_save_it(tmp_path):
    data = copy_real(tmp_path)
    (data / "2023/scores.xls").write_bytes(b"\xd0\xcf\x11\xe0 an old workbook")
    [p] = errors(data, "unknown-file")
    assert str(p) == ("LỖI 2023/scores.xls: bảng tính dạng .xls không đọc được (mở tệp trong "
                      "Excel, chọn 'Lưu thành' > 'Sổ làm việc Excel (.xlsx)' và đặt tên theo "
                      "tên bảng, ví dụ scores.xlsx)")


def test_an_unknown_sheet_is_an_error_and_an_empty_one_is_skipped(tmp_path):
    data = copy_real(tmp_path)
    wb = Workbook()
    wb.active.title = "Sheet1"  # empty: Excel's default sheet
    ws = wb.create_sheet("Scores")
    ws.append(["unit_id"])
    wb.save(data / "2024.xlsx")
    [p] = errors(data, "unknown-sheet")
    assert str(p) == ("LỖI 2024.xlsx, trang tính 'Scores': tên trang tính phải là tên một "
                      "bảng; trang tính này không được đọc (có phải ý bạn là 'scores'?)")


def test_hidden_files_and_office_lock_files_are_skipped(tmp_path):
    data = copy_real(tmp_path)
    (data / ".DS_Store").write_bytes(b"\0")
    (data / "2023" / "~$scores.xlsx").write_bytes(b"\0")
    dataset, report = load(data)
    assert dataset is not None and report.ok, str(report)
