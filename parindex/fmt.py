"""Display of numbers and dates: Vietnamese by default (decimal comma, thousands dot), English
for the English edition (`locale="en"`: 83.84, 1,234; "10 May 2022"); half-up rounding.

Computation keeps full precision; rounding happens here, for display only, half-up as the
province's reports do (76,195 → 76,20), never banker's rounding. A value the source prints
(`Printed`) is shown with the decimals it is printed with (97,685; 9,7); any other, computed,
with two.
"""

from __future__ import annotations

import math
from datetime import date as Date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

import pandas as pd
from babel import Locale
from babel.dates import format_date
from babel.numbers import NumberPattern, parse_pattern

# parsed once: Babel parses a name on every call
LOCALES = {"vi": Locale.parse("vi_VN"), "en": Locale.parse("en")}
LOCALE = LOCALES["vi"]
MISSING = "chưa có số liệu"
MISSINGS = {"vi": MISSING, "en": "no data"}  # a value the source does not give, as said
NOISE = Decimal("1e-9")  # float error below this is not a digit anyone typed


def is_missing(x: object) -> bool:
    """None, NaN or pandas' NA: a value the source does not give."""
    if x is None or x is pd.NA:
        return True
    if x.__class__ is float or isinstance(x, float):  # numpy floats too; without an exception
        return x != x
    if x.__class__ is str or x.__class__ is int or isinstance(x, str):
        return False
    try:
        return math.isnan(x)  # type: ignore[arg-type]
    except TypeError:
        return False


class Printed(float):
    """A number as its source prints it: the value, and how many decimals it is printed with.
    A float everywhere (sorting, charts, JSON); arithmetic on it gives a plain float, so what is
    computed from printed values is shown with two decimals."""

    __slots__ = ("places",)
    places: int

    def __new__(cls, value: float, places: int) -> Printed:
        made = super().__new__(cls, value)
        made.places = places
        return made

    def __reduce__(self) -> tuple[type[Printed], tuple[float, int]]:
        return Printed, (float(self), self.places)


def as_printed(x: float | None, places: int | None) -> float | None:
    """`x` as printed with `places` decimals; None when missing, a plain float when `places`
    is (a value no text gave)."""
    if x is None or is_missing(x):
        return None
    return float(x) if places is None or is_missing(places) else Printed(x, int(places))


def decimals(x: object, places: int | None = None) -> int:
    """`places` if given, else as printed (`Printed`), else 2."""
    return places if places is not None else getattr(x, "places", 2)


def round_half_up(x: float, places: int = 2) -> Decimal:
    """Half-up rounding of a float as the number it stands for (76.19499999999 → 76.20)."""
    exact = Decimal(repr(float(x))).quantize(NOISE, rounding=ROUND_HALF_UP)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def rounded(x: float | None, places: int | None = None) -> float | None:
    """`x` rounded half-up to `places` decimals; by default a printed value (`Printed`) as it
    is, any other to two."""
    if x is None or is_missing(x):
        return None
    if places is None and isinstance(x, Printed):
        return x
    return float(round_half_up(x, 2 if places is None else places))


@lru_cache(maxsize=8)
def _pattern(places: int) -> NumberPattern:
    return parse_pattern("#,##0" + ("." + "0" * places if places else ""))


@lru_cache(maxsize=1 << 16)
def _num(x: float, places: int, locale: str = "vi") -> str:
    # Babel's compiled pattern: a page shows thousands of numbers, many of them the same.
    # A negative number that rounds to zero is zero: -0,001 is shown 0,00, never -0,00.
    value = round_half_up(x, places)
    # Babel leaves NumberPattern.apply without a return type: it returns the text.
    text: str = _pattern(places).apply(value if value else abs(value), LOCALES[locale])
    return text


def _missing(missing: str, locale: str) -> str:
    """The missing text in `locale` (the default one), or the caller's own."""
    return MISSINGS[locale] if missing is MISSING else missing


def num(x: float | None, places: int | None = None, missing: str = MISSING,
        locale: str = "vi") -> str:
    """`x` with `places` decimals; by default as printed (`Printed`), else with two."""
    if x is None or is_missing(x):
        return _missing(missing, locale)
    return _num(float(x), decimals(x, places), locale)


def pct(x: float | None, places: int | None = None, missing: str = MISSING,
        locale: str = "vi") -> str:
    if is_missing(x):
        return _missing(missing, locale)
    return num(x, places, locale=locale) + "%"


def integer(x: float | None, missing: str = MISSING, locale: str = "vi") -> str:
    return num(x, 0, missing, locale)


def signed(x: float | None, places: int = 2, missing: str = MISSING,
           locale: str = "vi") -> str:
    """A change with its sign: +1,23 / −1,91 / 0,00 (true minus sign, for screen readers too)."""
    if x is None or is_missing(x):
        return _missing(missing, locale)
    text = num(abs(x), places, locale=locale)  # half-up is symmetric: the sign is x's unless 0
    return ("" if text == _num(0.0, places, locale) else "+" if x > 0 else "−") + text


def auto(x: float | None, missing: str = MISSING, locale: str = "vi") -> str:
    """A statistic as printed: with its printed decimals (`Printed`); a computed one, without
    decimals if whole, else with two."""
    if x is None or is_missing(x):
        return _missing(missing, locale)
    if float(x).is_integer() and not isinstance(x, Printed):
        return integer(x, locale=locale)
    return num(x, locale=locale)


def file_size(n: int, locale: str = "vi") -> str:
    """A file's size as a reader weighs a download: 850 byte, 27 KB, 2,4 MB (1 KB = 1024 byte;
    one decimal below 10)."""
    for unit, size in (("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= size:
            return num(n / size, 1 if n < 10 * size else 0, locale=locale) + " " + unit
    return f"{n} byte" if locale == "vi" else f"{n} bytes"


def date(d: Date, locale: str = "vi") -> str:
    """A date as the reader writes it: 10/05/2022, or "10 May 2022"."""
    return f"{d:%d/%m/%Y}" if locale == "vi" else format_date(d, "d MMMM y", locale=LOCALES[locale])
