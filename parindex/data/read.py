"""Read one table, as editors produce it, into text cells with spreadsheet row numbers.

CSV in UTF-8 with or without BOM, comma, semicolon or tab separated, with rows that start
with the resource's comment character skipped (Frictionless CSV Dialect `commentChar`); or one
sheet of an .xlsx workbook. Every cell comes back as trimmed NFC text ("" when empty), so that
one set of rules (`cells.py`) decides what a value means whatever the file type was; a
workbook's number cell is written with a decimal point and as many decimals as the workbook
shows it with, and marked as a number (`RawTable.numbers`). Rows are numbered as the
spreadsheet shows them: the header is row 1.
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Unpack

import numpy as np
import pandas as pd

from ..fmt import round_half_up
from .problems import Found, Problem, problem

HEADER_ROW = 1


@dataclass
class RawTable:
    name: str
    label: str
    frame: pd.DataFrame
    sheet: str = ""
    numbers: pd.DataFrame | None = None  # a workbook's: True where a cell holds a number
    comments: int = 0  # rows skipped as comments: a table with only these is a template

    def problem(self, **kwargs: Unpack[Found]) -> Problem:
        return problem(file=self.label, sheet=self.sheet, **kwargs)


def _clean(frame: pd.DataFrame, numbers: pd.DataFrame | None = None
           ) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    frame.columns = [unicodedata.normalize("NFC", str(c)).strip() for c in frame.columns]
    for i in range(frame.shape[1]):
        codes, distinct = pd.factorize(frame.iloc[:, i])  # clean each distinct text once
        clean = pd.Series(distinct, dtype=object).str.strip()
        if not "".join(clean).isascii():
            clean = clean.str.normalize("NFC")
        if not clean.equals(pd.Series(distinct, dtype=object)):
            frame.iloc[:, i] = clean.to_numpy()[codes]
    frame.index = pd.RangeIndex(HEADER_ROW + 1, HEADER_ROW + 1 + len(frame))
    blank = np.ones(len(frame), dtype=bool)  # rows with every cell empty, column by column,
    for i in range(frame.shape[1]):          # looking only at rows still blank so far
        rows = np.flatnonzero(blank)
        if not len(rows):
            break
        blank[rows] = frame.iloc[rows, i].to_numpy() == ""
    if numbers is not None:
        numbers = numbers.set_axis(frame.columns, axis=1).set_axis(frame.index)[~blank]
    return frame[~blank], numbers


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    return max(counts, key=counts.__getitem__)


def _same_length(text: str, sep: str, width: int) -> bool:
    """Whether every line but blank ones has `width` cells. Without quotes a separator always
    separates two cells, so counting them is enough (and fast); with quotes the csv module
    decides."""
    if '"' in text:
        return all(not r or len(r) == width
                   for r in csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    seps = width - 1
    return all(line.count(sep) == seps or not line.strip("\r") for line in text.split("\n"))


def _uncomment(text: str, char: str) -> tuple[str, int]:
    """`text` with every row after the header that starts with `char` made blank, so that the
    other rows keep their numbers (blank rows are dropped), and how many; a line that
    continues a quoted cell is not a row, whatever it starts with."""
    if "\n" + char not in text:
        return text, 0
    lines = text.split("\n")
    quoted = False
    count = 0
    for i, line in enumerate(lines):
        if i and not quoted and line.startswith(char):
            lines[i] = ""
            count += 1
        elif line.count('"') % 2:
            quoted = not quoted
    return "\n".join(lines), count


def _unclosed(text: str, sep: str) -> int | None:
    """Where a quoted cell opens that nothing closes (a file cut while saved, a stray quote
    at the start of a cell): the csv reader would take the rest of the file into that cell and
    lose every row after it. A cell is quoted when a quote starts it; inside, "" is a quote."""
    opening = re.compile(rf'(?:^|(?<=[{re.escape(sep)}\n]))"')
    closing = re.compile(r'(?:[^"]|"")*+"', re.DOTALL)  # possessive: "" never closes
    pos = 0
    while m := opening.search(text, pos):
        end = closing.match(text, m.end())
        if end is None:
            return m.start()
        pos = end.end()
    return None


def _row_at(text: str, offset: int, sep: str) -> int:
    """The spreadsheet row of the record in which `offset` falls."""
    before = text[:offset]
    records = sum(1 for _ in csv.reader(io.StringIO(before, newline=""), delimiter=sep))
    return records + (1 if before.endswith("\n") or not before else 0)


def read_csv(path: Path, name: str, label: str, comment: str = ""
             ) -> tuple[RawTable | None, list[Problem]]:
    """One CSV table; `comment` is the resource's Frictionless `commentChar` ("" for none)."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [problem(
            code="encoding", file=label, row=text_row(data, exc.start),
            expected="tệp phải được lưu với mã UTF-8",
            hint="trong Excel chọn 'Lưu thành' > 'CSV UTF-8 (phân cách bằng dấu phẩy)'",
        )]
    if "\x00" in text:
        return None, [problem(code="encoding", file=label,
                              expected="tệp CSV phải là văn bản, không phải tệp nhị phân")]
    if not text.strip():
        return None, [problem(code="empty-file", file=label, fill={"what": "tệp"})]
    comments = 0
    if comment:
        text, comments = _uncomment(text, comment)
    sep = _delimiter(text.split("\n", 1)[0])
    if '"' in text and (start := _unclosed(text, sep)) is not None:
        return None, [problem(code="unclosed-quote", file=label, row=_row_at(text, start, sep),
                              value=text[start:start + 40].split("\n", 1)[0])]
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                            skip_blank_lines=False, engine="c")
        # pandas pads a short row with empty cells: that row is the row-by-row reader's to report
        if _same_length(text, sep, frame.shape[1]) and not frame.columns.duplicated().any() \
                and not any(str(c).startswith("Unnamed: ") for c in frame.columns):
            return RawTable(name, label, _clean(frame)[0], comments=comments), []
    except (pd.errors.ParserError, ValueError):
        pass  # the row-by-row reader below says which rows are wrong
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    header, body = rows[0], rows[1:]
    problems = [
        problem(code="row-length", file=label, row=i + HEADER_ROW + 1, value=sep.join(r),
                expected=f"dòng phải có {len(header)} ô như dòng tiêu đề, nhưng có {len(r)} ô",
                hint="kiểm tra dấu phân cách thừa hoặc thiếu")
        for i, r in enumerate(body) if r and len(r) != len(header)
    ]
    width = len(header)
    body = [(r + [""] * width)[:width] for r in body]
    frame = pd.DataFrame(body, columns=header, dtype=object)
    return RawTable(name, label, _clean(frame)[0], comments=comments), problems


def text_row(data: bytes, offset: int) -> int:
    return data[:offset].count(b"\n") + 1


FIXED = re.compile(r"[#,]*0(?:\.(0+))?")  # "0.000", "#,##0.00": a number format's decimals


def _number_text(value: float, number_format: str) -> str:
    """A workbook's number as the workbook shows it, with a decimal point: as many decimals as
    its number format has ("0.000"), else as its shortest form (no float noise: 97.685, not
    97.68499999999999)."""
    if m := FIXED.fullmatch(number_format):
        return str(round_half_up(value, len(m.group(1) or "")))  # as Excel rounds: 2,675 → 2,68
    return format(Decimal(repr(round(value, 9))).normalize(), "f")


def _cell_text(value: object, number_format: str = "General") -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return _number_text(value, number_format) if math.isfinite(value) else str(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def sheet_names(path: Path) -> list[str]:
    return [name for name, _ in sheets(path)]


def sheets(path: Path) -> list[tuple[str, bool]]:
    """Each sheet's name, and whether it is empty (no cell holds anything). Raises what
    openpyxl raises for a file that is no workbook."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    try:
        return [(ws.title, not any(v is not None and str(v).strip()
                                   for row in ws.iter_rows(values_only=True) for v in row))
                for ws in wb.worksheets]
    finally:
        wb.close()


def read_xlsx(path: Path, name: str, label: str, sheet: str | None = None
              ) -> tuple[RawTable | None, list[Problem]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
        try:
            ws = wb[sheet] if sheet else wb.worksheets[0]
            cells = [[(_cell_text(c.value, c.number_format), _is_number(c.value)) for c in r]
                     for r in ws.iter_rows()]
        finally:
            wb.close()
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a broken workbook
        return None, [problem(code="xlsx", file=label, sheet=sheet or "")]
    rows = [[text for text, _ in r] for r in cells]
    while rows and not any(rows[-1]):
        rows.pop()
    if not rows:
        return None, [problem(code="empty-file", file=label, sheet=sheet or "",
                              fill={"what": "trang tính"})]
    header = rows[0]
    while header and header[-1] == "":
        header = header[:-1]
    width = len(header)
    problems = [
        problem(code="row-length", file=label, sheet=sheet or ws.title, row=i + HEADER_ROW + 1,
                expected="dòng có ô ngoài các cột có tên ở dòng tiêu đề",
                hint="đặt tên cho cột đó ở dòng 1 hoặc xóa các ô thừa")
        for i, r in enumerate(rows[1:]) if any(c.strip() for c in r[width:])
    ]
    body = [(r + [""] * width)[:width] for r in rows[1:]]
    flags = [([n for _, n in r] + [False] * width)[:width] for r in cells[1:len(rows)]]
    frame, numbers = _clean(pd.DataFrame(body, columns=header, dtype=object),
                            pd.DataFrame(flags, columns=header, dtype=bool))
    return RawTable(name, label, frame, sheet=sheet or ws.title, numbers=numbers), problems


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
