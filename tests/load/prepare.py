"""Data for the load test, on top of the demo: respondents with an answer each, and the public
pages the visitors browse. Writes the plan that the locustfile reads."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

RESPONDENTS = 50
PASSWORD = "load-test-password-2026"


def signed_in_session(user) -> str:
    """A session as the sign-in form leaves it: respondents signed in before the measured minute
    (password hashing at sign-in is deliberately slow and not what this test measures)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from accounts import second_factor

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[second_factor.SESSION_KEY] = second_factor.NOT_REQUIRED
    session.create()
    return session.session_key


def prepare(plan_path: Path) -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from cms.models import CountryPage
    from evaluation_rounds.models import CountryEvaluation
    from monitoring.models import Membership, Organisation
    from questionnaires.models import Question, Response
    from reports.models import Report

    evaluation = CountryEvaluation.objects.get(round__number=1, country__iso_code="KG")
    template = Response.objects.filter(evaluation=evaluation, organisation__kind="ngo").first()
    question = (
        Question.objects.filter(section__questionnaire=template.questionnaire)
        .filter(question_type__in=["long_text", "short_text"])
        .order_by("section__sort_order", "sort_order")
        .first()
    )
    password_hash = make_password(PASSWORD)
    respondents = []
    for number in range(RESPONDENTS):
        ngo = Organisation.objects.create(
            kind=Organisation.Kind.NGO,
            country=evaluation.country,
            name_en=f"Load-test NGO {number}",
            name_ru=f"НПО нагрузочного теста {number}",
        )
        user = get_user_model().objects.create(
            username=f"load-ngo-{number}",
            email=f"load-ngo-{number}@load.example",
            password=password_hash,
        )
        Membership.objects.create(user=user, organisation=ngo, role=Membership.Role.NGO_RESPONDENT)
        response = Response.objects.create(
            questionnaire=template.questionnaire,
            evaluation=evaluation,
            organisation=ngo,
            due_on=date(2030, 1, 1),
        )
        respondents.append(
            {
                "username": user.username,
                "session": signed_in_session(user),
                "response": response.pk,
                "question": question.pk,
                "field": f"q{question.pk}",
                "section": question.section_id,
            }
        )
    report_pages = []
    for report in Report.objects.filter(published_at__isnull=False).select_related(
        "evaluation__country"
    ):
        page = CountryPage.objects.filter(
            country=report.evaluation.country, locale__language_code="en"
        ).first()
        if page is not None:
            report_pages.append(f"{page.url}reports/{report.pk}/")
    plan = {"password": PASSWORD, "respondents": respondents, "report_pages": report_pages}
    plan_path.write_text(json.dumps(plan, indent=1))
    print(f"prepared {len(respondents)} respondents, {len(report_pages)} report pages")


if __name__ == "__main__":
    import django

    django.setup()
    prepare(Path(sys.argv[1]))
