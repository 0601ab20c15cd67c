"""The year's report written from the data (`chi-so/<year>/bao-cao/`), and the same report as
a Word document beside it (`word`, written by the plugin from this model)."""

from __future__ import annotations

from ...data.portal import portal
from ...scoring.score import Results
from .. import report
from ..models import Innovation, Notes, ReportPage
from ..urls import report_file_url, report_url, year_url
from ..values import Lookup, crumbs


def report_page(results: Results, lk: Lookup, year: int, innovations: list[Innovation]
                ) -> ReportPage:
    notes = Notes()
    sections = report.sections(results, lk, year, innovations, notes)
    yd = results.dataset.years[year]
    return ReportPage(
        url=report_url(year), template="report",
        title=f"Báo cáo kết quả {lk.scale.name} năm {year}",
        lead=(f"Các phần phân tích của báo cáo kết quả {lk.scale.named} năm {year}, viết tự "
              "động từ số liệu của cổng: mỗi số dẫn đến trang số liệu của nó; nơi văn bản "
              "nguồn in số khác, số đó được ghi bên cạnh. Bản Word để cơ quan chỉnh sửa, "
              "ký ban hành."),
        breadcrumbs=crumbs(year), year=year, sections=sections,
        docx_url=report_file_url(year, "docx"), year_url=year_url(year),
        publisher=portal(results.dataset.descriptor).publisher,
        notes=notes.texts,
        sources=lk.sources(*yd.scores["source_id"], *yd.published_stats["source_id"],
                           *yd.field_scores["source_id"]))

