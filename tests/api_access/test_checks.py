from django.test import override_settings

from api_access.checks import cors_origins_check, rate_limit_settings_check


def _ids(problems) -> set[str]:
    return {problem.id for problem in problems}


def test_the_default_settings_pass():
    assert rate_limit_settings_check(None) == []
    assert cors_origins_check(None) == []


@override_settings(API_RATE_LIMIT_ANONYMOUS=0)
def test_a_zero_limit_is_refused():
    assert _ids(rate_limit_settings_check(None)) == {"api_access.E001"}


@override_settings(API_RATE_LIMIT_ANONYMOUS=100, API_RATE_LIMIT_KEYED=10)
def test_a_key_lowering_the_limit_is_a_warning():
    assert _ids(rate_limit_settings_check(None)) == {"api_access.W001"}


@override_settings(CORS_ALLOWED_ORIGINS=["https://partner.example", "http://partner.example"])
def test_production_allows_https_origins_only():
    problems = cors_origins_check(None)
    assert _ids(problems) == {"api_access.E002"}
    assert "http://partner.example" in problems[0].msg


@override_settings(CORS_ALLOW_ALL_ORIGINS=True)
def test_allowing_every_origin_is_refused():
    assert _ids(cors_origins_check(None)) == {"api_access.E003"}
