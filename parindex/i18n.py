"""The portal's languages: Vietnamese, the source language, and English (`/en/`).

Page models are built once, in Vietnamese. A sentence or label in them is a `Text`: a `str`
holding the Vietnamese (so the Vietnamese site, the API and every test read it as before) that
also keeps its catalog message and arguments, or a name's English name, so that the English
pages can say it again without computing anything twice. HTML output escapes it through
`__html__` in the language being written (`speaking`), which is how Jinja prints it and how
the theme's filters escape. Numbers inside a sentence are kept as numbers (`Num`) and formatted
in the reader's locale (`parindex.fmt`).

The catalogs are gettext `.po` files in `parindex/locale/<lang>/LC_MESSAGES/messages.po`
(`make messages` extracts the messages with Babel), compiled in memory when first used: a fresh
clone needs no compiled `.mo`.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from markupsafe import escape

from . import fmt

SOURCE = "vi"  # the language the code, data and templates are written in
LANGUAGES = ("vi", "en")
HREFLANG = {"vi": "vi", "en": "en"}
LOCALE_DIR = Path(__file__).parent / "locale"
_speaking: ContextVar[str] = ContextVar("speaking", default=SOURCE)


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Write HTML (and translate messages) in `lang` within this block."""
    token = _speaking.set(lang)
    try:
        yield
    finally:
        _speaking.reset(token)


def current() -> str:
    return _speaking.get()


@lru_cache(maxsize=4)
def catalog(lang: str) -> gettext.NullTranslations:
    """The translations into `lang` (none for the source language), compiled from its `.po`."""
    po = LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"
    if lang == SOURCE or not po.is_file():
        return gettext.NullTranslations()
    with po.open("rb") as f:
        messages = read_po(f, locale=lang)
    mo = BytesIO()
    write_mo(mo, messages)
    mo.seek(0)
    return gettext.GNUTranslations(mo)


def gettext_(message: str) -> str:
    """`message` in the language being written."""
    lang = current()
    return message if lang == SOURCE else catalog(lang).gettext(message)


def ngettext_(singular: str, plural: str, n: int) -> str:
    lang = current()
    if lang == SOURCE:
        return singular if n == 1 else plural
    return catalog(lang).ngettext(singular, plural, n)


@dataclass(frozen=True)
class Num:
    """A number in a sentence: `fmt.<kind>(value, places)` in the reader's locale."""

    kind: str  # "num", "pct", "integer", "signed", "auto"
    value: float | None
    places: int | None = None

    def say(self, lang: str = SOURCE) -> str:
        f = getattr(fmt, self.kind)
        if self.kind in ("num", "pct"):
            return str(f(self.value, self.places, locale=lang))
        if self.kind == "signed":
            return str(f(self.value, 2 if self.places is None else self.places, locale=lang))
        return str(f(self.value, locale=lang))

    def __str__(self) -> str:
        return self.say()


@dataclass(frozen=True)
class Day:
    """A date in a sentence: 10/05/2022, or "10 May 2022"."""

    value: date

    def say(self, lang: str = SOURCE) -> str:
        return fmt.date(self.value, lang)

    def __str__(self) -> str:
        return self.say()


Arg = str | int | Num | Day  # a str may be a Text (said again) or a name or data (kept)


class Text(str):
    """Vietnamese text that can be said in another language: a catalog message (`msgid`, with
    its arguments `{name}`), or a name given with its English name (`en`)."""

    msgid: str
    args: tuple[tuple[str, Arg], ...]
    en: str

    def __new__(cls, vi: str, msgid: str = "", args: tuple[tuple[str, Arg], ...] = (),
                en: str = "") -> Text:
        made = super().__new__(cls, vi)
        made.msgid, made.args, made.en = msgid, args, en
        return made

    def __reduce__(self) -> tuple[type[Text], tuple[str, str, tuple[tuple[str, Arg], ...], str]]:
        return Text, (str(self), self.msgid, self.args, self.en)

    def say(self, lang: str) -> str:
        """The text in `lang`: its message translated with its arguments said in `lang`, or
        its English name; else (no translation) the Vietnamese."""
        if lang == SOURCE:
            return str.__str__(self)
        if self.msgid:
            said = {k: say(v, lang) for k, v in self.args}
            return catalog(lang).gettext(self.msgid).format(**said)
        return (self.en if lang == "en" else "") or str.__str__(self)

    def __html__(self) -> str:
        return str(escape(self.say(current())))


def say(x: Arg | None, lang: str | None = None) -> str:
    """Anything a page shows as text, in `lang` (by default the language being written)."""
    lang = lang or current()
    if isinstance(x, Text):
        return x.say(lang)
    if isinstance(x, Num | Day):
        return x.say(lang)
    return "" if x is None else str(x)


def t(msgid: str, /, **args: Arg) -> Text:
    """A catalog message, in Vietnamese, that English pages translate (`pybabel` extracts the
    calls of `t`); `{name}` placeholders take the arguments."""
    vi = msgid.format(**{k: say(v, SOURCE) for k, v in args.items()}) if args else msgid
    return Text(vi, msgid, tuple(args.items()))


def name(vi: str, en: str | None = "") -> str:
    """A name as the data gives it (Vietnamese), with its English name where it has one."""
    return Text(vi, en=en) if en else vi


def join(parts: Sequence[Arg], sep: str = ", ") -> Text:
    """Texts joined, each said in the reader's language (names, labels)."""
    keys = [f"p{i}" for i in range(len(parts))]
    return Text(sep.join(say(p, SOURCE) for p in parts), sep.join(f"{{{k}}}" for k in keys),
                tuple(zip(keys, parts, strict=True)))
