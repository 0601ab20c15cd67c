"""Jinja filters and globals for the theme: numbers as printed (`parindex.fmt`) and the table
cells (a value with its footnote, a band, a link to an agency), installed on the generators'
environment by the plugin (`install`).

Filters rather than Jinja macros: a macro call per cell was a third of the time of rendering a
page of tables. Each returns the same markup the macro did.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import lru_cache, partial
from typing import Any

from jinja2 import Environment, pass_context
from markupsafe import Markup
from markupsafe import escape as esc

from parindex import fmt, i18n, text
from parindex.data.portal import Scale
from parindex.i18n import current, t
from parindex.site import embeds, models, urls

NO_HTML = Markup("")
SUY_RA = t("suy ra")
NOT_PRINTED = t("suy ra, không in trong văn bản nguồn")


@lru_cache(maxsize=4)
def _missing(lang: str) -> Markup:
    return Markup('<span class="missing">{}</span>').format(fmt.MISSINGS[lang])


@lru_cache(maxsize=4)
def _inferred(lang: str, label: str) -> Markup:
    return Markup(' <span class="inferred" title="{}">({})</span>').format(
        i18n.say(NOT_PRINTED, lang), label)


def missing() -> Markup:
    return _missing(current())


def inferred(label: str = SUY_RA) -> Markup:
    """The one mark of a value read from the source but not printed in it."""
    return _inferred(current(), i18n.say(label))


def in_locale(fn: Callable[..., str]) -> Callable[..., str]:
    """`fn` of `parindex.fmt` in the locale of the page being written."""
    def said(*args: Any, **kwargs: Any) -> str:
        return fn(*args, **kwargs, locale=current())
    return said


def number(x: float | None, kind: str = "pct", percent: bool = True) -> Markup:
    """A number as printed: `pct` (83,84%), `count` (12 or 1,50), `index` (as `pct` on a
    percentage scale, else as `points`), else `points` (83,84)."""
    if x is None:
        return missing()
    if kind == "index":
        kind = "pct" if percent else "points"
    lang = current()  # fmt writes digits, separators, signs and letters: nothing to escape
    return Markup(fmt.pct(x, locale=lang) if kind == "pct" else fmt.auto(x, locale=lang)
                  if kind == "count" else fmt.num(x, locale=lang))


def footnote(n: int | None) -> Markup:
    if not n:
        return NO_HTML
    n = esc(n)
    label = esc(i18n.say(t("ghi chú {n}", n=n)))
    return Markup(f'<sup class="fn"><a href="#ghi-chu-{n}" aria-label="{label}">{n}</a></sup>')


def value(v: models.Value, kind: str = "pct", percent: bool = True, suffix: str = "") -> Markup:
    """A value and the number of its footnote; a value inferred by arithmetic marked so; where
    the source printed another, the short note beside it ("văn bản nguồn in 6,76"), which
    carries the footnote."""
    shown = number(v.value, kind, percent)
    if v.value is not None and suffix:  # a unit after the number ("14,78 điểm %")
        shown += " " + esc(suffix)
    if v.origin == "inferred":
        shown += inferred()
    if v.printed:
        return shown + Markup(f' <span class="source-printed">({esc(v.printed)}'
                              f"{footnote(v.note)})</span>")
    return shown + footnote(v.note) if v.note else shown


def band(b: models.Band | None, inferred: bool = False) -> Markup:
    if not b:
        return missing()
    # keyed by the name as shown: a Text equals its Vietnamese alone, whatever its English
    return _band(b.css, i18n.say(b.name), inferred, current())


@lru_cache(maxsize=256)  # a handful of bands, on every row of every table
def _band(css: str, name: str, mark: bool, lang: str) -> Markup:
    html = (f'<span class="band {esc(css)}"><span class="swatch" aria-hidden="true"></span>'
            f"{esc(name)}</span>")
    if mark:
        html += inferred()
    return Markup(html)


@pass_context
def localize_url(context, url: str) -> str:
    """A site-relative URL in the page's language: its page in that edition, where it has
    one (`urls.localized`)."""
    return urls.localized(url, current(), context.get("EDITION", ()))


@pass_context
def unit_link(context, u: models.Ref) -> Markup:
    return Markup(f'<a href="{esc(context.get("SITEURL", ""))}/'
                  f'{esc(localize_url(context, u.url))}">{esc(u.name)}</a>')


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
    lowers the rest), in the page's language."""
    text = i18n.say(text)
    return text[:1].upper() + text[1:]


@pass_context
def section(context, output_file: str) -> str:
    """The first folder of a page's Vietnamese URL: the menu entry it is under."""
    return urls.source_url(output_file, context.get("LANGUAGES", ())).split("/")[0]


def day(d: date) -> str:
    return fmt.date(d, current())


FILTERS = {"capitalize_first": capitalize_first, "num": in_locale(fmt.num),
           "pct": in_locale(fmt.pct), "integer": in_locale(fmt.integer),
           "signed": in_locale(fmt.signed), "auto": in_locale(fmt.auto),
           "filesize": in_locale(fmt.file_size),
           "change": in_locale(fmt.signed),  # a change of index, or the missing text
           "fold": text.fold,
           "number": number, "value": value, "fn": footnote, "band": band, "name": name,
           "cited": models.cited, "unit_link": unit_link, "unit_links": unit_links,
           "absolute": absolute, "embed_code": embed_code, "localize": localize_url,
           "say": i18n.say, "section": section, "day": day}
GLOBALS = {"missing": missing, "inferred": inferred,
           "LANGUAGE_NAMES": {"vi": "Tiếng Việt", "en": "English"},  # each in its own
           "links": urls.LINKS}  # the site's fixed links, for Pelican's own templates too


def _gettext(message: str, **variables: Any) -> Markup:
    """`_()` in the templates: what Jinja's newstyle gettext does in an autoescaped template
    (the site's are), without its lookups through the template's context: the data pages
    call it tens of times each, a tenth of their rendering."""
    return Markup(i18n.gettext_(message)) % variables


def install(env: Environment, scale: Scale | None = None) -> None:
    """Give `env` every filter and global the templates use, an index shown on `scale`, and
    gettext (`{% trans %}`, `_()`) in the language being written (`parindex.i18n`)."""
    scale = scale or Scale()
    if "jinja2.ext.InternationalizationExtension" not in env.extensions:
        env.add_extension("jinja2.ext.i18n")
        env.install_gettext_callables(i18n.gettext_, i18n.ngettext_,  # type: ignore[attr-defined]
                                      newstyle=True)
        env.globals["_"] = _gettext
    env.filters.update(FILTERS)
    env.globals.update(GLOBALS, SCALE=scale)
    if not scale.percent:
        env.filters.update(number=partial(number, percent=False),
                           value=partial(value, percent=False))
