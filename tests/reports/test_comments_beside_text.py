"""The government's comments beside the text: each paragraph on the editor page shows its
submitted comments with the rapporteurs' marks, a comment is marked there through its inline
form and the page returns to the paragraph; the paragraph's edit page shows them too."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from reports import services
from reports.models import GovernmentComment, Paragraph
from tests.rendered_forms import form_in, submit

RAPPORTEUR = "expert-kz-2"


@pytest.fixture
def rapporteur(login_as):
    return login_as(RAPPORTEUR)


@pytest.fixture
def comments(kg_report, user_named):
    """Two submitted comments on paragraph 2 and one on recommendation 1."""
    paragraph = Paragraph.objects.get(chapter__report=kg_report, number=2)
    official, contact = user_named("kg-official"), user_named("kg-contact")
    figures = services.comment_add(
        report=kg_report, text="FIGURES are outdated", paragraph=paragraph, actor=official
    )
    names = services.comment_add(
        report=kg_report, text="NAMES of the ministries", paragraph=paragraph, actor=contact
    )
    services.comment_add(
        report=kg_report,
        text="TOO BROAD",
        recommendation=kg_report.recommendations.get(number=1),
        actor=contact,
    )
    services.comments_submit(report=kg_report, actor=contact)
    figures.refresh_from_db()
    names.refresh_from_db()
    return paragraph, figures, names


def editor(client, report):
    return client.get(reverse("reports:editor", args=[report.pk]))


def inline_form(report, comment) -> str:
    return f"form[action='{reverse('reports:comment_respond', args=[report.pk, comment.pk])}']"


def test_marking_inline_returns_to_the_paragraph(rapporteur, kg_report, comments):
    paragraph, figures, _ = comments
    page = editor(rapporteur, kg_report)
    article = BeautifulSoup(page.content, "html.parser").select_one(f"#paragraph-{paragraph.pk}")
    assert "FIGURES are outdated" in article.get_text()
    assert article.select_one(inline_form(kg_report, figures))  # the form is under the comment

    response = submit(
        rapporteur,
        page,
        inline_form(kg_report, figures),
        {"response": "partly", "reply": "Figures for 2025 added."},
    )
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("reports:editor", args=[kg_report.pk]) + f"#paragraph-{paragraph.pk}"
    )
    figures.refresh_from_db()
    assert (figures.rapporteur_response, figures.rapporteur_reply) == (
        "partly",
        "Figures for 2025 added.",
    )
    article = BeautifulSoup(editor(rapporteur, kg_report).content, "html.parser").select_one(
        f"#paragraph-{paragraph.pk}"
    )
    mark = article.select_one(f"#comment-{figures.pk} .report-comment__response--partly")
    assert "Partly taken into account" in mark.get_text()
    assert "Figures for 2025 added." in mark.get_text()


def test_an_error_shows_the_comment_page_which_still_returns(rapporteur, kg_report, comments):
    paragraph, figures, _ = comments
    page = editor(rapporteur, kg_report)
    refused = submit(rapporteur, page, inline_form(kg_report, figures), {"response": "partly"})
    assert refused.status_code == 400
    assert "Explain why it was not taken in full." in refused.content.decode()
    figures.refresh_from_db()
    assert figures.rapporteur_response == ""
    done = submit(rapporteur, refused, "form.procedure-form", {"reply": "Because the law changed."})
    assert done["Location"].endswith(f"#paragraph-{paragraph.pk}")
    figures.refresh_from_db()
    assert figures.rapporteur_response == "partly"


@pytest.mark.parametrize(
    "forged", ["https://evil.example/admin/", "//evil.example/", "/admin/reports/"]
)
def test_a_foreign_return_address_is_ignored(rapporteur, kg_report, comments, forged):
    _, _, names = comments
    page = editor(rapporteur, kg_report)
    response = submit(
        rapporteur,
        page,
        inline_form(kg_report, names),
        {"response": "taken_into_account", "next": forged},
    )
    assert response["Location"] == (
        reverse("reports:editor", args=[kg_report.pk]) + f"#comment-{names.pk}"
    )
    names.refresh_from_db()
    assert names.rapporteur_response == "taken_into_account"


def test_a_recommendation_comment_returns_to_the_recommendation(rapporteur, kg_report, comments):
    comment = GovernmentComment.objects.get(text="TOO BROAD")
    response = submit(
        rapporteur,
        editor(rapporteur, kg_report),
        inline_form(kg_report, comment),
        {"response": "not_taken", "reply": "Kept as adopted."},
    )
    assert response["Location"].endswith(f"#recommendation-{comment.recommendation_id}")


def test_the_edit_page_shows_the_paragraph_comments_and_marks(
    rapporteur, kg_report, comments, user_named
):
    paragraph, figures, names = comments
    services.comment_respond(
        comment=figures, response="taken_into_account", actor=user_named(RAPPORTEUR)
    )
    page = rapporteur.get(reverse("reports:paragraph_edit", args=[kg_report.pk, paragraph.pk]))
    soup = BeautifulSoup(page.content, "html.parser")
    aside = soup.select_one(".editor-with-comments__comments")
    assert (
        "FIGURES are outdated" in aside.get_text() and "NAMES of the ministries" in aside.get_text()
    )
    assert "TOO BROAD" not in aside.get_text()  # a recommendation's comment, not this paragraph's
    assert "Taken into account" in aside.select_one(f"#comment-{figures.pk}").get_text()
    assert "No response yet." in aside.select_one(f"#comment-{names.pk}").get_text()
    # One form on the page: the paragraph's, so nothing typed there is lost to another form.
    assert form_in(page, "form.procedure-form").fields["version"] == ["1"]
    other = Paragraph.objects.get(chapter__report=kg_report, number=1)
    page = rapporteur.get(reverse("reports:paragraph_edit", args=[kg_report.pk, other.pk]))
    assert "FIGURES are outdated" not in page.content.decode()
