"""The JSON Schema (draft 2020-12) of each kind of API document (`api`), published beside the
documents at `api/v1/schemas/<kind>.json`.

Written here from shared pieces (a value, a link, a band, a row …) so that every kind says the
same thing the same way; each published schema is whole (its `$defs` inside), so that any
validator reads it alone. Every object is closed (`additionalProperties: false`): a field a
document gains must be described here first, and the tests validate every document.
"""

from __future__ import annotations

from typing import Any

from .api import INDEX, KINDS

Schema = dict[str, Any]
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _obj(description: str = "", /, **props: Schema) -> Schema:
    """A closed object whose properties are all present (a missing value is null)."""
    out: Schema = {"type": "object", "properties": props, "required": sorted(props),
                   "additionalProperties": False}
    return {"description": description, **out} if description else out


def _either(schema: Schema, *alternatives: tuple[str, ...]) -> Schema:
    """`schema` with one of the `alternatives` (sets of its properties), as its context
    decides."""
    named = {n for a in alternatives for n in a}
    return {**schema, "required": [n for n in schema["required"] if n not in named],
            "oneOf": [{"required": list(a)} for a in alternatives]}


def _ref(name: str) -> Schema:
    return {"$ref": f"#/$defs/{name}"}


def _array(items: Schema, description: str = "") -> Schema:
    out: Schema = {"type": "array", "items": items}
    return {"description": description, **out} if description else out


def _null(schema: Schema) -> Schema:
    return {"anyOf": [schema, {"type": "null"}]}


TEXT: Schema = {"type": "string"}
TEXT_OR_NULL: Schema = {"type": ["string", "null"]}
INT: Schema = {"type": "integer"}
INT_OR_NULL: Schema = {"type": ["integer", "null"]}
NUMBER_OR_NULL: Schema = {
    "type": ["number", "null"],
    "description": "Như trên trang: số in trong văn bản nguồn giữ nguyên số chữ số thập phân "
                   "(97.685; 7.00), số cổng tính ra làm tròn nửa lên 2 chữ số (76.20); null: "
                   "chưa có số liệu."}
BOOL: Schema = {"type": "boolean"}
YEAR: Schema = {"type": "integer", "minimum": 1900, "maximum": 2999}
PATH: Schema = {"type": "string", "pattern": "^(?!/)", "description": "Đường dẫn tính từ gốc "
                "của cổng (không có / ở đầu)."}
NOTE: Schema = {"type": ["integer", "null"], "minimum": 1,
                "description": "Số của ghi chú: notes[note - 1]; null: không có ghi chú."}

DEFS: dict[str, Schema] = {
    "link": _obj(
        "Một đối tượng có trang riêng (cơ quan, đơn vị; nhóm; lĩnh vực; thành phần điểm).",
        id=TEXT, name=TEXT, short_name=TEXT, page=_null(PATH), api=_null(PATH)),
    "value": _obj(
        "Một giá trị như trang hiển thị: số, nguồn gốc, ghi chú.",
        value=NUMBER_OR_NULL,
        origin={"enum": ["published", "inferred", "computed", None],
                "description": "published: in trong văn bản nguồn; inferred: suy ra từ văn bản "
                               "nguồn; computed: cổng tính từ số liệu; null: chưa có số liệu."},
        note=NOTE),
    "source": _obj(
        "Văn bản nguồn của số liệu.",
        id=TEXT, title=TEXT, number=TEXT_OR_NULL,
        date={"type": ["string", "null"], "format": "date"}, issuer=TEXT_OR_NULL,
        url=TEXT_OR_NULL, note=TEXT_OR_NULL, citation=TEXT),
    "band": _obj(
        "Một xếp loại của năm.",
        id=TEXT, name=TEXT, order={"type": "integer", "minimum": 1}, range=TEXT,
        range_stated=BOOL, range_inferred=BOOL),
    "score_row": _either(_obj(
        "Kết quả của một cơ quan, đơn vị trong một năm: trong bảng xếp hạng có `unit` (cơ quan, "
        "đơn vị của dòng), trong lịch sử của một cơ quan, đơn vị có `group` (nhóm được xếp "
        "hạng năm đó).",
        unit=_ref("link"), group=_ref("link"), year=YEAR, max_score=NUMBER_OR_NULL,
        max_score_inferred=BOOL,
        components={"type": "object", "additionalProperties": NUMBER_OR_NULL,
                    "description": "Điểm từng thành phần, theo mã thành phần."},
        total=_ref("value"), index=_ref("value"), rank=INT_OR_NULL, rank_inferred=BOOL,
        group_size=INT, band=_null(_ref("band")), band_inferred=BOOL,
        index_change=NUMBER_OR_NULL, rank_change=INT_OR_NULL, note=NOTE), ("unit",), ("group",)),
    "extreme": _obj("Giá trị cao nhất hoặc thấp nhất và các cơ quan, đơn vị đạt nó.",
                    value=_ref("value"), agencies=_array(_ref("link"))),
    "stats": _obj(
        "Thống kê của một nhóm (group null: mọi cơ quan, đơn vị) trong một năm.",
        group=_null(_ref("link")), agencies=INT, agencies_with_value=INT, mean=_ref("value"),
        highest=_ref("extreme"), lowest=_ref("extreme"), spread=_ref("value"),
        mean_change=_ref("value"),
        band_counts=_array(_obj(band=TEXT, count=_ref("value")))),
    "field_row": _either(_obj(
        "Điểm trong một lĩnh vực: trong tài liệu của lĩnh vực có `unit`; trong tài liệu của một "
        "cơ quan, đơn vị có `field` và trung bình của nhóm trong lĩnh vực (`group_mean`).",
        unit=_ref("link"), field=_ref("link"), group_mean=_ref("value"), score=NUMBER_OR_NULL,
        max_score=NUMBER_OR_NULL, pct=NUMBER_OR_NULL), ("unit",),
        ("field", "group_mean")),
    "innovation": _obj(
        "Một sáng kiến được công nhận.",
        id=TEXT, year=YEAR, unit=_ref("link"), title=TEXT, summary=TEXT_OR_NULL,
        field=_null(_ref("link")), url=TEXT_OR_NULL, source=TEXT_OR_NULL),
    "indicator": _obj(
        "Một số liệu khác (của tỉnh hoặc của một cơ quan, đơn vị).",
        year=YEAR, name=TEXT, value=NUMBER_OR_NULL, unit=TEXT_OR_NULL, note=TEXT_OR_NULL,
        source=TEXT_OR_NULL),
}


def _envelope(kind: str) -> dict[str, Schema]:
    return {
        "kind": {"const": kind}, "schema": PATH, "api": PATH, "page": PATH, "title": TEXT,
        "lead": TEXT_OR_NULL,
        "notes": _array(TEXT, "Ghi chú của trang, theo số thứ tự."),
        "sources": _array(_ref("source"), "Văn bản nguồn của số liệu trong tài liệu."),
    }


LATEST = _obj("Kết quả năm gần nhất.", year=YEAR, index=_ref("value"), rank=INT_OR_NULL,
              rank_inferred=BOOL, group_size=INT, band=_null(_ref("band")), band_inferred=BOOL)
INNOVATIONS = {"year": _null(YEAR), "listed": BOOL,
               "counts": _array(_obj(year=YEAR, count=INT, page=PATH, api=PATH)),
               "innovations": _array(_ref("innovation"))}
BODIES: dict[str, dict[str, Schema]] = {
    "years": {"years": _array(_obj(year=YEAR, agencies=INT, mean=_ref("value"), page=PATH,
                                   api=PATH)),
              "indicators": _array(_ref("indicator"))},
    "year": {
        "year": YEAR, "stats": _ref("stats"), "groups": _array(_ref("stats")),
        "bands": _array(_ref("band")),
        "fields": _array(_obj(field=_ref("link"), mean=_ref("value"), mean_change=_ref("value"),
                              group_means=_array(_obj(group=TEXT_OR_NULL, mean=_ref("value"))))),
        "indicators": _array(_ref("indicator")),
        "innovations": _obj(count=INT, page=_null(PATH), api=_null(PATH)),
        "downloads": _obj(csv=PATH, json=PATH)},
    "group": {
        "year": YEAR, "group": _ref("link"), "components": _array(_ref("link")),
        "rows": _array(_ref("score_row"), "Theo thứ hạng."), "stats": _ref("stats"),
        "bands": _array(_ref("band")), "fields": _array(_ref("link")),
        "downloads": _obj(csv=PATH)},
    "field": {
        "year": YEAR, "field": _ref("link"), "mean": _ref("value"),
        "groups": _array(_obj(
            group=_ref("link"), max_score=NUMBER_OR_NULL, agencies=INT,
            complete={"type": "boolean", "description": "false: nhóm quá lớn, chỉ có các đơn "
                      "vị cao nhất và thấp nhất (mọi điểm có trong tệp tải về của năm)."},
            rows=_array(_ref("field_row")), stats=_ref("stats"))),
        "other_fields": _array(_ref("link")), "downloads": _obj(csv=PATH)},
    "agencies": {"agencies": _array(_obj(unit=_ref("link"), group=_ref("link"),
                                         active=TEXT_OR_NULL, latest=_null(LATEST)))},
    "agency": {
        "unit": _ref("link"), "group": _ref("link"), "aliases": _array(TEXT),
        "active": TEXT_OR_NULL, "successor": _null(_ref("link")), "remark": TEXT_OR_NULL,
        "components": _array(_ref("link")),
        "history": _array(_ref("score_row"), "Mỗi năm một dòng, năm cũ trước."),
        "fields_year": _null(YEAR), "fields": _array(_ref("field_row")),
        "innovations": _array(_ref("innovation")), "indicators": _array(_ref("indicator"))},
    "innovations": INNOVATIONS,
    "innovations-year": INNOVATIONS,
}
INDEX_BODY: dict[str, Schema] = {
    "kind": {"const": INDEX.kind}, "schema": PATH, "version": INT, "title": TEXT,
    "description": TEXT, "docs": PATH,
    "index": _obj(name=TEXT, scale={"enum": ["percent", "points"]}),
    "kinds": _array(_obj(kind=TEXT, pattern=TEXT, description=TEXT, schema=PATH, count=INT)),
    "endpoints": _array(_obj(path=PATH, kind=TEXT, schema=PATH, title=TEXT, description=TEXT,
                             page=PATH)),
}


def schema(kind: str) -> Schema:
    """The whole schema of the documents of `kind` (a key of `api.KINDS`, or "index")."""
    if kind == INDEX.kind:
        return {"$schema": DRAFT, "title": INDEX.pattern, "description": INDEX.description,
                **_obj(**INDEX_BODY)}
    k = KINDS[kind]
    return {"$schema": DRAFT, "title": k.pattern, "description": k.description,
            **_obj(**_envelope(kind), **BODIES[kind]), "$defs": DEFS}


def schemas() -> dict[str, Schema]:
    """Every kind's schema, by kind."""
    return {k: schema(k) for k in [*KINDS, INDEX.kind]}
