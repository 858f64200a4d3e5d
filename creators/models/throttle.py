"""Recent uses of a limited action (a reset email, a registration), shared by every app server through the database."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RateLimitBucket(models.Model):
    """One limited action (``scope``) by one source or for one target (``digest``).

    ``digest`` is a keyed hash of the IP network or account id: neither an address nor an IP is stored.
    ``hits`` holds the times (epoch seconds) of the uses still inside the scope's longest window.
    """

    scope = models.CharField(_("scope"), max_length=40)
    digest = models.CharField(_("digest"), max_length=64)
    hits = models.JSONField(_("recent uses"), default=list)
    updated_at = models.DateTimeField(_("updated at"), db_index=True)

    class Meta:
        verbose_name = _("rate limit")
        verbose_name_plural = _("rate limits")
        constraints = [models.UniqueConstraint(fields=["scope", "digest"], name="rate_limit_scope_digest")]

    def __str__(self) -> str:
        return f"{self.scope} {self.digest[:8]}"
