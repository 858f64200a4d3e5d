"""Start-up wiring of operations (imported once by core's app config): Sentry, and the request id carried into tasks
(``ops.task_context`` connects django-q2's signals when imported)."""

from ops import sentry, task_context  # noqa: F401

sentry.init_from_environment()
