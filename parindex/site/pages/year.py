"""A year's overview (`chi-so/<year>/`): statistics, groups, bands and fields."""

from __future__ import annotations

from ...i18n import t
from ...scoring.score import Results
from .. import narrative
from ..charts import field_means, mean_trend
from ..models import (
    FieldOverview,
    NavLink,
    Notes,
    Value,
    YearPage,
)
from ..report import has_report
from ..urls import (
    innovations_url,
    report_url,
    results_url,
    year_url,
)
from ..values import (
    Lookup,
    crumbs,
    group_stats,
    indicators,
    later,
    printed,
    stat_value,
    trend,
)


def _field_mean(lk: Lookup, year: int, gid: str | None, fid: str, notes: Notes) -> Value:
    summary = lk.stats.field(year, gid, fid)
    return stat_value(summary.mean if summary else None, printed(lk, year, gid, fid, "mean"),
                       notes)


def year_page(results: Results, lk: Lookup, year: int, n_innovations: int) -> YearPage:
    notes = Notes()
    groups = [group_stats(lk, year, g.id, notes) for g in lk.groups_of(year)]
    stats = group_stats(lk, year, None, notes)
    fields = []
    for f in lk.fields_of(year):
        means = [_field_mean(lk, year, g.group.id if g.group else None, f.id, notes)
                 for g in groups]
        change = stat_value(lk.stats.mean_change(year, None, f.id),
                            printed(lk, year, None, f.id, "mean_change"), notes)
        fields.append(FieldOverview(field=f, mean=_field_mean(lk, year, None, f.id, notes),
                                    group_means=means, mean_change=change))
    chart = field_means.chart(year, fields, groups, lk.field_order)
    points = [p for g in groups if g.group
              for p in trend(lk, g.group.id, g.group.short_name or g.group.name)]
    trend_chart = mean_trend.chart(
        t("{index} trung bình của các nhóm qua các năm", index=lk.scale.name), points, lk.scale)
    yd = results.dataset.years[year]
    return YearPage(
        url=year_url(year), template="year", title=t("Chỉ số CCHC năm {year}", year=year),
        lead=narrative.year_lead(year, stats, lk.scale), breadcrumbs=crumbs(),
        year=year, stats=stats, groups=groups, bands=lk.bands(year), fields=fields,
        indicators=[i for i in indicators(results, lk, None) if i.year == year],
        innovations=n_innovations, innovations_url=innovations_url(year),
        csv_url=results_url(year, "csv"), json_url=results_url(year, "json"),
        year_links=[NavLink(str(y), year_url(y), y == year) for y in results.years]
        if len(results.years) > 1 else [],
        sources=lk.sources(*yd.scores["source_id"], *yd.published_stats["source_id"],
                           *yd.field_scores["source_id"], *lk.band_sources(year)),
        notes=notes.texts, charts=[c for c in (chart, trend_chart) if c],
        trend=points if trend_chart else [], later=later(lk, year),
        report_url=report_url(year) if has_report(lk, year) else "")
