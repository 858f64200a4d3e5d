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

    class Audience(models.TextChoices):
        PUBLIC = "public", _("public site")
        ADMIN = "admin", _("Wagtail admin (staff only)")

    email = models.EmailField()
    language = models.CharField(max_length=8, default="th")
    audience = models.CharField(max_length=8, choices=Audience.choices, default=Audience.PUBLIC)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"reset request {self.pk}"


class ConsultationRequest(models.Model):
    """CREATE IMPACT: one approved user asks another for a consultation; delivered through the outbox."""

    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consultations_sent", verbose_name=_("sender")
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="consultations_received",
        verbose_name=_("recipient"),
    )
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("consultation request")
        verbose_name_plural = _("consultation requests")
        indexes = [models.Index(fields=["sender", "created_at"], name="consultation_sender_time")]

    def __str__(self) -> str:
        return self.subject


class ImageUploadAttempt(models.Model):
    """One image upload decoded for a network address: counted across app servers to limit uploads per IP.

    Only a keyed hash of the address is kept (personal data), and rows older than the window are removed.
    """

    client = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["client", "created_at"], name="image_upload_client_time")]

    def __str__(self) -> str:
        return f"image upload {self.pk}"
