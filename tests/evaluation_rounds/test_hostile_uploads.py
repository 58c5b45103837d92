"""A zip bomb attached to a country visit is refused through the visit page's own form before
it is stored. (The checks themselves: tests/monitoring/test_upload_limits.py.)"""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from evaluation_rounds import services, visit_services
from evaluation_rounds.models import EvaluationRound, VisitAttachment
from monitoring.models import Country
from tests import hostile_files
from tests.rendered_forms import submit


def test_a_zip_bomb_attached_to_a_visit_is_refused_and_not_stored(user_named, login_as):
    secretariat = user_named("secretariat")
    round_nine = EvaluationRound.objects.create(
        number=9, title_en="Round 9", title_ru="Раунд 9", status=EvaluationRound.Status.OPEN
    )
    evaluation = services.evaluation_create(
        round=round_nine, country=Country.objects.get(iso_code="KG"), actor=secretariat
    )
    start = timezone.localdate() + timedelta(days=30)
    visit = visit_services.visit_create(
        evaluation=evaluation,
        start_date=start,
        end_date=start + timedelta(days=3),
        delegation=[secretariat],
        actor=secretariat,
    )
    client = login_as("secretariat")
    url = reverse("procedure:visit", args=[visit.pk])
    page = client.get(url)
    assert page.status_code == 200
    refused = submit(
        client,
        page,
        "form[enctype='multipart/form-data']",
        {
            "title": "Signed programme",
            "file": SimpleUploadedFile("programme.docx", hostile_files.zip_bomb()),
        },
        follow=True,
    )
    assert refused.redirect_chain == [(url, 302)]
    assert "The file takes 1024 MB once unpacked; the limit is 200 MB." in refused.content.decode()
    assert not VisitAttachment.objects.filter(visit=visit).exists()
