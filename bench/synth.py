"""A synthetic data package with the real schema, made deterministically from a seed.

Proportions follow the real 2023 data: about half the agencies in the largest group, eight
fields, three components, five bands, 0,65 innovations and a few statistics per agency-year; some
agencies stop existing part-way (as districts did in 2025) and some values are missing.
"""

from __future__ import annotations

import csv
import json
import random
import shutil
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
GROUPS = [("so-nganh", "Sở ngành", 0.45), ("huyen", "UBND cấp huyện", 0.30),
          ("su-nghiep", "Đơn vị sự nghiệp", 0.15), ("trung-uong", "Cơ quan Trung ương", 0.10)]
SYLLABLES = ["An", "Bình", "Châu", "Đông", "Giang", "Hòa", "Khánh", "Long", "Mỹ", "Ngã",
             "Phú", "Quang", "Sơn", "Tân", "Thạnh", "Trị", "Vĩnh", "Xuyên", "Đề", "Tú"]


def _write(path: Path, header: list[str], rows) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def _printed(x: float | str) -> str:
    """A score as a province prints it: with two decimals (94,00), the site shows it so."""
    return x if isinstance(x, str) else f"{x:.2f}"


def _copy_from_real(root: Path, name: str) -> None:
    shutil.copy(DATA / name, root / name)


# The real descriptor's tables, under a name that says the numbers are made up (no province's
# name, notice or publisher on a synthetic site).
IDENTITY = {
    "name": "chi-so-cchc-tong-hop",
    "title": "Chỉ số cải cách hành chính: dữ liệu tổng hợp",
    "description": "Số liệu sinh ngẫu nhiên từ một hạt giống để thử cổng; không phải số liệu "
                   "của cơ quan, đơn vị nào.",
    "portal": {"name": "Chỉ số cải cách hành chính (dữ liệu tổng hợp)",
               "subtitle": "Dữ liệu thử nghiệm, không phải số liệu công bố"},
    "contributors": [{"title": "Nhóm phát triển cổng Chỉ số CCHC", "role": "publisher"}],
}


def _descriptor(root: Path) -> None:
    real = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    (root / "datapackage.json").write_text(json.dumps({**real, **IDENTITY}, ensure_ascii=False,
                                                      indent=2), encoding="utf-8")


def make(root: Path, agencies: int, years: int, seed: int = 42, first_year: int = 2016) -> Path:
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(DATA / "schemas", root / "schemas", dirs_exist_ok=True)
    for name in ("fields.csv", "components.csv", "sources.csv"):
        _copy_from_real(root, name)
    _descriptor(root)
    with (DATA / "fields.csv").open(encoding="utf-8") as f:
        fields = [r["field_id"] for r in csv.DictReader(f)]
    source = "bc-snv-2024-chi-so-cchc-2023"
    last_year = first_year + years - 1
    _write(root / "groups.csv", ["group_id", "name", "short_name", "order", "active_from",
                                 "active_to"],
           [(g, n, n, i + 1, "", last_year - 1 if g == "huyen" and years > 2 else "")
            for i, (g, n, _) in enumerate(GROUPS)])
    _write(root / "bands.csv", ["year_from", "year_to", "band_id", "name", "order", "min_pct",
                                "min_inclusive", "max_pct", "max_inclusive"],
           [(first_year, "", "nhom-1", "Nhóm 1", 1, 90, "false", "", ""),
            (first_year, "", "nhom-2", "Nhóm 2", 2, 80, "true", 90, "true"),
            (first_year, "", "nhom-3", "Nhóm 3", 3, 65, "true", 80, "false"),
            (first_year, "", "nhom-4", "Nhóm 4", 4, 50, "true", 65, "false"),
            (first_year, "", "nhom-5", "Nhóm 5", 5, "", "", 50, "false")])
    units = []
    weights = [w for *_, w in GROUPS]
    for i in range(agencies):
        gid = rng.choices([g for g, *_ in GROUPS], weights)[0]
        name = f"{dict((g, n) for g, n, _ in GROUPS)[gid]} {rng.choice(SYLLABLES)} " \
               f"{rng.choice(SYLLABLES)} {i + 1}"
        active_to = last_year - 1 if gid == "huyen" and years > 2 else ""
        units.append((f"don-vi-{i + 1}", name, name.split(" ", 2)[-1], gid, "", "", "",
                      active_to, "", ""))
    _write(root / "units.csv", ["unit_id", "name", "short_name", "group_id", "parent_id",
                                "aliases", "active_from", "active_to", "successor_id", "note"],
           units)
    for year in range(first_year, last_year + 1):
        scores, field_rows, innovations, indicators = [], [], [], []
        for uid, _name, _short, gid, *_rest in units:
            if gid == "huyen" and years > 2 and year == last_year:
                continue
            maximum = rng.choice([92, 94, 95, 95.5, 96, 97, 98, 99])
            parts = [round(rng.uniform(20, 50), 2), round(rng.uniform(10, 25), 2),
                     round(rng.uniform(10, 16), 2)]
            if rng.random() < 0.02:  # a missing component: no index that year
                parts[rng.randrange(3)] = ""
            scores.append((uid, _printed(maximum), *map(_printed, parts), "", "", "", "", "",
                           source, ""))
            remaining = sum(p for p in parts if p != "")
            for fid in fields:
                share = round(remaining / len(fields), 2)
                field_rows.append((uid, fid, _printed(share) if rng.random() > 0.01 else "", "",
                                   source, ""))
            if rng.random() < 0.65:
                innovations.append((uid, f"Sáng kiến {uid} năm {year}",
                                    "Số hóa hồ sơ và trả kết quả trực tuyến.", "", "", source))
            for k in range(3):
                indicators.append((uid, f"chi-tieu-{k}", f"Chỉ tiêu {k}",
                                   rng.randint(0, 20000), "hồ sơ", source, ""))
        folder = root / str(year)
        _write(folder / "scores.csv", ["unit_id", "max_score", "self_assessment",
                                       "survey_staff", "sipas", "total_published",
                                       "index_published", "rank_published", "band_published",
                                       "inferred", "source_id", "note"], scores)
        _write(folder / "field_scores.csv", ["unit_id", "field_id", "score", "max_score",
                                             "source_id", "note"], field_rows)
        _write(folder / "innovations.csv", ["unit_id", "title", "summary", "field_id", "url",
                                            "source_id"], innovations)
        _write(folder / "indicators.csv", ["unit_id", "indicator_id", "name", "value", "unit",
                                           "source_id", "note"], indicators)
    from parindex.data import package

    package.write(root)
    return root
