"""Limit/offset pagination with links, and an offset past the end refused (422) rather than
answered with an empty page, so that a client's off-by-one shows at once."""

from __future__ import annotations

from typing import Any, Protocol
from urllib.parse import urlencode

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.pagination import PaginationBase

from .errors import ParameterError

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


class Window(Protocol):
    """What the paginator pages through: a queryset, or a `selectors.LazyPage`."""

    def count(self) -> int: ...

    def __getitem__(self, window: slice) -> Any: ...


class LimitOffsetPagination(PaginationBase):
    class Input(Schema):
        limit: int = Field(
            DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page (at most 200)."
        )
        offset: int = Field(0, ge=0, description="How many items to skip.")

    class Output(Schema):
        count: int = Field(ge=0, description="Items matching, on every page.")
        limit: int
        offset: int
        next: str | None = Field(description="The next page, or null on the last one.")
        previous: str | None = Field(description="The previous page, or null on the first.")
        items: list[Any]

    def paginate_queryset(
        self, queryset: Window, pagination: Input, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        count = queryset.count()
        limit, offset = pagination.limit, pagination.offset
        if offset and offset >= count:
            raise ParameterError(
                "offset",
                str(offset),
                _("There are %(count)s items: the offset must be less than that.")
                % {"count": count},
            )
        return {
            "count": count,
            "limit": limit,
            "offset": offset,
            "next": _link(request, limit, offset + limit) if offset + limit < count else None,
            "previous": _link(request, limit, max(offset - limit, 0)) if offset else None,
            "items": queryset[offset : offset + limit],
        }


def _link(request: HttpRequest, limit: int, offset: int) -> str:
    params = [(k, v) for k, v in request.GET.lists() if k not in ("limit", "offset")]
    pairs = [(key, value) for key, values in params for value in values]
    pairs += [("limit", str(limit)), ("offset", str(offset))]
    return request.build_absolute_uri(f"{request.path}?{urlencode(pairs)}")
