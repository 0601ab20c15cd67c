"""The downloads' tables (parindex/site/exports.py): numbers as printed, no float noise."""

from decimal import Decimal

import openpyxl
import pandas as pd
import pytest

from parindex.fmt import Printed
from parindex.site import exports


@pytest.mark.parametrize("x, cell", [
    (65.19999999999999, 65.2),  # a sum of printed scores, in floating point
    (83.84042553191489, 83.840426),  # 78,81 / 94 × 100: a computed index
    (Printed(7.0, 2), Decimal("7.00")),  # printed 7,00: written "7.00"
    (Printed(9.7, 1), Decimal("9.7")),
    (-0.0000001, 0.0),  # never -0.0
    (float("nan"), None), (None, None), ("Sở Y tế", "Sở Y tế"), (3, 3),
])
def test_a_charts_cell_is_written_as_printed_or_to_six_decimals(x, cell):
    assert exports.written(x) == cell
    assert type(exports.written(x)) is type(cell)


def test_a_table_is_written_with_its_printed_decimals_and_computed_ones_to_six():
    df = pd.DataFrame({"unit_id": ["a", "b", "c"], "score": [7.0, 9.875, None],
                       "score_places": [2, 3, None], "pct": [70 / 3, None, -1e-9],
                       "total": [65.19999999999999, 2.0000005, 0.1 + 0.2]})
    assert exports.to_csv(df) == ("unit_id,score,pct,total\n"
                                  "a,7.00,23.333333,65.2\n"
                                  "b,9.875,,2.000001\n"  # half up
                                  "c,,0.0,0.3\n")
    assert exports.to_json(df) == (
        '{"meta": {}, "data": [{"unit_id": "a", "score": 7.0, "pct": 23.333333, "total": 65.2}, '
        '{"unit_id": "b", "score": 9.875, "pct": null, "total": 2.000001}, '
        '{"unit_id": "c", "score": null, "pct": 0.0, "total": 0.3}]}')


def test_a_workbook_shows_each_number_with_its_printed_decimals_and_is_reproducible(tmp_path):
    df = pd.DataFrame({"unit_id": ["a", "b"], "score": [7.0, 9.875], "score_places": [2, 3],
                       "rank": pd.array([1, None], dtype="Int64"), "pct": [70 / 3, None]})
    columns = exports.columns_of(df, {"score": "Điểm", "rank": "Thứ hạng"})
    assert [c[0] for c in columns] == ["unit_id", "Điểm", "Thứ hạng", "pct"]
    assert columns[1][1:] == ([7.0, 9.875], ["0.00", "0.000"])
    assert columns[2][1:] == ([1, None], ["0", "0"]) and columns[3][2] == ["0.00", "0.00"]
    book = exports.to_xlsx([("Kết quả", columns)], [("Năm", "2024")])
    assert book == exports.to_xlsx([("Kết quả", columns)], [("Năm", "2024")])
    (tmp_path / "a.xlsx").write_bytes(book)
    sheet = openpyxl.load_workbook(tmp_path / "a.xlsx")["Kết quả"]
    assert [(c.value, c.number_format) for c in sheet[2]] == [
        ("a", "General"), (7, "0.00"), (1, "0"), (23.333333, "0.00")]
