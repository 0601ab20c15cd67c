"""Sentences of the pages (parindex/site/narrative.py): the source's words and decimals kept."""

from __future__ import annotations

from parindex.data.portal import PERCENT
from parindex.fmt import Printed
from parindex.i18n import say
from parindex.site.models import Value
from parindex.site.narrative import change_text


def test_a_printed_change_keeps_the_source_s_words_and_decimals():
    assert say(change_text(Value(Printed(-1.91, 2), "published"), PERCENT), "vi") == \
        "giảm 1,91% so với năm trước (theo văn bản nguồn)"
    # printed with one decimal, shown with one: no digit the source did not print
    assert say(change_text(Value(Printed(1.5, 1), "published"), PERCENT), "vi") == \
        "tăng 1,5% so với năm trước (theo văn bản nguồn)"


def test_a_computed_change_is_in_percentage_points_with_two_decimals():
    assert say(change_text(Value(-4.0, "computed"), PERCENT), "vi") == \
        "giảm 4,00 điểm phần trăm so với năm trước"
