"""parindex.i18n: Vietnamese text that English pages say in English, and the English catalog,
which must translate every message the templates and the code use."""

from __future__ import annotations

import pickle
import re
from datetime import date
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from markupsafe import escape

from parindex import fmt
from parindex.i18n import LOCALE_DIR, Day, Num, catalog, join, name, say, speaking, t

ROOT = Path(__file__).resolve().parents[1]
PO = LOCALE_DIR / "en" / "LC_MESSAGES" / "messages.po"


def test_a_message_is_its_vietnamese_text_and_says_itself_in_english():
    lead = t("{name} thuộc nhóm {group}. Năm {year}, {index} là {value}", name="Sở Tư pháp",
             group=name("Sở, ban, ngành tỉnh", "Provincial departments"), year=2023,
             index=t("chỉ số CCHC"), value=Num("pct", 83.84))
    vi = "Sở Tư pháp thuộc nhóm Sở, ban, ngành tỉnh. Năm 2023, chỉ số CCHC là 83,84%"
    assert lead == vi  # a str: the Vietnamese site, the API and the tests read it as before
    en = "Sở Tư pháp belongs to the group Provincial departments. In 2023, its PAR Index is 83.84%"
    assert say(lead, "en") == en
    with speaking("en"):  # how Jinja and the theme's filters print it
        assert str(escape(lead)) == en
    assert str(escape(lead)) == vi


def test_a_name_keeps_its_vietnamese_where_the_data_gives_no_english_one():
    assert name("UBND cấp huyện", "") == "UBND cấp huyện"
    group = name("UBND cấp huyện", "District People's Committees")
    assert group == "UBND cấp huyện"
    assert say(group, "en") == "District People's Committees"
    assert say(join([group, "Sở Tư pháp"]), "en") == "District People's Committees, Sở Tư pháp"


def test_numbers_and_dates_in_english():
    assert fmt.num(83.84, locale="en") == "83.84" and fmt.num(83.84) == "83,84"
    assert fmt.integer(1234, locale="en") == "1,234" and fmt.integer(1234) == "1.234"
    assert fmt.date(date(2022, 5, 10), "en") == "10 May 2022"
    assert fmt.date(date(2022, 5, 10)) == "10/05/2022"
    assert fmt.num(None, locale="en") == "no data"
    assert say(t("ngày {date}", date=Day(date(2022, 5, 10))), "en") == "10 May 2022"


def test_a_text_survives_the_worker_pool_and_the_store():
    lead = t("Năm {year} chưa có số liệu.", year=2024)
    again = pickle.loads(pickle.dumps(lead))
    assert again == lead and say(again, "en") == say(lead, "en") == "No data yet for 2024."


def _used() -> set[str]:
    """Every message of the templates and the code, as `make messages` extracts them."""
    method_map = [("parindex/**.py", "python"), ("plugins/**.py", "python"),
                  ("theme/templates/**.html", "jinja2")]
    options = {"theme/templates/**.html": {"extensions": "jinja2.ext.i18n",
                                           "trim_blocks": "True", "lstrip_blocks": "True"}}
    found = extract_from_dir(str(ROOT), method_map, options, keywords={"t": None, "_": None})
    return {m for _, _, m, _, _ in found if isinstance(m, str) and m}


def test_every_message_used_has_an_english_translation():
    with PO.open("rb") as f:
        po = {m.id: m.string for m in read_po(f) if m.id}
    used = _used()
    assert sorted(used - set(po)) == [], "run `make messages` and translate the new messages"
    assert sorted(m for m in used if not po[m]) == []
    unused = set(po) - used
    assert sorted(unused) == [], "messages no template or code uses any more"


def test_a_translation_keeps_every_placeholder_of_its_message():
    with PO.open("rb") as f:
        for m in read_po(f):
            if m.id:
                marks = re.compile(r"\{\w+\}|%\(\w+\)s")
                assert set(marks.findall(m.id)) == set(marks.findall(m.string)), m.id


def test_the_catalog_is_compiled_from_the_po_a_fresh_clone_has():
    assert not list(LOCALE_DIR.rglob("*.mo"))  # nothing compiled to commit or to forget
    assert catalog("en").gettext("Trang chủ") == "Home"


def test_a_band_is_shown_with_its_own_english_name_whatever_was_shown_before():
    """Two sites built in one process (a province's, then another's) may name a band alike in
    Vietnamese and differently in English: a Text equals its Vietnamese alone, so a cache keyed
    by it showed the first site's English name on the second's pages."""
    from parindex.site.models import Band
    from plugins.filters import band

    with speaking("en"):
        assert "Band 1" in band(Band("nhom-1", name("Nhóm 1", "Band 1"), 1))
        assert "Nhóm 1" in band(Band("nhom-1", name("Nhóm 1", ""), 1))
        assert "Band 1" not in band(Band("nhom-1", name("Nhóm 1", ""), 1))
