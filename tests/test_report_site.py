"""The year's report in the real build: its page, its Word document, and the links to them.

The numbers are the 2023 report's district table worked out by hand: mean 77,08 (of 11 printed
indices), spread 83,84 − 69,06 = 14,78 (the report printed 6,76).
"""

import io
import re
from pathlib import Path

import docx
import pytest

from tests.htmltree import parse

REPORT = "chi-so/2023/bao-cao/"


@pytest.fixture(scope="module")
def out(site) -> Path:
    return site.output


def words(node) -> str:
    return re.sub(r"\s+", " ", node.text)


def test_the_2023_report_page_shows_the_district_mean_and_spread(out):
    html = parse(out / REPORT / "index.html")
    districts = words(html.find("section", aria_labelledby="nhom-huyen"))
    assert "Giá trị trung bình của nhóm là 77,08%" in districts
    assert "14,78 điểm % (văn bản nguồn in 6,76" in districts
    links = {a.attrs.get("href", "") for a in html.find_all("a")}
    assert any(h.endswith("chi-so/2023/huyen/") for h in links)
    assert any(h.endswith("bao-cao-2023.docx") for h in links)


def test_the_2023_report_as_word_holds_the_same_numbers(out):
    path = out / REPORT / "bao-cao-2023.docx"
    doc = docx.Document(io.BytesIO(path.read_bytes()))
    said = "\n".join(p.text for p in doc.paragraphs)
    assert "Giá trị trung bình của nhóm là 77,08%" in said
    assert "14,78 điểm % (văn bản nguồn in 6,76" in said
    cells = {c.text for t in doc.tables for row in t.rows for c in row.cells}
    assert {"UBND huyện Mỹ Xuyên", "83,84%", "69,06%"} <= cells


def test_the_year_page_and_the_downloads_page_link_the_report(out):
    year = {a.attrs.get("href", "") for a in parse(out / "chi-so/2023/index.html").find_all("a")}
    assert any(h.endswith(REPORT) for h in year)
    downloads = parse(out / "du-lieu/index.html")
    docx_link = [a for a in downloads.find_all("a")
                 if a.attrs.get("href", "").endswith("chi-so/2023/bao-cao/bao-cao-2023.docx")]
    assert docx_link and "DOCX" in words(docx_link[0])
    assert not (out / "chi-so/2021/bao-cao").exists()  # 2021 prints only the leaders
