"""Chart specifications (Altair / Vega-Lite) and their rendering to static SVG.

Every function takes a plain DataFrame and returns a top-level Altair chart; `render_svg` turns
one into an SVG string with Vietnamese number formatting, an accessible name and no script, ready
to be written to a file and shown with `<img>`. Nothing here imports Pelican.

Choices worth knowing:

- Numbers printed on the marks are computed here with `parindex.fmt` (half-up rounding, 83,84%);
  numbers Vega prints itself (axis ticks) use `LOCALE`, the d3 format locale passed to vl-convert
  (d3 ships no Vietnamese locale).
- Layout is for a 375 px phone: 340 px wide by default, the whole SVG (labels, legend) fitting
  the width (`autosize: fit-x`), long names wrapped over several lines rather than cut.
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
import hashlib
import html
import json
import math
import re
from collections.abc import Iterable

import altair as alt
import pandas as pd
import vl_convert as vlc

from .. import fmt
from ..frames import records

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

Spec = dict  # a Vega-Lite spec as plain data

AXIS_TITLE_INDEX = "Chỉ số CCHC (%)"
UNIT_SERIES = "Đơn vị"
MEAN_SERIES = "Trung bình nhóm"


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


def _label_width(width: int) -> int:
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


def _wrap(text: object, width_px: int, font_size: int = FONT_SIZE) -> str:
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


def _unique(keys: list[str]) -> list[str]:
    """Equal labels made distinct (invisibly) so that each row keeps its own line."""
    seen: dict[str, int] = {}
    out = []
    for k in keys:
        n = seen.get(k, 0)
        seen[k] = n + 1
        out.append(k + "\u200b" * n)
    return out


def _step(keys: list[str], minimum: int = 24) -> int:
    lines = max((k.count("\n") + 1 for k in keys), default=1)
    return max(minimum, lines * LINE_HEIGHT + 10)


def _category_axis(width: int) -> alt.Axis:
    """A left axis of wrapped names, each block of lines centred on its bar."""
    return alt.Axis(
        title=None, labelExpr="split(datum.label, '\\n')",
        labelLimit=round(_label_width(width) * 1.2), labelLineHeight=LINE_HEIGHT, labelPadding=6,
        ticks=False, domain=False,
        labelOffset={"expr": f"-(length(split(datum.label, '\\n')) - 1) * {LINE_HEIGHT} / 2"})


def _text_px(texts: Iterable[object], font_size: int = FONT_SIZE) -> int:
    """A generous estimate of the widest of `texts` (one line each), in pixels."""
    return math.ceil(max((len(str(t)) for t in texts), default=0) * font_size * 0.68)


def _plot_px(width: int, keys: list[str]) -> int:
    """About how wide the plotting area will be once the name column is taken: a little less
    than Vega will make it (it measures the names; this over-estimates them)."""
    lines = [line for k in keys for line in k.split("\n")]
    names = min(_text_px(lines), round(_label_width(width) * 1.2)) + 6
    return max(80, width - 10 - names)


def _percent_scale(plot_px: int, right_px: int) -> alt.Scale:
    """0–100 %, plus room after 100 for the value printed at the end of the longest bar.

    Vega's fit-x fits axes and legends into the width but lets marks overflow it, and a legend
    under the plot can only use the plot's width: so the room is kept inside the plot, as
    data units past 100 that carry no tick.
    """
    room = min(right_px, plot_px // 2)
    return alt.Scale(domain=[0, round(100 + 100 * room / (plot_px - room), 2)], nice=False,
                     zero=True)


def _legend(names: list[str], plot_px: int, title: str | None) -> alt.Legend:
    """A legend under the plot, in as many columns as fit under it (it starts at its left)."""
    entry = _text_px(names) + 32
    return alt.Legend(title=title, symbolType="square", labelLimit=plot_px - 30,
                      columns=max(1, min(len(names), plot_px // entry)))


def _config(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    return chart.configure(
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


@functools.cache
def _base_config() -> dict:
    """The `config` that `_config` gives every chart, as a dict (for specs built as dicts)."""
    return _config(alt.Chart()).to_dict(validate=False)["config"]


def _top(chart: alt.TopLevelMixin, width: int, description: str, title: str | None
         ) -> alt.TopLevelMixin:
    props = {"width": width, "description": description}
    if title:
        props["title"] = title
    return _config(chart.properties(**props))


def _pct_axis(title: str, plot_px: int) -> alt.Axis:
    """0–100 %: ticks every 20 (every 25 or 50 when narrow), all labels kept.

    Vega decides which labels overlap before fitting the width and never again, and thins
    explicit values down to `tickCount`, so both would drop labels that fit; with so few, none
    can overlap.
    """
    step = 20 if plot_px >= 150 else 25 if plot_px >= 110 else 50
    values = list(range(0, 101, step))
    return alt.Axis(title=title, values=values, tickCount=len(values), format="d", grid=True,
                    labelOverlap=False, labelFlush=False, domain=False)


# ---------------------------------------------------------------- charts


def group_index_chart(rows: pd.DataFrame, bands: pd.DataFrame, *, width: int = WIDTH,
                      description: str | None = None, title: str | None = None
                      ) -> alt.LayerChart:
    """One group's ranking: a bar per agency, best on top, coloured by band.

    `rows`: `label` (short name), `index` (percent, NaN: no bar, "chưa có số liệu"),
    `band_name`, `band_order`, `rank` (NaN when the group has no ranks: then by index).
    `bands`: the year's band table, `name` and `order`; every band appears in the legend.
    """
    df = rows.copy()
    df["_rank"] = pd.to_numeric(df["rank"], errors="coerce").astype(float)
    df["_index"] = pd.to_numeric(df["index"], errors="coerce").astype(float)
    df["_neg"] = -df["_index"]
    df = df.sort_values(["_rank", "_neg", "label"], na_position="last", kind="stable")
    df["key"] = _unique([_wrap(x, _label_width(width)) for x in df["label"]])
    df["text"] = [fmt.pct(x) for x in df["_index"]]
    df["index"] = df["_index"]
    keys = list(df["key"])
    values = records(df, ["key", "label", "index", "band_name", "band_order", "text"])

    legend = (bands[["name", "order"]].dropna().drop_duplicates("order").sort_values("order"))
    names, orders = list(legend["name"]), [int(o) for o in legend["order"]]
    for name, order in zip(df["band_name"], df["band_order"], strict=True):
        if not fmt.is_missing(name) and name not in names:
            names.append(name)
            orders.append(int(order) if not fmt.is_missing(order) else len(BAND_COLORS))
    colors = [band_color(o) for o in orders]

    plot = _plot_px(width, keys)
    x_scale = _percent_scale(plot, _text_px(df.loc[df["_index"].notna(), "text"]) + 6)
    y = alt.Y("key:N", sort=keys, scale=alt.Scale(domain=keys), axis=_category_axis(width))
    base = alt.Chart(alt.Data(values=values)).encode(y=y)
    known = "isValid(datum.index)"
    bars = base.transform_filter(known).mark_bar(height={"band": 0.7}).encode(
        x=alt.X("index:Q", scale=x_scale, axis=_pct_axis(AXIS_TITLE_INDEX, plot)),
        color=alt.Color("band_name:N", scale=alt.Scale(domain=names, range=colors),
                        legend=_legend(names, plot, "Xếp loại")))
    labels = base.transform_filter(known).mark_text(
        align="left", baseline="middle", dx=4, fontSize=FONT_SIZE, color=TEXT_COLOR
    ).encode(x="index:Q", text="text:N")
    gaps = base.transform_filter(f"!{known}").mark_text(
        align="left", baseline="middle", dx=2, fontSize=FONT_SIZE, fontStyle="italic",
        color=MUTED_COLOR).encode(x=alt.datum(0), text="text:N")

    if description is None:
        description = _describe_ranking(df)
    chart = alt.layer(bars, labels, gaps).properties(height=alt.Step(_step(keys)))
    return _top(chart, width, description, title)


def _describe_ranking(df: pd.DataFrame) -> str:
    known = df[df["_index"].notna()]
    text = (f"Biểu đồ thanh ngang: Chỉ số CCHC của {len(df)} đơn vị, "
            "xếp từ cao xuống thấp.")
    if len(known):
        best = known.loc[known["_index"].idxmax()]
        worst = known.loc[known["_index"].idxmin()]
        text += (f" Cao nhất: {best['label']} ({fmt.pct(best['_index'])});"
                 f" thấp nhất: {worst['label']} ({fmt.pct(worst['_index'])}).")
    if len(known) < len(df):
        text += f" {len(df) - len(known)} đơn vị {fmt.MISSING}."
    return text


def unit_fields_spec(rows: pd.DataFrame, *, width: int = WIDTH,
                     description: str | None = None, title: str | None = None) -> Spec:
    """One agency's percentage per field (bars) against its group's mean (dark ticks), as a
    Vega-Lite spec (a plain dict, like `unit_history_spec`: one per profile).

    `rows`: `field` (short name), `order`, `pct` (percent, NaN: "chưa có số liệu"),
    `group_mean` (percent, NaN: no tick).
    """
    df = rows.sort_values("order", kind="stable").copy()
    df["pct"] = pd.to_numeric(df["pct"], errors="coerce").astype(float)
    df["group_mean"] = pd.to_numeric(df["group_mean"], errors="coerce").astype(float)
    df["key"] = _unique([_wrap(x, _label_width(width)) for x in df["field"]])
    df["at"] = df[["pct", "group_mean"]].max(axis=1)
    df["text"] = [fmt.pct(x) for x in df["pct"]]
    df["mean_text"] = ["" if fmt.is_missing(x) else "TB " + fmt.pct(x) for x in df["group_mean"]]
    keys = list(df["key"])
    step = _step(keys, minimum=2 * LINE_HEIGHT + 8)
    plot = _plot_px(width, keys)
    x_scale = _percent_scale(plot, max(_text_px(df.loc[df["pct"].notna(), "text"]),
                                       _text_px(df["mean_text"], FONT_SIZE - 1)) + 7
                             ).to_dict(validate=False)
    has_pct, has_mean = "isValid(datum.pct)", "isValid(datum.group_mean)"
    color = {"field": "series", "type": "nominal",
             "scale": {"domain": [UNIT_SERIES, MEAN_SERIES], "range": [UNIT_COLOR, MEAN_COLOR]},
             "legend": _legend([UNIT_SERIES, MEAN_SERIES], plot, None).to_dict(validate=False)}

    def text(where: str, field: str, dy: float, **mark) -> dict:
        return {"transform": [{"filter": where}],
                "mark": {"type": "text", "align": "left", "baseline": "middle", "dy": dy,
                         **mark},
                "encoding": {"text": {"field": field, "type": "nominal"},
                             "x": {"field": "at", "type": "quantitative"}}}

    gaps = text(f"!{has_pct}", "text", -LINE_HEIGHT / 2, dx=2, fontSize=FONT_SIZE,
                fontStyle="italic", color=MUTED_COLOR)
    gaps["encoding"]["x"] = {"datum": 0}
    if description is None:
        description = (f"Biểu đồ thanh ngang: tỷ lệ điểm đạt của đơn vị ở {len(df)} lĩnh vực "
                       "(thanh), so với trung bình của nhóm (vạch đậm).")
    spec = {
        "$schema": alt.SCHEMA_URL, "config": _base_config(),
        "data": {"values": records(df, ["key", "field", "pct", "group_mean", "at", "text",
                                         "mean_text"])},
        "encoding": {"y": {"field": "key", "type": "nominal", "sort": keys,
                           "scale": {"domain": keys},
                           "axis": _category_axis(width).to_dict(validate=False)}},
        "layer": [
            {"transform": [{"filter": has_pct},
                           {"calculate": json.dumps(UNIT_SERIES), "as": "series"}],
             "mark": {"type": "bar", "height": {"band": 0.55}, "opacity": 1},
             "encoding": {"x": {"field": "pct", "type": "quantitative", "scale": x_scale,
                                "axis": _pct_axis("Tỷ lệ điểm đạt (%)", plot).to_dict(
                                    validate=False)}, "color": color}},
            {"transform": [{"filter": has_mean},
                           {"calculate": json.dumps(MEAN_SERIES), "as": "series"}],
             "mark": {"type": "tick", "thickness": 3, "size": round(step * 0.75),
                      "opacity": 1},
             "encoding": {"x": {"field": "group_mean", "type": "quantitative",
                                "scale": x_scale}, "color": color}},
            text(has_pct, "text", -LINE_HEIGHT / 2, dx=5, fontSize=FONT_SIZE,
                 color=TEXT_COLOR),
            text(has_mean, "mean_text", LINE_HEIGHT / 2, dx=5, fontSize=FONT_SIZE - 1,
                 color=MUTED_COLOR),
            gaps],
        "height": {"step": step}, "width": width, "description": description,
    }
    if title:
        spec["title"] = title
    return spec


def unit_fields_chart(rows: pd.DataFrame, **kwargs) -> alt.LayerChart:
    """`unit_fields_spec` as an Altair chart."""
    return alt.LayerChart.from_dict(unit_fields_spec(rows, **kwargs), validate=False)


LABEL_ALL_YEARS = 6  # up to this many years every point and every year is labelled


def unit_history_spec(rows: pd.DataFrame, *, width: int = WIDTH, height: int = 180,
                      description: str | None = None, title: str | None = None) -> Spec:
    """One agency's index year by year, a line through points, as a Vega-Lite spec.

    `rows`: `year` (int), `index` (percent; NaN: no point and a break in the line, the year
    stays on the axis). One year gives one point.

    Up to LABEL_ALL_YEARS years, every point carries its value and every year its label. Over
    more years only the first, last, highest and lowest values are printed and every other
    year (ending with the latest) is labelled: the table under the chart has every number,
    and each text costs vl-convert 2–3 ms, which at national size is most of the build. For the
    same reason the years need no axis title and the index axis has three ticks.
    Built as a plain dict, not with Altair's chained methods, because a profile has one and
    a national build has ten thousand profiles.
    """
    df = rows.copy()
    df["year"] = pd.to_numeric(df["year"]).astype(int)
    df["index"] = pd.to_numeric(df["index"], errors="coerce").astype(float)
    df = df.sort_values("year", kind="stable").reset_index(drop=True)
    df["text"] = [fmt.pct(x) for x in df["index"]]
    many = len(df) > LABEL_ALL_YEARS
    known = df["index"].dropna()
    if many and not known.empty:
        marked = {known.index[0], known.index[-1], known.idxmax(), known.idxmin()}
        df["label"] = df.index.isin(marked)
        # a label sits on the side of its point away from the line: below a point lower than
        # its neighbours, above one higher
        values = known.tolist()
        df["below"] = False
        for i in marked:
            at = known.index.get_loc(i)
            near = values[max(at - 1, 0):at] + values[at + 1:at + 2]
            df.loc[i, "below"] = bool(near) and values[at] < sum(near) / len(near)
    else:
        df["label"] = df["index"].notna()
        df["below"] = False
    years = sorted(set(df["year"]))
    lo = 0.0 if known.empty else max(0.0, math.floor((known.min() - 5) / 5) * 5)
    hi = 100.0 if known.empty else min(100.0, math.ceil((known.max() + 5) / 5) * 5)
    span = [years[0] - 0.5, years[-1] + 0.5] if years else [0, 1]
    shown_years = years[::-1][::2][::-1] if len(years) > LABEL_ALL_YEARS else years
    encoding = {
        "x": {"field": "year", "type": "quantitative",
              "scale": {"domain": span, "nice": False, "zero": False},
              "axis": {"title": None, "values": shown_years, "tickCount": max(len(shown_years), 1),
                       "format": "d", "grid": False, "labelOverlap": False,
                       "labelFlush": False}},
        "y": {"field": "index", "type": "quantitative",
              "scale": {"domain": [lo, hi], "nice": False, "zero": False},
              "axis": {"title": AXIS_TITLE_INDEX, "format": "d", "tickCount": 3,
                       "tickMinStep": 1}},
    }

    def text(dy: int, where: str) -> dict:
        return {"transform": [{"filter": f"isValid(datum.index) && datum.label && {where}"}],
                "mark": {"type": "text", "dy": dy, "fontSize": FONT_SIZE, "color": TEXT_COLOR},
                "encoding": {"text": {"field": "text", "type": "nominal"}}}

    if description is None:
        parts = "; ".join(f"{y}: {t}" for y, t in zip(df["year"], df["text"], strict=True))
        description = f"Biểu đồ đường: Chỉ số CCHC của đơn vị qua các năm. {parts}."
    spec = {
        "$schema": alt.SCHEMA_URL, "config": _base_config(),
        "data": {"values": records(df, ["year", "index", "text", "label", "below"])},
        "encoding": encoding,
        "layer": [
            {"mark": {"type": "line", "color": UNIT_COLOR, "strokeWidth": 2,
                      "invalid": "break-paths-filter-domains"}},
            {"transform": [{"filter": "isValid(datum.index)"}],
             "mark": {"type": "point", "filled": True, "size": 60, "color": UNIT_COLOR,
                      "opacity": 1}},
            text(-11, "!datum.below"), text(14, "datum.below")],
        "width": width, "height": height, "description": description,
    }
    if title:
        spec["title"] = title
    return spec


def unit_history_chart(rows: pd.DataFrame, **kwargs) -> alt.LayerChart:
    """`unit_history_spec` as an Altair chart."""
    return alt.LayerChart.from_dict(unit_history_spec(rows, **kwargs), validate=False)


def field_means_chart(rows: pd.DataFrame, *, width: int = WIDTH,
                      description: str | None = None, title: str | None = None
                      ) -> alt.LayerChart:
    """Mean percentage per field, one bar per agency group, fields in their order.

    `rows`: `field` (short name), `order`, `group` (group short name, groups coloured in the
    order they first appear), `mean` (percent, NaN: no bar).
    """
    df = rows.sort_values("order", kind="stable").copy()
    df["mean"] = pd.to_numeric(df["mean"], errors="coerce").astype(float)
    fields = list(dict.fromkeys(df["field"]))
    wrapped = dict(zip(fields, _unique([_wrap(f, _label_width(width)) for f in fields]),
                       strict=True))
    df["key"] = df["field"].map(wrapped)
    groups = list(dict.fromkeys(df["group"]))
    df["text"] = [fmt.pct(x) for x in df["mean"]]
    keys = [wrapped[f] for f in fields]
    values = records(df[df["mean"].notna()], ["key", "field", "group", "mean", "text"])
    colors = [GROUP_COLORS[i % len(GROUP_COLORS)] for i in range(len(groups))]
    bar_step = 15
    lines = max((k.count("\n") + 1 for k in keys), default=1)
    band = max(len(groups) * bar_step, lines * LINE_HEIGHT) + 10

    plot = _plot_px(width, keys)
    x_scale = _percent_scale(plot, _text_px(df.loc[df["mean"].notna(), "text"], FONT_SIZE - 1)
                             + 5)
    y = alt.Y("key:N", sort=keys, scale=alt.Scale(domain=keys, paddingInner=0, paddingOuter=0),
              axis=_category_axis(width))
    offset = alt.YOffset("group:N", sort=groups,
                         scale=alt.Scale(domain=groups, paddingInner=0.1, paddingOuter=0.3))
    base = alt.Chart(alt.Data(values=values)).encode(y=y, yOffset=offset)
    bars = base.mark_bar().encode(
        x=alt.X("mean:Q", scale=x_scale, axis=_pct_axis("Tỷ lệ điểm đạt trung bình (%)", plot)),
        color=alt.Color("group:N", scale=alt.Scale(domain=groups, range=colors),
                        legend=_legend(groups, plot, "Nhóm")))
    labels = base.mark_text(align="left", baseline="middle", dx=3, fontSize=FONT_SIZE - 1,
                            color=TEXT_COLOR).encode(x="mean:Q", text="text:N")

    if description is None:
        description = (f"Biểu đồ thanh ngang: tỷ lệ điểm đạt trung bình của {len(fields)} lĩnh "
                       f"vực, mỗi nhóm một màu: {', '.join(map(str, groups))}.")
    chart = alt.layer(bars, labels).properties(height=len(keys) * band)
    return _top(chart, width, description, title)


# ---------------------------------------------------------------- rendering


def _spec(chart: alt.TopLevelMixin | Spec, validate: bool = True) -> Spec:
    return chart if isinstance(chart, dict) else chart.to_dict(validate=validate)


@functools.cache
def _versions() -> dict:
    return {"renderer": RENDERER, "locale": LOCALE, "vega": vlc.get_vega_version(),
            "vega-lite": vlc.get_vegalite_versions()[-1]}


def spec_key(chart: alt.TopLevelMixin | Spec) -> str:
    """sha256 of the chart's spec and of what renders it: equal keys, equal SVGs.

    The spec is not validated here (render_svg does it), which makes the key cheap: a build can
    compute it for every chart and render only those whose key has no SVG yet.
    """
    payload = {"spec": _spec(chart, validate=False), **_versions()}
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_SVG_OPEN = re.compile(r"<svg\b([^>]*)>")


def render_svg(chart: alt.TopLevelMixin | Spec, validate: bool = True) -> str:
    """The chart as a static SVG: Vietnamese numbers, an accessible name, no external request.

    vl-convert writes no accessible name on the root element, so the spec's `description`
    (and `title`) become `role="img"`, `aria-label`, `<title>` and `<desc>` here, escaped.
    """
    spec = _spec(chart, validate)
    svg = vlc.vegalite_to_svg(spec, format_locale=LOCALE, allowed_base_urls=[])
    description = str(spec.get("description") or "")
    title = spec.get("title")
    title = title.get("text") if isinstance(title, dict) else title
    name = html.escape(str(title or description), quote=True)
    head = f"<title>{name}</title>"
    if title and description:
        head += f"<desc>{html.escape(description, quote=True)}</desc>"
    return _SVG_OPEN.sub(
        lambda m: f'<svg{m.group(1)} role="img" aria-label="{name}">{head}', svg, count=1)


def render_png(chart: alt.TopLevelMixin | Spec, scale: float = 2) -> bytes:
    """The same chart as PNG (for checking glyphs and layout by eye; the site uses SVG)."""
    return vlc.vegalite_to_png(_spec(chart), scale=scale, format_locale=LOCALE,
                               allowed_base_urls=[])


CHARTS = {"group_index": group_index_chart, "unit_fields": unit_fields_spec,
          "unit_history": unit_history_spec, "field_means": field_means_chart}


def draw(kind: str, rows: list[dict], bands: list[dict] | None, description: str) -> Spec:
    """A chart's spec by its kind, from plain records: what a worker process receives.

    Not validated against the Vega-Lite schema (a third of a chart's time): the specs come
    from the functions above, and tests/test_charts.py validates every kind.
    """
    args = [pd.DataFrame(rows)] + ([pd.DataFrame(bands)] if bands is not None else [])
    return _spec(CHARTS[kind](*args, description=description), validate=False)


def render(job: tuple[str, list[dict], list[dict] | None, str]) -> tuple[str, str]:
    """(spec key, SVG) of a chart job (`draw`'s arguments). Top-level, so that a build can
    render on every core with a process pool."""
    spec = draw(*job)
    return spec_key(spec), render_svg(spec, validate=False)
