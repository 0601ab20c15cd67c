"""Statistics over several years (parindex/scoring/stats.py) and their check against the printed
ones (parindex/scoring/compare.py), from a small package whose numbers are easy to do by hand.

Every score has a maximum of 100, so an agency's index is its score. One field (`chi-dao`) has a
maximum per group (field_maxima.csv): 20 for the departments, 40 for the districts and communes.

Index                     2022                      2023
  so-a (group so)         50                        65
  so-b (group so)         60                        75
  huyen-c (group huyen)   65                        70
  huyen-d (group huyen)   80                        90
  xa-e (group xa, new)    —                         75
  mean of group so        (50 + 60) / 2 = 55        (65 + 75) / 2 = 70      change 15
  mean of group huyen     (65 + 80) / 2 = 72,5      (70 + 90) / 2 = 80      change 7,5
  mean of group xa        —                         75                      change: none
  mean of all agencies    255 / 4 = 63,75           375 / 5 = 75            change 11,25

Field chi-dao, score / maximum = %
  so-a                    10 / 20 = 50              15 / 20 = 75
  so-b                    10 / 20 = 50              14 / 20 = 70
  huyen-c                 16 / 40 = 40              32 / 40 = 80
  huyen-d                 24 / 40 = 60              30 / 40 = 75
  xa-e                    —                         30 / 40 = 75
  mean of all agencies    200 / 4 = 50              375 / 5 = 75            change 25

Before the fix of 88f17a2, `parindex check` took every mean change as this year's mean of the
set less last year's mean of the *index of all agencies* (63,75): group so 70 − 63,75 = 6,25
instead of 15, field chi-dao 75 − 63,75 = 11,25 instead of 25 — and a printed 11,25 for the field
would have passed. The tests below fail on that behaviour.
"""

import pytest

from parindex.data.dataset import load
from parindex.scoring.compare import compare
from parindex.scoring.score import score
from parindex.scoring.stats import Statistics
from tests.conftest import write_package

UNITS = """
unit_id,name,short_name,group_id,parent_id,aliases,active_from,active_to,successor_id,note
so-a,Sở A,A,so,,,,,,
so-b,Sở B,B,so,,,,,,
huyen-c,UBND huyện C,C,huyen,,,,,,
huyen-d,UBND huyện D,D,huyen,,,,,,
xa-e,UBND xã E,E,xa,,,2023,,,
"""

SCORES_HEADER = ("unit_id,max_score,diem,total_published,index_published,rank_published,"
                 "band_published,inferred,source_id,note\n")


def scores(**index: int) -> str:
    return SCORES_HEADER + "".join(f"{u.replace('_', '-')},100,{v},,,,,,qd-1,\n"
                                   for u, v in index.items())


def field_scores(**score: int) -> str:
    return "unit_id,field_id,score,max_score,source_id,note\n" + "".join(
        f"{u.replace('_', '-')},chi-dao,{v},,qd-1,\n" for u, v in score.items())


FIELD_MAXIMA = """
group_id,field_id,max_score,inferred,source_id,note
so,chi-dao,20,,qd-1,
huyen,chi-dao,40,,qd-1,
xa,chi-dao,40,,qd-1,
"""

INDEX_2022 = scores(so_a=50, so_b=60, huyen_c=65, huyen_d=80)
FIELD_2022 = field_scores(so_a=10, so_b=10, huyen_c=16, huyen_d=24)

TABLES = {
    "groups.csv": """
group_id,name,short_name,order,active_from,active_to
so,Sở ngành,Sở,1,,
huyen,UBND cấp huyện,Huyện,2,,
xa,UBND cấp xã,Xã,3,2023,
""",
    "units.csv": UNITS,
    "fields.csv": """
field_id,name,short_name,order
chi-dao,Chỉ đạo điều hành,Chỉ đạo,1
""",
    "components.csv": """
component_id,name,short_name,order
diem,Điểm,Điểm,1
""",
    "bands.csv": """
year_from,year_to,band_id,name,order,min_pct,min_inclusive,max_pct,max_inclusive
2020,,tot,Tốt,1,85,true,,
2020,,kha,Khá,2,70,true,85,false
2020,,trung-binh,Trung bình,3,50,true,70,false
2020,,kem,Kém,4,,,50,false
""",
    "sources.csv": """
source_id,title,number,date,issuer,url,note
qd-1,Quyết định công bố,1/QĐ-UBND,2024-01-10,UBND tỉnh,,
""",
    "2022/scores.csv": INDEX_2022,
    "2022/field_scores.csv": FIELD_2022,
    "2022/field_maxima.csv": FIELD_MAXIMA,
    "2023/scores.csv": scores(so_a=65, so_b=75, huyen_c=70, huyen_d=90, xa_e=75),
    "2023/field_scores.csv": field_scores(so_a=15, so_b=14, huyen_c=32, huyen_d=30, xa_e=30),
    "2023/field_maxima.csv": FIELD_MAXIMA,
}


def published(field_change: str) -> str:
    """2023's printed mean changes: all agencies, group so, field chi-dao, and the new group xa
    (which had no agencies in 2022: nothing to compare the printed value with)."""
    return f"""
group_id,field_id,statistic,band_id,unit_id,value,location,source_id,note
,,mean_change,,,11.25,,qd-1,
so,,mean_change,,,15,,qd-1,
,chi-dao,mean_change,,,{field_change},,qd-1,
xa,,mean_change,,,4,,qd-1,
"""


def results_of(root, tables):
    dataset, report = load(write_package(root, tables, scores_components=["diem"]))
    assert dataset is not None, str(report)
    return score(dataset)


@pytest.fixture(scope="module")
def two_years(tmp_path_factory):
    return results_of(tmp_path_factory.mktemp("two-years"),
                      {**TABLES, "2023/published_stats.csv": published("25")})


def test_the_hand_computed_means_of_each_year(two_years):
    stats = Statistics(two_years)
    assert stats.index(2022, None).mean == 63.75 and stats.index(2023, None).mean == 75
    assert stats.index(2022, "so").mean == 55 and stats.index(2023, "so").mean == 70
    assert stats.index(2022, "huyen").mean == 72.5 and stats.index(2023, "huyen").mean == 80
    assert stats.field(2022, None, "chi-dao").mean == 50
    assert stats.field(2023, None, "chi-dao").mean == 75


def test_a_fields_mean_change_is_of_its_own_mean_percentage(two_years):
    # 75 − 50: the field's mean percentage, not the index of all agencies (75 − 63,75 = 11,25)
    assert Statistics(two_years).mean_change(2023, None, "chi-dao") == 25


def test_a_groups_mean_change_is_of_its_own_mean_index(two_years):
    stats = Statistics(two_years)
    assert stats.mean_change(2023, "so") == 70 - 55 == 15  # not 70 − 63,75 = 6,25
    assert stats.mean_change(2023, "huyen") == 80 - 72.5 == 7.5
    assert stats.mean_change(2023, None) == 75 - 63.75 == 11.25
    assert stats.get(2023, "so", None, "mean_change") == 15  # by its published_stats name


def test_a_group_absent_from_the_previous_year_has_no_mean_change(two_years):
    stats = Statistics(two_years)
    assert stats.index(2023, "xa").mean == 75 and stats.index(2022, "xa") is None
    assert stats.mean_change(2023, "xa") is None
    assert stats.mean_change(2022, None) is None  # the first year has no previous year


def test_correct_printed_mean_changes_agree(two_years):
    diffs, unverifiable = compare(two_years)
    assert diffs == []
    assert unverifiable == 1  # group xa's printed change: nothing to recompute it from


def test_a_wrong_printed_field_mean_change_is_a_mismatch(tmp_path):
    # 11,25 is the all-agency index change, which the check before 88f17a2 compared it with
    results = results_of(tmp_path, {**TABLES, "2023/published_stats.csv": published("11.25")})
    diffs, _ = compare(results)
    assert len(diffs) == 1
    d = diffs[0]
    assert (d.year, d.row, d.subject, d.kind) == (2023, 4, "tất cả đơn vị", "mismatch")
    assert d.what == "thay đổi của trung bình so với năm trước của lĩnh vực Chỉ đạo điều hành"
    assert (d.published, d.computed) == ("11,25", "25")


def test_a_gap_year_is_skipped(tmp_path):
    # 2022's data as 2021's; 2022 is in the package but has no scores (an empty scores table)
    tables = {k: v for k, v in TABLES.items() if not k.startswith("2022/")}
    tables.update({"2021/scores.csv": INDEX_2022, "2021/field_scores.csv": FIELD_2022,
                   "2021/field_maxima.csv": FIELD_MAXIMA, "2022/scores.csv": SCORES_HEADER,
                   "2023/published_stats.csv": published("25")})
    results = results_of(tmp_path, tables)
    assert 2022 in results.dataset.years and results.years == [2021, 2023]
    stats = Statistics(results)
    assert stats.previous_year(2023) == 2021
    assert stats.mean_change(2023, None) == 11.25
    assert stats.mean_change(2023, "so") == 15
    assert stats.mean_change(2023, None, "chi-dao") == 25
    assert compare(results) == ([], 1)


def test_the_pages_show_the_same_mean_changes_as_the_check(tmp_path):
    # nothing printed: the year page, the ranking and the field overview show what
    # Statistics computes, the numbers worked out by hand above
    from parindex.site import site

    pages = site(results_of(tmp_path, TABLES))
    year = next(p for p in pages.years if p.year == 2023)
    assert year.stats.mean_change.value == 11.25
    field = next(f for f in year.fields if f.field.id == "chi-dao")
    assert field.mean_change.value == 25 and field.mean_change.origin == "computed"
    ranking = next(p for p in pages.rankings if p.year == 2023 and p.group.id == "so")
    assert ranking.stats.mean_change.value == 15
    new_group = next(p for p in pages.rankings if p.year == 2023 and p.group.id == "xa")
    assert new_group.stats.mean_change.value is None


def test_a_wrong_printed_mean_change_is_quoted_beside_the_computed_one(tmp_path):
    """The page shows the change the data gives (25,00) and quotes the printed 11,25 beside it,
    its location in the footnote."""
    from parindex.site import site

    pages = site(results_of(tmp_path, {**TABLES,
                                       "2023/published_stats.csv": published("11.25")}))
    year = next(p for p in pages.years if p.year == 2023)
    change = next(f for f in year.fields if f.field.id == "chi-dao").mean_change
    assert change.value == 25.0 and change.origin == "computed"
    assert change.printed == "văn bản nguồn in 11,25"
    assert change.note is not None and "11,25" in year.notes[change.note - 1]
