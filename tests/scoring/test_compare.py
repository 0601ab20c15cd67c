"""Published against computed (parindex/scoring/compare.py, `parindex check`): differences
listed, never hidden."""

import pytest

from parindex.data.dataset import load
from parindex.scoring.compare import compare
from parindex.scoring.score import score
from tests.conftest import copy_real
from tests.helpers import edit, run_cli, set_cell


def test_real_data_shows_the_reports_rounding_differences(real):
    diffs, _ = compare(real)
    thanh_tri = [d for d in diffs if d.subject == "UBND huyện Thạnh Trị" and d.what == "chỉ số"]
    assert len(thanh_tri) == 1  # printed 77,38; 73,71 / 95,25 = 77,3858…
    assert (thanh_tri[0].published, thanh_tri[0].computed, thanh_tri[0].kind) == (
        "77,38", "77,39", "rounding")
    assert all(d.kind == "rounding" for d in diffs if d.what in ("chỉ số", "tổng điểm"))


def test_the_reports_wrong_district_spread_is_a_mismatch(real):
    diffs, _ = compare(real)
    spread = [d for d in diffs if d.what.startswith("spread") and d.published == "6,76"]
    assert len(spread) == 1 and spread[0].computed == "14,78" and spread[0].kind == "mismatch"


def test_department_statistics_are_unverifiable_not_agreeing(real):
    _, unverifiable = compare(real)
    assert unverifiable > 0


def test_a_wrong_published_value_is_reported(tmp_path):
    data = copy_real(tmp_path)
    edit(data / "2023/scores.csv", set_cell(21, "index_published", "73,84"))
    dataset, report = load(data)
    diffs, _ = compare(score(dataset))
    hit = [d for d in diffs if d.row == 21 and d.what == "chỉ số"]
    assert len(hit) == 1 and hit[0].kind == "mismatch" and hit[0].published == "73,84"
    assert hit[0].computed == "83,84"


def test_check_command_lists_differences_and_exits_zero():
    done = run_cli("check", "data")
    assert done.returncode == 0
    assert "LÀM TRÒN 2023/scores.csv" in done.stdout and "77,38" in done.stdout
    assert "SAI KHÁC" in done.stdout and "6,76" in done.stdout


def test_a_value_is_compared_at_the_precision_it_is_printed_with(real):
    # Sở Tài chính's lowest field score, printed 36,2 (one decimal); 3,98 / 11 = 36,18 %
    diffs, _ = compare(real)
    assert not [d for d in diffs if d.file == "2023/published_stats.csv" and d.row == 40]


@pytest.mark.parametrize("printed, kind", [("36,1", "rounding"), ("36,4", "mismatch")])
def test_a_one_decimal_value_differs_beyond_its_last_digit(tmp_path, printed, kind):
    data = copy_real(tmp_path)
    edit(data / "2023/published_stats.csv", set_cell(40, "value", printed))
    dataset, _ = load(data)
    (hit,) = [d for d in compare(score(dataset))[0] if d.row == 40]
    assert (hit.published, hit.computed, hit.kind) == (printed, "36,18", kind)


def test_a_three_decimal_index_is_checked_to_three_decimals(three_decimals):
    root = three_decimals("2024/scores.csv", "97,685;1;xuat-sac", "97,785;1;xuat-sac")
    dataset, _ = load(root)
    hit, mean = compare(score(dataset))[0]  # the group's printed mean, of printed indices
    assert (mean.published, mean.computed) == ("88,714", "88,748")
    assert (hit.subject, hit.what, hit.published, hit.computed, hit.kind) == (
        "Sở Tư pháp", "chỉ số", "97,785", "97,685", "mismatch")
    assert compare(score(load(three_decimals())[0])) == ([], 0)
