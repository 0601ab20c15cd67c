"""The search index: Pagefind over the new site, whole, or in shards at national size.

Pagefind has no incremental mode: it reads every page each time, which at national size (ten
thousand profiles) was most of a rebuild after one changed score. So a site with SHARD_FROM
profiles or more is indexed in shards, each a Pagefind bundle of its own that the search page
merges (`mergeIndex`): the profiles in PROFILE_SHARDS buckets by a hash of their address, each
year's pages (`chi-so/<year>/…`), the innovations, and the rest (the main bundle, `pagefind/`).
A shard whose pages have the same bytes as in the last build of that output is linked from it
(`_reuse`), not indexed again: Pagefind writes the same files for the same pages, so the index
equals a clean build's. A smaller site is indexed whole, as one bundle, as before.

Run as `python -m plugins.search SITE [OLD_SITE KEYS_JSON]` (by `plugins.build`, in a process that
dies with the build), which starts on a line on stdin; it writes the shards' keys as JSON on its
last line of output. Pagefind is its binary, run directly (no Python around it).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import version
from pathlib import Path

from pagefind_bin_extended import get_executable

from parindex.i18n import HREFLANG, SOURCE
from parindex.site.urls import (
    DIRECTORY_URL,
    PAGEFIND_DIR,
    YEARS_URL,
    innovations_url,
    whole_url,
)
from plugins.pool import die_with_parent

SHARD_FROM = 2000  # profiles from which the index is sharded
PROFILE_SHARDS = 16
SHARDS_DIR = PAGEFIND_DIR.rstrip("/") + "-"  # a shard "x" is the bundle at pagefind-x/
MAIN = ""
# no data-pagefind-body, left out of shards (a site indexed whole has Pagefind skip them): the
# embedded charts, and the other languages' editions (the search is the Vietnamese site's)
NOT_INDEXED = ("nhung/", *(f"{lang}/" for lang in HREFLANG if lang != SOURCE))


def shard(rel: str) -> str:
    """The shard of the HTML file at site-relative `rel` ("" for the main bundle)."""
    parts = rel.split("/")
    page = rel.removesuffix("index.html")
    if rel.startswith(DIRECTORY_URL) and len(parts) > 2 and whole_url(page) != DIRECTORY_URL:
        # a profile, not the directory or one of its parts
        bucket = int(hashlib.sha256(parts[1].encode()).hexdigest(), 16) % PROFILE_SHARDS
        return f"don-vi-{bucket:x}"
    if rel.startswith(YEARS_URL) and len(parts) > 2 and parts[1].isdigit():
        return f"chi-so-{parts[1]}"
    if rel.startswith(innovations_url()) and len(parts) > 1:
        return "sang-kien"
    return MAIN


def shards(rels: Iterable[str]) -> dict[str, list[str]]:
    """The site's HTML files (`rels`, site-relative) by shard, or all in the main bundle when
    the site has fewer than SHARD_FROM profiles."""
    rels = sorted(rels)
    if sum(shard(rel).startswith("don-vi-") for rel in rels) < SHARD_FROM:
        return {MAIN: rels}
    out: dict[str, list[str]] = {}
    for rel in rels:
        if not rel.startswith(NOT_INDEXED):
            out.setdefault(shard(rel), []).append(rel)
    return out


def bundle(name: str) -> str:
    """The site-relative folder of shard `name`'s bundle."""
    return PAGEFIND_DIR if name == MAIN else f"{SHARDS_DIR}{name}/"


def bundles(site: Path) -> list[Path]:
    """The bundles' folders in a built site."""
    return sorted(p for p in site.glob(SHARDS_DIR + "*") if p.is_dir()) + [site / PAGEFIND_DIR]


def merged(page_urls: Iterable[str]) -> list[str]:
    """The bundles the search page merges into the main one, for a site of these pages (URLs
    of folders); none for a site indexed whole."""
    return [bundle(n) for n in sorted(shards(u + "index.html" for u in page_urls)) if n != MAIN]


def key(site: Path, rels: list[str]) -> str:
    """What a shard's bundle is made from: its pages' paths and bytes, and Pagefind."""
    h = hashlib.sha256(version("pagefind").encode())
    for rel in rels:
        h.update(rel.encode() + b"\0" + hashlib.sha256((site / rel).read_bytes()).digest())
    return h.hexdigest()


def pages(site: Path) -> list[str]:
    """The site's HTML files, site-relative, but those of the folders no bundle has."""
    out = []
    for folder, dirs, files in os.walk(site):
        if folder == str(site):
            dirs[:] = [d for d in dirs if f"{d}/" not in NOT_INDEXED]
        rel = Path(folder).relative_to(site)
        out += [(rel / f).as_posix() for f in files if f.endswith(".html")]
    return out


def _index(site: Path, name: str, rels: list[str], whole: bool) -> str:
    """Run Pagefind over the shard's pages, writing its bundle into the site; what it said.
    A shard is indexed from a folder of links to its pages (so that their URLs are the site's),
    named like the build's own temporary folders (cleared if the build is killed)."""
    root = site
    if not whole:
        root = site.parent / f".output-search-{name or 'main'}-{os.getpid()}"
        shutil.rmtree(root, ignore_errors=True)
        for rel in rels:
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            os.link(site / rel, root / rel)
    parent = os.getpid()
    where = [] if whole else ["--output-path", str(site / bundle(name))]
    try:
        done = subprocess.run([str(get_executable()), "--site", str(root), *where],
                              capture_output=True, text=True,
                              preexec_fn=lambda: die_with_parent(parent))
    finally:
        if not whole:
            shutil.rmtree(root, ignore_errors=True)
    if done.returncode != 0:
        raise RuntimeError(done.stdout + done.stderr)
    return done.stdout


def _reuse(old: Path, site: Path, name: str) -> bool:
    """Link the shard's bundle from the last build's output; False if it is not there."""
    src, dest = old / bundle(name), site / bundle(name)
    if not src.is_dir():
        return False
    try:
        shutil.copytree(src, dest, copy_function=os.link, dirs_exist_ok=True)
    except OSError:
        shutil.rmtree(dest, ignore_errors=True)
        return False
    return True


def index(site: Path, old: Path | None = None,
          old_keys: dict[str, str] | None = None, workers: int | None = None
          ) -> tuple[dict[str, str], str]:
    """Index `site`: its shards' keys, and what Pagefind said."""
    parts = shards(pages(site))
    whole = len(parts) == 1
    keys = {name: key(site, files) for name, files in parts.items()} if not whole else {}
    todo = [n for n in sorted(parts) if whole or not (
        old and (old_keys or {}).get(n) == keys[n] and _reuse(old, site, n))]
    with ThreadPoolExecutor(workers or os.cpu_count() or 1) as pool:  # a Pagefind per core
        said = list(pool.map(lambda n: _index(site, n, parts[n], whole), todo))
    reused = len(parts) - len(todo)
    if not whole:
        said.append(f"{len(parts)} bundles, {reused} reused")
    return keys, "\n".join(said)


def main(argv: list[str]) -> int:
    """Index once told to: a line on stdin, sent when every page is written. The build starts
    this process before it writes the pages, so that Python and its imports (half a second)
    are ready by then; end of input (the build is gone) ends it."""
    site = Path(argv[0])
    old = Path(argv[1]) if len(argv) > 1 and argv[1] else None
    old_keys = json.loads(argv[2]) if len(argv) > 2 and argv[2] else {}
    if not sys.stdin.readline():
        return 1
    try:
        keys, said = index(site, old, old_keys)
    except RuntimeError as exc:
        print(exc)
        return 1
    print(said)
    print(json.dumps(keys))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

