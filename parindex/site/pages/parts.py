"""A page too long for one file, split in numbered parts (`…/trang-2/`, `urls.part_url`).

At a national size a group's ranking holds thousands of agencies and the directory ten
thousand: one page would weigh megabytes. A page holding more than PART_ROWS rows is cut into
parts of PART_ROWS rows, each with the page's heading, a pagination nav and a link to the whole
table as a download; the first part keeps the page's URL (links to it stay right) and its
charts. A province's pages (tens to hundreds of agencies) stay one page.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from ..models import DirectoryPage, Page, Pagination, RankingPage
from ..urls import UNITS_CSV, part_url

PART_ROWS = 500  # rows of a part: about 200 KB of HTML for a ranking, well under 500 KB
T = TypeVar("T")


def parts(page: Page, size: int | None = None) -> list[Page]:
    """`page`, or its parts when it holds more than `size` rows (PART_ROWS by default)."""
    size = size or PART_ROWS
    if isinstance(page, RankingPage) and len(page.rows) > size:
        chunks = _chunks(page.rows, size)
        return [replace(page, rows=rows, **_part(page, i, len(chunks), page.csv_url))
                for i, rows in enumerate(chunks, 1)]
    if isinstance(page, DirectoryPage) and len(page.entries) > size:
        chunks = _chunks(page.entries, size)
        out: list[Page] = []
        for i, entries in enumerate(chunks, 1):
            ids = {e.unit.id for e in entries}
            by_group = [g._replace(entries=[e for e in g.entries if e.unit.id in ids])
                        for g in page.by_group]
            out.append(replace(page, entries=entries, by_group=[g for g in by_group if g.entries],
                               **_part(page, i, len(chunks), UNITS_CSV)))
        return out
    return [page]


def _chunks(rows: list[T], size: int) -> list[list[T]]:
    return [rows[i:i + size] for i in range(0, len(rows), size)]


def _part(page: Page, n: int, count: int, download: str) -> dict[str, object]:
    """The fields that make part `n` of `count` of `page`: its URL, its nav; charts on the
    first only (drawn once)."""
    return {"url": part_url(page.url, n), "charts": page.charts if n == 1 else [],
            "pagination": Pagination(
                n, count, part_url(page.url, n - 1) if n > 1 else None,
                part_url(page.url, n + 1) if n < count else None, download)}
