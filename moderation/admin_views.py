"""Admin pieces shared by every moderated snippet (profiles, reports): due-date columns, race-safe actions, and
the server-side rule that registrant content changes state only through its own paths (the approval workflow,
Delete on request, Restore), whatever a forged POST says."""

from django.contrib.admin.utils import unquote
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import DeleteView, EditView, SnippetViewSet, UnpublishView, WorkflowActionView

from moderation.admin_panels import business_days_left_label
from moderation.decisions import DecisionConflictError


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
            return super().post(request, *args, **kwargs)
        except DecisionConflictError as conflict:
            messages.error(request, conflict.message)
            if request.headers.get("x-requested-with") == "XMLHttpRequest":
                return self.render_modal_json(request, {"step": "success", "redirect": self.redirect_url})
            return redirect(self.redirect_url)


class _ToDeleteOnRequestMixin:
    """Wagtail's generic delete/unpublish would bypass the record, the restore window and the owner's email."""

    def dispatch(self, request, *args, **kwargs):
        from moderation.deletion_admin import delete_on_request_url

        instance = get_object_or_404(self.model, pk=unquote(str(kwargs.get("pk", ""))))
        url = delete_on_request_url(instance)
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


class ModerationOnlyEditView(EditView):
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
    """Pending items first, by due date, with business days left or overdue."""

    workflow_action_view_class = RaceSafeWorkflowActionView
    edit_view_class = ModerationOnlyEditView  # the revisions "revert" view is built on it too
    delete_view_class = DeleteOnRequestOnlyView
    unpublish_view_class = UnpublishToDeleteOnRequestView
    exclude_form_fields = PROTECTED_FIELDS
    list_filter = ["live"]
    ordering = ["due_date", "-created_at"]
    copy_view_enabled = False
    inspect_view_enabled = True

    @property
    def list_display(self):
        return [
            "__str__",
            Column("submitted_at", label=_("Submitted"), sort_key="submitted_at"),
            Column("due_date", label=_("Decision due"), sort_key="due_date"),
            DueColumn("days_left", label=_("Business days left")),
            "live",
        ]
