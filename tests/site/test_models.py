"""Page models are frozen once built, and hold what templates would otherwise decide."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from parindex.site import models


def _dataclasses() -> list[type]:
    return [c for _, c in inspect.getmembers(models, inspect.isclass)
            if dataclasses.is_dataclass(c) and c.__module__ == models.__name__]


@pytest.mark.parametrize("cls", _dataclasses(), ids=lambda c: c.__name__)
def test_every_model_is_frozen(cls):
    assert cls.__dataclass_params__.frozen


def _row(**changes) -> models.ScoreRow:
    row = dict(unit=models.Ref("u", "U", "don-vi/u/"), year=2023,
               group=models.Ref("g", "G", "chi-so/2023/g/"), max_score=None,
               components=[1.5, None], total=models.Value(None), index=models.Value(80.5),
               rank=None, rank_inferred=False, group_size=3, band=models.Band("t", "Tốt", 2),
               band_inferred=False, index_change=None, rank_change=None)
    return models.ScoreRow(**{**row, **changes})


def test_a_sortable_cell_sorts_by_its_number_and_a_missing_one_by_nothing():
    row = _row()
    assert (row.rank_sort, row.max_score_sort, row.total_sort) == ("", "", "")
    assert (row.index_sort, row.band_sort, row.change_sort) == (80.5, 2, "")
    assert row.component_cells == [(1.5, 1.5), (None, "")]
    assert _row(rank=0, band=None).rank_sort == 0 and _row(band=None).band_sort == ""
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.rank = 1  # type: ignore[misc]


def test_a_directory_entry_without_results_sorts_by_nothing():
    entry = models.DirectoryEntry(unit=models.Ref("u", "U"), group=models.Ref("g", "G"),
                                  latest=None, active="")
    assert (entry.index_sort, entry.rank_sort, entry.band_sort) == ("", "", "")
    entry = dataclasses.replace(entry, latest=_row(rank=2))
    assert (entry.index_sort, entry.rank_sort, entry.band_sort) == (80.5, 2, 2)


def test_a_page_carries_its_charts_files():
    chart = models.Chart(kind="group_index", name="chi-so", title="", alt="", rows=[],
                         table_id="t")
    page = models.Page(url="chi-so/2023/g/", template="ranking", title="G", charts=[chart])
    assert page.chart_svg(chart) == "chi-so/2023/g/chi-so.svg"
    assert page.chart_csv(chart) == "chi-so/2023/g/chi-so.csv"
