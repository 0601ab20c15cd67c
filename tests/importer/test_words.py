"""Names as offices type them (parindex/importer/words.py): equal keys for the same name written
with the old tone placement, abbreviations, other spacing or case; never for another name."""

import pytest

from parindex.importer.words import Names, key, name_key


@pytest.mark.parametrize(("typed", "official"), [
    ("Sở Văn hoá, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch"),
    ("Uỷ ban nhân dân huyện Mỹ Tú", "Ủy ban nhân dân huyện Mỹ Tú"),
    ("UBND Tp. Sóc Trăng", "UBND thành phố Sóc Trăng"),
    ("UBND TX. Vĩnh Châu", "UBND thị xã Vĩnh Châu"),
    ("UBND Tp.Sóc Trăng", "Ủy ban nhân dân thành phố Sóc Trăng"),
    ("BHXH tỉnh", "Bảo hiểm xã hội tỉnh"),
    ("Ban QLDA 1", "Ban Quản lý Dự án 1"),
    ("Ngân hàng Nhà nước CN tỉnh Sóc Trăng", "Ngân hàng Nhà nước Chi nhánh tỉnh Sóc Trăng"),
    ("Sở Giao thông - Vận tải", "Sở Giao thông vận tải"),
    ("Sở KH&CN", "Sở Khoa học và Công nghệ"),
    ("  SỞ  TƯ PHÁP ", "Sở Tư pháp"),
])
def test_a_name_as_typed_has_the_official_names_key(typed, official):
    assert name_key(typed) == name_key(official)


def test_other_tones_are_another_name():
    assert name_key("UBND huyện Thanh Trì") != name_key("UBND huyện Thạnh Trị")
    assert name_key("huyện Mỹ Tú") != name_key("huyện Mỹ Tụ")


def test_headers_compare_without_punctuation_or_line_breaks():
    assert key("Chỉ số (%)") == key("chỉ  số %")
    assert key("Điểm tự đánh giá\nsau thẩm định") == key("Điểm tự đánh giá sau thẩm định")
    assert key("Chỉ số (%)") != key("Chỉ số")


def test_names_find_ids_and_suggest_but_never_guess():
    names = Names([("ubnd-huyen-my-tu", ["UBND huyện Mỹ Tú", "huyện Mỹ Tú"]),
                   ("ubnd-huyen-my-xuyen", ["UBND huyện Mỹ Xuyên"])])
    assert names.find("Uỷ ban nhân dân huyện Mỹ Tú") == {"ubnd-huyen-my-tu"}
    assert names.find("UBND huyện Mỹ Tu") == set()  # one tone off: not this agency
    assert names.suggest("UBND huyện Mỹ Tu") == ("UBND huyện Mỹ Tú", "ubnd-huyen-my-tu")
    assert names.suggest("Sở Ngoại vụ") is None
    shared = Names([("a", ["Văn phòng"]), ("b", ["Văn phòng"])])
    assert shared.find("VP") == {"a", "b"}  # ambiguous: both, for the caller to report
