from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = _("Moderation")

    def ready(self):
        from moderation import task_signing

        task_signing.install()

        from moderation.staff_notifications import silence_wagtail_workflow_emails

        silence_wagtail_workflow_emails()
