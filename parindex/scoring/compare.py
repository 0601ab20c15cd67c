"""Published against computed, and the source against itself: every difference, at the source's
precision, never hidden, never 'fixed'.

A printed value is consistent with the data when some choice of the inputs within their printed
precision gives it: each input stands for half a unit of its last printed digit either side,
carried through the arithmetic (a total from components printed with 2 decimals, a percentage
from a field score, a mean of printed indices: `score`'s `…_error`, `Summary.bounds`), and the
printed value stands for half a unit of its own last digit (36,2 stands for 36,15–36,25). A
consistent value that differs once rounded is a rounding difference ("rounding"); anything
else is a real difference ("mismatch").

Besides the values the data recomputes, the source is checked against itself: a figure printed
twice with two values ("conflict"), a block of statistics that repeats another section's
("copied"), a spread against the printed highest and lowest where the data cannot recompute it,
field scores against the total, band counts against the group's size, and agency names printed
differently from the register ("name"). Statistics that nothing can check are counted as
unverifiable, not as agreeing.

`assess` gives all of it; `compare` (differences and the unverifiable count) is what
`parindex check` and the build use; the pages ask `Assessment.kinds` about a printed statistic.

The build publishes no mismatch in what ranks an agency (`refused`): its index (on a points
scale, its printed score), rank or band, unless the row names that column in `known_error` (the
source itself prints it wrongly). A rounding difference, or a published statistic the source
gets wrong, never stops it: the pages show them as such.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import cast

import pandas as pd

from ..data.members import STATISTIC
from ..data.problems import Problem, problem, row_number
from ..data.validate import PLACES
from ..fmt import as_printed, auto, decimals, integer, is_missing, num, round_half_up
from ..frames import records
from ..text import fold
from .score import Results, listed
from .stats import Statistics

EPS = 1e-9

SERIOUS, NOTICE, ROUNDING = "serious", "notice", "rounding"
SEVERITY = {"mismatch": SERIOUS, "copied": SERIOUS, "conflict": NOTICE, "name": NOTICE,
            "rounding": ROUNDING}
SEVERITIES = (SERIOUS, NOTICE, ROUNDING)  # in the order they are reported
LABELS = {SERIOUS: "SAI KHÁC", NOTICE: "CẦN XEM", ROUNDING: "LÀM TRÒN"}
HEADINGS = {SERIOUS: "Sai khác thật (vượt quá sai số làm tròn)",
            NOTICE: "Cần xem lại (văn bản nguồn tự mâu thuẫn, hoặc số tính lại dựa trên số suy ra)",
            ROUNDING: "Khác biệt do làm tròn (số in vẫn khớp với số liệu)"}

# What a statistic of published_stats.csv is called on a page and in `parindex check`.
STATISTIC_NAMES = {"mean": "trung bình", "max": "cao nhất", "min": "thấp nhất",
                   "spread": "khoảng cách cao nhất – thấp nhất", "count": "số đơn vị xếp loại",
                   "mean_change": "thay đổi của trung bình so với năm trước",
                   STATISTIC: "số thành viên",
                   "field_spread": "khoảng cách giữa lĩnh vực cao nhất và thấp nhất"}
BLOCK = ("mean", "max", "min", "spread")  # the statistics a copied paragraph repeats
EXACT = ("count", STATISTIC)


@dataclass(frozen=True)
class Difference:
    """One finding. `published` is the value as the source prints it; `computed` what the data
    gives (or, for a copied block, what it repeats; for a name, the register's spelling)."""

    year: int
    file: str
    row: int | None
    subject: str  # agency or set of agencies
    what: str  # column or statistic
    published: str
    computed: str
    kind: str  # "rounding" | "mismatch" | "conflict" | "copied" | "name"
    location: str = ""  # where in the source document the value is printed
    note: str = ""  # a sentence on what was found
    rows: tuple[int, ...] = field(default=())  # every row of `file` concerned (else `row`)
    inferred: bool = False  # the computed value rests on an inferred input (a field maximum)
    column: str = ""  # the published column of scores (index_published, …), if it is one
    known: bool = False  # the row declares it a known error of the source (known_error)

    @property
    def severity(self) -> str:
        """"serious" (a real difference), "notice" (the source contradicts itself, or a
        difference from a value computed with an inferred input, which may be the inference's)
        or "rounding"."""
        return NOTICE if self.inferred and self.kind == "mismatch" else SEVERITY[self.kind]

    @property
    def label(self) -> str:
        return LABELS[self.severity]

    @property
    def comparison(self) -> str:
        """What the printed value is set against, in words."""
        verb = {"copied": "trùng với", "name": "danh mục ghi", "conflict": ""}.get(
            self.kind, "tính lại")
        return f"{verb} {self.computed}".strip()

    def __str__(self) -> str:
        where = f"{self.file}" + (f", dòng {self.row}" if self.row else "")
        loc = f" ({self.location})" if self.location else ""
        said = "in" if self.kind in ("name", "conflict") else "công bố"
        label = self.label + (" (lỗi của văn bản nguồn, đã ghi trong known_error)"
                              if self.known else "")
        text = f"{label} {where} — {self.subject}, {self.what}{loc}: {said} {self.published}"
        if self.comparison:
            text += f", {self.comparison}"
        return text + (f". {self.note}" if self.note else "")


@dataclass(frozen=True)
class Assessment:
    differences: list[Difference]
    unverifiable: int  # published statistics that nothing in the data can check

    def kinds(self, year: int, file: str, row: int) -> set[str]:
        """The kinds of difference found for one row of a file."""
        return self._by_row.get((year, file, row), set())

    @cached_property
    def _by_row(self) -> dict[tuple[int, str, int | None], set[str]]:
        out: dict[tuple[int, str, int | None], set[str]] = {}
        for d in self.differences:
            for row in d.rows or (d.row,):
                out.setdefault((d.year, d.file, row), set()).add(d.kind)
        return out

    def by_severity(self) -> list[tuple[str, list[Difference]]]:
        return [(s, [d for d in self.differences if d.severity == s]) for s in SEVERITIES]


def agrees(published: float, low: float, high: float) -> bool:
    """Whether some number from `low` to `high` is printed as `published`, with its decimals."""
    half = 0.5 * 10.0 ** -decimals(published)
    return published - half <= high + EPS and published + half >= low - EPS


def verdict(published: float, computed: float, bounds: tuple[float, float] | None = None,
            exact: bool = False) -> str | None:
    """None where `computed`, rounded as `published` is printed (`fmt.Printed`), is it;
    "rounding" where some value within `bounds` (the computed value's, for inputs within their
    printed precision) would be printed so; else "mismatch"."""
    if exact:
        return None if published == computed else "mismatch"
    if float(round_half_up(computed, decimals(published))) == published:
        return None
    low, high = bounds or (computed, computed)
    return "rounding" if agrees(published, low, high) else "mismatch"


def _shown(published: float, computed: float) -> tuple[str, str]:
    """Both values as a difference shows them: the published as printed, the computed with as
    many decimals where it is printed with more than two."""
    places = decimals(published)
    return auto(published), num(computed, places) if places > 2 else auto(computed)


def _file(results: Results, year: int, table: str) -> str:
    return results.dataset.files.get(f"{year}/{table}", f"{year}/{table}.csv")


def _within(value: float, error: object) -> tuple[float, float]:
    e = 0.0 if is_missing(error) else float(cast(float, error))
    return value - e, value + e


# ---- An agency's printed total, index, rank and band -------------------------------------------


UNIT_COLUMNS = ("year", "row", "unit_id", "name", "inferred", "known_error", "total",
                "total_error", "index", "index_error", "rank", "band_id", "band_published",
                *[c + p for c in ("total_published", "index_published", "rank_published")
                  for p in ("", PLACES)])  # what `_units` reads of a score


def _units(results: Results) -> list[Difference]:
    out = []
    for r in records(results.scores, [c for c in UNIT_COLUMNS if c in results.scores]):
        year = int(cast(int, r["year"]))
        subject = str(r["name"] or r["unit_id"])
        file = _file(results, year, "scores")
        inferred, known = listed(r["inferred"]), listed(r["known_error"])
        pairs = [("total_published", "tổng điểm", r["total"], r["total_error"], False),
                 ("index_published", "chỉ số", r["index"], r["index_error"], False),
                 ("rank_published", "xếp hạng", r["rank"], 0.0, True)]
        for col, what, computed, error, exact in pairs:
            published = as_printed(cast("float | None", r[col]),
                                   cast("int | None", r.get(col + PLACES)))
            if published is None or computed is None or is_missing(computed):
                continue
            value = float(cast(float, computed))
            kind = verdict(published, value, _within(value, error), exact)
            if kind:
                note = " (suy ra)" if col in inferred else ""
                shown = (auto(published), auto(value)) if exact else _shown(published, value)
                out.append(Difference(year, file, int(cast(int, r["row"])), subject, what + note,
                                      *shown, kind, column=col, known=col in known))
        band, printed = r["band_id"], r["band_published"]
        if isinstance(printed, str) and isinstance(band, str) and printed != band:
            out.append(Difference(year, file, int(cast(int, r["row"])), subject, "xếp loại",
                                  printed, band, "mismatch", column="band_published",
                                  known="band_published" in known))
    return out


SUM_COLUMNS = ("unit_id", "name", "total", "total_error", "total_published",
               "total_published" + PLACES)  # what `_field_sums` reads of a score


def _field_sums(results: Results) -> list[Difference]:
    """Each agency's field scores against its total, in a year whose fields make up the total:
    where at least half the agencies' field scores add up to it (else the fields are not a
    breakdown of the total, as in a province whose field scores are scored apart)."""
    out = []
    fs = results.fields
    for year in results.field_years:
        scores = {r["unit_id"]: r for r in records(results.year(year), SUM_COLUMNS)}
        f = fs[fs["year"] == year]
        f = f.assign(_error=0.5 * 10.0 ** -f["score" + PLACES].astype(float))
        by_unit = f.groupby("unit_id")
        sums = by_unit.agg(total=("score", "sum"), error=("_error", "sum"))
        sums.loc[by_unit["score"].count() < by_unit.size(), "total"] = float("nan")  # a gap
        found: list[tuple[str, float, float, str]] = []
        agreeing = 0
        for uid, added, error in zip(sums.index, sums["total"], sums["error"], strict=True):
            r = scores.get(uid)
            if is_missing(added) or r is None:
                continue
            printed = as_printed(cast("float | None", r["total_published"]),
                                 cast("int | None", r["total_published" + PLACES]))
            total = printed if printed is not None else cast("float | None", r["total"])
            if total is None or is_missing(total):
                continue
            half = (0.5 * 10.0 ** -decimals(printed) if printed is not None
                    else float(cast(float, r["total_error"])))
            kind = verdict(float(total), float(added),
                           (added - error - half, added + error + half))
            agreeing += kind != "mismatch"
            if kind:
                found.append((str(r["name"]), float(total), float(added), kind))
        if agreeing * 2 >= agreeing + sum(kind == "mismatch" for *_, kind in found):
            out += [Difference(year, _file(results, year, "field_scores"), None, name,
                               "tổng điểm so với tổng điểm các lĩnh vực", auto(total),
                               num(added), kind) for name, total, added, kind in found]
    return out


# ---- Published statistics ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Stat:
    """A row of published_stats.csv, as the checks read it."""

    row: int
    gid: str | None
    fid: str | None
    statistic: str
    band: str | None
    unit: str | None
    value: float
    location: str


def _published(ps: pd.DataFrame) -> list[_Stat]:
    def text(x: object) -> str | None:
        return None if is_missing(x) or x == "" else str(x)
    out = []
    for label, p in ps.iterrows():
        value = as_printed(p["value"], p["value" + PLACES])
        assert value is not None  # required (validated)
        out.append(_Stat(row_number(label), text(p["group_id"]), text(p["field_id"]),
                         str(p["statistic"]), text(p["band_id"]), text(p["unit_id"]), value,
                         text(p["location"]) or ""))
    return out


class _Names:
    def __init__(self, results: Results) -> None:
        ds = results.dataset
        self.groups = ds.groups.set_index("group_id")["name"].to_dict()
        self.fields = ds.fields.set_index("field_id")["name"].to_dict()
        self.units = ds.units.set_index("unit_id")["name"].to_dict()
        self.bands = {b: n for b, n in zip(ds.bands["band_id"], ds.bands["name"], strict=True)}

    def subject(self, gid: str | None) -> str:
        return str(self.groups.get(gid, gid)) if gid else "tất cả đơn vị"

    def what(self, s: _Stat) -> str:
        text = STATISTIC_NAMES.get(s.statistic, s.statistic)
        if s.statistic == "count" and s.band:
            text += f" {self.bands.get(s.band, s.band)}"
        return text + (f" của {self.measure(s.fid)}" if s.fid else "")

    def measure(self, fid: str | None) -> str:
        """What a statistic is of: a field, or the index."""
        return f"lĩnh vực {self.fields.get(fid, fid)}" if fid else "chỉ số"

    def unit(self, uid: str) -> str:
        return str(self.units.get(uid, uid))


_BySet = dict[tuple[str | None, str | None, str], float]  # first printed value of a statistic


def _by_set(stats: list[_Stat]) -> _BySet:
    out: _BySet = {}
    for x in stats:
        out.setdefault((x.gid, x.fid, x.statistic), x.value)
    return out


def _printed_bounds(s: _Stat, printed: _BySet) -> tuple[float, tuple[float, float], str] | None:
    """A spread where the data cannot recompute it, from the highest and lowest the source
    prints for the same set (a spread of fields, from its printed field means): the value, its
    bounds, and the arithmetic in words."""
    if s.statistic == "spread":
        hi, lo = printed.get((s.gid, s.fid, "max")), printed.get((s.gid, s.fid, "min"))
        if hi is None or lo is None:
            return None
        pair = [hi, lo]
    elif s.statistic == "field_spread":
        means = [v for (g, f, st), v in printed.items() if g == s.gid and f and st == "mean"]
        if len(means) < 2:
            return None
        pair = [max(means), min(means)]
    else:
        return None
    halves = [0.5 * 10.0 ** -decimals(x) for x in pair]
    value = pair[0] - pair[1]
    return (value, (value - sum(halves), value + sum(halves)),
            f"Tính từ các số in: {auto(pair[0])} − {auto(pair[1])}.")


def _inferred_maxima(results: Results, year: int) -> set[tuple[str | None, str]]:
    """The (group, field) pairs whose field maximum is inferred, and (None, field) where any
    group's is: a percentage computed with it may differ from the printed one because of it."""
    fm = results.dataset.years[year].field_maxima
    if "inferred" not in fm:
        return set()
    pairs = {(str(g), str(f)) for g, f, i in zip(fm["group_id"], fm["field_id"], fm["inferred"],
                                                 strict=True) if i is True}
    return pairs | {(None, f) for _, f in pairs}


def _statistics(results: Results, year: int, stats: Statistics, names: _Names,
                published: list[_Stat]) -> tuple[list[Difference], int]:
    out, unverifiable = [], 0
    file = _file(results, year, "published_stats")
    inferred = _inferred_maxima(results, year)
    by_set = _by_set(published)
    for s in published:
        subject, what = names.subject(s.gid), names.what(s)
        computed = stats.get(year, s.gid, s.fid, s.statistic, s.band)
        arithmetic = _printed_bounds(s, by_set)
        note, guess = "", False
        if computed is not None:
            bounds = stats.bounds(year, s.gid, s.fid, s.statistic, s.band)
            kind = verdict(s.value, float(computed), bounds, s.statistic in EXACT)
            # a percentage of an inferred maximum: a real difference only where the source's
            # own printed highest and lowest confirm it
            guess = (s.gid, s.fid) in inferred and (
                arithmetic is None or verdict(s.value, arithmetic[0], arithmetic[1]) is None)
        elif arithmetic is not None:
            computed, bounds, note = arithmetic
            kind = verdict(s.value, computed, bounds)
        else:
            unverifiable += 1
            continue
        if kind:
            if guess and kind == "mismatch":
                note = ("Số tính lại dùng điểm tối đa của lĩnh vực suy ra từ văn bản "
                        "(field_maxima.csv), có thể chưa đúng với mọi đơn vị.")
            out.append(Difference(year, file, s.row, subject, what, *_shown(s.value, computed),
                                  kind, s.location, note, inferred=guess))
        summary = stats.summary(year, s.gid, s.fid)
        named = {"max": summary.highest_units if summary else None,
                 "min": summary.lowest_units if summary else None}.get(s.statistic)
        if named and s.unit and s.unit not in named:
            out.append(Difference(year, file, s.row, subject, what + ", đơn vị",
                                  names.unit(s.unit), ", ".join(map(names.unit, named)),
                                  "mismatch", s.location))
    return out, unverifiable


def _conflicts(results: Results, year: int, names: _Names, published: list[_Stat]
               ) -> list[Difference]:
    """One figure printed with two values (82,94 in a table, 82,95 in the text): the rows of
    one set, statistic and band (of a highest or lowest, ties name several agencies)."""
    out = []
    figures: dict[tuple[str | None, ...], list[_Stat]] = {}
    for s in published:
        figures.setdefault((s.gid, s.fid, s.statistic, s.band), []).append(s)
    for rows in figures.values():
        if len({x.value for x in rows}) < 2:
            continue
        first = rows[0]
        values = [x for x in rows if x.value != first.value]
        out.append(Difference(
            year, _file(results, year, "published_stats"), values[0].row,
            names.subject(first.gid), names.what(first),
            " và ".join(f"{auto(x.value)} ({x.location})" if x.location else auto(x.value)
                        for x in [first, *values]), "", "conflict",
            note="Một số liệu được in với hai giá trị khác nhau.",
            rows=tuple(x.row for x in rows)))
    return out


def _copied(results: Results, year: int, names: _Names, published: list[_Stat]
            ) -> list[Difference]:
    """Statistics of a set (two or more of its mean, highest, lowest and spread, with the
    agencies named) that repeat an earlier set's: a paragraph copied from another section (2.2
    printing 2.1's district sentence word for word). The later ones are the copy."""
    blocks: dict[tuple[str | None, str | None], list[_Stat]] = {}
    for s in published:
        if s.statistic in BLOCK:
            blocks.setdefault((s.gid, s.fid), []).append(s)
    ordered = list(blocks.values())
    out = []
    for i, rows in enumerate(ordered):
        for earlier in ordered[:i]:
            before = {(x.statistic, x.value, x.unit) for x in earlier}
            same = [x for x in rows if (x.statistic, x.value, x.unit) in before]
            if len({x.statistic for x in same}) < 2:  # two tied highest are not a paragraph
                continue
            original, first = earlier[0], same[0]
            where = f" ({original.location})" if original.location else ""
            out.append(Difference(
                year, _file(results, year, "published_stats"), first.row,
                names.subject(first.gid), f"các số của {names.measure(first.fid)}",
                "; ".join(_block_text(x, names) for x in same),
                f"các số của {names.measure(original.fid)}, {names.subject(original.gid)}"
                f"{where}", "copied", first.location,
                "Các số lặp lại nguyên văn một mục khác, không phải số của mục này.",
                tuple(x.row for x in same)))
            break
    return out


def _block_text(s: _Stat, names: _Names) -> str:
    who = f" ({names.unit(s.unit)})" if s.unit else ""
    return f"{STATISTIC_NAMES[s.statistic]} {auto(s.value)}{who}"


def _band_totals(results: Results, year: int, stats: Statistics, names: _Names,
                 published: list[_Stat]) -> list[Difference]:
    """The printed band counts of a set against its number of members: more than the members,
    or every band printed and fewer, is a real difference."""
    out = []
    counts: dict[str | None, list[_Stat]] = {}
    for s in published:
        if s.statistic == "count" and not s.fid:
            counts.setdefault(s.gid, []).append(s)
    for gid, rows in counts.items():
        summary = stats.index(year, gid)
        if summary is None:
            continue
        year_bands = stats.band_ids(year)
        total = sum(int(x.value) for x in rows)
        every_band = {x.band for x in rows} >= set(year_bands)
        if total > summary.members or (every_band and total != summary.members):
            out.append(Difference(
                year, _file(results, year, "published_stats"), rows[0].row, names.subject(gid),
                "tổng số đơn vị theo xếp loại", " + ".join(integer(x.value) for x in rows)
                + f" = {integer(total)}", f"{integer(summary.members)} đơn vị", "mismatch",
                rows=tuple(x.row for x in rows)))
    return out


def _names(results: Results) -> list[Difference]:
    """Agencies whose name the source prints with other diacritics than the register's ("Thanh
    Trì" for Thạnh Trị): an alias that folds into the name without being part of it. The
    units.csv note says where; the data's other tables that quote the spelling are listed."""
    ds = results.dataset
    out: list[Difference] = []
    texts: list[tuple[str, int, str]] | None = None  # read once a misspelt name is found
    units = ds.units[ds.units["aliases"].notna()]  # the others have no other spelling
    for label, name, alias_text, remark in zip(units.index, units["name"].astype(str),
                                               units["aliases"].astype(str), units["note"],
                                               strict=True):
        aliases = [a.strip() for a in alias_text.split("|") if a.strip()]
        wrong = [a for a in aliases if fold(a) in fold(name) and _words(a) not in _words(name)]
        if not wrong:
            continue
        texts = texts if texts is not None else _innovation_texts(results)
        quoted = [f"{file} dòng {row}" for file, row, text in texts
                  if any(w.casefold() in text.casefold() for w in _tails(wrong))]
        note = str(remark) if not is_missing(remark) else ""
        if quoted:
            note = (note + " " if note else "") + "Cũng in như vậy: " + ", ".join(quoted) + "."
        out.append(Difference(0, ds.files.get("units", "units.csv"), row_number(label), name,
                              "tên đơn vị", ", ".join(f"“{a}”" for a in wrong), f"“{name}”",
                              "name", note=note))
    return out


def _innovation_texts(results: Results) -> list[tuple[str, int, str]]:
    """Each innovation's file, row and words (title and summary), where a misspelt name may be
    quoted."""
    return [(_file(results, year, "innovations"), row_number(label), " ".join(
        x for x in (title, summary) if isinstance(x, str)))
        for year, yd in results.dataset.years.items()
        for label, title, summary in zip(yd.innovations.index, yd.innovations["title"],
                                         yd.innovations["summary"], strict=True)]


def _words(text: str) -> str:
    """The words of a name, punctuation left out ("Lao động, Thương binh" is "Lao động -
    Thương binh" spelt another way, not misspelt)."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def _tails(names: Iterable[str]) -> list[str]:
    """A name and its last two words (a place name as the text quotes it: "huyện Thanh Trì")."""
    out = []
    for n in names:
        out.append(n)
        words = n.split()
        if len(words) > 2:
            out.append(" ".join(words[-2:]))
    return out


def published_statistics(results: Results, year: int, stats: Statistics | None = None
                         ) -> Assessment:
    """The differences of one year's published statistics (what the pages need to know about
    a printed statistic: `Assessment.kinds`)."""
    yd = results.dataset.years.get(year)
    if yd is None or yd.published_stats.empty:
        return Assessment([], 0)
    stats = stats or Statistics(results)
    names = _Names(results)
    published = _published(yd.published_stats)
    copied = _copied(results, year, names, published)
    gone = {r for d in copied for r in d.rows}  # not this section's numbers: not checked
    published = [s for s in published if s.row not in gone]
    found, unverifiable = _statistics(results, year, stats, names, published)
    found += copied + _conflicts(results, year, names, published) \
        + _band_totals(results, year, stats, names, published)
    return Assessment(found, unverifiable)


def assess(results: Results) -> Assessment:
    """Every difference, and how many published statistics nothing can check."""
    stats = Statistics(results)
    out = _units(results) + _field_sums(results)
    unverifiable = 0
    for year in results.dataset.years:
        found = published_statistics(results, year, stats)
        out += found.differences
        unverifiable += found.unverifiable
    out += _names(results)
    return Assessment(sorted(out, key=lambda d: (d.year, d.file, d.row or 0)), unverifiable)


def compare(results: Results) -> tuple[list[Difference], int]:
    """Every difference, and how many published statistics could not be checked."""
    a = assess(results)
    return a.differences, a.unverifiable


def refused(results: Results, found: Assessment | None = None) -> list[Problem]:
    """The mismatches the build refuses to publish: an agency's index (on a points scale its
    printed score, `total_published`), band or rank beyond rounding, not declared a known
    error of the source in the row's `known_error`; indices first, as a wrong index moves the
    ranks of its group. `found`: the results' `assess`, when it is at hand."""
    order = ["total_published", "index_published", "band_published", "rank_published"]
    if results.dataset.scale.percent:
        order.remove("total_published")
    found = found or assess(results)
    wrong = sorted((d for d in found.differences if d.kind == "mismatch" and d.column in order
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
