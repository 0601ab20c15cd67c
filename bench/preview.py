"""How long an editor waits: from saving a file to the preview showing it (`make serve`).

Runs the preview (`python -m plugins.serve`) on a copy of the data and the content, then saves
a change several times, one at a time, and times each from the save to the moment the new site
replaces the old one in the output folder (the build swaps the folder in whole, so the folder's
inode changes when, and only when, the new site is there to be served). A change is a score in
the latest year (`data/`) or a sentence in a page (`content/`); the two alternate between two
values, so that every save is a real change.
"""

from __future__ import annotations

import csv
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 120.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _inode(path: Path) -> int:
    try:
        return path.stat().st_ino
    except FileNotFoundError:
        return -1


def _wait_for_swap(output: Path, before: int, since: float) -> float:
    """Seconds from `since` until `output` is another folder than `before`."""
    while time.perf_counter() - since < TIMEOUT:
        if _inode(output) not in (before, -1):
            return time.perf_counter() - since
        time.sleep(0.005)
    raise TimeoutError(f"the preview did not rebuild within {TIMEOUT:.0f} s")


def score_edit(data: Path) -> Callable[[int], None]:
    """A change of the first score of the latest year that has one: `edit(i)` writes it 0,01
    lower for an odd `i`, as it was for an even one."""
    latest = max(p for p in data.iterdir() if p.is_dir() and p.name.isdigit())
    path = latest / "scores.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    column = rows[0].index("sipas")
    row = next(r for r in rows[1:] if r[column])
    value = float(row[column].replace(",", "."))

    def edit(i: int) -> None:
        row[column] = f"{value - 0.01 * (i % 2):.2f}"
        with path.open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows(rows)
    return edit


def _page_edit(content: Path) -> Callable[[int], None]:
    path = min(p for p in content.rglob("*.md"))
    text = path.read_text(encoding="utf-8")

    def edit(i: int) -> None:
        path.write_text(text + ("\nMột câu thêm.\n" if i % 2 else ""), encoding="utf-8")
    return edit


def measure(data: Path, content: Path, trials: int = 5) -> dict[str, list[float]]:
    """Seconds from a save to the preview showing it, for each trial of each kind of change."""
    work = Path(tempfile.mkdtemp(prefix="parindex-preview-"))
    try:
        d, c, out = work / "data", work / "content", work / "output"
        shutil.copytree(data, d)
        shutil.copytree(content, c)
        proc = subprocess.Popen(
            [sys.executable, "-m", "plugins.serve", "--data", str(d), "--content", str(c),
             "--output", str(out), "--port", str(_free_port())],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait_for_swap(out, -1, time.perf_counter())  # the first build
            time.sleep(1.0)  # the watcher starts after the first build
            times: dict[str, list[float]] = {"data": [], "content": []}
            edits = {"data": score_edit(d), "content": _page_edit(c)}
            for i in range(1, 2 * trials + 1):
                for kind, edit in edits.items():
                    if len(times[kind]) == trials:
                        continue
                    before = _inode(out)
                    start = time.perf_counter()
                    edit(i)
                    times[kind].append(_wait_for_swap(out, before, start))
                    time.sleep(0.5)  # let the watcher settle between saves
            return times
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    times = measure(ROOT / "data", ROOT / "content")
    for kind, seconds in times.items():
        shown = ", ".join(f"{s:.2f}" for s in seconds)
        print(f"preview, {kind} change visible after: median {statistics.median(seconds):.2f} s "
              f"({shown})")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
