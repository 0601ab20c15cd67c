"""Problems found in the data, reported to editors in Vietnamese.

One problem type for everything (after frictionless-py's error hierarchy): where it is (file,
sheet, row as the spreadsheet shows it, column), the value found, what was expected, and a hint.
Checks return lists of problems; a `Report` collects them so that every problem is shown at once.
Only something that stops reading altogether raises `DataError`.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Literal, Required, SupportsInt, TypedDict, Unpack, cast

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    code: str
    expected: str
    file: str = ""
    row: int | None = None
    column: str = ""
    value: str | None = None
    hint: str = ""
    sheet: str = ""
    severity: Severity = "error"

    @property
    def where(self) -> str:
        parts = [self.file or "dữ liệu"]
        if self.sheet:
            parts.append(f"trang tính '{self.sheet}'")
        if self.row is not None:
            parts.append(f"dòng {self.row}")
        if self.column:
            parts.append(f"cột '{self.column}'")
        return ", ".join(parts)

    def __str__(self) -> str:
        label = "LỖI" if self.severity == "error" else "CẢNH BÁO"
        text = f"{label} {self.where}: "
        if self.value is not None:
            text += f"giá trị '{self.value}' — "
        text += self.expected
        if self.hint:
            text += f" ({self.hint})"
        return text


class Found(TypedDict, total=False):
    """What a table's problem says; the table itself gives the file and the sheet."""

    code: Required[str]
    expected: Required[str]
    row: int | None
    column: str
    value: str | None
    hint: str


class Located(Found, total=False):
    """A problem's fields but its severity."""

    file: str
    sheet: str


def warning(**kwargs: Unpack[Located]) -> Problem:
    return Problem(severity="warning", **kwargs)


def row_number(label: Hashable) -> int:
    """A table's index label as the spreadsheet row it is: tables are indexed by row number,
    which pandas-stubs cannot know (the labels `Series.items()` gives are typed Hashable)."""
    return int(cast(SupportsInt, label))


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        return f"{len(self.errors)} lỗi, {len(self.warnings)} cảnh báo"

    def __str__(self) -> str:
        lines = [str(p) for p in self.errors + self.warnings]
        lines.append(f"Tổng cộng: {self.summary()}.")
        return "\n".join(lines)


class DataError(Exception):
    """The data cannot be used: carries the report with every problem found."""

    def __init__(self, report: Report):
        super().__init__(str(report))
        self.report = report
