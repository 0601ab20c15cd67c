"""Page models: the typed, documented dataclasses that templates receive.

Numbers stay numbers (formatted by `fmt` in the templates); what a person must read in a
particular way (a rank "1/11", a footnote number) is a field. URLs (`urls`) are site-relative and
directory style ("chi-so/2023/huyen/"); templates put the site's root in front. Built by
`parindex.site.pages`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..fmt import MISSING

# ---- Small value types ------------------------------------------------------------------------


@dataclass(frozen=True)
class Ref:
    """Something a page links to: its id, names and site-relative URL."""

    id: str
    name: str
    url: str = ""
    short_name: str = ""


@dataclass(frozen=True)
class Band:
    """A classification band; `css` is the class that carries its colour (`band-<order>`)."""

    id: str
    name: str
    order: int
    range_text: str = ""

    @property
    def css(self) -> str:
        return f"band-{self.order}"


@dataclass(frozen=True)
class Source:
    """A document numbers come from, as a reader would cite it."""

    id: str
    title: str
    number: str = ""
    date: date | None = None
    issuer: str = ""
    url: str = ""
    note: str = ""

    @property
    def citation(self) -> str:
        parts = [self.title]
        if self.number:
            parts.append(f"số {self.number}")
        if self.date:
            parts.append(f"ngày {self.date:%d/%m/%Y}")
        if self.issuer:
            parts.append(self.issuer)
        return ", ".join(parts)


@dataclass(frozen=True)
class Value:
    """A number as shown: the official value, where it comes from, and its footnote if any.

    origin: "published" (printed in the source), "inferred" (read from the source, not printed),
    "computed" (by the portal from the data), or "" when there is no value.
    """

    value: float | None
    origin: str = ""
    note: int | None = None  # footnote number on the page

    @property
    def missing(self) -> bool:
        return self.value is None


class Notes:
    """Numbered footnotes of one page; the same text gets the same number."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def add(self, text: str | None) -> int | None:
        if not text:
            return None
        if text not in self.texts:
            self.texts.append(text)
        return self.texts.index(text) + 1


class NoNotes(Notes):
    """For values shown where their footnotes are not (home page, directory)."""

    def add(self, text: str | None) -> int | None:
        return None


@dataclass(frozen=True)
class Chart:
    """A chart drawn at build time, next to its page: `<name>.svg` and `<name>.csv`.

    kind names the module of `parindex.site.charts` that draws it; `rows` are exactly the
    numbers drawn, and also the CSV behind the chart; `table_id` is the id of the HTML table on
    the page with the same numbers; `legend` is what the chart is coloured by besides its rows
    (a ranking's band table).
    """

    kind: str
    name: str
    title: str
    alt: str
    rows: list[dict[str, object]]
    table_id: str
    legend: list[dict[str, object]] | None = None


# ---- Rows -------------------------------------------------------------------------------------


@dataclass(kw_only=True)
class ScoreRow:
    """One agency in one year, as a ranking table shows it."""

    unit: Ref
    year: int
    group: Ref
    max_score: float | None
    components: list[float | None]
    total: Value
    index: Value
    rank: int | None
    rank_inferred: bool
    group_size: int
    band: Band | None
    band_inferred: bool
    index_change: float | None
    rank_change: int | None
    note: int | None = None  # footnote number of the source's note on this row

    @property
    def rank_text(self) -> str:
        """Rank within the group as printed on the site: "1/11"."""
        return MISSING if self.rank is None else f"{self.rank}/{self.group_size}"


@dataclass(frozen=True)
class Stat:
    """A group or year statistic with the agencies it names (highest, lowest)."""

    label: str
    value: Value
    units: tuple[Ref, ...] = ()
    kind: str = "pct"  # "pct" | "count" | "points"


@dataclass(kw_only=True)
class GroupStats:
    """Statistics of one group (or of all agencies when group is None) in one year."""

    group: Ref | None
    n: int
    n_known: int
    mean: Value
    highest: Stat
    lowest: Stat
    spread: Value
    band_counts: list[tuple[Band, Value]]
    mean_change: Value = field(default_factory=lambda: Value(None))


@dataclass(kw_only=True)
class FieldRow:
    """One agency's score in one field."""

    unit: Ref
    field: Ref
    score: float | None
    max_score: float | None
    pct: float | None
    group_mean: Value = field(default_factory=lambda: Value(None))


@dataclass(kw_only=True)
class Innovation:
    id: str  # anchor on the innovations pages
    year: int
    unit: Ref
    title: str
    summary: str | None
    field: Ref | None
    url: str | None
    source: Source | None


@dataclass(kw_only=True)
class Indicator:
    year: int
    name: str
    value: float
    unit: str | None
    note: str | None
    source: Source | None


# ---- Pages ------------------------------------------------------------------------------------


@dataclass(kw_only=True)
class Page:
    """What every data page has. `url` is where it is written (`url + "index.html"`)."""

    url: str
    template: str
    title: str
    lead: str = ""
    breadcrumbs: list[Ref] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    search_terms: str = ""  # ASCII-folded names, indexed by search but not shown


@dataclass(kw_only=True)
class GroupCard:
    group: Ref
    n: int
    mean: Value
    top: list[ScoreRow]  # the first three by rank (printed or inferred)


@dataclass(kw_only=True)
class HomePage(Page):
    year: int | None
    stats: GroupStats | None
    groups: list[GroupCard]
    bands: list[Band]


@dataclass(kw_only=True)
class FieldOverview:
    field: Ref
    mean: Value
    group_means: list[Value]  # in the order of YearPage.groups
    mean_change: Value = field(default_factory=lambda: Value(None))


@dataclass(kw_only=True)
class YearPage(Page):
    year: int
    stats: GroupStats
    groups: list[GroupStats]
    bands: list[Band]
    fields: list[FieldOverview]
    indicators: list[Indicator]
    innovations: int
    years: list[int]


@dataclass(kw_only=True)
class RankingPage(Page):
    year: int
    group: Ref
    components: list[Ref]
    columns: list[str]  # which optional columns have any value: max_score, components, total
    rows: list[ScoreRow]
    stats: GroupStats
    inferred: bool  # some ranks are read from the source's table order, not printed
    bands: list[Band]
    fields: list[Ref]


@dataclass(kw_only=True)
class FieldGroup:
    group: Ref
    max_score: float | None
    rows: list[FieldRow]  # all of the group's agencies, or only its ends when it is large
    stats: GroupStats
    total: int  # agencies of the group with a score in the field


@dataclass(kw_only=True)
class FieldPage(Page):
    year: int
    field: Ref
    mean: Value
    groups: list[FieldGroup]
    other_fields: list[Ref]


@dataclass(kw_only=True)
class UnitYear:
    row: ScoreRow
    ranking_url: str


@dataclass(kw_only=True)
class UnitPage(Page):
    unit: Ref
    group: Ref
    aliases: list[str]
    active: str  # "" or "đến năm 2024" …
    successor: Ref | None
    remark: str | None  # units.csv note
    latest: UnitYear | None
    history: list[UnitYear]
    components: list[Ref]
    fields_year: int | None
    fields: list[FieldRow]
    innovations: list[Innovation]
    indicators: list[Indicator]


@dataclass(kw_only=True)
class DirectoryEntry:
    unit: Ref
    group: Ref
    latest: ScoreRow | None
    active: str


@dataclass(kw_only=True)
class DirectoryPage(Page):
    entries: list[DirectoryEntry]
    groups: list[Ref]


@dataclass(kw_only=True)
class InnovationsPage(Page):
    year: int | None
    items: list[Innovation]
    by_year: list[tuple[int, list[Innovation]]]
    by_unit: list[tuple[Ref, list[Innovation]]]
    by_field: list[tuple[Ref, list[Innovation]]]
    no_field: int
    years: list[int]
    counts: list[tuple[int, int]]  # (year, innovations), latest first
    listed: bool  # False: too many to list on one page; only `counts`


@dataclass(frozen=True)
class Download:
    url: str
    label: str
    format: str
    description: str = ""


@dataclass(kw_only=True)
class DownloadsPage(Page):
    years: list[tuple[int, list[tuple[str, list[Download]]]]]  # year, (content, formats)
    package: list[Download]
    package_zip: Download
    title_package: str
    templates: list[Download]  # an empty table (header row only) per table, for editors


@dataclass(kw_only=True)
class YearsPage(Page):
    years: list[tuple[int, int, Value]]  # year, number of agencies, mean
    indicators: list[Indicator]  # the province's own figures, every year (also without scores)


@dataclass
class Site:
    """Every data page of the site, in the order they are written."""

    home: HomePage
    years_index: YearsPage
    years: list[YearPage]
    rankings: list[RankingPage]
    fields: list[FieldPage]
    directory: DirectoryPage
    units: list[UnitPage]
    innovations: list[InnovationsPage]
    downloads: DownloadsPage

    def pages(self) -> list[Page]:
        return [self.home, self.years_index, *self.years, *self.rankings, *self.fields,
                self.directory, *self.units, *self.innovations, self.downloads]


HOME = Ref("", "Trang chủ", "")
YEARS = Ref("chi-so", "Chỉ số CCHC", "chi-so/")
