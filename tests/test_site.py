"""The real site (plugins/build.py + plugins/parindex_site.py + theme/), built once per session.

Numbers asserted here are the ones printed in the 2023 report (seed document 002), not values
copied from the program's output.
"""

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from plugins import build as buildmod
from tests.conftest import DATA, copy_real
from tests.htmltree import parse, table_rows

DISTRICTS_PRINTED_ORDER = [  # table of section II.1 of the report, top to bottom
    "UBND huyện Mỹ Xuyên", "UBND huyện Long Phú", "UBND thị xã Ngã Năm",
    "UBND huyện Châu Thành", "UBND huyện Kế Sách", "UBND huyện Thạnh Trị",
    "UBND huyện Cù Lao Dung", "UBND huyện Mỹ Tú", "UBND thành phố Sóc Trăng",
    "UBND huyện Trần Đề", "UBND thị xã Vĩnh Châu"]


@pytest.fixture(scope="module")
def out(site) -> Path:
    return site.output


def page(out: Path, url: str):
    return parse(out / url / "index.html")


def test_pelican_logged_no_warning(site):
    assert site.warnings == []


def test_district_ranking_lists_the_eleven_districts_in_printed_order(out):
    table = page(out, "chi-so/2023/huyen").find("table", id="bang-xep-hang")
    rows = table_rows(table)
    names = [re.sub(r"\d+$", "", r[1]).strip() for r in rows]  # footnote marks follow names
    assert names == DISTRICTS_PRINTED_ORDER
    assert [r[0] for r in rows] == [str(i) for i in range(1, 12)]
    index_col = [th.text for th in table.find("thead").find_all("th")].index("Chỉ số (%)")
    assert rows[0][index_col] == "83,84%"
    assert rows[-1][index_col].startswith("69,06%")


def test_district_ranking_has_a_band_coloured_chart_with_table_and_csv(out):
    doc = page(out, "chi-so/2023/huyen")
    img = doc.find("figure", cls="chart").find("img")
    assert img.attrs["src"].endswith("chi-so.svg") and "Mỹ Xuyên 83,84%" in img.attrs["alt"]
    svg = (out / "chi-so/2023/huyen/chi-so.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<svg") and "Nhóm 2" in svg and "83,84%" in svg
    rows = list(csv.DictReader(io.StringIO(
        (out / "chi-so/2023/huyen/chi-so.csv").read_text(encoding="utf-8-sig"))))
    assert [(r["label"], r["index"]) for r in rows][:2] == [("Mỹ Xuyên", "83.84"),
                                                             ("Long Phú", "83.20")]  # as printed


def test_a_printed_index_within_rounding_has_no_footnote(out):
    # Thạnh Trị: printed 77,38; its components give 77,370–77,402 % (each ± 0,005)
    doc = page(out, "chi-so/2023/huyen")
    row = next(r for r in doc.find("table", id="bang-xep-hang").find_all("tr")
               if "Thạnh Trị" in r.text)
    cell = next(td for td in row.find_all("td") if "77,38%" in td.text)
    assert not cell.find_all("sup", cls="fn")


def test_my_xuyen_profile(out):
    doc = page(out, "don-vi/ubnd-huyen-my-xuyen")
    facts = doc.find("dl", cls="facts").text
    assert "83,84%" in facts and "1/11" in facts and "Nhóm 2" in facts
    fields = table_rows(doc.find("table", id="bang-linh-vuc"))
    assert [r[3] for r in fields] == ["11,29", "5,00", "4,50", "5,29", "4,50", "2,25", "14,39",
                                      "31,59"]  # field, rate, group mean, score, maximum
    imgs = [i.attrs["src"] for i in doc.find_all("img")]
    assert any(s.endswith(".svg") for s in imgs)
    for src in imgs:
        assert (out / "don-vi/ubnd-huyen-my-xuyen" / src.rsplit("/", 1)[-1]).is_file()


def test_every_agency_has_a_profile(out):
    with open(DATA / "units.csv", encoding="utf-8") as f:
        ids = [r["unit_id"] for r in csv.DictReader(f)]
    assert len(ids) == 42  # the 40 of 2021 and 2023, and the two departments founded in 2025
    assert all((out / "don-vi" / uid / "index.html").is_file() for uid in ids)


def test_department_without_printed_index_shows_missing_and_inferred_rank(out):
    doc = page(out, "don-vi/so-khoa-hoc-va-cong-nghe")
    facts = doc.find("dl", cls="facts").text
    assert "chưa có số liệu" in facts and "2/19" in facts and "suy ra" in facts
    ranking = page(out, "chi-so/2023/so-nganh")
    assert "suy ra" in ranking.find(cls="notice").text
    rows = table_rows(ranking.find("table", id="bang-xep-hang"))
    assert len(rows) == 19 and rows[0][0].startswith("1") and "Sở Tư pháp" in rows[0][1]
    assert "84,81%" in rows[0][2] and "58,89%" in rows[-1][2]


def test_innovations_page_lists_the_26_innovations(out):
    doc = page(out, "sang-kien")
    assert len(doc.find_all("li", cls="innovation")) == 26
    assert len(page(out, "sang-kien/2023").find_all("li", cls="innovation")) == 26


def test_downloads_parse_and_match_the_data(out):
    doc = page(out, "du-lieu")
    links = [a.attrs["href"] for a in doc.find("main").find_all("a")]
    csvs = [h for h in links if h.endswith(".csv") and "/mau/" not in h]
    assert csvs
    for href in csvs:
        path = (out / "du-lieu" / href).resolve()
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        assert rows, href
    results = list(csv.DictReader(io.StringIO(
        (out / "du-lieu/2023/ket-qua.csv").read_text(encoding="utf-8-sig"))))
    assert len(results) == 40
    my_xuyen = next(r for r in results if r["unit_id"] == "ubnd-huyen-my-xuyen")
    assert my_xuyen["index_official"] == "83.84" and my_xuyen["rank"] == "1"
    records = json.loads((out / "du-lieu/2023/ket-qua.json").read_text(encoding="utf-8"))["data"]
    assert [r["unit_id"] for r in records] == [r["unit_id"] for r in results]
    for r, c in zip(records, results, strict=True):  # the same numbers, at full precision
        assert r["index"] == (float(c["index"]) if c["index"] else None), c["unit_id"]
        assert r["rank"] == (int(c["rank"]) if c["rank"] else None)
    copy = out / "du-lieu/goi-du-lieu/2023/scores.csv"
    assert copy.read_bytes() == (DATA / "2023/scores.csv").read_bytes()  # the data is canonical
    package = json.loads((out / "du-lieu/goi-du-lieu/datapackage.json").read_text("utf-8"))
    assert {"2023/innovations.csv", "units.csv"} <= {r["path"] for r in package["resources"]}
    with zipfile.ZipFile(out / "du-lieu/chi-so-cchc-du-lieu.zip") as z:
        assert "datapackage.json" in z.namelist() and "schemas/scores.json" in z.namelist()


def test_no_download_carries_float_noise(out):
    # 65.19999999999999 is a sum in floating point, not a number anyone printed: a printed
    # number keeps its printed decimals ("94.00"), a computed one at most six
    noisy = {p.relative_to(out).as_posix(): m for p in out.rglob("*.csv")
             if (m := re.findall(r"\d\.\d{7,}", p.read_text(encoding="utf-8-sig")))}
    assert noisy == {}
    results = {r["unit_id"]: r for r in csv.DictReader(io.StringIO(
        (out / "du-lieu/2023/ket-qua.csv").read_text(encoding="utf-8-sig")))}
    my_xuyen = results["ubnd-huyen-my-xuyen"]
    assert (my_xuyen["max_score"], my_xuyen["total"], my_xuyen["index"]) == (
        "94.00", "78.81", "83.840426")  # printed 94,00; 78,81 / 94 × 100 = 83,8404255…


def test_a_years_workbook_has_vietnamese_titles_and_numbers_as_printed(out):
    book = openpyxl.load_workbook(out / "du-lieu/2023/ket-qua.xlsx")
    assert book.sheetnames == ["Kết quả", "Điểm theo lĩnh vực", "Giải thích"]
    sheet = book["Kết quả"]
    head = [c.value for c in sheet[1]]
    assert head[:6] == ["Năm", "Mã đơn vị", "Cơ quan, đơn vị", "Mã nhóm", "Nhóm",
                        "Điểm chuẩn tối đa"]
    assert {"Chỉ số SIPAS", "Chỉ số CCHC chính thức", "Xếp loại", "Ghi chú"} <= set(head)
    rows = {r[1].value: r for r in sheet.iter_rows(min_row=2)}
    assert len(rows) == 40
    my_xuyen = {h: c for h, c in zip(head, rows["ubnd-huyen-my-xuyen"], strict=True)}
    assert (my_xuyen["Điểm chuẩn tối đa"].value, my_xuyen["Điểm chuẩn tối đa"].number_format
            ) == (94, "0.00")  # a number, shown 94,00 as printed
    assert (my_xuyen["Chỉ số CCHC chính thức"].value, my_xuyen["Thứ hạng tính lại"].value) == (
        83.84, 1)
    assert my_xuyen["Chỉ số CCHC tính lại"].value == 83.840426
    assert my_xuyen["Chỉ số CCHC tính lại"].number_format == "0.00"
    departments = {h: c.value for h, c in zip(head, rows["so-khoa-hoc-va-cong-nghe"],
                                              strict=True)}
    assert departments["Chỉ số CCHC chính thức"] is None  # not published: an empty cell
    assert departments["Cột có giá trị suy ra"] == "Thứ hạng (văn bản nguồn)"
    fields = book["Điểm theo lĩnh vực"]  # one row per agency, three columns per field
    head = [c.value for c in fields[1]]
    assert head[:6] == ["Mã đơn vị", "Cơ quan, đơn vị", "Nhóm",
                        "Công tác chỉ đạo điều hành CCHC: điểm",
                        "Công tác chỉ đạo điều hành CCHC: điểm tối đa",
                        "Công tác chỉ đạo điều hành CCHC: tỷ lệ (%)"]
    my_xuyen = next(r for r in fields.iter_rows(min_row=2) if r[0].value == "ubnd-huyen-my-xuyen")
    assert [(c.value, c.number_format) for c in my_xuyen[3:6]] == [
        (11.29, "0.00"), (14, "0"), (80.642857, "0.00")]  # 11,29 / 14 (report, section 2.1)
    about = {r[0].value: r[1].value for r in book["Giải thích"].iter_rows()}
    assert about["Giấy phép"].startswith("Creative Commons Attribution 4.0")
    assert "Sở Nội vụ" in about["Nguồn"]


def test_the_downloads_page_gives_each_files_size(out):
    doc = page(out, "du-lieu")
    rows = doc.find("table", cls="data").find("tbody").find_all("tr")
    latest = [s.text for r in rows if r.find("th").text == "2023"
              for s in r.find_all("span", cls="file-size")]
    # the workbook, CSV and JSON of results and of field scores, the report as Word
    assert len(latest) == 6
    book = (out / "du-lieu/2023/ket-qua.xlsx").stat().st_size
    assert f"({round(book / 1024)} KB)" == latest[0]
    assert "ZIP, " in doc.find("a", cls="button").text and " KB)" in doc.find("a",
                                                                              cls="button").text


def test_the_published_data_package_is_valid_for_frictionless(out):
    from frictionless import Package

    report = Package(str(out / "du-lieu/goi-du-lieu/datapackage.json")).validate()
    assert report.valid, [e.message for task in report.tasks for e in task.errors][:5]


def test_downloads_offer_an_empty_template_of_every_table(out):
    links = {a.attrs["href"].rsplit("/", 1)[-1]: a.attrs["href"]
             for a in page(out, "du-lieu").find("main").find_all("a") if "/mau/" in
             a.attrs["href"]}
    schemas = sorted((DATA / "schemas").glob("*.json"))
    assert sorted(links) == sorted(f"{p.stem}.csv" for p in schemas)
    for schema in schemas:
        text = (out / "du-lieu" / links[f"{schema.stem}.csv"]).resolve().read_text("utf-8-sig")
        names = [f["name"] for f in json.loads(schema.read_text("utf-8"))["fields"]]
        assert list(csv.reader(io.StringIO(text))) == [names]


def test_chart_csvs_hold_the_numbers_of_their_table(out):
    doc = page(out, "don-vi/ubnd-huyen-my-xuyen")
    rows = list(csv.DictReader(io.StringIO(
        (out / "don-vi/ubnd-huyen-my-xuyen/linh-vuc.csv").read_text(encoding="utf-8-sig"))))
    table = table_rows(doc.find("table", id="bang-linh-vuc"))

    def shown(x: str) -> str:
        return f"{float(x):.2f}".replace(".", ",") + "%"
    drawn = [r for r in table if r[1] != "chưa có số liệu"]  # no maximum, no bar
    assert [shown(r["pct"]) for r in rows] == [r[1] for r in drawn]
    # a group mean the source printed otherwise has a note beside it: "(văn bản nguồn in …)"
    assert [shown(r["group_mean"]) for r in rows] == [r[2].split(" (")[0] for r in drawn]


def html_pages(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*.html") if "pagefind" not in p.parts)


def test_nothing_is_loaded_from_outside_and_no_inline_script(out):
    for path in html_pages(out):
        doc = parse(path)
        for n in doc.find_all("script"):
            assert n.attrs.get("src"), f"inline script in {path}"
            assert not re.match(r"(https?:)?//", n.attrs["src"]), path
        for n in doc.find_all("link"):
            assert not re.match(r"(https?:)?//", n.attrs.get("href", "")), path
        for n in doc.find_all("img"):
            assert not re.match(r"(https?:)?//", n.attrs.get("src", "")), path
        for n in doc.iter():
            assert not any(a.startswith("on") for a in n.attrs), f"event handler in {path}"
            assert "style" not in n.attrs, f"style attribute in {path}"


def test_pages_are_vietnamese_with_landmarks_and_one_h1(out):
    for path in html_pages(out):
        doc = parse(path)
        english = path.relative_to(out).parts[0] == "en"  # the English edition (test_english)
        assert doc.find("html").attrs["lang"] == ("en" if english else "vi")
        assert len(doc.find_all("main")) == 1, path
        assert len(doc.find_all("h1")) == 1, path
        if path.relative_to(out).parts[0] != "nhung":  # a chart to embed has no header
            assert doc.find("a", cls="skip-link").attrs["href"] == "#noi-dung"
        for table in doc.find_all("table"):
            if "data" in (table.attrs.get("class") or ""):
                assert table.find_all("caption"), path


def test_search_index_exists_and_pages_carry_folded_names(out):
    assert (out / "pagefind/pagefind.js").is_file()
    assert list((out / "pagefind/fragment").iterdir())
    # only what the search page uses: Pagefind's API, its worker, WebAssembly and the index
    assert {p.name for p in (out / "pagefind").iterdir() if p.suffix in (".js", ".css")} == {
        "pagefind.js", "pagefind-worker.js"}
    doc = page(out, "don-vi/ubnd-huyen-tran-de")
    terms = doc.find("p", cls="search-terms")
    assert "hidden" in terms.attrs  # indexed by Pagefind, not shown
    hidden = " ".join(c for c in terms.children if isinstance(c, str))
    assert "ubnd huyen tran de" in hidden
    assert "data-pagefind-body" in doc.find("main").attrs
    search = page(out, "tim-kiem")
    srcs = [s.attrs["src"] for s in search.find_all("script")]
    assert [s.rsplit("/", 1)[-1] for s in srcs] == ["search.js"]
    assert search.find("div", id="search").attrs["data-pagefind"].endswith("pagefind/pagefind.js")
    form = search.find("form", id="tim-kiem-form")  # a plain GET form without JavaScript
    assert form.find("input", id="o-tim-kiem").attrs["name"] == "q"


def test_the_search_index_has_every_page_meant_for_it(out):
    # Pagefind starts as soon as the pages are written, while charts and downloads are still
    # being made: it must still see every page, Pelican's news and content pages included.
    entry = json.loads((out / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    indexed = sum(lang["page_count"] for lang in entry["languages"].values())
    meant = [p for p in html_pages(out) if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    assert any("tin-tuc" in p.parts for p in meant) and len(meant) > 60
    assert indexed == len(meant)


def test_tables_of_numbers_are_left_out_of_the_search_index(out):
    # A name search must lead to the agency's profile, not to every ranking, field table and
    # directory that lists it; numbers are not what people search for (and at national size
    # the tables were most of the index's time and memory).
    for rel in ("chi-so/2023/huyen", "don-vi", "don-vi/ubnd-huyen-tran-de",
                "chi-so/2023"):
        doc = page(out, rel)
        wrappers = [w for w in doc.find_all("div", cls="table-scroll")
                    if w.find_all("table", cls="data")]  # not the editors' tables of a note
        assert len(wrappers) == len(doc.find_all("table", cls="data")), rel
        for w in wrappers:
            assert "data-pagefind-ignore" in w.attrs, (rel, w.find("table").attrs.get("id"))
    ranking = page(out, "chi-so/2023/huyen")
    assert "tran de" not in str(ranking.find("p", cls="search-terms"))


def _meta(doc, key: str) -> str | None:
    for m in doc.find_all("meta"):
        if key in (m.attrs.get("property"), m.attrs.get("name")):
            return m.attrs["content"]
    return None


def test_a_shared_link_shows_the_pages_chart_or_the_sites_card(out):
    # Open Graph (Zalo, Facebook) and Twitter cards on every page, with a picture that is there
    for path in html_pages(out):
        doc = parse(path)
        rel = path.relative_to(out).as_posix()
        if rel.startswith("nhung/"):
            continue  # a chart's embed page, shown in another site's frame, not shared
        assert _meta(doc, "og:title") and _meta(doc, "og:description"), rel
        assert _meta(doc, "twitter:card") == "summary_large_image", rel
        src = _meta(doc, "og:image")  # relative, or from the root on the 404 page
        image = (out / src[1:] if src.startswith("/") else path.parent / src).resolve()
        assert image.is_file() and image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", rel
    home = page(out, "")
    assert _meta(home, "og:title") == "Chỉ số cải cách hành chính tỉnh Sóc Trăng"
    assert _meta(home, "og:image") == "./xu-huong.png"  # its trend over the years
    assert _meta(page(out, "gioi-thieu"), "og:image") == "../anh-chia-se.png"  # no chart: card
    card = (out / "anh-chia-se.png").read_bytes()
    assert card[16:24] == (1200).to_bytes(4, "big") + (630).to_bytes(4, "big")  # PNG IHDR
    ranking = page(out, "chi-so/2023/huyen")
    assert _meta(ranking, "og:title") == "UBND cấp huyện: Chỉ số CCHC năm 2023"
    assert _meta(ranking, "og:image").endswith("chi-so/2023/huyen/chi-so.png")
    assert "Mỹ Xuyên 83,84%" in _meta(ranking, "og:image:alt")
    assert _meta(page(out, "chi-so/2023"), "og:image").endswith("chi-so/2023/linh-vuc.png")
    assert _meta(page(out, "don-vi/ubnd-huyen-my-xuyen"), "og:image").endswith(
        "anh-chia-se.png")  # not one PNG per agency


def test_every_page_says_whose_data_under_what_licence_how_recent_and_from_what(out):
    with open(DATA / "sources.csv", encoding="utf-8") as f:
        documents = list(csv.DictReader(f))
    latest = max(d["date"] for d in documents if d["date"])
    latest = f"{latest[8:10]}/{latest[5:7]}/{latest[:4]}"
    for rel in ("", "don-vi/ubnd-huyen-tran-de", "gioi-thieu", "tin-tuc"):
        footer = page(out, rel).find("footer")
        assert "Công bố: Sở Nội vụ tỉnh Sóc Trăng" in footer.text
        licence = footer.find("a", rel="license")
        assert licence.attrs["href"] == "https://creativecommons.org/licenses/by/4.0/"
        # the data's own dates: its latest year, and its latest dated source document
        assert (f"Cập nhật: kết quả năm 2023, văn bản nguồn mới nhất có ghi ngày: {latest}."
                in footer.text)
        sources = next(a for a in footer.find_all("a") if a.text == "danh sách văn bản nguồn")
        assert sources.attrs["href"].endswith("du-lieu/#nguon-so-lieu")
    listed = page(out, "du-lieu").find("section", cls="sources").find_all("li")
    assert len(listed) == len(documents)  # every source document of the data
    assert any("25/QĐ-UBND" in li.text for li in listed)


def test_sitemap_lists_every_page(out):
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    locs = set(re.findall(r"<loc>/?([^<]*)</loc>", sitemap))
    for path in html_pages(out):
        rel = path.relative_to(out).as_posix()
        if rel == "404.html" or rel.startswith("nhung/"):  # charts to embed: not for search
            continue
        assert rel.removesuffix("index.html") in locs, rel


def test_news_and_content_pages(out):
    news = page(out, "tin-tuc")
    assert len(news.find_all("article")) >= 2
    for slug in ("phuong-phap", "gioi-thieu", "de-an-2022-2030"):
        assert (out / slug / "index.html").is_file()
    assert (out / "404.html").is_file()


def test_the_method_page_gives_the_formula_and_bands_of_the_data_with_the_editors_text(out):
    doc = page(out, "phuong-phap")
    main = re.sub(r"\s+", " ", doc.find("main").text)
    # components.csv, in order; bands.csv (the report's section II.1 and footnote 3)
    assert ("Chỉ số CCHC = (Điểm tự đánh giá (đã thẩm định) + Khảo sát CBCCVC + Chỉ số SIPAS)"
            " ÷ Điểm chuẩn tối đa × 100%") in main
    bands = table_rows(doc.find("table", cls="data"))
    assert [r[1] for r in bands] == ["trên 90%", "từ 80% đến 90%", "từ 65% đến dưới 80%",
                                     "từ 50% đến dưới 65%", "dưới 50%"]
    assert "1941/QĐ-UBND" in main  # content/phuong-phap.md, below the generated part
    ids = [n.attrs["id"] for n in doc.iter() if n.attrs.get("id")]
    assert len(ids) == len(set(ids))
    linked = [a.attrs["href"] for a in page(out, "gioi-thieu").find_all("a")]
    assert "../phuong-phap/" in linked  # {filename}/phuong-phap.md in an editors' page


def test_province_figures_of_a_year_without_scores_are_shown(out):
    rows = table_rows(page(out, "chi-so").find("table", id="bang-so-lieu"))
    province_2021 = next(r for r in rows if r[2] == "2021" and "PAR INDEX" in r[0])
    assert province_2021[1] == "85,19%"  # Đề án 04/ĐA-UBND: 2021 index of the province


def test_agency_note_from_content_is_on_its_profile(out):
    doc = page(out, "don-vi/ubnd-huyen-tran-de")
    note = doc.find("section", cls="unit-note")
    assert "97,55%" in note.text  # from content/don-vi/ubnd-huyen-tran-de.md


def test_bad_data_leaves_the_previous_output_untouched(tmp_path, capsys):
    data = copy_real(tmp_path)
    scores = data / "2023/scores.csv"
    scores.write_text(scores.read_text(encoding="utf-8").replace("94.00,51.34", "94.00,abc", 1),
                      encoding="utf-8")
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("last good site", encoding="utf-8")
    code = buildmod.main(["--output", str(output), "--data", str(data)])
    err = capsys.readouterr().err
    assert code == 1
    assert "LỖI 2023/scores.csv, dòng" in err and "Traceback" not in err
    assert "được giữ nguyên" in err
    assert (output / "index.html").read_text(encoding="utf-8") == "last good site"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".output-")]


def test_a_page_of_too_many_innovations_links_each_years_count(tmp_path):
    # National size (thousands a year): the all-years page counts them by year instead.
    import jinja2

    from bench import synth
    from parindex import fmt
    from parindex.data.dataset import load
    from parindex.scoring.score import score
    from parindex.site import pages
    from plugins.parindex_site import install

    ds, _ = load(synth.make(tmp_path / "data", 500, 4))
    everything = pages.site(score(ds)).innovations[0]
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(DATA.parent / "theme/templates"),
                             autoescape=True)
    install(env)
    html = env.get_template("innovations.html").render(data=everything, SITEURL="")
    doc = parse(html)
    years = doc.find("section", **{"aria-labelledby": "theo-nam"}).find_all("li")
    assert [li.find("a").attrs["href"] for li in years] == [
        f"/sang-kien/{c.year}/" for c in everything.counts]
    assert fmt.integer(everything.counts[0].n) + " sáng kiến" in html
    assert not doc.find_all("li", cls="innovation")
