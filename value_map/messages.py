"""Translatable texts for the Value Map reader's message ids (the reader itself is pure and returns ids).

A message may use %(sheet)s, %(key)s and %(limit)s; the reader passes those it names.
"""

from django.utils.translation import gettext_lazy as _

from value_map.archive import MAX_UPLOAD_BYTES

UPLOAD_LIMIT_MB = MAX_UPLOAD_BYTES // (1024 * 1024)

MESSAGES = {
    "empty_file": _("The file is empty. Upload the filled-in Value Map workbook (.xlsx)."),
    "file_too_large": _("The file is too large: upload a workbook of at most %(limit)s MB."),
    "old_or_protected": _(
        "This is an old Excel file (.xls) or a password-protected workbook. "
        "Save it as an Excel workbook (.xlsx) without a password and upload it again."
    ),
    "not_xlsx": _("This file is not an Excel workbook (.xlsx). A CSV or another format cannot be read."),
    "zip_not_workbook": _("This is a zip file but not an Excel workbook (.xlsx)."),
    "zip_bomb": _("The workbook unpacks to too much data to be read safely. Remove what the value map does not need."),
    "macros": _("Workbooks with macros (.xlsm) are not accepted. Save it as an Excel workbook (.xlsx) without macros."),
    "external_links": _("The workbook links to other files. Replace the links with their values and upload it again."),
    "unreadable": _("The workbook cannot be read; it may be damaged. Open it in a spreadsheet program and save again."),
    "hidden_sheet": _("The sheet “%(sheet)s” is hidden. Show or delete hidden sheets, then upload again."),
    "empty_workbook": _(
        "The workbook is empty. Download the template and fill in the sheets Settings, Inputs and Outcomes."
    ),
    "missing_sheet": _(
        "The sheet “%(sheet)s” is missing. Use the template, which has the sheets Settings, Inputs and Outcomes."
    ),
    "merged_cells": _("Merged cells cannot be read. Unmerge these cells and put each value in its own cell."),
    "too_many_rows": _("The sheet “%(sheet)s” has too many rows: at most %(limit)s rows of data from row 3."),
    "external_formula": _("This formula refers to another file. Type the value instead."),
    "formula": _("This cell holds a formula. Type the value instead (copy it and paste as values)."),
    "unknown_key": _("Unknown column key “%(key)s” in row 2. Use the keys of the template."),
    "duplicate_key": _("The column key “%(key)s” appears twice in row 2."),
    "no_header": _("Row 2 of the sheet “%(sheet)s” must hold the column keys of the template."),
    "missing_key": _("Row 2 has no column with the key “%(key)s”."),
    "no_key_for_column": _("This value is in a column without a key in row 2."),
    "error_value": _("This cell holds an error value such as #DIV/0!. Enter a number."),
    "settings_one_row": _("The sheet Settings takes one row of data, in row 3."),
    "number_text_too_long": _("This number is too long."),
    "cell_not_a_number": _("Enter a number, for example 1000 or 1,000.50."),
    "date_not_number": _("This cell holds a date. Enter a number (format the cell as a number)."),
    "date_not_text": _("This cell holds a date. Enter text."),
    "cell_not_text": _("Enter text."),
    "text_too_long": _("This text is too long: at most 1,000 characters."),
    "cell_not_a_boolean": _("Enter TRUE or FALSE."),
}

PARAMETER_DEFAULTS = {"limit": UPLOAD_LIMIT_MB}
WORKBOOK_BODY_TOO_LARGE = MESSAGES["file_too_large"]
WORKBOOK_INVALID = _("The workbook has problems. See the message for each cell.")
