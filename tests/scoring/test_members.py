"""Tables that print only some members of a group (parindex/data/members.py, scoring/score.py,
scoring/stats.py), from a small package written for these tests.

2024, group `huyen`: `units.csv` lists seven districts. h1–h5 exist in 2024; h6 stopped in 2022
and h7 starts in 2025, so neither is a member in 2024. The table prints three of the five
(h1, h2, h3) with their printed ranks 2, 4 and 5. Group `so` prints both its members.

  h1  80 %  rank 2 (printed)      s1  90 %
  h2  70 %  rank 4 (printed)      s2  60 %
  h3  60 %  rank 5 (printed)

So `huyen` has 5 members, 3 printed: no computed rank, no mean, highest, lowest, spread or band
count, in the group or in the year; `so` is complete and keeps all of them.
"""

from pathlib import Path

import pandas as pd
import pytest

from parindex.data.dataset import load
from parindex.scoring.compare import compare
from parindex.scoring.score import Results, score
from parindex.scoring.stats import Statistics
from tests.conftest import write_package

SCORES = """
unit_id,max_score,diem,total_published,index_published,rank_published,band_published,inferred,source_id,note
h1,100,80,,,2,,,qd-1,
h2,100,70,,,4,,,qd-1,
h3,100,60,,,5,,,qd-1,
s1,100,90,,,,,,qd-1,
s2,100,60,,,,,,qd-1,
"""
FIELD_SCORES = """
unit_id,field_id,score,max_score,source_id,note
h1,chi-dao,8,10,qd-1,
h2,chi-dao,7,10,qd-1,
h3,chi-dao,6,10,qd-1,
s1,chi-dao,9,10,qd-1,
s2,chi-dao,6,10,qd-1,
"""
STATS_HEADER = "group_id,field_id,statistic,band_id,unit_id,value,location,source_id,note\n"
TABLES = {
    "groups.csv": """
group_id,name,short_name,order,active_from,active_to
huyen,UBND cấp huyện,Huyện,1,,
so,Sở ngành,Sở,2,,
""",
    "units.csv": """
unit_id,name,short_name,group_id,parent_id,aliases,active_from,active_to,successor_id,note
h1,UBND huyện Một,Một,huyen,,,,,,
h2,UBND huyện Hai,Hai,huyen,,,,,,
h3,UBND huyện Ba,Ba,huyen,,,,,,
h4,UBND huyện Bốn,Bốn,huyen,,,2020,,,
h5,UBND huyện Năm,Năm,huyen,,,,2024,,
h6,UBND huyện Sáu,Sáu,huyen,,,,2022,h1,
h7,UBND huyện Bảy,Bảy,huyen,,,2025,,,
s1,Sở Một,Sở 1,so,,,,,,
s2,Sở Hai,Sở 2,so,,,,,,
""",
    "fields.csv": "field_id,name,short_name,order\nchi-dao,Chỉ đạo điều hành,Chỉ đạo,1",
    "components.csv": "component_id,name,short_name,order\ndiem,Điểm,Điểm,1",
    "bands.csv": """
year_from,year_to,band_id,name,order,min_pct,min_inclusive,max_pct,max_inclusive
2024,,tot,Tốt,1,75,true,,
2024,,kha,Khá,2,,,75,false
""",
    "sources.csv": """
source_id,title,number,date,issuer,url,note
qd-1,Quyết định công bố,1/QĐ-UBND,2025-01-10,UBND tỉnh,,
""",
    "2024/scores.csv": SCORES,
    "2024/field_scores.csv": FIELD_SCORES,
}


def _results(tmp_path: Path, **extra: str) -> Results:
    dataset, report = load(write_package(tmp_path / "data", {**TABLES, **extra}))
    assert dataset is not None, str(report)
    return score(dataset)


def _problems(tmp_path: Path, stats: str) -> list[tuple[str, int | None, str]]:
    _, report = load(write_package(tmp_path / "data", {**TABLES,
                                                        "2024/published_stats.csv": stats}))
    return [(p.code, p.row, p.expected) for p in report.errors]


@pytest.fixture
def partial(tmp_path: Path) -> Results:
    return _results(tmp_path)


def _row(results: Results, uid: str) -> dict[str, object]:
    df = results.scores
    return df[df["unit_id"] == uid].iloc[0].to_dict()


def test_every_active_member_counts_and_only_those(partial):
    sizes = partial.scores.groupby("group_id")["group_size"].first().to_dict()
    assert sizes == {"huyen": 5, "so": 2}  # h1–h5, not h6 (stopped) nor h7 (not yet)


def test_a_partial_group_keeps_its_printed_ranks_out_of_every_member(partial):
    for uid, printed in (("h1", 2), ("h2", 4), ("h3", 5)):
        row = _row(partial, uid)
        assert pd.isna(row["rank"]) and row["rank_published"] == printed
        assert row["group_size"] == 5
    assert [_row(partial, u)["rank"] for u in ("s1", "s2")] == [1, 2]  # complete: computed


def test_a_partial_group_has_no_statistic_that_needs_its_missing_members(partial):
    stats = Statistics(partial)
    huyen = stats.index(2024, "huyen")
    assert huyen is not None
    assert (huyen.n, huyen.members, huyen.n_known) == (3, 5, 3)
    assert (huyen.mean, huyen.highest, huyen.lowest, huyen.spread) == (None, None, None, None)
    assert stats.get(2024, "huyen", None, "count", "tot") is None
    assert stats.get(2024, "huyen", None, "members") == 5


def test_the_year_of_a_partial_group_has_none_either(partial):
    stats = Statistics(partial)
    year = stats.index(2024, None)
    assert year is not None and (year.n, year.members) == (5, 7)
    assert year.mean is None and stats.get(2024, None, None, "count", "tot") is None
    so = stats.index(2024, "so")  # the complete group keeps its statistics
    assert so is not None and (so.mean, so.spread) == (75, 30)
    assert stats.get(2024, "so", None, "count", "tot") == 1


def test_field_statistics_of_a_partial_group_are_withheld_too(partial):
    stats = Statistics(partial)
    assert stats.field(2024, "so", "chi-dao").mean == 75  # type: ignore[union-attr]
    assert stats.field(2024, "huyen", "chi-dao").mean is None  # type: ignore[union-attr]
    assert stats.field(2024, None, "chi-dao").mean is None  # type: ignore[union-attr]


def test_a_stated_size_counts_members_units_csv_does_not_list(tmp_path):
    results = _results(tmp_path, **{"2024/published_stats.csv": STATS_HEADER + (
        "huyen,,members,,,9,Bảng 1,qd-1,\n"
        "huyen,,mean,,,72,Bảng 1,qd-1,\n")})
    assert set(results.scores.loc[results.scores["group_id"] == "huyen", "group_size"]) == {9}
    assert Statistics(results).get(2024, "huyen", None, "members") == 9
    diffs, unverifiable = compare(results)
    assert diffs == [] and unverifiable == 1  # the stated size agrees; the mean needs all nine


def test_a_complete_table_is_unchanged_by_a_stated_size_equal_to_it(tmp_path):
    results = _results(tmp_path, **{"2024/published_stats.csv": STATS_HEADER
                                    + "so,,members,,,2,,qd-1,\n"})
    assert [_row(results, u)["rank"] for u in ("s1", "s2")] == [1, 2]
    assert Statistics(results).index(2024, "so").mean == 75  # type: ignore[union-attr]


@pytest.mark.parametrize(("row", "expected"), [
    ("huyen,,members,,,4,,qd-1,", "có ít nhất 5 thành viên"),  # h1–h5 are listed
    ("huyen,,members,,,9.5,,qd-1,", "số nguyên dương"),
    (",,members,,,9,,qd-1,", "cần mã nhóm"),
])
def test_a_stated_size_that_cannot_be_is_a_problem(tmp_path, row, expected):
    problems = _problems(tmp_path, STATS_HEADER + row + "\n")
    assert len(problems) == 1 and problems[0][1] == 2 and expected in problems[0][2]


def test_two_different_sizes_of_one_group_are_a_problem(tmp_path):
    problems = _problems(tmp_path, STATS_HEADER + "huyen,,members,,,9,,qd-1,\n"
                                                 "huyen,,members,,,10,,qd-1,\n")
    assert [(code, row) for code, row, _ in problems] == [("group-size", 3)]


def test_no_real_agency_is_counted_as_an_unprinted_member(real):
    """Sóc Trăng 2023 prints all 40 agencies: every group's size is its rows, nothing is
    withheld that was shown before."""
    df = real.year(2023)
    assert (df.groupby("group_id")["group_size"].first()
            == df.groupby("group_id").size()).all()
    assert len(df) == 40
    stats = Statistics(real)
    assert all(stats.index(2023, g).unpublished == 0  # type: ignore[union-attr]
               for g in [None, *df["group_id"].unique()])
