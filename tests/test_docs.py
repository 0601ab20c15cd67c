"""The documentation and the data package descriptor agree with the code (README, datapackage)."""

import json
import re
from xml.etree import ElementTree

import pytest

from parindex.cli import parser
from parindex.data import package
from parindex.data.dataset import GLOBAL_TABLES, YEAR_TABLES
from tests.conftest import DATA, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("table", GLOBAL_TABLES + YEAR_TABLES)
def test_readme_documents_every_table_and_column(table):
    schema = json.loads((DATA / "schemas" / f"{table}.json").read_text(encoding="utf-8"))
    section = README.split(f"**`{table}.csv`**", 1)
    assert len(section) == 2, f"README has no section for {table}.csv"
    text = section[1].split("**`", 1)[0]
    missing = [f["name"] for f in schema["fields"] if f"`{f['name']}`" not in text
               and f["name"] not in ("self_assessment", "survey_staff", "sipas")]
    assert not missing, f"README does not describe {table}.csv columns {missing}"
    assert "Example:" in text


def test_readme_documents_every_command():
    commands = parser()._subparsers._group_actions[0].choices
    for name in commands:
        assert f"`parindex {name} " in README, name
    assert "make site" in README and "make test" in README


def test_datapackage_lists_every_table_file():
    current = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    assert current == package.descriptor(DATA, current), \
        "data/datapackage.json is stale: run `parindex package data`"


def test_the_data_package_is_valid_for_frictionless():
    from frictionless import Package

    report = Package(str(DATA / "datapackage.json")).validate()
    errors = [e.message for task in report.tasks for e in task.errors] + [
        e.message for e in report.errors]
    assert report.valid, errors[:10]


def test_schema_files_are_referenced_as_in_the_readme():
    for resource in json.loads((DATA / "datapackage.json").read_text())["resources"]:
        assert re.fullmatch(r"schemas/\w+\.json", resource["schema"])
        assert (DATA / resource["schema"]).is_file()


HOSTING = (ROOT / "docs" / "hosting.md").read_text(encoding="utf-8")


def test_the_hosting_guide_is_linked_and_gives_each_server_the_policy_the_site_is_tested_with():
    from tests.conftest import CSP

    assert "(docs/hosting.md)" in README and CSP in README
    blocks = dict(re.findall(r"```(nginx|apache|xml)\n(.*?)```", HOSTING, re.DOTALL))
    assert set(blocks) == {"nginx", "apache", "xml"}  # nginx, .htaccess, web.config
    for server, text in blocks.items():
        assert CSP in text, server
        assert "404.html" in text, server
        for ext in ("pf_meta", "pf_index", "pf_fragment", "pagefind", "csv"):
            assert ext in text, (server, ext)
        assert re.search(r"gzip|DEFLATE|Compression", text), server
        assert re.search(r"Cache-Control|clientCache|max-age", text), server
    ElementTree.fromstring(blocks["xml"])  # web.config is well-formed
