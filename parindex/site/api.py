"""The static JSON API (`api/v1/`): each data page's model as a JSON document, the index of
every endpoint (`index.json`), and the model of its documentation page (`du-lieu/api/`).

A function of the page models, never a second computation: a document holds what its page
shows, so the API and the site cannot disagree. Numbers are numbers with the precision they are
shown with: a value the source prints keeps its printed decimals (97.685, 7.00), any other is
rounded half-up to two (76.20), as on the pages (`fmt`). Documents are stable: keys sorted, no
timestamps, every URL site-relative ("don-vi/x/", "api/v1/agencies/x.json"); equal models give
equal bytes. Each kind has a JSON Schema (`api_schemas`), published beside the documents.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any, NamedTuple

from .. import fmt
from ..data.portal import Scale
from . import urls
from .models import (
    HOME,
    Band,
    DirectoryPage,
    FieldPage,
    FieldRow,
    GroupStats,
    Indicator,
    Innovation,
    InnovationsPage,
    Page,
    RankingPage,
    Ref,
    ScoreRow,
    Source,
    Stat,
    UnitPage,
    Value,
    YearPage,
    YearsPage,
)
from .urls import (
    API_DOCS_URL,
    API_INDEX_URL,
    DOWNLOADS_URL,
    api_field_url,
    api_group_url,
    api_innovations_url,
    api_schema_url,
    api_unit_url,
    api_years_url,
)

Doc = dict[str, Any]  # a JSON document: str, int, bool, None, Decimal (a number), lists, dicts
VERSION = 1


class Kind(NamedTuple):
    """A kind of document: where its documents are (a pattern of `urls`), what one holds."""

    kind: str
    pattern: str
    description: str


KINDS: dict[str, Kind] = {k.kind: k for k in (
    Kind("years", urls.API_YEARS, "Các năm có số liệu: số đơn vị và chỉ số trung bình của "
         "từng năm; số liệu chung của tỉnh qua các năm."),
    Kind("year", urls.API_YEAR, "Một năm: thống kê chung và của từng nhóm, xếp loại, chỉ số "
         "trung bình theo lĩnh vực, số liệu chung, số sáng kiến."),
    Kind("group", urls.API_GROUP, "Bảng xếp hạng của một nhóm cơ quan, đơn vị trong một năm: "
         "điểm thành phần, tổng điểm, chỉ số, hạng, xếp loại, thay đổi so với năm trước; "
         "thống kê của nhóm."),
    Kind("field", urls.API_FIELD, "Một lĩnh vực trong một năm: điểm của từng cơ quan, đơn vị "
         "theo nhóm, tỷ lệ đạt được, trung bình của nhóm."),
    Kind("agencies", urls.API_UNITS, "Danh sách cơ quan, đơn vị: nhóm, thời gian hoạt động, "
         "kết quả năm gần nhất."),
    Kind("agency", urls.API_UNIT, "Một cơ quan, đơn vị: kết quả qua các năm (điểm thành phần, "
         "tổng điểm, chỉ số, hạng, xếp loại), điểm theo lĩnh vực của năm gần nhất, sáng kiến, "
         "số liệu khác, nguồn."),
    Kind("innovations", urls.API_INNOVATIONS, "Sáng kiến cải cách hành chính được công nhận, "
         "mọi năm, và số sáng kiến của từng năm."),
    Kind("innovations-year", urls.API_INNOVATIONS_YEAR,
         "Sáng kiến cải cách hành chính được công nhận trong một năm."),
)}
INDEX = Kind("index", API_INDEX_URL, "Danh mục mọi điểm truy cập (endpoint) của API.")


@dataclass(frozen=True)
class Endpoint:
    """One document of the API, as `index.json` lists it."""

    path: str
    kind: str
    title: str
    page: str  # the HTML page it is the data of

    @property
    def schema(self) -> str:
        return api_schema_url(self.kind)

    @property
    def description(self) -> str:
        return f"{self.title}. {KINDS[self.kind].description}"


# ---- Numbers and small values ------------------------------------------------------------------


def number(x: float | None) -> Decimal | None:
    """A number as the pages show it: printed ones with their decimals, others with two."""
    if x is None or fmt.is_missing(x):
        return None
    d = fmt.round_half_up(x, fmt.decimals(x))
    return d if d else abs(d)  # never -0.00


def count(x: float | None) -> int | Decimal | None:
    """A count: a whole number as an integer unless the source prints it otherwise."""
    if x is not None and float(x).is_integer() and not isinstance(x, fmt.Printed):
        return int(x)
    return number(x)


def value(v: Value, make: Callable[[float | None], object] = number) -> Doc:
    """A shown value: the number, where it comes from, its footnote (an index of `notes`)."""
    return {"value": make(v.value), "origin": v.origin or None, "note": v.note}


def ref(r: Ref, api: str | None = None) -> Doc:
    """Something the page links to; `api` its document, if any."""
    return {"id": r.id, "name": r.name, "short_name": r.short_name or r.name,
            "page": r.url or None, "api": api if r.url else None}


def unit_ref(r: Ref) -> Doc:
    return ref(r, api_unit_url(r.id))


def group_ref(r: Ref, year: int) -> Doc:
    return ref(r, api_group_url(year, r.id))


def field_ref(r: Ref, year: int) -> Doc:
    return ref(r, api_field_url(year, r.id))


def source(s: Source) -> Doc:
    return {"id": s.id, "title": s.title, "number": s.number or None,
            "date": s.date.isoformat() if s.date else None, "issuer": s.issuer or None,
            "url": s.url or None, "note": s.note or None, "citation": s.citation}


def band(b: Band | None) -> Doc | None:
    if b is None:
        return None
    return {"id": b.id, "name": b.name, "order": b.order, "range": b.range_text,
            "range_stated": b.range_stated, "range_inferred": b.range_inferred}


def score_row(r: ScoreRow, components: Sequence[Ref], *, in_history: bool = False) -> Doc:
    """An agency's year. In a ranking each row names its agency (`unit`); in an agency's
    history, the group it was ranked in that year (`group`), not itself again."""
    named = {"group": group_ref(r.group, r.year)} if in_history else {"unit": unit_ref(r.unit)}
    return {
        **named, "year": r.year,
        "max_score": number(r.max_score), "max_score_inferred": r.max_score_inferred,
        "components": {c.id: number(x) for c, x in zip(components, r.components, strict=True)},
        "total": value(r.total), "index": value(r.index),
        "rank": r.rank, "rank_inferred": r.rank_inferred, "group_size": r.group_size,
        "band": band(r.band), "band_inferred": r.band_inferred,
        "index_change": number(r.index_change), "rank_change": r.rank_change, "note": r.note,
    }


def stats(s: GroupStats, year: int) -> Doc:
    def extreme(st: Stat) -> Doc:
        return {"value": value(st.value), "agencies": [unit_ref(u) for u in st.units]}
    return {
        "group": group_ref(s.group, year) if s.group else None,
        "agencies": s.n, "agencies_with_value": s.n_known, "mean": value(s.mean),
        "highest": extreme(s.highest), "lowest": extreme(s.lowest),
        "spread": value(s.spread), "mean_change": value(s.mean_change),
        "band_counts": [{"band": b.id, "count": value(v, count)} for b, v in s.band_counts],
    }


def field_row(r: FieldRow, year: int, *, of_unit: bool = False) -> Doc:
    """A score in a field. On a field's page each row names its agency (`unit`); on an
    agency's, the field (`field`) and its group's mean there (`group_mean`), which a field's
    document gives once per group (`stats`)."""
    named = {"field": field_ref(r.field, year), "group_mean": value(r.group_mean)} if of_unit \
        else {"unit": unit_ref(r.unit)}
    return {**named, "score": number(r.score), "max_score": number(r.max_score),
            "pct": number(r.pct)}


def innovation(i: Innovation) -> Doc:
    return {"id": i.id, "year": i.year, "unit": unit_ref(i.unit), "title": i.title,
            "summary": i.summary, "field": field_ref(i.field, i.year) if i.field else None,
            "url": i.url, "source": i.source.id if i.source else None}


def indicator(i: Indicator) -> Doc:
    return {"year": i.year, "name": i.name, "value": number(i.value), "unit": i.unit,
            "note": i.note, "source": i.source.id if i.source else None}


# ---- Documents -----------------------------------------------------------------------------


def _envelope(page: Page, cited: Sequence[Source | None] = ()) -> Doc:
    """What every document has: its kind and schema, its own path (`api`), its page, title and
    lead, its footnotes (a value's `note` n is `notes[n-1]`), and the sources of its numbers
    (with those of its innovations and indicators, which a page may cite elsewhere)."""
    kind, path = WHERE[type(page)](page)
    known = {s.id: s for s in [*page.sources, *(c for c in cited if c)]}
    return {"kind": kind, "schema": api_schema_url(kind), "api": path, "page": page.url,
            "title": page.title, "lead": page.lead or None, "notes": list(page.notes),
            "sources": [source(s) for s in known.values()]}


def _years(p: YearsPage) -> Doc:
    return {**_envelope(p, [i.source for i in p.indicators]),
            "years": [{"year": y.year, "agencies": y.n, "mean": value(y.mean), "page": y.url,
                       "api": api_years_url(y.year)} for y in p.years],
            "indicators": [indicator(i) for i in p.indicators]}


def _year(p: YearPage) -> Doc:
    y = p.year
    return {
        **_envelope(p, [i.source for i in p.indicators]), "year": y,
        "stats": stats(p.stats, y), "groups": [stats(g, y) for g in p.groups],
        "bands": [band(b) for b in p.bands],
        "fields": [{"field": field_ref(f.field, y), "mean": value(f.mean),
                    "mean_change": value(f.mean_change),
                    "group_means": [{"group": g.group.id if g.group else None, "mean": value(m)}
                                    for g, m in zip(p.groups, f.group_means, strict=True)]}
                   for f in p.fields],
        "indicators": [indicator(i) for i in p.indicators],
        "innovations": {"count": p.innovations,
                        "page": p.innovations_url if p.innovations else None,
                        "api": api_innovations_url(y) if p.innovations else None},
        "downloads": {"csv": p.csv_url, "json": p.json_url},
    }


def _group(p: RankingPage) -> Doc:
    y = p.year
    return {**_envelope(p), "year": y,
            "group": group_ref(p.group, y), "components": [ref(c) for c in p.components],
            "rows": [score_row(r, p.components) for r in p.rows],
            "stats": stats(p.stats, y), "bands": [band(b) for b in p.bands],
            "fields": [field_ref(f, y) for f in p.fields], "downloads": {"csv": p.csv_url}}


def _field(p: FieldPage) -> Doc:
    y = p.year
    return {**_envelope(p), "year": y,
            "field": field_ref(p.field, y), "mean": value(p.mean),
            "groups": [{"group": group_ref(g.group, y), "max_score": number(g.max_score),
                        "agencies": g.total, "complete": not g.ends,
                        "rows": [field_row(r, y) for r in g.rows], "stats": stats(g.stats, y)}
                       for g in p.groups],
            "other_fields": [field_ref(f, y) for f in p.other_fields],
            "downloads": {"csv": p.csv_url}}


def _agencies(p: DirectoryPage) -> Doc:
    def latest(r: ScoreRow | None) -> Doc | None:
        return None if r is None else {
            "year": r.year, "index": value(r.index), "rank": r.rank,
            "rank_inferred": r.rank_inferred, "group_size": r.group_size, "band": band(r.band),
            "band_inferred": r.band_inferred}
    return {**_envelope(p),
            "agencies": [{"unit": unit_ref(e.unit), "group": ref(e.group),
                          "active": e.active or None, "latest": latest(e.latest)}
                         for e in p.entries]}


def _agency(p: UnitPage) -> Doc:
    return {
        **_envelope(p, [i.source for i in p.innovations] + [i.source for i in p.indicators]),
        "unit": unit_ref(p.unit), "group": ref(p.group), "aliases": list(p.aliases),
        "active": p.active or None,
        "successor": unit_ref(p.successor) if p.successor else None, "remark": p.remark,
        "components": [ref(c) for c in p.components],
        "history": [score_row(h.row, p.components, in_history=True) for h in p.history],
        "fields_year": p.fields_year,
        "fields": [field_row(r, p.fields_year, of_unit=True) for r in p.fields]
        if p.fields_year else [],
        "innovations": [innovation(i) for i in p.innovations],
        "indicators": [indicator(i) for i in p.indicators],
    }


def _innovations(p: InnovationsPage) -> Doc:
    return {**_envelope(p, [i.source for i in p.items]),
            "year": p.year, "listed": p.listed,
            "counts": [{"year": c.year, "count": c.n, "page": c.url,
                        "api": api_innovations_url(c.year)} for c in p.counts],
            "innovations": [innovation(i) for i in p.items]}


MAKERS: dict[type[Page], Callable[[Any], Doc]] = {
    YearsPage: _years, YearPage: _year, RankingPage: _group, FieldPage: _field,
    DirectoryPage: _agencies, UnitPage: _agency, InnovationsPage: _innovations}

# each document's kind and path, from its page
WHERE: dict[type[Page], Callable[[Any], tuple[str, str]]] = {
    YearsPage: lambda p: ("years", api_years_url()),
    YearPage: lambda p: ("year", api_years_url(p.year)),
    RankingPage: lambda p: ("group", api_group_url(p.year, p.group.id)),
    FieldPage: lambda p: ("field", api_field_url(p.year, p.field.id)),
    DirectoryPage: lambda p: ("agencies", api_unit_url()),
    UnitPage: lambda p: ("agency", api_unit_url(p.unit.id)),
    InnovationsPage: lambda p: ("innovations" if p.year is None else "innovations-year",
                                api_innovations_url(p.year))}


def endpoint(page: Page) -> Endpoint | None:
    """Where the page's document goes, without making it (a build whose page is unchanged
    takes the document from its store); None for a page without one (home, downloads,
    method: their numbers are in the others)."""
    where = WHERE.get(type(page))
    if where is None:
        return None
    kind, path = where(page)
    return Endpoint(path, kind, page.title, page.url)


def document(page: Page) -> tuple[Endpoint, Doc] | None:
    """The page's document and where it goes; None for a page without one."""
    made = endpoint(page)
    return None if made is None else (made, MAKERS[type(page)](page))


def index(endpoints: Sequence[Endpoint], scale: Scale) -> Doc:
    """`index.json`: every endpoint, the kinds with their schemas, what the index is."""
    counts = {k: sum(e.kind == k for e in endpoints) for k in KINDS}
    return {
        "kind": INDEX.kind, "schema": api_schema_url(INDEX.kind), "version": VERSION,
        "title": "API dữ liệu", "description": INDEX.description, "docs": API_DOCS_URL,
        "index": {"name": scale.name, "scale": scale.kind},
        "kinds": [{"kind": k.kind, "pattern": k.pattern, "description": k.description,
                   "schema": api_schema_url(k.kind), "count": counts[k.kind]}
                  for k in KINDS.values() if counts[k.kind]],
        "endpoints": [{"path": e.path, "kind": e.kind, "schema": e.schema, "title": e.title,
                       "description": e.description, "page": e.page} for e in endpoints],
    }


# ---- JSON text ------------------------------------------------------------------------------


def dumps(doc: object) -> str:
    """`doc` as compact JSON text, keys sorted, a number with its decimals (a `Decimal` 7.00
    stays 7.00, where Python's json would write a float, 7.0). Written here rather than with
    `json.dumps`, whose encoder takes no number as written; as fast (the C string encoder)."""
    out: list[str] = []
    _write(doc, out)
    return "".join(out) + "\n"


_string = json.encoder.encode_basestring  # a str as JSON, non-ASCII kept (C where it can)


@lru_cache(maxsize=1024)
def _key(k: str) -> str:
    return _string(k) + ":"


def _write(x: object, out: list[str]) -> None:
    if isinstance(x, str):
        out.append(_string(x))
    elif isinstance(x, dict):
        out.append("{")
        sep = ""
        for k in sorted(x):
            out.append(sep + _key(k))
            _write(x[k], out)
            sep = ","
        out.append("}")
    elif isinstance(x, list):
        out.append("[")
        for i, item in enumerate(x):
            if i:
                out.append(",")
            _write(item, out)
        out.append("]")
    elif x is None or isinstance(x, bool):
        out.append("null" if x is None else "true" if x else "false")
    elif isinstance(x, int | Decimal):
        out.append(str(x))
    else:  # a float would lose its printed decimals
        raise TypeError(f"not a value of a document (numbers are api.number's): {x!r}")


# ---- The documentation page ----------------------------------------------------------------


PREVIEW_ROOT = "http://127.0.0.1:8000/"  # where `make serve` shows a preview build


@dataclass(frozen=True)
class KindDoc:
    """A kind of document as the documentation page shows it: an example of it, and how many
    there are."""

    kind: Kind
    schema: str
    count: int
    example: Endpoint


@dataclass(frozen=True, kw_only=True)
class ApiPage(Page):
    """`du-lieu/api/`: what the API holds, its promise, every kind with an example."""

    api_root: str
    index_url: str
    kinds: list[KindDoc]
    scale: Scale
    example_group: Endpoint | None  # a ranking, for the pandas example

    def curl(self, root: str) -> str:
        """The shell example, for the site at `root` (its address, ending with "/"; a preview
        build knows none: its examples fetch from `make serve`)."""
        root = PREVIEW_ROOT if root == "/" else root
        agency = next((k.example for k in self.kinds if k.kind.kind == "agency"), None)
        return "\n".join(f"curl -s {root}{path}" for path in
                         [self.index_url, *([agency.path] if agency else [])])

    def pandas(self, root: str) -> str:
        """The Python example: a ranking as a table (`root` as for `curl`)."""
        root = PREVIEW_ROOT if root == "/" else root
        e = self.example_group
        if e is None:
            return ""
        return "\n".join([
            "import json",
            "from urllib.request import urlopen",
            "",
            "import pandas as pd",
            "",
            f'ROOT = "{root}"',
            f'with urlopen(ROOT + "{e.path}") as f:',
            "    doc = json.load(f)",
            'rows = pd.json_normalize(doc["rows"])',
            'print(rows[["rank", "unit.name", "index.value"]])',
        ])


def docs_page(endpoints: Sequence[Endpoint], scale: Scale) -> ApiPage:
    """The documentation page of the API whose documents are `endpoints`."""
    kinds = []
    for k in KINDS.values():
        mine = [e for e in endpoints if e.kind == k.kind]
        if mine:
            kinds.append(KindDoc(k, api_schema_url(k.kind), len(mine), mine[0]))
    return ApiPage(
        url=API_DOCS_URL, template="api", title="API dữ liệu (JSON)",
        lead="Mọi số liệu của cổng dưới dạng tệp JSON có địa chỉ cố định, kèm mô tả cấu trúc "
             "(JSON Schema), để báo chí, nhà nghiên cứu và cơ quan khác dùng lại.",
        breadcrumbs=[HOME, Ref("du-lieu", "Dữ liệu", DOWNLOADS_URL)],
        api_root=urls.API_ROOT, index_url=API_INDEX_URL, kinds=kinds, scale=scale,
        example_group=next((e for e in reversed(endpoints) if e.kind == "group"), None))
