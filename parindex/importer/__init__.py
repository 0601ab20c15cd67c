"""`parindex import WORKBOOK --year YEAR`: an office's results workbook → the year's tables.

The workbook is read as offices make it (`workbook`: merged cells, percentages, numbers typed
as text; `sheets`: header rows under a letterhead, sections, averages, notes, the wide sheet of
field scores), matched against the data package (`context`, `words`), and written as the
canonical tables of `DATA/YEAR/` (ids, decimal points, UTF-8): `scores.csv`, `field_scores.csv`,
`field_maxima.csv`, `published_stats.csv`, each only if the workbook has its numbers. The
source they cite is `--source`, else one added to `sources.csv` from the workbook's title.

Nothing is written when any problem is an error: every problem is reported at once, with what
was done with every row. A table that already exists is replaced only with `overwrite`.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..data import package
from ..data.dataset import load
from ..data.problems import Problem, Report, problem
from ..data.read import sheet_names
from ..data.tables import Dataset
from ..text import slug
from .context import Context
from .sheets import Imported, read_sheets
from .workbook import WorkbookError, read

TABLES = ("scores", "field_scores", "field_maxima", "published_stats")
DATE = re.compile(r"ngày\s+(\d{1,2})\s*(?:tháng|/|-)\s*(\d{1,2})\s*(?:năm|/|-)\s*(\d{4})",
                  re.IGNORECASE)
NUMBER = re.compile(r"\bsố[:\s]+(\d+/[\wĐđ/-]+)", re.IGNORECASE)
TITLE = re.compile(r"kết quả|chỉ số|bảng|báo cáo", re.IGNORECASE)


@dataclass
class Outcome:
    """What an import did: a line per sheet, column and row, the problems, the files written."""

    log: list[str] = field(default_factory=list)
    report: Report = field(default_factory=Report)
    written: list[str] = field(default_factory=list)


def _csv(header: list[str], rows: Sequence[Mapping[str, str]]) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    w.writerows([[r.get(h, "") for h in header] for r in rows])
    return out.getvalue()


def _source(imported: Imported, workbook: Path, year: int) -> dict[str, str]:
    """The source the imported rows cite, from the workbook: its title (the text above the
    scores' header that reads as one), number and date where the title rows give them."""
    texts = imported.titles
    title = next((t for t in texts if TITLE.search(t)), "") or f"Bảng kết quả {workbook.stem}"
    found = {"source_id": slug(f"{workbook.stem}-{year}" if str(year) not in workbook.stem
                               else workbook.stem),
             "title": title, "note": f"Nhập từ tệp {workbook.name} bằng parindex import."}
    for text in texts:
        if (m := NUMBER.search(text)) and "number" not in found:
            found["number"] = m.group(1)
        if (d := DATE.search(text)) and "date" not in found:
            day, month, y = map(int, d.groups())
            try:
                found["date"] = date(y, month, day).isoformat()
            except ValueError:
                pass
    return found


def _maxima(ctx: Context, imported: Imported, source: str
            ) -> tuple[list[dict[str, str]], dict[tuple[str, str], str]]:
    """Each group's maximum of each field (the one most of its agencies have), and the
    maxima of the agencies that differ from their group's."""
    by_group: dict[tuple[str, str], Counter[str]] = {}
    origin: dict[tuple[str, str], str] = {}
    for (uid, fid), (value, where) in imported.unit_maxima.items():
        gid = ctx.unit_group.get(uid, "")
        by_group.setdefault((gid, fid), Counter())[value] += 1
        origin.setdefault((gid, fid), where)
    chosen = {k: c.most_common(1)[0][0] for k, c in by_group.items()}
    rows = [{"group_id": gid, "field_id": fid, "max_score": value, "inferred": "false",
             "source_id": source, "note": origin[(gid, fid)] + "."}
            for (gid, fid), value in chosen.items()]
    own = {(uid, fid): value for (uid, fid), (value, _) in imported.unit_maxima.items()
           if chosen[(ctx.unit_group.get(uid, ""), fid)] != value}
    return rows, own


def tables(ds: Dataset, ctx: Context, imported: Imported, source: str) -> dict[str, str]:
    """The canonical CSV text of each table the workbook has numbers for."""
    header = {t: [f["name"] for f in ds.schemas[t]["fields"]] for t in TABLES}
    out: dict[str, str] = {}
    if imported.scores:
        out["scores"] = _csv(header["scores"], [{**r, "source_id": source}
                                                for r in imported.scores.values()])
    maxima, own = _maxima(ctx, imported, source)
    if imported.field_scores:
        out["field_scores"] = _csv(header["field_scores"], [
            {"unit_id": uid, "field_id": fid, "score": score, "max_score": own.get((uid, fid), ""),
             "source_id": source} for (uid, fid), score in imported.field_scores.items()])
    if maxima:
        out["field_maxima"] = _csv(header["field_maxima"], maxima)
    if imported.stats:
        out["published_stats"] = _csv(header["published_stats"],
                                      [{**s, "source_id": source} for s in imported.stats])
    return out


def _conflicts(root: Path, year: int, names: list[str], overwrite: bool) -> list[Problem]:
    """A table the import would write that the year already has: as another file (never
    replaced), or as the CSV the import writes (replaced only with `overwrite`)."""
    found = []
    for table in names:
        for other in (f"{year}/{table}.xlsx", f"{year}.xlsx", f"{year}/{year}.xlsx"):
            if (root / other).is_file() and (other.endswith(f"{table}.xlsx")
                                             or _has_sheet(root / other, table)):
                found.append(problem(code="table-exists", file=other,
                                     fill={"table": table, "file": other},
                                     hint=f"lệnh nhập ghi {year}/{table}.csv; chuyển bảng cũ ra "
                                          "khỏi thư mục dữ liệu trước"))
        label = f"{year}/{table}.csv"
        if (root / label).is_file() and not overwrite:
            found.append(problem(code="table-exists", file=label,
                                 fill={"table": table, "file": label}))
    return found


def _has_sheet(book: Path, table: str) -> bool:
    try:
        return table in [s.strip() for s in sheet_names(book)]
    except Exception:  # a broken workbook: `parindex validate` says so
        return False


def _add_source(root: Path, row: dict[str, str]) -> None:
    """Appends the source to sources.csv, in the file's own column order and separator."""
    path = root / "sources.csv"
    text = path.read_text(encoding="utf-8-sig")
    first = text.split("\n", 1)[0]
    sep = ";" if first.count(";") > first.count(",") else ","
    header = next(csv.reader([first], delimiter=sep))
    line = io.StringIO()
    csv.writer(line, delimiter=sep, lineterminator="\n").writerow(
        [row.get(h.strip(), "") for h in header])
    with path.open("a", encoding="utf-8", newline="") as f:
        f.write(("" if text.endswith("\n") else "\n") + line.getvalue())


def run(workbook: Path, year: int, root: Path, source: str | None = None,
        overwrite: bool = False) -> Outcome:
    """Import `workbook` as the results of `year` into the data package at `root`."""
    outcome = Outcome()
    ds, report = load(root)
    if ds is None:
        outcome.log.append("Dữ liệu hiện có còn lỗi; sửa trước khi nhập (parindex validate).")
        outcome.report.extend(report.errors)
        return outcome
    try:
        sheets = read(workbook)
    except WorkbookError as exc:
        outcome.report.extend([exc.problem])
        return outcome
    ctx = Context.of(ds, year)
    imported = read_sheets(sheets, ctx, workbook.name)
    outcome.log += imported.log
    outcome.report.extend(imported.problems)
    if not imported.scores:
        outcome.report.extend([problem(code="no-table", file=workbook.name)])
    known = set(ds.sources["source_id"].dropna())
    if source is not None and source not in known:
        outcome.report.extend([problem(code="unknown-reference", file="sources.csv",
                                       value=source, expected="không có mã nguồn này trong "
                                                              "sources.csv")])
    new = _source(imported, workbook, year)
    source_id = source or new["source_id"]
    adding = source is None and source_id not in known
    if adding and ds.files.get("sources", "sources.csv") != "sources.csv":
        outcome.report.extend([problem(
            code="unknown-reference", file=ds.files["sources"], value=source_id,
            expected="bảng nguồn là tệp Excel, lệnh nhập không thêm dòng vào đó",
            hint="thêm văn bản nguồn vào bảng đó rồi chạy lại với --source MÃ_NGUỒN")])
    texts = tables(ds, ctx, imported, source_id)
    outcome.report.extend(_conflicts(root, year, list(texts), overwrite))
    if not outcome.report.ok:
        return outcome
    if adding:
        _add_source(root, new)
        outcome.log.append(f"Thêm nguồn «{new['title']}» (mã {source_id}) vào sources.csv.")
    (root / str(year)).mkdir(exist_ok=True)
    for table, text in texts.items():
        label = f"{year}/{table}.csv"
        (root / label).write_text(text, encoding="utf-8")
        outcome.written.append(f"{label} ({text.count(chr(10)) - 1} dòng)")
    package.write(root)
    return outcome
