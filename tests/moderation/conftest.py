"""Fixtures for the moderation tests: a real SMTP server on loopback (aiosmtpd) and users with permissions."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from django.test import override_settings


class CollectingHandler:
    """Accepts every message and keeps its envelope."""

    def __init__(self) -> None:
        self.envelopes: list[Envelope] = []

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


class TemporaryFailureHandler(CollectingHandler):
    """Refuses every message with a temporary (4xx) failure, like a greylisting or overloaded server."""

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        return "451 4.3.0 try later"


@dataclass
class LoopbackSMTP:
    """An SMTP server on 127.0.0.1:<port> that is not listening until ``start()``."""

    port: int
    handler: CollectingHandler = field(default_factory=CollectingHandler)
    controller: Controller | None = None

    @property
    def envelopes(self) -> list[Envelope]:
        return self.handler.envelopes

    def start(self, handler: CollectingHandler | None = None) -> None:
        if handler is not None:
            self.handler = handler
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def settings(self) -> AbstractContextManager:
        """Django's real SMTP backend pointed at this port."""
        return override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=self.port,
            EMAIL_USE_TLS=False,
            EMAIL_USE_SSL=False,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
            EMAIL_TIMEOUT=5,
        )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def loopback_smtp() -> Iterator[LoopbackSMTP]:
    server = LoopbackSMTP(port=_free_port())
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def make_user(django_user_model) -> Callable[..., object]:
    def make(email: str, *permissions: str):
        from django.contrib.auth.models import Permission

        user = django_user_model.objects.create_user(email=email, password="x-user-password-1")
        for perm in permissions:
            app_label, codename = perm.split(".")
            user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        return user

    return make
