"""Jinja filters and globals for the theme: numbers as printed (`parindex.fmt`) and the table
cells (a value with its footnote, a band, a link to an agency), installed on the generators'
environment by the plugin (`install`).

Filters rather than Jinja macros: a macro call per cell was a third of the time of rendering a
page of tables. Each returns the same markup the macro did.
"""

from __future__ import annotations

from functools import lru_cache, partial

from jinja2 import Environment, pass_context
from markupsafe import Markup
from markupsafe import escape as esc

from parindex import fmt, text
from parindex.data.portal import Scale
from parindex.site import embeds, models, narrative, urls

NO_HTML = Markup("")
MISSING_HTML = Markup('<span class="missing">chưa có số liệu</span>')
INFERRED_HTML = (' <span class="inferred" title="suy ra, không in trong văn bản nguồn">'
                 "(suy ra)</span>")


def missing() -> Markup:
    return MISSING_HTML


def inferred(label: str = "suy ra") -> Markup:
    """The one mark of a value read from the source but not printed in it."""
    return Markup(f' <span class="inferred" title="suy ra, không in trong văn bản nguồn">'
                  f"({esc(label)})</span>")


def number(x: float | None, kind: str = "pct", percent: bool = True) -> Markup:
    """A number as printed: `pct` (83,84%), `count` (12 or 1,50), `index` (as `pct` on a
    percentage scale, else as `points`), else `points` (83,84)."""
    if x is None:
        return MISSING_HTML
    if kind == "index":
        kind = "pct" if percent else "points"
    # fmt writes digits, separators, signs and letters: nothing to escape
    return Markup(fmt.pct(x) if kind == "pct" else fmt.auto(x) if kind == "count"
                  else fmt.num(x))


def footnote(n: int | None) -> Markup:
    if not n:
        return NO_HTML
    n = esc(n)
    return Markup(f'<sup class="fn"><a href="#ghi-chu-{n}" aria-label="ghi chú {n}">{n}</a></sup>')


def value(v: models.Value, kind: str = "pct", percent: bool = True, suffix: str = "") -> Markup:
    """A value and the number of its footnote; a value inferred by arithmetic marked so; where
    the source printed another, the short note beside it ("văn bản nguồn in 6,76"), which
    carries the footnote."""
    shown = number(v.value, kind, percent)
    if v.value is not None and suffix:  # a unit after the number ("14,78 điểm %")
        shown += esc(suffix)
    if v.origin == "inferred":
        shown += Markup(INFERRED_HTML)
    if v.printed:
        return shown + Markup(f' <span class="source-printed">({esc(v.printed)}'
                              f"{footnote(v.note)})</span>")
    return shown + footnote(v.note) if v.note else shown


@lru_cache(maxsize=256)  # a handful of bands, on every row of every table
def band(b: models.Band | None, inferred: bool = False) -> Markup:
    if not b:
        return MISSING_HTML
    html = (f'<span class="band {esc(b.css)}"><span class="swatch" aria-hidden="true"></span>'
            f"{esc(b.name)}</span>")
    if inferred:
        html += INFERRED_HTML
    return Markup(html)


@pass_context
def unit_link(context, u: models.Ref) -> Markup:
    return Markup(f'<a href="{esc(context.get("SITEURL", ""))}/{esc(u.url)}">{esc(u.name)}</a>')


def name(ref: models.Ref) -> Markup:
    """A name, and its short name where it has one: the short one is shown where space is
    tight (css: .short-name on a phone), the full one elsewhere."""
    if not ref.short_name or ref.short_name == ref.name:
        return Markup(esc(ref.name))
    return Markup(f'<span class="long-name">{esc(ref.name)}</span>'
                  f'<span class="short-name">{esc(ref.short_name)}</span>')


@pass_context
def unit_links(context, units: list[models.Ref]) -> Markup:
    return Markup(", ").join(unit_link(context, u) for u in units)


@pass_context
def absolute(context, url: str) -> str:
    """A site-relative URL as another site must write it: under SITEURL where the build has
    absolute URLs, else from the root of the host ("/nhung/…")."""
    root = "" if context.get("RELATIVE_URLS") else context.get("SITEURL", "")
    return f"{root}/{url}"


@pass_context
def embed_code(context, page: models.Page, chart: models.Chart) -> str:
    """The iframe snippet of a chart's embed page (text: the template escapes it)."""
    return embeds.snippet(absolute(context, page.chart_embed(chart)), chart.title)


def capitalize_first(text: str) -> str:
    """A sentence's first letter in upper case, the rest as written (Jinja's `capitalize`
    lowers the rest)."""
    return text[:1].upper() + text[1:]


FILTERS = {"capitalize_first": capitalize_first, "num": fmt.num, "pct": fmt.pct,
           "integer": fmt.integer, "signed": fmt.signed, "auto": fmt.auto,
           "filesize": fmt.file_size, "change": narrative.change, "fold": text.fold,
           "number": number, "value": value, "fn": footnote, "band": band, "name": name,
           "cited": models.cited, "unit_link": unit_link, "unit_links": unit_links,
           "absolute": absolute, "embed_code": embed_code}
GLOBALS = {"missing": missing, "inferred": inferred,
           "links": urls.LINKS}  # the site's fixed links, for Pelican's own templates too


def install(env: Environment, scale: Scale | None = None) -> None:
    """Give `env` every filter and global the templates use, an index shown on `scale`."""
    scale = scale or Scale()
    env.filters.update(FILTERS)
    env.globals.update(GLOBALS, SCALE=scale)
    if not scale.percent:
        env.filters.update(number=partial(number, percent=False),
                           value=partial(value, percent=False))
