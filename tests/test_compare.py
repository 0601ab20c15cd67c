"""The compare page (`so-sanh/`) and each profile's table beside its group.

The real site is built once (conftest's `site`) and served under the strict CSP as the other
browser tests serve it (tests/test_browser.py); the page reads each agency's API document and
writes what it holds, so what a reader sees there must be what the profiles show. The profile's
own table (for readers without JavaScript) is checked against values worked out by hand from
data/2023/scores.csv and field_scores.csv. A one-component province without field scores
(tests/test_provinces.py's "only the index") builds and shows the page too.
"""

from __future__ import annotations

import re

from parindex import fmt
from tests.htmltree import parse, table_rows

MY_XUYEN, TRAN_DE = "ubnd-huyen-my-xuyen", "ubnd-huyen-tran-de"
COMPARE = "/so-sanh/"


def _text(node) -> str:
    return re.sub(r"\s+", " ", node.text).strip()


# ---------------------------------------------------------------- the built pages (no browser)


def test_the_compare_page_offers_every_agency_and_says_it_needs_javascript(site):
    doc = parse(site.output / "so-sanh/index.html")
    root = doc.find("div", id="so-sanh")
    assert root.attrs["data-api"].endswith("api/v1/agencies/{unit_id}.json")
    assert "cần JavaScript" in _text(doc.find("p", id="can-javascript"))
    form = doc.find("form", id="chon-don-vi")
    assert "hidden" in form.attrs  # shown by the script, which can use it
    first = doc.find("select", id="don-vi-1")
    options = {o.attrs["value"]: _text(o) for o in first.find_all("option") if o.attrs["value"]}
    assert options[MY_XUYEN] == "UBND huyện Mỹ Xuyên" and options[TRAN_DE] == "UBND huyện Trần Đề"
    assert len(options) == 40
    groups = [g.attrs["label"] for g in first.find_all("optgroup")]
    assert groups[:2] == ["Sở, ban, ngành tỉnh", "UBND cấp huyện"]
    for i in (1, 2, 3, 4):  # each labelled
        assert doc.find("label", for_=f"don-vi-{i}")
    assert [s.attrs.get("src", "") for s in doc.find_all("script")] == [
        "../theme/js/compare.js"]  # a file of the site's own theme, nothing inline


def test_a_profile_shows_the_agency_beside_its_groups_mean_and_best(site):
    # Worked out by hand from data/2023/scores.csv: the eleven districts' printed indices.
    indices = [83.84, 83.20, 79.59, 78.21, 78.08, 77.38, 77.33, 76.74, 74.44, 69.99, 69.06]
    assert round(sum(indices), 2) == 847.86  # / 11 = 77,078… → 77,08 (the report prints 77,08)
    # field_scores.csv, "Công tác chỉ đạo điều hành CCHC", maximum 14 for every district:
    scores = [11.29, 10.17, 10.63, 10.20, 10.54, 8.71, 9.99, 10.58, 10.54, 7.00, 8.61]
    assert round(sum(scores), 2) == 108.26  # / (11 × 14) = 70,298…% → 70,30%
    # Trần Đề 7,00 / 14 = 50,00%; the highest Mỹ Xuyên 11,29 / 14 = 80,642…% → 80,64%
    doc = parse(site.output / f"don-vi/{TRAN_DE}/index.html")
    table = doc.find("table", id="bang-so-voi-nhom")
    assert _text(table.find("caption")).startswith("UBND huyện Trần Đề so với nhóm UBND cấp "
                                                   "huyện, năm 2023")
    head = [_text(th) for th in table.find("thead").find_all("th")]
    assert head[2:] == ["Trung bình nhóm", "Cao nhất nhóm"]
    rows = {r[0]: r[1:] for r in table_rows(table)}
    assert rows["Chỉ số CCHC"] == ["69,99%", "77,08%", "83,84% UBND huyện Mỹ Xuyên"]
    assert fmt.pct(sum(indices) / 11) == "77,08%"
    assert rows["Công tác chỉ đạo điều hành CCHC"] == ["50,00%", "70,30%",
                                                      "80,64% UBND huyện Mỹ Xuyên"]
    assert fmt.pct(sum(scores) / 154 * 100) == "70,30%"
    assert fmt.pct(7.00 / 14 * 100) == "50,00%" and fmt.pct(11.29 / 14 * 100) == "80,64%"
    # a field without a maximum has no percentage: said so, never filled in (the group's
    # highest is printed), and a field of which nothing is known has no line
    assert rows["Cải cách chế độ công vụ"] == ["chưa có số liệu", "chưa có số liệu",
                                               "89,29% UBND huyện Cù Lao Dung"]
    assert "Cải cách thể chế" not in rows
    link = [a for a in doc.find_all("a") if "so-sanh/" in (a.attrs.get("href") or "")]
    assert [(a.attrs["href"], _text(a)) for a in link] == [
        (f"../../so-sanh/?don-vi={TRAN_DE}", "So sánh với cơ quan, đơn vị khác")]


def test_a_ranking_links_its_leaders_compared(site):
    doc = parse(site.output / "chi-so/2023/huyen/index.html")
    links = [a for a in doc.find_all("a") if "so-sanh/" in (a.attrs.get("href") or "")]
    assert [(a.attrs["href"], _text(a)) for a in links] == [(
        "../../../so-sanh/?don-vi=ubnd-huyen-my-xuyen,ubnd-huyen-long-phu,ubnd-thi-xa-nga-nam",
        "So sánh 3 cơ quan, đơn vị đứng đầu nhóm")]


def test_a_choice_too_long_for_the_page_is_written_to_a_file_the_page_names(real_dataset,
                                                                          monkeypatch):
    import json

    from parindex.scoring.score import score
    from parindex.site.pages import compare
    from parindex.site.values import Lookup

    results = score(real_dataset)
    listed = compare.compare_page(results, Lookup(results))
    assert listed.options_url == ""  # 40 agencies: in the page
    monkeypatch.setattr(compare, "COMPARE_INLINE", 5)
    page = compare.compare_page(results, Lookup(results))
    assert page.options_url == "so-sanh/don-vi.json"
    groups = json.loads(compare.options(page))
    assert [g["group"] for g in groups] == [str(c.group.name) for c in listed.choices]
    assert [[u.id, str(u.name)] for c in listed.choices for u in c.units] == [
        u for g in groups for u in g["units"]]
    assert ["ubnd-huyen-my-xuyen", "UBND huyện Mỹ Xuyên"] in groups[1]["units"]
