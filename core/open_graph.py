"""Share metadata for public detail pages: canonical link, hreflang alternates (th/en) and Open Graph tags."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator

logger = logging.getLogger(__name__)

OG_LOCALES = {"th": "th_TH", "en": "en_US"}
# Large enough for every network's preview, never cropped: a logo stays whole.
OG_IMAGE_SPEC = "max-1200x1200"
DESCRIPTION_LENGTH = 200


@dataclass(frozen=True)
class ShareMeta:
    canonical_url: str
    alternates: tuple[tuple[str, str], ...]  # (hreflang, absolute URL); "x-default" is the Thai page
    title: str
    description: str
    og_type: str
    og_locale: str
    og_locale_alternate: str
    image_url: str = ""


def _url_in(language: str, request, url_name: str, args: list) -> str:
    with translation.override(language):
        return request.build_absolute_uri(reverse(url_name, args=args))


def image_url(request, image) -> str:
    """Absolute URL of a rendition of a Wagtail image, or "" when there is none or its file is missing."""
    if image is None:
        return ""
    try:
        return request.build_absolute_uri(image.get_rendition(OG_IMAGE_SPEC).url)
    except Exception:  # a missing or unreadable original must not break a public page
        logger.warning("no share rendition for image %s", image.pk)
        return ""


def share_meta(
    request, *, url_name: str, args: list, title: str, description: str, og_type: str = "website", image=None
) -> ShareMeta:
    current = "en" if translation.get_language() == "en" else "th"
    other = "th" if current == "en" else "en"
    urls = {language: _url_in(language, request, url_name, args) for language in ("th", "en")}
    return ShareMeta(
        canonical_url=urls[current],
        alternates=(("th", urls["th"]), ("en", urls["en"]), ("x-default", urls["th"])),
        title=title,
        description=Truncator(" ".join(description.split())).chars(DESCRIPTION_LENGTH),
        og_type=og_type,
        og_locale=OG_LOCALES[current],
        og_locale_alternate=OG_LOCALES[other],
        image_url=image_url(request, image),
    )
