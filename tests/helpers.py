"""Helpers shared by test modules: edit a CSV of a copied data package, run the command line."""

import csv
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def edit(path: Path, change) -> None:
    """Rewrite a CSV through `change(header, rows)`, which edits the lists in place."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    change(header, body)
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, *body])


def set_cell(row: int, column: str, value: str):
    """Edit the cell at spreadsheet row `row` (header is row 1)."""
    def change(header, body):
        body[row - 2][header.index(column)] = value
    return change


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "parindex.cli", *args], cwd=ROOT,
                          capture_output=True, text=True)
