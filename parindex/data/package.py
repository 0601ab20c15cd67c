"""The data package descriptor: which files hold which table, described by which schema."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from .dataset import GLOBAL_TABLES, YEAR_TABLES, discover
from .validate import TableSchema


def descriptor(root: Path, base: Mapping[str, object] | None = None) -> dict[str, object]:
    """`datapackage.json` for the CSV files in `root`, keeping the package's own metadata."""
    found, _ = discover(root)
    meta = {k: v for k, v in (base or {}).items() if k != "resources"}
    resources: list[dict[str, str]] = []
    for key in sorted(found, key=lambda k: (k.count("/"), k)):
        path, label, _sheet = found[key][0]
        if path.suffix != ".csv":
            continue
        table = key.split("/")[-1]
        resources.append({
            "name": key.replace("/", "-").replace("_", "-"),
            "path": label,
            "profile": "tabular-data-resource",
            "format": "csv",
            "encoding": "utf-8",
            "schema": f"schemas/{table}.json",
        })
    order = {t: i for i, t in enumerate(GLOBAL_TABLES + YEAR_TABLES)}
    resources.sort(key=lambda r: (r["path"].count("/"), r["path"].split("/")[0]
                                  if "/" in r["path"] else "", order.get(
                                      Path(r["path"]).stem, 99)))
    return {**meta, "resources": resources}


def write(root: Path) -> Path:
    path = root / "datapackage.json"
    base = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    path.write_text(json.dumps(descriptor(root, base), ensure_ascii=False, indent=2) + "\n",
                    encoding="utf-8")
    return path


def templates(schemas: Mapping[str, TableSchema]) -> dict[str, str]:
    """An empty CSV (header row only) per table, for editors starting a new table."""
    return {f"{table}.csv": ",".join(f["name"] for f in schemas[table]["fields"]) + "\n"
            for table in GLOBAL_TABLES + YEAR_TABLES}
