from django.utils.translation import gettext_lazy
from wagtail import hooks

from api_access.admin_views import api_key_viewset
from api_access.services import ACTION_REVOKED


@hooks.register("register_admin_viewset")
def register_api_key_viewset():
    return api_key_viewset


@hooks.register("register_log_actions")
def register_api_key_log_actions(actions):
    actions.register_action(ACTION_REVOKED, gettext_lazy("API key revoked"), gettext_lazy("Revoked the API key"))
