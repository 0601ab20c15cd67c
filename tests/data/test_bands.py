"""Bands (parindex/data/bands.py): an index falls in the first band whose interval contains it."""

import pandas as pd
import pytest

from parindex.data import bands


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
