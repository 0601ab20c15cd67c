"""The methodology page (`phuong-phap/`): how the index is computed, from the data package.

The formula, the score components, the agency groups, the fields and every period's bands
are the package's own, so that another province's page is right without an edit; the editors'
Markdown (`content/phuong-phap.md`, optional) is shown with them for what data cannot say.
"""

from __future__ import annotations

from ...fmt import is_missing
from ...i18n import t
from ...scoring.score import Results
from .. import narrative
from ..models import HOME, BandPeriod, MethodPage
from ..urls import METHOD_URL
from ..values import Lookup, as_int


def method_page(results: Results, lk: Lookup) -> MethodPage:
    ds = results.dataset
    periods = []
    for (start, end), _ in ds.bands.groupby(["year_from", "year_to"], dropna=False, sort=True):
        if not is_missing(start):
            last = None if is_missing(end) else as_int(end)
            periods.append(BandPeriod(narrative.years_span(as_int(start), last),
                                      lk.bands(as_int(start))))
    year = results.latest_year
    ranked = {g.id for g in lk.groups_of(year)} if year is not None else set()
    scored = {f.id for f in lk.fields_of(year)} if year is not None else set()
    return MethodPage(
        url=METHOD_URL, template="method", title=t("Phương pháp"),
        lead=narrative.method_lead(ds.scale), breadcrumbs=[HOME],
        formula=narrative.formula(ds.scale, [c.name for c in lk.components]),
        components=lk.components if len(lk.components) > 1 else [],
        groups=[lk.group(g, year if g in ranked else None) for g in lk.groups_df["group_id"]],
        fields=[lk.field(f, year if f in scored else None) for f in lk.fields_df["field_id"]],
        band_periods=periods, sources=lk.sources(*ds.bands.get("source_id", [])))
