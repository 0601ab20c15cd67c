"""The store of built files (plugins/store.py): one entry per key, shared by hard links with the
outputs that use it, pruned when no output and no build uses it any more."""

import os
import re

from tests.conftest import ROOT, copy_real
from tests.helpers import edit, set_cell
from tests.plugin.support import snapshot


def test_an_entry_is_a_hard_link_of_the_file_it_was_kept_from(tmp_path):
    from plugins.store import Store

    store, page = Store(tmp_path / "store"), tmp_path / "page.html"
    page.write_text("<p>một</p>", encoding="utf-8")
    store.keep("ab12", page)
    store.keep("ab12", page)  # already there: left as it is
    assert store.path("ab12") == tmp_path / "store" / "ab" / "ab12"
    assert os.path.samefile(store.path("ab12"), page)
    again = tmp_path / "again.html"
    assert store.take("ab12", again) and os.path.samefile(again, page)
    assert not store.take("cd34", tmp_path / "missing.html")
    assert not (tmp_path / "missing.html").exists()


def test_prune_removes_only_what_no_output_and_no_build_uses(tmp_path):
    from plugins.store import Store

    store = Store(tmp_path / "store")
    for key in ("aa1", "bb2", "cc3"):
        (tmp_path / key).write_text(key, encoding="utf-8")
        store.keep(key, tmp_path / key)
    (tmp_path / "aa1").unlink()  # the output that held it was replaced
    (tmp_path / "bb2").unlink()
    assert store.prune(used={"bb2"}) == 1
    assert [store.path(k).exists() for k in ("aa1", "bb2", "cc3")] == [False, True, True]


def test_keys_say_what_a_file_is_made_of():
    import pandas as pd

    from plugins.store import frame_key, model_bytes, page_key

    df = pd.DataFrame({"a": [1.0, 2.0]})
    assert frame_key("site", df, {"year": 1}) == frame_key("site", df.copy(), {"year": 1})
    assert frame_key("site", df, {"year": 1}) != frame_key("site", df, {"year": 2})
    assert frame_key("site", df, {}) != frame_key("other", df, {})
    assert frame_key("s", df, {}) != frame_key("s", pd.DataFrame({"a": [1.0, 2.5]}), {})
    model = model_bytes({"x": 1})
    assert page_key("s", True, model) != page_key("s", False, model)
    assert page_key("s", True, model) == page_key("s", True, model_bytes({"x": 1}))
    # equal models, equal keys, whether or not two of their equal strings are one object
    one, other = "so-nganh", "".join(["so-", "nganh"])
    assert model_bytes([one, one]) == model_bytes([one, other])


def test_a_reused_page_is_a_hard_link_to_its_store_entry(tmp_path):
    from parindex.data.dataset import load_or_raise
    from parindex.scoring.score import score
    from parindex.site import plan
    from parindex.site.urls import unit_url
    from plugins.build import build, settle

    data, cache, site = copy_real(tmp_path), tmp_path / "cache", tmp_path / "site"
    build(site, data=data, cache=cache)
    first = snapshot(site)
    edit(data / "2023/scores.csv", set_cell(21, "self_assessment", "51.35"))  # the same
    edit(data / "2023/scores.csv", set_cell(21, "survey_staff", "13.12"))  # total and index
    stats = build(site, data=data, cache=cache).stats
    assert stats.pages_reused > 0
    entries = {os.stat(p).st_ino: p for p in (cache / "store").rglob("*") if p.is_file()}
    linked = [p for p in site.rglob("index.html") if os.stat(p).st_ino in entries]
    assert len(linked) >= stats.pages_reused
    unchanged = [p for p in linked if first.get(p.relative_to(site).as_posix())
                 == snapshot(p.parent).get("index.html")]
    assert len(unchanged) >= stats.pages_reused
    for page in unchanged:
        entry = entries[os.stat(page).st_ino]
        assert os.path.samefile(page, entry) and page.read_bytes() == entry.read_bytes()
    # once the build is tidied (after it returned), every entry is still used by the new
    # output: the old output's went with it; the entries of no output are the data as it is
    # now: each table read and checked, its text in the published package, and the results;
    # and the record of the files of each page made from part of the data (a profile, a
    # year's ranking, field, innovations and report), which has no Markdown note
    settle()
    kept = sorted(p.name.rsplit(".")[-1] for p in entries.values() if p.exists()
                  and os.stat(p).st_nlink == 1)
    tables = sum(1 for p in data.rglob("*.csv"))
    scoped = [p for p in plan(score(load_or_raise(data))) if p.inputs]
    notes = [re.search(r"^Unit: (.+)$", p.read_text(encoding="utf-8"), re.M)
             for p in (ROOT / "content/don-vi").glob("*.md")]
    noted = [p for p in scoped if p.url in {unit_url(m.group(1).strip()) for m in notes if m}]
    assert len(scoped) > 50 and noted
    assert kept == ["entry"] * (len(scoped) - len(noted)) + ["package"] * tables + \
        ["results"] + ["table"] * tables


def test_a_build_that_takes_the_results_from_the_store_keeps_the_checked_tables(tmp_path):
    """A forced build reads nothing (the data are unchanged): the tables read and checked for
    the last change are still the store's, so that the next change reads only its own file."""
    from plugins.build import build, settle

    data, cache, site = copy_real(tmp_path), tmp_path / "cache", tmp_path / "site"
    build(site, data=data, cache=cache)
    settle()
    tables = sorted(p.name for p in (cache / "store").rglob("*.table"))
    assert len(tables) >= sum(1 for _ in data.rglob("*.csv"))
    build(site, data=data, cache=cache, force=True)
    settle()
    assert sorted(p.name for p in (cache / "store").rglob("*.table")) == tables
