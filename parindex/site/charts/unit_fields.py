"""An agency's percentage per field against its group's mean (profiles)."""

from __future__ import annotations

import json
from typing import Any

import altair as alt
import pandas as pd

from ... import fmt
from ...frames import records
from ...i18n import Num, join, t
from ..models import Chart, FieldRow
from ..narrative import TABLE_BELOW
from . import base

KIND = "unit_fields"


def chart(name: str, year: int | None, rows: list[FieldRow], order: dict[str, int]
          ) -> Chart | None:
    """The fields of the latest year with field scores; none without any percentage."""
    if year is None or not any(r.pct is not None for r in rows):
        return None
    drawn: list[dict[str, object]] = [
        {"field": r.field.short_name, "order": order[r.field.id], "pct": r.pct,
         "group_mean": r.group_mean.value} for r in rows if r.pct is not None]
    return Chart(KIND, "linh-vuc",
                 t("Tỷ lệ điểm theo lĩnh vực năm {year} so với trung bình nhóm", year=year),
                 alt_text(name, year, rows), drawn, "bang-linh-vuc")


def alt_text(name: str, year: int, rows: list[FieldRow]) -> str:
    parts = [t("{field} {pct} (nhóm {mean})", field=r.field.short_name, pct=Num("pct", r.pct),
               mean=Num("pct", r.group_mean.value)) for r in rows if r.pct is not None]
    return t("Biểu đồ: tỷ lệ điểm theo lĩnh vực năm {year} của {name} so với trung bình nhóm: "
             "{parts}. {below}", year=year, name=name, parts=join(parts, "; "),
             below=TABLE_BELOW)


def spec(c: Chart) -> base.Spec:
    return unit_fields_spec(base.frame(c.rows), description=c.alt)


def unit_fields_spec(rows: pd.DataFrame, *, width: int = base.WIDTH,
                     description: str | None = None, title: str | None = None) -> base.Spec:
    """One agency's percentage per field (bars) against its group's mean (dark ticks), as a
    Vega-Lite spec (a plain dict, like `unit_history_spec`: one per profile).

    `rows`: `field` (short name), `order`, `pct` (percent, NaN: "chưa có số liệu"),
    `group_mean` (percent, NaN: no tick).
    """
    df = rows.sort_values("order", kind="stable").copy()
    df["text"] = [fmt.pct(x) for x in df["pct"]]
    df["mean_text"] = ["" if fmt.is_missing(x) else "TB " + fmt.pct(x) for x in df["group_mean"]]
    df["pct"] = pd.to_numeric(df["pct"], errors="coerce").astype(float)
    df["group_mean"] = pd.to_numeric(df["group_mean"], errors="coerce").astype(float)
    df["key"] = base.unique([base.wrap(x, base.label_width(width)) for x in df["field"]])
    df["at"] = df[["pct", "group_mean"]].max(axis=1)
    keys = list(df["key"])
    step = base.band_step(keys, minimum=2 * base.LINE_HEIGHT + 8)
    plot = base.plot_px(width, keys)
    x_scale = base.percent_scale(plot, max(base.text_px(df.loc[df["pct"].notna(), "text"]),
                                       base.text_px(df["mean_text"], base.FONT_SIZE - 1)) + 7
                             ).to_dict(validate=False)
    has_pct, has_mean = "isValid(datum.pct)", "isValid(datum.group_mean)"
    color = {"field": "series", "type": "nominal",
             "scale": {"domain": [base.UNIT_SERIES, base.MEAN_SERIES],
                       "range": [base.UNIT_COLOR, base.MEAN_COLOR]},
             "legend": base.legend([base.UNIT_SERIES, base.MEAN_SERIES], plot, None).to_dict(
                 validate=False)}

    def text(where: str, field: str, dy: float, **mark: object) -> base.Spec:
        return {"transform": [{"filter": where}],
                "mark": {"type": "text", "align": "left", "baseline": "middle", "dy": dy,
                         **mark},
                "encoding": {"text": {"field": field, "type": "nominal"},
                             "x": {"field": "at", "type": "quantitative"}}}

    gaps = text(f"!{has_pct}", "text", -base.LINE_HEIGHT / 2, dx=2, fontSize=base.FONT_SIZE,
                fontStyle="italic", color=base.MUTED_COLOR)
    gaps["encoding"]["x"] = {"datum": 0}
    if description is None:
        description = (f"Biểu đồ thanh ngang: tỷ lệ điểm đạt của đơn vị ở {len(df)} lĩnh vực "
                       "(thanh), so với trung bình của nhóm (vạch đậm).")
    spec = {
        "$schema": alt.SCHEMA_URL, "config": base.base_config(),
        "data": {"values": records(df, ["key", "field", "pct", "group_mean", "at", "text",
                                         "mean_text"])},
        "encoding": {"y": {"field": "key", "type": "nominal", "sort": keys,
                           "scale": {"domain": keys},
                           "axis": base.category_axis(width).to_dict(validate=False)}},
        "layer": [
            {"transform": [{"filter": has_pct},
                           {"calculate": json.dumps(base.UNIT_SERIES), "as": "series"}],
             "mark": {"type": "bar", "height": {"band": 0.55}, "opacity": 1},
             "encoding": {"x": {"field": "pct", "type": "quantitative", "scale": x_scale,
                                "axis": base.pct_axis("Tỷ lệ điểm đạt (%)", plot).to_dict(
                                    validate=False)}, "color": color}},
            {"transform": [{"filter": has_mean},
                           {"calculate": json.dumps(base.MEAN_SERIES), "as": "series"}],
             "mark": {"type": "tick", "thickness": 3, "size": round(step * 0.75),
                      "opacity": 1},
             "encoding": {"x": {"field": "group_mean", "type": "quantitative",
                                "scale": x_scale}, "color": color}},
            text(has_pct, "text", -base.LINE_HEIGHT / 2, dx=5, fontSize=base.FONT_SIZE,
                 color=base.TEXT_COLOR),
            text(has_mean, "mean_text", base.LINE_HEIGHT / 2, dx=5, fontSize=base.FONT_SIZE - 1,
                 color=base.MUTED_COLOR),
            gaps],
        "height": {"step": step}, "width": width, "description": description,
    }
    if title:
        spec["title"] = title
    return spec


def unit_fields_chart(rows: pd.DataFrame, **kwargs: Any) -> alt.LayerChart:
    """`unit_fields_spec` as an Altair chart."""
    return alt.LayerChart.from_dict(unit_fields_spec(rows, **kwargs), validate=False)
