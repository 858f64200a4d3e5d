"""POST /api/portal/sroi/calculate: the stateless SROI calculator.

The body is parsed here (JSON numbers kept exact as Decimal) and handed to the pure engine
(``reports.sroi.build_calculation``), which does every check on the values. This module only adds the
transport limits (body size, list lengths), translates the engine's message ids and formats numbers.
The pydantic schemas below document the request and answer in OpenAPI; the request one is not used to
parse, so a bad value gets the engine's message for its field instead of a generic schema error.
"""

from __future__ import annotations

import json
from decimal import Context, Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.request import RawPostDataException
from django.utils import translation
from ninja import Field, Router, Schema

from reports.api import sroi_messages as texts
from reports.api import sroi_workbook as workbook
from reports.sroi import SroiResult, SroiValidationError, build_calculation, calculate, money, months, ratio
from reports.sroi_validation import NON_FIELD

router = Router(tags=["SROI"])

MAX_BODY_BYTES = 1024 * 1024  # 1 MB; Django's own DATA_UPLOAD_MAX_MEMORY_SIZE (10 MB) is the outer limit
MAX_INPUTS = 200
MAX_OUTCOMES = 200
LANGUAGE_PARAMETER = "lang"
MAX_INT_LITERAL_LENGTH = 18  # longer integer literals become Decimal: int() refuses > 4300 digits


# --- OpenAPI schemas ---------------------------------------------------------------------------------

Number = Annotated[
    str | float,
    Field(description='A decimal number, as a JSON number or a string such as "1000.50" (kept exact).'),
]
Share = Annotated[
    str | float,
    Field(description="A fraction from 0 to 1 (0.25 = 25 %), as a JSON number or a string."),
]
YearNumber = Annotated[int | str, Field(description="A whole number of years, 1 to 100.")]


class SroiInputItemIn(Schema):
    description: str = ""
    amount: Number


class SroiOutcomeIn(Schema):
    name: str
    quantity: Number
    financial_proxy: Number = Field(description="Value of one unit of the outcome in Thai baht.")
    start_year: YearNumber = 1
    duration_years: YearNumber
    deadweight: Share
    displacement: Share = "0"
    attribution: Share
    drop_off: Share = "0"


class SroiCalculationIn(Schema):
    """Request body of the SROI calculator."""

    inputs: list[SroiInputItemIn] = Field(max_length=MAX_INPUTS, description="Investments; they must add up to > 0.")
    discount_rate: Share = Field(description="Yearly discount rate from 0 up to 1, e.g. 0.035 for 3.5 %.")
    discount_first_year: bool = Field(
        True, description="true: value_t / (1 + r)^t (SROI Guide); false: year 1 is not discounted."
    )
    outcomes: list[SroiOutcomeIn] = Field(max_length=MAX_OUTCOMES)


class SroiYearOut(Schema):
    year: int
    value: str
    present_value: str


class SroiOutcomeOut(Schema):
    name: str
    impact_year_1: str = Field(description="Impact in the outcome's own first year, before drop-off.")
    present_value: str


class SroiSensitivityOut(Schema):
    outcome_index: int
    outcome: str
    estimate: Literal["deadweight", "attribution", "displacement", "drop_off", "financial_proxy", "quantity"]
    current_value: str
    break_even_value: str | None = Field(description="The value at which the SROI ratio falls to 1:1, if any.")
    ratio_minus_20: str
    ratio_plus_20: str


class SroiResultOut(Schema):
    """Money in baht rounded half-up to 2 decimals, ratios to 4, months to 2; all as strings."""

    total_inputs: str
    present_value: str
    net_present_value: str
    sroi_ratio: str
    net_sroi_ratio: str
    payback_months: str | None = Field(description="null when year 1 has no impact.")
    years: list[SroiYearOut]
    outcomes: list[SroiOutcomeOut]
    sensitivity: list[SroiSensitivityOut]


class SroiErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = Field(
        description='Messages per field path, e.g. "outcomes[0].deadweight"; "__all__" for the whole body; '
        'for a workbook per cell, range or sheet, e.g. "Outcomes!J3".'
    )


def _inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """The model's JSON schema with its $defs substituted in place (the models are not recursive)."""
    definitions = schema.pop("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            if "$ref" in node:
                extra = {key: value for key, value in node.items() if key != "$ref"}
                return {**resolve(definitions[node["$ref"].rsplit("/", 1)[-1]]), **resolve(extra)}
            return {key: resolve(value) for key, value in node.items()}
        if isinstance(node, list):
            return [resolve(item) for item in node]
        return node

    return resolve(schema)


EXAMPLE_REQUEST = {
    "inputs": [{"description": "grant", "amount": "250000"}],
    "discount_rate": "0.035",
    "discount_first_year": True,
    "outcomes": [
        {
            "name": "Jobs",
            "quantity": "60",
            "financial_proxy": "8500",
            "start_year": 1,
            "duration_years": 2,
            "deadweight": "0.40",
            "displacement": "0",
            "attribution": "0.30",
            "drop_off": "0.30",
        }
    ],
}

OPENAPI_EXTRA = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": _inline_refs(SroiCalculationIn.model_json_schema()),
                "example": EXAMPLE_REQUEST,
            },
            workbook.CONTENT_TYPE: {
                "schema": {
                    "type": "string",
                    "format": "binary",
                    "description": "A filled-in Value Map workbook (GET /api/portal/sroi/template.xlsx), "
                    f"at most {workbook.UPLOAD_LIMIT_MB} MB.",
                }
            },
        },
    },
    "parameters": [
        {
            "name": LANGUAGE_PARAMETER,
            "in": "query",
            "required": False,
            "schema": {"type": "string", "enum": ["th", "en"]},
            "description": "Language of the error messages; otherwise Accept-Language decides (default Thai).",
        }
    ],
}


# --- The endpoint ------------------------------------------------------------------------------------


@router.post(
    "/calculate",
    response={200: SroiResultOut, 400: SroiErrorOut, 413: SroiErrorOut, 422: SroiErrorOut},
    summary="Calculate a social return on investment",
    description=(
        "Stateless: nothing is stored. Numbers may be JSON numbers or decimal strings. "
        f"At most {MAX_INPUTS} inputs, {MAX_OUTCOMES} outcomes and a 1 MB body. "
        "Invalid values answer 422 with a message per field, in Thai or English. "
        f"The body may instead be a Value Map workbook (.xlsx, at most {workbook.UPLOAD_LIMIT_MB} MB, content type "
        f"{workbook.CONTENT_TYPE}): the answer is the same JSON, and errors are keyed by cell, "
        'e.g. "Outcomes!F7", or by sheet; formulas, macros, links to other files, merged cells, hidden sheets '
        "and dates where numbers belong are refused."
    ),
    openapi_extra=OPENAPI_EXTRA,
)
def calculate_sroi(request: HttpRequest) -> HttpResponse:
    language = _request_language(request)
    with translation.override(language):
        response = _answer(request)
    response["Cache-Control"] = "no-store"
    response["Content-Language"] = language
    return response


class _RequestProblem(Exception):
    def __init__(self, status: int, detail: str, errors: dict[str, list[str]] | None = None):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors if errors is not None else {NON_FIELD: [detail]}


def _answer(request: HttpRequest) -> HttpResponse:
    cells: dict[str, str] = {}  # a workbook's payload paths → its cells ("Outcomes!J3"), to address the errors
    try:
        if workbook.is_workbook(request):
            data, cells = workbook.read_workbook(request)
        else:
            data = _read_json(request)
        _check_list_lengths(data)
        result = calculate(build_calculation(data))
    except workbook.WorkbookRefused as refused:
        return JsonResponse({"detail": refused.detail, "errors": refused.errors}, status=refused.status)
    except _RequestProblem as problem:
        errors = workbook.by_cell(problem.errors, cells)
        return JsonResponse({"detail": problem.detail, "errors": errors}, status=problem.status)
    except SroiValidationError as error:
        errors = workbook.by_cell(_translated(error), cells)
        return JsonResponse({"detail": str(texts.INVALID_INPUT), "errors": errors}, status=422)
    return JsonResponse(_result_json(result))


def _request_language(request: HttpRequest) -> str:
    """?lang=th|en, else Accept-Language (or the language cookie), else Thai (LANGUAGE_CODE).

    LocaleMiddleware can't decide this: for URLs outside i18n_patterns it picks the default language.
    """
    requested = request.GET.get(LANGUAGE_PARAMETER, "")
    if requested:
        try:
            return translation.get_supported_language_variant(requested)
        except LookupError:
            pass
    return translation.get_language_from_request(request)


# --- Reading the body --------------------------------------------------------------------------------


class _UnrepresentableNumber:
    """A JSON number literal Decimal can't hold (e.g. 1e99999999999999999999): not a number to the engine."""

    def __init__(self, text: str):
        self.text = text


def _parse_float(text: str) -> Decimal | _UnrepresentableNumber:
    try:
        return Decimal(text)
    except InvalidOperation:
        return _UnrepresentableNumber(text)


def _parse_int(text: str) -> int | Decimal:
    return int(text) if len(text) <= MAX_INT_LITERAL_LENGTH else Decimal(text)


def _read_json(request: HttpRequest) -> object:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = -1
    if length < 0:
        raise _RequestProblem(400, str(texts.BAD_CONTENT_LENGTH))
    if length > MAX_BODY_BYTES:
        raise _RequestProblem(413, str(texts.BODY_TOO_LARGE))
    try:
        body = request.body
    except RawPostDataException:  # a form body something already parsed: not JSON anyway
        raise _RequestProblem(400, str(texts.MALFORMED_JSON)) from None
    if len(body) > MAX_BODY_BYTES:
        raise _RequestProblem(413, str(texts.BODY_TOO_LARGE))
    try:
        # NaN / Infinity literals become Decimal NaN / Infinity so the engine names the field.
        return json.loads(body, parse_float=_parse_float, parse_int=_parse_int, parse_constant=Decimal)
    except RecursionError:
        raise _RequestProblem(400, str(texts.NESTED_TOO_DEEPLY)) from None
    except ValueError:  # JSONDecodeError, UnicodeDecodeError
        raise _RequestProblem(400, str(texts.MALFORMED_JSON)) from None


def _check_list_lengths(data: object) -> None:
    if not isinstance(data, dict):
        return  # the engine reports it
    errors = {}
    for field, limit, message in (
        ("inputs", MAX_INPUTS, texts.TOO_MANY_INPUTS),
        ("outcomes", MAX_OUTCOMES, texts.TOO_MANY_OUTCOMES),
    ):
        items = data.get(field)
        if isinstance(items, list) and len(items) > limit:
            errors[field] = [str(message) % {"limit": limit}]
    if errors:
        raise _RequestProblem(422, str(texts.INVALID_INPUT), errors)


def _translated(error: SroiValidationError) -> dict[str, list[str]]:
    if not error.codes:
        return error.errors
    translated = {}
    for field, codes in error.codes.items():
        pairs = zip(codes, error.errors[field], strict=True)
        translated[field] = [str(texts.ENGINE_MESSAGES.get(code, english)) for code, english in pairs]
    return translated


# --- Writing the answer ------------------------------------------------------------------------------


def _fixed(value: Decimal) -> str:
    """A rounded amount with its places kept ("5.60"); never "-0.00"."""
    return format(value.copy_abs() if value == 0 else value, "f")


def _plain(value: Decimal | int) -> str:
    """A value as entered, without trailing zeros or exponent: 0.40 → "0.4", 8.5E+3 → "8500"."""
    value = Decimal(value)
    if value == 0:
        return "0"
    exact = Context(prec=len(value.as_tuple().digits))  # normalize() must not round
    return format(value.normalize(exact), "f")


def _result_json(result: SroiResult) -> dict[str, Any]:
    return {
        "total_inputs": _fixed(money(result.total_inputs)),
        "present_value": _fixed(money(result.present_value)),
        "net_present_value": _fixed(money(result.net_present_value)),
        "sroi_ratio": _fixed(ratio(result.sroi_ratio)),
        "net_sroi_ratio": _fixed(ratio(result.net_sroi_ratio)),
        "payback_months": None if result.payback_months is None else _fixed(months(result.payback_months)),
        "years": [
            {"year": year.year, "value": _fixed(money(year.value)), "present_value": _fixed(money(year.present_value))}
            for year in result.years
        ],
        "outcomes": [
            {
                "name": outcome.name,
                "impact_year_1": _fixed(money(outcome.impact_year_1)),
                "present_value": _fixed(money(outcome.present_value)),
            }
            for outcome in result.outcomes
        ],
        "sensitivity": [
            {
                "outcome_index": row.outcome_index,
                "outcome": row.outcome_name,
                "estimate": row.estimate,
                "current_value": _plain(row.current_value),
                "break_even_value": None if row.break_even_value is None else _plain(row.break_even_value),
                "ratio_minus_20": _fixed(ratio(row.ratio_minus_20)),
                "ratio_plus_20": _fixed(ratio(row.ratio_plus_20)),
            }
            for row in result.sensitivity
        ],
    }
