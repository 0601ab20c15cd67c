"""What a text cell means, by the type its Table Schema column declares.

Numbers are read the way editors type them: "83.84" and "83,84", "1.234,5" (Vietnamese),
"1,234.5" (English). Where a value alone could be read two ways ("1.234": one thousand two
hundred and thirty-four, or one point two three four) the other values of the same column decide;
if they do not, the value is rejected as ambiguous rather than guessed.

Each parser takes a column of text cells and returns the typed values and, per cell, "" when it
was read, or a short code of why not ("invalid", "ambiguous").
"""

from __future__ import annotations

import re
from datetime import date

import numpy as np
import pandas as pd

INT = r"[+-]?\d+"
DOT3 = r"[1-9]\d{0,2}(?:\.\d{3})+"        # 1.234 or 1.234.567
COMMA3 = r"[1-9]\d{0,2}(?:,\d{3})+"       # 1,234 or 1,234,567
VN_FULL = r"[+-]?\d{1,3}(?:\.\d{3})+,\d+"  # 1.234,5
EN_FULL = r"[+-]?\d{1,3}(?:,\d{3})+\.\d+"  # 1,234.5
DOT_DEC = r"[+-]?\d*\.\d+"
COMMA_DEC = r"[+-]?\d*,\d+"


def _match(s: pd.Series, pattern: str) -> pd.Series:
    return s.str.fullmatch(pattern).fillna(False).astype(bool)


def parse_numbers(cells: pd.Series) -> tuple[pd.Series, pd.Series]:
    s = cells.astype(str)
    values = pd.to_numeric(s.where(~s.str.contains(",", regex=False), ""), errors="coerce")
    status = pd.Series("", index=s.index, dtype=object)
    empty = s == ""
    # Only values that are not plain integers or unambiguous point decimals need a closer look.
    dot3 = _match(s, "[+-]?" + DOT3)
    hard = ~empty & (values.isna() | dot3)
    if not hard.any():
        return values.astype(float), status
    h = s[hard]
    dot3 = dot3[hard]
    comma3 = _match(h, "[+-]?" + COMMA3)
    multi_dot = dot3 & (h.str.count(r"\.") > 1)
    multi_comma = comma3 & (h.str.count(",") > 1)
    vn_full, en_full = _match(h, VN_FULL), _match(h, EN_FULL)
    comma_dec = _match(h, COMMA_DEC) & ~comma3
    dot_dec_all = _match(s[~empty], DOT_DEC) & ~_match(s[~empty], "[+-]?" + DOT3)
    vn = bool((vn_full | multi_dot | comma_dec).any())
    en = bool((en_full | multi_comma).any() or dot_dec_all.any())

    def as_float(texts: pd.Series, thousands: str, decimal: str) -> pd.Series:
        plain = texts.str.replace(thousands, "", regex=False).str.replace(decimal, ".", regex=False)
        return pd.to_numeric(plain, errors="coerce")

    out = pd.Series(np.nan, index=h.index)
    out[vn_full | multi_dot] = as_float(h[vn_full | multi_dot], ".", ",")
    out[en_full | multi_comma] = as_float(h[en_full | multi_comma], ",", ".")
    out[comma_dec] = as_float(h[comma_dec], ".", ",")
    single_dot3 = dot3 & ~multi_dot
    single_comma3 = comma3 & ~multi_comma
    ambiguous = pd.Series(False, index=h.index)
    if vn and not en:
        out[single_dot3] = as_float(h[single_dot3], ".", ",")
        out[single_comma3] = as_float(h[single_comma3], ".", ",")
    elif en and not vn:
        out[single_dot3] = as_float(h[single_dot3], ",", ".")
        out[single_comma3] = as_float(h[single_comma3], ",", ".")
    else:
        ambiguous = single_dot3 | single_comma3
    values = values.astype(float)
    values[hard] = out
    status[hard & values.isna()] = "invalid"
    status[ambiguous[ambiguous].index] = "ambiguous"
    return values, status


def parse_integers(cells: pd.Series) -> tuple[pd.Series, pd.Series]:
    values, status = parse_numbers(cells)
    fractional = values.notna() & (values != values.round())
    status[fractional] = "invalid"
    values[fractional] = np.nan
    return values.astype("Int64"), status


TRUE = {"true", "1", "có", "co", "yes", "x", "đúng"}
FALSE = {"false", "0", "không", "khong", "no", "sai"}


def parse_booleans(cells: pd.Series) -> tuple[pd.Series, pd.Series]:
    low = cells.astype(str).str.lower()
    values = pd.Series(None, index=cells.index, dtype=object)
    values[low.isin(TRUE)] = True
    values[low.isin(FALSE)] = False
    status = pd.Series("", index=cells.index, dtype=object)
    status[(low != "") & values.isna()] = "invalid"
    return values, status


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


def parse_dates(cells: pd.Series) -> tuple[pd.Series, pd.Series]:
    values = cells.astype(str).map(lambda t: _date(t) if t else None)
    status = pd.Series("", index=cells.index, dtype=object)
    status[(cells != "") & values.isna()] = "invalid"
    return values.astype(object), status


def parse_strings(cells: pd.Series) -> tuple[pd.Series, pd.Series]:
    values = cells.astype(object).mask(cells == "", None)
    return values, pd.Series("", index=cells.index, dtype=object)


PARSERS = {
    "number": parse_numbers,
    "integer": parse_integers,
    "year": parse_integers,
    "boolean": parse_booleans,
    "date": parse_dates,
    "string": parse_strings,
}

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
