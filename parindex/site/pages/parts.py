"""A page too long for one file, split in numbered parts (`…/trang-2/`, `urls.part_url`).

At a national size a group's ranking holds thousands of agencies and the directory ten
thousand, a year's innovations thousands: one page would weigh megabytes. A page holding more
than `urls.PART_ROWS` rows is cut into parts of that many rows, each with the page's heading, a
pagination nav and a link to the whole table as a download; the first part keeps the page's URL
(links to it stay right) and its charts. A province's pages (tens to hundreds of agencies)
stay one page. The API's document of the page keeps the whole table.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from ...i18n import t
from ...text import fold
from .. import urls
from ..models import (
    DirectoryEntry,
    DirectoryPage,
    Innovation,
    InnovationsPage,
    Page,
    Pagination,
    RankingPage,
    YearInnovations,
)
from ..urls import UNITS_CSV, innovations_csv_url, part_url

T = TypeVar("T")
P = TypeVar("P", bound=Page)


def parts(page: Page, size: int | None = None) -> list[Page]:
    """`page`, or its parts when it holds more than `size` rows (`urls.PART_ROWS` by default,
    which `urls.row_url` follows)."""
    size = size or urls.PART_ROWS
    if isinstance(page, RankingPage) and len(page.rows) > size:
        rows = _chunks(page.rows, size)
        return [replace(_part(page, i, len(rows), page.csv_url), rows=some)
                for i, some in enumerate(rows, 1)]
    if isinstance(page, DirectoryPage) and len(page.entries) > size:
        entries = _chunks(page.entries, size)
        return [_directory(_part(page, i, len(entries), UNITS_CSV), some)
                for i, some in enumerate(entries, 1)]
    if isinstance(page, InnovationsPage) and page.year and len(page.items) > size:
        items = _chunks(page.items, size)
        return [_innovations(_part(page, i, len(items), innovations_csv_url(page.year)), some)
                for i, some in enumerate(items, 1)]
    return [page]


def _chunks(rows: list[T], size: int) -> list[list[T]]:
    return [rows[i:i + size] for i in range(0, len(rows), size)]


def _part(page: P, n: int, count: int, download: str) -> P:
    """Part `n` of `count` of `page`, its rows still all: its URL, its nav; the charts on the
    first part only (drawn once)."""
    # a part's own title (the browser's tab, search results, a shared link): "… (trang 2)"
    title = page.title if n == 1 else t("{title} (trang {n})", title=page.title, n=n)
    return replace(page, url=part_url(page.url, n), title=title,
                   charts=page.charts if n == 1 else [],
                   pagination=Pagination(n, count,
                                         part_url(page.url, n - 1) if n > 1 else None,
                                         part_url(page.url, n + 1) if n < count else None,
                                         download))


def _directory(page: DirectoryPage, entries: list[DirectoryEntry]) -> DirectoryPage:
    """The part of the directory that lists `entries`, by group too."""
    ids = {e.unit.id for e in entries}
    by_group = [g._replace(entries=[e for e in g.entries if e.unit.id in ids])
                for g in page.by_group]
    return replace(page, entries=entries, by_group=[g for g in by_group if g.entries])


def _innovations(page: InnovationsPage, items: list[Innovation]) -> InnovationsPage:
    """The part of a year's innovations page that lists `items`: its lists by agency and by
    field keep only them (their links point into the part)."""
    ids = {i.id for i in items}

    def kept(some: list[Innovation]) -> list[Innovation]:
        return [i for i in some if i.id in ids]
    return replace(
        page, items=items, by_year=[YearInnovations(y.year, kept(y.items)) for y in page.by_year
                                    if kept(y.items)],
        by_unit=[u._replace(items=kept(u.items)) for u in page.by_unit if kept(u.items)],
        by_field=[(f, kept(some)) for f, some in page.by_field if kept(some)],
        no_field=sum(i.field is None for i in items),
        search_terms=" ".join(dict.fromkeys(fold(s) for i in items for s in (i.title,
                                                                             i.unit.name))))
