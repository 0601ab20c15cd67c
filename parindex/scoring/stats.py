"""Group, year and field statistics, as the province's report gives them.

Mean, highest and lowest (with the agencies), spread and count per band, of the index of record.
A mean, highest or lowest is only given when every agency in the set has a value: the mean of
the few known agencies of a group is not the group's mean.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass
class Summary:
    """Statistics of one set of agencies (a group, a year, a field in a group)."""

    n: int
    n_known: int
    mean: float | None = None
    highest: float | None = None
    highest_units: list[str] = field(default_factory=list)
    lowest: float | None = None
    lowest_units: list[str] = field(default_factory=list)
    band_counts: dict[str, int] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return self.n > 0 and self.n_known == self.n

    @property
    def spread(self) -> float | None:
        return None if self.highest is None else self.highest - self.lowest

    def get(self, statistic: str, band_id: str | None = None) -> float | None:
        if statistic == "count":
            return self.band_counts.get(band_id, 0) if self.complete else None
        return getattr(self, {"max": "highest", "min": "lowest"}.get(statistic, statistic))


def summarize(values: pd.Series, units: pd.Series, bands: pd.Series | None = None,
              band_ids: list[str] | None = None) -> Summary:
    known = values.notna()
    s = Summary(n=len(values), n_known=int(known.sum()))
    if bands is not None:
        counts = bands[known].value_counts()
        s.band_counts = {b: int(counts.get(b, 0)) for b in band_ids or counts.index}
    if s.complete:
        s.mean = float(values.mean())
        s.highest, s.lowest = float(values.max()), float(values.min())
        s.highest_units = list(units[values == s.highest])
        s.lowest_units = list(units[values == s.lowest])
    return s


def index_summaries(scores: pd.DataFrame, band_ids: list[str]) -> dict[str | None, Summary]:
    """Per group_id of one year's scores, and under None all agencies of the year."""
    out = {None: summarize(scores["index_official"], scores["unit_id"], scores["band_id"],
                           band_ids)}
    for gid, g in scores.groupby("group_id", sort=False):
        out[gid] = summarize(g["index_official"], g["unit_id"], g["band_id"], band_ids)
    return out


def field_summaries(fields: pd.DataFrame) -> dict[tuple[str | None, str], Summary]:
    """Per (group_id, field_id) of one year's field scores, and (None, field_id) across groups.

    Percentages need the field maximum; where it is unknown, the field has no statistics.
    """
    out = {}
    for fid, f in fields.groupby("field_id", sort=False):
        out[(None, fid)] = summarize(f["pct"], f["unit_id"])
        for gid, g in f.groupby("group_id", sort=False):
            out[(gid, fid)] = summarize(g["pct"], g["unit_id"])
    return out
