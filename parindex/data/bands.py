"""Classification bands: which band table holds for a year, and which band an index falls in.

A band table is read as written: bounds in percent, each end inclusive or not, an empty bound
meaning "no bound". A band with neither bound states no range: its source names the band but
prints no cut-offs, so nothing is computed from it (an agency's band is then the published one,
scoring/score.py). Nothing about any province's bands is assumed.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .portal import PERCENT, Scale


def tables_for_year(bands: pd.DataFrame, year: int) -> list[int]:
    """The year_from of every band table that applies to `year` (more than one is an error)."""
    to = bands["year_to"].astype("Float64").fillna(math.inf)
    hit = (bands["year_from"] <= year) & (to >= year)
    return sorted(set(bands.loc[hit.fillna(False), "year_from"].astype(int)))


def for_year(bands: pd.DataFrame, year: int) -> pd.DataFrame:
    starts = tables_for_year(bands, year)
    if len(starts) != 1:
        return bands.iloc[0:0]
    return bands[bands["year_from"] == starts[0]].sort_values("order")


def stated(table: pd.DataFrame) -> pd.Series:
    """Which bands state a range (at least one bound); the others' cut-offs are not published."""
    return table["min_pct"].notna() | table["max_pct"].notna()


def has_ranges(table: pd.DataFrame) -> bool:
    """Whether an index can be classified by the table: some band states a range."""
    return bool(stated(table).any())


def _inside(index: pd.Series, band: pd.Series) -> pd.Series:
    ok = pd.Series(True, index=index.index)
    if pd.notna(band["min_pct"]):
        ok &= index >= band["min_pct"] if band["min_inclusive"] else index > band["min_pct"]
    if pd.notna(band["max_pct"]):
        ok &= index <= band["max_pct"] if band["max_inclusive"] else index < band["max_pct"]
    return ok & index.notna()


def classify(index: pd.Series, table: pd.DataFrame) -> pd.Series:
    """Band id of each index: the first band (by order) whose interval contains it; bands that
    state no range are never computed."""
    out = pd.Series(None, index=index.index, dtype=object)
    for _, band in table[stated(table)].sort_values("order").iterrows():
        out[out.isna() & _inside(index, band)] = band["band_id"]
    return out


def gaps(table: pd.DataFrame, scale: Scale = PERCENT) -> list[str]:
    """Where the bands that state a range leave part of 0–100 % (of the points from 0 up, on a
    points scale) uncovered or cover it twice (none if no band states a range)."""
    table = table[stated(table)]
    if table.empty:
        return []
    rows = table.assign(lo=table["min_pct"].astype(float).fillna(-np.inf),
                        hi=table["max_pct"].astype(float).fillna(np.inf)).sort_values("lo")
    found = []
    u, top = scale.unit, 100 if scale.percent else np.inf
    first, last = rows.iloc[0], rows.iloc[-1]
    if first["lo"] > 0 or (first["lo"] == 0 and not first["min_inclusive"]):
        found.append(f"chỉ số từ 0{u} đến {first['lo']:g}{u} không thuộc xếp loại nào")
    if last["hi"] < top or (last["hi"] == top and not last["max_inclusive"]):
        found.append(f"chỉ số từ {last['hi']:g}{u} " + ("đến 100%" if scale.percent else
                     "trở lên") + " không thuộc xếp loại nào")
    if scale.percent and max(rows["lo"].max(), rows["hi"].replace(np.inf, 0).max()) > 100:
        found.append("một cận lớn hơn 100%: chỉ số là tỷ lệ phần trăm")
    for (_, a), (_, b) in zip(rows.iloc[:-1].iterrows(), rows.iloc[1:].iterrows(), strict=True):
        pair = f"'{a['name']}' và '{b['name']}'"
        if a["hi"] < b["lo"]:
            found.append(f"khoảng trống từ {a['hi']:g}{u} đến {b['lo']:g}{u} giữa {pair}")
        elif a["hi"] > b["lo"]:
            found.append(f"{pair} chồng lên nhau từ {b['lo']:g}{u} đến {a['hi']:g}{u}")
        elif bool(a["max_inclusive"]) and bool(b["min_inclusive"]):
            found.append(f"chỉ số đúng bằng {a['hi']:g}{u} thuộc cả {pair}")
        elif not a["max_inclusive"] and not b["min_inclusive"]:
            found.append(f"chỉ số đúng bằng {a['hi']:g}{u} không thuộc {pair}")
    return found
