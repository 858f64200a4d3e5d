"""Loads the site's first content from site/content/*.json, idempotently.

Each page the loader owns has an InitialContentRecord holding the hash of the data it last wrote and the
revision it created. A page whose latest revision is not that one was changed by an editor and is left alone.
"""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

from directory.forms import clear_taxonomy_cache
from directory.models import DirectoryIndexPage
from faq.models import FAQItem, FAQPage
from funding.initial_funders import ensure_funder_editing, load_funders, sync_themes
from funding.models import FunderIndexPage
from impact_data.models import ImpactDataIndexPage
from portal.catalogue_loader import load_catalogue
from portal.models import (
    AssessorIndexPage,
    ContactSettings,
    ContentPage,
    CreatorIndexPage,
    HomePage,
    InitialContentRecord,
    ReportIndexPage,
)
from taxonomy.models import Province, SdgGoal, Sector
from visibility.signals import public_content_changed

CONTENT_DIR = settings.SITE_DIR / "content"
LANGUAGES = ("th", "en")
# Order of creation is the order of the menu.
MENU_ORDER = (
    "about",
    "benefits",
    "who-is-it-for",
    "impact-creators",
    "impact-assessors",
    "impact-reports",
    "impact-data",
    "faq",
    "funders",
    "contact",
)
OUTSIDE_MENU = ("privacy",)
DIRECTORY_PAGE_TYPES = {"creators": CreatorIndexPage, "assessors": AssessorIndexPage, "reports": ReportIndexPage}
DIRECTORY_PAGE_TYPES["impact_data"] = ImpactDataIndexPage
DIRECTORY_PAGE_TYPES["funders"] = FunderIndexPage
DEFAULT_CONTACT = {"phone_primary": "090-669-3961", "phone_secondary": "089-680-1233"}


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept_editor_changes: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [
            f"created: {', '.join(self.created) or '-'}",
            f"updated: {', '.join(self.updated) or '-'}",
            f"kept editor changes: {', '.join(self.kept_editor_changes) or '-'}",
            f"unchanged: {len(self.unchanged)}",
        ]


def site_address() -> tuple[str, int]:
    """(hostname, port) of settings.SITE_URL, as Wagtail's Site record stores them."""
    parts = urlsplit(settings.SITE_URL)
    return parts.hostname or "localhost", parts.port or (443 if parts.scheme == "https" else 80)


def _hash(data) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _read(name: str, content_dir: Path) -> dict:
    return json.loads((content_dir / name).read_text(encoding="utf-8"))


def _ensure_locales() -> dict[str, Locale]:
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}


def _stream(blocks: list[dict], pages_by_slug: dict[str, Page]) -> list[dict]:
    """JSON blocks → StreamField raw data; card links name a page by its slug."""
    raw = []
    for block in blocks:
        value = block["value"]
        if block["type"] == "cards":
            items = []
            for item in value["items"]:
                target = pages_by_slug.get(item.get("link") or "")
                items.append(
                    {"title": item["title"], "text": item.get("text", ""), "link": target.pk if target else None}
                )
            value = {"heading": value["heading"], "items": items}
        raw.append({"type": block["type"], "value": value})
    return raw


def _upsert(model, key: str, values: dict) -> str:
    obj = model.objects.filter(**{key: values[key]}).first()
    if obj is None:
        model.objects.create(**values)
        return "created"
    if any(getattr(obj, name) != value for name, value in values.items()):
        model.objects.filter(pk=obj.pk).update(**values)
        return "updated"
    return "unchanged"


class InitialContentLoader:
    def __init__(self, *, content_dir: Path = CONTENT_DIR):
        self.content_dir = content_dir
        self.pages_data = _read("pages.json", content_dir)
        self.faq_data = _read("faq.json", content_dir)
        self.taxonomies = _read("taxonomies.json", content_dir)
        self.catalogue = _read("sdg_catalogue.json", content_dir)
        self.report = LoadReport()

    @transaction.atomic
    def run(self) -> LoadReport:
        locales = _ensure_locales()
        self._sync_taxonomies()
        self._sync_catalogue()
        sync_themes(self.taxonomies.get("themes", []), self.report)
        load_funders(self.content_dir, self.report, records=InitialContentRecord)
        ensure_funder_editing()
        home_th = self._ensure_structure(locales)
        if home_th is None:
            return self.report
        self._ensure_contact_settings()
        for code in LANGUAGES:
            home = home_th if code == "th" else home_th.get_translation_or_none(locales[code])
            if home is None:
                continue
            slugs = {p.slug: p for p in home.get_children().specific()}
            self._apply(f"home:{code}", home.specific, self.pages_data["home"][code], slugs)
            for entry in [*self.pages_data["pages"], *self.pages_data.get("directories", [])]:
                if entry["slug"] in slugs:
                    self._apply(f"page:{entry['slug']}:{code}", slugs[entry["slug"]], entry[code], slugs)
            if "faq" in slugs:
                self._apply(f"page:faq:{code}", slugs["faq"], self.faq_data[code], slugs)
        return self.report

    def _sync_taxonomies(self) -> None:
        """Vocabularies are reference data, not editorial content: the data file is the source of truth."""
        rows = [(Sector, "slug", {**sector, "sort_order": i}) for i, sector in enumerate(self.taxonomies["sectors"])]
        rows += [(Province, "code", province) for province in self.taxonomies["provinces"]]
        rows += [(SdgGoal, "number", goal) for goal in self.taxonomies["sdg_goals"]]
        outcomes = [_upsert(model, key, values) for model, key, values in rows]
        if any(outcome != "unchanged" for outcome in outcomes):
            clear_taxonomy_cache()  # rows are written with update(): no signals
        for outcome in ("created", "updated"):
            if count := outcomes.count(outcome):
                getattr(self.report, outcome).append(f"taxonomies ({count} rows)")

    def _sync_catalogue(self) -> None:
        """SDG targets and global indicators: written once, then only while no editor has changed the row."""
        result = load_catalogue(self.catalogue)
        if result.changed:
            public_content_changed()
        if result.created:
            self.report.created.append(f"SDG catalogue ({result.created} rows)")
        if result.updated:
            self.report.updated.append(f"SDG catalogue ({result.updated} rows)")
        self.report.kept_editor_changes += result.kept_editor_changes

    # Structure: create what is missing, never recreate what an editor deleted.
    def _ensure_structure(self, locales: dict[str, Locale]) -> HomePage | None:
        home_th = self._ensure_page("home:th", lambda: self._create_home(locales["th"]))
        if home_th is None:
            return None
        self._point_default_site_at(home_th)
        th_children = {}
        for slug in MENU_ORDER + OUTSIDE_MENU:
            th_children[slug] = self._ensure_page(
                f"page:{slug}:th", lambda s=slug: _place_in_menu(self._create_child(home_th, s))
            )
        home_en = self._ensure_page("home:en", lambda: home_th.copy_for_translation(locales["en"]))
        if home_en is not None:
            for slug, page in th_children.items():
                if page is not None:
                    self._ensure_page(
                        f"page:{slug}:en", lambda p=page: _place_in_menu(p.copy_for_translation(locales["en"]))
                    )
        return home_th

    def _ensure_page(self, key: str, create) -> Page | None:
        record = InitialContentRecord.objects.filter(key=key).first()
        if record is not None:
            return Page.objects.filter(pk=record.object_id).first()
        page = create()
        InitialContentRecord.objects.create(
            key=key, object_id=page.pk, source_hash="", revision_id=page.latest_revision_id
        )
        self.report.created.append(key)
        return page

    def _create_home(self, locale: Locale) -> HomePage:
        root = Page.get_first_root_node()
        data = self.pages_data["home"]["th"]
        home = HomePage(title=data["title"], slug="home", locale=locale, live=False)
        if root.get_children().filter(slug="home").exists():
            home.slug = "impact-partnership"
        root.add_child(instance=home)
        home.save_revision()
        return home

    def _create_child(self, home: HomePage, slug: str) -> Page:
        directory = next((e for e in self.pages_data.get("directories", []) if e["slug"] == slug), None)
        if slug == "faq":
            page = FAQPage(title=self.faq_data["th"]["title"], slug=slug, live=False, show_in_menus=True)
        elif directory is not None:
            page_class = DIRECTORY_PAGE_TYPES[directory["type"]]
            page = page_class(title=directory["th"]["title"], slug=slug, live=False, show_in_menus=True)
        else:
            entry = next(e for e in self.pages_data["pages"] if e["slug"] == slug)
            page = ContentPage(title=entry["th"]["title"], slug=slug, live=False, show_in_menus=slug in MENU_ORDER)
        home.add_child(instance=page)
        page.save_revision()
        return page

    def _point_default_site_at(self, home: HomePage) -> None:
        hostname, port = site_address()
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname=hostname, port=port, root_page=home, is_default_site=True, site_name="Impact Partnership"
            )
            return
        if site.root_page_id != home.pk:
            previous = site.root_page
            site.root_page = home
            site.site_name = site.site_name or "Impact Partnership"
            site.save()
            # Wagtail's own placeholder "Welcome" page is the only thing we remove.
            if previous.specific_class is Page and previous.depth == 2 and not previous.get_children().exists():
                previous.delete()
        self._keep_site_address(site, hostname, port)

    def _keep_site_address(self, site: Site, hostname: str, port: int) -> None:
        """The default site's host and port follow SITE_URL: page URLs Wagtail builds (API, sitemap) use them."""
        if (site.hostname, site.port) == (hostname, port):
            return
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])
        self.report.updated.append(f"default site address ({hostname}:{port})")
        public_content_changed()  # cached pages hold absolute links built from the old address

    def _ensure_contact_settings(self) -> None:
        key = "settings:contact"
        if InitialContentRecord.objects.filter(key=key).exists():
            return
        site = Site.objects.get(is_default_site=True)
        contact = ContactSettings.for_site(site)
        for name, value in DEFAULT_CONTACT.items():
            if not getattr(contact, name):
                setattr(contact, name, value)
        contact.save()
        InitialContentRecord.objects.create(key=key, object_id=contact.pk, source_hash=_hash(DEFAULT_CONTACT))
        self.report.created.append(key)

    # Content: write when the data changed and no editor has touched the page since our last write.
    def _apply(self, key: str, page: Page, data: dict, pages_by_slug: dict[str, Page]) -> None:
        record = InitialContentRecord.objects.get(key=key)
        page = page.specific
        source_hash = _hash(data)
        if page.latest_revision_id != record.revision_id:
            self.report.kept_editor_changes.append(key)
            return
        if record.source_hash == source_hash:
            self.report.unchanged.append(key)
            return
        page.title = data["title"]
        if isinstance(page, FAQPage):
            page.intro = data["intro"]
            page.items = [
                FAQItem(anchor=item["anchor"], question=item["question"], answer=item["answer"], sort_order=i)
                for i, item in enumerate(data["items"])
            ]
        elif isinstance(page, DirectoryIndexPage):
            page.intro = data.get("intro", "")
            page.search_description = data.get("search_description", "")
        else:
            page.intro = data.get("intro", "")
            page.search_description = data.get("search_description", "")
            page.body = _stream(data.get("body", []), pages_by_slug)
        revision = page.save_revision(log_action=True)
        revision.publish()
        record.revision_id = revision.pk
        record.source_hash = source_hash
        record.save(update_fields=["revision_id", "source_hash", "updated_at"])
        if key not in self.report.created:
            self.report.updated.append(key)


def _place_in_menu(page: Page) -> Page:
    """A page added to an existing site goes right after the menu page before it, as on a fresh site."""
    if page.slug not in MENU_ORDER or MENU_ORDER.index(page.slug) == 0:
        return page
    previous = page.get_siblings().filter(slug=MENU_ORDER[MENU_ORDER.index(page.slug) - 1]).first()
    if previous is None or page.get_prev_sibling() == previous:
        return page
    page.move(previous, pos="right")
    return Page.objects.get(pk=page.pk).specific


def load_initial_content(*, content_dir: Path = CONTENT_DIR) -> LoadReport:
    return InitialContentLoader(content_dir=content_dir).run()
