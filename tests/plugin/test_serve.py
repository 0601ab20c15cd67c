"""The preview (plugins/serve.py): rebuilt after a saved change to the data or the content it
was given; bad data keeps the last good preview up and shows the problem in the terminal."""

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request

from tests.conftest import ROOT, copy_real
from tests.helpers import edit, set_cell


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(check, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def test_preview_rebuilds_on_change_and_keeps_the_last_good_site(tmp_path):
    data = copy_real(tmp_path)
    content = shutil.copytree(ROOT / "content", tmp_path / "content")
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "plugins.serve", "--port", str(port), "--data", str(data),
         "--content", str(content), "--output", str(tmp_path / "output")],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(iter(proc.stdout.readline, "")),
                     daemon=True).start()
    url = f"http://127.0.0.1:{port}/don-vi/ubnd-huyen-my-xuyen/"

    def page(address: str = url) -> str:
        try:
            return urllib.request.urlopen(address, timeout=5).read().decode("utf-8")
        except OSError:
            return ""

    try:
        wait_for(lambda: "Xem trang tại" in "".join(lines))
        assert "83,84%" in page()
        edit(data / "units.csv", set_cell(21, "name", "UBND huyện Mỹ Xuyên (xem trước)"))
        wait_for(lambda: "Mỹ Xuyên (xem trước)" in page())
        about = content / "pages" / "gioi-thieu.md"  # the content given, not the project's
        about.write_text(about.read_text(encoding="utf-8") + "\nĐoạn mới (xem trước).\n",
                         encoding="utf-8")
        wait_for(lambda: "Đoạn mới (xem trước)" in page(f"http://127.0.0.1:{port}/gioi-thieu/"))
        edit(data / "2023/scores.csv", set_cell(30, "sipas", "mười bốn"))
        wait_for(lambda: "giá trị 'mười bốn'" in "".join(lines))
        wait_for(lambda: "giữ nguyên" in "".join(lines))
        assert "Mỹ Xuyên (xem trước)" in page()  # the last good preview stays up
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_a_taken_port_gives_the_next_free_one(tmp_path):
    from plugins.serve import serve

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server, used = serve(tmp_path / "output", "127.0.0.1", port)
        try:
            assert used != port and port < used <= port + 20
        finally:
            server.shutdown()
            server.server_close()


def test_parindex_serve_says_which_port_it_took(tmp_path):
    """`parindex serve` (without make) when another program holds the port."""
    data = copy_real(tmp_path)
    content = shutil.copytree(ROOT / "content", tmp_path / "content")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = subprocess.Popen(
            [sys.executable, "-m", "parindex.cli", "serve", "--port", str(port), "--data",
             str(data), "--content", str(content), "--output", str(tmp_path / "output")],
            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)})
        lines: list[str] = []
        threading.Thread(target=lambda: lines.extend(iter(proc.stdout.readline, "")),
                         daemon=True).start()
        try:
            wait_for(lambda: "Xem trang tại" in "".join(lines))
            said = "".join(lines)
            assert f"Cổng {port} đang được dùng" in said
            used = int(said.split("Xem trang tại http://127.0.0.1:")[1].split("/")[0])
            page = urllib.request.urlopen(f"http://127.0.0.1:{used}/", timeout=5).read()
            assert "Chỉ số".encode() in page
        finally:
            proc.terminate()
            proc.wait(timeout=30)
