"""A group's ranking: a bar per agency, best on top, coloured by band (ranking pages)."""

from __future__ import annotations

from typing import cast

import altair as alt
import pandas as pd

from ... import fmt
from ...data.portal import PERCENT, Scale
from ...frames import records
from ...i18n import join, t
from ..models import Band, Chart, Ref, ScoreRow
from ..narrative import TABLE_BELOW, index_num, index_text
from . import base

KIND = "group_index"
MAX_BARS = 150  # a bar per agency stops being readable (and Vega's renderer overflows) beyond


def chart(rows: list[ScoreRow], group: Ref, year: int, bands: list[Band],
          scale: Scale = PERCENT) -> Chart | None:
    """Every agency with an index as a bar (an agency whose index the source does not print
    has no row: the table says so); none for a group too large to read as bars (its table
    stays) or without any index."""
    rows = [r for r in rows if r.index.value is not None]
    if len(rows) > MAX_BARS or not rows:
        return None
    drawn: list[dict[str, object]] = [{"label": r.unit.short_name, "index": r.index.value,
              "band_name": r.band.name if r.band else None,
              "band_order": r.band.order if r.band else None, "rank": r.rank}
             for r in rows]
    legend = [{"band_id": b.id, "name": b.name, "order": b.order} for b in bands]
    return Chart(KIND, "chi-so", t("{index} năm {year}: {group}", index=scale.name, year=year,
                                   group=group.name),
                 alt_text(group.name, year, rows, scale), drawn, "bang-xep-hang", legend, scale)


def alt_text(group: str, year: int, rows: list[ScoreRow], scale: Scale = PERCENT) -> str:
    parts = [t("{name} {value}", name=r.unit.short_name, value=index_num(r.index.value, scale))
             for r in rows]
    return t("Biểu đồ thanh ngang: {index} năm {year} của {n} đơn vị nhóm {group}, theo thứ "
             "hạng: {parts}. {below}", index=scale.named, year=year, n=len(rows), group=group,
             parts=join(parts, "; "), below=TABLE_BELOW)


def spec(c: Chart) -> base.Spec:
    return base.as_spec(group_index_chart(base.frame(c.rows), pd.DataFrame(c.legend),
                                          description=c.alt, scale=c.scale), validate=False)


def group_index_chart(rows: pd.DataFrame, bands: pd.DataFrame, *, width: int = base.WIDTH,
                      description: str | None = None, title: str | None = None,
                      scale: Scale = PERCENT) -> alt.LayerChart:
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
    df["key"] = base.unique([base.wrap(x, base.label_width(width)) for x in df["label"]])
    df["text"] = [index_text(x, scale) for x in df["index"]]
    df["index"] = df["_index"]
    keys = list(df["key"])
    values = records(df, ["key", "label", "index", "band_name", "band_order", "text"])

    legend = (bands[["name", "order"]].dropna().drop_duplicates("order").sort_values("order"))
    names, orders = list(legend["name"]), [int(o) for o in legend["order"]]
    for name, order in zip(df["band_name"], df["band_order"], strict=True):
        if not fmt.is_missing(name) and name not in names:
            names.append(name)
            orders.append(int(order) if not fmt.is_missing(order) else len(base.BAND_COLORS))
    colors = [base.band_color(o) for o in orders]

    plot = base.plot_px(width, keys)
    top = 100.0 if scale.percent else base.nice_top(df["_index"].max())
    x_scale = base.percent_scale(plot, base.text_px(df.loc[df["_index"].notna(), "text"]) + 6,
                                 top)
    y = alt.Y("key:N", sort=keys, scale=alt.Scale(domain=keys), axis=base.category_axis(width))
    data = alt.Data(values=values)  # type: ignore[no-untyped-call]
    marks = alt.Chart(data).encode(y=y)
    known = "isValid(datum.index)"
    bars = marks.transform_filter(known).mark_bar(height={"band": 0.7}).encode(
        x=alt.X("index:Q", scale=x_scale, axis=base.pct_axis(base.axis_title(scale), plot, top)),
        color=alt.Color("band_name:N", scale=alt.Scale(domain=names, range=colors),
                        legend=base.legend(names, plot, "Xếp loại")))
    labels = marks.transform_filter(known).mark_text(
        align="left", baseline="middle", dx=4, fontSize=base.FONT_SIZE, color=base.TEXT_COLOR
    ).encode(x="index:Q", text="text:N")
    gaps = marks.transform_filter(f"!{known}").mark_text(
        align="left", baseline="middle", dx=2, fontSize=base.FONT_SIZE, fontStyle="italic",
        color=base.MUTED_COLOR).encode(x=alt.datum(0), text="text:N")

    if description is None:
        description = _describe_ranking(df, scale)
    chart = alt.layer(bars, labels, gaps).properties(height=alt.Step(base.band_step(keys)))
    return cast(alt.LayerChart, base.top(chart, width, description, title))


def _describe_ranking(df: pd.DataFrame, scale: Scale) -> str:
    known = df[df["_index"].notna()]
    text = (f"Biểu đồ thanh ngang: {scale.name} của {len(df)} đơn vị, "
            "xếp từ cao xuống thấp.")
    if len(known):
        best = known.loc[known["_index"].idxmax()]
        worst = known.loc[known["_index"].idxmin()]
        hi, lo = float(best["_index"]), float(worst["_index"])
        text += (f" Cao nhất: {best['label']} ({index_text(hi, scale)});"
                 f" thấp nhất: {worst['label']} ({index_text(lo, scale)}).")
    if len(known) < len(df):
        text += f" {len(df) - len(known)} đơn vị {fmt.MISSING}."
    return text
