"""The SROI calculator's workbook body: a Value Map .xlsx posted with the spreadsheet content type.

``read_workbook(request)`` gives the same payload the JSON body would, and the map from payload paths to cells;
the calculator then runs unchanged. Problems come back by cell reference ("Outcomes!F7"), translated with
``value_map.messages``; the engine's own errors are moved onto the cells their values came from (``by_cell``).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.http.request import RawPostDataException

from reports.sroi_validation import NON_FIELD
from value_map import messages as workbook_texts
from value_map.archive import MAX_UPLOAD_BYTES
from value_map.reader import Problem, ValueMapError, read_value_map
from value_map.writer import CONTENT_TYPE

__all__ = ["CONTENT_TYPE", "UPLOAD_LIMIT_MB", "WorkbookRefused", "by_cell", "is_workbook", "read_workbook"]

UPLOAD_LIMIT_MB = workbook_texts.UPLOAD_LIMIT_MB


class WorkbookRefused(Exception):
    def __init__(self, status: int, detail: str, errors: dict[str, list[str]]):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors


def is_workbook(request: HttpRequest) -> bool:
    return request.content_type == CONTENT_TYPE


def read_workbook(request: HttpRequest) -> tuple[dict[str, object], dict[str, str]]:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = -1
    if length > MAX_UPLOAD_BYTES:  # refused before the body is read
        raise _refused([Problem("", "file_too_large")], status=413)
    try:
        body = request.body
    except RawPostDataException:
        body = b""
    try:
        value_map = read_value_map(body)
    except ValueMapError as error:
        status = 413 if any(problem.code == "file_too_large" for problem in error.problems) else 422
        raise _refused(error.problems, status=status) from None
    return value_map.payload, value_map.cells


def _refused(problems: list[Problem], *, status: int) -> WorkbookRefused:
    errors: dict[str, list[str]] = {}
    for problem in problems:
        params = {**workbook_texts.PARAMETER_DEFAULTS, **problem.params}
        text = str(workbook_texts.MESSAGES[problem.code]) % params
        errors.setdefault(problem.ref or NON_FIELD, []).append(text)
    whole_file = errors.get(NON_FIELD)
    detail = whole_file[0] if whole_file and len(errors) == 1 else str(workbook_texts.WORKBOOK_INVALID)
    return WorkbookRefused(status, detail, errors)


def by_cell(errors: dict[str, list[str]], cells: dict[str, str]) -> dict[str, list[str]]:
    """Errors keyed by payload path ("outcomes[0].deadweight") re-keyed by the cell it came from."""
    moved: dict[str, list[str]] = {}
    for path, texts in errors.items():
        moved.setdefault(cells.get(path, path), []).extend(texts)
    return moved
