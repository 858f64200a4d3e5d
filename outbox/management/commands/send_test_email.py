"""``manage.py send_test_email you@example.com``: check outgoing email end to end through the outbox."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

from outbox.models import OutboxEmail
from outbox.services import outbox_enqueue, outbox_send


class Command(BaseCommand):
    help = "Send a test email through the outbox (rendered, stored, sent) and report the outcome."

    def add_arguments(self, parser):
        parser.add_argument("recipient", help="Address to send the test email to.")
        parser.add_argument(
            "--language", choices=OutboxEmail.Language.values, default="th", help="Email language (default th)."
        )
        parser.add_argument(
            "--queue-only",
            action="store_true",
            help="Only enqueue the email for the task cluster instead of also sending it from this process.",
        )

    def handle(self, *args, recipient: str, language: str, queue_only: bool, **options):
        try:
            validate_email(recipient)
        except ValidationError as exc:
            raise CommandError(f"Not a valid email address: {recipient!r}") from exc

        with transaction.atomic():
            email = outbox_enqueue(
                key=f"test:{uuid.uuid4().hex}",
                to=recipient,
                template="test_message",
                context={},
                language=language,
            )
        if queue_only:
            self.stdout.write(f"Queued outbox email #{email.pk}; the task cluster will send it.")
            return

        # The queued task may already have sent it (sync mode); then this is a no-op.
        outbox_send(email_id=email.pk)
        email.refresh_from_db()
        if email.status == OutboxEmail.Status.SENT:
            self.stdout.write(self.style.SUCCESS(f"Sent outbox email #{email.pk} to {recipient}."))
            return
        raise CommandError(
            f"Outbox email #{email.pk} was not sent (status {email.status}): {email.last_error or 'no error'}. "
            "It stays in the outbox and will be retried."
        )
