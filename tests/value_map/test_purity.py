"""The reader and writer are pure (no Django), and every message id they can return has a translated text."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from openpyxl import xml as openpyxl_xml

from value_map.messages import MESSAGES

PURE_MODULES = ("value_map.archive", "value_map.cells", "value_map.layout", "value_map.reader", "value_map.writer")
APP = Path(__file__).resolve().parents[2] / "value_map"
CODE_PATTERNS = (
    r'ArchiveProblem\("(\w+)"\)',
    r'Problem\([^()]*?, "(\w+)"',
    r'self\.add\([^()]*?, "(\w+)"',
    r'return None, "(\w+)"',
    r'\(None, "(\w+)"\)',
)


def test_the_reader_and_writer_import_no_django():
    imports = "; ".join(f"import {module}" for module in PURE_MODULES)
    check = f"import sys; {imports}; print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_every_message_id_in_the_source_has_a_text():
    source = "\n".join((APP / f"{name}.py").read_text() for name in ("archive", "cells", "reader"))
    codes = {code for pattern in CODE_PATTERNS for code in re.findall(pattern, source)}
    assert len(codes) >= 25
    assert codes - set(MESSAGES) == set()


def test_openpyxl_parses_the_upload_through_defusedxml():
    # defusedxml is pinned in requirements.txt; without it an entity bomb in a sheet would be expanded.
    assert openpyxl_xml.DEFUSEDXML is True
