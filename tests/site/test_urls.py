"""Every URL of the site is made by parindex/site/urls.py; templates write none.

Templates put the site's root in front of a site-relative URL (`{{ SITEURL }}/{{ x.url }}`), so a
URL never begins with "/"; a page's URL is a directory ("chi-so/2023/"), a file's ends with its
name.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import fields
from pathlib import Path

import pytest

from parindex.site import urls

TEMPLATES = Path(__file__).resolve().parents[2] / "theme" / "templates"

PAGES = {  # every function making a page's URL, with arguments
    urls.year_url: (2023,), urls.group_url: (2023, "huyen"), urls.field_url: (2023, "f1"),
    urls.unit_url: ("ubnd-huyen-my-xuyen",), urls.innovations_url: (2023,),
    urls.embed_url: ("chi-so/2023/huyen/", "chi-so"), urls.report_url: (2023,),
    urls.compare_url: (), urls.part_url: ("chi-so/2023/huyen/", 2),
    urls.row_url: ("don-vi/", 900), urls.whole_url: ("don-vi/trang-3/",),
}
FILES = {  # every function making a file's URL
    urls.results_url: (2023, "xlsx"), urls.field_results_url: (2023, "json"),
    urls.chart_url: ("chi-so/2023/huyen/", "chi-so", "svg"), urls.report_file_url: (2023, "docx"),
    urls.innovations_csv_url: (2023,),
}
API = {  # every function making an endpoint's path (a file), with arguments
    urls.api_years_url: (2023,), urls.api_group_url: (2023, "huyen"),
    urls.api_field_url: (2023, "f1"), urls.api_unit_url: ("ubnd-huyen-my-xuyen",),
    urls.api_innovations_url: (2023,), urls.api_schema_url: ("agency",),
}
# the editions: below
LANGUAGES = {urls.localized, urls.in_edition, urls.source_url, urls.alternates}


def test_a_page_of_the_english_edition_is_under_en_and_anything_else_as_it_is():
    edition = {"", "don-vi/x/"}
    assert urls.localized("don-vi/x/", "en", edition) == "en/don-vi/x/"
    assert urls.localized("", "en", edition) == "en/"
    assert urls.localized("du-lieu/doi-chieu/", "en", edition) == "du-lieu/doi-chieu/"
    assert urls.localized("don-vi/x/", "vi", edition) == "don-vi/x/"
    assert urls.source_url("en/don-vi/x/index.html", ("vi", "en")) == "don-vi/x/index.html"
    assert urls.source_url("don-vi/x/index.html", ("vi", "en")) == "don-vi/x/index.html"
    assert urls.alternates("don-vi/x/", ("vi", "en")) == [
        ("vi", "don-vi/x/"), ("en", "en/don-vi/x/"), ("x-default", "don-vi/x/")]


def test_a_long_page_is_in_parts_that_its_rows_link_to_and_the_other_editions_have():
    assert urls.part_url("don-vi/", 1) == "don-vi/" and urls.whole_url("don-vi/") == "don-vi/"
    assert urls.part_url("don-vi/", 2) == "don-vi/trang-2/"
    assert urls.whole_url("don-vi/trang-2/") == "don-vi/"
    assert urls.row_url("sang-kien/2023/", urls.PART_ROWS - 1) == "sang-kien/2023/"
    assert urls.row_url("sang-kien/2023/", urls.PART_ROWS) == "sang-kien/2023/trang-2/"
    assert urls.localized("don-vi/trang-2/", "en", {"don-vi/"}) == "en/don-vi/trang-2/"
    assert urls.localized("du-lieu/doi-chieu/trang-2/", "en", {"don-vi/"}) == \
        "du-lieu/doi-chieu/trang-2/"


def _directory_style(url: str) -> bool:
    return not url.startswith("/") and "//" not in url and (url == "" or url.endswith("/"))


def test_every_url_function_is_checked_here():
    made_here = {f for _, f in inspect.getmembers(urls, inspect.isfunction)
                 if f.__module__ == urls.__name__}
    assert made_here == set(PAGES) | set(FILES) | set(API) | set(LANGUAGES) | {urls.links}


@pytest.mark.parametrize("make", PAGES, ids=lambda f: f.__name__)
def test_a_page_url_is_a_relative_directory(make):
    url = make(*PAGES[make])
    assert url and _directory_style(url), url
    assert url.isascii() and " " not in url


def test_innovations_of_every_year_have_their_own_directory():
    assert urls.innovations_url() == "sang-kien/"


@pytest.mark.parametrize("make", FILES, ids=lambda f: f.__name__)
def test_a_file_url_is_relative_and_ends_with_its_name(make):
    args = FILES[make]
    url = make(*args)
    assert not url.startswith("/") and "//" not in url and url.isascii()
    assert url.endswith("." + args[-1] if isinstance(args[-1], str) else ".csv")


@pytest.mark.parametrize("make", API, ids=lambda f: f.__name__)
def test_an_endpoint_is_a_json_file_under_the_versioned_root(make):
    made = [make(*API[make])]
    if make in (urls.api_years_url, urls.api_unit_url, urls.api_innovations_url):
        made.append(make())  # without an argument: the list of them all
    for url in made:
        assert url.startswith(urls.API_ROOT) and url.endswith(".json"), url
        assert url.isascii() and "//" not in url and " " not in url


def test_the_compare_page_restores_its_agencies_from_its_address():
    assert urls.compare_url() == "so-sanh/"
    assert urls.compare_url(["a", "b"]) == "so-sanh/?don-vi=a,b"
    assert urls.compare_url(list("abcdef")) == "so-sanh/?don-vi=a,b,c,d"  # four at most


def test_an_embed_page_is_under_its_own_folder_mirroring_the_chart_page():
    assert urls.embed_url("chi-so/2023/huyen/", "chi-so") == "nhung/chi-so/2023/huyen/chi-so/"
    assert urls.api_unit_url("x") == "api/v1/agencies/x.json"
    assert urls.api_unit_url() == "api/v1/agencies.json"


def test_the_fixed_links_are_relative_directories_or_files():
    for f in fields(urls.Links):
        link = getattr(urls.LINKS, f.name)
        if f.name == "menu":
            assert [m.url for m in link] and all(_directory_style(m.url) for m in link)
        elif f.name in ("bands_css", "share_image"):
            assert not link.startswith("/") and link.endswith((".css", ".png"))
        else:
            assert _directory_style(link), (f.name, link)
    for name in ("PACKAGE_DIR", "TEMPLATES_DIR"):
        assert _directory_style(getattr(urls, name))
    assert urls.PACKAGE_ZIP.endswith(".zip") and not urls.PACKAGE_ZIP.startswith("/")


def test_a_site_links_only_the_sections_it_has():
    full = urls.links({urls.ABOUT_URL}, innovations=True, news=True)
    assert full == urls.LINKS
    bare = urls.links(set(), innovations=False, news=False)
    assert [m.label for m in bare.menu] == ["Trang chủ", "Chỉ số", "Đơn vị", "Dữ liệu",
                                            "Phương pháp"]  # a data page: always there
    assert (bare.about, bare.innovations, bare.news) == ("", "", "")
    assert bare.search == urls.SEARCH_URL and bare.downloads == urls.DOWNLOADS_URL


def _templates() -> dict[str, str]:
    found = {p.name: p.read_text(encoding="utf-8") for p in sorted(TEMPLATES.glob("*.html"))}
    assert "base.html" in found and "ranking.html" in found
    return found


def test_no_template_spells_a_url():
    # data pages take their URLs from their models; Pelican's own templates (base.html,
    # article.html) from the Jinja global `links` (urls.LINKS)
    spelled = {(name, m.group(1)) for name, text in _templates().items()
               for m in re.finditer(r"SITEURL \}\}/([A-Za-z][^\"'\s]*)", text)}
    assert not spelled, sorted(spelled)


def test_no_template_holds_a_url_as_a_string():
    literal = re.compile(r"""['"]([a-z0-9-]+/)+['"]""")  # 'don-vi/' in a Jinja list, say
    found = {name: literal.findall(text) for name, text in _templates().items()}
    assert not {name for name, hits in found.items() if hits}, found


def test_the_inferred_mark_is_written_in_one_place():
    # the plugin's inferred() global (and the band filter) writes it, with its title
    assert {name for name, text in _templates().items() if 'class="inferred"' in text} == set()
