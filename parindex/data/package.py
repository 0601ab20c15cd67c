"""The data package descriptor: which files hold which table, described by which schema."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from .dataset import GLOBAL_TABLES, YEAR_TABLES, discover
from .tables import Descriptor
from .validate import TableSchema


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
    order = {t: i for i, t in enumerate(GLOBAL_TABLES + YEAR_TABLES)}

    def place(resource: dict[str, object]) -> tuple[int, str, int]:
        path = str(resource["path"])
        return path.count("/"), path.split("/")[0] if "/" in path else "", order.get(
            Path(path).stem, 99)

    resources.sort(key=place)
    return {**meta, "resources": resources}


def write(root: Path) -> Path:
    path = root / "datapackage.json"
    base: Descriptor = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    path.write_text(json.dumps(descriptor(root, base), ensure_ascii=False, indent=2) + "\n",
                    encoding="utf-8")
    return path


def templates(schemas: Mapping[str, TableSchema]) -> dict[str, str]:
    """An empty CSV (header row only) per table, for editors starting a new table."""
    return {f"{table}.csv": ",".join(f["name"] for f in schemas[table]["fields"]) + "\n"
            for table in GLOBAL_TABLES + YEAR_TABLES}
