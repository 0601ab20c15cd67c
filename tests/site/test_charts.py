"""Charts: what a reader sees in the rendered SVG (names, Vietnamese numbers, colours, years)."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import altair as alt
import pandas as pd
import pytest
import vl_convert as vlc

from parindex.data.portal import PERCENT, Scale
from parindex.fmt import MISSING, Printed
from parindex.site import charts
from parindex.site.charts import (
    base,
    field_means,
    group_index,
    share_card,
    unit_fields,
    unit_history,
)
from parindex.site.models import Chart

NS = "{http://www.w3.org/2000/svg}"
NAN = float("nan")

BANDS = pd.DataFrame({
    "band_id": ["nhom-1", "nhom-2", "nhom-3", "nhom-4", "nhom-5"],
    "name": ["Nhóm 1", "Nhóm 2", "Nhóm 3", "Nhóm 4", "Nhóm 5"],
    "order": [1, 2, 3, 4, 5],
})

# Part of Sóc Trăng 2023, district group (002_…), plus one agency without a number.
DISTRICTS = pd.DataFrame({
    "label": ["UBND huyện Long Phú", "UBND huyện Mỹ Xuyên", "UBND thị xã Vĩnh Châu",
              "UBND thị xã Ngã Năm", "Ban Quản lý dự án 1"],
    "index": [83.20, 83.84, 69.06, 79.59, NAN],
    "band_name": ["Nhóm 2", "Nhóm 2", "Nhóm 3", "Nhóm 3", None],
    "band_order": [2, 2, 3, 3, None],
    "rank": [2, 1, 4, 3, None],
})

FIELDS = pd.DataFrame({
    "field": ["Công tác chỉ đạo, điều hành CCHC", "Cải cách thủ tục hành chính",
              "Cải cách tài chính công",
              "Xây dựng và phát triển Chính quyền điện tử, chính quyền số"],
    "order": [1, 3, 6, 7],
    "pct": [80.64, 50.02, NAN, 95.5],
    "group_mean": [70.30, 60.0, 88.0, NAN],
})

GROUPS = ["Sở ngành", "UBND cấp huyện", "Cơ quan Trung ương"]
MEANS = pd.DataFrame([
    {"field": f, "order": o, "group": g, "mean": 60 + o + 5 * i}
    for f, o in [("Cải cách thủ tục hành chính", 3), ("Công tác chỉ đạo, điều hành CCHC", 1)]
    for i, g in enumerate(GROUPS)
] + [{"field": "Cải cách tài chính công", "order": 6, "group": "Sở ngành", "mean": NAN}])


# ---------------------------------------------------------------- reading an SVG


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # raises if the SVG is not well-formed XML


def texts(root: ET.Element) -> list[str]:
    """Every text element as drawn, its lines (tspans) joined with a space."""
    out = []
    for t in root.iter(f"{NS}text"):
        spans = t.findall(f"{NS}tspan")
        out.append(" ".join(s.text or "" for s in spans) if spans else (t.text or ""))
    return out


def squash(text: str) -> str:
    return "".join(text.split())


def shows(root: ET.Element, text: str) -> bool:
    """`text` is drawn, possibly wrapped over several lines."""
    return squash(text) in {squash(t) for t in texts(root)}


def words(root: ET.Element) -> str:
    """All the text a person can see or hear: drawn text and the accessible name."""
    return " | ".join(texts(root) + [root.get("aria-label") or ""])


def group_of(root: ET.Element, cls: str) -> list[ET.Element]:
    return [g for g in root.iter(f"{NS}g") if cls in (g.get("class") or "").split()]


def bars(root: ET.Element, layer: int = 0) -> list[tuple[float, float, str]]:
    """(vertical centre, length, fill) of every rectangle of a layer (the bars are the first;
    the group-mean ticks the second), top to bottom."""
    out = []
    for g in group_of(root, f"layer_{layer}_marks"):
        if "mark-rect" not in g.get("class"):
            continue
        for p in g.findall(f"{NS}path"):
            m = re.match(r"M[-\d.e]+,([-\d.e]+)h([-\d.e]+)v([-\d.e]+)", p.get("d"))
            out.append((float(m[1]) + float(m[3]) / 2, float(m[2]), p.get("fill")))
    return sorted(out)


def axis_labels(root: ET.Element) -> list[tuple[float, str]]:
    """(vertical position, text) of the category names on the left axis, top to bottom."""
    out = []
    for g in group_of(root, "role-axis-label"):
        for t in g.findall(f"{NS}text"):
            if t.get("text-anchor") != "end":
                continue
            y = float(re.search(r"translate\([-\d.]+,([-\d.]+)\)", t.get("transform"))[1])
            spans = t.findall(f"{NS}tspan")
            text = " ".join(s.text or "" for s in spans) if spans else (t.text or "")
            out.append((y, text))
    return sorted(out)


def bar_of(root: ET.Element, name: str) -> tuple[float, float, str] | None:
    """The bar drawn on the line of `name` (None if that line has no bar)."""
    y = next(y for y, text in axis_labels(root) if squash(text) == squash(name))
    near = [b for b in bars(root) if abs(b[0] - y) < 12]
    return near[0] if near else None


def contrast_with_white(colour: str) -> float:
    rgb = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    lum = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return 1.05 / (lum + 0.05)


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def ranking() -> ET.Element:
    return parse(base.render_svg(group_index.group_index_chart(DISTRICTS, BANDS)))


@pytest.fixture(scope="module")
def fields() -> ET.Element:
    return parse(base.render_svg(unit_fields.unit_fields_chart(FIELDS)))


@pytest.fixture(scope="module")
def means() -> ET.Element:
    return parse(base.render_svg(field_means.field_means_chart(MEANS)))


# ---------------------------------------------------------------- group ranking


def test_ranking_names_every_agency_and_prints_values_the_vietnamese_way(ranking):
    for name in DISTRICTS["label"]:
        assert shows(ranking, name), name
    for value in ["83,84%", "83,20%", "79,59%", "69,06%"]:
        assert value in texts(ranking)
    assert "83.84" not in words(ranking)
    assert "Chỉ số CCHC (%)" in texts(ranking)


def test_ranking_puts_the_best_on_top(ranking):
    order = [squash(text) for _, text in axis_labels(ranking)]
    assert order == [squash(n) for n in ["UBND huyện Mỹ Xuyên", "UBND huyện Long Phú",
                                         "UBND thị xã Ngã Năm", "UBND thị xã Vĩnh Châu",
                                         "Ban Quản lý dự án 1"]]


def test_each_bar_has_the_colour_of_its_agencys_band(ranking):
    for name, order in [("UBND huyện Mỹ Xuyên", 2), ("UBND huyện Long Phú", 2),
                        ("UBND thị xã Ngã Năm", 3), ("UBND thị xã Vĩnh Châu", 3)]:
        assert bar_of(ranking, name)[2] == base.BAND_COLORS[order - 1], name
    assert base.band_color(2) != base.band_color(3)


def test_an_agency_without_a_number_is_listed_without_a_bar(ranking):
    assert bar_of(ranking, "Ban Quản lý dự án 1") is None
    assert MISSING in texts(ranking)
    assert len(bars(ranking)) == 4


def test_legend_titled_xep_loai_lists_every_band_of_the_year(ranking):
    shown = texts(ranking)
    assert "Xếp loại" in shown
    assert all(name in shown for name in BANDS["name"])


def test_longer_bar_for_higher_index(ranking):
    assert bar_of(ranking, "UBND huyện Mỹ Xuyên")[1] > bar_of(ranking, "UBND thị xã Vĩnh Châu")[1]


def test_labels_round_half_up():
    rows = DISTRICTS.assign(index=[76.195, 83.84, 69.06, 79.59, NAN])
    root = parse(base.render_svg(group_index.group_index_chart(rows, BANDS)))
    assert "76,20%" in texts(root)


def test_a_group_without_ranks_is_ordered_by_index():
    rows = DISTRICTS.assign(rank=[None] * 5)
    root = parse(base.render_svg(group_index.group_index_chart(rows, BANDS)))
    assert squash(axis_labels(root)[0][1]) == squash("UBND huyện Mỹ Xuyên")


def test_names_from_the_data_are_escaped():
    name = "<script>alert(1)</script>"
    rows = DISTRICTS.assign(label=[name] + list(DISTRICTS["label"][1:]))
    svg = base.render_svg(group_index.group_index_chart(rows, BANDS))
    assert "<script" not in svg
    assert "&lt;script&gt;" in svg
    root = parse(svg)
    assert not list(root.iter(f"{NS}script")) and not list(root.iter("script"))
    assert shows(root, name)


def test_height_grows_with_the_number_of_agencies():
    small = parse(base.render_svg(group_index.group_index_chart(DISTRICTS.head(2), BANDS)))
    big = parse(base.render_svg(group_index.group_index_chart(DISTRICTS, BANDS)))
    assert float(big.get("height")) > float(small.get("height"))


# ---------------------------------------------------------------- one agency


def test_unit_fields_show_the_agency_against_its_group_mean(fields):
    for name in FIELDS["field"]:
        assert shows(fields, name), name
    shown = texts(fields)
    assert "80,64%" in shown and "TB 70,30%" in shown and "TB 88,00%" in shown
    assert "Đơn vị" in shown and "Trung bình nhóm" in shown
    assert "80.64" not in words(fields)


def test_unit_fields_without_a_value_do_not_crash(fields):
    assert MISSING in texts(fields)
    assert bar_of(fields, "Cải cách tài chính công") is None
    assert len(bars(fields)) == 3


def test_group_mean_is_a_dark_tick_where_known(fields):
    ticks = bars(fields, layer=1)
    assert len(ticks) == 3  # the last field has no group mean
    assert {fill for _, _, fill in ticks} == {base.MEAN_COLOR}
    assert {fill for _, _, fill in bars(fields)} == {base.UNIT_COLOR}


def test_unit_fields_are_in_field_order():
    shuffled = FIELDS.iloc[::-1]
    root = parse(base.render_svg(unit_fields.unit_fields_chart(shuffled)))
    assert squash(axis_labels(root)[0][1]) == squash("Công tác chỉ đạo, điều hành CCHC")


def test_history_prints_years_as_years_and_values_the_vietnamese_way():
    rows = pd.DataFrame({"year": [2021, 2022, 2023], "index": [79.1, NAN, 83.84]})
    root = parse(base.render_svg(unit_history.unit_history_chart(rows)))
    shown = texts(root)
    assert {"2021", "2022", "2023"} <= set(shown)
    assert not any("2.02" in t for t in shown)
    assert "83,84%" in shown and "79,10%" in shown
    assert "Chỉ số CCHC (%)" in shown
    assert "83.84" not in words(root)


def test_history_of_a_single_year_is_one_point():
    rows = pd.DataFrame({"year": [2023], "index": [83.84]})
    root = parse(base.render_svg(unit_history.unit_history_chart(rows)))
    assert "2023" in texts(root) and "83,84%" in texts(root)
    points = [p for g in group_of(root, "mark-symbol") for p in g.findall(f"{NS}path")]
    assert len(points) == 1


def test_a_long_history_labels_its_ends_and_extremes_and_every_other_year():
    years = list(range(2014, 2024))
    index = [70.0, 71.0, 90.5, 72.0, 73.0, 60.25, 74.0, 75.0, 76.0, 77.77]
    root = parse(base.render_svg(unit_history.unit_history_chart(
        pd.DataFrame({"year": years, "index": index}))))
    shown = texts(root)
    values = [t for t in shown if t.endswith("%")]
    assert sorted(values) == sorted(["70,00%", "90,50%", "60,25%", "77,77%"])  # the table
    assert [y for y in map(str, years) if y in shown] == ["2015", "2017", "2019", "2021",
                                                          "2023"]  # ends with the latest
    points = [p for g in group_of(root, "mark-symbol") for p in g.findall(f"{NS}path")]
    assert len(points) == 10  # every year is drawn


def _histories() -> list[tuple[list[dict[str, object]], Scale]]:
    """Histories of every shape a profile meets: one year, a few, ten with gaps, values next
    to 100 % and 0, a printed value, a points scale."""
    import random

    rng = random.Random(7)
    ten = [{"year": 2014 + i, "index": None if i in (3, 7) else round(rng.uniform(40, 99), 2)}
           for i in range(10)]
    points = Scale(kind="points", name="Chỉ số")
    return [([{"year": 2023, "index": 83.84}], PERCENT),
            ([{"year": 2021, "index": 87.33}, {"year": 2022, "index": None},
              {"year": 2023, "index": 80.0}], PERCENT),
            (ten, PERCENT),
            ([{"year": 2014 + i, "index": 100.0 if i % 2 else 2.5} for i in range(10)], PERCENT),
            ([{"year": 2022, "index": 99.99}, {"year": 2023, "index": Printed(97.685, 3)}],
             PERCENT),
            ([{"year": 2014 + i, "index": 640.5 + 35.25 * i} for i in range(8)], points)]


def test_a_history_drawn_in_parts_is_the_svg_vega_draws_whole():
    # the frame (axes) is drawn once for every chart of its shape, Vega draws the line and
    # points, the printed values are placed at the points: the result must be what vl-convert
    # draws from the whole spec, byte for byte
    import random

    rng = random.Random(11)
    many = [([{"year": 2000 + i, "index": None if rng.random() < 0.15
               else round(rng.uniform(0, 100), rng.choice([1, 2, 3]))}
              for i in range(rng.randint(1, 12))], PERCENT) for _ in range(40)]
    for rows, scale in _histories() + [m for m in many if any(r["index"] for r in m[0])]:
        spec = unit_history.unit_history_spec(rows, scale=scale)
        whole = vlc.vegalite_to_svg(spec, format_locale=base.LOCALE, allowed_base_urls=[])
        assert unit_history.draw(spec) == whole, rows


def test_vega_draws_a_history_without_its_axes_and_printed_values(monkeypatch):
    # what makes it fast: Vega lays out no axis and measures no text of an agency's chart
    drawn: list[dict] = []
    real = base._svg
    monkeypatch.setattr(base, "_svg", lambda spec: drawn.append(spec) or real(spec))
    for rows, scale in _histories():
        spec = unit_history.unit_history_spec(rows, scale=scale)
        unit_history.draw(spec)  # its frame, once for its shape
        drawn.clear()
        unit_history.draw(spec)
        assert len(drawn) == 1 and len(drawn[0]["layer"]) == 2
        assert all(enc["axis"] is None for enc in drawn[0]["encoding"].values())


def _placed_texts(node: ET.Element, x: float = 0, y: float = 0):
    """Every unrotated text of an SVG with where it is (its anchor), the groups' moves added."""
    moved = re.match(r"translate\(([-\d.e]+),([-\d.e]+)\)", node.get("transform") or "")
    if moved:
        x, y = x + float(moved.group(1)), y + float(moved.group(2))
    if node.tag == f"{NS}text" and "rotate" not in (node.get("transform") or ""):
        yield node.text, x, y
    for child in node:
        yield from _placed_texts(child, x, y)


def test_a_history_keeps_every_text_inside_its_picture():
    # the layout is fixed, not fitted by Vega: the room for the axis labels and the printed
    # values must be made (a text's y is its baseline; its letters rise 0,8 of its size)
    for rows, scale in _histories():
        spec = unit_history.unit_history_spec(rows, scale=scale)
        root = parse(base.render_svg(spec, validate=False, draw=unit_history.draw))
        width, height = float(root.get("width")), float(root.get("height"))
        for text, x, y in _placed_texts(root):
            half = base.text_px([text]) / 2 * 0.8  # about the real width
            assert 0 <= x - half and x + half <= width, (text, rows)
            assert 0 <= y - base.FONT_SIZE * 0.8 and y + 3 <= height, (text, rows)


def _chart(kind: str, rows: pd.DataFrame, legend: pd.DataFrame | None = None) -> Chart:
    return Chart(kind, "x", "tiêu đề", "mô tả", rows.to_dict("records"), "bang",
                 None if legend is None else legend.to_dict("records"))


EVERY_KIND = {
    "group_index": (DISTRICTS, BANDS), "unit_fields": (FIELDS, None),
    "unit_history": (pd.DataFrame({"year": [2022, 2023], "index": [NAN, 80.0]}), None),
    "field_means": (MEANS, None),
    "mean_trend": (pd.DataFrame({"series": ["A"] * 3, "year": [2021, 2022, 2023],
                                 "index": [80.0, NAN, 77.5]}), None),
    "share_card": (pd.DataFrame({"role": ["title", "subtitle"], "line": ["Chỉ số", "Cổng"]}),
                   None)}


def test_every_kind_of_chart_is_a_valid_vega_lite_spec():
    # The build skips validation (charts.spec); the specs must still be valid.
    assert set(EVERY_KIND) == set(charts.KINDS)
    for kind, (rows, legend) in EVERY_KIND.items():
        alt.Root.validate(charts.spec(_chart(kind, rows, legend)))  # raises if invalid


def test_a_chart_drawn_from_its_page_model_is_an_svg_with_its_text_alternative():
    svg = parse(charts.render(_chart("unit_history", *EVERY_KIND["unit_history"])))
    assert svg.get("aria-label") == "mô tả"


# ---------------------------------------------------------------- fields across groups


def test_field_means_one_colour_per_group_not_band_colours(means):
    fills = [fill for _, _, fill in bars(means)]
    assert len(fills) == 6  # the NaN mean has no bar
    assert set(fills) == set(base.GROUP_COLORS[:3])
    assert not set(fills) & set(base.BAND_COLORS)
    for group in GROUPS:
        assert group in texts(means)


def test_field_means_fields_in_their_order(means):
    order = [squash(text) for _, text in axis_labels(means)]
    assert order[:2] == [squash("Công tác chỉ đạo, điều hành CCHC"),
                         squash("Cải cách thủ tục hành chính")]
    assert "63,00%" in texts(means)  # order 3, first group: 60 + 3


# ---------------------------------------------------------------- rendering


def test_numbers_formatted_by_vega_use_the_vietnamese_locale():
    chart = alt.Chart(pd.DataFrame({"x": [1234.5]})).mark_text().encode(
        text=alt.Text("x:Q", format=",.1f"))
    assert "1.234,5" in texts(parse(base.render_svg(chart)))


def test_svg_names_itself_in_vietnamese(ranking):
    assert ranking.get("role") == "img"
    label = ranking.get("aria-label")
    assert label.startswith("Biểu đồ") and "UBND huyện Mỹ Xuyên (83,84%)" in label
    assert ranking.find(f"{NS}title").text == label


def test_a_given_description_is_escaped_in_the_svg():
    chart = group_index.group_index_chart(DISTRICTS, BANDS, description='Nhóm "A" <b>&</b>')
    svg = base.render_svg(chart)
    assert "<b>" not in svg
    assert parse(svg).get("aria-label") == 'Nhóm "A" <b>&</b>'


def test_default_width_fits_a_phone_and_can_be_changed():
    assert parse(base.render_svg(group_index.group_index_chart(DISTRICTS, BANDS))).get(
        "width") == "340"
    wide = group_index.group_index_chart(DISTRICTS, BANDS, width=600)
    assert parse(base.render_svg(wide)).get("width") == "600"


def test_text_uses_system_fonts_and_nothing_is_fetched(ranking):
    fonts = {t.get("font-family") for t in ranking.iter(f"{NS}text")}
    assert fonts == {base.FONT}
    svg = ET.tostring(ranking, encoding="unicode")
    assert "http://" not in svg.replace("http://www.w3.org/", "")
    assert "https://" not in svg and "@import" not in svg and "url(" not in svg


def test_png_renders_for_checking_by_eye():
    assert base.render_png(unit_fields.unit_fields_chart(FIELDS)).startswith(b"\x89PNG")


def test_the_sites_card_is_a_png_of_the_size_shared_links_ask_for():
    card = share_card.chart("Chỉ số cải cách hành chính tỉnh Lâm Viên", "Cổng công khai")
    assert [(r["role"], r["line"]) for r in card.rows] == [  # lines that fit the card
        ("title", "Chỉ số cải cách hành"), ("title", "chính tỉnh Lâm Viên"),
        ("subtitle", "Cổng công khai")]
    png = charts.render_png(card)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert png[16:24] == (1200).to_bytes(4, "big") + (630).to_bytes(4, "big")


def test_a_charts_key_is_stable_and_follows_its_inputs():
    a = charts.key(_chart("group_index", DISTRICTS, BANDS))
    assert a == charts.key(_chart("group_index", DISTRICTS, BANDS))
    assert re.fullmatch(r"[0-9a-f]{64}", a)
    changed = DISTRICTS.assign(index=[83.21, 83.84, 69.06, 79.59, NAN])
    assert charts.key(_chart("group_index", changed, BANDS)) != a
    assert charts.key(_chart("group_index", DISTRICTS, BANDS.head(2))) != a


# ---------------------------------------------------------------- colours


def test_band_colours_are_distinct_and_visible_on_white():
    assert len(base.BAND_COLORS) == 5
    assert len(set(base.BAND_COLORS)) == 5
    for colour in base.BAND_COLORS + base.GROUP_COLORS:
        assert contrast_with_white(colour) >= 3, colour


def test_band_css_gives_the_theme_the_same_colours():
    css = charts.band_css(pd.concat([BANDS, BANDS]))  # two periods with the same orders
    rules = re.findall(r"\.band-(\d+) \{ --band: (#[0-9a-f]{6}); \}", css)
    assert rules == [(str(o), base.BAND_COLORS[o - 1]) for o in range(1, 6)]


def test_contrast_helper_is_right():
    assert math.isclose(contrast_with_white("#000000"), 21)
    assert math.isclose(contrast_with_white("#ffffff"), 1)
