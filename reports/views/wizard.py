"""The calculation wizard: five steps that edit the report's working copy, then the report page (step 6).

Each step loads the working copy (the latest revision), validates the whole POST, applies it in memory and
hands it to ``report_save_draft``. An invalid POST saves nothing and shows the errors.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.text import clean_text
from reports import forms as wizard_forms
from reports.catalogue_links import indicator_choices
from reports.models import ImpactReport, ReportInput, ReportOutcome, ReportStakeholder
from reports.selectors import can_start_reports, owned_report, report_status, working_copy
from reports.services.drafts import report_create, report_save_draft
from reports.services.submission import WIZARD_STEPS, ReportLockedError
from reports.sroi import SroiValidationError
from value_map.messages import UPLOAD_LIMIT_MB

STEP_TITLES = {
    1: gettext_lazy("Project and scope"),
    2: gettext_lazy("Stakeholders and inputs"),
    3: gettext_lazy("Outcomes and indicators"),
    4: gettext_lazy("Valuation"),
    5: gettext_lazy("Impact adjustments"),
    6: gettext_lazy("Results and report"),
}
LOCKED_MESSAGE = gettext_lazy("This report is waiting for approval and cannot be edited.")
STALE_MESSAGE = gettext_lazy(
    "This step was changed in another window or tab in the meantime. Nothing was saved: please check it and save again."
)
MAX_PRESENT_VALUE = wizard_forms.MAX_AMOUNT * 10  # the report stores money with 16 whole digits
MAX_RATIO = 10**10  # and the SROI ratio with 10


class Step:
    """One wizard step: builds its forms from the working copy (GET) or the POST, validates, applies."""

    def __init__(self, report: ImpactReport, data=None):
        self.report = report
        self.data = data
        self.errors: list[str] = []  # step-level errors shown above the forms
        self.stale = False
        self.build()

    def build(self) -> None:
        raise NotImplementedError

    def forms(self) -> list:
        raise NotImplementedError

    def validate(self) -> bool:
        results = [form.is_valid() for form in self.forms()]  # validate every form, so each shows its errors
        return all(results)

    def is_valid(self) -> bool:
        return self.validate() and not self.errors and not self.stale

    def apply(self) -> None:
        raise NotImplementedError

    def context(self) -> dict:
        return {}

    def _check_positions(self, formset, count: int) -> None:
        """Rows are matched to the outcomes by position: a different count means another tab changed them."""
        if self.data is not None and formset.management_form.is_valid():
            self.stale = formset.initial_form_count() != count


class ProjectStep(Step):
    def build(self):
        initial = wizard_forms.ProjectForm.initial_from(self.report)
        self.form = wizard_forms.ProjectForm(self.data, initial=initial)

    def forms(self):
        return [self.form]

    def apply(self):
        self.form.apply(self.report)

    def context(self):
        return {"form": self.form}


class StakeholdersStep(Step):
    def build(self):
        old = list(self.report.stakeholders.all())
        self.old_names = [item.name for item in old]
        self.stakeholders = wizard_forms.StakeholderFormSet(
            self.data, prefix="stakeholders", initial=[{"name": s.name, "description": s.description} for s in old]
        )
        names = self.old_names if self.data is None else self._posted_names() + self.old_names
        self.inputs = wizard_forms.InputFormSet(
            self.data,
            prefix="inputs",
            initial=[
                {"description": i.description, "stakeholder": i.stakeholder, "amount": i.amount, "kind": i.kind}
                for i in self.report.inputs.all()
            ],
            form_kwargs={"stakeholder_names": list(dict.fromkeys(names))},
        )
        self._check_positions(self.stakeholders, len(old))

    def _posted_names(self) -> list[str]:
        names = []
        for form in self.stakeholders.forms:
            if not form.data.get(form.add_prefix("DELETE")):
                name = clean_text(form.data.get(form.add_prefix("name"), ""))[:200]
                if name:
                    names.append(name)
        return names

    def forms(self):
        return [self.stakeholders, self.inputs]

    def validate(self):
        if not super().validate():
            return False
        rows = self.stakeholders.kept_rows()
        self.new_names = [row["name"] for _index, row in rows]
        self.renamed = {
            self.old_names[index]: row["name"]
            for index, row in rows
            if index < len(self.old_names) and self.old_names[index] != row["name"]
        }
        ok = True
        for index, row in self.inputs.kept_rows():
            if row["stakeholder"] and self._current_name(row["stakeholder"]) is None:
                self.inputs.forms[index].add_error(
                    "stakeholder", _("This stakeholder was removed from the list. Choose another one.")
                )
                ok = False
        removed = {o.stakeholder for o in self.report.outcomes.all() if o.stakeholder in self.old_names}
        for name in sorted(n for n in removed if self._current_name(n) is None):
            self.errors.append(
                _(
                    "Outcomes in step 3 belong to “%(name)s”. Keep this stakeholder, or change those outcomes "
                    "in step 3 first."
                )
                % {"name": name}
            )
        return ok

    def _current_name(self, name: str) -> str | None:
        if name in self.new_names:
            return name
        return self.renamed.get(name)

    def apply(self):
        self.report.stakeholders = [
            ReportStakeholder(name=row["name"], description=row["description"], sort_order=position)
            for position, (_index, row) in enumerate(self.stakeholders.kept_rows())
        ]
        self.report.inputs = [
            ReportInput(
                description=row["description"],
                stakeholder=(self._current_name(row["stakeholder"]) or "") if row["stakeholder"] else "",
                amount=row["amount"],
                kind=row["kind"],
                sort_order=position,
            )
            for position, (_index, row) in enumerate(self.inputs.kept_rows())
        ]
        outcomes = list(self.report.outcomes.all())
        for outcome in outcomes:
            outcome.stakeholder = self._current_name(outcome.stakeholder) or outcome.stakeholder
        self.report.outcomes = outcomes

    def context(self):
        return {"stakeholders": self.stakeholders, "inputs": self.inputs}


class OutcomesStep(Step):
    def build(self):
        self.old = list(self.report.outcomes.all())
        fields = wizard_forms.OutcomeRowForm.fields_on_model
        self.formset = wizard_forms.OutcomeFormSet(
            self.data,
            prefix="outcomes",
            initial=[
                {**{name: getattr(outcome, name) for name in fields}, "sdg_indicator": outcome.sdg_indicator_id}
                for outcome in self.old
            ],
            form_kwargs={
                "stakeholder_names": [s.name for s in self.report.stakeholders.all()],
                "indicator_choices": indicator_choices(),  # one query for every row of the step
            },
        )
        self._check_positions(self.formset, len(self.old))

    def forms(self):
        return [self.formset]

    def apply(self):
        outcomes = []
        for position, (index, row) in enumerate(self.formset.kept_rows()):
            # An existing row keeps its valuation (step 4) and adjustments (step 5).
            outcome = self.old[index] if index < len(self.old) else ReportOutcome()
            for name in wizard_forms.OutcomeRowForm.fields_on_model:
                setattr(outcome, name, row[name])
            outcome.sdg_indicator_id = row["sdg_indicator"]
            outcome.sort_order = position
            outcomes.append(outcome)
        self.report.outcomes = outcomes

    def context(self):
        return {"formset": self.formset}


class PerOutcomeStep(Step):
    """Steps 4 and 5: one sub-form per outcome of step 3, matched by position (formset with extra=0)."""

    formset_class = None
    prefix = ""

    def build(self):
        self.outcomes = list(self.report.outcomes.all())
        fields = self.formset_class.form.fields_on_model
        self.formset = self.formset_class(
            self.data,
            prefix=self.prefix,
            initial=[{name: getattr(outcome, name) for name in fields} for outcome in self.outcomes],
        )
        self._check_positions(self.formset, len(self.outcomes))
        if self.data is not None and not self.stale and self.formset.management_form.is_valid():
            self.stale = self.formset.total_form_count() != len(self.outcomes)

    def forms(self):
        return [self.formset]

    def apply(self):
        for outcome, form in zip(self.outcomes, self.formset.forms, strict=True):
            for name in self.formset_class.form.fields_on_model:
                setattr(outcome, name, form.cleaned_data[name])
        self.report.outcomes = self.outcomes

    def context(self):
        rows = [
            {"outcome": outcome, "form": form, "quantity": wizard_forms.plain(outcome.quantity)}
            for outcome, form in zip(self.outcomes, self.formset.forms, strict=False)
        ]
        return {"formset": self.formset, "rows": rows}


class ValuationStep(PerOutcomeStep):
    formset_class = wizard_forms.ValuationFormSet
    prefix = "valuation"


class AdjustmentsStep(PerOutcomeStep):
    formset_class = wizard_forms.AdjustmentFormSet
    prefix = "adjustments"

    def build(self):
        super().build()
        fields = wizard_forms.DiscountForm.fields_on_model
        initial = {name: getattr(self.report, name) for name in fields}
        self.discount = wizard_forms.DiscountForm(self.data, initial=initial, prefix="report")

    def forms(self):
        return [self.discount, self.formset]

    def validate(self):
        if not super().validate() or self.stale:
            return False
        self.apply()  # in memory only: nothing is saved unless the whole calculation works
        try:
            results = self.report.results(with_sensitivity=False)
        except SroiValidationError:
            self.errors.append(_("The calculation cannot be completed yet: please check the numbers in steps 2 to 5."))
            return False
        if results.present_value >= MAX_PRESENT_VALUE or results.sroi_ratio >= MAX_RATIO:
            self.errors.append(
                _("The calculated social value is too large to be stored. Please check the quantities and proxies.")
            )
        return not self.errors

    def apply(self):
        super().apply()
        for name in wizard_forms.DiscountForm.fields_on_model:
            setattr(self.report, name, self.discount.cleaned_data[name])

    def context(self):
        return {**super().context(), "discount": self.discount}


STEPS = {1: ProjectStep, 2: StakeholdersStep, 3: OutcomesStep, 4: ValuationStep, 5: AdjustmentsStep}


def _progress(report: ImpactReport, current: int) -> list[dict]:
    steps = []
    for number, title in STEP_TITLES.items():
        url = ""
        if number > WIZARD_STEPS:
            if report.completed_step >= WIZARD_STEPS:
                url = reverse("reports:report", kwargs={"pk": report.pk})
        elif number <= report.completed_step + 1:
            url = reverse("reports:step", kwargs={"pk": report.pk, "step": number})
        steps.append(
            {
                "number": number,
                "title": title,
                "url": url,
                "current": number == current,
                "done": number <= report.completed_step,
            }
        )
    return steps


@login_required
@require_http_methods(["GET", "POST"])
def new_report(request):
    allowed, reason = can_start_reports(request.user)
    if request.method == "POST" and allowed:
        try:
            report = report_create(user=request.user)
        except PermissionError as error:
            messages.error(request, str(error))
            return redirect("reports:new")
        return redirect("reports:step", pk=report.pk, step=1)
    status = 403 if request.method == "POST" else 200
    return start_page(request, allowed=allowed, reason=reason, status=status)


def _upload_context(upload_url: str, extra: dict, *, offer: bool) -> dict:
    form = (extra.get("upload_form") or wizard_forms.WorkbookUploadForm()) if offer else None
    upload = {"upload_form": form, "upload_url": upload_url, "upload_errors": extra.get("upload_errors") or []}
    return {"template_url": reverse("portal_api:value_map_template"), "upload_limit_mb": UPLOAD_LIMIT_MB, **upload}


def start_page(request, *, allowed: bool, reason: str, status: int = 200, **extra):
    """The "new report" page: start empty, or from a filled-in Value Map workbook."""
    context = {
        "allowed": allowed,
        "reason": reason,
        "steps": list(STEP_TITLES.items()),
        **_upload_context(reverse("reports:upload_new"), extra, offer=True),
    }
    return render(request, "reports/wizard/start.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def wizard_step(request, pk: int, step: int):
    report = owned_report(user=request.user, pk=pk)
    if step not in STEPS:
        raise Http404
    if not report_status(report).editable:
        messages.error(request, LOCKED_MESSAGE)
        return redirect("reports:report", pk=pk)
    draft = working_copy(report)
    if draft.completed_step < step - 1:
        messages.info(request, _("Please complete the earlier steps first."))
        return redirect("reports:step", pk=pk, step=draft.completed_step + 1)
    handler = STEPS[step](draft, request.POST if request.method == "POST" else None)
    valid = False
    if request.method == "POST":
        valid = handler.is_valid()
        if handler.stale:
            messages.error(request, STALE_MESSAGE)
            return redirect("reports:step", pk=pk, step=step)
        if valid:
            handler.apply()
            try:
                report_save_draft(report=draft, user=request.user, step=step)
            except ReportLockedError:
                messages.error(request, LOCKED_MESSAGE)
                return redirect("reports:report", pk=pk)
            if step == WIZARD_STEPS:
                messages.success(request, _("Your calculation is saved. Check the results, then submit the report."))
                return redirect("reports:report", pk=pk)
            return redirect("reports:step", pk=pk, step=step + 1)
    return step_page(request, draft, step, handler, has_errors=request.method == "POST" and not valid)


def step_page(request, draft: ImpactReport, step: int, handler: Step, *, has_errors: bool, **extra):
    """The step's page; step 1 also offers to fill the calculation steps from a Value Map workbook."""
    context = {
        "report": draft,
        "step": step,
        "step_title": STEP_TITLES[step],
        "step_count": len(STEP_TITLES),
        "progress": _progress(draft, step),
        "previous_url": reverse("reports:step", kwargs={"pk": draft.pk, "step": step - 1}) if step > 1 else "",
        "step_errors": handler.errors,
        "has_errors": has_errors,
        "step_template": f"reports/wizard/step_{step}.html",
        **handler.context(),
        **_upload_context(reverse("reports:upload_into", kwargs={"pk": draft.pk}), extra, offer=step == 1),
    }
    return render(request, "reports/wizard_step.html", context, status=extra.get("status", 200))
