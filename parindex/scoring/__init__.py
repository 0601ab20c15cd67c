"""Floor 2, dataset → results: `score(dataset)`.

Scores, bands, ranks and changes (`score`), statistics (`stats`: one definition of each), and
published values against computed ones (`compare`, used by `parindex check` and by the pages).
Imports `parindex.data`, never `parindex.site`.
"""

from .compare import Difference, compare
from .score import Results, score

__all__ = ["Difference", "Results", "compare", "score"]
