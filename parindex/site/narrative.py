"""Sentences of the portal: leads, footnotes and text alternatives of charts, in Vietnamese.

Each function takes numbers (or page values that carry them) and returns plain text; numbers are
formatted by `fmt` so that a sentence reads as the province's reports do (83,84%).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..data.portal import Scale
from ..fmt import MISSING, auto, integer, num, pct, signed
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


DISAGREES = "không khớp với các số khác của văn bản nguồn"
COPIED = "lặp lại số của mục khác"


def source_printed(values: list[float], copied: bool = False) -> str:
    """The short note beside a value where the source printed another: "văn bản nguồn in
    6,76" (the printed numbers as printed, quoted, not interpreted)."""
    text = "văn bản nguồn in " + " và ".join(auto(v) for v in dict.fromkeys(values))
    return f"{text}, {COPIED}" if copied else text


def source_printed_where(printed: list[tuple[float, str | None]], copied: bool = False) -> str:
    """The footnote of that note: where each value is printed, and what the page shows (the
    numbers of a copied paragraph share one footnote)."""
    if not printed:
        return ""
    if copied:
        where = ", ".join(dict.fromkeys(loc for _, loc in printed if loc)) or "Văn bản nguồn"
        return (f"{where}: văn bản nguồn in ở đây các số lặp lại nguyên văn số của một mục "
                "khác, không phải số của mục này, nên không được dùng. Xem trang Đối chiếu số "
                "liệu.")
    parts = [f"{auto(v)} ({loc})" if loc else auto(v) for v, loc in printed]
    return (f"Văn bản nguồn in {' và '.join(parts)}; số trên trang được tính từ số liệu chi "
            "tiết. Xem trang Đối chiếu số liệu.")


def counts_by_arithmetic(counts: list[int], members: int) -> str:
    """Why the bands the source leaves out have no agency: the printed counts add up."""
    return (f"Văn bản nguồn không in số này; suy ra từ các số được in: "
            f"{' + '.join(map(integer, counts))} = {integer(members)}, bằng số đơn vị của "
            "nhóm, nên các xếp loại còn lại có 0 đơn vị.")


def _names(units: Iterable[Ref]) -> str:
    return ", ".join(u.name for u in units)


def index_text(x: float | None, scale: Scale) -> str:
    """An index as printed on its scale: 83,84% or 912,50."""
    return _pct_or_points(x, scale.percent)


def change_text(change: Value | None, scale: Scale) -> str:
    """A change of the mean as the page says it: computed from two years of data, in
    percentage points ("giảm 1,91 điểm phần trăm"); printed, in the source's own words
    ("giảm 1,91%", as the report prints it, without reading its "%" as points or percent)."""
    if change is None or change.value is None:
        return ""
    v = change.value
    word = "tăng" if v > 0 else "giảm" if v < 0 else "không đổi"
    if change.origin == "published":
        amount = "" if v == 0 else f" {num(abs(v))}{'%' if scale.percent else ''}"
        return f"{word}{amount} so với năm trước (theo văn bản nguồn)"
    unit = "điểm phần trăm" if scale.percent else "điểm"
    amount = "" if v == 0 else f" {num(abs(v))} {unit}"
    return f"{word}{amount} so với năm trước"


def _change_text(change: Value | None, scale: Scale) -> str:
    text = change_text(change, scale)
    return f", {text}" if text else ""


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
    return text + "."


def unpublished_notice(stats: GroupStats, scale: Scale, columns: bool, inferred: bool) -> str:
    """The one notice at the top of a ranking of what the source does not publish: the
    members it does not print, the indices it leaves out, the table's other columns
    (`columns`: none of them is printed), and that the ranks marked "(suy ra)" are not its."""
    parts = []
    if stats.partial:
        parts.append(f"Văn bản nguồn chỉ công bố kết quả của {integer(stats.n)} trên "
                     f"{integer(stats.members)} {scale.members}")
    elif stats.n_known < stats.n:
        parts.append(f"Văn bản nguồn chỉ in {scale.named} của {integer(stats.n_known)} trên "
                     f"{integer(stats.n)} đơn vị của nhóm")
    if parts and columns:
        parts.append("không in điểm chuẩn tối đa, điểm thành phần và tổng điểm")
    if parts:
        parts.append("trung bình, cao nhất, thấp nhất và số đơn vị theo xếp loại không tính "
                     "lại được; chỉ hiện các số văn bản nguồn in")
    if inferred:
        parts.append("thứ hạng ghi “(suy ra)” không in trong văn bản nguồn mà được suy ra")
    if not parts:
        return ""
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


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
    if row.rank is not None and not row.rank_inferred:  # an inferred rank is no headline
        text += f"; xếp thứ {row.rank_text} trong nhóm"
    if row.band is not None:
        text += f", xếp loại {row.band.name}"
    return text + "."


def audit_lead(serious: int, notice: int, rounding: int, unverifiable: int) -> str:
    return (f"So sánh số in trong văn bản nguồn với số tính lại từ số liệu chi tiết và với "
            f"chính các số khác của văn bản: {integer(serious)} sai khác vượt quá sai số làm "
            f"tròn, {integer(notice)} điểm cần xem lại, {integer(rounding)} khác biệt chỉ do "
            f"làm tròn (số in vẫn khớp); {integer(unverifiable)} số liệu công bố chưa đối "
            "chiếu được vì thiếu số liệu chi tiết. Các trang hiển thị số tính từ số liệu chi "
            "tiết và ghi chú số văn bản nguồn in khi hai số khác nhau thật sự.")


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


def compare_lead(scale: Scale, most: int) -> str:
    return (f"Chọn từ 2 đến {most} {scale.members} để xem {scale.named}, xếp loại, thứ hạng "
            "trong nhóm, điểm thành phần và điểm theo lĩnh vực cạnh nhau. Địa chỉ của trang "
            "ghi lại lựa chọn: gửi địa chỉ đó là người nhận thấy đúng bảng so sánh này.")


def compare_fallback(scale: Scale) -> str:
    """What the compare page says where its script does not run (JavaScript off)."""
    return (f"Trang so sánh cần JavaScript để hiển thị số liệu, mà trình duyệt của bạn đang "
            f"tắt. Trang của mỗi {scale.members} vẫn có bảng so sánh {scale.named} (và điểm "
            f"theo lĩnh vực, nếu có) với trung bình và mức cao nhất của nhóm.")


def compare_with_others(scale: Scale) -> str:
    return f"So sánh với {scale.members} khác"


def compare_leaders(n: int, scale: Scale) -> str:
    return f"So sánh {n} {scale.members} đứng đầu nhóm"


def peers_caption(name: str, group: str, year: int) -> str:
    return f"{name} so với nhóm {group}, năm {year}: trung bình và cao nhất của nhóm"
