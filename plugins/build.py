"""Build the site: `python -m plugins.build [--publish] [--output DIR]` (what `make site` runs).

Pelican runs into a fresh directory next to the output, Pagefind indexes it, and only when both
succeeded does the new directory replace `output/` (rename the old one away, rename the new one
in, delete the old one). A failed or interrupted build never touches the last good `output/`.
Invalid data stops the build with parindex's report, in Vietnamese, without a traceback.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from parindex.data.problems import DataError

ROOT = Path(__file__).resolve().parents[1]
KEPT = "Trang web trước đó trong {output} được giữ nguyên."


class BuildError(Exception):
    """The build failed; the message says why, in Vietnamese."""


@dataclass
class BuildResult:
    output: Path
    seconds: float
    warnings: list[str] = field(default_factory=list)  # WARNING and above logged by Pelican
    data_warnings: list[str] = field(default_factory=list)  # parindex's, about the data
    pagefind: str = ""
    unchanged: bool = False  # nothing the build reads had changed: nothing was done


class _Collect(logging.Handler):
    """Keeps every warning logged while Pelican runs (any logger)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.name}: {record.getMessage()}")


# A build makes millions of small objects that live to its end (the page models): with the
# default thresholds the garbage collector scans them over and over, a fifth of the time the
# models take at national size. Cycles are still collected, every 100.000 allocations.
GC_THRESHOLDS = (100_000, 50, 1000)


def _pelican(settings_file: Path, override: dict) -> tuple[list[str], list[str]]:
    """Run Pelican; the warnings it logged, and the data's warnings from the plugin's report."""
    from pelican import Pelican, signals
    from pelican.log import LimitFilter
    from pelican.settings import read_settings

    reports = []

    def grab(generators) -> None:
        reports.extend(g.report for g in generators if hasattr(g, "report"))

    # Pelican drops a warning it has logged once in this process; each build must see its own.
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    handler = _Collect()
    root = logging.getLogger()
    root.addHandler(handler)
    signals.all_generators_finalized.connect(grab)
    thresholds = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        Pelican(read_settings(str(settings_file), override=override)).run()
    finally:
        gc.set_threshold(*thresholds)
        root.removeHandler(handler)
        signals.all_generators_finalized.disconnect(grab)
    return handler.messages, [str(p) for r in reports for p in r.warnings]


class _Search:
    """Pagefind over the new site, started as soon as every HTML page is written (the plugin
    calls `start` through PARINDEX_PAGES_WRITTEN) so that it indexes while the build writes
    charts and downloads; `wait` starts it if nothing did."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.process: subprocess.Popen | None = None
        self.started = 0.0

    def start(self) -> None:
        self.started = time.perf_counter()
        self.log = tempfile.TemporaryFile("w+", encoding="utf-8")  # never a full pipe
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pagefind", "--site", str(self.site)],
            stdout=self.log, stderr=subprocess.STDOUT)

    def wait(self) -> str:
        if self.process is None:
            self.start()
        self.process.wait()
        self.log.seek(0)
        out = self.log.read()
        if self.process.returncode != 0:
            raise BuildError("Pagefind không tạo được chỉ mục tìm kiếm:\n" + out)
        return out

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.process is not None:
            self.log.close()


def _remove_stale(output: Path) -> None:
    """Folders left by builds that were killed (their process no longer exists): temporary
    ones are deleted; an old output moved away just before the kill is put back."""
    for p in sorted(output.parent.glob(".output-*")):
        pid = p.name.rsplit("-", 1)[-1]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
            continue  # still running
        except ProcessLookupError:
            pass
        except PermissionError:
            continue
        if p.name == f".output-old-{output.name}-{pid}" and not output.exists():
            os.replace(p, output)
        else:
            shutil.rmtree(p, ignore_errors=True)


def _swap(new: Path, output: Path) -> None:
    """Put `new` in place of `output`; on failure the old output is put back."""
    old = output.with_name(f".output-old-{output.name}-{os.getpid()}")
    if output.exists():
        os.replace(output, old)
    try:
        os.replace(new, output)
    except OSError:
        if old.exists():
            os.replace(old, output)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _hash(files: list[Path]) -> str:
    h = hashlib.sha256(os.environ.get("SITEURL", "").encode())
    for p in files:
        h.update(str(p).encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def _files(*roots: Path) -> list[Path]:
    return [p for root in roots for p in sorted(root.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts]


def _fingerprints(settings_file: Path, override: dict) -> tuple[str, str]:
    """Hashes of what a build reads: everything (data, content, theme, code, settings,
    SITEURL), and everything but the data (what a data page depends on besides its model)."""
    site = [settings_file, ROOT / "pelicanconf.py"] + _files(
        Path(override.get("PATH", ROOT / "content")), ROOT / "theme", ROOT / "parindex",
        ROOT / "plugins")
    data = _files(Path(override["PARINDEX_DATA"]))
    return _hash(site + data), _hash(site)


def build(output: Path, settings_file: str | Path = "pelicanconf.py", data: Path | None = None,
          content: Path | None = None, cache: Path | None = None, stats: dict | None = None,
          progress=None, force: bool = False) -> BuildResult:
    """Build into `output` atomically. Raises DataError (bad data) or BuildError.

    When nothing the build reads has changed since it last built `output`, the output is
    already what a build would write and nothing is done (unless `force`).
    `stats` (a dict) is filled with the plugin's counts and timings; `progress(stage, count,
    line)` is called with one line per stage (loading, scoring, pages, charts, search index)."""
    start = time.perf_counter()
    output = Path(output).resolve()
    settings_file = Path(settings_file)
    if not settings_file.is_absolute():
        settings_file = ROOT / settings_file
    override = {
        "PARINDEX_DATA": str(Path(data).resolve() if data else ROOT / "data"),
        "PARINDEX_CHART_CACHE": str(Path(cache).resolve() if cache else ROOT / ".cache/charts"),
        "DELETE_OUTPUT_DIRECTORY": False,
        "PARINDEX_STATS": stats if stats is not None else {},
        "PARINDEX_PROGRESS": progress,
    }
    if content:
        override["PATH"] = str(Path(content).resolve())
    cache_root = Path(override["PARINDEX_CHART_CACHE"]).parent
    record = cache_root / "builds" / hashlib.sha256(str(output).encode()).hexdigest()
    fingerprint, site_key = _fingerprints(settings_file, override)
    last = json.loads(record.read_text(encoding="utf-8")) if record.is_file() else None
    if last and output.is_dir() and not force:
        override["PARINDEX_REUSE"] = {"from": str(output), "site": site_key,
                                      "files": last.get("files", {})}
        if last["fingerprint"] == fingerprint:
            if progress:
                progress("unchanged", 0, "Không có gì thay đổi kể từ lần dựng trước.")
            return BuildResult(output, time.perf_counter() - start, last["warnings"],
                               last["data_warnings"], "", unchanged=True)
    output.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(output)
    tmp = output.with_name(f".output-{output.name}-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    override["OUTPUT_PATH"] = str(tmp)
    override.setdefault("PARINDEX_REUSE", {"from": "", "site": site_key, "files": {}})
    search = _Search(tmp)
    override["PARINDEX_PAGES_WRITTEN"] = search.start
    try:
        warnings, data_warnings = _pelican(settings_file, override)
        index = search.wait()
        if progress:
            progress("search", 0, "Chỉ mục tìm kiếm "
                                  f"({time.perf_counter() - search.started:.1f} giây)")
        _swap(tmp, output)
    finally:
        search.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(json.dumps({"fingerprint": fingerprint, "warnings": warnings,
                                  "data_warnings": data_warnings,
                                  "files": override["PARINDEX_REUSE"].get("written", {})}),
                      encoding="utf-8")
    return BuildResult(output, time.perf_counter() - start, warnings, data_warnings, index)


class Progress:
    """One line per stage on stderr. Quiet at province size unless asked (`verbose`): a build
    of thousands of agency-years (AUTO_FROM) takes minutes and says what it is doing."""

    AUTO_FROM = 2000

    def __init__(self, verbose: bool = False) -> None:
        self.verbose = verbose
        self.held: list[str] = []

    def __call__(self, stage: str, count: int, line: str) -> None:
        if stage == "score" and count >= self.AUTO_FROM:
            self.verbose = True
        self.held.append(line)
        if self.verbose:
            print("\n".join(self.held), file=sys.stderr, flush=True)
            self.held.clear()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m plugins.build",
                                description="Dựng trang web từ data/ và content/ vào output/.")
    p.add_argument("--publish", action="store_true",
                   help="dùng publishconf.py (địa chỉ tuyệt đối theo biến môi trường SITEURL)")
    p.add_argument("--output", default=str(ROOT / "output"))
    p.add_argument("--data", default=None)
    p.add_argument("--content", default=None)
    p.add_argument("-v", "--verbose", action="store_true", help="in từng bước của quá trình dựng")
    p.add_argument("--force", action="store_true", help="dựng lại kể cả khi không có gì thay đổi")
    args = p.parse_args(argv)
    settings = "publishconf.py" if args.publish else "pelicanconf.py"
    try:
        result = build(Path(args.output), settings, args.data and Path(args.data),
                       args.content and Path(args.content), progress=Progress(args.verbose),
                       force=args.force)
    except DataError as exc:
        print(exc.report, file=sys.stderr)
        print("Dữ liệu có lỗi nên không dựng trang. " + KEPT.format(output=args.output),
              file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - any failure keeps the old site
        print(f"Dựng trang không thành công: {exc}", file=sys.stderr)
        print(KEPT.format(output=args.output), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nĐã dừng. " + KEPT.format(output=args.output), file=sys.stderr)
        return 130
    for w in result.data_warnings:
        print(w, file=sys.stderr)
    for w in result.warnings:
        print(f"CẢNH BÁO (Pelican) {w}", file=sys.stderr)
    if result.unchanged:
        print(f"Không có gì thay đổi kể từ lần dựng trước: {result.output} đã là bản mới nhất.")
        return 0
    print(f"Đã dựng trang vào {result.output} trong {result.seconds:.1f} giây"
          + (f", {len(result.warnings)} cảnh báo." if result.warnings else "."))
    return 0


if __name__ == "__main__":
    sys.exit(main())
