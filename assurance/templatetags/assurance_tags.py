"""Assurance on pages that belong to other apps (the report pages, the PDF, an assessor's page, the dashboard):
template tags, so those apps never import assurance."""

from __future__ import annotations

from django import template

from assurance import selectors

register = template.Library()


@register.inclusion_tag("assurance/includes/public_assurance.html")
def public_assurance(report):
    return {"assurance": selectors.current_assurance(report=report)}


@register.inclusion_tag("assurance/includes/owner_panel.html", takes_context=True)
def assurance_owner_panel(context, report):
    return {
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
        "report": report,
        "engagements": selectors.owner_engagements(report=report),
        "assessors": selectors.invitable_assessors(report=report),
    }


@register.inclusion_tag("assurance/includes/assured_reports.html")
def assured_reports(assessor):
    return {"reports": selectors.assured_reports(assessor=assessor)}


@register.simple_tag
def open_invitations(user) -> int:
    return sum(1 for engagement in selectors.assessor_engagements(user=user) if engagement.status == "invited")
