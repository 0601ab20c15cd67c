"""The home page: the latest year at a glance."""

from __future__ import annotations

from ...frames import records
from ...i18n import t
from ...scoring.score import Results
from .. import narrative
from ..charts import mean_trend
from ..models import (
    GroupCard,
    HomePage,
    NoNotes,
    Notes,
)
from ..urls import HOME_URL, year_url
from ..values import (
    Lookup,
    group_stats,
    printed,
    published,
    ranking_order,
    score_row,
    stat_value,
    trend,
)


def home_page(results: Results, lk: Lookup) -> HomePage:
    notes = Notes()
    year = results.latest_year
    if year is None:
        return HomePage(url=HOME_URL, template="home", title=t("Chỉ số cải cách hành chính"),
                        year=None, year_url="", stats=None, groups=[], bands=[])
    stats = group_stats(lk, year, None, notes)
    cards = []
    df = results.year(year)
    for g in lk.groups_of(year):
        rows = ranking_order([score_row(r, lk, NoNotes())
                              for r in records(df[df["group_id"] == g.id])])
        summary = lk.stats.index(year, g.id)
        mean = stat_value(summary.mean if summary else None,
                          printed(lk, year, g.id, None, "mean"), notes)
        top = [r for r in rows if r.rank is not None and not r.rank_inferred
               and r.index.value is not None][:3]  # only published (or computed) values
        highest = None if top else group_stats(lk, year, g.id, NoNotes()).highest
        cards.append(GroupCard(group=g, n=len(rows), mean=mean, top=top,
                               published=published(lk, len(rows),
                                                   summary.members if summary else 0),
                               highest=highest if highest and highest.value.value is not None
                               and highest.units else None))
    points = trend(lk, None, t("Tất cả {members}", members=lk.scale.members))
    chart = mean_trend.chart(t("{index} trung bình qua các năm", index=lk.scale.name), points,
                             lk.scale)
    return HomePage(url=HOME_URL, template="home", title=t("Chỉ số cải cách hành chính"),
                    charts=[chart] if chart else [], trend=points if chart else [],
                    lead=narrative.year_lead(year, stats, lk.scale), year=year,
                    year_url=year_url(year),
                    has_fields=year in results.field_years,
                    stats=stats, groups=cards,
                    bands=lk.bands(year), notes=notes.texts,
                    sources=lk.sources(*df["source_id"]))
