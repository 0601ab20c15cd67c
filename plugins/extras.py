"""The files of the site that are not pages: each year's downloads (CSV, JSON and a workbook),
a copy of the data package and its zip, the editors' empty tables, the band colours,
`sitemap.xml` (absolute addresses in a production build, which also gets `robots.txt`).

`write` writes them all but the sitemap (`write_sitemap`) into the new output; a year's
downloads whose table and metadata are unchanged are taken from the store (at national size
they are most of this step's time), the rest is cheap enough to write every time. The texts
are made by functions of the data alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from posixpath import join as urljoin
from typing import Any
from xml.sax.saxutils import escape

import pandas as pd

from parindex.data import package
from parindex.data.validate import TableSchema
from parindex.scoring.score import Results
from parindex.site import charts, exports, urls

from .store import Store, digest, frame_key, out_path


def write(output: Path, results: Results, store: Store, site_key: str) -> set[str]:
    """Write every extra file but the sitemap into `output` (in the build's pool, beside the
    pages: they need only the data); the store keys the downloads used. A year's downloads are
    taken from the store even in a forced build, like the charts: a forced build renders the
    pages again, and the files are keyed by their tables' bytes and the code."""
    used: set[str] = set()
    for year, tables in downloads(results):
        keys = []
        for rel, df, meta in tables:
            key = frame_key(site_key, df, meta)
            keys.append(key)
            used |= {key + ".csv", key + ".json"}
            csv_path, json_path = out_path(output, rel + "csv"), out_path(output, rel + "json")
            if site_key and store.take(key + ".csv", csv_path):
                if store.take(key + ".json", json_path):
                    continue  # a year whose numbers did not change
                csv_path.unlink()
            csv_path.write_text(exports.to_csv(df), encoding="utf-8-sig")
            json_path.write_text(exports.to_json(df, meta), encoding="utf-8")
            if site_key:
                store.keep(key + ".csv", csv_path)
                store.keep(key + ".json", json_path)
        book = digest(*keys) + ".xlsx" if site_key else ""
        used.add(book)
        _workbook(output, results, year, [df for _, df, _ in tables], store, book)
    def table_csv(frame: pd.DataFrame, schema: TableSchema) -> str:
        """A table's published text, from the store while the table and the code are the
        same (`frame_key`)."""
        key = frame_key(site_key, frame, {"schema": schema}) + ".package"
        used.add(key)
        return store.remember(key, lambda: package.table_csv(frame, schema))

    files = package.canonical(results.dataset, table_csv if site_key else package.table_csv)
    write_package(files, out_path(output, urls.PACKAGE_DIR), out_path(output, urls.PACKAGE_ZIP))
    for name, header in package.templates(results.dataset.schemas).items():
        out_path(output, urls.TEMPLATES_DIR + name).write_text(header, encoding="utf-8-sig")
    out_path(output, urls.BANDS_CSS).write_text(charts.band_css(results.dataset.bands),
                                             encoding="utf-8")
    return used


def write_sitemap(output: Path, page_urls: list[str], base: str) -> None:
    """`sitemap.xml` of the site's pages, and `robots.txt` in a production build."""
    out_path(output, "sitemap.xml").write_text(sitemap(page_urls, base), encoding="utf-8")
    if base:  # a crawler needs the sitemap's absolute address (a production build's)
        out_path(output, "robots.txt").write_text(
            f"User-agent: *\nAllow: /\nSitemap: {base}/sitemap.xml\n", encoding="utf-8")


def size(output: Path, url: str) -> int | None:
    """The size in bytes of the file at the site-relative `url` of `output`, if it is there."""
    path = out_path(output, url, new_folder=False)
    return path.stat().st_size if path.is_file() else None


def pelican_urls(context: dict[str, Any], settings: dict[str, Any]) -> list[str]:
    """Pelican's own pages, for the sitemap: editors' pages, news and the news list."""
    found = [p.url for p in context.get("pages", [])]
    found += [a.url for a in context.get("articles", [])]
    if context.get("articles"):
        found.append(settings.get("INDEX_URL", urls.NEWS_URL))
    return found


def downloads(results: Results) -> Iterator[tuple[int, list[tuple[str, pd.DataFrame,
                                                                 dict[str, object]]]]]:
    """Each year's downloads as (its path without the extension, its table, its metadata):
    its results, and its field scores if it has any."""
    ds = results.dataset
    meta = {"title": ds.descriptor.get("title", ""), "licenses": ds.descriptor.get(
        "licenses", []), "sources": ds.sources.astype(object).where(
        ds.sources.notna(), None).astype(str).to_dict("records")}
    for year in results.years:
        tables = [(exports.year_results(results, year), urls.results_url)]
        if year in results.field_years:
            tables.append((exports.year_fields(results, year), urls.field_results_url))
        yield year, [(url(year, "csv").removesuffix("csv"), df, {**meta, "year": year})
                     for df, url in tables]


def _workbook(output: Path, results: Results, year: int, tables: list[pd.DataFrame],
              store: Store, key: str) -> None:
    """The year's workbook (its results and field scores), from the store when its tables are
    unchanged (`key`: its entry, "" for none)."""
    path = out_path(output, urls.results_url(year, "xlsx"))
    if key and store.take(key, path):
        return
    fields = tables[1] if len(tables) > 1 else None
    path.write_bytes(exports.year_workbook(results, year, tables[0], fields))
    if key:
        store.keep(key, path)


def write_package(files: dict[str, str], target: Path, zip_path: Path) -> None:
    """The published data package (`package.canonical`: path → text) at `target`, and its
    zip at `zip_path`, the same bytes for the same files."""
    for rel, text in files.items():
        dest = target / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text, encoding="utf-8")
    with exports.FixedZip(zip_path, "w") as z:
        for rel in sorted(files):
            z.writestr(rel, files[rel].encode("utf-8"))


def sitemap(page_urls: list[str], base: str) -> str:
    """`sitemap.xml` of these URLs (each once, in order), absolute under `base` if given."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines += [f"  <url><loc>{escape(urljoin(base + '/', u) if base else '/' + u)}</loc></url>"
              for u in dict.fromkeys(page_urls)]
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"
