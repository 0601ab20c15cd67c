"""An agency's index year by year (profiles)."""

from __future__ import annotations

import html
import math
import re
from functools import partial
from typing import Any, cast

import altair as alt
import pandas as pd

from ...data.portal import PERCENT, Scale
from ...i18n import join, t
from ..models import Chart, UnitYear
from ..narrative import index_num, index_text
from . import base

KIND = "unit_history"


def chart(name: str, history: list[UnitYear], scale: Scale = PERCENT) -> Chart | None:
    """The years with an index, and every year between them without one as a gap (no point,
    and the line breaks there rather than joining the years around it); none when no year has
    an index."""
    known = [h for h in history if h.row.index.value is not None]
    if not known:
        return None
    return Chart(KIND, "qua-cac-nam", t("{index} qua các năm", index=scale.name),
                 alt_text(name, known, scale),
                 with_gaps({h.row.year: h.row.index.value for h in known}),
                 "bang-qua-cac-nam", scale=scale)


def with_gaps(values: dict[int, float | None]) -> list[dict[str, Any]]:
    """Rows `year`, `index` from the first year to the last, None where a year has no value."""
    if not values:
        return []
    return [{"year": y, "index": values.get(y)} for y in range(min(values), max(values) + 1)]


def alt_text(name: str, years: list[UnitYear], scale: Scale = PERCENT) -> str:
    parts = [t("năm {year}: {value}", year=h.row.year, value=index_num(h.row.index.value, scale))
             for h in years]
    return t("Biểu đồ: {index} của {name} qua các năm — {parts}.", index=scale.named,
             name=name, parts=join(parts, "; "))


def spec(c: Chart) -> base.Spec:
    return unit_history_spec(c.rows, description=c.alt, scale=c.scale)


LABEL_ALL_YEARS = 6  # up to this many years every point and every year is labelled
PAD = 5  # around the chart
X_AXIS_PX = 18  # ticks, and the years under them
LABEL_RISE = 18  # from a point to the top of the value printed above it (dy 11, half a line)
ROOM_STEP = 6  # px: room above the plot (the top axis label's half, a printed value), in steps
LABEL_DROP = 21  # from a point to the bottom of the value printed below it (dy 14)


def unit_history_spec(rows: pd.DataFrame | list[dict[str, Any]], *, width: int = base.WIDTH,
                      height: int = 180, description: str | None = None,
                      scale: Scale = PERCENT) -> base.Spec:
    """One agency's index year by year, a line through points, as a Vega-Lite spec.

    `rows`: `year`, `index` (None or NaN: no point and a break in the line, the year stays on
    the axis). One year gives one point.

    Up to LABEL_ALL_YEARS years, every point carries its value and every year its label. Over
    more years only the first, last, highest and lowest values are printed and every other
    year (ending with the latest) is labelled: the table under the chart has every number,
    and each text costs vl-convert about 1 ms. For the same reason the years need no axis
    title and the index axis has three ticks.

    The layout is fixed here rather than fitted by Vega (`autosize` "none", the padding made
    room for the axis and the printed values): so the frame is the same for every agency with
    the same years and axis range, and is drawn once for all of them (`draw`). Built as a
    plain dict from plain lists, not with Altair or pandas: a national build has ten thousand.
    """
    given = rows.to_dict("records") if isinstance(rows, pd.DataFrame) else rows
    points = sorted(((int(r["year"]), r.get("index")) for r in given), key=lambda p: p[0])
    years = [y for y, _ in points]
    values = [_number(v) for _, v in points]
    texts = [index_text(None if n is None else v, scale)  # a printed value stays as printed
             for (_, v), n in zip(points, values, strict=True)]
    known = [(i, v) for i, v in enumerate(values) if v is not None]
    labelled, below = _labels(known, many=len(points) > LABEL_ALL_YEARS)
    lo = 0.0 if not known else max(0.0, math.floor((min(v for _, v in known) - 5) / 5) * 5)
    hi = 100.0 if not known else math.ceil((max(v for _, v in known) + 5) / 5) * 5
    hi = min(100.0, hi) if scale.percent else hi
    span = [years[0] - 0.5, years[-1] + 0.5] if years else [0, 1]
    shown_years = years[::-1][::2][::-1] if len(years) > LABEL_ALL_YEARS else years

    # room: the index axis (its widest label, its title), a value printed above a point near
    # the top, and half the widest value printed over the last year past the plot's end
    left = PAD + 22 + base.text_px([f"{int(hi):,}"])
    value = dict(known)
    # a value printed below its point would run into the years under a point near the bottom
    below = {i for i in below if height * (value[i] - lo) / (hi - lo) >= LABEL_DROP}
    rise = [height * (hi - value[i]) / (hi - lo) for i in labelled - below]
    room = max(0.0, LABEL_RISE - min(rise, default=LABEL_RISE))
    top = PAD + max(1, math.ceil(room / ROOM_STEP)) * ROOM_STEP  # the top axis label's half,
    # or the value's room, in steps: fewer shapes to draw
    half_year = (width - left - PAD) / max(len(years), 1) / 2
    right = PAD + max(0, math.ceil(base.text_px([index_text(100, scale)]) / 2 - half_year))
    encoding = {
        "x": {"field": "year", "type": "quantitative",
              "scale": {"domain": span, "nice": False, "zero": False},
              "axis": {"title": None, "values": shown_years, "tickCount": max(len(shown_years), 1),
                       "format": "d", "grid": False, "labelOverlap": False,
                       "labelFlush": False}},
        "y": {"field": "index", "type": "quantitative",
              "scale": {"domain": [lo, hi], "nice": False, "zero": False},
              "axis": {"title": base.axis_title(scale), "format": "d", "tickCount": 3,
                       "tickMinStep": 1}},
    }

    def text(dy: int, where: str) -> base.Spec:
        return {"transform": [{"filter": f"isValid(datum.index) && datum.label && {where}"}],
                "mark": {"type": "text", "dy": dy, "fontSize": base.FONT_SIZE,
                         "color": base.TEXT_COLOR},
                "encoding": {"text": {"field": "text", "type": "nominal"}}}

    if description is None:
        parts = "; ".join(f"{y}: {t}" for y, t in zip(years, texts, strict=True))
        description = f"Biểu đồ đường: {scale.name} của đơn vị qua các năm. {parts}."
    data = [{"year": y, "index": v, "text": t, "label": i in labelled, "below": i in below}
            for i, (y, v, t) in enumerate(zip(years, values, texts, strict=True))]
    spec: base.Spec = {
        "$schema": alt.SCHEMA_URL, "config": base.base_config(),
        "autosize": {"type": "none"},
        "padding": {"left": left, "top": top, "right": right, "bottom": PAD + X_AXIS_PX},
        "data": {"values": data},
        "encoding": encoding,
        "layer": [
            {"mark": {"type": "line", "color": base.UNIT_COLOR, "strokeWidth": 2,
                      "invalid": "break-paths-filter-domains"}},
            {"transform": [{"filter": "isValid(datum.index)"}],
             "mark": {"type": "point", "filled": True, "size": 60, "color": base.UNIT_COLOR,
                      "opacity": 1}},
            text(-11, "!datum.below"), text(14, "datum.below")],
        "width": width - left - right, "height": height, "description": description,
    }
    return spec


LINE_AND_POINTS = 2  # the spec's first layers; then the values printed above and below
ABOVE, BELOW = LINE_AND_POINTS, LINE_AND_POINTS + 1  # the text layers' places in the spec
LABEL_BASELINE = 3.0  # Vega sets a text's middle 0,3 × its font size under its point: 3 px


def draw(spec: base.Spec) -> str:
    """The SVG: the frame once per shape, the line and points by Vega, the printed values
    here at the points Vega placed (`base.framed_svg`)."""
    return base.framed_svg(spec, LINE_AND_POINTS, partial(_values, spec))


_AT = re.compile(r'<path [^>]*?transform="translate\(([^,]+),([^)]+)\)"')
def _group(layer: int) -> str:
    """The name of a layer's group of marks in Vega's SVG."""
    return f"layer_{layer}_marks"


_POINTS = re.compile(rf'<g class="mark-symbol role-mark {_group(LINE_AND_POINTS - 1)}"[^>]*>'
                     r'(.*?)</g>', re.S)


def _values(spec: base.Spec, svg: str) -> dict[str, str] | None:
    """The printed values' texts as Vega writes them, in the groups of the two text layers:
    each at its point's x, and its y moved by the layer's `dy` and the baseline."""
    rows = [r for r in spec["data"]["values"] if r["index"] is not None]
    found = _POINTS.search(svg)
    at = _AT.findall(found.group(1)) if found else []
    if len(at) != len(rows):
        return None
    out: dict[str, list[str]] = {}
    for row, (x, y) in zip(rows, at, strict=True):
        if not row["label"]:
            continue
        layer = BELOW if row["below"] else ABOVE
        shown = base.js_number(float(y) + (spec["layer"][layer]["mark"]["dy"] + LABEL_BASELINE))
        if shown is None:
            return None
        out.setdefault(_group(layer), []).append(
            f'<text aria-hidden="true" text-anchor="middle" transform="translate({x},{shown})" '
            f'font-family="{base.FONT}" font-size="{base.FONT_SIZE}px" '
            f'fill="{base.TEXT_COLOR}">{html.escape(row["text"], quote=False)}</text>')
    return {_group(i): "".join(out.get(_group(i), [])) for i in (ABOVE, BELOW)}


def _number(x: object) -> float | None:
    """A value as a float; None for none (None, NaN)."""
    if x is None:
        return None
    value = float(cast(float, x))
    return None if math.isnan(value) else value


def _labels(known: list[tuple[int, float]], many: bool) -> tuple[set[int], set[int]]:
    """Which points print their value, and which of them print it below the point.

    Over many years: the first, last, highest and lowest, each on the side of its point away
    from the line (below a point lower than its neighbours, above one higher); else every
    point, above it."""
    if not many or not known:
        return {i for i, _ in known}, set()
    at = [i for i, _ in known]
    values = [v for _, v in known]
    marked = {0, len(known) - 1, values.index(max(values)), values.index(min(values))}
    below = set()
    for k in marked:
        near = values[max(k - 1, 0):k] + values[k + 1:k + 2]
        if near and values[k] < sum(near) / len(near):
            below.add(at[k])
    return {at[k] for k in marked}, below


def unit_history_chart(rows: pd.DataFrame, **kwargs: Any) -> alt.LayerChart:
    """`unit_history_spec` as an Altair chart."""
    return alt.LayerChart.from_dict(unit_history_spec(rows, **kwargs), validate=False)
