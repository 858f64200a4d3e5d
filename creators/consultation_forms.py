"""The consultation request form on a creator's or assessor's public page: parses input only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from creators.forms import CleanTextMixin
from creators.services.consultation import MESSAGE_MAX_LENGTH, MESSAGE_MIN_LENGTH, SUBJECT_MAX_LENGTH


class ConsultationForm(CleanTextMixin, forms.Form):
    multiline_fields = ("message",)

    subject = forms.CharField(label=_("Subject"), max_length=SUBJECT_MAX_LENGTH)
    message = forms.CharField(
        label=_("Message"),
        min_length=MESSAGE_MIN_LENGTH,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Say who you are, what you would like to discuss and how the organisation can help."),
    )
