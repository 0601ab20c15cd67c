"""The JSON API, written with the pages (glue only: the documents are `parindex.site.api`'s).

`write_document` runs in the pool's workers, right after a page is written, from the same
model; `finish` in the build process once every page is: `index.json` of the endpoints the
workers wrote, the schemas, and the documentation page `du-lieu/api/`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from parindex.data.portal import Scale
from parindex.site import api, api_schemas, models, urls

from .store import digest

if TYPE_CHECKING:
    from .pages import Work, Written


def write_document(work: Work, page: models.Page, model: bytes, done: Written
                   ) -> list[api.Endpoint]:
    """Write the page's document, if it has one, or take it from the store while the page's
    model (`model`, its `store.model_bytes`) and the code are unchanged; its endpoint."""
    endpoint = api.endpoint(page)
    if endpoint is None:
        return []
    path = work.out(endpoint.path)
    key = digest(work.site_key, "api", model) + ".json" if work.site_key else None
    if key:
        done.stored(endpoint.path, key)
        if work.reuse and work.store.take(key, path):
            return [endpoint]
    path.write_text(api.dumps(api.MAKERS[type(page)](page)), encoding="utf-8")
    if key:
        work.store.keep(key, path)
    else:
        done.unkept += 1
    return [endpoint]


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
