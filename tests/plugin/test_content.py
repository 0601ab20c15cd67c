"""The editors' Markdown (plugins/content.py): dates in the Vietnamese order, and a news
article or page the build cannot read stops it, naming the file and the reason in Vietnamese,
instead of being dropped."""

import shutil

import pytest

from plugins.content import vietnamese_date
from tests.conftest import ROOT, copy_real
from tests.plugin.support import run_build, snapshot


@pytest.mark.parametrize(("text", "day"), [
    ("05/03/2025", (2025, 3, 5, 0, 0)), ("5/3/2025", (2025, 3, 5, 0, 0)),
    ("05-03-2025", (2025, 3, 5, 0, 0)), ("05/03/2025 08:30", (2025, 3, 5, 8, 30)),
    ("2025-03-05", (2025, 3, 5, 0, 0)), ("2025-03-05 08:30", (2025, 3, 5, 8, 30)),
])
def test_dates_are_read_day_first(text, day):
    d = vietnamese_date(text)
    assert (d.year, d.month, d.day, d.hour, d.minute) == day


@pytest.mark.parametrize(("text", "why"), [("31/02/2025", "không có thật"),
                                           ("March 5, 2025", "không đọc được"),
                                           ("13/13/2025", "không có thật")])
def test_a_date_that_is_none_is_refused_saying_how_to_write_it(text, why):
    with pytest.raises(ValueError, match=why) as err:
        vietnamese_date(text)
    assert "Date: 05/03/2025" in str(err.value)


def news(content, name, text):
    (content / "tin-tuc" / name).write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("news")
    data, content = copy_real(tmp), shutil.copytree(ROOT / "content", tmp / "content")
    news(content, "tin-moi.md", "Title: Tin mới\nDate: 05/03/2025\n\nNội dung.\n")
    done = run_build(tmp / "output", data, "--content", str(content))
    _, err = done.communicate(timeout=600)
    assert done.returncode == 0, err
    return tmp, data, content, tmp / "output"


def test_a_news_dated_05_03_2025_is_the_fifth_of_march(portal):
    *_, output = portal
    page = (output / "tin-tuc/tin-moi/index.html").read_text(encoding="utf-8")
    assert "05/03/2025" in page and "03/05/2025" not in page


def test_news_it_cannot_read_stop_the_build_naming_each_file(portal):
    tmp, data, content, output = portal
    before = snapshot(output)
    broken = shutil.copytree(content, tmp / "broken")
    news(broken, "khong-tieu-de.md", "Date: 05/03/2025\n\nKhông có tiêu đề.\n")
    news(broken, "ngay-sai.md", "Title: Ngày sai\nDate: 31/02/2025\n\nx\n")
    news(broken, "khong-ngay.md", "Title: Không ngày\n\nx\n")
    done = run_build(output, data, "--content", str(broken))
    out, err = done.communicate(timeout=600)
    assert done.returncode == 1 and "Traceback" not in out + err
    assert "tin-tuc/khong-tieu-de.md: thiếu tiêu đề" in err
    assert "tin-tuc/ngay-sai.md: ngày «31/02/2025» không có thật" in err
    assert "tin-tuc/khong-ngay.md: thiếu ngày" in err
    assert "giữ nguyên" in err
    assert snapshot(output) == before
