"""The portal's name, subtitle and publisher come from the data package (`package.portal`):
another province's portal is another `data/` folder, with no change of code or settings."""

import json
from pathlib import Path

from parindex.data.portal import Portal, portal
from tests.conftest import DATA, ROOT


def test_the_portal_is_named_by_its_descriptor():
    desc = {"title": "Dữ liệu", "description": "Mô tả",
            "portal": {"name": "Chỉ số CCHC tỉnh An Giang", "subtitle": "Cổng công khai"},
            "contributors": [{"title": "Ông A", "role": "author"},
                             {"title": "Sở Nội vụ tỉnh An Giang", "role": "publisher"}]}
    assert portal(desc) == Portal("Chỉ số CCHC tỉnh An Giang", "Cổng công khai",
                                  "Sở Nội vụ tỉnh An Giang")


def test_without_a_portal_entry_the_package_title_and_description_name_it():
    assert portal({"title": "Chỉ số CCHC thành phố Cần Thơ", "description": "Điểm các sở"}) == \
        Portal("Chỉ số CCHC thành phố Cần Thơ", "Điểm các sở", "")


PROVINCES = (  # the 63 provinces before the 2025 reorganisation; the 34 after keep these names
    "An Giang", "Bà Rịa", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre",
    "Bình Định", "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau", "Cần Thơ", "Cao Bằng",
    "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai",
    "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng", "Hậu Giang",
    "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lâm Đồng",
    "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận",
    "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị",
    "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Huế",
    "Tiền Giang", "Hồ Chí Minh", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc",
    "Yên Bái")


def test_no_province_is_written_in_code_theme_or_settings():
    own = portal(json.loads((DATA / "datapackage.json").read_text(encoding="utf-8")))
    names = {own.name, own.publisher, *PROVINCES}
    assert all(names) and len(PROVINCES) == 63
    places = [ROOT / "pelicanconf.py", ROOT / "publishconf.py", ROOT / "Makefile",
              *(p for d in ("parindex", "plugins", "theme") for p in (ROOT / d).rglob("*")
                if p.is_file() and p.suffix in (".py", ".html", ".css", ".js", ".json", ".md"))]
    found = [str(Path(p).relative_to(ROOT)) for p in places
             if any(n in p.read_text(encoding="utf-8") for n in names)]
    assert found == []


def test_a_package_without_schemas_uses_the_built_in_ones(tmp_path):
    """Editors never edit a schema: a data folder may leave `schemas/` out (or keep only the
    ones it changes) and is checked against the schemas the package ships."""
    import shutil

    from parindex.data.dataset import load

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    shutil.rmtree(data / "schemas")
    dataset, report = load(data)
    assert report.ok, str(report)
    assert dataset is not None and len(dataset.years[2023].scores) == 40
