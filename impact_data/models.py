"""Impact Data: the indicator catalogue page at /impact-data/ and its goal, target and indicator sub-pages.

One editable Wagtail page (title and intro, Thai and English) with Latin sub-routes:
/impact-data/goal-1/, /impact-data/target-1-2/, /impact-data/indicator-1-2-1/. Unknown codes answer 404.
Each sub-page lists the public reports that use it (see ``impact_data.catalogue_selectors``).
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path

from core.numbers import plain_number, ratio_one_to
from core.spreadsheet import csv_download
from directory.models import PER_PAGE, DirectoryIndexPage
from impact_data import catalogue_selectors as catalogue
from impact_data.catalogue_csv import catalogue_csv
from reports.public_selectors import live_owner_profile
from taxonomy.models import SdgGoal, SdgIndicator, SdgTarget

TEMPLATES = {
    "index": "portal/impact_data/index.html",
    "goal": "portal/impact_data/goal.html",
    "target": "portal/impact_data/target.html",
    "indicator": "portal/impact_data/indicator.html",
}


class ImpactDataIndexPage(RoutablePageMixin, DirectoryIndexPage):
    """Impact Data: the indicator catalogue, SDG goal → target → indicator, with the reports that use each."""

    directory_kind = "impact-data"

    class Meta:
        db_table = "portal_impactdataindexpage"  # the table it had before the move (#20 keeps data)
        verbose_name = _("Impact Data (indicator catalogue)")

    # The catalogue is not a filtered list: DirectoryIndexPage's listing and CSV do not apply.
    def serve(self, request: HttpRequest, view=None, args=None, kwargs=None) -> HttpResponse:
        if view is None:
            view = self.index_view
        return view(request, *(args or []), **(kwargs or {}))

    def get_sitemap_urls(self, request=None) -> list[dict]:
        """The page, then every goal, target and indicator sub-page (three queries, whatever the catalogue)."""
        urls = super().get_sitemap_urls(request)
        if not urls:
            return urls
        base, lastmod = urls[0]["location"], urls[0].get("lastmod")
        subpaths = [f"goal-{number}" for number in SdgGoal.objects.order_by("number").values_list("number", flat=True)]
        subpaths += SdgTarget.objects.order_by("sort_key", "number").values_list("slug", flat=True)
        subpaths += SdgIndicator.objects.order_by("sort_key", "code").values_list("slug", flat=True)
        return urls + [{"location": f"{base.rstrip('/')}/{subpath}/", "lastmod": lastmod} for subpath in subpaths]

    def _render(self, request: HttpRequest, name: str, subpath: str, context: dict) -> TemplateResponse:
        page_context = self.get_context(request)
        page_context.update(context)
        page_context["canonical_url"] = self.get_full_url(request) + subpath
        page_context["routable_subpath"] = subpath
        page_context["breadcrumbs"] = self._breadcrumbs(request, context)
        return TemplateResponse(request, TEMPLATES[name], page_context)

    def _link(self, request: HttpRequest, items, kind: str) -> None:
        """Give each goal/target/indicator its sub-page address (one base URL, no query per item)."""
        base = self.get_url(request).rstrip("/") + "/"
        for item in items:
            key = item.number if kind == "goal" else item.slug
            item.catalogue_url = base + self.reverse_subpage(kind, args=[key]).lstrip("/")

    def _breadcrumbs(self, request: HttpRequest, context: dict) -> list[tuple[str, str]]:
        page_url = self.get_url(request)
        home_url = page_url[: -len(self.slug) - 1]  # the page sits right under home: no query for the parent
        crumbs = [(gettext("Home"), home_url), (self.title, page_url)]
        if "goal" in context:
            goal = context["goal"]
            crumbs.append((f"SDG {goal.number} {goal.name}", goal.catalogue_url))
        if "target" in context:
            target = context["target"]
            crumbs.append((gettext("Target %(number)s") % {"number": target.number}, target.catalogue_url))
        if "indicator" in context:
            indicator = context["indicator"]
            crumbs.append((gettext("Indicator %(code)s") % {"code": indicator.code}, indicator.catalogue_url))
        return crumbs

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        return super(DirectoryIndexPage, self).get_context(request, *args, **kwargs)

    @path("", name="index")
    def index_view(self, request: HttpRequest) -> TemplateResponse:
        goals = catalogue.catalogue_goals()
        self._link(request, goals, "goal")
        return self._render(request, "index", "", {"goals": goals})

    @path("csv/", name="csv")
    def csv_view(self, request: HttpRequest) -> HttpResponse:
        """The whole catalogue as one CSV: goal, target and indicator in Thai and English, with their use."""
        return csv_download(catalogue_csv(base_url=self.get_full_url(request)), filename="impact-data-catalogue.csv")

    @path("goal-<int:number>/", name="goal")
    def goal_view(self, request: HttpRequest, number: int) -> TemplateResponse:
        goal, targets = catalogue.catalogue_goal(number=number)
        if goal is None:
            raise Http404
        self._link(request, [goal], "goal")
        self._link(request, targets, "target")
        self._link(request, [i for t in targets for i in t.indicator_list], "indicator")
        context = self._reports_context(request, catalogue.reports_using_goal(goal), sdg_indicator__target__goal=goal)
        context.update({"goal": goal, "targets": targets})
        context.update(
            self._usage_context(
                catalogue.goal_beneficiaries(targets),
                gettext(
                    "Beneficiaries reported: the sum of the quantities that approved reports give for their "
                    "outcomes measured with an indicator of this goal, each in the outcome's own unit (people, "
                    "households …). A report that names this goal without using one of its indicators is counted "
                    "among the reports but adds no beneficiaries."
                ),
            )
        )
        return self._render(request, "goal", f"goal-{number}/", context)

    @re_path(r"^(?P<slug>target-[0-9a-z-]+)/$", name="target")
    def target_view(self, request: HttpRequest, slug: str) -> TemplateResponse:
        target = catalogue.catalogue_target(slug=slug)
        if target is None:
            raise Http404
        indicators = catalogue.target_indicators(target)
        self._link(request, [target.goal], "goal")
        self._link(request, [target], "target")
        self._link(request, indicators, "indicator")
        context = self._reports_context(request, catalogue.reports_using_target(target), sdg_indicator__target=target)
        context.update({"target": target, "goal": target.goal, "indicators": indicators})
        context.update(
            self._usage_context(
                target.usage.beneficiaries,
                gettext(
                    "Beneficiaries reported: the sum of the quantities that approved reports give for their "
                    "outcomes measured with an indicator of this target, each in the outcome's own unit (people, "
                    "households …)."
                ),
            )
        )
        return self._render(request, "target", f"{slug}/", context)

    @re_path(r"^(?P<slug>indicator-[0-9a-z-]+)/$", name="indicator")
    def indicator_view(self, request: HttpRequest, slug: str) -> TemplateResponse:
        indicator = catalogue.catalogue_indicator(slug=slug)
        if indicator is None:
            raise Http404
        self._link(request, [indicator.target.goal], "goal")
        self._link(request, [indicator.target], "target")
        self._link(request, [indicator], "indicator")
        context = self._reports_context(request, catalogue.reports_using_indicator(indicator), sdg_indicator=indicator)
        context.update({"indicator": indicator, "target": indicator.target, "goal": indicator.target.goal})
        context.update(
            self._usage_context(
                indicator.usage.beneficiaries,
                gettext(
                    "Beneficiaries reported: the sum of the quantities that approved reports give for their "
                    "outcomes measured with this indicator, each in the outcome's own unit (people, households …)."
                ),
            )
        )
        return self._render(request, "indicator", f"{slug}/", context)

    def _usage_context(self, beneficiaries, explanation: str) -> dict:
        return {"beneficiaries_display": plain_number(beneficiaries), "usage_explanation": explanation}

    def _reports_context(self, request: HttpRequest, reports, **outcome_filters) -> dict:
        paginator = Paginator(reports.prefetch_related(None), PER_PAGE)  # the cards show no provinces or goals
        page_obj = paginator.get_page(request.GET.get("page"))
        items = list(page_obj.object_list)
        catalogue.page_beneficiaries(items, **outcome_filters)
        for report in items:
            report.organisation = live_owner_profile(report)
            report.ratio_display = ratio_one_to(report.sroi_ratio) if report.sroi_ratio is not None else ""
            report.beneficiaries_display = plain_number(report.beneficiaries)
        count = paginator.count
        return {
            "items": items,
            "page_obj": page_obj,
            "page_range": paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1),
            "report_count": count,
            "result_count_text": ngettext(
                "%(count)s approved report uses it", "%(count)s approved reports use it", count
            )
            % {"count": count},
        }
