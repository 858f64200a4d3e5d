"""CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel reads Thai), safe against formula injection."""

import csv
import io
from collections.abc import Iterable

from django.http import HttpResponse

BOM = "\ufeff"
# A spreadsheet treats a cell starting with one of these as a formula (tab and CR can hide one).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """The cell's text, with a leading quote when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def spreadsheet_csv(rows: Iterable[Iterable[object]]) -> str:
    """CSV text for Excel and LibreOffice: a BOM first (so Thai reads as UTF-8), every cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for cells in rows:
        writer.writerow([safe_cell(cell) for cell in cells])
    return BOM + buffer.getvalue()


def csv_download(text: str, *, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
