"""What a page is made from, as bytes, known without building it (`Planned.inputs`).

A build that kept a page's files under these bytes can put the same files in place while they
are unchanged, without building the page's model: at national size, after one changed score,
building 10.000 profiles only to find them unchanged was most of the rebuild. The bytes must
change whenever the page could: they cover more than the page shows, never less.

- `common`: everything but the agencies' scored rows: the descriptor, the global tables, every
  year's other tables (published statistics, innovations, indicators, field maxima) and which
  years there are. Every page depends on it.
- `unit(uid, shown)`: an agency's profile shows its own scored rows of every year (scores and
  field scores as scoring gives them: ranks, changes, percentages) and, of each group-year it
  belongs to, the group's statistics as the page rounds them (`shown(year, gid)`, the page's
  own function: in a group of thousands, one changed score leaves the others' profiles alone
  unless it moves their rank or a statistic as shown).
- `year(y)`: a page of one year (a ranking, a field, the year's innovations or report) shows
  that year beside the earlier ones (changes, previous ranks): the scored rows of the years up
  to `y`.

Rows are hashed with their spreadsheet row number (`row`), so that reordered rows count as a
change. The combination of rows is a sum of 64-bit row hashes per group, order-free.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from ..scoring.score import Results

SCORED = ("scores", "field_scores")  # the year tables whose rows reach pages as scored rows


def _rows(frame: pd.DataFrame) -> np.ndarray:
    """A 64-bit hash per row (values and column names; not the index)."""
    named = pd.util.hash_pandas_object(pd.Series(list(frame.columns)), index=False).sum()
    return pd.util.hash_pandas_object(frame, index=False).to_numpy() ^ np.uint64(named)


def _sums(frame: pd.DataFrame, by: list[str]) -> dict[Any, int]:
    """The sum (mod 2**64) of the row hashes of each group of `frame` by the columns `by` (a
    group's key: its value of `by`, or their tuple)."""
    if frame.empty:
        return {}
    hashed = pd.Series(_rows(frame), index=frame.index)
    return {k: int(v) for k, v in hashed.groupby([frame[c] for c in by]).sum().items()}


def _table(frame: pd.DataFrame) -> str:
    return hashlib.sha256(_rows(frame).tobytes() + repr(frame.index.tolist()).encode()
                          ).hexdigest()


class Inputs:
    """The inputs of the pages of one scored package (hashes made once, on first use)."""

    def __init__(self, results: Results) -> None:
        self.results = results

    @cached_property
    def common(self) -> bytes:
        ds = self.results.dataset
        parts = [json.dumps(ds.descriptor, sort_keys=True, ensure_ascii=False, default=str),
                 repr(sorted(ds.years)), repr(self.results.field_years)]
        parts += [f"{name}:{_table(t)}" for name, t in sorted(ds.tables.items())]
        parts += [f"{y}/{name}:{_table(t)}" for y, yd in sorted(ds.years.items())
                  for name, t in sorted(yd.tables.items()) if name not in SCORED]
        return hashlib.sha256("\n".join(parts).encode()).digest()

    @cached_property
    def _own(self) -> dict[Any, tuple[int, int]]:
        """Agency → the sums of its scored rows: scores, field scores."""
        scores = _sums(self.results.scores, ["unit_id"])
        fields = _sums(self.results.fields, ["unit_id"])
        return {k: (scores.get(k, 0), fields.get(k, 0)) for k in scores.keys() | fields.keys()}

    @cached_property
    def _units(self) -> dict[object, list[tuple[int, str]]]:
        """Agency → the (year, group) of each of its scored rows."""
        columns = ["unit_id", "year", "group_id"]
        rows = pd.concat([self.results.scores[columns], self.results.fields[columns]]
                         ).drop_duplicates().sort_values(columns)
        out: dict[object, list[tuple[int, str]]] = {}
        for uid, year, gid in zip(rows["unit_id"], rows["year"], rows["group_id"], strict=True):
            out.setdefault(uid, []).append((int(year), str(gid)))
        return out

    @cached_property
    def _years(self) -> list[tuple[int, tuple[int, int]]]:
        """Each year and the sums of its scored rows, in order."""
        scores = _sums(self.results.scores, ["year"])
        fields = _sums(self.results.fields, ["year"])
        return [(int(y), (scores.get(y, 0), fields.get(y, 0)))
                for y in sorted(scores.keys() | fields.keys())]

    def unit(self, uid: str, shown: Callable[[int, str], str]) -> bytes:
        """What an agency's profile is made from (`shown`: what it shows of a group-year)."""
        groups = [(k, shown(*k)) for k in self._units.get(uid, [])]
        return self.common + repr([uid, self._own.get(uid), groups]).encode()

    def year(self, year: int) -> bytes:
        """What a page of `year` is made from."""
        return self.common + repr([year, [s for y, s in self._years if y <= year]]).encode()
