"""A fresh build equals the committed golden site, file by file (tests/golden_site.py).

A difference is either a bug or a reviewed change of output: then `make golden` refreshes the
copy, and the diff of tests/golden/ is committed with the change that made it.
"""

from __future__ import annotations

import difflib

import pytest

from tests.golden_site import GOLDEN, SITES, build_site, files


def _explain(rel: str, want: bytes, got: bytes) -> str:
    try:
        a, b = want.decode("utf-8").splitlines(), got.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        return f"{rel}: binary files differ"
    diff = list(difflib.unified_diff(a, b, "golden/" + rel, "built/" + rel, lineterm="", n=1))
    return "\n".join(diff[:30])


@pytest.mark.parametrize("name", SITES)
def test_a_fresh_build_equals_the_golden_site(name, tmp_path):
    golden = files(GOLDEN / name)
    built = files(build_site(name, tmp_path))
    assert sorted(built) == sorted(golden), (
        f"missing: {sorted(set(golden) - set(built))[:10]}, "
        f"new: {sorted(set(built) - set(golden))[:10]}")
    changed = [rel for rel in golden if golden[rel] != built[rel]]
    assert not changed, (f"{len(changed)} files differ from tests/golden/{name} "
                         "(`make golden` after review):\n"
                         + "\n\n".join(_explain(r, golden[r], built[r]) for r in changed[:3]))
