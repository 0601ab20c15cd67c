"""The worker pool (plugins/pool.py): pages and charts from the pool equal those written by one
process; a worker's failure fails the build with its message; workers die with the build.

Builds that must fork run in a fresh process (tests/plugin/support.py)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_real
from tests.plugin.support import build_in_process, snapshot

ONE_PROCESS = "import os; os.cpu_count = lambda: 1"


def test_pages_from_the_pool_equal_pages_from_one_process(tmp_path):
    data = copy_real(tmp_path)
    one = build_in_process(tmp_path / "one", data, tmp_path / "cache-one", ONE_PROCESS)
    pool = build_in_process(tmp_path / "pool", data, tmp_path / "cache-pool")
    assert one["stats"]["workers"] == 0
    assert pool["stats"]["workers"] == (os.cpu_count() if os.cpu_count() > 1 else 0)
    for name in ("pages", "charts_rendered", "charts_reused"):
        assert pool["stats"][name] == one["stats"][name], name
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "pool")


BROKEN = """
import os
from plugins import pages
parent, real = os.getpid(), pages._write_page
def broken(work, page, used, *lang):
    if os.getpid() != parent and page.url.startswith("don-vi/"):
        raise ValueError("trang hỏng")
    return real(work, page, used, *lang)
pages._write_page = broken
"""


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: no worker processes")
def test_a_page_that_fails_in_a_worker_fails_the_build_and_keeps_the_site(tmp_path):
    data, out, cache = copy_real(tmp_path), tmp_path / "site", tmp_path / "cache"
    assert "stats" in build_in_process(out, data, cache)
    before = snapshot(out)
    failed = build_in_process(out, data, cache, BROKEN, force=True)
    assert failed["error"].startswith("Không ghi được một số trang: ValueError: trang hỏng")
    assert snapshot(out) == before
    assert not list(tmp_path.glob(".output-*"))


def _children(pid: int) -> set[int]:
    """The processes whose parent is `pid` (from /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2,
                    reason="Linux (/proc, PR_SET_PDEATHSIG) and several cores")
def test_a_build_killed_while_drawing_charts_leaves_no_process(tmp_path):
    from bench import synth

    data = synth.make(tmp_path / "data", 300, 3)
    output = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "plugins.build", "--output", str(output), "--data", str(data),
         "--cache", str(tmp_path / "cache")],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ours: set[int] = set()
    try:
        deadline = time.monotonic() + 300
        # drawing: the workers exist and the first charts are being written
        while not (len(_children(proc.pid)) >= 2
                   and any(output.parent.glob(".output-*/**/*.svg"))):
            assert proc.poll() is None and time.monotonic() < deadline, "build ended early"
            time.sleep(0.05)
        ours = _children(proc.pid)
        ours |= {c for pid in ours for c in _children(pid)}
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 5
        while any(_alive(pid) for pid in ours) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [pid for pid in ours if _alive(pid)]
    finally:
        for pid in ours | {proc.pid}:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
