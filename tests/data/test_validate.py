"""Validation (parindex/data/validate.py, rules.py): every problem at once, with file, row and
column.

Each case breaks a copy of the real data package in one way; the message must name where.
"""

import pytest

from parindex.data.dataset import load
from tests.conftest import copy_real
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
    edit(data / "2023/scores.csv", set_cell(2, "unit_id", "  UBND huyện Thanh Trì "))
    edit(data / "2023/innovations.csv", set_cell(2, "unit_id", "Công an tỉnh"))
    dataset, report = load(data)
    assert dataset is not None, str(report)
    assert "UBND huyện Thạnh Trị" in set(dataset.units.set_index("unit_id").loc[
        dataset.years[2023].scores["unit_id"], "name"])


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
