"""Validation (parindex/data/validate.py, rules.py): every problem at once, with file, row and
column.

Each case breaks a copy of the real data package in one way; the message must name where.
"""

import json

import pytest

from parindex.data import package
from parindex.data.dataset import load
from tests.conftest import copy_real, write_package
from tests.helpers import edit, run_cli, set_cell


def duplicate_row(row: int):
    def change(header, body):
        body.append(list(body[row - 2]))
    return change


def drop_column(column: str):
    def change(header, body):
        i = header.index(column)
        header.pop(i)
        for r in body:
            r.pop(i)
    return change


def band_gap(header, body):
    for r in body:  # Nhóm 3 starts at 70 instead of 65: 65–70 % belongs to no band
        if r[header.index("band_id")] == "nhom-3":
            r[header.index("min_pct")] = "70"


# (file, change, expected code, row, column); rows of 2023/scores.csv: 2 = first agency
CASES = {
    "unknown agency": ("2023/scores.csv", set_cell(3, "unit_id", "so-khong-co"),
                       "unknown-reference", 3, "unit_id"),
    "duplicate row": ("2023/scores.csv", duplicate_row(2), "duplicate-row", 42, "unit_id"),
    "missing column": ("2023/field_scores.csv", drop_column("field_id"), "missing-column", 1,
                       "field_id"),
    "text in a number column": ("2023/scores.csv", set_cell(30, "sipas", "mười bốn"), "type",
                                30, "sipas"),
    "score above maximum": ("2023/scores.csv", set_cell(21, "self_assessment", "120"),
                            "above-maximum", 21, "self_assessment"),
    "band table with a gap": ("bands.csv", band_gap, "band-gap", None, ""),
    "javascript url": ("2023/innovations.csv", set_cell(2, "url", "javascript:alert(1)"), "url",
                       2, "url"),
    "unknown field": ("2023/field_scores.csv", set_cell(5, "field_id", "the-chee"),
                      "unknown-reference", 5, "field_id"),
}


def found(report, file, code):
    return [p for p in report.errors if p.file == file and p.code == code]


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_each_problem_names_file_row_and_column(tmp_path, case):
    file, change, code, row, column = case
    data = copy_real(tmp_path)
    edit(data / file, change)
    dataset, report = load(data)
    assert dataset is None
    hits = found(report, file, code)
    assert hits, str(report)
    if row is not None:
        assert (hits[0].row, hits[0].column) == (row, column)
    assert file in str(hits[0]) and "LỖI" in str(hits[0])


def test_every_problem_is_reported_in_one_run(tmp_path):
    data = copy_real(tmp_path)
    for file, change, *_ in CASES.values():
        if file != "2023/field_scores.csv":  # a missing key column hides that file's rows
            edit(data / file, change)
    _, report = load(data)
    codes = {(p.file, p.code) for p in report.errors}
    expected = {(f, c) for f, _, c, *_ in CASES.values() if f != "2023/field_scores.csv"}
    assert expected <= codes


def test_unknown_agency_gets_a_did_you_mean_hint(tmp_path, real_dataset):
    data = copy_real(tmp_path)
    uid = real_dataset.years[2023].scores["unit_id"].iloc[1]
    edit(data / "2023/scores.csv", set_cell(3, "unit_id", uid[:-1] + "x"))
    _, report = load(data)
    assert f"có phải ý bạn là '{uid}'?" in str(found(report, "2023/scores.csv",
                                                       "unknown-reference")[0])


def test_agencies_may_be_named_by_name_or_alias(tmp_path, real_dataset):
    data = copy_real(tmp_path)
    edit(data / "2023/scores.csv", set_cell(26, "unit_id", "  UBND huyện Thanh Trì "))
    edit(data / "2023/innovations.csv", set_cell(2, "unit_id", "Công an tỉnh"))
    dataset, report = load(data)
    assert dataset is not None, str(report)
    assert "UBND huyện Thạnh Trị" in set(dataset.units.set_index("unit_id").loc[
        dataset.years[2023].scores["unit_id"], "name"])


def test_after_one_changed_file_only_that_table_is_read_again(tmp_path):
    data = copy_real(tmp_path)
    kept: dict[str, object] = {}
    made: list[str] = []

    def remember(key, make):
        if key not in kept:
            made.append(key)
            kept[key] = make()
        return kept[key]

    first, _ = load(data, remember)
    tables = len(made)
    assert tables == sum(1 for _ in data.rglob("*.csv"))  # every table, each on its own
    edit(data / "2023/scores.csv", set_cell(21, "sipas", "15.34"))
    edit(data / "units.csv", set_cell(3, "name_en", "x"))  # a name: its references checked
    again, report = load(data, remember)
    assert len(made) == tables + 2  # the two changed files alone
    fresh, fresh_report = load(data)
    assert again is not None and fresh is not None
    assert again.years[2023].tables["scores"].equals(fresh.years[2023].tables["scores"])
    assert again.tables["units"].equals(fresh.tables["units"])
    assert [str(p) for p in report.problems] == [str(p) for p in fresh_report.problems]


def test_validate_command_exit_codes_and_no_traceback(tmp_path):
    assert run_cli("validate", "data").returncode == 0
    data = copy_real(tmp_path)
    edit(data / "2023/scores.csv", set_cell(30, "sipas", "mười bốn"))
    edit(data / "2023/scores.csv", set_cell(3, "unit_id", "so-khong-co"))
    done = run_cli("validate", str(data))
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert "2023/scores.csv, dòng 30, cột 'sipas': giá trị 'mười bốn'" in done.stdout
    assert "2023/scores.csv, dòng 3, cột 'unit_id': giá trị 'so-khong-co'" in done.stdout


def test_warnings_do_not_fail_validation(tmp_path):
    data = copy_real(tmp_path)
    edit(data / "2023/innovations.csv", set_cell(2, "summary", ""))
    done = run_cli("validate", str(data))
    assert done.returncode == 0 and "CẢNH BÁO" in done.stdout and "summary" in done.stdout


# ---- Numbers as printed: decimalChar/groupChar, and what "ambiguous" means ----------------------

SMALL = {
    "groups.csv": "group_id,name,short_name,order,active_from,active_to\nso,Sở ngành,Sở,1,,",
    "units.csv": """
unit_id,name,short_name,group_id,parent_id,aliases,active_from,active_to,successor_id,note
so-a,Sở Tư pháp,Tư pháp,so,,,,,,
so-b,Sở Y tế,Y tế,so,,,,,,
""",
    "fields.csv": "field_id,name,short_name,order\nf1,Chỉ đạo điều hành,Chỉ đạo,1",
    "components.csv": """
component_id,name,short_name,order
self_assessment,Điểm tự đánh giá,Tự đánh giá,1
survey_staff,Khảo sát CBCCVC,KS CBCCVC,2
sipas,Chỉ số SIPAS,SIPAS,3
""",
    "bands.csv": """
year_from,year_to,band_id,name,order,min_pct,min_inclusive,max_pct,max_inclusive
2023,,tot,Tốt,1,80,true,,
2023,,kha,Khá,2,,,80,false
""",
    "sources.csv": "source_id,title,number,date,issuer,url,note\nbc,Báo cáo,,,,,",
    # three decimals, decimal comma, no declared signs: every number reads two ways on its own
    "2023/scores.csv": """
unit_id;max_score;self_assessment;survey_staff;sipas;total_published;index_published;rank_published;band_published;inferred;source_id;note
so-a;100;60,125;18,340;19,220;97,685;97,685;1;;;bc;
so-b;;;;;;88,125;2;;;bc;
""",
    "2023/indicators.csv": """
unit_id;indicator_id;name;value;unit;source_id;note
;ty-le;Tỷ lệ hồ sơ đúng hạn;97,685;%;bc;
;ho-so;Số hồ sơ;605.859;hồ sơ;bc;
""",
}


def small(tmp_path, **changes: str):
    return write_package(tmp_path / "data", {**SMALL, **changes})


def test_a_reading_the_columns_bounds_rule_out_is_not_possible(tmp_path):
    # 97685 is above index_published's maximum (100) and above the row's max_score (100)
    tables = {k: v for k, v in SMALL.items() if k != "2023/indicators.csv"}
    dataset, report = load(write_package(tmp_path / "data", tables))
    assert dataset is not None, str(report)
    s = dataset.years[2023].scores.set_index("unit_id")
    assert s.loc["so-a", ["self_assessment", "total_published", "index_published"]].tolist() \
        == pytest.approx([60.125, 97.685, 97.685])
    assert s.loc["so-b", "index_published"] == pytest.approx(88.125)
    assert s.loc["so-a", ["index_published_places", "max_score_places"]].tolist() == [3, 0]


def test_without_a_bound_a_value_read_two_ways_is_reported_in_vietnamese(tmp_path):
    _, report = load(small(tmp_path))
    hits = found(report, "2023/indicators.csv", "ambiguous")
    assert [(p.row, p.column, p.value) for p in hits] == [(2, "value", "97,685"),
                                                          (3, "value", "605.859")]
    text = str(hits[0])
    assert "2023/indicators.csv, dòng 2, cột 'value': giá trị '97,685'" in text
    assert "đọc được hai cách (phần nghìn hay phần thập phân)" in text
    assert "decimalChar" in hits[0].hint


def test_a_row_without_its_maximum_does_not_decide(tmp_path):
    scores = SMALL["2023/scores.csv"].replace("so-a;100;", "so-a;;")
    _, report = load(small(tmp_path, **{"2023/scores.csv": scores}))
    hits = found(report, "2023/scores.csv", "ambiguous")
    assert {p.column for p in hits} == {"self_assessment", "survey_staff", "sipas",
                                        "total_published"}  # index_published: at most 100


def _declare(root, where: str) -> None:
    """decimalChar "," and groupChar "." for the indicators, on the package, the resource or
    the column."""
    if where == "field":
        path = root / "schemas" / "indicators.json"
        schema = json.loads(path.read_text(encoding="utf-8"))
        field = next(f for f in schema["fields"] if f["name"] == "value")
        field |= {"decimalChar": ",", "groupChar": "."}
    else:
        path = root / "datapackage.json"
        schema = json.loads(path.read_text(encoding="utf-8"))
        target = schema if where == "package" else next(
            r for r in schema["resources"] if r["path"] == "2023/indicators.csv")
        target |= {"decimalChar": ",", "groupChar": "."}
    path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize("where", ["package", "resource", "field"])
def test_declared_signs_read_97685_as_printed(tmp_path, where):
    root = small(tmp_path)
    _declare(root, where)
    package.write(root)  # `parindex package` keeps a resource's own signs
    dataset, report = load(root)
    assert dataset is not None, str(report)
    ind = dataset.years[2023].indicators.set_index("indicator_id")
    assert ind.loc["ty-le", "value"] == pytest.approx(97.685)
    assert ind.loc["ho-so", "value"] == 605859
    assert ind["value_places"].tolist() == [3, 0]
