"""The second-factor step's own lockout (the password step has django-axes)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SecondFactorThrottle(models.Model):
    """Wrong codes of one account since ``window_started``; ``locked_until`` while the step is locked."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="second_factor_throttle",
        verbose_name=_("user"),
    )
    failures = models.PositiveIntegerField(_("wrong codes"), default=0)
    window_started = models.DateTimeField(_("first wrong code at"), null=True, blank=True)
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)

    class Meta:
        verbose_name = _("second-factor lockout")
        verbose_name_plural = _("second-factor lockouts")

    def __str__(self) -> str:
        return str(self.user_id)
