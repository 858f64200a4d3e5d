"""Who counts as staff (may use the Wagtail admin) and who is a registrant: one answer for every check."""


def may_use_admin(user) -> bool:
    """Staff: flagged as staff or superuser, or holding Wagtail's admin-access permission (e.g. Moderators)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin")
