"""A results workbook's sheets read row by row into the year's tables, saying what was done
with every row.

A sheet is a table of scores (a column for the agency's name and at least two columns of the
scores schema) or a sheet of field scores (the agency's name and at least two fields as
columns); anything else is left aside, and said so. The header row is the row (or pair of rows,
for a header with merged group titles above its columns) that names the most columns; rows
above it (letterhead, title) are read only for the source's title.

Below the header each row is, in this order: blank; a note ("Ghi chú …"); a statistic of its
section ("TRUNG BÌNH", "Cao nhất", …: `valueSynonyms` of published_stats.statistic); the fields'
maxima of its section ("Điểm tối đa", field sheets); an agency (its name, alias or id in
units.csv, compared by `words.name_key`); a section heading (text and no number: a group's name,
or any title); the header repeated. A row with numbers whose name is no agency's is an error
with a suggestion, never guessed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Unpack

from ..data.problems import Found, Problem, problem
from .context import Context
from .words import key, unnumbered
from .workbook import Cell, Sheet

SEARCH = 40  # the header is looked for in the first rows of a sheet
ALL = {key("chung"), key("toàn"), key("tất cả"), key("cộng")}  # words of a row for everyone
STAT_WORDS = {"mean": "trung bình", "max": "cao nhất", "min": "thấp nhất"}
NUMBERS = ("number", "integer")


@dataclass
class Header:
    kind: str  # "scores" or "fields"
    first: int  # its first and last row (as the sheet numbers them)
    last: int
    columns: dict[int, str]  # column index → scores column or field_id ("unit_id" for both)
    texts: dict[int, str]  # column index → the header as written

    @property
    def count(self) -> int:
        return len(set(self.columns.values()) - {"unit_id"})

    @property
    def unit(self) -> int:
        return next(c for c, name in self.columns.items() if name == "unit_id")


@dataclass
class Block:
    """A section of a table: its heading, the agencies under it and, on a field sheet, the
    row of its fields' maxima."""

    label: str = ""
    group: str | None = None
    units: list[str] = field(default_factory=list)
    stats: set[str] = field(default_factory=set)
    maxima: dict[str, Cell] = field(default_factory=dict)
    maxima_row: int = 0


@dataclass
class Imported:
    """The tables read from a workbook (rows of canonical text by column), what was done with
    every row, and the problems found."""

    scores: dict[str, dict[str, str]] = field(default_factory=dict)  # unit_id → row
    field_scores: dict[tuple[str, str], str] = field(default_factory=dict)  # (unit, field)
    unit_maxima: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    stats: list[dict[str, str]] = field(default_factory=list)
    where: dict[str, str] = field(default_factory=dict)  # unit_id → "sheet, row" first seen
    titles: list[str] = field(default_factory=list)  # texts above the scores' header
    log: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def canonical(cell: Cell) -> str:
    """A number as the canonical tables write it: a decimal point, its shown decimals."""
    return "" if cell.number is None else f"{cell.number:.{cell.places}f}"


def _target(text: str, kind: str, ctx: Context) -> str | None:
    k = key(text)
    if not k:
        return None
    if k in ctx.unit_column:
        return "unit_id"
    if kind == "scores":
        return ctx.score_columns.get(k)
    return ctx.field(text)


def _header(band: list[list[Cell]], first: int, kind: str, ctx: Context) -> Header | None:
    """The header that rows `band` make (first row number `first`), if it is one: a column for
    the agency and at least two more. A column takes the lowest row's text that names one."""
    columns: dict[int, str] = {}
    texts: dict[int, str] = {}
    seen: set[int] = set()  # the cells read: a merged cell is one cell over several columns
    for c in range(max(len(r) for r in band)):
        said = [r[c] for r in band if c < len(r) and r[c].text and r[c].number is None]
        if said and id(said[-1]) in seen:
            continue
        seen.update(id(cell) for cell in said)
        for cell in reversed(said):
            name = _target(cell.text, kind, ctx)
            if name is not None:
                if name not in columns.values():
                    columns[c] = name
                texts[c] = cell.text
                break
        else:
            if said:
                texts[c] = said[-1].text
    h = Header(kind, first, first + len(band) - 1, columns, texts)
    return h if "unit_id" in columns.values() and h.count >= 2 else None


def _rank(h: Header) -> tuple[int, int]:
    return h.count, h.first - h.last  # more columns named, then fewer rows


def find_header(sheet: Sheet, ctx: Context) -> Header | None:
    """The sheet's header: the row, or pair of rows, naming the most columns (a field sheet
    before a sheet of scores when as many; one row before two); the first such."""
    best: Header | None = None
    rows = sheet.rows
    for r in range(min(len(rows), SEARCH)):
        for span in (1, 2):
            for kind in ("fields", "scores"):
                if r + span > len(rows) or not any(c.text for c in rows[r]):
                    continue
                h = _header(rows[r:r + span], r + 1, kind, ctx)
                if h is not None and (best is None or _rank(h) > _rank(best)):
                    best = h
    return best


class Reader:
    """Reads one sheet below its header into `out`."""

    def __init__(self, sheet: Sheet, header: Header, ctx: Context, file: str, out: Imported):
        self.sheet, self.header, self.ctx, self.file, self.out = sheet, header, ctx, file, out
        self.block = Block()
        self.notes = False

    def problem(self, **kwargs: Unpack[Found]) -> None:
        self.out.problems.append(problem(file=self.file, sheet=self.sheet.name, **kwargs))

    def say(self, row: int, label: str, what: str) -> None:
        self.out.log.append(f"  dòng {row}" + (f" «{label}»" if label else "") + f": {what}")

    def cells(self, row: list[Cell]) -> Iterator[tuple[int, str, Cell]]:
        """(column index, target, cell) of each named column but the agency's."""
        for c, name in self.header.columns.items():
            if name != "unit_id":
                yield c, name, row[c] if c < len(row) else Cell()

    def numeric(self, name: str) -> bool:
        return self.header.kind == "fields" or self.ctx.types.get(name) in NUMBERS

    def label(self, row: list[Cell]) -> str:
        """The row's name: the agency column's text, else its first text that is no number."""
        u = self.header.unit
        if u < len(row) and row[u].text and row[u].number is None:
            return row[u].text
        return next((c.text for c in row if c.text and c.number is None), "")

    def read(self) -> None:
        rows = self.sheet.rows
        for i in range(self.header.last, len(rows)):
            self.row(i + 1, rows[i])
        self.close()

    def row(self, n: int, row: list[Cell]) -> None:
        ctx = self.ctx
        if not any(c.text or c.formula for c in row):
            return
        label = self.label(row)
        valued = any((c.number is not None or c.formula) and self.numeric(name)
                     for _, name, c in self.cells(row))
        if label and ctx.is_note(label):
            self.notes = True
            return self.say(n, label, "bỏ qua (ghi chú)")
        if label and (stat := ctx.statistic(unnumbered(label))):
            return self.statistic(n, label, stat, row)
        if label and ctx.is_maxima(label):
            return self.maxima(n, label, row)
        units, read_as = ctx.unit(label) if label else (set(), "")
        if len(units) == 1:
            return self.agency(n, label, units.pop(), row, read_as)
        if len(units) > 1:
            names = ", ".join(sorted(units))
            return self.problem(code="ambiguous-unit", row=n, column=self.column(), value=label,
                                hint=f"tên này có thể là: {names}; thêm tên riêng cho đơn vị "
                                     "trong cột aliases của units.csv")
        if _header([row], n, self.header.kind, ctx) is not None:
            return self.say(n, label, "bỏ qua (dòng tiêu đề lặp lại)")
        if not valued:
            return self.heading(n, label) if label else self.say(n, "", "bỏ qua (không có tên)")
        if not label:
            self.problem(code="skipped-row", row=n,
                         fill={"what": "dòng có số nhưng không có tên đơn vị"})
            return self.say(n, "", "bỏ qua (có số nhưng không có tên đơn vị)")
        if key(unnumbered(label)) in ctx.score_columns:
            return self.say(n, label, "bỏ qua (dòng tổng hợp)")
        close = ctx.units.suggest(label)
        hint = (f"có phải «{close[0]}» ({close[1]})? " if close else "") + (
            "nếu đúng là đơn vị đó, thêm tên này vào cột aliases của đơn vị trong units.csv; "
            "nếu là đơn vị mới, thêm một dòng vào units.csv")
        self.problem(code="unknown-unit", row=n, column=self.column(), value=label, hint=hint)

    def column(self) -> str:
        return self.header.texts.get(self.header.unit, "")

    def heading(self, n: int, label: str) -> None:
        if self.notes:
            return self.say(n, label, "bỏ qua (ghi chú)")
        self.close()
        groups = self.ctx.groups.find(unnumbered(label))
        group = next(iter(groups)) if len(groups) == 1 else None
        self.block = Block(label, group)
        named = f" của nhóm «{self.ctx.group_name[group]}»" if group else ""
        self.say(n, label, f"bỏ qua (tiêu đề mục{named})")

    def agency(self, n: int, label: str, uid: str, row: list[Cell], read_as: str = "") -> None:
        ctx, out = self.ctx, self.out
        group = ctx.unit_group.get(uid)
        if self.block.group and group != self.block.group:
            self.problem(code="other-group", row=n, column=self.column(), value=label,
                         fill={"group": ctx.group_name.get(group or "", group),
                               "section": self.block.label})
        self.block.units.append(uid)
        said = f" (đọc là «{read_as}»)" if read_as else ""
        if self.header.kind == "fields":
            return self.field_scores(n, label, uid, row, said)
        if uid in out.scores:
            self.problem(code="duplicate-row", row=n, column=self.column(), value=label,
                         fill={"first": out.where[uid]})
            return
        values = {"unit_id": uid}
        for c, name, cell in self.cells(row):
            values[name] = self.value(n, c, name, cell)
        out.scores[uid] = values
        out.where[uid] = f"{self.sheet.name}, dòng {n}"
        self.say(n, label, f"giữ → {uid}{said}")

    def value(self, n: int, c: int, name: str, cell: Cell) -> str:
        """A cell of a named column as the canonical table writes it ("" and a problem if it
        cannot be read)."""
        column = self.header.texts.get(c, name)
        if cell.formula and name == "total_published" and self.ctx.scale.percent:
            self.problem(code="formula-total", row=n, column=column, value=cell.formula)
            return ""  # the portal adds the total up itself
        if cell.formula:
            self.problem(code="formula", row=n, column=column, value=cell.formula)
            return ""
        if self.numeric(name):
            integer = self.ctx.types.get(name) == "integer"
            if cell.text and (cell.number is None or (integer and cell.places)):
                self.problem(code="type", row=n, column=column, value=cell.text,
                             expected="cần một số nguyên, ví dụ 12" if integer else
                             "cần một số, ví dụ 83,84")
                return ""
            return canonical(cell)
        if name == "band_published" and cell.text:
            bands = self.ctx.bands.find(cell.text)
            if len(bands) == 1:
                return bands.pop()
            self.problem(code="unknown-reference", row=n, column=column, value=cell.text,
                         expected=f"không phải xếp loại nào của năm {self.ctx.year} trong "
                                  "bands.csv: " + ", ".join(self.ctx.band_names))
            return ""
        return cell.text

    def field_scores(self, n: int, label: str, uid: str, row: list[Cell], said: str) -> None:
        out = self.out
        if any((uid, f) in out.field_scores for _, f, _ in self.cells(row)):
            self.problem(code="duplicate-row", row=n, column=self.column(), value=label,
                         fill={"first": out.where.get("fields:" + uid, "")})
            return
        for c, fid, cell in self.cells(row):
            out.field_scores[(uid, fid)] = self.value(n, c, fid, cell)
        out.where["fields:" + uid] = f"{self.sheet.name}, dòng {n}"
        self.say(n, label, f"giữ → {uid}{said} ({len(self.header.columns) - 1} lĩnh vực)")

    def maxima(self, n: int, label: str, row: list[Cell]) -> None:
        if self.header.kind != "fields":
            self.problem(code="skipped-row", row=n,
                         fill={"what": "dòng điểm tối đa trong bảng điểm (chỉ đọc ở trang "
                                       "điểm lĩnh vực)"})
            return self.say(n, label, "bỏ qua (điểm tối đa chỉ đọc ở trang điểm lĩnh vực)")
        if self.block.maxima and self.block.units:  # another group's maxima, no heading
            self.close()
            self.block = Block()
        self.block.maxima = {fid: cell for _, fid, cell in self.cells(row)}
        self.block.maxima_row = n
        for c, fid, cell in self.cells(row):
            self.value(n, c, fid, cell)  # reports a cell that is no number
        where = f"mục «{self.block.label}»" if self.block.label else "các đơn vị bên dưới"
        self.say(n, label, f"điểm tối đa các lĩnh vực của {where}")

    def statistic(self, n: int, label: str, stat: str, row: list[Cell]) -> None:
        word = STAT_WORDS[stat]
        if self.header.kind == "fields":
            return self.say(n, label, f"bỏ qua ({word} điểm lĩnh vực: published_stats ghi tỷ "
                                      "lệ phần trăm, không ghi điểm)")
        subject = self.subject(label, stat)
        columns = {name: (c, cell) for c, name, cell in self.cells(row)}
        printed = columns.get("index_published") or (
            None if self.ctx.scale.percent else columns.get("total_published"))
        unsaved = printed is not None and bool(printed[1].formula)
        value = self.value(n, printed[0], "index_published", printed[1]) \
            if printed and not unsaved else ""
        if subject is None or not value:
            why = ("các đơn vị của mục thuộc nhiều nhóm" if subject is None
                   else "ô chỉ số là công thức mà tệp không lưu kết quả" if unsaved
                   else "không có giá trị ở cột chỉ số")
            self.problem(code="skipped-row", row=n, column=self.column(), value=label,
                         fill={"what": f"dòng {word} không ghi được: {why}"})
            return self.say(n, label, f"bỏ qua ({why})")
        self.block.stats.add(stat)
        self.out.stats.append({"group_id": subject, "statistic": stat, "value": value,
                               "location": f"Trang tính '{self.sheet.name}', dòng {n}"})
        whom = (f"nhóm «{self.ctx.group_name.get(subject, subject)}»" if subject
                else "mọi đơn vị")
        self.say(n, label, f"{word} chỉ số của {whom} = {value.replace('.', ',')} → "
                           "published_stats")

    def subject(self, label: str, stat: str) -> str | None:
        """The group a statistic's row is about ("" for every agency), None if it cannot
        be told: the group its section's heading names, else the one group of the section's
        agencies; every agency when the row says so ("chung", "toàn …"), when its section
        already had this statistic, or when the table has no sections."""
        words = set(key(label).split())
        if words & ALL or stat in self.block.stats:
            return ""
        if self.block.group:  # the section's heading names it
            return self.block.group
        groups = {self.ctx.unit_group.get(u) for u in self.block.units}
        if len(groups) == 1:
            return groups.pop() or None
        return "" if not self.block.label and self.block.units else None

    def close(self) -> None:
        """The section ends: its maxima go to each of its agencies."""
        b = self.block
        if self.header.kind != "fields" or not b.units:
            return
        if not b.maxima:
            where = f"mục «{b.label}»" if b.label else f"trang tính «{self.sheet.name}»"
            self.out.log.append(f"  {where}: không có dòng điểm tối đa; tỷ lệ phần trăm theo "
                                "lĩnh vực của các đơn vị này sẽ chưa có")
        origin = f"Dòng điểm tối đa của trang tính '{self.sheet.name}' (dòng {b.maxima_row})"
        for uid in b.units:
            for fid, cell in b.maxima.items():
                if cell.number is not None:
                    self.out.unit_maxima[(uid, fid)] = (canonical(cell), origin)


def read_sheets(sheets: list[Sheet], ctx: Context, file: str) -> Imported:
    """Every sheet of a workbook read into one set of tables."""
    out = Imported()
    for sheet in sheets:
        header = find_header(sheet, ctx)
        if header is None:
            out.log.append(f"Trang tính «{sheet.name}»: không thấy bảng điểm hay bảng điểm "
                           "lĩnh vực (dòng tiêu đề có cột tên đơn vị và các cột điểm): bỏ qua.")
            continue
        _describe(sheet, header, ctx, file, out)
        if header.kind == "scores" and not out.titles:
            out.titles = [c.text for r in sheet.rows[:header.first - 1] for c in r
                          if c.text and c.number is None]
        Reader(sheet, header, ctx, file, out).read()
    return out


def _describe(sheet: Sheet, header: Header, ctx: Context, file: str, out: Imported) -> None:
    """Says which column was read as what, and reports a table column named twice."""
    what = "bảng điểm" if header.kind == "scores" else "điểm theo lĩnh vực"
    rows = (f"dòng {header.first}" if header.first == header.last
            else f"dòng {header.first}–{header.last}")
    out.log.append(f"Trang tính «{sheet.name}» ({what}), tiêu đề ở {rows}:")
    seen = Counter(header.columns.values())
    for c, text in sorted(header.texts.items()):
        name = header.columns.get(c)
        if name is None:
            twice = _target(text, header.kind, ctx)
            if twice is not None and seen[twice]:
                out.problems.append(problem(
                    code="duplicate-header", file=file, sheet=sheet.name, row=header.last,
                    column=text, expected=f"hai cột cùng là '{twice}': chỉ đọc cột đầu tiên, "
                                          "xóa hoặc đổi tên cột kia"))
            out.log.append(f"  cột «{text}»: bỏ qua")
        else:
            out.log.append(f"  cột «{text}» → {name}")
    if header.kind == "scores":
        found = set(header.columns.values())
        wanted = [n for n, t in ctx.types.items() if t in NUMBERS] + ["band_published"]
        missing = [n for n in wanted if n not in found]
        if missing:
            out.log.append("  không có cột: " + ", ".join(missing) + " (để trống)")
