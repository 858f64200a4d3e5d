"""Read an uploaded SROI Value Map workbook (.xlsx) into the JSON calculator's payload: pure Python, no Django.

``read_value_map(data)`` returns a ``ValueMap``: ``payload`` is the dict ``reports.sroi.build_calculation``
takes (numbers as Decimal, kept exact; outcomes also carry stakeholder, indicator_code and proxy_source), and
``cells`` maps each payload path ("outcomes[0].deadweight", "inputs", "discount_rate") to the cell or range it
came from, so the engine's own errors can be shown as "Outcomes!J3". Otherwise it raises ``ValueMapError`` with
every problem found, each a ``Problem(ref, code, params)``; ``ref`` is a cell ("Outcomes!F7"), a range, a sheet
name, or "" for the whole file; ``code`` is a message id in ``value_map.messages.MESSAGES``.

Safety: the bytes pass ``archive.open_workbook_zip`` first (size, zip bomb, macros, external links); openpyxl
opens them read-only with ``data_only=False`` (a formula stays its text and is refused, never evaluated) and
``keep_links=False``; openpyxl parses XML through defusedxml. Rows are streamed and the reading stops after
``MAX_DATA_ROWS`` rows, columns after ``MAX_COLUMNS``. Every cell a value is read from must hold a value, not
a formula; the export's derived columns (``layout.DERIVED``) may hold formulas, which are ignored unless they
point at another file.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import openpyxl
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from core.text import clean_text
from value_map import layout
from value_map.archive import ArchiveProblem, merged_ranges, open_workbook_zip
from value_map.cells import READERS, is_empty

MAX_DATA_ROWS = 1000  # rows from row 3 on, blank ones included; the calculator takes 200 inputs and 200 outcomes
MAX_COLUMNS = 64
EXTERNAL_REFERENCE = re.compile(r"\[[^\]]*\]|\.xls|https?:|file:", re.IGNORECASE)
ALL = ""


@dataclass(frozen=True)
class Problem:
    ref: str
    code: str
    params: dict[str, object] = field(default_factory=dict)


@dataclass
class ValueMap:
    payload: dict[str, object]
    cells: dict[str, str]


class ValueMapError(ValueError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(f"{problem.ref or 'workbook'}: {problem.code}" for problem in problems))


def read_value_map(data: bytes) -> ValueMap:
    stream = io.BytesIO(data)
    try:
        archive = open_workbook_zip(data, stream)
    except ArchiveProblem as problem:
        raise ValueMapError([Problem(ALL, problem.code)]) from None
    workbook = None
    try:
        workbook = openpyxl.load_workbook(stream, read_only=True, data_only=False, keep_links=False)
        return _read(workbook, archive)
    except ValueMapError:
        raise
    except Exception:  # any failure to parse an untrusted file (bad XML, entities, odd parts) is "not readable"
        raise ValueMapError([Problem(ALL, "unreadable")]) from None
    finally:
        if workbook is not None:
            workbook.close()
        archive.close()


def _read(workbook, archive) -> ValueMap:
    problems: list[Problem] = []
    for sheet in workbook.worksheets + list(getattr(workbook, "chartsheets", [])):
        if getattr(sheet, "sheet_state", "visible") != "visible":
            problems.append(Problem(sheet.title, "hidden_sheet", {"sheet": sheet.title}))
    names = set(workbook.sheetnames)
    if not names & set(layout.SHEETS) and not any(_has_any_value(workbook[name]) for name in workbook.sheetnames):
        raise ValueMapError([Problem(ALL, "empty_workbook")])
    for sheet_name in layout.SHEETS:
        if sheet_name not in names:
            problems.append(Problem(sheet_name, "missing_sheet", {"sheet": sheet_name}))
    if problems:
        raise ValueMapError(problems)

    reader = _SheetReader(problems)
    sheets = {}
    for sheet_name in layout.SHEETS:
        worksheet = workbook[sheet_name]
        for merged in merged_ranges(archive, worksheet._worksheet_path):
            problems.append(Problem(f"{sheet_name}!{merged}", "merged_cells"))
            break
        sheets[sheet_name] = reader.read_sheet(sheet_name, worksheet)
    if all(not rows and not header for header, rows in sheets.values()):
        raise ValueMapError([Problem(ALL, "empty_workbook")])
    if problems:
        raise ValueMapError(problems)
    return _assemble(sheets)


def _has_any_value(worksheet) -> bool:
    for row in worksheet.iter_rows(max_row=MAX_DATA_ROWS, max_col=MAX_COLUMNS, values_only=True):
        if any(not is_empty(value) for value in row):
            return True
    return False


Row = tuple[int, dict[str, object], dict[str, str]]  # (row number, key → value, key → cell reference)


class _SheetReader:
    def __init__(self, problems: list[Problem]):
        self.problems = problems

    def add(self, ref: str, code: str, **params: object) -> None:
        self.problems.append(Problem(ref, code, params))

    def read_sheet(self, sheet: str, worksheet) -> tuple[dict[str, int], list[Row]]:
        """({key: column number}, [data rows]) of one sheet; problems are added to the reader's list."""
        last_row = layout.FIRST_DATA_ROW + MAX_DATA_ROWS - 1
        if worksheet.max_row is not None and worksheet.max_row > last_row:
            self.add(sheet, "too_many_rows", sheet=sheet, limit=MAX_DATA_ROWS)  # the dimension says so: not read
            return {}, []
        rows = worksheet.iter_rows(min_row=1, max_row=last_row + 1, max_col=MAX_COLUMNS)
        header: dict[str, int] = {}
        data: list[Row] = []
        for number, cells in enumerate(rows, start=1):
            if number > last_row:
                if any(not is_empty(cell.value) for cell in cells):
                    self.add(sheet, "too_many_rows", sheet=sheet, limit=MAX_DATA_ROWS)
                break
            if number == layout.LABEL_ROW:
                self._check_external(sheet, number, cells)
            elif number == layout.KEY_ROW:
                header = self._header(sheet, cells)
            else:
                row = self._data_row(sheet, number, cells, header)
                if row is not None:
                    data.append(row)
        return header, data

    def _check_external(self, sheet: str, number: int, cells) -> None:
        for column, cell in enumerate(cells, start=1):
            formula = _formula_text(cell)
            if formula is not None and EXTERNAL_REFERENCE.search(formula):
                self.add(layout.cell_ref(sheet, column, number), "external_formula")

    def _header(self, sheet: str, cells) -> dict[str, int]:
        known = layout.columns_by_key(sheet)
        derived = layout.derived_keys(sheet)
        header: dict[str, int] = {}
        for column, cell in enumerate(cells, start=1):
            ref = layout.cell_ref(sheet, column, layout.KEY_ROW)
            if _formula_text(cell) is not None:
                self.add(ref, "formula")
                continue
            if is_empty(cell.value):
                continue
            key = clean_text(str(cell.value)).lower()
            if key not in known and key not in derived:
                self.add(ref, "unknown_key", key=key[:40])
            elif key in header:
                self.add(ref, "duplicate_key", key=key)
            else:
                header[key] = column
        if not header:
            self.add(f"{sheet}!{layout.KEY_ROW}:{layout.KEY_ROW}", "no_header", sheet=sheet)
            return header
        for column in layout.COLUMNS[sheet]:
            if column.required and column.key not in header:
                self.add(f"{sheet}!{layout.KEY_ROW}:{layout.KEY_ROW}", "missing_key", key=column.key)
        return header

    def _data_row(self, sheet: str, number: int, cells, header: dict[str, int]) -> Row | None:
        known = layout.columns_by_key(sheet)
        keyed_columns = set(header.values())
        values: dict[str, object] = {}
        refs: dict[str, str] = {}
        problems_before = len(self.problems)
        filled = False
        for column, cell in enumerate(cells, start=1):
            ref = layout.cell_ref(sheet, column, number)
            formula = _formula_text(cell)
            if formula is not None and EXTERNAL_REFERENCE.search(formula):
                self.add(ref, "external_formula")
                continue
            # With no header row at all, one message says so; otherwise a value needs a key above it.
            if column not in keyed_columns and header and (formula is not None or not is_empty(cell.value)):
                self.add(ref, "no_key_for_column")
        for key, column in header.items():
            if key not in known:
                continue  # a derived column: written by the export, ignored here
            ref = layout.cell_ref(sheet, column, number)
            cell = cells[column - 1] if column - 1 < len(cells) else None
            value = None if cell is None else cell.value
            refs[key] = ref
            if cell is not None and _formula_text(cell) is not None:
                if not EXTERNAL_REFERENCE.search(_formula_text(cell) or ""):
                    self.add(ref, "formula")
                filled = True
                continue
            if cell is not None and getattr(cell, "data_type", None) == "e":
                self.add(ref, "error_value")
                filled = True
                continue
            if is_empty(value):
                values[key] = None
                continue
            filled = True
            parsed, code = READERS[known[key].kind](value)
            if code:
                self.add(ref, code)
            values[key] = parsed
        if not filled and len(self.problems) == problems_before:
            return None
        return number, values, refs


def _formula_text(cell) -> str | None:
    value = getattr(cell, "value", None)
    if isinstance(value, ArrayFormula):
        return value.text or "="
    if isinstance(value, DataTableFormula):
        return "="
    if getattr(cell, "data_type", None) == "f":
        return str(value)
    return None


def _assemble(sheets: dict[str, tuple[dict[str, int], list[Row]]]) -> ValueMap:
    payload: dict[str, object] = {}
    cells: dict[str, str] = {}

    settings_header, settings_rows = sheets[layout.SETTINGS]
    extra = settings_rows[1:]
    if extra:
        first_extra = extra[0]
        raise ValueMapError([Problem(f"{layout.SETTINGS}!{first_extra[0]}:{first_extra[0]}", "settings_one_row")])
    settings_values = settings_rows[0][1] if settings_rows else {}
    for column in layout.COLUMNS[layout.SETTINGS]:
        if column.key in settings_header:
            cells[column.key] = layout.cell_ref(layout.SETTINGS, settings_header[column.key], layout.FIRST_DATA_ROW)
            if settings_rows:
                cells[column.key] = settings_rows[0][2][column.key]
        value = settings_values.get(column.key)
        if value is not None or column.required:
            payload[column.key] = value

    for sheet, path in ((layout.INPUTS, "inputs"), (layout.OUTCOMES, "outcomes")):
        header, rows = sheets[sheet]
        items = []
        for index, (_number, values, refs) in enumerate(rows):
            item = {key: value for key, value in values.items() if value is not None or _is_required(sheet, key)}
            items.append(item)
            for key, ref in refs.items():
                cells[f"{path}[{index}].{key}"] = ref
            cells[f"{path}[{index}]"] = refs[next(iter(refs))] if refs else sheet
        payload[path] = items
        cells[path] = _column_range(sheet, header, rows, "amount" if sheet == layout.INPUTS else "name")
    return ValueMap(payload, cells)


def _is_required(sheet: str, key: str) -> bool:
    return layout.columns_by_key(sheet)[key].required


def _column_range(sheet: str, header: dict[str, int], rows: list[Row], key: str) -> str:
    if key not in header or not rows:
        return sheet
    letter = layout.column_letter(header[key])
    return f"{sheet}!{letter}{rows[0][0]}:{letter}{rows[-1][0]}"
