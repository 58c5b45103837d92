"""The audit log: an entry for every kind of sensitive event, made through the real entry points,
with the actor, the time, the object and the IP; append-only; the secretariat's alone to read,
filter and export."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from demo.seeding import DEMO_PASSWORD
from monitoring.access import EXPERTS_GROUP
from monitoring.models import AuditEvent, Membership, Organisation
from questionnaires import services as questionnaire_services
from questionnaires.models import Response
from reports import services as report_services
from reports.models import Report

Kind = AuditEvent.Kind


@pytest.fixture(autouse=True)
def _only_this_test(demo_data):
    """The demo seed records its own events (it submits and publishes); tests read theirs."""
    global _START
    _START = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


_START = 0


def _events(kind: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(kind=kind, pk__gt=_START))


def _all_events():
    return AuditEvent.objects.filter(pk__gt=_START)


def test_sign_in_and_failed_sign_in_are_recorded_without_the_password(demo_data, client):
    client.post("/admin/login/", {"username": "secretariat", "password": "wrong-guess-123"})
    client.post(
        "/admin/login/",
        {"username": "secretariat", "password": DEMO_PASSWORD},
        REMOTE_ADDR="203.0.113.7",
    )
    (failed,) = _events(Kind.SIGN_IN_FAILED)
    assert (failed.actor, failed.actor_name, failed.ip_address) == (
        None,
        "secretariat",
        "127.0.0.1",
    )
    (signed_in,) = _events(Kind.SIGN_IN)
    assert signed_in.actor.username == "secretariat"
    assert signed_in.ip_address == "203.0.113.7"
    assert signed_in.occurred_at is not None
    for event in _all_events():
        assert "wrong-guess-123" not in f"{event.detail} {event.object_repr} {event.actor_name}"


@override_settings(AUDIT_PROXY_COUNT=1)
def test_behind_the_proxy_the_address_it_appended_is_kept(demo_data, client):
    client.post(
        "/admin/login/",
        {"username": "nobody", "password": "x"},
        HTTP_X_FORWARDED_FOR="10.6.6.6, 198.51.100.4",  # the client forged the first one
    )
    (failed,) = _events(Kind.SIGN_IN_FAILED)
    assert failed.ip_address == "198.51.100.4"


def test_viewing_a_draft_in_the_portal_is_recorded(login_as):
    draft = Report.objects.get(evaluation__country__iso_code="KG", published_at__isnull=True)
    client = login_as("kg-contact")
    assert client.get(reverse("portal:report", args=[draft.pk])).status_code == 200
    assert client.get(reverse("portal:report_pdf", args=[draft.pk])).status_code == 200
    events = _events(Kind.VIEW_DRAFT)
    assert {(e.actor.username, e.object_id, e.get_detail_display()) for e in events} == {
        ("kg-contact", str(draft.pk), ""),
        ("kg-contact", str(draft.pk), "PDF"),
    }
    assert all(e.object_type == "reports.report" for e in events)


def test_reading_and_exporting_a_confidential_answer_is_recorded(login_as):
    ngo_response = Response.objects.get(organisation__name_en='Public Association "El Agartuu"')
    client = login_as("secretariat")
    read = client.get(reverse("questionnaire_reading:response", args=[ngo_response.pk]))
    assert read.status_code == 200
    exported = client.get(reverse("questionnaire_reading:response_csv", args=[ngo_response.pk]))
    assert exported.status_code == 200
    viewed = _events(Kind.VIEW_CONFIDENTIAL)
    assert [(e.object_id, e.get_detail_display()) for e in reversed(viewed)] == [
        (str(ngo_response.pk), "Read"),
        (str(ngo_response.pk), "Export, csv"),
    ]
    (export,) = _events(Kind.EXPORT)
    assert (export.actor.username, export.get_detail_display()) == ("secretariat", "Export, csv")


def test_recommendation_exports_are_recorded(login_as):
    client = login_as("secretariat")
    assert client.get(reverse("recommendations:export_csv"), {"country": "KZ"}).status_code == 200
    (export,) = _events(Kind.EXPORT)
    assert export.get_detail_display() == "Recommendations, csv: country=KZ"


def test_submission_reopening_and_publication_are_recorded(login_as, user_named):
    draft = Report.objects.get(evaluation__country__iso_code="KG", published_at__isnull=True)
    client = login_as("kg-contact")
    submitted = client.post(reverse("portal:report_comments_submit", args=[draft.pk]))
    assert submitted.status_code == 302
    (submission,) = _events(Kind.SUBMISSION)
    assert (submission.actor.username, submission.object_id) == ("kg-contact", str(draft.pk))

    secretariat = user_named("secretariat")
    response = Response.objects.filter(status=Response.Status.SUBMITTED).first()
    questionnaire_services.response_reopen(
        response=response, actor=secretariat, reason="Figures missing"
    )
    published = Report.objects.get(evaluation__country__iso_code="KZ", published_at__isnull=False)
    report_services.report_correction_open(report=published, note="Typo", actor=secretariat)
    report_services.report_publish(
        report=published, actor=secretariat, correction_note="Typo corrected."
    )
    reopenings = _events(Kind.REOPENING)
    assert {(e.object_type, e.get_detail_display()) for e in reopenings} == {
        ("questionnaires.response", "Figures missing"),
        ("reports.report", "Correction: Typo"),
    }
    (publication,) = _events(Kind.PUBLICATION)
    assert publication.get_detail_display() == "Version 2: Typo corrected."
    assert publication.actor == secretariat


def test_a_refused_submission_leaves_no_entry(login_as):
    draft = Report.objects.get(evaluation__country__iso_code="KG", published_at__isnull=True)
    login_as("kz-contact").post(reverse("portal:report_comments_submit", args=[draft.pk]))
    assert _events(Kind.SUBMISSION) == []


def _first_permission_change(user) -> str:
    added = [e for e in _events(Kind.PERMISSION_CHANGE) if e.object_id == str(user.pk)]
    return added[-1].get_detail_display()


def test_permission_changes_are_recorded(demo_data, user_named, django_user_model):
    newcomer = django_user_model.objects.create_user("newcomer", password="a-long-password-1")
    newcomer.groups.add(Group.objects.get(name=EXPERTS_GROUP))
    newcomer.groups.clear()
    membership = Membership.objects.create(
        user=newcomer,
        organisation=Organisation.objects.filter(kind=Organisation.Kind.NGO).first(),
        role=Membership.Role.NGO_RESPONDENT,
    )
    membership.delete()
    details = [
        e.get_detail_display()
        for e in reversed(_events(Kind.PERMISSION_CHANGE))
        if e.object_id == str(newcomer.pk)
    ]
    # The group is stored by its name and read in the reader's language.
    assert details[0].endswith("added: Expert group")
    with translation.override("ru"):
        assert _first_permission_change(newcomer).endswith("Группа экспертов")
    assert details[1].endswith("cleared")
    assert details[2].startswith("Membership created")
    assert details[3].startswith("Membership deleted")


def test_the_log_is_append_only(demo_data, client):
    client.post("/admin/login/", {"username": "secretariat", "password": "nope"})
    event = _all_events().get()
    event.detail = "rewritten"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(detail="rewritten")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    assert _all_events().get().detail == ""


@pytest.mark.parametrize(
    ("username", "can_read"),
    [("secretariat", True), ("admin", True), ("expert-kg", False), ("kg-contact", False)],
)
def test_only_the_secretariat_reads_the_log_and_nobody_edits_it(
    demo_data, client, django_user_model, username, can_read
):
    if username == "admin":
        django_user_model.objects.create_superuser("admin", password="a-long-password-1")
    client.post("/admin/login/", {"username": "someone", "password": "nope"})
    event = _all_events().get()
    client.force_login(django_user_model.objects.get(username=username))
    index = client.get(reverse("auditevent:index"))
    inspect = client.get(reverse("auditevent:inspect", args=[event.pk]))
    if can_read:
        assert index.status_code == inspect.status_code == 200
        assert "someone" in index.content.decode()
        assert reverse("auditevent:inspect", args=[event.pk]) in index.content.decode()
    else:
        assert index.status_code in (302, 403) and inspect.status_code in (302, 403)
    for path in (
        "/admin/auditevent/new/",
        f"/admin/auditevent/edit/{event.pk}/",
        f"/admin/auditevent/delete/{event.pk}/",
    ):
        # No such route: 404 for the readers; the others never get past the admin's door.
        refused = {404} if can_read else {302, 403, 404}
        assert client.get(path).status_code in refused
        assert client.post(path, {"detail": "x"}).status_code in refused
    assert AuditEvent.objects.get(pk=event.pk).detail == ""


def test_the_secretariat_filters_and_exports_the_log(login_as, client):
    client.post("/admin/login/", {"username": "intruder", "password": "nope"})
    secretariat = login_as("secretariat")
    secretariat.get(reverse("recommendations:export_csv"))
    filtered = secretariat.get(reverse("auditevent:index"), {"kind": Kind.SIGN_IN_FAILED})
    page = filtered.content.decode()
    assert "intruder" in page and "recommendations csv" not in page
    exported = secretariat.get(reverse("auditevent:index"), {"export": "csv"})
    assert exported.status_code == 200
    content = b"".join(exported.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    kinds = {row[1] for row in rows[1:]}
    assert rows[0][:3] == ["Time", "Event", "Actor name"]
    assert {Kind.SIGN_IN_FAILED.value, Kind.EXPORT.value} <= kinds
    assert ["intruder", "127.0.0.1"] in [[row[2], row[6]] for row in rows]
