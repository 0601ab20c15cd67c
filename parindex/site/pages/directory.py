"""The directory of agencies (`don-vi/`)."""

from __future__ import annotations

from ...i18n import t
from ...text import vi_sort_key
from .. import narrative
from ..models import (
    HOME,
    DirectoryEntry,
    DirectoryPage,
    GroupEntries,
    ScoreRow,
    Source,
)
from ..urls import DIRECTORY_URL
from ..values import (
    Lookup,
    active_text,
    as_str,
    unit_records,
)


def directory_page(lk: Lookup, latest_rows: dict[str, ScoreRow], sources: list[Source]
                   ) -> DirectoryPage:
    entries = [DirectoryEntry(unit=lk.unit(uid), group=lk.group(as_str(u["group_id"])),
                              latest=latest_rows.get(uid), active=active_text(u))
               for uid, u in unit_records(lk).items()]
    entries.sort(key=lambda e: vi_sort_key(e.unit.name))
    by_group: dict[str, list[DirectoryEntry]] = {}
    for e in entries:
        by_group.setdefault(e.group.id, []).append(e)
    return DirectoryPage(
        url=DIRECTORY_URL, template="directory", title=t("Cơ quan, đơn vị"),
        lead=narrative.directory_lead(len(entries)), breadcrumbs=[HOME], entries=entries,
        by_group=[GroupEntries(lk.group(g), by_group.get(g, []))
                  for g in lk.groups_df["group_id"]], sources=sources)
