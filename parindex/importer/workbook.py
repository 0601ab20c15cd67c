"""An office's workbook as grids of cells: what each cell shows, merged cells filled in.

A merged range holds its value in its first cell only; here every cell of the range has it,
so that a band merged over four agencies belongs to each of them and a section title merged
across the row is the row's text whichever column is read. A number is read as the workbook
shows it: with the decimals of its number format, and a percentage-formatted cell as the
percentage it shows (0,812 formatted "0.00%" is 81,20). A formula whose result the file does
not hold (a workbook written by a program and never opened in Excel) is marked, never read as
empty. An old Excel file (.xls, or one renamed .xlsx) is refused with how to save it as .xlsx.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..data.problems import Problem, problem
from ..fmt import round_half_up

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the header of an Excel 97–2003 (.xls) file
FIXED = re.compile(r"[#,]*0(?:\.(0+))?(%?)")  # "0.00", "#,##0.000", "0.00%": decimals shown
EMPTY_MARKS = {"-", "–", "—", "x", "…", "..."}  # typed for "no value"


class WorkbookError(Exception):
    """The file cannot be read as a workbook: its problem says why and what to do."""

    def __init__(self, found: Problem) -> None:
        super().__init__(str(found))
        self.problem = found


@dataclass(frozen=True)
class Cell:
    """What a cell shows. `number`: its value as a number, if it is one (`places`: the
    decimals it is shown with); `formula`: it holds a formula whose result was never saved."""

    text: str = ""
    number: float | None = None
    places: int = 0
    formula: str = ""


@dataclass(frozen=True)
class Sheet:
    name: str
    rows: list[list[Cell]]  # row 1 of the sheet is rows[0]


def _shown(value: float, number_format: str) -> tuple[float, int]:
    """A number cell's value and decimals as the cell shows them."""
    fmt = number_format.split(";")[0].strip()
    m = FIXED.fullmatch(fmt)
    percent = "%" in fmt
    if percent:
        value *= 100
    if m:
        places = len(m.group(1) or "")
        return float(round_half_up(value, places)), places
    text = format(Decimal(repr(round(value, 9))).normalize(), "f")
    return float(text), len(text.split(".")[1]) if "." in text else 0


def number(text: str) -> tuple[float, int] | None:
    """A number typed as text, as offices type them (81,20; 81.20; 1.234,5; 81,20%), with its
    decimals; None if the text is not a number. A single sign is the decimal sign: the values
    of a results table (scores, indices, ranks) have no thousands."""
    t = text.replace("\u00a0", "").replace(" ", "").removesuffix("%")
    if not re.fullmatch(r"[+-]?(\d{1,3}([.,]\d{3})*([.,]\d+)?|\d+([.,]\d+)?|[.,]\d+)", t):
        return None
    signs = [c for c in t if c in ".,"]
    if len(signs) > 1:  # 1.234,5 or 1,234.5: the last sign is the decimal sign
        decimal = signs[-1]
        if signs.count(decimal) > 1:
            return None
        t = t.replace("," if decimal == "." else ".", "").replace(decimal, ".")
    else:
        t = t.replace(",", ".")
    places = len(t.split(".")[1]) if "." in t else 0
    return float(t), places


def _cell(value: object, number_format: str, formula: object) -> Cell:
    if value is None:
        if isinstance(formula, str) and formula.startswith("="):
            return Cell(formula=formula)
        return Cell()
    if isinstance(value, bool):
        return Cell(text="true" if value else "false")
    if isinstance(value, int | float):
        if not math.isfinite(value):
            return Cell(text=str(value))
        shown, places = _shown(float(value), number_format)
        return Cell(text=f"{shown:.{places}f}", number=shown, places=places)
    if isinstance(value, datetime | date):
        return Cell(text=value.strftime("%d/%m/%Y"))
    text = " ".join(str(value).split())
    if text in EMPTY_MARKS:
        return Cell()
    read = number(text)
    if read is None:
        return Cell(text=text)
    return Cell(text=text, number=read[0], places=read[1])


def _filled(ws: Any, rows: list[list[Cell]]) -> list[list[Cell]]:
    """`rows` with each merged range's first cell copied into the range (`ws`: an openpyxl
    worksheet, untyped)."""
    for rng in ws.merged_cells.ranges:
        first = rows[rng.min_row - 1][rng.min_col - 1]
        for r in range(rng.min_row - 1, min(rng.max_row, len(rows))):
            for c in range(rng.min_col - 1, min(rng.max_col, len(rows[r]))):
                rows[r][c] = first
    return rows


def read(path: Path) -> list[Sheet]:
    """Every sheet of the workbook at `path`. Raises WorkbookError for a file that is not a
    readable .xlsx workbook (an old .xls: how to save it as .xlsx)."""
    from openpyxl import load_workbook

    try:
        with path.open("rb") as f:
            head = f.read(8)
    except OSError as exc:
        raise WorkbookError(problem(code="xlsx", file=str(path), expected="không mở được tệp: "
                                    + (exc.strerror or str(exc)))) from None
    if head == OLE2 or path.suffix.lower() == ".xls":
        raise WorkbookError(problem(code="old-excel", file=path.name))
    try:
        values = load_workbook(path, data_only=True)
        formulas = load_workbook(path, data_only=False)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise WorkbookError(problem(
            code="xlsx", file=path.name, hint="nếu là bảng tính khác (.ods, .csv), mở bằng "
            "Excel hoặc LibreOffice và lưu thành «Sổ làm việc Excel (*.xlsx)»")) from None
    sheets = []
    for ws in values.worksheets:
        fs = formulas[ws.title]
        rows = [[_cell(c.value, c.number_format, fs.cell(c.row, c.column).value) for c in row]
                for row in ws.iter_rows()]
        sheets.append(Sheet(ws.title, _filled(ws, rows)))
    return sheets
