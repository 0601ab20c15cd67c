"""Command line: `parindex validate|score|check|package DATA_DIR`, `parindex init DIR`.

Messages are for editors, in Vietnamese; bad data never produces a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Protocol, cast

import pandas as pd

from . import scaffold
from .data import package
from .data.dataset import load
from .data.problems import Report
from .data.rules import TO_FILL
from .data.validate import PLACES
from .fmt import MISSING, as_printed, auto, num
from .scoring.compare import HEADINGS, assess
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


def cmd_validate(args: argparse.Namespace) -> int:
    _, report = load(args.data_dir)
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
          f"4. Xem trước (trong thư mục mã nguồn của cổng): make serve DATA={root / 'data'} "
          f"CONTENT={root / 'content'}")
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
