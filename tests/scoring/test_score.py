"""Scoring (parindex/scoring/score.py): totals, index, bands, ranks and changes, from inline
tables.

The package here is another province's, with other groups, a single score component and bands
named Tốt/Khá/Trung bình/Kém: it must score with no change to the code.
"""

import math

import pytest

from parindex.data.dataset import load
from parindex.scoring.score import score
from tests.conftest import write_package

OTHER_PROVINCE = {
    "groups.csv": """
group_id,name,short_name,order,active_from,active_to
so-ban,Sở và ban ngành,Sở,1,,
xa,UBND cấp xã,Xã,2,2025,
""",
    "units.csv": """
unit_id,name,short_name,group_id,parent_id,aliases,active_from,active_to,successor_id,note
so-a,Sở A,A,so-ban,,,,,,
so-b,Sở B,B,so-ban,,Sở Bê,,,,
so-c,Sở C,C,so-ban,,,,,,
xa-d,UBND xã D,D,xa,,,2025,,,
""",
    "fields.csv": """
field_id,name,short_name,order
chi-dao,Chỉ đạo điều hành,Chỉ đạo,1
the-che,Thể chế,Thể chế,2
""",
    "components.csv": """
component_id,name,short_name,order
diem,Điểm thẩm định,Điểm,1
""",
    "bands.csv": """
year_from,year_to,band_id,name,order,min_pct,min_inclusive,max_pct,max_inclusive
2024,,tot,Tốt,1,85,true,,
2024,,kha,Khá,2,70,true,85,false
2024,,trung-binh,Trung bình,3,50,true,70,false
2024,,kem,Kém,4,,,50,false
""",
    "sources.csv": """
source_id,title,number,date,issuer,url,note
qd-1,Quyết định công bố,1/QĐ-UBND,2025-01-10,UBND tỉnh,,
""",
    "2024/scores.csv": """
unit_id,max_score,diem,total_published,index_published,rank_published,band_published,inferred,source_id,note
so-a,100,85,,,,,,qd-1,
Sở Bê,50,35,,,,,,qd-1,
so-c,80,56,,,,,,qd-1,
""",
    "2025/scores.csv": """
unit_id,max_score,diem,total_published,index_published,rank_published,band_published,inferred,source_id,note
so-a,100,60,,,,,,qd-1,
so-b,50,45,,,,,,qd-1,
so-c,80,40,,,,,,qd-1,
xa-d,90,44.9,,,,,,qd-1,
""",
    "2025/field_scores.csv": """
unit_id,field_id,score,max_score,source_id,note
so-a,chi-dao,30,40,qd-1,
so-a,the-che,30,60,qd-1,
""",
}


@pytest.fixture(scope="module")
def other(tmp_path_factory):
    root = write_package(tmp_path_factory.mktemp("other"), OTHER_PROVINCE,
                         scores_components=["diem"])
    dataset, report = load(root)
    assert dataset is not None, str(report)
    return score(dataset)


def row(results, year, unit_id):
    df = results.year(year)
    return df[df["unit_id"] == unit_id].iloc[0]


def test_another_province_scores_from_its_data_alone(other):
    a = row(other, 2024, "so-a")
    assert a["total"] == 85 and a["index"] == 85.0 and a["band_id"] == "tot"
    b = row(other, 2024, "so-b")  # named by its alias in the file
    assert b["index"] == 70.0 and b["band_id"] == "kha"
    c = row(other, 2024, "so-c")
    assert c["index"] == 70.0 and c["band_id"] == "kha"
    assert row(other, 2025, "xa-d")["band_id"] == "kem"  # 44,9 / 90 = 49,89 %


def test_equal_indices_share_a_rank_and_the_next_rank_is_skipped(other):
    ranks = {u: row(other, 2024, u)["rank"] for u in ("so-a", "so-b", "so-c")}
    assert ranks == {"so-a": 1, "so-b": 2, "so-c": 2}


def test_rank_is_within_the_group(other):
    assert row(other, 2025, "xa-d")["rank"] == 1
    assert row(other, 2025, "xa-d")["group_size"] == 1
    assert row(other, 2025, "so-b")["rank"] == 1  # 90 % beats 60 % and 50 %


def test_year_over_year_change_of_index_and_rank(other):
    b = row(other, 2025, "so-b")
    assert b["index_change"] == pytest.approx(20.0)
    assert b["rank_change"] == 1  # from 2nd to 1st
    a = row(other, 2025, "so-a")
    assert a["index_change"] == pytest.approx(-25.0) and a["rank_change"] == -1
    first_year = row(other, 2024, "so-a")
    assert math.isnan(first_year["index_change"])
    assert math.isnan(row(other, 2025, "xa-d")["index_change"])  # no previous year


def test_field_percentages_use_the_row_maximum(other):
    f = other.fields.set_index(["unit_id", "field_id"])
    assert f.loc[("so-a", "chi-dao"), "pct"] == 75.0
    assert f.loc[("so-a", "the-che"), "pct"] == 50.0


def test_index_keeps_full_precision(other):
    d = row(other, 2025, "xa-d")
    assert d["index"] == pytest.approx(44.9 / 90 * 100, abs=1e-12)
    assert d["index_official"] == 49.89
