"""Who may change a government comment before it is submitted: its author, and the contact
person, who speaks for the government and submits every comment. Another official may not
overwrite or delete a colleague's comment, whatever the page they post from."""

import pytest
from django.test import Client
from django.urls import reverse

from reports import services
from reports.models import GovernmentComment
from tests.rendered_forms import submit

REFUSAL = "Only the comment&#x27;s author or the contact person may change it."


@pytest.fixture
def client_of(user_named):
    def signed_in(username: str) -> Client:
        client = Client()
        client.force_login(user_named(username))
        return client

    return signed_in


def _edit_url(comment):
    return reverse("portal:report_comment_edit", args=[comment.report_id, comment.pk])


def _delete_url(comment):
    return reverse("portal:report_comment_delete", args=[comment.report_id, comment.pk])


def test_an_official_cannot_overwrite_the_contact_persons_comment(kg_report, user_named, client_of):
    comment = services.comment_add(
        report=kg_report, text="The contact person's wording.", actor=user_named("kg-contact")
    )
    contact, official = client_of("kg-contact"), client_of("kg-official")
    # The edit form as it was rendered (for the contact person), posted by the official.
    form_page = contact.get(_edit_url(comment))
    assert form_page.status_code == 200
    answer = submit(official, form_page, "form.form", {"text": "The official's rewording."})
    assert answer.status_code == 400
    html = answer.content.decode()
    assert REFUSAL in html
    assert "The official&#x27;s rewording." in html  # the text typed is kept on the page
    comment.refresh_from_db()
    assert comment.text == "The contact person's wording."
    assert comment.author.username == "kg-contact"

    # The official's own view offers neither editing nor deleting it.
    report_page = official.get(reverse("portal:report", args=[kg_report.pk])).content.decode()
    assert f'id="comment-{comment.pk}"' in report_page
    assert _edit_url(comment) not in report_page and _delete_url(comment) not in report_page
    refused = official.get(_edit_url(comment), follow=True)
    report_url = reverse("portal:report", args=[kg_report.pk])
    assert refused.redirect_chain[-1][0] == f"{report_url}#comment-{comment.pk}"
    assert REFUSAL in refused.content.decode()


def test_an_official_cannot_delete_the_contact_persons_comment(kg_report, user_named, client_of):
    comment = services.comment_add(
        report=kg_report, text="Keep this one.", actor=user_named("kg-contact")
    )
    confirmation = client_of("kg-contact").get(_delete_url(comment))
    answer = submit(client_of("kg-official"), confirmation, "main form", follow=True)
    assert REFUSAL in answer.content.decode()
    assert GovernmentComment.objects.filter(pk=comment.pk).exists()


def test_the_author_and_the_contact_person_edit_through_the_form(kg_report, user_named, client_of):
    comment = services.comment_add(
        report=kg_report, text="First wording.", actor=user_named("kg-official")
    )
    official = client_of("kg-official")
    answer = submit(official, official.get(_edit_url(comment)), "form.form", {"text": "Second."})
    assert answer.status_code == 302
    comment.refresh_from_db()
    assert comment.text == "Second."

    contact = client_of("kg-contact")
    answer = submit(contact, contact.get(_edit_url(comment)), "form.form", {"text": "Third."})
    assert answer.status_code == 302
    comment.refresh_from_db()
    assert comment.text == "Third."
    assert comment.author.username == "kg-official"
