"""Schemathesis against the API's own OpenAPI document, served by the Django app through WSGI,
on the demo data (a published report with assessments beside a confidential draft).

Every operation gets generated requests: valid ones must answer without a server error, with
a documented status, content type, headers and a body matching the documented schema;
invalid ones (negative mode) must be refused with a 4xx, never a 500.

Not run: `positive_data_acceptance`, because a valid `offset` past the last item is refused
(422) on purpose (docs/api.md), which the schema alone cannot say.
"""

from contextlib import contextmanager

import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode, checks

from recommendations.models import Recommendation
from reports.models import ReplyPublication, Report

EXAMPLES = {GenerationMode.POSITIVE: 25, GenerationMode.NEGATIVE: 10}
CHECKS = {
    GenerationMode.POSITIVE: [
        checks.not_a_server_error,
        checks.status_code_conformance,
        checks.content_type_conformance,
        checks.response_headers_conformance,
        checks.response_schema_conformance,
    ],
    GenerationMode.NEGATIVE: [
        checks.not_a_server_error,
        checks.status_code_conformance,
        checks.negative_data_rejection,
    ],
}


def _run(operation, mode: GenerationMode, **fixed) -> None:
    @given(case=operation.as_strategy(generation_mode=mode, **fixed))
    @settings(
        max_examples=EXAMPLES[mode],
        deadline=None,  # the first request of an operation warms caches
        database=None,  # no example database to replay: derandomized instead
        derandomize=True,  # the same examples on every run, so a failure reproduces
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def check(case):
        case.call_and_validate(checks=CHECKS[mode])

    check()


@contextmanager
def _connection_kept_open():
    """The WSGI handler closes the database connection after each request, which would end
    the test's transaction (PostgreSQL); Django's test client avoids it the same way."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


def test_every_operation_conforms_to_the_openapi_document(demo_data):
    with _connection_kept_open():
        _check_every_operation()


def _check_every_operation():
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {operation.path for operation in operations} == {
        "/api/v1/countries",
        "/api/v1/rounds",
        "/api/v1/reports",
        "/api/v1/reports/{report_id}",
        "/api/v1/recommendations",
        "/api/v1/recommendations/{recommendation_id}/history",
        "/api/v1/statistics",
        "/api/v1/indicators",
        "/api/v1/indicators/{code}/table",
        "/api/v1/replies",
        "/api/v1/replies/{reply_id}",
    }
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _run(operation, mode)
    # Generated ids rarely exist: the detail operations once more with real published ones.
    published = {
        "report_id": Report.objects.get(evaluation__country__iso_code="KZ").pk,
        "recommendation_id": Recommendation.objects.filter(report__published_at__isnull=False)
        .order_by("pk")
        .first()
        .pk,
        "code": "investigations",
        "reply_id": ReplyPublication.objects.filter(outcome="published").order_by("pk").first().pk,
    }
    for operation in operations:
        names = [parameter.name for parameter in operation.path_parameters]
        if names:
            fixed = {name: published[name] for name in names}
            _run(operation, GenerationMode.POSITIVE, path_parameters=fixed)
