"""The report page (the wizard's sixth step), the public report page, and their value-map CSV and .xlsx downloads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.open_graph import share_meta
from core.spreadsheet import csv_download
from reports.benchmarks import report_percentile
from reports.csv_export import value_map_csv as build_value_map_csv
from reports.models import ImpactReport
from reports.pdf import PdfUnavailable, report_pdf
from reports.presentation import frozen_totals, plain_number, report_results
from reports.selectors import ReportStatus, live_report, owned_report, report_status, working_copy
from reports.services.submission import WIZARD_STEPS
from reports.value_map_export import xlsx_download

CHILD_ROWS = ("stakeholders", "inputs", "outcomes")
SUBMITTABLE = (ReportStatus.DRAFT, ReportStatus.WITHDRAWN, ReportStatus.NEEDS_CHANGES)


def _owner_working_copy(request, pk: int) -> tuple[ImpactReport, ImpactReport]:
    report = owned_report(user=request.user, pk=pk)
    working = working_copy(report)
    if working is report:  # never saved as a revision: read its rows once
        prefetch_related_objects([working], *CHILD_ROWS)
    return report, working


def _organisation(report: ImpactReport):
    # Only an approved (live) profile may be named publicly, as in the portal API.
    profile = getattr(report.owner, "profile", None)
    return profile if profile is not None and profile.is_public else None


def _csv_response(report: ImpactReport) -> HttpResponse:
    return csv_download(build_value_map_csv(report), filename=f"value-map-{report.slug}.csv")


@login_required
def report_page(request, pk: int):
    report, working = _owner_working_copy(request, pk)
    if working.completed_step < WIZARD_STEPS:
        next_step = working.completed_step + 1
        messages.info(
            request,
            _("The results appear once every calculation step is complete. Please continue with step %(step)s.")
            % {"step": next_step},
        )
        return redirect("reports:step", pk=pk, step=next_step)
    status = report_status(report)
    context = {
        "report": working,
        "status": status,
        "can_submit": status.status in SUBMITTABLE,
        "steps": range(1, WIZARD_STEPS + 1),
        "results": report_results(working),
        "csv_url": reverse("reports:value_map_csv", args=[pk]),
        "pdf_url": reverse("reports:pdf", args=[pk]),
        "xlsx_url": reverse("reports:value_map_xlsx", args=[pk]),
        "public_url": reverse("reports:public", args=[report.slug]) if report.is_public else "",
    }
    return render(request, "reports/report_page.html", context)


@login_required
def value_map_csv(request, pk: int):
    _report, working = _owner_working_copy(request, pk)
    return _csv_response(working)


@login_required
def value_map_xlsx(request, pk: int):
    """The owner's working copy as a Value Map workbook: uploading it to the calculator gives the same numbers."""
    _report, working = _owner_working_copy(request, pk)
    return xlsx_download(working)


def _public_context(report: ImpactReport) -> dict:
    results = report_results(report)
    results.totals = frozen_totals(report, results.totals)
    return {"report": report, "organisation": _organisation(report), "results": results}


def public_report(request, slug: str):
    report = live_report(slug=slug)
    if report is None:
        raise Http404
    context = _public_context(report)
    results = context["results"]
    context |= {
        "pdf_url": reverse("reports:public_pdf", args=[slug]),
        "csv_url": reverse("reports:public_value_map_csv", args=[slug]),
        "xlsx_url": reverse("reports:public_value_map_xlsx", args=[slug]),
        "canonical_url": request.build_absolute_uri(reverse("reports:public", args=[slug])),
        "share": _share_meta(request, report, results),
    }
    context.update(_benchmark_context(report))
    return render(request, "reports/public_report.html", context)


def _share_meta(request, report: ImpactReport, results):
    description = report.summary
    if not description and results.totals:
        description = _("Social return on investment %(ratio)s: %(value)s of social value in present-value terms.") % {
            "ratio": results.totals["sroi_ratio_one_to"],
            "value": results.totals["present_value"],
        }
    return share_meta(
        request,
        url_name="reports:public",
        args=[report.slug],
        title=report.display_title,
        description=description or _("Impact Report"),
        og_type="article",
    )


# --- Sector benchmark (the report's place among approved reports of its sector) -----------------------


def _benchmark_context(report: ImpactReport) -> dict:
    percentile = report_percentile(report)
    return {
        "percentile": percentile,
        "percentile_text": "" if percentile is None else f"{plain_number(percentile, 1)}%",
        "benchmarks_url": reverse("reports:benchmarks"),
    }


def public_value_map_csv(request, slug: str):
    report = live_report(slug=slug)
    if report is None:
        raise Http404
    return _csv_response(report)


def public_value_map_xlsx(request, slug: str):
    report = live_report(slug=slug)
    if report is None:
        raise Http404
    return xlsx_download(report)


# --- PDF ------------------------------------------------------------------------------------------------


def _pdf_response(pdf: bytes, *, filename: str, cacheable: bool) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=300" if cacheable else "private, no-store"
    return response


def _pdf_unavailable() -> HttpResponse:
    message = _("The PDF cannot be made on this server right now. Please try again later or download the CSV.")
    return HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")


def public_report_pdf(request, slug: str):
    """The public report as a PDF; visibility is checked on every request, before the cache."""
    report = live_report(slug=slug)
    if report is None:
        raise Http404
    try:
        pdf = report_pdf(report=report, context=_public_context(report), cached=True)
    except PdfUnavailable:
        return _pdf_unavailable()
    return _pdf_response(pdf, filename=f"impact-report-{report.slug}.pdf", cacheable=True)


@login_required
def report_pdf_preview(request, pk: int):
    """The owner's working copy as a PDF, marked as a draft unless it is the approved version."""
    report, working = _owner_working_copy(request, pk)
    if working.completed_step < WIZARD_STEPS:
        raise Http404
    context = {"report": working, "organisation": _organisation(report), "results": report_results(working)}
    try:
        pdf = report_pdf(report=working, context=context, cached=False)
    except PdfUnavailable:
        return _pdf_unavailable()
    return _pdf_response(pdf, filename=f"impact-report-{pk}-preview.pdf", cacheable=False)
