"""The analytic sections of a year's report, written in Vietnamese from the computed values
(`chi-so/<year>/bao-cao/` and its Word document): an overview, each agency group, each field,
the changes from the previous year and the year's innovations, as a report like the province's
own (`002`) gives them.

Every number is the one the site shows (`values.group_stats`, `values.stat_value`: computed from
the data, as printed only where the data cannot give it), linked to the page it comes from, with
the short note "văn bản nguồn in 6,76" where the source printed another value beyond rounding.
A set whose table the source does not print in full says so, and gets no statistic that needs
its missing members. Sentences are spans (`models.Span`): the template and the Word document
(`word`) only present them.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..data.portal import PERCENT, Scale
from ..fmt import MISSING, decimals, integer, num, pct
from ..frames import records
from ..scoring.score import Results
from .models import (
    GroupStats,
    Innovation,
    NoNotes,
    Notes,
    Paragraph,
    Ref,
    ReportSection,
    ReportTable,
    Span,
    Stat,
    Value,
)
from .urls import field_url, group_url, innovations_url, row_url, year_url
from .values import Lookup, group_stats, printed, ranking_order, score_row, stat_value

INNOVATIONS_LISTED = 1000  # beyond, the report counts them (as the innovations pages do)
TABLE_MAX, TABLE_ENDS = 200, 10  # a group's table lists up to 200 agencies, else its ends (as
# a field page does): a national group's full table is its ranking page and the downloads
Spans = list[Span]


def has_report(lk: Lookup, year: int) -> bool:
    """A year gets a report when the data gives the statistics of at least one whole group
    (every member printed with its index): of a table that prints only leaders there is
    nothing to analyse that the overview does not already show."""
    for g in lk.groups_of(year):
        summary = lk.stats.index(year, g.id)
        if summary is not None and summary.complete:
            return True
    return False


# ---- Spans ------------------------------------------------------------------------------------


def _text(text: str) -> Span:
    return Span(text)


def _value(v: Value, text: str, url: str) -> Span:
    """A shown value: the note beside it where the source printed another ("văn bản nguồn in
    6,76"), or where it is inferred by arithmetic ("suy ra")."""
    aside = v.printed or ("suy ra" if v.origin == "inferred" else "")
    return Span(text, url, v.note, aside)


def _index(v: Value, scale: Scale, url: str) -> Span:
    """An index on its scale: 83,84% or 912,50 điểm."""
    text = pct(v.value) if scale.percent else num(v.value) + scale.unit
    return _value(v, text, url)


def _pct(v: Value, url: str) -> Span:
    return _value(v, pct(v.value), url)


def _gap(v: Value, scale: Scale, url: str) -> Span:
    """A difference of two indices (a spread): 14,78 điểm % or 12,50 điểm."""
    return _value(v, f"{num(v.value)} {scale.points}", url)


def _sentence(*parts: Span | Spans | str) -> Paragraph:
    spans: Spans = []
    for p in parts:
        if isinstance(p, str):
            spans.append(_text(p))
        elif isinstance(p, Span):
            spans.append(p)
        else:
            spans.extend(p)
    return Paragraph(tuple(_merge(spans)))


def _merge(spans: Spans) -> Spans:
    """Adjacent plain texts as one span (the page and the document stay small)."""
    out: Spans = []
    for s in spans:
        if out and s == Span(s.text) and out[-1] == Span(out[-1].text):
            out[-1] = Span(out[-1].text + s.text)
        elif s.text or s.aside:
            out.append(s)
    return out


def _join(items: Sequence[Spans], sep: str = ", ", last: str = " và ") -> Spans:
    """Spans of several items as a Vietnamese list: "a, b và c"."""
    out: Spans = []
    for i, item in enumerate(items):
        if i:
            out.append(_text(last if i == len(items) - 1 else sep))
        out.extend(item)
    return out


# ---- A set's statistics in sentences ----------------------------------------------------------


def _incomplete(s: GroupStats, scale: Scale, whose: str) -> str:
    """What the source did not publish of a set (`whose`: "của nhóm", "của năm"), and what the
    numbers that follow are; "" for a set the data gives in full."""
    if s.partial:
        told = (f"Văn bản nguồn chỉ công bố kết quả của {integer(s.n)} trên "
                f"{integer(s.members)} {scale.members} {whose}")
    elif s.n_known < s.n:
        told = (f"Văn bản nguồn chỉ in {scale.named} của {integer(s.n_known)} trên "
                f"{integer(s.n)} {scale.members} {whose}")
    else:
        return ""
    known = any(v.value is not None for v in (s.mean, s.highest.value, s.lowest.value,
                                              s.spread)) or _counted(s)
    return told + (": trung bình, cao nhất, thấp nhất, khoảng cách và số theo xếp loại nêu "
                   "dưới đây là số văn bản nguồn in, không tính lại được từ số liệu."
                   if known else "; văn bản nguồn không in trung bình, cao nhất, thấp nhất "
                   "và số theo xếp loại, và các số này không tính được khi thiếu kết quả của "
                   "các đơn vị còn lại.")


def _counted(s: GroupStats) -> bool:
    return any(v.value is not None for _, v in s.band_counts)


def _extreme(stat: Stat, value: Span) -> Spans:
    """"UBND huyện Mỹ Xuyên với 83,84%", or the value alone where the source names no
    agency."""
    if not stat.units:
        return [value]
    return [*_join([[Span(u.name, u.url)] for u in stat.units], ", ", ", "), _text(" với "),
            value]


def _summary(s: GroupStats, scale: Scale, url: str, what: str) -> Spans:
    """"giá trị trung bình … là 77,08%, cao nhất là …, thấp nhất là …; khoảng cách giữa đơn vị
    cao nhất và thấp nhất là 14,78 điểm % (văn bản nguồn in 6,76)": what is known of it (a
    field's on the percentage scale)."""
    def shown(v: Value) -> Span:
        return _index(v, scale, url)
    parts: list[Spans] = []
    if s.mean.value is not None:
        parts.append([_text(f"giá trị trung bình {what} là "), shown(s.mean)])
    if s.highest.value.value is not None:
        parts.append([_text("cao nhất là "), *_extreme(s.highest, shown(s.highest.value))])
    if s.lowest.value.value is not None:
        parts.append([_text("thấp nhất là "), *_extreme(s.lowest, shown(s.lowest.value))])
    out = _join(parts, ", ", ", ")
    if s.spread.value is not None:
        out += [_text("; " if out else ""),
                _text("khoảng cách giữa đơn vị cao nhất và thấp nhất là "),
                _gap(s.spread, scale, url)]
    return out


def _capital(spans: Spans) -> Spans:
    """The spans of a sentence, its first letter in upper case."""
    first = spans[0]
    return [Span(first.text[:1].upper() + first.text[1:], first.url, first.note, first.aside),
            *spans[1:]]


def _bands(s: GroupStats, url: str) -> Paragraph | None:
    """"Kết quả xếp loại: 2 đơn vị xếp Nhóm 2 (từ 80% đến 90%), 9 …; không có đơn vị nào xếp
    Nhóm 1, Nhóm 4, Nhóm 5." — the bands whose count is known."""
    if not s.shows_band_counts:
        return None
    some, none = [], []
    for band, v in s.band_counts:
        if v.value is None:
            continue
        if v.value == 0:
            none.append((band, v))
            continue
        where = f" ({band.range_text})" if band.range_stated else ""
        some.append([_value(v, integer(v.value), url),
                     _text(f" đơn vị xếp {band.name}{where}")])
    if not some and not none:
        return None
    parts: Spans = [_text("Kết quả xếp loại: "), *_join(some, ", ", ", ")]
    if none:
        names = [[_value(v, band.name, url)] for band, v in none]
        parts += [_text("; " if some else ""), _text("không có đơn vị nào xếp "),
                  *_join(names)]
    return _sentence(parts, ".")


# ---- Sections ---------------------------------------------------------------------------------


def overview(lk: Lookup, year: int, notes: Notes, groups: list[GroupStats]) -> ReportSection:
    scale = lk.scale
    s = group_stats(lk, year, None, notes)
    url = year_url(year)
    paras = [_sentence(f"Năm {year}, ",
                       Span(f"{integer(s.n)} {scale.members}", url) if not s.partial
                       else _text(f"{integer(s.members)} {scale.members}"),
                       f" thuộc {integer(len(groups))} nhóm được đánh giá, xác định "
                       f"{scale.named}.")]
    told = _incomplete(s, scale, "của năm")
    if told:
        paras.append(_sentence(told))
    summary = _summary(s, scale, url, f"{scale.named} của tất cả {scale.members}")
    if summary:
        paras.append(_sentence(_capital(summary), "."))
    bands = _bands(s, url)
    if bands:
        paras.append(bands)
    ranked = [(g.group, g.mean) for g in sorted(groups, key=lambda g: -(g.mean.value or 0))
              if g.mean.value is not None and g.group]
    if len(ranked) > 1:
        items = [[Span(g.name, g.url), _text(" với "), _index(mean, scale, g.url)]
                 for g, mean in ranked]
        paras.append(_sentence("Theo nhóm, giá trị trung bình cao nhất là nhóm ", items[0],
                               "; tiếp theo là " if len(items) > 2 else "",
                               _join(items[1:-1], "; ", "; "), "; thấp nhất là nhóm ",
                               items[-1], "."))
    return ReportSection("tong-quan", "Tổng quan", 2, tuple(paras))


def group_section(lk: Lookup, results: Results, year: int, g: GroupStats) -> ReportSection:
    assert g.group is not None
    scale, url = lk.scale, g.group.url
    told = _incomplete(g, scale, "của nhóm")
    paras = [_sentence(told) if told else
             _sentence(f"Nhóm {g.group.name} có ", Span(f"{integer(g.n)} đơn vị", url),
                       " được đánh giá.")]
    summary = _summary(g, scale, url, "của nhóm")
    if summary:
        paras.append(_sentence(_capital(summary), "."))
    bands = _bands(g, url)
    if bands:
        paras.append(bands)
    return ReportSection(f"nhom-{g.group.id}", g.group.name, 3, tuple(paras),
                         _group_table(lk, results, year, g.group))


def _group_table(lk: Lookup, results: Results, year: int, group: Ref) -> ReportTable | None:
    """The group's agencies with a known index, in ranking order: name, index, band and rank
    (the name, index and band first, as the site's rankings: visible on a phone)."""
    df = results.year(year)
    rows = [r for r in ranking_order([score_row(r, lk, NoNotes())
                                      for r in records(df[df["group_id"] == group.id])])
            if r.index.value is not None]
    if not rows:
        return None
    caption = f"{lk.scale.name} của nhóm {group.name}, năm {year}"
    if len(rows) > TABLE_MAX:  # a national group: its ends, the whole table on its ranking
        caption += (f": {TABLE_ENDS} đơn vị cao nhất và {TABLE_ENDS} đơn vị thấp nhất trong "
                    f"{integer(len(rows))}; bảng đầy đủ ở trang xếp hạng của nhóm")
        rows = rows[:TABLE_ENDS] + rows[-TABLE_ENDS:]
    scale = lk.scale
    cells = tuple((Span(r.unit.name, r.unit.url),
                   Span(pct(r.index.value) if scale.percent else num(r.index.value)),
                   Span(r.band.name if r.band else MISSING),
                   Span(r.rank_text, aside="suy ra" if r.rank_inferred else ""))
                  for r in rows)
    return ReportTable(f"bang-{group.id}", caption,
                       (scale.Members, scale.column, "Xếp loại", "Thứ hạng"), cells,
                       frozenset({1, 3}))


def fields_section(lk: Lookup, year: int, notes: Notes, groups: list[GroupStats]
                   ) -> list[ReportSection]:
    """The fields: which has the highest and lowest mean, a table of every group's mean, then
    each field with its groups' means and each group's highest and lowest agency."""
    fields = lk.fields_of(year)
    if not fields:
        return []
    named = [g.group for g in groups if g.group]
    means = {f.id: group_stats(lk, year, None, notes, fid=f.id) for f in fields}
    by_group = {f.id: [group_stats(lk, year, g.id, notes, fid=f.id) for g in named]
                for f in fields}
    paras = [_sentence("Tỷ lệ điểm đạt so với điểm tối đa của từng lĩnh vực, trung bình của "
                       "các đơn vị được đánh giá ở lĩnh vực đó.")]
    known = [f for f in fields if means[f.id].mean.value is not None]
    if len(known) == len(fields) and len(fields) > 1:
        order = sorted(fields, key=lambda f: -(means[f.id].mean.value or 0))
        hi, lo = order[0], order[-1]
        spread = stat_value(lk.stats.get(year, None, None, "field_spread"),
                            printed(lk, year, None, None, "field_spread"), notes)
        gap: Spans = [] if spread.value is None else [
            _text("; khoảng cách giữa hai lĩnh vực là "),
            _gap(spread, PERCENT, year_url(year))]
        paras.append(_sentence(
            f"Trong {integer(len(fields))} lĩnh vực, giá trị trung bình cao nhất là lĩnh vực ",
            Span(hi.name, hi.url), " với ", _pct(means[hi.id].mean, hi.url),
            ", thấp nhất là lĩnh vực ", Span(lo.name, lo.url), " với ",
            _pct(means[lo.id].mean, lo.url), gap, "."))
    header = ("Lĩnh vực", "Chung", *(g.short_name or g.name for g in named))
    rows = tuple((Span(f.name, f.url), _pct(means[f.id].mean, f.url),
                  *(_pct(s.mean, f.url) for s in by_group[f.id])) for f in fields)
    table = ReportTable("bang-linh-vuc", f"Giá trị trung bình theo lĩnh vực và nhóm, năm {year}",
                        header, rows, frozenset(range(1, len(header))))
    out = [ReportSection("linh-vuc", "Kết quả theo lĩnh vực", 2, tuple(paras), table)]
    for f in fields:
        out.append(_field(f, means[f.id], [s for s in by_group[f.id] if s.n]))
    return out


def _field(f: Ref, overall: GroupStats, groups: list[GroupStats]) -> ReportSection:
    paras = []
    if overall.mean.value is not None:
        paras.append(_sentence("Giá trị trung bình của lĩnh vực là ",
                               _pct(overall.mean, f.url), "."))
    with_mean = [(g.group, g.mean) for g in groups if g.mean.value is not None and g.group]
    if len(with_mean) > 1:
        items = [[_text(f"{g.name} "), _pct(mean, f.url)] for g, mean in with_mean]
        ranked = sorted(with_mean, key=lambda x: -(x[1].value or 0))
        paras.append(_sentence("Theo nhóm: ", _join(items, "; ", "; "), "; nhóm cao nhất là ",
                               ranked[0][0].name, ", thấp nhất là ", ranked[-1][0].name, "."))
    for g in groups:
        if g.group is None:
            continue
        summary = _summary(g, PERCENT, f.url, "của nhóm")
        if g.n_known == g.n:
            if summary:
                paras.append(_sentence(f"Đối với {g.group.name}: ", summary, "."))
            continue
        known = (f"tỷ lệ chỉ tính được cho {integer(g.n_known)} trên {integer(g.n)} đơn vị"
                 if g.n_known else "số liệu không đủ để tính tỷ lệ")
        copied = next((v for v in (g.mean, g.highest.value, g.lowest.value, g.spread)
                       if v.value is None and v.printed), None)
        if summary:
            rest: Spans = [] if copied is None else [Span(
                "; các số khác văn bản nguồn in cho nhóm ở mục này lặp lại số của một mục "
                "khác nên không được dùng", note=copied.note)]
            paras.append(_sentence(f"Đối với {g.group.name} ({known}; các số sau là số văn "
                                   "bản nguồn in): ", summary, rest, "."))
        elif copied:
            paras.append(_sentence(f"Đối với {g.group.name}, {known}; ", Span(
                "các số văn bản nguồn in cho nhóm ở mục này lặp lại số của một mục khác nên "
                "không được dùng", note=copied.note), "."))
        else:
            paras.append(_sentence(f"Đối với {g.group.name}, {known}, và văn bản nguồn không "
                                   "in trung bình, cao nhất, thấp nhất của nhóm."))
    return ReportSection(f"linh-vuc-{f.id}", f.name, 3, tuple(paras))


def changes_section(lk: Lookup, year: int, notes: Notes) -> ReportSection | None:
    """The change of every set's mean from the previous year with scores, computed where both
    years give it, with the change the source printed beside it; where only the source gives
    one, that, in its words."""
    scale = lk.scale
    prev = lk.stats.previous_year(year)
    sets: list[tuple[str, str | None, str | None, str]] = [
        (f"tất cả {scale.members}", None, None, year_url(year))]
    sets += [(f"nhóm {g.name}", g.id, None, g.url) for g in lk.groups_of(year)]
    sets += [(f"lĩnh vực {f.name}", None, f.id, f.url) for f in lk.fields_of(year)]
    made = [c for c in (_change(lk, year, prev, *s, notes) for s in sets) if c]
    if not made and prev is None:
        return None
    paras = [p for p, _ in made]
    if not made:
        paras.append(_sentence(f"Kết quả năm {prev} không đủ để tính thay đổi so với năm "
                               f"{year}, và văn bản nguồn không in thay đổi nào."))
    elif prev is not None and not any(computed for _, computed in made):
        paras.insert(0, _sentence(f"Kết quả năm {prev} (năm trước gần nhất có kết quả) không "
                                  "đủ để tính lại thay đổi; các thay đổi dưới đây là số văn "
                                  "bản nguồn in."))
    return ReportSection("thay-doi", "Thay đổi so với năm trước", 2, tuple(paras))


def _change(lk: Lookup, year: int, prev: int | None, label: str, gid: str | None,
            fid: str | None, url: str, notes: Notes) -> tuple[Paragraph, bool] | None:
    """A set's change of mean in a sentence, and whether it is computed (else printed)."""
    scale = PERCENT if fid else lk.scale  # a field is a percentage of its maximum
    computed = lk.stats.mean_change(year, gid, fid)
    pub = [p for p in printed(lk, year, gid, fid, "mean_change") if not p.copied]
    if computed is None or prev is None:
        if not pub:
            return None
        return _sentence(f"Giá trị trung bình của {label} ",
                         Span(_printed_change(pub[0].value, scale), url),
                         " so với năm trước (theo văn bản nguồn)."), False
    now, before = lk.stats.summary(year, gid, fid), lk.stats.summary(prev, gid, fid)
    v = stat_value(computed, pub, notes)
    word = "tăng" if computed > 0 else "giảm" if computed < 0 else "không đổi"
    if word != "không đổi":
        word += f" {num(abs(computed))} {'điểm phần trăm' if scale.percent else 'điểm'}"
    aside = v.printed or ("văn bản nguồn in " + _printed_change(pub[0].value, scale)
                          if pub else "")
    prev_url = field_url(prev, fid) if fid else group_url(prev, gid) if gid else year_url(prev)
    return _sentence(f"Giá trị trung bình của {label} năm {year} là ",
                     _index(Value(now.mean if now else None), scale, url), f", năm {prev} là ",
                     _index(Value(before.mean if before else None), scale, prev_url), ": ",
                     Span(word, url, v.note, aside), "."), True


def _printed_change(x: float, scale: Scale) -> str:
    """A printed change in the source's own words: "giảm 1,91%" (its "%" quoted, not read)."""
    word = "tăng" if x > 0 else "giảm" if x < 0 else "không đổi"
    return word if x == 0 else \
        f"{word} {num(abs(x), decimals(x))}{'%' if scale.percent else ''}"


def innovations_section(year: int, items: list[Innovation]) -> ReportSection | None:
    if not items:
        return None
    url = innovations_url(year)
    units = {i.unit.id for i in items}
    paras = [_sentence(f"Năm {year} có ", Span(f"{integer(len(items))} sáng kiến, giải pháp",
                                                url),
                       f" cải cách hành chính được công nhận, của {integer(len(units))} cơ "
                       "quan, đơn vị" + (":" if len(items) <= INNOVATIONS_LISTED else
                                         "; danh sách ở trang sáng kiến của năm."))]
    listed = items if len(items) <= INNOVATIONS_LISTED else []
    return ReportSection("sang-kien", "Sáng kiến, giải pháp", 2, tuple(paras), items=tuple(
        _sentence(Span(i.unit.name, i.unit.url), ": ",
                  Span(i.title, f"{row_url(url, n)}#{i.id}"))  # the part of the page it is on
        for n, i in enumerate(listed)))


def sections(results: Results, lk: Lookup, year: int, innovations: list[Innovation],
             notes: Notes) -> list[ReportSection]:
    """Every section of the year's report, in the order of a report like `002`."""
    groups = [group_stats(lk, year, g.id, notes) for g in lk.groups_of(year)]
    out = [overview(lk, year, notes, groups),
           ReportSection("nhom", "Kết quả theo nhóm", 2),
           *[group_section(lk, results, year, g) for g in groups],
           *fields_section(lk, year, notes, groups)]
    out += [s for s in (changes_section(lk, year, notes), innovations_section(year, innovations))
            if s]
    return out
