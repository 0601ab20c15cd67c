"""Sentences of the portal: leads, footnotes and text alternatives of charts, in Vietnamese.

Each function takes numbers (or page values that carry them) and returns a `Text`: the
Vietnamese sentence, with numbers formatted by `fmt` so that it reads as the province's reports
do (83,84%), which keeps its catalog message and arguments so that the English pages say it in
English (83.84%) from the same page model (`parindex.i18n`).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..data.portal import Scale
from ..fmt import MISSING, as_printed, signed
from ..i18n import Arg, Num, Text, join, t
from .models import GroupStats, Ref, ScoreRow, Value

NO_CUTOFFS = t("không công bố")  # a band's range where the source prints none
TABLE_BELOW = t("Số liệu ở bảng bên dưới.")  # ends a chart's text alternative on its page


def _pct_or_points(x: float | None, is_pct: bool, places: int | None = None) -> Num:
    return Num("pct" if is_pct else "num", x, places)


def recomputed(what: str, value: float | None, is_pct: bool = True, places: int = 2) -> Text:
    """Footnote of a printed value that the data recomputes differently (`places`: as many
    decimals as the printed value, at least two)."""
    return t("Số in trong văn bản nguồn; {what} tính lại từ số liệu chi tiết là {value}.",
             what=what, value=_pct_or_points(value, is_pct, places))


DISAGREES = t("không khớp với các số khác của văn bản nguồn")
COPIED = t("lặp lại số của mục khác")


def _and(values: list[Arg]) -> Text:
    return join(values, " và ") if len(values) < 2 else t(
        "{first} và {last}", first=join(values[:-1], " và "), last=values[-1])


def source_printed(values: list[float], copied: bool = False) -> Text:
    """The short note beside a value where the source printed another: "văn bản nguồn in
    6,76" (the printed numbers as printed, quoted, not interpreted)."""
    numbers = _and([Num("auto", v) for v in dict.fromkeys(values)])
    if copied:
        return t("văn bản nguồn in {numbers}, {copied}", numbers=numbers, copied=COPIED)
    return t("văn bản nguồn in {numbers}", numbers=numbers)


def source_printed_where(printed: list[tuple[float, str | None]], copied: bool = False) -> str:
    """The footnote of that note: where each value is printed, and what the page shows (the
    numbers of a copied paragraph share one footnote)."""
    if not printed:
        return ""
    if copied:
        where = ", ".join(dict.fromkeys(loc for _, loc in printed if loc))
        return t("{where}: văn bản nguồn in ở đây các số lặp lại nguyên văn số của một mục "
                 "khác, không phải số của mục này, nên không được dùng. Xem trang Đối chiếu số "
                 "liệu.", where=where or t("Văn bản nguồn"))
    parts = [t("{x} ({loc})", x=Num("auto", v), loc=loc) if loc else Num("auto", v)
             for v, loc in printed]
    return t("Văn bản nguồn in {numbers}; số trên trang được tính từ số liệu chi tiết. Xem "
             "trang Đối chiếu số liệu.", numbers=_and(list(parts)))


def counts_by_arithmetic(counts: list[int], members: int) -> Text:
    """Why the bands the source leaves out have no agency: the printed counts add up."""
    return t("Văn bản nguồn không in số này; suy ra từ các số được in: {sum} = {members}, "
             "bằng số đơn vị của nhóm, nên các xếp loại còn lại có 0 đơn vị.",
             sum=join([Num("integer", c) for c in counts], " + "),
             members=Num("integer", members))


def _names(units: Iterable[Ref]) -> Text:
    return join([u.name for u in units])


def index_text(x: float | None, scale: Scale) -> str:
    """An index as printed on its scale: 83,84% or 912,50 (a chart's label: Vietnamese)."""
    return str(index_num(x, scale))


def index_num(x: float | None, scale: Scale) -> Num:
    """An index in a sentence, said in the reader's locale."""
    return _pct_or_points(x, scale.percent)


def change_text(change: Value | None, scale: Scale) -> Text | str:
    """A change of the mean as the page says it: computed from two years of data, in
    percentage points ("giảm 1,91 điểm phần trăm"); printed, in the source's own words
    ("giảm 1,91%", as the report prints it, without reading its "%" as points or percent)."""
    if change is None or change.value is None:
        return ""
    v = change.value
    amount = Num("num", as_printed(abs(v), getattr(v, "places", None)))  # 1,5 stays 1,5
    if change.origin == "published":
        if v == 0:
            return t("không đổi so với năm trước (theo văn bản nguồn)")
        if scale.percent:
            return (t("tăng {amount}% so với năm trước (theo văn bản nguồn)", amount=amount)
                    if v > 0 else
                    t("giảm {amount}% so với năm trước (theo văn bản nguồn)", amount=amount))
        return (t("tăng {amount} so với năm trước (theo văn bản nguồn)", amount=amount)
                if v > 0 else
                t("giảm {amount} so với năm trước (theo văn bản nguồn)", amount=amount))
    if v == 0:
        return t("không đổi so với năm trước")
    if scale.percent:
        return (t("tăng {amount} điểm phần trăm so với năm trước", amount=amount) if v > 0
                else t("giảm {amount} điểm phần trăm so với năm trước", amount=amount))
    return (t("tăng {amount} điểm so với năm trước", amount=amount) if v > 0
            else t("giảm {amount} điểm so với năm trước", amount=amount))


def published(n: int, members: int, noun: str) -> Text:
    """How much of a group a partial table prints: "10 trên 63 tỉnh, thành phố được công bố"."""
    return t("{n} trên {members} {noun} được công bố", n=Num("integer", n),
             members=Num("integer", members), noun=noun)


def withheld(n: int, members: int, noun: str) -> Text:
    """Why a partial table's group (or year) has no mean, highest, lowest, spread or counts."""
    return t("Văn bản nguồn chỉ công bố kết quả của {n} trên {members} {noun}: trung bình, cao "
             "nhất, thấp nhất, khoảng cách và số theo xếp loại cần kết quả của tất cả nên không "
             "được tính; chỉ hiện các số văn bản nguồn in.", n=Num("integer", n),
             members=Num("integer", members), noun=noun)


def _sentence(parts: list[Arg]) -> Text:
    """Parts said one after the other, with a full stop."""
    return t("{text}.", text=join(parts, ""))


def year_lead(year: int, stats: GroupStats | None, scale: Scale) -> Text:
    if stats is None or stats.n == 0:
        return t("Năm {year} chưa có số liệu.", year=year)
    parts: list[Arg] = [
        t("Năm {year}: {published}", year=year, published=stats.published) if stats.partial
        else t("Năm {year} có {n} {members} được đánh giá", year=year, n=stats.n,
               members=scale.members)]
    if stats.mean.value is not None:
        parts.append(t("; {index} trung bình là {mean}", index=scale.named,
                       mean=index_num(stats.mean.value, scale)))
        parts.append(_change_text(stats.mean_change, scale))
    return _sentence(parts)


def _change_text(change: Value | None, scale: Scale) -> Text | str:
    text = change_text(change, scale)
    return t(", {change}", change=text) if text else ""


def group_lead(group: str, year: int, stats: GroupStats, scale: Scale) -> Text:
    parts: list[Arg] = [
        t("Năm {year}, nhóm {group}: {published}", year=year, group=group,
          published=stats.published) if stats.partial
        else t("Năm {year}, nhóm {group} có {n} đơn vị", year=year, group=group, n=stats.n)]
    if stats.mean.value is not None:
        mean = index_num(stats.mean.value, scale)
        parts.append(t(", chỉ số trung bình {mean}", mean=mean) if scale.percent
                     else t(", điểm trung bình {mean}", mean=mean))
    hi, lo = stats.highest, stats.lowest
    if hi.value.value is not None and hi.units:
        parts.append(t("; cao nhất là {names} ({value})", names=_names(hi.units),
                       value=index_num(hi.value.value, scale)))
    if lo.value.value is not None and lo.units:
        parts.append(t(", thấp nhất là {names} ({value})", names=_names(lo.units),
                       value=index_num(lo.value.value, scale)))
    return _sentence(parts)


def unpublished_notice(stats: GroupStats, scale: Scale, columns: bool,
                       inferred: bool) -> Text | str:
    """The one notice at the top of a ranking of what the source does not publish: the
    members it does not print, the indices it leaves out, the table's other columns
    (`columns`: none of them is printed), and that the ranks marked "(suy ra)" are not its."""
    parts: list[Arg] = []
    if stats.partial:
        parts.append(t("Văn bản nguồn chỉ công bố kết quả của {n} trên {members} {noun}",
                       n=Num("integer", stats.n), members=Num("integer", stats.members),
                       noun=scale.members))
    elif stats.n_known < stats.n:
        parts.append(t("Văn bản nguồn chỉ in {index} của {known} trên {n} đơn vị của nhóm",
                       index=scale.named, known=Num("integer", stats.n_known),
                       n=Num("integer", stats.n)))
    if parts and columns:
        parts.append(t("không in điểm chuẩn tối đa, điểm thành phần và tổng điểm"))
    if parts:
        parts.append(t("trung bình, cao nhất, thấp nhất và số đơn vị theo xếp loại không tính "
                       "lại được; chỉ hiện các số văn bản nguồn in"))
    if inferred:
        parts.append(t("thứ hạng ghi “(suy ra)” không in trong văn bản nguồn mà được suy ra")
                     if parts else
                     t("Thứ hạng ghi “(suy ra)” không in trong văn bản nguồn mà được suy ra"))
    if not parts:
        return ""
    return t("{text}.", text=join(parts, "; "))


def field_lead(field: str, year: int, mean: Value, n: int) -> Text:
    if mean.value is not None:
        return t("Kết quả của {n} cơ quan, đơn vị ở lĩnh vực {field} năm {year}; giá trị trung "
                 "bình chung là {mean}.", n=n, field=field, year=year,
                 mean=Num("pct", mean.value))
    return t("Kết quả của {n} cơ quan, đơn vị ở lĩnh vực {field} năm {year}.", n=n, field=field,
             year=year)


def unit_lead(name: str, group: str, row: ScoreRow | None, scale: Scale) -> Text:
    if row is None:
        return t("{name} thuộc nhóm {group}. Chưa có kết quả {index}.", name=name, group=group,
                 index=scale.name)
    parts: list[Arg] = [
        t("{name} thuộc nhóm {group}. Văn bản nguồn không in {index} năm {year} của đơn vị",
          name=name, group=group, index=scale.named, year=row.year)
        if row.index.value is None else
        t("{name} thuộc nhóm {group}. Năm {year}, {index} là {value}", name=name, group=group,
          year=row.year, index=scale.named, value=index_num(row.index.value, scale))]
    if row.rank is not None and not row.rank_inferred:  # an inferred rank is no headline
        parts.append(t("; xếp thứ {rank} trong nhóm", rank=row.rank_text))
    if row.band is not None:
        parts.append(t(", xếp loại {band}", band=row.band.name))
    return _sentence(parts)


def audit_lead(serious: int, notice: int, rounding: int, unverifiable: int) -> Text:
    return t("So sánh số in trong văn bản nguồn với số tính lại từ số liệu chi tiết và với "
             "chính các số khác của văn bản: {serious} sai khác vượt quá sai số làm tròn, "
             "{notice} điểm cần xem lại, {rounding} khác biệt chỉ do làm tròn (số in vẫn khớp); "
             "{unverifiable} số liệu công bố chưa đối chiếu được vì thiếu số liệu chi tiết. Các "
             "trang hiển thị số tính từ số liệu chi tiết và ghi chú số văn bản nguồn in khi hai "
             "số khác nhau thật sự.", serious=Num("integer", serious),
             notice=Num("integer", notice), rounding=Num("integer", rounding),
             unverifiable=Num("integer", unverifiable))


def directory_lead(n: int) -> Text:
    return t("{n} cơ quan, đơn vị, xếp theo thứ tự chữ cái tiếng Việt.", n=n)


def innovations_lead(n: int, year: int | None, n_units: int) -> Text:
    if year:
        return t("{n} sáng kiến, giải pháp cải cách hành chính được công nhận năm {year}, của "
                 "{units} cơ quan, đơn vị.", n=Num("integer", n), year=year,
                 units=Num("integer", n_units))
    return t("{n} sáng kiến, giải pháp cải cách hành chính được công nhận qua các năm, của "
             "{units} cơ quan, đơn vị.", n=Num("integer", n), units=Num("integer", n_units))


def years_span(first: int, last: int | None) -> Text:
    if last is None:
        return t("Từ năm {first}", first=first)
    if first == last:
        return t("Năm {first}", first=first)
    return t("Từ năm {first} đến năm {last}", first=first, last=last)


def formula(scale: Scale, components: list[str]) -> Text:
    """The index as the sum of its components, over the maximum on a percentage scale."""
    total = join(components, " + ") if components else t("Tổng điểm")
    if not scale.percent:
        return t("{index} = {total}", index=scale.name, total=total)
    if len(components) > 1:
        total = t("({total})", total=total)
    return t("{index} = {total} ÷ Điểm chuẩn tối đa × 100%", index=scale.name, total=total)


def method_lead(scale: Scale) -> Text:
    return t("Cách tính {index}, các thành phần điểm, nhóm {members}, lĩnh vực và thang xếp "
             "loại, theo dữ liệu được công bố trên cổng này.", index=scale.name,
             members=scale.members)


def downloads_lead() -> Text:
    return t("Toàn bộ số liệu của cổng, tải về tự do: kết quả từng năm dạng CSV và JSON, và gói "
             "dữ liệu gốc kèm mô tả cấu trúc (Frictionless Data Package).")


def change(x: float | None) -> str:
    """A change of index in percentage points, or the missing text."""
    return MISSING if x is None else signed(x)


def group_ended(group: str, end: int) -> Text:
    """"Nhóm UBND cấp huyện hoạt động đến năm 2025." (a group that no longer exists)."""
    return t("Nhóm {group} hoạt động đến năm {end}.", group=group, end=end)


def unit_ended(unit: str, end: int, successor: str | None) -> Text:
    """"Sở Giao thông vận tải hoạt động đến năm 2024; nhiệm vụ chuyển cho Sở Xây dựng."."""
    if successor:
        return t("{unit} hoạt động đến năm {end}; nhiệm vụ chuyển cho {successor}.", unit=unit,
                 end=end, successor=successor)
    return t("{unit} hoạt động đến năm {end}.", unit=unit, end=end)


def compare_lead(scale: Scale, most: int) -> str:
    return (f"Chọn từ 2 đến {most} {scale.members} để xem {scale.named}, xếp loại, thứ hạng "
            "trong nhóm, điểm thành phần và điểm theo lĩnh vực cạnh nhau. Địa chỉ của trang "
            "ghi lại lựa chọn: gửi địa chỉ đó là người nhận thấy đúng bảng so sánh này.")


def compare_fallback(scale: Scale) -> str:
    """What the compare page says where its script does not run (JavaScript off)."""
    return (f"Trang so sánh cần JavaScript để hiển thị số liệu, mà trình duyệt của bạn đang "
            f"tắt. Trang của mỗi {scale.members} vẫn có bảng so sánh {scale.named} (và điểm "
            f"theo lĩnh vực, nếu có) với trung bình và mức cao nhất của nhóm.")


def compare_with_others(scale: Scale) -> Text:
    return t("So sánh với {members} khác", members=scale.members)


def compare_leaders(n: int, scale: Scale) -> Text:
    return t("So sánh {n} {members} đứng đầu nhóm", n=n, members=scale.members)


def peers_caption(name: str, group: str, year: int) -> Text:
    return t("{name} so với nhóm {group}, năm {year}: trung bình và cao nhất của nhóm",
             name=name, group=group, year=year)
