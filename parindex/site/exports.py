"""Tables published for download: a year's results and field scores, one row per agency.

CSV and JSON are machine-readable: English column names as in the data contract, decimal
point, empty cell (null) for a missing value. Both the official index (as published, else
computed and rounded half-up) and the recomputed one are given, so anyone can check the one
against the other. A number the source prints is written with the decimals it is printed with
("7.00", "97.685"); a number the portal computes (a recomputed total or index, a percentage)
to `COMPUTED_DECIMALS`, past anything a source prints and free of float noise (the sum
65.19999999999999 is 65.2).

The workbook (`year_workbook`) is for people: the results with Vietnamese column titles, the
field scores one row per agency (a score, maximum and percentage column per field), numbers as
numbers shown with their printed decimals (a computed one with two, as on the site), and a
sheet saying what the data is, its licence and its sources. openpyxl writes about 100.000
cells a second: a national year (10.000 agencies) takes some 10 seconds, once (the store keeps
it while its tables do not change).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.writer.excel import ExcelWriter

from .. import fmt
from ..data.portal import Scale
from ..data.validate import PLACES
from ..frames import records
from ..scoring.score import Results

RESULT_COLUMNS = ["year", "unit_id", "name", "group_id", "group_name", "max_score",
                  "{components}", "total", "total_published", "index", "index_published",
                  "index_official", "rank", "rank_published", "inferred", "group_size",
                  "band_id", "band_name", "band_published", "index_change", "rank_change",
                  "source_id", "note"]
FIELD_COLUMNS = ["year", "unit_id", "name", "group_id", "field_id", "field_name", "score",
                 "max_score", "pct", "source_id", "note"]
COMPUTED_DECIMALS = 6
FIXED_DATE = (2020, 1, 1, 0, 0, 0)  # every zip entry's date and the workbook's: equal data,
# equal bytes

# The workbook's column titles; {name}: the index's name, {points}: its unit of change.
TITLES = {
    "year": "Năm", "unit_id": "Mã đơn vị", "name": "{members}", "group_id": "Mã nhóm",
    "group_name": "Nhóm", "max_score": "Điểm chuẩn tối đa", "total": "Tổng điểm tính lại",
    "total_published": "Tổng điểm (văn bản nguồn)", "index": "{name} tính lại",
    "index_published": "{name} (văn bản nguồn)", "index_official": "{name} chính thức",
    "rank": "Thứ hạng tính lại", "rank_published": "Thứ hạng (văn bản nguồn)",
    "inferred": "Cột có giá trị suy ra", "group_size": "Số đơn vị trong nhóm",
    "band_id": "Mã xếp loại", "band_name": "Xếp loại", "band_published":
    "Xếp loại (văn bản nguồn)", "index_change": "Thay đổi so với năm trước ({points})",
    "rank_change": "Thay đổi thứ hạng", "source_id": "Mã văn bản nguồn", "note": "Ghi chú",
}


def year_results(results: Results, year: int) -> pd.DataFrame:
    """The results of one year in ranking order (group, rank, name), each printed number with
    its `<column>_places` sibling (how many decimals it is printed with)."""
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
    return _with_places(df, cols)


def year_fields(results: Results, year: int) -> pd.DataFrame:
    ds = results.dataset
    df = results.fields[results.fields["year"] == year].copy()
    df["name"] = df["unit_id"].map(ds.units.set_index("unit_id")["name"])
    df["field_name"] = df["field_id"].map(ds.fields.set_index("field_id")["name"])
    return _with_places(df, FIELD_COLUMNS)


def _with_places(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """`columns` of `df`, each followed by its `_places` sibling where `df` has one."""
    cols = [x for c in columns for x in (c, c + PLACES) if x == c or x in df.columns]
    return df[cols].reset_index(drop=True)


def _columns(df: pd.DataFrame) -> list[str]:
    """The columns a download has: the `_places` siblings are how its numbers are written."""
    return [c for c in df.columns if not c.endswith(PLACES)]


def as_written(df: pd.DataFrame, text: bool = True) -> pd.DataFrame:
    """The table as a download writes it, without its `_places` siblings: a printed number
    with its printed decimals (as text, "7.00", when `text`; else the number it is, already
    at those decimals), any other float rounded half-up to COMPUTED_DECIMALS. Column by
    column: a national year is a million cells."""
    out = {}
    for c in _columns(df):
        col = df[c]
        if c + PLACES in df.columns:
            out[c] = _printed(col, df[c + PLACES]) if text else col
        elif pd.api.types.is_float_dtype(col):
            out[c] = _round(col)
        else:
            out[c] = col
    return pd.DataFrame(out, index=df.index)


def _floats(values: pd.Series) -> np.ndarray:
    return values.to_numpy(dtype=float, na_value=np.nan)


def _round(values: pd.Series) -> pd.Series:
    """Half-up to COMPUTED_DECIMALS, float noise below 1e-9 dropped first (as `fmt.rounded`);
    never -0.0."""
    x = _floats(values)
    scaled = np.round(np.abs(x) * 10.0 ** COMPUTED_DECIMALS, 3)
    return pd.Series(np.copysign(np.floor(scaled + 0.5), x) / 10.0 ** COMPUTED_DECIMALS + 0.0,
                     index=values.index)


def _printed(values: pd.Series, places: pd.Series) -> pd.Series:
    """Each printed number as text with its decimals (a value without: computed, rounded)."""
    computed = _round(values)
    return pd.Series([None if v != v else f"{v:.{int(p)}f}" if p == p else repr(r)
                      for v, p, r in zip(_floats(values), _floats(places), computed,
                                         strict=True)], index=values.index, dtype=object)


def written(x: object) -> object:
    """A chart's cell as a download writes it: a printed number (`fmt.Printed`) with its
    decimals (a `Decimal`: "7.00"), another float rounded half-up to COMPUTED_DECIMALS, a
    missing value None."""
    if fmt.is_missing(x):
        return None
    if isinstance(x, fmt.Printed):
        return fmt.round_half_up(x, x.places)
    if isinstance(x, float):
        value = float(fmt.round_half_up(x, COMPUTED_DECIMALS))
        return value if value else 0.0  # never -0.0
    return x


def to_csv(df: pd.DataFrame) -> str:
    """CSV text, UTF-8 with the header row; the writer adds a BOM so that Excel reads it."""
    return as_written(df).to_csv(index=False, lineterminator="\n")


def rows_csv(rows: list[dict[str, object]]) -> str:
    """CSV text of plain rows (a chart's numbers), as `to_csv` would write their DataFrame but
    without building one (a tenth of the time); a missing value is an empty cell."""
    columns = list(dict.fromkeys(k for r in rows for k in r))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([["" if (v := written(r.get(c))) is None else v for c in columns]
                      for r in rows])
    return out.getvalue()


def to_json(df: pd.DataFrame, meta: dict[str, object] | None = None) -> str:
    """{"meta": …, "data": [one object per row]}; missing values are null, numbers as
    `as_written` gives them."""
    return json.dumps({"meta": meta or {}, "data": records(as_written(df, text=False))},
                      ensure_ascii=False, default=_plain)


def _plain(value: object) -> object:
    """numpy scalars as Python numbers, anything else (dates) as text."""
    return value.item() if hasattr(value, "item") else str(value)


# ---- The workbook ---------------------------------------------------------------------------


class FixedZip(zipfile.ZipFile):
    """A zip whose entries all carry FIXED_DATE, whatever the clock: equal data, equal bytes
    (the workbooks, the report's Word document, the data package's zip)."""

    def writestr(self, zinfo_or_arcname: str | zipfile.ZipInfo, data: Any,
                 compress_type: int | None = None, compresslevel: int | None = None) -> None:
        if isinstance(zinfo_or_arcname, str):
            zinfo_or_arcname = zipfile.ZipInfo(zinfo_or_arcname, date_time=FIXED_DATE)
            zinfo_or_arcname.compress_type = zipfile.ZIP_DEFLATED
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename: Any, arcname: Any = None, compress_type: int | None = None,
              compresslevel: int | None = None) -> None:
        self.writestr(str(arcname or filename), Path(filename).read_bytes())


Column = tuple[str, list[object], list[str | None]]  # title, values, each one's number format


def _format(places: float, whole: bool) -> str:
    """The number format of a value printed with `places` decimals (NaN: computed, shown
    with two, as on the site), or of a whole number."""
    if whole or places == 0:
        return "0"
    return "0." + "0" * (2 if places != places else int(places))


def columns_of(df: pd.DataFrame, titles: dict[str, str]) -> list[Column]:
    """A table's columns for a sheet, titled by `titles`: numbers as `as_written` gives them,
    with the format that shows their printed decimals; text as it is."""
    values = as_written(df, text=False)
    out: list[Column] = []
    for c in values.columns:
        col = values[c]
        cells = [None if fmt.is_missing(v) else v for v in col.tolist()]
        if pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col):
            whole = pd.api.types.is_integer_dtype(col)
            places = _floats(df[c + PLACES]) if c + PLACES in df.columns else [np.nan] * len(df)
            out.append((titles.get(c, c), cells, [_format(p, whole) for p in places]))
        else:
            out.append((titles.get(c, c), cells, [None] * len(cells)))
    return out


def _sheet(ws: WriteOnlyWorksheet, columns: list[Column]) -> None:
    """A sheet of `columns`: a bold header row, frozen; a number a cell with its format."""
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for i, (title, _, _) in enumerate(columns):
        ws.column_dimensions[get_column_letter(i + 1)].width = max(8, min(40, len(title) + 2))
        cell = WriteOnlyCell(ws, title)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    formats = [f for _, _, f in columns]
    for r, row in enumerate(zip(*(v for _, v, _ in columns), strict=True)):
        out: list[object] = []
        for v, f in zip(row, formats, strict=True):
            if v is None or f[r] is None:
                out.append(v)
                continue
            cell = WriteOnlyCell(ws, v)
            cell.number_format = f[r]
            out.append(cell)
        ws.append(out)


def to_xlsx(sheets: list[tuple[str, list[Column]]], about: list[tuple[str, str]]) -> bytes:
    """A workbook of `sheets` (name, columns), then a sheet "Giải thích" of (label, text)
    rows. The same bytes for the same tables."""
    wb = Workbook(write_only=True)
    wb.properties.created = wb.properties.modified = datetime(*FIXED_DATE)
    wb.properties.creator = "parindex"
    for name, columns in sheets:
        _sheet(wb.create_sheet(name), columns)
    ws = wb.create_sheet("Giải thích")
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 100
    for label, text in about:
        ws.append([label, text])
    out = io.BytesIO()
    with FixedZip(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).write_data()
    return out.getvalue()


RESULTS_SHEET, FIELDS_SHEET = "Kết quả", "Điểm theo lĩnh vực"
ABOUT = [("Ô trống", "Chưa có số liệu: văn bản nguồn không nêu; không ô nào được điền thay."),
         ("Số", "Số in trong văn bản nguồn giữ đúng số chữ số thập phân được in (7,00; "
          "97,685). Số do cổng tính lại (tổng điểm, chỉ số tính lại, tỷ lệ) hiện với 2 chữ số "
          f"thập phân, giá trị giữ đến {COMPUTED_DECIMALS} chữ số."),
         ("Chỉ số chính thức", "Chỉ số in trong văn bản nguồn; nếu văn bản không in, chỉ số "
          "tính lại làm tròn 2 chữ số. Xếp loại và thứ hạng dựa trên chỉ số này.")]
FIELD_PARTS = (("score", "điểm"), ("max_score", "điểm tối đa"), ("pct", "tỷ lệ (%)"))


def _titles(scale: Scale, components: dict[str, str]) -> dict[str, str]:
    words = {"name": scale.name, "members": scale.Members, "points": scale.points}
    return {c: t.format(**words) for c, t in {**TITLES, **components}.items()}


def _fields_wide(fields: pd.DataFrame, agencies: pd.DataFrame, names: dict[str, str],
                 titles: dict[str, str]) -> list[Column]:
    """The field scores as people read them: one row per agency of `agencies` (unit_id, name,
    group_name: those with field scores, in that order), its score, maximum and percentage
    in each field (`names`: field id → name, in order)."""
    agencies = agencies[agencies["unit_id"].isin(fields["unit_id"])].reset_index(drop=True)
    out = columns_of(agencies, titles)
    by = fields.set_index(["field_id", "unit_id"])
    for fid, fname in names.items():
        if fid not in by.index.get_level_values(0):
            continue
        one = pd.DataFrame(by.loc[fid]).reindex(agencies["unit_id"]).reset_index(drop=True)
        for column, label in FIELD_PARTS:
            (_, values, formats), = columns_of(
                one[[x for x in (column, column + PLACES) if x in one.columns]], {})
            out.append((f"{fname}: {label}", values, formats))
    return out


def year_workbook(results: Results, year: int, scores: pd.DataFrame,
                  fields: pd.DataFrame | None) -> bytes:
    """The workbook of a year: its results (`year_results`), its field scores (`year_fields`,
    if any) one row per agency, and what they are: the data set, its licence, the sources of
    its rows."""
    from .values import Lookup  # the sources as cited on the site

    ds = results.dataset
    components = {c: str(n) for c, n in zip(ds.components["component_id"],
                                               ds.components["name"], strict=True)}
    titles = _titles(ds.scale, components)
    inferred: list[str | None] = [
        "; ".join(titles.get(x, x) for x in v.split("|")) if isinstance(v, str) and v else None
        for v in scores["inferred"]]
    results_table = scores.assign(inferred=pd.Series(inferred, index=scores.index,
                                                     dtype=object))
    sheets = [(RESULTS_SHEET, columns_of(results_table, titles))]
    ids = list(scores["source_id"])
    if fields is not None:
        names = dict(zip(ds.fields.sort_values("order")["field_id"],
                         ds.fields.sort_values("order")["name"], strict=True))
        agencies = scores[["unit_id", "name", "group_name"]]
        sheets.append((FIELDS_SHEET, _fields_wide(fields, agencies, names, titles)))
        ids += list(fields["source_id"])
    licence = next(iter(ds.descriptor.get("licenses") or []), {})
    about = [("Dữ liệu", str(ds.descriptor.get("title", ""))), ("Năm", str(year))]
    if licence:
        about.append(("Giấy phép", " ".join(str(licence.get(k, "")) for k in ("title", "path")
                                          ).strip()))
    about += [("Nguồn", s.citation) for s in Lookup(results).sources(*ids)] + ABOUT
    return to_xlsx(sheets, about)
