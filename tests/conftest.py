import pytest

from portal.initial_content import load_initial_content


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every database test starts from the site's real initial content (pages, FAQ, settings)."""
    with django_db_blocker.unblock():
        load_initial_content()


@pytest.fixture
def th_home():
    from portal.models import HomePage

    return HomePage.objects.get(locale__language_code="th")


@pytest.fixture
def faq_page_th():
    from faq.models import FAQPage

    return FAQPage.objects.get(locale__language_code="th")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: rolled-back pages must not linger in cached menus."""
    from django.core.cache import cache

    cache.clear()
    yield
