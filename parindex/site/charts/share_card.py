"""The site's card: the picture a link to a page without a chart of its own shows when shared
(Open Graph, Zalo, Facebook): the portal's name and subtitle on its colour, 1200 × 630 px as PNG.

Drawn from the data package's names like any chart (no province's name is in the code), so
that another province's site shares its own card.
"""

from __future__ import annotations

from typing import Any

from ..models import Chart
from ..urls import SHARE_IMAGE
from . import base

KIND = "share_card"
NAME = SHARE_IMAGE.removesuffix(".png")  # the file, at the site's root
WIDTH, HEIGHT = 600, 315  # drawn at scale 2: 1200 × 630, the size the networks ask for
BRAND, ACCENT = "#0d3b66", "#ffbf47"  # the theme's header and focus colours (site.css)
LINES = (("title", 34, 40, 24), ("subtitle", 18, 24, 48))  # role, size, line height, chars


def chart(name: str, subtitle: str) -> Chart:
    """The card of a portal named `name`, with its `subtitle`."""
    rows: list[dict[str, object]] = []
    for role, _, _, chars in LINES:
        text = name if role == "title" else subtitle
        rows += [{"role": role, "line": line}
                 for line in base.wrap(text, round(chars * 18 * 0.58), 18).split("\n")
                 if text]
    return Chart(KIND, NAME, name, ". ".join(t for t in (name, subtitle) if t), rows, "")


def spec(c: Chart) -> base.Spec:
    """The card as a Vega-Lite spec: lines of text, each role in its size, from the top."""
    marks: list[dict[str, Any]] = [{
        "mark": {"type": "rect", "color": ACCENT},
        "data": {"values": [{}]},
        "encoding": {"x": {"value": 40}, "x2": {"value": 120},
                     "y": {"value": HEIGHT - 52}, "y2": {"value": HEIGHT - 46}}}]
    y = 48
    for role, size, height, _ in LINES:
        rows = [r for r in c.rows if r["role"] == role]
        marks.append({
            "mark": {"type": "text", "align": "left", "baseline": "top", "fontSize": size,
                     "fontWeight": "bold" if role == "title" else "normal",
                     "color": "#ffffff", "font": base.FONT},
            "data": {"values": [{"line": r["line"], "y": y + i * height}
                                for i, r in enumerate(rows)]},
            "encoding": {"x": {"value": 40}, "y": {"field": "y", "type": "quantitative",
                                                   "scale": None},
                         "text": {"field": "line"}}})
        y += len(rows) * height + 16
    return {"$schema": "https://vega.github.io/schema/vega-lite/v5.json",
            "width": WIDTH, "height": HEIGHT, "padding": 0, "autosize": "none",
            "background": BRAND, "description": c.alt,
            "config": {"view": {"stroke": None}}, "layer": marks}
