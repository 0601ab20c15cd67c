"""Results workbooks in the shape offices send them, written for the tests (invented numbers).

A letterhead and a merged title above the header, Vietnamese headers (optionally in two rows
under a merged group title), a section row per agency group with a "TRUNG BÌNH" row after it,
a note at the end, names typed as people type them; and a wide sheet of field scores (a column
per field, an "Điểm tối đa" row under each section heading). `Book.expected` holds what each
agency's row prints, for the tests to compare with what the import wrote.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from openpyxl import Workbook

# (section row as printed, [(name as typed, unit_id)]) — the real package's agencies
SECTIONS = [
    ("SỞ, BAN, NGÀNH TỈNH", [
        ("Sở Tư pháp", "so-tu-phap"),
        ("Sở Văn hoá, Thể thao và Du lịch", "so-van-hoa-the-thao-va-du-lich"),
        ("Sở Giao thông - Vận tải", "so-giao-thong-van-tai"),
        ("Sở  Nội vụ ", "so-noi-vu"),
    ]),
    ("UBND CẤP HUYỆN", [
        ("UBND huyện Thanh Trì", "ubnd-huyen-thanh-tri"),
        ("UBND Tp. Sóc Trăng", "ubnd-thanh-pho-soc-trang"),
        ("UBND TX. Vĩnh Châu", "ubnd-thi-xa-vinh-chau"),
        ("UBND huyện Mỹ Xuyên", "ubnd-huyen-my-xuyen"),
    ]),
    ("ĐƠN VỊ SỰ NGHIỆP CÔNG LẬP TỈNH", [
        ("Ban QLDA 1", "ban-qlda-1"),
        ("Ban QLDA 2", "ban-qlda-2"),
    ]),
    ("CƠ QUAN TRUNG ƯƠNG ĐẶT TẠI TỈNH", [
        ("BHXH tỉnh", "bao-hiem-xa-hoi-tinh"),
        ("Ngân hàng Nhà nước CN tỉnh Sóc Trăng", "ngan-hang-nha-nuoc-chi-nhanh-soc-trang"),
        ("Công an tỉnh", "cong-an-tinh"),
    ]),
]
GROUPS = ["so-nganh", "huyen", "su-nghiep", "trung-uong"]
HEADER = ["STT", "Tên cơ quan, đơn vị", "Điểm tối đa", "Điểm tự đánh giá sau thẩm định",
          "Điểm điều tra XHH", "Điểm SIPAS", "Tổng điểm", "Chỉ số (%)", "Xếp loại", "Xếp hạng"]
FIELDS = [("chi-dao-dieu-hanh", "1. Công tác chỉ đạo điều hành CCHC"),
          ("the-che", "2. Cải cách thể chế"), ("thu-tuc-hanh-chinh", "3. Cải cách TTHC"),
          ("to-chuc-bo-may", "4. Cải cách tổ chức bộ máy"),
          ("che-do-cong-vu", "5. Cải cách chế độ công vụ"),
          ("tai-chinh-cong", "6. Cải cách tài chính công"),
          ("chinh-quyen-dien-tu", "7. Xây dựng và phát triển chính quyền điện tử"),
          ("tac-dong", "8. Đánh giá tác động của CCHC")]
ROMAN = ["I", "II", "III", "IV"]


def half_up(x: float, places: int = 2) -> Decimal:
    return Decimal(repr(x)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def band(index: Decimal) -> str:
    """The real package's bands (Nhóm 1: above 90 %, 2: 80–90, 3: 65–80, 4: 50–65)."""
    if index > 90:
        return "Nhóm 1"
    if index >= 80:
        return "Nhóm 2"
    return "Nhóm 3" if index >= 65 else "Nhóm 4"


@dataclass
class Row:
    unit_id: str
    typed: str
    max_score: Decimal
    parts: list[Decimal]
    total: Decimal
    index: Decimal
    band: str = ""
    rank: int = 0
    fields: list[Decimal] = field(default_factory=list)


@dataclass
class Book:
    path: Path
    rows: dict[str, Row]  # unit_id → what its row prints
    means: dict[str, Decimal]  # group_id → the printed mean of its indices
    maxima: dict[str, list[Decimal]]  # group_id → its fields' maxima


def _rows(seed: int) -> list[list[Row]]:
    rnd = random.Random(seed)
    sections = []
    for _, agencies in SECTIONS:
        rows = []
        for typed, uid in agencies:
            top = Decimal(rnd.choice(["94", "95", "95.5", "96", "100"]))
            parts = [half_up(rnd.uniform(25, 52)), half_up(rnd.uniform(12, 30)),
                     half_up(rnd.uniform(11, 15.9))]
            total = sum(parts, Decimal(0))
            rows.append(Row(uid, typed, top, parts, total,
                            half_up(float(total / top * 100))))
        ordered = sorted(rows, key=lambda r: -r.index)
        for r in rows:
            r.rank = 1 + sum(o.index > r.index for o in ordered)
            r.band = band(r.index)
        sections.append(rows)
    return sections


def _put(ws, row: int, col: int, value: Decimal | str | int | None, text: bool,
         fmt: str = "0.00") -> None:
    cell = ws.cell(row, col)
    if isinstance(value, Decimal):
        if text:
            cell.value = f"{value:.2f}".replace(".", ",")
        else:
            cell.value = float(value)
            cell.number_format = fmt
    else:
        cell.value = value


def office_workbook(path: Path, *, seed: int = 2024, text_numbers: bool = False,
                    two_row_header: bool = False, percent_cell: str | None = None,
                    field_sheet: bool = True, typed: dict[str, str] | None = None) -> Book:
    """Write a results workbook at `path`. `text_numbers`: numbers typed as text with decimal
    commas; `two_row_header`: the components under a merged "Điểm đạt được"; `percent_cell`: the
    unit whose index cell holds a fraction formatted as a percentage (0,8120 shown 81,20%);
    `typed`: names typed otherwise, by unit id."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Chỉ số CCHC"
    ws["A1"], ws["F1"] = "UBND TỈNH SÓC TRĂNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    ws["A2"], ws["F2"] = "SỞ NỘI VỤ", "Độc lập - Tự do - Hạnh phúc"
    ws.merge_cells("A1:C1")
    ws.merge_cells("F1:J1")
    ws["A4"] = "KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2024 CỦA CÁC CƠ QUAN, ĐƠN VỊ"
    ws.merge_cells("A4:J4")
    ws["A5"] = "(Kèm theo Quyết định số 25/QĐ-UBND ngày 08/01/2025 của Chủ tịch UBND tỉnh)"
    ws.merge_cells("A5:J5")
    r = 6
    if two_row_header:
        for c, text in enumerate(HEADER, start=1):
            if c in (4, 5, 6):
                ws.cell(r + 1, c, text)
            else:
                ws.cell(r, c, text)
                ws.merge_cells(start_row=r, start_column=c, end_row=r + 1, end_column=c)
        ws.cell(r, 4, "Điểm đạt được")
        ws.merge_cells(start_row=r, start_column=4, end_row=r, end_column=6)
        r += 2
    else:
        for c, text in enumerate(HEADER, start=1):
            ws.cell(r, c, text)
        r += 1
    sections = _rows(seed)
    for row in (r for s in sections for r in s):
        row.typed = (typed or {}).get(row.unit_id, row.typed)
    rows: dict[str, Row] = {}
    means: dict[str, Decimal] = {}
    for i, ((title, _), agencies) in enumerate(zip(SECTIONS, sections, strict=True)):
        ws.cell(r, 1, ROMAN[i])
        ws.cell(r, 2, title)
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=10)
        r += 1
        for n, row in enumerate(agencies, start=1):
            ws.cell(r, 1, n)
            ws.cell(r, 2, row.typed)
            for c, v in zip((3, 4, 5, 6, 7), (row.max_score, *row.parts, row.total),
                            strict=True):
                _put(ws, r, c, v, text_numbers)
            if percent_cell == row.unit_id:
                ws.cell(r, 8, float(row.index) / 100).number_format = "0.00%"
            else:
                _put(ws, r, 8, row.index, text_numbers)
            ws.cell(r, 9, row.band)
            ws.cell(r, 10, str(row.rank) if text_numbers else row.rank)
            rows[row.unit_id] = row
            r += 1
        mean = half_up(float(sum(a.index for a in agencies) / len(agencies)))
        means[GROUPS[i]] = mean
        ws.cell(r, 2, "TRUNG BÌNH")
        _put(ws, r, 8, mean, text_numbers)
        r += 1
    ws.cell(r, 1, "Ghi chú: xếp hạng trong từng nhóm cơ quan, đơn vị.")
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=10)
    maxima: dict[str, list[Decimal]] = {}
    if field_sheet:
        maxima = _field_sheet(wb, sections, seed)
    wb.save(path)
    return Book(path, rows, means, maxima)


def _field_sheet(wb: Workbook, sections: list[list[Row]], seed: int) -> dict[str, list[Decimal]]:
    rnd = random.Random(seed + 1)
    ws = wb.create_sheet("Điểm lĩnh vực")
    ws["A1"] = "ĐIỂM CÁC LĨNH VỰC CHỈ SỐ CCHC NĂM 2024"
    ws.merge_cells("A1:K1")
    for c, text in enumerate(["STT", "Tên cơ quan, đơn vị", *(n for _, n in FIELDS),
                              "Tổng điểm"], start=1):
        ws.cell(3, c, text)
    r = 4
    maxima = {}
    for i, ((title, _), agencies) in enumerate(zip(SECTIONS, sections, strict=True)):
        ws.cell(r, 1, ROMAN[i])
        ws.cell(r, 2, title)
        r += 1
        tops = [Decimal(rnd.choice(["8", "11", "14", "16", "17.5", "36.5"])) for _ in FIELDS]
        maxima[GROUPS[i]] = tops
        ws.cell(r, 2, "Điểm tối đa")
        for c, v in enumerate(tops, start=3):
            ws.cell(r, c, float(v)).number_format = "0.0" if v % 1 else "0"
        r += 1
        for n, row in enumerate(agencies, start=1):
            row.fields = [half_up(rnd.uniform(0.3, 1.0) * float(t)) for t in tops]
            ws.cell(r, 1, n)
            ws.cell(r, 2, row.typed)
            for c, v in enumerate(row.fields, start=3):
                ws.cell(r, c, float(v)).number_format = "0.00"
            ws.cell(r, 3 + len(FIELDS), float(sum(row.fields)))
            r += 1
    return maxima
