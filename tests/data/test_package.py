"""The data package as published (parindex/data/package.py `canonical`): written from the
validated tables, so that what editors may write (names for ids, decimal commas, semicolons, a
BOM, comment rows, a table kept as .xlsx) is republished canonical and valid."""

import csv
import io
import json

from openpyxl import Workbook

from parindex.data.dataset import load
from parindex.data.package import canonical
from tests.conftest import copy_real


def editors_copy(tmp_path):
    """The real data as an editor may have written it: agencies by name and decimal commas in
    scores.csv (semicolons, with a BOM), field maxima kept as a workbook."""
    data = copy_real(tmp_path)
    names = {r["unit_id"]: r["name"] for r in csv.DictReader(
        (data / "units.csv").open(encoding="utf-8"))}
    path = data / "2023/scores.csv"
    rows = list(csv.reader(path.open(encoding="utf-8")))
    for r in rows[1:]:
        r[0] = names[r[0]]
        r[1:8] = [c.replace(".", ",") for c in r[1:8]]
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8-sig")
    maxima = data / "2023/field_maxima.csv"
    wb = Workbook()
    for r in csv.reader(maxima.open(encoding="utf-8")):
        wb.active.append(r)
    wb.save(data / "2023/field_maxima.xlsx")
    maxima.unlink()
    return data


def published(tmp_path, data):
    dataset, report = load(data)
    assert dataset is not None, str(report)
    target = tmp_path / "published"
    for rel, text in canonical(dataset).items():
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        (target / rel).write_text(text, encoding="utf-8")
    return target


def test_the_published_package_is_canonical_whatever_the_editor_wrote(tmp_path):
    target = published(tmp_path, editors_copy(tmp_path))
    scores = (target / "2023/scores.csv").read_bytes()
    assert not scores.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(scores.decode("utf-8"))))
    my_xuyen = next(r for r in rows if r["unit_id"] == "ubnd-huyen-my-xuyen")  # an id, not a name
    assert (my_xuyen["max_score"], my_xuyen["index_published"]) == ("94.00", "83.84")
    maxima = list(csv.DictReader((target / "2023/field_maxima.csv").open(encoding="utf-8")))
    assert len(maxima) == 13 and maxima[0]["max_score"] == "11"  # the workbook's table, as CSV
    package = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
    paths = [r["path"] for r in package["resources"]]
    assert "2023/field_maxima.csv" in paths and not any(p.endswith(".xlsx") for p in paths)


def test_the_published_package_is_valid_for_frictionless(tmp_path):
    from frictionless import Package

    data = editors_copy(tmp_path)
    assert not Package(str(data / "datapackage.json")).validate().valid  # as the editor wrote
    report = Package(str(published(tmp_path, data) / "datapackage.json")).validate()
    assert report.valid, [e.message for task in report.tasks for e in task.errors][:5]


def test_the_published_schemas_are_the_effective_ones(tmp_path):
    """A component added in components.csv only is a column of the published scores schema;
    a declared decimal comma is not (numbers are written with a point)."""
    data = copy_real(tmp_path)
    with (data / "components.csv").open("a", encoding="utf-8") as f:
        f.write("bonus,Điểm thưởng,Thưởng,4\n")
    desc = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    desc["decimalChar"] = "."
    (data / "datapackage.json").write_text(json.dumps(desc, ensure_ascii=False),
                                           encoding="utf-8")
    target = published(tmp_path, data)
    schema = json.loads((target / "schemas/scores.json").read_text(encoding="utf-8"))
    assert "bonus" in [f["name"] for f in schema["fields"]]
    package = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
    assert "decimalChar" not in package
    assert "bonus" in (target / "2023/scores.csv").read_text(encoding="utf-8").split("\n")[0]
