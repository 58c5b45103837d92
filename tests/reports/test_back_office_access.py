"""Who may use the back-office report screens: every role against the index, the editor, each
editing action (GET form and POST) and the version diff. Refused writes change nothing.

Outcomes: "ok" (the page), "done" (the action went through and leads back to the report),
"refused" (the service refused with a message, status 400),
"denied" (Wagtail turns PermissionDenied into a message and a redirect to /admin/), "login"
(no back-office access at all: portal users and anonymous visitors go to the admin login).
Kyrgyzstan's draft is with the government; its rapporteurs are expert-kz-2 and expert-uz.
"""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from recommendations.models import Recommendation
from reports import services
from reports.models import Chapter, GovernmentComment, Paragraph
from tests.reports.rich_text import contentstate_for, plain_contentstate_for

STAFF_READ = {"index": "ok", "editor": "ok", "compare": "ok"}
NO_ACCESS = "login"

ROLES = {
    # username: (reading outcome, writing outcome, creating reports)
    None: (NO_ACCESS, NO_ACCESS, NO_ACCESS),
    "ngo-kg": (NO_ACCESS, NO_ACCESS, NO_ACCESS),
    "kz-contact": (NO_ACCESS, NO_ACCESS, NO_ACCESS),
    "kz-official": (NO_ACCESS, NO_ACCESS, NO_ACCESS),
    "kg-contact": (NO_ACCESS, NO_ACCESS, NO_ACCESS),
    "kg-official": (NO_ACCESS, NO_ACCESS, NO_ACCESS),
    # creating: a rapporteur creates her own evaluations' reports (both are rapporteurs of one)
    "expert-kg": ("ok", "denied", "ok"),  # an expert, not a rapporteur of Kyrgyzstan
    "expert-kz-2": ("ok", "done", "ok"),  # rapporteur
    "secretariat": ("ok", "done", "ok"),
}


def outcome(response) -> str:
    if response.status_code == 200:
        return "ok"
    if response.status_code == 400:
        return "refused"
    assert response.status_code == 302, response.status_code
    location = response["Location"]
    if location.startswith("/admin/login/"):
        return "login"
    if location == "/admin/":
        return "denied"
    assert location.startswith("/admin/reports/"), location
    return "done"


@dataclass
class Target:
    report: object
    paragraph: Paragraph
    recommendation: Recommendation
    comment: GovernmentComment


@pytest.fixture
def target(kg_report, user_named):
    paragraph = Paragraph.objects.get(chapter__report=kg_report, number=3)
    contact = user_named("kg-contact")
    comment = services.comment_add(
        report=kg_report, text="Please update", paragraph=paragraph, actor=contact
    )
    services.comments_submit(report=kg_report, actor=contact)
    return Target(kg_report, paragraph, kg_report.recommendations.get(number=1), comment)


def snapshot(report):
    return (
        list(Chapter.objects.filter(report=report).values_list("pk", "number", "title_en")),
        list(
            Paragraph.objects.filter(chapter__report=report).values_list(
                "pk", "number", "chapter_id", "text_en"
            )
        ),
        list(Recommendation.objects.filter(report=report).values_list("pk", "strength", "text_en")),
        list(
            GovernmentComment.objects.filter(report=report).values_list(
                "pk", "rapporteur_response", "rapporteur_reply"
            )
        ),
    )


def writes(t: Target):
    """(name, url, POST data or None for a GET of the form), in an order that works when every
    one goes through."""
    pk, p, r = t.report.pk, t.paragraph.pk, t.recommendation.pk
    chapter = t.paragraph.chapter_id
    recommendation = {
        "paragraph": p,
        "strength": "urges",
        "text_en": plain_contentstate_for("Protect victims."),
        "themes": ["protection"],
    }
    return [
        ("paragraph_add form", reverse("reports:paragraph_add", args=[pk]), None),
        ("paragraph_edit form", reverse("reports:paragraph_edit", args=[pk, p]), None),
        ("paragraph_move form", reverse("reports:paragraph_move", args=[pk, p]), None),
        ("paragraph_delete confirm", reverse("reports:paragraph_delete", args=[pk, p]), None),
        ("recommendation_add form", reverse("recommendations:recommendation_add", args=[pk]), None),
        (
            "recommendation_edit form",
            reverse("recommendations:recommendation_edit", args=[pk, r]),
            None,
        ),
        ("comment_respond form", reverse("reports:comment_respond", args=[pk, t.comment.pk]), None),
        (
            "chapter_add",
            reverse("reports:chapter_add", args=[pk]),
            {"number": "9", "title_en": "Annex"},
        ),
        (
            "paragraph_add",
            reverse("reports:paragraph_add", args=[pk]),
            {"chapter": chapter, "position": 1, "text_en": contentstate_for("<p>Added</p>")},
        ),
        (
            "paragraph_edit",
            reverse("reports:paragraph_edit", args=[pk, p]),
            # an edit names the version it read (the form's hidden input): the first
            {"text_en": contentstate_for("<p>Edited</p>"), "text_ru": "null", "version": 1},
        ),
        ("paragraph_move", reverse("reports:paragraph_move", args=[pk, p]), {"direction": "up"}),
        (
            "recommendation_add",
            reverse("recommendations:recommendation_add", args=[pk]),
            recommendation,
        ),
        (
            "recommendation_edit",
            reverse("recommendations:recommendation_edit", args=[pk, r]),
            {
                **recommendation,
                "paragraph": t.recommendation.paragraph_id,
                "strength": "invites",
                "version": 1,
            },
        ),
        (
            "comment_respond",
            reverse("reports:comment_respond", args=[pk, t.comment.pk]),
            {"response": "taken_into_account"},
        ),
    ]


@pytest.mark.parametrize("username", list(ROLES))
def test_matrix(client, user_named, target, username):
    reading, writing, creating = ROLES[username]
    if username:
        client.force_login(user_named(username))
    pk = target.report.pk
    for name, url in [
        ("index", reverse("reports:index")),
        ("editor", reverse("reports:editor", args=[pk])),
        ("compare", reverse("reports:compare", args=[pk])),
    ]:
        assert outcome(client.get(url)) == reading, name
    assert outcome(client.get(reverse("reports:add"))) == creating

    before = snapshot(target.report)
    for name, url, data in writes(target):
        response = client.get(url) if data is None else client.post(url, data)
        expected = ("ok" if writing == "done" else writing) if data is None else writing
        assert outcome(response) == expected, name
    after = snapshot(target.report)
    if writing == "done":
        assert after != before
        assert Paragraph.objects.filter(text_en="<p>Added</p>").exists()
        assert Recommendation.objects.filter(  # typed as a fragment, stored as a sentence
            text_en="The expert group urges the authorities to protect victims."
        ).exists()
        target.comment.refresh_from_db()
        assert target.comment.rapporteur_response == "taken_into_account"
        delete = reverse("reports:paragraph_delete", args=[pk, target.paragraph.pk])
        assert outcome(client.post(delete)) == "refused"  # a recommendation is anchored
    else:
        assert after == before
        delete = reverse("reports:paragraph_delete", args=[pk, target.paragraph.pk])
        assert outcome(client.post(delete)) == writing
        assert Paragraph.objects.filter(pk=target.paragraph.pk).exists()


def test_portal_users_never_reach_the_draft_text(client, user_named, target):
    """Even the evaluated government reads its draft in the portal, never in the back office."""
    for username in ("kg-contact", "kg-official", "kz-contact", "ngo-kg"):
        client.force_login(user_named(username))
        response = client.get(reverse("reports:editor", args=[target.report.pk]), follow=True)
        assert "Chapter 1, text 1" not in response.content.decode()


@pytest.mark.parametrize(
    ("username", "shown"), [("expert-kg", True), ("secretariat", True), ("kg-contact", False)]
)
def test_menu_item_only_for_staff(rf, user_named, username, shown):
    from wagtail.admin.menu import admin_menu

    index = reverse("reports:index")  # loads the admin URLs, which register the viewsets
    request = rf.get("/admin/")
    request.user = user_named(username)
    urls = [item.url for item in admin_menu.menu_items_for_request(request)]
    assert (index in urls) is shown


def test_unknown_report_is_404_for_staff(client, user_named, demo_data):
    client.force_login(user_named("secretariat"))
    assert client.get(reverse("reports:editor", args=[999999])).status_code == 404


def test_a_rapporteur_creates_her_evaluations_report_through_the_form(login_as, user_named):
    """From a new evaluation: its rapporteur opens "New report", sees only the evaluations she
    is rapporteur of, and creates the report; another evaluation's id is refused; an expert who
    is nobody's rapporteur is not offered the screen."""
    from evaluation_rounds import services as procedure
    from evaluation_rounds.models import EvaluationRound, Rapporteur
    from monitoring.models import Country, ExpertMember
    from reports.models import Report
    from tests.rendered_forms import form_in

    secretariat = user_named("secretariat")
    new_round = EvaluationRound.objects.create(
        number=15, title_en="Round 15", title_ru="Раунд 15", status=EvaluationRound.Status.OPEN
    )
    mine, theirs = (
        procedure.evaluation_create(
            round=new_round, country=Country.objects.get(iso_code=iso), actor=secretariat
        )
        for iso in ("TJ", "TM")
    )
    procedure.rapporteurs_assign(
        evaluation=mine,
        experts=list(ExpertMember.objects.filter(user__username__in=["expert-uz", "expert-kz-2"])),
        actor=secretariat,
    )
    client = login_as("expert-uz")
    page = client.get(reverse("reports:add"))
    assert page.status_code == 200
    form = form_in(page, "form[method=post]")
    content = page.content.decode()
    assert f'value="{mine.pk}"' in content and f'value="{theirs.pk}"' not in content

    refused = client.post(form.action, form.data({"evaluation": str(theirs.pk), "title_en": "X"}))
    assert refused.status_code == 400
    assert not Report.objects.filter(evaluation=theirs).exists()

    created = client.post(
        form.action, form.data({"evaluation": str(mine.pk), "title_en": "Tajikistan, round 15"})
    )
    assert created.status_code == 302
    report = Report.objects.get(evaluation=mine)
    assert report.title_en == "Tajikistan, round 15"
    assert client.get(reverse("reports:editor", args=[report.pk])).status_code == 200

    nobody = ExpertMember.objects.get(user__username="expert-tm")
    Rapporteur.objects.filter(expert=nobody).delete()
    client.force_login(nobody.user)
    assert outcome(client.get(reverse("reports:add"))) == "denied"
    assert "New report" not in client.get(reverse("reports:index")).content.decode()
