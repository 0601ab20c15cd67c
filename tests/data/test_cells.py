"""Reading cells (parindex/data/cells.py): numbers as editors type them, never guessed."""

import pandas as pd
import pytest

from parindex.data import cells


def numbers(*texts):
    values, status, _ = cells.parse_numbers(pd.Series(texts))
    return [None if s else v for v, s in zip(values, status, strict=True)], list(status)


@pytest.mark.parametrize("column, expected", [
    (["83.84", "94"], [83.84, 94]),
    (["83,84", "94"], [83.84, 94]),
    (["1.234,5", "2,5"], [1234.5, 2.5]),
    (["1,234.5", "2.5"], [1234.5, 2.5]),
    (["605.859", "83,84"], [605859, 83.84]),  # the comma decimal says dots are thousands
    (["1.234", "83.84"], [1.234, 83.84]),  # the point decimal says the dot is a decimal point
    (["1.234.567"], [1234567]),
    (["", "-3"], [float("nan"), -3]),
])
def test_numbers_in_either_convention(column, expected):
    values, status = numbers(*column)
    assert status == [""] * len(column)
    assert values == pytest.approx(expected, nan_ok=True)


@pytest.mark.parametrize("column", [["605.859"], ["1,234"], ["605.859", "1,5", "2.5"]])
def test_a_value_readable_two_ways_is_rejected(column):
    _, status = numbers(*column)
    assert status[0] == "ambiguous"


@pytest.mark.parametrize("text", ["abc", "83,84%", "1 234", "1,2,3", "--1"])
def test_text_is_not_a_number(text):
    _, status = numbers(text)
    assert status == ["invalid"]


def test_integers_reject_fractions():
    values, status, _ = cells.parse_integers(pd.Series(["3", "2.5", ""]))
    assert list(status) == ["", "invalid", ""] and values.iloc[0] == 3


def test_dates_iso_and_vietnamese():
    values, status, _ = cells.parse_dates(pd.Series(["2024-01-08", "08/01/2024", "31/02/2024"]))
    assert str(values[0]) == str(values[1]) == "2024-01-08"
    assert list(status) == ["", "", "invalid"]


@pytest.mark.parametrize("url, bad", [
    ("https://sipas.soctrang.gov.vn/", False), ("http://a.vn/x?y=1", False), ("", False),
    ("javascript:alert(1)", True), ("data:text/html,<b>x</b>", True), ("JaVaScRiPt:x", True),
    ("https://a.vn/\"><img onerror=x>", True),
])
def test_only_plain_web_addresses_are_urls(url, bad):
    assert cells.unsafe_urls(pd.Series([url])).iloc[0] == bad


def test_each_number_keeps_the_decimals_it_is_written_with():
    values, status, places = cells.parse_numbers(pd.Series(["97,685", "7,00", "9,7", "84", ""]),
                                                 ",", ".")
    assert list(status) == [""] * 5
    assert list(values[:4]) == pytest.approx([97.685, 7, 9.7, 84])
    assert list(places[:4]) == [3, 2, 1, 0] and pd.isna(places[4])


@pytest.mark.parametrize("decimal, group, text, expected", [
    (",", ".", "97,685", 97.685), (",", ".", "1.234,5", 1234.5), (",", ".", "605.859", 605859),
    (".", "", "97.685", 97.685), (".", ",", "1,234.5", 1234.5), ("", ".", "1.234", 1234),
])
def test_declared_signs_read_every_value_one_way(decimal, group, text, expected):
    values, status, _ = cells.parse_numbers(pd.Series([text]), decimal, group)
    assert list(status) == [""] and values[0] == pytest.approx(expected)


@pytest.mark.parametrize("decimal, group, text", [
    (",", ".", "1,234.5"), (",", ".", "1.23,4"), (".", "", "1,234"), (",", "", "1.234,5")])
def test_a_value_not_written_as_declared_is_not_a_number(decimal, group, text):
    _, status, _ = cells.parse_numbers(pd.Series([text]), decimal, group)
    assert list(status) == ["invalid"]


def test_the_two_readings_of_an_ambiguous_value():
    decimal, places, thousands = cells.readings(pd.Series(["97,685", "1.234"]))
    assert list(decimal) == [97.685, 1.234] and list(places) == [3, 3]
    assert list(thousands) == [97685, 1234]
