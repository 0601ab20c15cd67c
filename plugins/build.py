"""Build the site: `python -m plugins.build [--publish] [--output DIR]` (what `make site` runs).

Pelican runs into a fresh directory next to the output, Pagefind indexes it, and only when both
succeeded does the new directory replace `output/` (rename the old one away, rename the new one
in, delete the old one). A failed or interrupted build never touches the last good `output/`.
Invalid data stops the build with parindex's report, in Vietnamese, without a traceback; so
does a new site that would take a year, or more than a few agencies, off the site it replaces
(compared through the results each publishes, `du-lieu/<year>/ket-qua.csv`), unless the build
is told that the removals are meant (`--accept-removals`).

The plugin gets its options as one typed value (`PARINDEX`, a `BuildOptions`) and gives back its
statistics (`BuildResult.stats`), its progress (log records of "parindex.build", printed by
`Progress`) and the moment every page is written (the signal `pages_written`, which starts
Pagefind); nothing is passed back through Pelican's settings.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import gc
import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parindex.data.problems import DataError
from parindex.site.urls import DOWNLOADS_URL, results_url
from plugins import search
from plugins.options import LOGGER, BuildOptions, BuildStats, pages_written
from plugins.store import Store

ROOT = Path(__file__).resolve().parents[1]
KEPT = "Trang web trước đó trong {output} được giữ nguyên."
FEW = 3  # agency-years a rebuild may take off the site without being told it is meant
SHOWN = 20  # agencies named in the message; the rest are counted


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
    stats: BuildStats = field(default_factory=BuildStats)  # the plugin's counts and timings
    pages_seconds: float = 0.0  # from the start until every HTML page was written


ProgressFn = Callable[[str, int, str], None]  # (stage, count, line)


class _Progress(logging.Handler):
    """Hands each record of the logger "parindex.build" to a `ProgressFn`."""

    def __init__(self, progress: ProgressFn) -> None:
        super().__init__(logging.INFO)
        self.progress = progress

    def emit(self, record: logging.LogRecord) -> None:
        self.progress(getattr(record, "stage", ""), getattr(record, "count", 0),
                      record.getMessage())


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


@dataclass
class _Ran:
    """What a Pelican run gave back: the warnings it logged, and the plugin's generator."""

    warnings: list[str]
    generator: Any = None  # parindex_site.ParIndexGenerator (loaded by Pelican by path)

    @property
    def data_warnings(self) -> list[str]:
        return [str(p) for p in self.generator.report.warnings] if self.generator else []


def _pelican(settings_file: Path, override: dict[str, Any],
             progress: ProgressFn | None) -> _Ran:
    """Run Pelican with the plugin; what it gave back."""
    from pelican import Pelican, signals
    from pelican.log import LimitFilter
    from pelican.settings import read_settings

    ran = _Ran([])

    def grab(generators: list[Any]) -> None:
        ran.generator = next((g for g in generators if hasattr(g, "report")), None)

    # Pelican drops a warning it has logged once in this process; each build must see its own.
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    handler = _Collect()
    root = logging.getLogger()
    root.addHandler(handler)
    stages = logging.getLogger(LOGGER)
    level, shown = stages.level, _Progress(progress) if progress else None
    if shown:
        stages.addHandler(shown)
        stages.setLevel(logging.INFO)
    signals.all_generators_finalized.connect(grab)
    thresholds = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        Pelican(read_settings(str(settings_file), override=override)).run()
    finally:
        gc.set_threshold(*thresholds)
        root.removeHandler(handler)
        if shown:
            stages.removeHandler(shown)
            stages.setLevel(level)
        signals.all_generators_finalized.disconnect(grab)
    ran.warnings = handler.messages
    return ran


# The search index's command (plugins.search), which dies with the build (see
# plugins.pool.die_with_parent): the launcher asks the kernel to kill it when the build ends.
SEARCH = ("import ctypes, os, runpy, sys\n"
          "if sys.platform.startswith('linux'): ctypes.CDLL(None).prctl(1, 9)\n"
          "if os.getppid() != int(sys.argv[1]): sys.exit(1)\n"
          "sys.argv = ['plugins.search', *sys.argv[2:]]\n"
          "runpy.run_module('plugins.search', run_name='__main__', alter_sys=True)\n")


# Pagefind writes its user interfaces next to the index; the search page uses only its
# JavaScript API (pagefind.js, its worker and WebAssembly, the index), so these are not shipped.
UNUSED_PAGEFIND = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
                   "pagefind-modular-ui.css", "pagefind-component-ui.js",
                   "pagefind-component-ui.css", "pagefind-highlight.js")


class _Search:
    """The search index (`plugins.search`) over the new site. Its process is started with the
    build, and told to index as soon as every HTML page is written (the plugin sends
    `pages_written`), so that it indexes while the build writes charts and downloads, its
    imports already done; `wait` tells it if nothing did. The shards whose pages are unchanged
    since the last build of `old` (their `keys`) are linked from it."""

    def __init__(self, site: Path, old: Path, keys: dict[str, str]) -> None:
        self.site, self.keys = site, keys
        self.started = 0.0
        self.log = tempfile.TemporaryFile("w+", encoding="utf-8")  # never a full pipe
        previous = str(old) if keys and old.is_dir() else ""
        self.process = subprocess.Popen(
            [sys.executable, "-c", SEARCH, str(os.getpid()), str(site), previous,
             json.dumps(keys)], stdin=subprocess.PIPE, stdout=self.log,
            stderr=subprocess.STDOUT, cwd=ROOT, text=True)

    def start(self, sender: object = None) -> None:
        if not self.started and self.process.stdin:
            self.started = time.perf_counter()
            self.process.stdin.write("\n")
            self.process.stdin.close()

    def wait(self) -> str:
        """What Pagefind said; `keys` become the new shards' keys."""
        self.start()
        self.process.wait()
        self.log.seek(0)
        out = self.log.read()
        if self.process.returncode != 0:
            raise BuildError("Pagefind không tạo được chỉ mục tìm kiếm:\n" + out)
        said, _, keys = out.rstrip("\n").rpartition("\n")
        self.keys = json.loads(keys)
        for name in UNUSED_PAGEFIND:
            for folder in search.bundles(self.site):
                (folder / name).unlink(missing_ok=True)
        return said

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.process.stdin and not self.process.stdin.closed:
            self.process.stdin.close()
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


def _spare(output: Path) -> Path:
    """The folders of the output the last build replaced, emptied of files (`_tidy`)."""
    return output.with_name(f".output-folders-{output.name}")


def _keep_folders(old: Path, spare: Path) -> None:
    """Delete the replaced output's files, keeping its folders as the next build's (`spare`):
    at national size, making 41.000 folders again was half the pages' time after one changed
    score, where most files are links to the store. A forced build, which writes every file,
    makes new folders: writing 100.000 new files into emptied ones took 7 s more of the
    kernel's time than into new ones (ext4)."""
    if not old.is_dir():
        return
    if spare.exists():  # a forced build's: it did not take the spare
        shutil.rmtree(old, ignore_errors=True)
        return
    try:
        for folder, dirs, files in os.walk(old):
            for name in files + [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
                os.unlink(os.path.join(folder, name))
        os.rename(old, spare)
    except OSError:  # a file that would not go: no spare this time
        shutil.rmtree(old, ignore_errors=True)


def _drop_empty(site: Path) -> None:
    """Remove the folders of the spare that this build put nothing in (a removed agency's)."""
    for folder, _, files in os.walk(site, topdown=False):
        if not files and folder != str(site):
            with contextlib.suppress(OSError):  # not empty: a folder in it has files
                os.rmdir(folder)


def _swap(new: Path, output: Path) -> Path:
    """Put `new` in place of `output`, and say where the old one went (to be emptied into the
    next build's folders, `_tidy`); on failure the old output is put back."""
    old = output.with_name(f".output-old-{output.name}-{os.getpid()}")
    if output.exists():
        os.replace(output, old)
    try:
        os.replace(new, output)
    except OSError:
        if old.exists():
            os.replace(old, output)
        raise
    return old


_tidying: list[threading.Thread] = []  # the builds' last step, after they return (`_tidy`)


def _tidy(old: Path, spare: Path, store: Store, used: set[str]) -> None:
    """Empty the output a build replaced into the next build's folders (`_keep_folders`),
    then remove the store's entries no output links to, in the background: the new site is in
    place already, and deleting a national site's 100.000 files takes seconds nobody needs to
    wait for. The thread is no daemon: the process ends once it is done; the next build waits
    for it first (`settle`)."""
    def tidy() -> None:
        _keep_folders(old, spare)
        store.prune(used)
    tidying = threading.Thread(target=tidy, name=f"tidy {old.name}")
    tidying.start()
    _tidying.append(tidying)


def settle() -> None:
    """Wait until the builds' tidying (`_tidy`) is done."""
    while _tidying:
        _tidying.pop().join()


def _hash(files: list[Path]) -> str:
    h = hashlib.sha256(os.environ.get("SITEURL", "").encode())
    for p in files:
        h.update(str(p).encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def _files(*roots: Path) -> list[Path]:
    return [p for root in roots for p in sorted(root.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts]


def _fingerprints(settings_file: Path, content: Path, data: Path
                  ) -> tuple[str, str, str, str]:
    """Hashes of what a build reads: everything (data, content, theme, code, settings,
    SITEURL); everything but the data and the content (what a data page depends on besides
    its model and the little it shows of the content, `content_view`); what the validated
    tables and results are made of (the data, the core's and the plugin's code); that code."""
    site = [settings_file, ROOT / "pelicanconf.py"] + _files(
        ROOT / "theme", ROOT / "parindex", ROOT / "plugins")
    code, data_files = _files(ROOT / "parindex", ROOT / "plugins"), _files(data)
    return (_hash(site + _files(content) + data_files), _hash(site), _hash(code + data_files),
            _hash(code))


def published(site: Path) -> dict[int, dict[str, str]]:
    """The agencies a built site publishes results of, by year (id → name), read from its own
    downloads: what its readers see, whatever cache there is or not."""
    out: dict[int, dict[str, str]] = {}
    for folder in sorted((site / DOWNLOADS_URL).glob("*")):
        path = site / results_url(int(folder.name), "csv") if folder.name.isdigit() else None
        if path is None or not path.is_file():
            continue
        with path.open(encoding="utf-8-sig", newline="") as f:
            out[int(folder.name)] = {r["unit_id"]: r.get("name") or r["unit_id"]
                                     for r in csv.DictReader(f) if r.get("unit_id")}
    return out


def removals(old: dict[int, dict[str, str]], new: dict[int, dict[str, str]]) -> str:
    """What a new site would take off the old one, when that is a year or more than FEW
    agencies of the years both have (a file cut short, a year folder misnamed); "" when it
    is not."""
    years = sorted(set(old) - set(new))
    gone = [f"{name} ({uid}), năm {year}" for year in sorted(set(old) & set(new))
            for uid, name in old[year].items() if uid not in new[year]]
    if not years and len(gone) <= FEW:
        return ""
    lines = [f"- năm {year}: kết quả của {len(old[year])} đơn vị" for year in years]
    lines += [f"- {g}" for g in gone[:SHOWN]]
    if len(gone) > SHOWN:
        lines.append(f"- và {len(gone) - SHOWN} đơn vị khác")
    return "\n".join(lines)


def build(output: Path, settings_file: str | Path = "pelicanconf.py", data: Path | None = None,
          content: Path | None = None, cache: Path | None = None,
          progress: ProgressFn | None = None, force: bool = False,
          accept_removals: bool = False, search_after_swap: bool = False) -> BuildResult:
    """Build into `output` atomically. Raises DataError (bad data) or BuildError.

    A new site that would take a year, or more than FEW agencies, off the one in `output` is
    not put in its place (BuildError naming them) unless `accept_removals`.

    When nothing the build reads has changed since it last built `output`, the output is
    already what a build would write and nothing is done (unless `force`). `cache` (default
    `.cache/`) holds the store of built files (`store/`) and a record of each output's last
    build (`builds/`). `progress(stage, count, line)` is called with one line per stage
    (loading, scoring, pages, downloads, charts, search index).

    The replaced output and the store's unused entries are removed after it returns (`settle`
    waits for that; so does the next build, and the process before it ends).

    `search_after_swap` (the preview): the new site is put in place with the last one's search
    index, and indexed there right after, so that a saved change shows without waiting for
    Pagefind (a quarter of a small site's rebuild); a search failure then leaves the last
    index."""
    settle()  # the last build's tidying, before this one reads the store
    start = time.perf_counter()
    output = Path(output).resolve()
    settings_file = Path(settings_file)
    if not settings_file.is_absolute():
        settings_file = ROOT / settings_file
    data = Path(data).resolve() if data else ROOT / "data"
    cache = Path(cache).resolve() if cache else ROOT / ".cache"
    override: dict[str, Any] = {"DELETE_OUTPUT_DIRECTORY": False}
    if content:
        override["PATH"] = str(Path(content).resolve())
        if not Path(content).is_dir():
            raise BuildError(f"Không có thư mục nội dung {content} (trang Markdown, tin tức); "
                             "tạo thư mục này, có thể để trống.")
    record = cache / "builds" / hashlib.sha256(str(output).encode()).hexdigest()
    fingerprint, site_key, data_key, code_key = _fingerprints(
        settings_file, Path(override.get("PATH", ROOT / "content")), data)
    last = json.loads(record.read_text(encoding="utf-8")) if record.is_file() else None
    if last and output.is_dir() and not force and last["fingerprint"] == fingerprint:
        if progress:
            progress("unchanged", 0, "Không có gì thay đổi kể từ lần dựng trước.")
        return BuildResult(output, time.perf_counter() - start, last["warnings"],
                           last["data_warnings"], "", unchanged=True)
    options = BuildOptions(data=data, store=cache / "store", site_key=site_key,
                           data_key=data_key, code_key=code_key, force=force)
    output.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(output)
    tmp = output.with_name(f".output-{output.name}-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    if not force:  # the last build's folders, if it left them (`_keep_folders`)
        with contextlib.suppress(OSError):
            os.rename(_spare(output), tmp)
    override.update(OUTPUT_PATH=str(tmp), PARINDEX=options)
    later = search_after_swap and output.is_dir()
    indexing = _Search(output, tmp, {}) if later else \
        _Search(tmp, output, last.get("search", {}) if last else {})
    if not later:
        pages_written.connect(indexing.start)
    try:
        ran = _pelican(settings_file, override, progress)
        if not accept_removals and (gone := removals(published(output), published(tmp))):
            raise BuildError("Bản dựng mới sẽ xóa khỏi trang web:\n" + gone + "\nNếu đúng là "
                             "muốn xóa, dựng lại với parindex build --accept-removals "
                             "(hoặc make site ACCEPT_REMOVALS=1); nếu không, kiểm tra lại "
                             "dữ liệu (tên thư mục năm, tệp bị cắt, dòng bị xóa).")
        if later:  # the last index until this site's is made, in place
            _drop_empty(tmp)
            for bundle in search.bundles(output):
                if bundle.is_dir():
                    shutil.copytree(bundle, tmp / bundle.name, copy_function=os.link,
                                    dirs_exist_ok=True)
            old = _swap(tmp, output)
        index = indexing.wait()
        if progress:
            progress("search", 0, "Chỉ mục tìm kiếm "
                                  f"({time.perf_counter() - indexing.started:.1f} giây)")
        if not later:
            _drop_empty(tmp)
            old = _swap(tmp, output)
    finally:
        pages_written.disconnect(indexing.start)
        indexing.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(json.dumps({"fingerprint": fingerprint, "warnings": ran.warnings,
                                  "data_warnings": ran.data_warnings, "search": indexing.keys}),
                      encoding="utf-8")
    gen = ran.generator
    _tidy(old, _spare(output), Store(options.store), gen.used)
    return BuildResult(output, time.perf_counter() - start, ran.warnings, ran.data_warnings,
                       index, stats=gen.stats, pages_seconds=indexing.started - start)


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
    p.add_argument("--cache", default=None, help="thư mục bộ nhớ đệm (mặc định .cache/)")
    p.add_argument("-v", "--verbose", action="store_true", help="in từng bước của quá trình dựng")
    p.add_argument("--force", action="store_true", help="dựng lại kể cả khi không có gì thay đổi")
    p.add_argument("--accept-removals", action="store_true",
                   help="chấp nhận bản dựng xóa một năm hoặc nhiều đơn vị khỏi trang web")
    p.add_argument("--search-after-swap", action="store_true",
                   help="thay trang trước, cập nhật chỉ mục tìm kiếm ngay sau (bản xem trước)")
    args = p.parse_args(argv)
    settings = "publishconf.py" if args.publish else "pelicanconf.py"
    try:
        result = build(Path(args.output), settings, args.data and Path(args.data),
                       args.content and Path(args.content), args.cache and Path(args.cache),
                       progress=Progress(args.verbose), force=args.force,
                       accept_removals=args.accept_removals,
                       search_after_swap=args.search_after_swap)
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
