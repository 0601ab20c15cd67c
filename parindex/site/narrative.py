"""Sentences of the portal: leads, footnotes and text alternatives of charts, in Vietnamese.

Each function takes numbers (or page values that carry them) and returns plain text; numbers are
formatted by `fmt` so that a sentence reads as the province's reports do (83,84%).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..data.portal import Scale
from ..fmt import MISSING, integer, num, pct, signed
from .models import GroupStats, Ref, ScoreRow, Value

NO_CUTOFFS = "không công bố"  # a band's range where the source prints none
TABLE_BELOW = "Số liệu ở bảng bên dưới."  # ends a chart's text alternative on its page


def _pct_or_points(x: float | None, is_pct: bool, places: int | None = None) -> str:
    return pct(x, places) if is_pct else num(x, places)


def recomputed(what: str, value: float | None, is_pct: bool = True, places: int = 2) -> str:
    """Footnote of a printed value that the data recomputes differently (`places`: as many
    decimals as the printed value, at least two)."""
    return (f"Số in trong văn bản nguồn; {what} tính lại từ số liệu chi tiết là "
            f"{_pct_or_points(value, is_pct, places)}.")


def printed_elsewhere(value: float, location: str | None, is_pct: bool = True) -> str:
    where = f" ({location})" if location else ""
    return f"Chỗ khác của văn bản nguồn in {_pct_or_points(value, is_pct)}{where}."


def _names(units: Iterable[Ref]) -> str:
    return ", ".join(u.name for u in units)


def index_text(x: float | None, scale: Scale) -> str:
    """An index as printed on its scale: 83,84% or 912,50."""
    return pct(x) if scale.percent else num(x)


def _change_text(change: Value | None, scale: Scale) -> str:
    if change is None or change.value is None:
        return ""
    v = change.value
    word = "tăng" if v > 0 else "giảm" if v < 0 else "không đổi"
    unit = "điểm phần trăm" if scale.percent else "điểm"
    amount = "" if v == 0 else f" {num(abs(v))} {unit}"
    return f", {word}{amount} so với năm trước"


def published(n: int, members: int, noun: str) -> str:
    """How much of a group a partial table prints: "10 trên 63 tỉnh, thành phố được công bố"."""
    return f"{integer(n)} trên {integer(members)} {noun} được công bố"


def withheld(n: int, members: int, noun: str) -> str:
    """Why a partial table's group (or year) has no mean, highest, lowest, spread or counts."""
    return (f"Văn bản nguồn chỉ công bố kết quả của {integer(n)} trên {integer(members)} {noun}: "
            "trung bình, cao nhất, thấp nhất, khoảng cách và số theo xếp loại cần kết quả của "
            "tất cả nên không được tính; chỉ hiện các số văn bản nguồn in.")


def year_lead(year: int, stats: GroupStats | None, scale: Scale) -> str:
    if stats is None or stats.n == 0:
        return f"Năm {year} chưa có số liệu."
    text = (f"Năm {year}: {stats.published}" if stats.partial
            else f"Năm {year} có {stats.n} {scale.members} được đánh giá")
    if stats.mean.value is not None:
        text += (f"; {scale.named} trung bình là "
                 f"{index_text(stats.mean.value, scale)}")
        text += _change_text(stats.mean_change, scale)
    return text + "."


def group_lead(group: str, year: int, stats: GroupStats, scale: Scale) -> str:
    text = (f"Năm {year}, nhóm {group}: {stats.published}" if stats.partial
            else f"Năm {year}, nhóm {group} có {stats.n} đơn vị")
    if stats.mean.value is not None:
        text += f", {'chỉ số' if scale.percent else 'điểm'} trung bình " \
                f"{index_text(stats.mean.value, scale)}"
    hi, lo = stats.highest, stats.lowest
    if hi.value.value is not None and hi.units:
        text += f"; cao nhất là {_names(hi.units)} ({index_text(hi.value.value, scale)})"
    if lo.value.value is not None and lo.units:
        text += f", thấp nhất là {_names(lo.units)} ({index_text(lo.value.value, scale)})"
    text += "."
    if stats.n_known < stats.n:
        text += (f" Văn bản nguồn chỉ in chỉ số của {stats.n_known}/{stats.n} đơn vị trong "
                 "nhóm này.")
    return text


def field_lead(field: str, year: int, mean: Value, n: int) -> str:
    text = f"Kết quả của {n} cơ quan, đơn vị ở lĩnh vực {field} năm {year}"
    if mean.value is not None:
        text += f"; giá trị trung bình chung là {pct(mean.value)}"
    return text + "."


def unit_lead(name: str, group: str, row: ScoreRow | None, scale: Scale) -> str:
    if row is None:
        return f"{name} thuộc nhóm {group}. Chưa có kết quả {scale.name}."
    if row.index.value is None:
        text = (f"{name} thuộc nhóm {group}. Văn bản nguồn không in {scale.named} năm {row.year} "
                "của đơn vị")
    else:
        text = (f"{name} thuộc nhóm {group}. Năm {row.year}, {scale.named} là "
                f"{index_text(row.index.value, scale)}")
    if row.rank is not None:
        text += f"; xếp thứ {row.rank_text} trong nhóm"
        if row.rank_inferred:
            text += " (thứ hạng suy ra, không in trong văn bản nguồn)"
    if row.band is not None:
        text += f", xếp loại {row.band.name}"
    return text + "."


def directory_lead(n: int) -> str:
    return f"{n} cơ quan, đơn vị, xếp theo thứ tự chữ cái tiếng Việt."


def innovations_lead(n: int, year: int | None, n_units: int) -> str:
    when = f"năm {year}" if year else "qua các năm"
    return (f"{integer(n)} sáng kiến, giải pháp cải cách hành chính được công nhận "
            f"{when}, của {integer(n_units)} cơ quan, đơn vị.")


def years_span(first: int, last: int | None) -> str:
    return f"Từ năm {first}" if last is None else (
        f"Năm {first}" if first == last else f"Từ năm {first} đến năm {last}")


def formula(scale: Scale, components: list[str]) -> str:
    """The index as the sum of its components, over the maximum on a percentage scale."""
    total = " + ".join(components) if components else "Tổng điểm"
    if not scale.percent:
        return f"{scale.name} = {total}"
    total = f"({total})" if len(components) > 1 else total
    return f"{scale.name} = {total} ÷ Điểm chuẩn tối đa × 100%"


def method_lead(scale: Scale) -> str:
    return (f"Cách tính {scale.name}, các thành phần điểm, nhóm {scale.members}, lĩnh vực "
            "và thang xếp loại, theo dữ liệu được công bố trên cổng này.")


def downloads_lead() -> str:
    return ("Toàn bộ số liệu của cổng, tải về tự do: kết quả từng năm dạng CSV và JSON, "
            "và gói dữ liệu gốc kèm mô tả cấu trúc (Frictionless Data Package).")


def change(x: float | None) -> str:
    """A change of index in percentage points, or the missing text."""
    return MISSING if x is None else signed(x)



def group_ended(group: str, end: int) -> str:
    """"Nhóm UBND cấp huyện hoạt động đến năm 2025." (a group that no longer exists)."""
    return f"Nhóm {group} hoạt động đến năm {end}."


def unit_ended(unit: str, end: int, successor: str | None) -> str:
    """"Sở Giao thông vận tải hoạt động đến năm 2024; nhiệm vụ chuyển cho Sở Xây dựng."."""
    then = f"; nhiệm vụ chuyển cho {successor}" if successor else ""
    return f"{unit} hoạt động đến năm {end}{then}."
