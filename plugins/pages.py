"""The data pages and their charts, built and written by the pool's workers.

`write_pages` is one task: it builds a run of the plan's pages, writes each with the theme's
template through Pelican's writer (or links it from the store when its key is there), and each
chart's CSV and, when the store has it, its SVG; it returns the charts left to draw.
`draw` is another task: it draws charts (SVG, or PNG for a shared link) and stores them.
`write_all` runs the first over the whole plan, in its order, and `Drawing` the second as charts
come back, so that the workers go on drawing while the build writes downloads and Pagefind
indexes the pages.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import Future, as_completed
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from pelican.contents import Page

from parindex.i18n import LANGUAGES, SOURCE, speaking
from parindex.scoring.score import Results
from parindex.site import Planned, charts, embeds, exports, models, urls, word
from parindex.site import api as site_api
from parindex.site.api import Endpoint
from parindex.site.pages import compare
from parindex.site.pages.parts import parts

from .content import ContentError
from .pool import Pool
from .store import Store, digest, model_key, out_path, page_key

ToDraw = dict[str, tuple[models.Chart, list[str]]]  # store key → chart, its SVG's paths
PAGES_PER_TASK = 64  # at most: a task is a few seconds even with every chart to draw
CHARTS_PER_TASK = 8
METHOD_NOTE = "phuong-phap.md"  # under Pelican's PATH: the editors' text of the method page
log = logging.getLogger(__name__)


def read_notes(readers: Any, root: Path, context: dict[str, Any], folder: str,
               units: Iterable[str]) -> dict[str, Page]:
    """The editors' Markdown shown on data pages, read as Pelican pages (never written as
    such): agency notes by unit id (metadata `Unit:`, in `folder`), and the text of the
    methodology page (`phuong-phap.md`) by its URL. A translation (metadata `Lang: en`, e.g.
    `phuong-phap.en.md`) is keyed `en:<id or URL>`."""
    known, notes = set(units), {}
    stem = METHOD_NOTE.removesuffix(".md")
    for name in [METHOD_NOTE] + [f"{stem}.{lang}.md" for lang in LANGUAGES if lang != SOURCE]:
        if (root / name).is_file():
            page = readers.read_file(base_path=str(root), path=name, content_class=Page,
                                     context=context)
            notes[note_key(urls.METHOD_URL, page.metadata.get("lang", SOURCE))] = page
    for path in sorted((root / folder).glob("*.md")) if (root / folder).is_dir() else []:
        try:
            page = readers.read_file(base_path=str(root), path=str(path.relative_to(root)),
                                     content_class=Page, context=context)
        except ValueError as exc:  # a date that is no date (plugins.content)
            raise ContentError(f"Không đọc được ghi chú {path.relative_to(root)}: {exc}"
                               ) from None
        unit = page.metadata.get("unit")
        if unit in known:
            notes[note_key(unit, page.metadata.get("lang", SOURCE))] = page
        else:
            log.warning("%s: 'Unit: %s' không phải mã đơn vị nào trong units.csv; ghi chú "
                        "không được đăng", path.relative_to(root), unit)
    return notes


def note_key(key: str, lang: str) -> str:
    """Where `read_notes` keeps a note (of an agency's id, or a page's URL) in `lang`."""
    return key if lang == SOURCE else f"{lang}:{key}"


@dataclass
class Work:
    """What a worker writes pages from, inherited from the generator when the pool forks.
    `site_key` empty: no page is stored; `reuse` False: none is taken from the store."""

    plan: list[Planned]
    writer: Any  # pelican.writers.Writer
    context: dict[str, Any]
    template: Callable[[str], Any]  # the generator's get_template
    notes: dict[str, Any]  # agency id or page URL → Pelican Page of its Markdown (read_notes)
    news: list[Any]  # the latest articles, on the home page
    output: Path
    store: Store
    site_key: str
    reuse: bool
    relative: bool
    languages: tuple[str, ...] = (SOURCE,)  # the editions written
    edition: frozenset[str] = frozenset()  # the pages the other editions have (their URLs)
    results: Results | None = None  # the scored data, for the downloads (`extras`)

    folders: set[Path] = field(default_factory=set)  # those `out` made, in this process

    def out(self, rel: str, new_folder: bool = True) -> Path:
        """`store.out_path`, its folder made once (a national site has 45.000)."""
        path = out_path(self.output, rel, new_folder=False)
        if new_folder:
            self._make(path if rel.endswith("/") else path.parent)
        return path

    def _make(self, folder: Path) -> None:
        """Make `folder`, its parents first: no attempt fails for a missing parent."""
        if folder in self.folders:
            return
        if self.output in folder.parents:
            self._make(folder.parent)
        folder.mkdir(exist_ok=True)
        self.folders.add(folder)

    @cached_property
    def entries(self) -> str:
        """What every plan entry's files are made from besides its inputs (`entry_key`): the
        site key (code, settings, what pages show of content/), the URLs, and which pages
        each edition has."""
        return digest(self.site_key, str(self.relative), *self.languages, *sorted(self.edition))

    def alternates(self, url: str) -> list[tuple[str, str]]:
        """The hreflang links of the page at `url`: none where it has one edition."""
        return urls.alternates(url, self.languages) if urls.in_edition(url, self.edition) else []


@dataclass
class Written:
    """What writing some pages did: their URLs in the plan's order, how many pages and charts
    were taken from the store, the charts left to draw, the store keys used; the files that
    are store entries (`stored`) and how many files are not (`unkept`)."""

    urls: list[str] = field(default_factory=list)
    reused: int = 0
    charts_reused: int = 0
    to_draw: ToDraw = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    placing: float = 0.0  # seconds spent on the charts' files (keys, CSV, links)
    api: list[Endpoint] = field(default_factory=list)  # the JSON documents written
    files: list[tuple[str, str]] = field(default_factory=list)  # (path in the output, key)
    unkept: int = 0

    def stored(self, rel: str, key: str) -> None:
        """The output's file at `rel` is (or will be, once drawn) the store's entry `key`."""
        self.used.add(key)
        self.files.append((rel, key))

    def add(self, other: Written) -> None:
        """Add what `other` did after what this did (not its charts to draw)."""
        self.urls += other.urls
        self.reused += other.reused
        self.charts_reused += other.charts_reused
        self.used |= other.used
        self.placing += other.placing
        self.api += other.api
        self.files += other.files
        self.unkept += other.unkept


@dataclass
class Entry:
    """The files a plan entry made, all store entries, kept under its `entry_key`: while its
    inputs are unchanged, a build links them again without building its page (`replay`)."""

    files: list[tuple[str, str]]
    urls: list[str]
    api: list[Endpoint]


def write_pages(work: Work, start: int, stop: int) -> Written:
    """Task: build and write the pages `plan[start:stop]` and place their charts; an entry
    whose inputs are unchanged is linked from the store without being built (`replay`)."""
    done = Written()
    for planned in work.plan[start:stop]:
        key = entry_key(work, planned)
        if key and work.reuse and replay(work, done, key):
            continue
        part = Written(to_draw=done.to_draw)  # a chart of two pages is drawn once
        whole = planned.build()
        by = key if planned.kind in BY_INPUTS else None
        model = _model(work, whole, by)
        part.api += _write_document(work, part, whole, model)  # the whole table
        for page in parts(whole):  # a long page in parts (`…/trang-2/`)
            _write_part(work, part, page, model if page is whole else _model(work, page, by))
        if key and not part.unkept:  # equal inputs, equal files: kept once (a forced build)
            if not work.store.has(key):
                work.store.put(key, Entry(part.files, part.urls, part.api))
            part.used.add(key)
        done.add(part)
    return done


def entry_key(work: Work, planned: Planned) -> str | None:
    """The store key of a plan entry's files, from what its page is made from
    (`Planned.inputs`) rather than from its model: none for a page made from the whole
    package, or when nothing is stored."""
    if planned.inputs is None or not work.site_key:
        return None
    return digest(work.entries, planned.kind, planned.url, planned.inputs()) + ".entry"


def replay(work: Work, done: Written, key: str) -> bool:
    """Link the files of the entry kept as `key`; False (nothing linked) when there is no
    such entry or one of its files has left the store."""
    entry = work.store.recall(key)
    if not isinstance(entry, Entry):
        return False
    linked: list[Path] = []
    for rel, file in entry.files:
        path = work.out(rel)
        if not work.store.take(file, path):
            for made in linked:  # the page is built instead: its files are written anew
                made.unlink()
            return False
        linked.append(path)
    done.urls += entry.urls
    done.api += entry.api
    done.reused += len(entry.urls)
    done.charts_reused += sum(rel.endswith((".svg", ".png")) for rel, _ in entry.files)
    done.used |= {file for _, file in entry.files} | {key}
    return True


# The kinds of page keyed by their inputs (`entry_key`) rather than their model: a profile's
# inputs are what it shows (its agency's rows, its groups' statistics as shown), and pickling
# 10.000 profiles' models to hash them was a tenth of a forced build at national size. A year's
# page is made from the whole year's rows, more than the group or field it shows: keyed by its
# model, it is linked again after a change in another group.
BY_INPUTS = frozenset({"units"})


def _model(work: Work, page: models.Page, entry: str | None) -> bytes:
    """The page's model as the store keys it, made once for every file made from it (its
    editions, API document, Word document, embeds); nothing when nothing is stored. `entry`:
    the key of the inputs it is made from, where they stand for its model (`BY_INPUTS`), with
    its URL; else its model pickled (`store.model_key`)."""
    if not work.site_key:
        return b""
    return digest(entry, page.url).encode() if entry else model_key(page)


def kept(work: Work, done: Written, rel: str, key: str | None, write: Callable[[Path], object],
         reuse: bool | None = None) -> bool:
    """Put the output's file at `rel` in place: the store's entry `key` while there is one
    (and `reuse`: the build's by default), else made by `write(path)` and kept as `key`; True
    when taken. Without a key (nothing is stored, or a page with Markdown) it is made."""
    path = work.out(rel)
    if key:
        done.stored(rel, key)
        if (work.reuse if reuse is None else reuse) and work.store.take(key, path):
            return True
    write(path)
    if key:
        work.store.keep(key, path)
    else:
        done.unkept += 1
    return False


def _write_part(work: Work, done: Written, page: models.Page, model: bytes) -> None:
    """Write a page in each of its editions, its Word document, embeds and charts."""
    done.urls.append(page.url)
    done.reused += _write_page(work, page, model, done)
    for lang in work.languages[1:] if urls.in_edition(page.url, work.edition) else ():
        done.urls.append(urls.localized(page.url, lang, work.edition))
        done.reused += _write_page(work, page, model, done, lang)  # the same model
    if isinstance(page, models.ReportPage):  # its Word document, from the same model
        _write_docx(work, page, model, done)
    if isinstance(page, models.ComparePage) and page.options_url:  # a choice too long for it
        work.out(page.options_url).write_text(compare.options(page), encoding="utf-8")
        done.unkept += 1
    for embed in embeds.embed_pages(page):  # each chart alone, for an iframe elsewhere:
        _write_page(work, embed, model + embed.url.encode(), done)  # made from the page
    started = time.perf_counter()
    for chart in page.charts:
        drawn = charts.key(chart)
        _write_csv(work, chart, drawn, urls.chart_url(page.url, chart.name, "csv"), done)
        _place(work, done, chart, drawn + ".svg", page.chart_svg(chart))
    if (shared := page.share_chart) is not None:  # its PNG, for a shared link
        _place(work, done, shared, charts.key(shared) + ".png", page.share_image)
    done.placing += time.perf_counter() - started


def place(work: Work, chart: models.Chart, rel: str) -> Written:
    """A chart that is no page's, drawn as PNG at `rel` (the site's card for shared links)."""
    done = Written()
    _place(work, done, chart, charts.key(chart) + ".png", rel)
    return done


def _place(work: Work, done: Written, chart: models.Chart, key: str, rel: str) -> None:
    """Put the drawing `key` (SVG or PNG) of `chart` at `rel`: from the store, or to draw."""
    done.stored(rel, key)
    if key in done.to_draw:
        done.to_draw[key][1].append(rel)
    elif work.store.take(key, work.out(rel, new_folder=False)):  # the page's folder
        done.charts_reused += 1
    else:
        done.to_draw[key] = (chart, [rel])


def _write_csv(work: Work, chart: models.Chart, drawn: str, rel: str, done: Written) -> None:
    """A chart's numbers, from the store when they are there (its key: the chart's, and the
    code that writes CSV, part of the site key)."""
    key = digest(work.site_key, drawn) + ".csv" if work.site_key else None
    kept(work, done, rel, key, lambda path: path.write_text(exports.rows_csv(chart.rows),
                                                             encoding="utf-8-sig"), reuse=True)


def _write_page(work: Work, page: models.Page, model: bytes, done: Written,
                lang: str = SOURCE) -> bool:
    """Write one page in `lang`; True when it was taken from the store. A page with Markdown
    content (an agency's note, the news) is always rendered and never stored. The English
    page of an agency or of the method without a translation of its note links to the
    Vietnamese one (`untranslated`)."""
    extra: dict[str, Any] = {}
    note = page.unit.id if isinstance(page, models.UnitPage) else page.url
    if isinstance(page, models.UnitPage | models.MethodPage):
        extra["note"] = work.notes.get(note_key(note, lang))
        if lang != SOURCE and not extra["note"] and work.notes.get(note):
            extra["untranslated"] = work.notes[note]
    elif isinstance(page, models.HomePage) and lang == SOURCE:  # the news are Vietnamese
        extra["news"] = work.news
    rel = urls.localized(page.url, lang, work.edition) + "index.html"
    own = work.site_key + ("" if lang == SOURCE else lang)  # each edition's page its own key
    key = page_key(own, work.relative, model) if work.site_key and not any(
        extra.values()) else None

    def render(_: Path) -> None:
        with speaking(lang):
            work.writer.write_file(rel, work.template(page.template), work.context,
                                   relative_urls=work.relative, data=page, LANG=lang,
                                   ALTERNATES=work.alternates(page.url), **extra)
    return kept(work, done, rel, key, render)


def _write_document(work: Work, done: Written, page: models.Page, model: bytes
                    ) -> list[Endpoint]:
    """The page's API document, if it has one (`parindex.site.api`), from the store while its
    model and the code are unchanged; its endpoint."""
    endpoint = site_api.endpoint(page)
    if endpoint is None:
        return []
    key = digest(work.site_key, "api", model) + ".json" if work.site_key else None
    kept(work, done, endpoint.path, key, lambda path: path.write_text(
        site_api.dumps(site_api.MAKERS[type(page)](page)), encoding="utf-8"))
    return [endpoint]


def _write_docx(work: Work, page: models.ReportPage, model: bytes, done: Written) -> None:
    """The report's Word document beside its page, from the store while its model (and the
    code, part of the site key) is unchanged."""
    key = digest(page_key(work.site_key, False, model), "docx") + ".docx" \
        if work.site_key else None
    kept(work, done, page.docx_url, key, lambda path: path.write_bytes(
        word.report_docx(page, work.context.get("SITENAME", ""))))


def draw(work: Work, todo: list[tuple[str, models.Chart, list[str]]]) -> int:
    """Task: draw charts, write each where it goes and keep it in the store."""
    for key, chart, targets in todo:
        first = work.out(targets[0])
        if key.endswith(".png"):
            first.write_bytes(charts.render_png(chart))
        else:
            first.write_text(charts.render(chart), encoding="utf-8")
        work.store.keep(key, first)
        for target in targets[1:]:
            _link_or_copy(work.store, key, first, work.out(target))
    return len(todo)


def _link_or_copy(store: Store, key: str, drawn: Path, dest: Path) -> None:
    if not store.take(key, dest):  # pruned meanwhile by another build
        dest.write_bytes(drawn.read_bytes())


def runs(kinds: list[str], workers: int) -> list[tuple[int, int]]:
    """The plan (the kind of each page, in order) cut into tasks, as `(start, stop)`, the
    heaviest first: a page of a kind that has few (one per year, group or field, each a table
    of many agencies) is a task of its own, the many light pages of a kind (one per agency)
    go by runs of consecutive pages, so that neither worker is left with a long last task."""
    size = max(1, min(PAGES_PER_TASK, len(kinds) // (max(workers, 1) * 8)))
    counts = Counter(kinds)
    alone = [(i, i + 1) for i, kind in enumerate(kinds) if counts[kind] <= size]
    cut, start = [], 0
    for i in range(1, len(kinds) + 1):
        if i == len(kinds) or kinds[i] != kinds[start] or i - start == size:
            if counts[kinds[start]] > size:
                cut.append((start, i))
            start = i
    return sorted(alone, key=lambda r: counts[kinds[r[0]]]) + cut


def write_all(pool: Pool, kinds: list[str], on_charts: Callable[[ToDraw], None]) -> Written:
    """Every page of the plan (the kind of each page, in order), in tasks (`runs`);
    `on_charts` receives each task's charts to draw as it ends."""
    tasks = {pool.submit(write_pages, *run): run[0] for run in runs(kinds, pool.workers)}
    parts: dict[int, Written] = {}
    for future in as_completed(tasks):
        part = parts[tasks[future]] = _result(future)
        on_charts(part.to_draw)
    done = Written()
    for i in sorted(parts):
        done.add(parts[i])
    return done


class Drawing:
    """Draws charts as they come (`add`) in the pool, each key once; `wait` for the last."""

    def __init__(self, pool: Pool, work: Work) -> None:
        self.pool, self.work = pool, work
        self.futures: list[Future[int]] = []
        self.targets: dict[str, list[str]] = {}  # key → where it goes, once drawn
        self.started = 0.0

    def add(self, to_draw: ToDraw) -> None:
        todo = []
        for key, (chart, targets) in to_draw.items():
            if key in self.targets:  # already being drawn for another page
                self.targets[key] += targets
            else:
                self.targets[key] = targets[:1]
                todo.append((key, chart, targets))
        for i in range(0, len(todo), CHARTS_PER_TASK):
            self.started = self.started or time.perf_counter()
            self.futures.append(self.pool.submit(draw, todo[i:i + CHARTS_PER_TASK]))

    def wait(self) -> tuple[int, float]:
        """How many charts were drawn, and the seconds from the first to the last."""
        drawn = sum(_result(f) for f in self.futures)
        for key, targets in self.targets.items():
            for target in targets[1:]:
                _link_or_copy(self.work.store, key, self.work.out(targets[0]),
                              self.work.out(target))
        return drawn, (time.perf_counter() - self.started if self.futures else 0.0)


def _result(future: Future[Any]) -> Any:
    """A task's result; its failure as the build's, with what went wrong."""
    try:
        return future.result()
    except Exception as exc:
        raise RuntimeError(f"Không ghi được một số trang: {type(exc).__name__}: {exc}") from exc
