"""Charts others can embed (parindex/site/embeds.py): an embed page per chart, made from the
page model that shows it, and the iframe snippet to copy."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from parindex.site import embeds, narrative, site


@pytest.fixture(scope="module")
def pages(real):
    return site(real).pages()


def test_every_chart_of_every_page_has_its_embed_page(pages):
    charted = [p for p in pages if p.charts]
    assert charted
    for page in charted:
        made = embeds.embed_pages(page)
        assert [e.chart for e in made] == page.charts
        for e, chart in zip(made, page.charts, strict=True):
            assert e.url == f"nhung/{page.url}{chart.name}/" == page.chart_embed(chart)
            assert e.template == "embed" and e.title == chart.title
            assert e.svg_url == page.chart_svg(chart) and e.csv_url == page.chart_csv(chart)
            assert (e.origin.url, e.origin.name) == (page.url, page.title)
            assert e.sources == page.sources and e.citations
    assert all(embeds.embed_pages(p) == [] for p in pages if not p.charts)


def test_the_embeds_text_alternative_points_to_its_own_data_not_to_a_table_below(pages):
    for page in pages:
        for e in embeds.embed_pages(page):
            assert narrative.TABLE_BELOW not in e.alt
            assert e.alt.endswith(embeds.DATA_BELOW)
            assert e.alt.startswith(e.chart.alt.removesuffix(narrative.TABLE_BELOW).rstrip())


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_the_snippet_is_one_iframe_whatever_the_title_holds():
    title = 'Nhóm "A" <script>alert(1)</script> & co'
    parser = _Tags()
    parser.feed(embeds.snippet("https://cchc.example.gov.vn/nhung/chi-so/2023/a/chi-so/", title))
    assert parser.tags == [("iframe", {
        "src": "https://cchc.example.gov.vn/nhung/chi-so/2023/a/chi-so/", "title": title,
        "width": "100%", "height": str(embeds.HEIGHT), "loading": "lazy",
        "style": "border: 0; max-width: 720px"})]
