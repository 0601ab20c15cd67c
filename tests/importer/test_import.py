"""`parindex import` (parindex/importer): a results workbook as offices send it, into the year's
canonical tables, every row accounted for; a name, band or number it cannot place is an error
with a suggestion, and then nothing is written."""

import csv
import io
import itertools
import json

import pytest
from openpyxl import Workbook, load_workbook

from parindex.cli import of_record
from parindex.data.dataset import load
from parindex.importer import run
from parindex.scoring.compare import refused
from parindex.scoring.score import score
from tests.conftest import ROOT, copy_real
from tests.helpers import run_cli
from tests.importer.workbooks import SECTIONS, office_workbook


def rows(path):
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


@pytest.fixture
def data(tmp_path):
    return copy_real(tmp_path)


def import_book(tmp_path, **shape):
    data = copy_real(tmp_path)
    book = office_workbook(tmp_path / "ket-qua-2024.xlsx", **shape)
    done = run(book.path, 2024, data)
    assert done.report.ok, str(done.report)
    return book, data, done


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """The workbook imported into a copy of the real data, read by the tests (not changed)."""
    return import_book(tmp_path_factory.mktemp("imported"), percent_cell="so-tu-phap")


def test_every_agency_is_scored_as_the_workbook_prints_it(imported):
    book, data, _ = imported
    dataset, report = load(data)
    assert dataset is not None and report.ok, str(report)
    # the values of record, as `parindex score` gives them: the workbook prints some of the
    # agencies units.csv lists for 2024, so their ranks are the printed ones
    year = of_record(score(dataset).year(2024)).set_index("unit_id")
    assert set(year.index) == set(book.rows)
    for uid, row in book.rows.items():
        assert f"{year.at[uid, 'index']:.2f}" == str(row.index), uid
        assert year.at[uid, "total"] == pytest.approx(float(row.total))
        assert year.at[uid, "rank"] == row.rank and year.at[uid, "band_id"] == \
            row.band.lower().replace("ó", "o").replace(" ", "-")


def test_the_tables_are_canonical(imported):
    _, data, done = imported
    text = (data / "2024/scores.csv").read_bytes()
    assert not text.startswith(b"\xef\xbb\xbf")  # UTF-8 without BOM
    scores = rows(data / "2024/scores.csv")
    tu_phap = next(r for r in scores if r["unit_id"] == "so-tu-phap")
    assert tu_phap["index_published"].count(".") == 1 and "," not in tu_phap["max_score"]
    assert {r["source_id"] for r in scores} == {"ket-qua-2024"}
    assert sorted(done.written) == sorted(f"2024/{t}.csv ({n} dòng)" for t, n in [
        ("scores", 13), ("field_scores", 104), ("field_maxima", 32), ("published_stats", 4)])
    listed = [r["path"] for r in json.loads((data / "datapackage.json").read_text())
              ["resources"]]
    assert "2024/scores.csv" in listed and "2024/field_maxima.csv" in listed


def test_a_percent_formatted_index_is_the_percentage_it_shows(imported):
    book, data, _ = imported
    tu_phap = next(r for r in rows(data / "2024/scores.csv") if r["unit_id"] == "so-tu-phap")
    assert tu_phap["index_published"] == str(book.rows["so-tu-phap"].index)  # not 0.67


def test_names_as_typed_are_placed_and_said(imported):
    _, _, done = imported
    log = "\n".join(done.log)
    for typed, uid in [p for _, agencies in SECTIONS for p in agencies]:
        assert f"«{' '.join(typed.split())}»: giữ → {uid}" in log


def test_every_row_is_accounted_for(imported):
    _, _, done = imported
    log = "\n".join(done.log)
    assert "dòng 7 «SỞ, BAN, NGÀNH TỈNH»: bỏ qua (tiêu đề mục của nhóm «Sở, ban, ngành tỉnh»)" \
        in log
    assert "«TRUNG BÌNH»: trung bình chỉ số của nhóm «UBND cấp huyện» = " in log
    assert "«Ghi chú: xếp hạng trong từng nhóm cơ quan, đơn vị.»: bỏ qua (ghi chú)" in log
    assert "cột «STT»: bỏ qua" in log and "cột «Chỉ số (%)» → index_published" in log
    assert "tiêu đề ở dòng 6:" in log  # under the letterhead and the merged title


def test_the_averages_become_published_means_of_their_group(imported):
    book, data, _ = imported
    stats = rows(data / "2024/published_stats.csv")
    assert {(s["group_id"], s["statistic"], s["value"]) for s in stats} == {
        (g, "mean", str(m)) for g, m in book.means.items()}
    assert stats[0]["location"] == "Trang tính 'Chỉ số CCHC', dòng 12"


def test_the_wide_field_sheet_gives_a_score_per_agency_and_field(imported):
    book, data, _ = imported
    fs = rows(data / "2024/field_scores.csv")
    assert len(fs) == len(book.rows) * 8
    assert len({(r["unit_id"], r["field_id"]) for r in fs}) == len(fs)
    noi_vu = {r["field_id"]: r["score"] for r in fs if r["unit_id"] == "so-noi-vu"}
    assert noi_vu["the-che"] == str(book.rows["so-noi-vu"].fields[1])
    maxima = {(r["group_id"], r["field_id"]): r["max_score"]
              for r in rows(data / "2024/field_maxima.csv")}
    assert len(maxima) == 32
    top = book.maxima["huyen"][6]
    assert maxima[("huyen", "chinh-quyen-dien-tu")] == (f"{top:.1f}" if top % 1 else f"{top:.0f}")
    dataset, _ = load(data)
    pct = score(dataset).fields.query("year == 2024").dropna(subset=["pct"])
    assert len(pct) == len(fs)  # every field score has its maximum


def test_the_source_is_added_from_the_title_rows(imported):
    _, data, _ = imported
    source = rows(data / "sources.csv")[-1]
    assert source["source_id"] == "ket-qua-2024"
    assert source["title"].startswith("KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2024")
    assert (source["number"], source["date"]) == ("25/QĐ-UBND", "2025-01-08")


@pytest.mark.parametrize("shape", [{"two_row_header": True}, {"text_numbers": True}],
                         ids=["two-row-header", "numbers-as-text"])
def test_other_shapes_give_the_same_tables(tmp_path, data, shape):
    plain = copy_real(tmp_path / "plain")
    run(office_workbook(tmp_path / "a.xlsx").path, 2024, plain)
    done = run(office_workbook(tmp_path / "b.xlsx", **shape).path, 2024, data)
    assert done.report.ok, str(done.report)
    for table in ("scores", "published_stats"):
        ours = [{k: v for k, v in r.items() if k not in ("source_id", "location")}
                for r in rows(data / f"2024/{table}.csv")]
        assert ours == [{k: v for k, v in r.items() if k not in ("source_id", "location")}
                        for r in rows(plain / f"2024/{table}.csv")]


def test_a_name_it_cannot_place_is_an_error_with_a_suggestion_and_nothing_is_written(
        tmp_path, data):
    book = office_workbook(tmp_path / "k.xlsx", typed={"ubnd-huyen-my-xuyen": "UBND huyện Mỹ Tu"})
    before = (data / "sources.csv").read_bytes()
    done = run(book.path, 2024, data)
    errors = [str(p) for p in done.report.errors]
    assert errors[0] == ("LỖI k.xlsx, trang tính 'Chỉ số CCHC', dòng 17, cột 'Tên cơ quan, đơn "
                      "vị': giá trị 'UBND huyện Mỹ Tu' — không có đơn vị nào có tên, tên khác "
                      "(aliases) hay mã như vậy trong units.csv (có phải «UBND huyện Mỹ Tú» "
                      "(ubnd-huyen-my-tu)? nếu đúng là đơn vị đó, thêm tên này vào cột aliases "
                      "của đơn vị trong units.csv; nếu là đơn vị mới, thêm một dòng vào "
                      "units.csv)")
    assert len(errors) == 2  # the field sheet's row too
    assert not (data / "2024").exists() and (data / "sources.csv").read_bytes() == before


def test_a_band_name_that_is_no_band_is_an_error(tmp_path, data):
    path = office_workbook(tmp_path / "b.xlsx").path
    wb = load_workbook(path)
    wb["Chỉ số CCHC"]["I8"] = "Nhóm hai"
    wb.save(path)
    done = run(path, 2024, data)
    assert [(p.row, p.column, p.value) for p in done.report.errors] == [
        (8, "Xếp loại", "Nhóm hai")]
    assert "Nhóm 1, Nhóm 2, Nhóm 3, Nhóm 4, Nhóm 5" in done.report.errors[0].expected


def test_a_formula_without_its_result_is_an_error_saying_to_open_it_in_excel(tmp_path, data):
    path = office_workbook(tmp_path / "f.xlsx").path
    wb = load_workbook(path)
    wb["Chỉ số CCHC"]["H8"] = "=G8/C8*100"
    wb["Chỉ số CCHC"]["G9"] = "=SUM(D9:F9)"  # a total: the portal adds it up, a warning
    wb.save(path)
    done = run(path, 2024, data)
    assert [(p.code, p.row, p.column) for p in done.report.problems] == [
        ("formula", 8, "Chỉ số (%)"), ("formula-total", 9, "Tổng điểm")]
    assert "mở tệp bằng Excel, lưu lại" in str(done.report.errors[0])


def test_existing_tables_are_kept_unless_overwrite(tmp_path):
    book, data, _ = import_book(tmp_path)
    done = run(book.path, 2024, data)
    assert {p.code for p in done.report.errors} == {"table-exists"}
    assert "--overwrite" in str(done.report.errors[0])
    again = run(book.path, 2024, data, overwrite=True)
    assert again.report.ok and not any("Thêm nguồn" in line for line in again.log)


def test_a_provinces_own_header_is_added_in_its_schema_not_in_code(tmp_path, data):
    path = office_workbook(tmp_path / "s.xlsx").path
    wb = load_workbook(path)
    wb["Chỉ số CCHC"]["H6"] = "Kết quả xếp hạng chỉ số CCHC"
    wb.save(path)
    assert "index_published" not in rows_after(run(path, 2024, data), data)
    schema_path = data / "schemas/scores.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    field = next(f for f in schema["fields"] if f["name"] == "index_published")
    field["synonyms"].append("Kết quả xếp hạng chỉ số CCHC")
    schema_path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    assert "index_published" in rows_after(run(path, 2024, data, overwrite=True), data)


def rows_after(done, data):
    """The scores columns the import filled."""
    assert done.report.ok, str(done.report)
    return {k for r in rows(data / "2024/scores.csv") for k, v in r.items() if v}


def test_the_command_line_says_what_it_did_and_validates(tmp_path, data):
    book = office_workbook(tmp_path / "ket-qua-2024.xlsx")
    done = run_cli("import", str(book.path), "--year", "2024", "--data", str(data))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "giữ → ubnd-huyen-thanh-tri" in done.stdout
    assert "Đã ghi vào" in done.stdout and "Kiểm tra dữ liệu: 0 lỗi" in done.stdout
    scored = run_cli("score", str(data), "--year", "2024", "--format", "csv")
    got = {r["unit_id"]: r["index"] for r in csv.DictReader(io.StringIO(scored.stdout))}
    assert {u: float(i) for u, i in got.items()} == {
        u: float(r.index) for u, r in book.rows.items()}


def test_an_old_xls_is_refused_by_the_command_line(tmp_path, data):
    path = tmp_path / "ket-qua.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    done = run_cli("import", str(path), "--year", "2024", "--data", str(data))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "ket-qua.xls" in done.stdout and "Lưu thành" in done.stdout
    assert not (data / "2024").exists()


@pytest.mark.parametrize("guide", ["content/pages", "parindex/scaffold/content/pages"])
def test_the_editors_guides_example_workbook_imports_as_the_guide_says(tmp_path, data, guide):
    """The example table of the editors' guide, typed into a workbook under a letterhead as an
    office would (numbers as text with decimal commas), imports without a problem and gives
    the indices and means it prints."""
    lines = (ROOT / guide / "huong-dan-cap-nhat-du-lieu.md").read_text(
        encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| STT |"))
    table = itertools.takewhile(lambda line: line.startswith("|"), lines[start:])
    cells = [[c.strip() for c in line.strip("|").split("|")] for line in table
             if not line.startswith("|---")]
    wb = Workbook()
    wb.active.append(["UBND TỈNH", "", "", "", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
    wb.active.append(["KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2024"])
    for row in cells:
        wb.active.append(row)
    wb.save(tmp_path / "vi-du.xlsx")
    done = run(tmp_path / "vi-du.xlsx", 2024, data)
    assert done.report.problems == [], str(done.report)
    printed = {r[1]: r[7] for r in cells[1:] if len(r) > 7 and r[7] and r[0]}
    scores = rows(data / "2024/scores.csv")
    assert sorted(r["index_published"] for r in scores) == sorted(
        v.replace(",", ".") for v in printed.values())
    means = [r[7].replace(",", ".") for r in cells if r[1] == "TRUNG BÌNH"]
    assert [s["value"] for s in rows(data / "2024/published_stats.csv")] == means
    dataset, report = load(data)
    assert report.ok and refused(score(dataset)) == []
