"""Who publishes the portal and what its index is, from the data package descriptor.

A province's portal is its own `datapackage.json`: the Frictionless fields `title`,
`description`, `homepage`, `contributors` (the one whose role is "publisher": `title`, `email`,
`path`) and `licenses`, and where the standard has no field, the documented property `portal`
(README, "The portal's identity"): `name`, `subtitle`, `notice` (for example that the province
was merged and the site is an archive), `index` (`name`, `scale`: "percent" or "points") and
`members` (the noun for the ranked members: "cơ quan, đơn vị", "tỉnh, thành phố"); their
English names where the English edition should use them (`name_en`, `subtitle_en`,
`index.name_en`, `members_en`); `languages`, the editions built (default `["vi", "en"]`). Nothing
about one province is written in code, templates or settings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..i18n import LANGUAGES, SOURCE, name, t

SCALES = ("percent", "points")
INDEX_NAME = t("Chỉ số CCHC")
MEMBERS = t("cơ quan, đơn vị")


def _dict(x: object) -> dict[str, Any]:
    return x if isinstance(x, dict) else {}


def _list(x: object) -> list[Any]:
    return x if isinstance(x, list) else []


def _text(x: object) -> str:
    return x.strip() if isinstance(x, str) else ""


@dataclass(frozen=True)
class Scale:
    """What the index is called and how it is measured: a percentage of each agency's
    maximum ("percent": index = total ÷ maximum × 100), or the points themselves ("points":
    no maximum, ranks and bands on the score). Its words are `i18n.Text`: the English pages say
    them in English (the descriptor's own names with their `name_en`, `members_en`)."""

    name: str = INDEX_NAME
    kind: str = "percent"
    members: str = MEMBERS

    @property
    def percent(self) -> bool:
        return self.kind == "percent"

    @property
    def unit(self) -> str:
        """After a value: "%" or " điểm"."""
        return "%" if self.percent else t(" điểm")

    @property
    def column(self) -> str:
        """The heading of the index's column."""
        return t("Chỉ số (%)") if self.percent else t("Điểm")

    @property
    def points(self) -> str:
        """The unit of a difference of two indices: "điểm %" (percentage points) or "điểm"."""
        return t("điểm %") if self.percent else t("điểm")

    @property
    def named(self) -> str:
        """The index's name inside a sentence: "chỉ số CCHC"."""
        if self.name == INDEX_NAME:
            return t("chỉ số CCHC")
        return _first(self.name, str.lower)

    @property
    def Members(self) -> str:  # noqa: N802 (the noun at the start of a sentence or heading)
        if self.members == MEMBERS:
            return t("Cơ quan, đơn vị")
        return _first(self.members, str.upper)


def _first(text: str, case: Callable[[str], str]) -> str:
    """`text` with its first letter in `case`, in each language it has."""
    en = getattr(text, "en", "")
    return name(case(text[:1]) + text[1:], case(en[:1]) + en[1:] if en else "")


PERCENT = Scale()  # the default: a percentage of each agency's maximum, "Chỉ số CCHC"


@dataclass(frozen=True)
class Portal:
    """The site's name and who publishes it, with how to reach them and under what licence."""

    name: str
    subtitle: str = ""
    publisher: str = ""
    publisher_url: str = ""
    email: str = ""
    homepage: str = ""
    licence: str = ""
    licence_url: str = ""
    notice: str = ""
    scale: Scale = PERCENT
    languages: tuple[str, ...] = LANGUAGES  # the editions built: the source's, and English


def scale(desc: object) -> Scale:
    """The descriptor's `portal.index` and `portal.members`, else the defaults."""
    own = _dict(_dict(desc).get("portal"))
    index = _dict(own.get("index"))
    kind = _text(index.get("scale"))
    return Scale(name(_text(index.get("name")), _text(index.get("name_en"))) or Scale.name,
                 kind if kind in SCALES else Scale.kind,
                 name(_text(own.get("members")), _text(own.get("members_en"))) or Scale.members)


def portal(desc: object) -> Portal:
    """The descriptor's `portal` (`name`, `subtitle`), else its `title` and `description`; the
    publisher is the contributor whose role is "publisher"; the licence the first of
    `licenses`."""
    d = _dict(desc)
    own = _dict(d.get("portal"))
    pub = next((_dict(c) for c in _list(d.get("contributors"))
                if _dict(c).get("role") == "publisher"), {})
    lic = next((_dict(x) for x in _list(d.get("licenses"))), {})
    return Portal(
        name=name(_text(own.get("name")) or _text(d.get("title")), _text(own.get("name_en"))),
        subtitle=name(_text(own.get("subtitle")) or _text(d.get("description")),
                      _text(own.get("subtitle_en"))),
        publisher=_text(pub.get("title")), publisher_url=_text(pub.get("path")),
        email=_text(pub.get("email")), homepage=_text(d.get("homepage")),
        licence=_text(lic.get("title")) or _text(lic.get("name")),
        licence_url=_text(lic.get("path")), notice=_text(own.get("notice")), scale=scale(d),
        languages=languages(own.get("languages")))


def languages(x: object) -> tuple[str, ...]:
    """`portal.languages`: the editions to build (a province may turn English off with
    `["vi"]`); the source language always, in the portal's order; every one by default."""
    if not isinstance(x, list):
        return LANGUAGES
    return (SOURCE, *(lang for lang in LANGUAGES if lang in x and lang != SOURCE))
