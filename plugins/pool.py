"""The build's one worker pool (pages and charts): `concurrent.futures.ProcessPoolExecutor`
with forked workers, one per core.

Forked, because a worker needs what the generator loaded (results, plan, templates, notes,
Pelican's writer and context): inherited as it is, nothing pickled, nothing read twice. Tasks are
module-level functions `fn(work, *args)` whose arguments and results are small (page indices,
charts, counts). Forking is unsafe in a process where vl-convert has drawn a chart: it keeps
native threads (V8, tokio) that a forked child would wait for forever (`forkable`). Such a
process (a test that drew charts itself, say) runs the tasks in-process instead, through the
same `submit`.

Workers die with the build, even a SIGKILLed one (`die_with_parent`); they ignore Ctrl-C, which
the build handles; if the build fails, they are killed, and a worker's exception is raised by
its task's `Future.result()`.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from types import TracebackType
from typing import Any

PR_SET_PDEATHSIG = 1
_work: Any = None  # in a worker: what it was forked with


def die_with_parent(parent: int) -> None:
    """Have the kernel SIGKILL this process when its parent ends (Linux), and end now if the
    parent has already ended (then this process was handed to another one)."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def _start(parent: int, work: Any) -> None:
    """Initializer of each worker."""
    global _work
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _work = work


def _call(fn: Callable[..., Any], *args: Any) -> Any:
    return fn(_work, *args)


def forkable() -> bool:
    """False when a native runtime has started threads here: they carry their own names
    (vl-convert's "V8 DefaultWorke", "tokio-runtime-w"), unlike Python's threads and the
    fork-safe pools of numpy's BLAS, which keep the process's name (Linux; elsewhere True)."""
    try:
        tasks = Path("/proc/self/task")
        names = {(t / "comm").read_text() for t in tasks.iterdir()}
        return names == {Path("/proc/self/comm").read_text()}
    except OSError:
        return True


class Pool:
    """`with Pool(work) as pool: pool.submit(fn, *args)` runs `fn(work, *args)` in a worker.
    `workers` is how many processes (0: the tasks run here, when submitted)."""

    def __init__(self, work: Any, workers: int | None = None) -> None:
        self.work = work
        self.workers = workers if workers is not None else os.cpu_count() or 1
        self.executor: ProcessPoolExecutor | None = None
        if self.workers > 1 and forkable():
            self.executor = ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("fork"),
                initializer=_start, initargs=(os.getpid(), work))
        else:
            self.workers = 0

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        if self.executor is not None:
            return self.executor.submit(_call, fn, *args)
        future: Future[Any] = Future()
        try:
            future.set_result(fn(self.work, *args))
        except Exception as exc:  # noqa: BLE001 - raised by result(), as from a worker
            future.set_exception(exc)
        return future

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        """Wait for the workers to end; when the build failed, kill them first."""
        if self.executor is None:
            return
        if kind is not None:
            # the executor has no public way to stop a running task: its processes are killed
            for process in list(getattr(self.executor, "_processes", {}).values()):
                process.kill()
        self.executor.shutdown(wait=True, cancel_futures=True)
