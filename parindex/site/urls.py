"""The site's URLs (contract: stable, directory style, Vietnamese), site-relative: templates
put the site's root in front. Every page, download and chart URL is made here."""

from __future__ import annotations


def year_url(year: int) -> str:
    return f"chi-so/{year}/"


def group_url(year: int, group_id: str) -> str:
    return f"chi-so/{year}/{group_id}/"


def field_url(year: int, field_id: str) -> str:
    return f"chi-so/{year}/linh-vuc/{field_id}/"


def unit_url(unit_id: str) -> str:
    return f"don-vi/{unit_id}/"


def innovations_url(year: int | None = None) -> str:
    return "sang-kien/" if year is None else f"sang-kien/{year}/"


def results_url(year: int, ext: str) -> str:
    return f"du-lieu/{year}/ket-qua.{ext}"


def field_results_url(year: int, ext: str) -> str:
    return f"du-lieu/{year}/linh-vuc.{ext}"


PACKAGE_DIR = "du-lieu/goi-du-lieu/"
PACKAGE_ZIP = "du-lieu/chi-so-cchc-du-lieu.zip"
TEMPLATES_DIR = "du-lieu/mau/"
