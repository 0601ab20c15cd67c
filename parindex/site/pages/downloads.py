"""The downloads page (`du-lieu/`)."""

from __future__ import annotations

from ...i18n import t
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
    years: list[tuple[int, list[tuple[str, list[Download]]]]] = []
    for y in sorted(results.years, reverse=True):
        book: str = (t("Kết quả và điểm theo lĩnh vực năm {year}, bảng tính Excel", year=y)
                     if y in results.field_years else
                     t("Kết quả năm {year}, bảng tính Excel", year=y))
        label: str = t("Kết quả năm {year}", year=y)
        files = [(book, [Download(results_url(y, "xlsx"), book, "XLSX")]),
                 (label, [Download(results_url(y, e), label, e.upper())
                          for e in ("csv", "json")])]
        if y in results.field_years:
            label = t("Điểm theo lĩnh vực năm {year}", year=y)
            files.append((label, [Download(field_results_url(y, e), label, e.upper())
                                  for e in ("csv", "json")]))
        if has_report(lk, y):
            report: str = t("Báo cáo kết quả năm {year}, viết từ số liệu", year=y)
            files.append((report, [Download(report_file_url(y, "docx"), report, "DOCX")]))
        years.append((y, files))
    package = [Download(PACKAGE_DIR + "datapackage.json", t("Mô tả gói dữ liệu"), "JSON",
                        "datapackage.json (Frictionless Data Package)")]
    for res in ds.descriptor.get("resources", []):
        package.append(Download(PACKAGE_DIR + res["path"], res.get("title") or res["name"],
                                "CSV", res["path"]))
    for name in sorted(ds.schemas):
        package.append(Download(PACKAGE_DIR + f"schemas/{name}.json",
                                t("Mô tả bảng {name}", name=name),
                                "JSON", f"schemas/{name}.json"))
    ids = list(ds.sources["source_id"])  # every source document, linked from every footer
    return DownloadsPage(
        url=DOWNLOADS_URL, template="downloads", title=t("Dữ liệu"),
        lead=narrative.downloads_lead(), breadcrumbs=[HOME], years=years, package=package,
        package_zip=Download(PACKAGE_ZIP, t("Toàn bộ gói dữ liệu"), "ZIP"),
        templates=[Download(TEMPLATES_DIR + f"{name}.csv", t("Mẫu {name}.csv", name=name), "CSV",
                            name)
                   for name in ds.schemas],
        title_package=ds.descriptor.get("title", ""), sources=lk.sources(*ids))
