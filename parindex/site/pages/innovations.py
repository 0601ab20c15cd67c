"""Recognised innovations (`sang-kien/`, and one page a year)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TypeVar

from ...i18n import t
from ...text import fold, vi_sort_key
from .. import narrative
from ..models import (
    HOME,
    INNOVATIONS,
    Innovation,
    InnovationsPage,
    NavLink,
    UnitInnovations,
    YearCount,
    YearInnovations,
)
from ..urls import (
    innovations_url,
)
from ..values import (
    Lookup,
)

# The page of every year's innovations lists them all up to INNOVATIONS_LISTED; beyond (a
# national portal: thousands a year) it gives the count of each year, and each year's page
# lists that year's.
INNOVATIONS_LISTED = 1000

K = TypeVar("K")


def innovations_page(lk: Lookup, items: list[Innovation], year: int | None,
                     years: list[int]) -> InnovationsPage:
    def grouped(key: Callable[[Innovation], K]) -> dict[K, list[Innovation]]:
        out: dict[K, list[Innovation]] = {}
        for i in items:
            out.setdefault(key(i), []).append(i)
        return out
    per_year, per_unit = grouped(lambda i: i.year), grouped(lambda i: i.unit)
    by_year = [YearInnovations(y, v) for y, v in sorted(per_year.items(), reverse=True)]
    title = (t("Sáng kiến cải cách hành chính năm {year}", year=year) if year
             else t("Sáng kiến cải cách hành chính"))
    sources = lk.sources(*[i.source.id for i in items if i.source])
    crumbs = [HOME] + ([INNOVATIONS] if year else [])
    linked = len(years) > 1 or bool(year)  # links to the other years' pages
    page = partial(InnovationsPage, url=innovations_url(year), template="innovations",
                   title=title, lead=narrative.innovations_lead(len(items), year, len(per_unit)),
                   breadcrumbs=crumbs, year=year, sources=sources,
                   all_link=NavLink(t("Tất cả"), innovations_url(), year is None) if linked
                   else None,
                   year_links=[NavLink(str(y), innovations_url(y), y == year) for y in years]
                   if linked else [],
                   counts=[YearCount(y.year, innovations_url(y.year), y.n) for y in by_year])
    if year is None and len(items) > INNOVATIONS_LISTED:  # the counts only, linking each year
        return page(items=[], by_year=[], by_unit=[], by_field=[], no_field=0, listed=False,
                    search_terms="")
    per_field = grouped(lambda i: i.field.id if i.field else None)
    units = sorted(per_unit, key=lambda u: vi_sort_key(u.name))
    fields = [lk.field(f) for f in lk.fields_df["field_id"]]
    return page(
        items=items, by_year=by_year,
        by_unit=[UnitInnovations(u, per_unit[u]) for u in units],
        by_field=[(f, per_field[f.id]) for f in fields if f.id in per_field],
        no_field=sum(i.field is None for i in items), listed=True,
        search_terms=" ".join(dict.fromkeys(fold(s) for i in items for s in (i.title,
                                                                             i.unit.name))))
