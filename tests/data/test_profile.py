"""The schemas and the descriptor checked before use (parindex/data/profile.py; issue 18, case 6).

Each case breaks `datapackage.json` or a file of `schemas/` in a copy of the real data; the
message names the file and the field, in Vietnamese, and `parindex validate` exits 1 without a
traceback. A change the portal can live with (a column added, a title or a bound changed) is
accepted.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parindex.data.dataset import load
from tests.conftest import copy_real
from tests.helpers import run_cli


def rewrite(path: Path, change) -> None:
    obj = json.loads(path.read_text(encoding="utf-8"))
    obj = change(obj)
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")


def field(name: str, change):
    """Change the field `name` of a schema in place."""
    def apply(schema):
        change(next(f for f in schema["fields"] if f["name"] == name))
        return schema
    return apply


def texts(data: Path) -> list[str]:
    dataset, report = load(data)
    assert dataset is None
    assert {p.code for p in report.errors} <= {"schema", "datapackage"}, str(report)
    return [str(p) for p in report.errors]


SCHEMA_CASES = {
    "an empty object": (lambda s: {}, "mục 'fields' phải là danh sách các cột"),
    "a list": (lambda s: [], "mục '(toàn tệp)' phải là một đối tượng JSON {…}"),
    "a field without type": (field("max_score", lambda f: f.pop("type")),
                             "mục 'fields[1].type' (cột 'max_score') bị thiếu"),
    "an unknown type": (field("max_score", lambda f: f.update(type="datetime")),
                        "giá trị '\"datetime\"' — cần mô tả bảng (Table Schema) đọc được: mục "
                        "'fields[1].type' (cột 'max_score') là kiểu không dùng được; cần một "
                        "trong number, integer, year, boolean, date, string"),
    "a bad pattern": (field("unit_id", lambda f: f["constraints"].update(pattern="[a-z")),
                      "mục 'fields[0].constraints.pattern' (cột 'unit_id') phải là một biểu "
                      "thức chính quy hợp lệ"),
    "a minimum that is no number": (
        field("sipas", lambda f: f["constraints"].update(minimum="0")),
        "giá trị '\"0\"' — cần mô tả bảng (Table Schema) đọc được: mục "
        "'fields[4].constraints.minimum' (cột 'sipas') phải là một số"),
    "a minimum on a text column": (
        field("note", lambda f: f.update(constraints={"minimum": 1})),
        "mục 'fields[12].constraints.minimum' (cột 'note') chỉ dùng cho cột số"),
    "constraints as a list": (field("note", lambda f: f.update(constraints=["required"])),
                              "mục 'fields[12].constraints' (cột 'note') phải là một đối "
                              "tượng JSON"),
    "a key naming no column": (lambda s: {**s, "primaryKey": ["id"]},
                               "mục 'primaryKey' nêu một cột không có trong 'fields'"),
    "a foreign key to no table": (
        lambda s: {**s, "foreignKeys": [{"fields": "unit_id", "reference": {
            "resource": "don-vi", "fields": "unit_id"}}]},
        "mục 'foreignKeys[0].reference.resource' phải là tên một bảng chung"),
    "a standard column removed": (
        lambda s: {**s, "fields": [f for f in s["fields"] if f["name"] != "index_published"]},
        "thiếu cột 'index_published' (Chỉ số (công bố, %)) mà cổng cần"),
    "a standard column retyped": (field("rank_published", lambda f: f.update(type="number")),
                                  "mục 'type' (cột 'rank_published') phải là 'integer'"),
    "a required column made optional": (
        field("unit_id", lambda f: f.update(constraints={})),
        "mục 'constraints.required' (cột 'unit_id') phải giữ như mô tả bảng chuẩn: true"),
    "the primary key dropped": (lambda s: {k: v for k, v in s.items() if k != "primaryKey"},
                                "mục 'primaryKey' phải giữ như mô tả bảng chuẩn"),
}


@pytest.mark.parametrize("change,said", SCHEMA_CASES.values(), ids=SCHEMA_CASES.keys())
def test_a_broken_schema_is_named_with_its_field(tmp_path, change, said):
    data = copy_real(tmp_path)
    rewrite(data / "schemas/scores.json", change)
    found = texts(data)
    assert any(t.startswith("LỖI schemas/scores.json") and said in t for t in found), found


def test_a_schema_saved_as_utf16_is_named_so(tmp_path):
    data = copy_real(tmp_path)
    path = data / "schemas/units.json"
    path.write_text(path.read_text(encoding="utf-8"), encoding="utf-16")
    assert texts(data) == ["LỖI schemas/units.json: cần mô tả bảng (Table Schema) đọc được: "
                           "tệp được lưu với mã UTF-16; cần lưu lại với mã UTF-8"]


def test_a_schema_that_is_not_json_names_the_line(tmp_path):
    data = copy_real(tmp_path)
    path = data / "schemas/units.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"fields": [', '"fields": [,', 1),
                    encoding="utf-8")
    [text] = texts(data)
    assert text.startswith("LỖI schemas/units.json, dòng 2: cần mô tả bảng (Table Schema) "
                           "đọc được: sai cú pháp JSON ở dòng 2")


DESCRIPTOR_CASES = {
    "a list": (lambda d: [], "mục '(toàn tệp)' phải là một đối tượng JSON {…} có mục "
                             "'resources'"),
    "resources an object": (lambda d: {**d, "resources": {"units": d["resources"][1]}},
                            "mục 'resources' phải là danh sách các tệp"),
    "a resource that is no object": (lambda d: {**d, "resources": [*d["resources"], 7]},
                                     "mục 'resources[17]' phải là một đối tượng JSON"),
    "a path that is no text": (lambda d: {**d, "resources": [{**d["resources"][0], "path": 5},
                                                             *d["resources"][1:]]},
                               "giá trị '5' — cần mô tả gói dữ liệu (Data Package) đọc được: mục "
                               "'resources[0].path' "
                               "phải là đường dẫn của một tệp"),
    "a list of paths": (lambda d: {**d, "resources": [{**d["resources"][0],
                                                       "path": ["groups.csv"]}]},
                        "mục 'resources[0].path' phải là đường dẫn của một tệp"),
    "a dialect that is text": (lambda d: {**d, "resources": [{**d["resources"][0],
                                                              "dialect": "#"}]},
                               "mục 'resources[0].dialect' phải là một đối tượng JSON"),
    "a decimal sign of two characters": (lambda d: {**d, "decimalChar": ",,"},
                                         "mục 'decimalChar' phải là đúng một ký tự"),
    "a misspelt scale": (lambda d: {**d, "portal": {"index": {"scale": "point"}}},
                         "mục 'portal.index.scale' phải là một trong: percent, points"),
}


@pytest.mark.parametrize("change,said", DESCRIPTOR_CASES.values(), ids=DESCRIPTOR_CASES.keys())
def test_a_broken_descriptor_is_named_with_its_field(tmp_path, change, said):
    data = copy_real(tmp_path)
    rewrite(data / "datapackage.json", change)
    found = texts(data)
    assert any(t.startswith("LỖI datapackage.json") and said in t for t in found), found


def test_validate_exits_1_without_a_traceback(tmp_path):
    data = copy_real(tmp_path)
    rewrite(data / "datapackage.json", lambda d: [])
    rewrite(data / "schemas/bands.json", lambda s: {})
    done = run_cli("validate", str(data))
    assert done.returncode == 1 and "Traceback" not in done.stdout + done.stderr
    assert "LỖI datapackage.json" in done.stdout and "LỖI schemas/bands.json" in done.stdout


def test_what_a_province_may_change_is_accepted(tmp_path):
    """A column added, a title rewritten, a bound dropped (a points scale), a key written as
    one name rather than a list (Table Schema allows both)."""
    data = copy_real(tmp_path)

    def change(schema):
        for f in schema["fields"]:
            if f["name"] == "index_published":
                f["constraints"].pop("maximum")
                f["title"] = "Chỉ số"
        schema["fields"].append({"name": "ghi_chu_them", "type": "string"})
        schema["primaryKey"] = "unit_id"
        return schema
    rewrite(data / "schemas/innovations.json", lambda s: {**s, "foreignKeys": [
        {**fk, "fields": fk["fields"][0]} for fk in s["foreignKeys"]]})
    rewrite(data / "schemas/scores.json", change)
    dataset, report = load(data)
    assert dataset is not None, str(report)


@pytest.mark.parametrize("text,said", [
    ("nope", "sai cú pháp JSON ở dòng 1"),
    ('{"resources": {"units": {}}}', "mục 'resources' phải là danh sách các tệp")])
def test_parindex_package_refuses_a_descriptor_it_cannot_read(tmp_path, text, said):
    """Rewriting it would lose what it holds: the command says why, and leaves it."""
    data = copy_real(tmp_path)
    (data / "datapackage.json").write_text(text, encoding="utf-8")
    done = run_cli("package", str(data))
    assert done.returncode == 1 and "Traceback" not in done.stdout + done.stderr
    assert "LỖI datapackage.json" in done.stderr and said in done.stderr
    assert (data / "datapackage.json").read_text(encoding="utf-8") == text
