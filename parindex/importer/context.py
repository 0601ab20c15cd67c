"""What the data package tells the importer: how its tables' columns may be headed (the
schemas' titles and `synonyms`, the components' and fields' names), how its agencies, groups
and bands are named, and the words of the rows that are not agencies (the `valueSynonyms` of
`published_stats.statistic`: "Trung bình", …; the titles of `note` and of a field's maximum).

Every wording comes from the package, so another province adds its own in its schemas
(`synonyms` on a field) or its tables (`aliases` of an agency), not in code.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, cast

import pandas as pd

from ..data import bands as bandlib
from ..data.portal import Scale
from ..data.tables import Dataset
from ..data.validate import Field, TableSchema
from .words import Names, key, name_key, provincial, unnumbered, within

STATISTICS = ("mean", "max", "min")  # what a row of a results table can print for its section
NOT_IN_WORKBOOKS = ("inferred", "known_error", "source_id")  # the portal's own columns


def _texts(values: Iterable[object]) -> list[str]:
    return [v for v in values if isinstance(v, str) and v.strip()]


def labels(f: Field) -> list[str]:
    """The ways a column may be headed: its name, its title, its documented `synonyms`."""
    extra = cast(Mapping[str, Any], f).get("synonyms", [])
    return [f["name"], f["title"], *_texts(extra if isinstance(extra, list) else [])]


def _column_keys(schema: TableSchema, more: Mapping[str, list[str]] | None = None
                 ) -> dict[str, str]:
    """Header key → column name; a key two columns share goes to the first (schema order)."""
    out: dict[str, str] = {}
    for f in schema["fields"]:
        if f["name"] in NOT_IN_WORKBOOKS:
            continue
        for label in labels(f) + list((more or {}).get(f["name"], [])):
            out.setdefault(key(label), f["name"])
    return out


def _field(schema: TableSchema, name: str) -> Field:
    return next(f for f in schema["fields"] if f["name"] == name)


def _rows(frame: pd.DataFrame, *columns: str) -> Iterator[tuple[Any, ...]]:
    return zip(*(frame[c] for c in columns), strict=True)


@dataclass(frozen=True)
class Context:
    """Everything the importer matches a workbook against, for one year."""

    year: int
    scale: Scale
    score_columns: dict[str, str]  # header key → scores column
    unit_column: set[str]  # header keys of the agency's name
    types: dict[str, str]  # scores column → its Table Schema type
    fields: Names  # field names, short names, ids → field_id
    units: Names  # agency names, aliases, ids → unit_id
    short_names: Names  # agency short names → unit_id (tried after `units`)
    unit_group: dict[str, str]  # unit_id → group_id
    unit_name: dict[str, str]
    groups: Names
    group_name: dict[str, str]
    bands: Names  # the year's band names and ids → band_id
    band_names: list[str]
    statistics: dict[str, str]  # row label key → statistic
    note_rows: set[str]  # label keys of a note row ("Ghi chú")
    maxima_rows: set[str]  # label keys of a row of field maxima ("Điểm tối đa")

    @classmethod
    def of(cls, ds: Dataset, year: int) -> Context:
        scores = ds.schemas["scores"]
        comps = ds.components
        extra = {cid: _texts([name, short]) for cid, name, short
                 in _rows(comps, "component_id", "name", "short_name")}
        units = ds.units
        stat = _field(ds.schemas["published_stats"], "statistic")
        said = cast(Mapping[str, Any], stat).get("valueSynonyms", {})
        words = {s: [s, *_texts(said.get(s, []) if isinstance(said, dict) else [])]
                 for s in STATISTICS}
        band_table = bandlib.for_year(ds.bands, year)
        return cls(
            year=year, scale=ds.scale,
            score_columns=_column_keys(scores, extra),
            unit_column={key(x) for x in labels(_field(scores, "unit_id"))
                         + labels(_field(ds.schemas["field_scores"], "unit_id"))},
            types={f["name"]: f["type"] for f in scores["fields"]},
            fields=Names((fid, _texts([name, short, fid])) for fid, name, short
                         in _rows(ds.fields, "field_id", "name", "short_name")),
            units=Names((uid, _texts([name, *(aliases or "").split("|"), uid]))
                        for uid, name, aliases in _rows(units, "unit_id", "name", "aliases")),
            short_names=Names((uid, _texts([short])) for uid, short
                              in _rows(units, "unit_id", "short_name")),
            unit_group=dict(_rows(units, "unit_id", "group_id")),
            unit_name=dict(_rows(units, "unit_id", "name")),
            groups=Names(((gid, _texts([name, short, gid])) for gid, name, short
                          in _rows(ds.groups, "group_id", "name", "short_name")), key),
            group_name=dict(_rows(ds.groups, "group_id", "name")),
            bands=Names(((bid, _texts([name, bid])) for bid, name
                         in _rows(band_table, "band_id", "name")), key),
            band_names=_texts(band_table["name"]),
            statistics={key(w): s for s, ws in words.items() for w in ws},
            note_rows={key(x) for x in labels(_field(scores, "note"))},
            maxima_rows={key(x) for x in labels(_field(ds.schemas["field_maxima"],
                                                       "max_score"))},
        )

    def unit(self, name: str) -> tuple[set[str], str]:
        """The agencies a name may be (by name, alias or id, else by short name), and the
        name read when the workbook's is not known as written: without what follows "tỉnh"
        ("Công an tỉnh X" read as "Công an tỉnh", then "Công an")."""
        short = provincial(name)
        tries = dict.fromkeys([name, short, short.rsplit(" ", 1)[0] if key(short).endswith(
            key("tỉnh")) else short])
        for read in tries:
            found = self.units.find(read) or self.short_names.find(read)
            if found:
                return found, "" if read == name else read
        return set(), ""

    def field(self, header: str) -> str | None:
        """The field a column's header names: by a field's name, short name or id (with or
        without its numbering, "3. Cải cách TTHC"), else the one field whose name or short name
        the header holds ("Tác động của CCHC đến người dân": tác-dong), the longest if several."""
        for text in (unnumbered(header), header):
            found = self.fields.find(text)
            if len(found) == 1:
                return found.pop()
        k = name_key(unnumbered(header))
        held = sorted(((len(label), fid) for label, fids in self.fields.ids.items()
                       for fid in fids if within(label, k) or within(k, label)), reverse=True)
        if held and (len(held) == 1 or held[0][0] > held[1][0] or held[0][1] == held[1][1]):
            return held[0][1]
        return None

    def statistic(self, label: str) -> str | None:
        """The statistic a row's label prints ("TRUNG BÌNH", "Trung bình chung" → mean)."""
        k = key(label)
        return next((s for w, s in self.statistics.items()
                     if k == w or k.startswith(w + " ")), None)

    def is_note(self, label: str) -> bool:
        k = key(label)
        return any(k == w or k.startswith(w + " ") for w in self.note_rows)

    def is_maxima(self, label: str) -> bool:
        k = key(label)
        return any(k == w or k.startswith(w + " ") for w in self.maxima_rows)
