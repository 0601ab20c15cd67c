"""Page models: what each data page of the portal shows, built from `Results`.

Pure functions from scored data to typed, documented dataclasses; the site generator only hands
them to templates, which only render. URLs are site-relative and directory style
("chi-so/2023/huyen/"); templates put the site's root in front.

Numbers stay numbers here (formatted by `fmt` in the templates); what a person must read in a
particular way (a rank "1/11", a sentence, a footnote) is made here. Where the source prints a
value and the data lets the portal recompute it, the printed value is shown and the recomputed
one goes to a numbered footnote of the page (`Notes`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from . import bands as bandlib
from . import narrative
from .fmt import MISSING, auto, is_missing, rounded
from .score import Results
from .stats import Summary, field_summaries, index_summaries
from .text import fold, vi_sort_key

# ---- URLs (contract: stable, directory style, Vietnamese) -------------------------------------


def year_url(year: int) -> str:
    return f"chi-so/{year}/"


def group_url(year: int, group_id: str) -> str:
    return f"chi-so/{year}/{group_id}/"


def field_url(year: int, field_id: str) -> str:
    return f"chi-so/{year}/linh-vuc/{field_id}/"


def unit_url(unit_id: str) -> str:
    return f"don-vi/{unit_id}/"


def innovations_url(year: int | None = None) -> str:
    return "sang-kien/" if year is None else f"sang-kien/{year}/"


def results_url(year: int, ext: str) -> str:
    return f"du-lieu/{year}/ket-qua.{ext}"


def field_results_url(year: int, ext: str) -> str:
    return f"du-lieu/{year}/linh-vuc.{ext}"


PACKAGE_DIR = "du-lieu/goi-du-lieu/"
PACKAGE_ZIP = "du-lieu/chi-so-cchc-du-lieu.zip"


# ---- Small value types ------------------------------------------------------------------------


@dataclass(frozen=True)
class Ref:
    """Something a page links to: its id, names and site-relative URL."""

    id: str
    name: str
    url: str = ""
    short_name: str = ""


@dataclass(frozen=True)
class Band:
    """A classification band; `css` is the class that carries its colour (`band-<order>`)."""

    id: str
    name: str
    order: int
    range_text: str = ""

    @property
    def css(self) -> str:
        return f"band-{self.order}"


@dataclass(frozen=True)
class Source:
    """A document numbers come from, as a reader would cite it."""

    id: str
    title: str
    number: str = ""
    date: date | None = None
    issuer: str = ""
    url: str = ""
    note: str = ""

    @property
    def citation(self) -> str:
        parts = [self.title]
        if self.number:
            parts.append(f"số {self.number}")
        if self.date:
            parts.append(f"ngày {self.date:%d/%m/%Y}")
        if self.issuer:
            parts.append(self.issuer)
        return ", ".join(parts)


@dataclass(frozen=True)
class Value:
    """A number as shown: the official value, where it comes from, and its footnote if any.

    origin: "published" (printed in the source), "inferred" (read from the source, not printed),
    "computed" (by the portal from the data), or "" when there is no value.
    """

    value: float | None
    origin: str = ""
    note: int | None = None  # footnote number on the page

    @property
    def missing(self) -> bool:
        return self.value is None


class Notes:
    """Numbered footnotes of one page; the same text gets the same number."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def add(self, text: str | None) -> int | None:
        if not text:
            return None
        if text not in self.texts:
            self.texts.append(text)
        return self.texts.index(text) + 1


class NoNotes(Notes):
    """For values shown where their footnotes are not (home page, directory)."""

    def add(self, text: str | None) -> int | None:
        return None


@dataclass
class Chart:
    """A chart drawn at build time, next to its page: `<name>.svg` and `<name>.csv`.

    kind names the function of `parindex.charts` that draws it (`<kind>_chart`); `rows` are
    exactly the numbers drawn, and also the CSV behind the chart; `table_id` is the id of the
    HTML table on the page with the same numbers.
    """

    kind: str
    name: str
    title: str
    alt: str
    rows: list[dict]
    table_id: str


# ---- Rows -------------------------------------------------------------------------------------


@dataclass(kw_only=True)
class ScoreRow:
    """One agency in one year, as a ranking table shows it."""

    unit: Ref
    year: int
    group: Ref
    max_score: float | None
    components: list[float | None]
    total: Value
    index: Value
    rank: int | None
    rank_inferred: bool
    group_size: int
    band: Band | None
    band_inferred: bool
    index_change: float | None
    rank_change: int | None
    note: int | None = None  # footnote number of the source's note on this row

    @property
    def rank_text(self) -> str:
        """Rank within the group as printed on the site: "1/11"."""
        return MISSING if self.rank is None else f"{self.rank}/{self.group_size}"


@dataclass(frozen=True)
class Stat:
    """A group or year statistic with the agencies it names (highest, lowest)."""

    label: str
    value: Value
    units: tuple[Ref, ...] = ()
    kind: str = "pct"  # "pct" | "count" | "points"


@dataclass(kw_only=True)
class GroupStats:
    """Statistics of one group (or of all agencies when group is None) in one year."""

    group: Ref | None
    n: int
    n_known: int
    mean: Value
    highest: Stat
    lowest: Stat
    spread: Value
    band_counts: list[tuple[Band, Value]]
    mean_change: Value = field(default_factory=lambda: Value(None))


@dataclass(kw_only=True)
class FieldRow:
    """One agency's score in one field."""

    unit: Ref
    field: Ref
    score: float | None
    max_score: float | None
    pct: float | None
    group_mean: Value = field(default_factory=lambda: Value(None))


@dataclass(kw_only=True)
class Innovation:
    id: str  # anchor on the innovations pages
    year: int
    unit: Ref
    title: str
    summary: str | None
    field: Ref | None
    url: str | None
    source: Source | None


@dataclass(kw_only=True)
class Indicator:
    year: int
    name: str
    value: float
    unit: str | None
    note: str | None
    source: Source | None


# ---- Pages ------------------------------------------------------------------------------------


@dataclass(kw_only=True)
class Page:
    """What every data page has. `url` is where it is written (`url + "index.html"`)."""

    url: str
    template: str
    title: str
    lead: str = ""
    breadcrumbs: list[Ref] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    search_terms: str = ""  # ASCII-folded names, indexed by search but not shown


@dataclass(kw_only=True)
class GroupCard:
    group: Ref
    n: int
    mean: Value
    top: list[ScoreRow]  # the first three by rank (printed or inferred)


@dataclass(kw_only=True)
class HomePage(Page):
    year: int | None
    stats: GroupStats | None
    groups: list[GroupCard]
    bands: list[Band]


@dataclass(kw_only=True)
class FieldOverview:
    field: Ref
    mean: Value
    group_means: list[Value]  # in the order of YearPage.groups
    mean_change: Value = field(default_factory=lambda: Value(None))


@dataclass(kw_only=True)
class YearPage(Page):
    year: int
    stats: GroupStats
    groups: list[GroupStats]
    bands: list[Band]
    fields: list[FieldOverview]
    indicators: list[Indicator]
    innovations: int
    years: list[int]


@dataclass(kw_only=True)
class RankingPage(Page):
    year: int
    group: Ref
    components: list[Ref]
    columns: list[str]  # which optional columns have any value: max_score, components, total
    rows: list[ScoreRow]
    stats: GroupStats
    inferred: bool  # some ranks are read from the source's table order, not printed
    bands: list[Band]
    fields: list[Ref]


@dataclass(kw_only=True)
class FieldGroup:
    group: Ref
    max_score: float | None
    rows: list[FieldRow]
    stats: GroupStats


@dataclass(kw_only=True)
class FieldPage(Page):
    year: int
    field: Ref
    mean: Value
    groups: list[FieldGroup]
    other_fields: list[Ref]


@dataclass(kw_only=True)
class UnitYear:
    row: ScoreRow
    ranking_url: str


@dataclass(kw_only=True)
class UnitPage(Page):
    unit: Ref
    group: Ref
    aliases: list[str]
    active: str  # "" or "đến năm 2024" …
    successor: Ref | None
    remark: str | None  # units.csv note
    latest: UnitYear | None
    history: list[UnitYear]
    components: list[Ref]
    fields_year: int | None
    fields: list[FieldRow]
    innovations: list[Innovation]
    indicators: list[Indicator]


@dataclass(kw_only=True)
class DirectoryEntry:
    unit: Ref
    group: Ref
    latest: ScoreRow | None
    active: str


@dataclass(kw_only=True)
class DirectoryPage(Page):
    entries: list[DirectoryEntry]
    groups: list[Ref]


@dataclass(kw_only=True)
class InnovationsPage(Page):
    year: int | None
    items: list[Innovation]
    by_year: list[tuple[int, list[Innovation]]]
    by_unit: list[tuple[Ref, list[Innovation]]]
    by_field: list[tuple[Ref, list[Innovation]]]
    no_field: int
    years: list[int]


@dataclass(frozen=True)
class Download:
    url: str
    label: str
    format: str
    description: str = ""


@dataclass(kw_only=True)
class DownloadsPage(Page):
    years: list[tuple[int, list[tuple[str, list[Download]]]]]  # year, (content, formats)
    package: list[Download]
    package_zip: Download
    title_package: str


@dataclass(kw_only=True)
class YearsPage(Page):
    years: list[tuple[int, int, Value]]  # year, number of agencies, mean


@dataclass
class Site:
    """Every data page of the site, in the order they are written."""

    home: HomePage
    years_index: YearsPage
    years: list[YearPage]
    rankings: list[RankingPage]
    fields: list[FieldPage]
    directory: DirectoryPage
    units: list[UnitPage]
    innovations: list[InnovationsPage]
    downloads: DownloadsPage

    def pages(self) -> list[Page]:
        return [self.home, self.years_index, *self.years, *self.rankings, *self.fields,
                self.directory, *self.units, *self.innovations, self.downloads]


# ---- Helpers ----------------------------------------------------------------------------------


def _f(x) -> float | None:
    return None if is_missing(x) else float(x)


def _s(x) -> str | None:
    return None if is_missing(x) or x == "" else str(x)


class Lookup:
    """Names, bands, sources and statistics of one data package, as page values (cached)."""

    def __init__(self, results: Results):
        ds = results.dataset
        self.results = results
        self.units = ds.units.set_index("unit_id")
        self.groups_df = ds.groups.sort_values("order")
        self.fields_df = ds.fields.sort_values("order")
        self.sources_df = ds.sources.set_index("source_id")
        self.components = [Ref(r.component_id, r.name, "", _s(r.short_name) or r.name)
                           for r in ds.components.sort_values("order").itertuples()]
        self._groups = self.groups_df.set_index("group_id").to_dict("index")
        self._fields = self.fields_df.set_index("field_id").to_dict("index")
        self.field_order = {k: int(v["order"]) for k, v in self._fields.items()}
        self._cache: dict = {}

    def _cached(self, key, make):
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    def unit(self, uid: str) -> Ref:
        refs = self._cached("units", lambda: {
            k: Ref(k, u["name"], unit_url(k), _s(u["short_name"]) or u["name"])
            for k, u in self.units.iterrows()})
        return refs.get(uid) or Ref(uid, uid)

    def group(self, gid: str, year: int | None = None) -> Ref:
        g = self._groups[gid]
        url = group_url(year, gid) if year is not None else ""
        return Ref(gid, g["name"], url, _s(g["short_name"]) or g["name"])

    def field(self, fid: str, year: int | None = None) -> Ref:
        f = self._fields[fid]
        url = field_url(year, fid) if year is not None else ""
        return Ref(fid, f["name"], url, _s(f["short_name"]) or f["name"])

    def groups_of(self, year: int) -> list[Ref]:
        present = set(self.results.year(year)["group_id"])
        return [self.group(g, year) for g in self.groups_df["group_id"] if g in present]

    def fields_of(self, year: int) -> list[Ref]:
        fs = self.results.fields
        present = set(fs.loc[fs["year"] == year, "field_id"])
        return [self.field(f, year) for f in self.fields_df["field_id"] if f in present]

    def bands(self, year: int) -> list[Band]:
        def make():
            table = bandlib.for_year(self.results.dataset.bands, year)
            return [Band(r["band_id"], r["name"], int(r["order"]), _range_text(r))
                    for _, r in table.iterrows()]
        return self._cached(("bands", year), make)

    def band(self, year: int, band_id) -> Band | None:
        if is_missing(band_id):
            return None
        return next((b for b in self.bands(year) if b.id == band_id), None)

    def index_summary(self, year: int, gid: str | None) -> Summary | None:
        band_ids = [b.id for b in self.bands(year)]
        return self._cached(("index", year), lambda: index_summaries(
            self.results.year(year), band_ids)).get(gid)

    def field_summary(self, year: int, gid: str | None, fid: str) -> Summary | None:
        fs = self.results.fields
        return self._cached(("fields", year), lambda: field_summaries(
            fs[fs["year"] == year])).get((gid, fid))

    def published(self, year: int) -> pd.DataFrame:
        yd = self.results.dataset.years.get(year)
        return yd.published_stats if yd is not None else pd.DataFrame(
            columns=["group_id", "field_id", "statistic", "band_id", "unit_id", "value",
                     "location"])

    def source(self, sid) -> Source | None:
        if is_missing(sid) or sid not in self.sources_df.index:
            return None
        s = self.sources_df.loc[sid]
        when = s["date"] if isinstance(s["date"], date) else None
        return Source(sid, s["title"], _s(s["number"]) or "", when, _s(s["issuer"]) or "",
                      _s(s["url"]) or "", _s(s["note"]) or "")

    def sources(self, *ids) -> list[Source]:
        seen: list[str] = []
        for sid in ids:
            if not is_missing(sid) and sid not in seen:
                seen.append(sid)
        return [s for s in map(self.source, seen) if s is not None]


def _range_text(band: pd.Series) -> str:
    lo, hi = _f(band["min_pct"]), _f(band["max_pct"])
    lo_t = None if lo is None else auto(lo) + "%"
    hi_t = None if hi is None else auto(hi) + "%"
    if lo is None:
        return f"dưới {hi_t}" if not band["max_inclusive"] else f"đến {hi_t}"
    if hi is None:
        return f"trên {lo_t}" if not band["min_inclusive"] else f"từ {lo_t} trở lên"
    start = f"từ {lo_t}" if band["min_inclusive"] else f"trên {lo_t}"
    end = f"đến {hi_t}" if band["max_inclusive"] else f"đến dưới {hi_t}"
    return f"{start} {end}"


def _differs(official: float | None, computed: float | None) -> bool:
    return official is not None and computed is not None and rounded(computed) != official


# ---- Rows from results ------------------------------------------------------------------------


def score_row(r, lk: Lookup, notes: Notes) -> ScoreRow:
    """A row of `Results.scores` as a ranking table shows it (footnotes go to `notes`)."""
    inferred = set((_s(r["inferred"]) or "").split("|"))
    row_note = notes.add(_s(r["note"]))  # numbered first: it sits on the name, left of values
    total_pub, total_calc = _f(r["total_published"]), _f(r["total"])
    total = Value(total_pub, "published") if total_pub is not None else \
        Value(rounded(total_calc), "computed" if total_calc is not None else "")
    if _differs(total_pub, total_calc):
        total = Value(total_pub, "published",
                      notes.add(narrative.recomputed("tổng điểm", total_calc, is_pct=False)))
    idx_off, idx_calc = _f(r["index_official"]), _f(r["index"])
    origin = ("" if idx_off is None else "published" if _f(r["index_published"]) is not None
              else "computed")
    index = Value(idx_off, origin)
    if _differs(idx_off, idx_calc):
        index = Value(idx_off, origin, notes.add(narrative.recomputed("chỉ số", idx_calc)))
    rank, rank_inferred = _f(r["rank"]), False
    if rank is None and _f(r["rank_published"]) is not None:
        rank, rank_inferred = _f(r["rank_published"]), "rank_published" in inferred
    band_id, band_inferred = r["band_id"], False
    if is_missing(band_id) and _s(r["band_published"]):
        band_id, band_inferred = r["band_published"], "band_published" in inferred
    year = int(r["year"])
    return ScoreRow(
        unit=lk.unit(r["unit_id"]), year=year, group=lk.group(r["group_id"], year),
        max_score=_f(r["max_score"]),
        components=[_f(r[c.id]) for c in lk.components],
        total=total, index=index,
        rank=None if rank is None else int(rank), rank_inferred=rank_inferred,
        group_size=int(r["group_size"]), band=lk.band(year, band_id),
        band_inferred=band_inferred,
        index_change=_f(r["index_change"]),
        rank_change=None if _f(r["rank_change"]) is None else int(r["rank_change"]),
        note=row_note,
    )


def _ranking_order(rows: list[ScoreRow]) -> list[ScoreRow]:
    return sorted(rows, key=lambda x: (x.rank is None, x.rank or 0,
                                       -(x.index.value or -1), vi_sort_key(x.unit.name)))


def year_rows(results: Results, lk: Lookup, year: int, notes: Notes) -> list[ScoreRow]:
    return [score_row(r, lk, notes) for _, r in results.year(year).iterrows()]


# ---- Statistics -------------------------------------------------------------------------------


def _pub_rows(lk: Lookup, year: int, gid, fid, statistic: str, band_id=None
              ) -> list[tuple[float, str | None, str | None]]:
    """Published (value, location, unit_id) of one statistic, in the order of the file."""
    def make():
        out: dict[tuple, list] = {}
        for _, p in lk.published(year).iterrows():
            key = (_s(p["group_id"]), _s(p["field_id"]), p["statistic"], _s(p["band_id"]))
            out.setdefault(key, []).append((float(p["value"]), _s(p["location"]),
                                            _s(p["unit_id"])))
        return out
    return lk._cached(("published", year), make).get((gid, fid, statistic, band_id), [])


def _stat_value(computed: float | None, pub: list, notes: Notes | None,
                pct: bool = True) -> Value:
    """The printed value if there is one (footnoting the recomputed and other printed values),
    else the computed one."""
    if not pub:
        return Value(rounded(computed), "computed") if computed is not None else Value(None)
    official = pub[0][0]
    texts = [narrative.printed_elsewhere(v, loc, pct) for v, loc, _ in pub[1:] if v != official]
    if _differs(official, computed):
        texts.append(narrative.recomputed("giá trị", computed, pct))
    note = notes.add(" ".join(texts)) if texts and notes is not None else None
    return Value(official, "published", note)


def _extreme(label: str, summary: Summary | None, which: str, pub: list,
             lk: Lookup, notes: Notes) -> Stat:
    computed = getattr(summary, which) if summary else None
    value = _stat_value(computed, pub, notes)
    if pub:
        uids = [u for _, _, u in pub if u]
    else:
        uids = getattr(summary, f"{which}_units") if summary else []
    return Stat(label, value, tuple(lk.unit(u) for u in dict.fromkeys(uids)))


def group_stats(results: Results, lk: Lookup, year: int, gid: str | None, notes: Notes,
                summary: Summary | None = None, fid: str | None = None) -> GroupStats:
    """Statistics of a group (gid None: all agencies) in a year, for the index or a field."""
    if summary is None:
        summary = (lk.index_summary(year, gid) if fid is None
                   else lk.field_summary(year, gid, fid))
    n = summary.n if summary else 0
    counts = []
    if fid is None:
        for b in lk.bands(year):
            computed = summary.get("count", b.id) if summary else None
            counts.append((b, _stat_value(None if computed is None else float(computed),
                                          _pub_rows(lk, year, gid, fid, "count", b.id), notes,
                                          pct=False)))
    spread = summary.spread if summary else None
    prev = [y for y in results.years if y < year]
    change = None
    if prev and fid is None and summary and summary.mean is not None:
        before = lk.index_summary(prev[-1], gid)
        change = None if before is None or before.mean is None else summary.mean - before.mean
    return GroupStats(
        group=None if gid is None else lk.group(gid, year),
        n=n, n_known=summary.n_known if summary else 0,
        mean=_stat_value(summary.mean if summary else None, _pub_rows(lk, year, gid, fid, "mean"),
                         notes),
        highest=_extreme("Cao nhất", summary, "highest", _pub_rows(lk, year, gid, fid, "max"), lk,
                         notes),
        lowest=_extreme("Thấp nhất", summary, "lowest", _pub_rows(lk, year, gid, fid, "min"), lk,
                        notes),
        spread=_stat_value(spread, _pub_rows(lk, year, gid, fid, "spread"), notes),
        band_counts=counts,
        mean_change=_stat_value(change, _pub_rows(lk, year, gid, fid, "mean_change"), notes),
    )


# ---- Indicators, innovations ------------------------------------------------------------------


def indicators(results: Results, lk: Lookup, unit_id: str | None) -> list[Indicator]:
    """Statistics of an agency (unit_id None: the province's own), every year."""
    out = []
    for year, yd in results.dataset.years.items():
        t = yd.indicators
        rows = t[t["unit_id"].isna()] if unit_id is None else t[t["unit_id"] == unit_id]
        out += [Indicator(year=year, name=r["name"], value=float(r["value"]),
                          unit=_s(r["unit"]), note=_s(r["note"]), source=lk.source(r["source_id"]))
                for _, r in rows.iterrows()]
    return out


def innovations(results: Results, lk: Lookup) -> list[Innovation]:
    out = []
    for year, yd in results.dataset.years.items():
        for i, (_, r) in enumerate(yd.innovations.iterrows(), start=1):
            fid = _s(r["field_id"])
            out.append(Innovation(
                id=f"sk-{year}-{i}", year=year, unit=lk.unit(r["unit_id"]), title=r["title"],
                summary=_s(r["summary"]), field=lk.field(fid, year) if fid else None,
                url=_s(r["url"]), source=lk.source(r["source_id"])))
    return out


# ---- Page builders ----------------------------------------------------------------------------

HOME = Ref("", "Trang chủ", "")
YEARS = Ref("chi-so", "Chỉ số CCHC", "chi-so/")


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


def _group_chart(page_rows: list[ScoreRow], group: Ref, year: int) -> Chart | None:
    if not any(r.index.value is not None for r in page_rows):
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
    rows = _ranking_order([score_row(r, lk, notes) for _, r in df[df["group_id"] == gid]
                           .iterrows()])
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
        search_terms=fold(" ".join([group.name] + [r.unit.name for r in rows])))


def _field_rows(results: Results, lk: Lookup, year: int) -> list[FieldRow]:
    """Every agency's field scores in a year, with its group's mean (footnotes left out)."""
    def make():
        fs = results.fields[results.fields["year"] == year]
        out = []
        for _, r in fs.iterrows():
            gid, fid = r["group_id"], r["field_id"]
            summary = lk.field_summary(year, gid, fid)
            mean = _stat_value(summary.mean if summary else None,
                               _pub_rows(lk, year, gid, fid, "mean"), None)
            out.append(FieldRow(unit=lk.unit(r["unit_id"]), field=lk.field(fid, year),
                                score=_f(r["score"]), max_score=_f(r["max_score"]),
                                pct=_f(r["pct"]), group_mean=mean))
        return out
    return lk._cached(("field_rows", year), make)


def field_page(results: Results, lk: Lookup, year: int, fid: str) -> FieldPage:
    notes = Notes()
    f = lk.field(fid, year)
    rows = [r for r in _field_rows(results, lk, year) if r.field.id == fid]
    fs = results.fields[(results.fields["year"] == year) & (results.fields["field_id"] == fid)]
    groups = []
    for g in lk.groups_of(year):
        g_rows = [r for r in rows if lk.units.at[r.unit.id, "group_id"] == g.id]
        if not g_rows:
            continue
        g_rows.sort(key=lambda r: (r.pct is None, -(r.pct or 0), -(r.score or 0),
                                   vi_sort_key(r.unit.name)))
        maxima = {r.max_score for r in g_rows}
        groups.append(FieldGroup(
            group=g, max_score=maxima.pop() if len(maxima) == 1 else None, rows=g_rows,
            stats=group_stats(results, lk, year, g.id, notes, fid=fid)))
    overall = group_stats(results, lk, year, None, notes, fid=fid)
    return FieldPage(
        url=f.url, template="field", title=f"{f.name}: kết quả năm {year}",
        lead=narrative.field_lead(f.name, year, overall.mean, len(rows)),
        breadcrumbs=_crumbs(year), year=year, field=f, mean=overall.mean, groups=groups,
        other_fields=[x for x in lk.fields_of(year) if x.id != fid],
        sources=lk.sources(*fs["source_id"], *_field_max_sources(results, year, fid)),
        notes=notes.texts, search_terms=fold(f.name))


def _field_max_sources(results: Results, year: int, fid: str) -> list[str]:
    fm = results.dataset.years[year].field_maxima
    return list(fm.loc[fm["field_id"] == fid, "source_id"])


def _field_mean(lk: Lookup, year: int, gid: str | None, fid: str, notes: Notes) -> Value:
    summary = lk.field_summary(year, gid, fid)
    return _stat_value(summary.mean if summary else None, _pub_rows(lk, year, gid, fid, "mean"),
                       notes)


def year_page(results: Results, lk: Lookup, year: int, n_innovations: int) -> YearPage:
    notes = Notes()
    groups = [group_stats(results, lk, year, g.id, notes) for g in lk.groups_of(year)]
    stats = group_stats(results, lk, year, None, notes)
    fields = []
    chart_rows = []
    for f in lk.fields_of(year):
        means = [_field_mean(lk, year, g.group.id, f.id, notes) for g in groups]
        change = _stat_value(None, _pub_rows(lk, year, None, f.id, "mean_change"), notes)
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


def unit_page(results: Results, lk: Lookup, uid: str, all_innovations: list[Innovation]
              ) -> UnitPage:
    notes = Notes()
    u = lk.units.loc[uid]
    unit = lk.unit(uid)
    scores = results.scores[results.scores["unit_id"] == uid].sort_values("year")
    history = [UnitYear(row=score_row(r, lk, notes), ranking_url=group_url(int(r["year"]),
                                                                             r["group_id"]))
               for _, r in scores.iterrows()]
    fs = results.fields[results.fields["unit_id"] == uid]
    fields_year = int(fs["year"].max()) if len(fs) else None
    frows = [r for r in _field_rows(results, lk, fields_year) if r.unit.id == uid] \
        if fields_year else []
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
    inns = [i for i in all_innovations if i.unit.id == uid]
    inds = indicators(results, lk, uid)
    successor = _s(u["successor_id"])
    ids = list(scores["source_id"]) + list(fs["source_id"])
    ids += [i.source.id for i in inns + inds if i.source]
    latest = history[-1] if history else None
    group = lk.group(u["group_id"])
    return UnitPage(
        url=unit.url, template="unit", title=unit.name,
        lead=narrative.unit_lead(unit.name, group.name, latest.row if latest else None),
        breadcrumbs=[HOME, Ref("don-vi", "Cơ quan, đơn vị", "don-vi/")],
        unit=unit, group=group,
        aliases=[a for a in (_s(u["aliases"]) or "").split("|") if a],
        active=_active(u), successor=lk.unit(successor) if successor else None,
        remark=_s(u["note"]), latest=latest, history=history, components=lk.components,
        fields_year=fields_year, fields=frows, innovations=inns, indicators=inds,
        sources=lk.sources(*ids), notes=notes.texts, charts=charts,
        search_terms=fold(" ".join([unit.name, unit.short_name, _s(u["aliases"]) or ""])
                          .replace("|", " ")))


def _active(u: pd.Series) -> str:
    start, end = _f(u["active_from"]), _f(u["active_to"])
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
               for uid, u in lk.units.iterrows()]
    entries.sort(key=lambda e: vi_sort_key(e.unit.name))
    return DirectoryPage(
        url="don-vi/", template="directory", title="Cơ quan, đơn vị",
        lead=narrative.directory_lead(len(entries)), breadcrumbs=[HOME], entries=entries,
        groups=[lk.group(g) for g in lk.groups_df["group_id"]], sources=sources,
        search_terms=fold(" ".join(e.unit.name for e in entries)))


def innovations_page(lk: Lookup, items: list[Innovation], year: int | None,
                     years: list[int]) -> InnovationsPage:
    by_year = [(y, [i for i in items if i.year == y]) for y in sorted({i.year for i in items},
                                                                       reverse=True)]
    units = sorted({i.unit for i in items}, key=lambda u: vi_sort_key(u.name))
    fields = [lk.field(f) for f in lk.fields_df["field_id"]]
    title = "Sáng kiến cải cách hành chính" + (f" năm {year}" if year else "")
    sources = lk.sources(*[i.source.id for i in items if i.source])
    crumbs = [HOME] + ([Ref("sang-kien", "Sáng kiến", innovations_url())] if year else [])
    return InnovationsPage(
        url=innovations_url(year), template="innovations", title=title,
        lead=narrative.innovations_lead(len(items), year, len(units)), breadcrumbs=crumbs,
        year=year, items=items, by_year=by_year,
        by_unit=[(u, [i for i in items if i.unit == u]) for u in units],
        by_field=[(f, [i for i in items if i.field and i.field.id == f.id]) for f in fields
                  if any(i.field and i.field.id == f.id for i in items)],
        no_field=sum(i.field is None for i in items), years=years, sources=sources,
        search_terms=fold(" ".join(f"{i.title} {i.unit.name}" for i in items)))


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
        rows = _ranking_order([score_row(r, lk, NoNotes()) for _, r in
                               df[df["group_id"] == g.id].iterrows()])
        summary = lk.index_summary(year, g.id)
        mean = _stat_value(summary.mean if summary else None,
                           _pub_rows(lk, year, g.id, None, "mean"), notes)
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
    return YearsPage(url="chi-so/", template="years", title="Chỉ số CCHC qua các năm",
                     breadcrumbs=[HOME], years=rows, sources=lk.sources(*ids))


def site(results: Results) -> Site:
    """Every data page of the site."""
    lk = Lookup(results)
    inns = innovations(results, lk)
    latest_rows: dict[str, ScoreRow] = {}
    for y in results.years:
        for row in year_rows(results, lk, y, NoNotes()):
            latest_rows[row.unit.id] = row
    inn_years = sorted({i.year for i in inns}, reverse=True)
    return Site(
        home=home_page(results, lk),
        years_index=years_page(results, lk),
        years=[year_page(results, lk, y, sum(i.year == y for i in inns)) for y in results.years],
        rankings=[ranking_page(results, lk, y, g.id) for y in results.years
                  for g in lk.groups_of(y)],
        fields=[field_page(results, lk, y, f.id) for y in results.years
                for f in lk.fields_of(y)],
        directory=directory_page(lk, latest_rows, lk.sources(*[
            sid for yd in results.dataset.years.values() for sid in yd.scores["source_id"]])),
        units=[unit_page(results, lk, uid, inns) for uid in lk.units.index],
        innovations=[innovations_page(lk, inns, None, inn_years)]
        + [innovations_page(lk, [i for i in inns if i.year == y], y, inn_years)
           for y in inn_years],
        downloads=downloads_page(results, lk),
    )
