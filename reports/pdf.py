"""An Impact Report as a PDF for funders and boards (WeasyPrint), in Thai with the project's own Sarabun font.

The page's own blocks (details, totals, value map, years, charts, sensitivity) are rendered into a print layout,
so the PDF shows exactly the numbers of the report page. Public PDFs are cached under the report's revision,
publication and the public-content version: any publish, unpublish, delete on request or edit makes a new one.
The caller checks visibility before asking (a cached PDF is never served for a report that is no longer public).
"""

from __future__ import annotations

import copy
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reports.models import ImpactReport
from visibility.version import public_content_version

CACHE_SECONDS = 24 * 60 * 60
# A funder's copy lists the estimates that move the ratio most; the page and the CSV keep every one.
SENSITIVITY_ROWS = 15
FONT_FOLDER = settings.BASE_DIR / "site" / "static" / "fonts"


class PdfUnavailable(RuntimeError):
    """WeasyPrint (or the Pango library under it) is missing on this machine."""


def _cache_key(report: ImpactReport) -> str:
    parts = (
        report.pk,
        report.latest_revision_id,
        report.live_revision_id,
        report.last_published_at,
        report.results_engine,
        public_content_version(),
        translation.get_language(),
    )
    return "report-pdf:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def _write_pdf(html: str) -> bytes:
    try:
        # Imported here: it loads Pango through cffi, which a machine without it (make run on a bare host) lacks.
        from weasyprint import HTML
        from weasyprint.text.fonts import FontConfiguration
    except (ImportError, OSError) as exc:
        raise PdfUnavailable(str(exc)) from exc
    return HTML(string=html, base_url=str(FONT_FOLDER)).write_pdf(font_config=FontConfiguration())


def _most_sensitive(results) -> tuple[list, str]:
    """The SENSITIVITY_ROWS rows whose ±20 % swing of the ratio is widest, in the page's order, and a note."""
    raw = results.result.sensitivity if results.result is not None else []
    if len(raw) <= SENSITIVITY_ROWS:
        return results.sensitivity, ""
    widest = sorted(range(len(raw)), key=lambda i: abs(raw[i].ratio_plus_20 - raw[i].ratio_minus_20), reverse=True)
    keep = sorted(widest[:SENSITIVITY_ROWS])
    note = _("The %(shown)d of %(total)d estimates that move the ratio most; the report page and its CSV have all.") % {
        "shown": SENSITIVITY_ROWS,
        "total": len(raw),
    }
    return [results.sensitivity[i] for i in keep], note


def render_report_pdf(*, context: dict) -> bytes:
    results = copy.copy(context["results"])
    results.sensitivity, note = _most_sensitive(results)
    context = {
        **context,
        "results": results,
        "sensitivity_note": note,
        "chart_template": "reports/pdf/chart.html",
        "font_folder": FONT_FOLDER.as_uri(),
        "generated_at": timezone.now(),
    }
    return _write_pdf(render_to_string("reports/pdf/report.html", context))


def report_pdf(*, report: ImpactReport, context: dict, cached: bool) -> bytes:
    """The PDF of a report page's context; from the cache when ``cached`` (public reports) and unchanged."""
    if not cached:
        return render_report_pdf(context=context)
    key = _cache_key(report)
    pdf = cache.get(key)
    if pdf is None:
        pdf = render_report_pdf(context=context)
        cache.set(key, pdf, CACHE_SECONDS)
    return pdf
