"""The JSON API, written with the pages (glue only: the documents are `parindex.site.api`'s).

Each page's document is written by the pool's worker that writes the page, from the same model
(`pages._write_document`); `finish` runs in the build process once every page is:
`index.json` of the endpoints the workers wrote, the schemas, and the documentation page
`du-lieu/api/`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from parindex.data.portal import Scale
from parindex.site import api, api_schemas, urls

if TYPE_CHECKING:
    from .pages import Work


def finish(work: Work, endpoints: list[api.Endpoint]) -> list[str]:
    """Write `index.json` of `endpoints` (in the order of the pages), every schema, and the
    documentation page; the page's URL."""
    scale = work.context.get("SCALE") or Scale()
    work.out(urls.API_INDEX_URL).write_text(api.dumps(api.index(endpoints, scale)),
                                            encoding="utf-8")
    for kind, schema in api_schemas.schemas().items():
        work.out(urls.api_schema_url(kind)).write_text(api.dumps(schema), encoding="utf-8")
    page = api.docs_page(endpoints, scale)
    work.writer.write_file(page.url + "index.html", work.template(page.template), work.context,
                           relative_urls=work.relative, data=page)
    return [page.url]
