"""The real site over several years: 2021 as far as it was published, the 2025 reorganisation,
and trend charts that leave a gap for a year without a value (issue 15)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from parindex.site.charts import mean_trend, unit_history
from parindex.site.models import TrendPoint, Value


def text(out: Path, url: str) -> str:
    t = (out / url / "index.html").read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", t)))


@pytest.fixture(scope="module")
def out(site) -> Path:
    return site.output


def test_2021_is_a_year_with_its_published_mean(out):
    assert "80,48" in text(out, "chi-so/2021")


def test_a_leader_of_2021_shows_it_in_its_history(out):
    page = text(out, "don-vi/so-xay-dung")
    assert "2021" in page and "87,33" in page


def test_district_profiles_say_they_ended_in_2025(out):
    page = text(out, "don-vi/ubnd-huyen-tran-de")
    assert "Hoạt động đến năm 2025" in page and "01/7/2025" in page


def test_a_merged_department_names_who_took_its_tasks(out):
    assert "nhiệm vụ chuyển cho Sở Xây dựng" in text(out, "don-vi/so-giao-thong-van-tai")


def test_the_merger_into_can_tho_is_told_on_the_home_and_about_pages(out):
    assert "thành phố Cần Thơ" in text(out, "")
    assert "202/2025/QH15" in text(out, "gioi-thieu")


def test_the_home_trend_lists_every_year_and_the_gap(out):
    page = text(out, "")
    for printed in ("2019 Tất cả cơ quan, đơn vị 77,60", "2020 Tất cả cơ quan, đơn vị 80,39",
                    "2021 Tất cả cơ quan, đơn vị 80,48", "2023 Tất cả cơ quan, đơn vị 77,53"):
        assert printed in page
    assert "2022 Tất cả" not in page  # no row of a year without a value: said once, under it
    assert "Văn bản nguồn không công bố trung bình của năm 2022" in page


def _points(series: str, values: dict[int, float | None]) -> list[TrendPoint]:
    return [TrendPoint(y, series, Value(v, "computed" if v is not None else ""))
            for y, v in values.items()]


def test_a_missing_year_is_a_gap_in_every_series():
    # synthetic: three complete years and a gap in one group
    points = _points("A", {2020: 70.0, 2021: 72.5, 2022: None, 2023: 75.0}) + \
        _points("B", {2020: 80.0, 2021: 81.0, 2022: 82.0, 2023: 83.0})
    c = mean_trend.chart("x", points)
    assert c is not None
    a = [r["index"] for r in c.rows if r["series"] == "A"]
    assert a == [70.0, 72.5, None, 75.0]
    assert "A năm 2022: chưa có số liệu" in c.alt


def test_one_known_year_is_no_trend():
    assert mean_trend.chart("x", _points("A", {2023: 75.0})) is None


def test_a_history_with_a_missing_year_keeps_the_year_as_a_gap():
    assert unit_history.with_gaps({2021: 87.33, 2023: 80.0}) == [
        {"year": 2021, "index": 87.33}, {"year": 2022, "index": None},
        {"year": 2023, "index": 80.0}]
