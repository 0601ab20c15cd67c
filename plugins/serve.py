"""Preview: `python -m plugins.serve [--data DIR] [--content DIR] [--output DIR]` (what
`make serve` runs).

Builds the site, serves `output/` on http://127.0.0.1:8000 (or the next free port, said so) from
a thread, and rebuilds whenever
something changes in the data, the content or theme/. A build that fails (bad data, a template
error) prints why and leaves the last good site in `output/`, which keeps being served. The
builds run in a process of their own (`Builder`), started once: a build forks its workers, which
a process with a server thread must not do.
"""

from __future__ import annotations

import argparse
import errno
import functools
import multiprocessing
import os
import signal
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from plugins.build import ROOT

TRIES = 20  # ports tried from the one asked for


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        pass


class Builder:
    """Builds, one at a time, in a process of its own started once: spawned (a fresh Python,
    never a fork of this process, whose server thread runs), it keeps Python, Pelican and the
    libraries loaded, so that a saved change shows after its build alone, not after Python
    starts again (the imports alone are about 1 s CPU). The build's messages (Vietnamese, no
    traceback) go to this terminal. It dies with the preview, even a killed one."""

    def __init__(self) -> None:
        self.process: Any = None
        self.code: list[tuple[str, int, int]] = []

    def _start(self) -> None:
        self.stop()
        self.code = _code()
        context = multiprocessing.get_context("spawn")
        self.conn, theirs = context.Pipe()
        # not a daemon: a build forks its pool's workers (`stop` ends it with the preview)
        self.process = context.Process(target=_builds, args=(theirs, os.getpid()))
        self.process.start()

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.join()
            self.process = None

    def __call__(self, output: Path, data: Path, content: Path) -> bool:
        """Build; True when it succeeded (on failure the last good site stays in `output`)."""
        if self.process is None or not self.process.is_alive() or _code() != self.code:
            self._start()  # a builder with the code as it is now, not as it was loaded
        self.conn.send(["--output", str(output), "--data", str(data), "--content", str(content),
                        "--search-after-swap"])
        try:
            return bool(self.conn.recv() == 0)
        except EOFError:  # the builder died (killed, out of memory): the next build starts one
            self.process = None
            return False


def _code() -> list[tuple[str, int, int]]:
    """The build's Python code as it is on disk (path, time, size of each module)."""
    return [(str(p), p.stat().st_mtime_ns, p.stat().st_size) for folder in ("parindex", "plugins")
            for p in sorted((ROOT / folder).rglob("*.py"))] + [
        (str(p), p.stat().st_mtime_ns, p.stat().st_size)
        for p in (ROOT / "pelicanconf.py", ROOT / "publishconf.py") if p.is_file()]


def _builds(conn: Any, parent: int) -> None:
    """The builder's loop: `python -m plugins.build`'s arguments in, its exit status out."""
    from plugins.build import main
    from plugins.pool import die_with_parent

    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the preview's to handle
    while True:
        try:
            argv = conn.recv()
        except EOFError:
            return
        status = main(argv)
        sys.stdout.flush()
        sys.stderr.flush()
        conn.send(status)


def serve(output: Path, host: str, port: int, tries: int = TRIES
          ) -> tuple[ThreadingHTTPServer, int]:
    """Serve `output` from a daemon thread on `port`, or on the next free port when it is taken
    (another preview, another program); the server and its port. The directory is looked up
    on every request, so an atomic swap of `output/` is picked up at once."""
    output.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(QuietHandler, directory=str(output))
    for candidate in range(port, port + tries):
        try:
            server = ThreadingHTTPServer((host, candidate), handler)
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                raise
            continue
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server, candidate
    raise OSError(errno.EADDRINUSE, f"Các cổng {port}–{port + tries - 1} đều đang bận; ghi "
                                    "--port SỐ_CỔNG khác.")


def main(argv: list[str] | None = None) -> int:
    from watchfiles import watch

    p = argparse.ArgumentParser(prog="python -m plugins.serve")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--output", default=str(ROOT / "output"))
    p.add_argument("--data", default=str(ROOT / "data"))
    p.add_argument("--content", default=str(ROOT / "content"))
    args = p.parse_args(argv)
    output, data, content = (Path(a).resolve() for a in (args.output, args.data, args.content))
    rebuild = Builder()
    rebuild(output, data, content)
    try:
        server, port = serve(output, args.host, args.port)
    except OSError as exc:
        print(f"Không mở được máy chủ xem trước: {exc.strerror or exc}", file=sys.stderr)
        rebuild.stop()
        return 1
    if port != args.port:
        print(f"Cổng {args.port} đang được dùng (có thể bởi một bản xem trước khác); dùng cổng "
              f"{port}.", flush=True)
    folders = [d for d in (data, content, ROOT / "theme") if d.exists()]
    print(f"Xem trang tại http://{args.host}:{port}/ (Ctrl+C để dừng). Tự dựng lại khi "
          f"{', '.join(map(str, folders))} thay đổi.", flush=True)
    try:
        for changes in watch(*folders):
            names = sorted({Path(p).name for _, p in changes})
            print("Thay đổi: " + ", ".join(names[:5]) + (" …" if len(names) > 5 else ""),
                  flush=True)
            rebuild(output, data, content)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        rebuild.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
