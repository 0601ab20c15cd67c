"""Charts other sites can embed: each chart of a page has an embed page (`nhung/<page>/<chart>/`)
that is the chart alone, its title, its sources and a link back, for an iframe; the chart's
"Nhúng" button shows the iframe snippet (`snippet`) to copy.

Made from the page model that shows the chart, as the chart's SVG is: nothing is computed again.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from .models import Chart, Page, Ref
from .narrative import TABLE_BELOW

DATA_BELOW = "Số liệu: tệp CSV liên kết bên dưới."
HEIGHT = 560  # px: the iframe's height in the snippet; the chart scales to fit any frame


@dataclass(frozen=True, kw_only=True)
class EmbedPage(Page):
    """One chart alone (`template` "embed": no site header, menu or footer). `origin` is the
    page the chart is on, which the embed links back to."""

    chart: Chart
    origin: Ref
    svg_url: str
    csv_url: str

    @property
    def alt(self) -> str:
        """The chart's text alternative: on its page it points to the table below, here to
        the numbers' file."""
        return self.chart.alt.removesuffix(TABLE_BELOW).rstrip() + " " + DATA_BELOW

    @property
    def citations(self) -> str:
        """The sources as one line: "A; B"."""
        return "; ".join(s.citation for s in self.sources)


def embed_pages(page: Page) -> list[EmbedPage]:
    """The embed page of each chart of `page`."""
    return [EmbedPage(url=page.chart_embed(c), template="embed", title=c.title,
                      sources=page.sources, chart=c,
                      origin=Ref(page.url, page.title, page.url),
                      svg_url=page.chart_svg(c), csv_url=page.chart_csv(c))
            for c in page.charts]


def snippet(url: str, title: str) -> str:
    """The HTML to paste into another site to show the embed page at the absolute `url`."""
    return (f'<iframe src="{escape(url)}" title="{escape(title)}" width="100%" '
            f'height="{HEIGHT}" loading="lazy" style="border: 0; max-width: 720px"></iframe>')
