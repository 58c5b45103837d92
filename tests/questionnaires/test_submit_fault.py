"""The database goes away in the middle of a submission: the response stays in progress with
every answer intact, the contact person reads a clear message and can retry, and the retry
succeeds. The failure is the database driver's own error (django.db.OperationalError), raised
at the moment the submission writes the response's new status."""

from __future__ import annotations

from django.db import OperationalError, connection
from django.urls import reverse

from demo.seed.questionnaires import answer_all
from questionnaires.models import Answer, Response

from .test_submission import fresh_dispatch  # noqa: F401 (a fixture)


def _drop_on_status_write(execute, sql, params, many, context):
    if sql.lstrip().upper().startswith('UPDATE "QUESTIONNAIRES_RESPONSE"'):
        raise OperationalError("server closed the connection unexpectedly")
    return execute(sql, params, many, context)


def test_a_dropped_connection_during_submit_loses_nothing(fresh_dispatch, client):  # noqa: F811
    _evaluation, response, contact = fresh_dispatch
    answer_all(response, contact, "KZ")
    answers_before = sorted(
        Answer.objects.filter(response=response).values_list("question_id", "value", "version")
    )
    assert answers_before
    client.force_login(contact)
    url = reverse("portal:submit", args=[response.pk])

    with connection.execute_wrapper(_drop_on_status_write):
        failed = client.post(url)

    assert failed.status_code == 503
    page = failed.content.decode()
    assert "Nothing is lost" in page and "Please submit again" in page
    assert 'type="submit"' in page  # the retry is one click away
    response.refresh_from_db()
    assert response.status != Response.Status.SUBMITTED
    assert response.submitted_at is None
    answers_after = sorted(
        Answer.objects.filter(response=response).values_list("question_id", "value", "version")
    )
    assert answers_after == answers_before

    retried = client.post(url)
    assert retried.status_code == 302
    response.refresh_from_db()
    assert response.status == Response.Status.SUBMITTED
