"""Rows and statistics of the data as page values (`models`), shared by the page modules.

`Lookup` turns ids into named, linked values (cached per build); `score_row` is one agency's
year as a ranking table shows it; `group_stats` is a group's statistics as computed from the
data the page shows (as printed only where the data cannot give them), with a short note beside
a value where the source printed another beyond rounding (`compare`: rounding never makes a
note).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import date
from typing import Any, NamedTuple, SupportsFloat, SupportsInt, TypeVar, cast

import pandas as pd

from .. import i18n
from ..data import bands as bandlib
from ..data.validate import PLACES
from ..fmt import as_printed, decimals, is_missing, rounded
from ..frames import records
from ..i18n import Num, t
from ..scoring.compare import Assessment, published_statistics, verdict
from ..scoring.score import Results, listed
from ..scoring.stats import Statistics, Summary
from ..text import vi_sort_key
from . import narrative
from .models import (
    HOME,
    YEARS,
    Band,
    FieldRow,
    GroupStats,
    Indicator,
    Innovation,
    NoNotes,
    Notes,
    Ref,
    ScoreRow,
    Source,
    Stat,
    TrendPoint,
    Value,
)
from .urls import field_url, group_url, unit_url, year_url

# ---- Helpers ----------------------------------------------------------------------------------


T = TypeVar("T")

Record = dict[str, object]  # a row of `frames.records`: Python values, None when missing


def as_float(x: object) -> float | None:
    if x is None:  # most cells of a record (frames.records) are None or a float: no call
        return None
    if x.__class__ is float:
        return None if x != x else x
    return None if is_missing(x) else float(cast(SupportsFloat, x))  # a number, not missing


def as_number(r: Record | pd.Series, column: str) -> float | None:
    """A number of a record as its source prints it (with the decimals of `<column>_places`)."""
    return as_printed(as_float(r[column]), cast("int | None", r.get(column + PLACES)))


def as_text(x: object) -> str | None:
    if x.__class__ is str:
        return x or None
    return None if is_missing(x) or x == "" else str(x)


def as_str(x: object) -> str:
    """A cell the schema requires to be text (an id, a name), typed as such: not converted."""
    return cast(str, x)  # read as text (data.read) and checked by data.validate


def as_int(x: object) -> int:
    """A whole number the schema requires (a year, a group's size), as `int`."""
    return int(cast(SupportsInt, x))  # a number of a record, not missing


class Lookup:
    """Names, bands, sources and statistics of one data package, as page values (cached)."""

    def __init__(self, results: Results):
        ds = results.dataset
        self.results = results
        self.scale = ds.scale  # what the index is called, percent or points
        self.units = ds.units.set_index("unit_id")
        self.groups_df = ds.groups.sort_values("order")
        self.fields_df = ds.fields.sort_values("order")
        self.sources_df = ds.sources.set_index("source_id")
        self.components = [Ref(as_str(r.component_id), as_str(r.name), "",
                               as_text(r.short_name) or as_str(r.name))
                           for r in ds.components.sort_values("order").itertuples()]
        # by id (text): pandas-stubs types a to_dict("index") as dict[Hashable, dict[Hashable, Any]]
        self._groups = cast(dict[str, Record],
                            self.groups_df.set_index("group_id").to_dict("index"))
        self._fields = cast(dict[str, Record],
                            self.fields_df.set_index("field_id").to_dict("index"))
        self.field_order = {k: as_int(v["order"]) for k, v in self._fields.items()}
        self.stats = Statistics(results)
        self._cache: dict[Hashable, Any] = {}  # each key's value has the type its maker gives

    def cached(self, key: Hashable, make: Callable[[], T]) -> T:
        if key not in self._cache:
            self._cache[key] = make()
        value: T = self._cache[key]
        return value

    def rows_of(self, name: str, frame: pd.DataFrame, uid: str) -> list[Record]:
        """Rows (records) of `frame` for one agency: grouped once per build, never scanned
        per agency."""
        def make() -> dict[str, list[Record]]:
            groups: dict[str, list[Record]] = {}
            for r in records(frame):
                groups.setdefault(as_str(r["unit_id"]), []).append(r)
            return groups
        return self.cached(("by_unit", name), make).get(uid, [])

    def unit(self, uid: str) -> Ref:
        refs = self.cached("units", lambda: {
            k: Ref(k, i18n.name(name, en), unit_url(k), i18n.name(as_text(short) or name, en))
            for k, name, short, en in zip(map(as_str, self.units.index), self.units["name"],
                                          self.units["short_name"], _english(self.units),
                                          strict=True)})
        return refs.get(uid) or Ref(uid, uid)

    def group(self, gid: str, year: int | None = None) -> Ref:
        key = ("group", gid, year)
        if key not in self._cache:  # one Ref per group and year: a row of every agency-year
            g = self._groups[gid]
            url = group_url(year, gid) if year is not None else ""
            self._cache[key] = _ref(gid, g, url)
        return self._ref(key)

    def field(self, fid: str, year: int | None = None) -> Ref:
        key = ("field", fid, year)
        if key not in self._cache:
            f = self._fields[fid]
            url = field_url(year, fid) if year is not None else ""
            self._cache[key] = _ref(fid, f, url)
        return self._ref(key)

    def _ref(self, key: Hashable) -> Ref:
        """A cached Ref (of `group` or `field`)."""
        ref: Ref = self._cache[key]
        return ref

    def groups_of(self, year: int) -> list[Ref]:
        present = set(self.results.year(year)["group_id"])
        return [self.group(g, year) for g in self.groups_df["group_id"] if g in present]

    def fields_of(self, year: int) -> list[Ref]:
        def make() -> list[Ref]:
            fs = self.results.fields
            present = set(fs.loc[fs["year"] == year, "field_id"])
            return [self.field(f, year) for f in self.fields_df["field_id"] if f in present]
        return self.cached(("fields_of", year), make)

    def bands(self, year: int) -> list[Band]:
        def make() -> list[Band]:
            table = bandlib.for_year(self.results.dataset.bands, year)
            stated = [bool(x) for x in bandlib.stated(table)]
            return [Band(r["band_id"], i18n.name(r["name"], as_text(r.get("name_en"))),
                         int(r["order"]),
                         _range_text(r, self.scale.unit) if ok else narrative.NO_CUTOFFS,
                         range_stated=ok, range_inferred=r.get("inferred") is True)
                    for ok, (_, r) in zip(stated, table.iterrows(), strict=True)]
        return self.cached(("bands", year), make)

    def band_sources(self, year: int) -> list[object]:
        """The source ids of the year's bands (none in a package whose schema has no column)."""
        table = bandlib.for_year(self.results.dataset.bands, year)
        return list(table["source_id"]) if "source_id" in table else []

    def band(self, year: int, band_id: object) -> Band | None:
        if is_missing(band_id):
            return None
        by_id = self.cached(("band_ids", year), lambda: {b.id: b for b in self.bands(year)})
        return by_id.get(as_str(band_id))

    def assessment(self, year: int) -> Assessment:
        """What `parindex check` finds in the year's published statistics."""
        return self.cached(("assessment", year),
                           lambda: published_statistics(self.results, year, self.stats))

    def published(self, year: int) -> pd.DataFrame:
        yd = self.results.dataset.years.get(year)
        return yd.published_stats if yd is not None else pd.DataFrame(
            columns=["group_id", "field_id", "statistic", "band_id", "unit_id", "value",
                     "location"])

    def source(self, sid: object) -> Source | None:
        if is_missing(sid):
            return None
        return self.cached("sources", self._all_sources).get(as_str(sid))

    def _all_sources(self) -> dict[str, Source]:
        out: dict[str, Source] = {}
        for key, s in self.sources_df.iterrows():
            sid = as_str(key)
            when = s["date"] if isinstance(s["date"], date) else None
            out[sid] = Source(sid, s["title"], as_text(s["number"]) or "", when,
                              as_text(s["issuer"]) or "", as_text(s["url"]) or "",
                              as_text(s["note"]) or "")
        return out

    def sources(self, *ids: object) -> list[Source]:
        """The sources of `ids` (missing and unknown ones left out), each once, in order."""
        known = self.cached("sources", self._all_sources)
        return [known[as_str(sid)] for sid in dict.fromkeys(ids)
                if not is_missing(sid) and sid in known]


def _english(df: pd.DataFrame) -> list[str | None]:
    """The table's English names (`name_en`, an optional column), None where not given."""
    return [as_text(x) for x in df["name_en"]] if "name_en" in df else [None] * len(df)


def _ref(rid: str, r: Record, url: str) -> Ref:
    """A group or field, with its English name where the data gives one."""
    name, en = as_str(r["name"]), as_text(r.get("name_en"))
    return Ref(rid, i18n.name(name, en), url, i18n.name(as_text(r["short_name"]) or name, en))


def _range_text(band: pd.Series, unit: str) -> str:
    lo, hi = as_number(band, "min_pct"), as_number(band, "max_pct")
    lo_t, hi_t = (t("{x}{unit}", x=Num("auto", x), unit=unit) for x in (lo, hi))
    if lo is None:
        return t("dưới {hi}", hi=hi_t) if not band["max_inclusive"] else t("đến {hi}", hi=hi_t)
    if hi is None:
        return t("trên {lo}", lo=lo_t) if not band["min_inclusive"] else \
            t("từ {lo} trở lên", lo=lo_t)
    start = t("từ {lo}", lo=lo_t) if band["min_inclusive"] else t("trên {lo}", lo=lo_t)
    end = t("đến {hi}", hi=hi_t) if band["max_inclusive"] else t("đến dưới {hi}", hi=hi_t)
    return t("{start} {end}", start=start, end=end)


def _differs(official: float | None, computed: float | None, error: float | None) -> bool:
    """Whether the printed `official` differs from the computed value beyond what the rounding
    of its inputs explains (`error`: how far the computed value may be off): a rounding
    difference makes no note."""
    if official is None or computed is None:
        return False
    e = error or 0.0
    return verdict(official, computed, (computed - e, computed + e)) == "mismatch"


def _recomputed(what: str, computed: float | None, official: float | None,
                is_pct: bool = True) -> str:
    """The footnote of a printed value that differs from the computed one, which it gives with
    as many decimals as the printed value (at least two)."""
    return narrative.recomputed(what, computed, is_pct, max(2, decimals(official)))


# ---- Rows from results ------------------------------------------------------------------------


def score_row(r: Record, lk: Lookup, notes: Notes) -> ScoreRow:
    """A row of `Results.scores` as a ranking table shows it (footnotes go to `notes`).

    The same agency-year is shown on its ranking, its profile and the directory: a row without
    footnotes is made once and shared (rows are never changed); one with footnotes is made for
    each page, whose notes number them.
    """
    shared: dict[tuple[str, int], ScoreRow] = lk.cached("score_rows", dict)
    key = (as_str(r["unit_id"]), as_int(r["year"]))
    if key in shared:
        return shared[key]
    probe = Notes()
    row = _score_row(r, lk, probe)
    if not probe.texts:
        shared[key] = row
        return row
    return _score_row(r, lk, notes)


def _score_row(r: Record, lk: Lookup, notes: Notes) -> ScoreRow:
    inferred = listed(r["inferred"])
    row_note = notes.add(as_text(r["note"]))  # numbered first: it sits on the name, left of values
    total_pub, total_calc = as_number(r, "total_published"), as_float(r["total"])
    total = Value(total_pub, "published") if total_pub is not None else \
        Value(rounded(total_calc), "computed" if total_calc is not None else "")
    if _differs(total_pub, total_calc, as_float(r["total_error"])):
        total = Value(total_pub, "published",
                      notes.add(_recomputed(t("tổng điểm"), total_calc, total_pub, is_pct=False)))
    idx_off, idx_calc = as_number(r, "index_official"), as_float(r["index"])
    printed_idx = as_float(r["index_published"])
    if printed_idx is None and not lk.scale.percent:
        printed_idx = total_pub  # on a points scale the printed total is the printed index
    origin = "" if idx_off is None else "published" if printed_idx is not None else "computed"
    index = Value(idx_off, origin)
    if _differs(idx_off, idx_calc, as_float(r["index_error"])):
        index = Value(idx_off, origin, notes.add(_recomputed(t("chỉ số"), idx_calc, idx_off,
                                                             lk.scale.percent)))
    rank = as_float(r["rank_official"])  # the printed one where the data cannot compute it
    rank_inferred = as_float(r["rank"]) is None and rank is not None \
        and "rank_published" in inferred
    band_inferred = r["band_origin"] == "published" and "band_published" in inferred
    year = as_int(r["year"])
    return ScoreRow(
        unit=lk.unit(as_str(r["unit_id"])), year=year, group=lk.group(as_str(r["group_id"]), year),
        max_score=as_number(r, "max_score"), max_score_inferred="max_score" in inferred,
        components=[as_number(r, c.id) for c in lk.components],
        total=total, index=index,
        rank=None if rank is None else int(rank), rank_inferred=rank_inferred,
        group_size=as_int(r["group_size"]), band=lk.band(year, r["band_id"]),
        band_inferred=band_inferred,
        index_change=as_float(r["index_change"]),
        rank_change=None if as_float(r["rank_change"]) is None else as_int(r["rank_change"]),
        note=row_note,
    )


def ranking_order(rows: list[ScoreRow]) -> list[ScoreRow]:
    return sorted(rows, key=lambda x: (x.rank is None, x.rank or 0,
                                       -(x.index.value or -1), vi_sort_key(x.unit.name)))


# ---- Statistics -------------------------------------------------------------------------------


class Printed(NamedTuple):
    """A statistic as a source prints it, and what `parindex check` found about it."""

    value: float
    location: str | None
    unit_id: str | None
    kinds: frozenset[str]  # of compare.Difference: "rounding", "mismatch", "copied", …

    @property
    def copied(self) -> bool:
        """Repeated from another section: not a number of this set."""
        return "copied" in self.kinds

    @property
    def differs(self) -> bool:
        """Differs from the data, or from the source's other value of it, beyond rounding."""
        return bool(self.kinds & {"mismatch", "conflict", "copied"})


def printed(lk: Lookup, year: int, gid: str | None, fid: str | None, statistic: str,
            band_id: str | None = None) -> list[Printed]:
    """Published values of one statistic, in the order of the file."""
    def make() -> dict[tuple[str | None, str | None, str, str | None], list[Printed]]:
        out: dict[tuple[str | None, str | None, str, str | None], list[Printed]] = {}
        found = lk.assessment(year)
        file = lk.results.dataset.files.get(f"{year}/published_stats",
                                            f"{year}/published_stats.csv")
        for label, p in lk.published(year).iterrows():
            key = (as_text(p["group_id"]), as_text(p["field_id"]), p["statistic"],
                   as_text(p["band_id"]))
            value = as_number(p, "value")
            assert value is not None  # required (validated)
            kinds = frozenset(found.kinds(year, file, as_int(label)))
            out.setdefault(key, []).append(
                Printed(value, as_text(p["location"]), as_text(p["unit_id"]), kinds))
        return out
    return lk.cached(("published", year), make).get((gid, fid, statistic, band_id), [])


def stat_value(computed: float | None, pub: list[Printed], notes: Notes | None) -> Value:
    """A statistic as computed from the data the page shows; where the data cannot give it,
    as printed (a value repeated from another section is not this statistic's), with the
    printed decimals where the printed value is the computed one. A printed value that differs
    beyond rounding is quoted in a short note beside the value ("văn bản nguồn in 6,76": the
    number alone, beside a value that has its unit), its location in the footnote."""
    if computed is not None:
        # the printed value where it is the computed one at its own precision (88,714)
        shown = next((p.value for p in pub if not p.kinds
                      and rounded(computed, decimals(p.value)) == p.value), rounded(computed))
        other = [p for p in pub if p.differs and p.value != shown]
        return Value(shown, "computed", *_quoted(other, notes))
    usable = [p for p in pub if not p.copied]
    if not usable:
        return Value(None, "", *_quoted(pub, notes, copied=True)) if pub else Value(None)
    first = usable[0]
    other = [p for p in usable if p.value != first.value]
    if not other and first.differs:  # in no conflict, yet not what the source's other numbers give
        return Value(first.value, "published", *_quoted([], notes, text=narrative.DISAGREES))
    return Value(first.value, "published", *_quoted(other, notes))


def _quoted(pub: list[Printed], notes: Notes | None, copied: bool = False,
            text: str = "") -> tuple[int | None, str]:
    """The footnote number (the locations) and the short note beside a value, of printed values
    that differ from it."""
    if not pub and not text:
        return None, ""
    short = text or narrative.source_printed([p.value for p in pub], copied)
    where = narrative.source_printed_where([(p.value, p.location) for p in pub], copied)
    return (notes.add(where or text) if notes is not None else None), short


def _extreme(label: str, summary: Summary | None, which: str, pub: list[Printed],
             lk: Lookup, notes: Notes) -> Stat:
    computed = getattr(summary, which) if summary else None
    value = stat_value(computed, pub, notes)
    if computed is not None:
        uids = getattr(summary, f"{which}_units")
    else:
        uids = [p.unit_id for p in pub if p.unit_id and not p.copied]
    return Stat(label, value, tuple(lk.unit(u) for u in dict.fromkeys(uids)))


def _band_counts(lk: Lookup, year: int, gid: str | None, summary: Summary | None,
                 notes: Notes) -> list[tuple[Band, Value]]:
    """Each band's count: computed, else printed; where the printed counts add up to every
    member of the set, the bands the source leaves out have none, said in a note."""
    counts = []
    for b in lk.bands(year):
        computed = summary.get("count", b.id) if summary else None
        counts.append((b, stat_value(None if computed is None else float(computed),
                                     printed(lk, year, gid, None, "count", b.id), notes)))
    given = [(b, v) for b, v in counts if v.value is not None]
    members = summary.members if summary else 0
    if len(given) == len(counts) or not given or \
            sum(cast(float, v.value) for _, v in given) != members:
        return counts
    note = notes.add(narrative.counts_by_arithmetic(
        [int(cast(float, v.value)) for _, v in given], members))
    return [(b, v if v.value is not None else Value(0, "inferred", note)) for b, v in counts]


def group_stats(lk: Lookup, year: int, gid: str | None, notes: Notes,
                fid: str | None = None) -> GroupStats:
    """Statistics of a group (gid None: all agencies) in a year, for the index or a field."""
    summary = lk.stats.summary(year, gid, fid)
    n = summary.n if summary else 0
    counts = _band_counts(lk, year, gid, summary, notes) if fid is None else []
    spread = summary.spread if summary else None
    change = lk.stats.mean_change(year, gid, fid)
    members = summary.members if summary else 0
    mean_change = stat_value(change, printed(lk, year, gid, fid, "mean_change"), notes)
    return GroupStats(
        group=None if gid is None else lk.group(gid, year),
        n=n, n_known=summary.n_known if summary else 0,
        members=members, published=published(lk, n, members),
        withheld=narrative.withheld(n, members, lk.scale.members) if members > n else "",
        mean=stat_value(summary.mean if summary else None, printed(lk, year, gid, fid, "mean"),
                        notes),
        highest=_extreme(t("Cao nhất"), summary, "highest", printed(lk, year, gid, fid, "max"), lk,
                         notes),
        lowest=_extreme(t("Thấp nhất"), summary, "lowest", printed(lk, year, gid, fid, "min"), lk,
                        notes),
        spread=stat_value(spread, printed(lk, year, gid, fid, "spread"), notes),
        band_counts=counts,
        mean_change=mean_change,
        change_text=narrative.change_text(mean_change, lk.scale),
    )


def shown_stats(lk: Lookup, year: int, gid: str, fid: str | None = None) -> GroupStats:
    """A group's statistics as shown beside one of its agencies (a profile, a field table's
    group mean), without footnotes: made once per group and year for all its agencies."""
    return lk.cached(("shown_stats", year, gid, fid),
                     lambda: group_stats(lk, year, gid, NoNotes(), fid=fid))


def published(lk: Lookup, n: int, members: int) -> str:
    """"10 trên 63 tỉnh, thành phố được công bố" where a table prints some of the members
    (the noun is the data's, `portal.members`), else ""."""
    return narrative.published(n, members, lk.scale.members) \
        if members > n else ""


# ---- Indicators, innovations ------------------------------------------------------------------


INDICATOR_COLUMNS = ("year", "unit_id", "name", "value", "value" + PLACES, "unit", "note",
                     "source_id")


def indicators(results: Results, lk: Lookup, unit_id: str | None) -> list[Indicator]:
    """Statistics of an agency (unit_id None: the province's own), every year."""
    def table() -> pd.DataFrame:
        # empty years left out: pandas will stop ignoring their columns' dtypes
        frames = [yd.indicators.assign(year=y) for y, yd in results.dataset.years.items()
                  if not yd.indicators.empty]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
            columns=INDICATOR_COLUMNS)

    def by_unit() -> dict[str | None, list[Record]]:  # rows; made into Indicators page by page
        out: dict[str | None, list[Record]] = {}
        for r in records(lk.cached("indicators", table), INDICATOR_COLUMNS):
            out.setdefault(cast("str | None", r["unit_id"]), []).append(r)  # None: province's
        return out
    return [Indicator(year=as_int(r["year"]), name=as_str(r["name"]),
                      value=cast(float, as_number(r, "value")),  # required (validated)
                      unit=as_text(r["unit"]), note=as_text(r["note"]),
                      source=lk.source(r["source_id"]))
            for r in lk.cached("indicator_rows", by_unit).get(unit_id, [])]


def innovations(results: Results, lk: Lookup) -> list[Innovation]:
    out: list[Innovation] = []
    for year, yd in results.dataset.years.items():
        for i, r in enumerate(records(yd.innovations), start=1):
            fid = as_text(r["field_id"])
            out.append(Innovation(
                id=f"sk-{year}-{i}", year=year, unit=lk.unit(as_str(r["unit_id"])),
                title=as_str(r["title"]),
                summary=as_text(r["summary"]), field=lk.field(fid, year) if fid else None,
                url=as_text(r["url"]), source=lk.source(r["source_id"])))
    return out


# ---- Shared by several pages -------------------------------------------------------------


def crumbs(year: int | None = None) -> list[Ref]:
    out = [HOME, YEARS]
    if year is not None:
        out.append(Ref(str(year), t("Năm {year}", year=year), year_url(year)))
    return out


FIELD_ROW_COLUMNS = ("year", "unit_id", "group_id", "field_id", "score", "score" + PLACES,
                     "max_score", "max_score" + PLACES, "pct")


def field_row(lk: Lookup, r: Record) -> FieldRow:
    """One agency's score in one field and year, with its group's mean (footnotes left out)."""
    year, gid, fid = as_int(r["year"]), as_str(r["group_id"]), as_str(r["field_id"])
    return FieldRow(unit=lk.unit(as_str(r["unit_id"])), field=lk.field(fid, year),
                    score=as_number(r, "score"), max_score=as_number(r, "max_score"),
                    pct=as_float(r["pct"]), group_mean=shown_stats(lk, year, gid, fid).mean)


def unit_records(lk: Lookup) -> dict[str, Record]:
    return lk.cached("unit_records", lambda: dict(zip(map(as_str, lk.units.index),
                                                       records(lk.units), strict=True)))


def active_text(u: Record) -> str:
    start, end = as_float(u["active_from"]), as_float(u["active_to"])
    if start and end:
        return t("hoạt động từ năm {start} đến năm {end}", start=int(start), end=int(end))
    if end:
        return t("hoạt động đến năm {end}", end=int(end))
    if start:
        return t("hoạt động từ năm {start}", start=int(start))
    return ""


# ---- Trends -----------------------------------------------------------------------------------

def trend(lk: Lookup, gid: str | None, series: str) -> list[TrendPoint]:
    """The mean of a group (None: every agency) in every year of the package, as shown (the
    printed mean where the source prints one, else the computed), a year without either
    included as a gap. A year with only printed statistics (an earlier year a later report
    quotes) counts too; a year between with neither is listed without a value."""
    known = set(lk.results.years) | set(lk.results.dataset.years)
    years = range(min(known), max(known) + 1) if known else range(0)
    out = []
    for y in years:
        summary = lk.stats.index(y, gid) if y in lk.results.years else None
        out.append(TrendPoint(y, series, stat_value(summary.mean if summary else None,
                                                    printed(lk, y, gid, None, "mean"), None)))
    return out


def later(lk: Lookup, year: int) -> list[str]:
    """What became of the agencies of a year that stopped existing later: each ended group in
    one sentence, each other ended agency with the one that took over its tasks."""
    out: list[str] = []
    ended_groups = set()
    group_end = dict(zip(lk.groups_df["group_id"], lk.groups_df["active_to"], strict=True))
    for g in lk.groups_of(year):
        end = as_float(group_end[g.id])
        if end:
            ended_groups.add(g.id)
            out.append(narrative.group_ended(g.name, int(end)))
    for uid, u in unit_records(lk).items():
        end = as_float(u["active_to"])
        if not end or end < year or as_str(u["group_id"]) in ended_groups:
            continue
        start = as_float(u["active_from"])
        if start and start > year:
            continue
        succ = as_text(u["successor_id"])
        out.append(narrative.unit_ended(lk.unit(uid).name, int(end),
                                        lk.unit(succ).name if succ else None))
    return out
