"""Compute every agency's index, band and rank, year by year.

total = sum of the components; index = total / max_score × 100, at full precision, on a
percentage scale; on a points scale (the package's `portal.index.scale`, see data/portal.py)
the index is the total itself, and the printed total is its printed value.

The index of record (`index_official`) is what the province decides and publishes: the printed
index where a source prints one, otherwise (or where the row declares the printed index a known
error of the source, `known_error`) the computed index rounded half-up to 2 decimals (the
precision of publication). Bands, ranks and group statistics use it, as the province's own report
does: its group means are means of the printed indices (public service units: 76,195 → 76,20,
where the unrounded indices would give 76,19). Both values are kept; `compare.py` reports every
difference between them.

The band is computed from the index of record and the year's band table; where the table states
no ranges (the source prints no cut-offs), or the index is not known, it is the printed band.

Every computed value carries how far it may be from what exact inputs would give
(`…_error`, half a unit of each input's last printed digit, carried through the arithmetic):
a published value is consistent with it when some choice of the inputs within their printed
precision gives it (`compare`).

A rank is only given when every member of the group has an index that year: ranking the few
known agencies of an incomplete group would publish ranks that are not the province's. The
members are the agencies of the table and those `units.csv` lists as active in the group that
year, or as many as a source states (`data.members`); a table that prints some of them keeps its
printed ranks, out of every member (`group_size`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..data import bands as bandlib
from ..data import members
from ..data.dataset import empty_table
from ..data.rules import field_maxima
from ..data.tables import Dataset, YearData
from ..data.validate import PLACES
from ..fmt import rounded


def half_unit(places: pd.Series) -> pd.Series:
    """Half a unit of each value's last printed digit (0 where the decimals are not known): how
    far the number behind a printed value may be from it (83,84 stands for 83,835–83,845)."""
    return (0.5 * 10.0 ** -places.astype(float)).fillna(0.0)


@dataclass
class Results:
    dataset: Dataset
    scores: pd.DataFrame  # one row per (year, unit_id)
    fields: pd.DataFrame  # one row per (year, unit_id, field_id)

    @property
    def years(self) -> list[int]:
        return sorted(self.scores["year"].unique().tolist())

    @property
    def field_years(self) -> list[int]:
        """The years that have field scores (a province may publish none)."""
        return sorted(self.fields["year"].unique().tolist())

    @property
    def latest_year(self) -> int | None:
        return self.years[-1] if self.years else None

    def year(self, year: int) -> pd.DataFrame:
        return self.scores[self.scores["year"] == year]


def _year_scores(ds: Dataset, year: int, s: pd.DataFrame) -> pd.DataFrame:
    units = ds.units.set_index("unit_id")
    comps = ds.component_ids
    df = s.reset_index(names="row").assign(year=year)
    df["name"] = df["unit_id"].map(units["name"])
    df["short_name"] = df["unit_id"].map(units["short_name"]).fillna(df["name"])
    df["group_id"] = df["unit_id"].map(units["group_id"])
    df["total"] = df[comps].astype(float).sum(axis=1, min_count=len(comps))
    df["total_error"] = sum((half_unit(df[c + PLACES]) for c in comps),
                            pd.Series(0.0, index=df.index)).where(df["total"].notna())
    printed = _trusted(df, "index_published")
    places = df["index_published" + PLACES].where(printed.notna())
    if ds.scale.percent:
        df["index"] = df["total"] / df["max_score"].astype(float) * 100
        df["index_error"] = df["total_error"] / df["max_score"].astype(float) * 100
    else:
        df["index"], df["index_error"] = df["total"], df["total_error"]
        places = places.where(printed.notna(), df["total_published" + PLACES])
        printed = printed.fillna(_trusted(df, "total_published"))
    computed = df["index"].map(rounded).astype(float)
    df["index_official"] = printed.fillna(computed)
    df["index_official" + PLACES] = places.fillna(2).where(
        df["index_official"].notna())  # as printed, else as rounded
    df["index_official_error"] = half_unit(df["index_official" + PLACES])
    df["band_id"], df["band_origin"] = _bands(df, bandlib.for_year(ds.bands, year))
    grouped = df.groupby("group_id")["index_official"]
    df["group_size"] = _group_sizes(ds, year, df)
    complete = grouped.transform(lambda s: s.notna().all()) & (
        grouped.transform("size") == df["group_size"])
    df["rank"] = grouped.rank(method="min", ascending=False).where(complete).astype("Int64")
    return df


def _group_sizes(ds: Dataset, year: int, df: pd.DataFrame) -> pd.Series:
    """Each row's group's number of members, printed or not (`data.members`): the rows of a
    table that prints 10 of 63 members are ranked out of 63, by their printed ranks."""
    sizes = members.sizes(ds, year, df["unit_id"])
    return df["group_id"].map(sizes).fillna(0).astype("int64")


def listed(text: object) -> set[str]:
    """The column names of an `inferred` or `known_error` cell ("a|b")."""
    return {n.strip() for n in text.split("|")} if isinstance(text, str) else set()


def _trusted(df: pd.DataFrame, column: str) -> pd.Series:
    """A printed column, without the values its row declares a known error of the source
    (`known_error`): the index of record is then the computed one."""
    known = df["known_error"].map(lambda text: column in listed(text)).astype(bool)
    return df[column].astype(float).where(~known)


def _bands(df: pd.DataFrame, table: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Each agency's band of record and where it comes from ("computed", "published", or None).

    Computed from the index of record where the year's bands state ranges; the printed band
    where they do not (the source prints no cut-offs) or where the index is not known."""
    computed = (bandlib.classify(df["index_official"], table) if bandlib.has_ranges(table)
                else pd.Series(None, index=df.index, dtype=object))
    origin = pd.Series(None, index=df.index, dtype=object)
    origin[df["band_published"].notna()] = "published"
    origin[computed.notna()] = "computed"
    return computed.where(computed.notna(), df["band_published"]), origin


def _with_changes(scores: pd.DataFrame) -> pd.DataFrame:
    years = sorted(scores["year"].unique())
    prev_of = dict(zip(years[1:], years[:-1], strict=True))
    scores["prev_year"] = scores["year"].map(prev_of).astype("Int64")
    prev = scores[["year", "unit_id", "index_official", "rank"]].rename(
        columns={"year": "prev_year", "index_official": "index_prev", "rank": "rank_prev"})
    scores = scores.merge(prev, on=["prev_year", "unit_id"], how="left")
    scores["index_change"] = scores["index_official"] - scores["index_prev"]
    scores["rank_change"] = scores["rank_prev"] - scores["rank"]  # positive: moved up
    return scores


def _year_fields(ds: Dataset, year: int, yd: YearData) -> pd.DataFrame:
    fs = yd.field_scores
    df = fs.reset_index(names="row").assign(year=year)
    df["max_score"] = field_maxima(ds, yd).to_numpy()
    df["max_score" + PLACES] = field_maxima(ds, yd, "max_score" + PLACES).to_numpy()
    df["group_id"] = df["unit_id"].map(ds.units.set_index("unit_id")["group_id"])
    df["pct"] = df["score"].astype(float) / df["max_score"] * 100
    df["pct_error"] = half_unit(df["score" + PLACES]) / df["max_score"] * 100
    return df


def _stack(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """The years' rows; the columns of an empty year when no year has any."""
    return pd.concat([f for f in frames if len(f)] or frames[:1], ignore_index=True)


def score(ds: Dataset) -> Results:
    """Every year's results. A table no year has (a province that publishes no field scores)
    gives an empty frame with the same columns, so that nothing downstream asks whether it
    exists."""
    blank = YearData(0, {t: empty_table(ds.schemas[t]) for t in ("scores", "field_scores",
                                                                   "field_maxima")})
    years = [*ds.years.items()] or [(0, blank)]
    scores = _stack([_year_scores(ds, y, yd.scores) for y, yd in years])
    fields = _stack([_year_fields(ds, y, yd) for y, yd in years])
    for col in ("score", "max_score", "pct", "pct_error"):
        fields[col] = fields[col].astype(float)
    return Results(ds, _with_changes(scores), fields)
