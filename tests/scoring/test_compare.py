"""Published against computed (parindex/scoring/compare.py, `parindex check`): differences
listed, never hidden."""

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
