"""An agency's index year by year (profiles)."""

from __future__ import annotations

import math
from typing import Any

import altair as alt
import pandas as pd

from ...data.portal import PERCENT, Scale
from ...frames import records
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
    return unit_history_spec(base.frame(c.rows), description=c.alt, scale=c.scale)


LABEL_ALL_YEARS = 6  # up to this many years every point and every year is labelled


def unit_history_spec(rows: pd.DataFrame, *, width: int = base.WIDTH, height: int = 180,
                      description: str | None = None, title: str | None = None,
                      scale: Scale = PERCENT) -> base.Spec:
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
    df["text"] = [index_text(x, scale) for x in df["index"]]
    df["index"] = pd.to_numeric(df["index"], errors="coerce").astype(float)
    df = df.sort_values("year", kind="stable").reset_index(drop=True)
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
            at = int(known.index.get_loc(i))  # type: ignore[arg-type]  # a unique index
            near = values[max(at - 1, 0):at] + values[at + 1:at + 2]
            df.loc[i, "below"] = bool(near) and values[at] < sum(near) / len(near)
    else:
        df["label"] = df["index"].notna()
        df["below"] = False
    years = sorted(set(df["year"]))
    lo = 0.0 if known.empty else max(0.0, math.floor((known.min() - 5) / 5) * 5)
    hi = 100.0 if known.empty else math.ceil((known.max() + 5) / 5) * 5
    hi = min(100.0, hi) if scale.percent else hi
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
              "axis": {"title": base.axis_title(scale), "format": "d", "tickCount": 3,
                       "tickMinStep": 1}},
    }

    def text(dy: int, where: str) -> base.Spec:
        return {"transform": [{"filter": f"isValid(datum.index) && datum.label && {where}"}],
                "mark": {"type": "text", "dy": dy, "fontSize": base.FONT_SIZE,
                         "color": base.TEXT_COLOR},
                "encoding": {"text": {"field": "text", "type": "nominal"}}}

    if description is None:
        parts = "; ".join(f"{y}: {t}" for y, t in zip(df["year"], df["text"], strict=True))
        description = f"Biểu đồ đường: {scale.name} của đơn vị qua các năm. {parts}."
    spec = {
        "$schema": alt.SCHEMA_URL, "config": base.base_config(),
        "data": {"values": records(df, ["year", "index", "text", "label", "below"])},
        "encoding": encoding,
        "layer": [
            {"mark": {"type": "line", "color": base.UNIT_COLOR, "strokeWidth": 2,
                      "invalid": "break-paths-filter-domains"}},
            {"transform": [{"filter": "isValid(datum.index)"}],
             "mark": {"type": "point", "filled": True, "size": 60, "color": base.UNIT_COLOR,
                      "opacity": 1}},
            text(-11, "!datum.below"), text(14, "datum.below")],
        "width": width, "height": height, "description": description,
    }
    if title:
        spec["title"] = title
    return spec


def unit_history_chart(rows: pd.DataFrame, **kwargs: Any) -> alt.LayerChart:
    """`unit_history_spec` as an Altair chart."""
    return alt.LayerChart.from_dict(unit_history_spec(rows, **kwargs), validate=False)
