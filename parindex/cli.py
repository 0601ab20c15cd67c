"""Command line: `parindex validate|score|check|package DATA_DIR`, `parindex import WORKBOOK
--year YEAR`, `parindex init DIR`, and `parindex build|serve` (the site, as `make site|serve`).

Messages are for editors, in Vietnamese; bad data never produces a traceback. `build` and
`serve` run the project's build in a process of its own (`python -m plugins.build|serve` in the
folder this package is part of): nothing in parindex imports Pelican.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Protocol, cast

import pandas as pd

from . import importer, scaffold
from .data import package
from .data.dataset import load
from .data.problems import Report
from .data.rules import TO_FILL
from .data.validate import PLACES
from .fmt import MISSING, as_printed, auto, num
from .scoring.compare import HEADINGS, assess, refused
from .scoring.score import Results, score

RESULT_COLUMNS = ["unit_id", "name", "group_id", "max_score", "total", "index", "rank",
                  "group_size", "band_id", "total_computed", "index_computed", "rank_computed",
                  "index_change", "rank_change"]


def of_record(scores: pd.DataFrame) -> pd.DataFrame:
    """The results as the site publishes them: `total`, `index` and `rank` are the values of
    record (printed where the source prints them, else computed; a rank of an incomplete table
    as printed), beside what the portal computes from the components (`…_computed`)."""
    return scores.assign(
        total_computed=scores["total"], index_computed=scores["index"],
        rank_computed=scores["rank"],
        total=scores["total_published"].astype(float).fillna(scores["total"]),
        index=scores["index_official"],
        rank=scores["rank"].astype("Float64").fillna(
            scores["rank_published"].astype("Float64")).astype("Int64"))


class _Row(Protocol):
    """A row of the results table as `_table` reads it, missing values made None."""

    unit_id: str
    name: str | None
    group_id: str | None
    total: float | None
    index: float | None
    index_official_places: int | None
    rank: int | None
    group_size: int
    band_id: str | None


def _load(data_dir: str) -> tuple[Results | None, Report]:
    dataset, report = load(data_dir)
    return (score(dataset) if dataset is not None else None), report


def validate(data_dir: str | Path) -> Report:
    """Every problem of the data, and every printed index, rank or band the build would refuse
    to publish (a difference beyond rounding, `compare.refused`)."""
    dataset, report = load(data_dir)
    if dataset is not None:
        report.extend(refused(score(dataset)))
    return report


def cmd_validate(args: argparse.Namespace) -> int:
    report = validate(args.data_dir)
    print(str(report) if report.problems else "Dữ liệu hợp lệ: không có lỗi, không có cảnh báo.")
    return 0 if report.ok else 1


def _table(rows: Iterable[_Row]) -> str:
    headers = ["Mã đơn vị", "Đơn vị", "Nhóm", "Tổng điểm", "Chỉ số (%)", "Hạng", "Xếp loại"]
    cells = [[r.unit_id, r.name, r.group_id, num(r.total),
              num(as_printed(r.index, r.index_official_places)),
              MISSING if r.rank is None or r.rank != r.rank else f"{r.rank}/{r.group_size}",
              r.band_id or MISSING] for r in rows]
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *cells, strict=False)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    lines: list[Sequence[str | None]] = [headers, *cells]
    return "\n".join(fmt.format(*map(str, row)) for row in lines)


def cmd_score(args: argparse.Namespace) -> int:
    results, report = _load(args.data_dir)
    if results is None:
        print(report, file=sys.stderr)
        return 1
    if args.year not in results.years:
        years = ", ".join(map(str, results.years)) or "không có"
        print(f"Không có điểm của năm {args.year}. Các năm có điểm: {years}.", file=sys.stderr)
        return 1
    ordered = of_record(results.year(args.year)).sort_values(["group_id", "rank", "unit_id"])
    df = ordered[RESULT_COLUMNS]
    if args.format == "csv":
        df.to_csv(sys.stdout, index=False, float_format="%.10g")  # no float noise
    elif args.format == "json":
        records = json.loads(df.to_json(orient="records", force_ascii=False))
        json.dump(records, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        # pandas-stubs types every attribute of an itertuples row as any scalar
        shown = ordered[[*RESULT_COLUMNS, "index_official" + PLACES]]
        rows = cast(Iterator[_Row], shown.astype(object).mask(shown.isna(), None).itertuples())
        print(_table(rows))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    results, report = _load(args.data_dir)
    if results is None:
        print(report, file=sys.stderr)
        return 1
    found = assess(results)
    counts = []
    for severity, diffs in found.by_severity():
        counts.append(f"{len(diffs)} {HEADINGS[severity][0].lower()}{HEADINGS[severity][1:]}")
        if diffs:
            print(f"== {HEADINGS[severity]}: {len(diffs)} ==")
            print("\n".join(map(str, diffs)), end="\n\n")
    print(f"Tổng cộng: {'; '.join(counts)}; {auto(found.unverifiable)} số liệu công bố chưa "
          "thể đối chiếu (thiếu dữ liệu).")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    workbook, data = Path(args.workbook), Path(args.data)
    done = importer.run(workbook, args.year, data, args.source, args.overwrite)
    print("\n".join(done.log))
    if done.report.problems:
        print(done.report)
    if not done.report.ok:
        print(f"Chưa ghi gì vào {data}: sửa các lỗi trên (trong tệp Excel, hoặc units.csv, "
              "bands.csv) rồi chạy lại lệnh.", file=sys.stderr)
        return 1
    print(f"Đã ghi vào {data}: " + ", ".join(done.written) + "; đã cập nhật datapackage.json.")
    report = validate(data)
    if report.ok:
        print(f"Kiểm tra dữ liệu: {report.summary()}. Xem trước: parindex serve --data {data}")
        return 0
    print(report)
    print("Dữ liệu sau khi nhập còn lỗi (ở trên); sửa rồi chạy parindex validate.",
          file=sys.stderr)
    return 1


def _project(module: str, args: list[str]) -> int:
    """`python -m plugins.<module> ARGS` in the project this package belongs to."""
    root = Path(__file__).resolve().parents[1]
    if not (root / "plugins" / f"{module}.py").is_file():
        print(f"Không tìm thấy mã dựng trang (thư mục plugins/) cạnh {root / 'parindex'}: "
              "parindex build và parindex serve chạy trong thư mục mã nguồn của cổng "
              "(cài bằng pip install -e .).", file=sys.stderr)
        return 1
    command = [sys.executable, "-m", f"plugins.{module}", *args]
    if os.name == "posix":  # this process becomes the command: Ctrl+C and signals reach it
        os.chdir(root)
        os.execv(sys.executable, command)
    try:
        return subprocess.run(command, cwd=root, check=False).returncode
    except KeyboardInterrupt:
        return 130


def _folders(args: argparse.Namespace) -> list[str] | None:
    """--data, --content, --output as absolute paths (the build runs in the project's folder);
    None, having said why, when the data or content folder is not there."""
    out = []
    for name in ("data", "content", "output"):
        path = Path(getattr(args, name)).resolve()
        if name != "output" and not path.is_dir():
            print(f"Không có thư mục {path}: chạy lệnh trong thư mục có data/ và content/, "
                  f"hoặc ghi --{name} THƯ_MỤC.", file=sys.stderr)
            return None
        out += [f"--{name}", str(path)]
    return out


def cmd_build(args: argparse.Namespace) -> int:
    folders = _folders(args)
    if folders is None:
        return 1
    flags = [f for f, on in (("--publish", args.publish), ("--force", args.force),
                             ("-v", args.verbose)) if on]
    return _project("build", folders + flags)


def cmd_serve(args: argparse.Namespace) -> int:
    folders = _folders(args)
    if folders is None:
        return 1
    return _project("serve", folders + ["--port", str(args.port)])


def cmd_package(args: argparse.Namespace) -> int:
    path = package.write(Path(args.data_dir))
    print(f"Đã cập nhật {path}.")
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    target = Path(args.dir)
    try:
        written = scaffold.init(target, args.year)
    except scaffold.ScaffoldError as exc:
        print(exc, file=sys.stderr)
        return 1
    root = target.resolve()
    print(f"Đã tạo cổng mới trong {root} ({len(written)} tệp). Tiếp theo:\n"
          f"1. Thay mọi chỗ ghi «{TO_FILL}» trong {root / 'data' / 'datapackage.json'} và trong "
          f"các trang {root / 'content' / 'pages'}.\n"
          "2. Điền các bảng dữ liệu; dòng bắt đầu bằng # là dòng ví dụ, không được đọc. "
          f"Hướng dẫn: {root / 'content' / 'pages' / 'huong-dan-cap-nhat-du-lieu.md'}.\n"
          f"3. Kiểm tra: parindex validate {root / 'data'}\n"
          f"4. Xem trước: parindex serve --data {root / 'data'} --content {root / 'content'} "
          f"(hoặc, trong thư mục mã nguồn của cổng: make serve DATA={root / 'data'} "
          f"CONTENT={root / 'content'})")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="parindex",
                                description="Chỉ số cải cách hành chính: kiểm tra và tính điểm.")
    sub = p.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="kiểm tra dữ liệu; báo mọi lỗi cùng lúc")
    v.add_argument("data_dir")
    v.set_defaults(func=cmd_validate)
    s = sub.add_parser("score", help="kết quả tính điểm của một năm")
    s.add_argument("data_dir")
    s.add_argument("--year", type=int, required=True)
    s.add_argument("--format", choices=["table", "csv", "json"], default="table")
    s.set_defaults(func=cmd_score)
    c = sub.add_parser("check", help="đối chiếu số công bố với số tính lại")
    c.add_argument("data_dir")
    c.set_defaults(func=cmd_check)
    k = sub.add_parser("package", help="cập nhật datapackage.json theo các tệp hiện có")
    k.add_argument("data_dir")
    k.set_defaults(func=cmd_package)
    m = sub.add_parser("import", help="nhập tệp Excel kết quả của một năm vào dữ liệu")
    m.add_argument("workbook", metavar="WORKBOOK", help="tệp .xlsx kết quả Chỉ số CCHC")
    m.add_argument("--year", type=int, required=True, help="năm của kết quả")
    m.add_argument("--data", default="data", help="thư mục dữ liệu (mặc định: data)")
    m.add_argument("--source", default=None,
                   help="mã văn bản nguồn có sẵn trong sources.csv (mặc định: thêm nguồn mới "
                        "theo tiêu đề của tệp)")
    m.add_argument("--overwrite", action="store_true",
                   help="thay các bảng của năm đã có bằng bảng từ tệp Excel")
    m.set_defaults(func=cmd_import)
    for name, func, text in (("build", cmd_build, "dựng trang web vào thư mục output"),
                             ("serve", cmd_serve, "xem trước trang web, tự dựng lại khi sửa")):
        b = sub.add_parser(name, help=text)
        b.add_argument("--data", default="data", help="thư mục dữ liệu (mặc định: data)")
        b.add_argument("--content", default="content",
                       help="thư mục trang viết (mặc định: content)")
        b.add_argument("--output", default="output", help="thư mục trang web (mặc định: output)")
        b.set_defaults(func=func)
        if name == "build":
            b.add_argument("--publish", action="store_true",
                           help="cấu hình phát hành (địa chỉ tuyệt đối theo biến SITEURL)")
            b.add_argument("--force", action="store_true", help="dựng lại mọi trang")
            b.add_argument("-v", "--verbose", action="store_true", help="in từng bước")
        else:
            b.add_argument("--port", type=int, default=8000, help="cổng (mặc định 8000)")
    i = sub.add_parser("init", help="tạo một cổng mới để điền: DIR/data và DIR/content")
    i.add_argument("dir", metavar="DIR", help="thư mục chưa có hoặc trống")
    i.add_argument("--year", type=int, default=date.today().year - 1,
                   help="năm của thư mục số liệu đầu tiên (mặc định: năm trước)")
    i.set_defaults(func=cmd_init)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func  # set by each subcommand's parser
    return func(args)


if __name__ == "__main__":
    sys.exit(main())
