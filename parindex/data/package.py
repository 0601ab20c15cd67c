"""The data package descriptor: which files hold which table, described by which schema; and
the package as published (`canonical`), written from the validated tables.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path

import pandas as pd

from .dataset import GLOBAL_TABLES, YEAR_TABLES, discover
from .problems import DataError, Report
from .profile import check_descriptor, read_json
from .tables import Dataset, Descriptor
from .validate import PLACES, TableSchema

SIGNS = ("decimalChar", "groupChar")  # the published package writes decimal points only
TableCsv = Callable[[pd.DataFrame, TableSchema], str]  # a table's published text (`table_csv`)


def descriptor(root: Path, base: Descriptor | None = None) -> dict[str, object]:
    """`datapackage.json` for the CSV files in `root`, keeping the package's own metadata and
    what a listed file's resource says beyond the standard entries (its `dialect`, a title).
    A file not listed yet takes the dialect of another file of its table (a year folder copied
    from the last one keeps its comment rows as comments)."""
    found, _ = discover(root)
    meta = {k: v for k, v in (base or {}).items() if k != "resources"}
    listed = {r.get("path", ""): r for r in (base or {}).get("resources", [])}
    resources: list[dict[str, object]] = []
    for key in sorted(found, key=lambda k: (k.count("/"), k)):
        path, label, _sheet = found[key][0]
        if path.suffix != ".csv":
            continue
        table = key.split("/")[-1]
        entry: dict[str, object] = {
            "name": key.replace("/", "-").replace("_", "-"),
            "path": label,
            "profile": "tabular-data-resource",
            "format": "csv",
            "encoding": "utf-8",
            "schema": f"schemas/{table}.json",
        }
        own: Mapping[str, object] = listed.get(label) or next(
            ({"dialect": r["dialect"]} for r in listed.values()
             if r.get("schema") == entry["schema"] and "dialect" in r), {})
        resources.append({**entry, **{k: v for k, v in own.items() if k not in entry}})
    resources.sort(key=lambda r: _place(str(r["path"])))
    return {**meta, "resources": resources}


def _place(path: str) -> tuple[int, str, int]:
    """A file's place in the descriptor: the tables of every year first, then year by year,
    each in the order of the data contract."""
    order = {t: i for i, t in enumerate(GLOBAL_TABLES + YEAR_TABLES)}
    return path.count("/"), path.split("/")[0] if "/" in path else "", order.get(
        Path(path).stem, 99)


def write(root: Path) -> Path:
    """`root`'s descriptor rewritten to list its CSV files. Raises DataError, saying why in
    Vietnamese, when the descriptor there cannot be read (its metadata would be lost)."""
    path = root / "datapackage.json"
    base: Descriptor = {}
    if path.exists():
        obj, problems = read_json(path, "datapackage.json", code="datapackage")
        checked, more = (None, []) if problems else check_descriptor(obj)
        if checked is None:
            raise DataError(Report(problems + more))
        base = checked
    path.write_text(json.dumps(descriptor(root, base), ensure_ascii=False, indent=2) + "\n",
                    encoding="utf-8")
    return path


def templates(schemas: Mapping[str, TableSchema]) -> dict[str, str]:
    """An empty CSV (header row only) per table, for editors starting a new table."""
    return {f"{table}.csv": ",".join(f["name"] for f in schemas[table]["fields"]) + "\n"
            for table in GLOBAL_TABLES + YEAR_TABLES}


def _text(value: object, places: object = None) -> str:
    """A typed cell as the published package writes it: ids as resolved, numbers with a
    decimal point and their printed decimals, true/false, ISO dates, "" when missing."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        if places is not None and places is not pd.NA and places == places:
            return f"{value:.{int(places)}f}"  # type: ignore[call-overload]
        return format(Decimal(repr(value)).normalize(), "f")
    return str(value)


def table_csv(frame: pd.DataFrame, schema: TableSchema) -> str:
    """One validated table as the published package writes it (`_text` for each cell)."""
    names = [f["name"] for f in schema["fields"]]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(names)
    nothing = [None] * len(frame)
    columns = [(_cells(frame[n]), _cells(frame[n + PLACES]) if n + PLACES in frame else nothing)
               for n in names]  # whole columns, not a cell at a time: 1,2 million rows
    w.writerows([_text(v, p) for v, p in row] for row in zip(
        *(zip(v, p, strict=True) for v, p in columns), strict=True))
    return out.getvalue()


def _cells(column: pd.Series) -> list[object]:
    """A column's values as `Series.iat` gives them (numpy scalars, pd.NA), a list at once."""
    return list(column.array) if isinstance(column.dtype, pd.api.extensions.ExtensionDtype) \
        else list(column.to_numpy())


def _schema(schema: TableSchema) -> str:
    """A table's effective schema (the scores' with every component) for numbers written
    with a decimal point."""
    fields = [{k: v for k, v in f.items() if k not in SIGNS} for f in schema["fields"]]
    return json.dumps({**schema, "fields": fields}, ensure_ascii=False, indent=2) + "\n"


def canonical(ds: Dataset, csv_of: TableCsv = table_csv) -> dict[str, str]:
    """The data package as published, by path: every table the package has (a workbook's
    too) as UTF-8 CSV without BOM, written from the validated tables (agencies by id, numbers
    with a decimal point and the decimals they are printed with, no comment rows), the
    effective schemas, and the descriptor listing them. `csv_of` (`table_csv` by default)
    lets a build take an unchanged table's text from its cache: at national size the text of
    1,2 million rows is most of the downloads' time."""
    files: dict[str, str] = {}
    for key in sorted(ds.files, key=lambda k: _place(k + ".csv")):
        table = key.split("/")[-1]
        frame = ds.tables[table] if "/" not in key else ds.years[int(key.split("/")[0])
                                                                 ].tables[table]
        files[f"{key}.csv"] = csv_of(frame, ds.schemas[table])
    for table, schema in sorted(ds.schemas.items()):
        files[f"schemas/{table}.json"] = _schema(schema)
    meta = {k: v for k, v in ds.descriptor.items() if k not in ("resources", *SIGNS)}
    resources = [{"name": path.removesuffix(".csv").replace("/", "-").replace("_", "-"),
                  "path": path, "profile": "tabular-data-resource", "format": "csv",
                  "encoding": "utf-8", "schema": f"schemas/{Path(path).stem}.json"}
                 for path in files if path.endswith(".csv")]
    files["datapackage.json"] = json.dumps({**meta, "resources": resources},
                                           ensure_ascii=False, indent=2) + "\n"
    return files
