"""Helpers of the plugin's tests: snapshots of an output, builds in a process of their own.

A build that must use the worker pool runs in a fresh process (`build_in_process`): a test
process that has drawn a chart itself keeps vl-convert's threads, and the pool does not fork
such a process (plugins/pool.py), so an in-process build there would not show the pool.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def snapshot(root: Path) -> dict[str, str]:
    """Every file of `root` by its path, as a hash of its bytes."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def run_build(output: Path, data: Path, *flags: str, **kwargs) -> subprocess.Popen:
    """`python -m plugins.build` on `data` into `output`, its output captured."""
    return subprocess.Popen(
        [sys.executable, "-m", "plugins.build", "--output", str(output), "--data", str(data),
         *flags],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


BUILD = """
import dataclasses, json, sys
from pathlib import Path
{prelude}
from plugins.build import build
output, data, cache = map(Path, sys.argv[1:4])
try:
    result = build(output, data=data, cache=cache, force={force})
except Exception as exc:
    print(json.dumps({{"error": str(exc)}}))
else:
    print(json.dumps({{"stats": dataclasses.asdict(result.stats)}}))
"""


def build_in_process(output: Path, data: Path, cache: Path, prelude: str = "",
                     force: bool = False) -> dict:
    """`plugins.build.build` in a fresh Python process, after running `prelude` there:
    {"stats": the build's stats as a dict} or {"error": its message}."""
    done = subprocess.run(
        [sys.executable, "-c", BUILD.format(prelude=prelude, force=force), str(output),
         str(data), str(cache)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])
