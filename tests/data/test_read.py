"""Reading files as editors produce them (parindex/data/read.py): same data, same results.

The real package saved as Excel workbooks, or as semicolon-separated, BOM-prefixed CSV with
decimal commas (what Excel writes in a Vietnamese locale), scores exactly like the canonical CSV.
"""

import csv
import json
import shutil

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from parindex.data.dataset import load
from parindex.data.read import read_xlsx
from parindex.data.validate import check_table
from parindex.scoring.score import score
from tests.conftest import DATA, copy_real

RESULT = ["year", "unit_id", "total", "index", "index_official", "rank", "band_id"]


def rows_of(path):
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def as_excel_value(text: str):
    try:
        return float(text) if any(c.isdigit() for c in text) and "-" not in text[1:] else text
    except ValueError:
        return text


def results_of(root):
    dataset, report = load(root)
    assert dataset is not None, str(report)
    r = score(dataset)
    return r.scores[RESULT].sort_values(["year", "unit_id"]).reset_index(drop=True), r.fields


@pytest.fixture(scope="module")
def canonical():
    return results_of(DATA)


def test_excel_workbooks_give_the_same_results(tmp_path, canonical):
    data = copy_real(tmp_path)
    for csv_path in list(data.glob("*.csv")):  # one workbook per table at the top
        wb = Workbook()
        for row in rows_of(csv_path):
            wb.active.append([as_excel_value(c) for c in row])
        wb.save(csv_path.with_suffix(".xlsx"))
        csv_path.unlink()
    for year_dir in [p for p in data.iterdir() if p.is_dir() and p.name.isdigit()]:
        wb = Workbook()  # one workbook per year, a sheet per table
        wb.remove(wb.active)
        for csv_path in sorted(year_dir.glob("*.csv")):
            ws = wb.create_sheet(csv_path.stem)
            for row in rows_of(csv_path):
                ws.append([as_excel_value(c) for c in row])
        wb.save(data / f"{year_dir.name}.xlsx")
        shutil.rmtree(year_dir)
    scores, fields = results_of(data)
    pd.testing.assert_frame_equal(scores, canonical[0])
    assert fields["score"].sum() == pytest.approx(canonical[1]["score"].sum(), abs=1e-9)


def test_vietnamese_excel_csv_gives_the_same_results(tmp_path, canonical):
    data = copy_real(tmp_path)
    for csv_path in data.rglob("*.csv"):
        rows = rows_of(csv_path)
        body = [[c.replace(".", ",") if c.replace(".", "").isdigit() else c for c in r]
                for r in rows[1:]]
        with csv_path.open("w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f, delimiter=";")
            w.writerow(rows[0])
            w.writerows([[f"  {c} " if c else c for c in r] for r in body])  # stray spaces
    scores, _ = results_of(data)
    pd.testing.assert_frame_equal(scores, canonical[0])


def test_indicator_thousands_in_vietnamese_style(tmp_path):
    data = copy_real(tmp_path)
    path = data / "2023" / "indicators.csv"
    rows = rows_of(path)
    i = rows[0].index("value")
    big = next(r for r in rows[1:] if float(r[i]) >= 1000 and float(r[i]).is_integer())
    expected = float(big[i])
    big[i] = f"{int(expected):,}".replace(",", ".")  # 605859 → 605.859
    other = next(r for r in rows[1:] if not float(r[i]).is_integer())
    other[i] = other[i].replace(".", ",")
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    dataset, report = load(data)
    assert dataset is not None, str(report)
    assert expected in set(dataset.years[2023].indicators["value"])


TABLES = sorted(p.relative_to(DATA).as_posix() for p in DATA.rglob("*.csv"))


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=st.sampled_from(TABLES), data=st.binary(max_size=400))
def test_random_bytes_give_a_clean_report(tmp_path_factory, table, data):
    root = copy_real(tmp_path_factory.mktemp("bytes"))
    (root / table).write_bytes(data)
    dataset, report = load(root)
    assert dataset is not None or report.errors


CELL = st.one_of(st.text(max_size=12), st.sampled_from(
    ["", "-1", "1e309", "nan", "83,84", "1.234", "javascript:x", "2023", "true", "\x00", ";"]))


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=st.sampled_from(TABLES), row=st.integers(0, 60), col=st.integers(0, 12),
       value=CELL, drop=st.booleans())
def test_mutated_real_tables_give_results_or_a_clean_report(tmp_path_factory, table, row, col,
                                                            value, drop):
    root = copy_real(tmp_path_factory.mktemp("mut"))
    rows = rows_of(root / table)
    r, c = row % len(rows), col % len(rows[0])
    if drop and len(rows) > 1:
        rows.pop(r)
    else:
        rows[r][c] = value
    with (root / table).open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    dataset, report = load(root)
    if dataset is not None:
        score(dataset)
    else:
        assert report.errors


def test_excel_cells_outside_the_named_columns_are_reported(tmp_path):
    data = copy_real(tmp_path)
    rows = rows_of(data / "groups.csv")
    wb = Workbook()
    for row in rows:
        wb.active.append([as_excel_value(c) for c in row])
    wb.active.cell(row=3, column=len(rows[0]) + 2, value="ghi chú lạc")
    wb.save(data / "groups.xlsx")
    (data / "groups.csv").unlink()
    dataset, report = load(data)
    hits = [p for p in report.errors if p.code == "row-length"]
    assert dataset is None and [(p.file, p.row) for p in hits] == [("groups.xlsx", 3)]


def test_empty_rows_are_skipped_and_rows_keep_their_spreadsheet_numbers(tmp_path):
    from parindex.data.read import read_csv

    path = tmp_path / "units.csv"
    path.write_text("unit_id,name\nA,Một\n,\n , \nB,\nC,Ba\n", encoding="utf-8")
    raw, problems = read_csv(path, "units", "units.csv")
    assert problems == []
    # rows 3 and 4 are empty (spaces only count as empty); row 5 has an id and no name
    assert raw.frame.index.tolist() == [2, 5, 6]
    assert raw.frame["unit_id"].tolist() == ["A", "B", "C"]


def test_csv_rows_with_too_few_or_too_many_cells_are_reported_by_row(tmp_path):
    from parindex.data.read import read_csv

    path = tmp_path / "units.csv"
    path.write_text("unit_id,name,group_id\nA,Một,so\nB,Hai\nC,Ba,so,thừa\nD,Bốn,so\n",
                    encoding="utf-8")
    raw, problems = read_csv(path, "units", "units.csv")
    assert [(p.code, p.row) for p in problems] == [("row-length", 3), ("row-length", 4)]
    assert list(raw.frame.loc[5]) == ["D", "Bốn", "so"]
    path.write_text("unit_id,name,group_id\nA,Một,so\nB,Hai\n", encoding="utf-8")  # short only
    raw, problems = read_csv(path, "units", "units.csv")
    assert [(p.code, p.row) for p in problems] == [("row-length", 3)]


COMMENTED = ('unit_id,name,note\n'
             '#so-mau,Sở mẫu,dòng ví dụ\n'
             'so-a,Sở A,"ghi chú hai dòng\n#dòng này thuộc ô ghi chú"\n'
             '#"trong ngoặc, vẫn là ghi chú\n'
             'so-b,Sở #B,#không phải ghi chú\n'
             '"#so-c",Sở C,\n'
             '# dòng, sai, số, ô\n'
             'so-d,Sở D\n')


def test_rows_starting_with_the_comment_character_are_skipped_and_reported_nowhere(tmp_path):
    """Frictionless CSV Dialect `commentChar`: a row that starts with "#" is no data, even
    with quotes or the wrong number of cells; a "#" inside a cell, in a later column or on a
    line that continues a quoted cell is data; the other rows keep their numbers."""
    from parindex.data.read import read_csv

    path = tmp_path / "units.csv"
    path.write_text(COMMENTED, encoding="utf-8")
    raw, problems = read_csv(path, "units", "units.csv", "#")
    assert [(p.code, p.row) for p in problems] == [("row-length", 8)]
    assert raw.frame["unit_id"].to_dict() == {3: "so-a", 5: "so-b", 6: "#so-c", 8: "so-d"}
    assert raw.frame.at[3, "note"] == "ghi chú hai dòng\n#dòng này thuộc ô ghi chú"
    assert raw.frame.at[5, "name"] == "Sở #B" and raw.frame.at[5, "note"] == "#không phải ghi chú"
    raw, problems = read_csv(path, "units", "units.csv")  # no comment character: all data
    assert "#so-mau" in raw.frame["unit_id"].tolist()
    assert [(p.code, p.row) for p in problems] == [("row-length", r) for r in (4, 7, 8)]


def test_only_a_file_whose_resource_declares_a_comment_character_has_comments(tmp_path):
    data = copy_real(tmp_path)
    path = data / "groups.csv"
    text = path.read_text(encoding="utf-8")
    header, body = text.split("\n", 1)
    path.write_text(f"{header}\n#mau,Nhóm mẫu,Mẫu,9,,,\n{body}", encoding="utf-8")
    _, report = load(data)
    assert [(p.code, p.file, p.row) for p in report.errors] == [("pattern", "groups.csv", 2)]
    desc_path = data / "datapackage.json"
    desc = json.loads(desc_path.read_text(encoding="utf-8"))
    for resource in desc["resources"]:
        if resource["path"] == "groups.csv":
            resource["dialect"] = {"commentChar": "#"}
    desc_path.write_text(json.dumps(desc, ensure_ascii=False), encoding="utf-8")
    dataset, report = load(data)
    assert report.ok, str(report)
    assert "mau" not in dataset.groups["group_id"].tolist()
    assert dataset.groups.index[0] == 3  # the first group is still row 3 of the file


def test_a_workbooks_number_cell_is_a_number_with_the_decimals_it_shows(tmp_path):
    data = copy_real(tmp_path)
    rows = rows_of(data / "2023" / "indicators.csv")
    (data / "2023" / "indicators.csv").unlink()
    wb = Workbook()
    ws = wb.active
    ws.append(rows[0])
    for row, value in zip(rows[1:6], (97.685, 605859, 97.68499999999999, 7, "1.234"),
                          strict=True):
        ws.append(list({**dict(zip(rows[0], row, strict=True)), "value": value}.values()))
    column = rows[0].index("value") + 1
    ws.cell(row=4, column=column).number_format = "0.000"  # shows 97,685
    ws.cell(row=5, column=column).number_format = "#,##0.00"  # shows 7,00
    wb.save(data / "2023" / "indicators.xlsx")
    dataset, report = load(data)
    # the text "1.234" is still text: read two ways, it is reported; the numbers never are
    assert [(p.code, p.row, p.value) for p in report.errors] == [("ambiguous", 6, "1.234")]
    raw, _ = read_xlsx(data / "2023" / "indicators.xlsx", "indicators", "2023/indicators.xlsx")
    schema = json.loads((DATA / "schemas" / "indicators.json").read_text(encoding="utf-8"))
    table, _ = check_table(raw, schema)
    assert table["value"].tolist()[:4] == pytest.approx([97.685, 605859, 97.685, 7])
    assert table["value_places"].tolist()[:4] == [3, 0, 3, 2]
