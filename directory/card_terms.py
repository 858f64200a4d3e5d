"""The vocabulary terms a directory card shows (themes, SDGs, provinces, sectors) without model instances.

A directory page lists 20 cards, each naming a few taxonomy terms. Prefetching them built ~80 model
instances a request (a join per vocabulary) for words that almost never change. Instead the page reads
only the (row id, term id) pairs of each many-to-many table and takes the words from a cached map of every
term, kept under the public cache generation and dropped when an editor changes any vocabulary.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import translation

from taxonomy.models import Province, SdgGoal, Sector, Theme
from visibility.version import cache_generation, invalidate

CACHE_KEY = "portal:card-terms"
CACHE_SECONDS = 60 * 60
VOCABULARIES = {Sector: "sectors", Province: "provinces", SdgGoal: "sdg_goals", Theme: "themes"}


@dataclass(frozen=True, slots=True)
class Term:
    """What a card needs of a term: its names, slug and (SDG goals) number, in the vocabulary's order."""

    rank: int
    slug: str
    name_th: str
    name_en: str
    number: int | None = None

    @property
    def name(self) -> str:
        return self.name_en if translation.get_language() == "en" else self.name_th

    def __str__(self) -> str:
        return self.name if self.number is None else f"{self.number}. {self.name}"


def _cache_key() -> str:
    return f"{CACHE_KEY}:g{cache_generation()}"


def terms_by_id() -> dict[str, dict[int, Term]]:
    key = _cache_key()
    terms = cache.get(key)
    if terms is None:
        terms = {
            name: {
                row.pk: Term(rank, getattr(row, "slug", ""), row.name_th, row.name_en, getattr(row, "number", None))
                for rank, row in enumerate(model.objects.all())
            }
            for model, name in VOCABULARIES.items()
        }
        cache.set(key, terms, CACHE_SECONDS)
    return terms


@receiver([post_save, post_delete], sender=Sector)
@receiver([post_save, post_delete], sender=Province)
@receiver([post_save, post_delete], sender=SdgGoal)
@receiver([post_save, post_delete], sender=Theme)
def clear_card_terms(**kwargs) -> None:
    invalidate(lambda: cache.delete(_cache_key()))


def attach_terms(items: list, fields: dict[str, str]) -> None:
    """For each many-to-many ``field`` → ``attribute``, set ``item.<attribute>`` to its terms, in order.

    One narrow query per field (the same number as a prefetch), no joins, no model instances.
    """
    if not items:
        return
    model = type(items[0])
    terms = terms_by_id()
    ids = [item.pk for item in items]
    for field_name, attribute in fields.items():
        field = model._meta.get_field(field_name)
        vocabulary = terms[VOCABULARIES[field.related_model]]
        source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        found = defaultdict(list)
        pairs = field.remote_field.through.objects.filter(**{f"{source}__in": ids}).values_list(source, target)
        for item_id, term_id in pairs:
            term = vocabulary.get(term_id)
            if term is not None:
                found[item_id].append(term)
        for item in items:
            setattr(item, attribute, sorted(found.get(item.pk, ()), key=lambda term: term.rank))
