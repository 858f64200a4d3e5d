from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsentRecord(models.Model):
    """PDPA: which privacy notice version a registrant accepted, and when."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents")
    notice = models.CharField(_("notice"), max_length=40, default="privacy")
    version = models.CharField(_("version"), max_length=20)
    language = models.CharField(_("language"), max_length=8)
    accepted_at = models.DateTimeField(_("accepted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")

    def __str__(self) -> str:
        return f"{self.notice} {self.version}"


class PasswordResetRequest(models.Model):
    """A reset request, handled in the background so the response never reveals whether the address exists."""

    email = models.EmailField()
    language = models.CharField(max_length=8, default="th")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"reset request {self.pk}"
