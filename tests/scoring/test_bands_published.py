"""Bands without cut-offs (parindex/scoring/score.py, stats.py, compare.py): when a source names
each agency's band but prints no ranges, the band is the printed one, nothing is computed from
the index, and `parindex check` reports no band difference.
"""

import pandas as pd
import pytest

from parindex.data.dataset import load
from parindex.scoring.compare import compare
from parindex.scoring.score import score
from parindex.scoring.stats import Statistics
from tests.conftest import write_package
from tests.helpers import run_cli

HEADER = ("unit_id,max_score,diem,total_published,index_published,rank_published,"
          "band_published,inferred,source_id,note")
NO_CUTOFFS = {
    "groups.csv": "group_id,name,short_name,order,active_from,active_to\nso,Sở,Sở,1,,",
    "units.csv": """
unit_id,name,short_name,group_id,parent_id,aliases,active_from,active_to,successor_id,note
so-a,Sở A,A,so,,,,,,
so-b,Sở B,B,so,,,,,,
so-c,Sở C,C,so,,,,,,
""",
    "fields.csv": "field_id,name,short_name,order\nchi-dao,Chỉ đạo,Chỉ đạo,1",
    "components.csv": "component_id,name,short_name,order\ndiem,Điểm,Điểm,1",
    "bands.csv": """
year_from,year_to,band_id,name,order,min_pct,min_inclusive,max_pct,max_inclusive,inferred,source_id,note
2024,,tot,Tốt,1,,,,,,qd-1,Không in ngưỡng
2024,,kha,Khá,2,,,,,,qd-1,Không in ngưỡng
""",
    "sources.csv": "source_id,title,number,date,issuer,url,note\nqd-1,Quyết định,1/QĐ,,UBND,,",
    # so-a has the highest index and the lower band: a band is not an index range here
    "2024/scores.csv": HEADER + """
so-a,100,95,,,,kha,,qd-1,
so-b,100,80,,,,tot,,qd-1,
so-c,100,70,,,,tot,,qd-1,
""",
    "2024/field_scores.csv": """
unit_id,field_id,score,max_score,source_id,note
so-a,chi-dao,9,10,qd-1,
so-b,chi-dao,8,10,qd-1,
so-c,chi-dao,7,10,qd-1,
""",
    "2024/published_stats.csv": """
group_id,field_id,statistic,band_id,unit_id,value,location,source_id,note
so,,count,tot,,2,,qd-1,
so,,count,kha,,1,,qd-1,
""",
}


def package(root, **changes):
    dataset, report = load(write_package(root, {**NO_CUTOFFS, **changes},
                                         scores_components=["diem"]))
    assert dataset is not None, str(report)
    return dataset


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    return score(package(tmp_path_factory.mktemp("no-cutoffs")))


def test_the_band_is_the_published_one(results):
    df = results.year(2024).set_index("unit_id")
    assert df["band_id"].to_dict() == {"so-a": "kha", "so-b": "tot", "so-c": "tot"}
    assert set(df["band_origin"]) == {"published"}
    assert df.loc["so-a", "rank"] == 1  # the index still ranks


def test_band_counts_count_the_published_bands(results):
    summary = Statistics(results).index(2024, "so")
    assert (summary.get("count", "tot"), summary.get("count", "kha")) == (2, 1)


def test_check_reports_no_band_difference(results):
    diffs, unverifiable = compare(results)
    assert not [d for d in diffs if d.what == "xếp loại"]
    assert not [d for d in diffs if d.what.startswith("số đơn vị xếp loại")]  # 2 and 1, as printed
    assert unverifiable == 0


def test_an_agency_without_a_printed_band_has_none_and_counts_are_unknown(tmp_path):
    scores = NO_CUTOFFS["2024/scores.csv"].replace("so-c,100,70,,,,tot", "so-c,100,70,,,,")
    results = score(package(tmp_path, **{"2024/scores.csv": scores}))
    df = results.year(2024).set_index("unit_id")
    assert pd.isna(df.loc["so-c", "band_id"]) and pd.isna(df.loc["so-c", "band_origin"])
    assert Statistics(results).index(2024, "so").get("count", "tot") is None
    _, unverifiable = compare(results)
    assert unverifiable == 2  # the two printed counts cannot be checked without so-c's band


def test_with_cut_offs_the_band_is_computed_and_a_wrong_printed_one_reported(tmp_path):
    bands = """
year_from,year_to,band_id,name,order,min_pct,min_inclusive,max_pct,max_inclusive,inferred,source_id,note
2024,,tot,Tốt,1,80,true,,,,qd-1,
2024,,kha,Khá,2,,,80,false,,qd-1,
"""
    results = score(package(tmp_path, **{"bands.csv": bands}))
    df = results.year(2024).set_index("unit_id")
    assert df["band_id"].to_dict() == {"so-a": "tot", "so-b": "tot", "so-c": "kha"}
    assert set(df["band_origin"]) == {"computed"}
    wrong = [d for d in compare(results)[0] if d.what == "xếp loại"]
    assert [(d.subject, d.published, d.computed) for d in wrong] == [
        ("Sở A", "kha", "tot"), ("Sở C", "tot", "kha")]


def test_a_printed_band_stands_where_the_index_is_unknown(tmp_path):
    bands = """
year_from,year_to,band_id,name,order,min_pct,min_inclusive,max_pct,max_inclusive,inferred,source_id,note
2024,,tot,Tốt,1,80,true,,,,qd-1,
2024,,kha,Khá,2,,,80,false,,qd-1,
"""
    scores = NO_CUTOFFS["2024/scores.csv"].replace("so-c,100,70,", "so-c,100,,")
    results = score(package(tmp_path, **{"bands.csv": bands, "2024/scores.csv": scores}))
    row = results.year(2024).set_index("unit_id").loc["so-c"]
    assert (row["band_id"], row["band_origin"]) == ("tot", "published")


def test_check_command_on_a_package_without_cut_offs(tmp_path):
    root = write_package(tmp_path / "data", NO_CUTOFFS, scores_components=["diem"])
    done = run_cli("check", str(root))
    assert done.returncode == 0, done.stderr
    assert "xếp loại" not in done.stdout and "SAI KHÁC" not in done.stdout
