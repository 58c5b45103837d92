from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import blocks

from evaluation_rounds.models import EvaluationRound
from evaluation_rounds.procedure import (
    DEADLINE_RULES,
    PLENARY_DECISIONS,
    DeadlineKind,
    State,
    next_step,
)


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(label=_("Level"), choices=[("h2", "H2"), ("h3", "H3")], default="h2")

    class Meta:
        icon = "title"
        template = "cms/blocks/heading_block.html"


@dataclass(frozen=True)
class ProcedureStep:
    state: str
    label: str
    plenary: bool
    deadlines: tuple[str, ...]


def procedure_steps(*, follow_up: bool = True) -> list[ProcedureStep]:
    """The usual path of an evaluation through `evaluation_rounds.procedure`, step by step,
    with the plenary decisions and the deadlines each step starts (their default length is
    the round setting's default)."""
    labels, kinds = dict(State.choices), dict(DeadlineKind.choices)
    steps, state = [], State.PREPARING
    while state is not None:
        deadlines = []
        for rule in DEADLINE_RULES:
            if rule.opens_on == state:
                months = EvaluationRound._meta.get_field(rule.period_field).default
                deadlines.append(
                    ngettext(
                        "%(deadline)s: %(months)s month by default",
                        "%(deadline)s: %(months)s months by default",
                        months,
                    )
                    % {"deadline": kinds[rule.kind], "months": months}
                )
        steps.append(
            ProcedureStep(state, str(labels[state]), state in PLENARY_DECISIONS, tuple(deadlines))
        )
        if state == State.PUBLISHED and not follow_up:
            break
        state = next_step(state)
    return steps


class ProcedureDiagramBlock(blocks.StructBlock):
    """The steps of the procedure as an ordered list drawn as a diagram, in the page's
    language, read from the procedure itself so that it never drifts from the code."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=200, required=False)
    follow_up = blocks.BooleanBlock(
        label=_("Include the follow-up steps"), required=False, default=True
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["steps"] = procedure_steps(follow_up=bool(value.get("follow_up")))
        return context

    class Meta:
        icon = "list-ol"
        label = _("Procedure diagram")
        template = "cms/blocks/procedure_diagram.html"


class BodyBlock(blocks.StreamBlock):
    """The content blocks every public page offers; rich text keeps to a safe feature set."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=["bold", "italic", "link", "ol", "ul"]
    )
    quote = blocks.BlockQuoteBlock(label=_("Quote"))
    procedure_diagram = ProcedureDiagramBlock()
