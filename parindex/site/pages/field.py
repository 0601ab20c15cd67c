"""One field across agencies in a year (`chi-so/<year>/linh-vuc/<field>/`)."""

from __future__ import annotations

import pandas as pd

from ...data.validate import PLACES
from ...frames import records
from ...i18n import t
from ...scoring.score import Results
from ...text import fold, vi_sort_key
from .. import narrative
from ..models import (
    FieldGroup,
    FieldPage,
    Notes,
)
from ..urls import field_results_url
from ..values import (
    FIELD_ROW_COLUMNS,
    Lookup,
    as_number,
    as_str,
    crumbs,
    field_row,
    group_stats,
)


def _field_tables(results: Results, lk: Lookup, year: int, fid: str) -> dict[str, pd.DataFrame]:
    """A year's scores in one field by agency group (the agency's group in units.csv), each in
    the order of the field page: highest percentage first, then score (a missing one counts as
    0), then name. Sorted by pandas once a year; a FieldRow is made only for what a page shows.
    """
    def make() -> dict[str, dict[str, pd.DataFrame]]:
        names = lk.cached("name_order", lambda: {uid: i for i, uid in enumerate(sorted(
            lk.units.index, key=lambda u: vi_sort_key(lk.unit(u).name)))})
        fs = results.fields
        df = fs[fs["year"] == year]
        df = df.assign(_group=df["unit_id"].map(lk.units["group_id"]),
                       _nopct=df["pct"].isna(), _pct=df["pct"].fillna(0),
                       _score=df["score"].fillna(0), _name=df["unit_id"].map(names))
        df = df.sort_values(["_nopct", "_pct", "_score", "_name"],
                            ascending=[True, False, False, True], kind="stable")
        out: dict[str, dict[str, pd.DataFrame]] = {}
        for (f, g), part in df.groupby(["field_id", "_group"], sort=False):
            out.setdefault(as_str(f), {})[as_str(g)] = part
        return out
    return lk.cached(("field_tables", year), make).get(fid, {})


# A field page lists a group's agencies in full up to FIELD_TABLE_MAX; a larger group (a
# national portal's communes) shows its FIELD_TABLE_ENDS highest and lowest, and the full table
# is the year's field download and each agency's profile: eight fields × every agency × every
# year would be most of the site, and a page too heavy for a phone.
FIELD_TABLE_MAX = 200


FIELD_TABLE_ENDS = 10
MAX_COLUMNS = ("max_score", "max_score" + PLACES)


def field_page(results: Results, lk: Lookup, year: int, fid: str) -> FieldPage:
    notes = Notes()
    f = lk.field(fid, year)
    by_group = _field_tables(results, lk, year, fid)
    fs = pd.concat(by_group.values()).sort_index() if by_group else results.fields.iloc[:0]
    groups = []
    for g in lk.groups_of(year):
        part = by_group.get(g.id)
        if part is None:
            continue
        maxima = {as_number(r, "max_score") for r in records(part, MAX_COLUMNS)}
        ends = 0 if len(part) <= FIELD_TABLE_MAX else FIELD_TABLE_ENDS
        shown = pd.concat([part.head(ends), part.tail(ends)]) if ends else part
        rows = [field_row(lk, r) for r in records(shown, FIELD_ROW_COLUMNS)]
        groups.append(FieldGroup(
            group=g, max_score=maxima.pop() if len(maxima) == 1 else None, rows=rows,
            ends=ends, by_pct=any(r.pct is not None for r in rows),
            stats=group_stats(lk, year, g.id, notes, fid=fid), total=len(part)))
    overall = group_stats(lk, year, None, notes, fid=fid)
    return FieldPage(
        url=f.url, template="field",
        title=t("{field}: kết quả năm {year}", field=f.name, year=year),
        lead=narrative.field_lead(f.name, year, overall.mean, len(fs)),
        breadcrumbs=crumbs(year), year=year, field=f, mean=overall.mean, groups=groups,
        other_fields=[x for x in lk.fields_of(year) if x.id != fid],
        csv_url=field_results_url(year, "csv"),
        sources=lk.sources(*fs["source_id"], *_field_max_sources(results, year, fid)),
        notes=notes.texts, search_terms=fold(f.name))


def _field_max_sources(results: Results, year: int, fid: str) -> list[str]:
    fm = results.dataset.years[year].field_maxima
    return list(fm.loc[fm["field_id"] == fid, "source_id"])
