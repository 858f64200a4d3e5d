from django.utils.module_loading import import_string

from creators.services.passwords import password_reset_process, password_reset_retry_stranded
from creators.services.throttle import throttle_purge


def process_password_reset(request_id: int) -> bool:
    return password_reset_process(request_id=request_id)


def retry_stranded_password_resets() -> int:
    """Every 5 minutes ("password-reset-retry"): reset requests whose task was lost (broker down, key rotation)."""
    return password_reset_retry_stranded()


def purge_rate_limits() -> int:
    """Daily ("rate-limit-purge", 03:15 Bangkok): rate-limit buckets with no use inside any window."""
    return throttle_purge()


def purge_unverified_registrations() -> int:
    """A task queued before the move to privacy/ still names this path (privacy 0003 re-pointed the schedule):
    forward it by path, as django-q2 resolves task names, so creators does not depend on privacy."""
    return import_string("privacy.tasks.purge_unverified_registrations")()
