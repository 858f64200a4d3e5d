"""Start-up wiring of moderation (imported once by core's app config): signed django-q2 task payloads, and
Wagtail's own workflow emails silenced (ours go through the outbox)."""

from moderation import task_signing
from moderation.staff_notifications import silence_wagtail_workflow_emails

task_signing.install()
silence_wagtail_workflow_emails()
