"""The typed dataset that loading makes: a data package's tables as DataFrames, by year.

Apart from `dataset.py` (which makes it) so that the checks that read it (`rules.py`) and
the floors above import its shape without importing the loading.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .portal import Scale, scale
from .validate import Signs, TableSchema


class Resource(Signs, total=False):
    name: str
    path: str
    title: str
    profile: str
    format: str
    encoding: str
    schema: str
    dialect: dict[str, str]  # Frictionless CSV Dialect; `commentChar` is honoured


class Descriptor(Signs, total=False):
    """`datapackage.json`: the parts of a Frictionless Data Package that are read; it may hold
    more (all of it is kept when `parindex package` rewrites it). Its decimalChar/groupChar
    (and a resource's) say how the number columns that declare none are written."""

    name: str
    title: str
    description: str
    portal: dict[str, str]  # the site's own name and subtitle (`package.portal`)
    contributors: list[dict[str, str]]
    licenses: list[dict[str, str]]
    resources: list[Resource]


class _Named:
    """Tables read by name as attributes (`dataset.units`, `year.scores`)."""

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables: dict[str, pd.DataFrame] = self.__dict__.get("tables", {})  # none: unpickling
        try:
            return tables[name]
        except KeyError:
            raise AttributeError(name) from None


@dataclass
class YearData(_Named):
    year: int
    tables: dict[str, pd.DataFrame]


@dataclass
class Dataset(_Named):
    """Typed tables of one data package. Row index = spreadsheet row number."""

    root: Path
    descriptor: Descriptor
    schemas: dict[str, TableSchema]
    tables: dict[str, pd.DataFrame]
    years: dict[int, YearData]
    files: dict[str, str] = field(default_factory=dict)  # table key → file label

    @property
    def scale(self) -> Scale:
        return scale(self.descriptor)

    @property
    def component_ids(self) -> list[str]:
        return list(self.tables["components"].sort_values("order")["component_id"])
