"""The data package descriptor: which files hold which table, described by which schema."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from .dataset import GLOBAL_TABLES, YEAR_TABLES, discover
from .tables import Descriptor


@dataclass(frozen=True)
class Portal:
    """Who publishes the site and what it is called: a province's, from its own data package,
    so that nothing about one province is written in code or settings."""

    name: str
    subtitle: str
    publisher: str


def portal(desc: Descriptor) -> Portal:
    """The descriptor's `portal` (`name`, `subtitle`), else its `title` and `description`; the
    publisher is the contributor whose role is "publisher"."""
    own = desc.get("portal", {})
    publishers = [c.get("title", "") for c in desc.get("contributors", [])
                  if c.get("role") == "publisher"]
    return Portal(own.get("name") or desc.get("title", ""),
                  own.get("subtitle") or desc.get("description", ""),
                  publishers[0] if publishers else "")


def descriptor(root: Path, base: Mapping[str, object] | None = None) -> dict[str, object]:
    """`datapackage.json` for the CSV files in `root`, keeping the package's own metadata."""
    found, _ = discover(root)
    meta = {k: v for k, v in (base or {}).items() if k != "resources"}
    listed = cast(list[dict[str, str]], (base or {}).get("resources", []))
    own = {r.get("path"): r for r in listed}  # a resource's own properties (decimalChar…) stay
    resources: list[dict[str, str]] = []
    for key in sorted(found, key=lambda k: (k.count("/"), k)):
        path, label, _sheet = found[key][0]
        if path.suffix != ".csv":
            continue
        table = key.split("/")[-1]
        resources.append({
            **own.get(label, {}),
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


def templates(root: Path) -> dict[str, str]:
    """An empty CSV (header row only) per table, for editors starting a new table."""
    out: dict[str, str] = {}
    for table in GLOBAL_TABLES + YEAR_TABLES:
        schema = json.loads((root / "schemas" / f"{table}.json").read_text(encoding="utf-8"))
        out[f"{table}.csv"] = ",".join(f["name"] for f in schema["fields"]) + "\n"
    return out
