"""Builders for funders in tests: drafts stay drafts, published ones go through a revision like the admin."""

from __future__ import annotations

from decimal import Decimal

from funding.models import Funder
from taxonomy.models import SdgGoal, Sector, Theme


def make_funder(
    slug: str,
    *,
    live: bool = True,
    kind: str = "grant_maker",
    themes=(),
    sdgs=(),
    sectors=(),
    ticket_min: str | None = None,
    ticket_max: str | None = None,
    name_th: str | None = None,
    website: str = "",
) -> Funder:
    funder = Funder(
        slug=slug,
        name_th=name_th or f"แหล่งทุน {slug}",
        name_en=f"Funder {slug}",
        kind=kind,
        description_th="ให้ทุนโครงการเพื่อสังคม",
        ticket_min=None if ticket_min is None else Decimal(ticket_min),
        ticket_max=None if ticket_max is None else Decimal(ticket_max),
        website=website,
        live=False,
    )
    funder.focus_themes = list(Theme.objects.filter(slug__in=themes))
    funder.focus_sdgs = list(SdgGoal.objects.filter(number__in=sdgs))
    funder.focus_sectors = list(Sector.objects.filter(slug__in=sectors))
    funder.save()
    if live:
        funder.save_revision().publish()
    return funder


def clear_shipped_funders() -> None:
    """The initial content ships real funders; tests that count results start without them."""
    Funder.objects.all().delete()


def bulk_funders(start: int, stop: int) -> None:
    """Many published funders at once (live rows, each with every kind of focus)."""
    funders = Funder.objects.bulk_create(
        Funder(slug=f"bulk-{n}", name_th=f"แหล่งทุน {n:04}", kind="grant_maker", live=True, ticket_max=Decimal(n))
        for n in range(start, stop)
    )
    theme, goal, sector = Theme.objects.first(), SdgGoal.objects.first(), Sector.objects.first()
    for relation, term in (("focus_themes", theme), ("focus_sdgs", goal), ("focus_sectors", sector)):
        through = getattr(Funder, relation).through
        column = {"focus_themes": "theme", "focus_sdgs": "sdggoal", "focus_sectors": "sector"}[relation]
        through.objects.bulk_create(through(funder=f, **{column: term}) for f in funders)
