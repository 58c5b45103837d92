"""The editor page's repeated fragments (section headings, paragraphs with their two language
columns, controls, recommendations), written in Python rather than with template tags.

A report has hundreds of paragraphs, each with half a dozen links, forms and translated labels:
done with `{% url %}`, `{% blocktranslate %}` and `{% include %}` inside the loop this markup
cost more than everything else on the page. Here each URL is reversed once per page and filled
in per row, each label is translated once, and the rows are joined as strings. The markup is
the one the templates wrote; the government's comments, few on any page, still render through
`reports/admin/_comment.html`.
"""

from __future__ import annotations

from collections.abc import Callable

from django.middleware.csrf import get_token
from django.template import Context
from django.template.loader import get_template
from django.urls import reverse
from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ..selectors.editor import ChapterView, ParagraphView, SectionView
from ..selectors.translation import MISSING

_PK = 987654321  # reversed in place of a row's key, then replaced by it


def _url_for(name: str, report_pk: int) -> Callable[[int], str]:
    head, tail = reverse(name, args=[report_pk, _PK]).rsplit(str(_PK), 1)
    return lambda pk: f"{head}{pk}{tail}"


def _mark_labels() -> dict[tuple[str, str], str]:
    return {
        (MISSING, "ru"): _("The Russian text is missing"),
        (MISSING, "en"): _("The English text is missing"),
        ("older", "ru"): _("The Russian text is older than the English"),
        ("older", "en"): _("The English text is older than the Russian"),
    }


class _Labels:
    """Every label of a row, translated once per page. As in the templates, a translation is
    written as it is (the catalogues are the project's own); only the values put into it are
    escaped."""

    def __init__(self):
        self.up, self.down = _("Up"), _("Down")
        self.footnotes = _("Footnotes")
        self.on_paragraph = _("The government's comments on this paragraph")
        self.insert_after = _("Insert after this paragraph")
        self.move_to = _("Move to…")
        self.add_recommendation = _("Add a recommendation")
        self.delete = _("Delete")
        self.section_start = _("Insert a paragraph at the start of this section")
        self.empty_section = _("No paragraph in this section yet.")
        self.empty_chapter = _("No paragraph in this chapter yet.")
        self.themes, self.articles = _("Themes"), _("Convention articles")
        self.addressees, self.sdg = _("Addressees"), _("SDG target")
        self.reiterates = _("Reiterates")
        self.marks = _mark_labels()
        self.not_written = {
            "en": _("Not written in English yet: the Russian text is beside it."),
            "ru": _("Not written in Russian yet: the English text is beside it."),
        }
        # Labels with a number or letter in them, filled in per row (the templates'
        # `{% blocktranslate %}` strings, so their translations stay as they are).
        self.edit_paragraph = _("Edit paragraph %(number)s")
        self.paragraph_up = _("Move paragraph %(number)s up")
        self.paragraph_down = _("Move paragraph %(number)s down")
        self.recommendation = _("Recommendation %(number)s")
        self.edit_recommendation = _("Edit recommendation %(number)s")
        self.reiterated = _("Round %(round)s recommendation %(number)s")
        self.rename_section = _("Rename section %(letter)s")
        self.section_up = _("Move section %(letter)s up")
        self.section_down = _("Move section %(letter)s down")
        self.delete_section = _("Delete section %(letter)s")


class EditorRows:
    """Writes each chapter's body: its paragraphs in reading order with the section headings
    between them, then the sections left without a paragraph."""

    def __init__(self, request, report, *, can_edit: bool, is_editor: bool, response_choices):
        self.can_edit = can_edit
        self.labels = _Labels()
        self.csrf = mark_safe(  # noqa: S308 - the token is escaped
            f'<input type="hidden" name="csrfmiddlewaretoken" value="{esc(get_token(request))}">'
        )
        pk = report.pk
        self.paragraph_add = reverse("reports:paragraph_add", args=[pk])
        self.recommendation_add = reverse("recommendations:recommendation_add", args=[pk])
        self.paragraph_edit = _url_for("reports:paragraph_edit", pk)
        self.paragraph_move = _url_for("reports:paragraph_move", pk)
        self.paragraph_delete = _url_for("reports:paragraph_delete", pk)
        self.section_edit = _url_for("reports:section_edit", pk)
        self.section_move = _url_for("reports:section_move", pk)
        self.section_delete = _url_for("reports:section_delete", pk)
        self.recommendation_edit = _url_for("recommendations:recommendation_edit", pk)
        self.comment_template = get_template("reports/admin/_comment.html").template
        self.comment_context = {
            "report": report,
            "is_editor": is_editor,
            "response_choices": response_choices,
            "csrf_token": get_token(request),
        }

    def chapters(self, chapter_views: list[ChapterView]) -> list[tuple[ChapterView, SafeString]]:
        return [(view, self.chapter_body(view)) for view in chapter_views]

    def chapter_body(self, view: ChapterView) -> SafeString:
        parts: list[str] = []
        for item in view.paragraphs:
            for section_view in item.opens_sections:
                self.section_heading(parts, section_view)
            self.paragraph(parts, item)
        if not view.paragraphs:
            parts.append(f'<p class="help-block">{self.labels.empty_chapter}</p>')
        for section_view in view.trailing_sections:
            self.section_heading(parts, section_view)
        return mark_safe("".join(parts))  # noqa: S308 - every value escaped as it is written

    def _move_form(self, action: str, up: str, down: str, extra: str = "") -> str:
        labels = self.labels
        return (
            f'<form method="post" action="{action}"{extra}>{self.csrf}'
            f'<button class="button button-small button-secondary" name="direction" value="up" '
            f'aria-label="{up}">↑ {labels.up}</button>'
            f'<button class="button button-small button-secondary" name="direction" '
            f'value="down" aria-label="{down}">↓ {labels.down}</button></form>'
        )

    def section_heading(self, parts: list[str], section_view: SectionView) -> None:
        section, labels = section_view.section, self.labels
        letter = {"letter": esc(section.letter)}
        parts.append(
            f'<h3 id="section-{section.pk}" class="report-section__title" tabindex="-1">'
            f"{esc(section.letter)}. {esc(section.title)}</h3>\n"
        )
        if self.can_edit:
            parts.append(
                f'<div class="report-actions report-structure" '
                f'data-structure-item="section-{section.pk}">\n'
                f'<a class="button button-small button-secondary" '
                f'href="{self.section_edit(section.pk)}">'
                f"{labels.rename_section % letter}</a>\n"
                + self._move_form(
                    self.section_move(section.pk),
                    labels.section_up % letter,
                    labels.section_down % letter,
                    " data-structure-move",
                )
                + f'\n<a class="button button-small button-secondary" href="{self.paragraph_add}'
                f"?chapter={section.chapter_id}&amp;section={section.pk}&amp;position=1"
                f'">{labels.section_start}</a>\n'
                f'<a class="button button-small no" href="{self.section_delete(section.pk)}">'
                f"{labels.delete_section % letter}</a>\n</div>\n"
            )
        if not section_view.paragraphs:
            parts.append(f'<p class="help-block">{labels.empty_section}</p>\n')

    def _mark(self, mark) -> str:
        kind = esc(mark.kind)
        return (
            f'<span class="translation-mark translation-mark--{kind}" '
            f'data-translation-mark="{kind}">{self.labels.marks[(mark.kind, mark.language)]}'
            "</span>"
        )

    def _not_written(self, language: str) -> str:
        """A missing language shown as missing, never as an empty column."""
        return (
            f'<p class="language-missing" data-language-missing="{esc(language)}">'
            f"{self.labels.not_written.get(language, '—')}</p>"
        )

    def paragraph(self, parts: list[str], item: ParagraphView) -> None:
        paragraph, labels = item.paragraph, self.labels
        pk = paragraph.pk
        parts.append(
            f'<article id="paragraph-{pk}" class="report-paragraph">\n'
            f'<div class="report-paragraph__body"><span class="report-paragraph__number">'
            f'{paragraph.number}.</span>\n<div class="translation-pair">'
        )
        for text in item.languages:
            lagging = f" translation-pair__column--{esc(text.lagging)}" if text.lagging else ""
            mark = f" {self._mark(item.mark)}" if text.lagging else ""
            parts.append(
                f'\n<div class="translation-pair__column{lagging}" lang="{text.language}">\n'
                f'<p class="translation-pair__label">{esc(text.label)}{mark}</p>\n'
                + (f"<div>{text.html}</div>" if text.html else self._not_written(text.language))
            )
            if text.footnotes:
                notes = "".join(f'<li value="{n}">{note}</li>' for n, note in text.footnotes)
                parts.append(
                    f'\n<ol class="report-footnotes" aria-label="{labels.footnotes}">{notes}</ol>'
                )
            parts.append("\n</div>")
        parts.append("\n</div>\n</div>\n")
        if item.comments:
            parts.append(f'<ul class="report-comments" aria-label="{labels.on_paragraph}">')
            parts.extend(self.comment(comment) for comment in item.comments)
            parts.append("</ul>\n")
        if self.can_edit:
            number = {"number": paragraph.number}
            section = f"&amp;section={paragraph.section_id}" if paragraph.section_id else ""
            parts.append(
                '<div class="report-actions">\n'
                f'<a class="button button-small button-secondary" '
                f'href="{self.paragraph_edit(pk)}">{labels.edit_paragraph % number}</a>\n'
                f'<a class="button button-small button-secondary" href="{self.paragraph_add}'
                f"?chapter={paragraph.chapter_id}{section}&amp;position={item.position + 1}"
                f'">{labels.insert_after}</a>\n'
                + self._move_form(
                    self.paragraph_move(pk),
                    labels.paragraph_up % number,
                    labels.paragraph_down % number,
                )
                + f'\n<a class="button button-small button-secondary" '
                f'href="{self.paragraph_move(pk)}">{labels.move_to}</a>\n'
                f'<a class="button button-small button-secondary" '
                f'href="{self.recommendation_add}?paragraph={pk}">{labels.add_recommendation}</a>\n'
                f'<a class="button button-small no" href="{self.paragraph_delete(pk)}">'
                f"{labels.delete}</a>\n</div>\n"
            )
        for recommendation in item.recommendations:
            self.recommendation(parts, recommendation)
        parts.append("</article>\n")

    def recommendation(self, parts: list[str], recommendation) -> None:
        labels = self.labels
        title = labels.recommendation % {"number": recommendation.number}
        mark = recommendation.translation_mark
        parts.append(
            f'<aside id="recommendation-{recommendation.pk}" class="report-recommendation '
            f'report-recommendation--{esc(recommendation.strength)}" aria-label="{title}">\n'
            f"<p><strong>{title}.</strong>\n{self._mark(mark) if mark else ''}</p>\n"
            '<div class="translation-pair">'
        )
        for text in recommendation.languages:
            lagging = f" translation-pair__column--{esc(text.lagging)}" if text.lagging else ""
            body = f"<p>{esc(text.html)}</p>" if text.html else self._not_written(text.language)
            parts.append(
                f'\n<div class="translation-pair__column{lagging}" lang="{text.language}">'
                f'<p class="translation-pair__label">{esc(text.label)}</p>{body}</div>'
            )
        parts.append('\n</div>\n<dl class="report-recommendation__facts">\n')
        themes = recommendation.themes.all()
        if themes:
            names = ", ".join(esc(theme.get_theme_display()) for theme in themes)
            parts.append(f"<dt>{labels.themes}</dt><dd>{names}</dd>\n")
        if recommendation.convention_articles:
            cited = esc(recommendation.convention_articles_label)
            parts.append(f"<dt>{labels.articles}</dt><dd>{cited}</dd>\n")
        addressees = recommendation.addressees.all()
        if addressees:
            names = "; ".join(esc(body.name) for body in addressees)
            parts.append(f"<dt>{labels.addressees}</dt><dd>{names}</dd>\n")
        if recommendation.sdg_target:
            parts.append(f"<dt>{labels.sdg}</dt><dd>{esc(recommendation.sdg_target)}</dd>\n")
        reiterates = recommendation.reiterates
        if reiterates:
            cited = labels.reiterated % {
                "round": reiterates.report.evaluation.round.number,
                "number": reiterates.number,
            }
            parts.append(f"<dt>{labels.reiterates}</dt><dd>{cited}</dd>\n")
        parts.append("</dl>\n")
        if self.can_edit:
            edit = labels.edit_recommendation % {"number": recommendation.number}
            parts.append(
                f'<p><a href="{self.recommendation_edit(recommendation.pk)}">{edit}</a></p>\n'
            )
        if recommendation.government_comments:
            parts.append('<ul class="report-comments">')
            parts.extend(self.comment(comment) for comment in recommendation.government_comments)
            parts.append("</ul>\n")
        parts.append("</aside>\n")

    def comment(self, comment) -> str:
        return self.comment_template.render(
            Context({**self.comment_context, "comment": comment}, autoescape=True)
        )
