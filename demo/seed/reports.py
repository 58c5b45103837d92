"""Demo reports for `manage.py seed_demo`: Kazakhstan's round-1 report published with the
government's final comments and two follow-up cycles; Kyrgyzstan's draft with the government,
its comments in progress. Texts are in demo/content/reports.py.

Idempotent: a country's report is written once, looked up by evaluation and kind, and left
alone on later runs.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from demo.content import reports as content
from evaluation_rounds.models import CountryEvaluation
from evaluation_rounds.procedure import State
from monitoring.models import Organisation
from questionnaires.models import Response
from recommendations import services as recommendation_services
from recommendations.models import Recommendation
from reports import services
from reports.models import GovernmentComment, Paragraph, Report

PROGRESS_DAYS = (-130, -40)  # by follow-up cycle: when the government reported
ASSESSMENT_DAYS = (-100, -10)  # and when the expert group assessed


def _users(*usernames: str) -> dict:
    return {u.username: u for u in get_user_model().objects.filter(username__in=usernames)}


def _evaluation(iso: str) -> CountryEvaluation | None:
    return (
        CountryEvaluation.objects.filter(
            round__number=1, country__iso_code=iso, kind=CountryEvaluation.Kind.REGULAR
        )
        .select_related("country")
        .first()
    )


def _write(evaluation, chapters, recommendations, *, secretariat, rapporteur) -> Report:
    """The report through the services, so revisions and numbering are the real ones. Each
    paragraph is appended at the end of the last chapter, so renumbering touches one row."""
    country = evaluation.country
    report = services.report_create(
        evaluation=evaluation,
        title_en=f"Evaluation report on {country.name_en}: first evaluation round",
        title_ru=f"Доклад об оценке: {country.name_ru}, первый раунд оценки",
        language=Report.Language.ENGLISH,
        actor=secretariat,
    )
    paragraphs: dict[tuple[str, int], Paragraph] = {}
    for number, title_en, title_ru, texts in chapters:
        chapter = services.chapter_create(
            report=report, number=number, title_en=title_en, title_ru=title_ru, actor=rapporteur
        )
        for index, (text_en, text_ru) in enumerate(texts):
            paragraphs[number, index] = services.paragraph_insert(
                chapter=chapter, text_en=text_en, text_ru=text_ru, actor=rapporteur
            )
    organisations = {o.name_en: o for o in Organisation.objects.filter(country=country)}
    for chapter, index, strength, themes, articles, addressees, sdg, en, ru in recommendations:
        recommendation_services.recommendation_create(
            paragraph=paragraphs[chapter, index],
            strength=strength,
            text_en=en,
            text_ru=ru,
            themes=themes,
            convention_articles=articles,
            addressees=[organisations[name] for name in addressees],
            sdg_target=sdg,
            actor=rapporteur,
        )
    return report


def _past(days: int) -> datetime:
    return timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days), time(10)))


def _kazakhstan_comments(report: Report, users: dict) -> None:
    """The demo evaluation is already published, past both comment windows, so the comments
    are written as they stood then: submitted by the contact person, draft ones answered."""
    contact, official, rapporteur = users["kz-contact"], users["kz-official"], users["expert-kg"]
    by_number = {p.number: p for p in Paragraph.objects.filter(chapter__report=report)}
    for number, text, response, reply in content.KZ_DRAFT_COMMENTS:
        GovernmentComment.objects.create(
            report=report,
            paragraph=by_number[number],
            author=official,
            kind=GovernmentComment.Kind.DRAFT,
            status=GovernmentComment.Status.SUBMITTED,
            text=text,
            submitted_at=_past(-660),
            submitted_by=contact,
            rapporteur_response=response,
            rapporteur_reply=reply,
            responded_by=rapporteur,
        )
    for index, text in enumerate(content.KZ_FINAL_COMMENTS):
        GovernmentComment.objects.create(
            report=report,
            paragraph=by_number[19] if index else None,
            author=contact,
            kind=GovernmentComment.Kind.FINAL,
            status=GovernmentComment.Status.SUBMITTED,
            text=text,
            submitted_at=_past(-500),
            submitted_by=contact,
        )


def _kazakhstan_follow_up(report: Report, users: dict) -> None:
    reporters = (users["kz-contact"], users["kz-official"])
    assessors = (users["expert-kg"], users["expert-tj-2"])
    today = timezone.localdate()
    recommendations = {
        r.number: r
        for r in Recommendation.objects.filter(report=report)
        .select_related("report__evaluation")
        .prefetch_related("addressees")
    }
    for number, cycles in content.KZ_FOLLOW_UP.items():
        recommendation = recommendations[number]
        body = recommendation.addressees.all()[0]
        russian = content.KZ_FOLLOW_UP_RU[number]
        for cycle, (status, reasoning) in enumerate(cycles, start=1):
            text = content.KZ_PROGRESS[number]
            if cycle > 1:
                text = f"Further to our previous report: {text[0].lower()}{text[1:]}"
            recommendation_services.progress_update_add(
                recommendation=recommendation,
                text=text,
                reported_on=today + timedelta(PROGRESS_DAYS[cycle - 1]),
                links="https://www.gov.kz/\n" if number % 3 == 0 else "",
                responsible_body=body,
                submitted=True,
                actor=reporters[number % 2],
            )
            recommendation_services.assessment_record(
                recommendation=recommendation,
                status=status,
                reasoning_en=f"{reasoning} (Demonstration assessment.)",
                reasoning_ru=f"{russian[cycle - 1]} (Демонстрационная оценка.)",
                cycle=cycle,
                assessed_on=today + timedelta(ASSESSMENT_DAYS[cycle - 1]),
                actor=assessors[cycle - 1],
            )


def seed_kazakhstan(users: dict) -> None:
    evaluation = _evaluation("KZ")
    if evaluation is None or evaluation.state != State.PUBLISHED:
        return
    if evaluation.reports.filter(kind=Report.Kind.EVALUATION).exists():
        return
    secretariat = users["secretariat"]
    report = _write(
        evaluation,
        content.KZ_CHAPTERS,
        content.KZ_RECOMMENDATIONS,
        secretariat=secretariat,
        rapporteur=users["expert-kg"],
    )
    _kazakhstan_comments(report, users)
    report = services.report_publish(report=report, actor=secretariat)
    # Published when the procedure says it was, so the ageing of open recommendations is real.
    published_on = evaluation.transitions.filter(to_state=State.PUBLISHED).first().occurred_on
    published_at = timezone.make_aware(datetime.combine(published_on, time(12)))
    Report.objects.filter(pk=report.pk).update(published_at=published_at)
    report.publications.update(published_at=published_at)
    # The government's reply went public with the report (GRETA's practice), on the same day.
    report.reply_publications.update(decided_at=published_at)
    Response.objects.filter(
        reply_publications__report=report, reply_published_at__isnull=False
    ).update(reply_published_at=published_at)
    report.recommendations.update(public_since=published_at)
    _kazakhstan_follow_up(report, users)


def seed_kyrgyzstan(users: dict) -> None:
    evaluation = _evaluation("KG")
    if evaluation is None or evaluation.state != State.DRAFT_WITH_GOVERNMENT:
        return
    if evaluation.reports.filter(kind=Report.Kind.EVALUATION).exists():
        return
    report = _write(
        evaluation,
        content.KG_CHAPTERS,
        content.KG_RECOMMENDATIONS,
        secretariat=users["secretariat"],
        rapporteur=users["expert-kz-2"],
    )
    paragraphs = {p.number: p for p in Paragraph.objects.filter(chapter__report=report)}
    recommendations = {r.number: r for r in report.recommendations.all()}
    for username, paragraph, recommendation, text in content.KG_COMMENTS:
        services.comment_add(
            report=report,
            paragraph=paragraphs.get(paragraph),
            recommendation=recommendations.get(recommendation),
            text=text,
            actor=users[username],
        )


@transaction.atomic
def seed_reports() -> None:
    users = _users(
        "secretariat", "expert-kg", "expert-tj-2", "expert-kz-2", "kz-contact", "kz-official",
        "kg-contact", "kg-official",
    )  # fmt: skip
    seed_kazakhstan(users)
    seed_kyrgyzstan(users)
