"""Page models: the typed, documented dataclasses that templates receive.

Numbers stay numbers (formatted by `fmt` in the templates); what a person must read in a
particular way (a rank "1/11", a footnote number) is a field. URLs (`urls`) are site-relative and
directory style ("chi-so/2023/huyen/"); templates put the site's root in front. Built by
`parindex.site.pages`; frozen once built (a row may be shared by several pages).

Templates only present: which optional columns a table has, which rows it shows, the raw value a
sortable column sorts by (`*_sort`: the number, "" when missing) and every URL are fields or
properties here, not decisions in Jinja.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar, NamedTuple

from ..data.portal import PERCENT, Scale
from ..fmt import MISSING
from ..i18n import Arg, Day, join, t
from .urls import (
    DIRECTORY_URL,
    HOME_URL,
    YEARS_URL,
    chart_url,
    embed_url,
    innovations_url,
)


def _sort(x: float | None) -> float | str:
    """A sortable cell's data-value: the raw number, "" when missing."""
    return "" if x is None else x

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
    """A classification band; `css` is the class that carries its colour (`band-<order>`).
    `range_text` is its range of the index, or says the source prints none (`range_stated`)."""

    id: str
    name: str
    order: int
    range_text: str = ""
    range_stated: bool = True
    range_inferred: bool = False  # the bounds are inferred, not printed

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
        parts: list[Arg] = [self.title]
        if self.number:
            parts.append(t("số {number}", number=self.number))
        if self.date:
            parts.append(t("ngày {date}", date=Day(self.date)))
        if self.issuer:
            parts.append(self.issuer)
        return join(parts)


@dataclass(frozen=True)
class Value:
    """A number as shown: the official value, where it comes from, and its footnote if any.

    origin: "published" (printed in the source), "inferred" (read from the source, not printed),
    "computed" (by the portal from the data), or "" when there is no value.
    """

    value: float | None
    origin: str = ""
    note: int | None = None  # footnote number on the page
    printed: str = ""  # a short note beside the value: "văn bản nguồn in 6,76"

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
class NavLink:
    """An entry of a list of pages of one kind (the years): the current page is not a link."""

    label: str
    url: str
    current: bool = False


@dataclass(frozen=True)
class Chart:
    """A chart drawn at build time, next to its page: `<name>.svg` and `<name>.csv`.

    kind names the module of `parindex.site.charts` that draws it; `rows` are exactly the
    numbers drawn, and also the CSV behind the chart; `table_id` is the id of the HTML table on
    the page with the same numbers; `legend` is what the chart is coloured by besides its rows
    (a ranking's band table); `scale` what an index is called and measured in.
    """

    kind: str
    name: str
    title: str
    alt: str
    rows: list[dict[str, object]]
    table_id: str
    legend: list[dict[str, object]] | None = None
    scale: Scale = PERCENT


@dataclass(frozen=True)
class TrendPoint:
    """A mean of one year in a trend: `series` is the group's name (or every agency's)."""

    year: int
    series: str
    mean: Value


# ---- Rows -------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
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
    max_score_inferred: bool = False  # read from the source, not printed (`inferred` lists it)

    @property
    def rank_text(self) -> str:
        """Rank within the group as printed on the site: "1/11"."""
        return MISSING if self.rank is None else f"{self.rank}/{self.group_size}"

    @property
    def rank_sort(self) -> float | str:
        return _sort(self.rank)

    @property
    def max_score_sort(self) -> float | str:
        return _sort(self.max_score)

    @property
    def component_cells(self) -> list[tuple[float | None, float | str]]:
        """Each component's score with its data-value."""
        return [(x, _sort(x)) for x in self.components]

    @property
    def total_sort(self) -> float | str:
        return _sort(self.total.value)

    @property
    def index_sort(self) -> float | str:
        return _sort(self.index.value)

    @property
    def band_sort(self) -> float | str:
        return _sort(self.band.order if self.band else None)

    @property
    def change_sort(self) -> float | str:
        return _sort(self.index_change)


@dataclass(frozen=True)
class Stat:
    """A group or year statistic with the agencies it names (highest, lowest)."""

    label: str
    value: Value
    units: tuple[Ref, ...] = ()
    kind: str = "pct"  # "pct" | "count" | "points"


@dataclass(frozen=True, kw_only=True)
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
    members: int = 0  # every member, printed or not (more than n: the table prints some)
    published: str = ""  # "10 trên 63 tỉnh, thành phố được công bố" where the table is partial
    withheld: str = ""  # why the statistics that need every member are not shown
    change_text: str = ""  # the mean's change as the page says it ("giảm 1,91% …")

    @property
    def partial(self) -> bool:
        """The table prints only some members: no statistic that needs them all, except as the
        source prints it."""
        return self.members > self.n

    @property
    def shows_band_counts(self) -> bool:
        return not self.partial or any(v.value is not None for _, v in self.band_counts)


@dataclass(frozen=True, kw_only=True)
class FieldRow:
    """One agency's score in one field."""

    unit: Ref
    field: Ref
    score: float | None
    max_score: float | None
    pct: float | None
    # dataclasses.field: `field` is a field of this class (to mypy, a Ref from here on)
    group_mean: Value = dataclasses.field(default_factory=lambda: Value(None))

    @property
    def score_sort(self) -> float | str:
        return _sort(self.score)

    @property
    def max_score_sort(self) -> float | str:
        return _sort(self.max_score)

    @property
    def pct_sort(self) -> float | str:
        return _sort(self.pct)


@dataclass(frozen=True, kw_only=True)
class Innovation:
    id: str  # anchor on the innovations pages
    year: int
    unit: Ref
    title: str
    summary: str | None
    field: Ref | None
    url: str | None
    source: Source | None


@dataclass(frozen=True, kw_only=True)
class Indicator:
    year: int
    name: str
    value: float
    unit: str | None
    note: str | None
    source: Source | None


def cited(items: list[Indicator]) -> list[Source]:
    """The sources of a table's rows, each once, in order: a table cites them once."""
    return list(dict.fromkeys(i.source for i in items if i.source is not None))


# ---- Pages ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pagination:
    """Where a page split in parts (`pages/parts.py`) is among them, with the whole table as a
    download: what the pagination nav shows."""

    number: int  # from 1
    count: int
    previous: str | None  # the URLs of the parts around it
    next: str | None
    download: str  # the whole table (CSV)

    @property
    def label(self) -> str:
        return t("Trang {n} trên {count}", n=self.number, count=self.count)


@dataclass(frozen=True, kw_only=True)
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
    pagination: Pagination | None = None  # one part of a page split in parts

    SHARES_CHART: ClassVar[bool] = False  # a link to the page shows its first chart

    def chart_svg(self, chart: Chart) -> str:
        return chart_url(self.url, chart.name, "svg")

    @property
    def share_chart(self) -> Chart | None:
        """The chart a shared link to the page shows (drawn as PNG too), if any: a year's and
        a ranking's, not every agency's (ten thousand PNGs at national size)."""
        return self.charts[0] if self.SHARES_CHART and self.charts else None

    @property
    def share_image(self) -> str:
        """The picture of a shared link to the page (Open Graph): its chart as PNG; "" for the
        site's card."""
        chart = self.share_chart
        return chart_url(self.url, chart.name, "png") if chart else ""

    def chart_csv(self, chart: Chart) -> str:
        """The numbers the chart draws."""
        return chart_url(self.url, chart.name, "csv")

    def chart_embed(self, chart: Chart) -> str:
        """The chart alone, for an iframe elsewhere (`embeds`)."""
        return embed_url(self.url, chart.name)


@dataclass(frozen=True, kw_only=True)
class GroupCard:
    group: Ref
    n: int
    mean: Value
    top: list[ScoreRow]  # the first three by a rank of record with a known index (none inferred)
    published: str = ""  # "10 trên 63 … được công bố" where the table prints some members
    highest: Stat | None = None  # where no rank of record is known: the group's highest


@dataclass(frozen=True, kw_only=True)
class HomePage(Page):
    SHARES_CHART: ClassVar[bool] = True  # its trend, where there are years to draw
    year: int | None
    year_url: str  # the year's overview ("" without a year)
    has_fields: bool = False  # the year has field scores (its overview shows fields)
    stats: GroupStats | None
    groups: list[GroupCard]
    bands: list[Band]
    trend: list[TrendPoint] = field(default_factory=list)  # every agency's mean by year


@dataclass(frozen=True, kw_only=True)
class FieldOverview:
    field: Ref
    mean: Value
    group_means: list[Value]  # in the order of YearPage.groups
    mean_change: Value = dataclasses.field(default_factory=lambda: Value(None))  # (as FieldRow)


@dataclass(frozen=True, kw_only=True)
class YearPage(Page):
    SHARES_CHART: ClassVar[bool] = True
    year: int
    stats: GroupStats
    groups: list[GroupStats]
    bands: list[Band]
    fields: list[FieldOverview]
    indicators: list[Indicator]
    innovations: int
    innovations_url: str
    csv_url: str  # the year's results
    json_url: str
    year_links: list[NavLink]  # every year, this one current; none when there is one year
    trend: list[TrendPoint] = field(default_factory=list)  # each group's mean by year
    later: list[str] = field(default_factory=list)  # what became of the year's agencies
    report_url: str = ""  # the year's report written from the data, where it has one


@dataclass(frozen=True, kw_only=True)
class RankingPage(Page):
    SHARES_CHART: ClassVar[bool] = True
    year: int
    group: Ref
    components: list[Ref]
    columns: list[str]  # optional columns that have a value: max_score, components (when more
    # than one: a single one is the total), total, change
    rows: list[ScoreRow]
    stats: GroupStats
    inferred: bool  # some ranks are inferred, not printed (each row's note says how)
    notice: str  # what the source does not publish of this group, said once at the top
    bands: list[Band]
    fields: list[Ref]
    csv_url: str  # the year's results
    compare: NavLink | None = None  # the compare page with the group's first agencies chosen

    @property
    def inferred_notes(self) -> list[int]:
        """The footnotes of the rows whose rank is inferred: the data's own account of how."""
        return sorted({r.note for r in self.rows if r.rank_inferred and r.note})


@dataclass(frozen=True, kw_only=True)
class FieldGroup:
    group: Ref
    max_score: float | None
    rows: list[FieldRow]  # all of the group's agencies, or only its ends when it is large
    ends: int  # rows shown at each end of a large group (highest, lowest); 0: all are shown
    by_pct: bool  # the rows are in order of percentage (else of score: no maximum is known)
    stats: GroupStats
    total: int  # agencies of the group with a score in the field


@dataclass(frozen=True, kw_only=True)
class FieldPage(Page):
    year: int
    field: Ref
    mean: Value
    groups: list[FieldGroup]
    other_fields: list[Ref]
    csv_url: str  # every agency's score in every field of the year


@dataclass(frozen=True, kw_only=True)
class PeerRow:
    """One line of a profile's table beside its group: the index or a field, the agency's own
    value, the group's mean and its highest (with the agencies that have it)."""

    label: str
    kind: str  # "index" (as the index is shown) | "pct" (a field's percentage)
    own: Value
    mean: Value
    best: Stat
    url: str = ""  # the page of the whole table (the ranking, the field)


@dataclass(frozen=True, kw_only=True)
class Peers:
    """An agency beside its group in its latest year: a small static table, for readers
    without JavaScript too (the compare page needs it)."""

    year: int
    group: Ref
    caption: str
    rows: list[PeerRow]


@dataclass(frozen=True, kw_only=True)
class UnitYear:
    row: ScoreRow
    ranking_url: str


@dataclass(frozen=True, kw_only=True)
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
    peers: Peers | None = None
    compare: NavLink | None = None  # the compare page with this agency chosen

    @property
    def latest_row(self) -> ScoreRow | None:
        return self.latest.row if self.latest else None

    @property
    def latest_components(self) -> list[tuple[Ref, float | None]]:
        """The latest year's component scores with their components; none when there is one
        component (its score is the total, shown once)."""
        row = self.latest_row
        if row is None or len(self.components) < 2:
            return []
        return list(zip(self.components, row.components, strict=True))

    @property
    def history_newest_first(self) -> list[UnitYear]:
        return self.history[::-1]

    @property
    def fields_chart(self) -> Chart | None:
        return self._chart("unit_fields")

    @property
    def history_chart(self) -> Chart | None:
        return self._chart("unit_history")

    def _chart(self, kind: str) -> Chart | None:
        return next((c for c in self.charts if c.kind == kind), None)


@dataclass(frozen=True, kw_only=True)
class DirectoryEntry:
    unit: Ref
    group: Ref
    latest: ScoreRow | None
    active: str

    @property
    def index_sort(self) -> float | str:
        return self.latest.index_sort if self.latest else ""

    @property
    def rank_sort(self) -> float | str:
        return self.latest.rank_sort if self.latest else ""

    @property
    def band_sort(self) -> float | str:
        return self.latest.band_sort if self.latest else ""


class GroupEntries(NamedTuple):
    group: Ref
    entries: list[DirectoryEntry]


@dataclass(frozen=True, kw_only=True)
class DirectoryPage(Page):
    entries: list[DirectoryEntry]
    by_group: list[GroupEntries]  # every group, in order, with its agencies (maybe none)


class YearInnovations(NamedTuple):
    year: int
    items: list[Innovation]

    @property
    def n(self) -> int:
        return len(self.items)


class UnitInnovations(NamedTuple):
    unit: Ref
    items: list[Innovation]

    @property
    def n(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class YearCount:
    """How many innovations a year has, and the page listing them."""

    year: int
    url: str
    n: int


@dataclass(frozen=True, kw_only=True)
class InnovationsPage(Page):
    year: int | None
    items: list[Innovation]
    by_year: list[YearInnovations]
    by_unit: list[UnitInnovations]
    by_field: list[tuple[Ref, list[Innovation]]]
    no_field: int
    all_link: NavLink | None  # the page of every year, first of the years' links; None: no links
    year_links: list[NavLink]
    counts: list[YearCount]  # latest first
    listed: bool  # False: too many to list on one page; only `counts`


@dataclass(frozen=True)
class Download:
    url: str
    label: str
    format: str
    description: str = ""
    size: int | None = None  # bytes, once the file is written


@dataclass(frozen=True, kw_only=True)
class DownloadsPage(Page):
    years: list[tuple[int, list[tuple[str, list[Download]]]]]  # year, (content, formats)
    package: list[Download]
    package_zip: Download
    title_package: str
    templates: list[Download]  # an empty table (header row only) per table, for editors

    def with_sizes(self, size: Callable[[str], int | None]) -> DownloadsPage:
        """The page with each file's size, `size(url)`, known once the files are written."""
        def sized(d: Download) -> Download:
            return dataclasses.replace(d, size=size(d.url))
        return dataclasses.replace(
            self, years=[(y, [(label, [sized(d) for d in ds]) for label, ds in files])
                         for y, files in self.years],
            package=[sized(d) for d in self.package], package_zip=sized(self.package_zip),
            templates=[sized(d) for d in self.templates])


@dataclass(frozen=True)
class YearSummary:
    year: int
    url: str  # the year's overview
    n: int  # agencies
    mean: Value
    published: str = ""  # "10 trên 63 … được công bố" where the year's table is partial


@dataclass(frozen=True, kw_only=True)
class YearsPage(Page):
    years: list[YearSummary]  # latest first
    indicators: list[Indicator]  # the province's own figures, every year (also without scores)


@dataclass(frozen=True, kw_only=True)
class AuditRow:
    """A difference as the reconciliation page lists it (`compare.Difference`)."""

    year: int | None  # None: not of a year (an agency's name in the register)
    subject: str
    what: str
    published: str  # as the source prints it
    comparison: str  # "tính lại 14,78", "trùng với …", "danh mục ghi …"
    location: str  # where in the source document
    note: str
    data_row: str  # the data file and row: "2023/published_stats.csv, dòng 13"


@dataclass(frozen=True, kw_only=True)
class AuditGroup:
    severity: str  # "serious", "notice", "rounding"
    heading: str
    rows: list[AuditRow]  # the first AUDIT_LISTED
    total: int  # differences of this severity, listed or not

    @property
    def unlisted(self) -> int:
        return self.total - len(self.rows)


@dataclass(frozen=True, kw_only=True)
class AuditPage(Page):
    groups: list[AuditGroup]  # serious first
    unverifiable: int  # published statistics the data cannot check


@dataclass(frozen=True)
class BandPeriod:
    years: str  # "từ năm 2023", "2019–2022"
    bands: list[Band]


@dataclass(frozen=True, kw_only=True)
class MethodPage(Page):
    formula: str
    components: list[Ref]  # none when there is one (the formula names it)
    groups: list[Ref]  # with the URL of their latest ranking, if any
    fields: list[Ref]  # with the URL of their latest page, if any
    band_periods: list[BandPeriod]


# ---- The year's report (`report`) -------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A piece of a report's sentence: text, or a number as the sentence prints it with the page
    it comes from (`url`), its footnote, and a short note beside it (`aside`: "văn bản nguồn in
    6,76", "theo văn bản nguồn", "suy ra")."""

    text: str
    url: str = ""
    note: int | None = None
    aside: str = ""

    @property
    def plain(self) -> str:
        """As plain text (a Word document, a test): the note beside it in brackets."""
        return f"{self.text} ({self.aside})" if self.aside else self.text


@dataclass(frozen=True)
class Paragraph:
    """A sentence or a few, as spans."""

    spans: tuple[Span, ...]

    @property
    def text(self) -> str:
        return "".join(s.plain for s in self.spans)


@dataclass(frozen=True)
class ReportTable:
    """A table of the report (a group's agencies): a caption, column titles and rows of cells;
    `numeric`: the columns holding numbers (aligned right); `names`: the column naming each
    row."""

    id: str
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[Span, ...], ...]
    numeric: frozenset[int] = frozenset()
    names: int = 0


@dataclass(frozen=True)
class ReportSection:
    """A heading (`level` 2 or 3) with its paragraphs, then a list (`items`: the innovations)
    or a table, if any."""

    id: str
    heading: str
    level: int
    paragraphs: tuple[Paragraph, ...] = ()
    table: ReportTable | None = None
    items: tuple[Paragraph, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ReportPage(Page):
    """The analytic sections of the year's report, written from the data; `docx_url`: the same
    report as a Word document, written from this model."""

    year: int
    sections: list[ReportSection]
    docx_url: str
    year_url: str
    publisher: str = ""  # who the data says publishes it (the document's author)


class CompareChoice(NamedTuple):
    """The agencies of a group one may choose on the compare page."""

    group: Ref
    units: list[Ref]


@dataclass(frozen=True, kw_only=True)
class ComparePage(Page):
    """`so-sanh/`: two to four agencies side by side, drawn in the browser (js/compare.js)
    from their API documents (`api_unit`, `{unit_id}` filled in), nothing computed again."""

    choices: list[CompareChoice]  # by group, in the groups' order
    years: list[int]  # latest first
    most: int  # agencies at most
    param: str  # the address's parameter naming them (`?don-vi=a,b`)
    year_param: str
    api_unit: str  # the pattern of an agency's document
    fallback: str  # what the page says where the script does not run
    options_url: str = ""  # where the choice is, when the page does not list it (`options`)


@dataclass(frozen=True, kw_only=True)
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
    method: MethodPage
    audit: AuditPage
    compare: ComparePage
    reports: list[ReportPage] = field(default_factory=list)

    def pages(self) -> list[Page]:
        return [self.home, self.years_index, *self.years, *self.reports, *self.rankings,
                *self.fields, self.directory, *self.units, *self.innovations, self.downloads,
                self.method, self.audit, self.compare]


HOME = Ref("", t("Trang chủ"), HOME_URL)
YEARS = Ref("chi-so", t("Chỉ số CCHC"), YEARS_URL)
DIRECTORY = Ref("don-vi", t("Cơ quan, đơn vị"), DIRECTORY_URL)
INNOVATIONS = Ref("sang-kien", t("Sáng kiến"), innovations_url())
