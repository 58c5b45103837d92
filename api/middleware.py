"""HTTP around the open-data API (every path under /api/): open CORS for reading, caching with
validators, conditional GET, HEAD and CORS preflight.

Why a few lines here rather than django-cors-headers: the API is public, read-only and sends no
credentials, so the whole CORS policy is one constant header plus the preflight answer.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

PREFIX = "/api/"
MAX_AGE = 300
ALLOWED_METHODS = "GET, HEAD, OPTIONS"
DEFAULT_ALLOWED_HEADERS = "Accept, Accept-Language, If-None-Match, If-Modified-Since"
FIRST_SEEN_SECONDS = 60 * 60 * 24 * 30


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
        response = _vary(self.get_response(request))
        if request.method == "GET" and not response.streaming:
            response = _validated(request, response)
            if head:
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


def _validated(request: HttpRequest, response: HttpResponse) -> HttpResponseBase:
    """A weak ETag of the body and a Last-Modified; for a successful response, public caching
    and a 304 when the client's copy is current."""
    digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
    etag = f'W/"{digest}"'
    response["ETag"] = etag
    last_modified = _first_seen(digest)
    response["Last-Modified"] = http_date(last_modified)
    if not 200 <= response.status_code < 300:
        patch_cache_control(response, no_cache=True)
        return response
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return get_conditional_response(
        request, etag=etag, last_modified=last_modified, response=response
    )


def _first_seen(digest: str) -> int:
    """When this exact body was first served: its Last-Modified. Derived from the body rather
    than from dates in the data, because not every change of published data has a date (a
    corrected assessment keeps its date, a published correction keeps the report's first
    publication date): a changed body is always newer, so If-Modified-Since never answers 304
    for something that changed."""
    return cache.get_or_set(f"api:first-seen:{digest}", int(time.time()), FIRST_SEEN_SECONDS)
