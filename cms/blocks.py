from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from evaluation_rounds.selectors import procedure_steps


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(label=_("Level"), choices=[("h2", "H2"), ("h3", "H3")], default="h2")

    class Meta:
        icon = "title"
        template = "cms/blocks/heading_block.html"


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
