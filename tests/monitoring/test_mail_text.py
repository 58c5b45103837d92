"""E-mails are plain text: a name or a phrase with an apostrophe or quotes arrives as written,
not as HTML entities (the templates are Django templates, which escape for HTML by default)."""

from django.core import mail

from accounts import services
from monitoring.models import Country, Membership, Organisation


def test_an_invitation_reads_as_written(user_named, demo_data):
    organisation = Organisation.objects.create(
        kind=Organisation.Kind.NGO,
        country=Country.objects.get(iso_code="KG"),
        name_en="Women's Support Centre",
        name_ru="Центр поддержки женщин",
    )
    mail.outbox.clear()
    services.invite_respondent(
        email="s.oneil@example.org",
        first_name="Siobhán",
        last_name="O'Neil",
        organisation=organisation,
        role=Membership.Role.NGO_RESPONDENT,
        language="en",
        invited_by=user_named("secretariat"),
    )
    (message,) = mail.outbox
    assert "Dear Siobhán O'Neil," in message.body
    assert "invites you to the respondents' portal" in message.body
    for entity in ("&#x27;", "&quot;", "&amp;", "&#39;"):
        assert entity not in message.subject + message.body
