"""The year's report as a Word document (`.docx`, python-docx), from its page model
(`models.ReportPage`): the same headings, sentences and numbers, a table for each group, the
notes and the sources, in the font and size of an administrative document (Times New Roman,
13 pt), for the office to edit and sign.

A number's short note ("văn bản nguồn in 6,76") stays beside it in brackets, its footnote
number as a superscript that refers to the list "Ghi chú" at the end. The same model gives the
same bytes: fixed dates in the document's properties and in its zip entries.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from docx.table import Table
from docx.text.paragraph import Paragraph as DocxParagraph

from .exports import FIXED_DATE, FixedZip
from .models import Paragraph, ReportPage, ReportTable, Span

FONT = "Times New Roman"
SIZE = Pt(13)


def report_docx(page: ReportPage, site_name: str = "") -> bytes:
    """The report of `page` as a `.docx` file's bytes."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = SIZE
    props = doc.core_properties
    props.title, props.author = page.title, page.publisher or site_name
    props.last_modified_by, props.language = "", "vi-VN"
    props.created = props.modified = datetime(*FIXED_DATE)
    props.revision = 1
    doc.add_heading(page.title, 0)
    doc.add_paragraph(page.lead)
    for section in page.sections:
        doc.add_heading(section.heading, section.level - 1)
        for p in section.paragraphs:
            _runs(doc.add_paragraph(), p)
        for p in section.items:
            _runs(doc.add_paragraph(style="List Bullet"), p)
        if section.table is not None:
            _table(doc.add_paragraph(section.table.caption, style="Caption"), section.table,
                   doc.add_table(rows=1 + len(section.table.rows),
                                 cols=len(section.table.header)))
    if page.notes:
        doc.add_heading("Ghi chú", 1)
        for i, text in enumerate(page.notes, start=1):
            doc.add_paragraph(f"{i}. {text}")
    if page.sources:
        doc.add_heading("Nguồn số liệu", 1)
        for s in page.sources:
            doc.add_paragraph(s.citation + (f" ({s.url})" if s.url else ""), style="List Bullet")
    out = io.BytesIO()
    doc.save(out)
    return _fixed_dates(out.getvalue())


def _runs(paragraph: DocxParagraph, p: Paragraph) -> None:
    for span in p.spans:
        _span(paragraph, span)


def _span(paragraph: DocxParagraph, span: Span) -> None:
    """A span as runs: its text, the note beside it in brackets, its footnote's number."""
    paragraph.add_run(span.text)
    if span.aside:
        paragraph.add_run(f" ({span.aside}")
    if span.note:
        paragraph.add_run(str(span.note)).font.superscript = True
    if span.aside:
        paragraph.add_run(")")


def _table(caption: DocxParagraph, t: ReportTable, table: Table) -> None:
    """A report's table: a bold header row, numbers aligned right."""
    caption.paragraph_format.keep_with_next = True
    table.style = "Table Grid"
    for i, title in enumerate(t.header):
        cell = table.rows[0].cells[i].paragraphs[0]
        cell.add_run(title).bold = True
    for row, cells in zip(t.rows, (r.cells for r in table.rows[1:]), strict=True):
        for i, span in enumerate(row):
            par = cells[i].paragraphs[0]
            _span(par, span)
            if i in t.numeric:
                par.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _fixed_dates(data: bytes) -> bytes:
    """The zip `data` with every entry dated FIXED_DATE (python-docx dates them now)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, FixedZip(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
    return out.getvalue()
