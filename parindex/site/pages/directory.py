"""The directory of agencies (`don-vi/`)."""

from __future__ import annotations

from ...text import vi_sort_key
from .. import narrative
from ..models import (
    HOME,
    DirectoryEntry,
    DirectoryPage,
    ScoreRow,
    Source,
)
from ..values import (
    Lookup,
    active_text,
    unit_records,
)


def directory_page(lk: Lookup, latest_rows: dict[str, ScoreRow], sources: list[Source]
                   ) -> DirectoryPage:
    entries = [DirectoryEntry(unit=lk.unit(uid), group=lk.group(u["group_id"]),
                              latest=latest_rows.get(uid), active=active_text(u))
               for uid, u in unit_records(lk).items()]
    entries.sort(key=lambda e: vi_sort_key(e.unit.name))
    return DirectoryPage(
        url="don-vi/", template="directory", title="Cơ quan, đơn vị",
        lead=narrative.directory_lead(len(entries)), breadcrumbs=[HOME], entries=entries,
        groups=[lk.group(g) for g in lk.groups_df["group_id"]], sources=sources)
