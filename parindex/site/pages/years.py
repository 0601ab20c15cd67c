"""The years page (`chi-so/`): every year's mean, and the province's own figures."""

from __future__ import annotations

from ...i18n import t
from ...scoring.score import Results
from ..models import (
    HOME,
    NoNotes,
    YearsPage,
    YearSummary,
)
from ..urls import YEARS_URL, year_url
from ..values import (
    Lookup,
    group_stats,
    indicators,
)


def years_page(results: Results, lk: Lookup) -> YearsPage:
    rows = []
    for y in sorted(results.years, reverse=True):
        s = group_stats(lk, y, None, NoNotes())
        rows.append(YearSummary(y, year_url(y), s.n, s.mean, s.published))
    ids = [sid for yd in results.dataset.years.values() for sid in yd.scores["source_id"]]
    province = indicators(results, lk, None)
    ids += [i.source.id for i in province if i.source]
    return YearsPage(url=YEARS_URL, template="years", title=t("Chỉ số CCHC qua các năm"),
                     breadcrumbs=[HOME], years=rows, indicators=province,
                     sources=lk.sources(*ids))
