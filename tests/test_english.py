"""The English edition (`/en/`) of the real site: its pages, their links both ways, numbers in
English, and no Vietnamese of the interface left on them (only the data's own words: names,
titles of documents, notes)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from parindex.data.dataset import load
from parindex.site.pages import TRANSLATED
from tests.conftest import DATA, fixture_site
from tests.htmltree import Node, parse

PROFILE = "don-vi/ubnd-huyen-my-xuyen/"
EN_PAGES = ["", "chi-so/", "chi-so/2023/", "chi-so/2023/huyen/", "chi-so/2023/linh-vuc/the-che/",
            "don-vi/", PROFILE, "sang-kien/", "sang-kien/2023/", "du-lieu/", "phuong-phap/"]
# Letters only Vietnamese writes: a word with one is Vietnamese
VIETNAMESE = re.compile(r"\w*[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
                        r"àáèéìíòóùúýõãĩũ]\w*", re.IGNORECASE)


@pytest.fixture(scope="module")
def out(site) -> Path:
    return site.output


def _page(out: Path, url: str) -> Node:
    return parse(out / url / "index.html")


def _alternates(doc: Node) -> dict[str, str]:
    return {n.attrs["hreflang"]: n.attrs["href"] for n in doc.find_all("link", rel="alternate")
            if n.attrs.get("hreflang")}


def test_the_english_home_page_exists_in_english(out):
    doc = _page(out, "en/")
    assert doc.find("html").attrs["lang"] == "en"
    assert doc.find("h1").text.startswith("Public Administration Reform Index")


def test_the_home_page_links_to_the_english_one_with_hreflang_and_back(out):
    vi, en = _page(out, ""), _page(out, "en/")
    assert _alternates(vi) == {"vi": "./", "en": "./en/", "x-default": "./"}
    assert _alternates(en)["vi"].rstrip("/").endswith("..")
    assert _alternates(en)["x-default"] == _alternates(en)["vi"]
    switch = vi.find("p", cls="language-switch").find("a")
    assert (switch.attrs["hreflang"], switch.text) == ("en", "English")
    back = en.find("p", cls="language-switch").find("a")
    assert (back.attrs["hreflang"], back.text) == ("vi", "Tiếng Việt")


@pytest.mark.parametrize("url", EN_PAGES)
def test_every_page_of_the_edition_has_its_counterpart_both_ways(out, url):
    vi, en = _page(out, url), _page(out, "en/" + url)
    assert "en" in _alternates(vi) and "vi" in _alternates(en)
    assert en.find("html").attrs["lang"] == "en"


def test_pages_without_an_english_one_have_no_hreflang_and_no_switch(out):
    for url in ("du-lieu/doi-chieu/", "tim-kiem/", "tin-tuc/"):
        doc = _page(out, url)
        assert _alternates(doc) == {}
        assert not doc.find_all("p", cls="language-switch")
    assert not (out / "en" / "du-lieu" / "doi-chieu").exists()


def test_an_english_profile_shows_my_xuyens_2023_index_as_83_84(out):
    doc = _page(out, "en/" + PROFILE)
    facts = {d.find("dt").text: d.find("dd").text
             for d in doc.find("dl", cls="facts").find_all("div")}
    assert facts["PAR Index"] == "83.84%"
    assert facts["Rank in group"] == "1/11"
    assert "In 2023, its PAR Index is 83.84%" in doc.find("p", cls="lead").text
    vi = _page(out, PROFILE)
    assert "83,84%" in vi.find("p", cls="lead").text


def test_english_links_stay_in_the_edition_where_it_has_the_page(out):
    doc = _page(out, "en/" + PROFILE)
    menu = [a.attrs["href"] for a in doc.find("nav", id="dieu-huong").find_all("a")]
    assert "../../../en/chi-so/" in menu and "../../../tin-tuc/" in menu  # news: Vietnamese
    crumbs = [a.attrs["href"] for a in doc.find("nav", cls="breadcrumbs").find_all("a")]
    assert crumbs == ["../../../en/", "../../../en/don-vi/"]


def _data_texts() -> list[str]:
    """Every text of the data package (names, titles, notes, …) and of its descriptor: the
    words an English page keeps in Vietnamese."""
    dataset, _ = load(DATA)
    assert dataset is not None
    texts: set[str] = set()
    frames = [dataset.units, dataset.groups, dataset.fields, dataset.bands, dataset.components,
              dataset.sources]
    frames += [t for y in dataset.years.values() for t in y.tables.values()]
    for df in frames:
        for column in df.columns:
            texts |= {str(v) for v in df[column].dropna() if isinstance(v, str)}
    portal = dataset.descriptor.get("portal", {})
    texts |= {v for v in [dataset.descriptor.get("title"), *portal.values()]
              if isinstance(v, str)}
    for name in list(texts):  # aliases are listed in one cell
        texts |= {a.strip() for a in name.split(";")}
    return sorted((t for t in texts if t), key=len, reverse=True)


def _shown(doc: Node) -> list[str]:
    """The texts a reader meets: text nodes (no script) and alternative texts, labels."""
    found = []
    for node in doc.iter():
        if node.tag in ("script", "style", "textarea"):
            continue
        found += [c for c in node.children if isinstance(c, str) and c.strip()]
        found += [node.attrs[a] or "" for a in ("alt", "title", "aria-label")
                  if a in node.attrs and node.tag != "link"]
    return found


@pytest.mark.parametrize("url", EN_PAGES)
def test_english_pages_have_no_vietnamese_but_the_datas_own_words(out, url):
    texts = _data_texts()
    left = []
    for shown in _shown(_page(out, "en/" + url)):
        for t in texts:
            if t in shown:
                shown = shown.replace(t, " ")
        left += VIETNAMESE.findall(shown)
    left = sorted(set(left) - {"Tiếng", "Việt"})  # the switch's own name of Vietnamese
    assert left == []


def test_the_edition_covers_the_data_pages():
    assert TRANSLATED == {"home", "years_index", "years", "rankings", "fields", "directory",
                          "units", "innovations", "downloads", "method"}


def test_an_english_ranking_names_its_group_in_english_where_the_data_does(out):
    assert _page(out, "en/chi-so/2023/huyen/").find("h1").text == \
        "District People's Committees: PAR Index 2023"
    assert _page(out, "chi-so/2023/huyen/").find("h1").text == \
        "UBND cấp huyện: Chỉ số CCHC năm 2023"


def test_a_province_may_build_its_site_in_vietnamese_only(tmp_path):
    """`portal.languages: ["vi"]` in the descriptor: no /en/, no hreflang, no switch; a package
    without any `name_en` column (this fixture's) is valid."""
    from plugins.build import build

    data, content = fixture_site("bands_no_cutoffs", tmp_path, ["tham_dinh", "khao_sat"])
    path = data / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["portal"]["languages"] = ["vi"]
    path.write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    result = build(tmp_path / "output", data=data, content=content, cache=tmp_path / "cache")
    assert not (result.output / "en").exists()
    home = _page(result.output, "")
    assert _alternates(home) == {} and not home.find_all("p", cls="language-switch")


def test_an_editors_page_without_translation_says_so_and_links_to_the_vietnamese(out):
    doc = _page(out, "en/gioi-thieu/")
    assert doc.find("h1").text == "Giới thiệu" and doc.find("h1").attrs["lang"] == "vi"
    link = doc.find("main").find("a", hreflang="vi")
    assert link.attrs["href"] == "../../gioi-thieu/"
    assert "no English translation" in doc.find("main").text
    method = _page(out, "en/phuong-phap/").find("main")
    assert "This explanation has no English translation yet" in method.text
    assert method.find("a", hreflang="vi").attrs["href"] == "../../phuong-phap/"


def test_an_editors_translation_is_the_english_page(tmp_path):
    """`Lang: en` and the page's `Slug:`: written at en/<slug>/ with the English interface;
    the method page's text likewise (`phuong-phap.en.md`)."""
    from plugins.build import build

    data, content = fixture_site("bands_no_cutoffs", tmp_path, ["tham_dinh", "khao_sat"])
    (content / "pages" / "gioi-thieu.en.md").write_text(
        "Title: About\nSlug: gioi-thieu\nLang: en\n\nThe portal of the test province.\n",
        encoding="utf-8")
    (content / "phuong-phap.md").write_text("Title: Phương pháp\n\nCách tính.\n",
                                           encoding="utf-8")
    (content / "phuong-phap.en.md").write_text("Title: Methodology\nLang: en\n\nHow.\n",
                                              encoding="utf-8")
    output = build(tmp_path / "output", data=data, content=content,
                   cache=tmp_path / "cache").output
    about = _page(output, "en/gioi-thieu/")
    assert about.find("h1").text == "About"
    assert "The portal of the test province." in about.find("main").text
    assert about.find("nav", cls="breadcrumbs").find("a").text == "Home"
    assert _alternates(_page(output, "gioi-thieu/"))["en"] == "../en/gioi-thieu/"
    assert not (output / "gioi-thieu-en").exists()
    assert "How." in _page(output, "en/phuong-phap/").find("main").text
    assert "Cách tính." in _page(output, "phuong-phap/").find("main").text
