"""SESSION_ENGINE: Django's database sessions, stored in ``UserSession`` with the user's id beside them."""

from __future__ import annotations

from django.contrib.sessions.backends.db import SessionStore as DatabaseStore

from creators.models import UserSession


class SessionStore(DatabaseStore):
    @classmethod
    def get_model_class(cls):
        return UserSession

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        try:
            session.user_id = int(data.get("_auth_user_id"))
        except (TypeError, ValueError):  # anonymous (a language choice, a CSRF token, messages)
            session.user_id = None
        return session
