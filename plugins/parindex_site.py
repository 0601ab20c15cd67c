"""Pelican plugin: the portal's data pages, written through Pelican's writer into the theme.

Glue only. `generate_context` loads and scores the data package, names the site after it
(`portal`) and gives its links, plans the pages (`parindex.site.plan`), reads the notes.
`generate_output` starts the worker pool (`pool`), in which the pages are built and written and
the charts drawn (`pages`), reusing what the store already has (`store`); then the files that
are not pages (`extras`). Its options are one typed value, `PARINDEX` (`options.BuildOptions`);
its counts and times are its `stats` (`options.BuildStats`); it reports each stage on the logger
"parindex.build" and sends `options.pages_written`. The templates' filters are in `filters`.
Invalid data raises `DataError` carrying the report, before anything is written; so does a
printed index, rank or band that differs from the computed one beyond rounding and is not
declared a known error of the source (`parindex.scoring.compare.refused`).
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import Generator

if str(Path(__file__).resolve().parents[1]) not in sys.path:  # loaded by path, by `pelican`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from parindex import fmt  # noqa: E402
from parindex.data.dataset import load  # noqa: E402
from parindex.data.portal import portal  # noqa: E402
from parindex.data.problems import DataError, Problem, Report  # noqa: E402
from parindex.data.tables import Dataset  # noqa: E402
from parindex.i18n import speaking  # noqa: E402
from parindex.scoring.compare import Assessment, assess, refused  # noqa: E402
from parindex.scoring.score import Results, score  # noqa: E402
from parindex.site import models, plan, urls  # noqa: E402
from parindex.site.charts import share_card  # noqa: E402
from parindex.site.colophon import colophon  # noqa: E402
from parindex.site.pages import edition  # noqa: E402
from plugins import api, content, extras, pages, search  # noqa: E402
from plugins.filters import install  # noqa: E402
from plugins.options import LOGGER, BuildOptions, BuildStats, pages_written  # noqa: E402
from plugins.pool import Pool  # noqa: E402
from plugins.store import Store, digest  # noqa: E402

progress = logging.getLogger(LOGGER)
# what the context gives every page besides its model (`content_view`)
SHOWN = ("SITENAME", "SITESUBTITLE", "AUTHOR", "PORTAL", "SCALE", "COLOPHON", "LANGUAGES", "links")
EXTRA_PAGES = [(urls.SEARCH_URL + "index.html", "search", "Tìm kiếm"),
               ("404.html", "404", "Không tìm thấy trang")]  # where, template, title


class ParIndexGenerator(Generator):
    """Loads the data once, then writes every data page, chart and download."""

    def _stage(self, name: str, line: str, started: float, count: int = 0) -> None:
        """Add a stage's time to the stats and report it."""
        seconds = time.perf_counter() - started
        setattr(self.stats, f"{name}_seconds", getattr(self.stats, f"{name}_seconds") + seconds)
        progress.info("%s (%.1f giây)", line, seconds, extra={"stage": name, "count": count})

    def _read(self) -> tuple[Dataset | None, Report, Results | None, list[Problem]]:
        """The validated tables, their report, the results and what the build refuses to
        publish (`refused`: 4,6 s CPU at national size, more than scoring); none of the last
        two for invalid data. From the store when the data and the core's code are unchanged
        (`data_key`)."""
        store = Store(self.options.store)
        tables: list[str] = []

        def table(key: str, make: Callable[[], object]) -> object:
            """A table read and checked, from the store while its file and the code are
            unchanged: after one changed file, the others are not read again."""
            key = digest(self.options.code_key, key) + ".table"
            tables.append(key)
            return store.remember(key, make)

        def made() -> tuple[Dataset | None, Report, Results | None, list[Problem], list[str]]:
            dataset, report = load(self.options.data,
                                   table if self.options.code_key else None)
            if dataset is None:
                return dataset, report, None, [], tables
            results = score(dataset)
            self.found = assess(results)  # for the audit page too, not kept in the store
            return dataset, report, results, refused(results, self.found), tables

        if not (key := self.options.data_key):
            return made()[:4]
        # the tables' entries are used by a build that takes the results from the store too:
        # else they were pruned, and the next change read and checked every table again
        dataset, report, results, wrong, used = store.remember(key + ".results", made)
        self.used |= {key + ".results", *used}
        return dataset, report, results, wrong

    def generate_context(self) -> None:
        unread = content.unread(self.context, self.readers, Path(self.path),
                                self.settings.get("ARTICLE_PATHS", []))
        if unread:  # Pelican skipped them (it runs its generators first): none is dropped
            raise content.ContentError("Không đọc được tệp trong thư mục nội dung:\n"
                                       + "\n".join(unread))
        self.options = BuildOptions.of(self.settings)
        self.stats = BuildStats()
        self.used: set[str] = set()  # the store's entries this build used (see store.prune)
        self.found: Assessment | None = None  # the data's `assess`, when it was read here
        t = time.perf_counter()
        dataset, self.report, results, wrong = self._read()  # the report's warnings: shown
        if dataset is None or results is None:
            raise DataError(self.report)
        own = portal(dataset.descriptor)  # the province's, for every template
        self.context.update(SITENAME=own.name, SITESUBTITLE=own.subtitle, AUTHOR=own.publisher,
                            PORTAL=own, SCALE=own.scale)
        install(self.env, own.scale)  # the data pages show the index on its scale
        rows = sum(len(t) for y in dataset.years.values() for t in y.tables.values())
        self._stage("load", f"Đọc dữ liệu: {fmt.integer(rows)} dòng", t, rows)
        self.env.autoescape = True  # data can hold any text, whatever the site's settings
        t = time.perf_counter()
        self.results = results  # scored with the reading (stored with it, `_read`)
        if wrong:  # a printed index, rank or band beyond rounding
            raise DataError(Report(wrong + self.report.problems))
        self.context["COLOPHON"] = colophon(self.results)  # every page's footer: how recent
        n = len(self.results.scores)
        self._stage("score", f"Tính điểm: {fmt.integer(n)} lượt đơn vị × năm", t, n)
        t = time.perf_counter()
        self.plan = plan(self.results, self.found)  # pages are built where they are written
        self.languages = own.languages
        # the editors' pages, each in English too: its translation or a page saying there is
        # none; Pelican writes the Vietnamese ones, with their hreflang links (PAGE_ALTERNATES)
        self.editors = [p for p in self.context.get("pages", []) if p.save_as]
        # the pages the English edition has: none when the portal builds Vietnamese only
        self.context["EDITION"] = edition(self.plan) | {p.url for p in self.editors} \
            if len(own.languages) > 1 else frozenset()
        self.context["LANGUAGES"] = own.languages
        self.context["PAGE_ALTERNATES"] = {p.save_as: urls.alternates(p.url, own.languages)
                                           for p in self.editors if len(own.languages) > 1}
        # the downloads page shows the files' sizes: written here once they are
        self.downloads = [p for p in self.plan if p.kind == "downloads"]
        self.plan = [p for p in self.plan if p.kind != "downloads"]
        self._stage("models", f"Kế hoạch: {fmt.integer(len(self.plan))} trang", t)
        self.notes = pages.read_notes(self.readers, Path(self.path), self.context,
                                      self.options.notes, self.results.dataset.units["unit_id"])
        if urls.METHOD_URL in self.notes:  # {filename}/phuong-phap.md links to the method page
            self.context["generated_content"][pages.METHOD_NOTE] = self.notes[urls.METHOD_URL]
        self.context["links"] = urls.links(  # for Pelican's pages too: the context is shared
            {p.url for p in self.context.get("pages", [])},
            any(p.kind == "innovations" for p in self.plan), bool(self.context.get("articles")))


    def generate_output(self, writer: Any) -> None:
        """Pages and charts in the pool (started first, before any thread: it forks); the
        extra pages, the signal for Pagefind and the downloads here while charts are drawn."""
        o, relative = self.options, self.settings.get("RELATIVE_URLS", False)
        work = pages.Work(self.plan, writer, self.context, self.get_template, self.notes,
                          self.context.get("articles", [])[:3], Path(self.output_path),
                          Store(o.store), o.site_key and self.content_view(o.site_key),
                          not o.force, relative, self.languages, self.context["EDITION"],
                          self.results)
        with Pool(work) as pool:
            self.stats.workers = pool.workers
            t = time.perf_counter()
            downloads = pool.submit(_write_extras, o.site_key)  # first: its longest
            drawing = pages.Drawing(pool, work)
            done = pages.write_all(pool, [p.kind for p in self.plan], drawing.add)
            done.urls += api.finish(work, done.api)  # index.json, schemas, du-lieu/api/
            card = pages.place(work, share_card.chart(self.context["PORTAL"].name,
                                                      self.context["PORTAL"].subtitle),
                               urls.SHARE_IMAGE)
            drawing.add(card.to_draw)
            merge = search.merged(done.urls)  # the search index's other bundles, if sharded
            for name, template, title in EXTRA_PAGES:
                writer.write_file(name, self.get_template(template), self.context,
                                  relative_urls=relative and template != "404", merge=merge,
                                  data=models.Page(url=name.removesuffix("index.html"),
                                                   template=template, title=title,
                                                   breadcrumbs=[models.HOME]))
            written_editors = self._write_editors(writer, work)
            pages_written.send(self)  # Pelican's own pages were written before ours
            used, writing = downloads.result()
            # the pool's time on the charts' files and the downloads is theirs, not the pages'
            placing, writing = done.placing / max(pool.workers, 1), writing / max(pool.workers, 1)
            written = done.urls + written_editors + [urls.SEARCH_URL] + [
                urls.localized(urls.DOWNLOADS_URL, lang, work.edition)
                for _ in self.downloads for lang in work.languages]
            self.stats.pages, self.stats.pages_reused = len(written), done.reused
            self.stats.charts_reused = done.charts_reused + card.charts_reused
            self._stage("pages", f"Trang: {fmt.integer(len(written))} trang, "
                                 f"{fmt.integer(done.reused)} không đổi",
                        t + placing + writing, len(written))
            t = time.perf_counter() - writing
            self.used |= done.used | card.used | used
            extras.write_sitemap(Path(self.output_path),
                                 written + extras.pelican_urls(self.context, self.settings),
                                 self.settings.get("SITEURL", ""))
            for planned in self.downloads:
                page = planned.build().with_sizes(partial(extras.size, Path(self.output_path)))
                for lang in work.languages:
                    with speaking(lang):
                        writer.write_file(
                            urls.localized(page.url, lang, work.edition) + "index.html",
                            self.get_template(page.template), self.context,
                            relative_urls=relative, data=page, LANG=lang,
                            ALTERNATES=work.alternates(page.url))
            self._stage("downloads", "Tệp tải về, gói dữ liệu, sơ đồ trang", t)
            t = time.perf_counter() - placing
            self.stats.charts_rendered, self.stats.chart_seconds = drawing.wait()
        self._stage("charts", f"Biểu đồ: {fmt.integer(self.stats.charts_rendered)} vẽ mới "
                              f"({self.stats.chart_seconds:.1f} giây từ lúc bắt đầu), "
                              f"{fmt.integer(self.stats.charts_reused)} dùng lại", t,
                    self.stats.charts_rendered)


    def content_view(self, site_key: str) -> str:
        """The key of the data pages' files besides their models: `site_key` (theme, code,
        settings), what every page shows of the data (the portal's name and notice, the
        footer's last update: `SHOWN`), and of content/: the menu and footer links (which
        editors' pages and whether news exist), the pages each edition has, and which pages
        have a Markdown note (a page with one is never kept). A news article or an editors'
        page edited leaves it as it is: the preview does not render every data page again."""
        shown = [repr(self.context.get(name)) for name in SHOWN]
        return digest(site_key, *shown, *sorted(self.context["EDITION"]),
                      repr(sorted(self.context["PAGE_ALTERNATES"].items())), *sorted(self.notes))

    def _write_editors(self, writer: Any, work: pages.Work) -> list[str]:
        """The editors' pages in every other language: each its translation (metadata
        `Lang:`, the same `Slug:`), else the Vietnamese page's title and a link to it."""
        written = []
        for lang in work.languages[1:]:
            for page in self.editors:
                own = next((t for t in page.translations if t.lang == lang), None)
                url = urls.localized(page.url, lang, work.edition)
                with speaking(lang):
                    writer.write_file(url + "index.html", self.get_template("page"),
                                      self.context, relative_urls=work.relative,
                                      page=own or page, untranslated=None if own else page,
                                      LANG=lang, ALTERNATES=work.alternates(page.url))
                written.append(url)
        return written


def _write_extras(work: pages.Work, site_key: str) -> tuple[set[str], float]:
    """The downloads, in a worker of the pool (their longest, a changed year's workbook, is
    written while the pages are): the store keys they used, and the seconds they took."""
    assert work.results is not None
    started = time.perf_counter()
    used = extras.write(work.output, work.results, work.store, site_key)
    return used, time.perf_counter() - started


def get_generators(pelican_object: Any) -> type[Generator]:
    return ParIndexGenerator


def add_filters(generator: Generator) -> None:
    """Number formatting (parindex.fmt), table cells and search folding for every template."""
    install(generator.env)


def register() -> None:
    signals.readers_init.connect(content.vietnamese_dates)
    signals.generator_init.connect(add_filters)
    signals.get_generators.connect(get_generators)
