"""HTTP around the open-data API (every path under /api/): open CORS for reading, caching with
validators, conditional GET, HEAD and CORS preflight.

The validators come from the data's version (`monitoring.data_version`), read in one query
before the view: a client whose copy is current gets its 304 without the answer being built,
and every worker gives the same ETag and Last-Modified, with nothing kept in its memory.

Why a few lines here rather than django-cors-headers: the API is public, read-only and sends no
credentials, so the whole CORS policy is one constant header plus the preflight answer.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_etags

from monitoring import data_version

PREFIX = "/api/"
MAX_AGE = 300
ALLOWED_METHODS = "GET, HEAD, OPTIONS"
DEFAULT_ALLOWED_HEADERS = "Accept, Accept-Language, If-None-Match, If-Modified-Since"


class OpenDataMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not request.path_info.startswith(PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS":
            return _cors(_preflight(request))
        head = request.method == "HEAD"
        if head:  # answered as a GET without its body, like Django's own views
            request.method = "GET"
        if request.method != "GET":
            return _cors(_vary(self.get_response(request)))
        # Read before the view: a write committed meanwhile makes the next ETag differ.
        version = data_version.current()
        etag = _etag(request, version)
        if _client_has(request, etag):  # a 304 without building the answer
            return _cors(_vary(_not_modified(etag, version)))
        response = _validated(request, _vary(self.get_response(request)), etag, version)
        if head and not response.streaming:
            response.content = b""
        return _cors(response)


def _preflight(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(status=204)
    response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
    response["Access-Control-Allow-Headers"] = request.headers.get(
        "Access-Control-Request-Headers", DEFAULT_ALLOWED_HEADERS
    )
    response["Access-Control-Max-Age"] = "86400"
    return response


def _cors(response: HttpResponseBase) -> HttpResponseBase:
    # After the conditional check: a 304 carries only a few of the original headers.
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "ETag, Last-Modified"
    return response


def _vary(response: HttpResponseBase) -> HttpResponseBase:
    # Messages (errors, labels of the documentation) follow Accept-Language, even on a 404
    # that the locale middleware leaves alone.
    patch_vary_headers(response, ["Accept-Language"])
    return response


def _etag(request: HttpRequest, version: data_version.Version) -> str:
    """The data's version and what the answer depends on besides the data: the address (hosts
    and scheme appear in its links) and the language asked for. Known before the view runs,
    and the same in every worker."""
    asked = "\n".join(
        (
            request.build_absolute_uri(),
            request.headers.get("Accept-Language", ""),
            request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, ""),
        )
    )
    digest = hashlib.md5(asked.encode(), usedforsecurity=False).hexdigest()
    return f'W/"{version.token}-{digest}"'


def _client_has(request: HttpRequest, etag: str) -> bool:
    """If-None-Match names this ETag (weak comparison)."""
    tags = parse_etags(request.headers.get("If-None-Match", ""))
    return any(tag.removeprefix("W/") == etag.removeprefix("W/") for tag in tags)


def _not_modified(etag: str, version: data_version.Version) -> HttpResponseBase:
    response = HttpResponseNotModified()
    response["ETag"] = etag
    response["Last-Modified"] = http_date(version.changed_at.timestamp())
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


def _validated(
    request: HttpRequest, response: HttpResponseBase, etag: str, version: data_version.Version
) -> HttpResponseBase:
    """For a successful response, the validators and public caching; an error is not cached
    and has no validators, so no client can hold an ETag that answers 304 for it.

    If-Modified-Since alone never answers 304: the moment a write raised the version is taken
    before its transaction commits, and another writer's commit can come later with an earlier
    moment, so a date cannot prove a copy current. The ETag can, and HTTP lets a server ignore
    the date."""
    if not 200 <= response.status_code < 300:
        patch_cache_control(response, no_cache=True)
        return response
    response["ETag"] = etag
    response["Last-Modified"] = http_date(version.changed_at.timestamp())
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response
