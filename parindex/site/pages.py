"""Every data page of the portal, built from `Results`: `site(results)` → `Site`.

Pure functions from scored data to the typed page models of `page_models` (re-exported here);
the site generator only hands them to templates, which only render. Model classes and URLs are
in `page_models`, rows and statistics in `page_values`.

Numbers stay numbers here (formatted by `fmt` in the templates); what a person must read in a
particular way (a rank "1/11", a sentence, a footnote) is made here. Where the source prints a
value and the data lets the portal recompute it, the printed value is shown and the recomputed
one goes to a numbered footnote of the page (`Notes`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import NamedTuple

import pandas as pd

from ..frames import records
from ..scoring.score import Results
from ..text import fold, vi_sort_key
from . import narrative
from .models import (
    HOME,
    PACKAGE_DIR,
    PACKAGE_ZIP,
    TEMPLATES_DIR,
    YEARS,
    Chart,
    DirectoryEntry,
    DirectoryPage,
    Download,
    DownloadsPage,
    FieldGroup,
    FieldOverview,
    FieldPage,
    FieldRow,
    GroupCard,
    HomePage,
    Innovation,
    InnovationsPage,
    NoNotes,
    Notes,
    Page,
    RankingPage,
    Ref,
    ScoreRow,
    Site,
    Source,
    UnitPage,
    UnitYear,
    Value,
    YearPage,
    YearsPage,
    field_results_url,
    group_url,
    innovations_url,
    results_url,
    year_url,
)
from .values import (
    Lookup,
    as_float,
    as_text,
    group_stats,
    indicators,
    innovations,
    printed,
    ranking_order,
    score_row,
    stat_value,
)

# ---- Page builders ----------------------------------------------------------------------------

def _crumbs(year: int | None = None) -> list[Ref]:
    out = [HOME, YEARS]
    if year is not None:
        out.append(Ref(str(year), f"Năm {year}", year_url(year)))
    return out


def _year_sources(results: Results, lk: Lookup, year: int, *tables: str) -> list[Source]:
    yd = results.dataset.years[year]
    ids = []
    for t in tables:
        ids += list(getattr(yd, t)["source_id"])
    return lk.sources(*ids)


MAX_BARS = 150  # a bar per agency stops being readable (and Vega's renderer overflows) beyond


def _group_chart(page_rows: list[ScoreRow], group: Ref, year: int) -> Chart | None:
    """Every agency's index as a bar; none for a group too large to read as bars (its table
    stays)."""
    if len(page_rows) > MAX_BARS or not any(r.index.value is not None for r in page_rows):
        return None
    rows = [{"label": r.unit.short_name, "index": r.index.value,
             "band_name": r.band.name if r.band else None,
             "band_order": r.band.order if r.band else None, "rank": r.rank}
            for r in page_rows]
    return Chart("group_index", "chi-so", f"Chỉ số CCHC năm {year}: {group.name}",
                 narrative.group_chart_alt(group.name, year, page_rows), rows, "bang-xep-hang")


def ranking_page(results: Results, lk: Lookup, year: int, gid: str) -> RankingPage:
    notes = Notes()
    group = lk.group(gid, year)
    df = results.year(year)
    stats = group_stats(results, lk, year, gid, notes)  # shown first on the page
    rows = ranking_order([score_row(r, lk, notes) for r in records(df[df["group_id"] == gid])])
    columns = []
    if any(r.max_score is not None for r in rows):
        columns.append("max_score")
    if any(v is not None for r in rows for v in r.components):
        columns.append("components")
    if any(r.total.value is not None for r in rows):
        columns.append("total")
    chart = _group_chart(rows, group, year)
    return RankingPage(
        url=group.url, template="ranking", title=f"{group.name}: Chỉ số CCHC năm {year}",
        lead=narrative.group_lead(group.name, year, stats),
        breadcrumbs=_crumbs(year), year=year, group=group, components=lk.components,
        columns=columns, rows=rows, stats=stats,
        inferred=any(r.rank_inferred for r in rows), bands=lk.bands(year),
        fields=lk.fields_of(year),
        sources=lk.sources(*df.loc[df["group_id"] == gid, "source_id"]),
        notes=notes.texts, charts=[chart] if chart else [],
        search_terms=fold(group.name))


FIELD_ROW_COLUMNS = ("year", "unit_id", "group_id", "field_id", "score", "max_score", "pct")


def _field_row(lk: Lookup, r: dict) -> FieldRow:
    """One agency's score in one field and year, with its group's mean (footnotes left out)."""
    year, gid, fid = int(r["year"]), r["group_id"], r["field_id"]
    summary = lk.field_summary(year, gid, fid)
    mean = stat_value(summary.mean if summary else None, printed(lk, year, gid, fid, "mean"),
                      None)
    return FieldRow(unit=lk.unit(r["unit_id"]), field=lk.field(fid, year),
                    score=as_float(r["score"]), max_score=as_float(r["max_score"]),
                    pct=as_float(r["pct"]), group_mean=mean)


def _field_tables(results: Results, lk: Lookup, year: int, fid: str) -> dict[str, pd.DataFrame]:
    """A year's scores in one field by agency group (the agency's group in units.csv), each in
    the order of the field page: highest percentage first, then score (a missing one counts as
    0), then name. Sorted by pandas once a year; a FieldRow is made only for what a page shows.
    """
    def make():
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
            out.setdefault(f, {})[g] = part
        return out
    return lk.cached(("field_tables", year), make).get(fid, {})


# A field page lists a group's agencies in full up to FIELD_TABLE_MAX; a larger group (a
# national portal's communes) shows its FIELD_TABLE_ENDS highest and lowest, and the full table
# is the year's field download and each agency's profile: eight fields × every agency × every
# year would be most of the site, and a page too heavy for a phone.
FIELD_TABLE_MAX = 200
FIELD_TABLE_ENDS = 10


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
        maxima = {as_float(x) for x in part["max_score"].tolist()}
        shown = (part if len(part) <= FIELD_TABLE_MAX
                 else pd.concat([part.head(FIELD_TABLE_ENDS), part.tail(FIELD_TABLE_ENDS)]))
        groups.append(FieldGroup(
            group=g, max_score=maxima.pop() if len(maxima) == 1 else None,
            rows=[_field_row(lk, r) for r in records(shown, FIELD_ROW_COLUMNS)],
            stats=group_stats(results, lk, year, g.id, notes, fid=fid), total=len(part)))
    overall = group_stats(results, lk, year, None, notes, fid=fid)
    return FieldPage(
        url=f.url, template="field", title=f"{f.name}: kết quả năm {year}",
        lead=narrative.field_lead(f.name, year, overall.mean, len(fs)),
        breadcrumbs=_crumbs(year), year=year, field=f, mean=overall.mean, groups=groups,
        other_fields=[x for x in lk.fields_of(year) if x.id != fid],
        sources=lk.sources(*fs["source_id"], *_field_max_sources(results, year, fid)),
        notes=notes.texts, search_terms=fold(f.name))


def _field_max_sources(results: Results, year: int, fid: str) -> list[str]:
    fm = results.dataset.years[year].field_maxima
    return list(fm.loc[fm["field_id"] == fid, "source_id"])


def _field_mean(lk: Lookup, year: int, gid: str | None, fid: str, notes: Notes) -> Value:
    summary = lk.field_summary(year, gid, fid)
    return stat_value(summary.mean if summary else None, printed(lk, year, gid, fid, "mean"),
                       notes)


def year_page(results: Results, lk: Lookup, year: int, n_innovations: int) -> YearPage:
    notes = Notes()
    groups = [group_stats(results, lk, year, g.id, notes) for g in lk.groups_of(year)]
    stats = group_stats(results, lk, year, None, notes)
    fields = []
    chart_rows = []
    for f in lk.fields_of(year):
        means = [_field_mean(lk, year, g.group.id, f.id, notes) for g in groups]
        change = stat_value(lk.stats.mean_change(year, None, f.id),
                            printed(lk, year, None, f.id, "mean_change"), notes)
        fields.append(FieldOverview(field=f, mean=_field_mean(lk, year, None, f.id, notes),
                                    group_means=means, mean_change=change))
        order = lk.field_order[f.id]
        chart_rows += [{"field": f.short_name, "order": order, "group": g.group.short_name,
                        "mean": m.value} for g, m in zip(groups, means, strict=True)
                       if m.value is not None]
    charts = []
    if chart_rows:
        charts.append(Chart("field_means", "linh-vuc",
                            f"Giá trị trung bình theo lĩnh vực và nhóm, năm {year}",
                            narrative.field_chart_alt(year, fields, groups), chart_rows,
                            "bang-linh-vuc"))
    yd = results.dataset.years[year]
    return YearPage(
        url=year_url(year), template="year", title=f"Chỉ số CCHC năm {year}",
        lead=narrative.year_lead(year, stats), breadcrumbs=_crumbs(),
        year=year, stats=stats, groups=groups, bands=lk.bands(year), fields=fields,
        indicators=[i for i in indicators(results, lk, None) if i.year == year],
        innovations=n_innovations, years=results.years,
        sources=lk.sources(*yd.scores["source_id"], *yd.published_stats["source_id"],
                           *yd.field_scores["source_id"]),
        notes=notes.texts, charts=charts)


def unit_page(results: Results, lk: Lookup, uid: str, inns: list[Innovation]) -> UnitPage:
    notes = Notes()
    u = _unit_records(lk)[uid]
    unit = lk.unit(uid)
    scores = sorted(lk.rows_of("scores", results.scores, uid), key=lambda r: r["year"])
    history = [UnitYear(row=score_row(r, lk, notes), ranking_url=group_url(int(r["year"]),
                                                                             r["group_id"]))
               for r in scores]
    latest_fields, field_sources = _unit_fields(results, lk)
    fs = latest_fields.get(uid, [])
    fields_year = int(fs[0]["year"]) if fs else None
    frows = [_field_row(lk, r) for r in fs]
    charts = []
    if any(r.pct is not None for r in frows):
        rows = [{"field": r.field.short_name,
                 "order": lk.field_order[r.field.id],
                 "pct": r.pct, "group_mean": r.group_mean.value}
                for r in frows if r.pct is not None]
        charts.append(Chart("unit_fields", "linh-vuc",
                            f"Tỷ lệ điểm theo lĩnh vực năm {fields_year} so với trung bình nhóm",
                            narrative.unit_fields_alt(unit.name, fields_year, frows), rows,
                            "bang-linh-vuc"))
    known = [h for h in history if h.row.index.value is not None]
    if known:
        charts.append(Chart("unit_history", "qua-cac-nam", "Chỉ số CCHC qua các năm",
                            narrative.history_alt(unit.name, known),
                            [{"year": h.row.year, "index": h.row.index.value} for h in known],
                            "bang-qua-cac-nam"))
    inds = indicators(results, lk, uid)
    successor = as_text(u["successor_id"])
    ids = [r["source_id"] for r in scores] + field_sources.get(uid, [])
    ids += [i.source.id for i in inns + inds if i.source]
    latest = history[-1] if history else None
    group = lk.group(u["group_id"])
    return UnitPage(
        url=unit.url, template="unit", title=unit.name,
        lead=narrative.unit_lead(unit.name, group.name, latest.row if latest else None),
        breadcrumbs=[HOME, Ref("don-vi", "Cơ quan, đơn vị", "don-vi/")],
        unit=unit, group=group,
        aliases=[a for a in (as_text(u["aliases"]) or "").split("|") if a],
        active=_active(u), successor=lk.unit(successor) if successor else None,
        remark=as_text(u["note"]), latest=latest, history=history, components=lk.components,
        fields_year=fields_year, fields=frows, innovations=inns, indicators=inds,
        sources=lk.sources(*ids), notes=notes.texts, charts=charts,
        search_terms=fold(" ".join([unit.name, unit.short_name, as_text(u["aliases"]) or ""])
                          .replace("|", " ")))


def _unit_fields(results: Results, lk: Lookup) -> tuple[dict[str, list[dict]],
                                                          dict[str, list[str]]]:
    """By agency: its field scores of the latest year it has any, and the sources of all its
    field scores. Made once for all profiles, which show only that year (every year's rows as
    dicts were a fifth of the page models' time at national size)."""
    def make():
        fs = results.fields
        latest = fs[fs["year"] == fs.groupby("unit_id")["year"].transform("max")]
        rows: dict[str, list[dict]] = {}
        for r in records(latest, FIELD_ROW_COLUMNS):
            rows.setdefault(r["unit_id"], []).append(r)
        sources: dict[str, list[str]] = {}
        for uid, sid in fs[["unit_id", "source_id"]].drop_duplicates().itertuples(index=False):
            sources.setdefault(uid, []).append(sid)
        return rows, sources
    return lk.cached("unit_fields", make)


def _unit_records(lk: Lookup) -> dict[str, dict]:
    return lk.cached("unit_records", lambda: dict(zip(lk.units.index, records(lk.units),
                                                       strict=True)))


def _active(u: dict) -> str:
    start, end = as_float(u["active_from"]), as_float(u["active_to"])
    if start and end:
        return f"hoạt động từ năm {int(start)} đến năm {int(end)}"
    if end:
        return f"hoạt động đến năm {int(end)}"
    if start:
        return f"hoạt động từ năm {int(start)}"
    return ""


def directory_page(lk: Lookup, latest_rows: dict[str, ScoreRow], sources: list[Source]
                   ) -> DirectoryPage:
    entries = [DirectoryEntry(unit=lk.unit(uid), group=lk.group(u["group_id"]),
                              latest=latest_rows.get(uid), active=_active(u))
               for uid, u in _unit_records(lk).items()]
    entries.sort(key=lambda e: vi_sort_key(e.unit.name))
    return DirectoryPage(
        url="don-vi/", template="directory", title="Cơ quan, đơn vị",
        lead=narrative.directory_lead(len(entries)), breadcrumbs=[HOME], entries=entries,
        groups=[lk.group(g) for g in lk.groups_df["group_id"]], sources=sources)


# The page of every year's innovations lists them all up to INNOVATIONS_LISTED; beyond (a
# national portal: thousands a year) it gives the count of each year, and each year's page
# lists that year's.
INNOVATIONS_LISTED = 1000


def innovations_page(lk: Lookup, items: list[Innovation], year: int | None,
                     years: list[int]) -> InnovationsPage:
    def grouped(key) -> dict:
        out: dict = {}
        for i in items:
            out.setdefault(key(i), []).append(i)
        return out
    per_year, per_unit = grouped(lambda i: i.year), grouped(lambda i: i.unit)
    by_year = sorted(per_year.items(), reverse=True)
    title = "Sáng kiến cải cách hành chính" + (f" năm {year}" if year else "")
    sources = lk.sources(*[i.source.id for i in items if i.source])
    crumbs = [HOME] + ([Ref("sang-kien", "Sáng kiến", innovations_url())] if year else [])
    page = dict(url=innovations_url(year), template="innovations", title=title,
                lead=narrative.innovations_lead(len(items), year, len(per_unit)),
                breadcrumbs=crumbs, year=year, years=years, sources=sources,
                counts=[(y, len(v)) for y, v in by_year])
    if year is None and len(items) > INNOVATIONS_LISTED:  # the counts only, linking each year
        return InnovationsPage(**page, items=[], by_year=[], by_unit=[], by_field=[],
                               no_field=0, listed=False, search_terms="")
    per_field = grouped(lambda i: i.field.id if i.field else None)
    units = sorted(per_unit, key=lambda u: vi_sort_key(u.name))
    fields = [lk.field(f) for f in lk.fields_df["field_id"]]
    return InnovationsPage(
        **page, items=items, by_year=by_year, by_unit=[(u, per_unit[u]) for u in units],
        by_field=[(f, per_field[f.id]) for f in fields if f.id in per_field],
        no_field=sum(i.field is None for i in items), listed=True,
        search_terms=" ".join(dict.fromkeys(fold(s) for i in items for s in (i.title,
                                                                             i.unit.name))))


def downloads_page(results: Results, lk: Lookup) -> DownloadsPage:
    ds = results.dataset
    years = []
    for y in sorted(results.years, reverse=True):
        files = [(f"Kết quả năm {y}", [Download(results_url(y, e), f"Kết quả năm {y}", e.upper())
                                       for e in ("csv", "json")]),
                 (f"Điểm theo lĩnh vực năm {y}",
                  [Download(field_results_url(y, e), f"Điểm theo lĩnh vực năm {y}", e.upper())
                   for e in ("csv", "json")])]
        years.append((y, files))
    package = [Download(PACKAGE_DIR + "datapackage.json", "Mô tả gói dữ liệu", "JSON",
                        "datapackage.json (Frictionless Data Package)")]
    for res in ds.descriptor.get("resources", []):
        package.append(Download(PACKAGE_DIR + res["path"], res.get("title") or res["name"],
                                "CSV", res["path"]))
    for name in sorted(ds.schemas):
        package.append(Download(PACKAGE_DIR + f"schemas/{name}.json", f"Mô tả bảng {name}",
                                "JSON", f"schemas/{name}.json"))
    ids = [s for y in ds.years.values() for s in y.scores["source_id"]]
    return DownloadsPage(
        url="du-lieu/", template="downloads", title="Dữ liệu",
        lead=narrative.downloads_lead(), breadcrumbs=[HOME], years=years, package=package,
        package_zip=Download(PACKAGE_ZIP, "Toàn bộ gói dữ liệu", "ZIP"),
        templates=[Download(TEMPLATES_DIR + f"{name}.csv", f"Mẫu {name}.csv", "CSV", name)
                   for name in ds.schemas],
        title_package=ds.descriptor.get("title", ""), sources=lk.sources(*ids))


def home_page(results: Results, lk: Lookup) -> HomePage:
    notes = Notes()
    year = results.latest_year
    if year is None:
        return HomePage(url="", template="home", title="Chỉ số cải cách hành chính",
                        year=None, stats=None, groups=[], bands=[])
    stats = group_stats(results, lk, year, None, notes)
    cards = []
    df = results.year(year)
    for g in lk.groups_of(year):
        rows = ranking_order([score_row(r, lk, NoNotes())
                              for r in records(df[df["group_id"] == g.id])])
        summary = lk.index_summary(year, g.id)
        mean = stat_value(summary.mean if summary else None,
                           printed(lk, year, g.id, None, "mean"), notes)
        cards.append(GroupCard(group=g, n=len(rows), mean=mean,
                               top=[r for r in rows if r.rank is not None][:3]))
    return HomePage(url="", template="home", title="Chỉ số cải cách hành chính",
                    lead=narrative.year_lead(year, stats), year=year, stats=stats, groups=cards,
                    bands=lk.bands(year), notes=notes.texts,
                    sources=lk.sources(*df["source_id"]))


def years_page(results: Results, lk: Lookup) -> YearsPage:
    rows = []
    for y in sorted(results.years, reverse=True):
        s = group_stats(results, lk, y, None, NoNotes())
        rows.append((y, s.n, s.mean))
    ids = [sid for yd in results.dataset.years.values() for sid in yd.scores["source_id"]]
    province = indicators(results, lk, None)
    ids += [i.source.id for i in province if i.source]
    return YearsPage(url="chi-so/", template="years", title="Chỉ số CCHC qua các năm",
                     breadcrumbs=[HOME], years=rows, indicators=province,
                     sources=lk.sources(*ids))


class Planned(NamedTuple):
    """A page to build: the `Site` field it belongs to, the length of the list that makes
    its rendering grow with the data (a ranking's agencies, a year's innovations, the
    directory's agencies; 1 for the other pages), and the function that builds it."""

    kind: str
    rows: int
    build: Callable[[], Page]


def plan(results: Results) -> list[Planned]:
    """Every data page, in the order they are written, not built yet: two processes can each
    build and write part of them (the builders share one Lookup, whose caches each process
    fills as it needs them)."""
    lk = Lookup(results)
    inns = innovations(results, lk)
    inns_by_unit: dict[str, list[Innovation]] = {}
    inns_by_year: dict[int, list[Innovation]] = {}
    for i in inns:
        inns_by_unit.setdefault(i.unit.id, []).append(i)
        inns_by_year.setdefault(i.year, []).append(i)
    inn_years = sorted(inns_by_year, reverse=True)
    group_sizes = results.scores.groupby(["year", "group_id"]).size().to_dict()

    def directory() -> DirectoryPage:
        latest = results.scores.sort_values("year").drop_duplicates("unit_id", keep="last")
        rows = {r["unit_id"]: score_row(r, lk, NoNotes()) for r in records(latest)}
        return directory_page(lk, rows, lk.sources(*[
            sid for yd in results.dataset.years.values() for sid in yd.scores["source_id"]]))

    return [
        Planned("home", 1, partial(home_page, results, lk)),
        Planned("years_index", 1, partial(years_page, results, lk)),
        *[Planned("years", 1, partial(year_page, results, lk, y, len(inns_by_year.get(y, []))))
          for y in results.years],
        *[Planned("rankings", group_sizes[(y, g.id)], partial(ranking_page, results, lk, y, g.id))
          for y in results.years for g in lk.groups_of(y)],
        *[Planned("fields", 1, partial(field_page, results, lk, y, f.id)) for y in results.years
          for f in lk.fields_of(y)],
        Planned("directory", len(lk.units), directory),
        *[Planned("units", 1, partial(unit_page, results, lk, uid, inns_by_unit.get(uid, [])))
          for uid in lk.units.index],
        Planned("innovations", len(inns) if len(inns) <= INNOVATIONS_LISTED else 1,
                partial(innovations_page, lk, inns, None, inn_years)),
        *[Planned("innovations", len(inns_by_year[y]),
                  partial(innovations_page, lk, inns_by_year[y], y, inn_years))
          for y in inn_years],
        Planned("downloads", 1, partial(downloads_page, results, lk)),
    ]


def halves(planned: list[Planned]) -> tuple[list[int], list[int]]:
    """Positions of the pages for each of two processes, so that both take about as long:
    alternately, from the page with the most rows down (the largest groups' rankings are
    ten times the smallest's)."""
    heaviest_first = sorted(range(len(planned)), key=lambda i: -planned[i].rows)
    return sorted(heaviest_first[0::2]), sorted(heaviest_first[1::2])


def site(results: Results) -> Site:
    """Every data page of the site."""
    kinds: dict[str, list[Page]] = {}
    for page in plan(results):
        kinds.setdefault(page.kind, []).append(page.build())
    one = {k: kinds[k][0] for k in ("home", "years_index", "directory", "downloads")}
    many = {k: kinds.get(k, []) for k in ("years", "rankings", "fields", "units", "innovations")}
    return Site(**one, **many)
