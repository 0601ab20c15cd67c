"""Tables published for download: a year's results and field scores, one row per agency.

Machine-readable: English column names as in the data contract, decimal point, empty cell for a
missing value. Both the official index (as published, else computed and rounded half-up) and
the recomputed one at full precision are given, so anyone can check the one against the other.
"""

from __future__ import annotations

import csv
import io
import json

import pandas as pd

from .. import fmt
from ..frames import records
from ..scoring.score import Results

RESULT_COLUMNS = ["year", "unit_id", "name", "group_id", "group_name", "max_score",
                  "{components}", "total", "total_published", "index", "index_published",
                  "index_official", "rank", "rank_published", "inferred", "group_size",
                  "band_id", "band_name", "band_published", "index_change", "rank_change",
                  "source_id", "note"]
FIELD_COLUMNS = ["year", "unit_id", "name", "group_id", "field_id", "field_name", "score",
                 "max_score", "pct", "source_id", "note"]


def year_results(results: Results, year: int) -> pd.DataFrame:
    """The results of one year in ranking order (group, rank, name)."""
    ds = results.dataset
    df = results.year(year).copy()
    df["group_name"] = df["group_id"].map(ds.groups.set_index("group_id")["name"])
    bands = ds.bands[ds.bands["band_id"].isin(df["band_id"].dropna())]
    df["band_name"] = df["band_id"].map(bands.drop_duplicates("band_id")
                                        .set_index("band_id")["name"])
    order = ds.groups.set_index("group_id")["order"]
    df["_g"] = df["group_id"].map(order)
    df["_r"] = df["rank"].astype("Float64").fillna(df["rank_published"].astype("Float64"))
    df = df.sort_values(["_g", "_r", "name"], na_position="last")
    cols = []
    for c in RESULT_COLUMNS:
        cols += ds.component_ids if c == "{components}" else [c]
    return df[cols].reset_index(drop=True)


def year_fields(results: Results, year: int) -> pd.DataFrame:
    ds = results.dataset
    df = results.fields[results.fields["year"] == year].copy()
    df["name"] = df["unit_id"].map(ds.units.set_index("unit_id")["name"])
    df["field_name"] = df["field_id"].map(ds.fields.set_index("field_id")["name"])
    return df[FIELD_COLUMNS].reset_index(drop=True)


def to_csv(df: pd.DataFrame) -> str:
    """CSV text, UTF-8 with the header row; the writer adds a BOM so that Excel reads it."""
    return df.to_csv(index=False, lineterminator="\n")


def rows_csv(rows: list[dict[str, object]]) -> str:
    """CSV text of plain rows (a chart's numbers), as `to_csv` would write their DataFrame but
    without building one (a tenth of the time); a missing value is an empty cell."""
    columns = list(dict.fromkeys(k for r in rows for k in r))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([["" if fmt.is_missing(v := r.get(c)) else v for c in columns]
                      for r in rows])
    return out.getvalue()


def to_json(df: pd.DataFrame, meta: dict[str, object] | None = None) -> str:
    """{"meta": …, "data": [one object per row]}; missing values are null, numbers at full
    precision (as in the CSV: pandas' own writer keeps only 10 significant digits)."""
    return json.dumps({"meta": meta or {}, "data": records(df)}, ensure_ascii=False,
                      default=_plain)


def _plain(value: object) -> object:
    """numpy scalars as Python numbers, anything else (dates) as text."""
    return value.item() if hasattr(value, "item") else str(value)
