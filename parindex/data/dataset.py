"""Load a data package folder into typed tables, collecting every problem on the way.

Layout (the data contract, see README): `datapackage.json` and `schemas/<table>.json`; the
tables that hold for every year at the top (`units.csv`, …); one folder per year (`2023/`) with
that year's tables. Any table may be `.xlsx` instead of `.csv`, and a year may instead be one
workbook `<year>.xlsx` with a sheet named after each table.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from .problems import DataError, Problem, Report, problem
from .profile import (
    BUILT_IN_SCHEMAS,
    SCORES_COLUMNS,
    check_descriptor,
    check_references,
    check_schema,
    check_standard,
    read_json,
)
from .read import RawTable, read_csv, read_xlsx, sheets
from .rules import check_rules
from .tables import Dataset, Descriptor, Resource, YearData
from .validate import (
    PLACES,
    Field,
    Signs,
    TableSchema,
    check_foreign_keys,
    check_table,
    closest,
    primary_key,
    resolve_units,
    unit_lookup,
)

GLOBAL_TABLES = ("groups", "units", "fields", "components", "bands", "sources")
YEAR_TABLES = ("scores", "field_scores", "field_maxima", "published_stats", "innovations",
               "indicators")
UNIT_COLUMNS = {"units": ("parent_id", "successor_id"), "scores": ("unit_id",),
                "field_scores": ("unit_id",), "published_stats": ("unit_id",),
                "innovations": ("unit_id",), "indicators": ("unit_id",)}
ROW_MAXIMUM = {"scores": "max_score", "field_scores": "max_score"}  # bounds a row's scores
YEAR_DIR = re.compile(r"\d{4}")
OLD_WORKBOOKS = (".xls", ".ods", ".xlsm", ".xlsb")  # workbooks the loader cannot read


def empty_table(schema: TableSchema) -> pd.DataFrame:
    columns = {f["name"]: pd.Series(dtype=object) for f in schema["fields"]}
    columns |= {f["name"] + PLACES: pd.Series(dtype="Int64") for f in schema["fields"]
                if f["type"] == "number"}
    return pd.DataFrame(columns)


def signs(descriptor: Descriptor, label: str) -> Signs:
    """decimalChar and groupChar for the file `label`: its resource's in `datapackage.json`,
    else the package's."""
    resource = next((r for r in descriptor.get("resources", []) if r.get("path") == label),
                    Resource())
    out = Signs()
    if decimal := resource.get("decimalChar", descriptor.get("decimalChar")):
        out["decimalChar"] = decimal
    if group := resource.get("groupChar", descriptor.get("groupChar")):
        out["groupChar"] = group
    return out


def with_components(schema: TableSchema, components: pd.DataFrame | None) -> TableSchema:
    """The scores schema of this package's components: a number column for each component of
    `components.csv` (the schema's own where it declares one), and none for a column the schema
    declares that is no component here (another province's). A province adds a component by
    adding a row and a column, not by editing a schema. With no component yet (a new portal's
    template) the schema is as written."""
    if components is None:
        return schema
    names = {c: n for c, n in zip(components["component_id"], components["name"], strict=True)
             if isinstance(c, str)}
    ids = list(names)
    if not ids:
        return schema
    declared = {f["name"] for f in schema["fields"]}
    kept = [f for f in schema["fields"] if f["name"] in SCORES_COLUMNS or f["name"] in ids]
    extra: list[Field] = [
        {"name": cid, "type": "number", "title": names[cid] or cid,
         "description": "Component (components.csv).", "constraints": {"minimum": 0}}
        for cid in ids if cid not in declared]
    return {**schema, "fields": [*kept[:2], *extra, *kept[2:]]}


def _load_schemas(root: Path) -> tuple[Descriptor, dict[str, TableSchema], list[Problem]]:
    """The descriptor and every table's schema, each checked before it is used (profile.py)."""
    path = root / "datapackage.json"
    if not path.is_file():
        return {}, {}, [problem(code="no-datapackage", file="datapackage.json")]
    obj, problems = read_json(path, "datapackage.json", code="datapackage")
    descriptor, found = (None, []) if problems else check_descriptor(obj)
    problems += found
    schemas: dict[str, TableSchema] = {}
    for table in GLOBAL_TABLES + YEAR_TABLES:
        label = f"schemas/{table}.json"
        path = root / label
        if not path.exists():  # a package may keep only the schemas it changes
            path = BUILT_IN_SCHEMAS / f"{table}.json"
        obj, found = read_json(path, label, code="schema")
        if not found:
            schema, found = check_schema(obj, label, GLOBAL_TABLES)
            if schema is not None:
                schemas[table] = schema
                found = check_standard(schema, table, label)
        problems += found
    if not problems:
        problems = check_references(schemas)
    return descriptor or {}, schemas, problems


def _skipped(path: Path) -> bool:
    """Hidden files, and the lock file (~$…) Office keeps beside a workbook while it is open."""
    return path.name.startswith((".", "~$"))


def _stray(root: Path, path: Path, tables: tuple[str, ...]) -> Problem:
    """A file or folder in a data folder that is no table of it: an error saying what to do
    (the table it may have meant; how to save an old .xls as .xlsx)."""
    label = path.relative_to(root).as_posix()
    if path.is_dir():
        return problem(code="unknown-file", file=label, expected="thư mục con trong thư mục "
                       "của một năm không được đọc", hint="chuyển nó ra khỏi thư mục dữ liệu")
    if path.suffix.lower() in OLD_WORKBOOKS:
        match = difflib.get_close_matches(path.stem, tables, n=1, cutoff=0.6)
        return problem(code="unknown-file", file=label,
                       expected=f"bảng tính dạng {path.suffix} không đọc được",
                       hint="mở tệp trong Excel, chọn 'Lưu thành' > 'Sổ làm việc Excel (.xlsx)' "
                            f"và đặt tên theo tên bảng, ví dụ {(match or tables)[0]}.xlsx")
    names = [f"{t}.csv" for t in tables]
    return problem(code="unknown-file", file=label,
                   hint=closest(path.name, names) or "tên các bảng: " + ", ".join(names))


def _year_folder(root: Path, path: Path) -> Problem:
    digits = re.search(r"\d{4}", path.name)
    hint = ""
    if digits and (root / digits.group()).exists():
        hint = f"thư mục {digits.group()} đã có: nếu đây là bản sao lưu, chuyển nó ra khỏi " \
               "thư mục dữ liệu"
    elif digits:
        hint = f"có phải ý bạn là '{digits.group()}'?"
    return problem(code="year-folder", file=f"{path.name}/", value=path.name, hint=hint)


def _sheets(root: Path, book: Path, year: str, add: Callable[[str, Path, str], None]
            ) -> list[Problem]:
    """A year workbook's sheets, each a table of the year; an unknown sheet is an error,
    an empty one (Excel's "Sheet1") nothing."""
    label = book.relative_to(root).as_posix()
    try:
        found = sheets(book)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a broken workbook
        return [problem(code="xlsx", file=label)]
    problems = []
    for sheet, empty in found:
        if sheet.strip() in YEAR_TABLES:
            add(f"{year}/{sheet.strip()}", book, sheet)
        elif not empty:
            problems.append(problem(
                code="unknown-sheet", file=label, sheet=sheet,
                hint=closest(sheet, YEAR_TABLES) or "các bảng của một năm: "
                + ", ".join(YEAR_TABLES)))
    return problems


def discover(root: Path) -> tuple[dict[str, list[tuple[Path, str, str | None]]], list[Problem]]:
    """Table key ("units", "2023/scores") → the files (path, label, sheet) that hold it; and
    a problem for everything else in the folders (no silent drop): a file that is no table, a
    year folder not named as a year, a workbook that cannot be opened, an unknown sheet."""
    found: dict[str, list[tuple[Path, str, str | None]]] = {}

    def add(key: str, path: Path, sheet: str | None = None) -> None:
        label = path.relative_to(root).as_posix()
        found.setdefault(key, []).append((path, label, sheet))

    def tables(folder: Path, names: tuple[str, ...], prefix: str = "") -> set[Path]:
        held = {folder / f"{t}.{ext}" for t in names for ext in ("csv", "xlsx")}
        for table in names:
            for ext in ("csv", "xlsx"):
                if (folder / f"{table}.{ext}").is_file():
                    add(prefix + table, folder / f"{table}.{ext}")
        return held

    problems: list[Problem] = []
    known = tables(root, GLOBAL_TABLES) | {root / "datapackage.json", root / "schemas"}
    entries = [p for p in sorted(root.iterdir()) if not _skipped(p)]
    years = sorted({p.name if p.is_dir() else p.stem for p in entries
                    if YEAR_DIR.fullmatch(p.name if p.is_dir() else p.stem)
                    and (p.is_dir() or p.suffix == ".xlsx")})
    for year in years:
        folder = root / year
        books = [root / f"{year}.xlsx", folder / f"{year}.xlsx"]
        known |= {folder, books[0]}
        if folder.is_dir():
            held = tables(folder, YEAR_TABLES, f"{year}/") | {books[1]}
            problems += [_stray(root, p, YEAR_TABLES) for p in sorted(folder.iterdir())
                         if p not in held and not _skipped(p)]
        for book in books:
            if book.is_file():
                problems += _sheets(root, book, year, add)
    for p in entries:
        if p not in known:
            problems.append(_year_folder(root, p) if p.is_dir()
                            else _stray(root, p, GLOBAL_TABLES))
    for key, files in found.items():
        if len(files) > 1:
            problems.append(problem(code="duplicate-table", file=files[0][1],
                                    fill={"table": key,
                                          "files": ", ".join(f[1] for f in files)}))
    return found, problems


def _comment_chars(descriptor: Descriptor) -> dict[str, str]:
    """Each resource's comment character (its CSV Dialect `commentChar`), by path."""
    return {r.get("path", ""): char for r in descriptor.get("resources", [])
            if isinstance(char := r.get("dialect", {}).get("commentChar"), str) and char}


def _read(path: Path, name: str, label: str, sheet: str | None, comment: str
          ) -> tuple[RawTable | None, list[Problem]]:
    if path.suffix == ".xlsx":
        return read_xlsx(path, name, label, sheet)
    return read_csv(path, name, label, comment)


Remember = Callable[[str, Callable[[], Any]], Any]  # `remember(key, make)`: a kept value or make's


def _checked(path: Path, key: str, label: str, sheet: str | None, comment: str,
             schema: TableSchema, descriptor: Descriptor
             ) -> tuple[RawTable | None, pd.DataFrame | None, list[Problem]]:
    """One table read and checked on its own: the table as read, as typed, its problems."""
    raw, problems = _read(path, key.split("/")[-1], label, sheet, comment)
    if raw is None:
        return None, None, problems
    typed, more = check_table(raw, schema, signs(descriptor, label), ROW_MAXIMUM.get(raw.name),
                              key=False, closed=raw.name == "scores")
    return raw, typed, problems + more


def _table_key(path: Path, *inputs: object) -> str:
    """What one table's reading and checking are made from: its file's bytes and the rest."""
    h = hashlib.sha256(path.read_bytes())
    h.update(json.dumps(inputs, sort_keys=True, ensure_ascii=False, default=str).encode())
    return h.hexdigest()


def load(root: Path | str, remember: Remember | None = None) -> tuple[Dataset | None, Report]:
    """Read and check everything; the dataset is returned only if there is no error.

    `remember`: where each table, read and checked on its own, can be kept under a key of its
    file's bytes and its schema, so that after one changed file only that file is read again
    (the caller's key must add the code's); the checks across tables always run."""
    root = Path(root)
    report = Report()
    if not root.is_dir():
        report.extend([problem(code="no-data", file=str(root))])
        return None, report
    descriptor, schemas, problems = _load_schemas(root)
    report.extend(problems)
    if not report.ok:
        return None, report
    found, problems = discover(root)
    report.extend(problems)
    raws: dict[str, RawTable] = {}
    typed: dict[str, pd.DataFrame] = {}
    comments = _comment_chars(descriptor)

    def check(keys: list[str]) -> None:
        for key in sorted(keys):
            path, label, sheet = found[key][0]
            inputs = (path, key, label, sheet, comments.get(label, ""),
                      schemas[key.split("/")[-1]], descriptor)
            raw, table, problems = remember(_table_key(*inputs), partial(_checked, *inputs)) \
                if remember else _checked(*inputs)
            report.extend(problems)
            if raw is not None and table is not None:
                raws[key], typed[key] = raw, table

    check([k for k in found if "/" not in k])  # the components, before the scores
    schemas["scores"] = with_components(schemas["scores"], typed.get("components"))
    check([k for k in found if "/" in k])
    for table in GLOBAL_TABLES:
        if table not in found:  # a file that could not be read has said so
            report.extend([problem(code="missing-table", file=f"{table}.csv",
                                   fill={"table": table})])
        typed.setdefault(table, empty_table(schemas[table]))
    lookup = unit_lookup(typed["units"])
    names = {"units": typed["units"]["name"].dropna()}
    read = {t: typed[t] for t in GLOBAL_TABLES if t in raws}  # no references to a lost table
    for key, raw in raws.items():
        for col in UNIT_COLUMNS.get(raw.name, ()):
            report.extend(resolve_units(raw, typed[key], col, lookup))
        # keys once names are ids: a name in place of another agency's id is a duplicate
        report.extend(primary_key(raw, typed[key], schemas[raw.name].get("primaryKey", [])))
        report.extend(check_foreign_keys(raw, typed[key], schemas[raw.name], read, names))
    years: dict[int, YearData] = {}
    for key in typed:
        if "/" in key:
            folder, _ = key.split("/")
            years.setdefault(int(folder), YearData(int(folder), {}))
    for year, yd in years.items():
        for table in YEAR_TABLES:
            yd.tables[table] = typed.get(f"{year}/{table}", empty_table(schemas[table]))
    dataset = Dataset(root, descriptor, schemas, {t: typed[t] for t in GLOBAL_TABLES},
                      dict(sorted(years.items())), {k: r.label for k, r in raws.items()})
    report.extend(check_rules(dataset, raws, prior_errors=not report.ok))
    return (dataset if report.ok else None), report


def load_or_raise(root: Path | str) -> Dataset:
    dataset, report = load(root)
    if dataset is None:
        raise DataError(report)
    return dataset
