"""Group, year and field statistics, as the province's report gives them.

Mean, highest and lowest (with the agencies), spread and count per band, of the index of record.
A mean, highest or lowest is only given when every agency in the set has a value: the mean of
the few known agencies of a group is not the group's mean. A count per band likewise needs every
agency's band (from its index, or printed where the source gives no cut-offs). Members that the
table does not print (10 of 63 provinces: `group_size`) count as agencies without a value, so
a partial table has none of these statistics, in its group or in its year.

Each statistic also has bounds (`Summary.bounds`): the least and greatest value it could take
for some choice of its inputs within their printed precision (each index or field score stands
for half a unit of its last digit either side), which is what `compare` checks a printed
statistic against.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

import pandas as pd

from ..data.bands import for_year
from ..data.validate import PLACES
from ..fmt import as_printed

if TYPE_CHECKING:
    from .score import Results


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
    n_banded: int = 0  # agencies with a band (computed or, without cut-offs, published)
    unpublished: int = 0  # members the table does not print (not among the n)
    ranges: dict[str, tuple[float, float]] = field(default_factory=dict)  # see `bounds`

    @property
    def members(self) -> int:
        """Every member of the set, printed or not."""
        return self.n + self.unpublished

    @property
    def complete(self) -> bool:
        return self.n > 0 and self.n_known == self.n and not self.unpublished

    @property
    def spread(self) -> float | None:
        if self.highest is None or self.lowest is None:  # both are set, or neither
            return None
        return self.highest - self.lowest

    def get(self, statistic: str, band_id: str | None = None) -> float | None:
        if statistic == "count":  # of every agency's band, whether or not its index is known
            if self.n == 0 or self.n_banded < self.n or self.unpublished:
                return None
            return 0 if band_id is None else self.band_counts.get(band_id, 0)
        name = {"max": "highest", "min": "lowest"}.get(statistic, statistic)
        value: float | None = getattr(self, name)  # mean, highest, lowest, spread or members
        return value

    def bounds(self, statistic: str, band_id: str | None = None) -> tuple[float, float] | None:
        """The least and greatest value of a statistic for inputs anywhere within their printed
        precision; a count or a number of members is exact."""
        value = self.get(statistic, band_id)
        if value is None:
            return None
        name = {"max": "highest", "min": "lowest"}.get(statistic, statistic)
        return self.ranges.get(name, (float(value), float(value)))


def summarize(values: pd.Series, units: pd.Series, bands: pd.Series | None = None,
              band_ids: list[str] | None = None, places: pd.Series | None = None,
              unpublished: int = 0, errors: pd.Series | None = None) -> Summary:
    """`places`: the decimals each value is printed with, so that the highest and lowest of
    printed values are shown as printed (`fmt.Printed`); `unpublished`: the set's members that
    the table does not print; `errors`: how far each value may be from the number behind it
    (half a unit of the last printed digit, carried through the arithmetic)."""
    known = values.notna()
    s = Summary(n=len(values), n_known=int(known.sum()), unpublished=unpublished)
    if bands is not None:
        counts = bands.value_counts()
        s.n_banded = int(bands.notna().sum())
        s.band_counts = {b: int(counts.get(b, 0)) for b in band_ids or counts.index}
    if s.complete:
        s.mean = float(values.mean())
        s.highest, s.lowest = (as_printed(values[i], None if places is None else places[i])
                               for i in (values.idxmax(), values.idxmin()))
        s.highest_units = list(units[values == s.highest])
        s.lowest_units = list(units[values == s.lowest])
        s.ranges = _ranges(values.astype(float), errors)
    return s


def _ranges(values: pd.Series, errors: pd.Series | None) -> dict[str, tuple[float, float]]:
    """Bounds of the mean, highest, lowest and spread of values each within ± its error."""
    err = pd.Series(0.0, index=values.index) if errors is None else errors.astype(float)
    lo, hi = values - err.fillna(0.0), values + err.fillna(0.0)
    return {"mean": (float(lo.mean()), float(hi.mean())),
            "highest": (float(lo.max()), float(hi.max())),
            "lowest": (float(lo.min()), float(hi.min())),
            "spread": (max(0.0, float(lo.max() - hi.min())), float(hi.max() - lo.min()))}


def unpublished(scores: pd.DataFrame) -> dict[str, int]:
    """Per group of one year's scores, its members that the table does not print."""
    grouped = scores.groupby("group_id", sort=False)["group_size"]
    missing = grouped.first() - grouped.size()
    return {cast(str, g): int(n) for g, n in missing.items() if n > 0}


def index_summaries(scores: pd.DataFrame, band_ids: list[str]) -> dict[str | None, Summary]:
    """Per group_id of one year's scores, and under None all agencies of the year."""
    missing = unpublished(scores)

    def of(s: pd.DataFrame, n_missing: int) -> Summary:
        return summarize(s["index_official"], s["unit_id"], s["band_id"], band_ids,
                         s["index_official" + PLACES], n_missing, s["index_official_error"])
    out: dict[str | None, Summary] = {None: of(scores, sum(missing.values()))}
    for gid, g in scores.groupby("group_id", sort=False):  # keys typed any scalar: ids are text
        out[cast(str, gid)] = of(g, missing.get(cast(str, gid), 0))
    return out


def field_summaries(fields: pd.DataFrame, missing: dict[str, int] | None = None
                    ) -> dict[tuple[str | None, str], Summary]:
    """Per (group_id, field_id) of one year's field scores, and (None, field_id) across groups.

    Percentages need the field maximum; where it is unknown, the field has no statistics.
    `missing`: the members of each group that the year's table does not print (`unpublished`).
    """
    missing = missing or {}
    out: dict[tuple[str | None, str], Summary] = {}
    for key, f in fields.groupby("field_id", sort=False):
        fid = cast(str, key)  # groupby keys are typed any scalar; ids are text
        out[(None, fid)] = summarize(f["pct"], f["unit_id"], unpublished=sum(missing.values()),
                                     errors=f["pct_error"])
        for gid, g in f.groupby("group_id", sort=False):
            out[(cast(str, gid), fid)] = summarize(g["pct"], g["unit_id"],
                                                   unpublished=missing.get(cast(str, gid), 0),
                                                   errors=g["pct_error"])
    return out


class Statistics:
    """Every statistic of a scored package, each year's summaries made once on first use.

    The one definition of each statistic: the pages and `parindex check` both ask here, so a
    printed value is compared with exactly what the site shows.
    """

    def __init__(self, results: Results) -> None:
        self.results = results
        self._index: dict[int, dict[str | None, Summary]] = {}
        self._fields: dict[int, dict[tuple[str | None, str], Summary]] = {}

    def band_ids(self, year: int) -> list[str]:
        """The bands of a year's band table."""
        return list(for_year(self.results.dataset.bands, year)["band_id"])

    def index(self, year: int, gid: str | None) -> Summary | None:
        """The index of a group (None: every agency) in a year."""
        if year not in self._index:
            self._index[year] = index_summaries(self.results.year(year), self.band_ids(year))
        return self._index[year].get(gid)

    def field(self, year: int, gid: str | None, fid: str) -> Summary | None:
        """The percentage of a field in a group (None: every agency) in a year."""
        if year not in self._fields:
            fs = self.results.fields
            self._fields[year] = field_summaries(fs[fs["year"] == year],
                                                 unpublished(self.results.year(year)))
        return self._fields[year].get((gid, fid))

    def summary(self, year: int, gid: str | None, fid: str | None = None) -> Summary | None:
        return self.index(year, gid) if fid is None else self.field(year, gid, fid)

    def previous_year(self, year: int) -> int | None:
        """The year before `year` that has scores (a gap year is skipped, as the report does)."""
        before = [y for y in self.results.years if y < year]
        return before[-1] if before else None

    def mean_change(self, year: int, gid: str | None, fid: str | None = None) -> float | None:
        """This year's mean less the previous year's, of the same set: the same group (or every
        agency) and the same measure (the index or one field); None unless both are known."""
        prev = self.previous_year(year)
        if prev is None:
            return None
        now, before = self.summary(year, gid, fid), self.summary(prev, gid, fid)
        if now is None or before is None or now.mean is None or before.mean is None:
            return None
        return now.mean - before.mean

    def get(self, year: int, gid: str | None, fid: str | None, statistic: str,
            band_id: str | None = None) -> float | None:
        """A statistic by the name `published_stats.csv` gives it (`mean`, `max`, `min`,
        `spread`, `count` of `band_id`, `mean_change`, `members`, `field_spread`: the highest
        field's mean less the lowest's)."""
        if statistic == "mean_change":
            return self.mean_change(year, gid, fid)
        if statistic == "field_spread":
            means = self._field_means(year, gid)
            return None if means is None else max(means)[0] - min(means)[0]
        summary = self.summary(year, gid, fid)
        return summary.get(statistic, band_id) if summary else None

    def _field_means(self, year: int, gid: str | None) -> list[tuple[float, tuple[float, float]]
                                                               ] | None:
        """The mean of every field of the year in a set, with its bounds; None unless all are
        known (the spread between the highest and lowest field needs every field)."""
        fs = self.results.fields
        out = []
        for fid in dict.fromkeys(fs.loc[fs["year"] == year, "field_id"]):
            s = self.field(year, gid, fid)
            bounds = s.bounds("mean") if s else None
            if s is None or s.mean is None or bounds is None:
                return None
            out.append((s.mean, bounds))
        return out or None

    def bounds(self, year: int, gid: str | None, fid: str | None, statistic: str,
               band_id: str | None = None) -> tuple[float, float] | None:
        """The bounds of `get`'s statistic for inputs within their printed precision."""
        if statistic == "mean_change":
            prev = self.previous_year(year)
            now = self.summary(year, gid, fid)
            before = self.summary(prev, gid, fid) if prev is not None else None
            a = now.bounds("mean") if now else None
            b = before.bounds("mean") if before else None
            return None if a is None or b is None else (a[0] - b[1], a[1] - b[0])
        if statistic == "field_spread":
            means = self._field_means(year, gid)
            if means is None:
                return None
            return (max(b[0] for _, b in means) - min(b[1] for _, b in means),
                    max(b[1] for _, b in means) - min(b[0] for _, b in means))
        summary = self.summary(year, gid, fid)
        return summary.bounds(statistic, band_id) if summary else None
