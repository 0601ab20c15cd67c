"""Fuzz: copies of the real data damaged the ways issue 18 lists (tests/damage.py), one to three
damages each, are loaded, scored, checked and turned into every page model.

What must hold for every one: no uncaught exception, and either a new problem is reported (an
error, or a warning saying what was done) or the published numbers are what the undamaged data
gives. 300 examples by default; more with `PARINDEX_FUZZ_EXAMPLES=5000 python -m pytest
tests/data/test_fuzz.py`. A campaign outside pytest, with counts: `python -m tests.damage
--count 2000 --seed 7`.
"""

from __future__ import annotations

import json
import os
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import DATA
from tests.damage import DAMAGES, outcome, silent

EXAMPLES = int(os.environ.get("PARINDEX_FUZZ_EXAMPLES", "300"))
NOT_APPLICABLE = (FileNotFoundError, json.JSONDecodeError, UnicodeDecodeError, KeyError,
                  IndexError, TypeError, AttributeError, ValueError)


@pytest.fixture(scope="module")
def undamaged():
    base = outcome(DATA)
    assert not base.exception and base.numbers is not None
    return base


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_damaged_data_is_reported_or_changes_nothing(tmp_path_factory, undamaged, data):
    root = tmp_path_factory.mktemp("damaged") / "data"
    shutil.copytree(DATA, root)
    kinds = data.draw(st.lists(st.sampled_from(sorted(DAMAGES)), min_size=1, max_size=3),
                      label="damages")

    def pick(options):
        return data.draw(st.sampled_from(list(options)))

    said = []
    for kind in kinds:
        try:
            said.append(f"{kind}: {DAMAGES[kind](root, pick)}")
        except NOT_APPLICABLE:  # an earlier damage removed what this one breaks
            said.append(f"{kind}: not applicable")
    got = outcome(root)
    assert not got.exception, f"{said}\n{got.exception}"
    assert not silent(got, undamaged), f"published numbers changed without a message: {said}"
    shutil.rmtree(root.parent)
