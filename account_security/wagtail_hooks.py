from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from account_security import views, views_passkeys
from account_security.reauth import reauth_redirect
from account_security.services import (
    ACTION_CODE_USED,
    ACTION_CODES,
    ACTION_ENROLLED,
    ACTION_LOCKOUT,
    ACTION_PASSKEY_ADDED,
    ACTION_PASSKEY_REMOVED,
    ACTION_PASSKEY_USED,
    ACTION_RESET,
)
from account_security.session import reauthenticated_recently


@hooks.register("register_admin_urls")
def register_second_factor_urls():
    return [
        path("security/two-step/", views.enrol, name="account_security_enrol"),
        path("security/two-step/verify/", views.verify, name="account_security_verify"),
        path("security/two-step/recovery-codes/", views.new_recovery_codes, name="account_security_new_codes"),
        path("security/confirm/", views.reauthenticate, name="account_security_reauth"),
        path("security/staff/", views.staff_second_factors, name="account_security_staff"),
        path("security/staff/<int:user_id>/reset/", views.reset, name="account_security_reset"),
        path(
            "security/passkeys/options/<str:purpose>/",
            views_passkeys.passkey_options,
            name="account_security_passkey_options",
        ),
        path("security/passkeys/add/", views_passkeys.passkey_add, name="account_security_passkey_add"),
        path(
            "security/passkeys/<int:passkey_id>/remove/",
            views_passkeys.passkey_delete,
            name="account_security_passkey_remove",
        ),
    ]


@hooks.register("register_log_actions")
def register_second_factor_log_actions(actions):
    actions.register_action(
        ACTION_ENROLLED, gettext_lazy("Two-step sign-in set up"), gettext_lazy("Set up two-step sign-in")
    )
    actions.register_action(ACTION_CODES, gettext_lazy("New recovery codes"), gettext_lazy("Made new recovery codes"))
    actions.register_action(ACTION_CODE_USED, gettext_lazy("Recovery code used"), gettext_lazy("Used a recovery code"))
    actions.register_action(
        ACTION_LOCKOUT, gettext_lazy("Second-factor lockout"), gettext_lazy("Locked out after too many wrong codes")
    )
    actions.register_action(
        ACTION_RESET, gettext_lazy("Second factor reset"), gettext_lazy("Second factor reset by a superuser")
    )
    actions.register_action(ACTION_PASSKEY_ADDED, gettext_lazy("Passkey added"), gettext_lazy("Added a passkey"))
    actions.register_action(ACTION_PASSKEY_REMOVED, gettext_lazy("Passkey removed"), gettext_lazy("Removed a passkey"))
    actions.register_action(ACTION_PASSKEY_USED, gettext_lazy("Passkey used"), gettext_lazy("Signed in with a passkey"))


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def register_staff_second_factor_menu_item():
    return SuperuserMenuItem(
        gettext_lazy("Staff two-step sign-in"), reverse("account_security_staff"), icon_name="lock", order=610
    )


@hooks.register("register_account_menu_item")
def register_own_second_factor_item(request):
    return {
        "url": reverse("account_security_enrol"),
        "label": gettext_lazy("Two-step sign-in"),
        "help_text": gettext_lazy("Your authenticator app, passkeys and recovery codes."),
    }


def _reauth_first(request, *args):
    """Creating, editing or deleting accounts in the admin (where staff roles are granted): re-authenticate first."""
    if not reauthenticated_recently(request.session):
        return reauth_redirect(request)
    return None


hooks.register("before_create_user", _reauth_first)
hooks.register("before_edit_user", _reauth_first)
hooks.register("before_delete_user", _reauth_first)
