"""The descriptor and the schemas, checked themselves before anything is read with them.

`datapackage.json` is a Frictionless Data Package descriptor and `schemas/<table>.json` a Table
Schema; the loader uses the parts of them that `tables.Descriptor` and `validate.TableSchema`
describe. Editors touch both (the README asks them to add a component column to
`schemas/scores.json`), so each is first checked against those parts of the profiles, and each
schema against the columns the portal's code relies on (the project's own schemas, shipped as
`parindex/scaffold/schemas/`): a column removed, retyped or made optional, a key dropped. A
broken file is a problem naming the file and the field, in Vietnamese, never a traceback or a
silent default.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any, cast

from ..i18n import LANGUAGES, SOURCE
from .cells import PARSERS
from .portal import SCALES
from .problems import Problem, problem
from .tables import Descriptor
from .validate import OPTIONAL, TableSchema

# The project's own schemas: those of a package that leaves schemas/ out, and the reference
# of what the code relies on.
BUILT_IN_SCHEMAS = Path(__file__).resolve().parents[1] / "scaffold" / "schemas"
CONSTRAINTS = ("required", "unique", "pattern", "enum", "minimum", "maximum")
BOUNDED = ("number", "integer", "year")  # the types `minimum` and `maximum` apply to
# The columns of the scores table that are not score components: every other column of its
# schema is a component, and must be a row of components.csv.
SCORES_COLUMNS = ("unit_id", "max_score", "total_published", "index_published",
                  "rank_published", "band_published", "inferred", "known_error", "source_id",
                  "note")
KEPT = ("required", "unique", "pattern", "enum")  # the code relies on these of its columns


def read_json(path: Path, label: str, code: str) -> tuple[Any, list[Problem]]:
    """A JSON file's value, or the problem (of `code`) that says in Vietnamese why not."""

    def fail(error: str, row: int | None = None) -> tuple[Any, list[Problem]]:
        return None, [problem(code=code, file=label, row=row, fill={"error": error})]

    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return fail("không có tệp")
    except OSError as exc:
        return fail(f"không mở được tệp ({exc.strerror})")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return fail("tệp được lưu với mã UTF-16; cần lưu lại với mã UTF-8")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return fail("tệp không phải văn bản mã UTF-8; cần lưu lại với mã UTF-8")
    try:
        return json.loads(text), []
    except json.JSONDecodeError as exc:
        return fail(f"sai cú pháp JSON ở dòng {exc.lineno}, ký tự {exc.colno} (kiểm tra dấu "
                    "phẩy, ngoặc và dấu ngoặc kép)", exc.lineno)


class _Check:
    """Collects one file's problems, each naming the JSON field (`fields[3].type`)."""

    def __init__(self, code: str, label: str) -> None:
        self.code, self.label = code, label
        self.problems: list[Problem] = []

    def bad(self, where: str, what: str, value: object = None, column: str = "") -> None:
        shown = None if value is None else json.dumps(value, ensure_ascii=False)[:80]
        of = f" (cột '{column}')" if column else ""
        self.problems.append(problem(code=self.code, file=self.label, value=shown,
                                     fill={"error": f"mục '{where}'{of} {what}"}))

    def text(self, obj: Mapping[str, Any], key: str, where: str, one_char: bool = False,
             column: str = "") -> None:
        if key not in obj:
            return
        v = obj[key]
        if not isinstance(v, str):
            self.bad(f"{where}{key}", "phải là một chuỗi văn bản", v, column)
        elif one_char and len(v) != 1:
            self.bad(f"{where}{key}", "phải là đúng một ký tự, ví dụ \",\"", v, column)

    def obj(self, value: object, where: str) -> bool:
        if isinstance(value, dict):
            return True
        self.bad(where, "phải là một đối tượng JSON {…}", value)
        return False


def _names(value: object) -> list[str] | None:
    """A Table Schema field list: a name or a list of names (None if neither)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    return None


def _number(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


def _regex(v: object) -> bool:
    if not isinstance(v, str):
        return False
    try:
        re.compile(v)
    except re.error:
        return False
    return True


def _field(c: _Check, i: int, f: object, seen: set[str]) -> None:
    where = f"fields[{i}]"
    if not c.obj(f, where):
        return
    f = cast(dict[str, Any], f)
    name = f.get("name")
    col = ""
    if not isinstance(name, str) or not name.strip():
        c.bad(f"{where}.name", "phải là tên cột (chuỗi văn bản khác rỗng)", name)
    elif name in seen:
        c.bad(f"{where}.name", "trùng tên với một cột khác", name)
    else:
        seen.add(name)
        col = name
    where += "."
    kind = f.get("type")
    if "type" not in f:
        c.bad(f"{where}type", "bị thiếu: cần kiểu của cột, một trong " + ", ".join(PARSERS),
              column=col)
    elif kind not in PARSERS:
        c.bad(f"{where}type", "là kiểu không dùng được; cần một trong " + ", ".join(PARSERS),
              kind, col)
    for key in ("title", "description", "format"):
        c.text(f, key, where, column=col)
    for key in ("decimalChar", "groupChar"):
        c.text(f, key, where, one_char=True, column=col)
    cons = f.get("constraints", {})
    if not isinstance(cons, dict):
        c.bad(f"{where}constraints", "phải là một đối tượng JSON {…}", cons, col)
        return
    for key, v in cons.items():
        at = f"{where}constraints.{key}"
        if key not in CONSTRAINTS:
            c.bad(at, "là ràng buộc không được hỗ trợ; chỉ dùng " + ", ".join(CONSTRAINTS),
                  column=col)
        elif key in ("required", "unique") and not isinstance(v, bool):
            c.bad(at, "phải là true hoặc false", v, col)
        elif key == "pattern" and not _regex(v):
            c.bad(at, "phải là một biểu thức chính quy hợp lệ, ví dụ \"^[a-z0-9-]+$\"", v, col)
        elif key == "enum" and not (isinstance(v, list) and v
                                    and all(isinstance(x, str) for x in v)):
            c.bad(at, "phải là danh sách các giá trị (chuỗi văn bản)", v, col)
        elif key in ("minimum", "maximum"):
            if not _number(v):
                c.bad(at, "phải là một số", v, col)
            elif kind in PARSERS and kind not in BOUNDED:
                c.bad(at, "chỉ dùng cho cột số (number, integer, year)", v, col)


def _keys(c: _Check, schema: Mapping[str, Any], names: set[str], tables: Iterable[str]) -> None:
    if "primaryKey" in schema:
        key = _names(schema["primaryKey"])
        if key is None:
            c.bad("primaryKey", "phải là tên cột hoặc danh sách tên cột", schema["primaryKey"])
        for k in set(key or []) - names:
            c.bad("primaryKey", "nêu một cột không có trong 'fields'", k)
    fks = schema.get("foreignKeys", [])
    if not isinstance(fks, list):
        c.bad("foreignKeys", "phải là danh sách", fks)
        return
    for i, fk in enumerate(fks):
        where = f"foreignKeys[{i}]"
        if not c.obj(fk, where):
            continue
        cols = _names(fk.get("fields"))
        if cols is None or len(cols) != 1 or cols[0] not in names:
            c.bad(f"{where}.fields", "phải là tên một cột có trong 'fields'", fk.get("fields"))
        ref = fk.get("reference")
        if not c.obj(ref, f"{where}.reference"):
            continue
        if ref.get("resource") not in tables:
            c.bad(f"{where}.reference.resource", "phải là tên một bảng chung: "
                  + ", ".join(tables), ref.get("resource"))
        target = _names(ref.get("fields"))
        if target is None or len(target) != 1:
            c.bad(f"{where}.reference.fields", "phải là tên một cột của bảng tham chiếu",
                  ref.get("fields"))


def _normalized(schema: dict[str, Any]) -> TableSchema:
    """Keys written as one name made lists, as the loader reads them."""
    out = dict(schema)
    if "primaryKey" in out:
        out["primaryKey"] = _names(out["primaryKey"])
    if "foreignKeys" in out:
        out["foreignKeys"] = [{**fk, "fields": _names(fk["fields"]),
                               "reference": {**fk["reference"],
                                             "fields": _names(fk["reference"]["fields"])}}
                              for fk in out["foreignKeys"]]
    return cast(TableSchema, out)


def check_schema(obj: object, label: str, tables: Iterable[str]) -> tuple[TableSchema | None,
                                                                          list[Problem]]:
    """A schema file's value checked as a Table Schema the loader can use: the schema with its
    keys as lists, or None and the problems."""
    c = _Check(code="schema", label=label)
    if not isinstance(obj, dict):
        c.bad("(toàn tệp)", "phải là một đối tượng JSON {…} có mục 'fields'", obj)
        return None, c.problems
    fields = obj.get("fields")
    if not isinstance(fields, list) or not fields:
        c.bad("fields", "phải là danh sách các cột, mỗi cột có 'name' và 'type'", fields)
        return None, c.problems
    seen: set[str] = set()
    for i, f in enumerate(fields):
        _field(c, i, f, seen)
    if "missingValues" in obj and _names(obj["missingValues"]) is None:
        c.bad("missingValues", "phải là danh sách các chuỗi văn bản", obj["missingValues"])
    for key in ("decimalChar", "groupChar"):
        c.text(obj, key, "", one_char=True)
    _keys(c, obj, seen, list(tables))
    return (None if c.problems else _normalized(obj)), c.problems


@cache
def reference(table: str) -> TableSchema | None:
    """The project's own schema of `table` (the columns the code relies on); for the scores,
    without its components, which are each province's own."""
    path = BUILT_IN_SCHEMAS / f"{table}.json"
    if not path.is_file():
        return None
    schema: TableSchema = json.loads(path.read_text(encoding="utf-8"))
    if table == "scores":
        schema = {**schema, "fields": [f for f in schema["fields"]
                                       if f["name"] in SCORES_COLUMNS]}
    return schema


def check_standard(schema: TableSchema, table: str, label: str) -> list[Problem]:
    """The columns, keys and constraints of the project's schema of `table` that `schema`
    removed or changed: the code relies on them (ids in URLs, the statistics it knows)."""
    ref = reference(table)
    if ref is None:
        return []
    c = _Check(code="schema", label=label)
    own = {f["name"]: f for f in schema["fields"]}
    for f in ref["fields"]:
        name = f["name"]
        mine = own.get(name)
        if mine is None and name in OPTIONAL:
            continue  # a package of before the column, or one that has no use for it
        if mine is None:
            c.bad("fields", f"thiếu cột '{name}' ({f['title']}) mà cổng cần; được thêm cột, "
                  "không được bỏ cột", name)
            continue
        if mine["type"] != f["type"]:
            c.bad("type", f"phải là '{f['type']}' như mô tả bảng chuẩn", mine["type"], name)
        cons, std = mine.get("constraints", {}), f.get("constraints", {})
        for key in KEPT:
            if cons.get(key) != std.get(key):
                c.bad(f"constraints.{key}", "phải giữ như mô tả bảng chuẩn: "
                      + json.dumps(std.get(key), ensure_ascii=False), cons.get(key), name)
    if ref.get("primaryKey") and schema.get("primaryKey") != ref.get("primaryKey"):
        c.bad("primaryKey", "phải giữ như mô tả bảng chuẩn: "
              + json.dumps(ref.get("primaryKey")), schema.get("primaryKey"))
    fks = {(tuple(fk["fields"]), fk["reference"]["resource"], tuple(fk["reference"]["fields"]))
           for fk in schema.get("foreignKeys", [])}
    for fk in ref.get("foreignKeys", []):
        if (tuple(fk["fields"]), fk["reference"]["resource"],
                tuple(fk["reference"]["fields"])) not in fks:
            c.bad("foreignKeys", f"thiếu khóa ngoại của cột '{fk['fields'][0]}' tới bảng "
                  f"{fk['reference']['resource']} mà mô tả bảng chuẩn có")
    return c.problems


def check_references(schemas: Mapping[str, TableSchema]) -> list[Problem]:
    """Each foreign key names a column of the schema of the table it refers to."""
    out = []
    for table, schema in schemas.items():
        for i, fk in enumerate(schema.get("foreignKeys", [])):
            ref = fk["reference"]
            target = schemas.get(ref["resource"])
            if target is not None and ref["fields"][0] not in {f["name"]
                                                                for f in target["fields"]}:
                c = _Check(code="schema", label=f"schemas/{table}.json")
                c.bad(f"foreignKeys[{i}].reference.fields",
                      f"nêu một cột không có trong schemas/{ref['resource']}.json",
                      ref["fields"][0])
                out += c.problems
    return out


def check_descriptor(obj: object) -> tuple[Descriptor | None, list[Problem]]:
    """`datapackage.json`'s value checked as the Data Package descriptor the loader reads."""
    c = _Check(code="datapackage", label="datapackage.json")
    if not isinstance(obj, dict):
        c.bad("(toàn tệp)", "phải là một đối tượng JSON {…} có mục 'resources'", obj)
        return None, c.problems
    for key in ("name", "title", "description", "homepage"):
        c.text(obj, key, "")
    for key in ("decimalChar", "groupChar"):
        c.text(obj, key, "", one_char=True)
    for key in ("contributors", "licenses"):
        v = obj.get(key, [])
        if not isinstance(v, list) or not all(isinstance(x, dict) for x in v):
            c.bad(key, "phải là danh sách các đối tượng JSON {…}", v)
    portal = obj.get("portal", {})
    if c.obj(portal, "portal"):
        for key in ("name", "subtitle", "notice", "members", "name_en", "subtitle_en",
                    "members_en"):
            c.text(portal, key, "portal.")
        langs = portal.get("languages", list(LANGUAGES))
        if not isinstance(langs, list) or SOURCE not in langs or not set(langs) <= set(
                LANGUAGES):
            c.bad("portal.languages", "phải là danh sách ngôn ngữ, có 'vi', trong: "
                  + ", ".join(LANGUAGES), langs)
        index = portal.get("index", {})
        if c.obj(index, "portal.index"):
            c.text(index, "name", "portal.index.")
            c.text(index, "name_en", "portal.index.")
            if "scale" in index and index["scale"] not in SCALES:
                c.bad("portal.index.scale", "phải là một trong: " + ", ".join(SCALES),
                      index["scale"])
    resources = obj.get("resources", [])  # none listed: every file is `unlisted` (a warning)
    if not isinstance(resources, list):
        c.bad("resources", "phải là danh sách các tệp, mỗi tệp một đối tượng có 'path'",
              resources)
        return None, c.problems
    for i, r in enumerate(resources):
        where = f"resources[{i}]"
        if not c.obj(r, where):
            continue
        if not isinstance(r.get("path"), str) or not r["path"]:
            c.bad(f"{where}.path", "phải là đường dẫn của một tệp (chuỗi văn bản), ví dụ "
                  "\"2023/scores.csv\"", r.get("path"))
        for key in ("name", "title", "profile", "format", "encoding"):
            c.text(r, key, f"{where}.")
        for key in ("decimalChar", "groupChar"):
            c.text(r, key, f"{where}.", one_char=True)
        dialect = r.get("dialect", {})
        if c.obj(dialect, f"{where}.dialect"):
            c.text(dialect, "commentChar", f"{where}.dialect.", one_char=True)
    return (None if c.problems else cast(Descriptor, obj)), c.problems
