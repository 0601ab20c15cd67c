"""Rows and headers of a results sheet (parindex/importer/sheets.py), on small workbooks written
here: each kind of row is said, none is guessed."""

import pytest
from openpyxl import Workbook

from parindex.data.dataset import load
from parindex.importer.context import Context
from parindex.importer.sheets import read_sheets
from parindex.importer.workbook import read
from tests.conftest import DATA

HEADER = ["STT", "Tên cơ quan, đơn vị", "", "Điểm tối đa", "Tổng điểm", "Chỉ số (%)"]


@pytest.fixture(scope="module")
def ctx():
    dataset, _ = load(DATA)
    return Context.of(dataset, 2024)


def imported(tmp_path, ctx, rows, merge=()):
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    for cells in merge:
        wb.active.merge_cells(cells)
    wb.save(tmp_path / "t.xlsx")
    return read_sheets(read(tmp_path / "t.xlsx"), ctx, "t.xlsx")


def test_a_name_column_merged_over_two_columns_is_one_column(tmp_path, ctx):
    out = imported(tmp_path, ctx, [HEADER, [1, "Sở Tư pháp", None, 100, 87.6, 87.6]],
                   merge=["B1:C1", "B2:C2"])
    assert out.problems == []
    assert out.scores["so-tu-phap"]["index_published"] == "87.6"


def test_rows_that_are_no_agency_are_said_and_never_guessed(tmp_path, ctx):
    out = imported(tmp_path, ctx, [
        HEADER,
        ["I", "SỞ, BAN, NGÀNH TỈNH"],
        [1, "Sở Tư pháp", None, 100, 87.6, 87.6],
        HEADER,  # the header again, above the next section
        [2, None, None, 100, 80, 80],  # numbers, no name
        [3, "Văn phòng", None, 100, 80, 80],  # no agency is named so
        ["", "Tổng cộng", None, None, 167.6, None],
        ["", "TRUNG BÌNH CHUNG", None, None, None, 83.8],
    ])
    log = "\n".join(out.log)
    assert "dòng 4 «Tên cơ quan, đơn vị»: bỏ qua (dòng tiêu đề lặp lại)" in log
    assert "dòng 5: bỏ qua (có số nhưng không có tên đơn vị)" in log
    assert "dòng 7 «Tổng cộng»: bỏ qua (dòng tổng hợp)" in log
    assert "trung bình chỉ số của mọi đơn vị = 83,8" in log
    assert [(p.code, p.row, p.severity) for p in out.problems] == [
        ("skipped-row", 5, "warning"), ("unknown-unit", 6, "error")]
    assert out.stats == [{"group_id": "", "statistic": "mean", "value": "83.8",
                          "location": "Trang tính 'Sheet', dòng 8"}]


def test_a_name_that_several_agencies_share_is_an_error_naming_them(tmp_path, ctx):
    out = imported(tmp_path, ctx, [HEADER, [1, "Châu Thành", None, 95, 74.3, 78.21]])
    assert [p.code for p in out.problems] == []  # a short name of one agency
    shared = imported(tmp_path, ctx, [HEADER, [1, "huyện", None, 95, 74.3, 78.21]])
    assert [p.code for p in shared.problems] == ["unknown-unit"]


def test_an_agency_listed_twice_is_an_error(tmp_path, ctx):
    out = imported(tmp_path, ctx, [HEADER, [1, "Sở Tư pháp", None, 100, 87.6, 87.6],
                                   [2, "SỞ TƯ PHÁP", None, 100, 80, 80]])
    assert [(p.code, p.row) for p in out.problems] == [("duplicate-row", 3)]
    assert "Sheet, dòng 2" in out.problems[0].expected


def test_a_sheet_without_a_table_is_left_aside_and_said(tmp_path, ctx):
    out = imported(tmp_path, ctx, [["Danh sách sáng kiến"], ["Tên sáng kiến", "Đơn vị"]])
    assert out.scores == {} and "không thấy bảng điểm" in out.log[0]
