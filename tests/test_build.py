"""The build command (plugins/build.py): a failed or interrupted build loses nothing.

The site is built into a temporary folder and replaces `output/` only when the whole build
succeeded; bad data is reported in Vietnamese, without a traceback.
"""

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_real
from tests.helpers import edit, set_cell


def snapshot(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def run_build(output: Path, data: Path, *flags: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "plugins.build", "--output", str(output), "--data", str(data),
         *flags],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


@pytest.fixture(scope="module")
def good_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("build")
    data = copy_real(tmp)
    output = tmp / "output"
    done = run_build(output, data)
    out, err = done.communicate(timeout=600)
    assert done.returncode == 0, err
    return tmp, data, output, snapshot(output)


def test_bad_data_stops_the_build_and_keeps_the_last_good_output(good_site):
    tmp, data, output, before = good_site
    broken = copy_real(tmp / "broken")
    edit(broken / "2023/scores.csv", set_cell(30, "sipas", "mười bốn"))
    done = run_build(output, broken)
    out, err = done.communicate(timeout=600)
    assert done.returncode == 1
    assert "2023/scores.csv, dòng 30, cột 'sipas': giá trị 'mười bốn'" in err
    assert "giữ nguyên" in err and "Traceback" not in out + err
    assert snapshot(output) == before


def test_warnings_are_shown_and_do_not_stop_the_build(good_site, tmp_path):
    _, _, _, _ = good_site
    data = copy_real(tmp_path)
    edit(data / "2023/innovations.csv", set_cell(3, "summary", ""))
    done = run_build(tmp_path / "out", data)
    out, err = done.communicate(timeout=600)
    assert done.returncode == 0, err
    assert "CẢNH BÁO 2023/innovations.csv, dòng 3, cột 'summary'" in out + err


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "kill"])
def test_an_interrupted_build_keeps_the_last_good_output(good_site, sig):
    tmp, data, output, before = good_site
    proc = run_build(output, data, "--force", start_new_session=True)
    deadline = time.monotonic() + 120
    # wait until the build is writing its temporary folder, then interrupt it half-way
    while not any(p.name.startswith(".output-") for p in output.parent.iterdir()):
        assert proc.poll() is None and time.monotonic() < deadline, "build ended too early"
        time.sleep(0.02)
    os.killpg(proc.pid, sig)
    proc.communicate(timeout=120)
    assert proc.returncode != 0
    assert snapshot(output) == before


def test_a_rebuild_with_nothing_changed_does_nothing(good_site):
    _, data, output, before = good_site
    done = run_build(output, data)
    out, err = done.communicate(timeout=600)
    assert done.returncode == 0 and "Không có gì thay đổi" in out
    assert "CẢNH BÁO 2023/innovations.csv" in err  # the data's warnings are shown again
    assert snapshot(output) == before


def test_a_cached_rebuild_equals_a_clean_build_file_by_file(tmp_path):
    from plugins.build import build

    data = copy_real(tmp_path)
    cache = tmp_path / "cache"
    build(tmp_path / "site", data=data, cache=cache)  # fills the chart cache
    for column, value in (("sipas", "12.34"), ("total_published", ""), ("index_published", "")):
        edit(data / "2023/scores.csv", set_cell(21, column, value))  # Mỹ Xuyên: 83,84 → 81,71
    stats: dict = {}
    cached = build(tmp_path / "site", data=data, cache=cache, stats=stats)
    # unchanged pages and charts come from the previous output; the changed ones are new
    assert stats["charts_reused"] > 0 and stats["charts_rendered"] > 0
    assert 0 < stats["pages_reused"] < stats["pages"] - 5
    clean = build(tmp_path / "clean", data=data, cache=tmp_path / "empty-cache")
    assert snapshot(cached.output) == snapshot(clean.output)
    profile = "don-vi/ubnd-huyen-my-xuyen/index.html"
    assert "81,71" in (cached.output / profile).read_text(encoding="utf-8")


def test_pages_written_by_two_processes_equal_pages_written_by_one(tmp_path, monkeypatch):
    # A large site's pages are built and written by two processes, the second sending back
    # its charts to draw and what it wrote, so that the next build can link unchanged pages.
    from plugins.build import build

    data = copy_real(tmp_path)
    cache = tmp_path / "cache"
    one: dict = {}
    build(tmp_path / "one", data=data, cache=cache, stats=one)  # 68 pages: one process
    monkeypatch.setattr(sys.modules["parindex_site"], "SPLIT_FROM", 0)  # now 68 are enough
    two: dict = {}
    build(tmp_path / "two", data=data, cache=tmp_path / "cold", stats=two)  # every chart drawn
    assert (one["page_processes"], two["page_processes"]) == (1, 2)
    assert two["charts_rendered"] == one["charts_rendered"] > 0
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")
    edit(data / "2023/scores.csv", set_cell(21, "sipas", "12.34"))
    cached: dict = {}
    build(tmp_path / "two", data=data, cache=cache, stats=cached)
    assert cached["page_processes"] == 2
    assert cached["pages_reused"] > cached["pages"] - 10  # the agency, its ranking, the year …
    build(tmp_path / "one", data=data, cache=cache, force=True)
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")


def test_a_page_that_fails_in_the_second_process_fails_the_build_and_keeps_the_site(
        tmp_path, monkeypatch):
    from plugins.build import build

    data, out, cache = copy_real(tmp_path), tmp_path / "site", tmp_path / "cache"
    build(out, data=data, cache=cache)
    before = snapshot(out)
    site = sys.modules["parindex_site"]
    monkeypatch.setattr(site, "SPLIT_FROM", 0)
    write_page, parent = site.ParIndexGenerator._write_page, os.getpid()

    def broken_in_the_copy(self, writer, page, relative):
        if os.getpid() != parent:
            raise ValueError("trang hỏng")
        return write_page(self, writer, page, relative)

    monkeypatch.setattr(site.ParIndexGenerator, "_write_page", broken_in_the_copy)
    with pytest.raises(RuntimeError, match="Không ghi được một số trang(.|\n)*trang hỏng"):
        build(out, data=data, cache=cache, force=True)
    assert snapshot(out) == before
    assert not list(tmp_path.glob(".output-*"))
