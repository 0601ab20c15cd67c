"""Floor 1, files → a typed dataset and a problem report: `load(root)`.

Reading CSV and XLSX (`read`), cells (`cells`), the schemas and descriptor checked themselves
(`profile`), Table Schema checks (`validate`), cross-table rules (`rules`), band tables
(`bands`), the package descriptor (`package`); every problem is a `problems.Problem`.
Imports nothing of `parindex.scoring` or `parindex.site`.
"""

from .dataset import load, load_or_raise
from .problems import DataError, Problem, Report
from .tables import Dataset, YearData

__all__ = ["DataError", "Dataset", "Problem", "Report", "YearData", "load", "load_or_raise"]
