"""Load a data package folder into typed tables, collecting every problem on the way.

Layout (the data contract, see README): `datapackage.json` and `schemas/<table>.json`; the
tables that hold for every year at the top (`units.csv`, …); one folder per year (`2023/`) with
that year's tables. Any table may be `.xlsx` instead of `.csv`, and a year may instead be one
workbook `<year>.xlsx` with a sheet named after each table.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from .problems import DataError, Problem, Report, problem
from .read import RawTable, read_csv, read_xlsx, sheet_names
from .rules import check_rules
from .tables import Dataset, Descriptor, Resource, YearData
from .validate import (
    PLACES,
    Field,
    Signs,
    TableSchema,
    check_foreign_keys,
    check_table,
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
BUILT_IN_SCHEMAS = Path(__file__).resolve().parents[1] / "scaffold" / "schemas"
YEAR_DIR = re.compile(r"\d{4}")


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
    """The scores schema with a number column for each component of `components.csv` that it
    does not declare: a province adds a component by adding a row and a column, not by editing
    a schema."""
    if components is None:
        return schema
    declared = {f["name"] for f in schema["fields"]}
    extra: list[Field] = [
        {"name": cid, "type": "number", "title": name or cid,
         "description": "Component (components.csv).", "constraints": {"minimum": 0}}
        for cid, name in zip(components["component_id"], components["name"], strict=True)
        if isinstance(cid, str) and cid not in declared]
    fields = schema["fields"]
    return {**schema, "fields": [*fields[:2], *extra, *fields[2:]]}


def _load_schemas(root: Path) -> tuple[Descriptor, dict[str, TableSchema], list[Problem]]:
    path = root / "datapackage.json"
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, {}, [problem(code="no-datapackage", file="datapackage.json")]
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return {}, {}, [problem(code="datapackage", file="datapackage.json",
                                fill={"error": exc})]
    schemas: dict[str, TableSchema] = {}
    problems: list[Problem] = []
    for table in GLOBAL_TABLES + YEAR_TABLES:
        spath = root / "schemas" / f"{table}.json"
        if not spath.exists():  # a package may keep only the schemas it changes
            spath = BUILT_IN_SCHEMAS / f"{table}.json"
        try:
            schemas[table] = json.loads(spath.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            problems.append(problem(code="schema", file=f"schemas/{table}.json",
                                    fill={"error": exc}))
    return descriptor, schemas, problems


def discover(root: Path) -> tuple[dict[str, list[tuple[Path, str, str | None]]], list[Problem]]:
    """Table key ("units", "2023/scores") → the files (path, label, sheet) that hold it."""
    found: dict[str, list[tuple[Path, str, str | None]]] = {}

    def add(key: str, path: Path, sheet: str | None = None) -> None:
        label = path.relative_to(root).as_posix()
        found.setdefault(key, []).append((path, label, sheet))

    for table in GLOBAL_TABLES:
        for ext in ("csv", "xlsx"):
            if (root / f"{table}.{ext}").is_file():
                add(table, root / f"{table}.{ext}")
    years = {p.stem for p in root.iterdir()
             if YEAR_DIR.fullmatch(p.stem) and (p.is_dir() or p.suffix == ".xlsx")}
    problems: list[Problem] = []
    for year in sorted(years):
        folder = root / year
        for table in YEAR_TABLES:
            for ext in ("csv", "xlsx"):
                if (folder / f"{table}.{ext}").is_file():
                    add(f"{year}/{table}", folder / f"{table}.{ext}")
        for book in (root / f"{year}.xlsx", folder / f"{year}.xlsx"):
            if book.is_file():
                for sheet in sheet_names(book):
                    if sheet.strip() in YEAR_TABLES:
                        add(f"{year}/{sheet.strip()}", book, sheet)
                    else:
                        problems.append(problem(
                            code="unknown-sheet", file=book.relative_to(root).as_posix(),
                            sheet=sheet, fill={"tables": ", ".join(YEAR_TABLES)}))
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


def load(root: Path | str) -> tuple[Dataset | None, Report]:
    """Read and check everything; the dataset is returned only if there is no error."""
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
            raw, problems = _read(path, key.split("/")[-1], label, sheet,
                                  comments.get(label, ""))
            report.extend(problems)
            if raw is not None:
                raws[key] = raw
                typed[key], problems = check_table(raw, schemas[raw.name],
                                                   signs(descriptor, label),
                                                   ROW_MAXIMUM.get(raw.name))
                report.extend(problems)

    check([k for k in found if "/" not in k])  # the components, before the scores
    schemas["scores"] = with_components(schemas["scores"], typed.get("components"))
    check([k for k in found if "/" in k])
    for table in GLOBAL_TABLES:
        if table not in typed:
            report.extend([problem(code="missing-table", file=f"{table}.csv",
                                   fill={"table": table})])
            typed[table] = empty_table(schemas[table])
    lookup = unit_lookup(typed["units"])
    names = {"units": typed["units"]["name"].dropna()}
    for key, raw in raws.items():
        for col in UNIT_COLUMNS.get(raw.name, ()):
            report.extend(resolve_units(raw, typed[key], col, lookup))
        report.extend(check_foreign_keys(raw, typed[key], schemas[raw.name], typed, names))
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
