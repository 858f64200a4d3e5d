"""Starting (or refilling) a draft report from an uploaded SROI Value Map workbook (.xlsx).

``draft_from_workbook`` reads the upload with ``value_map.reader``, checks it as the calculator does and against
what the report's fields can hold, and only then writes, in one transaction: the discount settings, the inputs,
the stakeholders named by the outcomes and the outcomes. Any problem raises ``WorkbookProblems`` with messages
per cell ("Outcomes!F7") in the current language, and nothing is stored.

The workbook has no project details (step 1) and no units, proxy descriptions or input kinds: those stay empty
(inputs are cash) for the owner to complete while reviewing the steps.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from reports.api import sroi_messages as engine_texts
from reports.forms import MAX_ROWS
from reports.models import DiscountConvention, ImpactReport, InputKind, ReportInput, ReportOutcome, ReportStakeholder
from reports.selectors import can_start_reports, report_status, working_copy
from reports.services.drafts import report_create, report_save_draft
from reports.sroi import SroiValidationError, build_calculation
from reports.sroi_validation import NON_FIELD
from taxonomy.models import SdgIndicator
from value_map import messages as workbook_texts
from value_map.archive import MAX_UPLOAD_BYTES
from value_map.reader import Problem, ValueMapError, read_value_map

TOO_MANY_ROWS = _("The report takes at most %(limit)s rows here.")
LOCKED = _("This report is waiting for approval and cannot be edited.")

# payload key → (model, field) for the checks of what the report can hold
OUTCOME_FIELDS = {
    "name": "outcome",
    "stakeholder": "stakeholder",
    "indicator_code": "indicator",
    "quantity": "quantity",
    "financial_proxy": "financial_proxy",
    "proxy_source": "proxy_source",
    "start_year": "start_year",
    "duration_years": "duration_years",
    "deadweight": "deadweight",
    "attribution": "attribution",
    "displacement": "displacement",
    "drop_off": "drop_off",
}
INPUT_FIELDS = {"description": "description", "amount": "amount"}


class WorkbookProblems(Exception):
    """The upload cannot be used: ``errors`` maps a cell, range or sheet ("" for the whole file) to messages."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("; ".join(f"{ref or 'workbook'}: {' '.join(texts)}" for ref, texts in errors.items()))
        self.errors = errors


def draft_from_workbook(*, user, upload, report: ImpactReport | None = None) -> ImpactReport:
    """A draft of ``user`` filled from the workbook ``upload`` (a Django UploadedFile): a new one, or ``report``.

    A new draft comes from ``report_create``, which hands back the user's untouched draft (no step completed,
    no title) instead of a second one, so a double submit fills the same draft twice with the same content.
    Refilling ``report`` replaces its settings, inputs, stakeholders and outcomes and leaves step 1 as it was;
    the later steps are to be reviewed again. Raises WorkbookProblems (nothing stored), PermissionError, or
    ReportLockedError.
    """
    allowed, reason = can_start_reports(user)
    if not allowed:
        raise PermissionError(reason)
    if report is not None:
        if report.owner_id != user.pk:
            raise PermissionError("not the owner of this report")
        if not report_status(report).editable:
            raise WorkbookProblems({"": [str(LOCKED)]})
    payload, cells = _read(upload)
    _check_payload(payload, cells)
    with transaction.atomic():
        target = report if report is not None else report_create(user=user)
        draft = working_copy(target)
        _fill(draft, payload)
        draft.completed_step = min(draft.completed_step or 0, 1)
        return report_save_draft(report=draft, user=user, step=0, clean=bool(draft.title_th))


def _read(upload) -> tuple[dict, dict[str, str]]:
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:  # refused before reading
        raise WorkbookProblems(_problem_texts([Problem("", "file_too_large")]))
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    try:
        value_map = read_value_map(data)
    except ValueMapError as error:
        raise WorkbookProblems(_problem_texts(error.problems)) from None
    return value_map.payload, value_map.cells


def _problem_texts(problems: list[Problem]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for problem in problems:
        params = {**workbook_texts.PARAMETER_DEFAULTS, **problem.params}
        errors.setdefault(problem.ref, []).append(str(workbook_texts.MESSAGES[problem.code]) % params)
    return errors


def _check_payload(payload: dict, cells: dict[str, str]) -> None:
    errors: dict[str, list[str]] = {}

    def add(path: str, text: str) -> None:
        ref = cells.get(path, path)
        errors.setdefault("" if ref == NON_FIELD else ref, []).append(text)

    for path in ("inputs", "outcomes"):
        if len(payload.get(path) or []) > MAX_ROWS:
            add(path, str(TOO_MANY_ROWS) % {"limit": MAX_ROWS})
    if errors:
        raise WorkbookProblems(errors)
    try:
        build_calculation(payload)
    except SroiValidationError as error:
        for path, codes in error.codes.items():
            for code, english in zip(codes, error.errors[path], strict=True):
                add(path, str(engine_texts.ENGINE_MESSAGES.get(code, english)))
    for path, model, fields in (("inputs", ReportInput, INPUT_FIELDS), ("outcomes", ReportOutcome, OUTCOME_FIELDS)):
        for index, item in enumerate(payload.get(path) or []):
            for key, field_name in fields.items():
                message = _field_problem(model._meta.get_field(field_name), item.get(key))
                if message and f"{path}[{index}].{key}" not in errors:
                    add(f"{path}[{index}].{key}", message)
    rate = _field_problem(ImpactReport._meta.get_field("discount_rate"), payload.get("discount_rate"))
    if rate:
        add("discount_rate", rate)
    if errors:
        raise WorkbookProblems(_unique(errors))


def _field_problem(field: models.Field, value: object) -> str:
    """The report field's own message if it cannot hold ``value`` (too long, too many digits); "" otherwise."""
    if value is None or value == "":
        return ""
    try:
        field.run_validators(field.to_python(value))
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


def _unique(errors: dict[str, list[str]]) -> dict[str, list[str]]:
    return {ref: list(dict.fromkeys(texts)) for ref, texts in errors.items()}


def _fill(draft: ImpactReport, payload: dict) -> None:
    draft.discount_rate = Decimal(payload["discount_rate"])
    first_year = payload.get("discount_first_year")
    draft.discount_convention = (
        DiscountConvention.FIRST_YEAR_UNDISCOUNTED if first_year is False else DiscountConvention.FIRST_YEAR_DISCOUNTED
    )
    outcomes = payload["outcomes"]
    codes = {str(item.get("indicator_code") or "").strip() for item in outcomes} - {""}
    catalogue = {row.code: row for row in SdgIndicator.objects.filter(code__in=codes)}
    names = [str(item.get("stakeholder") or "") for item in outcomes]
    draft.stakeholders = [
        ReportStakeholder(name=name, sort_order=position)
        for position, name in enumerate(dict.fromkeys(name for name in names if name))
    ]
    draft.inputs = [
        ReportInput(
            description=item.get("description") or "",
            amount=item["amount"],
            kind=InputKind.CASH,
            sort_order=position,
        )
        for position, item in enumerate(payload["inputs"])
    ]
    draft.outcomes = [_outcome(item, position, catalogue) for position, item in enumerate(outcomes)]


def _outcome(item: dict, position: int, catalogue: dict[str, SdgIndicator]) -> ReportOutcome:
    code = str(item.get("indicator_code") or "").strip()
    indicator = catalogue.get(code)
    return ReportOutcome(
        stakeholder=item.get("stakeholder") or "",
        outcome=item["name"],
        # The workbook's code names the measure; a catalogue indicator is linked when the code is one of its rows.
        indicator=code,
        sdg_indicator_id=indicator.pk if indicator is not None else None,
        quantity=item["quantity"],
        financial_proxy=item["financial_proxy"],
        proxy_source=item.get("proxy_source") or "",
        start_year=item.get("start_year") or 1,
        duration_years=item["duration_years"],
        deadweight=item["deadweight"],
        attribution=item["attribution"],
        displacement=item.get("displacement") or 0,
        drop_off=item.get("drop_off") or 0,
        sort_order=position,
    )
