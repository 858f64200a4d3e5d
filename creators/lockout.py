from core.text import clean_email


def lockout_username(request, credentials) -> str:
    """django-axes counts failures per address however it is typed (case, invisible characters)."""
    raw = (credentials or {}).get("username") or request.POST.get("username", "")
    return clean_email(str(raw))


def client_ip(request) -> str | None:
    """The sender's address as django-axes resolves it (the same proxy settings for every per-IP limit)."""
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request)
