from __future__ import annotations

import pytest

from tests.webhooks.receiver import Receiver
from webhooks import events
from webhooks.models import WebhookEndpoint


@pytest.fixture
def receiver():
    started = Receiver().start()
    yield started
    started.stop()


@pytest.fixture
def endpoint(receiver):
    return WebhookEndpoint.objects.create(
        name="ระบบของกระทรวง", url=receiver.url, events=list(events.EVENTS), owner_email="partner@example.org"
    )
