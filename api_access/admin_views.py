"""Staff issue and revoke API keys in the Wagtail admin ("API keys" under Settings).

Adding a key renders the new key on the answer to the form's POST, once: it is not stored, not put in the
session, not in a message; the page is sent ``no-store``. Afterwards the listing shows only the prefix. Revoking
(a confirmed POST) takes effect on the next request. Every view checks the model's permissions (add, change,
view); registrants never reach the admin at all (creators.middleware).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages
from wagtail.admin.views.generic import CreateView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import MenuItem

from account_security.reauth import reauth_redirect
from account_security.session import reauthenticated_recently
from api_access.models import ApiKey
from api_access.services import api_key_issue, api_key_revoke
from core.admin_display import BuddhistEraDateColumn, BuddhistEraInspectMixin

VIEWSET_NAME = "api_keys"  # the URL namespace and admin address: /admin/api_keys/
REVOKE_URL_NAME = "revoke"


class ApiKeyIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if instance.revoked_at is None and self.permission_policy.user_has_permission(self.request.user, "change"):
            buttons.append(
                MenuItem(
                    _("Revoke"),
                    url=reverse(f"{VIEWSET_NAME}:{REVOKE_URL_NAME}", args=[instance.pk]),
                    icon_name="cross",
                    priority=40,
                )
            )
        return buttons


class ApiKeyInspectView(BuddhistEraInspectMixin, InspectView):
    pass


def _date_column(field_name: str) -> BuddhistEraDateColumn:
    return BuddhistEraDateColumn(
        field_name, label=capfirst(ApiKey._meta.get_field(field_name).verbose_name), sort_key=field_name
    )


class ApiKeyCreateView(CreateView):
    def dispatch(self, request, *args, **kwargs):
        # A key reads as its holder for as long as it lives: the one issuing it confirms it is them first.
        if request.user.is_authenticated and not reauthenticated_recently(request.session):
            return reauth_redirect(request)
        return super().dispatch(request, *args, **kwargs)

    def save_instance(self):
        self.issued = api_key_issue(
            name=self.form.cleaned_data["name"],
            contact_email=self.form.cleaned_data["contact_email"],
            created_by=self.request.user,
        )
        return self.issued.api_key

    def save_action(self):
        response = render(
            self.request,
            "api_access/key_created.html",
            {
                "page_title": _("API key created"),
                "page_subtitle": self.object.name,
                "header_icon": "key",
                "api_key": self.object,
                "plaintext": self.issued.plaintext,
                "index_url": reverse(self.index_url_name),
            },
        )
        add_never_cache_headers(response)
        response["Cache-Control"] += ", no-store"
        return response


@require_http_methods(["GET", "POST"])
def revoke_view(request: HttpRequest, pk: int, *, view_set: ModelViewSet) -> HttpResponse:
    if not view_set.permission_policy.user_has_permission(request.user, "change"):
        raise PermissionDenied
    api_key = get_object_or_404(ApiKey, pk=pk)
    index_url = reverse(view_set.get_url_name("index"))
    if request.method == "POST":
        if api_key_revoke(api_key_id=api_key.pk, revoked_by=request.user):
            messages.success(request, _("The key “%(name)s” was revoked.") % {"name": api_key.name})
        else:
            messages.error(request, _("This key was already revoked."))
        return redirect(index_url)
    return render(
        request,
        "api_access/confirm_revoke.html",
        {
            "page_title": _("Revoke API key"),
            "page_subtitle": api_key.name,
            "header_icon": "cross",
            "api_key": api_key,
            "index_url": index_url,
        },
    )


class ApiKeyViewSet(ModelViewSet):
    model = ApiKey
    form_fields = ["name", "contact_email"]
    icon = "key"
    menu_label = gettext_lazy("API keys")
    name = VIEWSET_NAME
    add_to_settings_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = ApiKeyIndexView
    add_view_class = ApiKeyCreateView
    inspect_view_class = ApiKeyInspectView
    list_display = [
        "name",
        "contact_email",
        "key_prefix",
        _date_column("created_at"),
        _date_column("last_used_at"),
        _date_column("revoked_at"),
    ]
    list_filter = []
    search_fields = ["name", "contact_email", "key_prefix"]
    inspect_view_fields = [
        "name",
        "contact_email",
        "key_prefix",
        "created_by",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("revoke/<int:pk>/", revoke_view, {"view_set": self}, name=REVOKE_URL_NAME),
        ]


api_key_viewset = ApiKeyViewSet()
