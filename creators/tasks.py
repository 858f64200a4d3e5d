from creators.services.passwords import password_reset_process, password_reset_retry_stranded
from creators.services.throttle import throttle_purge
from privacy import tasks as privacy_tasks

# Tasks queued before the move to privacy/ name this path (privacy 0003 re-points the schedule): the one upward
# import of creators, allowed for this module alone in .importlinter.
purge_unverified_registrations = privacy_tasks.purge_unverified_registrations


def process_password_reset(request_id: int) -> bool:
    return password_reset_process(request_id=request_id)


def retry_stranded_password_resets() -> int:
    """Every 5 minutes ("password-reset-retry"): reset requests whose task was lost (broker down, key rotation)."""
    return password_reset_retry_stranded()


def purge_rate_limits() -> int:
    """Daily ("rate-limit-purge", 03:15 Bangkok): rate-limit buckets with no use inside any window."""
    return throttle_purge()
