"""A workbook's cells as they show (parindex/importer/workbook.py): percentages, numbers typed
as text, merged cells, formulas without a saved result; old and broken files refused."""

import pytest
from openpyxl import Workbook

from parindex.importer.workbook import OLE2, WorkbookError, number, read


def one_sheet(path, fill):
    wb = Workbook()
    fill(wb.active)
    wb.save(path)
    return read(path)[0]


def test_a_percent_formatted_cell_reads_as_the_percentage_it_shows(tmp_path):
    def fill(ws):
        ws["A1"] = 0.812
        ws["A1"].number_format = "0.00%"
        ws["B1"] = 0.8
        ws["B1"].number_format = "0%"
        ws["C1"] = 97.685
        ws["C1"].number_format = "0.000"
        ws["D1"] = 95
        ws["D1"].number_format = "0.00"
    cells = one_sheet(tmp_path / "a.xlsx", fill).rows[0]
    assert [(c.number, c.places) for c in cells] == [(81.2, 2), (80.0, 0), (97.685, 3),
                                                     (95.0, 2)]
    assert cells[0].text == "81.20"


@pytest.mark.parametrize(("text", "read_as"), [
    ("81,20", (81.2, 2)), ("81.20", (81.2, 2)), ("81,20%", (81.2, 2)), ("1.234,5", (1234.5, 1)),
    ("1,234.5", (1234.5, 1)), ("7", (7.0, 0)), (" 9,7 ", (9.7, 1)),
])
def test_numbers_typed_as_text_keep_their_decimals(text, read_as):
    assert number(text) == read_as


@pytest.mark.parametrize("text", ["Nhóm 2", "1,2,3", "81,2.3,4", "mười", ""])
def test_text_that_is_no_number(text):
    assert number(text) is None


def test_merged_cells_give_their_value_to_the_whole_range(tmp_path):
    def fill(ws):
        ws["B2"] = "SỞ, BAN, NGÀNH TỈNH"
        ws.merge_cells("B2:E2")
        ws["F3"] = "Nhóm 2"
        ws.merge_cells("F3:F5")
    sheet = one_sheet(tmp_path / "m.xlsx", fill)
    assert [c.text for c in sheet.rows[1][1:5]] == ["SỞ, BAN, NGÀNH TỈNH"] * 4
    assert [sheet.rows[r][5].text for r in (2, 3, 4)] == ["Nhóm 2"] * 3


def test_a_formula_without_a_saved_result_is_marked_not_empty(tmp_path):
    sheet = one_sheet(tmp_path / "f.xlsx", lambda ws: ws.__setitem__("A1", "=SUM(B1:C1)"))
    assert sheet.rows[0][0].formula == "=SUM(B1:C1)" and sheet.rows[0][0].number is None


def test_an_old_xls_is_refused_with_how_to_save_it_as_xlsx(tmp_path):
    for name in ("ket-qua.xls", "doi-ten.xlsx"):  # an .xls renamed .xlsx too
        path = tmp_path / name
        path.write_bytes(OLE2 + b"\0" * 512)
        with pytest.raises(WorkbookError) as err:
            read(path)
        text = str(err.value.problem)
        assert name in text and "Excel 97–2003 (.xls)" in text and "Lưu thành" in text


def test_a_file_that_is_no_workbook_is_named(tmp_path):
    path = tmp_path / "hong.xlsx"
    path.write_text("không phải bảng tính", encoding="utf-8")
    with pytest.raises(WorkbookError) as err:
        read(path)
    assert str(err.value.problem).startswith("LỖI hong.xlsx: ")
    assert "zip" not in str(err.value.problem).lower()
