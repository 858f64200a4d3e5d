"""The portal JSON API (django-ninja), mounted at /api/portal/ with docs at /api/portal/docs, assembled here from
the routers each app owns (portal: directory, benchmarks; impact_data: indicators; funding: funders; reports: the
SROI calculator; value_map: the Value Map workbook template; search), so no app imports another to be reachable.

``ninja`` is not in INSTALLED_APPS, so django-ninja's own Swagger page would fall back to its CDN
template. Instead the docs page below is rendered here and its Swagger UI files are served from the
copies shipped inside the ninja package, under /api/portal/docs/assets/<name>: no external host.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ninja
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.html import format_html, json_script
from ninja import NinjaAPI
from ninja.openapi.docs import DocsBase

from api_access.openapi import describe_access
from funding.api import router as funders_router
from impact_data.api import router as indicators_router
from portal.api.benchmarks import router as benchmarks_router
from portal.api.directory import router as directory_router
from reports.api.sroi import router as sroi_router
from search.api import router as search_router
from value_map.api import router as value_map_router
from webhooks.openapi import describe_webhooks

__all__ = ["api"]

NINJA_STATIC_DIR = Path(ninja.__file__).resolve().parent / "static" / "ninja"
# The only files the asset view serves (name → content type); nothing else is reachable through it.
DOCS_ASSETS = {
    "swagger-ui.css": "text/css; charset=utf-8",
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui-init.js": "text/javascript; charset=utf-8",
    "favicon.svg": "image/svg+xml",
    "favicon.png": "image/png",
}
ASSET_URL_NAME = "docs_asset"


class LocalSwagger(DocsBase):
    """Swagger UI loaded from this site only (no CDN, no inline script)."""

    settings: dict[str, Any] = {
        "layout": "BaseLayout",
        "deepLinking": True,
        "validatorUrl": None,  # Swagger UI would otherwise fetch a badge from validator.swagger.io
    }

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        def asset(name: str) -> str:
            return reverse(f"{api.urls_namespace}:{ASSET_URL_NAME}", kwargs={"name": name})

        settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        html = format_html(
            "<!DOCTYPE html>\n<html>\n<head>\n"
            '<meta charset="utf-8">\n<title>{title}</title>\n'
            '<link rel="stylesheet" href="{css}">\n'
            '<link rel="icon" href="{svg}" type="image/svg+xml">\n'
            '<link rel="icon" href="{png}" type="image/png">\n'
            "</head>\n<body>\n{settings}\n"
            '<div id="swagger-ui"></div>\n'
            '<script src="{bundle}"></script>\n'
            '<script src="{init}"></script>\n'
            "</body>\n</html>\n",
            title=api.title,
            css=asset("swagger-ui.css"),
            svg=asset("favicon.svg"),
            png=asset("favicon.png"),
            settings=json_script(settings, "swagger-settings"),
            bundle=asset("swagger-ui-bundle.js"),
            init=asset("swagger-ui-init.js"),
        )
        return HttpResponse(html)


class PortalAPI(NinjaAPI):
    """The document also describes the optional API key and the rate limits (api_access/openapi.py) and the
    webhooks' payloads (webhooks/openapi.py)."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return describe_webhooks(describe_access(schema))


api = PortalAPI(
    title="Impact Partnership portal API",
    version="1",
    urls_namespace="portal_api",
    description=(
        "The SROI calculator (`POST /sroi/calculate`) takes JSON or a filled-in Value Map workbook: "
        "[download the Value Map template (.xlsx)](/api/portal/sroi/template.xlsx). Registered Impact Creators "
        "can also upload the workbook in the report wizard to start a report from it."
    ),
    docs=LocalSwagger(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)


@api.get("/docs/assets/{name}", include_in_schema=False, url_name=ASSET_URL_NAME)
def docs_asset(request: HttpRequest, name: str) -> HttpResponse:
    content_type = DOCS_ASSETS.get(name)
    if content_type is None:
        return JsonResponse({"detail": "Not Found"}, status=404)
    response = FileResponse((NINJA_STATIC_DIR / name).open("rb"), content_type=content_type)
    response["Cache-Control"] = "public, max-age=86400"
    return response


api.add_router("/sroi", sroi_router)
api.add_router("/sroi", value_map_router)
api.add_router("/", directory_router)
api.add_router("/", benchmarks_router)
api.add_router("/", search_router)
api.add_router("/indicators", indicators_router)
api.add_router("/", funders_router)
