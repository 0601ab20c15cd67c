"""Charts drawn at build time: one module per kind (its rows, specification and text
alternative), found here by the kind a page model's `Chart` names.

`render(chart)` is the SVG (`render_png` a PNG, for sharing); `key(chart)` is what they are made
from (the chart's inputs and the code and libraries that draw it): equal keys, equal files, so a
build draws only new keys.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from types import ModuleType

from ... import fmt
from ..models import Chart
from . import base, field_means, group_index, mean_trend, share_card, unit_fields, unit_history
from .base import Spec, band_css

KINDS: dict[str, ModuleType] = {m.KIND: m for m in (group_index, field_means, unit_fields,
                                                    unit_history, mean_trend, share_card)}


def spec(chart: Chart) -> Spec:
    """The chart's Vega-Lite specification, not validated (a third of a chart's time: the
    tests validate every kind)."""
    made: Spec = KINDS[chart.kind].spec(chart)
    return made


def render(chart: Chart) -> str:
    """The chart as a static SVG. Top-level, so that a worker process can draw it."""
    return base.render_svg(spec(chart), validate=False,
                           draw=getattr(KINDS[chart.kind], "draw", None))


def render_png(chart: Chart) -> bytes:
    """The chart as PNG, twice its size: the picture a shared link to its page shows."""
    return base.render_png(spec(chart), validate=False)


def _code() -> str:
    import altair
    import vl_convert

    h = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")) + [Path(fmt.__file__)]:
        h.update(path.read_bytes())
    versions = (altair.__version__, getattr(vl_convert, "__version__", ""), base.RENDERER)
    h.update("\0".join(versions).encode())
    return h.hexdigest()


CODE = _code()


def key(chart: Chart) -> str:
    """sha256 of everything the chart's SVG is made from."""
    payload = {"kind": chart.kind, "rows": chart.rows, "alt": chart.alt,
               "legend": chart.legend, "scale": [chart.scale.name, chart.scale.kind], "code": CODE}
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


__all__ = ["KINDS", "Spec", "band_css", "key", "render", "render_png", "spec"]
