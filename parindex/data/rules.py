"""The rules of the data that no Table Schema can say.

Scores within their maxima, band tables that cover 0–100 % once (or state no range at all, when
the source prints no cut-offs), one band table per year, published bands that exist, agencies
scored only while they exist; and what a new portal (`parindex init`) has still to fill in.
Returns problems; never raises.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import cast

import pandas as pd

from . import bands as bandlib
from . import members
from .problems import Problem, problem, row_number
from .read import RawTable
from .tables import Dataset, YearData

PUBLISHED = ("total_published", "index_published", "rank_published", "band_published")
INFERABLE = ("max_score", *PUBLISHED)  # values a row may mark as read, not printed
TOLERANCE = 0.005  # a component may exceed the maximum by less than display rounding
TO_FILL = "CẦN ĐIỀN"  # in a text of a new portal's descriptor that the editor must write
NEEDED = ("groups", "units", "components", "sources")  # tables no site can do without


def check_rules(ds: Dataset, raws: dict[str, RawTable], prior_errors: bool = False
                ) -> list[Problem]:
    """Rules assume tables that passed their schema. Where some did not (`prior_errors`), a rule
    that cannot run on them is skipped: its problems appear once the schema errors are fixed."""
    try:
        return _check_rules(ds, raws)
    except (KeyError, ValueError, TypeError, IndexError, pd.errors.InvalidIndexError):
        if prior_errors:
            return []
        raise


def _check_rules(ds: Dataset, raws: dict[str, RawTable]) -> list[Problem]:
    problems: list[Problem] = []
    label = {k: r.label for k, r in raws.items()}
    problems += _components(ds, label)
    problems += _band_tables(ds, label)
    for year, yd in ds.years.items():
        problems += _scores(ds, year, yd.scores, raws.get(f"{year}/scores"))
        problems += _field_scores(ds, year, yd, raws.get(f"{year}/field_scores"))
        raw = raws.get(f"{year}/innovations")
        if raw is not None:
            no_summary = yd.innovations.index[yd.innovations["summary"].isna()]
            problems += [raw.problem(code="no-summary", row=int(r), column="summary")
                         for r in no_summary]
        raw = raws.get(f"{year}/published_stats")
        if raw is not None:
            ps = yd.published_stats
            bad = ps.index[(ps["statistic"] == "count") & ps["band_id"].isna()]
            problems += [raw.problem(code="required", row=int(r), column="band_id",
                                     expected="chỉ tiêu 'count' cần mã xếp loại được đếm")
                         for r in bad]
        problems += members.check(ds, year, yd, raw)
    problems += _unlisted(ds, raws)
    problems += _unfilled(ds, raws)
    return problems


def _components(ds: Dataset, label: dict[str, str]) -> list[Problem]:
    columns = {f["name"] for f in ds.schemas["scores"]["fields"]}
    comps = ds.components
    return [problem(code="component-column", file=label.get("components", "components.csv"),
                    row=row_number(r), column="component_id", value=cid)
            for r, cid in comps["component_id"].dropna().items() if cid not in columns]


def _band_tables(ds: Dataset, label: dict[str, str]) -> list[Problem]:
    problems = []
    file = label.get("bands", "bands.csv")
    b = ds.bands
    for col in ("min", "max"):
        unset = b.index[b[f"{col}_pct"].notna() & b[f"{col}_inclusive"].isna()]
        problems += [problem(code="required", file=file, row=int(r), column=f"{col}_inclusive",
                             expected="cần ghi true hoặc false khi có cận") for r in unset]
    if problems or b.empty:
        return problems
    for start, table in b.groupby("year_from"):
        problems += _unstated(file, start, table)
        for text in bandlib.gaps(table, ds.scale):
            problems.append(problem(code="band-gap", file=file, row=int(table.index[0]),
                                    value=str(start), fill={"start": start, "gap": text}))
    for year in ds.years:
        if ds.years[year].scores.empty:
            continue
        starts = bandlib.tables_for_year(b, year)
        if len(starts) != 1:
            problems.append(problem(code="band-period", file=file,
                                    fill={"year": year, "count": len(starts)}))
    return problems


def _unstated(file: str, start: object, table: pd.DataFrame) -> list[Problem]:
    """A table whose source prints no cut-offs leaves every band's range empty; one that states
    some bands' ranges and not others' cannot classify an index: each band without is named."""
    stated = bandlib.stated(table)
    if stated.all() or not stated.any():
        return []
    names = ", ".join(f"'{n}'" for n in table.loc[stated, "name"])
    return [problem(code="band-range", file=file, row=row_number(r), column="min_pct, max_pct",
                    value="", fill={"start": start, "stated": names, "name": name})
            for r, name in table.loc[~stated, "name"].items()]


def _scores(ds: Dataset, year: int, scores: pd.DataFrame, raw: RawTable | None) -> list[Problem]:
    if raw is None or scores.empty:
        return []
    problems = []
    maxima = scores["max_score"]
    parts = [c for c in ds.component_ids if c in scores]
    for col in parts + ["total_published"]:
        over = scores.index[(scores[col] > maxima + TOLERANCE).fillna(False)]
        problems += [raw.problem(code="above-maximum", row=int(r), column=col,
                                 value=str(scores.at[r, col]).replace(".", ","),
                                 expected=f"điểm không được lớn hơn điểm chuẩn tối đa "
                                          f"({str(maxima[r]).replace('.', ',')})")
                     for r in over]
    total = scores[parts].sum(axis=1, min_count=len(parts))
    over = scores.index[(total > maxima + TOLERANCE).fillna(False)]
    problems += [raw.problem(code="above-maximum", row=int(r), column=", ".join(parts),
                             expected="tổng các thành phần lớn hơn điểm chuẩn tối đa")
                 for r in over]
    band_ids = set(bandlib.for_year(ds.bands, year)["band_id"])
    bad = scores["band_published"].notna() & ~scores["band_published"].isin(band_ids)
    # `.at` is typed any scalar; band_published and unit_id are text columns (cells.py)
    problems += [raw.problem(code="unknown-reference", row=int(r), column="band_published",
                             value=cast(str, scores.at[r, "band_published"]),
                             expected="mã xếp loại không có trong bảng xếp loại của năm "
                                      f"{year}: " + ", ".join(sorted(band_ids)))
                 for r in scores.index[bad]]
    for col in ("inferred", "known_error"):  # names of published columns, "|"-separated
        for r, text in scores[col].dropna().items():
            for name in text.split("|"):
                if name.strip() not in INFERABLE:
                    problems.append(raw.problem(code="enum", row=row_number(r), column=col,
                                                value=name, expected="cần tên cột công bố: "
                                                + ", ".join(INFERABLE)))
    units = ds.units.set_index("unit_id")
    start = scores["unit_id"].map(units["active_from"]).astype("Float64")
    end = scores["unit_id"].map(units["active_to"]).astype("Float64")
    inactive = ((start > year) | (end < year)).fillna(False)
    problems += [raw.problem(code="inactive-unit", row=int(r), column="unit_id",
                             value=cast(str, scores.at[r, "unit_id"]), fill={"year": year})
                 for r in scores.index[inactive]]
    return problems


def field_maxima(ds: Dataset, yd: YearData, column: str = "max_score") -> pd.Series:
    """Maximum of each (unit_id, field_id): the row's own, else its group's (`column`
    "max_score" + PLACES: the decimals it is written with)."""
    fs = yd.field_scores
    groups = fs["unit_id"].map(ds.units.set_index("unit_id")["group_id"])
    fm = yd.field_maxima.set_index(["group_id", "field_id"])[column]
    keys = pd.MultiIndex.from_arrays([groups, fs["field_id"]])
    by_group = pd.Series(fm.reindex(keys).to_numpy(), index=fs.index, dtype=float)
    return fs[column].astype(float).fillna(by_group)


def _field_scores(ds: Dataset, year: int, yd: YearData, raw: RawTable | None) -> list[Problem]:
    if raw is None or yd.field_scores.empty:
        return []
    fs = yd.field_scores
    maxima = field_maxima(ds, yd)
    over = fs.index[(fs["score"] > maxima + TOLERANCE).fillna(False)]
    problems = [raw.problem(code="above-maximum", row=int(r), column="score",
                            value=str(fs.at[r, "score"]).replace(".", ","),
                            expected=f"điểm lĩnh vực không được lớn hơn điểm tối đa "
                                     f"({str(maxima[r]).replace('.', ',')})")
                for r in over]
    scored = set(yd.scores["unit_id"].dropna())
    missing = sorted(scored - set(fs["unit_id"].dropna()))
    problems += [problem(code="no-field-scores", file=raw.label, column="unit_id", value=u,
                         fill={"year": year})
                 for u in missing]
    return problems


def _unlisted(ds: Dataset, raws: dict[str, RawTable]) -> list[Problem]:
    listed = {r.get("path") for r in ds.descriptor.get("resources", [])}
    return [problem(code="unlisted", file=r.label)
            for r in raws.values() if r.label.endswith(".csv") and r.label not in listed]


def _unfilled(ds: Dataset, raws: dict[str, RawTable]) -> list[Problem]:
    """What a new portal has still to fill in: the descriptor's texts that still hold the
    template's words, and the tables a site needs (a year's scores too) with no row yet."""
    problems = [problem(code="to-fill", file="datapackage.json", value=text, fill={"key": key})
                for key, text in _texts(ds.descriptor) if TO_FILL in text]
    keys = [*NEEDED, *(f"{year}/scores" for year in ds.years)]
    return problems + [raws[k].problem(code="no-rows", fill={"table": k})
                       for k in keys if k in raws and raws[k].frame.empty]


def _texts(value: object, key: str = "") -> Iterator[tuple[str, str]]:
    """Every text in a JSON value, with where it is (`contributors[0].title`)."""
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _texts(v, f"{key}.{k}" if key else str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _texts(v, f"{key}[{i}]")
