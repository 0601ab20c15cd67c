"""The editors' Markdown (news, pages, agency notes): dates in the Vietnamese order, and no
file dropped without a word.

Pelican reads a date such as 05/03/2025 month first (3 May) and silently skips an article it
cannot read (no title, a date it cannot parse), logging in English. Here a date is read day
first (`Date: 05/03/2025` is 5 March 2025; ISO `2025-03-05` too, with a time or without) and
any other date is refused in Vietnamese; a file Pelican could not read stops the build with
its name and the reason (`unread`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pelican.contents import Article, Page
from pelican.readers import MarkdownReader
from pelican.utils import SafeDatetime

DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T_]+(\d{1,2})[:h](\d{2}))?")
ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T_]+(\d{1,2}):(\d{2})(?::\d{2})?)?")
HOW = "ghi ngày theo thứ tự ngày/tháng/năm, ví dụ «Date: 05/03/2025» (ngày 5 tháng 3)"


class ContentError(Exception):
    """A Markdown file of the content cannot be published; the message says which and why."""


def vietnamese_date(text: str) -> SafeDatetime:
    """A date as Vietnamese write it (05/03/2025 is 5 March; 05/03/2025 08:30 with a time),
    or in ISO order (2025-03-05); anything else is a ValueError saying how to write it."""
    t = " ".join(str(text).split())
    if m := DAY_FIRST.fullmatch(t):
        d, mo, y, h, mi = m.groups()
    elif m := ISO.fullmatch(t):
        y, mo, d, h, mi = m.groups()
    else:
        raise ValueError(f"ngày «{t}» không đọc được: {HOW}")
    try:
        return SafeDatetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0))
    except ValueError:
        raise ValueError(f"ngày «{t}» không có thật: {HOW}") from None


class VietnameseMarkdown(MarkdownReader):  # type: ignore[misc]  # Pelican is untyped
    """Pelican's Markdown reader, reading `Date:` and `Modified:` day first."""

    def process_metadata(self, name: str, value: Any) -> Any:
        if name in ("date", "modified"):
            return vietnamese_date(value)
        return super().process_metadata(name, value)


def vietnamese_dates(readers: Any) -> None:
    """`readers_init` signal: Markdown files are read by `VietnameseMarkdown`."""
    for ext in MarkdownReader.file_extensions:
        if readers.reader_classes.get(ext) is MarkdownReader:
            readers.reader_classes[ext] = VietnameseMarkdown


def why(readers: Any, root: Path, path: str, kind: type[Page]) -> str:
    """Why Pelican could not read the content file `path` (relative to `root`)."""
    try:
        content = readers.read_file(base_path=str(root), path=path, content_class=kind)
    except UnicodeDecodeError:
        return "tệp phải được lưu với mã UTF-8"
    except ValueError as exc:
        return str(exc)
    except Exception as exc:  # noqa: BLE001 - any reader's failure, said as it is
        return f"không đọc được tệp ({exc})"
    if not hasattr(content, "title"):
        return "thiếu tiêu đề: thêm dòng «Title: …» ở đầu tệp"
    if kind is Article and not hasattr(content, "date"):
        return f"thiếu ngày: thêm dòng «Date: …» ở đầu tệp ({HOW})"
    return "Pelican không đăng được tệp này"


def unread(context: dict[str, Any], readers: Any, root: Path, article_paths: list[str]
           ) -> list[str]:
    """A line per content file that Pelican found and could not read (it records them as
    None among the generated content), with the reason."""
    lines = []
    for path, content in sorted(context.get("generated_content", {}).items()):
        if content is None:
            news = any(path.startswith(p.rstrip("/") + "/") for p in article_paths)
            lines.append(f"{path}: {why(readers, root, path, Article if news else Page)}")
    return lines
