from wagtail import hooks

from . import home_panels
from .viewsets import ReportsViewSet


@hooks.register("register_admin_viewset")
def register_reports_viewset():
    return ReportsViewSet()


@hooks.register("register_log_actions")
def register_publication_log_actions(actions):
    # Published versions are `ReportPublication` rows now; versions published before that were
    # logged under this action, and Wagtail keeps showing those entries with its label.
    from django.utils.translation import gettext_lazy as _

    actions.register_action("reports.publish", _("Publish report"), _("Report published"))


@hooks.register("register_portal_dashboard_items")
def portal_dashboard_items(user):
    from .selectors.portal import dashboard_items

    return dashboard_items(user)


@hooks.register("construct_homepage_panels")
def add_report_panels(request, panels):
    panels.extend(home_panels.panels_for(request.user))


# --- Adoption chapter by chapter and placeholders, asked by the procedure (evaluation_rounds)


@hooks.register("register_transition_check")
def adoption_transition_check(evaluation, to_state, **step):
    from .adoption import check_transition

    check_transition(evaluation, to_state, **step)


@hooks.register("register_transition_recorded")
def adoption_transition_recorded(step, **context):
    from .adoption import transition_recorded

    transition_recorded(step, **context)


@hooks.register("register_plenary_agenda_entries")
def adoption_agenda_entries(user, plenary):
    from .adoption import agenda_entries

    return agenda_entries(user, plenary)


@hooks.register("register_evaluation_timeline_entries")
def adoption_timeline_entries(evaluation):
    from .adoption import timeline_entries

    return timeline_entries(evaluation)


@hooks.register("register_rich_text_features")
def register_report_editor_features(features):
    """The report editor's footnote and placeholder highlighting (reports.rich_text).

    Not the wagtail-footnotes package: it supports Wagtail 6/7 only and ties footnotes to a Page
    through a ParentalKey, while a report's paragraphs are plain models whose footnotes are
    stored inline as `<span class="footnote">` and numbered through the report on output."""
    from django.utils.translation import gettext_lazy as _
    from wagtail.admin.rich_text.converters.html_to_contentstate import (
        InlineStyleElementHandler,
    )
    from wagtail.admin.rich_text.editors.draftail import features as draftail_features

    from .html import FOOTNOTE_CLASS
    from .rich_text import FOOTNOTE_FEATURE, PLACEHOLDER_FEATURE

    features.register_editor_plugin(
        "draftail",
        FOOTNOTE_FEATURE,
        draftail_features.InlineStyleFeature(
            {
                "type": "FOOTNOTE",
                "label": "Fn",
                "description": _("Footnote"),
                # Draftail styles the text inline; the custom property lets the stylesheet add
                # a marker before each note (reports/rich_text.css).
                "style": {
                    "--report-footnote": "1",
                    "backgroundColor": "#e6f0fa",
                    "color": "#1d4f7c",
                    "fontSize": "0.85em",
                    "borderBottom": "1px dotted #1d4f7c",
                },
            },
            css={"all": ["reports/rich_text.css"]},
        ),
    )
    features.register_converter_rule(
        "contentstate",
        FOOTNOTE_FEATURE,
        {
            "from_database_format": {
                f'span[class="{FOOTNOTE_CLASS}"]': InlineStyleElementHandler("FOOTNOTE")
            },
            "to_database_format": {
                "style_map": {"FOOTNOTE": {"element": "span", "props": {"class": FOOTNOTE_CLASS}}}
            },
        },
    )
    features.register_editor_plugin(
        "draftail",
        PLACEHOLDER_FEATURE,
        draftail_features.DecoratorFeature(
            {"type": "PLACEHOLDER"},
            js=["reports/rich_text.js"],
            css={"all": ["reports/rich_text.css"]},
        ),
    )
