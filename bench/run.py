"""The benchmark: `make bench` (real data, and the preview's delay: `preview.py`) or
`make bench SIZE=national` (10,000 × 10 years).

Builds the site from a data package in a temporary folder and prints one table: loading and
scoring time, cold build, rebuild with no change, rebuild after one changed score, pages and
charts per second, peak memory, output size, and our cost per page (charts excluded) against a
vanilla Pelican build of as many plain Markdown pages. Figures are from one run on a shared
machine: compare ratios, not seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import preview, synth  # noqa: E402
from plugins.build import build, settle  # noqa: E402

PAGE_STAGES = ("load", "score", "models", "pages")  # the build's stages that make pages
SIZES = {"real": None, "province": (200, 5), "national": (10_000, 10)}


def _size_arg(text: str) -> tuple[int, int] | None:
    if text in SIZES:
        return SIZES[text]
    agencies, years = text.lower().split("x")
    return int(agencies), int(years)


def _files(root: Path, suffix: str) -> int:
    return sum(1 for _ in root.rglob(f"*{suffix}"))


def _bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


def _peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def _print(stage: str, count: int, line: str) -> None:
    print(f"  … {line}", file=sys.stderr, flush=True)


def _timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - start


def _cpu() -> float:
    """CPU seconds (user + system) of this process and of its children that have ended (the
    pool's workers, Pagefind): a build's work whatever else the machine runs."""
    own, children = (resource.getrusage(w) for w in (resource.RUSAGE_SELF,
                                                     resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _build(*args, **kwargs):
    """`build`, its CPU seconds (its tidying's too), and the seconds the tidying took after
    it returned (`settle`: the replaced output and unused store entries removed)."""
    start = _cpu()
    result = build(*args, **kwargs)
    returned = time.perf_counter()
    settle()
    return result, _cpu() - start, time.perf_counter() - returned


def _change_one_score(data: Path) -> None:
    preview.score_edit(data)(1)


VANILLA = """
import sys, time
from pelican import Pelican
from pelican.settings import read_settings
content, output = sys.argv[1:3]
settings = read_settings(override={
    "PATH": content, "OUTPUT_PATH": output, "SITEURL": "", "TIMEZONE": "Asia/Ho_Chi_Minh",
    "FEED_ALL_ATOM": None, "CATEGORY_FEED_ATOM": None, "LOAD_CONTENT_CACHE": False,
    "DEFAULT_PAGINATION": False, "SITENAME": "Vanilla"})
start = time.perf_counter()
Pelican(settings).run()
print(time.perf_counter() - start)
"""


def _languages(data: Path, languages: list[str]) -> None:
    """Set the package's `portal.languages` (the English edition on or off)."""
    path = data / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor.setdefault("portal", {})["languages"] = languages
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")


def vanilla(pages: int, work: Path) -> float:
    """Seconds for a plain Pelican build of `pages` Markdown pages (default theme, no plugin),
    in a process of its own so that our plugin's signals are not connected."""
    content = work / "content"
    content.mkdir(parents=True)
    for i in range(pages):
        (content / f"trang-{i}.md").write_text(
            f"Title: Trang {i}\nDate: 2024-01-01\nCategory: Thử\n\n"
            + "Đoạn văn bản tiếng Việt có **chữ đậm** và một [liên kết](https://example.org). "
            * 8 + "\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", VANILLA, str(content), str(work / "out")],
                          capture_output=True, text=True, check=True)
    return float(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--size", default="real", help="real | province | national | AGENCIESxYEARS")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--keep", action="store_true", help="keep the temporary folder")
    p.add_argument("--languages", default="", help="the editions to build, e.g. 'vi' "
                   "(portal.languages; default: the package's, Vietnamese and English)")
    args = p.parse_args(argv)
    size = _size_arg(args.size)
    work = Path(tempfile.mkdtemp(prefix="parindex-bench-"))
    try:
        data = work / "data"
        if size is None:
            shutil.copytree(ROOT / "data", data)
        else:
            synth.make(data, *size, seed=args.seed)
        if args.languages:
            _languages(data, args.languages.split(","))
        from parindex.data.dataset import load_or_raise
        from parindex.scoring.score import score

        dataset, t_load = _timed(load_or_raise, data)
        results, t_score = _timed(score, dataset)
        out, cache = work / "output", work / "cache"
        cold, cpu_cold, _ = _build(out, data=data, cache=cache, progress=_print)
        stats = cold.stats
        pages, charts, size_mb = _files(out, ".html"), _files(out, ".svg"), _bytes(out) / 2**20
        largest = max(((p.relative_to(out).as_posix(), p.stat().st_size)
                       for p in out.rglob("*.html")), key=lambda x: x[1])
        chart_seconds = stats.chart_seconds
        unchanged, cpu_unchanged, _ = _build(out, data=data, cache=cache)
        warm, cpu_warm, _ = _build(out, data=data, cache=cache, force=True)
        _change_one_score(data)
        changed, cpu_changed, tidy_changed = _build(out, data=data, cache=cache, progress=_print)
        t_vanilla = vanilla(pages, work / "vanilla")
        # Per page, from the forced rebuild (every page rendered again, every chart from the
        # cache): what makes the pages from the data files (reading, scoring, page models,
        # rendering and writing), as vanilla Pelican's time makes its pages from Markdown files;
        # and, stricter, the whole rebuild, downloads and search index included.
        ours = sum(getattr(warm.stats, f"{s}_seconds") for s in PAGE_STAGES) / pages
        written = warm.pages_seconds / pages  # wall time, however the stages are counted
        whole = warm.seconds / pages
        theirs = t_vanilla / pages
        rows = [
            ("size", f"{len(results.scores['unit_id'].unique())} agencies × "
                     f"{len(results.years)} years ({len(results.scores)} scores)"),
            ("loading + validation", f"{t_load:.2f} s"),
            ("scoring", f"{t_score:.2f} s"),
            ("cold build", f"{cold.seconds:.1f} s, {cpu_cold:.1f} s CPU"),
            ("rebuild, no change", f"{unchanged.seconds:.1f} s, {cpu_unchanged:.1f} s CPU"
                                   + (" (nothing to do)" if unchanged.unchanged else "")),
            ("rebuild, no change, forced", f"{warm.seconds:.1f} s, {cpu_warm:.1f} s CPU "
                                           "(every page rendered, charts from the cache)"),
            ("rebuild, one score changed", f"{changed.seconds:.1f} s, {cpu_changed:.1f} s CPU "
                                           f"({changed.stats.pages_reused} pages "
                                           "unchanged, linked)"),
            ("  then, after it returned", f"{tidy_changed:.1f} s emptying the replaced output "
                                          "(its folders kept) and pruning the cache"),
            ("pages written", f"{pages} ({pages / cold.seconds:.0f}/s)"),
            ("charts", f"{charts} ({stats.charts_rendered} rendered in "
                       f"{chart_seconds:.1f} s"
                       + (f", {stats.charts_rendered / chart_seconds:.1f}/s)"
                          if chart_seconds else ")")),
            ("peak memory (RSS)", f"{_peak_rss_mb():.0f} MB"),
            ("output size", f"{size_mb:.1f} MB"),
            ("vanilla Pelican, same page count", f"{t_vanilla:.1f} s"),
            ("largest page", f"{largest[1] / 1024:.0f} KB ({largest[0]})"),
            ("per page, charts excluded: ours / vanilla",
             f"{ours * 1000:.1f} ms / {theirs * 1000:.1f} ms = {ours / theirs:.2f} (reading, "
             "scoring, page models, pages)"),
            ("per page, until every page is written / vanilla",
             f"{written * 1000:.1f} ms / {theirs * 1000:.1f} ms = {written / theirs:.2f} "
             "(forced rebuild, wall time from the start)"),
            ("per page, whole forced rebuild / vanilla",
             f"{whole * 1000:.1f} ms / {theirs * 1000:.1f} ms = {whole / theirs:.2f} (with "
             "downloads and the search index)"),
        ]
        if size is None:  # the real data: what an editor waits for in the preview
            for kind, seconds in preview.measure(ROOT / "data", ROOT / "content").items():
                rows.append((f"preview, a {kind} change visible after",
                             f"{statistics.median(seconds):.2f} s (median of {len(seconds)})"))
        width = max(len(k) for k, _ in rows)
        print(f"\nBenchmark ({args.size}, seed {args.seed}, {os.cpu_count()} cores)")
        for k, v in rows:
            print(f"  {k:<{width}}  {v}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
