"""Problems found in the data, reported to editors in Vietnamese.

One problem type for everything (after frictionless-py's error hierarchy): where it is (file,
sheet, row as the spreadsheet shows it, column), the value found, what was expected, and a hint.
Checks return lists of problems; a `Report` collects them so that every problem is shown at once.
Only something that stops reading altogether raises `DataError`.

Every kind of problem has a code, registered once in `CODES` with its title, its severity and,
where the text is fixed or a template, what was expected (and a hint); `problem()` builds a
problem from its code, and a `Problem` of an unregistered code cannot be made. The codes are
documented in the README ("Problem codes"), which a test keeps complete.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal, Required, SupportsInt, TypedDict, Unpack, cast

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Code:
    """A kind of problem. `template` says what was expected, its {names} filled by str.format;
    None where the check words it for the case at hand (several situations share the code)."""

    code: str
    title: str
    template: str | None = None
    hint: str = ""
    severity: Severity = "error"

    def expected(self, **fill: object) -> str:
        if self.template is None:
            raise ValueError(f"problem code {self.code!r} has no template: give `expected`")
        return self.template.format(**fill)


_REGISTRY = (
    # the data folder and its package
    Code("no-data", "Không có thư mục dữ liệu", "không tìm thấy thư mục dữ liệu"),
    Code("no-datapackage", "Thiếu datapackage.json",
         "thư mục dữ liệu phải có tệp datapackage.json"),
    Code("datapackage", "datapackage.json hỏng", "tệp JSON không đọc được: {error}"),
    Code("schema", "Mô tả bảng hỏng", "cần mô tả bảng (Table Schema) đọc được: {error}"),
    Code("unknown-sheet", "Trang tính không rõ", "tên trang tính phải là tên một bảng: {tables}",
         severity="warning"),
    Code("duplicate-table", "Bảng có ở nhiều nơi",
         "bảng {table} có ở nhiều nơi: {files}; chỉ giữ một"),
    Code("missing-table", "Thiếu bảng", "thiếu bảng {table} (tệp {table}.csv hoặc {table}.xlsx)"),
    Code("unlisted", "Tệp chưa khai báo", "tệp chưa được khai báo trong datapackage.json",
         hint="chạy 'parindex package DATA_DIR' để cập nhật", severity="warning"),
    # reading a file
    Code("encoding", "Sai mã ký tự"),
    Code("empty-file", "Tệp trống", "{what} phải có dòng tiêu đề với tên các cột"),
    Code("xlsx", "Bảng tính hỏng", "tệp phải là bảng tính Excel (.xlsx) đọc được"),
    Code("row-length", "Sai số ô của dòng"),
    # columns and cells, by the table's schema
    Code("duplicate-header", "Tên cột trùng", "mỗi tên cột chỉ được xuất hiện một lần"),
    Code("extra-column", "Cột thừa", "cột này không có trong mô tả bảng và sẽ bị bỏ qua",
         severity="warning"),
    Code("missing-column", "Thiếu cột", "thiếu cột bắt buộc '{name}' ({title})"),
    Code("type", "Sai kiểu giá trị"),
    Code("ambiguous", "Số đọc được hai cách",
         "số này đọc được hai cách (phần nghìn hay phần thập phân); cột không khai báo dấu "
         "thập phân, và các ô khác trong cột, giới hạn của cột hay điểm tối đa của dòng đều "
         "không cho biết cách đọc nào đúng",
         hint='khai báo dấu thập phân trong datapackage.json ("decimalChar": "," và '
              '"groupChar": "."), hoặc viết 1234 nếu là số nguyên'),
    Code("required", "Thiếu giá trị bắt buộc"),
    Code("pattern", "Sai dạng mã", "mã chỉ gồm chữ thường không dấu, số và dấu gạch ngang, "
         "ví dụ 'ubnd-huyen-my-xuyen'"),
    Code("enum", "Giá trị ngoài danh sách"),
    Code("minimum", "Nhỏ hơn giá trị tối thiểu", "giá trị không được nhỏ hơn {minimum}"),
    Code("maximum", "Lớn hơn giá trị tối đa", "giá trị không được lớn hơn {maximum}"),
    Code("unique", "Giá trị trùng", "giá trị này đã có ở dòng khác"),
    Code("url", "Địa chỉ web không hợp lệ",
         "cần một địa chỉ web bắt đầu bằng http:// hoặc https://"),
    Code("duplicate-row", "Dòng trùng khóa", "dòng này trùng khóa với dòng {first}",
         hint="xóa một trong hai dòng hoặc sửa mã"),
    # references between tables
    Code("ambiguous-unit", "Tên đơn vị không rõ",
         "tên này dùng cho nhiều đơn vị; hãy ghi mã đơn vị (unit_id)"),
    Code("unknown-reference", "Mã không có trong bảng tham chiếu"),
    # the rules no schema can say
    Code("component-column", "Thành phần điểm không có cột",
         "mỗi thành phần điểm phải là một cột của scores.csv (khai báo trong schemas/scores.json)"),
    Code("band-gap", "Bảng xếp loại hở hoặc chồng", "bảng xếp loại từ năm {start}: {gap}"),
    Code("band-range", "Xếp loại thiếu khoảng chỉ số",
         "bảng xếp loại từ năm {start} ghi khoảng chỉ số cho {stated} nhưng xếp loại '{name}' "
         "không có cận nào",
         hint="ghi cận cho mọi xếp loại của bảng, hoặc để trống cận của mọi xếp loại nếu văn bản "
              "nguồn không công bố"),
    Code("band-period", "Số bảng xếp loại của năm",
         "năm {year} cần đúng một bảng xếp loại, hiện có {count}",
         hint="kiểm tra cột year_from và year_to"),
    Code("above-maximum", "Điểm vượt điểm tối đa"),
    Code("group-size", "Số thành viên của nhóm",
         hint="sửa số thành viên ghi ở đây, hoặc active_from và active_to của các đơn vị "
              "trong units.csv"),
    Code("inactive-unit", "Đơn vị không hoạt động",
         "đơn vị không hoạt động trong năm {year} (xem active_from, active_to trong units.csv)",
         severity="warning"),
    Code("no-field-scores", "Thiếu điểm lĩnh vực",
         "đơn vị có điểm năm {year} nhưng chưa có điểm theo lĩnh vực", severity="warning"),
    Code("no-summary", "Sáng kiến chưa có mô tả", "sáng kiến chưa có mô tả", severity="warning"),
    # what a new portal (parindex init) has still to fill in
    Code("to-fill", "Chưa điền", "mục '{key}' vẫn là chữ mẫu của bản khởi tạo",
         hint="thay bằng thông tin thật của cổng", severity="warning"),
    Code("no-rows", "Bảng chưa có dòng", "bảng {table} chưa có dòng số liệu nào",
         hint="dòng bắt đầu bằng # là dòng ví dụ, không được đọc; thêm dòng thật bên dưới nó",
         severity="warning"),
    # a year's printed results against the computed ones (the build refuses a wrong number)
    Code("published-mismatch", "Số công bố khác số tính lại"),
    # parindex import: an office's results workbook
    Code("old-excel", "Bảng tính Excel cũ (.xls)",
         "tệp là bảng tính Excel 97–2003 (.xls); lệnh nhập chỉ đọc tệp .xlsx",
         hint="mở tệp bằng Excel, chọn Tệp > Lưu thành (File > Save As), kiểu «Sổ làm việc "
              "Excel (*.xlsx)», rồi nhập tệp .xlsx mới"),
    Code("no-table", "Không thấy bảng điểm",
         "không trang tính nào có bảng điểm: cần một dòng tiêu đề có cột tên đơn vị (ví dụ "
         "'Tên cơ quan, đơn vị') và ít nhất hai cột điểm (ví dụ 'Điểm tối đa', 'Chỉ số (%)')",
         hint="tên cột được nhận theo title và synonyms của từng cột trong "
              "schemas/scores.json; thêm cách gọi riêng của tỉnh vào synonyms"),
    Code("unknown-unit", "Tên đơn vị không có trong units.csv",
         "không có đơn vị nào có tên, tên khác (aliases) hay mã như vậy trong units.csv"),
    Code("formula", "Công thức chưa có kết quả",
         "ô có công thức nhưng tệp không lưu kết quả của nó (tệp do một chương trình tạo, "
         "chưa từng mở bằng Excel)", hint="mở tệp bằng Excel, lưu lại, rồi nhập lại"),
    Code("formula-total", "Tổng điểm là công thức chưa có kết quả",
         "ô tổng điểm là công thức mà tệp không lưu kết quả: để trống, cổng tự cộng các thành "
         "phần", hint="mở tệp bằng Excel, lưu lại, rồi nhập lại để có tổng điểm in mà đối chiếu",
         severity="warning"),
    Code("table-exists", "Bảng của năm đã có", "bảng {table} của năm đã có: {file}",
         hint="thêm --overwrite để thay bảng đó bằng bảng từ tệp Excel"),
    Code("skipped-row", "Dòng bị bỏ qua", "{what}: dòng này bị bỏ qua", severity="warning"),
    Code("other-group", "Đơn vị dưới mục của nhóm khác",
         "đơn vị thuộc nhóm '{group}' trong units.csv nhưng nằm dưới mục '{section}' của bảng "
         "tính; cổng xếp hạng đơn vị theo nhóm trong units.csv", severity="warning"),
)
CODES: dict[str, Code] = {c.code: c for c in _REGISTRY}
assert len(CODES) == len(_REGISTRY), "a problem code registered twice"


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

    def __post_init__(self) -> None:
        code = CODES.get(self.code)
        if code is None:
            raise ValueError(f"unregistered problem code {self.code!r} (problems.CODES)")
        if self.severity != code.severity:
            raise ValueError(f"problem code {self.code!r} is a {code.severity}, "
                             f"not a {self.severity}")

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
    """What a table's problem says; the table itself gives the file and the sheet. `expected`
    is the code's template filled with `fill` unless given; `hint` is the code's unless given."""

    code: Required[str]
    expected: str
    fill: Mapping[str, object]
    row: int | None
    column: str
    value: str | None
    hint: str


class Located(Found, total=False):
    """A problem's fields but its severity (its code's)."""

    file: str
    sheet: str


def problem(**kwargs: Unpack[Located]) -> Problem:
    """The problem of a registered code, its severity the code's."""
    code = CODES.get(kwargs["code"])
    if code is None:
        raise ValueError(f"unregistered problem code {kwargs['code']!r} (problems.CODES)")
    expected = kwargs.get("expected")
    if expected is None:
        expected = code.expected(**kwargs.get("fill", {}))
    return Problem(code=code.code, expected=expected, file=kwargs.get("file", ""),
                   row=kwargs.get("row"), column=kwargs.get("column", ""),
                   value=kwargs.get("value"), hint=kwargs.get("hint", code.hint),
                   sheet=kwargs.get("sheet", ""), severity=code.severity)


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
