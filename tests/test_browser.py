"""The built site in a real browser (Chromium through Playwright's sync API).

The real site is built once per session (the `site` fixture of conftest.py, plugins.build.build)
and served by Python's http.server on 127.0.0.1 with a strict Content-Security-Policy, as a
province's web server may set it (DESIGN.md: no inline scripts, nothing from outside). A missing
path answers 404 with the site's own 404.html, as a configured host does.

Pagefind compiles its search index with WebAssembly; under `default-src 'self'` Chromium
refuses to compile it, so the policy adds `script-src 'self' 'wasm-unsafe-eval'` (the narrowest
source that allows WebAssembly and nothing else: no eval, no inline script). A host that sets a
CSP needs that too, or search stays empty (docs/hosting.md). Every other directive falls back to
`default-src 'self'`.

Chromium is Debian's (/usr/bin/chromium, installed by `make test`); no browser is downloaded.
"""

from __future__ import annotations

import csv
import re
import threading
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.is_file():
    pytest.skip("the browser tests need Debian's Chromium at /usr/bin/chromium "
                "(`make test` installs it)", allow_module_level=True)

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402

from tests.conftest import CSP, DATA, copy_real  # noqa: E402

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
CSP_LISTENER = """document.addEventListener('securitypolicyviolation', e => {
  (window.__cspViolations = window.__cspViolations || []).push(
    e.effectiveDirective + ' refused ' + (e.blockedURI || 'inline') + ' in ' + e.sourceFile);
});"""
TIMEOUT = 15_000  # ms, for anything the page does by itself (Pagefind loads asynchronously)


def _first_field_id() -> str:
    with open(DATA / "fields.csv", encoding="utf-8-sig") as f:
        return min(csv.DictReader(f), key=lambda r: int(r["order"]))["field_id"]


def _district_group_id() -> str:
    with open(DATA / "groups.csv", encoding="utf-8-sig") as f:
        return next(r["group_id"] for r in csv.DictReader(f) if "huyện" in r["name"])


RANKING = f"/chi-so/2023/{_district_group_id()}/"
PROFILE = "/don-vi/ubnd-huyen-my-xuyen/"
NOT_FOUND = "/chi-so/2023/khong-co-trang-nay/"
PAGES = {
    "home": "/",
    "year": "/chi-so/2023/",
    "report": "/chi-so/2023/bao-cao/",
    "ranking": RANKING,
    "profile": PROFILE,
    "field": f"/chi-so/2023/linh-vuc/{_first_field_id()}/",
    "innovations": "/sang-kien/",
    "downloads": "/du-lieu/",
    "search": "/tim-kiem/",
    "search-results": "/tim-kiem/?q=my+xuyen",
    "methodology": "/phuong-phap/",
    "news": "/tin-tuc/",
    "404": NOT_FOUND,
}
# The English edition of the data pages (issue 16): the same checks, axe included
PAGES.update({f"en-{name}": "/en" + PAGES[name] for name in (
    "home", "year", "ranking", "profile", "field", "innovations", "downloads", "methodology")})
PAGES["en-directory"] = "/en/don-vi/"
RESULT_LINK = ".search-result-link"


# ---------------------------------------------------------------- serving

class _Handler(SimpleHTTPRequestHandler):
    csp: str | None = CSP

    def end_headers(self) -> None:
        if self.csp:
            self.send_header("Content-Security-Policy", self.csp)
        super().end_headers()

    def send_error(self, code, message=None, explain=None) -> None:
        page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args) -> None:  # no access log in the test output
        pass


class _NoCspHandler(_Handler):
    csp = None


def _serve(directory: Path, handler=_Handler):
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="session")
def base_url(site):
    server, url = _serve(site.output)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser):
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT)
    p = context.new_page()
    yield p
    context.close()


# ---------------------------------------------------------------- what a page did

@dataclass
class Watch:
    """Everything a page logged, requested and received, and what the CSP refused."""

    base: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    bad_responses: list[str] = field(default_factory=list)

    page: Page | None = None

    @classmethod
    def on(cls, page: Page, base: str) -> Watch:
        """Start watching `page`; call before it navigates."""
        w = cls(base, page=page)
        page.add_init_script(CSP_LISTENER)
        page.on("console", lambda m: m.type == "error" and w.console_errors.append(
            f"{m.text} ({m.location.get('url')})"))
        page.on("pageerror", lambda e: w.page_errors.append(str(e)))
        page.on("request", lambda r: w.requests.append(r.url))
        page.on("requestfailed", lambda r: w.failed.append(f"{r.url}: {r.failure}"))
        page.on("response", lambda r: r.status >= 400 and not r.request.is_navigation_request()
                and w.bad_responses.append(f"{r.status} {r.url}"))
        return w

    def outside(self) -> list[str]:
        return [u for u in self.requests
                if not (u.startswith(self.base + "/") or u.startswith(("data:", "blob:")))]

    def assert_clean(self) -> None:
        assert self.page_errors == [], self.page_errors
        refused = [e for e in self.console_errors if "Content Security Policy" in e]
        assert refused == [], f"the page needs more than the CSP {CSP!r} allows: {refused}"
        assert self.page.evaluate("window.__cspViolations || []") == []
        assert self.console_errors == [], self.console_errors
        assert self.outside() == [], self.outside()
        assert self.failed == [], self.failed
        assert self.bad_responses == [], self.bad_responses


def wait_for_results(page: Page):
    """The search page loads Pagefind, searches, then lists result links; wait for the first."""
    links = page.locator(RESULT_LINK)
    expect(links.first).to_be_visible(timeout=TIMEOUT)
    return links


def open_page(page: Page, url: str):
    response = page.goto(url, wait_until="networkidle")
    if "/tim-kiem/?q=" in url:
        wait_for_results(page)
    return response


# ---------------------------------------------------------------- 1. pages load cleanly

@pytest.mark.browser
@pytest.mark.parametrize("name", PAGES)
def test_page_loads_without_console_error_and_nothing_from_outside(page, base_url, name):
    watch = Watch.on(page, base_url)
    response = open_page(page, base_url + PAGES[name])
    assert response is not None
    assert response.status == (404 if name == "404" else 200)
    if name == "404":
        # The main document's own 404 status is what a missing page must answer; Chromium logs
        # it as "Failed to load resource" for the page itself, which is not an error of a page.
        own = f"({base_url}{NOT_FOUND})"
        watch.console_errors = [e for e in watch.console_errors
                                if not (e.startswith("Failed to load resource") and
                                        e.endswith(own))]
        expect(page.locator("h1")).to_be_visible()
    assert page.locator("main#noi-dung").count() == 1
    watch.assert_clean()


# ---------------------------------------------------------------- 2. search

SEARCHES = [  # query, the page it must find, that page's title
    ("my xuyen", PROFILE, "UBND huyện Mỹ Xuyên"),
    ("Mỹ Xuyên", PROFILE, "UBND huyện Mỹ Xuyên"),
    ("tran de", "/don-vi/ubnd-huyen-tran-de/", "UBND huyện Trần Đề"),
    ("Trần Đề", "/don-vi/ubnd-huyen-tran-de/", "UBND huyện Trần Đề"),
    ("TRAN ĐE", "/don-vi/ubnd-huyen-tran-de/", "UBND huyện Trần Đề"),
]


def _search(page: Page, base_url: str, query: str):
    page.goto(base_url + "/tim-kiem/", wait_until="networkidle")
    box = page.locator("#o-tim-kiem")
    expect(box).to_be_focused()
    box.fill(query)
    return wait_for_results(page)


def _results(page: Page) -> list[str]:
    expect(page.locator(".search-status")).to_contain_text("kết quả cho")
    return page.locator(RESULT_LINK).evaluate_all("as => as.map(a => a.pathname)")


@pytest.mark.browser
@pytest.mark.parametrize("query, path, title", SEARCHES)
def test_search_finds_the_agency_first(page, base_url, query, path, title):
    watch = Watch.on(page, base_url)
    links = _search(page, base_url, query)
    # The profile comes first: its title is the name; tables that list it are not indexed.
    expect(links.first).to_have_text(title)
    assert links.first.get_attribute("href").endswith(path)
    watch.assert_clean()


@pytest.mark.browser
def test_search_finds_the_same_pages_with_or_without_marks_and_d(page, base_url):
    # Pagefind alone matched "tran" to "trang" and "Trăng", and never "de" to "Đề": 5 results
    # for "tran de", 19 for "Trần Đề", most of them noise ("dễ", "trang")
    found = {}
    for query in ("tran de", "Trần Đề", "tran đề"):
        page.goto(base_url + "/tim-kiem/?q=" + query, wait_until="networkidle")
        found[query] = _results(page)
    assert found["tran de"] == found["Trần Đề"] == found["tran đề"], found
    assert found["tran de"][0] == "/don-vi/ubnd-huyen-tran-de/"
    for path in found["tran de"]:  # every page found says "Trần Đề"
        text = (page.request.get(base_url + path).text())
        assert "Trần Đề" in text or "tran de" in text, path


@pytest.mark.browser
def test_search_dong_finds_a_title_with_dong(page, base_url):
    watch = Watch.on(page, base_url)
    _search(page, base_url, "dong")
    titles = page.locator(RESULT_LINK).all_inner_texts()
    assert any("đồng" in t.lower() for t in titles), titles
    watch.assert_clean()


@pytest.mark.browser
def test_search_from_the_header_form(page, base_url):
    watch = Watch.on(page, base_url)
    page.goto(base_url + "/", wait_until="networkidle")
    page.locator("form.site-search input[name=q]").fill("tran de")
    page.locator("form.site-search button[type=submit]").click()
    page.wait_for_url(re.compile(r"/tim-kiem/\?q=tran\+de$"))
    expect(page.locator(f'{RESULT_LINK}[href$="/don-vi/ubnd-huyen-tran-de/"]').first
           ).to_be_visible(timeout=TIMEOUT)
    watch.assert_clean()


LAYOUT_SHIFT = """window.__shift = 0;
new PerformanceObserver(list => { for (const e of list.getEntries())
  if (!e.hadRecentInput) window.__shift += e.value; })
  .observe({type: 'layout-shift', buffered: true});"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [360, 1280])
def test_the_search_page_does_not_move_while_results_come(browser, base_url, width):
    # what Lighthouse counts as cumulative layout shift: the results have their room
    context = browser.new_context(viewport={"width": width, "height": 740})
    try:
        page = context.new_page()
        page.add_init_script(LAYOUT_SHIFT)
        page.goto(base_url + "/tim-kiem/?q=soc+trang", wait_until="networkidle")
        links = wait_for_results(page)
        assert links.count() == 10  # a page of them
        more = page.get_by_role("button", name="Xem thêm kết quả")
        more.click()
        assert links.count() > 10
        page.wait_for_timeout(300)
        assert page.evaluate("window.__shift") < 0.001
    finally:
        context.close()


@pytest.mark.browser
def test_search_loads_only_the_pagefind_files_it_uses(page, base_url, site):
    watch = Watch.on(page, base_url)
    page.goto(base_url + "/tim-kiem/?q=my+xuyen", wait_until="networkidle")
    wait_for_results(page)
    loaded = {u.split("?")[0].rsplit("/", 1)[-1] for u in watch.requests if "/pagefind/" in u}
    assert {"pagefind.js", "pagefind-entry.json"} <= loaded
    shipped = {p.name for p in (site.output / "pagefind").iterdir() if p.is_file()}
    assert shipped <= loaded, shipped - loaded  # no user interface bundle nobody loads
    watch.assert_clean()


@pytest.mark.browser
def test_a_sharded_index_finds_the_same_agency_first(page, site, tmp_path, monkeypatch):
    """A national site's index is in shards that the search page merges: the real site
    indexed so (every profile in a bundle of its own bucket) finds the profile first."""
    import shutil

    from plugins import search

    monkeypatch.setattr(search, "SHARD_FROM", 1)
    sharded = shutil.copytree(site.output, tmp_path / "site",
                              ignore=shutil.ignore_patterns("pagefind*"))
    search.index(sharded, workers=1)
    pages = [p.parent.relative_to(sharded).as_posix() + "/"
             for p in sharded.rglob("index.html")]
    merge = " ".join("../" + b for b in search.merged(pages))
    form = sharded / "tim-kiem/index.html"
    form.write_text(form.read_text(encoding="utf-8").replace(
        'pagefind.js"', f'pagefind.js" data-pagefind-merge="{merge}"', 1), encoding="utf-8")
    server, url = _serve(sharded)
    try:
        watch = Watch.on(page, url)
        links = _search(page, url, "my xuyen")
        expect(links.first).to_have_text("UBND huyện Mỹ Xuyên")
        assert any("/pagefind-don-vi-" in u for u in watch.requests)  # from its shard
        watch.assert_clean()
    finally:
        server.shutdown()
        server.server_close()


# ---------------------------------------------------------------- 3. sorting a ranking

DISTRICTS_BY_RANK = [
    "UBND huyện Mỹ Xuyên", "UBND huyện Long Phú", "UBND thị xã Ngã Năm",
    "UBND huyện Châu Thành", "UBND huyện Kế Sách", "UBND huyện Thạnh Trị",
    "UBND huyện Cù Lao Dung", "UBND huyện Mỹ Tú", "UBND thành phố Sóc Trăng",
    "UBND huyện Trần Đề", "UBND thị xã Vĩnh Châu"]
DISTRICTS_BY_NAME = [  # Vietnamese order: huyện < thành phố < thị xã; Châu < Cù; Tú < Xuyên
    "UBND huyện Châu Thành", "UBND huyện Cù Lao Dung", "UBND huyện Kế Sách",
    "UBND huyện Long Phú", "UBND huyện Mỹ Tú", "UBND huyện Mỹ Xuyên",
    "UBND huyện Thạnh Trị", "UBND huyện Trần Đề", "UBND thành phố Sóc Trăng",
    "UBND thị xã Ngã Năm", "UBND thị xã Vĩnh Châu"]
TABLE = "table#bang-xep-hang"


def _column(page: Page, header: str) -> int:
    heads = [t.strip() for t in page.locator(f"{TABLE} thead th").all_inner_texts()]
    return heads.index(header)


def _names(page: Page) -> list[str]:
    cells = page.locator(f"{TABLE} tbody th[scope=row]").all_inner_texts()
    return [re.sub(r"\d+$", "", c).strip() for c in cells]  # footnote marks follow names


def _cells(page: Page, col: int) -> list[str]:
    rows = page.locator(f"{TABLE} tbody tr")
    return [rows.nth(i).locator("td, th").nth(col).inner_text().strip()
            for i in range(rows.count())]


def _aria_sort(page: Page) -> dict[str, str]:
    out = {}
    for th in page.locator(f"{TABLE} thead th").all():
        if th.get_attribute("aria-sort"):
            out[th.inner_text().strip()] = th.get_attribute("aria-sort")
    return out


@pytest.mark.browser
def test_sorting_the_ranking_by_index_and_by_name(page, base_url):
    watch = Watch.on(page, base_url)
    page.goto(base_url + RANKING, wait_until="networkidle")
    assert _names(page) == DISTRICTS_BY_RANK
    assert _aria_sort(page) == {"Hạng": "ascending"}
    index_col = _column(page, "Chỉ số (%)")

    sort_index = page.locator(f"{TABLE} thead th").nth(index_col).get_by_role("button")
    expect(sort_index).to_have_text("Chỉ số (%)")
    sort_index.click()
    values = _cells(page, index_col)
    assert values[0].startswith("69,06%") and values[-1].startswith("83,84%"), values
    assert _names(page)[0] == "UBND thị xã Vĩnh Châu"
    numbers = [float(re.match(r"[\d,]+", v).group().replace(",", ".")) for v in values]
    assert numbers == sorted(numbers)
    assert _aria_sort(page) == {"Chỉ số (%)": "ascending"}

    sort_index.click()
    assert _names(page)[0] == "UBND huyện Mỹ Xuyên"
    numbers = [float(re.match(r"[\d,]+", v).group().replace(",", "."))
               for v in _cells(page, index_col)]
    assert numbers == sorted(numbers, reverse=True)
    assert _aria_sort(page) == {"Chỉ số (%)": "descending"}

    sort_name = page.get_by_role("button", name="Cơ quan, đơn vị")
    sort_name.click()
    assert _names(page) == DISTRICTS_BY_NAME
    assert _aria_sort(page) == {"Cơ quan, đơn vị": "ascending"}
    sort_name.click()
    assert _names(page) == DISTRICTS_BY_NAME[::-1]
    assert _aria_sort(page) == {"Cơ quan, đơn vị": "descending"}
    status = page.locator(".sort-status")
    expect(status).to_have_text(re.compile("Cơ quan, đơn vị.*giảm dần"))
    watch.assert_clean()


@pytest.mark.browser
def test_without_javascript_the_ranking_is_in_rank_order(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + RANKING)
        assert page.locator(f"{TABLE} tbody tr").count() == 11
        assert _names(page) == DISTRICTS_BY_RANK
        assert _cells(page, 0) == [str(i) for i in range(1, 12)]
        assert page.locator(f"{TABLE} button").count() == 0
        assert _aria_sort(page) == {"Hạng": "ascending"}
        assert page.locator(f"{TABLE} tbody tr").first.is_visible()
    finally:
        context.close()


# ---------------------------------------------------------------- 4. phone width

PHONE = 360  # px: the narrowest phones in common use
OVERFLOW = """() => {
  const vw = window.innerWidth;
  const scrolls = el => { const x = getComputedStyle(el).overflowX;
                          return x === 'auto' || x === 'scroll'; };
  const inBox = el => { for (let p = el.parentElement; p && p !== document.body;
                             p = p.parentElement) if (scrolls(p)) return p; return null; };
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.')
     : '');
  const wide = [];
  for (const t of document.querySelectorAll('table, pre')) {
    if (t.getBoundingClientRect().width === 0 || t.scrollWidth <= vw + 1 && !inBox(t)) continue;
    const box = scrolls(t) ? t : inBox(t);
    if (!box || box.getBoundingClientRect().right > vw + 1 ||
        !box.closest('.table-scroll') && t.tagName === 'TABLE' ||
        box.tabIndex < 0)  // a box that scrolls must take the focus, for the keyboard
      wide.push(name(t) + ': ' + t.scrollWidth + 'px, box ' + (box ? name(box) : 'none'));
  }
  const past_right_edge = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.right > vw + 1 && r.width > 0 && !inBox(el))
      past_right_edge.push(name(el) + ' right=' + Math.round(r.right));
  }
  return {scroll: document.documentElement.scrollWidth, inner: vw, wide: wide,
          past_right_edge: past_right_edge.slice(0, 10)};
}"""
# Where each header of a ranking's table is, and how much of it its scroll box shows.
COLUMNS = """t => { const box = t.closest('.table-scroll').getBoundingClientRect();
  return [...t.tHead.rows[0].cells].map(th => { const r = th.getBoundingClientRect();
    return [th.innerText.replace(/[\u2195\u25b2\u25bc]/g, '').trim(), Math.round(r.left),
            Math.round(r.right), Math.round(box.left), Math.round(box.right)]; }); }"""


@pytest.fixture(scope="module")
def phone(browser: Browser):
    context = browser.new_context(viewport={"width": PHONE, "height": 740}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    context.set_default_timeout(TIMEOUT)
    p = context.new_page()
    yield p
    context.close()


def site_paths(output: Path) -> list[str]:
    """Every page of a built site (the search index's own files left out), as URL paths."""
    return sorted("/" + p.relative_to(output).as_posix().removesuffix("index.html")
                  for p in output.rglob("*.html") if "pagefind" not in p.parts)


def sideways(page: Page, base: str, paths: list[str]) -> dict[str, dict]:
    """The pages, of `paths`, that scroll sideways or hold a table or code block that neither
    fits nor scrolls in a box of its own, with what sticks out."""
    bad = {}
    for path in paths:
        open_page(page, base + path)
        m = page.evaluate(OVERFLOW)
        assert m["inner"] == PHONE
        if m["scroll"] > PHONE or m["wide"] or m["past_right_edge"]:
            bad[path] = m
    return bad


@pytest.mark.browser
def test_no_page_of_the_site_scrolls_sideways_at_360px(phone, site, base_url):
    paths = site_paths(site.output) + ["/tim-kiem/?q=tran+de", NOT_FOUND]
    assert len(paths) > 60 and "/huong-dan-cap-nhat-du-lieu/" in paths  # a guide of tables
    assert sideways(phone, base_url, paths) == {}


@pytest.fixture(scope="module")
def province_url(tmp_path_factory):
    """Another province's site (tests/fixtures/three_decimals: three decimals, decimal comma),
    served as the real one is."""
    from plugins.build import build
    from tests.conftest import fixture_package

    tmp = tmp_path_factory.mktemp("province")
    output = build(tmp / "output", data=fixture_package("three_decimals", tmp / "data"),
                   cache=tmp / "cache").output
    server, url = _serve(output)
    yield url, site_paths(output)
    server.shutdown()
    server.server_close()


@pytest.mark.browser
def test_no_page_of_another_province_scrolls_sideways_at_360px(phone, province_url):
    url, paths = province_url
    assert any(p.startswith("/chi-so/2024/") for p in paths)
    assert sideways(phone, url, paths) == {}


RANKINGS = [f"/chi-so/2023/{g}/" for g in ("so-nganh", "huyen", "su-nghiep", "trung-uong")]


@pytest.mark.browser
@pytest.mark.parametrize("path", RANKINGS)
def test_a_rankings_name_index_and_band_are_seen_at_360px_without_scrolling(phone, base_url,
                                                                            path):
    phone.goto(base_url + path, wait_until="networkidle")
    heads = phone.locator(TABLE).evaluate(COLUMNS)
    seen = {name for name, left, right, box_left, box_right in heads
            if left >= box_left and right <= min(box_right, PHONE)}
    assert {"Hạng", "Cơ quan, đơn vị", "Chỉ số (%)", "Xếp loại"} <= seen, heads
    for cell in phone.locator(f"{TABLE} tbody tr td:nth-child(3)").all():  # the index
        box = cell.bounding_box()
        assert box is not None and box["x"] + box["width"] <= PHONE, cell.inner_text()


@pytest.mark.browser
def test_the_rest_of_a_ranking_scrolls_inside_its_box_at_360px(phone, base_url):
    phone.goto(base_url + RANKING, wait_until="networkidle")
    box = phone.locator(".table-scroll", has=phone.locator(TABLE))
    sizes = box.evaluate("b => [b.scrollWidth, b.clientWidth, getComputedStyle(b).overflowX]")
    assert sizes[0] > sizes[1] and sizes[2] in ("auto", "scroll"), sizes
    expect(phone.get_by_text("Kéo bảng sang ngang để xem các cột còn lại.")).to_be_visible()
    box.evaluate("b => { b.scrollLeft = 10000; }")
    assert box.evaluate("b => b.scrollLeft") > 0
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE


@pytest.mark.browser
def test_an_editors_table_scrolls_in_its_own_box_and_code_takes_the_focus(phone, base_url):
    phone.goto(base_url + "/de-an-2022-2030/", wait_until="networkidle")  # five tables
    boxes = phone.locator("article.prose .table-scroll[role=region][tabindex='0']")
    assert boxes.count() >= 3
    widths = boxes.evaluate_all("bs => bs.map(b => [b.scrollWidth, b.clientWidth])")
    assert any(w > c for w, c in widths), widths  # at least one is wider than the phone
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE
    phone.goto(base_url + "/huong-dan-cap-nhat-du-lieu/", wait_until="networkidle")
    code = phone.locator("article.prose pre")
    assert code.count() >= 3
    assert code.evaluate_all("ps => ps.every(p => p.tabIndex === 0)")  # keyboard can scroll
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE


@pytest.mark.browser
def test_short_field_names_where_space_is_tight(phone, page, base_url):
    for p, shown in ((phone, "Thể chế"), (page, "Cải cách thể chế")):
        p.goto(base_url + PROFILE, wait_until="networkidle")
        names = p.locator("table#bang-linh-vuc tbody th").all_inner_texts()
        assert shown in names, names


# ---------------------------------------------- 4b. a production build under a sub-path

SUB = "/cong-cchc"


class _SubPathHandler(_Handler):
    """A host that serves the site under SUB and answers a missing address there with the
    site's 404.html (nginx: `error_page 404 /cong-cchc/404.html`, see docs/hosting.md)."""

    def send_error(self, code, message=None, explain=None) -> None:
        site = Path(self.directory) / SUB.strip("/")
        if code == HTTPStatus.NOT_FOUND and self.path.startswith(SUB + "/"):
            body = (site / "404.html").read_bytes()
            self.send_response(code)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        SimpleHTTPRequestHandler.send_error(self, code, message, explain)


@pytest.fixture(scope="module")
def sub_path(tmp_path_factory):
    """The real site built for production (publishconf.py) with SITEURL under a sub-path,
    served there: (the site's address, its output folder)."""
    import os

    from plugins.build import build

    tmp = tmp_path_factory.mktemp("sub-path")
    root = tmp / "www"
    root.mkdir()
    server, url = _serve(root, _SubPathHandler)
    before = os.environ.get("SITEURL")
    os.environ["SITEURL"] = url + SUB
    try:
        output = build(root / SUB.strip("/"), "publishconf.py", cache=tmp / "cache").output
    finally:
        if before is None:
            del os.environ["SITEURL"]
        else:
            os.environ["SITEURL"] = before
    yield url + SUB, output
    server.shutdown()
    server.server_close()


@pytest.mark.browser
def test_the_404_page_works_under_a_sub_path(page, sub_path):
    site, _ = sub_path
    watch = Watch.on(page, site.rsplit("/", 1)[0])
    missing = site + "/chi-so/2023/khong-co/trang/nay/"  # deep: relative links would break
    response = page.goto(missing, wait_until="networkidle")
    assert response is not None and response.status == 404
    watch.console_errors = [e for e in watch.console_errors  # the page's own 404 status
                            if not e.startswith("Failed to load resource")]
    watch.assert_clean()  # its stylesheets and scripts load from the sub-path
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header'))"
                         ".backgroundColor") == "rgb(13, 59, 102)"  # site.css applied
    home = page.get_by_role("link", name="Trang chủ").first
    assert home.get_attribute("href") == site + "/"
    home.click()
    expect(page).to_have_url(site + "/")
    assert page.locator('meta[name="robots"]').count() == 0  # the 404 page's noindex only


@pytest.mark.browser
def test_a_production_build_gives_absolute_addresses_to_crawlers_and_shared_links(page,
                                                                                 sub_path):
    site, output = sub_path
    locs = re.findall(r"<loc>([^<]+)</loc>", (output / "sitemap.xml").read_text("utf-8"))
    assert len(locs) > 60 and all(loc.startswith(site + "/") for loc in locs)
    assert f"Sitemap: {site}/sitemap.xml" in (output / "robots.txt").read_text("utf-8")
    page.goto(site + RANKING, wait_until="networkidle")
    image = page.locator('meta[property="og:image"]').get_attribute("content")
    assert image == site + RANKING + "chi-so.png"
    assert page.locator('meta[property="og:url"]').get_attribute("content") == site + RANKING
    assert page.request.get(image).headers["content-type"] == "image/png"


# ---------------------------------------------------------------- 5. accessibility

AXE_PAGES = list(PAGES)


def _describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = [", ".join(n["target"]) if isinstance(n["target"], list) else str(n["target"])
                   for n in v["nodes"][:5]]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])} element(s): "
                     + " | ".join(targets))
    return "\n".join(lines)


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.browser
@pytest.mark.parametrize("name", AXE_PAGES)
def test_axe_finds_no_serious_or_critical_violation(page, base_url, axe, name):
    page.goto(base_url + PAGES[name], wait_until="networkidle")
    violations = axe.run(page).response["violations"]
    bad = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not bad, "\n" + _describe(bad)


# ---------------------------------------------------------------- 6. hostile data

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '"><img src=x onerror="window.__pwned=1">'
HOSTILE_NAME = f"UBND huyện Mỹ Xuyên {SCRIPT} {IMG}"
HOSTILE_SHORT = f"Mỹ Xuyên {SCRIPT}{IMG}"
HOSTILE_TITLE = f"Sáng kiến {SCRIPT} {IMG}"
HOSTILE_SUMMARY = f"Tóm tắt {IMG} {SCRIPT}"


def _rewrite(path: Path, unit_id: str, values: dict[str, str]) -> None:
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        columns, rows = reader.fieldnames, list(reader)
    row = next(r for r in rows if r["unit_id"] == unit_id)
    row.update(values)
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


SAFE_URL = "https://example.gov.vn/sang-kien?a=1&b=2"


def _hostile_copy(tmp: Path, url: str) -> Path:
    """The real data with markup in Mỹ Xuyên's names and in its innovation (title, summary)."""
    data = copy_real(tmp)
    unit = "ubnd-huyen-my-xuyen"
    _rewrite(data / "units.csv", unit, {"name": HOSTILE_NAME, "short_name": HOSTILE_SHORT})
    _rewrite(data / "2023/innovations.csv", unit,
             {"title": HOSTILE_TITLE, "summary": HOSTILE_SUMMARY, "url": url})
    return data


@pytest.mark.browser
def test_validation_refuses_a_javascript_url(tmp_path):
    from parindex.data.dataset import load

    dataset, report = load(_hostile_copy(tmp_path, "javascript:alert(1)"))
    assert dataset is None
    refused = [p for p in report.errors
               if p.column == "url" and p.value == "javascript:alert(1)"]
    assert len(refused) == 1, str(report)
    assert refused[0].file.endswith("innovations.csv") and "http" in refused[0].expected
    assert len(report.errors) == 1, str(report)  # the markup in names is not an error


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The site built from the hostile copy (with a plain https URL, which validation takes)."""
    from plugins.build import build

    tmp = tmp_path_factory.mktemp("hostile")
    data = _hostile_copy(tmp, SAFE_URL)
    # its own store, so that the project's gets no hostile entries
    return build(tmp / "output", data=data, cache=tmp / "cache").output


@pytest.fixture(scope="module", params=["csp", "no-csp"])
def hostile_url(request, hostile_site):
    """Served with and without the CSP: without it an injected script would really run."""
    server, url = _serve(hostile_site, _Handler if request.param == "csp" else _NoCspHandler)
    yield url
    server.shutdown()
    server.server_close()


@pytest.mark.browser
def test_chart_svgs_carry_no_markup_from_the_data(hostile_site):
    svgs = list(hostile_site.rglob("*.svg"))
    assert svgs
    for svg in svgs:
        text = svg.read_text(encoding="utf-8")
        assert "<script" not in text.lower(), svg
        for el in ET.fromstring(text).iter():  # well-formed XML, and no element from the data
            assert el.tag.rsplit("}", 1)[-1] not in ("script", "img", "foreignObject"), svg
            assert not [a for a in el.attrib if a.rsplit("}", 1)[-1].startswith("on")], svg
    profile = (hostile_site / "don-vi/ubnd-huyen-my-xuyen").glob("*.svg")
    assert any("&lt;script&gt;" in p.read_text(encoding="utf-8") for p in profile)


HOSTILE_COMPARE = "/so-sanh/?don-vi=ubnd-huyen-my-xuyen,ubnd-huyen-tran-de"  # written by a script
HOSTILE_PAGES = [PROFILE, RANKING, "/sang-kien/", "/tim-kiem/?q=my+xuyen", HOSTILE_COMPARE]


@pytest.mark.browser
@pytest.mark.parametrize("path", HOSTILE_PAGES)
def test_markup_in_the_data_is_shown_as_text_and_never_runs(page, hostile_url, path):
    watch = Watch.on(page, hostile_url)
    page.goto(hostile_url + path, wait_until="networkidle")
    if path.startswith("/tim-kiem/"):
        links = page.locator(RESULT_LINK, has_text="<script>")
        expect(links.first).to_be_visible(timeout=TIMEOUT)
    if path == HOSTILE_COMPARE:
        expect(page.locator("table#bang-so-sanh thead")).to_contain_text(SCRIPT)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    text = page.locator("body").inner_text()
    assert SCRIPT in text
    shown = page.locator("table#bang-so-sanh") if path == HOSTILE_COMPARE else page  # not <option>
    expect(shown.get_by_text(SCRIPT).first).to_be_visible()
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator("[onerror]").count() == 0
    scripts = page.locator("script").evaluate_all("ss => ss.map(s => s.src)")
    assert all(s.startswith(hostile_url + "/") for s in scripts), scripts
    assert page.locator('a[href^="javascript:"]').count() == 0
    if path == PROFILE:
        assert SCRIPT in page.title()
    if path == "/sang-kien/":
        assert page.locator(f'a[href="{SAFE_URL}"]').count() >= 1
    watch.assert_clean()  # includes "Refused to execute inline script" under the CSP


# ---------------------------------------------------------------- 7. charts embedded elsewhere

EMBEDS = {  # an embed page of each chart kind
    "ranking": "/nhung" + RANKING + "chi-so/",
    "year": "/nhung/chi-so/2023/linh-vuc/",
    "profile-history": "/nhung" + PROFILE + "qua-cac-nam/",
    "profile-fields": "/nhung" + PROFILE + "linh-vuc/",
}
CHART_DRAWN = "img => img.complete && img.naturalWidth > 0"


@pytest.mark.browser
@pytest.mark.parametrize("name", EMBEDS)
def test_an_embed_page_loads_under_the_csp_with_nothing_from_outside(browser, base_url, name):
    context = browser.new_context(viewport={"width": 600, "height": 560})  # the snippet's frame
    try:
        page = context.new_page()
        watch = Watch.on(page, base_url)
        response = page.goto(base_url + EMBEDS[name], wait_until="networkidle")
        assert response is not None and response.status == 200
        img = page.locator("main.embed img")
        assert img.evaluate(CHART_DRAWN)
        expect(page.locator("h1")).to_be_visible()
        expect(page.locator(".embed-foot a").first).to_be_visible()  # the link back, in view
        assert page.locator("header, nav, footer").count() == 0
        assert page.evaluate("document.documentElement.scrollHeight <= window.innerHeight + 1")
        watch.assert_clean()
    finally:
        context.close()


@pytest.mark.browser
def test_the_nhung_button_gives_a_snippet_that_embeds_the_chart_in_another_site(
        browser, base_url, tmp_path):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    try:
        page = context.new_page()
        watch = Watch.on(page, base_url)
        page.goto(base_url + RANKING, wait_until="networkidle")
        box = page.locator("details.embed-code").first
        area = box.locator("textarea")
        expect(area).to_be_hidden()
        box.locator("summary").click()
        expect(area).to_be_visible()
        snippet = area.input_value()
        assert snippet.startswith(f'<iframe src="{base_url}{EMBEDS["ranking"]}" title="')
        box.get_by_role("button", name="Sao chép mã nhúng").click()
        expect(box.locator("[role=status]")).to_have_text("Đã sao chép.")
        assert page.evaluate("navigator.clipboard.readText()") == snippet
        watch.assert_clean()

        # Another site (another origin) pastes the snippet: the chart shows in its page.
        (tmp_path / "index.html").write_text(
            f'<!doctype html><html lang="en"><title>Other site</title><body>{snippet}</body>'
            "</html>", encoding="utf-8")
        server, other = _serve(tmp_path, _NoCspHandler)
        try:
            host = context.new_page()
            host.goto(other + "/", wait_until="networkidle")
            frame = host.frame_locator("iframe")
            expect(frame.locator("h1")).to_have_text(
                re.compile(r"Chỉ số CCHC năm 2023: UBND cấp huyện"))
            assert frame.locator("main.embed img").evaluate(CHART_DRAWN)
        finally:
            server.shutdown()
            server.server_close()
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("name", ["ranking", "profile-history"])
def test_axe_finds_no_serious_or_critical_violation_on_an_embed_page(page, base_url, axe, name):
    page.goto(base_url + EMBEDS[name], wait_until="networkidle")
    violations = axe.run(page).response["violations"]
    bad = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not bad, "\n" + _describe(bad)


# ---------------------------------------------------------------- 8. the compare page
# so-sanh/ reads each agency's API document and writes what it holds, formatted as the
# profiles show it (Mỹ Xuyên's 2023 index 83,84, Trần Đề's 69,99), under the strict CSP.

COMPARE = "/so-sanh/"
MY_XUYEN, TRAN_DE = "ubnd-huyen-my-xuyen", "ubnd-huyen-tran-de"


def _compare_cells(page: Page, table: str) -> dict[str, list[str]]:
    rows = page.locator(f"table#{table} tbody tr")
    out = {}
    for i in range(rows.count()):
        cells = [c.strip() for c in rows.nth(i).locator("th, td").all_inner_texts()]
        out[cells[0]] = cells[1:]
    return out


def _compare_heads(page: Page, table: str) -> list[str]:
    return [h.strip() for h in page.locator(f"table#{table} thead th").all_inner_texts()]


@pytest.mark.browser
def test_an_address_with_two_agencies_shows_them_side_by_side(page, base_url):
    watch = Watch.on(page, base_url)
    page.goto(f"{base_url}{COMPARE}?don-vi={MY_XUYEN},{TRAN_DE}", wait_until="networkidle")
    expect(page.locator("table#bang-so-sanh")).to_be_visible()
    assert page.locator("#can-javascript").count() == 0  # the script said nothing is missing
    assert _compare_heads(page, "bang-so-sanh")[1:] == ["UBND huyện Mỹ Xuyên", "UBND huyện Trần Đề"]
    cells = _compare_cells(page, "bang-so-sanh")
    assert cells["Chỉ số CCHC (%)"] == ["83,84%", "69,99%"]
    assert cells["Xếp loại"] == ["Nhóm 2", "Nhóm 3"]
    assert cells["Thứ hạng trong nhóm"] == ["1/11", "10/11"]
    assert cells["Nhóm"] == ["UBND cấp huyện", "UBND cấp huyện"]
    assert cells["Điểm chuẩn tối đa"] == ["94,00", "94,75"]  # printed decimals kept
    assert cells["Chỉ số SIPAS"] == ["14,34", "13,00"]
    assert cells["Tổng điểm"] == ["78,81", "66,31"]
    fields = _compare_cells(page, "bang-so-sanh-linh-vuc")
    assert fields["Công tác chỉ đạo điều hành CCHC"] == ["80,64%", "50,00%"]
    assert fields["Cải cách chế độ công vụ"] == ["4,50 điểm", "3,25 điểm"]  # no maximum
    chart = page.locator("#bieu-do-so-sanh svg[role=img]")
    assert [chart.locator(f"rect.series-{i}").count() for i in (1, 2, 3)] == [1, 1, 0]
    assert "83,84%" in chart.inner_html() and "69,99%" in chart.inner_html()
    assert page.locator("select#don-vi-1").input_value() == MY_XUYEN
    assert page.locator("select#don-vi-2").input_value() == TRAN_DE
    expect(page.locator("#trang-thai-so-sanh")).to_have_text(
        "So sánh 2 cơ quan, đơn vị, năm 2023.")
    watch.assert_clean()


@pytest.mark.browser
def test_an_agency_without_an_index_says_chua_co_so_lieu(page, base_url):
    watch = Watch.on(page, base_url)
    page.goto(f"{base_url}{COMPARE}?don-vi={MY_XUYEN},so-noi-vu,khong-co",
              wait_until="networkidle")
    expect(page.locator("table#bang-so-sanh")).to_be_visible()
    cells = _compare_cells(page, "bang-so-sanh")
    assert cells["Chỉ số CCHC (%)"] == ["83,84%", "chưa có số liệu"]
    assert cells["Thứ hạng trong nhóm"][1] == "4/19 (suy ra)"
    expect(page.locator("#trang-thai-so-sanh")).to_contain_text("mang mã khong-co")
    watch.assert_clean()


@pytest.mark.browser
def test_choosing_with_the_form_gives_an_address_that_restores_the_choice(page, base_url):
    watch = Watch.on(page, base_url)
    page.goto(base_url + COMPARE, wait_until="networkidle")
    expect(page.locator("#trang-thai-so-sanh")).to_contain_text("Chọn ít nhất 2")
    page.get_by_label("Cơ quan, đơn vị thứ 1").select_option(MY_XUYEN)
    page.get_by_label("Cơ quan, đơn vị thứ 2").select_option(label="UBND huyện Trần Đề")
    page.get_by_label("Cơ quan, đơn vị thứ 3").focus()  # the keyboard: choose, then submit
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="So sánh")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/so-sanh/\?don-vi={MY_XUYEN},{TRAN_DE}$"))
    expect(page.locator("table#bang-so-sanh")).to_be_visible()
    assert _compare_cells(page, "bang-so-sanh")["Chỉ số CCHC (%)"] == ["83,84%", "69,99%"]
    shared = page.url
    page.goto(base_url + COMPARE, wait_until="networkidle")  # another visit, then the link
    page.goto(shared, wait_until="networkidle")
    assert _compare_cells(page, "bang-so-sanh")["Chỉ số CCHC (%)"] == ["83,84%", "69,99%"]
    page.go_back()
    expect(page.locator("table#bang-so-sanh")).to_have_count(0)
    watch.assert_clean()


@pytest.mark.browser
def test_without_javascript_the_page_says_so(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{base_url}{COMPARE}?don-vi={MY_XUYEN},{TRAN_DE}")
        expect(page.locator("#can-javascript")).to_be_visible()
        expect(page.locator("#can-javascript")).to_contain_text("cần JavaScript")
        expect(page.locator("form#chon-don-vi")).to_be_hidden()
    finally:
        context.close()


@pytest.mark.browser
def test_four_agencies_fit_a_phone_without_sideways_scrolling(browser, base_url):
    context = browser.new_context(viewport={"width": PHONE, "height": 740}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    try:
        page = context.new_page()
        watch = Watch.on(page, base_url)
        page.goto(f"{base_url}{COMPARE}?don-vi={MY_XUYEN},{TRAN_DE},so-noi-vu,cong-an-tinh",
                  wait_until="networkidle")
        expect(page.locator("table#bang-so-sanh")).to_be_visible()
        m = page.evaluate(OVERFLOW)
        assert (m["scroll"], m["wide"], m["past_right_edge"]) == (PHONE, [], []), m
        assert _compare_heads(page, "bang-so-sanh")[1:] == ["Mỹ Xuyên", "Trần Đề", "Sở Nội vụ",
                                                     "Công an tỉnh"]  # short names
        watch.assert_clean()
    finally:
        context.close()


@pytest.mark.browser
def test_the_compare_page_has_no_serious_accessibility_violation(page, base_url, axe):
    page.goto(f"{base_url}{COMPARE}?don-vi={MY_XUYEN},{TRAN_DE}", wait_until="networkidle")
    expect(page.locator("table#bang-so-sanh")).to_be_visible()
    violations = axe.run(page).response["violations"]
    bad = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not bad, "\n" + _describe(bad)


@pytest.fixture(scope="module")
def long_choice_site(tmp_path_factory) -> Path:
    """The real site built as if it had more agencies than the compare page lists itself."""
    from tests.conftest import copy_real
    from tests.plugin.support import build_in_process

    root = tmp_path_factory.mktemp("long-choice")
    prelude = "from parindex.site.pages import compare; compare.COMPARE_INLINE = 5"
    assert "stats" in build_in_process(root / "output", copy_real(root), root / "cache", prelude)
    return root / "output"


@pytest.mark.browser
def test_a_choice_too_long_for_the_page_is_read_from_its_file(page, long_choice_site):
    html = (long_choice_site / "so-sanh/index.html").read_text(encoding="utf-8")
    assert f'value="{MY_XUYEN}"' not in html  # not in the page: in the file it names
    assert 'data-options="../so-sanh/don-vi.json"' in html
    server, url = _serve(long_choice_site)
    try:
        watch = Watch.on(page, url)
        page.goto(f"{url}{COMPARE}?don-vi={MY_XUYEN},{TRAN_DE}", wait_until="networkidle")
        expect(page.locator("table#bang-so-sanh")).to_be_visible()
        assert _compare_cells(page, "bang-so-sanh")["Chỉ số CCHC (%)"] == ["83,84%", "69,99%"]
        assert page.locator("select#don-vi-2").input_value() == TRAN_DE
        page.get_by_label("Cơ quan, đơn vị thứ 3").select_option(label="UBND thị xã Ngã Năm")
        watch.assert_clean()
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def only_index_site(tmp_path_factory) -> Path:
    """tests/test_provinces.py's province with one component and no field scores."""
    from plugins.build import build
    from tests.test_provinces import ABOUT, IDENTITY, ONLY_INDEX, _portal

    root = tmp_path_factory.mktemp("only-index-compare")
    data, content = _portal(root, ONLY_INDEX, IDENTITY, {"pages/gioi-thieu.md": ABOUT})
    return build(root / "output", data=data, content=content, cache=root / "cache").output


@pytest.mark.browser
def test_a_one_component_province_compares_in_the_browser(page, only_index_site):
    server, url = _serve(only_index_site)
    try:
        watch = Watch.on(page, url)
        page.goto(f"{url}{COMPARE}?don-vi=so-a,so-c", wait_until="networkidle")
        expect(page.locator("table#bang-so-sanh")).to_be_visible()
        cells = _compare_cells(page, "bang-so-sanh")
        assert list(cells) == ["Nhóm", "Chỉ số CCHC (%)", "Xếp loại", "Thứ hạng trong nhóm",
                               "Điểm chuẩn tối đa", "Tổng điểm"]  # one component: the total
        assert cells["Chỉ số CCHC (%)"] == ["91,50%", "74,00%"]
        assert cells["Điểm chuẩn tối đa"] == ["100", "95 (suy ra)"]
        assert page.locator("table#bang-so-sanh-linh-vuc").count() == 0
        watch.assert_clean()
    finally:
        server.shutdown()
        server.server_close()
