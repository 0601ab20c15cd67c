"""Markdown extension for the editors' pages: wide tables and code scroll in their own box.

A Markdown table or code block wider than a phone would make the whole page scroll sideways.
Each `<table>` is wrapped in the theme's horizontal scroll box (`.table-scroll`, focusable and
named, as the data tables are) and each `<pre>` is made focusable (keyboard users can scroll
it); the theme's CSS does the rest. Loaded by name from `MARKDOWN` in pelicanconf.py
("plugins.prose:ScrollExtension"); it works on the finished HTML, so it also catches tables and
code an editor wrote as HTML.
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

TABLE = re.compile(r"<table\b.*?</table>", re.DOTALL | re.IGNORECASE)
PRE = re.compile(r"<pre(?=[\s>])(?![^>]*\btabindex=)", re.IGNORECASE)
BOX = ('<div class="table-scroll" role="region" tabindex="0" '
       'aria-label="Bảng (kéo ngang nếu bảng rộng hơn màn hình)">')


def scroll_boxes(html: str) -> str:
    """`html` with each table in a scroll box and each `pre` focusable."""
    html = TABLE.sub(lambda m: f"{BOX}{m.group(0)}</div>", html)
    return PRE.sub('<pre tabindex="0"', html)


class _Boxes(Postprocessor):
    def run(self, text: str) -> str:
        return scroll_boxes(text)


class ScrollExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's name)
        md.postprocessors.register(_Boxes(md), "parindex-scroll-boxes", 5)
