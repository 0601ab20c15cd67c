"""Preview: `python -m plugins.serve [--data DIR] [--content DIR] [--output DIR]` (what
`make serve` runs).

Builds the site, serves `output/` on http://127.0.0.1:8000 (or the next free port, said so) from
a thread, and rebuilds whenever
something changes in the data, the content or theme/. A build that fails (bad data, a template
error) prints why and leaves the last good site in `output/`, which keeps being served. Each
build runs in a process of its own: a build forks its workers, which a process with a server
thread must not do.
"""

from __future__ import annotations

import argparse
import errno
import functools
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from plugins.build import ROOT

TRIES = 20  # ports tried from the one asked for


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        pass


def rebuild(output: Path, data: Path, content: Path) -> bool:
    """One build, in a process of its own (`python -m plugins.build`), never forked from this
    one, whose server thread is running; its messages (Vietnamese, no traceback) go to this
    terminal. On failure the last good site stays in `output`."""
    done = subprocess.run([sys.executable, "-m", "plugins.build", "--output", str(output),
                           "--data", str(data), "--content", str(content)],
                          cwd=ROOT, check=False)
    sys.stdout.flush()
    return done.returncode == 0


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
    rebuild(output, data, content)
    try:
        server, port = serve(output, args.host, args.port)
    except OSError as exc:
        print(f"Không mở được máy chủ xem trước: {exc.strerror or exc}", file=sys.stderr)
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
