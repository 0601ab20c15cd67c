"""Check tables against their Table Schema, and the tables against each other.

A table is checked column by column (type, required, pattern, enum, bounds, uniqueness) and by
its primary key; references between tables follow the schema's foreign keys; the rules no schema
can say (a score above its maximum, a band table with a gap) come last. Every check returns
problems instead of stopping, so an editor sees everything that is wrong in one run.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from functools import partial
from typing import Required, TypedDict

import numpy as np
import numpy.typing as npt
import pandas as pd

from .cells import EXPECTED, PARSERS, TOO_LONG, Parsed, readings, unsafe_urls
from .problems import CODES, Problem, row_number
from .read import RawTable

MAX_PER_KIND = 20  # beyond this many cells with the same problem in a column, one summary line
PLACES = "_places"  # a number column's sibling in a typed table: each value's decimals as written
NUMBER_CELL = "\t"  # marks a workbook's number cell within `_parse`: no trimmed text starts so


class Constraints(TypedDict, total=False):
    required: bool
    unique: bool
    pattern: str
    enum: list[str]
    minimum: float
    maximum: float


class Signs(TypedDict, total=False):
    """How a column writes its numbers (Table Schema): on a field, or for every number column
    of a resource or of the whole package (`datapackage.json`)."""

    decimalChar: str
    groupChar: str


class Field(Signs, total=False):
    name: Required[str]
    type: Required[str]  # a key of cells.PARSERS
    title: str
    description: str
    format: str
    constraints: Constraints


class Reference(TypedDict):
    resource: str
    fields: list[str]


class ForeignKey(TypedDict):
    fields: list[str]
    reference: Reference


class TableSchema(TypedDict, total=False):
    """`schemas/<table>.json`: the parts of Frictionless Table Schema that are checked here."""

    fields: Required[list[Field]]
    primaryKey: list[str]
    foreignKeys: list[ForeignKey]
    missingValues: list[str]


def _fmt(v: object) -> str:
    return f"{v:g}".replace(".", ",") if isinstance(v, float) else str(v)


def _capped(raw: RawTable, rows: Iterable[int], column: str, *, code: str,
            expected: str | None = None, **fill: object) -> list[Problem]:
    """A problem of `code` for each of the first MAX_PER_KIND rows, then one line for the rest.
    What was expected: `expected`, else the code's template filled with `fill`."""
    rows = list(rows)
    cells = raw.frame[column] if column in raw.frame else None
    said = CODES[code].expected(**fill) if expected is None else expected
    out = [
        raw.problem(code=code, row=int(r), column=column,
                    value=None if cells is None else cells.get(r, ""), expected=said)
        for r in rows[:MAX_PER_KIND]
    ]
    if len(rows) > MAX_PER_KIND:
        out.append(raw.problem(code=code, column=column, hint="",
                               expected=f"và {len(rows) - MAX_PER_KIND} dòng khác cùng lỗi này"))
    return out


def closest(value: str, choices: Iterable[str]) -> str:
    match = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f"có phải ý bạn là '{match[0]}'?" if match else ""


def _parse(f: Field, cells: pd.Series, signs: Signs, numbers: pd.Series | None
           ) -> tuple[np.ndarray, pd.Series, Parsed]:
    """Each distinct text parsed and checked once: columns repeat the same ids and scores many
    times. Each cell's code (its position among the distinct texts), and the distinct texts and
    what they mean. A number column is read with its own signs, else `signs`; a workbook's
    number cells (`numbers`) are numbers written with a decimal point, never ambiguous."""
    kind = f["type"]
    if kind not in ("number", "integer"):
        codes, texts = _distinct(cells)
        return codes, texts, PARSERS[kind](texts)
    decimal = f.get("decimalChar", signs.get("decimalChar", ""))
    group = f.get("groupChar", signs.get("groupChar", ""))
    if numbers is None or not numbers.any():
        codes, texts = _distinct(cells)
        return codes, texts, PARSERS[kind](texts, decimal, group)
    codes, texts = _distinct(cells.mask(numbers, NUMBER_CELL + cells))
    typed = ~texts.str.startswith(NUMBER_CELL)
    texts = texts.str.removeprefix(NUMBER_CELL)
    a = PARSERS[kind](texts[typed], decimal, group)
    b = PARSERS[kind](texts[~typed], ".", "")

    def join(x: pd.Series, y: pd.Series) -> pd.Series:
        joined: pd.Series = pd.concat([x, y]).reindex(texts.index)
        return joined
    places = None if a.places is None or b.places is None else join(a.places, b.places)
    return codes, texts, Parsed(join(a.values, b.values), join(a.status, b.status), places)


def _distinct(cells: pd.Series) -> tuple[np.ndarray, pd.Series]:
    codes, distinct = pd.factorize(cells)  # text cells (read.py): never NaN, no code -1
    return codes, pd.Series(distinct, dtype=object)


def _settle(texts: pd.Series, f: Field, bound: pd.Series | None
            ) -> tuple[pd.Series, pd.Series]:
    """Ambiguous cells (by row) read the one way that their column's bounds and type, and their
    row's maximum (`bound`), leave possible: each value and its places, NaN where both ways or
    neither remain. 97,685 in a column of at most 100 is 97.685, never 97685."""
    cons = f.get("constraints", {})
    decimal, decimal_places, thousands = readings(texts)

    def possible(x: pd.Series) -> pd.Series:
        ok = pd.Series(True, index=x.index)
        if f["type"] != "number":
            ok &= x == x.round()
        if "minimum" in cons:
            ok &= x >= cons["minimum"]
        if "maximum" in cons:
            ok &= x <= cons["maximum"]
        if bound is not None:
            ok &= ~(x > bound.reindex(x.index))  # a row without a maximum does not decide
        return ok

    as_decimal, as_thousands = possible(decimal), possible(thousands)
    one_way = as_decimal != as_thousands
    values = decimal.where(as_decimal, thousands).where(one_way)
    places = decimal_places.where(as_decimal, 0).where(one_way).astype("Int64")
    return values, places


def _rows(index: pd.Index, codes: np.ndarray,
          where: pd.Series[bool] | npt.NDArray[np.bool_]) -> pd.Index:
    """The rows whose text is one of the distinct texts that `where` marks."""
    marked: npt.NDArray[np.bool_] = np.asarray(where, dtype=bool)[codes]
    return index[marked]


def _title(f: Field) -> str:
    """A column as editors know it: its title, else its name (a title is optional)."""
    return f.get("title") or f["name"]


# Columns of the project's schemas a package may leave out, silently (no `absent-column`):
# the English names of the English edition, which most data never gives.
OPTIONAL = frozenset({"name_en"})


def _absent(raw: RawTable, f: Field, key: list[str]) -> Problem:
    """A declared column the file does not have. An error where its cells matter: a required
    column, a key, a column of numbers (without it every number of the column would be taken as
    not published, and published results would change); otherwise a warning saying so."""
    fill = {"name": f["name"], "title": _title(f)}
    if f.get("constraints", {}).get("required") or f["name"] in key:
        return raw.problem(code="missing-column", row=1, column=f["name"],
                           fill=fill | {"why": "cột này bắt buộc"})
    if f["type"] in ("number", "integer"):
        return raw.problem(code="missing-column", row=1, column=f["name"],
                           fill=fill | {"why": "đây là cột số liệu; nếu văn bản nguồn không có "
                                        "số nào của cột, vẫn giữ cột và để trống các ô"})
    return raw.problem(code="absent-column", row=1, column=f["name"], fill=fill)


def check_table(raw: RawTable, schema: TableSchema, signs: Signs | None = None,
                row_maximum: str | None = None, key: bool = True, closed: bool = False
                ) -> tuple[pd.DataFrame, list[Problem]]:
    """Typed columns of `raw` (index: spreadsheet row numbers) and the problems found. A number
    column comes with its sibling `<name>_places` (PLACES): each value's decimals as written.

    `signs`: the resource's or package's decimalChar/groupChar, for number columns that declare
    none. `row_maximum`: the column that holds each row's maximum score (`max_score`), which
    bounds the row's other numbers that have no maximum of their own. `key`: whether to check
    the primary key here; the loader checks it once agencies' names are resolved to ids
    (`primary_key`), so that a name in place of an id cannot hide a duplicate. `closed`: a
    column the schema does not have is an error, not a warning (the scores: a column that is
    no component would be left out of every total).
    """
    problems: list[Problem] = []
    names = [f["name"] for f in schema["fields"]]
    header = list(raw.frame.columns)
    for col in {c for c in header if header.count(c) > 1}:
        problems.append(raw.problem(code="duplicate-header", row=1, column=col))
    for col in header:
        if col in names:
            continue
        if closed:
            problems.append(raw.problem(
                code="undeclared-component", row=1, column=col, fill={"column": col},
                hint=closest(col, names) or CODES["undeclared-component"].hint.format(
                    column=col)))
        else:
            problems.append(raw.problem(code="extra-column", row=1, column=col,
                                        hint=closest(col, names)))
    unique_columns = ~raw.frame.columns.duplicated()
    frame = raw.frame.loc[:, unique_columns]
    numbers = None if raw.numbers is None else raw.numbers.loc[:, unique_columns]
    by_name = {f["name"]: f for f in schema["fields"]}

    def column(f: Field) -> tuple[np.ndarray, pd.Series, Parsed]:
        name = f["name"]
        cells = frame[name] if name in frame else pd.Series("", index=frame.index, dtype=object)
        nums = numbers[name] if numbers is not None and name in numbers else None
        return _parse(f, cells, signs or {}, nums)

    def bound(f: Field) -> pd.Series | None:
        """The row maximum that bounds column `f`, if any."""
        if row_maximum is None or row_maximum == f["name"] or f["type"] != "number" \
                or "maximum" in f.get("constraints", {}) or row_maximum not in frame:
            return None
        codes, _, parsed = column(by_name[row_maximum])
        return parsed.values.iloc[codes].set_axis(frame.index)

    typed: dict[str, pd.Series] = {}
    for f in schema["fields"]:
        name, cons = f["name"], f.get("constraints", {})
        if name not in frame:
            if name not in OPTIONAL:
                problems.append(_absent(raw, f, schema.get("primaryKey", [])))
            frame = frame.assign(**{name: ""})
        cells = frame[name]
        codes, distinct, (dvalues, dstatus, dplaces) = column(f)
        rows = partial(_rows, cells.index, codes)
        values = dvalues.iloc[codes].set_axis(cells.index)
        places = None if dplaces is None else dplaces.iloc[codes].set_axis(cells.index)
        problems += _capped(raw, rows(dstatus == "invalid"), name, code="type",
                            expected=EXPECTED[f["type"]])
        problems += _capped(raw, rows(dstatus == "too-long"), name, code="type",
                            expected=TOO_LONG)
        ambiguous = rows(dstatus == "ambiguous")
        if len(ambiguous):
            settled, settled_places = _settle(cells[ambiguous], f, bound(f))
            values.loc[ambiguous] = settled.to_numpy()  # by position: an Int64 column
            if places is not None:                      # coerces a Series by its labels
                places.loc[ambiguous] = settled_places.to_numpy()
            ambiguous = settled.index[settled.isna()]
        problems += _capped(raw, ambiguous, name, code="ambiguous")
        if cons.get("required"):
            problems += _capped(raw, rows(distinct == ""), name, code="required",
                                expected=f"ô không được để trống ({_title(f)})")
        present = dvalues.notna().to_numpy()
        if "pattern" in cons:
            good = distinct.str.fullmatch(cons["pattern"]).fillna(False).astype(bool)
            problems += _capped(raw, rows(present & ~good), name, code="pattern")
        if "enum" in cons:
            problems += _capped(raw, rows(present & ~distinct.isin(cons["enum"])), name,
                                code="enum", expected="cần một trong: " + ", ".join(cons["enum"]))
        if "minimum" in cons:
            problems += _capped(raw, rows(present & (dvalues < cons["minimum"])), name,
                                code="minimum", minimum=_fmt(cons["minimum"]))
        if "maximum" in cons:
            problems += _capped(raw, rows(present & (dvalues > cons["maximum"])), name,
                                code="maximum", maximum=_fmt(cons["maximum"]))
        if cons.get("unique"):
            problems += _capped(raw, values.index[values.notna() & values.duplicated()], name,
                                code="unique")
        if f.get("format") == "uri":
            problems += _capped(raw, rows(unsafe_urls(distinct)), name, code="url")
        typed[name] = values
        if places is not None:
            typed[name + PLACES] = places
    table = pd.DataFrame(typed, index=frame.index)
    if key:
        problems += primary_key(raw, table, schema.get("primaryKey", []))
    return table, problems


def primary_key(raw: RawTable, table: pd.DataFrame, key: list[str]) -> list[Problem]:
    """A row whose key (the schema's `primaryKey`) an earlier row already has."""
    if not key or table.empty:
        return []
    keys = table[key].astype(str)
    dup = keys.duplicated(keep=False)
    if not dup.any():
        return []
    first_row = keys[dup].reset_index().groupby(key)["index"].transform("min")
    first_row.index = keys[dup].index
    out = []
    for row, first in first_row.items():
        if row != first:
            values = ", ".join(str(table.at[row, k]) for k in key)
            out.append(raw.problem(code="duplicate-row", row=row_number(row),
                                   column=", ".join(key), value=values,
                                   fill={"first": first}))
    return out[:MAX_PER_KIND]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def unit_lookup(units: pd.DataFrame) -> dict[str, str | None]:
    """Every way an editor may name an agency (id, name, alias) → its id; None if ambiguous."""
    lookup: dict[str, str | None] = {}
    for uid, name, aliases in zip(units["unit_id"], units["name"], units["aliases"],
                                  strict=True):
        if uid is None:
            continue
        names = [uid, name or ""] + (aliases or "").split("|")
        for n in {_norm(n) for n in names if n and n.strip()}:
            lookup[n] = uid if lookup.get(n, uid) == uid else None
    return lookup


def resolve_units(raw: RawTable, table: pd.DataFrame, column: str,
                  lookup: Mapping[str, str | None]) -> list[Problem]:
    """Replace agency names and aliases in `column` by ids, in place."""
    if column not in table:
        return []
    problems = []
    cells = table[column]
    ids = {uid for uid in lookup.values() if uid}
    for row, value in cells[cells.notna() & ~cells.isin(ids)].items():
        uid = lookup.get(_norm(value), "")
        if uid is None:
            problems.append(raw.problem(code="ambiguous-unit", row=row_number(row), column=column,
                                        value=value))
        elif uid and uid != value:
            table.at[row, column] = uid
    return problems


def check_foreign_keys(raw: RawTable, table: pd.DataFrame, schema: TableSchema,
                       tables: Mapping[str, pd.DataFrame], names: Mapping[str, pd.Series]
                       ) -> list[Problem]:
    problems = []
    for fk in schema.get("foreignKeys", []):
        (col,), ref = fk["fields"], fk["reference"]
        target = tables.get(ref["resource"])
        if target is None or col not in table:
            continue
        known = set(target[ref["fields"][0]].dropna())
        values = table[col]
        bad = values.notna() & ~values.isin(known)
        choices = list(known) + list(names.get(ref["resource"], []))
        for row in values.index[bad][:MAX_PER_KIND]:
            problems.append(raw.problem(
                code="unknown-reference", row=int(row), column=col, value=values[row],
                expected=f"không có mã này trong bảng {ref['resource']}",
                hint=closest(str(values[row]), choices)))
    return problems
