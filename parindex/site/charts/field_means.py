"""Mean percentage per field, one bar per agency group (year pages)."""

from __future__ import annotations

from typing import cast

import altair as alt
import pandas as pd

from ... import fmt
from ...frames import records
from ...i18n import Num, t
from ..models import Chart, FieldOverview, GroupStats
from ..narrative import TABLE_BELOW
from . import base

KIND = "field_means"


def chart(year: int, fields: list[FieldOverview], groups: list[GroupStats],
          order: dict[str, int]) -> Chart | None:
    """Each group's mean in each field; none when no mean is known."""
    rows = [{"field": f.field.short_name, "order": order[f.field.id],
             "group": g.group.short_name if g.group else "", "mean": m.value}
            for f in fields for g, m in zip(groups, f.group_means, strict=True)
            if m.value is not None]
    if not rows:
        return None
    return Chart(KIND, "linh-vuc",
                 t("Giá trị trung bình theo lĩnh vực và nhóm, năm {year}", year=year),
                 alt_text(year, fields, groups), rows, "bang-linh-vuc")


def alt_text(year: int, fields: list[FieldOverview], groups: list[GroupStats]) -> str:
    known = [f for f in fields if f.mean.value is not None]
    best = max(known, key=lambda f: f.mean.value or 0.0, default=None)
    worst = min(known, key=lambda f: f.mean.value or 0.0, default=None)
    if best and worst:
        return t("Biểu đồ: giá trị trung bình của {n} lĩnh vực năm {year} theo {groups} nhóm "
                 "đơn vị. Trung bình chung cao nhất: {best} ({hi}); thấp nhất: {worst} ({lo}). "
                 "{below}", n=len(fields), year=year, groups=len(groups), best=best.field.name,
                 hi=Num("pct", best.mean.value), worst=worst.field.name,
                 lo=Num("pct", worst.mean.value), below=TABLE_BELOW)
    return t("Biểu đồ: giá trị trung bình của {n} lĩnh vực năm {year} theo {groups} nhóm đơn "
             "vị. {below}", n=len(fields), year=year, groups=len(groups), below=TABLE_BELOW)


def spec(c: Chart) -> base.Spec:
    return base.as_spec(field_means_chart(base.frame(c.rows), description=c.alt),
                        validate=False)


def field_means_chart(rows: pd.DataFrame, *, width: int = base.WIDTH,
                      description: str | None = None, title: str | None = None
                      ) -> alt.LayerChart:
    """Mean percentage per field, one bar per agency group, fields in their order.

    `rows`: `field` (short name), `order`, `group` (group short name, groups coloured in the
    order they first appear), `mean` (percent, NaN: no bar).
    """
    df = rows.sort_values("order", kind="stable").copy()
    df["text"] = [fmt.pct(x) for x in df["mean"]]
    df["mean"] = pd.to_numeric(df["mean"], errors="coerce").astype(float)
    fields = list(dict.fromkeys(df["field"]))
    wrapped = dict(zip(fields, base.unique([base.wrap(f, base.label_width(width))
                                            for f in fields]), strict=True))
    df["key"] = df["field"].map(wrapped)
    groups = list(dict.fromkeys(df["group"]))
    keys = [wrapped[f] for f in fields]
    values = records(df[df["mean"].notna()], ["key", "field", "group", "mean", "text"])
    colors = [base.GROUP_COLORS[i % len(base.GROUP_COLORS)] for i in range(len(groups))]
    bar_step = 15
    lines = max((k.count("\n") + 1 for k in keys), default=1)
    band = max(len(groups) * bar_step, lines * base.LINE_HEIGHT) + 10

    plot = base.plot_px(width, keys)
    x_scale = base.percent_scale(
        plot, base.text_px(df.loc[df["mean"].notna(), "text"], base.FONT_SIZE - 1) + 5)
    y = alt.Y("key:N", sort=keys, scale=alt.Scale(domain=keys, paddingInner=0, paddingOuter=0),
              axis=base.category_axis(width))
    offset = alt.YOffset("group:N", sort=groups,
                         scale=alt.Scale(domain=groups, paddingInner=0.1, paddingOuter=0.3))
    data = alt.Data(values=values)  # type: ignore[no-untyped-call]
    marks = alt.Chart(data).encode(y=y, yOffset=offset)
    bars = marks.mark_bar().encode(
        x=alt.X("mean:Q", scale=x_scale, axis=base.pct_axis("Tỷ lệ điểm đạt trung bình (%)", plot)),
        color=alt.Color("group:N", scale=alt.Scale(domain=groups, range=colors),
                        legend=base.legend(groups, plot, "Nhóm")))
    labels = marks.mark_text(align="left", baseline="middle", dx=3, fontSize=base.FONT_SIZE - 1,
                            color=base.TEXT_COLOR).encode(x="mean:Q", text="text:N")

    if description is None:
        description = (f"Biểu đồ thanh ngang: tỷ lệ điểm đạt trung bình của {len(fields)} lĩnh "
                       f"vực, mỗi nhóm một màu: {', '.join(map(str, groups))}.")
    chart = alt.layer(bars, labels).properties(height=len(keys) * band)
    return cast(alt.LayerChart, base.top(chart, width, description, title))
