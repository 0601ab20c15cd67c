"""What a build is given and what it gives back, typed: `BuildOptions` in, `BuildStats` out,
and the one signal the plugin sends (`pages_written`).

Pelican's settings are an untyped dict that anyone may change while it runs; the plugin reads one
value from them, `PARINDEX` (a frozen `BuildOptions`, put there by `plugins.build`), and never
writes to them. What the build measured comes back as the generator's `stats` attribute, what it
is doing as log records of the logger "parindex.build" (with `stage` and `count` attributes).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from blinker import signal

pages_written = signal("parindex_pages_written")
"""Sent (sender: the generator) when every HTML page of the site is written: Pagefind may start
indexing while charts and downloads are still being written."""

LOGGER = "parindex.build"


@dataclass(frozen=True)
class BuildOptions:
    """What `plugins.build` decides for the plugin.

    `site_key` is the hash of what a page reads besides its model and the content (theme,
    code, settings; the plugin adds what data pages show of the content, `content_view`);
    empty, nothing but charts is reused from the store (their key holds their code).
    `data_key`, when given, keys the validated tables in the store (`Store.remember`);
    `code_key` (the code's hash) keys each table read and checked on its own.
    `force` renders every page and download again (charts still come from the store)."""

    data: Path = Path("data")
    notes: str = "don-vi"  # folder of the agencies' Markdown notes, under Pelican's PATH
    store: Path = Path(".cache/store")
    site_key: str = ""
    data_key: str = ""  # hash of the data files and the code: the validated tables'
    code_key: str = ""  # hash of the code (parindex, plugins): each table's, with its file's
    force: bool = False

    @classmethod
    def of(cls, settings: dict[str, Any]) -> BuildOptions:
        """The build's options, or, under plain `pelican`, ones from pelicanconf's
        PARINDEX_DATA and PARINDEX_NOTES (and no reuse of pages)."""
        given = settings.get("PARINDEX")
        if isinstance(given, cls):
            return given
        return cls(data=Path(settings.get("PARINDEX_DATA", "data")),
                   notes=settings.get("PARINDEX_NOTES", "don-vi"))


@dataclass
class BuildStats:
    """Counts and stage times (seconds) of one build, read by `plugins.build` and the
    benchmark. `workers`: processes that built pages and charts (0: this process did)."""

    pages: int = 0
    pages_reused: int = 0
    charts_rendered: int = 0
    charts_reused: int = 0
    workers: int = 0
    load_seconds: float = 0.0
    score_seconds: float = 0.0
    models_seconds: float = 0.0  # planning the pages (they are built where they are written)
    pages_seconds: float = 0.0  # building and writing every page, in the workers (wall)
    downloads_seconds: float = 0.0
    charts_seconds: float = 0.0  # placing the charts' files while the pages are written (the
    # workers' time ÷ workers, taken from pages_seconds), then waiting for the last ones drawn
    chart_seconds: float = 0.0  # from the first chart drawn to the last
