"""Pelican plugin: the portal's data pages, written through Pelican's writer into the theme.

Thin glue, no scoring: `generate_context` loads and scores the data package (setting
`PARINDEX_DATA`, default "data") with parindex, plans the pages (`parindex.pages.plan`) and
reads the agencies' Markdown notes (`content/<PARINDEX_NOTES>/*.md`, metadata `Unit:`) with
Pelican's readers; `generate_output` builds the page models and writes every page with the
theme's templates (two processes, each half of the pages, on a large site), then the files
that are not pages: charts (SVG from `parindex.charts`, reused from a cache by spec key,
and the CSV of the numbers drawn), downloads, the data package and its zip, the band colours,
`sitemap.xml`. It also gives the templates their filters: number formatting from
`parindex.fmt` and the table cells (a value with its footnote, a band, a link to an agency).

Settings (defaults): PARINDEX_DATA "data", PARINDEX_NOTES "don-vi",
PARINDEX_CHART_CACHE ".cache/charts" (relative paths: from the current directory).
Invalid data raises `parindex.problems.DataError` carrying the report, before anything is
written.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import pickle
import shutil
import signal
import time
import traceback
import zipfile
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path
from posixpath import join as urljoin
from xml.sax.saxutils import escape

import pandas as pd
from jinja2 import Environment, pass_context
from markupsafe import Markup
from markupsafe import escape as esc
from pelican import signals
from pelican.contents import Page
from pelican.generators import Generator

from parindex import fmt, text
from parindex.data import package
from parindex.data.bands import for_year
from parindex.data.dataset import load
from parindex.data.package import descriptor
from parindex.data.problems import DataError
from parindex.scoring.score import score
from parindex.site import charts, exports, models, narrative, pages, urls

log = logging.getLogger(__name__)


# ---- Table cells, for the templates ---------------------------------------------------------
# Filters rather than Jinja macros: a macro call per cell was a third of the time of rendering a
# page of tables. Each returns the same markup the macro did.

NO_HTML = Markup("")
MISSING_HTML = Markup('<span class="missing">chưa có số liệu</span>')
INFERRED_HTML = (' <span class="inferred" title="suy ra, không in trong văn bản nguồn">'
                 "(suy ra)</span>")


def missing() -> Markup:
    return MISSING_HTML


def inferred(label: str = "suy ra") -> Markup:
    """The one mark of a value read from the source but not printed in it."""
    return Markup(f' <span class="inferred" title="suy ra, không in trong văn bản nguồn">'
                  f"({esc(label)})</span>")


def number(x: float | None, kind: str = "pct") -> Markup:
    """A number as printed: `pct` (83,84%), `count` (12 or 1,50), else `points` (83,84)."""
    if x is None:
        return MISSING_HTML
    # fmt writes digits, separators, signs and letters: nothing to escape
    return Markup(fmt.pct(x) if kind == "pct" else fmt.auto(x) if kind == "count"
                  else fmt.num(x))


def footnote(n: int | None) -> Markup:
    if not n:
        return NO_HTML
    n = esc(n)
    return Markup(f'<sup class="fn"><a href="#ghi-chu-{n}" aria-label="ghi chú {n}">{n}</a></sup>')


def value(v: models.Value, kind: str = "pct") -> Markup:
    """A published value and the number of its footnote."""
    return number(v.value, kind) + footnote(v.note) if v.note else number(v.value, kind)


@lru_cache(maxsize=256)  # a handful of bands, on every row of every table
def band(b: models.Band | None, inferred: bool = False) -> Markup:
    if not b:
        return MISSING_HTML
    html = (f'<span class="band {esc(b.css)}"><span class="swatch" aria-hidden="true"></span>'
            f"{esc(b.name)}</span>")
    if inferred:
        html += INFERRED_HTML
    return Markup(html)


@pass_context
def unit_link(context, u: models.Ref) -> Markup:
    return Markup(f'<a href="{esc(context.get("SITEURL", ""))}/{esc(u.url)}">{esc(u.name)}</a>')


@pass_context
def unit_links(context, units: list[models.Ref]) -> Markup:
    return Markup(", ").join(unit_link(context, u) for u in units)


FILTERS = {"num": fmt.num, "pct": fmt.pct, "integer": fmt.integer, "signed": fmt.signed,
           "auto": fmt.auto, "change": narrative.change, "fold": text.fold, "number": number,
           "value": value, "fn": footnote, "band": band, "unit_link": unit_link,
           "unit_links": unit_links}
GLOBALS = {"missing": missing, "inferred": inferred}
EXTRA_PAGES = [("tim-kiem/index.html", "search", "Tìm kiếm"), ("404.html", "404",
                                                               "Không tìm thấy trang")]


Pending = dict[str, tuple[tuple, list[str]]]  # charts to draw: input key → (job, targets)


class ParIndexGenerator(Generator):
    """Loads data/ once, then writes every data page, chart and download."""

    def _stage(self, name: str, line: str, started: float, count: int = 0) -> None:
        """Record a stage's time in PARINDEX_STATS and report it to PARINDEX_PROGRESS."""
        seconds = time.perf_counter() - started
        self.stats[f"{name}_seconds"] = self.stats.get(f"{name}_seconds", 0.0) + seconds
        if self.progress:
            self.progress(name, count, f"{line} ({seconds:.1f} giây)")

    def generate_context(self) -> None:
        s = self.settings
        self.stats = s.get("PARINDEX_STATS", {})
        self.progress = s.get("PARINDEX_PROGRESS")
        data = Path(s.get("PARINDEX_DATA", "data"))
        t = time.perf_counter()
        dataset, self.report = load(data)  # its warnings are the build's to show
        if dataset is None:
            raise DataError(self.report)
        rows = sum(len(t) for y in dataset.years.values() for t in y.tables.values())
        self._stage("load", f"Đọc dữ liệu: {fmt.integer(rows)} dòng", t, rows)
        self.env.autoescape = True  # data can hold any text, whatever the site's settings
        t = time.perf_counter()
        self.results = score(dataset)
        self._stage("score", f"Tính điểm: {fmt.integer(len(self.results.scores))} lượt "
                             "đơn vị × năm", t, len(self.results.scores))
        t = time.perf_counter()
        self.plan = pages.plan(self.results)  # the pages are built while they are written
        self.plan_seconds = time.perf_counter() - t
        self.notes = self._read_notes(s.get("PARINDEX_NOTES", "don-vi"))
        self.cache = Path(s.get("PARINDEX_CHART_CACHE", ".cache/charts"))
        self.reuse = s.get("PARINDEX_REUSE") or {"from": "", "site": "", "files": {}}
        self.reuse["written"] = {}

    def _read_notes(self, folder: str) -> dict[str, Page]:
        """Agency notes by unit id (metadata `Unit:`), read as Pelican pages (never written)."""
        root = Path(self.path) / folder
        notes = {}
        for path in sorted(root.glob("*.md")) if root.is_dir() else []:
            page = self.readers.read_file(base_path=self.path, path=str(path.relative_to(
                self.path)), content_class=Page, context=self.context)
            unit = page.metadata.get("unit")
            if unit in self.results.dataset.units["unit_id"].values:
                notes[unit] = page
            else:
                log.warning("%s: 'Unit: %s' không phải mã đơn vị nào trong units.csv; ghi chú "
                            "không được đăng", path.relative_to(self.path), unit)
        return notes

    # ---- output ---------------------------------------------------------------------------

    def generate_output(self, writer) -> None:
        relative = self.settings.get("RELATIVE_URLS", False)
        self.stats.update(charts_rendered=0, charts_reused=0, chart_seconds=0.0,
                          page_processes=1)
        own, urls, charts_done, copy = self._build(writer, relative)
        try:
            t = time.perf_counter()
            reused = sum(self._write_page(writer, page, relative) for page in own)
            if copy:
                n, written = copy.receive()
                copy.stop(kill=False)
                reused += n
                self.reuse["written"].update(written)
            for name, template, title in EXTRA_PAGES:
                writer.write_file(name, self.get_template(template), self.context,
                                  relative_urls=relative and template != "404",
                                  data=models.Page(url=name.removesuffix("index.html"),
                                                  template=template, title=title,
                                                  breadcrumbs=[models.HOME]))
            # Pelican's own pages were written before this generator's: every page is there
            if self.settings.get("PARINDEX_PAGES_WRITTEN"):
                self.settings["PARINDEX_PAGES_WRITTEN"]()
            urls.append("tim-kiem/")
            self.stats.update(pages=len(urls), pages_reused=reused)
            self._stage("pages", f"Trang: {fmt.integer(len(urls))} trang, "
                                 f"{fmt.integer(reused)} không đổi", t, len(urls))
            t = time.perf_counter()
            self._write_downloads()
            self._write_text("css/bands.css", charts.band_css(self.results.dataset.bands))
            self._write_sitemap(urls)
            self._stage("downloads", "Tệp tải về, gói dữ liệu, sơ đồ trang", t)
        except BaseException:
            if copy:
                copy.stop()
            charts_done(cancel=True)
            raise
        t = time.perf_counter()
        charts_done()
        self._stage("charts", f"Biểu đồ: {fmt.integer(self.stats['charts_rendered'])} vẽ mới "
                              f"({self.stats['chart_seconds']:.1f} giây từ lúc bắt đầu), "
                              f"{fmt.integer(self.stats['charts_reused'])} dùng lại", t,
                    self.stats["charts_rendered"])

    def _out(self, rel: str) -> Path:
        path = Path(self.output_path, *rel.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def _build(self, writer, relative: bool):
        """Build this process's pages, place their charts and start drawing the charts left
        (the copy's too). With many pages, a forked copy of this process builds, places and
        writes the other half of them (`pages.halves`) meanwhile. Returns this process's pages,
        every page's URL in the plan's order, the function that finishes the charts
        (`_draw_charts`) and the copy, still writing."""
        t = time.perf_counter() - self.plan_seconds
        mine, theirs, copy = list(range(len(self.plan))), [], None
        if len(self.plan) >= SPLIT_FROM and hasattr(os, "fork"):
            mine, theirs = mine[0::2], mine[1::2]
            copy = _Copy(self, writer, relative, theirs)
            self.stats["page_processes"] = 2
        try:
            own = [self.plan[i].build() for i in mine]
            placing = time.perf_counter()
            pending = self._place_charts(self._chart_jobs(own))
            placing = time.perf_counter() - placing  # the charts' time, not the pages'
            urls = [""] * len(self.plan)
            for i, page in zip(mine, own, strict=True):
                urls[i] = page.url
            if copy:
                their_urls, their_pending, their_reused = copy.receive()
                for i, url in zip(theirs, their_urls, strict=True):
                    urls[i] = url
                for ikey, (job, targets) in their_pending.items():
                    pending.setdefault(ikey, (job, []))[1].extend(targets)
                self.stats["charts_reused"] += their_reused
            self._stage("models", "Nội dung các trang", t + placing, len(urls))
            return own, urls, self._draw_charts(pending), copy
        except BaseException:
            if copy:
                copy.stop()
            raise

    def _chart_jobs(self, built: list[models.Page]) -> list[tuple[str, models.Chart]]:
        return [(page.url + chart.name, chart) for page in built for chart in page.charts]

    def _write_page(self, writer, page: models.Page, relative: bool) -> bool:
        """Write one data page with its template; True when it was linked unchanged instead."""
        extra = {}
        if isinstance(page, models.UnitPage):
            extra["note"] = self.notes.get(page.unit.id)
        elif isinstance(page, models.HomePage):
            extra["news"] = self.context.get("articles", [])[:3]
        rel = page.url + "index.html"
        # a page with Markdown content (a note, news) is always written
        key = None if any(extra.values()) else _page_key(self.reuse["site"], page, relative)
        if self._reused([rel], key):
            return True
        writer.write_file(rel, self.get_template(page.template), self.context,
                          relative_urls=relative, data=page, **extra)
        return False

    def _reused(self, rels: list[str], key: str | None) -> bool:
        """Link the files `rels` from the previous output when they were written there from
        the same `key` (a page model, a chart's inputs): nothing to render, nothing to copy.
        Records `key` for the next build either way."""
        if key is None:
            return False
        written, files = self.reuse["written"], self.reuse["files"]
        for rel in rels:
            written[rel] = key
        if not self.reuse["from"] or any(files.get(rel) != key for rel in rels):
            return False
        linked = []
        for rel in rels:
            try:
                os.link(Path(self.reuse["from"], *rel.split("/")), self._out(rel))
            except OSError:  # gone, or another file system: write it again
                for done in linked:
                    self._out(done).unlink()
                return False
            linked.append(rel)
        return True

    def _write_text(self, rel: str, text: str, bom: bool = False) -> None:
        self._out(rel).write_text(text, encoding="utf-8-sig" if bom else "utf-8")

    def _place_charts(self, jobs: list[tuple[str, models.Chart, list | None]]) -> Pending:
        """Each chart's CSV (the numbers drawn) next to its page, and its SVG when it needs no
        drawing: a chart whose inputs (its rows and text, the band table, the code and versions
        that draw it) are unchanged is linked from the previous output, or its SVG taken from
        the cache. Returns the charts to draw: by input key, the job and where it goes."""
        pending: Pending = {}
        for target, chart in jobs:
            ikey = charts.key(chart)
            if self._reused([target + ".svg", target + ".csv"], f"{ikey}:{self.reuse['site']}"):
                self.stats["charts_reused"] += 1
                continue
            self._write_text(target + ".csv", exports.rows_csv(chart.rows), bom=True)
            if (self.cache / f"{ikey}.svg").is_file():
                shutil.copyfile(self.cache / f"{ikey}.svg", self._out(target + ".svg"))
                self.stats["charts_reused"] += 1
                continue
            pending.setdefault(ikey, (chart, []))[1].append(target)
        return pending

    def _draw_charts(self, pending: Pending):
        """Start drawing the charts, on every core when there are many (vl-convert takes
        30–200 ms a chart); returns the function that waits for them, writes them next to their
        pages and adds them to the cache."""
        started = time.perf_counter()
        keys = list(pending)
        results, pool = _render_all([pending[k][0] for k in keys])

        def done(cancel: bool = False) -> None:
            if cancel:
                if pool:
                    pool.shutdown(wait=False, cancel_futures=True)
                return
            try:
                for ikey, svg in zip(keys, results, strict=True):
                    _atomic_write(self.cache / f"{ikey}.svg", svg)
                    for target in pending[ikey][1]:
                        self._write_text(target + ".svg", svg)
            finally:
                if pool:
                    pool.shutdown(cancel_futures=True)
            self.stats["charts_rendered"] += len(keys)
            self.stats["chart_seconds"] += time.perf_counter() - started
        return done

    def _bands(self, year: int) -> pd.DataFrame:
        return for_year(self.results.dataset.bands, year)

    def _write_downloads(self) -> None:
        ds = self.results.dataset
        meta = {"title": ds.descriptor.get("title", ""), "licenses": ds.descriptor.get(
            "licenses", []), "sources": ds.sources.astype(object).where(
            ds.sources.notna(), None).astype(str).to_dict("records")}
        for year in self.results.years:
            for df, url in ((exports.year_results(self.results, year), urls.results_url),
                            (exports.year_fields(self.results, year), urls.field_results_url)):
                year_meta = {**meta, "year": year}
                rels = [url(year, "csv"), url(year, "json")]
                if self._reused(rels, f"{_frame_key(df, year_meta)}:{self.reuse['site']}"):
                    continue  # a year whose numbers did not change
                self._write_text(rels[0], exports.to_csv(df), bom=True)
                self._write_text(rels[1], exports.to_json(df, year_meta))
        self._write_package(ds.root)
        for name, header in package.templates(ds.root).items():
            self._write_text(urls.TEMPLATES_DIR + name, header, bom=True)

    def _write_package(self, root: Path) -> None:
        """A copy of the data package (CSV, schemas, an up-to-date descriptor) and its zip."""
        target = self._out(urls.PACKAGE_DIR + "x").parent
        files = sorted(p for p in root.rglob("*") if p.is_file()
                       and p.suffix in (".csv", ".json") and p.name != "datapackage.json"
                       and not any(part.startswith(".") for part in p.relative_to(root).parts))
        for p in files:
            dest = target / p.relative_to(root)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(p, dest)
        desc = descriptor(root, self.results.dataset.descriptor)
        (target / "datapackage.json").write_text(
            json.dumps(desc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        with zipfile.ZipFile(self._out(urls.PACKAGE_ZIP), "w", zipfile.ZIP_DEFLATED) as z:
            for p in sorted(target.rglob("*")):
                if p.is_file():
                    info = zipfile.ZipInfo(p.relative_to(target).as_posix(),
                                           date_time=(2020, 1, 1, 0, 0, 0))
                    info.compress_type = zipfile.ZIP_DEFLATED
                    z.writestr(info, p.read_bytes())

    def _write_sitemap(self, data_urls: list[str]) -> None:
        base = self.settings.get("SITEURL", "")
        urls = list(data_urls)
        urls += [p.url for p in self.context.get("pages", [])]
        urls += [a.url for a in self.context.get("articles", [])]
        if self.context.get("articles"):
            urls.append(self.settings.get("INDEX_URL", "tin-tuc/"))
        lines = ['<?xml version="1.0" encoding="UTF-8"?>',
                 '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
        lines += [f"  <url><loc>{escape(urljoin(base + '/', u) if base else '/' + u)}</loc>"
                  "</url>" for u in dict.fromkeys(urls)]
        lines.append("</urlset>")
        self._write_text("sitemap.xml", "\n".join(lines) + "\n")


class _Copy:
    """A forked copy of the generator that builds and writes the pages of the plan at
    `positions` and places their charts. It sends back, through a pipe, first its pages'
    URLs, the charts left to draw (drawn by the one pool of this process) and how many charts
    it reused, then how many pages it linked unchanged and what it recorded for the next
    build; or what went wrong."""

    def __init__(self, gen: ParIndexGenerator, writer, relative: bool,
                 positions: list[int]) -> None:
        read, write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # never returns: whatever happens, the copy ends here
            status = 1
            try:
                os.close(read)
                with os.fdopen(write, "wb") as out:
                    status = self._run(gen, writer, relative, positions, out)
            finally:
                os._exit(status)
        os.close(write)
        self.pipe = os.fdopen(read, "rb")

    @staticmethod
    def _run(gen: ParIndexGenerator, writer, relative: bool, positions: list[int],
             out) -> int:
        try:
            gen.reuse["written"] = {}
            built = [gen.plan[i].build() for i in positions]
            pending = gen._place_charts(gen._chart_jobs(built))
            pickle.dump(("ok", ([p.url for p in built], pending, gen.stats["charts_reused"])),
                        out)
            out.flush()
            n = sum(gen._write_page(writer, page, relative) for page in built)
            pickle.dump(("ok", (n, gen.reuse["written"])), out)
            out.flush()
            return 0
        except BaseException:  # noqa: BLE001 - reported by the parent
            pickle.dump(("error", traceback.format_exc()), out)
            out.flush()
            return 1

    def receive(self):
        try:
            status, payload = pickle.load(self.pipe)
        except EOFError:
            status, payload = "error", "tiến trình ghi trang dừng đột ngột"
        if status != "ok":
            self.stop()
            raise RuntimeError(f"Không ghi được một số trang:\n{payload}")
        return payload

    def stop(self, kill: bool = True) -> None:
        """Close the pipe and wait for the copy to end (killed first, unless it has sent
        everything)."""
        if self.pipe.closed:
            return
        self.pipe.close()
        if kill:
            os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)


def _frame_key(df: pd.DataFrame, meta: dict) -> str:
    """What a download is made from: the table's columns, types and values, and its meta."""
    h = hashlib.blake2b(json.dumps([list(map(str, df.columns)), list(map(str, df.dtypes)),
                                    meta], ensure_ascii=False, default=str).encode(),
                        digest_size=20)
    h.update(pd.util.hash_pandas_object(df, index=False).to_numpy().tobytes())
    return h.hexdigest()


def _page_key(site_key: str, page: models.Page, relative: bool) -> str:
    """What a data page's HTML is made from: its model (pickled: equal bytes, equal content)
    and everything else the build reads but the data (theme, code, content, settings)."""
    h = hashlib.blake2b(f"{site_key}\0{relative}\0".encode(), digest_size=20)
    h.update(pickle.dumps(page, protocol=pickle.HIGHEST_PROTOCOL))
    return h.hexdigest()


POOL_FROM = 16  # fewer charts than this are rendered in the build's own process
SPLIT_FROM = 400  # fewer pages than this are written by one process


def _render_all(jobs: list[tuple]) -> tuple[Iterator[tuple[str, str]], Executor | None]:
    """(spec key, SVG) of every job, in order, and the pool drawing them (None when there are
    too few to be worth one: then they are drawn here, when the results are read)."""
    workers = min(os.cpu_count() or 1, len(jobs) // (POOL_FROM // 2) or 1)
    if len(jobs) < POOL_FROM or workers < 2:
        return map(charts.render, jobs), None
    ctx = multiprocessing.get_context("spawn")  # a fresh renderer per worker, never forked
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx)
    return pool.map(charts.render, jobs, chunksize=max(1, len(jobs) // (workers * 8))), pool


def _atomic_write(path: Path, text: str) -> None:
    """Write through a temporary file, so that a reader (another build) never sees half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def get_generators(pelican_object):
    return ParIndexGenerator


def add_filters(generator) -> None:
    """Number formatting (parindex.fmt), table cells and search folding for every template."""
    install(generator.env)


def install(env: Environment) -> None:
    env.filters.update(FILTERS)
    env.globals.update(GLOBALS)


def register() -> None:
    signals.generator_init.connect(add_filters)
    signals.get_generators.connect(get_generators)
