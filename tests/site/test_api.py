"""The JSON API's documents (parindex/site/api.py) and their schemas (api_schemas.py), made from
the page models of the real data and of a package printed with three decimals."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from jsonschema import Draft202012Validator

from parindex.data.dataset import load
from parindex.data.portal import Scale
from parindex.scoring.score import score
from parindex.site import api, api_schemas, site, urls
from parindex.site.models import UnitPage
from tests.conftest import fixture_package

MY_XUYEN = "ubnd-huyen-my-xuyen"


@pytest.fixture(scope="module")
def real_site(real):
    return site(real)


@pytest.fixture(scope="module")
def documents(real_site):
    """Every document of the real site, as a reader gets it (parsed from its text)."""
    made = [api.document(p) for p in real_site.pages()]
    return {e.path: (e, json.loads(api.dumps(doc))) for e, doc in filter(None, made)}


def validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(api_schemas.schema(kind),
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_every_schema_is_a_valid_draft_2020_12_schema():
    schemas = api_schemas.schemas()
    assert set(schemas) == set(api.KINDS) | {"index"}
    for schema in schemas.values():
        Draft202012Validator.check_schema(schema)


def test_every_document_of_the_real_site_validates_against_its_schema(documents):
    kinds = {e.kind for e, _ in documents.values()}
    assert kinds == set(api.KINDS)  # the real data has a document of every kind
    for path, (endpoint, doc) in documents.items():
        errors = [f"{list(e.path)}: {e.message}" for e in validator(endpoint.kind)
                  .iter_errors(doc)]
        assert not errors, (path, errors[:5])
        assert doc["kind"] == endpoint.kind and doc["api"] == path
        assert doc["schema"] == urls.api_schema_url(endpoint.kind)


def test_a_page_without_numbers_of_its_own_has_no_document(real_site):
    for page in (real_site.home, real_site.downloads, real_site.method):
        assert api.document(page) is None


def test_my_xuyen_holds_its_2023_index_and_rank(documents):
    _, doc = documents[urls.api_unit_url(MY_XUYEN)]
    row = next(r for r in doc["history"] if r["year"] == 2023)
    assert row["index"] == {"value": 83.84, "origin": "published", "note": None}
    assert row["rank"] == 1 and row["group_size"] == 11
    assert doc["unit"]["name"] == "UBND huyện Mỹ Xuyên" and "unit" not in row
    assert row["group"]["api"] == urls.api_group_url(2023, row["group"]["id"])


def test_an_agencys_history_is_its_profiles_numbers(real_site, documents):
    """No second computation: every number of an agency's document is its profile's."""
    for page in real_site.units:
        _, doc = documents[urls.api_unit_url(page.unit.id)]
        assert len(doc["history"]) == len(page.history)
        for h, row in zip(page.history, doc["history"], strict=True):
            r = h.row
            assert (row["year"], row["rank"], row["group_size"]) == (r.year, r.rank,
                                                                     r.group_size)
            for name in ("index", "total"):
                shown, made = getattr(r, name), row[name]
                assert made["value"] == (None if shown.value is None
                                         else pytest.approx(float(shown.value), abs=0.005))
                assert made["origin"] == (shown.origin or None) and made["note"] == shown.note
            assert list(row["components"]) == sorted(c.id for c in page.components)
            assert row["band"] == (None if r.band is None else {
                "id": r.band.id, "name": r.band.name, "order": r.band.order,
                "range": r.band.range_text, "range_stated": r.band.range_stated,
                "range_inferred": r.band.range_inferred})
        assert [f["score"] for f in doc["fields"]] == [
            None if f.score is None else pytest.approx(f.score) for f in page.fields]
        assert doc["notes"] == page.notes
        assert {s["id"] for s in doc["sources"]} >= {s.id for s in page.sources}


def test_a_ranking_document_lists_the_rows_in_the_pages_order(real_site, documents):
    for page in real_site.rankings:
        _, doc = documents[urls.api_group_url(page.year, page.group.id)]
        assert [r["unit"]["id"] for r in doc["rows"]] == [r.unit.id for r in page.rows]
        assert all("group" not in r for r in doc["rows"])
    _, districts = documents[urls.api_group_url(2023, "huyen")]
    assert districts["rows"][0]["unit"]["id"] == MY_XUYEN
    assert districts["stats"]["agencies"] == 11


def test_index_lists_every_document_with_its_kind_schema_and_description(documents):
    endpoints = [e for e, _ in documents.values()]
    index = json.loads(api.dumps(api.index(endpoints, Scale())))
    assert not list(validator("index").iter_errors(index))
    listed = {e["path"]: e for e in index["endpoints"]}
    assert set(listed) == set(documents)
    mine = listed[urls.api_unit_url(MY_XUYEN)]
    assert mine["kind"] == "agency" and mine["page"] == urls.unit_url(MY_XUYEN)
    assert mine["description"].startswith("UBND huyện Mỹ Xuyên. ")
    assert {k["kind"]: k["count"] for k in index["kinds"]}["agency"] == 42  # 2 founded 2025
    for kind in index["kinds"]:  # each path fits its kind's documented pattern
        pattern = re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(kind["pattern"]))
        paths = [e["path"] for e in index["endpoints"] if e["kind"] == kind["kind"]]
        assert paths and all(re.fullmatch(pattern, p) for p in paths), (pattern, paths[:3])


def test_documents_are_the_same_bytes_from_the_same_models(real, documents):
    again = site(real)
    for page in again.pages():
        made = api.document(page)
        if made:
            assert json.loads(api.dumps(made[1])) == documents[made[0].path][1]
            assert api.dumps(made[1]) == api.dumps(api.document(page)[1])


def test_json_text_has_sorted_keys_and_keeps_the_decimals_it_is_given():
    text = api.dumps({"b": [Decimal("7.00"), None, True], "a": {"y": "Mỹ \"X\"", "x": 1}})
    assert text == '{"a":{"x":1,"y":"Mỹ \\"X\\""},"b":[7.00,null,true]}\n'
    with pytest.raises(TypeError):
        api.dumps({"x": 0.1})  # every number goes through api.number


def test_numbers_have_the_precision_they_are_shown_with():
    from parindex import fmt

    assert str(api.number(fmt.Printed(97.685, 3))) == "97.685"
    assert str(api.number(fmt.Printed(75.0, 3))) == "75.000"
    assert str(api.number(fmt.Printed(9.7, 1))) == "9.7"
    assert str(api.number(76.195)) == "76.20"  # computed: half-up, two decimals
    assert str(api.number(-0.001)) == "0.00"
    assert api.number(None) is None and api.count(3.0) == 3


@pytest.fixture(scope="module")
def three_decimals_site(tmp_path_factory):
    data = fixture_package("three_decimals", tmp_path_factory.mktemp("api") / "data")
    dataset, report = load(data)
    assert dataset is not None, str(report)
    return site(score(dataset))


def test_printed_values_keep_their_three_decimals_in_the_text(three_decimals_site):
    page = next(p for p in three_decimals_site.units if p.unit.id == "so-tu-phap")
    assert isinstance(page, UnitPage)
    endpoint, doc = api.document(page)
    text = api.dumps(doc)
    row = json.loads(text)["history"][-1]
    assert row["index"]["value"] == 97.685 and row["total"]["value"] == 97.685
    assert '"value":97.685' in text and '"self_assessment":60.125' in text
    y_te = next(p for p in three_decimals_site.units if p.unit.id == "so-y-te")
    assert '"value":75.000' in api.dumps(api.document(y_te)[1])  # printed 75,000
    for made in filter(None, map(api.document, three_decimals_site.pages())):
        assert not list(validator(made[0].kind).iter_errors(json.loads(api.dumps(made[1]))))


def test_a_row_names_its_agency_or_its_group_never_both_nor_neither(documents):
    _, ranking = documents[urls.api_group_url(2023, "huyen")]
    _, agency = documents[urls.api_unit_url(MY_XUYEN)]
    check = validator("group")
    row = ranking["rows"][0]
    assert not list(check.iter_errors(ranking))
    for broken in ({**row, "group": agency["history"][0]["group"]},
                   {k: v for k, v in row.items() if k != "unit"}):
        assert list(check.iter_errors({**ranking, "rows": [broken]}))


def test_the_readme_documents_every_kind_with_its_path():
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for k in api.KINDS.values():
        assert f"| `{k.kind}` | `{k.pattern}` |" in readme, k.kind
