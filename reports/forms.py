"""Forms of the calculation wizard: they parse and validate input only; the wizard applies it to the working copy.

Numbers are typed as text (not <input type=number>) so "1,000.50" and Thai digits work; NaN, infinity,
exponents, over-long numbers and negatives get a clear field error instead of a crash or a silent change.
Percentages are typed as 0-100 and returned as 0-1 fractions, which is how the report stores them.
"""

import re
from datetime import date
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.number_field import MAX_AMOUNT, NumberField, money_field, plain
from core.text import clean_text
from creators.forms import CleanTextMixin
from creators.models import ImpactAssessorProfile
from reports.models import DiscountConvention, InputKind
from taxonomy.models import Province, SdgGoal, Sector, Theme

MAX_ROWS = 100
SDG_TARGET = re.compile(r"^(\d{1,2})\.([0-9]{1,2}|[a-z])$")
EARLIEST_YEAR, LATEST_YEAR = 1900, 2200


class PercentField(NumberField):
    """Typed as a percentage (0-100), cleaned to a fraction (0-1); shows a stored fraction as a percentage."""

    def __init__(self, *, max_digits: int = 5, decimal_places: int = 2, **kwargs):
        kwargs.setdefault("max_value", Decimal(100))
        kwargs["error_messages"] = {
            "max_value": _("Enter a percentage from 0 to 100."),
            **kwargs.get("error_messages", {}),
        }
        super().__init__(max_digits=max_digits, decimal_places=decimal_places, **kwargs)

    def clean(self, value):
        percent = super().clean(value)
        return None if percent is None else percent / 100

    def prepare_value(self, value):
        if isinstance(value, Decimal) and value.is_finite():
            return plain(value * 100)
        return value


def _text(label, max_length: int = 255, required: bool = False, **kwargs) -> forms.CharField:
    return forms.CharField(label=label, max_length=max_length, required=required, **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


# Step 1 ---------------------------------------------------------------------------------------------------------


class ProjectForm(CleanTextMixin, forms.Form):
    multiline_fields = ("summary",)
    title_th = _text(_("Project title (Thai)"), required=True)
    title_en = _text(_("Project title (English)"))
    summary = _text(_("Summary"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}))
    sector = forms.ModelChoiceField(
        label=_("Sector"), queryset=Sector.objects.all(), required=False, empty_label=_("Choose…")
    )
    provinces = forms.ModelMultipleChoiceField(
        label=_("Provinces"),
        queryset=Province.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (or ⌘) to choose several."),
    )
    sdg_goals = forms.ModelMultipleChoiceField(
        label=_("SDG goals"), queryset=SdgGoal.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thematic sectors"), queryset=Theme.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    sdg_targets = _text(
        _("SDG targets"), max_length=200, help_text=_("Target numbers separated by commas, e.g. 1.2, 10.2")
    )
    period_start = forms.DateField(label=_("Project start"), required=False, widget=DateInput())
    period_end = forms.DateField(label=_("Project end"), required=False, widget=DateInput())
    location = _text(_("Location"))
    # Only approved (public) assessors can be named: any other id is "not one of the available choices".
    prepared_by = forms.ModelChoiceField(
        label=_("Prepared by (Impact Assessor)"),
        queryset=ImpactAssessorProfile.objects.public().order_by("name", "pk"),
        required=False,
        empty_label=_("Not named"),
        help_text=_("Optional: the approved Impact Assessor who prepared this report."),
    )

    scalar_fields = (
        "title_th",
        "title_en",
        "summary",
        "sector",
        "sdg_targets",
        "period_start",
        "period_end",
        "location",
        "prepared_by",
    )
    many_fields = ("provinces", "sdg_goals", "themes")

    def clean_sdg_targets(self):
        parts = [part for part in re.split(r"[,\s]+", clean_text(self.cleaned_data["sdg_targets"]).lower()) if part]
        for part in parts:
            match = SDG_TARGET.match(part)
            if not match or not 1 <= int(match[1]) <= 17:
                raise ValidationError(_("Enter SDG target numbers such as 1.2 or 10.a, separated by commas."))
        targets = ", ".join(dict.fromkeys(parts))
        if len(targets) > self.fields["sdg_targets"].max_length:
            raise ValidationError(_("Too many SDG targets: list the main ones only."))
        return targets

    def _check_year(self, name: str) -> None:
        value = self.cleaned_data.get(name)
        if value is not None and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
            self.add_error(
                name, _("Enter a year between 1900 and 2200 (Christian Era: for a Buddhist Era year subtract 543).")
            )

    def clean(self):
        cleaned = super().clean()
        self._check_year("period_start")
        self._check_year("period_end")
        start, end = self.cleaned_data.get("period_start"), self.cleaned_data.get("period_end")
        if isinstance(start, date) and isinstance(end, date) and end < start:
            self.add_error("period_end", _("The project end must be on or after the project start."))
        return cleaned

    @classmethod
    def initial_from(cls, report) -> dict:
        initial = {name: getattr(report, name) for name in cls.scalar_fields}
        initial.update({name: [item.pk for item in getattr(report, name).all()] for name in cls.many_fields})
        return initial

    def apply(self, report) -> None:
        for name in self.scalar_fields:
            setattr(report, name, self.cleaned_data[name])
        for name in self.many_fields:
            setattr(report, name, list(self.cleaned_data[name]))


# Rows (steps 2 and 3) -------------------------------------------------------------------------------------------


class RowFormSet(forms.BaseFormSet):
    """Rows that existing rows fill first, then 3 empty rows; ticking "remove" drops a row."""

    empty_message = ""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this row")
            form.fields["DELETE"].widget.attrs["data-formset-delete"] = ""

    def kept_rows(self) -> list[tuple[int, dict]]:
        """(position, cleaned data) of every row that is kept: existing rows and filled-in new rows."""
        rows = []
        for index, form in enumerate(self.forms):
            if index >= self.initial_form_count() and not form.has_changed():
                continue
            if self._should_delete_form(form):
                continue
            rows.append((index, form.cleaned_data))
        return rows

    def clean(self):
        if any(self.errors):
            return
        if self.empty_message and not self.kept_rows():
            raise ValidationError(self.empty_message)


class StakeholderRowFormSet(RowFormSet):
    empty_message = _("Add at least one stakeholder.")

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        names = [row["name"].casefold() for _index, row in self.kept_rows()]
        if len(names) != len(set(names)):
            raise ValidationError(_("Each stakeholder needs a different name."))


class InputRowFormSet(RowFormSet):
    empty_message = _("Add at least one input (money, time or things put into the project).")

    def clean(self):
        super().clean()
        if any(self.errors) or not self.kept_rows():
            return
        if sum((row["amount"] for _index, row in self.kept_rows()), Decimal(0)) <= 0:
            raise ValidationError(_("The inputs must add up to more than zero baht."))


class OutcomeRowFormSet(RowFormSet):
    empty_message = _("Add at least one outcome.")


class StakeholderChoiceMixin:
    """A select listing this report's stakeholder names (the wizard passes them in)."""

    choice_field = "stakeholder"

    def __init__(self, *args, stakeholder_names=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields[self.choice_field]
        empty = _("Not specified") if not field.required else _("Choose…")
        field.choices = [("", empty), *((name, name) for name in stakeholder_names)]


class StakeholderRowForm(CleanTextMixin, forms.Form):
    name = _text(
        _("Stakeholder"), max_length=200, required=True, widget=forms.TextInput(attrs={"data-stakeholder-name": ""})
    )
    description = _text(_("Who they are and how they are affected"), max_length=500)


class InputRowForm(StakeholderChoiceMixin, CleanTextMixin, forms.Form):
    description = _text(_("Input"), required=True, help_text=_("For example: staff time, training materials, a grant."))
    stakeholder = forms.ChoiceField(
        label=_("Provided by"), required=False, widget=forms.Select(attrs={"data-stakeholder-choices": ""})
    )
    amount = money_field(_("Amount (baht)"))
    kind = forms.ChoiceField(label=_("Cash or in kind"), choices=InputKind.choices, initial=InputKind.CASH)


class OutcomeRowForm(StakeholderChoiceMixin, CleanTextMixin, forms.Form):
    stakeholder = forms.ChoiceField(label=_("Stakeholder"))
    outcome = _text(_("Outcome (what changes)"), required=True)
    indicator = _text(_("Indicator"), required=True, help_text=_("How you know the change happened."))
    indicator_source = _text(_("Indicator source"))
    quantity = NumberField(label=_("Quantity"), max_digits=18, decimal_places=4, max_value=MAX_AMOUNT)
    unit = _text(_("Unit"), max_length=60, help_text=_("For example: people, households, tonnes of CO₂."))

    sdg_indicator = forms.TypedChoiceField(
        label=_("Catalogue indicator (SDG)"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Optional: the Impact Data indicator this outcome reports on. Describe your own measure above."),
    )

    fields_on_model = ("stakeholder", "outcome", "indicator", "indicator_source", "quantity", "unit")

    def __init__(self, *args, indicator_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sdg_indicator"].choices = [("", _("Not linked to the catalogue")), *indicator_choices]


def row_formset(form, formset, *, extra: int = 3, can_delete: bool = True):
    return forms.formset_factory(
        form,
        formset=formset,
        extra=extra,
        can_delete=can_delete,
        max_num=MAX_ROWS,
        absolute_max=MAX_ROWS,
        validate_max=True,
    )


StakeholderFormSet = row_formset(StakeholderRowForm, StakeholderRowFormSet)
InputFormSet = row_formset(InputRowForm, InputRowFormSet)
OutcomeFormSet = row_formset(OutcomeRowForm, OutcomeRowFormSet)


# Per-outcome sub-forms (steps 4 and 5) ---------------------------------------------------------------------------


class ValuationForm(CleanTextMixin, forms.Form):
    financial_proxy = money_field(_("Financial proxy (baht per unit)"))
    proxy_description = _text(_("What the proxy values"))
    proxy_source = _text(_("Source of the proxy"))

    fields_on_model = ("financial_proxy", "proxy_description", "proxy_source")


class AdjustmentForm(forms.Form):
    deadweight = PercentField(label=_("Deadweight (%)"))
    attribution = PercentField(label=_("Attribution (%)"))
    displacement = PercentField(label=_("Displacement (%)"))
    drop_off = PercentField(label=_("Drop-off (% per year)"))
    start_year = forms.IntegerField(
        label=_("Starts in year"),
        min_value=1,
        max_value=100,
        error_messages={
            "invalid": _("Enter a whole number."),
            "min_value": _("The start year must be 1 or later."),
            "max_value": _("The start year must be 100 or earlier."),
        },
    )
    duration_years = forms.IntegerField(
        label=_("Lasts (years)"),
        min_value=1,
        max_value=100,
        error_messages={
            "invalid": _("Enter a whole number."),
            "min_value": _("The duration must be at least 1 year."),
            "max_value": _("The duration can be at most 100 years."),
        },
    )

    fields_on_model = ("deadweight", "attribution", "displacement", "drop_off", "start_year", "duration_years")

    def clean(self):
        cleaned = super().clean()
        start, duration = cleaned.get("start_year"), cleaned.get("duration_years")
        if start and duration and start + duration - 1 > 100:
            self.add_error(
                "duration_years", _("An outcome must end by year 100: start year + duration − 1 can be at most 100.")
            )
        return cleaned


class OutcomeSubFormSet(forms.BaseFormSet):
    """One sub-form per outcome of step 3, matched by position."""


ValuationFormSet = forms.formset_factory(
    ValuationForm, formset=OutcomeSubFormSet, extra=0, max_num=MAX_ROWS, absolute_max=MAX_ROWS
)
AdjustmentFormSet = forms.formset_factory(
    AdjustmentForm, formset=OutcomeSubFormSet, extra=0, max_num=MAX_ROWS, absolute_max=MAX_ROWS
)


class DiscountForm(forms.Form):
    discount_rate = PercentField(
        label=_("Discount rate (% per year)"),
        max_digits=7,
        decimal_places=4,
        max_value=Decimal("99.9999"),
        error_messages={"max_value": _("Enter a discount rate from 0 up to, but not including, 100.")},
        help_text=_("For example 3.5 (the default)."),
    )
    discount_convention = forms.ChoiceField(label=_("Discounting convention"), choices=DiscountConvention.choices)

    fields_on_model = ("discount_rate", "discount_convention")


# Starting from a workbook ------------------------------------------------------------------------------------------


class WorkbookUploadForm(forms.Form):
    """The Value Map workbook to fill the calculation steps from; the service reads and checks its content."""

    workbook = forms.FileField(
        label=_("Value Map workbook (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
        error_messages={
            "required": _("Choose the filled-in Value Map workbook (.xlsx)."),
            "empty": _("The file is empty. Upload the filled-in Value Map workbook (.xlsx)."),
        },
    )
