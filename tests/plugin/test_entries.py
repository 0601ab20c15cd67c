"""Pages linked by what they are made from (plugins/pages.py `entry_key`, `replay`;
parindex/site/inputs.py): after a change, a page whose inputs did not change is not built
again, and the site is still the one a clean build makes, file by file."""

import csv

from bench.synth import make
from tests.helpers import edit, set_cell
from tests.plugin.support import build_in_process, snapshot

LOGGED = """
import parindex.site.pages as pages
def logged(name, build):
    def built(*args):
        with open({log!r}, "a", encoding="utf-8") as f:
            print(name, *args[2:4] if name == "ranking" else args[2:3], file=f)
        return build(*args)
    return built
pages.unit_page = logged("unit", pages.unit_page)
pages.ranking_page = logged("ranking", pages.ranking_page)
"""


def _rows(path):
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _built(log):
    """The agencies whose profile was built, and the years of the rankings built, since the log
    was last emptied."""
    lines = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    log.write_text("", encoding="utf-8")
    return ({w[1] for w in lines if w[0] == "unit"}, {w[1] for w in lines if w[0] == "ranking"})


def test_after_one_score_only_the_pages_it_shows_on_are_built_again_and_the_site_equals_a_clean_one(
        tmp_path):
    data, cache, site, log = (tmp_path / "data", tmp_path / "cache", tmp_path / "site",
                              tmp_path / "built.txt")
    make(data, 40, 3, seed=5, first_year=2016)
    prelude = LOGGED.format(log=str(log))
    assert "stats" in build_in_process(site, data, cache, prelude)
    groups = {r["unit_id"]: r["group_id"] for r in _rows(data / "units.csv")}
    latest = _rows(data / "2018/scores.csv")
    changed = latest[0]["unit_id"]
    peers = {r["unit_id"] for r in latest if groups[r["unit_id"]] == groups[changed]}
    assert changed in peers and 3 < len(peers) < 20
    _built(log)

    # 0,01 less: its index moves by 0,01, no rank and no statistic of its group as shown
    # (rounded to two decimals): only its profile and the year's rankings are built
    edit(data / "2018/scores.csv", set_cell(2, "sipas", f"{float(latest[0]['sipas']) - 0.01:.2f}"))
    stats = build_in_process(site, data, cache, prelude)["stats"]
    assert _built(log) == ({changed}, {"2018"})
    assert stats["pages_reused"] > stats["pages"] // 2
    assert "stats" in build_in_process(tmp_path / "clean", data, tmp_path / "empty")
    assert snapshot(site) == snapshot(tmp_path / "clean")

    # a score far lower moves its group's mean and ranks: every profile of its group-year
    edit(data / "2018/scores.csv", set_cell(2, "sipas", "9.99"))
    assert "stats" in build_in_process(site, data, cache, prelude)
    assert _built(log) == (peers, {"2018"})
    assert "stats" in build_in_process(tmp_path / "clean-2", data, tmp_path / "empty-2")
    assert snapshot(site) == snapshot(tmp_path / "clean-2")

    # a score of the first year changes the next year's changes too: still a clean site
    edit(data / "2016/scores.csv", set_cell(3, "survey_staff", "1.00"))
    assert "stats" in build_in_process(site, data, cache, prelude)
    assert "stats" in build_in_process(tmp_path / "clean-3", data, tmp_path / "empty-3")
    assert snapshot(site) == snapshot(tmp_path / "clean-3")
