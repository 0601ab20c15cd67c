"""An agency's profile (`don-vi/<unit>/`)."""

from __future__ import annotations

from hashlib import sha256

from ...frames import records
from ...scoring.score import Results
from ...text import fold
from .. import narrative
from ..charts import unit_fields, unit_history
from ..models import (
    DIRECTORY,
    HOME,
    FieldRow,
    Innovation,
    NavLink,
    Notes,
    PeerRow,
    Peers,
    UnitPage,
    UnitYear,
    Value,
)
from ..urls import (
    compare_url,
    group_url,
)
from ..values import (
    FIELD_ROW_COLUMNS,
    Lookup,
    Record,
    active_text,
    as_int,
    as_str,
    as_text,
    field_row,
    indicators,
    score_row,
    shown_stats,
    unit_records,
)


def unit_page(results: Results, lk: Lookup, uid: str, inns: list[Innovation]) -> UnitPage:
    notes = Notes()
    u = unit_records(lk)[uid]
    unit = lk.unit(uid)
    scores = sorted(lk.rows_of("scores", results.scores, uid), key=lambda r: as_int(r["year"]))
    history = [UnitYear(row=score_row(r, lk, notes),
                        ranking_url=group_url(as_int(r["year"]), as_str(r["group_id"])))
               for r in scores]
    latest_fields, field_sources = _unit_fields(results, lk)
    fs = latest_fields.get(uid, [])
    fields_year = as_int(fs[0]["year"]) if fs else None
    frows = [field_row(lk, r) for r in fs]
    charts = [c for c in (unit_fields.chart(unit.name, fields_year, frows, lk.field_order),
                          unit_history.chart(unit.name, history, lk.scale)) if c]
    inds = indicators(results, lk, uid)
    successor = as_text(u["successor_id"])
    ids = [r["source_id"] for r in scores] + field_sources.get(uid, [])
    ids += [i.source.id for i in inns + inds if i.source]
    ids.append(u.get("source_id"))  # of its dates and successor (an optional column)
    latest = history[-1] if history else None
    group = lk.group(as_str(u["group_id"]))
    return UnitPage(
        url=unit.url, template="unit", title=unit.name,
        lead=narrative.unit_lead(unit.name, group.name, latest.row if latest else None,
                                lk.scale),
        breadcrumbs=[HOME, DIRECTORY],
        unit=unit, group=group,
        aliases=[a for a in (as_text(u["aliases"]) or "").split("|") if a],
        active=active_text(u), successor=lk.unit(successor) if successor else None,
        remark=as_text(u["note"]), latest=latest, history=history, components=lk.components,
        fields_year=fields_year, fields=frows, innovations=inns, indicators=inds,
        peers=_peers(lk, latest, frows, fields_year),
        compare=NavLink(narrative.compare_with_others(lk.scale), compare_url([uid]))
        if latest else None,
        sources=lk.sources(*ids), notes=notes.texts, charts=charts,
        search_terms=fold(" ".join([unit.name, unit.short_name, as_text(u["aliases"]) or ""])
                          .replace("|", " ")))


def group_shown(lk: Lookup, year: int, gid: str) -> str:
    """What a profile shows of its group in a year besides its own rows: the group's statistics
    of the index and of each field, as the page has them (rounded, `shown_stats`). A profile is
    made from these and its own rows (`Inputs.unit`): one changed score rebuilds the profiles
    whose own rows it changes (its agency's, those whose rank it moves) and, only where it moves
    a statistic as shown, the rest of the group."""
    return lk.cached(("group_shown", year, gid), lambda: sha256(repr(
        [shown_stats(lk, year, gid, fid) for fid in [None, *[f.id for f in lk.fields_of(year)]]]
    ).encode()).hexdigest())


def _unit_fields(results: Results, lk: Lookup) -> tuple[dict[str, list[Record]],
                                                          dict[str, list[str]]]:
    """By agency: its field scores of the latest year it has any, and the sources of all its
    field scores. Made once for all profiles, which show only that year (every year's rows as
    dicts were a fifth of the page models' time at national size)."""
    def make() -> tuple[dict[str, list[Record]], dict[str, list[str]]]:
        fs = results.fields
        latest = fs[fs["year"] == fs.groupby("unit_id")["year"].transform("max")]
        rows: dict[str, list[Record]] = {}
        for r in records(latest, FIELD_ROW_COLUMNS):
            rows.setdefault(as_str(r["unit_id"]), []).append(r)
        sources: dict[str, list[str]] = {}
        for uid, sid in fs[["unit_id", "source_id"]].drop_duplicates().itertuples(index=False):
            sources.setdefault(uid, []).append(sid)
        return rows, sources
    return lk.cached("unit_fields", make)


def _peers(lk: Lookup, latest: UnitYear | None, fields: list[FieldRow],
           fields_year: int | None) -> Peers | None:
    """The agency's latest year beside its group's mean and highest: the index, and each field
    where its field scores are of that year and any of the three is known (a field without a
    maximum has no percentage at all: the profile's field table gives its score). The group's
    statistics are those its ranking and field pages show (`shown_stats`)."""
    if latest is None:
        return None
    row = latest.row
    year, gid = row.year, row.group.id
    index = shown_stats(lk, year, gid)
    rows = [PeerRow(label=lk.scale.name, kind="index", own=row.index, mean=index.mean,
                    best=index.highest, url=latest.ranking_url)]
    if fields_year == year:
        for f in fields:
            best = shown_stats(lk, year, gid, f.field.id).highest
            if f.pct is not None or f.group_mean.value is not None or best.value.value is not None:
                rows.append(PeerRow(label=f.field.name, kind="pct",
                                    own=Value(f.pct, "computed" if f.pct is not None else ""),
                                    mean=f.group_mean, best=best, url=f.field.url))
    return Peers(year=year, group=row.group, rows=rows,
                 caption=narrative.peers_caption(row.unit.name, row.group.name, year))
