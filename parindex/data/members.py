"""Who belongs to a group in a year, so that a table printing some members is known to be partial.

A source may print only some members of a group: 10 of 63 provinces, 6 of 9 districts. A group's
members in a year are the agencies of the year's scores and every other agency of the group that
`units.csv` shows active that year (`active_from`–`active_to`), scored or not; or, where a source
states the group's size (a `members` row of `published_stats.csv`), that many. Only the groups
that the year's scores print at all are counted: a group with no agency in the table is not part
of that year's results.
"""

from __future__ import annotations

from typing import cast

import pandas as pd

from .problems import Problem, row_number
from .read import RawTable
from .tables import Dataset, YearData

STATISTIC = "members"  # the `statistic` of published_stats.csv that states a group's size


def active(units: pd.DataFrame, year: int) -> pd.Series:
    """Whether each agency of `units.csv` exists in `year` (an empty bound: no bound)."""
    start = units["active_from"].astype("Float64")
    end = units["active_to"].astype("Float64")
    return ((start.isna() | (start <= year)) & (end.isna() | (end >= year))).astype(bool)


def listed(ds: Dataset, year: int, scored: pd.Series) -> dict[str, int]:
    """Per group that has an agency in the year's scores (`scored`: their unit_id): how many
    agencies are scored or, of the group's others, active that year."""
    units = ds.units
    group_of = units.set_index("unit_id")["group_id"]
    groups = scored.dropna().map(group_of).dropna()
    others = units[units["group_id"].isin(groups.unique()) & active(units, year)]
    every = pd.concat([scored.dropna(), others["unit_id"]]).drop_duplicates()
    counts = every.map(group_of).value_counts()
    return {cast(str, g): int(n) for g, n in counts.items()}


def stated(yd: YearData | None) -> dict[str, float]:
    """Each group's size as a source states it (the first `members` row of the group)."""
    if yd is None:
        return {}
    ps = yd.published_stats
    rows = ps[(ps["statistic"] == STATISTIC) & ps["group_id"].notna()]
    out: dict[str, float] = {}
    for gid, value in zip(rows["group_id"], rows["value"], strict=True):
        out.setdefault(gid, float(value))
    return out


def sizes(ds: Dataset, year: int, scored: pd.Series) -> dict[str, int]:
    """Each printed group's number of members in `year`: as stated, else as listed."""
    own = stated(ds.years.get(year))
    return {gid: max(n, int(own.get(gid, 0))) for gid, n in listed(ds, year, scored).items()}


def check(ds: Dataset, year: int, yd: YearData, raw: RawTable | None) -> list[Problem]:
    """A stated size names its group, is a whole number, is the same in every row of the
    group, and is not smaller than the agencies the data already gives the group that year."""
    ps = yd.published_stats
    if raw is None or ps.empty:
        return []
    rows = ps[ps["statistic"] == STATISTIC]
    problems = [raw.problem(code="required", row=row_number(r), column="group_id",
                            expected=f"chỉ tiêu '{STATISTIC}' cần mã nhóm")
                for r in rows.index[rows["group_id"].isna()]]
    known = listed(ds, year, yd.scores["unit_id"])
    first: dict[str, float] = {}
    for r, gid, value in zip(rows.index, rows["group_id"], rows["value"], strict=True):
        if not isinstance(gid, str):
            continue
        value = float(value)
        expected = None
        if value != int(value) or value < 1:
            expected = "số thành viên của nhóm là một số nguyên dương"
        elif first.setdefault(gid, value) != value:
            expected = (f"nhóm '{gid}' năm {year} đã ghi {int(first[gid])} thành viên ở dòng "
                        "khác; mỗi nhóm một số")
        elif value < known.get(gid, 0):
            expected = (f"nhóm '{gid}' năm {year} có ít nhất {known[gid]} thành viên: các đơn "
                        "vị có điểm trong scores.csv và các đơn vị khác của nhóm đang hoạt "
                        "động năm đó trong units.csv")
        if expected:
            problems.append(raw.problem(code="group-size", row=row_number(r), column="value",
                                        value=str(value).removesuffix(".0"),
                                        expected=expected))
    return problems
