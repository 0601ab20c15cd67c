"""Vietnamese text: alphabetical order, ASCII folding for search, slugs.

Sorting needs no ICU: Vietnamese order is the Latin order with ă, â after a, đ after d, ê after
e, ô, ơ after o and ư after u; tones only decide between words that are otherwise equal, in the
order no tone, huyền, hỏi, ngã, sắc, nặng (as CLDR's Vietnamese collation has it).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from slugify import slugify

ALPHABET = " 0123456789aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
RANK = {c: i for i, c in enumerate(ALPHABET)}
# Tone marks in sorting order (no tone = 0); other marks make another letter (_COMBINED).
TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_COMBINED = {("a", "\u0306"): "ă", ("a", "\u0302"): "â", ("e", "\u0302"): "ê",
             ("o", "\u0302"): "ô", ("o", "\u031b"): "ơ", ("u", "\u031b"): "ư"}
# Letter ranks, tones, and whether each letter is lower case: compared in that order.
SortKey = tuple[tuple[int, ...], tuple[int, ...], tuple[bool, ...]]


def _letters(text: str) -> list[tuple[str, int, bool]]:
    """(base letter, tone, is upper case) per letter, from the decomposed text."""
    out: list[tuple[str, int, bool]] = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch) and out:
            base, tone, upper = out[-1]
            if ch in TONES:
                out[-1] = (base, TONES[ch], upper)
            else:
                out[-1] = (_COMBINED.get((base, ch), base), tone, upper)
            continue
        low = ch.lower()
        out.append((low, 0, ch != low))
    return out


@lru_cache(maxsize=1 << 16)
def vi_sort_key(text: str | None) -> SortKey:
    """Key that sorts Vietnamese names alphabetically: letters first, then tones, then case.

    >>> sorted(["Đồng", "Dương", "Ân", "An", "Ắt"], key=vi_sort_key)
    ['An', 'Ắt', 'Ân', 'Dương', 'Đồng']
    """
    letters = _letters(" ".join((text or "").split()))
    primary = tuple(RANK.get(b, len(RANK) + ord(b)) for b, _, _ in letters)
    return (primary, tuple(t for _, t, _ in letters), tuple(not u for _, _, u in letters))


@lru_cache(maxsize=1 << 17)  # the same names are folded for many pages
def fold(text: str | None) -> str:
    """Lower-case ASCII words for search: 'Mỹ Xuyên' → 'my xuyen', 'Đồng' → 'dong'."""
    return slugify(text or "", separator=" ")


def slug(text: str) -> str:
    """URL slug without diacritics: 'Sở Tư pháp' → 'so-tu-phap', Đ → d."""
    return slugify(text)
