"""The site's URLs (contract: stable, directory style, Vietnamese), site-relative: templates
put the site's root in front. Every page, download and chart URL is made here; templates write
none (tests/site/test_urls.py).

A page's URL ends with "/" (it is written at `url + "index.html"`), a file's with its name; none
begins with "/". The site's fixed links (menu, footer, search, assets) are `LINKS`: every data
page model carries it (`Page.links`), and Pelican's own templates get it as a Jinja global.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from ..i18n import HREFLANG, SOURCE, t

# ---- Fixed pages and files --------------------------------------------------------------------

HOME_URL = ""
YEARS_URL = "chi-so/"
DIRECTORY_URL = "don-vi/"
DOWNLOADS_URL = "du-lieu/"
SEARCH_URL = "tim-kiem/"
NEWS_URL = "tin-tuc/"  # Pelican's news list (INDEX_URL in pelicanconf.py)
METHOD_URL = "phuong-phap/"  # editors' pages (content/pages)
ABOUT_URL = "gioi-thieu/"
PAGEFIND_DIR = "pagefind/"  # the search index and its UI, written by Pagefind after the build
BANDS_CSS = "css/bands.css"  # the band colours, generated from bands.csv
SHARE_IMAGE = "anh-chia-se.png"  # the site's card: the picture of a shared link (charts.share_card)

AUDIT_URL = "du-lieu/doi-chieu/"  # every difference between the source and the data
PACKAGE_DIR = "du-lieu/goi-du-lieu/"
UNITS_CSV = PACKAGE_DIR + "units.csv"  # the package's table of every agency: the whole directory
PACKAGE_ZIP = "du-lieu/chi-so-cchc-du-lieu.zip"
TEMPLATES_DIR = "du-lieu/mau/"
API_DOCS_URL = "du-lieu/api/"  # the API's documentation page


# ---- Pages and files of the data --------------------------------------------------------------


def year_url(year: int) -> str:
    return f"{YEARS_URL}{year}/"


def group_url(year: int, group_id: str) -> str:
    return f"{YEARS_URL}{year}/{group_id}/"


def field_url(year: int, field_id: str) -> str:
    return f"{YEARS_URL}{year}/linh-vuc/{field_id}/"


def report_url(year: int) -> str:
    """The year's report written from the data."""
    return f"{YEARS_URL}{year}/bao-cao/"


def report_file_url(year: int, ext: str) -> str:
    """The same report as a file beside its page: `docx`, a Word document."""
    return f"{report_url(year)}bao-cao-{year}.{ext}"


PART_DIR = "trang-{n}/"  # page n (from 2) of a page split in parts (`pages/parts.py`)
PART_ROWS = 400  # rows of a part: about 300 KB of HTML for a ranking (750 bytes a row)


def part_url(url: str, n: int) -> str:
    """Part `n` of the page at `url`: the page itself for the first, `…/trang-<n>/` after."""
    return url if n == 1 else url + PART_DIR.format(n=n)


def row_url(url: str, index: int) -> str:
    """The part of the page at `url` that shows its row `index` (from 0)."""
    return part_url(url, index // PART_ROWS + 1)


def whole_url(url: str) -> str:
    """The page that `url`, maybe one of its parts, is part of."""
    head, sep, tail = url.rstrip("/").rpartition("/trang-")
    return head + "/" if sep and tail.isdigit() else url


def unit_url(unit_id: str) -> str:
    return f"{DIRECTORY_URL}{unit_id}/"


COMPARE_URL = "so-sanh/"
COMPARE_PARAM = "don-vi"  # ?don-vi=a,b: the agencies compared, by unit_id (stable ids)
COMPARE_YEAR_PARAM = "nam"  # ?nam=2023: the year compared (default: the latest they have)
COMPARE_MAX = 4  # agencies side by side, at most
COMPARE_OPTIONS_URL = COMPARE_URL + "don-vi.json"  # the choice, when too long for the page
COMPARE_INLINE = 2000  # agencies the page lists itself; more are in COMPARE_OPTIONS_URL


def compare_url(unit_ids: Sequence[str] = ()) -> str:
    """The compare page, with `unit_ids` chosen (`?don-vi=a,b`): a link that restores them."""
    ids = ",".join(unit_ids[:COMPARE_MAX])
    return f"{COMPARE_URL}?{COMPARE_PARAM}={ids}" if ids else COMPARE_URL


def innovations_url(year: int | None = None) -> str:
    return "sang-kien/" if year is None else f"sang-kien/{year}/"


def innovations_csv_url(year: int) -> str:
    """A year's innovations as the data package has them (a CSV)."""
    return f"{PACKAGE_DIR}{year}/innovations.csv"


def results_url(year: int, ext: str) -> str:
    """A year's results as `csv` or `json`; as `xlsx`, with its field scores too."""
    return f"{DOWNLOADS_URL}{year}/ket-qua.{ext}"


def field_results_url(year: int, ext: str) -> str:
    return f"{DOWNLOADS_URL}{year}/linh-vuc.{ext}"


def chart_url(page_url: str, name: str, ext: str) -> str:
    """A chart's file (`svg`, or `csv`: the numbers drawn), next to its page."""
    return f"{page_url}{name}.{ext}"


def embed_url(page_url: str, name: str) -> str:
    """A chart's embed page (the chart alone, for an iframe elsewhere)."""
    return f"nhung/{page_url}{name}/"


# ---- The JSON API (`parindex.site.api`): stable paths, the version in the path --------------
# Each endpoint's path is a pattern (documented in `index.json`); the functions fill it in.

API_ROOT = "api/v1/"
API_INDEX_URL = API_ROOT + "index.json"
API_YEARS = API_ROOT + "years.json"
API_YEAR = API_ROOT + "years/{year}.json"
API_GROUP = API_ROOT + "groups/{year}/{group_id}.json"
API_FIELD = API_ROOT + "fields/{year}/{field_id}.json"
API_UNITS = API_ROOT + "agencies.json"
API_UNIT = API_ROOT + "agencies/{unit_id}.json"
API_INNOVATIONS = API_ROOT + "innovations.json"
API_INNOVATIONS_YEAR = API_ROOT + "innovations/{year}.json"
API_SCHEMA = API_ROOT + "schemas/{kind}.json"


def api_years_url(year: int | None = None) -> str:
    """Every year, or one year's overview."""
    return API_YEARS if year is None else API_YEAR.format(year=year)


def api_group_url(year: int, group_id: str) -> str:
    return API_GROUP.format(year=year, group_id=group_id)


def api_field_url(year: int, field_id: str) -> str:
    return API_FIELD.format(year=year, field_id=field_id)


def api_unit_url(unit_id: str | None = None) -> str:
    """Every agency, or one agency's profile."""
    return API_UNITS if unit_id is None else API_UNIT.format(unit_id=unit_id)


def api_innovations_url(year: int | None = None) -> str:
    return API_INNOVATIONS if year is None else API_INNOVATIONS_YEAR.format(year=year)


def api_schema_url(kind: str) -> str:
    """The JSON Schema of the documents of one kind, published beside them."""
    return API_SCHEMA.format(kind=kind)


# ---- The links of every page ------------------------------------------------------------------


class MenuItem(NamedTuple):
    """An entry of the main menu: `section` is the first folder of the pages it is current on
    ("index.html" for the home page)."""

    section: str
    url: str
    label: str


MENU: tuple[MenuItem, ...] = (
    MenuItem("index.html", HOME_URL, t("Trang chủ")),
    MenuItem("chi-so", YEARS_URL, t("Chỉ số")),
    MenuItem("don-vi", DIRECTORY_URL, t("Đơn vị")),
    MenuItem("sang-kien", innovations_url(), t("Sáng kiến")),
    MenuItem("du-lieu", DOWNLOADS_URL, t("Dữ liệu")),
    MenuItem("phuong-phap", METHOD_URL, t("Phương pháp")),
    MenuItem("tin-tuc", NEWS_URL, t("Tin tức")),
    MenuItem("gioi-thieu", ABOUT_URL, t("Giới thiệu")),
)


@dataclass(frozen=True)
class Links:
    """The site's fixed links, site-relative: `{{ SITEURL }}/{{ links.search }}`."""

    home: str = HOME_URL
    years: str = YEARS_URL
    directory: str = DIRECTORY_URL
    innovations: str = innovations_url()
    downloads: str = DOWNLOADS_URL
    api_docs: str = API_DOCS_URL
    search: str = SEARCH_URL
    news: str = NEWS_URL
    method: str = METHOD_URL
    about: str = ABOUT_URL
    audit: str = AUDIT_URL
    pagefind: str = PAGEFIND_DIR
    bands_css: str = BANDS_CSS
    share_image: str = SHARE_IMAGE
    menu: tuple[MenuItem, ...] = MENU

    @property
    def footer(self) -> list[tuple[str, str]]:
        """(URL, label) of the footer's links before search, those the site has."""
        pairs = [(self.method, t("Phương pháp")), (self.downloads, t("Tải dữ liệu")),
                 (self.about, t("Giới thiệu"))]
        return [(url, label) for url, label in pairs if url]


LINKS = Links()


def links(pages: Collection[str], innovations: bool, news: bool) -> Links:
    """The fixed links of a site whose editors' pages are at `pages` (URLs), with or without
    innovations and news: a province that publishes none gets no empty page linked. An absent
    section's link is "" and it is not in the menu."""
    have = {"about": ABOUT_URL in pages,
            "innovations": innovations, "news": news}
    gone = {getattr(LINKS, k) for k, v in have.items() if not v}
    return replace(LINKS, menu=tuple(m for m in MENU if m.url not in gone),
                   **{k: "" for k, v in have.items() if not v})


# ---- Languages --------------------------------------------------------------------------------
# The Vietnamese site is at the root; another language's edition under its code ("en/"), with
# the pages that edition has (`edition`: their Vietnamese URLs); its links to any other page
# or file go to the Vietnamese one.


def localized(url: str, lang: str, edition: Collection[str]) -> str:
    """`url` (a Vietnamese page or file) in the edition of `lang`, where it has the page."""
    return f"{lang}/{url}" if lang != SOURCE and in_edition(url, edition) else url


def in_edition(url: str, edition: Collection[str]) -> bool:
    """Whether the page at `url` (or the page it is a part of) has the other editions."""
    return url in edition or ("/trang-" in url and whole_url(url) in edition)


def source_url(path: str, languages: Collection[str]) -> str:
    """The Vietnamese URL of a page of any edition (`en/chi-so/` → `chi-so/`)."""
    first, _, rest = path.partition("/")
    return rest if first in languages and first != SOURCE else path


def alternates(url: str, languages: Collection[str]) -> list[tuple[str, str]]:
    """`hreflang` and URL of each edition of the page at the Vietnamese `url`, the Vietnamese
    also as `x-default`."""
    pairs = [(HREFLANG[lang], localized(url, lang, {url})) for lang in languages]
    return [*pairs, ("x-default", url)]
