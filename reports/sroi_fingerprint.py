"""Which SROI engine froze a report's results: a digest of the engine's own source (pure, standard library).

Listings and benchmarks read the totals frozen on each report, the detail page reads them too; when the engine's
code changes, the digest changes and ``manage.py refreeze_results`` (run by every deploy and ``make run``)
recomputes the frozen totals, so a list and a detail page can never disagree about a report. A digest of the source
rather than a version number nobody remembers to raise: an edit that changes nothing costs one harmless recompute.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The modules that decide the frozen figures (inputs, present value, ratio); sensitivity is never frozen.
ENGINE_SOURCES = (HERE / "sroi.py", HERE / "sroi_validation.py")
FINGERPRINT_LENGTH = 16


def fingerprint(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:FINGERPRINT_LENGTH]


ENGINE_FINGERPRINT = fingerprint(ENGINE_SOURCES)
