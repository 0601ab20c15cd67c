"""Means year by year: the province's (home page) or each group's (year overview), with a gap
where a year has no value (no point, and no line across it)."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from ...data.portal import PERCENT, Scale
from ...frames import records
from ...i18n import join, t
from ..models import Chart, TrendPoint
from ..narrative import index_num, index_text
from . import base
from .unit_history import with_gaps

KIND = "mean_trend"


def chart(title: str, points: list[TrendPoint], scale: Scale = PERCENT) -> Chart | None:
    """One line per series through its known years; none unless some series has two known
    years (a single year is no trend: its value is on the page already)."""
    series = list(dict.fromkeys(p.series for p in points))
    rows: list[dict[str, object]] = []
    for s in series:
        known = {p.year: p.mean.value for p in points if p.series == s and not p.mean.missing}
        rows += [{"series": s, **r} for r in with_gaps(known)]
    if not any(sum(1 for r in rows if r["series"] == s and r["index"] is not None) > 1
               for s in series):
        return None
    return Chart(KIND, "xu-huong", title, alt_text(title, points, scale), rows, "bang-xu-huong",
                 scale=scale)


def alt_text(title: str, points: list[TrendPoint], scale: Scale = PERCENT) -> str:
    parts = [t("{series} năm {year}: {value}", series=p.series, year=p.year,
               value=index_num(p.mean.value, scale)) for p in points]
    return t("Biểu đồ đường: {title} — {parts}.", title=title, parts=join(parts, "; "))


def spec(c: Chart) -> base.Spec:
    return mean_trend_spec(base.frame(c.rows), description=c.alt, scale=c.scale)


def mean_trend_spec(rows: pd.DataFrame, *, width: int = base.WIDTH, height: int = 200,
                    description: str = "", scale: Scale = PERCENT) -> base.Spec:
    """`rows`: `series`, `year`, `index` (NaN: a gap; the line breaks there). A plain dict,
    as `unit_history_spec`."""
    df = rows.copy()
    df["year"] = pd.to_numeric(df["year"]).astype(int)
    df["text"] = [index_text(x, scale) for x in df["index"]]
    df["index"] = pd.to_numeric(df["index"], errors="coerce").astype(float)
    known = df["index"].dropna()
    years = sorted(set(df["year"]))
    lo = 0.0 if known.empty else max(0.0, (known.min() // 5) * 5 - 5)
    hi = 100.0 if known.empty else (known.max() // 5) * 5 + 10
    hi = min(100.0, hi) if scale.percent else hi
    names = list(dict.fromkeys(df["series"]))
    color: dict[str, Any] = {"field": "series", "type": "nominal", "title": None,
                             "scale": {"domain": names}, "legend": {"orient": "bottom"}}
    if len(names) == 1:
        color = {"value": base.UNIT_COLOR}
    encoding = {
        "x": {"field": "year", "type": "quantitative",
              "scale": {"domain": [years[0] - 0.5, years[-1] + 0.5], "nice": False,
                        "zero": False},
              "axis": {"title": None, "values": years, "format": "d", "grid": False}},
        "y": {"field": "index", "type": "quantitative",
              "scale": {"domain": [lo, hi], "nice": False, "zero": False},
              "axis": {"title": base.axis_title(scale), "format": "d", "tickCount": 3}},
        "color": color, "detail": {"field": "series", "type": "nominal"},
    }
    layer: list[base.Spec] = [
        {"mark": {"type": "line", "strokeWidth": 2, "invalid": "break-paths-filter-domains"}},
        {"transform": [{"filter": "isValid(datum.index)"}],
         "mark": {"type": "point", "filled": True, "size": 50, "opacity": 1}}]
    if len(names) == 1:
        layer.append({"transform": [{"filter": "isValid(datum.index)"}],
                      "mark": {"type": "text", "dy": -11, "fontSize": base.FONT_SIZE,
                               "color": base.TEXT_COLOR},
                      "encoding": {"text": {"field": "text", "type": "nominal"}}})
    return {"$schema": alt.SCHEMA_URL, "config": base.base_config(),
            "data": {"values": records(df, ["series", "year", "index", "text"])},
            "encoding": encoding, "layer": layer, "width": width, "height": height,
            "description": description}
