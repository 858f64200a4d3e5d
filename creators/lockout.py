from creators.text import clean_email


def lockout_username(request, credentials) -> str:
    """django-axes counts failures per address however it is typed (case, invisible characters)."""
    raw = (credentials or {}).get("username") or request.POST.get("username", "")
    return clean_email(str(raw))
