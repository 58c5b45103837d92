"""Errors of the open-data API, all in one shape (`schemas.Error`): a sentence in `detail` and,
for bad parameters (422), one entry per parameter with the value refused and what to send
instead. Messages are translated (Accept-Language); codes and parameter names are not."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja.errors import ValidationError

if TYPE_CHECKING:
    from ninja import NinjaAPI


class ParameterError(Exception):
    """A parameter that passed the schema but cannot be served (an offset past the end)."""

    def __init__(self, parameter: str, value: str, message: str, location: str = "query"):
        super().__init__(message)
        self.item = {
            "location": location,
            "parameter": parameter,
            "value": value,
            "message": message,
        }


PATTERN_MESSAGES = {
    "country": lambda: _("Give a two-letter ISO country code, such as KZ."),
    "sdg": lambda: _("Give an SDG target such as 5.2, 8.7 or 16.2."),
}


def _message(error: dict[str, Any], parameter: str, value: str | None) -> str:
    kind, context = error.get("type", ""), error.get("ctx") or {}
    if kind in ("enum", "literal_error"):
        expected = str(context.get("expected", "")).replace("'", "")
        return _("Unknown value “%(value)s”: use one of %(expected)s.") % {
            "value": value,
            "expected": expected,
        }
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("“%(value)s” is not a whole number.") % {"value": value}
    if kind == "greater_than_equal":
        return _("The smallest value allowed is %(limit)s.") % {"limit": context.get("ge")}
    if kind == "less_than_equal":
        return _("The largest value allowed is %(limit)s.") % {"limit": context.get("le")}
    if kind == "string_pattern_mismatch":
        message = PATTERN_MESSAGES.get(parameter)
        return message() if message else _("“%(value)s” is not valid here.") % {"value": value}
    if kind == "too_long":
        return _("At most %(count)s values are allowed.") % {"count": context.get("max_length")}
    if kind == "string_too_long":
        return _("At most %(count)s characters are allowed.") % {"count": context.get("max_length")}
    return str(error.get("msg", _("Not valid.")))


def _sent(request: HttpRequest, where: str, parameter: str, index: int | None) -> str | None:
    """The value the client sent (ninja drops it from validation errors)."""
    if where == "path":
        match = request.resolver_match
        value = match.kwargs.get(parameter) if match else None
        return None if value is None else str(value)
    values = request.GET.getlist(parameter)
    if not values:
        return None
    if index is not None and index < len(values):
        return values[index]
    return values[-1]


def _items(request: HttpRequest, errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    items = []
    for error in errors:
        location = [str(part) for part in error.get("loc", ())]
        where = location[0] if location else "query"
        # ninja flattens a query schema: ("query", "strength", 0) or ("query", "limit")
        names = [part for part in location[1:] if not part.isdigit()]
        indexes = [int(part) for part in location[1:] if part.isdigit()]
        parameter = names[-1] if names else ""
        value = _sent(request, where, parameter, indexes[-1] if indexes else None)
        items.append(
            {
                "location": where,
                "parameter": parameter,
                "value": value,
                "message": _message(error, parameter, value),
            }
        )
    return items


def _summary(items: list[dict[str, Any]]) -> str:
    problems = " ".join(f"{item['parameter']}: {item['message']}" for item in items)
    return _("Invalid parameters. %(problems)s") % {"problems": problems}


def install(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        items = _items(request, list(exc.errors))
        return api.create_response(
            request, {"detail": _summary(items), "errors": items}, status=422
        )

    @api.exception_handler(ParameterError)
    def unserviceable(request: HttpRequest, exc: ParameterError) -> HttpResponse:
        return api.create_response(
            request, {"detail": _summary([exc.item]), "errors": [exc.item]}, status=422
        )

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        detail = str(exc) if exc.args else _("Not found.")
        return api.create_response(request, {"detail": detail, "errors": []}, status=404)
