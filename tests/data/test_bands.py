"""Bands (parindex/data/bands.py): an index falls in the first band whose interval contains it."""

import pandas as pd
import pytest

from parindex.data import bands
from parindex.data.dataset import load
from tests.conftest import copy_real
from tests.helpers import edit, set_cell


@pytest.mark.parametrize("index, band", [
    (90.01, "Nhóm 1"), (90.00, "Nhóm 2"), (80.00, "Nhóm 2"), (79.99, "Nhóm 3"),
    (65.00, "Nhóm 3"), (64.99, "Nhóm 4"), (50.00, "Nhóm 4"), (49.99, "Nhóm 5"),
    (100.0, "Nhóm 1"), (0.0, "Nhóm 5"),
])
def test_soc_trang_2023_band_edges(real_dataset, index, band):
    table = bands.for_year(real_dataset.bands, 2023)
    got = bands.classify(pd.Series([index]), table).iloc[0]
    assert table.set_index("band_id").loc[got, "name"] == band


def test_missing_index_has_no_band(real_dataset):
    table = bands.for_year(real_dataset.bands, 2023)
    assert bands.classify(pd.Series([float("nan")]), table).isna().all()


def band_table(rows):
    cols = ["year_from", "year_to", "band_id", "name", "order", "min_pct", "min_inclusive",
            "max_pct", "max_inclusive"]
    return pd.DataFrame(rows, columns=cols)


def test_a_complete_table_has_no_gap():
    t = band_table([(2024, None, "a", "A", 1, 50, True, None, None),
                    (2024, None, "b", "B", 2, None, None, 50, False)])
    assert bands.gaps(t) == []


@pytest.mark.parametrize("rows, words", [
    ([(2024, None, "a", "A", 1, 60, True, None, None),
      (2024, None, "b", "B", 2, None, None, 50, False)], "khoảng trống từ 50% đến 60%"),
    ([(2024, None, "a", "A", 1, 40, True, None, None),
      (2024, None, "b", "B", 2, None, None, 50, False)], "chồng lên nhau"),
    ([(2024, None, "a", "A", 1, 50, True, None, None),
      (2024, None, "b", "B", 2, None, None, 50, True)], "thuộc cả"),
    ([(2024, None, "a", "A", 1, 50, False, None, None),
      (2024, None, "b", "B", 2, None, None, 50, False)], "không thuộc"),
    ([(2024, None, "a", "A", 1, 50, True, 90, True),
      (2024, None, "b", "B", 2, None, None, 50, False)], "đến 100%"),
])
def test_gaps_and_overlaps_are_named(rows, words):
    found = bands.gaps(band_table(rows))
    assert len(found) == 1 and words in found[0]


def test_band_table_applies_by_period():
    t = band_table([(2020, 2022, "a", "A", 1, None, None, None, None),
                    (2023, None, "b", "B", 1, None, None, None, None)])
    assert bands.tables_for_year(t, 2021) == [2020]
    assert bands.tables_for_year(t, 2030) == [2023]
    assert bands.tables_for_year(t, 2019) == []


# ---- Bands without cut-offs: the source names the bands but prints no ranges ----------------


def no_ranges(header, body):
    """Every band of the real table without its bounds, as a source that prints none."""
    for r in body:
        for col in ("min_pct", "min_inclusive", "max_pct", "max_inclusive"):
            r[header.index(col)] = ""


def test_a_table_without_ranges_classifies_nothing_and_has_no_gap():
    t = band_table([(2024, None, "a", "A", 1, None, None, None, None),
                    (2024, None, "b", "B", 2, None, None, None, None)])
    assert not bands.has_ranges(t) and bands.gaps(t) == []
    assert bands.classify(pd.Series([95.0, 10.0]), t).isna().all()


def test_only_bands_that_state_a_range_are_classified_and_checked():
    t = band_table([(2024, None, "a", "A", 1, 50, True, None, None),
                    (2024, None, "b", "B", 2, None, None, None, None),
                    (2024, None, "c", "C", 3, None, None, 50, False)])
    assert list(bands.stated(t)) == [True, False, True]
    assert list(bands.classify(pd.Series([70.0, 20.0]), t)) == ["a", "c"]
    assert bands.gaps(t) == []


def test_a_band_table_without_ranges_is_valid(tmp_path):
    data = copy_real(tmp_path)
    edit(data / "bands.csv", no_ranges)
    dataset, report = load(data)
    assert dataset is not None, str(report)
    assert not [p for p in report.problems if p.file == "bands.csv"]


def test_a_half_specified_band_table_names_each_band_without_bounds(tmp_path):
    data = copy_real(tmp_path)
    edit(data / "bands.csv", set_cell(6, "max_pct", ""))  # Nhóm 5: "dưới 50%" left out
    edit(data / "bands.csv", set_cell(6, "max_inclusive", ""))
    dataset, report = load(data)
    assert dataset is None
    found = [p for p in report.errors if p.code == "band-range"]
    assert len(found) == 1, str(report)
    p = found[0]
    assert (p.file, p.row, p.column, p.value) == ("bands.csv", 6, "min_pct, max_pct", "")
    assert "'Nhóm 5'" in p.expected and "'Nhóm 1', 'Nhóm 2', 'Nhóm 3', 'Nhóm 4'" in p.expected
    assert "để trống cận của mọi xếp loại" in p.hint
    assert str(p).startswith("LỖI bands.csv, dòng 6, cột 'min_pct, max_pct': giá trị ''")
    gaps = [p for p in report.errors if p.code == "band-gap"]  # the stated ranges, checked
    assert len(gaps) == 1 and "từ 0% đến 50%" in gaps[0].expected


def test_a_band_source_must_be_known(tmp_path):
    data = copy_real(tmp_path)
    edit(data / "bands.csv", set_cell(3, "source_id", "qd-khong-co"))
    _, report = load(data)
    hit = [p for p in report.errors if p.file == "bands.csv" and p.code == "unknown-reference"]
    assert [(p.row, p.column, p.value) for p in hit] == [(3, "source_id", "qd-khong-co")]
