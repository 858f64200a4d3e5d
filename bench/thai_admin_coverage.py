"""How much of the Wagtail admin a Thai moderator or editor reads in Thai (`make thai-coverage`, part of `make bench`).

The message ids are Wagtail's own English source catalogues: every wagtail app, wagtail_modeladmin and the
admin's JavaScript catalogue (djangojs). An id "has Thai" when the catalogue Django really serves for Thai holds
a translation for it: Django's own, every installed app's, then LOCALE_PATHS on top (locale/ for our strings,
locale/admin/ for our Thai of Wagtail's and Django's admin strings); for djangojs, what Wagtail's jsi18n view
serves (wagtail.admin's catalogue, then LOCALE_PATHS). "Before" is the same with no LOCALE_PATHS: what the
packages ship. Django's, taggit's and django-filter's strings that staff meet in the admin are listed apart.

    .venv/bin/python bench/thai_admin_coverage.py              # the table
    .venv/bin/python bench/thai_admin_coverage.py --missing    # also every id still without Thai
"""

from __future__ import annotations

import os
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SITE_PACKAGES = Path(sysconfig.get_paths()["purelib"])
TARGET_PERCENT = 95.0

# (label, domain, the English source catalogue); "django" ids are served by the merged catalogue of every app.
WAGTAIL_APPS = (
    "wagtail",
    "wagtail/admin",
    "wagtail/contrib/forms",
    "wagtail/contrib/redirects",
    "wagtail/contrib/search_promotions",
    "wagtail/contrib/settings",
    "wagtail/contrib/simple_translation",
    "wagtail/contrib/styleguide",
    "wagtail/contrib/table_block",
    "wagtail/contrib/typed_table_block",
    "wagtail/documents",
    "wagtail/embeds",
    "wagtail/images",
    "wagtail/locales",
    "wagtail/search",
    "wagtail/sites",
    "wagtail/snippets",
    "wagtail/users",
    "wagtail_modeladmin",
)
# Strings of other packages that appear inside the Wagtail admin: form validation, passwords, tags, filters.
OTHER_CATALOGUES = (
    ("django (forms, validators, dates)", "django/conf/locale/en/LC_MESSAGES/django.po"),
    ("django.contrib.auth", "django/contrib/auth/locale/en/LC_MESSAGES/django.po"),
    ("django.contrib.contenttypes", "django/contrib/contenttypes/locale/en/LC_MESSAGES/django.po"),
    # taggit and django-filter ship no English catalogue; their German one lists the same ids.
    ("taggit", "taggit/locale/de/LC_MESSAGES/django.po"),
    ("django_filters", "django_filters/locale/de/LC_MESSAGES/django.po"),
)


@dataclass(frozen=True)
class Catalogue:
    label: str
    domain: str
    source: Path


@dataclass(frozen=True)
class Coverage:
    catalogue: Catalogue
    total: int
    before: int
    after: int
    missing: tuple[str, ...]

    @property
    def after_percent(self) -> float:
        return 100.0 * self.after / self.total if self.total else 100.0

    @property
    def before_percent(self) -> float:
        return 100.0 * self.before / self.total if self.total else 100.0


def wagtail_catalogues() -> list[Catalogue]:
    catalogues = []
    for app in WAGTAIL_APPS:
        for domain in ("django", "djangojs"):
            source = SITE_PACKAGES / app / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
            if source.exists():
                catalogues.append(Catalogue(f"{app.replace('/', '.')} ({domain})", domain, source))
    return catalogues


def other_catalogues() -> list[Catalogue]:
    return [Catalogue(label, "django", SITE_PACKAGES / path) for label, path in OTHER_CATALOGUES]


def _keys(source: Path) -> list[tuple[str | None, str, bool]]:
    """(context, msgid, plural?) of every live entry of a .po file."""
    import polib

    return [(e.msgctxt, e.msgid, bool(e.msgid_plural)) for e in polib.pofile(str(source)) if not e.obsolete and e.msgid]


def _lookup_key(context: str | None, msgid: str, plural: bool) -> object:
    key = f"{context}\x04{msgid}" if context else msgid
    return (key, 0) if plural else key


def _served(domain: str, locale_paths: list[Path]):
    """The Thai catalogue Django serves for a domain with these LOCALE_PATHS (built fresh, not from the cache)."""
    from django.test import override_settings
    from django.utils.translation.trans_real import DjangoTranslation

    with override_settings(LOCALE_PATHS=[str(path) for path in locale_paths]):
        if domain == "djangojs":
            # wagtail.admin.views.i18n: JavaScriptCatalog(packages=["wagtail.admin"]).
            return DjangoTranslation("th", domain="djangojs", localedirs=[str(SITE_PACKAGES / "wagtail/admin/locale")])
        return DjangoTranslation("th", domain=domain)


def measure(catalogues: list[Catalogue]) -> list[Coverage]:
    from django.conf import settings

    layered = {d: _served(d, list(settings.LOCALE_PATHS)) for d in ("django", "djangojs")}
    shipped = {d: _served(d, []) for d in ("django", "djangojs")}
    results = []
    for catalogue in catalogues:
        keys = _keys(catalogue.source)
        after = layered[catalogue.domain]._catalog
        before = shipped[catalogue.domain]._catalog
        missing = tuple(
            (f"{ctx} | {msgid}" if ctx else msgid)
            for ctx, msgid, plural in keys
            if _lookup_key(ctx, msgid, plural) not in after
        )
        results.append(
            Coverage(
                catalogue=catalogue,
                total=len(keys),
                before=sum(1 for k in keys if _lookup_key(*k) in before),
                after=len(keys) - len(missing),
                missing=missing,
            )
        )
    return results


def total(results: list[Coverage]) -> tuple[int, int, int]:
    return (sum(r.total for r in results), sum(r.before for r in results), sum(r.after for r in results))


def _print_table(title: str, results: list[Coverage], *, show_missing: bool) -> None:
    print(f"\n{title}")
    print(f"{'catalogue':44} {'ids':>5} {'before':>14} {'after':>14}")
    for r in results:
        print(
            f"{r.catalogue.label:44} {r.total:5} {r.before:6} {r.before_percent:6.1f} %"
            f" {r.after:6} {r.after_percent:6.1f} %"
        )
    ids, before, after = total(results)
    print(f"{'total':44} {ids:5} {before:6} {100 * before / ids:6.1f} % {after:6} {100 * after / ids:6.1f} %")
    if show_missing:
        for r in results:
            for msgid in r.missing:
                print(f"  missing in {r.catalogue.label}: {msgid!r}")


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    show_missing = "--missing" in argv
    wagtail = measure(wagtail_catalogues())
    _print_table(
        "Wagtail admin message ids with Thai (before: as Wagtail ships; after: with locale/admin)",
        wagtail,
        show_missing=show_missing,
    )
    _print_table(
        "Django, taggit and django-filter ids staff meet in the admin",
        measure(other_catalogues()),
        show_missing=show_missing,
    )
    ids, _before, after = total(wagtail)
    percent = 100 * after / ids
    print(f"\nWagtail admin Thai coverage: {percent:.1f} % (target ≥ {TARGET_PERCENT:.0f} %)")
    return 0 if percent >= TARGET_PERCENT else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
