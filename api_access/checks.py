"""System checks: the API limits are usable numbers; in production, CORS opens the APIs to https origins only."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

LIMIT_SETTINGS = ("API_RATE_LIMIT_WINDOW_SECONDS", "API_RATE_LIMIT_ANONYMOUS", "API_RATE_LIMIT_KEYED")


@register()
def rate_limit_settings_check(app_configs, **kwargs) -> list:
    problems: list = [
        Error(
            f"{name} must be a whole number of 1 or more, not {getattr(settings, name, None)!r}.",
            id="api_access.E001",
        )
        for name in LIMIT_SETTINGS
        if not isinstance(getattr(settings, name, None), int) or getattr(settings, name) < 1
    ]
    if not problems and settings.API_RATE_LIMIT_KEYED < settings.API_RATE_LIMIT_ANONYMOUS:
        problems.append(
            Warning(
                "API_RATE_LIMIT_KEYED is lower than API_RATE_LIMIT_ANONYMOUS: a key would lower a client's limit.",
                id="api_access.W001",
            )
        )
    return problems


@register(Tags.security, deploy=True)
def cors_origins_check(app_configs, **kwargs) -> list[Error]:
    problems = [
        Error(
            f"CORS_ALLOWED_ORIGINS holds {origin!r}: only https origins may read the APIs from a browser.",
            hint="List the partners' sites as https://host, comma-separated.",
            id="api_access.E002",
        )
        for origin in getattr(settings, "CORS_ALLOWED_ORIGINS", [])
        if not origin.startswith("https://")
    ]
    if getattr(settings, "CORS_ALLOW_ALL_ORIGINS", False) or getattr(settings, "CORS_ALLOWED_ORIGIN_REGEXES", []):
        problems.append(
            Error(
                "CORS names each allowed origin: leave CORS_ALLOW_ALL_ORIGINS and CORS_ALLOWED_ORIGIN_REGEXES unset.",
                id="api_access.E003",
            )
        )
    return problems
