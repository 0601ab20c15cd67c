"""The reconciliation page ("Đối chiếu số liệu", `du-lieu/doi-chieu/`): every difference
`parindex check` finds, by severity, each with where the source prints it, so that a reader
can see what the portal shows differently from the source and why."""

from __future__ import annotations

from ...scoring.compare import HEADINGS, Assessment, assess
from ...scoring.score import Results
from .. import narrative
from ..models import HOME, AuditGroup, AuditPage, AuditRow, Ref
from ..urls import AUDIT_URL, DOWNLOADS_URL
from ..values import Lookup

# A national portal's rounding differences run to hundreds of thousands: each table lists this
# many and says how many more `parindex check` gives.
AUDIT_LISTED = 500


def audit_page(results: Results, lk: Lookup, found: Assessment | None = None) -> AuditPage:
    """`found`: the results' `assess`, when the build has it (it is the longest check)."""
    found = found or assess(results)
    groups = [AuditGroup(severity=severity, heading=HEADINGS[severity], rows=[
        AuditRow(year=d.year or None, subject=d.subject, what=d.what, published=d.published,
                 comparison=d.comparison, location=d.location, note=d.note,
                 data_row=f"{d.file}" + (f", dòng {d.row}" if d.row else ""))
        for d in diffs[:AUDIT_LISTED]], total=len(diffs))
        for severity, diffs in found.by_severity()]
    serious, notice, rounding = (g.total for g in groups)
    return AuditPage(
        url=AUDIT_URL, template="audit", title="Đối chiếu số liệu",
        lead=narrative.audit_lead(serious, notice, rounding, found.unverifiable),
        breadcrumbs=[HOME, Ref("du-lieu", "Dữ liệu", DOWNLOADS_URL)],
        groups=groups, unverifiable=found.unverifiable,
        sources=lk.sources(*[sid for yd in results.dataset.years.values()
                             for sid in yd.published_stats["source_id"]]))
