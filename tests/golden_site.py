"""The golden site: committed copies of two built sites that a fresh build must equal, file by file.

`real`: the data package in `data/` with the content in `content/`. `synthetic`: a package of
300 agencies over 4 years made from a seed by `bench/synth.py`, so that changes between years and
statistics over several years are exercised. The search index (`pagefind/`) is left out: it is
Pagefind's binary output, checked by the search tests.

Refresh after a reviewed change of output: `make golden` (`python -m tests.golden_site`).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
SITES = ("real", "synthetic")
SYNTHETIC = {"agencies": 300, "years": 4, "seed": 7, "first_year": 2020}
LEFT_OUT = ("pagefind",)


def build_site(name: str, work: Path) -> Path:
    """Build the golden site `name` from scratch under `work` (its own store); its output."""
    from bench.synth import make
    from plugins.build import build

    data = None
    if name == "synthetic":
        data = make(work / "data", **SYNTHETIC)
    output = work / "output"
    build(output, data=data, cache=work / "cache", force=True)
    return output


def files(root: Path) -> dict[str, bytes]:
    """Every file of a built site by its path, the search index left out."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.relative_to(root).parts[0] not in LEFT_OUT}


def refresh() -> None:
    for name in SITES:
        with tempfile.TemporaryDirectory() as work:
            output = build_site(name, Path(work))
            target = GOLDEN / name
            shutil.rmtree(target, ignore_errors=True)
            for rel, content in files(output).items():
                path = target / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(content)
        print(f"tests/golden/{name}: {len(files(target))} files", file=sys.stderr)


if __name__ == "__main__":
    refresh()
