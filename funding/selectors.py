"""Reads for Impact Funding: the public funder directory and the funders suggested to an Impact Creator.

Every function starts from ``Funder.objects.public()`` (published): a draft funder, or the unpublished
edits of a published one, never come out of here. Listings prefetch what the cards show, so a page of
any size costs the same fixed number of queries; every ordering ends with the primary key.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from django.core.cache import cache
from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from funding.models.funders import Funder
from visibility.version import public_content_version

__all__ = [
    "FUNDER_SORTS",
    "SCORE_WEIGHTS",
    "directory_funder",
    "directory_funders",
    "funders_for_creator",
    "suggested_funders",
]
SUGGESTIONS_TIMEOUT = 600

FunderSort = Literal["name", "largest"]
FUNDER_SORTS: tuple[str, ...] = ("name", "largest")
# Points per shared thematic sector, per shared SDG goal, and for a matching organisation type.
SCORE_WEIGHTS = {"theme": 3, "sdg": 2, "sector": 1}


def directory_funders(
    *,
    kind: str | None = None,
    sector: str | None = None,
    theme: str | None = None,
    sdg: int | None = None,
    amount: Decimal | None = None,
    sort: FunderSort = "name",
) -> QuerySet[Funder]:
    """Published funders; filters are a kind, a sector slug, a theme slug, an SDG number and an amount (ANDed).

    ``amount`` keeps the funders whose ticket range holds it. A bound the funder has not stated is open:
    a funder with no stated minimum or maximum is not excluded for it (the card says the size is unknown).
    """
    funders = Funder.objects.public()
    if kind:
        funders = funders.filter(kind=kind)
    if sector:
        funders = funders.filter(focus_sectors__slug=sector)  # slugs are unique: one row per funder at most
    if theme:
        funders = funders.filter(focus_themes__slug=theme)
    if sdg is not None:
        funders = funders.filter(focus_sdgs__number=sdg)
    if amount is not None:
        funders = funders.filter(Q(ticket_min__isnull=True) | Q(ticket_min__lte=amount))
        funders = funders.filter(Q(ticket_max__isnull=True) | Q(ticket_max__gte=amount))
    largest_first = (F("ticket_max").desc(nulls_last=True), "name_th", "pk")
    ordering = largest_first if sort == "largest" else ("name_th", "pk")
    return funders.prefetch_related("focus_sectors", "focus_themes", "focus_sdgs").order_by(*ordering)


def directory_funder(*, slug: str) -> Funder | None:
    return directory_funders().filter(slug=slug).first()


def _shared(through, column: str, ids: list[int]):
    """How many of ``ids`` the funder lists in one of its focus vocabularies (a correlated count)."""
    if not ids:
        return Value(0, output_field=IntegerField())
    hits = (
        through.objects.filter(funder_id=OuterRef("pk"), **{f"{column}__in": ids})
        .order_by()
        .values("funder_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(hits, output_field=IntegerField()), Value(0))


def funders_for_creator(*, profile, limit: int = 5) -> list[Funder]:
    """Published funders whose focus overlaps the creator's, best match first.

    Score = 3 × shared thematic sectors (``focus_themes`` ∩ the creator's ``themes``)
          + 2 × shared SDG goals (``focus_sdgs`` ∩ the creator's ``sdg_goals``)
          + 1 if the creator's organisation type is one of the funder's ``focus_sectors``.
    What an organisation works on (its themes) is the strongest signal, the goals it serves next, and
    its organisation type only breaks near-ties: many funders list every type. Funders scoring 0 are not
    suggested. Equal scores are ordered by Thai name, then primary key, so the order is deterministic.
    Each funder carries ``match_score``, ``shared_themes``, ``shared_sdgs`` and ``sector_match``.

    The creator's terms come from its prefetched relations when present; then this costs one query.
    """
    theme_ids = [theme.pk for theme in profile.themes.all()]
    sdg_ids = [goal.pk for goal in profile.sdg_goals.all()]
    sector_ids = [profile.organisation_type_id] if profile.organisation_type_id else []
    if not (theme_ids or sdg_ids or sector_ids):
        return []
    weights = SCORE_WEIGHTS
    funders = (
        Funder.objects.public()
        .annotate(
            shared_themes=_shared(Funder.focus_themes.through, "theme_id", theme_ids),
            shared_sdgs=_shared(Funder.focus_sdgs.through, "sdggoal_id", sdg_ids),
            sector_match=_shared(Funder.focus_sectors.through, "sector_id", sector_ids),
        )
        .annotate(
            match_score=F("shared_themes") * weights["theme"]
            + F("shared_sdgs") * weights["sdg"]
            + F("sector_match") * weights["sector"]
        )
        .filter(match_score__gt=0)
        .order_by("-match_score", "name_th", "pk")
    )
    return list(funders[: max(0, limit)])


def suggested_funders(*, profile, limit: int = 5) -> list[Funder]:
    """``funders_for_creator`` cached by the creator's terms under the public-content version, which every
    funder and taxonomy change moves: a creator's page renders without compiling the scoring query."""
    theme_ids = sorted(theme.pk for theme in profile.themes.all())
    sdg_ids = sorted(goal.pk for goal in profile.sdg_goals.all())
    terms = f"{','.join(map(str, theme_ids))}:{','.join(map(str, sdg_ids))}:{profile.organisation_type_id}"
    key = f"funder-suggestions:{public_content_version()}:{limit}:{terms}"
    found = cache.get(key)
    if found is None:
        found = funders_for_creator(profile=profile, limit=limit)
        cache.set(key, found, SUGGESTIONS_TIMEOUT)
    return found
