"""Damage a copy of a data package the ways issue 18 lists, and tell what a load made of it.

Each damage is a function `(root, pick) -> str`: it breaks the package at `root` in one way and
says how; `pick(options)` chooses among options (`random.Random.choice` in a campaign, a
Hypothesis draw in the fuzz test, so that a failure shrinks to a small case). `outcome(root)`
loads, scores, compares and builds every page model of the package and says what happened: an
uncaught exception, a problem reported, or the published numbers it gives.

A campaign from the command line, counting exceptions and silent changes, some packages also
through the command line and a full build: `python -m tests.damage --count 2000 --seed 1
--commands 200 --builds 20`.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import subprocess
import sys
import tempfile
import traceback
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from tests.conftest import DATA, ROOT

T = TypeVar("T")
Pick = Callable[[Sequence[T]], T]

INTEGER_TEXTS = ("1e308", "Infinity", "-inf", "inf", "NaN", "1e3", "1E2", "-Infinity",
                 "9" * 30, "1.5e1")
NUMBER_TEXTS = ("99999999999999999999999", "1e308", "1e-400", "1e5", "8.384e1", "Infinity",
                "-inf", "NaN", "1,0e2", "1E-2", "+inf", "9" * 40 + ".5")
FOLDER_NAMES = ("{y}a", "{y}.bak", "năm {y}", "{y} ", "{y}_cu", "Năm {y}", "{y}-old")
STRAY_NAMES = ("score.csv", "scores.xls", "Scores.csv", "field_score.csv", "scores (1).csv",
               "scores.csv.bak", "diem.csv")


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def _write(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


def _tables(root: Path, *, year: bool | None = None) -> list[str]:
    paths = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.csv"))
    if year is not None:
        paths = [p for p in paths if ("/" in p) == year]
    return paths


def _schema(root: Path, table: str) -> dict[str, Any]:
    name = Path(table).stem
    schema: dict[str, Any] = json.loads(
        (root / "schemas" / f"{name}.json").read_text(encoding="utf-8"))
    return schema


def _cells_of(root: Path, kinds: tuple[str, ...]) -> list[tuple[str, str]]:
    """(file, column) of every column of one of the types `kinds`, in files with rows."""
    out = []
    for table in _tables(root):
        if len(_rows(root / table)) < 2:
            continue
        for f in _schema(root, table)["fields"]:
            if f["type"] in kinds:
                out.append((table, f["name"]))
    return out


def _set(root: Path, table: str, column: str, value: str, pick: Pick[Any]) -> str:
    rows = _rows(root / table)
    header = rows[0]
    if column not in header:
        return f"{table}: no column {column}"
    r = pick(range(1, len(rows)))
    old = rows[r][header.index(column)]
    rows[r][header.index(column)] = value
    _write(root / table, rows)
    return f"{table} row {r + 1} {column}: {old!r} -> {value!r}"


# ---- the damages, by the numbered cases -----------------------------------------------

def year_folder_renamed(root: Path, pick: Pick[Any]) -> str:
    """Case 1 and 8: a year folder not named as a year."""
    year = pick(sorted(p.name for p in root.iterdir() if p.is_dir() and p.name.isdigit()))
    name = pick(FOLDER_NAMES).format(y=year)
    (root / year).rename(root / name)
    return f"{year}/ renamed {name!r}"


def field_scores_deleted(root: Path, pick: Pick[Any]) -> str:
    """Case 1: no year has field scores."""
    for p in root.glob("*/field_scores.csv"):
        p.unlink()
    return "field_scores.csv deleted"


def broken_workbook(root: Path, pick: Pick[Any]) -> str:
    """Case 2: a zero-byte or corrupt workbook (an interrupted save)."""
    body = pick((b"", b"PK\x03\x04" + bytes(range(256)) * 3, b"not a workbook",
                 _workbook_bytes()[: pick((10, 100, 1000))]))
    where = pick(("year", "table"))
    if where == "year":
        year = pick(sorted(p.name for p in root.iterdir() if p.is_dir() and p.name.isdigit()))
        (root / f"{year}.xlsx").write_bytes(body)
        return f"{year}.xlsx: {len(body)} broken bytes"
    table = pick(_tables(root))
    (root / table).unlink()
    (root / table).with_suffix(".xlsx").write_bytes(body)
    return f"{table} replaced by a broken .xlsx of {len(body)} bytes"


def _workbook_bytes() -> bytes:
    import io

    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["unit_id", "max_score"])
    wb.active.append(["so-tu-phap", 90])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def integer_overflow(root: Path, pick: Pick[Any]) -> str:
    """Case 3: an integer column holding 1e308, Infinity, -inf."""
    table, column = pick(_cells_of(root, ("integer", "year")))
    return _set(root, table, column, pick(INTEGER_TEXTS), pick)


def header_only(root: Path, pick: Pick[Any]) -> str:
    """Case 4 and 9: a table reduced to its header."""
    table = pick(_tables(root))
    rows = _rows(root / table)
    _write(root / table, rows[:1])
    return f"{table} reduced to its header"


def odd_number(root: Path, pick: Pick[Any]) -> str:
    """Case 5 and 13: a huge number, an exponent or an infinity in a number cell."""
    table, column = pick(_cells_of(root, ("number",)))
    return _set(root, table, column, pick(NUMBER_TEXTS), pick)


def schema_damaged(root: Path, pick: Pick[Any]) -> str:
    """Case 6: a schema file or the descriptor broken in its structure."""
    name = pick(sorted(p.name for p in (root / "schemas").glob("*.json")) + ["datapackage.json"])
    path = root / "schemas" / name if name != "datapackage.json" else root / name
    obj = json.loads(path.read_text(encoding="utf-8"))
    how = pick(("{}", "[]", "utf-16", "null", "text") + (
        ("resources-dict", "resources-str", "resource-int", "path-int", "path-list",
         "dialect-str", "decimal-int", "portal-list") if name == "datapackage.json" else
        ("no-type", "unknown-type", "bad-pattern", "minimum-text", "fields-dict", "no-name",
         "constraints-list", "enum-text", "key-unknown", "fk-broken", "required-text",
         "no-fields", "field-int", "type-int", "decimal-long")))
    if how == "utf-16":
        path.write_text(path.read_text(encoding="utf-8"), encoding="utf-16")
        return f"{name} saved as UTF-16"
    if how == "text":
        path.write_text("fields: [unit_id]\n", encoding="utf-8")
        return f"{name}: not JSON"
    new: Any = {"{}": {}, "[]": [], "null": None}.get(how, obj)
    if name == "datapackage.json" and how not in ("{}", "[]", "null"):
        res = obj["resources"]
        match how:
            case "resources-dict":
                obj["resources"] = {"x": res[0]}
            case "resources-str":
                obj["resources"] = "groups.csv"
            case "resource-int":
                obj["resources"] = [*res, 7]
            case "path-int":
                pick(res)["path"] = 5
            case "path-list":
                r = pick(res)
                r["path"] = [r["path"]]
            case "dialect-str":
                pick(res)["dialect"] = "#"
            case "decimal-int":
                obj["decimalChar"] = 0
            case "portal-list":
                obj["portal"] = ["tên"]
    elif how not in ("{}", "[]", "null"):
        fields = obj["fields"]
        f = pick(fields)
        match how:
            case "no-type":
                f.pop("type")
            case "unknown-type":
                f["type"] = pick(("datetime", "any", "Number", "float", ""))
            case "bad-pattern":
                f.setdefault("constraints", {})["pattern"] = pick(("[", "(a", "*x"))
            case "minimum-text":
                f.setdefault("constraints", {})[pick(("minimum", "maximum"))] = pick(
                    ("abc", "0", None, [1], True))
            case "fields-dict":
                obj["fields"] = {f["name"]: f}
            case "no-name":
                f.pop("name")
            case "constraints-list":
                f["constraints"] = ["required"]
            case "enum-text":
                f.setdefault("constraints", {})["enum"] = "mean"
            case "key-unknown":
                obj["primaryKey"] = [pick(("id", "unit", ""))]
            case "fk-broken":
                obj["foreignKeys"] = pick(([{"fields": "unit_id"}], [{"reference": {}}], "x",
                                           [{"fields": ["nope"], "reference": {
                                               "resource": "units", "fields": ["unit_id"]}}]))
            case "required-text":
                f.setdefault("constraints", {})["required"] = "true"
            case "no-fields":
                obj.pop("fields")
            case "field-int":
                obj["fields"] = [*fields, 3]
            case "type-int":
                f["type"] = 1
            case "decimal-long":
                f["decimalChar"] = pick((",,", "", 1))
        new = obj
    path.write_text(json.dumps(new, ensure_ascii=False), encoding="utf-8")
    return f"{name}: {how}"


def name_as_key(root: Path, pick: Pick[Any]) -> str:
    """Case 7: an agency's name or alias in place of another agency's id in a key column."""
    units = _rows(root / "units.csv")
    h = units[0]
    unit = pick(units[1:])
    names = [unit[h.index("name")], *filter(None, unit[h.index("aliases")].split("|"))]
    table = pick([t for t in ("2023/scores.csv", "2023/field_scores.csv")
                  if (root / t).is_file()] or ["units.csv"])
    if table == "units.csv":
        return "no table with agencies"
    return _set(root, table, "unit_id", pick(names), pick)


def column_missing(root: Path, pick: Pick[Any]) -> str:
    """Case 10: a declared column missing, or its header renamed."""
    table = pick(_tables(root))
    rows = _rows(root / table)
    i = pick(range(len(rows[0])))
    name = rows[0][i]
    if pick(("drop", "rename")) == "drop":
        for r in rows:
            if i < len(r):
                r.pop(i)
        _write(root / table, rows)
        return f"{table}: column {name} dropped"
    rows[0][i] = pick((name[:-1], name + "s", name.upper(), name.replace("_", " ")))
    _write(root / table, rows)
    return f"{table}: header {name} renamed {rows[0][i]!r}"


def row_deleted(root: Path, pick: Pick[Any]) -> str:
    """Case 11 and 13: a row of components.csv, or an agency's row of a year's scores."""
    table = pick(["components.csv", *(t for t in _tables(root, year=True)
                                      if t.endswith("/scores.csv"))])
    rows = _rows(root / table)
    if len(rows) < 2:
        return f"{table}: no row to delete"
    r = pick(range(1, len(rows)))
    gone = rows.pop(r)
    _write(root / table, rows)
    return f"{table}: row {r + 1} ({gone[0]}) deleted"


def cut_in_quotes(root: Path, pick: Pick[Any]) -> str:
    """Case 12: a file cut inside a quoted cell."""
    choices = [t for t in _tables(root) if '"' in (root / t).read_text(encoding="utf-8")]
    if not choices:
        return "no quoted cell"
    table = pick(choices)
    text = (root / table).read_text(encoding="utf-8")
    opens, inside = [], False
    for i, ch in enumerate(text):
        if ch == '"':
            if not inside:
                opens.append(i)
            inside = not inside
    start = pick(opens)
    end = text.find('"', start + 1)
    while end + 1 < len(text) and text[end + 1] == '"':  # "" inside a quoted cell
        end = text.find('"', end + 2)
    cut = pick(range(start + 1, max(start + 2, end)))
    (root / table).write_text(text[:cut], encoding="utf-8")
    return f"{table} cut at character {cut}, inside the quoted cell from {start}"


def stray_file(root: Path, pick: Pick[Any]) -> str:
    """Issue 13, "no silent drop": an old .xls, a misspelt table name, an unknown sheet."""
    years = sorted(p.name for p in root.iterdir() if p.is_dir() and p.name.isdigit()
                   and (p / "scores.csv").is_file())
    if not years:
        return "no year with scores"
    year = pick(years)
    source = root / year / "scores.csv"
    how = pick(("rename", "copy", "sheet"))
    if how == "sheet":
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.title = pick(("Scores", "Điểm", "Sheet1", "score"))
        for row in _rows(source):
            ws.append(row)
        wb.save(root / f"{year}.xlsx")
        source.unlink()
        return f"{year}/scores.csv moved to {year}.xlsx, sheet {ws.title!r}"
    name = pick(STRAY_NAMES)
    if how == "rename":
        source.rename(root / year / name)
        return f"{year}/scores.csv renamed {name}"
    shutil.copy(source, root / year / name)
    return f"{year}/scores.csv copied to {name}"


DAMAGES: dict[str, Callable[[Path, Pick[Any]], str]] = {
    f.__name__: f for f in (year_folder_renamed, field_scores_deleted, broken_workbook,
                            integer_overflow, header_only, odd_number, schema_damaged,
                            name_as_key, column_missing, row_deleted, cut_in_quotes, stray_file)
}


# ---- what a load makes of a package --------------------------------------------------------

@dataclass
class Outcome:
    exception: str = ""  # the traceback of an uncaught exception
    problems: frozenset[str] = frozenset()  # every problem's text
    numbers: dict[str, pd.DataFrame] | None = None  # the published numbers, when it loaded


PUBLISHED_SCORES = ["year", "unit_id", "group_id", "max_score", "total", "index",
                    "index_official", "index_official_places", "rank", "group_size", "band_id",
                    "total_published", "rank_published", "band_published"]
PUBLISHED_FIELDS = ["year", "unit_id", "field_id", "score", "max_score", "pct"]


def numbers(results: Any) -> dict[str, pd.DataFrame]:
    """What the site publishes from the data: every typed table (the downloads), every
    agency's and field's computed values, and every published-against-computed difference."""
    from parindex.scoring.compare import compare

    ds = results.dataset
    out = {name: table for name, table in ds.tables.items()}
    for year, yd in ds.years.items():
        out |= {f"{year}/{name}": table for name, table in yd.tables.items() if not table.empty}
    out["results"] = results.scores[PUBLISHED_SCORES].sort_values(["year", "unit_id"],
                                                                  ignore_index=True)
    out["fields"] = results.fields[PUBLISHED_FIELDS].sort_values(
        ["year", "unit_id", "field_id"], ignore_index=True)
    diffs, unverifiable = compare(results)
    out["compare"] = pd.DataFrame({"text": [str(d) for d in diffs] + [str(unverifiable)]})
    return out


def outcome(root: Path) -> Outcome:
    """Load, score, compare and build every page model, as `parindex validate`, `check` and a
    build do; an exception anywhere is caught and kept."""
    from parindex.data.dataset import load
    from parindex.scoring.score import score
    from parindex.site.pages import plan

    try:
        dataset, report = load(root)
        found = frozenset(str(p) for p in report.problems)
        if dataset is None:
            return Outcome(problems=found)
        results = score(dataset)
        published = numbers(results)
        for page in plan(results):
            page.build()
        return Outcome(problems=found, numbers=published)
    except Exception:  # noqa: BLE001 - what the fuzz counts
        return Outcome(exception=traceback.format_exc())


def same(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> bool:
    return a.keys() == b.keys() and all(a[k].equals(b[k]) for k in a)


def silent(damaged: Outcome, base: Outcome) -> bool:
    """Whether the damaged package changed a published number without a new message."""
    assert base.numbers is not None
    return (damaged.numbers is not None and not damaged.problems - base.problems
            and not same(damaged.numbers, base.numbers))


def damaged_copy(work: Path, kind: str, pick: Pick[Any], source: Path = DATA) -> tuple[Path, str]:
    root = work / "data"
    shutil.copytree(source, root)
    return root, DAMAGES[kind](root, pick)


def _commands(root: Path, refused: bool, counts: Counter[str]) -> list[str]:
    """`parindex validate` and `parindex check` on a damaged package, as an editor runs them:
    what went wrong (a traceback, an exit code that does not say whether the data is valid)."""
    wrong = []
    for command in ("validate", "check"):
        done = subprocess.run([sys.executable, "-m", "parindex.cli", command, str(root)],
                              cwd=ROOT, capture_output=True, text=True, timeout=300)
        counts[f"{command} runs"] += 1
        if "Traceback" in done.stdout + done.stderr:
            wrong.append(f"{command}: traceback\n{done.stderr[-2000:]}")
        elif done.returncode != (1 if refused else 0):
            wrong.append(f"{command}: exit {done.returncode}")
    return wrong


def _build(root: Path, good: Path, work: Path, refused: bool, counts: Counter[str]
           ) -> list[str]:
    """A build of a damaged package over a copy of the good site: refused with a message and
    the site untouched, or (the damage legitimate) built."""
    output = shutil.copytree(good, work / "output")
    before = _snapshot(output)
    done = subprocess.run([sys.executable, "-m", "plugins.build", "--data", str(root),
                           "--output", str(output), "--cache", str(work / "cache")],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)
    counts["builds"] += 1
    if "Traceback" in done.stdout + done.stderr:
        return [f"build: traceback\n{done.stderr[-2000:]}"]
    if done.returncode == 0:
        return ["build: a refused package was built"] if refused else []
    counts["builds refused"] += 1
    return [] if _snapshot(output) == before else ["build: output changed by a refused build"]


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def campaign(count: int, seed: int, source: Path = DATA, commands: int = 0, builds: int = 0
             ) -> Counter[str]:
    """`count` damaged copies of `source`, each with one to three damages, loaded in process;
    the first `commands` also through `parindex validate` and `check`, the first `builds` also
    through a full build over a good site. Prints each failure; returns the counts."""
    rng = random.Random(seed)
    base = outcome(source)
    counts: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        good = Path(tmp) / "good"
        if builds:
            subprocess.run([sys.executable, "-m", "plugins.build", "--data", str(source),
                            "--output", str(good), "--cache", f"{tmp}/cache"], cwd=ROOT,
                           check=True, capture_output=True, timeout=900)
        for i in range(count):
            work = Path(tmp) / f"p{i}"
            root = work / "data"
            shutil.copytree(source, root)
            said = []
            for _ in range(rng.choice((1, 1, 1, 2, 3))):
                kind = rng.choice(sorted(DAMAGES))
                try:
                    said.append(f"{kind}: {DAMAGES[kind](root, rng.choice)}")
                except (FileNotFoundError, json.JSONDecodeError, KeyError, IndexError,
                        UnicodeDecodeError, TypeError, AttributeError, ValueError):
                    said.append(f"{kind}: not applicable after the damage before")
            got = outcome(root)
            counts["packages"] += 1
            wrong = []
            if got.exception:
                counts["exceptions"] += 1
                wrong.append(f"exception\n{got.exception}")
            elif silent(got, base):
                counts["silent changes"] += 1
                wrong.append("silent change")
            elif got.numbers is None:
                counts["refused"] += 1
            elif got.problems - base.problems:
                counts["accepted with a message"] += 1
            else:
                counts["unchanged"] += 1
            if i < commands:
                wrong += _commands(root, got.numbers is None, counts)
            if i < builds:
                wrong += _build(root, good, work, got.numbers is None, counts)
            counts["failures"] += bool(wrong)
            for w in wrong:
                print(f"#{i} {said}: {w}", file=sys.stderr)
            shutil.rmtree(work)
    return counts


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tests.damage", description=__doc__)
    p.add_argument("--count", type=int, default=200)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--data", type=Path, default=DATA)
    p.add_argument("--commands", type=int, default=0,
                   help="how many of the packages also go through parindex validate and check")
    p.add_argument("--builds", type=int, default=0,
                   help="how many of the packages also go through a full build")
    args = p.parse_args(argv)
    counts = campaign(args.count, args.seed, args.data, args.commands, args.builds)
    print(", ".join(f"{k}: {v}" for k, v in counts.items()))
    return 1 if counts["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
