"""Floor 3, results → every data page of the portal as a typed page model: `plan(results)`.

One module per page kind (home, years, year, report, ranking, field, unit, directory,
innovations, downloads, method, audit, compare), each a function from scored data to its page
model (`parindex.site.models`);
templates only render. `plan` lists every page without building it, so that a build can build
and write pages wherever it likes; `site` builds them all (for tests and notebooks).

Numbers stay numbers here (formatted in the templates); what a person must read in a
particular way (a rank "1/11", a sentence, a footnote) is made here. Where the source prints a
value and the data lets the portal recompute it: an agency's own printed index, rank and band are
the values of record, shown as printed; a statistic derived from them (a mean, a spread, a count)
is shown as computed from the data on the page, with the printed value quoted beside it where
the two differ beyond rounding (`values.stat_value`, `compare`); every difference is listed on the
reconciliation page (`audit`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import NamedTuple

from ...frames import records
from ...scoring.compare import Assessment
from ...scoring.score import Results
from ..inputs import Inputs
from ..models import DirectoryPage, Innovation, NoNotes, Page, Site
from ..report import has_report
from ..urls import (
    AUDIT_URL,
    COMPARE_URL,
    DIRECTORY_URL,
    DOWNLOADS_URL,
    HOME_URL,
    METHOD_URL,
    YEARS_URL,
    innovations_url,
    report_url,
    unit_url,
    year_url,
)
from ..values import Lookup, as_str, score_row
from ..values import innovations as every_innovation
from .audit import audit_page
from .compare import compare_page
from .directory import directory_page
from .downloads import downloads_page
from .field import field_page
from .home import home_page
from .innovations import INNOVATIONS_LISTED, innovations_page
from .method import method_page
from .ranking import ranking_page
from .report import report_page
from .unit import group_shown, unit_page
from .year import year_page
from .years import years_page


class Planned(NamedTuple):
    """A page to build: the `Site` field it belongs to, the function that builds it, its URL
    (known before it is built: the English edition links only to pages it has), and what it
    is made from (`inputs`), where that is less than the whole package."""

    kind: str
    build: Callable[[], Page]
    url: str = ""
    inputs: Callable[[], bytes] | None = None


# The kinds of page the English edition has (`/en/` + their URL), the data pages: not the
# reconciliation page, which quotes the Vietnamese documents line by line.
TRANSLATED = frozenset({"home", "years_index", "years", "rankings", "fields", "directory",
                        "units", "innovations", "downloads", "method"})


def edition(planned: list[Planned]) -> frozenset[str]:
    """The URLs of the pages that have an English counterpart."""
    return frozenset(p.url for p in planned if p.kind in TRANSLATED)


def plan(results: Results, found: Assessment | None = None) -> list[Planned]:
    """Every data page, in the order they are written, not built yet. The builders share one
    Lookup, whose caches fill as pages need them (in each process that builds some). `found`:
    the results' `assess`, when the caller has it."""
    lk = Lookup(results)
    made_of = Inputs(results)
    shown = partial(group_shown, lk)
    inns = every_innovation(results, lk)
    inns_by_unit: dict[str, list[Innovation]] = {}
    inns_by_year: dict[int, list[Innovation]] = {}
    for i in inns:
        inns_by_unit.setdefault(i.unit.id, []).append(i)
        inns_by_year.setdefault(i.year, []).append(i)
    inn_years = sorted(inns_by_year, reverse=True)

    def directory() -> DirectoryPage:
        latest = results.scores.sort_values("year").drop_duplicates("unit_id", keep="last")
        rows = {as_str(r["unit_id"]): score_row(r, lk, NoNotes()) for r in records(latest)}
        return directory_page(lk, rows, lk.sources(*[
            sid for yd in results.dataset.years.values() for sid in yd.scores["source_id"]]))

    return [
        Planned("home", partial(home_page, results, lk), HOME_URL),
        Planned("years_index", partial(years_page, results, lk), YEARS_URL),
        *[Planned("years", partial(year_page, results, lk, y, len(inns_by_year.get(y, []))),
                  year_url(y)) for y in results.years],
        *[Planned("reports", partial(report_page, results, lk, y, inns_by_year.get(y, [])),
                  report_url(y), partial(made_of.year, y))
          for y in results.years if has_report(lk, y)],
        *[Planned("rankings", partial(ranking_page, results, lk, y, g.id), g.url,
                  partial(made_of.year, y)) for y in results.years for g in lk.groups_of(y)],
        *[Planned("fields", partial(field_page, results, lk, y, f.id), f.url,
                  partial(made_of.year, y)) for y in results.years for f in lk.fields_of(y)],
        Planned("directory", directory, DIRECTORY_URL),
        *[Planned("units", partial(unit_page, results, lk, uid, inns_by_unit.get(uid, [])),
                  unit_url(uid), partial(made_of.unit, uid, shown)) for uid in lk.units.index],
        *[Planned("innovations", partial(innovations_page, lk, inns, None, inn_years),
                  innovations_url()) for _ in inns[:1]],  # none where there are none
        *[Planned("innovations", partial(innovations_page, lk, inns_by_year[y], y, inn_years),
                  innovations_url(y), partial(made_of.year, y)) for y in inn_years],
        Planned("downloads", partial(downloads_page, results, lk), DOWNLOADS_URL),
        Planned("method", partial(method_page, results, lk), METHOD_URL),
        Planned("audit", partial(audit_page, results, lk, found), AUDIT_URL),
        Planned("compare", partial(compare_page, results, lk), COMPARE_URL),
    ]


def site(results: Results) -> Site:
    """Every data page of the site, built."""
    kinds: dict[str, list[Page]] = {}
    for page in plan(results):
        kinds.setdefault(page.kind, []).append(page.build())
    one = {k: kinds[k][0] for k in ("home", "years_index", "directory", "downloads",
                                         "method", "audit", "compare")}
    many = {k: kinds.get(k, []) for k in ("years", "rankings", "fields", "units", "innovations",
                                          "reports")}
    return Site(**one, **many)  # type: ignore[arg-type]


__all__ = ["INNOVATIONS_LISTED", "TRANSLATED", "Planned", "edition", "plan", "site"]
