"""What every chart shares: sizes, fonts, colours, layout helpers, and rendering to static SVG.

Each chart kind is a module beside this one (its rows, its specification, its text
alternative); `render_svg` turns a specification into an SVG string with Vietnamese number
formatting, an accessible name and no script, ready
to be written to a file and shown with `<img>`. Nothing here imports Pelican.

Choices worth knowing:

- Numbers printed on the marks are computed here with `parindex.fmt` (half-up rounding, 83,84%);
  numbers Vega prints itself (axis ticks) use `LOCALE`, the d3 format locale passed to vl-convert
  (d3 ships no Vietnamese locale).
- Layout is for a 375 px phone: 340 px wide by default, the whole SVG (labels, legend) fitting
  the width (`autosize: fit-x`), long names wrapped over several lines rather than cut; a chart
  drawn for every agency fixes its layout instead, so that its frame is drawn once
  (`framed_svg`).
- The SVG is shown with `<img>`, so it cannot use the site's web fonts: text is set in `FONT`, a
  system font stack. Vega measures text at build time with the first family of that stack that
  the build machine has (vl-convert reads the system fonts and bundles Liberation Sans 2, which
  it uses for `sans-serif`). 'DejaVu Sans' sits before `sans-serif` because, on a Linux build
  machine with the old Liberation Sans 1.07 (no Vietnamese letters), it is the one font that has
  them; it is also wider than the fonts phones have, so text measured with it is never cut.
- Colours: `BAND_COLORS` (bands, best to worst) and `GROUP_COLORS` (agency groups) were picked
  so that every colour has at least 3:1 contrast against white (WCAG 1.4.11 for graphics) and
  every pair stays apart (CIELAB ΔE ≥ 19 for bands, ≥ 30 for the first four groups) for normal
  vision and simulated deuteranopia, protanopia and tritanopia. Colour is never the only cue:
  the band name is in the legend and in the table that follows every chart.
"""

from __future__ import annotations

import functools
import html
import json
import math
import re
from collections.abc import Callable, Iterable
from typing import Any, cast

import altair as alt
import pandas as pd
import vl_convert as vlc

from ... import fmt
from ...data.portal import Scale

WIDTH = 340
FONT = "system-ui, 'Segoe UI', Roboto, 'Noto Sans', Arial, 'DejaVu Sans', sans-serif"
FONT_SIZE = 11
LINE_HEIGHT = 13
LOCALE = {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", "\u00a0₫"]}
RENDERER = "parindex.charts/1"  # bump when render_svg's output changes for the same spec

# Diverging dark blue (best) → warm grey → dark red (worst); contrast vs white 8,3 / 3,4 / 3,9 /
# 3,9 / 8,1.
BAND_COLORS: list[str] = ["#1a4f8b", "#4a8fcc", "#8a7f6e", "#c9641e", "#9b1c31"]
# Paul Tol's colour-blind-safe sets, only the colours dark enough for bars on white.
GROUP_COLORS: list[str] = ["#4477aa", "#bb5566", "#999933", "#332288", "#882255", "#009988",
                           "#cc3311", "#004488"]
UNIT_COLOR = "#4477aa"
MEAN_COLOR = "#1f1f1f"
TEXT_COLOR = "#1f1f1f"
MUTED_COLOR = "#555555"  # 7,5:1 on white

Spec = dict[str, Any]  # a Vega-Lite spec as plain data



def axis_title(scale: Scale) -> str:
    """The index axis' title: "Chỉ số CCHC (%)", or the index's name and "(điểm)"."""
    return f"{scale.name} ({'%' if scale.percent else 'điểm'})"


UNIT_SERIES = "Đơn vị"
MEAN_SERIES = "Trung bình nhóm"


def frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    """A chart's rows as a DataFrame in which a number the source prints stays as printed
    (`fmt.Printed`, in an object column), so that its label shows it so (97,685%)."""
    df = pd.DataFrame(rows)
    for col in df.columns:
        kept = [r.get(col) for r in rows]
        if any(isinstance(x, fmt.Printed) for x in kept):
            df[col] = pd.Series(kept, index=df.index, dtype=object)
    return df


# ---------------------------------------------------------------- colours


def band_color(order: int) -> str:
    """Colour of the band of that order (1 = best); orders past the palette take its last."""
    order = int(order)
    return BAND_COLORS[min(max(order, 1), len(BAND_COLORS)) - 1]


def band_css(bands: pd.DataFrame) -> str:
    """CSS rules `.band-<order> { --band: <colour>; }`, one per band order found in `bands`."""
    orders = sorted({int(o) for o in bands["order"].dropna()})
    return "".join(f".band-{o} {{ --band: {band_color(o)}; }}\n" for o in orders)


# ---------------------------------------------------------------- helpers


def label_width(width: int) -> int:
    return round(width * 0.4)


def _greedy(words: list[str], limit: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in words:
        while len(word) > limit:  # a word longer than a line is cut
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:limit])
            word = word[limit:]
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= limit:
            line += " " + word
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def wrap(text: object, width_px: int, font_size: int = FONT_SIZE) -> str:
    """`text` broken at spaces into lines of about `width_px`, as few lines as the greedy
    way needs but evened out ("Sở Khoa học và / Công nghệ", not "… Công / nghệ")."""
    limit = max(6, int(width_px / (font_size * 0.58)))
    words = str(text).split()
    lines = _greedy(words, limit)
    if len(lines) > 1 and max(len(w) for w in words) <= limit:
        shortest = math.ceil(len(" ".join(words)) / len(lines))
        lines = next((try_ for n in range(shortest, limit)
                      if len(try_ := _greedy(words, n)) == len(lines)), lines)
    return "\n".join(lines) or "–"


def unique(keys: list[str]) -> list[str]:
    """Equal labels made distinct (invisibly) so that each row keeps its own line."""
    seen: dict[str, int] = {}
    out = []
    for k in keys:
        n = seen.get(k, 0)
        seen[k] = n + 1
        out.append(k + "\u200b" * n)
    return out


def band_step(keys: list[str], minimum: int = 24) -> int:
    lines = max((k.count("\n") + 1 for k in keys), default=1)
    return max(minimum, lines * LINE_HEIGHT + 10)


def category_axis(width: int) -> alt.Axis:
    """A left axis of wrapped names, each block of lines centred on its bar."""
    return alt.Axis(
        title=None, labelExpr="split(datum.label, '\\n')",
        labelLimit=round(label_width(width) * 1.2), labelLineHeight=LINE_HEIGHT, labelPadding=6,
        ticks=False, domain=False,
        labelOffset={"expr": f"-(length(split(datum.label, '\\n')) - 1) * {LINE_HEIGHT} / 2"})


def text_px(texts: Iterable[object], font_size: int = FONT_SIZE) -> int:
    """A generous estimate of the widest of `texts` (one line each), in pixels."""
    return math.ceil(max((len(str(t)) for t in texts), default=0) * font_size * 0.68)


def plot_px(width: int, keys: list[str]) -> int:
    """About how wide the plotting area will be once the name column is taken: a little less
    than Vega will make it (it measures the names; this over-estimates them)."""
    lines = [line for k in keys for line in k.split("\n")]
    names = min(text_px(lines), round(label_width(width) * 1.2)) + 6
    return max(80, width - 10 - names)


def nice_top(highest: float) -> float:
    """The axis' end for values up to `highest` on a points scale: 1, 2, 2,5 or 5 × 10ⁿ."""
    if not highest > 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(highest))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= highest)


def percent_scale(plot_px: int, right_px: int, top: float = 100) -> alt.Scale:
    """0–`top` (100 %), plus room after it for the value printed at the end of the longest bar.

    Vega's fit-x fits axes and legends into the width but lets marks overflow it, and a legend
    under the plot can only use the plot's width: so the room is kept inside the plot, as
    data units past 100 that carry no tick.
    """
    room = min(right_px, plot_px // 2)
    return alt.Scale(domain=[0, round(top + top * room / (plot_px - room), 2)], nice=False,
                     zero=True)


def legend(names: list[str], plot_px: int, title: str | None) -> alt.Legend:
    """A legend under the plot, in as many columns as fit under it (it starts at its left)."""
    entry = text_px(names) + 32
    return alt.Legend(title=title, symbolType="square", labelLimit=plot_px - 30,
                      columns=max(1, min(len(names), plot_px // entry)))


def _config(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    configured: alt.TopLevelMixin = chart.configure(
        font=FONT,
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
        background="white",
        padding=5,
    ).configure_view(stroke=None).configure_axis(
        labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE, titleFontWeight="normal",
        labelColor=TEXT_COLOR, titleColor=TEXT_COLOR, gridColor="#e3e3e3",
        domainColor="#888888", tickColor="#888888", aria=False,
    ).configure_legend(
        orient="bottom", labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE,
        titleFontWeight="normal", labelColor=TEXT_COLOR, titleColor=TEXT_COLOR, aria=False,
    ).configure_title(
        fontSize=13, anchor="start", color=TEXT_COLOR, aria=False,
    ).configure_mark(aria=False)
    return configured


@functools.cache
def base_config() -> dict[str, Any]:
    """The `config` that `_config` gives every chart, as a dict (for specs built as dicts)."""
    return cast(dict[str, Any], _config(alt.Chart()).to_dict(validate=False)["config"])


def top(chart: alt.TopLevelMixin, width: int, description: str, title: str | None
         ) -> alt.TopLevelMixin:
    props = {"width": width, "description": description}
    if title:
        props["title"] = title
    return _config(chart.properties(**props))


def pct_axis(title: str, plot_px: int, top: float = 100) -> alt.Axis:
    """0–100 % (or 0–`top`): ticks every fifth (every quarter or half when narrow), all
    labels kept.

    Vega decides which labels overlap before fitting the width and never again, and thins
    explicit values down to `tickCount`, so both would drop labels that fit; with so few, none
    can overlap.
    """
    parts = 5 if plot_px >= 150 else 4 if plot_px >= 110 else 2
    values = [int(v) if v.is_integer() else v for v in (top * i / parts for i in range(parts + 1))]
    return alt.Axis(title=title, values=values, tickCount=len(values), format="d", grid=True,
                    labelOverlap=False, labelFlush=False, domain=False)



# ---------------------------------------------------------------- rendering


def as_spec(chart: alt.TopLevelMixin | Spec, validate: bool = True) -> Spec:
    return chart if isinstance(chart, dict) else chart.to_dict(validate=validate)


@functools.cache
def versions() -> dict[str, Any]:
    return {"renderer": RENDERER, "locale": LOCALE, "vega": vlc.get_vega_version(),
            "vega-lite": vlc.get_vegalite_versions()[-1]}



_SVG_OPEN = re.compile(r"<svg\b([^>]*)>")


def render_svg(chart: alt.TopLevelMixin | Spec, validate: bool = True,
               draw: Callable[[Spec], str] | None = None) -> str:
    """The chart as a static SVG: Vietnamese numbers, an accessible name, no external request.

    vl-convert writes no accessible name on the root element, so the spec's `description`
    (and `title`) become `role="img"`, `aria-label`, `<title>` and `<desc>` here, escaped.
    `draw`: how a chart kind has its spec drawn when not whole by vl-convert (`framed_svg`).
    """
    spec = as_spec(chart, validate)
    svg = (draw or _svg)(spec)
    description = str(spec.get("description") or "")
    title = spec.get("title")
    title = title.get("text") if isinstance(title, dict) else title
    name = html.escape(str(title or description), quote=True)
    head = f"<title>{name}</title>"
    if title and description:
        head += f"<desc>{html.escape(description, quote=True)}</desc>"
    return _SVG_OPEN.sub(
        lambda m: f'<svg{m.group(1)} role="img" aria-label="{name}">{head}', svg, count=1)


def _svg(spec: Spec) -> str:
    svg: str = vlc.vegalite_to_svg(spec, format_locale=LOCALE, allowed_base_urls=[])
    return svg


# a mark's group in vl-convert's SVG: empty (`<g …/>`) or holding marks that are no groups
_MARKS = re.compile(r'<g class="mark-[a-z]+ role-mark ([^"]*)"[^>]*?'
                    r'(?:/>|>[^<]*(?:<(?!/g>)[^<]*)*</g>)')


Filler = Callable[[str], "dict[str, str] | None"]


def framed_svg(spec: Spec, drawn: int | None = None, fill: Filler | None = None) -> str:
    """The SVG of a chart whose layout does not depend on its data (`autosize` "none", the
    scales' domains and the axes given), drawn as two: its frame (axes, grid, titles: the spec
    without data, drawn once for every chart of that shape) and its marks (the spec without
    axes), whose groups fill the frame's empty ones. Axes are most of what Vega does for a
    small chart, and the ten thousand profiles of a national site have a few hundred shapes.

    `drawn`: how many of the spec's layers Vega draws (the first ones); `fill` makes the
    others' items from Vega's SVG of those, as Vega writes them (each text Vega measures costs
    it about 1,4 ms), by the name of their group, or None when it cannot. Byte for byte what
    `_svg(spec)` draws (the tests compare them); a chart that does not fit its frame, or that
    `fill` cannot finish, is drawn whole."""
    frame = {k: v for k, v in spec.items() if k not in ("data", "description")}
    frame["data"] = {"values": []}
    bare = dict(spec, encoding={channel: dict(enc, axis=None)
                                for channel, enc in spec.get("encoding", {}).items()})
    if drawn is not None:
        bare["layer"] = spec["layer"][:drawn]
    svg = _svg(bare)
    marks = {m.group(1): m.group(0) for m in _MARKS.finditer(svg)}
    framed = _frame_svg(json.dumps(frame, sort_keys=True, ensure_ascii=False))
    empty = {m.group(1): m.group(0) for m in _MARKS.finditer(framed)}
    more = fill(svg) if fill else {}
    if more is None or not set(more) <= set(empty):
        return _svg(spec)
    for name, items in more.items():
        marks[name] = f"{empty[name][:-2]}>{items}</g>" if items else empty[name]
    if set(marks) != set(empty) or any(not e.endswith("/>") for e in empty.values()):
        return _svg(spec)
    return _MARKS.sub(lambda m: marks[m.group(1)], framed)


def js_number(x: float) -> str | None:
    """`x` as JavaScript writes it (shortest round trip, like Python's repr; no ".0"); None
    where the two differ in form (exponents)."""
    if not math.isfinite(x):
        return None
    text = str(int(x)) if x.is_integer() and abs(x) < 1e16 else repr(x)
    return None if "e" in text else text


@functools.lru_cache(maxsize=1024)
def _frame_svg(frame: str) -> str:
    return _svg(json.loads(frame))


def render_png(chart: alt.TopLevelMixin | Spec, scale: float = 2, validate: bool = True
               ) -> bytes:
    """The same chart as PNG: the picture of a shared link (the pages show the SVG)."""
    png: bytes = vlc.vegalite_to_png(as_spec(chart, validate), scale=scale,
                                     format_locale=LOCALE, allowed_base_urls=[])
    return png
