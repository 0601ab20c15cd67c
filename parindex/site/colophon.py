"""What every page's footer says about the data itself, besides who publishes it (the
descriptor's `Portal`): how recent it is.

"Last updated" is the data's, not the build's: the latest year with results and the date of the
latest dated source document. A build date would change every page each day (and every page's
store key with it), and would say when the site was rebuilt, not when the numbers were
published.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..scoring.score import Results


@dataclass(frozen=True)
class Colophon:
    latest_year: int | None  # the latest year with results
    latest_source: date | None  # the latest date of a source document in the data


def colophon(results: Results) -> Colophon:
    dates = [d for d in results.dataset.sources["date"] if isinstance(d, date)]
    return Colophon(results.latest_year, max(dates, default=None))
