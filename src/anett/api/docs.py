"""The interactive API documentation without internet access.

django-ninja ships Swagger UI's files inside its package (`ninja/static/ninja/`) but falls
back to a CDN when `ninja` is not an installed app. We render our own page that loads the
files from the package through `docs_asset` below, so `/api/v1/docs` works offline and
without another entry in INSTALLED_APPS; nothing is copied into this repository.
"""

import json
import mimetypes
from pathlib import Path

import ninja
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from ninja.openapi.docs import Swagger

ASSET_DIR = Path(ninja.__file__).resolve().parent / "static" / "ninja"
ASSETS = frozenset(
    {"swagger-ui-bundle.js", "swagger-ui-init.js", "swagger-ui.css", "favicon.png", "favicon.svg"}
)


class OfflineSwagger(Swagger):
    template = "api/swagger.html"

    def render_page(self, request, api, **kwargs):
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {
            "swagger_settings": json.dumps(self.settings, indent=1),
            "api": api,
            "add_csrf": True,
        }
        return render(request, self.template, context)


@cache_control(max_age=86400, public=True)
def docs_asset(request, name: str):
    if name not in ASSETS:
        raise Http404
    path = ASSET_DIR / name
    if not path.is_file():
        raise Http404
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FileResponse(path.open("rb"), content_type=content_type)
