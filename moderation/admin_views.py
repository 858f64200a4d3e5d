"""Admin pieces shared by every moderated snippet (profiles, reports): due-date columns, race-safe actions, and
the server-side rule that registrant content changes state only through its own paths (the approval workflow,
Delete on request, Restore), whatever a forged POST says."""

from django.contrib.admin.utils import unquote
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.models import TaskState
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import DeleteView, EditView, SnippetViewSet, UnpublishView, WorkflowActionView

from core.admin_display import (
    INSPECT_BOOKKEEPING_FIELDS,
    BuddhistEraDateColumn,
    BuddhistEraInspectView,
    PublishedColumn,
    SampleColumn,
)
from moderation.admin_panels import business_days_left_label
from moderation.decisions import DecisionConflictError


def decision_message(obj, action_name: str) -> str | None:
    """What a moderator reads after deciding: approved or sent back, never Wagtail's generic "updated"."""
    values = {"model_name": capfirst(obj._meta.verbose_name), "object": str(obj)}
    if action_name == "approve":
        return gettext("%(model_name)s '%(object)s' approved.") % values
    if action_name == "reject":
        message = gettext("Changes requested for %(model_name)s '%(object)s'. The owner gets your reason by email.")
        return message % values
    return None


class DueColumn(Column):
    def get_value(self, instance):
        if not instance.due_date or not instance.workflow_in_progress:
            return ""
        return business_days_left_label(instance.due_date, today=timezone.localdate())

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        overdue = instance.due_date and instance.workflow_in_progress and instance.due_date < timezone.localdate()
        if overdue:
            context["value"] = format_html('<strong style="color:#a61b1b">{}</strong>', context["value"])
        return context


class RaceSafeWorkflowActionView(WorkflowActionView):
    """The moderator who loses a race sees a clear message instead of an error page."""

    def post(self, request, *args, **kwargs):
        try:
            response = super().post(request, *args, **kwargs)
        except DecisionConflictError as conflict:
            messages.error(request, conflict.message)
            if request.headers.get("x-requested-with") == "XMLHttpRequest":
                return self.render_modal_json(request, {"step": "success", "redirect": self.redirect_url})
            return redirect(self.redirect_url)
        self.task_state.refresh_from_db(fields=["status"])
        message = decision_message(self.object, self.action_name)
        if message and self.task_state.status != TaskState.STATUS_IN_PROGRESS:  # decided, not a form shown again
            messages.success(request, message)
        return response


class ModeratedEditView(EditView):
    def get_success_message(self, instance=None):
        if self.action == "workflow-action":
            message = decision_message(instance or self.object, self.workflow_action)
            if message:
                return message
        return super().get_success_message(instance)


class _ToDeleteOnRequestMixin:
    """Wagtail's generic delete/unpublish would bypass the record, the restore window and the owner's email."""

    def dispatch(self, request, *args, **kwargs):
        instance = get_object_or_404(self.model, pk=unquote(str(kwargs.get("pk", ""))))
        # privacy/wagtail_hooks.py answers with its "Delete on request" page (privacy sits above moderation).
        url = next(filter(None, (hook(instance) for hook in hooks.get_hooks("moderated_removal_url"))), None)
        return redirect(url) if url else super().dispatch(request, *args, **kwargs)


class DeleteOnRequestOnlyView(_ToDeleteOnRequestMixin, DeleteView):
    pass


class UnpublishToDeleteOnRequestView(_ToDeleteOnRequestMixin, UnpublishView):
    pass


# Not in the admin form, and a POST naming one is refused: the owner (reassigning an account's personal data),
# the deletion state (undone only by Restore), moderation metadata, publishing dates and frozen results.
PROTECTED_FIELDS = (
    "user",
    "owner",
    "deleted_at",
    "withdrawn_at",
    "submitted_at",
    "due_date",
    "rejection_reason",
    "slug",
    "live",
    "first_published_at",
    "go_live_at",
    "expire_at",
    "completed_step",
    "total_inputs",
    "present_value",
    "sroi_ratio",
)
# Going live only by an approval (recorded, emailed); registrants submit from the public site themselves.
REFUSED_ACTIONS = ("action-publish", "action-submit", "action-restart-workflow")


class ModeratedContentPermissionPolicy(ModelPermissionPolicy):
    """Profiles come from registration and reports from the wizard: nobody creates them in the admin."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


class ModerationOnlyEditView(ModeratedEditView):
    """Refuses, before anything is saved, a POST that publishes, submits, or sets a protected field.

    The form has none of those fields (``exclude_form_fields``), so a forged value would be ignored anyway;
    refusing the whole request makes sure no half of it (a new draft revision) is kept either.
    """

    def post(self, request, *args, **kwargs):
        forged = [name for name in request.POST if name in REFUSED_ACTIONS or name in PROTECTED_FIELDS]
        if forged:
            messages.error(
                request,
                _(
                    "Not saved: profiles and reports go live only when a moderator approves them, and their "
                    "account, owner, web address, dates and deletion cannot be changed here."
                ),
            )
            return redirect(request.path)
        return super().post(request, *args, **kwargs)


class ModeratedSnippetViewSet(SnippetViewSet):
    """Pending items first, by due date, with business days left or overdue, and what tells two alike apart."""

    workflow_action_view_class = RaceSafeWorkflowActionView
    edit_view_class = ModerationOnlyEditView  # the revisions "revert" view is built on it too
    inspect_view_class = BuddhistEraInspectView
    inspect_view_fields_exclude = INSPECT_BOOKKEEPING_FIELDS
    delete_view_class = DeleteOnRequestOnlyView
    unpublish_view_class = UnpublishToDeleteOnRequestView
    exclude_form_fields = PROTECTED_FIELDS
    list_filter = ["live", "is_sample"]
    ordering = ["due_date", "-created_at"]
    copy_view_enabled = False
    inspect_view_enabled = True

    # Fields beside the title that tell two registrants (or reports) with the same Thai name apart.
    identity_fields: tuple[str, ...] = ()
    list_select_related: tuple[str, ...] = ()

    def get_queryset(self, request):
        return self.model.objects.select_related(*self.list_select_related)

    @property
    def list_display(self):
        return [
            "__str__",
            *self.identity_fields,
            BuddhistEraDateColumn(
                "submitted_at", label=pgettext_lazy("moderation listing column", "Submitted"), sort_key="submitted_at"
            ),
            BuddhistEraDateColumn("due_date", label=_("Decision due"), sort_key="due_date"),
            DueColumn("days_left", label=_("Business days left")),
            PublishedColumn(),
            SampleColumn(),
        ]
