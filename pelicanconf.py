"""Pelican settings for a local preview (relative URLs, no feeds). See publishconf.py."""

# The site's name, subtitle and publisher come from the data package (datapackage.json:
# `portal`, `contributors`), set by the plugin; these are only what a site without data shows.
AUTHOR = "Sở Nội vụ"  # of articles without an author; the footer names the package's publisher
SITENAME = "Chỉ số cải cách hành chính"
SITESUBTITLE = ""
SITEURL = ""
RELATIVE_URLS = True

PATH = "content"
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
LOCALE = ("C.UTF-8", "C")
DEFAULT_DATE_FORMAT = "%d/%m/%Y"

THEME = "theme"
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["parindex_site"]
PARINDEX_DATA = "data"  # the data package, for a plain `pelican` run (make site: --data)
PARINDEX_NOTES = "don-vi"  # agency notes, under PATH, never published as pages themselves

# Editors' pages (content/pages) and news (content/tin-tuc); content/don-vi is read by the
# plugin only.
PAGE_PATHS = ["pages"]
ARTICLE_PATHS = ["tin-tuc"]
ARTICLE_EXCLUDES = ["don-vi", "pages"]
PAGE_EXCLUDES = ["don-vi", "tin-tuc"]
STATIC_PATHS = ["images"]
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
ARTICLE_URL = "tin-tuc/{slug}/"
ARTICLE_SAVE_AS = "tin-tuc/{slug}/index.html"
DRAFT_URL = DRAFT_SAVE_AS = DRAFT_PAGE_URL = DRAFT_PAGE_SAVE_AS = ""
ARTICLE_LANG_URL = "tin-tuc/{slug}-{lang}/"
ARTICLE_LANG_SAVE_AS = "tin-tuc/{slug}-{lang}/index.html"
# An editors' page in English (`Lang: en`, the same `Slug:`) is written by the plugin under
# en/ with the English interface, as is a page saying so where a page has no translation.
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = ""

# The news list is Pelican's own "index" template, written at /tin-tuc/; the home page is the
# plugin's.
DIRECT_TEMPLATES = ["index"]
INDEX_URL = "tin-tuc/"
INDEX_SAVE_AS = "tin-tuc/index.html"
DEFAULT_PAGINATION = 20
PAGINATION_PATTERNS = [(1, "{url}", "{save_as}"),
                       (2, "{base_name}/trang-{number}/", "{base_name}/trang-{number}/index.html")]
CATEGORY_URL = CATEGORY_SAVE_AS = TAG_URL = TAG_SAVE_AS = ""
AUTHOR_URL = AUTHOR_SAVE_AS = ""
CATEGORIES_SAVE_AS = TAGS_SAVE_AS = AUTHORS_SAVE_AS = ARCHIVES_SAVE_AS = ""
DISPLAY_CATEGORIES_ON_MENU = False
DISPLAY_PAGES_ON_MENU = False

FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

MARKDOWN = {
    "extension_configs": {
        # tables: align="right" rather than style="text-align: right" (a strict CSP blocks
        # style attributes)
        "markdown.extensions.extra": {"tables": {"use_align_attribute": True}},
        "markdown.extensions.meta": {},
        "markdown.extensions.toc": {"permalink": False},
        # tables and code blocks scroll in their own box on a phone, not the whole page
        "plugins.prose:ScrollExtension": {},
    },
    "output_format": "html5",
}
SUMMARY_MAX_LENGTH = 60

# Content is Markdown only; the reStructuredText reader would warn that docutils has no
# Vietnamese localisation.
READERS = {"rst": None}

# Every value a template prints is HTML-escaped (names, titles and summaries come from the data
# tables and may contain "<", "&" or quotes). Only Markdown rendered by Pelican from content/,
# which is trusted editor content, is printed with |safe (article.content, page.content,
# note.content). Pelican's defaults (trim_blocks, lstrip_blocks) are kept.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "extensions": [],
                     "autoescape": True}
