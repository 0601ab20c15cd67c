"""Vietnamese number display (parindex/fmt.py): comma decimals, dot thousands, half-up."""

import pytest

from parindex import fmt


@pytest.mark.parametrize("x, text", [
    (83.84, "83,84"), (76.195, "76,20"), (82.9467, "82,95"), (77.3858, "77,39"),
    (0.005, "0,01"), (2.675, "2,68"), (1234567.891, "1.234.567,89"), (-1.91, "-1,91"),
    (-0.004, "0,00"), (-0.005, "-0,01"),
])
def test_two_decimals_half_up_with_comma(x, text):
    assert fmt.num(x) == text


def test_float_noise_does_not_change_half_up():
    mean = (88.07 + 75.40 + 70.77 + 70.54) / 4  # 76.195 in decimal, not exactly in binary
    assert fmt.num(mean) == "76,20"


@pytest.mark.parametrize("x, text", [(605859, "605.859"), (1854, "1.854"), (0, "0")])
def test_integers_with_thousands_dot(x, text):
    assert fmt.integer(x) == text


def test_percent_and_missing():
    assert fmt.pct(83.84) == "83,84%"
    assert fmt.pct(float("nan")) == "chưa có số liệu"
    assert fmt.num(None) == fmt.MISSING


@pytest.mark.parametrize("x, text", [(1.234, "+1,23"), (-1.91, "−1,91"), (0.001, "0,00"),
                                     (-0.004, "0,00"), (0.005, "+0,01"), (-0.005, "−0,01"),
                                     (-76.195, "−76,20")])
def test_signed_changes(x, text):
    assert fmt.signed(x) == text


@pytest.mark.parametrize("n, text", [
    (850, "850 byte"), (1024, "1,0 KB"), (27207, "27 KB"), (9 * 1024 + 900, "9,9 KB"),
    (2_516_582, "2,4 MB"), (15 * (1 << 20), "15 MB"),
])
def test_file_size_as_a_reader_weighs_a_download(n, text):
    assert fmt.file_size(n) == text
