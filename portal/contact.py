"""The platform's phone numbers and contact links come from the editable contact settings (Wagtail settings), never
from templates or code: one place for editors to change them, read by pages, emails and the error pages."""

from __future__ import annotations

import logging

from django.core.cache import cache
from wagtail.models import Site

from portal.models import ContactSettings
from visibility.version import public_content_version

logger = logging.getLogger(__name__)
# The error pages may not touch the database (it may be the error): they read the numbers last loaded, from here.
LAST_PHONES_KEY = "contact-phones:last"


def contact_settings(*, request=None) -> ContactSettings | None:
    host = request.get_host() if request is not None else "default"
    key = f"contact-settings:{public_content_version()}:{host}"
    contact = cache.get(key)
    if contact is None:
        if request is not None:
            contact = ContactSettings.for_request(request)
        else:
            site = Site.objects.filter(is_default_site=True).first()
            contact = ContactSettings.for_site(site) if site is not None else None
        if contact is None:
            return None
        cache.set(key, contact, 3600)
        cache.set(LAST_PHONES_KEY, contact.phones, None)
    return contact


def last_known_phones() -> list[str]:
    """The numbers the site showed last, for the 400 and 500 pages; none when the cache cannot say."""
    try:
        return list(cache.get(LAST_PHONES_KEY) or [])
    except Exception:  # the cache being down must not turn an error page into another error
        logger.warning("error page without phone numbers: the cache did not answer", exc_info=True)
        return []
