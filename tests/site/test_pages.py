"""Page models (parindex/site/pages/) and Vietnamese text helpers (parindex/text.py).

A small package written inline: two groups, one complete (with a printed index that differs
from the recomputed one, and a printed statistic that is wrong) and one where the source prints
only a few indices and the ranks are inferred from a table's order.
"""

import unicodedata

import pytest

from parindex import fmt
from parindex.data.dataset import load
from parindex.scoring.score import score
from parindex.site import pages
from parindex.site.charts import group_index
from parindex.site.pages import field
from parindex.text import fold, slug, vi_sort_key
from tests.conftest import write_package

PACKAGE = {
    "groups.csv": """
group_id,name,short_name,order,active_from,active_to
so,Sở ngành,Sở,1,,
huyen,UBND cấp huyện,Huyện,2,,
""",
    "units.csv": """
unit_id,name,short_name,group_id,parent_id,aliases,active_from,active_to,successor_id,note
so-a,Sở Tư pháp,Tư pháp,so,,,,,,
so-b,Sở Tài chính,Tài chính,so,,,,,,
so-c,Sở Y tế,Y tế,so,,,,,,
h-1,UBND huyện Mỹ Xuyên,Mỹ Xuyên,huyen,,,,2024,,
h-2,UBND huyện Đồng Văn,Đồng Văn,huyen,,huyện Đồng Văn,,,,
h-3,UBND huyện Ân Thi,Ân Thi,huyen,,,,,,
""",
    "fields.csv": """
field_id,name,short_name,order
f1,Công tác chỉ đạo điều hành,Chỉ đạo,1
f2,Đánh giá tác động,Tác động,2
""",
    "components.csv": """
component_id,name,short_name,order
self_assessment,Điểm tự đánh giá,Tự đánh giá,1
survey_staff,Khảo sát CBCCVC,KS CBCCVC,2
sipas,Chỉ số SIPAS,SIPAS,3
""",
    "bands.csv": """
year_from,year_to,band_id,name,order,min_pct,min_inclusive,max_pct,max_inclusive
2023,,tot,Tốt,1,80,true,,
2023,,kha,Khá,2,65,true,80,false
2023,,tb,Trung bình,3,,,65,false
""",
    "sources.csv": """
source_id,title,number,date,issuer,url,note
bc,Báo cáo kết quả năm 2023,12/BC-SNV,2024-03-01,Sở Nội vụ,,
""",
    "2023/scores.csv": """
unit_id,max_score,self_assessment,survey_staff,sipas,total_published,index_published,rank_published,band_published,inferred,source_id,note
h-1,100,50,20,13.84,83.84,83.84,1,,,bc,
h-2,95.25,45.31,13.78,14.62,73.71,77.38,2,,,bc,"Bảng in 77,38."
h-3,96,39.86,12.84,13.59,66.29,69.06,3,,,bc,
so-a,,,,,,84.81,1,tot,rank_published|band_published,bc,Hạng suy ra.
so-b,,,,,,,2,,rank_published,bc,Hạng suy ra.
so-c,,,,,,58.89,3,tb,rank_published|band_published,bc,Hạng suy ra.
""",
    "2023/published_stats.csv": """
group_id,field_id,statistic,band_id,unit_id,value,location,source_id,note
huyen,,mean,,,76.76,Bảng,bc,
huyen,,spread,,,6.76,Đoạn văn,bc,In sai.
so,,mean,,,71.5,Đoạn văn,bc,
so,,max,,so-a,84.81,Đoạn văn,bc,
""",
    "2023/field_maxima.csv": """
group_id,field_id,max_score,inferred,source_id,note
huyen,f1,14,true,bc,
""",
    "2023/field_scores.csv": """
unit_id,field_id,score,max_score,source_id,note
h-1,f1,11.29,,bc,
h-1,f2,40,,bc,
h-2,f1,10,,bc,
h-2,f2,35,,bc,
h-3,f1,7,,bc,
h-3,f2,30,,bc,
""",
    "2023/innovations.csv": """
unit_id,title,summary,field_id,url,source_id
h-1,Chứng thực bản sao điện tử,Áp dụng tại 03 xã.,f1,,bc
h-2,Dân đến không viết,,,,bc
so-a,Zalo OA,Kênh Zalo.,,https://example.org/zalo,bc
""",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = write_package(tmp_path_factory.mktemp("pages"), PACKAGE)
    dataset, report = load(root)
    assert dataset is not None, str(report)
    return pages.site(score(dataset))


def ranking(site, group_id):
    return next(p for p in site.rankings if p.group.id == group_id)


def unit(site, unit_id):
    return next(p for p in site.units if p.unit.id == unit_id)


# ---- Vietnamese text -----------------------------------------------------------------------


def test_vietnamese_letters_sort_after_their_base_letter():
    words = ["Đồng", "Dương", "Ân", "An", "Ắt", "Bình", "Ưng", "Uông", "Ơn", "Ôn", "On", "Ê", "Ez"]
    assert sorted(words, key=vi_sort_key) == [
        "An", "Ắt", "Ân", "Bình", "Dương", "Đồng", "Ez", "Ê", "On", "Ôn", "Ơn", "Uông", "Ưng"]


def test_tones_decide_only_between_otherwise_equal_words():
    assert sorted(["ạ", "á", "ã", "ả", "à", "a"], key=vi_sort_key) == ["a", "à", "ả", "ã", "á", "ạ"]
    # the letters decide first: "ác" (a, c) comes before "an" (a, n) whatever the tone
    assert sorted(["an", "ác"], key=vi_sort_key) == ["ác", "an"]


def test_agency_names_sort_as_a_vietnamese_reader_expects():
    names = ["Sở Y tế", "Sở Tư pháp", "Văn phòng UBND tỉnh", "Sở Tài chính", "Ban Dân tộc",
             "Sở Xây dựng", "Cục Thuế tỉnh", "Chi cục Hải quan"]
    assert sorted(names, key=vi_sort_key) == [
        "Ban Dân tộc", "Chi cục Hải quan", "Cục Thuế tỉnh", "Sở Tài chính", "Sở Tư pháp",
        "Sở Xây dựng", "Sở Y tế", "Văn phòng UBND tỉnh"]


def test_sort_key_ignores_unicode_normalisation_and_extra_spaces():
    nfd = unicodedata.normalize("NFD", "Mỹ Xuyên")
    assert nfd != "Mỹ Xuyên" and vi_sort_key(nfd) == vi_sort_key("Mỹ  Xuyên")


def test_fold_and_slug_drop_diacritics_and_turn_d_stroke_into_d():
    assert fold("UBND huyện Mỹ Xuyên") == "ubnd huyen my xuyen"
    assert fold("Trần Đề") == "tran de"
    assert fold("Đồng") == "dong"
    assert slug("Sở Tư pháp – Đồng Tháp") == "so-tu-phap-dong-thap"


# ---- Ranking pages ---------------------------------------------------------------------------


def test_ranking_rows_are_in_rank_order_with_rank_of_group_size(site):
    page = ranking(site, "huyen")
    assert page.url == "chi-so/2023/huyen/"
    assert [r.unit.name for r in page.rows] == [
        "UBND huyện Mỹ Xuyên", "UBND huyện Đồng Văn", "UBND huyện Ân Thi"]
    assert [r.rank_text for r in page.rows] == ["1/3", "2/3", "3/3"]
    assert [fmt.pct(r.index.value) for r in page.rows] == ["83,84%", "77,38%", "69,06%"]
    assert page.rows[0].band.name == "Tốt" and page.rows[1].band.name == "Khá"


def test_a_printed_index_within_the_rounding_of_its_inputs_has_no_footnote(site):
    page = ranking(site, "huyen")
    row = page.rows[1]  # printed 77,38; 73,71 / 95,25 = 77,3858… rounds to 77,39, but the
    # components 45,31 + 13,78 + 14,62 stand for 73,695–73,725: 77,370–77,402 %, 77,38 within
    assert row.index.value == 77.38 and row.index.origin == "published"
    assert row.index.note is None
    assert not [n for n in page.notes if "77,39" in n]
    assert page.rows[0].index.note is None  # 83,84 recomputes to 83,84: nothing to say


def test_the_source_note_of_a_row_is_a_footnote(site):
    page = ranking(site, "huyen")
    assert page.notes[page.rows[1].note - 1] == "Bảng in 77,38."


def test_a_wrong_printed_statistic_is_quoted_beside_the_one_the_table_gives(site):
    page = ranking(site, "huyen")
    stats = page.stats
    # the table shows 83,84 and 69,06: the spread is 14,78; the source's 6,76 is quoted
    assert fmt.num(stats.spread.value) == "14,78" and stats.spread.origin == "computed"
    assert stats.spread.printed == "văn bản nguồn in 6,76"
    assert "6,76 (Đoạn văn)" in page.notes[stats.spread.note - 1]
    # (83,84 + 77,38 + 69,06) / 3 = 76,76, as printed: nothing to say
    assert fmt.pct(stats.mean.value) == "76,76%" and stats.mean.note is None
    assert not stats.mean.printed


def test_group_without_printed_indices_shows_inferred_ranks_and_only_known_columns(site):
    page = ranking(site, "so")
    assert page.inferred
    assert [(r.unit.name, r.rank, r.rank_inferred) for r in page.rows] == [
        ("Sở Tư pháp", 1, True), ("Sở Tài chính", 2, True), ("Sở Y tế", 3, True)]
    assert page.columns == []  # no maximum, component, total or change for this group
    assert page.rows[1].index.value is None and page.rows[1].band is None
    assert page.rows[2].band.name == "Trung bình"
    assert page.stats.mean.value == 71.5 and page.stats.mean.origin == "published"
    assert [u.name for u in page.stats.highest.units] == ["Sở Tư pháp"]
    assert "2/3" not in page.lead  # said once, in the notice at the top
    assert "chỉ in chỉ số CCHC của 2 trên 3 đơn vị" in page.notice
    assert "(suy ra)" in page.notice


def test_the_chart_of_a_group_with_few_printed_indices_has_only_their_bars(site):
    """Sở Tài chính has no printed index: no empty bar for it (the table says so)."""
    (chart,) = ranking(site, "so").charts
    assert [(r["label"], r["index"]) for r in chart.rows] == [("Tư pháp", 84.81),
                                                             ("Y tế", 58.89)]
    assert "chưa có số liệu" not in chart.alt


def test_every_known_index_is_in_the_ranking_chart_and_its_csv(site):
    page = ranking(site, "huyen")
    (chart,) = page.charts
    assert chart.kind == "group_index" and chart.table_id == "bang-xep-hang"
    assert [(r["label"], r["index"], r["band_name"]) for r in chart.rows] == [
        ("Mỹ Xuyên", 83.84, "Tốt"), ("Đồng Văn", 77.38, "Khá"), ("Ân Thi", 69.06, "Khá")]
    assert "83,84%" in chart.alt


# ---- Agency profiles -------------------------------------------------------------------------


def test_profile_has_index_rank_band_components_and_fields_against_group_mean(site):
    page = unit(site, "h-1")
    latest = page.latest.row
    assert (fmt.pct(latest.index.value), latest.rank_text, latest.band.name) == (
        "83,84%", "1/3", "Tốt")
    assert latest.components == [50.0, 20.0, 13.84]
    assert [(f.field.id, f.score) for f in page.fields] == [("f1", 11.29), ("f2", 40.0)]
    f1, f2 = page.fields
    assert fmt.pct(f1.pct) == "80,64%"  # 11,29 / 14
    assert fmt.pct(f1.group_mean.value) == fmt.pct((11.29 + 10 + 7) / 42 * 100)
    assert f2.pct is None and f2.group_mean.value is None  # no field maximum: no percentage
    assert page.active == "hoạt động đến năm 2024"
    assert {c.kind for c in page.charts} == {"unit_fields", "unit_history"}


def test_profile_of_an_agency_without_a_printed_index_says_so(site):
    page = unit(site, "so-b")
    row = page.latest.row
    assert row.index.value is None and row.total.value is None
    assert row.rank_text == "2/3" and row.rank_inferred
    assert "không in chỉ số" in page.lead
    assert not [c for c in page.charts if c.kind == "unit_history"]


def test_profile_lists_the_agencys_innovations_and_sources(site):
    page = unit(site, "so-a")
    assert [i.title for i in page.innovations] == ["Zalo OA"]
    assert page.innovations[0].url == "https://example.org/zalo"
    assert [s.citation for s in page.sources] == [
        "Báo cáo kết quả năm 2023, số 12/BC-SNV, ngày 01/03/2024, Sở Nội vụ"]


def test_search_terms_hold_the_folded_names_and_aliases(site):
    # name, short name, aliases
    assert unit(site, "h-2").search_terms == "ubnd huyen dong van dong van huyen dong van"


# ---- Directory, innovations, year, downloads --------------------------------------------------


def test_directory_is_in_vietnamese_alphabetical_order(site):
    assert [e.unit.name for e in site.directory.entries] == [
        "Sở Tài chính", "Sở Tư pháp", "Sở Y tế", "UBND huyện Ân Thi", "UBND huyện Đồng Văn",
        "UBND huyện Mỹ Xuyên"]


def test_innovations_by_year_agency_and_field(site):
    all_years = site.innovations[0]
    assert all_years.url == "sang-kien/" and len(all_years.items) == 3
    assert [u.name for u, _ in all_years.by_unit] == [
        "Sở Tư pháp", "UBND huyện Đồng Văn", "UBND huyện Mỹ Xuyên"]
    assert [(f.id, [i.title for i in items]) for f, items in all_years.by_field] == [
        ("f1", ["Chứng thực bản sao điện tử"])]
    assert all_years.no_field == 2
    assert [p.url for p in site.innovations[1:]] == ["sang-kien/2023/"]
    assert [(y.year, y.n) for y in all_years.by_year] == [(2023, 3)]
    assert [(link.label, link.current) for link in site.innovations[1].year_links] == [
        ("2023", True)]  # beside a link to every year's page
    assert site.innovations[1].all_link.url == "sang-kien/"


def test_year_overview_has_group_and_field_means(site):
    (year,) = site.years
    assert [g.group.id for g in year.groups] == ["so", "huyen"]
    assert [fmt.pct(g.mean.value) for g in year.groups] == ["71,5%", "76,76%"]  # 71,5 as printed
    f1 = year.fields[0]
    assert f1.field.url == "chi-so/2023/linh-vuc/f1/"
    assert f1.group_means[0].value is None and f1.group_means[1].value is not None
    assert year.charts and year.charts[0].kind == "field_means"
    assert year.year_links == []  # one year: no links between years
    assert (year.csv_url, year.json_url) == ("du-lieu/2023/ket-qua.csv",
                                             "du-lieu/2023/ket-qua.json")
    assert year.innovations_url == "sang-kien/2023/"


def test_downloads_have_stable_urls(site):
    (year, files), = site.downloads.years
    urls = [d.url for _, group in files for d in group]
    assert "du-lieu/2023/ket-qua.csv" in urls and "du-lieu/2023/ket-qua.json" in urls
    assert site.downloads.package_zip.url == "du-lieu/chi-so-cchc-du-lieu.zip"


def test_every_page_has_a_unique_url(site):
    urls = [p.url for p in site.pages()]
    assert len(urls) == len(set(urls))
    assert len(site.units) == 6


def test_a_group_too_large_for_one_bar_per_agency_gets_no_bar_chart(site):
    page = ranking(site, "huyen")
    rows, group, year = page.rows, page.group, page.year
    assert group_index.chart(rows, group, year, []) is not None
    many = (rows * (group_index.MAX_BARS // len(rows) + 1))[:group_index.MAX_BARS + 1]
    assert group_index.chart(many, group, year, []) is None


# ---- Scale --------------------------------------------------------------------------------------

def test_the_plan_lists_every_page_once_without_building_it(tmp_path):
    from bench import synth

    ds, _ = load(synth.make(tmp_path / "data", 60, 3))
    results = score(ds)
    planned = pages.plan(results)
    assert [p.kind for p in planned[:2]] == ["home", "years_index"]
    assert [p.build().url for p in planned[:2]] == ["", "chi-so/"]
    urls = [p.url for p in pages.site(results).pages()]
    assert len(urls) == len(set(urls)) == len(planned)


def test_a_field_page_shows_the_ends_of_a_large_group_and_all_of_a_small_one(tmp_path):
    from bench import synth

    ds, _ = load(synth.make(tmp_path / "data", 500, 1))
    results = score(ds)
    page = pages.site(results).fields[0]
    sizes = {g.group.id: (g.total, len(g.rows)) for g in page.groups}
    large = next(g for g in page.groups if g.total > field.FIELD_TABLE_MAX)
    f = results.fields
    f = f[(f["field_id"] == page.field.id) & (f["group_id"] == large.group.id)]
    # synthetic fields have no maximum, so no percentage: the order is by score
    scores = sorted(f["score"].dropna(), reverse=True)
    assert large.total == len(f) > field.FIELD_TABLE_MAX
    ends = field.FIELD_TABLE_ENDS
    assert [r.score for r in large.rows[:ends]] == scores[:ends]  # the highest
    in_order = scores + [None] * (len(f) - len(scores))  # no score: last
    assert [r.score for r in large.rows[ends:]] == in_order[-ends:]  # and the lowest
    small = [g for g in page.groups if g.total <= field.FIELD_TABLE_MAX]
    assert small and all(g.total == len(g.rows) for g in small), sizes
    assert large.ends == ends and all(g.ends == 0 for g in small)  # what the table says
    assert not any(g.by_pct for g in page.groups)  # so the score column is the sorted one
    assert page.csv_url == f"du-lieu/{page.year}/linh-vuc.csv"


def test_too_many_innovations_for_one_page_are_counted_there_and_listed_by_year(tmp_path):
    from bench import synth

    ds, _ = load(synth.make(tmp_path / "data", 500, 4))
    pages_ = pages.site(score(ds)).innovations
    everything, years = pages_[0], pages_[1:]
    total = sum(len(p.items) for p in years)
    assert total > pages.INNOVATIONS_LISTED
    assert everything.year is None and not everything.listed and everything.items == []
    assert [(c.year, c.n) for c in everything.counts] == [
        (p.year, len(p.items)) for p in years]  # latest first
    assert [c.url for c in everything.counts] == [p.url for p in years]
    assert fmt.integer(total) in everything.lead
    assert all(p.listed and p.items for p in years)


def test_a_recomputed_value_is_footnoted_with_the_decimals_of_the_printed_one(three_decimals):
    # printed 93,458 for Sở Nội vụ; 88,785 / 95 = 93,4579: printed 93,468 differs at 3 decimals
    root = three_decimals("2024/scores.csv", "93,458;2", "93,468;2")
    dataset, report = load(root)
    assert dataset is not None, str(report)
    page = ranking(pages.site(score(dataset)), "so")
    row = next(r for r in page.rows if r.unit.id == "so-noi-vu")
    assert fmt.pct(row.index.value) == "93,468%"
    note = page.notes[row.index.note - 1]
    assert note.endswith("chỉ số tính lại từ số liệu chi tiết là 93,458%.")


def test_a_profile_shows_its_latest_year_beside_its_groups_mean_and_highest(site):
    h2 = unit(site, "h-2").peers
    index, f1 = h2.rows  # f2 has no maximum: no percentage for anyone, no line
    assert (h2.year, h2.group.id) == (2023, "huyen")
    # (83,84 + 77,38 + 69,06) / 3 = 76,76: the printed mean, the same number
    assert (fmt.pct(index.own.value), fmt.pct(index.mean.value)) == ("77,38%", "76,76%")
    assert (fmt.pct(index.best.value.value), [u.id for u in index.best.units]) == (
        "83,84%", ["h-1"])
    # 10 / 14 = 71,43%; (11,29 + 10 + 7) / 42 = 67,36%; the highest 11,29 / 14 = 80,64%
    assert (f1.label, fmt.pct(f1.own.value), fmt.pct(f1.mean.value),
            fmt.pct(f1.best.value.value)) == ("Công tác chỉ đạo điều hành", "71,43%",
                                              "67,36%", "80,64%")
    # a group whose table prints few indices: its printed mean and highest, as printed
    so_b = unit(site, "so-b").peers.rows
    assert [(r.own.value, r.mean.value, r.best.value.value, r.best.units) for r in so_b] == [
        (None, 71.5, 84.81, (unit(site, "so-a").unit,))]
    assert unit(site, "h-2").compare.url == "so-sanh/?don-vi=h-2"


def test_the_compare_page_offers_every_scored_agency_by_group(site):
    page = site.compare
    assert [(c.group.id, [u.id for u in c.units]) for c in page.choices] == [
        ("so", ["so-b", "so-a", "so-c"]), ("huyen", ["h-3", "h-2", "h-1"])]  # Ân < Đồng < Mỹ
    assert page.years == [2023] and page.most == 4
    assert page.api_unit.replace("{unit_id}", "h-1") == "api/v1/agencies/h-1.json"
    assert ranking(site, "huyen").compare.url == "so-sanh/?don-vi=h-1,h-2,h-3"
    assert ranking(site, "so").compare.url == "so-sanh/?don-vi=so-a,so-c"  # those with an index
