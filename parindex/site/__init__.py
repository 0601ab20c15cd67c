"""Floor 3, results → frozen page models: `plan(results)` (every page, built on demand).

`urls` (every URL), `models` (the page models templates receive), `values` (ids → named,
linked values; rows; statistics as shown), `narrative` (sentences), `pages/` (one module per
page kind), `charts/` (one module per chart kind), `exports` (the downloads' tables). Imports
`parindex.data` and `parindex.scoring`; knows nothing of Pelican or of processes.
"""

from .pages import Planned, plan, site

__all__ = ["Planned", "plan", "site"]
