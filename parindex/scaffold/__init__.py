"""A new portal to fill in (`parindex init DIR`): `DIR/data/` and `DIR/content/`.

The data folder is a valid data package with no data yet: the descriptor of this folder
(`datapackage.json`, its texts to replace marked "CẦN ĐIỀN"), the schemas, and every table
with its header and one example row commented out (CSV Dialect `commentChar` "#", declared
for each file). Headers come from the schemas, so they always match them; the example rows
(`examples.json`) fill the columns they name. `content/` has starter pages saying what to
write. Everything is package data, so an installed `parindex` can make a portal anywhere.
"""

from __future__ import annotations

import csv
import io
import json
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from parindex.data import package
from parindex.data.dataset import GLOBAL_TABLES, YEAR_TABLES
from parindex.data.validate import TableSchema

COMMENT = "#"
TEMPLATES = files(__name__)


class ScaffoldError(Exception):
    """The portal cannot be made there; the message says why, in Vietnamese."""


Example = dict[str, str]


def table_text(schema: TableSchema, example: Example | list[Example], year: int) -> str:
    """A table's CSV: the schema's header, then each example row after the comment character
    ("{year}" in an example is the year of the new portal). Several rows where one would
    not make a whole example (the components a score row names)."""
    header = [f["name"] for f in schema["fields"]]
    rows = [[ex.get(name, "").replace("{year}", str(year)) for name in header]
            for ex in (example if isinstance(example, list) else [example])]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header])
    for row in rows:
        out.write(COMMENT)
        csv.writer(out, lineterminator="\n").writerow(row)
    return out.getvalue()


def _copy(source: Traversable, target: Path) -> None:
    for item in source.iterdir():
        if item.is_dir():
            _copy(item, target / item.name)
        else:
            target.mkdir(parents=True, exist_ok=True)
            (target / item.name).write_bytes(item.read_bytes())


def init(target: Path, year: int) -> list[Path]:
    """Make a new portal in `target` (absent or empty), its year folder `year`; the files
    written. Raises ScaffoldError if `target` is a file or holds anything."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ScaffoldError(f"{target} đã có và không phải thư mục trống: parindex init chỉ "
                            "tạo cổng mới trong thư mục trống hoặc chưa có, để không ghi đè "
                            "lên gì cả.")
    data = target / "data"
    _copy(TEMPLATES / "schemas", data / "schemas")
    _copy(TEMPLATES / "content", target / "content")
    examples = json.loads((TEMPLATES / "examples.json").read_text(encoding="utf-8"))
    labels = [f"{t}.csv" for t in GLOBAL_TABLES] + [f"{year}/{t}.csv" for t in YEAR_TABLES]
    for label in labels:
        table = Path(label).stem
        schema = json.loads((data / "schemas" / f"{table}.json").read_text(encoding="utf-8"))
        (data / label).parent.mkdir(exist_ok=True)
        # with a BOM, so that Excel opens the Vietnamese text as UTF-8
        (data / label).write_text(table_text(schema, examples.get(table, {}), year),
                                  encoding="utf-8-sig")
    base = json.loads((TEMPLATES / "datapackage.json").read_text(encoding="utf-8"))
    base["resources"] = [{"path": label, "dialect": {"commentChar": COMMENT}}
                         for label in labels]
    (data / "datapackage.json").write_text(json.dumps(base), encoding="utf-8")
    package.write(data)  # the resources' standard entries, in the package's order
    return sorted(p for p in target.rglob("*") if p.is_file())
