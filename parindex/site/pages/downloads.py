"""The downloads page (`du-lieu/`)."""

from __future__ import annotations

from ...scoring.score import Results
from .. import narrative
from ..models import (
    HOME,
    Download,
    DownloadsPage,
)
from ..report import has_report
from ..urls import (
    DOWNLOADS_URL,
    PACKAGE_DIR,
    PACKAGE_ZIP,
    TEMPLATES_DIR,
    field_results_url,
    report_file_url,
    results_url,
)
from ..values import (
    Lookup,
)


def downloads_page(results: Results, lk: Lookup) -> DownloadsPage:
    ds = results.dataset
    years = []
    for y in sorted(results.years, reverse=True):
        book = ("Kết quả và điểm theo lĩnh vực" if y in results.field_years else "Kết quả") + \
            f" năm {y}, bảng tính Excel"
        files = [(book, [Download(results_url(y, "xlsx"), book, "XLSX")]),
                 (f"Kết quả năm {y}", [Download(results_url(y, e), f"Kết quả năm {y}", e.upper())
                                       for e in ("csv", "json")])]
        if y in results.field_years:
            files.append((f"Điểm theo lĩnh vực năm {y}",
                          [Download(field_results_url(y, e), f"Điểm theo lĩnh vực năm {y}",
                                    e.upper()) for e in ("csv", "json")]))
        if has_report(lk, y):
            report = f"Báo cáo kết quả năm {y}, viết từ số liệu"
            files.append((report, [Download(report_file_url(y, "docx"), report, "DOCX")]))
        years.append((y, files))
    package = [Download(PACKAGE_DIR + "datapackage.json", "Mô tả gói dữ liệu", "JSON",
                        "datapackage.json (Frictionless Data Package)")]
    for res in ds.descriptor.get("resources", []):
        package.append(Download(PACKAGE_DIR + res["path"], res.get("title") or res["name"],
                                "CSV", res["path"]))
    for name in sorted(ds.schemas):
        package.append(Download(PACKAGE_DIR + f"schemas/{name}.json", f"Mô tả bảng {name}",
                                "JSON", f"schemas/{name}.json"))
    ids = list(ds.sources["source_id"])  # every source document, linked from every footer
    return DownloadsPage(
        url=DOWNLOADS_URL, template="downloads", title="Dữ liệu",
        lead=narrative.downloads_lead(), breadcrumbs=[HOME], years=years, package=package,
        package_zip=Download(PACKAGE_ZIP, "Toàn bộ gói dữ liệu", "ZIP"),
        templates=[Download(TEMPLATES_DIR + f"{name}.csv", f"Mẫu {name}.csv", "CSV", name)
                   for name in ds.schemas],
        title_package=ds.descriptor.get("title", ""), sources=lk.sources(*ids))
