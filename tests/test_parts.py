"""A page too long for one file is split in parts (`parindex/site/pages/parts.py`): built for
a small synthetic package with a low urls.PART_ROWS, as a national site is at 400."""

from pathlib import Path

import pytest

from bench import synth
from parindex.data.dataset import load
from parindex.scoring.score import score
from parindex.site import pages, urls
from plugins.build import build
from tests.htmltree import parse, table_rows
from tests.test_links import broken_links

ROWS = 7  # rows of a part here


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("parts")
    data = synth.make(tmp / "data", 40, 2)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(urls, "PART_ROWS", ROWS)
        out = build(tmp / "output", data=data, cache=tmp / "cache").output
    return out, pages.site(score(load(data)[0]))


def _doc(out: Path, url: str):
    return parse(out / url / "index.html")


def _names(out: Path, url: str, table_id: str) -> list[str]:
    return [r[1] if table_id == "bang-xep-hang" else r[0]
            for r in table_rows(_doc(out, url).find("table", id=table_id))]


def _urls(first: str, n: int) -> list[str]:
    return [first] + [f"{first}trang-{i}/" for i in range(2, n + 1)]


def test_a_long_ranking_is_in_parts_that_together_hold_the_whole_group(built):
    out, site = built
    ranking = max(site.rankings, key=lambda p: len(p.rows))
    n = -(-len(ranking.rows) // ROWS)
    assert n > 1
    got = [name for url in _urls(ranking.url, n) for name in _names(out, url, "bang-xep-hang")]
    assert len(got) == len(ranking.rows)
    assert all(r.unit.name in g for r, g in zip(ranking.rows, got, strict=True))
    assert not (out / ranking.url / f"trang-{n + 1}").exists()
    second = _names(out, ranking.url + "trang-2/", "bang-xep-hang")
    assert ranking.rows[ROWS].unit.name in second[0]  # page 2 starts where page 1 stopped


def test_a_part_has_a_pagination_nav_and_the_whole_table_to_download(built):
    out, site = built
    ranking = max(site.rankings, key=lambda p: len(p.rows))
    n = -(-len(ranking.rows) // ROWS)
    doc = _doc(out, ranking.url + "trang-2/")
    nav = doc.find("nav", cls="pagination")
    text = nav.text
    assert f"Trang 2 trên {n}" in text and "Trang trước" in text
    links = {a.text: a.attrs["href"] for a in nav.find_all("a")}
    assert links["Trang trước"].rstrip("/").endswith(ranking.url.rstrip("/"))
    assert links["Trang sau"].endswith(ranking.url + "trang-3/") or n == 2
    assert links["Tải toàn bộ bảng (CSV)"].endswith(ranking.csv_url)
    assert not doc.find_all("figure", cls="chart")  # the chart is on the first part only
    first = _doc(out, ranking.url)
    assert "Trang trước" not in first.find("nav", cls="pagination").text
    html = (out / ranking.url / "trang-2" / "index.html").read_text(encoding="utf-8")
    assert f"<title>{ranking.title} (trang 2) –" in html  # each part its own title


def test_the_directory_in_parts_lists_every_agency_once(built):
    out, site = built
    n = -(-len(site.directory.entries) // ROWS)
    got = [name for url in _urls("don-vi/", n) for name in _names(out, url, "danh-ba")]
    assert sorted(got) == sorted(e.unit.name for e in site.directory.entries)
    assert not (out / "don-vi" / f"trang-{n + 1}").exists()


def test_the_english_edition_is_split_the_same_way_in_english(built):
    out, _ = built
    nav = _doc(out, "en/don-vi/trang-2/").find("nav", cls="pagination")
    assert "Page 2 of" in nav.text and "Previous page" in nav.text
    assert "Download the whole table (CSV)" in nav.text
    assert "(page 2) –" in (out / "en/don-vi/trang-2/index.html").read_text(encoding="utf-8")


def test_every_part_is_reached_by_links(built):
    out, _ = built
    assert broken_links(out) == []


def test_a_years_innovations_in_parts_list_each_once_with_the_years_csv(built):
    out, site = built
    year = max((p for p in site.innovations if p.year), key=lambda p: len(p.items))
    n = -(-len(year.items) // ROWS)
    assert n > 1
    docs = [_doc(out, url) for url in _urls(year.url, n)]
    got = [li.attrs["id"] for doc in docs for li in doc.find_all("li", cls="innovation")]
    assert got == [i.id for i in year.items]
    nav = docs[1].find("nav", cls="pagination")
    assert {a.text: a.attrs["href"] for a in nav.find_all("a")}[
        "Tải toàn bộ bảng (CSV)"].endswith(f"goi-du-lieu/{year.year}/innovations.csv")
