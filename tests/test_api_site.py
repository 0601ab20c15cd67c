"""The JSON API and the chart embeds of the real site, as built (the session's `site` fixture):
`api/v1/index.json` lists endpoints that all exist and validate against the schemas published
beside them, an agency's endpoint holds its profile's numbers, the documentation's example
works, and every chart has an embed page and a "Nhúng" box."""

from __future__ import annotations

import contextlib
import io
import json
import threading
from decimal import Decimal
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from parindex import fmt
from parindex.site import api, embeds, narrative, urls
from tests.htmltree import parse, table_rows

MY_XUYEN = "ubnd-huyen-my-xuyen"


@pytest.fixture(scope="module")
def out(site) -> Path:
    return site.output


def load(out: Path, path: str, **kw):
    return json.loads((out / path).read_text(encoding="utf-8"), **kw)


@pytest.fixture(scope="module")
def index(out):
    return load(out, urls.API_INDEX_URL)


def test_every_endpoint_listed_exists_and_validates_against_its_published_schema(out, index):
    schemas = {}
    for path in {e["schema"] for e in index["endpoints"]} | {index["schema"]}:
        schemas[path] = Draft202012Validator(load(out, path),
                                             format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert not list(schemas[index["schema"]].iter_errors(index))
    assert len(index["endpoints"]) == 64  # 57, and 2021 (its year, 4 groups), 2 agencies of 2025
    for e in index["endpoints"]:
        assert (out / e["path"]).is_file(), e["path"]
        doc = load(out, e["path"])
        errors = [f"{list(x.path)}: {x.message}" for x in schemas[e["schema"]].iter_errors(doc)]
        assert not errors, (e["path"], errors[:5])
        assert (doc["kind"], doc["api"], doc["page"]) == (e["kind"], e["path"], e["page"])
        assert (out / e["page"] / "index.html").is_file(), e["page"]
        assert e["description"]


def test_index_lists_every_document_written_and_every_kind_has_a_schema(out, index):
    root = out / urls.API_ROOT
    written = {p.relative_to(out).as_posix() for p in root.rglob("*.json")}
    schemas = {p for p in written if p.startswith(urls.API_ROOT + "schemas/")}
    assert written - schemas - {urls.API_INDEX_URL} == {e["path"] for e in index["endpoints"]}
    assert {k["schema"] for k in index["kinds"]} | {index["schema"]} == schemas
    assert index["docs"] == urls.API_DOCS_URL and index["index"]["scale"] == "percent"


def test_my_xuyen_endpoint_holds_8384_and_rank_1_for_2023(out):
    doc = load(out, urls.api_unit_url(MY_XUYEN))
    row = next(r for r in doc["history"] if r["year"] == 2023)
    assert row["index"]["value"] == 83.84 and row["rank"] == 1
    assert row["band"]["name"] == "Nhóm 2"
    text = (out / urls.api_unit_url(MY_XUYEN)).read_text(encoding="utf-8")
    assert '"value":83.84' in text


def _raw(node) -> str:
    """The text of an element as written, spaces and line breaks kept (code, a textarea)."""
    return "".join(c if isinstance(c, str) else _raw(c) for c in node.children)


def _shown(x: Decimal | None, unit: str = "") -> str:
    """A number of a document as a page shows it, with the decimals the document gives."""
    if x is None:
        return fmt.MISSING
    return fmt.num(float(x), max(0, -x.as_tuple().exponent)) + unit


def test_every_agencys_history_is_what_its_profile_shows(out, index):
    agencies = [e for e in index["endpoints"] if e["kind"] == "agency"]
    assert len(agencies) == 42  # units.csv: 40 agencies of 2023, 2 departments of 2025
    for e in agencies:
        doc = load(out, e["path"], parse_float=Decimal)
        profile = parse(out / e["page"] / "index.html")
        rows = table_rows(profile.find("table", id="bang-qua-cac-nam")) if doc["history"] \
            else []
        expected = []
        for r in reversed(doc["history"]):  # the profile lists the newest year first
            note = str(r["index"]["note"] or "")
            rank = fmt.MISSING if r["rank"] is None else f"{r['rank']}/{r['group_size']}"
            band = fmt.MISSING if r["band"] is None else r["band"]["name"]
            expected.append([
                str(r["year"]), _shown(r["index"]["value"], "%") + note,
                rank + (" (suy ra)" if r["rank_inferred"] else ""),
                band + (" (suy ra)" if r["band_inferred"] else ""),
                narrative.change(None if r["index_change"] is None
                                 else float(r["index_change"]))])
        assert rows == expected, e["path"]


def test_the_documentation_page_links_the_index_every_kind_its_example_and_schema(out, index):
    doc = parse(out / urls.API_DOCS_URL / "index.html")
    hrefs = {a.attrs["href"].replace("../", "") for a in doc.find_all("a") if a.attrs.get("href")}
    assert urls.API_INDEX_URL in hrefs
    for kind in index["kinds"]:
        assert kind["schema"] in hrefs
        assert any(e["kind"] == kind["kind"] and e["path"] in hrefs for e in index["endpoints"])
    codes = [_raw(pre) for pre in doc.find_all("pre", cls="code")]
    assert codes[0].startswith("curl -s " + api.PREVIEW_ROOT + urls.API_INDEX_URL)
    assert "pd.json_normalize" in codes[1]
    downloads = parse(out / urls.DOWNLOADS_URL / "index.html")
    assert any(a.attrs.get("href", "").endswith(urls.API_DOCS_URL)
               for a in downloads.find_all("a"))


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def test_the_pandas_example_of_the_documentation_runs(out):
    code = [_raw(pre) for pre in parse(out / urls.API_DOCS_URL / "index.html")
            .find_all("pre", cls="code")][1]
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        code = code.replace(api.PREVIEW_ROOT, f"http://127.0.0.1:{server.server_address[1]}/")
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(code, "du-lieu/api example", "exec"), {})
    finally:
        server.shutdown()
        server.server_close()
    assert "unit.name" in printed.getvalue() and "index.value" in printed.getvalue()


def _charts(out: Path):
    """(page file, figure) of every chart on every page of the site (in Vietnamese: the
    English pages show the same charts)."""
    for path in sorted(out.rglob("index.html")):
        rel = path.relative_to(out)
        if rel.parts[0] in ("pagefind", "nhung", "en"):
            continue
        for fig in parse(path).find_all("figure", cls="chart"):
            yield path, fig


def test_every_chart_has_a_nhung_box_an_svg_download_and_an_embed_page(out):
    seen = 0
    for path, fig in _charts(out):
        seen += 1
        box = fig.find("details", cls="embed-code")
        assert box.find("summary").text.startswith("Nhúng")
        area = box.find("textarea")
        assert "readonly" in area.attrs and area.attrs["id"] == box.find("label").attrs["for"]
        link = box.find("a").attrs["href"]
        target = (path.parent / link).resolve()
        assert (target / "index.html").is_file(), link
        embed_rel = target.relative_to(out.resolve()).as_posix() + "/"
        assert embed_rel.startswith("nhung/")
        snippet = _raw(area)
        assert snippet.startswith(f'<iframe src="/{embed_rel}" title="')
        svg = [a for a in fig.find_all("a") if a.text == "Tải SVG"]
        assert len(svg) == 1 and "download" in svg[0].attrs
        assert (path.parent / svg[0].attrs["href"]).is_file()
    assert seen == len(list((out / "nhung").rglob("index.html"))) > 60


def test_an_embed_page_is_the_chart_its_title_sources_and_a_link_back(out):
    page = out / "nhung/chi-so/2023/huyen/chi-so/index.html"
    doc = parse(page)
    assert doc.find("html").attrs["lang"] == "vi"
    assert not doc.find_all("header") and not doc.find_all("nav") and not doc.find_all("footer")
    assert not doc.find_all("script") and "data-pagefind-body" not in doc.find("main").attrs
    assert doc.find("h1").text == "Chỉ số CCHC năm 2023: UBND cấp huyện"
    img = doc.find("img")
    assert (page.parent / img.attrs["src"]).resolve() == (out / "chi-so/2023/huyen/chi-so.svg")
    assert "Mỹ Xuyên 83,84%" in img.attrs["alt"] and img.attrs["alt"].endswith(
        embeds.DATA_BELOW)
    foot = doc.find("p", cls="embed-foot")
    assert foot.text.startswith("Nguồn: Báo cáo Kết quả Chỉ số cải cách hành chính")
    back = {(page.parent / a.attrs["href"]).resolve() for a in foot.find_all("a")}
    assert (out / "chi-so/2023/huyen").resolve() in back
    assert (out / "chi-so/2023/huyen/chi-so.csv").resolve() in back
    assert "noindex" in doc.find("meta", name="robots").attrs["content"]
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "nhung/" not in sitemap and urls.API_DOCS_URL in sitemap
