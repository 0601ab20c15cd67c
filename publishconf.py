"""Pelican settings for production: absolute URLs under SITEURL, and the news feed.

SITEURL comes from the environment and may include a sub-path, for example
SITEURL=https://cchc.example.gov.vn/chi-so make publish
"""

import os
import sys

sys.path.append(os.path.dirname(__file__))
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "https://cchc.example.gov.vn").rstrip("/")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/tin-tuc.atom.xml"
