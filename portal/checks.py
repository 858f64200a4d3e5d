"""System checks: the platform has one public address, and Wagtail's base URLs are that address."""

from django.conf import settings
from django.core.checks import Error, register

from core.site_url import site_url_problem


@register()
def site_url_check(app_configs, **kwargs) -> list[Error]:
    site_url = getattr(settings, "SITE_URL", "")
    if problem := site_url_problem(site_url, [], https_only=False):
        return [Error(problem, hint="Set SITE_URL, e.g. https://impact.example.go.th.", id="portal.E001")]
    return [
        Error(
            f"{name} is {getattr(settings, name, None)!r} but SITE_URL is {site_url!r}.",
            hint=f"Set SITE_URL only; {name} is derived from it in the settings modules.",
            id="portal.E002",
        )
        for name in ("WAGTAILADMIN_BASE_URL", "WAGTAILAPI_BASE_URL")
        if getattr(settings, name, None) != site_url
    ]
