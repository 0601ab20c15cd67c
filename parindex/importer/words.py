"""Vietnamese words as offices type them, made comparable: headers, agency names, band names.

Two texts name the same thing when their keys are equal. A key is the text in lower case with
its punctuation and spacing made plain, and with each syllable's tone kept apart from its letters,
so that the old and the new tone placement agree ("hoá" and "hóa", "Uỷ" and "Ủy") while
different tones stay different ("Thanh Trì" is not "Thạnh Trị"). Agency names also have the
usual administrative abbreviations written out ("UBND", "Tp.", "TX.", "BHXH", "CN", …): general
Vietnamese, no place name. Nothing here guesses: a name that has no equal key is not matched,
and `suggest` only proposes.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping

from ..text import fold

TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng as combining marks
TONE_DIGIT = {mark: str(i) for i, mark in enumerate(TONES, start=1)}
# Abbreviations of agency names (after lower-casing; a trailing dot is dropped first).
ABBREVIATIONS: Mapping[str, str] = {
    "ubnd": "ủy ban nhân dân", "hđnd": "hội đồng nhân dân", "tp": "thành phố",
    "tx": "thị xã", "bhxh": "bảo hiểm xã hội", "cn": "chi nhánh",
    "nhnn": "ngân hàng nhà nước", "kbnn": "kho bạc nhà nước", "qlda": "quản lý dự án",
    "bql": "ban quản lý", "bqlda": "ban quản lý dự án", "kcn": "khu công nghiệp",
    "cđ": "cao đẳng", "vp": "văn phòng", "gtvt": "giao thông vận tải",
    "ptnt": "phát triển nông thôn", "nn&ptnt": "nông nghiệp và phát triển nông thôn",
    "kh&cn": "khoa học và công nghệ", "khcn": "khoa học và công nghệ",
    "gd&đt": "giáo dục và đào tạo", "gdđt": "giáo dục và đào tạo",
    "lđ-tb&xh": "lao động thương binh và xã hội", "lđtbxh": "lao động thương binh và xã hội",
    "tn&mt": "tài nguyên và môi trường", "tnmt": "tài nguyên và môi trường",
    "tt&tt": "thông tin và truyền thông", "tttt": "thông tin và truyền thông",
    "kh&đt": "kế hoạch và đầu tư", "khđt": "kế hoạch và đầu tư",
    "vh-tt&dl": "văn hóa thể thao và du lịch", "vhttdl": "văn hóa thể thao và du lịch",
    "cchc": "cải cách hành chính", "cbccvc": "cán bộ công chức viên chức",
    "tthc": "thủ tục hành chính", "vbqppl": "văn bản quy phạm pháp luật",
    "kt-xh": "kinh tế xã hội", "ktxh": "kinh tế xã hội", "cqđt": "chính quyền điện tử",
}

_PUNCT = re.compile(r"[^\w%]+")  # anything but letters, digits, "_" and "%" separates words
NUMBERING = re.compile(r"^\s*(?:[IVXLC]+|\d+|[A-Z])\s*[.)/:-]\s+")  # "I. ", "2) ", "A - "


def _syllable(word: str) -> str:
    """A word with its tone mark taken off its letters and written after them: "hoá" and
    "hóa" are both "hoa" + sắc."""
    tone = ""
    letters = []
    for ch in unicodedata.normalize("NFD", word):
        if ch in TONE_DIGIT:
            tone = TONE_DIGIT[ch]
        else:
            letters.append(ch)
    return unicodedata.normalize("NFC", "".join(letters)) + tone


def key(text: object) -> str:
    """A header or a band name made comparable: lower case, punctuation and spacing plain,
    tones apart ("Chỉ số (%)" and "chỉ  số %" are equal)."""
    plain = _PUNCT.sub(" ", unicodedata.normalize("NFC", str(text)).casefold())
    return " ".join(_syllable(w) for w in plain.split())


_AND, _TINH = key("và"), key("tỉnh")  # a conjunction names drop or keep; "province"


def unnumbered(text: str) -> str:
    """A heading without its numbering ("I. SỞ, BAN, NGÀNH" → "SỞ, BAN, NGÀNH")."""
    return NUMBERING.sub("", text, count=1)


def name_key(text: object) -> str:
    """An agency's or a field's name made comparable: `key`, with its abbreviations written out
    and without "và" ("UBND Tp. X" and "Ủy ban nhân dân thành phố X" are equal; "Sở Giao
    thông - Vận tải" and "Sở Giao thông và Vận tải" too)."""
    words = unicodedata.normalize("NFC", str(text)).casefold().replace(".", ". ").split()
    spelt = key(" ".join(ABBREVIATIONS.get(w.strip("().,;:"), w) for w in words)).split()
    return " ".join(w for w in spelt if w != _AND)


def within(part: str, whole: str) -> bool:
    """Whether the words of key `part` come in a row in key `whole`."""
    return bool(part) and f" {part} " in f" {whole} "


def provincial(text: str) -> str:
    """A name without what follows its last "tỉnh" ("Công an tỉnh X" → "Công an tỉnh"), for
    the agencies a workbook names with the province's name after them."""
    words = text.split()
    cut = max((i for i, w in enumerate(words) if key(w) == _TINH), default=len(words) - 1)
    return " ".join(words[:cut + 1])


class Names:
    """Every way a table names its rows (names, aliases, ids) → the row's id: exact keys only,
    and a suggestion for a name that matches none."""

    def __init__(self, named: Iterable[tuple[str, Iterable[str]]],
                 by_key: Callable[[object], str] = name_key) -> None:
        self._key = by_key
        self.ids: dict[str, set[str]] = {}
        self.shown: dict[str, tuple[str, str]] = {}  # folded name → (name, id): suggestions
        for rid, names in named:
            for name in names:
                if name and name.strip():
                    self.ids.setdefault(by_key(name), set()).add(rid)
                    self.shown.setdefault(fold(name), (name, rid))

    def find(self, text: str) -> set[str]:
        """The ids named by `text`: one, several (the name is ambiguous), or none."""
        return set(self.ids.get(self._key(text), ()))

    def suggest(self, text: str) -> tuple[str, str] | None:
        """The closest known name and its id, compared without diacritics; None if none is
        close."""
        close = difflib.get_close_matches(fold(text), list(self.shown), n=1, cutoff=0.6)
        return self.shown[close[0]] if close else None
