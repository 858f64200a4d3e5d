"""Checks on an uploaded workbook's bytes and zip container, before openpyxl sees it: pure Python, no Django.

An .xlsx file is a zip of XML parts. Refused here, each with its own message id: an empty file, a file over
``MAX_UPLOAD_BYTES``, an old .xls or a password-protected workbook (both are OLE compound files, not zips), any
other non-zip (CSV, random bytes), a zip that is no spreadsheet, a macro-enabled workbook (.xlsm: a
vbaProject.bin part, a macroEnabled content type or an Excel 4.0 macro sheet), links to other workbooks
(xl/externalLinks/), and a zip bomb: more than ``MAX_MEMBERS`` parts, or parts that unpack to more than
``MAX_UNPACKED_BYTES`` in all or ``MAX_PART_BYTES`` alone. Python's zipfile never yields more than a part's
declared size, so the declared sizes bound what any later reader unpacks.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator

MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # 5 MB: a 200-outcome value map is well under 100 KB
MAX_UNPACKED_BYTES = 40 * 1024 * 1024
MAX_PART_BYTES = 20 * 1024 * 1024
MAX_MEMBERS = 500

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and every password-protected Office file
CONTENT_TYPES = "[Content_Types].xml"
WORKBOOK_TYPES = (
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
)
# .xlsm/.xltm content types, VBA projects, and Excel 4.0 (XLM) macro sheets.
MACRO_MARKERS = (b"macroEnabled", b"vbaProject", b"macrosheet+xml", b"intlmacrosheet")
MERGE_CELL = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*?\bref=\"([A-Za-z0-9:$]+)\"")
SCAN_CHUNK = 1024 * 1024
SCAN_OVERLAP = 256


class ArchiveProblem(Exception):
    """The upload is refused as a whole; ``code`` is a message id in value_map.messages.MESSAGES."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def open_workbook_zip(data: bytes, stream: object) -> zipfile.ZipFile:
    """Check ``data`` (also given as a file-like ``stream``) and return its zip, or raise ArchiveProblem."""
    if not data:
        raise ArchiveProblem("empty_file")
    if len(data) > MAX_UPLOAD_BYTES:
        raise ArchiveProblem("file_too_large")
    if data.startswith(OLE_MAGIC):
        raise ArchiveProblem("old_or_protected")
    if not data.startswith(ZIP_MAGIC):
        raise ArchiveProblem("not_xlsx")
    try:
        archive = zipfile.ZipFile(stream)
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise ArchiveProblem("not_xlsx") from None
    try:
        _check_members(archive, members)
    except BaseException:
        archive.close()
        raise
    return archive


def _check_members(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_MEMBERS:
        raise ArchiveProblem("zip_bomb")
    if any(member.file_size > MAX_PART_BYTES for member in members):
        raise ArchiveProblem("zip_bomb")
    if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        raise ArchiveProblem("zip_bomb")
    if any(member.flag_bits & 0x1 for member in members):  # an encrypted part
        raise ArchiveProblem("old_or_protected")
    names = {member.filename for member in members}
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise ArchiveProblem("macros")
    if CONTENT_TYPES not in names:
        raise ArchiveProblem("zip_not_workbook")
    try:
        content_types = archive.read(CONTENT_TYPES)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise ArchiveProblem("not_xlsx") from None
    if any(marker in content_types for marker in MACRO_MARKERS):
        raise ArchiveProblem("macros")
    if not any(kind in content_types for kind in WORKBOOK_TYPES):
        raise ArchiveProblem("zip_not_workbook")
    if any(name.lower().startswith("xl/externallinks/") for name in names):
        raise ArchiveProblem("external_links")


def merged_ranges(archive: zipfile.ZipFile, part: str) -> Iterator[str]:
    """The ranges of a sheet part's <mergeCell> elements, scanning its XML in chunks (never parsed whole)."""
    with archive.open(part.lstrip("/")) as source:
        tail = b""
        while chunk := source.read(SCAN_CHUNK):
            window = tail + chunk
            for match in MERGE_CELL.finditer(window):
                yield match.group(1).decode("ascii").replace("$", "")
            tail = window[-SCAN_OVERLAP:]
            # A match wholly inside the kept tail would be found twice; callers only need the first.
