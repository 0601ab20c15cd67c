"""What a text cell means, by the type its Table Schema column declares.

Numbers are read as the column declares them (Table Schema `decimalChar`, `groupChar`), else the
way editors type them: "83.84" and "83,84", "1.234,5" (Vietnamese), "1,234.5" (English). Where a
value alone could be read two ways ("1.234": one thousand two hundred and thirty-four, or one
point two three four) the other values of the same column decide; if they do not, the value is
ambiguous (`validate` then tries the column's bounds) rather than guessed. A number keeps how
many decimals it was written with: the site shows it as printed.

Each parser takes a column of text cells and returns the typed values and, per cell, "" when it
was read, or a short code of why not ("invalid", "ambiguous").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import NamedTuple

import numpy as np
import pandas as pd

PLAIN = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"  # 83.84, 94, .5: an integer or a point decimal
DOT3 = r"[1-9]\d{0,2}(?:\.\d{3})+"        # 1.234 or 1.234.567
COMMA3 = r"[1-9]\d{0,2}(?:,\d{3})+"       # 1,234 or 1,234,567
VN_FULL = r"[+-]?\d{1,3}(?:\.\d{3})+,\d+"  # 1.234,5
EN_FULL = r"[+-]?\d{1,3}(?:,\d{3})+\.\d+"  # 1,234.5
DOT_DEC = r"[+-]?\d*\.\d+"
COMMA_DEC = r"[+-]?\d*,\d+"


MAX_DIGITS = 15  # the digits a float holds exactly: no source prints a longer number


class Parsed(NamedTuple):
    """A parser's answer for each text: its value, "" or why it was not read, and for a number
    how many decimals it was written with (97,685: 3; 7,00: 2), so that it is shown as printed."""

    values: pd.Series  # missing where empty or not read
    status: pd.Series  # "" (read or empty), "invalid", "ambiguous" or "too-long"
    places: pd.Series | None = None  # numbers: Int64 digits after the decimal sign; NA: not read


def _match(s: pd.Series, pattern: str) -> pd.Series:
    return s.str.fullmatch(pattern).fillna(False).astype(bool)


def _read(texts: pd.Series, group: str, decimal: str) -> tuple[pd.Series, pd.Series]:
    """Values and decimals of texts written with these signs (`group` may be "")."""
    plain = texts.str.replace(group, "", regex=False) if group else texts
    if decimal != ".":
        plain = plain.str.replace(decimal, ".", regex=False)
    point = plain.str.find(".")
    places = (plain.str.len() - point - 1).where(point >= 0, 0)
    return pd.to_numeric(plain, errors="coerce").astype(float), places


def readings(texts: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """The two readings of ambiguous texts (one sign before three digits: 1.234, 1,234): the
    sign as a decimal sign (1,234; its places), and as a thousands sign (1234)."""
    points = texts.str.replace(",", ".", regex=False)
    decimal, places = _read(points, "", ".")
    thousands = pd.to_numeric(points.str.replace(".", "", regex=False)).astype(float)
    return decimal, places, thousands


def parse_numbers(cells: pd.Series, decimal: str = "", group: str = "") -> Parsed:
    """Numbers of a column. `decimal`/`group`: the column's declared decimalChar/groupChar
    (Table Schema): when either is given every cell is read that way and none is ambiguous;
    otherwise the signs are inferred, value by value and from the rest of the column. Digits
    only: exponents (1e5) and words (Infinity, NaN) are not numbers here, and a number of more
    than MAX_DIGITS digits is refused ("too-long") rather than rounded."""
    s = cells.astype(str)
    if decimal or group:
        parsed = _declared(s, decimal or ("," if group == "." else "."), group)
    else:
        parsed = _inferred(s)
    long = s.str.len() > MAX_DIGITS  # few texts are this long: only those are counted
    if long.any():
        digits = s[long].str.replace(r"\D", "", regex=True).str.lstrip("0").str.len()
        long = (digits > MAX_DIGITS).reindex(s.index, fill_value=False)
    if long.any():
        parsed.values[long] = np.nan
        parsed.status[long] = "too-long"
        if parsed.places is not None:
            parsed.places[long] = pd.NA
    return parsed


def _inferred(s: pd.Series) -> Parsed:
    values = pd.Series(np.nan, index=s.index)
    places = pd.Series(pd.NA, index=s.index, dtype="Int64")
    status = pd.Series("", index=s.index, dtype=object)
    empty = s == ""
    dot3 = _match(s, "[+-]?" + DOT3)
    plain = _match(s, PLAIN) & ~dot3
    values[plain], places[plain] = _read(s[plain], "", ".")
    # Only values that are not plain integers or unambiguous point decimals need a closer look.
    hard = ~empty & ~plain
    if not hard.any():
        return Parsed(values, status, places)
    h = s[hard]
    dot3 = dot3[hard]
    comma3 = _match(h, "[+-]?" + COMMA3)
    multi_dot = dot3 & (h.str.count(r"\.") > 1)
    multi_comma = comma3 & (h.str.count(",") > 1)
    vn_full, en_full = _match(h, VN_FULL), _match(h, EN_FULL)
    comma_dec = _match(h, COMMA_DEC) & ~comma3
    single = (dot3 & ~multi_dot) | (comma3 & ~multi_comma)
    vn = bool((vn_full | multi_dot | comma_dec).any())
    en = bool((en_full | multi_comma).any() or (plain & _match(s, DOT_DEC)).any())
    vn_read = vn_full | multi_dot | comma_dec | (single if vn and not en else False)
    en_read = en_full | multi_comma | (single if en and not vn else False)
    for read, group_sign, decimal_sign in ((vn_read, ".", ","), (en_read, ",", ".")):
        rows = read[read].index
        values[rows], places[rows] = _read(h[rows], group_sign, decimal_sign)
    ambiguous = single & ~vn_read & ~en_read
    status[hard & values.isna()] = "invalid"
    status[ambiguous[ambiguous].index] = "ambiguous"
    places[values.isna()] = pd.NA
    return Parsed(values, status, places)


def _declared(s: pd.Series, decimal: str, group: str) -> Parsed:
    whole = rf"\d{{1,3}}(?:{re.escape(group)}\d{{3}})+|\d+" if group else r"\d+"
    d = re.escape(decimal)
    ok = _match(s, rf"[+-]?(?:(?:{whole})(?:{d}\d*)?|{d}\d+)")
    values = pd.Series(np.nan, index=s.index)
    places = pd.Series(pd.NA, index=s.index, dtype="Int64")
    values[ok], places[ok] = _read(s[ok], group, decimal)
    status = pd.Series("", index=s.index, dtype=object)
    status[(s != "") & ~ok] = "invalid"
    return Parsed(values, status, places)


def parse_integers(cells: pd.Series, decimal: str = "", group: str = "") -> Parsed:
    values, status, _ = parse_numbers(cells, decimal, group)
    fractional = values.notna() & (values != values.round())
    status[fractional] = "invalid"
    values[fractional] = np.nan
    return Parsed(values.astype("Int64"), status)


TRUE = {"true", "1", "có", "co", "yes", "x", "đúng"}
FALSE = {"false", "0", "không", "khong", "no", "sai"}


def parse_booleans(cells: pd.Series) -> Parsed:
    low = cells.astype(str).str.lower()
    values = pd.Series(None, index=cells.index, dtype=object)
    values[low.isin(TRUE)] = True
    values[low.isin(FALSE)] = False
    status = pd.Series("", index=cells.index, dtype=object)
    status[(low != "") & values.isna()] = "invalid"
    return Parsed(values, status)


_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_VN = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def _date(text: str) -> date | None:
    if m := _ISO.fullmatch(text):
        y, mo, d = map(int, m.groups())
    elif m := _VN.fullmatch(text):
        d, mo, y = map(int, m.groups())
    else:
        return None
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def parse_dates(cells: pd.Series) -> Parsed:
    values = cells.astype(str).map(lambda t: _date(t) if t else None)
    status = pd.Series("", index=cells.index, dtype=object)
    status[(cells != "") & values.isna()] = "invalid"
    return Parsed(values.astype(object), status)


def parse_strings(cells: pd.Series) -> Parsed:
    values = cells.astype(object).mask(cells == "", None)
    return Parsed(values, pd.Series("", index=cells.index, dtype=object))


PARSERS: dict[str, Callable[..., Parsed]] = {
    "number": parse_numbers,  # these two also take the column's decimal and group signs
    "integer": parse_integers,
    "year": parse_integers,
    "boolean": parse_booleans,
    "date": parse_dates,
    "string": parse_strings,
}

TOO_LONG = f"số có hơn {MAX_DIGITS} chữ số: kiểm tra lại giá trị"
EXPECTED = {
    "number": "cần một số, ví dụ 83,84 hoặc 83.84",
    "integer": "cần một số nguyên, ví dụ 12",
    "year": "cần một năm gồm 4 chữ số, ví dụ 2023",
    "boolean": "cần 'true' hoặc 'false' (có/không)",
    "date": "cần một ngày dạng 2024-01-08 hoặc 08/01/2024",
    "string": "cần văn bản",
}

SAFE_URL = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)


def unsafe_urls(cells: pd.Series) -> pd.Series:
    """True where a URL cell is set but is not a plain http(s) address (javascript:, data:…)."""
    s = cells.astype(str)
    return (s != "") & ~s.str.fullmatch(SAFE_URL.pattern, case=False).fillna(False).astype(bool)
