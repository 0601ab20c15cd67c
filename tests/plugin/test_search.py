"""The search index (plugins/search.py): a national site's index in shards, each linked from
the last build when its pages are unchanged, so that a rebuild indexes only what changed and
gives the same files as indexing everything again."""

import shutil

import pytest

from plugins import search
from tests.conftest import copy_real
from tests.plugin.support import snapshot


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from plugins.build import build

    tmp = tmp_path_factory.mktemp("search")
    built = build(tmp / "site", data=copy_real(tmp), cache=tmp / "cache")
    shutil.rmtree(built.output / "pagefind")
    return built.output


def test_shards_are_profiles_by_hash_years_innovations_and_the_rest():
    assert search.shard("don-vi/so-tu-phap/index.html").startswith("don-vi-")
    assert search.shard("don-vi/index.html") == search.MAIN  # the directory
    assert search.shard("don-vi/trang-2/index.html") == search.MAIN  # and its parts
    assert search.shard("chi-so/2023/so/index.html") == "chi-so-2023"
    assert search.shard("chi-so/index.html") == search.MAIN
    assert search.shard("sang-kien/2023/index.html") == "sang-kien"
    assert search.shard("index.html") == search.MAIN
    small = [f"don-vi/u{i}/index.html" for i in range(search.SHARD_FROM - 1)]
    assert list(search.shards(small)) == [search.MAIN]  # a province's site: one bundle
    assert search.merged(u.removesuffix("index.html") for u in small) == []
    large = small + ["don-vi/last/index.html", "nhung/don-vi/x/index.html",
                     "en/don-vi/last/index.html"]
    parts = search.shards(large)
    assert len([n for n in parts if n.startswith("don-vi-")]) == search.PROFILE_SHARDS
    # neither embedded charts nor the English edition (not searchable) in any bundle: a change
    # of an English profile would otherwise re-index the main bundle
    assert not any(r.startswith(("nhung/", "en/")) for files in parts.values() for r in files)


def test_a_sharded_rebuild_indexes_only_changed_shards_and_equals_indexing_all(
        site, tmp_path, monkeypatch):
    monkeypatch.setattr(search, "SHARD_FROM", 1)  # the real site's 40 profiles, sharded
    first = tmp_path / "first"
    shutil.copytree(site, first)
    keys, _ = search.index(first, workers=1)
    assert len(keys) > search.PROFILE_SHARDS // 2 and (first / "pagefind/pagefind.js").is_file()
    # one profile changes: only its shard is indexed again, the others are linked
    page = next(p for p in sorted((site / "don-vi").glob("*/index.html")))
    second = tmp_path / "second"
    shutil.copytree(site, second)
    changed = second / page.relative_to(site)
    changed.write_text(changed.read_text(encoding="utf-8").replace(
        "</main>", "<p>Tên mới Xyzabc</p></main>"), encoding="utf-8")
    again, said = search.index(second, first, keys, workers=1)
    shard = search.shard(page.relative_to(site).as_posix())
    assert {n for n in keys if keys[n] != again[n]} == {shard}
    assert f"{len(keys)} bundles, {len(keys) - 1} reused" in said
    # the same files as a clean index of the changed site
    clean = tmp_path / "clean"
    shutil.copytree(second, clean, ignore=shutil.ignore_patterns("pagefind*"))
    search.index(clean, workers=1)
    assert snapshot(second) == snapshot(clean)
