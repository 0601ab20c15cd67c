"""Preview: `python -m plugins.serve [--data DIR] [--content DIR] [--output DIR]` (what
`make serve` runs).

Builds the site, serves `output/` on http://127.0.0.1:8000 from a thread, and rebuilds whenever
something changes in the data, the content or theme/. A build that fails (bad data, a template
error) prints why and leaves the last good site in `output/`, which keeps being served. Each
build runs in a process of its own: a build forks its workers, which a process with a server
thread must not do.
"""

from __future__ import annotations

import argparse
import functools
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from plugins.build import ROOT


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


def serve(output: Path, host: str, port: int) -> ThreadingHTTPServer:
    """Serve `output` from a daemon thread; the directory is looked up on every request, so
    an atomic swap of `output/` is picked up at once."""
    output.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(QuietHandler, directory=str(output))
    server = ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


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
    server = serve(output, args.host, args.port)
    folders = [d for d in (data, content, ROOT / "theme") if d.exists()]
    print(f"Xem trang tại http://{args.host}:{args.port}/ (Ctrl+C để dừng). Tự dựng lại khi "
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
