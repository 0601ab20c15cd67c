"""The real 2023 data reproduces every number of the Sóc Trăng report (seeds/002_…).

Each expected number below is copied from the report, not from the program's output.
"""

import pytest

from parindex.data.bands import for_year
from parindex.fmt import num, pct
from parindex.scoring.stats import index_summaries

# (name as printed, max, self-assessment, staff survey, SIPAS, total, index) in printed order
DISTRICTS = [
    ("UBND huyện Mỹ Xuyên", 94.00, 51.34, 13.13, 14.34, 78.81, 83.84),
    ("UBND huyện Long Phú", 95.00, 51.31, 13.46, 14.27, 79.04, 83.20),
    ("UBND thị xã Ngã Năm", 95.50, 47.80, 13.63, 14.57, 76.01, 79.59),
    ("UBND huyện Châu Thành", 95.00, 46.15, 14.86, 13.29, 74.30, 78.21),
    ("UBND huyện Kế Sách", 94.75, 46.23, 13.83, 13.92, 73.98, 78.08),
    ("UBND huyện Thanh Trì", 95.25, 45.31, 13.78, 14.62, 73.71, 77.38),
    ("UBND huyện Cù Lao Dung", 96.00, 47.35, 13.55, 13.33, 74.24, 77.33),
    ("UBND huyện Mỹ Tú", 95.25, 46.33, 12.89, 13.87, 73.09, 76.74),
    ("UBND thành phố Sóc Trăng", 95.25, 45.61, 13.34, 11.95, 70.91, 74.44),
    ("UBND huyện Trần Đề", 94.75, 39.76, 13.56, 13.00, 66.31, 69.99),
    ("UBND thị xã Vĩnh Châu", 96.00, 39.86, 12.84, 13.59, 66.29, 69.06),
]
PUBLIC_SERVICE = [
    ("Ban Quản lý Dự án 2", 92.00, 44.86, 21.67, 14.50, 81.02, 88.07),
    ("Trường Cao đẳng Nghề Sóc Trăng", 95.00, 37.39, 19.90, 14.34, 71.63, 75.40),
    ("Ban Quản lý Dự án 1", 92.00, 30.86, 19.75, 14.50, 65.11, 70.77),
    ("Trường Cao đẳng Cộng đồng Sóc Trăng", 95.00, 34.07, 18.18, 14.76, 67.01, 70.54),
]
CENTRAL = [
    ("Công an tỉnh", 98.00, 37.25, 35.42, 15.59, 88.26, 90.06),
    ("Bảo hiểm xã hội", 99.00, 38.24, 34.37, 15.81, 88.41, 89.31),
    ("Cục Thuế tỉnh", 97.00, 34.97, 34.40, 15.78, 85.15, 87.79),
    ("Ngân hàng Nhà nước Chi nhánh tỉnh Sóc Trăng", 98.00, 27.85, 34.61, 15.83, 78.29, 79.89),
    ("Kho bạc Nhà nước", 97.00, 22.70, 35.28, 15.61, 73.59, 75.87),
    ("Chi cục Hải quan", 94.00, 20.36, 34.06, 15.86, 70.27, 74.76),
]
PRINTED = {"districts": DISTRICTS, "public service": PUBLIC_SERVICE, "central": CENTRAL}


@pytest.fixture(scope="module")
def y2023(real):
    return real.year(2023)


def agency(real_dataset, y2023, printed_name):
    """The row of an agency named as the report prints it (possibly a misspelt alias)."""
    units = real_dataset.units
    hit = units[(units["name"] == printed_name)
                | units["aliases"].fillna("").str.split("|").map(lambda a: printed_name in a)]
    assert len(hit) == 1, f"{printed_name!r} is not a name or alias of exactly one agency"
    return y2023[y2023["unit_id"] == hit["unit_id"].iloc[0]].iloc[0]


def group_of(real_dataset, y2023, table):
    gids = {agency(real_dataset, y2023, row[0])["group_id"] for row in table}
    assert len(gids) == 1
    return gids.pop()


def test_forty_agencies_in_four_groups(y2023):
    assert len(y2023) == 40
    assert sorted(y2023.groupby("group_id").size()) == [4, 6, 11, 19]


@pytest.mark.parametrize("table", PRINTED.values(), ids=PRINTED.keys())
def test_printed_totals_and_indices_within_rounding(real_dataset, y2023, table):
    for name, maximum, sa, staff, sipas, total, index in table:
        row = agency(real_dataset, y2023, name)
        assert row["max_score"] == maximum
        assert (row["self_assessment"], row["survey_staff"], row["sipas"]) == (sa, staff, sipas)
        assert row["total"] == pytest.approx(total, abs=0.01 + 1e-9), name
        assert row["index"] == pytest.approx(index, abs=0.01 + 1e-9), name


@pytest.mark.parametrize("table", PRINTED.values(), ids=PRINTED.keys())
def test_ranks_follow_the_printed_order(real_dataset, y2023, table):
    ranks = [agency(real_dataset, y2023, row[0])["rank"] for row in table]
    assert ranks == list(range(1, len(table) + 1))


def test_a_larger_total_can_rank_lower_because_maxima_differ(real_dataset, y2023):
    bhxh = agency(real_dataset, y2023, "Bảo hiểm xã hội")
    police = agency(real_dataset, y2023, "Công an tỉnh")
    assert bhxh["total"] > police["total"]
    assert (police["rank"], bhxh["rank"]) == (1, 2)


@pytest.mark.parametrize("table, mean, highest, lowest, spread", [
    (DISTRICTS, "77,08", "83,84", "69,06", "14,78"),  # the report prints 6,76 (wrong)
    (PUBLIC_SERVICE, "76,20", "88,07", "70,54", "17,53"),
    (CENTRAL, "82,95", "90,06", "74,76", "15,30"),
])
def test_group_statistics(real, real_dataset, y2023, table, mean, highest, lowest, spread):
    gid = group_of(real_dataset, y2023, table)
    s = index_summaries(y2023, list(for_year(real_dataset.bands, 2023)["band_id"]))[gid]
    assert (num(s.mean), num(s.highest), num(s.lowest), num(s.spread)) == (
        mean, highest, lowest, spread)
    assert s.highest_units == [agency(real_dataset, y2023, table[0][0])["unit_id"]]
    assert s.lowest_units == [agency(real_dataset, y2023, table[-1][0])["unit_id"]]


@pytest.mark.parametrize("table, counts", [
    (DISTRICTS, {"Nhóm 2": 2, "Nhóm 3": 9}),
    (PUBLIC_SERVICE, {"Nhóm 2": 1, "Nhóm 3": 3}),
    (CENTRAL, {"Nhóm 1": 1, "Nhóm 2": 2, "Nhóm 3": 3}),
])
def test_band_counts_per_group(real_dataset, y2023, table, counts):
    gid = group_of(real_dataset, y2023, table)
    names = real_dataset.bands.drop_duplicates("band_id").set_index("band_id")["name"]
    got = y2023[y2023["group_id"] == gid]["band_id"].map(names).value_counts().to_dict()
    assert got == counts


def test_departments_have_what_the_text_gives_and_no_invented_index(real_dataset, y2023):
    justice = agency(real_dataset, y2023, "Sở Tư pháp")
    office = agency(real_dataset, y2023, "Văn phòng UBND tỉnh")
    assert pct(justice["index_official"]) == "84,81%" and justice["band_id"] == "nhom-2"
    assert pct(office["index_official"]) == "58,89%" and office["band_id"] == "nhom-4"
    depts = y2023[y2023["group_id"] == justice["group_id"]]
    assert depts["index_official"].notna().sum() == 2
    assert depts["max_score"].isna().all() and depts["total"].isna().all()
    assert depts["rank"].isna().all()  # an incomplete group gets no computed rank
    inferred = depts["inferred"].fillna("")
    assert (depts["rank_published"].notna() <= inferred.str.contains("rank_published")).all()
    assert justice["rank_published"] == 1 and office["rank_published"] == 19


def test_year_statistics_wait_for_the_departments(real_dataset, y2023):
    s = index_summaries(y2023, list(for_year(real_dataset.bands, 2023)["band_id"]))[None]
    assert s.n == 40 and s.n_known == 23 and s.mean is None and not s.complete


def test_field_scores_of_all_forty_agencies(real, real_dataset, y2023):
    fs = real.fields[real.fields["year"] == 2023]
    assert fs["unit_id"].nunique() == 40
    per_group = fs.groupby("group_id")["field_id"].nunique().to_dict()
    depts = agency(real_dataset, y2023, "Sở Tư pháp")["group_id"]
    central = agency(real_dataset, y2023, "Công an tỉnh")["group_id"]
    public = agency(real_dataset, y2023, "Ban Quản lý Dự án 2")["group_id"]
    assert (per_group[depts], per_group[public], per_group[central]) == (8, 6, 4)


def test_field_scores_add_up_to_the_printed_total(real, real_dataset, y2023):
    fs = real.fields[real.fields["year"] == 2023].groupby("unit_id")["score"].sum()
    for name, *_rest, total, _index in DISTRICTS + PUBLIC_SERVICE + CENTRAL:
        uid = agency(real_dataset, y2023, name)["unit_id"]
        assert fs[uid] == pytest.approx(total, abs=0.02), name


def test_field_means_per_group_where_maxima_are_known(real, real_dataset, y2023):
    from parindex.scoring.stats import field_summaries

    fields = field_summaries(real.fields[real.fields["year"] == 2023])
    districts = group_of(real_dataset, y2023, DISTRICTS)
    direction = real_dataset.fields.sort_values("order")["field_id"].iloc[0]
    # Section 2.1: "nhóm UBND cấp huyện có giá trị trung bình cao nhất (70,30%)"
    assert num(fields[(districts, direction)].mean) == "70,30"
    # Section 2.1: Mỹ Xuyên highest with 80,64 %
    assert num(fields[(districts, direction)].highest) == "80,64"
    # Section 2.1: the field's mean over the 40 agencies is 63,40 % (Chi cục Hải quan's own
    # maximum of 26 is read back from its 43,04 %)
    assert num(fields[(None, direction)].mean) == "63,40"


def test_thanh_tri_is_spelt_correctly_with_the_misspelling_as_alias(real_dataset):
    units = real_dataset.units
    row = units[units["name"] == "UBND huyện Thạnh Trị"]
    assert len(row) == 1 and "UBND huyện Thanh Trì" in row["aliases"].iloc[0].split("|")


def test_innovations_and_sources(real_dataset):
    assert len(real_dataset.years[2023].innovations) == 26
    numbers = set(real_dataset.sources["number"].dropna())
    assert {"25/QĐ-UBND", "1941/QĐ-UBND", "2229/QĐ-UBND", "2120/QĐ-UBND"} <= numbers


def test_province_history_from_the_plan(real_dataset):
    ind = real_dataset.years[2021].indicators
    province = ind[ind["unit_id"].isna()].set_index("indicator_id")["value"]
    assert 85.19 in set(province) and 89.51 in set(province)
    assert 18 in set(province) and 9 in set(province)
