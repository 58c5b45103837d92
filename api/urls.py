"""The open-data API at /api/v1/: its OpenAPI document at /api/v1/openapi.json and its
interactive documentation at /api/v1/docs (Swagger UI served from ninja's own static files,
so it works offline)."""

from django.urls import path
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger
from ninja.renderers import JSONRenderer

from . import errors
from .replies import router as replies_router
from .views import router


class Renderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}  # Russian text stays readable


api = NinjaAPI(
    title="Central Asia anti-trafficking monitoring: open data",
    version="1",
    description=(
        "Published reports, recommendations and their implementation status. Read-only, "
        "public, cacheable (ETag, Last-Modified). Documentation: docs/api.md."
    ),
    urls_namespace="api-v1",
    docs=Swagger(),
    renderer=Renderer(),
)
api.add_router("", router)
api.add_router("", replies_router)
errors.install(api)

urlpatterns = [path("", api.urls)]
