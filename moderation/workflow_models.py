from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.forms import TaskStateCommentForm
from wagtail.models import AbstractGroupApprovalTask

from moderation.decisions import decide


class RejectionReasonForm(TaskStateCommentForm):
    comment = forms.CharField(
        label=_("Reason (sent to the registrant)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=True,
        error_messages={"required": _("Please give the reason, so the registrant knows what to change.")},
    )


class ModerationTask(AbstractGroupApprovalTask):
    """Group approval whose decisions are race-safe and whose rejections must carry a reason."""

    def on_action(self, task_state, user, action_name, **kwargs):
        return decide(self, task_state, user, action_name, super().on_action, **kwargs)

    def get_form_for_action(self, action):
        return RejectionReasonForm if action == "reject" else super().get_form_for_action(action)

    @classmethod
    def get_description(cls):
        return _("Moderators approve, or request changes with a reason the registrant receives by email.")

    class Meta:
        verbose_name = _("moderation task")
        verbose_name_plural = _("moderation tasks")
