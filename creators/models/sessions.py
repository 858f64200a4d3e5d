"""Database sessions that know their user, so ending one account's sessions reads only that account's rows.

Django's own session table stores the user only inside the encoded session data: ending a user's sessions
(delete on request, self-delete, purge) had to decode every unexpired session of every user. This is Django's
documented way of extending the database session engine (``AbstractBaseSession`` + a store subclass).
"""

from __future__ import annotations

from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserSession(AbstractBaseSession):
    # Not a foreign key: a session outlives nothing, and erasing an account deletes its sessions explicitly.
    user_id = models.BigIntegerField(_("user id"), null=True, blank=True, db_index=True)

    class Meta(AbstractBaseSession.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    @classmethod
    def get_session_store_class(cls):
        # Breaks the cycle models ↔ session_store (the store names this model as its table).
        from creators.session_store import SessionStore

        return SessionStore
