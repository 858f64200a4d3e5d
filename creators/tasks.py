from creators.services.passwords import password_reset_process
from creators.services.registration import registration_purge_unverified


def process_password_reset(request_id: int) -> bool:
    return password_reset_process(request_id=request_id)


def purge_unverified_registrations() -> int:
    return registration_purge_unverified()
