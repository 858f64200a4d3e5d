from django.utils.translation import gettext_lazy as _
from wagtail import blocks

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class CardBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"))
    text = blocks.TextBlock(label=_("Text"), required=False)
    link = blocks.PageChooserBlock(label=_("Link to page"), required=False)

    class Meta:
        icon = "doc-full"


class CardsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"))
    items = blocks.ListBlock(CardBlock(), label=_("Cards"))

    class Meta:
        icon = "table"
        template = "portal/blocks/cards_block.html"


class ContactBlock(blocks.StructBlock):
    """Shows the phone numbers and chat link kept in the site's contact settings."""

    heading = blocks.CharBlock(label=_("Heading"))

    class Meta:
        icon = "mail"
        template = "portal/blocks/contact_block.html"


class ContentStreamBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("Heading"), form_classname="title", template="portal/blocks/heading_block.html")
    paragraph = blocks.RichTextBlock(label=_("Paragraph"), features=RICH_TEXT_FEATURES)
    cards = CardsBlock(label=_("Cards"))
    contact = ContactBlock(label=_("Contact details"))
