"""Every internal link and resource of the built site resolves, fragments included.

Checked twice: the preview build (relative URLs, the real `site` fixture) and a production build
(publishconf.py) under a sub-path, where every internal URL must start with SITEURL.
"""

import os
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from plugins.build import build
from tests.htmltree import parse

SUBPATH_SITE = "https://cchc.example.gov.vn/chi-so"


def html_pages(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*.html") if "pagefind" not in p.relative_to(out).parts)


def _target(out: Path, path: str) -> Path:
    file = out / unquote(path).lstrip("/")
    if path.endswith("/") or file.is_dir():
        file = file / "index.html"
    return file


def broken_links(out: Path, site_url: str = "") -> list[str]:
    """(page, link) pairs whose file or fragment does not exist."""
    base = f"{site_url}/" if site_url else "http://site.invalid/"
    ids: dict[Path, set[str]] = {}
    problems = []
    for page in html_pages(out):
        rel = page.relative_to(out).as_posix()
        page_url = urljoin(base, rel)
        doc = parse(page)
        ids.setdefault(page, {n.attrs["id"] for n in doc.iter() if n.attrs.get("id")})
        for node in doc.iter():
            for attr in ("href", "src"):
                link = node.attrs.get(attr)
                if not link or link.startswith(("mailto:", "tel:", "data:")):
                    continue
                absolute = urljoin(page_url, link)
                if not absolute.startswith(base):
                    if absolute.startswith("http://site.invalid/"):  # root-relative (404.html)
                        absolute = base + absolute.removeprefix("http://site.invalid/")
                    else:
                        continue  # external
                parts = urlsplit(absolute.removeprefix(base.rstrip("/")))
                target = _target(out, parts.path)
                if not target.is_file():
                    problems.append(f"{rel}: {link} → {target.relative_to(out)} missing")
                    continue
                if parts.fragment and target.suffix == ".html":
                    if target not in ids:
                        tdoc = parse(target)
                        ids[target] = {n.attrs["id"] for n in tdoc.iter() if n.attrs.get("id")}
                    if parts.fragment not in ids[target]:
                        problems.append(f"{rel}: {link} → #{parts.fragment} missing")
    return problems


def test_every_internal_link_of_the_preview_resolves(site):
    assert broken_links(site.output) == []


def test_preview_links_are_relative(site):
    doc = parse(site.output / "chi-so/2023/huyen/index.html")
    css = [n.attrs["href"] for n in doc.find_all("link") if n.attrs.get("rel") == "stylesheet"]
    assert css[0] == "../../../theme/css/site.css"


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    old = os.environ.get("SITEURL")
    os.environ["SITEURL"] = SUBPATH_SITE
    try:
        return build(tmp_path_factory.mktemp("publish") / "output", "publishconf.py")
    finally:
        if old is None:
            del os.environ["SITEURL"]
        else:
            os.environ["SITEURL"] = old


def test_every_internal_link_of_the_production_build_resolves_under_the_subpath(published):
    assert published.warnings == []
    assert broken_links(published.output, SUBPATH_SITE) == []


def test_production_build_uses_absolute_urls_and_has_the_news_feed(published):
    out = published.output
    doc = parse(out / "don-vi/ubnd-huyen-my-xuyen/index.html")
    hrefs = [n.attrs["href"] for n in doc.find_all("a") if n.attrs.get("href")]
    internal = [h for h in hrefs if not h.startswith("#") and "example.gov.vn" in h]
    assert internal and all(h.startswith(SUBPATH_SITE + "/") for h in internal)
    assert not [h for h in hrefs if h.startswith("/")]  # nothing would miss the sub-path
    feed = (out / "feeds/tin-tuc.atom.xml").read_text(encoding="utf-8")
    assert f"{SUBPATH_SITE}/tin-tuc/cong-bo-chi-so-cchc-2023/" in feed
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SUBPATH_SITE}/don-vi/ubnd-huyen-my-xuyen/</loc>" in sitemap


def test_the_production_build_gives_absolute_addresses_to_embed_and_to_fetch(published):
    out = published.output
    box = parse(out / "chi-so/2023/huyen/index.html").find("details", cls="embed-code")
    snippet = box.find("textarea").text
    assert snippet.startswith(f'<iframe src="{SUBPATH_SITE}/nhung/chi-so/2023/huyen/chi-so/"')
    examples = [pre.text for pre in parse(out / "du-lieu/api/index.html").find_all("pre")]
    assert examples[0].startswith(f"curl -s {SUBPATH_SITE}/api/v1/index.json")
    assert f'ROOT = "{SUBPATH_SITE}/"' in examples[1]
