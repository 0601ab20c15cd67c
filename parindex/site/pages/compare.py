"""The compare page (`so-sanh/`): choose two to four agencies and see them side by side.

Built here: only the choice (every agency with a result, by group) and where the script finds
each agency's numbers (its API document, `api.py`: the profile's own model as JSON). The
script (theme/static/js/compare.js) shows what those documents hold, formatted as the pages
are; it computes nothing.
"""

from __future__ import annotations

import json

from ...scoring.score import Results
from ...text import fold, vi_sort_key
from .. import narrative
from ..models import HOME, CompareChoice, ComparePage
from ..urls import (
    API_UNIT,
    COMPARE_INLINE,
    COMPARE_MAX,
    COMPARE_OPTIONS_URL,
    COMPARE_PARAM,
    COMPARE_URL,
    COMPARE_YEAR_PARAM,
)
from ..values import Lookup, as_str, unit_records


def compare_page(results: Results, lk: Lookup) -> ComparePage:
    scored = set(results.scores["unit_id"])
    by_group: dict[str, list[str]] = {}
    for uid, u in unit_records(lk).items():
        if uid in scored:
            by_group.setdefault(as_str(u["group_id"]), []).append(uid)
    choices = [CompareChoice(lk.group(g), sorted((lk.unit(u) for u in by_group[g]),
                                                 key=lambda r: vi_sort_key(r.name)))
               for g in lk.groups_df["group_id"] if g in by_group]
    return ComparePage(
        url=COMPARE_URL, template="compare", title=f"So sánh {lk.scale.members}",
        lead=narrative.compare_lead(lk.scale, COMPARE_MAX),
        breadcrumbs=[HOME], choices=choices,
        years=sorted(results.years, reverse=True), most=COMPARE_MAX, param=COMPARE_PARAM,
        year_param=COMPARE_YEAR_PARAM, api_unit=API_UNIT,
        fallback=narrative.compare_fallback(lk.scale), search_terms=fold("so sánh"),
        options_url=COMPARE_OPTIONS_URL
        if sum(len(c.units) for c in choices) > COMPARE_INLINE else "")


def options(page: ComparePage) -> str:
    """The choice as the script reads it when the page does not list it (ten thousand
    agencies are 0,6 MB of options): `[{"group": name, "units": [[id, name], …]}, …]`."""
    return json.dumps([{"group": str(c.group.name), "units": [[u.id, str(u.name)]
                                                              for u in c.units]}
                       for c in page.choices], ensure_ascii=False, separators=(",", ":"))
