"""A group's ranking table in a year (`chi-so/<year>/<group>/`)."""

from __future__ import annotations

from ...frames import records
from ...i18n import t
from ...scoring.score import Results
from ...text import fold
from .. import narrative
from ..charts import group_index
from ..models import (
    NavLink,
    Notes,
    RankingPage,
)
from ..urls import compare_url, results_url
from ..values import (
    Lookup,
    crumbs,
    group_stats,
    ranking_order,
    score_row,
)


def ranking_page(results: Results, lk: Lookup, year: int, gid: str) -> RankingPage:
    notes = Notes()
    group = lk.group(gid, year)
    df = results.year(year)
    stats = group_stats(lk, year, gid, notes)  # shown first on the page
    rows = ranking_order([score_row(r, lk, notes) for r in records(df[df["group_id"] == gid])])
    columns = []
    if any(r.max_score is not None for r in rows):
        columns.append("max_score")
    if len(lk.components) > 1 and any(v is not None for r in rows for v in r.components):
        columns.append("components")
    if lk.scale.percent and any(r.total.value is not None for r in rows):  # points: the index
        columns.append("total")
    if any(r.index_change is not None for r in rows):
        columns.append("change")
    chart = group_index.chart(rows, group, year, lk.bands(year), lk.scale)
    inferred = any(r.rank_inferred for r in rows)
    leaders = [r.unit.id for r in rows if r.index.value is not None][:3]
    notice = narrative.unpublished_notice(
        stats, lk.scale, lk.scale.percent and "max_score" not in columns, inferred)
    return RankingPage(
        url=group.url, template="ranking",
        title=t("{group}: Chỉ số CCHC năm {year}", group=group.name, year=year),
        lead=narrative.group_lead(group.name, year, stats, lk.scale),
        breadcrumbs=crumbs(year), year=year, group=group, components=lk.components,
        columns=columns, rows=rows, stats=stats,
        inferred=inferred, notice=notice, bands=lk.bands(year),
        fields=lk.fields_of(year), csv_url=results_url(year, "csv"),
        compare=NavLink(narrative.compare_leaders(len(leaders), lk.scale),
                        compare_url(leaders)) if len(leaders) > 1 else None,
        sources=lk.sources(*df.loc[df["group_id"] == gid, "source_id"]),
        notes=notes.texts, charts=[chart] if chart else [],
        search_terms=fold(group.name))
