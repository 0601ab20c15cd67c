"""Command line (parindex/cli.py): the contract of `parindex score`."""

import csv
import io
import json

from tests.helpers import run_cli


def test_score_csv_has_the_contract_columns_and_one_row_per_agency():
    done = run_cli("score", "data", "--year", "2023", "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert len(rows) == 40
    assert {"unit_id", "name", "group_id", "total", "index", "rank", "band_id"} <= set(rows[0])
    my_xuyen = next(r for r in rows if r["name"] == "UBND huyện Mỹ Xuyên")
    assert (float(my_xuyen["total"]), my_xuyen["rank"], my_xuyen["band_id"]) == (
        78.81, "1", "nhom-2")
    assert abs(float(my_xuyen["index"]) - 83.84) < 0.01


def test_score_gives_the_values_of_record_beside_the_computed_ones():
    """A table that prints only some members (10 of 63) and no ranks the portal can compute:
    `parindex score` gives the printed ranks out of the whole membership, and the printed
    indices; the computed values are in the `…_computed` columns."""
    done = run_cli("score", "tests/fixtures/partial_table/data", "--year", "2024",
                   "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [(r["rank"], r["group_size"], r["rank_computed"]) for r in rows][:4] == [
        ("3", "63", ""), ("7", "63", ""), ("12", "63", ""), ("18", "63", "")]
    assert rows[2]["index"] == "85.9" and rows[2]["index_computed"] == "85.9"  # no float noise


def test_score_json_and_table():
    done = run_cli("score", "data", "--year", "2023", "--format", "json")
    records = json.loads(done.stdout)
    assert len(records) == 40 and "Mỹ Xuyên" in done.stdout
    table = run_cli("score", "data", "--year", "2023").stdout
    assert "83,84" in table and "1/11" in table and "chưa có số liệu" in table


def test_unknown_year_is_a_plain_message():
    done = run_cli("score", "data", "--year", "1999")
    assert done.returncode == 1 and "năm 1999" in done.stderr and "2023" in done.stderr
    assert "Traceback" not in done.stderr


def test_parindex_build_builds_a_portal_from_the_folder_it_runs_in(tmp_path):
    """Without make (an office on Windows): `parindex build` in a folder with data/ and
    content/ builds output/ there."""
    import os
    import shutil
    import subprocess
    import sys

    from tests.conftest import ROOT, copy_real

    copy_real(tmp_path)
    shutil.copytree(ROOT / "content", tmp_path / "content")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "parindex.cli", "build"], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "Đã dựng trang vào" in done.stdout
    assert (tmp_path / "output/don-vi/ubnd-huyen-my-xuyen/index.html").is_file()
    empty = tmp_path / "trong"
    empty.mkdir()
    done = subprocess.run([sys.executable, "-m", "parindex.cli", "build"], cwd=empty, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 1 and "--data" in done.stderr and "Traceback" not in done.stderr
