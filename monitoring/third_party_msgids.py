"""Msgids of third-party packages whose own Russian catalogue lacks them.

Never imported: `makemessages` reads this file, so the project's catalogue
(monitoring/locale, first in LOCALE_PATHS) gets these msgids, and Django finds our Russian
before the package's missing one. Keep each msgid exactly as the package writes it.
"""

from django.utils.translation import gettext_noop

THIRD_PARTY_MSGIDS = (
    # Django 6.1's BLANK_CHOICE_LABEL (django.db.models.fields), new in 6.1 and not yet in its
    # Russian catalogue; model choice fields and Wagtail's ChoiceBlock show it.
    gettext_noop("- Select an option -"),
    # Wagtail 8's admin (wagtailadmin/generic/form.html, pages/listing/_page_title_column_header
    # .html): absent from its Russian catalogue.
    gettext_noop("Actions (footer)"),
    gettext_noop("%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s"),
    # Written without a translation tag in Wagtail's templates; our overrides in
    # monitoring/templates/wagtailadmin/ (home.html, shared/headers/_actions.html) translate them
    # with Wagtail's own msgids "Search" and "Actions".
)
