"""Published against computed: every difference, never hidden, never 'fixed'.

A printed value is compared at the precision it is printed with: 36,2 agrees with a computed
36,18, and 97,685 is checked to three decimals. A difference within 0,01 (within the last printed
digit, for a value printed with fewer decimals) is a rounding difference (the printed components
are themselves rounded); beyond it, a mismatch. Statistics that the data cannot recompute (a
group with missing indices) are counted as unverifiable, not as agreeing.

The build publishes no mismatch in what ranks an agency (`refused`): its index (on a points
scale, its printed score), rank or band, unless the row names that column in `known_error` (the
source itself prints it wrongly). A rounding difference, or a published statistic the source
gets wrong, never stops it: the pages show them as such.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Protocol, cast

from ..data.members import STATISTIC
from ..data.problems import Problem, problem, row_number
from ..data.validate import PLACES
from ..fmt import as_printed, auto, decimals, is_missing, num, round_half_up
from .score import Results, listed
from .stats import Statistics

TOLERANCE = 0.01
EPS = 1e-9


@dataclass(frozen=True)
class Difference:
    year: int
    file: str
    row: int | None
    subject: str  # agency or set of agencies
    what: str  # column or statistic
    published: str
    computed: str
    kind: str  # "rounding" | "mismatch"
    column: str = ""  # the published column of scores (index_published, …), if it is one
    known: bool = False  # the row declares it a known error of the source (known_error)

    def __str__(self) -> str:
        where = f"{self.file}" + (f", dòng {self.row}" if self.row else "")
        label = "LÀM TRÒN" if self.kind == "rounding" else "SAI KHÁC"
        if self.known:
            label += " (lỗi của văn bản nguồn, đã ghi trong known_error)"
        return (f"{label} {where} — {self.subject}, {self.what}: công bố {self.published}, "
                f"tính lại {self.computed}")


class _ScoreRow(Protocol):
    """A row of `Results.scores` from `itertuples`: the columns read here. A missing value may
    be NaN or NA as well as None (`fmt.is_missing`)."""

    year: int
    row: int
    unit_id: str
    name: str | None
    total: float | None
    index: float | None
    total_published_places: int | None
    index_published_places: int | None
    rank: int | None
    inferred: str | None
    known_error: str | None
    band_id: str | None
    band_published: str | None


def _kind(published: float, computed: float, exact: bool = False) -> str | None:
    """None where `computed`, rounded as `published` is printed (`fmt.Printed`), is it."""
    if exact:
        return None if published == computed else "mismatch"
    places = decimals(published)
    if float(round_half_up(computed, places)) == published:
        return None
    return "rounding" if abs(published - computed) <= max(TOLERANCE, 10.0 ** -places) + EPS \
        else "mismatch"


def _shown(published: float, computed: float, show: Callable[[float], str]) -> tuple[str, str]:
    """Both values as a difference shows them (`show`): the published as printed, the computed
    with as many decimals where it is printed with more than two."""
    places = decimals(published)
    return show(published), num(computed, places) if places > 2 else show(computed)


def _units(results: Results) -> list[Difference]:
    out = []
    files = results.dataset.files
    # pandas-stubs types every attribute of an itertuples row as any scalar
    rows = cast(Iterator[_ScoreRow], results.scores.itertuples())
    for r in rows:
        subject = r.name or r.unit_id
        file = files.get(f"{r.year}/scores", f"{r.year}/scores.csv")
        known = listed(r.known_error)
        pairs = [("total_published", "tổng điểm", r.total, False),
                 ("index_published", "chỉ số", r.index, False),
                 ("rank_published", "xếp hạng", r.rank, True)]
        for col, what, computed, exact in pairs:
            published = as_printed(getattr(r, col), getattr(r, col + PLACES, None))
            if published is None or computed is None or is_missing(computed):
                continue
            kind = _kind(published, float(computed), exact)
            if kind:
                note = " (suy ra)" if col in listed(r.inferred) else ""
                out.append(Difference(r.year, file, r.row, subject, what + note,
                                      *_shown(published, computed, auto if exact else num),
                                      kind, col, col in known))
        if isinstance(r.band_published, str) and isinstance(r.band_id, str) \
                and r.band_published != r.band_id:
            out.append(Difference(r.year, file, r.row, subject, "xếp loại", r.band_published,
                                  r.band_id, "mismatch", "band_published",
                                  "band_published" in known))
    return out


def _statistics(results: Results) -> tuple[list[Difference], int]:
    ds = results.dataset
    out, unverifiable = [], 0
    names = ds.groups.set_index("group_id")["name"].to_dict()
    fnames = ds.fields.set_index("field_id")["name"].to_dict()
    stats = Statistics(results)
    for year, yd in ds.years.items():
        ps = yd.published_stats
        if ps.empty:
            continue
        file = ds.files.get(f"{year}/published_stats", f"{year}/published_stats.csv")
        for row, p in ps.iterrows():
            gid = None if is_missing(p["group_id"]) else p["group_id"]
            fid = None if is_missing(p["field_id"]) else p["field_id"]
            stat, band = p["statistic"], p["band_id"]
            computed = stats.get(year, gid, fid, stat, None if is_missing(band) else band)
            if computed is None:
                unverifiable += 1
                continue
            summary = stats.summary(year, gid, fid)
            assert summary is not None  # a statistic was computed: its set was summarized
            subject = names.get(gid, "tất cả đơn vị") if gid else "tất cả đơn vị"
            what = stat + (f" {band}" if stat == "count" else "")
            if fid:
                what += f" của lĩnh vực {fnames.get(fid, fid)}"
            if not is_missing(p["location"]):
                what += f" ({p['location']})"
            value = as_printed(p["value"], p["value" + PLACES])
            assert value is not None  # required (validated)
            kind = _kind(value, float(computed), stat in ("count", STATISTIC))
            if kind:
                out.append(Difference(year, file, row_number(row), subject, what,
                                      *_shown(value, computed, auto), kind))
            named = {"max": summary.highest_units, "min": summary.lowest_units}.get(stat)
            if named is not None and not is_missing(p["unit_id"]) and p["unit_id"] not in named:
                out.append(Difference(year, file, row_number(row), subject, what + ", đơn vị",
                                      p["unit_id"], ", ".join(named), "mismatch"))
    return out, unverifiable


def compare(results: Results) -> tuple[list[Difference], int]:
    """Every difference, and how many published statistics could not be recomputed."""
    stats, unverifiable = _statistics(results)
    return _units(results) + stats, unverifiable


def refused(results: Results) -> list[Problem]:
    """The mismatches the build refuses to publish: an agency's index (on a points scale its
    printed score, `total_published`), band or rank beyond rounding, not declared a known
    error of the source in the row's `known_error`; indices first, as a wrong index moves the
    ranks of its group."""
    order = ["total_published", "index_published", "band_published", "rank_published"]
    if results.dataset.scale.percent:
        order.remove("total_published")
    wrong = sorted((d for d in compare(results)[0] if d.kind == "mismatch" and d.column in order
                    and not d.known), key=lambda d: (order.index(d.column), d.year, d.row or 0))
    return [problem(code="published-mismatch", file=d.file, row=d.row, column=d.column,
                    value=d.published,
                    expected=f"{d.subject}: {d.what} công bố {d.published}, tính lại "
                             f"{d.computed} (khác quá mức làm tròn); cổng không đăng số sai",
                    hint=("xếp hạng tính từ chỉ số của cả nhóm: sửa chỉ số sai (nếu có, ở "
                          "trên) trước; " if d.column == "rank_published" else "")
                    + "dò lại số đã chép với văn bản; nếu văn bản in đúng như vậy, ghi "
                      f"'{d.column}' vào cột known_error của dòng này và giải thích trong note")
            for d in wrong]
